"""``trialint diff A B C...`` and ``--rev A..B --per-commit``: a study's changes version by
version, each step labelled, the history rules over the whole sequence, each snapshot read
once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trialint.cli import main
from trialint.diff import inputs
from trialint.diff.inputs import open_paths
from trialint.diff.snapshot import diff_sides, no_progress

from conftest import GOOD_RECORD

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
# The other study: the good record under another nctId, with another title.
OTHER = GOOD.replace("NCT01234567", "NCT07654321").replace(
    "Exercise Training After Knee Replacement", "Walking After Hip Replacement"
)
COMPLETION = 'completionDateStruct:\n      date: "{}"'


def diff(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def slipped(text: str, to: str, since: str = "2023-12-15") -> str:
    return edit(text, COMPLETION.format(since), COMPLETION.format(to))


def events(out: str, kind: str = "change") -> list[dict[str, object]]:
    return [event for event in map(json.loads, out.splitlines()) if event["type"] == kind]


@pytest.fixture
def snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three snapshots, a, b and c: NCT01234567's completion date slips at each step;
    NCT07654321 is missing from b, and comes back in c with fewer participants."""
    files = {
        "a": {"NCT01234567": GOOD, "NCT07654321": OTHER},
        "b": {"NCT01234567": slipped(GOOD, "2024-06-15")},
        "c": {
            "NCT01234567": slipped(GOOD, "2024-12-15"),
            "NCT07654321": edit(OTHER, "count: 120", "count: 80"),
        },
    }
    for snapshot, studies in files.items():
        (tmp_path / snapshot).mkdir()
        for nct_id, text in studies.items():
            (tmp_path / snapshot / f"{nct_id}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- reading: each snapshot once --------------------------------------------------------------


def test_each_snapshot_is_read_once_and_the_next_step_starts_from_its_index(snapshots, monkeypatch):
    parsed: list[str] = []
    real = inputs.load_bytes

    def counting(data: bytes, name: str, fmt: str):
        parsed.append(name)
        return real(data, name, fmt)

    monkeypatch.setattr(inputs, "load_bytes", counting)
    a, b, c = (open_paths([name]) for name in "abc")
    first = diff_sides(a, b, progress=no_progress, keep_index=True)
    assert [d.study for d in first] == ["NCT01234567", "NCT07654321"]
    assert first.next_index is not None and sorted(first.next_index.refs) == ["NCT01234567"]
    second = diff_sides(b, c, progress=no_progress, index=first.next_index)
    assert [d.study for d in second] == ["NCT01234567", "NCT07654321"]
    assert (second.summary.indexed, second.next_index) == (1, None)
    # b was read as the new side of the first step only; what the steps compare is read from
    # the side's few cached files.
    assert sorted(parsed) == sorted(f"{s}/{n}.yaml" for s, n in [
        ("a", "NCT01234567"), ("a", "NCT07654321"), ("b", "NCT01234567"),
        ("c", "NCT01234567"), ("c", "NCT07654321"),
    ])  # fmt: skip
    assert b.files == 1


def test_the_steps_report_each_version_that_differs(snapshots):
    seen: list[tuple[str | None, str | None]] = []

    def versions(before: inputs.StudyRef | None, after: inputs.StudyRef | None) -> None:
        seen.append((before and before.origin, after and after.origin))

    a, b = open_paths(["a"]), open_paths(["b"])
    list(diff_sides(a, b, progress=no_progress, on_versions=versions))
    assert seen == [
        ("a/NCT01234567.yaml", "b/NCT01234567.yaml"),
        ("a/NCT07654321.yaml", None),
    ]


def test_a_released_side_reads_its_studies_again(snapshots, monkeypatch):
    side = open_paths(["a"])
    refs = list(side.refs())
    assert len(side._cache._files) == 2
    side.release()
    assert len(side._cache._files) == 0
    assert refs[0].load().nct_id == "NCT01234567"
