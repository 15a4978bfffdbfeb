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
  occur in 34 of 837 records; titles written as objectives ("To evaluate ...", "Assess the
  effect of ...") or sentences ("The primary objective is ...") in about 35.
- Near-duplicate outcomes are decided by normalised text, not edit distance: titles one letter
  or number apart are nearly always other measures (HDL/LDL, height/weight, Aβ40/Aβ42), and
  the same measure at other time points is an outcome of its own, as results need.
- Lists of measures in one title, scales named only by an acronym, and primary time frames
  that list several time points are judged with precision first: many lists are one composite
  event ("removal, revision, or fixation"), a name, or a list of times.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, cached_property, lru_cache
from typing import Any

import ahocorasick_rs
from rapidfuzz.utils import default_process

from trialint.lint.checks.scales import named_scale, undescribed_scale
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str, dicts, per_record
from trialint.patterns import lazy_pattern
from trialint.quoting import quote_short as _quote
from trialint.quoting import quoted
from trialint.rule import LEGACY_STUDY, Severity, rule, status_module

OUTCOMES = ("protocolSection", "outcomesModule")
_LEGACY_STATUS = status_module(**LEGACY_STUDY)  # the examples' record first submitted in 2005
KINDS = (("primaryOutcomes", "primary"), ("secondaryOutcomes", "secondary"),
         ("otherOutcomes", "other"))  # fmt: skip


def each_outcome(record: Record) -> Iterator[tuple[str, str, int, dict[str, Any]]]:
    """Every outcome of a record, primary, secondary and other, with its list's key, its kind
    and its place in the list: the loop the outcome rules start from."""
    for key, kind in KINDS:
        for index, outcome in dicts(record.outcomes.get(key)):
            yield key, kind, index, outcome


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
_VISITS = lazy_pattern(
    r"(?:at\s+)?visits?\s*#?\s*\d+(?:\s*(?:,|and|&|/|or|-|to)\s*(?:visits?\s*#?\s*)?\d+)*\.?",
    re.IGNORECASE,
)
# A time written as an ordinal number with a full stop, as German and Turkish write it ('1.
# month', '3. months'): English reads a sentence's end, and the time has no reference point.
_ORDINAL_TIME = re.compile(r"\d{1,3}\.\s*(?:minute|hour|day|week|month|year|visit)s?\.?",
                           re.IGNORECASE)  # fmt: skip
_WORDS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")

# Non-specific titles: every word is one of these, and one is a quality or "outcome".
GENERIC_QUALITIES = frozenset({
    "safety", "efficacy", "tolerability", "tolerance", "feasibility", "feasability",
    "effectiveness", "satisfaction", "acceptability", "usability", "toxicity", "performance",
})  # fmt: skip
# A kind of event named without its measure ('Adverse events' counts nothing).
_ADVERSE_EVENTS = frozenset({"adverse", "event", "events", "ae", "aes", "sae", "saes"})
# A procedure or an instrument named without what it measures ('Genotyping', 'MRI').
_PROCEDURES = frozenset({
    "genotyping", "mri", "imaging", "biopsy", "examination", "questionnaire", "questionnaires",
    "sampling", "samples",
    "inclinometer", "goniometer", "goniometry", "dynamometer", "dynamometry", "spirometry",
    "ultrasound", "ultrasonography", "radiography", "radiographs", "radiograph", "x", "ray",
    "rays", "ct", "scan", "scans", "ecg", "electrocardiogram", "eeg", "echocardiography",
    "monitoring", "device", "test", "tests", "laboratory", "lab", "survey", "interview",
    "interviews", "measurements", "analysis",
})  # fmt: skip
_GENERIC_HEADS = GENERIC_QUALITIES | _ADVERSE_EVENTS | _PROCEDURES | {
    "outcome", "outcomes", "endpoint", "endpoints",
}  # fmt: skip
_GENERIC_FILLERS = frozenset({
    "primary", "secondary", "overall", "general", "global", "clinical", "drug", "treatment",
    "serious",
    "study", "trial", "profile", "assessment", "assessments", "evaluation", "evaluations",
    "measure", "measures", "and", "or", "of", "the", "a", "an", "to", "in", "for", "with", "on",
    "phase", "i", "ii", "iii", "iv", "physical", "blood",
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
_EXAMPLES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"safety", "tolerability", "tolerance", "toxicity"}) | _ADVERSE_EVENTS,
     "Number of participants with treatment-related adverse events"),
    (frozenset({"feasibility", "feasability"}), "Proportion of eligible patients who enrol"),
    (frozenset({"satisfaction", "acceptability"}),
     "Client Satisfaction Questionnaire (CSQ-8) total score"),
    (frozenset({"usability"}), "System Usability Scale (SUS) score"),
    (_PROCEDURES, "Infarct volume on MRI, in mL"),
    (frozenset(), "Change from baseline in pain on a 0-10 numeric rating scale"),
)  # fmt: skip
_OBJECTIVE = lazy_pattern(
    r"\s*(?:in\s+order\s+)?to\s+(?:assess|evaluate|determine|investigate|examine|measure|compare"
    r"|explore|estimate|study|characteri[sz]e|identify|describe|test|observe|monitor|analy[sz]e"
    r"|demonstrate|establish|confirm|quantify|document|detect|understand|verify|record|collect"
    r"|obtain|calculate|find|check|show|track|see|evaluation|assessment)\b",
    re.IGNORECASE,
)
# A title that opens with a verb in the imperative ("Assess the effect of ...", "Evaluate
# whether ..."): these verbs are never nouns; those that can be ("Measure of ...", "Estimate
# of ...", "Study visits") count only before the words that make them verbs.
_IMPERATIVE = re.compile(
    r"\s*(?:assess|evaluate|determine|investigate|examine|explore|compare|identify|describe"
    r"|demonstrate|establish|confirm|quantify|quantitate|characteri[sz]e|analy[sz]e|detect"
    r"|understand|verify|ascertain|(?:measure|estimate|test|study|record|monitor|document|track"
    r"|collect|check|observe|obtain|calculate)(?=\s+(?:the|whether|if|how|that|which|what)\b))"
    r"\b",
    re.IGNORECASE,
)
# A title written as a sentence about the study: "The primary objective is ...", "Primary
# endpoint is to see whether ...", "The main outcome of the X Study is to ...", "The study
# is designed to ...". "Objective response rate" is a measure: the verb is required.
_SENTENCE = re.compile(
    r"\s*(?:(?:the\s+)?(?:(?:primary|secondary|main|principal|key|overall)\s+)?(?:study\s+)?"
    r"(?:objective|aim|purpose|goal|outcome(?:\s+measure)?|end\s*-?\s*point|hypothesis)s?"
    r"(?:\s+of\s+(?:this|the)\s+[^.:;]{0,60}?)?|(?:the|this)\s+(?:study|trial)|we)"
    r"\s+(?:is|are|will|was|aims?)\b",
    re.IGNORECASE,
)

