"""Reading files: what is not a readable record is a finding, and the other files still count."""

from __future__ import annotations

import json

from trialint.document.load import load_bytes
from trialint.lint.runner import Linter

from conftest import GOOD_RECORD, codes

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
GOOD_DATA = load_bytes(GOOD.encode(), "good.yaml", "yaml").studies[0].data


def test_the_good_fixture_is_clean(lint_text):
    result = lint_text(GOOD)
    assert result.findings == []
    assert (result.files, result.studies) == (1, 1)


def test_an_empty_file_is_a_finding(lint_text):
    assert codes(lint_text("").findings) == [("F003", 1, 1)]
    assert codes(lint_text("\n\n   \n").findings) == [("F003", 1, 1)]


def test_a_file_of_comments_only_is_a_finding(lint_text):
    [finding] = lint_text("# to be written\n").findings
    assert finding.rule.code == "F003"
    assert "only comments" in finding.message


def test_a_binary_file_is_a_finding(lint_text):
    assert codes(lint_text(b"protocolSection:\n  x: \x00\x01\x02\n").findings) == [("F004", 2, 6)]


def test_latin1_text_is_a_finding_at_the_bad_byte(lint_text):
    [finding] = lint_text("city: Créteil\n".encode("latin-1")).findings
    assert codes([finding]) == [("F005", 1, 9)]
    assert "0xe9" in finding.message


def test_utf16_is_reported_as_an_encoding_problem(lint_text):
    [finding] = lint_text("protocolSection: {}\n".encode("utf-16")).findings
    assert finding.rule.code == "F005"
    assert "UTF-16" in finding.message


def test_a_byte_order_mark_is_accepted(lint_text):
    assert lint_text(b"\xef\xbb\xbf" + GOOD.encode()).findings == []


def test_a_scalar_document_is_not_a_study(lint_text):
    assert codes(lint_text("just some text\n").findings) == [("F009", 1, 1)]


def test_a_list_entry_that_is_not_a_study_is_named(lint_text):
    [finding] = lint_text("- 12\n").findings
    assert codes([finding]) == [("F009", 1, 3)]
    assert "entry 0" in finding.message


def test_one_broken_file_does_not_stop_the_others(tmp_path, linter):
    (tmp_path / "a_broken.yaml").write_text("a: [1\n", encoding="utf-8")
    (tmp_path / "b_good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "c_bad.yaml").write_text(
        GOOD.replace("overallStatus: COMPLETED", "overallStatus: DONE"), encoding="utf-8"
    )
    result = linter.lint_paths([str(tmp_path)])
    assert [(f.path.rsplit("/", 1)[-1], f.rule.code) for f in result.findings] == [
        ("a_broken.yaml", "F001"),
        ("c_bad.yaml", "S003"),
    ]
    assert (result.files, result.studies) == (3, 2)


# --- JSON as the registry serves it -----------------------------------------------------------


def test_json_single_study(lint_text):
    result = lint_text(json.dumps(GOOD_DATA, indent=2), "study.json")
    assert result.findings == []
    assert result.studies == 1


def test_json_list_and_page_check_each_study_and_name_it(lint_text):
    second = json.loads(json.dumps(GOOD_DATA))
    second["protocolSection"]["identificationModule"]["nctId"] = "NCT07654321"
    second["protocolSection"]["statusModule"]["overallStatus"] = "Completed"
    for wrap in (lambda studies: studies, lambda studies: {"studies": studies}):
        result = lint_text(json.dumps(wrap([GOOD_DATA, second]), indent=2), "download.json")
        assert result.studies == 2
        [finding] = result.findings
        assert finding.rule.code == "S003"
        assert finding.study == "NCT07654321"
        assert finding.pointer == "/protocolSection/statusModule/overallStatus"
        assert "did you mean 'COMPLETED'" in finding.message


def test_json_positions_are_found_for_findings(lint_text):
    bad = json.loads(json.dumps(GOOD_DATA))
    bad["protocolSection"]["designModule"]["phases"] = ["PHASE 2"]
    text = json.dumps({"studies": [GOOD_DATA, bad]}, indent=2)
    [finding] = lint_text(text, "page.json").findings
    lines = text.splitlines()
    assert lines[finding.span.line - 1][finding.span.column - 1 :].startswith('"PHASE 2"')
    assert "did you mean 'PHASE2'" in finding.message


def test_json_on_one_line_reports_columns(lint_text):
    bad = json.loads(json.dumps(GOOD_DATA))
    bad["protocolSection"]["statusModule"]["overallStatus"] = "DONE"
    text = json.dumps(bad)
    [finding] = lint_text(text, "one-line.json").findings
    assert finding.span.line == 1
    assert text[finding.span.column - 1 :].startswith('"DONE"')


