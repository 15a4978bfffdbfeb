"""Outcome switching as raters judge it (issue 18): each kind of change to a primary outcome,
written by hand, gets the verdict an outcome-switching rater gives it."""

from __future__ import annotations

import pytest

from trialint.diff.outcome_switch import Switch, compare_primary, describe


def outcome(measure: str, time_frame: str | None = None, description: str | None = None) -> dict:
    entry = {"measure": measure}
    if description:
        entry["description"] = description
    if time_frame:
        entry["timeFrame"] = time_frame
    return entry


def verdicts(old: list[dict], new: list[dict], **secondary: list[dict]) -> list[tuple]:
    before = {"primaryOutcomes": old, "secondaryOutcomes": secondary.get("old_secondary", [])}
    after = {"primaryOutcomes": new, "secondaryOutcomes": secondary.get("new_secondary", [])}
    return [(v.switch, v.old, v.new) for v in compare_primary(before, after)]


SAME_OUTCOME = {
    "abbreviation spelled out": (
        [outcome("Systolic BP", "12 weeks")], [outcome("Systolic blood pressure", "Week 12")],
        Switch.REWORDED),
    "abbreviation introduced": (
        [outcome("Overall survival", "5 years")], [outcome("OS", "5 years")], Switch.REWORDED),
    "synonym": (
        [outcome("Side effects", "6 months")], [outcome("Adverse events", "6 months")],
        Switch.REWORDED),
    "word order and stems": (
        [outcome("5 years the progression-free survival rate of the combination of A with B")],
        [outcome("5-year progression-free survival rate of A combined with B")], Switch.REWORDED),
    "a typo fixed": (
        [outcome("Radiation Therapy Oncolgy Group toxicity grade")],
        [outcome("Radiation Therapy Oncology Group toxicity grade")], Switch.REWORDED),
    "a swapped pair fixed": (
        [outcome("Perfromance: ODI", "6 months")], [outcome("Performance: ODI", "6 months")],
        Switch.REWORDED),
    "results style": (
        [outcome("Clinical response at day 10")],
        [outcome("Number of Participants With Clinical Response at Day 10", "Day 10",
                 "Clinical response is the resolution of fever and cough.")],
        Switch.RESULTS_STYLE),
    "results style with the full name of an abbreviation": (
        [outcome("Change in HbA1c", "24 weeks")],
        [outcome("Change From Baseline in Glycated Hemoglobin (HbA1c) at Week 24",
                 "Baseline, Week 24")], Switch.RESULTS_STYLE),
    "a general term made specific": (
        [outcome("Safety", "28 days")],
        [outcome("Number of Participants With Treatment-Emergent Adverse Events", "Up to Day 28")],
        Switch.RESULTS_STYLE),
    "time frame moved out of the title": (
        [outcome("Remission at week 48")], [outcome("Remission", "Week 48")],
        Switch.TIME_FRAME_SPLIT),
    "time frame filled in": (
        [outcome("Remission")], [outcome("Remission", "Week 48")], Switch.TIME_FRAME_SPLIT),
    "time frame reworded, same points": (
        [outcome("Body weight", "baseline and 6 months")],
        [outcome("Body weight", "From baseline to month 6")], Switch.REWORDED),
    "one year is twelve months": (
        [outcome("HbA1c", "1 year")], [outcome("HbA1c", "12 months")], Switch.REWORDED),
    "formatting": (
        [outcome("Pain  (VAS)", "6 weeks")], [outcome("Pain (VAS).", "6 weeks")],
        Switch.FORMATTING),
    "a title that says less of the same outcome": (
        [outcome("To assess the change in negative symptoms by the CGI-SCH among patients "
                 "with schizophrenia, using the digital therapeutic CT-155", "16 weeks")],
        [outcome("Change in negative symptoms by the CGI-SCH", "16 weeks")], Switch.REWORDED),
    "the same definition explained at more length": (
        [outcome("Pain (VAS)", "6 weeks", "Pain on a visual analogue scale.")],
        [outcome("Pain (VAS)", "6 weeks", "Pain on a visual analogue scale from 0 (no pain) to "
                 "10 (worst pain imaginable), rated by the participant each evening.")],
        Switch.REWORDED),
    "a window moved out of the title into the time frame": (
        [outcome("Mean plaque pH during the 60 minute test period")],
        [outcome("Mean plaque pH during the test period", "0-60 minutes")],
        Switch.TIME_FRAME_SPLIT),
    "how long a questionnaire takes is no time point": (
        [outcome("Anxiety score",
                 "Baseline and 5 months, with a completion duration of 15 minutes")],
        [outcome("Anxiety score", "Baseline and month 5")], Switch.REWORDED),
    "a product's code replaced by its name": (
        [outcome("Plasma clearance of BAY1747846", "Up to 8 hours")],
        [outcome("Plasma clearance of gadoquatrane", "Up to 8 hours")], Switch.REWORDED),
    "an abbreviation written out in the description": (
        [outcome("Tumour response", "8 weeks", "Response acc. to RECIST 1.1 by the investigator")],
        [outcome("Tumour response", "8 weeks", "Response according to RECIST 1.1 by the "
                 "investigator")], Switch.REWORDED),
    "a typo fixed where an abbreviation moved": (
        [outcome("Maximum tolerated dose", "90 days", "Rate set at 40% after RTOG (Radiation "
                 "Therapy Oncolgy Group) study 94-10; no DLT in the first 5 patients.")],
        [outcome("Maximum tolerated dose", "90 days", "Rate set at 40% after Radiation Therapy "
                 "Oncology Group (RTOG) study 94-10; no DLT in the first 5 patients.")],
        Switch.REWORDED),
    "a citation dropped from the description": (
        [outcome("Disc height", "24 months", "75% maintenance at 2 years relative to pre-op, "
                 "measured by an independent radiologist (reference: Yorimitsu, Spine 2001).")],
        [outcome("Disc height", "24 months", "75% maintenance at 2 years relative to pre-op, "
                 "measured by an independent radiologist.")],
        Switch.REWORDED),
    "a paragraph rewritten in other words": (
        [outcome("Disease-free survival", "5 years",
                 "Will compare DFS between the two arms. Will be estimated using the "
                 "Kaplan-Meier method. DFS rates at 1, 2 and 5 years will also be reported, "
                 "along with 95% confidence intervals, across the arms of the trial.")],
        [outcome("Disease-free survival", "5 years",
                 "DFS will be compared between the combination arm and the sequential arm. "
                 "Distributions will be estimated with the Kaplan-Meier method; one-, 2- and "
                 "5-year DFS rates with 95% confidence intervals will be reported.")],
        Switch.REWORDED),
    "a statistical test changed in the description": (
        [outcome("Pain", "6 weeks", "compared with Student's t-test, p < 0.05")],
        [outcome("Pain", "6 weeks", "compared with the Mann-Whitney Test, p < 0.01")],
        Switch.REWORDED),
    "presence counted as prevalence": (
        [outcome("Presence of allodynia in patients with migraine", "Day 1")],
        [outcome("Prevalence of Allodynia in Patients With Migraine", "Day 1")],
        Switch.REWORDED),
    "a misspelt counting word corrected, the method named": (
        [outcome("Fusion assesment on CT", "12 months")],
        [outcome("Radiographic fusion assessment on CT", "12 months")], Switch.REWORDED),
    "the writer's pronoun dropped from the description": (
        [outcome("Products manufactured", "28 days",
                 "We will measure the number of products manufactured.")],
        [outcome("Products manufactured", "28 days",
                 "The number of products manufactured was measured.")], Switch.REWORDED),
}  # fmt: skip


