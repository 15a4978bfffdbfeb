"""No false typo findings on the real corpus: every text-rule finding there is one of the
reviewed, real defects listed in fixtures/corpus_text_findings.tsv."""

from __future__ import annotations

from datetime import date

from trialint.lint.engine import Context
from trialint.lint.runner import Linter

from conftest import FIXTURES, SHARED, needs_shared

REVIEWED = FIXTURES / "corpus_text_findings.tsv"


def reviewed() -> set[tuple[str, ...]]:
    lines = REVIEWED.read_text(encoding="utf-8").splitlines()
    return {tuple(line.split("\t")) for line in lines if line and not line.startswith("#")}


@needs_shared
def test_text_rules_find_exactly_the_reviewed_defects_of_the_corpus():
    result = Linter(Context(today=date(2026, 11, 23))).lint_paths(
        [str(SHARED / "corpus" / "ctgov-v2")]
    )
    found = {
        (f.study, f.rule.code, f.message.split("'")[1].replace("\n", "\\n"), f.pointer)
        for f in result.findings
        if f.rule.code.startswith("T")
    }
    expected = reviewed()
    assert not found - expected, "new text findings: read them, and fix the rule if false"
    assert not expected - found, "reviewed text findings no longer reported"
    assert len(expected) > 200
