#!/usr/bin/env python3
"""The scaleout workload's client (see workloads/scaleout.py): starts executions of a chain of Condition steps on the
given servers, round-robin from 16 threads, for a fixed time; waits until all ended; prints one JSON line of figures."""
import argparse
import json
import os
import threading
import time
import urllib.request

THREADS = 16


def call(url: str, operation: str, body: dict) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), {
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"SageMaker.{operation}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def chain(steps: int) -> dict:
    """``steps`` Condition steps, each depending on the one before."""
    return {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": None, "Steps": [
        {"Name": f"C{i}", "Type": "Condition", **({"DependsOn": [f"C{i - 1}"]} if i else {}),
         "Arguments": {"Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}], "IfSteps": [], "ElseSteps": []}}
        for i in range(steps)]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--duration", type=float, required=True)
    args = parser.parse_args()
    urls = args.urls.split(",")
    pipeline = "scaleout-" + os.urandom(4).hex()
    call(urls[0], "CreatePipeline", {"PipelineName": pipeline, "RoleArn": "arn:aws:iam::111122223333:role/R",
                                     "ClientRequestToken": os.urandom(16).hex(), "PipelineDefinition": json.dumps(chain(args.steps))})
    arns: list[str] = []
    lock = threading.Lock()
    first = time.monotonic()
    deadline = first + args.duration

    def starter(index: int) -> None:
        n = index
        while time.monotonic() < deadline:
            arn = call(urls[n % len(urls)], "StartPipelineExecution",
                       {"PipelineName": pipeline, "ClientRequestToken": os.urandom(16).hex()})["PipelineExecutionArn"]
            with lock:
                arns.append(arn)
            n += THREADS

    threads = [threading.Thread(target=starter, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    starting = time.monotonic() - first
    pending = set(arns)
    while pending:
        page = call(urls[0], "ListPipelineExecutions", {"PipelineName": pipeline, "MaxResults": 100})
        token = page.get("NextToken")
        summaries = page["PipelineExecutionSummaries"]
        while token:
            page = call(urls[0], "ListPipelineExecutions", {"PipelineName": pipeline, "MaxResults": 100, "NextToken": token})
            summaries += page["PipelineExecutionSummaries"]
            token = page.get("NextToken")
        failed = [s for s in summaries if s["PipelineExecutionStatus"] in ("Failed", "Stopped")]
        if failed:
            raise SystemExit(f"{len(failed)} executions did not succeed, e.g. {failed[0]}")
        pending -= {s["PipelineExecutionArn"] for s in summaries if s["PipelineExecutionStatus"] == "Succeeded"}
        if time.monotonic() - first > args.duration + 600:
            raise SystemExit(f"{len(pending)} executions still running 10 minutes after the last start")
        time.sleep(0.1)
    total = time.monotonic() - first
    print(json.dumps({"executions": len(arns), "starts_per_s": len(arns) / starting,
                      "steps_per_s": len(arns) * args.steps / total}))


if __name__ == "__main__":
    main()
