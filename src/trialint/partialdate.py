"""Registry dates: ``yyyy``, ``yyyy-MM`` or ``yyyy-MM-dd``, compared at the precision both have.

"September 2022" and "2022-09-15" are not in conflict: a study that starts in 2022-09 may
well start on the 15th. So comparisons use the coarser precision of the two dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: object) -> PartialDate | None:
        """The date ``text`` stands for, or None when it is not a registry date."""
        if not isinstance(text, str):
            return None
        return _parse(text)

    @classmethod
    def _from_text(cls, text: str) -> PartialDate | None:
        match = _FORM.match(text)
        if match is None:
            return None
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None and (month is None or not 1 <= day <= _days_in(year, month)):
            return None
        return cls(year, month, day)

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> int:
        """1 for a year, 2 for a month, 3 for a day."""
        return 1 if self.month is None else 2 if self.day is None else 3

    def _key(self, precision: int) -> tuple[int, ...]:
        return (self.year, self.month or 0, self.day or 0)[:precision]

    def compare(self, other: PartialDate) -> int:
        """-1, 0 or 1: earlier, same, later, at the precision both dates have."""
        precision = min(self.precision, other.precision)
        mine, theirs = self._key(precision), other._key(precision)
        return (mine > theirs) - (mine < theirs)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or _days_in(self.year, month))

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def months_between(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (negative if ``later`` is earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


@lru_cache(maxsize=4096)
def _parse(text: str) -> PartialDate | None:
    """Registry dates repeat from record to record (months, above all): parse each once."""
    return PartialDate._from_text(text)
