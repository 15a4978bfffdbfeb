"""The ``trialint`` command: subcommands wired to the library.

Exit codes, as ruff's: 0 nothing found, 1 findings (at or above --fail-on), 2 usage, configuration
or internal error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

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
    escape_unencodable_output,
    open_output,
)
from trialint.ctgov.cli import add_import_parser
from trialint.deadline_commands import add_deadline_parsers
from trialint.diff.command import add_diff_parser
from trialint.report import FORMATS, choose_color, use_color
from trialint.schema_command import add_schema_parser
from trialint.version import __version__

if TYPE_CHECKING:
    from trialint.config import Config
    from trialint.lint.outcome import FileReport, LintResult, RunSummary
    from trialint.lint.runner import Linter
    from trialint.progress import Progress


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line and exit code 2 (argparse's own is 2 as well)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"trialint: error: {message}\n")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="trialint", description="Lint clinical-trial registry records.")
    parser.add_argument("-V", "--version", action="version", version=f"trialint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    lint = commands.add_parser(
        "lint",
        help="check records (YAML or JSON files, or folders of them)",
        description="Check study records against the registry's schema and rules.",
    )
    _add_paths(lint)
    add_output_options(
        lint, FORMATS, None, "how to report findings (default: text; github inside GitHub Actions)"
    )
    lint.add_argument(
        "--fail-on", choices=("error", "warning", "info"), default=None,
        help="the least severity that makes the exit code 1 (default: info, any finding)",
    )  # fmt: skip
    baselines = lint.add_mutually_exclusive_group()
    baselines.add_argument(
        "--baseline", metavar="FILE",
        help="hide the findings listed in FILE (written by trialint baseline; default: "
        "baseline = in the configuration, else .trialint-baseline.json beside it, if there)",
    )  # fmt: skip
    baselines.add_argument(
        "--no-baseline", action="store_true", help="hide no finding a baseline lists"
    )
    lint.add_argument(
        "--jobs", "-j", type=_positive, default=None, metavar="N",
        help="processes for large runs (default: one per CPU; runs of few files use one)",
    )  # fmt: skip
    add_cluster_options(
        lint, dataset="findings-dataset",
        scheduler_help="check the files on the Dask cluster whose scheduler is at ADDRESS "
        "(tcp://HOST:8786, or a scheduler file, *.json); its workers read the PATHs, which must "
        "be on a file system they share, or fsspec URLs (file://, s3://, gs://); --jobs does "
        "not apply",
        dataset_help="with --scheduler: each partition writes its findings under PREFIX (a new "
        "folder or fsspec URL), one file each, read as one table by DuckDB, pandas or Spark; "
        "only the closing line is printed",
    )  # fmt: skip
    lint.add_argument(
        "--rev", metavar="REV",
        help="lint the records as git revision REV has them (read with git, no checkout); "
        "PATHs are then the files or folders to read in it (default: the whole tree)",
    )  # fmt: skip
    lint.add_argument(
        "--stdin-filename", metavar="NAME",
        help="the name of the record read from standard input (-), for its messages, its "
        "format (.json or YAML) and per-file-ignores; as editors pass it",
    )  # fmt: skip
    lint.add_argument(
        "--verbose", "-v", action="store_true",
        help="name the files a folder search passed over because they hold no study",
    )  # fmt: skip
    lint.add_argument(
        "--quiet", "-q", action="store_true",
        help="print the findings and nothing else: no closing line, no notes, no progress bar "
        "(errors are still told on stderr)",
    )  # fmt: skip
    lint.add_argument(
        "--statistics", action="store_true",
        help="print how many findings each rule has (most first), marked [*] when --fix "
        "corrects them, instead of the findings",
    )  # fmt: skip
    lint.add_argument(
        "--exit-zero", action="store_true",
        help="exit 0 even when there are findings (2 still means an error)",
    )  # fmt: skip
    add_color_option(lint)
    fixing = lint.add_argument_group("fixes")
    fixing.add_argument(
        "--fix", action="store_true",
        help="apply safe fixes (typos, escape artefacts) to YAML records, then report what remains",
    )  # fmt: skip
    fixing.add_argument(
        "--unsafe-fixes", action="store_true",
        help="with --fix or --diff, also apply the fixes that need a review",
    )  # fmt: skip
    fixing.add_argument(
        "--diff", action="store_true",
        help="print what --fix would change as a unified diff, and write nothing",
    )  # fmt: skip
    add_configuration_options(lint)
    lint.set_defaults(run=_run_lint)

    baseline = commands.add_parser(
        "baseline",
        help="record the findings records have now, for lint --baseline",
        description="Print a baseline of the current findings (redirect it to a file), so that "
        "trialint lint --baseline FILE reports only new ones; or, with --update, remove from "
        "the baseline in force the entries whose finding is gone.",
    )
    _add_paths(baseline)
    baseline.add_argument(
        "--update", action="store_true",
        help="rewrite the baseline in force without the entries no finding of PATHs matches "
        "any more (it never adds one)",
    )  # fmt: skip
    baseline.add_argument(
        "--baseline", metavar="FILE",
        help="with --update: the baseline to update (default: the one lint would use)",
    )  # fmt: skip
    add_configuration_options(baseline)
    baseline.set_defaults(run=_run_baseline)

    rules = commands.add_parser("rules", help="list every rule", description="List every rule.")
    rules.add_argument(
        "--output-format", "--format", dest="output_format",
        choices=("text", "json", "markdown"), default="text",
        help="text (a table), json (every field, with the examples) or markdown (a table)",
    )  # fmt: skip
    add_configuration_options(rules)
    rules.set_defaults(run=_run_rules)

    explain = commands.add_parser(
        "explain", help="show one rule's documentation",
        description="Show a rule's documentation and examples.",
    )  # fmt: skip
    explain.add_argument("rule", metavar="CODE", help="a rule code (S003) or name (invalid-date)")
    add_configuration_options(explain)
    explain.set_defaults(run=_run_explain)
    add_diff_parser(commands)
    add_import_parser(commands)

    server = commands.add_parser(
        "server", help="the language server an editor starts (LSP over stdio)",
        description="Lint records as they are edited and offer their safe fixes: a Language "
        "Server over standard input and output (needs pip install 'trialint[server]').",
    )  # fmt: skip
    server.add_argument(
        "--today", type=_iso_date, default=None, metavar="YYYY-MM-DD",
        help="the reference date for rules about time (default: the day of each lint)",
    )  # fmt: skip
    server.set_defaults(run=_run_server)
    add_schema_parser(commands)
    add_deadline_parsers(commands, _add_today)
    return parser


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH",
        help="record files, folders (searched for *.yaml, *.yml, *.json), zip archives (read "
        "member by member), or - for standard input; default: .",
    )  # fmt: skip
    _add_today(parser)


def _add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today", type=_iso_date, default=None, metavar="YYYY-MM-DD",
        help="the reference date for rules about time (overdue verification, past dates); "
        "default: today",
    )  # fmt: skip


def _linter(args: argparse.Namespace, config: Config) -> Linter:
    from trialint.lint.engine import Context
    from trialint.lint.runner import Linter

    return Linter(Context(today=args.today) if args.today else Context(), config)


def output_format(requested: str | None) -> str:
    """The format asked for; inside GitHub Actions, its annotations, so findings show on the
    pull request's files without further set-up."""
    if requested:
        return requested
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _run_lint(args: argparse.Namespace) -> int:
    from trialint.config import history_only
    from trialint.lint.runner import default_jobs
    from trialint.progress import progress

    config = configuration(args)
    linter = _linter(args, config)
    jobs = args.jobs or default_jobs()
    history = history_only(config.selectors(), linter.rules)
    if history:
        _tell(args, f"trialint: note: {', '.join(history)}: history rules compare two "
              "versions of a record; run them with trialint diff --lint OLD NEW")  # fmt: skip
    if args.rev is not None and (args.fix or args.diff):
        print("trialint: error: --fix and --diff rewrite files, not a revision", file=sys.stderr)
        return EXIT_ERROR
    if args.statistics and args.diff:
        print("trialint: error: --diff shows the changes --fix would make; --statistics counts "
              "findings: use one", file=sys.stderr)  # fmt: skip
        return EXIT_ERROR
    if "-" in args.paths and (args.fix or args.diff):
        print("trialint: error: --fix and --diff rewrite files, not standard input",
              file=sys.stderr)  # fmt: skip
        return EXIT_ERROR
    refused = _cluster_usage_error(args)
    if refused:
        print(f"trialint: error: {refused}", file=sys.stderr)
        return EXIT_ERROR
    if args.scheduler is not None:
        return _run_lint_on_cluster(args, config, linter)
    with progress(" studies", "lint", quiet=args.quiet) as bar:
        if args.diff:
            return _show_fixes(linter, args, jobs, bar)
        match = None
        if args.fix:
            fixed = _apply_fixes(linter, args, jobs, bar)
            reports = fixed.file_reports()
            summary = _report(reports, args, linter, fixed.summary(reports))
        else:
            match = linter.baseline_match()
            checked: Iterable[FileReport]
            if args.rev is not None:
                checked = linter.check_revision(args.rev, args.paths, baseline=match)
            else:
                stdin = (
                    (args.stdin_filename or "-", sys.stdin.buffer.read())
                    if "-" in args.paths
                    else None
                )
                checked = linter.check_paths(args.paths, jobs=jobs, stdin=stdin, baseline=match)
            summary = _report(bar.each(checked), args, linter)
    return _conclude(args, config, summary, len(match.stale()) if match is not None else 0)


