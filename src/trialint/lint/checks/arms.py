"""Arms, interventions and design (family A): arm descriptions, the arm/intervention
cross-reference, and whether the design agrees with the arms and with who is masked.

The rules follow ``prs-rules.md`` C4 and D2-D5 and ``registry-quality-rules.md`` 29-33, checked
against the real records of ``../shared/corpus``. What the data taught:

- The registry's own exports never break the cross-reference (every ``interventionNames``
  entry is ``"<Type>: <name>"`` and resolves, every ``armGroupLabels`` entry is an arm label,
  every intervention belongs to an arm): a broken link in a curator's file is a real error.
- Two interventions may share a name (with different types or descriptions: 15 of 837
  records), so a name is matched against all of them, and its type prefix picks among them.
- Observational groups usually have no intervention (63 of 241) and often no description
  (44 of 241): the rules asking for either apply to interventional arms only.
- Arm descriptions are conditionally required (Arm Information: "if necessary, additional
  descriptive information ... to differentiate each arm"); 116 arms of interventional
  records submitted since 2017 have none.
- Real data breaks "SINGLE_GROUP means one arm" (dose-escalation cohorts are registered as
  several arms of a single-group study), but never "randomized means several arms".
- Legacy records are exempt, not invisible: what the registry did not ask for when a record was
  first submitted (arms before FDAAA, intervention descriptions before the final rule) is
  reported at info level by rules of its own (A014, A017), so that an auditor sees the gap.
- Observational studies have groups or cohorts, which receive nothing: the messages say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from trialint.finding import Fix
from trialint.lint.checks.placeholders import placeholder, repeats
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_dict, as_list, as_str
from trialint.lint.ruledata import rule_data
from trialint.patterns import lazy_pattern
from trialint.quoting import quoted
from trialint.registry import (
    ARM_TYPES,
    INTERVENTION_TYPE_DISPLAY,
    MASKED_ROLES,
    MASKING_LEVELS,
)
from trialint.rule import LEGACY_STUDY, FixKind, Severity, rule, status_module
from trialint.suggest import closest

AIM = ("protocolSection", "armsInterventionsModule")
ARMS = (*AIM, "armGroups")
# An arm description shorter than this says too little (registry-quality rule 29).
SHORTEST_ARM_DESCRIPTION = 20
INTERVENTIONS = (*AIM, "interventions")
DESIGN_INFO = ("protocolSection", "designModule", "designInfo")
MASKING_INFO = (*DESIGN_INFO, "maskingInfo")

TYPE_DISPLAY = INTERVENTION_TYPE_DISPLAY
_DISPLAY_TYPE = {display: kind for kind, display in TYPE_DISPLAY.items()}
# A prefix as a curator may write it ("Drug", "drug", "DRUG", "Dietary_Supplement"): its type.
_PREFIX_TYPE = {
    spelling: kind
    for kind, display in TYPE_DISPLAY.items()
    for spelling in (display.casefold(), kind.casefold(), kind.casefold().replace("_", " "))
}
_LEVEL_NAMES = {count: name for name, count in MASKING_LEVELS.items()}
# A label that is only a code: "Arm A", "Group 2", "Cohort 1", "Part B", "Arm IIa", "3".
_CODED_LABEL = lazy_pattern(
    r"\s*(?:(?:arm|group|cohort|part|stage|panel|sequence|period|regimen|treatment|subgroup"
    r"|population|block)\s*[-:#.]?\s*)?(?:[a-z]|\d{1,3}|[ivx]{1,5}[ab]?|[a-z]\d{1,2}|\d{1,2}[a-z])"
    r"[.:]?\s*",
    re.IGNORECASE,
)

# The examples' modules. Each replaces the good record's module of the same name.
_OBSERVATIONAL = (
    "  designModule:\n    studyType: OBSERVATIONAL\n"
    "    designInfo: {observationalModel: COHORT, timePerspective: PROSPECTIVE}\n"
)


_EXERCISE_DESCRIPTION = (
    "        description: Strength and balance training, one hour three times a week.\n"
)


def _two_arms(exercise_arm: str = "", exercise_intervention: str = "") -> str:
    """An armsInterventionsModule with an exercise arm and a usual-care arm (the good record's
    randomized design stays); the arguments are the lines written after the exercise arm's
    label and after the intervention's name."""
    return (
        "protocolSection:\n  armsInterventionsModule:\n    armGroups:\n"
        "      - label: Exercise\n        type: EXPERIMENTAL\n"
        + (exercise_arm or "        description: Supervised exercise three times a week.\n"
           "        interventionNames: ['Behavioral: Exercise training']\n")
        + "      - label: Usual care\n        type: NO_INTERVENTION\n"
        "        description: Usual care without supervised exercise.\n"
        "    interventions:\n      - type: BEHAVIORAL\n        name: Exercise training\n"
        + ("" if "description:" in exercise_intervention else _EXERCISE_DESCRIPTION)
        + (exercise_intervention or "        armGroupLabels: [Exercise]\n")
    )  # fmt: skip


def _design(info: str, arms: int) -> str:
    """An interventional study with ``info`` as its designInfo lines and ``arms`` drug arms,
    titled as the dose-finding study it is (the good record's title says 'Randomized')."""
    labels = [f"Dose level {number}" for number in range(1, arms + 1)]
    return (
        "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
        "    orgStudyIdInfo: {id: TRIALINT-001}\n"
        "    organization: {fullName: Example University Hospital, class: OTHER}\n"
        "    briefTitle: Doses of Drug X\n    officialTitle: A Dose-Finding Study of Drug X\n"
        "  descriptionModule:\n    briefSummary: Adults take Drug X at one of its dose levels.\n"
        "  designModule:\n    studyType: INTERVENTIONAL\n    phases: [PHASE1]\n"
        "    designInfo:\n" + info + "      primaryPurpose: TREATMENT\n"
        "      maskingInfo: {masking: NONE}\n  armsInterventionsModule:\n    armGroups:\n"
        + "".join(f"      - label: {label}\n        type: EXPERIMENTAL\n"
                  f"        description: Drug X at {label.lower()}.\n"
                  "        interventionNames: ['Drug: Drug X']\n" for label in labels)
        + "    interventions:\n      - type: DRUG\n        name: Drug X\n"
        "        description: Drug X tablets taken by mouth once a day.\n"
        f"        armGroupLabels: [{', '.join(labels)}]\n"
    )  # fmt: skip


def _masking(masking: str, roles: str | None) -> str:
    who = f", whoMasked: [{roles}]" if roles is not None else ""
    return (
        "protocolSection:\n  designModule:\n    studyType: INTERVENTIONAL\n    phases: [NA]\n"
        "    designInfo:\n      allocation: RANDOMIZED\n      interventionModel: PARALLEL\n"
        f"      primaryPurpose: TREATMENT\n      maskingInfo: {{masking: {masking}{who}}}\n"
    )


