"""What a diff reads: the studies a user names, as a stream of references matched by nctId.

A side of a diff is files and folders on disk, zip archives (the registry's
``ctg-studies.json.zip``: one JSON per study, or one JSON list) or a git revision with paths
in it. A whole snapshot is never held in memory: each file is read, its studies fingerprinted
and let go; a :class:`StudyRef` keeps the nctId, where the study came from and the
fingerprint, and reads the study again (from disk, the zip or git) when the diff needs it. A
large JSON list or API page on disk is read a study at a time, and a study of it read again
alone, by seeking to where its bytes are (``diff.parts``).

Open a side with :func:`open_paths`, :func:`open_git` or :func:`open_git_range`; iterate
:meth:`Side.refs` (each iteration reads the side again, and adds its problems again); close
it (or use ``with``) to end the zip handles and the git process.

Most files do not change between two snapshots, so a file is first identified by its bytes
(a hash of them; for git, the blob id, without reading it): a file whose bytes the other side
already read cleanly holds the same studies with the same fingerprints, and is not parsed
(:class:`Twins`). A file that cannot be one of the other side's is not even hashed.

Errors, by how much they stop:

- :class:`InputError` is raised when a side cannot be read at all: a path that does not exist,
  a revision git does not know, git not installed. The CLI prints it and exits 2.
- Everything else is an :class:`InputProblem` (``where: message``) appended to
  :attr:`Side.problems` while the side streams, and the other files still count: a file that
  does not parse (``records/x.yaml:3:5: F001 ...``, the file's own problems as ``trialint lint``
  names them), an unreadable file or zip member, a study without nctId (it cannot be matched),
  the same nctId twice on one side (the first one counts), a path that names nothing in a git
  revision. A study that cannot be read again when compared raises InputError from
  :meth:`StudyRef.load`; ``diff_sides`` turns that into a problem of its side too.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trialint.diff.normalize import canonical, fingerprint
from trialint.diff.parts import failures_named, open_parts, pack, read_again
from trialint.document.load import format_of, holds_no_study, load_bytes
from trialint.document.locators import IndentedJsonLocator
from trialint.document.model import LoadedFile, SourcePart, Study
from trialint.document.problems import COMPLEX_KEY, DUPLICATE_KEY, NOT_A_STUDY, UNSUPPORTED_TAG
from trialint.document.yaml12 import Problem
from trialint.sources.git import CatFile
from trialint.sources.inputs import GitInput, Input, Inputs, open_revision
from trialint.sources.inputs import open_paths as open_inputs
from trialint.sources.paths import Exclusions, is_zip
from trialint.sources.problems import InputError, InputProblem

# Parsed files kept for re-reading. Changed studies are compared in file order, so a file of
# many studies (a JSON list, a single-file zip) is needed again and again right after it was
# read; a few entries per side cover that without keeping a whole snapshot of small files.
# The parts of a large list or page read a study at a time are entries too: the new side's
# study just read is compared (or titled) at once, from here.
CACHED_FILES = 4
# File problems after which all of the file was still read: its studies are all there.
_CONTENT_KEPT = frozenset({DUPLICATE_KEY, COMPLEX_KEY, UNSUPPORTED_TAG})


# --- parsed files ------------------------------------------------------------------------


class _FileCache:
    """The last few parsed files or parts of a side (least recently used goes first); a part
    is known by its file and its packed place (``parts.pack``)."""

    def __init__(self, size: int = CACHED_FILES) -> None:
        self.size = size
        self._files: OrderedDict[Input | tuple[Input, bytes], LoadedFile] = OrderedDict()

    def load(self, item: Input, data: bytes | None = None, fmt: str | None = None) -> LoadedFile:
        """The parsed file, from the cache or else from ``data`` (read now if None), read as
        ``fmt`` (by its name if None)."""
        loaded = self._files.get(item)
        if loaded is not None:
            self._files.move_to_end(item)
            return loaded
        data = item.read() if data is None else data
        with failures_named(item.name):
            loaded = load_bytes(data, item.name, fmt or format_of(item.name))
        self.keep(item, loaded)
        return loaded

    def load_part(self, item: Input, place: bytes, index: int) -> LoadedFile | None:
        """The part of ``item`` at ``place`` (its entry ``index``), from the cache or else
        read again by seeking to it; None when the file no longer reaches there."""
        loaded = self._files.get((item, place))
        if loaded is not None:
            self._files.move_to_end((item, place))
            return loaded
        loaded = read_again(item, place, index)
        if loaded is not None:
            self.keep((item, place), loaded)
        return loaded

    def keep(self, key: Input | tuple[Input, bytes], loaded: LoadedFile) -> None:
        """Remember a file or part just parsed."""
        self._files[key] = loaded
        if len(self._files) > self.size:
            self._files.popitem(last=False)

    def clear(self) -> None:
        """Let every parsed file go: they are read again if asked for."""
        self._files.clear()

    def __reduce__(self) -> tuple[type[_FileCache], tuple[int]]:
        """Pickled empty: a reference sent to another process (a Dask worker that compares
        it) reads its study again there rather than carry parsed files along. References
        that shared a cache share its empty copy (pickle sends one object once)."""
        return (_FileCache, (self.size,))


# --- content keys ----------------------------------------------------------------------------


def _content_key(item: Input, fmt: str, twins: Twins | None) -> tuple[bytes | None, bytes | None]:
    """What identifies the file's bytes (equal keys, equal bytes), its format first (the same
    bytes read as YAML and as JSON may not be the same study), and the bytes if they were read.

    Git names a blob by its content: the key is free and the blob is not read. Other bytes
    are read and hashed (SHA-256 runs on the CPU's SHA instructions: 10-15 us for a registry
    study), after a glance (:func:`_glance`) that lets :class:`Twins` tell, most of the time,
    that no file of the other side can be the same: such a file is not hashed, and has no key
    (None)."""
    if isinstance(item, GitInput):
        return fmt[:1].encode() + b"g" + bytes.fromhex(item.oid), None
    data = item.read()
    glance = _glance(data)
    if twins is not None and not twins.may_hold(glance):
        return None, data
    return fmt[:1].encode() + b"h" + glance.to_bytes(4, "big") + _sha256(data), data


def _glance(data: bytes) -> int:
    """32 bits of the bytes that cost nothing (a CRC of their size and of the 64 in the
    middle): equal for equal bytes, and for two files almost never equal unless they are.
    The size alone is not enough: a registry's 550,000 studies share a few tens of thousands
    of sizes."""
    middle = len(data) // 2
    return zlib.crc32(data[max(0, middle - 32) : middle + 32], len(data) & 0xFFFFFFFF)


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()[:16]


# The glances of the files with a content key, as bits (a glance sets bit glance % _BITS):
# a file whose bit is not set has no twin and is not hashed. 1 MiB whatever the number of
# files; with a registry's 550,000 files, one in 16 of the others is hashed for nothing.
_BITS = 1 << 23


class Twins:
    """The files of one side read without a problem, by content key: a file of the other side
    with the same key holds the same studies, with the same fingerprints, so it is not parsed
    (see ``Side.refs(twins=...)``). Only one file per key can be here: a second file with the
    same bytes has the same nctIds, duplicates, so it has no content key."""

    __slots__ = ("_files", "_glances")

    def __init__(self) -> None:
        # A list only for files of several studies: one reference needs no list.
        self._files: dict[bytes, StudyRef | list[StudyRef]] = {}
        self._glances = bytearray(_BITS // 8)

    def add(self, ref: StudyRef) -> None:
        """Remember ``ref`` under its file's key (nothing if it has none)."""
        key = ref.content_key
        if key is None:
            return
        found = self._files.get(key)
        if found is None:
            self._files[key] = ref
            if key[1:2] == b"h":
                bit = int.from_bytes(key[2:6], "big") % _BITS
                self._glances[bit >> 3] |= 1 << (bit & 7)
        elif isinstance(found, list):
            found.append(ref)
        else:
            self._files[key] = [found, ref]

    def may_hold(self, glance: int) -> bool:
        """Whether a file with this :func:`_glance` may have a twin here (False: none)."""
        bit = glance % _BITS
        return bool(self._glances[bit >> 3] & (1 << (bit & 7)))

    def __call__(self, key: bytes) -> Sequence[StudyRef] | None:
        """The references of the file with this key, in file order; None if there is none."""
        found = self._files.get(key)
        return (found,) if isinstance(found, StudyRef) else found


