"""``--output-format json``: the findings as a JSON list (schema in the README)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from trialint.finding import Finding

if TYPE_CHECKING:
    from trialint.lint.outcome import FileReport, RunSummary
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
        "related": [
            {"pointer": other.pointer, "line": other.span.line, "column": other.span.column}
            for other in finding.related
        ],
    }


class Writer:
    """One JSON list, written an element at a time as files are checked."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.list = JsonListWriter(stream)

    def add(self, report: FileReport) -> None:
        for finding in report.findings:
            self.list.add(finding_to_dict(finding))

    def finish(self, summary: RunSummary) -> None:
        self.list.close()


class JsonListWriter:
    """A JSON list laid out as ``json.dump(items, indent=2)`` lays it out, written one element
    at a time, so a list of a million findings is never held."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.empty = True

    def add(self, item: Any) -> None:
        text = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        self.stream.write(("[\n  " if self.empty else ",\n  ") + text)
        self.empty = False

    def close(self) -> None:
        self.stream.write("[]\n" if self.empty else "\n]\n")
