#!/usr/bin/env python3
"""The console workload's client, one run: ``tti URL`` (see tti.py) or ``watch --url … --pid … --pipeline …
--watchers N`` (see watch.py); prints the run's figures as JSON."""
import sys

import tti
import watch

if __name__ == "__main__":
    mode, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if mode == "tti":
        sys.exit(tti.main(rest))
    if mode == "watch":
        sys.exit(watch.main(rest))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
