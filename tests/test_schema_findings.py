"""Schema violations in a mutated good record: exact code, line, column, pointer and message."""

from __future__ import annotations

from conftest import GOOD_RECORD, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")


def one_finding(lint_text, old: str, new: str):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    [finding] = lint_text(text).findings
    return finding, text


def test_wrong_enum_value_names_the_allowed_values_and_the_closest(lint_text):
    finding, text = one_finding(lint_text, "overallStatus: COMPLETED", "overallStatus: COMPLETD")
    assert finding.rule.code == "S003"
    assert (finding.line, finding.column) == position_of(text, "COMPLETD")
    assert (finding.line, finding.column) == (14, 20)
    assert finding.pointer == "/protocolSection/statusModule/overallStatus"
    assert finding.message.startswith(
        "'COMPLETD' is not a valid overallStatus; did you mean 'COMPLETED'? (allowed: "
        "ACTIVE_NOT_RECRUITING, COMPLETED, "
    )
    assert finding.message.endswith("WITHHELD, UNKNOWN)")


def test_display_spellings_of_enum_values_are_recognised(lint_text):
    finding, _ = one_finding(
        lint_text, "overallStatus: COMPLETED", "overallStatus: Not yet recruiting"
    )
    assert "did you mean 'NOT_YET_RECRUITING'?" in finding.message
    finding, _ = one_finding(
        lint_text, "count: 120\n      type: ACTUAL", "count: 120\n      type: Anticipated"
    )
    assert finding.rule.code == "S003"
    assert "did you mean 'ESTIMATED'?" in finding.message


def test_enum_error_in_a_list_names_the_entry(lint_text):
    finding, text = one_finding(lint_text, "      - NA\n", "      - Phase 1\n")
    assert finding.rule.code == "S003"
    assert finding.pointer == "/protocolSection/designModule/phases/0"
    assert (finding.line, finding.column) == position_of(text, "Phase 1")
    assert finding.message.startswith("'Phase 1' is not a valid phases[0]; did you mean 'PHASE1'?")


def test_misspelled_key_suggests_the_known_key(lint_text):
    finding, _ = one_finding(lint_text, "    overallStatus:", "    overalStatus:")
    assert finding.rule.code == "S001"
    assert (finding.line, finding.column) == (14, 5)
    assert finding.pointer == "/protocolSection/statusModule/overalStatus"
    assert finding.message == (
        "unknown field 'overalStatus' in statusModule; did you mean 'overallStatus'?"
    )


def test_unknown_key_with_nothing_close_has_no_suggestion(lint_text):
    finding, _ = one_finding(
        lint_text, "    nctId: NCT01234567\n", "    nctId: NCT01234567\n    colour: blue\n"
    )
    assert finding.rule.code == "S001"
    assert finding.message == "unknown field 'colour' in identificationModule"


def test_unknown_top_level_key(lint_text):
    finding, text = one_finding(lint_text, "hasResults: false", "hasResult: false")
    assert finding.rule.code == "S001"
    assert (finding.line, finding.column) == position_of(text, "hasResult:")
    assert finding.message == "unknown field 'hasResult' in the study; did you mean 'hasResults'?"


def test_bad_partial_date_suggests_the_registry_form(lint_text):
    finding, text = one_finding(lint_text, 'date: "2021-02-01"', "date: February 2021")
    assert finding.rule.code == "S004"
    assert (finding.line, finding.column) == position_of(text, "February 2021")
    assert finding.pointer == "/protocolSection/statusModule/startDateStruct/date"
    assert finding.message == (
        "date 'February 2021' is not a date in the form yyyy-MM-dd, yyyy-MM or yyyy; "
        "did you mean '2021-02'?"
    )


def test_full_date_fields_want_a_day(lint_text):
    finding, _ = one_finding(
        lint_text, 'studyFirstSubmitDate: "2020-12-01"', 'studyFirstSubmitDate: "2020-12"'
    )
    assert finding.rule.code == "S004"
    assert finding.message == (
        "studyFirstSubmitDate '2020-12' is not a date in the form yyyy-MM-dd"
    )


def test_a_date_that_is_not_on_the_calendar(lint_text):
    finding, _ = one_finding(
        lint_text, 'studyFirstSubmitDate: "2020-12-01"', 'studyFirstSubmitDate: "2021-02-30"'
    )
    assert finding.rule.code == "S004"
    assert finding.message == "studyFirstSubmitDate '2021-02-30' is not a calendar date"


def test_missing_required_field_points_at_its_parent(lint_text):
    finding, text = one_finding(
        lint_text, "    briefTitle: Exercise Training After Knee Replacement\n", ""
    )
    assert finding.rule.code == "S005"
    assert (finding.line, finding.column) == position_of(text, "identificationModule:")
    assert finding.pointer == "/protocolSection/identificationModule/briefTitle"
    assert finding.message == "missing required field 'briefTitle' in identificationModule"


def test_missing_module(lint_text):
    start = GOOD.index("  eligibilityModule:")
    end = GOOD.index("  contactsLocationsModule:")
    text = GOOD[:start] + GOOD[end:]
    [finding] = lint_text(text).findings
    assert finding.rule.code == "S005"
    assert (finding.line, finding.column) == (2, 1)
    assert finding.message == "missing required field 'eligibilityModule' in protocolSection"


