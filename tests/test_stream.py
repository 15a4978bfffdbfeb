"""A large JSON list or API page is read study by study (``document.stream``): what a user
sees must be exactly what the whole-file reading shows, and a broken study or frame is a
finding at its place while the rest is still checked.

Files here are small: the threshold is set to 0 so that every JSON file is streamed, and each
is compared with the same file read whole (the threshold out of reach).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import orjson
import pytest

from trialint import cli
from trialint.document import load, stream
from trialint.document.yaml12 import parse_yaml
from trialint.lint.outcome import LintResult

from conftest import GOOD_TEXT, SHARED, TODAY, needs_shared

CORPUS = SHARED / "corpus" / "ctgov-v2"
WHOLE = 10**15  # a threshold no file reaches: read whole


def _good_study() -> dict:
    [study] = parse_yaml(GOOD_TEXT.encode()).documents
    return study


def _lint(linter, path: Path, monkeypatch, threshold: int) -> LintResult:
    monkeypatch.setattr(load, "STREAM_FROM", threshold)
    return linter.lint_paths([str(path)])


def _seen(result: LintResult) -> tuple:
    """Everything a report shows of a run."""
    return (
        [(f.rule.code, f.span, f.pointer, f.message, f.study, f.related) for f in result.findings],
        result.quoted_lines, result.errors, result.files, result.studies, result.collections,
    )  # fmt: skip


def _forms(studies: list[dict]) -> dict[str, bytes]:
    """The same studies as the registry and people write them."""
    indented = orjson.dumps(studies, option=orjson.OPT_INDENT_2)
    page = {"totalCount": len(studies), "studies": studies, "nextPageToken": "NF0g5JGBlPMu"}
    return {
        "list-indented": indented,
        "list-compact": orjson.dumps(studies),
        "page-compact": orjson.dumps({"studies": studies, "nextPageToken": None}),
        "page-indented": orjson.dumps(page, option=orjson.OPT_INDENT_2),
        "list-crlf-bom": b"\xef\xbb\xbf" + indented.replace(b"\n", b"\r\n"),
        "list-by-hand": b"  [ " + b" ,\n".join(orjson.dumps(s) for s in studies) + b"\n]\n",
        "list-unicode-first": b'[{"x":"\xc3\xa9\xe2\x82\xac"}, ' + orjson.dumps(studies)[1:],
    }


@needs_shared
@pytest.mark.parametrize("form", list(_forms([])))
def test_real_studies_streamed_show_the_findings_of_the_whole_file(
    form, linter, tmp_path, monkeypatch
):
    studies = [orjson.loads(p.read_bytes()) for p in sorted(CORPUS.glob("NCT*.json"))[:150]]
    path = tmp_path / f"{form}.json"
    path.write_bytes(_forms(studies)[form])
    whole = _lint(linter, path, monkeypatch, WHOLE)
    streamed = _lint(linter, path, monkeypatch, 0)
    assert len(whole.findings) > 500  # real findings, on many lines and columns
    assert _seen(streamed) == _seen(whole)


def _cli(capsys, monkeypatch, threshold: int, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(load, "STREAM_FROM", threshold)
    code = cli.main(["lint", "--today", TODAY.isoformat(), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("output", ["text", "json", "jsonl", "junit", "sarif", "github", "gitlab"])
def test_every_report_of_a_streamed_list_is_that_of_the_whole_file(
    output, tmp_path, capsys, monkeypatch
):
    study = _good_study()
    wrong = json.loads(json.dumps(study))
    wrong["protocolSection"]["statusModule"]["overallStatus"] = "RECRUTING"
    path = tmp_path / "list.json"
    path.write_bytes(orjson.dumps([study, wrong, study, wrong], option=orjson.OPT_INDENT_2))
    whole = _cli(capsys, monkeypatch, WHOLE, "--output-format", output, str(path))
    streamed = _cli(capsys, monkeypatch, 0, "--output-format", output, str(path))
    assert streamed == whole
    assert whole[0] == 1


def test_a_clean_streamed_list_is_one_passing_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "list.json"
    path.write_bytes(orjson.dumps([_good_study()] * 3, option=orjson.OPT_INDENT_2))
    for output in ("text", "junit"):
        whole = _cli(capsys, monkeypatch, WHOLE, "--output-format", output, str(path))
        assert _cli(capsys, monkeypatch, 0, "--output-format", output, str(path)) == whole
    code, out, _ = _cli(capsys, monkeypatch, 0, str(path))
    assert (code, out) == (0, "All checks passed! (1 file, 3 studies)\n")


def _three(middle: bytes) -> bytes:
    """A compact list of the good study, ``middle``, and the good study again (renumbered)."""
    first = orjson.dumps(_good_study())
    last = first.replace(b"NCT01234567", b"NCT07654321")
    return b"[" + first + b",\n" + middle + b",\n" + last + b"]\n"


def _syntax_and_studies(linter, tmp_path, monkeypatch, data: bytes) -> tuple[list, list]:
    path = tmp_path / "broken.json"
    path.write_bytes(data)
    result = _lint(linter, path, monkeypatch, 0)
    assert result.errors == []
    problems = [(f.rule.code, f.span.line, f.span.column, f.message) for f in result.findings
                if f.rule.code.startswith("F")]  # fmt: skip
    return problems, sorted({f.study for f in result.findings if f.study})


def test_a_syntax_error_in_one_study_is_a_finding_and_the_others_are_checked(
    linter, tmp_path, monkeypatch
):
    study = _good_study()
    study["protocolSection"]["statusModule"]["overallStatus"] = "RECRUTING"
    first_bad = orjson.dumps(study).replace(b"NCT01234567", b"NCT01111111")
    broken = first_bad.replace(b'"RECRUTING"', b"RECRUTING")
    data = _three(broken)
    problems, studies = _syntax_and_studies(linter, tmp_path, monkeypatch, data)
    # The json module says the same of the whole file, at the same place.
    with pytest.raises(json.JSONDecodeError) as error:
        json.loads(data)
    assert problems == [("F001", 2, error.value.colno, "Expecting value")]
    assert error.value.lineno == 2
    good = _lint(linter, tmp_path / "broken.json", monkeypatch, 0)
    assert [f.rule.code for f in good.findings] == ["F001"]  # the good studies are clean
    assert good.studies == 2
    assert studies == []


def test_a_missing_comma_between_studies_is_a_finding_and_every_study_is_checked(
    linter, tmp_path, monkeypatch
):
    study = _good_study()
    study["protocolSection"]["statusModule"]["overallStatus"] = "RECRUTING"
    text = orjson.dumps([study, study, study], option=orjson.OPT_INDENT_2)
    data = text.replace(b"\n  },\n  {", b"\n  }\n  {", 1)
    path = tmp_path / "list.json"
    path.write_bytes(data)
    result = _lint(linter, path, monkeypatch, 0)
    line = data[: data.index(b"\n  }\n  {") + 5].count(b"\n") + 1
    assert [(f.rule.code, f.span.line, f.span.column, f.message) for f in result.findings
            if f.rule.code == "F001"] == [("F001", line, 3, "Expecting ',' delimiter")]  # fmt: skip
    assert (result.studies, [f.rule.code for f in result.findings].count("S003")) == (3, 3)


def test_a_list_cut_short_reports_where_it_ends_and_checks_the_studies_before(
    linter, tmp_path, monkeypatch
):
    data = _three(orjson.dumps(_good_study()))
    cut = data[: len(data) // 2 + 400]  # in the middle study
    path = tmp_path / "cut.json"
    path.write_bytes(cut)
    result = _lint(linter, path, monkeypatch, 0)
    with pytest.raises(json.JSONDecodeError) as error:
        json.loads(cut)
    assert [(f.rule.code, f.span.line, f.message) for f in result.findings] == [
        ("F001", error.value.lineno, error.value.msg)
    ]
    assert (result.errors, result.studies) == ([], 1)


def test_bad_utf8_and_entries_that_are_no_study_are_findings_at_their_place(
    linter, tmp_path, monkeypatch
):
    data = _three(b'{"note": "caf\xe9"}').replace(b"caf\xe9", b"caf\xc3\xa9")
    path = tmp_path / "mixed.json"
    path.write_bytes(data)
    whole = _lint(linter, path, monkeypatch, WHOLE)
    streamed = _lint(linter, path, monkeypatch, 0)
    assert _seen(streamed) == _seen(whole)
    assert [(f.rule.code, f.span.line, f.span.column) for f in streamed.findings] == [
        ("F009", 2, 1)
    ]
    path.write_bytes(_three(b'{"note": "caf\xe9"}'))
    streamed = _lint(linter, path, monkeypatch, 0)
    assert [(f.rule.code, f.span.line, f.span.column) for f in streamed.findings] == [
        ("F005", 2, 14)
    ]
    assert streamed.studies == 2


def test_a_large_study_or_a_file_that_is_no_collection_is_read_whole(linter, tmp_path, monkeypatch):
    study = _good_study()
    study["protocolSection"]["statusModule"]["overallStatus"] = "RECRUTING"
    for name, data in [
        ("study.json", orjson.dumps(study, option=orjson.OPT_INDENT_2)),
        ("page-study-first.json", orjson.dumps({"protocolSection": {}, "studies": []})),
        ("number.json", b"12"),
        ("broken.json", b'{\n  "studies" [1]}'),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        assert _seen(_lint(linter, path, monkeypatch, 0)) == _seen(
            _lint(linter, path, monkeypatch, WHOLE)
        ), name


def test_a_folder_search_passes_over_a_large_list_of_no_studies(tmp_path, capsys, monkeypatch):
    (tmp_path / "data.json").write_bytes(orjson.dumps([{"a": 1}, [2], 3]))
    code, _out, err = _cli(capsys, monkeypatch, 0, "--verbose", str(tmp_path))
    assert code == 0
    assert "passed over" in err and "data.json" in err


def test_fix_on_a_large_list_changes_nothing_and_reports_its_findings(
    tmp_path, capsys, monkeypatch
):
    study = _good_study()
    study["protocolSection"]["statusModule"]["overallStatus"] = "RECRUTING"
    path = tmp_path / "list.json"
    data = orjson.dumps([study, study], option=orjson.OPT_INDENT_2)
    path.write_bytes(data)
    code, out, _err = _cli(capsys, monkeypatch, 0, "--fix", str(path))
    assert code == 1
    assert path.read_bytes() == data
    assert out.count("S003") >= 2


def _part_seen(loaded) -> tuple:
    """What a part's findings and their positions are made of."""
    source = loaded.source
    return (
        None if source is None else (source.text, source.first_line, source.first_column,
                                     source.head, source.tail, source.place),
        [study.data for study in loaded.studies], loaded.problems,
    )  # fmt: skip


