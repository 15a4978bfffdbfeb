"""YAML syntax errors a curator makes most, told in a curator's words with the remedy.

libyaml says where it gave up, in a parser's terms ("mapping values are not allowed in this
context"), often lines after the slip. Three slips make most broken records, and each is
recognised from the parser's problem and the text of the lines it names:

* ``: `` inside unquoted text (``briefTitle: Knee replacement: a trial``): the second colon
  reads as a new key. Reported at that colon, with the text quoted as it should be.
* a tab used for indentation: YAML indents with spaces only. Reported at the tab.
* a quote never closed: libyaml reads on to the end of the file, or to the next quote, and
  fails there. Reported where the quoted text starts.

Any other error keeps the parser's own words (``explain`` returns None).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Protocol

from trialint.finding import Span

_MAPPING_VALUE = "mapping values are not allowed in this context"
_TAB_PROBLEMS = (
    "found character that cannot start any token",
    "found a tab character that violates indentation",
)
_END_OF_STREAM = "found unexpected end of stream"
_QUOTED_SCALAR = "while scanning a quoted scalar"
# Where a quote that never closed makes libyaml fail, when the next quote closes it instead.
_AFTER_STRAY_QUOTE = ("did not find expected key", "could not find expected ':'")

# The start of a line holding a key and its plain (unquoted) value: indentation, list marks,
# the key, ': ', then the value's first character.
_KEY_AND_PLAIN_VALUE = re.compile(
    r"[ \t]*(?:- +)*[^\s#'\"\[{&*!|>%@`][^#]*?: +(?=[^\s'\"\[{|>&*!#])"
)
_COMMENT = re.compile(r"\s+#.*")
# A line whose value opens a quote: indentation, list marks, an optional key, then the quote.
_OPENS_QUOTE = re.compile(r"[ \t]*(?:- +)*(?:[^\s#'\"][^#]*?: +)?(?P<quote>[\"'])")


class Mark(Protocol):
    """A position as libyaml's errors give it: 0-based line and column (in characters)."""

    line: int
    column: int


@dataclass(frozen=True)
class Explained:
    message: str
    span: Span


def explain(
    problem: str, context: str | None, problem_mark: Mark, context_mark: Mark | None, source: str
) -> Explained | None:
    """The curator's explanation of a syntax error, where its cause is a common slip."""
    line = _line(source, problem_mark.line)
    if problem == _MAPPING_VALUE:
        return _colon_in_text(line, problem_mark)
    if problem in _TAB_PROBLEMS:
        return _tab_indent(line, problem_mark)
    if problem == _END_OF_STREAM and context == _QUOTED_SCALAR and context_mark is not None:
        quote = _line(source, context_mark.line)[context_mark.column : context_mark.column + 1]
        return _unclosed(quote, context_mark.line, context_mark.column)
    if problem in _AFTER_STRAY_QUOTE and problem_mark.line > 0:
        return _quote_closed_by_the_next(source, problem_mark, line)
    return None


def _line(source: str, number: int) -> str:
    """Line ``number`` (0-based) of ``source``, without reading past it."""
    lines = source.split("\n", number + 1)
    return lines[number].rstrip("\r") if number < len(lines) else ""


def _colon_in_text(line: str, mark: Mark) -> Explained | None:
    """``key: text: more``: the colon at ``mark`` is inside the plain text of a value that
    starts on this line (elsewhere, as after a mis-indented key, the cause is another)."""
    before = line[: mark.column]
    opening = _KEY_AND_PLAIN_VALUE.match(before)
    if opening is None or line[mark.column : mark.column + 1] != ":":
        return None
    text = _COMMENT.sub("", line[opening.end() :]).rstrip()
    return Explained(
        "': ' inside unquoted text reads as a new key; quote the text: put it between double "
        f"quotes ({json.dumps(text, ensure_ascii=False)})",
        _at(mark.line, mark.column),
    )


def _tab_indent(line: str, mark: Mark) -> Explained | None:
    """A tab in the blanks that indent the line."""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" not in indent or mark.column > len(indent):
        return None
    return Explained(
        "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces",
        _at(mark.line, indent.index("\t")),
    )


def _quote_closed_by_the_next(source: str, mark: Mark, line: str) -> Explained | None:
    """A quote opened on the line before and not closed there, that the first quote of the
    failing line closes instead: the text after it is what libyaml could not read."""
    previous = _line(source, mark.line - 1)
    opened = _OPENS_QUOTE.match(previous)
    if opened is None:
        return None
    quote = opened.group("quote")
    if quote in previous[opened.end() :] or quote not in line[: mark.column]:
        return None
    return _unclosed(quote, mark.line - 1, opened.start("quote"))


def _unclosed(quote: str, line: int, column: int) -> Explained:
    return Explained(
        f"the quoted text that starts here is never closed: put a {quote} at its end",
        _at(line, column),
    )


def _at(line: int, column: int) -> Span:
    """The one character at 0-based ``line`` and ``column``."""
    return Span(line + 1, column + 1, line + 1, column + 2)
