#!/usr/bin/env python3
"""Benchmark: the cost of linting one study, as the number of studies in one input grows.

    python bench/scale_lists.py [--corpus ../shared/corpus/ctgov-v2] [--max 10000] [--rounds 3]

Issue 17: a JSON list or API page of N studies must cost the same per study as N separate
files, for N from 100 to 50,000. For each N (100, 1,000, 10,000; 50,000 with --max 50000) the
same N studies (the corpus cycled, each renumbered NCT9xxxxxxx so that all are distinct) are
written in four forms:

- files: N separate JSON files in a folder, two-space indented as the registry's tools write
  a study (the corpus's own layout);
- list: one JSON list of the N studies, in the same indented layout;
- page: one API page ``{"studies": [...], "nextPageToken": null}``, compact, as the API v2
  serves it (so the unindented layout is measured too);
- zip: one zip of per-study JSON members, as the registry's ctg-studies.json.zip download.

Each form is linted with one job, in-process, as the command runs it
(``Linter().check_paths([...], jobs=1)``, each file's report written as it comes by the JSON
report's writer, to /dev/null, the run's counts kept), in a child process of its own: each
figure starts from a fresh heap, and the child's peak RSS is that form's alone. The issue's
target: a peak under 300 MB for 100,000 studies, not growing with N. The bench
prints CPU time per study (lint and report together), each form's ratio to the files at the
same N, and, per form, the ratio of the cost per study at the largest N to that at the
smallest (linear: about 1.0).

This machine's speed drifts by a third within an hour, and by a fifth from one minute to the
next. The forms of one N take turns, --rounds times, and each figure is the best of its
rounds; the ratio of a form's growth to the files' growth is the one to judge by, as drift
slows or speeds all forms of one N alike. The corpus is cycled past 837 studies, so caches of
the rules (spelling, most of all) serve repeated texts and the cost per study would fall with N
for every form. So that this falls alike on every N, each child first lints the whole corpus,
untimed, in the form it measures (the zip's members and the files are not read by the same
code): every figure is then taken with the caches as warm as they get.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import orjson

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ctgov-v2"
SIZES = (100, 1_000, 10_000, 50_000)
FORMS = ("files", "list", "page", "zip")
# Each figure covers at least this many studies (for N=100, twenty inputs of 100): 100
# studies take a tenth of a second, too short to time alone, and are no sample of the corpus.
STUDIES_PER_FIGURE = 2_000


def corpus_studies(corpus: Path) -> list[dict[str, Any]]:
    """The corpus's studies, in name order (INDEX.csv and any other file left out)."""
    return [orjson.loads(path.read_bytes()) for path in sorted(corpus.glob("NCT*.json"))]


def renumbered(
    studies: list[dict[str, Any]], n: int, first: str = "9", start: int = 0
) -> list[dict[str, Any]]:
    """N studies of the corpus cycled, from its ``start``-th on; the i-th is numbered NCT,
    ``first``, then i in seven digits."""
    result = []
    for index in range(start, start + n):
        study = dict(studies[index % len(studies)])
        protocol = dict(study["protocolSection"])
        identification = dict(protocol["identificationModule"])
        identification["nctId"] = f"NCT{first}{index:07d}"
        protocol["identificationModule"] = identification
        study["protocolSection"] = protocol
        result.append(study)
    return result