@pytest.mark.parametrize("form", list(_forms([])))
@pytest.mark.parametrize(("chunk", "line_bytes"), [(4 * 2**20, None), (97, None), (61, 40)])
def test_an_element_read_again_at_its_place_is_the_element_as_streamed(
    form, chunk, line_bytes, tmp_path, monkeypatch
):
    # Small chunks and lines: line starts dropped behind the reader, tails cut, heads unknown.
    monkeypatch.setattr(stream, "_CHUNK", chunk)
    if line_bytes is not None:
        monkeypatch.setattr(stream, "_LINE_BYTES", line_bytes)
    study = _good_study()
    studies = [study, {"note": "no study"}, json.loads(json.dumps(study).replace("NCT01", "NCT9"))]
    path = tmp_path / "list.json"
    path.write_bytes(_forms(studies)[form])
    with path.open("rb") as file:
        elements = list(stream.read_collection(file, "list.json") or [])
    placed = [loaded for loaded in elements if loaded.source is not None]
    assert [loaded.source.place.index for loaded in placed] == list(range(len(placed)))
    assert len(placed) >= len(studies)
    with path.open("rb") as file:
        for loaded in placed:
            again = stream.read_part(file, "list.json", loaded.source.place)
            assert _part_seen(again) == _part_seen(loaded)


