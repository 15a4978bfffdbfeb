#!/usr/bin/env python3
"""Benchmark: diffing two snapshots costs little more than reading them, in bounded memory.

    python bench/diff_snapshots.py [--corpus ../shared/corpus/ctgov-v2] [--sizes 1000,10000]
                                   [--forms folder,list,page]

For each size N, builds two snapshots of N real studies (the corpus's 837, reused under new NCT
numbers beyond that), the new one with about 1% of its studies edited as curators edit them (a
status changed, a date slipped, an outcome reworded, a site added), in each form ``--forms``
names. ``folder``: folders of JSON files, one study per file, the new snapshot written twice,
one case each:

- identical: the unchanged studies' files byte for byte the old ones (a folder kept in git,
  a mirror updated in place), so the diff can know them by their bytes without parsing;
- reserialised: every file of the new side written again with another layout (compact, keys
  sorted), as a download from another tool or a re-export gives: no file's bytes are the old
  ones, though 99% of the studies are, so both sides are parsed and fingerprinted.

``list``: each snapshot one JSON list, as the registry's website downloads it
(``ctg-studies.json``, laid out as orjson indents it); ``page``: each one API page
``{"studies": [...], "nextPageToken": ...}``, compact, as the API serves it. A list or page of
``load.STREAM_FROM`` bytes or more (8 MB: every size from 1,000) is read element by element.

Then measures, for each case, in the same run and each in a fresh process (the best of
``--repeat`` runs, taken in turns):

- parse: every file of both snapshots read and parsed (``load_bytes``, as lint and the diff
  parse; a large list or page element by element, as lint reads it), one side after the
  other, through the input layer the diff reads through, nothing kept (the floor any diff
  pays);
- diff: ``diff_sides`` with the real ``compare_studies``, every result consumed.

Prints the time per study, the ratio diff/parse in wall-clock time and in CPU time (the CPU
ratio is the steadier one on a busy machine; target for both: at most 1.3, issue 17) and the
peak resident memory of each process (``VmHWM``, the process's own high-water mark: a child's
``ru_maxrss`` starts from its parent's, which holds the corpus). Both workers import the same
modules, so the difference is the work's own memory: the diff's index of the old side and the
new side's list of names seen, a fixed number of bytes per study. Resident memory is coarse
(freed pages are reused), so the bytes per study of the index alone are also measured exactly,
with tracemalloc, and ``--traced`` adds a run of each under tracemalloc (several times slower,
not timed) for the exact peak of Python allocations and its growth per study.

100,000 studies (the scale of issue 17; the registry holds about 550,000):

    python bench/diff_snapshots.py --sizes 100000 --repeat 1

needs about 7.5 GB free under $TMPDIR (three folders of 100,000 files) and takes 10 to 20
minutes, most of it writing the snapshots and the parse baselines.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ctgov-v2"
TARGET_RATIO = 1.3  # issue 17: diff at most 1.3x merely parsing both sides
EDITED_SHARE = 100  # one study in this many is edited on the new side
SEED = 20240315


# --- building the snapshots -------------------------------------------------------------------


def corpus_texts(corpus: Path) -> list[tuple[str, str]]:
    """(nctId, JSON text) of every corpus study, in file order."""
    texts = []
    for path in sorted(corpus.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        nct_id = json.loads(text)["protocolSection"]["identificationModule"]["nctId"]
        texts.append((nct_id, text))
    return texts


def renumbered(texts: list[tuple[str, str]], index: int) -> tuple[str, str]:
    """The index-th study of a snapshot: a corpus study, under a new NCT number past the
    corpus's size (replaced everywhere, as the registry would have written it)."""
    nct_id, text = texts[index % len(texts)]
    if index < len(texts):
        return nct_id, text
    new_id = f"NCT{90_000_000 + index:08d}"
    return new_id, text.replace(nct_id, new_id)


def _set_status(protocol: dict[str, Any]) -> bool:
    status = protocol.setdefault("statusModule", {})
    status["overallStatus"] = (
        "COMPLETED" if status.get("overallStatus") != "COMPLETED" else ("TERMINATED")
    )
    return True


