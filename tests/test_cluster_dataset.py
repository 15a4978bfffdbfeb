"""The dataset a cluster run writes: parts read as one table, a prefix never mixed or lost."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fsspec", reason="the dataset needs the extra: pip install 'trialint[dask]'")

from trialint.cluster.dataset import (
    MANIFEST,
    DatasetError,
    prepare,
    write_manifest,
    write_part,
)

COLUMNS = {"path": str, "line": int, "fix": str}


def test_parts_are_numbered_json_lines_with_every_column(tmp_path):
    prefix = str(tmp_path / "findings")
    prepare(prefix)
    write_part(prefix, 3, [{"path": "a.yaml", "line": 4, "fix": {"to": "Severe"}}], COLUMNS)
    write_part(prefix, 0, [], COLUMNS)
    written = sorted(p.name for p in (tmp_path / "findings").iterdir())
    assert written == ["part-00000.jsonl", "part-00003.jsonl"]  # no temporary left behind
    line = (tmp_path / "findings" / "part-00003.jsonl").read_text(encoding="utf-8")
    assert json.loads(line) == {"path": "a.yaml", "line": 4, "fix": '{"to": "Severe"}'}


def test_parquet_parts_share_one_schema_and_read_as_one_table(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    prefix = str(tmp_path / "findings")
    prepare(prefix)
    write_part(prefix, 0, [{"path": "a.yaml", "line": 1}], COLUMNS, "parquet")
    write_part(prefix, 1, [], COLUMNS, "parquet")  # an empty part keeps the columns' types
    table = pq.read_table(str(tmp_path / "findings"))
    assert table.column_names == ["path", "line", "fix"]
    assert table.to_pylist() == [{"path": "a.yaml", "line": 1, "fix": None}]


def test_a_prefix_already_holding_files_is_refused_and_left_as_it_was(tmp_path):
    prefix = tmp_path / "findings"
    prefix.mkdir()
    (prefix / "part-00000.jsonl").write_text("{}\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="not empty"):
        prepare(str(prefix))
    assert (prefix / "part-00000.jsonl").read_text(encoding="utf-8") == "{}\n"


def test_a_prefix_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "findings").write_text("x", encoding="utf-8")
    with pytest.raises(DatasetError, match="is a file"):
        prepare(str(tmp_path / "findings"))


def test_the_manifest_is_written_beside_the_parts(tmp_path):
    prefix = f"file://{tmp_path / 'out'}"  # an fsspec URL, as a cluster's shared storage is
    prepare(prefix)
    write_manifest(prefix, {"files": 2, "unreadable": ["x.json"]})
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"files": 2, "unreadable": ["x.json"]}
