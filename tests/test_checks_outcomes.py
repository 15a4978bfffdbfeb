"""Family O (outcome measures) on the good record mutated: exact code, line, column, pointer and
message, legacy records, and records that break the schema."""

from __future__ import annotations

from functools import partial

import pytest

from trialint.lint.checks.outcomes import non_specific_title, vague_time_frame

from conftest import (
    GOOD_TEXT,
    REPO,
    corpus_hits,
    family_findings,
    mutate,
    needs_shared,
    only_family_finding,
    position_of,
)

GOOD = GOOD_TEXT
OUTCOMES = "/protocolSection/outcomesModule"
PRIMARY = "      - measure: Six-minute walk distance\n"
PRIMARY_FRAME = "        timeFrame: Baseline and week 12\n"
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


def test_records_from_before_fdaaa_are_history(lint_text):
    text = mutate((MODULE, ""), (SUBMITTED, '    studyFirstSubmitDate: "2005-09-12"\n'))
    assert family(lint_text, text) == []
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


def test_legacy_outcomes_without_time_frames_are_history(lint_text):
    text = mutate((PRIMARY_FRAME, ""), (SUBMITTED, '    studyFirstSubmitDate: "2006-01-10"\n'))
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
        "Pre-treatment", "at one year",
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
        ("Patient satisfaction", False), ("Safety: SAE", False), ("Glucose tolerance", False),
        ("Number of participants with adverse events", False), ("Outcome", True),
        ("Efficacy : Rate of complete or almost complete reepithelialisation", False),
    ],
)  # fmt: skip
def test_which_titles_are_non_specific(title, generic):
    assert non_specific_title(title) is generic


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
    for title in ("Total knee pain score", "Time to walk 10 metres", "Toe flexion strength"):
        assert family(lint_text, mutate((PRIMARY, f"      - measure: {title}\n"))) == [], title


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
    result = lint_text(mutate((old, new)))
    assert result.errors == []


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
    # Read one by one: 30 vague time frames in 13 records ('Length of study', '2009',
    # 'Through study completion', '2019.7-2022.7'), 52 titles that only name a quality, 59
    # titles written as objectives. Every record without a primary outcome or a time frame
    # was first submitted before FDAAA 801, and is not reported.
    assert corpus_hits("outcomes") == {"O003": 30, "O004": 52, "O005": 59}
