"""The example workload: the README's main command, examples/diabetes end to end, cold and with cache hits.

``scripts/example`` prepares the data set, uploads the scripts to the local object store and runs the pipeline
(scikit-learn processing, script-mode training, evaluation, a condition, registration and a batch transform) with
real sandboxed jobs. *Cold* runs it on a fresh data directory; *cached* runs it on a data directory that already
holds one run, so PrepareData and TrainModel come from the cache (their CacheConfig) and the rest runs again.
"""
import json
import subprocess
from pathlib import Path
from typing import Mapping, Sequence

from harness.model import Case, Contender, Workload
from workloads import engine

REPO = Path(__file__).resolve().parents[2]


def setup(work_dir: Path, sizes: Sequence[int]) -> list[Case]:
    """Runs the example once into a warm data directory, which the cached contender reuses."""
    warm = work_dir / "warm-data"
    warm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(REPO / "scripts" / "example"), "--data", str(warm)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return [Case(name="example/diabetes", inputs={"warm": str(warm)},
                 params={"Pipeline": "examples/diabetes", "Steps run": "7 of 8"})]


def engine_ms(stdout: str, case: Case) -> Mapping[str, float]:
    """The execution's own duration from the JSON ``sluice run --json`` prints last (scripts/example passes it on).

    The run must have Succeeded with every step of the taken branch (7 of the 8) listed.
    """
    report = json.loads(stdout[stdout.index('{\n  "PipelineExecution"'):])
    execution = report["PipelineExecution"]
    if execution["PipelineExecutionStatus"] != "Succeeded" or len(report["Steps"]) != 7:
        raise ValueError(f"the example ended {execution['PipelineExecutionStatus']} with {len(report['Steps'])} steps")
    return {engine.ENGINE_MS: max(execution["LastModifiedTime"] - execution["CreationTime"], 0.001) * 1000}


WORKLOAD = Workload(
    name="example",
    description=(
        "The README's main command, `scripts/example`: the diabetes pipeline end to end with real jobs, start to "
        "exit (the data preparation and uploads included). **cold** starts from an empty data directory each run; "
        "**cached** reuses one that holds an earlier run, so the processing and training steps are cache hits. "
        f"**{engine.ENGINE_MS}** is the execution alone (LastModifiedTime minus CreationTime)."),
    setup=setup,
    contenders=[
        Contender(
            label="scripts/example (cold)",
            argv=["{repo}/scripts/example", "--data", "{scratch}", "--json"],
            measures="a fresh data directory per run: every step runs, the CLI is already built.",
            discard_if="sluice: building the CLI",
            metrics=engine_ms),
        Contender(
            label="scripts/example (cached)",
            argv=["{repo}/scripts/example", "--data", "{warm}", "--json"],
            measures="the same data directory every run: PrepareData and TrainModel are cache hits.",
            discard_if="sluice: building the CLI",
            metrics=engine_ms),
    ],
    sizes=[],
    quick_sizes=[],
)
