#!/usr/bin/env python3
"""Server CPU while consoles watch a running execution: prints JSON figures for one run.

Starts an execution of ``--pipeline`` (a Callback step ``Gate`` that every other step waits for) through the console's
API, waits until the gate waits, opens ``--watchers`` event streams (``GET /console/api/events``, what an open
execution page holds), and reads the server's CPU time (utime + stime of ``/proc/PID/stat``) over ``--idle`` seconds
while nothing changes. Then it answers the gate, so every other step runs and each stream gets every change, and
reads the CPU time again once every stream has seen the execution end (with no watchers, once the execution has
ended, polled every 100 ms).

    python3 bench/console/watch.py --url http://127.0.0.1:8080/ --pid 1234 --pipeline watched --watchers 20
"""
import argparse
import http.client
import http.cookiejar
import json
import os
import sys
import threading
import time
import urllib.parse
import urllib.request

TERMINAL = {"Succeeded", "Failed", "Stopped"}
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far, from /proc/PID/stat (fields 14 and 15, after the command)."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


class Console:
    """The console's API as a page uses it: a session cookie and the anti-forgery token."""

    def __init__(self, url: str):
        self.url = url.rstrip("/") + "/"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = self.get("session")["csrf"]

    def get(self, call: str, **query: str) -> dict:
        with self.opener.open(self.url + "console/api/" + call + "?" + urllib.parse.urlencode(query), timeout=60) as r:
            return json.load(r)

    def post(self, call: str, body: dict) -> dict:
        request = urllib.request.Request(self.url + "console/api/" + call, json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "X-Sluice-Csrf": self.csrf})
        with self.opener.open(request, timeout=60) as r:
            return json.load(r)

    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


class Watcher(threading.Thread):
    """One open execution page's event stream; ``ended`` is set when it has seen the execution end."""

    def __init__(self, console: Console, arn: str):
        super().__init__(daemon=True)
        self.console, self.arn = console, arn
        self.opened, self.ended = threading.Event(), threading.Event()
        self.events, self.error = 0, None

    def run(self) -> None:
        parts = urllib.parse.urlsplit(self.console.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
        try:
            connection.request("GET", "/console/api/events?" + urllib.parse.urlencode({"execution": self.arn}),
                               headers={"Cookie": self.console.cookie(), "Accept": "text/event-stream"})
            response = connection.getresponse()
            if response.status != 200:
                raise RuntimeError(f"events: HTTP {response.status}")
            event = None
            while line := response.readline():
                line = line.decode().rstrip("\r\n")
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:"):
                    self.events += 1
                    data = json.loads(line[5:])
                    status = data.get("execution", data).get("status") if event in ("snapshot", "execution") else None
                    if event == "snapshot":
                        self.opened.set()
                    if status in TERMINAL:
                        self.ended.set()
                        return
        except Exception as error:  # reported by the main thread
            self.error = error
        finally:
            self.opened.set()
            self.ended.set()
            connection.close()


def until(condition, what: str, timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout_s} s for {what}")
        time.sleep(0.05)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--pid", type=int, required=True, help="the server's process id")
    parser.add_argument("--pipeline", required=True)
    parser.add_argument("--watchers", type=int, default=20)
    parser.add_argument("--idle", type=float, default=3.0, help="seconds to measure while the execution waits")
    args = parser.parse_args(argv)

    console = Console(args.url)
    arn = console.post("start", {"pipeline": args.pipeline, "parameters": {}})["arn"]

    def token() -> str | None:
        for step in console.get("execution", arn=arn)["steps"]:
            if step["name"] == "Gate":
                return ((step.get("metadata") or {}).get("Callback") or {}).get("CallbackToken")
        return None

    until(lambda: token() is not None, "the gate to wait")
    watchers = [Watcher(console, arn) for _ in range(args.watchers)]
    for watcher in watchers:
        watcher.start()
    for watcher in watchers:
        watcher.opened.wait(60)

    idle_start, idle_wall = cpu_seconds(args.pid), time.monotonic()
    time.sleep(args.idle)
    idle_cpu, idle_wall = cpu_seconds(args.pid) - idle_start, time.monotonic() - idle_wall

    busy_start, busy_wall = cpu_seconds(args.pid), time.monotonic()
    console.post("callback", {"token": token(), "outcome": "success", "outputs": {}})
    if watchers:
        for watcher in watchers:
            watcher.ended.wait(600)
    else:
        until(lambda: console.get("execution", arn=arn)["execution"]["status"] in TERMINAL, "the execution to end", 600)
    busy_cpu, busy_wall = cpu_seconds(args.pid) - busy_start, time.monotonic() - busy_wall

    failed = [w.error for w in watchers if w.error]
    if failed:
        raise RuntimeError(f"{len(failed)} streams failed: {failed[0]}")
    steps = len(console.get("execution", arn=arn)["steps"])
    print(json.dumps({
        "Idle CPU %": 100 * idle_cpu / idle_wall,
        "Run CPU ms": 1000 * busy_cpu,
        "Run wall ms": 1000 * busy_wall,
        "CPU ms per step": 1000 * busy_cpu / max(1, steps),
        "Events per watcher": min((w.events for w in watchers), default=0),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
