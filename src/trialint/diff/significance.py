"""How much a change matters: its own small module, so that the command line can offer the
levels without loading the diff machinery for a ``lint`` run."""

from __future__ import annotations

from enum import StrEnum


class Significance(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    ADMINISTRATIVE = "administrative"

    @property
    def rank(self) -> int:
        return {"major": 0, "minor": 1, "administrative": 2}[self.value]