# A title that names the effect the study looks for, not the measure that shows it: "Effect of
# meditation on the gut microbiome", "Impact of rifaximin on gut microbial diversity". The
# intervention's name is short: a long stretch before "on" is a measure's own words.
_EFFECT_OF = re.compile(
    r"\s*(?:the\s+)?(?:effects?|impact|influence)\s+of\s+[^.;:]{1,120}?\s+on\b",
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
    "completion, an average of 1 year') are not reported, but for an ordinal in German or "
    "Turkish notation alone ('1. month', '3. months'; 2 records of the corpus, all their "
    "time frames so).",
    fails=(_primary("Six-minute walk distance", "End of study"),
           _primary("Six-minute walk distance", "'12'"),
           _primary("Six-minute walk distance", "Visit 2")),
    passes=(_primary("Six-minute walk distance", "End of study (week 12)"),
            _primary("Six-minute walk distance", "Through study completion, an average of 1 year")),
)  # fmt: skip
NON_SPECIFIC_OUTCOME_TITLE = rule(
    "O004", "non-specific-outcome-title", Severity.WARNING,
    "An outcome title that names a quality or a procedure, not a measure: 'Safety', "
    "'Efficacy', 'Tolerability', 'Feasibility', 'Satisfaction', 'Primary outcome', 'Adverse "
    "events', 'Drug X safety', 'Genotyping'.",
    "The title names the specific measurement ('Number of participants with treatment-related "
    "adverse events'); PRS warns on non-specific titles such as 'Safety', 'Tolerability', "
    "'Feasibility', 'Efficacy' or 'Satisfaction' (prs-rules.md D7; registry-quality rule 26). "
    "A title that says what is observed ('Safety: rate of adverse effects') is not reported. "
    "'Adverse events' alone counts nothing (the number of participants with one? of events?), "
    "and the study's own product named before a quality ('PerQdisc safety', 'Effectiveness "
    "of dexamethasone') says no more than the quality: both are reported; so is a procedure "
    "or an instrument named alone ('Genotyping', 'MRI', 'Physical examination', 'Usability "
    "questionnaire', 'Inclinometer', 'Physical measurements'), which says how, not what, is "
    "measured. Corpus: 111 titles; the 44 adverse events and products added (27 of adverse "
    "events alone, 7 of a product and a quality, 3 'Performance') and the 14 procedures and "
    "instruments all read, all non-specific.",
    fails=(_primary("Safety and tolerability"), _primary("Primary efficacy outcome"),
           _primary("Adverse events")),
    passes=(_primary("'Safety: number of participants with adverse events'"),),
)  # fmt: skip
OUTCOME_TITLE_AS_OBJECTIVE = rule(
    "O005", "outcome-title-as-objective", Severity.INFO,
    "An outcome title written as an objective or a sentence ('To assess ...', 'Evaluate "
    "whether ...', 'Assess the effect of ...', 'The primary objective is ...', '... will be "
    "assessed'), or as the effect looked for ('Effect of meditation on the gut microbiome').",
    "The title names what is measured, not why (PRS definitions, Outcome Measure Title; "
    "Colorado 'insufficient description' tip; registry-quality rule 26): 'To evaluate the "
    "change in pain' becomes 'Change in pain on a 0-10 numeric rating scale'. Read in the "
    "corpus: 59 titles open with 'To ...', 66 with a verb in the imperative ('Assess the "
    "effect of ...', 'Compare pain severity ...', 'Determine the pharmacokinetics ...') and 9 "
    "are sentences ('The primary objective of this study is to ...', 'Primary endpoint is to "
    "see whether ...'); verbs that can be nouns ('Measure of', 'Estimate of') count only "
    "before 'the', 'whether' or 'if', and 'Objective response rate' is a measure. 10 titles "
    "name the effect of an intervention on a domain ('Impact of rifaximin on gut microbial "
    "diversity', 'Effect of meditation ... on the multi-omic expression of genes'): the "
    "question, not the measure that answers it. 16 say what the protocol will do ('Adverse "
    "events will be evaluated', 'The mean attack intensity will be calculated and compared "
    "between the 2 groups'): a plan, in a title; all read, all sentences, and the tuning "
    "samples' curators marked the 4 in their records. "
    "Information: the rest of such a title is often specific.",
    fails=(_primary("To evaluate the change in knee pain"),
           _primary("Knee pain will be assessed on a 0-10 numeric rating scale"),
           _primary("Evaluate whether knee pain improves"),
           _primary("The primary objective is to compare knee pain"),
           _primary("Effect of exercise on knee pain")),
    passes=(_primary("Change in knee pain on a 0-10 numeric rating scale"),
            _primary("Assessment of knee pain on a 0-10 numeric rating scale")),
)  # fmt: skip
DUPLICATE_OUTCOME = rule(
    "O006", "duplicate-outcome", Severity.WARNING,
    "The same outcome listed twice: two outcomes (primary, secondary or both) whose titles are "
    "the same once case, punctuation, articles and plurals are set aside, measured at the same "
    "time.",
    "Each outcome measure is listed once, as primary or as secondary (PRS definitions; QC "
    "review comments on duplicated outcome measures; registry-quality rules 22-26). Titles are "
    "compared once normalised (case, punctuation, spacing, articles, plurals, a time frame "
    "repeated at the end of the title); two outcomes are the same when their time frames are "
    "the same or the time points of one are among those of the other ('Month 12' and 'Month "
    "2, month 6, month 12'). The same measure at other time points ('Pain' at week 4 and at "
    "week 12) is a separate outcome, as the registry asks for results, and is not reported. "
    "Titles that differ in a single letter or number are not near-duplicates: the corpus "
    "shows them to be other measures (HDL and LDL cholesterol, height and weight, Aβ40 and "
    "Aβ42, 30% and 50% responders), and near-equal descriptions are not the same either ('red "
    "blood cells' and 'white blood cell', 'by DSA' and 'by non-DSA technique'): titles and "
    "descriptions are compared once normalised (rapidfuzz's processor), not by edit distance. "
    "When the descriptions differ, the title is what repeats: the message says so. Corpus: "
    "110 hits in 39 records; read 40, all real (mostly titles shared by several measures, "
    "'Reliability', 'Lipid Profile', and primary outcomes repeated among the secondary ones "
    "at the same time point).",
    fails=(_outcomes("    primaryOutcomes:\n"
                     "      - {measure: Six-minute walk distance, timeFrame: Week 12}\n"
                     "    secondaryOutcomes:\n"
                     "      - {measure: six minute walk distance., timeFrame: Week 12}\n"),),
    passes=(_outcomes("    primaryOutcomes:\n"
                      "      - {measure: Six-minute walk distance, timeFrame: Week 12}\n"
                      "    secondaryOutcomes:\n"
                      "      - {measure: Six-minute walk distance, timeFrame: Week 26}\n"),),
)  # fmt: skip
REPEATED_PER_TIME_POINT = rule(
    "O013", "outcome-repeated-per-time-point", Severity.INFO,
    "The same measure listed as several outcomes of one kind (primary, or secondary), one per "
    "time point: the same title and description, other time frames.",
    "An outcome measure is one measure; the time points at which it is assessed are listed in "
    "its time frame (PRS definitions, Outcome Measure Time Frame), and several primary "
    "outcomes that are one measure at several times hide which time point the study is "
    "judged at (a curator's reading of held-out records marked each such repetition). "
    "Results may be posted per time point all the same, so the rule is an info. Titles are "
    "compared as O006 compares them; outcomes whose descriptions differ measure something "
    "else and are not reported, nor a primary repeated as a secondary at other times (a "
    "primary time point and secondary ones).",
    fails=(_outcomes("    primaryOutcomes:\n"
                     "      - {measure: Six-minute walk distance, timeFrame: Week 12}\n"
                     "      - {measure: Six-minute walk distance, timeFrame: Week 26}\n"),),
    passes=(_outcomes("    primaryOutcomes:\n"
                      "      - {measure: Six-minute walk distance, timeFrame: Week 26}\n"
                      "    secondaryOutcomes:\n"
                      "      - {measure: Six-minute walk distance, timeFrame: Week 52}\n"),),
)  # fmt: skip
SEVERAL_MEASURES = rule(
    "O007", "several-measures-in-outcome", Severity.INFO,
    "One outcome that lists several measures: 'BMI; waist circumference; HbA1c', 'Depression, "
    "anxiety, and stress levels', 'A and B and C', or names a laboratory panel's analytes "
    "('total cholesterol, LDL, HDL and triglycerides').",
    "Each outcome measure is one measure; several are listed as separate outcomes, each with "
    "its time frame (QC major comments; Colorado 'multiple measures' tip; registry-quality "
    "rule 27). Only lists of three or more short items joined by semicolons, 'and' or commas "
    "are read, outside parentheses and before 'including', 'such as', 'defined as', 'using', "
    "'with' or 'who' (which explain one measure); a list joined by 'or' is one composite event "
    "('Removal, revision, or supplemental fixation'), a list of times ('at weeks 4, 16 and 48') "
    "is one measure, and a list that spells out an acronym ('Empowered, Queer, Quitting, and "
    "Living (EQQUAL)') is a name, unless the acronym is the last item's own ('..., brain "
    "natriuretic peptide (BNP)'). Two measures joined by 'and' ('Safety and tolerability', "
    "'Frequency and severity') are too often one construct to report. Information: of 21 "
    "corpus hits read, 18 were lists of measures, 2 a construct named by its parts ('knowledge, "
    "attitude and practice') and 1 adjectives ('previous and current physical and mental "
    "disorders'); the one the last item's acronym added ('The incidence and type of all "
    "adverse events (AE) and serious adverse events (SAE)') lists measures. An outcome whose "
    "title or description names three analytes or more of one laboratory panel (total "
    "cholesterol, LDL, HDL, triglycerides; ALT, AST, GGT, alkaline phosphatase, bilirubin) "
    "holds as many measures, each with its own unit, unless it counts participants ('Number "
    "of participants with abnormal liver tests'): 8 corpus outcomes, read, all panels ('Lipid "
    "profile', 'change in liver function tests'), and the tuning samples' curators marked "
    "all 4 in their records.",
    fails=(_primary("BMI; waist circumference; HbA1c"),
           _primary("Depression, anxiety, and stress levels")),
    passes=(_primary("Number of participants with nausea, vomiting, or headache"),
            _primary("Six-minute walk distance at weeks 4, 8, and 12")),
)  # fmt: skip
SEVERAL_TIME_POINTS = rule(
    "O008", "primary-time-frame-several-points", Severity.INFO,
    "A primary outcome whose time frame lists three or more time points, or two of one unit "
    "('12 months and 24 months'), without saying what is compared between them.",
    "A primary outcome is assessed at one time point, or as a change between named time "
    "points; a time frame that lists several ('Baseline, 3 months, 12 months') leaves the "
    "primary time point unclear (Colorado time-frame tip; registry-quality rule 25); a "
    "change 'from baseline' to one of several later time points is as unclear. Not reported "
    "when the time frame names the primary time point ('Week 8 (primary end point)'), when "
    "the outcome uses every time point (an area under the curve, a slope, a trajectory, a "
    "pharmacokinetic profile, repeated measures), or when the time frame is a period ('up "
    "to', 'through', 'every', 'Day 1 to Week 12'). Two time points count when they are of "
    "one unit and neither is a baseline ('6 and 12 months'): 'baseline and 12 months' is "
    "read as a change, and '5 years and 2 months' is a duration. Information: the primary "
    "time point is often in the protocol. Corpus: 68; the 57 outside the held-out recall "
    "sample read: 55 several time points with none named primary ('Baseline, Months 1, 2, "
    "3, 6, 9, 12' for a change from baseline), 2 two periods or two phases compared.",
    fails=(_primary("Oswestry Disability Index (0-100, higher is worse)",
                    "Baseline, 3 months, 6 months and 12 months"),
           _primary("Radiographic fusion on CT", "12 months and 24 months")),
    passes=(_primary("Change in Oswestry Disability Index (0-100, higher is worse)",
                     "Baseline, 3, 6 and 12 months (primary end point at 12 months)"),),
)  # fmt: skip
SCALE_UNDESCRIBED = rule(
    "O009", "scale-acronym-undescribed", Severity.INFO,
    "An outcome that names a scale only by its acronym ('VAS', 'ODI', 'PHQ-9') and gives "
    "neither its range nor which direction is better.",
    "An outcome that uses a scale names it in full and gives its range and direction (PRS "
    "definitions, Outcome Measure Description; Colorado 'insufficient description' tip; "
    "registry-quality rule 28). The scales are listed in rules/outcome-scales.yaml; an outcome "
    "that writes the full name, a range ('0-10', '0 to 100 mm', 'ranging', 'points') or a "
    "direction ('higher scores indicate ...', 'worst', 'best') anywhere in its title or "
    "description is not reported. An acronym named only in the description ('Change in "
    "overall treatment satisfaction (DTSQ score)') is reported there. Information: a curator "
    "knows most of these scales. Corpus: 73; of the 22 in descriptions outside the held-out "
    "recall sample, read, 17 scales left undescribed and 5 a scale used only as a threshold "
    "or to derive another measure ('QALY from the EQ-5D-5L').",
    fails=(_primary("VAS pain at rest"),),
    passes=(_outcomes("    primaryOutcomes:\n      - measure: VAS pain at rest\n"
                      "        description: 0 = no pain, 10 = worst pain imaginable.\n"
                      "        timeFrame: Week 12\n"),),
)  # fmt: skip
SCALE_WITHOUT_RANGE = rule(
    "O015", "scale-without-range", Severity.INFO,
    "An outcome that names a rating scale in full ('Oswestry Disability Index', 'Morisky "
    "Medication Adherence Scale', 'pain score', \"Odom's criteria\") and gives neither its "
    "range nor which direction is better.",
    "A score means nothing without the scale's range and direction: the registry asks an "
    "outcome that uses a scale to give both (PRS definitions, Outcome Measure Description; "
    "PRS review criteria, 'scale information'; Colorado 'insufficient description' tip; "
    "registry-quality rule 28), and curators reading real records mark every outcome that "
    "does not. O009 reports a scale named only by its acronym; this rule one named in full, "
    "by a name of rules/outcome-scales.yaml, a '... Scale', a symptom score ('pain score'), "
    "an eponymous grading ('Nurick's grade') or a questionnaire or inventory named by two "
    "capitalised words or more ('Penn State Worry Questionnaire'; not one that counts "
    "services or care used, or who the participant is). Not reported when the title or "
    "description "
    "gives a range ('0-10', 'from 0 (none) to 100', '0 = no pain', '100 mm', 'grades 1 to "
    "4'), a direction ('higher scores indicate ...', 'worst'), or when the title counts "
    "participants or events ('Number of participants with ...'), which needs no range. "
    "Information: the range is often in the protocol, and a curator knows common scales. "
    "Recall tuning samples: 7 of the 10 named questionnaires without a range marked by "
    "their curators; corpus: 42 of them outside the held-out recall sample, read, all "
    "scored instruments.",
    fails=(_primary("Oswestry Disability Index"),
           _primary("Medication adherence on the Morisky Medication Adherence Scale")),
    passes=(_primary("Oswestry Disability Index (0-100, higher is worse)"),
            _primary("Number of participants with a Morisky Medication Adherence Scale "
                     "score of 8")),
)  # fmt: skip
TITLE_ONLY_ABBREVIATION = rule(
    "O016", "outcome-title-only-abbreviation", Severity.WARNING,
    "An outcome title that is only an abbreviation or a code ('OS', 'PFS', 'DLTs', 'ORR and "
    "DCR', 'S-S-102-A').",
    "The title is what the registry lists and a reader sees first; it names the measure in "
    "words a reader outside the study understands, and spells out an abbreviation it uses "
    "(PRS definitions, Outcome Measure Title; PRS review criteria: abbreviations defined; "
    "registry-quality rule 28). A title made only of capitals, digits and hyphens, alone or "
    "joined by 'and', ',' or '/', and a symbol of pharmacokinetics ('Cmax', 'Tmax', 't1/2', "
    "'(CL/F)'), are reported; a scale named only by its acronym and left undescribed is "
    "O009's, and 'AEs' O004's. Corpus: 99 titles (OS, ORR, PFS, DCR, BMI, MACE, RP2D, MTD, "
    "a sponsor's codes, the PK symbols of 3 records), all real.",
    fails=(_primary("PFS"), _primary("ORR and DCR")),
    passes=(_primary("Progression-free survival (PFS)",
                     "From randomization to progression or death, up to 2 years"),),
)  # fmt: skip
TIME_FRAME_LONGER_THAN_STUDY = rule(
    "O017", "time-frame-longer-than-study", Severity.WARNING,
    "An outcome of an interventional study whose time frame is longer than the whole study, "
    "from its start date to its completion date ('up to 66 months' in a study of 27 months).",
    "A participant cannot be followed after the study's completion date, when the last one is "
    "examined for the last time (42 CFR 11.10(a)), nor before its start: an outcome's time "
    "frame fits between the two (PRS definitions, Time Frame), and one that cannot says the "
    "time frame or the dates are wrong (a template's time frame kept, dates not updated). "
    "Reported when the longest time the time frame names exceeds the study's span by more "
    "than 6 months and by a quarter; not on a TERMINATED, SUSPENDED or WITHDRAWN study, "
    "whose planned time frames outlive its early end, nor on an observational one, which may "
    "look back before its start. Corpus: 48 outcomes in 19 records, all real (time frames "
    "of 3 to 20 years in studies of 0 to 66 months).",
    fails=(_primary("Overall survival", "From randomization to death, up to 5 years"),),
    passes=(_primary("Overall survival", "From randomization to death, up to 2 years"),),
)  # fmt: skip
ANALYSIS_AS_TITLE = rule(
    "O012", "analysis-plan-as-outcome-title", Severity.INFO,
    "An outcome title that states the analysis or the design, not the measure: a statistical "
    "test ('... using ANOVA', 'Kaplan-Meier ...'), a p-value, 'non-inferiority', 'sample size'.",
    "The title names what is measured; how it is analysed belongs to the protocol and the "
    "statistical analysis of the results (PRS definitions, Outcome Measure Title; QC major "
    "comments; Colorado 'multiple measures' tip, registry-quality rule 27). Only the names of "
    "tests, models and analyses are read, never words such as 'progression' or 'regression of "
    "lesions'. Corpus: 2 titles ('Non-inferiority study: Burst ONS versus tonic ONS'; "
    "'Determine the appropriate sample size ...', reported as O005), both real.",
    fails=(_primary("Six-minute walk distance compared between arms by ANCOVA"),),
    passes=(_primary("Regression of knee effusion on ultrasound"),),
)  # fmt: skip
TITLE_CUT_OFF = rule(
    "O014", "outcome-title-cut-off", Severity.WARNING,
    "An outcome title that stops mid-phrase: it ends with a word that needs another after it "
    "('Mean sensor glucose level during', '... as assessed by the') or with a colon, a "
    "semicolon or a comma ('Primary Outcome Measure:', '... spent:', '... side effects;').",
    "The title names the measure in full (PRS definitions, Outcome Measure Title, up to 255 "
    "characters): a title cut at the field's end, or whose list went to the description, "
    "names nothing. Only lowercase words that cannot end an English phrase (articles, "
    "prepositions, conjunctions) are read, so a code ('PSQI-A') or a letter ends a title "
    "well. Corpus: 11 titles in 8 records, all cut off (4 at a colon, 3 after 'during', 4 at "
    "a semicolon or a comma, a list's separator left behind); a title that is only a heading "
    "('Primary Outcome Measure:') is O004's.",
    fails=(_primary("Mean knee pain during"),),
    passes=(_primary("Mean knee pain during walking"),),
)  # fmt: skip
LEGACY_NO_PRIMARY = rule(
    "O010", "legacy-record-without-primary-outcome", Severity.INFO,
    "An interventional study first submitted before FDAAA 801 (2007-09-27) that gives no "
    "primary outcome: the registry accepts it, an auditor may want to know.",
    "O001 exempts records first submitted before FDAAA 801 made outcome measures part of "
    "registration, because the registry accepts them: the 3 such interventional records of "
    "the corpus (outside the held-out sample) were first submitted 1999-11-01 to 2003-09-15 "
    "and last updated 2011-06-08 to 2013-11-18, years after FDAAA, without the registry asking "
    "for a primary outcome. The gap is reported at information level, so that an auditor sees "
    "which legacy records give none.",
    fails=(_LEGACY_STATUS
           + '  outcomesModule:\n    secondaryOutcomes:\n'
           '      - {measure: Knee pain on a 0-10 scale, timeFrame: Week 12}\n',),
    passes=(_primary("Six-minute walk distance"),),
)  # fmt: skip
LEGACY_NO_TIME_FRAME = rule(
    "O011", "legacy-outcome-without-time-frame", Severity.INFO,
    "An outcome of a record first submitted before FDAAA 801 (2007-09-27) that gives no time "
    "frame: the registry accepts it, an auditor may want to know.",
    "O002 exempts records first submitted before FDAAA 801, because the registry accepts them: "
    "the 33 outcomes without a time frame in the corpus (outside the held-out sample) belong "
    "to 7 records first submitted 2005-07-27 to 2006-12-21 and last updated 2006-10-04 to "
    "2010-09-10, after FDAAA, without the registry asking for one. The gap is reported at "
    "information level, so that an auditor sees which legacy outcomes say not when they are "
    "measured.",
    fails=(_LEGACY_STATUS
           + '  outcomesModule:\n    primaryOutcomes:\n'
           '      - {measure: Six-minute walk distance}\n',),
    passes=(_primary("Six-minute walk distance"),),
)  # fmt: skip


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
        if "isit" in text.lower() and _VISITS().fullmatch(text.strip()):
            return "names a visit, not when it happens; give the time (e.g. 'day 28 (visit 2)')"
        if _ORDINAL_TIME.fullmatch(text.strip()):
            return (
                "is an ordinal ('1. month'), which English readers do not read as a time; "
                "write it with its reference point (e.g. 'month 1 after treatment')"
            )
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
       NON_SPECIFIC_OUTCOME_TITLE, OUTCOME_TITLE_AS_OBJECTIVE, DUPLICATE_OUTCOME,
       SEVERAL_MEASURES, SEVERAL_TIME_POINTS, SCALE_UNDESCRIBED, SCALE_WITHOUT_RANGE,
       TITLE_ONLY_ABBREVIATION, TIME_FRAME_LONGER_THAN_STUDY, ANALYSIS_AS_TITLE,
       LEGACY_NO_PRIMARY, LEGACY_NO_TIME_FRAME, REPEATED_PER_TIME_POINT,
       TITLE_CUT_OFF)  # fmt: skip
