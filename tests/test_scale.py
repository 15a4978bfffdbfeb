"""One file of many studies (a JSON list, an API page) must cost per study what separate files
cost (issue 17). Timing a unit test would be flaky: these count the work (the characters
searched, the calls made) that used to grow with the size of the whole file for each study or
each finding, and bench/scale_lists.py times lists, pages and zips at growing sizes."""

from __future__ import annotations

import json
from typing import Any

from trialint.document import jsontext
from trialint.document.load import load_bytes
from trialint.document.spans import QUOTED_LINE_LIMIT, LineIndex

from conftest import GOOD_TEXT

GOOD_DATA = load_bytes(GOOD_TEXT.encode(), "good.yaml", "yaml").studies[0].data


class Counting:
    """A stand-in that counts the calls to one function."""

    def __init__(self, function: Any) -> None:
        self.function, self.calls = function, 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.function(*args, **kwargs)


class Searched(str):
    """A text that counts the characters its ``find`` calls search (up to what they find)."""

    searched = 0

    def find(self, sub: Any, start: Any = 0, end: Any = None) -> int:
        found = str.find(self, sub, start, end)
        stop = len(self) if end is None else min(end, len(self))
        Searched.searched += max(0, (stop if found == -1 else found + len(sub)) - start)
        return found


def test_a_line_too_long_to_quote_is_searched_no_further_than_the_limit():
    """A compact page is one line as long as the file: each finding asking for its text used to
    search it to its end (and copy it), which grows with studies times file size."""
    text = Searched('{"studies": [' + ",".join(['{"a": "b"}'] * 50_000) + "]}")
    assert len(text) > 4 * QUOTED_LINE_LIMIT
    lines = LineIndex(text)
    Searched.searched, quoted = 0, []
    for found in range(100):
        offset = text.index('"a"', 13 + found * 11)
        assert lines.position(offset)[0] == 1
        quoted.append(lines.line_text(1))
    assert Searched.searched <= 100 * (QUOTED_LINE_LIMIT + 2)  # not 100 times the file
    assert quoted == [""] * 100  # too long to quote


def test_lines_up_to_the_limit_are_quoted_whole():
    line = "x" * QUOTED_LINE_LIMIT
    lines = LineIndex(f"first\n{line}\r\n{line}x")
    assert [lines.line_text(n) for n in (1, 2, 3)] == ["first", line, ""]


def test_findings_in_a_compact_page_of_many_studies_quote_no_line(lint_text):
    """The JSON report never quotes; text and SARIF would print (or compare) the whole file
    for each finding."""
    bad = json.loads(json.dumps(GOOD_DATA))
    bad["protocolSection"]["statusModule"]["overallStatus"] = "DONE"
    studies = [GOOD_DATA] * 60 + [bad]
    text = json.dumps({"studies": studies}, separators=(",", ":"))
    assert len(text) > QUOTED_LINE_LIMIT and "\n" not in text
    result = lint_text(text, "page.json")
    [finding] = result.findings
    assert finding.rule.code == "S003" and finding.span.line == 1
    assert text[finding.span.column - 1 :].startswith('"DONE"')
    assert result.quoted_lines == {(finding.path, 1): ""}


def test_twenty_digits_inside_a_string_leave_a_page_to_the_fast_reader(monkeypatch):
    """A DOI in one study's reference used to make the json module read the whole page again:
    a cost the same studies as separate files pay only once, and a list nearly always."""
    counting = Counting(jsontext._parse_exactly)
    monkeypatch.setattr(jsontext, "_parse_exactly", counting)
    cited = json.loads(json.dumps(GOOD_DATA))
    cited["protocolSection"]["referencesModule"] = {
        "references": [{"citation": "Curr Rheumatol Rev. 2016;12(2):113-26. doi: "
                        "10.2174/1573397112666151231110813", "pmid": "x12345678901234567890"}]
    }  # fmt: skip
    page = json.dumps({"studies": [GOOD_DATA, cited]}, separators=(",", ":"))
    parsed, _ = jsontext.parse_json(page.encode(), page)
    assert counting.calls == 0
    assert parsed.documents[0]["studies"][1] == cited


def test_a_number_of_twenty_digits_is_still_read_exactly(monkeypatch):
    """Wherever a number of 20 digits stands outside strings, the json module reads it (orjson
    would make it a float)."""
    counting = Counting(jsontext._parse_exactly)
    monkeypatch.setattr(jsontext, "_parse_exactly", counting)
    big = 123456789012345678901
    for text in (f"[{big}]", f'{{"a": [1,\n  -{big}]}}', f" {big}", f'{{"a":"x","b":{big}.5}}'):
        parsed, _ = jsontext.parse_json(text.encode(), text)
        assert counting.calls == 1, text
        counting.calls = 0
    assert parsed.documents == [{"a": "x", "b": float(f"{big}.5")}]
    below = -(2**63) - 1  # 19 digits, and past what orjson reads as an integer
    text = f'{{"a": {below}}}'
    parsed, _ = jsontext.parse_json(text.encode(), text)
    assert parsed.documents == [{"a": below}] and isinstance(parsed.documents[0]["a"], int)


