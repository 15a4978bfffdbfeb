"""What a run checks: files as named, folders searched, each file once, in a stable order."""

from __future__ import annotations

import shutil

import pytest

from trialint.sources.paths import Exclusions, expand

from conftest import GOOD_RECORD, lint_json


def _tree(root):
    (root / "b.yaml").write_text("x: 1\n")
    (root / "a.json").write_text("{}\n")
    (root / "notes.txt").write_text("not a record\n")
    (root / "sub").mkdir()
    (root / "sub" / "c.yml").write_text("x: 1\n")
    for skipped in (".git", "node_modules", "__pycache__"):
        (root / skipped).mkdir()
        (root / skipped / "d.yaml").write_text("x: 1\n")


def test_folders_give_their_records_files_first_then_subfolders_by_name(tmp_path):
    _tree(tmp_path)
    shown = [display for _, display in expand([str(tmp_path)]).files]
    assert shown == [str(tmp_path / name) for name in ("a.json", "b.yaml", "sub/c.yml")]


def test_a_file_named_twice_or_through_a_link_is_checked_once(tmp_path):
    _tree(tmp_path)
    (tmp_path / "sub" / "link.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "linked-folder").symlink_to(tmp_path / "sub")  # not followed, as os.walk
    arguments = [str(tmp_path / "sub" / "c.yml"), str(tmp_path), f"{tmp_path}/./sub"]
    shown = [display for _, display in expand(arguments).files]
    assert shown == [str(tmp_path / "sub" / "c.yml"), str(tmp_path / "a.json"),
                     str(tmp_path / "b.yaml")]  # fmt: skip


def test_names_that_are_not_there_are_reported(tmp_path):
    expanded = expand([str(tmp_path / "gone.yaml"), str(tmp_path)])
    assert (expanded.files, expanded.missing) == ([], [str(tmp_path / "gone.yaml")])


def test_links_that_loop_or_dangle_do_not_stop_the_search(tmp_path):
    _tree(tmp_path)
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    shown = [display for _, display in expand([str(tmp_path)]).files]
    # The record-named links are listed: reading them reports why they cannot be read.
    assert shown == [str(tmp_path / name) for name in ("a.json", "b.yaml", "gone.yaml",
                                                        "loop.yaml", "sub/c.yml")]  # fmt: skip


# --- what a folder search passes over ----------------------------------------------------------


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """A registry's repository as a new user has one: records, a pre-commit configuration, a
    rule pack, and the folder as the working directory."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "records").mkdir()
    shutil.copy(GOOD_RECORD, tmp_path / "records" / "NCT01234567.yaml")
    good = GOOD_RECORD.read_text(encoding="utf-8")
    bad = good.replace("overallStatus: COMPLETED", "overallStatus: DONE")
    (tmp_path / "records" / "NCT07654321.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks: []\n", encoding="utf-8"
    )
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "house.yaml").write_text("rules: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_search_passes_over_files_that_hold_no_study(repository, capsys):
    code, findings, err = lint_json(capsys, ".")
    assert (code, sorted({(f["file"], f["code"]) for f in findings})) == (
        1, [("records/NCT07654321.yaml", "S003")],
    )  # fmt: skip
    assert err == ""
    code, _, err = lint_json(capsys, "--verbose", ".")
    assert err.splitlines() == [
        "trialint: passed over .pre-commit-config.yaml: it holds no study",
        "trialint: passed over packs/house.yaml: it holds no study",
    ]


def test_a_file_named_on_the_command_line_is_always_checked(repository, capsys):
    code, findings, _ = lint_json(capsys, "packs/house.yaml")
    assert (code, [(f["code"], f["line"]) for f in findings]) == (1, [("F009", 1)])


def test_a_baseline_written_into_the_folder_does_not_trip_the_next_run(repository, capsys):
    from trialint import cli

    assert cli.main(["baseline", "--today", "2024-03-15", "."]) == 0
    (repository / ".trialint-baseline.json").write_text(capsys.readouterr().out, "utf-8")
    code, findings, _ = lint_json(capsys, "--baseline", ".trialint-baseline.json", ".")
    assert (code, findings) == (0, [])


def test_a_study_whose_sections_are_misspelled_is_still_a_study(repository, capsys):
    text = GOOD_RECORD.read_text(encoding="utf-8").replace("protocolSection:", "protocolsection:")
    (repository / "records" / "NCT01234567.yaml").write_text(text, encoding="utf-8")
    _, findings, _ = lint_json(capsys, "records")
    assert ("records/NCT01234567.yaml", "S001", 2) in {
        (f["file"], f["code"], f["line"]) for f in findings
    }


@pytest.mark.parametrize(
    ("where", "patterns", "checked"),
    [
        ("command", ["--exclude", "NCT0765*"], ["records/NCT01234567.yaml"]),
        ("command", ["--extend-exclude", "records/"], []),
        ("configuration", ['exclude = ["NCT0765*"]'], ["records/NCT01234567.yaml"]),
        ("configuration", ['extend-exclude = ["/records/NCT01*"]'], ["records/NCT07654321.yaml"]),
    ],
)
def test_exclude_patterns_from_the_command_line_or_the_configuration(
    repository, capsys, where, patterns, checked
):
    bad = (repository / "records" / "NCT07654321.yaml").read_text(encoding="utf-8")
    (repository / "records" / "NCT01234567.yaml").write_text(bad, encoding="utf-8")
    arguments = ["."]
    if where == "command":
        arguments += patterns
    else:
        (repository / ".trialint.toml").write_text("\n".join(patterns) + "\n", encoding="utf-8")
    _, findings, _ = lint_json(capsys, *arguments)
    assert sorted({f["file"] for f in findings}) == checked


def test_gitignore_is_respected_inside_a_repository_only(tmp_path):
    (tmp_path / "a.yaml").write_text("x: 1\n")
    (tmp_path / "b.yaml").write_text("x: 1\n")
    (tmp_path / ".gitignore").write_text("b.yaml\n")
    outside = [display for _, display in expand([str(tmp_path)], exclusions=Exclusions()).files]
    assert outside == [str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]
    (tmp_path / ".git").mkdir()
    inside = [display for _, display in expand([str(tmp_path)], exclusions=Exclusions()).files]
    assert inside == [str(tmp_path / "a.yaml")]
    named = expand([str(tmp_path / "b.yaml")], exclusions=Exclusions()).files
    assert [display for _, display in named] == [str(tmp_path / "b.yaml")]  # named: read
    kept = Exclusions(gitignore=False)
    assert len(expand([str(tmp_path)], exclusions=kept).files) == 2


def test_which_gitignores_apply_is_worked_out_once_per_folder(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("skip-*.yaml\n")
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        for number in range(20):
            (tmp_path / folder / f"r{number}.yaml").write_text("x: 1\n")
        (tmp_path / folder / "skip-me.yaml").write_text("x: 1\n")
    exclusions = Exclusions()
    calls: list[str] = []
    find = exclusions._find_gitignores

    def counted(folder: str):
        calls.append(folder)
        return find(folder)

    monkeypatch.setattr(exclusions, "_find_gitignores", counted)
    files = expand([str(tmp_path)], exclusions=exclusions).files
    assert len(files) == 40
    # The top folder asks for its subfolders, each subfolder for its files: once each.
    assert sorted(calls) == sorted([str(tmp_path), str(tmp_path / "one"), str(tmp_path / "two")])


# --- zip archives and standard input -----------------------------------------------------------


def test_a_zip_named_on_the_command_line_is_linted_member_by_member(repository, capsys):
    import zipfile

    bad = (repository / "records" / "NCT07654321.yaml").read_text(encoding="utf-8")
    with zipfile.ZipFile(repository / "ctg-studies.zip", "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("NCT07654321.yaml", bad)
        zipped.writestr("NCT01234567.yaml", GOOD_RECORD.read_text(encoding="utf-8"))
        zipped.writestr("about.json", '{"about": "this download"}')
        zipped.writestr("../outside.json", "{}")
    code, findings, err = lint_json(capsys, "ctg-studies.zip")
    line = bad[: bad.index("overallStatus: DONE")].count("\n") + 1
    assert [(f["file"], f["code"], f["line"]) for f in findings] == [
        ("ctg-studies.zip!NCT07654321.yaml", "S003", line)
    ]
    assert err == (
        "trialint: error: ctg-studies.zip!../outside.json: refused: its name climbs out of the "
        "archive (an absolute path or '..')\n"
    )
    assert code == 2


def test_standard_input_is_linted_under_the_name_given(repository, capsys, monkeypatch):
    import io
    import sys

    bad = (repository / "records" / "NCT07654321.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(bad)))
    code, findings, _ = lint_json(capsys, "-", "--stdin-filename", "records/edited.yaml")
    assert (code, [(f["file"], f["code"]) for f in findings]) == (
        1, [("records/edited.yaml", "S003")]
    )  # fmt: skip
    code, _, err = lint_json(capsys, "-", "--fix")
    assert code == 2
    assert err == "trialint: error: --fix and --diff rewrite files, not standard input\n"


def test_a_zip_holding_no_record_is_said_rather_than_passed(repository, capsys):
    import zipfile

    with zipfile.ZipFile(repository / "notes.zip", "w") as zipped:
        zipped.writestr("README.txt", "nothing to check")
    code, findings, err = lint_json(capsys, "notes.zip")
    assert (code, findings) == (2, [])
    assert err == (
        "trialint: error: notes.zip: the archive holds no record file (.json, .yaml, .yml)\n"
    )


def test_a_large_zip_is_shared_among_processes_and_each_opens_it_once(tmp_path):
    """Workers get members to read, not open files: the archive is pickled as its path and
    reopened once per process, and the findings are those of a run in one process."""
    import pickle
    import zipfile

    from trialint.lint.runner import PARALLEL_FROM, Linter
    from trialint.sources.inputs import ZipInput, open_paths

    good = GOOD_RECORD.read_text(encoding="utf-8")
    archive = tmp_path / "ctg-studies.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for number in range(PARALLEL_FROM + 6):
            nct = f"NCT{number:08d}"
            text = good.replace("NCT01234567", nct)
            if number % 10 == 0:
                text = text.replace("overallStatus: COMPLETED", "overallStatus: DONE")
            zipped.writestr(f"{nct}.yaml", text)
    linter = Linter()
    serial = linter.lint_paths([str(archive)], jobs=1)
    parallel = linter.lint_paths([str(archive)], jobs=2)
    assert (parallel.files, parallel.errors) == (PARALLEL_FROM + 6, [])
    assert [(f.path, f.rule.code, f.span.line) for f in parallel.findings] == [
        (f.path, f.rule.code, f.span.line) for f in serial.findings
    ]
    assert [f.path for f in serial.findings if f.rule.code == "S003"] == [
        f"{archive}!NCT{number:08d}.yaml" for number in range(0, PARALLEL_FROM + 6, 10)
    ]
    with open_paths([str(archive)]) as inputs:
        members = [item for item in inputs if isinstance(item, ZipInput)]
        copies = pickle.loads(pickle.dumps(members[:3])) + pickle.loads(pickle.dumps(members[3:]))
    assert len({id(copy.archive) for copy in copies}) == 1
    assert [copy.read() for copy in copies[:2]] == [member.read() for member in members[:2]]
    # A worker reads members by the entries it is handed: it never reads the directory.
    assert copies[0].archive.open().filelist == []


def test_every_command_names_what_it_cannot_read_the_same_way(tmp_path, capsys):
    """lint, diff and import read a zip through one layer: a refused member is named
    ``archive!member`` with one message, and the other members are still read."""
    import json
    import zipfile

    from trialint import cli

    study = json.dumps({"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}})
    archive = tmp_path / "ctg-studies.json.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("NCT00000001.json", study)
        zipped.writestr("/etc/passwd.json", "{}")
    expected = (
        f"{archive}!/etc/passwd.json: refused: its name climbs out of the archive "
        "(an absolute path or '..')"
    )
    for command in (
        ["lint", str(archive)],
        ["diff", str(archive), str(archive)],
        ["import", str(archive), "--out", str(tmp_path / "out")],
    ):
        code = cli.main(command)
        err = capsys.readouterr().err
        assert code == 2, command
        assert f"trialint: error: {expected}\n" in err, command
    assert (tmp_path / "out" / "NCT00000001.yaml").is_file()


def test_a_corrupt_member_of_a_download_is_one_error_and_the_others_are_checked(tmp_path, capsys):
    import zipfile

    good = GOOD_RECORD.read_text(encoding="utf-8")
    archive = tmp_path / "ctg-studies.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zipped:
        for number in range(3):
            nct = f"NCT{number:08d}"
            zipped.writestr(f"{nct}.yaml", good.replace("NCT01234567", nct))
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zipped:
        info = zipped.getinfo("NCT00000001.yaml")
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 100] ^= 0xFF  # the member's bytes no longer match its CRC
    archive.write_bytes(bytes(data))
    code, findings, err = lint_json(capsys, str(archive))
    assert (code, findings) == (2, [])
    assert err == (
        f"trialint: error: {archive}!NCT00000001.yaml: cannot read from the archive: "
        "Bad CRC-32 for file 'NCT00000001.yaml'\n"
    )
    from trialint.lint.runner import Linter

    result = Linter().lint_paths([str(archive)])
    assert (result.files, result.studies) == (3, 2)
