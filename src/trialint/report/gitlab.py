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

import json
from typing import TYPE_CHECKING, Any, TextIO

from trialint.report.common import (
    digest,
    message,
    report_path,
    split_error,
    unique_fingerprints,
)
from trialint.rule import Severity

if TYPE_CHECKING:
    from trialint.lint.runner import LintResult
    from trialint.report import ReportOptions

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def write(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    issues: list[dict[str, Any]] = [
        {
            "description": message(finding, result.collections),
            "check_name": finding.rule.code,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.level],
            "location": {
                "path": report_path(finding.path),
                "lines": {"begin": finding.span.line, "end": finding.span.end_line},
            },
        }
        for finding, fingerprint in unique_fingerprints(result.findings)
    ]
    for error in result.errors:
        path, reason = split_error(error, result.paths)
        issues.append(
            {
                "description": f"not checked: {reason}",
                "check_name": "not-checked",
                "fingerprint": digest("not-checked", report_path(path), reason),
                "severity": "critical",
                "location": {"path": report_path(path), "lines": {"begin": 1}},
            }
        )
    json.dump(issues, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
