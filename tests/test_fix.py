"""``trialint.fix``: applying the fixes findings carry, byte for byte, atomically, idempotently."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from trialint.cli import main
from trialint.finding import Fix
from trialint.fix import fix_paths, unified_diff
from trialint.fix.apply import apply_fixes, choose

from conftest import GOOD_RECORD, TODAY

GOOD = GOOD_RECORD.read_text(encoding="utf-8")


def mutate(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# Safe defects written in every style a curator might use, among comments.
ODD = mutate(
    GOOD,
    ("# A small", "# top comment\n# A small"),
    ("briefTitle: Exercise Training After Knee Replacement",
     "briefTitle: 'Exercise Training: an Assesment of the Pateint''s Knee'   # single-quoted"),
    ("officialTitle: A Randomized Trial of Supervised Exercise Training After Total Knee "
     "Replacement",
     'officialTitle: "A Randomized \\"Trial\\" of Exercise in Pateints\\t After Knee '
     'Replacement"'),
    ("training or usual care, and their walking",
     "training or usual care (an assesment), and their walking"),
    ("    keywords:\n      - total knee replacement",
     "    keywords: [ total knee replacement ,  knee ]  # flow"),
    ('          - "Behavioral: Supervised exercise training"',
     "          - Supervised exercise training    # untyped"),
    ("      - measure: Six-minute walk distance",
     "      - measure:   Six-minute walk \\- distance"),
    ("      * Revision surgery", "      * Revision surgery or theraphy"),
    ("    sex: ALL", "    sex: ALL # comment after a value"),
)  # fmt: skip

ODD_FIXED = mutate(
    ODD,
    ("an Assesment of the Pateint''s", "an Assessment of the Patient''s"),
    ("of Exercise in Pateints\\t", "of Exercise in Patients\\t"),
    ("care (an assesment)", "care (an assessment)"),
    ("- Supervised exercise training    # untyped",
     '- "Behavioral: Supervised exercise training"    # untyped'),
    ("walk \\- distance", "walk - distance"),
    ("surgery or theraphy", "surgery or therapy"),
)  # fmt: skip


def write(tmp_path: Path, text: str | bytes, name: str = "NCT01234567.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def fix(linter, path: Path, *, unsafe: bool = False, write: bool = True):
    return fix_paths(linter, [str(path)], unsafe=unsafe, write=write)


def test_the_good_record_has_nothing_to_fix(linter):
    assert linter.lint_paths([str(GOOD_RECORD)]).findings == []


def test_safe_fixes_change_only_the_fixed_characters(tmp_path, linter):
    path = write(tmp_path, ODD)
    before = linter.lint_paths([str(path)])
    assert sorted(f.code for f in before.findings if f.fix and f.fix.safe) == [
        "A006", "T001", "T001", "T001", "T001", "T001", "T008"
    ]  # fmt: skip
    outcome = fix(linter, path)
    assert path.read_bytes() == ODD_FIXED.encode("utf-8")
    assert outcome.applied == 7
    assert outcome.files_changed == [str(path)]
    assert outcome.errors == [] and outcome.skipped == []
    assert [f.code for f in outcome.result.findings] == []


def test_four_space_indentation_and_unindented_sequences(tmp_path, linter):
    def reindent(text: str) -> str:  # every column of indentation doubled: 4-space mappings
        lines = []
        for line in text.splitlines(keepends=True):
            stripped = line.lstrip(" -")
            indent = line[: len(line) - len(stripped)]
            lines.append(indent.replace(" ", "  ").replace("-", "- ") + stripped)
        return "".join(lines)

    def unindent(text: str) -> str:  # a sequence not indented under its key
        return text.replace(" " * 12 + "-   Knee Osteo", " " * 8 + "- Knee Osteo")

    odd = unindent(reindent(ODD))
    assert "    conditions:\n        - Knee" in odd
    path = write(tmp_path, odd)
    outcome = fix(linter, path)
    assert path.read_text(encoding="utf-8") == unindent(reindent(ODD_FIXED))
    assert outcome.applied == 7


def test_diff_shows_the_change_and_writes_nothing(tmp_path, linter):
    text = mutate(GOOD, ("briefTitle: Exercise Training", "briefTitle: Exercise Theraphy Training"))
    path = write(tmp_path, text)
    outcome = fix(linter, path, write=False)
    assert path.read_text(encoding="utf-8") == text
    name = str(path).lstrip("/")
    assert outcome.diff == (
        f"--- a/{name}\n"
        f"+++ b/{name}\n"
        "@@ -7,7 +7,7 @@\n"
        "     organization:\n"
        "       fullName: Example University Hospital\n"
        "       class: OTHER\n"
        "-    briefTitle: Exercise Theraphy Training After Knee Replacement\n"
        "+    briefTitle: Exercise Therapy Training After Knee Replacement\n"
        "     officialTitle: A Randomized Trial of Supervised Exercise Training After Total "
        "Knee Replacement\n"
        "   statusModule:\n"
        '     statusVerifiedDate: "2024-03"\n'
    )
    assert outcome.applied == 1 and outcome.files_changed == [str(path)]
    assert outcome.result.findings == []  # what would remain after --fix


def test_diff_is_empty_without_fixes(tmp_path, linter):
    path = write(tmp_path, GOOD)
    outcome = fix(linter, path, write=False)
    assert (outcome.diff, outcome.applied, outcome.files_changed) == ("", 0, [])


def test_a_second_run_changes_nothing(tmp_path, linter):
    path = write(tmp_path, ODD)
    fix(linter, path)
    once = path.read_bytes()
    again = fix(linter, path, unsafe=True)
    assert path.read_bytes() == once
    assert (again.applied, again.diff, again.files_changed) == (0, "", [])


UNSAFE = mutate(
    GOOD,
    ("      Inclusion Criteria:\n", "      Inclusion Criteria: the the Pateint\n"),
    ("training or usual care, and their", "training or usual care, and and their"),
)


def test_unsafe_fixes_only_when_asked(tmp_path, linter):
    path = write(tmp_path, UNSAFE)
    safe = fix(linter, path)
    assert path.read_text(encoding="utf-8") == UNSAFE.replace("the Pateint", "the Patient")
    assert safe.applied == 1
    assert sorted(f.code for f in safe.result.findings) == ["T004", "T004"]
    assert all(not f.fix.safe for f in safe.result.findings)

    unsafe = fix(linter, path, unsafe=True)
    assert path.read_text(encoding="utf-8") == mutate(
        UNSAFE, ("the the Pateint", "the Patient"), ("and and", "and")
    )
    assert unsafe.applied == 2 and unsafe.result.findings == []


def test_a_fix_across_a_folded_line_goes_through_ruamel(tmp_path, linter):
    text = mutate(GOOD, ("and their walking is compared", "and\n      and their walking"))
    path = write(tmp_path, text)
    outcome = fix(linter, path, unsafe=True)
    # Only the folded value is rewritten (ruamel writes it on one line); the rest is as it was.
    assert path.read_text(encoding="utf-8") == mutate(
        GOOD,
        ("exercise\n      training or usual care, and their walking is compared after",
         "exercise training or usual care, and their walking after"),
    )  # fmt: skip
    assert outcome.applied == 1 and outcome.result.findings == []


def test_crlf_and_byte_order_mark_are_kept(tmp_path, linter):
    text = ODD.replace("\n", "\r\n")
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    outcome = fix(linter, path)
    assert path.read_bytes() == b"\xef\xbb\xbf" + ODD_FIXED.replace("\n", "\r\n").encode("utf-8")
    assert outcome.applied == 7
    lines = outcome.diff.splitlines(keepends=True)
    body = [line for line in lines if not line.startswith(("---", "+++", "@@"))]
    assert len(body) > 20 and all(line.endswith("\r\n") for line in body)


def test_file_mode_is_kept(tmp_path, linter):
    path = write(tmp_path, ODD)
    path.chmod(0o640)
    fix(linter, path)
    assert (path.stat().st_mode & 0o777, path.read_text(encoding="utf-8")) == (0o640, ODD_FIXED)


@pytest.mark.parametrize("where", ["replace", "write"])
def test_a_failed_write_leaves_the_original(tmp_path, linter, monkeypatch, where):
    path = write(tmp_path, ODD)

    def fail(*args, **kwargs):
        raise OSError("disk full")

    if where == "replace":
        monkeypatch.setattr(os, "replace", fail)
    else:
        monkeypatch.setattr(os, "fsync", fail)  # after part of the data was written
    outcome = fix(linter, path)
    assert path.read_text(encoding="utf-8") == ODD
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left
    assert outcome.errors == [f"{path}: not fixed: cannot write: disk full"]
    assert outcome.files_changed == [] and outcome.applied == 0
    assert len([f for f in outcome.result.findings if f.fix]) == 7  # all still there


def test_json_files_are_left_alone(tmp_path, linter):
    from trialint.document.load import load_file

    data = load_file(write(tmp_path, ODD)).studies[0].data
    path = write(tmp_path, json.dumps(data, indent=2), "NCT01234567.json")
    text = path.read_text(encoding="utf-8")
    outcome = fix(linter, path)
    assert path.read_text(encoding="utf-8") == text
    assert outcome.skipped == [f"{path}: not fixed: only YAML records are fixed, not JSON"]
    assert outcome.applied == 0 and len([f for f in outcome.result.findings if f.fix]) == 7


def test_files_of_several_studies_are_left_alone(tmp_path, linter):
    body = "".join("  " + line if line.strip() else line for line in GOOD.splitlines(True))
    entry = "- " + body[2:].replace("Exercise Training After", "Exercise Theraphy After")
    text = entry + entry.replace("NCT01234567", "NCT01234568")
    path = write(tmp_path, text, "studies.yaml")
    outcome = fix(linter, path)
    assert path.read_text(encoding="utf-8") == text
    assert outcome.skipped == [f"{path}: not fixed: only files holding one study are fixed"]
    assert [f.code for f in outcome.result.findings] == ["T001"] * 4


def test_several_files_one_diff(tmp_path, linter):
    first = write(tmp_path, ODD, "a.yaml")
    second = write(tmp_path, GOOD, "b.yaml")
    third = write(tmp_path, UNSAFE, "c.yaml")
    outcome = fix_paths(linter, [str(tmp_path)], unsafe=False, write=False)
    assert outcome.files_changed == [str(first), str(third)]
    assert outcome.diff == unified_diff(ODD, ODD_FIXED, str(first)) + unified_diff(
        UNSAFE, UNSAFE.replace("the Pateint", "the Patient"), str(third)
    )
    assert second.read_text(encoding="utf-8") == GOOD and first.read_text(encoding="utf-8") == ODD
    assert sorted(f.path for f in outcome.result.findings) == [str(third)] * 2


# The engine itself, on small texts.


def test_fixes_in_one_value_apply_right_to_left():
    text = "a: x  # c\nb: 'ab ab ''ab'''\n"
    done = apply_fixes(text, [("/b", Fix("ab", "A", 0)), ("/b", Fix("ab", "BB", 7))])
    assert (done.text, done.applied) == ("a: x  # c\nb: 'A ab ''BB'''\n", 2)


def test_overlapping_fixes_wait_for_the_next_pass():
    first, overlapping, later = Fix("abc", "x", 0), Fix("bcd", "y", 1), Fix("e", "f", 4)
    assert choose([("/v", overlapping), ("/v", first), ("/v", later), ("/v", first)]) == {
        "/v": [first, later]
    }
    done = apply_fixes("v: abcde\n", [("/v", first), ("/v", overlapping), ("/v", later)])
    assert (done.text, done.applied) == ("v: xdf\n", 2)


def test_a_fix_that_does_not_match_the_value_is_skipped():
    done = apply_fixes("v: hello\n", [("/v", Fix("world", "there", 0))])
    assert (done.text, done.applied) == ("v: hello\n", 0)
    assert done.skipped == ["/v: 'world' is not at offset 0 of the value"]


def test_an_edit_that_would_change_other_values_is_refused():
    text = "v: &word Assesment\nw: *word\n"  # editing the anchor would change w too
    done = apply_fixes(text, [("/v", Fix("Assesment", "Assessment", 0))])
    assert (done.text, done.applied) == (text, 0)
    assert done.skipped[0].startswith("/v: the value's text in the file cannot be edited")


def test_a_plain_value_that_must_be_quoted_is_quoted():
    text = "l:\n  - one   # note\n  - two\n"
    done = apply_fixes(text, [("/l/0", Fix("one", "Drug: one", 0))])
    assert done.text == 'l:\n  - "Drug: one"   # note\n  - two\n'


def test_double_quoted_escapes_are_written_as_escapes():
    text = 'v: "a \\\\- b \\"c\\""\n'  # the value: a \- b "c"
    done = apply_fixes(text, [("/v", Fix("\\-", "-", 2)), ("/v", Fix('"c"', "'c'", 7))])
    assert done.text == "v: \"a - b 'c'\"\n"


def test_single_quotes_in_a_fix_are_written_doubled():
    # (ruamel.yaml would re-space the flow list, so only the surgical edit can do this)
    text = "k: [ a ,  b ]\nv: 'it''s  here'  # c\n"
    done = apply_fixes(text, [("/v", Fix("it's", "it is", 0))])
    assert (done.text, done.applied) == ("k: [ a ,  b ]\nv: 'it is  here'  # c\n", 1)


def test_a_value_ruamel_cannot_rewrite_faithfully_is_skipped():
    text = "k: [ a ,  b ]\nv: >-\n  one and\n  and two\n"  # "and and" across a fold
    done = apply_fixes(text, [("/v", Fix("and and", "and", 4))])
    assert (done.text, done.applied) == (text, 0)
    assert done.skipped == [
        "/v: the value's text in the file cannot be edited without changing anything else"
    ]


# The command line: trialint lint --fix / --diff / --unsafe-fixes.

TYPO = mutate(GOOD, ("* Revision surgery", "* Revision surgery or theraphy"))
TYPO_FIXED = mutate(GOOD, ("* Revision surgery", "* Revision surgery or therapy"))


def run_cli(*args: str) -> int:
    return main(["lint", "--today", TODAY.isoformat(), *args])


def test_cli_fix_rewrites_the_file_and_reports_what_remains(tmp_path, capsys):
    path = write(tmp_path, mutate(TYPO, ("    sex: ALL", "    sex: EVERYONE")))
    assert run_cli("--fix", str(path)) == 1  # the invalid sex has no fix and remains
    out, err = capsys.readouterr()
    assert path.read_text(encoding="utf-8") == mutate(
        TYPO_FIXED, ("    sex: ALL", "    sex: EVERYONE")
    )
    assert "Fixed 1 finding in 1 file." in err
    assert "S003" in out and "T001" not in out


def test_cli_fix_exits_0_when_nothing_remains(tmp_path, capsys):
    path = write(tmp_path, TYPO)
    assert run_cli("--fix", str(path)) == 0
    assert path.read_text(encoding="utf-8") == TYPO_FIXED
    assert run_cli("--fix", str(path)) == 0  # a second run changes nothing
    assert "Fixed 0 findings in 0 files." in capsys.readouterr().err


def test_cli_diff_prints_the_change_writes_nothing_and_exits_1(tmp_path, capsys):
    path = write(tmp_path, TYPO)
    assert run_cli("--diff", str(path)) == 1
    out, err = capsys.readouterr()
    assert path.read_text(encoding="utf-8") == TYPO
    assert out.startswith(f"--- a/{path.as_posix().lstrip('/')}\n+++ b/")
    assert [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in "---+++"] == [
        line
        for line in ("-" + _line_with(TYPO, "theraphy"), "+" + _line_with(TYPO_FIXED, "therapy"))
    ]
    assert "Would fix 1 finding." in err


def test_cli_diff_exits_0_when_there_is_nothing_to_fix(tmp_path, capsys):
    assert run_cli("--diff", str(write(tmp_path, GOOD))) == 0
    assert capsys.readouterr().out == ""


def test_cli_unsafe_fixes_only_with_the_flag(tmp_path, capsys):
    path = write(tmp_path, UNSAFE)
    safe = UNSAFE.replace("the Pateint", "the Patient")
    assert run_cli("--fix", str(path)) == 1  # the repeated words remain: T004 is unsafe
    assert path.read_text(encoding="utf-8") == safe
    assert run_cli("--fix", "--unsafe-fixes", str(path)) == 0
    assert path.read_text(encoding="utf-8") == safe.replace("the the", "the").replace(
        "and and", "and"
    )


def _line_with(text: str, word: str) -> str:
    return next(line for line in text.splitlines() if word in line)


def test_the_text_summary_says_how_many_findings_fix_would_correct(tmp_path, capsys):
    assert run_cli(str(write(tmp_path, UNSAFE))) == 1
    assert capsys.readouterr().out.endswith(
        "\n1 fixable with --fix (2 more with --unsafe-fixes).\n"
    )


def test_a_fix_that_changes_meaning_is_a_suggestion_never_applied(tmp_path, capsys):
    """A012's masking level: the roles listed may be the error, not the level."""
    text = mutate(GOOD, ("          - OUTCOMES_ASSESSOR\n",
                         "          - OUTCOMES_ASSESSOR\n          - INVESTIGATOR\n"))  # fmt: skip
    path = write(tmp_path, text)
    assert run_cli("--fix", "--unsafe-fixes", str(path)) == 1
    out, err = capsys.readouterr()
    assert path.read_text(encoding="utf-8") == text
    assert "A012 " in out and "= help: replace 'SINGLE' with 'DOUBLE'" in out
    assert "fixable" not in out and "Fixed 0 findings" in err


