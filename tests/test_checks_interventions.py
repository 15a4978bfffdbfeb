"""Family A, interventions module: an intervention described by the study, its aim, its group
or an outcome (A030), and a crossover or sequential design with one arm (A029), on the good
record mutated: exact code, position, pointer and message."""

from __future__ import annotations

from functools import partial

import pytest

from conftest import (
    corpus_hits,
    family_findings,
    mutate,
    needs_shared,
    only_family_finding,
    position_of,
)

DESIGN_INFO = "/protocolSection/designModule/designInfo"
INTERVENTIONS = "/protocolSection/armsInterventionsModule/interventions"
DESCRIPTION = (
    "description: Progressive strength and balance exercises supervised by a physiotherapist."
)
USUAL_CARE = (
    "      - label: Usual care\n        type: NO_INTERVENTION\n"
    "        description: Usual care after discharge, without supervised exercise.\n"
)
# A single-arm record: the usual-care arm gone, not randomized, and the words that said so.
SINGLE_ARM = (
    (USUAL_CARE, ""),
    ("allocation: RANDOMIZED", "allocation: NA"),
    ("A Randomized Trial", "A Trial"),
    ("are randomly assigned to", "take"),
)

family = partial(family_findings, prefix="A")
one = partial(only_family_finding, prefix="A")


# --- A029 one-arm-crossover-or-sequential ------------------------------------------------------


def test_sequential_study_with_one_arm(lint_text):
    text = mutate(*SINGLE_ARM, ("interventionModel: PARALLEL", "interventionModel: SEQUENTIAL"))
    finding = one(lint_text, text)
    assert finding.rule.code == "A029"
    assert finding.level == "warning"
    assert (finding.line, finding.column) == position_of(text, "SEQUENTIAL")
    assert finding.pointer == f"{DESIGN_INFO}/interventionModel"
    assert finding.message == (
        "interventionModel SEQUENTIAL, but the study has one arm ('Supervised exercise'): list "
        "as arms which groups, in turn, participants receive the interventions, or make the "
        "model SINGLE_GROUP"
    )


def test_crossover_study_with_one_arm(lint_text):
    text = mutate(*SINGLE_ARM, ("interventionModel: PARALLEL", "interventionModel: CROSSOVER"))
    finding = one(lint_text, text)
    assert finding.rule.code == "A029"
    assert finding.message.startswith(
        "interventionModel CROSSOVER, but the study has one arm ('Supervised exercise'): list "
        "as arms in which sequences participants receive"
    )


def test_crossover_study_without_arms_since_fdaaa(lint_text):
    arms = mutate(("interventionModel: PARALLEL", "interventionModel: CROSSOVER"))
    start, end = arms.index("    armGroups:"), arms.index("    interventions:")
    text = arms[:start] + arms[end:].replace(
        "        armGroupLabels:\n          - Supervised exercise\n", ""
    )
    findings = family(lint_text, text)
    [crossover] = [f for f in findings if f.rule.code == "A029"]
    assert crossover.pointer == f"{DESIGN_INFO}/interventionModel"
    assert "the study has no arms" in crossover.message
    assert "A013" in {f.rule.code for f in findings}  # no arms at all: reported as well


@pytest.mark.parametrize("model", ["SINGLE_GROUP", "CROSSOVER", "SEQUENTIAL"])
def test_designs_that_agree_with_the_arms(lint_text, model):
    two_arms = mutate(("interventionModel: PARALLEL", f"interventionModel: {model}"))
    if model == "SINGLE_GROUP":
        two_arms = mutate(*SINGLE_ARM, ("interventionModel: PARALLEL", "interventionModel: "
                                                                       "SINGLE_GROUP"))  # fmt: skip
    assert "A029" not in {f.rule.code for f in family(lint_text, two_arms)}


