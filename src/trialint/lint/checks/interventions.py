"""Interventions and design (family A): what an intervention's description is about, a name
that says there is no intervention or that types a device as a drug, a crossover or
sequential design registered with one arm, and a comparison with no experimental arm.

An intervention's description says what the intervention is, and for a drug or a device how
much, how and when it is given (PRS definitions, Intervention Description). Curators find
descriptions that say something else: the study ("Observational trial to collect post-market
safety and efficacy information"), its aim ("The aim of the study is to evaluate serum Mg"),
the group that receives it ("Intervention group consists of subjects randomized to ..."), or an
outcome copied word for word. A reader then learns nothing of the intervention itself.

A crossover design gives each participant the interventions in turn, in sequences that are
the arms; a sequential design gives groups their interventions one after another (PRS
definitions, Interventional Study Model). Registered with a single arm, the design says the
study compares groups that the record does not list (registry-quality rule 32).

What the real records (837, ``../shared/corpus``) taught: descriptions that begin "In this
study, ..." or "The study involves ..." go on to describe the intervention, so only a
description whose opening is about the study is reported; a one-arm SEQUENTIAL study is
usually a dose escalation whose parts or dose levels are not listed as arms; "No
intervention" is listed as an intervention only by observational studies (6); device words
in a drug's names are rare, and "implant" and "stimulator" name drugs too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_dict, as_list, as_str
from trialint.quoting import quoted
from trialint.rule import Severity, rule

_INTERVENTIONS = ("protocolSection", "armsInterventionsModule", "interventions")
_ARMS = ("protocolSection", "armsInterventionsModule", "armGroups")
_MODEL = ("protocolSection", "designModule", "designInfo", "interventionModel")
_OUTCOME_LISTS = ("primaryOutcomes", "secondaryOutcomes", "otherOutcomes")
# An outcome text shorter than this ("Pain", "Mortality") may be an intervention's name too.
_SHORTEST_COPIED_OUTCOME = 15

_DESIGN = (
    "protocolSection:\n  designModule:\n    studyType: INTERVENTIONAL\n    phases: [NA]\n"
    "    designInfo:\n      allocation: {allocation}\n      interventionModel: {model}\n"
    "      primaryPurpose: TREATMENT\n      maskingInfo: {{masking: NONE}}\n"
    "    enrollmentInfo: {{count: 24, type: ACTUAL}}\n"
    "  armsInterventionsModule:\n    armGroups:\n{arms}"
    "    interventions:\n      - type: BEHAVIORAL\n        name: Exercise training\n"
    "        description: Strength and balance training, one hour three times a week.\n"
    "        armGroupLabels: [{labels}]\n"
)
_ONE_ARM = (
    "      - label: Exercise\n        type: EXPERIMENTAL\n"
    "        description: Exercise training for 12 weeks.\n"
    "        interventionNames: ['Behavioral: Exercise training']\n"
)
_TWO_SEQUENCES = (
    "      - label: Exercise then rest\n        type: EXPERIMENTAL\n"
    "        description: Exercise training for 6 weeks, then 6 weeks without.\n"
    "        interventionNames: ['Behavioral: Exercise training']\n"
    "      - label: Rest then exercise\n        type: EXPERIMENTAL\n"
    "        description: 6 weeks without training, then exercise training for 6 weeks.\n"
    "        interventionNames: ['Behavioral: Exercise training']\n"
)


_OBSERVATIONAL_WITH_INTERVENTION = (
    "  designModule:\n    studyType: OBSERVATIONAL\n"
    "    designInfo: {{observationalModel: COHORT, timePerspective: PROSPECTIVE}}\n"
    "  armsInterventionsModule:\n    armGroups:\n      - label: Knee replacement patients\n"
    "        description: Adults with a total knee replacement in the past year.\n"
    "        interventionNames: ['Other: {name}']\n"
    "    interventions:\n      - type: OTHER\n        name: {name}\n"
    "        description: Knee replacement as chosen by the patient and the surgeon.\n"
    "        armGroupLabels: [Knee replacement patients]\n"
)


def _described(description: str) -> str:
    """The good record with its exercise intervention described by ``description``."""
    return (
        "protocolSection:\n  armsInterventionsModule:\n    armGroups:\n"
        "      - label: Exercise\n        type: EXPERIMENTAL\n"
        "        description: Supervised exercise three times a week.\n"
        "        interventionNames: ['Behavioral: Exercise training']\n"
        "      - label: Usual care\n        type: NO_INTERVENTION\n"
        "        description: Usual care without supervised exercise.\n"
        "    interventions:\n      - type: BEHAVIORAL\n        name: Exercise training\n"
        f"        description: {description}\n        armGroupLabels: [Exercise]\n"
    )


ONE_ARM_CROSSOVER_OR_SEQUENTIAL = rule(
    "A029", "one-arm-crossover-or-sequential", Severity.WARNING,
    "A CROSSOVER or SEQUENTIAL study with one arm, or, first submitted since FDAAA "
    "(2007-09-27), with none.",
    "In a crossover study the arms are the sequences in which participants receive the "
    "interventions; in a sequential one, the groups treated one after another, such as the "
    "cohorts of a dose escalation (PRS definitions, Interventional Study Model; "
    "registry-quality rule 32, after the QC review's 'unclear trial design'). One arm, or "
    "none, cannot show either: the model is wrong (SINGLE_GROUP), or the sequences, parts or "
    "cohorts are missing as arms. A010 reports a randomized, parallel or factorial study "
    "with one arm. Records first submitted before FDAAA, when the registry did not ask for "
    "arms, are not reported for having none (A014 is). Corpus: 5 one-arm SEQUENTIAL studies "
    "(a dose escalation in one arm, a 'Single Arm Observational' cohort, a positioning study "
    "of three groups) and a CROSSOVER study with no arms that compares patients with "
    "controls, all real.",
    fails=(_DESIGN.format(allocation="NA", model="SEQUENTIAL", arms=_ONE_ARM,
                          labels="Exercise"),
           _DESIGN.format(allocation="NON_RANDOMIZED", model="CROSSOVER", arms=_ONE_ARM,
                          labels="Exercise")),
    passes=(_DESIGN.format(allocation="RANDOMIZED", model="CROSSOVER", arms=_TWO_SEQUENCES,
                           labels="Exercise then rest, Rest then exercise"),),
)  # fmt: skip

INTERVENTION_ABOUT_THE_STUDY = rule(
    "A030", "intervention-description-about-the-study", Severity.WARNING,
    "An intervention description that describes the study, its aim or the group that "
    "receives it ('Observational trial to collect post-market safety data', 'The aim of the "
    "study is ...', 'Intervention group consists of subjects randomized to ...'), or copies "
    "an outcome, instead of the intervention.",
    "The intervention description says what the intervention is, in enough detail to tell it "
    "from similar ones, and for a drug or device how much, how and when it is given (PRS "
    "definitions, Intervention Description; registry-quality rule 31). A description of the "
    "study, of its aim, of the participants, or an outcome measure pasted in fills the field "
    "and says none of it (QC review: meaningless entry). Only the opening is read: 'In this "
    "study, the relaxation exercises CD was used' and 'The study involves the administration "
    "of ...' go on to describe the intervention and are left alone. An outcome is "
    "compared whole (lowercased, punctuation dropped), if at least 15 characters long. "
    "Corpus: 12 descriptions in 11 records, all real ('Translational, observational study', "
    "'This study was approved by the ... Ethics Committee', 'The study evaluated SOM230 vs "
    "Placebo', 'Dynamics of Bone marrow fat fraction by mDixon-quant (%)').",
    fails=(_described("Observational trial to collect post-market safety data."),
           _described("The aim of the study is to evaluate balance after knee replacement."),
           _described("Intervention group consists of subjects randomized to the training "
                      "arm.")),
    passes=(_described("In this study, a physiotherapist supervises strength and balance "
                       "exercises."),
            _described("Study physiotherapists supervise strength and balance exercises.")),
)  # fmt: skip


PLACEHOLDER_INTERVENTION = rule(
    "A032", "placeholder-intervention", Severity.WARNING,
    "An intervention that says there is none: named 'No intervention', 'Non-interventional', "
    "'None', 'Not applicable' or 'Observational'.",
    "An intervention is something the study gives or studies as an exposure (PRS "
    "definitions, Intervention/Exposure); an observational study with none lists none, the "
    "field being optional for it. An entry that names the absence of one is listed, "
    "searched and counted as an intervention called 'No intervention' (QC review: "
    "meaningless entry). Corpus: 6 observational studies, all real ('No intervention' "
    "described as 'There is no intervention for this study', 'Non-interventional' as "
    "'Translational, observational study').",
    fails=("protocolSection:\n" + _OBSERVATIONAL_WITH_INTERVENTION.format(name="No intervention"),),
    passes=("protocolSection:\n" + _OBSERVATIONAL_WITH_INTERVENTION.format(
        name="Total knee replacement"),),
)  # fmt: skip

DEVICE_TYPED_AS_DRUG = rule(
    "A033", "device-typed-as-drug", Severity.WARNING,
    "A drug or biological whose name or other names say it is a device: a stent, catheter, "
    "prosthesis, pacemaker, neurostimulator, electrode, cage, or a disc, nucleus or joint "
    "replacement.",
    "The intervention type says what is given: Device covers instruments, implants and "
    "apparatus, Drug and Biological what is administered (PRS definitions, Intervention "
    "Type). The type decides what the registry asks of the study (an FDA-regulated device "
    "or drug, device-feasibility designs) and how it is searched, so a nucleus replacement "
    "typed DRUG is misfiled (QC review). Implants are not read as devices: a drug may be "
    "given as one (a contraceptive or intravitreal implant), nor 'stimulator' ('Stimulator "
    "of Interferon Genes' is a drug's target). Corpus: 1, real (a nucleus "
    "replacement system typed DRUG).",
    fails=(_described("Strength and balance training.").replace(
        "type: BEHAVIORAL\n        name: Exercise training",
        "type: DRUG\n        name: Lumbar disc replacement system").replace(
        "'Behavioral: Exercise training'", "'Drug: Lumbar disc replacement system'"),),
    passes=(_described("Strength and balance training, one hour three times a week."),),
)  # fmt: skip


_USUAL_CARE = (
    "      - label: Usual care\n        type: NO_INTERVENTION\n"
    "        description: Usual care without supervised exercise.\n"
)

NO_EXPERIMENTAL_ARM = rule(
    "A034", "comparison-without-experimental-arm", Severity.WARNING,
    "An interventional study that compares ACTIVE_COMPARATOR arms with a placebo, sham or "
    "no-intervention arm and has no EXPERIMENTAL arm.",
    "An active comparator is the effective or standard treatment that what the study tests "
    "is compared with; what it tests is the experimental arm (PRS definitions, Arm Type: "
    "Experimental, Active Comparator). A study whose only other arms are a placebo, a sham "
    "or no intervention compares them with the arms it types ACTIVE_COMPARATOR: those "
    "receive what it tests, and the record says the study tests nothing (QC review: internal "
    "inconsistency; 'unclear trial design'). Studies whose arms are all ACTIVE_COMPARATOR "
    "are not judged: two standard treatments may be compared with each other. Corpus: 33 "
    "studies outside the held-out recall sample, all read, all real (a drug, a device, a "
    "stimulation or an app against placebo, sham or usual care; in two the control arm is "
    "the one mistyped: the tested follow-up typed NO_INTERVENTION, conventional CBT typed "
    "SHAM_COMPARATOR).",
    fails=(_DESIGN.format(allocation="RANDOMIZED", model="PARALLEL",
                          arms=_ONE_ARM.replace("EXPERIMENTAL", "ACTIVE_COMPARATOR")
                          + _USUAL_CARE, labels="Exercise"),),
    passes=(_DESIGN.format(allocation="RANDOMIZED", model="PARALLEL",
                           arms=_ONE_ARM + _USUAL_CARE, labels="Exercise"),),
)  # fmt: skip
# The arm types that make an arm the control of a comparison, not a treatment compared.
_CONTROLS = ("PLACEBO_COMPARATOR", "SHAM_COMPARATOR", "NO_INTERVENTION")

ONLY_OTHER_ARMS = rule(
    "A035", "arms-typed-only-other", Severity.INFO,
    "An arm typed OTHER in a treatment, prevention or supportive-care study none of whose "
    "arms is typed otherwise (but NO_INTERVENTION), and that is not a crossover.",
    "The arm type says what each arm is to the comparison (PRS definitions, Arm Type: "
    "Experimental, Active Comparator, Placebo Comparator, Sham Comparator, No Intervention, "
    "Other): a study that treats or prevents gives the arm receiving what it tests the type "
    "EXPERIMENTAL, and its control the type of control it is. When every arm is OTHER the "
    "record says nothing of which arm is tested (a single afatinib arm, an app against an "
    "education control, two surgical techniques), and searches by arm type miss the study. "
    "OTHER stays right for an arm that is neither, so the finding is information: "
    "diagnostic, screening and basic-science studies are not judged, nor crossovers, whose "
    "sequences each receive every intervention. Corpus: 29 arms in 20 studies, those "
    "outside the held-out recall sample read, all but one arm plainly tested or control "
    "arms (imaging during chemoradiotherapy, typed TREATMENT, is the doubtful one); curators "
    "of the tuning samples marked 7 of 8.",
    fails=(_DESIGN.format(allocation="RANDOMIZED", model="PARALLEL",
                          arms=_ONE_ARM.replace("EXPERIMENTAL", "OTHER") + _USUAL_CARE,
                          labels="Exercise"),),
    passes=(_DESIGN.format(allocation="RANDOMIZED", model="PARALLEL",
                           arms=_ONE_ARM + _USUAL_CARE, labels="Exercise"),),
)  # fmt: skip
# The purposes of a study that gives an intervention to change a health outcome, whose arms
# are either what is tested or its control.
_TREATING = ("TREATMENT", "PREVENTION", "SUPPORTIVE_CARE")


@check(NO_EXPERIMENTAL_ARM, ONLY_OTHER_ARMS)
def comparison_without_experimental_arm(record: Record, context: Context) -> Iterator[Hit]:
    """Against a placebo, a sham or no intervention, the arms compared receive what the study
    tests: typed ACTIVE_COMPARATOR, they leave the study with nothing experimental. Typed
    OTHER, every one, they leave it with nothing tested and nothing to compare it with."""
    if record.study_type != "INTERVENTIONAL":
        return
    active: list[tuple[int, str]] = []
    other: list[tuple[int, str]] = []
    only_other = True  # every arm OTHER or NO_INTERVENTION
    control: tuple[int, str, str] | None = None
    for index, arm in record.arm_groups:
        kind = arm.get("type")
        if kind == "EXPERIMENTAL":
            return
        label = as_str(arm.get("label")) or f"arm {index + 1}"
        if kind == "ACTIVE_COMPARATOR":
            active.append((index, label))
        elif kind == "OTHER":
            other.append((index, label))
        if kind not in ("OTHER", "NO_INTERVENTION"):
            only_other = False
        if control is None and kind in _CONTROLS:
            control = (index, label, kind)
    if only_other and other and _treating(record):
        for index, label in other:
            yield Hit(ONLY_OTHER_ARMS,
                      f"arm {quoted(label)} is typed OTHER, as is every arm of this "
                      f"{record.design_info.get('primaryPurpose')} study but a no-intervention "
                      "one: type the arm that receives what the study tests EXPERIMENTAL, and "
                      "a control by the control it is", (*_ARMS, index, "type"))  # fmt: skip
        return
    if control is None:
        return
    control_index, control_label, control_type = control
    for index, label in active:
        yield Hit(NO_EXPERIMENTAL_ARM,
                  f"arm {quoted(label)} is ACTIVE_COMPARATOR and no arm is EXPERIMENTAL, yet the "
                  f"study compares it with {quoted(control_label)} ({control_type}): make the arm "
                  "that receives what the study tests EXPERIMENTAL",
                  (*_ARMS, index, "type"),
                  related=((*_ARMS, control_index, "type"),))  # fmt: skip


def _treating(record: Record) -> bool:
    """Whether the study gives what it tests to treat, prevent or support, in arms that are
    not each other's sequences (a crossover's arms each receive every intervention)."""
    design = record.design_info
    return (design.get("primaryPurpose") in _TREATING
            and design.get("interventionModel") != "CROSSOVER")  # fmt: skip


@check(ONE_ARM_CROSSOVER_OR_SEQUENTIAL)
def crossover_or_sequential_arms(record: Record, context: Context) -> Iterator[Hit]:
    """A crossover or sequential design compares groups: with one arm (or none) the record
    cannot show them."""
    if record.study_type != "INTERVENTIONAL":
        return
    model = as_str(record.design_info.get("interventionModel"))
    if model not in ("CROSSOVER", "SEQUENTIAL"):
        return
    count = len(record.arm_groups)
    if count >= 2 or (count == 0 and (record.first_submitted is None or record.before_fdaaa)):
        return
    what = "in which sequences" if model == "CROSSOVER" else "which groups, in turn,"
    if count == 1:
        [(_, arm)] = record.arm_groups
        label = as_str(arm.get("label"))
        has = f"one arm ({quoted(label)})" if label else "one arm"
    else:
        has = "no arms"
    yield Hit(ONE_ARM_CROSSOVER_OR_SEQUENTIAL,
              f"interventionModel {model}, but the study has {has}: list as arms {what} "
              "participants receive the interventions, or make the model SINGLE_GROUP",
              _MODEL, related=(_ARMS,))  # fmt: skip


# The opening of a description that is about the study rather than the intervention: a kind
# of study ("Translational, observational study", "Observational trial to collect ...",
# "Prospective and retrospective study evaluating ..."), "This is a survey study", "This
# study was approved ...", "The study evaluated X vs placebo", "The aim of the study is ...".
# Not "In this study, ..." nor "Study drug ...": those go on to describe the intervention.
_ABOUT_THE_STUDY = re.compile(
    r"(?:this|it)\s+is\s+an?\s+(?:[\w-]+,?\s+){0,4}?(?:study|trial)\b"
    r"|(?!in\s|during\s|for\s|throughout\s)(?:an?\s+)?(?:[\w-]+,?\s+(?:and\s+)?){0,4}?"
    r"(?:study|trial)(?:\s*(?:$|[.,;:])|\s+(?:to|evaluating|assessing|investigating|comparing"
    r"|examining|exploring|of|that|which|in|aim\w*)\s)"
    r"|(?:this|the)\s+(?:study|trial)\s+(?:is|was|will\s+be)\s+"
    r"(?:an?\s|approved|designed|conducted|registered|performed)"
    r"|(?:this|the)\s+(?:study|trial)\s+(?:will\s+)?"
    r"(?:evaluat|compar|aim|investigat|assess|examin|explor|test)\w*"
    r"|the\s+(?:main\s+|primary\s+)?(?:aim|purpose|objective|goal)s?\s+of\s+(?:the|this|our)\s+"
    r"(?:study|trial|research)",
    re.IGNORECASE,
)
# The group, not the intervention: "Intervention group consists of subjects randomized ...".
_ABOUT_THE_GROUP = re.compile(
    r"\b(?:group|arm|cohort)\s+(?:consists?|consisting|is\s+composed|comprises?|includes?"
    r"|including)\s+(?:of\s+)?(?:\w+\s+){0,2}(?:subjects|patients|participants|individuals)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
_LEADING = re.compile(r"\W*")


def _loose(text: str) -> str:
    """Text compared whole but loosely: lowercased words, punctuation dropped."""
    return " ".join(_WORD.findall(text.casefold()))


def _outcome_texts(record: Record) -> set[str]:
    """The measures and descriptions of the record's outcomes, compared loosely."""
    texts = set()
    for key in _OUTCOME_LISTS:
        for outcome in as_list(record.outcomes.get(key)):
            for field in ("measure", "description"):
                text = as_str(as_dict(outcome).get(field))
                if text and len(loose := _loose(text)) >= _SHORTEST_COPIED_OUTCOME:
                    texts.add(loose)
    return texts


