"""Phases (family P): the combinations the registry allows, and agreement with the study type,
the titles and the interventions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_list, as_str
from trialint.patterns import lazy_pattern
from trialint.quoting import quoted
from trialint.registry import PHASE_COMBINATIONS, PHASE_NUMBER, PHASED_PRODUCT_TYPES
from trialint.rule import Severity, rule

PHASES = ("protocolSection", "designModule", "phases")
_ALLOWED_SETS = {frozenset(combination) for combination in PHASE_COMBINATIONS}
_KNOWN = frozenset().union(*_ALLOWED_SETS)
_NON_DRUG_TYPES = frozenset({"BEHAVIORAL", "PROCEDURE", "DEVICE"})

# The examples' arms: a drug against usual care. Each example's modules replace those of a
# complete good record (a behavioural study: exercise training against usual care).
_DRUG_ARMS = (
    "  armsInterventionsModule:\n    armGroups:\n"
    "      - label: Drug X\n        type: EXPERIMENTAL\n"
    "        description: Drug X and usual care for 12 weeks.\n"
    "        interventionNames: ['Drug: Drug X']\n"
    "      - label: Usual care\n        type: NO_INTERVENTION\n"
    "        description: Usual care, without Drug X.\n"
    "    interventions:\n      - type: DRUG\n        name: Drug X\n"
    "        description: 10 mg tablets taken by mouth once a day.\n"
    "        armGroupLabels: [Drug X]\n"
)
# Exercise against usual care, with a painkiller both arms receive: background therapy.
_BACKGROUND_DRUG = (
    "  armsInterventionsModule:\n    armGroups:\n"
    "      - label: Exercise\n        type: EXPERIMENTAL\n"
    "        description: Supervised exercise three times a week, and paracetamol as needed.\n"
    "        interventionNames: ['Behavioral: Exercise training', 'Drug: Paracetamol']\n"
    "      - label: Usual care\n        type: ACTIVE_COMPARATOR\n"
    "        description: Usual care and paracetamol as needed, without supervised exercise.\n"
    "        interventionNames: ['Drug: Paracetamol']\n"
    "    interventions:\n      - type: BEHAVIORAL\n        name: Exercise training\n"
    "        description: Strength and balance training, one hour three times a week.\n"
    "        armGroupLabels: [Exercise]\n"
    "      - type: DRUG\n        name: Paracetamol\n"
    "        description: 1 g by mouth up to four times a day as needed for pain.\n"
    "        armGroupLabels: [Exercise, Usual care]\n"
)


def _phases(phases: str, arms: str = "") -> str:
    """An interventional designModule with ``phases``, and the arms module ``arms``."""
    return ("protocolSection:\n  designModule:\n    studyType: INTERVENTIONAL\n"
            f"    phases: {phases}\n" + arms)  # fmt: skip


INVALID_COMBINATION = rule(
    "P001", "invalid-phase-combination", Severity.ERROR,
    "Phases that are not one of the combinations the registry allows.",
    "The registry's phase values combine only as EARLY_PHASE1, PHASE1, PHASE1+PHASE2, PHASE2, "
    "PHASE2+PHASE3, PHASE3, PHASE4 or NA (PRS definitions, Study Phase; API v2 stores the "
    "legacy 'Phase 1/Phase 2' as two entries). Anything else cannot be displayed or searched.",
    fails=("protocolSection:\n  designModule:\n    studyType: INTERVENTIONAL\n"
           "    phases: [PHASE1, PHASE3]\n",),
    passes=(_phases("[PHASE1, PHASE2]", _DRUG_ARMS),),
)  # fmt: skip
OBSERVATIONAL_WITH_PHASE = rule(
    "P002", "phase-on-non-interventional-study", Severity.ERROR,
    "An observational or expanded-access study with a phase.",
    "Study Phase applies to interventional studies only (PRS definitions; every one of the "
    "303 observational records examined has none).",
    fails=("protocolSection:\n  designModule:\n    studyType: OBSERVATIONAL\n"
           "    phases: [PHASE2]\n",),
    passes=("protocolSection:\n  designModule:\n    studyType: OBSERVATIONAL\n",),
)  # fmt: skip
MISSING_PHASE = rule(
    "P003", "interventional-without-phase", Severity.ERROR,
    "An interventional study with no phase (NA is the value for studies without phases).",
    "Study Phase is required for interventional studies (PRS definitions; present in all "
    "1,169 interventional records examined). Write NA for a device or behavioural study.",
    fails=("protocolSection:\n  designModule:\n    studyType: INTERVENTIONAL\n",),
    passes=("protocolSection:\n  designModule:\n    studyType: INTERVENTIONAL\n"
            "    phases: [NA]\n",),
)  # fmt: skip
TITLE_PHASE_MISMATCH = rule(
    "P004", "title-phase-mismatch", Severity.WARNING,
    "A title or acronym states a phase that designModule.phases does not have.",
    "Readers and search engines take the phase from the title as much as from the coded field; "
    "'A Phase 2 Study' registered as PHASE3 (or NA) misleads one of them. A seed record shows "
    "one phase in its header and two in its design.",
    fails=("protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
           "    orgStudyIdInfo: {id: X-1}\n    briefTitle: A Phase I/II Study of Drug X\n"
           "  designModule:\n    studyType: INTERVENTIONAL\n    phases: [PHASE2]\n",),
    passes=("protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
            "    orgStudyIdInfo: {id: X-1}\n    briefTitle: A Phase I/II Study of Drug X\n"
            "  designModule:\n    studyType: INTERVENTIONAL\n    phases: [PHASE1, PHASE2]\n"
            + _DRUG_ARMS,),
)  # fmt: skip
DRUG_WITHOUT_PHASE = rule(
    "P005", "drug-study-without-phase", Severity.WARNING,
    "A study that compares a drug or biological, with phase NA.",
    "For a trial of a drug (including a biological) the phase follows 21 CFR 312.21; NA is for "
    "trials without phases, such as device or behavioural studies (PRS definitions). A drug "
    "every arm receives is background therapy, and one only the comparator arms receive is "
    "not what the experimental arm tests: the rule fires only for a drug some arms receive and "
    "others do not (or, in a single-arm study, when all its interventions are drugs), and not "
    "on diagnostic studies. Non-IND drug studies exist (55 of 633 drug trials examined), hence "
    "a warning. 20 real records of 837 are reported (5 fewer than before these limits).",
    fails=(_phases("[NA]", _DRUG_ARMS),),
    passes=(_phases("[PHASE2]", _DRUG_ARMS), _phases("[NA]", _BACKGROUND_DRUG)),
)  # fmt: skip
PHASE_WITHOUT_DRUG = rule(
    "P006", "phase-without-drug", Severity.WARNING,
    "A drug phase on a study whose interventions are all behavioural, procedures or devices, "
    "or whose experimental arms test only those and that gives no drug or biological.",
    "Phases 1-4 describe drug development (21 CFR 312.21); 'N/A: trials without phases (for "
    "example, studies of devices or behavioral interventions)' (PRS definitions). A "
    "comparator typed OTHER (an allograft, usual care) does not make a device trial a drug "
    "trial: what the experimental arms receive is what the study tests. Radiation and "
    "dietary supplements are phased by right and are not read.",
    fails=(_phases("[PHASE3]"),),
    passes=(_phases("[NA]"),),
)  # fmt: skip


def _coded(record: Record) -> list[str]:
    """The study's phases, or [] when one of them is not a phase value at all (the schema
    reports that, S003, and the other rules would only repeat it)."""
    phases = record.phases
    return phases if set(phases) <= _KNOWN else []


def _show(phases: list[str]) -> str:
    return "[" + ", ".join(phases) + "]"


@check(INVALID_COMBINATION, OBSERVATIONAL_WITH_PHASE, MISSING_PHASE)
def phase_values(record: Record, context: Context) -> Iterator[Hit]:
    phases = record.phases
    study_type = record.study_type
    if study_type in ("OBSERVATIONAL", "EXPANDED_ACCESS"):
        if phases:
            kind = "an observational" if study_type == "OBSERVATIONAL" else "an expanded-access"
            yield Hit(OBSERVATIONAL_WITH_PHASE,
                      f"phases {_show(phases)} on {kind} study; phases apply to interventional "
                      "studies only", PHASES,
                      related=(("protocolSection", "designModule", "studyType"),))  # fmt: skip
        return
    if study_type != "INTERVENTIONAL":
        return
    if not phases:
        yield Hit(MISSING_PHASE, "an interventional study needs a phase (NA if it has none)",
                  PHASES if "phases" in record.design else PHASES[:-1])  # fmt: skip
    elif not set(phases) <= _KNOWN:
        return  # a value that is not a phase at all: the schema reports it (S003)
    elif frozenset(phases) not in _ALLOWED_SETS or len(set(phases)) != len(phases):
        yield Hit(INVALID_COMBINATION,
                  f"phases {_show(phases)} is not a combination the registry allows "
                  "(EARLY_PHASE1, PHASE1, PHASE1+PHASE2, PHASE2, PHASE2+PHASE3, PHASE3, "
                  "PHASE4 or NA)", PHASES)  # fmt: skip


# "Phase 1-2", "Phase I/II", "phase 2b", "Phase 1b/2a", "Phase II-III", "Phase 0", "phase IV":
# a numeral (arabic or roman, with an optional a/b) and optionally a second one after / - or "to".
_NUMERAL = r"(?:[0-4]|IV|III|II|I)(?:[ab])?"
_TITLE_PHASE = lazy_pattern(
    rf"\bphase\s*({_NUMERAL})(?:\s*(?:/|-|\u2013|to|and|&)\s*(?:phase\s*)?({_NUMERAL}))?(?![\w.])",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_TITLE_FIELDS = ("briefTitle", "officialTitle", "acronym")


def _numeral(text: str) -> int:
    core = text.rstrip("abAB").upper()
    return int(core) if core.isdigit() else _ROMAN[core]


def title_phases(text: str) -> list[tuple[set[int], int, int]]:
    """The phases a title states, each with its (offset, length) in the text."""
    found = []
    for match in _TITLE_PHASE().finditer(text):
        numbers = {_numeral(match.group(1))}
        if match.group(2):
            numbers.add(_numeral(match.group(2)))
        found.append((numbers, match.start(), match.end() - match.start()))
    return found


def _titles_naming_a_phase(record: Record) -> list[tuple[str, str]]:
    """The (field, text) of the titles that mention a phase: about one record in six."""
    titles = []
    for field in _TITLE_FIELDS:
        text = as_str(record.identification.get(field))
        if text and "phase" in text.lower():
            titles.append((field, text))
    return titles


@check(TITLE_PHASE_MISMATCH)
def phase_in_titles(record: Record, context: Context) -> Iterator[Hit]:
    if record.study_type != "INTERVENTIONAL":
        return
    titles = _titles_naming_a_phase(record)
    phases = _coded(record) if titles else []
    if not phases:
        return
    coded = {PHASE_NUMBER[phase] for phase in phases if phase in PHASE_NUMBER}
    for field, text in titles:
        stated = title_phases(text)
        numbers = set().union(*(numbers for numbers, _, _ in stated))
        if stated and numbers != coded and not (numbers == {0} and coded == {0, 1}):
            _, offset, length = stated[0]
            yield Hit(TITLE_PHASE_MISMATCH,
                      f"{field} says {quoted(text[offset:offset + length])} but phases is "
                      f"{_show(phases)}", ("protocolSection", "identificationModule", field),
                      within=(offset, length), related=(PHASES,))  # fmt: skip


def _arms_receiving(record: Record) -> dict[int, set[int]]:
    """For each intervention, the arms that receive it: those its armGroupLabels name and
    those whose interventionNames name it ("Drug: Aspirin", or the bare name)."""
    arm_by_label: dict[str, int] = {}
    names: dict[str, list[int]] = {}
    for index, item in record.interventions:
        name = as_str(item.get("name"))
        if name:
            names.setdefault(name.strip(), []).append(index)
    receiving: dict[int, set[int]] = {index: set() for index, _ in record.interventions}
    for arm_index, arm in record.arm_groups:
        label = as_str(arm.get("label"))
        if label:
            arm_by_label.setdefault(label.strip(), arm_index)
        for entry in as_list(arm.get("interventionNames")):
            if isinstance(entry, str):
                name = entry.partition(":")[2].strip() or entry.strip()
                for index in names.get(name, names.get(entry.strip(), [])):
                    receiving[index].add(arm_index)
    for index, item in record.interventions:
        for label in as_list(item.get("armGroupLabels")):
            if isinstance(label, str) and label.strip() in arm_by_label:
                receiving[index].add(arm_by_label[label.strip()])
    return receiving


def _compared_drugs(record: Record) -> set[str]:
    """The types (drug, biological) of the drugs the study is about: those some arm receives
    and another does not, and an experimental arm among them if the study has one. A drug
    every arm receives is background therapy; with one arm (or none listed) the drugs are the
    study's only when all its interventions are drugs."""
    typed: list[tuple[int, str]] = []
    for index, item in record.interventions:
        kind = as_str(item.get("type"))
        if kind is not None:
            typed.append((index, kind))
    drugs = [(index, kind) for index, kind in typed if kind in PHASED_PRODUCT_TYPES]
    if not drugs:
        return set()
    arms = len(record.arm_groups)
    if arms <= 1:
        known = {kind for _, kind in typed}
        return known if known <= PHASED_PRODUCT_TYPES else set()
    receiving = _arms_receiving(record)
    # A drug only the comparator arms receive (usual care, standard therapy) is not what an
    # experimental arm tests.
    experimental = {index for index, arm in record.arm_groups if arm.get("type") == "EXPERIMENTAL"}
    return {kind for index, kind in drugs
            if receiving[index] and len(receiving[index]) < arms
            and (not experimental or receiving[index] & experimental)}  # fmt: skip


