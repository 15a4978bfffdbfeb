"""``trialint rules`` and ``explain`` say whether a rule's findings carry a fix (and whether it is
safe) and whether the rule runs under the configuration in force; the fix each rule declares
is the one its examples' findings carry."""

from __future__ import annotations

import json

import pytest

from test_rule_examples import as_file
from trialint import cli
from trialint.config import Config
from trialint.lint.catalog import all_rules
from trialint.lint.engine import Context
from trialint.lint.runner import Linter
from trialint.rule import FixKind, Rule

from conftest import TODAY

RULES = [rule for rule in all_rules() if not rule.code.startswith("H")]
# The kinds of fix a finding may carry under each declaration.
ALLOWED = {
    None: set(),
    FixKind.SAFE: {"safe"},
    FixKind.UNSAFE: {"unsafe"},
    FixKind.SAFE_OR_UNSAFE: {"safe", "unsafe"},
    FixKind.SUGGESTION: {"suggestion"},
}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(Context(today=TODAY), Config(select=("ALL",)))


def fix_kinds(linter: Linter, rule: Rule) -> set[str]:
    """The kinds of fix the rule's own findings carry in its failing examples."""
    kinds = set()
    for example in rule.fails:
        report = linter.lint_bytes(as_file(rule, example).encode("utf-8"), "record.yaml")
        for finding in report.findings:
            fix = finding.fix
            if finding.rule.code != rule.code or fix is None:
                continue
            if not fix.applicable:
                kinds.add("suggestion")
            else:
                kinds.add("safe" if fix.safe else "unsafe")
    return kinds


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_a_rules_declared_fix_is_the_one_its_findings_carry(linter, rule):
    assert fix_kinds(linter, rule) <= ALLOWED[rule.fix], rule.fix


def test_the_declared_fixes_are_seen_in_the_examples(linter):
    """A declaration no example shows could be stale: each kind is shown by most rules that
    declare it (C002 and C006 fix only numbers whose examples would need two fields)."""
    unseen = {rule.code for rule in RULES if rule.fix and not fix_kinds(linter, rule)}
    assert unseen == {"C002", "C006"}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def line_of(out: str, code: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(code + " "))


def test_rules_text_shows_the_fix_and_whether_it_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no configuration
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert line_of(out, "T001").split()[:5] == ["T001", "misspelling", "warning", "safe", "fix"]
    assert line_of(out, "T001").split()[5] == "on"
    assert line_of(out, "T012").split()[3:6] == ["unsafe", "fix", "off"]
    assert line_of(out, "T007").split()[3:7] == ["safe", "or", "unsafe", "fix"]
    assert line_of(out, "A012").split()[3:5] == ["suggestion", "on"]
    assert line_of(out, "S003").split()[3:6] == ["no", "fix", "on"]
    summary = next(r for r in all_rules() if r.code == "S003").summary
    assert line_of(out, "S003").endswith("  on   " + summary)


def test_rules_follow_the_configuration_in_force_and_the_command_line(
    capsys, tmp_path, monkeypatch
):
    (tmp_path / ".trialint.toml").write_text('ignore = ["T0"]\nextend-select = ["T012"]\n')
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "rules")
    assert line_of(out, "T001").split()[5] == "off"
    assert line_of(out, "T012").split()[5] == "on"  # named, so more specific than "T0"
    assert line_of(out, "S003").split()[5] == "on"
    _, out, _ = run(capsys, "rules", "--ignore", "S003", "--extend-select", "T001")
    assert line_of(out, "S003").split()[5] == "off"
    assert line_of(out, "T001").split()[5] == "on"
    _, out, _ = run(capsys, "rules", "--output-format", "json", "--select", "S")
    listed = {rule["code"]: rule for rule in json.loads(out)}
    assert listed["S003"]["enabled"] is True and listed["S003"]["fix"] is None
    assert listed["T001"]["enabled"] is False and listed["T001"]["fix"] == "safe"
    assert listed["T028"]["fix"] == "safe or unsafe"


def test_rules_markdown_has_the_fix_and_enabled_columns(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "rules", "--output-format", "markdown")
    lines = out.splitlines()
    assert lines[0] == "| code | name | severity | fix | enabled | what it reports |"
    assert lines[1] == "|---|---|---|---|---|---|"
    assert next(line for line in lines if line.startswith("| T012 ")).startswith(
        "| T012 | possible-misspelling | info | unsafe | no | "
    )
    assert next(line for line in lines if line.startswith("| A001 ")).startswith(
        "| A001 | arm-without-description | warning |  | yes | "
    )


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        ("T001", "Fix: safe: trialint lint --fix applies it; it cannot change what the record"),
        ("T004", "Fix: unsafe: it needs a person's review; trialint lint --fix --unsafe-fixes"),
        ("T028", "Fix: safe for some findings, unsafe for others: trialint lint --fix applies"),
        ("A012", "Fix: a suggestion only, shown and never applied: it would change what the"),
        ("S003", "Fix: none: a person writes the correction."),
    ],
)
def test_explain_says_whether_the_fix_is_safe(capsys, code, fix):
    _, out, _ = run(capsys, "explain", code)
    assert f"\n\n{fix}" in out
    assert out.index("\n\nFix: ") < out.index("\n\nWhy\n")


@pytest.mark.parametrize("code", ["T001", "T012"])
def test_explain_tells_how_to_add_words_for_the_spelling_rules(capsys, code):
    _, out, _ = run(capsys, "explain", code)
    words = out.split("\nWords\n", 1)[1].split("\n\n", 1)[0]
    flat = " ".join(words.split())
    assert '[tool.trialint], words = ["Tritanium", "proband"]' in flat
    assert 'words-file = "trialint-words.txt"' in flat


def test_explain_of_other_rules_says_nothing_of_words(capsys):
    _, out, _ = run(capsys, "explain", "T002")
    assert "\nWords\n" not in out
