"""``trialint diff`` from the command line: inputs, levels shown, formats, exit codes, git."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from trialint.cli import main

from conftest import GOOD_RECORD, REPO, SHARED, needs_shared

OLD = REPO / "snapshots" / "2022-05-02" / "NCT04711200.yaml"
NEW = REPO / "records" / "NCT04711200.yaml"
GOOD = GOOD_RECORD.read_text(encoding="utf-8")
SNAPSHOTS = Path(__file__).parent / "snapshots"


def diff(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def pair(tmp_path: Path, new_text: str, old_text: str = GOOD) -> tuple[Path, Path]:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old, new = tmp_path / "old" / "NCT01234567.yaml", tmp_path / "new" / "NCT01234567.yaml"
    old.write_text(old_text, encoding="utf-8")
    new.write_text(new_text, encoding="utf-8")
    return old, new


def test_the_two_versions_of_nct04711200_as_text(capsys):
    code, out, err = diff(capsys, OLD.relative_to(REPO), NEW.relative_to(REPO))
    assert (code, err) == (1, "")
    assert out == (
        "NCT04711200  snapshots/2022-05-02/NCT04711200.yaml → records/NCT04711200.yaml\n"
        "  major\n"
        "    statusModule  overallStatus  changed\n"
        "      NOT_YET_RECRUITING → RECRUITING\n"
        "  minor\n"
        '    contactsLocationsModule  locations[facility="Henri Mondor"]  added\n'
        "      + {facility: Henri Mondor, status: RECRUITING, city: Créteil, country: France}\n"
        "\n"
        "1 study changed, 0 unchanged. 2 changes: 1 major, 1 minor; 1 added, 1 changed; "
        "1 administrative change not shown.\n"
    )


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def test_markdown_snapshot(capsys, in_repo, monkeypatch):
    code, out, _ = diff(capsys, "--output-format", "markdown", OLD.relative_to(REPO),
                        NEW.relative_to(REPO))  # fmt: skip
    assert code == 1
    expected = SNAPSHOTS / "diff_NCT04711200.md"
    if os.environ.get("TRIALINT_UPDATE_SNAPSHOTS"):
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")


def test_json_lines_one_event_each(capsys):
    code, out, _ = diff(capsys, "--format", "json", OLD, NEW)
    events = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [(e["type"], e["study"], e["module"], e["path"], e["kind"], e["significance"])
            for e in events] == [
        ("change", "NCT04711200", "statusModule", "overallStatus", "changed", "major"),
        ("change", "NCT04711200", "contactsLocationsModule",
         'locations[facility="Henri Mondor"]', "added", "minor"),
    ]  # fmt: skip
    assert events[0]["old"] == "NOT_YET_RECRUITING" and events[0]["new"] == "RECRUITING"
    assert events[0]["new_origin"] == str(NEW)


def test_no_change_exits_0(capsys):
    code, out, _ = diff(capsys, NEW, NEW)
    assert (code, out) == (0, "No change (1 study compared).\n")


def test_only_administrative_changes_are_hidden_and_exit_0(capsys, tmp_path):
    posted = 'lastUpdatePostDateStruct:\n      date: "2024-03-'
    old, new = pair(tmp_path, edit(GOOD, posted + '12"', posted + '14"'))
    code, out, _ = diff(capsys, old, new)
    assert code == 0
    assert out == "No change (1 study compared); 1 administrative change not shown.\n"
    code, out, _ = diff(capsys, "--show-administrative", old, new)
    assert code == 1
    assert "  administrative\n    statusModule  lastUpdatePostDateStruct.date  changed\n" in out


def test_fail_on_major_ignores_minor_changes(capsys, tmp_path):
    old, new = pair(
        tmp_path,
        edit(
            GOOD,
            "      - total knee replacement\n",
            "      - total knee replacement\n      - rehabilitation\n",
        ),
    )
    assert diff(capsys, old, new)[0] == 1
    assert diff(capsys, "--fail-on", "major", old, new)[0] == 0
    code, out, _ = diff(capsys, "--only", "major", old, new)
    assert (code, out) == (0, "No change (1 study compared); 1 minor change not shown.\n")


def test_only_keeps_one_level(capsys):
    code, out, _ = diff(capsys, "--only", "minor", OLD, NEW)
    assert code == 1
    assert "overallStatus" not in out and "Henri Mondor" in out
    assert out.endswith(
        "\n1 study changed, 0 unchanged. 1 change: 1 minor; 1 added; "
        "1 major, 1 administrative changes not shown.\n"
    )


def test_folders_match_studies_by_nct_id_and_report_added_and_removed(capsys, tmp_path):
    old_dir, new_dir = tmp_path / "a", tmp_path / "b"
    old_dir.mkdir()
    new_dir.mkdir()
    shutil.copy(NEW, old_dir / "any-name.yaml")
    shutil.copy(NEW, new_dir / "NCT04711200.yaml")  # same study, another file name
    shutil.copy(GOOD_RECORD, old_dir / "NCT01234567.yaml")
    shutil.copy(REPO / "records" / "NCT02213705.yaml", new_dir / "NCT02213705.yaml")
    code, out, _ = diff(capsys, "--format", "json", old_dir, new_dir)
    events = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert sorted((e["study"], e["kind"], e["significance"]) for e in events) == [
        ("NCT01234567", "removed", "major"),
        ("NCT02213705", "added", "major"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["records/NCT04711200.yaml"], "diff needs two paths, OLD and NEW (got 1), or --rev A..B"),
        (["records/NCT04711200.yaml", "nowhere.yaml"], "nowhere.yaml: no such file or folder"),
    ],
)
def test_errors_are_one_line_and_exit_2(capsys, in_repo, args, message):
    code, out, err = diff(capsys, *args)
    assert (code, out, err) == (2, "", f"trialint: error: {message}\n")


def test_an_unreadable_file_is_an_error_but_the_diff_goes_on(capsys, tmp_path):
    old, new = pair(tmp_path, edit(GOOD, "overallStatus: COMPLETED", "overallStatus: TERMINATED"))
    (tmp_path / "new" / "NCT09999999.yaml").write_text("a: [unclosed\n", encoding="utf-8")
    code, out, err = diff(capsys, old.parent, new.parent)
    assert code == 2
    assert "overallStatus" in out
    assert err.startswith("trialint: error: ")
    assert "NCT09999999.yaml:" in err


def test_a_study_whose_new_file_cannot_be_read_is_not_called_removed(capsys, tmp_path):
    old, new = pair(tmp_path, "protocolSection: [\n")
    code, out, err = diff(capsys, old.parent, new.parent)
    assert code == 2
    assert out == (
        f"not compared: {new} cannot be read, and may hold NCT01234567\n\n"
        "No change (0 studies compared); 1 study not compared (a file cannot be read).\n"
    )
    assert err.startswith(f"trialint: error: {new}:2:1: F001 ")
    code, out, _ = diff(capsys, "--output-format", "json", old.parent, new.parent)
    assert [json.loads(line) for line in out.splitlines()] == [
        {"type": "not_compared", "study": "NCT01234567", "old_origin": str(old),
         "new_origin": str(new), "unreadable": str(new), "from": str(old.parent),
         "to": str(new.parent)}
    ]  # fmt: skip
    code, out, _ = diff(capsys, "--output-format", "markdown", old.parent, new.parent)
    assert f"**Not compared**\n\n- {new} cannot be read, and may hold NCT01234567\n" in out


def test_a_truncated_archive_hides_every_study_and_text_lists_ten(capsys, tmp_path):
    studies = {f"NCT{n:08d}": edit(GOOD, "NCT01234567", f"NCT{n:08d}") for n in range(1, 13)}
    with zipfile.ZipFile(tmp_path / "old.zip", "w") as archive:
        for nct, text in studies.items():
            archive.writestr(f"ctg/{nct}.yaml", text)
    (tmp_path / "new.zip").write_bytes((tmp_path / "old.zip").read_bytes()[:200])
    code, out, err = diff(capsys, tmp_path / "old.zip", tmp_path / "new.zip")
    assert code == 2
    assert err == (f"trialint: error: {tmp_path / 'new.zip'}: cannot read the zip archive: "
                   "File is not a zip file\n")  # fmt: skip
    listed = ", ".join(list(studies)[:10])
    assert out == (
        f"not compared: {tmp_path / 'new.zip'} cannot be read, and may hold 12 studies: "
        f"{listed} and 2 more (the JSON output lists them)\n\n"
        "No change (0 studies compared); 12 studies not compared (a file cannot be read).\n"
    )
    code, out, _ = diff(
        capsys, "--output-format", "json", tmp_path / "old.zip", tmp_path / "new.zip"
    )
    assert [json.loads(line)["study"] for line in out.splitlines()] == list(studies)


def test_output_file_gets_the_format_and_stdout_the_text(capsys, tmp_path):
    report = tmp_path / "diff.md"
    code, out, _ = diff(capsys, "--output-format", "markdown", "--output", report, OLD, NEW)
    assert code == 1
    assert out.startswith("NCT04711200  ")
    assert report.read_text(encoding="utf-8").startswith("### NCT04711200 (MAJOR)")


# --- git revisions ---------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True,
                          text=True)  # fmt: skip
    return done.stdout


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A registry under git: the good record, then its completion date slipping twice."""
    root = tmp_path / "registry"
    (root / "records").mkdir(parents=True)
    record = root / "records" / "NCT01234567.yaml"
    git(root, "init", "-q")
    text = GOOD
    for message, change in [
        ("first", None),
        ("slip", ("completionDateStruct:\n      date: \"2023-12-15\"",
                  "completionDateStruct:\n      date: \"2024-06-15\"")),
        ("slip again", ("completionDateStruct:\n      date: \"2024-06-15\"",
                        "completionDateStruct:\n      date: \"2024-12-15\"")),
    ]:  # fmt: skip
        if change:
            text = edit(text, *change)
        record.write_text(text, encoding="utf-8")
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", message)
    monkeypatch.chdir(root)
    return root


