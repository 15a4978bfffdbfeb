"""Where a value is written: positions for findings, computed once per file and only if needed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from trialint.document.pointer import Token
from trialint.document.spans import Location
from trialint.document.yaml12 import ParsedYaml, parse_yaml
from trialint.finding import FILE_START

_NOWHERE = Location(FILE_START, None, False)


class Locator(Protocol):
    def locate(self, document: int, tokens: Sequence[Token]) -> Location:
        """The span of the value at ``tokens`` in the ``document``-th document of the file."""
        ...


class SpanLocator:
    """Positions from a parse that recorded them."""

    def __init__(self, parsed: ParsedYaml) -> None:
        assert parsed.spans is not None
        self._parsed = parsed

    def locate(self, document: int, tokens: Sequence[Token]) -> Location:
        documents = self._parsed.documents
        if not 0 <= document < len(documents):
            return _NOWHERE
        return self._parsed.spans.locate(documents[document], tokens)  # type: ignore[union-attr]


class LazyLocator:
    """Positions read on the first finding that needs one, by parsing the file again with
    positions on: most files have no finding, and never pay for them.

    JSON files are read the same way (JSON is YAML 1.2), so both formats report alike.
    """

    def __init__(self, source: bytes | str) -> None:
        self._source: bytes | str | None = source
        self._located: SpanLocator | None = None

    def locate(self, document: int, tokens: Sequence[Token]) -> Location:
        if self._source is not None:
            parsed = parse_yaml(self._source, spans=True)
            self._source = None  # parsed once, whatever came of it
            if parsed.spans is not None and parsed.documents:
                self._located = SpanLocator(parsed)
        if self._located is None:
            return _NOWHERE
        return self._located.locate(document, tokens)
