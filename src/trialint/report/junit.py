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
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from trialint.report.common import message, report_path, split_error

if TYPE_CHECKING:
    from trialint.finding import Finding
    from trialint.lint.runner import LintResult
    from trialint.report import ReportOptions

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def write(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    tree = ET.ElementTree(build(result))
    ET.indent(tree)
    tree.write(stream, encoding="unicode")
    stream.write("\n")


def build(result: LintResult) -> ET.Element:
    cases: dict[str, ET.Element] = {}

    def case(path: str) -> ET.Element:
        if path not in cases:
            cases[path] = ET.Element(
                "testcase", {"classname": "trialint", "name": report_path(path)}
            )
        return cases[path]

    for path in result.paths:
        case(path)
    for finding in result.findings:
        headline = _headline(finding, result.collections)
        failure = ET.SubElement(
            case(finding.path), "failure", {"type": finding.rule.code, "message": headline}
        )
        failure.text = _details(finding, headline)
    for error in result.errors:
        path, reason = split_error(error, result.paths)
        element = ET.SubElement(case(path), "error", {"type": "not-checked", "message": reason})
        element.text = error

    errored = sum(1 for c in cases.values() if c.find("error") is not None)
    failed = sum(
        1 for c in cases.values() if c.find("failure") is not None and c.find("error") is None
    )
    counts = {"tests": str(len(cases)), "failures": str(failed), "errors": str(errored)}
    root = ET.Element("testsuites", {"name": "trialint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "trialint", **counts, "skipped": "0"})
    suite.extend(cases.values())
    for element in root.iter():  # the one place text from records reaches the XML
        element.attrib = {key: _xml_safe(value) for key, value in element.attrib.items()}
        if element.text:
            element.text = _xml_safe(element.text)
    return root


def _headline(finding: Finding, collections: set[str]) -> str:
    span = finding.span
    return (
        f"{report_path(finding.path)}:{span.line}:{span.column}: "
        f"{finding.rule.code} {message(finding, collections)}"
    )


def _details(finding: Finding, headline: str) -> str:
    lines = [headline, f"rule: {finding.rule.code} {finding.rule.name} ({finding.level})"]
    if finding.pointer:
        lines.append(f"at: {finding.pointer}")
    if finding.fix is not None:
        lines.append(f"help: {finding.fix.message}")
    return "\n".join(lines)
