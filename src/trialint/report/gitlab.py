"""``--output-format gitlab``: a GitLab Code Quality report (a JSON list), for merge requests.

Contract, one object per finding: ``description`` (the message), ``check_name`` (the rule's
code), ``fingerprint``, ``severity``, ``location.path`` (relative to the checkout) and
``location.lines.begin`` (an int). GitLab compares fingerprints between the target branch and
the merge request to show what is new or fixed, so they must be unique in a report and stable
across unrelated edits: the line-independent hash of ``common``, the n-th identical finding
told apart by its rank. Severities: error -> major, warning -> minor, info -> info; critical
and blocker are left for what stops trialint itself: a file that could not be checked is a
``critical`` entry with check_name ``not-checked`` at line 1, so the merge request shows it.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from trialint.report.common import digest, message, report_path, unique_fingerprints
from trialint.report.json_report import JsonListWriter
from trialint.rule import Severity

if TYPE_CHECKING:
    from trialint.lint.outcome import FileReport, RunSummary
    from trialint.report import ReportOptions

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class Writer:
    """GitLab's code quality report: one JSON list of issues, written as files are checked; a
    file that could not be checked is a critical issue of its own."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.list = JsonListWriter(stream)
        # Fingerprints of the file so far, when it comes in parts: one entry per finding of
        # a large collection file (the one thing kept of its findings: they must be unique).
        self.seen: Counter[str] = Counter()

    def add(self, report: FileReport) -> None:
        path = report_path(report.path)
        if report.part == 0:
            self.seen.clear()
        for finding, fingerprint in unique_fingerprints(report.findings, self.seen):
            self.list.add({
                "description": message(finding, report.in_collection),
                "check_name": finding.rule.code,
                "fingerprint": fingerprint,
                "severity": SEVERITIES[finding.level],
                "location": {
                    "path": path,
                    "lines": {"begin": finding.span.line, "end": finding.span.end_line},
                },
            })  # fmt: skip
        for reason in report.errors:
            self.list.add({
                "description": f"not checked: {reason}",
                "check_name": "not-checked",
                "fingerprint": digest("not-checked", path, reason),
                "severity": "critical",
                "location": {"path": path, "lines": {"begin": 1}},
            })  # fmt: skip

    def finish(self, summary: RunSummary) -> None:
        self.list.close()
