"""Configuration like ruff's: [tool.trialint] or .trialint.toml, the command line winning."""

from __future__ import annotations

import pytest

from conftest import GOOD_RECORD, lint_json

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
# Three findings of three families: S003 (line 101), T001 (line 10) and A001 (line 72).
BAD = (
    GOOD.replace("sex: ALL", "sex: Both")
    .replace("briefTitle: Exercise Training", "briefTitle: Exercise Trainning Assesment")
    .replace("        description: Three supervised exercise sessions a week for 12 weeks.\n", "")
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A registry folder with one record; the tests run from it."""
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "r.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


lint = lint_json


def codes(findings: list[dict]) -> list[str]:
    return sorted({f["code"] for f in findings})


def test_without_configuration_every_rule_runs(project, capsys):
    code, findings, _ = lint(capsys, "records")
    assert (code, codes(findings)) == (1, ["A001", "S003", "T001"])


def test_select_and_ignore_from_pyproject(project, capsys):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "registry"\n\n[tool.trialint]\nselect = ["S", "T"]\n'
        'ignore = ["misspelling"]\n',
        encoding="utf-8",
    )
    code, findings, _ = lint(capsys, "records")
    assert (code, codes(findings)) == (1, ["S003"])


def test_the_command_line_wins(project, capsys):
    (project / "pyproject.toml").write_text('[tool.trialint]\nselect = ["S"]\n', encoding="utf-8")
    assert codes(lint(capsys, "--select", "T,A", "records")[1]) == ["A001", "T001"]
    assert codes(lint(capsys, "--extend-select", "A", "records")[1]) == ["A001", "S003"]
    assert codes(lint(capsys, "--ignore", "S003", "records")[1]) == []


def test_the_more_specific_selector_wins(project, capsys):
    assert codes(lint(capsys, "--select", "T001", "--ignore", "T", "records")[1]) == ["T001"]
    assert codes(lint(capsys, "--select", "T", "--ignore", "T001", "records")[1]) == []


def test_a_dedicated_file_in_a_parent_folder_is_found(project, capsys, monkeypatch):
    (project / ".trialint.toml").write_text('select = ["A"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "records")
    assert codes(lint(capsys, "r.yaml")[1]) == ["A001"]


def test_severity_per_rule_and_fail_on(project, capsys):
    (project / ".trialint.toml").write_text(
        'select = ["T"]\nfail-on = "error"\n\n[severity]\nT001 = "error"\n', encoding="utf-8"
    )
    code, findings, _ = lint(capsys, "records")
    assert code == 1
    assert {f["severity"] for f in findings} == {"error"}
    (project / ".trialint.toml").write_text('select = ["T"]\nfail-on = "error"\n')
    code, findings, _ = lint(capsys, "records")
    assert (code, {f["severity"] for f in findings}) == (0, {"warning"})
    code, _, _ = lint(capsys, "--fail-on", "warning", "records")
    assert code == 1


def test_per_file_ignores(project, capsys):
    (project / "records" / "legacy").mkdir()
    (project / "records" / "legacy" / "old.yaml").write_text(BAD, encoding="utf-8")
    (project / ".trialint.toml").write_text(
        '[per-file-ignores]\n"records/legacy/*.yaml" = ["S003", "arm-without-description"]\n',
        encoding="utf-8",
    )
    _, findings, _ = lint(capsys, "records")
    by_file = {(f["file"].replace("\\", "/"), f["code"]) for f in findings}
    assert ("records/legacy/old.yaml", "T001") in by_file
    assert ("records/legacy/old.yaml", "S003") not in by_file
    assert ("records/legacy/old.yaml", "A001") not in by_file
    assert ("records/r.yaml", "S003") in by_file


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selec = ["S"]\n', "selec: unknown key; did you mean 'select'?"),
        ('select = ["Q9"]\n', "select: no rule 'Q9'"),
        ('ignore = ["misspeling"]\n', "ignore: no rule 'misspeling'; did you mean 'misspelling'?"),
        ('[severity]\nT001 = "fatal"\n', "'fatal' is not a severity (error, warning or info)"),
        ('fail-on = "high"\n', "fail-on: 'high' is not a severity"),
        ('select = "S"\n', "select: must be a list of rule codes, prefixes or names"),
        ("select = [\n", "not valid TOML"),
        ('baseline = "base\\u0000.json"\n', "baseline: must be a file path"),
        ('rule-packs = ["packs\\u0000"]\n', "rule-packs: must be a list of files or folders"),
        ("words = " + "9" * 5000 + "\n", "not valid TOML: a number too long to read"),
        ("x = " + "[" * 5000 + "]" * 5000 + "\n", "not valid TOML: values nested too deeply"),
    ],
)
def test_a_misconfiguration_is_a_one_line_error(project, capsys, content, message):
    (project / ".trialint.toml").write_text(content, encoding="utf-8")
    code, findings, err = lint(capsys, "records")
    assert (code, findings) == (2, [])
    assert err.startswith("trialint: error: ") and err.count("\n") == 1
    assert ".trialint.toml" in err
    assert message in err


def test_a_trialint_entry_of_tool_that_is_not_a_table_is_an_error(project, capsys):
    (project / "pyproject.toml").write_text("[tool]\ntrialint = 5\n", encoding="utf-8")
    code, findings, err = lint(capsys, "records")
    assert (code, findings) == (2, [])
    assert err == (
        f"trialint: error: {project / 'pyproject.toml'}: [tool.trialint] must be a table of "
        "settings, not 5\n"
    )


def test_a_pyproject_that_names_trialint_elsewhere_is_not_a_configuration(project, capsys):
    (project / "pyproject.toml").write_text(
        '[project.scripts]\ntrialint = "trialint.cli:main"\n[tool.other]\nx = 1\n',
        encoding="utf-8",
    )
    code, _, err = lint(capsys, "records")
    assert (code, err) == (1, "")  # the records' findings, with every rule: no configuration


def test_pyproject_errors_name_the_table(project, capsys):
    (project / "pyproject.toml").write_text('[tool.trialint]\nignor = ["T"]\n', encoding="utf-8")
    code, _, err = lint(capsys, "records")
    assert code == 2
    assert "pyproject.toml: [tool.trialint] ignor: unknown key; did you mean 'ignore'?" in err


def test_another_projects_pyproject_in_latin1_is_passed_over(project, capsys):
    (project / "pyproject.toml").write_bytes(b'[project]\nname = "caf\xe9"\n')
    code, findings, err = lint(capsys, "records")
    assert (code, codes(findings), err) == (1, ["A001", "S003", "T001"], "")


def test_a_trialint_config_not_in_utf8_is_a_one_line_error(project, capsys):
    (project / "pyproject.toml").write_bytes(b'[tool.trialint]\n# caf\xe9\nselect = ["T"]\n')
    code, findings, err = lint(capsys, "records")
    assert (code, findings) == (2, [])
    assert err.startswith(f"trialint: error: {project / 'pyproject.toml'}: not valid TOML: ")
    assert err.count("\n") == 1


def test_an_explicit_config_file(project, capsys):
    (project / "strict.toml").write_text('select = ["T001"]\n', encoding="utf-8")
    assert codes(lint(capsys, "--config", "strict.toml", "records")[1]) == ["T001"]
    code, _, err = lint(capsys, "--config", "missing.toml", "records")
    assert code == 2 and "missing.toml: cannot read" in err


def test_an_unknown_selector_on_the_command_line(project, capsys):
    code, _, err = lint(capsys, "--select", "T0001", "records")
    assert code == 2
    assert err == "trialint: error: --select: no rule 'T0001'; did you mean 'T001'?\n"
    (project / ".trialint.toml").write_text('select = ["S"]\n', encoding="utf-8")
    code, _, err = lint(capsys, "--ignore", "T0001", "records")
    assert err == "trialint: error: --ignore: no rule 'T0001'; did you mean 'T001'?\n"