def _conclude(args: argparse.Namespace, config: Config, summary: RunSummary, stale: int) -> int:
    """After the report: the baseline's ``stale`` entries, what was passed over and could
    not be checked, and the exit code."""
    from trialint.config import severity_at_least

    _tell_stale(stale, args)
    if args.verbose:
        for passed in summary.passed_over:
            print(f"trialint: passed over {passed}: it holds no study", file=sys.stderr)
    for error in summary.errors:
        print(f"trialint: error: {error}", file=sys.stderr)
    if summary.errors:
        return EXIT_ERROR
    if not summary.files:  # a folder without records: most likely the wrong one (as ruff warns)
        _tell(args, "trialint: warning: no record files (*.yaml, *.yml, *.json) in "
              f"{', '.join(args.paths)}")  # fmt: skip
    failing = any(
        count and severity_at_least(level, config.fail_on)
        for level, count in summary.severities.items()
    )
    return EXIT_FINDINGS if failing and not args.exit_zero else EXIT_CLEAN


def _cluster_usage_error(args: argparse.Namespace) -> str | None:
    """Why the cluster's options cannot go with the others given, if they cannot."""
    mismatch = cluster_usage_error(args, "findings-dataset")
    if mismatch is not None:
        return mismatch
    if args.findings_dataset is not None:
        clashing = [option for option, given in (
            ("--statistics", args.statistics), ("--output", args.output),
            ("--output-format", args.output_format),
        ) if given]  # fmt: skip
        if clashing:
            return f"--findings-dataset writes the findings to the dataset: not with {clashing[0]}"
    if args.scheduler is not None:
        clashing = [option for option, given in (
            ("--fix", args.fix), ("--diff", args.diff), ("--rev", args.rev is not None),
            ("- (standard input)", "-" in args.paths),
        ) if given]  # fmt: skip
        if clashing:
            return (f"--scheduler has the cluster's workers read the files: not with "
                    f"{clashing[0]}")  # fmt: skip
    return None