def test_fix_with_a_baseline_reports_what_remains_and_what_it_hides(tmp_path, capsys):
    path = write(tmp_path, mutate(TYPO, ("    sex: ALL", "    sex: EVERYONE")))
    assert main(["baseline", "--today", TODAY.isoformat(), str(path)]) == 0
    known = json.loads(capsys.readouterr().out)
    known["findings"] = [entry for entry in known["findings"] if entry["code"] == "S003"]
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(known), encoding="utf-8")
    assert run_cli("--fix", "--baseline", str(baseline), str(path)) == 0
    out, _ = capsys.readouterr()
    assert path.read_text(encoding="utf-8") == mutate(
        TYPO_FIXED, ("    sex: ALL", "    sex: EVERYONE")
    )
    assert out == "All checks passed! (1 file, 1 study; 1 known in the baseline, not shown)\n"


def test_a_record_that_is_a_symbolic_link_is_not_fixed_through_it(tmp_path, linter):
    target = write(tmp_path, ODD)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    outcome = fix(linter, link)
    assert target.read_text(encoding="utf-8") == ODD and link.is_symlink()
    assert outcome.errors == [
        f"{link}: not fixed: cannot write: {link} is a symbolic link; trialint never writes "
        "through one"
    ]


def test_a_fix_leaves_no_temporary_file_or_folder_and_clears_a_killed_runs(
    tmp_path, linter, monkeypatch
):
    """A run killed while fixing leaves nothing a later run or git status trips over: the
    next texts are judged in memory (no folder to leave), and a killed run's temporary file
    beside a record is removed by the next write of that record."""
    import tempfile

    def no_folder(*args, **kwargs):
        raise AssertionError("a fix needs no temporary folder")

    monkeypatch.setattr(tempfile, "mkdtemp", no_folder)
    path = write(tmp_path, ODD)
    stale, fresh = tmp_path / f".{path.name}.a1b2c3d4.tmp", tmp_path / f".{path.name}.e5f6g7h8.tmp"
    stale.write_text("half a record", encoding="utf-8")
    fresh.write_text("another run's, being written", encoding="utf-8")
    os.utime(stale, (0, 0))  # left by a run killed long ago
    fix(linter, path)
    assert path.read_text(encoding="utf-8") == ODD_FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, fresh.name])
