"""Family P (phases) on the good record mutated: exact code, line, column, pointer and
message. P005 fires only where a drug is what the study compares (issue 14, section 6)."""

from __future__ import annotations

from functools import partial

from conftest import (
    GOOD_TEXT,
    corpus_hits,
    family_findings,
    mutate,
    needs_shared,
    only_family_finding,
    position_of,
)

family = partial(family_findings, prefix="P")
one = partial(only_family_finding, prefix="P")

PHASES = "/protocolSection/designModule/phases"
REFERENCE = '"Behavioral: Supervised exercise training"'
INTERVENTION = "      - type: BEHAVIORAL\n        name: Supervised exercise training\n"
EXERCISE_LABELS = "        armGroupLabels:\n          - Supervised exercise\n"
USUAL_CARE = "        description: Usual care after discharge, without supervised exercise.\n"
DRUG = (
    "      - type: DRUG\n        name: Paracetamol\n"
    "        description: 1 g by mouth up to four times a day as needed.\n"
    "        armGroupLabels:\n{labels}"
)


def _with_drug(*labels: str, replacements: tuple[tuple[str, str], ...] = ()) -> str:
    """The good record (exercise against usual care, phase NA) with a drug given to the arms
    labelled ``labels``; a usual-care arm given it becomes ACTIVE_COMPARATOR."""
    listed = "".join(f"          - {label}\n" for label in labels)
    changes = [(EXERCISE_LABELS, EXERCISE_LABELS + DRUG.format(labels=listed))]
    if "Usual care" in labels:
        changes.append(("type: NO_INTERVENTION", "type: ACTIVE_COMPARATOR"))
    return mutate(*changes, *replacements)


def test_the_good_record_has_no_family_p_finding(lint_text):
    assert family(lint_text, GOOD_TEXT) == []


# --- P005 drug-study-without-phase ------------------------------------------------------------


def test_a_drug_only_the_experimental_arm_receives_needs_a_phase(lint_text):
    text = _with_drug("Supervised exercise")
    finding = one(lint_text, text)
    assert finding.rule.code == "P005"
    assert finding.level == "warning"
    assert finding.pointer == PHASES
    assert (finding.line, finding.column) == position_of(text, "- NA")
    assert finding.message == (
        "phase NA on a study that compares a drug; drug trials have a phase (PHASE1-4, or "
        "EARLY_PHASE1)"
    )


def test_a_drug_the_arm_names_in_its_intervention_names_counts_too(lint_text):
    drug = DRUG.format(labels="").replace("        armGroupLabels:\n", "")
    text = mutate(
        (EXERCISE_LABELS, EXERCISE_LABELS + drug),
        (
            f"          - {REFERENCE}\n",
            f'          - {REFERENCE}\n          - "Drug: Paracetamol"\n',
        ),
    )
    assert [f.rule.code for f in family(lint_text, text)] == ["P005"]


def test_a_drug_every_arm_receives_is_background_therapy(lint_text):
    assert family(lint_text, _with_drug("Supervised exercise", "Usual care")) == []


def test_a_drug_only_the_comparator_receives_is_not_what_the_study_tests(lint_text):
    assert family(lint_text, _with_drug("Usual care")) == []


def test_a_diagnostic_study_is_not_a_drug_trial(lint_text):
    text = _with_drug(
        "Supervised exercise",
        replacements=(("primaryPurpose: TREATMENT", "primaryPurpose: DIAGNOSTIC"),),
    )
    assert family(lint_text, text) == []


def test_a_single_arm_study_of_drugs_only_needs_a_phase(lint_text):
    text = mutate(
        (USUAL_CARE, ""),
        ("      - label: Usual care\n        type: NO_INTERVENTION\n", ""),
        ("allocation: RANDOMIZED", "allocation: NA"),
        ("interventionModel: PARALLEL", "interventionModel: SINGLE_GROUP"),
        (INTERVENTION, "      - type: BIOLOGICAL\n        name: Supervised exercise training\n"),
        (REFERENCE, '"Biological: Supervised exercise training"'),
    )
    finding = one(lint_text, text)
    assert finding.rule.code == "P005"
    assert finding.message.startswith("phase NA on a study that compares a biological;")


def test_a_single_arm_study_with_a_drug_beside_a_procedure_is_left_alone(lint_text):
    text = _with_drug(
        "Supervised exercise",
        replacements=(
            (USUAL_CARE, ""),
            ("      - label: Usual care\n        type: NO_INTERVENTION\n", ""),
            ("allocation: RANDOMIZED", "allocation: NA"),
            ("interventionModel: PARALLEL", "interventionModel: SINGLE_GROUP"),
        ),
    )
    assert family(lint_text, text) == []


def test_a_study_without_arms_whose_interventions_are_all_drugs(lint_text):
    arms = GOOD_TEXT[GOOD_TEXT.index("    armGroups:") : GOOD_TEXT.index("    interventions:")]
    text = mutate(
        (arms, ""),
        (EXERCISE_LABELS, ""),
        (INTERVENTION, "      - type: DRUG\n        name: Supervised exercise training\n"),
    )
    assert [f.rule.code for f in family(lint_text, text)] == ["P005"]


def test_a_drug_study_with_a_phase_is_fine(lint_text):
    text = _with_drug("Supervised exercise", replacements=(("      - NA\n", "      - PHASE4\n"),))
    assert family(lint_text, text) == []


# --- P006 phase-without-drug ------------------------------------------------------------------


def test_a_phase_on_a_behavioural_study(lint_text):
    text = mutate(("      - NA\n", "      - PHASE3\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "P006"
    assert finding.message == (
        "phases [PHASE3] on a study whose interventions are all behavioral; phases describe "
        "drug trials (NA otherwise)"
    )


COMPARATOR = (
    "      - type: OTHER\n        name: Booklet\n"
    "        description: A booklet of home exercises, handed out at discharge.\n"
    "        armGroupLabels:\n          - Usual care\n"
)


def _exercise_against_a_booklet(*replacements: tuple[str, str]) -> str:
    """Exercise (behavioural) against a comparator typed OTHER, phase 2."""
    return mutate(
        ("      - NA\n", "      - PHASE2\n"),
        ("type: NO_INTERVENTION", "type: ACTIVE_COMPARATOR"),
        (EXERCISE_LABELS, EXERCISE_LABELS + COMPARATOR),
        *replacements,
    )


def test_a_phase_on_a_study_whose_experimental_arm_tests_no_drug(lint_text):
    finding = one(lint_text, _exercise_against_a_booklet())
    assert finding.rule.code == "P006"
    assert finding.message == (
        "phases [PHASE2] on a study whose experimental arms test only behavioral interventions "
        "and no drug; phases describe drug trials (NA otherwise)"
    )


def test_a_comparator_typed_other_with_a_drug_elsewhere_is_not_read(lint_text):
    text = _exercise_against_a_booklet(
        (COMPARATOR, COMPARATOR + DRUG.format(labels="          - Supervised exercise\n"))
    )
    assert [f.rule.code for f in family(lint_text, text)] == []


# --- the real records -------------------------------------------------------------------------


@needs_shared
def test_real_records_hits_of_family_p():
    # P005: 20 studies, each comparing a drug some arms receive and others do not, or a
    # single-arm study of drugs only (5 fewer than before issue 14: 2 drugs every arm
    # receives, 3 only a comparator arm receives).
    # P006: 2 more since experimental arms are read alone (a device against a comparator
    # typed OTHER: a digital therapeutic, a bone graft), both read and real.
    assert corpus_hits("phases") == {"P004": 12, "P005": 20, "P006": 24}
