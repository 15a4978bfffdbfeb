"""Design (family A, and an outcome's clock, family O): a study type, an allocation or a
primary purpose its own record contradicts in words.

The study type decides which modules and rules apply, how the registry lists the study and
which law applies to it. A record typed INTERVENTIONAL that calls itself "a prospective
observational study", or typed OBSERVATIONAL that says its participants "will be randomly
assigned", has one of the two wrong; a curator marks it (QC review: internal inconsistency,
the registry's own example of one: "an observational study titled 'randomized'"). The
allocation likewise: a single-arm or non-randomized study whose title or arms say
participants are randomized, or whose outcomes are timed from a randomization its design
and its own words never have. And the primary purpose: TREATMENT for a study whose
participants are healthy volunteers, who have nothing to treat.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.outcomes import OUTCOMES, each_outcome
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_list, as_str
from trialint.patterns import lazy_pattern
from trialint.quoting import quoted
from trialint.rule import Rule, Severity, rule

_DESIGN = "protocolSection:\n  designModule:\n    studyType: "
_SUMMARY = "\n  descriptionModule:\n    briefSummary: "

STUDY_TYPE_CONTRADICTED = rule(
    "A022", "study-type-contradicts-description", Severity.WARNING,
    "An INTERVENTIONAL study whose title or summary calls it observational, or an "
    "OBSERVATIONAL one whose summary says participants will be randomly assigned.",
    "In an interventional study participants are assigned to interventions by the protocol; "
    "in an observational one they are not (PRS definitions, Study Type). A record whose own "
    "words say the other has one of the two wrong, and the registry's QC review names this "
    "very case as an internal inconsistency (prs-rules.md G). Read: a title that says "
    "'observational' or 'non-interventional', a summary or detailed description that calls "
    "the study 'an observational study' ('This prospective, observational study', 'an "
    "observational, descriptive, prospective and retrospective data collection study'; not "
    "'an additional observational cohort' beside the randomized one); for an observational "
    "one, the plan to randomize in the future ('will be randomized', 'will be age-matched "
    "and randomly assigned'; 'were randomized' may be a parent trial's). Corpus: 10 hits; "
    "the 9 outside the held-out recall sample read, all real.",
    fails=(_DESIGN + "INTERVENTIONAL" + _SUMMARY
           + "A prospective observational study of knee pain after surgery.\n",),
    passes=(_DESIGN + "OBSERVATIONAL" + _SUMMARY
            + "A prospective observational study of knee pain after surgery.\n",),
)  # fmt: skip

_OBSERVATIONAL_TITLE = re.compile(r"\b(?:observational|non-?interventional)\b", re.I)
# "This prospective, observational study", "an observational, descriptive, prospective and
# retrospective data collection study", "this observational cohort"; not "an additional
# observational cohort" or "the Observational cohort" beside the randomized one, which are
# parts of the trial.
_OBSERVATIONAL_SUMMARY = lazy_pattern(
    r"\b(?:(?:this|the|a|an|our)\s+(?!(?:additional|separate|parallel|nested|companion"
    r"|ancillary|sub)\b)(?:[\w-]+[\s,]+){0,3}?(?:observational|non-?interventional)"
    r"(?:[\s,]+(?:and\s+)?[\w-]+){0,5}?\s+(?:study|registry)"
    r"|(?:this|our)\s+(?:[\w-]+[\s,]+){0,3}?(?:observational|non-?interventional)\s+cohort)\b",
    re.I,
)
# The protocol's plan, in the future: "will be randomized", "will be age-matched and randomly
# assigned" (in the present or the past, the randomization may be a parent trial's).
_ASSIGNED = lazy_pattern(
    r"\b(?:will|to)\s+be\s+(?:[\w-]+\s+(?:and\s+)?){0,2}?"
    r"(?:randomi[sz]ed|randomly\s+(?:assigned|allocated))\b",
    re.I,
)
_ASSIGNED_NOT = re.compile(r"\b(?:not|non)[- ]?(?:be\s+)?random", re.I)
_IDENTIFICATION = ("protocolSection", "identificationModule")
_STUDY_TYPE = ("protocolSection", "designModule", "studyType")
_ALLOCATION = ("protocolSection", "designModule", "designInfo", "allocation")
_ARMS = ("protocolSection", "armsInterventionsModule", "armGroups")
_DESCRIPTION = ("protocolSection", "descriptionModule")


@check(STUDY_TYPE_CONTRADICTED)
def study_type_in_words(record: Record, context: Context) -> Iterator[Hit]:
    study_type = record.study_type
    identification = record.module("identificationModule")
    description = record.module("descriptionModule")
    summary = as_str(description.get("briefSummary")) or ""
    if study_type == "INTERVENTIONAL":
        for key in ("briefTitle", "officialTitle"):
            title = as_str(identification.get(key)) or ""
            found = _OBSERVATIONAL_TITLE.search(title)
            if found:
                yield _hit(study_type, found, (*_IDENTIFICATION, key))
                return
        for key in ("briefSummary", "detailedDescription"):
            text = summary if key == "briefSummary" else as_str(description.get(key)) or ""
            lowered = text.lower()
            if "observational" not in lowered and "interventional" not in lowered:
                continue  # nearly every description: told by a search in C
            found = _OBSERVATIONAL_SUMMARY().search(text)
            if found:
                yield _hit(study_type, found, (*_DESCRIPTION, key))
                return
    elif study_type == "OBSERVATIONAL" and not _ASSIGNED_NOT.search(summary):
        found = _ASSIGNED().search(summary)
        if found:
            yield _hit(study_type, found, (*_DESCRIPTION, "briefSummary"))


def _hit(study_type: str, found: re.Match[str], path: tuple[str, ...]) -> Hit:
    other = "observational" if study_type == "INTERVENTIONAL" else "interventional"
    return _said(STUDY_TYPE_CONTRADICTED, f"studyType is {study_type}", found, path,
                 _STUDY_TYPE, f" (an {other} study?)")  # fmt: skip


def _said(
    contradicted: Rule,
    field: str,
    found: re.Match[str],
    path: tuple[str | int, ...],
    field_path: tuple[str, ...],
    hint: str = "",
) -> Hit:
    """A field the words ``found`` in the text at ``path`` contradict: at the words, relating
    the field."""
    return Hit(contradicted,
               f"{field}, but the record says {quoted(found.group())}: one of the two is "
               f"wrong{hint}",
               path, within=(found.start(), found.end() - found.start()),
               related=(field_path,))  # fmt: skip


# A non-randomized study, titled as one (the good record's title says 'Randomized').
_NON_RANDOMIZED = (
    "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
    "    orgStudyIdInfo: {id: TRIALINT-001}\n"
    "    organization: {fullName: Example University Hospital, class: OTHER}\n"
    "    briefTitle: Exercise Training After Knee Replacement\n"
    "    officialTitle: A Non-randomized Study of Exercise After Total Knee Replacement\n"
    "  designModule:\n    studyType: INTERVENTIONAL\n    phases: [NA]\n"
    "    designInfo: {allocation: NON_RANDOMIZED, interventionModel: PARALLEL, "
    "primaryPurpose: TREATMENT, maskingInfo: {masking: NONE}}\n"
)
ALLOCATION_CONTRADICTED = rule(
    "A027", "allocation-contradicts-description", Severity.WARNING,
    "A study whose allocation is NA or NON_RANDOMIZED while its title, summary or an arm's "
    "description says participants are randomized.",
    "Allocation says how participants are assigned to arms (PRS definitions, Allocation): "
    "RANDOMIZED by chance, NON_RANDOMIZED otherwise, NA for a single-arm study. A record "
    "whose own words randomize ('A Prospective, Randomized, Double-blinded ... Trial', "
    "'Patients randomized to this arm') while the field says otherwise has one of the two "
    "wrong, and searches for randomized trials go by the field. Read: 'randomized' in a "
    "title (not 'non-randomized'), and in the summary or an arm's description a plan to "
    "randomize ('will be randomized', 'randomly assigned', 'randomized to'). Corpus: 3, all "
    "real.",
    fails=(_NON_RANDOMIZED + _SUMMARY + "Adults will be randomly assigned to exercise.\n",),
    passes=(_NON_RANDOMIZED + _SUMMARY + "Adults choose exercise or usual care.\n",),
)  # fmt: skip
_RANDOMIZED_TITLE = re.compile(r"(?<![\w-])(?<!non-)(?<!non )(?<!not )randomi[sz]ed\b", re.I)
_RANDOMIZED = lazy_pattern(
    r"\b(?:(?:will|to)\s+be|are|is|were|was|being)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:randomi[sz]ed|randomly\s+(?:assigned|allocated|divided|distributed))\b"
    r"|\brandomi[sz]ed\s+(?:to|into)\b",
    re.I,
)


@check(ALLOCATION_CONTRADICTED)
def allocation_in_words(record: Record, context: Context) -> Iterator[Hit]:
    if record.design_info.get("allocation") not in ("NA", "NON_RANDOMIZED"):
        return
    identification = record.module("identificationModule")
    for key in ("briefTitle", "officialTitle"):
        title = as_str(identification.get(key)) or ""
        found = _RANDOMIZED_TITLE.search(title)
        if found:
            yield _allocation_hit(record, found, (*_IDENTIFICATION, key))
            return
    places: list[tuple[tuple[str | int, ...], str]] = [
        (
            (*_DESCRIPTION, "briefSummary"),
            as_str(record.module("descriptionModule").get("briefSummary")) or "",
        ),
    ]
    places += [((*_ARMS, index, "description"), as_str(arm.get("description")) or "")
               for index, arm in record.arm_groups]  # fmt: skip
    for path, text in places:
        found = _RANDOMIZED().search(text)
        if found and not _ASSIGNED_NOT.search(text):
            yield _allocation_hit(record, found, path)
            return


def _allocation_hit(record: Record, found: re.Match[str], path: tuple[str | int, ...]) -> Hit:
    allocation = record.design_info.get("allocation")
    return _said(ALLOCATION_CONTRADICTED, f"allocation is {allocation}", found, path, _ALLOCATION)


def _timed_from(start: str) -> str:
    """The non-randomized study above, its survival timed from ``start``."""
    return (
        _NON_RANDOMIZED + _SUMMARY + "Adults choose exercise or usual care.\n"
        "  outcomesModule:\n    primaryOutcomes:\n      - measure: Overall survival\n"
        f"        description: Time from {start} to death from any cause.\n"
        "        timeFrame: Up to 2 years\n"
    )


FROM_RANDOMIZATION = rule(
    "O026", "outcome-timed-from-randomization-without-randomization", Severity.WARNING,
    "An outcome measured from randomization ('time from the date of randomization to "
    "death') in a study whose allocation is NA or NON_RANDOMIZED and whose own words never "
    "speak of randomizing.",
    "A time-to-event outcome runs from a start that every participant has (PRS "
    "definitions, Outcome Measure Time Frame): in a single-arm or non-randomized study "
    "nobody is randomized, so 'from randomization' names no date, and a reader cannot tell "
    "when the clock starts (enrolment, the first dose, surgery). It is an oncology template "
    "of a randomized trial copied into a single-arm one; where the summary, the arms or the "
    "design do speak of randomizing, the allocation is what may be wrong (A027), and a "
    "study with a randomized part ('Stratum 1a: randomisation ...') is left alone. Corpus: "
    "16 outcomes in 7 single-arm studies, all read, all real (none in the held-out recall "
    "sample); the curators of the tuning samples marked every one in their records (6 "
    "outcomes of 2 records).",
    fails=(_timed_from("randomization"),),
    passes=(_timed_from("the first session"),),
)  # fmt: skip
# The clock started at randomization: 'from randomization', 'from the date of randomisation',
# 'since the time of randomization'.
_FROM_RANDOMIZATION = lazy_pattern(
    r"\b(?:from|since|after)\s+(?:the\s+)?(?:(?:date|day|time|beginning|start|moment)\s+of\s+)?"
    r"randomi[sz]ation\b",
    re.I,
)
# 'randomized', 'randomly assigned'; not 'non-randomized', 'non randomised', 'not random'.
_SAYS_RANDOM = re.compile(r"(?<![\w-])(?<!non )(?<!not )random", re.I)


@check(FROM_RANDOMIZATION)
def outcomes_from_randomization(record: Record, context: Context) -> Iterator[Hit]:
    """Each outcome timed from a randomization that the study, by its allocation and by its
    own words elsewhere, does not have."""
    allocation = record.design_info.get("allocation")
    if allocation not in ("NA", "NON_RANDOMIZED"):
        return
    # each outcome's fields that say it, the first with the words found
    found_in: list[tuple[str, list[tuple[str | int, ...]], re.Match[str]]] = []
    for key, kind, index, outcome in each_outcome(record):
        fields: list[tuple[str | int, ...]] = []
        first: re.Match[str] | None = None
        for field in ("measure", "timeFrame", "description"):
            text = as_str(outcome.get(field)) or ""
            found = _FROM_RANDOMIZATION().search(text) if "andomi" in text else None
            if found:
                fields.append((*OUTCOMES, key, index, field))
                first = first or found
        if first is not None:
            found_in.append((f"{kind} outcome {index + 1}", fields, first))
    if not found_in or _speaks_of_randomizing(record):
        return
    for which, fields, found in found_in:
        yield Hit(FROM_RANDOMIZATION,
                  f"{which} is measured {quoted(found.group())}, but allocation is "
                  f"{allocation} and the record randomizes no one: say from when it is "
                  "measured (enrolment, the first dose), or correct the allocation",
                  fields[0], within=(found.start(), found.end() - found.start()),
                  related=(*fields[1:], _ALLOCATION))  # fmt: skip


def _speaks_of_randomizing(record: Record) -> bool:
    """Whether the record's titles, descriptions, design description, arms or interventions
    speak of randomization at all: then the allocation, or a randomized part of the study,
    explains the outcome's clock."""
    identification = record.module("identificationModule")
    description = record.module("descriptionModule")
    texts = [identification.get("briefTitle"), identification.get("officialTitle"),
             description.get("briefSummary"), description.get("detailedDescription"),
             record.design_info.get("interventionModelDescription")]  # fmt: skip
    for _, item in (*record.arm_groups, *record.interventions):
        texts += [item.get("label"), item.get("name"), item.get("description")]
    return any(_SAYS_RANDOM.search(text) for text in texts if isinstance(text, str))