def outcome_measures(record: Record, context: Context) -> Iterator[Hit]:
    """One pass over the outcomes for all the O rules: records have up to 60 of them."""
    module = record.outcomes
    if record.study_type == "INTERVENTIONAL" and not dicts(module.get("primaryOutcomes")):
        if not record.before_fdaaa:
            yield Hit(MISSING_PRIMARY_OUTCOME,
                      "an interventional study needs at least one primary outcome measure (a "
                      "title and a time frame)", (*OUTCOMES, "primaryOutcomes"))  # fmt: skip
        else:
            yield Hit(LEGACY_NO_PRIMARY,
                      "this record, first submitted before FDAAA 801 (2007-09-27), gives no "
                      "primary outcome measure; the registry accepts it as it is",
                      (*OUTCOMES, "primaryOutcomes"))  # fmt: skip
    seen: dict[str, list[_Seen]] = {}  # earlier outcomes by normalised title
    own = own_names(record)
    for key, kind, index, outcome in each_outcome(record):
        for hit in (
            _time_frame(record, kind, key, index, outcome),
            _title(kind, key, index, outcome, own),
            _duplicate(kind, key, index, outcome, seen),
            _several_measures(kind, key, index, outcome),
            _several_time_points(kind, key, index, outcome),
            _scale(kind, key, index, outcome),
            _longer_than_study(record, kind, key, index, outcome),
        ):
            if hit is not None:
                yield hit


