"""Each record is checked with the configuration nearest above it, as ruff finds its own; the
command line over every configuration file; --isolated reads none."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pytest

from test_config import BAD, codes
from test_rulepack import PACK
from trialint import config as config_module
from trialint import run_configuration
from trialint.lint import runner

from conftest import lint_json as lint


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A registry whose records/ holds one record, and records/sub/ one more with a
    configuration of its own; the tests run from the registry's top."""
    sub = tmp_path / "records" / "sub"
    sub.mkdir(parents=True)
    (tmp_path / "records" / "r.yaml").write_text(BAD, encoding="utf-8")
    (sub / "s.yaml").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def by_file(findings: list[dict]) -> dict[str, list[str]]:
    files: dict[str, set[str]] = {}
    for finding in findings:
        files.setdefault(finding["file"].replace("\\", "/"), set()).add(finding["code"])
    return {name: sorted(found) for name, found in sorted(files.items())}


def test_a_folder_with_its_own_configuration_is_checked_by_it(project, capsys):
    (project / "pyproject.toml").write_text('[tool.trialint]\nselect = ["T"]\n', encoding="utf-8")
    (project / "records" / "sub" / ".trialint.toml").write_text('ignore = ["S003"]\n')
    code, findings, err = lint(capsys, "records")
    # The nearest file wins whole: the top's select does not reach records/sub.
    assert (code, err, by_file(findings)) == (
        1, "", {"records/r.yaml": ["T001"], "records/sub/s.yaml": ["A001", "T001"]}
    )  # fmt: skip


def test_the_configuration_follows_the_record_not_the_working_folder(project, capsys, monkeypatch):
    (project / "records" / "sub" / ".trialint.toml").write_text('select = ["A"]\n')
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _, findings, _ = lint(capsys, "../records")
    assert by_file(findings) == {
        "../records/r.yaml": ["A001", "S003", "T001"],
        "../records/sub/s.yaml": ["A001"],
    }


def test_a_record_with_no_configuration_above_it_takes_the_working_folders(
    project, capsys, monkeypatch, tmp_path_factory
):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "o.yaml").write_text(BAD, encoding="utf-8")
    (project / ".trialint.toml").write_text('select = ["S"]\n')
    _, findings, _ = lint(capsys, str(outside / "o.yaml"))
    assert [f["code"] for f in findings] == ["S003"]


def test_paths_in_a_nested_configuration_start_from_its_folder(project, capsys):
    sub = project / "records" / "sub"
    trainning = BAD.replace("Assesment", "Assessment")  # its one misspelling no list knows
    (sub / "s.yaml").write_text(trainning, encoding="utf-8")
    (sub / "legacy").mkdir()
    (sub / "legacy" / "old.yaml").write_text(trainning, encoding="utf-8")
    (sub / "drafts").mkdir()
    (sub / "drafts" / "draft.yaml").write_text(BAD, encoding="utf-8")
    (project / "records" / "drafts").mkdir()
    (project / "records" / "drafts" / "kept.yaml").write_text(BAD, encoding="utf-8")
    (sub / "words.txt").write_text("Trainning\n", encoding="utf-8")
    (sub / ".trialint.toml").write_text(
        'exclude = ["/drafts/"]\nwords-file = "words.txt"\n\n'
        '[per-file-ignores]\n"legacy/*.yaml" = ["S003"]\n',
        encoding="utf-8",
    )
    _, findings, _ = lint(capsys, "records")
    assert by_file(findings) == {
        "records/drafts/kept.yaml": ["A001", "S003", "T001"],  # the pattern is sub's
        "records/r.yaml": ["A001", "S003", "T001"],
        "records/sub/legacy/old.yaml": ["A001"],
        "records/sub/s.yaml": ["A001", "S003"],  # its words-file's are no misspellings
    }


def test_a_folders_rule_packs_check_its_records_only(project, capsys):
    sub = project / "records" / "sub"
    (sub / "packs").mkdir()
    (sub / "packs" / "hospital.yaml").write_text(PACK, encoding="utf-8")
    (sub / ".trialint.toml").write_text('rule-packs = ["packs/"]\nselect = ["U001"]\n')
    _, findings, _ = lint(capsys, "records")
    assert by_file(findings) == {
        "records/r.yaml": ["A001", "S003", "T001"],
        "records/sub/s.yaml": ["U001"],
    }


def test_config_names_one_file_for_every_record(project, capsys):
    (project / "records" / "sub" / ".trialint.toml").write_text('select = ["A"]\n')
    (project / "only-s.toml").write_text('select = ["S"]\n', encoding="utf-8")
    _, findings, _ = lint(capsys, "--config", "only-s.toml", "records")
    assert by_file(findings) == {"records/r.yaml": ["S003"], "records/sub/s.yaml": ["S003"]}


def test_isolated_reads_no_configuration_file(project, capsys):
    (project / ".trialint.toml").write_text('select = ["A"]\n')
    (project / "records" / "sub" / ".trialint.toml").write_text('select = ["this is no rule"]\n')
    code, findings, err = lint(capsys, "--isolated", "--ignore", "A001", "records")
    assert (code, err) == (1, "")
    assert by_file(findings) == {"records/r.yaml": ["S003", "T001"],
                                 "records/sub/s.yaml": ["S003", "T001"]}  # fmt: skip
    with pytest.raises(SystemExit) as exited:
        lint(capsys, "--isolated", "--config", ".trialint.toml", "records")
    assert exited.value.code == 2
    assert capsys.readouterr().err == (
        "trialint: error: argument --config: not allowed with argument --isolated\n"
    )


def test_extend_select_runs_a_rule_the_configuration_ignores(project, capsys):
    (project / ".trialint.toml").write_text('ignore = ["T001", "S"]\n')
    _, findings, _ = lint(capsys, "records/r.yaml")
    assert codes(findings) == ["A001"]
    _, findings, _ = lint(capsys, "--extend-select", "T001", "records/r.yaml")
    assert codes(findings) == ["A001", "T001"]
    # The command line over the file: its --select decides alone, the file's ignore too.
    _, findings, _ = lint(capsys, "--select", "S", "records/r.yaml")
    assert codes(findings) == ["S003"]
    # Within the command line, the more specific selector still wins.
    _, findings, _ = lint(capsys, "--extend-select", "T", "--ignore", "T001", "records/r.yaml")
    assert codes(findings) == ["A001"]


def test_a_rule_off_by_default_is_run_by_extend_select_over_a_file_that_selects(project, capsys):
    (project / ".trialint.toml").write_text('select = ["A"]\n')
    text = BAD.replace("Exercise Trainning Assesment", "Exercise Trainnning Assesment")
    (project / "records" / "r.yaml").write_text(text, encoding="utf-8")
    _, findings, _ = lint(capsys, "--extend-select", "possible-misspelling", "records/r.yaml")
    assert "T012" in codes(findings)
    assert "T001" not in codes(findings)


def test_many_records_in_processes_each_by_its_folders_configuration(project, capsys, monkeypatch):
    monkeypatch.setattr(runner, "PARALLEL_FROM", 4)
    monkeypatch.setattr(runner, "_CHUNK", 2)
    for number in range(5):
        shutil.copy(project / "records" / "r.yaml", project / "records" / f"r{number}.yaml")
        shutil.copy(project / "records" / "r.yaml", project / "records" / "sub" / f"s{number}.yaml")
    (project / "records" / "sub" / ".trialint.toml").write_text('select = ["A"]\n')
    _, findings, _ = lint(capsys, "--jobs", "2", "records")
    found = by_file(findings)
    assert len(found) == 12
    assert {name: f for name, f in found.items() if "/sub/" in name} == {
        f"records/sub/{name}.yaml": ["A001"] for name in ("s", "s0", "s1", "s2", "s3", "s4")
    }
    assert all(f == ["A001", "S003", "T001"] for name, f in found.items() if "/sub/" not in name)


def test_a_broken_nested_configuration_is_a_one_line_error(project, capsys, monkeypatch):
    (project / "records" / "sub" / ".trialint.toml").write_text('selec = ["A"]\n')
    expected = (
        f"trialint: error: {project / 'records' / 'sub' / '.trialint.toml'}: .trialint.toml "
        "selec: unknown key; did you mean 'select'?\n"
    )
    code, _, err = lint(capsys, "records")
    assert (code, err) == (2, expected)
    monkeypatch.setattr(runner, "PARALLEL_FROM", 1)
    code, _, err = lint(capsys, "--jobs", "2", "records")
    assert (code, err) == (2, expected)


def test_standard_input_is_checked_by_the_configuration_of_the_place_named(
    project, capsys, monkeypatch
):
    (project / "records" / "sub" / ".trialint.toml").write_text('select = ["A"]\n')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    _, findings, _ = lint(capsys, "-", "--stdin-filename", "records/sub/new.yaml")
    assert by_file(findings) == {"records/sub/new.yaml": ["A001"]}
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    _, findings, _ = lint(capsys, "-")
    assert by_file(findings) == {"-": ["A001", "S003", "T001"]}


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_revision_is_checked_by_the_work_trees_configuration(project, capsys, monkeypatch):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    sub_config = project / "records" / "sub" / ".trialint.toml"
    sub_config.write_text('select = ["T"]\n')
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "records"]):
        subprocess.run(["git", *command], cwd=project, env=env, check=True, capture_output=True)
    sub_config.write_text('select = ["A"]\n')  # the work tree's, not committed
    monkeypatch.chdir(project / "records")  # git paths are the repository's, from its top
    _, findings, _ = lint(capsys, "--rev", "HEAD", ".")
    assert by_file(findings) == {
        "records/r.yaml": ["A001", "S003", "T001"],
        "records/sub/s.yaml": ["A001"],
    }


def test_each_folder_and_each_configuration_file_is_read_once(project, capsys, monkeypatch):
    """10,000 records in a folder must not cost 10,000 searches for their configuration."""
    for number in range(30):
        shutil.copy(project / "records" / "r.yaml", project / "records" / f"r{number}.yaml")
        shutil.copy(project / "records" / "r.yaml", project / "records" / "sub" / f"s{number}.yaml")
    (project / "records" / "sub" / ".trialint.toml").write_text('select = ["A"]\n')
    (project / ".trialint.toml").write_text('select = ["S"]\n')
    looked_in, loaded = [], []
    config_in, load_config = config_module._config_in, config_module.load_config
    monkeypatch.setattr(config_module, "_config_in", lambda f: looked_in.append(f) or config_in(f))
    counted = lambda p: loaded.append(p) or load_config(p)  # noqa: E731
    # The run's own file is read where the run's configuration is put together.
    for module in (config_module, run_configuration):
        monkeypatch.setattr(module, "load_config", counted)
    _, findings, _ = lint(capsys, "--jobs", "1", "records")
    assert len(by_file(findings)) == 62
    assert sorted(path.relative_to(project).as_posix() for path in loaded) == [
        ".trialint.toml", "records/sub/.trialint.toml"
    ]  # fmt: skip
    # Each folder once for the records, and the top once more for the run's own settings.
    inside = [folder.relative_to(project).as_posix() for folder in looked_in
              if folder.is_relative_to(project)]  # fmt: skip
    assert sorted(inside) == [".", ".", "records", "records/sub"]


def test_a_folders_words_stay_its_own_when_processes_share_a_large_run(tmp_path, capsys,
                                                                         monkeypatch):  # fmt: skip
    """The process pool (a run of 64 files or more) builds each folder's settings from the
    context as given, not from the run's own configuration's, whose words a nested
    configuration does not inherit (as in a run of a few files)."""
    good = (runner.Path(__file__).parent / "fixtures" / "good" / "NCT01234567.yaml").read_text(
        encoding="utf-8"
    )
    misspelt = good.replace("Exercise Training", "Exercise Trainning")
    (tmp_path / ".trialint.toml").write_text('words-file = "words.txt"\n', encoding="utf-8")
    (tmp_path / "words.txt").write_text("Trainning\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / ".trialint.toml").write_text('extend-select = ["T"]\n', encoding="utf-8")
    for number in range(runner.PARALLEL_FROM):
        (tmp_path / f"top{number:02}.yaml").write_text(misspelt, encoding="utf-8")
    (sub / "s.yaml").write_text(misspelt, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, alone, _ = lint(capsys, "--jobs", "1", ".")
    _, shared, _ = lint(capsys, "--jobs", "2", ".")
    assert shared == alone
    assert {f["file"] for f in alone if f["code"] == "T001"} == {"sub/s.yaml"}
