"""FDAAA TrialsTracker's rules for which trials the law covers, and when their results are due,
written down one test each with the source quoted; then the classifier on every corpus record
that states its FDA regulation.

Sources: [FTT] DeVito, Bacon, Goldacre, "FDAAA TrialsTracker: a live informatics tool to
monitor compliance with FDA requirements to report clinical trial results", bioRxiv 266452;
[#61], [#67], [#104], [#183]: the tracker's public issue threads
(github.com/ebmdatalab/clinicaltrials-act-tracker); [RQ]: registry-quality-rules.md section 0;
[CFR]: 42 CFR 11.22, 11.44.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from datetime import date

import pytest

from trialint.document.yaml12 import parse_yaml
from trialint.lint.coverage import Coverage, classify
from trialint.lint.deadlines import deadlines, results_due
from trialint.lint.record import Record

from conftest import GOOD_RECORD, SHARED, needs_shared

GOOD = parse_yaml(GOOD_RECORD.read_bytes()).documents[0]


def trial(
    *,
    start: str = "2021-02-01",
    primary: str | None = "2023-06-30",
    completion: str = "2023-12-15",
    drug: bool | None = True,
    device: bool | None = False,
    phases: tuple[str, ...] = ("PHASE3",),
    purpose: str = "TREATMENT",
    intervention: str = "DRUG",
    country: str = "France",
    status: str = "COMPLETED",
    study_type: str = "INTERVENTIONAL",
    **extra: object,
) -> Record:
    """The good record with these facts (None: the field is not given)."""
    data = copy.deepcopy(GOOD)
    protocol = data["protocolSection"]
    module = protocol["statusModule"]
    module["overallStatus"] = status
    module["startDateStruct"] = {"date": start, "type": "ACTUAL"}
    module["completionDateStruct"] = {"date": completion, "type": "ACTUAL"}
    if primary is None:
        module.pop("primaryCompletionDateStruct")
    else:
        module["primaryCompletionDateStruct"] = {"date": primary, "type": "ACTUAL"}
    module.update(extra)
    oversight = protocol.setdefault("oversightModule", {})
    for key, value in (("isFdaRegulatedDrug", drug), ("isFdaRegulatedDevice", device)):
        oversight.pop(key, None)
        if value is not None:
            oversight[key] = value
    protocol["designModule"]["studyType"] = study_type
    protocol["designModule"]["phases"] = list(phases)
    protocol["designModule"]["designInfo"]["primaryPurpose"] = purpose
    protocol["armsInterventionsModule"]["interventions"][0]["type"] = intervention
    protocol["contactsLocationsModule"]["locations"] = [
        {"facility": "Site", "city": "Somewhere", "country": country}
    ]
    return Record(data)


# --- ACT ---------------------------------------------------------------------------------------


def test_an_act_is_an_fda_regulated_trial_started_since_the_final_rule():
    """[#61], the tracker's ACT query: "study_type = 'Interventional' AND (fda_reg_drug =
    'Yes' OR fda_reg_device = 'Yes') AND (phase = 'Phase 1/Phase 2' OR phase = 'Phase 2' OR
    Phase = 'Phase 2/Phase 3' or phase = 'Phase 3' or phase = 'Phase 4' or phase = 'N/A') AND
    (primary_purpose <> 'Device Feasibility')" with a start on or after 2017-01-18. No US site
    is asked for: the FDA-regulated flags say it."""
    verdict = classify(trial(start="2017-01-18"))
    assert verdict.coverage is Coverage.ACT
    assert verdict.reasons == (
        "It is an interventional trial, not phase 1 alone nor a device feasibility study.",
        "It studies an FDA-regulated drug (oversightModule).",
        "It started on or after 2017-01-18 (2017-01-18).",
    )
    assert classify(trial(drug=False, device=True, phases=("NA",))).coverage is Coverage.ACT


@pytest.mark.parametrize("phases", [("PHASE1",), ("EARLY_PHASE1",)])
def test_phase_1_alone_is_not_covered(phases):
    """[#61]: the phases counted are 1/2, 2, 2/3, 3, 4 and N/A; [CFR] 11.22(b)(1) leaves out
    phase 1 drug trials."""
    verdict = classify(trial(phases=phases))
    assert verdict.coverage is Coverage.NOT_COVERED
    assert verdict.reasons == (
        f"It is a phase 1 trial ({phases[0]}), which 42 CFR 11.22(b) leaves out.",
    )
    assert classify(trial(phases=("PHASE1", "PHASE2"))).coverage is Coverage.ACT


def test_a_device_feasibility_study_is_not_covered():
    """[#61]: "primary_purpose <> 'Device Feasibility'"."""
    verdict = classify(trial(drug=False, device=True, purpose="DEVICE_FEASIBILITY"))
    assert verdict.reasons == (
        "It is a device feasibility study, which 42 CFR 11.22(b) leaves out.",
    )


def test_observational_and_withdrawn_studies_are_not_covered():
    """[#61]: "study_type = 'Interventional'"; [RQ]: an ACT is "not withdrawn"."""
    assert classify(trial(study_type="OBSERVATIONAL")).reasons == (
        "It is not an interventional study (observational).",
    )
    assert classify(trial(status="WITHDRAWN")).reasons == (
        "It was withdrawn before enrolling anyone.",
    )


def test_a_trial_started_since_the_rule_without_the_fda_flags_is_not_an_act():
    """[#61]: an ACT needs fda_reg_drug or fda_reg_device 'Yes'; the record must say it."""
    verdict = classify(trial(drug=None, device=None, country="United States"))
    assert verdict.coverage is Coverage.NOT_COVERED
    assert verdict.reasons[-1] == (
        "The record does not say that it studies an FDA-regulated drug or device."
    )


def test_a_record_that_says_no_fda_product_is_not_covered():
    """[CFR] 11.22(b): an applicable trial studies an FDA-regulated drug or device; both flags
    'No' is the sponsor saying it does not, whatever its sites."""
    verdict = classify(trial(drug=False, device=False, country="United States"))
    assert verdict.reasons == ("The record says it studies no FDA-regulated drug or device.",)


# --- pACT --------------------------------------------------------------------------------------

OLDER = {"start": "2015-04-01", "primary": "2017-06-30", "completion": "2017-09-30"}


def test_a_pact_started_before_the_rule_and_ran_past_it_with_a_us_site():
    """[FTT] blog 2019: "Trials that began before, but end after the FDAAA 2007 final rule in
    January 2017 (called probable applicable clinical trials, or pACTs)"; [RQ]: "an older
    trial still running on 2017-01-18 with a US or US-territory site" whose intervention is of
    a covered type."""
    verdict = classify(trial(**OLDER, drug=None, device=None, country="Puerto Rico"))
    assert verdict.coverage is Coverage.PACT
    assert verdict.reasons == (
        "It is an interventional trial, not phase 1 alone nor a device feasibility study.",
        "It studies a drug intervention.",
        "It has a site in Puerto Rico.",
        "It started before 2017-01-18 (2015-04-01).",
        "Its primary completion (2017-06-30) is on or after 2017-01-18: it was still running.",
    )


def test_a_pact_may_say_its_product_is_fda_regulated_instead_of_a_us_site():
    """[#183]: "If these fields are present and 'Yes' we now include them even if they lack
    an explicit US location"."""
    verdict = classify(trial(**OLDER, drug=True, country="Canada"))
    assert verdict.coverage is Coverage.PACT
    assert "It studies an FDA-regulated drug (oversightModule)." in verdict.reasons
    neither = classify(trial(**OLDER, drug=None, device=None, country="Canada"))
    assert neither.coverage is Coverage.NOT_COVERED


def test_a_pact_studies_an_intervention_of_a_kind_the_fda_regulates():
    """[FTT]: pACTs are trials of a drug, device, biological, genetic, radiation, combination
    product or diagnostic test intervention; a behavioural trial is not one."""
    verdict = classify(trial(**OLDER, drug=None, device=None, intervention="BEHAVIORAL",
                             country="United States"))  # fmt: skip
    assert verdict.coverage is Coverage.NOT_COVERED
    assert verdict.reasons[-1].startswith("None of its interventions is of a kind the FDA")


def test_a_trial_that_ended_before_the_rule_is_not_tracked():
    """[#67]: "All pACTs and ACTs relevant to our tracker will have completion dates on or
    after January 18, 2017"; the tracker uses the primary completion date, or the completion
    date when there is none (its available_completion_date)."""
    ended = classify(trial(start="2013-04", primary="2016-12", completion="2017-03",
                           country="United States"))  # fmt: skip
    assert ended.reasons[-1] == (
        "Its primary completion (2016-12) came before 2017-01-18: it was not running when 42 "
        "CFR 11 took effect."
    )
    no_primary = classify(trial(start="2013-04", primary=None, completion="2017-03",
                                country="United States"))  # fmt: skip
    assert no_primary.coverage is Coverage.PACT


def test_a_trial_that_ended_before_fdaaa_covered_anything_is_outside_it():
    """[RQ] section 0 and the PRS: FDAAA 801 covers trials whose primary completion is after
    2007-12-25."""
    verdict = classify(trial(start="2004-04", primary="2007-11", completion="2008-03",
                             country="United States"))  # fmt: skip
    assert verdict.reasons[-1] == (
        "Its primary completion (2007-11) came before 2007-12-26, outside FDAAA 801."
    )


# --- due dates ---------------------------------------------------------------------------------


def test_results_are_due_a_year_after_primary_completion_and_late_30_days_on():
    """[RQ]: "Results due: PCD ... + 1 yr + 30 days < today"; [CFR] 11.44(a): 12 months."""
    due = results_due(trial())
    assert due is not None
    assert (due.due, due.overdue(date(2024, 7, 30)), due.overdue(date(2024, 7, 31))) == (
        date(2024, 6, 30), False, True,
    )  # fmt: skip
    assert due.days_overdue(date(2024, 7, 31)) == 31  # counted from the deadline, as [RQ]


def test_a_month_only_date_counts_from_the_months_last_day():
    """[RQ]: "a month-only date becomes the last day of that month" (the tracker's
    defaulted_date)."""
    due = results_due(trial(primary="2024-02"))
    assert due is not None
    assert (due.counted_from, due.defaulted, due.due) == (
        date(2024, 2, 29), True, date(2025, 2, 28),
    )  # fmt: skip


def test_a_certificate_of_delay_gives_three_years():
    """[#104]: "the effective due date is the completion date plus three years? -- Yes";
    the certificate is the record's statusModule.dispFirstSubmitDate (9 corpus records, all
    there)."""
    due = results_due(trial(dispFirstSubmitDate="2024-03-01"))
    assert due is not None
    assert (due.due, due.late_certificate) == (date(2026, 6, 30), False)


def test_a_certificate_after_the_first_deadline_is_late_but_still_counted():
    """[RQ] rule 14: "Certificate submitted more than 1 yr after the PCD" ([FTT] late_cert);
    the tracker still grants the three years."""
    due = results_due(trial(dispFirstSubmitDate="2024-07-01"))
    assert due is not None
    assert (due.due, due.late_certificate) == (date(2026, 6, 30), True)


def test_the_next_verification_is_due_12_months_after_the_last():
    """[CFR] 11.64(a)(1)(ii): verify at least every 12 months until the study is over."""
    running = trial(status="RECRUITING", statusVerifiedDate="2024-03")
    assert deadlines(running).verification_due == date(2025, 3, 31)
    assert deadlines(trial(statusVerifiedDate="2024-03")).verification_due is None


# --- the corpus --------------------------------------------------------------------------------


@needs_shared
def test_every_corpus_record_that_states_its_fda_regulation():
    """686 of the 837 API v2 records give isFdaRegulatedDrug or isFdaRegulatedDevice. Read by
    hand: the 4 pACTs (NCT01515527, NCT02397473, NCT02964338 started 2017-01-17,
    NCT03119584; FDA-regulated drugs running past 2017-01-18) and 12 ACTs at random, each
    interventional, not phase 1, FDA-regulated, started since 2017-01-18."""
    verdicts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for path in sorted((SHARED / "corpus" / "ctgov-v2").glob("*.json")):
        record = Record(json.loads(path.read_text(encoding="utf-8")))
        oversight = record.module("oversightModule")
        if "isFdaRegulatedDrug" not in oversight and "isFdaRegulatedDevice" not in oversight:
            continue
        verdict = classify(record)
        verdicts[str(verdict.coverage)] += 1
        if not verdict.covered:
            reasons[verdict.reasons[-1].split(" (")[0]] += 1
    assert verdicts == {"ACT": 142, "pACT": 4, "not covered": 540}
    assert reasons == {
        "The record says it studies no FDA-regulated drug or device.": 325,
        "It is not an interventional study": 158,
        "It is a phase 1 trial": 42,
        "It was withdrawn before enrolling anyone.": 8,
        "It is a device feasibility study, which 42 CFR 11.22(b) leaves out.": 6,
        "Its primary completion": 1,
    }


def test_a_month_only_start_counts_from_the_months_first_day():
    """A start of "2017-01" is read as a date parser reads "January 2017", its first day:
    such records (NCT02753764 in the corpus) lack the final rule's FDA fields, as trials
    started before it may."""
    verdict = classify(trial(start="2017-01", primary="2018-06-30", completion="2018-12-31",
                             drug=None, device=None, country="United States"))  # fmt: skip
    assert verdict.coverage is Coverage.PACT
    assert "It started before 2017-01-18 (2017-01)." in verdict.reasons