def test_an_element_past_the_end_of_a_file_that_shrank_is_none(tmp_path):
    path = tmp_path / "list.json"
    path.write_bytes(orjson.dumps([_good_study()] * 2))
    with path.open("rb") as file:
        last = list(stream.read_collection(file, "list.json") or [])[-1]
    path.write_bytes(b"[]")
    with path.open("rb") as file:
        assert stream.read_part(file, "list.json", last.source.place) is None


@pytest.mark.parametrize(
    "page",
    [
        b'{"totalCount": 2, "studies": [%s, %s], "nextPageToken": "NF0g5JGBlPMu"}',
        b'{"studies" : [%s, %s] , "nextPageToken" :\n "NF0g5JGBlPMu" }',
    ],
)
def test_a_page_written_with_spaces_after_its_colons_is_streamed(
    page, linter, tmp_path, monkeypatch
):
    # Its other members were once read from the space before their value: the page was read
    # whole, or a member after the studies was a false F001.
    study = orjson.dumps(_good_study())
    data = page % (study, study.replace(b"NCT01234567", b"NCT07654321"))
    with io.BytesIO(data) as file:
        elements = list(stream.read_collection(file, "page.json") or [])
    assert [len(loaded.studies) for loaded in elements] == [1, 1]
    path = tmp_path / "page.json"
    path.write_bytes(data)
    assert _seen(_lint(linter, path, monkeypatch, 0)) == _seen(
        _lint(linter, path, monkeypatch, WHOLE)
    )


