"""The client's share of a cluster run: group the listed inputs into partitions, one task
each, without reading a byte of them.

A task costs the scheduler a few milliseconds, a record's check about as much: a partition
of a few dozen files keeps that overhead small while the reports in flight stay few. A file
read in parts (the registry's one-file download, a JSON list of thousands of studies,
``document.stream``) is cut into :class:`Slice` partitions by ranges of its bytes: its
element boundaries are known only by reading it, so a chain of small tasks finds, slice
after slice, where the first element at or after each range's start is
(``cluster.lint.find_checkpoint``: the file is scanned once, at the pattern's speed, nothing
parsed), and each slice's worker reads from there. Whether a file is read in
parts, and its size, are told by the listing (a ``stat``, or the store's), not by its bytes.

Workers do not share the client's working directory: a path is sent as an absolute one,
shown under the name the client lists it by.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from trialint.document.load import read_in_parts
from trialint.sources.inputs import DiskInput, Input, ZipInput
from trialint.sources.problems import InputProblem
from trialint.sources.zips import ZipArchive

# Bytes of a large collection per slice: about 1,500 studies of the registry's download, some
# seconds of a worker's time, as a partition of files is.
SLICE_BYTES = 32 * 2**20


@dataclass(frozen=True)
class Slice:
    """The elements of a large collection from the first that starts at byte ``start`` or
    after to the first that starts at ``end`` or after (None: the file's end), which
    ``cluster.lint.find_checkpoint`` finds: a partition of its own."""

    input: Input
    start: int
    end: int | None

    @property
    def first(self) -> bool:
        return self.start == 0

    @property
    def name(self) -> str:
        return self.input.name


Item = Input | InputProblem | Slice


def partitions(
    items: Iterable[Input | InputProblem], size: int, slice_bytes: int = SLICE_BYTES
) -> Iterator[list[Item]]:
    """The items in order, in partitions of at most ``size``; a file read in parts in
    slices of ``slice_bytes``, each a partition alone."""
    batch: list[Item] = []
    archives: dict[int, ZipArchive] = {}
    for item in items:
        shared = _shared(item, archives)
        if isinstance(shared, Input) and read_in_parts(shared):
            if batch:
                yield batch
            for part in slices(shared, slice_bytes):
                alone: list[Item] = [part]
                yield alone
            batch = []
            continue
        batch.append(shared)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def slices(item: Input, slice_bytes: int) -> Iterator[Slice]:
    """The slices of a large file, end to end, the last open-ended (the file may have grown
    since it was listed)."""
    size = item.size() or 0
    starts = range(0, max(size, 1), slice_bytes)
    for start in starts:
        end = start + slice_bytes
        yield Slice(item, start, end if end < size else None)


def _shared(item: Input | InputProblem, archives: dict[int, ZipArchive]) -> Input | InputProblem:
    """``item`` as a worker elsewhere reads it: its path on disk absolute. An archive is made
    once for all its members (a worker opens it once, ``zips.ZipArchive``). Another kind of
    input, a subclass too, is its maker's to send as it should be read."""
    if type(item) is DiskInput and item.path != _absolute(item.path):
        return DiskInput(item.name, _absolute(item.path), found=item.found)
    if type(item) is ZipInput and item.archive.path != _absolute(item.archive.path):
        archive = archives.get(id(item.archive))
        if archive is None:
            archive = ZipArchive(_absolute(item.archive.path), item.archive.name)
            archives.clear()  # archives are listed one after the other: keep the current one
            archives[id(item.archive)] = archive
        return ZipInput(item.name, archive, item.member)
    return item


def _absolute(path: str) -> str:
    """The path from the top, links kept as named (the configuration and the reports see
    the same path as locally); per file, so a string, not a Path."""
    return os.path.abspath(path)  # noqa: PTH100
