"""The results family (R): what PRS validates in a results section."""

from __future__ import annotations

import pytest

from trialint.lint.checks.results_populations import ZERO_ANALYSED_UNEXPLAINED

from conftest import GOOD_TEXT, corpus_hits, mutate, needs_shared, position_of

MEASURES = "/resultsSection/outcomeMeasuresModule/outcomeMeasures"
BASELINE = "/resultsSection/baselineCharacteristicsModule"
ADVERSE_EVENTS = "/resultsSection/adverseEventsModule"


def with_results(lint_text, results: str, code_prefix: str = "R", record: str = GOOD_TEXT):
    """``record`` (the good one) with ``results`` (YAML lines of a resultsSection) appended:
    the family's findings and the text linted."""
    text = record.rstrip("\n") + "\nresultsSection:\n" + results
    findings = [f for f in lint_text(text).findings if f.rule.code.startswith(code_prefix)]
    return findings, text


def value_at(text: str, key: str, value: str) -> tuple[int, int]:
    """Where the value of ``key: value`` begins in ``text``."""
    line, column = position_of(text, f"{key}: {value}")
    return line, column + len(key) + 2


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
    assert (finding.line, finding.column) == value_at(text, "unitOfMeasure", unit)


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


# R003 zero-analysed-unexplained, R004 its legacy twin


def zero_analysed_measure(explained: bool = False) -> str:
    """R003's own example: a group of an outcome measure with 0 analysed (the lines under
    ``resultsSection:``), its population description written or not."""
    example = (ZERO_ANALYSED_UNEXPLAINED.passes if explained else ZERO_ANALYSED_UNEXPLAINED.fails)[
        0
    ]
    return example.removeprefix("resultsSection:\n")


def test_zero_analysed_in_an_outcome_measure_without_a_population(lint_text):
    [finding], text = with_results(lint_text, zero_analysed_measure())
    assert (finding.rule.code, finding.rule.severity) == ("R003", "error")
    assert (finding.line, finding.column) == position_of(text, "'0'")
    assert finding.pointer == f"{MEASURES}/0/denoms/0/counts/1/value"
    assert finding.message == (
        "0 participants analysed in 'Usual Care' of the outcome measure 'Six-minute Walk "
        "Distance', and no analysis population description says why: write it (data not "
        "collected, no one enrolled in the group, ...)"
    )


def test_before_2017_the_same_is_a_warning(lint_text):
    text = mutate(
        ('date: "2023-06-30"', 'date: "2016-06-30"'),
        ('date: "2023-12-15"', 'date: "2016-12-15"'),
    )
    found, _ = with_results(lint_text, zero_analysed_measure(), record=text)
    assert [(f.rule.code, f.rule.severity) for f in found] == [("R004", "warning")]


def test_a_population_description_explains_it(lint_text):
    assert with_results(lint_text, zero_analysed_measure(explained=True))[0] == []


def test_zero_in_the_baseline(lint_text):
    baseline = (
        "  baselineCharacteristicsModule:\n"
        "    groups:\n      - {id: BG000, title: Part 1}\n      - {id: BG001, title: Part 2}\n"
        "    denoms:\n      - units: Participants\n        counts:\n"
        "          - {groupId: BG000, value: '12'}\n          - {groupId: BG001, value: '0'}\n"
    )
    [finding], _ = with_results(lint_text, baseline)
    assert finding.pointer == f"{BASELINE}/denoms/0/counts/1/value"
    assert finding.message.startswith(
        "0 participants analysed in 'Part 2' of the baseline characteristics, and no "
    )
    explained = baseline.replace(
        "    groups:", "    populationDescription: No one was enrolled in Part 2.\n    groups:"
    )
    assert with_results(lint_text, explained)[0] == []


AT_RISK = (
    "  adverseEventsModule:\n    timeFrame: 12 weeks\n{description}"
    "    eventGroups:\n"
    "      - {{id: EG000, title: Exercise, seriousNumAffected: 1, seriousNumAtRisk: 24,\n"
    "         otherNumAffected: 3, otherNumAtRisk: 24}}\n"
    "      - {{id: EG001, title: Normal Controls, seriousNumAffected: 0,"
    " seriousNumAtRisk: 0,\n         otherNumAffected: 0, otherNumAtRisk: 0}}\n"
)


