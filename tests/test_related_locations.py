"""A finding about a contradiction names both of its sides: it points at one and relates the
other, so a curator (or a SARIF viewer) finds it from either field."""

from __future__ import annotations

import pytest

from conftest import GOOD_TEXT

STATUS = "/protocolSection/statusModule"
ACTUAL_ENDS = (
    'date: "2023-06-30"\n      type: ACTUAL',
    'date: "2023-12-15"\n      type: ACTUAL',
)


def _recruiting_past_completion() -> str:
    text = GOOD_TEXT.replace("overallStatus: COMPLETED", "overallStatus: RECRUITING")
    for actual in ACTUAL_ENDS:
        text = text.replace(actual, actual.replace("ACTUAL", "ESTIMATED"))
    return text


CASES = {
    "open status after its completion date": (
        _recruiting_past_completion(), "D022",
        f"{STATUS}/overallStatus", [(f"{STATUS}/completionDateStruct", 22, 7)],
    ),
    "unknown status, verified long ago, past its completion date": (
        _recruiting_past_completion().replace("overallStatus: RECRUITING",
                                              "overallStatus: UNKNOWN"),
        "D015", f"{STATUS}/overallStatus",
        [(f"{STATUS}/statusVerifiedDate", 13, 25),
         (f"{STATUS}/completionDateStruct", 22, 7),
         # its primary completion passed too, and is still ESTIMATED
         (f"{STATUS}/primaryCompletionDateStruct", 19, 7)],
    ),
    "estimated date passed before the verification, and its type": (
        _recruiting_past_completion().replace('"2023-12-15"', '"2024-12-15"'), "D007",
        f"{STATUS}/primaryCompletionDateStruct/date",
        [(f"{STATUS}/primaryCompletionDateStruct/type", 20, 13)],
    ),
    "finished study with an estimated date": (
        GOOD_TEXT.replace(*(a.replace("ACTUAL", x) for x in ("ACTUAL", "ESTIMATED")
                            for a in ACTUAL_ENDS[1:])),
        "D005", f"{STATUS}/completionDateStruct/type", [(f"{STATUS}/overallStatus", 14, 20)],
    ),
    "study type the title contradicts": (
        GOOD_TEXT.replace("A Randomized Trial", "A Prospective Observational Study"), "A022",
        "/protocolSection/identificationModule/officialTitle",
        [("/protocolSection/designModule/studyType", 52, 16)],
    ),
    "masking the title contradicts": (
        GOOD_TEXT.replace("A Randomized Trial", "An Open-Label Randomized Trial")
        .replace("- OUTCOMES_ASSESSOR", "- PARTICIPANT"), "A023",
        "/protocolSection/identificationModule/officialTitle",
        [("/protocolSection/designModule/designInfo/maskingInfo/masking", 60, 18)],
    ),
    "phase the title contradicts": (
        GOOD_TEXT.replace("A Randomized Trial", "A Phase 3 Randomized Trial"), "P004",
        "/protocolSection/identificationModule/officialTitle",
        [("/protocolSection/designModule/phases", 54, 7)],
    ),
    "healthy volunteers in a study of patients": (
        GOOD_TEXT.replace("healthyVolunteers: false", "healthyVolunteers: true").replace(
            "* Total knee replacement in the past 4 weeks",
            "* Diagnosis of knee osteoarthritis treated by total knee replacement"),
        "E004", "/protocolSection/eligibilityModule/healthyVolunteers",
        [("/protocolSection/eligibilityModule/eligibilityCriteria", 91, 26)],
    ),
    "withdrawn study that enrolled": (
        GOOD_TEXT.replace("overallStatus: COMPLETED", "overallStatus: WITHDRAWN\n"
                          "    whyStopped: No funding"),
        "D009", "/protocolSection/designModule/enrollmentInfo/count",
        [(f"{STATUS}/overallStatus", 14, 20)],
    ),
    "minimum age above the maximum": (
        GOOD_TEXT.replace("minimumAge: 50 Years", "minimumAge: 90 Years"), "E002",
        "/protocolSection/eligibilityModule/minimumAge",
        [("/protocolSection/eligibilityModule/maximumAge", 103, 17)],
    ),
    "data not shared that the description shares": (
        GOOD_TEXT.replace("hasResults: false", "  ipdSharingStatementModule:\n"
                          "    ipdSharing: \"NO\"\n    description: Individual participant "
                          "data will be shared on request.\nhasResults: false"),
        "C015", "/protocolSection/ipdSharingStatementModule/description",
        [("/protocolSection/ipdSharingStatementModule/ipdSharing", 117, 17)],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "code", "pointer", "related"), CASES.values(), ids=CASES)
def test_a_contradiction_relates_its_other_side(lint_text, text, code, pointer, related):
    # each related place is located where its value is written (line, column)
    found = [
        (f.pointer, [(other.pointer, other.span.line, other.span.column) for other in f.related])
        for f in lint_text(text).findings
        if f.rule.code == code
    ]
    assert found == [(pointer, related)]


def test_a_finding_about_one_field_relates_nothing(lint_text):
    text = GOOD_TEXT.replace("sex: ALL", "sex: Both")
    [finding] = lint_text(text).findings
    assert finding.related == ()