def write_forms(studies: list[dict[str, Any]], folder: Path) -> dict[str, Path]:
    """The four forms of the same studies, under ``folder``."""
    files = folder / "files"
    files.mkdir(parents=True)
    with zipfile.ZipFile(folder / "ctg-studies.json.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for study in studies:
            name = f"{study['protocolSection']['identificationModule']['nctId']}.json"
            text = orjson.dumps(study, option=orjson.OPT_INDENT_2)
            (files / name).write_bytes(text)
            archive.writestr(name, text)
    (folder / "list.json").write_bytes(orjson.dumps(studies, option=orjson.OPT_INDENT_2))
    (folder / "page.json").write_bytes(orjson.dumps({"studies": studies, "nextPageToken": None}))
    return {
        "files": files,
        "list": folder / "list.json",
        "page": folder / "page.json",
        "zip": folder / "ctg-studies.json.zip",
    }


@dataclass
class Figure:
    """What one child measured: CPU seconds per study (and of them, the garbage collector's),
    findings per study, peak RSS."""

    per_study: float
    collector: float
    findings: float
    peak_mb: float
    rest_mb: float


def measure(paths: list[Path], warm_up: Path) -> Figure:
    """Lint each of ``paths`` in a child process and read back its figures."""
    command = [sys.executable, __file__, "--child", str(warm_up), *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the child linting {paths[0]} failed:\n{done.stderr}")
    return Figure(**json.loads(done.stdout))


def peak_kb() -> int:
    """This process's peak RSS in KB, its own: Linux carries ``ru_maxrss`` across exec, so a
    child forked from this bench (which holds N studies) would report the bench's size; the
    kernel's high-water mark of the child's own memory (VmHWM) starts afresh at exec."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1])


def child(warm_up: Path, paths: list[Path]) -> int:
    """In the child: lint ``warm_up``, the corpus in the same form, first (imports,
    vocabularies and caches loaded outside the time), then time the lint of each of ``paths``
    with its JSON report."""
    from trialint.lint.outcome import RunSummary
    from trialint.lint.runner import Linter
    from trialint.report import ReportOptions, open_writer

    linter = Linter()

    def write_report(path: Path, sink: TextIO) -> RunSummary:
        """Lint ``path`` and write its report as the command does: each file as it comes."""
        writer = open_writer("json", sink, ReportOptions())
        summary = RunSummary()
        for report in linter.check_paths([str(path)], jobs=1):
            summary.add(report)
            writer.add(report)
        writer.finish(summary)
        return summary

    collecting = [0.0, 0.0]  # CPU seconds in collections, when the current one started

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting[1] = time.process_time()
        else:
            collecting[0] += time.process_time() - collecting[1]

    with Path(os.devnull).open("w", encoding="utf-8") as sink:
        write_report(warm_up, sink)
        rest = peak_kb()
        seconds, studies, findings = 0.0, 0, 0
        gc.callbacks.append(timed)
        for path in paths:
            started = time.process_time()
            summary = write_report(path, sink)
            seconds += time.process_time() - started
            if summary.errors:
                print("\n".join(summary.errors), file=sys.stderr)
                return 1
            studies += summary.studies
            findings += summary.findings
    peak = peak_kb()
    figure = Figure(seconds / studies, collecting[0] / studies, findings / studies, peak / 1024,
                    rest / 1024)  # fmt: skip
    print(json.dumps(figure.__dict__))
    return 0


def measure_size(
    studies: list[dict[str, Any]], n: int, rounds: int, warm_up: dict[str, Path]
) -> dict[tuple[int, str], Figure]:
    """The best figure of each form of N studies over ``rounds``, the forms taking turns.

    A figure covers at least STUDIES_PER_FIGURE studies: for a small N, that many studies of
    the cycled corpus cut into inputs of N, each linted once. Studies vary tenfold in size, and
    100 of them are no sample of the corpus; 2,000 in a row are, as a large N's are."""
    best: dict[tuple[int, str], Figure] = {}
    with tempfile.TemporaryDirectory(prefix="trialint-scale-") as tmp:
        started = time.perf_counter()
        inputs = [
            write_forms(renumbered(studies, n, start=run * n), Path(tmp) / str(run))
            for run in range(max(1, math.ceil(STUDIES_PER_FIGURE / n)))
        ]
        megabytes = sum(p.stat().st_size for p in inputs[0]["files"].iterdir()) / 1e6
        print(f"N={n:,}: {megabytes:,.0f} MB of JSON ({len(inputs)} of them), written in "
              f"{time.perf_counter() - started:.0f} s ", end="", flush=True)  # fmt: skip
        for _ in range(rounds):  # the forms of one N in turn, close in time
            for form in FORMS:
                figure = measure([forms[form] for forms in inputs], warm_up[form])
                if (n, form) not in best or figure.per_study < best[n, form].per_study:
                    best[n, form] = figure
            print(".", end="", flush=True)
        print(" " + ", ".join(f"{form} {1000 * best[n, form].per_study:.2f} ms"
                              for form in FORMS))  # fmt: skip
    return best


def print_table(figures: dict[tuple[int, str], Figure], sizes: list[int]) -> None:
    print("\nCPU per study in ms (lint + JSON report, one job), and each form / files at that N")
    print("(page: compact, as the API serves it; the other forms indented, as the corpus)")
    print(f"{'N':>7} " + "".join(f"{form:>17}" for form in FORMS) + "   peak RSS, MB")
    for n in sizes:
        files = figures[n, "files"].per_study
        cells = []
        for form in FORMS:
            cost = figures[n, form].per_study
            ratio = "" if form == "files" else f"{cost / files:5.2f}x"
            cells.append(f"{1000 * cost:10.3f} {ratio:>6}")
        peaks = " ".join(f"{figures[n, form].peak_mb:6.0f}" for form in FORMS)
        print(f"{n:>7} {''.join(cells)}   {peaks}")
    smallest, largest = sizes[0], sizes[-1]
    files_growth = figures[largest, "files"].per_study / figures[smallest, "files"].per_study
    print(f"\ngrowth of the cost per study, N={largest:,} over N={smallest:,} (linear: about 1.0)")
    print(f"  {'form':<6} {'cost per study':>15} {'relative to files':>18} "
          f"{'collector ms/study':>19} {'findings/study':>15}")  # fmt: skip
    for form in FORMS:
        growth = figures[largest, form].per_study / figures[smallest, form].per_study
        big, small = figures[largest, form], figures[smallest, form]
        collector = f"{1000 * small.collector:.2f} -> {1000 * big.collector:.2f}"
        print(f"  {form:<6} {growth:15.2f} {growth / files_growth:18.2f} {collector:>19} "
              f"{big.findings:15.1f}")  # fmt: skip
    rest = max(figure.rest_mb for figure in figures.values())
    print(f"\npeak RSS: each form's own child process, in the order {', '.join(FORMS)}; a "
          f"child holds up to {rest:.0f} MB once it has linted the corpus")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--max", type=int, default=10_000, choices=SIZES,
        help="the largest N (default 10,000: a few minutes; 50,000 takes half an hour and "
        "about 8 GB of disk)",
    )  # fmt: skip
    parser.add_argument("--rounds", type=int, default=3, help="turns of the forms per N")
    parser.add_argument("--child", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        warm_up, *paths = args.child
        return child(warm_up, paths)
    if not args.corpus.is_dir() or not any(args.corpus.glob("NCT*.json")):
        print(f"no corpus of API v2 studies (NCT*.json) at {args.corpus}: pass --corpus",
              file=sys.stderr)  # fmt: skip
        return 2
    sizes = [n for n in SIZES if n <= args.max]
    studies = corpus_studies(args.corpus)
    print(f"corpus: {len(studies)} studies, cycled; Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    figures: dict[tuple[int, str], Figure] = {}
    with tempfile.TemporaryDirectory(prefix="trialint-scale-warm-") as warm:
        # The corpus in each form, numbered NCT8xxxxxxx: what a child lints before its figure.
        warm_up = write_forms(renumbered(studies, len(studies), first="8"), Path(warm))
        for n in sizes:
            figures.update(measure_size(studies, n, args.rounds, warm_up))
    print_table(figures, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
