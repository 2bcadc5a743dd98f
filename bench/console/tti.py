#!/usr/bin/env python3
"""Time to interactive of a console page in headless Chromium: prints ``{"First open ms": …, "Reopen ms": …}``.

"Interactive" is the console's own marker: once a page's content is in the document (for an execution, its graph
drawn with every handler bound), the console waits for the next frame and then a task, and writes
``performance.now()`` (milliseconds since the navigation started) to ``<body data-ready-ms>``. The first open is a
fresh browser profile (nothing cached); the reopen loads the same address again after ``about:blank``, with the
browser's caches warm.

    python3 bench/console/tti.py --url 'http://127.0.0.1:8080/#/execution?arn=...'
"""
import argparse
import json
import sys
import time

from cdp import Chromium

READY = """(() => {
  const ready = document.body && document.body.dataset.readyMs;
  if (!ready) return '';
  if (document.querySelector('[data-testid=graph]')) return ready;
  return 'error: ' + (document.querySelector('main') || document.body).innerText.slice(0, 300);
})()"""


def open_page(browser: Chromium, url: str, timeout_s: float = 120) -> float:
    """Navigates to ``url`` and returns the page's ready time in ms; raises if the page shows an error instead."""
    browser.navigate(url)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready = browser.evaluate(READY)
        if ready and ready.startswith("error"):
            raise RuntimeError(f"the page shows no graph: {ready}")
        if ready:
            return float(ready)
        time.sleep(0.02)
    raise TimeoutError(f"{url} was not ready within {timeout_s} s")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the page's address")
    args, _ = parser.parse_known_args(argv)  # the workload's other options (--pid, --watchers) are not for this
    url = args.url
    with Chromium() as browser:
        first = open_page(browser, url)
        browser.navigate("about:blank")
        while browser.evaluate("location.href") != "about:blank":
            time.sleep(0.01)
        again = open_page(browser, url)
    print(json.dumps({"First open ms": first, "Reopen ms": again}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
