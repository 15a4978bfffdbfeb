"""Rating scales in outcome measures: which scales the registry's outcomes name, and whether an
outcome gives the range and direction a reader needs to read its scores.

The registry asks an outcome that uses a scale to name it in full and to give its range and
which direction is better (PRS definitions, Outcome Measure Description; registry-quality
rule 28). Rules O009 (a scale named only by its acronym) and O015 (a scale named in full with
neither range nor direction) read an outcome through these functions; the scales and their
acronyms are data, in ``rules/outcome-scales.yaml``.
"""

from __future__ import annotations

import re
from functools import cache

import ahocorasick_rs
from rapidfuzz.utils import default_process

from trialint.lint.record import as_dict
from trialint.lint.ruledata import rule_data
from trialint.patterns import lazy_pattern

# A range ("0-10", "0 to 100 mm", "ranging", "points", "/10") or a direction ("higher scores
# indicate", "worst", "best") of a scale. Written for the engine's speed: the lookahead passes
# over, in one test, each character no alternative starts with (a digit, "/", or the first
# letter of a word below), and the word boundary is tested once for all the words. A plain
# alternation of the same words, each with its own boundary, tries every one of them at
# every character: seven times slower over a description of a few hundred characters, for
# the same matches (tests/test_checks_outcomes.py compares the two).
RANGE_OR_DIRECTION = re.compile(
    r"(?=[\d/rpshlgbwimcn])"
    r"(?:\d\s*(?:-|\u2013|\u2014|to)\s*\d|/\s*\d"
    r"|\b(?:rang|points?\b|pt\b|scored?\s+(?:from|between)"
    r"|higher\b|lower\b|greater\b|better\b|worse\b|worst\b|best\b"
    r"|indicat|minimum\b|maximum\b|min\b|max\b|mm\b|cm\b|no\s+pain\b"
    r"|severity\s+(?:from|of\s+0)|improvement\b|worsening\b))",
    re.IGNORECASE,
)
# Ranges and anchors RANGE_OR_DIRECTION does not see, read only where a scale is named:
# "from '0' (no sensation) to '100'", "1 (not at all) to 5 (very much)", "between 0.30 and
# 1.0", "0 = no pain", "100mm", "0% lowest ... to 100%", and the grades of a grading system.
_ANCHORED_RANGE = re.compile(
    r"(?=[\dfbglh])"  # what an alternative starts with: the others are passed over at once
    r"(?:\bfrom\W+\d[^.;]{0,60}?\bto\W+\d|\d\W{0,3}\([^()]{0,40}\)\W{0,3}(?:to|-|\u2013)\W{0,3}\d"
    r"|\bbetween\W+\d[\d.]*\W+and\W+\d|\d\s*=\s*\W?[^\W\d_]|\d\s*mm\b|\bgrades?\s+\d"
    r"|\d\s*%[^.;]{0,60}?\bto\W+\d|\b(?:lowest|highest)\b)",
    re.IGNORECASE,
)


def gives_range_or_direction(text: str) -> bool:
    """Whether a title or description gives a scale's range or which direction is better."""
    return bool(RANGE_OR_DIRECTION.search(text) or _ANCHORED_RANGE.search(text))


_TOKEN = re.compile(r"[\w-]+")  # an acronym is a whole token: "PHQ-9", not "PHQ" in it


def _normalised(name: str) -> str:
    """Lowercased words, punctuation and spacing set aside (rapidfuzz's own normaliser)."""
    return " ".join(default_process(name).split())


@cache
def scales() -> dict[str, tuple[str, ...]]:
    """The scale acronyms of rules/outcome-scales.yaml and their full names, normalised."""
    entries = as_dict(rule_data("outcome-scales.yaml").get("scales"))
    if not entries:
        raise ValueError("rules/outcome-scales.yaml cannot be read")
    names = {
        str(acronym): tuple(_normalised(name) for name in str(full).split("|"))
        for acronym, full in entries.items()
    }
    if not all(_TOKEN.fullmatch(acronym) for acronym in names):
        raise ValueError("rules/outcome-scales.yaml: an acronym is one token (letters, digits, -)")
    return names


@cache
def _acronyms() -> ahocorasick_rs.AhoCorasick:
    """The scale acronyms as an automaton: a title that holds none of them, even inside a
    word, names no scale, and nine titles in ten are passed over in one pass of it."""
    return ahocorasick_rs.AhoCorasick(list(scales()))