# Time frames judged before, kept: a registry's outcomes repeat a few thousand time frames
# ("12 weeks", "Baseline and 6 months") in seven of ten outcomes, across records as within one.
_KEPT_TIME_FRAMES = 8192


@lru_cache(maxsize=_KEPT_TIME_FRAMES)
def _vagueness(time_frame: str) -> str | None:
    """``vague_time_frame``, once per distinct time frame."""
    return vague_time_frame(time_frame)


def _time_frame(record: Record, kind: str, key: str, index: int,
                outcome: dict[str, Any]) -> Hit | None:  # fmt: skip
    time_frame = outcome.get("timeFrame")
    if time_frame is None or (isinstance(time_frame, str) and not time_frame.strip()):
        state = "no" if time_frame is None else "an empty"
        if record.before_fdaaa:
            return Hit(LEGACY_NO_TIME_FRAME,
                       f"{_which(kind, index, outcome)} has {state} time frame; the registry "
                       "accepts it in a record first submitted before FDAAA 801 (2007-09-27)",
                       (*OUTCOMES, key, index, "timeFrame"))  # fmt: skip
        return Hit(MISSING_TIME_FRAME,
                   f"{_which(kind, index, outcome)} has {state} time frame; say when it is "
                   "measured (e.g. 'baseline and week 12')",
                   (*OUTCOMES, key, index, "timeFrame"))  # fmt: skip
    if isinstance(time_frame, str):  # otherwise the schema reports it (S002)
        reason = _vagueness(time_frame)
        if reason is not None:
            return Hit(VAGUE_TIME_FRAME,
                       f"time frame {quoted(time_frame.strip())} of {_which(kind, index, outcome)} "
                       f"{reason}", (*OUTCOMES, key, index, "timeFrame"))  # fmt: skip
    return None


