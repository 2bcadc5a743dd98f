#!/usr/bin/env python3
"""Runs Sluice's benchmarks and writes the results table as markdown and JSON; see bench/README.md.

    python3 bench/run.py                                  # every workload, 5 runs each
    python3 bench/run.py validate --runs 5 --sizes 100,1000
    python3 bench/run.py --quick                          # smoke run: 3 runs, smallest sizes, under bench/work/
    python3 bench/run.py --at HEAD                        # measure a commit, not the working tree
"""
import argparse
import signal
import sys
from datetime import datetime, timezone
from pathlib import Path

from harness import machine, report, snapshot
from harness.measure import rss_floor
from harness.runner import Settings, log, run_workload
from workloads import WORKLOADS

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_RUNS = 5
QUICK_RUNS = 3


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Reads the command line; workload names must be registered ones."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workloads", nargs="*", metavar="WORKLOAD",
                        help=f"workloads to run (default: all): {', '.join(WORKLOADS)}")
    parser.add_argument("--runs", type=positive, help=f"timed runs per contender and case (default {DEFAULT_RUNS})")
    parser.add_argument("--sizes", type=sizes, help="comma-separated sizes, e.g. 100,1000 (validate: step counts)")
    parser.add_argument("--contenders", type=words, default=[],
                        help="comma-separated words; run only contenders whose label contains one")
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke run: {QUICK_RUNS} runs, each workload's quick sizes, results under bench/work/")
    parser.add_argument("--at", metavar="REV", help="measure git revision REV, exported to bench/work/tree-<commit>, "
                                                     "instead of the working tree")
    parser.add_argument("--output", type=Path, help="results directory (default bench/results, or "
                                                     "bench/work/results with --quick)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.workloads if name not in WORKLOADS]
    if unknown:
        parser.error(f"unknown workload {', '.join(unknown)}; choose from {', '.join(WORKLOADS)}")
    return args


def positive(text: str) -> int:
    """An integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive integer")
    return value


def sizes(text: str) -> list[int]:
    """Comma-separated positive integers; underscores are allowed as digit separators (10_000)."""
    return [positive(part) for part in words(text)]


def words(text: str) -> list[str]:
    """Comma-separated, trimmed, non-empty words."""
    return [part.strip() for part in text.split(",") if part.strip()]


def main(argv: list[str]) -> int:
    """Runs the chosen workloads, writes the reports, prints the markdown table; 1 when a Sluice contender failed.

    A contender that fails on a case (wrong exit code, unreadable output, a server that does not start) is recorded
    in the report as failed, its cells n/a, and the benchmark goes on with the others.
    """
    args = parse_args(argv)
    # SIGTERM unwinds like Ctrl-C does, so the servers of a workload like serve are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    repo, commit = snapshot.export(REPO, args.at, BENCH / "work") if args.at else (REPO, None)
    settings = Settings(
        runs=args.runs or (QUICK_RUNS if args.quick else DEFAULT_RUNS),
        sizes=args.sizes,
        quick=args.quick,
        contender_filter=args.contenders,
        repo=repo,
        bench=BENCH,
        work=BENCH / "work")
    output = args.output or (BENCH / "work" / "results" if args.quick else BENCH / "results")
    started, host = datetime.now(timezone.utc), machine.describe(REPO, commit)
    results = [run_workload(WORKLOADS[name], settings) for name in args.workloads or WORKLOADS]
    data = report.build(results, host, settings.runs, rss_floor(repo), started, datetime.now(timezone.utc))
    markdown = report.to_markdown(data)
    written = report.write(data, markdown, output)
    print(markdown, end="")
    log("wrote " + ", ".join(str(path.relative_to(REPO) if path.is_relative_to(REPO) else path) for path in written))
    failures = [f"{result.workload.name}: {line}" for result in results for line in result.failures()]
    for line in failures:
        log(f"failed (n/a in the table): {line.splitlines()[0]}")
    # A peer that cannot answer a case (moto lacks an operation) is information; Sluice failing one is an error.
    return 1 if any(": sluice" in line.split("\n")[0] for line in failures) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
