"""Tell a switched primary outcome from a reworded one, as the experts who rate registry
histories do.

Meta-researchers count a trial as having switched its primary outcome when what the outcome
measures changed: another instrument, scale, measure or criterion, other time points, an
outcome added, dropped or moved to the secondary list (COMPare, Goldacre 2019; Holst 2023,
"hidden outcome changes"). Registrants also reword outcomes all the time, and a diff that
calls every rewording a switch buries the switches: an abbreviation spelled out, a synonym,
the registry's results style once results are posted ("Clinical response at day 10" ->
"Number of Participants With Clinical Response at Day 10"), a time frame moved out of the
title into its own field or filled in where an old record had none, one entry split in two.

So an outcome is read as what it measures, not as its words:
- its *terms*: the words of its title and description, lowercased, as singulars, British
  spellings read as American, synonyms read as one (``rules/outcome-switch.yaml``),
  abbreviations read as what they stand for (defined in the record, "blood pressure (BP)",
  spelled by the initials of words the other version uses, or a scale of
  ``rules/outcome-scales.yaml``), with the words that only say how it is counted or phrased
  set aside ("Number of Participants With", "Change From Baseline in");
- the *instruments* and *criteria* its description names ("assessed by the Berg Balance
  Scale", "HbA1c < 7%");
- its *time points* (title and time frame), in days: "Week 48", "48 weeks" and "11 months"
  are one point, give or take the slack of a month; baseline and day 1 are not points;
- its description's *edits*: a few words of a definition replaced or dropped while the rest
  stays ("by central radiographic evaluation" -> "by investigator assessment"), other
  numbers before the same words ("15-point reduction" -> "15% reduction"); a paragraph
  rewritten in other words, an explanation added, a citation dropped are not edits of it.
A product's code ("BAY1747846") is what is tested, not what is measured: its name in its
place is no switch.

Two versions' primary outcomes are paired by their terms; each pair, each group split or
merged, and each outcome left over gets a verdict (``Switch``) that says whether the change
is substantive and which kind it is. The diff ranks primary-outcome changes by it and
history rule H001 reports only the substantive ones.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

import snowballstemmer
from rapidfuzz.distance import OSA, Levenshtein

from trialint.lint.checks.outcomes import ANALYSIS_NAMES
from trialint.lint.checks.scales import scales
from trialint.lint.ruledata import rule_data
from trialint.spelling.vocabulary import american_forms

__all__ = ["Matching", "Switch", "Verdict", "compare_primary", "describe", "match_primary"]


class Switch(StrEnum):
    """What happened to a primary outcome between two versions."""

    # The same outcome: minor.
    REWORDED = "reworded"
    RESULTS_STYLE = "results_style"
    TIME_FRAME_SPLIT = "time_frame_split"
    SPLIT_MERGE = "split_merge"
    FORMATTING = "formatting"
    # A changed outcome: major.
    INSTRUMENT = "instrument"
    DESCRIPTION_INSTRUMENT = "description_instrument"
    TIME_POINTS = "time_points"
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"

    @property
    def substantive(self) -> bool:
        return self in _CHANGED


_CHANGED = frozenset(
    {
        Switch.INSTRUMENT,
        Switch.DESCRIPTION_INSTRUMENT,
        Switch.TIME_POINTS,
        Switch.ADDED,
        Switch.REMOVED,
        Switch.MOVED,
    }
)
_SAID = {
    Switch.REWORDED: "reworded, same outcome",
    Switch.RESULTS_STYLE: "retitled in the results style, same outcome",
    Switch.TIME_FRAME_SPLIT: "time frame moved out of the title or filled in, same outcome",
    Switch.SPLIT_MERGE: "split or merged with the same content",
    Switch.FORMATTING: "formatting only",
    Switch.INSTRUMENT: "another measure",
    Switch.DESCRIPTION_INSTRUMENT: "another instrument or criterion in the description",
    Switch.TIME_POINTS: "other time points",
    Switch.ADDED: "primary outcome added",
    Switch.REMOVED: "primary outcome removed",
    Switch.MOVED: "moved between primary and secondary",
}


@dataclass(frozen=True)
class Verdict:
    """One change to the primary outcomes: the entries it concerns (indexes into the old and
    the new primaryOutcomes) and what it is; ``detail`` names what differs ("Berg Balance
    Scale -> Timed Up and Go", "week 12 -> week 24")."""

    switch: Switch
    old: tuple[int, ...]
    new: tuple[int, ...]
    detail: str = ""

    @property
    def substantive(self) -> bool:
        return self.switch.substantive


def describe(verdict: Verdict) -> str:
    """The verdict in words, for a diff note or a finding's message."""
    said = _SAID[verdict.switch]
    return f"{said}: {verdict.detail}" if verdict.detail else said


# --- the data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocabulary:
    wording: frozenset[str]
    instrument_nouns: frozenset[str]
    synonyms: dict[str, str]  # a phrase, normalised -> its group's first phrase, as one term
    synonym_pattern: re.Pattern[str] | None


_STOPWORDS = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or",
    "as", "per", "during", "after", "before", "within", "between", "over", "up", "via", "its",
    "their", "is", "are", "be", "been", "being", "will", "was", "were", "who", "that", "which",
    "this", "these", "those", "than", "into", "each", "all", "any", "both", "either", "until",
    "till", "since", "upon", "under", "about", "not", "no", "whether", "how", "what", "when",
    "while", "other",
    "we", "our", "us", "they", "them", "it", "he", "she", "his", "her", "you", "your",
))  # fmt: skip
_TIME_UNITS = {
    "minute": 1 / 1440,
    "min": 1 / 1440,
    "hour": 1 / 24,
    "hr": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "wk": 7.0,
    "month": 30.4375,
    "mo": 30.4375,
    "year": 365.25,
    "yr": 365.25,
}
_CYCLE = "cycle"
_WITHIN_A_DAY = frozenset({"minute", "min", "hour", "hr"})
_HOW_LONG = re.compile(
    r"\b(?:duration|lasting|lasts|takes?|about|approximately)\W+(?:of\W+)?$", re.I
)
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "eighteen": "18", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
    "sixty": "60", "ninety": "90",
}  # fmt: skip