# --- references and sides ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StudyRef:
    """A study of one side, without its data: enough to match it (nctId), to tell whether it
    changed (fingerprint) and to read it again (:meth:`load`).

    ``content_key`` identifies the bytes of the study's file when every study of that file was
    read without a problem: a file with the same key on the other side holds the same studies,
    so it need not be parsed (see :class:`Twins`). None also for a file no file of the other
    side could match (not hashed).

    The index of a diff holds one per study of the old side, so it holds no more than it must:
    the origin is worked out from the file's name when asked for, and the file's name, its
    reader, cache and content key are shared by the studies of a file."""

    nct_id: str
    fingerprint: bytes
    _input: Input = field(repr=False, compare=False)
    _cache: _FileCache = field(repr=False, compare=False)
    _position: int = field(default=0, repr=False, compare=False)  # in LoadedFile.studies
    _anchor: int = field(default=-1, repr=False, compare=False)  # the N of name#N; -1: none
    content_key: bytes | None = field(default=None, repr=False, compare=False)
    # Where the study's bytes are (``parts.pack``) when its file is read a part at a time.
    _place: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def origin(self) -> str:
        """Where the study is: records/NCT04711200.yaml, studies.json#3,
        ctg.zip!NCT04711200.json, rev:path."""
        return _origin_of(self._input, self._anchor)

    def load(self) -> Study:
        """Read the study again (a recently read file comes from the side's cache).

        Raises InputError when the file cannot be read or no longer holds the study where it
        was (it changed on disk during the diff). A study of a file read a part at a time is
        read alone, from its place in the file."""
        if self._place is None:
            studies = self._cache.load(self._input).studies
        else:
            part = self._cache.load_part(self._input, self._place, self._anchor)
            studies = part.studies if part is not None else []
        if self._position < len(studies) and studies[self._position].nct_id == self.nct_id:
            return studies[self._position]
        raise InputError(self.origin, f"{self.nct_id} is no longer there (did the file change?)")


