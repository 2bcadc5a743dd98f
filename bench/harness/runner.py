"""Runs a workload: generates its cases, checks every contender once per case, then times the contenders in turn."""
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from harness.measure import Run, run, summarize
from harness.model import Case, Contender, Workload

MAX_DISCARDS = 3


@dataclass(frozen=True)
class Settings:
    """What the command line chose: run count, sizes (``None`` for the workload's own), contender filter, paths."""

    runs: int
    sizes: Sequence[int] | None
    quick: bool
    contender_filter: Sequence[str]
    repo: Path
    bench: Path
    work: Path


@dataclass(frozen=True)
class CaseResult:
    """The timed runs of every contender on one case, keyed by contender label, in run order.

    ``load_average`` is the machine's 1-minute load average when they ended: other work widens the min–max ranges.
    """

    case: Case
    runs: dict[str, list[Run]]
    load_average: float


@dataclass(frozen=True)
class WorkloadResult:
    """A workload's contenders that ran, those skipped (label to reason), and its case results."""

    workload: Workload
    contenders: list[Contender]
    skipped: dict[str, str]
    cases: list[CaseResult]


class ContenderFailed(RuntimeError):
    """A contender exited with a code other than the one expected, so its timings would mean nothing."""


def run_workload(workload: Workload, settings: Settings) -> WorkloadResult:
    """Sets up the workload's cases, checks each contender on each case, and times ``settings.runs`` runs of each."""
    contenders, skipped = select_contenders(workload, settings)
    for label, reason in skipped.items():
        log(f"{workload.name}: skipping '{label}': {reason}")
    sizes = settings.sizes or (workload.quick_sizes if settings.quick else workload.sizes)
    cases = workload.setup(settings.work / workload.name, sizes)
    results = [time_case(case, contenders, settings) for case in cases] if contenders else []
    return WorkloadResult(workload, contenders, skipped, results)


def select_contenders(workload: Workload, settings: Settings) -> tuple[list[Contender], dict[str, str]]:
    """Splits the workload's contenders into those to run and those skipped, with the reason for each skip."""
    chosen, skipped = [], {}
    for contender in workload.contenders:
        wanted = not settings.contender_filter or any(
            word.lower() in contender.label.lower() for word in settings.contender_filter)
        missing = missing_program(contender.argv[0].format(repo=settings.repo, bench=settings.bench))
        if not wanted:
            skipped[contender.label] = "excluded by --contenders"
        elif missing:
            skipped[contender.label] = missing
        else:
            chosen.append(contender)
    return chosen, skipped


def time_case(case: Case, contenders: Sequence[Contender], settings: Settings) -> CaseResult:
    """Checks each contender once (untimed; this also warms caches), then times them round-robin.

    Taking turns spreads any drift in the machine's load over all contenders instead of favouring one.
    """
    commands = {c.label: argv_for(c, case.inputs, settings) for c in contenders}
    for contender in contenders:
        expect_exit(contender, case, run(commands[contender.label], settings.repo, keep_stdout=True), "check run")
    runs: dict[str, list[Run]] = {c.label: [] for c in contenders}
    for _ in range(settings.runs):
        for contender in contenders:
            runs[contender.label].append(timed_run(contender, case, commands[contender.label], settings.repo))
    for contender in contenders:
        median_s = summarize([r.wall_s for r in runs[contender.label]])["median"]
        log(f"{case.name}: {contender.label}: median {median_s * 1000:.1f} ms")
    return CaseResult(case, runs, round(os.getloadavg()[0], 2))


def timed_run(contender: Contender, case: Case, argv: Sequence[str], cwd: Path) -> Run:
    """One run that exited as expected, after discarding up to ``MAX_DISCARDS`` runs marked by ``discard_if``."""
    for _ in range(MAX_DISCARDS + 1):
        outcome = run(argv, cwd)
        expect_exit(contender, case, outcome, "timed run")
        if not contender.discard_if or contender.discard_if not in outcome.output:
            return outcome
        log(f"{case.name}: {contender.label}: discarded a run ({outcome.wall_s:.1f} s): {contender.discard_if}")
    raise ContenderFailed(f"{case.name}: '{contender.label}': {MAX_DISCARDS + 1} runs in a row were discarded")


def expect_exit(contender: Contender, case: Case, outcome: Run, what: str) -> None:
    """Raises ``ContenderFailed`` with the run's output when it exited with an unexpected code."""
    if outcome.exit_code != contender.expected_exit:
        raise ContenderFailed(
            f"{case.name}: '{contender.label}' {what} exited {outcome.exit_code}, expected {contender.expected_exit}\n"
            f"{outcome.output}")


def argv_for(contender: Contender, inputs: Mapping[str, str], settings: Settings) -> list[str]:
    """Fills the contender's argv template from the case inputs and the ``{repo}`` and ``{bench}`` paths."""
    return [part.format(**inputs, repo=settings.repo, bench=settings.bench) for part in contender.argv]


def missing_program(program: str) -> str | None:
    """Why ``program`` (a path, or a name to find on PATH) cannot be run, or ``None`` when it can."""
    if os.sep in program:
        return None if os.access(program, os.X_OK) else f"{program} does not exist or is not executable"
    return None if shutil.which(program) else f"{program} is not on PATH"


def log(message: str) -> None:
    """Writes a progress message to standard error, keeping standard output for the results table."""
    print(message, file=sys.stderr, flush=True)

