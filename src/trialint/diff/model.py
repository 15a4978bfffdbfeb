"""A change between two versions of a study: what the diff reports, one event at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from trialint.diff.significance import Significance

__all__ = ["Change", "Kind", "NotCompared", "Significance", "StudyDiff"]


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"  # an outcome from primary to secondary, or back
    REWORDED = "reworded"  # a list entry's identifying text changed, the entry stayed
    ACTUALIZED = "actualized"  # ESTIMATED became ACTUAL without the value changing


@dataclass(frozen=True)
class Change:
    """One event. ``module`` is the record's module (``study`` for a study added or removed);
    ``path`` names the value inside it with keys, not positions:
    ``locations[facility="Henri Mondor"].status``."""

    study: str
    module: str
    path: str
    kind: Kind
    significance: Significance
    old: Any = None
    new: Any = None
    note: str | None = None  # "slipped 273 days", "+25%", "precision only", ...

    def to_dict(self) -> dict[str, Any]:
        return {
            "study": self.study,
            "module": self.module,
            "path": self.path,
            "kind": str(self.kind),
            "significance": str(self.significance),
            "old": self.old,
            "new": self.new,
            "note": self.note,
        }


@dataclass
class StudyDiff:
    """The changes of one study, with where its two versions came from."""

    study: str
    old_origin: str | None  # None: the study is new
    new_origin: str | None  # None: the study was removed
    changes: list[Change] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=dict)  # "sites": 37, for the summary


@dataclass(frozen=True)
class NotCompared:
    """A study only one side has, while the other side could not read a file that may hold it
    (one of the same name, its only file, or an archive it could not open): it cannot be
    called added or removed."""

    study: str
    origin: str  # the version that was read
    unreadable: str  # the other side's file that could not be read
    added: bool  # the version read is the new one (it would have looked added)

    def to_dict(self) -> dict[str, Any]:
        return {
            "study": self.study,
            "old_origin": self.unreadable if self.added else self.origin,
            "new_origin": self.origin if self.added else self.unreadable,
            "unreadable": self.unreadable,
        }