def test_json_duplicate_keys_name_both_lines(lint_text):
    text = json.dumps(GOOD_DATA, indent=2)[:-2] + ',\n  "hasResults": true\n}\n'
    last_line = text.count("\n") - 1
    [finding] = lint_text(text, "dup.json").findings
    assert codes([finding]) == [("F002", last_line, 3)]
    assert f"first on line {last_line - 1}" in finding.message


def test_json_duplicate_keys_are_found_whatever_the_layout(lint_text):
    one_line = '{"protocolSection": {}, "hasResults": false, "hasResults": true}'
    indented = '{\n  "protocolSection": {},\n  "hasResults": false,\n  "hasResults": true\n}'
    for text, line, column in ((one_line, 1, 46), (indented, 4, 3)):
        assert ("F002", line, column) in codes(lint_text(text, "dup.json").findings)


def test_a_colon_written_as_an_escape_cannot_hide_a_duplicate_key(lint_text):
    """Duplicates are ruled out by counting colons; an escaped colon in a string could make up
    for the one the dropped key took, so such a text is read the exact way."""
    text = '{"hasResults": true, "hasResults": false, "protocolSection": {"x": "\\u003a"}}'
    assert ("F002", 1, 22) in codes(lint_text(text, "escaped.json").findings)


def test_json_the_fast_reader_refuses_is_read_as_before():
    """NaN and integers beyond 64 bits are JSON the json module accepts."""
    values = []
    for value in ("NaN", "123456789012345678901234567890"):
        text = f'{{"protocolSection": {{"n": {value}}}}}'
        loaded = load_bytes(text.encode(), "odd.json", "json")
        assert loaded.problems == []
        values.append(loaded.studies[0].data["protocolSection"]["n"])
    not_a_number, big = values
    assert not_a_number != not_a_number  # NaN
    assert big == 123456789012345678901234567890 and isinstance(big, int)  # not a float


def test_json_in_the_registry_layout_is_located_by_line(lint_text):
    """Two-space indentation, one member per line (what the API and orjson write): findings
    are located by searching for lines, and must land where the scanning locator puts them."""
    from trialint.document.locators import IndentedJsonLocator, JsonLocator

    bad = json.loads(json.dumps(GOOD_DATA))
    bad["protocolSection"]["designModule"]["phases"] = ["PHASE1", "PHASE 2"]
    text = json.dumps(bad, indent=2, ensure_ascii=False) + "\n"
    loaded = load_bytes(text.encode(), "study.json", "json")
    assert isinstance(loaded.studies[0].locator, IndentedJsonLocator)
    [finding] = lint_text(text, "study.json").findings
    line = text.splitlines()[finding.span.line - 1]
    assert (finding.rule.code, line[finding.span.column - 1 :]) == ("S003", '"PHASE 2"')
    reindented = json.dumps(bad, indent=4)
    assert isinstance(load_bytes(reindented.encode(), "s.json", "json").studies[0].locator,
                      JsonLocator)  # fmt: skip
    [elsewhere] = lint_text(reindented, "study.json").findings
    line = reindented.splitlines()[elsewhere.span.line - 1]
    assert line[elsewhere.span.column - 1 :] == '"PHASE 2"'


def test_json_syntax_error_position(lint_text):
    [finding] = lint_text('{\n  "a": 1,\n  "b": \n}\n', "broken.json").findings
    assert codes([finding]) == [("F001", 4, 1)]


def test_a_number_too_long_to_read_is_a_finding_in_yaml_and_in_json(lint_text):
    digits = "9" * 5000
    yaml_text = GOOD.replace("hasResults: false", f"hasResults: {digits}")
    line = yaml_text[: yaml_text.index(digits)].count("\n") + 1
    found = lint_text(yaml_text).findings
    assert ("F011", line, len("hasResults: ") + 1) in codes(found)
    [too_long] = [f for f in found if f.rule.code == "F011"]
    assert too_long.message == "a number of 5,000 digits: no record holds one; read as text"
    json_text = json.dumps(GOOD_DATA, indent=2)
    json_text = json_text.replace('"hasResults": false', f'"hasResults": {digits}')
    line = json_text[: json_text.index(digits)].count("\n") + 1
    found = lint_text(json_text, "r.json").findings
    assert ("F011", line, len('  "hasResults": ') + 1) in codes(found)


def test_json_values_keep_their_json_types(lint_text):
    bad = json.loads(json.dumps(GOOD_DATA))
    bad["protocolSection"]["identificationModule"]["orgStudyIdInfo"]["id"] = 1.10
    [finding] = lint_text(json.dumps(bad), "typed.json").findings
    assert finding.rule.code == "S002"


# --- YAML 1.2 values meet the schema -----------------------------------------------------------