ARM_WITHOUT_DESCRIPTION = rule(
    "A001", "arm-without-description", Severity.WARNING,
    "An arm of an interventional study with no description, or an empty one.",
    "The arm description says what participants in the arm receive and tells the arms apart "
    "(PRS definitions and 42 CFR Part 11, Arm Information: a description 'if necessary' to "
    "differentiate the arms, hence a warning; registry-quality rule 29). A seed record has "
    "an empty one. Observational groups are not checked: 44 of 241 real ones have none.",
    fails=(_two_arms("        interventionNames: ['Behavioral: Exercise training']\n"),
           _two_arms("        description: ''\n"
                     "        interventionNames: ['Behavioral: Exercise training']\n")),
    passes=(_two_arms(),
            "protocolSection:\n" + _OBSERVATIONAL + "  armsInterventionsModule:\n"
            "    armGroups:\n      - label: Knee replacement patients\n"),
)  # fmt: skip
PLACEHOLDER_ARM_DESCRIPTION = rule(
    "A002", "placeholder-arm-description", Severity.WARNING,
    "An arm or group description that says nothing: 'N/A', 'TBD', '-', 'none', or its label.",
    "A description is there to say what the arm receives beyond its label (PRS definitions, "
    "Arm Description). A placeholder, a type of arm ('Control group', 'Test group'), or the "
    "label repeated (13 real arms, 'Placebo' described as 'Placebo.'), looks filled in and "
    "tells the reader nothing. The phrases are rules/placeholder-descriptions.yaml's, shared "
    "with A021.",
    fails=(_two_arms("        description: N/A\n"
                     "        interventionNames: ['Behavioral: Exercise training']\n"),
           _two_arms("        description: Exercise.\n"
                     "        interventionNames: ['Behavioral: Exercise training']\n")),
    passes=(_two_arms(),),
)  # fmt: skip
SHORT_ARM_DESCRIPTION = rule(
    "A026", "short-arm-description", Severity.WARNING,
    f"An arm of an interventional study (not NO_INTERVENTION) described in fewer than "
    f"{SHORTEST_ARM_DESCRIPTION} characters with no dose, route or schedule: 'Only "
    "exercises', 'Digital Therapeutic', 'cohort B', 'SHR-A2009'.",
    "The arm description says what the arm's participants receive, how much and for how "
    "long, so a reader can tell the arms apart without the protocol (PRS definitions, Arm "
    "Description). A description shorter than 20 characters is counted as missing in "
    "registry-quality rule 29 (Viergever et al.: half of the registry's arms were described "
    "completely): two or three words name the intervention, not what is done with it. Not "
    "reported when the words give a dose, a route or a schedule ('75mg/m2', 'Injection of "
    "NaCl'), nor for a NO_INTERVENTION arm, whose 'Usual care' says all there is, nor where "
    "A002 reports a placeholder or the label repeated. Corpus: 18 hits, 17 read, all "
    "fragments that say nothing of dose or schedule ('Only exercises', 'Exercises+HILT', "
    "'PRIMUS system', 'CE Marked Device'), a drug's code alone, 'Placebo', a cohort's name.",
    fails=(_two_arms("        description: Only exercises\n"
                     "        interventionNames: ['Behavioral: Exercise training']\n"),),
    passes=(_two_arms(),
            _two_arms("        description: Exercise, 3x weekly\n"
                      "        interventionNames: ['Behavioral: Exercise training']\n")),
)  # fmt: skip
PLACEHOLDER_INTERVENTION_DESCRIPTION = rule(
    "A021", "placeholder-intervention-description", Severity.WARNING,
    "An intervention description that says nothing: it repeats the intervention's name, names "
    "a type of arm ('Placebo Comparator', 'Experimental group'), is a template's boilerplate "
    "('Specified dose on specified days') or a placeholder ('N/A').",
    "An intervention's description says what it is and, for a drug, its dose, route and "
    "schedule (PRS definitions, Intervention Description; QC review: meaningless entry); A002 "
    "asks the same of an arm's. The phrases are rules/placeholder-descriptions.yaml's, which "
    "a curator can extend (compared lowercased, punctuation read as spaces). Corpus: 54 "
    "hits, all placeholders (32 descriptions that repeat the name, 17 boilerplate, among "
    "them NCI's 'Ancillary studies', 5 a type of arm).",
    fails=(_two_arms(exercise_intervention="        description: Exercise training.\n"
                     "        armGroupLabels: [Exercise]\n"),),
    passes=(_two_arms(),),
)  # fmt: skip
UNKNOWN_INTERVENTION = rule(
    "A003", "unknown-intervention-reference", Severity.ERROR,
    "An arm's interventionNames entry that names no intervention of the study.",
    "Arms and interventions are cross-referenced (PRS definitions, Arm or Group/Intervention "
    "Cross-Reference; prs-rules.md D2-D3): 'Type: Name' must name an entry of interventions. "
    "All 3,311 references of the real records examined resolve.",
    fails=(_two_arms("        description: Supervised exercise three times a week.\n"
                     "        interventionNames: ['Behavioral: Exercise programme']\n"),),
    passes=(_two_arms(),),
)  # fmt: skip
INTERVENTION_IN_NO_ARM = rule(
    "A004", "intervention-in-no-arm", Severity.ERROR,
    "An intervention that no arm receives, in a study that has arms.",
    "Every intervention must be assigned to at least one arm (PRS definitions, "
    "Cross-Reference; NCI CTRP arm rules; registry-quality rule 30). An intervention is "
    "assigned when its armGroupLabels name an arm or an arm's interventionNames name it.",
    fails=(_two_arms("        description: Supervised exercise three times a week.\n",
                     "        description: Progressive strength exercises.\n"),),
    passes=(_two_arms(), _two_arms("        description: Supervised exercise.\n")),
)  # fmt: skip
UNKNOWN_ARM_LABEL = rule(
    "A005", "unknown-arm-label", Severity.ERROR,
    "An intervention's armGroupLabels entry that is not the label of an arm.",
    "armGroupLabels hold the labels of the arms that receive the intervention (API v2; "
    "prs-rules.md D2): all 3,322 of the real records examined resolve. A label that matches "
    "no arm is a typo or an arm renamed on one side only.",
    fails=(_two_arms(exercise_intervention="        armGroupLabels: [Exercise arm]\n"),),
    passes=(_two_arms(),),
)  # fmt: skip
UNTYPED_INTERVENTION_NAME = rule(
    "A006", "intervention-reference-form", Severity.WARNING,
    "An interventionNames entry not written '<Type>: <name>', as the registry writes them.",
    "The registry writes each of an arm's interventions as its type's display name, a colon "
    "and its name ('Drug: Placebo', 'Dietary Supplement: Vitamin D'; prs-rules.md D3, all "
    "3,311 real references). An entry in another form is not what the registry serves, and its "
    "type cannot be checked against the intervention's.",
    fails=(_two_arms("        description: Supervised exercise three times a week.\n"
                     "        interventionNames: [Exercise training]\n"),),
    passes=(_two_arms(),),
    fix=FixKind.SAFE,
)  # fmt: skip
INTERVENTION_TYPE_MISMATCH = rule(
    "A007", "intervention-reference-type-mismatch", Severity.ERROR,
    "An interventionNames entry whose type prefix is not the type of the intervention it names.",
    "The prefix of 'Drug: Aspirin' is the intervention's type (prs-rules.md D3); a different "
    "prefix contradicts interventions[].type, and one of the two is wrong.",
    fails=(_two_arms("        description: Supervised exercise three times a week.\n"
                     "        interventionNames: ['Procedure: Exercise training']\n"),),
    passes=(_two_arms(),),
    fix=FixKind.UNSAFE,
)  # fmt: skip
ARM_WITHOUT_INTERVENTION = rule(
    "A008", "arm-without-intervention", Severity.ERROR,
    "An arm of an interventional study, other than NO_INTERVENTION, that receives nothing.",
    "Every arm has at least one intervention except arms of type NO_INTERVENTION (prs-rules.md "
    "D4; NCI CTRP arm rules). An arm is given an intervention by its interventionNames or by "
    "an intervention's armGroupLabels.",
    fails=(_two_arms("        description: Supervised exercise three times a week.\n",
                     "        armGroupLabels: [Usual care]\n"),),
    passes=(_two_arms(), _two_arms("        description: Supervised exercise.\n")),
)  # fmt: skip
SINGLE_GROUP_SEVERAL_ARMS = rule(
    "A009", "single-group-with-several-arms", Severity.WARNING,
    "A SINGLE_GROUP study with two or more arms.",
    "Single Group Assignment is 'a single arm' (PRS definitions, Interventional Study Model; "
    "prs-rules.md C4, registry-quality rule 32). Real records break it (15 of 208 "
    "single-group studies with arms), often to list dose cohorts, hence a warning: use "
    "PARALLEL or SEQUENTIAL, or make the cohorts one arm.",
    fails=(_design("      allocation: NON_RANDOMIZED\n      interventionModel: SINGLE_GROUP\n",
                   3),),
    passes=(_design("      allocation: NON_RANDOMIZED\n      interventionModel: SEQUENTIAL\n",
                    3),
            _design("      allocation: NA\n      interventionModel: SINGLE_GROUP\n", 1)),
)  # fmt: skip
ONE_ARM_MULTI_GROUP_DESIGN = rule(
    "A010", "one-arm-in-multi-arm-design", Severity.ERROR,
    "A RANDOMIZED, PARALLEL or FACTORIAL study with only one arm.",
    "Randomization assigns participants to one of several arms, and parallel and factorial "
    "designs compare groups (PRS definitions, Allocation and Interventional Study Model): "
    "with one arm the design contradicts the arms (a QC 'unclear trial design'). Allocation "
    "is NA for a single-arm study. Both real records that break this are wrong.",
    fails=(_design("      allocation: RANDOMIZED\n      interventionModel: PARALLEL\n", 1),),
    passes=(_design("      allocation: NA\n      interventionModel: SINGLE_GROUP\n", 1),),
)  # fmt: skip
MASKING_NONE_WITH_ROLES = rule(
    "A011", "open-label-with-masked-roles", Severity.ERROR,
    "Masking NONE (open label) while whoMasked lists roles.",
    "whoMasked names the roles kept unaware of the assignment; an open-label study masks "
    "nobody (PRS definitions, Masking; registry-quality rule 33). No real record does this.",
    fails=(_masking("NONE", "OUTCOMES_ASSESSOR"),),
    passes=(_masking("NONE", None), _masking("SINGLE", "OUTCOMES_ASSESSOR")),
)  # fmt: skip
MASKING_LEVEL_MISMATCH = rule(
    "A012", "masking-level-mismatch", Severity.ERROR,
    "A masking level that is not the number of roles masked (SINGLE 1 ... QUADRUPLE 4).",
    "The registry derives the masking level from the roles checked: Single is one role, "
    "Double two, Triple three, Quadruple all four (PRS definitions, Masking; registry-quality "
    "rule 33). All 239 real records with roles agree. Masked records without roles are "
    "reported only when first submitted since 2017-01-18: 7 older ones have none.",
    fails=(_masking("DOUBLE", "PARTICIPANT"),
           _masking("SINGLE", "PARTICIPANT, INVESTIGATOR, OUTCOMES_ASSESSOR")),
    passes=(_masking("DOUBLE", "PARTICIPANT, INVESTIGATOR"),
            _masking("QUADRUPLE", "PARTICIPANT, CARE_PROVIDER, INVESTIGATOR, OUTCOMES_ASSESSOR")),
    fix=FixKind.SUGGESTION,
)  # fmt: skip

