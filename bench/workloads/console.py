"""The console workload: the web console of ``sluice serve`` in headless Chromium, and the server's CPU with consoles
open.

**Time to interactive** (cases ``tti/N``): an execution of an N-step pipeline (Condition steps in 10 columns, each
waiting for one step of the column before; stored by ``sluice run`` into the server's data directory before the
server starts, as a 10,000-step definition is over the API's 1 MiB limit) is opened in Debian's headless Chromium,
driven over the DevTools pipe (bench/console/cdp.py, standard library only). The figure is the console's own marker:
once the page's content is in the document (the graph drawn, every handler bound) it waits for a frame and a task
and writes ``performance.now()``, milliseconds since navigation start, to ``<body data-ready-ms>``. "First open" is
a fresh browser profile, "Reopen" the same address again with the browser's caches warm; the server's layout cache
is warm for both (the untimed check run fills it).

**Consoles watching** (cases ``watch/W``): a pipeline whose steps all wait for a Callback step ``Gate``; each run
starts an execution through the console's API, opens W event streams (what W open execution pages hold) once the
gate waits, and reads the server's CPU time (``/proc/PID/stat`` utime + stime) for 3 s of waiting ("Idle CPU %"),
then answers the gate and reads it again once every stream has seen the execution end ("Run CPU ms"; with no
watchers, once the execution has ended). ``watch/0`` is the same run without consoles, to compare with.
"""
import http.client
import json
import subprocess
import sys
import urllib.parse
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from harness.model import Case, Contender, ServerPlace, Workload
from harness.server import ServerProcess, free_port
from workloads.definitions import condition_step, render

COLUMNS = 10
WATCHERS = [0, 20]
WATCH_STEPS = 1_000
GOAL = "1,000 steps interactive ≤ 1 s"
PEAK_RSS = "Server peak RSS MiB"
EQUALS = [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}]


def grid(steps: int) -> str:
    """N Condition steps in ``COLUMNS`` columns, each (after the first column) waiting for the step one column back."""
    per_column = max(1, steps // COLUMNS)
    step_list = []
    for i in range(steps):
        step = condition_step(f"S{i:05d}", EQUALS, [], [])
        step_list.append({**step, "DependsOn": [f"S{i - per_column:05d}"]} if i >= per_column else step)
    return render({"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": None,
                   "Steps": step_list})


def gated(steps: int) -> str:
    """A Callback step ``Gate`` on the built-in queue, then ``steps`` Condition steps that each wait for it."""
    gate = {"Name": "Gate", "Type": "Callback", "Arguments": {},
            "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/gate", "OutputParameters": []}
    step_list = [gate] + [{**condition_step(f"W{i:05d}", EQUALS, [], []), "DependsOn": ["Gate"]} for i in range(steps)]
    return render({"Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": None,
                   "Steps": step_list})


def setup(work_dir: Path, sizes: Sequence[int]) -> list[Case]:
    """A time-to-interactive case per size, then the watch cases (1,000 gated steps, fewer when every size is)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    cases = []
    for steps in sizes:
        file = work_dir / f"grid-{steps}.json"
        file.write_text(grid(steps), encoding="utf-8")
        cases.append(Case(name=f"tti/{steps}", params={"Case": "time to interactive", "Steps": steps, "Goal": GOAL},
                          inputs={"mode": "tti", "file": str(file), "pipeline": f"grid-{steps}", "watchers": "0"}))
    watch_steps = min(WATCH_STEPS, max(sizes))
    file = work_dir / f"gated-{watch_steps}.json"
    file.write_text(gated(watch_steps), encoding="utf-8")
    for watchers in WATCHERS:
        cases.append(Case(name=f"watch/{watchers}",
                          params={"Case": f"{watchers} consoles watching", "Steps": watch_steps + 1, "Goal": ""},
                          inputs={"mode": "watch", "file": str(file), "pipeline": "watched", "watchers": str(watchers)}))
    return cases


@dataclass
class ConsoleServer:
    """``sluice serve`` holding the case's pipeline (and, for time to interactive, its execution)."""

    process: ServerProcess
    inputs: Mapping[str, str]

    def figures(self) -> Mapping[str, float]:
        return {PEAK_RSS: self.process.peak_rss_kib() / 1024}


@contextmanager
def sluice_server(case: Case, place: ServerPlace) -> Iterator[ConsoleServer]:
    """For ``tti``: ``sluice run`` of the grid into a fresh data directory, then ``sluice serve`` over it; for
    ``watch``: ``sluice serve``, then CreatePipeline of the gated pipeline through the API."""
    data = place.directory / "data"
    sluice = str(place.repo / "sluice")
    arn = ""
    if case.inputs["mode"] == "tti":
        run = subprocess.run([sluice, "run", case.inputs["file"], "--data", str(data), "--name", case.inputs["pipeline"],
                              "--json"], cwd=place.directory, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                             timeout=1800)
        if run.returncode != 0:
            raise RuntimeError(f"sluice run exited {run.returncode}: {run.stderr[-2000:]}")
        arn = json.loads(run.stdout)["PipelineExecution"]["PipelineExecutionArn"]
    port = free_port()
    argv = [sluice, "serve", "--port", str(port), "--data", str(data)]
    with ServerProcess(argv, place.directory, place.directory / "server.log") as process:
        process.wait_until_answers(f"http://127.0.0.1:{port}/health", timeout_s=900)
        url = f"http://127.0.0.1:{port}/"
        if case.inputs["mode"] == "watch":
            create_pipeline(port, case.inputs["pipeline"], Path(case.inputs["file"]).read_text(encoding="utf-8"))
        else:
            url += "#/execution?" + urllib.parse.urlencode({"arn": arn})
        yield ConsoleServer(process, {"url": url, "pid": str(process.pid)})


def create_pipeline(port: int, name: str, definition: str) -> None:
    """CreatePipeline through the SageMaker API (a server without credentials takes any signature on loopback)."""
    body = json.dumps({"PipelineName": name, "PipelineDefinition": definition, "ClientRequestToken": str(uuid.uuid4()),
                       "RoleArn": "arn:aws:iam::111122223333:role/SageMakerRole"})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", "/", body, {
            "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "SageMaker.CreatePipeline",
            "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sagemaker/aws4_request, "
                             "SignedHeaders=content-type;host;x-amz-target, Signature=0"})
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"CreatePipeline: HTTP {response.status} {payload[:300].decode('utf-8', 'replace')}")


def figures(stdout: str, case: Case) -> Mapping[str, float]:
    """The JSON object the probe prints last."""
    return {name: float(value) for name, value in json.loads(stdout.strip().splitlines()[-1]).items()}


WORKLOAD = Workload(
    name="console",
    description=__doc__.split("\n\n", 1)[1].replace("\n", " "),
    setup=setup,
    contenders=[
        Contender(
            label="sluice serve + headless Chromium",
            argv=[sys.executable, "{bench}/console/probe.py", "{mode}", "--url", "{url}", "--pid", "{pid}",
                  "--pipeline", "{pipeline}", "--watchers", "{watchers}"],
            measures="`./sluice serve` with its console; the page in Debian's `chromium --headless=new` over the "
                     "DevTools pipe, or W event streams read by Python threads.",
            metrics=figures,
            server=sluice_server),
    ],
    sizes=[100, 1_000, 10_000],
    quick_sizes=[100],
    process_columns=False,
)
