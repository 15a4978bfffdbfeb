"""Inputs built to make a check slow: the work each does must grow with the text, not with the
square of it. Timing a unit test would be flaky; these count the work instead (the calls that
used to be made once per finding or per candidate), and bench/fuzz.py times the same inputs
against the parse at growing sizes."""

from __future__ import annotations

import re

from trialint.document import model
from trialint.lint.checks import text

from conftest import mutate, position_of

SUMMARY = (
    "      Adults who had a total knee replacement are randomly assigned to supervised exercise\n"
    "      training or usual care, and their walking is compared after 12 weeks."
)


def with_summary(words: str) -> str:
    return mutate((SUMMARY, f"      {words}"))


class Counting:
    """A stand-in that counts the calls to one function."""

    def __init__(self, function):
        self.function, self.calls = function, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


def test_a_word_repeated_thousands_of_times_is_read_once_per_phrase(lint_text, monkeypatch):
    counting = Counting(text._written_twice)
    monkeypatch.setattr(text, "_written_twice", counting)
    record = with_summary("the " * 2000 + "end")
    found = [f for f in lint_text(record).findings if f.rule.code == "T004"]
    assert len(found) == 1000
    assert (found[0].span.line, found[0].span.column) == position_of(record, "the the")
    # pairs do not overlap: the 1,000th is the 1,999th place "the the" starts
    assert (found[-1].span.line, found[-1].span.column) == position_of(record, "the the", 1999)
    # once for the doubled word, once per distinct phrase ("the the", "the the the", ... and
    # the phrases around the end): not once per candidate, thousands of times
    assert counting.calls <= 12


def test_thousands_of_findings_in_one_value_read_the_value_once(lint_text, monkeypatch):
    counting = Counting(model._occurrences)
    monkeypatch.setattr(model, "_occurrences", counting)
    found = [f for f in lint_text(with_summary("the " * 2000 + "end")).findings]
    assert sum(f.rule.code == "T004" for f in found) == 1000
    # the value and its source, once for each distinct text found twice: not once per finding
    assert counting.calls <= 16


class CountingPattern:
    def __init__(self, pattern: re.Pattern[str]):
        self.pattern, self.calls = pattern, 0

    def finditer(self, *args):
        self.calls += 1
        return self.pattern.finditer(*args)


def test_a_title_of_one_letter_repeated_is_judged_once(lint_text, monkeypatch):
    counting = CountingPattern(text._WORD_AROUND)
    monkeypatch.setattr(text, "_WORD_AROUND", counting)
    record = mutate(("briefTitle: Exercise Training After Knee Replacement",
                     "briefTitle: " + "a" * 50_000))  # fmt: skip
    assert not [f for f in lint_text(record).findings if f.rule.code in ("T001", "T003", "T012")]
    assert counting.calls == 1  # one run of letters, one judgement: not one per 'aaa'


class Counted(str):
    """A text that counts the characters its ``count`` and ``rfind`` calls read."""

    read = 0

    def count(self, sub, start=0, end=None):
        Counted.read += (len(self) if end is None else end) - start
        return str.count(self, sub, start, end)

    def rfind(self, sub, start=0, end=None):
        found = str.rfind(self, sub, start, end)
        Counted.read += (len(self) if end is None else end) - max(found, start)
        return found


def test_positions_in_no_order_use_one_table_of_lines():
    """Each position is counted from the one before it; positions that jump back and forth
    across the file would count it again and again, and past a few passes over it a table of
    line starts (bisected) answers instead."""
    from trialint.document.spans import COUNTING_PASSES, LineIndex

    text = Counted("".join(f"key{n}: x\n" for n in range(1000)))
    lines = LineIndex(text)
    Counted.read = 0
    for n in range(500):
        key = n if n % 2 else 999 - n  # first, last, second, last but one...
        assert lines.position(text.index(f"key{key}:")) == (key + 1, 1)
    assert lines._starts is not None and len(lines._starts) == 1002
    assert Counted.read <= (COUNTING_PASSES + 2) * len(text)  # not 500 passes


def test_thousands_of_duplicate_keys_are_located_with_one_index(monkeypatch):
    from trialint.document import yaml12

    counting = Counting(yaml12.LineIndex)
    monkeypatch.setattr(yaml12, "LineIndex", counting)
    parsed = yaml12.parse_yaml("a: 0\n" + "".join(f"a: {n}\n" for n in range(1, 2001)))
    assert len(parsed.problems) == 2000
    assert counting.calls == 1  # not one index (and one decoding of the file) per duplicate
