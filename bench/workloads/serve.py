"""The serve workload: wrk against ``sluice serve`` and moto's server, side by side, on the same calls.

For each case (one operation), each contender's server starts on a free loopback port with nothing stored, is
seeded the same way through boto3 (one pipeline whose only step is a Condition, then N executions, 1,000 by default,
all finished), and answers the case's request once outside the timing (which must succeed). Then wrk sends that
request over and over (``bench/wrk/<op>.lua``); its requests per second, latency percentiles and error counts are the
contender's figures, and the server's peak RSS is read after the runs, before it stops.
"""
import http.client
import json
import shutil
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from harness.model import Case, Contender, ServerPlace, Workload
from harness.runner import log
from harness.server import ServerProcess, free_port

PIPELINE = "bench"
ROLE_ARN = "arn:aws:iam::111122223333:role/SageMakerRole"
# One Condition step that decides nothing: Sluice finishes such an execution at once, without starting a process.
DEFINITION = {
    "Version": "2020-12-01", "Metadata": {}, "Parameters": [], "PipelineExperimentConfig": None,
    "Steps": [{"Name": "Check", "Type": "Condition", "Arguments": {
        "Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}], "IfSteps": [], "ElseSteps": []}}],
}
# Issue 20's goals for sluice serve on the 2-core machine, per case (the default-size List has none of its own).
GOALS = {"DescribePipelineExecution/default": "p99 ≤ 10 ms",
         "ListPipelineExecutions/default": "—",
         "ListPipelineExecutions/100": "≥ 8,000 req/s, p99 ≤ 10 ms",
         "StartPipelineExecution/default": "≥ 3,000 req/s (durable), p99 ≤ 20 ms"}
DURATION, QUICK_DURATION = "10s", "3s"
SEED_THREADS = 8
SLUICE, MOTO = "sluice serve (durable SQLite)", "moto.server (in memory)"
# The same server and load with a core each (taskset): what the server does when wrk does not compete for its cores.
SERVER_CPU, WRK_CPU = "1", "0"
PINNED = f"sluice serve, own core (server on CPU {SERVER_CPU}, wrk on CPU {WRK_CPU})"
REQUESTS_PER_S, P50_MS, P99_MS, NON_2XX, SOCKET_ERRORS = "Req/s", "p50 ms", "p99 ms", "Non-2xx", "Socket errors"
PEAK_RSS, RESPONSE_BYTES, SUMMARIES = "Server peak RSS MiB", "Response bytes", "Summaries per response"


@dataclass(frozen=True)
class Operation:
    """A case's request: the API operation, how the table describes it, its wrk script, and its MaxResults."""

    name: str
    request: str
    script: str
    max_results: int | None = None

    def body(self, arn: str) -> dict:
        """The JSON body the script sends (the harness's probe sends the same), for a server whose stored execution
        to describe is ``arn``."""
        if self.name == "DescribePipelineExecution":
            return {"PipelineExecutionArn": arn}
        if self.name == "StartPipelineExecution":  # a token of its own, as boto3 fills one in (the model requires it)
            return {"PipelineName": PIPELINE, "ClientRequestToken": str(uuid.uuid4())}
        body = {"PipelineName": PIPELINE}
        return {**body, "MaxResults": self.max_results} if self.max_results else body


OPERATIONS = [
    Operation("DescribePipelineExecution", "one stored execution (the middle one)", "describe.lua"),
    Operation("ListPipelineExecutions", "first page, MaxResults left out (server default)", "list.lua"),
    Operation("ListPipelineExecutions", "first page, MaxResults 100", "list.lua", 100),
    Operation("StartPipelineExecution", "a new execution each request", "start.lua"),
]
BY_KEY = {f"{op.name}/{op.max_results or 'default'}": op for op in OPERATIONS}
# The member an answer must have for the probe to accept it.
ANSWER_MEMBERS = {"DescribePipelineExecution": "PipelineExecutionArn", "StartPipelineExecution": "PipelineExecutionArn",
                  "ListPipelineExecutions": "PipelineExecutionSummaries"}


def prepare() -> None:
    """Installs Debian's wrk when it is missing (``apt-get install -y wrk``, as root); if that fails, the contenders
    are skipped as wrk is not on PATH."""
    if shutil.which("wrk"):
        return
    log("serve: wrk is missing; installing it: apt-get install -y wrk")
    try:
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or ""
        log(f"serve: could not install wrk ({error}); {detail.strip()[-500:]}")


def setup(work_dir: Path, sizes: Sequence[int]) -> list[Case]:
    """One case per operation and number of stored executions (``--sizes``; 1,000 by default)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    return [Case(name=f"{key}/{executions}",
                 params={"Operation": op.name, "Request": op.request, "Stored executions": executions, "Goal": GOALS[key]},
                 inputs={"operation": key, "executions": str(executions), "script": op.script,
                         "pipeline": PIPELINE, "max_results": str(op.max_results or "")})
            for executions in sizes for key, op in BY_KEY.items()]


def wrk_figures(stdout: str, case: Case) -> Mapping[str, float]:
    """Requests per second, the 50th and 99th latency percentiles (ms), non-2xx responses and socket errors from
    ``wrk --latency``'s report; ``ValueError`` when no request was answered or every answer was an error."""
    figures = {REQUESTS_PER_S: 0.0, P50_MS: None, P99_MS: None, NON_2XX: 0, SOCKET_ERRORS: 0}
    requests = None
    for line in stdout.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            figures[REQUESTS_PER_S] = float(words[1])
        elif len(words) == 2 and words[0] in ("50%", "99%"):
            figures[P50_MS if words[0] == "50%" else P99_MS] = milliseconds(words[1])
        elif line.startswith("Non-2xx or 3xx responses:"):
            figures[NON_2XX] = int(words[-1])
        elif line.startswith("Socket errors:"):  # connect 0, read 0, write 0, timeout 0
            figures[SOCKET_ERRORS] = sum(int(word.rstrip(",")) for word in words[3::2])
        elif len(words) > 2 and words[1:3] == ["requests", "in"]:
            requests = int(words[0])
    if not requests or figures[P99_MS] is None:
        raise ValueError("wrk completed no request")
    if figures[NON_2XX] >= requests:
        raise ValueError(f"every one of the {requests} responses was an error (non-2xx)")
    return figures


def milliseconds(text: str) -> float:
    """A wrk duration (``850.00us``, ``1.65ms``, ``1.43s``, ``2.00m``) in milliseconds."""
    for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0), ("h", 3_600_000.0)):
        if text.endswith(unit) and text[:-len(unit)].replace(".", "", 1).isdigit():
            return float(text[:-len(unit)]) * scale
    raise ValueError(f"not a wrk duration: {text}")


@dataclass
class SeededServer:
    """A server that holds the seeded pipeline and executions: the ``Server`` the runner gets."""

    process: ServerProcess
    inputs: Mapping[str, str]
    probe: Mapping[str, float] = field(default_factory=dict)

    def figures(self) -> Mapping[str, float]:
        """The probe's response size (and summary count) and the server's peak RSS so far."""
        return {**self.probe, PEAK_RSS: self.process.peak_rss_kib() / 1024}


@contextmanager
def sluice_server(case: Case, place: ServerPlace, cpus: str | None = None) -> Iterator[SeededServer]:
    """``./sluice serve`` on a free loopback port with a fresh data directory, seeded; the first start may build
    the CLI. With ``cpus`` (a ``taskset -c`` list) the server runs on those CPUs alone."""
    port = free_port()
    argv = [str(place.repo / "sluice"), "serve", "--port", str(port), "--data", str(place.directory / "data")]
    argv = ["taskset", "-c", cpus, *argv] if cpus else argv
    with ServerProcess(argv, place.repo, place.directory / "server.log") as process:
        process.wait_until_answers(f"http://127.0.0.1:{port}/health", timeout_s=900)
        yield seeded(process, port, case, place)


def sluice_server_pinned(case: Case, place: ServerPlace) -> AbstractContextManager[SeededServer]:
    """``sluice_server`` on CPU ``SERVER_CPU`` alone (wrk then runs on ``WRK_CPU``)."""
    return sluice_server(case, place, SERVER_CPU)


@contextmanager
def moto_server(case: Case, place: ServerPlace) -> Iterator[SeededServer]:
    """``python3 -m moto.server`` on a free loopback port (moto keeps everything in memory), seeded."""
    port = free_port()
    argv = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with ServerProcess(argv, place.repo, place.directory / "server.log") as process:
        process.wait_until_answers(f"http://127.0.0.1:{port}/", timeout_s=120)
        yield seeded(process, port, case, place)


def seeded(process: ServerProcess, port: int, case: Case, place: ServerPlace) -> SeededServer:
    """Seeds the server, probes the case's request once, and returns what the runner needs from it."""
    url = f"http://127.0.0.1:{port}"
    arns = seed(url, int(case.inputs["executions"]))
    arn = arns[len(arns) // 2]
    probe = probe_request(port, BY_KEY[case.inputs["operation"]], arn)
    return SeededServer(process, {"url": url + "/", "arn": arn,
                                  "duration": QUICK_DURATION if place.quick else DURATION}, probe)


def seed(url: str, executions: int) -> list[str]:
    """Through boto3, as a user would: creates the pipeline, starts ``executions`` executions (on a few threads),
    and waits until the list shows every one of them and none Executing or Stopping. Returns their ARNs in start
    order."""
    import boto3  # only this workload needs it
    from botocore.config import Config

    client = boto3.client("sagemaker", endpoint_url=url, region_name="us-east-1", aws_access_key_id="test",
                          aws_secret_access_key="test", config=Config(max_pool_connections=SEED_THREADS))
    client.create_pipeline(PipelineName=PIPELINE, PipelineDefinition=json.dumps(DEFINITION), RoleArn=ROLE_ARN)
    with ThreadPoolExecutor(SEED_THREADS) as pool:
        arns = list(pool.map(lambda _: client.start_pipeline_execution(PipelineName=PIPELINE)["PipelineExecutionArn"],
                             range(executions)))
    paginator = client.get_paginator("list_pipeline_executions")
    for _ in range(3000):
        summaries = paginator.paginate(PipelineName=PIPELINE, PaginationConfig={"PageSize": 100}) \
            .build_full_result()["PipelineExecutionSummaries"]
        unfinished = [s for s in summaries if s["PipelineExecutionStatus"] in ("Executing", "Stopping")]
        if len(summaries) == executions and not unfinished:
            return arns
        time.sleep(0.1)
    raise RuntimeError(f"after 5 minutes the server lists {len(summaries)} executions of {executions}, "
                       f"{len(unfinished)} unfinished")


def probe_request(port: int, operation: Operation, arn: str) -> dict[str, float]:
    """Sends the case's request once, with the wrk script's headers; it must answer 200 with the operation's member
    (moto does not implement every call: a failure here shows the contender as n/a). Returns the response's size
    and, for a list, how many summaries it holds."""
    body = json.dumps(operation.body(arn))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", "/", body, {
            "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"SageMaker.{operation.name}",
            "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sagemaker/aws4_request, "
                             "SignedHeaders=content-type;host;x-amz-target, Signature=0"})
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    expected = ANSWER_MEMBERS.get(operation.name)
    try:
        answer = json.loads(payload)
    except ValueError:
        answer = None
    if response.status != 200 or not isinstance(answer, dict) or (expected and expected not in answer):
        raise RuntimeError(f"it does not answer {operation.name} ({body}): HTTP {response.status} "
                           f"{payload[:300].decode('utf-8', errors='replace')}")
    figures = {RESPONSE_BYTES: len(payload)}
    if expected == "PipelineExecutionSummaries":
        figures[SUMMARIES] = len(answer[expected])
    return figures


