"""What the commands share: exit codes and options, declared once so they read the same."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

# Every command: 0 nothing to report, 1 something to report (findings, changes), 2 an error
# (usage, an unreadable input, an internal error), as ruff and most linters do.
EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def add_output_options(
    parser: argparse.ArgumentParser, choices: Sequence[str], default: str | None, formats: str
) -> None:
    """``--output-format`` (alias ``--format``) and ``--output FILE``: the report in a format
    to a file, while the text report still goes to the terminal (the CI log)."""
    parser.add_argument(
        "--output-format", "--format", dest="output_format", choices=choices, default=default,
        help=formats,
    )  # fmt: skip
    parser.add_argument(
        "--output", metavar="FILE",
        help="write the report (in --output-format) to FILE, and the text report to stdout",
    )  # fmt: skip
