"""A dataset of rows under a prefix: one file per partition, read as one table.

A cluster run over a registry's history can yield billions of rows (findings, diff events);
sending them all through one client would make it the bottleneck. Each partition writes its
own rows instead, ``PREFIX/part-00012.jsonl`` (JSON Lines) or ``.parquet``, which DuckDB,
pandas and Spark read as one table (``read_json('PREFIX/*.jsonl')``,
``read_parquet('PREFIX/*.parquet')``). ``PREFIX/_trialint.json`` is written last, with what the
run checked and could not: its presence says the dataset is whole (as Spark's ``_SUCCESS``).

The prefix is a local folder or an fsspec URL (``s3://bucket/findings``), the same for the
client and every worker. A run refuses a prefix that already holds a dataset: mixing two
runs' parts would be read as one table, and removing the old one would lose data.

Every column has one type in every part, empty ones too (``Columns``): a Parquet reader
refuses parts whose schemas differ. A value that is a list or a mapping is kept as JSON text.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

DatasetFormat = Literal["jsonl", "parquet"]
FORMATS: tuple[DatasetFormat, ...] = ("jsonl", "parquet")
MANIFEST = "_trialint.json"

# Each column's name and type: ``str`` or ``int`` (None allowed in both), in the order written.
Columns = Mapping[str, type]


class DatasetError(Exception):
    """The dataset cannot be written there (a prefix already in use, storage refusing): one
    line for the user, exit code 2."""


def part_name(number: int, fmt: DatasetFormat) -> str:
    """The file name of partition ``number``: numbered so that names sort as partitions do."""
    return f"part-{number:05d}.{fmt}"


def _filesystem(prefix: str) -> tuple[AbstractFileSystem, str]:
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(prefix)
    return fs, root


def shared(prefix: str) -> str:
    """The prefix as every process names it: a local folder given relative to the client's
    working folder made absolute (a worker runs in a folder of its own); a URL as it is."""
    if "://" in prefix:
        return prefix
    from pathlib import Path

    return str(Path(prefix).absolute())


def prepare(prefix: str) -> None:
    """Make the prefix ready for a new dataset (created when missing); raise DatasetError
    when it already holds one, or other files, rather than mix or remove them."""
    fs, root = _filesystem(prefix)
    try:
        if fs.exists(root):
            if not fs.isdir(root):
                raise DatasetError(f"{prefix} is a file, not a folder for the dataset")
            if fs.ls(root, detail=False):
                raise DatasetError(
                    f"{prefix} is not empty: give a new prefix for the dataset (a run never "
                    "mixes its parts with, or removes, what is there)"
                )
        fs.makedirs(root, exist_ok=True)
    except OSError as error:
        raise DatasetError(f"cannot write the dataset under {prefix}: {error}") from None


def write_part(
    prefix: str,
    number: int,
    rows: Iterable[Mapping[str, Any]],
    columns: Columns,
    fmt: DatasetFormat = "jsonl",
) -> str:
    """Write one partition's rows as ``PREFIX/part-NNNNN.FMT`` and return its path. The file
    appears whole or not at all: it is written under a temporary name and then renamed, so a
    worker that dies half-way (and whose partition is redone) leaves no half file to read."""
    fs, root = _filesystem(prefix)
    target = posixpath.join(root, part_name(number, fmt))
    temporary = posixpath.join(root, f".{part_name(number, fmt)}.writing")
    table = [_row(row, columns) for row in rows]
    with fs.open(temporary, "wb") as stream:
        if fmt == "parquet":
            _write_parquet(stream, table, columns)
        else:
            for row in table:
                stream.write(json.dumps(row, ensure_ascii=False).encode() + b"\n")
    fs.mv(temporary, target)
    return target


def write_manifest(prefix: str, summary: Mapping[str, Any]) -> None:
    """``PREFIX/_trialint.json``: the run's summary, written once every part is."""
    fs, root = _filesystem(prefix)
    with fs.open(posixpath.join(root, MANIFEST), "wb") as stream:
        stream.write(json.dumps(summary, indent=2, ensure_ascii=False).encode() + b"\n")


def _row(row: Mapping[str, Any], columns: Columns) -> dict[str, Any]:
    """The row's values for ``columns``, in their order; a list or mapping as JSON text."""
    shaped: dict[str, Any] = {}
    for name in columns:
        value = row.get(name)
        if isinstance(value, (list, tuple, dict)):
            value = json.dumps(value, ensure_ascii=False)
        shaped[name] = value
    return shaped


def _write_parquet(stream: Any, table: list[dict[str, Any]], columns: Columns) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(name, pa.int64() if kind is int else pa.string()) for name, kind in columns.items()]
    )
    pq.write_table(pa.Table.from_pylist(table, schema=schema), stream)