def test_zero_at_risk_of_adverse_events(lint_text):
    [finding], text = with_results(lint_text, AT_RISK.format(description=""))
    assert finding.rule.code == "R003"
    assert finding.pointer == f"{ADVERSE_EVENTS}/eventGroups/1/seriousNumAtRisk"
    assert (finding.line, finding.column) == value_at(text, "seriousNumAtRisk", "0,")
    assert finding.message == (
        "0 participants at risk of serious adverse events in 'Normal Controls', and the "
        "adverse event description does not say why: write it (adverse events not "
        "collected, no one treated, ...)"
    )
    why = "    description: Normal controls received no treatment and were not assessed.\n"
    assert with_results(lint_text, AT_RISK.format(description=why))[0] == []


@needs_shared
def test_corpus_hits_of_populations():
    # 12 of the 58 records with results report a zero analysed or at risk; all say why
    assert corpus_hits("results_populations") == {}


# R005 measure-without-dispersion, R006 dispersion-unfit-for-measure


def measure_with(param: str, dispersion: str | None, title: str = "Six-minute Walk Distance"):
    measure = outcome_measure(title, "meters", param)
    if dispersion is not None:
        measure += f"        dispersionType: {dispersion}\n"
    return measure


@pytest.mark.parametrize(
    ("param", "dispersion"),
    [("MEAN", None), ("MEDIAN", "NA"), ("LEAST_SQUARES_MEAN", "Not Applicable"),
     ("GEOMETRIC_MEAN", "''"), ("LOG_MEAN", None)],
)  # fmt: skip
def test_a_central_value_without_its_dispersion(lint_text, param, dispersion):
    [finding], text = with_results(lint_text, measure_with(param, dispersion))
    assert finding.rule.code == "R005"
    assert (finding.line, finding.column) == value_at(text, "paramType", param)
    assert finding.pointer == f"{MEASURES}/0/paramType"
    kind = param.lower().replace("_", " ")
    assert finding.message == (
        f"the {kind} of 'Six-minute Walk Distance' has no measure of dispersion or "
        "precision: give its standard deviation, standard error, inter-quartile range or "
        "confidence interval"
    )


def test_a_baseline_mean_without_its_dispersion(lint_text):
    baseline = (
        "  baselineCharacteristicsModule:\n    measures:\n"
        "      - {title: 'Age, Continuous', paramType: MEAN, unitOfMeasure: years}\n"
    )
    [finding], _ = with_results(lint_text, baseline)
    assert (finding.rule.code, finding.pointer) == ("R005", f"{BASELINE}/measures/0/paramType")


@pytest.mark.parametrize(
    ("param", "dispersion"),
    [("COUNT_OF_PARTICIPANTS", "Standard Deviation"), ("COUNT_OF_UNITS", "FULL_RANGE"),
     ("MEAN", "Geometric Coefficient of Variation"), ("MEDIAN", "GEOMETRIC_COEFFICIENT")],
)  # fmt: skip
def test_a_dispersion_the_measure_type_does_not_take(lint_text, param, dispersion):
    [finding], text = with_results(lint_text, measure_with(param, dispersion))
    assert finding.rule.code == "R006"
    assert (finding.line, finding.column) == value_at(text, "dispersionType", dispersion)
    assert [r.pointer for r in finding.related] == [f"{MEASURES}/0/paramType"]


def test_the_message_of_a_count_with_a_dispersion(lint_text):
    [finding], _ = with_results(lint_text, measure_with("COUNT_OF_PARTICIPANTS", "Standard Error"))
    assert finding.message == (
        "the count of participants of 'Six-minute Walk Distance' is given a 'Standard Error' "
        "dispersion, which it does not take: correct the measure type or the dispersion"
    )


