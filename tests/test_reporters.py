"""The machine formats (sarif, junit, github, gitlab, jsonl): the real command's output on a
record with known defects, checked field by field, and SARIF against the official OASIS schema."""

from __future__ import annotations

import io
import json
import os
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from trialint import cli
from trialint.finding import Finding, Span
from trialint.lint.catalog import all_rules
from trialint.lint.outcome import LintResult
from trialint.report import FORMATS, ReportOptions, reporter
from trialint.report.common import fingerprint, report_path, unique_fingerprints
from trialint.report.github import escape_data, escape_property

from conftest import GOOD_RECORD, REPO, SHARED, TODAY

RULES = all_rules()

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
TITLE = "briefTitle: Exercise Training After Knee Replacement"
# Two known defects: a misspelling (T001, warning) at 10:17-26 and an invalid sex (S003,
# error) at 101:10-14, whose message holds ':' and ',' (which GitHub data must keep as is).
BAD = GOOD.replace("sex: ALL", "sex: Both").replace(
    TITLE, "briefTitle: Assesment of Exercise Training"
)
S003_MESSAGE = "'Both' is not a valid sex; did you mean 'ALL'? (allowed: FEMALE, MALE, ALL)"
T001_MESSAGE = "'Assesment' is misspelled; write 'Assessment'"
SARIF_SCHEMA = SHARED / "formats" / "sarif-schema-2.1.0.json"


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A working directory with bad.yaml (two findings) and good.yaml (none)."""
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def lint(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["lint", "--today", TODAY.isoformat(), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_ci_format_is_offered_by_the_command():
    assert {"sarif", "junit", "github", "gitlab"} <= set(FORMATS)


# SARIF


def sarif_validator():
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SARIF_SCHEMA} (../shared is absent)")
    from jsonschema import Draft7Validator

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def assert_valid_sarif(log: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_sarif_validates_and_locates_the_known_finding(capsys, checkout):
    code, out, _ = lint(capsys, "--output-format", "sarif", "bad.yaml", "good.yaml")
    assert code == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "trialint"
    assert driver["version"]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("T001", "warning"),
        ("S003", "error"),
    ]
    s003 = run["results"][1]
    assert s003["message"]["text"] == S003_MESSAGE
    assert driver["rules"][s003["ruleIndex"]]["id"] == "S003"
    [location] = s003["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "bad.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 101, "startColumn": 10, "endLine": 101, "endColumn": 14},
    }
    assert set(s003["partialFingerprints"]) == {"trialint/v1"}
    assert run["results"][0]["properties"]["fix"] == "replace 'Assesment' with 'Assessment'"
    assert run["results"][0]["fixes"] == [
        {
            "description": {"text": "replace 'Assesment' with 'Assessment'"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "bad.yaml", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {
                                "startLine": 10, "startColumn": 17, "endLine": 10, "endColumn": 26,
                            },
                            "insertedContent": {"text": "Assessment"},
                        }
                    ],
                }
            ],
            "properties": {"safe": True},
        }
    ]  # fmt: skip
    assert "fixes" not in s003  # 'did you mean' changes what the record says: no fix


def apply_sarif_fixes(log: dict, root: Path, *, safe_only: bool) -> None:
    """Apply the replacements of a SARIF log to the files, as a SARIF viewer would."""
    edits: dict[str, list[tuple[int, int, int, str]]] = {}
    for result in log["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            if safe_only and not fix["properties"]["safe"]:
                continue
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    assert region["startLine"] == region["endLine"]
                    edits.setdefault(change["artifactLocation"]["uri"], []).append(
                        (region["startLine"], region["startColumn"], region["endColumn"],
                         replacement["insertedContent"]["text"])
                    )  # fmt: skip
    for uri, changes in edits.items():
        path = root / uri
        lines = path.read_text(encoding="utf-8").split("\n")
        for line, start, end, text in sorted(changes, reverse=True):  # right to left
            lines[line - 1] = lines[line - 1][: start - 1] + text + lines[line - 1][end - 1 :]
        path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("unsafe", [False, True])
def test_sarif_fixes_applied_by_a_viewer_give_what_fix_writes(capsys, checkout, unsafe):
    shutil.copytree(REPO / "records", checkout / "records")
    shutil.copytree(checkout / "records", checkout / "fixed")
    code, out, _ = lint(capsys, "--output-format", "sarif", "records")
    assert code == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    assert sum("fixes" in result for result in log["runs"][0]["results"]) == 22
    apply_sarif_fixes(log, checkout, safe_only=not unsafe)
    lint(capsys, "--fix", *(["--unsafe-fixes"] if unsafe else []), "fixed")
    changed = 0
    for record in sorted((checkout / "fixed").iterdir()):
        fixed = record.read_text(encoding="utf-8")
        assert (checkout / "records" / record.name).read_text(encoding="utf-8") == fixed
        changed += fixed != (REPO / "records" / record.name).read_text(encoding="utf-8")
    assert changed == (4 if unsafe else 1)


def test_sarif_relates_the_other_side_of_a_contradiction(capsys, checkout):
    # D005: the completion date of a COMPLETED study is still ESTIMATED; the status is the
    # other side, a related location a viewer can jump to.
    estimated = GOOD.replace(
        'date: "2023-12-15"\n      type: ACTUAL', 'date: "2023-12-15"\n      type: ESTIMATED'
    )
    (checkout / "estimated.yaml").write_text(estimated, encoding="utf-8")
    code, out, _ = lint(capsys, "--output-format", "sarif", "--select", "D005", "estimated.yaml")
    assert code == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    [result] = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 23,
        "startColumn": 13,
        "endLine": 23,
        "endColumn": 22,
    }
    assert result["relatedLocations"] == [
        {
            "id": 0,
            "physicalLocation": {
                "artifactLocation": {"uri": "estimated.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 14, "startColumn": 20, "endLine": 14, "endColumn": 29},
            },
            "message": {"text": "/protocolSection/statusModule/overallStatus"},
        }
    ]


def test_sarif_describes_every_rule_of_the_run(capsys, checkout):
    _, out, _ = lint(capsys, "--output-format", "sarif", "good.yaml")
    log = json.loads(out)
    assert_valid_sarif(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert log["runs"][0]["results"] == []
    assert {rule["id"] for rule in rules} >= {rule.code for rule in RULES}
    s003 = next(rule for rule in rules if rule["id"] == "S003")
    catalog = RULES.get("S003")
    assert s003["name"] == catalog.name
    assert s003["shortDescription"]["text"] == catalog.summary
    assert s003["fullDescription"]["text"] == catalog.rationale
    assert "trialint explain S003" in s003["help"]["text"]
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in rules}
    expected = {"error": "error", "warning": "warning", "info": "note"}
    for rule in RULES:
        assert levels[rule.code] == expected[rule.severity], rule.code
    assert "note" in levels.values()


def test_sarif_links_every_rule_to_its_documentation(capsys, checkout):
    (checkout / "pack.yaml").write_text(
        "rules:\n  - {code: U001, name: our-rule, severity: info, summary: Ours.,\n"
        "     path: protocolSection.identificationModule.nctId, check: {required: true}}\n",
        encoding="utf-8",
    )
    _, out, _ = lint(capsys, "--output-format", "sarif", "--rule-pack", "pack.yaml", "good.yaml")
    log = json.loads(out)
    assert_valid_sarif(log)
    links = {rule["id"]: rule.get("helpUri") for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert links["T001"] == "https://trialint.example/rules/T001"
    for rule in RULES:  # trialint's own and its bundled packs' rules, each on its page
        assert links[rule.code] == f"https://trialint.example/rules/{rule.code}"
    assert links["U001"] is None  # a configuration's own rule: not trialint's to document


def test_the_documentation_and_the_schema_share_one_home():
    """The base of the rule pages is the base of the schema's $id: publishing the project
    changes both, in resources.HOME_URL and the schema generator, or this fails."""
    from trialint.resources import HOME_URL, study_schema

    assert study_schema()["$id"].startswith(HOME_URL)


def test_sarif_reports_files_it_could_not_check(capsys, checkout):
    code, out, err = lint(capsys, "--output-format", "sarif", "nope.yaml", "bad.yaml")
    assert code == 2
    log = json.loads(out)
    assert_valid_sarif(log)
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "nope.yaml: no such file or folder"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "nope.yaml"
    assert err == "trialint: error: nope.yaml: no such file or folder\n"


def test_sarif_fingerprint_ignores_lines_that_moved(capsys, checkout):
    _, before, _ = lint(capsys, "--output-format", "sarif", "bad.yaml")
    (checkout / "bad.yaml").write_text("# a comment that moves every line\n" + BAD, "utf-8")
    _, after, _ = lint(capsys, "--output-format", "sarif", "bad.yaml")
    results = [json.loads(out)["runs"][0]["results"] for out in (before, after)]
    lines = [
        [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in rs] for rs in results
    ]
    assert lines == [[10, 101], [11, 102]]
    prints = [[r["partialFingerprints"]["trialint/v1"] for r in rs] for rs in results]
    assert prints[0] == prints[1]
    assert len(set(prints[0])) == 2


def test_output_file_gets_the_format_and_stdout_the_text(capsys, checkout):
    code, out, _ = lint(capsys, "--output", "report.sarif", "--output-format", "sarif", "bad.yaml")
    assert code == 1
    assert "bad.yaml:101:10: S003 " in out
    assert "\nFound 2 findings (1 error, 1 warning) in 1 file, 1 study.\n" in out
    log = json.loads((checkout / "report.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["T001", "S003"]


def hidden_findings(checkout, capsys) -> None:
    """bad.yaml with T001 silenced inline, S003 listed in baseline.json and a new S002."""
    (checkout / "bad.yaml").write_text(GOOD.replace("sex: ALL", "sex: Both"), encoding="utf-8")
    assert cli.main(["baseline", "--today", TODAY.isoformat(), "bad.yaml"]) == 0
    (checkout / "baseline.json").write_text(capsys.readouterr().out, encoding="utf-8")
    silenced = "Assesment of Exercise Training  # trialint: ignore[T001]"
    text = BAD.replace("Assesment of Exercise Training", silenced)
    (checkout / "bad.yaml").write_text(text.replace("count: 120", "count: lots"), "utf-8")


def suppression_states(log: dict) -> list[tuple]:
    return [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            [s["kind"] for s in r.get("suppressions", [])],
            r.get("baselineState"),
        )
        for r in log["runs"][0]["results"]
    ]


def test_sarif_keeps_what_the_baseline_and_suppressions_hide_as_suppressed(capsys, checkout):
    hidden_findings(checkout, capsys)
    code, out, err = lint(
        capsys, "--baseline", "baseline.json", "--output-format", "sarif", "--output",
        "report.sarif", "bad.yaml",
    )  # fmt: skip
    # The exit code, the counts and the text report are those of the one finding shown.
    assert (code, err) == (1, "")
    assert out.startswith("bad.yaml:64:14: S002 count must be a whole number, not 'lots'\n")
    assert out.endswith(
        "Found 1 finding (1 error) in 1 file, 1 study; 1 known in the baseline, not shown.\n"
    )
    log = json.loads((checkout / "report.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    assert suppression_states(log) == [
        ("T001", 10, ["inSource"], "new"),
        ("S002", 64, [], "new"),
        ("S003", 101, ["external"], "unchanged"),
    ]
    t001 = log["runs"][0]["results"][0]
    assert t001["suppressions"] == [
        {"kind": "inSource", "justification": "silenced by a '# trialint: ignore' comment"}
    ]
    assert t001["message"]["text"] == T001_MESSAGE


def test_sarif_says_no_baseline_state_without_a_baseline(capsys, checkout):
    hidden_findings(checkout, capsys)
    code, out, _ = lint(capsys, "--output-format", "sarif", "bad.yaml")
    assert code == 1
    log = json.loads(out)
    assert_valid_sarif(log)
    assert suppression_states(log) == [
        ("T001", 10, ["inSource"], None),
        ("S002", 64, [], None),
        ("S003", 101, [], None),
    ]


def test_sarif_after_fix_keeps_the_suppressed_findings_of_the_fixed_file(capsys, checkout):
    text = BAD.replace("sex: Both", "sex: Both  # trialint: ignore[S003]")
    (checkout / "bad.yaml").write_text(text, encoding="utf-8")
    code, out, _ = lint(capsys, "--fix", "--output-format", "sarif", "bad.yaml")
    assert code == 0
    log = json.loads(out)
    assert_valid_sarif(log)
    assert suppression_states(log) == [("S003", 101, ["inSource"], None)]


@pytest.mark.parametrize("fmt", ["json", "junit", "github", "gitlab"])
def test_other_formats_keep_hiding_what_is_suppressed(capsys, checkout, fmt):
    hidden_findings(checkout, capsys)
    code, out, _ = lint(capsys, "--baseline", "baseline.json", "--output-format", fmt, "bad.yaml")
    assert code == 1
    assert "S002" in out
    assert "S003" not in out and "T001" not in out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(capsys, checkout, fmt):
    name = os.fsdecode(b"bad-\xff.yaml")  # as Python holds it: '\udcff' for the byte 0xff
    (checkout / name).write_text(BAD, encoding="utf-8")
    code, out, err = lint(capsys, "--output-format", fmt, "--output", "report", name)
    assert (code, err) == (1, "")
    assert "bad-\\udcff.yaml:101:10: S003 " in out  # the text report on stdout
    written = (checkout / "report").read_bytes().decode("utf-8")  # valid UTF-8, whatever the name
    if fmt == "json":
        paths = {finding["file"] for finding in json.loads(written)}
        assert paths == {name}  # the JSON escape reads back as the very name
    elif fmt == "gitlab":
        assert {issue["location"]["path"] for issue in json.loads(written)} == {name}
    elif fmt == "sarif":
        log = json.loads(written)
        assert_valid_sarif(log)
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in log["runs"][0]["results"]}  # fmt: skip
        assert uris == {"bad-%FF.yaml"}  # the name's bytes, percent-encoded
    elif fmt == "junit":
        assert_valid_junit(written)
        assert 'name="bad-\\xdcff.yaml: ' in written  # XML cannot hold the character at all
    elif fmt == "jsonl":
        assert {json.loads(line)["file"] for line in written.splitlines()} == {name}
    else:
        assert "bad-\\udcff.yaml" in written


# JSON Lines


def test_jsonl_is_the_json_findings_one_per_line_in_input_order(capsys, checkout):
    (checkout / "also-bad.yaml").write_text(BAD.replace("sex: Both", "sex: ALL"), "utf-8")
    paths = ("bad.yaml", "good.yaml", "also-bad.yaml")
    code, out, err = lint(capsys, "--output-format", "jsonl", *paths)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert [(o["file"], o["line"], o["column"], o["code"]) for o in map(json.loads, lines)] == [
        ("bad.yaml", 10, 17, "T001"),
        ("bad.yaml", 101, 10, "S003"),
        ("also-bad.yaml", 10, 17, "T001"),
    ]
    assert out.endswith("\n") and "\n\n" not in out
    _, listed = lint(capsys, "--output-format", "json", *paths)[:2]
    assert list(map(json.loads, lines)) == json.loads(listed)  # the json format's objects


def test_jsonl_of_a_clean_run_is_empty(capsys, checkout):
    assert lint(capsys, "--output-format", "jsonl", "good.yaml") == (0, "", "")


class _FlushRecorder(io.StringIO):
    """A stdout that remembers what had been flushed (what a reader at the other end of a
    pipe could have read)."""

    flushed = ""

    def flush(self) -> None:
        super().flush()
        self.flushed = self.getvalue()


def test_jsonl_flushes_each_file_before_the_next_is_read(checkout, monkeypatch):
    from trialint.sources.inputs import DiskInput

    (checkout / "also-bad.yaml").write_text(BAD, encoding="utf-8")
    stdout = _FlushRecorder()
    monkeypatch.setattr("sys.stdout", stdout)
    seen_when_read: dict[str, str] = {}
    read = DiskInput.read

    def recording_read(self: DiskInput) -> bytes:
        seen_when_read[self.name] = stdout.flushed
        return read(self)

    monkeypatch.setattr(DiskInput, "read", recording_read)
    args = ["lint", "--today", TODAY.isoformat(), "--output-format", "jsonl", "--jobs", "1"]
    assert cli.main([*args, "bad.yaml", "also-bad.yaml"]) == 1
    assert seen_when_read["bad.yaml"] == ""
    before_second = seen_when_read["also-bad.yaml"].splitlines()
    assert [json.loads(line)["file"] for line in before_second] == ["bad.yaml", "bad.yaml"]
    assert len(stdout.getvalue().splitlines()) == 4


# JUnit

# What the common JUnit schemas (Jenkins' junit-10.xsd, which GitLab and Azure read too) allow
# in a test case, in this order; the official schema is not in ../shared/formats/, so its
# rules are checked here: names, counts that are those of the test cases, children in order.
_CASE_CHILDREN = ("skipped", "error", "failure", "system-out", "system-err")


def assert_valid_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root
    assert (suite.tag, suite.get("name"), suite.get("skipped")) == ("testsuite", "trialint", "0")
    cases = list(suite)
    assert {case.tag for case in cases} <= {"testcase"}
    for case in cases:
        assert case.get("name") and case.get("classname") == "trialint"
        order = [_CASE_CHILDREN.index(child.tag) for child in case]
        assert order == sorted(order)
        for child in case:
            if child.tag in ("failure", "error"):
                assert child.get("type") and child.get("message")
    failures = sum(case.find("failure") is not None for case in cases)
    errors = sum(case.find("error") is not None for case in cases)
    for element in (root, suite):
        counts = (element.get("tests"), element.get("failures"), element.get("errors"))
        assert counts == (str(len(cases)), str(failures), str(errors))
    return suite


def _cases(suite: ET.Element) -> list[tuple[str, str]]:
    """Each test case's name and outcome (the tag of its first child, or passed)."""
    return [(case.get("name"), case[0].tag if len(case) else "passed") for case in suite]


