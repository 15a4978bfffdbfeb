"""Brackets (family T): a parenthesis opened and never closed.

A reader meets '(whichever occurs first' and waits for the aside to end; a parser that cuts a
record's text at its brackets (a title's acronym, a scale's range) reads the rest of the field
as the aside. Text cut at a field's limit, a sentence edited in two places, and an aside that
ran on into the next item all leave one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.text import hit_at
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record
from trialint.quoting import quote_short
from trialint.rule import Severity, rule

_SUMMARY = "protocolSection:\n  descriptionModule:\n    briefSummary: "

UNCLOSED_BRACKET = rule(
    "T025", "unclosed-bracket", Severity.WARNING,
    "A parenthesis opened and never closed: 'Time to next treatment (whichever occurs first', "
    "'Oswestry Disability Index (0-100'.",
    "An aside in brackets ends where its bracket closes; one left open leaves the reader, "
    "and any tool that reads a title's acronym or a scale's range from its brackets, "
    "without its end (a copy-editor marks it; registry-quality rules, section 2, on text "
    "cut or edited in place). Read field by field, in prose, not in names: a closing "
    "bracket that ends a list mark at the start of a line ('a)', '2)', 'iv)') closes "
    "nothing; an interval open at one end ('(0, 10]'), "
    "a smiley's bracket open nothing, and full-width brackets (U+FF08, U+FF09) count as "
    "brackets. An "
    "aside that goes on over several lines is closed where its bracket is. No fix: only the "
    "writer knows where the aside ends. Corpus: 81; the 76 outside the held-out recall "
    "sample (61 records) read, all real.",
    fails=(_SUMMARY + "Adults take the drug until progression (or death, whichever occurs "
                      "first.\n",),
    passes=(_SUMMARY + "Adults take the drug until progression (or death, whichever occurs "
                       "first), for pain and function.\n",),
)  # fmt: skip

_OPENING = "(\uff08"
_CLOSING = ")\uff09"
# A closing bracket that ends a list mark at the start of a line, before a blank: "a) pain",
# "2) function", "- iv) ..." (not "B)." of an aside a hard line break cut); it closes
# nothing. Inside a line, "I)" may close "(Appendix I)": it closes.
_LIST_MARK = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]*)?(?:\d{1,2}|[A-Za-z]|[ivxIVX]{2,4})[)\uff09](?=[ \t])",
    re.MULTILINE,
)
# "(0, 10]": an interval open at its start, closed by a square bracket.
_INTERVAL = re.compile(r"[(\uff08][^()\[\]\n]{1,24}\]")
_BRACKET = re.compile("[()\uff08\uff09]")
_QUOTED_LENGTH = 40


@check(UNCLOSED_BRACKET)
def unclosed_brackets(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    for number, (_, text, _, name) in enumerate(index.fields):
        if name:
            break  # names come last: their owners write them
        opening = sum(map(text.count, _OPENING))
        if not opening:
            continue
        if opening <= sum(map(text.count, _CLOSING)) and not _LIST_MARK.search(text):
            continue  # nearly every field: as many closed as opened, and no list mark
        start = index.field_start(number)
        for opened in _unclosed(text):
            line_end = text.find("\n", opened)
            aside = text[opened : line_end if line_end != -1 else len(text)]
            quoted = quote_short(aside, _QUOTED_LENGTH)
            yield hit_at(index, UNCLOSED_BRACKET,
                         f"{quoted} opens a bracket that is never closed",
                         start + opened, start + opened + 1)  # fmt: skip


def _unclosed(text: str) -> list[int]:
    """Where the brackets of ``text`` that nothing closes were opened."""
    marks = {found.end() - 1 for found in _LIST_MARK.finditer(text)}
    intervals = {found.start() for found in _INTERVAL.finditer(text)}
    open_at: list[int] = []
    for found in _BRACKET.finditer(text):
        position, character = found.start(), found.group()
        if character in _OPENING:
            if position not in intervals and text[position - 1 : position] != ":":
                open_at.append(position)
        elif character in _CLOSING and open_at and position not in marks:
            open_at.pop()
    return open_at
