"""Where each value of a parsed tree is written, looked up by path only when a finding needs it.

A position is kept as two character offsets into the file's text (start, end): the cheapest
thing to record for every value. Lines and columns are worked out from them, by
:class:`LineIndex`, only for the values findings are about.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from trialint.document.pointer import Token
from trialint.finding import Span

RawSpan = tuple[int, int]  # character offsets: start, end (exclusive)
# Characters counted, in lengths of the text, before a table of line starts pays.
COUNTING_PASSES = 8
# The longest line quoted. The registry's longest field (a detailed description: at most
# 32,000 characters, twice that with escapes) fits on one line below it; a compact JSON list
# or API page of thousands of studies is one line of megabytes.
QUOTED_LINE_LIMIT = 100_000


def span_at_byte(data: bytes, offset: int) -> Span:
    """The one-character span at a byte offset of a file's bytes (where a decoder or libyaml
    stopped), its column counted in characters."""
    offset = min(max(offset, 0), len(data))
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Span(line, column, line, column + 1)


def moved(span: Span, line: int, column: int) -> Span:
    """A span counted in a part of a file that starts at ``line``:``column``, as the file
    counts it (only the part's first line is shifted right)."""
    shift = column - 1
    return Span(
        span.line + line - 1, span.column + shift * (span.line == 1),
        span.end_line + line - 1, span.end_column + shift * (span.end_line == 1),
    )  # fmt: skip


class LineIndex:
    """Turns character offsets of a text into 1-based lines and columns.

    A position is found by counting the newlines between it and the position found before it,
    forwards or backwards, at memchr speed. Findings come study by study, and those of one
    study lie close together: the positions of a whole file, one study or a list of 50,000,
    cost about one pass over it and no table, where counting from the start of the file each
    time grew with the square of its size. Where each line found starts is kept, so quoting
    the lines findings point at costs nothing more.

    Positions in no order (a file of 60,000 duplicate keys, each pointing back at the first)
    would count the file over and over: once the characters counted reach a few times the
    text's length, a table of line starts is made, once, and each position is a binary search
    in it. A table costs about as much as counting the text ten times, and holds an int for
    every line: a list of 10,000 studies has 7.7 million lines, nearly 300 MB of table.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        self._known: dict[int, int] = {}  # line -> where it starts, for lines found so far
        self._last = (0, 1, 0)  # the position found last: its offset, line and line's start
        self._counted = 0  # characters counted and searched so far
        self._budget = COUNTING_PASSES * len(text)

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None and self._counted <= self._budget:
            return self._count_from_last(offset)
        starts = self._line_starts()
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def _count_from_last(self, offset: int) -> tuple[int, int]:
        text = self._text
        last, line, line_start = self._last
        low, high = min(offset, last), max(offset, last)
        breaks = text.count("\n", low, high)
        self._counted += high - low
        if breaks and offset > last:
            line += breaks
            line_start = text.rfind("\n", last, offset) + 1
        elif breaks:
            line -= breaks
            line_start = text.rfind("\n", 0, offset) + 1
        self._counted += offset - line_start if breaks else 0  # the search for the line start
        self._last = (offset, line, line_start)
        self._known[line] = line_start
        return line, offset - line_start + 1

    def _line_starts(self) -> list[int]:
        if self._starts is None:  # lines end at "\n" only, as positions count them
            lengths = (len(line) + 1 for line in self._text.split("\n"))
            self._starts = [0, *accumulate(lengths)]
        return self._starts

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        breaks = self._text.count("\n", start, end) if end > start else 0
        if not breaks:
            return Span(line, column, line, column + max(0, end - start))
        return Span(line, column, line + breaks, end - self._text.rfind("\n", start, end))

    def line_text(self, number: int) -> str:
        """The text of a 1-based line ('' past the end, and for a line longer than
        ``QUOTED_LINE_LIMIT``).

        Each finding on a line asks for it. A compact JSON list or API page is one line as
        long as the file: searching it to its end and copying it for each finding would grow
        with the number of studies times the size of the file, and a report would print the
        whole file under each finding. The search for the line's end stops at the limit.
        """
        start = self._known.get(number)
        if start is None:
            starts = self._line_starts()
            if not 0 < number < len(starts):
                return ""
            start = starts[number - 1]
        end = self._text.find("\n", start, start + QUOTED_LINE_LIMIT + 2)  # and its "\r"
        if end == -1:
            end = len(self._text)
            if end - start > QUOTED_LINE_LIMIT + 1:
                return ""
        line = self._text[start:end].rstrip("\r")
        return line if len(line) <= QUOTED_LINE_LIMIT else ""


@dataclass(frozen=True, slots=True)
class Location:
    """The offsets of the value at a path (and of its key, for a mapping entry); ``found`` is
    False when the path stops early (a missing field), and then they are those of the deepest
    value that exists."""

    value: RawSpan
    key: RawSpan | None
    found: bool


NOWHERE = Location((0, 0), None, False)


@dataclass
class SpanTable:
    """Spans of the values of a tree, keyed by the identity of their container.

    ``containers`` maps ``id(mapping)`` to ``{key: (key_span, value_span)}`` and ``id(list)``
    to ``[value_span, ...]``; ``roots`` holds the span of each document's top value.
    """

    containers: dict[int, Any] = field(default_factory=dict)
    roots: dict[int, RawSpan] = field(default_factory=dict)

    def locate(self, root: Any, tokens: Sequence[Token]) -> Location:
        raw = self.roots.get(id(root), (0, 0))
        key_raw: RawSpan | None = None
        node = root
        for token in tokens:
            entries = self.containers.get(id(node))
            try:
                if isinstance(node, dict):
                    key_raw, raw = entries[token]  # type: ignore[index]
                    node = node[token]
                elif isinstance(node, list):
                    key_raw, raw = None, entries[int(token)]  # type: ignore[index]
                    node = node[int(token)]
                else:
                    raise KeyError(token)
            except (KeyError, IndexError, ValueError, TypeError):
                return Location(raw, key_raw, False)
        return Location(raw, key_raw, True)


class PartLineIndex(LineIndex):
    """The :class:`LineIndex` of a part of a larger file (one study of a large JSON list, read
    on its own): offsets into the part's text, positions in the file.

    The part starts at ``line``:``column`` of the file. Its first and last lines are shared
    with the text around it (``head``: the file's text before it on its first line; ``tail``:
    after it on its last line, both None when longer than ``QUOTED_LINE_LIMIT``, as on a
    compact page of thousands of studies on one line): a quoted line is the file's whole line,
    exactly as :meth:`LineIndex.line_text` quotes it from the whole text.
    """

    def __init__(
        self, text: str, line: int, column: int, head: str | None, tail: str | None
    ) -> None:
        super().__init__(text)
        self._line, self._column = line, column
        self._head, self._tail = head, tail
        self._last_line = text.count("\n") + 1

    def position(self, offset: int) -> tuple[int, int]:
        line, column = super().position(offset)
        return line + self._line - 1, column + self._column - 1 if line == 1 else column

    def line_text(self, number: int) -> str:
        own = number - self._line + 1  # the part's own line number
        if own != 1 and own != self._last_line:
            return super().line_text(own) if own > 0 else ""
        head = self._head if own == 1 else ""
        tail = self._tail if own == self._last_line else ""
        if head is None or tail is None:  # a line too long to quote
            return ""
        text = self._text
        start = text.rfind("\n") + 1 if own != 1 else 0
        end = text.find("\n") if own != self._last_line else len(text)
        line = (head + text[start:end] + tail).rstrip("\r")
        return line if len(line) <= QUOTED_LINE_LIMIT else ""