def test_junit_fails_a_test_case_per_finding_and_passes_one_per_clean_file(capsys, checkout):
    code, out, _ = lint(capsys, "--output-format", "junit", "bad.yaml", "good.yaml", "nope.yaml")
    assert code == 2
    suite = assert_valid_junit(out)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "2", "1")
    assert _cases(suite) == [
        ("bad.yaml: T001 misspelling at /protocolSection/identificationModule/briefTitle",
         "failure"),
        ("bad.yaml: S003 invalid-enum-value at /protocolSection/eligibilityModule/sex",
         "failure"),
        ("good.yaml", "passed"),
        ("nope.yaml", "error"),
    ]  # fmt: skip
    t001, s003, _, nope = suite
    failures = [t001.find("failure"), s003.find("failure")]
    assert [(f.get("type"), f.get("message")) for f in failures] == [
        ("T001", f"bad.yaml:10:17: T001 {T001_MESSAGE}"),
        ("S003", f"bad.yaml:101:10: S003 {S003_MESSAGE}"),
    ]
    assert failures[1].text == (
        f"bad.yaml:101:10: S003 {S003_MESSAGE}\n"
        "rule: S003 invalid-enum-value (error)\n"
        "at: /protocolSection/eligibilityModule/sex"
    )
    assert "help: replace 'Assesment' with 'Assessment'" in failures[0].text
    [error] = list(nope)
    assert (error.tag, error.get("message")) == ("error", "no such file or folder")


