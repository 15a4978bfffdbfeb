"""A side's large JSON list or API page, read a study at a time, and one study read again.

The registry's download (``ctg-studies.json``) or an API page of thousands of studies, read
whole, holds every study and the whole text at once: gigabytes for two snapshots of 50,000.
A file that lint reads element by element (``load.read_in_parts``, ``document.stream``) is
read so by the diff too: each element is fingerprinted and let go, and the index keeps where
its bytes are (:func:`pack`), so that a changed study is read again by seeking to it and
loading that slice alone, with its positions (:func:`read_again`), never by reading the file
again. Only a file on disk is read this way: seeking in a zip member or a git blob means
inflating or reading it from its start, so those are read whole, as before.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from trialint.document.load import read_in_parts
from trialint.document.model import LoadedFile, PartPlace
from trialint.sources.inputs import DiskInput, Input
from trialint.sources.problems import InputError

# A place as the index keeps it: offset, length, line, column, head (the index is the anchor
# its reference keeps anyway). 40 bytes (73 as a bytes object) where a PartPlace and its ints
# take about 200.
_PACKED = struct.Struct("<QQQQq")


@contextmanager
def failures_named(name: str) -> Iterator[None]:
    """A failure while a file or one of its parts is parsed, as an InputError naming the file:
    a problem of its side, never a traceback."""
    try:
        yield
    except RecursionError:
        raise InputError(name, "values nested too deeply to read") from None
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from None
    except Exception as error:
        raise InputError(
            name,
            f"internal error: {type(error).__name__}: {error} (please report this with the file)",
        ) from None


def open_parts(item: Input) -> Iterator[LoadedFile] | None:
    """Each element of the large list or page ``item`` holds, loaded alone, and the problems
    of its frame, in file order (see ``document.stream``); None when the file is to be read
    whole: small, not JSON, not on disk, or no list or page. Raises InputError when the file
    cannot be opened, and while its elements are read when it cannot be read or parsed."""
    if not isinstance(item, DiskInput) or not read_in_parts(item):
        return None
    from trialint.document.stream import open_collection  # only large files need it

    with failures_named(item.name):
        opened = open_collection(item)
    if opened is None:
        return None
    return _closing(*opened, item.name)


def _closing(stream: BinaryIO, elements: Iterator[LoadedFile], name: str) -> Iterator[LoadedFile]:
    with stream, failures_named(name):
        yield from elements


def pack(place: PartPlace) -> bytes:
    """A part's place as the index keeps it (all but its index)."""
    return _PACKED.pack(place.offset, place.length, place.line, place.column, place.head)


def read_again(item: Input, packed: bytes, index: int) -> LoadedFile | None:
    """Element ``index`` of ``item`` at its :func:`pack`ed place, read alone with its positions
    in the file; None when the file no longer reaches there. Raises InputError when the
    file cannot be read or the element parsed."""
    from trialint.document.stream import read_part

    place = PartPlace(index, *_PACKED.unpack(packed))
    with failures_named(item.name), item.open() as stream:
        return read_part(stream, item.name, place)
