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
COUNTED_POSITIONS = 32  # positions found by counting newlines before a table of lines pays
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


class LineIndex:
    """Turns character offsets of a text into 1-based lines and columns.

    Counting newlines before an offset runs at memchr speed, which beats building a table for
    the few findings most files have. Where each line found that way starts is kept, so
    quoting the lines findings point at costs nothing more. Past a few positions, counting
    from the start of the file each time would grow with the square of its size (a file of
    60,000 duplicate keys): a table of line starts (built in C) is made once, and each
    position is a binary search in it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None
        self._known: dict[int, int] = {}  # line -> where it starts, for lines found so far
        self._counted = 0

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None and self._counted < COUNTED_POSITIONS:
            self._counted += 1
            line_start = self._text.rfind("\n", 0, offset) + 1
            line = self._text.count("\n", 0, offset) + 1
            self._known[line] = line_start
            return line, offset - line_start + 1
        starts = self._line_starts()
        line = bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

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
