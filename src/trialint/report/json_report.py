"""``--output-format json``: the findings as a JSON list (schema in the README)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from trialint.finding import Finding

if TYPE_CHECKING:
    from trialint.lint.runner import LintResult
    from trialint.report import ReportOptions


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "file": finding.path,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "code": finding.rule.code,
        "rule": finding.rule.name,
        "severity": str(finding.level),
        "message": finding.message,
        "pointer": finding.pointer,
        "study": finding.study,
        "fix": None
        if finding.fix is None
        else {
            "message": finding.fix.message,
            "old": finding.fix.old,
            "new": finding.fix.new,
            "safe": finding.fix.safe,
            "applicable": finding.fix.applicable,
        },
    }


def write(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    json.dump([finding_to_dict(f) for f in result.findings], stream, indent=2, ensure_ascii=False)
    stream.write("\n")
