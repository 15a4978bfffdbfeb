"""Design (family A): masking its own record contradicts in words.

Masking says who knows which intervention a participant receives (PRS definitions, Masking:
None (Open Label), Single, Double, Triple, Quadruple, with the roles masked). A record whose
title calls the trial "open-label" while it says the participants are masked, or calls it
"single-blind" while masking is NONE, has one of the two wrong, and a reader of the registry
cannot tell which; a curator marks it (QC review: internal inconsistency).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.sentences import sentence_around
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_dict, as_list, as_str
from trialint.quoting import quoted
from trialint.rule import Severity, rule

_DESIGN = (
    "protocolSection:\n  descriptionModule:\n    briefSummary: In this {design} trial, adults "
    "after knee replacement train with a physiotherapist or receive usual care.\n"
    "  designModule:\n    studyType: INTERVENTIONAL\n    phases: [NA]\n    designInfo:\n"
    "      allocation: RANDOMIZED\n      interventionModel: PARALLEL\n"
    "      primaryPurpose: TREATMENT\n      maskingInfo: {masking}\n"
    "    enrollmentInfo: {{count: 120, type: ACTUAL}}\n"
)

MASKING_CONTRADICTED = rule(
    "A023", "masking-contradicts-description", Severity.WARNING,
    "A study whose title or summary calls it open-label while the participant, the care "
    "provider or the investigator is masked, or calls it blinded or masked while masking is "
    "NONE.",
    "An open-label trial is one in which participants and those who treat them know the "
    "intervention; a blinded one is one in which someone does not (PRS definitions, "
    "Masking). The registry's fields are what its search and the results database use, so "
    "words that say the opposite leave a reader unsure of the design (QC review: internal "
    "inconsistency). An open-label trial may still mask its outcomes assessor, so only the "
    "other roles contradict 'open-label'; text that names both ('a double-blind phase then an "
    "open-label extension') is not judged; in the brief summary only a sentence about this "
    "study ('In this single-blinded trial', 'We will conduct an open-label ...') is read, "
    "not one about an earlier trial. Corpus: 6 records, all real.",
    fails=(_DESIGN.format(design="open-label",
                          masking="{masking: SINGLE, whoMasked: [PARTICIPANT]}"),
           _DESIGN.format(design="double-blind", masking="{masking: NONE}")),
    passes=(_DESIGN.format(design="open-label",
                           masking="{masking: SINGLE, whoMasked: [OUTCOMES_ASSESSOR]}"),
            _DESIGN.format(design="double-blind",
                           masking="{masking: DOUBLE, whoMasked: [PARTICIPANT, INVESTIGATOR]}")),
)  # fmt: skip

_OPEN = re.compile(
    r"\bopen[- ]?label(?:led)?\b|\bun-?blinded\b|\bnon-?blinded\b|\bnot\s+(?:be\s+)?blinded\b"
    r"|\bun-?masked\b|\bnon-?masked\b",
    re.IGNORECASE,
)
_BLIND = re.compile(
    r"\b(?:single|double|triple|quadruple|assessor|observer|evaluator)[- ]?"
    r"(?:blind(?:ed)?|mask(?:ed)?)\b|(?<![\w-])(?:blinded|masked)\b",
    re.IGNORECASE,
)
# The sentence is about this study: "In this single-blinded trial", "We will conduct ...".
_THIS_STUDY = re.compile(r"\b(?:this|the\s+present|the\s+current|our|we)\b", re.IGNORECASE)
# The roles an open-label trial does not mask (its outcomes assessor it may).
_TREATING_ROLES = frozenset({"PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR"})
_IDENTIFICATION = ("protocolSection", "identificationModule")
_DESCRIPTION = ("protocolSection", "descriptionModule")
_MASKING = ("protocolSection", "designModule", "designInfo", "maskingInfo", "masking")


@check(MASKING_CONTRADICTED)
def masking_in_words(record: Record, context: Context) -> Iterator[Hit]:
    masking_info = as_dict(record.design_info.get("maskingInfo"))
    masking = as_str(masking_info.get("masking"))
    if masking is None:
        return
    masked = {role for role in as_list(masking_info.get("whoMasked")) if isinstance(role, str)}
    if masking == "NONE":
        contradicting, what = _BLIND, "masking is NONE"
    elif masked & _TREATING_ROLES:
        contradicting = _OPEN
        what = f"masking is {masking} ({', '.join(sorted(masked & _TREATING_ROLES))} masked)"
    else:
        return
    identification = record.identification
    for key in ("briefTitle", "officialTitle"):
        title = as_str(identification.get(key)) or ""
        found = _said(title, contradicting, whole=True)
        if found is not None:
            yield _hit(found, what, (*_IDENTIFICATION, key))
            return
    summary = as_str(record.module("descriptionModule").get("briefSummary")) or ""
    found = _said(summary, contradicting, whole=False)
    if found is not None:
        yield _hit(found, what, (*_DESCRIPTION, "briefSummary"))


def _said(text: str, contradicting: re.Pattern[str], whole: bool) -> re.Match[str] | None:
    """Where ``text`` says the design ``contradicting`` reads, when it does not also say the
    other (a trial of a blinded phase and an open-label one); in a summary, only a sentence
    about this study counts."""
    lowered = text.lower()
    if "blind" not in lowered and "mask" not in lowered and "label" not in lowered:
        return None  # nearly every text: three scans in C, no pattern
    if _OPEN.search(text) and _BLIND.search(text):
        return None
    if whole:
        return contradicting.search(text)
    for found in contradicting.finditer(text):
        sentence, _ = sentence_around(text, found.start())
        if _THIS_STUDY.search(text, sentence, found.start()):
            return found
    return None


def _hit(found: re.Match[str], what: str, path: tuple[str, ...]) -> Hit:
    return Hit(MASKING_CONTRADICTED,
               f"the record says {quoted(found.group())} but {what}: one of the two is wrong",
               path, within=(found.start(), found.end() - found.start()),
               related=(_MASKING,))  # fmt: skip
