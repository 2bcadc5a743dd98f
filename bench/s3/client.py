#!/usr/bin/env python3
"""The s3 workload's client: one timed run of one S3 operation against a server, with figures on standard output.

    client.py put  URL BUCKET SIZE COUNT THREADS   # COUNT PutObjects of SIZE bytes, on THREADS connections
    client.py get  URL BUCKET SIZE COUNT THREADS   # COUNT GetObjects of the seeded object seed/object (SIZE bytes)
    client.py list URL BUCKET KEYS COUNT 1         # COUNT full ListObjectsV2 listings of the KEYS keys under list/

Plain HTTP/1.1 with keep-alive (http.client), path-style, so the client's own cost is small and the same for every
server: no SDK, no signing work, but an ``Authorization`` header in SigV4's shape with a placeholder signature (neither
server checks it; moto reads the service from it) and ``x-amz-content-sha256: UNSIGNED-PAYLOAD``. Bodies are read in
1 MiB pieces into one buffer and dropped. Every answer must be 200 (GETs: the full SIZE bytes; listings: every key
once), or the run exits 1. Prints one JSON object: ``MiB/s`` and ``Req/s`` (put, get) or ``Req/s`` and ``Keys/s``
(list), measured from the first request to the last answer.
"""
import http.client
import json
import os
import re
import sys
import threading
import time
from urllib.parse import quote, urlparse

PIECE = 1024 * 1024
HEADERS = {
    "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, "
                     "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0",
    "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
    "x-amz-date": "20260101T000000Z",
}


def connect(url: str) -> http.client.HTTPConnection:
    """A keep-alive connection to the server."""
    parsed = urlparse(url)
    return http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)


def body_of(size: int) -> memoryview:
    """``size`` bytes that do not compress: a random 4 MiB block, repeated."""
    block = os.urandom(min(size, 4 * PIECE))
    return memoryview(block * (size // len(block)) + block[:size % len(block)])


def put(url: str, bucket: str, size: int, count: int, thread: int, body: memoryview) -> int:
    """``count`` PutObjects of ``body`` to one key per thread (each replaces the last); returns bytes sent."""
    connection = connect(url)
    for _ in range(count):
        connection.request("PUT", f"/{bucket}/put/{thread}", body, {**HEADERS, "Content-Length": str(size)})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            fail(f"PutObject answered {response.status}")
    connection.close()
    return size * count


def get(url: str, bucket: str, size: int, count: int, _: int, __: memoryview | None) -> int:
    """``count`` GetObjects of ``seed/object``, each read to its end; returns bytes received."""
    buffer = bytearray(PIECE)
    connection = connect(url)
    for _ in range(count):
        connection.request("GET", f"/{bucket}/seed/object", headers=HEADERS)
        response = connection.getresponse()
        if response.status != 200:
            fail(f"GetObject answered {response.status}: {response.read()[:300]!r}")
        received = 0
        while (read := response.readinto(buffer)) > 0:
            received += read
        if received != size:
            fail(f"GetObject gave {received} bytes of {size}")
    connection.close()
    return size * count


def listing(url: str, bucket: str, keys: int, count: int) -> tuple[int, int]:
    """``count`` full listings of ``list/``, 1,000 keys a page; returns (requests, keys listed)."""
    connection = connect(url)
    requests = listed = 0
    for _ in range(count):
        token, seen = None, 0
        while True:
            path = f"/{bucket}?list-type=2&prefix=list%2F" + (f"&continuation-token={quote(token, safe='')}" if token else "")
            connection.request("GET", path, headers=HEADERS)
            response = connection.getresponse()
            text = response.read().decode("utf-8")
            requests += 1
            if response.status != 200:
                fail(f"ListObjectsV2 answered {response.status}: {text[:300]}")
            seen += text.count("<Key>")
            match = re.search(r"<NextContinuationToken>([^<]+)</NextContinuationToken>", text)
            if "<IsTruncated>true</IsTruncated>" not in text or not match:
                break
            token = match.group(1)
        if seen != keys:
            fail(f"a listing gave {seen} keys of {keys}")
        listed += seen
    connection.close()
    return requests, listed


def fail(message: str) -> None:
    print(f"client.py: {message}", file=sys.stderr)
    os._exit(1)


def main(argv: list[str]) -> int:
    operation, url, bucket = argv[0], argv[1], argv[2]
    size, count, threads = int(argv[3]), int(argv[4]), int(argv[5])
    if operation == "list":
        started = time.perf_counter()
        requests, listed = listing(url, bucket, size, count)
        seconds = time.perf_counter() - started
        print(json.dumps({"Req/s": requests / seconds, "Keys/s": listed / seconds}))
        return 0
    work = {"put": put, "get": get}[operation]
    body = body_of(size) if operation == "put" else None
    shares = [count // threads + (1 if i < count % threads else 0) for i in range(threads)]
    totals = [0] * threads
    workers = [threading.Thread(target=lambda i=i: totals.__setitem__(i, work(url, bucket, size, shares[i], i, body)))
               for i in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    seconds = time.perf_counter() - started
    print(json.dumps({"MiB/s": sum(totals) / PIECE / seconds, "Req/s": count / seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
