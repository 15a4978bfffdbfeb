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

from trialint.document.model import Study
from trialint.finding import Finding
from trialint.lint.history_rules import (
    COMPLETION_SLIPPED_AGAIN,
    ENROLLMENT_DECREASED,
    PRIMARY_OUTCOME_CHANGED,
    START_DATE_CHANGED,
    STATUS_BACKWARDS,
)
from trialint.lint.record import Record, as_dict, dicts
from trialint.registry import STATUS_STAGE

# Stages of a study, in the order they happen; a move to a lower stage goes backwards.
_STAGE = STATUS_STAGE
STATUS = ("protocolSection", "statusModule")
_OUTCOMES = ("protocolSection", "outcomesModule")


def _primary_outcomes(record: Record) -> list[tuple[str, str]]:
    return sorted(
        (
            " ".join(str(o.get("measure", "")).lower().split()),
            " ".join(str(o.get("timeFrame", "")).lower().split()),
        )
        for _, o in dicts(record.outcomes.get("primaryOutcomes"))
    )


def _pair(old: Record, new: Study, new_record: Record) -> Iterator[Finding]:
    """The rules that compare one version with the next."""
    if old.date_type("startDateStruct") == "ACTUAL" and _primary_outcomes(old) != (
        _primary_outcomes(new_record)
    ):
        path = (
            (*_OUTCOMES, "primaryOutcomes")
            if "primaryOutcomes" in new_record.outcomes
            else (_OUTCOMES)
        )
        yield new.finding(
            PRIMARY_OUTCOME_CHANGED,
            "the primary outcomes changed after the study started "
            f"(start date {old.date('startDateStruct')} ACTUAL)",
            path,
        )
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
