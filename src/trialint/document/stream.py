"""Read a large JSON list of studies or API page element by element, in flat memory.

The registry's download (``ctg-studies.json``, a list) and its API pages (``{"studies":
[...]}``) hold thousands of studies: parsed whole, with their text kept for positions, a
list of 50,000 took 9 GB. Here the file is read in chunks, the byte span of each element of
the collection is found without building anything (a compiled pattern that matches a whole
bracketed value, strings skipped, at C speed), and each element is parsed, located and
handed on alone (``load.load_part``): memory holds one element and a chunk, whatever N.
Positions are the file's: the reader counts lines and columns as it goes, and each element
keeps the text around it on its first and last lines, so findings read exactly as from the
whole file. Each element also says where its bytes are (``SourcePart.place``), so that it can
be read again alone, with the same positions, by seeking to it (:func:`read_part`): a diff
keeps that place for each study, not the study, and reads again only those that changed.

A broken element (invalid JSON, bad UTF-8) is a problem at its place and the next one is
read; a broken frame (a missing comma) is a problem and reading goes on where it can. Only a
file that opens as a collection is read this way: anything else (one huge study, a file
that is no JSON list or page) is left to the whole-file reading, which judges it as always.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING, BinaryIO

from trialint.document import problems
from trialint.document.load import decode_text, load_part, looks_like_study
from trialint.document.model import LoadedFile, PartPlace, SourcePart
from trialint.document.spans import QUOTED_LINE_LIMIT, moved
from trialint.document.yaml12 import Problem
from trialint.finding import Span

if TYPE_CHECKING:
    from trialint.sources.inputs import Input

_CHUNK = 4 * 2**20
# No study record comes near this (the registry's largest is a few megabytes): an element
# that does not end within it is reported, not held.
MAX_ELEMENT_BYTES = 256 * 2**20
# Of an unterminated element, at most this much is parsed to say where it breaks.
_ERROR_TEXT_BYTES = 16 * 2**20
# Bytes of a line kept around an element: more than the longest line ever quoted.
_LINE_BYTES = 4 * (QUOTED_LINE_LIMIT + 2)
_DEPTH = 48  # nesting the one-match pattern follows; deeper values are scanned bracket by bracket

_SPACE = re.compile(rb"[ \t\n\r]*+")
_STRING_PATTERN = rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"'
_STRING = re.compile(_STRING_PATTERN)
_SCALAR = re.compile(rb'[^ \t\n\r,\]}\[{":]*+')  # a number, true, false, null (or junk)
_TO_BRACKET = re.compile(rb'[^"\[\]{}]*+(?:' + _STRING_PATTERN + rb'[^"\[\]{}]*+)*+([\[\]{}])')
_OPENERS = frozenset(b"[{")


@cache
def _container() -> re.Pattern[bytes]:
    """A whole bracketed value nested up to ``_DEPTH`` deep, strings skipped, in one match.
    Bracket kinds are not paired here: the element's parse judges its JSON."""
    value = rb"[\[{](?:[^\"\[\]{}]++|" + _STRING_PATTERN + rb")*+[\]}]"
    for _ in range(_DEPTH):
        value = rb"[\[{](?:[^\"\[\]{}]++|" + _STRING_PATTERN + rb"|" + value + rb")*+[\]}]"
    return re.compile(value)


