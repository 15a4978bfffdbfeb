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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

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
from yaml.reader import ReaderError

from trialint.document import problems
from trialint.document.pointer import Token
from trialint.document.spans import LineIndex, RawSpan, SpanTable, span_at_byte
from trialint.document.syntax import explain
from trialint.finding import Span
from trialint.quoting import quoted
from trialint.rule import Rule

MAX_DEPTH = 64  # a study nests about 10 levels; validators recurse per level
_TOO_DEEP_MESSAGE = f"values nested more than {MAX_DEPTH} levels deep; not read further"
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"  # the problem libyaml's own limit reports
# What aliases may add to a file (see _Builder._alias): ALIAS_FACTOR times the file's size, and
# never less than ALIAS_FLOOR, in the unit of _Builder's weight (a value counts 1, plus the
# characters of its text).
ALIAS_FACTOR = 20
ALIAS_FLOOR = 10_000

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
    """What a parse gave: the documents, where each value is written, and the problems."""

    documents: list[Any]
    spans: SpanTable | None  # None for JSON read by the json module (see locators)
    # The text of plain scalars read as numbers, booleans or null (an empty value), keyed by
    # (id(container), key): where the schema expects text, the curator meant those characters.
    raw_texts: RawTexts = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


_MISSING = object()
_COMPLEX_KEY = object()
_IN_PROGRESS = object()


class _Mark(Protocol):
    """A position in the source, as libyaml's marks and PyYAML's errors give it (0-based)."""

    @property
    def index(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class _Event(Protocol):
    """An event as ``CParser.get_event`` returns it, with what :class:`_Builder` reads of it.

    PyYAML's stubs say ``Event | None`` with optional marks: true of events built by hand, never
    of libyaml's, which carry both marks and end with a StreamEndEvent before any None. The loop
    tells events apart by their class (``kind is ScalarEvent``: one identity test per event,
    cheaper than ``isinstance`` calls, in the loop every YAML file goes through), which mypy
    cannot narrow on; so the node fields are declared here, and the loop reads them only in the
    branches of the classes that have them.
    """

    @property
    def start_mark(self) -> _Mark: ...
    @property
    def end_mark(self) -> _Mark: ...
    @property
    def anchor(self) -> str | None: ...  # node events: scalars, collection starts, aliases
    @property
    def tag(self) -> str | None: ...  # scalars and collection starts
    @property
    def value(self) -> str: ...  # scalars
    @property
    def style(self) -> str | None: ...  # scalars


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _mark(mark: _Mark) -> Span:
    return Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)


