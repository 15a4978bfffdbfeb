#!/usr/bin/env python3
"""Benchmark: one record checked by a whole process, as a pre-commit hook runs trialint on the
one file a commit changed, against check-jsonschema on the same file with the same schema.

    python bench/one_file.py [--corpus ../shared/corpus/ctgov-v2] [--repeat 15]
                             [--against OTHER_CHECKOUT]

The processes take turns, round after round, and each figure is a median, so a machine whose
speed drifts slows them alike; the bench prints ratios, not times to aim at:
- trialint's time as a multiple of check-jsonschema's (issue 17's target: at most 0.25);
- the floor no change to trialint can go below: the interpreter starting and exiting
  (``python -c pass``), as a multiple of check-jsonschema's;
- with ``--against``, another checkout of trialint (its folder holding src/, rules/ and
  schemas/: a git worktree of the commit to compare with) run in the same turns, and this
  checkout's time as a multiple of that one's.

Both trialints run from compiled bytecode (written once into a temporary cache, as pip would
write it); check-jsonschema's modules were compiled when pip installed it. check-jsonschema
comes with the `bench` extra (pip install -e '.[bench]').
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ctgov-v2"
TARGET = 0.25


def compiled_environment(source: Path, cache: Path) -> dict[str, str]:
    """The environment of a process that imports trialint from ``source`` (a src/ folder),
    its modules read from bytecode compiled once into ``cache``."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(cache)
    environment["PYTHONPATH"] = str(source)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(source / "trialint")],
                   env=environment, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=15, help="runs of each process")
    parser.add_argument("--against", type=Path, help="another checkout to compare with")
    args = parser.parse_args(argv)
    studies = sorted(args.corpus.glob("*.json"))
    if not studies:
        print(f"no API v2 JSON records in {args.corpus}: pass --corpus", file=sys.stderr)
        return 2
    checker = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name(
        "check-jsonschema"))  # fmt: skip
    if not Path(checker).exists():
        print("check-jsonschema is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="trialint-one-file-") as scratch:
        folder = Path(scratch)
        record = folder / f"{studies[0].stem}.yaml"
        data = json.loads(studies[0].read_text(encoding="utf-8"))
        record.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False,
                                    allow_unicode=True), encoding="utf-8")  # fmt: skip
        schema = REPO / "schemas" / "study.schema.json"
        lint = [sys.executable, "-m", "trialint", "lint", "--output-format", "json", str(record)]
        runs: dict[str, tuple[list[str], dict[str, str] | None]] = {
            "check-jsonschema": ([checker, "--schemafile", str(schema), str(record)], None),
            "python -c pass": ([sys.executable, "-c", "pass"], None),
            "trialint": (lint, compiled_environment(REPO / "src", folder / "bytecode")),
        }
        if args.against:
            other = compiled_environment(args.against.resolve() / "src", folder / "against")
            runs["trialint --against"] = (lint, other)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.repeat):
            for name, (command, environment) in runs.items():
                started = time.perf_counter()
                subprocess.run(command, capture_output=True, check=False, env=environment)
                times[name].append(time.perf_counter() - started)
    median = {name: statistics.median(values) for name, values in times.items()}
    theirs = median["check-jsonschema"]
    print(f"one file, whole process, median of {args.repeat} runs taking turns "
          f"({record.name}, {os.cpu_count()} CPUs)")  # fmt: skip
    for name, seconds in median.items():
        print(f"  {name:<20} {seconds / theirs:5.2f} x check-jsonschema")
    ours = median["trialint"] / theirs
    print(f"  target: trialint <= {TARGET} x check-jsonschema: "
          f"{'meets target' if ours <= TARGET else 'BELOW TARGET'}")  # fmt: skip
    if args.against:
        print(f"  trialint is {median['trialint'] / median['trialint --against']:.2f} x "
              f"the time of {args.against}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
