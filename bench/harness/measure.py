"""Runs one command and measures its whole-process wall time and peak memory."""
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

SPAWN = Path(__file__).with_name("spawn.py")
OUTPUT_TAIL_BYTES = 4000


@dataclass(frozen=True)
class Run:
    """The outcome of one run: exit code, wall seconds, peak resident set in KiB, and the tail of its output.

    ``metrics`` are the figures a contender's ``metrics`` function read from the run's standard output, by name.
    """

    exit_code: int
    wall_s: float
    max_rss_kib: int
    output: str
    metrics: Mapping[str, float] = field(default_factory=dict)


def run(argv: Sequence[str], cwd: Path, keep_stdout: bool = False, stdout_file: Path | None = None) -> Run:
    """Runs ``argv`` to completion through spawn.py and returns what it measured.

    spawn.py takes ``time.perf_counter`` around ``fork``, ``exec`` and ``os.wait4``, so wall time covers process
    start-up and exit. ``ru_maxrss`` from ``wait4`` is the peak resident set of the command or, if larger, of any
    descendant it waited for (Linux reports the maximum, not the sum); spawn.py explains why it does the spawning.
    Standard output goes to ``stdout_file`` if given, else joins standard error if ``keep_stdout``, else is
    discarded; standard error goes to a temporary file whose tail is returned for error messages.
    """
    with tempfile.TemporaryFile() as log:
        mode = f"file:{stdout_file}" if stdout_file else "keep" if keep_stdout else "discard"
        spawned = subprocess.run([sys.executable, "-S", "-I", str(SPAWN), mode, *argv], cwd=cwd,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, check=True, text=True)
        log.seek(max(0, log.seek(0, os.SEEK_END) - OUTPUT_TAIL_BYTES))
        output = log.read().decode("utf-8", errors="replace")
    exit_code, wall_s, max_rss_kib = spawned.stdout.split()
    return Run(int(exit_code), float(wall_s), int(max_rss_kib), output)


def rss_floor(cwd: Path) -> int:
    """The max RSS, in KiB, that a run of ``true`` reports: the least any command can report."""
    return run(["true"], cwd).max_rss_kib


def summarize(values: Sequence[float]) -> dict[str, float]:
    """The median, minimum and maximum of ``values``."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}
