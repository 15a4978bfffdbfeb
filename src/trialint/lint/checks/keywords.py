"""Conditions and keywords (family T): a list typed into one entry.

The registry keeps conditions and keywords as lists, one term an entry, and indexes each entry
as a term: its search, the condition browse and every tool that counts studies by condition
read them so. A record whose only keyword is 'Anxiety, worry, mindfulness, meditation' has one
keyword no one searches for, and none of the four it meant. MeSH writes many headings
inverted ('Diabetes Mellitus, Type 2', 'Leukemia, Myeloid, Acute'), so a comma is not a list
by itself: only a record with a single entry is read, and only where that entry splits into
three terms or more, or into two that a semicolon separates or that are long ('refractory
AML, allogeneic stem cell transplantation'), outside brackets and before 'including' or 'such
as'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.quoting import quoted
from trialint.rule import Severity, rule

_CONDITIONS = "protocolSection:\n  conditionsModule:\n    conditions: [Generalized anxiety]\n"

LIST_IN_ONE_ENTRY = rule(
    "T033", "list-in-one-entry", Severity.WARNING,
    "A record's only keyword, or only condition, that is a list of terms: 'Anxiety, worry, "
    "mindfulness, meditation', 'refractory AML, allogeneic stem cell transplantation'.",
    "Conditions and keywords are lists, one term an entry (PRS definitions, Conditions or "
    "Focus of Study, Keywords: 'words or phrases that best describe the protocol'), and the "
    "registry indexes each entry as one term: a list typed into one entry is found by no "
    "search for any of its terms. MeSH headings written inverted ('Diabetes Mellitus, Type "
    "2') are one term, so only a single entry is read, and only where it splits at commas, "
    "semicolons and 'and' into three terms or more, or into two that a semicolon separates "
    "or that make five words or more, the second no qualifier of the first ('..., "
    "Borderline Type'); a list in brackets or after 'including' explains one term "
    "('Primary Headaches (Includes Migraines, Tension, Cluster Headaches)'). Corpus: 18 "
    "entries, the 17 outside the held-out recall sample read, all lists; the tuning "
    "samples' curators marked all 4 in their records.",
    fails=(_CONDITIONS + "    keywords: ['Anxiety, worry, mindfulness, meditation']\n",),
    passes=(_CONDITIONS + "    keywords: [Anxiety, Worry, Mindfulness, Meditation]\n",),
)  # fmt: skip

_CONDITIONS_MODULE = ("protocolSection", "conditionsModule")
# What separates the terms of a list typed into one entry.
_TERMS = re.compile(r"\s*(?:[,;]|\band\b)\s*", re.IGNORECASE)
# What explains one term rather than listing several: a bracket, 'including', 'such as'.
_EXPLAINED = re.compile(r"[(\[]|\b(?:including|includes|such\s+as|e\.g\.)", re.IGNORECASE)
# The second part of a heading written inverted, which qualifies the first: 'Borderline Type',
# 'Type 2', 'Chronic Phase', 'Juvenile Onset'.
_QUALIFIER = re.compile(
    r"\b(?:type|form|phase|stage|grade|subtype|variant|onset)(?:\s+\w{1,3})?\s*$", re.IGNORECASE
)
_FEWEST_TERMS = 3
_FEWEST_WORDS_OF_TWO = 5


def listed_terms(entry: str) -> list[str]:
    """The terms an entry lists, or [] when it reads as one term (no separator, a MeSH heading
    written inverted, a term that explains itself)."""
    if "," not in entry and ";" not in entry:
        return []  # nearly every entry: decided at once
    explained = _EXPLAINED.search(entry)
    listed = entry[: explained.start()] if explained else entry
    terms = [term for term in _TERMS.split(listed) if term.strip(" .")]
    if len(terms) >= _FEWEST_TERMS:
        return terms
    if len(terms) == 2 and (
        ";" in listed  # a semicolon separates; an inverted heading has none
        or (len(listed.split()) >= _FEWEST_WORDS_OF_TWO and not _QUALIFIER.search(terms[1]))
    ):
        return terms
    return []


@check(LIST_IN_ONE_ENTRY)
def lists_in_one_entry(record: Record, context: Context) -> Iterator[Hit]:
    module = record.module("conditionsModule")
    for key, what in (("conditions", "condition"), ("keywords", "keyword")):
        entries = module.get(key)
        if not isinstance(entries, list) or len(entries) != 1:
            continue
        entry = as_str(entries[0])
        terms = listed_terms(entry) if entry else []
        if terms:
            yield Hit(LIST_IN_ONE_ENTRY,
                      f"the only {what} {quoted(entry)} lists {len(terms)} terms in one entry: "
                      f"give each as a {what} of its own, which the registry indexes one by one",
                      (*_CONDITIONS_MODULE, key, 0))  # fmt: skip