@needs_git
def test_rev_range_reads_git_without_touching_the_work_tree(capsys, history):
    (history / "records" / "NCT01234567.yaml").write_text("not: [yaml\n", encoding="utf-8")
    code, out, err = diff(capsys, "--format", "json", "--rev", "HEAD~2..HEAD", "records")
    events = [json.loads(line) for line in out.splitlines()]
    assert (code, err) == (1, "")
    assert [(e["module"], e["path"], e["kind"], e["old"], e["new"], e["note"]) for e in events] == [
        ("statusModule", "completionDateStruct", "changed",
         {"date": "2023-12-15", "type": "ACTUAL"}, {"date": "2024-12-15", "type": "ACTUAL"},
         "completion date slipped 366 days"),
    ]  # fmt: skip
    assert events[0]["old_origin"] == "HEAD~2:records/NCT01234567.yaml"


@needs_git
def test_lint_over_a_range_sees_every_commit_in_between(capsys, history):
    code, out, _ = diff(capsys, "--format", "json", "--lint", "--rev", "HEAD~2..HEAD")
    findings = [e for e in map(json.loads, out.splitlines()) if e["type"] == "finding"]
    assert code == 1
    assert [(f["code"], f["file"], f["line"]) for f in findings] == [
        ("H005", "HEAD:records/NCT01234567.yaml", _line_of(GOOD, "completionDateStruct") + 1),
    ]
    # Between the two ends alone, the date slipped once: no H005.
    code, out, _ = diff(capsys, "--format", "json", "--lint", "--rev", "HEAD~1..HEAD")
    assert [e for e in map(json.loads, out.splitlines()) if e["type"] == "finding"] == []


