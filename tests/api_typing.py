"""A script written against trialint's Python API as the README shows it, fully typed.

tests/test_api.py runs it and checks it with ``mypy --strict``: the API's names, arguments and
results must keep the types a user's type checker was promised (a name that turned into
``Any`` would pass silently; test_api.py checks that wrong uses are caught too).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import trialint


def findings_by_code(folder: Path, today: date) -> Counter[str]:
    findings: list[trialint.Finding] = trialint.lint(folder, select=["S", "D"], today=today)
    counts: Counter[str] = Counter()
    for finding in findings:
        line: int = finding.line
        column: int = finding.column
        fix: trialint.Fix | None = finding.fix
        if line > 0 and column > 0 and (fix is None or fix.safe in (True, False)):
            counts[finding.code] += 1
    return counts


def rows(studies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [finding.to_dict() for finding in trialint.lint(studies, ignore=["T"])]


def major_changes(old: str | Path, new: dict[str, Any]) -> list[tuple[str, str]]:
    changes: list[trialint.Change] = trialint.diff(old, new)
    return [
        (change.module, change.path)
        for change in changes
        if change.significance is trialint.Significance.MAJOR
        and change.kind in (trialint.Kind.CHANGED, trialint.Kind.ADDED)
    ]


def problems(path: str) -> tuple[str, ...]:
    try:
        trialint.lint(path)
    except trialint.UnreadableInputError as error:
        return error.problems
    except trialint.TrialintError:
        return ()
    return ()
