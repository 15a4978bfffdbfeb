"""``trialint diff --scheduler`` and ``trialint.diff(client=)``: a Dask cluster (two worker
processes) gives exactly what a run on this machine gives, every report format, problems and
exit code included, for two snapshots and for a sequence with the history rules."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

import trialint
from trialint.cli import main
from trialint.diff import cluster

from conftest import GOOD_RECORD, SHARED, needs_shared

pytest.importorskip("distributed", reason="the cluster tests need the extra trialint[dask]")

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
COMPLETION = 'completionDateStruct:\n      date: "{}"'


def study(nct_id: str, *edits: tuple[str, str]) -> str:
    text = GOOD.replace("NCT01234567", nct_id)
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def same_as_local(capsys, address: str, *args: object) -> tuple[int, str, str]:
    """Run ``trialint diff ARGS`` here and on the cluster; both must say exactly the same."""
    local = run(capsys, *args)
    assert run(capsys, "--scheduler", address, *args) == local
    return local


def changes(out: str) -> list[dict[str, object]]:
    return [event for event in map(json.loads, out.splitlines()) if event["type"] == "change"]


ENROLLMENT = ("count: 120", "count: 90")
TITLE = ("Exercise Training After Knee Replacement", "Exercise After Knee Replacement")


@pytest.fixture
def snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """old and new: a study changed, one unchanged, one added, one removed, two moved from
    one file (a YAML stream) to a file each (one of them changed), a study whose new file
    cannot be read, and a study twice on the new side. Two files per map task, so the
    snapshots are cut into several batches and the buckets see studies of many."""
    monkeypatch.setattr(cluster, "BATCH_FILES", 2)
    write(tmp_path / "old", {
        "NCT00000001.yaml": study("NCT00000001"),
        "NCT00000002.yaml": study("NCT00000002"),
        "NCT00000005.yaml": study("NCT00000005"),
        "both.yaml": study("NCT00000006") + "---\n" + study("NCT00000007"),
        "NCT00000008.yaml": study("NCT00000008"),
    })  # fmt: skip
    write(tmp_path / "new", {
        "NCT00000001.yaml": study("NCT00000001", ENROLLMENT),
        "NCT00000002.yaml": study("NCT00000002"),
        "NCT00000004.yaml": study("NCT00000004"),
        "NCT00000006.yaml": study("NCT00000006", TITLE),
        "NCT00000007.yaml": study("NCT00000007"),
        "NCT00000008.yaml": "protocolSection: [\n",
        "zz/copy.yaml": study("NCT00000001"),
    })  # fmt: skip
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_two_snapshots_give_the_local_events_in_every_format(capsys, dask_cluster, snapshots):
    address = dask_cluster.scheduler_address
    code, out, err = same_as_local(capsys, address, "--format", "json", "old", "new")
    assert code == 2  # a file could not be read: the diff is incomplete
    assert [(e["study"], e["kind"], e["old_origin"], e["new_origin"]) for e in changes(out)] == [
        ("NCT00000001", "changed", "old/NCT00000001.yaml", "new/NCT00000001.yaml"),
        ("NCT00000004", "added", None, "new/NCT00000004.yaml"),
        ("NCT00000006", "changed", "old/both.yaml#0", "new/NCT00000006.yaml"),
        ("NCT00000005", "removed", "old/NCT00000005.yaml", None),
    ]
    assert [json.loads(line)["study"] for line in out.splitlines()
            if json.loads(line)["type"] == "not_compared"] == ["NCT00000008"]  # fmt: skip
    assert err.splitlines()[0].startswith("trialint: error: new/NCT00000008.yaml:")
    assert err.splitlines()[1] == (
        "trialint: error: new/zz/copy.yaml: NCT00000001 is also in new/NCT00000001.yaml; ignored"
    )
    for args in (["--show-administrative"], ["--format", "markdown"], ["--verbose"]):
        same_as_local(capsys, address, *args, "old", "new")


def test_the_api_gives_the_local_changes(dask_client, tmp_path):
    write(tmp_path / "old", {"a.yaml": study("NCT00000001"), "b.yaml": study("NCT00000002")})
    write(tmp_path / "new", {"a.yaml": study("NCT00000001", ENROLLMENT, TITLE)})
    old, new = tmp_path / "old", tmp_path / "new"
    local = trialint.diff(old, new)
    assert [(c.study, c.kind) for c in local][-1] == ("NCT00000002", trialint.Kind.REMOVED)
    assert trialint.diff(old, new, client=dask_client) == local
    (tmp_path / "new" / "c.yaml").write_text("[\n", encoding="utf-8")
    with pytest.raises(trialint.UnreadableInputError) as raised:
        trialint.diff(old, new, client=dask_client)
    assert raised.value.problems[0].startswith(f"{new / 'c.yaml'}:")
    assert raised.value.changes == tuple(local)


@needs_shared
def test_real_successive_versions_give_the_local_events(capsys, dask_cluster, tmp_path):
    """The registry's versions of 14 studies (corpus/ctgov-v2-versions, the older of each
    study on the old side), among 60 unchanged real records, linked in place."""
    versions = sorted((SHARED / "corpus" / "ctgov-v2-versions").glob("NCT*.json"))
    versioned = {path.name[:11] for path in versions}
    unchanged = [
        path for path in sorted((SHARED / "corpus" / "ctgov-v2").glob("NCT*.json"))
        if path.stem not in versioned
    ][:60]  # fmt: skip
    for side in ("old", "new"):
        (tmp_path / side).mkdir()
        for path in unchanged:
            (tmp_path / side / path.name).symlink_to(path)
    for path in versions:
        side = "new" if (tmp_path / "old" / f"{path.name[:11]}.json").exists() else "old"
        (tmp_path / side / f"{path.name[:11]}.json").symlink_to(path)
    address = dask_cluster.scheduler_address
    old, new = tmp_path / "old", tmp_path / "new"
    code, out, err = same_as_local(capsys, address, "--format", "json", "--include-derived",
                                   old, new)  # fmt: skip
    assert (code, err) == (1, "")
    assert len({event["study"] for event in changes(out)}) >= 10
    code, out, _ = same_as_local(capsys, address, old, new)
    assert out.splitlines()[-1] == (
        "3 studies changed, 71 unchanged. 1,150 changes: 1 major, 1,149 minor; 1,146 added, "
        "2 changed, 2 removed; 31 administrative changes not shown."
    )


@pytest.fixture
def sequence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three snapshots, a, b and c (as test_diff_sequence's): NCT01234567's completion date
    slips at each step; NCT07654321 is missing from b and back in c with fewer participants."""
    monkeypatch.setattr(cluster, "BATCH_FILES", 1)
    slip = COMPLETION.format("2023-12-15")
    write(tmp_path, {
        "a/NCT01234567.yaml": GOOD,
        "a/NCT07654321.yaml": study("NCT07654321"),
        "b/NCT01234567.yaml": study("NCT01234567", (slip, COMPLETION.format("2024-06-15"))),
        "c/NCT01234567.yaml": study("NCT01234567", (slip, COMPLETION.format("2024-12-15"))),
        "c/NCT07654321.yaml": study("NCT07654321", ("count: 120", "count: 80")),
    })  # fmt: skip
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_sequence_gives_the_local_steps_and_history_findings(capsys, dask_cluster, sequence):
    address = dask_cluster.scheduler_address
    code, out, err = same_as_local(capsys, address, "--lint", "--format", "json", "a", "b", "c")
    assert (code, err) == (1, "")
    findings = [json.loads(line) for line in out.splitlines() if '"finding"' in line]
    assert [(f["code"], f["file"]) for f in findings] == [
        ("H005", "c/NCT01234567.yaml"),
        ("H004", "c/NCT07654321.yaml"),
    ]
    same_as_local(capsys, address, "--lint", "a", "b", "c")


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_the_events_dataset_holds_the_json_reports_changes(capsys, dask_cluster, sequence, fmt):
    address = dask_cluster.scheduler_address
    code, out, _ = run(capsys, "--format", "json", "--lint", "a", "b", "c")
    expected = sorted(
        (
            e["from"],
            e["to"],
            e["study"],
            e["module"],
            e["path"],
            e["kind"],
            e["significance"],
            e["old_origin"],
            e["new_origin"],
            e["new"],
        )
        for e in changes(out)
    )
    args = ("--scheduler", address, "--events-dataset", "events", "--dataset-format", fmt)
    assert run(capsys, *args, "--format", "json", "--lint", "a", "b", "c") == (
        code,
        "\n".join(line for line in out.splitlines() if '"finding"' in line) + "\n",
        "",
    )  # the report keeps the history findings; the changes are in the dataset
    rows = _read_rows(sequence / "events", fmt)
    assert (
        sorted(
            (
                r["from"],
                r["to"],
                r["study"],
                r["module"],
                r["path"],
                r["kind"],
                r["significance"],
                r["old_origin"],
                r["new_origin"],
                _value(r["new"]),
            )
            for r in rows
        )
        == expected
    )
    assert {r["step"] for r in rows} == {1, 2}
    manifest = json.loads((sequence / "events" / "_trialint.json").read_text(encoding="utf-8"))
    assert (manifest["events"], manifest["problems"], manifest["history_findings"]) == (4, [], 2)
    # A prefix that holds a dataset is not written again.
    code, out, err = run(capsys, *args, "a", "b")
    assert (code, out) == (2, "")
    assert err.startswith("trialint: error: events is not empty") and err.count("\n") == 1


