"""``trialint diff``: what changed between two versions of records, from the command line.

    trialint diff OLD NEW                 two files, folders or registry downloads (zip, list)
    trialint diff --rev A..B [PATH...]    two git revisions, read with git (no checkout)
    trialint diff --rev A [PATH...]       revision A against the files as they are now

Administrative changes are counted but not shown unless asked for; ``--only`` keeps one level.
Exit codes as ``trialint lint``: 0 no change shown, 1 changes (at least ``--fail-on``), 2 errors
(an input that could not be read: the diff is then incomplete, whatever it shows).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from trialint.cliargs import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    add_configuration_options,
    add_output_options,
    configuration,
    open_output,
)
from trialint.diff.significance import Significance

if TYPE_CHECKING:
    from trialint.diff.inputs import Side
    from trialint.diff.model import StudyDiff
    from trialint.diff.report import DiffOutcome
    from trialint.document.model import Study
    from trialint.finding import Finding
    from trialint.lint.runner import Linter
    from trialint.sources.paths import Exclusions

LEVELS = tuple(str(level) for level in Significance)


# The parser class of the caller's subcommands (the main command's subclass of ArgumentParser).
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def add_diff_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    diff = commands.add_parser(
        "diff",
        help="what changed between two versions of records (files, folders, git revisions)",
        description="Compare two versions of study records: two files, two folders or "
        "registry downloads (studies matched by nctId), or two git revisions (--rev A..B). "
        "List entries are matched by meaning (arms by label, sites by facility) and changes "
        "ranked major, minor or administrative.",
    )
    diff.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="OLD NEW; with --rev, the files or folders to compare (default: the whole tree)",
    )  # fmt: skip
    diff.add_argument(
        "--rev", metavar="A..B",
        help="compare git revisions A and B (A alone: A against the files as they are now)",
    )  # fmt: skip
    add_output_options(
        diff, ("text", "markdown", "json"), "text",
        "text (default), markdown (a pull-request comment) or json (one event per line)",
    )  # fmt: skip
    diff.add_argument(
        "--only", choices=LEVELS, default=None, help="show only the changes of this significance"
    )
    diff.add_argument(
        "--show-administrative", action="store_true",
        help="show administrative changes too (hidden by default, counted in the summary)",
    )  # fmt: skip
    diff.add_argument(
        "--verbose", "-v", action="store_true",
        help="list every change in text and Markdown, also when more than 10 entries of one "
        "list changed alike in a study (shown as one line, '25 sites added', by default; the "
        "JSON output always lists each)",
    )  # fmt: skip
    diff.add_argument(
        "--include-derived", action="store_true",
        help="also compare what the registry computes itself (derivedSection, versionHolder, "
        "post-date types); implies --show-administrative",
    )  # fmt: skip
    diff.add_argument(
        "--fail-on", choices=LEVELS, default=Significance.ADMINISTRATIVE.value,
        help="the least significance of a shown change that makes the exit code 1 "
        "(default: any change shown)",
    )  # fmt: skip
    diff.add_argument(
        "--lint", action="store_true",
        help="also report the history rules (H001-H005) over the versions compared; with "
        "--rev A..B, over every commit between A and B that changed the study; they obey the "
        "configuration (selection, severities, per-file-ignores, suppressions, baseline) as "
        "lint's rules do",
    )  # fmt: skip
    add_configuration_options(diff)
    diff.set_defaults(run=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    from trialint.diff.report import WRITERS, DiffOutcome
    from trialint.diff.snapshot import diff_sides
    from trialint.sources.problems import InputError

    try:
        old, new, repo, revisions = _open_sides(args)
    except (InputError, _UsageError) as error:
        print(f"trialint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    shown = _shown_levels(args)
    outcome = DiffOutcome(verbose=args.verbose)
    history = _History(repo, revisions, _linter(args)) if args.lint else None
    with ExitStack() as stack:
        stack.callback(old.close)
        stack.callback(new.close)
        snapshot = diff_sides(
            old, new, include_derived=args.include_derived,
            on_changed=history.add if history else None,
        )  # fmt: skip
        for diff in snapshot:
            _keep(outcome, diff, shown)
        summary = snapshot.summary
        problems = [*old.problems, *new.problems, *summary.problems]
    outcome.unchanged += summary.unchanged + (summary.compared - summary.changed)
    outcome.not_compared = summary.not_compared
    if history is not None:
        outcome.findings = history.findings()
    if args.output:
        with open_output(args.output) as report:
            WRITERS[args.output_format](outcome, report)
        WRITERS["text"](outcome, sys.stdout)
    else:
        WRITERS[args.output_format](outcome, sys.stdout)
    for problem in problems:
        print(f"trialint: error: {problem}", file=sys.stderr)
    if problems:
        return EXIT_ERROR
    return _exit_code(outcome, Significance(args.fail_on))


def _linter(args: argparse.Namespace) -> Linter:
    """The configuration the history rules obey: the nearest one, or --config, with the
    command line's selection over it."""
    from trialint.lint.engine import Context
    from trialint.lint.runner import Linter

    return Linter(Context(), configuration(args, fail_on_severity=False))


