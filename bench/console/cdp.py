"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: commands on the
browser's fd 3, answers and events on its fd 4, each message JSON ended by a NUL byte). Needs nothing but the
standard library and Debian's ``chromium``; the browser gets a fresh profile in a temporary directory and is stopped
by its process id."""
import json
import os
import shutil
import subprocess
import tempfile
import time

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
         "--no-first-run", "--disable-extensions", "--disable-background-networking", "--remote-debugging-pipe"]


class Chromium:
    """One browser with one page; ``evaluate`` runs JavaScript in it, ``navigate`` opens an address."""

    def __init__(self, binary: str = CHROMIUM):
        if not os.path.exists(binary):
            raise RuntimeError(f"{binary} is missing: apt-get install --no-install-recommends chromium")
        self.profile = tempfile.mkdtemp(prefix="sluice-bench-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The browser reads fd 3 and writes fd 4. Copies above them first, so putting one end in place cannot
        # overwrite the other; the child makes them its fds 3 and 4, which are kept open across exec.
        ends = (os.dup(to_browser_r), os.dup(from_browser_w))
        while min(ends) <= 4:
            ends = (os.dup(ends[0]), os.dup(ends[1]))

        def wire() -> None:
            os.dup2(ends[0], 3)
            os.dup2(ends[1], 4)

        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"], preexec_fn=wire, pass_fds=(3, 4),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        for fd in (to_browser_r, from_browser_w, *ends):
            os.close(fd)
        self._buffer, self._next_id = b"", 0
        try:
            target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        except BaseException:
            self.close()
            raise

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout_s: float = 60) -> dict:
        """Sends one command and returns its result (events in between are skipped); ``RuntimeError`` on an error."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            answer = self._read()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
        raise TimeoutError(f"{method}: no answer within {timeout_s} s")

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed its DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def navigate(self, url: str) -> None:
        """Opens ``url`` in the page."""
        self.call("Page.navigate", {"url": url}, self.session)

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self) -> None:
        """Asks the browser to close, then kills its process group if it has not within 5 s; removes the profile."""
        try:
            os.write(self._to_browser, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            self.process.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, 9)
            except ProcessLookupError:
                pass
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