# The examples' legacy record: first submitted in 2005, before FDAAA and the final rule.
_LEGACY_STATUS = status_module(**LEGACY_STUDY)
_INTERVENTION_ONLY = (
    "  armsInterventionsModule:\n    interventions:\n      - type: BEHAVIORAL\n"
    "        name: Supervised exercise training\n"
    "        description: Strength and balance training, one hour three times a week.\n"
)


def _drug_trial(
    placebo_arm: str = "Placebo",
    placebo_type: str = "PLACEBO_COMPARATOR",
    drug_description: str = "10 mg tablets taken by mouth once a day.",
) -> str:
    """A randomized, double-blind drug-against-placebo study."""
    return (
        "protocolSection:\n  designModule:\n    studyType: INTERVENTIONAL\n    phases: [PHASE2]\n"
        "    designInfo:\n      allocation: RANDOMIZED\n      interventionModel: PARALLEL\n"
        "      primaryPurpose: TREATMENT\n"
        "      maskingInfo: {masking: DOUBLE, whoMasked: [PARTICIPANT, INVESTIGATOR]}\n"
        "    enrollmentInfo: {count: 120, type: ACTUAL}\n"
        "  armsInterventionsModule:\n    armGroups:\n"
        "      - label: Drug X\n        type: EXPERIMENTAL\n"
        "        description: Drug X for 12 weeks.\n        interventionNames: ['Drug: Drug X']\n"
        f"      - label: {placebo_arm}\n        type: {placebo_type}\n"
        "        description: Placebo matching Drug X for 12 weeks.\n"
        "        interventionNames: ['Drug: Placebo']\n"
        "    interventions:\n      - type: DRUG\n        name: Drug X\n"
        f"        description: {drug_description}\n        armGroupLabels: [Drug X]\n"
        "      - type: DRUG\n        name: Placebo\n"
        "        description: Tablets matching Drug X, taken by mouth once a day.\n"
        f"        armGroupLabels: ['{placebo_arm}']\n"
    )  # fmt: skip