def _event_span(event: _Event) -> Span:
    start, end = event.start_mark, event.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Builder:
    """One pass over the events; the state of a partly built stream.

    Each value's position is kept as two character offsets (libyaml's mark index): the
    cheapest thing to record for every value; lines and columns are worked out only for the
    values a finding is about.

    An alias is not copied: it is the anchored value itself, shared. But every later walk of
    the data (the rules, schema validation, an import's JSON) visits it once per alias, reading
    its text each time, so a walk costs what the data would weigh written out in full: the
    *weight*, one per value (a key, a scalar, a list or mapping) plus the characters of each
    scalar. The loop keeps a running weight, an alias counting the weight of what it stands for;
    each anchor's weight is taken once, when its value ends (the weight gained since it began),
    so the count costs one addition per alias, whatever the aliases expand to.
    """

    def __init__(self, source: bytes | str) -> None:
        self.source = source
        self.parser = CParser(source)
        self.table = SpanTable()
        self.raw_texts: RawTexts = {}
        self.problems: list[Problem] = []
        self.documents: list[Any] = []
        # name: (value, weight, height); _IN_PROGRESS while the anchored value is being read
        self.anchors: dict[str, Any] = {}
        self.expanded = 0  # the weight aliases have added so far
        # The weight aliases may add (see _alias): bytes or characters, whichever were given.
        self.alias_budget = max(ALIAS_FLOOR, ALIAS_FACTOR * len(source))
        self._line_index: LineIndex | None = None

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
            self.problems.append(_syntax_problem(error, self.source))
        except _Abort as abort:
            self.documents = []
            self.problems.append(Problem(abort.rule, abort.message, abort.span))
        finally:
            self.parser.dispose()
            if collecting:
                gc.enable()
        return ParsedYaml(self.documents, self.table, self.raw_texts, self.problems)

    def _lines(self) -> LineIndex:
        """Lines and columns of the source, for problems found while building (made once: a
        file may hold thousands of duplicate keys)."""
        if self._line_index is None:
            source = self.source
            self._line_index = LineIndex(
                source.decode("utf-8") if isinstance(source, bytes) else source
            )
        return self._line_index

    def _line_of(self, offset: int) -> int:
        """The 1-based line of a character offset (for the rare problem that needs one)."""
        return self._lines().position(offset)[0]

    def _offset_span(self, raw: RawSpan) -> Span:
        """A Span for a problem found while building, from the offsets of the value."""
        return self._lines().span(*raw)

    def _tagged_scalar(self, event: _Event, tag: str) -> tuple[Any, str | None]:
        """A scalar with an explicit tag (``event.tag``): the JSON-compatible ones are
        honoured."""
        text = event.value
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
            message = f"{quoted(text)} cannot be read as {_short(tag)}; read as text"
        else:
            message = f"unsupported tag {_short(tag)}; the value is read as text"
        self.problems.append(Problem(problems.UNSUPPORTED_TAG, message, _event_span(event)))
        return text, None

    def _number_too_long(self, event: _Event) -> str:
        message = f"a number of {len(event.value):,} digits: no record holds one; read as text"
        self.problems.append(Problem(problems.NUMBER_TOO_LONG, message, _event_span(event)))
        return event.value

    def _loop(self) -> None:
        get_event = cast(Callable[[], _Event], self.parser.get_event)  # see _Event
        table = self.table
        containers = table.containers
        raw_texts = self.raw_texts
        anchors = self.anchors
        weight = 0  # the weight read so far (see the class), aliases counted as what they add
        # A frame: [container, is_mapping, pending_key, key_span, start offset, anchor,
        #           weight at start, spans of the container's entries, deepest level inside]
        # (the root's level is 1; an alias's value can reach deeper than what is written)
        stack: list[list[Any]] = []
        while True:
            event = get_event()
            kind: type[object] = event.__class__
            raw_text: str | None = None
            if kind is ScalarEvent:
                raw_span = (event.start_mark.index, event.end_mark.index)
                text = event.value
                weight += len(text) + 1
                if stack and stack[-1][1] and stack[-1][2] is _MISSING:
                    frame = stack[-1]  # a mapping key: its text is the key, as written
                    frame[2], frame[3] = text, raw_span
                    if event.anchor is not None:
                        anchors[event.anchor] = (text, len(text) + 1, 0)
                    continue
                if (tag := event.tag) is not None:
                    value, raw_text = self._tagged_scalar(event, tag)
                elif event.style:  # quoted or block scalars are text
                    value = text
                elif not text:  # `key:` and nothing: null, or "" where text is expected
                    value, raw_text = None, ""
                else:
                    try:
                        value = resolve_plain(text)
                    except ValueError:  # an integer longer than Python reads (4,300 digits)
                        value = self._number_too_long(event)
                    if value is not None and value.__class__ is not str:
                        raw_text = text
                if event.anchor is not None:
                    anchors[event.anchor] = (value, len(text) + 1, 0)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _Abort(problems.TOO_DEEP, _TOO_DEEP_MESSAGE, _mark(event.start_mark))
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
                spans: Any = {} if is_mapping else []
                containers[id(container)] = spans
                if event.anchor is not None:
                    anchors[event.anchor] = _IN_PROGRESS
                stack.append(
                    [container, is_mapping, _MISSING, None, event.start_mark.index,
                     event.anchor, weight, spans, len(stack) + 1]
                )  # fmt: skip
                weight += 1
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                value = frame[0]
                raw_span = (frame[4], event.end_mark.index)
                deepest = frame[8]
                if stack and deepest > stack[-1][8]:
                    stack[-1][8] = deepest
                if frame[5] is not None:  # its height: its own level is len(stack) + 1
                    anchors[frame[5]] = (value, weight - frame[6], deepest - len(stack))
            elif kind is AliasEvent:
                value, added, deepest = self._alias(event, len(stack))
                weight += added
                if stack and deepest > stack[-1][8]:
                    stack[-1][8] = deepest
                raw_span = (event.start_mark.index, event.end_mark.index)
            elif kind is DocumentEndEvent:
                anchors.clear()
                continue
            elif kind is StreamEndEvent:
                return
            else:  # stream and document starts
                continue

            if not stack:
                table.roots[id(value)] = raw_span
                self.documents.append(value)
                continue
            frame = stack[-1]
            if not frame[1]:
                frame[0].append(value)
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
            mapping, spans = frame[0], frame[7]
            if key is _COMPLEX_KEY:
                self.problems.append(
                    Problem(
                        problems.COMPLEX_KEY,
                        "a list or mapping used as a key; the entry is skipped",
                        self._offset_span(key_span),
                    )
                )
                continue
            if key in mapping:
                self.problems.append(
                    Problem(
                        problems.DUPLICATE_KEY,
                        f"duplicate key {quoted(key)} (first on line "
                        f"{self._line_of(spans[key][0][0])}); the value on this line replaces it",
                        self._offset_span(key_span),
                    )
                )
                del mapping[key]  # the later entry wins, in the later position
            mapping[key] = value
            spans[key] = (key_span, raw_span)
            if raw_text is not None:
                raw_texts[(id(mapping), key)] = raw_text

    def _alias(self, event: _Event, level: int) -> tuple[Any, int, int]:
        """The anchored value, the weight it adds, and the deepest level it reaches, placed
        inside ``level`` lists and mappings; or the file refused (F006).

        A bomb is told from a big record by what its aliases cost against the file's size.
        Nested aliases (the "billion laughs": 9 levels of 10 aliases to the level before) grow
        the weight exponentially with the file, one big anchor or one long text aliased many
        times quadratically; a writer that shared a record's repeated parts by reference (the
        same contact mapping at each of thousands of sites, as PyYAML's dumper writes it) adds
        a fraction of the file (0.3 to 1.1 times it in such records of 5,000 sites; 11 times
        for a list of 22 contacts shared by sites written in four lines). So aliases may add
        ALIAS_FACTOR times the file's size (at least ALIAS_FLOOR, for small files): a walk of
        the data then costs at most what a file 21 times as large, written out, would, however
        the aliases are arranged. The budget counts characters as well as values because the
        text rules read every occurrence of a text: counting values alone, 1,000 aliases of
        one 100,000-character text (a 136 KB file) took 40 seconds to lint.

        An alias can also nest values deeper than anything written (a chain of anchors, each
        a list of the one before), past the limit that keeps validators from exhausting the
        stack: refused in the same way.
        """
        name = event.anchor  # never None in an AliasEvent
        anchored: Any = _MISSING if name is None else self.anchors.get(name, _MISSING)
        span = _mark(event.start_mark)
        if anchored is _MISSING:
            raise _Abort(problems.SYNTAX_ERROR, f"unknown alias *{name}", span)
        if anchored is _IN_PROGRESS:
            raise _Abort(
                problems.ALIAS_LIMIT, f"alias *{name} refers to the value that contains it", span
            )
        value, added, height = anchored
        if level + height > MAX_DEPTH:
            raise _Abort(
                problems.ALIAS_LIMIT,
                f"alias *{name} nests values more than {MAX_DEPTH} levels deep; not read further",
                span,
            )
        self.expanded += added
        if self.expanded > self.alias_budget:
            raise _Abort(problems.ALIAS_LIMIT, self._budget_message(), span)
        return value, added, level + height

    def _budget_message(self) -> str:
        """What the refusal says: how much the aliases would repeat, and against what."""
        budget = self.alias_budget
        against = f", {ALIAS_FACTOR} times its size" if budget > ALIAS_FLOOR else ""
        return (
            f"aliases repeat more than {budget:,} characters of values in this file{against} "
            "(a 'billion laughs' file?); not read further"
        )


