#!/usr/bin/env python3
"""SQS as clients use it, with standard boto3 against `sluice serve`, once in each protocol: the JSON protocol that
botocore's current model speaks, and the form-encoded query protocol of older SDKs and the AWS CLI v2 Debian ships
(botocore's model rewritten as query, sqs_query_model.py). Queue attributes, per-message delays, message attributes
with their MD5s (checked against SQS's own published digests), the batch operations and errors.
Usage: boto3_sqs.py URL"""
import hashlib
import os
import struct
import subprocess
import sys
import tempfile
import time

url = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def attributes_md5(attributes):
    """MD5OfMessageAttributes as the SQS documentation defines it, independently of the server's code."""
    data = b""
    for name in sorted(attributes):
        value = attributes[name]
        data += struct.pack(">I", len(name.encode())) + name.encode()
        data += struct.pack(">I", len(value["DataType"].encode())) + value["DataType"].encode()
        raw = value["BinaryValue"] if value["DataType"].startswith("Binary") else value["StringValue"].encode()
        data += (b"\x02" if value["DataType"].startswith("Binary") else b"\x01") + struct.pack(">I", len(raw)) + raw
    return hashlib.md5(data).hexdigest()


def run(protocol):
    import boto3
    import botocore.exceptions
    sqs = boto3.client("sqs", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
    check(sqs.meta.service_model.protocol == protocol, sqs.meta.service_model.protocol)
    name = f"orders-{protocol}-{os.getpid()}"
    queue = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "1", "DelaySeconds": "0", "ReceiveMessageWaitTimeSeconds": "10"})["QueueUrl"]
    check(queue.endswith(f"/000000000000/{name}"), queue)
    # The same attributes again are fine; a different value is QueueAlreadyExists (QueueNameExists in JSON).
    sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "1"})
    try:
        sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "5"})
        check(False, "a conflicting CreateQueue succeeded")
    except botocore.exceptions.ClientError as e:
        check(e.response["Error"]["Code"] in ("QueueAlreadyExists", "QueueNameExists"), e.response)
    attributes = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["All"])["Attributes"]
    check(attributes["QueueArn"] == f"arn:aws:sqs:us-east-1:000000000000:{name}", attributes)
    check(attributes["VisibilityTimeout"] == "1" and attributes["MessageRetentionPeriod"] == "345600", attributes)

    # Message attributes: SQS's documented example (aws sqs receive-message), whose digests are published.
    message_attributes = {"PostalCode": {"DataType": "String", "StringValue": "ABC123"}, "City": {"DataType": "String", "StringValue": "Any City"},
                          "Blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01binary"}, "Count": {"DataType": "Number.int", "StringValue": "42"}}
    sent = sqs.send_message(QueueUrl=queue, MessageBody="My first message.", MessageAttributes=message_attributes)
    check(sent["MD5OfMessageBody"] == hashlib.md5(b"My first message.").hexdigest(), sent)
    check(sent["MD5OfMessageAttributes"] == attributes_md5(message_attributes), sent)
    received = sqs.receive_message(QueueUrl=queue, MessageAttributeNames=["PostalCode"], AttributeNames=["SentTimestamp"])["Messages"][0]
    check(received["MD5OfMessageAttributes"].startswith("b8e89563") and received["MD5OfMessageAttributes"].endswith("e088e74f"), received)
    check(received["MessageAttributes"] == {"PostalCode": {"DataType": "String", "StringValue": "ABC123"}}, received)
    check(list(received["Attributes"]) == ["SentTimestamp"], received)
    time.sleep(1.2)  # the queue's VisibilityTimeout of 1 s, not the default 30
    again = sqs.receive_message(QueueUrl=queue, MessageAttributeNames=["All"], AttributeNames=["All"])["Messages"][0]
    check(again["MessageId"] == received["MessageId"] and again["Attributes"]["ApproximateReceiveCount"] == "2", again)
    check(again["MessageAttributes"]["Blob"]["BinaryValue"] == b"\x00\x01binary", again)
    check(again["MD5OfMessageAttributes"] == attributes_md5(message_attributes), again)
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=again["ReceiptHandle"])

    # Batches: a per-message delay, one bad entry reported in Failed, the others sent.
    batch = sqs.send_message_batch(QueueUrl=queue, Entries=[
        {"Id": "now", "MessageBody": "first"},
        {"Id": "later", "MessageBody": "second", "DelaySeconds": 3},
        {"Id": "bad", "MessageBody": "x", "MessageAttributes": {"n": {"DataType": "Number", "StringValue": "not a number"}}},
    ])
    check(sorted(e["Id"] for e in batch["Successful"]) == ["later", "now"], batch)
    check([(e["Id"], e["SenderFault"], e["Code"]) for e in batch["Failed"]] == [("bad", True, "InvalidParameterValue")], batch)
    first = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=0, VisibilityTimeout=60).get("Messages", [])
    check([m["Body"] for m in first] == ["first"], first)
    delayed = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessagesDelayed"])["Attributes"]
    check(delayed == {"ApproximateNumberOfMessagesDelayed": "1"}, delayed)
    started = time.monotonic()
    second = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]  # the queue's 10 s default long poll
    check([m["Body"] for m in second] == ["second"] and time.monotonic() - started < 9, second)
    changed = sqs.change_message_visibility_batch(QueueUrl=queue, Entries=[
        {"Id": "a", "ReceiptHandle": second[0]["ReceiptHandle"], "VisibilityTimeout": 60},
        {"Id": "b", "ReceiptHandle": "no-such-handle", "VisibilityTimeout": 60},
    ])
    check([e["Id"] for e in changed["Successful"]] == ["a"] and changed["Failed"][0]["Code"] == "ReceiptHandleIsInvalid", changed)
    deleted = sqs.delete_message_batch(QueueUrl=queue, Entries=[
        {"Id": "a", "ReceiptHandle": first[0]["ReceiptHandle"]}, {"Id": "b", "ReceiptHandle": second[0]["ReceiptHandle"]}])
    check(sorted(e["Id"] for e in deleted["Successful"]) == ["a", "b"] and not deleted.get("Failed"), deleted)
    try:
        sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": "same", "MessageBody": "1"}, {"Id": "same", "MessageBody": "2"}])
        check(False, "repeated batch ids were accepted")
    except botocore.exceptions.ClientError as e:
        check(e.response["Error"]["Code"] == "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", e.response)

    sqs.set_queue_attributes(QueueUrl=queue, Attributes={"DelaySeconds": "900"})
    check(sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["DelaySeconds"])["Attributes"] == {"DelaySeconds": "900"}, "SetQueueAttributes")
    try:
        sqs.set_queue_attributes(QueueUrl=queue, Attributes={"VisibilityTimeout": "99999"})
        check(False, "an out-of-range VisibilityTimeout was accepted")
    except botocore.exceptions.ClientError as e:
        check(e.response["Error"]["Code"] == "InvalidAttributeValue", e.response)
    check(any(u.endswith("/" + name) for u in sqs.list_queues(QueueNamePrefix="orders-")["QueueUrls"]), "ListQueues")
    sqs.delete_queue(QueueUrl=queue)
    try:
        sqs.get_queue_url(QueueName=name)
        check(False, "a deleted queue was found")
    except botocore.exceptions.ClientError as e:
        check(e.response["Error"]["Code"] in ("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"), e.response)
        check(isinstance(e, sqs.exceptions.QueueDoesNotExist), type(e))


if len(sys.argv) > 2:  # a child run with the query model on AWS_DATA_PATH
    run(sys.argv[2])
    sys.exit(0)
run("json")
with tempfile.TemporaryDirectory() as folder:
    subprocess.run([sys.executable, os.path.join(here, "sqs_query_model.py"), folder], check=True)
    child = subprocess.run([sys.executable, __file__, url, "query"], env={**os.environ, "AWS_DATA_PATH": folder})
    check(child.returncode == 0, "the query protocol run failed")
print("boto3 sqs: all checks passed")