STUDY_WITHOUT_ARMS = rule(
    "A013", "interventional-without-arms", Severity.WARNING,
    "An interventional study, first submitted since FDAAA (2007-09-27), that lists no arms.",
    "Arm Information (label, type, description, interventions) is part of an interventional "
    "study's registration since FDAAA 801 (PRS definitions, Arm Information; prs-rules.md D2, "
    "D4): without arms its interventions are given to no arm, and readers cannot tell what "
    "is compared. In the real records 14 of 639 interventional studies have no arms; 10 were "
    "first submitted before FDAAA (see A014). The 4 later ones are single-group studies the "
    "registry published all the same, hence a warning, not an error.",
    fails=("protocolSection:\n" + _INTERVENTION_ONLY,),
    passes=(_two_arms(),),
)  # fmt: skip
LEGACY_STUDY_WITHOUT_ARMS = rule(
    "A014", "legacy-interventional-without-arms", Severity.INFO,
    "An interventional study first submitted before FDAAA (2007-09-27) that lists no arms.",
    "The registry asked for arms from FDAAA 801 on, and did not ask records registered before "
    "it to add them: in the real records 10 interventional studies first submitted before "
    "2007-09-27 have no arms, 7 of them updated since, against 10 that do have them. Not an "
    "error, but an auditor should see which legacy records do not say what they compare.",
    fails=(_LEGACY_STATUS + _INTERVENTION_ONLY,),
    passes=(_two_arms(),),
)  # fmt: skip
DUPLICATE_INTERVENTION = rule(
    "A015", "duplicate-intervention", Severity.WARNING,
    "Two interventions with the same type and name.",
    "An intervention is listed once and given to each arm that receives it (PRS definitions, "
    "Arm or Group/Intervention Cross-Reference; prs-rules.md D2); arms refer to interventions "
    "as '<Type>: <name>', which cannot tell two of one name apart. In the real records 15 of "
    "837 studies do it, to list one drug at two doses or schedules (name them by dose) or "
    "the same intervention for two arms (list it once).",
    fails=(_two_arms(exercise_intervention=(
        "        description: Strength training.\n        armGroupLabels: [Exercise]\n"
        "      - type: BEHAVIORAL\n        name: Exercise training\n"
        "        description: Balance training.\n        armGroupLabels: [Exercise]\n")),),
    passes=(_two_arms(),),
)  # fmt: skip
INTERVENTION_WITHOUT_DESCRIPTION = rule(
    "A016", "intervention-without-description", Severity.WARNING,
    "An intervention with no description, in a study first submitted since 2017-01-18.",
    "The intervention description gives what the name does not, enough to tell it from "
    "similar interventions; for a drug, its dosage form, dose, frequency and duration (PRS "
    "definitions, Intervention Description; registry-quality rule 31). The registry asks "
    "for it under the final rule (42 CFR 11, effective 2017-01-18): 8 of 1,134 interventions "
    "of real records first submitted since then have none, against 50 of 260 older ones "
    "(see A017).",
    fails=(_two_arms(exercise_intervention="        description: ''\n"
                     "        armGroupLabels: [Exercise]\n"),),
    passes=(_two_arms(),),
)  # fmt: skip
LEGACY_INTERVENTION_WITHOUT_DESCRIPTION = rule(
    "A017", "legacy-intervention-without-description", Severity.INFO,
    "An intervention with no description, in a study first submitted before 2017-01-18.",
    "Before the final rule (42 CFR 11, effective 2017-01-18) the registry did not insist on "
    "an intervention description: 50 of 260 interventions of real records first submitted "
    "earlier have none (15 of 27 of those submitted before FDAAA), against 8 of 1,134 since; "
    "47 of the 50 are in records updated after FDAAA that did not add one. Not an error, but an "
    "auditor should see which legacy records do not say what their interventions are.",
    fails=(_LEGACY_STATUS
           + _INTERVENTION_ONLY.replace(
               "        description: Strength and balance training, one hour three times a "
               "week.\n", ""),),
    passes=(_two_arms(),),
)  # fmt: skip
DRUG_WITHOUT_DOSING = rule(
    "A018", "drug-description-without-dosing", Severity.WARNING,
    "A drug or biological of an interventional study, first submitted since FDAAA "
    "(2007-09-27), whose description gives no dose, route or schedule.",
    "For a drug or a biological the description should give its dosage form, dose, frequency "
    "and duration (PRS definitions, Intervention Description; WHO TRDS item 13; "
    "registry-quality rule 31, after Viergever et al.). Placebos (which match a drug "
    "described elsewhere) and descriptions that leave the dose to standard or local practice "
    "are not reported, nor are names that give the dose, nor a 'biological' that is a blood "
    "sample or a laboratory test (its type is wrong, not its dose). Records first submitted "
    "before FDAAA are A031's. In the real records every description reported gives none of "
    "the three ('Anthracycline', 'Treatment with Brigatinib', 'Investigational Product', "
    "'T cells modified with CD19 targeted chimeric antigen receptor').",
    fails=(_drug_trial(drug_description="An inhibitor of kinase Y."),
           _drug_trial(drug_description="An inhibitor of kinase Y.").replace(
               "type: DRUG\n        name: Drug X", "type: BIOLOGICAL\n        name: Drug X"
           ).replace("'Drug: Drug X'", "'Biological: Drug X'")),
    passes=(_drug_trial(),),
)  # fmt: skip
LEGACY_DRUG_WITHOUT_DOSING = rule(
    "A031", "legacy-drug-description-without-dosing", Severity.INFO,
    "A drug or biological of an interventional study first submitted before FDAAA "
    "(2007-09-27) whose description gives no dose, route or schedule.",
    "What A018 asks (the dose, route and schedule of a drug or biological: PRS definitions, "
    "Intervention Description; WHO TRDS item 13) in a record registered before FDAAA 801, "
    "when arms and interventions were not yet asked for in that detail: not an error, but an "
    "auditor should see which legacy records do not say how much of a drug is given. "
    "Corpus: none (its one legacy drug described without a dose repeats its name: A021).",
    fails=(_LEGACY_STATUS + _drug_trial(drug_description="An inhibitor of kinase Y.")
           .replace("protocolSection:\n", "", 1),),
    passes=(_drug_trial(),),
)  # fmt: skip
DRUGS_WITHOUT_DOSE = rule(
    "A024", "drugs-without-dose", Severity.INFO,
    "Drugs of an interventional study whose dose the record gives nowhere: neither the "
    "intervention's name or description ('Given IV', 'Oral administration, QD') nor the "
    "descriptions of the arms that receive it.",
    "For a drug the record gives its dose with its route and schedule (PRS definitions, "
    "Intervention Description; WHO TRDS item 13, 'dose, duration, mode of administration'; "
    "registry-quality rule 31). A018 reports a description that gives none of the three; "
    "this rule one that gives a route or a schedule and no amount, when no arm receiving the "
    "drug states one either (many records put doses in the arm descriptions). Placebos, "
    "saline and sham are not drugs to dose; a dose left to practice, titrated, adjusted, "
    "monitored or escalated by the protocol is not reported. One finding per record, naming "
    "the drugs. Information: the dose is often in the protocol, and a registry template "
    "('Given IV') may leave it out by design. Corpus: 51 records, read: NCI templates "
    "('Given by PO'), early-phase oncology trials, routes and schedules without amounts "
    "('Oral administration, QD', 'IV infusion'), and 'standard chemotherapy'.",
    fails=(_drug_trial(drug_description="Taken by mouth once a day."),),
    passes=(_drug_trial(),),
)  # fmt: skip
ALTERNATIVES_IN_ONE_INTERVENTION = rule(
    "A025", "alternatives-in-one-intervention", Severity.WARNING,
    "A drug or biological whose name offers alternatives ('Metformin or insulin treatment', "
    "'QL1706 plus bevacizumab with or without chemotherapy', 'linaclotide or placebo').",
    "Each intervention is one drug, device or procedure the protocol gives, listed once and "
    "linked to the arms that receive it (PRS definitions, Intervention Name and Arm Group "
    "cross-references). A name that offers a choice hides which participants receive which, "
    "and the registry's search finds the study under one name for both. Only 'or', 'and/or' "
    "and 'with or without' are read: 'X plus Y' and 'X + Y' may be one combination given "
    "together. Corpus: 7 interventions in 6 records, all real (alternative drugs, a drug or "
    "its placebo, two dosing schedules).",
    fails=(_drug_trial().replace("name: Drug X\n", "name: Drug X or Drug Y\n"),),
    passes=(_drug_trial(),),
)  # fmt: skip
ARM_TYPE_CONTRADICTS_LABEL = rule(
    "A019", "arm-type-contradicts-label", Severity.WARNING,
    "An arm whose type contradicts its label: a 'Placebo' arm typed EXPERIMENTAL, a 'Sham' "
    "arm typed ACTIVE_COMPARATOR, a 'Control' arm typed EXPERIMENTAL; or an EXPERIMENTAL "
    "arm whose description calls it the control or comparator group.",
    "Arm Type says what role the arm plays (PRS definitions, Arm Type: Experimental, Active "
    "Comparator, Placebo Comparator, Sham Comparator, No Intervention, Other); a label naming "
    "a placebo, sham or control arm says otherwise, and one of the two is wrong. The labels "
    "are listed in rules/arm-types.yaml; labels that combine ('Drug X + placebo', 'Placebo "
    "then Drug X') are left alone. A description that opens by naming the arm the control, "
    "comparator or comparison group ('the comparator group that begins treatment in week "
    "9'), or says the arm serves as the control, contradicts EXPERIMENTAL the same way "
    "(corpus: 1 arm, a late-intervention group typed EXPERIMENTAL); one that only mentions "
    "the control group ('compared with the control group') is not read so.",
    fails=(_drug_trial(placebo_type="EXPERIMENTAL"),
           _drug_trial(placebo_arm="Late start", placebo_type="EXPERIMENTAL").replace(
               "Placebo matching Drug X for 12 weeks.",
               "The comparator group, which starts Drug X after 12 weeks.")),
    passes=(_drug_trial(),),
)  # fmt: skip
CODED_ARM_LABEL = rule(
    "A020", "coded-arm-label-without-description", Severity.WARNING,
    "An arm or group labelled only by a code ('Arm A', 'Group 2', 'Cohort 1') with no "
    "description.",
    "A label such as 'Arm A' says nothing of the arm; the description must then say what it "
    "is (PRS definitions, Arm Label and Arm Description: 'to differentiate each arm'). This "
    "holds for observational groups too, which are otherwise not asked for a description "
    "(A001). Reported instead of A001 for such an arm.",
    fails=("protocolSection:\n" + _OBSERVATIONAL + "  armsInterventionsModule:\n"
           "    armGroups:\n      - label: Cohort 1\n",),
    passes=("protocolSection:\n" + _OBSERVATIONAL + "  armsInterventionsModule:\n"
            "    armGroups:\n      - label: Cohort 1\n"
            "        description: Adults with a total knee replacement in the past year.\n",),
)  # fmt: skip


def _normal(text: str) -> str:
    """Text compared loosely: lowercased, spaces collapsed, trailing punctuation dropped."""
    return " ".join(text.casefold().split()).rstrip(" .:;,")


def _arm_name(index: int, arm: dict[str, Any], kind: str = "arm") -> str:
    label = as_str(arm.get("label"))
    return f"{kind} {quoted(label)}" if label else f"{kind} {index + 1}"


def _is_placeholder(text: str) -> bool:
    """Whether a stripped, non-empty description says nothing (placeholders' ``placeholder``:
    rules/placeholder-descriptions.yaml, or no letter or digit at all)."""
    return placeholder(text) is not None


def _what_to_say(interventional: bool) -> str:
    """What an arm's description is for: an arm's participants receive something; an
    observational group or cohort receives nothing, its description says who is in it."""
    return ("say what its participants receive" if interventional
            else "say who its participants are")  # fmt: skip


@check(ARM_WITHOUT_DESCRIPTION, PLACEHOLDER_ARM_DESCRIPTION, CODED_ARM_LABEL,
       SHORT_ARM_DESCRIPTION)  # fmt: skip