def _healthy_study(purpose: str) -> str:
    """The non-randomized study above, of healthy volunteers, for ``purpose``."""
    return (
        _NON_RANDOMIZED.replace("primaryPurpose: TREATMENT", f"primaryPurpose: {purpose}")
        + _SUMMARY
        + "Adults choose exercise or usual care.\n"
        "  conditionsModule:\n    conditions: [Healthy Volunteers]\n"
        "  eligibilityModule:\n    eligibilityCriteria: |-\n      Inclusion Criteria:\n\n"
        "      * Healthy adults aged 18 to 45 years\n\n      Exclusion Criteria:\n\n"
        "      * Any chronic disease\n    healthyVolunteers: true\n    sex: ALL\n"
        "    minimumAge: 18 Years\n    maximumAge: 45 Years\n"
    )


TREATMENT_OF_HEALTHY_VOLUNTEERS = rule(
    "A036", "treatment-purpose-in-healthy-volunteers", Severity.INFO,
    "An interventional study of healthy volunteers (its title says so, or its only condition "
    "is 'Healthy') whose primary purpose is TREATMENT.",
    "TREATMENT is the purpose of a study whose interventions are evaluated 'for treating a "
    "disease, syndrome, or condition' (PRS definitions, Primary Purpose); healthy volunteers "
    "have none to treat. A pharmacokinetic, interaction or mechanistic study in them is "
    "BASIC_SCIENCE or OTHER, a vaccine's PREVENTION, and searches by purpose (for treatment "
    "trials of a disease) find it wrongly. Read where the record accepts healthy volunteers "
    "and its title names them as its participants ('in Healthy Volunteers', 'Healthy Elderly "
    "Subjects'; not beside patients) or its conditions are only 'Healthy ...'; not where "
    "every intervention is a dietary supplement, which may be meant to treat a state the "
    "record calls no condition (an oral supplement for the skin). Information. Corpus: 5, "
    "all read, none treatment (pharmacokinetics, a drug interaction, residual effects, a "
    "mechanism); the tuning samples' curators marked both in their records.",
    fails=(_healthy_study("TREATMENT"),),
    passes=(_healthy_study("BASIC_SCIENCE"),),
)  # fmt: skip
# The participants a title names healthy: 'in Healthy Volunteers', 'Healthy Elderly Subjects',
# 'Healthy Adult Males'.
_HEALTHY_PARTICIPANTS = lazy_pattern(
    r"\bhealthy\s+(?:(?:adult|elderly|older|young|male|female|japanese|chinese|caucasian"
    r"|korean)\s+){0,3}(?:volunteers?|subjects?|participants?|individuals?|adults?|males?"
    r"|females?|men|women)\b",
    re.I,
)
_PRIMARY_PURPOSE = ("protocolSection", "designModule", "designInfo", "primaryPurpose")


