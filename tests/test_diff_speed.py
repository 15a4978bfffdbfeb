"""What a diff does per file and per study, counted rather than timed: the work that made a
snapshot diff cost several times merely parsing both sides (issue 17), and must not come back.
bench/diff_snapshots.py measures the time."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from trialint.document import jsontext
from trialint.document.load import load_bytes


class CountingPattern:
    """A compiled pattern that counts its searches."""

    def __init__(self, pattern: re.Pattern[bytes]) -> None:
        self.pattern = pattern
        self.searches = 0

    def search(self, data: bytes) -> re.Match[bytes] | None:
        self.searches += 1
        return self.pattern.search(data)


def study_text(value: Any, identifier: str = "NCT00000001") -> bytes:
    """A compact JSON study (not orjson's layout: the checks run) with ``value`` in it."""
    study = {
        "protocolSection": {
            "identificationModule": {"nctId": identifier, "briefTitle": "A trial"},
            "statusModule": {"overallStatus": "RECRUITING"},
            "value": value,
        }
    }
    return json.dumps(study, separators=(",", ":")).encode()


# --- reading JSON: the whole-text scans run only where they can matter --------------------------


@pytest.fixture
def long_number(monkeypatch: pytest.MonkeyPatch) -> CountingPattern:
    counting = CountingPattern(jsontext._LONG_NUMBER)
    monkeypatch.setattr(jsontext, "_LONG_NUMBER", counting)
    return counting


def test_the_search_for_20_digits_runs_only_when_a_float_that_large_was_read(long_number):
    """It costs more than parsing the text: a text whose data holds no float of 9.2e18 or more
    (written back with 'e+' and a digit) cannot hold an integer orjson read as a float."""

    def read(value: Any) -> Any:
        study = load_bytes(study_text(value), "s.json", "json").studies[0].data
        return study["protocolSection"]["value"]

    for value in ("12345678901234567890123 in a string", "CD4+ count", 1e15, -(2**63), 2**64 - 1):
        assert read(value) == value
    assert long_number.searches == 0
    for value in (2**64, -(10**20), 10**30):
        assert read(value) == value and isinstance(read(value), int)
    assert long_number.searches == 6


@pytest.mark.parametrize("escape", ["\\u003a", "\\u003A"])
def test_one_search_finds_a_colon_written_as_either_escape(escape):
    """A hidden colon makes up for the one a duplicate key took: the text is read exactly."""
    text = f'{{"hasResults": true, "hasResults": false, "protocolSection": {{"x": "{escape}"}}}}'
    loaded = load_bytes(text.encode(), "escaped.json", "json")
    assert [problem.rule.code for problem in loaded.problems] == ["F002"]
