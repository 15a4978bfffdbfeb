"""Spelling (family T): misspellings no list has seen, found by the detector of
``trialint.spelling``, at the severity its evidence earns.

A strong case is a T001 warning with a fix ``--fix`` applies: one common word one typist's slip
away ('Pembrolizuamb', 'questionaire'). A weaker one is a T012 info, off by default as
cfn-lint's informational rules are, so that a CI run on defaults stays quiet about what it is
unsure of: ``--extend-select T012`` (or ``extend-select = ["T012"]``) shows them.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from trialint.finding import Fix
from trialint.lint.checks.text import MISSPELLING, scanner
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record
from trialint.quoting import quoted
from trialint.rule import FixKind, Severity, rule
from trialint.spelling.candidates import NearWords
from trialint.spelling.detector import Detector, Suspect, Tier
from trialint.spelling.vocabulary import Vocabulary, vocabulary
from trialint.spelling.words import same_case

_FRAGMENT = "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
_IDS = "    orgStudyIdInfo: {id: X-1}\n"

POSSIBLE_MISSPELLING = rule(
    "T012", "possible-misspelling", Severity.INFO,
    "A word no vocabulary knows, close to a known one, where the evidence of a slip is weaker "
    "than a T001 misspelling's (off by default).",
    "A word is suspect when no vocabulary knows it (English, US and British; drug names; the "
    "registry's own words; the curator's) and a known word is one or two edits away. When the "
    "near word is not much commoner, or two near words compete, or the word is used throughout "
    "the record, it may be a rare term: this rule says so quietly, and is selected only on "
    "request. A word that is right goes into the configuration's `words` (or `words-file`), "
    "as cspell's project words do.",
    fails=(_FRAGMENT + _IDS + "    briefTitle: Azacitidine in Myelodisplastic Syndromes\n",),
    passes=(_FRAGMENT + _IDS + "    briefTitle: Azacitidine in Myelodysplastic Syndromes\n",),
    default=False,
    fix=FixKind.UNSAFE, reads_words=True,
)  # fmt: skip


@cache
def _detector(words: frozenset[str], custom: Vocabulary | None) -> Detector:
    known = (custom or vocabulary()).with_words(words)
    return Detector(known, NearWords(known), listed=scanner().misspellings)


@check(MISSPELLING, POSSIBLE_MISSPELLING)
def misspellings(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    if not index.fields:
        return
    for suspect in _detector(context.words, context.vocabulary).suspects(index):
        yield _hit(record, suspect)


def _hit(record: Record, suspect: Suspect) -> Hit:
    index = record.text
    (path, *_), offset = index.field_at(suspect.start)
    right = same_case(suspect.written, suspect.suggestion)
    length = suspect.end - suspect.start
    if suspect.tier is Tier.WARNING:
        return Hit(
            MISSPELLING, f"{quoted(suspect.written)} is misspelled ({suspect.why}); write "
                         f"{quoted(right)}",
            path, within=(offset, length), fix=Fix(suspect.written, right, offset, safe=True),
        )  # fmt: skip
    return Hit(
        POSSIBLE_MISSPELLING,
        f"{quoted(suspect.written)} may be misspelled ({suspect.why}): did you mean "
        f"{quoted(right)}? "
        "If it is right, add it to the configuration's words",
        path, within=(offset, length), fix=Fix(suspect.written, right, offset, safe=False),
    )  # fmt: skip