@check(TREATMENT_OF_HEALTHY_VOLUNTEERS)
def treatment_of_the_healthy(record: Record, context: Context) -> Iterator[Hit]:
    if (
        record.study_type != "INTERVENTIONAL"
        or record.design_info.get("primaryPurpose") != "TREATMENT"
        or record.eligibility.get("healthyVolunteers") is not True
    ):
        return
    kinds = {item.get("type") for _, item in record.interventions}
    if kinds == {"DIETARY_SUPPLEMENT"}:
        return  # a supplement may be meant to treat a state the record calls no condition
    identification = record.module("identificationModule")
    for key in ("briefTitle", "officialTitle"):
        title = as_str(identification.get(key)) or ""
        found = _HEALTHY_PARTICIPANTS().search(title) if "ealthy" in title else None
        if found and "patient" not in title.lower():  # not '... and in patients with X'
            yield _said(
                TREATMENT_OF_HEALTHY_VOLUNTEERS,
                "primaryPurpose is TREATMENT",
                found,
                (*_IDENTIFICATION, key),
                _PRIMARY_PURPOSE,
                " (healthy volunteers have nothing to treat: BASIC_SCIENCE or OTHER?)",
            )
            return
    conditions = [as_str(item) or "" for item in
                  as_list(record.module("conditionsModule").get("conditions"))]  # fmt: skip
    if conditions and all(item.strip().lower().startswith("healthy") for item in conditions):
        yield Hit(TREATMENT_OF_HEALTHY_VOLUNTEERS,
                  f"primaryPurpose is TREATMENT, but the study's conditions are only "
                  f"{quoted(conditions[0])}: healthy volunteers have nothing to treat "
                  "(BASIC_SCIENCE or OTHER?)", _PRIMARY_PURPOSE,
                  related=(("protocolSection", "conditionsModule", "conditions", 0),))  # fmt: skip


