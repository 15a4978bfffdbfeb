"""``--output-format github``: GitHub Actions workflow commands, one line per finding.

GitHub turns each line into an annotation on the pull request's changed file, so this is the
default inside GitHub Actions (``GITHUB_ACTIONS=true``). Contract, one line per finding::

    ::error file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=CODE name::MESSAGE

with ``error``, ``warning`` or ``notice`` (trialint's info), PATH relative to the checkout, and
GitHub's escaping: in the message ``%``, CR and LF become ``%25``, ``%0D``, ``%0A``; in
properties ``:`` and ``,`` also become ``%3A`` and ``%2C``. A file that could not be checked
is an ``::error file=PATH,title=not checked::REASON`` line. Nothing else is printed, not even
a summary: the job log shows the annotations and the exit code says the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from trialint.report.common import message, report_path
from trialint.rule import Severity

if TYPE_CHECKING:
    from trialint.finding import Finding
    from trialint.lint.outcome import FileReport, RunSummary
    from trialint.report import ReportOptions

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], data: str) -> str:
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {fields}::{escape_data(data)}"


class Writer:
    """A workflow command per finding, and per file that could not be checked, as it comes."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream

    def add(self, report: FileReport) -> None:
        for finding in report.findings:
            self.stream.write(_annotation(finding, report.in_collection) + "\n")
        shown: dict[str, object] = {"file": report_path(report.path), "title": "not checked"}
        for reason in report.errors:
            self.stream.write(command("error", shown, reason) + "\n")

    def finish(self, summary: RunSummary) -> None:
        pass


def _annotation(finding: Finding, in_collection: bool) -> str:
    span = finding.span
    properties = {
        "file": report_path(finding.path),
        "line": span.line,
        "col": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "title": f"{finding.rule.code} {finding.rule.name}",
    }
    return command(COMMANDS[finding.level], properties, message(finding, in_collection))
