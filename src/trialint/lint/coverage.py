"""Which studies the law covers: FDAAA 801 and 42 CFR 11 applicable clinical trials, judged
from the record as FDAAA TrialsTracker judges them, and the law's facts in one place.

The registry does not publish whether a trial is an applicable clinical trial (ACT), so the
verdict is read from the fields the final rule added (``oversightModule``) and, for older
trials, from what TrialsTracker calls a *probable* ACT (pACT). The tests quote the rules with
their sources (``tests/test_coverage.py``); the verdict is a small value, with the reasons a
user reads in ``trialint explain-study`` and in the results rules (D023, D028).

Sources: DeVito, Bacon, Goldacre, *FDAAA TrialsTracker* (bioRxiv 266452; Lancet 2020) and
its public issue threads (ebmdatalab/clinicaltrials-act-tracker #61, #67, #93, #104, #183);
42 CFR 11.22 (which trials), 11.44 (results due), 11.64 (updates); registry-quality-rules.md
section 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from trialint.lint.record import FDAAA, FINAL_RULE, Record, dicts, per_record
from trialint.partialdate import PartialDate
from trialint.registry import FDA_PRODUCT_TYPES

# --- the law's facts -------------------------------------------------------------------------
# FINAL_RULE (2017-01-18, 42 CFR 11 in effect) and FDAAA (2007-09-27, enactment) live in
# lint.record, which every family reads; they are named here too so the law reads in one place.
FINAL_RULE_EFFECTIVE = FINAL_RULE
FDAAA_ENACTED = FDAAA
# Trials ongoing on FDAAA's enactment were covered unless they reached primary completion
# before this day (FDAAA 801(c); PRS "FDAAA 801 problems": a pACT's primary completion is
# after 2007-12-25).
FDAAA_COVERS_FROM = date(2007, 12, 26)
RESULTS_MONTHS = 12  # 42 CFR 11.44(a): results within 12 months of primary completion
CERTIFIED_RESULTS_MONTHS = 36  # 11.44(b), (c): up to 2 more years with a certification
GRACE_DAYS = 30  # TrialsTracker counts a trial due 30 days after the legal deadline
VERIFY_MONTHS = 12  # 11.64(a)(1)(ii): verify the record at least every 12 months
# TrialsTracker's pACT: a site in the United States or one of its territories (the registry's
# country names; PR #183 of the tracker corrected 'Virgin Islands (U.S.)').
US_COUNTRIES = frozenset({
    "United States", "Puerto Rico", "Guam", "Virgin Islands (U.S.)", "American Samoa",
    "Northern Mariana Islands",
})  # fmt: skip
# 42 CFR 11.22(b)(1): a phase 1 drug trial is not an applicable drug clinical trial.
PHASE_ONE_ONLY = (frozenset({"PHASE1"}), frozenset({"EARLY_PHASE1"}),
                  frozenset({"EARLY_PHASE1", "PHASE1"}))  # fmt: skip
DEVICE_FEASIBILITY = "DEVICE_FEASIBILITY"  # 11.22(b)(2): a device feasibility study is not


class Coverage(Enum):
    ACT = "ACT"
    PACT = "pACT"
    NOT_COVERED = "not covered"

    def __str__(self) -> str:
        return self.value

    def described(self) -> str:
        """The verdict in words, for messages."""
        return _DESCRIBED[self]


_DESCRIBED = {
    Coverage.ACT: "an applicable clinical trial (ACT)",
    Coverage.PACT: "a probable applicable clinical trial (pACT)",
    Coverage.NOT_COVERED: "not an applicable clinical trial",
}


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether the law covers a study, and why (each reason a short sentence)."""

    coverage: Coverage
    reasons: tuple[str, ...]

    @property
    def covered(self) -> bool:
        return self.coverage is not Coverage.NOT_COVERED

    def why(self) -> str:
        """The reasons as one clause, for a finding's message."""
        return "; ".join(reason[0].lower() + reason[1:].rstrip(".") for reason in self.reasons)


def day_of(partial: PartialDate) -> date:
    """The day a registry date stands for in the law's arithmetic: a month-only (or year-only)
    date counts from its last day, as TrialsTracker counts it (its ``defaulted_date``)."""
    return partial.last_day()


def available_completion(record: Record) -> tuple[str, PartialDate] | None:
    """The primary completion date, or the completion date when there is none (TrialsTracker's
    ``available_completion_date``), with the struct it came from."""
    for struct in ("primaryCompletionDateStruct", "completionDateStruct"):
        day = record.date(struct)
        if day is not None:
            return struct, day
    return None


