"""``trialint lint --scheduler``: the lint of a local run, its partitions checked on a Dask
cluster's workers.

The client lists and partitions the inputs (``cluster.partitions``); each partition is one
task, whose worker checks it with a :class:`~trialint.lint.runner.Linter` it builds once per
run and keeps (``_worker_linter``, as ``runner._start_worker`` does for the local pool) from
the run's :class:`RunSpec`: the same reference date, configuration and baseline as the
client's. The spec travels with every task (a few hundred bytes), so a worker that replaces
a dead one needs nothing sent to it first.

Two ways back:

- :func:`check_items` streams each file's report back in input order, with a bounded number
  of partitions in flight, as ``Linter._checked`` does with its process pool: every report
  format prints what a local run prints, and the baseline is applied on the client, stale
  entries told as locally.
- :func:`write_dataset` has each partition write its findings to a dataset
  (``cluster.dataset``) and send back only its counts (:class:`PartitionOutcome`): billions
  of findings never pass through the client. The baseline then hides findings on the
  workers; an entry names one file and a file lies in one partition, so each partition's
  stale entries add up to the run's, except a large list's, whose slices each say what they
  know of its entries (``baseline.FileShare``), joined on the client.

A large JSON list is checked in slices (``cluster.partitions.Slice``): each slice's worker
sends back its elements' reports, not yet numbered, and the client joins a file's slices
into the parts one machine gives (``runner.held_until_a_study``, ``runner.numbered``). In a
dataset, each slice writes its own elements' findings; the one difference from a local run:
a list of 8 MB or more found by a folder search that holds no study at all is passed over
locally, and its entries' findings are written by a dataset run (no slice knows whether
another holds a study).

A worker that dies is Dask's to handle: the scheduler gives its tasks to another worker
(``distributed.scheduler.allowed-failures`` times). A partition that fails all the same is
not a traceback: each of its inputs is reported as not checked, with the reason, and the run
goes on (exit code 2, as for an unreadable file).
"""

from __future__ import annotations

import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import count, islice
from typing import TYPE_CHECKING, Any, TypeVar

from trialint.cluster.dataset import (
    FORMATS,
    DatasetFormat,
    prepare,
    shared,
    write_manifest,
    write_part,
)
from trialint.cluster.partitions import SLICE_BYTES, Item, Slice, partitions
from trialint.config import Config, ConfigError
from trialint.document.stream import Checkpoint
from trialint.lint.baseline import Baseline, BaselineMatch, FileShare
from trialint.lint.engine import Context
from trialint.lint.outcome import FileReport, RunSummary
from trialint.lint.runner import ElementReport, Linter, held_until_a_study, numbered
from trialint.report.json_report import finding_to_dict
from trialint.sources.inputs import Input, open_paths
from trialint.sources.problems import InputProblem
from trialint.version import __version__

if TYPE_CHECKING:
    from distributed import Client, Future

# Files per partition when reports come back: enough that a task's overhead (milliseconds)
# is small beside checking it, few enough that the reports in flight stay few.
PARTITION_FILES = 64
# When findings go to a dataset only counts come back, and each partition is a file of the
# dataset: larger partitions, fewer and larger parts (DuckDB and Spark read those faster).
DATASET_PARTITION_FILES = 1000
# Partitions given to the scheduler ahead of the one being reported, per worker thread.
AHEAD_PER_THREAD = 4
# A task that raises (not one whose worker died: that is Dask's allowed-failures) is tried
# again this many times: a store that failed once may answer the second time.
RETRIES = 1
# The columns of the findings dataset: each finding as ``--output-format json`` writes it
# (the Python API's Finding: file is its path, rule its name), fix and related as JSON text.
COLUMNS: dict[str, type] = {
    "file": str, "line": int, "column": int, "end_line": int, "end_column": int, "code": str,
    "rule": str, "severity": str, "message": str, "pointer": str, "study": str, "fix": str,
    "related": str,
}  # fmt: skip

T = TypeVar("T")


@dataclass(frozen=True)
class RunSpec:
    """What a worker builds a run's linter from: the client's context (reference date,
    curator words) and configuration, and its baseline as loaded (a worker need not see the
    file). ``token`` names the run: a worker keeps one linter per token."""

    token: str
    context: Context
    config: Config
    baseline: Baseline | None

    @classmethod
    def of(cls, linter: Linter) -> RunSpec:
        config = replace(linter.config, baseline=None)
        return cls(uuid.uuid4().hex, linter.base_context, config, linter.baseline)


# In each worker process: the linters of the latest runs, by token (a long-lived cluster
# serves many runs; each linter holds its rules and schema, so only a few are kept).
_LINTERS: dict[str, Linter] = {}
_KEPT = 4
_BUILDING = threading.Lock()  # a worker may run several tasks at once, in threads


