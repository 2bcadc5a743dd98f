# Runs an exported state machine in moto's Step Functions interpreter (in process, no network) and prints the outcome.
# Usage: python3 sfn_moto.py SCENARIO.json   (see MotoStepFunctions.cs for the scenario's members)
#
# moto 5.2.1's Batch .sync task passes the ASL's PascalCase parameters to botocore unchanged (botocore wants camelCase:
# KeyError/ParamValidationError) and reads 'JobId' from botocore's camelCase answer. The patch below translates both
# ways, as AWS's own integration does. Its aws-sdk task turns a response body into text only when it is botocore's
# StreamingBody, and its aws-sdk task not even then, so GetObject's Body reached States.StringToJson as a stream
# object; the second patch reads streaming bodies into text (and timestamps into ISO text), as AWS does. Its JSONPath
# returns a list for a path whose parent is a list item ('$[1].Steps', 'Outputs[0].S3Output': moto issue 7825's
# workaround), where AWS returns the one value; the third patch returns the value for such definite paths. Nothing else is changed.
#
# Besides, the harness stands in for what moto cannot do: a Batch job does nothing in moto, so a scenario names the
# objects the jobs would have written ('objects', 'objectsBase64', 'batchProperties'); 'failSteps' makes the Batch jobs
# of those steps fail (moto's MOTO_SIMPLE_BATCH_FAIL_AFTER, set only while that job is submitted); 'lambdaResults' are
# the payloads moto's Lambda returns, in order (its simple backend's result queue); 'callbackAnswers' answer the
# task tokens that arrive on the scenario's queues, in order.
import base64, datetime, json, os, sys, time

os.environ.setdefault('AWS_DEFAULT_REGION', 'us-east-1')
os.environ.setdefault('AWS_ACCESS_KEY_ID', 'testing')
os.environ.setdefault('AWS_SECRET_ACCESS_KEY', 'testing')

import boto3
from moto import mock_aws
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import state_task_service_aws_sdk as sdk_task
from moto.stepfunctions.parser.asl.utils import json_path
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import state_task_service_batch as batch_task

ACCOUNT = '123456789012'
REGION = 'us-east-1'


def camel(value):
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel(v) for v in value]
    return value


_original = batch_task.StateTaskServiceBatch._eval_service_task


FAIL_STEPS = set()


def _step_of(parameters):
    for variable in parameters.get('containerOverrides', {}).get('environment', []):
        if variable.get('name') == 'SLUICE_PROPERTIES_URI':
            return variable.get('value', '').rstrip('/').split('/')[-2]
    return None


def _patched(self, env, resource_runtime_part, normalised_parameters, state_credentials):
    fixed = camel(normalised_parameters)
    normalised_parameters.clear()
    normalised_parameters.update(fixed)
    failing = _step_of(fixed) in FAIL_STEPS
    if failing:
        os.environ['MOTO_SIMPLE_BATCH_FAIL_AFTER'] = '0'
    try:
        _original(self, env, resource_runtime_part, normalised_parameters, state_credentials)
    finally:
        if failing:
            os.environ.pop('MOTO_SIMPLE_BATCH_FAIL_AFTER', None)
    answer = env.stack[-1]
    if isinstance(answer, dict) and 'jobId' in answer:
        answer['JobId'] = answer['jobId']
        answer['JobName'] = answer.get('jobName')


batch_task.StateTaskServiceBatch._eval_service_task = _patched


def _plain(value):
    if hasattr(value, 'read') and callable(value.read):
        return value.read().decode('utf-8')
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_original_sdk = sdk_task.StateTaskServiceAwsSdk._eval_service_task


def _patched_sdk(self, env, resource_runtime_part, normalised_parameters, state_credentials):
    _original_sdk(self, env, resource_runtime_part, normalised_parameters, state_credentials)
    env.stack[-1] = _plain(env.stack[-1])


sdk_task.StateTaskServiceAwsSdk._eval_service_task = _patched_sdk


def _definite(path, data):
    matches = json_path.parse(path).find(data)
    if len(matches) != 1 or '*' in path or ':' in path or '?' in path:
        return _original_extract(path, data)
    return matches[0].value


_original_extract = json_path.extract_json


def _patch_json_paths():
    for name, module in list(sys.modules.items()):
        if name.startswith('moto.stepfunctions.parser') and getattr(module, 'extract_json', None) is _original_extract:
            module.extract_json = _definite


def main():
    scenarios = json.load(open(sys.argv[1]))
    print(json.dumps([run(s) for s in (scenarios if isinstance(scenarios, list) else [scenarios])]))


