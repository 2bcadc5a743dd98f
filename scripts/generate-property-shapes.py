#!/usr/bin/env python3
"""Writes src/Sluice.Definitions/Validation/PropertyShapes.json from botocore's SageMaker service model.

Each step type's properties are the Describe* response SageMaker returns for its job, so a reference such as
Steps.Train.ModelArtifacts.S3ModelArtifacts can be checked against the model before anything runs. Only the shapes
reachable from those responses are kept, reduced to what a path walk needs: structures with their member shapes,
lists with their item shape, maps with their value shape, and everything else as a leaf.

Usage: python3 scripts/generate-property-shapes.py [path/to/service-2.json[.gz]]
"""
import gzip
import json
import os
import sys

ROOTS = {
    "Processing": ["DescribeProcessingJobResponse"],
    "Training": ["DescribeTrainingJobResponse"],
    "Transform": ["DescribeTransformJobResponse"],
    "Tuning": ["DescribeHyperParameterTuningJobResponse", "ListTrainingJobsForHyperParameterTuningJobResponse"],
    "Model": ["DescribeModelOutput"],
    "RegisterModel": ["DescribeModelPackageOutput"],
    "AutoML": ["DescribeAutoMLJobResponse"],
    "EndpointConfig": ["DescribeEndpointConfigOutput"],
    "Endpoint": ["DescribeEndpointOutput"],
}


def load_model(path):
    if path is None:
        import botocore
        path = os.path.join(os.path.dirname(botocore.__file__), "data", "sagemaker", "2017-07-24", "service-2.json.gz")
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f), path


def main():
    model, source = load_model(sys.argv[1] if len(sys.argv) > 1 else None)
    shapes = model["shapes"]
    kept = {}

    def visit(name):
        if name in kept:
            return
        shape = shapes[name]
        kind = shape["type"]
        if kind == "structure":
            kept[name] = {"members": {m: spec["shape"] for m, spec in shape.get("members", {}).items()}}
            for spec in shape.get("members", {}).values():
                visit(spec["shape"])
        elif kind == "list":
            kept[name] = {"item": shape["member"]["shape"]}
            visit(shape["member"]["shape"])
        elif kind == "map":
            kept[name] = {"value": shape["value"]["shape"]}
            visit(shape["value"]["shape"])
        else:
            kept[name] = {}

    for roots in ROOTS.values():
        for root in roots:
            visit(root)

    out = {
        "source": f"botocore {model['metadata'].get('apiVersion')} service model ({os.path.basename(source)})",
        "roots": ROOTS,
        "shapes": dict(sorted(kept.items())),
    }
    target = os.path.join(os.path.dirname(__file__), "..", "src", "Sluice.Core", "Validation", "PropertyShapes.json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=False)
        f.write("\n")
    print(f"wrote {len(kept)} shapes to {os.path.normpath(target)}")


if __name__ == "__main__":
    main()