def _slip_date(protocol: dict[str, Any]) -> bool:
    """Six months later, at the precision the date has."""
    status = protocol.get("statusModule", {})
    for name in ("primaryCompletionDateStruct", "completionDateStruct", "startDateStruct"):
        date = (status.get(name) or {}).get("date")
        if isinstance(date, str) and len(date) >= 7:
            year, month = int(date[:4]), int(date[5:7]) + 6
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            status[name]["date"] = f"{year:04d}-{month:02d}" + (date[7:10] if date[7:] else "")
            return True
    return False


def _reword_outcome(protocol: dict[str, Any]) -> bool:
    outcomes = (protocol.get("outcomesModule") or {}).get("primaryOutcomes") or []
    if not outcomes or not isinstance(outcomes[0].get("measure"), str):
        return False
    outcomes[0]["measure"] = outcomes[0]["measure"].rstrip(".") + ", as assessed by a clinician"
    return True


def _add_site(protocol: dict[str, Any]) -> bool:
    contacts = protocol.setdefault("contactsLocationsModule", {})
    contacts.setdefault("locations", []).append(
        {"facility": "Hôpital du Banc d'Essai", "city": "Lyon", "country": "France"}
    )
    return True


EDITS: list[Callable[[dict[str, Any]], bool]] = [
    _set_status,
    _slip_date,
    _reword_outcome,
    _add_site,
]


def edited(text: str, which: int) -> str:
    """The study with one curator's edit (a status change when the edit does not apply)."""
    data = json.loads(text)
    protocol = data["protocolSection"]
    if not EDITS[which % len(EDITS)](protocol):
        _set_status(protocol)
    return json.dumps(data, indent=2, ensure_ascii=False)