@cache
def _vocabulary() -> _Vocabulary:
    data = rule_data("outcome-switch.yaml")
    wording = frozenset(_word(str(word)) for word in data.get("wording") or ())
    nouns = frozenset(str(noun).lower() for noun in data.get("instrument_nouns") or ())
    synonyms: dict[str, str] = {}
    for group in data.get("synonyms") or ():
        phrases = [" ".join(_words(str(phrase))) for phrase in group]
        head = phrases[0].replace(" ", "_")
        synonyms.update((phrase, head) for phrase in phrases)
    alternatives = sorted(synonyms, key=len, reverse=True)
    pattern = (
        re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")\b")
        if alternatives
        else None
    )
    return _Vocabulary(wording, nouns, synonyms, pattern)


# --- words ------------------------------------------------------------------------------------


_ESCAPE = re.compile(r"\\(?=[^\w\s])")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][a-z]+)?(?:-[^\W_]+)*")
_ACRONYM = re.compile(r"\b(?=[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z])[A-Za-z][A-Za-z0-9-]{1,11}\b")
_NOT_INSTRUMENTS = frozenset(
    {"us", "usa", "uk", "eu", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "and", "or"}
)


_STEMMER = snowballstemmer.stemmer("english")
# Words stemmed before, kept: a snapshot diff meets a registry's vocabulary, not a record's,
# and memory must not grow with the registry (issue 17).
_KEPT_WORDS = 1 << 16


@lru_cache(maxsize=_KEPT_WORDS)
def _word(word: str) -> str:
    """A word as compared: lowercased, in American spelling, stemmed (Snowball's English
    stemmer: "combination" and "combined", "harbors" and "harboring" are one word); a word
    with digits ("PHQ-9") as it is, but for a plural "s" ("DLTs")."""
    word = word.lower().replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if not word.isalpha():
        return word[:-1] if word.endswith("s") and word[:-1].isalnum() and len(word) > 3 else word
    forms = american_forms(word)
    return str(_STEMMER.stemWord(forms[-1] if forms else word))


def _words(text: str) -> list[str]:
    return [_word(match) for match in _WORD.findall(_ESCAPE.sub("", text))]


def _plain(text: str) -> str:
    """The text as formatting leaves it: words only, lowercased."""
    return " ".join(_WORD.findall(_ESCAPE.sub("", text).lower()))


# --- abbreviations ----------------------------------------------------------------------------


def _abbreviations(texts: Iterable[str]) -> dict[str, list[str]]:
    """What the abbreviations of two versions stand for: defined in them ("blood pressure
    (BP)"), or spelled by the initials of words either version uses ("OS" and "overall
    survival"), or a scale of rules/outcome-scales.yaml."""
    found: dict[str, list[str]] = {}
    cleaned = [_ESCAPE.sub("", text) for text in dict.fromkeys(texts)]
    for clean in cleaned:
        for match in re.finditer(r"\(\s*([A-Za-z][A-Za-z0-9-]{1,11})\s*\)", clean):
            acronym = match.group(1)
            capitals = sum(c.isupper() for c in acronym)
            if capitals < 2:
                continue
            before = _WORD.findall(clean[max(0, match.start() - 160) : match.start()])[-8:]
            if sum(w.lower() not in _STOPWORDS for w in before) >= capitals:
                start, seen = len(before), 0
                while seen < capitals:
                    start -= 1
                    seen += before[start].lower() not in _STOPWORDS
                found.setdefault(_word(acronym), [_word(w) for w in before[start:]])
    initials = _Initials(cleaned)
    for clean in cleaned:
        for acronym in _ACRONYM.findall(clean):
            key = _word(acronym)
            if key in found:
                continue
            spelled = initials.spelling(acronym)
            if spelled:
                found[key] = [_word(w) for w in spelled]
            elif acronym in scales():
                found[key] = scales()[acronym][0].split()
    return found


