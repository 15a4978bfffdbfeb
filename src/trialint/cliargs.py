"""What the commands share: exit codes and options, declared once so they read the same."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

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


# A file name that is not UTF-8 is held with lone surrogates (one per byte that is not); they
# are written as the escape '\udcff', which is text to read and, inside a JSON string, the JSON
# escape for that same character: reports stay valid UTF-8 and JSON, and name the file.
_UNENCODABLE = "backslashreplace"


def printable(text: str) -> str:
    """``text`` as the reports write it: a name's undecodable bytes as escapes."""
    return text.encode("utf-8", _UNENCODABLE).decode("utf-8")


def open_output(path: str) -> TextIO:
    """The file ``--output`` names, open for writing a report."""
    return open(path, "w", encoding="utf-8", errors=_UNENCODABLE)  # noqa: PTH123 - a user path


def escape_unencodable_output() -> None:
    """Let stdout and stderr write what they cannot encode as escapes instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=_UNENCODABLE)
