"""``--output-format junit``: JUnit XML, which GitLab, Jenkins, Azure and others show as tests.

Contract: ``<testsuites>`` holding one ``<testsuite name="trialint">`` with one
``<testcase classname="trialint" name="PATH">`` per file checked, clean files included, so a
file's record shows as a passing test. Each finding is a ``<failure type="CODE"
message="PATH:LINE:COL: CODE MESSAGE">`` in its file's test case, its text adding the rule, the
JSON pointer and the suggested fix. A file that could not be checked (missing, unreadable,
internal error) has an ``<error>`` instead. The suite's counts are of test cases, as consumers
expect (passed = tests - failures - errors): ``failures`` the files with findings, ``errors``
those not checked. ElementTree does the escaping; characters XML 1.0 cannot hold at all (most
control characters, which a defective record may well contain) are written as ``\\xNN``.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from trialint.report.common import message, report_path, spool

if TYPE_CHECKING:
    from trialint.finding import Finding
    from trialint.lint.outcome import FileReport, RunSummary
    from trialint.report import ReportOptions

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CASE_DEPTH = 2  # testsuites > testsuite > testcase


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


class Writer:
    """The suite's counts come first in the XML and are known only at the end: each file's
    test case is written to a temporary file as it comes, and copied after the counts."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.spool = spool()  # closed by finish()
        self.tests = self.failures = self.errors = 0
        # The test case of a file in parts: its opening tag until a child is written, and
        # whether the file had errors, failures.
        self._opening: str | None = None
        self._open = [False, False]

    def add(self, report: FileReport) -> None:
        if report.passed_over:
            return
        case = case_of(report)
        ET.indent(case, level=_CASE_DEPTH)
        case.tail = None
        if report.part or report.more:
            self._add_part(report, case)
            return
        self._count(errors=bool(report.errors), failures=bool(report.findings))
        self.spool.write("    " + ET.tostring(case, encoding="unicode") + "\n")

    def _add_part(self, report: FileReport, case: ET.Element) -> None:
        """A large collection file comes in parts (``FileReport.part``): its one test case,
        written as a whole file's would be, takes each part's failures as they come, and is
        closed, and counted, after the last."""
        if report.part == 0:
            empty = ET.tostring(ET.Element(case.tag, case.attrib), encoding="unicode")
            self._opening = empty
            self._open = [False, False]  # errors, failures
        for element in case:
            if self._opening is not None:
                self.spool.write("    " + self._opening.removesuffix(" />") + ">\n")
                self._opening = None
            element.tail = None
            self.spool.write("      " + ET.tostring(element, encoding="unicode") + "\n")
        self._open[0] |= bool(report.errors)
        self._open[1] |= bool(report.findings)
        if not report.more:
            self.spool.write(f"    {self._opening}\n" if self._opening else "    </testcase>\n")
            self._count(errors=self._open[0], failures=self._open[1])

    def _count(self, *, errors: bool, failures: bool) -> None:
        self.tests += 1
        if errors:
            self.errors += 1
        elif failures:
            self.failures += 1

    def finish(self, summary: RunSummary) -> None:
        counts = f'tests="{self.tests}" failures="{self.failures}" errors="{self.errors}"'
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(f'<testsuites name="trialint" {counts}>\n')
        self.stream.write(f'  <testsuite name="trialint" {counts} skipped="0">\n')
        self.spool.seek(0)
        shutil.copyfileobj(self.spool, self.stream)
        self.spool.close()
        self.stream.write("  </testsuite>\n</testsuites>\n")


def case_of(report: FileReport) -> ET.Element:
    """A file's test case: a failure per finding, an error for what stopped its check."""
    case = ET.Element("testcase", {"classname": "trialint", "name": report_path(report.path)})
    for finding in report.findings:
        headline = _headline(finding, report.in_collection)
        failure = ET.SubElement(case, "failure", {"type": finding.rule.code, "message": headline})
        failure.text = _details(finding, headline)
    for reason, line in zip(report.errors, report.error_lines(), strict=True):
        element = ET.SubElement(case, "error", {"type": "not-checked", "message": reason})
        element.text = line
    for element in case.iter():  # the one place text from records reaches the XML
        element.attrib = {key: _xml_safe(value) for key, value in element.attrib.items()}
        if element.text:
            element.text = _xml_safe(element.text)
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
