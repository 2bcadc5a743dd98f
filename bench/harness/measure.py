"""Runs one command and measures its whole-process wall time and peak memory."""
import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

OUTPUT_TAIL_BYTES = 4000


@dataclass(frozen=True)
class Run:
    """The outcome of one run: exit code, wall seconds, peak resident set in KiB, and the tail of its output."""

    exit_code: int
    wall_s: float
    max_rss_kib: int
    output: str


def run(argv: Sequence[str], cwd: Path, keep_stdout: bool = False) -> Run:
    """Runs ``argv`` to completion and measures it.

    Wall time is taken with ``time.perf_counter`` around ``Popen`` and ``os.wait4``, so it covers process start-up
    and exit. ``ru_maxrss`` from ``wait4`` is the peak resident set of the child or, if larger, of any descendant it
    waited for (Linux reports the maximum, not the sum). Standard output is discarded unless ``keep_stdout``;
    standard error always goes to a temporary file, whose tail is returned for error messages.
    """
    with tempfile.TemporaryFile() as log:
        stdout = log if keep_stdout else subprocess.DEVNULL
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        wall_s = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(max(0, log.seek(0, os.SEEK_END) - OUTPUT_TAIL_BYTES))
        output = log.read().decode("utf-8", errors="replace")
    return Run(process.returncode, wall_s, usage.ru_maxrss, output)


def summarize(values: Sequence[float]) -> dict[str, float]:
    """The median, minimum and maximum of ``values``."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}
