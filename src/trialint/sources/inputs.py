"""The inputs of a command, whatever kind they are: files on disk, zip members, git blobs,
standard input.

An :class:`Input` is a name and a way to read the bytes behind it, never the bytes
themselves: a registry's million inputs cost a million addresses. Reading raises
:class:`InputError` with a one-line message naming the input, whatever went wrong (a file
gone, a member refused as a zip bomb, git failing), so every command reports the same thing
the same way and goes on with the next input.

:func:`open_paths` lists what a command line names, :func:`open_revision` what a git revision
holds; each gives :class:`Inputs`, listed afresh at each iteration (a diff reads a side twice
rather than keep it), with problems (a path that names nothing, an archive that cannot be
opened, a member whose name climbs out of it) in the listing, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

# Input is kept apart, for the kinds of input defined elsewhere (sources.remote) to share it.
from trialint.sources.base import Input as Input
from trialint.sources.paths import RECORD_SUFFIXES, Exclusions, Missing, expand_in_order, is_zip
from trialint.sources.problems import InputError, InputProblem

if TYPE_CHECKING:  # imported where used: a pre-commit run of a file or two reads no zip, no git
    import zipfile

    from trialint.sources.git import CatFile
    from trialint.sources.zips import ZipArchive

STDIN = "-"  # the argument that names standard input


class DiskInput(Input):
    __slots__ = ("path",)

    def __init__(self, name: str, path: str, *, found: bool) -> None:
        super().__init__(name, found=found)
        self.path = path  # a str: a Path per file would double a registry's listing

    @property
    def location(self) -> str:
        return self.path

    def read(self) -> bytes:
        try:
            return Path(self.path).read_bytes()
        except OSError as error:
            raise self._error(error) from None

    def size(self) -> int | None:
        try:
            return Path(self.path).stat().st_size
        except OSError:
            return None  # read() says why

    def open(self) -> BinaryIO:
        try:
            return Path(self.path).open("rb")
        except OSError as error:
            raise self._error(error) from None

    def _error(self, error: OSError) -> InputError:
        return InputError(self.name, f"cannot read: {error.strerror or error}")


class BytesInput(Input):
    """Bytes already read: standard input, under the name ``--stdin-filename`` gives it."""

    __slots__ = ("data",)

    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(name, found=False)
        self.data = data

    def read(self) -> bytes:
        return self.data

    def size(self) -> int | None:
        return len(self.data)


class ZipInput(Input):
    """A member of an archive, with its directory entry: what reading it needs, in whatever
    process reads it (see ``zips.ZipArchive``)."""

    __slots__ = ("archive", "member")

    def __init__(self, name: str, archive: ZipArchive, member: zipfile.ZipInfo) -> None:
        super().__init__(name, found=True)
        self.archive, self.member = archive, member

    def read(self) -> bytes:
        return self.archive.read(self.member, self.name)

    def size(self) -> int | None:
        return self.member.file_size  # as the archive says; reading checks it

    @property
    def location(self) -> str:
        return self.archive.path  # a member is checked as the archive's folder says


class GitInput(Input):
    __slots__ = ("oid", "reader", "work_tree_path")

    def __init__(
        self, name: str, reader: CatFile, oid: str, *, found: bool, work_tree_path: str = ""
    ) -> None:
        super().__init__(name, found=found)
        self.reader, self.oid = reader, oid
        # Where the file is in the work tree: a revision is checked with the configuration
        # files of the work tree, as ruff reads them, not those the revision holds.
        self.work_tree_path = work_tree_path or name

    @property
    def location(self) -> str:
        return self.work_tree_path

    def read(self) -> bytes:
        return self.reader.read(self.oid, self.name)


class Inputs:
    """The inputs and problems of what was named, listed afresh at each iteration; ``close``
    (or ``with``) ends the archives and git processes opened for them."""

    def __init__(
        self,
        listing: Callable[[], Iterator[Input | InputProblem]],
        closers: Iterable[Callable[[], None]] = (),
    ) -> None:
        self._listing = listing
        self._closers = list(closers)

    def __iter__(self) -> Iterator[Input | InputProblem]:
        return self._listing()

    def close(self) -> None:
        """Safe to call twice; an archive reopens if it is read again."""
        for close in self._closers:
            close()

    def __enter__(self) -> Inputs:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_paths(
    arguments: Sequence[str],
    *,
    exclusions: Exclusions | None = None,
    suffixes: frozenset[str] = RECORD_SUFFIXES,
    member_suffixes: frozenset[str] = RECORD_SUFFIXES,
    stdin: tuple[str, bytes] | None = None,
) -> Inputs:
    """Files as named (any suffix), folders searched for files with one of ``suffixes``
    (``paths.expand``), zip archives read member by member (those with one of
    ``member_suffixes``), and ``stdin`` (its name and bytes) where an argument is ``-``.

    A path that names nothing is a problem that ``hides_studies``, and so is an archive that
    cannot be opened; a member whose name climbs out of its archive is refused."""
    archives: list[ZipArchive] = []

    def listing() -> Iterator[Input | InputProblem]:
        if stdin is not None and STDIN in arguments:
            yield BytesInput(*stdin)
        named = [argument for argument in arguments if argument != STDIN]
        if any("://" in argument for argument in named):  # fsspec URLs: sources.remote
            yield from _with_urls(named, suffixes, listing_paths)
            return
        yield from listing_paths(named)

    def listing_paths(named: list[str]) -> Iterator[Input | InputProblem]:
        for entry in expand_in_order(named, suffixes, exclusions):
            if isinstance(entry, Missing):
                yield InputProblem(entry.name, "no such file or folder", hides_studies=True)
                continue
            path, display, was_named = entry
            if is_zip(path, suffixes):
                from trialint.sources.zips import ZipArchive

                archive = ZipArchive(str(path), display)
                archives.append(archive)
                yield from _members(archive, member_suffixes)
            else:
                text = str(path)
                shown_path = display if text == display else text
                yield DiskInput(display, shown_path, found=not was_named)

    def close() -> None:
        for archive in archives:
            archive.close()
        archives.clear()

    return Inputs(listing, [close])


def _with_urls(
    named: list[str],
    suffixes: frozenset[str],
    listing_paths: Callable[[list[str]], Iterator[Input | InputProblem]],
) -> Iterator[Input | InputProblem]:
    """The arguments in order, runs of paths listed as paths and URLs through fsspec."""
    from itertools import groupby

    from trialint.sources.remote import is_url, remote_inputs

    for urls, run in groupby(named, key=is_url):
        arguments = list(run)
        yield from remote_inputs(arguments, suffixes) if urls else listing_paths(arguments)


def _members(archive: ZipArchive, suffixes: frozenset[str]) -> Iterator[Input | InputProblem]:
    """The archive's record members (``zips.record_members``), each named ``archive!member``."""
    from trialint.sources.zips import CLIMBS_OUT

    try:
        members, refused = archive.members(suffixes)
        first = next(members, None)
        if first is None and not refused:
            listed = ", ".join(sorted(suffixes))
            yield InputProblem(archive.name, f"the archive holds no record file ({listed})")
        for name in refused:
            yield InputProblem(f"{archive.name}!{name}", CLIMBS_OUT, hides_studies=True)
        if first is not None:
            for member in chain([first], members):
                yield ZipInput(f"{archive.name}!{member.filename}", archive, member)
    except InputError as error:  # no zip, or one changed while its members are read
        yield InputProblem(error.problem.where, error.problem.message, hides_studies=True)