def _run_lint_on_cluster(args: argparse.Namespace, config: Config, linter: Linter) -> int:
    """``lint --scheduler``: the files checked on the cluster's workers, the findings
    reported here as a local run reports them, or written to ``--findings-dataset``."""
    from trialint.cluster import lint as on_cluster
    from trialint.cluster.client import ClusterError, connect
    from trialint.cluster.dataset import DatasetError
    from trialint.progress import progress

    if args.jobs is not None:
        _tell(args, "trialint: note: --jobs is the local process pool's: with --scheduler the "
              "cluster's workers check the files")  # fmt: skip
    try:
        with connect(args.scheduler) as client, progress(" studies", "lint",
                                                         quiet=args.quiet) as bar:  # fmt: skip
            if args.findings_dataset is not None:
                run = on_cluster.write_dataset(
                    client, linter, args.paths, args.findings_dataset,
                    args.dataset_format or "jsonl", progress=bar.advance,
                )  # fmt: skip
                summary, stale = run.summary, run.stale
            else:
                match = linter.baseline_match()
                checked = on_cluster.check_paths(client, linter, args.paths, baseline=match)
                summary = _report(bar.each(checked), args, linter)
                stale = len(match.stale()) if match is not None else 0
    except (ClusterError, DatasetError) as error:
        print(f"trialint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    if args.findings_dataset is not None and not args.quiet:
        from trialint.report.text import closing_line

        print(closing_line(summary))
        print(f"trialint: findings written to {args.findings_dataset} ({run.parts} "
              f"part{'s' if run.parts != 1 else ''}, {args.dataset_format or 'jsonl'})",
              file=sys.stderr)  # fmt: skip
    return _conclude(args, config, summary, stale)


def _tell(args: argparse.Namespace, message: str) -> None:
    """A note or a warning on stderr, unless --quiet (errors are always told)."""
    if not args.quiet:
        print(message, file=sys.stderr)


def _tell_stale(entries: int, args: argparse.Namespace) -> None:
    """Say that some baseline entries match nothing any more, and how to remove them."""
    if not entries:
        return
    update = "trialint baseline --update"
    if args.today:
        update += f" --today {args.today.isoformat()}"
    if args.baseline:
        update += f" --baseline {shlex.quote(args.baseline)}"
    one = entries == 1
    print(
        f"trialint: note: {_entries(entries)} of the baseline no longer "
        f"{'matches' if one else 'match'} a finding; run {update} to remove "
        f"{'it' if one else 'them'}",
        file=sys.stderr,
    )


def _report(
    reports: Iterable[FileReport],
    args: argparse.Namespace,
    linter: Linter,
    known: RunSummary | None = None,
) -> RunSummary:
    """Write each file's findings as it comes, to standard output and to ``--output`` (which
    is written in full only at the end: a run stopped half-way leaves the previous report, and
    a report being written is never read as a record by the run itself). The summary is
    counted on the way, unless ``known`` already (a run gathered in memory). ``--statistics``
    puts counts per rule on standard output in place of the findings (as JSON when the
    format asked for there is json)."""
    from dataclasses import replace

    from trialint.lint.outcome import RunSummary
    from trialint.report import ReportOptions, Writer, open_writer
    from trialint.report.common import spool as report_spool

    chosen = output_format(args.output_format)
    summary = known or RunSummary()
    options = ReportOptions(
        rules=linter.rules, fail_on=linter.config.fail_on, baseline=linter.baseline is not None,
        unsafe_fixes=args.unsafe_fixes,
    )  # fmt: skip
    with contextlib.ExitStack() as stack:
        writers: list[Writer] = []
        if args.output:
            spool = stack.enter_context(report_spool())
            writers.append(open_writer(chosen, spool, options))
            chosen = "text"
        options = replace(options, color=use_color(sys.stdout), closing=not args.quiet)
        if args.statistics:
            from trialint.report import statistics as per_rule  # only then: it imports text

            writers.append(per_rule.Writer(sys.stdout, options, as_json=chosen == "json"))
        else:
            writers.append(open_writer(chosen, sys.stdout, options))
        for report in reports:
            if known is None:
                summary.add(report)
            for writer in writers:
                writer.add(report)
        for writer in writers:
            writer.finish(summary)
        if args.output:
            import shutil  # here: a run without --output does not need it

            spool.seek(0)
            with open_output(args.output) as output:
                shutil.copyfileobj(spool, output)
    return summary


def _apply_fixes(linter: Linter, args: argparse.Namespace, jobs: int, bar: Progress) -> LintResult:
    """Fix the files, say what was fixed (on stderr: stdout is the report), and hand back the
    findings that remain."""
    from trialint.fix import fix_paths, fixed_message

    outcome = fix_paths(
        linter, args.paths, unsafe=args.unsafe_fixes, write=True, jobs=jobs, progress=bar
    )
    _tell_skipped(args, outcome.skipped)
    _tell(args, fixed_message(outcome, unsafe=args.unsafe_fixes))
    outcome.result.errors.extend(outcome.errors)
    return outcome.result


def _show_fixes(linter: Linter, args: argparse.Namespace, jobs: int, bar: Progress) -> int:
    """``--diff``: the changes --fix would make; exit 1 when there are some, as ruff does."""
    from trialint.fix import fix_paths, fixed_message

    outcome = fix_paths(
        linter, args.paths, unsafe=args.unsafe_fixes, write=False, jobs=jobs, progress=bar
    )
    sys.stdout.write(outcome.diff)
    _tell_skipped(args, outcome.skipped)
    _tell(args, fixed_message(outcome, unsafe=args.unsafe_fixes, write=False))
    errors = [*outcome.result.errors, *outcome.errors]
    for error in errors:
        print(f"trialint: error: {error}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if outcome.applied and not args.exit_zero else EXIT_CLEAN


def _tell_skipped(args: argparse.Namespace, skipped: list[str]) -> None:
    for note in skipped:
        _tell(args, f"trialint: note: {note}")


def _entries(number: int, kind: str = "") -> str:
    return f"{number} {kind}entr{'y' if number == 1 else 'ies'}"


def _run_baseline(args: argparse.Namespace) -> int:
    from trialint.lint.baseline import render
    from trialint.lint.runner import default_jobs

    if args.update:
        return _update_baseline(args)
    if args.baseline:
        print("trialint: error: --baseline goes with --update", file=sys.stderr)
        return EXIT_ERROR
    result = _linter(args, configuration(args, with_baseline=False)).lint_paths(
        args.paths, jobs=default_jobs()
    )
    for error in result.errors:
        print(f"trialint: error: {error}", file=sys.stderr)
    if result.errors:
        return EXIT_ERROR
    sys.stdout.write(render(result.findings))
    return EXIT_CLEAN


def _update_baseline(args: argparse.Namespace) -> int:
    """``baseline --update``: lint PATHs with the baseline in force and rewrite it (atomically)
    without its stale entries. Nothing is written when a file could not be checked."""
    from trialint.atomic import write_atomic
    from trialint.lint.runner import default_jobs

    linter = _linter(args, configuration(args))
    baseline, match = linter.baseline, linter.baseline_match()
    if baseline is None or baseline.path is None or match is None:
        print("trialint: error: no baseline to update: name one with --baseline FILE, or "
              "write it to .trialint-baseline.json beside the configuration",
              file=sys.stderr)  # fmt: skip
        return EXIT_ERROR
    errors: list[str] = []
    for report in linter.check_paths(args.paths, jobs=default_jobs(), baseline=match):
        errors.extend(report.error_lines())
    for error in errors:
        print(f"trialint: error: {error}", file=sys.stderr)
    if errors:
        print(f"trialint: {baseline.path} left as it was", file=sys.stderr)
        return EXIT_ERROR
    stale = match.stale()
    if stale:
        write_atomic(baseline.path, baseline.pruned(stale).encode("utf-8"))
    print(f"Removed {_entries(len(stale), 'stale ')} from {baseline.path}.", file=sys.stderr)
    return EXIT_CLEAN


def _run_rules(args: argparse.Namespace) -> int:
    """Every rule, saying which the configuration in force (and the command line's selectors)
    runs."""
    from trialint.config import Selection
    from trialint.lint.catalog import build_catalog
    from trialint.report.rules import write_list

    config = configuration(args)
    rules = build_catalog(config.rule_packs).rules
    enabled = Selection.resolve(config, rules).selected
    write_list(rules, sys.stdout, args.output_format, enabled)
    return EXIT_CLEAN


def _run_explain(args: argparse.Namespace) -> int:
    from trialint.lint.catalog import build_catalog
    from trialint.report.rules import write_explanation
    from trialint.suggest import closest

    rules = build_catalog(configuration(args).rule_packs).rules
    found = rules.get(args.rule)
    if found is None:
        hint = closest(args.rule, [r.code for r in rules] + [r.name for r in rules])
        print(
            f"trialint: error: no rule {args.rule!r}"
            + (f"; did you mean {hint!r}?" if hint else " (trialint rules lists them)"),
            file=sys.stderr,
        )
        return EXIT_ERROR
    write_explanation(found, sys.stdout)
    return EXIT_CLEAN


def _run_server(args: argparse.Namespace) -> int:
    from trialint.server import serve

    return serve(args.today)


def main(argv: Sequence[str] | None = None) -> int:
    from trialint.config import ConfigError
    from trialint.lint.baseline import BaselineError
    from trialint.lint.rulepack import RulePackError

    escape_unencodable_output()
    args = build_parser().parse_args(argv)
    choose_color(getattr(args, "color", "auto"))  # every run sets it: tests run many in-process
    try:
        return int(args.run(args))
    except (ConfigError, RulePackError, BaselineError) as error:
        print(f"trialint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): nothing more to say
        return EXIT_CLEAN
    except OSError as error:  # the report cannot be written: no such folder, a full disk
        where = f"{error.filename}: " if error.filename else ""
        print(f"trialint: error: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:
        print(f"trialint: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR
