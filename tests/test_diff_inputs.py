"""What a diff reads: files, lists, API pages, folders, zip archives and git revisions, matched
by nctId and streamed; unchanged studies are never compared, problems never stop the rest."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from trialint.diff import inputs
from trialint.diff.compare import compare_studies
from trialint.diff.inputs import open_git, open_git_range, open_paths, split_range
from trialint.diff.model import Change, Kind, NotCompared, Significance, StudyDiff
from trialint.diff.snapshot import DiffSummary, diff_sides
from trialint.document.load import load_file
from trialint.progress import Progress
from trialint.sources.problems import InputError

from conftest import GOOD_RECORD, REPO

GOOD = load_file(GOOD_RECORD).studies[0].data


def study(nct_id: str, status: str = "RECRUITING", title: str | None = None) -> dict:
    """A small study: what inputs and the snapshot streaming look at (no schema here)."""
    return {
        "protocolSection": {
            "identificationModule": {"nctId": nct_id, "briefTitle": title or f"Trial {nct_id}"},
            "statusModule": {"overallStatus": status},
        },
        "derivedSection": {"miscInfoModule": {"versionHolder": "2024-01-01"}},
    }


def write_json(path: Path, value: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")
    return path


class FakeCompare:
    """Records which studies it was asked to compare; every call reports one status change."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, old: dict, new: dict, *, include_derived: bool = False) -> StudyDiff:
        nct_id = new["protocolSection"]["identificationModule"]["nctId"]
        self.calls.append(nct_id)
        before = old["protocolSection"]["statusModule"]["overallStatus"]
        after = new["protocolSection"]["statusModule"]["overallStatus"]
        change = Change(
            nct_id, "statusModule", "overallStatus", Kind.CHANGED, Significance.MAJOR, before, after
        )
        return StudyDiff(nct_id, None, None, [change])


def run(old, new, **options) -> tuple[dict[str, StudyDiff], DiffSummary, FakeCompare]:
    """Diff two sides with a fake compare; results by nctId."""
    compare = options.pop("compare", None) or FakeCompare()
    diff = diff_sides(old, new, compare=compare, **options)
    results = {result.study: result for result in diff}
    return results, diff.summary, compare


def refs_of(*paths: Path | str) -> tuple[list[inputs.StudyRef], list[str]]:
    with open_paths([str(path) for path in paths]) as side:
        refs = list(side.refs())
        return refs, [str(problem) for problem in side.problems]


# --- each kind of input ------------------------------------------------------------------


def test_a_yaml_file_with_one_study():
    [ref], problems = refs_of(GOOD_RECORD)
    assert (ref.nct_id, ref.origin, problems) == ("NCT01234567", str(GOOD_RECORD), [])
    assert len(ref.fingerprint) == 16
    assert ref.load().data == GOOD


def test_a_json_list_names_each_study_by_its_position(tmp_path):
    path = write_json(tmp_path / "studies.json", [study("NCT00000001"), study("NCT00000002")])
    refs, problems = refs_of(path)
    assert [(r.nct_id, r.origin) for r in refs] == [
        ("NCT00000001", f"{path}#0"),
        ("NCT00000002", f"{path}#1"),
    ]
    assert refs[1].load().data == study("NCT00000002")
    assert problems == []


def test_an_api_page(tmp_path):
    page = {"studies": [study("NCT00000001"), study("NCT00000002")], "nextPageToken": "x"}
    refs, _ = refs_of(write_json(tmp_path / "page.json", page))
    assert [r.nct_id for r in refs] == ["NCT00000001", "NCT00000002"]
    assert refs[0].origin.endswith("page.json#0")


def test_a_folder_is_searched_recursively_skipping_hidden_folders(tmp_path):
    write_json(tmp_path / "a" / "NCT00000001.json", study("NCT00000001"))
    write_json(tmp_path / "a" / "b" / "c" / "NCT00000002.json", study("NCT00000002"))
    shutil.copy(GOOD_RECORD, tmp_path / "a" / "b" / "good.yml")
    write_json(tmp_path / ".git" / "NCT00000003.json", study("NCT00000003"))
    (tmp_path / "notes.txt").write_text("not a record", encoding="utf-8")
    refs, problems = refs_of(tmp_path)
    assert sorted(r.nct_id for r in refs) == ["NCT00000001", "NCT00000002", "NCT01234567"]
    assert problems == []


