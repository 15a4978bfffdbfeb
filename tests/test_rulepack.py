"""Rules written as data: a curator's pack fires with its message and severity; a broken pack
is a clear error."""

from __future__ import annotations

import textwrap

import pytest

from trialint import cli
from trialint.lint.rulepack import RulePackError, load_pack

from conftest import GOOD_RECORD, TODAY, lint_json, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")

PACK = """\
rules:
  - code: U001
    name: protocol-id-format
    severity: error
    summary: Protocol ids are written EUH-yyyy-NNN at our hospital.
    rationale: Our data-management plan, section 4.
    path: protocolSection.identificationModule.orgStudyIdInfo.id
    check: {pattern: '^EUH-[0-9]{4}-[0-9]{3}$'}
    message: "protocol id {value!r} is not in our EUH-yyyy-NNN form"
  - code: U002
    name: outcome-description-required
    severity: warning
    summary: Every outcome has a description.
    path: protocolSection.outcomesModule.*[].description
    check: {required: true, not-empty: true}
    message: "{pointer} needs a description"
  - code: U003
    name: masked-studies-only
    severity: info
    summary: Our randomised studies are masked.
    path: protocolSection.designModule.designInfo.maskingInfo.masking
    check: {enum: [SINGLE, DOUBLE, TRIPLE, QUADRUPLE]}
    when: {protocolSection.designModule.designInfo.allocation: RANDOMIZED}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "hospital.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "r.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


lint = lint_json


def test_a_pack_from_a_user_path_fires_with_its_message_and_severity(project, capsys):
    code, findings, _ = lint(capsys, "--rule-pack", "packs", "r.yaml")
    assert code == 1
    [protocol, outcome] = findings
    line, column = position_of(GOOD, "TRIALINT-001")
    assert (protocol["code"], protocol["line"], protocol["column"]) == ("U001", line, column)
    assert protocol["severity"] == "error"
    assert protocol["rule"] == "protocol-id-format"
    assert protocol["message"] == "protocol id 'TRIALINT-001' is not in our EUH-yyyy-NNN form"
    assert outcome["code"] == "U002" and outcome["severity"] == "warning"
    assert outcome["pointer"] == "/protocolSection/outcomesModule/secondaryOutcomes/0/description"
    assert outcome["message"] == (
        "/protocolSection/outcomesModule/secondaryOutcomes/0/description needs a description"
    )


def test_packs_from_configuration_and_selection_by_their_codes(project, capsys):
    (project / ".trialint.toml").write_text(
        'rule-packs = ["packs/hospital.yaml"]\nselect = ["U"]\nignore = ["U002"]\n',
        encoding="utf-8",
    )
    _, findings, _ = lint(capsys, "r.yaml")
    assert [f["code"] for f in findings] == ["U001"]


def test_when_restricts_a_rule(project, capsys):
    record = GOOD.replace("masking: SINGLE", "masking: NONE").replace(
        "        whoMasked:\n          - OUTCOMES_ASSESSOR\n", ""
    )
    (project / "r.yaml").write_text(record, encoding="utf-8")
    _, findings, _ = lint(capsys, "--rule-pack", "packs", "--select", "U003", "r.yaml")
    assert [(f["code"], f["severity"], f["message"]) for f in findings] == [
        ("U003", "info", "masking is not one of SINGLE, DOUBLE, TRIPLE, QUADRUPLE")
    ]
    (project / "r.yaml").write_text(record.replace("RANDOMIZED", "NON_RANDOMIZED"), "utf-8")
    assert lint(capsys, "--rule-pack", "packs", "--select", "U003", "r.yaml")[1] == []


def test_pack_rules_are_listed_and_explained(project, capsys):
    assert cli.main(["explain", "--rule-pack", "packs", "U001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("U001 protocol-id-format (error)\n")
    assert "Our data-management plan" in out
    assert cli.main(["rules", "--rule-pack", "packs"]) == 0
    assert "U002  outcome-description-required" in capsys.readouterr().out


def one_rule(**changes: str) -> str:
    """A pack of one rule, valid unless ``changes`` break it."""
    fields = {"code": "U001", "name": "x", "severity": "error", "summary": "s", "path": "a",
              "check": "{required: true}", **changes}  # fmt: skip
    return "rules:\n  - {" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}\n"


@pytest.mark.parametrize(
    ("pack", "message"),
    [
        ("rules: [{code: R1}]\n", "rule 1 (R1): name: missing"),
        (one_rule(code="R1"), "rule 1 (R1): code: 'R1' is not a letter and three digits"),
        (one_rule(severity="fatal"), "severity: 'fatal' is not error, warning or info"),
        (one_rule(check="{pattern: '('}"), "check.pattern: not a regular expression"),
        (one_rule(check="{too-long: 3}"), "check.too-long: unknown condition"),
        (one_rule(message="'{colour} is wrong'"), "message: unknown field {colour}"),
        (one_rule(colour="red"), "colour: unknown key"),
        (
            one_rule(code="T001"),
            "hospital.yaml: rule 'T001' is defined twice (a rule pack cannot redefine a rule)",
        ),
        ("misspellings: {a: b}\n", "a rule pack needs a top-level 'rules:' list"),
        ("rules: [\n", "hospital.yaml:2:1:"),
        ("rules: []  # caf\xe9\n", "hospital.yaml:1:17: byte 0xe9 is not valid UTF-8"),
        ("rules: []  # \x07\n", "hospital.yaml:1:14: character U+0007 is not allowed in YAML"),
    ],
)
def test_a_malformed_pack_is_a_one_line_error(project, capsys, pack, message):
    (project / "packs" / "hospital.yaml").write_bytes(pack.encode("latin-1"))
    code, findings, err = lint(capsys, "--rule-pack", "packs", "r.yaml")
    assert (code, findings) == (2, [])
    assert err.startswith("trialint: error: ") and err.count("\n") == 1
    assert message in err


def test_a_missing_pack_path(project, capsys):
    code, _, err = lint(capsys, "--rule-pack", "nowhere", "r.yaml")
    assert code == 2 and "nowhere: no such rule pack file or folder" in err


def test_paths_with_wildcards_reach_every_entry(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(
        textwrap.dedent("""\
            rules:
              - {code: U001, name: short-labels, severity: warning, summary: s,
                 path: "protocolSection.armsInterventionsModule.armGroups[].label",
                 check: {max-length: 12}}
        """),
        encoding="utf-8",
    )
    [rule] = load_pack(pack)
    from trialint.lint.engine import Context
    from trialint.lint.record import Record

    record = Record({"protocolSection": {"armsInterventionsModule": {"armGroups": [
        {"label": "Short"}, {"label": "A rather long label"}, {"label": "Also too long!"},
    ]}}})  # fmt: skip
    hits = list(rule.check(record, Context(today=TODAY)))
    assert [hit.path[-2] for hit in hits] == [1, 2]
    assert hits[0].message == "label is longer than 12 characters"


def test_the_bundled_packs_load(tmp_path):
    from trialint.lint.catalog import all_rules

    assert all_rules().get("L001").name == "brief-title-too-long"
    with pytest.raises(RulePackError):
        load_pack(GOOD_RECORD)  # a record is not a pack
