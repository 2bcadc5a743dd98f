"""Tries every escape from the Sluice job sandbox it knows of and prints one JSON object: check name -> outcome.

An outcome is "held: <why>" when the attempt failed, or the fact held, as it must, or "ESCAPED: <what happened>" when it worked.
The test that runs this passes what it knows of the host in PROBE_* variables (paths that exist there, a PID, a port).
"""
import ctypes
import errno
import json
import os
import signal
import socket
import subprocess
import sys

results = {}
env = os.environ


def check(name):
    def wrap(fn):
        try:
            outcome = fn()
            results[name] = outcome if outcome.startswith("held") else "ESCAPED: " + outcome
        except Exception as e:  # an attempt that raises was refused by the system
            results[name] = f"held: {type(e).__name__}: {e}"
        return fn
    return wrap


def write(path):
    with open(path, "w") as f:
        f.write("escaped")
    return f"wrote {path}"


def read(path):
    with open(path, "rb") as f:
        return f"read {len(f.read(64))} bytes of {path}"


def listing(path):
    return f"listed {path}: {sorted(os.listdir(path))[:5]}"


@check("write_usr")
def _():
    return write("/usr/sluice-escape")


@check("write_etc")
def _():
    return write("/etc/sluice-escape")


@check("write_root_folder")
def _():
    return write("/sluice-escape")


@check("write_opt")
def _():
    return write("/opt/sluice-escape")


@check("read_shadow")
def _():
    data = open("/etc/shadow").read()
    return "held: /etc/shadow is empty here" if data == "" else "read /etc/shadow"


@check("read_host_root_home")
def _():
    return listing("/root")


@check("read_home")
def _():
    return listing("/home")


@check("read_data_directory")
def _():
    return listing(env["PROBE_DATA_DIRECTORY"])


@check("read_store")
def _():
    return read(env["PROBE_STORE_FILE"])


@check("write_data_directory")
def _():
    return write(os.path.join(env["PROBE_DATA_DIRECTORY"], "escape"))


@check("read_other_job")
def _():
    return read(env["PROBE_OTHER_JOB_FILE"])


@check("read_repository")
def _():
    return listing(env["PROBE_REPOSITORY"])


@check("read_host_tmp")
def _():
    return read(env["PROBE_HOST_TMP_FILE"])


@check("rewrite_own_log")
def _():
    return write(env["PROBE_LOG_FILE"])


@check("host_environment")
def _():
    secret = os.environ.get("SLUICE_PROBE_SECRET")
    return "held: the host's variable is not here" if secret is None else f"saw SLUICE_PROBE_SECRET={secret}"


@check("capabilities")
def _():
    caps = {line.split(":")[0]: int(line.split(":")[1], 16) for line in open("/proc/self/status") if line.startswith("Cap")}
    return "held: no capability in any set" if not any(caps.values()) else f"has capabilities {caps}"


@check("is_root")
def _():
    return "held: uid %d" % os.getuid() if os.getuid() != 0 and os.geteuid() != 0 else "runs as uid 0"


@check("setuid_root")
def _():
    os.setuid(0)
    return "became uid 0"


@check("remount_root_rw")
def _():
    import shutil
    if shutil.which("mount") is None:
        return "untested: mount is not in the sandbox"
    r = subprocess.run(["mount", "-o", "remount,rw", "/usr"], capture_output=True, text=True)
    if r.returncode == 0:
        return "remounted /usr read-write"
    return write("/usr/sluice-escape-after-remount")


@check("nested_namespace_remount")
def _():
    import shutil
    if shutil.which("unshare") is None:
        return "untested: unshare is not in the sandbox"  # neither held nor escaped: the test must say so
    r = subprocess.run(["unshare", "-Urm", "sh", "-c", "mount -o remount,rw /usr && touch /usr/sluice-escape-ns"], capture_output=True, text=True)
    return "wrote /usr from a nested namespace" if r.returncode == 0 else f"held: {r.stderr.strip()[:200]}"


@check("mount_tmpfs")
def _():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mount(b"none", b"/opt/ml", b"tmpfs", 0, None) == 0:
        return "mounted a tmpfs"
    return "held: mount: " + os.strerror(ctypes.get_errno())


@check("hard_link_out")
def _():
    os.link("/etc/passwd", "/opt/ml/passwd-link")
    return "hard-linked /etc/passwd into /opt/ml"


@check("device_disk")
def _():
    for dev in ("/dev/sda", "/dev/vda", "/dev/nvme0n1", "/dev/mem", "/dev/kmsg"):
        if os.path.exists(dev):
            return read(dev)
    return "held: no disk or memory device in /dev"


@check("mknod_device")
def _():
    os.mknod("/tmp/disk", 0o600 | 0o060000, os.makedev(8, 0))
    return "made a block device"


@check("see_host_processes")
def _():
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
    host = env["PROBE_HOST_PID"]
    return f"sees host PID {host}" if host in pids else f"held: sees only {len(pids)} processes of its own"


@check("signal_sluice")
def _():
    os.kill(int(env["PROBE_HOST_PID"]), 0)
    return "can signal the host process"


@check("ptrace_host")
def _():
    libc = ctypes.CDLL(None, use_errno=True)
    ptrace_attach = 16
    if libc.ptrace(ptrace_attach, int(env["PROBE_HOST_PID"]), None, None) == 0:
        return "attached to the host process"
    return "held: ptrace: " + os.strerror(ctypes.get_errno())


@check("signal_pid_1")
def _():
    # The kernel drops SIGKILL sent to a PID namespace's init from inside it, so kill() may return 0 to no effect.
    os.kill(1, signal.SIGKILL)
    import time
    time.sleep(0.2)
    return "held: the sandbox's init ignored it" if os.path.exists("/proc/1") else "killed the sandbox's init"


@check("network")
def _():
    s = socket.create_connection(("127.0.0.1", int(env["PROBE_HOST_PORT"])), timeout=2)
    s.close()
    return "connected to a host port"


@check("hostname")
def _():
    name = socket.gethostname()
    return f"held: hostname is {name}" if name == "algo-1" else f"sees the host name {name}"


@check("process_bomb")
def _():
    children = []
    try:
        for _ in range(int(env["PROBE_PROCESS_ATTEMPTS"])):
            children.append(subprocess.Popen(["sleep", "5"]))
    except OSError as e:
        return f"held: after {len(children)} processes: {e}"
    finally:
        for c in children:
            c.kill()
    return f"started {len(children)} processes"


@check("open_files")
def _():
    files = []
    try:
        for _ in range(int(env["PROBE_FILE_ATTEMPTS"])):
            files.append(open("/dev/null"))
    except OSError as e:
        return f"held: after {len(files)} files: {e}"
    finally:
        for f in files:
            f.close()
    return f"opened {len(files)} files"


@check("tmp_is_private_and_writable")
def _():
    open("/tmp/probe-scratch", "w").write("x")
    return "held: /tmp is writable and private" if not os.path.exists(env["PROBE_HOST_TMP_FILE"]) else "sees the host's /tmp"


@check("own_folder_writable")
def _():
    open("/opt/ml/written-by-job", "w").write("ok")
    return "held: /opt/ml is the job's own and writable"


print(json.dumps(results))
sys.stdout.flush()
