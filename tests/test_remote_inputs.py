"""Inputs at fsspec URLs: listed and read as paths are, named by their URLs; what cannot be
listed or read is one line naming the URL. Only ``file://`` is tested (no network in tests):
s3:// and gs:// go through the same fsspec calls with the user's backend."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

pytest.importorskip("fsspec", reason="URLs need the extra: pip install 'trialint[dask]'")

from trialint.document.load import STREAM_FROM, read_in_parts
from trialint.sources.inputs import DiskInput, open_paths
from trialint.sources.remote import RemoteInput, is_url

from conftest import BUNDLED_FINDINGS, GOOD_RECORD, REPO, lint_json

RECORDS = REPO / "records"


@pytest.fixture
def snapshot(tmp_path):
    """A folder of records, with what a folder search passes over: a hidden folder, a file
    without a record suffix."""
    folder = tmp_path / "snapshot"
    (folder / "more").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    for record in sorted(RECORDS.iterdir()):
        shutil.copy(record, folder / record.name)
    shutil.copy(GOOD_RECORD, folder / "more" / GOOD_RECORD.name)
    # A record with findings: listed, it would change the findings.
    shutil.copy(RECORDS / "NCT02213705.yaml", folder / ".hidden" / "NCT02213705.yaml")
    (folder / "notes.txt").write_text("not a record", encoding="utf-8")
    return folder


def test_a_folder_url_gives_the_findings_of_the_folder_named_by_url(capsys, snapshot):
    code, local, _ = lint_json(capsys, str(snapshot))
    url = f"file://{snapshot}"
    remote_code, remote, err = lint_json(capsys, url)
    assert (remote_code, err) == (code, "")
    assert len(remote) == BUNDLED_FINDINGS
    for finding in local:
        finding["file"] = f"file://{finding['file']}"
    assert remote == local


def test_urls_and_paths_keep_the_order_given(capsys, snapshot):
    one, two = snapshot / "NCT02213705.yaml", snapshot / "NCT05947682.yaml"
    _, findings, _ = lint_json(capsys, f"file://{two}", str(one), f"file://{snapshot / 'more'}")
    files = list(dict.fromkeys(finding["file"] for finding in findings))
    assert files == [f"file://{two}", str(one)]  # the good record has no finding
    with open_paths([f"file://{two}", str(one), f"file://{snapshot / 'more'}"]) as inputs:
        listed = list(inputs)
    assert [type(item) for item in listed] == [RemoteInput, DiskInput, RemoteInput]
    assert [item.found for item in listed] == [False, False, True]


def test_a_url_that_names_nothing_is_one_error_and_the_rest_is_checked(capsys, snapshot):
    missing = f"file://{snapshot}/gone"
    code, findings, err = lint_json(capsys, missing, f"file://{snapshot / 'NCT02213705.yaml'}")
    assert code == 2
    assert err == f"trialint: error: {missing}: no such file or folder\n"
    assert findings and {f["file"] for f in findings} == {f"file://{snapshot}/NCT02213705.yaml"}


def test_a_store_without_a_backend_is_one_error(capsys):
    code, findings, err = lint_json(capsys, "nosuchstore://bucket/snapshot/")
    assert (code, findings) == (2, [])
    assert err.startswith("trialint: error: nosuchstore://bucket/snapshot/: cannot list: ")
    assert len(err.splitlines()) == 1


def test_a_zip_archive_at_a_url_is_told_not_passed_over(capsys, tmp_path):
    with zipfile.ZipFile(tmp_path / "ctg-studies.zip", "w") as archive:
        archive.write(GOOD_RECORD, GOOD_RECORD.name)
    code, _, err = lint_json(capsys, f"file://{tmp_path}")
    assert code == 2
    assert err == (
        f"trialint: error: file://{tmp_path}/ctg-studies.zip: zip archives at a URL are not "
        "read: unzip it there, or read it from a shared file system\n"
    )


def test_a_file_removed_after_listing_is_an_error_as_on_disk(tmp_path):
    record = tmp_path / "NCT01234567.yaml"
    shutil.copy(GOOD_RECORD, record)
    with open_paths([f"file://{tmp_path}"]) as inputs:
        [item] = list(inputs)
    record.unlink()
    from trialint.sources.problems import InputError

    with pytest.raises(InputError) as raised:
        item.read()
    assert str(raised.value.problem) == f"file://{record}: cannot read: No such file or directory"


def test_a_large_json_list_at_a_url_is_read_in_parts_by_its_listed_size(tmp_path):
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT01234567"}}}
    path = tmp_path / "list.json"
    path.write_text(json.dumps([study] * (STREAM_FROM // 60 + 1)), encoding="utf-8")
    with open_paths([f"file://{tmp_path}"]) as inputs:
        [item] = list(inputs)
    assert item.size() == path.stat().st_size >= STREAM_FROM
    assert read_in_parts(item)
    with item.open() as stream:
        assert stream.read(2) == b"[{"


def test_a_file_url_is_checked_with_its_folders_configuration(capsys, tmp_path):
    shutil.copy(RECORDS / "NCT02213705.yaml", tmp_path / "NCT02213705.yaml")
    (tmp_path / ".trialint.toml").write_text('ignore = ["O001"]\n', encoding="utf-8")
    _, findings, _ = lint_json(capsys, f"file://{tmp_path}")
    codes = {finding["code"] for finding in findings}
    assert codes and "O001" not in codes


@pytest.mark.parametrize(
    ("argument", "url"),
    [("s3://bucket/x/", True), ("file:///data", True), ("gs://b", True),
     ("records/a.yaml", False), ("C:\\data", False), ("weird:name.yaml", False)],
)  # fmt: skip
def test_what_is_read_as_a_url(argument, url):
    assert is_url(argument) is url
