"""A server process for a workload whose contenders are its clients: a free loopback port, start, wait until it
answers, its peak memory, and stop by PID, whatever happens in between."""
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Mapping, Sequence

STOP_GRACE_S = 10
LOG_TAIL_BYTES = 3000


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the kernel's choice for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    """``argv`` started in a session of its own (so Ctrl-C in the terminal reaches the harness, which stops it), with
    standard output and error in ``log``. Use it as a context manager: leaving stops the process, by its PID."""

    def __init__(self, argv: Sequence[str], cwd: Path, log: Path, env: Mapping[str, str] | None = None):
        self.argv, self.log = list(argv), log
        with open(log, "wb") as output:
            self.process = subprocess.Popen(self.argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=output,
                                            stderr=subprocess.STDOUT, start_new_session=True,
                                            env={**os.environ, **(env or {})})

    @property
    def pid(self) -> int:
        """The server's process id (``./sluice`` `exec`s the CLI, so this is the server itself, not a wrapper)."""
        return self.process.pid

    def __enter__(self) -> "ServerProcess":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def wait_until_answers(self, url: str, timeout_s: float) -> None:
        """Polls ``url`` with GET until it answers 2xx; raises ``RuntimeError`` with the log's tail if the process
        exits first or ``timeout_s`` passes (the first start of ``./sluice`` builds the CLI, which takes a while)."""
        deadline = time.monotonic() + timeout_s
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"`{' '.join(self.argv)}` exited {self.process.returncode} before answering "
                                   f"{url}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if 200 <= response.status < 300:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"`{' '.join(self.argv)}` did not answer {url} within {timeout_s:.0f} s:\n"
                                   f"{self.log_tail()}")
            time.sleep(0.1)

    def peak_rss_kib(self) -> int:
        """VmHWM from /proc/PID/status: the process's peak resident set since it started (or `exec`ed), in KiB."""
        with open(f"/proc/{self.pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError(f"/proc/{self.pid}/status has no VmHWM line")

    def stop(self) -> None:
        """SIGTERM to the server's process group (the session it leads, so a child it started goes too), then
        SIGKILL after ``STOP_GRACE_S`` if it is still there; reaps it."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.pid, signal.SIGTERM)
            self.process.wait(STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            os.killpg(self.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            self.process.wait()

    def log_tail(self) -> str:
        """The last few KiB of the server's output, for error messages."""
        with open(self.log, "rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - LOG_TAIL_BYTES))
            return log.read().decode("utf-8", errors="replace")
