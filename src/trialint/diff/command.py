"""``trialint diff``: what changed between two versions of records, from the command line.

    trialint diff OLD NEW                 two files, folders or registry downloads (zip, list)
    trialint diff A B C...                snapshots in date order, step by step (A→B, B→C)
    trialint diff --rev A..B [PATH...]    two git revisions, read with git (no checkout)
    trialint diff --rev A..B --per-commit each commit of the range that changed a study
    trialint diff --rev A [PATH...]       revision A against the files as they are now

A sequence is read one step at a time: each snapshot once, the index of the one before it
kept, and, for the history rules, a reference per version of each study that changed.

Administrative changes are counted but not shown unless asked for; ``--only`` keeps one level.
Exit codes as ``trialint lint``: 0 no change shown, 1 changes (at least ``--fail-on``), 2 errors
(an input that could not be read: the diff is then incomplete, whatever it shows).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from trialint.cliargs import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    add_cluster_options,
    add_color_option,
    add_configuration_options,
    add_output_options,
    cluster_usage_error,
    configuration,
    open_output,
)
from trialint.diff.significance import Significance

if TYPE_CHECKING:
    from distributed import Client

    from trialint.cluster.dataset import DatasetFormat
    from trialint.diff.cluster import ClusterDiff
    from trialint.diff.inputs import Side
    from trialint.diff.model import StudyDiff
    from trialint.diff.report import DiffOutcome
    from trialint.diff.snapshot import DiffSummary
    from trialint.diff.versions import Versions
    from trialint.document.model import Study
    from trialint.finding import Finding
    from trialint.lint.runner import Linter
    from trialint.progress import Progress
    from trialint.sources.paths import Exclusions
    from trialint.sources.problems import InputProblem

LEVELS = tuple(str(level) for level in Significance)


# The parser class of the caller's subcommands (the main command's subclass of ArgumentParser).
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def add_diff_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    diff = commands.add_parser(
        "diff",
        help="what changed between versions of records (files, folders, git revisions)",
        description="Compare versions of study records: two files, two folders or registry "
        "downloads (studies matched by nctId), three snapshots or more step by step, or two "
        "git revisions (--rev A..B; --per-commit: each commit in between). "
        "List entries are matched by meaning (arms by label, sites by facility) and changes "
        "ranked major, minor or administrative.",
    )
    diff.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="OLD NEW, or three snapshots or more in date order (each compared with the one "
        "before); with --rev, the files or folders to compare (default: the whole tree)",
    )  # fmt: skip
    diff.add_argument(
        "--rev", metavar="A..B",
        help="compare git revisions A and B (A alone: A against the files as they are now)",
    )  # fmt: skip
    diff.add_argument(
        "--per-commit", action="store_true",
        help="with --rev A..B, show the changes commit by commit (each commit that changed a "
        "study, oldest first, along the first parent) rather than A against B",
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
        help="also report the history rules (H001-H005) over the versions compared (every "
        "snapshot of a sequence); with --rev A..B, over every commit between A and B that "
        "changed the study; they obey the "
        "configuration (selection, severities, per-file-ignores, suppressions, baseline) as "
        "lint's rules do",
    )  # fmt: skip
    diff.add_argument(
        "--no-baseline", action="store_true",
        help="with --lint, hide no history finding a baseline lists (by default, the baseline "
        "lint would use: baseline = in the configuration, else .trialint-baseline.json beside it)",
    )  # fmt: skip
    add_cluster_options(
        diff, dataset="events-dataset",
        scheduler_help="diff on the running Dask cluster whose scheduler is at ADDRESS "
        "(tcp://HOST:8786, or a scheduler file's path): the workers read the snapshots from "
        "where they share them",
        dataset_help="with --scheduler, each worker writes its part of the events (one row per "
        "change shown, as the JSON report's) under PREFIX (a new folder or fsspec URL), read "
        "as one table by DuckDB, pandas or Spark; the report then has only the summary and "
        "findings",
    )  # fmt: skip
    add_color_option(diff)
    add_configuration_options(diff)
    diff.set_defaults(run=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    from trialint.progress import progress
    from trialint.sources.problems import InputError

    with ExitStack() as stack:
        try:
            _check_cluster_options(args)
            sequence = _sequence(args)
            stack.callback(sequence.close)
            client = _cluster(args, stack)
            bar = stack.enter_context(progress(" studies", "diff"))
            return _run(sequence, args, stack, bar, client)
        except (InputError, _UsageError) as error:
            print(f"trialint: error: {error}", file=sys.stderr)
            return EXIT_ERROR


def _check_cluster_options(args: argparse.Namespace) -> None:
    """The cluster's options make sense together: snapshots on paths the workers share (a git
    revision is read by one git process, on the client's machine), a dataset on a cluster."""
    mismatch = cluster_usage_error(args, "events-dataset")
    if mismatch is not None:
        raise _UsageError(mismatch)
    if args.scheduler is not None and (args.rev is not None or args.per_commit):
        raise _UsageError(
            "--scheduler diffs snapshots on paths the workers share, not git revisions: "
            "drop --rev, or check the revisions out"
        )