def _worker_linter(spec: RunSpec) -> Linter:
    with _BUILDING:
        linter = _LINTERS.get(spec.token)
        if linter is None:
            while len(_LINTERS) >= _KEPT:
                del _LINTERS[next(iter(_LINTERS))]
            linter = _LINTERS[spec.token] = Linter(spec.context, spec.config)
            linter.baseline = spec.baseline
        return linter


# What a slice of a large collection gives back (``Linter.slice_reports``): its elements'
# reports, not yet numbered, or the whole file's report (a file that is no collection).
SliceResult = list[ElementReport] | FileReport


def lint_partition(
    spec: RunSpec, items: Sequence[Item], bounds: SliceBounds = (None, None)
) -> list[FileReport] | SliceResult:
    """A partition's reports, in order, the baseline not applied (the client applies it);
    a slice's as ``Linter.slice_reports`` gives them (the client joins a file's slices)."""
    linter = _worker_linter(spec)
    if len(items) == 1 and isinstance(items[0], Slice):
        return _slice_result(linter, items[0], bounds)
    return [report for item in items for report in linter.reports_of(_whole(item))]


# Where a slice starts and where the next one does (``find_checkpoint``; None: at the file's
# start for the first slice, at its end for the last).
SliceBounds = tuple[Checkpoint | None, Checkpoint | None]


def find_checkpoint(
    item: Input, after: Checkpoint | None, boundary: int, *, first: bool
) -> Checkpoint | None:
    """Where the first element at or after byte ``boundary`` of a large collection starts,
    read on from the checkpoint before (``document.stream.checkpoint``): one such task per
    slice, chained, scans the file once, and each slice's task starts as soon as its own
    and the next one's are known. None: no element starts there (nor in a later slice)."""
    from trialint.document.stream import checkpoint
    from trialint.sources.problems import InputError

    if after is None and not first:
        return None  # the file ended before the slice before
    try:
        with item.open() as stream:
            return checkpoint(stream, item.name, after, boundary)
    except InputError:
        return None  # the first slice, which reads from the start, reports it


def _slice_result(linter: Linter, part: Slice, bounds: SliceBounds) -> SliceResult:
    start, end = bounds
    return linter.slice_reports(part.input, start, end, first=part.first)


def _whole(item: Item) -> Input | InputProblem:
    assert not isinstance(item, Slice)  # a slice is a partition alone
    return item


def _partition_reports(
    linter: Linter, items: Sequence[Item], bounds: SliceBounds
) -> Iterator[FileReport]:
    """A partition's reports to count and write: a slice's element reports numbered so that
    the file counts once (its first slice's first part), as one machine counts it."""
    if not (len(items) == 1 and isinstance(items[0], Slice)):
        for item in items:
            yield from linter.reports_of(_whole(item))
        return
    part = items[0]
    result = _slice_result(linter, part, bounds)
    if isinstance(result, FileReport):
        yield result
        return
    first = part.first
    if first and not result:
        yield FileReport(part.name)  # a collection with no element: one file, as locally
    for number, (report, _) in enumerate(result):
        report.part = 0 if first and number == 0 else 1
        yield report


@dataclass
class PartitionOutcome:
    """What a partition written to the dataset sends back: its counts, and how many entries
    of the baseline matched nothing in it; a slice, which entries (another slice of the file
    may have matched them: the client keeps those that no slice did)."""

    summary: RunSummary = field(default_factory=RunSummary)
    stale: int = 0
    share: FileShare | None = None  # a slice's: what it knows of its file's entries


def write_partition(
    spec: RunSpec,
    number: int,
    items: Sequence[Item],
    prefix: str,
    fmt: DatasetFormat,
    bounds: SliceBounds = (None, None),
) -> PartitionOutcome:
    """Check a partition, write its findings as part ``number`` of the dataset, and return
    its counts. The part is written even when empty: every partition has its file."""
    linter = _worker_linter(spec)
    match = linter.baseline_match()
    outcome = PartitionOutcome()
    rows: list[dict[str, Any]] = []
    for report in _partition_reports(linter, items, bounds):
        if match is not None:
            match.apply(report)
        outcome.summary.add(report)
        rows.extend(finding_to_dict(finding) for finding in report.findings)
    write_part(prefix, number, rows, COLUMNS, fmt)
    if match is not None:
        if isinstance(items[0], Slice):
            outcome.share = match.share_of(items[0].name)
        else:
            outcome.stale = len(match.stale())
    return outcome


# --- the client ------------------------------------------------------------------------------


