"""``trialint diff A B C...`` and ``--rev A..B --per-commit``: a study's changes version by
version, each step labelled, the history rules over the whole sequence, each snapshot read
once."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from trialint.cli import main
from trialint.diff import inputs
from trialint.diff.inputs import open_paths
from trialint.diff.snapshot import diff_sides

from conftest import GOOD_RECORD, SHARED, needs_shared

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
# The other study: the good record under another nctId, with another title.
OTHER = GOOD.replace("NCT01234567", "NCT07654321").replace(
    "Exercise Training After Knee Replacement", "Walking After Hip Replacement"
)
COMPLETION = 'completionDateStruct:\n      date: "{}"'


def diff(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def slipped(text: str, to: str, since: str = "2023-12-15") -> str:
    return edit(text, COMPLETION.format(since), COMPLETION.format(to))


def events(out: str, kind: str = "change") -> list[dict[str, object]]:
    return [event for event in map(json.loads, out.splitlines()) if event["type"] == kind]


@pytest.fixture
def snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three snapshots, a, b and c: NCT01234567's completion date slips at each step;
    NCT07654321 is missing from b, and comes back in c with fewer participants."""
    files = {
        "a": {"NCT01234567": GOOD, "NCT07654321": OTHER},
        "b": {"NCT01234567": slipped(GOOD, "2024-06-15")},
        "c": {
            "NCT01234567": slipped(GOOD, "2024-12-15"),
            "NCT07654321": edit(OTHER, "count: 120", "count: 80"),
        },
    }
    for snapshot, studies in files.items():
        (tmp_path / snapshot).mkdir()
        for nct_id, text in studies.items():
            (tmp_path / snapshot / f"{nct_id}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_three_snapshots_as_text_step_by_step(capsys, snapshots):
    code, out, err = diff(capsys, "a", "b", "c")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "=== a → b ===",
        "NCT01234567  major  completion date slipped 183 days",
        "NCT07654321  major  study removed: Walking After Hip Replacement",
        "",
        "NCT01234567  a/NCT01234567.yaml → b/NCT01234567.yaml",
        "  major",
        "    statusModule  completionDateStruct  changed  (completion date slipped 183 days)",
        "      {date: 2023-12-15, type: ACTUAL} → {date: 2024-06-15, type: ACTUAL}",
        "  (1 site unchanged)",
        "",
        "NCT07654321  a/NCT07654321.yaml",
        "  major",
        "    study  (study)  removed",
        "      - Walking After Hip Replacement",
        "",
        "2 studies changed, 0 unchanged. 2 changes: 2 major; 1 changed, 1 removed.",
        "",
        "=== b → c ===",
        "NCT01234567  major  completion date slipped 183 days",
        "NCT07654321  major  study added: Walking After Hip Replacement",
        "",
        "NCT01234567  b/NCT01234567.yaml → c/NCT01234567.yaml",
        "  major",
        "    statusModule  completionDateStruct  changed  (completion date slipped 183 days)",
        "      {date: 2024-06-15, type: ACTUAL} → {date: 2024-12-15, type: ACTUAL}",
        "  (1 site unchanged)",
        "",
        "NCT07654321  c/NCT07654321.yaml",
        "  major",
        "    study  (study)  added",
        "      + Walking After Hip Replacement",
        "",
        "2 studies changed, 0 unchanged. 2 changes: 2 major; 1 added, 1 changed.",
        "",
        "2 steps from a to c: 4 studies changed, 0 unchanged. 4 changes: 4 major; 1 added, "
        "2 changed, 1 removed.",
    ]


def test_the_history_rules_see_every_snapshot_and_a_study_across_a_gap(capsys, snapshots):
    code, out, _ = diff(capsys, "--lint", "a", "b", "c")
    line = 1 + next(n for n, text in enumerate(GOOD.splitlines(), 1) if "completionDate" in text)
    count = next(n for n, text in enumerate(GOOD.splitlines(), 1) if "count: 120" in text)
    assert code == 1
    assert out.splitlines()[-4:] == [
        f"c/NCT01234567.yaml:{line}:13: H005 completionDateStruct slipped again, to "
        "2024-12-15 (2 slips in these versions)",
        f"c/NCT07654321.yaml:{count}:14: H004 actual enrollment went down from 120 to 80",
        "",
        "2 steps from a to c: 4 studies changed, 0 unchanged. 4 changes: 4 major; 1 added, "
        "2 changed, 1 removed; 2 history findings.",
    ]
    # Between the two ends, the date slipped once: no H005; the enrollment still went down.
    code, out, _ = diff(capsys, "--lint", "--format", "json", "a", "c")
    assert [(f["code"], f["file"]) for f in events(out, "finding")] == [
        ("H004", "c/NCT07654321.yaml"),
    ]


