#!/usr/bin/env python3
"""Replays, with plain boto3, the calls the SageMaker Python SDK makes for a pipeline written as its documentation
writes them (local code, the default bucket, default output paths), against `sluice serve` with ONLY the environment
`sluice env` prints: no endpoint_url, region or credentials in the code. The default bucket comes from the SDK
configuration file SAGEMAKER_USER_CONFIG_OVERRIDE names. Sequence: ListBuckets, HeadBucket (404), CreateBucket,
PutObject of the code under <bucket>/<pipeline>/code/<sha256>/, a >100 KB definition uploaded and passed as
PipelineDefinitionS3Location, upsert with tags (ListTags + AddTags on update), start, wait, the training job read as
Estimator.attach reads it (DescribeTrainingJob + ListTags), and the results downloaded. Usage: sdk_replay.py"""
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import time

import boto3
from botocore.exceptions import ClientError

for name in ("AWS_ENDPOINT_URL", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SAGEMAKER_USER_CONFIG_OVERRIDE"):
    if not os.environ.get(name):
        print(f"FAIL: {name} is not set; run with the environment of `sluice env`")
        sys.exit(1)


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


with open(os.environ["SAGEMAKER_USER_CONFIG_OVERRIDE"], encoding="utf-8") as f:
    config = f.read()
check("TelemetryOptOut: true" in config, config)
bucket = re.search(r"DefaultS3Bucket: '([^']+)'", config).group(1)
region = os.environ["AWS_DEFAULT_REGION"]
s3 = boto3.client("s3")
sm = boto3.client("sagemaker")
PIPELINE = f"sdk-replay-{os.getpid()}"
ROLE = "arn:aws:iam::000000000000:role/SageMakerRole"
IMAGE = f"683313688378.dkr.ecr.{region}.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"

# Session.default_bucket(): ListBuckets, HeadBucket (404 with no body: missing), CreateBucket.
check(bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]], "the bucket exists already")
try:
    s3.head_bucket(Bucket=bucket)
    check(False, "HeadBucket found a missing bucket")
except ClientError as e:
    check(e.response["Error"]["Code"] == "404", e.response)
s3.create_bucket(Bucket=bucket)

# Local code, uploaded as the SDK does: <bucket>/<pipeline>/code/<sha256 of the content>/<file>.
preprocess = b"import os\nos.makedirs('/opt/ml/processing/train', exist_ok=True)\nopen('/opt/ml/processing/train/data.csv', 'w').write('1,2\\n3,4\\n')\n"
code_key = f"{PIPELINE}/code/{hashlib.sha256(preprocess).hexdigest()}/preprocess.py"
s3.put_object(Bucket=bucket, Key=code_key, Body=preprocess)
train = b"import os\nrows = open('/opt/ml/input/data/train/data.csv').read().split()\nopen('/opt/ml/model/model.txt', 'w').write(str(len(rows)))\nprint('rows:', len(rows))\n"
archive = io.BytesIO()
with tarfile.open(fileobj=archive, mode="w:gz") as tar:
    info = tarfile.TarInfo("train.py")
    info.size = len(train)
    tar.addfile(info, io.BytesIO(train))
source_key = f"{PIPELINE}/code/{hashlib.sha256(archive.getvalue()).hexdigest()}/sourcedir.tar.gz"
s3.put_object(Bucket=bucket, Key=source_key, Body=archive.getvalue())


def default_output(step, output):
    # The SDK's default output path: s3://<bucket>/<pipeline>/<execution id>/<step>/output/<name>.
    return {"Std:Join": {"On": "/", "Values": ["s3:/", bucket, PIPELINE, {"Get": "Execution.PipelineExecutionId"}, step, "output", output]}}


# CacheConfig(enable_caching=True, expire_after="PT1H"), as the SDK writes it.
CACHE = {"Enabled": True, "ExpireAfter": "PT1H"}

