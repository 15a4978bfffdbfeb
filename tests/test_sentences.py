"""The sentences the claim-reading rules (T015, A023, C015) judge a claim by."""

from __future__ import annotations

import pytest

from trialint.lint.checks.sentences import SENTENCE_REACH, sentence_around, sentences


def test_sentences_end_at_a_full_stop_before_a_blank_or_at_a_line_end():
    text = "A dose of 2.5 mg (p < 0.05). Then e.g., this!\nResults: none"
    assert [text[start:end] for start, end in sentences(text)] == [
        "A dose of 2.5 mg (p < 0.05).",
        "Then e.g., this!",
        "Results: none",
    ]


def test_blank_lines_are_no_sentences():
    assert list(sentences("\n\n  \n")) == []


@pytest.mark.parametrize(
    ("at_word", "sentence"),
    [("then", "Adults then rest."), ("Adults", "Adults train."), ("Rest", "Rest")],
)
def test_the_sentence_around_a_place(at_word, sentence):
    text = "Adults train. Adults then rest.\nRest"
    at = text.rindex(at_word) if at_word != "Adults" else text.index(at_word)
    start, end = sentence_around(text, at)
    assert text[start:end] == sentence


def test_a_sentence_is_read_only_so_far_either_side():
    text = "x" * (3 * SENTENCE_REACH)
    start, end = sentence_around(text, len(text) // 2)
    assert (start, end) == (len(text) // 2 - SENTENCE_REACH, len(text) // 2 + SENTENCE_REACH)
