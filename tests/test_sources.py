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


def _entries_as_zipfile_lists_them(archive, suffixes=(".json", ".yaml", ".yml")):
    import zipfile

    with zipfile.ZipFile(archive) as zipped:
        return sorted(
            (info for info in zipped.infolist()
             if not info.is_dir() and info.filename.lower().endswith(suffixes)
             and not any(part.startswith(".") or part == "__MACOSX"
                         for part in info.filename.split("/"))),
            key=lambda info: info.filename,
        )  # fmt: skip


_ENTRY_FIELDS = ("filename", "orig_filename", "header_offset", "compress_size", "file_size",
                 "CRC", "flag_bits", "compress_type", "date_time", "extra", "comment",
                 "external_attr", "create_system", "extract_version")  # fmt: skip


@pytest.mark.parametrize("zip64", [False, True])
def test_members_are_listed_from_the_directory_as_zipfile_reads_it(tmp_path, monkeypatch, zip64):
    """The listing reads the archive's directory itself, an entry at a time, to hold no
    directory in memory: every entry it gives is the one zipfile gives, in name order, and
    reads the same bytes, whatever the names' encoding, a zip64 directory, a comment, or
    bytes put before the archive (as a self-extracting one has)."""
    import zipfile

    from trialint.sources.zips import ZipArchive

    archive = tmp_path / "download.zip"
    if zip64:  # every size and offset past the limit: written in zip64 fields and records
        monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 4)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name in ("b/NCT00000002.json", "a/NCT00000003.json", "études/é.yaml",
                     "b/", "__MACOSX/._x.json", ".hidden.json", "notes.txt", "z.YML"):  # fmt: skip
            info = zipfile.ZipInfo(name, date_time=(2024, 3, 15, 12, 30, 58))
            info.comment = b"member comment"
            if name.endswith("/"):
                zipped.writestr(info, b"")
                continue
            zipped.writestr(info, f'{{"name": "{name}"}}')
        zipped.writestr("old-_.json", "{}")
        zipped.comment = b"the archive's comment"
    # a name as old tools write it: in cp437 (0x81 is ü), without the flag that says UTF-8
    archive.write_bytes(archive.read_bytes().replace(b"old-_.json", b"old-\x81.json"))
    monkeypatch.undo()
    assert (b"PK\x06\x06" in archive.read_bytes()) == zip64
    prefixed = tmp_path / "prefixed.zip"
    prefixed.write_bytes(b"#!/bin/sh\nexit 0\n" + archive.read_bytes())
    for path in (archive, prefixed):
        members, refused = ZipArchive(str(path), path.name).members()
        listed = list(members)
        expected = _entries_as_zipfile_lists_them(path)
        assert [info.filename for info in listed] == [
            "a/NCT00000003.json", "b/NCT00000002.json", "old-ü.json", "z.YML", "études/é.yaml"
        ]  # fmt: skip
        assert refused == []
        for mine, theirs in zip(listed, expected, strict=True):
            assert [getattr(mine, f) for f in _ENTRY_FIELDS] == [
                getattr(theirs, f) for f in _ENTRY_FIELDS
            ]
        reader = ZipArchive(str(path), path.name)
        assert [reader.read(info, info.filename) for info in listed] == [
            zipfile.ZipFile(path).read(info.filename) for info in expected
        ]
        reader.close()


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_directory_out_of_name_order_is_listed_in_name_order(tmp_path):
    import zipfile

    from trialint.sources.zips import ZipArchive

    archive = tmp_path / "download.zip"
    names = [f"NCT{number:08d}.json" for number in (5, 3, 9, 1, 3, 7)]  # one name twice
    with zipfile.ZipFile(archive, "w") as zipped:
        for index, name in enumerate(names):
            zipped.writestr(name, f'{{"at": {index}}}')
    members, _ = ZipArchive(str(archive), "download.zip").members()
    listed = list(members)
    assert [info.filename for info in listed] == sorted(names)
    reader = ZipArchive(str(archive), "download.zip")
    # names that are the same keep the directory's order, as a stable sort keeps them
    assert [reader.read(info, "") for info in listed][1:3] == [b'{"at": 1}', b'{"at": 4}']
    reader.close()


def test_a_file_that_is_no_zip_or_a_cut_one_is_reported_as_zipfile_reports_it(tmp_path):
    import zipfile

    from trialint.sources.problems import InputError
    from trialint.sources.zips import ZipArchive

    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as zipped:
        for number in range(200):
            zipped.writestr(f"NCT{number:08d}.json", "{}")
    data = whole.read_bytes()
    cases = {
        "not.zip": b"PK\x03\x04 and then nothing",
        "cut.zip": data[:200],
        "no-directory.zip": data[: data.index(b"PK\x01\x02")] + data[data.index(b"PK\x05\x06") :],
    }
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(zipfile.BadZipFile) as expected:
            zipfile.ZipFile(tmp_path / name)
        with pytest.raises(InputError) as error:
            ZipArchive(str(tmp_path / name), name).members()
        assert error.value.problem.message == f"cannot read the zip archive: {expected.value}"


def test_listing_an_archive_holds_no_directory_of_it(tmp_path):
    """The registry's download has 560,000 members: zipfile's directory (more than half a
    kilobyte an entry) would be held by the run and by every worker it forks. An entry is
    made when its member's turn comes, and let go with it."""
    import gc
    import zipfile

    from trialint.sources.inputs import ZipInput, open_paths

    archive = tmp_path / "ctg-studies.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for number in range(500):
            zipped.writestr(f"NCT{number:08d}.json", "{}")
    del zipped  # and its own list of what it wrote
    seen = 0
    with open_paths([str(archive)]) as inputs:
        for item in inputs:
            assert isinstance(item, ZipInput)
            seen += 1
            if seen == 250:
                entries = [o for o in gc.get_objects() if isinstance(o, zipfile.ZipInfo)]
                assert len(entries) <= 2  # the one in hand, and the first, kept to say none
            del item
    assert seen == 500


def test_an_archive_cut_while_its_members_are_listed_is_an_error_not_a_crash(tmp_path):
    """Entries are read from the directory as their turn comes: an archive overwritten half
    way is reported, as one that could not be opened is."""
    import zipfile

    from trialint.sources.inputs import ZipInput, open_paths
    from trialint.sources.problems import InputProblem

    archive = tmp_path / "ctg-studies.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for number in range(2000):  # a directory larger than what a read brings at once
            zipped.writestr(f"NCT{number:08d}.json", "{}")
    with open_paths([str(archive)]) as inputs:
        listing = iter(inputs)
        first = next(listing)
        archive.write_bytes(b"")
        rest = list(listing)
    assert isinstance(first, ZipInput)
    *members, problem = rest
    assert all(isinstance(item, ZipInput) for item in members) and len(members) < 1999
    assert isinstance(problem, InputProblem) and problem.where == str(archive)
    assert problem.message.startswith("cannot read the zip archive: ")


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
