"""The results section as the results rules (family R) read it: its outcome measures, the
counts of participants it reports, and whether PRS would judge it by the rules of 42 CFR 11.

PRS validates a results section more strictly when the study's primary completion date is
on or after 2017-01-18, when the final rule's results requirements took effect: a check it
gives as an ERROR for those studies is a WARNING for older ones. The results rules that
follow that split read it here, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialint.document.pointer import Token
from trialint.lint.record import FINAL_RULE, Record, as_dict, dicts, per_record
from trialint.partialdate import PartialDate

RESULTS = ("resultsSection",)
OUTCOME_MEASURES = (*RESULTS, "outcomeMeasuresModule", "outcomeMeasures")
BASELINE = (*RESULTS, "baselineCharacteristicsModule")
ADVERSE_EVENTS = (*RESULTS, "adverseEventsModule")

_FINAL_RULE_DATE = PartialDate.of(FINAL_RULE)


def results_module(record: Record, name: str) -> dict[str, Any]:
    """A module of the results section (empty when the record has none)."""
    return as_dict(as_dict(record.data.get("resultsSection")).get(name))


def outcome_measures(record: Record) -> list[tuple[int, dict[str, Any]]]:
    """The outcome measures of the results section, with their place in the list."""
    return dicts(results_module(record, "outcomeMeasuresModule").get("outcomeMeasures"))


def every_measure(record: Record) -> Iterator[tuple[tuple[Token, ...], dict[str, Any]]]:
    """Every outcome and baseline measure of the results, with its path: what the rules
    about a measure's unit and dispersion read."""
    for index, measure in outcome_measures(record):
        yield (*OUTCOME_MEASURES, index), measure
    baseline = results_module(record, "baselineCharacteristicsModule")
    for index, measure in dicts(baseline.get("measures")):
        yield (*BASELINE, "measures", index), measure


def written(text: Any) -> bool:
    """Whether a free-text field holds something (PRS's test of a required explanation)."""
    return isinstance(text, str) and bool(text.strip())


def count(value: Any) -> int | None:
    """A number of participants as the registry writes it (the text '12' in a denominator,
    the number 12 in an event group), or None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


@per_record
def under_final_rule_results(record: Record) -> bool:
    """Whether PRS judges the results by the final rule: a primary completion date on or
    after 2017-01-18, or none known (then the stricter reading, as PRS applies it to new
    submissions)."""
    completion = record.date("primaryCompletionDateStruct")
    return completion is None or completion.compare(_FINAL_RULE_DATE) >= 0
