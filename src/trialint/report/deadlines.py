"""What the law asks of each study, and when: ``trialint plan``'s rows (CSV, or JSON lines) and
``trialint explain-study``'s text, both from ``lint.deadlines`` so they never disagree with the
results rules (D023, D028, D033).

The plan is the PRS Planning Report's view for a sponsor's whole registry: one row per study,
sortable by a data manager (ISO dates, days as plain numbers, empty cells where nothing is
due).
"""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import TextIO

from trialint.lint.deadlines import Deadlines, ResultsDue
from trialint.lint.record import Record

COLUMNS = (
    "file", "study", "coverage", "status", "results_counted_from", "results_due", "results",
    "days_overdue", "verification_due", "reasons",
)  # fmt: skip
PLAN_FORMATS = ("csv", "jsonl")


def results_state(plan: Deadlines, today: date) -> str | None:
    """'submitted', 'overdue' (past the deadline and its grace), 'pending', or None when the law
    sets no deadline (not covered, or no date to count from)."""
    if plan.results_submitted:
        return "submitted"
    if not plan.verdict.covered or plan.results is None:
        return None
    overdue = plan.primary_data_collected and plan.results.overdue(today)
    return "overdue" if overdue else "pending"


def plan_row(name: str, record: Record, plan: Deadlines, today: date) -> dict[str, object]:
    """One study's row: every column of ``COLUMNS``, None where the cell is empty."""
    due = plan.results if plan.verdict.covered else None
    state = results_state(plan, today)
    return {
        "file": name,
        "study": record.nct_id,
        "coverage": str(plan.verdict.coverage),
        "status": record.overall_status,
        "results_counted_from": due.counted_from.isoformat() if due else None,
        "results_due": due.due.isoformat() if due else None,
        "results": state,
        "days_overdue": due.days_overdue(today) if due and state == "overdue" else None,
        "verification_due": plan.verification_due.isoformat() if plan.verification_due else None,
        "reasons": " ".join(plan.verdict.reasons),
    }


class PlanWriter:
    """Rows written as they come: CSV with a header, or one JSON object a line."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        self.stream, self.fmt = stream, fmt
        self.csv = csv.DictWriter(stream, COLUMNS, lineterminator="\n") if fmt == "csv" else None
        if self.csv is not None:
            self.csv.writeheader()

    def add(self, row: dict[str, object]) -> None:
        if self.csv is not None:
            self.csv.writerow({key: "" if value is None else value for key, value in row.items()})
        else:
            self.stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def explain(name: str, record: Record, plan: Deadlines, today: date) -> str:
    """A study's coverage, its reasons and its due dates, in a few lines a person reads."""
    verdict = plan.verdict
    lines = [f"{record.nct_id or 'a study without nctId'} ({name}): {verdict.coverage.described()}"]
    lines += [f"  - {reason}" for reason in verdict.reasons]
    lines.append("Results: " + _results_line(plan, today))
    if plan.results is not None and plan.results.certificate is not None:
        late = (
            " (late: after results were due without one)" if plan.results.late_certificate else ""
        )
        lines.append(f"Certificate of delay: submitted {plan.results.certificate}{late}.")
    if plan.verification_due is not None:
        overdue = " (overdue)" if plan.verification_due < today else ""
        lines.append(f"Next verification due: {plan.verification_due}{overdue}.")
    else:
        lines.append(f"Next verification due: none (the study is {record.overall_status}).")
    return "\n".join(lines) + "\n"


def _results_line(plan: Deadlines, today: date) -> str:
    if plan.results_submitted:
        return "submitted."
    due = plan.results
    if due is None:
        return "no primary completion or completion date to count from."
    if not plan.verdict.covered:
        return "not due by law (the study is not covered)."
    if not plan.primary_data_collected and due.overdue(today):
        return (f"due {due.due}, {_counted(due)}; the study is not over and its primary "
                "completion is not ACTUAL: update the status or the dates.")  # fmt: skip
    return f"due {due.due}, {_counted(due)}; {_state(due, today)}."


def _counted(due: ResultsDue) -> str:
    label = "primary completion" if due.struct.startswith("primary") else "completion"
    months = "3 years" if due.certificate is not None else "12 months"
    since = f"{months} after the {label} date {due.completion}"
    if due.defaulted:
        since += f" (a month-only date, counted from its last day, {due.counted_from})"
    return since


def _state(due: ResultsDue, today: date) -> str:
    if due.overdue(today):
        return f"overdue by {due.days_overdue(today)} days on {today}"
    if today > due.due:
        return f"late on {today}, within the 30 days' grace"
    return f"{(due.due - today).days} days left on {today}"
