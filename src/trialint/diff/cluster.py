"""``trialint diff`` on a Dask cluster: two snapshots, or many in date order, shuffled by nctId.

One machine diffs a snapshot pair by indexing the old side and streaming the new one
(``diff.snapshot``). A cluster splits that in two rounds, the way a shuffle does:

- **map** (a task per group of files): the client lists the snapshots' files without reading
  them (``Side.inputs``) and groups the files of the same name in a window of snapshots
  (``_groups``); a worker reads them snapshot after snapshot, a file whose bytes are those of
  the snapshot before known by its hash and not parsed (``Twins``, as a local run spares
  it), and returns, per bucket ``crc32(nctId) % buckets``, the references of its studies
  (nctId, fingerprint, where to read it again: a :class:`StudyRef`, pickled without its
  parsed files), each with its place in its snapshot's file order, and its read problems.
- **reduce** (a task per bucket): gets its bucket's references from every map task (Dask
  moves them from worker to worker: the client never holds the registry), keeps each nctId's
  first version per snapshot (as a side does; the others are duplicates), and runs the very
  :class:`SnapshotDiff` of a local run over each step of the sequence, the old side given as
  an :class:`Index`, the new streamed. Equal fingerprints are not compared; the others are
  read again on the worker. With ``--lint`` the history rules run there too, over each study's
  versions across all snapshots (as ``_Versions`` gathers them locally).

The client puts the buckets' StudyDiffs back in the local run's order (the new side's file
order, then the removed studies in the old side's) and adds their counts up, so every report
prints what a local run prints. With a dataset (``--events-dataset``) each bucket writes its
events itself (``dataset.write_part``) and returns only counts.

Files are the unit of a map task: a large JSON list in one file is read by one worker.

This module is the diff's (``trialint.diff``), not the cluster package's: the diff command
runs it, and ``trialint.cluster`` (connecting, datasets, the lint) never imports the diff, so
neither package imports one that imports it back.
"""

from __future__ import annotations

import json
import operator
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trialint.cluster.dataset import DatasetFormat, write_part
from trialint.diff.inputs import Side, StudyRef, Twins, duplicate, file_name
from trialint.diff.model import NotCompared, Significance, StudyDiff
from trialint.diff.report import Tally
from trialint.diff.snapshot import DiffSummary, Index, diff_sides
from trialint.sources.inputs import DiskInput, Input, Inputs, ZipInput
from trialint.sources.problems import InputProblem

if TYPE_CHECKING:
    from distributed import Client, Future

    from trialint.config import Config
    from trialint.diff.versions import Versions
    from trialint.finding import Finding
    from trialint.lint.engine import Context

# Files per map task: enough to outweigh a task's cost (~1 ms on the scheduler), few enough
# that a registry's 560,000 files keep every worker busy.
BATCH_FILES = 1000
# Snapshots whose files of the same name one map task reads in turn: a file unchanged since the
# snapshot before is then not parsed again. The first of each window is parsed whole.
WINDOW = 32
# Buckets per worker: a bucket's task holds its share of every snapshot's references.
BUCKETS_PER_WORKER = 4

# A file of a snapshot, where its listing has it: (snapshot, batch, number in the batch, input).
FileAt = tuple[int, int, int, Input]
# Where a study or a problem is in its snapshot's reading order: (batch, file in the batch,
# phase, number). Phase -1: a problem of the listing before that file; 0: the file's own
# references and problems; 1: a duplicate found across files (after the file's own).
Place = tuple[int, int, int, int]
# A change or study not compared, in the local run's order: (0, new place) for the studies
# of the new side, (1, old place) for those only the old side has.
Order = tuple[int, Place]

# The columns of an events dataset: the JSON report's fields of a change, with its step.
EVENT_COLUMNS: dict[str, type] = {
    "type": str, "step": int, "from": str, "to": str, "study": str, "module": str,
    "path": str, "kind": str, "significance": str, "old": str, "new": str, "note": str,
    "old_origin": str, "new_origin": str, "unreadable": str,
}  # fmt: skip


def bucket_of(nct_id: str, buckets: int) -> int:
    """The bucket of a study: the same in every process and run (Python's ``hash`` of a
    string is salted per process, so it would not do)."""
    return zlib.crc32(nct_id.encode()) % buckets


@dataclass(frozen=True)
class Entry:
    """A study of one snapshot, in a bucket: its reference and where it was read."""

    snapshot: int
    place: Place
    ref: StudyRef


@dataclass
class BatchFacts:
    """What a map task found besides references: its read problems, by place, and the files it
    could not read (by file name, as ``Side.unreadable``)."""

    snapshot: int
    problems: list[tuple[Place, InputProblem]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    file: tuple[int, int] = (0, 0)  # the file's batch and number in its snapshot's listing


@dataclass
class Snapshot:
    """A snapshot as the client lists it: its batches of files and what its listing met."""

    label: str
    single_file: bool
    batches: list[list[Input]]
    problems: list[tuple[Place, InputProblem]]  # paths that name nothing, unreadable archives
    unreadable_container: str | None


@dataclass
class Plan:
    """What every bucket task needs to know of the run, the same on every worker."""

    snapshots: list[tuple[str, bool, str | None]]  # label, single file, unreadable container
    include_derived: bool
    buckets: int
    history: tuple[Context, Config] | None = None  # --lint: the history rules' configuration
    shown: frozenset[Significance] | None = None  # dataset: the levels written
    dataset: tuple[str, DatasetFormat] | None = None  # prefix, format


@dataclass
class StepPart:
    """One step of the sequence in one bucket."""

    diffs: list[tuple[Order, StudyDiff]] = field(default_factory=list)
    not_compared: list[tuple[Order, NotCompared]] = field(default_factory=list)
    summary: DiffSummary = field(default_factory=DiffSummary)
    problems: list[tuple[Order, InputProblem]] = field(default_factory=list)  # comparing
    # Dataset runs: the changes written, counted, and those of levels not written.
    tally: Tally = field(default_factory=Tally)
    hidden: dict[str, int] = field(default_factory=dict)
    shown_unchanged: int = 0  # studies compared whose changes were all of hidden levels


@dataclass
class BucketResult:
    steps: list[StepPart]
    duplicates: list[tuple[int, Place, InputProblem]]  # snapshot, place, problem
    reread: list[tuple[int, InputProblem]]  # studies that could not be read again, by snapshot
    findings: list[Finding]  # history findings, configured but not yet hidden by a baseline
    history_problems: list[InputProblem]
    events: int = 0  # rows written to the dataset


@dataclass
class Step:
    """One step as the client has it, in the local run's order."""

    labels: tuple[str, str]
    diffs: list[StudyDiff]
    not_compared: list[NotCompared]
    summary: DiffSummary
    tally: Tally | None = None  # dataset runs: what was written, counted
    hidden: dict[str, int] = field(default_factory=dict)
    shown_unchanged: int = 0


@dataclass
class ClusterDiff:
    """A whole run: its steps, the snapshots' problems (each snapshot's in its reading order),
    the problems met comparing, and the history findings (not yet hidden by a baseline)."""

    steps: list[Step]
    problems: list[InputProblem]
    compare_problems: list[InputProblem]
    findings: list[Finding]
    history_problems: list[InputProblem]
    events: int = 0
    parts: int = 0


# --- on the client -----------------------------------------------------------------------------


def list_snapshot(side: Side, batch_files: int = BATCH_FILES) -> Snapshot:
    """The side's files in batches, in its reading order, without reading them."""
    batches: list[list[Input]] = [[]]
    problems: list[tuple[Place, InputProblem]] = []
    container: str | None = None
    archives: dict[str, Any] = {}  # path -> ZipArchive
    for item in side.inputs:
        if isinstance(item, InputProblem):
            problems.append(((len(batches) - 1, len(batches[-1]), -1, len(problems)), item))
            if item.hides_studies and container is None:
                container = item.where
            continue
        if len(batches[-1]) == batch_files:
            batches.append([])
        batches[-1].append(_absolute(item, archives))
    return Snapshot(side.label, side.single_file, batches, problems, container)


def _absolute(item: Input, archives: dict[str, Any]) -> Input:
    """The input with an absolute path, named as given: a worker does not run in the
    client's folder. The members of an archive share one archive, as they did."""
    if isinstance(item, DiskInput) and not Path(item.path).is_absolute():
        return DiskInput(item.name, str(Path(item.path).absolute()), found=item.found)
    if isinstance(item, ZipInput) and not Path(item.archive.path).is_absolute():
        from trialint.sources.zips import ZipArchive

        path = str(Path(item.archive.path).absolute())
        archive = archives.get(path)
        if archive is None:
            archive = archives[path] = ZipArchive(path, item.archive.name)
        return ZipInput(item.name, archive, item.member)
    return item


def diff_on_cluster(
    client: Client,
    sides: Sequence[Side],
    *,
    include_derived: bool = False,
    history: tuple[Context, Config] | None = None,
    dataset: tuple[str, DatasetFormat] | None = None,
    shown: frozenset[Significance] | None = None,
    batch_files: int | None = None,
    buckets: int | None = None,
) -> ClusterDiff:
    """Diff each step of ``sides`` (two snapshots or more, oldest first) on the cluster.

    ``history``: the context and configuration of the history rules (``--lint``);
    ``dataset``: the prefix and format the buckets write their events to (the levels of
    ``shown`` only), the StudyDiffs then staying on the workers."""
    files = batch_files or BATCH_FILES
    snapshots = [list_snapshot(side, files) for side in sides]
    if buckets is None:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        buckets = workers * BUCKETS_PER_WORKER
    plan = Plan(
        [(shot.label, shot.single_file, shot.unreadable_container) for shot in snapshots],
        include_derived, buckets, history, shown, dataset,
    )  # fmt: skip
    maps: list[Future[Any]] = [
        client.submit(index_group, group, include_derived, buckets, pure=False)
        for group in _groups(snapshots, files)
    ]
    facts = [client.submit(operator.itemgetter(1), done) for done in maps]
    reduces = [
        client.submit(
            diff_bucket,
            bucket,
            plan,
            facts,
            *[client.submit(_bucket_entries, done, bucket) for done in maps],
            pure=False,
        )
        for bucket in range(buckets)
    ]
    maps.clear()  # each batch's result is let go once its buckets are taken from it
    results: list[BucketResult] = client.gather(reduces)
    gathered = [fact for done in client.gather(facts) for fact in done]
    return _merge(snapshots, results, gathered, dataset is not None)


def _merge(
    snapshots: list[Snapshot],
    results: list[BucketResult],
    facts: list[BatchFacts],
    to_dataset: bool,
) -> ClusterDiff:
    """The buckets' results in the local run's order, their counts added up."""
    problems: list[list[tuple[Place, InputProblem]]] = [list(shot.problems) for shot in snapshots]
    for batch in facts:
        problems[batch.snapshot] += batch.problems
    for result in results:
        for number, place, problem in result.duplicates:
            problems[number].append((place, problem))
    ordered = [problem for shot in problems for _, problem in sorted(shot, key=_first)]
    reread: list[list[InputProblem]] = [[] for _ in snapshots]
    for result in results:
        for number, problem in result.reread:
            reread[number].append(problem)
    steps = []
    for index in range(len(snapshots) - 1):
        parts = [result.steps[index] for result in results]
        summary = DiffSummary()
        for part in parts:
            _add(summary, part.summary)
        summary.problems = [p for _, p in sorted(
            (item for part in parts for item in part.problems), key=_first
        )]  # fmt: skip
        step = Step(
            (snapshots[index].label, snapshots[index + 1].label),
            [diff for _, diff in sorted((d for part in parts for d in part.diffs), key=_first)],
            [n for _, n in sorted((n for part in parts for n in part.not_compared), key=_first)],
            summary,
        )
        if to_dataset:
            step.tally = Tally()
            for part in parts:
                step.tally.add(part.tally)
                step.shown_unchanged += part.shown_unchanged
                for level, count in part.hidden.items():
                    step.hidden[level] = step.hidden.get(level, 0) + count
        steps.append(step)
    findings = [finding for result in results for finding in result.findings]
    return ClusterDiff(
        steps,
        ordered + [problem for shot in reread for problem in shot],
        [problem for step in steps for problem in step.summary.problems],
        sorted(findings, key=lambda finding: finding.sort_key()),
        [problem for result in results for problem in result.history_problems],
        events=sum(result.events for result in results),
        parts=len(results) if to_dataset else 0,
    )


def _first(item: tuple[Any, Any]) -> Any:
    return item[0]


def _add(total: DiffSummary, part: DiffSummary) -> None:
    for name in ("indexed", "scanned", "unchanged", "compared", "changed", "added", "removed"):
        setattr(total, name, getattr(total, name) + getattr(part, name))


# --- map: on a worker --------------------------------------------------------------------------


def _groups(snapshots: list[Snapshot], files: int) -> Iterator[list[FileAt]]:
    """The map tasks' shares: the files of the same name in every snapshot of a window of
    ``WINDOW`` snapshots go to the same task, about ``files`` of them, so that a file whose
    bytes did not change since the snapshot before is known by its hash and not parsed
    again (as ``Side.refs(twins=...)`` spares a local run). Each file keeps its place in its
    snapshot's listing: the reduce puts everything back in that order."""
    for first in range(0, len(snapshots), WINDOW):
        window = range(first, min(first + WINDOW, len(snapshots)))
        by_name: dict[str, list[FileAt]] = {}
        for number in window:
            for batch_number, batch in enumerate(snapshots[number].batches):
                for index, item in enumerate(batch):
                    at = (number, batch_number, index, item)
                    by_name.setdefault(file_name(item.name), []).append(at)
        group: list[FileAt] = []
        for same_name in by_name.values():
            group += same_name
            if len(group) >= files:
                yield sorted(group, key=_file_order)
                group = []
        if group:
            yield sorted(group, key=_file_order)


def _file_order(at: FileAt) -> tuple[int, int, int]:
    return at[0], at[1], at[2]


def index_group(
    group: list[FileAt], include_derived: bool, buckets: int
) -> tuple[list[list[Entry]], list[BatchFacts]]:
    """Read a map task's files, snapshot after snapshot: their studies' references, by
    bucket, and what could not be read, file by file. Each file is read as a side of its own,
    so that its problems keep their place; a study in two files is told apart in its bucket
    (``diff_bucket``). A file whose bytes are those of a file of the snapshot before (in this
    task) is not parsed: its references are that file's (``Twins``)."""
    by_bucket: list[list[Entry]] = [[] for _ in range(buckets)]
    facts: list[BatchFacts] = []
    before: Twins | None = None  # the previous snapshot's files in this task
    current, snapshot = Twins(), -1
    for number, batch, index, item in group:
        if number != snapshot:
            # The first snapshot of the task is read with no twins: every clean file of it
            # gets a content key (with twins, only a file that may have one is hashed).
            before = current if snapshot >= 0 and number == snapshot + 1 else None
            current, snapshot = Twins(), number
        side = Side("", Inputs(lambda item=item: iter([item])))  # type: ignore[misc]
        for position, ref in enumerate(side.refs(include_derived=include_derived, twins=before)):
            place = (batch, index, 0, position)
            by_bucket[bucket_of(ref.nct_id, buckets)].append(Entry(number, place, ref))
            current.add(ref)
        if side.problems or side.unreadable:
            fact = BatchFacts(number, file=(batch, index))
            fact.problems = [((batch, index, 0, n), p) for n, p in enumerate(side.problems)]
            fact.unreadable = list(side.unreadable.items())
            facts.append(fact)
        side.release()
    return by_bucket, facts


def _bucket_entries(mapped: tuple[list[list[Entry]], list[BatchFacts]], bucket: int) -> list[Entry]:
    return mapped[0][bucket]


# --- reduce: on a worker -----------------------------------------------------------------------


class _Given(Side):
    """A side whose references were read already, by the map tasks: ``refs`` hands them out
    in their snapshot's order. Its unreadable files are the whole snapshot's, so a study only
    the other side has is told apart from one in a file this side could not read."""

    def __init__(
        self, label: str, single_file: bool, container: str | None, unreadable: dict[str, str]
    ) -> None:
        super().__init__(label, Inputs(lambda: iter(())), single_file=single_file)
        self.unreadable = unreadable
        self.unreadable_container = container
        self.given: list[StudyRef] = []  # the first version of each nctId, in order
        self.first_origin: dict[str, str] = {}

    def refs(self, *, include_derived: bool = False, twins: Any = None) -> Iterator[StudyRef]:
        return iter(self.given)


def diff_bucket(
    bucket: int, plan: Plan, facts: list[list[BatchFacts]], *parts: list[Entry]
) -> BucketResult:
    """Diff one bucket's studies through every step of the sequence (see the module)."""
    sides = [_Given(label, single, container, {}) for label, single, container in plan.snapshots]
    ordered = sorted((fact for done in facts for fact in done), key=_fact_order)
    for batch in ordered:  # each snapshot's files in its reading order
        for name, item in batch.unreadable:
            sides[batch.snapshot].unreadable.setdefault(name, item)
    places: list[dict[str, Place]] = [{} for _ in sides]
    duplicates: list[tuple[int, Place, InputProblem]] = []
    for entry in sorted((e for part in parts for e in part), key=_entry_order):
        side, nct_id = sides[entry.snapshot], entry.ref.nct_id
        if nct_id in places[entry.snapshot]:
            first = side.first_origin[nct_id]
            place = (entry.place[0], entry.place[1], 1, entry.place[3])
            duplicates.append((entry.snapshot, place, duplicate(nct_id, entry.ref.origin, first)))
            continue
        places[entry.snapshot][nct_id] = entry.place
        side.first_origin[nct_id] = entry.ref.origin
        side.given.append(entry.ref)
    versions = _versions(plan)
    result = BucketResult([], duplicates, [], [], [])
    for number in range(len(sides) - 1):
        old, new = sides[number], sides[number + 1]
        index = Index()
        for ref in old.given:
            index.add(ref)
        snapshot = diff_sides(
            old, new, include_derived=plan.include_derived, index=index,
            on_versions=versions.add if versions is not None else None,
        )  # fmt: skip
        part = StepPart()
        step_places = (places[number], places[number + 1])
        for diff in snapshot:
            part.diffs.append((_order(step_places, diff.study, diff.new_origin is not None), diff))
        part.summary = snapshot.summary
        part.not_compared = [
            (_order(step_places, n.study, n.added), n) for n in part.summary.not_compared
        ]
        part.problems = [(_order(step_places, p.where, True), p) for p in part.summary.problems]
        part.summary.not_compared, part.summary.problems = [], []
        result.steps.append(part)
        old.release()
    for number, side in enumerate(sides):
        result.reread += [(number, problem) for problem in side.problems]
    if versions is not None:
        result.findings = versions.configured()
        result.history_problems = versions.problems
    if plan.dataset is not None:
        result.events = _write_events(bucket, plan, result)
    return result


def _order(places: tuple[dict[str, Place], dict[str, Place]], nct_id: str, new: bool) -> Order:
    """Where a study's event goes in the local run's order: the new side's studies in its
    reading order, then those only the old side has, in its."""
    return (0, places[1][nct_id]) if new else (1, places[0][nct_id])


def _versions(plan: Plan) -> Versions | None:
    """What gathers each study's versions for the history rules, configured as on the
    client (built here: a Linter holds compiled schemas that do not pickle)."""
    if plan.history is None:
        return None
    from trialint.diff.versions import Versions
    from trialint.lint.runner import Linter

    context, config = plan.history
    return Versions(Linter(context, config))


def _fact_order(fact: BatchFacts) -> tuple[int, tuple[int, int]]:
    return fact.snapshot, fact.file


def _entry_order(entry: Entry) -> tuple[int, Place]:
    return entry.snapshot, entry.place


# --- the events dataset ------------------------------------------------------------------------


def _write_events(bucket: int, plan: Plan, result: BucketResult) -> int:
    """Write the bucket's events (the levels shown) as one part; keep only their counts."""
    assert plan.dataset is not None
    prefix, fmt = plan.dataset
    shown = plan.shown if plan.shown is not None else frozenset(Significance)
    rows: list[dict[str, Any]] = []
    for number, part in enumerate(result.steps):
        labels = {"step": number + 1, "from": plan.snapshots[number][0],
                  "to": plan.snapshots[number + 1][0]}  # fmt: skip
        for _, diff in sorted(part.diffs, key=_first):
            kept = [change for change in diff.changes if change.significance in shown]
            for change in diff.changes:
                if change.significance not in shown:
                    level = str(change.significance)
                    part.hidden[level] = part.hidden.get(level, 0) + 1
            if not kept:
                part.shown_unchanged += 1
                continue
            diff.changes = kept
            part.tally.count(diff)
            for change in kept:
                row = change.to_dict() | labels
                row |= {"type": "change", "old": _text(change.old), "new": _text(change.new),
                        "old_origin": diff.old_origin, "new_origin": diff.new_origin}  # fmt: skip
                rows.append(row)
        for _, entry in sorted(part.not_compared, key=_first):
            rows.append({"type": "not_compared", **entry.to_dict(), **labels})
        part.diffs = []
    write_part(prefix, bucket, rows, EVENT_COLUMNS, fmt)
    return len(rows)


def _text(value: Any) -> str | None:
    """A change's value as one column's type: text as it is, anything else as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)