def test_wrong_type(lint_text):
    finding, text = one_finding(lint_text, "count: 120", "count: many")
    assert finding.rule.code == "S002"
    assert (finding.line, finding.column) == position_of(text, "many")
    assert finding.message == "count must be a whole number, not 'many'"


def test_a_mapping_where_text_is_expected_is_not_dumped(lint_text):
    title = "    briefTitle: Exercise Training After Knee Replacement\n"
    finding, _ = one_finding(lint_text, title, "    briefTitle:\n      en: A\n      fr: B\n")
    assert finding.message == "briefTitle must be text, not a mapping"


def test_invalid_nct_id(lint_text):
    finding, text = one_finding(lint_text, "nctId: NCT01234567", "nctId: NCT1234567")
    assert finding.rule.code == "S007"
    assert (finding.line, finding.column) == position_of(text, "NCT1234567")
    assert finding.message == (
        "'NCT1234567' is not an NCT number (NCT followed by 8 digits, e.g. NCT04711200)"
    )


def test_age_format(lint_text):
    finding, text = one_finding(lint_text, "minimumAge: 50 Years", "minimumAge: 50 years old")
    assert finding.rule.code == "S008"
    assert (finding.line, finding.column) == position_of(text, "50 years old")
    assert finding.message == (
        "'50 years old' is not a valid minimumAge (write it like '18 Years' or '6 Months')"
    )


def test_empty_conditions(lint_text):
    finding, _ = one_finding(
        lint_text, "    conditions:\n      - Knee Osteoarthritis\n", "    conditions: []\n"
    )
    assert finding.rule.code == "S006"
    assert finding.message == "conditions is empty; the registry requires at least 1 entry"


def test_one_finding_per_value_even_when_several_keywords_fail(lint_text):
    finding, _ = one_finding(lint_text, "nctId: NCT01234567", "nctId: X")
    assert finding.rule.code == "S007"  # not also the length keywords of the same schema


def test_several_problems_are_all_reported_in_file_order(lint_text):
    text = (
        GOOD.replace("overallStatus: COMPLETED", "overallStatus: DONE")
        .replace("studyType: INTERVENTIONAL", "studyType: Interventional")
        .replace("masking: SINGLE", "maskin: SINGLE")
    )
    findings = lint_text(text).findings
    assert [(f.rule.code, f.line) for f in findings] == [("S003", 14), ("S003", 52), ("S001", 60)]


START = '    startDateStruct:\n      date: "2021-02-01"\n      type: ACTUAL\n'


def test_a_missing_start_date_is_a_dated_rule_not_a_schema_error(lint_text):
    """The registry serves records without a start date (expanded access, records of
    2006-2011): the schema accepts them, and D029 judges a record submitted since 2017."""
    finding, text = one_finding(lint_text, START, "")
    assert finding.rule.code == "D029"
    assert finding.pointer == "/protocolSection/statusModule/startDateStruct"
    assert (finding.line, finding.column) == position_of(text, "statusModule:")
    assert finding.message == (
        "no start date: an interventional study gives the date its first participant enrolled, "
        "or the date it expects to (required of records first submitted since 2017-01-18; this "
        "one was first submitted 2020-12-01)"
    )
    legacy = text.replace(
        'studyFirstSubmitDate: "2020-12-01"', 'studyFirstSubmitDate: "2009-12-01"'
    )
    [finding] = lint_text(legacy).findings
    assert (finding.rule.code, finding.rule.severity.value) == ("D030", "info")


def test_an_expanded_access_record_without_a_start_date_is_valid(lint_text):
    text = (
        GOOD.replace(START, "")
        .replace("overallStatus: COMPLETED", "overallStatus: AVAILABLE")
        .replace("studyType: INTERVENTIONAL", "studyType: EXPANDED_ACCESS")
    )
    codes = {f.rule.code for f in lint_text(text).findings}
    assert not {code for code in codes if code[0] == "S" or code in ("D029", "D030")}


def test_a_withheld_record_shows_only_identification_status_and_sponsor(lint_text):
    text = (
        "protocolSection:\n  identificationModule:\n    nctId: NCT03182660\n"
        "    orgStudyIdInfo: {id: LUM-ABU-AP-17-02}\n"
        "    briefTitle: '[Trial of device that is not approved or cleared by the U.S. FDA]'\n"
        "  statusModule:\n    overallStatus: WITHHELD\n"
        "    startDateStruct: {date: '2017-06-12'}\n    studyFirstSubmitDate: '2017-06-01'\n"
        "  sponsorCollaboratorsModule:\n    leadSponsor: {name: '[Redacted]', class: INDUSTRY}\n"
    )
    assert [f for f in lint_text(text).findings if f.rule.code[0] == "S"] == []
    finding, _ = one_finding(lint_text, '    statusVerifiedDate: "2024-03"\n', "")
    assert finding.message == "missing required field 'statusVerifiedDate' in statusModule"


def test_a_misspelled_required_module_is_one_unknown_field(lint_text):
    finding, _ = one_finding(lint_text, "  descriptionModule:", "  descriptionModul:")
    assert finding.rule.code == "S001"
    assert finding.message == (
        "unknown field 'descriptionModul' in protocolSection; did you mean 'descriptionModule'?"
    )
