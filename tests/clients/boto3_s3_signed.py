#!/usr/bin/env python3
"""Drives `sluice serve`'s S3 endpoint with credentials configured: boto3 signing with the right key works (headers,
multipart, presigned URLs), a wrong secret, an unknown key, no signature and a tampered presigned URL are refused with
S3's errors. Usage: boto3_s3_signed.py URL ACCESS_KEY SECRET"""
import sys
import urllib.error
import urllib.request

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

url, key, secret = sys.argv[1:4]


def client(access_key, secret_key, **kwargs):
    return boto3.client("s3", endpoint_url=url, region_name="eu-west-1", aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key, **kwargs)


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def code_of(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    check(False, "the call should have been refused")


s3 = client(key, secret)
s3.create_bucket(Bucket="signed-bucket")
s3.put_object(Bucket="signed-bucket", Key="dir/with space+plus.txt", Body=b"signed")
check(s3.get_object(Bucket="signed-bucket", Key="dir/with space+plus.txt")["Body"].read() == b"signed", "signed GET")
check(s3.list_objects_v2(Bucket="signed-bucket", Prefix="dir/", Delimiter="/")["KeyCount"] == 1, "signed list with a query")
unsigned_payload = client(key, secret, config=Config(s3={"payload_signing_enabled": False}))
unsigned_payload.put_object(Bucket="signed-bucket", Key="unsigned-payload", Body=b"x" * 100)
upload = s3.create_multipart_upload(Bucket="signed-bucket", Key="mp")["UploadId"]
part = s3.upload_part(Bucket="signed-bucket", Key="mp", UploadId=upload, PartNumber=1, Body=b"p")
s3.complete_multipart_upload(Bucket="signed-bucket", Key="mp", UploadId=upload,
                             MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})

check(code_of(client(key, "wrong-secret").get_object, Bucket="signed-bucket", Key="mp") == "SignatureDoesNotMatch", "wrong secret")
check(code_of(client("AKIDUNKNOWN", secret).list_buckets) == "InvalidAccessKeyId", "unknown key")
check(code_of(client(key, secret, config=Config(signature_version=UNSIGNED)).list_buckets) == "AccessDenied", "no signature")

# Presigned URLs: signature version 2 (boto3's default for generate_presigned_url) and version 4.
for signer in (s3, client(key, secret, config=Config(signature_version="s3v4"))):
    presigned = signer.generate_presigned_url("get_object", Params={"Bucket": "signed-bucket", "Key": "mp"}, ExpiresIn=300)
    check(urllib.request.urlopen(presigned).read() == b"p", "presigned GET " + presigned)
    try:
        urllib.request.urlopen(presigned.replace("/mp?", "/unsigned-payload?"))
        check(False, "a presigned URL for another key must be refused")
    except urllib.error.HTTPError as e:
        check(e.code == 403 and b"SignatureDoesNotMatch" in e.read(), e)
v4 = client(key, secret, config=Config(signature_version="s3v4"))
put_url = v4.generate_presigned_url("put_object", Params={"Bucket": "signed-bucket", "Key": "by-url"}, ExpiresIn=300)
urllib.request.urlopen(urllib.request.Request(put_url, data=b"uploaded by URL", method="PUT"))
check(s3.get_object(Bucket="signed-bucket", Key="by-url")["Body"].read() == b"uploaded by URL", "presigned PUT")
sts = boto3.client("sts", endpoint_url=url, region_name="eu-west-1", aws_access_key_id=key, aws_secret_access_key=secret)
check(sts.get_caller_identity()["UserId"] == key, "signed STS GetCallerIdentity")
print("boto3 s3 signed: all checks passed")
