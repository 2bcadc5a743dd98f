#!/usr/bin/env python3
"""Drives `sluice serve`'s S3 endpoint with the real boto3, as the SageMaker Python SDK and boto3's transfer manager do:
the default-bucket dance (ListBuckets, HeadBucket 404, CreateBucket), PutObject with checksums, ranged and conditional
GetObject, HeadObject, ListObjects v1 and v2 with delimiters and pages, CopyObject, DeleteObject(s), a multipart
upload_file/download_file of more than 8 MiB, presigned URLs and S3's XML errors. Usage: boto3_s3.py URL"""
import hashlib
import os
import sys
import tempfile
import urllib.request

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

url = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def error_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    check(False, f"{call.__name__} should have failed")


# The SDK's default_bucket(): ListBuckets, HeadBucket (404 = missing), CreateBucket.
check(s3.list_buckets()["Buckets"] == [], "no buckets at first")
check(error_of(s3.head_bucket, Bucket="sagemaker-us-east-1-000000000000") == ("404", 404), "HeadBucket of a missing bucket")
s3.create_bucket(Bucket="sagemaker-us-east-1-000000000000")
check(error_of(s3.create_bucket, Bucket="sagemaker-us-east-1-000000000000")[0] == "BucketAlreadyOwnedByYou", "second CreateBucket")
check(error_of(s3.create_bucket, Bucket="Bad_Name")[0] == "InvalidBucketName", "bad bucket name")
s3.head_bucket(Bucket="sagemaker-us-east-1-000000000000")
bucket = boto3.resource("s3", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test",
                        aws_secret_access_key="test").Bucket("sagemaker-us-east-1-000000000000")
check(bucket.creation_date is not None, "Bucket.creation_date (the SDK's existence check)")
B = "sagemaker-us-east-1-000000000000"

# PutObject as botocore sends it (x-amz-checksum-crc32, Expect: 100-continue), metadata, content type.
body = b"print('preprocess')\n"
put = s3.put_object(Bucket=B, Key="demo/code/abc/preprocess.py", Body=body, ContentType="text/x-python",
                    Metadata={"owner": "team-a"})
check(put["ETag"] == '"%s"' % hashlib.md5(body).hexdigest(), put)
got = s3.get_object(Bucket=B, Key="demo/code/abc/preprocess.py", ChecksumMode="ENABLED")
check(got["Body"].read() == body, "GetObject bytes")
check(got["ContentType"] == "text/x-python" and got["Metadata"] == {"owner": "team-a"}, got)
check("ChecksumCRC32" in got, "the verified CRC32 comes back")
head = s3.head_object(Bucket=B, Key="demo/code/abc/preprocess.py")
check(head["ContentLength"] == len(body) and head["ETag"] == put["ETag"], head)
check(error_of(s3.head_object, Bucket=B, Key="nope") == ("404", 404), "HeadObject of a missing key")
check(error_of(s3.get_object, Bucket=B, Key="nope")[0] == "NoSuchKey", "GetObject of a missing key")
check(error_of(s3.get_object, Bucket="no-such-bucket", Key="k")[0] == "NoSuchBucket", "GetObject of a missing bucket")
check(error_of(s3.put_object, Bucket=B, Key="k", Body=b"x", ContentMD5="1B2M2Y8AsgTpgAmY7PhCfg==")[0] == "BadDigest", "Content-MD5 mismatch")

# Ranges: closed, open-ended, suffix, past the end; conditional GET.
data = bytes(range(256)) * 4
s3.put_object(Bucket=B, Key="bytes.bin", Body=data)
r = s3.get_object(Bucket=B, Key="bytes.bin", Range="bytes=10-19")
check(r["Body"].read() == data[10:20] and r["ContentRange"] == "bytes 10-19/1024" and r["ResponseMetadata"]["HTTPStatusCode"] == 206, r)
check(s3.get_object(Bucket=B, Key="bytes.bin", Range="bytes=1000-")["Body"].read() == data[1000:], "open-ended range")
check(s3.get_object(Bucket=B, Key="bytes.bin", Range="bytes=-24")["Body"].read() == data[-24:], "suffix range")
check(error_of(s3.get_object, Bucket=B, Key="bytes.bin", Range="bytes=5000-") == ("InvalidRange", 416), "unsatisfiable range")
etag = s3.head_object(Bucket=B, Key="bytes.bin")["ETag"]
check(error_of(s3.get_object, Bucket=B, Key="bytes.bin", IfNoneMatch=etag)[1] == 304, "If-None-Match")
check(error_of(s3.get_object, Bucket=B, Key="bytes.bin", IfMatch='"0"')[0] == "PreconditionFailed", "If-Match")

# Listings: v2 with delimiter and continuation, v1 through the resource API (the SDK's list_s3_files), odd keys.
for i in range(7):
    s3.put_object(Bucket=B, Key=f"out/part-{i}.csv", Body=b"x" * i)
s3.put_object(Bucket=B, Key="out/sub dir/a+b=c.csv", Body=b"odd")
top = s3.list_objects_v2(Bucket=B, Delimiter="/")
check([p["Prefix"] for p in top["CommonPrefixes"]] == ["demo/", "out/"] and [o["Key"] for o in top["Contents"]] == ["bytes.bin"], top)
keys = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=B, Prefix="out/", PaginationConfig={"PageSize": 3}) for o in page.get("Contents", [])]
check(keys == [f"out/part-{i}.csv" for i in range(7)] + ["out/sub dir/a+b=c.csv"], keys)
v1 = [o.key for o in bucket.objects.filter(Prefix="out/")]
check(v1 == keys, v1)
v1_pages = [o["Key"] for page in s3.get_paginator("list_objects").paginate(Bucket=B, Prefix="out/", PaginationConfig={"PageSize": 2}) for o in page.get("Contents", [])]
check(v1_pages == keys, v1_pages)
check(s3.get_object(Bucket=B, Key="out/sub dir/a+b=c.csv")["Body"].read() == b"odd", "a key with a space, + and =")

# Copy, delete, delete many.
copy = s3.copy_object(Bucket=B, Key="copied.py", CopySource={"Bucket": B, "Key": "demo/code/abc/preprocess.py"})
check(copy["CopyObjectResult"]["ETag"] == put["ETag"], copy)
check(s3.head_object(Bucket=B, Key="copied.py")["ContentType"] == "text/x-python", "copy keeps metadata")
s3.delete_object(Bucket=B, Key="copied.py")
s3.delete_object(Bucket=B, Key="copied.py")  # deleting a missing key is fine
deleted = s3.delete_objects(Bucket=B, Delete={"Objects": [{"Key": f"out/part-{i}.csv"} for i in range(7)]})
check(len(deleted["Deleted"]) == 7, deleted)
check([o["Key"] for o in s3.list_objects_v2(Bucket=B, Prefix="out/")["Contents"]] == ["out/sub dir/a+b=c.csv"], "after DeleteObjects")

# Multipart with the transfer manager (8 MiB parts, in parallel), ranged parallel download.
with tempfile.TemporaryDirectory() as folder:
    big = os.path.join(folder, "big.bin")
    with open(big, "wb") as f:
        f.write(os.urandom(9 * 1024 * 1024 + 123))
    config = TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024)
    s3.upload_file(big, B, "models/big.bin", Config=config)
    head = s3.head_object(Bucket=B, Key="models/big.bin")
    check(head["ContentLength"] == 9 * 1024 * 1024 + 123 and head["ETag"].endswith('-2"'), head)
    back = os.path.join(folder, "back.bin")
    s3.download_file(B, "models/big.bin", back, Config=TransferConfig(multipart_threshold=1024 * 1024, multipart_chunksize=1024 * 1024))
    check(open(back, "rb").read() == open(big, "rb").read(), "download_file gives the same bytes")

# Multipart by hand: ListParts, a too-small part, abort.
upload = s3.create_multipart_upload(Bucket=B, Key="manual.bin")["UploadId"]
p1 = s3.upload_part(Bucket=B, Key="manual.bin", UploadId=upload, PartNumber=1, Body=b"a" * 10)
p2 = s3.upload_part(Bucket=B, Key="manual.bin", UploadId=upload, PartNumber=2, Body=b"b" * 10)
check([p["PartNumber"] for p in s3.list_parts(Bucket=B, Key="manual.bin", UploadId=upload)["Parts"]] == [1, 2], "ListParts")
parts = {"Parts": [{"PartNumber": 1, "ETag": p1["ETag"]}, {"PartNumber": 2, "ETag": p2["ETag"]}]}
check(error_of(s3.complete_multipart_upload, Bucket=B, Key="manual.bin", UploadId=upload, MultipartUpload=parts)[0] == "EntityTooSmall", "small part")
s3.abort_multipart_upload(Bucket=B, Key="manual.bin", UploadId=upload)
check(error_of(s3.list_parts, Bucket=B, Key="manual.bin", UploadId=upload)[0] == "NoSuchUpload", "aborted upload")

# A presigned URL works with a plain HTTP client.
presigned = s3.generate_presigned_url("get_object", Params={"Bucket": B, "Key": "bytes.bin"}, ExpiresIn=300)
check(urllib.request.urlopen(presigned).read() == data, "presigned GET")

# Clients that send aws-chunked bodies with a trailing checksum (HTTPS defaults; forced here).
chunked = boto3.client("s3", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
                       config=Config(request_checksum_calculation="when_supported", s3={"payload_signing_enabled": False}))
import io
chunked.upload_fileobj(io.BytesIO(b"streamed body " * 1000), B, "chunked.txt")
check(s3.get_object(Bucket=B, Key="chunked.txt")["Body"].read() == b"streamed body " * 1000, "aws-chunked framing is not stored")

# STS GetCallerIdentity (query protocol) answers with the configured account.
sts = boto3.client("sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
identity = sts.get_caller_identity()
check(identity["Account"] == "000000000000" and identity["UserId"] == "test", identity)

# A definition of 100 KB or more goes through S3, as pipeline.upsert() sends it: PipelineDefinitionS3Location.
import json
sm = boto3.client("sagemaker", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
definition = {"Version": "2020-12-01", "Metadata": {"note": "x" * 110_000}, "Parameters": [],
              "Steps": [{"Name": "Stop", "Type": "Fail", "Arguments": {"ErrorMessage": "from S3"}}]}
s3.put_object(Bucket=B, Key="big-pipeline/definition.json", Body=json.dumps(definition).encode())
sm.create_pipeline(PipelineName="big-pipeline", RoleArn="arn:aws:iam::111122223333:role/R",
                   PipelineDefinitionS3Location={"Bucket": B, "ObjectKey": "big-pipeline/definition.json"})
check(json.loads(sm.describe_pipeline(PipelineName="big-pipeline")["PipelineDefinition"]) == definition, "definition read from S3")
definition["Steps"][0]["Arguments"]["ErrorMessage"] = "updated in S3"
s3.put_object(Bucket=B, Key="big-pipeline/definition.json", Body=json.dumps(definition).encode())
sm.update_pipeline(PipelineName="big-pipeline", PipelineDefinitionS3Location={"Bucket": B, "ObjectKey": "big-pipeline/definition.json"})
check("updated in S3" in sm.describe_pipeline(PipelineName="big-pipeline")["PipelineDefinition"], "UpdatePipeline from S3")

# Tags, as pipeline.upsert(tags=...) uses them: Tags on create, then ListTags and AddTags.
arn = sm.create_pipeline(PipelineName="tagged-pipeline", RoleArn="arn:aws:iam::111122223333:role/R",
                         PipelineDefinition=json.dumps(definition), Tags=[{"Key": "team", "Value": "a"}])["PipelineArn"]
check(sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "a"}], "tags given on create")
sm.add_tags(ResourceArn=arn, Tags=[{"Key": "team", "Value": "b"}, {"Key": "env", "Value": "dev"}])
sm.delete_tags(ResourceArn=arn, TagKeys=["env"])
check(sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "team", "Value": "b"}], "tags after AddTags and DeleteTags")

# Buckets that still hold objects are not deleted.
check(error_of(s3.delete_bucket, Bucket=B)[0] == "BucketNotEmpty", "DeleteBucket of a full bucket")
s3.create_bucket(Bucket="empty-bucket")
s3.delete_bucket(Bucket="empty-bucket")
check(error_of(s3.head_bucket, Bucket="empty-bucket") == ("404", 404), "deleted bucket")
print("boto3 s3: all checks passed")
