#!/usr/bin/env python3
"""Writes docs/compatibility.md: what `sluice serve` does with every request and response member of the operations it
answers, checked against botocore's SageMaker and SQS service models.

The facts are hand-maintained in docs/compatibility.yaml (per operation: a status and note, the errors it returns, and a
status for each request and response member, read from the server's code). This script joins them with the service
models, so the document lists every member the model has:

  - a member the YAML does not describe is listed as `not-yet` with the note "not reviewed", so members that a newer
    botocore adds show up;
  - a fact about a member, operation or shape that the model no longer has makes the script fail (stale facts).

Top-level members are always listed; nested members (dotted paths, `[]` for list items) are listed for the shapes a
service's `expand` list names (the pipeline shapes: PipelineExecutionStep and its Metadata, SelectiveExecutionConfig,
ParallelismConfiguration, the List* summaries, ...). The output is deterministic: operations in YAML order, members in
model order.

    python3 scripts/generate-compatibility.py            # rewrite docs/compatibility.md
    python3 scripts/generate-compatibility.py --check    # exit 1 when docs/compatibility.md is out of date
    python3 scripts/generate-compatibility.py --botocore path/to/botocore

Exit codes: 0 done (or up to date), 1 out of date (--check), 2 stale or malformed facts, or no botocore.
"""
import argparse
import difflib
import gzip
import json
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("generate-compatibility: PyYAML is needed (pip install pyyaml, or apt-get install python3-yaml)")

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
FACTS = os.path.join(ROOT, "docs", "compatibility.yaml")
TARGET = os.path.join(ROOT, "docs", "compatibility.md")
COMMAND = "python3 scripts/generate-compatibility.py"

STATUSES = ("supported", "partial", "not-yet")
NOT_REVIEWED = "not reviewed"