def arm_descriptions(record: Record, context: Context) -> Iterator[Hit]:
    interventional = record.study_type == "INTERVENTIONAL"
    kind = "arm" if interventional else "group"
    say = _what_to_say(interventional)
    for index, arm in record.arm_groups:
        description = arm.get("description")
        if description is not None and not isinstance(description, str):
            continue  # the schema reports it (S002)
        text = description.strip() if description is not None else None
        path = (*ARMS, index, "description")
        if not text:
            label = as_str(arm.get("label"))
            if label is not None and _CODED_LABEL().fullmatch(label):
                yield Hit(CODED_ARM_LABEL,
                          f"{kind} {quoted(label)} is named only by a code and has no description; "
                          f"{say}", path)  # fmt: skip
            elif interventional:
                missing = "no description" if text is None else "an empty description"
                yield Hit(ARM_WITHOUT_DESCRIPTION,
                          f"{_arm_name(index, arm)} has {missing}; {say}", path)  # fmt: skip
        elif _is_placeholder(text):
            yield Hit(PLACEHOLDER_ARM_DESCRIPTION,
                      f"{_arm_name(index, arm, kind)} has the placeholder description "
                      f"{quoted(text)}; "
                      f"{say}", path)  # fmt: skip
        else:
            label = as_str(arm.get("label"))
            # Only a text about as long as the label can repeat it: most never need _normal.
            if label and len(text) <= len(label) + 3 and _normal(label) == _normal(text):
                yield Hit(PLACEHOLDER_ARM_DESCRIPTION,
                          f"the description of {_arm_name(index, arm, kind)} only repeats its "
                          f"label; {say}", path)  # fmt: skip
            elif (
                interventional and len(text) < SHORTEST_ARM_DESCRIPTION
                and arm.get("type") != "NO_INTERVENTION" and not _DOSING().search(text)
            ):  # fmt: skip
                yield Hit(SHORT_ARM_DESCRIPTION,
                          f"the description of {_arm_name(index, arm)}, {quoted(text)}, is too "
                          "short "
                          "to tell what the arm receives: say what, how much, how often and "
                          "for how long", path)  # fmt: skip


class _Interventions:
    """The study's interventions by name, and which of them some arm receives."""

    def __init__(self, record: Record) -> None:
        self.by_name: dict[str, list[int]] = {}
        self.types: dict[int, str | None] = {}
        # Each intervention as the registry writes a reference to it, "<Type>: <name>": nearly
        # every reference is written so, and then resolves with nothing to report.
        self.by_reference: dict[str, list[int]] = {}
        for index, item in record.interventions:
            name = as_str(item.get("name"))
            kind = as_str(item.get("type"))
            if kind not in TYPE_DISPLAY:
                kind = None
            self.types[index] = kind
            if name is not None:
                name = name.strip()
                self.by_name.setdefault(name, []).append(index)
                if kind is not None:
                    reference = f"{TYPE_DISPLAY[kind]}: {name}"
                    self.by_reference.setdefault(reference, []).append(index)
        self.linked: set[int] = set()

    def closest_name(self, name: str) -> str | None:
        return closest(name, self.by_name) if self.by_name else None


def _split_reference(entry: str) -> tuple[str | None, str, str]:
    """An interventionNames entry as (type, name, prefix as written); type None when the
    entry has no known '<Type>:' prefix (then the name is the whole entry)."""
    prefix, colon, rest = entry.partition(":")
    if not colon:
        return None, entry.strip(), ""
    kind = _DISPLAY_TYPE.get(prefix) or _PREFIX_TYPE.get(" ".join(prefix.casefold().split()))
    if kind is None:
        return None, entry.strip(), ""
    return kind, rest.strip(), prefix


def _group_word(record: Record) -> str:
    """What the study's armGroups are: an observational study has groups or cohorts, which
    receive nothing; an interventional one has arms."""
    return "group" if record.study_type == "OBSERVATIONAL" else "arm"


def _references(record: Record, known: _Interventions, linked_arms: set[int]) -> Iterator[Hit]:
    """Check each arm's interventionNames, and note which arms and interventions they link."""
    word = _group_word(record)
    for arm_index, arm in record.arm_groups:
        for entry_index, entry in enumerate(as_list(arm.get("interventionNames"))):
            if not isinstance(entry, str):
                continue
            same_reference = known.by_reference.get(entry)
            if same_reference is not None:
                linked_arms.add(arm_index)
                known.linked.update(same_reference)
                continue
            if not entry.strip():
                continue
            path = (*ARMS, arm_index, "interventionNames", entry_index)
            who = _arm_name(arm_index, arm, word)
            kind, name, prefix = _split_reference(entry)
            matches = known.by_name.get(name)
            if not matches:
                guess = known.closest_name(name)
                hint = f"; did you mean {quoted(guess)}?" if guess else ""
                yield Hit(UNKNOWN_INTERVENTION,
                          f"{who} lists {quoted(entry)}, but no intervention is "
                          f"named {quoted(name)}{hint}", path)  # fmt: skip
                continue
            linked_arms.add(arm_index)
            types = {known.types[index] for index in matches}
            same_type = [index for index in matches if known.types[index] == kind]
            known.linked.update(same_type or matches)
            if kind is None:
                yield _untyped(who, entry, name, types, path)
            elif None in types:
                continue  # an intervention without a valid type: the schema reports it
            elif not same_type:
                written = sorted(TYPE_DISPLAY[t] for t in types if t is not None)
                fix = Fix(prefix, written[0], safe=False) if len(written) == 1 else None
                yield Hit(INTERVENTION_TYPE_MISMATCH,
                          f"{who} lists {quoted(entry)}, but intervention "
                          f"{quoted(name)} is of type {' or '.join(written)}", path,
                          fix=fix)  # fmt: skip
            else:
                canonical = f"{TYPE_DISPLAY[kind]}: {name}"
                if entry != canonical:
                    yield Hit(UNTYPED_INTERVENTION_NAME,
                              f"{who} lists {quoted(entry)}; the registry "
                              f"writes it {quoted(canonical)}", path,
                              fix=Fix(entry, canonical, safe=True))  # fmt: skip


def _untyped(arm_name: str, entry: str, name: str, types: set[str | None],
             path: tuple[Any, ...]) -> Hit:  # fmt: skip
    """The hit for an entry without a type prefix that names an intervention."""
    known = [kind for kind in types if kind is not None]
    if len(known) == 1 and None not in types:
        canonical = f"{TYPE_DISPLAY[known[0]]}: {name}"
        return Hit(UNTYPED_INTERVENTION_NAME,
                   f"{arm_name} lists {quoted(entry)} without its type; the "
                   f"registry writes it {quoted(canonical)}", path,
                   fix=Fix(entry, canonical, safe=True))  # fmt: skip
    return Hit(UNTYPED_INTERVENTION_NAME,
               f"{arm_name} lists {quoted(entry)} without its type; write it "
               "'<Type>: <name>' (e.g. 'Drug: Placebo')", path)  # fmt: skip


@check(UNKNOWN_INTERVENTION, INTERVENTION_IN_NO_ARM, UNKNOWN_ARM_LABEL,
       UNTYPED_INTERVENTION_NAME, INTERVENTION_TYPE_MISMATCH, ARM_WITHOUT_INTERVENTION)  # fmt: skip