def test_plain_yaml_numbers_are_read_as_the_text_written_where_text_is_expected(lint_text):
    text = GOOD.replace("id: TRIALINT-001", "id: 1.10").replace(
        "description: Distance walked in six minutes, in metres.", "description:"
    )
    assert lint_text(text).findings == []
    loaded = load_bytes(text.encode(), "r.yaml", "yaml")
    [study] = loaded.studies
    from trialint.lint.schema import SchemaCheck
    from trialint.resources import study_schema

    assert SchemaCheck(study_schema()).check(study) == []
    identification = study.data["protocolSection"]["identificationModule"]
    assert identification["orgStudyIdInfo"]["id"] == "1.10"
    outcome = study.data["protocolSection"]["outcomesModule"]["primaryOutcomes"][0]
    assert outcome["description"] == ""


def test_yaml_booleans_are_only_true_and_false(lint_text):
    [finding] = lint_text(
        GOOD.replace("healthyVolunteers: false", "healthyVolunteers: No")
    ).findings
    assert finding.rule.code == "S002"
    assert "true or false" in finding.message
    assert "YAML 1.2" in finding.message


def test_quoted_numbers_stay_text_where_a_number_is_expected(lint_text):
    [finding] = lint_text(GOOD.replace("count: 120", 'count: "120"')).findings
    assert finding.rule.code == "S002"
    assert finding.message == "count must be a whole number, not '120'"


def test_a_large_run_shared_among_processes_gives_the_same_result(tmp_path, linter):
    from trialint.lint.runner import PARALLEL_FROM

    for number in range(PARALLEL_FROM + 6):
        text = GOOD.replace("NCT01234567", f"NCT{number:08d}")
        if number % 3 == 0:
            text = text.replace("sex: ALL", "sex: Both")
        if number % 5 == 0:
            text = text.replace("overallStatus: COMPLETED", "overallStatus: [")
        (tmp_path / f"r{number:03d}.yaml").write_text(text, encoding="utf-8")
    serial = linter.lint_paths([str(tmp_path)], jobs=1)
    parallel = linter.lint_paths([str(tmp_path)], jobs=2)
    assert parallel.findings == serial.findings
    assert (parallel.files, parallel.studies) == (serial.files, serial.studies)
    assert parallel.quoted_lines == serial.quoted_lines
    assert {f.rule.code for f in serial.findings} == {"F001", "S003"}


# --- a run streams: each file's report as soon as it is checked ---------------------------------


def _records(folder, count: int) -> list[str]:
    from conftest import GOOD_TEXT

    folder.mkdir(exist_ok=True)
    for number in range(count):
        text = GOOD_TEXT.replace("NCT01234567", f"NCT{number:08d}")
        (folder / f"NCT{number:08d}.yaml").write_text(text, encoding="utf-8")
    return [str(folder / f"NCT{number:08d}.yaml") for number in range(count)]


def test_a_run_reports_each_file_before_it_reads_the_next(tmp_path, monkeypatch):
    from trialint.sources import inputs

    paths = _records(tmp_path / "records", 3)
    reads: list[str] = []
    real_read = inputs.DiskInput.read

    def read(self):
        reads.append(self.name)
        return real_read(self)

    monkeypatch.setattr(inputs.DiskInput, "read", read)
    reports = Linter().check_paths([str(tmp_path / "nope"), *reversed(paths)])
    missing = next(reports)
    assert (missing.path, missing.errors, missing.counted, reads) == (
        str(tmp_path / "nope"), ["no such file or folder"], False, []
    )  # fmt: skip
    assert next(reports).path == paths[2]
    assert reads == [paths[2]]
    assert [report.path for report in reports] == [paths[1], paths[0]]


def test_a_parallel_run_keeps_only_a_few_batches_in_flight(tmp_path, monkeypatch):
    """However many files, the pool is given a few batches per process ahead of the one being
    reported: what a run holds does not grow with the registry."""
    import concurrent.futures

    from trialint.lint import runner

    paths = _records(tmp_path / "records", runner.PARALLEL_FROM * 6)
    submitted: list[int] = []

    class InThisProcess:
        def __init__(self, max_workers, initializer, initargs):
            initializer(*initargs)

        def __enter__(self):
            return self

        def __exit__(self, *exc_info):
            return None

        def submit(self, function, batch):
            submitted.append(len(batch))
            future = concurrent.futures.Future()
            future.set_result(function(batch))
            return future

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", InThisProcess)
    reports = Linter().check_paths([str(tmp_path / "records")], jobs=2)
    first = next(reports)
    assert first.path == paths[0]
    assert len(submitted) == 2 * runner._AHEAD_PER_JOB + 1  # the next refills the pool
    rest = [report.path for report in reports]
    assert [first.path, *rest] == paths
    assert sum(submitted) == len(paths)


def test_json_list_writer_lays_out_as_json_dump():
    import io
    import json

    from trialint.report.json_report import JsonListWriter

    items = [{"a": 1, "b": {"c": [1, 2], "d": "é\n"}}, {"e": None}]
    for chosen in ([], items[:1], items):
        stream = io.StringIO()
        writer = JsonListWriter(stream)
        for item in chosen:
            writer.add(item)
        writer.close()
        assert stream.getvalue() == json.dumps(chosen, indent=2, ensure_ascii=False) + "\n"
