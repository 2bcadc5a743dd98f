#!/usr/bin/env python3
"""Commits per StartPipelineExecution under load: fsyncs and CPU per Start of ``sluice serve`` (durable SQLite).

Starts ``SLUICE serve`` under ``strace -f --seccomp-bpf -e trace=fsync,fdatasync`` (only those calls stop the
process), seeds the bench pipeline (one Condition step, as bench/workloads/serve.py), runs wrk's start.lua
(``-t2 -c16`` unless told; one thread for one connection) and reports the Starts answered, the fsync/fdatasync calls made meanwhile, and the
server's CPU time (user + system, /proc) per Start. Usage:

    bench/start_fsyncs.py [--sluice PATH/TO/sluice] [--duration 5s] [--connections 16]

The default binary is ./sluice (the repo's launcher, which builds the CLI once). strace's stop on each fsync adds
a little latency to the commits it counts; throughput here is not the bench figure (bench/run.py serve is).
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DEFINITION = {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "Steps": [{
    "Name": "Check", "Type": "Condition", "Arguments": {
        "Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}], "IfSteps": [], "ElseSteps": []}}]}


def call(url: str, operation: str, body: dict) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), {
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"SageMaker.{operation}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{operation}: HTTP {error.code} {error.read()[:300]!r}") from error


def lines(path: Path) -> int:
    with open(path, "rb") as file:
        return sum(1 for line in file if b"fsync(" in line or b"fdatasync(" in line)


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks


def server_pid(strace_pid: int) -> int:
    children = Path(f"/proc/{strace_pid}/task/{strace_pid}/children").read_text().split()
    return int(children[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sluice", default=str(BENCH.parent / "sluice"))
    parser.add_argument("--duration", default="5s")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    work = Path(tempfile.mkdtemp(prefix="sluice-fsyncs-"))
    trace = work / "fsyncs.trace"
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        ["strace", "-f", "--seccomp-bpf", "-e", "trace=fsync,fdatasync", "-o", str(trace),
         args.sluice, "serve", "--port", str(port), "--data", str(work / "data")],
        stdout=open(work / "server.log", "wb"), stderr=subprocess.STDOUT)
    pid = None
    try:
        for _ in range(1800):
            try:
                urllib.request.urlopen(url + "health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        call(url, "CreatePipeline", {"PipelineName": "bench", "RoleArn": "arn:aws:iam::111122223333:role/R",
                                     "PipelineDefinition": json.dumps(DEFINITION), "ClientRequestToken": "create-" + "0" * 32})
        call(url, "StartPipelineExecution", {"PipelineName": "bench", "ClientRequestToken": "warm-up-" + "0" * 32})
        time.sleep(1)
        pid = server_pid(server.pid)
        fsyncs, ticks = lines(trace), cpu_ticks(pid)
        wrk = subprocess.run(
            ["wrk", f"-t{min(2, args.connections)}", f"-c{args.connections}", f"-d{args.duration}", "--latency", "-s", str(BENCH / "wrk/start.lua"),
             url, "--", "pipeline=bench"], capture_output=True, text=True, check=True)
        time.sleep(1)  # the runs' own records (step end, execution end) land
        fsyncs, ticks = lines(trace) - fsyncs, cpu_ticks(pid) - ticks
        starts = next(int(line.split()[0]) for line in wrk.stdout.splitlines() if " requests in " in line)
        print(wrk.stdout)
        hz = os.sysconf("SC_CLK_TCK")
        print(f"Starts: {starts}  fsyncs: {fsyncs}  fsyncs/Start: {fsyncs / starts:.3f}  "
              f"server CPU ms/Start: {ticks * 1000 / hz / starts:.3f}")
    finally:
        if pid is None:
            try:
                pid = server_pid(server.pid)
            except (OSError, IndexError):
                pass
        if pid is not None:
            os.kill(pid, 15)  # the server, by its id; strace ends with it
        else:
            server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
