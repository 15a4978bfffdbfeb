#!/usr/bin/env python3
"""Outcome switching as experts judge it: of the changes to a primary outcome that a rater
calls substantive (another measure, criterion or time points, an outcome added, removed or
moved), how many does trialint call substantive, and how many it calls so are not?

    python bench/outcome_switch.py [--misses]

Labelled sets, each split into a tuning half and an evaluation half by a fixed seed over
the studies (so both versions of a study, and both pairs written from one, fall in one half):
- ``outcome-switch-real.tsv``: every primary-outcome change between successive real versions
  in ``../shared/corpus/ctgov-xml-versions`` (3 of 66 version pairs);
- ``outcome-switch-pairs.yaml``: 145 version pairs on real registry text, one side verbatim,
  the other written as registrants edit, labelled blind to trialint (see its .md);
- ``outcome-switch-pairs-2.yaml``: 101 more such pairs by another rater, on other studies,
  written after the classifier was first tuned (measured once whole before its tuning half
  was read: precision 0.74, recall 0.70);
- ``outcome-switch-pairs-3.yaml``: 100 more by a third rater, on studies outside both
  (2026-12-08), the classifier untouched since (measured once whole when added: see the
  closing note of that day).

A pair is flagged when any verdict of ``trialint.diff.outcome_switch.compare_primary`` on it is
substantive: the verdict the diff's ranking of primary outcomes and history rule H001 both
use. Prints precision and recall of the flags per half and set, and how often the main
category agrees; ``--misses`` lists the tuning half's disagreements only (the evaluation
half is measured, never read while tuning).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from trialint.ctgov.imported import Imported
from trialint.ctgov.legacy_xml import convert_xml
from trialint.diff.outcome_switch import Verdict, compare_primary, describe

BENCH = Path(__file__).resolve().parent
VERSIONS = BENCH.parent.parent / "shared" / "corpus" / "ctgov-xml-versions"
SEED = 18  # issue 18
HALVES = ("tuning", "evaluation")


@dataclass(frozen=True)
class Labelled:
    key: str  # pair id or NCT old→new
    study: str
    substantive: bool
    categories: tuple[str, ...]
    old: dict[str, Any]  # outcomesModule
    new: dict[str, Any]


def half_of(study: str, studies: list[str]) -> str:
    """The half a study falls in: the studies shuffled by SEED, the first half tuning."""
    order = sorted(set(studies))
    random.Random(SEED).shuffle(order)
    return HALVES[0] if order.index(study) < len(order) // 2 else HALVES[1]


def pairs(name: str = "outcome-switch-pairs.yaml") -> Iterator[Labelled]:
    for item in yaml.safe_load((BENCH / name).read_text("utf-8")):
        yield Labelled(item["id"], item["source"], bool(item["substantive"]),
                       tuple(item["category"]), item["old"], item["new"])  # fmt: skip


def _outcomes(nct: str, update: str) -> dict[str, Any]:
    with (VERSIONS / "VERSIONS.csv").open(encoding="utf-8", newline="") as rows:
        files = sorted(
            row["file"] for row in csv.DictReader(rows)
            if row["nct"] == nct and row["last_update"] == update
            and row["modified_fixture"] == "False" and not row["hand_edit_marker"]
            and row["likely_real_version"] == "True"
        )  # fmt: skip
    [study] = convert_xml((VERSIONS / files[0]).read_bytes(), files[0])
    if not isinstance(study, Imported):
        raise SystemExit(f"{files[0]}: {study}")
    module: dict[str, Any] = study.study["protocolSection"].get("outcomesModule", {})
    return module


def real() -> Iterator[Labelled]:
    with (BENCH / "outcome-switch-real.tsv").open(encoding="utf-8", newline="") as lines:
        rows = [row for row in csv.reader(lines, delimiter="\t") if row and row[0][0] != "#"]
    for nct, before, after, substantive, categories, _why in rows:
        yield Labelled(f"{nct} {before}→{after}", nct, substantive == "true",
                       tuple(categories.split(",")), _outcomes(nct, before),
                       _outcomes(nct, after))  # fmt: skip


def _main_category(verdicts: list[Verdict]) -> str:
    ranked = sorted(verdicts, key=lambda v: not v.substantive)
    return ranked[0].switch.value if ranked else "unchanged"


def measure(name: str, items: list[Labelled], misses: bool) -> None:
    studies = [item.study for item in items]
    for half in HALVES:
        mine = [item for item in items if half_of(item.study, studies) == half]
        tp = fp = fn = agree = 0
        for item in mine:
            verdicts = compare_primary(item.old, item.new)
            flagged = any(v.substantive for v in verdicts)
            tp += flagged and item.substantive
            fp += flagged and not item.substantive
            fn += item.substantive and not flagged
            agree += _main_category(verdicts) == item.categories[0]
            if misses and half == HALVES[0] and flagged != item.substantive:
                said = "; ".join(describe(v) for v in verdicts) or "no change"
                print(f"  {item.key} labelled {'/'.join(item.categories)}: {said}")
        positives = sum(item.substantive for item in mine)
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / positives if positives else float("nan")
        print(f"{name:6} {half:10} {len(mine):4} pairs, {positives:3} substantive: "
              f"precision {precision:.2f} ({tp}/{tp + fp}), recall {recall:.2f} "
              f"({tp}/{positives}), main category agrees {agree}/{len(mine)}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="the tuning half's disagreements")
    args = parser.parse_args()
    measure("pairs", list(pairs()), args.misses)
    measure("pairs2", list(pairs("outcome-switch-pairs-2.yaml")), args.misses)
    measure("pairs3", list(pairs("outcome-switch-pairs-3.yaml")), args.misses)
    if VERSIONS.is_dir():
        measure("real", list(real()), args.misses)
    else:
        print(f"real: skipped, {VERSIONS} is absent", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
