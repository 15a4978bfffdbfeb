"""``trialint explain-study`` and ``trialint plan``: exact output for a covered trial overdue
with a late certificate, a probable one still running, and a study the law does not cover."""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest

from trialint import cli
from trialint.document.yaml12 import parse_yaml

from conftest import GOOD_RECORD

GOOD = parse_yaml(GOOD_RECORD.read_bytes()).documents[0]
TODAY = "2024-03-15"


def write(folder, nct_id: str, *, drug: bool | None, country: str = "United States",
          **status: object) -> None:  # fmt: skip
    data = copy.deepcopy(GOOD)
    protocol = data["protocolSection"]
    protocol["identificationModule"]["nctId"] = nct_id
    protocol["statusModule"].update(status)
    oversight = protocol.setdefault("oversightModule", {})
    oversight.pop("isFdaRegulatedDrug", None)
    oversight.pop("isFdaRegulatedDevice", None)
    if drug is not None:  # False: neither a regulated drug nor a regulated device
        oversight["isFdaRegulatedDrug"] = drug
        oversight["isFdaRegulatedDevice"] = False
    protocol["armsInterventionsModule"]["interventions"][0]["type"] = "DRUG"
    protocol["contactsLocationsModule"]["locations"] = [
        {"facility": "Site", "city": "Boston", "country": country}
    ]
    (folder / f"{nct_id}.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def registry(tmp_path):
    write(tmp_path, "NCT00000001", drug=True,
          primaryCompletionDateStruct={"date": "2022-02", "type": "ACTUAL"},
          completionDateStruct={"date": "2022-06-30", "type": "ACTUAL"},
          dispFirstSubmitDate="2023-04-01")  # fmt: skip
    write(tmp_path, "NCT00000002", drug=None, overallStatus="RECRUITING",
          statusVerifiedDate="2023-12",
          startDateStruct={"date": "2015-04-01", "type": "ACTUAL"},
          primaryCompletionDateStruct={"date": "2024-06", "type": "ESTIMATED"},
          completionDateStruct={"date": "2024-12", "type": "ESTIMATED"})  # fmt: skip
    write(tmp_path, "NCT00000003", drug=False, country="France")
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_explain_study_by_nct_number(capsys, registry):
    code, out, err = run(capsys, "explain-study", "NCT00000001", "--in", str(registry),
                         "--today", TODAY)  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        f"NCT00000001 ({registry / 'NCT00000001.json'}): an applicable clinical trial (ACT)\n"
        "  - It is an interventional trial, not phase 1 alone nor a device feasibility study.\n"
        "  - It studies an FDA-regulated drug (oversightModule).\n"
        "  - It started on or after 2017-01-18 (2021-02-01).\n"
        "Results: due 2025-02-28, 3 years after the primary completion date 2022-02 (a "
        "month-only date, counted from its last day, 2022-02-28); 350 days left on 2024-03-15.\n"
        "Certificate of delay: submitted 2023-04-01 (late: after results were due without "
        "one).\n"
        "Next verification due: none (the study is COMPLETED).\n"
    )


def test_explain_study_by_path_for_a_probable_act_and_one_not_covered(capsys, registry):
    code, out, _ = run(capsys, "explain-study", str(registry / "NCT00000002.json"),
                       "--today", TODAY)  # fmt: skip
    assert code == 0
    assert out.splitlines()[1:] == [
        "  - It is an interventional trial, not phase 1 alone nor a device feasibility study.",
        "  - It studies a drug intervention.",
        "  - It has a site in the United States.",
        "  - It started before 2017-01-18 (2015-04-01).",
        "  - Its primary completion (2024-06) is on or after 2017-01-18: it was still running.",
        "Results: due 2025-06-30, 12 months after the primary completion date 2024-06 (a "
        "month-only date, counted from its last day, 2024-06-30); 472 days left on 2024-03-15.",
        "Next verification due: 2024-12-31.",
    ]
    code, out, _ = run(capsys, "explain-study", str(registry / "NCT00000003.json"),
                       "--today", TODAY)  # fmt: skip
    assert out.splitlines()[1:3] == [
        "  - The record says it studies no FDA-regulated drug or device.",
        "Results: not due by law (the study is not covered).",
    ]


def test_explain_study_of_an_unknown_number_or_a_missing_file(capsys, registry):
    assert run(capsys, "explain-study", "NCT09999999", "--in", str(registry)) == (
        2, "", f"trialint: error: no record of NCT09999999 in {registry}\n",
    )  # fmt: skip
    assert run(capsys, "explain-study", str(registry / "gone.yaml")) == (
        2, "", f"trialint: error: {registry / 'gone.yaml'}: no such file or folder\n",
    )  # fmt: skip


def test_plan_as_csv(capsys, registry):
    code, out, err = run(capsys, "plan", str(registry), "--today", "2025-08-01")
    assert (code, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [
        (r["study"], r["coverage"], r["results_due"], r["results"], r["days_overdue"],
         r["verification_due"]) for r in rows
    ] == [
        ("NCT00000001", "ACT", "2025-02-28", "overdue", "154", ""),
        # past its date, but its primary completion is still ESTIMATED: a stale record
        ("NCT00000002", "pACT", "2025-06-30", "pending", "", "2024-12-31"),
        ("NCT00000003", "not covered", "", "", "", ""),
    ]  # fmt: skip
    assert out.splitlines()[0] == (
        "file,study,coverage,status,results_counted_from,results_due,results,days_overdue,"
        "verification_due,reasons"
    )


def test_plan_as_json_lines_counts_days_overdue_after_the_grace(capsys, registry):
    code, out, _ = run(capsys, "plan", str(registry / "NCT00000001.json"), "--format", "jsonl",
                       "--today", "2025-04-01")  # fmt: skip
    assert code == 0
    [row] = [json.loads(line) for line in out.splitlines()]
    assert (row["results"], row["days_overdue"], row["results_counted_from"]) == (
        "overdue", 32, "2022-02-28",
    )  # fmt: skip
    _, out, _ = run(capsys, "plan", str(registry / "NCT00000001.json"), "--format", "jsonl",
                    "--today", "2025-03-30")  # fmt: skip
    assert (json.loads(out)["results"], json.loads(out)["days_overdue"]) == ("pending", None)


def test_plan_of_a_file_that_is_not_a_record(capsys, tmp_path):
    (tmp_path / "notes.yaml").write_text("just: text\n", encoding="utf-8")
    code, out, err = run(capsys, "plan", str(tmp_path / "notes.yaml"))
    assert code == 2
    assert out.count("\n") == 1  # the header only
    assert err.startswith(f"trialint: error: {tmp_path / 'notes.yaml'}: not a study record")
