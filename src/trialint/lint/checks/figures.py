"""A table or figure the text refers to that the record does not hold (family T).

Registry text is copied from protocols and papers, and brings along their pointers: 'as shown
in the table below', '(see Table 2 below)', '(Figure 11)'. A record holds no figure, and a
table only as Markdown rows ('| a | b |'); the reader is sent to something that is not there,
and what it held (a dose-escalation scheme, the organ-function thresholds of an eligibility
criterion) is missing from the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.text import hit_at
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record
from trialint.quoting import quote_short
from trialint.rule import Severity, rule

_CRITERIA = (
    "protocolSection:\n  eligibilityModule:\n    sex: ALL\n    healthyVolunteers: false\n"
    "    eligibilityCriteria: '"
)

MISSING_TABLE_OR_FIGURE = rule(
    "T029", "missing-table-or-figure", Severity.WARNING,
    "Text that refers to a table or a figure the record does not hold: 'as shown in the table "
    "below', '(see Table 2 below)', '(Figure 11)'.",
    "A registry record shows no figures, and tables only as Markdown rows; a pointer copied "
    "from a protocol or a paper sends the reader to nothing, and what the table held (the "
    "organ-function thresholds of a criterion, a dose-escalation scheme) is missing "
    "(registry-quality-rules.md, section 2: text that refers to content not in the record). "
    "Read: a table, figure or chart 'below' or 'above', 'the following table', 'see' or 'in' "
    "or 'shown in' a numbered table or figure, a numbered table or figure in brackets; a "
    "table of the protocol ('Table 1 of Protocol') is the protocol's, and a record with "
    "Markdown table rows may mean one of them. Corpus: 12 fields in 11 records outside the "
    "held-out recall sample, all read, all pointing at nothing.",
    fails=(_CRITERIA + "Inclusion Criteria: adequate organ function as defined in the "
           "following table. Exclusion Criteria: pregnancy'\n",),
    passes=(_CRITERIA + "Inclusion Criteria: adequate organ function (creatinine clearance of "
            "60 mL/min or more). Exclusion Criteria: pregnancy'\n",),
)  # fmt: skip

_NOUN = r"(?:table|figure|fig\.|chart|diagram|flowchart|graph)"
# A numbered table or figure ('Table 5', 'Table 5.1-1'), not one of the protocol's.
_NUMBERED = (
    r"(?:table|figure|fig\.)\s?(?>\d+(?:[.-]\d+)*)\b"
    r"(?!\s+(?:of|in)\s+(?:the\s+)?(?:study\s+)?protocol)"
)
_POINTER = re.compile(
    rf"\b{_NOUN}s? (?:below|above)\b"
    rf"|\b(?:the following|attached|below) {_NOUN}"
    r"|\b(?:see|in|shown in|listed in|defined in|indicated by|described in|depicted in)\s+"
    rf"(?:the\s+)?{_NUMBERED}"
    rf"|\((?:see\s+)?{_NUMBERED}[^)\n]{{0,30}}\)",
    re.IGNORECASE,
)
# What every pointer holds, found first in the lowercased text (the pattern is tried only
# around it), and how far a pointer reaches either side of its noun.
_NOUNS = ("table", "fig", "chart", "diagram", "graph")
_BEFORE_NOUN, _AFTER_NOUN = 30, 45
_MARKDOWN_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)


@check(MISSING_TABLE_OR_FIGURE)
def missing_tables_and_figures(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    lower = index.lower
    found: dict[int, tuple[int, int]] = {}  # the first pointer of each field
    for at in _nouns_at(lower, index.words_end):
        # a pointer holds its noun a few words in: read around it only
        window = (max(0, at - _BEFORE_NOUN), at + _AFTER_NOUN)
        for pointer in _POINTER.finditer(lower, *window):
            if pointer.start() <= at < pointer.end():
                number = index.field_number(pointer.start())
                found.setdefault(number, (pointer.start(), pointer.end()))
                break
    if not found:
        return
    has_table = _MARKDOWN_TABLE_ROW.search(index.text, 0, index.words_end) is not None
    for start, end in found.values():
        written = index.text[start:end]
        if has_table and not re.search(r"fig|chart|diagram|graph", written, re.I):
            continue  # the table may be one of the record's own
        yield hit_at(index, MISSING_TABLE_OR_FIGURE,
                     f"{quote_short(written, 40)} points at a table or figure the record does "
                     "not hold: write what it shows into the text", start, end)  # fmt: skip


def _nouns_at(lower: str, end: int) -> list[int]:
    """Where each noun a pointer holds starts a word, in order: a search in C for each (not
    inside a word: 'stable', 'demography')."""
    found = []
    for noun in _NOUNS:
        at = lower.find(noun, 0, end)
        while at != -1:
            if not (at and lower[at - 1].isalpha()):
                found.append(at)
            at = lower.find(noun, at + len(noun), end)
    return sorted(found)