def _cluster(args: argparse.Namespace, stack: ExitStack) -> Client | None:
    """The client of --scheduler's cluster (None without it), its dataset's prefix made
    ready; a cluster that cannot be used or a prefix in use is a usage error's one line."""
    if args.scheduler is None:
        return None
    from trialint.cluster.client import ClusterError, connect
    from trialint.cluster.dataset import DatasetError, prepare

    try:
        client = connect(args.scheduler)
        stack.callback(client.close)
        if args.events_dataset is not None:
            prepare(args.events_dataset)
    except (ClusterError, DatasetError) as error:
        raise _UsageError(str(error)) from None
    return client


def _run(
    sequence: _Sequence,
    args: argparse.Namespace,
    stack: ExitStack,
    bar: Progress,
    client: Client | None = None,
) -> int:
    """Diff each step of the sequence, oldest first, and report it: as it ends when there are
    several (a heading each, then the history findings and a summary of all steps), as
    ``trialint diff OLD NEW`` always did when there is one."""
    from trialint.diff.report import DiffOutcome

    history = _history(sequence, args, on_cluster=client is not None)
    reports = _Reports(args, stack)
    tally = DiffOutcome()  # all steps, for their summary and the exit code
    outcome: DiffOutcome | None = None
    problems: list[InputProblem] = []
    steps, last = 0, sequence.ends[1]
    if client is None:
        assert not isinstance(history, _Gathered)
        diffed = _steps(sequence, args, history, problems, bar)
    else:
        assert history is None or isinstance(history, _Gathered)
        diffed = _cluster_steps(sequence, args, client, history, problems)
    for outcome, title in diffed:
        steps, last = steps + 1, outcome.step[1]  # a commit's short id rather than B
        if sequence.by_step:
            _add_up(tally, outcome)
            if outcome.diffs or outcome.not_compared or not sequence.quiet_steps:
                reports.write(outcome, heading=_heading(outcome.step, title))
    findings = history.findings() if history is not None else []
    if sequence.by_step or outcome is None:
        outcome = tally
        outcome.findings = findings
        noun = "commit" if sequence.quiet_steps else "step"
        reports.write(_closing(findings, _all_steps(tally, steps, noun, sequence.ends[0], last)))
    else:
        outcome.findings = findings
        reports.write(outcome)
    problems = [
        *(problem for side in sequence.opened for problem in side.problems),
        *problems,
        *(history.problems if history is not None else []),
    ]
    for problem in problems:
        print(f"trialint: error: {problem}", file=sys.stderr)
    if problems:
        return EXIT_ERROR
    return _exit_code(outcome, Significance(args.fail_on))


