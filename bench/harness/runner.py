"""Runs a workload: generates its cases, checks every contender once per case, then times the contenders in turn."""
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, replace
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
    work_dir = settings.work / workload.name
    cases = workload.setup(work_dir, sizes)
    results = [time_case(case, contenders, settings, work_dir) for case in cases] if contenders else []
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


def time_case(case: Case, contenders: Sequence[Contender], settings: Settings, work_dir: Path) -> CaseResult:
    """Prechecks and checks each contender once (untimed; this also warms caches), then times them round-robin.

    Taking turns spreads any drift in the machine's load over all contenders instead of favouring one.
    """
    for contender in contenders:
        precheck(contender, case, settings)
        measured_run(contender, case, settings, work_dir, "check run")
    runs: dict[str, list[Run]] = {c.label: [] for c in contenders}
    for _ in range(settings.runs):
        for contender in contenders:
            runs[contender.label].append(timed_run(contender, case, settings, work_dir))
    for contender in contenders:
        median_s = summarize([r.wall_s for r in runs[contender.label]])["median"]
        log(f"{case.name}: {contender.label}: median {median_s * 1000:.1f} ms")
    return CaseResult(case, runs, round(os.getloadavg()[0], 2))


def precheck(contender: Contender, case: Case, settings: Settings) -> None:
    """Runs the contender's ``precheck`` command, if any, and raises ``ContenderFailed`` unless it exits 0."""
    if contender.precheck is None:
        return
    argv = fill(contender.precheck, case.inputs, settings, scratch=None)
    outcome = run(argv, settings.repo, keep_stdout=True)
    if outcome.exit_code != 0:
        raise ContenderFailed(f"{case.name}: '{contender.label}' precheck `{' '.join(argv)}` exited "
                              f"{outcome.exit_code}, expected 0\n{outcome.output}")
    log(f"{case.name}: {contender.label}: precheck passed: {' '.join(argv)}")


def timed_run(contender: Contender, case: Case, settings: Settings, work_dir: Path) -> Run:
    """One run that exited as expected, after discarding up to ``MAX_DISCARDS`` runs marked by ``discard_if``."""
    for _ in range(MAX_DISCARDS + 1):
        outcome = measured_run(contender, case, settings, work_dir, "timed run")
        if not contender.discard_if or contender.discard_if not in outcome.output:
            return outcome
        log(f"{case.name}: {contender.label}: discarded a run ({outcome.wall_s:.1f} s): {contender.discard_if}")
    raise ContenderFailed(f"{case.name}: '{contender.label}': {MAX_DISCARDS + 1} runs in a row were discarded")


def measured_run(contender: Contender, case: Case, settings: Settings, work_dir: Path, what: str) -> Run:
    """One run that exited as expected, with the figures its ``metrics`` read from standard output.

    The run gets a directory of its own under ``work_dir``, deleted afterwards: ``scratch/`` (empty; the
    ``{scratch}`` placeholder) and, with ``metrics``, the file ``stdout``. Without ``metrics``, a check run sends
    standard output to the error log, so a failure shows it; timed runs discard it.
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=work_dir))
    try:
        scratch, stdout_file = run_dir / "scratch", run_dir / "stdout" if contender.metrics else None
        scratch.mkdir()
        argv = fill(contender.argv, case.inputs, settings, scratch)
        outcome = run(argv, settings.repo, keep_stdout=what == "check run", stdout_file=stdout_file)
        expect_exit(contender, case, outcome, what)
        if stdout_file is None:
            return outcome
        return replace(outcome, metrics=read_metrics(contender, case, stdout_file, outcome, what))
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


def read_metrics(contender: Contender, case: Case, stdout_file: Path, outcome: Run, what: str) -> Mapping[str, float]:
    """The contender's figures from a run's standard output; ``ContenderFailed`` when they cannot be read."""
    text = stdout_file.read_text(encoding="utf-8", errors="replace")
    try:
        return contender.metrics(text, case)
    except (ValueError, KeyError, TypeError) as error:
        raise ContenderFailed(f"{case.name}: '{contender.label}' {what}: cannot read its figures from standard "
                              f"output ({error!r}); it began:\n{text[:2000]}\n{outcome.output}") from error


def expect_exit(contender: Contender, case: Case, outcome: Run, what: str) -> None:
    """Raises ``ContenderFailed`` with the run's output when it exited with an unexpected code."""
    if outcome.exit_code != contender.expected_exit:
        raise ContenderFailed(
            f"{case.name}: '{contender.label}' {what} exited {outcome.exit_code}, expected {contender.expected_exit}\n"
            f"{outcome.output}")


def fill(template: Sequence[str], inputs: Mapping[str, str], settings: Settings, scratch: Path | None) -> list[str]:
    """Fills an argv template from the case inputs, ``{repo}``, ``{bench}`` and the run's ``{scratch}`` directory."""
    return [part.format(**inputs, repo=settings.repo, bench=settings.bench, scratch=scratch) for part in template]


def missing_program(program: str) -> str | None:
    """Why ``program`` (a path, or a name to find on PATH) cannot be run, or ``None`` when it can."""
    if os.sep in program:
        return None if os.access(program, os.X_OK) else f"{program} does not exist or is not executable"
    return None if shutil.which(program) else f"{program} is not on PATH"


def log(message: str) -> None:
    """Writes a progress message to standard error, keeping standard output for the results table."""
    print(message, file=sys.stderr, flush=True)

