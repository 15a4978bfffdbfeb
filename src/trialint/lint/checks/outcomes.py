"""Outcome measures (family O): a primary outcome on every interventional study, and titles and
time frames that say what is measured and when.

The rules follow ``prs-rules.md`` D7 and ``registry-quality-rules.md`` 22-26, checked against
the real records of ``../shared/corpus``. What the data taught:

- Every real record without a primary outcome or without a time frame was first submitted
  before FDAAA 801 (27 September 2007) made outcome measures part of registration: that is
  history, and those rules skip such records.
- Vague time frames are rare but real ("Length of study", "Through study completion", "2009").
  A time frame that gives a number anywhere ("end of study, up to 24 months", "Through study
  completion, an average of 1 year", the registry's own example) says when, so only
  time frames without one are judged vague: precision first.
- Titles that only name a quality ("Safety", "Efficacy", "Feasibility 1", "Primary Outcome")
  occur in 34 of 837 records; titles written as objectives ("To evaluate ...") in 23.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str, dicts
from trialint.partialdate import PartialDate
from trialint.rule import Severity, rule

OUTCOMES = ("protocolSection", "outcomesModule")
KINDS = (("primaryOutcomes", "primary"), ("secondaryOutcomes", "secondary"),
         ("otherOutcomes", "other"))  # fmt: skip
# FDAAA 801 took effect: it made primary and secondary outcome measures part of registration.
# Every real record without them, or without their time frames, was first submitted earlier.
FDAAA = PartialDate(2007, 9, 27)

# Time frames that do not say when, once normalised (lowercased, hyphens as spaces); judged
# only in time frames with no number at all.
VAGUE_PHRASES = (
    "end of study", "end of the study", "end of trial", "end of the trial", "study end",
    "study completion", "completion of the study", "completion of study",
    "throughout the study", "throughout study", "throughout the trial", "during the study",
    "during the trial", "duration of the study", "duration of study", "duration of the trial",
    "study duration", "length of study", "length of the study", "study period", "whole study",
    "entire study", "post intervention", "postintervention", "post treatment",
    "posttreatment", "post therapy", "end of treatment", "end of the treatment",
    "end of intervention", "end of the intervention", "end of therapy", "long term",
    "follow up", "followup",
)  # fmt: skip
NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "eighteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "ninety", "hundred", "first", "second", "third", "fourth",
    "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "twelfth", "half", "once", "twice",
    "single",
})  # fmt: skip
_VISITS = re.compile(
    r"(?:at\s+)?visits?\s*#?\s*\d+(?:\s*(?:,|and|&|/|or|-|to)\s*(?:visits?\s*#?\s*)?\d+)*\.?",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")

# Non-specific titles: every word is one of these, and one is a quality or "outcome".
GENERIC_QUALITIES = frozenset({
    "safety", "efficacy", "tolerability", "tolerance", "feasibility", "feasability",
    "effectiveness", "satisfaction", "acceptability", "usability", "toxicity",
})  # fmt: skip
_GENERIC_HEADS = GENERIC_QUALITIES | {"outcome", "outcomes", "endpoint", "endpoints"}
_GENERIC_FILLERS = frozenset({
    "primary", "secondary", "overall", "general", "global", "clinical", "drug", "treatment",
    "study", "trial", "profile", "assessment", "assessments", "evaluation", "evaluations",
    "measure", "measures", "and", "or", "of", "the", "a", "an", "to", "in", "for", "with", "on",
    "phase", "i", "ii", "iii", "iv",
})  # fmt: skip
_TITLE_WORDS = re.compile(r"[a-z0-9]+")
# A lowercased title whose words (_TITLE_WORDS) are all heads, fillers or numbers. A specific
# title fails at its first word, so most are rejected at once; IGNORECASE would be slower.
_GENERIC_WORDS_ONLY = re.compile(
    r"[^a-z0-9]*(?:(?:"
    + "|".join(sorted(_GENERIC_HEADS | _GENERIC_FILLERS))
    + r"|[0-9]+)(?![a-z0-9])[^a-z0-9]*)*"
)
_GENERIC_LENGTH = 60
# What a specific title looks like, by the quality a non-specific one names.
_EXAMPLES = (
    (frozenset({"safety", "tolerability", "tolerance", "toxicity"}),
     "Number of participants with treatment-related adverse events"),
    (frozenset({"feasibility", "feasability"}), "Proportion of eligible patients who enrol"),
    (frozenset({"satisfaction", "acceptability"}),
     "Client Satisfaction Questionnaire (CSQ-8) total score"),
    (frozenset({"usability"}), "System Usability Scale (SUS) score"),
    (frozenset(), "Change from baseline in pain on a 0-10 numeric rating scale"),
)  # fmt: skip
_OBJECTIVE = re.compile(
    r"\s*(?:in\s+order\s+)?to\s+(?:assess|evaluate|determine|investigate|examine|measure|compare"
    r"|explore|estimate|study|characteri[sz]e|identify|describe|test|observe|monitor|analy[sz]e"
    r"|demonstrate|establish|confirm|quantify|document|detect|understand|verify|record|collect"
    r"|obtain|calculate|find|check|show|track|see|evaluation|assessment)\b",
    re.IGNORECASE,
)


def _outcomes(body: str) -> str:
    """A fragment whose outcomesModule is ``body`` (its lines after ``outcomesModule:``)."""
    return "protocolSection:\n  outcomesModule:\n" + body


def _primary(measure: str, time_frame: str | None = "Baseline and week 12") -> str:
    frame = f"        timeFrame: {time_frame}\n" if time_frame is not None else ""
    return _outcomes(f"    primaryOutcomes:\n      - measure: {measure}\n" + frame)


MISSING_PRIMARY_OUTCOME = rule(
    "O001", "missing-primary-outcome", Severity.ERROR,
    "An interventional study with no primary outcome measure.",
    "Primary Outcome Measure is required (PRS definitions and 42 CFR Part 11; WHO TRDS item "
    "19; registry-quality rule 22). The 4 real interventional records without one were "
    "first submitted before FDAAA 801 (2007-09-27) and are not reported.",
    fails=("protocolSection:\n  outcomesModule:\n    secondaryOutcomes:\n"
           "      - {measure: Knee pain on a 0-10 scale, timeFrame: Week 12}\n",),
    passes=(_primary("Six-minute walk distance"),),
)  # fmt: skip
MISSING_TIME_FRAME = rule(
    "O002", "missing-time-frame", Severity.ERROR,
    "An outcome measure with no time frame, or an empty one.",
    "Each outcome measure has a title and a time frame (PRS definitions, Outcome Measure "
    "Time Frame; a missing time frame is a QC Major issue; registry-quality rule 23). The 33 "
    "real outcomes without one belong to records first submitted before FDAAA 801 "
    "(2007-09-27), which are not reported.",
    fails=(_primary("Six-minute walk distance", None),
           _primary("Six-minute walk distance", "''")),
    passes=(_primary("Six-minute walk distance"),),
)  # fmt: skip
VAGUE_TIME_FRAME = rule(
    "O003", "vague-time-frame", Severity.WARNING,
    "A time frame that does not say when: only a number, a visit number, or 'end of study', "
    "'throughout the study', 'post-intervention' with no time given.",
    "The time frame gives the specific time point(s) or period of assessment (PRS "
    "definitions); PRS warns on a time frame that is only a number, and QC reviewers return "
    "vague ones such as 'end of study' or 'visit 1' (registry-quality rule 24, Colorado "
    "time-frame tip). Time frames with a number or duration anywhere ('Through study "
    "completion, an average of 1 year') are not reported.",
    fails=(_primary("Six-minute walk distance", "End of study"),
           _primary("Six-minute walk distance", "'12'"),
           _primary("Six-minute walk distance", "Visit 2")),
    passes=(_primary("Six-minute walk distance", "End of study (week 12)"),
            _primary("Six-minute walk distance", "Through study completion, an average of 1 year")),
)  # fmt: skip
NON_SPECIFIC_OUTCOME_TITLE = rule(
    "O004", "non-specific-outcome-title", Severity.WARNING,
    "An outcome title that names a quality, not a measure: 'Safety', 'Efficacy', "
    "'Tolerability', 'Feasibility', 'Satisfaction', 'Primary outcome'.",
    "The title names the specific measurement ('Number of participants with treatment-related "
    "adverse events'); PRS warns on non-specific titles such as 'Safety', 'Tolerability', "
    "'Feasibility', 'Efficacy' or 'Satisfaction' (prs-rules.md D7; registry-quality rule 26). "
    "A title that says what is observed ('Safety: rate of adverse effects') is not reported.",
    fails=(_primary("Safety and tolerability"), _primary("Primary efficacy outcome")),
    passes=(_primary("'Safety: number of participants with adverse events'"),),
)  # fmt: skip
OUTCOME_TITLE_AS_OBJECTIVE = rule(
    "O005", "outcome-title-as-objective", Severity.INFO,
    "An outcome title written as an objective ('To assess ...', 'To evaluate ...').",
    "The title names what is measured, not why (PRS definitions, Outcome Measure Title; "
    "Colorado 'insufficient description' tip; registry-quality rule 26): 'To evaluate the "
    "change in pain' becomes 'Change in pain on a 0-10 numeric rating scale'. Information: the "
    "rest of such a title is often specific.",
    fails=(_primary("To evaluate the change in knee pain"),),
    passes=(_primary("Change in knee pain on a 0-10 numeric rating scale"),),
)  # fmt: skip


def _quote(text: str, limit: int = 60) -> str:
    """A title short enough for a one-line message."""
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def _which(kind: str, index: int, outcome: dict[str, Any]) -> str:
    measure = as_str(outcome.get("measure"))
    if measure and measure.strip():
        return f"{kind} outcome {_quote(measure)}"
    return f"{kind} outcome {index + 1}"


def vague_time_frame(text: str) -> str | None:
    """Why a time frame does not say when, or None when it does (or might)."""
    if _DIGIT.search(text):  # nearly every time frame: decided without a stripped copy
        if not _LETTER.search(text):
            return "is only a number; give its unit and time point (e.g. 'week 12')"
        if "isit" in text.lower() and _VISITS.fullmatch(text.strip()):
            return "names a visit, not when it happens; give the time (e.g. 'day 28 (visit 2)')"
        return None
    if not _LETTER.search(text):
        return "is a placeholder; give the time point or period (e.g. 'week 12')"
    lower = " ".join(text.lower().replace("-", " ").split())
    if not NUMBER_WORDS.isdisjoint(_WORDS.findall(lower)):
        return None
    if any(phrase in lower for phrase in VAGUE_PHRASES):
        return "does not say when; give the time point or period (e.g. 'up to 24 months')"
    return None


def non_specific_title(title: str) -> bool:
    """Whether a title only names a quality ('Safety and tolerability', 'Primary outcome')."""
    if len(title) > _GENERIC_LENGTH:
        return False  # every generic title seen is shorter; a long one says more
    lower = title.lower()
    return _GENERIC_WORDS_ONLY.fullmatch(lower) is not None and not _GENERIC_HEADS.isdisjoint(
        _TITLE_WORDS.findall(lower)
    )


def _example(title: str) -> str:
    """A specific title for the quality a non-specific one names."""
    words = set(_TITLE_WORDS.findall(title.lower()))
    for qualities, example in _EXAMPLES:
        if not qualities.isdisjoint(words):
            return example
    return _EXAMPLES[-1][1]


@check(MISSING_PRIMARY_OUTCOME, MISSING_TIME_FRAME, VAGUE_TIME_FRAME,
       NON_SPECIFIC_OUTCOME_TITLE, OUTCOME_TITLE_AS_OBJECTIVE)  # fmt: skip
def outcome_measures(record: Record, context: Context) -> Iterator[Hit]:
    """One pass over the outcomes for all the O rules: records have up to 60 of them."""
    module = record.outcomes
    if (
        record.study_type == "INTERVENTIONAL"
        and not dicts(module.get("primaryOutcomes"))
        and not record.before_fdaaa
    ):
        yield Hit(MISSING_PRIMARY_OUTCOME,
                  "an interventional study needs at least one primary outcome measure (a "
                  "title and a time frame)", (*OUTCOMES, "primaryOutcomes"))  # fmt: skip
    # Why each distinct time frame is vague: a record repeats a few ("12 weeks") for most of
    # its outcomes.
    reasons: dict[str, str | None] = {}
    for key, kind in KINDS:
        outcomes = module.get(key)
        if not isinstance(outcomes, list):
            continue
        for index, outcome in enumerate(outcomes):
            if isinstance(outcome, dict):
                hit = _time_frame(record, kind, key, index, outcome, reasons)
                if hit is not None:
                    yield hit
                hit = _title(kind, key, index, outcome)
                if hit is not None:
                    yield hit


def _time_frame(record: Record, kind: str, key: str, index: int, outcome: dict[str, Any],
                reasons: dict[str, str | None]) -> Hit | None:  # fmt: skip
    time_frame = outcome.get("timeFrame")
    if time_frame is None or (isinstance(time_frame, str) and not time_frame.strip()):
        if not record.before_fdaaa:
            state = "no" if time_frame is None else "an empty"
            return Hit(MISSING_TIME_FRAME,
                       f"{_which(kind, index, outcome)} has {state} time frame; say when it is "
                       "measured (e.g. 'baseline and week 12')",
                       (*OUTCOMES, key, index, "timeFrame"))  # fmt: skip
    elif isinstance(time_frame, str):  # otherwise the schema reports it (S002)
        if time_frame in reasons:
            reason = reasons[time_frame]
        else:
            reason = reasons[time_frame] = vague_time_frame(time_frame)
        if reason is not None:
            return Hit(VAGUE_TIME_FRAME,
                       f"time frame {time_frame.strip()!r} of {_which(kind, index, outcome)} "
                       f"{reason}", (*OUTCOMES, key, index, "timeFrame"))  # fmt: skip
    return None


def _title(kind: str, key: str, index: int, outcome: dict[str, Any]) -> Hit | None:
    measure = as_str(outcome.get("measure"))
    if not measure:
        return None
    head = measure.lstrip()[:3].lower()
    objective = _OBJECTIVE.match(measure) if head in ("to ", "in ") else None
    rest = measure[objective.end() :] if objective else measure
    if non_specific_title(rest):
        return Hit(NON_SPECIFIC_OUTCOME_TITLE,
                   f"{kind} outcome title {_quote(measure)} names no measure; say what is "
                   f"measured (e.g. {_example(rest)!r})",
                   (*OUTCOMES, key, index, "measure"))  # fmt: skip
    if objective:
        return Hit(OUTCOME_TITLE_AS_OBJECTIVE,
                   f"{kind} outcome title {_quote(measure)} is an objective; name the measure "
                   "itself", (*OUTCOMES, key, index, "measure"),
                   within=(objective.start(), objective.end() - objective.start()))  # fmt: skip
    return None