def test_observational_studies_are_not_judged(lint_text):
    text = mutate(*SINGLE_ARM, ("interventionModel: PARALLEL", "interventionModel: SEQUENTIAL"),
                  ("studyType: INTERVENTIONAL", "studyType: OBSERVATIONAL"))  # fmt: skip
    assert "A029" not in {f.rule.code for f in family(lint_text, text)}


# --- A030 intervention-description-about-the-study -------------------------------------------


@pytest.mark.parametrize(
    ("description", "says"),
    [
        ("Observational trial to collect post-market safety data.",
         "describes the study ('Observational trial to' ...)"),
        ("Translational, observational study",
         "describes the study ('Translational, observational study' ...)"),
        ("This is a non-interventional study.",
         "describes the study ('This is a non-interventional study' ...)"),
        ("The aim of the study is to evaluate walking after knee replacement.",
         "describes the study ('The aim of the study' ...)"),
        ("The study evaluated exercise vs usual care.",
         "describes the study ('The study evaluated' ...)"),
        ("Intervention group consists of subjects randomized to the exercise arm.",
         "describes the group that receives it ('group consists of subjects')"),
        ("Distance walked in six minutes, in metres.", "copies an outcome of the study"),
    ],
)  # fmt: skip
def test_description_about_the_study(lint_text, description, says):
    text = mutate((DESCRIPTION, f"description: {description}"))
    finding = one(lint_text, text)
    assert finding.rule.code == "A030"
    assert finding.level == "warning"
    assert (finding.line, finding.column) == position_of(text, description)
    assert finding.pointer == f"{INTERVENTIONS}/0/description"
    assert finding.message == (
        f"the description of intervention 'Supervised exercise training' {says} instead of the "
        "intervention: say what it is and how, how much and when it is given"
    )


@pytest.mark.parametrize(
    "description",
    [
        "In this study, a physiotherapist supervises strength and balance exercises.",
        "The study involves three supervised sessions of strength exercises a week.",
        "Study physiotherapists supervise strength and balance exercises.",
        "Trial physiotherapists supervise strength and balance exercises.",
        "Six-minute walk training, three sessions a week.",
        "Usual care group consists of exercises at home.",
    ],
)
def test_descriptions_of_the_intervention_pass(lint_text, description):
    text = mutate((DESCRIPTION, f"description: {description}"))
    assert family(lint_text, text) == []


# --- A032 placeholder-intervention, A033 device-typed-as-drug -----------------------------------

INTERVENTION_NAME = "name: Supervised exercise training"
REFERENCE = '"Behavioral: Supervised exercise training"'


def _named(name: str, kind: str = "BEHAVIORAL", other: str = "") -> str:
    """The good record with its intervention called ``name``, of type ``kind``."""
    display = {"BEHAVIORAL": "Behavioral", "DRUG": "Drug", "BIOLOGICAL": "Biological",
               "OTHER": "Other"}[kind]  # fmt: skip
    others = f"        otherNames: [{other}]\n" if other else ""
    return mutate((INTERVENTION_NAME, f"name: {name}\n{others}".rstrip("\n")),
                  ("type: BEHAVIORAL", f"type: {kind}"),
                  (REFERENCE, f'"{display}: {name}"'))  # fmt: skip


@pytest.mark.parametrize("name", ["No intervention", "Non-interventional", "None", "N/A",
                                  "Not applicable", "Observational study"])  # fmt: skip
def test_intervention_that_says_there_is_none(lint_text, name):
    text = _named(name, "OTHER")
    [finding] = [f for f in family(lint_text, text) if f.rule.code == "A032"]
    assert finding.level == "warning"
    assert finding.pointer == f"{INTERVENTIONS}/0/name"
    assert finding.line == position_of(text, f"name: {name}")[0]
    assert finding.message == (
        f"intervention {name!r} says there is none: remove it (an observational study may "
        "list no intervention), or name what the participants receive or are exposed to"
    )


@pytest.mark.parametrize("name", ["Non-invasive ventilation", "Observation of gait",
                                  "No-touch isolation technique"])  # fmt: skip
