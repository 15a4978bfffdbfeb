"""Inline suppressions: a comment on the finding's line hides exactly that finding; one that
hides nothing is reported."""

from __future__ import annotations

from conftest import GOOD_RECORD, codes, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
# S003 on the sex line (101) and T001 in the title (line 10).
BAD = GOOD.replace("sex: ALL", "sex: Both").replace(
    "briefTitle: Exercise Training", "briefTitle: Exercise Assesment"
)


def test_a_suppression_on_the_line_hides_exactly_its_finding(lint_text):
    text = BAD.replace("sex: Both", "sex: Both  # trialint: ignore[S003]")
    assert codes(lint_text(text).findings) == [("T001", *position_of(text, "Assesment"))]


def test_rules_are_named_by_code_or_name_and_several_at_once(lint_text):
    text = BAD.replace("sex: Both", "sex: Both  # trialint: ignore[invalid-enum-value, T001]")
    findings = lint_text(text).findings
    assert [f.rule.code for f in findings] == ["T001", "X001"]  # T001 is on another line
    unused = findings[1]
    assert (unused.line, unused.column) == position_of(text, "# trialint")
    assert unused.message == "unused suppression of T001: no such finding on this line"


def test_a_suppression_on_the_wrong_line_is_reported_and_hides_nothing(lint_text):
    text = BAD.replace("    sex: Both\n", "    # trialint: ignore[S003]\n    sex: Both\n")
    findings = lint_text(text).findings
    assert [f.rule.code for f in findings] == ["T001", "X001", "S003"]
    assert findings[1].message == "unused suppression of S003: no such finding on this line"


def test_a_blanket_suppression_hides_every_finding_on_its_line(lint_text):
    text = BAD.replace("sex: Both", "sex: Both  # trialint: ignore")
    assert [f.rule.code for f in lint_text(text).findings] == ["T001"]
    clean = GOOD.replace("sex: ALL", "sex: ALL  # trialint: ignore")
    [finding] = lint_text(clean).findings
    assert finding.message == "unused suppression: nothing on this line to silence"


def test_a_file_suppression(lint_text):
    text = "# trialint: ignore-file[T001]\n" + BAD
    assert [f.rule.code for f in lint_text(text).findings] == ["S003"]
    text = "# trialint: ignore-file\n" + BAD
    assert lint_text(text).findings == []


def test_an_unknown_rule_in_a_suppression_is_an_error(lint_text):
    text = BAD.replace("sex: Both", "sex: Both  # trialint: ignore[S003, S0003]")
    findings = lint_text(text).findings
    assert [(f.rule.code, f.message) for f in findings if f.rule.code[0] == "X"] == [
        ("X002", "no rule 'S0003' to suppress")
    ]


def test_a_hash_inside_a_quoted_text_is_not_a_comment(lint_text):
    text = BAD.replace(
        "briefTitle: Exercise Assesment After Knee Replacement",
        "briefTitle: 'Exercise Assesment # trialint: ignore'",
    )
    assert [f.rule.code for f in lint_text(text).findings] == ["T001", "S003"]
