"""The scaleout workload: one ``sluice serve`` on SQLite, one on PostgreSQL and three on one PostgreSQL, side by side.

Each contender's servers start afresh (the PostgreSQL ones on a private cluster started for the case, see
``harness/postgres.py``). The client, ``bench/scaleout_client.py``, creates a pipeline of in-engine steps (a chain of
Condition steps: no process, every step stored durably), then for a fixed time starts executions of it from many
threads spread round-robin over the servers, and waits until every execution ended. It reports StartPipelineExecution
requests per second and in-engine steps per second committed (steps of finished executions over the time from the
first start to the last end). With three servers, after the runs, the contender's figures also hold the failover
time: an execution waiting in a Callback step on one server, that server killed with SIGKILL, the callback answered
through another; the time from the kill to the next step of that execution running elsewhere.
"""
import json
import os
import signal
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from harness.model import Case, Contender, ServerPlace, Workload
from harness.postgres import cluster
from harness.server import ServerProcess, free_port

SQLITE1, PG1, PG3 = "1 server, SQLite", "1 server, PostgreSQL", "3 servers, one PostgreSQL"
STARTS_PER_S, STEPS_PER_S, EXECUTIONS = "Start req/s", "Steps/s", "Executions"
FAILOVER_S = "Kill -9 to resumed s"
LEASE_S = 5
DURATION_S, QUICK_DURATION_S = 20, 4
GOAL = "3 servers ≥ 1.5× one on PostgreSQL; ≥ 1,000 steps/s"


def setup(work_dir: Path, sizes: Sequence[int]) -> list[Case]:
    """One case per chain length (steps per execution; 10 by default)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    return [Case(name=f"chain/{steps}", params={"Steps per execution": steps, "Goal": GOAL},
                 inputs={"steps": str(steps)}) for steps in sizes]


def client_figures(stdout: str, case: Case) -> Mapping[str, float]:
    """The client's last line: a JSON object of figures."""
    figures = json.loads(stdout.strip().splitlines()[-1])
    return {STARTS_PER_S: figures["starts_per_s"], STEPS_PER_S: figures["steps_per_s"], EXECUTIONS: figures["executions"]}


@dataclass
class Servers:
    """The running servers of a contender: the ``Server`` the runner gets."""

    processes: list[ServerProcess]
    urls: list[str]
    inputs: Mapping[str, str] = field(default_factory=dict)

    def figures(self) -> Mapping[str, float]:
        """With several servers, the failover time (measured once, after the runs; it kills the last server)."""
        if len(self.processes) < 2:
            return {}
        return {FAILOVER_S: failover(self.urls, self.processes[-1])}


def servers(count: int, postgres: bool):
    """A contender's ``server``: ``count`` servers on one fresh store."""
    @contextmanager
    def start(case: Case, place: ServerPlace) -> Iterator[Servers]:
        with ExitStack() as stack:
            config = place.directory / "sluice.yaml"
            store = stack.enter_context(cluster()) if postgres else "sqlite"
            config.write_text(f"store:\n  {'postgres: ' + store if postgres else 'sqlite: default'}\n  lease: {LEASE_S}\n")
            processes, urls = [], []
            for index in range(count):
                port = free_port()
                argv = [str(place.repo / "sluice"), "serve", "--port", str(port), "--quiet",
                        "--data", str(place.directory / f"data{index}"), "--config", str(config)]
                process = stack.enter_context(ServerProcess(argv, place.repo, place.directory / f"server{index}.log"))
                process.wait_until_answers(f"http://127.0.0.1:{port}/health", timeout_s=900)
                processes.append(process)
                urls.append(f"http://127.0.0.1:{port}/")
            duration = QUICK_DURATION_S if place.quick else DURATION_S
            yield Servers(processes, urls, {"urls": ",".join(urls), "duration": str(duration)})
    return start


def failover(urls: list[str], victim: ServerProcess) -> float:
    """Kill -9 of the server running an execution waiting in a Callback step, to that execution's next step started
    on another server (seconds)."""
    definition = {"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": None, "Steps": [
        {"Name": "Wait", "Type": "Callback", "Arguments": {}, "OutputParameters": [],
         "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/bench"},
        {"Name": "After", "Type": "Fail", "DependsOn": ["Wait"], "Arguments": {"ErrorMessage": "done"}}]}
    call(urls[0], "CreatePipeline", {"PipelineName": "failover", "RoleArn": "arn:aws:iam::111122223333:role/R",
                                     "ClientRequestToken": token(), "PipelineDefinition": json.dumps(definition)})
    arn = call(urls[-1], "StartPipelineExecution", {"PipelineName": "failover", "ClientRequestToken": token()})["PipelineExecutionArn"]
    callback = None
    while callback is None:
        for step in call(urls[0], "ListPipelineExecutionSteps", {"PipelineExecutionArn": arn})["PipelineExecutionSteps"]:
            callback = step.get("Metadata", {}).get("Callback", {}).get("CallbackToken") or callback
        time.sleep(0.05)
    os.kill(victim.pid, signal.SIGKILL)
    killed = time.monotonic()
    victim.process.wait()
    call(urls[0], "SendPipelineExecutionStepSuccess", {"CallbackToken": callback, "ClientRequestToken": token()})
    while time.monotonic() - killed < 120:
        steps = call(urls[0], "ListPipelineExecutionSteps", {"PipelineExecutionArn": arn})["PipelineExecutionSteps"]
        if any(s["StepName"] == "After" for s in steps):
            return time.monotonic() - killed
        time.sleep(0.05)
    raise RuntimeError("the execution of the killed server did not resume within 120 s")


def call(url: str, operation: str, body: dict) -> dict:
    """One SageMaker API call."""
    request = urllib.request.Request(url, json.dumps(body).encode(), {
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"SageMaker.{operation}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def token() -> str:
    """A fresh ClientRequestToken."""
    return os.urandom(16).hex()


CLIENT = ["python3", "{bench}/scaleout_client.py", "--urls", "{urls}", "--steps", "{steps}", "--duration", "{duration}"]

WORKLOAD = Workload(
    name="scaleout",
    description=(
        "Several servers on one PostgreSQL against one: for a fixed time, 16 client threads start executions of a "
        "chain of Condition steps (in-engine: no process, every step stored durably) spread round-robin over the "
        "contender's servers, then wait until all ended. **Start req/s** is StartPipelineExecution requests answered "
        "per second; **Steps/s** is steps of finished executions per second from the first start to the last end. "
        "With three servers, **Kill -9 to resumed s** is measured once after the runs: an execution waiting in a "
        f"Callback step on one server, that server killed with SIGKILL (lease {LEASE_S} s), the time until its next "
        "step runs on another. Client and servers (and PostgreSQL) share the machine's cores."),
    setup=setup,
    contenders=[
        Contender(label=SQLITE1, argv=CLIENT, metrics=client_figures, server=servers(1, postgres=False),
                  measures="`./sluice serve` with the embedded SQLite store (synchronous=FULL)."),
        Contender(label=PG1, argv=CLIENT, metrics=client_figures, server=servers(1, postgres=True),
                  measures="`./sluice serve --config` with `store: postgres://...` on a private local PostgreSQL."),
        Contender(label=PG3, argv=CLIENT, metrics=client_figures, server=servers(3, postgres=True),
                  measures="Three `./sluice serve` on that one PostgreSQL database, sharing the work by leases."),
    ],
    sizes=[10],
    quick_sizes=[5],
    process_columns=False,
)