@pytest.mark.parametrize("old, new, switch", SAME_OUTCOME.values(), ids=SAME_OUTCOME.keys())
def test_a_rewording_of_the_same_outcome_is_not_a_switch(old, new, switch):
    assert verdicts(old, new) == [(switch, (0,), (0,))]
    assert not switch.substantive


def test_an_entry_split_in_two_with_the_same_content_is_one_group():
    old = [outcome("PHQ-9 and GAD-7 scores", "8 weeks")]
    new = [outcome("PHQ-9 score", "8 weeks"), outcome("GAD-7 score", "8 weeks")]
    assert verdicts(old, new) == [(Switch.SPLIT_MERGE, (0,), (0, 1))]
    assert verdicts(new, old) == [(Switch.SPLIT_MERGE, (0, 1), (0,))]


def test_time_points_spread_over_entries_merged_into_one_are_the_same():
    old = [outcome("ODI", "6 months"), outcome("ODI", "12 months")]
    new = [outcome("ODI", "6 months and 12 months")]
    assert verdicts(old, new) == [(Switch.SPLIT_MERGE, (0, 1), (0,))]


CHANGED_OUTCOME = {
    "another endpoint": (
        [outcome("Overall survival", "5 years")], [outcome("Progression-free survival", "5 years")],
        Switch.INSTRUMENT, (0,), (0,)),
    "another response": (
        [outcome("Overall response rate", "12 weeks")],
        [outcome("Complete response rate", "12 weeks")], Switch.INSTRUMENT, (0,), (0,)),
    "another version of a questionnaire": (
        [outcome("Patient Health Questionnaire (PHQ-9)", "8 weeks")],
        [outcome("Patient Health Questionnaire (PHQ-8)", "8 weeks")],
        Switch.INSTRUMENT, (0,), (0,)),
    "measures added to the title": (
        [outcome("Pain", "6 weeks")],
        [outcome("Pain, physical function and sleep quality", "6 weeks")],
        Switch.INSTRUMENT, (0,), (0,)),
    "another scale, nothing in common": (
        [outcome("Berg Balance Scale", "12 weeks")], [outcome("Timed Up and Go test", "12 weeks")],
        Switch.INSTRUMENT, (0,), (0,)),
    "another instrument in the description": (
        [outcome("Balance", "12 weeks", "Assessed by the Berg Balance Scale (BBS), 0-56")],
        [outcome("Balance", "12 weeks", "Assessed by the Tinetti scale")],
        Switch.DESCRIPTION_INSTRUMENT, (0,), (0,)),
    "another threshold": (
        [outcome("Glycemic control", "24 weeks", "Defined as HbA1c < 7%")],
        [outcome("Glycemic control", "24 weeks", "Defined as HbA1c < 6.5%")],
        Switch.DESCRIPTION_INSTRUMENT, (0,), (0,)),
    "another grade": (
        [outcome("Toxicity", "50 weeks", "grade 2 and higher toxicity rate")],
        [outcome("Toxicity", "50 weeks", "grade 3 and higher toxicity rate")],
        Switch.DESCRIPTION_INSTRUMENT, (0,), (0,)),
    "other numbers in the same words of the description": (
        [outcome("Maximum tolerated dose", "Cycle 1", "The highest dose at which 0/3 or 1/6 "
                 "patients have a dose-limiting toxicity")],
        [outcome("Maximum tolerated dose", "Cycle 1", "The highest dose at which 0/6 or 1/6 "
                 "patients have a dose-limiting toxicity")],
        Switch.DESCRIPTION_INSTRUMENT, (0,), (0,)),
    "a definition rewritten with other content": (
        [outcome("Nocturnal attacks per week", "4 weeks",
                 "Attacks that wake the participant from sleep.")],
        [outcome("Nocturnal attacks per week", "4 weeks",
                 "Attacks with onset between 22:00 and 07:00 on the clock.")],
        Switch.DESCRIPTION_INSTRUMENT, (0,), (0,)),
    "another unit for the same threshold": (
        [outcome("Responders (ODI)", "24 months", "15-point reduction in ODI at 24 months")],
        [outcome("Responders (ODI)", "24 months", "15% reduction in ODI at 24 months")],
        Switch.DESCRIPTION_INSTRUMENT, (0,), (0,)),
    "another assessor in the definition": (
        [outcome("Progression-free survival", "5 years", "Time from the start of treatment to "
                 "progression by central radiographic evaluation per RECIST 1.1 or death.")],
        [outcome("Progression-free survival", "5 years", "Time from the start of treatment to "
                 "progression by investigator assessment per RECIST 1.1 or death.")],
        Switch.DESCRIPTION_INSTRUMENT, (0,), (0,)),
    "another reader of the films": (
        [outcome("Fusion", "12 months", "An independent radiologist will review films to "
                 "determine fusion")],
        [outcome("Fusion", "12 months", "The treating surgeon will review films to determine "
                 "fusion")],
        Switch.DESCRIPTION_INSTRUMENT, (0,), (0,)),
    "a component dropped from a composite": (
        [outcome("Overall response", "28 days", "Overall response including hematologic "
                 "improvement, complete remission and partial remission.")],
        [outcome("Overall response", "28 days", "Overall response including complete "
                 "remission and partial remission.")],
        Switch.DESCRIPTION_INSTRUMENT, (0,), (0,)),
    "a later time point": (
        [outcome("HbA1c", "Week 12")], [outcome("HbA1c", "Week 24")],
        Switch.TIME_POINTS, (0,), (0,)),
    "a longer follow-up": (
        [outcome("Overall survival", "up to 2 years")],
        [outcome("Overall survival", "up to 5 years")],
        Switch.TIME_POINTS, (0,), (0,)),
    "a time point added": (
        [outcome("Weight", "6 months")], [outcome("Weight", "6 and 12 months")],
        Switch.TIME_POINTS, (0,), (0,)),
    "added where there was none": (
        [], [outcome("Safety", "12 weeks")], Switch.ADDED, (), (0,)),
    "removed": (
        [outcome("Pain", "6 weeks"), outcome("Quality of life (SF-36)", "6 weeks")],
        [outcome("Pain", "6 weeks")], Switch.REMOVED, (1,), ()),
}  # fmt: skip