# (nctId, fingerprint, position in the file's studies, anchor: the N of the origin's #N)
_Candidate = tuple[str, bytes, int, int]


class Side:
    """One side of a diff: where its studies are, the problems met while reading them, and
    what to close afterwards."""

    def __init__(self, label: str, inputs: Inputs, *, single_file: bool = False) -> None:
        self.label = label
        self.problems: list[InputProblem] = []
        self.files = 0  # files read (zip members and git blobs count one each)
        self.parsed = 0  # files parsed: the others were known from the other side
        self.studies = 0  # studies referenced (matched by nctId)
        # Files read with a problem (a syntax error, an unreadable file), by file name: a
        # study only the other side has may be in one, so it is neither added nor removed.
        self.unreadable: dict[str, str] = {}
        self.single_file = single_file  # one file given: what it fails to hold may be in it
        self.title = ""  # what stands beside the label in a report: a commit's subject
        self.unreadable_container: str | None = None  # an archive or folder that hides studies
        self._inputs = inputs
        self._cache = _FileCache()

    def refs(
        self, *, include_derived: bool = False, twins: Twins | None = None
    ) -> Iterator[StudyRef]:
        """Each study once, in file order. Problems go to :attr:`problems` as they are met;
        a study without nctId, or whose nctId was already seen on this side, is not yielded.

        ``include_derived`` is passed to ``canonical``: what the fingerprint covers. ``twins``
        gives the studies of a file already read with the same bytes (the other side's, read
        with the same ``include_derived``): they are taken as they are, without parsing, which
        is most of the work when most files did not change."""
        first_seen: dict[str, str] = {}  # nctId -> origin, for the duplicate's message
        for item in self._inputs:
            if isinstance(item, InputProblem):
                self.problems.append(item)
                if item.hides_studies and self.unreadable_container is None:
                    self.unreadable_container = item.where
                continue
            self.files += 1
            try:
                parts = open_parts(item)
                if parts is not None:
                    yield from self._part_refs(item, parts, include_derived, first_seen)
                else:
                    yield from self._refs_of(item, include_derived, twins, first_seen)
            except InputError as error:
                self.problems.append(error.problem)
                self._unreadable(item)

    def unreadable_twin(self, other_origin: str) -> str | None:
        """The file of this side that could not be read and may hold the study the other side
        has at ``other_origin``: one with the same file name, this side's only file, or an
        archive or folder that could not be read at all."""
        if self.single_file and self.unreadable:
            return next(iter(self.unreadable.values()))
        return self.unreadable.get(file_name(other_origin)) or self.unreadable_container

    def _unreadable(self, item: Input) -> None:
        self.unreadable.setdefault(file_name(item.name), item.name)

    def _refs_of(
        self, item: Input, include_derived: bool, twins: Twins | None, first_seen: dict[str, str]
    ) -> list[StudyRef]:
        """The references of one file, all built before any is handed out: only a file read
        without any problem gets a content key (a twin of it elsewhere is then as good)."""
        fmt = format_of(item.name)
        key, data = _content_key(item, fmt, twins)
        known = twins(key) if twins is not None and key is not None else None
        if known:
            candidates: list[_Candidate] = [
                (ref.nct_id, ref.fingerprint, ref._position, ref._anchor) for ref in known
            ]  # the same bytes hold the same studies at the same places (#N and all)
            clean = True
        else:
            loaded = self._cache.load(item, data, fmt)
            candidates, clean = self._parsed_candidates(item, loaded, include_derived)
        accepted = []
        for candidate in candidates:
            if self._first(item, candidate, first_seen, self.problems):
                accepted.append(candidate)
            else:
                clean = False
        self.studies += len(accepted)
        content = key if clean else None
        return [
            StudyRef(nct_id, print_, item, self._cache, position, anchor, content)
            for nct_id, print_, position, anchor in accepted
        ]

    def _part_refs(
        self,
        item: Input,
        parts: Iterator[LoadedFile],
        include_derived: bool,
        first_seen: dict[str, str],
    ) -> Iterator[StudyRef]:
        """The references of a large list or page read a part at a time (``diff.parts``):
        each handed out as soon as its part is read, with where its bytes are, so that neither
        the file nor its studies are ever all held. No content key: telling twins would mean
        reading the whole file first. Problems come as the whole file's reading orders them,
        once the file is read: its own (syntax, encoding, duplicate keys, then the entries
        that are no study), then the studies that cannot be matched, then the duplicates; a
        file a search found whose entries are all no study is passed over, as when whole."""
        self.parsed += 1
        read: list[Problem] = []
        unmatched: list[InputProblem] = []
        duplicates: list[InputProblem] = []
        studies = 0
        try:
            for loaded in parts:
                read += loaded.problems
                for study in loaded.studies:  # one at most
                    studies += 1
                    assert isinstance(study.source, SourcePart) and study.source.place
                    place = study.source.place
                    packed = pack(place)
                    self._cache.keep((item, packed), loaded)
                    candidate = self._candidate(item, study, place.index, include_derived,
                                                unmatched)  # fmt: skip
                    if candidate is None or not self._first(
                        item, candidate, first_seen, duplicates
                    ):
                        continue
                    self.studies += 1
                    nct_id, print_, _, anchor = candidate
                    yield StudyRef(nct_id, print_, item, self._cache, 0, anchor, None, packed)
        finally:
            if not (item.found and not studies and holds_no_study(LoadedFile(None, [], read))):
                read.sort(key=lambda problem: problem.rule is NOT_A_STUDY)  # as load_bytes
                self._report_file_problems(item, read)
            self.problems += unmatched + duplicates

    def _parsed_candidates(
        self, item: Input, loaded: LoadedFile, include_derived: bool
    ) -> tuple[list[_Candidate], bool]:
        """The studies of a parsed file, and whether it was read without any problem."""
        self.parsed += 1
        if item.found and holds_no_study(loaded):
            return [], True
        self._report_file_problems(item, loaded.problems)
        clean = not loaded.problems
        candidates = []
        for position, study in enumerate(loaded.studies):
            anchor = _anchor(loaded, position)
            anchor = position if anchor == position else anchor  # one int object, not two
            candidate = self._candidate(item, study, anchor, include_derived, self.problems)
            if candidate is None:
                clean = False
            else:
                candidates.append((*candidate[:2], position, anchor))
        return candidates, clean

    def _candidate(
        self,
        item: Input,
        study: Study,
        anchor: int,
        include_derived: bool,
        problems: list[InputProblem],
    ) -> _Candidate | None:
        """A study's nctId and fingerprint (position 0), or None and why in ``problems``."""
        nct_id = study.nct_id
        if nct_id is None:
            problems.append(InputProblem(
                _origin_of(item, anchor), "the study has no nctId, so it cannot be matched"
            ))  # fmt: skip
            return None
        try:
            seen = canonical(study.data, include_derived=include_derived)
            print_ = fingerprint(seen, finite=_read_by_orjson(study))
        except (TypeError, ValueError, RecursionError) as error:
            problems.append(InputProblem(_origin_of(item, anchor), f"cannot fingerprint: {error}"))
            return None
        return nct_id, print_, 0, anchor

    def _first(
        self,
        item: Input,
        candidate: _Candidate,
        first_seen: dict[str, str],
        problems: list[InputProblem],
    ) -> bool:
        """Whether the study is the first of its nctId on this side (else a problem)."""
        nct_id, anchor = candidate[0], candidate[3]
        if nct_id in first_seen:
            problems.append(duplicate(nct_id, _origin_of(item, anchor), first_seen[nct_id]))
            return False
        first_seen[nct_id] = _origin_of(item, anchor)
        return True

    def _report_file_problems(self, item: Input, problems: list[Problem]) -> None:
        """The file's own problems (syntax, encoding, duplicate keys) as lint names them."""
        for problem in problems:
            where = f"{item.name}:{problem.span.line}:{problem.span.column}"
            self._problem(where, f"{problem.rule.code} {problem.message}")
        if any(problem.rule not in _CONTENT_KEPT for problem in problems):
            self._unreadable(item)

    def _problem(self, where: str, message: str) -> None:
        self.problems.append(InputProblem(where, message))

    @property
    def inputs(self) -> Inputs:
        """What the side reads, listed afresh at each iteration: a cluster run lists them on
        the client and has the workers read them (``diff.cluster``)."""
        return self._inputs

    def close(self) -> None:
        """End the zip handles and git processes this side opened (safe to call twice)."""
        self._inputs.close()

    def release(self) -> None:
        """Let the parsed files kept for re-reading go, once the side is diffed no more: a
        sequence of snapshots would otherwise keep a few files of each. Its references can
        still read their studies again (history rules at the end of a sequence)."""
        self._cache.clear()

    def __enter__(self) -> Side:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def duplicate(nct_id: str, origin: str, first: str) -> InputProblem:
    """The problem of a study whose nctId the side already has at ``first``: ignored."""
    return InputProblem(origin, f"{nct_id} is also in {first}; ignored")