def check_paths(
    client: Client,
    linter: Linter,
    arguments: Sequence[str],
    *,
    baseline: BaselineMatch | None = None,
    partition_files: int = PARTITION_FILES,
    slice_bytes: int = SLICE_BYTES,
) -> Iterator[FileReport]:
    """:meth:`Linter.check_paths` on the cluster: paths (on a file system the workers share)
    and fsspec URLs, listed here, checked there."""
    with open_paths(list(arguments), exclusions=linter.exclusions()) as inputs:
        sizes = {"partition_files": partition_files, "slice_bytes": slice_bytes}
        yield from check_items(client, linter, inputs, baseline=baseline, **sizes)


def check_items(
    client: Client,
    linter: Linter,
    items: Iterable[Input | InputProblem],
    *,
    baseline: BaselineMatch | None = None,
    partition_files: int = PARTITION_FILES,
    slice_bytes: int = SLICE_BYTES,
) -> Iterator[FileReport]:
    """Each report of ``items``, in order, checked on the cluster; the baseline hides what it
    lists, through ``baseline`` when given (default: a match of the linter's own)."""
    spec = RunSpec.of(linter)
    match = baseline or linter.baseline_match()
    batches = partitions(items, partition_files, slice_bytes)
    tasks = ((batch, (spec, batch, bounds)) for batch, bounds in _bounded(client, spec, batches))
    for report in _assembled(_in_order(client, spec, tasks, "lint", lint_partition)):
        if match is not None:
            match.apply(report)
        yield report


_Done = tuple[list[Item], "list[FileReport] | SliceResult | Exception"]


def _assembled(results: Iterator[_Done]) -> Iterator[FileReport]:
    """The partitions' reports in order, the slices of a large file joined into its parts as
    one machine reads them (``runner.held_until_a_study``, ``runner.numbered``)."""
    for batch, result in results:
        if isinstance(result, Exception):
            yield from _not_checked(batch, result)
        elif len(batch) == 1 and isinstance(batch[0], Slice):
            yield from _joined_slices(batch[0], result, results)
        else:
            yield from result  # type: ignore[misc]  # a partition of files: its reports


def _joined_slices(
    first: Slice, result: list[FileReport] | SliceResult, results: Iterator[_Done]
) -> Iterator[FileReport]:
    """A sliced file's reports, its following slices taken from ``results`` as needed."""
    if isinstance(result, FileReport):  # no collection: the first slice read it whole
        yield result
        for _ in _following(first, results):
            pass  # the others read nothing
        return

    def elements() -> Iterator[ElementReport]:
        yield from _element_reports(first, result)
        for part, done in _following(first, results):
            yield from _element_reports(part, done)

    yield from numbered(held_until_a_study(elements(), first.input), first.name)


def _following(first: Slice, results: Iterator[_Done]) -> Iterator[tuple[Slice, Any]]:
    """The slices of ``first``'s file after it, each with its result."""
    part = first
    while part.end is not None:
        batch, done = next(results)
        following = batch[0]
        assert isinstance(following, Slice)
        yield following, done
        part = following


def _element_reports(part: Slice, done: Any) -> list[ElementReport]:
    """A slice's element reports; one that failed, its file's error."""
    if isinstance(done, Exception):
        return [(report, False) for report in _not_checked([part], done)]
    assert isinstance(done, list)
    return done


@dataclass
class DatasetRun:
    """A dataset run's outcome on the client: its counts, the baseline's stale entries, and
    how many parts it wrote."""

    summary: RunSummary
    stale: int
    parts: int


def write_dataset(
    client: Client,
    linter: Linter,
    arguments: Sequence[str],
    prefix: str,
    fmt: DatasetFormat = "jsonl",
    *,
    partition_files: int = DATASET_PARTITION_FILES,
    slice_bytes: int = SLICE_BYTES,
    progress: Callable[[int], None] | None = None,
) -> DatasetRun:
    """Lint ``arguments`` on the cluster, each partition writing its findings under
    ``prefix``; the manifest is written last. ``progress`` is told the studies of each
    partition as it is done. Raises DatasetError when the prefix cannot be used."""
    if fmt not in FORMATS:
        raise ValueError(f"no dataset format {fmt!r}: {', '.join(FORMATS)}")
    prefix = shared(prefix)  # as the workers, in folders of their own, name it
    prepare(prefix)
    spec = RunSpec.of(linter)
    run = DatasetRun(RunSummary(), 0, 0)
    shares: list[FileShare] = []  # of a sliced file, what each slice so far knows of its entries
    with open_paths(list(arguments), exclusions=linter.exclusions()) as inputs:
        batches = _bounded(client, spec, partitions(inputs, partition_files, slice_bytes))
        tasks = (
            (batch, (spec, number, batch, prefix, fmt, bounds))
            for number, (batch, bounds) in enumerate(batches)
        )
        for batch, result in _in_order(client, spec, tasks, "write", write_partition):
            if isinstance(result, PartitionOutcome):
                run.summary.merge(result.summary)
                run.stale += result.stale
                if result.share is not None:  # a slice: its file's entries are known at its last
                    shares.append(result.share)
                    if batch[0].end is None:  # type: ignore[union-attr]
                        run.stale += len(FileShare.joined(shares))
                        shares = []
                run.parts += 1
                if progress is not None:
                    progress(result.summary.studies)
            else:
                for report in _not_checked(batch, result):
                    run.summary.add(report)
    write_manifest(prefix, _manifest(run, fmt, linter))
    return run