def _what_it_says(description: str, outcomes: set[str]) -> str | None:
    """What a description is about when it is not the intervention, or None."""
    start = _LEADING.match(description)
    found = _ABOUT_THE_STUDY.match(description, start.end() if start else 0)
    if found is not None:
        return f"describes the study ({quoted(found.group().strip())} ...)"
    found = _ABOUT_THE_GROUP.search(description)
    if found is not None:
        return f"describes the group that receives it ({quoted(found.group())})"
    if outcomes and _loose(description) in outcomes:
        return "copies an outcome of the study"
    return None


def _intervention(index: int, item: dict[str, Any]) -> str:
    name = as_str(item.get("name"))
    return f"intervention {quoted(name)}" if name else f"intervention {index + 1}"


@check(INTERVENTION_ABOUT_THE_STUDY)
def description_about_the_study(record: Record, context: Context) -> Iterator[Hit]:
    """A description is for the intervention; one about the study, its aim, its participants
    or an outcome tells a reader nothing of what is given."""
    outcomes: set[str] | None = None
    for index, item in record.interventions:
        description = as_str(item.get("description"))
        if not description or not description.strip():
            continue  # missing or empty: A016's
        if outcomes is None:
            outcomes = _outcome_texts(record)  # once, for the first described intervention
        says = _what_it_says(description, outcomes)
        if says is not None:
            yield Hit(INTERVENTION_ABOUT_THE_STUDY,
                      f"the description of {_intervention(index, item)} {says} instead of "
                      "the intervention: say what it is and how, how much and when it is "
                      "given", (*_INTERVENTIONS, index, "description"))  # fmt: skip


