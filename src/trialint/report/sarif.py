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
``properties.safe``) when that region holds exactly the text it replaces, as it does for a
word in a plain or block scalar. (A ``Fix`` knows its place within a value; where the file
writes the value otherwise, with escapes, its place in the text is not known here.) The other
fields a finding is about (the other side of a contradiction) are its ``relatedLocations``,
each with its JSON pointer as message.

Findings the run does not show are results too, as code scanning expects (it closes the
alert instead of seeing it vanish): one an inline ``# trialint: ignore`` silenced carries a
``suppressions`` entry of kind ``inSource``, one the baseline lists a ``suppressions`` entry of
kind ``external``. When a baseline is in force every result has a ``baselineState``:
``unchanged`` for what the baseline lists, ``new`` for the rest.
"""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import metadata
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from trialint.report.common import (
    FINGERPRINT_VERSION,
    fingerprint,
    message,
    report_path,
    spool,
)
from trialint.resources import rule_doc_url
from trialint.rule import Rule, Severity, rules_in

if TYPE_CHECKING:
    from trialint.finding import Finding, Span
    from trialint.lint.outcome import FileReport, RunSummary
    from trialint.report import ReportOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Why a result is not shown: SARIF's kind of suppression, and the justification given.
_IN_SOURCE = {"kind": "inSource", "justification": "silenced by a '# trialint: ignore' comment"}
_EXTERNAL = {"kind": "external", "justification": "known: listed in the trialint baseline"}


class Writer:
    """A result per finding, written to a temporary file as files are checked: each result
    names its rule's index in the rule list, which is complete only at the end (a rule of a
    plugin, or of a finding made outside the run's catalog, joins it when first met). The log
    is written at the end, the results copied in."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.rules = {rule.code: rule for rule in options.rules or ()}
        self.spool = spool()  # closed by finish()
        self.notifications: list[dict[str, Any]] = []
        self.baseline = options.baseline

    def add(self, report: FileReport) -> None:
        every = chain(
            ((finding, None) for finding in report.findings),
            ((finding, _IN_SOURCE) for finding in report.suppressed),
            ((finding, _EXTERNAL) for finding in report.baselined),
        )
        for finding, suppression in sorted(every, key=lambda pair: pair[0].sort_key()):
            self.rules.setdefault(finding.rule.code, finding.rule)
            line = report.quoted_lines.get(finding.span.line)
            result = _result(finding, report.in_collection, line)
            if suppression is not None:
                result["suppressions"] = [suppression]
            if self.baseline:
                result["baselineState"] = "unchanged" if suppression is _EXTERNAL else "new"
            entry = json.dumps(result, ensure_ascii=False)
            self.spool.write(f"{finding.rule.code}\t{entry}\n")
        self.notifications.extend(_notification(text, report.path) for text in report.error_lines())

    def finish(self, summary: RunSummary) -> None:
        rules = sorted(self.rules.values(), key=lambda rule: rule.code)
        index = {rule.code: number for number, rule in enumerate(rules)}
        invocation: dict[str, Any] = {"executionSuccessful": not self.notifications}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
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
        }
        head = json.dumps({"$schema": SCHEMA, "version": "2.1.0"}, indent=2)[:-2]
        body = json.dumps(run, indent=2, ensure_ascii=False)[:-2].replace("\n", "\n    ")
        self.stream.write(f'{head},\n  "runs": [\n    {body},\n      "results": [')
        self.spool.seek(0)
        separator = "\n        "
        for line in self.spool:  # code TAB {...}: the rule's id and index go first
            code, _, entry = line.rstrip("\n").partition("\t")
            rule = f'{{"ruleId": {json.dumps(code)}, "ruleIndex": {index[code]}, '
            self.stream.write(separator + rule + entry[1:])
            separator = ",\n        "
        self.spool.close()
        closing = "]" if separator == "\n        " else "\n      ]"
        self.stream.write(closing + "\n    }\n  ]\n}\n")


def _version() -> str:
    try:
        return metadata.version("trialint")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        from trialint.version import __version__

        return __version__


def _descriptor(rule: Rule) -> dict[str, Any]:
    """The rule as ``tool.driver.rules`` lists it; one trialint documents links its page
    (``helpUri``), which code scanning shows beside each of its results."""
    descriptor: dict[str, Any] = {
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
    if rule.code in _documented_codes():
        descriptor["helpUri"] = rule_doc_url(rule.code)
    return descriptor


@cache
def _documented_codes() -> frozenset[str]:
    """The rules trialint's documentation has: its own and its bundled packs'. (A rule pack
    cannot take a built-in code; a configuration's packs and rule plugins are documented by
    their authors.)"""
    from trialint.lint.catalog import all_rules, plugin_families

    plugins = {found.code for family in plugin_families() for found in rules_in(family)}
    return frozenset(rule.code for rule in all_rules() if rule.code not in plugins)


def _location(path: str) -> dict[str, Any]:
    shown = report_path(path)
    if Path(shown).is_absolute():  # outside the working directory: no base to be relative to
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(os.fsencode(shown)), "uriBaseId": "%SRCROOT%"}  # a name's bytes


def _result(finding: Finding, in_collection: bool, line: str | None) -> dict[str, Any]:
    """The finding as a SARIF result, but for its ``ruleId`` and ``ruleIndex`` (added once
    every rule is known)."""
    span = finding.span
    properties: dict[str, Any] = {"pointer": finding.pointer}
    if finding.study:
        properties["study"] = finding.study
    if finding.fix is not None:
        properties["fix"] = finding.fix.message
    region = _region(span)
    sarif_result: dict[str, Any] = {
        "level": LEVELS[finding.level],
        "message": {"text": message(finding, in_collection)},
        "locations": [
            {"physicalLocation": {"artifactLocation": _location(finding.path), "region": region}}
        ],
        "partialFingerprints": {FINGERPRINT_VERSION: fingerprint(finding)},
        "properties": properties,
    }
    if finding.related:
        sarif_result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {
                    "artifactLocation": _location(finding.path),
                    "region": _region(other.span),
                },
                "message": {"text": other.pointer},
            }
            for number, other in enumerate(finding.related)
        ]
    fix = _fix(finding, line)
    if fix is not None:
        sarif_result["fixes"] = [fix]
    return sarif_result


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


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


def _notification(error: str, path: str) -> dict[str, Any]:
    return {
        "level": "error",
        "message": {"text": error},
        "locations": [{"physicalLocation": {"artifactLocation": _location(path)}}],
    }
