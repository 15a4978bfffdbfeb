"""The client's share of a cluster run: group the listed inputs into partitions, one task
each, without reading a byte of them.

A task costs the scheduler a few milliseconds, a record's check about as much: a partition
of a few dozen files keeps that overhead small while the reports in flight stay few. A file
read in parts (a registry download, a JSON list of thousands of studies, ``document.stream``)
is a partition of its own: its element boundaries are known only by reading it, so it is not
cut into slices; one worker streams it as one machine would. Whether it is one is told by
its size, which the listing has (a ``stat``, or the store's listing), not by its bytes.

Workers do not share the client's working directory: a path is sent as an absolute one,
shown under the name the client lists it by.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from trialint.document.load import read_in_parts
from trialint.sources.inputs import DiskInput, Input, ZipInput
from trialint.sources.problems import InputProblem
from trialint.sources.zips import ZipArchive

Item = Input | InputProblem


def partitions(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """The items in order, in partitions of at most ``size``; a file read in parts alone."""
    batch: list[Item] = []
    archives: dict[int, ZipArchive] = {}
    for item in items:
        shared = _shared(item, archives)
        if isinstance(shared, Input) and read_in_parts(shared):
            if batch:
                yield batch
            yield [shared]
            batch = []
            continue
        batch.append(shared)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _shared(item: Item, archives: dict[int, ZipArchive]) -> Item:
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
