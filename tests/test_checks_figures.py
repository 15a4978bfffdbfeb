"""T029 missing-table-or-figure: a pointer to a table or figure the record does not hold."""

from __future__ import annotations

import pytest

from conftest import GOOD_RECORD, corpus_hits, needs_shared, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
CRITERIA = "      * Able to walk 10 metres with or without an aid"


def pointers(lint_text, criterion: str):
    text = GOOD.replace(CRITERIA, criterion, 1)
    findings = [(f.line, f.column, f.message)
                for f in lint_text(text).findings if f.rule.code == "T029"]  # fmt: skip
    return findings, text


@pytest.mark.parametrize(
    ("criterion", "pointer"),
    [
        (
            "      * Adequate organ function as defined in the following table",
            "the following table",
        ),
        (
            "      * Heart failure of NYHA class III or IV (see Table 2 below)",
            "(see Table 2 below)",
        ),
        ("      * Able to walk as shown in the table below", "table below"),
        ("      * Able to bend forward in full flexion (Fig. 9)", "(Fig. 9)"),
        ("      * Organ function as indicated by Table 5", "indicated by Table 5"),
    ],
)
def test_a_pointer_to_a_table_or_figure_the_record_does_not_hold(lint_text, criterion, pointer):
    findings, text = pointers(lint_text, criterion)
    assert findings == [
        (*position_of(text, pointer), f"{pointer!r} points at a table or figure the record "
                                      "does not hold: write what it shows into the text")
    ]  # fmt: skip


@pytest.mark.parametrize(
    "criterion",
    [
        "      * Contraception throughout the study (Table 1 of Protocol)",  # the protocol's
        "      * Dose by weight as determined in Table 5.1-1 of the protocol",
        "      * Able to walk 10 metres on a table-top treadmill",
        "      * Able to use a figure-of-eight bandage",
    ],
)
def test_no_pointer(lint_text, criterion):
    assert pointers(lint_text, criterion)[0] == []


def test_a_record_with_a_markdown_table_may_mean_its_own(lint_text):
    criterion = (
        "      * Organ function as in the table below\n\n      | Test | Value |\n"
        "      |---|---|\n      | ANC | 1.5 |"
    )
    assert pointers(lint_text, criterion)[0] == []


@needs_shared
def test_corpus_hits():
    """12 fields in 11 records outside the held-out recall sample, all read, all pointing at
    nothing."""
    assert corpus_hits("figures") == {"T029": 12}
