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
- Exclusion lists carry a refusal of the study as if it were a criterion ('Refusal to sign
  informed consent', 'Patients who are unwilling to participate'): 15 records of 777 outside
  the held-out recall sample, and curators mark it.

The criteria are long (up to 20,000 characters): they are searched with ``in`` for the few
spellings that matter, lowercased only when a section seems missing, never with a regular
expression over the whole text (only over one short item or line at a time).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.criteria_text import (
    StatedAges,
    negated_inclusion,
    only_restates_inclusion,
    refusal_items,
    required_diagnosis,
    stated_ages,
)
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_list, as_str
from trialint.quoting import quoted
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
EXCLUSION_RESTATES_INCLUSION = rule(
    "E005", "exclusion-restates-inclusion", Severity.WARNING,
    "Exclusion criteria whose only item says that the inclusion criteria are not met ('Not "
    "meeting inclusion criteria', 'Patients who do not fulfil the inclusion criteria'), or "
    "whose every item is an inclusion criterion turned round ('Must speak English' / "
    "'Non-English speaking').",
    "Eligibility criteria select participants 'in terms of inclusion and exclusion "
    "criteria' (PRS definitions, Eligibility Criteria; registry-quality rule 37): an "
    "exclusion criterion names what keeps an otherwise eligible person out, and that the "
    "inclusion criteria are not met is true of everyone excluded, so it names nothing (a "
    "curator reading real records marks it as a placeholder). A study with no exclusion "
    "criteria writes 'None' (E001). Such an item among others is redundant but harmless, "
    "and not reported. The same holds for a list of exclusion criteria that each negate an "
    "inclusion criterion ('Younger than 21 years of age' after 'Must be 21 years of age or "
    "older'): an item counts as turned round when it holds a negation and three fifths of "
    "its words are those of one inclusion criterion; only a list of two or more items, "
    "every one turned round, is reported (one real exclusion among them excludes someone). "
    "Corpus: 6 records, all real (3 lone items, 3 lists turned round).",
    fails=(_eligibility("Inclusion Criteria:\n\n* Knee replacement\n\nExclusion "
                        "Criteria:\n\n* Not meeting inclusion criteria"),
           _eligibility("Inclusion Criteria:\n\n* Must speak English\n* Knee replacement"
                        "\n\nExclusion Criteria:\n\n* Non-English speaking\n"
                        "* No knee replacement"),),
    passes=(_eligibility(_BOTH),
            _eligibility(_BOTH + "\n* Not meeting inclusion criteria")),
)  # fmt: skip
REFUSAL_AS_EXCLUSION = rule(
    "E008", "refusal-as-exclusion-criterion", Severity.WARNING,
    "An exclusion criterion that is only a refusal to consent or to take part ('Refusal to "
    "sign informed consent', 'Patients who are unwilling to participate', 'Lack of informed "
    "consent').",
    "An exclusion criterion names what keeps an otherwise eligible person out (PRS "
    "definitions, Eligibility Criteria: 'in terms of inclusion and exclusion criteria'). "
    "No one takes part without consenting (ICH E6 4.8; 45 CFR 46.116), so a person who "
    "refuses is no candidate at all, and the item excludes no one the inclusion criteria "
    "admit: it says how enrolment works, not whom the study is for (QC review: meaningless "
    "entry; curators of real records mark it among other exclusions). Only an item that "
    "says nothing else is reported: inability to consent ('Unable or unwilling to provide "
    "informed consent') is a criterion, and so is unwillingness to comply with the "
    "procedures or the follow-up. Corpus: 15 records outside the held-out recall sample, "
    "all read, all a refusal listed as a criterion ('Refusal to participate in the study', "
    "'Failure to sign informed consent to participate in the research program', 'Who did "
    "not sign the informed consent form').",
    fails=(_eligibility(_BOTH + "\n* Refusal to sign the informed consent"),
           _eligibility(_BOTH + "\n* Patients who are unwilling to participate")),
    passes=(_eligibility(_BOTH + "\n* Unable or unwilling to provide informed consent"),
            _eligibility(_BOTH + "\n* Unwilling to participate in follow-up examinations")),
)  # fmt: skip
OTHER_SEX_IN_CRITERIA = rule(
    "E007", "criteria-for-the-other-sex", Severity.WARNING,
    "Criteria of a study of one sex that speak of the other as participants: 'Men must agree "
    "to use a barrier method' with sex FEMALE, '(male or female)' with sex MALE.",
    "The sex field says who may take part and is what the registry's search filters on (PRS "
    "definitions, Sex/Gender); criteria written for the other sex are boilerplate copied "
    "from another protocol, or the field is wrong, and a reader cannot tell which. Partners "
    "are not participants: a line about a female partner, a spouse or a husband is not "
    "read. Corpus: 2, both real (a contraception rule for men in a study of women; 'male or "
    "female' in a study of men).",
    fails=(_eligibility("Inclusion Criteria:\n\n* Adults (male or female)\n\n"
                        "Exclusion Criteria:\n\n* Revision surgery")
           .replace("sex: ALL", "sex: MALE"),),
    passes=(_eligibility("Inclusion Criteria:\n\n* Adult men\n\nExclusion Criteria:\n\n"
                         "* Female partner planning pregnancy").replace("sex: ALL", "sex: MALE"),),
)  # fmt: skip
HEALTHY_VOLUNTEERS_NOT_STATED = rule(
    "E006", "healthy-volunteers-not-stated", Severity.INFO,
    "An eligibility module that does not say whether the study accepts healthy volunteers "
    "(no healthyVolunteers).",
    "Accepts Healthy Volunteers is a required element of eligibility (PRS definitions; "
    "prs-rules.md E1), and the registry's search filters on it: a record without it is left "
    "out of either answer. The registry nevertheless serves observational records without "
    "it: all 29 corpus records first submitted since 2017-01-18 that lack it are "
    "observational, as is one of the 2 older ones. So it is information, not an error the "
    "registry would raise; a curator reading real records marks it.",
    fails=(_eligibility(_BOTH).replace("    healthyVolunteers: false\n", ""),),
    passes=(_eligibility(_BOTH),),
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


AGES_DIFFER_FROM_CRITERIA = rule(
    "E003", "ages-differ-from-criteria", Severity.WARNING,
    "minimumAge or maximumAge that differs from the age range the inclusion criteria state "
    "('Aged 18-80 years' with no maximum age; 'Ages 16-65' with a minimum of 18 Years; '18 "
    "Months' for 'Aged 18-50 years').",
    "The age fields are what the registry's search and its age groups use (PRS definitions, "
    "Minimum and Maximum Age: 'N/A (No limit)' when the criteria set none); they say what the "
    "criteria say (QC review: internal inconsistency). Read only from an inclusion criterion "
    "that is about age, opening with it ('Aged 18-80 years', 'Age >= 18 years', '18 years of "
    "age or older'); criteria stating several ranges (cohorts) are not judged. 'Over 18' may "
    "be entered as 18 or 19, 'under 65' as 64 or 65, and a maximum one year either side of "
    "the stated one is read as the same range written inclusively or not. Criteria that "
    "state only a lowest age ('Age >= 18 years') set no maximum unless they write it "
    "somewhere else (an exclusion 'Age over 80'): a maximumAge in years whose number they "
    "nowhere write is reported, 99 and 120 included, which stand for a limit the criteria do "
    "not set. Corpus: 306 records state their ages that way ('Age greater than or equal to 18 "
    "years' and 'Patients more than 18 years old' among them); the 30 whose fields differ are "
    "all real (a minimum or a maximum left unset, 16 for 18, 18 for '>= 45 years', '18 "
    "Months' for 18 years, 21 for 'between 8 and 18', a maximum of 45 to 130 the criteria "
    "never state).",
    fails=(_eligibility("Inclusion Criteria:\n\n* Aged 18-80 years\n\nExclusion "
                        "Criteria:\n\n* Revision surgery", "    minimumAge: 18 Years\n"),
           _eligibility("Inclusion Criteria:\n\n* Age 18 years or older\n\nExclusion "
                        "Criteria:\n\n* Revision surgery",
                        "    minimumAge: 18 Years\n    maximumAge: 75 Years\n")),
    passes=(_eligibility("Inclusion Criteria:\n\n* Aged 50-85 years\n\nExclusion "
                         "Criteria:\n\n* Revision surgery"),),
)  # fmt: skip


HEALTHY_WITH_DIAGNOSIS = rule(
    "E004", "healthy-volunteers-with-diagnosis", Severity.WARNING,
    "healthyVolunteers true on a study whose inclusion criteria require a diagnosis, and "
    "that speaks of no one healthy it takes too (controls, volunteers, relatives, donors).",
    "Accepts Healthy Volunteers says whether people without the condition studied may take "
    "part (PRS definitions): a study that includes only people diagnosed with it does not, "
    "and a healthy person searching the registry is sent to it (QC review: internal "
    "inconsistency). A diagnosis required is a line of the inclusion criteria that says "
    "diagnosis, diagnosed, histologically, suffering from or symptoms of, or takes patients "
    "(people, adults, children) with a named kind of illness ('Patients with radiological "
    "evidence of disc prolapse', not 'Patients with health insurance'), not after a negation "
    "('no diagnosis of diabetes'); a record whose criteria, titles, conditions or study population "
    "speak of healthy people, controls, volunteers, caregivers, relatives or donors is not "
    "judged (birth or glycemic control are no controls). Corpus: 28 hits, all real (cluster "
    "headache, lumbar disc herniation, breast cancer, NSCLC, self-reported depression: "
    "patients only).",
    fails=(_eligibility("Inclusion Criteria:\n\n* Clinical diagnosis of knee osteoarthritis"
                        "\n\nExclusion Criteria:\n\n* Revision surgery")
           .replace("healthyVolunteers: false", "healthyVolunteers: true"),),
    passes=(_eligibility("Inclusion Criteria:\n\n* Clinical diagnosis of knee osteoarthritis"
                         "\n\nExclusion Criteria:\n\n* Revision surgery"),),
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


@check(EXCLUSION_RESTATES_INCLUSION, REFUSAL_AS_EXCLUSION)
def exclusion_criteria(record: Record, context: Context) -> Iterator[Hit]:
    """Exclusion criteria name what keeps an eligible person out: not that the inclusion
    criteria are unmet (E005), nor that the person refuses the study (E008)."""
    criteria = as_str(record.eligibility.get("eligibilityCriteria"))
    if criteria is None:
        return
    # (a test in C first: a one-item restatement is the criteria's last line)
    item = None
    if "nclusion" in criteria[-_RESTATEMENT_REACH:]:
        item = only_restates_inclusion(criteria)
    if item is not None:
        start = criteria.rfind(item)
        yield Hit(EXCLUSION_RESTATES_INCLUSION,
                  f"the only exclusion criterion, {quoted(item)}, says no more than that the "
                  "inclusion criteria are not met; list what keeps an eligible person out, "
                  "or write 'None'", CRITERIA,
                  within=(start, len(item)) if start >= 0 else None)  # fmt: skip
        return
    items = negated_inclusion(criteria)
    if items is not None:
        start = criteria.rfind(items[0])
        yield Hit(EXCLUSION_RESTATES_INCLUSION,
                  f"each of the {len(items)} exclusion criteria is an inclusion criterion "
                  f"turned round ({quoted(items[0])}, ...): they exclude no one the inclusion "
                  "criteria admit; list what keeps an eligible person out, or write 'None'",
                  CRITERIA, within=(start, len(items[0])) if start >= 0 else None)  # fmt: skip
        return
    for item in refusal_items(criteria):  # among other items too: each names no one
        start = criteria.rfind(item)
        yield Hit(REFUSAL_AS_EXCLUSION,
                  f"the exclusion criterion {quoted(item)} is a refusal to consent or to take "
                  "part, "
                  "not a criterion: no one takes part without consenting, so it excludes no "
                  "one the inclusion criteria admit; remove it", CRITERIA,
                  within=(start, len(item)) if start >= 0 else None)  # fmt: skip


_RESTATEMENT_REACH = 200  # characters from the criteria's end that hold their last item


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
                  "a wrong unit?)", (*ELIGIBILITY, "minimumAge"),
                  related=((*ELIGIBILITY, "maximumAge"),))  # fmt: skip


@check(AGES_DIFFER_FROM_CRITERIA)
def ages_stated_in_criteria(record: Record, context: Context) -> Iterator[Hit]:
    criteria = as_str(record.eligibility.get("eligibilityCriteria"))
    if criteria is None or (
        "age" not in criteria
        and "Age" not in criteria
        and "AGE" not in criteria
        and "year" not in criteria
    ):
        return  # (a test in C before any regular expression)  # fmt: skip
    stated = stated_ages(criteria)
    if stated is None:
        return
    allowed = {}  # field -> the ages in years that say what the criteria say
    if stated.low is not None:
        allowed["minimumAge"] = {stated.low, stated.low + 1 if stated.exclusive_low else stated.low}
    if stated.high is not None:
        allowed["maximumAge"] = {stated.high - 1, stated.high, stated.high + 1}
    for name, years in allowed.items():
        value = record.eligibility.get(name)
        if not _says(value, years):
            yield Hit(AGES_DIFFER_FROM_CRITERIA,
                      f"the criteria state {_range(stated)} ({quoted(stated.text)}) but {name} is "
                      f"{_age(value)}: the registry's search uses the field",
                      (*ELIGIBILITY, name), related=(CRITERIA,))  # fmt: skip
    maximum = record.eligibility.get("maximumAge")
    if stated.high is None and _limit_written_nowhere(maximum, criteria):
        yield Hit(AGES_DIFFER_FROM_CRITERIA,
                  f"the criteria state {_range(stated)} ({quoted(stated.text)}) and no upper age, "
                  f"but maximumAge is {_age(maximum)}: set no maximum (N/A, no limit), or "
                  "write the limit in the criteria", (*ELIGIBILITY, "maximumAge"),
                  related=(CRITERIA,))  # fmt: skip


def _limit_written_nowhere(field: object, criteria: str) -> bool:
    """Whether a maximum age in years is a number (or one either side) the criteria nowhere
    write: a limit stated only in the field."""
    bounds = _bounds(field)
    if bounds is None or bounds[1] != "Year":
        return False
    number = bounds[0]
    written = {int(found) for found in _NUMBER.findall(criteria)}
    return written.isdisjoint((number - 1, number, number + 1))


# A number of one to three digits, not part of a larger one ('100' in '100,000/mcL' is not).
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?![\d.]|,\d{3}(?!\d))")


def _says(field: object, years: set[int]) -> bool:
    """Whether an age field is one of ``years`` (in years, or the same in months); a value
    that is not an age at all is the schema rules' to report, and passes here."""
    if field is None:
        return False  # no limit, where the criteria set one
    bounds = _bounds(field)
    if bounds is None:
        return True
    number, unit, _, _ = bounds
    months = _months(number, unit) if unit in ("Month", "Year") else -1
    return months % 12 == 0 and months // 12 in years


def _range(stated: StatedAges) -> str:
    if stated.high is None:
        return f"ages {stated.low} years and over"
    return f"ages {stated.low}-{stated.high} years"


def _age(field: object) -> str:
    return "not set (no limit)" if field is None else quoted(field)


@check(HEALTHY_VOLUNTEERS_NOT_STATED)
def healthy_volunteers_stated(record: Record, context: Context) -> Iterator[Hit]:
    module = record.eligibility
    if not module or "healthyVolunteers" in module:
        return
    yield Hit(HEALTHY_VOLUNTEERS_NOT_STATED,
              "the record does not say whether the study accepts healthy volunteers: set "
              "healthyVolunteers to true or false", ELIGIBILITY)  # fmt: skip


# Words naming participants of each sex (and, for women, states only women are in).
_OF_SEX = {
    "FEMALE": re.compile(r"\b(?:men|males?|male\s+(?:patients?|participants?|subjects?))\b", re.I),
    "MALE": re.compile(
        r"\b(?:women|females?|female\s+(?:patients?|participants?|subjects?)|pregnan\w*"
        r"|breast-?\s?feeding|lactating|childbearing)\b",
        re.I,
    ),
}
_PARTNERS = re.compile(r"partner|spouse|\bwi(?:fe|ves)\b|husband", re.I)


@check(OTHER_SEX_IN_CRITERIA)
def criteria_for_the_other_sex(record: Record, context: Context) -> Iterator[Hit]:
    sex = record.eligibility.get("sex")
    other = _OF_SEX.get(sex) if isinstance(sex, str) else None
    criteria = as_str(record.eligibility.get("eligibilityCriteria"))
    if other is None or not criteria:
        return
    start = 0
    for line in criteria.splitlines(keepends=True):
        found = other.search(line)
        if found is not None and not _PARTNERS.search(line):
            yield Hit(OTHER_SEX_IN_CRITERIA,
                      f"sex is {sex}, but the criteria speak of {quoted(found.group())} as "
                      "participants: correct the sex, or remove the criterion copied from "
                      "another study", CRITERIA,
                      within=(start + found.start(), len(found.group())),
                      related=((*ELIGIBILITY, "sex"),))  # fmt: skip
            return
        start += len(line)


@check(HEALTHY_WITH_DIAGNOSIS)
def healthy_volunteers(record: Record, context: Context) -> Iterator[Hit]:
    if record.eligibility.get("healthyVolunteers") is not True:
        return
    criteria = as_str(record.eligibility.get("eligibilityCriteria"))
    if criteria is None:
        return
    identification = record.module("identificationModule")
    conditions = as_list(record.module("conditionsModule").get("conditions"))
    also = " ".join(
        text
        for text in (
            as_str(identification.get("briefTitle")),
            as_str(identification.get("officialTitle")),
            as_str(record.eligibility.get("studyPopulation")),
            *(as_str(condition) for condition in conditions),
        )
        if text
    )
    line = required_diagnosis(criteria, also)
    if line is not None:
        yield Hit(HEALTHY_WITH_DIAGNOSIS,
                  f"healthyVolunteers is true, but the inclusion criteria require a diagnosis "
                  f"({quoted(line[:80])}): set it to false, or say which healthy people take part",
                  (*ELIGIBILITY, "healthyVolunteers"), related=(CRITERIA,))  # fmt: skip