def reserialised(text: str) -> str:
    """The study written again as another tool writes it: compact, keys sorted."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# The new side of each case of the folder form: a folder beside old/.
CASES = {"identical": "new", "reserialised": "reserialised"}
# The other forms: one file per side, old.<form>.json and new.<form>.json.
FILE_FORMS = ("list", "page")
FORMS = ("folder", *FILE_FORMS)


def snapshots(texts: list[tuple[str, str]], size: int) -> Iterator[tuple[str, str, str, bool]]:
    """(nctId, old text, new text, edited) of each study of the two snapshots, in order: the
    same studies edited whatever the form, so that the forms' figures compare."""
    rng = random.Random(SEED + size)
    chosen = set(rng.sample(range(size), max(1, size // EDITED_SHARE)))
    for index in range(size):
        nct_id, text = renumbered(texts, index)
        yield nct_id, text, edited(text, index) if index in chosen else text, index in chosen


def build(texts: list[tuple[str, str]], size: int, folder: Path) -> int:
    """old/, new/ and reserialised/ under ``folder``; returns how many studies the new side
    edits. A corpus study is re-serialised once: renumbering replaces the same strings in
    either layout."""
    for name in ("old", *CASES.values()):
        (folder / name).mkdir()
    compact = [(nct_id, reserialised(text)) for nct_id, text in texts]
    edits = 0
    for index, (nct_id, text, new_text, changed) in enumerate(snapshots(texts, size)):
        (folder / "old" / f"{nct_id}.json").write_text(text, encoding="utf-8")
        again = reserialised(new_text) if changed else renumbered(compact, index)[1]
        (folder / "new" / f"{nct_id}.json").write_text(new_text, encoding="utf-8")
        (folder / "reserialised" / f"{nct_id}.json").write_text(again, encoding="utf-8")
        edits += changed
    return edits


def build_file(texts: list[tuple[str, str]], size: int, folder: Path, form: str) -> None:
    """old.<form>.json and new.<form>.json under ``folder``, written a study at a time: a
    list indented as orjson writes it (the registry's download), or a compact API page."""
    import orjson

    files = [(folder / f"{side}.{form}.json").open("wb") for side in ("old", "new")]
    try:
        for out in files:
            out.write(b"[" if form == "list" else b'{"studies":[')
        for index, (_, *sides, _) in enumerate(snapshots(texts, size)):
            for out, text in zip(files, sides, strict=True):
                value = orjson.loads(text)
                if form == "list":
                    element = b"\n  " + orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(
                        b"\n", b"\n  "
                    )
                else:
                    element = orjson.dumps(value)
                out.write(element if index == 0 else b"," + element)
        for out in files:
            out.write(b"\n]" if form == "list" else b'],"nextPageToken":"NF0g5JGBlPMu"}')
    finally:
        for out in files:
            out.close()


# --- the measurements, each in its own process ------------------------------------------------


def measure_parse(old: Path, new: Path) -> dict[str, Any]:
    """Each side listed and parsed in turn, through the input layer the diff reads through
    (``sources.open_paths``: the listing streamed, each file read once), nothing kept; a
    large list or page element by element, as lint reads it (``document.stream``)."""
    from trialint.document.load import STREAM_FROM, format_of, load_bytes
    from trialint.document.stream import read_collection
    from trialint.sources.inputs import Input, open_paths

    started = time.perf_counter()
    studies = 0
    for side in (old, new):
        with open_paths([str(side)]) as inputs:
            for item in inputs:
                if not isinstance(item, Input):
                    continue
                if (item.size() or 0) >= STREAM_FROM and format_of(item.name) == "json":
                    with item.open() as stream:
                        elements = read_collection(stream, item.name)
                        if elements is not None:
                            studies += sum(len(loaded.studies) for loaded in elements)
                            continue
                loaded = load_bytes(item.read(), item.name, format_of(item.name))
                studies += len(loaded.studies)
    return {"seconds": time.perf_counter() - started, "studies": studies}


def measure_diff(old: Path, new: Path) -> dict[str, Any]:
    from trialint.diff.compare import compare_studies  # imported here: see the report
    from trialint.diff.inputs import open_paths
    from trialint.diff.snapshot import diff_sides

    started = time.perf_counter()
    changes = 0
    with open_paths([str(old)]) as before, open_paths([str(new)]) as after:
        diff = diff_sides(before, after, compare=compare_studies)
        for result in diff:
            changes += len(result.changes)
        problems = len(before.problems) + len(after.problems) + len(diff.summary.problems)
    summary = diff.summary
    return {
        "seconds": time.perf_counter() - started,
        "studies": summary.indexed + summary.scanned,
        "parsed": before.parsed + after.parsed,
        "changed": summary.changed,
        "compared": summary.compared,
        "unchanged": summary.unchanged,
        "added": summary.added,
        "removed": summary.removed,
        "changes": changes,
        "problems": problems,
    }


def measure_index(old: Path, new: Path) -> dict[str, Any]:
    """The bytes the diff keeps per study of the old side (its index: a StudyRef per study,
    the twins of its files), exactly: Python's allocations (tracemalloc) once the old side
    is indexed and its cache of parsed files emptied. Not timed."""
    from trialint.diff.compare import compare_studies
    from trialint.diff.inputs import open_paths
    from trialint.diff.normalize import canonical, fingerprint
    from trialint.diff.snapshot import diff_sides
    from trialint.document.load import load_file

    # What the first study read loads once (the schema's section names, orjson): not the index.
    if old.is_dir():
        study = load_file(next(old.glob("*.json"))).studies[0]
    else:
        from trialint.document.stream import read_collection

        with old.open("rb") as stream:
            elements = read_collection(stream, str(old)) or iter(())
            study = next(study for loaded in elements for study in loaded.studies)
    fingerprint(canonical(study.data))
    with open_paths([str(old)]) as before, open_paths([str(new)]) as after:
        diff = diff_sides(before, after, compare=compare_studies)
        gc.collect()
        tracemalloc.start()
        start = tracemalloc.get_traced_memory()[0]
        index = diff._index_old()
        before._cache._files.clear()  # the last few parsed files: not the index
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - start
        tracemalloc.stop()
        studies = len(index[0])
    return {"seconds": 0.0, "studies": studies, "index_bytes": kept}


Pair = tuple[dict[str, Any], dict[str, Any]]  # (parse, diff)
Row = tuple[int, str, Pair, Pair | None]  # (N, case, timed, traced)
MEASURES = {"parse": measure_parse, "diff": measure_diff, "index": measure_index}


def peak_rss_kb() -> int:
    """This process's own peak resident memory in KiB: ``VmHWM`` on Linux. ``ru_maxrss``
    elsewhere, which on Linux starts from the parent's peak (it survives exec), here the
    corpus the parent holds, and would hide the difference between the workers."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def worker(kind: str, old: Path, new: Path) -> None:
    """One measurement in this process; prints its result and peak memory as JSON.
    ``KIND+traced`` measures under tracemalloc instead: its peak, not its time."""
    # The same imports in both workers, so their baselines match.
    import trialint.diff.compare
    import trialint.diff.snapshot
    import trialint.document.load  # noqa: F401

    kind, _, traced = kind.partition("+")
    if traced:
        tracemalloc.start()
    cpu = time.process_time()
    result = MEASURES[kind](old, new)
    result["cpu"] = time.process_time() - cpu
    if traced:
        result["traced_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    result["peak_kb"] = peak_rss_kb()
    print(json.dumps(result))


def run_worker(kind: str, old: Path, new: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", kind, str(old), str(new)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"the {kind} measurement failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def best_pair(old: Path, new: Path, repeat: int) -> Pair:
    """The fastest of ``repeat`` runs of parse and of diff, taken in turns so that both see
    the same load from whatever else runs on the machine (wall and CPU time each the
    fastest of its runs; memory that of the fastest run)."""
    runs: dict[str, list[dict[str, Any]]] = {"parse": [], "diff": []}
    for _ in range(repeat):
        for kind, results in runs.items():
            results.append(run_worker(kind, old, new))
    best = []
    for results in runs.values():
        fastest = dict(min(results, key=lambda r: r["seconds"]))
        fastest["cpu"] = min(r["cpu"] for r in results)
        best.append(fastest)
    return best[0], best[1]


# --- the report ---------------------------------------------------------------------------------


def report(size: int, case: str, edits: int, parse: dict[str, Any], diff: dict[str, Any]) -> None:
    ratio, cpu_ratio = diff["seconds"] / parse["seconds"], diff["cpu"] / parse["cpu"]
    print(f"\nN = {size:,} studies per snapshot, {edits} edited on the new side, {case}")
    for name, result in (("parse", parse), ("diff", diff)):
        per_study = result["seconds"] / size * 1e6
        print(
            f"  {name:5}  {result['seconds']:7.2f} s (CPU {result['cpu']:7.2f} s)  "
            f"{per_study:6.0f} us per study (both sides)  "
            f"peak memory {result['peak_kb'] / 1024:6.1f} MiB"
        )
    verdict = "meets target" if max(ratio, cpu_ratio) <= TARGET_RATIO else "ABOVE TARGET"
    print(
        f"  diff/parse {ratio:.2f} (CPU {cpu_ratio:.2f}; target <= {TARGET_RATIO}: {verdict}), "
        f"memory diff - parse {(diff['peak_kb'] - parse['peak_kb']) * 1024 / size:,.0f} bytes "
        "per study"
    )
    print(
        f"  found: {diff['changed']} changed ({diff['changes']} changes), "
        f"{diff['unchanged']:,} unchanged, {diff['added']} added, {diff['removed']} removed, "
        f"{diff['problems']} problems; {diff['parsed']:,} files parsed"
    )
    if diff["changed"] != edits or diff["added"] or diff["removed"] or diff["problems"]:
        print(f"  WARNING: expected exactly {edits} changed studies and nothing else")


def memory_growth(rows: list[Row]) -> None:
    """How the peaks grow with N: the diff's growth beyond parsing's is its index."""
    for case in dict.fromkeys(case for _, case, _, _ in rows):
        timed = [(size, pair) for size, kind, pair, _ in rows if kind == case]
        print(f"\npeak memory by N, {case} (resident, VmHWM of each process):")
        _growth([(size, p["peak_kb"] * 1024, d["peak_kb"] * 1024) for size, (p, d) in timed])
        traced = [(size, pair) for size, kind, _, pair in rows if kind == case and pair]
        if traced:
            print(f"peak memory by N, {case} (Python allocations, tracemalloc):")
            _growth([(size, p["traced_peak"], d["traced_peak"]) for size, (p, d) in traced])


def _growth(peaks: list[tuple[int, int, int]]) -> None:
    for size, parse, diff in peaks:
        print(
            f"  N = {size:>9,}: parse {parse / 2**20:6.1f} MiB, diff {diff / 2**20:6.1f} MiB, "
            f"diff - parse {(diff - parse) / 2**20:5.1f} MiB, {(diff - parse) / size:,.0f} "
            "bytes per study"
        )
    if len(peaks) >= 2:
        (small, parse_low, diff_low), (large, parse_high, diff_high) = peaks[0], peaks[-1]
        studies = large - small
        print(
            f"  growth per study: parse {(parse_high - parse_low) / studies:,.0f} bytes, "
            f"diff {(diff_high - diff_low) / studies:,.0f} bytes"
        )


def measure_form(
    texts: list[tuple[str, str]], size: int, folder: Path, form: str, args: argparse.Namespace
) -> list[Row]:
    """Build the snapshots of one form under ``folder``, measure and report each of its cases."""
    if form == "folder":
        edits = build(texts, size, folder)
        cases = [(case, folder / "old", folder / name) for case, name in CASES.items()]
    else:
        build_file(texts, size, folder, form)
        edits = max(1, size // EDITED_SHARE)
        cases = [(form, folder / f"old.{form}.json", folder / f"new.{form}.json")]
    os.sync()  # the snapshots on disk before timing: no write-back during a run
    rows: list[Row] = []
    for case, old, new in cases:
        timed = best_pair(old, new, args.repeat)
        traced = (
            (run_worker("parse+traced", old, new), run_worker("diff+traced", old, new))
            if args.traced
            else None
        )
        report(size, case, edits, *timed)
        rows.append((size, case, timed, traced))
    index = run_worker("index", cases[0][1], cases[0][2])
    print(
        f"\nN = {size:,}, {form}: the diff's index of the old side holds "
        f"{index['index_bytes'] / index['studies']:,.0f} bytes per study "
        f"({index['index_bytes'] / 2**20:.1f} MiB in all, Python allocations by "
        "tracemalloc; fixed costs such as the twins' 1 MiB map count: small N reads high)"
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="studies per snapshot, comma-separated (default: 1000,10000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement, the best kept (3)"
    )
    parser.add_argument(
        "--traced", action="store_true", help="also measure memory with tracemalloc (slow)"
    )
    parser.add_argument(
        "--forms",
        default=",".join(FORMS),
        help="snapshot forms, comma-separated: folder (one file per study), list (one JSON "
        "list), page (one API page); default: all",
    )
    parser.add_argument("--worker", nargs=3, metavar=("KIND", "OLD", "NEW"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        kind, old, new = args.worker
        worker(kind, Path(old), Path(new))
        return 0
    try:
        sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes: expected numbers such as 1000,10000, got {args.sizes!r}")
    if not sorted(args.corpus.glob("*.json")):
        print(
            f"the corpus is not there: {args.corpus} holds no *.json study (the real records "
            "of ../shared/corpus/ctgov-v2/ beside this clone; --corpus names another folder)",
            file=sys.stderr,
        )
        return 2
    forms = [form.strip() for form in args.forms.split(",")]
    if not set(forms) <= set(FORMS):
        parser.error(f"--forms: expected some of {','.join(FORMS)}, got {args.forms!r}")
    texts = corpus_texts(args.corpus)
    print(f"corpus: {len(texts)} studies from {args.corpus}")
    rows: list[Row] = []
    for size in sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"trialint-diff-{size}-"))
        try:
            for form in forms:
                rows += measure_form(texts, size, folder, form, args)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    memory_growth(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
