"""trialint import --update: a newer download brought into records a curator keeps, changing
only the values the registry changed, and never a value the curator changed too."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from trialint import cli
from trialint.ctgov.basecopy import BASE_FOLDER
from trialint.document.load import load_file

from conftest import SHARED, needs_shared

XML_VERSIONS = SHARED / "corpus" / "ctgov-xml-versions"
NCT = "NCT00000001"


def study(nct: str = NCT, **changes: Any) -> dict[str, Any]:
    """A small study in the API v2 shape; ``changes`` replace statusModule's values."""
    status = {"overallStatus": "RECRUITING", "startDateStruct": {"date": "2020-01"}}
    status.update(changes)
    return {
        "protocolSection": {
            "identificationModule": {"nctId": nct, "briefTitle": "Aspirin in Gout"},
            "statusModule": status,
            "conditionsModule": {"conditions": ["Gout"], "keywords": ["uric acid"]},
            "designModule": {"enrollmentInfo": {"count": 30, "type": "ESTIMATED"}},
        }
    }


def download(folder: Path, *studies: dict[str, Any], name: str = "download.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(list(studies)), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["import", *args])
    return code, capsys.readouterr().err


def imported_then_curated(tmp_path: Path, capsys, curated: str) -> Path:
    """Import ``study()`` into tmp_path/records, then give the record the text ``curated``
    (a curator's edit of what the import wrote)."""
    out = tmp_path / "records"
    assert run(capsys, str(download(tmp_path / "old", study())), "--out", str(out))[0] == 0
    record = out / f"{NCT}.yaml"
    assert record.read_text(encoding="utf-8") == IMPORTED
    record.write_text(curated, encoding="utf-8")
    return record


IMPORTED = """\
# Imported by trialint from download.json[0]
protocolSection:
  identificationModule:
    nctId: NCT00000001
    briefTitle: Aspirin in Gout
  statusModule:
    overallStatus: RECRUITING
    startDateStruct:
      date: 2020-01
  conditionsModule:
    conditions:
      - Gout
    keywords:
      - uric acid
  designModule:
    enrollmentInfo:
      count: 30
      type: ESTIMATED
"""

# The curator's copy: comments of their own, their own quoting, and one value of their own.
CURATED = """\
# Imported by trialint from download.json[0]
# Checked against the protocol, 2021-03-02 (J. Doe).
protocolSection:
  identificationModule:
    nctId: "NCT00000001"
    briefTitle: 'Aspirin in Gout'   # the sponsor's capitals
  statusModule:
    overallStatus: 'RECRUITING'
    startDateStruct:
      date: 2020-01
  conditionsModule:
    conditions:
      - Gout
    keywords:
      - uric acid   # MeSH
      - hyperuricemia
  designModule:
    enrollmentInfo:
      count: 30  # 30 randomised, 2 withdrawn
      type: ESTIMATED
"""


def test_only_the_values_the_registry_changed_change(tmp_path: Path, capsys) -> None:
    record = imported_then_curated(tmp_path, capsys, CURATED)
    newer = download(tmp_path / "new", study(overallStatus="COMPLETED"))
    newer_study = json.loads(newer.read_text())[0]
    newer_study["protocolSection"]["designModule"]["enrollmentInfo"]["count"] = 28
    newer.write_text(json.dumps([newer_study]))

    code, err = run(capsys, "--update", str(newer), "--out", str(record.parent))

    assert code == 0, err
    assert err == f"updated 1 record in {record.parent} (0 unchanged, 0 new)\n"
    assert record.read_text(encoding="utf-8") == CURATED.replace(
        "overallStatus: 'RECRUITING'", "overallStatus: 'COMPLETED'"
    ).replace("count: 30  # 30 randomised", "count: 28  # 30 randomised")


def test_a_value_both_changed_is_reported_and_the_curators_kept(tmp_path: Path, capsys) -> None:
    curated = CURATED.replace("overallStatus: 'RECRUITING'", "overallStatus: 'SUSPENDED'")
    record = imported_then_curated(tmp_path, capsys, curated)
    newer = download(tmp_path / "new", study(overallStatus="COMPLETED"))

    code, err = run(capsys, "--update", str(newer), "--out", str(record.parent))

    assert code == 1
    assert err.splitlines() == [
        f"trialint: conflict: {record}: /protocolSection/statusModule/overallStatus: kept "
        '"SUSPENDED"; the registry changed "RECRUITING" to "COMPLETED"',
        f"updated 0 records in {record.parent} (1 unchanged, 0 new); 1 conflict: the "
        "curator's values kept",
    ]
    assert record.read_text(encoding="utf-8") == curated
    # Reported once: the base is now the registry's COMPLETED, so the curator's SUSPENDED
    # counts as their own edit from now on.
    assert run(capsys, "--update", str(newer), "--out", str(record.parent))[0] == 0
    assert record.read_text(encoding="utf-8") == curated


def test_a_key_the_registry_added_goes_where_it_puts_it_and_one_it_dropped_goes(
    tmp_path: Path, capsys
) -> None:
    record = imported_then_curated(tmp_path, capsys, CURATED)
    newer_study = study(whyStopped="Funding ended")
    status = newer_study["protocolSection"]["statusModule"]
    newer_study["protocolSection"]["statusModule"] = {"whyStopped": status.pop("whyStopped")}
    newer_study["protocolSection"]["statusModule"].update(status)
    del newer_study["protocolSection"]["statusModule"]["startDateStruct"]

    newer = download(tmp_path / "new", newer_study)

    code, err = run(capsys, "--update", str(newer), "--out", str(record.parent))

    assert code == 0, err
    assert record.read_text(encoding="utf-8") == CURATED.replace(
        "    overallStatus: 'RECRUITING'\n    startDateStruct:\n      date: 2020-01\n",
        "    whyStopped: Funding ended\n    overallStatus: 'RECRUITING'\n",
    )


def test_a_new_study_gets_a_record_and_an_absent_one_is_named_and_left(
    tmp_path: Path, capsys
) -> None:
    record = imported_then_curated(tmp_path, capsys, CURATED)
    out = record.parent
    gone = out / "NCT00000009.yaml"
    gone.write_text("# withdrawn from our registry's scope\nprotocolSection: {}\n")
    before = gone.read_bytes()

    code, err = run(
        capsys, "--update", str(download(tmp_path / "new", study(), study("NCT00000002"))),
        "--out", str(out),
    )  # fmt: skip

    assert code == 0, err
    assert err.splitlines() == [
        f"trialint: note: {gone}: not in the download; left as it is",
        f"updated 0 records in {out} (1 unchanged, 1 new); 1 record not in the download",
    ]
    assert gone.read_bytes() == before
    assert record.read_text(encoding="utf-8") == CURATED
    new = load_file(out / "NCT00000002.yaml").studies[0].data
    assert new == study("NCT00000002")
    # ... and the next update knows what the registry said for it
    assert (out / BASE_FOLDER / "NCT00000002.imported.json").is_file()


def test_without_a_base_every_difference_is_a_conflict(tmp_path: Path, capsys) -> None:
    """A record imported before trialint kept bases (or written by hand): nothing tells the
    curator's edits from the registry's changes, so nothing is overwritten."""
    record = imported_then_curated(tmp_path, capsys, CURATED)
    (record.parent / BASE_FOLDER / f"{NCT}.imported.json").unlink()

    code, err = run(
        capsys, "--update", str(download(tmp_path / "new", study(overallStatus="COMPLETED"))),
        "--out", str(record.parent),
    )  # fmt: skip

    assert code == 1
    assert err.splitlines()[:2] == [
        f"trialint: conflict: {record}: /protocolSection/statusModule/overallStatus: kept "
        '"RECRUITING"; the registry has "COMPLETED" (no earlier import of it is kept, so '
        "whether it was edited here is unknown)",
        f"trialint: conflict: {record}: /protocolSection/conditionsModule/keywords: kept "
        '["uric acid", "hyperuricemia"]; the registry has ["uric acid"] (no earlier import '
        "of it is kept, so whether it was edited here is unknown)",
    ]
    assert record.read_text(encoding="utf-8") == CURATED


def test_an_unreadable_record_is_one_error_and_the_others_are_updated(
    tmp_path: Path, capsys
) -> None:
    record = imported_then_curated(tmp_path, capsys, CURATED)
    out = record.parent
    assert (
        run(capsys, str(download(tmp_path / "b", study("NCT00000002"))), "--out", str(out))[0] == 0
    )
    broken = out / "NCT00000002.yaml"
    broken.write_text("protocolSection:\n  statusModule: {overallStatus: [\n")

    code, err = run(
        capsys, "--update", "--out", str(out),
        str(download(tmp_path / "new", study(overallStatus="COMPLETED"),
                     study("NCT00000002", overallStatus="COMPLETED"))),
    )  # fmt: skip

    assert code == 2
    (error,) = [line for line in err.splitlines() if "error" in line]
    assert error.startswith(f"trialint: error: {broken}: ")
    assert error.endswith(" (line 3, column 1); not updated")
    assert broken.read_text() == "protocolSection:\n  statusModule: {overallStatus: [\n"
    assert "overallStatus: 'COMPLETED'" in record.read_text(encoding="utf-8")


def test_a_damaged_base_stops_only_its_record(tmp_path: Path, capsys) -> None:
    record = imported_then_curated(tmp_path, capsys, CURATED)
    base = record.parent / BASE_FOLDER / f"{NCT}.imported.json"
    base.write_text("{ cut short")

    code, err = run(
        capsys, "--update", str(download(tmp_path / "new", study(overallStatus="COMPLETED"))),
        "--out", str(record.parent),
    )  # fmt: skip

    assert code == 2
    assert err.splitlines()[0].startswith(f"trialint: error: {record}: cannot read {base}: ")
    assert err.splitlines()[0].endswith(
        "; not updated (without that file, every difference is reported as a conflict)"
    )
    assert record.read_text(encoding="utf-8") == CURATED


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_nothing_is_written_through_a_base_folder_that_is_a_link(tmp_path: Path, capsys) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "records"
    out.mkdir()
    (out / BASE_FOLDER).symlink_to(elsewhere)

    code, err = run(capsys, str(download(tmp_path / "old", study())), "--out", str(out))

    assert code == 2
    assert "is a symbolic link; trialint never writes through one" in err
    assert list(elsewhere.iterdir()) == []


def test_update_and_force_exclude_each_other(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["import", "--update", "--force", "x.json", "--out", "records"])
    assert exit_.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


@needs_shared
def test_a_legacy_xml_record_follows_its_next_version(tmp_path: Path, capsys) -> None:
    old = XML_VERSIONS / "NCT02586688__2016-06-15__ffc77ae94c.xml"
    new = XML_VERSIONS / "NCT02586688__2018-02-02__2487e2cd81.xml"
    out = tmp_path / "records"
    assert run(capsys, str(old), "--out", str(out))[0] == 0
    record = out / "NCT02586688.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("protocolSection:\n", "protocolSection:  # ours\n", 1))
    assert run(capsys, str(new), "--out", str(tmp_path / "fresh"))[0] == 0

    code, err = run(capsys, "--update", str(new), "--out", str(out))

    assert code == 0, err
    updated = record.read_text(encoding="utf-8")
    assert "protocolSection:  # ours\n" in updated
    assert "    overallStatus: ACTIVE_NOT_RECRUITING\n" in updated
    fresh = load_file(tmp_path / "fresh" / "NCT02586688.yaml").studies[0].data
    assert load_file(record).studies[0].data == fresh


def test_a_layout_that_cannot_be_edited_in_place_is_left_and_named(tmp_path: Path, capsys) -> None:
    record = imported_then_curated(tmp_path, capsys, json.dumps(study(), indent=1) + "\n")
    curated = record.read_text(encoding="utf-8")
    base = record.parent / BASE_FOLDER / f"{NCT}.imported.json"
    base_before = base.read_bytes()
    newer = download(tmp_path / "new", study(overallStatus="COMPLETED"))

    code, err = run(capsys, "--update", str(newer), "--out", str(record.parent))

    assert code == 2
    assert err.splitlines()[0] == (
        f"trialint: error: {record}: its layout cannot be edited in place without changing "
        "other lines; not updated"
    )
    assert record.read_text(encoding="utf-8") == curated
    assert base.read_bytes() == base_before  # so that the next update tries again


def _with_keywords(*keywords: str) -> dict[str, Any]:
    changed = study()
    changed["protocolSection"]["conditionsModule"]["keywords"] = list(keywords)
    return changed


def _keywords_record(tmp_path: Path, capsys, curated_keywords: str) -> Path:
    """A record imported with three keywords, whose keyword lines the curator rewrote."""
    out = tmp_path / "records"
    old = download(tmp_path / "old", _with_keywords("uric acid", "urate", "gout flare"))
    assert run(capsys, str(old), "--out", str(out))[0] == 0
    record = out / f"{NCT}.yaml"
    written = "    keywords:\n      - uric acid\n      - urate\n      - gout flare\n"
    text = record.read_text(encoding="utf-8")
    assert written in text
    record.write_text(text.replace(written, curated_keywords), encoding="utf-8")
    return record


def test_list_entries_the_registry_added_and_removed_keep_the_curators_others(
    tmp_path: Path, capsys
) -> None:
    record = _keywords_record(
        tmp_path, capsys,
        "    keywords:\n      - uric acid  # MeSH\n      - urate (serum)\n      - gout flare\n",
    )  # fmt: skip
    before = record.read_text(encoding="utf-8")
    newer = download(tmp_path / "new", _with_keywords("allopurinol", "uric acid", "urate"))

    code, err = run(capsys, "--update", str(newer), "--out", str(record.parent))

    assert code == 0, err
    assert record.read_text(encoding="utf-8") == before.replace(
        "    keywords:\n      - uric acid  # MeSH\n      - urate (serum)\n      - gout flare\n",
        "    keywords:\n      - allopurinol\n      - uric acid  # MeSH\n      - urate (serum)\n",
    )


def test_a_list_entry_the_registry_removed_and_the_curator_edited_is_a_conflict(
    tmp_path: Path, capsys
) -> None:
    curated = "    keywords:\n      - uric acid\n      - urate\n      - gout flares\n"
    record = _keywords_record(tmp_path, capsys, curated)
    before = record.read_text(encoding="utf-8")
    newer = download(tmp_path / "new", _with_keywords("uric acid", "urate"))

    code, err = run(capsys, "--update", str(newer), "--out", str(record.parent))

    assert code == 1
    assert err.splitlines()[0] == (
        f"trialint: conflict: {record}: /protocolSection/conditionsModule/keywords/2: kept "
        '"gout flares"; the registry changed "gout flare" to (absent)'
    )
    assert record.read_text(encoding="utf-8") == before
