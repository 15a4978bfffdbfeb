"""A side that is a large JSON list or API page is read a study at a time (``diff.parts``):
what the diff shows must be exactly what reading the file whole shows, and a changed study is
read again by seeking to it, never by reading the file again.

Files here are small: the threshold is set to 0 so that every JSON file is streamed, and each
diff is compared with the same diff of the files read whole (the threshold out of reach).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import orjson
import pytest

from test_diff_inputs import count_parses
from trialint.cli import main
from trialint.diff import inputs
from trialint.diff.inputs import open_paths
from trialint.diff.snapshot import diff_sides
from trialint.document import load
from trialint.sources.inputs import DiskInput

from conftest import SHARED, needs_shared

CORPUS = SHARED / "corpus" / "ctgov-v2"
WHOLE = 10**15  # a threshold no file reaches: read whole


def _corpus(count: int) -> list[dict]:
    return [orjson.loads(p.read_bytes()) for p in sorted(CORPUS.glob("NCT*.json"))[:count]]


def _status(study: dict) -> dict:
    return study["protocolSection"].setdefault("statusModule", {})


def _edited(studies: list[dict]) -> list[dict]:
    """The studies as a later snapshot has them: one in 20 edited as curators edit them (a
    status, a date, a site, a title), one removed, one added, two swapped."""
    new = copy.deepcopy(studies)
    for number, study in enumerate(new[::20]):
        protocol = study["protocolSection"]
        which = number % 4
        if which == 0:
            _status(study)["overallStatus"] = "TERMINATED"
        elif which == 1:
            _status(study)["startDateStruct"] = {"date": "2031-02", "type": "ESTIMATED"}
        elif which == 2:
            contacts = protocol.setdefault("contactsLocationsModule", {})
            contacts.setdefault("locations", []).append(
                {"facility": "Hôpital du Banc d'Essai", "city": "Lyon", "country": "France"}
            )
        else:
            protocol["identificationModule"]["briefTitle"] += " (extension)"
    del new[7]
    new[3], new[4] = new[4], new[3]
    added = copy.deepcopy(studies[11])
    added["protocolSection"]["identificationModule"]["nctId"] = "NCT99999999"
    new.append(added)
    return new


def _forms(studies: list[dict]) -> dict[str, bytes]:
    """The same studies as the registry and people write them."""
    indented = orjson.dumps(studies, option=orjson.OPT_INDENT_2)
    page = {"totalCount": len(studies), "studies": studies, "nextPageToken": "NF0g5JGBlPMu"}
    return {
        "list-indented": indented,
        "page-compact": orjson.dumps({"studies": studies, "nextPageToken": None}),
        "page-indented": json.dumps(page, indent=2, ensure_ascii=False).encode(),
        "list-crlf-bom": b"\xef\xbb\xbf" + indented.replace(b"\n", b"\r\n"),
    }


def _cli(capsys, monkeypatch, threshold: int, *args: object) -> tuple[int, str, str]:
    monkeypatch.setattr(load, "STREAM_FROM", threshold)
    code = main(["diff", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@needs_shared
@pytest.mark.parametrize("form", list(_forms([])))
def test_real_lists_diffed_a_study_at_a_time_show_what_the_whole_files_show(
    form, tmp_path, capsys, monkeypatch
):
    studies = _corpus(300)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_bytes(_forms(studies)[form])
    new.write_bytes(_forms(_edited(studies))[form])
    for before, after in ((old, new), (new, old)):
        for options in (
            ["--output-format", "text", "--show-administrative"],
            ["--output-format", "json", "--include-derived"],
            ["--output-format", "markdown"],
            ["--lint"],
        ):
            whole = _cli(capsys, monkeypatch, WHOLE, *options, before, after)
            streamed = _cli(capsys, monkeypatch, 0, *options, before, after)
            assert streamed == whole
            assert whole[0] == 1
    assert f"{new}#7" in whole[1]  # origins name each study's place in its list


def _diff(old: Path, new: Path) -> tuple[list[tuple], dict, list[str]]:
    """Everything the Python API gives of a diff: each study's diff, the summary and the
    problems of both sides."""
    with open_paths([str(old)]) as before, open_paths([str(new)]) as after:
        diff = diff_sides(before, after)
        results = [
            (d.study, d.old_origin, d.new_origin, [c.to_dict() for c in d.changes]) for d in diff
        ]
        problems = [str(problem) for problem in [*before.problems, *after.problems]]
    summary = vars(diff.summary)
    return results, summary, problems


def test_a_changed_study_is_read_again_by_seeking_not_by_reading_the_file(tmp_path, monkeypatch):
    studies = _synthetic(40)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_bytes(orjson.dumps(studies, option=orjson.OPT_INDENT_2))
    new.write_bytes(orjson.dumps(_edited(studies), option=orjson.OPT_INDENT_2))
    monkeypatch.setattr(load, "STREAM_FROM", WHOLE)
    whole = _diff(old, new)
    monkeypatch.setattr(load, "STREAM_FROM", 0)

    def never(self: DiskInput) -> bytes:
        raise AssertionError(f"{self.name} read whole")

    monkeypatch.setattr(DiskInput, "read", never)
    monkeypatch.setattr(inputs, "load_bytes", never)
    assert _diff(old, new) == whole
    assert whole[1]["changed"] == 2 and whole[1]["added"] == whole[1]["removed"] == 1


def _synthetic(count: int) -> list[dict]:
    """Small studies, numbered."""
    return [
        {
            "protocolSection": {
                "identificationModule": {"nctId": f"NCT{n:08d}", "briefTitle": f"Study {n}"},
                "statusModule": {"overallStatus": "RECRUITING"},
            }
        }
        for n in range(count)
    ]


def test_the_side_keeps_a_few_parts_not_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "STREAM_FROM", 0)
    path = tmp_path / "list.json"
    path.write_bytes(orjson.dumps(_synthetic(30)))
    with open_paths([str(path)]) as side:
        refs = list(side.refs())
        assert len(side._cache._files) == inputs.CACHED_FILES
        assert [ref.origin for ref in refs[:2]] == [f"{path}#0", f"{path}#1"]
        assert refs[0].load().data == _synthetic(1)[0]  # read again at its place
        assert refs[0].load().source.line_index.position(0) == (1, 2)


def test_a_small_list_is_read_whole_as_before(tmp_path, monkeypatch):
    path = tmp_path / "list.json"
    path.write_bytes(orjson.dumps(_synthetic(3)))
    parsed = count_parses(monkeypatch)
    with open_paths([str(path)]) as side:
        assert len(list(side.refs())) == 3
    assert parsed == [str(path)]


def _broken_forms() -> dict[str, bytes]:
    """Lists with a broken study, a missing comma, an entry that is no study, bad UTF-8,
    studies without nctId or with one twice, and a list cut short."""
    first, second, third = (orjson.dumps(study) for study in _synthetic(3))
    return {
        "syntax": b"[" + first + b',\n{"protocolSection": {,}},\n' + third + b"]",
        "comma": b"[" + first + b"\n" + second + b",\n" + third + b"]",
        "not-a-study": b"[" + first + b',\n{"note": 1},\n' + third + b"]",
        "utf8": b"[" + first + b',\n{"protocolSection": {"x": "caf\xe9"}},\n' + third + b"]",
        "unmatched": b"[" + first + b',\n{"protocolSection": {}},\n' + first + b"]",
        "cut": b"[" + first + b",\n" + second[:-9],
        "trailing": b"[" + first + b"]\n]",
    }


@pytest.mark.parametrize("form", list(_broken_forms()))
def test_broken_studies_and_frames_are_problems_and_the_rest_still_diffs(
    form, linter, tmp_path, capsys, monkeypatch
):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_bytes(orjson.dumps(_synthetic(3)))
    new.write_bytes(_broken_forms()[form])
    for before, after in ((old, new), (new, old)):
        code, _, err = _cli(capsys, monkeypatch, 0, before, after)
        assert code == 2 and "Traceback" not in err
        assert f"trialint: error: {new}" in err
    results, summary, problems = _diff(old, new)
    # The file's own problems are those lint's streaming finds, each at its place.
    linted = linter.lint_paths([str(new)]).findings
    expected = [
        f"{new}:{f.span.line}:{f.span.column}: {f.rule.code} {f.message}"
        for f in sorted(linted, key=lambda f: f.rule.code == "F009")
        if f.rule.code.startswith("F")
    ]
    assert [problem for problem in problems if problem.startswith(f"{new}:")] == expected
    # The first study is read and matched whatever comes after it; what a broken file may
    # hide is not called removed (a file whose studies all parse hides nothing).
    assert summary["unchanged"] + summary["compared"] >= 1
    assert summary["removed"] == (2 if form == "unmatched" else 0)
    assert all(study != "NCT00000000" for study, *_ in results)


def test_problems_come_in_the_order_of_the_whole_files_reading(tmp_path, capsys, monkeypatch):
    first, second, _ = (orjson.dumps(study) for study in _synthetic(3))
    doubled = b'{"protocolSection": {"identificationModule": {"nctId": "NCT00000005", "nctId": 1}}}'
    data = b"[" + b",\n".join([first, b'{"x": 1}', b'{"protocolSection": {}}', first, doubled,
                                second]) + b"]"  # fmt: skip
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_bytes(orjson.dumps(_synthetic(3)))
    new.write_bytes(data)
    whole = _cli(capsys, monkeypatch, WHOLE, old, new)
    assert _cli(capsys, monkeypatch, 0, old, new) == whole
    assert whole[2].count("trialint: error:") == 5