def file_name(origin: str) -> str:
    """The file name in an origin (``folder/NCT01.yaml#2``, ``ctg.zip!NCT01.json``,
    ``HEAD:records/NCT01.yaml``): what two sides' versions of one file share."""
    return re.split(r"[/\\!:]", origin.split("#", 1)[0])[-1]


def _read_by_orjson(study: Study) -> bool:
    """Whether orjson read the study, so that it holds no NaN or infinity (orjson refuses
    them; the json module and YAML read them): a JSON text in orjson's own layout, which is
    the registry's. ``load_bytes`` locates a study by searching for its lines only when its
    text is byte for byte what orjson writes of what orjson read (``jsontext.parse_json``);
    a test in test_diff_speed.py fails if that no longer holds."""
    return isinstance(study.locator, IndentedJsonLocator)


def _anchor(loaded: LoadedFile, position: int) -> int:
    """The N of the origin ``name#N`` of a study in a list (N counts from 0, as JSON Pointer
    and jq do) or in a stream of several YAML documents; -1 for a file's only study."""
    study = loaded.studies[position]
    if study.in_collection and study.base and isinstance(study.base[-1], int):
        return study.base[-1]
    if len(loaded.studies) > 1:
        return position
    return -1


def _origin_of(item: Input, anchor: int) -> str:
    """The file's name for its only study, ``name#N`` for one of several (see _anchor)."""
    return item.name if anchor < 0 else f"{item.name}#{anchor}"


