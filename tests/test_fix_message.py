"""What --fix says it did, as the pre-commit fix hook shows it: fixes left for --unsafe-fixes
are named, with how to apply them, rather than "Fixed 0 findings in 0 files"."""

from __future__ import annotations

from test_fix import UNSAFE, run_cli, write

ONLY_UNSAFE = UNSAFE.replace("the Pateint", "the Patient")  # the T004 repeats remain
HINT = (
    "a fix that needs a review, applied only with --unsafe-fixes (trialint lint --fix "
    "--unsafe-fixes PATH..., or args: [--unsafe-fixes] in the pre-commit hook).\n"
)


def test_when_only_unsafe_fixes_remain_fix_says_how_to_apply_them(tmp_path, capsys):
    path = write(tmp_path, ONLY_UNSAFE)
    assert run_cli("--fix", str(path)) == 1
    assert capsys.readouterr().err == "Fixed 0 findings in 0 files; 2 findings have " + HINT
    assert path.read_text(encoding="utf-8") == ONLY_UNSAFE
    assert run_cli("--diff", str(path)) == 0
    assert capsys.readouterr().err == "Would fix 0 findings; 2 findings have " + HINT


def test_fixes_left_for_review_after_safe_ones_are_counted_as_more(tmp_path, capsys):
    assert run_cli("--fix", str(write(tmp_path, UNSAFE))) == 1
    assert capsys.readouterr().err == "Fixed 1 finding in 1 file; 2 more findings have " + HINT


def test_with_unsafe_fixes_nothing_is_left_to_say(tmp_path, capsys):
    assert run_cli("--fix", "--unsafe-fixes", str(write(tmp_path, ONLY_UNSAFE))) == 0
    assert capsys.readouterr().err == "Fixed 2 findings in 1 file.\n"
