"""Describes the machine and the source tree a benchmark ran on, for the results header."""
import os
import platform
import shutil
import subprocess
from pathlib import Path


def describe(repo: Path, exported_commit: str | None = None) -> dict[str, object]:
    """The CPU, memory, load, OS, tool versions and git commit, as a JSON-ready mapping.

    ``exported_commit`` is the commit when the benchmark runs an export of it (``--at``) rather than the working tree.
    """
    commit, modified = (exported_commit, False) if exported_commit else git_commit(repo)
    return {
        "cpu": cpu_model(),
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gib": round(total_memory_kib() / 1024 / 1024, 1),
        "load_average": round(os.getloadavg()[0], 2),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "dotnet": command_output(["dotnet", "--version"], repo) if shutil.which("dotnet") else None,
        "commit": commit,
        "source": "git archive" if exported_commit else "working tree",
        "modified": modified,
    }


def cpu_model() -> str:
    """The first ``model name`` in /proc/cpuinfo, or the platform's processor string."""
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                return value.strip()
    return platform.processor() or "unknown"


def total_memory_kib() -> int:
    """MemTotal from /proc/meminfo, in KiB."""
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    raise RuntimeError("/proc/meminfo has no MemTotal line")


def git_commit(repo: Path) -> tuple[str, bool]:
    """The HEAD commit and whether the tree outside bench/ differs from it, untracked files included.

    A modified tree means the numbers measure uncommitted code, so the header says so.
    """
    commit = command_output(["git", "rev-parse", "HEAD"], repo)
    status = command_output(["git", "status", "--porcelain", "--", ".", ":(exclude)bench"], repo)
    return commit, bool(status)


def command_output(argv: list[str], cwd: Path) -> str:
    """The stripped standard output of a command that must succeed."""
    return subprocess.run(argv, cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()
