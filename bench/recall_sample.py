#!/usr/bin/env python3
"""The public records a curator's reading measures trialint's recall on (``recall.py``).

    python bench/recall_sample.py [--sample first|second|third|fourth]   # NCT numbers, one a line

Each sample is 60 API v2 studies of ``../shared/corpus/ctgov-v2`` whose hash of the sample's
seed and the NCT number comes first: fixed by the seed alone, not by a list anyone chose. Each
is read by a person, in full, as a registry curator would (``recall-reference*.tsv``), never
through trialint's findings.

- ``first`` (seed trialint-recall-2026, ``recall-reference.tsv``) was held out until its
  misses were read and reported (issue 14, 2026-12-06); rules written since are tuned on it.
- ``second`` (seed trialint-recall-2026-second, ``recall-reference-second.tsv``) is drawn
  from the records outside the first; it was held out until 2026-12-07 (measured about a
  dozen times, figures only), and its misses may now be read to write rules, with the first's.
- ``third`` (seed trialint-recall-2026-third, ``recall-reference-third.tsv``) is drawn from
  the records outside both, read 2026-12-07; it was held out until 2026-12-08 (measured twice,
  figures only), and its misses may now be read to write rules.
- ``fourth`` (seed trialint-recall-2026-fourth, ``recall-reference-fourth.tsv``) is drawn from
  the records outside the first three, read 2026-12-08, and is the held-out sample now: its
  misses are for the closing note, never for writing rules.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ctgov-v2"
BENCH = Path(__file__).resolve().parent
SIZE = 60
# sample -> (seed, reference file); each sample is drawn from the records outside the earlier
SAMPLES = {
    "first": ("trialint-recall-2026", BENCH / "recall-reference.tsv"),
    "second": ("trialint-recall-2026-second", BENCH / "recall-reference-second.tsv"),
    "third": ("trialint-recall-2026-third", BENCH / "recall-reference-third.tsv"),
    "fourth": ("trialint-recall-2026-fourth", BENCH / "recall-reference-fourth.tsv"),
}
HELD_OUT = "fourth"


def _ranked(files: list[Path], seed: str) -> list[Path]:
    return sorted(files, key=lambda p: hashlib.sha256(f"{seed}:{p.stem}".encode()).digest())


def sample(name: str = "first", corpus: Path = CORPUS, size: int = SIZE) -> list[Path]:
    """The sampled records' files, in NCT order."""
    files = sorted(corpus.glob("NCT*.json"))
    for earlier in SAMPLES:
        seed, _ = SAMPLES[earlier]
        chosen = _ranked(files, seed)[:size]
        if earlier == name:
            return sorted(chosen)
        files = [path for path in files if path not in chosen]
    raise ValueError(f"no sample {name!r}: {' or '.join(SAMPLES)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", choices=tuple(SAMPLES), default=HELD_OUT)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    for path in sample(args.sample):
        print(path.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
