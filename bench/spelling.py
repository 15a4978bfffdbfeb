#!/usr/bin/env python3
"""How well the spelling rules do on real records nobody tuned them on.

    python bench/spelling.py [--half tuning|evaluation|both] [--misses] [--false]

The public records are split once into a tuning half and an evaluation half
(``spelling_corpus.py``). For each half, ``spelling-<half>.tsv`` lists every misspelling,
real-word error and doubled word a copy-editor marked in its prose (NCT, field, the words
written, their correction, kind). This bench lints the half with every text rule selected and
prints, for each half:

- recall over that list: the share of marked errors that some spelling finding (T001-T005,
  T012, and T018 for a word written with a letter of another alphabet) points at, in the same
  field and on the same words; warnings and infos together, and by kind;
- false warnings and false infos per 1,000 records: findings that point at nothing marked;
- precision per tier (warnings, infos).

The registry's own words (``rules/spelling/registry-words.tsv``) were counted over both halves;
a half is measured with the counts of the other half only, as records the registry counts never
saw would be. ``--misses`` lists what is not found, ``--false`` the findings that match nothing
(read them only on the tuning half: the evaluation half is measured, never tuned on).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import orjson

from spelling_corpus import CORPUS, HALVES, PublicStudy, half
from trialint.config import Config
from trialint.document.load import load_bytes
from trialint.finding import Finding
from trialint.lint.engine import Context
from trialint.lint.runner import Linter
from trialint.resources import data_dir
from trialint.rule import Severity
from trialint.spelling.vocabulary import Vocabulary
from trialint.spelling.words import document_frequencies

BENCH = Path(__file__).resolve().parent
SPELLING_RULES = ("T001", "T002", "T003", "T004", "T005", "T012", "T018")
KINDS = ("misspelling", "real-word", "doubled")  # "case" slips are listed, not measured
TODAY = date(2026, 11, 23)


@dataclass(frozen=True)
class Marked:
    """An error the copy-editor marked."""

    nct: str
    pointer: str
    wrong: str
    right: str
    kind: str


def reference(name: str) -> list[Marked]:
    path = BENCH / f"spelling-{name}.tsv"
    marked = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            nct, pointer, wrong, right, kind = line.split("\t")
            marked.append(Marked(nct, pointer, wrong, right, kind))
    return marked


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def pointed_at(finding: Finding) -> str:
    """The words a finding is about: its fix's old text, or the first quoted text."""
    if finding.fix is not None:
        return finding.fix.old
    quoted = finding.message.split("'")
    return quoted[1] if len(quoted) > 2 else ""


def matches(finding: Finding, marked: Marked) -> bool:
    if finding.study != marked.nct or finding.pointer != marked.pointer:
        return False
    found, wrong = _plain(pointed_at(finding)), _plain(marked.wrong)
    return bool(found) and (found in wrong or wrong in found)


@dataclass
class Figures:
    studies: int = 0
    marked: list[Marked] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    found: set[int] = field(default_factory=set)  # indexes of marked errors found
    false: list[Finding] = field(default_factory=list)


def measure(name: str, studies: list[PublicStudy]) -> Figures:
    counted, own_counts = document_frequencies(s.data.get("protocolSection", {}) for s in studies)
    vocabulary = Vocabulary(
        data_dir("rules") / "spelling", registry_less=own_counts, studies_less=counted
    )
    linter = Linter(Context(today=TODAY, vocabulary=vocabulary), Config(select=SPELLING_RULES))
    figures = Figures(studies=len(studies), marked=[m for m in reference(name) if m.kind in KINDS])
    by_study: dict[str, list[int]] = {}
    for number, marked in enumerate(figures.marked):
        by_study.setdefault(marked.nct, []).append(number)
    for study in studies:
        loaded = load_bytes(orjson.dumps(study.data), study.origin, "json")
        for finding in linter.engine.run(loaded.studies[0]):
            figures.findings.append(finding)
            hits = [n for n in by_study.get(study.nct, []) if matches(finding, figures.marked[n])]
            figures.found.update(hits)
            if not hits:
                figures.false.append(finding)
    return figures


def report(name: str, figures: Figures, misses: bool, false: bool) -> None:
    per_thousand = 1000 / figures.studies
    total = len(figures.marked)
    print(f"\n== {name} half: {figures.studies} studies, {total} marked errors")
    print(f"recall: {len(figures.found)}/{total} = {len(figures.found) / total:.1%}")
    for kind in KINDS:
        numbers = [n for n, m in enumerate(figures.marked) if m.kind == kind]
        found = sum(n in figures.found for n in numbers)
        print(f"  {kind:12} {found:4}/{len(numbers):<4} = {found / max(1, len(numbers)):.1%}")
    for severity in (Severity.WARNING, Severity.INFO):
        tier = [f for f in figures.findings if f.rule.severity is severity]
        wrong = [f for f in figures.false if f.rule.severity is severity]
        right = len(tier) - len(wrong)
        print(f"{severity}s: {len(tier)}, precision {right}/{len(tier)} = "
              f"{right / max(1, len(tier)):.1%}, false per 1,000 records "
              f"{len(wrong) * per_thousand:.1f}")  # fmt: skip
    rules = Counter(f.rule.code for f in figures.findings)
    wrong_by_rule = Counter(f.rule.code for f in figures.false)
    print(
        "findings by rule (matching nothing marked): "
        + ", ".join(f"{code} {n} ({wrong_by_rule[code]})" for code, n in sorted(rules.items()))
    )
    if misses:
        print("\nmissed:")
        for number, marked in enumerate(figures.marked):
            if number not in figures.found:
                print(f"  {marked.nct} {marked.kind:11} {marked.wrong!r} -> {marked.right!r}  "
                      f"{marked.pointer}")  # fmt: skip
    if false:
        print("\nfindings that match no marked error:")
        for finding in figures.false:
            print(f"  {finding.study} {finding.rule.code} {finding.message}  {finding.pointer}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both")
    parser.add_argument("--misses", action="store_true", help="list the marked errors not found")
    parser.add_argument("--false", action="store_true", help="list findings matching nothing")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    for name in HALVES if args.half == "both" else (args.half,):
        report(name, measure(name, half(name)), args.misses, args.false)
    return 0


if __name__ == "__main__":
    sys.exit(main())
