"""What a lint run gives its reports: each file's findings as soon as the file is checked, in
the order of the inputs, and counts at the end.

A registry has hundreds of thousands of files: a run that kept every finding and every quoted
line until the end would grow with the registry (0.4 GB at 100,000 studies). Reports take a
:class:`FileReport` at a time and let it go; the :class:`RunSummary` keeps counts, never
findings. :class:`LintResult` gathers a whole run in memory, for the Python API, ``fix`` and
the tests, where runs are small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from trialint.document.load import format_of
from trialint.finding import Finding
from trialint.rule import Severity


@dataclass(slots=True)
class FileReport:
    """One input's outcome: its findings (in order of line, column and rule), the text of the
    lines they point at, and what stopped it being checked, if anything (``errors``: reasons,
    without the path). ``counted``: trialint tried to check it (a path that names nothing is
    not a file); ``passed_over``: a search found it and it holds no study."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    quoted_lines: dict[int, str] = field(default_factory=dict)
    studies: int = 0
    in_collection: bool = False  # several studies: reports name the study of each finding
    errors: list[str] = field(default_factory=list)
    counted: bool = True
    passed_over: bool = False
    # Findings not shown, which SARIF keeps as suppressed results (code scanning expects
    # them): those a '# trialint: ignore' comment silences, and those the baseline lists.
    # They travel with their file, so a run holds no more of them than of shown findings.
    suppressed: list[Finding] = field(default_factory=list)
    baselined: list[Finding] = field(default_factory=list)
    # A large JSON list or API page is reported in parts, a study at a time, so that its
    # findings are never all held: ``part`` numbers them from 0 (the part that opens the
    # file), ``more`` says that another part of the same file follows.
    part: int = 0
    more: bool = False

    @property
    def fixes_apply(self) -> bool:
        """Whether ``--fix`` can apply its findings' fixes: only YAML files of one study are
        rewritten (the registry's JSON is reported as it is)."""
        return not self.in_collection and format_of(self.path) == "yaml"

    def error_lines(self) -> Iterator[str]:
        """The errors as one-line messages naming the file (``path: reason``)."""
        return (f"{self.path}: {reason}" for reason in self.errors)

    @property
    def hidden_by_baseline(self) -> int:
        return len(self.baselined)


@dataclass
class RunSummary:
    """Counts of a whole run: what the closing line and the exit code need."""

    files: int = 0
    studies: int = 0
    severities: Counter[Severity] = field(default_factory=Counter)
    safe_fixes: int = 0  # findings --fix would correct
    unsafe_fixes: int = 0  # and those only --unsafe-fixes would
    hidden_by_baseline: int = 0
    errors: list[str] = field(default_factory=list)  # few: what could not be checked
    passed_over: list[str] = field(default_factory=list)

    def add(self, report: FileReport) -> None:
        if report.passed_over:
            self.passed_over.append(report.path)
            return
        self.files += report.counted and not report.part
        self.studies += report.studies
        self.hidden_by_baseline += report.hidden_by_baseline
        self.errors.extend(report.error_lines())
        fixable_file = report.fixes_apply
        for finding in report.findings:
            self.severities[finding.level] += 1
            fix = finding.fix
            if fixable_file and fix is not None and fix.applicable:
                self.safe_fixes += fix.safe
                self.unsafe_fixes += not fix.safe

    def merge(self, other: RunSummary) -> None:
        """Add the counts of another part of the run (a cluster's partition, counted where it
        was checked)."""
        self.files += other.files
        self.studies += other.studies
        self.severities.update(other.severities)
        self.safe_fixes += other.safe_fixes
        self.unsafe_fixes += other.unsafe_fixes
        self.hidden_by_baseline += other.hidden_by_baseline
        self.errors.extend(other.errors)
        self.passed_over.extend(other.passed_over)

    @property
    def findings(self) -> int:
        return sum(self.severities.values())


@dataclass
class LintResult:
    """A whole run in memory: every finding, in the order of the inputs."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what stopped a file being checked at all
    files: int = 0
    studies: int = 0
    paths: list[str] = field(default_factory=list)  # each file checked, as displayed, in order
    # The text of each line a finding points at, for reports that quote it; only these lines
    # are kept, not whole files.
    quoted_lines: dict[tuple[str, int], str] = field(default_factory=dict)
    # Files holding several studies (a JSON list or API page): reports name the study too.
    collections: set[str] = field(default_factory=set)
    suppressed: list[Finding] = field(default_factory=list)  # as FileReport's
    baselined: list[Finding] = field(default_factory=list)
    # Files a folder search found that are no study (named under --verbose).
    passed_over: list[str] = field(default_factory=list)

    @classmethod
    def gather(cls, reports: Iterable[FileReport]) -> LintResult:
        result = cls()
        for report in reports:
            result.add(report)
        return result

    def add(self, report: FileReport) -> None:
        if report.passed_over:
            self.passed_over.append(report.path)
            return
        if report.counted and not report.part:
            self.files += 1
            self.paths.append(report.path)
        self.findings.extend(report.findings)
        self.errors.extend(report.error_lines())
        self.studies += report.studies
        self.suppressed.extend(report.suppressed)
        self.baselined.extend(report.baselined)
        if report.in_collection:
            self.collections.add(report.path)
        path = report.path
        self.quoted_lines.update(((path, line), text) for line, text in report.quoted_lines.items())

    @property
    def hidden_by_baseline(self) -> int:
        return len(self.baselined)

    def file_reports(self) -> list[FileReport]:
        """The result as reports take it: a report per file, in the order of ``paths`` (then
        of any other file a finding or an error names), each error with its file."""
        reports: dict[str, FileReport] = {
            path: FileReport(path, in_collection=path in self.collections) for path in self.paths
        }

        def of(path: str) -> FileReport:
            if path not in reports:
                reports[path] = FileReport(path, counted=False)
            return reports[path]

        for findings, kept_in in (
            (self.findings, "findings"), (self.suppressed, "suppressed"),
            (self.baselined, "baselined"),
        ):  # fmt: skip
            for finding in findings:
                report = of(finding.path)
                getattr(report, kept_in).append(finding)
                line = finding.span.line
                if (finding.path, line) in self.quoted_lines:
                    report.quoted_lines[line] = self.quoted_lines[(finding.path, line)]
        for error in self.errors:
            path, reason = split_error(error, self.paths)
            of(path).errors.append(reason)
        return list(reports.values())

    def summary(self, reports: Iterable[FileReport] | None = None) -> RunSummary:
        """The run's counts; ``reports`` are its ``file_reports()``, if already made."""
        summary = RunSummary(passed_over=list(self.passed_over))
        for report in self.file_reports() if reports is None else reports:
            summary.add(report)
        summary.files, summary.studies = self.files, self.studies
        return summary


def split_error(error: str, paths: Iterable[str]) -> tuple[str, str]:
    """``(path, reason)`` of an error line (``path: reason``); the longest checked path that
    prefixes it wins (a path may itself hold ``": "``), else the text before the first one."""
    matches = [path for path in paths if error.startswith(f"{path}: ")]
    if matches:
        path = max(matches, key=len)
        return path, error[len(path) + 2 :]
    path, _, reason = error.partition(": ")
    return path, reason
