"""``trialint lint --statistics``: how many findings of each rule, in place of the findings, as
ruff (and flake8 before it) prints them: the rules a registry trips most come first.

    12	T001	[*] misspelling
     3	S006	[ ] empty-required-list

The mark says whether ``--fix`` corrects a rule's findings: ``[*]`` all of them, ``[~]`` some,
``[ ]`` none; it is left out when no finding is fixable. Only counts are kept, per rule, so a
registry-wide run stays in flat memory.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from trialint.report.text import Paint, closing_line

if TYPE_CHECKING:
    from trialint.lint.outcome import FileReport, RunSummary
    from trialint.report import ReportOptions

_BOLD = "\x1b[1m"
_RED = "\x1b[31m"
_CYAN = "\x1b[36m"


class Writer:
    """Counts per rule as files are checked; the table (or JSON) at the end."""

    def __init__(self, stream: TextIO, options: ReportOptions, *, as_json: bool = False) -> None:
        self.stream = stream
        self.options = options
        self.as_json = as_json
        self.paint = Paint(options.color)
        self.counts: Counter[str] = Counter()
        self.fixable: Counter[str] = Counter()
        self.names: dict[str, str] = {}

    def add(self, report: FileReport) -> None:
        for finding in report.findings:
            code = finding.rule.code
            self.counts[code] += 1
            self.names[code] = finding.rule.name
            fix = finding.fix
            if (
                report.fixes_apply
                and fix is not None
                and fix.applicable
                and (fix.safe or self.options.unsafe_fixes)
            ):
                self.fixable[code] += 1

    def rows(self) -> list[tuple[str, int]]:
        """(code, count), the most frequent first, then by code."""
        return sorted(self.counts.items(), key=lambda row: (-row[1], row[0]))

    def finish(self, summary: RunSummary) -> None:
        if self.as_json:
            table = [
                {"code": code, "name": self.names[code], "count": count,
                 "fixable_count": self.fixable[code]}
                for code, count in self.rows()
            ]  # fmt: skip
            json.dump(table, self.stream, indent=2, ensure_ascii=False)
            self.stream.write("\n")
            return
        self._write_table()
        if self.options.closing:
            self.stream.write(closing_line(summary) + "\n")

    def _write_table(self) -> None:
        rows = self.rows()
        if not rows:
            return
        count_width = len(str(rows[0][1]))
        code_width = max(len(code) for code, _ in rows)
        marks = any(self.fixable.values())
        for code, count in rows:
            mark = self._mark(code, count) + " " if marks else ""
            self.stream.write(
                f"{self.paint(str(count).rjust(count_width), _BOLD)}\t"
                f"{self.paint(code.ljust(code_width), _BOLD, _RED)}\t{mark}{self.names[code]}\n"
            )
        if marks and self.options.closing:
            with_fix = "--fix --unsafe-fixes" if self.options.unsafe_fixes else "--fix"
            some = ", [~] some of them" if any(
                0 < self.fixable[code] < count for code, count in rows
            ) else ""  # fmt: skip
            self.stream.write(f"[{self.paint('*', _CYAN)}] fixable with {with_fix}{some}\n")

    def _mark(self, code: str, count: int) -> str:
        fixable = self.fixable[code]
        if not fixable:
            return "[ ]"
        return f"[{self.paint('*' if fixable == count else '~', _CYAN)}]"
