"""Reporters: one module per output format, each with ``write(result, stream, options)``.

Adding a format is adding a module and a line in ``_MODULES``; modules are imported only when
their format is asked for, so the command starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from trialint.lint.runner import LintResult
    from trialint.rule import RuleSet


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False
    rules: RuleSet | None = None  # every rule of the run, for formats that describe them


Reporter = Callable[["LintResult", TextIO, ReportOptions], None]

# format name -> module of trialint.report holding its write()
_MODULES = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
}
FORMATS = tuple(_MODULES)


def reporter(name: str) -> Reporter:
    module = importlib.import_module(f"trialint.report.{_MODULES[name]}")
    write: Reporter = module.write
    return write
