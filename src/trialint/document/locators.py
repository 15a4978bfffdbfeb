"""Where a value is written: the character offsets of the value at a path.

YAML files are parsed with the offsets of every value (see yaml12). JSON files are read by the
json module, which gives none; a finding in a JSON file is located by walking the text along
the finding's path with the json module's own C scanner, skipping every value before the one
wanted. That costs a fraction of one parse, and nothing at all for a file without findings.
A text laid out as the registry's tools write it (see ``jsontext``) is cheaper still: each
member is on a line of its own, indented by its depth, so a member is found by searching for
its line.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Protocol

from trialint.document.pointer import Token
from trialint.document.spans import NOWHERE, Location, RawSpan
from trialint.document.yaml12 import ParsedYaml


class Locator(Protocol):
    def locate(self, document: int, tokens: Sequence[Token]) -> Location:
        """The offsets of the value at ``tokens`` in the ``document``-th document of the file."""
        ...


class SpanLocator:
    """Offsets recorded by the YAML reader."""

    def __init__(self, parsed: ParsedYaml) -> None:
        assert parsed.spans is not None
        self._parsed = parsed

    def locate(self, document: int, tokens: Sequence[Token]) -> Location:
        documents = self._parsed.documents
        if not 0 <= document < len(documents):
            return NOWHERE
        return self._parsed.spans.locate(documents[document], tokens)  # type: ignore[union-attr]


_SPACE = re.compile(r"[ \t\n\r]*")


@lru_cache(maxsize=1024)
def _member_line(indent: int, key: str) -> str:
    """How a member's line starts in the indented layout, up to its value."""
    import orjson  # only JSON files are located this way; a YAML run does not load it

    return "\n" + " " * indent + orjson.dumps(key).decode() + ": "


@cache
def _item_line(indent: int) -> re.Pattern[str]:
    return re.compile("\n" + " " * indent + r"(?=[^ \]}])")


