"""History rules (family H): problems only two or more versions of a study can show.

Researchers track them because they change what a trial's results mean: a primary outcome
switched after the study started (31.7% of trials, Ramagopalan 2014; 23% with major changes,
Holst 2023), a start date moved after registration so the trial looks prospectively
registered (Holst & Carlisle 2024), a status that goes backwards, enrollment that shrinks
after it was counted, completion dates that keep slipping.

Examples are YAML streams of versions, oldest first, separated by ``---``; each document is a
fragment whose modules stand in for those of a complete record.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise

from trialint.diff.outcome_switch import compare_primary, describe
from trialint.document.model import Study
from trialint.finding import Finding
from trialint.lint.history_rules import (
    COMPLETION_SLIPPED_AGAIN,
    ENROLLMENT_DECREASED,
    PRIMARY_OUTCOME_CHANGED,
    START_DATE_CHANGED,
    STATUS_BACKWARDS,
)
from trialint.lint.record import Record, as_dict
from trialint.registry import STATUS_STAGE

# Stages of a study, in the order they happen; a move to a lower stage goes backwards.
_STAGE = STATUS_STAGE
STATUS = ("protocolSection", "statusModule")
_OUTCOMES = ("protocolSection", "outcomesModule")


def _pair(old: Record, new: Study, new_record: Record) -> Iterator[Finding]:
    """The rules that compare one version with the next."""
    started = _started(old)
    if started:
        yield from _switched(old, new, new_record, started)
    yield from _start_date(old, new, new_record)
    before, after = old.overall_status, new_record.overall_status
    if before in _STAGE and after in _STAGE and _STAGE[after] < _STAGE[before]:
        yield new.finding(
            STATUS_BACKWARDS,
            f"overallStatus went back from {before} to {after}",
            (*STATUS, "overallStatus"),
        )
    old_enrollment = as_dict(old.design.get("enrollmentInfo"))
    new_enrollment = as_dict(new_record.design.get("enrollmentInfo"))
    old_count, new_count = old_enrollment.get("count"), new_enrollment.get("count")
    if (
        old_enrollment.get("type") == new_enrollment.get("type") == "ACTUAL"
        and isinstance(old_count, int)
        and isinstance(new_count, int)
        and new_count < old_count
    ):
        yield new.finding(
            ENROLLMENT_DECREASED,
            f"actual enrollment went down from {old_count} to {new_count}",
            ("protocolSection", "designModule", "enrollmentInfo", "count"),
        )


def _started(record: Record) -> str:
    """How a version shows that its study had started ("2021-02-01 ACTUAL"), or "". A record
    first submitted before 2017 often gives its start date no type: a start date no later than
    the version's own last update had passed when the sponsor updated it (most of the
    histories meta-researchers rate are of such records)."""
    start = record.date("startDateStruct")
    if start is None:
        return ""
    kind = record.date_type("startDateStruct")
    if kind == "ACTUAL":
        return f"{start} ACTUAL"
    updated = record.date("lastUpdateSubmitDate") or record.date("lastUpdatePostDateStruct")
    if kind is None and updated is not None and start.compare(updated) <= 0:
        return f"{start}, before the update of {updated}"
    return ""


def _switched(old: Record, new: Study, new_record: Record, started: str) -> Iterator[Finding]:
    """H001, once for a pair of versions, at the first primary outcome that switched (or the
    list, where the outcome was removed), naming every switch."""
    switches = [v for v in compare_primary(old.outcomes, new_record.outcomes) if v.substantive]
    if not switches:
        return
    first = next((v.new[0] for v in switches if v.new), None)
    path = (*_OUTCOMES, "primaryOutcomes", *(() if first is None else (first,)))
    if "primaryOutcomes" not in new_record.outcomes:
        path = _OUTCOMES
    said = "; ".join(describe(v) for v in switches)
    yield new.finding(
        PRIMARY_OUTCOME_CHANGED,
        f"the primary outcomes changed after the study started (start date {started}): {said}",
        path,
    )


def _start_date(old: Record, new: Study, new_record: Record) -> Iterator[Finding]:
    before, after = old.date("startDateStruct"), new_record.date("startDateStruct")
    if before is None or after is None or before.compare(after) == 0:
        return
    path = (*STATUS, "startDateStruct", "date")
    if old.date_type("startDateStruct") == "ACTUAL":
        yield new.finding(
            START_DATE_CHANGED,
            f"the start date moved from {before} to {after} after it was ACTUAL "
            "(the day the first participant enrolled)",
            path,
        )
        return
    posted = new_record.date("studyFirstPostDateStruct") or old.date("studyFirstPostDateStruct")
    if posted is not None and before.compare(posted) <= 0 < after.compare(posted):
        yield new.finding(
            START_DATE_CHANGED,
            f"the start date moved from {before} to {after}, after the first "
            f"posting ({posted}): the registration now looks prospective",
            path,
        )


def history_findings(versions: Sequence[Study]) -> list[Finding]:
    """Findings over versions of one study, oldest first; each is located in the version that
    shows it."""
    findings: list[Finding] = []
    slips: dict[str, int] = {}
    records = [Record(study.data) for study in versions]
    for (old, new_record), new in zip(pairwise(records), versions[1:], strict=True):
        findings.extend(_pair(old, new, new_record))
        for field in ("primaryCompletionDateStruct", "completionDateStruct"):
            before, after = old.date(field), new_record.date(field)
            if before is not None and after is not None and after.compare(before) > 0:
                slips[field] = slips.get(field, 0) + 1
                if slips[field] >= 2:
                    findings.append(
                        new.finding(
                            COMPLETION_SLIPPED_AGAIN,
                            f"{field} slipped again, to {after} ({slips[field]} slips "
                            "in these versions)",
                            (*STATUS, field, "date"),
                        )
                    )
    return findings
