"""Results (family R): results posted before the study says its primary completion came.

Results are submitted after the primary completion date (42 CFR 11.44: within a year of
it), when the last participant was examined for the primary outcome. A record with results
whose primary completion date is still ESTIMATED, or whose status says it is still
recruiting, contradicts itself: either the results are not what they claim, or the status
and dates were not updated when the study reached its primary completion (42 CFR 11.64
asks for both within 30 days).
"""

from __future__ import annotations

from collections.abc import Iterator

from trialint.lint.checks.results_section import RESULTS
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record
from trialint.registry import ENROLLING_STATUSES
from trialint.rule import Severity, rule, status_module

STATUS = ("protocolSection", "statusModule")
PRIMARY_COMPLETION_TYPE = (*STATUS, "primaryCompletionDateStruct", "type")

_RESULTS = (
    "resultsSection:\n  moreInfoModule:\n    limitationsAndCaveats:\n"
    "      description: Walking was measured at week 12 only.\n"
)
_ONGOING = {
    "overallStatus": "ACTIVE_NOT_RECRUITING",
    "completionDateStruct": "{date: '2025-12-15', type: ESTIMATED}",
}

RESULTS_BEFORE_PRIMARY_COMPLETION = rule(
    "R008", "results-before-primary-completion", Severity.ERROR,
    "A record with results whose primary completion date is ESTIMATED, or whose status "
    "says it is still recruiting (RECRUITING, ENROLLING_BY_INVITATION, NOT_YET_RECRUITING).",
    "Results are due after the primary completion date, 'the date that the final subject "
    "was examined or received an intervention for the purposes of final collection of "
    "data for the primary outcome' (42 CFR 11.10(a), 11.44), and the date becomes ACTUAL, "
    "with the status, within 30 days of it (42 CFR 11.64). Results beside an ESTIMATED "
    "primary completion date, or a recruiting status, are an internal inconsistency "
    "(registry-quality-rules.md 16, RESULTS_WITH_ESTIMATED_PCD, an error; prs-rules.md "
    "F4: hasResults goes with resultsSection). One finding a record: at the status when "
    "it says recruiting, else at the date's type. Corpus: none; the 58 records with "
    "results are COMPLETED, TERMINATED or ACTIVE_NOT_RECRUITING with an ACTUAL primary "
    "completion date.",
    fails=(status_module(**_ONGOING,
                         primaryCompletionDateStruct="{date: '2024-06-30', type: ESTIMATED}")
           + _RESULTS,),
    passes=(status_module(**_ONGOING) + _RESULTS,),
)  # fmt: skip


@check(RESULTS_BEFORE_PRIMARY_COMPLETION)
def results_before_primary_completion(record: Record, context: Context) -> Iterator[Hit]:
    if "resultsSection" not in record.data and record.data.get("hasResults") is not True:
        return
    results = RESULTS if "resultsSection" in record.data else ("hasResults",)
    status = record.overall_status
    estimated = record.date_type("primaryCompletionDateStruct") == "ESTIMATED"
    if status in ENROLLING_STATUSES:
        related = (results, PRIMARY_COMPLETION_TYPE) if estimated else (results,)
        yield Hit(RESULTS_BEFORE_PRIMARY_COMPLETION,
                  f"the record has results but its status is {status}: results come after "
                  "the primary completion; update the status (and the dates), or remove "
                  "the results",
                  (*STATUS, "overallStatus"), related=related)  # fmt: skip
    elif estimated:
        completion = record.date("primaryCompletionDateStruct")
        yield Hit(RESULTS_BEFORE_PRIMARY_COMPLETION,
                  f"the record has results but its primary completion date {completion} is "
                  "ESTIMATED: make it the ACTUAL date the last participant was examined for "
                  "the primary outcome",
                  PRIMARY_COMPLETION_TYPE, related=(results,))  # fmt: skip