def test_interventions_named_for_what_they_are(lint_text, name):
    assert "A032" not in {f.rule.code for f in family(lint_text, _named(name, "OTHER"))}


@pytest.mark.parametrize(
    ("name", "other", "kind", "written", "found"),
    [
        ("PerQdisc", "PerQdisc Nucleus Replacement System", "DRUG",
         "PerQdisc Nucleus Replacement System", "Nucleus Replacement"),
        ("Drug-eluting coronary stent", "", "DRUG", "Drug-eluting coronary stent", "stent"),
        ("Tunnelled central venous catheter", "", "BIOLOGICAL",
         "Tunnelled central venous catheter", "catheter"),
    ],
)  # fmt: skip
def test_device_typed_as_drug(lint_text, name, other, kind, written, found):
    text = _named(name, kind, other)
    [finding] = [f for f in family(lint_text, text) if f.rule.code == "A033"]
    assert finding.level == "warning"
    assert finding.pointer == f"{INTERVENTIONS}/0/type"
    line, column = position_of(text, f"type: {kind}")
    assert (finding.line, finding.column) == (line, column + len("type: "))
    assert finding.message == (
        f"intervention {name!r} is typed {kind}, but {written!r} names a device ({found!r}); "
        "make it DEVICE"
    )


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Dexamethasone intravitreal implant", ""),  # a drug given as an implant
        ("STAV-loaded leukemic cells", "STING (Stimulator of Interferon Genes) activators"),
    ],
)
def test_drugs_whose_names_mention_no_device(lint_text, name, other):
    codes = {f.rule.code for f in family(lint_text, _named(name, "BIOLOGICAL", other))}
    assert "A033" not in codes


# --- A034 comparison-without-experimental-arm -------------------------------------------------

ARMS = "/protocolSection/armsInterventionsModule/armGroups"


def test_active_comparator_against_no_intervention(lint_text):
    text = mutate(("type: EXPERIMENTAL", "type: ACTIVE_COMPARATOR"))
    finding = one(lint_text, text)
    assert finding.rule.code == "A034"
    assert finding.level == "warning"
    line, column = position_of(text, "type: ACTIVE_COMPARATOR")
    assert (finding.line, finding.column) == (line, column + len("type: "))
    assert finding.pointer == f"{ARMS}/0/type"
    assert [other.pointer for other in finding.related] == [f"{ARMS}/1/type"]
    assert finding.message == (
        "arm 'Supervised exercise' is ACTIVE_COMPARATOR and no arm is EXPERIMENTAL, yet the "
        "study compares it with 'Usual care' (NO_INTERVENTION): make the arm that receives "
        "what the study tests EXPERIMENTAL"
    )


@pytest.mark.parametrize("control", ["PLACEBO_COMPARATOR", "SHAM_COMPARATOR"])
def test_active_comparator_against_placebo_or_sham(lint_text, control):
    text = mutate(
        ("type: EXPERIMENTAL", "type: ACTIVE_COMPARATOR"),
        ("type: NO_INTERVENTION", f"type: {control}"),
    )
    found = [f for f in family(lint_text, text) if f.rule.code == "A034"]
    assert [f.pointer for f in found] == [f"{ARMS}/0/type"]
    assert f"'Usual care' ({control})" in found[0].message


def test_each_active_comparator_arm_is_reported(lint_text):
    second = (
        "      - label: Home exercise\n        type: ACTIVE_COMPARATOR\n"
        "        description: Home exercise twice a week for 12 weeks.\n"
        "      - label: Usual care\n"
    )
    text = mutate(
        ("type: EXPERIMENTAL", "type: ACTIVE_COMPARATOR"),
        ("      - label: Usual care\n", second),
    )
    found = [f for f in family(lint_text, text) if f.rule.code == "A034"]
    assert [f.pointer for f in found] == [f"{ARMS}/0/type", f"{ARMS}/1/type"]
    assert all(other.pointer == f"{ARMS}/2/type" for f in found for other in f.related)


