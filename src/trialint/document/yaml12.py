"""Read YAML as YAML 1.2 into plain data, with the position of every value.

Why not a YAML library's loader? PyYAML reads YAML 1.1 (``NO`` becomes false, ``2022-09-15`` a
date, ``1.10`` the float 1.1 with its text lost), overwrites duplicate keys silently, expands
aliases without bound and composes recursively in C (a deeply nested file crashes the process).
ruamel.yaml reads 1.2 but its loaders are 5 to 30 times slower. So trialint takes libyaml's
event stream (fast C, no recursion, a line and column on every event) and builds the data itself
in one loop, applying the YAML 1.2 core schema, with limits on depth and alias expansion. The
positions go to a :class:`SpanTable`, consulted only when a finding is reported.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from typing import Any

from yaml import YAMLError
from yaml._yaml import CParser
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from trialint.document import problems
from trialint.document.pointer import Token
from trialint.document.spans import RawSpan, SpanTable, raw_to_span
from trialint.finding import Span
from trialint.rule import Rule

MAX_DEPTH = 64  # a study nests about 10 levels; validators recurse per level
MAX_ALIAS_EXPANSION = 10_000  # values an alias may add beyond what the file spells out

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NUMBER_START = frozenset("0123456789+-.")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOATS = {
    ".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
    "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}  # fmt: skip

_TAG = "tag:yaml.org,2002:"
_KNOWN_COLLECTION_TAGS = frozenset({_TAG + "map", _TAG + "seq", "!"})


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core schema: what an untagged, unquoted scalar means."""
    if text in _NULLS:
        return None
    boolean = _BOOLS.get(text)
    if boolean is not None:
        return boolean
    if text[0] in _NUMBER_START:
        if _INT.match(text):
            return int(text)
        if text.startswith("0o") and _OCT.match(text):
            return int(text[2:], 8)
        if text.startswith("0x") and _HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
        special = _SPECIAL_FLOATS.get(text)
        if special is not None:
            return special
    return text


class _Abort(Exception):
    """Stop reading: the file cannot be turned into data safely."""

    def __init__(self, rule: Rule, message: str, span: Span) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.span = span


@dataclass(slots=True)
class Problem:
    rule: Rule
    message: str
    span: Span


RawTexts = dict[tuple[int, Token], str]


@dataclass
class ParsedYaml:
    """What a parse gave. ``spans`` is None unless positions were asked for (or needed)."""

    documents: list[Any]
    spans: SpanTable | None
    # The text of plain scalars read as numbers, booleans or null (an empty value), keyed by
    # (id(container), key): where the schema expects text, the curator meant those characters.
    raw_texts: RawTexts = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


_MISSING = object()
_COMPLEX_KEY = object()
_IN_PROGRESS = object()


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _mark(mark: Any) -> Span:
    return Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)


def _event_span(event: Any) -> RawSpan:
    start, end = event.start_mark, event.end_mark
    return (start.line, start.column, end.line, end.column)


class _NeedSpans(Exception):
    """A problem was found whose report needs positions the fast pass did not record."""


