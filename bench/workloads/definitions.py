"""Generates valid SageMaker pipeline definitions of a given step count, in four shapes.

The JSON has the form the SageMaker Python SDK emits from ``Pipeline.definition()``: ``json.dumps`` of Version,
Metadata, Parameters, PipelineExperimentConfig and Steps, with job steps carrying their Create*Job request as
Arguments and pipeline variables as ``Get``, ``Std:Join`` and ``Std:JsonGet`` expressions. Step counts include
steps nested in Condition branches.
"""
import json
from typing import Callable

ROLE = "arn:aws:iam::111122223333:role/SageMakerRole"
BUCKET = "s3://sluice-bench"
SKLEARN_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3"
XGBOOST_IMAGE = "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1"

PARAMETERS = {
    "InputData": {"Name": "InputData", "Type": "String", "DefaultValue": f"{BUCKET}/raw/abalone.csv"},
    "ProcessingInstanceType": {"Name": "ProcessingInstanceType", "Type": "String", "DefaultValue": "ml.m5.xlarge"},
    "TrainingInstanceType": {"Name": "TrainingInstanceType", "Type": "String", "DefaultValue": "ml.m5.xlarge"},
    "TrainingInstanceCount": {"Name": "TrainingInstanceCount", "Type": "Integer", "DefaultValue": 1},
    "MaxDepth": {"Name": "MaxDepth", "Type": "Integer", "DefaultValue": 5},
    "Eta": {"Name": "Eta", "Type": "Float", "DefaultValue": 0.2},
    "MseThreshold": {"Name": "MseThreshold", "Type": "Float", "DefaultValue": 6.0},
    "Mode": {"Name": "Mode", "Type": "String", "DefaultValue": "full", "EnumValues": ["full", "fast", "skip"]},
    "Strict": {"Name": "Strict", "Type": "Boolean", "DefaultValue": False},
}


def get(path: str) -> dict:
    """A ``Get`` reference: ``Parameters.X``, ``Execution.X`` or ``Steps.S.<property path>``."""
    return {"Get": path}


def join(on: str, *values: object) -> dict:
    """A ``Std:Join`` of ``values``, stringified and joined with ``on``."""
    return {"Std:Join": {"On": on, "Values": list(values)}}


def output_uri(step: str, output: str) -> dict:
    """The S3 URI of a Processing step's named output."""
    return get(f"Steps.{step}.ProcessingOutputConfig.Outputs['{output}'].S3Output.S3Uri")


def model_artifacts(step: str) -> dict:
    """The model artifact URI of a Training step."""
    return get(f"Steps.{step}.ModelArtifacts.S3ModelArtifacts")


def processing_input(name: str, uri: object, local_path: str) -> dict:
    """One ProcessingInputs entry reading an S3 prefix into the container."""
    return {"InputName": name, "AppManaged": False, "S3Input": {
        "S3Uri": uri, "LocalPath": local_path, "S3DataType": "S3Prefix", "S3InputMode": "File",
        "S3DataDistributionType": "FullyReplicated", "S3CompressionType": "None"}}


def processing_step(name: str, inputs: dict[str, object], output: str = "out", script: str = "prep.py") -> dict:
    """A script Processor step, as ``ScriptProcessor.run`` emits it: the data inputs, the code input, one output."""
    return {"Name": name, "Type": "Processing", "Arguments": {
        "ProcessingResources": {"ClusterConfig": {
            "InstanceType": get("Parameters.ProcessingInstanceType"), "InstanceCount": 1, "VolumeSizeInGB": 30}},
        "AppSpecification": {"ImageUri": SKLEARN_IMAGE,
                             "ContainerEntrypoint": ["python3", f"/opt/ml/processing/input/code/{script}"]},
        "RoleArn": ROLE,
        "ProcessingInputs": [
            *(processing_input(key, uri, f"/opt/ml/processing/{key}") for key, uri in inputs.items()),
            processing_input("code", f"{BUCKET}/code/{script}", "/opt/ml/processing/input/code")],
        "ProcessingOutputConfig": {"Outputs": [{"OutputName": output, "AppManaged": False, "S3Output": {
            "S3Uri": f"{BUCKET}/{name.lower()}/{output}", "LocalPath": f"/opt/ml/processing/{output}",
            "S3UploadMode": "EndOfJob"}}]}}}


