#!/usr/bin/env python3
"""Where a lint's time goes: reading, the schema, each check and the findings, in microseconds
per study (best of --repeat runs over a folder of records).

    python bench/rule_costs.py ../shared/corpus/ctgov-v2 [--repeat 5] [--top 25]

Every stage is timed inside a real run, study after study in the engine's order, so a value
several checks share (a record view, the text index, the scanner's matches) is counted in the
check that first asks for it, as it is paid in a run. The figures to read before choosing what
to make faster; bench/lint_corpus.py gives the totals against the targets.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from trialint.document.load import load_file
from trialint.lint.engine import Check, Context, Hit
from trialint.lint.record import Record
from trialint.lint.runner import Linter
from trialint.sources.paths import expand

Costs = defaultdict[str, int]  # stage -> nanoseconds over the run


def check_name(check: Check) -> str:
    """``family.function`` (``text.repetitions``), with the rule code for a rule pack's check."""
    function = check.function
    family = function.__module__.rsplit(".", 1)[-1]
    name = getattr(function, "__name__", "check")
    if family == "rulepack":
        name = check.rules[0].code
    return f"{family}.{name}"


def timed(check: Check, costs: Costs) -> Check:
    """The same check, adding the time it takes (its hits included) to ``costs``."""
    name, function = check_name(check), check.function

    def run(record: Record, context: Context) -> Iterable[Hit]:
        started = time.perf_counter_ns()
        hits = list(function(record, context))
        costs[name] += time.perf_counter_ns() - started
        return hits

    return Check(run, check.rules)


def one_run(linter: Linter, files: list[Path], costs: Costs) -> None:
    clock = time.perf_counter_ns
    for path in files:
        started = clock()
        loaded = load_file(path)
        read = clock()
        costs["reading (parsing included)"] += read - started
        for study in loaded.studies:
            started = clock()
            linter.schema.check(study)
            checked = clock()
            costs["schema"] += checked - started
            linter.engine.run(study)
            costs["engine"] += clock() - checked


def measure(linter: Linter, files: list[Path], repeat: int) -> dict[str, float]:
    """Nanoseconds per stage, the best of ``repeat`` runs for each."""
    best: dict[str, float] = {}
    originals = linter.engine.checks
    for _ in range(repeat):
        costs: Costs = defaultdict(int)
        linter.engine.checks = [timed(check, costs) for check in originals]
        one_run(linter, files, costs)
        checks = sum(v for k, v in costs.items() if "." in k)
        costs["findings and the engine"] = costs.pop("engine") - checks
        for stage, spent in costs.items():
            best[stage] = min(best.get(stage, float("inf")), spent)
    linter.engine.checks = originals
    return best


def report(best: dict[str, float], studies: int, top: int, out: Callable[[str], Any]) -> None:
    per_study = {stage: spent / studies / 1000 for stage, spent in best.items()}
    families: defaultdict[str, float] = defaultdict(float)
    for stage, micro in per_study.items():
        families[stage.split(".", 1)[0] if "." in stage else stage] += micro
    out(f"{'total':<40} {sum(per_study.values()):8.1f} us per study\n")
    out("by stage and rule family")
    for family, micro in sorted(families.items(), key=lambda item: -item[1]):
        out(f"  {family:<38} {micro:8.1f}")
    out(f"\nthe {top} costliest checks")
    checks = [(stage, micro) for stage, micro in per_study.items() if "." in stage]
    for stage, micro in sorted(checks, key=lambda item: -item[1])[:top]:
        out(f"  {stage:<38} {micro:8.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    files = [path for path, _ in expand([str(args.folder)]).files]
    if not files:
        print(f"no record files in {args.folder}", file=sys.stderr)
        return 2
    linter = Linter(Context(today=args.today))
    studies = sum(len(load_file(path).studies) for path in files)
    print(f"{studies} studies in {len(files)} files; best of {args.repeat} runs, one core\n")
    report(measure(linter, files, args.repeat), studies, args.top, print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
