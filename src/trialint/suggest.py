"""'Did you mean …?': the closest valid spelling of a key, an enum value or a date."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

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


_NOT_LETTER_OR_DIGIT = re.compile(r"[^0-9A-Z]")


def _normal(word: str) -> str:
    return _NOT_LETTER_OR_DIGIT.sub("", word.upper())


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo most likely meant, or None when nothing is close."""
    return _closest(word, tuple(candidates))


@lru_cache(maxsize=4096)
def _closest(word: str, options: tuple[str, ...]) -> str | None:
    # Cached: a file of thousands of unknown keys asks for each key's hint more than once
    # (its finding, and whether it misspells a missing field), over the same candidates.
    by_normal = _by_normal(options)
    normal = _normal(word)
    if normal in by_normal:
        return by_normal[normal]
    synonym = _ENUM_SYNONYMS.get(normal)
    if synonym in options:
        return synonym
    from rapidfuzz import fuzz, process  # here: only a finding's hint needs it

    match = process.extractOne(normal, list(by_normal), scorer=fuzz.ratio, score_cutoff=75)
    return by_normal[match[0]] if match else None


def misspelled(name: str, words: Iterable[str], candidates: Iterable[str]) -> bool:
    """Whether one of ``words`` is a typo for ``name``: a word whose closest candidate it is.
    Only the words near ``name`` are asked their closest candidate: a record of thousands of
    unknown keys is read once per missing field, not once per key and field."""
    options = tuple(candidates)
    by_normal: dict[str, str] = {}
    for word in words:
        by_normal.setdefault(_normal(word), word)
    from rapidfuzz import fuzz, process

    near = process.extract(_normal(name), list(by_normal), scorer=fuzz.ratio, score_cutoff=75,
                           limit=None)  # fmt: skip
    return any(_closest(by_normal[normal], options) == name for normal, _, _ in near)


@lru_cache(maxsize=256)
def _by_normal(options: tuple[str, ...]) -> dict[str, str]:
    return {_normal(option): option for option in options}


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