# --- files, folders and zip archives -----------------------------------------------------------


def open_paths(
    paths: Sequence[str], *, label: str | None = None, exclusions: Exclusions | None = None
) -> Side:
    """Files (any suffix), folders (searched as ``trialint lint`` does) and zip archives.

    Raises InputError for a path that does not exist: a diff against nothing would call every
    study added or removed. Folders are listed when the side is read, so that the list of an
    indexed side does not stay in memory while the other side streams."""
    for argument in paths:
        if not (Path(argument).is_dir() or Path(argument).is_file()):
            raise InputError(argument, "no such file or folder")
    single_file = len(paths) == 1 and not Path(paths[0]).is_dir() and not is_zip(Path(paths[0]))
    inputs = open_inputs(paths, exclusions=exclusions)
    return Side(label or " ".join(paths), inputs, single_file=single_file)


# --- git revisions ---------------------------------------------------------------------------


def split_range(spec: str) -> tuple[str, str] | None:
    """``A..B`` as (A, B), a missing end being HEAD as git has it; None for a single revision.

    ``A...B`` (changes since a merge base) is refused: name the base revision instead."""
    if "..." in spec:
        raise InputError(spec, "A...B is not supported; name the two revisions as A..B")
    if ".." not in spec:
        return None
    old, new = spec.split("..", 1)
    return old or "HEAD", new or "HEAD"


