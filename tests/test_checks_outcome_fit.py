"""Family O, module outcome_fit: a primary time frame that is only a baseline (O019), a time
frame too short for the measure (O020), a title that numbers or pairs its measures (O021), back
and leg pain as one outcome (O025), on the good record mutated: exact code, pointer, line and
message."""

from __future__ import annotations

import pytest

from trialint.lint.checks.outcome_fit import (
    dlt_window,
    marked_measures,
    only_baseline,
    other_time,
    pain_sites,
    paired_pain,
    subgroup_of,
    too_short,
)

from conftest import corpus_hits, mutate, needs_shared, position_of

OUTCOMES = "/protocolSection/outcomesModule"
PRIMARY_FRAME = "        timeFrame: Baseline and week 12\n"
SECONDARY = ("      - measure: Knee pain on a 0-10 numeric rating scale\n"
             "        timeFrame: Baseline and week 12\n")  # fmt: skip
CODES = ("O019", "O020", "O021", "O022", "O023", "O024", "O025")


def _found(lint_text, text: str) -> list[tuple[str, str, int, str]]:
    return [(f.rule.code, f.pointer, f.line, f.message)
            for f in lint_text(text).findings if f.rule.code in CODES]  # fmt: skip


def test_a_primary_time_frame_that_is_only_a_baseline(lint_text):
    text = mutate((PRIMARY_FRAME, "        timeFrame: Pre-treatment\n"))
    assert _found(lint_text, text) == [(
        "O019", f"{OUTCOMES}/primaryOutcomes/0/timeFrame",
        position_of(text, "timeFrame: Pre-treatment")[0],
        "time frame 'Pre-treatment' of primary outcome 1 ('Six-minute walk distance') is only a "
        "baseline, before the intervention: give the time after it that is compared with the "
        "baseline ('Baseline and week 12')",
    )]  # fmt: skip


def test_a_baseline_only_secondary_or_observational_outcome_is_not_judged(lint_text):
    secondary = mutate((SECONDARY, SECONDARY.replace("Baseline and week 12", "Baseline")))
    assert _found(lint_text, secondary) == []
    observational = mutate(
        ("    studyType: INTERVENTIONAL\n", "    studyType: OBSERVATIONAL\n"),
        (PRIMARY_FRAME, "        timeFrame: Baseline\n"),
    )
    assert [code for code, *_ in _found(lint_text, observational)] == []


@pytest.mark.parametrize(
    ("time_frame", "expected"),
    [
        ("Baseline", True), ("Pre-treatment", True), ("before treatment", True),
        ("At the baseline visit", True), ("Pre-operative", True), ("preoperatively", True),
        ("Baseline and week 12", False), ("Baseline to 3 months", False),
        ("Screening", False), ("At enrolment", False), ("Day 1", False), ("", False),
    ],
)  # fmt: skip
def test_only_baseline(time_frame, expected):
    assert only_baseline(time_frame) is expected


def test_a_survival_endpoint_over_one_cycle(lint_text):
    text = mutate(
        (
            SECONDARY,
            "      - measure: Overall survival (OS)\n"
            "        timeFrame: At the end of Cycle 1 (28 days)\n",
        )
    )
    found = lint_text(text).findings
    [finding] = [f for f in found if f.rule.code in CODES]
    assert (finding.rule.code, finding.pointer, [r.pointer for r in finding.related]) == (
        "O020", f"{OUTCOMES}/secondaryOutcomes/0/timeFrame",
        [f"{OUTCOMES}/secondaryOutcomes/0/measure"],
    )  # fmt: skip
    assert finding.line == position_of(text, "timeFrame: At the end")[0]
    assert finding.message == (
        "time frame 'At the end of Cycle 1 (28 days)' of secondary outcome 1 ('Overall "
        "survival (OS)') is too short for a survival endpoint, followed until the event: give "
        "the period over which it is assessed"
    )


@pytest.mark.parametrize(
    ("measure", "time_frame", "expected"),
    [
        ("Disease-Free Survival (DFS)", "Day 21", "survival"),
        ("PFS", "Repeat visits 8-12 weeks and 12 weeks after baseline", "survival"),
        ("Change in HbA1c", "1 week", "HbA1c"),
        ("Glycated haemoglobin", "4 weeks", "HbA1c"),
        # a rate at a fixed time, a time frame until the event or on a schedule, a long one
        ("12-week progression-free survival rate", "Week 12", None),
        ("Overall survival at 3 months", "3 months", None),
        ("Progression-free survival", "Every 8 weeks until progression", None),
        ("Overall survival", "Up to 2 months", None),
        ("Overall survival", "2 years", None),
        ("Change in HbA1c", "12 weeks", None),
        ("Haemoglobin", "1 week", None),
        ("Dose of drug X", "1 week", None),  # 'os' in a word is not OS
        ("Overall survival", "Through study completion", None),  # names no time: O003's
    ],
)  # fmt: skip
def test_too_short(measure, time_frame, expected):
    found = too_short(measure, time_frame)
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found


def test_a_title_that_numbers_its_measures(lint_text):
    title = "(i) mouth opening in mm, (ii) pain on a 0-10 scale, (iii) daily activities"
    text = mutate(("      - measure: Six-minute walk distance\n", f"      - measure: {title}\n"))
    assert _found(lint_text, text) == [(
        "O021", f"{OUTCOMES}/primaryOutcomes/0/measure",
        position_of(text, "measure: (i)")[0],
        "the title of primary outcome 1 ('(i) mouth opening in mm, (ii) pain on a 0-10 scale, "
        "(iii) d…') numbers its measures: list each measure as an outcome of its own",
    )]  # fmt: skip


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("(i) mouth opening and (ii) pain", "numbers"),
        ("a) sensitivity, b) specificity", "numbers"),
        ("Need for additional surgery and time-to-surgery", "pairs"),
        ("Hospitalization and time to hospitalization", "pairs"),
        ("Time to surgery and time to discharge", None),  # O007's list, not a pair
        ("Time to recovery", None),
        ("Pain (VAS) and function (ODI)", None),
        ("Cough (i.e. frequency) and sputum", None),
        ("Vitamin D (ng/mL)", None),
    ],
)  # fmt: skip
def test_marked_measures(measure, expected):
    found = marked_measures(measure)
    assert (found if found is None else found.split()[0]) == expected


def test_neck_and_arm_pain_as_one_outcome(lint_text):
    text = mutate(
        (
            "      - measure: Knee pain on a 0-10 numeric rating scale\n",
            "      - measure: Neck and arm pain\n",
        )
    )
    assert _found(lint_text, text) == [(
        "O025", f"{OUTCOMES}/secondaryOutcomes/0/measure",
        position_of(text, "measure: Neck and arm pain")[0],
        "the title of secondary outcome 1 ('Neck and arm pain') makes one outcome of neck pain "
        "and arm pain, which are rated apart: list each as an outcome of its own",
    )]  # fmt: skip


def test_back_and_leg_pain_in_the_description_of_a_vas(lint_text):
    text = mutate(("      - measure: Knee pain on a 0-10 numeric rating scale\n",
                   "      - measure: Visual analogue scale (VAS)\n"
                   "        description: VAS for back pain and leg pain, 0 to 10 (worst)\n"),
                  )  # fmt: skip
    found = [f for f in lint_text(text).findings if f.rule.code == "O025"]
    assert [(f.pointer, f.line, [r.pointer for r in f.related]) for f in found] == [(
        f"{OUTCOMES}/secondaryOutcomes/0/description",
        position_of(text, "description: VAS for back")[0],
        [f"{OUTCOMES}/secondaryOutcomes/0/measure"],
    )]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Neck and Arm Pain Measurement", "neck pain and arm pain"),
        ("Leg and Back Pain Improvement", "leg pain and back pain"),
        ("Difference in low back & leg pain", "low back pain and leg pain"),
        ("VAS of neck pain and radiating arm pain", "neck pain and arm pain"),
        ("Changes in Lower Back Pain or Leg Pain Assessed by NRS", "lower back pain and leg pain"),
        ("Back/legs pain", "back pain and leg pain"),
        ("Number of participants with new back or leg pain", None),  # one event
        ("Oswestry Disability Index for back and leg pain", None),  # one score
        ("Neck and shoulder pain", None),  # one region
        ("Back pain", None), ("Leg length", None),
    ],
)  # fmt: skip
def test_paired_pain(text, expected):
    assert paired_pain(text) == expected


@pytest.mark.parametrize(
    ("measure", "description", "expected"),
    [
        ("Neck and arm pain", "", ("measure", "neck pain and arm pain")),
        ("VAS", "Patient neck and arm pain reported on a VAS",
         ("description", "neck pain and arm pain")),
        ("Pain intensity", "Back and leg pain on a 0-10 NRS",
         ("description", "back pain and leg pain")),
        ("Back pain (VAS)", "Back and leg pain on a 0-10 VAS", None),  # the title names one
        ("Whether pain has recurred", "Low back pain, leg pain or neck pain recurred", None),
        ("Hospital stay, back and leg pain and reflex deficit", "", None),  # O007's list
    ],
)  # fmt: skip
def test_pain_sites(measure, description, expected):
    assert pain_sites(measure, description) == expected


def test_a_dlt_time_frame_past_the_window(lint_text):
    text = mutate((
        SECONDARY,
        "      - measure: Number of participants with dose-limiting toxicities\n"
        "        description: DLTs in Cycle 1 (28 days).\n"
        "        timeFrame: Up to 2 years\n",
    ))  # fmt: skip
    [finding] = [f for f in lint_text(text).findings if f.rule.code in CODES]
    assert (finding.rule.code, finding.pointer, [r.pointer for r in finding.related]) == (
        "O022", f"{OUTCOMES}/secondaryOutcomes/0/timeFrame",
        [f"{OUTCOMES}/secondaryOutcomes/0/description"],
    )  # fmt: skip
    assert finding.line == position_of(text, "timeFrame: Up to 2 years")[0]
    assert finding.message == (
        "time frame 'Up to 2 years' of secondary outcome 1 ('Number of participants with "
        "dose-limiting toxicities') runs past the DLT window its description names ('Cycle "
        "1'): give the window as the time frame"
    )


@pytest.mark.parametrize(
    ("measure", "description", "time_frame", "expected"),
    [
        ("DLT", "Adverse events from the first day to the 28th day of treatment.", "2 years",
         "28th day"),
        ("MTD", "The highest dose with DLTs in 0/6 patients during course 1.", "3 years",
         "course 1"),
        ("Adverse events", "DLTs within 21 days after infusion.", "Up to 12 months",
         "within 21 days after"),
        ("DLT", "DLTs in Cycle 1.", "Cycle 1 (28 days)", None),  # the window itself
        ("DLT", "DLTs in the first 2 cycles.", "Up to 6 months", None),  # not past 6 months
        ("MTD", "The highest dose with DLTs in 0/6 patients.", "3 years", None),  # no window
        ("Adverse events", "Adverse events in cycle 1.", "2 years", None),  # not a DLT
    ],
)  # fmt: skip
def test_dlt_window(measure, description, time_frame, expected):
    assert dlt_window(measure, description, time_frame) == expected


def test_a_description_at_another_time(lint_text):
    text = mutate((
        SECONDARY,
        "      - measure: 2-year PFS rate\n"
        "        description: The PFS rate at 1 year, by Kaplan-Meier.\n"
        "        timeFrame: 2 years\n",
    ))  # fmt: skip
    [finding] = [f for f in lint_text(text).findings if f.rule.code in CODES]
    assert (finding.rule.code, finding.pointer, [r.pointer for r in finding.related]) == (
        "O023", f"{OUTCOMES}/secondaryOutcomes/0/description",
        [f"{OUTCOMES}/secondaryOutcomes/0/measure"],
    )  # fmt: skip
    assert finding.line == position_of(text, "description: The PFS rate")[0]
    assert finding.message == (
        "the title of secondary outcome 1 ('2-year PFS rate') gives the time 2 years, its "
        "description the same words with 1 year: say one time in both"
    )


@pytest.mark.parametrize(
    ("measure", "description", "expected"),
    [
        ("Revision surgery by month 12", "Revision surgery by month 24, for failure.",
         ("12 months", "24 months")),
        ("Remission after treatment with drug X for 6 months, 12 months",
         "Remission after treatment with drug X for 9 months, 12months.",
         ("6 months", "9 months")),
        ("1-year overall survival", "Overall survival at 2 years.", ("1 year", "2 years")),
        # the title's time named too, a context of fillers only, no time in the title
        ("Revision surgery by month 12", "Revision surgery by month 6 and month 12.", None),
        ("Pain at 12 weeks", "Pain on a 0-10 scale at 6 weeks and at 12 weeks.", None),
        ("Change in pain at 12 weeks", "Measured at 6 weeks.", None),
        ("Change in pain", "Pain at 4 weeks.", None),
        ("2-year PFS rate", "PFS rate at 2 years.", None),
    ],
)  # fmt: skip
def test_other_time(measure, description, expected):
    assert other_time(measure, description) == expected


def test_a_subgroup_listed_as_an_outcome(lint_text):
    text = mutate((
        SECONDARY,
        SECONDARY + "      - measure: Knee pain on a 0-10 numeric rating scale, by sex\n"
        "        timeFrame: Baseline and week 12\n",
    ))  # fmt: skip
    assert _found(lint_text, text) == [(
        "O024", f"{OUTCOMES}/secondaryOutcomes/1/measure",
        position_of(text, "measure: Knee pain on a 0-10 numeric rating scale, by")[0],
        "secondary outcome 2 ('Knee pain on a 0-10 numeric rating scale, by sex') splits "
        "secondary outcome 1 by sex: report the subgroups as categories of that outcome",
    )]  # fmt: skip


def test_a_subgroup_of_no_other_outcome_is_not_reported(lint_text):
    text = mutate((SECONDARY, SECONDARY.replace("scale\n", "scale by sex\n")))
    assert _found(lint_text, text) == []


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("Time to Recovery by Race", ("Time to Recovery", "race")),
        ("Pain by age group", ("Pain", "age")),
        ("Pain according to sex.", ("Pain", "sex")),
        ("Percentage of Participants by Participant Sex", ("Percentage of Participants", "sex")),
        ("Race", None), ("by race", None), ("Pain in women by race and sex", None),
        ("Pain to sex", None), ("Number of participants with sex", None),
    ],
)  # fmt: skip
def test_subgroup_of(measure, expected):
    assert subgroup_of(measure) == expected


@needs_shared
def test_outcome_fit_in_the_corpus():
    # Read (held-out sample set aside): O019 the baselines of measures also listed at later
    # times; O020 DFS at day 21, OS at the end of cycle 1, PFS and OS at visits, HbA1c over
    # 1 week; O021 a title numbered (i)-(iv), four 'need for X and time to X'.
    # O022 DLTs or the MTD in cycle 1, course 1 or the first 28 days, over 2 to 4 years.
    # O024 'Time to Recovery' by race, by ethnicity, by sex.
    # O023 'by month 12' described 'by month 24' (2), '2-year PFS rate' as 'at 1 year', 'for 6
    # months' as 'for 9 months'.
    # O025 23 outcomes in 21 records, each neck and arm or back and leg pain as one outcome (20
    # in the title, 3 in the description of a title 'VAS' or 'Visual analogue score'), and 1
    # in the held-out sample, not read.
    assert corpus_hits("outcome_fit") == {
        "O019": 6, "O020": 6, "O021": 5, "O022": 6, "O023": 4, "O024": 3, "O025": 24,
    }  # fmt: skip
