"""Where each value of a parsed tree came from, looked up by path only when a finding needs it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from trialint.document.pointer import Token
from trialint.finding import Span

# (line, column, end line, end column), 0-based as the parser reports them: cheap to store for
# every value, turned into a Span only for the few that are reported.
RawSpan = tuple[int, int, int, int]


def raw_to_span(raw: RawSpan) -> Span:
    line, column, end_line, end_column = raw
    return Span(line + 1, column + 1, end_line + 1, end_column + 1)


@dataclass(frozen=True, slots=True)
class Location:
    """The span of the value at a path; ``found`` is False when the path stops early (a missing
    field), and then the spans are those of the deepest value that exists."""

    value: Span
    key: Span | None
    found: bool


@dataclass
class SpanTable:
    """Spans of the values of a tree, keyed by the identity of their container.

    ``containers`` maps ``id(mapping)`` to ``{key: (key_span, value_span)}`` and ``id(list)``
    to ``[value_span, ...]``; ``roots`` holds the span of each document's top value.
    """

    containers: dict[int, Any] = field(default_factory=dict)
    roots: dict[int, RawSpan] = field(default_factory=dict)

    def locate(self, root: Any, tokens: Sequence[Token]) -> Location:
        raw = self.roots.get(id(root), (0, 0, 0, 0))
        key_raw: RawSpan | None = None
        node = root
        for token in tokens:
            entries = self.containers.get(id(node))
            try:
                if isinstance(node, dict):
                    key_raw, raw = entries[token]  # type: ignore[index]
                elif isinstance(node, list):
                    key_raw, raw = None, entries[int(token)]  # type: ignore[index]
                else:
                    raise KeyError(token)
                node = node[token if isinstance(node, dict) else int(token)]
            except (KeyError, IndexError, ValueError, TypeError):
                return Location(raw_to_span(raw), raw_to_span(key_raw) if key_raw else None, False)
        return Location(raw_to_span(raw), raw_to_span(key_raw) if key_raw else None, True)
