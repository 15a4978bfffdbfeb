"""lint on a Dask cluster (a LocalCluster of two worker processes): what a local run reports,
to the line, whether the reports come back or go to a findings dataset; a killed worker's
partition redone; what cannot be checked told, the rest checked."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
import zipfile
from dataclasses import replace

import pytest
import yaml

pytest.importorskip(
    "distributed", reason="the cluster tests need the extra: pip install 'trialint[dask]'"
)

import trialint
from trialint import cli
from trialint.cluster import lint as on_cluster
from trialint.cluster.dataset import MANIFEST
from trialint.cluster.partitions import partitions
from trialint.document.load import STREAM_FROM
from trialint.lint.baseline import render
from trialint.lint.engine import Context
from trialint.lint.outcome import LintResult
from trialint.lint.runner import Linter
from trialint.report.json_report import finding_to_dict
from trialint.sources.inputs import DiskInput, open_paths

from conftest import BUNDLED_FINDINGS, REPO, SHARED, TODAY, needs_shared

RECORDS = REPO / "records"
GOOD = REPO / "tests" / "fixtures" / "good"


@pytest.fixture(scope="module")
def local_linter() -> Linter:
    return Linter(Context(today=TODAY))


def run(capsys, *args: str) -> tuple[int, str, str]:
    """``trialint lint --today ... ARGS``: exit code, stdout, stderr."""
    code = cli.main(["lint", "--today", TODAY.isoformat(), "--color", "never", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def same_as_local(capsys, address: str, *args: str) -> tuple[int, str, str]:
    """The run on the cluster, once it is known to print exactly what the local run does."""
    local = run(capsys, *args)
    on = run(capsys, "--scheduler", address, *args)
    assert on == local
    return on


# --- the same findings ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_the_command_line_on_a_cluster_prints_what_a_local_run_prints(capsys, dask_cluster, fmt):
    code, out, _ = same_as_local(
        capsys, dask_cluster.scheduler_address, "--format", fmt, str(RECORDS), str(GOOD)
    )
    assert code == 1
    if fmt == "json":
        assert len(json.loads(out)) == BUNDLED_FINDINGS


@needs_shared
def test_a_zip_archive_and_a_json_list_are_checked_as_locally(
    tmp_path, capsys, dask_cluster, monkeypatch
):
    with zipfile.ZipFile(tmp_path / "ctg-studies.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for record in sorted(RECORDS.iterdir()):
            archive.write(record, record.name)
    studies = [json.loads((SHARED / "corpus" / "ctgov-v2" / "NCT00000410.json").read_text())]
    (tmp_path / "list.json").write_text(json.dumps(studies * 3, indent=2), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # relative names, as typed: the workers get absolute paths
    _, out, _ = same_as_local(
        capsys, dask_cluster.scheduler_address, "--format", "json", "ctg-studies.zip", "list.json"
    )
    files = {finding["file"] for finding in json.loads(out)}
    assert "ctg-studies.zip!NCT02213705.yaml" in files and "list.json" in files


@needs_shared
def test_200_real_records_give_the_findings_of_a_local_run(dask_client, local_linter):
    records = sorted(str(p) for p in (SHARED / "corpus" / "ctgov-v2").glob("*.json"))[:200]
    local = LintResult.gather(local_linter.check_paths(records))
    clustered = LintResult.gather(
        on_cluster.check_paths(dask_client, local_linter, records, partition_files=16)
    )
    assert local.findings  # real records have some
    assert clustered.findings == local.findings
    assert clustered.quoted_lines == local.quoted_lines
    assert (clustered.files, clustered.studies, clustered.errors) == (200, 200, [])


def test_the_python_api_with_a_client_gives_the_local_findings(dask_client):
    paths = [RECORDS, GOOD / "NCT01234567.yaml"]
    here = trialint.lint(paths, today=TODAY)
    assert len(here) == BUNDLED_FINDINGS
    assert trialint.lint(paths, today=TODAY, client=dask_client) == here


# --- the findings dataset ---------------------------------------------------------------------


def _as_table_rows(findings: list[dict]) -> list[dict]:
    """``--format json``'s findings as the dataset keeps them: lists and mappings as JSON."""
    return [
        {key: json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
         for key, value in finding.items()}
        for finding in findings
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_the_findings_dataset_reads_back_as_the_local_findings(tmp_path, capsys, dask_cluster, fmt):
    code, out, _ = run(capsys, "--format", "json", str(RECORDS), str(GOOD))
    local = json.loads(out)
    _, local_text, _ = run(capsys, str(RECORDS), str(GOOD))
    prefix = tmp_path / "findings"
    clustered = run(
        capsys, "--scheduler", dask_cluster.scheduler_address, "--findings-dataset", str(prefix),
        "--dataset-format", fmt, str(RECORDS), str(GOOD),
    )  # fmt: skip
    assert clustered[0] == code
    assert clustered[1].startswith(f"Found {BUNDLED_FINDINGS} findings")  # the closing lines only
    assert local_text.endswith(clustered[1])
    assert f"findings written to {prefix} (1 part, {fmt})" in clustered[2]
    if fmt == "parquet":
        rows = __import__("pyarrow.parquet").parquet.read_table(str(prefix)).to_pylist()
    else:
        rows = [json.loads(line) for line in (prefix / "part-00000.jsonl").read_text().splitlines()]
    assert rows == _as_table_rows(local)
    manifest = json.loads((prefix / MANIFEST).read_text())
    assert (manifest["files"], manifest["studies"], manifest["findings"]) == (
        5,
        5,
        BUNDLED_FINDINGS,
    )
    assert manifest["parts"] == 1 and manifest["not_checked"] == []


def test_a_dataset_prefix_given_relative_is_the_clients_folder(
    tmp_path, capsys, dask_cluster, monkeypatch
):
    """Workers run in folders of their own: a relative prefix is the one the user sees."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "--scheduler", dask_cluster.scheduler_address,
                       "--findings-dataset", "findings", str(GOOD))  # fmt: skip
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "findings").iterdir()) == [
        MANIFEST,
        "part-00000.jsonl",
    ]


def test_a_dataset_of_several_parts_reads_in_order_as_the_local_findings(
    tmp_path, dask_client, local_linter
):
    paths = [str(RECORDS), str(GOOD)]
    local = local_linter.lint_paths(paths)
    prefix = tmp_path / "findings"
    run = on_cluster.write_dataset(dask_client, local_linter, paths, str(prefix), partition_files=2)
    assert sorted(p.name for p in prefix.iterdir()) == [
        MANIFEST,
        "part-00000.jsonl",
        "part-00001.jsonl",
        "part-00002.jsonl",
    ]
    rows = [json.loads(line) for part in sorted(prefix.glob("part-*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines()]  # fmt: skip
    assert rows == _as_table_rows([finding_to_dict(f) for f in local.findings])
    assert (run.parts, run.summary.files, run.summary.findings) == (3, 5, BUNDLED_FINDINGS)


def test_the_baseline_hides_findings_on_the_workers_and_stale_entries_are_told(
    tmp_path, capsys, dask_cluster, local_linter
):
    findings = local_linter.lint_paths([str(RECORDS)]).findings
    entries = json.loads(render(findings))
    entries["findings"][0]["pointer"] += "/gone"  # an entry no finding matches any more
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(entries), encoding="utf-8")
    streamed = same_as_local(capsys, dask_cluster.scheduler_address, "--baseline", str(baseline),
                             str(RECORDS))  # fmt: skip
    assert "1 entry of the baseline no longer matches a finding" in streamed[2]
    prefix = tmp_path / "findings"
    code, out, err = run(
        capsys, "--scheduler", dask_cluster.scheduler_address, "--findings-dataset", str(prefix),
        "--baseline", str(baseline), str(RECORDS),
    )  # fmt: skip
    assert code == streamed[0]
    assert out.startswith("Found 1 finding") and streamed[1].endswith(out)
    assert "1 entry of the baseline no longer matches a finding" in err
    hidden = json.loads((prefix / MANIFEST).read_text())["hidden_by_baseline"]
    assert hidden == len(findings) - 1
    assert len((prefix / "part-00000.jsonl").read_text().splitlines()) == 1  # the one not hidden


def test_a_prefix_in_use_is_refused_in_one_line(tmp_path, capsys, dask_cluster):
    (tmp_path / "findings").mkdir()
    (tmp_path / "findings" / "part-00000.jsonl").write_text("{}\n")
    code, out, err = run(
        capsys, "--scheduler", dask_cluster.scheduler_address, "--findings-dataset",
        str(tmp_path / "findings"), str(RECORDS),
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err.startswith("trialint: error: ") and "is not empty" in err
    assert len(err.splitlines()) == 1


# --- what cannot be checked -------------------------------------------------------------------


def test_a_file_removed_after_listing_is_an_error_and_the_others_are_checked(
    tmp_path, dask_client, local_linter
):
    for record in RECORDS.iterdir():
        shutil.copy(record, tmp_path / record.name)
    with open_paths([str(tmp_path)]) as inputs:
        items = list(inputs)
    (tmp_path / "NCT03562065.yaml").unlink()
    local = LintResult.gather(r for item in items for r in local_linter.reports_of(item))
    clustered = LintResult.gather(on_cluster.check_items(dask_client, local_linter, items))
    assert clustered.errors == [
        f"{tmp_path / 'NCT03562065.yaml'}: cannot read: No such file or directory"
    ]
    assert (clustered.findings, clustered.errors) == (local.findings, local.errors)
    assert clustered.files == 4 and clustered.studies == 3


def test_a_corrupt_zip_member_is_told_as_locally_and_exits_2(tmp_path, capsys, dask_cluster):
    archive = tmp_path / "snapshot.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as writing:
        for record in sorted(RECORDS.iterdir()):
            writing.write(record, record.name)
    data = bytearray(archive.read_bytes())
    at = data.index(b"NCT03562065", data.index(b"NCT03562065.yaml") + 20)  # inside its text
    data[at : at + 3] = b"XXX"  # its CRC no longer matches
    archive.write_bytes(bytes(data))
    code, out, err = same_as_local(capsys, dask_cluster.scheduler_address, str(archive))
    assert code == 2
    assert f"trialint: error: {archive}!NCT03562065.yaml: cannot read from the archive" in err
    assert "NCT02213705.yaml" in out  # the other members' findings


class FailingInput(DiskInput):
    """An input whose reading fails in a way no input error covers: its partition's task
    raises on the worker (twice: Dask retries it once)."""

    __slots__ = ()

    def read(self) -> bytes:
        raise RuntimeError("the store went away")


def test_a_partition_that_fails_on_the_cluster_is_reported_not_checked(dask_client, local_linter):
    records = sorted(RECORDS.iterdir())
    items = [DiskInput(str(p), str(p), found=False) for p in records]
    items.insert(2, FailingInput("broken.yaml", str(records[0]), found=False))
    result = LintResult.gather(
        on_cluster.check_items(dask_client, local_linter, items, partition_files=2)
    )
    reason = "not checked: its partition failed on the cluster: RuntimeError: the store went away"
    # The failing partition is the second: the input after the broken one goes with it.
    assert result.errors == [f"broken.yaml: {reason}", f"{records[2]}: {reason}"]
    others = local_linter.lint_paths([str(p) for p in records[:2] + records[3:]])
    assert result.findings == others.findings


class SlowInput(DiskInput):
    """A file whose reading takes a while: long enough to kill the worker holding it."""

    __slots__ = ()

    def read(self) -> bytes:
        time.sleep(0.4)
        return super().read()


def test_a_killed_workers_partition_is_redone_and_every_finding_comes_back(
    dask_client, local_linter
):
    records = sorted(RECORDS.iterdir()) * 3
    items = [SlowInput(f"copy{n}/{p.name}", str(p), found=False) for n, p in enumerate(records)]
    outcome: dict[str, LintResult] = {}

    def check() -> None:
        reports = on_cluster.check_items(dask_client, local_linter, items, partition_files=3)
        outcome["result"] = LintResult.gather(reports)

    running = threading.Thread(target=check)
    running.start()
    killed = None
    deadline = time.monotonic() + 20
    while killed is None and time.monotonic() < deadline:
        for worker, keys in dask_client.processing().items():
            if any(str(key).startswith("trialint-lint-") for key in keys):
                [pid] = dask_client.run(os.getpid, workers=[worker]).values()
                os.kill(pid, signal.SIGKILL)
                killed = worker
                break
        time.sleep(0.05)
    running.join(60)
    assert killed is not None and not running.is_alive()
    result = outcome["result"]
    quick = [DiskInput(item.name, item.path, found=False) for item in items]
    expected = LintResult.gather(r for item in quick for r in local_linter.reports_of(item))
    assert result.errors == []
    assert result.files == 12 and result.findings == expected.findings
    dask_client.wait_for_workers(2, timeout=30)  # the nanny restarts it: later tests have two


# --- usage -------------------------------------------------------------------------------------


READ_BY_WORKERS = "--scheduler has the cluster's workers read the files: not with"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fix"], f"{READ_BY_WORKERS} --fix"),
        (["--diff"], f"{READ_BY_WORKERS} --diff"),
        (["--rev", "HEAD"], f"{READ_BY_WORKERS} --rev"),
        (["-"], f"{READ_BY_WORKERS} - (standard input)"),
        (["--findings-dataset", "out", "--statistics"],
         "--findings-dataset writes the findings to the dataset: not with --statistics"),
    ],
)  # fmt: skip
def test_what_a_cluster_run_cannot_do_is_a_usage_error(capsys, args, message):
    code, out, err = run(capsys, "--scheduler", "tcp://127.0.0.1:1", *args, str(RECORDS))
    assert (code, out, err) == (2, "", f"trialint: error: {message}\n")


def test_a_dataset_without_a_scheduler_is_a_usage_error(capsys):
    code, _, err = run(capsys, "--findings-dataset", "out", str(RECORDS))
    assert (code, err) == (2, "trialint: error: --findings-dataset goes with --scheduler: the "
                              "cluster's workers write it\n")  # fmt: skip


def test_an_unreachable_scheduler_is_one_line_and_exit_2(capsys, monkeypatch):
    monkeypatch.setattr("trialint.cluster.client.CONNECT_TIMEOUT", "1s")
    code, out, err = run(capsys, "--scheduler", "tcp://127.0.0.1:9", str(RECORDS))
    assert (code, out) == (2, "")
    assert err.startswith("trialint: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(err.splitlines()) == 1


# --- partitions ---------------------------------------------------------------------------------


class _Sized(DiskInput):
    __slots__ = ("bytes",)

    def __init__(self, name: str, size: int) -> None:
        super().__init__(name, name, found=True)
        self.bytes = size

    def size(self) -> int | None:
        return self.bytes


def test_a_file_read_in_parts_is_cut_into_slices_told_by_its_size():
    items = [_Sized("a.json", 10), _Sized("big.json", STREAM_FROM), _Sized("b.json", 10),
             _Sized("c.yaml", STREAM_FROM), _Sized("d.json", 10)]  # fmt: skip
    grouped = [[item.name for item in batch] for batch in partitions(items, 2)]
    assert grouped == [["a.json"], ["big.json"], ["b.json", "c.yaml"], ["d.json"]]
    half = STREAM_FROM // 2
    sliced = list(partitions([_Sized("big.json", STREAM_FROM + 1)], 2, slice_bytes=half))
    assert [(batch[0].start, batch[0].end) for batch in sliced] == [
        (0, half), (half, 2 * half), (2 * half, None)
    ]  # fmt: skip


def _list_of_studies(path, *, problems: bool = True) -> None:
    """A JSON list of studies with findings, and (``problems``) a syntax error and an entry
    that is no study."""
    study = yaml.safe_load((GOOD / "NCT01234567.yaml").read_text(encoding="utf-8"))
    study["protocolSection"]["statusModule"]["overallStatus"] = "RECRUTING"
    others = [json.loads(json.dumps(study).replace("NCT01234567", f"NCT0765432{n}"))
              for n in range(6)]  # fmt: skip
    text = json.dumps([study, *([{"note": "no study"}] if problems else []), *others], indent=2)
    if problems:
        text = text.replace("\n  },\n  {", "\n  }\n  {", 1)
    path.write_text(text, encoding="utf-8")


def _seen_reports(reports) -> list[tuple]:
    return [(r.path, r.part, r.more, r.studies, [(f.rule.code, f.span, f.message, f.study)
             for f in r.findings], r.errors, r.passed_over) for r in reports]  # fmt: skip


@pytest.mark.parametrize("slice_bytes", [700, 5_000, 10**9])
def test_slices_of_a_large_list_give_the_parts_of_a_local_run(
    tmp_path, dask_client, local_linter, monkeypatch, slice_bytes
):
    """The registry's one-file download is shared among workers by ranges of its bytes; the
    client joins their reports into the parts one machine gives, whatever the bounds."""
    monkeypatch.setattr("trialint.document.load.STREAM_FROM", 0)  # this small list is large
    _list_of_studies(tmp_path / "list.json")
    (tmp_path / "folder").mkdir()
    _list_of_studies(tmp_path / "folder" / "found.json")  # a search's: held until a study
    paths = [str(tmp_path / "list.json"), str(tmp_path / "folder")]
    local = list(local_linter.check_paths(paths))
    clustered = list(
        on_cluster.check_paths(dask_client, local_linter, paths, slice_bytes=slice_bytes)
    )
    assert _seen_reports(clustered) == _seen_reports(local)
    assert len(local) > 10 and any(f.rule.code == "F001" for r in local for f in r.findings)


def test_a_sliced_list_in_a_dataset_counts_as_one_file_and_its_stale_entries_once(
    tmp_path, dask_client, local_linter, monkeypatch
):
    monkeypatch.setattr("trialint.document.load.STREAM_FROM", 0)
    _list_of_studies(tmp_path / "list.json", problems=False)
    local = local_linter.lint_paths([str(tmp_path / "list.json")])
    entries = json.loads(render(local.findings))
    entries["findings"][-1]["pointer"] += "/gone"  # stale: matched in no slice
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(entries), encoding="utf-8")
    with_baseline = Linter(Context(today=TODAY), replace(local_linter.config, baseline=baseline))
    match = with_baseline.baseline_match()
    list(with_baseline.check_paths([str(tmp_path / "list.json")], baseline=match))
    assert match is not None and len(match.stale()) == 1  # as a local run finds it
    prefix = tmp_path / "findings"
    run = on_cluster.write_dataset(dask_client, with_baseline, [str(tmp_path / "list.json")],
                                   str(prefix), slice_bytes=1_500)  # fmt: skip
    assert run.parts > 3
    assert (run.summary.files, run.summary.studies) == (1, local.studies)
    assert run.summary.hidden_by_baseline == len(local.findings) - 1
    assert run.stale == 1
    rows = [json.loads(line) for part in sorted(prefix.glob("part-*.jsonl"))
            for line in part.read_text(encoding="utf-8").splitlines()]  # fmt: skip
    assert rows == _as_table_rows([finding_to_dict(local.findings[-1])])


def test_workers_are_sent_absolute_paths_under_the_names_listed(tmp_path, monkeypatch):
    (tmp_path / "records").mkdir()
    for record in RECORDS.iterdir():
        shutil.copy(record, tmp_path / "records" / record.name)
    with zipfile.ZipFile(tmp_path / "snapshot.zip", "w") as archive:
        archive.write(GOOD / "NCT01234567.yaml", "NCT01234567.yaml")
    monkeypatch.chdir(tmp_path)
    with open_paths(["records", "snapshot.zip"]) as inputs:
        [batch] = partitions(inputs, 10)
    assert [item.name for item in batch] == [
        *(f"records/{p.name}" for p in sorted(RECORDS.iterdir())),
        "snapshot.zip!NCT01234567.yaml",
    ]
    assert [item.path for item in batch[:-1]] == [
        str(tmp_path / "records" / p.name) for p in sorted(RECORDS.iterdir())
    ]
    assert batch[-1].archive.path == str(tmp_path / "snapshot.zip")


def test_per_folder_configurations_rule_packs_and_words_apply_on_the_workers(
    tmp_path, capsys, dask_cluster, monkeypatch
):
    """Each record is checked on a worker with the configuration nearest above it, its rule
    packs and its words, as locally: the workers read them where the client names them."""
    from test_rulepack import PACK

    good = (GOOD / "NCT01234567.yaml").read_text(encoding="utf-8")
    misspelt = good.replace("Exercise Training", "Exercise Trainning")
    (tmp_path / ".trialint.toml").write_text('words-file = "words.txt"\n', encoding="utf-8")
    (tmp_path / "words.txt").write_text("Trainning\n", encoding="utf-8")
    (tmp_path / "top.yaml").write_text(misspelt, encoding="utf-8")
    sub = tmp_path / "sub"
    (sub / "packs").mkdir(parents=True)
    (sub / "packs" / "hospital.yaml").write_text(PACK, encoding="utf-8")
    (sub / ".trialint.toml").write_text('rule-packs = ["packs/"]\nextend-select = ["U001"]\n',
                                        encoding="utf-8")  # fmt: skip
    (sub / "s.yaml").write_text(misspelt, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = same_as_local(capsys, dask_cluster.scheduler_address, "--format", "json", ".")
    found = {(f["file"], f["code"]) for f in json.loads(out)}
    assert ("sub/s.yaml", "U001") in found  # the sub-folder's rule pack
    assert not any(file == "top.yaml" for file, _ in found)  # the top folder's words
    assert code == 1