def test_junit_findings_below_fail_on_pass_and_show_in_system_out(capsys, checkout):
    """With --fail-on error, the T001 warning is shown but is no failure, as the exit code
    says (here 1, for the S003 error)."""
    code, out, _ = lint(capsys, "--output-format", "junit", "--fail-on", "error", "bad.yaml")
    assert code == 1
    suite = assert_valid_junit(out)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    t001, s003 = suite
    assert [child.tag for child in t001] == ["system-out"]
    assert t001.find("system-out").text == (
        f"bad.yaml:10:17: T001 {T001_MESSAGE}\n"
        "rule: T001 misspelling (warning)\n"
        "at: /protocolSection/identificationModule/briefTitle\n"
        "help: replace 'Assesment' with 'Assessment'\n"
        "not a failure: below --fail-on error"
    )
    assert [child.tag for child in s003] == ["failure"]


def test_junit_counts_failing_findings_and_files_not_checked():
    """passed = tests - failures - errors: two findings in one file are two failed tests, a
    file not fully checked is an error besides its findings, a clean file one passed test."""
    rule = RULES.get("S003")
    findings = [
        Finding(rule, "m", path, Span(1, 1, 1, 2)) for path in ("a.yaml", "a.yaml", "b.yaml")
    ]
    result = LintResult(
        findings=findings,
        errors=["b.yaml: internal error: ValueError: boom"],
        files=3,
        paths=["a.yaml", "b.yaml", "c.yaml"],
    )
    stream = io.StringIO()
    reporter("junit")(result, stream, ReportOptions())
    suite = assert_valid_junit(stream.getvalue())
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "3", "1")
    assert [outcome for _, outcome in _cases(suite)] == [
        "failure", "failure", "failure", "error", "passed"
    ]  # fmt: skip
    b_error = suite[3]
    assert (b_error.get("name"), b_error.find("error").get("message")) == (
        "b.yaml",
        "internal error: ValueError: boom",
    )