def cross_references(record: Record, context: Context) -> Iterator[Hit]:
    arms = record.arm_groups
    interventions = record.interventions
    if not arms and not interventions:
        return
    known = _Interventions(record)
    linked_arms: set[int] = set()
    yield from _references(record, known, linked_arms)

    word = _group_word(record)
    given = "is linked to" if word == "group" else "is given to"
    arms_by_label: dict[str, list[int]] = {}
    for index, arm in arms:
        label = as_str(arm.get("label"))
        if label is not None:
            arms_by_label.setdefault(label.strip(), []).append(index)
    for index, item in interventions:
        labels = item.get("armGroupLabels")
        for label_index, label in enumerate(as_list(labels)):
            if not isinstance(label, str):
                continue
            targets = arms_by_label.get(label.strip())
            if targets:
                known.linked.add(index)
                linked_arms.update(targets)
                continue
            guess = closest(label, arms_by_label) if arms_by_label else None
            hint = (f"; did you mean {quoted(guess)}?" if guess
                    else "" if arms_by_label else f"; the study lists no {word}s")  # fmt: skip
            name = as_str(item.get("name"))
            whose = f"intervention {quoted(name)}" if name else f"intervention {index + 1}"
            yield Hit(UNKNOWN_ARM_LABEL,
                      f"{whose} {given} {word} {quoted(label)}, but no {word} has that label{hint}",
                      (*INTERVENTIONS, index, "armGroupLabels", label_index))  # fmt: skip
        # Labels there are either link it or are reported above; labels of the wrong type are
        # the schema's (S002).
        if arms and index not in known.linked and (labels is None or labels == []):
            name = as_str(item.get("name"))
            whose = f"intervention {quoted(name)}" if name else f"intervention {index + 1}"
            yield Hit(INTERVENTION_IN_NO_ARM,
                      f"{whose} {given} no {word}; name its {word}s in armGroupLabels",
                      (*INTERVENTIONS, index, "armGroupLabels"))  # fmt: skip

    if record.study_type != "INTERVENTIONAL":
        return  # observational groups need no intervention
    for index, arm in arms:
        kind = arm.get("type")
        if index in linked_arms or kind == "NO_INTERVENTION":
            continue
        if kind is not None and (not isinstance(kind, str) or kind not in ARM_TYPES):
            continue  # not an arm type: the schema reports it (S003)
        yield Hit(ARM_WITHOUT_INTERVENTION,
                  f"{_arm_name(index, arm)} receives no intervention; list it in "
                  "interventionNames (or make the arm NO_INTERVENTION)",
                  (*ARMS, index, "interventionNames"))  # fmt: skip


def _arm_count(count: int) -> str:
    return "one arm" if count == 1 else f"{count} arms"


@check(SINGLE_GROUP_SEVERAL_ARMS, ONE_ARM_MULTI_GROUP_DESIGN)
def design_and_arms(record: Record, context: Context) -> Iterator[Hit]:
    if record.study_type != "INTERVENTIONAL":
        return
    count = len(record.arm_groups)
    if count == 0:
        return  # no arms listed (legacy records): nothing to compare
    allocation = as_str(record.design_info.get("allocation"))
    model = as_str(record.design_info.get("interventionModel"))
    if model == "SINGLE_GROUP" and count >= 2:
        yield Hit(SINGLE_GROUP_SEVERAL_ARMS,
                  f"interventionModel SINGLE_GROUP, but the study has {_arm_count(count)}; a "
                  "single-group study has one arm (PARALLEL or SEQUENTIAL if the arms are "
                  "groups)", (*DESIGN_INFO, "interventionModel"), related=(ARMS,))  # fmt: skip
    if count == 1:
        [(_, arm)] = record.arm_groups
        label = as_str(arm.get("label"))
        which = f" ({quoted(label)})" if label else ""
        if allocation == "RANDOMIZED":
            also = f" and interventionModel {model}" if model in ("PARALLEL", "FACTORIAL") else ""
            yield Hit(ONE_ARM_MULTI_GROUP_DESIGN,
                      f"allocation RANDOMIZED{also}, but the study has one arm{which}; "
                      "randomization needs two or more arms (NA for a single-arm study)",
                      (*DESIGN_INFO, "allocation"), related=(ARMS,))  # fmt: skip
        elif model in ("PARALLEL", "FACTORIAL"):
            yield Hit(ONE_ARM_MULTI_GROUP_DESIGN,
                      f"interventionModel {model}, but the study has one arm{which}; a "
                      f"{model.lower()} design compares two or more arms (SINGLE_GROUP for "
                      "a single-arm study)", (*DESIGN_INFO, "interventionModel"),
                      related=(ARMS,))  # fmt: skip


@check(MASKING_NONE_WITH_ROLES, MASKING_LEVEL_MISMATCH)
def masking_and_roles(record: Record, context: Context) -> Iterator[Hit]:
    info = as_dict(record.design_info.get("maskingInfo"))
    masking = as_str(info.get("masking"))
    if masking not in MASKING_LEVELS:
        return  # absent, or not a masking value (S003)
    roles = [role for role in as_list(info.get("whoMasked")) if isinstance(role, str)]
    if not set(roles) <= MASKED_ROLES:
        return  # a role that is not one (S003): the count would mean nothing
    distinct = list(dict.fromkeys(roles))
    level = MASKING_LEVELS[masking]
    if level == 0:
        if distinct:
            yield Hit(MASKING_NONE_WITH_ROLES,
                      f"masking NONE (open label), but whoMasked lists {', '.join(distinct)}; "
                      "remove the roles or set the masking level",
                      (*MASKING_INFO, "whoMasked"),
                      related=((*MASKING_INFO, "masking"),))  # fmt: skip
    elif distinct:
        if len(distinct) != level:
            count = "1 role" if len(distinct) == 1 else f"{len(distinct)} roles"
            yield Hit(MASKING_LEVEL_MISMATCH,
                      f"masking {masking} means {level} role{'s' if level > 1 else ''} masked, "
                      f"but whoMasked lists {count} ({', '.join(distinct)})",
                      (*MASKING_INFO, "masking"), related=((*MASKING_INFO, "whoMasked"),),
                      fix=Fix(masking, _LEVEL_NAMES[len(distinct)],
                              applicable=False))  # fmt: skip
    elif record.under_final_rule:
        which = "the role" if level == 1 else f"the {level} roles"
        yield Hit(MASKING_LEVEL_MISMATCH,
                  f"masking {masking} but whoMasked lists no role; name {which} masked",
                  (*MASKING_INFO, "whoMasked"))  # fmt: skip


# --- arms and interventions as a whole -----------------------------------------------------


def _intervention_name(index: int, item: dict[str, Any]) -> str:
    """An intervention as the registry refers to it ('Drug: Aspirin'), or by its number."""
    name = as_str(item.get("name"))
    kind = as_str(item.get("type"))
    if name and name.strip():
        shown = f"{TYPE_DISPLAY[kind]}: {name.strip()}" if kind in TYPE_DISPLAY else name.strip()
        return f"intervention {quoted(shown)}"
    return f"intervention {index + 1}"


@check(STUDY_WITHOUT_ARMS, LEGACY_STUDY_WITHOUT_ARMS)
def study_without_arms(record: Record, context: Context) -> Iterator[Hit]:
    """Arms became part of registration with FDAAA: before it, their absence is history."""
    if record.study_type != "INTERVENTIONAL" or record.arm_groups:
        return
    listed = record.arms_module.get("armGroups")
    if listed is not None and not isinstance(listed, list):
        return  # not a list: the schema reports it (S002)
    count = len(record.interventions)
    given = ("" if not count else
             " (its intervention is given to no arm)" if count == 1 else
             f" (its {count} interventions are given to no arm)")  # fmt: skip
    path = (*AIM, "armGroups")
    if record.before_fdaaa:
        yield Hit(LEGACY_STUDY_WITHOUT_ARMS,
                  f"the study lists no arms{given}; it was first submitted before FDAAA "
                  "(2007-09-27), when the registry did not ask for arms", path)  # fmt: skip
    else:
        yield Hit(STUDY_WITHOUT_ARMS,
                  f"an interventional study needs arms, but this one lists none{given}: "
                  "list each arm with its type, description and interventions", path)  # fmt: skip


@check(DUPLICATE_INTERVENTION)
def duplicate_interventions(record: Record, context: Context) -> Iterator[Hit]:
    """Arms name interventions by '<Type>: <name>': two of one name cannot be told apart."""
    first: dict[tuple[str, str], int] = {}
    for index, item in record.interventions:
        name = as_str(item.get("name"))
        kind = as_str(item.get("type"))
        if not name or kind not in TYPE_DISPLAY:
            continue
        key = (kind, " ".join(name.casefold().split()))
        if not key[1]:
            continue
        if key not in first:
            first[key] = index
            continue
        yield Hit(DUPLICATE_INTERVENTION,
                  f"{_intervention_name(index, item)} is listed twice (also intervention "
                  f"{first[key] + 1}); list it once and give it to each arm, or name each "
                  "one distinctly (by dose or schedule)",
                  (*INTERVENTIONS, index, "name"),
                  related=((*INTERVENTIONS, first[key], "name"),))  # fmt: skip


