"""The loaded forms of a file and of the studies in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from trialint.document.locators import Locator
from trialint.document.pointer import Token, to_pointer
from trialint.document.spans import Location
from trialint.document.yaml12 import Problem, RawTexts
from trialint.finding import Finding, Fix, Span
from trialint.rule import Rule


@dataclass
class SourceFile:
    path: str
    text: str
    format: str  # "yaml" or "json"

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def line(self, number: int) -> str:
        """The text of a 1-based line, or '' past the end."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""


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
        protocol = self.data.get("protocolSection")
        identification = (
            protocol.get("identificationModule") if isinstance(protocol, dict) else None
        )
        nct_id = identification.get("nctId") if isinstance(identification, dict) else None
        return nct_id if isinstance(nct_id, str) else None

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
    ) -> Finding:
        """A finding about the value at ``tokens`` (relative to the study).

        ``at_key`` points at the key instead of its value (an unknown field); ``within`` (offset,
        length) at a part of a text value (a misspelled word). A path that does not exist (a
        missing field) points at the key of the deepest part that does.
        """
        location = self.locate(tokens)
        if location.key is not None and (at_key or not location.found):
            span = location.key
        else:
            span = location.value
        if within is not None and location.found:
            span = self._narrow(span, tokens, *within)
        return Finding(
            rule, message, self.source.path, span, to_pointer(tokens), self.nct_id, fix=fix
        )

    def _narrow(self, span: Span, tokens: Sequence[Token], offset: int, length: int) -> Span:
        """Where ``value[offset:offset + length]`` is written, when the source shows it as is
        (quoting, escapes or folded lines can hide it: then the whole value's span)."""
        value: Any = self.data
        for token in tokens:
            value = value[token]
        target = value[offset : offset + length] if isinstance(value, str) else ""
        if not target or "\n" in target:
            return span
        wanted = value.count(target, 0, offset)  # occurrences before this one
        for number in range(span.line, span.end_line + 1):
            text = self.source.line(number)
            position = text.find(target, span.column - 1 if number == span.line else 0)
            while position != -1:
                if wanted == 0:
                    return Span(number, position + 1, number, position + 1 + len(target))
                wanted -= 1
                position = text.find(target, position + len(target))
        return span


@dataclass
class LoadedFile:
    """What reading one file gave: its studies, and the problems that stood in the way."""

    source: SourceFile | None
    studies: list[Study] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
