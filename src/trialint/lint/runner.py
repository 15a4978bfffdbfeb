"""Lint files: load each one, check its studies, collect findings and fatal errors.

Many files are shared among worker processes (a registry has hundreds of thousands); a few,
as a pre-commit run passes, are checked in this process, which starts faster.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from trialint.config import Config, Selection
from trialint.document.load import format_of, holds_no_study, load_bytes
from trialint.document.model import LoadedFile, SourceFile
from trialint.document.problems import TOO_DEEP
from trialint.finding import FILE_START, Finding
from trialint.lint.baseline import Baseline
from trialint.lint.catalog import build_catalog
from trialint.lint.engine import Context, Engine
from trialint.lint.schema import SchemaCheck
from trialint.lint.suppressions import apply_suppressions, find_suppressions
from trialint.resources import study_schema
from trialint.sources.git import as_git_path, toplevel
from trialint.sources.inputs import Input, Inputs, open_paths, open_revision
from trialint.sources.problems import InputError, InputProblem


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what stopped a file being checked at all
    files: int = 0
    studies: int = 0
    paths: list[str] = field(default_factory=list)  # each file checked, as displayed, in order
    # The text of each line a finding points at, for reports that quote it; only these lines
    # are kept, not whole files, so a registry-wide run stays small.
    quoted_lines: dict[tuple[str, int], str] = field(default_factory=dict)
    # Files holding several studies (a JSON list or API page): reports name the study too.
    collections: set[str] = field(default_factory=set)
    hidden_by_baseline: int = 0
    # Files a folder search found that are no study (named under --verbose).
    passed_over: list[str] = field(default_factory=list)

    def merge(self, other: LintResult) -> None:
        self.findings.extend(other.findings)
        self.errors.extend(other.errors)
        self.files += other.files
        self.paths.extend(other.paths)
        self.studies += other.studies
        self.quoted_lines.update(other.quoted_lines)
        self.collections |= other.collections
        self.passed_over.extend(other.passed_over)


# Below this many files a process pool costs more (start-up, imports) than it saves.
PARALLEL_FROM = 64
_CHUNK = 32


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_WORKER: Linter | None = None


def _start_worker(context: Context, config: Config) -> None:
    global _WORKER  # one linter per worker process, built once
    _WORKER = Linter(context, config)


def _lint_chunk(inputs: Sequence[Input]) -> LintResult:
    assert _WORKER is not None
    result = LintResult()
    for item in inputs:
        _WORKER.lint_input(item, result)
    return result


class Linter:
    """Everything built once per process (the schema, the rules, the configuration) and reused
    for every file."""

    def __init__(self, context: Context | None = None, config: Config | None = None) -> None:
        self.config = config or Config()
        context = context or Context()
        self.context = replace(context, words=context.words | self.config.curator_words())
        catalog = build_catalog(self.config.rule_packs)
        self.rules = catalog.rules
        self.selection = Selection.resolve(self.config, catalog.rules)
        self.schema = SchemaCheck(study_schema())
        self.engine = Engine(self.context, catalog.checks, self.selection.is_selected)
        self.baseline = Baseline.load(self.config.baseline) if self.config.baseline else None

    def lint_paths(
        self, arguments: Iterable[str], jobs: int = 1, stdin: tuple[str, bytes] | None = None
    ) -> LintResult:
        """Lint files, folders and zip archives (member by member, as the registry's download
        comes), and ``stdin`` (its name and bytes) where an argument is ``-``; ``jobs`` > 1
        shares a large run among processes."""
        exclusions = self.config.exclusions()
        with open_paths(list(arguments), exclusions=exclusions, stdin=stdin) as inputs:
            return self._lint_inputs(inputs, jobs)

    def lint_revision(self, rev: str, paths: Sequence[str]) -> LintResult:
        """Lint the record files of ``paths`` (files or folders, as typed; the whole tree when
        empty) as git revision ``rev`` has them, without checking it out: each file is named
        by its path in the repository, so that a baseline, per-file-ignores and exclude
        patterns apply as to the files on disk (.gitignore as the work tree has it)."""
        try:
            repo = toplevel(Path.cwd())
            named = [as_git_path(repo, path) for path in paths]
            inputs = open_revision(repo, rev, named, exclusions=self.config.exclusions(), prefix="")
        except InputError as error:
            return LintResult(errors=[str(error)])
        with inputs:
            return self._lint_inputs(inputs, jobs=1)

    def _lint_inputs(self, inputs: Inputs, jobs: int) -> LintResult:
        result = LintResult()
        listed: list[Input] = []
        try:
            for item in inputs:
                if isinstance(item, InputProblem):
                    result.errors.append(str(item))
                else:
                    listed.append(item)
        except InputError as error:  # the listing itself failed (git ls-tree)
            result.errors.append(str(error))
        if jobs > 1 and len(listed) >= PARALLEL_FROM:
            from concurrent.futures import ProcessPoolExecutor  # only large runs pay for it

            chunks = [listed[i : i + _CHUNK] for i in range(0, len(listed), _CHUNK)]
            with ProcessPoolExecutor(
                max_workers=jobs, initializer=_start_worker, initargs=(self.context, self.config)
            ) as pool:
                for partial in pool.map(_lint_chunk, chunks):
                    result.merge(partial)
        else:
            for item in listed:
                self.lint_input(item, result)
        if self.baseline is not None:
            result.findings, result.hidden_by_baseline = self.baseline.hide(result.findings)
        result.findings.sort(key=Finding.sort_key)
        return result

    def lint_input(self, item: Input, result: LintResult) -> None:
        """Lint one input; one that cannot be read is an error line, and counts as a file."""
        try:
            data = item.read()
        except InputError as error:
            self._count(item.name, result)
            result.errors.append(str(error))
            return
        self.lint_bytes(data, item.name, result, found=item.found)

    def lint_bytes(
        self, data: bytes, display: str, result: LintResult, *, found: bool = False
    ) -> None:
        """Lint a file's bytes (read from any input, or a fix's next text, judged without
        writing it anywhere), its format told by the suffix of its name. A file ``found`` by a
        folder search that is no study at all (a pre-commit configuration, a rule pack, a
        baseline) is passed over without a finding; one named on the command line is reported
        (F009)."""
        counted = False
        try:
            loaded = load_bytes(data, display, format_of(display))
            if found and holds_no_study(loaded):
                result.passed_over.append(display)
                return
            counted = self._count(display, result)
            findings = self.configure(self._check(loaded, display), loaded.source, display)
            result.studies += len(loaded.studies)
            if any(study.in_collection for study in loaded.studies):
                result.collections.add(display)
            result.findings.extend(findings)
            if loaded.source is not None:
                for finding in findings:
                    line = finding.span.line
                    result.quoted_lines[(display, line)] = loaded.source.line(line)
        except RecursionError:
            counted = counted or self._count(display, result)
            result.findings.append(
                Finding(TOO_DEEP, "values nested too deeply to check", display, FILE_START)
            )
        except Exception as error:
            counted = counted or self._count(display, result)
            result.errors.append(
                f"{display}: internal error: {type(error).__name__}: {error} "
                "(please report this with the file)"
            )

    @staticmethod
    def _count(display: str, result: LintResult) -> bool:
        result.files += 1
        result.paths.append(display)
        return True

    def configure(
        self, findings: list[Finding], source: SourceFile | None, display: str
    ) -> list[Finding]:
        """Selection, per-file ignores, inline suppressions, severities: in that order."""
        ignored = self.selection.ignored_in(display)
        findings = [
            f for f in findings if self.selection.is_selected(f.rule) and f.rule.code not in ignored
        ]
        if source is not None and source.format == "yaml":
            suppressions = find_suppressions(source.text)
            if suppressions:
                findings = apply_suppressions(findings, suppressions, self.rules, display)
                findings = [f for f in findings if self.selection.is_selected(f.rule)]
        levels = self.selection.severity
        if levels:
            findings = [replace(f, severity=levels[f.rule.code]) if f.rule.code in levels else f
                        for f in findings]  # fmt: skip
        return findings

    def _check(self, loaded: LoadedFile, display: str) -> list[Finding]:
        findings = [
            Finding(problem.rule, problem.message, display, problem.span)
            for problem in loaded.problems
        ]
        for study in loaded.studies:
            findings.extend(self.schema.check(study))
            findings.extend(self.engine.run(study))
        return findings
