"""One file of many studies (a JSON list, an API page) must cost per study what separate files
cost (issue 17). Timing a unit test would be flaky: these count the work (the characters
searched, the calls made) that used to grow with the size of the whole file for each study or
each finding, and bench/scale_lists.py times lists, pages and zips at growing sizes."""

from __future__ import annotations

import json
from typing import Any

from trialint.document.load import load_bytes
from trialint.document.spans import QUOTED_LINE_LIMIT, LineIndex

from conftest import GOOD_TEXT

GOOD_DATA = load_bytes(GOOD_TEXT.encode(), "good.yaml", "yaml").studies[0].data


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
