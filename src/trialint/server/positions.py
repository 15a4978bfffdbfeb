"""Positions in an editor's buffer as the Language Server Protocol counts them.

trialint counts 1-based lines ending at ``\\n`` and columns in characters (code points); the
protocol counts 0-based lines and columns in the code units the client and server agreed on:
UTF-16 by default (a letter beyond the Basic Multilingual Plane, '𝛽', is two), UTF-8 or UTF-32
when the client offers them. ``units`` counts a text in those units (pygls's position codec).
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types

from trialint.document.spans import LineIndex
from trialint.finding import Span


class BufferPositions:
    """Converts trialint's positions in one text into the client's."""

    def __init__(self, text: str, units: Callable[[str], int]) -> None:
        self._lines = text.split("\n")
        self._units = units
        self._index = LineIndex(text)

    def position(self, line: int, column: int) -> types.Position:
        """The client's position of 1-based ``line`` and ``column`` (in characters)."""
        row = line - 1
        text = self._lines[row] if 0 <= row < len(self._lines) else ""
        characters = column - 1
        beyond = max(0, characters - len(text))  # past the line's end: as many units as asked
        return types.Position(line=row, character=self._units(text[:characters]) + beyond)

    def range(self, span: Span) -> types.Range:
        return types.Range(
            start=self.position(span.line, span.column),
            end=self.position(span.end_line, span.end_column),
        )

    def at_offset(self, offset: int) -> types.Position:
        """The client's position of a character offset into the text."""
        return self.position(*self._index.position(offset))