# --- O017 time-frame-longer-than-study -------------------------------------------------------

_MONTHS_IN = {"min": 1 / 43_830, "h": 1 / 730.5, "d": 1 / 30.44, "w": 7 / 30.44, "mo": 1, "y": 12}
_STOPPED_EARLY = ("TERMINATED", "SUSPENDED", "WITHDRAWN")
_SPARE_MONTHS = 6  # a time frame this much longer than the study: a rounding, an extension
_SPARE_SHARE = 1.25


@per_record
def study_months(record: Record) -> int | None:
    """Whole months from the study's start to its completion, read generously (a month-only
    start from the month's first day, a month-only completion to its last), for an
    interventional study that was not stopped early; None otherwise."""
    if record.study_type != "INTERVENTIONAL" or record.overall_status in _STOPPED_EARLY:
        return None
    start, end = record.date("startDateStruct"), record.date("completionDateStruct")
    if start is None or end is None:
        return None
    return (end.year - start.year) * 12 + (end.month or 12) - (start.month or 1)


@lru_cache(maxsize=_KEPT_TIME_FRAMES)
def longest_months(time_frame: str) -> float:
    """The longest time a time frame names, in months (0 when it names none)."""
    return max(
        (float(number) * _MONTHS_IN[unit] for number, unit in time_points(time_frame)),
        default=0.0,
    )


def _longer_than_study(record: Record, kind: str, key: str, index: int,
                       outcome: dict[str, Any]) -> Hit | None:  # fmt: skip
    span = study_months(record)
    time_frame = as_str(outcome.get("timeFrame"))
    if span is None or not time_frame:
        return None
    longest = longest_months(time_frame)
    if longest <= span + _SPARE_MONTHS or longest <= span * _SPARE_SHARE:
        return None
    start, end = record.date("startDateStruct"), record.date("completionDateStruct")
    return Hit(TIME_FRAME_LONGER_THAN_STUDY,
               f"time frame {_quote(time_frame)} of {_which(kind, index, outcome)} reaches "
               f"{longest:.0f} months, but the study runs {span} months, from {start} to "
               f"{end}: correct the time frame or the dates",
               (*OUTCOMES, key, index, "timeFrame"))  # fmt: skip


def objective_lead(measure: str) -> tuple[int, int, str] | None:
    """Where a title's objective or sentence opening is (start, end), and what it is; None
    when the title opens as a measure does."""
    head = measure.lstrip()[:3].lower()
    if head in ("to ", "in "):
        found = _OBJECTIVE().match(measure)
        return (found.start(), found.end(), "an objective") if found else None
    found = _IMPERATIVE.match(measure)
    if found:
        return found.start(), found.end(), "an objective"
    found = _SENTENCE.match(measure)
    if found:
        then = _OBJECTIVE().match(measure, found.end())  # "... is to determine ..."
        return found.start(), (then or found).end(), "a sentence"
    if head[:1] in "eit" and (found := _EFFECT_OF.match(measure)):
        return found.start(), found.end(), "the effect looked for"
    return None


# What the protocol will do, in a title: 'Adverse events will be evaluated', 'The mean attack
# intensity will be calculated and compared'.
_PLANNED = lazy_pattern(
    r"\b(?:will|shall)\s+be\s+(?:\w+ly\s+)?(?:assessed|measured|evaluated|recorded|collected"
    r"|determined|performed|calculated|used|analy[sz]ed|compared|estimated|monitored|observed"
    r"|obtained|graded|listed|isolated|noted|documented|reported|examined|tested|quantified"
    r"|summari[sz]ed|investigated|explored|characteri[sz]ed)\b",
    re.IGNORECASE,
)

# The names of statistical tests, models and analyses: a title that holds one states the
# analysis plan ("... compared by ANCOVA", "Non-inferiority study: ...").
ANALYSIS_NAMES = re.compile(
    r"\b(?:anova|ancova|t-tests?|student'?s\s+t|chi-?squared?\s+tests?|wilcoxon|mann-whitney"
    r"|kruskal-wallis|log-?rank|kaplan-meier|mmrm|mixed[- ]effects?\s+models?|mixed\s+models?"
    r"|(?:logistic|linear|cox|poisson)\s+regression|regression\s+models?|p-values?"
    r"|p\s*[<≤]\s*0?\.\d|statistically\s+significant|statistical\s+(?:analysis|test)"
    r"|non-?inferiority|superiority|sample\s+size|power\s+calculation)\b",
    re.IGNORECASE,
)


# A piece of each name ANALYSIS_NAMES knows: a title holding none is passed over without the
# expression (most titles), which costs several times more. The pieces are found in one
# Aho-Corasick pass, a tenth of the cost of looking for each in turn.
_ANALYSIS_HINTS = (
    "anova", "ancova", "test", "student", "wilcoxon", "whitney", "wallis", "rank", "kaplan",
    "mmrm", "model", "regression", "value", "<", "≤", "statistic", "inferiority",
    "superiority", "sample", "power",
)  # fmt: skip
_ANALYSIS_HINTED = ahocorasick_rs.AhoCorasick(_ANALYSIS_HINTS)


# A title that stops where a phrase cannot: after an article, a preposition or a conjunction
# (lowercase: 'A' ends 'PSQI-A'), or at a colon.
_CUT_OFF = re.compile(
    r"(?:\s(?:of|the|a|an|and|or|with|during|to|for|in|by|from|at|on|between|versus|vs)"
    r"|[:;,])\s*$"
)
_CUT_AT = {":": "ends with a colon", ";": "ends with a semicolon", ",": "ends with a comma"}


# An abbreviation or a code: capitals, digits and hyphens with two capitals at least, and a
# plural "s" ("DLTs"); a title of such words, alone or joined as a list ("ORR and DCR").
# And the symbols of pharmacokinetics, which write one capital ('Cmax', 'Tmax', 't1/2', 'CL/F',
# 'λz'), at steady state too ('Cmin, ss'): a PK study's titles are often nothing else.
_PK_SYMBOL = (
    r"(?:[CcTt](?:max|min|avg|trough|last)|[Tt]\s?1/2|t½|AUC[\w∞()-]*|CL(?:/F)?|Vd?(?:/F)?"
    r"|Vz(?:/F)?|λz|MRT)(?:\s*,\s*ss)?(?![\w-])"
)
_ABBREVIATION = rf"(?:(?=(?:[^A-Z]*[A-Z]){{2}})[A-Z0-9][A-Z0-9-]*s?(?![\w-])|{_PK_SYMBOL})"
_ONLY_ABBREVIATIONS = re.compile(
    rf"\W*{_ABBREVIATION}(?:\s*(?:,|/|&|\+|and|or)\s*{_ABBREVIATION})*[\W]*"
)