def test_json_events_carry_the_labels_of_their_step(capsys, snapshots):
    code, out, _ = diff(capsys, "--format", "json", "--lint", "a", "b", "c")
    assert code == 1
    assert [(e["from"], e["to"], e["study"], e["kind"], e["old_origin"], e["new_origin"])
            for e in events(out)] == [
        ("a", "b", "NCT01234567", "changed", "a/NCT01234567.yaml", "b/NCT01234567.yaml"),
        ("a", "b", "NCT07654321", "removed", "a/NCT07654321.yaml", None),
        ("b", "c", "NCT01234567", "changed", "b/NCT01234567.yaml", "c/NCT01234567.yaml"),
        ("b", "c", "NCT07654321", "added", None, "c/NCT07654321.yaml"),
    ]  # fmt: skip
    assert [f["code"] for f in events(out, "finding")] == ["H005", "H004"]
    # Two snapshots too: a notebook reads every run alike.
    code, out, _ = diff(capsys, "--format", "json", "a", "b")
    assert [(e["from"], e["to"]) for e in events(out)] == [("a", "b"), ("a", "b")]


def test_markdown_has_a_section_per_step(capsys, snapshots):
    code, out, _ = diff(capsys, "--output-format", "markdown", "--only", "minor", "a", "b", "c")
    assert code == 0
    assert out == (
        "## a → b\n\n"
        "**No change (2 studies compared); 2 major changes not shown.**\n\n"
        "## b → c\n\n"
        "**No change (2 studies compared); 2 major changes not shown.**\n\n"
        "**2 steps from a to c: no change (4 studies compared); 4 major changes not shown.**\n"
    )


def test_fail_on_counts_every_step(capsys, snapshots):
    (snapshots / "d").mkdir()
    for name in ("NCT01234567", "NCT07654321"):
        shutil.copy(snapshots / "c" / f"{name}.yaml", snapshots / "d" / f"{name}.yaml")
    record = snapshots / "d" / "NCT01234567.yaml"
    record.write_text(edit(record.read_text(encoding="utf-8"), "      - total knee replacement\n",
                           "      - total knee replacement\n      - rehabilitation\n"),
                      encoding="utf-8")  # fmt: skip
    assert diff(capsys, "--fail-on", "major", "c", "d")[0] == 0  # a minor change only
    assert diff(capsys, "--fail-on", "major", "c", "c", "d")[0] == 0
    assert diff(capsys, "--fail-on", "major", "b", "c", "d")[0] == 1  # b → c: major ones
    code, out, _ = diff(capsys, "c", "c", "d")
    assert (code, out.splitlines()[:3]) == (1, [
        "=== c → c ===", "No change (2 studies compared).", "",
    ])  # fmt: skip


def test_a_missing_snapshot_is_an_error_before_any_step(capsys, snapshots):
    code, out, err = diff(capsys, "a", "b", "nowhere")
    assert (code, out, err) == (2, "", "trialint: error: nowhere: no such file or folder\n")


def test_a_broken_file_in_the_middle_is_reported_once(capsys, snapshots):
    (snapshots / "b" / "NCT07654321.yaml").write_text("protocolSection: [\n", encoding="utf-8")
    code, out, err = diff(capsys, "a", "b", "c")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("trialint: error: b/NCT07654321.yaml:2:1: F001 ")
    # Not compared as the new side of a → b, nor as the old one of b → c.
    assert [line for line in out.splitlines() if line.startswith(("not compared", "2 steps"))] == [
        "not compared: b/NCT07654321.yaml cannot be read, and may hold NCT07654321",
        "not compared: b/NCT07654321.yaml cannot be read, and may hold NCT07654321",
        "2 steps from a to c: 2 studies changed, 0 unchanged. 2 changes: 2 major; 2 changed; "
        "2 studies not compared (a file cannot be read).",
    ]


# --- reading: each snapshot once --------------------------------------------------------------


