"""Registry dates: ``yyyy``, ``yyyy-MM`` or ``yyyy-MM-dd``, compared at the precision both have.

"September 2022" and "2022-09-15" are not in conflict: a study that starts in 2022-09 may
well start on the 15th. So comparisons use the coarser precision of the two dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

_FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    # 1 for a year, 2 for a month, 3 for a day.
    precision: int = field(init=False, repr=False, compare=False)
    # The date as a tuple at each precision, (year,) to (year, month, day): a comparison
    # takes two of them and does not build any.
    _keys: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        full = (self.year, self.month or 0, self.day or 0)
        precision = 1 if self.month is None else 2 if self.day is None else 3
        object.__setattr__(self, "precision", precision)
        object.__setattr__(self, "_keys", (full[:1], full[:2], full))

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
        if day is not None and (month is None or not 1 <= day <= days_in_month(year, month)):
            return None
        return cls(year, month, day)

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return _of(day)

    def compare(self, other: PartialDate) -> int:
        """-1, 0 or 1: earlier, same, later, at the precision both dates have."""
        at = min(self.precision, other.precision) - 1
        mine, theirs = self._keys[at], other._keys[at]
        return (mine > theirs) - (mine < theirs)

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or days_in_month(self.year, month))

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


# Days in each month of a common year (index 0 unused): calendar.mdays, which is undocumented
# and so absent from the standard library's type stubs.
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """28 to 31: ``calendar.monthrange`` without the weekday it also works out."""
    if not 1 <= month <= 12:
        raise calendar.IllegalMonthError(month)
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]


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


@lru_cache(maxsize=64)
def _of(day: date) -> PartialDate:
    """Checks ask for today's date (and a few fixed days) record after record: build each once."""
    return PartialDate(day.year, day.month, day.day)
