# Sluice Batch bootstrap: runs one SageMaker Processing, Training or Transform request (SLUICE_REQUEST) in an AWS Batch
# container. Needs python3 and boto3 in the image; a Transform step also gets Sluice's transform shim as argv[1]. Stages inputs from S3, runs the step, uploads outputs, and writes the step's
# properties (the request plus status and artifacts, in the Describe* shape) to SLUICE_PROPERTIES_URI.
import json, os, re, subprocess, sys, tarfile
import boto3

s3 = boto3.client('s3')


def split(uri):
    bucket, _, key = uri[len('s3://'):].partition('/')
    return bucket, key


def download(uri, dest):
    bucket, prefix = split(uri)
    os.makedirs(dest, exist_ok=True)
    root = os.path.realpath(dest)
    for page in s3.get_paginator('list_objects_v2').paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get('Contents', []):
            rel = item['Key'][len(prefix):].lstrip('/') or os.path.basename(item['Key'])
            target = os.path.realpath(os.path.join(root, rel))
            if not target.startswith(root + os.sep):
                raise ValueError('object key leaves the input folder: ' + item['Key'])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            s3.download_file(bucket, item['Key'], target)


def upload(src, uri):
    bucket, prefix = split(uri.rstrip('/'))
    for folder, _, files in os.walk(src):
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                s3.upload_file(path, bucket, (prefix + '/' + os.path.relpath(path, src)).lstrip('/'))


request = json.loads(os.environ['SLUICE_REQUEST'])
kind = os.environ['SLUICE_STEP_TYPE']
properties = dict(request)
env = dict(os.environ)
env.update({k: str(v) for k, v in (request.get('Environment') or {}).items()})

if kind == 'Processing':
    for item in request.get('ProcessingInputs') or []:
        if item.get('S3Input'):
            download(item['S3Input']['S3Uri'], item['S3Input']['LocalPath'])
    app = request.get('AppSpecification') or {}
    command = (app.get('ContainerEntrypoint') or []) + (app.get('ContainerArguments') or [])
    code = subprocess.call(command, env=env)
    if code == 0:
        for item in (request.get('ProcessingOutputConfig') or {}).get('Outputs') or []:
            if item.get('S3Output'):
                upload(item['S3Output']['LocalPath'], item['S3Output']['S3Uri'])
    properties['ProcessingJobStatus'] = 'Completed' if code == 0 else 'Failed'
    properties['ExitMessage'] = 'exit code %d' % code
elif kind == 'Transform':
    model = boto3.client('sagemaker').describe_model(ModelName=request['ModelName'])
    container = model.get('PrimaryContainer') or (model.get('Containers') or [{}])[0]
    variables = container.get('Environment') or {}
    env.update(variables)
    for folder in ('/opt/ml/model', '/opt/ml/code', '/opt/ml/input/data', '/opt/ml/output/transform'):
        os.makedirs(folder, exist_ok=True)
    for uri, folder in ((container.get('ModelDataUrl'), '/opt/ml/model'), (variables.get('SAGEMAKER_SUBMIT_DIRECTORY'), '/opt/ml/code')):
        if uri and uri.startswith('s3://'):
            bucket, key = split(uri)
            s3.download_file(bucket, key, '/tmp/archive.tar.gz')
            with tarfile.open('/tmp/archive.tar.gz') as archive:
                archive.extractall(folder, filter='data')
    source = request['TransformInput']
    download(source['DataSource']['S3DataSource']['S3Uri'], '/opt/ml/input/data')
    target = request.get('TransformOutput') or {}
    content_type = source.get('ContentType') or 'application/octet-stream'
    settings = {'program': variables.get('SAGEMAKER_PROGRAM', 'inference.py'), 'code_dir': '/opt/ml/code', 'model_dir': '/opt/ml/model',
                'input_dir': '/opt/ml/input/data', 'output_dir': '/opt/ml/output/transform', 'content_type': content_type,
                'accept': target.get('Accept') or content_type, 'split_type': source.get('SplitType') or 'None',
                'compression': source.get('CompressionType') or 'None', 'batch_strategy': request.get('BatchStrategy') or 'MultiRecord',
                'assemble_with': target.get('AssembleWith') or 'None', 'max_payload_mb': request.get('MaxPayloadInMB', 6)}
    with open('/tmp/sluice_transform.py', 'w') as f:
        f.write(sys.argv[1])
    code = subprocess.call([sys.executable, '/tmp/sluice_transform.py', json.dumps(settings)], env=env)
    if code == 0:
        upload('/opt/ml/output/transform', target['S3OutputPath'])
    properties['TransformJobStatus'] = 'Completed' if code == 0 else 'Failed'
