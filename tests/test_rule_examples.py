"""Every rule's documented examples do what its documentation says."""

from __future__ import annotations

import copy

import pytest
import yaml

from trialint.config import Config
from trialint.document.yaml12 import parse_yaml
from trialint.lint.catalog import all_rules
from trialint.lint.engine import Context
from trialint.lint.runner import Linter
from trialint.rule import Rule

from conftest import GOOD_RECORD, TODAY

GOOD_DATA = parse_yaml(GOOD_RECORD.read_bytes()).documents[0]

RULES = list(all_rules())


@pytest.fixture(scope="module")
def linter() -> Linter:
    """Every rule, those off by default too: each one's examples must show it."""
    return Linter(Context(today=TODAY), Config(select=("ALL",)))


def test_codes_and_names_are_unique_and_well_formed():
    import re

    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"[A-Z]\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name
        assert rule.summary and rule.rationale


def as_file(rule: Rule, example: str, *, whole: bool = True) -> str:
    """The file an example stands for.

    File rules (F) and suppression rules (X, about comments) show whole files when they fail
    (``whole``). Record rules show fragments: the modules (and top-level keys) an example names
    replace those of a complete, valid record; so do every rule's passing examples, which
    ``explain`` shows as part of a record written right.
    """
    if rule.code[0] in "FX" and whole:
        return example
    record = copy.deepcopy(GOOD_DATA)
    [fragment] = parse_yaml(example).documents
    for key, value in fragment.items():
        if key == "protocolSection" and isinstance(value, dict):
            record["protocolSection"].update(value)
        else:
            record[key] = value
    return yaml.safe_dump(record, sort_keys=False, allow_unicode=True)


def history_codes(example: str) -> set[str]:
    """History rules' examples are versions, oldest first: run them as trialint diff does."""
    from trialint.diff.history import history_findings
    from trialint.document.load import load_bytes

    versions = []
    for document in parse_yaml(example).documents:
        record = copy.deepcopy(GOOD_DATA)
        for key, value in document.items():
            if key == "protocolSection":
                record["protocolSection"].update(value)
            else:
                record[key] = value
        text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True)
        versions.extend(load_bytes(text.encode(), f"v{len(versions)}.yaml", "yaml").studies)
    return {finding.rule.code for finding in history_findings(versions)}


def codes_of(lint_text, rule: Rule, example: str, *, whole: bool = True) -> set[str]:
    if rule.code.startswith("H"):
        return history_codes(example)
    return {f.rule.code for f in lint_text(as_file(rule, example, whole=whole)).findings}


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, example) for rule in RULES for example in rule.fails],
    ids=lambda value: getattr(value, "code", "example"),
)
def test_failing_examples_raise_the_rule(lint_text, rule, example):
    assert rule.code in codes_of(lint_text, rule, example)


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, example) for rule in RULES for example in rule.passes],
    ids=lambda value: getattr(value, "code", "example"),
)
def test_passing_examples_raise_no_rule_at_all(lint_text, rule, example):
    """A passing example is what ``explain`` shows as the right way to write a record: no
    rule, its own or another, may find fault with it, as a file of its own (for the file and
    suppression rules) or in a complete record."""
    if rule.code[0] in "FX":
        assert rule.code not in codes_of(lint_text, rule, example)
    assert codes_of(lint_text, rule, example, whole=False) == set()


def test_rules_that_can_be_shown_by_example_have_examples():
    without = {r.code for r in RULES if not (r.fails and r.passes)}
    # Binary, encoding, nesting and over-long numbers cannot be written as a short example,
    # nor a check's failure (a bug, fixed as soon as one is known).
    assert without == {"F004", "F005", "F008", "F011", "F012", "S009"}, without


def test_the_readme_lists_every_rule():
    import io

    from trialint.report.rules import write_list

    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- rules:start", 1)[1].split("-->", 1)[1].split("<!-- rules:end")[0]
    expected = io.StringIO()
    write_list(RULES, expected, "markdown")
    assert table.strip() == expected.getvalue().strip(), (
        "regenerate: trialint rules --format markdown"
    )
