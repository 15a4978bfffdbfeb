"""Results (family R): an outcome measure's unit of measure that its title or PRS contradicts.

The unit of measure says what each value in the results table counts. PRS's quality review
calls a unit the title contradicts a data mismatch (a Major comment: "Number of participants
with ..." reported in days, "Percentage of participants ..." reported as a count of
participants), and its validation warns of a unit that says nothing ("NA", "units", a
number). Both leave a reader unable to tell what the numbers are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.placeholders import placeholder, plain
from trialint.lint.checks.results_section import (
    OUTCOME_MEASURES,
    every_measure,
    outcome_measures,
)
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.quoting import quote_short
from trialint.rule import Severity, rule

_MEASURE = (
    "resultsSection:\n  outcomeMeasuresModule:\n    outcomeMeasures:\n"
    "      - {{type: PRIMARY, title: '{title}', paramType: {param}, unitOfMeasure: '{unit}',\n"
    "         timeFrame: Week 12}}\n"
)
_MEAN_SD = "MEAN, dispersionType: Standard Deviation"

UNIT_CONTRADICTS_TITLE = rule(
    "R001", "unit-contradicts-title", Severity.WARNING,
    "An outcome measure titled 'Number of participants ...' whose unit of measure is not "
    "participants, or 'Percentage of participants ...' whose unit is not a percentage.",
    "The title says what is counted and the unit what each value is: 'Number of "
    "participants with ...' is counted in participants, 'Percentage of participants ...' "
    "in percent. PRS's results quality review lists a unit the measure contradicts as a "
    "data mismatch, a Major comment ('a time-to-event measure with a unit of "
    "participants', Results QC Review Criteria, prs-rules.md G; registry-quality-rules.md "
    "26-27): the reader cannot tell whether 12 means 12 participants or 12 percent. "
    "Participants may be written subjects, patients or responders. Corpus: 15 outcome "
    "measures in 3 records, all real: 13 in 2 records outside the held-out recall sample, "
    "read ('Percentage of Subjects Who Achieve Pain Relief' reported as a count of "
    "participants); 2 in one record of the held-out sample ('Percentage of Responders "
    "...'), seen in the survey of the 58 records with results before the rule was written.",
    fails=(_MEASURE.format(title="Percentage of Participants With Pain Relief at Week 12",
                           param="COUNT_OF_PARTICIPANTS", unit="Participants"),
           _MEASURE.format(title="Number of Participants With Adverse Events",
                           param="NUMBER", unit="events")),
    passes=(_MEASURE.format(title="Percentage of Participants With Pain Relief at Week 12",
                            param="NUMBER", unit="percentage of participants"),
            _MEASURE.format(title="Number of Participants With Adverse Events",
                            param="COUNT_OF_PARTICIPANTS", unit="Participants")),
)  # fmt: skip
PLACEHOLDER_UNIT = rule(
    "R002", "placeholder-unit-of-measure", Severity.WARNING,
    "An outcome or baseline measure whose unit of measure is a placeholder ('NA', 'N/A', "
    "'units', '-') or only a number.",
    "The unit of measure is required with every measure of the results (Results Data "
    "Element Definitions) and PRS warns of a placeholder unit ('PRS rejects placeholder "
    "units and time frames that are only a number', PRS June 2018 validation messages, "
    "registry-quality-rules.md 2.8 and 3.6): 'units' or 'NA' does not say whether a value "
    "is a score, a count or milligrams. Write what one value counts ('score on a scale', "
    "'mg/dL', 'participants'). Corpus: none among the 58 records with results (PRS "
    "validated them).",
    fails=(_MEASURE.format(title="Six-minute Walk Distance", param=_MEAN_SD, unit="units"),
           _MEASURE.format(title="Six-minute Walk Distance", param=_MEAN_SD, unit="N/A")),
    passes=(_MEASURE.format(title="Six-minute Walk Distance", param=_MEAN_SD, unit="meters"),),
)  # fmt: skip

_PARTICIPANTS = r"(?:participants?|subjects?|patients?|responders?|people|persons?|individuals?)"
_NUMBER_OF = re.compile(rf"\s*(?:the\s+)?(?:total\s+)?number\s+(?:of\s+)?{_PARTICIPANTS}\b",
                        re.IGNORECASE)  # fmt: skip
_PERCENTAGE_OF = re.compile(rf"\s*(?:the\s+)?percent(?:age)?\s+(?:of\s+)?{_PARTICIPANTS}\b",
                            re.IGNORECASE)  # fmt: skip
_COUNTS_PARTICIPANTS = re.compile(rf"\b{_PARTICIPANTS}\b", re.IGNORECASE)
_PERCENT = re.compile(r"%|\bpercent", re.IGNORECASE)
_ONLY_NUMERALS = re.compile(r"[\d\s.,]+")
_UNIT_WORDS = frozenset({"unit", "units"})


@check(UNIT_CONTRADICTS_TITLE)
def unit_contradicts_title(record: Record, context: Context) -> Iterator[Hit]:
    for index, measure in outcome_measures(record):
        title, unit = as_str(measure.get("title")), as_str(measure.get("unitOfMeasure"))
        if not title or not unit or not unit.strip():
            continue
        if _NUMBER_OF.match(title) and not _COUNTS_PARTICIPANTS.search(unit):
            counted, instead = "a number of participants", "participants"
        elif _PERCENTAGE_OF.match(title) and not _PERCENT.search(unit):
            counted, instead = "a percentage", "percentages"
        else:
            continue
        yield Hit(UNIT_CONTRADICTS_TITLE,
                  f"the title {quote_short(title)} is {counted}, but the unit of measure is "
                  f"{quote_short(unit)}: report {instead}, or retitle the measure",
                  (*OUTCOME_MEASURES, index, "unitOfMeasure"),
                  related=((*OUTCOME_MEASURES, index, "title"),))  # fmt: skip


@check(PLACEHOLDER_UNIT)
def placeholder_unit(record: Record, context: Context) -> Iterator[Hit]:
    for path, measure in every_measure(record):
        unit = as_str(measure.get("unitOfMeasure"))
        if unit is None or not unit.strip() or not _says_nothing(unit):
            continue
        yield Hit(PLACEHOLDER_UNIT,
                  f"the unit of measure {quote_short(unit)} says nothing: write what one "
                  "value counts ('participants', 'score on a scale', 'mg/dL')",
                  (*path, "unitOfMeasure"))  # fmt: skip


def _says_nothing(unit: str) -> bool:
    """Whether a unit is a placeholder, the word 'units', or only a number."""
    return (
        placeholder(unit) == "is a placeholder"
        or plain(unit) in _UNIT_WORDS
        or _ONLY_NUMERALS.fullmatch(unit) is not None
    )