def test_a_zip_of_one_json_per_study(tmp_path):
    archive = tmp_path / "ctg-studies.json.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for number in (2, 1):
            zipped.writestr(f"NCT0000000{number}.json", json.dumps(study(f"NCT0000000{number}")))
        zipped.writestr("__MACOSX/._NCT00000001.json", b"\x00\x05\x16\x07")
        zipped.writestr("README.txt", "not a record")
    refs, problems = refs_of(archive)
    assert [r.origin for r in refs] == [
        f"{archive}!NCT00000001.json",
        f"{archive}!NCT00000002.json",
    ]
    assert refs[1].load().data == study("NCT00000002")
    assert problems == []


def test_a_zip_of_one_json_list(tmp_path):
    archive = tmp_path / "download"  # saved without a suffix: recognised by its first bytes
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("ctg-studies.json", json.dumps([study("NCT00000001"), GOOD]))
    refs, problems = refs_of(archive)
    assert [(r.nct_id, r.origin) for r in refs] == [
        ("NCT00000001", f"{archive}!ctg-studies.json#0"),
        ("NCT01234567", f"{archive}!ctg-studies.json#1"),
    ]
    assert refs[1].load().data == GOOD
    assert problems == []


def _bomb_zip(archive: Path, inflated: int) -> None:
    """A zip of a good study and a member of ``inflated`` bytes of one character, which
    deflates to almost nothing (a zip bomb, small)."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("NCT00000001.json", json.dumps(study("NCT00000001")))
        zipped.writestr("NCT00000002.json", '{"a": "' + "0" * inflated + '"}')


@pytest.mark.parametrize(
    ("limits", "why"),
    [
        ({"MAX_MEMBER_BYTES": 2**20}, "inflates to 2,097,161 bytes, past the 1 MB"),
        ({"MAX_RATIO": 50, "RATIO_FROM_BYTES": 2**16}, "more than 50 times its compressed size"),
    ],
)
def test_a_member_that_inflates_past_the_limits_is_refused_and_the_rest_read(
    tmp_path, monkeypatch, limits, why
):
    from trialint.sources import zips

    for name, value in limits.items():
        monkeypatch.setattr(zips, name, value)
    archive = tmp_path / "bomb.zip"
    _bomb_zip(archive, 2 * 2**20)
    with open_paths([str(archive)]) as side:
        refs = list(side.refs())
        problems = [str(problem) for problem in side.problems]
    assert [r.nct_id for r in refs] == ["NCT00000001"]
    assert len(problems) == 1
    assert problems[0].startswith(f"{archive}!NCT00000002.json: cannot read from the archive: ")
    assert why in problems[0]


def test_a_missing_path_is_an_error_not_an_empty_side(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        open_paths([str(tmp_path / "nowhere")])


def test_a_broken_zip_is_reported(tmp_path):
    archive = tmp_path / "broken.zip"
    archive.write_bytes(b"PK\x03\x04 and then nothing")
    refs, problems = refs_of(archive)
    assert refs == []
    assert len(problems) == 1
    assert problems[0].startswith(f"{archive}: cannot read the zip archive")


# --- matching and streaming --------------------------------------------------------------


def test_studies_are_matched_by_nct_id_not_file_name(tmp_path):
    write_json(tmp_path / "old" / "first.json", study("NCT00000001"))
    write_json(tmp_path / "old" / "second.json", study("NCT00000002"))
    write_json(tmp_path / "new" / "zzz.json", study("NCT00000001", "COMPLETED"))
    write_json(tmp_path / "new" / "sub" / "aaa.json", study("NCT00000002"))
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, compare = run(old, new)
    assert compare.calls == ["NCT00000001"]
    result = results["NCT00000001"]
    assert (result.old_origin, result.new_origin) == (
        str(tmp_path / "old" / "first.json"),
        str(tmp_path / "new" / "zzz.json"),
    )
    assert (summary.compared, summary.changed, summary.unchanged) == (1, 1, 1)
    assert (summary.added, summary.removed) == (0, 0)


def test_a_folder_diffs_against_a_list_and_a_zip(tmp_path):
    write_json(tmp_path / "old.json", [study("NCT00000001"), study("NCT00000002")])
    archive = tmp_path / "new.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("a.json", json.dumps(study("NCT00000002", "COMPLETED")))
        zipped.writestr("b.json", json.dumps(study("NCT00000001")))
    with open_paths([str(tmp_path / "old.json")]) as old, open_paths([str(archive)]) as new:
        results, summary, _ = run(old, new)
    assert list(results) == ["NCT00000002"]
    assert results["NCT00000002"].old_origin == f"{tmp_path / 'old.json'}#1"
    assert results["NCT00000002"].new_origin == f"{archive}!a.json"
    assert summary.unchanged == 1


def test_added_and_removed_studies(tmp_path):
    write_json(tmp_path / "old" / "1.json", study("NCT00000001"))
    write_json(tmp_path / "old" / "2.json", study("NCT00000002", title="The removed one"))
    write_json(tmp_path / "new" / "1.json", study("NCT00000001"))
    write_json(tmp_path / "new" / "3.json", study("NCT00000003", title="The added one"))
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, compare = run(old, new)
    assert compare.calls == []
    assert list(results) == ["NCT00000003", "NCT00000002"]  # new side's order, removed last
    [added] = results["NCT00000003"].changes
    assert (added.module, added.path, added.kind, added.significance) == (
        "study",
        "",
        Kind.ADDED,
        Significance.MAJOR,
    )
    assert (added.old, added.new) == (None, "The added one")
    assert results["NCT00000003"].old_origin is None
    [removed] = results["NCT00000002"].changes
    assert (removed.kind, removed.old, removed.new) == (Kind.REMOVED, "The removed one", None)
    assert results["NCT00000002"].new_origin is None
    assert (summary.added, summary.removed, summary.unchanged) == (1, 1, 1)


def test_an_added_study_without_title_is_named_by_its_origin(tmp_path):
    untitled = study("NCT00000009")
    del untitled["protocolSection"]["identificationModule"]["briefTitle"]
    path = write_json(tmp_path / "new" / "x.json", untitled)
    write_json(tmp_path / "old" / "y.json", [])
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, _, _ = run(old, new)
    assert results["NCT00000009"].changes[0].new == str(path)


def test_unchanged_studies_are_not_compared(tmp_path):
    studies = [study(f"NCT0000000{n}") for n in range(1, 8)]
    changed = copy.deepcopy(studies)
    changed[3]["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    for n, record in enumerate(studies):
        write_json(tmp_path / "old" / f"{n}.json", record)
    # Same content, other key order and layout: the fingerprint is of the content.
    for n, record in enumerate(changed):
        text = json.dumps(dict(reversed(list(record.items()))))
        (tmp_path / "new").mkdir(exist_ok=True)
        (tmp_path / "new" / f"{n}.json").write_text(text, encoding="utf-8")
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, compare = run(old, new)
    assert compare.calls == ["NCT00000004"]
    assert list(results) == ["NCT00000004"]
    assert (summary.indexed, summary.scanned, summary.unchanged, summary.compared) == (7, 7, 6, 1)


def test_derived_fields_count_only_when_asked(tmp_path):
    newer = study("NCT00000001")
    newer["derivedSection"]["miscInfoModule"]["versionHolder"] = "2024-06-01"
    write_json(tmp_path / "old.json", study("NCT00000001"))
    write_json(tmp_path / "new.json", newer)

    def sides():
        return open_paths([str(tmp_path / "old.json")]), open_paths([str(tmp_path / "new.json")])

    old, new = sides()
    assert run(old, new)[1].unchanged == 1
    old, new = sides()
    assert run(old, new, include_derived=True)[2].calls == ["NCT00000001"]


def test_a_compared_study_with_no_change_is_counted_not_yielded(tmp_path):
    write_json(tmp_path / "old.json", study("NCT00000001"))
    write_json(tmp_path / "new.json", study("NCT00000001", "COMPLETED"))

    def nothing(old: dict, new: dict, *, include_derived: bool = False) -> StudyDiff:
        return StudyDiff("NCT00000001", None, None, [])

    old, new = open_paths([str(tmp_path / "old.json")]), open_paths([str(tmp_path / "new.json")])
    results, summary, _ = run(old, new, compare=nothing)
    assert results == {}
    assert (summary.compared, summary.changed) == (1, 0)


# --- problems ------------------------------------------------------------------------------


def test_a_broken_file_is_reported_and_the_rest_still_diffs(tmp_path):
    write_json(tmp_path / "old" / "1.json", study("NCT00000001"))
    write_json(tmp_path / "old" / "2.json", study("NCT00000002"))
    write_json(tmp_path / "new" / "1.json", study("NCT00000001", "COMPLETED"))
    (tmp_path / "new" / "2.json").write_text('{"protocolSection": {', encoding="utf-8")
    (tmp_path / "new" / "3.yaml").write_bytes(b"city: Cr\xe9teil\n")
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, _ = run(old, new)
        problems = [str(problem) for problem in new.problems]
    assert "NCT00000001" in results
    assert problems[0].startswith(f"{tmp_path / 'new' / '2.json'}:1:")
    assert " F001 " in problems[0]
    assert problems[1].startswith(f"{tmp_path / 'new' / '3.yaml'}:1:9: F005 ")
    assert len(problems) == 2
    # NCT00000002 may still be in new/2.json: not removed, not compared.
    assert (summary.removed, summary.added) == (0, 0)
    assert summary.not_compared == [
        NotCompared("NCT00000002", str(tmp_path / "old" / "2.json"),
                    str(tmp_path / "new" / "2.json"), added=False)
    ]  # fmt: skip


def test_a_study_beside_a_broken_file_of_another_name_is_still_removed(tmp_path):
    write_json(tmp_path / "old" / "1.json", study("NCT00000001"))
    write_json(tmp_path / "old" / "2.json", study("NCT00000002"))
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "3.json").write_text("[", encoding="utf-8")
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, _ = run(old, new)
    assert sorted(results) == ["NCT00000001", "NCT00000002"]
    assert {change.kind for result in results.values() for change in result.changes} == {
        Kind.REMOVED
    }
    assert summary.not_compared == []


def test_a_file_read_whole_despite_a_problem_still_shows_removals(tmp_path):
    write_json(tmp_path / "old" / "studies.json", [study("NCT00000001"), study("NCT00000002")])
    (tmp_path / "new").mkdir()
    text = json.dumps([study("NCT00000001")]).replace(
        '"nctId"', '"acronym": "A", "acronym": "B", "nctId"'
    )
    (tmp_path / "new" / "studies.json").write_text(text, encoding="utf-8")
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, _ = run(old, new)
        problems = [str(problem) for problem in new.problems]
    assert [problem.split(": ", 1)[1][:4] for problem in problems] == ["F002"]
    assert [change.kind for change in results["NCT00000002"].changes] == [Kind.REMOVED]
    assert summary.not_compared == []


def test_a_broken_old_file_does_not_make_its_study_look_added(tmp_path):
    (tmp_path / "old" / "sub").mkdir(parents=True)
    (tmp_path / "old" / "sub" / "NCT00000001.yaml").write_text("a: [\n", encoding="utf-8")
    write_json(tmp_path / "new" / "NCT00000001.json", study("NCT00000001"))
    write_json(tmp_path / "new" / "NCT00000002.json", study("NCT00000002"))
    new_origin = str(tmp_path / "new" / "NCT00000001.json")
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, _ = run(old, new)
    # The old file's name differs only in its suffix: it is another file, so the study is added.
    assert list(results) == ["NCT00000001", "NCT00000002"]
    (tmp_path / "old" / "sub" / "NCT00000001.yaml").rename(
        tmp_path / "old" / "sub" / "NCT00000001.json"
    )
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, _ = run(old, new)
    assert list(results) == ["NCT00000002"]
    assert summary.added == 1
    broken = str(tmp_path / "old" / "sub" / "NCT00000001.json")
    assert summary.not_compared == [NotCompared("NCT00000001", new_origin, broken, added=True)]


def test_one_broken_file_against_one_file_of_another_name(tmp_path):
    old_file = write_json(tmp_path / "v1.json", study("NCT00000001"))
    new_file = tmp_path / "v2.json"
    new_file.write_text('{"protocolSection": ', encoding="utf-8")
    with open_paths([str(old_file)]) as old, open_paths([str(new_file)]) as new:
        results, summary, _ = run(old, new)
    assert results == {}
    assert summary.not_compared == [
        NotCompared("NCT00000001", str(old_file), str(new_file), added=False)
    ]


def test_the_file_name_of_an_origin():
    assert inputs.file_name("snap/a/NCT01.yaml#2") == "NCT01.yaml"
    assert inputs.file_name("ctg.zip!studies/NCT01.json") == "NCT01.json"
    assert inputs.file_name("HEAD~1:records/NCT01.yaml") == "NCT01.yaml"
    assert inputs.file_name("HEAD:NCT01.yaml") == "NCT01.yaml"


def test_values_nested_too_deeply_to_compare_are_a_problem_not_a_crash(tmp_path):
    for name, status, depth in (("old", "RECRUITING", 300), ("new", "COMPLETED", 301)):
        version = study("NCT00000001", status)
        version["protocolSection"]["x"] = "here"
        text = json.dumps(version).replace('"here"', "[" * depth + "]" * depth)
        (tmp_path / f"{name}.json").write_text(text, encoding="utf-8")
    with (
        open_paths([str(tmp_path / "old.json")]) as a,
        open_paths([str(tmp_path / "new.json")]) as b,
    ):
        results, summary, _ = run(a, b, compare=compare_studies)
    assert results == {}
    assert [str(problem) for problem in summary.problems] == [
        f"NCT00000001: values nested too deeply to compare {tmp_path / 'old.json'} with "
        f"{tmp_path / 'new.json'}"
    ]


def test_duplicate_nct_ids_and_studies_without_one_are_reported(tmp_path):
    no_id = study("NCT00000009")
    del no_id["protocolSection"]["identificationModule"]["nctId"]
    write_json(tmp_path / "a.json", [study("NCT00000001"), no_id])
    write_json(tmp_path / "b.json", study("NCT00000001", "COMPLETED"))
    refs, problems = refs_of(tmp_path)
    assert [r.origin for r in refs] == [f"{tmp_path / 'a.json'}#0"]
    assert problems == [
        f"{tmp_path / 'a.json'}#1: the study has no nctId, so it cannot be matched",
        f"{tmp_path / 'b.json'}: NCT00000001 is also in {tmp_path / 'a.json'}#0; ignored",
    ]


def test_a_file_changed_during_the_diff_is_a_problem(tmp_path):
    write_json(tmp_path / "old.json", study("NCT00000001"))
    [ref] = list(open_paths([str(tmp_path / "old.json")]).refs())
    ref._cache._files.clear()
    write_json(tmp_path / "old.json", study("NCT00000002"))
    with pytest.raises(InputError, match="NCT00000001 is no longer there"):
        ref.load()


def test_a_failing_compare_is_reported_and_the_diff_goes_on(tmp_path):
    for side, status in (("old", "RECRUITING"), ("new", "COMPLETED")):
        write_json(tmp_path / side / "1.json", study("NCT00000001", status))
        write_json(tmp_path / side / "2.json", study("NCT00000002", status))

    def fragile(old: dict, new: dict, *, include_derived: bool = False) -> StudyDiff:
        if new["protocolSection"]["identificationModule"]["nctId"] == "NCT00000001":
            raise KeyError("oops")
        return FakeCompare()(old, new)

    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, _ = run(old, new, compare=fragile)
    assert list(results) == ["NCT00000002"]
    [problem] = summary.problems
    assert problem.where == "NCT00000001"
    assert "internal error comparing" in problem.message


# --- re-reading: the cache -------------------------------------------------------------------


def count_parses(monkeypatch) -> list[str]:
    """Every load_bytes call of the inputs module, by file name."""
    names: list[str] = []
    real = inputs.load_bytes

    def counting(data: bytes, name: str, fmt: str):
        names.append(name)
        return real(data, name, fmt)

    monkeypatch.setattr(inputs, "load_bytes", counting)
    return names


def test_a_list_with_five_changed_studies_is_parsed_once_per_side(tmp_path, monkeypatch):
    studies = [study(f"NCT0000000{n}") for n in range(8)]
    changed = copy.deepcopy(studies)
    for record in changed[1:6]:
        record["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    write_json(tmp_path / "old.json", studies)
    write_json(tmp_path / "new.json", changed)
    parses = count_parses(monkeypatch)
    old, new = open_paths([str(tmp_path / "old.json")]), open_paths([str(tmp_path / "new.json")])
    results, summary, compare = run(old, new)
    assert len(compare.calls) == len(results) == summary.changed == 5
    assert sorted(parses) == [str(tmp_path / "new.json"), str(tmp_path / "old.json")]


def test_the_cache_is_small_and_the_data_is_not_kept(tmp_path, monkeypatch):
    count = inputs.CACHED_FILES + 3
    for n in range(count):
        write_json(tmp_path / f"{n}.json", study(f"NCT0000000{n}"))
    parses = count_parses(monkeypatch)
    with open_paths([str(tmp_path)]) as side:
        refs = list(side.refs())
        assert len(parses) == count
        assert len(side._cache._files) == inputs.CACHED_FILES
        assert refs[-1].load().data == study(f"NCT0000000{count - 1}")  # still cached
        assert len(parses) == count
        assert refs[0].load().data == study("NCT00000000")  # read again
        assert len(parses) == count + 1
    assert not hasattr(refs[0], "__dict__")  # slots: nothing else can be kept in a ref


def test_files_with_the_same_bytes_on_the_new_side_are_not_parsed(tmp_path, monkeypatch):
    for side in ("old", "new"):
        write_json(tmp_path / side / "list.json", [study("NCT00000001"), study("NCT00000002")])
        write_json(tmp_path / side / "3.json", study("NCT00000003"))
    write_json(tmp_path / "new" / "4.json", study("NCT00000004"))
    # Same bytes, other format: not the same file for the diff (YAML may read them otherwise).
    write_json(tmp_path / "old" / "5.json", study("NCT00000005"))
    write_json(tmp_path / "new" / "5.yaml", study("NCT00000005"))
    parses = count_parses(monkeypatch)
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        twins = inputs.Twins()
        old_refs = list(old.refs())
        for ref in old_refs:
            twins.add(ref)
        refs = {ref.nct_id: ref for ref in new.refs(twins=twins)}
    assert [Path(name).name for name in parses] == [
        "3.json", "5.json", "list.json", "4.json", "5.yaml"
    ]  # fmt: skip
    assert (old.parsed, new.parsed, new.files, new.studies) == (3, 2, 4, 5)
    new_list = tmp_path / "new" / "list.json"
    assert refs["NCT00000002"].origin == f"{new_list}#1"
    assert refs["NCT00000002"].load().data == study("NCT00000002")
    [before] = [ref for ref in old_refs if ref.nct_id == "NCT00000002"]
    assert refs["NCT00000002"].fingerprint == before.fingerprint
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        results, summary, _ = run(old, new)
    assert list(results) == ["NCT00000004"]
    assert summary.unchanged == 4


def test_a_file_with_problems_is_parsed_again_so_they_are_reported_on_both_sides(tmp_path):
    text = '{"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}, "x": 1, "x": 2}'
    for side in ("old", "new"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "dup.json").write_text(text, encoding="utf-8")
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        _, summary, _ = run(old, new)
    assert summary.unchanged == 1
    assert [p.message[:4] for p in old.problems] == [p.message[:4] for p in new.problems]
    assert new.problems[0].message.startswith("F002 ")


# --- progress ------------------------------------------------------------------------------


class RecordedProgress(Progress):
    """What a diff tells its bar, as (description, studies done)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, int]] = []

    def show(self, done: int, description: str) -> None:
        self.seen.append((description, done))