class _Reader:
    """The stream's bytes from where reading stands (``data[at:]``), the file's line and
    column there, and where that line starts in ``data`` (-1: before it, and long);
    ``data[0]`` is byte ``base`` of the file."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.data = b""
        self.base = 0
        self.at = 0
        self.eof = False
        self.line, self.column = 1, 1
        self.line_start = 0

    def fill(self) -> bool:
        """Read another chunk, dropping what is behind (the current line's start is kept
        while it can be quoted); False at the end of the stream."""
        if self.eof:
            return False
        chunk = self._stream.read(max(_CHUNK, len(self.data) - self.at))
        if not chunk:
            self.eof = True
            return False
        keep = self.at
        if self.line_start >= 0 and self.at - self.line_start <= _LINE_BYTES:
            keep = self.line_start
        self.data = self.data[keep:] + chunk
        self.base += keep
        self.at -= keep
        self.line_start = self.line_start - keep if self.line_start >= keep else -1
        return True

    def peek(self) -> int | None:
        """The byte after the spaces from here (skipped), None at the end of the stream."""
        while True:
            end = _SPACE.match(self.data, self.at).end()  # type: ignore[union-attr]
            self.advance(end)
            if end < len(self.data):
                return self.data[end]
            if not self.fill():
                return None

    def advance(self, to: int) -> None:
        """Move to ``data[to]``, counting the lines and columns passed."""
        data, at = self.data, self.at
        breaks = data.count(b"\n", at, to)
        if breaks:
            self.line += breaks
            self.line_start = data.rfind(b"\n", at, to) + 1
            self.column = 1 + _characters(data[self.line_start : to])
        else:
            self.column += _characters(data[at:to])
        self.at = to

    def value_end(self) -> int | None:
        """Where the value starting here ends in ``data`` (read on until it does, and until
        the line it ends on is held); None when the stream ends first or it is too long."""
        while True:
            end = self._end()
            if end is not None:
                length = end - self.at
                while self.data.find(b"\n", end, end + _LINE_BYTES) == -1 and (
                    len(self.data) - end < _LINE_BYTES and self.fill()
                ):
                    end = self.at + length
                return self.at + length
            if len(self.data) - self.at > MAX_ELEMENT_BYTES or not self.fill():
                return None

    def _end(self) -> int | None:
        data, at = self.data, self.at
        first = data[at]
        if first in _OPENERS:
            match = _container().match(data, at)
            if match is not None:
                return match.end()
            if self.eof or len(data) - at >= _CHUNK:  # deeper than the pattern, or long
                return _bracket_end(data, at)
            return None
        if first == 0x22:  # '"'
            found = _STRING.match(data, at)
            return found.end() if found is not None else None
        end = _SCALAR.match(data, at).end()  # type: ignore[union-attr]
        return end if end < len(data) or self.eof else None

    def head(self) -> int:
        """How many bytes of the current line before here are held: all of them when the
        line started at most ``_LINE_BYTES`` back (``fill`` keeps them), else none (-1). Told
        by the position alone, not by where chunks fell, so that a reader started at an
        element (a slice's, ``read_slice``) holds what the reader of the whole file held."""
        if self.line_start < 0 or self.at - self.line_start > _LINE_BYTES:
            return -1
        return self.at - self.line_start

    def here(self) -> Span:
        return Span(self.line, self.column, self.line, self.column + 1)


def _characters(data: bytes) -> int:
    """How many characters UTF-8 ``data`` holds (a column's width)."""
    return len(data.decode("utf-8", errors="replace"))


def _bracket_end(data: bytes, at: int) -> int | None:
    """Where the bracketed value at ``at`` ends, any depth, bracket by bracket; None when the
    data ends inside it."""
    depth, position = 0, at
    while (match := _TO_BRACKET.match(data, position)) is not None:
        position = match.end()
        depth += 1 if data[position - 1] in _OPENERS else -1
        if depth == 0:
            return position
    return None


def _syntax_error(message: str, where: Span) -> LoadedFile:
    """A problem of the file around its elements (a missing comma, text after the end)."""
    return LoadedFile(None, problems=[Problem(problems.SYNTAX_ERROR, message, where)])


def open_collection(
    item: Input, until: int | None = None
) -> tuple[BinaryIO, Iterator[LoadedFile]] | None:
    """The stream of the JSON list or API page ``item`` holds, and its elements
    (:func:`read_collection`), for lint and diff alike: the caller closes the stream when
    done. None when the file is no such collection (the stream is closed: read the file
    whole). Raises InputError when the input cannot be opened."""
    stream = item.open()
    try:
        elements = read_collection(stream, item.name, until)
    except BaseException:
        stream.close()
        raise
    if elements is None:
        stream.close()
        return None
    return stream, elements


def read_collection(
    stream: BinaryIO, name: str, until: int | None = None
) -> Iterator[LoadedFile] | None:
    """Each element of the JSON list or API page ``stream`` holds, loaded alone, and the
    problems of its frame, in the order of the file; None when the file does not open as a
    list or as a page whose ``studies`` list comes before any section of a study (then
    nothing was reported: read it whole).

    ``until`` (the first of a file's slices shared among a cluster's workers): only the
    elements and problems that start before that byte; :func:`read_slice` reads the others,
    each slice from its :func:`checkpoint`."""
    reader = _reader_at(stream, None)
    if reader is None:
        return None
    page = _open(reader)
    if page is None:
        return None
    return _before(reader, _elements(reader, name, page), until)


@dataclass(frozen=True)
class Checkpoint:
    """Where an element of a collection starts, with the reader's state there (its line,
    column, how much of its line before it is held, its number, whether the collection is a
    page): what a slice's reader needs to start there as if it had read the file up to it."""

    offset: int
    index: int
    line: int
    column: int
    head: int  # bytes of its line before it that the reader holds (-1: none, the line is long)
    page: bool
    comma_missing: bool = False  # no comma before it: a problem at its place, the slice's


def checkpoint(
    stream: BinaryIO, name: str, after: Checkpoint | None, boundary: int
) -> Checkpoint | None:
    """The first element that starts at byte ``boundary`` or after, found by reading from
    ``after`` (None: the file's start) and passing over the elements before it unparsed; None
    when none does (or the file is no collection). A cluster chains these, a slice's length
    apart, so that each slice starts reading at its own first element: the file is scanned
    once, not once per slice."""
    reader = _reader_at(stream, after)
    if reader is None:
        return None
    page, index = (after.page, after.index) if after is not None else (_open(reader), 0)
    if page is None:
        return None
    stop = _Stop(boundary)
    missing = after.offset if after is not None and after.comma_missing else -1
    for _ in _elements(reader, name, page, index, stop, missing):
        pass
    return stop.found


def read_slice(
    stream: BinaryIO, name: str, start: Checkpoint, end: int | None
) -> Iterator[LoadedFile]:
    """The elements and problems of a collection from the element at ``start`` to byte
    ``end`` (None: the end of the file), read from there: a slice after the first (which
    ``read_collection(stream, name, end)`` reads)."""
    reader = _reader_at(stream, start)
    assert reader is not None
    found = _elements(reader, name, start.page, start.index)
    if start.comma_missing:
        found = chain([_syntax_error("Expecting ',' delimiter", reader.here())], found)
    return _before(reader, found, end)


def _reader_at(stream: BinaryIO, start: Checkpoint | None) -> _Reader | None:
    """A reader at the file's start (None: the file is empty), or at ``start`` in the state
    the reader that found it was in."""
    reader = _Reader(stream)
    if start is None:
        if not reader.fill():
            return None
        if reader.data.startswith(b"\xef\xbb\xbf"):
            reader.at = reader.line_start = 3
        return reader
    origin = start.offset - max(start.head, 0)
    stream.seek(origin)
    reader.base = origin
    reader.data = stream.read(start.offset - origin + _CHUNK)
    reader.at = start.offset - origin
    reader.line, reader.column = start.line, start.column
    reader.line_start = 0 if start.head >= 0 else -1
    return reader


class _Stop:
    """Where ``_elements`` stops: at the first element that starts at ``boundary`` or after,
    whose checkpoint it keeps."""

    def __init__(self, boundary: int) -> None:
        self.boundary = boundary
        self.found: Checkpoint | None = None


def _open(reader: _Reader) -> bool | None:
    """Move to the first element of the collection: True in a page, False in a list, None
    when the file is neither."""
    first = reader.peek()
    if first == 0x5B:  # '['
        reader.advance(reader.at + 1)
        return False
    if first != 0x7B:  # '{'
        return None
    reader.advance(reader.at + 1)
    while reader.peek() == 0x22:
        key = _member_key(reader)
        if key is None:
            return None
        if key == "studies" and reader.peek() == 0x5B:
            reader.advance(reader.at + 1)
            return True
        if looks_like_study({key: None}):
            return None  # one study (whose "studies" field, if any, is no page's)
        end = reader.value_end()
        if end is None:
            return None
        reader.advance(end)
        if reader.peek() != 0x2C:  # ','
            return None
        reader.advance(reader.at + 1)
    return None


def _member_key(reader: _Reader) -> str | None:
    """The key of the object member here, moved to its value; None if it is no key."""
    end = reader.value_end()
    if end is None:
        return None
    try:
        key = json.loads(reader.data[reader.at : end])
    except ValueError:
        return None
    reader.advance(end)
    if reader.peek() != 0x3A:  # ':'
        return None
    reader.advance(reader.at + 1)
    reader.peek()  # to the value, past the spaces a writer puts after the colon
    return key if isinstance(key, str) else None


def _elements(
    reader: _Reader,
    name: str,
    page: bool,
    index: int = 0,
    stop: _Stop | None = None,
    comma_missing: int = -1,
) -> Iterator[LoadedFile]:
    """The elements and the frame's problems, the first numbered ``index``. With ``stop``,
    a scan: no element is parsed (their bounds are found at the pattern's speed, their lines
    counted), and the reading stops at ``stop``'s boundary, its checkpoint kept.
    ``comma_missing``: where an element follows another without a comma (a problem reported
    there)."""
    following = reader.peek()
    if following == 0x5D:  # ']': an empty list
        reader.advance(reader.at + 1)
        yield from _after(reader, page)
        return
    while following is not None:
        end = reader.value_end()
        if end is None:
            yield _unterminated(reader)
            return
        position = reader.base + reader.at
        if stop is not None and position >= stop.boundary:
            head = reader.head()
            stop.found = Checkpoint(position, index, reader.line, reader.column, head, page,
                                    comma_missing == position)  # fmt: skip
            return
        if stop is None:
            yield _element(reader, name, index, end)
        reader.advance(end)
        index += 1
        following = reader.peek()
        if following == 0x2C:  # ','
            reader.advance(reader.at + 1)
            following = reader.peek()
            if following == 0x5D:
                yield _syntax_error("Expecting value", reader.here())
        elif following != 0x5D:
            yield _syntax_error("Expecting ',' delimiter", reader.here())
            comma_missing = reader.base + reader.at  # before the element that follows
            if following is None or following not in b'[{"':
                return  # no element to go on with
        if following == 0x5D:
            reader.advance(reader.at + 1)
            yield from _after(reader, page)
            return
    yield _syntax_error("Expecting ',' delimiter", reader.here())


def _element(reader: _Reader, name: str, index: int, end: int) -> LoadedFile:
    """The element ``data[at:end]``, with the file's text around it on its lines."""
    at = reader.at
    head = reader.head()
    place = PartPlace(index, reader.base + at, end - at, reader.line, reader.column, head)
    return _part(reader.data, at, name, place, eof=reader.eof)


def read_part(stream: BinaryIO, name: str, place: PartPlace) -> LoadedFile | None:
    """The element at ``place`` of the collection ``stream`` holds, read again alone: loaded
    exactly as :func:`read_collection` loaded it, with the same positions, from its own bytes
    and the few around it on its lines; None when the file no longer holds that many bytes
    (it changed)."""
    start = place.offset - max(place.head, 0)
    stream.seek(start)
    at = place.offset - start
    wanted = at + place.length + _LINE_BYTES
    data = stream.read(wanted)
    if len(data) < at + place.length:
        return None
    # Read as the stream read it: the element's line from where ``head`` starts, and either
    # ``_LINE_BYTES`` after it or the end of the file (which ``eof`` tells the tail).
    return _part(data, at, name, place, eof=len(data) < wanted)


def _part(data: bytes, at: int, name: str, place: PartPlace, *, eof: bool) -> LoadedFile:
    """The element ``data[at:at + place.length]`` loaded alone: the file's text around it is
    its ``place.head`` bytes before it, and after it to the end of its line, unless that line
    goes on past ``_LINE_BYTES`` (or the data ends before, and not at the file's end)."""
    end = at + place.length
    element = data[at:end]
    text = decode_text(element)
    if isinstance(text, Problem):
        where = moved(text.span, place.line, place.column)
        return LoadedFile(None, problems=[Problem(text.rule, text.message, where)])
    head = None
    if place.head >= 0:
        head = data[at - place.head : at].decode("utf-8", errors="replace")
    line_end = data.find(b"\n", end, end + _LINE_BYTES)
    tail = None
    if line_end != -1 or (eof and len(data) - end < _LINE_BYTES):
        tail = data[end : line_end if line_end != -1 else len(data)].decode(
            "utf-8", errors="replace"
        )
    indent = len(head) if head is not None and not head.strip(" ") else 0
    part = SourcePart(name, text, "json", place.line, place.column, head, tail, place)
    return load_part(element, part, place.index, indent)


def _before(reader: _Reader, found: Iterator[LoadedFile], end: int | None) -> Iterator[LoadedFile]:
    """What ``found`` yields while the reader stands before byte ``end`` (each element and
    problem is yielded with the reader at its start); None: all of it."""
    if end is None:
        yield from found
        return
    for loaded in found:
        if reader.base + reader.at >= end:
            return
        yield loaded


def _unterminated(reader: _Reader) -> LoadedFile:
    """The problem of an element that does not end: where the json module sees it break."""
    rest = reader.data[reader.at : reader.at + _ERROR_TEXT_BYTES]
    try:
        json.loads(rest.decode("utf-8", errors="replace"))
    except json.JSONDecodeError as error:
        where = Span(error.lineno, error.colno, error.lineno, error.colno + 1)
        return _syntax_error(error.msg, moved(where, reader.line, reader.column))
    except RecursionError:
        pass
    return _syntax_error("this entry does not end (a bracket is not closed)", reader.here())


def _after(reader: _Reader, page: bool) -> Iterator[LoadedFile]:
    """The rest of the file after the collection: a page's other members, then nothing."""
    if page:
        while reader.peek() == 0x2C:
            reader.advance(reader.at + 1)
            if reader.peek() != 0x22 or _member_key(reader) is None:
                yield _syntax_error("Expecting property name enclosed in double quotes",
                                    reader.here())  # fmt: skip
                return
            end = reader.value_end()
            if end is None:
                yield _unterminated(reader)
                return
            reader.advance(end)
        if reader.peek() != 0x7D:  # '}'
            yield _syntax_error("Expecting ',' delimiter", reader.here())
            return
        reader.advance(reader.at + 1)
    if reader.peek() is not None:
        yield _syntax_error("Extra data", reader.here())