def compare(case: Case, medians: Mapping[str, Mapping[str, float]]) -> Mapping[str, Mapping[str, float]]:
    """Sluice's requests per second over moto's, when both ran."""
    if SLUICE not in medians or MOTO not in medians or not medians[MOTO].get(REQUESTS_PER_S):
        return {}
    return {SLUICE: {"Req/s × moto": medians[SLUICE][REQUESTS_PER_S] / medians[MOTO][REQUESTS_PER_S]}}


WRK = ["wrk", "-t2", "-c16", "-d{duration}", "--timeout", "10s", "--latency", "-s", "{bench}/wrk/{script}", "{url}",
       "--", "pipeline={pipeline}", "arn={arn}", "max_results={max_results}"]

WORKLOAD = Workload(
    name="serve",
    description=(
        "The SageMaker pipeline API on the wire: wrk (2 threads, 16 connections) sends one AWS JSON 1.1 request over "
        "and over to a server seeded through boto3 with one single-step pipeline and the stated number of finished "
        "executions; each case starts every server afresh. Figures are wrk's: requests per second, latency "
        "percentiles (ms), non-2xx responses and socket errors, each the median of the runs with the min–max in "
        "brackets. **Server peak RSS** is the server's VmHWM after the runs; **Response bytes** and **Summaries** come "
        "from one request before them (moto ignores MaxResults and lists every execution). wrk and the server share "
        "the machine's cores."),
    setup=setup,
    contenders=[
        Contender(
            label=SLUICE,
            argv=WRK,
            measures="`./sluice serve --port PORT --data DIR` (Kestrel; every request logged to the console, here "
                     "a file): reads from SQLite, and each StartPipelineExecution stores the execution "
                     "(synchronous=FULL) and runs it.",
            metrics=wrk_figures,
            server=sluice_server),
        Contender(
            label=PINNED,
            argv=["taskset", "-c", WRK_CPU, *WRK],
            measures=f"The same server and wrk with a core each (`taskset -c {SERVER_CPU}` for the server, "
                     f"`taskset -c {WRK_CPU}` for wrk): the server has one core, but none of its requests waits "
                     "for wrk to give a core back. Needs two CPUs.",
            metrics=wrk_figures,
            server=sluice_server_pinned),
        Contender(
            label=MOTO,
            argv=WRK,
            measures="`python3 -m moto.server -H 127.0.0.1 -p PORT` (Werkzeug, threaded): Python dictionaries; "
                     "StartPipelineExecution records an execution as Succeeded and runs nothing.",
            metrics=wrk_figures,
            server=moto_server),
    ],
    sizes=[1_000],
    quick_sizes=[1_000],
    derived=compare,
    prepare=prepare,
    process_columns=False,
)
