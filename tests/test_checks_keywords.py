"""T033: a list typed into a record's only keyword or condition, on the good record mutated."""

from __future__ import annotations

import pytest

from trialint.lint.checks.keywords import listed_terms

from conftest import corpus_hits, mutate, needs_shared, position_of

KEYWORD = "      - total knee replacement\n"
CONDITION = "      - Knee Osteoarthritis\n"


def t033(lint_text, text: str) -> list:
    return [f for f in lint_text(text).findings if f.rule.code == "T033"]


def test_a_list_typed_into_the_only_keyword(lint_text):
    text = mutate((KEYWORD, "      - Knee replacement, physiotherapy, walking\n"))
    [finding] = t033(lint_text, text)
    assert (finding.level, finding.pointer) == (
        "warning",
        "/protocolSection/conditionsModule/keywords/0",
    )
    assert (finding.line, finding.column) == position_of(text, "Knee replacement, physio")
    assert finding.message == (
        "the only keyword 'Knee replacement, physiotherapy, walking' lists 3 terms in one "
        "entry: give each as a keyword of its own, which the registry indexes one by one"
    )


def test_a_list_typed_into_the_only_condition(lint_text):
    text = mutate((CONDITION, "      - Knee Osteoarthritis; Hip Osteoarthritis\n"))
    assert [f.pointer for f in t033(lint_text, text)] == [
        "/protocolSection/conditionsModule/conditions/0"
    ]


@pytest.mark.parametrize(
    "entry",
    [
        "Diabetes Mellitus, Type 2",  # a MeSH heading written inverted
        "Leukemia, Myeloid",
        "Emotionally Unstable Personality Disorder, Borderline Type",
        "Knee replacement, physiotherapy",  # two short terms: maybe one, inverted
        "Knee pain (stiffness, swelling, locking)",  # explained in brackets
        "Arthritis, including knee and hip osteoarthritis",
    ],
)
def test_entries_that_read_as_one_term(entry):
    assert listed_terms(entry) == []


def test_a_record_with_several_keywords_is_not_read(lint_text):
    text = mutate((KEYWORD, KEYWORD + "      - Leukemia, Myeloid, Acute\n"))
    assert t033(lint_text, text) == []


@needs_shared
def test_lists_in_one_entry_in_the_corpus():
    # 18 entries, the 17 outside the held-out recall sample read: all lists of terms
    assert corpus_hits("keywords") == {"T033": 18}