class _Initials:
    """The initials of the content words of some texts, in one string each way (words whole,
    and hyphenated words a letter a part: "progression-free survival" is PFS), so that the
    words an acronym abbreviates are found with one search of C, not a loop over texts."""

    def __init__(self, texts: list[str]) -> None:
        self.views: list[tuple[str, list[str | None]]] = []
        for split in (False, True):
            letters: list[str] = []
            words: list[str | None] = []
            for text in texts:
                for word in _WORD.findall(text):
                    for part in word.split("-") if split else (word,):
                        if part and part.lower() not in _STOPWORDS:
                            letters.append(part[0].lower())
                            words.append(part)
                letters.append("|")  # an acronym never spans two texts
                words.append(None)
            self.views.append(("".join(letters), words))

    def spelling(self, acronym: str) -> list[str] | None:
        letters = "".join(c.lower() for c in acronym if c.isalpha())
        if len(letters) < 2:
            return None
        for initials, words in self.views:
            at = initials.find(letters)
            if at >= 0:
                return [word for word in words[at : at + len(letters)] if word is not None]
        return None


# --- an outcome, as what it measures ----------------------------------------------------------


@dataclass
class _Outcome:
    entry: dict[str, Any]
    title: frozenset[str]  # terms of the measure
    terms: frozenset[str]  # terms of measure, description and time frame
    instruments: frozenset[str]  # instruments named in the description
    criteria: frozenset[str]  # thresholds in title or description
    described: frozenset[str]  # terms of the description alone, its statistics aside
    quantities: dict[str, frozenset[str]]  # numbers of the description, by the word after
    points: tuple[tuple[str, float], ...]  # time points of title and time frame
    plain: str  # all its text as formatting leaves it
    abbreviations: dict[str, list[str]]  # of the two versions compared
    results_style: bool = field(default=False)


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    return value if isinstance(value, str) else ""


def _terms(text: str, abbreviations: dict[str, list[str]]) -> frozenset[str]:
    vocabulary = _vocabulary()
    words: list[str] = []
    for word in _words(text):
        expanded = abbreviations.get(word)
        words.extend(expanded if expanded else [word])
        if expanded and any(c.isdigit() for c in word):
            words.append(word)  # PHQ-9 and PHQ-8 spell out alike: the version is the digit
    line = " ".join(words)
    if vocabulary.synonym_pattern is not None:
        line = vocabulary.synonym_pattern.sub(lambda m: vocabulary.synonyms[m.group()], line)
    return frozenset(
        word
        for token in line.split()
        for word in (token, *(token.split("-") if "-" in token else ()))
        if word not in _STOPWORDS
        and word not in vocabulary.wording
        and not _misspelt_wording(word)
        and word not in _TIME_UNITS
        and word != _CYCLE
        and not word.replace(".", "").isdigit()
        and word not in _NUMBER_WORDS
        and len(word) > 1
    )


@lru_cache(maxsize=4096)
def _misspelt_wording(word: str) -> bool:
    """Whether a word is a wording word misspelt ("Assesment"): set aside as the word is,
    or the version that corrects it reads as another measure."""
    return (
        len(word) >= _SHORTEST_MISSPELT
        and word.isalpha()
        and any(_spelling_of(word, other) for other in _vocabulary().wording)
    )


_SHORTEST_MISSPELT = 5

# A product's code ("BAY1747846", "abt-199", "CT-155"): what is tested, not what is measured;
# an outcome that names its product by the code in one version and by name in the next is
# the same outcome (a scale's version, "PHQ-9", "SF-36", has fewer digits). Codes still pair
# entries ("... of compound CX-0001" with its rewording).
_PRODUCT_CODE = re.compile(r"[a-z]{1,6}-?\d{3,}[a-z\d-]*")
_INSTRUMENT_NAME = r"((?:[A-Z][\w'\u2019-]*\s+(?:(?:of|for|and|the|in)\s+)?){1,6})((?i:{nouns}))\b"
_RESULTS_STYLE = re.compile(
    r"\b(?:number|percentage|proportion) of (?:participants|patients|subjects)\b"
    r"|\bchange from baseline\b|\bparticipants with\b",
    re.IGNORECASE,
)


@cache
def _instrument_names() -> re.Pattern[str]:
    nouns = "|".join(sorted(_vocabulary().instrument_nouns, key=len, reverse=True))
    return re.compile(_INSTRUMENT_NAME.replace("{nouns}", nouns))


def _instruments(text: str, abbreviations: dict[str, list[str]]) -> frozenset[str]:
    """The acronyms and capitalised instrument names a text uses, each as its terms."""
    clean = _ESCAPE.sub("", text)
    named: set[str] = set()
    for acronym in _ACRONYM.findall(clean):
        key = _word(acronym)
        if key in _NOT_INSTRUMENTS or ANALYSIS_NAMES.fullmatch(acronym):
            continue
        named.add(" ".join(abbreviations.get(key, [key])))
    for match in _instrument_names().finditer(clean):
        if not ANALYSIS_NAMES.search(match.group()):  # a statistical test is no instrument
            named.add(" ".join(_word(w) for w in _WORD.findall(match.group())))
    return frozenset(named)