@needs_git
def test_one_revision_is_compared_with_the_files_as_they_are(capsys, history):
    record = history / "records" / "NCT01234567.yaml"
    record.write_text(edit(record.read_text(encoding="utf-8"), "overallStatus: COMPLETED",
                           "overallStatus: TERMINATED"), encoding="utf-8")  # fmt: skip
    code, out, _ = diff(capsys, "--rev", "HEAD", "records")
    assert code == 1
    assert "COMPLETED → TERMINATED" in out


@needs_git
def test_an_unknown_revision_is_one_line_and_exit_2(capsys, history):
    code, out, err = diff(capsys, "--rev", "nope..HEAD")
    assert (code, out) == (2, "")
    assert err.startswith("trialint: error: nope: not a revision of ") and err.count("\n") == 1


def test_rev_outside_a_git_repository(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, _, err = diff(capsys, "--rev", "HEAD~1..HEAD")
    assert (code, err) == (
        2, f"trialint: error: {tmp_path}: --rev needs a git repository, and this folder is not "
        "in one\n",
    )  # fmt: skip


def _line_of(text: str, key: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if key in line)


# --- how each kind of change reads -----------------------------------------------------------

SECONDARY = (
    "    secondaryOutcomes:\n      - measure: Knee pain on a 0-10 numeric rating scale\n"
    "        timeFrame: Baseline and week 12\n"
)
KINDS = edit(
    edit(
        edit(GOOD, "compared after 12 weeks.", "compared after 26 weeks."),
        SECONDARY,
        SECONDARY.replace("    secondaryOutcomes:\n", ""),  # now a second primary outcome
    ),
    "      - label: Usual care\n        type: NO_INTERVENTION\n"
    "        description: Usual care after discharge, without supervised exercise.\n",
    "",
)


def test_text_shows_a_long_text_as_a_word_diff_and_a_move_and_a_removal(
    capsys, tmp_path, monkeypatch
):
    pair(tmp_path, KINDS)
    monkeypatch.chdir(tmp_path)
    code, out, _ = diff(capsys, "old/NCT01234567.yaml", "new/NCT01234567.yaml")
    assert code == 1
    assert out == (
        "NCT01234567  old/NCT01234567.yaml → new/NCT01234567.yaml\n"
        "  major\n"
        '    armsInterventionsModule  armGroups[label="Usual care"]  removed\n'
        "      - {label: Usual care, type: NO_INTERVENTION, description: Usual care after "
        "discharge, without supervised exercise.}\n"
        '    outcomesModule  primaryOutcomes[measure="Knee pain on a 0-10 numeric rating scale"]'
        "  moved  (from secondaryOutcomes to primaryOutcomes)\n"
        "  minor\n"
        "    descriptionModule  briefSummary  changed\n"
        "      … and their walking is compared after [-12-] {+26+} weeks.\n"
        "  (1 site unchanged)\n"
        "\n"
        "1 study changed, 0 unchanged. 3 changes: 2 major, 1 minor; 1 changed, 1 moved, "
        "1 removed.\n"
    )


def test_booleans_read_as_the_record_writes_them(capsys, tmp_path):
    old, new = pair(tmp_path, edit(GOOD, "healthyVolunteers: false", "healthyVolunteers: true"))
    code, out, _ = diff(capsys, old, new)
    assert code == 1
    assert "    eligibilityModule  healthyVolunteers  changed\n      false → true\n" in out
    code, out, _ = diff(capsys, "--output-format", "markdown", old, new)
    assert "- `eligibilityModule` **healthyVolunteers** changed: `false` → `true`\n" in out


def test_markdown_shows_the_same_kinds(capsys, tmp_path):
    old, new = pair(tmp_path, KINDS)
    code, out, _ = diff(capsys, "--output-format", "markdown", old, new)
    assert code == 1
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert items == [
        '- `armsInterventionsModule` **armGroups[label="Usual care"]** removed: '
        "~~`{label: Usual care, type: NO_INTERVENTION, description: Usual care after "
        "discharge, without supervised exercise.}`~~",
        '- `outcomesModule` **primaryOutcomes[measure="Knee pain on a 0-10 numeric rating '
        'scale"]** moved (from secondaryOutcomes to primaryOutcomes)',
        "- `descriptionModule` **briefSummary** changed: … and their walking is compared after "
        "[-12-] {+26+} weeks.",
    ]


def test_a_number_too_long_to_read_is_reported_and_the_study_still_compared(capsys, tmp_path):
    digits = "9" * 5000
    new_text = edit(GOOD, "count: 120", f"count: {digits}")
    old, new = pair(tmp_path, new_text)
    code, out, err = diff(capsys, old, new)
    assert "internal error" not in err
    line = new_text[: new_text.index(digits)].count("\n") + 1
    assert f"{new}:{line}:" in err and "F011 a number of 5,000 digits" in err
    assert "enrollmentInfo" in out  # the change is still shown
    assert code == 2  # as for any problem a file has: the change is shown, the run says so


def _history_findings(out: str) -> list[tuple[str, str, int]]:
    events = [json.loads(line) for line in out.splitlines()]
    return [(e["code"], e["severity"], e["line"]) for e in events if e["type"] == "finding"]


def test_history_rules_obey_the_configuration_as_lint_rules_do(capsys, tmp_path, monkeypatch):
    """Selection, severities, per-file-ignores, suppression comments and the baseline reach
    diff --lint, and diff takes --config, --select and --ignore."""
    new_text = edit(GOOD, "count: 120", "count: 80")
    _, new = pair(tmp_path, new_text)
    monkeypatch.chdir(tmp_path)
    line = _line_of(new_text, "count: 80")
    json_lint = ("--format", "json", "--lint", "old/NCT01234567.yaml", "new/NCT01234567.yaml")
    code, out, _ = diff(capsys, *json_lint)
    assert (code, _history_findings(out)) == (1, [("H004", "warning", line)])
    assert _history_findings(diff(capsys, *json_lint, "--ignore", "H004")[1]) == []
    assert _history_findings(diff(capsys, *json_lint, "--select", "S")[1]) == []
    (tmp_path / ".trialint.toml").write_text('[severity]\nH004 = "error"\n', encoding="utf-8")
    assert _history_findings(diff(capsys, *json_lint)[1]) == [("H004", "error", line)]
    (tmp_path / "other.toml").write_text('ignore = ["H"]\n', encoding="utf-8")
    assert _history_findings(diff(capsys, *json_lint, "--config", "other.toml")[1]) == []
    new.write_text(edit(new_text, "count: 80", "count: 80  # trialint: ignore[H004]"), "utf-8")
    assert _history_findings(diff(capsys, *json_lint)[1]) == []


def test_a_baseline_hides_the_history_findings_it_lists(capsys, tmp_path, monkeypatch):
    new_text = edit(GOOD, "count: 120", "count: 80")
    pair(tmp_path, new_text)
    monkeypatch.chdir(tmp_path)
    baseline = {"trialint-baseline": 1, "findings": [
        {"file": "new/NCT01234567.yaml", "study": "NCT01234567", "code": "H004",
         "pointer": "/protocolSection/designModule/enrollmentInfo/count", "count": 1},
    ]}  # fmt: skip
    (tmp_path / "baseline.json").write_text(json.dumps(baseline), encoding="utf-8")
    (tmp_path / ".trialint.toml").write_text('baseline = "baseline.json"\n', encoding="utf-8")
    args = ("--format", "json", "--lint", "old/NCT01234567.yaml", "new/NCT01234567.yaml")
    assert _history_findings(diff(capsys, *args)[1]) == []
    # The default baseline beside the configuration, as lint finds it; --no-baseline shows all.
    (tmp_path / "baseline.json").rename(tmp_path / ".trialint-baseline.json")
    (tmp_path / ".trialint.toml").write_text("", encoding="utf-8")
    assert _history_findings(diff(capsys, *args)[1]) == []
    line = _line_of(new_text, "count: 80")
    assert _history_findings(diff(capsys, *args, "--no-baseline")[1]) == [("H004", "warning", line)]


def test_folders_are_searched_as_lint_searches_them(capsys, tmp_path, monkeypatch):
    """A file that holds no study is passed over, and what exclude patterns name is left out,
    in diff as in lint; a file named as a side is always read."""
    pair(tmp_path, edit(GOOD, "count: 120", "count: 80"))
    (tmp_path / "new" / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = diff(capsys, "old", "new")
    assert (code, err) == (1, "")
    assert "enrollmentInfo" in out
    code, out, err = diff(capsys, "old", "new", "--exclude", "NCT*")
    assert (code, err, out.strip()) == (0, "", "No change (0 studies compared).")
    code, _, err = diff(capsys, "old/NCT01234567.yaml", "new/.pre-commit-config.yaml")
    assert code == 2 and "F009" in err


@needs_git
def test_lint_reads_a_revision_without_touching_the_work_tree(capsys, tmp_path, monkeypatch):
    """lint --rev REV: the records as the revision has them, named by their path in the
    repository (so a baseline and per-file-ignores apply); the work tree is not read."""
    from conftest import lint_json

    (tmp_path / "records").mkdir()
    record = tmp_path / "records" / "NCT01234567.yaml"
    committed = edit(GOOD, "overallStatus: COMPLETED", "overallStatus: DONE")
    record.write_text(committed, encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "records")
    record.write_text(GOOD, encoding="utf-8")  # fixed since, not committed
    monkeypatch.chdir(tmp_path)
    code, findings, err = lint_json(capsys, "--rev", "HEAD")
    line = _line_of(committed, "overallStatus: DONE")
    assert (code, err) == (1, "")
    assert [(f["file"], f["code"], f["line"]) for f in findings] == [
        ("records/NCT01234567.yaml", "S003", line)
    ]
    assert lint_json(capsys, "records")[:2] == (0, [])  # the work tree, as it is now
    code, findings, err = lint_json(capsys, "--rev", "nowhere")
    assert (code, findings) == (2, [])
    assert err.startswith("trialint: error: nowhere: not a revision of ")


@needs_git
def test_a_revisions_files_obey_exclude_patterns_as_on_disk(capsys, history):
    """history: a record whose completion date slipped twice, in three commits."""
    from conftest import lint_json

    code, out, _ = diff(capsys, "--format", "json", "--rev", "HEAD~2..HEAD")
    assert code == 1 and out
    code, out, _ = diff(capsys, "--format", "json", "--rev", "HEAD~2..HEAD", "--exclude", "NCT*")
    assert (code, out) == (0, "")
    (history / "records" / "NCT01234567.yaml").write_text("not: [yaml\n", encoding="utf-8")
    _, findings, _ = lint_json(capsys, "--rev", "HEAD")
    assert {f["file"] for f in findings} == {"records/NCT01234567.yaml"}  # as committed
    _, findings, _ = lint_json(capsys, "--rev", "HEAD", "--extend-exclude", "records/")
    assert findings == []
    named = ("--rev", "HEAD", "--exclude", "records/", "records/NCT01234567.yaml")
    _, findings, _ = lint_json(capsys, *named)  # a file named is read whatever the patterns
    assert {f["file"] for f in findings} == {"records/NCT01234567.yaml"}


# --- many changes alike, many studies ---------------------------------------------------------

SITE = (
    "      - facility: Example University Hospital\n        city: Lyon\n        country: France\n"
)


def with_sites(count: int, status: str = "") -> str:
    """The good record with ``count`` more sites, each in its own city."""
    sites = "".join(
        f"      - facility: Clinic {n}\n        city: Town {n}\n        country: France\n{status}"
        for n in range(1, count + 1)
    )
    return edit(GOOD, SITE, SITE + sites)


def test_more_than_ten_sites_added_read_as_one_line_and_verbose_lists_them(capsys, tmp_path):
    old, new = pair(tmp_path, with_sites(11))
    code, out, _ = diff(capsys, old, new)
    assert code == 1
    assert out == (
        f"NCT01234567  {old} → {new}\n"
        "  minor\n"
        "    contactsLocationsModule  locations  11 sites added  (--verbose lists them)\n"
        "  (1 site unchanged)\n"
        "\n"
        "1 study changed, 0 unchanged. 11 changes: 11 minor; 11 added.\n"
    )
    code, out, _ = diff(capsys, "--verbose", old, new)
    assert out.count("  added\n") == 11
    assert '    contactsLocationsModule  locations[facility="Clinic 11"]  added\n' in out
    code, out, _ = diff(capsys, "--output-format", "json", old, new)
    assert [json.loads(line)["path"] for line in out.splitlines()] == [
        f'locations[facility="Clinic {n}"]' for n in range(1, 12)
    ]
    code, out, _ = diff(capsys, "--output-format", "markdown", old, new)
    assert (
        "- `contactsLocationsModule` **locations**: 11 sites added (`--verbose` lists them)\n"
    ) in out


def test_ten_sites_added_are_each_shown(capsys, tmp_path):
    old, new = pair(tmp_path, with_sites(10))
    code, out, _ = diff(capsys, old, new)
    assert code == 1
    assert out.count("  added\n      + {facility: Clinic ") == 10
    assert "--verbose" not in out


def test_one_field_changed_at_many_sites_is_one_line(capsys, tmp_path):
    old, new = pair(tmp_path, with_sites(12, "        status: COMPLETED\n"),
                    with_sites(12, "        status: RECRUITING\n"))  # fmt: skip
    code, out, _ = diff(capsys, old, new)
    assert code == 1
    assert out.splitlines()[1:3] == [
        "  minor",
        "    contactsLocationsModule  locations[].status  status changed at 12 sites  "
        "(--verbose lists them)",
    ]


def folders(tmp_path: Path, *versions: tuple[str, str, str]) -> tuple[Path, Path]:
    """Old and new folders, each study (nctId, old text, new text) a file in both."""
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    old_dir.mkdir()
    new_dir.mkdir()
    for nct, old_text, new_text in versions:
        (old_dir / f"{nct}.yaml").write_text(edit(old_text, "NCT01234567", nct), "utf-8")
        (new_dir / f"{nct}.yaml").write_text(edit(new_text, "NCT01234567", nct), "utf-8")
    return old_dir, new_dir


def test_a_folder_diff_opens_with_a_line_per_study_most_significant_first(
    capsys, tmp_path, monkeypatch
):
    stopped = edit(GOOD, "overallStatus: COMPLETED", "overallStatus: TERMINATED")
    folders(
        tmp_path,
        ("NCT00000001", GOOD, with_sites(25)),
        ("NCT00000002", GOOD, edit(with_sites(1), "count: 120", "count: 90")),
        ("NCT00000003", GOOD, edit(stopped, "count: 120", "count: 150")),
    )
    (tmp_path / "new" / "NCT00000004.yaml").write_text(
        edit(GOOD, "NCT01234567", "NCT00000004"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = diff(capsys, "old", "new")
    assert code == 1
    assert out.splitlines()[:5] == [
        "NCT00000003  major  overall status COMPLETED → TERMINATED, 1 more major",
        "NCT00000002  major  enrollment changed (-25%); 1 minor",
        "NCT00000004  major  study added: Exercise Training After Knee Replacement",
        "NCT00000001  minor  25 sites added",
        "",
    ]
    assert [line for line in out.splitlines() if "  old/" in line] == [
        f"NCT0000000{n}  old/NCT0000000{n}.yaml → new/NCT0000000{n}.yaml" for n in (3, 2, 1)
    ]
    code, out, _ = diff(capsys, "--output-format", "markdown", "old", "new")
    assert out.split("\n\n", 1)[0].splitlines() == [
        "| Study | Most significant | Changes |",
        "|---|---|---|",
        "| NCT00000003 | major | overall status COMPLETED → TERMINATED, 1 more major |",
        "| NCT00000002 | major | enrollment changed (-25%); 1 minor |",
        "| NCT00000004 | major | study added: Exercise Training After Knee Replacement |",
        "| NCT00000001 | minor | 25 sites added |",
    ]


def test_an_actualized_enrollment_says_its_type_changed(capsys, tmp_path):
    old, new = pair(tmp_path, GOOD, edit(GOOD, "type: ACTUAL\n  arms", "type: ESTIMATED\n  arms"))
    code, out, _ = diff(capsys, old, new)
    assert code == 1
    assert out.splitlines()[1:4] == [
        "  minor",
        "    designModule  enrollmentInfo  actualized  (type ESTIMATED → ACTUAL, count unchanged "
        "(120))",
        "      {count: 120, type: ESTIMATED} → {count: 120, type: ACTUAL}",
    ]


@needs_shared
def test_a_real_study_that_gained_1146_sites_reads_in_one_line(capsys):
    versions = SHARED / "corpus" / "ctgov-v2-versions"
    old = versions / "NCT04267848__2023-09-10__vh2023-09-11__adcf2fd77c.json"
    new = versions / "NCT04267848__2025-09-10__vh2025-09-11__161caaf258.json"
    code, out, _ = diff(capsys, old, new)
    assert code == 1
    assert out.splitlines()[1:] == [
        "  minor",
        "    contactsLocationsModule  locations  1,146 sites added  (--verbose lists them)",
        "  (2 sites unchanged)",
        "",
        "1 study changed, 0 unchanged. 1,146 changes: 1,146 minor; 1,146 added; "
        "5 administrative changes not shown.",
    ]
    code, out, _ = diff(capsys, "--verbose", old, new)
    assert len(out.splitlines()) == 2 * 1146 + 5


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_is_coloured_at_a_terminal_as_lint_is(tmp_path, monkeypatch):
    """Significance as lint's severities, removed words red and added ones green; no colour
    with NO_COLOR, nor in a file."""
    old, new = pair(tmp_path, KINDS)
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = FakeTty()
    monkeypatch.setattr(sys, "stdout", terminal)
    report = tmp_path / "diff.txt"
    assert main(["diff", "--output", str(report), str(old), str(new)]) == 1
    lines = terminal.getvalue().splitlines()
    assert lines[1] == "  \x1b[1m\x1b[31mmajor\x1b[0m"
    assert lines[3] == (
        "      \x1b[31m- {label: Usual care, type: NO_INTERVENTION, description: Usual care "
        "after discharge, without supervised exercise.}\x1b[0m"
    )
    assert lines[5:8] == [
        "  \x1b[33mminor\x1b[0m",
        "    descriptionModule  briefSummary  changed",
        "      … and their walking is compared after \x1b[31m[-12-]\x1b[0m \x1b[32m{+26+}\x1b[0m "
        "weeks.",
    ]
    assert "\x1b[" not in report.read_text(encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "1")
    plain = FakeTty()
    monkeypatch.setattr(sys, "stdout", plain)
    assert main(["diff", str(old), str(new)]) == 1
    assert "\x1b[" not in plain.getvalue()
    assert plain.getvalue() == report.read_text(encoding="utf-8")