def _syntax_problem(error: YAMLError, source: bytes | str) -> Problem:
    if isinstance(error, ReaderError):  # a character YAML does not allow (a control character)
        return _reader_problem(error, source)
    mark = getattr(error, "problem_mark", None)
    span = _mark(mark) if mark is not None else Span(1, 1, 1, 2)
    problem = getattr(error, "problem", None) or str(error)
    if problem == _LIBYAML_TOO_DEEP:
        # The libyaml of PyYAML 6.0.4's wheels has a limit of its own (1,000 levels), which a
        # run of brackets reaches while scanning ahead, before the events reach our limit: the
        # same problem, reported as ours is, whichever PyYAML is installed.
        return Problem(problems.TOO_DEEP, _TOO_DEEP_MESSAGE, span)
    context = getattr(error, "context", None)
    if mark is not None:
        text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
        context_mark = getattr(error, "context_mark", None)
        explained = explain(str(problem), context, mark, context_mark, text)
        if explained is not None:
            return Problem(problems.SYNTAX_ERROR, explained.message, explained.span)
    message = f"{problem} ({context})" if context else str(problem)
    return Problem(problems.SYNTAX_ERROR, message, span)


def _reader_problem(error: ReaderError, source: bytes | str) -> Problem:
    """Where the character is (libyaml counts bytes) and what it is, on one line."""
    data = source.encode("utf-8") if isinstance(source, str) else source
    character = error.character
    shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    message = f"character {shown} is not allowed in YAML: {error.reason}"
    return Problem(problems.SYNTAX_ERROR, message, span_at_byte(data, error.position))


def parse_yaml(source: bytes | str) -> ParsedYaml:
    """Parse a YAML stream (UTF-8 text or bytes, without a byte order mark) into documents,
    the positions of their values, and problems."""
    return _Builder(source).run()