def _steps(
    sequence: _Sequence,
    args: argparse.Namespace,
    history: _History | Versions | None,
    problems: list[InputProblem],
    bar: Progress,
) -> Iterator[tuple[DiffOutcome, str]]:
    """Each step's outcome as soon as it is diffed, and the title of its new side. A step
    hands its new side's index to the next, so each snapshot is read once; a side diffed for
    the last time lets its parsed files go. Comparing failures go to ``problems``; the sides
    keep their own."""
    from trialint.diff.snapshot import Index, diff_sides
    from trialint.diff.versions import Versions

    shown = _shown_levels(args)
    sides = sequence.sides()
    old = next(sides, None)
    new = next(sides, None) if old is not None else None
    index: Index | None = None
    while old is not None and new is not None:
        following = next(sides, None)
        snapshot = diff_sides(
            old, new, include_derived=args.include_derived, index=index, progress=bar,
            keep_index=following is not None,
            on_changed=history.add if isinstance(history, _History) else None,
            on_versions=history.add if isinstance(history, Versions) else None,
        )  # fmt: skip
        outcome = _outcome((old.label, new.label), snapshot, snapshot.summary, shown, args)
        problems += snapshot.summary.problems
        old.release()
        yield outcome, new.title
        index, old, new = snapshot.next_index, new, following


def _outcome(
    labels: tuple[str, str],
    diffs: Iterable[StudyDiff],
    summary: DiffSummary,
    shown: set[Significance],
    args: argparse.Namespace,
) -> DiffOutcome:
    """A step's outcome, as its reports show it, from its diffs (in order) and summary."""
    from trialint.diff.report import DiffOutcome

    outcome = DiffOutcome(step=labels, verbose=args.verbose)
    for diff in diffs:
        _keep(outcome, diff, shown)
    outcome.unchanged += summary.unchanged + (summary.compared - summary.changed)
    outcome.not_compared = summary.not_compared
    return outcome


def _cluster_steps(
    sequence: _Sequence,
    args: argparse.Namespace,
    client: Client,
    history: _Gathered | None,
    problems: list[InputProblem],
) -> Iterator[tuple[DiffOutcome, str]]:
    """Each step's outcome, diffed on the cluster (``diff.cluster``): the same outcomes, in
    the same order, as ``_steps``. The snapshots' problems and the comparing ones go to
    ``problems``; with a dataset, the changes stay in it and the outcomes count them."""
    from trialint.diff.cluster import diff_on_cluster
    from trialint.lint.engine import Context

    shown = _shown_levels(args)
    from trialint.cluster.dataset import shared

    fmt: DatasetFormat = "parquet" if args.dataset_format == "parquet" else "jsonl"
    dataset = (shared(args.events_dataset), fmt) if args.events_dataset is not None else None
    result = diff_on_cluster(
        client, list(sequence.sides()), include_derived=args.include_derived,
        history=(Context(), history.linter.config) if history is not None else None,
        dataset=dataset, shown=frozenset(shown),
    )  # fmt: skip
    problems += result.problems + result.compare_problems
    if history is not None:
        history.found, history.problems = result.findings, result.history_problems
    outcomes = []
    for step in result.steps:
        step.summary.not_compared = step.not_compared
        outcome = _outcome(step.labels, step.diffs, step.summary, shown, args)
        if step.tally is not None:
            outcome.counted = step.tally
            outcome.hidden.update(step.hidden)
            outcome.unchanged += step.shown_unchanged
        outcomes.append(outcome)
    if dataset is not None:
        _write_manifest(dataset, args, result, outcomes, history, problems)
    for outcome in outcomes:
        yield outcome, ""


def _write_manifest(
    dataset: tuple[str, DatasetFormat],
    args: argparse.Namespace,
    result: ClusterDiff,
    outcomes: list[DiffOutcome],
    history: _Gathered | None,
    problems: list[InputProblem],
) -> None:
    """The dataset's ``_trialint.json``, written once every part is: what was diffed, each
    step's summary, and what could not be read (the dataset is then incomplete)."""
    from trialint.cluster.dataset import write_manifest

    write_manifest(dataset[0], {
        "command": "diff",
        "snapshots": args.paths,
        "format": dataset[1],
        "events": result.events,
        "parts": result.parts,
        "steps": [
            {"from": outcome.step[0], "to": outcome.step[1], "summary": outcome.summary()}
            for outcome in outcomes
        ],
        "history_findings": len(history.findings()) if history is not None else 0,
        "problems": [str(problem) for problem in [*problems, *result.history_problems]],
    })  # fmt: skip


