#!/usr/bin/env python3
"""Idle CPU of a `sluice serve` whose executions wait at a Callback step (docs/performance.md, "Waiting steps").

Starts the server on 127.0.0.1 with a private port and data folder, creates a pipeline of one Callback step, starts
EXECUTIONS executions, waits until each has posted its message, then reads the server's CPU time (utime + stime from
/proc/PID/stat) and the context switches of its threads (how often they wake) over SECONDS of waiting, and prints the
CPU as a percentage of one core. Answers every token at the end and
checks each execution succeeds (the wake-up works), then stops the server by its process id.

    python3 bench/waiting/callback_idle.py [--sluice CMD] [--seconds 30] [--executions 1]

CMD is how to run the CLI (default: the repo's ./sluice launcher), e.g. "dotnet /path/to/sluice.dll".
"""
import argparse
import json
import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def call(url, target, body, sqs=False):
    """One AWS JSON call; sluice serve accepts unsigned requests by default."""
    request = urllib.request.Request(url + "/", data=json.dumps(body).encode(), method="POST", headers={
        "X-Amz-Target": target,
        "Content-Type": "application/x-amz-json-1.0" if sqs else "application/x-amz-json-1.1",
    })
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{target}: {e.code} {e.read().decode(errors='replace')}") from e


def cpu_seconds(pid):
    """The process's user + system CPU time so far, in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def context_switches(pid):
    """Context switches so far of each of the process's threads, by thread id: each is a thread waking up (or being
    preempted)."""
    counts = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as status:
                counts[task] = sum(int(line.split()[1]) for line in status if "ctxt_switches:" in line)
        except FileNotFoundError:
            pass  # the thread ended
    return counts


def switches_between(before, after):
    """Context switches between two readings; threads that ended in between count up to the first reading only."""
    return sum(count - before.get(task, 0) for task, count in after.items())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sluice", default=os.path.join(REPO, "sluice"))
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--executions", type=int, default=1, help="executions waiting at the Callback (0: an idle server, the baseline)")
    parser.add_argument("--settle", type=float, default=30, help="seconds to wait before measuring")
    args = parser.parse_args()
    port, data = free_port(), tempfile.mkdtemp(prefix="sluice-idle-")
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(shlex.split(args.sluice) + ["serve", "--host", "127.0.0.1", "--port", str(port), "--data", data],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        definition = {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "Steps": [
            {"Name": "Wait", "Type": "Callback", "Arguments": {}, "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/1/idle-queue",
             "OutputParameters": []}]}
        call(url, "SageMaker.CreatePipeline", {"PipelineName": "idle", "PipelineDefinition": json.dumps(definition),
                                               "RoleArn": "arn:aws:iam::111122223333:role/R", "ClientRequestToken": "idle-pipeline-token-0000000000000001"})
        arns = [call(url, "SageMaker.StartPipelineExecution", {"PipelineName": "idle", "ClientRequestToken": f"idle-start-token-00000000000000{i:08d}"})["PipelineExecutionArn"]
                for i in range(args.executions)]
        tokens = []
        while len(tokens) < args.executions:
            try:
                queue = f"{url}/000000000000/idle-queue"
                received = call(url, "AmazonSQS.ReceiveMessage", {"QueueUrl": queue, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 1}, sqs=True)
                tokens += [json.loads(m["Body"])["token"] for m in received.get("Messages", [])]
            except RuntimeError:
                time.sleep(0.1)  # the queue appears when the first step runs
        time.sleep(args.settle)  # let start-up work (JIT, tiered recompilation, first writes) settle
        before, switches, started = cpu_seconds(server.pid), context_switches(server.pid), time.monotonic()
        time.sleep(args.seconds)
        used, elapsed = cpu_seconds(server.pid) - before, time.monotonic() - started
        switched = switches_between(switches, context_switches(server.pid))
        answered = time.monotonic()
        for token in tokens:
            call(url, "SageMaker.SendPipelineExecutionStepSuccess", {"CallbackToken": token, "OutputParameters": []})
        answers_ms = round(1000 * (time.monotonic() - answered))
        for arn in arns:
            for _ in range(600):
                status = call(url, "SageMaker.DescribePipelineExecution", {"PipelineExecutionArn": arn})["PipelineExecutionStatus"]
                if status != "Executing":
                    break
                time.sleep(0.01)
            if status != "Succeeded":
                print(f"execution {arn} ended {status}", file=sys.stderr)
                return 1
        print(json.dumps({"executions_waiting": args.executions, "seconds": round(elapsed, 1),
                          "cpu_seconds": round(used, 3), "cpu_percent_of_one_core": round(100 * used / elapsed, 2),
                          "context_switches_per_second": round(switched / elapsed, 1),
                          "answer_calls_ms": answers_ms, "answer_to_all_succeeded_ms": round(1000 * (time.monotonic() - answered))}))
        return 0
    finally:
        server.terminate()
        server.wait(timeout=30)
        subprocess.run(["rm", "-rf", data], check=False)


if __name__ == "__main__":
    sys.exit(main())