def test_a_field_one_study_of_a_list_lacks_is_searched_for_in_that_study_only():
    """In the registry's indented layout a member is found by searching for its line; a missing
    one (the field a finding says is missing) was searched for up to the next study that has
    it, or through the rest of the file."""
    from trialint.document.locators import IndentedJsonLocator

    last = json.loads(json.dumps(GOOD_DATA))
    last["protocolSection"]["ipdSharingStatementModule"] = {"ipdSharing": "NO"}
    studies = [GOOD_DATA] * 200 + [last]
    text = Searched(json.dumps(studies, indent=2))
    one_study = len(json.dumps(GOOD_DATA, indent=4))  # its text, two levels deeper
    locator = IndentedJsonLocator(text)
    Searched.searched = 0
    for study in range(3):
        path = (study, "protocolSection", "ipdSharingStatementModule", "ipdSharing")
        location = locator.locate(0, path)
        assert not location.found
        assert text[location.key[0] : location.key[1]] == '"protocolSection"'  # type: ignore[index]
    assert Searched.searched <= 3 * 3 * one_study + len(text)  # not three times the list
    found = locator.locate(0, (200, "protocolSection", "ipdSharingStatementModule", "ipdSharing"))
    assert found.found and text[found.value[0] : found.value[1]] == '"NO"'


def test_the_positions_of_a_list_of_studies_cost_no_table_of_lines(lint_text, monkeypatch):
    """Findings come study by study: each position is counted from the one before it. A table
    of line starts (an int for each of the 7.7 million lines of 10,000 studies, built line by
    line) was made for every file of more than 32 findings, so for nearly every list."""
    from trialint.document.spans import LineIndex

    tables, make_table = [], LineIndex._line_starts

    def counting(self: LineIndex) -> list[int]:
        tables.append(self)
        return make_table(self)

    monkeypatch.setattr(LineIndex, "_line_starts", counting)
    bad = json.loads(json.dumps(GOOD_DATA))
    bad["protocolSection"]["statusModule"]["overallStatus"] = "DONE"
    bad["protocolSection"]["designModule"]["phases"] = ["PHASE 2"]
    for newline in ("\n", "\r\n"):
        text = json.dumps([bad] * 40, indent=2).replace("\n", newline)
        result = lint_text(text, "list.json")
        assert len(result.findings) == 80
        lines = text.split("\n")
        for finding in result.findings:
            line = lines[finding.span.line - 1]
            assert line[finding.span.column - 1 :].startswith(('"DONE"', '"PHASE 2"'))
            assert result.quoted_lines[(finding.path, finding.span.line)] == line.rstrip("\r")
    assert tables == []


def test_the_studies_a_compact_page_skips_are_read_with_no_collection():
    """Locating a value in a compact page reads every study before it with the json module, to
    skip it. A collection in the middle of such a read moved the half-built study to an older
    generation, and brought nearer a full collection of the whole page."""
    import gc

    from trialint.document.locators import JsonLocator

    bad = json.loads(json.dumps(GOOD_DATA))
    bad["protocolSection"]["statusModule"]["overallStatus"] = "DONE"
    text = json.dumps({"studies": [GOOD_DATA] * 30 + [bad]}, separators=(",", ":"))
    locator = JsonLocator(text)
    collections, during_reads, read = [], [], locator._decode

    def counting_read(*args: Any) -> Any:
        before = len(collections)
        value = read(*args)
        during_reads.append(len(collections) - before)
        return value

    def started(phase: str, info: dict[str, int]) -> None:
        collections.extend([info["generation"]] if phase == "start" else [])

    locator._decode = counting_read  # type: ignore[method-assign]
    thresholds = gc.get_threshold()
    gc.set_threshold(1, 1, 1)  # a collection at nearly every allocation
    gc.callbacks.append(started)
    try:
        location = locator.locate(0, ("studies", 30, "protocolSection", "statusModule"))
    finally:
        gc.callbacks.remove(started)
        gc.set_threshold(*thresholds)
    assert location.found and text[location.value[0]] == "{"
    assert len(during_reads) >= 30  # the 30 studies before it, and the modules before its own
    assert sum(during_reads) == 0