@per_record
def own_names(record: Record) -> frozenset[str]:
    """The lowercased words of the study's interventions' names and of its acronym: a title
    that adds only these to a quality ('PerQdisc safety') names no more than the quality."""
    written = [as_str(item.get("name")) or "" for _, item in record.interventions]
    written.append(as_str(record.identification.get("acronym")) or "")
    return frozenset(word for text in written for word in _TITLE_WORDS.findall(text.lower()))


def _without_own_names(title: str, own: frozenset[str]) -> str:
    """A title without the words of the study's own product names, or '' when it has none."""
    words = _TITLE_WORDS.findall(title.lower())
    rest = [word for word in words if word not in own]
    return " ".join(rest) if rest and len(rest) < len(words) else ""


def _title(kind: str, key: str, index: int, outcome: dict[str, Any],
           own: frozenset[str]) -> Hit | None:  # fmt: skip
    measure = as_str(outcome.get("measure"))
    if not measure:
        return None
    lead = objective_lead(measure)
    rest = measure[lead[1] :] if lead else measure
    if non_specific_title(rest) or non_specific_title(_without_own_names(rest, own)):
        return Hit(NON_SPECIFIC_OUTCOME_TITLE,
                   f"{kind} outcome title {_quote(measure)} names no measure; say what is "
                   f"measured (e.g. {quoted(_example(rest))})",
                   (*OUTCOMES, key, index, "measure"))  # fmt: skip
    if lead:
        start, end, what = lead
        start += len(measure[start:end]) - len(measure[start:end].lstrip())
        return Hit(OUTCOME_TITLE_AS_OBJECTIVE,
                   f"{kind} outcome title {_quote(measure)} is {what}; name the measure "
                   "itself", (*OUTCOMES, key, index, "measure"),
                   within=(start, end - start))  # fmt: skip
    planned = _PLANNED().search(measure) if " be " in measure else None
    if planned:
        return Hit(OUTCOME_TITLE_AS_OBJECTIVE,
                   f"{kind} outcome title {_quote(measure)} is a sentence of what will be done "
                   f"({quoted(planned.group())}); name the measure itself",
                   (*OUTCOMES, key, index, "measure"),
                   within=(planned.start(), planned.end() - planned.start()))  # fmt: skip
    cut = _CUT_OFF.search(measure)
    if cut:
        how = _CUT_AT.get(cut.group().strip(), "stops mid-phrase")
        return Hit(TITLE_CUT_OFF,
                   f"{kind} outcome title {_quote(measure)} {how}: write the title whole",
                   (*OUTCOMES, key, index, "measure"))  # fmt: skip
    if _ONLY_ABBREVIATIONS.fullmatch(measure) and not undescribed_scale(
        measure, as_str(outcome.get("description")) or ""
    ):
        return Hit(TITLE_ONLY_ABBREVIATION,
                   f"{kind} outcome title {_quote(measure)} is only an abbreviation; name the "
                   "measure in words, with the abbreviation after it if you like ('Overall "
                   "survival (OS)')", (*OUTCOMES, key, index, "measure"))  # fmt: skip
    hinted = _ANALYSIS_HINTED.find_matches_as_indexes(measure.lower())
    analysis = ANALYSIS_NAMES.search(measure) if hinted else None
    if analysis:
        return Hit(ANALYSIS_AS_TITLE,
                   f"{kind} outcome title {_quote(measure)} states the analysis "
                   f"({quoted(analysis.group())}); name the measure, and leave the analysis to the "
                   "protocol", (*OUTCOMES, key, index, "measure"),
                   within=(analysis.start(), analysis.end() - analysis.start()))  # fmt: skip
    return None


# --- O006 duplicate-outcome -----------------------------------------------------------------

# Words a title may add or drop without naming another measure.
_TITLE_FILLERS = frozenset({
    "the", "an", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as",
})  # fmt: skip
_RANGE = re.compile(r"\d\s*-\s*\d|\bto\b|\bfrom\b|\bbetween\b", re.IGNORECASE)
_UNITS = {
    "min": "min", "mins": "min", "minute": "min", "minutes": "min", "h": "h", "hr": "h",
    "hrs": "h", "hour": "h", "hours": "h", "d": "d", "day": "d", "days": "d", "w": "w",
    "wk": "w", "wks": "w", "week": "w", "weeks": "w", "mo": "mo", "month": "mo",
    "months": "mo", "y": "y", "yr": "y", "yrs": "y", "year": "y", "years": "y",
}  # fmt: skip
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
# "12 weeks", "12-week", "week 12", "day 1": a number with its unit, either way round.
_TIME_POINT = re.compile(
    # a number is tried from its first digit only: a run of digits is read once, not once per
    # digit (a time frame of thousands of digits would otherwise take seconds)
    rf"(?<![\d.])(\d++(?:\.\d+)?)\s*-?\s*({_UNIT_WORDS})\b"
    rf"|\b({_UNIT_WORDS})\s*(\d+(?:\.\d+)?)\b",
    re.IGNORECASE,
)


class _Seen:
    """An earlier outcome, as the duplicate check compares it. Its time frame and description
    are normalised only when another outcome has its title: most titles are unique."""

    def __init__(self, kind: str, index: int, time_frame: str, description: str) -> None:
        self.kind, self.index = kind, index
        self._time_frame, self._description = time_frame, description

    @cached_property
    def frame(self) -> str:
        return "".join(_words(self._time_frame))

    @cached_property
    def points(self) -> frozenset[tuple[str, str]]:
        return _points_of(self._time_frame)

    @cached_property
    def description(self) -> str:
        return " ".join(_words(self._description))


def _words(text: str) -> list[str]:
    """Lowercased words, punctuation and spacing set aside (rapidfuzz's own normaliser)."""
    return default_process(text).split()


def title_key(measure: str, time_frame: str | None) -> str:
    """A title as the duplicate check compares it: case, punctuation, spacing, articles,
    plurals and a repeated time frame at its end set aside ("The difference in incidence of
    injections." and "Difference in incidence of injection" are one title)."""
    words = _words(measure)
    frame = _words(time_frame) if time_frame else []
    if frame and len(words) > len(frame) and words[-len(frame) :] == frame:
        words = words[: -len(frame)]
    # _singular written out: a call per word costs more than the rest of the key
    return "".join([
        word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        for word in words if word not in _TITLE_FILLERS
    ])  # fmt: skip


def time_points(time_frame: str) -> frozenset[tuple[str, str]]:
    """The (number, unit) time points a time frame names: "Month 2, month 6" and "6 months"."""
    points = set()
    for number, unit, unit_first, number_after in _TIME_POINT.findall(time_frame):
        value = number or number_after
        if value.strip("0."):  # "H0", "day 0": the reference, not a time
            points.add((value, _UNITS[(unit or unit_first).lower()]))
    return frozenset(points)


def _same_time(a: _Seen, b: _Seen) -> bool:
    """Whether two outcomes are measured at the same time: the same time frame, no time frame
    on one of them, or the time points of one among those of the other."""
    if a.frame == b.frame or not a.frame or not b.frame:
        return True
    return bool(a.points and b.points) and (a.points <= b.points or b.points <= a.points)


def _points_of(time_frame: str) -> frozenset[tuple[str, str]]:
    """The time points a time frame lists, or none when it gives a period or a range ("weeks
    1-3", "up to 1 week after ..."), whose points say nothing of what else it covers."""
    if _PERIOD.search(time_frame) or _RANGE.search(time_frame):
        return frozenset()
    return time_points(time_frame)


