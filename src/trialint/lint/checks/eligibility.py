"""Eligibility (family E): criteria written as inclusion and exclusion sections, and an age range
that is a range.

The rules follow ``prs-rules.md`` E1 and ``registry-quality-rules.md`` 37-38, checked against
the real records of ``../shared/corpus``. What the data taught:

- 823 of 837 real criteria have both sections, under many headings ("Inclusion Criteria:",
  "Key Inclusion Criteria", "INCLUSION CRITERIA", "Donor inclusion criteria:"); the word is
  the reliable sign, wherever it stands. French sponsors write exclusions as "non-inclusion
  criteria".
- Observational studies may legitimately have no exclusions (4 of 198 list only inclusion
  criteria): for them only criteria with neither section are reported.
- Criteria of records first submitted before FDAAA 801 follow older conventions ("DISEASE
  CHARACTERISTICS:", a bare list): history, not reported.
- None of the 456 real records with both ages has a minimum above its maximum.

The criteria are long (up to 20,000 characters): they are searched with ``in`` for the few
spellings that matter, lowercased only when a section seems missing, never with a regular
expression.
"""

from __future__ import annotations

from collections.abc import Iterator

from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.rule import Severity, rule

ELIGIBILITY = ("protocolSection", "eligibilityModule")
CRITERIA = (*ELIGIBILITY, "eligibilityCriteria")
_NON_INCLUSION = ("non-inclusion", "non inclusion", "noninclusion")

# Each unit's shortest and longest length in minutes: a month is 28 to 31 days, a year 365 or
# 366. Months and years are compared with each other exactly (12 months to the year).
_DAY = 1440
_MINUTES = {
    "Minute": (1, 1), "Hour": (60, 60), "Day": (_DAY, _DAY), "Week": (7 * _DAY, 7 * _DAY),
    "Month": (28 * _DAY, 31 * _DAY), "Year": (365 * _DAY, 366 * _DAY),
}  # fmt: skip
# The units of ages as the schema allows them, "<digits> <unit>" (S008 reports any other form).
_UNITS = {spelling: unit for unit in _MINUTES for spelling in (unit, unit + "s")}


def _eligibility(criteria: str, ages: str = "    minimumAge: 50 Years\n    maximumAge: 85 Years\n",
                 study_type: str = "") -> str:  # fmt: skip
    """A fragment whose eligibilityModule has ``criteria`` (each line indented here)."""
    design = f"  designModule:\n    studyType: {study_type}\n" if study_type else ""
    body = "".join(f"      {line}\n" if line else "\n" for line in criteria.split("\n"))
    return (
        "protocolSection:\n" + design + "  eligibilityModule:\n    eligibilityCriteria: |-\n"
        + body + "    healthyVolunteers: false\n    sex: ALL\n" + ages
    )  # fmt: skip


_BOTH = "Inclusion Criteria:\n\n* Knee replacement\n\nExclusion Criteria:\n\n* Revision surgery"

CRITERIA_WITHOUT_SECTIONS = rule(
    "E001", "criteria-without-sections", Severity.WARNING,
    "Eligibility criteria without an inclusion or an exclusion section (or empty criteria).",
    "Eligibility criteria are given 'in terms of inclusion and exclusion criteria', as a "
    "bulleted list under the headings 'Inclusion Criteria' and 'Exclusion Criteria' (PRS "
    "definitions, Eligibility Criteria; QC Major issue; WHO TRDS item 14; registry-quality "
    "rule 37). Observational studies are reported only when both are missing; records first "
    "submitted before FDAAA 801 (2007-09-27) are not reported.",
    fails=(_eligibility("Inclusion Criteria:\n\n* Knee replacement in the past 4 weeks"),
           _eligibility("* Knee replacement in the past 4 weeks\n* Able to walk 10 metres")),
    passes=(_eligibility(_BOTH),
            _eligibility("Inclusion criteria\n* Knee replacement\n\nNon-inclusion criteria\n"
                         "* Revision surgery"),
            _eligibility("Inclusion Criteria:\n\n* Knee replacement", study_type="OBSERVATIONAL")),
)  # fmt: skip
AGE_RANGE_INVERTED = rule(
    "E002", "minimum-age-above-maximum", Severity.ERROR,
    "A minimum age above the maximum age, once both are in the same unit.",
    "minimumAge and maximumAge bound the ages of participants (PRS definitions, Eligibility; "
    "registry-quality rule 38): a minimum above the maximum admits nobody, and is usually a "
    "swapped pair or a wrong unit ('6 Years' for '6 Months'). Ages are compared across units "
    "(12 months to the year, 7 days to the week); a month counts 28 to 31 days and a year "
    "365 or 366, and only a difference beyond that is reported.",
    fails=(_eligibility(_BOTH, "    minimumAge: 18 Years\n    maximumAge: 6 Months\n"),
           _eligibility(_BOTH, "    minimumAge: 65 Years\n    maximumAge: 18 Years\n")),
    passes=(_eligibility(_BOTH, "    minimumAge: 6 Months\n    maximumAge: 18 Years\n"),
            _eligibility(_BOTH, "    minimumAge: 12 Months\n    maximumAge: 1 Year\n")),
)  # fmt: skip


