"""The loaded forms of a file and of the studies in it."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from trialint.document.locators import Locator
from trialint.document.pointer import Token, to_pointer
from trialint.document.spans import LineIndex, Location, PartLineIndex, moved
from trialint.document.yaml12 import Problem, RawTexts
from trialint.finding import Finding, Fix, Related, Span
from trialint.registry import nct_id_of
from trialint.rule import Rule


@dataclass
class SourceFile:
    path: str
    text: str
    format: str  # "yaml" or "json"

    @cached_property
    def line_index(self) -> LineIndex:
        return LineIndex(self.text)

    def line(self, number: int) -> str:
        """The text of a 1-based line, or '' past the end."""
        return self.line_index.line_text(number) if number > 0 else ""


@dataclass(frozen=True, slots=True)
class PartPlace:
    """Where a part's bytes are in its file, and what reading it again alone needs
    (``stream.read_part``): a diff keeps this, not the part, for each study of a large list,
    and reads a changed one again by seeking to it rather than reading the file again."""

    index: int  # which entry of the collection
    offset: int  # of its first byte in the file (a byte order mark counts)
    length: int  # in bytes
    line: int  # where it starts in the file, 1-based
    column: int
    head: int  # bytes of its first line before it that the reading kept (-1: none, too long)


@dataclass
class SourcePart(SourceFile):
    """One element of a large JSON list or API page, read on its own (see
    ``document.stream``): ``text`` is the element's text alone, so its values' offsets are
    offsets into it, and its positions are those of the file, from where the element starts
    (``first_line``:``first_column``) and the file's text around it on its first and last lines (see
    :class:`PartLineIndex`)."""

    first_line: int
    first_column: int
    head: str | None
    tail: str | None
    place: PartPlace | None = None  # where its bytes are in the file

    @cached_property
    def line_index(self) -> LineIndex:
        return PartLineIndex(self.text, self.first_line, self.first_column, self.head, self.tail)

    def in_file(self, span: Span) -> Span:
        """A span counted in the part's own text (a parser's error), as the file counts it."""
        return moved(span, self.first_line, self.first_column)


@dataclass
class Study:
    """One study record and the way back to where its values are written."""

    data: dict[str, Any]
    source: SourceFile
    document: int  # which document of the file (YAML streams may hold several)
    base: tuple[Token, ...]  # path from the document's top to the study (/N, /studies/N)
    locator: Locator
    raw_texts: RawTexts | None = None  # YAML only: see ParsedYaml.raw_texts
    in_collection: bool = False  # one of several studies in its file

    @property
    def nct_id(self) -> str | None:
        return nct_id_of(self.data)

    def locate(self, tokens: Sequence[Token]) -> Location:
        return self.locator.locate(self.document, (*self.base, *tokens))

    def finding(
        self,
        rule: Rule,
        message: str,
        tokens: Sequence[Token],
        *,
        at_key: bool = False,
        within: tuple[int, int] | None = None,
        fix: Fix | None = None,
        related: Sequence[Sequence[Token]] = (),
    ) -> Finding:
        """A finding about the value at ``tokens`` (relative to the study).

        ``at_key`` points at the key instead of its value (an unknown field); ``within`` (offset,
        length) at a part of a text value (a misspelled word). A path that does not exist (a
        missing field) points at the key of the deepest part that does. ``related`` are the
        other fields the finding is about (the other side of a contradiction).
        """
        location = self.locate(tokens)
        if location.key is not None and (at_key or not location.found):
            start, end = location.key
        else:
            start, end = location.value
        if within is not None and location.found and not at_key:
            start, end = self._narrow(location.value, tokens, *within)
        span = self.source.line_index.span(start, end)
        return Finding(
            rule, message, self.source.path, span, to_pointer(tokens), self.nct_id, fix=fix,
            related=tuple(Related(to_pointer(other), self._span_of(other)) for other in related),
        )  # fmt: skip

    def _span_of(self, tokens: Sequence[Token]) -> Span:
        """Where the value at ``tokens`` is written (a missing one: the key of its deepest part
        that exists)."""
        location = self.locate(tokens)
        start, end = location.value if location.found or location.key is None else location.key
        return self.source.line_index.span(start, end)

    def _narrow(
        self, written: tuple[int, int], tokens: Sequence[Token], offset: int, length: int
    ) -> tuple[int, int]:
        """Where ``value[offset:offset + length]`` is written, when the source shows it as is
        (quoting, escapes or folded lines can hide it: then the whole value's offsets). A part
        that goes on to another line ('the' at a line's end, 'the' at the next one's start)
        is found by its first word, which one line holds."""
        value: Any = self.data
        for token in tokens:
            value = value[token]
        target = value[offset : offset + length] if isinstance(value, str) else ""
        if not target:
            return written
        found = self._find(written, value, target, offset)
        words = target.split(maxsplit=1)
        if found is None and len(words) > 1:
            found = self._find(written, value, words[0], offset)
        return written if found is None else found

    def _find(
        self, written: tuple[int, int], value: str, target: str, offset: int
    ) -> tuple[int, int] | None:
        """Where the source writes the ``target`` that starts at ``offset`` of the value."""
        if "\n" in target:
            return None
        # The n-th place the value holds the target is the n-th place its source text does,
        # overlapping ones too ('the the' starts in 'Soothe the the'). Both lists are made once
        # per value and target: a value with thousands of findings is read once, not once each.
        key = (written, target)
        places = self._places.get(key)
        if places is None:
            places = self._places[key] = (
                _occurrences(value, target, 0, len(value)),
                _occurrences(self.source.text, target, *written),
            )
        in_value, in_source = places
        before = bisect_left(in_value, offset)
        if before < len(in_source):
            return in_source[before], in_source[before] + len(target)
        return None

    @cached_property
    def _places(self) -> dict[tuple[tuple[int, int], str], tuple[list[int], list[int]]]:
        return {}


def _occurrences(text: str, target: str, start: int, end: int) -> list[int]:
    """Every place ``target`` starts in ``text[start:end]``, overlapping ones included."""
    places = []
    found = text.find(target, start, end)
    while found != -1:
        places.append(found)
        found = text.find(target, found + 1, end)
    return places


@dataclass
class LoadedFile:
    """What reading one file gave: its studies, and the problems that stood in the way."""

    source: SourceFile | None
    studies: list[Study] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