@pytest.mark.parametrize(
    "replacements",
    [
        (),  # an experimental arm against usual care
        (("type: NO_INTERVENTION", "type: ACTIVE_COMPARATOR"),),  # against an active comparator
        # two active treatments compared with each other: not judged
        (("type: EXPERIMENTAL", "type: ACTIVE_COMPARATOR"),
         ("type: NO_INTERVENTION", "type: ACTIVE_COMPARATOR")),
    ],
)  # fmt: skip
def test_designs_with_an_experimental_arm_or_no_control(lint_text, replacements):
    codes = {f.rule.code for f in family(lint_text, mutate(*replacements))}
    assert "A034" not in codes


# --- A035 arms-typed-only-other -----------------------------------------------------------------


def test_every_arm_typed_other_in_a_treatment_study(lint_text):
    text = mutate(("type: EXPERIMENTAL", "type: OTHER"))
    found = [f for f in family(lint_text, text) if f.rule.code == "A035"]
    assert [(f.pointer, f.level) for f in found] == [(f"{ARMS}/0/type", "info")]
    assert found[0].message == (
        "arm 'Supervised exercise' is typed OTHER, as is every arm of this TREATMENT study but "
        "a no-intervention one: type the arm that receives what the study tests EXPERIMENTAL, "
        "and a control by the control it is"
    )


@pytest.mark.parametrize(
    "replacement",
    [
        # an arm typed otherwise says which is compared with which
        ("type: NO_INTERVENTION", "type: ACTIVE_COMPARATOR"),
        # a diagnostic study's arms may each be neither tested nor control
        ("primaryPurpose: TREATMENT", "primaryPurpose: DIAGNOSTIC"),
        # a crossover's sequences each receive every intervention
        ("interventionModel: PARALLEL", "interventionModel: CROSSOVER"),
    ],
)
def test_other_arms_that_are_not_judged(lint_text, replacement):
    text = mutate(("type: EXPERIMENTAL", "type: OTHER"), replacement)
    assert "A035" not in {f.rule.code for f in family(lint_text, text)}


def test_observational_groups_have_no_type_to_judge():
    from trialint.lint.checks.interventions import comparison_without_experimental_arm
    from trialint.lint.engine import Context
    from trialint.lint.record import Record

    from conftest import TODAY

    record = Record(
        {
            "protocolSection": {
                "designModule": {"studyType": "OBSERVATIONAL"},
                "armsInterventionsModule": {
                    "armGroups": [
                        {"label": "A", "type": "ACTIVE_COMPARATOR"},
                        {"label": "B", "type": "NO_INTERVENTION"},
                    ]
                },
            }
        }
    )
    assert list(comparison_without_experimental_arm(record, Context(TODAY))) == []


@needs_shared
def test_interventions_in_the_corpus():
    # read one by one: 6 one-arm SEQUENTIAL or armless CROSSOVER studies whose groups,
    # cohorts or sequences are missing; 12 descriptions in 11 records about the study, its
    # aim or the group ('Translational, observational study', 'The study evaluated SOM230 vs
    # Placebo', 'This study was approved by the ... Ethics Committee') or an outcome copied;
    # 6 observational studies listing 'No intervention' or 'Non-interventional'; a nucleus
    # replacement system typed DRUG
    # A034: 33 studies outside the held-out recall sample, read one by one, all real (a drug,
    # device, stimulation or app typed ACTIVE_COMPARATOR against placebo, sham or usual care)
    # A035: 29 arms of 20 studies typed only OTHER, read one by one: the tested arm or the
    # control of a treatment, prevention or supportive-care study (one doubtful: imaging
    # during chemoradiotherapy)
    assert corpus_hits("interventions") == {
        "A029": 6, "A030": 12, "A032": 6, "A033": 1, "A034": 42, "A035": 29,
    }  # fmt: skip
