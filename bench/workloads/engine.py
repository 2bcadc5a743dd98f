"""The engine workload: ``sluice run`` of Condition-only pipelines against make and Snakemake on the same DAGs.

Every step is a Condition that compares 1 with 1 and has empty branches, so each step costs the engine only its
bookkeeping: scheduling, evaluation and the durable step records. The peers run the same graph with recipes that do
nothing (make) or touch their output (Snakemake).
"""
import json
from pathlib import Path
from typing import Callable, Mapping, Sequence

from harness.model import Case, Contender, Workload
from workloads.definitions import condition_step, render

ONE_STEP, CHAIN, FAN_OUT = "one-step", "chain", "fan-out"
DEFAULT_CASES = [(ONE_STEP, 1), (CHAIN, 1_000), (FAN_OUT, 10_000)]
GOAL_WALL_MS = 250  # issue 20 (was 500 before it)
GOAL_STEPS_PER_S = 2_000
GOAL_PEAK_MB = 300
GOALS = {
    ONE_STEP: f"sluice wall ≤ {GOAL_WALL_MS} ms",
    CHAIN: f"sluice ≥ {GOAL_STEPS_PER_S:,} steps/s",
    FAN_OUT: f"sluice ≥ {GOAL_STEPS_PER_S:,} steps/s, peak ≤ {GOAL_PEAK_MB} MB "
             f"({GOAL_PEAK_MB * 10**6 / 2**20:.0f} MiB) at 10,000 steps",
}
ENGINE_MS, STEPS_PER_S = "Engine ms", "Engine steps/s"


def step_names(steps: int) -> list[str]:
    """The names of the DAG's nodes, C1 … Cn, shared by the definition, the Makefile and the Snakefile."""
    return [f"C{i}" for i in range(1, steps + 1)]


def prerequisites(shape: str, steps: int) -> dict[str, list[str]]:
    """Each node's prerequisites: the previous node in a chain, none in a fan-out (or a single step)."""
    names = step_names(steps)
    return {name: [names[i - 1]] if shape == CHAIN and i > 0 else [] for i, name in enumerate(names)}


def definition(shape: str, steps: int) -> str:
    """A pipeline of Condition steps (``1 == 1``, no branches) in the SDK's shape, with DependsOn for the edges.

    Top level as ``Pipeline.definition()`` emits it without parameters or an experiment config: Version, Metadata,
    Parameters, PipelineExperimentConfig (null), Steps.
    """
    equals = [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}]
    step_list = []
    for name, after in prerequisites(shape, steps).items():
        step = condition_step(name, equals, [], [])
        step_list.append({**step, "DependsOn": after} if after else step)
    return render({"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": None,
                   "Steps": step_list})


def makefile(shape: str, steps: int) -> str:
    """The same DAG for GNU make: every node a phony target whose recipe is ``@:``, under a phony ``all`` goal.

    Phony, because no recipe makes a file; it also spares make the implicit-rule search for each target.
    """
    edges = prerequisites(shape, steps)
    goals = step_names(steps)[-1:] if shape == CHAIN else step_names(steps)
    lines = [f".PHONY: all {' '.join(edges)}", f"all: {' '.join(goals)}"]
    for name, after in edges.items():
        lines += [f"{name}:{''.join(' ' + a for a in after)}", "\t@:"]
    return "\n".join(lines) + "\n"


def snakefile(shape: str, steps: int) -> str:
    """The same DAG for Snakemake: one wildcard rule that touches ``done/C<i>``, after ``done/C<i-1>`` in a chain.

    One rule with a wildcard is how a Snakefile expresses n alike jobs; ``all`` asks for the last output of a chain
    or every output of a fan-out.
    """
    goals = step_names(steps)[-1:] if shape == CHAIN else step_names(steps)
    after = ('lambda wildcards: [f"done/C{int(wildcards.i) - 1}"] if int(wildcards.i) > 1 else []'
             if shape == CHAIN else "[]")
    return "\n".join([
        "rule all:",
        f"    input: {json.dumps([f'done/{goal}' for goal in goals])}",
        "",
        "rule step:",
        "    output: \"done/C{i,[0-9]+}\"",
        f"    input: {after}",
        "    shell: \"touch {output}\"",
        "",
    ])


def write(path: Path, text: str) -> str:
    """Writes ``text`` to ``path`` and returns the path as a string, for a case's inputs."""
    path.write_text(text, encoding="utf-8")
    return str(path)


