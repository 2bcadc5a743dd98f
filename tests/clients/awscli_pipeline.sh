#!/usr/bin/env bash
# Drives `sluice serve` with the AWS CLI: create a pipeline, start it with a parameter, wait, and read it back.
# Usage: awscli_pipeline.sh URL
set -euo pipefail
url="$1"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
sm() { aws sagemaker --endpoint-url "$url" "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

definition='{"Version": "2020-12-01", "Parameters": [{"Name": "N", "Type": "Integer", "DefaultValue": 1}], "Steps": [
  {"Name": "Check", "Type": "Condition", "Arguments": {"Conditions": [{"Type": "GreaterThan", "LeftValue": {"Get": "Parameters.N"}, "RightValue": 2}],
   "IfSteps": [], "ElseSteps": [{"Name": "Small", "Type": "Fail", "Arguments": {"ErrorMessage": {"Std:Join": {"On": " ", "Values": ["N is", {"Get": "Parameters.N"}]}}}}]}}]}'

arn=$(sm create-pipeline --pipeline-name cli-demo --pipeline-definition "$definition" --role-arn arn:aws:iam::111122223333:role/R \
  --query PipelineArn --output text)
[[ "$arn" == "arn:aws:sagemaker:us-east-1:000000000000:pipeline/cli-demo" ]] || fail "create-pipeline: $arn"

execution=$(sm start-pipeline-execution --pipeline-name cli-demo --pipeline-parameters Name=N,Value=2 \
  --query PipelineExecutionArn --output text)
for _ in $(seq 100); do
  status=$(sm describe-pipeline-execution --pipeline-execution-arn "$execution" --query PipelineExecutionStatus --output text)
  [[ "$status" == Executing ]] || break
  sleep 0.1
done
[[ "$status" == Failed ]] || fail "status $status"
reason=$(sm describe-pipeline-execution --pipeline-execution-arn "$execution" --query FailureReason --output text)
[[ "$reason" == "N is 2" ]] || fail "reason: $reason"
steps=$(sm list-pipeline-execution-steps --pipeline-execution-arn "$execution" --query 'PipelineExecutionSteps[].StepName' --output text)
[[ "$steps" == $'Small\tCheck' ]] || fail "steps: $steps"
[[ "$(sm list-pipelines --query 'PipelineSummaries[].PipelineName' --output text)" == cli-demo ]] || fail "list-pipelines"
if sm describe-pipeline --pipeline-name nope 2>/tmp/awscli-error.txt; then fail "describe of an unknown pipeline"; fi
grep -q ResourceNotFound /tmp/awscli-error.txt || fail "error: $(cat /tmp/awscli-error.txt)"
echo "aws cli: all checks passed"
