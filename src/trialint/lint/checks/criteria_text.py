"""What eligibility criteria say in words, for the rules that compare it with the fields:
the age range they state ("Aged 18-65 years", "Age >= 18 years") for E003, and a diagnosis
they require ("Clinical diagnosis of lumbar disc herniation") for E004.

Only a criterion that is about age is read: a line of the inclusion section that opens with
an age ("Age 18 to 65", "Aged >= 18 years", "Patients aged 18-75 years", "18 years of age or
older"), not one that mentions an age in passing ("Children aged 5-8 years must have received
...", "Pediatric arm: aged 1 to 17 years", "a score of 0 to 3 for participants >= 60 years").
Criteria that state two different ranges (cohorts of several ages) state none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trialint.patterns import lazy_pattern

# Where the exclusion section starts: the inclusion section is the text before it.
_EXCLUSION = re.compile(r"exclusion criteria|non[- ]?inclusion criteria|\bexclusion\s*:", re.I)
# A list item's mark ("*", "-", "1.", "a)") and the blanks around it.
_ITEM_MARK = re.compile(r"\s*(?:[*\-\u2022\u25cf\u00b7]|\d{1,2}[.)]|[a-z][.)])?\s*", re.I)
# Who the age is of, before it: "Patients", "Males and females", "Patient with age ...".
_WHO = (
    r"(?:(?:males?|females?|men|women|boys|girls|adults?|children|patients?|subjects?|"
    r"participants?|individuals?|volunteers?|persons?|people)\s+(?:(?:and|or|/|with)\s+)?)*"
)
_NUMBER = r"(\d{1,3})"
_YEARS = r"\s*(?:years?|yrs?|y)\b(?:\s*(?:old|of age))?"
# The comparisons, the longer first ("greater than or equal to" before "greater than"): an
# alternative that matches a prefix would leave "or equal to 18" unread.
_OR_EQUAL = r"(?:\s+or\s+equal(?:\s+to)?)?"
_AT_LEAST = (
    rf"(?:>=|\u2265|>|(?:equal\s+to\s+or\s+)?(?:greater|more|older)\s+than{_OR_EQUAL}"
    r"|over|above|at\s+least|from)"
)
_AT_MOST = (
    rf"(?:<=|\u2264|<|(?:equal\s+to\s+or\s+)?(?:less|younger)\s+than{_OR_EQUAL}|under"
    r"|below|up\s+to|not\s+older\s+than)"
)
_AGE_WORD = r"(?:age[sd]?|aged)\b\s*(?:of\s*|is\s*|:\s*|=\s*)?"
_BETWEEN = r"(?:between\s*|from\s*)?"
# "Aged 18 to 65 years", "Age: 18-65", "Age between 18 and 65 years old", "18 to 65 years old"
_RANGE = re.compile(
    rf"^{_WHO}(?:{_AGE_WORD}{_BETWEEN}{_NUMBER}(?:{_YEARS})?\s*(?:-|\u2013|to|and)\s*"
    rf"{_NUMBER}(?:{_YEARS})?|{_BETWEEN}{_NUMBER}\s*(?:-|\u2013|to|and)\s*{_NUMBER}{_YEARS})",
    re.I,
)
# "Age >= 18 years and <= 65 years", "aged over 18 and under 70"
_BOUNDS = re.compile(
    rf"^{_WHO}{_AGE_WORD}{_AT_LEAST}\s*{_NUMBER}(?:{_YEARS})?\s*(?:and|,|&)?\s*"
    rf"(?:age\s*)?{_AT_MOST}\s*{_NUMBER}",
    re.I,
)
# "Age >= 18 years", "Aged 18 years or older", "18 years of age or older", and with no word
# for age, a bound in years old or of age: "Patients more than 18 years old" (a bound in
# years alone is a duration: "More than 5 years since diagnosis")
_LOWER = re.compile(
    rf"^{_WHO}(?:{_AGE_WORD}(?:{_AT_LEAST}\s*{_NUMBER}|{_NUMBER}(?:{_YEARS})?\s*(?:or|and)\s*"
    rf"(?:older|over|above))|{_NUMBER}{_YEARS}\s*(?:or|and)\s*(?:older|over|above)"
    rf"|{_AT_LEAST}\s*{_NUMBER}\s*(?:years?|yrs?)\s*(?:old|of\s+age)\b)",
    re.I,
)
_LONGEST_LINE = 160  # characters: a longer criterion says more than an age


@dataclass(frozen=True)
class StatedAges:
    """The ages, in years, the criteria admit: ``low`` and ``high`` inclusive, None for no
    bound stated; ``text`` is the criterion that states them."""

    low: int | None
    high: int | None
    text: str
    exclusive_low: bool = False  # "over 18", "> 18": 18 or 19 both read right
    exclusive_high: bool = False  # "under 65", "< 65": 64 or 65 both read right


def inclusion_section(criteria: str) -> str:
    """The criteria before the exclusion section (all of them, when there is none)."""
    end = _EXCLUSION.search(criteria)
    return criteria[: end.start()] if end else criteria


def exclusion_items(criteria: str) -> list[str] | None:
    """The items of the exclusion section, their list marks set aside; None when there is no
    exclusion section."""
    start = _EXCLUSION.search(criteria)
    if start is None:
        return None
    lines = criteria[start.end() :].splitlines()
    items = (_ITEM_MARK.sub("", line, count=1).replace("\\", "").strip(" :") for line in lines)
    return [item for item in items if item]


# An exclusion criterion that only turns the inclusion criteria round.
_INCLUSION_NOT_MET = lazy_pattern(
    r"(?:\bnot|n't|\bfail\w*\s+to|\bfailure\s+to)\s+(?:meet|meeting|fulfil\w*|satisf\w*)"
    r"\s+(?:\w+\s+){0,3}inclusion\b|^(?:those|patients|subjects|participants|people)?\s*"
    r"outside\s+(?:of\s+)?(?:the\s+)?inclusion\b",
    re.IGNORECASE,
)


def only_restates_inclusion(criteria: str) -> str | None:
    """The one exclusion criterion, when all it says is that the inclusion criteria are not
    met ("Not meeting inclusion criteria"); None otherwise."""
    items = exclusion_items(criteria)
    if not items or len(items) != 1 or len(items[0]) > _LONGEST_LINE:
        return None
    return items[0] if _INCLUSION_NOT_MET().search(items[0]) else None


# An exclusion item that is only a refusal to consent or to take part: who refuses (optional),
# then the refusal ('Refusal to', 'Patients who are unwilling to', 'Lack of', 'Who did not'),
# then nothing but words of consent and participation ('sign the informed consent form',
# 'participate in the research study'). Inability ('Unable or unwilling to consent') is a
# criterion (a person who cannot consent), and anything more ('to comply with the study
# procedures', 'in follow-up examinations') is one too: neither is read as a refusal.
_REFUSAL = re.compile(
    r"(?:(?:the\s+)?(?:patients?|subjects?|participants?|persons?|individuals?|candidates?)"
    r"(?:'s|\u2019s)?\s+(?:(?:who|that)\s+(?:(?:are|is|do|does|did|have|has|will)\s+)?)?"
    r"|who\s+(?:(?:do|does|did|will)\s+)?)?"
    r"(?:refus\w*|declin\w*|unwilling\w*|not\s+willing|(?:failure|failed|fails?)\s+to"
    r"|(?:does|do|did)\s+not|no|lack\s+of|absence\s+of|without|not)\b",
    re.IGNORECASE,
)
_CONSENT_WORDS = frozenset({
    "to", "the", "a", "an", "sign", "signing", "signed", "unsigned", "give", "giving",
    "provide", "providing", "obtain", "obtained", "written", "informed", "consent", "consents",
    "consenting", "consented", "form", "forms", "icf", "participate", "participating",
    "participation", "take", "taking", "part", "in", "into", "study", "trial", "research",
    "program", "programme", "project", "be", "being", "enrolled", "enroll", "enrol",
    "enrolment", "enrollment", "included", "inclusion", "this", "of", "for", "or", "and",
    "patient", "patients", "participant", "participants", "subject", "subjects", "their",
    "his", "her", "by", "with", "agree", "accept", "join", "will", "excluded", "from", "not",
    "any", "various", "reason", "reasons",
})  # fmt: skip
# What an item must speak of to be a refusal of the study, not of something else in it.
_CONSENT_OR_PART = ("consent", "particip", "part", "enrol", "icf", "join")
_LONGEST_REFUSAL = 120  # characters: a longer item says more than a refusal


def refusal_items(criteria: str) -> list[str]:
    """The exclusion items that are only a refusal to consent or to take part ('Refusal to
    participate in the study', 'Failure to sign informed consent'), in their order."""
    found = []
    for item in exclusion_items(criteria) or ():
        if len(item) > _LONGEST_REFUSAL:
            continue
        opening = _REFUSAL.match(item)
        if opening is None:
            continue
        words = re.findall(r"[a-z]+", item[opening.end() :].lower())
        if (
            words
            and all(word in _CONSENT_WORDS for word in words)
            and any(word.startswith(_CONSENT_OR_PART) for word in words)
        ):
            found.append(item)
    return found


# An exclusion item that turns an inclusion item round: a negation ('not', 'non-', 'unable',
# 'un...') or an age bound the other way ('younger than', 'under').
_TURNED = re.compile(
    r"\b(?:not|no|non|nor|never|unable|unwilling|cannot|can't|without|absence|inability|"
    r"lack\w*|fail\w*|refus\w*|younger|older|under|less)\b|\bun[a-z]{4,}|n't\b",
    re.IGNORECASE,
)
# Words that carry no content of their own, and the negations themselves: what is left of an
# item is what it is about.
_FILLER = frozenset({
    "the", "and", "or", "of", "to", "an", "in", "on", "for", "with", "by", "be", "is", "are",
    "was", "were", "must", "who", "has", "have", "had", "will", "would", "any", "at", "as",
    "from", "that", "this", "than", "other", "all", "their", "his", "her", "its", "study",
    "participants", "participant", "patients", "patient", "subjects", "subject", "people",
    "person", "not", "no", "non", "nor", "never", "unable", "unwilling", "cannot", "without",
    "younger", "older", "under", "over", "less", "more", "did", "does", "don", "didn", "doesn",
    "inability", "absence", "willing", "able",
})  # fmt: skip
_MOST_ITEMS = 12  # an exclusion list longer than this says more than the inclusion list


_ENDING = re.compile(r"(?:ing|ers?|ed|es|e|s)$")


def _content(item: str) -> frozenset[str]:
    """What an item is about: its words' stems (an ending off, then five letters at most:
    'speaking' and 'speak', 'smoking' and 'smoke' alike) and its numbers, less filler and
    negations."""
    return frozenset(
        _ENDING.sub("", word)[:5] if word.isalpha() else word
        for word in re.findall(r"[a-z]+|\d+", item.lower())
        if (len(word) >= 3 or word.isdigit()) and word not in _FILLER
    )


def negated_inclusion(criteria: str) -> list[str] | None:
    """The exclusion items, when there are two or more and every one is an inclusion item
    turned round ('Must speak English' / 'Non-English speaking'): a negation, and most of
    its words (three fifths) those of one inclusion item; None otherwise. At most 12 items are
    compared, each with every inclusion item: linear in the criteria's length."""
    items = exclusion_items(criteria)
    if not items or not 2 <= len(items) <= _MOST_ITEMS:
        return None
    included = [_content(_ITEM_MARK.sub("", line, count=1)) for line in
                inclusion_section(criteria).splitlines()]  # fmt: skip
    included = [words for words in included if words]
    for item in items:
        words = _content(item)
        if not words or _TURNED.search(item) is None:
            return None
        if not any(len(words & other) >= 0.6 * len(words) for other in included):
            return None
    return items


# A diagnosis required, and what makes it none ("no diagnosis of diabetes").
# A criterion requiring a disease: a diagnosis, its proof, its symptoms, or people "with" a
# named kind of illness ('Patients with clinical and radiological evidence of disc prolapse';
# not 'Patients with health insurance').
_ILLNESS = (
    r"disease|disorder|syndrome|cancer|carcinoma|tumou?r|infection|pain|injury|fracture|"
    r"failure|prolapse|herniation|evidence|deficiency|insufficiency|stenosis|degeneration|"
    r"dysfunction|lesions?|osteoarthritis|arthritis|diabetes|hypertension|asthma|depression|"
    r"obesity"
)
_DIAGNOSIS = lazy_pattern(
    r"\b(?:diagnos\w*|histologically|cytologically|suffering from|symptoms\s+of"
    r"|(?:patients?|subjects?|participants?|people|adults|children)\s+(?:with|suffering\s+"
    r"from|presenting\s+with|who\s+(?:have|has|had)(?:\s+been)?)\s+(?:[\w-]+\s+){0,6}?"
    rf"(?:{_ILLNESS}))\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:no|not|without|never|absence of|free of|nor)\b", re.I)
# Who a study with a diagnosis may still take healthy: controls, volunteers, relatives ('birth
# control' and 'glycemic control' are no people).
_HEALTHY_TOO = lazy_pattern(
    r"\b(?:healthy|controls|control\s+(?:group|arm|subjects?|participants?|cohort|"
    r"individuals?|volunteers?)|volunteers?|caregivers?|partners?|relatives?|donors?|staff|"
    r"students?|family members?|parents?|general population)\b",
    re.I,
)


def required_diagnosis(criteria: str, also: str = "") -> str | None:
    """The inclusion criterion that requires a diagnosis (its line), when neither the
    criteria nor ``also`` (titles, conditions, the study population) speak of anyone healthy
    the study takes too; None otherwise."""
    if _HEALTHY_TOO().search(criteria) or _HEALTHY_TOO().search(also):
        return None
    for line in inclusion_section(criteria).splitlines():
        found = _DIAGNOSIS().search(line)
        if found is not None and _NEGATION.search(line, 0, found.end()) is None:
            return " ".join(_ITEM_MARK.sub("", line, count=1).split())
    return None


def stated_ages(criteria: str) -> StatedAges | None:
    """The one age range the inclusion criteria state, or None (none, or several)."""
    found: set[StatedAges] = set()
    for line in inclusion_section(criteria).splitlines():
        item = _ITEM_MARK.sub("", line, count=1).replace("\\", "").strip()
        if not item or len(item) > _LONGEST_LINE or not item[0].isalnum():
            continue
        ages = _ages(item)
        if ages is not None:
            found.add(ages)
    if len({(ages.low, ages.high) for ages in found}) != 1:
        return None
    return min(found, key=lambda ages: ages.text)


# What makes an age a condition on something else ("Children aged 5-8 years must have ..."),
# or names the ages it does not hold for ("... >= 18 years old, except for paediatric site X
# >= 8 years old").
_CONDITION = re.compile(r"\b(?:must|should|shall|will|need|needs|if|who|except|unless)\b", re.I)


def _ages(item: str) -> StatedAges | None:
    found = _match(item)
    if found is None or _CONDITION.search(item, found[1]) is not None:
        return None
    return found[0]


def _match(item: str) -> tuple[StatedAges | None, int] | None:
    """The ages an item opens with, and where their statement ends."""
    bounds = _BOUNDS.match(item)
    if bounds is not None:
        low, high = int(bounds.group(1)), int(bounds.group(2))
        part = bounds.group(0).lower()
        exclusive_low = not _inclusive(part, ">=", "\u2265", "at least")
        exclusive_high = not _inclusive(part, "<=", "\u2264", "up to")
        return _checked(low, high, item, exclusive_low, exclusive_high), bounds.end()
    ranged = _RANGE.match(item)
    if ranged is not None:
        numbers = [int(group) for group in ranged.groups() if group is not None]
        return _checked(numbers[0], numbers[1], item), ranged.end()
    lower = _LOWER.match(item)
    if lower is not None:
        [number] = [int(group) for group in lower.groups() if group is not None]
        part = lower.group(0).lower()
        exclusive = any(word in part for word in (">", "over", "than", "above"))
        exclusive = exclusive and not _inclusive(part, ">=", "\u2265")
        return StatedAges(number, None, item, exclusive_low=exclusive), lower.end()
    return None


def _inclusive(part: str, *marks: str) -> bool:
    """Whether a bound, lowercased, counts its own number in ('>= 18', 'at least 18',
    'greater than or equal to 18')."""
    return "equal" in part or any(mark in part for mark in marks)


def _checked(
    low: int, high: int, item: str, exclusive_low: bool = False, exclusive_high: bool = False
) -> StatedAges | None:
    """A range of ages a person can have, lowest first; None for anything else (a score)."""
    if not low < high <= 120:
        return None
    return StatedAges(low, high, item, exclusive_low, exclusive_high)
