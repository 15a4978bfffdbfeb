"""Reporters: one module per output format, each a ``write(result, stream, options)``.

Adding a format is adding a module and a line in ``REPORTERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from trialint.lint.runner import LintResult
from trialint.report import json_report, text


@dataclass(frozen=True)
class ReportOptions:
    color: bool = False


Reporter = Callable[[LintResult, TextIO, ReportOptions], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.write,
    "json": json_report.write,
}