class _UsageError(Exception):
    """Arguments that name no diff (one path, three paths, a range without git)."""


def _open_sides(args: argparse.Namespace) -> tuple[Side, Side, Path | None, tuple[str, str]]:
    from trialint.diff.inputs import open_git, open_git_range, open_paths, split_range
    from trialint.sources.git import as_git_path, toplevel

    if args.rev is None:
        if len(args.paths) != 2:
            raise _UsageError(
                f"diff needs two paths, OLD and NEW (got {len(args.paths)}), or --rev A..B"
            )
        old_path, new_path = args.paths
        excluded = _exclusions(args)
        old = open_paths([old_path], exclusions=excluded)
        return old, open_paths([new_path], exclusions=excluded), None, ("", "")
    repo = toplevel(Path.cwd())
    paths = [as_git_path(repo, path) for path in args.paths]
    revisions = split_range(args.rev)
    excluded = _exclusions(args)
    if revisions is None:  # A against the working files
        old = open_git(repo, args.rev, paths, exclusions=excluded)
        try:
            new = open_paths(args.paths or [str(repo)], label="working tree", exclusions=excluded)
        except BaseException:
            old.close()
            raise
        return old, new, repo, (args.rev, "")
    old, new = open_git_range(repo, args.rev, paths, exclusions=excluded)
    return old, new, repo, revisions


def _exclusions(args: argparse.Namespace) -> Exclusions:
    """What folder searches pass over, as for lint: .gitignore and the exclude patterns of the
    configuration and the command line."""
    return configuration(args, fail_on_severity=False).exclusions()


def _shown_levels(args: argparse.Namespace) -> set[Significance]:
    if args.only:
        return {Significance(args.only)}
    if args.show_administrative or args.include_derived:
        return set(Significance)
    return {Significance.MAJOR, Significance.MINOR}


def _keep(outcome: DiffOutcome, diff: StudyDiff, shown: set[Significance]) -> None:
    """Keep the changes of the levels shown; count the others in the summary."""
    kept = [change for change in diff.changes if change.significance in shown]
    for change in diff.changes:
        if change.significance not in shown:
            outcome.hidden[str(change.significance)] += 1
    if kept:
        diff.changes = kept
        outcome.diffs.append(diff)
    else:
        outcome.unchanged += 1  # as far as what is shown goes


def _exit_code(outcome: DiffOutcome, fail_on: Significance) -> int:
    failing = any(change.significance.rank <= fail_on.rank for change in outcome.changes())
    return EXIT_FINDINGS if failing or outcome.findings else EXIT_CLEAN


class _History:
    """The versions of each changed study, for the history rules.

    Between two files or snapshots there are two versions. Between two git revisions, every
    commit in between that changed the study's file is a version too: a completion date that
    slipped twice in a month of commits shows only as one slip between the ends.
    """

    def __init__(self, repo: Path | None, revisions: tuple[str, str], linter: Linter) -> None:
        self._repo, self._revisions = repo, revisions
        self._linter = linter
        self._found: list[Finding] = []

    def add(self, old: Study, new: Study, diff: StudyDiff) -> None:
        """The history findings of a changed study, configured as lint's are (selection,
        per-file-ignores, suppressions in the new version's text, severities)."""
        from trialint.diff.history import history_findings

        versions = [old, *self._between(new, diff), new]
        found = history_findings(versions)
        if found:
            self._found += self._linter.configure(found, new.source, found[0].path)

    def findings(self) -> list[Finding]:
        found = self._found
        if self._linter.baseline is not None:
            found, _ = self._linter.baseline.hide(found)
        return sorted(found, key=lambda finding: finding.sort_key())

    def _between(self, new: Study, diff: StudyDiff) -> Iterator[Study]:
        """The study as each commit strictly between the two revisions left it, oldest first."""
        first, last = self._revisions
        if self._repo is None or not first or not last or not diff.new_origin:
            return
        path = diff.new_origin.removeprefix(f"{last}:").split("#", 1)[0]
        commits = _git_lines(self._repo, "log", "--reverse", "--format=%H",
                             f"{first}..{last}", "--", path)  # fmt: skip
        # The newest of these commits left the file as the last revision has it: not again.
        for commit in commits[:-1]:
            study = _study_at(self._repo, commit, path, diff.study)
            if study is not None:
                yield study


def _git_lines(repo: Path, *args: str) -> list[str]:
    from trialint.sources.git import run_git

    done = run_git(repo, *args)
    return done.stdout.decode().split() if done.returncode == 0 else []


def _study_at(repo: Path, commit: str, path: str, nct_id: str) -> Study | None:
    from trialint.document.load import format_of, load_bytes
    from trialint.sources.git import run_git

    done = run_git(repo, "show", f"{commit}:{path}")
    if done.returncode != 0:
        return None
    loaded = load_bytes(done.stdout, f"{commit[:12]}:{path}", format_of(path))
    return next((study for study in loaded.studies if study.nct_id == nct_id), None)