def test_each_snapshot_is_read_once_and_the_next_step_starts_from_its_index(snapshots, monkeypatch):
    parsed: list[str] = []
    real = inputs.load_bytes

    def counting(data: bytes, name: str, fmt: str):
        parsed.append(name)
        return real(data, name, fmt)

    monkeypatch.setattr(inputs, "load_bytes", counting)
    a, b, c = (open_paths([name]) for name in "abc")
    first = diff_sides(a, b, keep_index=True)
    assert [d.study for d in first] == ["NCT01234567", "NCT07654321"]
    assert first.next_index is not None and sorted(first.next_index.refs) == ["NCT01234567"]
    second = diff_sides(b, c, index=first.next_index)
    assert [d.study for d in second] == ["NCT01234567", "NCT07654321"]
    assert (second.summary.indexed, second.next_index) == (1, None)
    # b was read as the new side of the first step only; what the steps compare is read from
    # the side's few cached files.
    assert sorted(parsed) == sorted(f"{s}/{n}.yaml" for s, n in [
        ("a", "NCT01234567"), ("a", "NCT07654321"), ("b", "NCT01234567"),
        ("c", "NCT01234567"), ("c", "NCT07654321"),
    ])  # fmt: skip
    assert b.files == 1


def test_the_steps_report_each_version_that_differs(snapshots):
    seen: list[tuple[str | None, str | None]] = []

    def versions(before: inputs.StudyRef | None, after: inputs.StudyRef | None) -> None:
        seen.append((before and before.origin, after and after.origin))

    a, b = open_paths(["a"]), open_paths(["b"])
    list(diff_sides(a, b, on_versions=versions))
    assert seen == [
        ("a/NCT01234567.yaml", "b/NCT01234567.yaml"),
        ("a/NCT07654321.yaml", None),
    ]


def test_a_released_side_reads_its_studies_again(snapshots, monkeypatch):
    side = open_paths(["a"])
    refs = list(side.refs())
    assert len(side._cache._files) == 2
    side.release()
    assert len(side._cache._files) == 0
    assert refs[0].load().nct_id == "NCT01234567"