def criteria_sections(criteria: str) -> tuple[bool, bool]:
    """Whether the criteria have an inclusion and an exclusion section.

    Any mention counts ("Key Inclusion Criteria", "patients are excluded if"): a criterion
    that mentions the word and hides a missing section is missed, never wrongly reported.
    """
    if ("nclusion" in criteria or "NCLUSION" in criteria) and (
        "xclu" in criteria or "XCLU" in criteria
    ):
        return True, True  # nearly every record: no lowercased copy needed
    lower = criteria.lower()
    non_inclusion = sum(lower.count(spelling) for spelling in _NON_INCLUSION)
    inclusion = lower.count("inclusion") > non_inclusion
    exclusion = non_inclusion > 0 or "exclusion" in lower or "exclud" in lower
    return inclusion, exclusion


@check(CRITERIA_WITHOUT_SECTIONS)
def criteria_structure(record: Record, context: Context) -> Iterator[Hit]:
    criteria = as_str(record.eligibility.get("eligibilityCriteria"))
    if criteria is None:
        return  # missing (S005) or not text (S002)
    message = _missing_sections(record, criteria)
    # Asked last: it may parse the submission date, and nearly every record has both sections.
    if message is not None and not record.before_fdaaa:  # older records' conventions
        yield Hit(CRITERIA_WITHOUT_SECTIONS, message, CRITERIA)


def _missing_sections(record: Record, criteria: str) -> str | None:
    """What the criteria lack, as a message; None when nothing is reported."""
    if not criteria.strip():
        return "eligibilityCriteria is empty; list the inclusion and exclusion criteria"
    inclusion, exclusion = criteria_sections(criteria)
    if inclusion and exclusion:
        return None
    if not inclusion and not exclusion:
        return (
            "eligibilityCriteria has neither an 'Inclusion Criteria' nor an 'Exclusion "
            "Criteria' section; list the criteria under those two headings"
        )
    if record.study_type == "OBSERVATIONAL":
        return None  # observational studies may have no exclusions
    if not exclusion:
        return (
            "eligibilityCriteria has no 'Exclusion Criteria' section; add one "
            "(write 'Exclusion Criteria:' and 'None' if there are none)"
        )
    return (
        "eligibilityCriteria has exclusion criteria but no 'Inclusion Criteria' "
        "section; put the inclusion criteria under that heading"
    )


def _bounds(value: object) -> tuple[int, str, int, int] | None:
    """An age as (number, unit, shortest, longest length in minutes), or None if it is not an
    age in the registry's form."""
    text = as_str(value)
    if text is None:
        return None
    digits, _, spelling = text.partition(" ")
    unit = _UNITS.get(spelling)
    if unit is None or not (digits.isascii() and digits.isdigit()):
        return None
    number = int(digits)
    shortest, longest = _MINUTES[unit]
    return number, unit, number * shortest, number * longest


def _months(number: int, unit: str) -> int:
    return number * 12 if unit == "Year" else number


@check(AGE_RANGE_INVERTED)
def age_range(record: Record, context: Context) -> Iterator[Hit]:
    minimum = _bounds(record.eligibility.get("minimumAge"))
    maximum = _bounds(record.eligibility.get("maximumAge"))
    if minimum is None or maximum is None:
        return
    low_number, low_unit, low_short, _ = minimum
    high_number, high_unit, _, high_long = maximum
    if low_unit in ("Month", "Year") and high_unit in ("Month", "Year"):
        inverted = _months(low_number, low_unit) > _months(high_number, high_unit)
    else:
        inverted = low_short > high_long
    if inverted:
        yield Hit(AGE_RANGE_INVERTED,
                  f"minimumAge {record.eligibility['minimumAge']} is above maximumAge "
                  f"{record.eligibility['maximumAge']}; the range admits nobody (swapped, or "
                  "a wrong unit?)", (*ELIGIBILITY, "minimumAge"))  # fmt: skip
