"""Turns workload results into the JSON report, renders it as markdown, and writes both."""
import json
import os
import shlex
from datetime import datetime
from pathlib import Path
from typing import Callable, Sequence

from harness.measure import summarize
from harness.model import Case
from harness.runner import CaseResult, WorkloadResult

STAT_COLUMNS = ["Contender", "Wall ms (median)", "Wall ms (min–max)", "Max RSS MiB (median)",
                "Max RSS MiB (min–max)", "Wall × baseline"]


def build(results: Sequence[WorkloadResult], machine: dict, runs: int, rss_floor_kib: int,
          started: datetime, finished: datetime) -> dict:
    """The JSON report: when, where, how many runs, the RSS floor, and every sample with its median, min and max."""
    return {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 1),
        "runs": runs,
        "rss_floor_kib": rss_floor_kib,
        "machine": machine,
        "workloads": [workload_json(result) for result in results],
    }


def workload_json(result: WorkloadResult) -> dict:
    """One workload's contenders (with their argv templates), skipped contenders and cases."""
    return {
        "name": result.workload.name,
        "description": result.workload.description,
        "process_columns": result.workload.process_columns,
        "contenders": [{"label": c.label, "argv": list(c.argv), "measures": c.measures} for c in result.contenders],
        "skipped": result.skipped,
        "cases": [case_json(case, result.workload.derived) for case in result.cases],
    }


def case_json(result: CaseResult, derived: Callable | None = None) -> dict:
    """One case's params and, per contender, wall milliseconds and max RSS KiB: summary plus raw samples.

    A contender whose runs report figures of their own (``metrics``) also gets ``metrics``: name to summary and
    samples. A contender with a server gets ``server``: its server's figures by name. With the workload's
    ``derived`` function, a contender it returns figures for gets ``derived``: name to value, computed from the
    medians. A contender that failed on this case has only ``failed``: the reason.
    """
    contenders = {}
    for label, runs in result.runs.items():
        if label in result.failed:
            continue
        wall_ms = [round(r.wall_s * 1000, 2) for r in runs]
        rss_kib = [r.max_rss_kib for r in runs]
        contenders[label] = {
            "wall_ms": {**summarize(wall_ms), "samples": wall_ms},
            "max_rss_kib": {**summarize(rss_kib), "samples": rss_kib},
        }
        names = [name for name in runs[0].metrics] if runs else []
        if names:
            contenders[label]["metrics"] = {name: metric_json([r.metrics[name] for r in runs]) for name in names}
        if label in result.server:
            contenders[label]["server"] = {name: round(value, 3) for name, value in result.server[label].items()}
    if derived is not None:
        add_derived(result.case, contenders, derived)
    contenders = {label: {"failed": result.failed[label]} if label in result.failed else contenders[label]
                  for label in result.runs}
    return {"name": result.case.name, "params": dict(result.case.params), "load_average": result.load_average,
            "results": contenders}


def add_derived(case: Case, contenders: dict, derived: Callable) -> None:
    """Adds the workload's figures computed from this case's medians (wall time and each metric) to ``contenders``."""
    medians = {label: {"Wall ms": result["wall_ms"]["median"],
                       **{name: metric["median"] for name, metric in result.get("metrics", {}).items()}}
               for label, result in contenders.items()}
    for label, figures in derived(case, medians).items():
        if figures:
            contenders[label]["derived"] = {name: round(value, 3) for name, value in figures.items()}


def metric_json(samples: Sequence[float]) -> dict:
    """A metric's summary and samples, rounded to what its table cell can show."""
    rounded = [round(value, 3) for value in samples]
    return {**summarize(rounded), "samples": rounded}


def to_markdown(report: dict) -> str:
    """The report as markdown: a header describing the run, then one table per workload."""
    lines = ["# Sluice benchmarks", "", *header_lines(report)]
    for workload in report["workloads"]:
        lines += ["", f"## {workload['name']}", "", workload["description"], "", *table_lines(workload), ""]
        lines += [f"- **{c['label']}**: {c['measures']} `{command_line(c['argv'])}`" for c in workload["contenders"]]
        lines += [f"- *{label}* was skipped: {reason}." for label, reason in workload["skipped"].items()]
        lines += [f"- *{label}* failed on {case['name']} (n/a): {first_line(result['failed'])}"
                  for case in workload["cases"] for label, result in case["results"].items() if "failed" in result]
    return "\n".join(lines) + "\n"


def header_lines(report: dict) -> list[str]:
    """The bullet list that says when, on what machine and at which commit the numbers were taken."""
    machine = report["machine"]
    loads = [case["load_average"] for workload in report["workloads"] for case in workload["cases"]]
    peak_load = f", {max(loads)} at most after a case" if loads else ""
    source = {"git archive": "an export of it (--at)", "working tree": "the working tree"}[machine["source"]]
    modified = ", which differed from it outside bench/" if machine["modified"] else ""
    dotnet = f", .NET SDK {machine['dotnet']}" if machine["dotnet"] else ""
    return [
        f"- Date: {report['started']} (the run took {report['seconds']:.0f} s)",
        f"- Commit: `{machine['commit'][:12]}`, measured in {source}{modified}",
        f"- Machine: {machine['cpu']}, {machine['nproc']} CPUs (nproc), {machine['memory_gib']} GiB RAM, "
        f"{machine['os']}; 1-minute load average {machine['load_average']} at the start{peak_load}",
        f"- Tools: Python {machine['python']}{dotnet}",
        f"- Method: {report['runs']} timed runs per contender and case (median, with min–max), after one untimed "
        "check run that must exit as expected; contenders take turns. Wall time is the whole process; max RSS is "
        "`ru_maxrss` from `os.wait4` (the largest process in the tree), and no run can report less than the "
        f"{report['rss_floor_kib'] / 1024:.1f} MiB that `true` does. See bench/README.md.",
    ]


