"""The command line's everyday options, as a ruff user expects them: --statistics, --quiet,
--exit-zero, --color, -V, and a closing line that never says "All checks passed!" when a path
could not be checked."""

from __future__ import annotations

import io
import json

import pytest
import yaml

from trialint import __version__, cli
from trialint.report import choose_color, use_color

from conftest import GOOD_RECORD, TODAY

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
# Two misspellings --fix corrects (T001) and an invalid sex the schema reports (S003).
BAD = (
    GOOD.replace("sex: ALL", "sex: Both")
    .replace("exercise sessions", "exercise sesions")
    .replace("Progressive strength", "Progresive strength")
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["lint", "--today", TODAY.isoformat(), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def records(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_bad_record_has_the_findings_the_statistics_count(capsys, records):
    """The fixture itself: what the tests below count."""
    code, out, _ = run(capsys, "--output-format", "json", str(records / "bad.yaml"))
    assert code == 1
    found = sorted((f["code"], f["fix"] and f["fix"]["safe"]) for f in json.loads(out))
    assert found == [("S003", None), ("T001", True), ("T001", True)]


def test_statistics_replace_the_findings_with_counts_per_rule(capsys, records):
    code, out, err = run(capsys, "--statistics", "--color", "never", str(records))
    assert code == 1
    assert out == (
        "2\tT001\t[*] misspelling\n"
        "1\tS003\t[ ] invalid-enum-value\n"
        "[*] fixable with --fix\n"
        "Found 3 findings (1 error, 2 warnings) in 2 files, 2 studies.\n"
        "2 fixable with --fix.\n"
    )
    assert err == ""


def test_statistics_sort_by_count_then_code_and_mark_partly_fixable_rules(capsys, tmp_path):
    """Two S003 and two T001 (one in a JSON record, which --fix never rewrites): the counts tie,
    so the codes decide; T001 is fixable in one file only, so it is marked [~]."""
    (tmp_path / "a.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(yaml.safe_load(BAD)), encoding="utf-8")
    code, out, _ = run(capsys, "--statistics", "--quiet", "--color", "never", str(tmp_path))
    assert code == 1
    assert out == "4\tT001\t[~] misspelling\n2\tS003\t[ ] invalid-enum-value\n"


def test_statistics_after_fix_count_what_remains(capsys, records):
    code, out, err = run(capsys, "--fix", "--statistics", "--color", "never", str(records))
    assert code == 1
    assert out == (
        "1\tS003\tinvalid-enum-value\nFound 1 finding (1 error) in 2 files, 2 studies.\n"
    )
    assert err == "Fixed 2 findings in 1 file.\n"


def test_statistics_as_json(capsys, records):
    code, out, _ = run(capsys, "--statistics", "--output-format", "json", str(records))
    assert code == 1
    assert json.loads(out) == [
        {"code": "T001", "name": "misspelling", "count": 2, "fixable_count": 2},
        {"code": "S003", "name": "invalid-enum-value", "count": 1, "fixable_count": 0},
    ]


def test_statistics_with_diff_is_a_usage_error(capsys, records):
    code, out, err = run(capsys, "--statistics", "--diff", str(records))
    assert (code, out) == (2, "")
    assert err == (
        "trialint: error: --diff shows the changes --fix would make; --statistics counts "
        "findings: use one\n"
    )


def test_statistics_of_a_clean_run_is_the_closing_line_alone(capsys, records):
    code, out, _ = run(capsys, "--statistics", str(records / "good.yaml"))
    assert (code, out) == (0, "All checks passed! (1 file, 1 study)\n")


def test_quiet_prints_the_findings_and_nothing_else(capsys, records):
    code, out, err = run(capsys, "-q", "--color", "never", str(records))
    assert code == 1
    assert out.startswith(f"{records / 'bad.yaml'}:")
    assert "Found" not in out and "fixable" not in out
    assert out.endswith("\n\n")  # the last finding's block, and no closing line after it
    assert err == ""
    code, out, err = run(capsys, "--quiet", str(records / "good.yaml"))
    assert (code, out, err) == (0, "", "")


def test_quiet_fix_says_nothing_but_what_remains(capsys, records):
    code, out, err = run(capsys, "--fix", "-q", "--color", "never", str(records))
    assert code == 1
    assert out.startswith(f"{records / 'bad.yaml'}:") and " S003 " in out
    assert "Found" not in out
    assert err == ""


def test_quiet_still_tells_errors(capsys, tmp_path):
    code, out, err = run(capsys, "-q", str(tmp_path / "nosuch"))
    assert code == 2
    assert out == ""
    assert err == f"trialint: error: {tmp_path / 'nosuch'}: no such file or folder\n"


def test_exit_zero_with_findings_but_2_for_errors(capsys, records, tmp_path):
    code, out, _ = run(capsys, "--exit-zero", str(records))
    assert code == 0
    assert "Found 3 findings" in out
    code, _, _ = run(capsys, "--exit-zero", str(records), str(tmp_path / "nosuch"))
    assert code == 2
    code, _, _ = run(capsys, "--exit-zero", "--diff", str(records))
    assert code == 0


def test_an_unreadable_path_is_never_all_checks_passed(capsys, records, tmp_path):
    missing = str(tmp_path / "nosuch")
    code, out, err = run(capsys, missing)
    assert code == 2
    assert out == "No findings in 0 files, 0 studies; 1 path could not be checked.\n"
    assert err == f"trialint: error: {missing}: no such file or folder\n"
    code, out, _ = run(capsys, "--color", "never", str(records), missing, missing + "2")
    assert code == 2
    assert out.endswith(
        "Found 3 findings (1 error, 2 warnings) in 2 files, 2 studies; 2 paths could not be "
        "checked.\n2 fixable with --fix.\n"
    )


def test_dash_capital_v_is_version(capsys):
    for option in ("-V", "--version"):
        with pytest.raises(SystemExit) as stopped:
            cli.main([option])
        assert stopped.value.code == 0
        assert capsys.readouterr().out == f"trialint {__version__}\n"


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def auto_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield
    choose_color("auto")


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_color_choice_and_environment(monkeypatch, auto_color, choice, env, tty, expected):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    choose_color(choice)
    assert use_color(FakeTty() if tty else io.StringIO()) is expected


def test_color_option_reaches_lint_and_diff(capsys, records, auto_color, tmp_path):
    code, out, _ = run(capsys, "--color", "always", str(records / "bad.yaml"))
    assert code == 1 and "\x1b[1m\x1b[31mS003\x1b[0m" in out
    code, out, _ = run(capsys, "--color", "never", str(records / "bad.yaml"))
    assert code == 1 and "\x1b[" not in out
    new = tmp_path / "new.yaml"
    new.write_text(GOOD.replace("sex: ALL", "sex: FEMALE"), encoding="utf-8")
    old = str(records / "good.yaml")
    for choice, coloured in (("always", True), ("never", False), ("auto", False)):
        assert cli.main(["diff", "--color", choice, old, str(new)]) == 1
        assert ("\x1b[" in capsys.readouterr().out) is coloured, choice
    for env, coloured in (("FORCE_COLOR", True), ("NO_COLOR", False)):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(env, "1")
            assert cli.main(["diff", old, str(new)]) == 1
            assert ("\x1b[" in capsys.readouterr().out) is coloured, env
