#!/usr/bin/env python3
"""Print the oldest release of each dependency that pyproject.toml admits, one pin a line.

    pip install $(python scripts/lowest_requirements.py --extra test)

A lower bound is a promise: pip keeps an older release a user already has whenever the bound
admits it. CI installs these pins and runs the tests, so a bound that admits a release trialint
does not work with fails the build instead of a user's run (deepdiff 8.0.0 imports numpy,
which it does not declare; 8.1 to 8.3 take minutes over values nested hundreds deep).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_LOWER_BOUND = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*([0-9][0-9A-Za-z.]*)\s*$")
_OWN_EXTRAS = re.compile(r"^\s*trialint\[([A-Za-z0-9_,\s-]+)\]\s*$")


def requirements_of(project: dict[str, Any], extras: list[str]) -> list[str]:
    """The project's dependencies and those of ``extras``, an extra that names others of
    trialint's own (``trialint[dask]``) standing for theirs."""
    requirements = list(project["dependencies"])
    pending, seen = list(extras), set()
    while pending:
        extra = pending.pop(0)
        if extra in seen:
            continue
        seen.add(extra)
        for requirement in project["optional-dependencies"][extra]:
            own = _OWN_EXTRAS.match(requirement)
            if own is None:
                requirements.append(requirement)
            else:
                pending.extend(name.strip() for name in own[1].split(","))
    return requirements


def lowest_pins(requirements: list[str]) -> list[str]:
    """``name==version`` for each ``name>=version``; other forms are refused, so that a
    dependency without a plain lower bound cannot slip past the check unnoticed."""
    pins = []
    for requirement in requirements:
        match = _LOWER_BOUND.match(requirement)
        if match is None:
            raise ValueError(f"{requirement!r} is not of the form 'name>=version'")
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[], help="an optional extra too")
    args = parser.parse_args(argv)
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = requirements_of(project, args.extra)
    try:
        print("\n".join(lowest_pins(requirements)))
    except ValueError as error:
        print(f"lowest_requirements: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
