"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit client.

``pre-commit try-repo`` installs this checkout into a fresh virtualenv, as a user's
``pre-commit install`` would. Tests run offline, so the packages come from a wheelhouse
that .ci/run downloads beforehand (``TRIALINT_WHEELHOUSE``, default ``.wheelhouse/``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import GOOD_RECORD, REPO

WHEELHOUSE = Path(os.environ.get("TRIALINT_WHEELHOUSE", REPO / ".wheelhouse"))
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _hook(hook_id: str) -> dict[str, object]:
    return next(hook for hook in HOOKS if hook["id"] == hook_id)


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("records/NCT01234567.yaml", True),
        ("NCT01234567.yml", True),
        ("registry/2024/NCT01234567.json", True),
        ("records/README.yaml", False),
        (".github/workflows/lint.yml", False),
        (".pre-commit-config.yaml", False),
        ("records/NCT0123456.yaml", False),
        ("records/xNCT01234567.yaml", False),
    ],
)
def test_the_lint_hook_matches_records_and_nothing_else(path: str, matched: bool) -> None:
    pattern = re.compile(str(_hook("trialint")["files"]))
    assert bool(pattern.search(path)) is matched


def test_the_fix_hook_only_touches_yaml_records() -> None:
    pattern = re.compile(str(_hook("trialint-fix")["files"]))
    assert pattern.search("records/NCT01234567.yaml")
    assert not pattern.search("records/NCT01234567.json")  # API JSON is not edited in place
    assert _hook("trialint-fix")["entry"] == "trialint lint --fix"


def test_hooks_run_trialint_in_one_process() -> None:
    assert all(hook["require_serial"] is True for hook in HOOKS)


needs_client = pytest.mark.skipif(
    shutil.which("git") is None
    or shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None
    or not any(WHEELHOUSE.glob("hatchling-*.whl")),
    reason=f"needs git, pre-commit and an offline wheelhouse at {WHEELHOUSE} "
    "(.ci/run downloads one; or set TRIALINT_WHEELHOUSE)",
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A user's registry repository, and the environment that keeps pre-commit offline."""
    root = tmp_path_factory.mktemp("registry")
    (root / "records").mkdir()
    shutil.copy(GOOD_RECORD, root / "records" / "NCT01234567.yaml")
    # Rules about "today" (overdue results) would make the good record's verdict depend on the
    # day the test runs; a registry adopting trialint would configure the same.
    (root / "pyproject.toml").write_text('[tool.trialint]\nignore = ["D"]\n', encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE.resolve()),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }  # fmt: skip
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=root, check=True, env=env)
    return root, env


def _try_repo(
    root: Path, env: dict[str, str], *files: str, hook: str = "trialint"
) -> subprocess.CompletedProcess[str]:
    pre_commit = Path(sys.executable).parent / "pre-commit"
    return subprocess.run(
        [str(pre_commit), "try-repo", str(REPO), hook, "--color", "never", "--files", *files],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@needs_client
def test_try_repo_passes_a_good_record(scratch: tuple[Path, dict[str, str]]) -> None:
    root, env = scratch
    run = _try_repo(root, env, "records/NCT01234567.yaml")
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"^trialint\.+Passed$", run.stdout, re.MULTILINE), run.stdout


@needs_client
def test_try_repo_fails_a_bad_record_and_names_the_finding(
    scratch: tuple[Path, dict[str, str]],
) -> None:
    root, env = scratch
    good = GOOD_RECORD.read_text(encoding="utf-8")
    bad = good.replace("overallStatus: COMPLETED", "overallStatus: COMPLETD")
    assert bad != good
    (root / "records" / "NCT07654321.yaml").write_text(
        bad.replace("NCT01234567", "NCT07654321"), encoding="utf-8"
    )
    subprocess.run(["git", "add", "."], cwd=root, check=True, env=env)
    run = _try_repo(root, env, "records/NCT01234567.yaml", "records/NCT07654321.yaml")
    assert run.returncode == 1, run.stdout + run.stderr
    assert re.search(r"^trialint\.+Failed$", run.stdout, re.MULTILINE), run.stdout
    assert "records/NCT07654321.yaml" in run.stdout
    assert "S003 'COMPLETD' is not a valid overallStatus" in run.stdout
    assert "records/NCT01234567.yaml:" not in run.stdout  # the good record has no finding


@needs_client
def test_the_fix_hook_corrects_a_typo_and_fails_as_pre_commit_expects(
    scratch: tuple[Path, dict[str, str]],
) -> None:
    root, env = scratch
    good = GOOD_RECORD.read_text(encoding="utf-8")
    typo = good.replace("* Revision surgery", "* Revision surgery or theraphy")
    assert typo != good
    record = root / "records" / "NCT07777777.yaml"
    record.write_text(typo.replace("NCT01234567", "NCT07777777"), encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=root, check=True, env=env)
    run = _try_repo(root, env, "records/NCT07777777.yaml", hook="trialint-fix")
    # pre-commit fails a hook that changed files, so the fix is reviewed before committing.
    assert run.returncode == 1, run.stdout + run.stderr
    assert "files were modified by this hook" in run.stdout
    fixed = good.replace("* Revision surgery", "* Revision surgery or therapy")
    assert record.read_text(encoding="utf-8") == fixed.replace("NCT01234567", "NCT07777777")
    again = _try_repo(root, env, "records/NCT07777777.yaml", hook="trialint-fix")
    assert again.returncode == 0, again.stdout + again.stderr