def _read_rows(prefix: Path, fmt: str) -> list[dict[str, object]]:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.read_table(str(prefix)).to_pylist()
    return [json.loads(line) for part in sorted(prefix.glob("*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines()]  # fmt: skip


def _value(text: object) -> object:
    """A dataset's value column back as the JSON report has it (text as is, else JSON)."""
    if isinstance(text, str) and text[:1] in "{[":
        return json.loads(text)
    return text


def test_combinations_that_make_no_sense_are_one_line_errors(capsys, sequence, monkeypatch):
    for args, message in [
        (["--scheduler", "tcp://127.0.0.1:1", "--rev", "HEAD"], "--scheduler diffs snapshots"),
        (["--events-dataset", "events", "a", "b"], "--events-dataset goes with --scheduler"),
        (["--dataset-format", "parquet", "a", "b"], "--dataset-format goes with --events-dataset"),
    ]:
        code, out, err = run(capsys, *args)
        assert (code, out) == (2, "")
        assert err.startswith(f"trialint: error: {message}") and err.count("\n") == 1
    monkeypatch.setattr("trialint.cluster.client.CONNECT_TIMEOUT", "1s")
    code, out, err = run(capsys, "--scheduler", "tcp://127.0.0.1:1", "a", "b")
    assert (code, out) == (2, "")
    assert err.startswith("trialint: error: cannot reach the Dask scheduler at tcp://127.0.0.1:1")


def _die_once(marker: str) -> None:
    """On a worker: the next map task ends the worker's process, once in the cluster."""
    import importlib

    module = importlib.import_module("trialint.diff.cluster")
    original = module.index_group

    def index_group(*args: object, **kwargs: object) -> object:
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return original(*args, **kwargs)  # type: ignore[arg-type]
        os._exit(1)

    module.index_group = index_group  # type: ignore[assignment]


def _restore() -> None:
    import importlib

    importlib.reload(importlib.import_module("trialint.diff.cluster"))


def test_a_killed_workers_batch_is_done_again(capsys, dask_cluster, dask_client, sequence):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    local = run(capsys, "--format", "json", "a", "b", "c")
    marker = sequence / "killed"
    dask_client.run(_die_once, str(marker))
    try:
        assert run(capsys, "--scheduler", dask_cluster.scheduler_address,
                   "--format", "json", "a", "b", "c") == local  # fmt: skip
    finally:
        dask_client.run(_restore)
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert marker.exists()  # a worker did die


def test_a_file_unchanged_since_the_snapshot_before_is_not_parsed_again(tmp_path, monkeypatch):
    """As a local run spares it (``Side.refs(twins=...)``), a map task knows a file whose bytes
    it read in the snapshot before by their hash: a registry's daily snapshots are mostly that."""
    from trialint.diff import inputs
    from trialint.sources.inputs import DiskInput

    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        shutil.copy(GOOD_RECORD, tmp_path / side / "NCT01234567.yaml")
    changed = GOOD_RECORD.read_text(encoding="utf-8").replace("NCT01234567", "NCT07654321")
    (tmp_path / "a" / "NCT07654321.yaml").write_text(changed, encoding="utf-8")
    (tmp_path / "b" / "NCT07654321.yaml").write_text(changed + "# edited\n", encoding="utf-8")
    parsed: list[str] = []
    load = inputs._FileCache.load

    def counted(self, item, *args):
        parsed.append(item.name)
        return load(self, item, *args)

    monkeypatch.setattr(inputs._FileCache, "load", counted)
    group = [(number, 0, index, DiskInput(f"{side}/{name}", str(tmp_path / side / name),
                                          found=True))
             for number, side in enumerate("ab")
             for index, name in enumerate(["NCT01234567.yaml", "NCT07654321.yaml"])]  # fmt: skip
    by_bucket, facts = cluster.index_group(group, False, 1)
    assert parsed == ["a/NCT01234567.yaml", "a/NCT07654321.yaml", "b/NCT07654321.yaml"]
    assert sorted((e.snapshot, e.ref.nct_id) for e in by_bucket[0]) == [
        (0, "NCT01234567"), (0, "NCT07654321"), (1, "NCT01234567"), (1, "NCT07654321")
    ]  # fmt: skip
    assert facts == []