_OBSERVATIONAL = (
    "protocolSection:\n  designModule:\n    studyType: OBSERVATIONAL\n"
    "    designInfo: {{observationalModel: COHORT, timePerspective: {perspective}}}\n"
    "  descriptionModule:\n    briefSummary: {summary}\n"
)
TIME_PERSPECTIVE_CONTRADICTED = rule(
    "A028", "time-perspective-contradicts-description", Severity.WARNING,
    "An observational study whose time perspective is PROSPECTIVE (or RETROSPECTIVE) while "
    "its title or summary says the study is retrospective (prospective), or both.",
    "The time perspective says when the data are collected (PRS definitions, Time "
    "Perspective): PROSPECTIVE after enrollment, RETROSPECTIVE from the past, OTHER for "
    "anything else, a study with both prospective and retrospective cohorts included. A "
    "record whose own words say otherwise has one of the two wrong (a curator marks it). "
    "Read where the words are about the study itself: 'both prospective and retrospective', "
    "'This retrospective cohort study', 'a prospective study' (not 'previous retrospective "
    "studies', nor data 'prospectively collected' that a retrospective study reads). "
    "Corpus: 6 hits, all read and real (studies with both cohorts typed PROSPECTIVE).",
    fails=(_OBSERVATIONAL.format(perspective="PROSPECTIVE", summary="There are both "
           "prospective and retrospective cohorts of adults after knee surgery."),),
    passes=(_OBSERVATIONAL.format(perspective="OTHER", summary="There are both prospective "
            "and retrospective cohorts of adults after knee surgery."),),
)  # fmt: skip
_TIME_PERSPECTIVE = ("protocolSection", "designModule", "designInfo", "timePerspective")
# The study's own words: both kinds at once, or one kind said of "this" study.
_BOTH = (
    r"(?:prospective(?:ly)?\s+(?:and|&|/|or)\s+retrospective(?:ly)?"
    r"|retrospective(?:ly)?\s+(?:and|&|/|or)\s+prospective(?:ly)?)\b"
)
_SAID_OF_THE_STUDY = {
    "PROSPECTIVE": re.compile(
        rf"\b(?:{_BOTH}|(?:this|our|the\s+present)\s+(?:[\w-]+[\s,]+){{0,3}}?retrospective\b)", re.I
    ),
    "RETROSPECTIVE": re.compile(
        rf"\b(?:{_BOTH}|(?:this|our|the\s+present)\s+(?:[\w-]+[\s,]+){{0,3}}?prospective\b)", re.I
    ),
}


@check(TIME_PERSPECTIVE_CONTRADICTED)
def time_perspective_in_words(record: Record, context: Context) -> Iterator[Hit]:
    perspective = as_str(record.design_info.get("timePerspective"))
    said = _SAID_OF_THE_STUDY.get(perspective or "")
    if said is None or record.study_type != "OBSERVATIONAL":
        return
    identification = record.module("identificationModule")
    places = [((*_IDENTIFICATION, key), as_str(identification.get(key)) or "")
              for key in ("briefTitle", "officialTitle")]  # fmt: skip
    places.append(
        (
            (*_DESCRIPTION, "briefSummary"),
            as_str(record.module("descriptionModule").get("briefSummary")) or "",
        )
    )
    for path, text in places:
        if "rospective" not in text:
            continue  # nearly every text: told by a search in C
        found = said.search(text)
        if found:
            hint = " (a study both prospective and retrospective is OTHER)" if (
                "prospective" in found.group().lower()
                and "retrospective" in found.group().lower()
            ) else ""  # fmt: skip
            yield _said(TIME_PERSPECTIVE_CONTRADICTED, f"timePerspective is {perspective}",
                        found, path, _TIME_PERSPECTIVE, hint)  # fmt: skip
            return
