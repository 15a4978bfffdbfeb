#!/usr/bin/env python3
"""Benchmark: lint a registry download of N studies end to end, and what it costs in memory.

    python bench/registry_scale.py [--sizes 1000,10000,100000] [--jobs N] [--registry]

For each N, builds the registry's own download layout (``ctg-studies.json.zip``: one API v2
JSON file per study) from the corpus in ``../shared/corpus/ctgov-v2`` (its studies reused
under new NCT numbers beyond its size), then runs, each as a fresh process tree and in turns:

- parse: a Python process that reads every member and parses it with orjson, nothing kept
  (the floor any reader of the download pays);
- lint: ``trialint lint --output-format json --output FILE ZIP`` with the default jobs (all
  CPUs), every rule, the report written to a file.

It samples the resident memory of the whole process tree (the process and every process it
started, from /proc, every 20 ms) and prints, for each N: wall time, CPU time per study (the
tree's user + system time), the lint's CPU per study as a multiple of the parse's, and the
peak memory of the tree, with its growth per 1,000 studies between sizes. Targets (issue 17):
memory under 300 MB at 100,000 studies and flat in N; at most 8x the parse per study on one
core; the whole registry (``--registry``: 560,000 studies) in at most 4 minutes on 2 cores.
Linux only (it reads /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ctgov-v2"
REGISTRY_SIZE = 560_000
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

PARSE = """
import sys, zipfile, orjson
with zipfile.ZipFile(sys.argv[1]) as archive:
    for name in archive.namelist():
        orjson.loads(archive.read(name))
"""


def build_download(corpus: Path, size: int, target: Path) -> None:
    """``size`` corpus studies, renumbered NCT9xxxxxxx beyond the first round, one JSON member
    each, as the registry's download holds them."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.json"))]
    if not texts:
        sys.exit(f"no API v2 JSON records in {corpus}")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for index in range(size):
            study = json.loads(texts[index % len(texts)])
            nct = f"NCT9{index:07d}"
            study["protocolSection"]["identificationModule"]["nctId"] = nct
            archive.writestr(f"{nct}.json", json.dumps(study, indent=2, ensure_ascii=False))


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, read from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid, parent = int(entry.name), int(fields[1])
        children.setdefault(parent, []).append(pid)
        rss[pid] = int(fields[21]) * _PAGE
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


@dataclass
class Measure:
    wall: float
    cpu: float
    peak_rss: int


def measure(command: list[str]) -> Measure:
    """Run ``command``, sampling its process tree's memory; its wall and CPU time."""
    before = os.times()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.02):
            peak = max(peak, _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = os.times()
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({process.returncode}): {err.decode()[-2000:]}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return Measure(wall, cpu, peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--registry", action="store_true", help=f"{REGISTRY_SIZE:,} studies")
    parser.add_argument("--jobs", type=int, default=None, help="lint's --jobs (default: all)")
    args = parser.parse_args()
    sizes = [REGISTRY_SIZE] if args.registry else [int(s) for s in args.sizes.split(",")]
    print(f"{'studies':>9} {'form':>6} {'wall s':>8} {'CPU ms/study':>13} {'x parse':>8} "
          f"{'peak MB':>8}")  # fmt: skip
    previous: tuple[int, int] | None = None
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            download = Path(scratch) / f"ctg-studies-{size}.json.zip"
            build_download(args.corpus, size, download)
            parse = measure([sys.executable, "-c", PARSE, str(download)])
            report = Path(scratch) / "report.json"
            lint_command = [sys.executable, "-m", "trialint", "lint", "--output-format", "json",
                            "--output", str(report), str(download)]  # fmt: skip
            if args.jobs:
                lint_command[4:4] = ["--jobs", str(args.jobs)]
            lint = measure(lint_command)
            for name, run in (("parse", parse), ("lint", lint)):
                ratio = f"{run.cpu / parse.cpu:8.1f}" if name == "lint" else f"{1:8.1f}"
                print(f"{size:>9,} {name:>6} {run.wall:8.1f} {run.cpu / size * 1000:13.3f} "
                      f"{ratio} {run.peak_rss / 2**20:8.0f}")  # fmt: skip
            if previous is not None:
                grown = (lint.peak_rss - previous[1]) / 2**10 / ((size - previous[0]) / 1000)
                print(f"{'':>9} lint memory grew {grown:,.0f} kB per 1,000 studies since "
                      f"{previous[0]:,}")  # fmt: skip
            previous = (size, lint.peak_rss)
            download.unlink()


if __name__ == "__main__":
    main()