def test_progress_counts_each_side_and_is_silent_by_default(tmp_path, capsys):
    write_json(tmp_path / "old.json", [study("NCT00000001"), study("NCT00000002")])
    write_json(tmp_path / "new.json", [study("NCT00000001", "COMPLETED")])
    old, new = open_paths([str(tmp_path / "old.json")]), open_paths([str(tmp_path / "new.json")])
    progress = RecordedProgress()
    list(diff_sides(old, new, compare=FakeCompare(), progress=progress))
    assert progress.seen == [
        ("diff: reading the old side", 1),
        ("diff: reading the old side", 2),
        ("diff: comparing", 1),
    ]
    old, new = open_paths([str(tmp_path / "old.json")]), open_paths([str(tmp_path / "new.json")])
    list(diff_sides(old, new, compare=FakeCompare()))
    assert capsys.readouterr().err == ""


# --- the real comparison, on the bundled records ---------------------------------------------


def test_the_bundled_snapshot_against_the_records():
    old = open_paths([str(REPO / "snapshots" / "2022-05-02")])
    new = open_paths([str(REPO / "records")])
    diff = diff_sides(old, new)
    results = {result.study: result for result in diff}
    assert results["NCT04711200"].changes
    assert results["NCT04711200"].old_origin.endswith("NCT04711200.yaml")
    assert diff.summary.added == 3 and diff.summary.compared == 1
    assert old.problems == new.problems == []