# A dose ("10 mg", "2.5mg/kg", "1 tablet", "0.5%"), a route or dosage form, or a schedule:
# one of them is enough for the description not to be reported. Broad on purpose: the rule
# reports only descriptions that give none.
_UNIT = (
    r"(?:mg|g|kg|mcg|µg|μg|ug|ng|ml|l|µl|ul|cc|iu|ui|units?|u|mmol|meq|mbq|mci|gbq|gy|cgy|%|"
    r"ppm|tablets?|tabs?|capsules?|caps?|puffs?|drops?|sachets?|vials?|doses?|ampoules?|"
    r"micrograms?|milligrams?|grams?|international\s+units?|x\s*10)"
)
_DOSING = lazy_pattern(
    rf"(?<![\d.,])\d[\d.,]*+\s*-?\s*{_UNIT}(?![a-z])"  # a run of digits tried once
    r"|\b(?:oral(?:ly)?|by\s+mouth|p\.?o|intravenous(?:ly)?|i\.?v|infus\w*|inject\w*"
    r"|subcutaneous(?:ly)?|s\.?c|intramuscular(?:ly)?|i\.?m|topical(?:ly)?|inhal\w*"
    r"|nebuli[sz]\w*|(?:intra)?nasal(?:ly)?|spray\w*|sublingual(?:ly)?|buccal|transdermal\w*"
    r"|patch\w*|rectal(?:ly)?|suppositor\w*|vaginal(?:ly)?|intra-?\w+al(?:ly)?|epidural\w*"
    r"|ophthalmic|eye\s*drops?|ointment|cream|gel|lotion|mouthwash|rinse|tablets?|capsules?"
    r"|pills?|solution|suspension|syrup|bolus|drip|swallow\w*|administ\w*|ingest\w*|chew\w*"
    r"|dissolv\w*|appl(?:y|ied|ication)|instill\w*|block|perfus\w*|irrigat\w*|given|taken|ventric\w*"
    r"|daily|once|twice|thrice|times|weekly|monthly|nightly|hourly|every|each|per\s+(?:day|week)"
    r"|a\s+day|a\s+week|q\.?d|b\.?i\.?d|t\.?i\.?d|q\.?i\.?d|qw|q\d+[wdh]|cycles?|days?|weeks?"
    r"|months?|hours?|minutes?|single|bedtime|morning|evening|before|after|prior|during|until"
    r"|pre-?operative\w*|post-?operative\w*|induction|maintenance|doses?|dosage|dosing"
    r"|regimen)\b",
    re.IGNORECASE,
)
# Descriptions that leave the dose to the treating physician on purpose.
_DOSING_LEFT_TO_PRACTICE = lazy_pattern(
    r"standard\s+(?:of\s+)?care|local|routine|clinical\s+practice|discretion|label|"
    r"according\s+to|as\s+per|per\s+(?:site|institution|protocol)|prescri",
    re.IGNORECASE,
)


def _missing_description(record: Record, index: int, item: dict[str, Any]) -> Hit | None:
    """The hit for an intervention without a description: info for records first submitted
    before the final rule, when the registry did not insist on one."""
    description = item.get("description")
    if description is not None and (not isinstance(description, str) or description.strip()):
        return None  # described, or not text (the schema reports that, S002)
    what = "no description" if description is None else "an empty description"
    path = (*INTERVENTIONS, index, "description")
    if record.under_final_rule is False:
        return Hit(LEGACY_INTERVENTION_WITHOUT_DESCRIPTION,
                   f"{_intervention_name(index, item)} has {what} (first submitted before "
                   "2017-01-18, when the registry did not insist on one)", path)  # fmt: skip
    dose = " (for a drug: its dose, route and schedule)" if item.get("type") == "DRUG" else ""
    return Hit(INTERVENTION_WITHOUT_DESCRIPTION,
               f"{_intervention_name(index, item)} has {what}; say what it is{dose}",
               path)  # fmt: skip


def _undosed_drug(record: Record, index: int, item: dict[str, Any]) -> Hit | None:
    """The hit for a drug or biological of an interventional study described without dose,
    route or schedule (a placebo matches a drug described elsewhere; the name may give the
    dose; a blood sample typed BIOLOGICAL is given to nobody); info for a record first
    submitted before FDAAA."""
    description = as_str(item.get("description"))
    name = as_str(item.get("name")) or ""
    if (record.study_type != "INTERVENTIONAL" or item.get("type") not in ("DRUG", "BIOLOGICAL")
            or not description or not description.strip()
            or "placebo" in name.casefold() or "placebo" in description.casefold()):  # fmt: skip
        return None
    if _DOSING().search(description) or _DOSING().search(name) or _SAMPLE_OR_TEST.search(name):
        return None
    if _DOSING_LEFT_TO_PRACTICE().search(description) or _is_placeholder(description.strip()):
        return None
    legacy = record.before_fdaaa
    return Hit(LEGACY_DRUG_WITHOUT_DOSING if legacy else DRUG_WITHOUT_DOSING,
               f"the description of {_intervention_name(index, item)} gives no dose, route or "
               "schedule; say how much is given, how and how often"
               + (" (first submitted before FDAAA, 2007-09-27)" if legacy else ""),
               (*INTERVENTIONS, index, "description"))  # fmt: skip


# A 'biological' that is taken from participants, not given to them: a sample or a test.
_SAMPLE_OR_TEST = re.compile(
    r"\b(?:samples?|specimens?|tests?|testing|collection|draw|biops(?:y|ies))\b", re.IGNORECASE
)


def _placeholder_description(index: int, item: dict[str, Any]) -> Hit | None:
    """The hit for an intervention described by a placeholder or by its name repeated."""
    text = as_str(item.get("description"))
    if not text or not text.strip():
        return None  # missing or empty: A016's
    name = as_str(item.get("name"))
    why = "only repeats its name" if name and repeats(text, name) else placeholder(text)
    if why is None:
        return None
    return Hit(PLACEHOLDER_INTERVENTION_DESCRIPTION,
               f"intervention description {quoted(text)} {why}: say what it is and, for a drug or "
               "a "
               "device, how much, how and when it is given",
               (*INTERVENTIONS, index, "description"))  # fmt: skip


# An amount of a drug: a number with a unit, or a dose the protocol sets by level or by
# exposure; and the words by which a dose is left to the protocol or the patient.
_AMOUNT = lazy_pattern(
    rf"(?<![\d.,])\d[\d.,]*+\s*-?\s*(?:{_UNIT}|\u00d7\s*10|auc|l|liters?|litres?|percent)"
    r"(?![a-z])|\bauc\s*(?:of\s*)?=?\s*\d|\bdose[sd]?\s+(?:levels?|of)\b|\bmg/"
    r"|\bmaximum\s+tolerated\b|\brp2d\b"
    r"|\bdose[- ]escalat\w*|\bdose[- ](?:finding|expansion)\b",
    re.IGNORECASE,
)
_DOSE_SET_ELSEWHERE = lazy_pattern(
    r"titrat\w*|adjust\w*|monitor\w*|individuali[sz]\w*|weight-based|body\s+weight"
    r"|specified\s+in\s+the\s+arm|determined\s+(?:in|by|at)\b",
    re.IGNORECASE,
)
_NOT_DOSED = ("placebo", "saline", "sham", "vehicle")
_NAMED_DRUGS = 4  # drugs a message names before "and N more"


# The words by which a name offers a choice.
_ALTERNATIVES = re.compile(r"\s(?:or|and/or|with\s+or\s+without)\s", re.IGNORECASE)


@check(INTERVENTION_WITHOUT_DESCRIPTION, LEGACY_INTERVENTION_WITHOUT_DESCRIPTION,
       DRUG_WITHOUT_DOSING, LEGACY_DRUG_WITHOUT_DOSING, PLACEHOLDER_INTERVENTION_DESCRIPTION,
       DRUGS_WITHOUT_DOSE,
       ALTERNATIVES_IN_ONE_INTERVENTION)  # fmt: skip
