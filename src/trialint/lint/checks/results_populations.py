"""Results (family R): no one analysed, or no one at risk, and nothing that says why.

A group with 0 participants analysed in the baseline or an outcome measure, or 0 at risk
in the adverse events, is a result a reader cannot tell from a failure to report: were the
data not collected, the group never enrolled, the measure not applicable? PRS requires the
explanation: its validation gives an ERROR when the analysis population description does not
explain zero participants analysed, or the adverse event reporting description zero at risk
(a WARNING when the primary completion date is before 2017-01-18). The description is what is
checked: its words are a person's to judge.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from trialint.document.pointer import Token
from trialint.lint.checks.results_section import (
    ADVERSE_EVENTS,
    BASELINE,
    OUTCOME_MEASURES,
    count,
    outcome_measures,
    results_module,
    under_final_rule_results,
    written,
)
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str, dicts
from trialint.quoting import quote_short
from trialint.rule import Rule, Severity, rule, status_module

_PRS = (
    "PRS's validation requires it: an ERROR 'when the analysis population description "
    "does not explain zero analyzed' and 'when the AE reporting description does not "
    "explain zero participants at risk', a WARNING only if the primary completion date is "
    "before 2017-01-18 (PRS June 2018 validation messages, prs-rules.md G). "
)
_MEASURE = (
    "resultsSection:\n  outcomeMeasuresModule:\n    outcomeMeasures:\n"
    "      - type: PRIMARY\n        title: Six-minute Walk Distance\n"
    "        paramType: MEAN\n        dispersionType: Standard Deviation\n"
    "        unitOfMeasure: meters\n        timeFrame: Week 12\n{population}"
    "        groups:\n          - {{id: OG000, title: Exercise}}\n"
    "          - {{id: OG001, title: Usual Care}}\n"
    "        denoms:\n          - units: Participants\n            counts:\n"
    "              - {{groupId: OG000, value: '24'}}\n"
    "              - {{groupId: OG001, value: '0'}}\n"
)
_WHY = "        populationDescription: The usual care group's walking tests were lost.\n"
_LEGACY_COMPLETION = status_module(
    primaryCompletionDateStruct="{date: '2016-06-30', type: ACTUAL}",
    completionDateStruct="{date: '2016-12-15', type: ACTUAL}",
    startDateStruct="{date: '2015-02-01', type: ACTUAL}",
    studyFirstSubmitDate="'2014-12-01'",
)

ZERO_ANALYSED_UNEXPLAINED = rule(
    "R003", "zero-analysed-unexplained", Severity.ERROR,
    "A group with 0 participants analysed (baseline, an outcome measure) or 0 at risk "
    "(adverse events) whose population or adverse event description is empty, in a study "
    "whose primary completion date is on or after 2017-01-18.",
    "Zero analysed or at risk is a result only with its reason: data not collected, a "
    "group never enrolled, a measure for one part of the study. " + _PRS + "The check is "
    "that a description is written (the analysis population description of the baseline "
    "or the measure, the adverse events' description), as PRS's is. Corpus: none; 12 of "
    "the 58 records with results report a zero, and all explain it ('Data were not "
    "collected', 'No participants were enrolled in Part 2').",
    fails=(_MEASURE.format(population=""),),
    passes=(_MEASURE.format(population=_WHY),),
)  # fmt: skip
ZERO_ANALYSED_UNEXPLAINED_LEGACY = rule(
    "R004", "legacy-zero-analysed-unexplained", Severity.WARNING,
    "R003 for a study whose primary completion date is before 2017-01-18: 0 participants "
    "analysed or at risk with no description that says why.",
    _PRS + "Corpus: none.",
    fails=(_LEGACY_COMPLETION + _MEASURE.format(population=""),),
    passes=(_LEGACY_COMPLETION + _MEASURE.format(population=_WHY),),
)  # fmt: skip

_AT_RISK = (("seriousNumAtRisk", "serious"), ("otherNumAtRisk", "other"),
            ("deathsNumAtRisk", "all-cause mortality"))  # fmt: skip


@check(ZERO_ANALYSED_UNEXPLAINED, ZERO_ANALYSED_UNEXPLAINED_LEGACY)
def zero_analysed_unexplained(record: Record, context: Context) -> Iterator[Hit]:
    if "resultsSection" not in record.data:
        return
    reported = (
        ZERO_ANALYSED_UNEXPLAINED
        if under_final_rule_results(record)
        else ZERO_ANALYSED_UNEXPLAINED_LEGACY
    )
    baseline = results_module(record, "baselineCharacteristicsModule")
    if not written(baseline.get("populationDescription")):
        yield from _zero_analysed(reported, baseline, BASELINE, "the baseline characteristics")
    for index, measure in outcome_measures(record):
        if not written(measure.get("populationDescription")):
            title = quote_short(as_str(measure.get("title")) or "", 50)
            yield from _zero_analysed(reported, measure, (*OUTCOME_MEASURES, index),
                                      f"the outcome measure {title}")  # fmt: skip
    adverse = results_module(record, "adverseEventsModule")
    if not written(adverse.get("description")):
        yield from _zero_at_risk(reported, adverse)


def _zero_analysed(
    reported: Rule, table: dict[str, Any], path: Sequence[Token], what: str
) -> Iterator[Hit]:
    """The first group of a table (the baseline, an outcome measure) with 0 analysed."""
    titles = {
        as_str(group.get("id")): as_str(group.get("title"))
        for _, group in dicts(table.get("groups"))
    }
    for denom_index, denom in dicts(table.get("denoms")):
        for count_index, entry in dicts(denom.get("counts")):
            if count(entry.get("value")) != 0:
                continue
            group = as_str(entry.get("groupId"))
            name = quote_short(titles.get(group) or group or "a group", 40)
            yield Hit(reported,
                      f"0 participants analysed in {name} of {what}, and no analysis "
                      "population description says why: write it (data not collected, "
                      "no one enrolled in the group, ...)",
                      (*path, "denoms", denom_index, "counts", count_index, "value"))  # fmt: skip
            return


def _zero_at_risk(reported: Rule, adverse: dict[str, Any]) -> Iterator[Hit]:
    """The first adverse event group with 0 participants at risk."""
    for index, group in dicts(adverse.get("eventGroups")):
        for key, kind in _AT_RISK:
            if count(group.get(key)) == 0:
                name = quote_short(as_str(group.get("title")) or f"group {index + 1}", 40)
                yield Hit(reported,
                          f"0 participants at risk of {kind} adverse events in {name}, and "
                          "the adverse event description does not say why: write it "
                          "(adverse events not collected, no one treated, ...)",
                          (*ADVERSE_EVENTS, "eventGroups", index, key))  # fmt: skip
                return
