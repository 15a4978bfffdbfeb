"""A baseline: the findings a registry already has, recorded so that adopting trialint does not
mean fixing everything first. ``trialint baseline PATH... > FILE`` writes it; ``trialint lint``
hides what it lists (``--baseline FILE``, ``baseline =`` in the configuration, or
``.trialint-baseline.json`` beside the configuration file), and reports only what is new.

A finding is known by its file, study, rule and JSON pointer, never by its line or message: an
edit elsewhere in the file moves lines, and messages can say "54 months ago". Each entry keeps
a count, so a second, new finding of the same rule at the same place still shows.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trialint.finding import Finding

if TYPE_CHECKING:
    from trialint.config import Config

FORMAT = "trialint-baseline"
VERSION = 1
# The baseline used when none is named: in the configuration file's folder (the working
# directory's when there is none), as ruff and mypy find theirs.
DEFAULT_NAME = ".trialint-baseline.json"

Key = tuple[str, str, str, str]  # file, study, code, pointer


class BaselineError(Exception):
    """A baseline file that cannot be read."""


def baseline_in_force(config: Config) -> Path | None:
    """The baseline ``config`` names, else ``.trialint-baseline.json`` beside its file (or in
    the working directory, without one) when that exists."""
    if config.baseline is not None:
        return config.baseline
    default = (config.source.parent if config.source else Path()) / DEFAULT_NAME
    return default if default.is_file() else None


def _file_key(path: str) -> str:
    return Path(os.path.normpath(path)).as_posix()


def key_of(finding: Finding) -> Key:
    return (_file_key(finding.path), finding.study or "", finding.rule.code, finding.pointer)


def baseline_document(findings: Iterable[Finding]) -> dict[str, Any]:
    counts = Counter(key_of(finding) for finding in findings)
    return {
        FORMAT: VERSION,
        "findings": [
            {"file": file, "study": study or None, "code": code, "pointer": pointer,
             "count": count}
            for (file, study, code, pointer), count in sorted(counts.items())
        ],
    }  # fmt: skip


def render(findings: Iterable[Finding]) -> str:
    return json.dumps(baseline_document(findings), indent=2, ensure_ascii=False) + "\n"


class Baseline:
    def __init__(self, counts: Counter[Key]) -> None:
        self.counts = counts

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise BaselineError(f"{path}: cannot read: {error.strerror or error}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise BaselineError(f"{path}: not JSON: {error}") from None
        except ValueError:  # an integer of more than 4,300 digits
            raise BaselineError(
                f"{path}: not a trialint baseline: a number too long to read"
            ) from None
        except RecursionError:
            raise BaselineError(
                f"{path}: not a trialint baseline: nested too deeply to read"
            ) from None
        if not isinstance(document, dict) or document.get(FORMAT) != VERSION:
            raise BaselineError(f"{path}: not a trialint baseline (written by trialint baseline)")
        entries = document.get("findings") or []
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: 'findings' is not a list of baseline findings")
        counts: Counter[Key] = Counter()
        for number, entry in enumerate(entries, 1):
            try:
                key = (_file_key(entry["file"]), entry.get("study") or "", entry["code"],
                       entry["pointer"])  # fmt: skip
                counts[key] += int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: entry {number} is not a baseline finding") from None
        return cls(counts)

    def hide(self, findings: list[Finding]) -> tuple[list[Finding], int]:
        """The findings the baseline does not know, and how many it hid."""
        return self.hider()(findings)

    def hider(self) -> Callable[[list[Finding]], tuple[list[Finding], int]]:
        """``hide`` for a run given a file at a time: each entry hides as many findings as its
        count over the whole run, not in each file."""
        remaining = Counter(self.counts)

        def hide(findings: list[Finding]) -> tuple[list[Finding], int]:
            shown = []
            for finding in findings:
                key = key_of(finding)
                if remaining[key] > 0:
                    remaining[key] -= 1
                else:
                    shown.append(finding)
            return shown, len(findings) - len(shown)

        return hide
