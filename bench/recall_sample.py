#!/usr/bin/env python3
"""The 60 public records a curator's reading measures trialint's recall on (``recall.py``).

    python bench/recall_sample.py          # their NCT numbers, one per line

They are the API v2 studies of ``../shared/corpus/ctgov-v2`` whose hash of a fixed seed and the
NCT number comes first: fixed by the seed alone, not by a list anyone chose. They are read by a
person, in full, as a registry curator would (``recall-reference.tsv``), and never tuned on:
rules are written and checked on the other records.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ctgov-v2"
SEED = "trialint-recall-2026"
SIZE = 60


def sample(corpus: Path = CORPUS, size: int = SIZE) -> list[Path]:
    """The sampled records' files, in NCT order."""
    files = sorted(corpus.glob("NCT*.json"))
    ranked = sorted(files, key=lambda p: hashlib.sha256(f"{SEED}:{p.stem}".encode()).digest())
    return sorted(ranked[:size])


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    for path in sample():
        print(path.stem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
