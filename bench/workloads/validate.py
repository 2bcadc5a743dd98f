"""The validate workload: ``sluice validate`` against a JSON parse and a JSON-schema check of the same definitions."""
from pathlib import Path
from typing import Sequence

from harness.model import Case, Contender, Workload
from workloads.definitions import SHAPES, generate


def setup(work_dir: Path, sizes: Sequence[int]) -> list[Case]:
    """Writes one definition per shape and size under ``work_dir`` and returns a case for each."""
    work_dir.mkdir(parents=True, exist_ok=True)
    cases = []
    for shape in SHAPES:
        for steps in sizes:
            path = work_dir / f"{shape}-{steps}.json"
            path.write_text(generate(shape, steps), encoding="utf-8")
            cases.append(Case(name=f"{shape}/{steps}",
                              params={"Shape": shape, "Steps": steps, "Bytes": path.stat().st_size},
                              inputs={"file": str(path)}))
    return cases


WORKLOAD = Workload(
    name="validate",
    description=(
        "Validating one generated pipeline definition, start to exit. Shapes: **chain** (each Processing step reads "
        "the previous step's output), **fan-out** (a root, n-2 steps reading its output, a join that DependsOn them "
        "all), **data-refs** (Training steps reading parameters, Std:Join, Std:JsonGet of an evaluation's "
        "PropertyFile in a Condition with Model and Fail steps in its branches), **nested-conditions** (Conditions "
        "three levels deep holding Processing steps). Step counts include nested steps; Bytes is the file size."),
    setup=setup,
    contenders=[
        Contender(
            label="json.load (parse only)",
            argv=["python3", "-c", 'import json, sys; json.load(open(sys.argv[1], "rb"))', "{file}"],
            measures="the floor: CPython starts and parses the JSON with its C parser; checks nothing."),
        Contender(
            label="json.tool (parse + pretty-print)",
            argv=["python3", "-m", "json.tool", "{file}"],
            measures="CPython parses the JSON and pretty-prints it to /dev/null; indented output goes through the "
                     "pure-Python encoder, so at large sizes printing costs more than parsing. Checks nothing."),
        Contender(
            label="jsonschema (structural schema)",
            argv=["python3", "{bench}/peers/schema_validate.py", "{file}"],
            measures="python-jsonschema 4 (Draft 2020-12) against bench/peers/"
                     "pipeline-definition.structural.schema.json: the top level and each step's structure (name "
                     "patterns, required members, types), not references, the graph or property paths."),
        Contender(
            label="sluice validate",
            argv=["{repo}/sluice", "validate", "{file}"],
            measures="the repo-root launcher (bash, a find for changed sources, then exec of the built CLI): "
                     "reading, reference and property-path checks, the graph and cycle search, and the report. Runs "
                     "in which the launcher rebuilt the CLI are discarded and repeated.",
            discard_if="sluice: building the CLI"),
    ],
    sizes=[100, 1_000, 10_000],
    quick_sizes=[100],
)
