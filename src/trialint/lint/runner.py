"""Lint inputs: load each one, check its studies, and hand on each file's report as it is done.

Many inputs are shared among worker processes (a registry has hundreds of thousands); a few,
as a pre-commit run passes, are checked in this process, which starts faster. Either way the
reports come in the order of the inputs, and a run holds only the files in flight: the
reports of a large run are written as they come (see ``trialint.lint.outcome``).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from trialint.config import Config, Configurations, Selection
from trialint.document.load import format_of, holds_no_study, load_bytes, read_in_parts
from trialint.document.model import LoadedFile, SourceFile
from trialint.document.problems import TOO_DEEP
from trialint.finding import FILE_START, Finding, Span
from trialint.lint.baseline import Baseline, BaselineMatch
from trialint.lint.catalog import build_catalog
from trialint.lint.engine import Context, Engine
from trialint.lint.outcome import FileReport, LintResult
from trialint.lint.schema import SchemaCheck
from trialint.lint.suppressions import apply_suppressions, find_suppressions
from trialint.resources import study_schema
from trialint.rule import RuleSet
from trialint.sources.inputs import Input, Inputs, open_paths, open_revision
from trialint.sources.paths import Exclusions
from trialint.sources.problems import InputError, InputProblem

if TYPE_CHECKING:
    from concurrent.futures import Future

    from trialint.document.stream import Checkpoint

# Below this many files a process pool costs more (start-up, imports) than it saves.
PARALLEL_FROM = 64
_CHUNK = 32
# Batches given to the pool ahead of the one being reported, per process: enough to keep
# every process busy, few enough that a run holds only the files in flight.
_AHEAD_PER_JOB = 4

_Item = Input | InputProblem


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_WORKER: Linter | None = None


def _start_worker(context: Context, config: Config) -> None:
    global _WORKER  # one linter per worker process, built once
    _WORKER = Linter(context, config)


def _lint_batch(items: Sequence[_Item]) -> list[FileReport]:
    assert _WORKER is not None
    return [_WORKER.lint_item(item) for item in items]


class Settings:
    """What one configuration decides, built once for every record it applies to: the rules
    (with its rule packs), which of them run and how, and the engine that runs them."""

    def __init__(self, context: Context, config: Config) -> None:
        self.config = config
        self.context = replace(context, words=context.words | config.curator_words())
        catalog = build_catalog(config.rule_packs)
        self.rules: RuleSet = catalog.rules
        self.selection = Selection.resolve(config, catalog.rules)
        self.engine = Engine(self.context, catalog.checks, self.selection.is_selected)


class Linter:
    """Everything built once per process (the schema, the rules, the configuration) and reused
    for every file.

    ``config`` is the run's: its baseline and, unless it is ``per_folder``, how every record
    is checked. When it is, each record is checked with the configuration nearest above it
    (``config.Configurations``), whose :class:`Settings` are built once, at its first record;
    ``rules``, ``selection`` and ``engine`` are the run's own configuration's."""

    def __init__(self, context: Context | None = None, config: Config | None = None) -> None:
        self.config = config or Config()
        # As given, before any configuration's words join it: each configuration's settings
        # add their own (``Settings``), so a linter built elsewhere from it is this one.
        self.base_context = context or Context()
        self.configurations = Configurations(self.config)
        own = Settings(self.base_context, self.config)
        self._settings: dict[Path | None, Settings] = {self.config.source: own}
        self.context, self.rules, self.selection, self.engine = (
            own.context, own.rules, own.selection, own.engine
        )  # fmt: skip
        self.schema = SchemaCheck(study_schema())
        self.baseline = Baseline.load(self.config.baseline) if self.config.baseline else None

    def settings_for(self, location: str | None) -> Settings:
        """The settings of the record at ``location`` (a path on disk; None: the run's). A
        configuration file that cannot be used raises ConfigError, which ends the run."""
        config = self.configurations.for_file(location)
        settings = self._settings.get(config.source)
        if settings is None:
            settings = self._settings[config.source] = Settings(self.base_context, config)
        return settings

    def exclusions(self) -> Exclusions:
        """What folder searches pass over: each folder by its configuration."""
        return self.configurations.exclusions()

    def lint_paths(
        self, arguments: Iterable[str], jobs: int = 1, stdin: tuple[str, bytes] | None = None
    ) -> LintResult:
        """The whole run of :meth:`check_paths`, gathered in memory."""
        return LintResult.gather(self.check_paths(arguments, jobs, stdin))

    def lint_revision(self, rev: str, paths: Sequence[str]) -> LintResult:
        """The whole run of :meth:`check_revision`, gathered in memory."""
        return LintResult.gather(self.check_revision(rev, paths))

    def baseline_match(self) -> BaselineMatch | None:
        """A run's use of the baseline (None without one): pass it to :meth:`check_paths` or
        :meth:`check_revision` to learn, after the run, which entries are stale."""
        return self.baseline.match(self.selection.selected) if self.baseline else None

    def check_paths(
        self,
        arguments: Iterable[str],
        jobs: int = 1,
        stdin: tuple[str, bytes] | None = None,
        baseline: BaselineMatch | None = None,
    ) -> Iterator[FileReport]:
        """Each file's report, in order: files, folders and zip archives (member by member, as
        the registry's download comes), and ``stdin`` (its name and bytes) where an argument
        is ``-``; ``jobs`` > 1 shares a large run among processes. The baseline hides what it
        lists, through ``baseline`` when given (default: a match of the run's own)."""
        exclusions = self.exclusions()
        with open_paths(list(arguments), exclusions=exclusions, stdin=stdin) as inputs:
            yield from self._reports(inputs, jobs, baseline)

    def check_revision(
        self, rev: str, paths: Sequence[str], baseline: BaselineMatch | None = None
    ) -> Iterator[FileReport]:
        """Each report of the record files of ``paths`` (files or folders, as typed; the whole
        tree when empty) as git revision ``rev`` has them, without checking it out: each file
        is named by its path in the repository, so that a baseline, per-file-ignores and
        exclude patterns apply as to the files on disk (.gitignore as the work tree has it).
        Configuration files are those of the work tree, not the revision's (as ruff reads
        them): a revision is judged by today's rules."""
        from trialint.sources.git import as_git_path, toplevel  # only --rev runs git

        try:
            repo = toplevel(Path.cwd())
            named = [as_git_path(repo, path) for path in paths]
            inputs = open_revision(repo, rev, named, exclusions=self.exclusions(), prefix="")
        except InputError as error:
            yield self.lint_item(error.problem)
            return
        with inputs:
            yield from self._reports(inputs, 1, baseline)

    def _reports(
        self, inputs: Inputs, jobs: int, baseline: BaselineMatch | None
    ) -> Iterator[FileReport]:
        """The reports of ``inputs`` in order, the baseline's findings hidden."""
        match = baseline or self.baseline_match()
        for report in self._checked(_listed(inputs), jobs):
            if match is not None:
                match.apply(report)
            yield report

    def _checked(self, items: Iterator[_Item], jobs: int) -> Iterator[FileReport]:
        first = list(islice(items, PARALLEL_FROM))
        if jobs <= 1 or len(first) < PARALLEL_FROM:
            for item in chain(first, items):
                yield from self.reports_of(item)
            return
        from concurrent.futures import ProcessPoolExecutor  # only large runs pay for it

        batches = _batches(chain(first, items), _CHUNK)
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(self.base_context, self.config)
        ) as pool:
            pending: deque[Future[list[FileReport]]] = deque()
            for batch in islice(batches, jobs * _AHEAD_PER_JOB):
                pending.append(pool.submit(_lint_batch, batch))
            while pending:
                reports = pending.popleft().result()
                following = next(batches, None)
                if following is not None:
                    pending.append(pool.submit(_lint_batch, following))
                yield from reports

    def lint_item(self, item: _Item) -> FileReport:
        """One input's report, whole (a worker process sends it back at once); one that
        cannot be listed or read is an error for it."""
        return _joined(list(self.reports_of(item)))

    def reports_of(self, item: _Item) -> Iterator[FileReport]:
        """One input's report; that of a large JSON list or API page in parts, a study at a
        time, as ``document.stream`` reads it (see ``FileReport.part``), so that neither its
        studies nor its findings are ever all held."""
        if isinstance(item, InputProblem):
            yield FileReport(item.where, errors=[item.message], counted=False)
            return
        settings = self.settings_for(item.location)
        if read_in_parts(item):
            parts = self._collection_reports(item, settings)
            if parts is not None:
                yield from parts
                return
        try:
            data = item.read()
        except InputError as error:
            yield FileReport(item.name, errors=[error.problem.message])
            return
        yield self._lint_bytes(data, item.name, item.found, settings)

    def lint_bytes(
        self, data: bytes, display: str, *, found: bool = False, location: str | None = None
    ) -> FileReport:
        """Lint a file's bytes (read from any input, or a fix's next text, judged without
        writing it anywhere), its format told by the suffix of its name, with the
        configuration of ``location`` (by default ``display``, the file's path). A file
        ``found`` by a folder search that is no study at all (a pre-commit configuration, a
        rule pack, a baseline) is passed over without a finding; one named on the command
        line is reported (F009)."""
        settings = self.settings_for(display if location is None else location)
        return self._lint_bytes(data, display, found, settings)

    def _lint_bytes(self, data: bytes, display: str, found: bool, settings: Settings) -> FileReport:
        report = FileReport(display)
        with self._guarded(report, FILE_START):
            loaded = load_bytes(data, display, format_of(display))
            if found and holds_no_study(loaded):
                report.passed_over = True
            else:
                self._check_into(report, loaded, settings)
        return report

    def lint_text(self, data: bytes, display: str, *, found: bool = False) -> FileReport:
        """:meth:`lint_bytes`, with the findings the baseline lists hidden: a text judged as
        the file it stands for (a fix's next text, an editor's unsaved buffer)."""
        report = self.lint_bytes(data, display, found=found)
        if self.baseline is not None and report.findings:
            report.findings, report.baselined = self.baseline.hide(report.findings)
        return report

    def _collection_reports(self, item: Input, settings: Settings) -> Iterator[FileReport] | None:
        """The parts of a large collection's report; None when the file is no list or page
        (it is then read whole, as any file)."""
        from trialint.document.stream import open_collection  # only large files need it

        try:
            opened = open_collection(item)
        except InputError as error:
            return iter([FileReport(item.name, errors=[error.problem.message])])
        if opened is None:
            return None
        return self._parts(*opened, item, settings)

    def _parts(
        self, stream: BinaryIO, elements: Iterator[LoadedFile], item: Input, settings: Settings
    ) -> Iterator[FileReport]:
        with stream:
            checked = self._element_reports(elements, item, settings)
            yield from numbered(held_until_a_study(checked, item), item.name)

    def _element_reports(
        self, elements: Iterator[LoadedFile], item: Input, settings: Settings
    ) -> Iterator[ElementReport]:
        """A report per element, and whether the element holds no study."""
        for loaded in elements:
            report = FileReport(item.name)
            where = FILE_START if loaded.source is None else loaded.source.line_index.span(0, 0)
            with self._guarded(report, where):
                self._check_into(report, loaded, settings)
            yield report, holds_no_study(loaded)

    def slice_reports(
        self, item: Input, start: Checkpoint | None, end: Checkpoint | None, *, first: bool
    ) -> list[ElementReport] | FileReport:
        """The reports of a slice of a large collection (a cluster's share of one file): its
        elements from the one at ``start`` (the file's first slice: from its start) to the
        one at ``end`` (None: to the file's end), read from there (``document.stream``); not
        yet numbered nor held (:func:`held_until_a_study`, :func:`numbered`: the client does
        that over the slices in order). The first slice also gives what a file that is no
        collection, or cannot be opened, gives: its whole report. A slice after the first
        without a ``start`` holds no element (the file ends before it): nothing."""
        from trialint.document.stream import open_collection, read_slice

        until = end.offset if end is not None else None
        try:
            if first:
                opened = open_collection(item, until)
                if opened is None:
                    return self.lint_item(item)
                stream, elements = opened
            elif start is None:
                return []
            else:
                stream = item.open()
                elements = read_slice(stream, item.name, start, until)
        except InputError as error:
            return FileReport(item.name, errors=[error.problem.message]) if first else []
        with stream:
            return list(self._element_reports(elements, item, self.settings_for(item.location)))

    @contextmanager
    def _guarded(self, report: FileReport, where: Span) -> Iterator[None]:
        """What goes wrong while a file or part is checked becomes its report: a value nested
        too deeply (at ``where``), or an internal error."""
        try:
            yield
        except RecursionError:
            report.findings = [
                Finding(TOO_DEEP, "values nested too deeply to check", report.path, where)
            ]
        except Exception as error:
            report.errors = [
                f"internal error: {type(error).__name__}: {error} (please report this with "
                "the file)"
            ]

    def _check_into(self, report: FileReport, loaded: LoadedFile, settings: Settings) -> None:
        """The findings of ``loaded`` (configured, in order) and the lines they quote."""
        found = self._check(loaded, report.path, settings.engine)
        findings, suppressed = self._configured(found, loaded.source, report.path, settings)
        findings.sort(key=Finding.sort_key)
        suppressed.sort(key=Finding.sort_key)
        report.findings, report.suppressed = findings, suppressed
        report.studies = len(loaded.studies)
        report.in_collection = any(study.in_collection for study in loaded.studies)
        if loaded.source is not None:
            source = loaded.source
            report.quoted_lines = {
                f.span.line: source.line(f.span.line) for f in chain(findings, suppressed)
            }

    def configure(
        self,
        findings: list[Finding],
        source: SourceFile | None,
        display: str,
        settings: Settings | None = None,
    ) -> list[Finding]:
        """Selection, per-file ignores, inline suppressions, severities: in that order, as
        ``settings`` say (by default the run's own configuration's)."""
        return self._configured(findings, source, display, settings)[0]

    def _configured(
        self,
        findings: list[Finding],
        source: SourceFile | None,
        display: str,
        settings: Settings | None = None,
    ) -> tuple[list[Finding], list[Finding]]:
        """``configure``'s findings, and those an inline suppression silenced (at their
        configured severity too)."""
        settings = settings or self._settings[self.config.source]
        selection = settings.selection
        ignored = selection.ignored_in(display)
        findings = [
            f for f in findings if selection.is_selected(f.rule) and f.rule.code not in ignored
        ]
        suppressed: list[Finding] = []
        if source is not None and source.format == "yaml":
            suppressions = find_suppressions(source.text)
            if suppressions:
                findings, suppressed = apply_suppressions(
                    findings, suppressions, settings.rules, display
                )
                findings = [f for f in findings if selection.is_selected(f.rule)]
        return _leveled(findings, selection), _leveled(suppressed, selection)

    def _check(self, loaded: LoadedFile, display: str, engine: Engine) -> list[Finding]:
        findings = [
            Finding(problem.rule, problem.message, display, problem.span)
            for problem in loaded.problems
        ]
        for study in loaded.studies:
            findings.extend(self.schema.check(study))
            findings.extend(engine.run(study))
        return findings


def _listed(inputs: Inputs) -> Iterator[_Item]:
    """The inputs, and the listing's own failure (git ls-tree) as a last problem."""
    try:
        yield from inputs
    except InputError as error:
        yield error.problem


# An element's report, and whether the element holds no study.
ElementReport = tuple[FileReport, bool]


def held_until_a_study(reports: Iterable[ElementReport], item: Input) -> Iterator[FileReport]:
    """The element reports of a collection. One a search ``found`` is passed over, as a whole
    file would be, while its elements are all no study: their reports wait until one is."""
    waiting: list[FileReport] | None = [] if item.found else None
    for report, no_study in reports:
        if waiting is not None:
            if no_study:
                waiting.append(report)
                continue
            yield from waiting
            waiting = None
        yield report
    if waiting:
        yield FileReport(item.name, passed_over=True)


def numbered(reports: Iterator[FileReport], path: str) -> Iterator[FileReport]:
    """The reports of one file's parts, numbered, each but the last saying that more follow
    (one report, empty, for a file with none)."""
    previous: FileReport | None = None
    for number, report in enumerate(reports):
        report.part = number
        if previous is not None:
            previous.more = True
            yield previous
        previous = report
    yield previous if previous is not None else FileReport(path)


def _joined(parts: list[FileReport]) -> FileReport:
    """One file's parts as one report."""
    whole = parts[0]
    for part in parts[1:]:
        whole.findings.extend(part.findings)
        whole.suppressed.extend(part.suppressed)
        whole.baselined.extend(part.baselined)
        whole.quoted_lines.update(part.quoted_lines)
        whole.studies += part.studies
        whole.in_collection |= part.in_collection
        whole.errors.extend(part.errors)
    whole.more = False
    return whole


def _batches(items: Iterator[_Item], size: int) -> Iterator[list[_Item]]:
    while batch := list(islice(items, size)):
        yield batch


def _leveled(findings: list[Finding], selection: Selection) -> list[Finding]:
    """The findings at the severities the configuration gives their rules."""
    levels = selection.severity
    if not levels:
        return findings
    return [replace(f, severity=levels[f.rule.code]) if f.rule.code in levels else f
            for f in findings]  # fmt: skip
