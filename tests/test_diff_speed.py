"""What a diff does per file and per study, counted rather than timed: the work that made a
snapshot diff cost several times merely parsing both sides (issue 17), and must not come back.
bench/diff_snapshots.py measures the time."""

from __future__ import annotations

import gc
import hashlib
import json
import re
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from trialint.diff import inputs, normalize
from trialint.diff.inputs import open_paths
from trialint.diff.snapshot import diff_sides
from trialint.document import jsontext
from trialint.document.load import format_of, load_bytes


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

    from trialint.document import jsontext

    plain = ("12345678901234567890123 in a string", "CD4+ count", 1e15, -(2**63), 2**64 - 1)
    for value in plain:
        assert read(value) == value
    # An orjson that writes 1e20 without "+" (3.9) leaves no cheap sign: every text is searched.
    searched = 0 if jsontext._EXPONENT_SIGNED else len(plain)
    assert long_number.searches == searched
    for value in (2**64, -(10**20), 10**30):
        assert read(value) == value and isinstance(read(value), int)
    assert long_number.searches == searched + 6


@pytest.mark.parametrize("escape", ["\\u003a", "\\u003A"])
def test_one_search_finds_a_colon_written_as_either_escape(escape):
    """A hidden colon makes up for the one a duplicate key took: the text is read exactly."""
    text = f'{{"hasResults": true, "hasResults": false, "protocolSection": {{"x": "{escape}"}}}}'
    loaded = load_bytes(text.encode(), "escaped.json", "json")
    assert [problem.rule.code for problem in loaded.problems] == ["F002"]


# --- a diff's inputs: what each file costs -----------------------------------------------------


class CountingHashes:
    """hashlib.sha256, counting the hashes of the files' bytes (content keys, not
    fingerprints)."""

    def __init__(self, sha256: Any) -> None:
        self.sha256 = sha256
        self.files: set[bytes] = set()
        self.hashed = 0

    def __call__(self, data: bytes = b"") -> Any:
        self.hashed += data in self.files
        return self.sha256(data)


def write_side(folder: Path, studies: int, *, indent: int | None) -> set[bytes]:
    """``studies`` files of one study; their bytes."""
    folder.mkdir()
    written = set()
    for n in range(studies):
        text = json.dumps(json.loads(study_text(n, f"NCT{n:08d}")), indent=indent)
        (folder / f"NCT{n:08d}.json").write_text(text, encoding="utf-8")
        written.add(text.encode())
    return written


@pytest.fixture
def hashes(monkeypatch: pytest.MonkeyPatch) -> CountingHashes:
    counting = CountingHashes(hashlib.sha256)
    monkeypatch.setattr(hashlib, "sha256", counting)
    return counting


def test_a_file_is_hashed_only_when_it_may_be_one_of_the_other_side(tmp_path, hashes):
    """Between byte-identical sides each file is hashed once (and the new side not parsed);
    against a side written in another layout no file of the new side is hashed."""
    hashes.files |= write_side(tmp_path / "old", 20, indent=2)
    write_side(tmp_path / "same", 20, indent=2)
    hashes.files |= write_side(tmp_path / "other", 20, indent=None)
    for new, hashed, parsed in (("same", 40, 0), ("other", 20, 20)):
        hashes.hashed = 0
        with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / new)]) as side:
            diff = diff_sides(old, side)
            assert list(diff) == [] and diff.summary.unchanged == 20
            assert (hashes.hashed, side.parsed) == (hashed, parsed)


def test_a_file_of_the_same_size_is_not_hashed_either(tmp_path, hashes):
    """A registry's studies share a few tens of thousands of sizes: the size is not enough to
    tell a file apart, a glance at its middle is."""
    for side, first in (("old", 10), ("new", 30)):  # two digits on both sides: the same sizes
        (tmp_path / side).mkdir()
        for n in range(20):
            before, after = study_text("##", f"NCT{n:08d}").decode().split("##")
            left, right = max(len(after) - len(before), 0), max(len(before) - len(after), 0)
            value = f"{'x' * left}{first + n}{'x' * right}"  # in the middle of the file
            text = study_text(value, f"NCT{n:08d}").decode()
            (tmp_path / side / f"NCT{n:08d}.json").write_text(text, encoding="utf-8")
            hashes.files.add(text.encode())
    sizes = [
        {path.stat().st_size for path in (tmp_path / side).iterdir()} for side in ("old", "new")
    ]
    assert sizes[0] == sizes[1]
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        diff = diff_sides(old, new)
        assert len(list(diff)) == 20
    assert hashes.hashed == 20  # the old side's


