"""Results (family R): a participant flow whose first period does not start with the
participants the study enrolled, and nothing that says why.

The participant flow begins with the participants who started the first period; the
record's actual enrollment counts those who enrolled. They differ when people enrolled and
were never assigned (a run-in, a screening after consent) or when the flow is not the
study's: the Results Data Element Definitions ask the difference to be explained in the
Pre-assignment Details (or the Recruitment Details). A difference nothing explains leaves a
reader unable to reconcile the two numbers, the first thing a results reviewer compares.
"""

from __future__ import annotations

from collections.abc import Iterator

from trialint.lint.checks.results_section import RESULTS, count, results_module, written
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_dict, as_str, dicts
from trialint.rule import Severity, rule

FLOW = (*RESULTS, "participantFlowModule")
ENROLLMENT = ("protocolSection", "designModule", "enrollmentInfo", "count")

# (the good record enrolled 120 participants)
_FLOW = (
    "resultsSection:\n  participantFlowModule:\n{details}"
    "    groups:\n      - {{id: FG000, title: Exercise}}\n"
    "      - {{id: FG001, title: Usual Care}}\n"
    "    periods:\n      - title: Overall Study\n        milestones:\n"
    "          - type: STARTED\n            achievements:\n"
    "              - {{groupId: FG000, numSubjects: '{first}'}}\n"
    "              - {{groupId: FG001, numSubjects: '52'}}\n"
)
_RUN_IN = (
    "    preAssignmentDetails: 120 participants enrolled; 16 left during the two-week run-in "
    "before randomisation.\n"
)

STARTED_DIFFERS_FROM_ENROLLMENT = rule(
    "R007", "started-differs-from-enrollment", Severity.WARNING,
    "A participant flow whose first period started with another number of participants "
    "than the actual enrollment, and whose pre-assignment and recruitment details are "
    "empty.",
    "The Results Data Element Definitions ask for the Pre-assignment Details: 'significant "
    "events ... that occur after participant enrollment, but prior to assignment of "
    "participants to an arm or group', and PRS's results review compares the participants "
    "STARTED in the first period with the actual enrollment: a difference with no "
    "explanation is an internal inconsistency (Results QC Review Criteria, prs-rules.md "
    "G). Only an ACTUAL enrollment is compared. Corpus: 2 of the 58 records with results, "
    "both read, both real (31 enrolled, 16 started; 227 enrolled, 60 started a first "
    "period that holds one of two parts); 3 more differ and explain it.",
    fails=(_FLOW.format(details="", first="52"),),
    passes=(_FLOW.format(details=_RUN_IN, first="52"),
            _FLOW.format(details="", first="68")),
)  # fmt: skip


@check(STARTED_DIFFERS_FROM_ENROLLMENT)
def started_differs_from_enrollment(record: Record, context: Context) -> Iterator[Hit]:
    flow = results_module(record, "participantFlowModule")
    if not flow or any(written(flow.get(key)) for key in _DETAILS):
        return
    enrollment = as_dict(record.design.get("enrollmentInfo"))
    enrolled = count(enrollment.get("count"))
    if enrolled is None or enrollment.get("type") != "ACTUAL":
        return
    periods = dicts(flow.get("periods"))
    if not periods:
        return
    for index, milestone in dicts(periods[0][1].get("milestones")):
        if as_str(milestone.get("type")) != "STARTED":
            continue
        started = [count(entry.get("numSubjects")) for _, entry in
                   dicts(milestone.get("achievements"))]  # fmt: skip
        if not started or None in started:
            return
        total = sum(number for number in started if number is not None)
        if total != enrolled:
            yield Hit(STARTED_DIFFERS_FROM_ENROLLMENT,
                      f"{total} participants started the first period of the participant "
                      f"flow but {enrolled} enrolled, and no pre-assignment details say why: "
                      "explain the difference there",
                      (*FLOW, "periods", periods[0][0], "milestones", index, "type"),
                      related=(ENROLLMENT,))  # fmt: skip
        return


_DETAILS = ("preAssignmentDetails", "recruitmentDetails")
