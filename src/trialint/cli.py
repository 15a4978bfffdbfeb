"""The ``trialint`` command: subcommands wired to the library.

Exit codes, as ruff's: 0 nothing found, 1 findings, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from trialint import __version__

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

OUTPUT_FORMATS = ("text", "json")


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line and exit code 2 (argparse's own is 2 as well)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_ERROR, f"trialint: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="trialint", description="Lint clinical-trial registry records.")
    parser.add_argument("--version", action="version", version=f"trialint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    lint = commands.add_parser(
        "lint",
        help="check records (YAML or JSON files, or folders of them)",
        description="Check study records against the registry's schema.",
    )
    lint.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH",
        help="record files or folders (searched for *.yaml, *.yml, *.json); default: .",
    )  # fmt: skip
    lint.add_argument(
        "--output-format", "--format", dest="output_format", choices=OUTPUT_FORMATS,
        default="text", help="how to print findings (default: text)",
    )  # fmt: skip
    lint.add_argument(
        "--today", type=_iso_date, default=None, metavar="YYYY-MM-DD",
        help="the reference date for rules about time (overdue verification, past dates); "
        "default: today",
    )  # fmt: skip
    lint.add_argument(
        "--jobs", "-j", type=_positive, default=None, metavar="N",
        help="processes for large runs (default: one per CPU; runs of few files use one)",
    )  # fmt: skip
    lint.set_defaults(run=_run_lint)

    rules = commands.add_parser("rules", help="list every rule", description="List every rule.")
    rules.add_argument(
        "--output-format", "--format", dest="output_format",
        choices=(*OUTPUT_FORMATS, "markdown"), default="text",
        help="text (a table), json (every field, with the examples) or markdown (a table)",
    )  # fmt: skip
    rules.set_defaults(run=_run_rules)

    explain = commands.add_parser(
        "explain", help="show one rule's documentation",
        description="Show a rule's documentation and examples.",
    )  # fmt: skip
    explain.add_argument("rule", metavar="CODE", help="a rule code (S003) or name (invalid-date)")
    explain.set_defaults(run=_run_explain)
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return int(text)


def use_color(stream: TextIO) -> bool:
    """Colour for a person at a terminal, never when NO_COLOR is set (no-color.org)."""
    return bool(stream.isatty()) and not os.environ.get("NO_COLOR")


def _run_lint(args: argparse.Namespace) -> int:
    from trialint.lint.engine import Context
    from trialint.lint.runner import Linter, default_jobs
    from trialint.report import REPORTERS, ReportOptions

    context = Context(today=args.today) if args.today else Context()
    result = Linter(context).lint_paths(args.paths, jobs=args.jobs or default_jobs())
    REPORTERS[args.output_format](result, sys.stdout, ReportOptions(color=use_color(sys.stdout)))
    for error in result.errors:
        print(f"trialint: error: {error}", file=sys.stderr)
    if result.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.findings else EXIT_CLEAN


def _run_rules(args: argparse.Namespace) -> int:
    from trialint.lint.catalog import all_rules
    from trialint.report.rules import write_list

    write_list(all_rules(), sys.stdout, args.output_format)
    return EXIT_CLEAN


def _run_explain(args: argparse.Namespace) -> int:
    from trialint.lint.catalog import all_rules
    from trialint.lint.suggest import closest
    from trialint.report.rules import write_explanation

    rules = all_rules()
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): nothing more to say
        return EXIT_CLEAN
    except Exception as error:
        print(f"trialint: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR
