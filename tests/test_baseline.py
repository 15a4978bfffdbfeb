"""A baseline hides the findings a registry has today; new ones still fail."""

from __future__ import annotations

import json

import pytest

from trialint import cli

from conftest import GOOD_RECORD, TODAY

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
BAD = GOOD.replace("sex: ALL", "sex: Both").replace(
    "briefTitle: Exercise Training", "briefTitle: Exercise Assesment"
)


@pytest.fixture
def registry(tmp_path, monkeypatch):
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "a.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "records" / "b.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([args[0], "--today", TODAY.isoformat(), *args[1:]])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_baseline(capsys, registry) -> None:
    code, out, _ = run(capsys, "baseline", "records")
    assert code == 0
    (registry / "baseline.json").write_text(out, encoding="utf-8")


def test_the_baseline_lists_findings_by_file_rule_and_pointer(registry, capsys):
    code, out, _ = run(capsys, "baseline", "records")
    assert code == 0
    document = json.loads(out)
    assert document["trialint-baseline"] == 1
    assert document["findings"] == [
        {"file": "records/a.yaml", "study": "NCT01234567", "code": "S003",
         "pointer": "/protocolSection/eligibilityModule/sex", "count": 1},
        {"file": "records/a.yaml", "study": "NCT01234567", "code": "T001",
         "pointer": "/protocolSection/identificationModule/briefTitle", "count": 1},
    ]  # fmt: skip


def test_known_findings_are_hidden(registry, capsys):
    write_baseline(capsys, registry)
    code, out, _ = run(capsys, "lint", "--baseline", "baseline.json", "records")
    assert code == 0
    assert out == "All checks passed! (2 files, 2 studies; 2 known in the baseline, not shown)\n"


def test_the_baseline_survives_an_edit_that_moves_every_line(registry, capsys):
    write_baseline(capsys, registry)
    moved = "# a comment\n# and another\n" + BAD.replace("  statusModule:", "\n  statusModule:")
    (registry / "records" / "a.yaml").write_text(moved, encoding="utf-8")
    code, _, _ = run(capsys, "lint", "--baseline", "baseline.json", "records")
    assert code == 0


def test_a_new_finding_fails_despite_the_baseline(registry, capsys):
    write_baseline(capsys, registry)
    (registry / "records" / "b.yaml").write_text(
        GOOD.replace("count: 120", "count: lots"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "lint", "--baseline", "baseline.json", "records")
    assert code == 1
    assert "records/b.yaml:64:14: S002 count must be a whole number, not 'lots'" in out
    assert "S003" not in out
    assert out.rstrip().endswith("2 known in the baseline, not shown.")


def test_the_same_finding_twice_needs_two_entries(registry, capsys):
    write_baseline(capsys, registry)
    (registry / "records" / "a.yaml").write_text(
        BAD.replace("Exercise Assesment", "Assesment Exercise Assesment"), encoding="utf-8"
    )
    code, out, _ = run(capsys, "lint", "--baseline", "baseline.json", "records")
    assert code == 1
    assert out.count("T001") == 2  # the header and the caret of the one new finding


def test_the_baseline_from_configuration(registry, capsys):
    write_baseline(capsys, registry)
    (registry / ".trialint.toml").write_text('baseline = "baseline.json"\n', encoding="utf-8")
    code, _, _ = run(capsys, "lint", "records")
    assert code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "baseline.json: not JSON"),
        ('{"findings": []}', "baseline.json: not a trialint baseline"),
        ('{"trialint-baseline": 1, "findings": [{"file": "x"}]}', "entry 1 is not a baseline"),
        ('{"trialint-baseline": 1, "findings": 3}', "'findings' is not a list"),
        (
            '{"trialint-baseline": 1, "findings": [], "note": "\xe9t\xe9"}',
            "baseline.json: not JSON",
        ),
        ('{"trialint-baseline": ' + "9" * 5000 + "}", "a number too long to read"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply to read"),
    ],
)
def test_a_broken_baseline_is_a_one_line_error(registry, capsys, content, message):
    (registry / "baseline.json").write_bytes(content.encode("latin-1"))  # the last one: not UTF-8
    code, out, err = run(capsys, "lint", "--baseline", "baseline.json", "records")
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1


# The baseline found by its default name, and --no-baseline


def test_a_baseline_of_the_default_name_is_used_without_being_named(registry, capsys):
    write_baseline(capsys, registry)
    (registry / "baseline.json").rename(registry / ".trialint-baseline.json")
    code, out, _ = run(capsys, "lint", "records")
    assert code == 0
    assert out == "All checks passed! (2 files, 2 studies; 2 known in the baseline, not shown)\n"
    code, out, _ = run(capsys, "lint", "--no-baseline", "records")
    assert code == 1
    assert "records/a.yaml:101:10: S003 'Both' is not a valid sex" in out
    assert "Found 2 findings (1 error, 1 warning) in 2 files, 2 studies." in out


def test_the_default_baseline_is_the_one_beside_the_configuration_found_upwards(
    registry, capsys, monkeypatch
):
    (registry / "work").mkdir()
    monkeypatch.chdir(registry / "work")
    out = run(capsys, "baseline", "../records")[1]
    (registry / ".trialint-baseline.json").write_text(out, encoding="utf-8")
    (registry / ".trialint.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    code, out, _ = run(capsys, "lint", "../records")
    assert (code, out.endswith("2 known in the baseline, not shown)\n")) == (0, True)
    # Without a configuration file, the working directory's folder is where it is looked for.
    (registry / ".trialint.toml").unlink()
    code, _, _ = run(capsys, "lint", "../records")
    assert code == 1


def test_a_named_baseline_wins_over_the_default_one(registry, capsys):
    (registry / ".trialint-baseline.json").write_text("{not json", encoding="utf-8")
    write_baseline(capsys, registry)
    code, _, err = run(capsys, "lint", "--baseline", "baseline.json", "records")
    assert (code, err) == (0, "")
    (registry / ".trialint.toml").write_text('baseline = "baseline.json"\n', encoding="utf-8")
    assert run(capsys, "lint", "records")[:3:2] == (0, "")
    # --no-baseline reads no baseline at all, not even a broken one.
    (registry / ".trialint.toml").unlink()
    assert run(capsys, "lint", "--no-baseline", "records")[0] == 1
    code, _, err = run(capsys, "lint", "records")
    assert (code, err.count("\n")) == (2, 1)
    assert err.startswith("trialint: error: .trialint-baseline.json: not JSON")


def test_no_baseline_and_a_baseline_together_are_a_usage_error(registry, capsys):
    with pytest.raises(SystemExit) as stop:
        run(capsys, "lint", "--no-baseline", "--baseline", "baseline.json", "records")
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


# Stale entries: reported, and pruned by baseline --update


def fix_the_sex(registry) -> None:
    record = registry / "records" / "a.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("sex: Both", "sex: ALL"), "utf-8")


def test_a_stale_entry_is_reported_on_stderr(registry, capsys):
    write_baseline(capsys, registry)
    fix_the_sex(registry)
    code, out, err = run(capsys, "lint", "--baseline", "baseline.json", "records")
    assert code == 0
    assert out == "All checks passed! (2 files, 2 studies; 1 known in the baseline, not shown)\n"
    assert err == (
        "trialint: note: 1 entry of the baseline no longer matches a finding; run trialint "
        "baseline --update --today 2024-03-15 --baseline baseline.json to remove it\n"
    )


def test_entries_are_stale_only_for_the_files_and_rules_the_run_checked(registry, capsys):
    write_baseline(capsys, registry)
    fix_the_sex(registry)
    (registry / "baseline.json").rename(registry / ".trialint-baseline.json")
    stale = (
        "trialint: note: 1 entry of the baseline no longer matches a finding; run trialint "
        "baseline --update --today 2024-03-15 to remove it\n"
    )
    assert run(capsys, "lint", "records")[::2] == (0, stale)
    # b.yaml alone: a.yaml's entries are not judged.
    assert run(capsys, "lint", "records/b.yaml")[::2] == (0, "")
    # T001 alone: the S003 entry is not judged.
    assert run(capsys, "lint", "--select", "T001", "records")[::2] == (0, "")
    # A file that could not be read as a study: its entries are not judged either.
    (registry / "records" / "a.yaml").write_bytes(b"\xff\xfe not UTF-8")
    code, _, err = run(capsys, "lint", "records")
    assert (code, err) == (1, "")


def test_update_prunes_the_stale_entries_and_adds_no_new_finding(registry, capsys):
    write_baseline(capsys, registry)
    fix_the_sex(registry)
    (registry / "records" / "b.yaml").write_text(
        GOOD.replace("count: 120", "count: lots"), encoding="utf-8"
    )
    code, out, err = run(capsys, "baseline", "--update", "--baseline", "baseline.json", "records")
    assert (code, out, err) == (0, "", "Removed 1 stale entry from baseline.json.\n")
    assert json.loads((registry / "baseline.json").read_text(encoding="utf-8"))["findings"] == [
        {"file": "records/a.yaml", "study": "NCT01234567", "code": "T001",
         "pointer": "/protocolSection/identificationModule/briefTitle", "count": 1},
    ]  # fmt: skip
    # The rewritten file is laid out as trialint baseline writes it; a second update is a no-op.
    (registry / "records" / "b.yaml").write_text(GOOD, encoding="utf-8")
    assert (registry / "baseline.json").read_text(encoding="utf-8") == run(
        capsys, "baseline", "records"
    )[1]
    assert run(capsys, "baseline", "--update", "--baseline", "baseline.json", "records") == (
        0, "", "Removed 0 stale entries from baseline.json.\n",
    )  # fmt: skip


def test_update_lowers_a_count_and_keeps_entries_of_files_not_checked(registry, capsys):
    twice = BAD.replace("Exercise Assesment", "Assesment Exercise Assesment")
    (registry / "records" / "a.yaml").write_text(twice, encoding="utf-8")
    (registry / "records" / "c.yaml").write_text(twice, encoding="utf-8")
    (registry / "records" / "b.yaml").write_text(twice, encoding="utf-8")
    write_baseline(capsys, registry)
    (registry / "baseline.json").rename(registry / ".trialint-baseline.json")
    for name in ("a.yaml", "c.yaml"):  # one misspelling of the two fixed, and the sex
        (registry / "records" / name).write_text(BAD.replace("sex: Both", "sex: ALL"), "utf-8")
    code, _, err = run(capsys, "baseline", "--update", "records/a.yaml", "records/b.yaml")
    assert (code, err) == (0, "Removed 2 stale entries from .trialint-baseline.json.\n")
    entries = json.loads((registry / ".trialint-baseline.json").read_text(encoding="utf-8"))
    assert [(e["file"], e["code"], e["count"]) for e in entries["findings"]] == [
        ("records/a.yaml", "T001", 1),
        ("records/b.yaml", "S003", 1),
        ("records/b.yaml", "T001", 2),
        ("records/c.yaml", "S003", 1),  # c.yaml was not checked: its entries stay
        ("records/c.yaml", "T001", 2),
    ]


def test_update_without_a_baseline_is_a_one_line_error(registry, capsys):
    code, out, err = run(capsys, "baseline", "--update", "records")
    assert (code, out) == (2, "")
    assert err == (
        "trialint: error: no baseline to update: name one with --baseline FILE, or write it to "
        ".trialint-baseline.json beside the configuration\n"
    )
    code, _, err = run(capsys, "baseline", "--baseline", "baseline.json", "records")
    assert (code, err) == (2, "trialint: error: --baseline goes with --update\n")


def test_update_writes_nothing_when_a_path_cannot_be_read(registry, capsys):
    write_baseline(capsys, registry)
    before = (registry / "baseline.json").read_bytes()
    fix_the_sex(registry)
    code, _, err = run(
        capsys, "baseline", "--update", "--baseline", "baseline.json", "records", "nosuch.yaml"
    )
    assert code == 2
    assert err.splitlines()[-1] == "trialint: baseline.json left as it was"
    assert (registry / "baseline.json").read_bytes() == before
