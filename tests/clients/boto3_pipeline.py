#!/usr/bin/env python3
"""Drives `sluice serve` with the real boto3, as a SageMaker user would: create, start with parameters, complete a
Callback step through the API, wait with boto3's own calls, and read everything back. Usage: boto3_pipeline.py URL"""
import json
import sys
import time

import boto3
from botocore.exceptions import ClientError

url = sys.argv[1]
sm = boto3.client("sagemaker", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")

definition = {
    "Version": "2020-12-01", "Metadata": {},
    "Parameters": [{"Name": "Threshold", "Type": "Integer", "DefaultValue": 5}],
    "PipelineExperimentConfig": None,
    "Steps": [
        {"Name": "Approve", "Type": "Callback", "Arguments": {"threshold": {"Get": "Parameters.Threshold"}},
         "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/approvals",
         "OutputParameters": [{"OutputName": "score", "OutputType": "Integer"}]},
        {"Name": "Check", "Type": "Condition", "Arguments": {
            "Conditions": [{"Type": "GreaterThanOrEqualTo", "LeftValue": {"Get": "Steps.Approve.OutputParameters['score']"},
                            "RightValue": {"Get": "Parameters.Threshold"}}],
            "IfSteps": [], "ElseSteps": [{"Name": "TooLow", "Type": "Fail", "Arguments": {"ErrorMessage": "score too low"}}]}},
    ],
}


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


arn = sm.create_pipeline(PipelineName="boto3-demo", PipelineDefinition=json.dumps(definition),
                         RoleArn="arn:aws:iam::111122223333:role/SageMakerRole")["PipelineArn"]
check(arn == "arn:aws:sagemaker:us-east-1:000000000000:pipeline/boto3-demo", arn)

try:
    sm.create_pipeline(PipelineName="boto3-demo", PipelineDefinition=json.dumps(definition), RoleArn="arn:aws:iam::111122223333:role/R")
    check(False, "a second create must fail")
except ClientError as e:
    check(e.response["Error"]["Code"] == "ValidationException" and "already exists" in e.response["Error"]["Message"], e.response)

updated = sm.update_pipeline(PipelineName="boto3-demo", PipelineDefinition=json.dumps(definition))
check(updated["PipelineVersionId"] == 2, updated)
described = sm.describe_pipeline(PipelineName="boto3-demo")
check(json.loads(described["PipelineDefinition"]) == definition and described["PipelineStatus"] == "Active", described)

execution = sm.start_pipeline_execution(PipelineName="boto3-demo", PipelineParameters=[{"Name": "Threshold", "Value": "7"}])["PipelineExecutionArn"]
check("/execution/" in execution, execution)

# The Callback step's token is in its metadata once it runs.
token = None
for _ in range(200):
    steps = sm.list_pipeline_execution_steps(PipelineExecutionArn=execution)["PipelineExecutionSteps"]
    token = next((s["Metadata"].get("Callback", {}).get("CallbackToken") for s in steps if s["StepName"] == "Approve"), None)
    if token:
        break
    time.sleep(0.05)
check(token and len(token) == 10, steps)
sm.send_pipeline_execution_step_success(CallbackToken=token, OutputParameters=[{"Name": "score", "Value": "3"}])

for _ in range(400):
    status = sm.describe_pipeline_execution(PipelineExecutionArn=execution)
    if status["PipelineExecutionStatus"] not in ("Executing", "Stopping"):
        break
    time.sleep(0.05)
check(status["PipelineExecutionStatus"] == "Failed" and status["FailureReason"] == "score too low", status)

steps = sm.list_pipeline_execution_steps(PipelineExecutionArn=execution)["PipelineExecutionSteps"]
check([s["StepName"] for s in steps] == ["TooLow", "Check", "Approve"], [s["StepName"] for s in steps])
check(steps[1]["Metadata"]["Condition"]["Outcome"] == "False", steps[1])
parameters = sm.list_pipeline_parameters_for_execution(PipelineExecutionArn=execution)["PipelineParameters"]
check(parameters == [{"Name": "Threshold", "Value": "7"}], parameters)
executions = sm.list_pipeline_executions(PipelineName="boto3-demo")["PipelineExecutionSummaries"]
check(executions[0]["PipelineExecutionArn"] == execution, executions)
check(json.loads(sm.describe_pipeline_definition_for_execution(PipelineExecutionArn=execution)["PipelineDefinition"]) == definition, "definition")

try:
    sm.describe_pipeline_execution(PipelineExecutionArn=execution + "x")
    check(False, "unknown execution must fail")
except ClientError as e:
    check(e.response["Error"]["Code"] == "ResourceNotFound", e.response)

try:
    sm.send_pipeline_execution_step_success(CallbackToken=token)
    check(False, "a token answers once")
except ClientError as e:
    check(e.response["Error"]["Code"] == "ConflictException", e.response)

names = [p["PipelineName"] for p in sm.get_paginator("list_pipelines").paginate(PaginationConfig={"PageSize": 1}).build_full_result()["PipelineSummaries"]]
check(names == ["boto3-demo"], names)
versions = sm.list_pipeline_versions(PipelineName="boto3-demo", MaxResults=1)["PipelineVersionSummaries"]
check(versions[0]["PipelineVersionId"] == 2 and versions[0]["LastExecutionPipelineExecutionArn"] == execution, versions)
sm.update_pipeline_execution(PipelineExecutionArn=execution, PipelineExecutionDisplayName="renamed", PipelineExecutionDescription="checked")
renamed = sm.describe_pipeline_execution(PipelineExecutionArn=execution)
check(renamed["PipelineExecutionDisplayName"] == "renamed" and renamed["PipelineExecutionDescription"] == "checked"
      and renamed["PipelineExecutionStatus"] == "Failed", renamed)
token_request = dict(PipelineName="boto3-demo", ClientRequestToken="a" * 36, PipelineParameters=[{"Name": "Threshold", "Value": "1"}])
once = sm.start_pipeline_execution(**token_request)["PipelineExecutionArn"]
again = sm.start_pipeline_execution(**token_request)["PipelineExecutionArn"]
check(once == again, (once, again))
try:
    sm.start_pipeline_execution(PipelineName="boto3-demo", ClientRequestToken="a" * 36)
    check(False, "a token reused with another request must fail")
except ClientError as e:
    check(e.response["Error"]["Code"] == "ValidationException", e.response)
print("boto3 client: all checks passed")
