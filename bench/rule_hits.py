#!/usr/bin/env python3
"""Hits per rule over a folder of records: how often each rule fires, on how many studies.

    python bench/rule_hits.py ../shared/corpus/ctgov-v2 [--today 2026-11-23]

The figures to read before a rule defaults to error, and to watch when a rule changes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from trialint.lint.catalog import all_rules
from trialint.lint.engine import Context
from trialint.lint.runner import Linter


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    if not args.folder.exists():
        print(f"no such folder: {args.folder}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    result = Linter(Context(today=args.today)).lint_paths([str(args.folder)])
    elapsed = time.perf_counter() - started

    hits: Counter[str] = Counter()
    studies: defaultdict[str, set[str]] = defaultdict(set)
    for finding in result.findings:
        hits[finding.rule.code] += 1
        studies[finding.rule.code].add(finding.study or finding.path)

    print(f"{result.studies} studies in {result.files} files, reference date {args.today}, "
          f"{elapsed:.1f} s\n")  # fmt: skip
    print(f"{'code':5} {'name':42} {'severity':8} {'hits':>6} {'studies':>8}")
    for rule in all_rules():
        if hits[rule.code]:
            print(f"{rule.code:5} {rule.name:42} {rule.severity!s:8} {hits[rule.code]:6} "
                  f"{len(studies[rule.code]):8}")  # fmt: skip
    silent = [rule.code for rule in all_rules() if not hits[rule.code]]
    print(f"\n{sum(hits.values())} findings; {len(silent)} rules without a hit: "
          + " ".join(silent))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
