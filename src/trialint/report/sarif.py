"""``--output-format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other viewers.

Contract (checked by the tests against the OASIS schema): one run whose ``tool.driver``
describes every rule of the run (``ReportOptions.rules``, plus any rule a finding carries that
it lacks), and one result per finding. A result names its rule by ``ruleId`` and ``ruleIndex``,
has ``level`` error, warning or note (trialint's info), its location as a path relative to the
checkout (``uriBaseId`` ``%SRCROOT%``) with 1-based lines and columns counted in code points
(``columnKind``), the end column exclusive as in ``Span``, and a line-independent
``partialFingerprints["trialint/v1"]`` so a viewer keeps tracking a finding when lines move.
Files that could not be checked are ``toolExecutionNotifications`` of the one invocation, whose
``executionSuccessful`` is then false. A suggested fix is told in ``properties.fix``; one that
``--fix`` could apply is also a SARIF ``fix`` (a replacement of the finding's region, with
``properties.safe``) when that region holds exactly the text it replaces, as it does for a word
in a plain or block scalar. (A ``Fix`` knows its place within a value; where the file writes
the value otherwise, with escapes, its place in the text is not known here.)
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from trialint.report.common import (
    FINGERPRINT_VERSION,
    fingerprint,
    message,
    report_path,
    split_error,
)
from trialint.rule import Rule, Severity

if TYPE_CHECKING:
    from trialint.finding import Finding
    from trialint.lint.runner import LintResult
    from trialint.report import ReportOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def write(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    json.dump(sarif_log(result, options), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def sarif_log(result: LintResult, options: ReportOptions) -> dict[str, Any]:
    rules = _rules(result, options)
    index = {rule.code: number for number, rule in enumerate(rules)}
    notifications = [_notification(error, result.paths) for error in result.errors]
    invocation: dict[str, Any] = {"executionSuccessful": not result.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {
            "driver": {
                "name": "trialint",
                "version": _version(),
                "rules": [_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule.code], result) for f in result.findings],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _version() -> str:
    try:
        return metadata.version("trialint")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        from trialint import __version__

        return __version__


def _rules(result: LintResult, options: ReportOptions) -> list[Rule]:
    by_code = {rule.code: rule for rule in options.rules or ()}
    for finding in result.findings:
        by_code.setdefault(finding.rule.code, finding.rule)
    return sorted(by_code.values(), key=lambda rule: rule.code)


def _descriptor(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.summary}\n\n{rule.rationale}\n\n"
            f"Run `trialint explain {rule.code}` for examples."
        },
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _location(path: str) -> dict[str, Any]:
    shown = report_path(path)
    if Path(shown).is_absolute():  # outside the working directory: no base to be relative to
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(os.fsencode(shown)), "uriBaseId": "%SRCROOT%"}  # a name's bytes


def _result(finding: Finding, rule_index: int, result: LintResult) -> dict[str, Any]:
    span = finding.span
    properties: dict[str, Any] = {"pointer": finding.pointer}
    if finding.study:
        properties["study"] = finding.study
    if finding.fix is not None:
        properties["fix"] = finding.fix.message
    region = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }
    sarif_result = {
        "ruleId": finding.rule.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.level],
        "message": {"text": message(finding, result.collections)},
        "locations": [
            {"physicalLocation": {"artifactLocation": _location(finding.path), "region": region}}
        ],
        "partialFingerprints": {FINGERPRINT_VERSION: fingerprint(finding)},
        "properties": properties,
    }
    fix = _fix(finding, result.quoted_lines.get((finding.path, span.line)))
    if fix is not None:
        sarif_result["fixes"] = [fix]
    return sarif_result


def _fix(finding: Finding, line: str | None) -> dict[str, Any] | None:
    """The finding's fix as a SARIF replacement, when its region holds exactly the old text."""
    fix, span = finding.fix, finding.span
    if fix is None or not fix.applicable or line is None or span.end_line != span.line:
        return None
    if line[span.column - 1 : span.end_column - 1] != fix.old:
        return None
    replacement = {
        "deletedRegion": {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.line,
            "endColumn": span.end_column,
        },
        "insertedContent": {"text": fix.new},
    }
    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {"artifactLocation": _location(finding.path), "replacements": [replacement]}
        ],
        "properties": {"safe": fix.safe},
    }


def _notification(error: str, paths: list[str]) -> dict[str, Any]:
    path, _ = split_error(error, paths)
    return {
        "level": "error",
        "message": {"text": error},
        "locations": [{"physicalLocation": {"artifactLocation": _location(path)}}],
    }