def training_step(name: str, channels: dict[str, object]) -> dict:
    """An XGBoost Estimator step reading its instance settings and hyperparameters from parameters.

    The SDK stringifies hyperparameters, so a parameter there becomes a ``Std:Join`` of that parameter alone.
    """
    return {"Name": name, "Type": "Training", "Arguments": {
        "AlgorithmSpecification": {"TrainingImage": XGBOOST_IMAGE, "TrainingInputMode": "File"},
        "OutputDataConfig": {"S3OutputPath": f"{BUCKET}/{name.lower()}/model"},
        "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
        "ResourceConfig": {"VolumeSizeInGB": 30, "InstanceCount": get("Parameters.TrainingInstanceCount"),
                           "InstanceType": get("Parameters.TrainingInstanceType")},
        "RoleArn": ROLE,
        "InputDataConfig": [{"DataSource": {"S3DataSource": {
            "S3DataType": "S3Prefix", "S3Uri": uri, "S3DataDistributionType": "FullyReplicated"}},
            "ContentType": "text/csv", "ChannelName": channel} for channel, uri in channels.items()],
        "HyperParameters": {"objective": "reg:linear", "num_round": "50",
                            "max_depth": join("", get("Parameters.MaxDepth")),
                            "eta": join("", get("Parameters.Eta"))}}}


def condition_step(name: str, conditions: list[dict], if_steps: list[dict], else_steps: list[dict]) -> dict:
    """A Condition step; its branches hold full step objects that appear nowhere else."""
    return {"Name": name, "Type": "Condition",
            "Arguments": {"Conditions": conditions, "IfSteps": if_steps, "ElseSteps": else_steps}}


def pipeline(steps: list[dict]) -> dict:
    """The top-level definition, with the SDK's default experiment config and the parameters the steps read."""
    text = json.dumps(steps)
    return {"Version": "2020-12-01", "Metadata": {},
            "Parameters": [parameter for name, parameter in PARAMETERS.items() if f'"Parameters.{name}"' in text],
            "PipelineExperimentConfig": {"ExperimentName": get("Execution.PipelineName"),
                                         "TrialName": get("Execution.PipelineExecutionId")},
            "Steps": steps}


def count_steps(steps: list[dict]) -> int:
    """The number of steps, those nested in Condition branches included."""
    return sum(1 + count_steps(step["Arguments"].get("IfSteps", []) + step["Arguments"].get("ElseSteps", []))
               if step["Type"] == "Condition" else 1 for step in steps)


