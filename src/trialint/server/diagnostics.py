"""Findings as an editor shows them: LSP diagnostics, with the rule's code, the severity in
effect, and the other places a finding is about (the other side of a contradiction)."""

from __future__ import annotations

from lsprotocol import types

from trialint.finding import Finding
from trialint.rule import Severity
from trialint.server.positions import BufferPositions

SOURCE = "trialint"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def diagnostic(finding: Finding, positions: BufferPositions, uri: str) -> types.Diagnostic:
    """One finding at the range of the value (or key) it is about."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=positions.range(other.span)),
            message=f"{finding.code}: {other.pointer}",
        )
        for other in finding.related
    ]
    return types.Diagnostic(
        range=positions.range(finding.span),
        message=finding.message,
        severity=_SEVERITY[finding.level],
        code=finding.code,
        source=SOURCE,
        related_information=related or None,
    )
