"""When things are due: results (42 CFR 11.44, counted as FDAAA TrialsTracker counts them) and
the next verification of the record (11.64), for one study.

One place for the arithmetic the results rules (D023, D028, D033), ``trialint explain-study``
and ``trialint plan`` share, so that a finding, the explanation and the plan never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from trialint.lint.coverage import (
    CERTIFIED_RESULTS_MONTHS,
    GRACE_DAYS,
    RESULTS_MONTHS,
    VERIFY_MONTHS,
    Verdict,
    available_completion,
    classify,
    day_of,
)
from trialint.lint.record import Record, per_record
from trialint.partialdate import PartialDate, days_in_month
from trialint.registry import FINISHED_STATUSES

# Statuses whose record needs no more verification: the study is over or withheld, or UNKNOWN
# (the registry set it: D015 reports it).
VERIFICATION_ENDED = frozenset({
    "COMPLETED", "TERMINATED", "WITHDRAWN", "UNKNOWN", "WITHHELD", "NO_LONGER_AVAILABLE",
    "APPROVED_FOR_MARKETING",
})  # fmt: skip
_GRACE = timedelta(days=GRACE_DAYS)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


@dataclass(frozen=True, slots=True)
class ResultsDue:
    """When a study's results are due, and from what.

    ``struct``/``completion``: the date counted from (the primary completion date, or the
    completion date when there is none); ``counted_from``: the day it stands for (a month-only
    date's last day: ``defaulted``); ``certificate``: the date a certificate of delay was
    first submitted (``dispFirstSubmitDate``), ``late_certificate`` when that was more than 12
    months after the primary completion; ``due``: the legal deadline (12 months, 36 with a
    certificate, as TrialsTracker grants it even to a late one); a study is overdue only once
    the 30 days' grace after it have passed."""

    struct: str
    completion: PartialDate
    counted_from: date
    certificate: PartialDate | None
    due: date

    @property
    def defaulted(self) -> bool:
        return self.completion.day is None

    @property
    def late_certificate(self) -> bool:
        if self.certificate is None:
            return False
        return day_of(self.certificate) > add_months(self.counted_from, RESULTS_MONTHS)

    def overdue(self, today: date) -> bool:
        return today > self.due + _GRACE

    def days_overdue(self, today: date) -> int:
        """Days since the legal deadline once the grace has passed (TrialsTracker's days
        late), else 0."""
        return (today - self.due).days if self.overdue(today) else 0


@dataclass(frozen=True, slots=True)
class Deadlines:
    """A study's coverage and what is due: the plan's row, the explanation's substance."""

    verdict: Verdict
    results_submitted: bool
    results: ResultsDue | None
    verification_due: date | None
    primary_data_collected: bool


def results_submitted(record: Record) -> bool:
    """Results posted, or submitted and under review (TrialsTracker counts a submission)."""
    if record.data.get("hasResults") is True or "resultsSection" in record.data:
        return True
    return "resultsFirstPostDateStruct" in record.status or "resultsFirstSubmitDate" in (
        record.status
    )


@per_record
def results_due(record: Record) -> ResultsDue | None:
    """When results are (or were) due, from the dates the record gives; None without a
    primary completion or completion date."""
    ended = available_completion(record)
    if ended is None:
        return None
    struct, completion = ended
    counted_from = day_of(completion)
    certificate = record.date("dispFirstSubmitDate")
    months = RESULTS_MONTHS if certificate is None else CERTIFIED_RESULTS_MONTHS
    return ResultsDue(struct, completion, counted_from, certificate,
                      add_months(counted_from, months))  # fmt: skip


def verification_due(record: Record) -> date | None:
    """The last day the record can be verified in time (12 months after the month of its
    statusVerifiedDate); None when the status asks for no more verification or there is no
    verification date."""
    status = record.overall_status
    verified = record.date("statusVerifiedDate")
    if status is None or status in VERIFICATION_ENDED or verified is None:
        return None
    return add_months(verified.last_day(), VERIFY_MONTHS)


def primary_data_collected(record: Record) -> bool:
    """Whether results can be overdue: the study is COMPLETED or TERMINATED, or its primary
    completion is ACTUAL (a passed ESTIMATED date is a stale record, which D022 and D031
    report, not a deadline)."""
    status = record.overall_status
    return status in FINISHED_STATUSES or record.date_type("primaryCompletionDateStruct") == (
        "ACTUAL"
    )


def deadlines(record: Record) -> Deadlines:
    return Deadlines(classify(record), results_submitted(record), results_due(record),
                     verification_due(record), primary_data_collected(record))  # fmt: skip
