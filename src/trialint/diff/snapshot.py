"""Diff two sides (snapshots, folders, revisions) study by study, streaming.

The old side is indexed first, a :class:`StudyRef` per study (nctId, origin, fingerprint):
memory grows by that small index only. The new side is then streamed: a study whose
fingerprint is the old one's is unchanged and never compared (most of a registry, most days);
the others are read again and compared. Studies are matched by nctId, never by file name.

Results come in the new side's file order, then the studies only the old side has (removed).
Only studies with at least one change are yielded; :attr:`SnapshotDiff.summary` counts the
rest. Problems met while reading are on each side's ``problems`` (see ``inputs``); failures
while comparing (a file that changed during the run, an internal error) are on the summary's.

A sequence of snapshots (A, B, C, ...) is diffed step by step, each step handing its new side's
index to the next (``keep_index``, ``index``): every snapshot is then read once, and only two
indexes are ever held, not the sequence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from trialint.diff.compare import compare_studies
from trialint.diff.inputs import Side, StudyRef, Twins
from trialint.diff.model import Change, Kind, NotCompared, Significance, StudyDiff
from trialint.document.model import Study
from trialint.progress import Progress
from trialint.sources.problems import InputError, InputProblem


class CompareFunction(Protocol):
    def __call__(
        self, old: dict[str, Any], new: dict[str, Any], *, include_derived: bool = False
    ) -> StudyDiff: ...


@dataclass
class DiffSummary:
    """How far the diff is and what it found; final once the iteration ends."""

    indexed: int = 0  # studies of the old side
    scanned: int = 0  # studies of the new side read so far
    unchanged: int = 0  # same fingerprint: not compared
    compared: int = 0  # different fingerprints: compared
    changed: int = 0  # compared, with at least one change (the StudyDiffs yielded)
    added: int = 0
    removed: int = 0
    problems: list[InputProblem] = field(default_factory=list)  # failures while comparing
    # Studies only one side has, whose other version may be in a file that side cannot read.
    not_compared: list[NotCompared] = field(default_factory=list)


# Called with both versions of a study that changed, and its diff.
OnChanged = Callable[[Study, Study, StudyDiff], None]
# Called with the references of a study whose version is another one: both when it changed
# (a change shown or not), the new one alone when added, the old one alone when removed.
OnVersions = Callable[[StudyRef | None, StudyRef | None], None]


@dataclass
class Index:
    """A side's studies by nctId and its files by content key: what the old side of a diff
    is kept as, and what a step of a sequence hands to the next so the snapshot in the middle
    is not read a second time."""

    refs: dict[str, StudyRef] = field(default_factory=dict)
    twins: Twins = field(default_factory=Twins)

    def add(self, ref: StudyRef) -> None:
        self.refs[ref.nct_id] = ref
        self.twins.add(ref)


class SnapshotDiff(Iterator[StudyDiff]):
    """The changed, added and removed studies, one StudyDiff at a time, with a running
    :attr:`summary`. An iterator, so the CLI prints each study as soon as it is known."""

    def __init__(
        self,
        old: Side,
        new: Side,
        *,
        include_derived: bool,
        compare: CompareFunction,
        progress: Progress,
        on_changed: OnChanged | None = None,
        on_versions: OnVersions | None = None,
        index: Index | None = None,
        keep_index: bool = False,
    ) -> None:
        self.old, self.new = old, new
        self._on_changed = on_changed
        self._on_versions = on_versions
        self._given = index
        # The new side's index once the iteration ends, when asked for (the next step's old).
        self.next_index: Index | None = Index() if keep_index else None
        self.summary = DiffSummary()
        self._include_derived = include_derived
        self._compare = compare
        self._progress = progress
        self._events = self._run()

    def __iter__(self) -> SnapshotDiff:
        return self

    def __next__(self) -> StudyDiff:
        return next(self._events)

    def _run(self) -> Iterator[StudyDiff]:
        summary = self.summary
        index, twins = self._old_index()
        for ref in self.new.refs(include_derived=self._include_derived, twins=twins):
            summary.scanned += 1
            if self.next_index is not None:
                self.next_index.add(ref)
            before = index.pop(ref.nct_id, None)
            diff = self._one(before, ref)
            if diff is not None:
                yield diff
            self._progress.show(summary.scanned, "diff: comparing")
        for ref in index.values():
            if self._unreadable_twin(ref, self.new, added=False):
                continue
            summary.removed += 1
            self._versions(ref, None)
            yield _whole_study(ref, Kind.REMOVED)

    def _old_index(self) -> tuple[dict[str, StudyRef], Twins]:
        """The old side's index: the one the previous step handed over, or read now."""
        if self._given is None:
            return self._index_old()
        index, self._given = self._given, None  # popped as the new side streams: not kept
        self.summary.indexed = len(index.refs)
        return index.refs, index.twins

    def _versions(self, before: StudyRef | None, after: StudyRef | None) -> None:
        if self._on_versions is not None:
            self._on_versions(before, after)

    def _index_old(self) -> tuple[dict[str, StudyRef], Twins]:
        """The whole old side, the only thing kept per study: nctId -> reference, and content
        key -> the references of that file, so that a new file with the same bytes is not
        parsed (most files, between two snapshots a day apart or two commits)."""
        index: dict[str, StudyRef] = {}
        twins = Twins()
        for ref in self.old.refs(include_derived=self._include_derived):
            index[ref.nct_id] = ref
            twins.add(ref)
            self.summary.indexed += 1
            self._progress.show(self.summary.indexed, "diff: reading the old side")
        return index, twins

    def _one(self, before: StudyRef | None, after: StudyRef) -> StudyDiff | None:
        summary = self.summary
        if before is None:
            if self._unreadable_twin(after, self.old, added=True):
                return None
            summary.added += 1
            self._versions(None, after)
            return _whole_study(after, Kind.ADDED)
        if before.fingerprint == after.fingerprint:
            summary.unchanged += 1
            return None
        diff = self._compared(before, after)
        if diff is None:
            return None
        summary.compared += 1
        if not diff.changes:
            return None
        summary.changed += 1
        self._versions(before, after)
        return diff

    def _unreadable_twin(self, ref: StudyRef, other: Side, *, added: bool) -> bool:
        """Whether the other version of a study only one side has may be in a file the other
        side could not read; it is then kept in the summary as not compared."""
        unreadable = other.unreadable_twin(ref.origin)
        if unreadable is None:
            return False
        self.summary.not_compared.append(NotCompared(ref.nct_id, ref.origin, unreadable, added))
        return True

    def _compared(self, before: StudyRef, after: StudyRef) -> StudyDiff | None:
        """Both versions read again and compared; a failure is a problem, not the end."""
        try:
            old_study = before.load()
        except InputError as error:
            self.old.problems.append(error.problem)
            return None
        try:
            new_study = after.load()
        except InputError as error:
            self.new.problems.append(error.problem)
            return None
        try:
            diff = self._compare(
                old_study.data, new_study.data, include_derived=self._include_derived
            )
        except RecursionError:
            self.summary.problems.append(
                InputProblem(after.nct_id, f"values nested too deeply to compare "
                             f"{before.origin} with {after.origin}")
            )  # fmt: skip
            return None
        except Exception as error:  # one study's bug must not lose the whole registry's diff
            self.summary.problems.append(
                InputProblem(
                    after.nct_id,
                    f"internal error comparing {before.origin} with {after.origin}: "
                    f"{type(error).__name__}: {error} (please report this with both files)",
                )
            )
            return None
        diff.old_origin, diff.new_origin = before.origin, after.origin
        if diff.changes and self._on_changed is not None:
            self._on_changed(old_study, new_study, diff)
        return diff


