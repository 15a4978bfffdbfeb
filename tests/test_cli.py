"""The command line: exit codes, output formats, colour, errors on one line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from trialint import cli
from trialint.document.load import load_file
from trialint.lint.outcome import LintResult
from trialint.report import ReportOptions, reporter

from conftest import GOOD_RECORD, REPO, TODAY

SNAPSHOTS = REPO / "tests" / "snapshots"
GOOD = GOOD_RECORD.read_text(encoding="utf-8")


def run(capsys, *args: str) -> tuple[int, str, str]:
    """The CLI's exit code and output; ``lint`` runs with the tests' fixed reference date."""
    if args and args[0] == "lint":
        args = ("lint", "--today", TODAY.isoformat(), *args[1:])
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_clean_records_exit_0(capsys, tmp_path):
    code, out, err = run(capsys, "lint", write(tmp_path, "good.yaml", GOOD))
    assert code == 0
    assert out == "All checks passed! (1 file, 1 study)\n"
    assert err == ""


def test_findings_exit_1(capsys, tmp_path):
    bad = write(tmp_path, "bad.yaml", GOOD.replace("sex: ALL", "sex: Both"))
    code, out, _ = run(capsys, "lint", bad)
    assert code == 1
    assert f"{bad}:101:10: S003 'Both' is not a valid sex; did you mean 'ALL'?" in out
    assert out.endswith("Found 1 finding (1 error) in 1 file, 1 study.\n")


@pytest.mark.parametrize(
    ("depth", "message"),
    [
        (300, "values nested too deeply to check"),  # read, but deeper than the schema's reader
        (5_000, "values nested too deeply to read"),
    ],
)
def test_json_nested_deeply_is_a_finding_and_the_rest_is_checked(capsys, tmp_path, depth, message):
    record = load_file(GOOD_RECORD).studies[0].data
    record["protocolSection"]["x"] = "here"
    text = json.dumps(record, indent=2).replace('"here"', "[" * depth + "]" * depth)
    deep = write(tmp_path, "deep.json", text)
    bad = write(tmp_path, "bad.yaml", GOOD.replace("sex: ALL", "sex: Both"))
    code, out, err = run(capsys, "lint", deep, bad)
    assert (code, err) == (1, "")
    assert f"{deep}:1:1: F008 {message}" in out
    assert f"{bad}:101:10: S003 " in out


@pytest.mark.parametrize("command", ["lint", "diff"])
def test_a_report_that_cannot_be_written_is_a_one_line_error(capsys, tmp_path, command):
    good = write(tmp_path, "NCT01234567.yaml", GOOD)
    report = tmp_path / "no-such-folder" / "report.json"
    paths = [good] if command == "lint" else [good, good]
    code, _, err = run(capsys, command, "--output-format", "json", "--output", str(report), *paths)
    assert (code, err) == (2, f"trialint: error: {report}: No such file or directory\n")


def test_a_folder_without_records_passes_with_a_warning(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("not a record", encoding="utf-8")
    code, out, err = run(capsys, "lint", str(tmp_path))
    assert (code, out) == (0, "All checks passed! (0 files, 0 studies)\n")
    assert err == f"trialint: warning: no record files (*.yaml, *.yml, *.json) in {tmp_path}\n"


def test_a_missing_path_is_an_error_but_the_rest_is_checked(capsys, tmp_path):
    bad = write(tmp_path, "bad.yaml", GOOD.replace("sex: ALL", "sex: Both"))
    code, out, err = run(capsys, "lint", str(tmp_path / "nope.yaml"), bad)
    assert code == 2
    assert "S003" in out
    assert err == f"trialint: error: {tmp_path / 'nope.yaml'}: no such file or folder\n"


@pytest.mark.parametrize("args", [["lint", "--output-format", "xml"], ["frobnicate"], []])
def test_usage_errors_exit_2_on_one_line(capsys, args):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("trialint: error: ") and err.count("\n") == 1


def test_an_internal_error_is_one_line_and_other_files_are_still_checked(
    capsys, tmp_path, monkeypatch
):
    from trialint.lint import runner

    real_load = runner.load_bytes

    def flaky(data, name, fmt):
        if name.endswith("a.yaml"):
            raise ValueError("boom")
        return real_load(data, name, fmt)

    monkeypatch.setattr(runner, "load_bytes", flaky)
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD.replace("sex: ALL", "sex: Both"))
    code, out, err = run(capsys, "lint", str(tmp_path))
    assert code == 2
    assert "S003" in out
    assert err.count("\n") == 1
    assert "a.yaml: internal error: ValueError: boom" in err


@pytest.mark.parametrize("flag", ["--output-format", "--format"])
def test_json_output_is_the_documented_list(capsys, tmp_path, flag):
    text = GOOD.replace("sex: ALL", "sex: Both").replace("count: 120", "count: lots")
    bad = write(tmp_path, "bad.yaml", text)
    code, out, _ = run(capsys, "lint", flag, "json", bad)
    assert code == 1
    findings = json.loads(out)
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [
        ("S002", 64, 14),
        ("S003", 101, 10),
    ]
    assert findings[1] == {
        "file": bad,
        "line": 101,
        "column": 10,
        "end_line": 101,
        "end_column": 14,
        "code": "S003",
        "rule": "invalid-enum-value",
        "severity": "error",
        "message": "'Both' is not a valid sex; did you mean 'ALL'? (allowed: FEMALE, MALE, ALL)",
        "pointer": "/protocolSection/eligibilityModule/sex",
        "study": "NCT01234567",
        "fix": None,
        "related": [],
    }


def test_json_output_names_the_other_side_of_a_contradiction(capsys, tmp_path):
    # A COMPLETED study whose completion date is still ESTIMATED (D005): the finding is at the
    # date's type, and its related location is the status it contradicts.
    text = GOOD.replace(
        'date: "2023-12-15"\n      type: ACTUAL', 'date: "2023-12-15"\n      type: ESTIMATED'
    )
    bad = write(tmp_path, "bad.yaml", text)
    code, out, _ = run(capsys, "lint", "--format", "json", "--select", "D005", bad)
    assert code == 1
    [finding] = json.loads(out)
    assert (finding["code"], finding["line"], finding["column"]) == ("D005", 23, 13)
    assert finding["related"] == [
        {"pointer": "/protocolSection/statusModule/overallStatus", "line": 14, "column": 20}
    ]


def test_json_output_of_a_clean_run_is_an_empty_list(capsys, tmp_path):
    code, out, _ = run(capsys, "lint", "--format", "json", write(tmp_path, "g.yaml", GOOD))
    assert (code, json.loads(out)) == (0, [])


# The day the bundled records' snapshot was taken: rules about time read it, not the clock.
RECORDS_TODAY = "2026-11-23"


def test_text_output_snapshot_of_the_bundled_records(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    code = cli.main(["lint", "--today", RECORDS_TODAY, "records/"])
    out = capsys.readouterr().out
    snapshot = SNAPSHOTS / "lint_records.txt"
    if os.environ.get("TRIALINT_UPDATE_SNAPSHOTS"):
        snapshot.write_text(out, encoding="utf-8")
    assert code == 1
    assert out == snapshot.read_text(encoding="utf-8")


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.use_color(FakeTty()) is True
    assert cli.use_color(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.use_color(FakeTty()) is False


def test_coloured_text_differs_only_by_escape_codes(linter, tmp_path):
    import re

    result: LintResult = linter.lint_paths(
        [write(tmp_path, "bad.yaml", GOOD.replace("sex: ALL", "sex: Both"))]
    )
    plain, coloured = io.StringIO(), io.StringIO()
    reporter("text")(result, plain, ReportOptions(color=False))
    reporter("text")(result, coloured, ReportOptions(color=True))
    assert "\x1b[" not in plain.getvalue()
    assert "\x1b[" in coloured.getvalue()
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue()) == plain.getvalue()


def test_python_dash_m_runs_the_cli(tmp_path):
    path = write(tmp_path, "good.yaml", GOOD)
    done = subprocess.run(
        [sys.executable, "-m", "trialint", "lint", "--today", TODAY.isoformat(), path],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("All checks passed!")


def test_folders_are_searched_for_records_and_hidden_folders_skipped(capsys, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    write(tmp_path / "sub", "a.yml", GOOD)
    write(tmp_path / "sub", "notes.txt", "not a record")
    write(tmp_path / ".git", "config.yaml", "not: [valid")
    code, out, _ = run(capsys, "lint", str(tmp_path))
    assert (code, out) == (0, "All checks passed! (1 file, 1 study)\n")


def test_text_names_the_study_when_a_file_holds_several(capsys, tmp_path):
    from trialint.document.yaml12 import parse_yaml

    good = parse_yaml(GOOD).documents[0]
    bad = json.loads(json.dumps(good))
    bad["protocolSection"]["identificationModule"]["nctId"] = "NCT07654321"
    bad["protocolSection"]["eligibilityModule"]["sex"] = "Both"
    page = write(tmp_path, "page.json", json.dumps({"studies": [good, bad]}, indent=1))
    code, out, _ = run(capsys, "lint", page)
    assert code == 1
    assert ": S003 [NCT07654321] 'Both' is not a valid sex" in out
    assert out.endswith("in 1 file, 2 studies.\n")


def test_rules_lists_every_rule_as_text_and_json(capsys):
    from trialint.lint.catalog import all_rules

    code, out, _ = run(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(all_rules())
    assert lines[0].split()[:3] == ["A001", "arm-without-description", "warning"]
    code, out, _ = run(capsys, "rules", "--output-format", "json")
    rules = json.loads(out)
    assert {r["code"] for r in rules} == {r.code for r in all_rules()}
    t002 = next(r for r in rules if r["code"] == "T002")
    assert t002["name"] == "real-word-error" and t002["severity"] == "warning"
    assert "Sever" in t002["examples"]["fails"][0]


@pytest.mark.parametrize("name", ["T002", "t002", "real-word-error"])
def test_explain_by_code_or_name(capsys, name):
    code, out, _ = run(capsys, "explain", name)
    assert code == 0
    assert out.startswith("T002 real-word-error (warning)\n\n")
    assert "\nWhy\n" in out and "\nFails\n" in out and "\nPasses\n" in out
    assert "Refractory Sever Systemic Sclerosis" in out


def test_explain_an_unknown_rule_suggests_one(capsys):
    code, out, err = run(capsys, "explain", "T0002")
    assert (code, out) == (2, "")
    assert err == "trialint: error: no rule 'T0002'; did you mean 'T002'?\n"


def test_a_finding_with_a_fix_shows_it(capsys, tmp_path):
    text = GOOD.replace("briefTitle: Exercise", "briefTitle: Assesment of")
    bad = write(tmp_path, "typo.yaml", text)
    code, out, _ = run(capsys, "lint", bad)
    assert code == 1
    assert "T001 'Assesment' is misspelled; write 'Assessment'" in out
    assert "   = help: replace 'Assesment' with 'Assessment'\n" in out
    code, out, _ = run(capsys, "lint", "--format", "json", bad)
    [finding] = json.loads(out)
    assert finding["fix"] == {
        "message": "replace 'Assesment' with 'Assessment'",
        "old": "Assesment",
        "new": "Assessment",
        "safe": True,
        "applicable": True,
    }


def test_today_must_be_a_date(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["lint", "--today", "yesterday", "."])
    assert exit_info.value.code == 2
    assert "not a date (YYYY-MM-DD): 'yesterday'" in capsys.readouterr().err


def test_selecting_history_rules_in_lint_says_where_they_run(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    code = cli.main(["lint", "--today", RECORDS_TODAY, "--select", "H001", "records/"])
    err = capsys.readouterr().err
    assert code == 0
    assert err == (
        "trialint: note: H001: history rules compare two versions of a record; run them with "
        "trialint diff --lint OLD NEW\n"
    )


def test_a_report_written_into_the_folder_being_linted_is_not_read_as_a_record(capsys, tmp_path):
    """Reports stream as files are checked, but --output is written only at the end: the run
    never finds its own half-written report among the records."""
    bad = write(tmp_path, "a.yaml", GOOD.replace("sex: ALL", "sex: Both"))
    report = tmp_path / "report.json"
    code, _, err = run(capsys, "lint", "--output-format", "json", "--output", str(report),
                       str(tmp_path))  # fmt: skip
    assert (code, err) == (1, "")
    assert [(f["file"], f["code"]) for f in json.loads(report.read_text("utf-8"))] == [
        (bad, "S003")
    ]


def test_a_one_file_run_imports_only_what_checking_one_file_needs(tmp_path):
    """A pre-commit hook starts trialint for the file or two a commit changed: importing the
    machinery of large runs, git, zips, configuration files or other report formats (about 30
    ms of a 0.2 s run) is left to the runs that use it (bench/one_file.py measures the run).
    The record is copied out of this repository, whose pyproject.toml configures trialint."""
    record = tmp_path / GOOD_RECORD.name
    record.write_bytes(GOOD_RECORD.read_bytes())
    deferred = [
        "concurrent.futures", "zipfile", "subprocess", "tempfile", "hashlib", "tomllib",
        "trialint.sources.git", "trialint.sources.zips", "trialint.report.sarif",
        "trialint.report.text", "trialint.diff.compare", "trialint.fix",
        "trialint.document.stream",
    ]  # fmt: skip
    script = (
        "import contextlib, io, sys\n"
        "from trialint import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    cli.main(['lint', '--output-format', 'json', {str(record)!r}])\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    imported = set(done.stdout.split())
    assert "trialint.lint.runner" in imported
    assert [name for name in deferred if name in imported] == []
