"""The harness's vocabulary: a workload generates cases, and its contenders are timed side by side on each case."""
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ContextManager, Mapping, Protocol, Sequence


@dataclass(frozen=True)
class Case:
    """One input that every contender of a workload runs on; a group of rows in the results table.

    ``name`` identifies the case in progress messages (for validate: ``chain/100``). ``params`` describe the input
    and become the table's leading columns, in order (for validate: shape, steps, bytes). ``inputs`` fill the
    ``{field}`` placeholders of the contenders' argv templates (for validate: ``{file}``). ``only``, if set, names the
    contenders that run this case (by label); the others have no row in it (for serve-latency: moto runs only at the
    rate it can sustain).
    """

    name: str
    params: Mapping[str, object]
    inputs: Mapping[str, str]
    only: frozenset[str] | None = None


@dataclass(frozen=True)
class Contender:
    """A labelled command, timed on every case of its workload.

    ``argv`` is a template: each element is formatted with the case's inputs plus ``{repo}`` (the repository root),
    ``{bench}`` (the bench directory) and ``{scratch}`` (a fresh empty directory for this run alone, deleted after
    it); ``argv[0]`` may use only ``{repo}`` and ``{bench}``, so it can be checked before setup.
    Standard output is discarded, as ``> /dev/null`` would, unless ``metrics`` is set: then it goes to a file, and
    ``metrics(text, case)`` reads named figures from it (for engine: the execution's own duration and steps per
    second), raising ``ValueError`` or ``KeyError`` if it cannot. Every run must exit with ``expected_exit``; the
    harness checks this once per case before timing and again on every timed run. ``precheck``, an argv template
    like ``argv``, runs once per case before that check and must exit 0 (for engine: ``sluice validate`` of the
    definition).
    A timed run whose standard error contains ``discard_if`` measured something else (the sluice launcher announces
    a rebuild of the CLI this way); it is discarded and run again.
    ``server``, if set, makes the contender a client of a server that runs during the case (for serve: wrk against
    ``sluice serve`` or moto): ``server(case, place)`` returns a context manager that starts and prepares the server
    before the case's precheck and stops it after the case's runs; see ``Server``.
    """

    label: str
    argv: Sequence[str]
    measures: str
    expected_exit: int = 0
    discard_if: str | None = None
    metrics: Callable[[str, Case], Mapping[str, float]] | None = None
    precheck: Sequence[str] | None = None
    server: "Callable[[Case, ServerPlace], ContextManager[Server]] | None" = None


@dataclass(frozen=True)
class ServerPlace:
    """Where a contender's server runs: the tree to run (``--at`` or the working tree), the bench directory, an empty
    directory of its own for the case (data, log; deleted after it), and whether this is a ``--quick`` run."""

    repo: Path
    bench: Path
    directory: Path
    quick: bool


class Server(Protocol):
    """A running server, as a contender's ``server`` context manager yields it once the server is ready.

    ``inputs`` fill placeholders of the contender's argv templates besides the case's (for serve: ``{url}``, the
    ``{arn}`` of a stored execution, the wrk ``{duration}``). ``figures()``, called after the case's runs and before
    the server stops, returns named figures of the server itself (for serve: its peak RSS), shown as columns.
    """

    inputs: Mapping[str, str]

    def figures(self) -> Mapping[str, float]: ...


@dataclass(frozen=True)
class Workload:
    """A named benchmark: ``setup(work_dir, sizes)`` writes its inputs under ``work_dir`` and returns the cases.

    The first contender is the baseline that the table's "× baseline" column divides by. ``sizes`` are what the
    workload scales with (for validate: step counts); ``--sizes`` overrides them and ``--quick`` uses ``quick_sizes``.
    A workload may leave ``sizes`` empty and choose its default cases itself when ``setup`` receives no sizes.
    ``derived``, if set, computes figures from a case's medians once its runs are done, for columns that compare
    contenders or scale a median (for jobs: milliseconds per step, and each contender's per-step cost over the
    baseline's): ``derived(case, medians)`` gets, per contender label, ``Wall ms`` and the median of each of its
    ``metrics``, and returns, per label, named figures (a label may be left out).
    ``prepare``, if set, runs once before the contenders are chosen, to install what they need (for serve: wrk).
    ``process_columns`` false leaves the contenders' own wall time and max RSS out of the table (they stay in the
    JSON): for a load generator such as wrk they say nothing, and the table shows the median and min–max of each
    figure its ``metrics`` report instead.
    """

    name: str
    description: str
    setup: Callable[[Path, Sequence[int]], list[Case]]
    contenders: Sequence[Contender]
    sizes: Sequence[int]
    quick_sizes: Sequence[int]
    derived: Callable[[Case, Mapping[str, Mapping[str, float]]], Mapping[str, Mapping[str, float]]] | None = None
    prepare: Callable[[], None] | None = None
    process_columns: bool = True