class StaleFacts(Exception):
    """The YAML says something the model does not support; every problem is listed."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def find_botocore(path):
    if path:
        version = "unknown"
        with open(os.path.join(path, "__init__.py"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("__version__"):
                    version = line.split("=", 1)[1].strip().strip("'\"")
        return path, version
    try:
        import botocore
    except ImportError:
        sys.stderr.write("generate-compatibility: botocore is not installed (pip install boto3), or give --botocore DIR\n")
        sys.exit(2)
    return os.path.dirname(botocore.__file__), botocore.__version__


def load_model(botocore_dir, model):
    service, version = model.split("/")
    path = os.path.join(botocore_dir, "data", service, version, "service-2.json.gz")
    if not os.path.exists(path):
        path = path[: -len(".gz")]
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def fact(value, where, problems):
    """A member's or operation's fact: `supported`, or `[status, note]`, or `{status, note}`."""
    if isinstance(value, str):
        status, note = value, ""
    elif isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        status, note = value
    elif isinstance(value, dict) and set(value) <= {"status", "note"} and "status" in value:
        status, note = value["status"], value.get("note", "")
    else:
        problems.append(f"{where}: a fact is `supported`, `[status, note]` or `{{status, note}}`, not {value!r}")
        return "not-yet", ""
    if status not in STATUSES:
        problems.append(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    if status != "supported" and not note.strip():
        problems.append(f"{where}: a {status} fact needs a note saying what is missing")
    return status, " ".join(note.split())


class Service:
    def __init__(self, name, spec, model):
        self.name = name
        self.spec = spec
        self.model = model
        self.shapes = model["shapes"]
        self.expand = set(spec.get("expand") or [])

    def type_of(self, shape_name):
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "structure":
            return shape_name
        if kind == "list":
            return "list of " + self.type_of(shape["member"]["shape"])
        if kind == "map":
            return f"map of {self.type_of(shape['key']['shape'])} to {self.type_of(shape['value']['shape'])}"
        return kind

    def members(self, shape_name):
        """Every listed member of a structure: (path, type, required), nested members of expanded shapes after their parent."""
        rows = []

        def walk(name, prefix, stack):
            shape = self.shapes[name]
            required = set(shape.get("required") or [])
            for member, spec in shape.get("members", {}).items():
                path = prefix + member
                target = spec["shape"]
                rows.append((path, self.type_of(target), member in required))
                inner, suffix = target, ""
                while self.shapes[inner]["type"] == "list":
                    inner, suffix = self.shapes[inner]["member"]["shape"], suffix + "[]"
                if self.shapes[inner]["type"] == "structure" and inner in self.expand and inner not in stack:
                    walk(inner, path + suffix + ".", stack | {inner})

        walk(shape_name, "", {shape_name})
        return rows


def member_rows(service, op_name, side, shape_name, facts, echo, problems):
    """The rows of one side (request or response) of an operation, each with its status and note."""
    where = f"{service.name}.{op_name}.{side}"
    facts = facts or {}
    if not isinstance(facts, dict):
        problems.append(f"{where}: expected a mapping of member paths to facts")
        facts = {}
    if shape_name is None:
        for path in facts:
            problems.append(f"{where}: '{path}': the operation has no {side} in the model")
        return []
    rows = []
    listed = {}
    for path, type_name, required in service.members(shape_name):
        parent = listed.get(parent_of(path))
        if path in facts:
            status, note = fact(facts[path], f"{where}.{path}", problems)
        elif echo is not None and "." not in path and path in echo["members"]:
            status, note = "supported", echo["note"]
        elif parent is not None and parent["status"] != "supported" and parent["note"] != NOT_REVIEWED:
            # A member of a structure that is not written (or only accepted) shares its fate.
            status, note = parent["status"], f"as `{parent['path']}`"
        else:
            status, note = "not-yet", NOT_REVIEWED
        row = {"path": path, "type": type_name, "required": required, "status": status, "note": note}
        listed[path] = row
        rows.append(row)
    for path in facts:
        if path not in listed:
            problems.append(
                f"{where}: '{path}' is not a member of {shape_name} in botocore's model "
                "(removed or renamed, or nested in a shape the service's expand list does not name): stale fact")
    return rows


def parent_of(path):
    """`A[].B.C` -> `A[].B`; `A[].B` -> `A`; a top-level member has no parent."""
    if "." not in path:
        return None
    parent = path.rsplit(".", 1)[0]
    return parent[:-2] if parent.endswith("[]") else parent


def error_rows(service, op_name, op_model, facts, problems):
    where = f"{service.name}.{op_name}.errors"
    facts = facts or {}
    modeled = [e["shape"] for e in op_model.get("errors", [])]
    never = service.spec.get("never_returned") or {}
    rows = []
    for code in modeled:
        if code in facts:
            rows.append(error_row(code, True, facts[code], f"{where}.{code}", problems))
        elif code in never:
            rows.append({"code": code, "modeled": True, "returned": False, "note": " ".join(never[code].split())})
        else:
            rows.append({"code": code, "modeled": True, "returned": False, "note": NOT_REVIEWED})
    for code, value in facts.items():
        if code not in modeled:
            rows.append(error_row(code, False, value, f"{where}.{code}", problems))
    return rows


def error_row(code, modeled, value, where, problems):
    if isinstance(value, str):
        return {"code": code, "modeled": modeled, "returned": True, "note": " ".join(value.split())}
    if isinstance(value, list) and len(value) == 2 and value[0] == "never" and isinstance(value[1], str):
        return {"code": code, "modeled": modeled, "returned": False, "note": " ".join(value[1].split())}
    problems.append(f"{where}: an error is `\"when it is returned\"` or `[never, \"why not\"]`, not {value!r}")
    return {"code": code, "modeled": modeled, "returned": False, "note": ""}


def build(facts, botocore_dir):
    """Every operation of every service, with its rows; raises StaleFacts listing every problem."""
    problems = []
    services = []
    for service_name, spec in (facts.get("services") or {}).items():
        model = load_model(botocore_dir, spec["model"])
        service = Service(service_name, spec, model)
        operations = model["operations"]
        for shape in sorted(service.expand):
            if shape not in service.shapes:
                problems.append(f"{service_name}.expand: shape {shape} is not in botocore's model: stale fact")
            elif service.shapes[shape]["type"] != "structure":
                problems.append(f"{service_name}.expand: shape {shape} is not a structure")
        for code in spec.get("never_returned") or {}:
            if code not in service.shapes or not service.shapes[code].get("exception"):
                problems.append(f"{service_name}.never_returned: {code} is not an error of botocore's model: stale fact")
        ops = []
        for op_name, op_spec in (spec.get("operations") or {}).items():
            if op_name not in operations:
                problems.append(f"{service_name}.{op_name}: botocore's model has no such operation: stale fact")
                continue
            op_spec = op_spec or {}
            unknown = set(op_spec) - {"status", "note", "errors", "request", "response", "echo"}
            if unknown:
                problems.append(f"{service_name}.{op_name}: unknown keys {', '.join(sorted(unknown))}")
            op_model = operations[op_name]
            status, note = fact([op_spec.get("status", ""), op_spec.get("note", "")], f"{service_name}.{op_name}", problems)
            echo = None
            if "echo" in op_spec:
                source = op_spec["echo"].get("operation")
                if source not in operations or "input" not in operations[source]:
                    problems.append(f"{service_name}.{op_name}.echo: botocore's model has no operation {source} with an input: stale fact")
                else:
                    source_shape = service.shapes[operations[source]["input"]["shape"]]
                    echo = {"members": set(source_shape.get("members", {})), "note": " ".join(op_spec["echo"]["note"].split())}
            request_shape = op_model.get("input", {}).get("shape")
            response_shape = op_model.get("output", {}).get("shape")
            ops.append({
                "name": op_name,
                "status": status,
                "note": note,
                "request_shape": request_shape,
                "response_shape": response_shape,
                "request": member_rows(service, op_name, "request", request_shape, op_spec.get("request"), None, problems),
                "response": member_rows(service, op_name, "response", response_shape, op_spec.get("response"), echo, problems),
                "errors": error_rows(service, op_name, op_model, op_spec.get("errors"), problems),
            })
        not_served = spec.get("not_served") or {}
        for op_name in not_served:
            if op_name not in operations:
                problems.append(f"{service_name}.not_served.{op_name}: botocore's model has no such operation: stale fact")
            elif op_name in (spec.get("operations") or {}):
                problems.append(f"{service_name}.not_served.{op_name}: also listed under operations")
        pattern = re.compile(spec.get("report_unlisted", "(?!)"))
        unserved = []
        for op_name in sorted(set(operations) - set(spec.get("operations") or {})):
            if op_name in not_served:
                unserved.append((op_name, " ".join(not_served[op_name].split())))
            elif pattern.search(op_name):
                unserved.append((op_name, NOT_REVIEWED))
        services.append({
            "name": service_name,
            "title": spec.get("title", service_name),
            "model": spec["model"],
            "intro": " ".join((spec.get("intro") or "").split()),
            "common_errors": spec.get("common_errors") or {},
            "operations": ops,
            "unserved": unserved,
        })
    if problems:
        raise StaleFacts(problems)
    return services


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def counts(op):
    rows = op["request"] + op["response"]
    return [sum(1 for r in rows if r["status"] == s) for s in STATUSES]


def anchor(text):
    return re.sub(r"[^a-z0-9 _-]", "", text.lower()).replace(" ", "-")


def render(services, version, facts):
    out = []
    w = out.append
    models = ", ".join(f"`{s['model']}`" for s in services)
    w("# `sluice serve` compatibility")
    w("")
    w(f"<!-- Generated by {COMMAND} from docs/compatibility.yaml and botocore {version}. Do not edit by hand. -->")
    w("")
    w(f"Generated from botocore {version}'s service models ({models}) and the hand-maintained facts in "
      "[compatibility.yaml](compatibility.yaml). Regenerate after changing either:")
    w("")
    w("```sh")
    w(COMMAND)
    w("```")
    w("")
    w(f"`{COMMAND} --check` exits non-zero when this file is out of date; the test suite runs it.")
    w("")
    intro = " ".join((facts.get("intro") or "").split())
    if intro:
        w(intro)
        w("")
    w("Statuses:")
    w("")
    for status, meaning in (facts.get("legend") or {}).items():
        w(f"- **{status}**: {' '.join(meaning.split())}")
    w("")
    w(f"A member the facts do not describe is `not-yet` with the note \"{NOT_REVIEWED}\": botocore added it, or "
      "nobody has checked it yet. A nested member without a fact of its own shares the status of a parent that is "
      "partial or not-yet (\"as `Parent`\"). Nested members are listed for the shapes that matter to pipelines; the "
      "other structures are one row each.")
    w("")
    w("## Summary")
    w("")
    w("Members are the request and response rows of each operation below.")
    w("")
    w("| Service | Operation | Status | Supported | Partial | Not yet |")
    w("| --- | --- | --- | ---: | ---: | ---: |")
    totals = [0, 0, 0]
    for service in services:
        for op in service["operations"]:
            c = counts(op)
            totals = [a + b for a, b in zip(totals, c)]
            w(f"| {service['name']} | [{op['name']}](#{anchor(op['name'])}) | {op['status']} | {c[0]} | {c[1]} | {c[2]} |")
    w(f"| | **Total** | | **{totals[0]}** | **{totals[1]}** | **{totals[2]}** |")
    w("")
    for service in services:
        w(f"## {service['title']}")
        w("")
        if service["intro"]:
            w(service["intro"])
            w("")
        if service["common_errors"]:
            w("Errors any operation may return:")
            w("")
            w("| Error | When |")
            w("| --- | --- |")
            for code, note in service["common_errors"].items():
                w(f"| `{code}` | {cell(' '.join(note.split()))} |")
            w("")
        for op in service["operations"]:
            w(f"### {op['name']}")
            w("")
            w(f"**{op['status']}**" + (f": {op['note']}" if op["note"] else ""))
            w("")
            w("| Error | In the model | Returned | When, or why not |")
            w("| --- | --- | --- | --- |")
            for e in op["errors"]:
                w(f"| `{e['code']}` | {'yes' if e['modeled'] else 'no'} | {'yes' if e['returned'] else 'no'} | {cell(e['note'])} |")
            w("")
            for side, shape in (("request", op["request_shape"]), ("response", op["response_shape"])):
                title = "Request" if side == "request" else "Response"
                if shape is None:
                    w(f"{title}: none in the model.")
                    w("")
                    continue
                w(f"{title} (`{shape}`):")
                w("")
                if not op[side]:
                    w("No members.")
                    w("")
                    continue
                w("| Member | Type | Required | Status | Note |")
                w("| --- | --- | --- | --- | --- |")
                for r in op[side]:
                    w(f"| `{r['path']}` | {cell(r['type'])} | {'yes' if r['required'] else ''} | {r['status']} | {cell(r['note'])} |")
                w("")
        if service["unserved"]:
            w(f"### Other {service['name']} operations")
            w("")
            w("Not served: they answer `UnknownOperationException`.")
            w("")
            w("| Operation | Note |")
            w("| --- | --- |")
            for name, note in service["unserved"]:
                w(f"| {name} | {cell(note)} |")
            w("")
    if facts.get("appendix"):
        w(facts["appendix"].rstrip("\n"))  # hand-written sections (protocols without a member-by-member table)
        w("")
    return "\n".join(out).rstrip("\n") + "\n"


def main():
    parser = argparse.ArgumentParser(description="Writes docs/compatibility.md from botocore's models and docs/compatibility.yaml.")
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/compatibility.md is out of date; write nothing")
    parser.add_argument("--botocore", metavar="DIR", help="the botocore package folder (default: the installed botocore)")
    args = parser.parse_args()

    botocore_dir, version = find_botocore(args.botocore)
    try:
        with open(FACTS, encoding="utf-8") as f:
            facts = yaml.safe_load(f)
    except yaml.YAMLError as e:
        sys.stderr.write(f"generate-compatibility: docs/compatibility.yaml is not valid YAML: {e}\n")
        return 2
    try:
        services = build(facts, botocore_dir)
    except StaleFacts as e:
        sys.stderr.write(f"generate-compatibility: docs/compatibility.yaml does not match botocore {version}'s models:\n")
        for problem in e.problems:
            sys.stderr.write(f"  {problem}\n")
        sys.stderr.write("Fix or remove these facts, then rerun: " + COMMAND + "\n")
        return 2
    text = render(services, version, facts)

    rows = [r for s in services for op in s["operations"] for r in op["request"] + op["response"]]
    unreviewed = sum(1 for r in rows if r["note"] == NOT_REVIEWED)
    summary = (f"{sum(len(s['operations']) for s in services)} operations, {len(rows)} members"
               f" ({unreviewed} not reviewed)")
    if args.check:
        try:
            with open(TARGET, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if current == text:
            print(f"docs/compatibility.md is up to date (botocore {version}; {summary})")
            return 0
        diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(), "docs/compatibility.md", "generated", lineterm="", n=1))
        print(f"docs/compatibility.md is out of date with docs/compatibility.yaml and botocore {version}; run: {COMMAND}")
        print("\n".join(diff[:60]))
        if len(diff) > 60:
            print(f"... ({len(diff) - 60} more diff lines)")
        return 1
    with open(TARGET, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote docs/compatibility.md from botocore {version}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
