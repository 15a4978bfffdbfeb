"""The default report, in the style of ruff's full output.

    records/NCT02213705.yaml:9:19: S003 'RECRUTING' is not a valid overallStatus; ...
       |
     9 |     overallStatus: RECRUTING
       |                    ^^^^^^^^^ S003
       |

Colour only helps a person at a terminal; the caller decides (TTY and NO_COLOR).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from trialint.finding import Finding
from trialint.rule import Severity

if TYPE_CHECKING:
    from trialint.lint.outcome import FileReport, RunSummary
    from trialint.report import ReportOptions

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_COLORS = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}


class Paint:
    """Text in ANSI styles when enabled, as is otherwise (diff's text report paints too)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        return f"{''.join(styles)}{text}{_RESET}" if self.enabled and styles else text


class Writer:
    """Each finding as its file is checked; the closing line from the run's counts."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.paint = Paint(options.color)
        self.closing = options.closing

    def add(self, report: FileReport) -> None:
        for finding in report.findings:
            line_text = report.quoted_lines.get(finding.span.line, "")
            self.stream.write(
                _render(finding, line_text, self.paint, name_study=report.in_collection)
            )

    def finish(self, summary: RunSummary) -> None:
        if self.closing:
            self.stream.write(closing_line(summary) + "\n")


def _render(finding: Finding, line_text: str, paint: Paint, *, name_study: bool) -> str:
    color = _SEVERITY_COLORS[finding.level]
    code = paint(finding.rule.code, _BOLD, color)
    study = f" [{finding.study}]" if name_study and finding.study else ""
    header = (
        f"{paint(finding.path, _BOLD)}:{finding.span.line}:{finding.span.column}: "
        f"{code}{study} {finding.message}\n"
    )
    if not line_text.strip():
        return header + (f"  = help: {finding.fix.message}\n" if finding.fix else "") + "\n"
    number = str(finding.span.line)
    gutter = " " * len(number)
    start = finding.span.column - 1
    if finding.span.end_line == finding.span.line:
        width = finding.span.end_column - finding.span.column
    else:
        width = len(line_text) - start
    carets = "^" * max(1, min(width, len(line_text) - start) if start < len(line_text) else 1)
    bar = paint("|", _DIM)
    help_line = f"{gutter} = help: {finding.fix.message}\n" if finding.fix else ""
    return (
        f"{header}"
        f"{gutter} {bar}\n"
        f"{paint(number, _DIM)} {bar} {line_text}\n"
        f"{gutter} {bar} {' ' * start}{paint(carets + ' ' + finding.rule.code, color)}\n"
        f"{gutter} {bar}\n"
        f"{help_line}\n"
    )


def closing_line(summary: RunSummary) -> str:
    """What the run found and over how much; "All checks passed!" only when every path named
    was checked: a path that could not be read is not a pass."""
    checked = (
        f"{summary.files} file{'s' if summary.files != 1 else ''}, "
        f"{summary.studies} stud{'ies' if summary.studies != 1 else 'y'}"
    )
    if summary.hidden_by_baseline:
        checked += f"; {summary.hidden_by_baseline} known in the baseline, not shown"
    unchecked = len(summary.errors)
    if unchecked:
        checked += f"; {unchecked} path{'s' if unchecked != 1 else ''} could not be checked"
    total = summary.findings
    if not total:
        return f"No findings in {checked}." if unchecked else f"All checks passed! ({checked})"
    counts = summary.severities
    parts = [
        f"{counts[severity]} {severity}{'s' if counts[severity] != 1 else ''}"
        for severity in Severity
        if counts[severity]
    ]
    found = f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {checked}."
    return found + _fixable(summary)


def _fixable(summary: RunSummary) -> str:
    """How many findings --fix would correct, as ruff says it: only YAML records are fixed."""
    safe, unsafe = summary.safe_fixes, summary.unsafe_fixes
    if not safe and not unsafe:
        return ""
    more = f" ({unsafe} more with --unsafe-fixes)" if unsafe else ""
    if not safe:
        return f"\nNo fixes available with --fix{more}."
    return f"\n{safe} fixable with --fix{more}."