definition = {
    "Version": "2020-12-01",
    # A large description in Metadata makes the definition exceed 100 KB, as big SDK pipelines do.
    "Metadata": {"padding": "x" * 110_000},
    "Parameters": [{"Name": "Verbose", "Type": "Boolean", "DefaultValue": False}],
    "PipelineExperimentConfig": {"ExperimentName": {"Get": "Execution.PipelineName"}, "TrialName": {"Get": "Execution.PipelineExecutionId"}},
    "Steps": [
        {"Name": "Preprocess", "Type": "Processing", "CacheConfig": CACHE, "Arguments": {
            "ProcessingResources": {"ClusterConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30}},
            "AppSpecification": {"ImageUri": IMAGE, "ContainerEntrypoint": ["python3", "/opt/ml/processing/input/code/preprocess.py"]},
            "RoleArn": ROLE,
            "ProcessingInputs": [{"InputName": "code", "AppManaged": False, "S3Input": {
                "S3Uri": f"s3://{bucket}/{code_key}", "LocalPath": "/opt/ml/processing/input/code", "S3DataType": "S3Prefix",
                "S3InputMode": "File", "S3DataDistributionType": "FullyReplicated", "S3CompressionType": "None"}}],
            "ProcessingOutputConfig": {"Outputs": [{"OutputName": "train", "AppManaged": False, "S3Output": {
                "S3Uri": default_output("Preprocess", "train"), "LocalPath": "/opt/ml/processing/train", "S3UploadMode": "EndOfJob"}}]}}},
        {"Name": "Train", "Type": "Training", "CacheConfig": CACHE, "Arguments": {
            "AlgorithmSpecification": {"TrainingInputMode": "File", "TrainingImage": IMAGE},
            "OutputDataConfig": {"S3OutputPath": f"s3://{bucket}/{PIPELINE}"},
            "StoppingCondition": {"MaxRuntimeInSeconds": 3600},
            "ResourceConfig": {"VolumeSizeInGB": 30, "InstanceCount": 1, "InstanceType": "ml.m5.xlarge"},
            "RoleArn": ROLE,
            "InputDataConfig": [{"ChannelName": "train", "DataSource": {"S3DataSource": {
                "S3DataType": "S3Prefix", "S3DataDistributionType": "FullyReplicated",
                "S3Uri": {"Get": "Steps.Preprocess.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri"}}}}],
            "HyperParameters": {"sagemaker_program": '"train.py"', "sagemaker_submit_directory": f'"s3://{bucket}/{source_key}"',
                                "sagemaker_region": f'"{region}"'}}},
    ],
}
text = json.dumps(definition)
check(len(text) > 100_000, len(text))
# pipeline.upsert() with a definition of 100 KB or more: uploaded, then passed by location.
definition_key = f"{PIPELINE}/definition/{hashlib.sha256(text.encode()).hexdigest()}.json"
s3.put_object(Bucket=bucket, Key=definition_key, Body=text.encode())
location = {"Bucket": bucket, "ObjectKey": definition_key}
arn = sm.create_pipeline(PipelineName=PIPELINE, PipelineDefinitionS3Location=location, RoleArn=ROLE,
                         Tags=[{"Key": "team", "Value": "ml"}])["PipelineArn"]
# upsert() again: UpdatePipeline, then ListTags and AddTags with the new tags.
sm.update_pipeline(PipelineName=PIPELINE, PipelineDefinitionS3Location=location, RoleArn=ROLE)
existing = sm.list_tags(ResourceArn=arn)["Tags"]
sm.add_tags(ResourceArn=arn, Tags=existing + [{"Key": "stage", "Value": "dev"}])
check(sorted((t["Key"], t["Value"]) for t in sm.list_tags(ResourceArn=arn)["Tags"]) == [("stage", "dev"), ("team", "ml")], "tags")
check(json.loads(sm.describe_pipeline(PipelineName=PIPELINE)["PipelineDefinition"])["Steps"][0]["Name"] == "Preprocess", "definition")

# pipeline.start() with a parameter as the SDK sends it (str(False)); execution.wait().
execution = sm.start_pipeline_execution(PipelineName=PIPELINE, PipelineParameters=[{"Name": "Verbose", "Value": "False"}])["PipelineExecutionArn"]
for _ in range(1200):
    described = sm.describe_pipeline_execution(PipelineExecutionArn=execution)
    if described["PipelineExecutionStatus"] != "Executing":
        break
    time.sleep(0.1)
steps = sm.list_pipeline_execution_steps(PipelineExecutionArn=execution)["PipelineExecutionSteps"]
check(described["PipelineExecutionStatus"] == "Succeeded", (described, steps))
check("CreatedBy" in described and "LastModifiedBy" in described, described)
# The SDK's default PipelineExperimentConfig, resolved: the pipeline's name and the execution's ID.
check(described.get("PipelineExperimentConfig") == {"ExperimentName": PIPELINE, "TrialName": execution.split("/")[-1]}, described)
check(any(p["PipelineName"] == PIPELINE and "LastExecutionTime" in p for p in sm.list_pipelines()["PipelineSummaries"]), "LastExecutionTime")

# Estimator.attach(job): DescribeTrainingJob, read without defaults, then ListTags on the job.
train_step = next(s for s in steps if s["StepName"] == "Train")
job_name = train_step["Metadata"]["TrainingJob"]["Arn"].split("/")[-1]
job = sm.describe_training_job(TrainingJobName=job_name)
attach = dict(role=job["RoleArn"], instance_count=job["ResourceConfig"]["InstanceCount"],
              instance_type=job["ResourceConfig"]["InstanceType"], volume_size=job["ResourceConfig"]["VolumeSizeInGB"],
              max_run=job["StoppingCondition"]["MaxRuntimeInSeconds"], input_mode=job["AlgorithmSpecification"]["TrainingInputMode"],
              output_path=job["OutputDataConfig"]["S3OutputPath"], output_kms_key=job["OutputDataConfig"]["KmsKeyId"])
check(attach["output_kms_key"] == "" and job["TrainingJobStatus"] == "Completed", job)
sm.list_tags(ResourceArn=job["TrainingJobArn"])

# Results: the model archive (S3Downloader / execution.result()) with HeadObject, ranged GetObject and ListObjectsV2.
model = job["ModelArtifacts"]["S3ModelArtifacts"]
check(model.startswith(f"s3://{bucket}/{PIPELINE}/"), model)
key = model[len(f"s3://{bucket}/"):]
listed = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=f"{PIPELINE}/")["Contents"]]
check(key in listed, listed)
size = s3.head_object(Bucket=bucket, Key=key)["ContentLength"]
body = s3.get_object(Bucket=bucket, Key=key, Range=f"bytes=0-{size - 1}")["Body"].read()
with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as tar:
    check(tar.extractfile("model.txt").read() == b"2", "model.txt")
execution_id = execution.split("/")[-1]
check(f"{PIPELINE}/{execution_id}/Preprocess/output/train/data.csv" in listed, listed)

# pipeline.start() again: SageMaker's cache keys leave the execution-scoped output paths out, so both steps hit the
# cache and Train reads the first execution's Preprocess output.
second = sm.start_pipeline_execution(PipelineName=PIPELINE, PipelineParameters=[{"Name": "Verbose", "Value": "False"}])["PipelineExecutionArn"]
for _ in range(1200):
    again = sm.describe_pipeline_execution(PipelineExecutionArn=second)
    if again["PipelineExecutionStatus"] != "Executing":
        break
    time.sleep(0.1)
second_steps = sm.list_pipeline_execution_steps(PipelineExecutionArn=second)["PipelineExecutionSteps"]
check(again["PipelineExecutionStatus"] == "Succeeded", (again, second_steps))
check(all(s.get("CacheHitResult", {}).get("SourcePipelineExecutionArn") == execution for s in second_steps), second_steps)
print("sdk replay: all checks passed")
