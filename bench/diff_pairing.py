#!/usr/bin/env python3
"""Benchmark: pairing reworded list entries costs about as much per entry at any list length.

    python bench/diff_pairing.py [--sizes 10,100,1000,3000] [--repeat 3]

For each size N, builds one study with N primary outcomes ("Change from baseline in MADRS
total score at week 12", twenty instruments, ten subscales, 52 weeks) and a new version of it
in which every measure is reworded as curators reword them (a clause appended, a word or two
added, the phrase turned round), so that no entry matches by its exact text and every one
must be paired by similarity; many measures differ from others by one word only, so wrong
partners score above the pairing threshold too. The new list comes in the old order and, in
a second row, shuffled. Then measures, in the same run and process:

- parse: ``load_bytes`` of the two studies' JSON text (what ``trialint diff`` pays to read
  them, linear in their size: the baseline);
- compare: ``compare_studies`` of the two parsed studies.

Prints the microseconds of CPU per outcome of each, the ratio compare/parse (flat across N when
the pairing is linear, growing with N when it compares every old entry with every new one),
the comparison's wall and CPU time (the best of ``--repeat`` runs; CPU time leaves out what
other processes on a busy machine take), and how many outcomes were paired with their own
rewording. That count is not N even when every pair is compared: some measures are more like
another's rewording than their own by the word-sequence similarity, and the pairing takes the
most similar first. Says whether 1,000 outcomes compare in under a second of CPU (issue 17's
target). Only times of the same run are compared: machine speed drifts (CONTRIBUTING.md,
Benchmarks).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from typing import Any

INSTRUMENTS = (
    "HAMD-17", "MADRS", "PHQ-9", "GAD-7", "SF-36", "EQ-5D-5L", "WOMAC", "KOOS", "ODI", "BPI",
    "PSQI", "FACIT-Fatigue", "HbA1c", "LDL-C", "eGFR", "FEV1", "6MWD", "NIHSS", "mRS", "ADAS-Cog",
)  # fmt: skip
SUBSCALES = (
    "total score", "pain subscale", "function subscale", "sleep item", "mood item",
    "anxiety item", "physical component", "mental component", "stiffness subscale",
    "symptom subscale",
)  # fmt: skip
WEEKS = range(1, 53)
TARGET_SIZE, TARGET_SECONDS = 1000, 1.0
SEED = 20240315

Measure = tuple[str, str, int]
REWORDINGS: tuple[Callable[[Measure], str], ...] = (
    lambda m: f"Change from baseline in {m[0]} {m[1]} at week {m[2]}, as assessed by a clinician",
    lambda m: f"Mean change from baseline in the {m[0]} {m[1]} at week {m[2]}",
    lambda m: f"Change in {m[0]} {m[1]} from baseline to week {m[2]}",
    lambda m: f"Change from baseline in {m[0]} {m[1]} (centrally rated) at week {m[2]}",
)


def measures(size: int) -> list[tuple[str, str]]:
    """``size`` distinct (old measure, reworded measure) pairs, the same for every run."""
    combinations = [(i, s, w) for i in INSTRUMENTS for s in SUBSCALES for w in WEEKS]
    if size > len(combinations):
        sys.exit(f"at most {len(combinations)} distinct outcomes, not {size}")
    chosen = random.Random(SEED).sample(combinations, size)
    return [
        (f"Change from baseline in {i} {s} at week {w}", REWORDINGS[n % len(REWORDINGS)]((i, s, w)))
        for n, (i, s, w) in enumerate(chosen)
    ]


def study(outcomes: list[str]) -> dict[str, Any]:
    return {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT09999999", "briefTitle": "Pairing bench"},
            "outcomesModule": {
                "primaryOutcomes": [
                    {"measure": measure, "timeFrame": "Baseline and week 52"}
                    for measure in outcomes
                ]
            },
        }
    }


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, float, Any]:
    """The fastest of ``repeat`` runs of ``work`` in wall time and in the process's CPU time,
    and its result. On a quiet machine the two agree; on a busy one, CPU time leaves out the
    time other processes took from this one."""
    wall, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        result = work()
        cpu = min(cpu, time.process_time() - used)
        wall = min(wall, time.perf_counter() - started)
    return wall, cpu, result


def run(size: int, shuffled: bool, repeat: int, quiet: bool = False) -> tuple[float, float]:
    """One row of the report; returns the compare time in seconds, wall and CPU."""
    from trialint.diff.compare import compare_studies
    from trialint.diff.model import Kind
    from trialint.document.load import load_bytes

    pairs = measures(size)
    reworded = [new for _, new in pairs]
    if shuffled:
        random.Random(SEED + size).shuffle(reworded)
    texts = [json.dumps(study(side)).encode() for side in ([old for old, _ in pairs], reworded)]

    def parse() -> list[dict[str, Any]]:
        return [load_bytes(text, "bench.json", "json").studies[0].data for text in texts]

    _, parse_cpu, (old, new) = best_of(repeat, parse)
    wall, cpu, diff = best_of(repeat, lambda: compare_studies(old, new))
    expected = dict(pairs)
    events = [c for c in diff.changes if c.kind is Kind.REWORDED]
    right = sum(expected.get(c.old) == c.new for c in events)
    others = len(diff.changes) - len(events)
    if not quiet:
        print(
            f"  {size:>6,}  {'shuffled' if shuffled else 'in order':8}"
            f"  {parse_cpu / size * 1e6:8.1f}  {cpu / size * 1e6:10.1f}  {cpu / parse_cpu:9.1f}"
            f"  {wall:8.3f}  {cpu:7.3f}  {right:>6,} of {size:,}"
            + (f"  ({others} removed or added)" if others else "")
        )
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,3000", help="outcomes per study")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best kept (3)")
    args = parser.parse_args(argv)
    try:
        sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes: expected numbers such as 10,100,1000, got {args.sizes!r}")
    run(10, False, 1, quiet=True)  # imports and first-call costs, before anything is timed
    print("                      microseconds per outcome (CPU)   compare seconds")
    print("       N  new list       parse     compare  ratio      wall      CPU  paired right")
    at_target: list[tuple[float, float]] = []
    for size in sizes:
        for shuffled in (False, True):
            seconds = run(size, shuffled, args.repeat)
            if size == TARGET_SIZE:
                at_target.append(seconds)
    if at_target:
        wall, cpu = max(wall for wall, _ in at_target), max(cpu for _, cpu in at_target)
        verdict = "meets target" if cpu < TARGET_SECONDS else "ABOVE TARGET"
        print(
            f"{TARGET_SIZE:,} reworded outcomes compare in {cpu:.3f} s of CPU at the slowest "
            f"({wall:.3f} s wall): target < {TARGET_SECONDS:.0f} s, {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