def diff_sides(
    old: Side,
    new: Side,
    *,
    include_derived: bool = False,
    compare: CompareFunction = compare_studies,
    progress: Progress | None = None,
    on_changed: OnChanged | None = None,
    on_versions: OnVersions | None = None,
    index: Index | None = None,
    keep_index: bool = False,
) -> SnapshotDiff:
    """Stream the differences from ``old`` to ``new``; see :class:`SnapshotDiff`.

    ``progress`` counts the studies read, side by side (the command's bar; none by default).
    ``index`` is the old side as a previous step's ``next_index`` left it (the old side is
    then not read: its problems were met in that step); ``keep_index`` keeps the new side's
    for the next step."""
    return SnapshotDiff(
        old, new, include_derived=include_derived, compare=compare,
        progress=progress or Progress(),
        on_changed=on_changed, on_versions=on_versions, index=index, keep_index=keep_index,
    )  # fmt: skip


def _whole_study(ref: StudyRef, kind: Kind) -> StudyDiff:
    """A study only one side has: one MAJOR event whose value is its title (its origin when
    it has none or cannot be read again)."""
    described = _title(ref) or ref.origin
    added = kind is Kind.ADDED
    change = Change(
        ref.nct_id,
        "study",
        "",
        kind,
        Significance.MAJOR,
        old=None if added else described,
        new=described if added else None,
    )
    return StudyDiff(
        ref.nct_id,
        None if added else ref.origin,
        ref.origin if added else None,
        [change],
    )


def _title(ref: StudyRef) -> str | None:
    """The brief title, read again (an added study's file is still in its side's cache)."""
    try:
        data = ref.load().data
    except InputError:
        return None
    protocol = data.get("protocolSection")
    identification = protocol.get("identificationModule") if isinstance(protocol, dict) else None
    title = identification.get("briefTitle") if isinstance(identification, dict) else None
    return title if isinstance(title, str) and title.strip() else None