def table_lines(workload: dict) -> list[str]:
    """A markdown table: the case params on each case's first row, then one row of statistics per contender.

    A contender that failed on a case gets a row of n/a. Without ``process_columns`` the contenders' own wall time
    and max RSS are left out and each of their metrics gets one column, its median with the min–max in brackets.
    """
    if not workload["cases"]:
        return ["(no cases ran)"]
    params = list(workload["cases"][0]["params"])
    process = workload.get("process_columns", True)
    metrics, server = metric_names(workload, "metrics"), metric_names(workload, "server")
    derived = metric_names(workload, "derived")
    if process:
        columns = STAT_COLUMNS + [f"{name} (median)" for name in metrics] + server + derived
    else:
        columns = ["Contender"] + [f"{name} (median, min–max)" for name in metrics] + server + derived
    lines = [row(params + columns), row(["---"] * len(params) + ["---"] + ["---:"] * (len(columns) - 1))]
    for case in workload["cases"]:
        measured = [result for result in case["results"].values() if "failed" not in result]
        baseline = measured[0]["wall_ms"]["median"] if measured else None
        for index, (label, result) in enumerate(case["results"].items()):
            cells = [cell(v) for v in case["params"].values()] if index == 0 else [""] * len(params)
            if "failed" in result:
                lines.append(row(cells + [label] + ["n/a"] * (len(columns) - 1)))
                continue
            figures = stat_cells(result, baseline) + metric_cells(result, metrics) if process \
                else metric_range_cells(result, metrics)
            lines.append(row(cells + [label, *figures, *figure_cells(result, "server", server),
                                      *figure_cells(result, "derived", derived)]))
    return lines


def metric_names(workload: dict, kind: str) -> list[str]:
    """The names of the figures of ``kind`` (``metrics`` or ``derived``) any contender has on any case of the
    workload, in first-seen order."""
    names: dict[str, None] = {}
    for case in workload["cases"]:
        for result in case["results"].values():
            names.update(dict.fromkeys(result.get(kind, {})))
    return list(names)


def metric_cells(result: dict, names: Sequence[str]) -> list[str]:
    """The median of each named figure, or a dash where this contender did not report it."""
    reported = result.get("metrics", {})
    return [number(reported[name]["median"]) if name in reported else "—" for name in names]


def metric_range_cells(result: dict, names: Sequence[str]) -> list[str]:
    """The median of each named figure with its min–max in brackets (only the median when all runs agree), or a
    dash where this contender did not report it."""
    cells = []
    for name in names:
        summary = result.get("metrics", {}).get(name)
        if summary is None:
            cells.append("—")
        elif summary["min"] == summary["max"]:
            cells.append(number(summary["median"]))
        else:
            cells.append(f"{number(summary['median'])} ({number(summary['min'])}–{number(summary['max'])})")
    return cells


def figure_cells(result: dict, kind: str, names: Sequence[str]) -> list[str]:
    """Each named single figure of ``kind`` (``server``: the contender's server; ``derived``: computed from the
    medians), or a dash where this contender has none."""
    figures = result.get(kind, {})
    return [number(figures[name]) if name in figures else "—" for name in names]


def number(value: float) -> str:
    """A figure with thousands separators: one decimal below 1,000, none from there on, and none for a count (an
    ``int``, such as a number of errors or bytes)."""
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"


def stat_cells(result: dict, baseline_ms: float | None) -> list[str]:
    """Median and range of wall time and max RSS (in MiB), and the wall median relative to the baseline's (the
    first contender that did not fail)."""
    wall, rss = result["wall_ms"], result["max_rss_kib"]
    return [
        f"{wall['median']:,.1f}",
        f"{wall['min']:,.1f}–{wall['max']:,.1f}",
        f"{rss['median'] / 1024:,.1f}",
        f"{rss['min'] / 1024:,.1f}–{rss['max'] / 1024:,.1f}",
        f"{wall['median'] / baseline_ms:.2f}×" if baseline_ms else "—",
    ]


def first_line(text: str) -> str:
    """The first line of a (possibly long) error message, for a table footnote; the JSON has all of it."""
    return text.strip().splitlines()[0] if text.strip() else "(no message)"


def command_line(argv: Sequence[str]) -> str:
    """An argv template as a shell would read it, quoting only the parts with spaces so ``{file}`` stays legible."""
    return " ".join(shlex.quote(part) if " " in part else part for part in argv)


def cell(value: object) -> str:
    """A table cell: integers with thousands separators, anything else as text."""
    return f"{value:,}" if isinstance(value, int) else str(value)


def row(cells: Sequence[str]) -> str:
    """One markdown table row."""
    return "| " + " | ".join(cells) + " |"


def write(report: dict, markdown: str, directory: Path) -> list[Path]:
    """Writes latest.{md,json} and a copy named after the start time and commit; returns the paths written."""
    stamp = datetime.fromisoformat(report["started"]).strftime("%Y%m%dT%H%M%SZ")
    stem = f"{stamp}-{report['machine']['commit'][:7]}"
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    paths = []
    for name in ("latest", stem):
        paths.append(write_atomically(directory / f"{name}.md", markdown))
        paths.append(write_atomically(directory / f"{name}.json", text))
    return paths


def write_atomically(path: Path, text: str) -> Path:
    """Writes ``text`` to a .tmp sibling and renames it over ``path``, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return path
