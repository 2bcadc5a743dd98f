"""The s3 workload: ``sluice serve``'s S3 endpoint and moto's S3 server, side by side, on the same requests.

Cases: PutObject and GetObject of a 1 MiB and a 256 MiB object, and full ListObjectsV2 listings of a bucket of
10,000 keys (``--sizes`` sets the key count). For each case, each contender's server starts on a free loopback port
with nothing stored and is seeded over plain HTTP (a bucket; for GetObject the object; for the listing the keys, 16
bytes each, on a few threads). Each timed run is one process of ``bench/s3/client.py``, which sends the case's
requests on keep-alive connections and reports MiB/s and requests per second (keys per second for listings) from the
first request to the last answer.

Each server is measured by two clients, in the same rounds: ``client.py`` (Python, the original client) and wrk
(``bench/wrk/s3object.lua``, ``s3list.lua``), whose own cost per MiB is about a third of the Python client's, so
that the ratio to moto reflects the servers rather than the client once the server is fast.
"""
import http.client
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from harness.model import Case, Contender, ServerPlace, Workload
from harness.server import ServerProcess, free_port
from workloads.serve import prepare

MiB = 1024 * 1024
BUCKET = "bench"
OBJECT_SIZES, QUICK_OBJECT_SIZES = [1 * MiB, 256 * MiB], [1 * MiB, 16 * MiB]
# Bytes one timed run moves: 512 MiB (two 256 MiB objects, 512 of 1 MiB) at most 512 requests; less with --quick.
RUN_BYTES, QUICK_RUN_BYTES, MAX_REQUESTS = 512 * MiB, 64 * MiB, 512
SMALL_THREADS, LARGE_THREADS, LARGE = 4, 1, 16 * MiB
LISTINGS_PER_RUN, SEED_THREADS, LISTED_BYTES = 3, 8, 16
GOAL = "sluice ≥ 10× moto; large objects at disk speed"
SLUICE, MOTO = "sluice serve (local disk)", "moto.server (in memory)"
SLUICE_WRK, MOTO_WRK = "sluice serve (local disk), wrk", "moto.server (in memory), wrk"
# The default is store.durability full (an fsync of each object file, its sidecar and their folders before the 200);
# this contender is the same server without them, so the two Sluice wrk rows give what the fsyncs cost.
SLUICE_NORMAL_WRK = "sluice serve (local disk, store.durability normal), wrk"
PAIRS = ((SLUICE, MOTO), (SLUICE_WRK, MOTO_WRK))
# Seconds of one wrk run: long enough for a few 256 MiB requests.
DURATION, QUICK_DURATION = "5s", "2s"
MIB_PER_S, REQUESTS_PER_S, KEYS_PER_S, PEAK_RSS = "MiB/s", "Req/s", "Keys/s", "Server peak RSS MiB"
HEADERS = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, "
                     "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0",
    "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
    "x-amz-date": "20260101T000000Z",
}


