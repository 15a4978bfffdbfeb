"""``--output-format junit``: JUnit XML, which GitLab, Jenkins, Azure and others show as tests.

Contract: ``<testsuites>`` holding one ``<testsuite name="trialint">`` of ``<testcase
classname="trialint">`` elements, in the order of the inputs:

* a finding that fails the run (at least ``--fail-on``, as the exit code counts it) is a
  failed test case named ``PATH: CODE rule-name at POINTER``: a name without the line, so a
  dashboard keeps a finding's history when lines above it move. Its ``<failure
  type="CODE" message="PATH:LINE:COL: CODE MESSAGE">`` text adds the rule, the JSON pointer
  and the suggested fix;
* a finding below ``--fail-on`` (an info with ``--fail-on warning``) is a passed test case
  of the same name whose ``<system-out>`` holds the same text: shown, never a failure;
* a file with no finding is a passed test case named by its path, so a clean record shows;
* a file that could not be checked (missing, unreadable, internal error) is a test case named
  by its path with an ``<error>`` per reason.

The counts are of test cases, as consumers expect (passed = tests - failures - errors), so
``failures`` is the number of failing findings. Elements come in the order the common JUnit
schemas require (error, failure, system-out). ElementTree does the escaping; characters XML
1.0 cannot hold at all (most control characters, which a defective record may well contain)
are written as ``\\xNN``.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from trialint.config import severity_at_least
from trialint.report.common import message, report_path, spool

if TYPE_CHECKING:
    from trialint.finding import Finding
    from trialint.lint.outcome import FileReport, RunSummary
    from trialint.report import ReportOptions
    from trialint.rule import Severity

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CASE_DEPTH = 2  # testsuites > testsuite > testcase


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


class Writer:
    """The suite's counts come first in the XML and are known only at the end: each test
    case is written to a temporary file as its file comes, and copied after the counts."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.fail_on = options.fail_on
        self.spool = spool()  # closed by finish()
        self.tests = self.failures = self.errors = 0
        # Whether the file being reported (which may come in parts, ``FileReport.part``) has
        # had a test case of its own yet: a file without one gets a passed case at its end.
        self._file_has_case = False

    def add(self, report: FileReport) -> None:
        if report.passed_over:
            return
        if report.part == 0:
            self._file_has_case = False
        for finding in report.findings:
            failing = severity_at_least(finding.level, self.fail_on)
            self._write(finding_case(finding, report.in_collection, failing, self.fail_on))
            self.failures += failing
        if report.errors:
            self._write(error_case(report))
            self.errors += 1
        if not report.more and not self._file_has_case:
            self._write(_case(report_path(report.path)))

    def _write(self, case: ET.Element) -> None:
        for element in case.iter():  # the one place text from records reaches the XML
            element.attrib = {key: _xml_safe(value) for key, value in element.attrib.items()}
            if element.text:
                element.text = _xml_safe(element.text)
        ET.indent(case, level=_CASE_DEPTH)
        case.tail = None
        self.spool.write("    " + ET.tostring(case, encoding="unicode") + "\n")
        self.tests += 1
        self._file_has_case = True

    def finish(self, summary: RunSummary) -> None:
        counts = f'tests="{self.tests}" failures="{self.failures}" errors="{self.errors}"'
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(f'<testsuites name="trialint" {counts}>\n')
        self.stream.write(f'  <testsuite name="trialint" {counts} skipped="0">\n')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.stream)
        self.spool.close()
        self.stream.write("  </testsuite>\n</testsuites>\n")


def _case(name: str) -> ET.Element:
    return ET.Element("testcase", {"classname": "trialint", "name": name})


def finding_case(
    finding: Finding, in_collection: bool, failing: bool, fail_on: Severity
) -> ET.Element:
    """A finding's test case: failed, or passed with its text in ``system-out``."""
    where = report_path(finding.path)
    if in_collection and finding.study:
        where = f"{where} [{finding.study}]"
    at = f" at {finding.pointer}" if finding.pointer else ""
    case = _case(f"{where}: {finding.rule.code} {finding.rule.name}{at}")
    headline = _headline(finding, in_collection)
    details = _details(finding, headline)
    if failing:
        failure = ET.SubElement(case, "failure", {"type": finding.rule.code, "message": headline})
        failure.text = details
    else:
        output = ET.SubElement(case, "system-out")
        output.text = f"{details}\nnot a failure: below --fail-on {fail_on}"
    return case


def error_case(report: FileReport) -> ET.Element:
    """A file that could not be checked: an error per reason."""
    case = _case(report_path(report.path))
    for reason, line in zip(report.errors, report.error_lines(), strict=True):
        element = ET.SubElement(case, "error", {"type": "not-checked", "message": reason})
        element.text = line
    return case


def _headline(finding: Finding, in_collection: bool) -> str:
    span = finding.span
    return (
        f"{report_path(finding.path)}:{span.line}:{span.column}: "
        f"{finding.rule.code} {message(finding, in_collection)}"
    )


def _details(finding: Finding, headline: str) -> str:
    lines = [headline, f"rule: {finding.rule.code} {finding.rule.name} ({finding.level})"]
    if finding.pointer:
        lines.append(f"at: {finding.pointer}")
    if finding.fix is not None:
        lines.append(f"help: {finding.fix.message}")
    return "\n".join(lines)