def open_git(
    repo: str | Path,
    rev: str,
    paths: Sequence[str] = (),
    *,
    label: str | None = None,
    exclusions: Exclusions | None = None,
    prefix: str | None = None,
    _reader: CatFile | None = None,
) -> Side:
    """The record files of ``paths`` (files or folders, relative to ``repo``; all when empty)
    as revision ``rev`` has them, read with git plumbing: the working tree is not touched.
    Origins are ``prefix`` + the file's path, ``REV:`` by default (a commit's full id would
    make every origin 41 characters longer than its short one).

    Raises InputError when ``rev`` is not a revision of ``repo`` or git cannot run."""
    inputs = open_revision(
        Path(repo), rev, paths, exclusions=exclusions, reader=_reader, prefix=prefix
    )
    return Side(label or rev, inputs)


def open_git_range(
    repo: str | Path,
    spec: str,
    paths: Sequence[str] = (),
    *,
    exclusions: Exclusions | None = None,
) -> tuple[Side, Side]:
    """The two sides of ``A..B``, sharing one ``git cat-file`` process."""
    revisions = split_range(spec)
    if revisions is None:
        raise InputError(spec, "expected a range of two revisions, A..B")
    reader = CatFile(Path(repo))
    old, new = revisions
    return (
        open_git(repo, old, paths, exclusions=exclusions, _reader=reader),
        open_git(repo, new, paths, exclusions=exclusions, _reader=reader),
    )


def open_git_commits(
    repo: str | Path,
    spec: str,
    paths: Sequence[str] = (),
    *,
    exclusions: Exclusions | None = None,
) -> Iterator[Side]:
    """Revision A of ``A..B``, then each commit of the range that changed ``paths`` (all
    files when empty), oldest first, opened one at a time as a diff goes through them and
    sharing one ``git cat-file`` process; A alone when no commit did (no step to show).

    The commits are those of B's first-parent line: each is diffed against the one before
    it, so a merged branch is one step, the merge, rather than steps that jump between two
    lines of history. A commit's side is labelled with its short id, its title is its
    subject. Raises InputError (at the first side) when A or B is not a revision of ``repo``
    or git cannot run."""
    revisions = split_range(spec)
    if revisions is None:
        raise InputError(spec, "expected a range of two revisions, A..B")
    reader = CatFile(Path(repo))
    first, last = revisions
    old = open_git(repo, first, paths, exclusions=exclusions, _reader=reader)
    open_git(repo, last, paths, exclusions=exclusions, _reader=reader)  # B is checked
    commits = _commits(Path(repo), first, last, paths)
    yield old
    for oid, subject in commits:
        short = oid[:12]
        side = open_git(repo, oid, paths, label=short, exclusions=exclusions,
                        prefix=f"{short}:", _reader=reader)  # fmt: skip
        side.title = subject
        yield side


def _commits(repo: Path, first: str, last: str, paths: Sequence[str]) -> list[tuple[str, str]]:
    """(id, subject) of the commits of first..last that changed ``paths``, oldest first,
    along the first parent."""
    from trialint.sources.git import run_git

    named = ["--", *paths] if paths else []
    done = run_git(repo, "log", "--first-parent", "--reverse", "--format=%H%x09%s",
                   f"{first}..{last}", *named)  # fmt: skip
    if done.returncode != 0:
        raise InputError(f"{first}..{last}", done.stderr.decode(errors="replace").strip())
    lines = done.stdout.decode(errors="replace").splitlines()
    return [(line.partition("\t")[0], line.partition("\t")[2]) for line in lines if line]