def setup(work_dir: Path, sizes: Sequence[int]) -> list[Case]:
    """PutObject and GetObject per object size, then one listing case per key count (``--sizes``; 10,000 default).
    ``--quick`` passes its own sizes, which also choose the small object sizes."""
    work_dir.mkdir(parents=True, exist_ok=True)
    quick = list(sizes) == WORKLOAD.quick_sizes
    budget = QUICK_RUN_BYTES if quick else RUN_BYTES
    cases = []
    for size in QUICK_OBJECT_SIZES if quick else OBJECT_SIZES:
        count = max(2, min(MAX_REQUESTS, budget // size))
        threads = LARGE_THREADS if size >= LARGE else SMALL_THREADS
        for operation in ("put", "get"):
            name = "PutObject" if operation == "put" else "GetObject"
            cases.append(Case(
                name=f"{name}/{size // MiB}MiB",
                params={"Operation": name, "Object MiB": size // MiB, "Keys": "—", "Requests per run": count,
                        "Connections": threads, "Goal": GOAL},
                inputs={"operation": operation, "size": str(size), "count": str(count), "threads": str(threads),
                        "wrk_script": "s3object.lua", "wrk_threads": str(threads)}))
    for keys in sizes:
        cases.append(Case(
            name=f"ListObjectsV2/{keys}",
            params={"Operation": "ListObjectsV2 (every page, 1,000 keys each)", "Object MiB": "—", "Keys": keys,
                    "Requests per run": LISTINGS_PER_RUN * -(-keys // 1000), "Connections": 1, "Goal": GOAL},
            inputs={"operation": "list", "size": str(keys), "count": str(LISTINGS_PER_RUN), "threads": "1",
                    "wrk_script": "s3list.lua", "wrk_threads": "1"}))
    return cases


@dataclass
class SeededServer:
    """A server holding the case's bucket and seed: the ``Server`` the runner gets."""

    process: ServerProcess
    inputs: Mapping[str, str]

    def figures(self) -> Mapping[str, float]:
        """The server's peak RSS so far."""
        return {PEAK_RSS: self.process.peak_rss_kib() / 1024}


@contextmanager
def sluice_server(case: Case, place: ServerPlace, durability: str | None = None) -> Iterator[SeededServer]:
    """``./sluice serve`` on a free loopback port with a fresh data directory, seeded; the first start may build
    the CLI. With ``durability``, a ``sluice.yaml`` setting ``store.durability`` to it is passed with ``--config``."""
    port = free_port()
    argv = [str(place.repo / "sluice"), "serve", "--port", str(port), "--data", str(place.directory / "data")]
    if durability is not None:
        config = place.directory / "sluice.yaml"
        config.write_text(f"store:\n  durability: {durability}\n")
        argv += ["--config", str(config)]
    with ServerProcess(argv, place.repo, place.directory / "server.log") as process:
        process.wait_until_answers(f"http://127.0.0.1:{port}/health", timeout_s=900)
        yield SeededServer(process, seed(port, case, place))


@contextmanager
def sluice_normal_server(case: Case, place: ServerPlace) -> Iterator[SeededServer]:
    """``./sluice serve`` as :func:`sluice_server`, with ``store.durability: normal`` (no fsync per object)."""
    with sluice_server(case, place, "normal") as server:
        yield server


@contextmanager
def moto_server(case: Case, place: ServerPlace) -> Iterator[SeededServer]:
    """``python3 -m moto.server`` on a free loopback port (moto keeps objects in memory), seeded."""
    port = free_port()
    argv = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with ServerProcess(argv, place.repo, place.directory / "server.log") as process:
        process.wait_until_answers(f"http://127.0.0.1:{port}/", timeout_s=120)
        yield SeededServer(process, seed(port, case, place))


def seed(port: int, case: Case, place: ServerPlace) -> dict[str, str]:
    """Creates the bucket and what the case reads: the object for GetObject, the keys for a listing. Returns the
    argv placeholders ``{url}``, ``{bucket}`` and wrk's ``{duration}``."""
    request(port, "PUT", f"/{BUCKET}")
    operation, size = case.inputs["operation"], int(case.inputs["size"])
    if operation == "get":
        request(port, "PUT", f"/{BUCKET}/seed/object", os.urandom(size))
    elif operation == "list":
        def put_range(start: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            for i in range(start, size, SEED_THREADS):
                request(port, "PUT", f"/{BUCKET}/list/{i:07d}", b"x" * LISTED_BYTES, connection)
            connection.close()
        with ThreadPoolExecutor(SEED_THREADS) as pool:
            list(pool.map(put_range, range(SEED_THREADS)))
    return {"url": f"http://127.0.0.1:{port}", "bucket": BUCKET,
            "duration": QUICK_DURATION if place.quick else DURATION}


def request(port: int, method: str, path: str, body: bytes | None = None,
            connection: http.client.HTTPConnection | None = None) -> None:
    """One S3 request that must answer 200."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body, HEADERS)
        response = connection.getresponse()
        payload = response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path} answered {response.status}: {payload[:300]!r}")
    finally:
        if own:
            connection.close()


def client_figures(stdout: str, case: Case) -> Mapping[str, float]:
    """The client's JSON line: MiB/s and Req/s, or Req/s and Keys/s for a listing."""
    figures = json.loads(stdout.strip().splitlines()[-1])
    return {name: float(value) for name, value in figures.items()}


def wrk_figures(stdout: str, case: Case) -> Mapping[str, float]:
    """MiB/s and Req/s (objects) or Req/s and Keys/s (listings, every page holding keys/pages keys) from wrk's
    report; ``ValueError`` when no request completed, or any answer was not 2xx or a socket failed."""
    requests, per_second, errors = 0, 0.0, 0
    for line in stdout.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            per_second = float(words[1])
        elif len(words) > 2 and words[1:3] == ["requests", "in"]:
            requests = int(words[0])
        elif line.startswith("Non-2xx or 3xx responses:"):
            errors += int(words[-1])
        elif line.startswith("Socket errors:"):  # connect 0, read 0, write 0, timeout 0
            errors += sum(int(word.rstrip(",")) for word in words[3::2])
    if not requests:
        raise ValueError("wrk completed no request")
    if errors:
        raise ValueError(f"{errors} of wrk's {requests} requests failed (non-2xx answers or socket errors)")
    size = int(case.inputs["size"])
    if case.inputs["operation"] == "list":
        return {REQUESTS_PER_S: per_second, KEYS_PER_S: per_second * size / -(-size // 1000)}
    return {MIB_PER_S: per_second * size / MiB, REQUESTS_PER_S: per_second}


def compare(case: Case, medians: Mapping[str, Mapping[str, float]]) -> Mapping[str, Mapping[str, float]]:
    """Sluice's throughput over moto's measured by the same client (MiB/s for objects, keys per second for
    listings), for each client with both rows."""
    name = KEYS_PER_S if case.inputs["operation"] == "list" else MIB_PER_S
    return {sluice: {"× moto": medians[sluice][name] / medians[moto][name]}
            for sluice, moto in PAIRS
            if sluice in medians and moto in medians and medians[moto].get(name) and name in medians[sluice]}


CLIENT = ["python3", "{bench}/s3/client.py", "{operation}", "{url}", "{bucket}", "{size}", "{count}", "{threads}"]
WRK = ["wrk", "-t{wrk_threads}", "-c{threads}", "-d{duration}", "--timeout", "60s", "-s", "{bench}/wrk/{wrk_script}",
       "{url}", "--", "op={operation}", "bucket={bucket}", "size={size}"]
SLUICE_MEASURES = ("`./sluice serve --port PORT --data DIR` (Kestrel): objects streamed to and from files under the "
                   "data directory, written to a temporary file, flushed to the disk (store.durability full, the "
                   "default: an fsync of the file, its sidecar and their folders) and renamed into place; listings "
                   "read the folder tree.")
SLUICE_NORMAL_MEASURES = ("The same server with `--config` setting `store.durability: normal`: no fsync, the bytes are "
                          "in the page cache when it answers. Client: wrk, as above.")
MOTO_MEASURES = ("`python3 -m moto.server -H 127.0.0.1 -p PORT` (Werkzeug, threaded): objects kept in memory "
                 "(spooled), listings from Python dictionaries.")

WORKLOAD = Workload(
    name="s3",
    description=(
        "S3 on the wire: `bench/s3/client.py` (plain HTTP/1.1, keep-alive, path-style, placeholder SigV4 header, "
        "UNSIGNED-PAYLOAD) sends PutObject or GetObject of one object size, or full ListObjectsV2 listings (1,000 keys "
        "a page), to a server seeded over HTTP; each contender starts its server afresh for each case. Figures are the client's, from "
        "the first request to the last answer: **MiB/s** and **Req/s** for objects, **Req/s** and **Keys/s** for "
        "listings, each the median of the runs with the min–max in brackets; **× moto** divides Sluice's MiB/s (keys "
        "per second for listings) by moto's measured by the same client. The second client, wrk (C, epoll; "
        "`bench/wrk/s3object.lua`, `s3list.lua`), sends the same requests for a fixed duration and costs the machine "
        "about a third of the Python client's CPU per MiB, so its rows say more about the servers. **Server peak "
        "RSS** is the server's VmHWM after the runs. The client and the server share the machine's cores."),
    setup=setup,
    contenders=[
        Contender(label=SLUICE, argv=CLIENT, measures=SLUICE_MEASURES + " Client: `bench/s3/client.py`.",
                  metrics=client_figures, server=sluice_server),
        Contender(label=MOTO, argv=CLIENT, measures=MOTO_MEASURES + " Client: `bench/s3/client.py`.",
                  metrics=client_figures, server=moto_server),
        Contender(label=SLUICE_WRK, argv=WRK, measures=SLUICE_MEASURES + " Client: wrk, `bench/wrk/s3object.lua` or "
                  "`s3list.lua`, for the duration (5 s a run).", metrics=wrk_figures, server=sluice_server),
        Contender(label=MOTO_WRK, argv=WRK, measures=MOTO_MEASURES + " Client: wrk, as above.",
                  metrics=wrk_figures, server=moto_server),
        Contender(label=SLUICE_NORMAL_WRK, argv=WRK, measures=SLUICE_NORMAL_MEASURES, metrics=wrk_figures,
                  server=sluice_normal_server),
    ],
    sizes=[10_000],
    quick_sizes=[500],
    derived=compare,
    prepare=prepare,
    process_columns=False,
)