_COMPARATOR = re.compile(
    r"(<=|>=|=<|=>|≤|≥|<|>|\bless than(?: or equal to)?|\bgreater than(?: or equal to)?"
    r"|\bmore than|\bat least|\bat most|\bbelow|\babove|\bexceeding)"
    r"\s*(\d+(?:[.,]\d+)?)\s*(%|[a-zµ/]+)?",
    re.IGNORECASE,
)
_COMPARATOR_WORDS = {
    "=<": "<=", "=>": ">=", "≤": "<=", "≥": ">=", "less than": "<",
    "less than or equal to": "<=", "greater than": ">", "greater than or equal to": ">=",
    "more than": ">", "at least": ">=", "at most": "<=", "below": "<", "above": ">",
    "exceeding": ">",
}  # fmt: skip
_GRADE = re.compile(
    r"\bgrade\s*(\d)\s*(?:or|and)\s*(?:higher|above|greater|worse|more|over)\b"
    r"|(?:≥|>=|\bat least)\s*grade\s*(\d)|\bgrade\s*(?:≥|>=)\s*(\d)",
    re.IGNORECASE,
)
_P_VALUE = re.compile(r"\b(?:p|alpha|\u03b1|power)\s*(?:value)?\s*$", re.IGNORECASE)


def _criteria(text: str) -> frozenset[str]:
    """Thresholds that define an outcome ("HbA1c < 7%", "at least 50% reduction"), p-values
    and the power of the analysis set aside."""
    clean = _ESCAPE.sub("", text)
    found = set()
    for match in _COMPARATOR.finditer(clean):
        if _P_VALUE.search(clean[max(0, match.start() - 12) : match.start()]):
            continue
        comparator = match.group(1).lower()
        comparator = _COMPARATOR_WORDS.get(comparator, comparator)
        unit = (match.group(3) or "").lower()
        found.add(f"{comparator}{match.group(2).replace(',', '.')}{unit}")
    for match in _GRADE.finditer(clean):
        found.add(f"grade >={next(group for group in match.groups() if group)}")
    return frozenset(found)


_UNIT = r"(minute|min|hour|hr|day|week|wk|month|mo|year|yr|cycle)s?"
_NUMBERS = r"\d+(?:\.\d+)?(?:\s*(?:,\s*(?:and|or)?|and|or|&|to|through|-|\u2013)\s*\d+(?:\.\d+)?)*"
_POINTS = re.compile(rf"\b{_UNIT}\s*({_NUMBERS})|({_NUMBERS})\s*-?\s*{_UNIT}\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def _points(text: str) -> tuple[tuple[str, float], ...]:
    """Time points in a title or time frame: "Week 12", "weeks 12 and 24", "3, 6 and 12
    months", "6-month", "one year"; as (dimension, days), baseline (0) set aside."""
    text = _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group().lower()], text)
    points: set[tuple[str, float]] = set()
    for match in _POINTS.finditer(text):
        unit = (match.group(1) or match.group(4)).lower()
        if match.group(4) and unit in _WITHIN_A_DAY:
            if "-" in text[match.end(3) : match.start(4)]:
                continue  # "six-minute walk", "24-hour urine": a measure's name, not when
            if _HOW_LONG.search(text[max(0, match.start() - 24) : match.start()]):
                continue  # "a completion duration of 15 minutes": how long, not when
        numbers = re.findall(r"\d+(?:\.\d+)?", match.group(2) or match.group(3))
        for number in numbers:
            value = float(number)
            if value == 0 or (unit == "day" and value == 1):
                continue  # baseline, and day 1, when the first dose is given
            if unit == _CYCLE:
                points.add((_CYCLE, value))
            else:
                points.add(("days", value * _TIME_UNITS[unit]))
    return tuple(sorted(points))


_QUANTITY = re.compile(r"(\d+(?:[.,]\d+)?(?:/\d+)?)\s*-?\s*(%|[^\W\d_]+)(?:\s+([^\W\d_]+))?")


