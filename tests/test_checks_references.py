"""I004 results-reference-before-start: background literature typed as this study's results."""

from __future__ import annotations

import pytest

from conftest import GOOD_RECORD, corpus_hits, needs_shared, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
START = 'startDateStruct:\n      date: "2021-02-01"'
REFERENCE = "      - citation: 'Doe J. Knee exercise. Knee. {year};12:1-9. PMID: 20199999'\n"


def with_references(lint_text, *references: tuple[int, str]):
    assert START in GOOD and "referencesModule" not in GOOD
    module = "  referencesModule:\n    references:\n" + "".join(
        REFERENCE.format(year=year) + f"        type: {kind}\n" for year, kind in references
    )
    text = GOOD.replace("  statusModule:\n", module + "  statusModule:\n", 1)
    return [f for f in lint_text(text).findings if f.rule.code == "I004"], text


def test_a_results_reference_older_than_the_study(lint_text):
    [finding], text = with_references(lint_text, (2015, "BACKGROUND"), (2015, "RESULT"))
    line, _ = position_of(text, "type: RESULT")
    assert (finding.line, finding.column) == (line, len("        type: ") + 1)
    assert finding.pointer == "/protocolSection/referencesModule/references/1/type"
    assert finding.message == (
        "a reference typed RESULT was published in 2015, before the study started "
        "(2021-02-01): type it BACKGROUND"
    )


def test_several_are_one_finding_relating_the_others(lint_text):
    [finding], _ = with_references(lint_text, (2012, "RESULT"), (2023, "RESULT"), (2019, "RESULT"))
    assert finding.message == (
        "2 references typed RESULT were published (2012-2019) before the study started "
        "(2021-02-01): type them BACKGROUND"
    )
    assert finding.pointer.endswith("/references/0/type")
    assert [r.pointer for r in finding.related] == [
        "/protocolSection/referencesModule/references/2/type"
    ]


@pytest.mark.parametrize(
    "references",
    [
        [(2015, "BACKGROUND")],
        [(2022, "RESULT")],  # after the start: may be this study's results
        [(2021, "RESULT")],  # the start's own year: not judged
    ],
)
def test_results_references_that_may_be_the_study_s_are_not_reported(lint_text, references):
    assert with_references(lint_text, *references)[0] == []


@needs_shared
def test_corpus_hits():
    # 32 records outside the held-out recall sample, all read: background literature
    assert corpus_hits("references") == {"I004": 35}
