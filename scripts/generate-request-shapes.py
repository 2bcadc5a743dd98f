#!/usr/bin/env python3
"""Writes src/Sluice.Server/Api/RequestShapes.json and src/Sluice.Definitions/Validation/ArgumentShapes.json from
botocore's SageMaker and SQS service models.

ArgumentShapes.json holds the input shapes of the Create* requests whose members job steps' Arguments are
(CreateProcessingJob for Processing steps, CreateTrainingJob for Training, ...), in the same format, so that
`sluice validate`, CreatePipeline and `sluice build` check literal Arguments as SageMaker checks the job request.

`sluice serve` checks every request body against the input shape of its operation before a handler runs, the way
the real services (Coral) do: required members, string/list/map lengths, number ranges, patterns and enums. botocore
checks only some of these on the client (required, types, min), so the server has to check the rest itself.

The file holds, per service (keyed by the X-Amz-Target prefix: "SageMaker", "AmazonSQS"), the input shape of each
operation listed below and every shape reachable from it, by name, so recursive shapes are references rather than
inlined copies. Each shape keeps only what validation needs: its type, and
  structure: "members" (member name -> shape name, in model order) and "required";
  list: "member"; map: "key" and "value";
  string: "min"/"max" (length), "pattern", "enum", "sensitive" (a value never echoed in messages);
  integer/long/float/double: "min"/"max" (value); list/map: "min"/"max" (number of entries).
Enums are dropped for AmazonSQS: SQS answers unknown attribute names with its own errors and accepts message system
attribute names in ReceiveMessage's AttributeNames, which its model's QueueAttributeName enum does not list.

The output is compact and deterministic (shapes sorted by name, members in model order), so rerunning it with the
same botocore changes nothing. Rerun after upgrading botocore (pip install -U boto3) and commit the result:

    python3 scripts/generate-request-shapes.py [path/to/botocore]

Without an argument, botocore is found on the Python path.
"""
import gzip
import json
import os
import sys

SERVICES = {
    "SageMaker": {
        "model": ("sagemaker", "2017-07-24"),
        "enums": True,
        "operations": [
            "CreatePipeline", "UpdatePipeline", "DeletePipeline", "DescribePipeline", "ListPipelines",
            "ListPipelineVersions", "UpdatePipelineVersion", "StartPipelineExecution", "StopPipelineExecution",
            "RetryPipelineExecution", "UpdatePipelineExecution", "DescribePipelineExecution",
            "ListPipelineExecutions", "ListPipelineExecutionSteps", "ListPipelineParametersForExecution",
            "DescribePipelineDefinitionForExecution", "SendPipelineExecutionStepSuccess",
            "SendPipelineExecutionStepFailure",
            "DescribeProcessingJob", "DescribeTrainingJob", "DescribeTransformJob", "DescribeHyperParameterTuningJob",
            "ListTrainingJobsForHyperParameterTuningJob", "DescribeModel", "DescribeModelPackage", "ListModelPackages",
            "UpdateModelPackage", "DescribeModelPackageGroup", "ListModelPackageGroups", "AddTags", "ListTags", "DeleteTags",
        ],
    },
    "AmazonSQS": {
        "model": ("sqs", "2012-11-05"),
        "enums": False,
        "operations": [
            "CreateQueue", "GetQueueUrl", "ListQueues", "DeleteQueue", "SendMessage", "ReceiveMessage",
            "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes", "PurgeQueue", "SetQueueAttributes",
            "SendMessageBatch", "DeleteMessageBatch", "ChangeMessageVisibilityBatch",
        ],
    },
}

# The requests whose members job steps' Arguments are (the definition omits the job's name, which SageMaker makes).
ARGUMENT_OPERATIONS = [
    "CreateProcessingJob", "CreateTrainingJob", "CreateTransformJob", "CreateHyperParameterTuningJob",
    "CreateModel", "CreateModelPackage",
]

SCALARS = {"string", "integer", "long", "float", "double", "boolean", "timestamp", "blob"}


def load_model(botocore_dir, service, version):
    path = os.path.join(botocore_dir, "data", service, version, "service-2.json.gz")
    if not os.path.exists(path):
        path = path[: -len(".gz")]
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def reduce_shape(shape, enums):
    kind = shape["type"]
    out = {"type": kind}
    if kind == "structure":
        out["members"] = {name: spec["shape"] for name, spec in shape.get("members", {}).items()}
        if shape.get("required"):
            out["required"] = list(shape["required"])
    elif kind == "list":
        out["member"] = shape["member"]["shape"]
    elif kind == "map":
        out["key"] = shape["key"]["shape"]
        out["value"] = shape["value"]["shape"]
    elif kind not in SCALARS:
        raise SystemExit(f"unsupported shape type {kind!r}")
    for bound in ("min", "max"):
        if bound in shape:
            out[bound] = shape[bound]
    if kind == "string":
        if "pattern" in shape:
            out["pattern"] = shape["pattern"]
        if enums and "enum" in shape:
            out["enum"] = list(shape["enum"])
        if shape.get("sensitive"):
            out["sensitive"] = True
    return out


def service_shapes(model, operations, enums):
    shapes = model["shapes"]
    kept = {}

    def visit(name):
        if name in kept:
            return
        shape = shapes[name]
        kept[name] = reduce_shape(shape, enums)
        for spec in shape.get("members", {}).values():
            visit(spec["shape"])
        for part in ("member", "key", "value"):
            if part in shape:
                visit(shape[part]["shape"])

    inputs = {}
    for operation in operations:
        spec = model["operations"][operation]
        if "input" in spec:
            inputs[operation] = spec["input"]["shape"]
            visit(spec["input"]["shape"])
        else:
            inputs[operation] = None
    return {
        "apiVersion": model["metadata"]["apiVersion"],
        "operations": dict(sorted(inputs.items())),
        "shapes": dict(sorted(kept.items())),
    }


def main():
    if len(sys.argv) > 1:
        botocore_dir = sys.argv[1]
        version = "unknown"
        with open(os.path.join(botocore_dir, "__init__.py"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("__version__"):
                    version = line.split("=", 1)[1].strip().strip("'\"")
    else:
        import botocore
        botocore_dir = os.path.dirname(botocore.__file__)
        version = botocore.__version__
    out = {"source": f"botocore {version}"}
    for prefix, service in SERVICES.items():
        model = load_model(botocore_dir, *service["model"])
        out[prefix] = service_shapes(model, service["operations"], service["enums"])
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Sluice.Server", "Api", "RequestShapes.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")
    counts = ", ".join(f"{prefix}: {len(out[prefix]['operations'])} operations, {len(out[prefix]['shapes'])} shapes" for prefix in SERVICES)
    print(f"wrote {os.path.normpath(target)} from botocore {version} ({counts})")

    arguments = {"source": f"botocore {version}"}
    arguments["SageMaker"] = service_shapes(load_model(botocore_dir, *SERVICES["SageMaker"]["model"]), ARGUMENT_OPERATIONS, True)
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Sluice.Definitions", "Validation", "ArgumentShapes.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(arguments, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")
    print(f"wrote {os.path.normpath(target)} ({len(arguments['SageMaker']['shapes'])} shapes)")


if __name__ == "__main__":
    main()