@pytest.mark.parametrize(
    ("param", "dispersion"),
    [("MEAN", "Standard Deviation"), ("MEDIAN", "Inter-Quartile Range"),
     ("MEDIAN", "95% Confidence Interval"), ("LEAST_SQUARES_MEAN", "STANDARD_ERROR"),
     ("GEOMETRIC_MEAN", "Geometric Coefficient of Variation"), ("NUMBER", None),
     ("NUMBER", "95% Confidence Interval"), ("COUNT_OF_PARTICIPANTS", None),
     ("COUNT_OF_PARTICIPANTS", "NA")],
)  # fmt: skip
def test_dispersions_that_fit_are_not_reported(lint_text, param, dispersion):
    assert with_results(lint_text, measure_with(param, dispersion))[0] == []


@needs_shared
def test_corpus_hits_of_dispersions():
    # every measure of the 58 records with results has the dispersion its type takes
    assert corpus_hits("results_dispersion") == {}


# R007 started-differs-from-enrollment (the good record enrolled 120, ACTUAL)


def flow(first: int, second: int, details: str = "") -> str:
    return (
        "  participantFlowModule:\n" + details + "    periods:\n      - title: Overall Study\n"
        "        milestones:\n          - type: STARTED\n            achievements:\n"
        f"              - {{groupId: FG000, numSubjects: '{first}'}}\n"
        f"              - {{groupId: FG001, numSubjects: '{second}'}}\n"
        "          - type: COMPLETED\n            achievements:\n"
        "              - {groupId: FG000, numSubjects: '40'}\n"
        "              - {groupId: FG001, numSubjects: '40'}\n"
    )


def test_fewer_started_than_enrolled_and_nothing_says_why(lint_text):
    [finding], text = with_results(lint_text, flow(8, 8))
    assert finding.rule.code == "R007"
    assert (finding.line, finding.column) == value_at(text, "type", "STARTED")
    assert finding.pointer == "/resultsSection/participantFlowModule/periods/0/milestones/0/type"
    assert finding.message == (
        "16 participants started the first period of the participant flow but 120 enrolled, "
        "and no pre-assignment details say why: explain the difference there"
    )
    assert [r.pointer for r in finding.related] == [
        "/protocolSection/designModule/enrollmentInfo/count"
    ]


@pytest.mark.parametrize(
    "results",
    [
        flow(60, 60),
        flow(50, 50, "    preAssignmentDetails: 20 participants left during the run-in.\n"),
        flow(50, 50, "    recruitmentDetails: 20 enrolled participants were never assigned.\n"),
    ],
)
def test_a_flow_that_starts_with_the_enrollment_or_says_why(lint_text, results):
    assert with_results(lint_text, results)[0] == []


def test_an_estimated_enrollment_is_not_compared(lint_text):
    text = mutate(
        ("      count: 120\n      type: ACTUAL", "      count: 120\n      type: ESTIMATED")
    )
    assert with_results(lint_text, flow(8, 8), record=text)[0] == []


@needs_shared
def test_corpus_hits_of_the_flow():
    # 2 records, both read: 31 enrolled and 16 started; 227 enrolled and 60 started
    assert corpus_hits("results_flow") == {"R007": 2}


# R008 results-before-primary-completion

LIMITATIONS = "  moreInfoModule:\n    limitationsAndCaveats:\n      description: Week 12 only.\n"
PRIMARY_COMPLETION = (
    '      date: "2023-06-30"\n      type: ACTUAL',
    '      date: "2024-06-30"\n      type: ESTIMATED',
)
ONGOING = (
    ("overallStatus: COMPLETED", "overallStatus: ACTIVE_NOT_RECRUITING"),
    (
        '      date: "2023-12-15"\n      type: ACTUAL',
        '      date: "2025-12-15"\n      type: ESTIMATED',
    ),
)


def with_status(lint_text, *replacements: tuple[str, str]):
    return with_results(lint_text, LIMITATIONS, record=mutate(*replacements))


def test_results_with_an_estimated_primary_completion(lint_text):
    [finding], text = with_status(lint_text, *ONGOING, PRIMARY_COMPLETION)
    assert (finding.line, finding.column) == value_at(text, "type", "ESTIMATED")
    assert finding.pointer == "/protocolSection/statusModule/primaryCompletionDateStruct/type"
    assert finding.message == (
        "the record has results but its primary completion date 2024-06-30 is ESTIMATED: "
        "make it the ACTUAL date the last participant was examined for the primary outcome"
    )
    assert [r.pointer for r in finding.related] == ["/resultsSection"]


