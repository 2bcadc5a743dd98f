"""A SageMaker pipeline written as the SageMaker Python SDK's documentation writes them: local code, the session's
default bucket and default output paths. Nothing in it names Sluice; run it against `sluice serve` with

    ./sluice serve &
    eval "$(./sluice env)"
    python3 examples/sdk-pipeline/pipeline.py

(see docs/python-sdk.md). It needs the `sagemaker` package (v2): pip install 'sagemaker>=2.200,<3'.
"""
import os

import sagemaker
from sagemaker.inputs import TrainingInput
from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.sklearn.estimator import SKLearn
from sagemaker.sklearn.processing import SKLearnProcessor
from sagemaker.workflow.parameters import ParameterInteger, ParameterString
from sagemaker.workflow.pipeline import Pipeline
from sagemaker.workflow.pipeline_context import PipelineSession
from sagemaker.workflow.steps import CacheConfig, ProcessingStep, TrainingStep

here = os.path.dirname(os.path.abspath(__file__))
session = PipelineSession()
bucket = session.default_bucket()  # from SAGEMAKER_USER_CONFIG_OVERRIDE, written by `sluice env`
role = "arn:aws:iam::000000000000:role/SageMakerRole"
cache = CacheConfig(enable_caching=True, expire_after="P30D")

instance_type = ParameterString(name="InstanceType", default_value="ml.m5.xlarge")
estimators = ParameterInteger(name="Estimators", default_value=100)

processor = SKLearnProcessor(framework_version="1.2-1", role=role, instance_type=instance_type, instance_count=1,
                             sagemaker_session=session)
prepare = ProcessingStep(
    name="Prepare",
    step_args=processor.run(
        code=os.path.join(here, "code", "prepare.py"),  # uploaded to s3://<bucket>/<pipeline>/code/<sha256>/prepare.py
        outputs=[ProcessingOutput(output_name="train", source="/opt/ml/processing/train")],  # default output path
    ),
    cache_config=cache,
)

estimator = SKLearn(entry_point="train.py", source_dir=os.path.join(here, "code"), framework_version="1.2-1",
                    role=role, instance_type=instance_type, instance_count=1,
                    hyperparameters={"n_estimators": estimators}, sagemaker_session=session)
train = TrainingStep(
    name="Train",
    step_args=estimator.fit({"train": TrainingInput(prepare.properties.ProcessingOutputConfig.Outputs["train"].S3Output.S3Uri,
                                                    content_type="text/csv")}),
    cache_config=cache,
)

pipeline = Pipeline(name="sdk-example", parameters=[instance_type, estimators], steps=[prepare, train],
                    sagemaker_session=session)

if __name__ == "__main__":
    pipeline.upsert(role_arn=role, tags=[{"Key": "team", "Value": "ml"}])
    execution = pipeline.start()
    execution.wait(delay=2, max_attempts=300)
    for step in execution.list_steps():
        print(f"{step['StepName']:10} {step['StepStatus']}")
    trained = next(s for s in execution.list_steps() if s["StepName"] == "Train")
    job = sagemaker.estimator.Estimator.attach(trained["Metadata"]["TrainingJob"]["Arn"].split("/")[-1], sagemaker_session=sagemaker.Session())
    print("model:", job.model_data)