def _manifest(run: DatasetRun, fmt: DatasetFormat, linter: Linter) -> dict[str, Any]:
    summary = run.summary
    return {
        "trialint": __version__,
        "today": linter.context.today.isoformat(),
        "format": fmt,
        "parts": run.parts,
        "files": summary.files,
        "studies": summary.studies,
        "findings": summary.findings,
        "severities": {str(level): count for level, count in sorted(summary.severities.items())},
        "hidden_by_baseline": summary.hidden_by_baseline,
        "not_checked": summary.errors,
        "passed_over": summary.passed_over,
    }


# --- scheduling ------------------------------------------------------------------------------


def _bounded(
    client: Client, spec: RunSpec, batches: Iterable[list[Item]]
) -> Iterator[tuple[list[Item], SliceBounds]]:
    """Each partition with the bounds its slice needs, if it is one, found on the cluster by
    the chain of ``find_checkpoint`` tasks. A slice is handed on once its end is known, with
    the checkpoints themselves, not their futures: a task that needs another's result is
    placed where that result is, and the chain's results all are on one worker, which would
    then get every slice."""
    start: Checkpoint | None = None  # the current slice's first element; None: the file's start
    numbers = count()
    for batch in batches:
        part = batch[0] if len(batch) == 1 else None
        if not isinstance(part, Slice):
            yield batch, (None, None)
            continue
        if part.first:
            start = None
        end = None
        if part.end is not None:
            future = client.submit(
                find_checkpoint, part.input, start, part.end,
                first=part.first, key=f"trialint-scan-{spec.token}-{next(numbers)}",
                retries=RETRIES, pure=False,
            )  # fmt: skip
            try:
                end = future.result()
            except Exception:  # a worker lost too often: this slice reads on to the end
                end = None
        yield batch, (start, end)
        start = end


def _in_order(
    client: Client,
    spec: RunSpec,
    tasks: Iterator[tuple[list[Item], tuple[Any, ...]]],
    kind: str,
    function: Callable[..., T],
) -> Iterator[tuple[list[Item], T | Exception]]:
    """Each task's batch and the result of ``function(*arguments)`` (or the exception that
    ended it), in the order given, with a bounded number of tasks on the cluster at a time.
    Tasks not yet reported are cancelled if the reader stops early (a closed pipe, an
    interrupt). Each task's key names the run, for the dashboard."""
    ahead = max(sum(client.nthreads().values()), 1) * AHEAD_PER_THREAD
    pending: deque[tuple[list[Item], Future[T]]] = deque()
    numbers = count()

    def submit(task: tuple[list[Item], tuple[Any, ...]]) -> None:
        batch, arguments = task
        key = f"trialint-{kind}-{spec.token}-{next(numbers)}"
        future = client.submit(function, *arguments, key=key, retries=RETRIES, pure=False)
        pending.append((batch, future))

    try:
        for task in islice(tasks, ahead):
            submit(task)
        while pending:
            batch, future = pending.popleft()
            try:
                result: T | Exception = future.result()
            except ConfigError:
                raise  # a configuration file that cannot be used ends the run, as locally
            except Exception as error:  # a worker lost too often, storage refusing a part
                result = error
            following = next(tasks, None)
            if following is not None:
                submit(following)
            yield batch, result
    finally:
        if pending:
            client.cancel([future for _, future in pending])


def _not_checked(batch: list[Item], error: Exception) -> list[FileReport]:
    """The reports of a partition the cluster could not check: each input an error (each
    problem of the listing its own), as an unreadable file is."""
    reason = f"not checked: its partition failed on the cluster: {type(error).__name__}: {error}"
    return [
        FileReport(item.where, errors=[item.message], counted=False)
        if isinstance(item, InputProblem)
        else FileReport(item.name, errors=[reason])
        for item in batch
    ]