def test_results_while_recruiting(lint_text):
    recruiting = ("overallStatus: COMPLETED", "overallStatus: RECRUITING")
    [finding], text = with_status(lint_text, recruiting, ONGOING[1], PRIMARY_COMPLETION)
    assert (finding.line, finding.column) == value_at(text, "overallStatus", "RECRUITING")
    assert finding.message == (
        "the record has results but its status is RECRUITING: results come after the "
        "primary completion; update the status (and the dates), or remove the results"
    )
    assert [r.pointer for r in finding.related] == [
        "/resultsSection",
        "/protocolSection/statusModule/primaryCompletionDateStruct/type",
    ]


def test_results_after_an_actual_primary_completion_are_not_reported(lint_text):
    assert with_status(lint_text, *ONGOING)[0] == []
    assert with_status(lint_text)[0] == []  # COMPLETED


@needs_shared
def test_corpus_hits_of_timing():
    # the 58 records with results are finished or active with an ACTUAL primary completion
    assert corpus_hits("results_timing") == {}


# R009 adverse-event-counts-inconsistent, R010 adverse-event-time-frame-missing


def adverse_events(serious: int, at_risk: int, event: int, time_frame: str = "12 weeks"):
    frame = f"    timeFrame: {time_frame}\n" if time_frame else ""
    return (
        "  adverseEventsModule:\n" + frame + "    description: Collected at every visit.\n"
        "    eventGroups:\n"
        f"      - {{id: EG000, title: Exercise, seriousNumAffected: {serious},"
        f" seriousNumAtRisk: {at_risk}}}\n"
        "    seriousEvents:\n      - term: Fall\n        stats:\n"
        f"          - {{groupId: EG000, numEvents: {event}, numAffected: {event},"
        f" numAtRisk: {at_risk}}}\n"
    )


def test_more_affected_than_at_risk(lint_text):
    found, text = with_results(lint_text, adverse_events(61, 60, 61))
    assert [(f.rule.code, f.pointer, f.message) for f in found] == [
        ("R009", f"{ADVERSE_EVENTS}/eventGroups/0/seriousNumAffected",
         "61 participants affected by serious adverse events in 'Exercise', but 60 at risk: "
         "correct the counts"),
        ("R009", f"{ADVERSE_EVENTS}/seriousEvents/0/stats/0/numAffected",
         "61 participants affected by the serious adverse event 'Fall', but 60 at risk: "
         "correct the counts"),
    ]  # fmt: skip
    assert (found[0].line, found[0].column) == value_at(text, "seriousNumAffected", "61")
    assert [r.pointer for r in found[0].related] == [
        f"{ADVERSE_EVENTS}/eventGroups/0/seriousNumAtRisk"
    ]


def test_a_total_below_one_event(lint_text):
    [finding], _ = with_results(lint_text, adverse_events(1, 60, 3))
    assert finding.message == (
        "1 participant affected by serious adverse events in 'Exercise', but 3 by one of "
        "them alone: correct the total"
    )
    assert [r.pointer for r in finding.related] == [
        f"{ADVERSE_EVENTS}/seriousEvents/0/stats/0/numAffected"
    ]


def test_consistent_adverse_event_counts_are_not_reported(lint_text):
    assert with_results(lint_text, adverse_events(3, 60, 3))[0] == []
    assert with_results(lint_text, adverse_events(5, 60, 3))[0] == []


def test_adverse_events_without_a_time_frame(lint_text):
    [finding], text = with_results(lint_text, adverse_events(3, 60, 3, time_frame=""))
    assert finding.rule.code == "R010"
    assert finding.pointer == ADVERSE_EVENTS
    assert (finding.line, finding.column) == position_of(text, "adverseEventsModule")
    assert finding.message == (
        "the adverse events have no time frame (primary completion 2023-06-30): say over "
        "which period they were collected ('From first dose to 30 days after the last dose')"
    )


def test_before_2017_a_missing_time_frame_is_history(lint_text):
    completed_2016 = mutate(('date: "2023-06-30"', 'date: "2016-06-30"'))
    results = adverse_events(3, 60, 3, time_frame="")
    assert with_results(lint_text, results, record=completed_2016)[0] == []


