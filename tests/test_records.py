"""The bundled records: each defect ../shared/seeds/README.md lists is reported by the right
rule at the right line (the full output is the snapshot in test_cli.py)."""

from __future__ import annotations

from datetime import date

import pytest

from trialint.lint.engine import Context
from trialint.lint.runner import Linter

from conftest import REPO, position_of

RECORDS = REPO / "records"
# (file, rule, the text on the line the finding is at, what the seeds' README says)
SEED_DEFECTS = [
    ("NCT04711200.yaml", "A001", 'description: ""', "empty arm description"),
    ("NCT04711200.yaml", "C003", "Carrrier", "contact name 'Carrrier' vs e-mail 'carrier'"),
    ("NCT04711200.yaml", "C001", "affiliation: saskia.oro@aphp.fr", "an e-mail as affiliation"),
    ("NCT04711200.yaml", "C002", 'phoneExt: "+33"', "phone 'Ext' holding a country code"),
    ("NCT04711200.yaml", "I003", 'id: "NCT04711200"', "the NCT number as protocol id"),
    ("NCT02213705.yaml", "T002", "Sever Systemic", "'Sever' for 'Severe' in the title"),
    ("NCT02213705.yaml", "D023", "hasResults: false", "completed 2022-06-16 with no results"),
    ("NCT02213705.yaml", "S006", "conditions: []", "empty conditions"),
    ("NCT02213705.yaml", "O001", "protocolSection:", "no outcome measures"),
    ("NCT05947682.yaml", "D015", "overallStatus: UNKNOWN", "status UNKNOWN"),
    ("NCT05947682.yaml", "T001", "Epsiten", "'Epsiten Barr Virus'"),
    ("NCT03562065.yaml", "D015", "overallStatus: UNKNOWN", "UNKNOWN after its completion date"),
    ("NCT03562065.yaml", "T010", "1.10\\^6 CSM", "'1.10^6' for 1x10^6"),
    ("NCT03562065.yaml", "T011", "CSM / kg", "the French acronym CSM for MSC"),
    ("NCT03562065.yaml", "T005", "belimumab within 2 months of belimumab", "duplicated phrase"),
]


@pytest.fixture(scope="module")
def findings():
    return Linter(Context(today=date(2026, 11, 23))).lint_paths([str(RECORDS)]).findings


@pytest.mark.parametrize(("name", "code", "text", "defect"), SEED_DEFECTS)
def test_each_seed_defect_is_reported_where_it_is(findings, name, code, text, defect):
    line, _ = position_of((RECORDS / name).read_text(encoding="utf-8"), text)
    hits = [f for f in findings if f.path.endswith(name) and f.rule.code == code]
    assert line in {f.line for f in hits}, f"{defect}: no {code} on line {line} of {name}"


def test_the_unknown_status_after_completion_is_one_finding_that_says_both(findings):
    [finding] = [f for f in findings if f.path.endswith("NCT03562065.yaml") and f.code[0] == "D"]
    assert "UNKNOWN" in finding.message and "2024-06-01 has passed" in finding.message


def test_the_consistent_phases_of_nct04711200_are_not_reported(findings):
    # The page's header shows "Phase 1", its design "Phase 1, Phase 2" and its title "Phase
    # 1-2": the record holds the design's [PHASE1, PHASE2], which agrees with the title.
    assert not [f for f in findings if f.path.endswith("NCT04711200.yaml") and f.code[0] == "P"]


# Under .ci/, not at the default name beside pyproject.toml: the quick start's `trialint lint
# records/` shows the records' defects, as a new user expects.
BASELINE = REPO / ".ci" / "records-baseline.json"


def test_the_committed_baseline_lists_the_records_defects_now(capsys, monkeypatch):
    from trialint import cli

    monkeypatch.chdir(REPO)
    assert cli.main(["baseline", "--today", "2026-11-23", "records/"]) == 0
    assert capsys.readouterr().out == BASELINE.read_text(encoding="utf-8"), (
        "records changed: regenerate with trialint baseline --today 2026-11-23 records/ "
        "> .ci/records-baseline.json"
    )


def test_with_the_baseline_a_new_defect_fails_and_the_known_ones_do_not(
    tmp_path, monkeypatch, capsys
):
    import shutil

    from trialint import cli

    shutil.copytree(RECORDS, tmp_path / "records")
    shutil.copy(BASELINE, tmp_path / BASELINE.name)
    monkeypatch.chdir(tmp_path)
    args = ["lint", "--today", "2026-11-23", "--baseline", BASELINE.name, "records/"]
    assert cli.main(args) == 0
    record = tmp_path / "records" / "NCT05947682.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("sex: ALL", "sex: Both"), encoding="utf-8"
    )
    capsys.readouterr()
    assert cli.main(args) == 1
    assert "S003 'Both' is not a valid sex" in capsys.readouterr().out
