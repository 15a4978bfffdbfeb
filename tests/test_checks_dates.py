"""Family D: status, dates and enrollment, on variants of the good record, the bundled real
records and the real-record corpus."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date
from functools import cache

import pytest
import yaml

from trialint.document.yaml12 import parse_yaml
from trialint.lint.engine import Context
from trialint.lint.runner import Linter
from trialint.rule import Severity

from conftest import GOOD_RECORD, REPO, SHARED, TODAY, needs_shared, position_of

GOOD = parse_yaml(GOOD_RECORD.read_bytes()).documents[0]
RECORDS_TODAY = date(2026, 11, 23)  # the reference date the bundled records are judged at


@cache
def linter_at(today: date) -> Linter:
    return Linter(Context(today=today))


def record(**status: object) -> dict:
    """The good record with these statusModule fields (None removes one)."""
    data = copy.deepcopy(GOOD)
    module = data["protocolSection"]["statusModule"]
    for key, value in status.items():
        if value is None:
            module.pop(key, None)
        else:
            module[key] = value
    return data


def enrollment(data: dict, count: int, kind: str | None) -> dict:
    info = {"count": count} if kind is None else {"count": count, "type": kind}
    data["protocolSection"]["designModule"]["enrollmentInfo"] = info
    return data


def ongoing(status: str = "RECRUITING", **fields: object) -> dict:
    """A study running on TODAY (2024-03-15), verified this month, with ESTIMATED enrollment."""
    dates = {
        "startDateStruct": {"date": "2023-01-10", "type": "ACTUAL"},
        "primaryCompletionDateStruct": {"date": "2025-06", "type": "ESTIMATED"},
        "completionDateStruct": {"date": "2025-12", "type": "ESTIMATED"},
    }
    return enrollment(record(overallStatus=status, **(dates | fields)), 120, "ESTIMATED")


def planned(**fields: object) -> dict:
    """A NOT_YET_RECRUITING study starting after TODAY."""
    start = {"startDateStruct": {"date": "2024-05", "type": "ESTIMATED"}}
    return ongoing("NOT_YET_RECRUITING", **(start | fields))


def dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.fixture
def lint(tmp_path):
    """The D findings of a record (written as YAML) at a reference date (default TODAY)."""

    def run(data: dict, today: date = TODAY) -> list:
        path = tmp_path / "record.yaml"
        path.write_text(dump(data), encoding="utf-8")
        result = linter_at(today).lint_paths([str(path)])
        return [f for f in result.findings if f.rule.code.startswith("D")]

    return run


def summary(findings) -> list[tuple[str, str]]:
    return [(f.rule.code, f.pointer) for f in findings]


STATUS = "/protocolSection/statusModule"
ENROLLMENT_TYPE = "/protocolSection/designModule/enrollmentInfo/type"


# --- the good record and the documented examples ---------------------------------------------


def test_the_good_record_has_no_d_finding(lint):
    assert lint(GOOD) == []


def test_variants_of_running_and_planned_studies_are_clean(lint):
    assert lint(ongoing()) == []
    assert lint(enrollment(ongoing("ACTIVE_NOT_RECRUITING"), 112, "ACTUAL")) == []
    assert lint(planned()) == []


# --- A3, A4, A5, A6: status and date types ---------------------------------------------------


def test_not_yet_recruiting_with_actual_dates_points_at_each_type(lint):
    data = planned(startDateStruct={"date": "2024-01", "type": "ACTUAL"})
    data["protocolSection"]["statusModule"]["completionDateStruct"]["type"] = "ACTUAL"
    findings = [f for f in lint(data) if f.rule.code == "D001"]
    assert summary(findings) == [
        ("D001", f"{STATUS}/startDateStruct/type"),
        ("D001", f"{STATUS}/completionDateStruct/type"),
    ]
    assert "start date 2024-01 is ACTUAL" in findings[0].message
    assert "NOT_YET_RECRUITING" in findings[0].message
    text = dump(data)
    assert (findings[0].span.line, findings[0].span.column) == position_of(text, "ACTUAL")


@pytest.mark.parametrize("status", ["RECRUITING", "ACTIVE_NOT_RECRUITING", "SUSPENDED"])
def test_an_actual_completion_on_an_ongoing_study(lint, status):
    data = ongoing(status, whyStopped="Paused")
    data["protocolSection"]["statusModule"]["completionDateStruct"] = {
        "date": "2024-02", "type": "ACTUAL",
    }  # fmt: skip
    codes = summary(lint(data))
    assert ("D002", f"{STATUS}/completionDateStruct/type") in codes


def test_recruiting_with_actual_primary_completion_is_a_warning_and_not_an_enrollment_error(
    lint,
):
    data = ongoing(primaryCompletionDateStruct={"date": "2024-02", "type": "ACTUAL"})
    findings = lint(data)
    assert summary(findings) == [("D003", f"{STATUS}/primaryCompletionDateStruct/type")]
    assert findings[0].rule.severity is Severity.WARNING
    assert "2024-02 is ACTUAL but the status is RECRUITING" in findings[0].message


@pytest.mark.parametrize("status", ["ACTIVE_NOT_RECRUITING", "COMPLETED", "TERMINATED"])
def test_an_estimated_start_after_enrollment(lint, status):
    data = ongoing(status) if status == "ACTIVE_NOT_RECRUITING" else record(overallStatus=status)
    data["protocolSection"]["statusModule"]["whyStopped"] = "Slow accrual"
    data["protocolSection"]["statusModule"]["startDateStruct"]["type"] = "ESTIMATED"
    findings = [f for f in lint(data) if f.rule.code == "D004"]
    assert summary(findings) == [("D004", f"{STATUS}/startDateStruct/type")]
    assert f"is ESTIMATED but the status is {status}" in findings[0].message


def test_suspended_and_withdrawn_studies_may_have_an_estimated_start(lint):
    for status in ("SUSPENDED", "WITHDRAWN"):
        start = {"date": "2024-06", "type": "ESTIMATED"}
        data = ongoing(status, whyStopped="Funding", startDateStruct=start)
        if status == "WITHDRAWN":
            enrollment(data, 0, "ACTUAL")
        assert [f.rule.code for f in lint(data)] == [], status


@pytest.mark.parametrize("status", ["COMPLETED", "TERMINATED"])
def test_a_finished_study_with_estimated_dates(lint, status):
    data = record(overallStatus=status, whyStopped="Slow accrual")
    module = data["protocolSection"]["statusModule"]
    module["primaryCompletionDateStruct"]["type"] = "ESTIMATED"
    module["completionDateStruct"]["type"] = "ESTIMATED"
    findings = [f for f in lint(data) if f.rule.code == "D005"]
    assert summary(findings) == [
        ("D005", f"{STATUS}/primaryCompletionDateStruct/type"),
        ("D005", f"{STATUS}/completionDateStruct/type"),
    ]
    assert f"completion date 2023-12-15 is ESTIMATED but the status is {status}" in (
        findings[1].message
    )


def test_withdrawn_with_an_actual_start(lint):
    data = enrollment(ongoing("WITHDRAWN", whyStopped="No funding"), 0, "ACTUAL")
    findings = lint(data)
    assert summary(findings) == [("D010", f"{STATUS}/startDateStruct/type")]
    assert findings[0].rule.severity is Severity.WARNING


# --- A7: tense, judged against the record's own dates ----------------------------------------


def test_an_actual_date_after_the_last_update(lint):
    data = record(completionDateStruct={"date": "2024-03-12", "type": "ACTUAL"})
    findings = lint(data)
    assert summary(findings) == [("D006", f"{STATUS}/completionDateStruct/date")]
    assert "2024-03-12 is ACTUAL but later than the last update" in findings[0].message
    assert "lastUpdateSubmitDate 2024-03-10" in findings[0].message


def test_one_day_after_the_last_update_is_a_time_zone_not_a_future_date(lint):
    data = record(completionDateStruct={"date": "2024-03-11", "type": "ACTUAL"})
    assert lint(data) == []


def test_actual_dates_compare_at_the_coarser_precision(lint):
    # 2024-03 may be 2024-03-01: not later than an update on 2024-03-10.
    data = record(completionDateStruct={"date": "2024-03", "type": "ACTUAL"})
    assert lint(data) == []
    data = record(completionDateStruct={"date": "2024-04", "type": "ACTUAL"})
    assert [f.rule.code for f in lint(data)] == ["D006"]


def test_without_a_last_update_date_actual_dates_are_judged_against_today(lint):
    data = record(lastUpdateSubmitDate=None, lastUpdatePostDateStruct=None)
    data["protocolSection"]["statusModule"]["completionDateStruct"]["date"] = "2024-03-20"
    findings = lint(data)
    assert [f.rule.code for f in findings] == ["D006"]
    assert "later than today (2024-03-15)" in findings[0].message


def test_an_estimated_date_that_had_passed_when_the_record_was_verified(lint):
    data = ongoing(primaryCompletionDateStruct={"date": "2024-01-31", "type": "ESTIMATED"})
    findings = lint(data)
    assert summary(findings) == [("D007", f"{STATUS}/primaryCompletionDateStruct/date")]
    assert "2024-01-31 is ESTIMATED but had already passed" in findings[0].message
    assert "(2024-03)" in findings[0].message


def test_an_estimate_in_the_verification_month_is_not_past(lint):
    data = ongoing(primaryCompletionDateStruct={"date": "2024-03-01", "type": "ESTIMATED"})
    assert lint(data) == []


def test_estimates_are_not_judged_against_today(lint):
    # Verified 2022-04, start estimated 2022-09: not past when verified, whatever today is.
    data = ongoing(statusVerifiedDate="2022-04")
    data["protocolSection"]["statusModule"]["startDateStruct"] = {
        "date": "2022-09", "type": "ESTIMATED",
    }  # fmt: skip
    assert "D007" not in {f.rule.code for f in lint(data, date(2026, 11, 23))}


def test_a_withdrawn_study_keeps_its_planned_estimates(lint):
    data = enrollment(ongoing("WITHDRAWN", whyStopped="No funding"), 0, "ACTUAL")
    module = data["protocolSection"]["statusModule"]
    module["startDateStruct"] = {"date": "2023-01", "type": "ESTIMATED"}
    module["primaryCompletionDateStruct"] = {"date": "2023-06", "type": "ESTIMATED"}
    assert lint(data) == []


def test_post_dates_typed_estimated_are_a_legacy_display_not_a_future_date(lint):
    data = record(
        studyFirstSubmitDate="2014-05-01",
        studyFirstPostDateStruct={"date": "2014-05-06", "type": "ESTIMATED"},
        lastUpdatePostDateStruct={"date": "2016-01-05", "type": "ESTIMATED"},
    )
    assert lint(data) == []


# --- A8: order -------------------------------------------------------------------------------


def test_dates_out_of_order(lint):
    data = record(completionDateStruct={"date": "2023-05", "type": "ACTUAL"})
    findings = lint(data)
    assert summary(findings) == [("D008", f"{STATUS}/completionDateStruct/date")]
    assert findings[0].message == (
        "completion date 2023-05 is before the primary completion date 2023-06-30"
    )


def test_primary_completion_before_start(lint):
    data = record(primaryCompletionDateStruct={"date": "2020-12", "type": "ACTUAL"})
    data["hasResults"] = True
    assert summary(lint(data)) == [("D008", f"{STATUS}/primaryCompletionDateStruct/date")]


def test_completion_before_start_when_there_is_no_primary_completion(lint):
    data = record(
        primaryCompletionDateStruct=None,
        completionDateStruct={"date": "2020-11-30", "type": "ACTUAL"},
    )
    data["hasResults"] = True
    findings = lint(data)
    assert summary(findings) == [("D008", f"{STATUS}/completionDateStruct/date")]
    assert "before the start date 2021-02-01" in findings[0].message


def test_order_is_judged_at_the_coarser_precision(lint):
    data = record(
        startDateStruct={"date": "2023-06", "type": "ACTUAL"},
        completionDateStruct={"date": "2023-06", "type": "ACTUAL"},
    )
    assert lint(data) == []


# --- A9, A10: withdrawn and stopped studies --------------------------------------------------


def test_withdrawn_with_enrollment(lint):
    data = record(overallStatus="WITHDRAWN", whyStopped="No funding")
    data["protocolSection"]["statusModule"]["startDateStruct"]["type"] = "ESTIMATED"
    findings = lint(data)
    assert summary(findings) == [("D009", "/protocolSection/designModule/enrollmentInfo/count")]
    assert "enrollment 120 (ACTUAL) on a WITHDRAWN study" in findings[0].message


@pytest.mark.parametrize("status", ["SUSPENDED", "TERMINATED", "WITHDRAWN"])
def test_why_stopped_missing_points_at_the_status(lint, status):
    data = ongoing(status, startDateStruct={"date": "2024-06", "type": "ESTIMATED"})
    if status == "TERMINATED":
        data = record(overallStatus=status)
    if status == "WITHDRAWN":
        enrollment(data, 0, "ACTUAL")
    findings = [f for f in lint(data) if f.rule.code == "D011"]
    assert summary(findings) == [("D011", f"{STATUS}/overallStatus")]
    assert findings[0].message.startswith(f"status {status} without whyStopped")


def test_a_legacy_record_without_why_stopped_is_reported_at_info(lint):
    data = record(overallStatus="TERMINATED", studyFirstSubmitDate="2016-06-01")
    findings = lint(data)
    assert summary(findings) == [("D026", f"{STATUS}/overallStatus")]
    assert findings[0].rule.severity is Severity.INFO
    assert findings[0].message == (
        "status TERMINATED without whyStopped: the record (first submitted 2016-06-01, before "
        "42 CFR 11) does not say why the study stopped"
    )
    data = record(overallStatus="TERMINATED", studyFirstSubmitDate="2016-06-01", whyStopped="x")
    assert lint(data) == []


def test_a_record_without_first_submission_date_is_not_judged_on_why_stopped(lint):
    assert lint(record(overallStatus="TERMINATED", studyFirstSubmitDate=None)) == []


def test_a_blank_why_stopped_is_missing_and_a_long_one_too_long(lint):
    data = record(overallStatus="TERMINATED", whyStopped="  ")
    assert [f.rule.code for f in lint(data)] == ["D011"]
    data = record(overallStatus="TERMINATED", whyStopped="x" * 251)
    findings = lint(data)
    assert summary(findings) == [("D012", f"{STATUS}/whyStopped")]
    assert "251 characters" in findings[0].message
    assert lint(record(overallStatus="TERMINATED", whyStopped="x" * 250)) == []


# --- A11: sites ------------------------------------------------------------------------------


def with_sites(data: dict, *statuses: str | None) -> dict:
    locations = []
    for number, status in enumerate(statuses, 1):
        site = {"facility": f"Hospital {number}", "city": "Lyon", "country": "France"}
        if status is not None:
            site["status"] = status
        locations.append(site)
    data["protocolSection"]["contactsLocationsModule"]["locations"] = locations
    return data


LOCATION_STATUS = "/protocolSection/contactsLocationsModule/locations/{}/status"


def test_a_recruiting_site_under_another_overall_status(lint):
    data = with_sites(ongoing("ACTIVE_NOT_RECRUITING"), "COMPLETED", "RECRUITING", "RECRUITING")
    findings = lint(data)
    assert summary(findings) == [("D013", LOCATION_STATUS.format(1))]
    assert findings[0].message == (
        "location Hospital 2, Lyon, France is RECRUITING (and 1 more location) but the "
        "overall status is ACTIVE_NOT_RECRUITING; a study with a recruiting site is RECRUITING"
    )


def test_an_unknown_study_is_judged_by_its_last_known_status(lint):
    base = ongoing("UNKNOWN", lastKnownStatus="RECRUITING", statusVerifiedDate="2021-01")
    recruiting = with_sites(copy.deepcopy(base), "RECRUITING")
    assert [f.rule.code for f in lint(recruiting)] == ["D015"]
    active = copy.deepcopy(recruiting)
    active["protocolSection"]["statusModule"]["lastKnownStatus"] = "ACTIVE_NOT_RECRUITING"
    findings = [f for f in lint(active) if f.rule.code == "D013"]
    assert "last known status is ACTIVE_NOT_RECRUITING (overall status UNKNOWN)" in (
        findings[0].message
    )
    unrecorded = copy.deepcopy(recruiting)
    del unrecorded["protocolSection"]["statusModule"]["lastKnownStatus"]
    assert "D013" not in {f.rule.code for f in lint(unrecorded)}


def test_a_recruiting_study_without_a_recruiting_site(lint):
    findings = lint(with_sites(ongoing(), "COMPLETED", "NOT_YET_RECRUITING"))
    assert summary(findings) == [("D014", f"{STATUS}/overallStatus")]
    assert "COMPLETED, NOT_YET_RECRUITING" in findings[0].message
    # A site without a status: the sites do not tell.
    assert lint(with_sites(ongoing(), "COMPLETED", None)) == []
    assert lint(with_sites(ongoing(), "COMPLETED", "RECRUITING")) == []


# --- A12, F2 and the open-status rule: is the record current? --------------------------------


def test_unknown_status_tells_the_whole_story_in_one_finding(lint):
    data = ongoing(
        "UNKNOWN", lastKnownStatus="RECRUITING", statusVerifiedDate="2021-07",
        completionDateStruct={"date": "2024-02", "type": "ESTIMATED"},
        primaryCompletionDateStruct={"date": "2023-12", "type": "ESTIMATED"},
    )  # fmt: skip
    findings = lint(data)
    assert summary(findings) == [("D015", f"{STATUS}/overallStatus")]
    assert findings[0].rule.severity is Severity.WARNING
    # the completion date passed less than 30 days ago: not yet overdue; the primary
    # completion, 3 months ago, is a date to update with the status
    assert findings[0].message == (
        "status UNKNOWN: last known status RECRUITING, last verified 2021-07; the completion "
        "date 2024-02 has passed; still ESTIMATED though passed: primary completion date "
        "2023-12; verify the record and set its current status"
    )
    assert [related.pointer for related in findings[0].related] == [
        f"{STATUS}/statusVerifiedDate", f"{STATUS}/completionDateStruct",
        f"{STATUS}/primaryCompletionDateStruct",
    ]  # fmt: skip


def test_unknown_status_names_the_estimates_left_after_they_passed(lint):
    data = ongoing(
        "UNKNOWN", lastKnownStatus="NOT_YET_RECRUITING", statusVerifiedDate="2017-05",
        startDateStruct={"date": "2018-01-01", "type": "ESTIMATED"},
        primaryCompletionDateStruct={"date": "2018-12-31", "type": "ESTIMATED"},
        completionDateStruct={"date": "2019-04-30", "type": "ESTIMATED"},
    )  # fmt: skip
    [finding] = lint(data)
    assert finding.message == (
        "status UNKNOWN: last known status NOT_YET_RECRUITING, last verified 2017-05; the "
        "completion date 2019-04-30 has passed (still ESTIMATED); still ESTIMATED though "
        "passed: start date 2018-01-01, primary completion date 2018-12-31; verify the record "
        "and set its current status"
    )
    assert f"{STATUS}/startDateStruct" in [related.pointer for related in finding.related]


def test_unknown_status_without_last_known_status_or_a_passed_date(lint):
    data = ongoing("UNKNOWN", statusVerifiedDate=None)
    [finding] = lint(data)
    assert finding.message == (
        "status UNKNOWN: the last known status is not recorded (no lastKnownStatus); "
        "verify the record and set its current status"
    )


def test_unknown_status_falls_back_on_the_primary_completion_date(lint):
    data = ongoing("UNKNOWN", lastKnownStatus="NOT_YET_RECRUITING", completionDateStruct=None)
    [finding] = lint(data, date(2025, 7, 1))
    assert "the primary completion date 2025-06 has passed" in finding.message


def test_verification_overdue(lint):
    data = ongoing(statusVerifiedDate="2023-02")
    findings = lint(data)
    assert summary(findings) == [("D021", f"{STATUS}/statusVerifiedDate")]
    assert findings[0].message == (
        "record last verified 2023-02, 12 months ago, while the study is RECRUITING: verify "
        "it at least every 12 months"
    )
    later = lint(data, date(2025, 6, 1))
    assert "27 months ago" in later[0].message
    assert "after 2 years the registry may show it as UNKNOWN" in later[0].message


def test_verification_is_judged_from_the_end_of_its_month(lint):
    # Verified "2023-03" may mean 2023-03-31: not yet 12 months before 2024-03-15.
    assert lint(ongoing(statusVerifiedDate="2023-03")) == []
    assert lint(ongoing(statusVerifiedDate="2023-03"), date(2024, 4, 1)) != []


@pytest.mark.parametrize("status", ["COMPLETED", "TERMINATED", "WITHDRAWN", "UNKNOWN"])
def test_closed_and_unknown_studies_are_not_overdue(lint, status):
    data = record(overallStatus=status, statusVerifiedDate="2020-01", whyStopped="Funding")
    assert "D021" not in {f.rule.code for f in lint(data)}


@pytest.mark.parametrize(
    "status",
    ["RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "ENROLLING_BY_INVITATION"],
)
def test_an_open_status_after_the_completion_date(lint, status):
    data = ongoing(status)
    if status == "NOT_YET_RECRUITING":
        data["protocolSection"]["statusModule"]["startDateStruct"]["type"] = "ESTIMATED"
    findings = lint(data, date(2026, 1, 5))
    codes = summary(findings)
    assert ("D022", f"{STATUS}/overallStatus") in codes
    [stale] = [f for f in findings if f.rule.code == "D022"]
    assert stale.message.startswith(f"status {status} but the completion date 2025-12 has passed")


def test_the_completion_month_itself_has_not_passed(lint):
    assert "D022" not in {f.rule.code for f in lint(ongoing(), date(2025, 12, 31))}


def test_an_unknown_study_is_reported_once(lint):
    data = ongoing("UNKNOWN", lastKnownStatus="RECRUITING", statusVerifiedDate="2021-07")
    assert [f.rule.code for f in lint(data, date(2026, 11, 23))] == ["D015"]


# --- D031: an ESTIMATED date passed, against today -------------------------------------------


def test_an_estimated_date_passed_more_than_30_days_ago_names_the_date(lint):
    data = ongoing(
        statusVerifiedDate="2023-12",  # before the date: D007 does not judge it
        primaryCompletionDateStruct={"date": "2024-01", "type": "ESTIMATED"},
    )
    assert summary(lint(data, date(2024, 3, 1))) == []  # 2024-01-31 passed 30 days ago
    findings = lint(data, date(2024, 3, 2))
    assert summary(findings) == [("D031", f"{STATUS}/primaryCompletionDateStruct/date")]
    assert findings[0].message == (
        "primary completion date 2024-01 is ESTIMATED but passed 31 days ago: make it ACTUAL, "
        "or give a new estimate (the registry asks for it within 30 days)"
    )


@pytest.mark.parametrize("rule", ["D031", "D007"])  # by today, or by the verification
def test_a_passed_start_of_a_study_not_yet_recruiting_relates_its_status(lint, rule):
    """The estimated start passed and the status still says nobody is recruited: one of the
    two is stale, and curators mark the status, so the finding points at both."""
    verified = "2024-03" if rule == "D031" else "2024-07"
    today = date(2024, 7, 1) if rule == "D031" else date(2024, 7, 15)
    findings = [f for f in lint(planned(statusVerifiedDate=verified), today)
                if f.rule.code == rule]  # fmt: skip
    assert summary(findings) == [(rule, f"{STATUS}/startDateStruct/date")]
    assert [related.pointer for related in findings[0].related] == [
        f"{STATUS}/startDateStruct/type", f"{STATUS}/overallStatus"]  # fmt: skip
    assert findings[0].message.endswith(
        "; the status is still NOT_YET_RECRUITING: if recruitment has begun, it is RECRUITING now"
    )
    started = ongoing(statusVerifiedDate=verified,
                      startDateStruct={"date": "2024-05", "type": "ESTIMATED"})  # fmt: skip
    findings = [f for f in lint(started, today) if f.rule.code == rule]
    assert [related.pointer for related in findings[0].related] == [
        f"{STATUS}/startDateStruct/type"]  # fmt: skip


@pytest.mark.parametrize(
    ("status", "reported_by"),
    [
        ("WITHDRAWN", []),  # estimates stay as planned
        ("COMPLETED", ["D005", "D005"]),  # an ended study's estimates are D005's
        ("UNKNOWN", ["D015"]),  # one finding tells an UNKNOWN study's story
        ("RECRUITING", ["D022", "D031"]),  # the completion date is D022's, the primary D031's
    ],
)
def test_an_estimated_date_passed_is_reported_once(lint, status, reported_by):
    """The date rules among themselves (D005, D015, D022, D031): each passed estimate once."""
    data = ongoing(
        status, statusVerifiedDate="2021-12", lastKnownStatus="RECRUITING",
        startDateStruct={"date": "2021-06", "type": "ESTIMATED"},
        primaryCompletionDateStruct={"date": "2022-06", "type": "ESTIMATED"},
        completionDateStruct={"date": "2022-12", "type": "ESTIMATED"},
    )  # fmt: skip
    if status != "WITHDRAWN":
        data["protocolSection"]["statusModule"]["startDateStruct"]["type"] = "ACTUAL"
    dates = {"D005", "D015", "D022", "D031"}
    assert sorted(f.rule.code for f in lint(data) if f.rule.code in dates) == reported_by


# --- A1, A13 ---------------------------------------------------------------------------------


def test_expanded_access_statuses_belong_to_expanded_access_records(lint):
    findings = lint(record(overallStatus="AVAILABLE"))
    assert summary(findings) == [("D016", f"{STATUS}/overallStatus")]
    assert "for expanded-access records, but the study type is INTERVENTIONAL" in (
        findings[0].message
    )
    data = ongoing()
    data["protocolSection"]["designModule"]["studyType"] = "EXPANDED_ACCESS"
    assert "D016" in {f.rule.code for f in lint(data)}


def test_a_date_type_missing_under_the_final_rule(lint):
    data = record()
    del data["protocolSection"]["statusModule"]["primaryCompletionDateStruct"]["type"]
    findings = lint(data)
    assert summary(findings) == [("D017", f"{STATUS}/primaryCompletionDateStruct/type")]
    assert "first submitted 2020-12-01" in findings[0].message
    text = dump(data)
    line, _ = position_of(text, "primaryCompletionDateStruct")
    assert findings[0].span.line == line  # the struct's key: the type is not written


def untyped(first_submitted: str | None, *structs: str) -> dict:
    data = record(studyFirstSubmitDate=first_submitted)
    for struct in structs:
        del data["protocolSection"]["statusModule"][struct]["type"]
    return data


def test_a_legacy_record_without_date_types_is_reported_once_at_info(lint):
    data = untyped(
        "2017-01-17", "startDateStruct", "primaryCompletionDateStruct", "completionDateStruct"
    )
    findings = lint(data)
    assert summary(findings) == [("D027", f"{STATUS}/startDateStruct/type")]
    assert findings[0].rule.severity is Severity.INFO
    assert findings[0].message == (
        "start date 2021-02-01 and primary completion date 2023-06-30 and completion date "
        "2023-12-15 have no ACTUAL/ESTIMATED type: whether they happened or were planned is not "
        "said (not required of a record first submitted before 2017-01-18; this one was first "
        "submitted 2017-01-17)"
    )
    [finding] = lint(untyped("2016-05-02", "completionDateStruct"))
    assert (finding.rule.code, finding.pointer) == ("D027", f"{STATUS}/completionDateStruct/type")
    assert finding.message.startswith(
        "completion date 2023-12-15 has no ACTUAL/ESTIMATED type: whether it happened or was "
        "planned is not said"
    )


def test_undated_records_are_not_judged_on_date_types(lint):
    data = untyped(None, "startDateStruct", "primaryCompletionDateStruct", "completionDateStruct")
    assert lint(data) == []


# --- B: enrollment ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["COMPLETED", "TERMINATED"])
def test_estimated_enrollment_on_a_finished_study(lint, status):
    data = enrollment(record(overallStatus=status, whyStopped="Slow accrual"), 80, "ESTIMATED")
    findings = lint(data)
    assert summary(findings) == [("D018", ENROLLMENT_TYPE)]
    assert findings[0].message.startswith(f"enrollment 80 is ESTIMATED but the study is {status}")


def test_estimated_enrollment_after_an_actual_primary_completion(lint):
    data = ongoing(
        "ACTIVE_NOT_RECRUITING",
        primaryCompletionDateStruct={"date": "2024-02-20", "type": "ACTUAL"},
    )
    findings = lint(data)
    assert summary(findings) == [("D018", ENROLLMENT_TYPE)]
    assert "primary completion date 2024-02-20 is ACTUAL" in findings[0].message


def test_estimated_enrollment_once_recruitment_has_closed(lint):
    findings = lint(ongoing("ACTIVE_NOT_RECRUITING"))
    assert summary(findings) == [("D034", ENROLLMENT_TYPE)]
    assert findings[0].rule.severity is Severity.INFO
    assert findings[0].message == (
        "enrollment 120 is ESTIMATED but the study is ACTIVE_NOT_RECRUITING: recruitment has "
        "closed, so the number enrolled is known; give it as ACTUAL"
    )
    assert [related.pointer for related in findings[0].related] == [f"{STATUS}/overallStatus"]
    for status in ("RECRUITING", "ENROLLING_BY_INVITATION", "SUSPENDED"):
        assert lint(ongoing(status, whyStopped="Funding paused")) == []


def test_actual_enrollment_before_and_during_recruitment(lint):
    findings = lint(enrollment(planned(), 0, "ACTUAL"))
    assert summary(findings) == [("D019", ENROLLMENT_TYPE)]
    assert findings[0].rule.severity is Severity.ERROR
    findings = lint(enrollment(ongoing("ENROLLING_BY_INVITATION"), 40, "ACTUAL"))
    assert summary(findings) == [("D020", ENROLLMENT_TYPE)]
    assert findings[0].rule.severity is Severity.WARNING
    assert lint(enrollment(ongoing("ACTIVE_NOT_RECRUITING"), 40, "ACTUAL")) == []


def test_a_missing_enrollment_type_is_not_judged_here(lint):
    assert lint(enrollment(record(), 120, None)) == []


# --- results (F4) ----------------------------------------------------------------------------


def test_results_not_posted_names_the_date_and_the_months(lint):
    findings = lint(GOOD, date(2024, 8, 1))
    assert summary(findings) == [("D023", "/hasResults")]
    assert findings[0].rule.severity is Severity.INFO
    assert findings[0].message == (
        "no results posted: the study is COMPLETED and its primary completion date 2023-06-30 "
        "was 13 months ago (the WHO asks for results within 12 months of completion)"
    )


def test_results_are_due_12_months_after_the_end_of_the_primary_completion_month(lint):
    data = record(primaryCompletionDateStruct={"date": "2023-06", "type": "ACTUAL"})
    assert lint(data, date(2024, 6, 30)) == []
    assert [f.rule.code for f in lint(data, date(2024, 7, 1))] == ["D023"]


def test_results_fall_back_on_the_completion_date_and_point_at_it(lint):
    data = record(primaryCompletionDateStruct=None)
    del data["hasResults"]
    findings = lint(data, date(2025, 6, 1))
    assert summary(findings) == [("D023", f"{STATUS}/completionDateStruct/date")]
    assert "completion date 2023-12-15 was 17 months ago" in findings[0].message


def test_no_results_expected(lint):
    late = date(2026, 11, 23)
    with_results = record()
    with_results["hasResults"] = True
    observational = record()
    observational["protocolSection"]["designModule"]["studyType"] = "OBSERVATIONAL"
    observational["protocolSection"]["designModule"].pop("phases")
    nobody = enrollment(record(overallStatus="TERMINATED", whyStopped="No accrual"), 0, "ACTUAL")
    before_fdaaa = record(
        studyFirstSubmitDate="2005-01-10",
        startDateStruct={"date": "2005-02", "type": "ACTUAL"},
        primaryCompletionDateStruct={"date": "2007-11", "type": "ACTUAL"},
        completionDateStruct={"date": "2007-12", "type": "ACTUAL"},
    )
    running = ongoing(statusVerifiedDate="2026-11")
    for data in (with_results, observational, nobody, before_fdaaa, running):
        assert "D023" not in {f.rule.code for f in lint(data, late)}


def regulated(data: dict, drug: bool | None, device: bool | None) -> dict:
    """The record with these oversightModule flags (None: the flag is not given)."""
    oversight = data["protocolSection"]["oversightModule"]
    for key, value in (("isFdaRegulatedDrug", drug), ("isFdaRegulatedDevice", device)):
        if value is None:
            oversight.pop(key, None)
        else:
            oversight[key] = value
    return data


def in_the_us(data: dict, intervention: str = "DRUG") -> dict:
    data["protocolSection"]["contactsLocationsModule"]["locations"] = [
        {"facility": "Mercy Hospital", "city": "Boston", "country": "United States"},
    ]
    data["protocolSection"]["armsInterventionsModule"]["interventions"][0]["type"] = intervention
    return data


def test_a_delay_certification_gives_3_years_and_30_days(lint):
    data = regulated(record(dispFirstSubmitDate="2023-07-10"), False, True)
    assert lint(data, date(2026, 7, 30)) == []  # due 2026-06-30, 30 days' grace
    [finding] = lint(data, date(2026, 7, 31))
    assert finding.message.startswith(
        "results overdue by 31 days: its primary completion date 2023-06-30 was reached, so "
        "results were due 2026-06-30, 3 years after it with the certificate of delay "
        "submitted 2023-07-10 (42 CFR 11.44)"
    )


def test_results_are_due_for_an_act_after_12_months_and_30_days(lint):
    data = regulated(record(), True, False)
    assert lint(data, date(2024, 7, 30)) == []  # due 2024-06-30; overdue after 2024-07-30
    findings = lint(data, date(2024, 8, 1))
    assert summary(findings) == [("D028", "/hasResults")]
    assert findings[0].rule.severity is Severity.ERROR
    assert findings[0].message == (
        "results overdue by 32 days: its primary completion date 2023-06-30 was reached, so "
        "results were due 2024-06-30 (42 CFR 11.44); it is an applicable clinical trial (ACT) "
        "(it is an interventional trial, not phase 1 alone nor a device feasibility study; it "
        "studies an FDA-regulated drug (oversightModule); it started on or after 2017-01-18 "
        "(2021-02-01))"
    )


def test_a_month_only_primary_completion_counts_from_its_last_day(lint):
    data = regulated(record(primaryCompletionDateStruct={"date": "2023-06", "type": "ACTUAL"}),
                     False, True)  # fmt: skip
    assert lint(data, date(2024, 7, 30)) == []
    [finding] = lint(data, date(2024, 7, 31))
    assert finding.message.startswith(
        "results overdue by 31 days: its primary completion date 2023-06 was counted from its "
        "last day, 2023-06-30, so results were due 2024-06-30"
    )


def test_results_are_due_for_an_active_study_whose_primary_completion_is_actual(lint):
    primary = {"date": "2023-01-31", "type": "ACTUAL"}
    data = regulated(ongoing("ACTIVE_NOT_RECRUITING", primaryCompletionDateStruct=primary),
                     True, False)  # fmt: skip
    data["protocolSection"]["designModule"]["enrollmentInfo"]["type"] = "ACTUAL"
    data["protocolSection"]["contactsLocationsModule"]["locations"] = []
    assert [f.rule.code for f in lint(data)] == ["D028"]
    primary["type"] = "ESTIMATED"  # D031 says the date is stale; results are not judged
    assert "D028" not in [f.rule.code for f in lint(data)]


def test_results_are_due_for_an_older_us_trial_running_on_2017_01_18(lint):
    data = in_the_us(regulated(record(
        studyFirstSubmitDate="2015-03-01",
        startDateStruct={"date": "2015-04", "type": "ACTUAL"},
        primaryCompletionDateStruct={"date": "2017-06", "type": "ACTUAL"},
        completionDateStruct={"date": "2017-09", "type": "ACTUAL"},
    ), None, None))  # fmt: skip
    [finding] = lint(data)
    assert finding.rule.code == "D028"
    assert finding.message.endswith(
        "it is a probable applicable clinical trial (pACT) (it is an interventional trial, not "
        "phase 1 alone nor a device feasibility study; it studies a drug intervention; it has a "
        "site in the United States; it started before 2017-01-18 (2015-04); its primary "
        "completion (2017-06) is on or after 2017-01-18: it was still running)"
    )


def test_results_submitted_and_under_review_count_as_reported(lint):
    data = regulated(record(resultsFirstSubmitDate="2024-06-01"), True, False)
    assert lint(data, date(2026, 11, 23)) == []


def test_no_results_are_due_for_trials_the_law_does_not_cover(lint):
    """Only 'no results posted' (D023, info) for these."""
    not_regulated = in_the_us(regulated(record(), False, False))
    phase_one = regulated(record(), True, False)
    phase_one["protocolSection"]["designModule"]["phases"] = ["PHASE1"]
    feasibility = regulated(record(), False, True)
    feasibility["protocolSection"]["designModule"]["designInfo"]["primaryPurpose"] = (
        "DEVICE_FEASIBILITY"
    )
    ended_before_the_rule = in_the_us(regulated(record(
        studyFirstSubmitDate="2013-03-01",
        startDateStruct={"date": "2013-04", "type": "ACTUAL"},
        primaryCompletionDateStruct={"date": "2015-06", "type": "ACTUAL"},
        completionDateStruct={"date": "2015-09", "type": "ACTUAL"},
    ), None, None))  # fmt: skip
    behavioural_in_the_us = in_the_us(
        regulated(record(
            studyFirstSubmitDate="2015-03-01",
            startDateStruct={"date": "2015-04", "type": "ACTUAL"},
        ), None, None), "BEHAVIORAL",
    )  # fmt: skip
    outside_the_us_not_regulated_before_the_rule = regulated(record(
        studyFirstSubmitDate="2015-03-01", startDateStruct={"date": "2015-04", "type": "ACTUAL"},
    ), None, None)  # fmt: skip
    for data in (not_regulated, phase_one, feasibility, ended_before_the_rule,
                 behavioural_in_the_us, outside_the_us_not_regulated_before_the_rule):  # fmt: skip
        codes = [f.rule.code for f in lint(data, date(2026, 11, 23)) if f.rule.code >= "D023"]
        assert codes == ["D023"], data["protocolSection"]["statusModule"]


def test_a_certificate_submitted_after_the_deadline_is_late(lint):
    data = regulated(record(dispFirstSubmitDate="2024-08-15"), False, True)
    findings = lint(data, date(2024, 9, 1))
    assert summary(findings) == [("D033", f"{STATUS}/dispFirstSubmitDate")]
    assert findings[0].rule.severity is Severity.WARNING
    assert findings[0].message == (
        "certificate of delay first submitted 2024-08-15, 46 days after results were due "
        "without one (2024-06-30, 12 months after the primary completion date 2023-06-30): it "
        "is submitted before that deadline (42 CFR 11.44(b))"
    )
    assert lint(regulated(record(dispFirstSubmitDate="2024-06-30"), False, True),
                date(2024, 9, 1)) == []  # fmt: skip


# --- F1: registration timing -----------------------------------------------------------------

FIRST_SUBMITTED = f"{STATUS}/studyFirstSubmitDate"


def test_a_study_registered_more_than_21_days_after_its_start(lint):
    findings = lint(record(studyFirstSubmitDate="2021-03-15"))
    assert summary(findings) == [("D024", FIRST_SUBMITTED)]
    assert findings[0].rule.severity is Severity.WARNING
    assert findings[0].message == (
        "first submitted 2021-03-15, 42 days after the study started (2021-02-01); a trial is "
        "registered before its first enrolment (ICMJE, WHO), or at the latest 21 days after it "
        "(42 CFR 11.24)"
    )
    text = dump(record(studyFirstSubmitDate="2021-03-15"))
    assert (findings[0].span.line, findings[0].span.column) == position_of(text, "'2021-03-15'")


def test_21_days_after_the_start_is_in_time(lint):
    assert lint(record(studyFirstSubmitDate="2021-02-22")) == []


def test_a_month_only_start_counts_from_the_end_of_the_month(lint):
    start = {"date": "2021-02", "type": "ACTUAL"}
    assert lint(record(studyFirstSubmitDate="2021-03-21", startDateStruct=start)) == []
    [finding] = lint(record(studyFirstSubmitDate="2021-03-25", startDateStruct=start))
    assert "first submitted 2021-03-25, at least 25 days after the study started (2021-02)" in (
        finding.message
    )


def test_a_registration_after_the_primary_completion_is_retrospective(lint):
    [finding] = lint(record(studyFirstSubmitDate="2023-08-01"))
    assert finding.rule.code == "D024"
    assert finding.message == (
        "first submitted 2023-08-01, 911 days after the study started (2021-02-01), and after "
        "its primary completion (2023-06-30): the registration was retrospective; a trial is "
        "registered before its first enrolment (ICMJE, WHO), or at the latest 21 days after it "
        "(42 CFR 11.24)"
    )


def test_registration_timing_is_not_judged_without_an_actual_start(lint):
    """An estimated start, a withdrawn study (nobody enrolled) and an observational study are
    not judged, however late their first submission."""
    late = {"studyFirstSubmitDate": "2023-06-01"}
    estimated = ongoing(startDateStruct={"date": "2023-01-10", "type": "ESTIMATED"}, **late)
    withdrawn = enrollment(record(overallStatus="WITHDRAWN", whyStopped="No funding", **late),
                           0, "ACTUAL")  # fmt: skip
    observational = record(**late)
    observational["protocolSection"]["designModule"]["studyType"] = "OBSERVATIONAL"
    assert "D024" in {f.rule.code for f in lint(record(**late))}
    for data in (estimated, withdrawn, observational):
        assert "D024" not in {f.rule.code for f in lint(data)}


def _observational(**status: object) -> dict:
    data = record(**status)
    data["protocolSection"]["designModule"]["studyType"] = "OBSERVATIONAL"
    return data


def test_an_observational_study_registered_after_it_began(lint):
    findings = [f for f in lint(_observational(studyFirstSubmitDate="2021-03-15"))
                if f.rule.code.startswith("D")]  # fmt: skip
    assert summary(findings) == [("D032", FIRST_SUBMITTED)]
    assert findings[0].rule.severity is Severity.INFO
    assert findings[0].message == (
        "first submitted 2021-03-15, 42 days after the study started (2021-02-01); every study "
        "of human subjects, observational ones too, is registered before its first subject is "
        "recruited (Declaration of Helsinki, paragraph 35)"
    )


@pytest.mark.parametrize(
    ("submitted", "start"),
    [
        ("2021-02-22", "2021-02-01"),  # within D024's 21 days
        ("2013-12-01", "2013-10-01"),  # started before the Fortaleza revision asked for it
    ],
)
def test_an_observational_study_registered_in_time_or_before_helsinki_asked(lint, submitted, start):
    data = _observational(
        studyFirstSubmitDate=submitted, startDateStruct={"date": start, "type": "ACTUAL"}
    )
    assert "D032" not in {f.rule.code for f in lint(data)}


def test_an_untyped_start_on_a_legacy_record_counts_when_it_precedes_the_submission(lint):
    data = untyped("2015-06-01", "startDateStruct")
    data["protocolSection"]["statusModule"]["startDateStruct"]["date"] = "2014-05"
    assert [f.rule.code for f in lint(data)] == ["D027", "D024"]
    data["protocolSection"]["statusModule"]["startDateStruct"]["date"] = "2015-07"
    assert [f.rule.code for f in lint(data)] == ["D027"]


@pytest.mark.parametrize(
    ("start", "policy"),
    [
        ("2004-03-01", "before the ICMJE asked for prospective registration (July 2005)"),
        ("2006-03-01", "after the ICMJE asked for prospective registration (July 2005) but "
                       "before FDAAA made it law (September 2007)"),
    ],
)  # fmt: skip
def test_a_late_registration_before_fdaaa_is_history_at_info(lint, start, policy):
    data = record(studyFirstSubmitDate="2006-12-01",
                  startDateStruct={"date": start, "type": "ACTUAL"})  # fmt: skip
    findings = [f for f in lint(data) if f.rule.code in ("D024", "D025")]
    assert summary(findings) == [("D025", FIRST_SUBMITTED)]
    assert findings[0].rule.severity is Severity.INFO
    assert findings[0].message.endswith(f"; the study started {policy}")


# --- the bundled real records, judged as the README's lint run does -------------------------


@pytest.fixture(scope="module")
def bundled() -> dict[str, list]:
    result = linter_at(RECORDS_TODAY).lint_paths([str(REPO / "records")])
    found: dict[str, list] = {}
    for finding in result.findings:
        if finding.rule.code.startswith("D"):
            found.setdefault(finding.study, []).append(finding)
    return found


def test_an_unknown_record_past_its_completion_has_one_d_finding(bundled):
    [finding] = bundled["NCT03562065"]
    assert finding.rule.code == "D015"
    assert finding.pointer == f"{STATUS}/overallStatus"
    assert "lastKnownStatus" in finding.message
    assert "the completion date 2024-06-01 has passed" in finding.message


def test_the_other_unknown_record(bundled):
    [finding] = bundled["NCT05947682"]
    assert finding.rule.code == "D015"
    assert "the completion date 2025-02-28 has passed" in finding.message


def test_a_completed_record_without_results(bundled):
    [finding] = bundled["NCT02213705"]
    assert (finding.rule.code, finding.pointer, finding.level) == (
        "D023", "/hasResults", Severity.INFO,
    )  # fmt: skip
    assert "completion date 2022-06-16 was 53 months ago" in finding.message


def test_a_recruiting_record_not_verified_since_2022(bundled):
    findings = bundled["NCT04711200"]
    assert sorted(summary(findings)) == [
        ("D021", f"{STATUS}/statusVerifiedDate"),
        ("D022", f"{STATUS}/overallStatus"),
        ("D031", f"{STATUS}/primaryCompletionDateStruct/date"),
        ("D031", f"{STATUS}/startDateStruct/date"),
    ]
    by_code = {f.rule.code: f for f in findings}
    assert "last verified 2022-04, 54 months ago" in by_code["D021"].message
    assert "the completion date 2025-09 has passed" in by_code["D022"].message
    assert [f.message for f in findings if f.rule.code == "D031"] == [
        "start date 2022-09 is ESTIMATED but passed 4 years and 1 month ago: make it ACTUAL, "
        "or give a new estimate (the registry asks for it within 30 days)",
        "primary completion date 2025-09 is ESTIMATED but passed 13 months ago: make it "
        "ACTUAL, or give a new estimate (the registry asks for it within 30 days)",
    ]


# --- the real-record corpus ------------------------------------------------------------------


@needs_shared
def test_rules_real_records_never_break_stay_silent_on_the_corpus():
    """The consistency rules the 837 real records all pass (prs-rules.md A3-A11, B3) must
    not fire there; the others are counted, so a change in what they report is seen."""
    result = linter_at(date(2024, 3, 15)).lint_paths([str(SHARED / "corpus" / "ctgov-v2")])
    counts = Counter(f.rule.code for f in result.findings if f.rule.code.startswith("D"))
    assert counts == {
        "D003": 6,  # recruiting with an ACTUAL primary completion (A4's 6 anomalies)
        "D005": 2,  # one terminated record with ESTIMATED dates (A6)
        "D010": 3,  # withdrawn with an ACTUAL start
        "D015": 71,  # every UNKNOWN record
        "D017": 2,  # the 2 post-2017 records without a start date type (A13)
        "D018": 10,  # completed, or ACTUAL primary completion, with ESTIMATED enrollment (B2)
        "D021": 69,
        "D022": 31,
        "D023": 144,  # no results posted (trials the law does not cover)
        "D024": 152,  # registered late, 56 of them retrospectively
        "D025": 21,  # registered late before FDAAA
        "D026": 6,  # legacy stopped studies without whyStopped
        "D027": 116,  # legacy records with untyped dates
        "D028": 17,  # results overdue: 16 ACTs, 1 pACT (2 of them UNKNOWN, PCD ACTUAL)
        "D031": 101,  # ESTIMATED dates passed, on open studies no one updated
        "D032": 77,  # observational studies registered after they began (since 2013-10)
        "D033": 3,  # certificates of delay submitted after the results deadline
        "D034": 16,  # ACTIVE_NOT_RECRUITING with the ESTIMATED target still given
    }


def test_a_site_is_located_by_its_own_index_among_malformed_entries(lint):
    data = with_sites(ongoing("ACTIVE_NOT_RECRUITING"), "RECRUITING")
    locations = data["protocolSection"]["contactsLocationsModule"]["locations"]
    locations.insert(0, "Hospital 0")  # the schema reports it; D013 must still point right
    [finding] = [f for f in lint(data) if f.rule.code == "D013"]
    assert finding.pointer == LOCATION_STATUS.format(1)