def test_the_format_of_a_file_is_worked_out_once(tmp_path, monkeypatch):
    """format_of builds a PurePath: a few microseconds, not twice per file."""
    calls = []

    def counting(name: str) -> str:
        calls.append(name)
        return format_of(name)

    monkeypatch.setattr(inputs, "format_of", counting)
    write_side(tmp_path / "old", 5, indent=2)
    write_side(tmp_path / "new", 5, indent=None)
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        assert list(diff_sides(old, new)) == []
    assert len(calls) == 10


def test_a_study_of_a_list_costs_the_index_little(tmp_path):
    """What a reference keeps of a study of an API page or a list (a registry download of one
    file): no origin text (``page.json#123``, worked out when asked for), 16 bytes of
    fingerprint. Python's allocations, counted by tracemalloc."""
    count = 1000
    studies = [json.loads(study_text(n, f"NCT{n:08d}")) for n in range(count)]
    path = tmp_path / "a folder with a long name to show the origin is not kept" / "page.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"studies": studies}), encoding="utf-8")
    with open_paths([str(path)]) as side:
        list(side.refs())  # what the first reading loads once (the schema's sections...)
        side._cache._files.clear()
        gc.collect()
        tracemalloc.start()
        refs = list(side.refs())
        side._cache._files.clear()
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        assert refs[123].origin == f"{path}#123"
    # A StudyRef of 7 slots (88 bytes), its fingerprint (49), nctId (60), position (28), its
    # place in the list (8): 227 on CPython 3.11. The origin text and hex digits took 180 more.
    assert kept / count < 260


# --- fingerprints -------------------------------------------------------------------------------


def write_study(path: Path, study: dict[str, Any], *, indent: int | None) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(study, indent=indent), encoding="utf-8")


def test_a_study_orjson_read_is_not_searched_for_null(tmp_path, monkeypatch):
    """orjson writes NaN as null, so a fingerprint looks for "null" and writes a study that
    holds one with the json module instead (250 us). A study orjson read holds no NaN: a
    "null" in its text is text, and orjson's writing is kept. orjson's layout (the registry's)
    tells that orjson read it; another layout may be the json module's reading."""
    study = json.loads(study_text("the null hypothesis"))
    other = json.loads(study_text("the null hypothesis", "NCT00000002"))
    for side in ("old", "new"):
        write_study(tmp_path / side / "orjson.json", study, indent=2)
        write_study(tmp_path / side / "compact.json", other, indent=None)
    (tmp_path / "new" / "orjson.json").write_text(  # not the old bytes: parsed again
        json.dumps(study, indent=2) + "\n", encoding="utf-8"
    )
    written, dumps = [], json.dumps

    def counting(*args: Any, **kwargs: Any) -> str:
        written.append(args[0])
        return dumps(*args, **kwargs)

    monkeypatch.setattr(normalize.json, "dumps", counting)
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        diff = diff_sides(old, new)
        assert list(diff) == [] and diff.summary.unchanged == 2
        assert (new.parsed, old.problems, new.problems) == (1, [], [])
    assert len(written) == 1  # the compact study, on the old side (the new one is its twin)


def test_nan_on_one_side_and_null_on_the_other_is_a_change(tmp_path):
    """The json module reads NaN (orjson refuses it) and writes it back in the registry's
    layout; a NaN read so must not be taken for orjson's reading of a null."""
    with_nan = json.loads(study_text(float("nan")))
    with_null = json.loads(study_text(None))
    write_study(tmp_path / "old" / "s.json", with_nan, indent=2)
    write_study(tmp_path / "new" / "s.json", with_null, indent=2)
    with open_paths([str(tmp_path / "old")]) as old, open_paths([str(tmp_path / "new")]) as new:
        diff = diff_sides(old, new)
        [changed] = list(diff)
        assert (diff.summary.compared, changed.changes[0].new) == (1, None)
    with open_paths([str(tmp_path / "new")]) as old, open_paths([str(tmp_path / "old")]) as new:
        assert len(list(diff_sides(old, new))) == 1
