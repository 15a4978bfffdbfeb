"""``--output-format jsonl``: one finding per line (JSON Lines, newline-delimited JSON), each
the object the ``json`` format lists, in the same order.

The form a line-by-line reader takes (DuckDB's ``read_ndjson``, ``pandas.read_json(...,
lines=True)``, ``jq -c``): a reader sees a file's findings as soon as the file is checked,
because each file's lines are flushed before the next file is read, and neither trialint nor
the reader ever holds the whole run. A run with no finding writes nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from trialint.report.json_report import finding_to_dict

if TYPE_CHECKING:
    from trialint.lint.outcome import FileReport, RunSummary
    from trialint.report import ReportOptions


class Writer:
    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream

    def add(self, report: FileReport) -> None:
        if not report.findings:
            return
        for finding in report.findings:
            self.stream.write(json.dumps(finding_to_dict(finding), ensure_ascii=False) + "\n")
        self.stream.flush()  # a reader at the other end of a pipe sees this file's findings now

    def finish(self, summary: RunSummary) -> None:
        self.stream.flush()
