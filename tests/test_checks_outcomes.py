"""Family O (outcome measures) on the good record mutated: exact code, line, column, pointer and
message, legacy records, and records that break the schema."""

from __future__ import annotations

import re
from functools import partial

import pytest

from trialint.lint.checks import outcomes, scales
from trialint.lint.checks.outcomes import (
    listed_time_points,
    measures_listed,
    non_specific_title,
    objective_lead,
    panel_measures,
    title_key,
    vague_time_frame,
)
from trialint.lint.checks.scales import named_scale, undescribed_scale

from conftest import (
    GOOD_TEXT,
    REPO,
    corpus_hits,
    family_findings,
    mutate,
    needs_shared,
    no_failure,
    only_family_finding,
    position_of,
)

GOOD = GOOD_TEXT
OUTCOMES = "/protocolSection/outcomesModule"
PRIMARY = "      - measure: Six-minute walk distance\n"
PRIMARY_FRAME = "        timeFrame: Baseline and week 12\n"
FOLLOWED_FRAME = "        timeFrame: Up to week 12\n"  # fits survival endpoints too
SECONDARY = "      - measure: Knee pain on a 0-10 numeric rating scale\n"
MODULE = GOOD[GOOD.index("  outcomesModule:") : GOOD.index("  eligibilityModule:")]
SUBMITTED = '    studyFirstSubmitDate: "2020-12-01"\n'


family = partial(family_findings, prefix="O")
one = partial(only_family_finding, prefix="O")


def test_the_good_record_has_no_family_o_finding(lint_text):
    assert family(lint_text, GOOD) == []


# --- O001 missing-primary-outcome ---------------------------------------------------------


def test_study_without_outcomes_module(lint_text):
    text = mutate((MODULE, ""))
    finding = one(lint_text, text)
    assert finding.rule.code == "O001"
    assert finding.level == "error"
    assert (finding.line, finding.column) == (2, 1)  # protocolSection's key: the parent
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes"
    assert finding.message == (
        "an interventional study needs at least one primary outcome measure (a title and a time "
        "frame)"
    )


def test_study_with_only_secondary_outcomes(lint_text):
    primary = MODULE[MODULE.index("    primaryOutcomes:") : MODULE.index("    secondaryOutcomes:")]
    text = mutate((primary, ""))
    finding = one(lint_text, text)
    assert finding.rule.code == "O001"
    assert (finding.line, finding.column) == position_of(text, "outcomesModule:")
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes"


def test_empty_primary_outcome_list(lint_text):
    primary = MODULE[MODULE.index("    primaryOutcomes:") : MODULE.index("    secondaryOutcomes:")]
    text = mutate((primary, "    primaryOutcomes: []\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O001"
    assert (finding.line, finding.column) == position_of(text, "[]")


def test_observational_studies_are_not_asked_for_a_primary_outcome(lint_text):
    design = GOOD[GOOD.index("    studyType: INTERVENTIONAL") : GOOD.index("    enrollmentInfo:")]
    text = mutate((MODULE, ""), (design, "    studyType: OBSERVATIONAL\n"))
    assert family(lint_text, text) == []


def test_records_from_before_fdaaa_are_history_reported_for_information(lint_text):
    text = mutate((MODULE, ""), (SUBMITTED, '    studyFirstSubmitDate: "2005-09-12"\n'))
    finding = one(lint_text, text)
    assert finding.rule.code == "O010"
    assert finding.level == "info"
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes"
    assert finding.message == (
        "this record, first submitted before FDAAA 801 (2007-09-27), gives no primary outcome "
        "measure; the registry accepts it as it is"
    )
    after = mutate((MODULE, ""), (SUBMITTED, '    studyFirstSubmitDate: "2007-09-27"\n'))
    assert [f.rule.code for f in family(lint_text, after)] == ["O001"]


def test_records_without_a_submit_date_are_checked(lint_text):
    # The bundled seed records do not show it: they are the true findings of this rule.
    text = mutate((MODULE, ""), (SUBMITTED, ""))
    assert [f.rule.code for f in family(lint_text, text)] == ["O001"]


# --- O002 missing-time-frame --------------------------------------------------------------


def test_outcome_without_time_frame_points_at_the_outcome(lint_text):
    text = mutate((PRIMARY_FRAME, ""))
    finding = one(lint_text, text)
    assert finding.rule.code == "O002"
    assert finding.level == "error"
    assert (finding.line, finding.column) == position_of(text, "measure: Six-minute")
    assert (finding.line, finding.column) == (84, 9)
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/0/timeFrame"
    assert finding.message == (
        "primary outcome 'Six-minute walk distance' has no time frame; say when it is measured "
        "(e.g. 'baseline and week 12')"
    )


def test_empty_time_frame_points_at_it(lint_text):
    old = "        timeFrame: Baseline and week 12\n"
    text = GOOD.replace(old, "        timeFrame: '  '\n")
    findings = family(lint_text, text)
    assert [f.rule.code for f in findings] == ["O002", "O002"]
    second = findings[1]
    assert (second.line, second.column) == position_of(text, "'  '", 2)
    assert second.pointer == f"{OUTCOMES}/secondaryOutcomes/0/timeFrame"
    assert second.message == (
        "secondary outcome 'Knee pain on a 0-10 numeric rating scale' has an empty time frame; "
        "say when it is measured (e.g. 'baseline and week 12')"
    )


def test_long_titles_are_shortened_and_missing_titles_numbered(lint_text):
    long = "Distance walked in six minutes on a flat 30-metre corridor, with encouragement"
    text = mutate((PRIMARY, f"      - measure: {long}\n"), (PRIMARY_FRAME, ""))
    assert one(lint_text, text).message.startswith(
        "primary outcome 'Distance walked in six minutes on a flat 30-metre corridor,…' has no"
    )
    untitled = mutate((PRIMARY, "      - description: Distance walked.\n"), (PRIMARY_FRAME, ""))
    result = lint_text(untitled)
    assert result.errors == []
    mine = [f.message for f in result.findings if f.rule.code == "O002"]
    assert mine == [
        "primary outcome 1 has no time frame; say when it is measured (e.g. 'baseline and week 12')"
    ]


def test_legacy_outcomes_without_time_frames_are_reported_for_information(lint_text):
    text = mutate((PRIMARY_FRAME, ""), (SUBMITTED, '    studyFirstSubmitDate: "2006-01-10"\n'))
    finding = one(lint_text, text)
    assert finding.rule.code == "O011"
    assert finding.level == "info"
    assert (finding.line, finding.column) == position_of(text, "measure: Six-minute")
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/0/timeFrame"
    assert finding.message == (
        "primary outcome 'Six-minute walk distance' has no time frame; the registry accepts it "
        "in a record first submitted before FDAAA 801 (2007-09-27)"
    )


def test_observational_legacy_records_are_not_asked_for_a_primary_outcome(lint_text):
    design = GOOD[GOOD.index("    studyType: INTERVENTIONAL") : GOOD.index("    enrollmentInfo:")]
    text = mutate((MODULE, ""), (design, "    studyType: OBSERVATIONAL\n"),
                  (SUBMITTED, '    studyFirstSubmitDate: "2005-09-12"\n'))  # fmt: skip
    assert family(lint_text, text) == []


# --- O003 vague-time-frame ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "reason"),
    [
        ("End of study", "does not say when; give the time point or period (e.g. 'up to 24 "
         "months')"),
        ("Throughout the study", "does not say when; give the time point or period (e.g. 'up "
         "to 24 months')"),
        ("Post-intervention", "does not say when; give the time point or period (e.g. 'up to "
         "24 months')"),
        ("Through study completion", "does not say when; give the time point or period (e.g. "
         "'up to 24 months')"),
        ("'12'", "is only a number; give its unit and time point (e.g. 'week 12')"),
        ("2023-2024", "is only a number; give its unit and time point (e.g. 'week 12')"),
        ("Visit 1", "names a visit, not when it happens; give the time (e.g. 'day 28 (visit "
         "2)')"),
        ("visits 1 and 3", "names a visit, not when it happens; give the time (e.g. 'day 28 "
         "(visit 2)')"),
        ("'-'", "is a placeholder; give the time point or period (e.g. 'week 12')"),
        ("1. month", "is an ordinal ('1. month'), which English readers do not read as a "
         "time; write it with its reference point (e.g. 'month 1 after treatment')"),
    ],
)  # fmt: skip
def test_vague_time_frames(lint_text, frame, reason):
    text = mutate((PRIMARY_FRAME, f"        timeFrame: {frame}\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O003"
    assert finding.level == "warning"
    line, column = position_of(text, f"timeFrame: {frame}")
    assert (finding.line, finding.column) == (line, column + len("timeFrame: "))
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/0/timeFrame"
    assert finding.message == (
        f"time frame {frame.strip(chr(39))!r} of primary outcome 'Six-minute walk distance' "
        f"{reason}"
    )


@pytest.mark.parametrize(
    "frame",
    [
        "Baseline", "Week 12", "Day 1", "Screening", "During surgery", "Hospital discharge",
        "End of study (week 52)", "Through study completion, an average of 1 year",
        "Throughout study, 24 months", "Two years follow up after being recruited",
        "Post-Intervention (approximately one week after completing intervention)",
        "Baseline to immediately after the intervention", "Visit 8 (after 26 weeks)",
        "Pre-treatment", "at one year", "3.5 months", "1 month",
    ],
)  # fmt: skip
def test_time_frames_that_say_when(frame):
    assert vague_time_frame(frame) is None


# --- O004 non-specific-outcome-title, O005 outcome-title-as-objective ---------------------


def test_non_specific_title(lint_text):
    text = mutate((PRIMARY, "      - measure: Safety and tolerability\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O004"
    assert finding.level == "warning"
    assert (finding.line, finding.column) == (84, 18)
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/0/measure"
    assert finding.message == (
        "primary outcome title 'Safety and tolerability' names no measure; say what is measured "
        "(e.g. 'Number of participants with treatment-related adverse events')"
    )


@pytest.mark.parametrize(
    ("title", "generic"),
    [
        ("Safety", True), ("Efficacy", True), ("Feasibility 2", True), ("Satisfaction", True),
        ("Primary Outcome", True), ("Phase II - Safety", True), ("Drug safety", True),
        ("Clinical outcomes", True), ("Overall satisfaction", True), ("Tolerability", True),
        ("Safety : Observation of at least one adverse effect", False),
        ("Patient satisfaction", False), ("Glucose tolerance", False),
        ("Number of participants with adverse events", False), ("Outcome", True),
        ("Efficacy : Rate of complete or almost complete reepithelialisation", False),
        # a kind of event with no measure of it
        ("Adverse events", True), ("Serious adverse events (SAEs)", True), ("Safety: SAE", True),
        ("Incidence of adverse events", False), ("Number of serious adverse events", False),
        ("Performance", True), ("Six-minute walk performance", False),
    ],
)  # fmt: skip
def test_which_titles_are_non_specific(title, generic):
    assert non_specific_title(title) is generic


@pytest.mark.parametrize(
    ("title", "generic"),
    [("Supervised exercise training safety", True), ("Effectiveness of exercise training", True),
     ("Exercise training adherence", False)],
)  # fmt: skip
def test_the_studys_own_product_and_a_quality_name_no_measure(lint_text, title, generic):
    text = mutate((PRIMARY, f"      - measure: {title}\n"))
    codes = [f.rule.code for f in family(lint_text, text)]
    assert codes == (["O004"] if generic else [])


@pytest.mark.parametrize(
    ("title", "generic"),
    [("Genotyping", True), ("Physical examination", True), ("MRI", True),
     ("Blood samples", True), ("Inclinometer", True), ("Physical measurements", True),
     ("Chest X-ray", False), ("Infarct volume on MRI", False),
     ("Lumbar flexion range of motion by inclinometer, in degrees", False),
     ("Number of participants with a CYP2C19 variant on genotyping", False)],
)  # fmt: skip
def test_a_procedure_or_instrument_names_no_measure(lint_text, title, generic):
    text = mutate((PRIMARY, f"      - measure: {title}\n"))
    found = [(f.rule.code, f.message) for f in family(lint_text, text)]
    assert found == ([("O004", f"primary outcome title {title!r} names no measure; say what "
                               "is measured (e.g. 'Infarct volume on MRI, in mL')")]
                     if generic else [])  # fmt: skip


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Adverse events will be evaluated", "will be evaluated"),
        ("Knee pain will be assessed on a 0-10 scale", "will be assessed"),
        ("Knee pain as assessed on a 0-10 scale", None),
        ("Number of times a rescue medication was used", None),  # a clause of the measure
    ],
)
def test_a_title_that_says_what_will_be_done(lint_text, title, words):
    text = mutate((SECONDARY, f"      - measure: {title}\n"))
    found = [(f.column, f.message) for f in family(lint_text, text) if f.rule.code == "O005"]
    assert found == ([] if words is None else [(
        position_of(text, words)[1],
        f"secondary outcome title {title!r} is a sentence of what will be done ({words!r}); "
        "name the measure itself",
    )])  # fmt: skip


def test_title_written_as_an_objective(lint_text):
    text = mutate((SECONDARY, "      - measure: To evaluate the change in knee pain\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O005"
    assert finding.level == "info"
    assert (finding.line, finding.column) == position_of(text, "To evaluate")
    assert (finding.span.end_line, finding.span.end_column) == (88, 29)  # 'To evaluate'
    assert finding.pointer == f"{OUTCOMES}/secondaryOutcomes/0/measure"
    assert finding.message == (
        "secondary outcome title 'To evaluate the change in knee pain' is an objective; name "
        "the measure itself"
    )


def test_an_objective_that_names_no_measure_is_non_specific(lint_text):
    text = mutate((PRIMARY, "      - measure: To assess the safety and efficacy\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O004"
    assert finding.message == (
        "primary outcome title 'To assess the safety and efficacy' names no measure; say what is "
        "measured (e.g. 'Number of participants with treatment-related adverse events')"
    )


def test_titles_that_only_begin_like_an_objective(lint_text):
    titles = ("Total knee flexion in degrees", "Time to walk 10 metres", "Toe flexion strength")
    for title in titles:
        assert family(lint_text, mutate((PRIMARY, f"      - measure: {title}\n"))) == [], title


@pytest.mark.parametrize(
    ("title", "lead", "what"),
    [
        ("Evaluate whether knee pain improves", "Evaluate", "an objective"),
        ("Assess the effect of exercise on pain", "Assess", "an objective"),
        ("Compare pain severity using a visual analogue scale", "Compare", "an objective"),
        ("Measure the distance walked", "Measure", "an objective"),
        ("The primary objective is to compare knee pain", "The primary objective is to compare",
         "a sentence"),
        ("Primary endpoint is to see whether they are fast glycators",
         "Primary endpoint is to see", "a sentence"),
        ("The main outcome of the Example Study is to determine acceptability",
         "The main outcome of the Example Study is to determine", "a sentence"),
        ("The study is designed to collect blood", "The study is", "a sentence"),
        ("Effect of meditation on the gut microbiome", "Effect of meditation on",
         "the effect looked for"),
        ("Impact of rifaximin on gut microbial diversity", "Impact of rifaximin on",
         "the effect looked for"),
        ("The influence of age on knee pain", "The influence of age on",
         "the effect looked for"),
    ],
)  # fmt: skip
def test_objectives_and_sentences(title, lead, what):
    found = objective_lead(title)
    assert found is not None
    start, end, kind = found
    assert (title[start:end].strip(), kind) == (lead, what)


@pytest.mark.parametrize(
    "title",
    [
        "Assessment of knee pain", "Evaluation of the pain level", "Measure of disability",
        "Estimate of blood loss", "Objective response rate (ORR)", "Study visits completed",
        "Comparison of image quality", "Determination of serum ferritin", "Testosterone",
        "Primary outcome", "Time to walk 10 metres", "Effects on pain", "Effective rate",
        "Impact of Event Scale-Revised (IES-R) score", "Time on treatment",
    ],
)  # fmt: skip
def test_titles_that_name_a_measure_are_not_objectives(title):
    assert objective_lead(title) is None


def test_title_written_as_a_sentence(lint_text):
    title = "The primary objective is to compare knee pain"
    text = mutate((SECONDARY, f"      - measure: {title}\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O005"
    assert (finding.line, finding.column) == position_of(text, "The primary")
    assert (finding.span.end_line, finding.span.end_column) == (88, 53)  # '... is to compare'
    assert finding.message == (
        "secondary outcome title 'The primary objective is to compare knee pain' is a sentence; "
        "name the measure itself"
    )


def test_imperative_objective_that_names_no_measure_is_non_specific(lint_text):
    text = mutate((PRIMARY, "      - measure: Evaluate safety and tolerability\n"))
    assert one(lint_text, text).rule.code == "O004"


# --- O006 duplicate-outcome ---------------------------------------------------------------


def test_same_measure_as_primary_and_secondary(lint_text):
    text = mutate((SECONDARY, "      - measure: six-minute walk distances.\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O006"
    assert finding.level == "warning"
    assert (finding.line, finding.column) == position_of(text, "six-minute walk distances.")
    assert finding.pointer == f"{OUTCOMES}/secondaryOutcomes/0/measure"
    assert [r.pointer for r in finding.related] == [f"{OUTCOMES}/primaryOutcomes/0/measure"]
    assert finding.message == (
        "secondary outcome 'six-minute walk distances.' is also primary outcome 1, measured at "
        "the same time; list it once, as primary or as secondary"
    )


def test_same_measure_listed_twice_in_one_list(lint_text):
    second = (
        "      - measure: The Six-minute walk distance\n        timeFrame: Baseline and week 12\n"
    )
    text = mutate((PRIMARY_FRAME, PRIMARY_FRAME + second))
    finding = one(lint_text, text)
    assert finding.rule.code == "O006"
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/1/measure"
    assert finding.message == (
        "primary outcome 'The Six-minute walk distance' repeats primary outcome 1, measured at "
        "the same time; list it once"
    )


def test_same_title_with_another_description(lint_text):
    other = ("      - measure: Six-minute walk distance\n"
             "        description: Heart rate at the end of the walk.\n"
             "        timeFrame: Baseline and week 12\n")  # fmt: skip
    text = mutate((PRIMARY_FRAME, PRIMARY_FRAME + other))
    assert one(lint_text, text).message == (
        "primary outcome 'Six-minute walk distance' has the title of primary outcome 1, "
        "measured at the same time, and another description; name in each title what it "
        "measures"
    )


@pytest.mark.parametrize(
    ("frame", "reported"),
    [
        ("Week 12", True),  # among the primary's "Baseline and week 12"
        ("Week 26", False),  # the same measure at another time point: an outcome of its own
        ("Weeks 4-12", False),  # a range: its time points say nothing of what it covers
        ("Up to week 12", False),
    ],
)
def test_the_same_measure_at_other_times_is_another_outcome(lint_text, frame, reported):
    secondary = SECONDARY + "        timeFrame: Baseline and week 12\n"
    text = mutate(
        (secondary, f"      - measure: Six-minute walk distance\n        timeFrame: {frame}\n")
    )
    assert [f.rule.code for f in family(lint_text, text)] == (["O006"] if reported else [])


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Six-minute walk distance", "six minute walk distances.", True),
        ("Difference in incidence of injection", "The difference in incidence of injections", True),
        ("Pain at week 12", "Pain", True),  # the time frame repeated in the title
        ("Height", "Weight", False),
        ("HDL cholesterol", "LDL cholesterol", False),
        ("Change in PSQI", "Change in PSQI-A", False),
        ("Average concentration of Aβ40", "Average concentration of Aβ42", False),
        ("Fitness class", "Fitness", False),
    ],
)
def test_which_titles_are_the_same(first, second, same):
    assert (title_key(first, "Week 12") == title_key(second, "Week 12")) is same


# --- O007 several-measures-in-outcome -----------------------------------------------------


def test_several_measures_in_one_outcome(lint_text):
    text = mutate((PRIMARY, "      - measure: BMI; waist circumference; HbA1c\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O007"
    assert finding.level == "info"
    assert (finding.line, finding.column) == position_of(text, "BMI;")
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/0/measure"
    assert finding.message == (
        "primary outcome title 'BMI; waist circumference; HbA1c' lists 3 measures; list each as "
        "an outcome of its own, with its time frame"
    )


@pytest.mark.parametrize(
    ("title", "items"),
    [
        ("BMI; waist circumference; HbA1c", ["BMI", "waist circumference", "HbA1c"]),
        ("Depression, anxiety, and stress levels", ["Depression", "anxiety", "stress levels"]),
        ("CNS ORR, CNS DOR, CNS PFS", ["CNS ORR", "CNS DOR", "CNS PFS"]),
        ("Systolic and diastolic and mean arterial pressure",
         ["Systolic", "diastolic", "mean arterial pressure"]),
        ("Score of MIDAS, HIT-6, and CHIQ (questionnaires)", ["Score of MIDAS", "HIT-6", "CHIQ"]),
        # the last item's own acronym: no name the list spells
        ("Heart rate, blood pressure and brain natriuretic peptide (BNP)",
         ["Heart rate", "blood pressure", "brain natriuretic peptide"]),
    ],
)  # fmt: skip
def test_lists_of_measures(title, items):
    assert measures_listed(title) == items


@pytest.mark.parametrize(
    "title",
    [
        "Safety and tolerability",  # two: too often one construct
        "Removal, revision, or supplemental fixation",  # 'or': one composite event
        "Number of participants with nausea, vomiting and headache",  # explains one count
        "Adverse events, including nausea, vomiting and headache",
        "Six-minute walk distance at weeks 4, 8, and 12",  # times
        "Re-epithelialization rate at D5, D10 and D15",
        "Usability of the Empowered, Queer, Quitting, and Living (EQQUAL) program",  # a name
        "Disabilities of the Arm, Shoulder and Hand",
        "Diagnoses from combined pre- and post-contrast MRI and unenhanced MRI",
        "Oswestry Disability Index 0% lowest, no disability to 100% disabled, bedridden",
        "Pain (at rest, on walking, and at night)",  # inside brackets
    ],
)
def test_titles_that_name_one_measure(title):
    assert measures_listed(title) == []


@pytest.mark.parametrize(
    ("text", "panel"),
    [
        ("Total cholesterol, LDL-C, HDL-C and triglycerides", ("lipid", 4)),
        ("Standard liver panel (ALT, AST, GGT, ALP)", ("liver", 4)),
        ("LDL cholesterol", None),
        ("ALT and AST", None),  # two: too few to be sure
        ("Lipid profile", None),
    ],
)
def test_analytes_of_a_laboratory_panel(text, panel):
    assert panel_measures(text) == panel


def test_a_panel_named_in_the_description_holds_several_measures(lint_text):
    text = mutate((SECONDARY, "      - measure: Lipid profile\n"
                               "        description: Total cholesterol, LDL, HDL and "
                               "triglycerides, in mmol/L\n"))  # fmt: skip
    [finding] = [f for f in family(lint_text, text) if f.rule.code == "O007"]
    assert (finding.pointer, [r.pointer for r in finding.related]) == (
        "/protocolSection/outcomesModule/secondaryOutcomes/0/description",
        ["/protocolSection/outcomesModule/secondaryOutcomes/0/measure"],
    )
    assert finding.message == (
        "secondary outcome 'Lipid profile' names 4 measures of the lipid panel in one outcome; "
        "list each as an outcome of its own, with its unit and time frame"
    )
    counted = text.replace("measure: Lipid profile", "measure: Number of participants with "
                           "abnormal lipids")  # fmt: skip
    assert [f for f in family(lint_text, counted) if f.rule.code == "O007"] == []


# --- O008 primary-time-frame-several-points -----------------------------------------------


def test_primary_time_frame_with_several_points(lint_text):
    frame = "Baseline, 3 months, 6 months and 12 months"
    text = mutate((PRIMARY_FRAME, f"        timeFrame: {frame}\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O008"
    assert finding.level == "info"
    line, column = position_of(text, f"timeFrame: {frame}")
    assert (finding.line, finding.column) == (line, column + len("timeFrame: "))
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/0/timeFrame"
    assert finding.message == (
        "time frame 'Baseline, 3 months, 6 months and 12 months' of primary outcome 'Six-minute "
        "walk distance' lists several time points; name the primary one, or say the outcome is "
        "the change between them"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (PRIMARY_FRAME, "        timeFrame: Every month up to 12 months\n"),
        (PRIMARY_FRAME, "        timeFrame: Baseline and week 12\n"),
        (PRIMARY_FRAME, "        timeFrame: Baseline, 3, 6 and 12 months, primary at 12 months\n"),
        ("        description: Distance walked in six minutes, in metres.\n",
         "        description: Area under the curve of the distance walked at the visits.\n"),
    ],
)  # fmt: skip
def test_primary_time_frames_that_are_a_change_or_a_period(lint_text, old, new):
    frame = "        timeFrame: Baseline, 3 months, 6 months and 12 months\n"
    text = mutate((PRIMARY_FRAME, frame), (old if old != PRIMARY_FRAME else frame, new))
    assert family(lint_text, text) == []


def test_a_change_from_baseline_to_several_time_points_names_no_primary_one(lint_text):
    frame = "        timeFrame: Baseline, 3 months, 6 months and 12 months\n"
    text = mutate(
        (PRIMARY_FRAME, frame), (PRIMARY, "      - measure: Change in six-minute walk distance\n")
    )
    assert [f.rule.code for f in family(lint_text, text)] == ["O008"]


def test_secondary_time_frames_may_list_several_points(lint_text):
    frame = "        timeFrame: Baseline, 3 months, 6 months and 12 months\n"
    secondary = SECONDARY + "        timeFrame: Baseline and week 12\n"
    assert family(lint_text, mutate((secondary, SECONDARY + frame))) == []


@pytest.mark.parametrize(
    ("frame", "points"),
    [
        ("Baseline, 3 months, 12 months", 3), ("Week 1, 2, 3 and 4", 4),
        ("Baseline (day 0) and day 30", 2), ("at 6 and 12 months", 2), ("Week 12", 1),
        ("0, 4 and 8 week", 3), ("Measured at 0, 3, 6, and 12 months", 4),
    ],
)  # fmt: skip
def test_listed_time_points(frame, points):
    assert listed_time_points(frame) == points


@pytest.mark.parametrize(
    ("frame", "reported"),
    [
        ("12 months and 24 months", True), ("6 and 12 months", True),
        ("Week 12 and Week 24", True), ("Day 7, day 28", True),
        ("5 years and 2 months", False), ("Day 1 to week 12", False),
        ("Baseline and week 12", False), ("From 6 to 12 months", False), ("12 months", False),
    ],
)  # fmt: skip
def test_two_primary_time_points_of_one_unit(lint_text, frame, reported):
    text = mutate((PRIMARY_FRAME, f"        timeFrame: {frame}\n"))
    codes = [f.rule.code for f in family(lint_text, text) if f.rule.code == "O008"]
    assert codes == (["O008"] if reported else [])


# --- O009 scale-acronym-undescribed -------------------------------------------------------


def test_scale_named_only_by_its_acronym(lint_text):
    text = mutate((SECONDARY, "      - measure: VAS pain at rest\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O009"
    assert finding.level == "info"
    assert (finding.line, finding.column) == position_of(text, "VAS pain")
    assert finding.pointer == f"{OUTCOMES}/secondaryOutcomes/0/measure"
    assert finding.message == (
        "secondary outcome 'VAS pain at rest' names the scale VAS only by its acronym; give its "
        "full name, its range and which direction is better"
    )
    assert finding.related == ()  # no description to relate


def test_a_scale_acronym_only_in_the_description(lint_text):
    text = mutate((
        SECONDARY,
        "      - measure: Change in treatment satisfaction\n"
        "        description: Change in overall treatment satisfaction (DTSQ score).\n",
    ))  # fmt: skip
    finding = one(lint_text, text)
    assert (finding.rule.code, finding.pointer) == (
        "O009",
        f"{OUTCOMES}/secondaryOutcomes/0/description",
    )
    assert finding.message == (
        "secondary outcome 'Change in treatment satisfaction' names the scale DTSQ in its "
        "description only by its acronym; give its full name, its range and which direction "
        "is better"
    )


def test_a_scale_acronym_relates_the_description_its_range_belongs_in(lint_text):
    text = mutate((
        SECONDARY,
        "      - measure: VAS pain at rest\n"
        "        description: Pain at rest, asked by the nurse.\n",
    ))  # fmt: skip
    finding = one(lint_text, text)
    assert finding.rule.code == "O009"
    assert [(other.pointer, other.span.line) for other in finding.related] == [
        (f"{OUTCOMES}/secondaryOutcomes/0/description", position_of(text, "Pain at rest,")[0])
    ]


@pytest.mark.parametrize(
    ("measure", "description", "acronym"),
    [
        ("VAS pain at rest", "", "VAS"),
        ("Percentage achieving SCORing Atopic Dermatitis (SCORAD) 75", "", None),  # in full
        ("Change in PHQ-9", "Depression questionnaire", "PHQ-9"),
        ("Quality of life (SF-36)", "", "SF-36"),
        ("VAS pain at rest", "0 = no pain, 10 = worst pain imaginable", None),
        ("VAS pain at rest", "Higher scores mean more pain", None),
        ("Pain on a 0-10 VAS", "", None),
        ("Visual analogue scale (VAS) for pain", "", None),  # named in full
        ("Japanese Orthopedics Association (JOA) score", "", None),  # spelled out before it
        ("Oxygen desaturation index (ODI)", "", None),  # another scale of the same letters
        ("Change in ODI", "Oswestry Disability Index", None),
        ("vas deferens diameter", "", None),  # not the acronym
        ("SF-36 PCS", "", "SF-36"),
    ],
)
def test_which_scales_are_undescribed(measure, description, acronym):
    assert undescribed_scale(measure, description) == acronym


# --- O017 time-frame-longer-than-study -----------------------------------------------------


def test_time_frame_longer_than_the_whole_study(lint_text):
    frame = "From randomization to death, up to 5 years"
    text = mutate((PRIMARY_FRAME, f"        timeFrame: {frame}\n"))
    finding = one(lint_text, text)
    assert (finding.rule.code, finding.level) == ("O017", "warning")
    assert (finding.line, finding.column) == position_of(text, frame)
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/0/timeFrame"
    assert finding.message == (
        "time frame 'From randomization to death, up to 5 years' of primary outcome 'Six-minute "
        "walk distance' reaches 60 months, but the study runs 34 months, from 2021-02-01 to "
        "2023-12-15: correct the time frame or the dates"
    )


@pytest.mark.parametrize(
    ("frame", "change"),
    [
        ("Up to 40 months", None),  # within 6 months of the study's 34
        ("Week 12", None),
        ("Up to 5 years", ("    overallStatus: COMPLETED\n", "    overallStatus: TERMINATED\n")),
        ("Up to 5 years", ("    studyType: INTERVENTIONAL\n", "    studyType: OBSERVATIONAL\n")),
        ("Up to 5 years", ('      date: "2023-12-15"\n', '      date: "2026-12-15"\n')),
    ],
)  # fmt: skip
def test_time_frames_the_study_can_hold(lint_text, frame, change):
    text = mutate((PRIMARY_FRAME, f"        timeFrame: {frame}\n"), *([change] if change else []))
    assert [f.rule.code for f in family(lint_text, text) if f.rule.code == "O017"] == []


# --- O016 outcome-title-only-abbreviation --------------------------------------------------


def test_outcome_title_that_is_only_an_abbreviation(lint_text):
    text = mutate((PRIMARY, "      - measure: DLTs\n"))
    finding = one(lint_text, text)
    assert (finding.rule.code, finding.level) == ("O016", "warning")
    assert (finding.line, finding.column) == position_of(text, "DLTs")
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/0/measure"
    assert finding.message == (
        "primary outcome title 'DLTs' is only an abbreviation; name the measure in words, with "
        "the abbreviation after it if you like ('Overall survival (OS)')"
    )


@pytest.mark.parametrize(
    ("title", "codes"),
    [
        ("OS", ["O016"]),
        ("ORR and DCR", ["O016"]),
        ("FVC/FEV1", ["O016"]),
        ("S-S-102-A", ["O016"]),
        ("6MWT", ["O016"]),
        ("Cmax", ["O016"]),  # a symbol of pharmacokinetics, with one capital
        ("'(Cmin, ss)'", ["O016"]),  # at steady state, in brackets
        ("t1/2", ["O016"]),
        ("Cmax of the study drug in plasma", []),
        ("Overall survival (OS)", []),
        ("HbA1c", []),  # written as the measure is known, not an abbreviation of capitals
        ("Knee pain", []),
        ("VAS", ["O009"]),  # a scale named only by its acronym: O009 says more
        ("A", []),
    ],
)
def test_which_titles_are_only_abbreviations(lint_text, title, codes):
    # a time frame that fits a survival endpoint too (O020 judges one that does not)
    text = mutate((PRIMARY, f"      - measure: {title}\n"), (PRIMARY_FRAME, FOLLOWED_FRAME))
    assert [f.rule.code for f in family(lint_text, text)] == codes


# --- O015 scale-without-range -------------------------------------------------------------


def test_scale_named_in_full_without_range_or_direction(lint_text):
    text = mutate((
        SECONDARY,
        "      - measure: Disability\n"
        "        description: Measured with the Oswestry Disability Index questionnaire.\n",
    ))  # fmt: skip
    finding = one(lint_text, text)
    assert finding.rule.code == "O015"
    assert finding.level == "info"
    line, column = position_of(text, "description: Measured with the Oswestry")
    assert (finding.line, finding.column) == (line, column + len("description: "))
    assert finding.pointer == f"{OUTCOMES}/secondaryOutcomes/0/description"
    assert finding.message == (
        "secondary outcome 'Disability' uses the scale 'Oswestry Disability Index' but gives "
        "neither its range nor which direction is better; say both in its description"
    )


def test_scale_in_a_title_without_description_is_reported_at_the_title(lint_text):
    text = mutate((SECONDARY, "      - measure: Morisky Medication Adherence Scale\n"))
    finding = one(lint_text, text)
    assert (finding.rule.code, finding.pointer) == (
        "O015",
        f"{OUTCOMES}/secondaryOutcomes/0/measure",
    )
    assert finding.message.endswith("say both in its measure")
    assert finding.related == ()


def test_a_scale_named_in_the_title_is_pointed_at_there(lint_text):
    text = mutate((
        SECONDARY,
        "      - measure: Oswestry Disability Index\n"
        "        description: Filled in by the participant at the visit.\n",
    ))  # fmt: skip
    finding = one(lint_text, text)
    assert (finding.rule.code, finding.pointer) == (
        "O015",
        f"{OUTCOMES}/secondaryOutcomes/0/measure",
    )
    assert finding.message.endswith("say both in its description")
    assert [other.pointer for other in finding.related] == [
        f"{OUTCOMES}/secondaryOutcomes/0/description"
    ]


@pytest.mark.parametrize(
    ("measure", "description", "scale"),
    [
        ("Oswestry Disability Index", "", "Oswestry Disability Index"),
        ("Adherence", "Morisky Medication Adherence Scale (4 items)",
         "Morisky Medication Adherence Scale"),
        ("Quality of life", "Measured by the Quality of Life Scale", "Quality of Life Scale"),
        ("post operative pain score assessment", "", "post operative pain score"),
        ("Surgical outcome", "Odom's criteria at each visit", "Odom's criteria"),
        ("Social functioning", "Positive and Negative Syndrome Scale",
         "Positive and Negative Syndrome Scale"),
        ("Change in worry", "Penn State Worry Questionnaire (PSWQ)",
         "Penn State Worry Questionnaire"),  # a questionnaire named in full
        ("Fear of recurrence", "Fear of Recurrence Inventory", "Fear of Recurrence Inventory"),
        ("Change in worry", "Penn State Worry Questionnaire, 16-80, higher is worse", None),
        ("Service use", "Client Service Receipt Inventory", None),  # counts services used
        ("Activity", "International Physical Activity Questionnaire", None),  # MET-minutes
        ("Background", "Socio-demographic Questionnaire", None),
        ("Experience", "A questionnaire designed for this study", None),  # no name
        ("Experience", "Study Questionnaire", None),  # no name of two capitalised words
        # a range or a direction, in any of the registry's ways of writing one
        ("Oswestry Disability Index (0-100)", "", None),
        ("Pain", "Visual analogue scale from '0' (no pain) to '100'", None),
        ("Affect", "Rated on a scale of 1 (not at all) to 5 (very much)", None),
        ("Utility", "Health utility scale; values fall between 0.30 and 1.0", None),
        ("Pain", "Visual analogue scale, 0 = no pain", None),
        ("Pain", "100mm visual analogue scale", None),
        ("Disability", "Oswestry Disability Index, 0% lowest, no disability to 100%", None),
        ("Pain", "Visual analogue scale; higher scores mean more pain", None),
        # not a rating scale, or a count that needs no range
        ("Body weight", "Weighed on the same scale each morning", None),
        ("Service use", "This inventory gives no total or sub-scale scores", None),
        ("Feasibility", "A large-scale rollout", None),
        ("Number of participants with a Visual Analogue Scale score above 3", "", None),
        ("Percentage of participants improving on the Oswestry Disability Index", "", None),
        ("Six-minute walk distance", "Distance walked in six minutes, in metres.", None),
    ],
)  # fmt: skip
def test_which_scales_are_named_without_range(measure, description, scale):
    assert named_scale(measure, description) == scale


def test_a_scale_named_by_its_acronym_is_o009s_alone(lint_text):
    text = mutate((SECONDARY, "      - measure: Change in ODI\n"))
    assert [f.rule.code for f in family(lint_text, text)] == ["O009"]


# --- O012 analysis-plan-as-outcome-title ---------------------------------------------------


def test_title_that_states_the_analysis(lint_text):
    title = "Six-minute walk distance compared between arms by ANCOVA"
    text = mutate((PRIMARY, f"      - measure: {title}\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "O012"
    assert finding.level == "info"
    assert (finding.line, finding.column) == position_of(text, "ANCOVA")
    assert finding.pointer == f"{OUTCOMES}/primaryOutcomes/0/measure"
    assert finding.message == (
        "primary outcome title 'Six-minute walk distance compared between arms by ANCOVA' "
        "states the analysis ('ANCOVA'); name the measure, and leave the analysis to the "
        "protocol"
    )


@pytest.mark.parametrize(
    "title",
    ["Regression of knee effusion on ultrasound", "Progression-free survival",
     "Time to progression", "Superior vena cava flow"],
)  # fmt: skip
def test_titles_that_name_no_analysis(lint_text, title):
    text = mutate((PRIMARY, f"      - measure: {title}\n"), (PRIMARY_FRAME, FOLLOWED_FRAME))
    assert family(lint_text, text) == []


# --- records that break the schema ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (MODULE, "  outcomesModule: 7\n"),
        (MODULE, "  outcomesModule:\n    primaryOutcomes: yes\n"),
        (MODULE, "  outcomesModule:\n    primaryOutcomes: [1, [2], null]\n"),
        (PRIMARY, "      - measure: [Six-minute walk distance]\n"),
        (PRIMARY_FRAME, "        timeFrame: 12\n"),
        (PRIMARY_FRAME, "        timeFrame: {weeks: 12}\n"),
        ("  designModule:\n", "  designModule: []\n  unused:\n"),
    ],
)
def test_records_that_break_the_schema_never_crash(lint_text, old, new):
    no_failure(lint_text(mutate((old, new))))


def test_a_time_frame_that_is_not_text_is_left_to_the_schema(lint_text):
    result = lint_text(mutate((PRIMARY_FRAME, "        timeFrame: {weeks: 12}\n")))
    assert [f.rule.code for f in result.findings] == ["S002"]


def test_a_plain_number_is_read_as_the_text_written(lint_text):
    # YAML 1.2 as trialint reads it: a plain 12 where text is expected is the text "12".
    text = mutate((PRIMARY_FRAME, "        timeFrame: 12\n"))
    assert [f.rule.code for f in family(lint_text, text)] == ["O003"]


def test_bundled_records_findings_of_family_o(linter):
    result = linter.lint_paths([str(REPO / "records")])
    assert result.errors == []
    found = sorted((f.path.rsplit("/", 1)[-1], f.rule.code, f.line, f.column)
                   for f in result.findings if f.rule.code.startswith("O"))  # fmt: skip
    # Three seeds show no outcome measures; NCT04711200's "Safety : Observation of at least one
    # adverse effect" says what is observed and is not reported.
    assert found == [
        ("NCT02213705.yaml", "O001", 3, 1),
        ("NCT03562065.yaml", "O001", 3, 1),
        ("NCT05947682.yaml", "O001", 3, 1),
    ]


@needs_shared
def test_real_records_break_only_the_rules_real_data_is_known_to_break():
    # Read one by one: 36 vague time frames in 14 records ('Length of study', '2009', 'Through
    # study completion', '2019.7-2022.7', '1. month'), 53 titles that only name a quality, 154
    # titles written as objectives or sentences ('To evaluate ...', 'Assess the effect of ...',
    # 'The primary objective of this study is to ...'). 110 outcomes repeat an earlier one's title
    # at the same time (most with another description: 'Reliability', 'Lipid Profile',
    # 'Circulating biomarkers of hepatic injury'); 32 outcomes list several measures ('CNS ORR, CNS
    # DOR, CNS PFS'); 68 primary time frames list several time points and name none primary
    # ('Baseline, 3 months, 12 months'; the 57 outside the held-out recall sample read, 2 of them
    # compare two periods); 73 outcomes name a scale by its acronym alone (24 in the description);
    # 1 title states the analysis ('Non-inferiority study: ...'). The records without a primary
    # outcome (4) or a time frame (33 outcomes) were first submitted before FDAAA 801: reported
    # for information only. 307 outcomes repeat one of their kind with the same title and
    # description at other time points (231 in 36 records outside the held-out recall sample; 20
    # read, all one measure listed per time point: 'Oswestry Disability Index' at 6, 12 and 18
    # months). 11 titles are cut off ('Mean sensor glucose level during', '... levels spent:',
    # '... side effects;').
    assert corpus_hits("outcomes") == {
        "O003": 36, "O004": 111, "O005": 178, "O006": 110, "O007": 32, "O008": 68, "O009": 73,
        "O010": 4, "O011": 33, "O012": 1, "O013": 307, "O014": 11, "O015": 344, "O016": 99,
        "O017": 48,
    }  # fmt: skip


# --- O018 description-of-another-endpoint --------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "description", "titled", "defined"),
    [
        ("Duration of Response (DoR)", "The overall objective response rate (ORR).",
         "duration of response", "objective response rate"),
        ("Overall Survival", "Time from randomization to progression (PFS).",
         "overall survival", "progression-free survival"),
        ("Duration of Response (DoR)", "DoR: time from the first response (ORR) to progression.",
         None, None),  # its own endpoint, defined through another
        ("Overall Survival", "Time from randomization to death.", None, None),
        ("Diabetic retinopathy (DR) grade", "Overall survival of the retina cells.", None, None),
        # each endpoint is read by its abbreviation alone too
        ("DFS", "Time from randomization to death (OS).", "disease-free survival",
         "overall survival"),
        ("EFS", "Disease control rate at week 12.", "event-free survival",
         "disease control rate"),
        ("DCR", "Time to progression.", "disease control rate", "time to progression"),
    ],
)  # fmt: skip
def test_a_description_that_defines_another_endpoint(
    lint_text, measure, description, titled, defined
):
    text = mutate((SECONDARY, f"      - measure: {measure}\n        description: {description}\n"))
    found = [(f.pointer, f.message, [r.pointer for r in f.related])
             for f in lint_text(text).findings if f.rule.code == "O018"]  # fmt: skip
    expected = [] if defined is None else [(
        f"{OUTCOMES}/secondaryOutcomes/0/description",
        f"secondary outcome {measure!r} is {titled}, but its description defines {defined}: "
        "describe the outcome the title names",
        [f"{OUTCOMES}/secondaryOutcomes/0/measure"],
    )]  # fmt: skip
    assert found == expected


@needs_shared
def test_descriptions_of_another_endpoint_in_the_corpus():
    # Read: DoR described as ORR, OS as PFS, PFS as DFS.
    assert corpus_hits("endpoints") == {"O018": 3}


# --- the cost of the family ----------------------------------------------------------------

# _RANGE_OR_DIRECTION as a plain alternation, each word with its boundary: what the fast
# expression must find, at the same places.
PLAIN_RANGE_OR_DIRECTION = re.compile(
    r"\d\s*(?:-|\u2013|\u2014|to)\s*\d|\brang|\bpoints?\b|\bpt\b|/\s*\d|\bscored?\s+(?:from|between)"
    r"|\bhigher\b|\blower\b|\bgreater\b|\bbetter\b|\bworse\b|\bworst\b|\bbest\b"
    r"|\bindicat|\bminimum\b|\bmaximum\b|\bmin\b|\bmax\b|\bmm\b|\bcm\b|\bno\s+pain\b"
    r"|\bseverity\s+(?:from|of\s+0)|\bimprovement\b|\bworsening\b",
    re.IGNORECASE,
)
RANGE_WORDS = (
    "ranging", "point", "points", "pt", "scored from", "score between", "higher", "lower",
    "greater", "better", "worse", "worst", "best", "indicates", "minimum", "maximum", "min",
    "max", "mm", "cm", "no pain", "severity from", "severity of 0", "improvement", "worsening",
)  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        *(f"A total {word} of the scale" for word in RANGE_WORDS),
        *(f"A TOTAL {word.upper()}" for word in RANGE_WORDS),
        *(f"{word.title()}, then" for word in RANGE_WORDS),
        *(f"unpoints{word}s" for word in RANGE_WORDS),  # inside a word: none of them
        "Scores 0-10",
        "0 \u2013 100",
        "from 1 to 5",
        "pain/10",
        "score / 3",
        "a 2to3",
        "\u0660-\u0669",  # Arabic-Indic digits are digits too
        "\u017fcored from 1",  # the long s is an s to a case-blind match
        "\u0130ndicates",
        "M\u0130N",
        "\u212aeeps",  # the dotted capital I, the Kelvin sign
        "Depression questionnaire",
        "",
        "PHQ-9 total",
        "Visual analogue scale",
    ],
)
def test_the_fast_range_expression_finds_what_the_plain_alternation_finds(text):
    found, plain = scales.RANGE_OR_DIRECTION.search(text), PLAIN_RANGE_OR_DIRECTION.search(text)
    assert (found and found.span()) == (plain and plain.span())


@pytest.fixture
def fresh_time_frames():
    """The time frames judged before this test forgotten, and those it judges."""
    outcomes._vagueness.cache_clear()
    outcomes._lists_time_points.cache_clear()
    yield
    outcomes._vagueness.cache_clear()
    outcomes._lists_time_points.cache_clear()


def test_a_time_frame_is_judged_once_for_every_outcome_and_record_that_writes_it(
    lint_text, monkeypatch, fresh_time_frames
):
    judged = []
    judge = outcomes.vague_time_frame
    monkeypatch.setattr(
        outcomes, "vague_time_frame", lambda frame: judged.append(frame) or judge(frame)
    )
    hip = SECONDARY.replace("Knee pain", "Hip pain") + PRIMARY_FRAME
    text = mutate((SECONDARY, hip + SECONDARY))
    assert text.count(PRIMARY_FRAME) == 3
    for _ in range(2):
        no_failure(lint_text(text))
    assert sorted(judged) == sorted(set(judged))
    assert "Baseline and week 12" in judged


# --- O013: one measure listed per time point --------------------------------------------------


def test_a_measure_listed_once_per_time_point(lint_text):
    text = mutate((MODULE, (
        "  outcomesModule:\n    primaryOutcomes:\n"
        "      - {measure: Oswestry Disability Index, timeFrame: 6 months}\n"
        "      - {measure: Oswestry disability index., timeFrame: 12 months}\n"
        "    secondaryOutcomes:\n"
        "      - {measure: Oswestry Disability Index, timeFrame: 24 months}\n"
        "      - {measure: Oswestry Disability Index, timeFrame: 36 months, description: Pain}\n"
    )))  # fmt: skip
    # a secondary at other times is no repetition of the primary, nor one that describes
    # another measure: one finding
    [finding] = [f for f in family(lint_text, text) if f.rule.code == "O013"]
    assert (finding.pointer, finding.line, finding.column) == (
        f"{OUTCOMES}/primaryOutcomes/1/measure", *position_of(text, "Oswestry disability"),
    )  # fmt: skip
    assert [r.pointer for r in finding.related] == [f"{OUTCOMES}/primaryOutcomes/0/measure"]
    assert finding.message == (
        "primary outcome 'Oswestry disability index.' repeats primary outcome 1 at another time "
        "point; list the measure once, with all its time points in the time frame"
    )


# --- O014: a title cut off ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "how"),
    [
        ("Mean sensor glucose level during", "stops mid-phrase"),
        ("Percentage of time of sensor glucose levels spent:", "ends with a colon"),
        ("The percentage of side effects;", "ends with a semicolon"),
        ("Quality of life following the stimulation,", "ends with a comma"),
        ("Pittsburgh Sleep Quality Index, PSQI-A", None),  # a code's letter
        ("Pain on the VAS", None),
    ],
)
def test_a_title_cut_off(lint_text, title, how):
    text = mutate((PRIMARY, f'      - measure: "{title}"\n'))
    found = [(f.rule.code, f.pointer, f.message) for f in family(lint_text, text)
             if f.rule.code == "O014"]  # fmt: skip
    expected = ("O014", f"{OUTCOMES}/primaryOutcomes/0/measure",
                f"primary outcome title {title!r} {how}: write the title whole")  # fmt: skip
    assert found == ([expected] if how else [])