else:
    hps = {k: str(v) for k, v in (request.get('HyperParameters') or {}).items()}
    channels = []
    for channel in request.get('InputDataConfig') or []:
        name = channel['ChannelName']
        channels.append(name)
        download(channel['DataSource']['S3DataSource']['S3Uri'], '/opt/ml/input/data/' + name)
        env['SM_CHANNEL_' + name.upper()] = '/opt/ml/input/data/' + name
    os.makedirs('/opt/ml/input/config', exist_ok=True)
    os.makedirs('/opt/ml/model', exist_ok=True)
    with open('/opt/ml/input/config/hyperparameters.json', 'w') as f:
        json.dump(hps, f)
    with open('/opt/ml/input/config/inputdataconfig.json', 'w') as f:
        json.dump({c['ChannelName']: {k: v for k, v in c.items() if k != 'DataSource'} for c in request.get('InputDataConfig') or []}, f)
    with open('/opt/ml/input/config/resourceconfig.json', 'w') as f:
        json.dump({'current_host': 'algo-1', 'hosts': ['algo-1']}, f)

    def unquote(v):
        try:
            return json.loads(v)
        except ValueError:
            return v
    program = unquote(hps['sagemaker_program']) if 'sagemaker_program' in hps else None
    user = {k: unquote(v) for k, v in hps.items() if not k.startswith('sagemaker_')}
    env.update({'SM_MODEL_DIR': '/opt/ml/model', 'SM_OUTPUT_DATA_DIR': '/opt/ml/output/data',
                'SM_CHANNELS': json.dumps(channels), 'SM_HPS': json.dumps(user), 'SM_CURRENT_HOST': 'algo-1'})
    if program:
        submit = unquote(hps.get('sagemaker_submit_directory', '""'))
        os.makedirs('/opt/ml/code', exist_ok=True)
        if submit.startswith('s3://'):
            bucket, key = split(submit)
            s3.download_file(bucket, key, '/tmp/sourcedir.tar.gz')
            with tarfile.open('/tmp/sourcedir.tar.gz') as archive:
                archive.extractall('/opt/ml/code', filter='data')
        command = [sys.executable, program] + [a for k, v in user.items() for a in ('--' + k, str(v))]
    else:
        algorithm = request.get('AlgorithmSpecification') or {}
        command = (algorithm.get('ContainerEntrypoint') or ['train']) + (algorithm.get('ContainerArguments') or [])
    # The job's output is echoed and searched for the MetricDefinitions' regular expressions (last match wins).
    process = subprocess.Popen(command, env=env, cwd='/opt/ml/code' if program else None, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors='replace')
    patterns = [(m['Name'], re.compile(m['Regex'])) for m in (request.get('AlgorithmSpecification') or {}).get('MetricDefinitions') or []]
    metrics = {}
    for line in process.stdout:
        sys.stdout.write(line)
        for name, pattern in patterns:
            found = pattern.search(line)
            if found:
                try:
                    metrics[name] = float(found.group(1))
                except (IndexError, ValueError):
                    pass
    code = process.wait()
    properties['FinalMetricDataList'] = [{'MetricName': k, 'Value': v} for k, v in metrics.items()]
    properties['TrainingJobStatus'] = 'Completed' if code == 0 else 'Failed'
    if code == 0:
        with tarfile.open('/tmp/model.tar.gz', 'w:gz') as archive:
            for name in os.listdir('/opt/ml/model'):
                archive.add(os.path.join('/opt/ml/model', name), arcname=name)
        artifact = request['OutputDataConfig']['S3OutputPath'].rstrip('/') + '/' + request['TrainingJobName'] + '/output/model.tar.gz'
        bucket, key = split(artifact)
        s3.upload_file('/tmp/model.tar.gz', bucket, key)
        properties['ModelArtifacts'] = {'S3ModelArtifacts': artifact}

bucket, key = split(os.environ['SLUICE_PROPERTIES_URI'])
s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(properties).encode())
sys.exit(code)
