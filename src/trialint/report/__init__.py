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


COLOR_CHOICES = ("auto", "always", "never")
_color_choice = "auto"


def choose_color(choice: str) -> None:
    """The command line's ``--color``, for the whole run: a report deep inside a command (diff's
    text, written step by step) asks :func:`use_color` without being handed the option, as
    ruff's colour override works."""
    if choice not in COLOR_CHOICES:
        raise ValueError(f"--color is one of {', '.join(COLOR_CHOICES)}, not {choice!r}")
    global _color_choice
    _color_choice = choice


def use_color(stream: TextIO) -> bool:
    """Whether a report written to ``stream`` is coloured. Every command's text report asks
    here (lint's, diff's), so they colour alike.

    ``--color always`` or ``never`` decides alone. Otherwise (``auto``) colour is for a person
    at a terminal, never when NO_COLOR is set (no-color.org), and also off a terminal when
    FORCE_COLOR is set (force-color.org: a CI log that shows colours); NO_COLOR wins over
    FORCE_COLOR, as in CPython's own colouring."""
    if _color_choice != "auto":
        return _color_choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    from trialint.progress import is_terminal

    return is_terminal(stream)


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    rules: RuleSet | None = None  # every rule of the run, for formats that describe them
    baseline: bool = False  # a baseline is in force (SARIF says which results are new)
    closing: bool = True  # the text's closing line (not under --quiet: the findings alone)
    unsafe_fixes: bool = False  # --unsafe-fixes: its fixes count as --fix's (--statistics)
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
