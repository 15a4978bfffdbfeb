"""Reporters: one module per output format, each with a ``Writer`` that takes a run's files as
they are checked and a summary at the end.

A writer never holds a run: one that must say a count before the findings (JUnit's test
suite, SARIF's rule list) keeps what it writes in a temporary file until the end, so a
registry-wide run stays in flat memory whatever the format. Adding a format is adding a module
and a line in ``_MODULES``; modules are imported only when their format is asked for, so the
command starts fast.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TextIO

from trialint.rule import Severity

if TYPE_CHECKING:
    from trialint.lint.outcome import FileReport, LintResult, RunSummary
    from trialint.rule import RuleSet


def use_color(stream: TextIO) -> bool:
    """Colour for a person at a terminal, never when NO_COLOR is set (no-color.org). Every
    command's text report asks here (lint's, diff's), so they colour alike."""
    return bool(stream.isatty()) and not os.environ.get("NO_COLOR")


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    rules: RuleSet | None = None  # every rule of the run, for formats that describe them
    # The least severity that fails the run (--fail-on), for formats that tell failures from
    # the rest (JUnit), so that they agree with the exit code.
    fail_on: Severity = Severity.INFO


class Writer(Protocol):
    """One output format writing to one stream: ``add`` each file in order, then ``finish``."""

    def add(self, report: FileReport) -> None: ...

    def finish(self, summary: RunSummary) -> None: ...


WriterFactory = Callable[[TextIO, ReportOptions], Writer]

# format name -> module of trialint.report holding its Writer
_MODULES = {
    "text": "text",
    "json": "json_report",
    "jsonl": "jsonl",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
}
FORMATS = tuple(_MODULES)


def open_writer(name: str, stream: TextIO, options: ReportOptions) -> Writer:
    module = importlib.import_module(f"trialint.report.{_MODULES[name]}")
    factory: WriterFactory = module.Writer
    return factory(stream, options)


def reporter(name: str) -> Callable[[LintResult, TextIO, ReportOptions], None]:
    """Write a whole result held in memory (the Python API's, a fix's) in format ``name``."""

    def write(result: LintResult, stream: TextIO, options: ReportOptions) -> None:
        writer = open_writer(name, stream, options)
        reports = result.file_reports()
        for report in reports:
            writer.add(report)
        writer.finish(result.summary(reports))

    return write