def undescribed_scale(measure: str, description: str) -> str | None:
    """The acronym of a scale an outcome names only by it, with no range or direction given
    anywhere in it; None otherwise."""
    names = scales()
    if not _acronyms().find_matches_as_indexes(measure):
        return None  # nearly every title: decided in one pass of C
    if names.keys().isdisjoint(_TOKEN.findall(measure)):
        return None  # the acronym's letters, inside a word ("VASCULAR")
    found = next((token for token in _TOKEN.finditer(measure) if token.group() in names), None)
    if found is None:
        return None
    acronym = found.group()
    # The acronym spelled out before it is told from the title alone, before the range or
    # direction is looked for in a description of hundreds of characters: most are.
    if _spelled_before(measure, found.start(), acronym):
        return None
    if gives_range_or_direction(measure) or gives_range_or_direction(description):
        return None
    full_names = names[acronym]
    lowered = f"{measure} {description}".lower()
    if not any(name.split(" ", 1)[0][:4] in lowered for name in full_names):
        return acronym  # no word of a full name is there: nothing to normalise
    # compared as singulars on both sides: "dermatitis" is read "dermatiti" in either
    said = " ".join(_singular(word) for word in default_process(lowered).split())
    if any(" ".join(map(_singular, name.split())) in said for name in full_names):
        return None
    return acronym


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _spelled_before(measure: str, start: int, acronym: str) -> bool:
    """Whether the words just before "(ACRONYM)" spell it out ("Japanese Orthopedics
    Association (JOA)", "Oxygen Desaturation Index (ODI)"): their initials hold its letters,
    in order."""
    if not measure[:start].rstrip().endswith("("):
        return False
    letters = [c for c in acronym.upper() if c.isalpha()]
    before = measure[: measure[:start].rstrip().rfind("(")]
    initials = [word[0].upper() for word in re.findall(r"[^\W\d_]+", before)][
        -2 * len(letters) - 2 :
    ]
    position = 0
    for initial in initials:
        if position < len(letters) and initial == letters[position]:
            position += 1
    return position == len(letters)


# --- a scale named in full ---------------------------------------------------------------------

# A rating scale named by what it is: "... Scale", a "pain score", an eponymous grading
# ("Odom's criteria", "Nurick's grade"). Not a weighing scale, a large-scale study, a
# subscale or a scale-up; not a score of anything else ("risk score", "propensity score").
# Found from where "scale" and "score" are written (str.find, in C), not by a pattern tried at
# every character of a description.
_NOT_RATING_SCALES = ("digital ", "weighing ", "large-", "large ", "full-", "full ", "small-",
                      "small ", "time ", "sub-")  # fmt: skip
_SCORED = frozenset({
    "pain", "symptom", "symptoms", "disability", "severity", "distress", "anxiety",
    "depression", "fatigue", "satisfaction", "comfort", "itch", "nausea", "sleepiness",
    "dyspnea", "dyspnoea",
})  # fmt: skip
_EPONYMOUS_GRADING = re.compile(
    r"\b[A-Z][a-z]+'s\s+(?:[Cc]riteria|[Gg]rad(?:e|ing)|[Cc]lassification)\b"
)


def _scale_word(lowered: str) -> tuple[int, int] | None:
    """Where a lowercased text first names a rating scale by the word "scale" or a symptom
    score, or None."""
    found = None
    start = lowered.find("scale")
    while start >= 0:
        end = start + len("scale") + (lowered.startswith("s", start + 5))
        if (
            (start == 0 or not lowered[start - 1].isalnum())
            and (end == len(lowered) or not lowered[end].isalnum())
            and not lowered.endswith(_NOT_RATING_SCALES, 0, start)
            and not lowered.startswith(("-up", " up"), end)
        ):
            found = (start, end)
            break
        start = lowered.find("scale", start + 1)
    start = lowered.find("score", 0, found[0] if found else len(lowered))
    while start >= 0:
        before = lowered[max(0, start - _LONGEST_NAME_WORD) : start]
        words = before.split()
        end = start + len("score") + (lowered.startswith("s", start + 5))
        if before[-1:].isspace() and words and words[-1] in _SCORED:
            # "pain score": the symptom is the scale's name
            return start - len(before) + before.rindex(words[-1]), end
        start = lowered.find("score", start + 1, found[0] if found else len(lowered))
    return found


# A title that counts participants or events measures a count, whose reading needs no range.
_COUNT_TITLE = re.compile(
    r"\W*(?:the\s+)?(?:number|percentage|percent|proportion|rate|incidence|frequency|count"
    r"|occurrence)\b",
    re.IGNORECASE,
)
# The words before "scale" that name it, up to a function word or punctuation.
_NAME_WORD = re.compile(r"([\w'\u2019-]+)[ \t]+$")  # on the scale's line
_LONGEST_NAME_WORD = 40  # a word looked for before the scale: the search stays linear
_NAME_WORDS = 6
_CONNECTORS = frozenset({"of", "and", "for", "&"})
_NOT_A_NAME = frozenset({
    "a", "an", "the", "of", "on", "by", "using", "with", "in", "for", "at", "and", "or", "to",
    "via", "as", "per", "from", "measured", "assessed", "evaluated", "rated",
})  # fmt: skip