def case_specs(sizes: Sequence[int]) -> list[tuple[str, int]]:
    """The cases: one step, a chain of 1,000 and a fan-out of 10,000; ``--sizes`` sets the chain's and fan-out's."""
    if not sizes:
        return DEFAULT_CASES
    return [(ONE_STEP, 1), *((shape, steps) for shape in (CHAIN, FAN_OUT) for steps in sizes)]


def setup(work_dir: Path, sizes: Sequence[int]) -> list[Case]:
    """Writes a definition, a Makefile and a Snakefile per case under ``work_dir`` and returns the cases."""
    work_dir.mkdir(parents=True, exist_ok=True)
    generators: dict[str, tuple[str, Callable[[str, int], str]]] = {
        "file": ("json", definition), "makefile": ("mk", makefile), "snakefile": ("smk", snakefile)}
    cases = []
    for shape, steps in case_specs(sizes):
        stem = f"{shape}-{steps}"
        inputs = {key: write(work_dir / f"{stem}.{ext}", generate(shape, steps))
                  for key, (ext, generate) in generators.items()}
        cases.append(Case(name=f"{shape}/{steps}",
                          params={"Shape": shape, "Steps": steps, "Goal": GOALS[shape]}, inputs=inputs))
    return cases


def engine_figures(stdout: str, case: Case) -> Mapping[str, float]:
    """The execution's own duration and throughput, from what ``sluice run --json`` prints on standard output.

    Duration is LastModifiedTime minus CreationTime (epoch seconds, to the millisecond; at least 1 ms); steps per
    second divide the steps the execution lists, which must be all of them, by it. A single step has a latency,
    not a throughput, so that case reports only the duration.
    """
    report = json.loads(stdout)
    execution = report["PipelineExecution"]
    if execution["PipelineExecutionStatus"] != "Succeeded":
        raise ValueError(f"the execution is {execution['PipelineExecutionStatus']}, not Succeeded")
    steps = len(report["Steps"])
    if steps != case.params["Steps"]:
        raise ValueError(f"the execution lists {steps} steps, not {case.params['Steps']}")
    seconds = max(execution["LastModifiedTime"] - execution["CreationTime"], 0.001)
    figures = {ENGINE_MS: seconds * 1000}
    return {**figures, STEPS_PER_S: steps / seconds} if steps > 1 else figures


WORKLOAD = Workload(
    name="engine",
    description=(
        "Running a pipeline to the end on a fresh data directory, start to exit. Every step is a Condition (`1 == "
        "1`, empty branches), so the figures are the engine's own cost per step. Cases: **one-step**, **chain** "
        "(each step DependsOn the previous one) and **fan-out** (independent steps). Peers run the same DAG. "
        f"**{ENGINE_MS}** is the execution's LastModifiedTime minus its CreationTime from `sluice run --json`, and "
        f"**{STEPS_PER_S}** the step count divided by it: the engine alone, without process start-up, reading and "
        "validating the definition, or printing the result. Goals (sluice): one step in "
        f"≤ {GOAL_WALL_MS} ms wall; ≥ {GOAL_STEPS_PER_S:,} steps/s with durable state; ≤ {GOAL_PEAK_MB} MB peak "
        "for 10,000 steps."),
    setup=setup,
    contenders=[
        Contender(
            label="make (no-op recipes, no state)",
            argv=["make", "-f", "{makefile}", "-j2"],
            measures="GNU make on a generated Makefile of the same DAG: phony targets whose recipe is `@:`, which "
                     "make recognises as a no-op and runs without starting a shell. It keeps no state: nothing "
                     "records that a target ran, and an interrupted run starts over."),
        Contender(
            label="snakemake (touch outputs, file state)",
            argv=["snakemake", "--snakefile", "{snakefile}", "--cores", "2", "--directory", "{scratch}"],
            measures="Snakemake on a generated Snakefile of the same DAG: one wildcard rule whose shell command "
                     "touches its output file, in a fresh working directory per run. Its state is the output files "
                     "plus the metadata it keeps in .snakemake/; each job starts a shell and `touch`."),
        Contender(
            label="sluice run (durable state)",
            argv=["{repo}/sluice", "run", "{file}", "--data", "{scratch}", "--json"],
            measures="the repo-root launcher, then `sluice run --json` on a fresh, empty data directory per run "
                     "(no cache, nothing to resume): reading and validating the definition, the durable SQLite "
                     "store, scheduling and evaluating every step, and the JSON result (read for the engine "
                     "figures). Checked first with `sluice validate`. Runs in which the launcher rebuilt the CLI "
                     "are discarded and repeated.",
            discard_if="sluice: building the CLI",
            metrics=engine_figures,
            precheck=["{repo}/sluice", "validate", "{file}"]),
    ],
    sizes=[],
    quick_sizes=[100],
)
