"""Runs a workload: generates its cases, checks every contender once per case, then times the contenders in turn."""
import os
import shutil
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping, Sequence

from harness.measure import Run, run, summarize
from harness.model import Case, Contender, Server, ServerPlace, Workload

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
    """The timed runs of every contender on one case, keyed by contender label (in the workload's order), in run
    order; a contender that failed has none.

    ``load_average`` is the machine's 1-minute load average when they ended: other work widens the min–max ranges.
    ``failed`` holds, per label, why a contender has no figures for this case (it exited wrongly, its output could
    not be read, its server did not start); the others ran on. ``server`` holds, per label, the figures of the
    contender's server (``Server.figures``), read after the runs.
    """

    case: Case
    runs: dict[str, list[Run]]
    load_average: float
    failed: dict[str, str] = field(default_factory=dict)
    server: dict[str, Mapping[str, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkloadResult:
    """A workload's contenders that ran, those skipped (label to reason), and its case results."""

    workload: Workload
    contenders: list[Contender]
    skipped: dict[str, str]
    cases: list[CaseResult]

    def failures(self) -> list[str]:
        """One line per contender that failed on a case: ``case: label: reason``."""
        return [f"{result.case.name}: {label}: {reason}" for result in self.cases
                for label, reason in result.failed.items()]


class ContenderFailed(RuntimeError):
    """A contender exited with a code other than the one expected, so its timings would mean nothing."""


def run_workload(workload: Workload, settings: Settings) -> WorkloadResult:
    """Sets up the workload's cases, checks each contender on each case, and times ``settings.runs`` runs of each."""
    if workload.prepare is not None:
        workload.prepare()
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
    """Starts the contenders' servers, prechecks and checks each contender once (untimed; this also warms caches),
    then times them round-robin, and reads the servers' figures before stopping them.

    Taking turns spreads any drift in the machine's load over all contenders instead of favouring one. A contender
    that fails (its server, precheck, check run or a timed run) is recorded with the reason and drops out of this
    case; the others go on. Every server is stopped when the case ends, however it ends.
    """
    failed: dict[str, str] = {}
    servers: dict[str, Server] = {}
    if case.only is not None:
        contenders = [c for c in contenders if c.label in case.only]
    with ExitStack() as stack:
        active = []
        for contender in contenders:
            try:
                if contender.server is not None:
                    servers[contender.label] = start_server(contender, case, settings, work_dir, stack)
                inputs = contender_inputs(case, servers.get(contender.label))
                precheck(contender, case, inputs, settings)
                measured_run(contender, case, inputs, settings, work_dir, "check run")
                active.append(contender)
            except ContenderFailed as error:
                record_failure(failed, case, contender, error)
        runs: dict[str, list[Run]] = {c.label: [] for c in contenders}
        for _ in range(settings.runs):
            for contender in list(active):
                try:
                    inputs = contender_inputs(case, servers.get(contender.label))
                    runs[contender.label].append(timed_run(contender, case, inputs, settings, work_dir))
                except ContenderFailed as error:
                    record_failure(failed, case, contender, error)
                    active.remove(contender)
        figures = {}
        for contender in active:
            if contender.label in servers:
                try:
                    figures[contender.label] = dict(servers[contender.label].figures())
                except Exception as error:  # a figure we cannot read is missing, not a reason to drop the runs
                    log(f"{case.name}: {contender.label}: cannot read the server's figures: {error!r}")
    for contender in active:
        median_s = summarize([r.wall_s for r in runs[contender.label]])["median"]
        log(f"{case.name}: {contender.label}: median {median_s * 1000:.1f} ms")
    runs = {label: [] if label in failed else samples for label, samples in runs.items()}
    return CaseResult(case, runs, round(os.getloadavg()[0], 2), failed, figures)


def start_server(contender: Contender, case: Case, settings: Settings, work_dir: Path, stack: ExitStack) -> Server:
    """Starts and prepares the contender's server for this case in a directory of its own under ``work_dir``;
    ``stack`` stops it and deletes the directory. Any error on the way becomes ``ContenderFailed``."""
    work_dir.mkdir(parents=True, exist_ok=True)
    directory = Path(tempfile.mkdtemp(prefix="server-", dir=work_dir))
    stack.callback(shutil.rmtree, directory, ignore_errors=True)
    log(f"{case.name}: {contender.label}: starting its server")
    try:
        return stack.enter_context(contender.server(case, ServerPlace(settings.repo, settings.bench, directory,
                                                                      settings.quick)))
    except Exception as error:
        raise ContenderFailed(f"{case.name}: '{contender.label}': its server is not ready: {error}") from error


def contender_inputs(case: Case, server: Server | None) -> Mapping[str, str]:
    """The placeholders of a contender's argv on this case: the case's inputs, plus its server's."""
    return {**case.inputs, **server.inputs} if server is not None else case.inputs


def record_failure(failed: dict[str, str], case: Case, contender: Contender, error: ContenderFailed) -> None:
    """Notes why ``contender`` has no figures for ``case`` and says so on standard error."""
    failed[contender.label] = str(error).removeprefix(f"{case.name}: '{contender.label}'").lstrip(": ")
    log(f"error: {error}")
    log(f"{case.name}: '{contender.label}' is recorded as failed (n/a) on this case; the others go on")


def precheck(contender: Contender, case: Case, inputs: Mapping[str, str], settings: Settings) -> None:
    """Runs the contender's ``precheck`` command, if any, and raises ``ContenderFailed`` unless it exits 0."""
    if contender.precheck is None:
        return
    argv = fill(contender.precheck, inputs, settings, scratch=None)
    outcome = run(argv, settings.repo, keep_stdout=True)
    if outcome.exit_code != 0:
        raise ContenderFailed(f"{case.name}: '{contender.label}' precheck `{' '.join(argv)}` exited "
                              f"{outcome.exit_code}, expected 0\n{outcome.output}")
    log(f"{case.name}: {contender.label}: precheck passed: {' '.join(argv)}")


def timed_run(contender: Contender, case: Case, inputs: Mapping[str, str], settings: Settings, work_dir: Path) -> Run:
    """One run that exited as expected, after discarding up to ``MAX_DISCARDS`` runs marked by ``discard_if``."""
    for _ in range(MAX_DISCARDS + 1):
        outcome = measured_run(contender, case, inputs, settings, work_dir, "timed run")
        if not contender.discard_if or contender.discard_if not in outcome.output:
            return outcome
        log(f"{case.name}: {contender.label}: discarded a run ({outcome.wall_s:.1f} s): {contender.discard_if}")
    raise ContenderFailed(f"{case.name}: '{contender.label}': {MAX_DISCARDS + 1} runs in a row were discarded")


def measured_run(contender: Contender, case: Case, inputs: Mapping[str, str], settings: Settings, work_dir: Path,
                 what: str) -> Run:
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
        argv = fill(contender.argv, inputs, settings, scratch)
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

