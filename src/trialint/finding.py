"""A finding: one occurrence of a rule in one file, at one place."""

from __future__ import annotations

from dataclasses import dataclass

from trialint.quoting import quoted
from trialint.rule import Rule, Severity


@dataclass(frozen=True, slots=True)
class Span:
    """Where a node sits in its file: 1-based lines and columns, end column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


FILE_START = Span(1, 1, 1, 1)


@dataclass(frozen=True, slots=True)
class Fix:
    """A suggested correction: ``old`` (found at ``offset`` in the value) becomes ``new``.

    ``safe`` fixes cannot change what a record means (a misspelling, an escape artefact) and
    ``--fix`` applies them; unsafe ones need review and wait for ``--unsafe-fixes``. A fix that
    is not ``applicable`` would change what the record says about the trial (a masking level, a
    status): it is shown as a suggestion and never applied, as ruff's display-only fixes.
    """

    old: str
    new: str
    offset: int = 0
    safe: bool = False
    applicable: bool = True

    @property
    def message(self) -> str:
        if not self.new:
            return f"remove {quoted(self.old)}"
        return f"replace {quoted(self.old)} with {quoted(self.new)}"


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding is about: the other side of a contradiction ('status RECRUITING'
    at the status, the passed completion date it is judged by), shown as SARIF's
    ``relatedLocations`` and JSON's ``related``, so a viewer can lead to both."""

    pointer: str
    span: Span


@dataclass(frozen=True, slots=True)
class Finding:
    rule: Rule
    message: str
    path: str
    span: Span
    pointer: str = ""
    study: str | None = None
    severity: Severity | None = None
    fix: Fix | None = None
    related: tuple[Related, ...] = ()

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def level(self) -> Severity:
        """The severity in effect: the rule's default unless configuration changed it."""
        return self.severity or self.rule.severity

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.column, self.rule.code, self.pointer)