@per_record
def classify(record: Record) -> Verdict:
    """The study's coverage, by TrialsTracker's rules: first what excludes any trial, then an
    ACT (started on or after 2017-01-18, an FDA-regulated drug or device), else a pACT (started
    before, still running on 2017-01-18, an intervention of a kind the FDA regulates, and a US
    site or an FDA-regulated product)."""
    excluded = _excluded(record)
    if excluded is not None:
        return Verdict(Coverage.NOT_COVERED, (excluded,))
    start = record.date("startDateStruct")
    if start is None:
        return Verdict(Coverage.NOT_COVERED, ("The record gives no start date.",))
    product = _fda_product(record)
    # A month-only start counts from the month's first day, as a date parser reads "January
    # 2017": such a record was most often registered before the final rule's fields existed.
    if start.first_day() >= FINAL_RULE_EFFECTIVE:
        return _as_act(start, product)
    return _as_pact(record, start, product)


def _excluded(record: Record) -> str | None:
    """Why no rule can make the study an ACT or a pACT, or None."""
    if record.study_type != "INTERVENTIONAL":
        kind = (record.study_type or "no study type").lower().replace("_", " ")
        return f"It is not an interventional study ({kind})."
    if record.overall_status == "WITHDRAWN":
        return "It was withdrawn before enrolling anyone."
    phases = frozenset(record.phases)
    if not phases:
        return "It gives no phase (TrialsTracker counts phase 1/2 to 4 and N/A)."
    if phases in PHASE_ONE_ONLY:
        shown = "/".join(sorted(phases))
        return f"It is a phase 1 trial ({shown}), which 42 CFR 11.22(b) leaves out."
    if record.design_info.get("primaryPurpose") == DEVICE_FEASIBILITY:
        return "It is a device feasibility study, which 42 CFR 11.22(b) leaves out."
    oversight = record.module("oversightModule")
    said = (oversight.get("isFdaRegulatedDrug"), oversight.get("isFdaRegulatedDevice"))
    if said == (False, False):
        return "The record says it studies no FDA-regulated drug or device."
    return None


def _fda_product(record: Record) -> str | None:
    """'drug', 'device' or 'drug and device' when the record says the product is FDA-regulated."""
    oversight = record.module("oversightModule")
    kinds = [
        kind
        for kind, key in (("drug", "isFdaRegulatedDrug"), ("device", "isFdaRegulatedDevice"))
        if oversight.get(key) is True
    ]
    return " and ".join(kinds) or None


def _as_act(start: PartialDate, product: str | None) -> Verdict:
    started = f"It started on or after 2017-01-18 ({start})."
    if product is None:
        return Verdict(Coverage.NOT_COVERED, (
            started, "The record does not say that it studies an FDA-regulated drug or device.",
        ))  # fmt: skip
    return Verdict(Coverage.ACT, (
        "It is an interventional trial, not phase 1 alone nor a device feasibility study.",
        f"It studies an FDA-regulated {product} (oversightModule).", started,
    ))  # fmt: skip


def _as_pact(record: Record, start: PartialDate, product: str | None) -> Verdict:
    started = f"It started before 2017-01-18 ({start})."
    ended = available_completion(record)
    if ended is None:
        return Verdict(Coverage.NOT_COVERED, (
            started, "The record gives no primary completion or completion date.",
        ))  # fmt: skip
    struct, end = ended
    label = "primary completion" if struct.startswith("primary") else "completion"
    if day_of(end) < FDAAA_COVERS_FROM:
        return Verdict(Coverage.NOT_COVERED, (
            started, f"Its {label} ({end}) came before 2007-12-26, outside FDAAA 801.",
        ))  # fmt: skip
    if day_of(end) < FINAL_RULE_EFFECTIVE:
        return Verdict(Coverage.NOT_COVERED, (
            started, f"Its {label} ({end}) came before 2017-01-18: it was not running when "
            "42 CFR 11 took effect.",
        ))  # fmt: skip
    types = sorted({
        kind for _, intervention in record.interventions
        if (kind := intervention.get("type")) in FDA_PRODUCT_TYPES
    })  # fmt: skip
    if not types:
        return Verdict(Coverage.NOT_COVERED, (
            started, "None of its interventions is of a kind the FDA regulates (drug, device, "
            "biological, genetic, radiation, combination product, diagnostic test).",
        ))  # fmt: skip
    where = _us_site(record)
    if where is None and product is None:
        return Verdict(Coverage.NOT_COVERED, (
            started, "It has no site in the United States or its territories, and the record "
            "does not say that it studies an FDA-regulated drug or device.",
        ))  # fmt: skip
    site = (f"It has a site in {'the United States' if where == 'United States' else where}."
            if where else f"It studies an FDA-regulated {product} (oversightModule).")  # fmt: skip
    return Verdict(Coverage.PACT, (
        "It is an interventional trial, not phase 1 alone nor a device feasibility study.",
        f"It studies a {', '.join(t.lower().replace('_', ' ') for t in types)} intervention.",
        site, started, f"Its {label} ({end}) is on or after 2017-01-18: it was still running.",
    ))  # fmt: skip


def _us_site(record: Record) -> str | None:
    """The first country of the United States or its territories among the locations."""
    for _, location in dicts(record.contacts.get("locations")):
        country = location.get("country")
        if isinstance(country, str) and country in US_COUNTRIES:
            return country
    return None