def _duplicate(kind: str, key: str, index: int, outcome: dict[str, Any],
               seen: dict[str, list[_Seen]]) -> Hit | None:  # fmt: skip
    measure = as_str(outcome.get("measure"))
    if not measure:
        return None
    time_frame = as_str(outcome.get("timeFrame")) or ""
    title = title_key(measure, time_frame)
    if not title:
        return None
    this = _Seen(kind, index, time_frame, as_str(outcome.get("description")) or "")
    earlier = seen.setdefault(title, [])
    other = next((seen_ for seen_ in earlier if _same_time(seen_, this)), None)
    earlier.append(this)
    if other is None:
        first = next((seen_ for seen_ in earlier if seen_.kind == kind), this)
        if first is this or first.description != this.description:
            return None
        return Hit(REPEATED_PER_TIME_POINT,
                   f"{kind} outcome {_quote(measure)} repeats {kind} outcome {first.index + 1} "
                   "at another time point; list the measure once, with all its time points in "
                   "the time frame", (*OUTCOMES, key, index, "measure"),
                   related=(_measure_of(first),))  # fmt: skip
    which = f"{other.kind} outcome {other.index + 1}"
    if other.description and this.description and other.description != this.description:
        message = (f"{kind} outcome {_quote(measure)} has the title of {which}, measured at "
                   "the same time, and another description; name in each title what it "
                   "measures")  # fmt: skip
    elif other.kind != kind:
        message = (f"{kind} outcome {_quote(measure)} is also {which}, measured at the same "
                   f"time; list it once, as {other.kind} or as {kind}")  # fmt: skip
    else:
        message = (f"{kind} outcome {_quote(measure)} repeats {which}, measured at the same "
                   "time; list it once")  # fmt: skip
    return Hit(
        DUPLICATE_OUTCOME,
        message,
        (*OUTCOMES, key, index, "measure"),
        related=(_measure_of(other),),
    )


_KEY_OF_KIND = {kind: key for key, kind in KINDS}


def _measure_of(seen: _Seen) -> tuple[str | int, ...]:
    """Where an outcome seen earlier has its title: the other side of a repetition."""
    return (*OUTCOMES, _KEY_OF_KIND[seen.kind], seen.index, "measure")


# --- O007 several-measures-in-outcome --------------------------------------------------------

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Where a title stops naming measures and starts explaining one.
_EXPLANATION = lazy_pattern(
    r"\b(?:including|includes|include|such\s+as|e\.g|i\.e|defined|define|measured|assessed"
    r"|evaluated|determined|using|via|according|per|who|which|that|with|without|among"
    r"|compared|versus|vs|between|after|before|during|following|in\s+patients|in\s+participants"
    r"|in\s+subjects)\b|[:\u2013\u2014]|\s-\s",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r"\s*;\s*|,\s+(?:and\s+)?|\s+and\s+|\s*&\s*", re.IGNORECASE)
_OR = re.compile(r"\bor\b|/", re.IGNORECASE)
# A list that spells out the acronym in brackets after it is a name ("... (EQQUAL)").
_NAMED_LIST = re.compile(r"\)?\s*\(\s*[A-Z][A-Za-z0-9-]{2,}\s*\)")
_MAX_ITEM_WORDS = 5
_TIME_CODE = re.compile(r"[A-Za-z]{1,2}\d+$")
# "pre- and post-operative": one word, not two items.
_SUSPENDED_HYPHEN = re.compile(r"-\s+(?:and|or|to)\s+")
# "0% lowest, no disability to 100% disabled": a scale's range, not a list.
_SCALE_RANGE = re.compile(r"\bto\s+\d|\d\s*%?\s*-\s*\d")


def _abbreviates_last_item(before: str, bracket: str) -> bool:
    """Whether the acronym in ``bracket`` is the initials of the last item of the list
    ``before`` it ('..., corticosteroid-binding globulin (CBG)'): an item's own abbreviation,
    not a name the whole list spells ('Empowered, Queer, Quitting, and Living (EQQUAL)')."""
    last = _LIST_SEPARATOR.split(before.rstrip())[-1]
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z][A-Za-z0-9]*", last)
                       if word.lower() not in ("of", "the", "and", "for", "in"))  # fmt: skip
    acronym = "".join(letter for letter in bracket if letter.isalpha())
    return len(acronym) >= 2 and initials.lower() == acronym.lower()


def measures_listed(measure: str) -> list[str]:
    """The measures a title lists as one outcome ("BMI; waist circumference; HbA1c"), or []
    when it names one measure (a composite with 'or', times, a name, an explained measure)."""
    if "," not in measure and ";" not in measure and measure.lower().count(" and ") < 2:
        return []  # nearly every title: decided at once
    named = _NAMED_LIST.search(measure)
    before = measure[: named.start()] if named else ""
    if (
        named
        and re.search(r"(?:,|\band\b)[^()]*$", before)
        and not _abbreviates_last_item(before, named.group())
    ):
        return []  # a name the list spells
    text = measure
    while True:  # brackets inside brackets, innermost first
        stripped = _BRACKETS.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    text = _SUSPENDED_HYPHEN.sub("-", _EXPLANATION().split(text, maxsplit=1)[0])
    if _OR.search(text) or _SCALE_RANGE.search(text):
        return []
    items = [item.strip(" .,;") for item in _LIST_SEPARATOR.split(text)]
    items = [item for item in items if item]
    if len(items) < 3 or " of the " in items[0]:
        return []  # "Disabilities of the Arm, Shoulder and Hand" names the parts of one thing
    for item in items:
        words = item.split()
        if not item[0].isalpha() or len(words) > _MAX_ITEM_WORDS:
            return []  # times ("weeks 4, 16 and 48") or clauses, not a list of measures
        if words[0].lower() in _UNITS or words[-1].lower() in _UNITS:
            return []
        if _TIME_CODE.match(words[0]) or _TIME_CODE.match(words[-1]):
            return []  # "at D5, D10 and D15", "T1, T2 and T3": times
    return items


# Laboratory panels whose analytes are each a measure with its own unit and result: an
# outcome that names three or more of one panel holds that many measures.
_PANELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "lipid",
        (
            r"total\s+cholesterol",
            r"\bldl(?:-?c)?\b|low[- ]density\s+lipoprotein",
            r"\bhdl(?:-?c)?\b|high[- ]density\s+lipoprotein",
            r"\btriglycerides?\b",
        ),
    ),
    (
        "liver",
        (
            r"\balt\b|\bsgpt\b|alanine\s+(?:amino)?transaminase|alanine\s+aminotransferase",
            r"\bast\b|\bsgot\b|aspartate\s+(?:amino)?transaminase|aspartate\s+aminotransferase",
            r"\bggt\b|gamma[- ]glutamyl",
            r"\balp\b|alkaline\s+phosphatase",
            r"\bbilirubin\b",
        ),
    ),
)
_FEWEST_OF_A_PANEL = 3


@cache
def _panels() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """The panels' analytes compiled, the first time an outcome names one."""
    return tuple((panel, tuple(re.compile(analyte, re.IGNORECASE) for analyte in analytes))
                 for panel, analytes in _PANELS)  # fmt: skip


_PANEL_WORDS = lazy_pattern(
    r"cholesterol|ldl|hdl|triglycer|\balt\b|\bast\b|bilirubin|"
    r"phosphatase|\bggt\b|sgpt|sgot",
    re.IGNORECASE,
)
# A count of participants over the panel ('Number of participants with abnormal liver tests')
# is one measure.
_PARTICIPANT_COUNT = re.compile(r"^\W*(?:number|percentage|proportion|incidence|rate)\s+of\s+"
                                r"(?:participants|patients|subjects)", re.IGNORECASE)  # fmt: skip


def panel_measures(text: str) -> tuple[str, int] | None:
    """The laboratory panel of which a text names three analytes or more, and how many."""
    if not _PANEL_WORDS().search(text):
        return None  # nearly every outcome: decided by one search
    for panel, analytes in _panels():
        named = sum(1 for analyte in analytes if analyte.search(text))
        if named >= _FEWEST_OF_A_PANEL:
            return panel, named
    return None


