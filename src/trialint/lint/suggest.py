"""'Did you mean …?': the closest valid spelling of a key, an enum value or a date."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# Legacy and display spellings of enum values (ctgov-data-model.md, "Legacy display values"):
# curators copy them from the website and the old XML, where they look nothing like the API's.
_ENUM_SYNONYMS = {
    "ANTICIPATED": "ESTIMATED",
    "ESTIMATE": "ESTIMATED",
    "BOTH": "ALL",
    "PHASE0": "EARLY_PHASE1",
    "NOTAPPLICABLE": "NA",
    "OPENLABEL": "NONE",
    "NOMASKING": "NONE",
    "UNKNOWNSTATUS": "UNKNOWN",
    "ACTIVE": "ACTIVE_NOT_RECRUITING",
}


def _normal(word: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", word.upper())


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo most likely meant, or None when nothing is close."""
    options = list(candidates)
    by_normal = {_normal(option): option for option in options}
    normal = _normal(word)
    if normal in by_normal:
        return by_normal[normal]
    synonym = _ENUM_SYNONYMS.get(normal)
    if synonym in options:
        return synonym
    matches = difflib.get_close_matches(normal, list(by_normal), n=1, cutoff=0.75)
    return by_normal[matches[0]] if matches else None


_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})\Z")  # September 15, 2022
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})\Z")  # 15 September 2022
_YEAR_FIRST = re.compile(r"(\d{4})[/.\-](\d{1,2})(?:[/.\-](\d{1,2}))?\Z")  # 2022/9/15, 2022-9


def suggest_date(text: str) -> str | None:
    """The registry form (yyyy-MM-dd or yyyy-MM) of a date written the way people write them."""
    text = text.strip()
    day: str | None
    if match := _MONTH_YEAR.match(text):
        month_name, day, year = match.groups()
    elif match := _DAY_MONTH_YEAR.match(text):
        day, month_name, year = match.groups()
    elif match := _YEAR_FIRST.match(text):
        year, month, day = match.groups()
        return _format_date(year, int(month), day)
    else:
        return None
    month_number = _MONTHS.get(month_name.lower())
    return _format_date(year, month_number, day) if month_number else None


def _format_date(year: str, month: int, day: str | None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= int(day) <= 31):
        return None
    return f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