class _Builder:
    """One pass over the events; the state of a partly built stream.

    Recording a position for every value costs a third of the time, and most files have no
    finding at all, so positions are recorded only when asked for.
    """

    def __init__(self, source: bytes | str, *, with_spans: bool) -> None:
        self.parser = CParser(source)
        self.table = SpanTable() if with_spans else None
        self.raw_texts: RawTexts = {}
        self.problems: list[Problem] = []
        self.documents: list[Any] = []
        self.anchors: dict[str, Any] = {}
        self.expanded = 0

    def run(self) -> ParsedYaml:
        # The values of a file form a tree (aliases are shared, never cyclic: a recursive one
        # is refused), so the cyclic garbage collector has nothing to find while we build it;
        # left on, it rescans the growing tree every few hundred allocations.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._loop()
        except YAMLError as error:
            self.documents = []
            self.problems.append(_syntax_problem(error))
        except _Abort as abort:
            self.documents = []
            self.problems.append(Problem(abort.rule, abort.message, abort.span))
        finally:
            self.parser.dispose()
            if collecting:
                gc.enable()
        return ParsedYaml(self.documents, self.table, self.raw_texts, self.problems)

    def _tagged_scalar(self, event: ScalarEvent) -> tuple[Any, str | None]:
        """A scalar with an explicit tag: the JSON-compatible ones are honoured."""
        tag, text = event.tag, event.value
        if tag == "!" or tag == _TAG + "str":
            return text, None
        try:
            if tag == _TAG + "int":
                return int(text, 0), None
            if tag == _TAG + "float":
                return float(text), None
            if tag == _TAG + "bool":
                return _BOOLS[text], None
            if tag == _TAG + "null":
                return None, None
        except (KeyError, ValueError):
            message = f"{text!r} cannot be read as {_short(tag)}; read as text"
        else:
            message = f"unsupported tag {_short(tag)}; the value is read as text"
        problem = Problem(problems.UNSUPPORTED_TAG, message, raw_to_span(_event_span(event)))
        self.problems.append(problem)
        return text, None

    def _loop(self) -> None:
        get_event = self.parser.get_event
        table = self.table
        containers = table.containers if table is not None else None
        raw_texts = self.raw_texts
        anchors = self.anchors
        values = 0  # values read so far, aliases counted as what they stand for
        raw_span: RawSpan | None = None  # stays None when positions are not recorded
        # A frame: [container, is_mapping, pending_key, key_span, start (line, column), anchor,
        #           values at start, spans of the container's entries]
        stack: list[list[Any]] = []
        while True:
            event = get_event()
            kind = event.__class__
            raw_text: str | None = None
            if kind is ScalarEvent:
                if containers is not None:
                    start, end = event.start_mark, event.end_mark
                    raw_span = (start.line, start.column, end.line, end.column)
                text = event.value
                values += 1
                if stack and stack[-1][1] and stack[-1][2] is _MISSING:
                    frame = stack[-1]  # a mapping key: its text is the key, as written
                    frame[2], frame[3] = text, raw_span
                    if event.anchor is not None:
                        anchors[event.anchor] = (text, 1)
                    continue
                if event.tag is not None:
                    value, raw_text = self._tagged_scalar(event)
                elif event.style:  # quoted or block scalars are text
                    value = text
                elif not text:  # `key:` and nothing: null, or "" where text is expected
                    value, raw_text = None, ""
                else:
                    value = resolve_plain(text)
                    if value is not None and value.__class__ is not str:
                        raw_text = text
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _Abort(
                        problems.TOO_DEEP,
                        f"values nested more than {MAX_DEPTH} levels deep; not read further",
                        _mark(event.start_mark),
                    )
                is_mapping = kind is MappingStartEvent
                if event.tag is not None and event.tag not in _KNOWN_COLLECTION_TAGS:
                    self.problems.append(
                        Problem(
                            problems.UNSUPPORTED_TAG,
                            f"unsupported tag {_short(event.tag)}; read as a plain "
                            f"{'mapping' if is_mapping else 'list'}",
                            _mark(event.start_mark),
                        )
                    )
                container: Any = {} if is_mapping else []
                spans: Any = None
                start_at = None
                if containers is not None:
                    spans = {} if is_mapping else []
                    containers[id(container)] = spans
                    start_at = (event.start_mark.line, event.start_mark.column)
                if event.anchor is not None:
                    anchors[event.anchor] = _IN_PROGRESS
                stack.append(
                    [container, is_mapping, _MISSING, None, start_at, event.anchor, values, spans]
                )
                values += 1
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                value = frame[0]
                if containers is not None:
                    end = event.end_mark
                    raw_span = (*frame[4], end.line, end.column)
                if frame[5] is not None:
                    anchors[frame[5]] = (value, values - frame[6])
            elif kind is AliasEvent:
                value, size = self._alias(event)
                values += size
                if containers is not None:
                    raw_span = _event_span(event)
            elif kind is DocumentEndEvent:
                anchors.clear()
                continue
            elif kind is StreamEndEvent:
                return
            else:  # stream and document starts
                continue

            if not stack:
                if table is not None:
                    table.roots[id(value)] = raw_span  # type: ignore[assignment]
                self.documents.append(value)
                continue
            frame = stack[-1]
            if not frame[1]:
                frame[0].append(value)
                if containers is not None:
                    frame[7].append(raw_span)
                if raw_text is not None:
                    raw_texts[(id(frame[0]), len(frame[0]) - 1)] = raw_text
                continue
            if frame[2] is _MISSING:  # a key that is not a plain scalar
                if kind is AliasEvent and not isinstance(value, dict | list):
                    frame[2] = str(value)
                else:
                    frame[2] = _COMPLEX_KEY
                frame[3] = raw_span
                continue
            key, key_span = frame[2], frame[3]
            frame[2] = _MISSING
            mapping = frame[0]
            if key is _COMPLEX_KEY:
                if containers is None:
                    raise _NeedSpans
                self.problems.append(
                    Problem(
                        problems.COMPLEX_KEY,
                        "a list or mapping used as a key; the entry is skipped",
                        raw_to_span(key_span),
                    )
                )
                continue
            if key in mapping:
                if containers is None:
                    raise _NeedSpans
                first = frame[7][key][0]
                self.problems.append(
                    Problem(
                        problems.DUPLICATE_KEY,
                        f"duplicate key {key!r} (first on line {first[0] + 1}); "
                        "the value on this line replaces it",
                        raw_to_span(key_span),
                    )
                )
                del mapping[key]  # the later entry wins, in the later position
            mapping[key] = value
            if containers is not None:
                frame[7][key] = (key_span, raw_span)
            if raw_text is not None:
                raw_texts[(id(mapping), key)] = raw_text

    def _alias(self, event: AliasEvent) -> tuple[Any, int]:
        """The anchored value and how many values it stands for."""
        anchored = self.anchors.get(event.anchor, _MISSING)
        span = _mark(event.start_mark)
        if anchored is _MISSING:
            raise _Abort(problems.SYNTAX_ERROR, f"unknown alias *{event.anchor}", span)
        if anchored is _IN_PROGRESS:
            raise _Abort(
                problems.ALIAS_LIMIT,
                f"alias *{event.anchor} refers to the value that contains it",
                span,
            )
        value, size = anchored
        self.expanded += size
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise _Abort(
                problems.ALIAS_LIMIT,
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                "(a 'billion laughs' file?); not read further",
                span,
            )
        return value, size


def _syntax_problem(error: YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    span = _mark(mark) if mark is not None else Span(1, 1, 1, 2)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    message = f"{problem} ({context})" if context else str(problem)
    return Problem(problems.SYNTAX_ERROR, message, span)


def parse_yaml(source: bytes | str, *, spans: bool = False) -> ParsedYaml:
    """Parse a YAML stream (UTF-8 bytes or text) into documents and problems.

    Positions (``spans``) are recorded when asked for, and whenever a problem needs them.
    """
    try:
        return _Builder(source, with_spans=spans).run()
    except _NeedSpans:
        return _Builder(source, with_spans=True).run()
