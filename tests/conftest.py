"""Shared fixtures: the repository's paths, a linter built once, and small helpers."""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from trialint.finding import Finding
from trialint.lint.engine import Context
from trialint.lint.outcome import LintResult
from trialint.lint.runner import Linter

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD_RECORD = FIXTURES / "good" / "NCT01234567.yaml"
# The reference date of every test (what --today sets): just after the good record's last
# update, so that record is current. Rules about "today" never read the real clock in tests.
TODAY = date(2024, 3, 15)
# The findings a lint of the bundled records/ reports on TODAY: one count for the tests that
# run the same folder other ways (a cluster, a URL).
BUNDLED_FINDINGS = 47
GOOD_TEXT = GOOD_RECORD.read_text(encoding="utf-8")

# .ci/run's second run (the oldest releases pyproject.toml admits) sets TRIALINT_SKIP_CORPUS=1:
# the tests over the whole real-record corpus take most of a run's time, and they judge
# trialint's rules on real data, which the first run has judged with the same code.
CORPUS_SKIPPED = os.environ.get("TRIALINT_SKIP_CORPUS") == "1"
needs_shared = pytest.mark.skipif(
    CORPUS_SKIPPED or not (SHARED / "corpus").is_dir(),
    reason="TRIALINT_SKIP_CORPUS=1: the real-record tests run in another run"
    if CORPUS_SKIPPED
    else "../shared (the real-record corpus and the API spec) is not beside this checkout",
)


def load_script(name: str, folder: str = "scripts") -> ModuleType:
    """A script of scripts/ or bench/ (not part of the package) as a module, for its
    functions."""
    spec = importlib.util.spec_from_file_location(name, REPO / folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # as an import would: dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Context(today=TODAY))


@pytest.fixture
def lint_text(tmp_path: Path, linter: Linter):
    """Lint ``text`` written to a file called ``name``; returns the whole result."""

    def run(text: str | bytes, name: str = "record.yaml") -> LintResult:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return linter.lint_paths([str(path)])

    return run


def mutate(*replacements: tuple[str, str], text: str = GOOD_TEXT) -> str:
    """``text`` (the good record) with the first ``old`` of each pair replaced by ``new``; an
    ``old`` that is not there fails the test rather than leave the record unchanged."""
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def no_failure(result: LintResult) -> LintResult:
    """``result`` once it is known that nothing stopped a file being checked and that no check
    failed on a record (a failing check is a finding of its own, F012, not an error)."""
    assert result.errors == []
    assert [f.message for f in result.findings if f.rule.code == "F012"] == []
    return result


def family_findings(lint_text, text: str, prefix: str) -> list[Finding]:
    """The findings of one rule family (code prefix) in ``text``; nothing in it may have
    crashed a check."""
    result = no_failure(lint_text(text))
    return [f for f in result.findings if f.rule.code.startswith(prefix)]


def bundled_findings(linter: Linter, prefix: str) -> list[tuple[str, str, int, int]]:
    """One family's findings on the bundled records/, as (file name, code, line, column)."""
    result = no_failure(linter.lint_paths([str(REPO / "records")]))
    return [
        (f.path.rsplit("/", 1)[-1], f.rule.code, f.span.line, f.span.column)
        for f in result.findings
        if f.rule.code.startswith(prefix)
    ]


def only_family_finding(lint_text, text: str, prefix: str) -> Finding:
    [finding] = family_findings(lint_text, text, prefix)
    return finding


def codes(findings: list[Finding]) -> list[tuple[str, int, int]]:
    """Findings as (code, line, column): what a curator sees first."""
    return [(f.rule.code, f.span.line, f.span.column) for f in findings]


def position_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def lint_json(capsys, *args: str) -> tuple[int, list[dict], str]:
    """``trialint lint --format json ARGS`` at the tests' reference date: the exit code, the
    findings, and what went to stderr."""
    import json

    from trialint import cli

    code = cli.main(["lint", "--today", TODAY.isoformat(), "--format", "json", *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out or "[]"), captured.err


def corpus_hits(module: str) -> dict[str, int]:
    """Hits per rule of one family's checks over the real-record corpus, run on the parsed
    records directly (no positions needed): a guard on precision, read in the report."""
    import importlib
    import json
    from collections import Counter

    from trialint.lint.engine import Context, checks_in
    from trialint.lint.record import Record

    checks = checks_in(importlib.import_module(f"trialint.lint.checks.{module}"))
    counts: Counter[str] = Counter()
    for path in sorted((SHARED / "corpus" / "ctgov-v2").glob("*.json")):
        record = Record(json.loads(path.read_text(encoding="utf-8")))
        for registered in checks:
            counts.update(hit.rule.code for hit in registered.function(record, Context(TODAY)))
    return dict(counts)


@pytest.fixture(scope="module")
def dask_cluster():
    """A LocalCluster of two worker processes, one thread each, as a small real cluster is:
    what ``--scheduler`` and ``client=`` are tested against (``.scheduler_address``). One per
    test module, closed after it: its scheduler runs in this process, and its periodic work
    would count in the allocations later modules measure with tracemalloc."""
    distributed = pytest.importorskip(
        "distributed", reason="the cluster tests need the extra: pip install 'trialint[dask]'"
    )
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.fixture
def dask_client(dask_cluster):
    """A client of the session's cluster, closed after the test."""
    from distributed import Client

    with Client(dask_cluster) as client:
        yield client
