"""A private, throwaway PostgreSQL cluster for a workload: initdb into a folder, a postmaster on a free loopback port,
stopped by its PID. As root, PostgreSQL runs as the ``postgres`` user (it refuses root)."""
import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from harness.server import free_port


def binaries() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin with initdb (Debian's postgresql package), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


@contextmanager
def cluster() -> Iterator[str]:
    """Starts a cluster in a fresh temporary folder (which the ``postgres`` user can reach, unlike a folder under a
    private home) and yields ``postgres://postgres@127.0.0.1:PORT/postgres``; stops it and deletes the folder after."""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed: apt-get install -y --no-install-recommends postgresql")
    folder = Path(tempfile.mkdtemp(prefix="sluice-bench-pg-"))
    try:
        with _started(bin_dir, folder) as uri:
            yield uri
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _started(bin_dir: Path, folder: Path) -> Iterator[str]:
    """initdb and a postmaster in ``folder``, stopped by PID after."""
    data = folder / "pgdata"
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(folder, "postgres")
    initdb = subprocess.run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if initdb.returncode != 0:
        raise RuntimeError(f"initdb failed: {initdb.stderr.strip()[-1000:]}")
    port = free_port()
    with open(folder / "postgres.log", "wb") as log:
        postmaster = subprocess.Popen(
            [*as_user, str(bin_dir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(folder),
             "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "fsync=on"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(300):
            ready = subprocess.run([str(bin_dir / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if ready.returncode == 0:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("PostgreSQL did not start: " + (folder / "postgres.log").read_text()[-2000:])
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        os.killpg(postmaster.pid, signal.SIGINT)  # fast shutdown of the postmaster's session, by its PID
        try:
            postmaster.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(postmaster.pid, signal.SIGKILL)
            postmaster.wait()
