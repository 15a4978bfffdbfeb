"""``trialint schema``: print the JSON Schema records are checked against.

Editors load a schema to complete field names and enums and to underline what it rejects as
one types (the YAML language server's modeline, VS Code's ``yaml.schemas``). The schema's
``$id`` names it but is not an address to download it from, and editors must work offline: a
registry repository keeps a copy (``trialint schema > schemas/study.schema.json``) and points
its records at that file. Wired into ``trialint.cli.build_parser`` by :func:`add_schema_parser`.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from trialint.cliargs import EXIT_CLEAN

_DESCRIPTION = (
    "Print the JSON Schema (draft 2020-12) that records are checked against, as this version "
    "of trialint ships it: redirect it to a file in your registry's repository for editors to "
    "load (see the README's Editors section)."
)


def add_schema_parser(commands: argparse._SubParsersAction[Any]) -> None:
    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a record (for editors)", description=_DESCRIPTION
    )
    schema.set_defaults(run=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    from trialint.resources import SCHEMA_FILE, data_dir

    sys.stdout.write((data_dir("schemas") / SCHEMA_FILE).read_text(encoding="utf-8"))
    return EXIT_CLEAN
