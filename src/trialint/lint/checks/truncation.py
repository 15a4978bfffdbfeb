"""Text that stops short (family T): cut off at a field's length limit, or a title or name that
ends on a comma, a semicolon or a colon.

The registry's form stops a text at its field's limit (1,000 characters for an intervention's
description, 255 for an outcome measure's title): text pasted from a protocol that is longer
loses its end, often in the middle of a word ('improves its solubility and delivery to cance').
The record then says less than its writer meant, and a reader cannot tell what. A cut is read
only where it cannot be a writer's end: the text reaches its limit (within a few characters,
for escapes count differently in the form and in the API) and ends in the middle of a word no
vocabulary knows, or on a word no sentence ends with ('to', 'the', 'of').

A short field (a title, a label, a name, a keyword, a time frame) that ends on a separator is
the same slip in small: a list split into fields kept its commas ('diabetes;', 'ulcer;'), an
address lost its next part ('The First Affiliated Hospital of Zhengzhou University,'), a title
announced what it no longer holds ('Percentage of time of sensor glucose levels spent:').
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.finding import Fix
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record
from trialint.quoting import quote_short, quoted
from trialint.rule import AN_OFFICIAL, FixKind, Severity, rule
from trialint.spelling.vocabulary import UNKNOWN, vocabulary

_OUTCOMES = "protocolSection:\n  outcomesModule:\n    primaryOutcomes:\n"

CUT_AT_LIMIT = rule(
    "T027", "cut-off-text", Severity.WARNING,
    "A text that stops in the middle of a word or a phrase: at its field's length limit "
    "('... improves its solubility and delivery to cance' in an intervention's description of "
    "1,000 characters), or a title that ends on 'during', 'of' or 'the'.",
    "The registry stops each text at its field's limit (PRS data element definitions: brief "
    "title 300, official title 600, brief summary 5,000, detailed description 32,000, why "
    "stopped 250, intervention description 1,000, arm group description 999, outcome measure "
    "title and time frame 255, outcome description 999, eligibility criteria 20,000, and "
    "1,000 for the design, masking, study population and data-sharing descriptions); text "
    "longer than that is cut where the limit falls, and the record loses its end "
    "(registry-quality-rules.md, section 2: text cut off). Reported only where the text is "
    "within 20 characters of the limit and its last word is no word (cut inside one) or one "
    "no text ends with ('to', 'the', 'and'). A title (of the study, an arm, an "
    "intervention or an outcome measure) is short of every limit, but one that ends on such "
    "a word, written in lowercase, was cut too ('Mean sensor glucose level during'); 'Type "
    "A' and 'Part A' end on a letter, not a word. Corpus: 2 texts at their limit, both cut "
    "inside a word; 3 outcome titles that end on 'during'; all read.",
    fails=(_OUTCOMES + "      - {measure: Mean sensor glucose level during, "
           "timeFrame: Week 12}\n",),
    passes=(_OUTCOMES + "      - {measure: Mean sensor glucose level during the night, "
            "timeFrame: Week 12}\n",),
)  # fmt: skip

_LOCATION = "protocolSection:\n  contactsLocationsModule:\n    locations:\n      - facility: "
_PLACE = "\n        city: Zhengzhou\n        country: China\n"

TRAILING_SEPARATOR = rule(
    "T028", "trailing-separator", Severity.WARNING,
    "A title, label, name, keyword or time frame that ends with a comma, a semicolon or a "
    "colon: 'The First Affiliated Hospital of Zhengzhou University,', 'The percentage of side "
    "effects;', 'diabetes;'.",
    "A comma, a semicolon or a colon announces more; at the end of a short field it is a "
    "separator left from a list split into fields, an address cut before its next part, or a "
    "title that introduces what it does not hold (registry-quality-rules.md, section 2: "
    "stray characters). Shown as it is in search results and on the site's pages; the fix "
    "drops it (not applied by --fix where a colon ends a title: what it announced may be "
    "missing). In long texts (descriptions, criteria) a list may follow: only a mark alone "
    "on the last line is read there ('... who did not die\\n\\n.'). Corpus: 31 fields; the 29 "
    "outside the held-out recall sample read, all stray (9 keywords, 9 outcome titles, 5 "
    "facilities, 2 cities, 2 contacts' names, 2 descriptions).",
    fails=(f"{_LOCATION}The First Affiliated Hospital of Zhengzhou University,{_PLACE}",),
    passes=(f"{_LOCATION}The First Affiliated Hospital of Zhengzhou University{_PLACE}"
            f"{AN_OFFICIAL}",),
    fix=FixKind.SAFE_OR_UNSAFE,
)  # fmt: skip

# The limits of the registry's texts, by where a field is (list positions left out).
_LIMITS: dict[tuple[str, ...], int] = {
    ("identificationModule", "briefTitle"): 300,
    ("identificationModule", "officialTitle"): 600,
    ("statusModule", "whyStopped"): 250,
    ("descriptionModule", "briefSummary"): 5000,
    ("descriptionModule", "detailedDescription"): 32000,
    ("designModule", "designInfo", "interventionModelDescription"): 1000,
    ("designModule", "designInfo", "maskingInfo", "maskingDescription"): 1000,
    ("designModule", "bioSpec", "description"): 1000,
    ("armsInterventionsModule", "armGroups", "description"): 999,
    ("armsInterventionsModule", "interventions", "description"): 1000,
    ("outcomesModule", "primaryOutcomes", "measure"): 255,
    ("outcomesModule", "primaryOutcomes", "description"): 999,
    ("outcomesModule", "primaryOutcomes", "timeFrame"): 255,
    ("outcomesModule", "secondaryOutcomes", "measure"): 255,
    ("outcomesModule", "secondaryOutcomes", "description"): 999,
    ("outcomesModule", "secondaryOutcomes", "timeFrame"): 255,
    ("outcomesModule", "otherOutcomes", "measure"): 255,
    ("outcomesModule", "otherOutcomes", "description"): 999,
    ("outcomesModule", "otherOutcomes", "timeFrame"): 255,
    ("eligibilityModule", "eligibilityCriteria"): 20000,
    ("eligibilityModule", "studyPopulation"): 1000,
    ("ipdSharingStatementModule", "description"): 1000,
    ("ipdSharingStatementModule", "accessCriteria"): 1000,
}
# Titles: short of any limit, but one that ends on a lowercase function word lost its end.
_TITLES = frozenset({
    ("identificationModule", "briefTitle"), ("identificationModule", "officialTitle"),
    ("armsInterventionsModule", "armGroups", "label"),
    ("armsInterventionsModule", "interventions", "name"),
    ("outcomesModule", "primaryOutcomes", "measure"),
    ("outcomesModule", "secondaryOutcomes", "measure"),
    ("outcomesModule", "otherOutcomes", "measure"),
})  # fmt: skip
# Escapes ('\>') and line breaks count otherwise in the form than in the text the API gives.
_SLACK = 20
_SHORTEST_LIMIT = 250  # why stopped
# Words no text ends with: articles, prepositions, conjunctions, possessives. Not those that
# may end one: 'and so on', 'one dose each', 'or both', 'as it is', 'given to her'.
_NO_END = frozenset({
    "a", "an", "the", "of", "to", "at", "for", "from", "with", "into", "and", "or", "nor",
    "but", "than", "which", "whose", "its", "their", "our", "during", "between", "within",
    "including", "versus", "via",
})  # fmt: skip


@check(CUT_AT_LIMIT)
def cut_off(record: Record, context: Context) -> Iterator[Hit]:
    words = None
    for path, text, _, name in record.text.fields:
        if name or not text[-1:].isalpha():
            continue  # ends with a full stop, a bracket, a number: not in a word
        start = _last_word_start(text)
        word = text[start:]
        if len(text) < _SHORTEST_LIMIT - _SLACK and word not in _NO_END:
            continue  # short of every limit, and no title cut on a function word
        where = tuple(str(part) for part in path[1:] if not isinstance(part, int))
        limit = _LIMITS.get(where)
        if where in _TITLES and word in _NO_END and len(text) > len(word):
            yield Hit(CUT_AT_LIMIT,
                      f"the title ends on {quoted(word)} ({quote_short(text[-50:], 50)}): its end "
                      "was cut off; finish it", path, within=(start, len(word)))  # fmt: skip
            continue
        if limit is None or len(text) < limit - _SLACK:
            continue
        if word.lower() not in _NO_END:
            words = words or context.vocabulary or vocabulary()
            if words.standing(word.lower()) != UNKNOWN or word.isupper():
                continue  # a whole word, or an abbreviation
        yield Hit(
            CUT_AT_LIMIT,
            f"{quoted(text[-40:].split(None, 1)[-1])} ends the text at {len(text):,} characters, "
            f"the registry limit being {limit:,}: it was cut off; shorten it so that it ends "
            "where its writer meant",
            path, within=(start, len(word)),
        )  # fmt: skip


_SEPARATORS = ",;:."  # a full stop only alone on a long text's last line
_LONE_MARK = re.compile(r"\n[ \t]*(?P<mark>[.,;:])[ \t]*\Z")


@check(TRAILING_SEPARATOR)
def trailing_separator(record: Record, context: Context) -> Iterator[Hit]:
    for path, text, markdown, _ in record.text.fields:
        if (text[-1:] not in _SEPARATORS and text[-1:] not in " \t\n") or not text.strip():
            continue  # most texts: no mark, nor blank, at their end
        if markdown:
            # a long text: a list may follow a colon there, but not a mark alone on the last line
            lone = _LONE_MARK.search(text)
            if lone is not None:
                mark = lone.group("mark")
                yield Hit(TRAILING_SEPARATOR,
                          f"the text ends with a line that holds only {quoted(mark)}: drop "
                          "it", path,
                          within=(lone.start("mark"), 1),
                          fix=Fix(lone.group(), "", lone.start(), safe=True))  # fmt: skip
            continue
        end = len(text.rstrip())
        mark = text[end - 1 : end]
        if not mark or mark not in _SEPARATORS or mark == "." or end < 2:
            continue
        yield Hit(
            TRAILING_SEPARATOR,
            f"{quote_short(text[-40:].lstrip(), 40)} ends with {quoted(mark)}: drop it, or write "
            "what "
            "it announces",
            path, within=(end - 1, 1),
            fix=Fix(text[end - 1 :], "", end - 1, safe=mark != ":"),
        )  # fmt: skip


def _last_word_start(text: str) -> int:
    """Where the run of letters that ends ``text`` starts (``len(text)`` when it ends with no
    letter): read back from the end, for a pattern anchored at the end would be tried at
    every letter of the text."""
    start = len(text)
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start