def test_junit_escapes_quotes_ampersands_non_ascii_and_control_characters():
    rule = RULES.get("S003")
    tricky = 'a "quoted" & <tagged> café \x01 value'
    result = LintResult(
        findings=[Finding(rule, tricky, "dir/é & co.yaml", Span(2, 3, 2, 5))],
        files=1,
        paths=["dir/é & co.yaml"],
    )
    stream = io.StringIO()
    reporter("junit")(result, stream, ReportOptions())
    suite = assert_valid_junit(stream.getvalue())
    [case] = suite
    assert case.get("name") == "dir/é & co.yaml: S003 invalid-enum-value"
    [failure] = case
    expected = 'a "quoted" & <tagged> café \\x01 value'
    assert failure.get("message") == f"dir/é & co.yaml:2:3: S003 {expected}"
    assert failure.text.startswith(f"dir/é & co.yaml:2:3: S003 {expected}\n")


# GitHub


def test_github_annotations_are_exact(capsys, checkout):
    code, out, _ = lint(capsys, "--output-format", "github", "bad.yaml", "good.yaml", "nope.yaml")
    assert code == 2
    assert out.splitlines() == [
        "::warning file=bad.yaml,line=10,col=17,endLine=10,endColumn=26,"
        f"title=T001 misspelling::{T001_MESSAGE}",
        "::error file=bad.yaml,line=101,col=10,endLine=101,endColumn=14,"
        f"title=S003 invalid-enum-value::{S003_MESSAGE}",
        "::error file=nope.yaml,title=not checked::no such file or folder",
    ]