@cache
def _full_names() -> ahocorasick_rs.AhoCorasick:
    """The full names of rules/outcome-scales.yaml as an automaton over lowercased text."""
    names = {name for full_names in scales().values() for name in full_names}
    return ahocorasick_rs.AhoCorasick(
        sorted(names), matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST
    )


def named_scale(measure: str, description: str) -> str | None:
    """The scale an outcome names in full (as written), when neither its title nor its
    description gives the scale's range or direction; None otherwise, and for an outcome that
    counts participants or events ("Number of participants with a VAS score above 3")."""
    text = f"{measure}\n{description}"
    lowered = text.lower()
    if (
        "scale" not in lowered
        and "score" not in lowered
        and "'s " not in text
        and "uestionnaire" not in text
        and "nventor" not in text
        and not _full_names().find_matches_as_indexes(lowered)
    ):
        return None  # most outcomes: decided by five scans and one pass of C
    if _COUNT_TITLE.match(measure):
        return None
    written = text if len(lowered) == len(text) else lowered  # lower() kept every index
    # where the scale is named: an eponymous grading, the word 'scale' or a symptom score
    # (whose name is in the words before), or a full name of rules/outcome-scales.yaml
    eponymous = None if "'s " not in text else _EPONYMOUS_GRADING.search(text)
    word = None if eponymous is not None else _scale_word(lowered)
    full_name = None
    instrument = None
    if eponymous is None and word is None:
        matches = _full_names().find_matches_as_indexes(lowered)
        spans = ((start, end) for _, start, end in matches if _whole_words(lowered, start, end))
        full_name = next(spans, None)
        if full_name is None:
            instrument = _named_instrument(text)
            if instrument is None:
                return None
    # the range or direction is looked for once a scale is named, and the name read after
    if gives_range_or_direction(measure) or gives_range_or_direction(description):
        return None
    if eponymous is not None:
        return eponymous.group()
    if full_name is not None:
        return written[full_name[0] : full_name[1]]
    if instrument is not None:
        return instrument
    phrase = _with_name(written, *word) if word else ""
    if phrase.islower() and "weigh" in lowered:
        return None  # "weighed on the same scale": a weighing scale
    return phrase or None


# A questionnaire or an inventory named by two capitalised words or more, on one line ('Penn
# State Worry Questionnaire', 'Pelvic Floor Distress Inventory'): a published instrument, whose
# scores a reader cannot read without their range. Not one that counts the services or the
# care a participant used ('Client Service Receipt Inventory', 'Healthcare Utilization
# Questionnaire'), or an amount of activity ('International Physical Activity
# Questionnaire'), nor one about who the participant is ('Socio-demographic Questionnaire').
_NAMED_INSTRUMENT = lazy_pattern(
    r"((?:[A-Z][\w'\u2019-]*)(?:[ \t]+(?:[A-Z][\w'\u2019-]*|of|for|and|the|&)){1,6}?)"
    r"[ \t]+(?:Questionnaire|Inventory)s?\b"
)
_NOT_SCORED = lazy_pattern(
    r"utili[sz]ation|receipt|service|resource|demographic|medical\s+history|eligibility"
    r"|physical\s+activity",  # an amount of activity, in MET-minutes: a unit, not a range
    re.IGNORECASE,
)


def _named_instrument(text: str) -> str | None:
    """The first questionnaire or inventory a text names in full, as written, or None."""
    for found in _NAMED_INSTRUMENT().finditer(text):
        name = found.group()
        capitalised = [word for word in found.group(1).split() if word[0].isupper()]
        if len(capitalised) >= 2 and not _NOT_SCORED().search(name):
            return name
    return None


def _whole_words(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum()
    )


def _with_name(text: str, start: int, end: int) -> str:
    """The scale's words with the words before them that name it: a run of capitalised words
    and the connectors inside it ("Morisky Medication Adherence Scale", "Quality of Life
    Scale"), or up to two lowercase words ("post operative pain score")."""
    taken: list[int] = []  # where each word taken starts, right to left
    capitalised = False
    while len(taken) < _NAME_WORDS:
        before = _NAME_WORD.search(text, max(0, start - _LONGEST_NAME_WORD), start)
        if before is None:
            break
        word = before.group(1)
        if word.isdigit() or (word.lower() in _NOT_A_NAME and word.lower() not in _CONNECTORS):
            break
        if not taken:
            capitalised = word[0].isupper()
        if word.lower() in _CONNECTORS:
            if not capitalised:
                break
        elif word[0].isupper() != capitalised or (not capitalised and len(taken) == 2):
            break
        taken.append(before.start(1))
        start = before.start(1)
    while taken and text[taken[-1] :].split(maxsplit=1)[0].lower() in _CONNECTORS:
        taken.pop()  # a name does not begin with "of" or "and"
    first = taken[-1] if taken else start
    return " ".join(text[first:end].split())