def _quantities(text: str) -> dict[str, frozenset[str]]:
    """The numbers of a description by the word that follows each ("0/3 patients", "4
    points"), and with their unit by the word after it ("15-point reduction", "15%
    reduction"), time spans set aside (time points are compared apart): a definition whose
    numbers changed ("0/3 or 1/6" -> "0/6 or 1/6", "15 points" -> "15%") is another criterion."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for match in _QUANTITY.finditer(_ESCAPE.sub("", text)):
        number, unit, then = match.group(1).replace(",", "."), match.group(2), match.group(3)
        word = _word(unit)
        if word.rstrip("s") in _TIME_UNITS or word == _CYCLE:
            continue
        found[word].add(number)
        if then and then.lower() not in _STOPWORDS:
            found[_word(then)].add(f"{number} {word}")
    return {word: frozenset(numbers) for word, numbers in found.items()}


def _same_points(old: Sequence[tuple[str, float]], new: Sequence[tuple[str, float]]) -> bool:
    """Each point of either has one of the other within a tenth ("6 months", "26 weeks")."""

    def covered(points: Sequence[tuple[str, float]], by: Sequence[tuple[str, float]]) -> bool:
        return all(
            any(kind == other and abs(value - to) <= 0.1 * max(value, to) for other, to in by)
            for kind, value in points
        )

    return covered(old, new) and covered(new, old)


def _outcome(entry: dict[str, Any], abbreviations: dict[str, list[str]]) -> _Outcome:
    measure, description = _text(entry, "measure"), _text(entry, "description")
    time_frame = _text(entry, "timeFrame")
    return _Outcome(
        entry=entry,
        title=_terms(measure, abbreviations),
        terms=_terms(f"{measure} {description} {time_frame}", abbreviations),
        instruments=_instruments(description, abbreviations),
        criteria=_criteria(f"{measure} {description}"),
        described=_terms(ANALYSIS_NAMES.sub(" ", description), abbreviations),
        quantities=_quantities(description),
        points=_points(f"{measure} {time_frame}"),
        plain=_plain(f"{measure} {description} {time_frame}"),
        abbreviations=abbreviations,
        results_style=bool(_RESULTS_STYLE.search(measure)),
    )


# --- comparing two outcomes -------------------------------------------------------------------


def _explained(term: str, by: frozenset[str]) -> bool:
    """A term the other version uses too, or a spelling of one (a typo fixed, "randomised")."""
    if term in by or "_" in term:
        return term in by
    if len(term) < 6 or not term.isalpha():
        return False
    return any(_spelling_of(term, other) for other in by)


def _spelling_of(term: str, other: str) -> bool:
    """Whether ``term`` is ``other`` misspelt: the same first letter, a length within two,
    one slip in five letters (a swapped pair is one edit)."""
    return (
        other[0] == term[0]
        and abs(len(other) - len(term)) <= 2
        and OSA.normalized_similarity(term, other) >= 0.8
    )


def _unexplained(terms: frozenset[str], by: frozenset[str]) -> list[str]:
    """The terms ``by`` does not hold; a compound ("pain-free") is held where its parts are
    ("Pain Free")."""
    return sorted(
        term
        for term in terms
        if not _explained(term, by)
        and not _PRODUCT_CODE.fullmatch(term)
        and not ("-" in term and all(_explained(part, by) for part in term.split("-") if part))
    )


def _misspelt(gone: list[str], came: list[str]) -> tuple[list[str], list[str]]:
    """The words each version has alone, but for a word misspelt in one and corrected in the
    other ("Oncolgy", "Oncology"): stemmed apart, they are still one word."""
    for word in list(gone):
        twin = next((other for other in came if _alike(word, other)), None)
        if twin is not None:
            gone.remove(word)
            came.remove(twin)
    return gone, came


def _alike(one: str, other: str) -> bool:
    """A word and its misspelling, or its abbreviation ("acc." for "according")."""
    short, long = sorted((one, other), key=len)
    if len(short) >= 3 and long.startswith(short) and short.isalpha():
        return True
    return (
        min(len(one), len(other)) >= 5
        and one.isalpha()
        and other.isalpha()
        and one[0] == other[0]
        and Levenshtein.normalized_similarity(one, other) >= 0.7
    )


def _point_text(points: Sequence[tuple[str, float]]) -> str:
    def one(kind: str, days: float) -> str:
        if kind == _CYCLE:
            return f"cycle {days:g}"
        for unit, size in (("year", 365.25), ("month", 30.4375), ("week", 7.0)):
            if days >= size and abs(days / size - round(days / size)) < 0.02:
                return f"{unit} {round(days / size)}"
        return f"day {days:g}" if days >= 1 else f"hour {days * 24:g}"

    return ", ".join(one(kind, days) for kind, days in points) or "none"


def _judge(old: _Outcome, new: _Outcome) -> Verdict | None:
    """The verdict on one outcome paired across versions (indexes filled in by the caller);
    None where nothing changed."""
    if old.entry == new.entry:
        return None
    if old.points and not _same_points(old.points, new.points):
        return Verdict(
            Switch.TIME_POINTS, (), (), f"{_point_text(old.points)} -> {_point_text(new.points)}"
        )
    gone, came = _misspelt(_unexplained(old.title, new.terms), _unexplained(new.title, old.terms))
    listed = _listed(_text(new.entry, "measure")) - _listed(_text(old.entry, "measure"))
    if (gone and came) or (came and listed > 0):
        return Verdict(Switch.INSTRUMENT, (), (), f"{_measure(old)} -> {_measure(new)}")
    dropped = [name for name in old.instruments - new.instruments if not _named(name, new)]
    named = [name for name in new.instruments - old.instruments if not _named(name, old)]
    if dropped and named:
        return Verdict(
            Switch.DESCRIPTION_INSTRUMENT,
            (),
            (),
            f"{', '.join(sorted(dropped))} -> {', '.join(sorted(named))}",
        )
    redefined = _redefined(old, new)
    if redefined:
        return Verdict(Switch.DESCRIPTION_INSTRUMENT, (), (), redefined)
    if old.criteria and new.criteria and old.criteria != new.criteria:
        return Verdict(
            Switch.DESCRIPTION_INSTRUMENT, (), (),
            f"{', '.join(sorted(old.criteria - new.criteria))} -> "
            f"{', '.join(sorted(new.criteria - old.criteria))}",
        )  # fmt: skip
    if old.plain == new.plain:
        return Verdict(Switch.FORMATTING, (), ())
    if not old.points and new.points:
        return Verdict(Switch.TIME_FRAME_SPLIT, (), (), f"time frame {_point_text(new.points)}")
    if new.results_style and not old.results_style:
        return Verdict(Switch.RESULTS_STYLE, (), ())
    old_title, new_title = _text(old.entry, "measure"), _text(new.entry, "measure")
    if _points(old_title) and not _points(new_title):
        return Verdict(Switch.TIME_FRAME_SPLIT, (), ())
    return Verdict(Switch.REWORDED, (), ())


def _redefined(old: _Outcome, new: _Outcome) -> str:
    """How a description defines the outcome otherwise, where it does: other numbers in the
    same words ("0/3 or 1/6 patients" -> "0/6 or 1/6 patients"), or content words of its own
    both ways, two at least each ("attacks that wake the participant" -> "attacks between
    22:00 and 07:00"); an explanation added to the same definition is words one way only."""
    changed = [
        f"{', '.join(sorted(old.quantities[word]))} -> {', '.join(sorted(numbers))} {word}"
        for word, numbers in new.quantities.items()
        if old.quantities.get(word) and numbers != old.quantities[word]
    ]
    if changed:
        return "; ".join(changed)
    return _edited(_text(old.entry, "description"), _text(new.entry, "description"), old, new)


_EDIT_AT = 0.7  # word-sequence likeness above which a description was edited, not rewritten
_SHORT_EDIT = 8  # words: an edit within a definition, not an explanation dropped or added
_SHORT_DEFINITION = 20  # words: a definition rewritten whole has other content words


def _edited(before: str, after: str, old: _Outcome, new: _Outcome) -> str:
    """A few words of a definition replaced or dropped, where the rest stays as it was:
    "by central radiographic evaluation" -> "by investigator assessment", "including
    hematologic improvement, complete remission" -> "including complete remission". A
    description rewritten in other words is not read this way (its instruments and numbers
    are); nor is one lengthened, which explains more of the same outcome; nor a citation or
    an aside in brackets dropped, nor an edit across sentences."""
    tokens_before = _tokens(before)
    tokens_after = _tokens(after)
    if not tokens_before or not tokens_after:
        return ""
    matcher = difflib.SequenceMatcher(
        None, [t.lower() for t in tokens_before], [t.lower() for t in tokens_after],
        autojunk=False,
    )  # fmt: skip
    if matcher.ratio() < _EDIT_AT:
        if max(len(tokens_before), len(tokens_after)) > _SHORT_DEFINITION:
            return ""  # a paragraph rewritten: judged by its instruments and numbers only
        gone, came = _misspelt(
            _unexplained(old.described, new.terms), _unexplained(new.described, old.terms)
        )
        if len(gone) >= 2 and len(came) >= 2:
            return f"{_quoted(before)} -> {_quoted(after)}"
        return ""
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        dropped, put = tokens_before[i1:i2], tokens_after[j1:j2]
        if tag in ("equal", "insert") or max(len(dropped), len(put)) > _SHORT_EDIT:
            continue
        if _aside(dropped) or _aside(tokens_before[max(0, i1 - 1) : i2 + 1]):
            continue
        written = _terms(" ".join(put), old.abbreviations)
        gone = [
            term
            for term in _unexplained(_terms(" ".join(dropped), new.abbreviations), new.terms)
            if not any(_alike(term, other) for other in written)  # a typo fixed
        ]
        if gone:
            said = _quoted(" ".join(dropped))
            return f"{said} -> {_quoted(' '.join(put))}" if put else f"{said} dropped"
    return ""


_TOKEN = re.compile(r"\d+(?:\.\d+)+|[^\W_]+(?:['\u2019][a-z]+)?(?:-[^\W_]+)*|[()\[\].;]")
_CITATION = re.compile(r"\b(?:19|20)\d\d\b|\bet\b|\bal\b|\bref", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    """Words, and the brackets and full stops that tell an aside or a sentence."""
    return _TOKEN.findall(_ESCAPE.sub("", ANALYSIS_NAMES.sub(" ", text)))


def _aside(tokens: list[str]) -> bool:
    """Tokens that are an aside, a citation or more than one sentence: "(reference: Yorimitsu
    2001)", "Hawi et al., 2019", "... visit. Data ..."."""
    text = " ".join(tokens)
    return bool(
        (tokens and tokens[0] in "([" and tokens[-1] in ")]")
        or _CITATION.search(text)
        or "." in tokens[1:-1]
    )


_LIST_SEPARATOR = re.compile(r"[,;/&+]|\b(?:and|plus)\b", re.IGNORECASE)


def _listed(measure: str) -> int:
    """How many separators of a list a title has: words only the new version has, in a
    title that lists more than the old one, are measures added ("Pain" -> "Pain, function
    and sleep"); else they only say more of the same one ("Pain intensity"). Words only the
    old version has say less of it: the population, the product, a clause dropped."""
    return len(_LIST_SEPARATOR.findall(measure))


def _named(instrument: str, outcome: _Outcome) -> bool:
    """Whether an outcome names an instrument, in words or by its abbreviation."""
    words = instrument.split()
    return all(_explained(word, outcome.terms) for word in words if word not in _STOPWORDS)


# --- pairing the two lists --------------------------------------------------------------------


_PAIRED_AT = 0.34  # share of terms two entries must have in common to be one outcome
_BUDGET = 64  # entries an entry is compared with at the most, besides its neighbours
_NEAR = 2  # entries this near in the other list are candidates whatever their terms


def _likeness(old: _Outcome, new: _Outcome) -> float:
    a, b = (old.title, new.title) if old.title and new.title else (old.terms, new.terms)
    if not a or not b:
        return 1.0 if old.plain == new.plain else 0.0
    shared = sum(1 for term in a if _explained(term, b))
    return 2 * shared / (len(a) + len(b))


def _keys(outcome: _Outcome) -> set[str]:
    """What an entry is looked up by: its terms and its time points."""
    points = (f"@{kind}{days:g}" for kind, days in outcome.points)
    return {*(outcome.title or outcome.terms), *points}


def _candidates(old: list[_Outcome], new: list[_Outcome]) -> Iterator[tuple[float, int, int]]:
    """Pairs worth scoring: entries that share the rarest of an entry's terms and time points,
    up to a budget, and the entries near it in the list. An inverted index, so a thousand
    reworded outcomes are tens of thousands of comparisons, not a million."""
    index: defaultdict[str, list[int]] = defaultdict(list)
    for j, outcome in enumerate(new):
        for key in _keys(outcome):
            index[key].append(j)
    for i, outcome in enumerate(old):
        seen: set[int] = set()
        for key in sorted(_keys(outcome), key=lambda k: (len(index.get(k, ())), k)):
            hits = index.get(key, ())
            if len(seen) + len(hits) > _BUDGET and seen:
                break
            if len(hits) <= _BUDGET:
                seen.update(hits)
        if not seen and len(new) <= _BUDGET:
            seen.update(range(len(new)))  # a typo in every shared term: fuzzy, few entries
        seen.update(range(max(0, i - _NEAR), min(len(new), i + _NEAR + 1)))  # only common terms
        for j in seen:
            score = _likeness(outcome, new[j])
            if score >= _PAIRED_AT:
                yield score, i, j


@dataclass
class Matching:
    """How two versions' primary outcomes correspond: entries paired one to one (with the
    verdict on each, None where the entry is unchanged), groups split or merged, and the
    indexes left with no counterpart."""

    pairs: list[tuple[int, int, Verdict | None]]
    groups: list[Verdict]
    removed: list[int]
    added: list[int]
    olds: list[_Outcome] = field(repr=False)
    news: list[_Outcome] = field(repr=False)
    abbreviations: dict[str, list[str]] = field(repr=False)


def match_primary(old: dict[str, Any], new: dict[str, Any]) -> Matching:
    """Pair one version's primary outcomes (``old``, an outcomesModule) with the next's."""
    before = _entries(old.get("primaryOutcomes"))
    after = _entries(new.get("primaryOutcomes"))
    abbreviations = _abbreviations(
        text
        for module in (old, new)
        for name in ("primaryOutcomes", "secondaryOutcomes", "otherOutcomes")
        for entry in _entries(module.get(name))
        for key in ("measure", "description", "timeFrame")
        if (text := _text(entry, key))
    )
    olds = [_outcome(entry, abbreviations) for entry in before]
    news = [_outcome(entry, abbreviations) for entry in after]
    paired_old: dict[int, int] = {}
    paired_new: dict[int, int] = {}
    for i, j in _exact(before, after):
        paired_old[i], paired_new[j] = j, i
    # The most alike first; of as alike, those at the same time points ("... at week 4" and
    # "... at week 12" have the same terms), then the nearest in the lists.
    ranked = sorted(
        _candidates(olds, news),
        key=lambda c: (-c[0], olds[c[1]].points != news[c[2]].points, abs(c[1] - c[2]), c[1]),
    )
    for _score, i, j in ranked:
        if i not in paired_old and j not in paired_new:
            paired_old[i], paired_new[j] = j, i
    one_to_one = dict(paired_old)
    groups = list(_splits_and_merges(olds, news, paired_old, paired_new))
    in_groups = {i for group in groups for i in group.old}
    out_groups = {j for group in groups for j in group.new}
    pairs: list[tuple[int, int, Verdict | None]] = []
    for i, j in sorted(one_to_one.items(), key=lambda p: p[1]):
        if i in in_groups or j in out_groups:
            continue
        verdict = _judge(olds[i], news[j])
        pairs.append((i, j, verdict and Verdict(verdict.switch, (i,), (j,), verdict.detail)))
    removed = [i for i in range(len(olds)) if i not in paired_old]
    added = [j for j in range(len(news)) if j not in paired_new]
    return Matching(pairs, groups, removed, added, olds, news, abbreviations)


def compare_primary(old: dict[str, Any], new: dict[str, Any]) -> list[Verdict]:
    """The changes from one version's outcomesModule to the next's, primary outcomes only
    (secondary ones are read to tell a move from a removal)."""
    matching = match_primary(old, new)
    verdicts = [verdict for _, _, verdict in matching.pairs if verdict is not None]
    verdicts.extend(matching.groups)
    verdicts.extend(_left_over(matching, old, new))
    return verdicts


def _exact(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> Iterator[tuple[int, int]]:
    """Entries whose title is the same, formatting aside: most of them, paired at once."""
    by_title: defaultdict[str, list[int]] = defaultdict(list)
    for j, entry in enumerate(after):
        by_title[_plain(_text(entry, "measure"))].append(j)
    for i, entry in enumerate(before):
        waiting = by_title.get(_plain(_text(entry, "measure")))
        if waiting:
            yield i, waiting.pop(0)


def _splits_and_merges(
    olds: list[_Outcome], news: list[_Outcome], paired_old: dict[int, int],
    paired_new: dict[int, int],
) -> Iterator[Verdict]:  # fmt: skip
    """Entries left over whose content a paired entry of the other side holds: "PHQ-9 and
    GAD-7" split into "PHQ-9" (paired with it) and "GAD-7" (left over), or two merged back
    into one."""
    for i, pieces in _absorbed(olds, news, paired_old, paired_new):
        yield Verdict(Switch.SPLIT_MERGE, (i,), pieces)
    for j, pieces in _absorbed(news, olds, paired_new, paired_old):
        yield Verdict(Switch.SPLIT_MERGE, pieces, (j,))


def _absorbed(
    wholes: list[_Outcome], others: list[_Outcome], paired: dict[int, int],
    paired_other: dict[int, int],
) -> Iterator[tuple[int, tuple[int, ...]]]:  # fmt: skip
    """Each paired entry of one side (a whole) with the entries of the other side that hold
    nothing it does not: its partner and those left over, at the same time points, or at
    points that together are the whole's. The leftovers are marked paired with it."""
    found: defaultdict[int, list[int]] = defaultdict(list)
    for j, outcome in enumerate(others):
        if j in paired_other or not outcome.title:
            continue
        whole = next((i for i in sorted(paired)
                      if not _unexplained(outcome.title, wholes[i].terms)), None)  # fmt: skip
        if whole is not None:
            found[whole].append(j)
    for i, extra in found.items():
        pieces = (paired[i], *extra)
        if _covers(wholes[i].points, [others[j].points for j in pieces]):
            paired_other.update((j, i) for j in extra)
            yield i, tuple(sorted(pieces))


def _covers(whole: Sequence[tuple[str, float]], parts: list[tuple[tuple[str, float], ...]]) -> bool:
    """Whether parts measured at their time points are the whole at its: the same points, or
    parts with none (their time frame is the whole's)."""
    points = [point for part in parts for point in part]
    return not whole or not points or _same_points(whole, points)


def _left_over(matching: Matching, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Verdict]:
    """Entries with no counterpart: moved from or to the secondary list; else, one left on
    each side in turn is one outcome replaced by another; the rest removed or added."""

    def secondary(module: dict[str, Any]) -> list[_Outcome]:
        entries = _entries(module.get("secondaryOutcomes")) + _entries(module.get("otherOutcomes"))
        return [_outcome(entry, matching.abbreviations) for entry in entries]

    olds, news = matching.olds, matching.news
    moved_to, moved_from = secondary(new), secondary(old)
    gone, came = [], []
    for i in matching.removed:
        if _found_in(olds[i], moved_to):
            yield Verdict(Switch.MOVED, (i,), (), f"{_measure(olds[i])} to secondary")
        else:
            gone.append(i)
    for j in matching.added:
        if _found_in(news[j], moved_from):
            yield Verdict(Switch.MOVED, (), (j,), f"{_measure(news[j])} from secondary")
        else:
            came.append(j)
    for i, j in zip(gone, came, strict=False):
        yield Verdict(Switch.INSTRUMENT, (i,), (j,),
                      f"{_measure(olds[i])} -> {_measure(news[j])}")  # fmt: skip
    for i in gone[len(came) :]:
        yield Verdict(Switch.REMOVED, (i,), (), _measure(olds[i]))
    for j in came[len(gone) :]:
        yield Verdict(Switch.ADDED, (), (j,), _measure(news[j]))


def _found_in(outcome: _Outcome, others: list[_Outcome]) -> bool:
    return any(_likeness(outcome, other) >= 0.8 for other in others)


def _measure(outcome: _Outcome) -> str:
    return _quoted(_text(outcome.entry, "measure"))


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= 80 else f'"{text[:79]}…"'


def _entries(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
