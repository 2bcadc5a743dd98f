"""Runs one command and prints its exit code, wall seconds and peak RSS in KiB: ``spawn.py MODE ARGV...``.

measure.py starts this as ``python3 -S -I``, a small process, because ``ru_maxrss`` cannot be measured from the
harness itself: a child starts life as the harness's ``fork`` or ``vfork``, and Linux keeps the larger of the
pre-``exec`` memory and the command's own. From the harness (``vfork``, subprocess's default) every command would
report at least the harness's peak, hundreds of MiB once it has generated large inputs. Forked from this process,
the floor is this process's few MiB; it imports only os, sys and time to stay that small.

MODE says where the command's standard output goes: ``discard`` to /dev/null, ``keep`` to standard error (which the
command inherits), ``file:PATH`` to a new file PATH, for a workload that reads figures from it. The result line goes
to this process's standard output.
"""
import os
import sys
import time


def main(mode: str, argv: list[str]) -> None:
    """Forks, execs ``argv`` in the child, waits with ``os.wait4``, and prints the measurements."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        exec_child(mode, argv)
    _, status, usage = os.wait4(pid, 0)
    wall_s = time.perf_counter() - start
    print(os.waitstatus_to_exitcode(status), repr(wall_s), usage.ru_maxrss)


def exec_child(mode: str, argv: list[str]) -> None:
    """In the child: redirects standard output, then becomes ``argv``; exits 127 if it cannot."""
    try:
        os.dup2(stdout_target(mode), 1)
        os.execvp(argv[0], argv)
    except OSError as error:
        os.write(2, f"spawn.py: cannot run {argv[0]}: {error}\n".encode())
    finally:
        os._exit(127)


def stdout_target(mode: str) -> int:
    """The file descriptor that ``mode`` sends standard output to."""
    if mode == "keep":
        return 2
    if mode.startswith("file:"):
        return os.open(mode[len("file:"):], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    return os.open(os.devnull, os.O_WRONLY)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