# --- git: commit by commit --------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True,
                          text=True)  # fmt: skip
    return done.stdout


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A registry under git: the good record; its completion date slipping; a README edit;
    the date slipping again."""
    root = tmp_path / "registry"
    (root / "records").mkdir(parents=True)
    record = root / "records" / "NCT01234567.yaml"
    git(root, "init", "-q")
    for message, text in [
        ("first", GOOD),
        ("slip", slipped(GOOD, "2024-06-15")),
        ("readme", None),
        ("slip again", slipped(GOOD, "2024-12-15")),
    ]:
        if text is None:
            (root / "README.md").write_text("A registry\n", encoding="utf-8")
        else:
            record.write_text(text, encoding="utf-8")
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", message)
    monkeypatch.chdir(root)
    return root


def short(root: Path, rev: str) -> str:
    return git(root, "rev-parse", "--short=12", rev).strip()


@needs_git
def test_per_commit_shows_each_commit_that_changed_a_study(capsys, history):
    slip, again = short(history, "HEAD~2"), short(history, "HEAD")
    code, out, err = diff(capsys, "--rev", "HEAD~3..HEAD", "--per-commit", "records")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"=== HEAD~3 → {slip}: slip ===",
        f"NCT01234567  HEAD~3:records/NCT01234567.yaml → {slip}:records/NCT01234567.yaml",
        "  major",
        "    statusModule  completionDateStruct  changed  (completion date slipped 183 days)",
        "      {date: 2023-12-15, type: ACTUAL} → {date: 2024-06-15, type: ACTUAL}",
        "  (1 site unchanged)",
        "",
        "1 study changed, 0 unchanged. 1 change: 1 major; 1 changed.",
        "",
        f"=== {slip} → {again}: slip again ===",
        f"NCT01234567  {slip}:records/NCT01234567.yaml → {again}:records/NCT01234567.yaml",
        "  major",
        "    statusModule  completionDateStruct  changed  (completion date slipped 183 days)",
        "      {date: 2024-06-15, type: ACTUAL} → {date: 2024-12-15, type: ACTUAL}",
        "  (1 site unchanged)",
        "",
        "1 study changed, 0 unchanged. 1 change: 1 major; 1 changed.",
        "",
        "2 commits from HEAD~3 to " + again + ": 2 studies changed, 0 unchanged. 2 changes: "
        "2 major; 2 changed.",
    ]
    # The whole tree: the README's commit is a step, which changed no study: left out (the
    # next step starts from it).
    code, out, _ = diff(capsys, "--rev", "HEAD~3..HEAD", "--per-commit")
    readme = short(history, "HEAD~1")
    assert [line for line in out.splitlines() if line.startswith(("===", "3 commits"))] == [
        f"=== HEAD~3 → {slip}: slip ===",
        f"=== {readme} → {again}: slip again ===",
        f"3 commits from HEAD~3 to {again}: 2 studies changed, 1 unchanged. 2 changes: "
        "2 major; 2 changed.",
    ]


@needs_git
def test_per_commit_keeps_the_history_findings_of_the_range(capsys, history):
    code, out, _ = diff(capsys, "--rev", "HEAD~3..HEAD", "--per-commit", "--lint",
                        "--format", "json", "records")  # fmt: skip
    again = short(history, "HEAD")
    assert code == 1
    assert [(f["code"], f["file"]) for f in events(out, "finding")] == [
        ("H005", f"{again}:records/NCT01234567.yaml"),
    ]
    # The summary of the range (the default) finds it too, from the commits in between.
    code, out, _ = diff(capsys, "--rev", "HEAD~3..HEAD", "--lint", "--format", "json")
    assert [(e["from"], e["to"]) for e in events(out)] == [("HEAD~3", "HEAD")]
    assert [(f["code"], f["file"]) for f in events(out, "finding")] == [
        ("H005", "HEAD:records/NCT01234567.yaml"),
    ]


@needs_git
def test_a_range_no_commit_of_which_changed_the_paths_has_no_step(capsys, history):
    code, out, _ = diff(capsys, "--rev", "HEAD~2..HEAD~1", "--per-commit", "records")
    assert (code, out) == (0, "0 commits from HEAD~2 to HEAD~1: no change (0 studies compared).\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--per-commit", "a", "b"], "--per-commit needs --rev A..B"),
        (["--per-commit", "--rev", "HEAD"], "--per-commit needs a range of revisions, A..B"),
    ],
)
@needs_git
def test_per_commit_needs_a_range(capsys, history, args, message):
    assert diff(capsys, *args) == (2, "", f"trialint: error: {message}\n")


# --- real versions ----------------------------------------------------------------------------

VERSIONS = SHARED / "corpus" / "ctgov-xml-versions"


def real_version(nct_id: str, last_update: str) -> Path:
    """The first file VERSIONS.csv holds for a real registry version of the study."""
    with (VERSIONS / "VERSIONS.csv").open(encoding="utf-8") as listing:
        for row in csv.DictReader(listing):
            if (row["nct"], row["last_update"]) == (nct_id, last_update) and (
                row["likely_real_version"] == "True" and row["modified_fixture"] == "False"
            ):
                return VERSIONS / row["file"]
    raise AssertionError(f"no real version of {nct_id} last updated {last_update}")


@needs_shared
def test_real_versions_slip_again_only_over_the_three_snapshots(capsys, tmp_path, monkeypatch):
    """NCT00482794 as the registry had it in 2015, 2016 and 2017: its completion dates slipped
    a year, then another; the two ends alone show one slip each."""
    monkeypatch.chdir(tmp_path)
    for date in ["2015-10-23", "2016-11-30", "2017-11-06"]:
        (tmp_path / "xml").mkdir()
        shutil.copy(real_version("NCT00482794", date), tmp_path / "xml" / "NCT00482794.xml")
        assert main(["import", "xml", "--out", date]) == 0
        shutil.rmtree(tmp_path / "xml")
    capsys.readouterr()
    code, out, _ = diff(capsys, "--lint", "--format", "json", "--only", "major",
                        "2015-10-23", "2016-11-30", "2017-11-06")  # fmt: skip
    assert code == 1
    assert [(e["from"], e["to"], e["path"], e["note"]) for e in events(out)] == [
        ("2015-10-23", "2016-11-30", "primaryCompletionDateStruct",
         "primary completion date slipped 365 days"),
        ("2015-10-23", "2016-11-30", "completionDateStruct", "completion date slipped 518 days"),
        ("2016-11-30", "2017-11-06", "primaryCompletionDateStruct",
         "primary completion date slipped 365 days"),
        ("2016-11-30", "2017-11-06", "completionDateStruct", "completion date slipped 365 days"),
    ]  # fmt: skip
    assert [(f["code"], f["file"], f["message"]) for f in events(out, "finding")] == [
        ("H005", "2017-11-06/NCT00482794.yaml",
         "primaryCompletionDateStruct slipped again, to 2018-07 (2 slips in these versions)"),
        ("H005", "2017-11-06/NCT00482794.yaml",
         "completionDateStruct slipped again, to 2018-12 (2 slips in these versions)"),
    ]  # fmt: skip
    code, out, _ = diff(capsys, "--lint", "--format", "json", "2015-10-23", "2017-11-06")
    assert (code, events(out, "finding")) == (1, [])
