"""T026 summary-repeated-in-description: the brief summary pasted into the detailed description;
T032 description-says-nothing: a summary or description of a few words, or a placeholder."""

from __future__ import annotations

import pytest

from conftest import GOOD_RECORD, corpus_hits, needs_shared, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
SUMMARY_END = "      training or usual care, and their walking is compared after 12 weeks.\n"
SUMMARY = (
    "Adults who had a total knee replacement are randomly assigned to supervised exercise "
    "training or usual care, and their walking is compared after 12 weeks."
)
MORE = "Training takes place twice a week in the hospital's gym, led by a physiotherapist."


def with_description(lint_text, description: str):
    assert SUMMARY_END in GOOD
    text = GOOD.replace(SUMMARY_END, f"{SUMMARY_END}    detailedDescription: >-\n"
                                     f"      {description}\n", 1)  # fmt: skip
    return [f for f in lint_text(text).findings if f.rule.code == "T026"], text


def test_a_description_that_begins_with_the_summary(lint_text):
    findings, text = with_description(lint_text, f"{SUMMARY} {MORE}")
    [finding] = findings
    line, key_column = position_of(text, "detailedDescription: >-")
    assert (finding.line, finding.column) == (line, key_column + len("detailedDescription: "))
    assert finding.pointer == "/protocolSection/descriptionModule/detailedDescription"
    assert finding.message == (
        "the detailed description repeats the brief summary ('Adults who had a total knee "
        "replacement…') word for word: say there only what the summary does not"
    )
    summary = "/protocolSection/descriptionModule/briefSummary"
    assert [related.pointer for related in finding.related] == [summary]


def test_a_description_that_is_the_summary(lint_text):
    [finding] = with_description(lint_text, SUMMARY)[0]
    assert finding.message.startswith("the detailed description is the brief summary (")


@pytest.mark.parametrize(
    "description",
    [
        MORE,
        # one of the summary's two clauses reused, the rest new: not a copy
        "Adults who had a total knee replacement are randomly assigned. " + MORE,
    ],
)
def test_a_description_that_says_more_is_not_reported(lint_text, description):
    assert with_description(lint_text, description)[0] == []


def test_a_copy_with_one_sentence_edited_is_still_a_copy(lint_text):
    sentences = [
        "The study compares two ways of training after a total knee replacement.",
        "Adults are randomly assigned to supervised exercise training or to usual care.",
        "Training takes place twice a week for twelve weeks in the hospital's gym.",
        "Walking is measured as the distance covered in six minutes, before and after.",
        "Pain and function are recorded with questionnaires at the same visits.",
    ]
    summary = " ".join(sentences)
    text = GOOD.replace(
        "    briefSummary: >-\n      Adults who had a total knee replacement are randomly "
        "assigned to supervised exercise\n" + SUMMARY_END,
        f"    briefSummary: >-\n      {summary}\n    detailedDescription: >-\n"
        f"      {summary.replace('Pain and function', 'Pain and knee function')} {MORE}\n",
    )
    assert "detailedDescription" in text
    assert [f.rule.code for f in lint_text(text).findings if f.rule.code == "T026"] == ["T026"]


@needs_shared
def test_corpus_hits():
    # 28 outside the held-out recall sample, all read and copies
    # T032: 5 records, all read: 'Efferent', 'As above', '2.5 years.', 'Traumatic brain
    # injuries (TBI)...', 'See Attached Documents'
    assert corpus_hits("summary_copy") == {"T026": 29, "T032": 5}


# --- T032: a description that says nothing ------------------------------------------------------


def t032(lint_text, description: str):
    text = GOOD.replace(SUMMARY_END, f"{SUMMARY_END}    detailedDescription: {description}\n", 1)
    return [f for f in lint_text(text).findings if f.rule.code == "T032"], text


def test_a_description_that_points_elsewhere(lint_text):
    [finding], text = t032(lint_text, "As above")
    assert finding.level == "warning"
    assert finding.pointer == "/protocolSection/descriptionModule/detailedDescription"
    assert (finding.line, finding.column) == position_of(text, "As above")
    assert finding.message == (
        "the detailed description ('As above') is a placeholder: say what the study does, in "
        "more detail than the summary"
    )


def test_a_summary_of_a_word(lint_text):
    start = GOOD.index("    briefSummary:")
    end = GOOD.index(SUMMARY_END) + len(SUMMARY_END)
    text = GOOD[:start] + "    briefSummary: Efferent\n" + GOOD[end:]
    [finding] = [f for f in lint_text(text).findings if f.rule.code == "T032"]
    assert finding.pointer == "/protocolSection/descriptionModule/briefSummary"
    assert finding.message == (
        "the brief summary ('Efferent') is 1 word long: say what the study is about"
    )


@pytest.mark.parametrize(
    "description",
    ["Walking is compared after twelve weeks.", "See the protocol for the full design of it."],
)
def test_descriptions_of_five_words_or_more_say_something(lint_text, description):
    assert t032(lint_text, description)[0] == []