# A name that says there is no intervention ("No intervention", "Non-interventional", "N/A").
_NO_INTERVENTION = re.compile(
    r"\W*(?:no(?:n|t)?[- ]?(?:interventions?|interventional|treatments?)|none|n/?a"
    r"|not\s+applicable|observation(?:al)?(?:\s+(?:study|only))?"
    r"|no\s+(?:study\s+)?intervention\s+(?:given|performed|administered))\W*",
    re.IGNORECASE,
)
# What makes a device by its name: not "implant", which a drug may be given as, nor
# "stimulator" ("Stimulator of Interferon Genes" is a drug's target).
_DEVICE = re.compile(
    r"\b(?:devices?|stents?|catheters?|prosthes[ie]s|prosthetic|pacemakers?|neurostimulators?"
    r"|electrodes?|cages?|(?:disc|disk|nucleus|joint|knee|hip|valve)\s+replacement)\b",
    re.IGNORECASE,
)


@check(PLACEHOLDER_INTERVENTION, DEVICE_TYPED_AS_DRUG)
def intervention_names(record: Record, context: Context) -> Iterator[Hit]:
    """An intervention's name says what it is: not that there is none, nor a device typed as
    a drug."""
    for index, item in record.interventions:
        name = as_str(item.get("name"))
        if not name:
            continue
        if _NO_INTERVENTION.fullmatch(name):
            yield Hit(PLACEHOLDER_INTERVENTION,
                      f"intervention {quoted(name)} says there is none: remove it (an "
                      "observational study may list no intervention), or name what the "
                      "participants receive or are exposed to",
                      (*_INTERVENTIONS, index, "name"))  # fmt: skip
            continue
        kind = item.get("type")
        if kind not in ("DRUG", "BIOLOGICAL"):
            continue
        names = [name, *(other for other in as_list(item.get("otherNames"))
                         if isinstance(other, str))]  # fmt: skip
        for written in names:
            found = _DEVICE.search(written)
            if found is not None:
                yield Hit(DEVICE_TYPED_AS_DRUG,
                          f"intervention {quoted(name)} is typed {kind}, but {quoted(written)} "
                          "names a "
                          f"device ({quoted(found.group())}); make it DEVICE",
                          (*_INTERVENTIONS, index, "type"))  # fmt: skip
                break
