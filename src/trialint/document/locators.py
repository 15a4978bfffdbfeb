"""Where a value is written: the character offsets of the value at a path.

YAML files are parsed with the offsets of every value (see yaml12). JSON files are read by the
json module, which gives none; a finding in a JSON file is located by walking the text along
the finding's path with the json module's own C scanner, skipping every value before the one
wanted. That costs a fraction of one parse, and nothing at all for a file without findings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
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
        """Past the value at ``start`` and its comma: the next member's start, or -1."""
        position = self._skip(self._decode(self._text, start)[1])
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
