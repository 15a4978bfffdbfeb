"""Inline suppressions: a YAML comment that silences findings, as ruff's ``# noqa`` does.

    overallStatus: RECRUITING  # trialint: ignore[D021]       this line, these rules
    officialTitle: ...         # trialint: ignore              this line, every rule
    # trialint: ignore-file[T001, real-word-error]             this file, these rules
    # trialint: ignore-file                                    this file, every rule

Rules are named by code or name. A suppression that silences nothing is itself reported
(X001), so stale ones do not pile up; one naming no rule at all is a mistake (X002).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from trialint.document.spans import LineIndex
from trialint.finding import Finding
from trialint.rule import RuleSet, Severity, rule

UNUSED_SUPPRESSION = rule(
    "X001", "unused-suppression", Severity.WARNING,
    "A '# trialint: ignore' comment that silences no finding.",
    "A suppression outlives the problem it silenced (the record was fixed, the rule changed) "
    "and would hide the next one: ruff reports unused '# noqa' comments for the same reason.",
    fails=("protocolSection:\n  conditionsModule:\n"
           "    conditions: [Asthma]  # trialint: ignore[S006]\n",),
    passes=("protocolSection:\n  conditionsModule:\n    conditions: [Asthma]\n",),
)  # fmt: skip
UNKNOWN_IN_SUPPRESSION = rule(
    "X002", "unknown-rule-in-suppression", Severity.ERROR,
    "A '# trialint: ignore[...]' comment that names no rule trialint knows.",
    "A misspelled code silences nothing while looking as if it did.",
    fails=("protocolSection:\n  conditionsModule:\n"
           "    conditions: [Asthma]  # trialint: ignore[D9999]\n",),
    passes=("protocolSection:\n  conditionsModule:\n    conditions: [Asthma]\n",),
)  # fmt: skip

_COMMENT = re.compile(
    r"(?:^|(?<=\s))#\s*trialint:\s*(?P<scope>ignore-file|ignore)\b(?:\[(?P<rules>[^\]\n]*)\])?",
    re.MULTILINE,
)


@dataclass
class Suppression:
    line: int
    column: int
    length: int
    whole_file: bool
    rules: tuple[str, ...] | None  # None: every rule
    used: set[str] = field(default_factory=set)  # the selectors that silenced something


def find_suppressions(text: str) -> list[Suppression]:
    if "trialint:" not in text:
        return []
    lines = LineIndex(text)
    found = []
    for match in _COMMENT.finditer(text):
        before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        if _inside_quotes(before):
            continue
        line, column = lines.position(match.start())
        listed = match.group("rules")
        rules = tuple(p.strip() for p in listed.split(",") if p.strip()) if listed else None
        found.append(
            Suppression(line, column, match.end() - match.start(),
                        match.group("scope") == "ignore-file", rules)
        )  # fmt: skip
    return found


def _inside_quotes(before: str) -> bool:
    """Whether a '#' follows an unclosed quote on its line: then it is text, not a comment."""
    return (before.count('"') - before.count('\\"')) % 2 == 1 or before.count("'") % 2 == 1


def _silences(suppression: Suppression, finding: Finding) -> str | None:
    """The selector that silences a finding ('*' for a blanket one), or None."""
    if not suppression.whole_file and suppression.line != finding.span.line:
        return None
    if suppression.rules is None:
        return "*"
    for selector in suppression.rules:
        if selector.upper() == finding.rule.code or selector == finding.rule.name:
            return selector
    return None


def apply_suppressions(
    findings: Iterable[Finding], suppressions: list[Suppression], rules: RuleSet, path: str
) -> tuple[list[Finding], list[Finding]]:
    """The findings no comment silences, with a finding for each comment that silenced none;
    and the findings silenced (SARIF keeps them, marked as suppressed in the source)."""
    kept, silenced = [], []
    for finding in findings:
        for suppression in suppressions:
            selector = _silences(suppression, finding)
            if selector is not None:
                suppression.used.add(selector)
                silenced.append(finding)
                break
        else:
            kept.append(finding)
    return kept + list(_unused(suppressions, rules, path)), silenced


def _unused(suppressions: list[Suppression], rules: RuleSet, path: str) -> Iterable[Finding]:
    from trialint.finding import Span

    for suppression in suppressions:
        span = Span(suppression.line, suppression.column, suppression.line,
                    suppression.column + suppression.length)  # fmt: skip
        scope = "this file" if suppression.whole_file else "this line"
        if suppression.rules is None:
            if "*" not in suppression.used:
                yield Finding(
                    UNUSED_SUPPRESSION,
                    f"unused suppression: nothing on {scope} to silence",
                    path,
                    span,
                )
            continue
        for selector in suppression.rules:
            if rules.get(selector) is None:
                yield Finding(
                    UNKNOWN_IN_SUPPRESSION, f"no rule {selector!r} to suppress", path, span
                )
            elif selector not in suppression.used:
                yield Finding(UNUSED_SUPPRESSION,
                              f"unused suppression of {selector}: no such finding on {scope}",
                              path, span)  # fmt: skip
