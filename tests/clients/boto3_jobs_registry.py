#!/usr/bin/env python3
"""Reads back, with the real boto3, what a pipeline's steps made: the processing job (Describe while the step runs
and after), the model and the model registry (describe, list, approve). Usage: boto3_jobs_registry.py URL"""
import json
import sys
import time

import boto3
from botocore.exceptions import ClientError

url = sys.argv[1]
sm = boto3.client("sagemaker", endpoint_url=url, region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")
ROLE = "arn:aws:iam::111122223333:role/SageMakerRole"
IMAGE = "246618743249.dkr.ecr.us-west-2.amazonaws.com/sagemaker-xgboost:1.7-1"
MODEL_DATA = "s3://bucket/models/model.tar.gz"

definition = {
    "Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": None,
    "Steps": [
        {"Name": "Prep", "Type": "Processing", "Arguments": {
            "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
            "AppSpecification": {"ImageUri": IMAGE, "ContainerEntrypoint": ["/bin/sh", "-c", "sleep 1; echo prepared"]},
            "RoleArn": ROLE}},
        {"Name": "CreateModel", "Type": "Model", "DependsOn": ["Prep"], "Arguments": {
            "ExecutionRoleArn": ROLE, "PrimaryContainer": {"Image": IMAGE, "ModelDataUrl": MODEL_DATA}}},
        {"Name": "Register", "Type": "RegisterModel", "DependsOn": ["Prep"], "Arguments": {
            "ModelPackageGroupName": "ChurnModels", "ModelPackageDescription": "churn classifier",
            "ModelApprovalStatus": "PendingManualApproval",
            "InferenceSpecification": {"Containers": [{"Image": IMAGE, "ModelDataUrl": MODEL_DATA}],
                                       "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}}},
    ],
}


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


sm.create_pipeline(PipelineName="jobs-demo", PipelineDefinition=json.dumps(definition), RoleArn=ROLE)
execution = sm.start_pipeline_execution(PipelineName="jobs-demo")["PipelineExecutionArn"]

# The processing job can be described while it runs.
job_name = None
for _ in range(400):
    steps = sm.list_pipeline_execution_steps(PipelineExecutionArn=execution)["PipelineExecutionSteps"]
    prep = next((s for s in steps if s["StepName"] == "Prep"), None)
    if prep and "ProcessingJob" in prep.get("Metadata", {}):
        job_name = prep["Metadata"]["ProcessingJob"]["Arn"].split("/")[-1]
        break
    time.sleep(0.05)
check(job_name, steps)

waiter = sm.get_waiter("processing_job_completed_or_stopped")
waiter.wait(ProcessingJobName=job_name, WaiterConfig={"Delay": 1, "MaxAttempts": 120})
job = sm.describe_processing_job(ProcessingJobName=job_name)
check(job["ProcessingJobStatus"] == "Completed" and job["AppSpecification"]["ImageUri"] == IMAGE, job)
check(job["ProcessingJobArn"].endswith(":processing-job/" + job_name), job)

for _ in range(400):
    status = sm.describe_pipeline_execution(PipelineExecutionArn=execution)["PipelineExecutionStatus"]
    if status not in ("Executing", "Stopping"):
        break
    time.sleep(0.05)
check(status == "Succeeded", status)

steps = {s["StepName"]: s for s in sm.list_pipeline_execution_steps(PipelineExecutionArn=execution)["PipelineExecutionSteps"]}
model_arn = steps["CreateModel"]["Metadata"]["Model"]["Arn"]
model = sm.describe_model(ModelName=model_arn.split("/")[-1])
check(model["ModelArn"] == model_arn and model["PrimaryContainer"]["ModelDataUrl"] == MODEL_DATA, model)

package_arn = steps["Register"]["Metadata"]["RegisterModel"]["Arn"]
package = sm.describe_model_package(ModelPackageName=package_arn)
check(package["ModelApprovalStatus"] == "PendingManualApproval" and package["ModelPackageVersion"] == 1, package)
pending = sm.list_model_packages(ModelPackageGroupName="ChurnModels", ModelApprovalStatus="PendingManualApproval")["ModelPackageSummaryList"]
check([p["ModelPackageArn"] for p in pending] == [package_arn], pending)
check(pending[0]["ModelPackageDescription"] == "churn classifier", pending)

sm.update_model_package(ModelPackageArn=package_arn, ModelApprovalStatus="Approved", ApprovalDescription="looks good")
approved = sm.describe_model_package(ModelPackageName=package_arn)
check(approved["ModelApprovalStatus"] == "Approved" and approved["ApprovalDescription"] == "looks good", approved)
check(sm.list_model_packages(ModelPackageGroupName="ChurnModels", ModelApprovalStatus="PendingManualApproval")["ModelPackageSummaryList"] == [], "approved")

group = sm.describe_model_package_group(ModelPackageGroupName="ChurnModels")
check(group["ModelPackageGroupStatus"] == "Completed" and group["ModelPackageGroupArn"].endswith(":model-package-group/churnmodels"), group)
groups = sm.get_paginator("list_model_package_groups").paginate().build_full_result()["ModelPackageGroupSummaryList"]
check([g["ModelPackageGroupName"] for g in groups] == ["ChurnModels"], groups)

check(error_code(sm.describe_processing_job, ProcessingJobName="no-such-job") == "ValidationException", "unknown job")
check(error_code(sm.describe_training_job, TrainingJobName="no-such-job") == "ValidationException", "unknown training job")
check(error_code(sm.describe_model_package, ModelPackageName=package_arn[:-1] + "9") == "ValidationException", "unknown package")
check(error_code(sm.update_model_package, ModelPackageArn=package_arn, ModelApprovalStatus="Maybe") == "ValidationException", "bad status")

versions = sm.list_pipeline_versions(PipelineName="jobs-demo")["PipelineVersionSummaries"]
pipeline_arn = versions[0]["PipelineArn"]
sm.update_pipeline_version(PipelineArn=pipeline_arn, PipelineVersionId=1, PipelineVersionDisplayName="first",
                           PipelineVersionDescription="the first version")
versions = sm.list_pipeline_versions(PipelineName="jobs-demo")["PipelineVersionSummaries"]
check(versions[0]["PipelineVersionDisplayName"] == "first" and versions[0]["PipelineVersionDescription"] == "the first version", versions)
check(sm.describe_pipeline(PipelineName="jobs-demo")["PipelineVersionDisplayName"] == "first", "describe shows the version's name")
check(error_code(sm.update_pipeline_version, PipelineArn=pipeline_arn, PipelineVersionId=7) == "ResourceNotFound", "unknown version")
print("boto3 jobs and registry: all checks passed")
