"""``trialint explain-study`` and ``trialint plan``: which studies the law covers and when
their results and updates are due, for one study or a whole registry.

They read records through the one input layer (``sources``, ``document``) and judge them with
``lint.coverage`` and ``lint.deadlines``; they are subcommands rather than a lint output
format because a plan lists every study, also those without findings, and lint's reporters
see only findings.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from trialint.cliargs import EXIT_CLEAN, EXIT_ERROR

_NCT = re.compile(r"NCT\d{8}\Z")


def add_deadline_parsers(commands: Any, today_option: Any) -> None:
    """Register both subcommands; ``today_option(parser)`` adds lint's ``--today``."""
    explain = commands.add_parser(
        "explain-study", help="whether the law covers a study, why, and what is due when",
        description="Say whether FDAAA 801 / 42 CFR 11 covers a study (an applicable clinical "
        "trial, a probable one, or not), why, and when its results and next verification are "
        "due, as FDAAA TrialsTracker counts them.",
    )  # fmt: skip
    explain.add_argument(
        "study", metavar="NCT|PATH",
        help="a record file, or an NCT number looked for in the records under --in",
    )  # fmt: skip
    explain.add_argument(
        "--in", dest="where", nargs="+", default=["."], metavar="PATH",
        help="where to look for an NCT number's record (default: .)",
    )  # fmt: skip
    today_option(explain)
    explain.set_defaults(run=_run_explain_study)

    plan = commands.add_parser(
        "plan", help="per study: covered or not, results and verification due, days overdue",
        description="One row per study: whether the law covers it, when results are due, "
        "whether they are overdue and by how many days, and when the record must next be "
        "verified; as CSV (default) or JSON lines, to sort and filter.",
    )  # fmt: skip
    plan.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH",
        help="record files, folders or zip archives; default: .",
    )  # fmt: skip
    plan.add_argument(
        "--output-format", "--format", dest="output_format", choices=("csv", "jsonl"),
        default="csv", help="csv (a header, then a row per study) or jsonl (an object a line)",
    )  # fmt: skip
    today_option(plan)
    plan.set_defaults(run=_run_plan)


def _today(args: argparse.Namespace) -> date:
    return args.today or date.today()


def _studies(paths: Sequence[str], errors: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each study of the files named or found, with its file's name; what cannot be read is
    added to ``errors`` (one line each) and the rest is read."""
    from trialint.document.load import format_of, load_bytes
    from trialint.sources.inputs import open_paths
    from trialint.sources.problems import InputError, InputProblem

    with open_paths(paths) as inputs:
        for item in inputs:
            if isinstance(item, InputProblem):
                errors.append(str(item))
                continue
            try:
                loaded = load_bytes(item.read(), item.name, format_of(item.name))
            except InputError as error:
                errors.append(str(error.problem))
                continue
            if not loaded.studies:
                if not item.found:
                    problem = loaded.problems[0].message if loaded.problems else "no study"
                    errors.append(f"{item.name}: not a study record ({problem})")
                continue
            for study in loaded.studies:
                yield item.name, study.data


def _run_explain_study(args: argparse.Namespace) -> int:
    from trialint.lint.deadlines import deadlines
    from trialint.lint.record import Record
    from trialint.report.deadlines import explain

    errors: list[str] = []
    wanted = args.study.upper()
    if _NCT.match(wanted):
        found = [(name, data) for name, data in _studies(args.where, errors)
                 if Record(data).nct_id == wanted]  # fmt: skip
        missing = f"no record of {wanted} in {', '.join(args.where)}"
    else:
        found = list(_studies([args.study], errors))
        missing = f"{args.study}: holds no study"
    for error in errors:
        print(f"trialint: error: {error}", file=sys.stderr)
    if not found:
        if not errors:
            print(f"trialint: error: {missing}", file=sys.stderr)
        return EXIT_ERROR
    for name, data in found:
        record = Record(data)
        sys.stdout.write(explain(name, record, deadlines(record), _today(args)))
    return EXIT_ERROR if errors else EXIT_CLEAN


def _run_plan(args: argparse.Namespace) -> int:
    from trialint.lint.deadlines import deadlines
    from trialint.lint.record import Record
    from trialint.report.deadlines import PlanWriter, plan_row

    errors: list[str] = []
    writer = PlanWriter(sys.stdout, args.output_format)
    today = _today(args)
    for name, data in _studies(args.paths, errors):
        record = Record(data)
        writer.add(plan_row(name, record, deadlines(record), today))
    for error in errors:
        print(f"trialint: error: {error}", file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_CLEAN
