"""T027 cut-off-text and T028 trailing-separator: text that stops short."""

from __future__ import annotations

import pytest

from conftest import GOOD_RECORD, corpus_hits, needs_shared, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
DESCRIPTION = (
    "        description: Progressive strength and balance exercises supervised by a "
    "physiotherapist."
)
MEASURE = "      - measure: Six-minute walk distance"
KEYWORD = "      - total knee replacement"
FACILITY = "      - facility: Example University Hospital"
# 960 characters of an intervention's description, whose limit is 1,000.
LONG = "Exercises are supervised by a physiotherapist twice a week in the hospital gym. " * 12


def findings_of(lint_text, code: str, old: str, new: str):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    return [f for f in lint_text(text).findings if f.rule.code == code], text


def test_a_description_cut_inside_a_word_at_its_limit(lint_text):
    new = f"        description: {LONG}It ends with a relaxa"
    findings, text = findings_of(lint_text, "T027", DESCRIPTION, new)
    assert [(f.line, f.column) for f in findings] == [position_of(text, "relaxa")]
    assert findings[0].message == (
        "'hospital gym. It ends with a relaxa' ends the text at 981 characters, the registry "
        "limit being 1,000: it was cut off; shorten it so that it ends where its writer meant"
    )


@pytest.mark.parametrize(
    "ending",
    [
        "Each session ends with stretching and rest.",  # a sentence's end
        "Each session ends with stretching and rest",  # a whole word
        "Each session ends with stretching (PNF)",  # a bracket
    ],
)
def test_a_description_that_ends_on_a_whole_word_at_its_limit(lint_text, ending):
    new = f"        description: {LONG}{ending}"
    assert findings_of(lint_text, "T027", DESCRIPTION, new)[0] == []


def test_a_short_description_that_ends_on_an_unknown_word_is_no_cut(lint_text):
    new = "        description: Exercises supervised by a physiotherapist, as in Kraemr"
    assert findings_of(lint_text, "T027", DESCRIPTION, new)[0] == []


def test_a_title_that_ends_on_during_was_cut(lint_text):
    new = "      - measure: Mean sensor glucose level during"
    findings, text = findings_of(lint_text, "T027", MEASURE, new)
    assert [(f.line, f.column) for f in findings] == [position_of(text, "during")]
    assert findings[0].message == (
        "the title ends on 'during' ('Mean sensor glucose level during'): its end was cut "
        "off; finish it"
    )


@pytest.mark.parametrize(
    "measure",
    ["Knee pain, Part A", "Antibodies to Botulinum Toxin Type A", "Pain before and after"],
)
def test_titles_that_end_on_a_letter_or_a_whole_phrase(lint_text, measure):
    new = f"      - measure: {measure}"
    assert findings_of(lint_text, "T027", MEASURE, new)[0] == []


@pytest.mark.parametrize(
    ("old", "new", "mark"),
    [
        (FACILITY, "      - facility: 'Example University Hospital,'", ","),
        (MEASURE, "      - measure: 'The percentage of side effects;'", ";"),
        (MEASURE, "      - measure: 'Percentage of time spent:'", ":"),
        (KEYWORD, "      - 'total knee replacement;'", ";"),
    ],
)
def test_a_short_field_that_ends_on_a_separator(lint_text, old, new, mark):
    findings, text = findings_of(lint_text, "T028", old, new)
    assert [(f.line, f.rule.code) for f in findings] == [
        (position_of(text, new.strip())[0], "T028")
    ]
    assert findings[0].message.endswith(f"ends with {mark!r}: drop it, or write what it announces")
    assert findings[0].fix.new == ""
    assert findings[0].fix.safe is (mark != ":")


def test_a_description_whose_last_line_is_a_full_stop(lint_text):
    new = "        description: 'Progressive exercises supervised by a physiotherapist\n\n  .'"
    findings, _ = findings_of(lint_text, "T028", DESCRIPTION, new)
    assert [f.message for f in findings] == [
        "the text ends with a line that holds only '.': drop it"
    ]


def test_a_description_may_end_on_a_colon_before_nothing(lint_text):
    """Long texts are not read: a list may follow a colon there."""
    new = "        description: 'Progressive exercises, as follows:'"
    assert findings_of(lint_text, "T028", DESCRIPTION, new)[0] == []


@needs_shared
def test_corpus_hits():
    """T027: 2 descriptions cut at 1,000 characters inside a word, 3 outcome titles that end
    on 'during'; T028: 29 fields outside the held-out recall sample, all read, all stray
    (keywords, outcome titles, facilities, cities, contacts' names, 2 descriptions whose last
    line is a full stop), and 2 inside it."""
    assert corpus_hits("truncation") == {"T027": 5, "T028": 31}