# --- git revisions -----------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


class Repo:
    """A throwaway git repository; commits return their id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir()
        self.env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        }
        self.git("init", "-q")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.path, env=self.env, capture_output=True, check=True
        )
        return done.stdout.decode().strip()

    def commit(self, files: dict[str, object | None], message: str) -> str:
        for name, value in files.items():
            path = self.path / name
            if value is None:
                path.unlink()
            else:
                write_json(path, value)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "--short", "HEAD")


@pytest.fixture
def repo(tmp_path) -> Repo:
    return Repo(tmp_path / "repo")


@needs_git
def test_a_git_revision_is_read_without_the_working_tree(repo):
    first = repo.commit(
        {
            "records/NCT00000001.json": study("NCT00000001"),
            "records/deep/NCT00000002.json": study("NCT00000002"),
            "records/.hidden/NCT00000003.json": study("NCT00000003"),
            "other/NCT00000004.json": study("NCT00000004"),
        },
        "first",
    )
    write_json(repo.path / "records" / "NCT00000001.json", study("NCT00000001", "WITHDRAWN"))
    with open_git(repo.path, first, ["records"]) as side:
        refs = list(side.refs())
        assert [r.content_key is not None for r in refs] == [True, True]
        assert [r.origin for r in refs] == [
            f"{first}:records/NCT00000001.json",
            f"{first}:records/deep/NCT00000002.json",
        ]
        assert refs[0].load().data == study("NCT00000001")  # the commit's, not the file's
        assert side.problems == []
    assert repo.git("status", "--porcelain") == "M records/NCT00000001.json"


@needs_git
def test_two_git_revisions_diff_by_nct_id(repo):
    first = repo.commit(
        {
            "records/NCT00000001.yaml": study("NCT00000001"),
            "records/NCT00000002.yaml": study("NCT00000002"),
            "records/NCT00000003.yaml": study("NCT00000003"),
        },
        "first",
    )
    second = repo.commit(
        {
            "records/NCT00000001.yaml": None,
            "records/renamed.yaml": study("NCT00000001", "COMPLETED"),
            "records/NCT00000002.yaml": None,
            "records/NCT00000004.yaml": study("NCT00000004"),
        },
        "second",
    )
    old, new = open_git_range(repo.path, f"{first}..{second}", ["records"])
    with old, new:
        results, summary, compare = run(old, new)
        assert new.parsed == 2  # NCT00000003's blob is the same object: not read again
    assert compare.calls == ["NCT00000001"]
    assert results["NCT00000001"].new_origin == f"{second}:records/renamed.yaml"
    assert results["NCT00000004"].changes[0].kind is Kind.ADDED
    assert results["NCT00000002"].changes[0].kind is Kind.REMOVED
    assert (summary.unchanged, summary.compared) == (1, 1)
    # A range with one end left out is up to HEAD, as git reads it.
    old, new = open_git_range(repo.path, f"{first}..", ["records"])
    with old, new:
        assert run(old, new)[1].compared == 1


@needs_git
def test_git_problems_and_errors(repo):
    repo.commit({"records/a.json": study("NCT00000001")}, "first")
    (repo.path / "records" / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    broken = repo.commit({}, "broken")
    with open_git(repo.path, broken, ["records", "missing"]) as side:
        refs = list(side.refs())
        problems = [str(problem) for problem in side.problems]
    assert [r.nct_id for r in refs] == ["NCT00000001"]
    assert problems[0].startswith(f"{broken}:records/broken.yaml:")
    assert " F001 " in problems[0]
    assert problems[1] == f"{broken}:missing: no record file there in {broken}"
    (repo.path / "records" / "a.json").rename(repo.path / "records" / "a.record")
    renamed = repo.commit({}, "a file named outright is read whatever its suffix")
    with open_git(repo.path, renamed, ["records/a.record", "./records/"]) as side:
        assert [r.origin for r in side.refs()] == [f"{renamed}:records/a.record"]
    with pytest.raises(InputError, match="not a revision"):
        open_git(repo.path, "no-such-branch")
    with pytest.raises(InputError, match="not a revision"):
        open_git(repo.path, "--output=/tmp/x")


def test_rev_ranges_are_split_as_git_reads_them():
    assert split_range("a1b2..main") == ("a1b2", "main")
    assert split_range("v1..") == ("v1", "HEAD")
    assert split_range("HEAD~3") is None
    with pytest.raises(InputError, match=r"A\.\.\.B"):
        split_range("main...topic")
