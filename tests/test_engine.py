"""The engine: a check that fails on a record is reported, and never hides the others."""

from __future__ import annotations

from trialint.document.load import load_bytes
from trialint.lint.catalog import builtin_catalog
from trialint.lint.checks.text import MISSPELLING
from trialint.lint.engine import Check, Context, Engine
from trialint.lint.record import Record

from conftest import TODAY, mutate


def _fails(record: Record, context: Context):
    raise TypeError("unhashable type: 'list'")
    yield  # a generator, as checks are


def test_a_failing_check_is_a_finding_and_the_other_findings_stand():
    text = mutate(("Exercise Training After", "Exercise Trainning After"))
    [study] = load_bytes(text.encode(), "r.yaml", "yaml").studies
    checks = (Check(_fails, (MISSPELLING,)), *builtin_catalog().checks)
    findings = Engine(Context(today=TODAY), checks).run(study)
    assert sorted(f.rule.code for f in findings) == ["F012", "T001"]
    [failed] = [f for f in findings if f.rule.code == "F012"]
    assert failed.message == (
        "the check of T001 failed on this record (TypeError: unhashable type: 'list'); please "
        "report it with the file. The other rules' findings stand"
    )
    assert failed.pointer == ""