def _several_measures(kind: str, key: str, index: int, outcome: dict[str, Any]) -> Hit | None:
    measure = as_str(outcome.get("measure"))
    if not measure:
        return None
    place = (*OUTCOMES, key, index)
    items = measures_listed(measure)
    if items:
        return Hit(SEVERAL_MEASURES,
                   f"{kind} outcome title {_quote(measure)} lists {len(items)} measures; list "
                   "each as an outcome of its own, with its time frame",
                   (*place, "measure"))  # fmt: skip
    if _PARTICIPANT_COUNT.match(measure):
        return None
    for field in ("measure", "description"):
        text = measure if field == "measure" else as_str(outcome.get("description")) or ""
        panel = panel_measures(text)
        if panel is not None:
            name, count = panel
            title = ((*place, "measure"),) if field == "description" else ()
            return Hit(SEVERAL_MEASURES,
                       f"{kind} outcome {_quote(measure)} names {count} measures of the {name} "
                       f"panel in one outcome; list each as an outcome of its own, with its unit "
                       "and time frame", (*place, field), related=title)  # fmt: skip
    return None


# --- O008 primary-time-frame-several-points ---------------------------------------------------

_BASELINE = re.compile(r"\b(?:baseline|pre-?(?:operative(?:ly)?|op|treatment|intervention)"
                       r"|screening|enrol(?:l)?ment)\b", re.IGNORECASE)  # fmt: skip
# "week 1, 2, 3", "0, 4 and 8 weeks": each number listed before another, a time point of the
# unit the list gives once (the last number is counted with its unit, or as one more).
_MORE_NUMBERS = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?\s*(?:,|;|and|&)\s*(?:and\s+)?(?=\d)", re.IGNORECASE
)
_PERIOD = re.compile(r"\b(?:up\s+to|through|throughout|until|till|every|each|daily|weekly"
                     r"|monthly|over|during|within|continuous(?:ly)?|average|mean)\b",
                     re.IGNORECASE)  # fmt: skip
_COMPARED = lazy_pattern(
    r"chang|differ|reduc|improv|increas|decreas|declin|gain|loss|\bfrom\b|\bbetween\b"
    r"|over\s+time|trajector|slope|area\s+under|\bauc|cumulative|repeated|evolution|course"
    r"|trend|time\s*points|variation|progress|compar|relative|versus|\bvs\b|delta|Δ|kinetic"
    r"|\beach\b|\bevery\b|\ball\b|\bany\b|profile|pharmacokinetic|concentration|\bpk\b",
    re.IGNORECASE,
)
_SEVERAL = 3
# An outcome that uses every time point it lists (an area under the curve, a slope, a
# profile), where no one of them is the primary; and a time frame that names its primary one.
_EVERY_POINT = lazy_pattern(
    r"area\s+under|\bauc|slope|trajector|repeated|over\s+time|pharmacokinetic|concentration"
    r"|\bpk\b|profile|kinetic|cumulative|\beach\b|\bevery\b|evolution|course|trend"
    r"|time\s*points|mixed[- ]model|longitudinal",
    re.IGNORECASE,
)
_NAMES_PRIMARY = re.compile(r"primary|main\s+(?:end\s*point|time)", re.IGNORECASE)


def listed_time_points(time_frame: str) -> int:
    """How many time points a time frame lists ("Baseline, 3 months, 12 months": 3), not
    counting those restated in brackets ("Baseline (day 0)")."""
    text = _BRACKETS.sub(" ", time_frame)
    return (len(_TIME_POINT.findall(text)) + len(_MORE_NUMBERS.findall(text))
            + (1 if _BASELINE.search(text) else 0))  # fmt: skip


# "12 months and 24 months", "6 and 12 months", "Week 12 and Week 24": two time points of one
# unit joined as a list (not "5 years and 2 months", a duration; not "Day 1 to Week 12", a period).
_TWO_POINTS = lazy_pattern(
    rf"(?<![\d.])\d+\s*-?\s*(?:({_UNIT_WORDS})\s*)?(?:,|;|and|&)\s*\d+\s*-?\s*({_UNIT_WORDS})\b"
    rf"|\b({_UNIT_WORDS})\s*\d+\s*(?:,|;|and|&)\s*(?:({_UNIT_WORDS})\s*)?\d+\b",
    re.IGNORECASE,
)


def _two_points_of_one_unit(time_frame: str) -> bool:
    """Whether a time frame without a baseline or a range lists two time points of one unit."""
    if _BASELINE.search(time_frame) or _RANGE.search(time_frame):
        return False
    match = _TWO_POINTS().search(_BRACKETS.sub(" ", time_frame))
    if match is None:
        return False
    units = {_UNITS[unit.lower()] for unit in match.groups() if unit}
    return len(units) == 1


@lru_cache(maxsize=_KEPT_TIME_FRAMES)
def _lists_time_points(time_frame: str) -> bool:
    """Whether a time frame lists several time points, and neither gives a period nor
    compares them (once per distinct time frame)."""
    return (
        not _PERIOD.search(time_frame)
        and (listed_time_points(time_frame) >= _SEVERAL or _two_points_of_one_unit(time_frame))
        and not _COMPARED().search(time_frame)
    )


def _several_time_points(kind: str, key: str, index: int,
                         outcome: dict[str, Any]) -> Hit | None:  # fmt: skip
    if key != "primaryOutcomes":
        return None
    time_frame = as_str(outcome.get("timeFrame"))
    if not time_frame or not _lists_time_points(time_frame):
        return None
    said = f"{as_str(outcome.get('measure')) or ''} {as_str(outcome.get('description')) or ''}"
    if _EVERY_POINT().search(said) or _NAMES_PRIMARY.search(time_frame):
        return None
    return Hit(SEVERAL_TIME_POINTS,
               f"time frame {quoted(time_frame.strip())} of {_which(kind, index, outcome)} lists "
               "several time points; name the primary one, or say the outcome is the change "
               "between them", (*OUTCOMES, key, index, "timeFrame"))  # fmt: skip


def _scale(kind: str, key: str, index: int, outcome: dict[str, Any]) -> Hit | None:
    measure = as_str(outcome.get("measure"))
    if not measure:
        return None
    description = as_str(outcome.get("description")) or ""
    # The range and direction belong in the description, when there is one: the finding's
    # other side.
    described = ((*OUTCOMES, key, index, "description"),) if description.strip() else ()
    acronym = undescribed_scale(measure, description)
    if acronym is not None:
        return Hit(SCALE_UNDESCRIBED,
                   f"{kind} outcome {_quote(measure)} names the scale {acronym} only by its "
                   "acronym; give its full name, its range and which direction is better",
                   (*OUTCOMES, key, index, "measure"), related=described)  # fmt: skip
    scale = named_scale(measure, description)
    if scale is None:
        # the acronym only in the description ('Change in treatment satisfaction (DTSQ score)')
        acronym = undescribed_scale(description, measure) if description.strip() else None
        if acronym is None:
            return None
        return Hit(SCALE_UNDESCRIBED,
                   f"{kind} outcome {_quote(measure)} names the scale {acronym} in its "
                   "description only by its acronym; give its full name, its range and which "
                   "direction is better", (*OUTCOMES, key, index, "description"))  # fmt: skip
    # pointed at where the scale is named; the range goes in the description
    named_in = "measure" if scale.lower() in measure.lower() else "description"
    field = "description" if description.strip() else "measure"
    return Hit(SCALE_WITHOUT_RANGE,
               f"{kind} outcome {_quote(measure)} uses the scale {_quote(scale)} but gives "
               f"neither its range nor which direction is better; say both in its {field}",
               (*OUTCOMES, key, index, named_in),
               related=described if named_in == "measure" else ())  # fmt: skip