def repeat(unit: Callable[[int], list[dict]], unit_size: int, steps: int) -> list[dict]:
    """As many whole units as fit in ``steps``, then independent Processing steps up to exactly ``steps``."""
    units = [step for k in range(1, steps // unit_size + 1) for step in unit(k)]
    extras = [processing_step(f"Extra{i}", {"input": get("Parameters.InputData")})
              for i in range(1, steps % unit_size + 1)]
    return units + extras


def chain(steps: int) -> dict:
    """P1 → P2 → … → Pn, each Processing step reading the previous step's output."""
    def source(i: int) -> object:
        """What P<i> reads: the pipeline's input for P1, the previous step's output after that."""
        return get("Parameters.InputData") if i == 1 else output_uri(f"P{i - 1}", "out")
    return pipeline([processing_step(f"P{i}", {"input": source(i)}) for i in range(1, steps + 1)])


def fan_out(steps: int) -> dict:
    """Root, then P1…P(n-2) each reading Root's output, then Join, which DependsOn all of them (n steps in all)."""
    if steps < 3:
        raise ValueError("a fan-out needs at least 3 steps: the root, one worker and the join")
    workers = [processing_step(f"P{i}", {"input": output_uri("Root", "out")}) for i in range(1, steps - 1)]
    join_step = {**processing_step("Join", {"input": get("Parameters.InputData")}, script="join.py"),
                 "DependsOn": [worker["Name"] for worker in workers]}
    return pipeline([processing_step("Root", {"input": get("Parameters.InputData")}), *workers, join_step])


def data_references(steps: int) -> dict:
    """Units of five steps, the SDK's abalone example: train, evaluate, and gate on the evaluation's MSE.

    Train<k> reads parameters (instance settings, hyperparameters through Std:Join) and the data under a Std:Join of
    InputData; from k = 2 it also reads Train<k-1>'s model. Eval<k> declares a PropertyFile, which Check<k> reads
    with Std:JsonGet; Check<k> creates Model<k> when the MSE is low enough and runs Fail<k> otherwise.
    """
    def unit(k: int) -> list[dict]:
        """Train<k>, Eval<k> and Check<k>, which holds Model<k> and Fail<k>."""
        channels = {"train": join("/", get("Parameters.InputData"), f"part-{k}")}
        if k > 1:
            channels["model"] = model_artifacts(f"Train{k - 1}")
        evaluation = {**processing_step(f"Eval{k}", {"model": model_artifacts(f"Train{k}")},
                                        output="evaluation", script="evaluate.py"),
                      "PropertyFiles": [{"PropertyFileName": "EvaluationReport", "OutputName": "evaluation",
                                         "FilePath": "evaluation.json"}]}
        mse = {"Std:JsonGet": {"PropertyFile": get(f"Steps.Eval{k}.PropertyFiles.EvaluationReport"),
                               "Path": "regression_metrics.mse.value"}}
        model = {"Name": f"Model{k}", "Type": "Model", "Arguments": {
            "ExecutionRoleArn": ROLE,
            "PrimaryContainer": {"Image": XGBOOST_IMAGE, "Environment": {},
                                 "ModelDataUrl": model_artifacts(f"Train{k}")}}}
        fail = {"Name": f"Fail{k}", "Type": "Fail", "Arguments": {"ErrorMessage": join(
            " ", "Execution", get("Execution.PipelineExecutionId"), "MSE above", get("Parameters.MseThreshold"))}}
        check = condition_step(f"Check{k}", [{"Type": "LessThanOrEqualTo", "LeftValue": mse,
                                              "RightValue": get("Parameters.MseThreshold")}], [model], [fail])
        return [training_step(f"Train{k}", channels), evaluation, check]
    return pipeline(repeat(unit, 5, steps))


NESTED_CONDITIONS = [
    {"Type": "Equals", "LeftValue": get("Parameters.Mode"), "RightValue": "full"},
    {"Type": "Not", "Condition": {"Type": "Equals", "LeftValue": get("Parameters.Strict"), "RightValue": True}},
    {"Type": "Or", "Conditions": [
        {"Type": "In", "QueryValue": get("Parameters.Mode"), "Values": ["fast", "skip"]},
        {"Type": "GreaterThan", "LeftValue": get("Parameters.MseThreshold"), "RightValue": 5.0}]},
]


def nested_conditions(steps: int) -> dict:
    """Units of ten steps: Prep<k>, then a Condition three levels deep whose branches hold Processing steps.

    Gate<k>_1's IfSteps hold Gate<k>_2 and a Processing step, its ElseSteps one Processing step, and so on down to
    Gate<k>_3, whose branches hold one Processing step each. Every Processing step reads Prep<k>'s output.
    """
    def gate(k: int, level: int) -> dict:
        """Gate<k>_<level> with its branches, the levels below it included."""
        def work(branch: str) -> dict:
            """The Processing step of this level's branch ``a`` (IfSteps) or ``b`` (ElseSteps)."""
            return processing_step(f"Work{k}_{level}{branch}", {"input": output_uri(f"Prep{k}", "out")})
        deeper = [gate(k, level + 1)] if level < len(NESTED_CONDITIONS) else []
        return condition_step(f"Gate{k}_{level}", [NESTED_CONDITIONS[level - 1]], deeper + [work("a")], [work("b")])

    def unit(k: int) -> list[dict]:
        """Prep<k> and the tree of Gate<k>_1."""
        return [processing_step(f"Prep{k}", {"input": get("Parameters.InputData")}), gate(k, 1)]
    return pipeline(repeat(unit, 10, steps))


SHAPES: dict[str, Callable[[int], dict]] = {
    "chain": chain,
    "fan-out": fan_out,
    "data-refs": data_references,
    "nested-conditions": nested_conditions,
}


def render(definition: dict) -> str:
    """The definition as the SDK serialises it: ``json.dumps`` with default separators."""
    return json.dumps(definition)


def generate(shape: str, steps: int) -> str:
    """The JSON text of a ``shape`` definition with exactly ``steps`` steps (checked)."""
    definition = SHAPES[shape](steps)
    if count_steps(definition["Steps"]) != steps:
        raise AssertionError(f"{shape}: generated {count_steps(definition['Steps'])} steps, not {steps}")
    return render(definition)