@check(DRUG_WITHOUT_PHASE, PHASE_WITHOUT_DRUG)
def phase_and_interventions(record: Record, context: Context) -> Iterator[Hit]:
    if record.study_type != "INTERVENTIONAL":
        return
    phases = _coded(record)
    if not phases:
        return
    types = {kind for _, item in record.interventions if (kind := as_str(item.get("type")))}
    if not types:
        return
    if phases == ["NA"]:
        if as_str(record.design_info.get("primaryPurpose")) == "DIAGNOSTIC":
            return  # a diagnostic study is not a drug trial
        compared = _compared_drugs(record)
        if compared:
            kinds = " and ".join(sorted(kind.lower() for kind in compared))
            yield Hit(DRUG_WITHOUT_PHASE,
                      f"phase NA on a study that compares a {kinds}; drug trials have a phase "
                      "(PHASE1-4, or EARLY_PHASE1)", PHASES)  # fmt: skip
    elif "NA" not in phases and types <= _NON_DRUG_TYPES:
        kinds = ", ".join(sorted(t.lower() for t in types))
        yield Hit(PHASE_WITHOUT_DRUG,
                  f"phases {_show(phases)} on a study whose interventions are all {kinds}; "
                  "phases describe drug trials (NA otherwise)", PHASES)  # fmt: skip
    elif "NA" not in phases and not types & PHASED_PRODUCT_TYPES:
        tested = _tested_types(record)
        if tested and tested <= _NON_DRUG_TYPES:
            kinds = ", ".join(sorted(t.lower() for t in tested))
            yield Hit(PHASE_WITHOUT_DRUG,
                      f"phases {_show(phases)} on a study whose experimental arms test only "
                      f"{kinds} interventions and no drug; phases describe drug trials (NA "
                      "otherwise)", PHASES)  # fmt: skip


def _tested_types(record: Record) -> set[str]:
    """The types of the interventions the experimental arms receive (none without such an
    arm): what the study tests, whatever its comparator receives ('Other: Allograft')."""
    experimental = {index for index, arm in record.arm_groups if arm.get("type") == "EXPERIMENTAL"}
    receiving = _arms_receiving(record)
    return {
        kind
        for index, item in record.interventions
        if receiving[index] & experimental and (kind := as_str(item.get("type")))
    }
