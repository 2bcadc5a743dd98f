"""Exports a git revision's tree, so a benchmark measures that commit and not a working tree changing under it."""
import io
import shutil
import subprocess
import tarfile
from pathlib import Path


def export(repo: Path, revision: str, work: Path) -> tuple[Path, str]:
    """Extracts ``revision`` with ``git archive`` to ``work/tree-<commit>``; returns that directory and the commit.

    An existing export of the same commit is reused, with the CLI its ``./sluice`` already built there. Only
    ``git rev-parse`` and ``git archive`` run, which read the repository and change nothing in it.
    """
    commit = git(repo, "rev-parse", "--verify", f"{revision}^{{commit}}").decode().strip()
    target = work / f"tree-{commit[:12]}"
    if not target.exists():
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        with tarfile.open(fileobj=io.BytesIO(git(repo, "archive", "--format=tar", commit))) as archive:
            archive.extractall(partial, filter="data")
        partial.rename(target)
    return target, commit


def git(repo: Path, *args: str) -> bytes:
    """The standard output of a git command that must succeed."""
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True).stdout
