"""The serve-latency workload: latency at a fixed request rate, open loop, against ``sluice serve`` and moto's server.

wrk (the ``serve`` workload) is a closed loop: each of its 16 connections sends the next request as soon as the last
is answered, so it measures the most a server answers with wrk beside it on the same cores, and its percentiles are
those of a saturated machine. A latency goal means something at a stated rate below that: ``bench/loadgen``
(``sluice-loadgen``, built on first use) sends requests on a fixed schedule and measures each one from the moment it
was due, so a stall is charged to every request it delays (as wrk2 does; wrk2 is not packaged in Debian).

Each case is one operation at one rate, on servers seeded exactly as ``serve`` seeds them (one single-step pipeline,
1,000 finished executions by default). Every operation runs at a rate moto's server sustains, with both contenders
side by side, and at the issue's goal rate with Sluice alone (moto answers List at about 17 and the others at about
300 requests per second, so at the goal rates it would only show its queue growing).
"""
import json
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from harness.model import Case, Contender, ServerPlace, Workload
from harness.runner import log
from workloads import serve

BENCH = Path(__file__).resolve().parents[1]
LOADGEN_PROJECT = BENCH / "loadgen"
LOADGEN_DLL = "{bench}/work/loadgen/sluice-loadgen.dll"
DURATION_S, QUICK_DURATION_S, WARMUP_S, CONNECTIONS = 10, 3, 2, 16


@dataclass(frozen=True)
class Rates:
    """An operation's rates: one its peer sustains (both contenders run it) and the goal's (Sluice alone)."""

    key: str
    peer: int
    goal: int
    goal_text: str


RATES = [
    Rates("DescribePipelineExecution/default", 200, 10_000, "p99 ≤ 10 ms"),
    Rates("ListPipelineExecutions/100", 10, 8_000, "8,000 req/s with p99 ≤ 10 ms"),
    Rates("StartPipelineExecution/default", 200, 3_000, "3,000 req/s with p99 ≤ 20 ms"),
]
OFFERED, ACHIEVED, P50, P99, P999, MAX, SERVICE_P99 = (
    "Offered req/s", "Answered req/s", "p50 ms", "p99 ms", "p99.9 ms", "Max ms", "Service p99 ms")
NON_2XX, FAILED, UNSENT = "Non-2xx", "Failed", "Unsent"


def prepare() -> None:
    """Builds ``sluice-loadgen`` into ``bench/work/loadgen`` (``dotnet build``, a few seconds when up to date)."""
    log("serve-latency: building bench/loadgen")
    subprocess.run(["dotnet", "build", str(LOADGEN_PROJECT), "-c", "Release", "-o", str(BENCH / "work" / "loadgen"),
                    "--nologo", "-v", "quiet"], check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)


def setup(work_dir: Path, sizes: Sequence[int]) -> list[Case]:
    """Per operation, a case at its peer rate (both contenders) and one at its goal rate (Sluice alone), for each
    number of stored executions (``--sizes``; 1,000 by default)."""
    work_dir.mkdir(parents=True, exist_ok=True)
    cases = []
    for executions in sizes:
        for rates in RATES:
            op = serve.BY_KEY[rates.key]
            for rate, only in ((rates.peer, None), (rates.goal, frozenset([SLUICE]))):
                cases.append(Case(
                    name=f"{rates.key}/{executions}/{rate}",
                    params={"Operation": op.name, "Request": op.request, "Stored executions": executions,
                            "Rate req/s": rate, "Goal": rates.goal_text if rate == rates.goal else "side by side"},
                    inputs={"operation": rates.key, "executions": str(executions), "rate": str(rate),
                            "target": f"SageMaker.{op.name}"},
                    only=only))
    return cases