def test_a_duplicate_key_names_its_first_line_in_the_file(linter, tmp_path, monkeypatch):
    doubled = orjson.dumps(_good_study(), option=orjson.OPT_INDENT_2).replace(
        b'"nctId": "NCT01234567"', b'"nctId": "NCT07654321",\n"nctId": "NCT07654321"'
    )
    path = tmp_path / "list.json"
    path.write_bytes(b"[\n" + orjson.dumps(_good_study()) + b",\n" + doubled + b"\n]")
    streamed = _lint(linter, path, monkeypatch, 0)
    assert _seen(streamed) == _seen(_lint(linter, path, monkeypatch, WHOLE))
    [message] = [f.message for f in streamed.findings if f.rule.code == "F002"]
    assert "(first on line 6)" in message


def _broken_forms() -> dict[str, bytes]:
    """Lists with problems in the frame and in elements, for slices to share out."""
    study = _good_study()
    other = json.loads(json.dumps(study).replace("NCT01", "NCT9"))
    forms = _forms([study, {"note": "no study"}, other, study])
    indented = forms["list-indented"]
    return {
        **forms,
        "missing-comma": indented.replace(b"\n  },\n  {", b"\n  }\n  {", 1),
        "bad-element": _three(b'{"note": "caf\xe9"}'),
        "cut-short": indented[: len(indented) * 3 // 4],
        "extra-data": indented + b" trailing",
    }


@pytest.mark.parametrize("form", list(_broken_forms()))
@pytest.mark.parametrize("chunk", [4 * 2**20, 97])
def test_slices_of_a_list_end_to_end_are_the_whole_list(form, chunk, tmp_path, monkeypatch):
    """A cluster shares a large list among workers by ranges of bytes, each slice read from
    the checkpoint a scan found for it: the slices, whatever their bounds (inside an element,
    on a comma, past the end), give exactly what the whole file gives, each element and
    problem once, at the same place."""
    monkeypatch.setattr(stream, "_CHUNK", chunk)
    data = _broken_forms()[form]
    path = tmp_path / "list.json"
    path.write_bytes(data)

    with path.open("rb") as file:
        whole = [_part_seen(loaded) for loaded in stream.read_collection(file, "list.json") or []]
    assert len(whole) >= 3
    for slices in (2, 3, 7, 64, 256):
        assert _checkpointed(path, -(-len(data) // slices)) == whole, slices


def _checkpointed(path: Path, size: int) -> list[tuple]:
    """The slices of ``path`` as a cluster reads them: checkpoints chained ``size`` bytes
    apart, each slice read from its own first element to the next slice's."""
    with path.open("rb") as file:
        starts: list[stream.Checkpoint] = []
        while (found := stream.checkpoint(file, "list.json", starts[-1] if starts else None,
                                          size * (len(starts) + 1))) is not None:  # fmt: skip
            starts.append(found)
        ends = [start.offset for start in starts] + [None]
        file.seek(0)
        first = stream.read_collection(file, "list.json", ends[0]) or []
        loaded = list(first)
        for start, end in zip(starts, ends[1:], strict=True):
            loaded += stream.read_slice(file, "list.json", start, end)
    return [_part_seen(element) for element in loaded]