class JsonLocator:
    """Offsets in a JSON text, found by scanning along a path (one document per file).

    What a scan learns about an object or array (where each member starts) is kept, so the
    findings of one file together cost about one pass over it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._decode = json.JSONDecoder().raw_decode
        # container start -> (members found so far, where to resume, finished)
        self._objects: dict[int, tuple[dict[str, tuple[RawSpan, int]], list[int]]] = {}
        self._arrays: dict[int, tuple[list[int], list[int]]] = {}

    def _skip(self, position: int) -> int:
        return _SPACE.match(self._text, position).end()  # type: ignore[union-attr]

    def _after_value(self, start: int) -> int:
        """Past the value at ``start`` and its comma: the next member's start, or -1.

        The json module reads the value to find where it ends, and the value is dropped at
        once. The garbage collector is paused meanwhile: a collection in the middle of the read
        would move the half-built value to an older generation, and in an API page each study
        read so brought nearer a full collection, which traverses every study of the page (a
        second for 10,000): two thirds of the collector's time on a page, none for a file.
        """
        paused = gc.isenabled()
        gc.disable()
        try:
            end = self._decode(self._text, start)[1]
        finally:
            if paused:
                gc.enable()
        position = self._skip(end)
        return self._skip(position + 1) if self._text[position] == "," else -1

    def _member(self, start: int, key: str) -> tuple[RawSpan, int] | None:
        """In the object at ``start``: the span of ``key`` and where its value starts."""
        text = self._text
        members, resume = self._objects.setdefault(start, ({}, [self._skip(start + 1)]))
        while key not in members and resume[0] != -1 and text[resume[0]] == '"':
            position = resume[0]
            name, key_end = scanstring(text, position + 1)
            value_start = self._skip(self._skip(key_end) + 1)  # past the colon
            members.setdefault(name, ((position, key_end), value_start))
            resume[0] = self._after_value(value_start)
        return members.get(key)

    def _item(self, start: int, index: int) -> int | None:
        """In the array at ``start``: where item ``index`` starts."""
        text = self._text
        items, resume = self._arrays.setdefault(start, ([], [self._skip(start + 1)]))
        while len(items) <= index and resume[0] != -1 and text[resume[0]] != "]":
            items.append(resume[0])
            resume[0] = self._after_value(resume[0])
        return items[index] if index < len(items) else None

    def _span(self, start: int) -> RawSpan:
        """A value's span: a container's is its opening bracket (it spans many lines)."""
        if self._text[start] in "{[":
            return (start, start + 1)
        return (start, self._decode(self._text, start)[1])

    def locate(self, document: int, tokens: Sequence[Token]) -> Location:
        if document != 0:
            return NOWHERE
        try:
            start = self._skip(0)
            key: RawSpan | None = None
            for token in tokens:
                opener = self._text[start]
                found: int | None = None
                if opener == "{" and isinstance(token, str):
                    member = self._member(start, token)
                    if member is not None:
                        key, found = member
                elif opener == "[" and (isinstance(token, int) or str(token).isdigit()):
                    found = self._item(start, int(token))
                    key = None if found is not None else key
                if found is None:
                    return Location(self._span(start), key, False)
                start = found
            return Location(self._span(start), key, True)
        except (ValueError, IndexError):
            return NOWHERE


class IndentedJsonLocator:
    """Offsets in a JSON text written with two-space indentation and one member per line.

    ``jsontext.parse_json`` vouches for the layout (the text is what orjson writes for its
    data). JSON strings cannot hold a raw line break, so every line starts outside a string,
    and a container's members are exactly the lines one step deeper than it before the line
    that closes it: a member is found with ``str.find``, never by reading the values before it.
    Gives the same locations as :class:`JsonLocator`. ``indent``: the depth of the text's
    first line, when it is one element of an indented list (whose lines are all ``indent``
    spaces deeper than orjson writes the element alone).
    """

    def __init__(self, text: str, indent: int = 0) -> None:
        self._text = text
        self._indent = indent
        self._ends: dict[int, int] = {}  # container start -> where its closing line starts
        self._items: dict[int, list[int]] = {}  # array start -> where each item starts

    def _end(self, start: int, indent: int) -> int:
        """Where the container opened at ``start`` closes: the first line after it at its own
        depth (its members are deeper), or the end of the text."""
        end = self._ends.get(start)
        if end is None:
            closing = "}" if self._text[start] == "{" else "]"
            end = self._text.find("\n" + " " * indent + closing, start)
            end = self._ends[start] = len(self._text) if end == -1 else end
        return end

    def _member(self, start: int, indent: int, key: str) -> tuple[RawSpan, int] | None:
        """The member's key span and where its value starts, searched for within its object
        only: in a list of studies, a member one study lacks (a missing field a finding is
        about) would otherwise be searched for through every study after it."""
        needle = _member_line(indent + 2, key)
        found = self._text.find(needle, start, self._end(start, indent))
        if found == -1:
            return None
        key_start = found + 1 + indent + 2
        return (key_start, found + len(needle) - 2), found + len(needle)

    def _item(self, start: int, indent: int, index: int) -> int | None:
        items = self._items.get(start)
        if items is None:
            # An item starts a line one step deeper, with anything but a closing bracket.
            item_line = _item_line(indent + 2)
            items = self._items[start] = [
                match.end()
                for match in item_line.finditer(self._text, start, self._end(start, indent))
            ]
        return items[index] if index < len(items) else None

    def _span(self, start: int) -> RawSpan:
        text = self._text
        if text[start] in "{[":
            return (start, start + 1)
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        return (start, line_end - 1 if text[line_end - 1] == "," else line_end)

    def locate(self, document: int, tokens: Sequence[Token]) -> Location:
        if document != 0:
            return NOWHERE
        text = self._text
        start, indent = len(text) - len(text.lstrip()), self._indent
        key: RawSpan | None = None
        for token in tokens:
            opener = text[start]
            found: int | None = None
            if opener == "{" and isinstance(token, str) and text[start + 1] != "}":
                member = self._member(start, indent, token)
                if member is not None:
                    key, found = member
            elif opener == "[" and (isinstance(token, int) or str(token).isdigit()):
                if text[start + 1] != "]":
                    found = self._item(start, indent, int(token))
                key = None if found is not None else key
            if found is None:
                return Location(self._span(start), key, False)
            start, indent = found, indent + 2
        return Location(self._span(start), key, True)