def intervention_descriptions(record: Record, context: Context) -> Iterator[Hit]:
    undosed = []
    for index, item in record.interventions:
        name = as_str(item.get("name"))
        drug = item.get("type") in ("DRUG", "BIOLOGICAL")
        if name and drug and record.study_type == "INTERVENTIONAL" and _ALTERNATIVES.search(name):
            yield Hit(ALTERNATIVES_IN_ONE_INTERVENTION,
                      f"intervention {quoted(name)} offers alternatives: list each as an "
                      "intervention of its own, linked to the arms that receive it",
                      (*INTERVENTIONS, index, "name"))  # fmt: skip
        hit = (
            _missing_description(record, index, item)
            or _placeholder_description(index, item)
            or _undosed_drug(record, index, item)
        )
        if hit is not None:
            yield hit
        elif _dose_given_nowhere(record, item):
            undosed.append(as_str(item.get("name")) or f"intervention {index + 1}")
    if undosed:
        named = ", ".join(quoted(name) for name in undosed[:_NAMED_DRUGS])
        more = f" and {len(undosed) - _NAMED_DRUGS} more" if len(undosed) > _NAMED_DRUGS else ""
        drugs = "drug" if len(undosed) == 1 else "drugs"
        yield Hit(DRUGS_WITHOUT_DOSE,
                  f"the record gives no dose for the {drugs} {named}{more}: give the amount "
                  "with the route and schedule, in the intervention's description or the "
                  "arms'", INTERVENTIONS)  # fmt: skip


def _dose_given_nowhere(record: Record, item: dict[str, Any]) -> bool:
    """Whether a described drug of an interventional study has no amount in its name, its
    description or the description of any arm that receives it."""
    if record.study_type != "INTERVENTIONAL" or item.get("type") != "DRUG":
        return False
    description = as_str(item.get("description")) or ""
    name = as_str(item.get("name")) or ""
    written = f"{name}\n{description}"
    if not description.strip() or any(word in written.casefold() for word in _NOT_DOSED):
        return False
    if _AMOUNT().search(written) or _DOSE_SET_ELSEWHERE().search(written):
        return False
    if _DOSING_LEFT_TO_PRACTICE().search(description):
        return False
    labels = {label for label in as_list(item.get("armGroupLabels")) if isinstance(label, str)}
    for _, arm in record.arm_groups:
        receives = arm.get("label") in labels or any(
            isinstance(entry, str) and _split_reference(entry)[1] == name
            for entry in as_list(arm.get("interventionNames"))
        )
        arm_text = as_str(arm.get("description")) or ""
        if receives and (_AMOUNT().search(arm_text) or _DOSE_SET_ELSEWHERE().search(arm_text)):
            return False
    return True


# --- arm type against label (rules/arm-types.yaml) -------------------------------------------


@dataclass(frozen=True)
class _ArmKind:
    """A kind of arm a label can name, and the arm types that contradict it."""

    name: str
    begins: tuple[str, ...]
    labels: frozenset[str]
    receives_only: tuple[str, ...]
    contradicts: frozenset[str]
    expected: str


@dataclass(frozen=True)
class _ArmWording:
    filler: frozenset[str]
    joiners: frozenset[str]
    kinds: tuple[_ArmKind, ...]

    def kind_of(self, label: str) -> _ArmKind | None:
        """The kind of arm a label names by itself, if any ('Placebo', 'Sham tDCS', 'Control
        group'; not 'Drug X + placebo')."""
        words = [word for word in _LABEL_TOKEN.findall(label.casefold())
                 if word not in self.filler]  # fmt: skip
        if not words or any(word in self.joiners for word in words):
            return None
        text = " ".join(words)
        rest = " ".join(word for word in words if word != "control") or "control"
        for kind in self.kinds:
            if any(text == lead or text.startswith(lead + " ") for lead in kind.begins):
                return kind
            if rest in kind.labels:
                return kind
        return None


_LABEL_TOKEN = re.compile(r"[^\W_]+|[+/&]")


def _words(value: Any, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise ValueError(f"rules/arm-types.yaml: {field} must be a list of words")
    return tuple(" ".join(_LABEL_TOKEN.findall(word.casefold())) or word for word in value)


@cache
def arm_wording() -> _ArmWording:
    """The table of rules/arm-types.yaml, read once."""
    table = rule_data("arm-types.yaml")
    kinds = []
    for entry in as_list(table.get("kinds")):
        entry = as_dict(entry)
        contradicts = entry.get("contradicts", [])
        if not isinstance(contradicts, list) or not set(contradicts) <= ARM_TYPES:
            raise ValueError("rules/arm-types.yaml: contradicts must be a list of arm types")
        kinds.append(_ArmKind(
            name=str(entry.get("name")),
            begins=_words(entry.get("begins", []), "begins"),
            labels=frozenset(_words(entry.get("labels", []), "labels")),
            receives_only=_words(entry.get("receives_only", []), "receives_only"),
            contradicts=frozenset(contradicts),
            expected=str(entry.get("expected")),
        ))  # fmt: skip
    return _ArmWording(
        frozenset(_words(table.get("filler", []), "filler")),
        frozenset(_words(table.get("joiners", []), "joiners")),
        tuple(kinds),
    )


def _received(record: Record) -> dict[int, list[str]]:
    """What each arm receives, as written: its interventionNames and the names of the
    interventions that name it in their armGroupLabels."""
    received: dict[int, list[str]] = {}
    by_label: dict[str, int] = {}
    for index, arm in record.arm_groups:
        entries = [
            entry for entry in as_list(arm.get("interventionNames")) if isinstance(entry, str)
        ]
        received[index] = entries
        label = as_str(arm.get("label"))
        if label is not None:
            by_label.setdefault(label.strip(), index)
    for _, item in record.interventions:
        name = as_str(item.get("name"))
        for label in as_list(item.get("armGroupLabels")):
            if name and isinstance(label, str) and label.strip() in by_label:
                received[by_label[label.strip()]].append(name)
    return received


def _receives_only(entries: list[str], words: tuple[str, ...]) -> bool:
    """Whether every intervention an arm receives is named with one of ``words`` (or the
    arm names none: its label is then all there is to go by)."""
    return not words or all(any(word in entry.casefold() for word in words) for entry in entries)


# A description that says what the arm is for, and says it is the comparison: "the
# comparator group that begins treatment in week 9", "This is the control arm", "serves as the
# control". Not "compared with the control group": that arm is the other one.
_CALLED_CONTROL = re.compile(
    r"\W*(?:(?:this|it)\s+is\s+)?(?:the|a|an)?\s*(?:[\w-]+\s+){0,2}?"
    r"(?:control|comparator|comparison)\s+(?:group|arm|cohort)\b"
    r"|.*?\b(?:serves?|served|acts?|will\s+(?:serve|act))\s+as\s+(?:the|a)\s+(?:\w+\s+)?"
    r"(?:control|comparator|comparison)\b",
    re.IGNORECASE,
)


def _called_control(description: str) -> str | None:
    """The words by which an arm's description calls it the comparison, if it does."""
    found = _CALLED_CONTROL.match(description)
    return found.group().strip() if found else None


@check(ARM_TYPE_CONTRADICTS_LABEL)
def arm_type_and_label(record: Record, context: Context) -> Iterator[Hit]:
    if record.study_type != "INTERVENTIONAL":
        return  # observational groups have no type
    wording = arm_wording()
    received: dict[int, list[str]] | None = None
    for index, arm in record.arm_groups:
        label = as_str(arm.get("label"))
        kind = as_str(arm.get("type"))
        if not label or kind not in ARM_TYPES:
            continue
        named = wording.kind_of(label)
        if named is None and kind == "EXPERIMENTAL":
            said = _called_control(as_str(arm.get("description")) or "")
            if said is not None:
                yield Hit(ARM_TYPE_CONTRADICTS_LABEL,
                          f"arm {quoted(label)} is of type EXPERIMENTAL, but its description calls "
                          f"it {quoted(said)}; make it ACTIVE_COMPARATOR (or another comparator "
                          "type), or describe the arm as what it tests",
                          (*ARMS, index, "type"))  # fmt: skip
            continue
        if named is None or kind not in named.contradicts:
            continue
        if received is None:
            received = _received(record)  # rarely needed: computed once, when it is
        if _receives_only(received[index], named.receives_only):
            yield Hit(ARM_TYPE_CONTRADICTS_LABEL,
                      f"arm {quoted(label)} is of type {kind}, but its label names a {named.name} "
                      f"arm; make it {named.expected}, or relabel the arm",
                      (*ARMS, index, "type"))  # fmt: skip