@pytest.mark.parametrize(
    "old, new, switch, before, after", CHANGED_OUTCOME.values(), ids=CHANGED_OUTCOME.keys()
)
def test_a_changed_outcome_is_a_switch(old, new, switch, before, after):
    assert verdicts(old, new) == [(switch, before, after)]
    assert switch.substantive


def test_an_outcome_moved_to_the_secondary_list_and_another_back_are_two_moves():
    pain, function = outcome("Pain", "6 weeks"), outcome("Function (ODI)", "6 weeks")
    assert verdicts([pain], [function], old_secondary=[function], new_secondary=[pain]) == [
        (Switch.MOVED, (0,), ()),
        (Switch.MOVED, (), (0,)),
    ]


def test_the_verdict_names_what_changed():
    [verdict] = compare_primary(
        {"primaryOutcomes": [outcome("HbA1c", "Week 12")]},
        {"primaryOutcomes": [outcome("HbA1c", "Week 24")]},
    )
    assert describe(verdict) == "other time points: week 12 -> week 24"


def test_an_unchanged_list_has_no_verdict_and_broken_entries_are_passed_over():
    same = {"primaryOutcomes": [outcome("Pain", "6 weeks"), "not an entry", {"measure": 3}]}
    assert compare_primary(same, same) == []
    assert compare_primary({"primaryOutcomes": "lost"}, {}) == []
