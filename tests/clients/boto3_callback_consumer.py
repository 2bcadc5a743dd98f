#!/usr/bin/env python3
"""The callback consumer pattern (an external batch job reporting to a pipeline), with standard boto3 SQS and SageMaker
clients against `sluice serve`: receive the message a Callback step posts, read token and arguments, do the work,
answer SendPipelineExecutionStepSuccess, delete the message. Usage: boto3_callback_consumer.py URL"""
import json
import sys
import time

import boto3
from botocore.exceptions import ClientError

url = sys.argv[1]
kwargs = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
sm = boto3.client("sagemaker", **kwargs)
sqs = boto3.client("sqs", **kwargs)


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


queue_url = sqs.create_queue(QueueName="batch-jobs")["QueueUrl"]
check(queue_url.endswith("/000000000000/batch-jobs"), queue_url)
definition = {
    "Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": None,
    "Steps": [{"Name": "Batch", "Type": "Callback", "Arguments": {"input": "s3://bucket/in", "size": 3},
               "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/batch-jobs",
               "OutputParameters": [{"OutputName": "rows", "OutputType": "Integer"}]}],
}
sm.create_pipeline(PipelineName="callback-demo", PipelineDefinition=json.dumps(definition), RoleArn="arn:aws:iam::111122223333:role/R")
execution = sm.start_pipeline_execution(PipelineName="callback-demo")["PipelineExecutionArn"]

# The consumer, as the seed's Lambda does it: long-poll the queue, read token and arguments, answer, delete.
messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=1, WaitTimeSeconds=10).get("Messages", [])
check(len(messages) == 1, messages)
body = json.loads(messages[0]["Body"])
check(body["pipelineExecutionArn"] == execution and body["arguments"] == {"input": "s3://bucket/in", "size": 3}, body)
attributes = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["All"])["Attributes"]
check(attributes["ApproximateNumberOfMessagesNotVisible"] == "1", attributes)
sm.send_pipeline_execution_step_success(CallbackToken=body["token"], OutputParameters=[{"Name": "rows", "Value": "1200"}])
sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=messages[0]["ReceiptHandle"])

for _ in range(400):
    status = sm.describe_pipeline_execution(PipelineExecutionArn=execution)["PipelineExecutionStatus"]
    if status != "Executing":
        break
    time.sleep(0.05)
check(status == "Succeeded", status)
step = sm.list_pipeline_execution_steps(PipelineExecutionArn=execution)["PipelineExecutionSteps"][0]
check(step["Metadata"]["Callback"]["OutputParameters"] == [{"Name": "rows", "Value": "1200"}], step)

try:
    sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=messages[0]["ReceiptHandle"])
    check(False, "a deleted message's handle is invalid")
except ClientError as e:
    check(e.response["Error"]["Code"] == "ReceiptHandleIsInvalid", e.response)

try:
    sqs.get_queue_url(QueueName="nope")
    check(False, "an unknown queue")
except sqs.exceptions.QueueDoesNotExist:
    pass

check(any(u.endswith("/batch-jobs") for u in sqs.list_queues()["QueueUrls"]), "list_queues")
print("boto3 callback consumer: all checks passed")
