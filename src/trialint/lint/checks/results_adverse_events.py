"""Results (family R): adverse event counts that contradict each other, and an adverse event
table with no time frame.

The adverse events module counts, per group, the participants at risk and those affected by
serious and by other adverse events, in total and event by event. Participants affected
cannot outnumber those at risk, and the total affected by any serious (or other) adverse
event cannot be fewer than those affected by one of them: a count that breaks either is a
typing slip or a group mixed up, and PRS's validation does not accept it. The time frame
over which adverse events were collected is required of studies whose primary completion
date is on or after 2017-01-18 (42 CFR 11.48(a)(4)); older records lack it by history.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialint.lint.checks.results_section import (
    ADVERSE_EVENTS,
    count,
    results_module,
    under_final_rule_results,
    written,
)
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str, dicts
from trialint.quoting import quote_short
from trialint.rule import Severity, rule

_MODULE = (
    "resultsSection:\n  adverseEventsModule:\n{time_frame}"
    "    description: Adverse events were collected at every visit.\n"
    "    eventGroups:\n"
    "      - {{id: EG000, title: Exercise, seriousNumAffected: {serious}, seriousNumAtRisk: 60,\n"
    "         otherNumAffected: 9, otherNumAtRisk: 60}}\n"
    "    seriousEvents:\n"
    "      - term: Fall\n        organSystem: Injury, poisoning and procedural complications\n"
    "        stats:\n          - {{groupId: EG000, numEvents: 2, numAffected: 2, numAtRisk: 60}}\n"
)
_TIME_FRAME = "    timeFrame: From randomisation to week 12\n"

ADVERSE_EVENT_COUNTS_INCONSISTENT = rule(
    "R009", "adverse-event-counts-inconsistent", Severity.ERROR,
    "Adverse event counts that contradict each other: more participants affected than at "
    "risk (in a group's totals or for one event), or a group's total affected by serious "
    "(or other) adverse events below the number affected by one of them.",
    "The number of participants affected is counted among those at risk (Results Data "
    "Element Definitions, Adverse Event Information: 'Number of Participants Affected', "
    "'Number of Participants at Risk'), and a group's total affected by any serious adverse "
    "event counts each participant affected by one. PRS's validation rejects affected "
    "above at risk; a total below one event's count is the internal inconsistency its "
    "results review marks (Results QC Review Criteria, prs-rules.md G). Corpus: none among "
    "the 58 records with results (PRS validated them).",
    fails=(_MODULE.format(time_frame=_TIME_FRAME, serious=1),
           _MODULE.format(time_frame=_TIME_FRAME, serious=61)),
    passes=(_MODULE.format(time_frame=_TIME_FRAME, serious=2),),
)  # fmt: skip
ADVERSE_EVENT_TIME_FRAME_MISSING = rule(
    "R010", "adverse-event-time-frame-missing", Severity.ERROR,
    "Adverse events reported with no time frame, in a study whose primary completion date "
    "is on or after 2017-01-18.",
    "The Adverse Event Reporting time frame, 'the specific period of time over which "
    "adverse event data were collected', is required by the final rule (42 CFR "
    "11.48(a)(4)) for studies whose primary completion date is on or after 2017-01-18: "
    "without it the counts have no denominator in time. Older studies were not asked for "
    "it and are not reported. Corpus: none; the 9 records with results that lack it all "
    "completed before 2017 (2006-2014).",
    fails=(_MODULE.format(time_frame="", serious=2),),
    passes=(_MODULE.format(time_frame=_TIME_FRAME, serious=2),),
)  # fmt: skip

_KINDS = (("serious", "seriousEvents"), ("other", "otherEvents"))


@check(ADVERSE_EVENT_COUNTS_INCONSISTENT)
def adverse_event_counts(record: Record, context: Context) -> Iterator[Hit]:
    module = results_module(record, "adverseEventsModule")
    groups = dicts(module.get("eventGroups"))
    for index, group in groups:
        for kind in ("serious", "other", "deaths"):
            affected, at_risk = (count(group.get(f"{kind}Num{part}")) for part in
                                 ("Affected", "AtRisk"))  # fmt: skip
            if affected is not None and at_risk is not None and affected > at_risk:
                path = (*ADVERSE_EVENTS, "eventGroups", index)
                yield Hit(ADVERSE_EVENT_COUNTS_INCONSISTENT,
                          f"{_participants(affected)} affected by {_KIND[kind]} in "
                          f"{_title(group, index)}, but {at_risk} at risk: correct the counts",
                          (*path, f"{kind}NumAffected"),
                          related=((*path, f"{kind}NumAtRisk"),))  # fmt: skip
    group_index = {as_str(group.get("id")): (index, group) for index, group in groups}
    for kind, key in _KINDS:
        most: dict[str | None, tuple[int, tuple[Any, ...]]] = {}  # group: most affected, where
        for event_index, event in dicts(module.get(key)):
            term = quote_short(as_str(event.get("term")) or "", 40)
            for stat_index, stat in dicts(event.get("stats")):
                stat_path = (*ADVERSE_EVENTS, key, event_index, "stats", stat_index)
                affected, at_risk = count(stat.get("numAffected")), count(stat.get("numAtRisk"))
                if affected is None:
                    continue
                if at_risk is not None and affected > at_risk:
                    yield Hit(ADVERSE_EVENT_COUNTS_INCONSISTENT,
                              f"{_participants(affected)} affected by the {kind} adverse event "
                              f"{term}, but {at_risk} at risk: correct the counts",
                              (*stat_path, "numAffected"),
                              related=((*stat_path, "numAtRisk"),))  # fmt: skip
                group_id = as_str(stat.get("groupId"))
                if affected > most.get(group_id, (0, ()))[0]:
                    most[group_id] = (affected, (*stat_path, "numAffected"))
        for group_id, (affected, where) in most.items():
            if group_id not in group_index:
                continue
            index, group = group_index[group_id]
            total = count(group.get(f"{kind}NumAffected"))
            if total is not None and total < affected:
                yield Hit(ADVERSE_EVENT_COUNTS_INCONSISTENT,
                          f"{_participants(total)} affected by {_KIND[kind]} in "
                          f"{_title(group, index)}, but {affected} by one of them alone: correct "
                          "the total",
                          (*ADVERSE_EVENTS, "eventGroups", index, f"{kind}NumAffected"),
                          related=(where,))  # fmt: skip


_KIND = {"serious": "serious adverse events", "other": "other adverse events",
         "deaths": "death"}  # fmt: skip


def _participants(number: int) -> str:
    return f"{number} participant" if number == 1 else f"{number} participants"


def _title(group: dict[str, Any], index: int) -> str:
    return quote_short(as_str(group.get("title")) or f"group {index + 1}", 40)


@check(ADVERSE_EVENT_TIME_FRAME_MISSING)
def adverse_event_time_frame(record: Record, context: Context) -> Iterator[Hit]:
    module = results_module(record, "adverseEventsModule")
    if not module or written(module.get("timeFrame")) or not under_final_rule_results(record):
        return
    completion = record.date("primaryCompletionDateStruct")
    since = f" (primary completion {completion})" if completion else ""
    at_key = "timeFrame" in module
    yield Hit(ADVERSE_EVENT_TIME_FRAME_MISSING,
              f"the adverse events have no time frame{since}: say over which period they "
              "were collected ('From first dose to 30 days after the last dose')",
              (*ADVERSE_EVENTS, "timeFrame") if at_key else ADVERSE_EVENTS,
              at_key=not at_key)  # fmt: skip
