"""Sentences of registry prose, for the rules that judge a claim by the sentence that makes
it: results stated in a description (T015), masking a summary contradicts (A023), a
data-sharing plan its description contradicts (C015).

A sentence ends at a full stop, '!' or '?' before a blank or the text's end, or at a line's
end; '0.05', 'e.g.,' and '2.5 mg' end none. Around a place, a sentence is read at most
SENTENCE_REACH characters either side, so that finding one costs the same in a paragraph of
any length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_END = re.compile(r"[.!?]+(?=\s|$)|\n")
SENTENCE_REACH = 400


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Each sentence of ``text`` as (start, end), in order, without the blanks around it."""
    start = 0
    for end in _END.finditer(text):
        span = _trimmed(text, start, end.end())
        if span is not None:
            yield span
        start = end.end()
    span = _trimmed(text, start, len(text))
    if span is not None:
        yield span


def sentence_around(text: str, at: int) -> tuple[int, int]:
    """The sentence holding ``text[at]`` as (start, end), read at most SENTENCE_REACH
    characters either side of it."""
    low, high = max(0, at - SENTENCE_REACH), min(len(text), at + SENTENCE_REACH)
    start = low
    for end in _END.finditer(text, low, at):
        start = end.end()
    stop = _END.search(text, at, high)
    return _trimmed(text, start, stop.end() if stop else high) or (at, at)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``text[start:end]`` without its blanks at either end, or None when it is all blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