def loadgen_figures(stdout: str, case: Case) -> Mapping[str, float]:
    """The report ``sluice-loadgen`` prints; ``ValueError`` when every request failed or every answer was an error. A
    server that fell so far behind that nothing due in the measured window was answered is a result: its row shows
    0 answered, the unsent count, and latencies that are lower bounds."""
    report = json.loads(stdout)
    if not report["answered"] and not report["notSent"]:
        raise ValueError(f"no request was answered ({report['firstFailure']})")
    if report["answered"] and report["notSuccessful"] >= report["answered"]:
        raise ValueError(f"every one of the {report['answered']} responses was an error (non-2xx)")
    latency = report["latencyMs"]
    return {OFFERED: report["offeredRate"], ACHIEVED: report["achievedRate"], P50: latency["p50"],
            P99: latency["p99"], P999: latency["p999"], MAX: latency["max"], SERVICE_P99: report["serviceMs"]["p99"],
            NON_2XX: report["notSuccessful"], FAILED: report["failures"], UNSENT: report["notSent"]}


@dataclass
class BodiedServer:
    """A seeded server (``serve.SeededServer``) whose inputs also hold the request body for ``sluice-loadgen``."""

    seeded: serve.SeededServer
    inputs: Mapping[str, str]

    def figures(self) -> Mapping[str, float]:
        """The seeded server's figures (peak RSS, response size)."""
        return self.seeded.figures()


def with_body(case: Case, seeded: serve.SeededServer, quick: bool) -> BodiedServer:
    """The request body of the case's operation for this server (a Start's ``{n}`` becomes a token per request)."""
    op = serve.BY_KEY[case.inputs["operation"]]
    body = op.body(seeded.inputs["arn"])
    if "ClientRequestToken" in body:
        body["ClientRequestToken"] = "{n}"
    return BodiedServer(seeded, {**seeded.inputs, "body": json.dumps(body),
                                 "seconds": str(QUICK_DURATION_S if quick else DURATION_S)})


@contextmanager
def sluice_server(case: Case, place: ServerPlace) -> Iterator[BodiedServer]:
    """``./sluice serve``, started and seeded as the serve workload does."""
    with serve.sluice_server(case, place) as seeded:
        yield with_body(case, seeded, place.quick)


@contextmanager
def moto_server(case: Case, place: ServerPlace) -> Iterator[BodiedServer]:
    """moto's server, started and seeded as the serve workload does."""
    with serve.moto_server(case, place) as seeded:
        yield with_body(case, seeded, place.quick)


SLUICE, MOTO = serve.SLUICE, serve.MOTO
LOADGEN = ["dotnet", LOADGEN_DLL, "{url}", "--rate", "{rate}", "--duration", "{seconds}", "--warmup", str(WARMUP_S),
           "--connections", str(CONNECTIONS), "--header", "Content-Type: application/x-amz-json-1.1",
           "--header", "X-Amz-Target: {target}",
           "--header", "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sagemaker/aws4_request, "
                       "SignedHeaders=content-type;host;x-amz-target, Signature=0",
           "--body", "{body}"]

WORKLOAD = Workload(
    name="serve-latency",
    description=(
        "Latency at a fixed rate (open loop): `bench/loadgen` sends the operation's request on a fixed schedule over "
        f"{CONNECTIONS} connections for {WARMUP_S} s unmeasured, then {DURATION_S} s measured, and times each request "
        "from the moment it was due to the end of its response, so time spent queued behind a slow answer counts. "
        "Servers are seeded as in `serve` (one single-step pipeline, the stated number of finished executions); each "
        "case starts them afresh. **Answered req/s** below the offered rate means the server fell behind; **Unsent** "
        "requests were still behind the schedule 2 s after its end and count with the time they had waited (a lower "
        "bound). **Service p99** is measured from the actual send, as a closed-loop tool would. Each figure is the "
        "median of the runs with the min–max in brackets. The load generator and the server share the machine's cores."),
    setup=setup,
    contenders=[
        Contender(label=SLUICE, argv=LOADGEN, measures="`./sluice serve --port PORT --data DIR`, as in `serve`.",
                  metrics=loadgen_figures, server=sluice_server),
        Contender(label=MOTO, argv=LOADGEN, measures="`python3 -m moto.server -H 127.0.0.1 -p PORT`, as in `serve`.",
                  metrics=loadgen_figures, server=moto_server),
    ],
    sizes=[1_000],
    quick_sizes=[1_000],
    prepare=prepare,
    process_columns=False,
)