def run(scenario):
    os.environ['MOTO_SIMPLE_BATCH_FAIL_AFTER'] = '0' if scenario.get('failBatch') else ''
    if not scenario.get('failBatch'):
        del os.environ['MOTO_SIMPLE_BATCH_FAIL_AFTER']
    config = {'stepfunctions': {'execute_state_machine': True}, 'batch': {'use_docker': False}, 'lambda': {'use_docker': False}}
    with mock_aws(config=config):
        iam = boto3.client('iam')
        role = iam.create_role(RoleName='sfn', AssumeRolePolicyDocument='{}')['Role']['Arn']
        s3 = boto3.client('s3')
        buckets = set(['sluice-artifacts'])
        for uri in list(scenario.get('objects', {})) + list(scenario.get('objectsBase64', {})):
            buckets.add(uri[5:].split('/', 1)[0])
        for bucket in buckets:
            s3.create_bucket(Bucket=bucket)
        for uri, body in scenario.get('objects', {}).items():
            bucket, key = uri[5:].split('/', 1)
            s3.put_object(Bucket=bucket, Key=key, Body=body.encode())
        for uri, body in scenario.get('objectsBase64', {}).items():
            bucket, key = uri[5:].split('/', 1)
            s3.put_object(Bucket=bucket, Key=key, Body=base64.b64decode(body))
        FAIL_STEPS.clear()
        FAIL_STEPS.update(scenario.get('failSteps', []))
        if scenario.get('lambdaResults'):
            from moto.moto_api._internal.models import moto_api_backend
            for payload in scenario['lambdaResults']:
                moto_api_backend.set_lambda_simple_result(payload, account_id=ACCOUNT, region=REGION)
        execution_name = scenario.get('executionName', 'run-1')
        for step, properties in scenario.get('batchProperties', {}).items():
            s3.put_object(Bucket='sluice-artifacts', Key=f'sluice/{execution_name}/{step}/properties.json', Body=json.dumps(properties).encode())

        queue_arn = ''
        if scenario.get('jobDefinitions'):
            batch = boto3.client('batch')
            environment = batch.create_compute_environment(computeEnvironmentName='sluice-ce', type='UNMANAGED', serviceRole=role)
            queue_arn = batch.create_job_queue(jobQueueName='sluice-queue', state='ENABLED', priority=1,
                                               computeEnvironmentOrder=[{'order': 1, 'computeEnvironment': environment['computeEnvironmentArn']}])['jobQueueArn']
            for job in scenario['jobDefinitions']:
                properties = job['definition']['ContainerProperties']
                batch.register_job_definition(jobDefinitionName=job['name'], type='container', containerProperties={
                    'image': properties['Image'], 'command': ['true'],
                    'resourceRequirements': camel(properties['ResourceRequirements'])})

        sqs = boto3.client('sqs')
        for url in scenario.get('queues', []):
            sqs.create_queue(QueueName=url.rstrip('/').split('/')[-1])
        for arn in scenario.get('functions', []):
            boto3.client('lambda', region_name=arn.split(':')[3]).create_function(
                FunctionName=arn.split(':')[6], Runtime='python3.11', Role=role, Handler='x.handler', Code={'ZipFile': b'x'})

        definition = scenario['definition'].replace('${ArtifactBucket}', 'sluice-artifacts').replace('${JobQueueArn}', queue_arn)
        sfn = boto3.client('stepfunctions')
        try:
            machine = sfn.create_state_machine(name=scenario.get('name', 'pipeline'), definition=definition, roleArn=role)['stateMachineArn']
        except Exception as e:
            return {'status': 'INVALID', 'cause': str(e)[:2000]}
        if scenario.get('validateOnly'):
            return {'status': 'VALID'}
        _patch_json_paths()
        execution = sfn.start_execution(stateMachineArn=machine, name=execution_name, input=json.dumps(scenario.get('input', {})))['executionArn']
        answers = scenario.get('callbackAnswers', [])
        deadline = time.time() + 60
        while time.time() < deadline:
            described = sfn.describe_execution(executionArn=execution)
            if described['status'] != 'RUNNING':
                break
            for url in scenario.get('queues', []):
                name = url.rstrip('/').split('/')[-1]
                queue_url = sqs.get_queue_url(QueueName=name)['QueueUrl']
                for message in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get('Messages', []):
                    body = json.loads(message['Body'])
                    answer = answers.pop(0) if answers else {'output': {}}
                    if 'error' in answer:
                        sfn.send_task_failure(taskToken=body['token'], error=answer['error'], cause=answer.get('cause', ''))
                    else:
                        sfn.send_task_success(taskToken=body['token'], output=json.dumps(answer['output']))
                    sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message['ReceiptHandle'])
            time.sleep(0.05)
        history = sfn.get_execution_history(executionArn=execution, maxResults=1000)['events']
        entered = [e['stateEnteredEventDetails']['name'] for e in history if 'stateEnteredEventDetails' in e]
        failed = [e for e in history if e['type'] == 'ExecutionFailed']
        result = {'status': described['status'], 'entered': entered}
        if failed:
            result['error'] = failed[0]['executionFailedEventDetails'].get('error')
            result['cause'] = failed[0]['executionFailedEventDetails'].get('cause')
        if described['status'] == 'SUCCEEDED':
            result['output'] = json.loads(described['output'])
        return result


main()
