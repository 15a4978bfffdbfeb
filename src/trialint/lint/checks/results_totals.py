"""Results (family R): a baseline whose Total column is not the sum of its groups.

PRS adds the Total column of the baseline characteristics itself, from the numbers entered
for each arm or group, so a registered record always agrees with itself. A record kept by
hand (edited in YAML before it is submitted, or imported and then corrected) can lose that
agreement: a participant moved from one group to another and counted in both, or a group's
number corrected and the total left as it was. Either way a reader cannot know how many
people the baseline describes; the total is the first number a results reviewer checks
against the participant flow and the enrollment.
"""

from __future__ import annotations

from collections.abc import Iterator

from trialint.lint.checks.results_section import BASELINE, count, results_module
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str, dicts
from trialint.rule import Severity, rule

_BASELINE = (
    "resultsSection:\n  baselineCharacteristicsModule:\n    groups:\n"
    "      - {{id: BG000, title: Exercise}}\n      - {{id: BG001, title: Usual Care}}\n"
    "      - {{id: BG002, title: Total, description: Total of all reporting groups}}\n"
    "    denoms:\n      - units: Participants\n        counts:\n"
    "          - {{groupId: BG000, value: '50'}}\n          - {{groupId: BG001, value: '52'}}\n"
    "          - {{groupId: BG002, value: '{total}'}}\n"
)

BASELINE_TOTAL_NOT_THE_SUM = rule(
    "R012", "baseline-total-not-the-sum", Severity.ERROR,
    "A baseline whose Total group counts another number of participants than its groups "
    "add up to (the Overall Number of Baseline Participants).",
    "The Results Data Element Definitions describe the Total column of the baseline "
    "characteristics as the sum over the arms or groups, which PRS computes itself; every "
    "one of the corpus's 46 records with a Total agrees with it. A Total that differs is a "
    "record edited by hand: more participants in the groups than in the total counts some "
    "of them twice (the issue's 'participants counted twice across groups'), fewer leaves "
    "some out. Only the number of participants is compared: other units (eyes, lesions) "
    "may be counted otherwise.",
    fails=(_BASELINE.format(total="100"),),
    passes=(_BASELINE.format(total="102"),),
)  # fmt: skip

_TOTAL = "total"


@check(BASELINE_TOTAL_NOT_THE_SUM)
def baseline_total_not_the_sum(record: Record, context: Context) -> Iterator[Hit]:
    baseline = results_module(record, "baselineCharacteristicsModule")
    totals = {
        as_str(group.get("id"))
        for _, group in dicts(baseline.get("groups"))
        if (as_str(group.get("title")) or "").strip().casefold() == _TOTAL
    }
    if len(totals) != 1:
        return
    for denom_index, denom in dicts(baseline.get("denoms")):
        if (as_str(denom.get("units")) or "").strip().casefold() != "participants":
            continue
        total_at, total, groups = None, None, []
        for index, entry in dicts(denom.get("counts")):
            number = count(entry.get("value"))
            if number is None:
                return  # a count not written as a number is another rule's matter
            if as_str(entry.get("groupId")) in totals:
                total_at, total = index, number
            else:
                groups.append(number)
        if total_at is None or not groups or sum(groups) == total:
            continue
        summed = sum(groups)
        why = ("some participants are counted in two groups" if summed > (total or 0)
               else "some participants are in no group")  # fmt: skip
        yield Hit(BASELINE_TOTAL_NOT_THE_SUM,
                  f"the baseline's Total counts {total} participants but its groups add up "
                  f"to {summed}: {why}, or the total was not corrected",
                  (*BASELINE, "denoms", denom_index, "counts", total_at, "value"))  # fmt: skip