@needs_shared
def test_corpus_hits_of_adverse_events():
    # the 9 records without a time frame completed before 2017; every count agrees
    assert corpus_hits("results_adverse_events") == {}


# R011 payment-amount-in-protocol

SUMMARY_END = "      training or usual care, and their walking is compared after 12 weeks.\n"


def with_description(lint_text, description: str):
    text = mutate((SUMMARY_END, f"{SUMMARY_END}    detailedDescription: >-\n      {description}\n"))
    return [f for f in lint_text(text).findings if f.rule.code.startswith("R")], text


def test_an_amount_paid_in_the_description(lint_text):
    description = (
        "Return 8 weeks after Visit 2. You will be compensated for each study visit "
        "(visit 1: $50, visit 2: $100)."
    )
    [finding], text = with_description(lint_text, description)
    assert finding.rule.code == "R011"
    assert (finding.line, finding.column) == position_of(text, "$50")
    assert (finding.span.end_line, finding.span.end_column) == (finding.line, finding.column + 3)
    assert finding.pointer == "/protocolSection/descriptionModule/detailedDescription"
    assert finding.message == (
        "the detailed description says what participants are paid ('$50'): say at most "
        "that they are compensated; amounts belong to the consent form"
    )


@pytest.mark.parametrize(
    "description",
    [
        "Participants receive a stipend of 20 euros per visit.",
        "Each participant is paid USD 40 after the last questionnaire.",
        "A gift card worth £25 is given at the end of the study.",
    ],
)
def test_other_currencies_and_words_of_payment(lint_text, description):
    assert [f.rule.code for f in with_description(lint_text, description)[0]] == ["R011"]


@pytest.mark.parametrize(
    "description",
    [
        "Participants are compensated for their time and travel.",
        "The device costs $3,000, which limits its use in rural clinics.",
        "Walking improves by 50 metres in 12 weeks.",
    ],
)
def test_no_sum_paid_to_participants_is_not_reported(lint_text, description):
    assert with_description(lint_text, description)[0] == []


@needs_shared
def test_corpus_hits_of_payments():
    # 2 records, both read: '$50, visit 2: $100', 'a total sum of $175'
    assert corpus_hits("payment_amounts") == {"R011": 2}


# R012 baseline-total-not-the-sum


def baseline(first: int, second: int, total: int, units: str = "Participants") -> str:
    return (
        "  baselineCharacteristicsModule:\n    groups:\n"
        "      - {id: BG000, title: Exercise}\n      - {id: BG001, title: Usual Care}\n"
        "      - {id: BG002, title: Total, description: Total of all reporting groups}\n"
        f"    denoms:\n      - units: {units}\n        counts:\n"
        f"          - {{groupId: BG000, value: '{first}'}}\n"
        f"          - {{groupId: BG001, value: '{second}'}}\n"
        f"          - {{groupId: BG002, value: '{total}'}}\n"
    )


@pytest.mark.parametrize(
    ("total", "why"),
    [
        (100, "some participants are counted in two groups"),
        (110, "some participants are in no group"),
    ],
)
def test_a_baseline_total_that_is_not_the_sum_of_its_groups(lint_text, total, why):
    [finding], text = with_results(lint_text, baseline(50, 52, total))
    assert finding.rule.code == "R012"
    line, column = position_of(text, f"value: '{total}'")
    assert (finding.line, finding.column) == (line, column + len("value: "))
    assert finding.pointer == f"{BASELINE}/denoms/0/counts/2/value"
    assert finding.message == (
        f"the baseline's Total counts {total} participants but its groups add up to 102: "
        f"{why}, or the total was not corrected"
    )


@pytest.mark.parametrize("results", [baseline(50, 52, 102), baseline(50, 52, 100, units="Eyes")])
def test_a_total_that_adds_up_or_counts_other_units(lint_text, results):
    assert with_results(lint_text, results)[0] == []


@needs_shared
def test_corpus_hits_of_the_totals():
    # the 46 records with results and a Total: PRS computes it, every one adds up
    assert corpus_hits("results_totals") == {}
