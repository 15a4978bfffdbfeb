"""A baseline: the findings a registry already has, recorded so that adopting trialint does not
mean fixing everything first. ``trialint baseline PATH... > FILE`` writes it; ``trialint lint``
hides what it lists (``--baseline FILE``, ``baseline =`` in the configuration, or
``.trialint-baseline.json`` beside the configuration file), and reports only what is new.

A finding is known by its file, study, rule and JSON pointer, never by its line or message: an
edit elsewhere in the file moves lines, and messages can say "54 months ago". Each entry keeps
a count, so a second, new finding of the same rule at the same place still shows.

An entry whose finding is gone (fixed) is stale: it would hide the same problem if it came
back. A run tells how many there are, and ``trialint baseline --update`` prunes them; only the
files a run checked, with the rules it ran, can say that an entry is stale.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trialint.finding import Finding

if TYPE_CHECKING:
    from trialint.config import Config
    from trialint.lint.outcome import FileReport

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
    return _dumps(baseline_document(findings))


def _dumps(document: dict[str, Any]) -> str:
    """A baseline's text, as ``trialint baseline`` writes it and ``--update`` rewrites it."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


class Baseline:
    def __init__(
        self, counts: Counter[Key], path: Path | None = None, document: dict[str, Any] | None = None
    ) -> None:
        self.counts = counts
        self.path = path  # the file it was read from, and its content, for --update
        self.document = document

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
                counts[_entry_key(entry)] += int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: entry {number} is not a baseline finding") from None
        return cls(counts, path, document)

    def hide(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """The findings the baseline does not know, and those it hides."""
        return BaselineMatch(self, frozenset()).split(findings)

    def match(self, selected: frozenset[str]) -> BaselineMatch:
        """A run's use of the baseline, ``selected`` its rules' codes."""
        return BaselineMatch(self, selected)

    def pruned(self, stale: Counter[Key]) -> str:
        """The baseline's file as read, with ``stale`` taken off its entries' counts and the
        entries left with none removed: the rest (order, other keys) stays as it was."""
        assert self.document is not None, "only a baseline read from a file is rewritten"
        left = Counter(stale)
        kept = []
        for entry in self.document.get("findings") or []:
            key = _entry_key(entry)
            count = int(entry.get("count", 1))
            gone = min(count, left[key])
            left[key] -= gone
            if gone == count:
                continue
            kept.append({**entry, "count": count - gone} if gone else entry)
        return _dumps({**self.document, "findings": kept})


def _entry_key(entry: dict[str, Any]) -> Key:
    return (_file_key(entry["file"]), entry.get("study") or "", entry["code"], entry["pointer"])


@dataclass(frozen=True)
class FileShare:
    """One match's view of a file's entries: those it left unmatched (of rules it ran), and
    whether it checked the file, or failed to."""

    unmatched: frozenset[Key]
    checked: bool
    failed: bool

    @staticmethod
    def joined(shares: Iterable[FileShare]) -> set[Key]:
        """The file's stale entries over all its shares, as one match of the whole file
        finds them: unmatched in every share, the file checked by one and failed by none."""
        shares = list(shares)
        if not any(share.checked for share in shares) or any(share.failed for share in shares):
            return set()
        return set(frozenset.intersection(*(share.unmatched for share in shares)))


class BaselineMatch:
    """One run's use of a baseline: which entries hid a finding (each as many times as its
    count, over the whole run), and which files the run checked completely, so that an entry
    left unmatched is known to be stale only where its file was checked with its rule."""

    def __init__(self, baseline: Baseline, selected: frozenset[str]) -> None:
        self.remaining = Counter(baseline.counts)
        self.selected = selected
        self.files = {key[0] for key in baseline.counts}
        self.checked: set[str] = set()  # of self.files: kept small whatever the run's size
        self.failed: set[str] = set()

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """The findings the baseline does not know, and those it hides."""
        shown, hidden = [], []
        for finding in findings:
            key = key_of(finding)
            if self.remaining[key] > 0:
                self.remaining[key] -= 1
                hidden.append(finding)
            else:
                shown.append(finding)
        return shown, hidden

    def apply(self, report: FileReport) -> None:
        """Move the findings of ``report`` the baseline lists to its ``baselined``, and note
        whether the file was checked: one that could not be read, or held no study to check
        (a syntax error), says nothing about its entries."""
        if report.findings:
            report.findings, report.baselined = self.split(report.findings)
        file = _file_key(report.path)
        if file in self.files and not report.passed_over:
            whole = report.studies and not report.errors
            (self.checked if whole else self.failed).add(file)

    def share_of(self, path: str) -> FileShare:
        """What this match knows of one file's entries, to be joined with other matches of
        the same file (a cluster's slices of one large list: ``FileShare.joined``)."""
        file = _file_key(path)
        unmatched = {
            key
            for key, left in self.remaining.items()
            if left > 0 and key[0] == file and key[2] in self.selected
        }
        return FileShare(frozenset(unmatched), file in self.checked, file in self.failed)

    def stale(self) -> Counter[Key]:
        """The entries (and how many of each count) no finding matched, in files the run
        checked, of rules it ran."""
        return Counter(
            {
                key: left
                for key, left in self.remaining.items()
                if left > 0
                and key[0] in self.checked
                and key[0] not in self.failed
                and key[2] in self.selected
            }
        )
