"""What the commands share: exit codes and options, declared once so they read the same."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from trialint.config import Config

# Every command: 0 nothing to report, 1 something to report (findings, changes), 2 an error
# (usage, an unreadable input, an internal error), as ruff and most linters do.
EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def add_cluster_options(
    parser: argparse.ArgumentParser, *, scheduler_help: str, dataset: str, dataset_help: str
) -> None:
    """``--scheduler``, and ``--DATASET PREFIX`` with ``--dataset-format``: where a running
    Dask cluster is, and where its workers write what they find rather than send it back
    (``trialint.cluster``), the same for every command that runs there."""
    from trialint.cluster.dataset import FORMATS  # a tuple: dask is not imported

    group = parser.add_argument_group("on a Dask cluster (needs pip install 'trialint[dask]')")
    group.add_argument("--scheduler", metavar="ADDRESS", help=scheduler_help)
    group.add_argument(f"--{dataset}", metavar="PREFIX", help=dataset_help)
    group.add_argument(
        "--dataset-format", choices=FORMATS, default=None,
        help=f"the files of --{dataset}: jsonl (JSON Lines, the default) or parquet",
    )  # fmt: skip


def cluster_usage_error(args: argparse.Namespace, dataset: str) -> str | None:
    """Why the cluster's options given (``add_cluster_options``) do not go together, if they
    do not: a dataset's format without a dataset, a dataset without a cluster to write it."""
    prefix = getattr(args, dataset.replace("-", "_"))
    if args.dataset_format is not None and prefix is None:
        return f"--dataset-format goes with --{dataset}"
    if prefix is not None and args.scheduler is None:
        return f"--{dataset} goes with --scheduler: the cluster's workers write it"
    return None


def add_output_options(
    parser: argparse.ArgumentParser, choices: Sequence[str], default: str | None, formats: str
) -> None:
    """``--output-format`` (alias ``--format``) and ``--output FILE``: the report in a format
    to a file, while the text report still goes to the terminal (the CI log)."""
    parser.add_argument(
        "--output-format", "--format", dest="output_format", choices=choices, default=default,
        help=formats,
    )  # fmt: skip
    parser.add_argument(
        "--output", metavar="FILE",
        help="write the report (in --output-format) to FILE, and the text report to stdout",
    )  # fmt: skip


def add_color_option(parser: argparse.ArgumentParser) -> None:
    """``--color``: what ``trialint.report.use_color`` decides when left to ``auto``."""
    from trialint.report import COLOR_CHOICES

    parser.add_argument(
        "--color", choices=COLOR_CHOICES, default="auto",
        help="colour the text report: auto (default: on a terminal, unless NO_COLOR is set; "
        "off a terminal too when FORCE_COLOR is set), always or never",
    )  # fmt: skip


# A file name that is not UTF-8 is held with lone surrogates (one per byte that is not); they
# are written as the escape '\udcff', which is text to read and, inside a JSON string, the JSON
# escape for that same character: reports stay valid UTF-8 and JSON, and name the file.
_UNENCODABLE = "backslashreplace"


def printable(text: str) -> str:
    """``text`` as the reports write it: a name's undecodable bytes as escapes."""
    return text.encode("utf-8", _UNENCODABLE).decode("utf-8")


def open_output(path: str) -> TextIO:
    """The file ``--output`` names, open for writing a report."""
    return open(path, "w", encoding="utf-8", errors=_UNENCODABLE)  # noqa: PTH123 - a user path


def escape_unencodable_output() -> None:
    """Let stdout and stderr write what they cannot encode as escapes instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=_UNENCODABLE)


def selectors(text: str) -> list[str]:
    """--select D,T001 (as ruff: comma-separated codes, prefixes or names)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def add_configuration_options(parser: argparse.ArgumentParser) -> None:
    """The options that say which rules run and how: the configuration file's, overridden."""
    group = parser.add_argument_group("configuration (overrides [tool.trialint])")
    found = group.add_mutually_exclusive_group()
    found.add_argument(
        "--config", metavar="FILE",
        help="a pyproject.toml or .trialint.toml for every record (default: for each record, "
        "the nearest one above it)",
    )  # fmt: skip
    found.add_argument(
        "--isolated", action="store_true",
        help="read no configuration file: the defaults and the command line only",
    )  # fmt: skip
    group.add_argument(
        "--select", type=selectors, metavar="RULES",
        help="only these rules: codes, prefixes or names, comma-separated (replaces the "
        "configuration's select, extend-select and ignore)",
    )  # fmt: skip
    group.add_argument(
        "--extend-select", type=selectors, action="extend", metavar="RULES",
        help="these rules as well, even where the configuration ignores them",
    )  # fmt: skip
    group.add_argument(
        "--ignore", type=selectors, action="extend", metavar="RULES", help="not these rules"
    )
    group.add_argument(
        "--rule-pack", action="append", metavar="PATH", dest="rule_packs",
        help="a rule pack (YAML) or a folder of them, besides the bundled rules/",
    )  # fmt: skip
    group.add_argument(
        "--exclude", type=selectors, metavar="PATTERNS",
        help="gitignore-style patterns of files and folders a folder search passes over, "
        "comma-separated (replaces exclude); files named on the command line are read",
    )  # fmt: skip
    group.add_argument(
        "--extend-exclude", type=selectors, action="extend", metavar="PATTERNS",
        help="these patterns as well",
    )  # fmt: skip


def configuration(
    args: argparse.Namespace, *, with_baseline: bool = True, fail_on_severity: bool = True
) -> Config:
    """The run's configuration: the file found from the working directory (whose per-run
    settings, such as the baseline and --fail-on's default, are the run's; each record is
    checked with the file nearest above it), or --config's (for every record), or none
    (--isolated); the command line's settings over it. ``diff`` has a --fail-on of its own
    (a change's significance): ``fail_on_severity`` False leaves it."""
    from trialint.config import Overrides, parse_severity
    from trialint.run_configuration import configuration_in_force

    fail_on = getattr(args, "fail_on", None) if fail_on_severity else None
    baseline, exclude = getattr(args, "baseline", None), getattr(args, "exclude", None)
    overrides = Overrides(
        select=tuple(args.select) if args.select else None,
        extend_select=tuple(args.extend_select or ()), ignore=tuple(args.ignore or ()),
        fail_on=parse_severity(fail_on, "--fail-on") if fail_on else None,
        rule_packs=tuple(Path(pack) for pack in args.rule_packs or ()),
        baseline=Path(baseline) if baseline else None,
        exclude=tuple(exclude) if exclude is not None else None,
        extend_exclude=tuple(getattr(args, "extend_exclude", None) or ()),
    )  # fmt: skip
    named = (
        ("--select", args.select), ("--extend-select", args.extend_select),
        ("--ignore", args.ignore),
    )  # fmt: skip
    return configuration_in_force(
        Path(args.config) if args.config else None, overrides, named,
        isolated=getattr(args, "isolated", False),
        with_baseline=with_baseline and not getattr(args, "no_baseline", False),
    )  # fmt: skip
