#!/usr/bin/env python3
"""Drives `sluice serve`'s S3 multipart extras with the real boto3: the transfer manager's copy of an object above its
multipart threshold (HeadObject, CreateMultipartUpload, UploadPartCopy with x-amz-copy-source-range per part,
CompleteMultipartUpload), upload_part_copy by hand with a range and conditions, and ListMultipartUploads through its
paginator (prefix, delimiter, key and upload id markers). Usage: boto3_s3_copy.py URL"""
import hashlib
import io
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

url = sys.argv[1]
s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
MiB = 1024 * 1024


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


B = "copy-bucket"
s3.create_bucket(Bucket=B)
data = os.urandom(20 * MiB + 12345)
s3.put_object(Bucket=B, Key="models/model.tar.gz", Body=data, Metadata={"stage": "trained"})

# The transfer manager copies above its threshold in parts, each an UploadPartCopy of a range of the source.
calls = []
s3.meta.events.register("before-call.s3.*", lambda model, **_: calls.append(model.name))
config = TransferConfig(multipart_threshold=8 * MiB, multipart_chunksize=8 * MiB, max_concurrency=2)
s3.copy({"Bucket": B, "Key": "models/model.tar.gz"}, B, "archive/model copy.tar.gz", Config=config)
check(calls.count("UploadPartCopy") == 3 and "CompleteMultipartUpload" in calls, calls)
copied = s3.get_object(Bucket=B, Key="archive/model copy.tar.gz")
check(copied["Body"].read() == data, "the copy has the source's bytes")
check(copied["ETag"].endswith('-3"'), copied["ETag"])

# upload_part_copy by hand: a range, the source's ETag as a condition, then a normal last part.
upload = s3.create_multipart_upload(Bucket=B, Key="joined.bin")["UploadId"]
part = s3.upload_part_copy(Bucket=B, Key="joined.bin", UploadId=upload, PartNumber=1,
                           CopySource={"Bucket": B, "Key": "models/model.tar.gz"},
                           CopySourceRange=f"bytes=0-{5 * MiB - 1}",
                           CopySourceIfMatch=s3.head_object(Bucket=B, Key="models/model.tar.gz")["ETag"])
check(part["CopyPartResult"]["ETag"] == '"%s"' % hashlib.md5(data[:5 * MiB]).hexdigest(), part)
check(error_of(s3.upload_part_copy, Bucket=B, Key="joined.bin", UploadId=upload, PartNumber=2,
               CopySource={"Bucket": B, "Key": "models/model.tar.gz"}, CopySourceRange="bytes=0-999999999")[0]
      == "InvalidArgument", "a range past the source's end")
check(error_of(s3.upload_part_copy, Bucket=B, Key="joined.bin", UploadId=upload, PartNumber=2,
               CopySource={"Bucket": B, "Key": "models/model.tar.gz"}, CopySourceIfNoneMatch="*")
      == ("PreconditionFailed", 412), "x-amz-copy-source-if-none-match")
check(error_of(s3.upload_part_copy, Bucket=B, Key="joined.bin", UploadId=upload, PartNumber=2,
               CopySource={"Bucket": B, "Key": "missing"})[0] == "NoSuchKey", "a missing source")
tail = s3.upload_part(Bucket=B, Key="joined.bin", UploadId=upload, PartNumber=2, Body=b"tail")
s3.complete_multipart_upload(Bucket=B, Key="joined.bin", UploadId=upload, MultipartUpload={"Parts": [
    {"PartNumber": 1, "ETag": part["CopyPartResult"]["ETag"]}, {"PartNumber": 2, "ETag": tail["ETag"]}]})
check(s3.get_object(Bucket=B, Key="joined.bin")["Body"].read() == data[:5 * MiB] + b"tail", "joined bytes")

# ListMultipartUploads: uploads in progress, paged one at a time, with a delimiter rolling up a folder.
started = []
for key in ["a.bin", "a.bin", "b.bin", "logs/1", "logs/2"]:
    started.append((key, s3.create_multipart_upload(Bucket=B, Key=key)["UploadId"]))
pages = s3.get_paginator("list_multipart_uploads").paginate(Bucket=B, Delimiter="/", PaginationConfig={"PageSize": 1})
seen, prefixes = [], []
for page in pages:
    seen += [(u["Key"], u["UploadId"]) for u in page.get("Uploads", [])]
    prefixes += [p["Prefix"] for p in page.get("CommonPrefixes", [])]
check(seen == started[:3], seen)
check(prefixes == ["logs/"], prefixes)
logs = s3.list_multipart_uploads(Bucket=B, Prefix="logs/")
check([u["Key"] for u in logs["Uploads"]] == ["logs/1", "logs/2"], logs)
check(all("Initiated" in u and u["StorageClass"] == "STANDARD" for u in logs["Uploads"]), logs)
for key, upload_id in started:
    s3.abort_multipart_upload(Bucket=B, Key=key, UploadId=upload_id)
check("Uploads" not in s3.list_multipart_uploads(Bucket=B), "aborted uploads are gone")
check(error_of(s3.list_multipart_uploads, Bucket="no-such-bucket")[0] == "NoSuchBucket", "missing bucket")

print("boto3 s3 copy: all checks passed")