def _linter(args: argparse.Namespace) -> Linter:
    """The configuration the history rules obey: the nearest one, or --config, with the
    command line's selection over it."""
    from trialint.lint.engine import Context
    from trialint.lint.runner import Linter

    return Linter(Context(), configuration(args, fail_on_severity=False))


class _UsageError(Exception):
    """Arguments that name no diff (one path, a range without git, --per-commit alone)."""


class _Sequence:
    """The snapshots a run diffs, oldest first: each step compares one with the next.

    Sides are opened as the steps reach them (a range of commits may have thousands) and all
    closed at the end, when the history rules have read what they need of them."""

    def __init__(
        self,
        sides: list[Side] | Iterator[Side],
        *,
        repo: Path | None = None,
        revisions: tuple[str, str] = ("", ""),
        by_step: bool = False,
        quiet_steps: bool = False,
        ends: tuple[str, str] = ("", ""),
    ) -> None:
        # A list is opened already (and closed at the end even if no step reached it).
        self.opened: list[Side] = sides if isinstance(sides, list) else []
        self._sides = iter(sides)
        # --rev A..B or A: the history rules read the commits in between with git.
        self.repo, self.revisions = repo, revisions
        self.by_step = by_step  # a report per step (more than two snapshots, or commits)
        self.quiet_steps = quiet_steps  # commits: a step that shows no change is left out
        self.ends = ends  # the labels of the first and last snapshots, for the summary

    def sides(self) -> Iterator[Side]:
        lazy = not self.opened
        for side in self._sides:
            if lazy:
                self.opened.append(side)
            yield side

    def close(self) -> None:
        for side in self.opened:
            side.close()


def _sequence(args: argparse.Namespace) -> _Sequence:
    from trialint.diff.inputs import (
        open_git,
        open_git_commits,
        open_git_range,
        open_paths,
        split_range,
    )
    from trialint.sources.git import as_git_path, toplevel

    if args.rev is None:
        if args.per_commit:
            raise _UsageError("--per-commit needs --rev A..B")
        return _path_sequence(args)
    repo = toplevel(Path.cwd())
    paths = [as_git_path(repo, path) for path in args.paths]
    revisions = split_range(args.rev)
    excluded = _exclusions(args)
    if revisions is None:  # A against the working files
        if args.per_commit:
            raise _UsageError("--per-commit needs a range of revisions, A..B")
        old = open_git(repo, args.rev, paths, exclusions=excluded)
        try:
            new = open_paths(args.paths or [str(repo)], label="working tree", exclusions=excluded)
        except BaseException:
            old.close()
            raise
        return _Sequence([old, new], repo=repo, revisions=(args.rev, ""))
    if args.per_commit:
        commits = open_git_commits(repo, args.rev, paths, exclusions=excluded)
        first = next(commits)  # A and B are checked before anything is shown
        return _Sequence(_chain(first, commits), by_step=True, quiet_steps=True, ends=revisions)
    old, new = open_git_range(repo, args.rev, paths, exclusions=excluded)
    return _Sequence([old, new], repo=repo, revisions=revisions)


def _path_sequence(args: argparse.Namespace) -> _Sequence:
    """Two paths or more, each a snapshot: all opened (so that a missing one is an error
    before any step is shown), none read yet."""
    from trialint.diff.inputs import open_paths

    if len(args.paths) < 2:
        raise _UsageError(
            f"diff needs two paths, OLD and NEW (got {len(args.paths)}), or --rev A..B"
        )
    excluded = _exclusions(args)
    sides: list[Side] = []
    try:
        for path in args.paths:
            sides.append(open_paths([path], exclusions=excluded))
    except BaseException:
        for side in sides:
            side.close()
        raise
    return _Sequence(sides, by_step=len(sides) > 2, ends=(sides[0].label, sides[-1].label))


def _chain(first: Side, rest: Iterator[Side]) -> Iterator[Side]:
    yield first
    yield from rest


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
    counted = outcome.tally().significance
    failing = any(level.rank <= fail_on.rank for level, count in counted.items() if count)
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
        self.problems: list[InputProblem] = []  # none: git's versions are read as they come

    def add(self, old: Study, new: Study, diff: StudyDiff) -> None:
        """The history findings of a changed study, configured as lint's are (selection,
        per-file-ignores, suppressions in the new version's text, severities)."""
        from trialint.diff.history import history_findings

        versions = [old, *self._between(new, diff), new]
        found = history_findings(versions)
        if found:
            self._found += self._linter.configure(found, new.source, found[0].path)

    def findings(self) -> list[Finding]:
        from trialint.diff.versions import hide_baseline

        return hide_baseline(self._linter, self._found)

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


