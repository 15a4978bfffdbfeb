"""T025 unclosed-bracket: a parenthesis opened and never closed, found where it opens."""

from __future__ import annotations

import pytest

from conftest import GOOD_RECORD, corpus_hits, needs_shared, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
SUMMARY_END = "      training or usual care, and their walking is compared after 12 weeks."
CRITERIA = "      * Able to walk 10 metres with or without an aid"


def unclosed(lint_text, old: str, new: str) -> tuple[list[tuple[int, int, str]], str]:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    findings = [(f.line, f.column, f.message)
                for f in lint_text(text).findings if f.rule.code == "T025"]  # fmt: skip
    return findings, text


def test_an_aside_left_open_is_found_where_it_opens(lint_text):
    sentence = "      Walking is compared until progression (or death, whichever occurs first."
    findings, text = unclosed(lint_text, SUMMARY_END, sentence)
    line, column = position_of(text, "(or death")
    assert findings == [
        (line, column, "'(or death, whichever occurs first.' opens a bracket that is never "
                       "closed")
    ]  # fmt: skip


def test_the_outer_bracket_of_two_is_the_open_one(lint_text):
    findings, text = unclosed(
        lint_text, SUMMARY_END, "      Dyspnoea is graded (NYHA class (I to IV) at 12 weeks."
    )
    assert [(line, column) for line, column, _ in findings] == [position_of(text, "(NYHA")]


@pytest.mark.parametrize(
    "sentence",
    [
        "      Walking is compared (in metres) after 12 weeks.",
        "      Walking is compared after 12 weeks (Appendix I).",  # 'I)' closes here
        "      Scores lie in (0, 10] and are compared :( after 12 weeks.",  # interval, smiley
        "      Walking is compared\uff08in metres\uff09after 12 weeks.",  # full-width pair
    ],
)
def test_closed_brackets_are_not_reported(lint_text, sentence):
    assert unclosed(lint_text, SUMMARY_END, sentence)[0] == []


def test_list_marks_at_the_start_of_a_line_close_nothing(lint_text):
    criteria = f"{CRITERIA} (as judged by the investigator\n      a) over 18 years of age"
    findings, text = unclosed(lint_text, CRITERIA, criteria)
    assert [(line, column) for line, column, _ in findings] == [position_of(text, "(as judged")]


def test_an_aside_over_several_lines_closes_where_its_bracket_does(lint_text):
    criteria = f"{CRITERIA} (any of:\n      * a knee replacement\n      * a hip replacement)"
    assert unclosed(lint_text, CRITERIA, criteria)[0] == []


def test_names_are_not_read(lint_text):
    facility = "- facility: Example University Hospital"
    assert unclosed(lint_text, facility, f"{facility} (HCL")[0] == []


@needs_shared
def test_corpus_hits():
    # 76 outside the held-out recall sample, all read and real
    assert corpus_hits("brackets") == {"T025": 81}