def test_github_escapes_properties_and_data(capsys, checkout):
    (checkout / "a,b:c%.yaml").write_text(BAD, encoding="utf-8")
    _, out, _ = lint(capsys, "--output-format", "github", "--select", "S003", "a,b:c%.yaml")
    assert out == (
        "::error file=a%2Cb%3Ac%25.yaml,line=101,col=10,endLine=101,endColumn=14,"
        f"title=S003 invalid-enum-value::{S003_MESSAGE}\n"
    )
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext%3A a%2C b"


def test_github_levels_follow_the_configured_severity():
    rule = RULES.get("S003")
    finding = Finding(rule, "m", "r.yaml", Span(1, 2, 1, 3))
    stream = io.StringIO()
    result = LintResult(findings=[replace(finding, severity="info")], files=1, paths=["r.yaml"])
    reporter("github")(result, stream, ReportOptions())
    assert stream.getvalue() == (
        "::notice file=r.yaml,line=1,col=2,endLine=1,endColumn=3,title=S003 invalid-enum-value::m\n"
    )


def test_inside_github_actions_annotations_are_the_default(capsys, checkout, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = lint(capsys, "bad.yaml")
    assert code == 1
    lines = out.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::warning", "::error"]
    assert lines[1].endswith(f"::{S003_MESSAGE}")


# GitLab


def test_gitlab_code_quality_fields(capsys, checkout):
    code, out, _ = lint(capsys, "--output-format", "gitlab", "bad.yaml", "good.yaml")
    assert code == 1
    issues = json.loads(out)
    assert isinstance(issues, list)
    assert [(i["check_name"], i["severity"], i["description"]) for i in issues] == [
        ("T001", "minor", T001_MESSAGE),
        ("S003", "major", S003_MESSAGE),
    ]
    for issue in issues:
        assert isinstance(issue["fingerprint"], str)
        assert issue["fingerprint"]
        assert issue["location"]["path"] == "bad.yaml"
        assert type(issue["location"]["lines"]["begin"]) is int
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
    assert [i["location"]["lines"]["begin"] for i in issues] == [10, 101]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_are_unique_for_identical_findings_and_stable():
    rule = RULES.get("T001")
    twins = [
        Finding(rule, "'teh' is misspelled", "r.yaml", Span(line, 5, line, 8), "/a", "NCT1")
        for line in (3, 7, 9)
    ]
    result = LintResult(findings=twins, files=1, paths=["r.yaml"])
    stream = io.StringIO()
    reporter("gitlab")(result, stream, ReportOptions())
    prints = [issue["fingerprint"] for issue in json.loads(stream.getvalue())]
    assert len(set(prints)) == 3
    assert prints[0] == fingerprint(twins[0])
    moved = [replace(f, span=Span(f.span.line + 5, 5, f.span.line + 5, 8)) for f in twins]
    assert [p for _, p in unique_fingerprints(moved)] == prints


def test_gitlab_reports_files_it_could_not_check(capsys, checkout):
    code, out, _ = lint(capsys, "--output-format", "gitlab", "nope.yaml")
    assert code == 2
    [issue] = json.loads(out)
    assert (issue["check_name"], issue["severity"]) == ("not-checked", "critical")
    assert issue["location"] == {"path": "nope.yaml", "lines": {"begin": 1}}


# Shared


def test_paths_are_relative_to_the_checkout_with_forward_slashes(checkout):
    assert report_path(str(checkout / "sub" / "r.yaml")) == "sub/r.yaml"
    assert report_path("sub\\r.yaml") == "sub/r.yaml"
    assert report_path("./r.yaml") == "r.yaml"


def test_fingerprint_depends_on_what_not_where():
    rule = RULES.get("S003")
    finding = Finding(rule, "m", "r.yaml", Span(1, 2, 1, 3), "/x", "NCT1")
    assert fingerprint(finding) == fingerprint(replace(finding, span=Span(40, 1, 40, 9)))
    for change in ({"message": "n"}, {"pointer": "/y"}, {"study": "NCT2"}, {"path": "s.yaml"}):
        assert fingerprint(finding) != fingerprint(replace(finding, **change))


def test_findings_in_a_file_of_several_studies_name_their_study():
    rule = RULES.get("S003")
    finding = Finding(rule, "m", "page.json", Span(4, 2, 4, 3), "/x", "NCT1")
    result = LintResult(findings=[finding], files=1, paths=["page.json"], collections={"page.json"})
    stream = io.StringIO()
    reporter("github")(result, stream, ReportOptions())
    assert stream.getvalue().endswith("::[NCT1] m\n")
    stream = io.StringIO()
    reporter("gitlab")(result, stream, ReportOptions())
    assert json.loads(stream.getvalue())[0]["description"] == "[NCT1] m"