def open_revision(
    repo: Path,
    rev: str,
    paths: Sequence[str],
    *,
    exclusions: Exclusions | None = None,
    reader: CatFile | None = None,
    prefix: str | None = None,
) -> Inputs:
    """The record files under ``paths`` (as git names them: relative to the top of ``repo``,
    ``.`` for all) as revision ``rev`` has them, read with git plumbing (the work tree is not
    touched). Each is named ``prefix`` + its path (by default ``REV:``); a named path that
    lists no record file is a problem.

    Raises InputError when ``rev`` is not a revision of ``repo`` or git cannot run."""
    from trialint.sources.git import (
        SYMLINK_MODE,
        CatFile,
        ls_tree,
        named_match,
        normalized,
        resolve_tree,
    )

    paths = normalized(paths)
    tree = resolve_tree(repo, rev)
    reader = reader or CatFile(repo)
    shown = f"{rev}:" if prefix is None else prefix

    def listing() -> Iterator[Input | InputProblem]:
        found: set[str] = set()
        for mode, kind, oid, path in ls_tree(repo, tree, paths):
            match = named_match(path, paths)
            if kind != "blob" or mode == SYMLINK_MODE or match is None:
                continue
            found.add(match)
            searched = path != match
            in_work_tree = str(repo / path)
            if searched and exclusions and exclusions.excludes(in_work_tree, False):
                continue  # passed over as a folder search passes it over on disk
            yield GitInput(shown + path, reader, oid, found=searched, work_tree_path=in_work_tree)
        for name in paths:
            if name not in found and name != ".":
                yield InputProblem(f"{rev}:{name}", f"no record file there in {rev}")

    return Inputs(listing, [reader.close])
