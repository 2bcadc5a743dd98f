#!/usr/bin/env python3
"""Prints the SigV4 vectors that SigV4SignerTests hardcodes, computed by the real botocore (1.43.11 when recorded).

The clock is fixed by patching botocore.auth.get_current_datetime, which SigV4Auth.add_auth reads for
request.context['timestamp']. Run: python3 tests/Sluice.Client.Tests/Signing/botocore_vectors.py
"""
import datetime
import hashlib
from unittest import mock

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

AK, SK = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
WHEN = datetime.datetime(2024, 5, 6, 7, 8, 9)

CASES = [
    ("sagemaker-local-port", "POST", "http://localhost:8080/", "sagemaker", "us-east-1", None,
     {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "SageMaker.ListPipelines"}, b'{"MaxResults":10}'),
    ("sagemaker-https-session-token", "POST", "https://api.sagemaker.eu-west-1.amazonaws.com/", "sagemaker", "eu-west-1",
     "FwoGZXIvYXdzEXAMPLETOKEN+/=",
     {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "SageMaker.DescribePipelineExecution"},
     b'{"PipelineExecutionArn":"arn:aws:sagemaker:eu-west-1:111122223333:pipeline/p/execution/abc123"}'),
    ("sqs-query-mode", "POST", "http://127.0.0.1:9324/", "sqs", "us-west-2", None,
     {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AmazonSQS.ReceiveMessage", "x-amzn-query-mode": "true"},
     b'{"QueueUrl":"http://127.0.0.1:9324/000000000000/q","MaxNumberOfMessages":1,"WaitTimeSeconds":0}'),
    ("get-path-and-query", "GET", "https://example.amazonaws.com:8443/a%20b/./c/../d~e?z=1&a=x%2Fy&a=b&empty=", "service", "us-east-1", None,
     {"X-Amz-Meta":"  spaced   value  "}, b""),
    ("content-sha256-header", "POST", "http://localhost:8080/", "sagemaker", "us-east-1", None,
     {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "SageMaker.ListPipelines",
      "X-Amz-Content-Sha256": hashlib.sha256(b"{}").hexdigest()}, b"{}"),
]

print("botocore", botocore.__version__)
for name, method, url, service, region, token, headers, body in CASES:
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
    auth = SigV4Auth(Credentials(AK, SK, token), service, region)
    captured = []
    original = auth.canonical_request
    auth.canonical_request = lambda r: captured.append(original(r)) or captured[-1]
    with mock.patch("botocore.auth.get_current_datetime", return_value=WHEN):
        auth.add_auth(request)
    print("==", name)
    print(captured[0])
    print("--")
    print(request.headers["Authorization"])
