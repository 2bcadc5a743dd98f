#!/usr/bin/env python3
"""Validates a pipeline definition against the structural JSON schema beside this script, as a benchmark peer.

Usage: python3 bench/peers/schema_validate.py FILE

Exit codes follow ``sluice validate``: 0 valid, 1 invalid (not JSON, or every schema error is printed), 2 usage
error or unreadable file. The schema (pipeline-definition.structural.schema.json) checks structure only; see its
description.
"""
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

SCHEMA = Path(__file__).with_name("pipeline-definition.structural.schema.json")
USAGE = "usage: python3 bench/peers/schema_validate.py FILE"


def main(argv: list[str]) -> int:
    """Validates the file named in ``argv`` and returns the exit code."""
    if len(argv) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        text = Path(argv[0]).read_text(encoding="utf-8")
    except OSError as error:
        print(f"{argv[0]}: {error}", file=sys.stderr)
        return 2
    try:
        definition = json.loads(text)
    except ValueError as error:
        print(f"{argv[0]}: not JSON: {error}")
        return 1
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    errors = list(validator.iter_errors(definition))
    for error in errors:
        print(f"{argv[0]}: {error.json_path}: {error.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
