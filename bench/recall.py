#!/usr/bin/env python3
"""Recall against a curator: of the defects a registry curator marked in 60 records trialint
was never tuned on, how many does a default run report?

    python bench/recall.py [--sample first|second|third|fourth] [--misses] [--today 2026-12-06]

The records are a sample of ``recall_sample.py`` (by default the one held out now); the
curator's list is the sample's ``recall-reference*.tsv`` (NCT, JSON pointer, family, what is
wrong), made by reading each record in full, never trialint's findings on it. A marked defect
is found when a finding of the same family points at the same place: the same field, a field
inside it, or the list or module holding it (a curator marks "no arms" on the arms module, a
rule may point at one arm). A finding about a contradiction points at both of its sides (its
related locations), since a curator may mark either. Spelling and text findings (T) count for
text defects wherever they point inside the field.

Prints recall per family and overall, and with ``--misses`` the defects still missed. Defects
the curator marked "legacy:" (gaps the registry did not yet require when the record was first
submitted) are counted apart: trialint reports them at info level, if at all.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from recall_sample import CORPUS, HELD_OUT, SAMPLES, sample
from trialint.config import Config
from trialint.finding import Finding
from trialint.lint.engine import Context
from trialint.lint.runner import Linter

FAMILIES = {
    "P": "phases", "A": "arms, interventions, design", "D": "status, dates, timing",
    "O": "outcomes", "E": "eligibility", "C": "names and contacts", "I": "identifiers",
    "T": "text", "S": "schema",
}  # fmt: skip
LEGACY = "legacy:"


@dataclass(frozen=True)
class Defect:
    nct: str
    pointer: str
    family: str
    what: str

    @property
    def legacy(self) -> bool:
        return self.what.lower().startswith(LEGACY)


def reference(path: Path) -> list[Defect]:
    with path.open(encoding="utf-8", newline="") as rows:
        return [
            Defect(row[0], row[1], row[2].strip().upper(), row[3])
            for row in csv.reader(rows, delimiter="\t")
            if row and not row[0].startswith("#")
        ]


def related(one: str, other: str) -> bool:
    """Whether two JSON pointers are the same place, or one holds the other."""
    shorter, longer = sorted((one, other), key=len)
    return longer == shorter or longer.startswith(shorter + "/")


def finds(finding: Finding, defect: Defect) -> bool:
    places = (finding.pointer, *(other.pointer for other in finding.related))
    return (
        finding.study == defect.nct
        and finding.rule.code[0] == defect.family
        and any(related(place, defect.pointer) for place in places)
    )


def findings_of(name: str, today: date) -> dict[str, list[Finding]]:
    linter = Linter(Context(today=today), Config())
    result = linter.lint_paths([str(path) for path in sample(name)])
    by_study: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_study.setdefault(finding.study or "", []).append(finding)
    return by_study


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", choices=tuple(SAMPLES), default=HELD_OUT)
    parser.add_argument("--misses", action="store_true", help="list the defects still missed")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 12, 6))
    args = parser.parse_args(argv)
    _, path = SAMPLES[args.sample]
    if not CORPUS.is_dir() or not path.is_file():
        print(f"needs {CORPUS} and {path}", file=sys.stderr)
        return 2
    defects = reference(path)
    by_study = findings_of(args.sample, args.today)
    found: Counter[str] = Counter()
    marked: Counter[str] = Counter()
    missed = []
    for defect in defects:
        key = "legacy" if defect.legacy else defect.family
        marked[key] += 1
        if any(finds(finding, defect) for finding in by_study.get(defect.nct, ())):
            found[key] += 1
        else:
            missed.append(defect)
    current = [d for d in defects if not d.legacy]
    total_found = sum(found[f] for f in FAMILIES)
    print(f"{args.sample} sample: {len(sample(args.sample))} records, {len(defects)} defects "
          f"marked ({marked['legacy']} legacy)")  # fmt: skip
    print(f"recall: {total_found}/{len(current)} = {_percent(total_found, len(current))}")
    for family, name in FAMILIES.items():
        if marked[family]:
            print(f"  {family} {name:<30} {found[family]:>3}/{marked[family]:<3} "
                  f"= {_percent(found[family], marked[family])}")  # fmt: skip
    if marked["legacy"]:
        print(f"  legacy gaps (apart)               {found['legacy']:>3}/{marked['legacy']:<3} "
              f"= {_percent(found['legacy'], marked['legacy'])}")  # fmt: skip
    if args.misses:
        print("\nmissed:")
        for defect in missed:
            print(f"  {defect.nct} {defect.family} {defect.pointer}: {defect.what}")
    return 0


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


if __name__ == "__main__":
    sys.exit(main())
