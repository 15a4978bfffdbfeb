"""The results family (R): what PRS validates in a results section."""

from __future__ import annotations

import pytest

from conftest import GOOD_TEXT, corpus_hits, needs_shared, position_of

MEASURES = "/resultsSection/outcomeMeasuresModule/outcomeMeasures"
BASELINE = "/resultsSection/baselineCharacteristicsModule"


def with_results(lint_text, results: str, code_prefix: str = "R"):
    """The good record with ``results`` (YAML lines of a resultsSection) appended: the
    family's findings and the text linted."""
    text = GOOD_TEXT.rstrip("\n") + "\nresultsSection:\n" + results
    findings = [f for f in lint_text(text).findings if f.rule.code.startswith(code_prefix)]
    return findings, text


def outcome_measure(title: str, unit: str, param: str = "NUMBER") -> str:
    return (
        "  outcomeMeasuresModule:\n    outcomeMeasures:\n"
        f"      - type: PRIMARY\n        title: {title}\n        paramType: {param}\n"
        f"        unitOfMeasure: {unit}\n        timeFrame: Week 12\n"
    )


# R001 unit-contradicts-title


def test_a_percentage_reported_as_a_count_of_participants(lint_text):
    title = "Percentage of Subjects Who Achieve Pain Relief"
    [finding], text = with_results(
        lint_text, outcome_measure(title, "Participants", "COUNT_OF_PARTICIPANTS")
    )
    assert finding.rule.code == "R001"
    assert (finding.line, finding.column) == position_of(text, "Participants\n")
    assert finding.pointer == f"{MEASURES}/0/unitOfMeasure"
    assert finding.message == (
        "the title 'Percentage of Subjects Who Achieve Pain Relief' is a percentage, but the "
        "unit of measure is 'Participants': report percentages, or retitle the measure"
    )
    assert [r.pointer for r in finding.related] == [f"{MEASURES}/0/title"]


def test_a_number_of_participants_in_days(lint_text):
    [finding], _ = with_results(
        lint_text, outcome_measure("Number of Participants Who Were Pain Free", "days")
    )
    assert finding.message == (
        "the title 'Number of Participants Who Were Pain Free' is a number of participants, "
        "but the unit of measure is 'days': report participants, or retitle the measure"
    )


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("Number of Participants With Adverse Events", "Participants"),
        ("Number of Patients With Vital Sign Measurements", "Number of participants"),
        ("Percentage of Participants With Headache Relief", "percentage of participants"),
        ("Percentage of Participants With Headache Relief", "% of participants"),
        ("Number of Asthma Exacerbations Requiring Steroids", "number of events"),
        ("Percentage Change From Baseline in Total PANSS Score", "Score"),
    ],
)
def test_units_that_fit_the_title_are_not_reported(lint_text, title, unit):
    assert with_results(lint_text, outcome_measure(title, f"'{unit}'"))[0] == []


# R002 placeholder-unit-of-measure


@pytest.mark.parametrize("unit", ["NA", "N/A", "units", "Units", "'-'", "'10'"])
def test_placeholder_units(lint_text, unit):
    [finding], text = with_results(lint_text, outcome_measure("Six-minute Walk Distance", unit))
    assert finding.rule.code == "R002"
    line, column = position_of(text, f"unitOfMeasure: {unit}")
    assert (finding.line, finding.column) == (line, column + len("unitOfMeasure: "))


def test_a_placeholder_unit_of_a_baseline_measure(lint_text):
    baseline = (
        "  baselineCharacteristicsModule:\n    measures:\n"
        "      - title: Age, Continuous\n        paramType: MEAN\n"
        "        dispersionType: STANDARD_DEVIATION\n        unitOfMeasure: N/A\n"
    )
    [finding], _ = with_results(lint_text, baseline)
    assert finding.pointer == f"{BASELINE}/measures/0/unitOfMeasure"
    assert finding.message == (
        "the unit of measure 'N/A' says nothing: write what one value counts "
        "('participants', 'score on a scale', 'mg/dL')"
    )


@pytest.mark.parametrize("unit", ["meters", "score on a scale", "'10^9 cells/liter'", "ratio"])
def test_units_that_say_something_are_not_reported(lint_text, unit):
    assert with_results(lint_text, outcome_measure("Six-minute Walk Distance", unit))[0] == []


@needs_shared
def test_corpus_hits_of_units():
    # 15 outcome measures in 3 records, all read: percentages reported as counts
    assert corpus_hits("results_units") == {"R001": 15}