def _history(
    sequence: _Sequence, args: argparse.Namespace, *, on_cluster: bool = False
) -> _History | Versions | _Gathered | None:
    """What gathers the versions for the history rules (--lint): git itself between two
    revisions, the steps' own versions in a sequence, the buckets of a cluster run."""
    if not args.lint:
        return None
    from trialint.diff.versions import Versions

    if on_cluster:
        return _Gathered(_linter(args))
    if sequence.repo is not None:
        return _History(sequence.repo, sequence.revisions, _linter(args))
    return Versions(_linter(args))


class _Gathered:
    """The history findings a cluster run's buckets found (``diff.cluster``), hidden by the
    baseline here, once, as ``Versions.findings`` hides them on one machine."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self.found: list[Finding] = []
        self.problems: list[InputProblem] = []

    def findings(self) -> list[Finding]:
        from trialint.diff.versions import hide_baseline

        return hide_baseline(self.linter, self.found)


class _Reports:
    """Where a run's report goes: stdout in the format asked for; or, with --output, the file
    in that format and stdout in text."""

    def __init__(self, args: argparse.Namespace, stack: ExitStack) -> None:
        self._targets: list[tuple[str, TextIO]] = [(args.output_format, sys.stdout)]
        if args.output:
            report = stack.enter_context(open_output(args.output))
            self._targets = [(args.output_format, report), ("text", sys.stdout)]

    def write(self, outcome: DiffOutcome, heading: str | None = None) -> None:
        from trialint.diff.report import WRITERS

        for output_format, stream in self._targets:
            if heading is not None and output_format == "text":
                stream.write(f"=== {heading} ===\n")
            elif heading is not None and output_format == "markdown":
                stream.write("## " + heading.replace("`", "'") + "\n\n")
            WRITERS[output_format](outcome, stream)
            if heading is not None and output_format != "json":
                stream.write("\n")  # a step's summary line from the next step's heading


def _heading(step: tuple[str, str], title: str) -> str:
    """The two labels of a step, and the subject of the commit it ends at."""
    return f"{step[0]} → {step[1]}" + (f": {title}" if title else "")


def _add_up(tally: DiffOutcome, step: DiffOutcome) -> None:
    """Count a step in the summary of all steps (and the exit code), without the values of
    its changes: those were reported with the step."""
    from dataclasses import replace

    from trialint.diff.model import StudyDiff

    for diff in step.diffs:
        changes = [replace(change, old=None, new=None, note=None) for change in diff.changes]
        tally.diffs.append(StudyDiff(diff.study, None, None, changes))
    if step.counted is not None:  # the changes are in a dataset: their counts are here
        from trialint.diff.report import Tally

        tally.counted = tally.counted or Tally()
        tally.counted.add(step.counted)
    tally.unchanged += step.unchanged
    tally.hidden.update(step.hidden)
    tally.not_compared += step.not_compared


def _all_steps(tally: DiffOutcome, steps: int, noun: str, first: str, last: str) -> str:
    """The summary of all steps: the steps' counts added up (a study that changed in two
    steps counts twice), after how many steps and between which ends."""
    text = tally.summary()
    plural = "" if steps == 1 else "s"
    return f"{steps} {noun}{plural} from {first} to {last}: {text[:1].lower()}{text[1:]}"


def _closing(findings: list[Finding], text: str) -> DiffOutcome:
    """The end of a report of several steps, for the format's own writer: the history
    findings over all of them, and ``text``, the summary of all steps, as its summary (the
    changes came with each step). A class of its own here, so that the report module is only
    imported when a diff runs."""
    from trialint.diff.report import DiffOutcome

    class Closing(DiffOutcome):
        def summary(self) -> str:
            return text

    return Closing(findings=findings)
