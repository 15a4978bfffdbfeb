#!/usr/bin/env python3
"""Time per study of writing records (trialint import's YAML writer), against ruamel.yaml.

    python bench/import_corpus.py [../shared/corpus]

Reads the corpus's API v2 JSON files and legacy XML files once, then writes every study with
the ruamel.yaml round-trip dumper the importer used to use (the baseline, timed in this same
run) and with the writer it uses now, and prints both per study, their ratio, and how many
records differ byte for byte (there should be none).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trialint.ctgov.imported import ImportProblem
from trialint.ctgov.sources import read_sources
from trialint.ctgov.write import _render_ruamel, render

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main(argv: list[str] | None = None) -> int:
    corpus = Path((argv if argv is not None else sys.argv[1:] or [DEFAULT])[0])
    sources = sorted((corpus / "ctgov-v2").glob("*.json")) + sorted(
        (corpus / "ctgov-xml").glob("*.xml")
    )
    if not sources:
        print(f"no ctgov-v2/*.json or ctgov-xml/*.xml under {corpus}", file=sys.stderr)
        return 2
    work = []
    for path in sources:
        for item in read_sources(path):
            if not isinstance(item, ImportProblem):
                comment = f"Imported by trialint from {path.name}"
                if item.unmapped:
                    comment += "\nNot mapped (no API v2 field): " + ", ".join(item.unmapped)
                work.append((item.study, comment))

    def timed(write: Callable[[dict[str, Any], str], str]) -> tuple[float, list[str]]:
        started = time.perf_counter()
        texts = [write(study, comment) for study, comment in work]
        return (time.perf_counter() - started) / len(work) * 1000, texts

    old_ms, old = timed(_render_ruamel)
    new_cold_ms, new = timed(render)  # first pass: the scalar caches are empty
    new_ms, _ = timed(render)
    differ = sum(a != b for a, b in zip(old, new, strict=True))
    print(f"{len(work)} studies from {len(sources)} files")
    print(f"ruamel.yaml (baseline): {old_ms:7.2f} ms/study")
    print(f"writer, first pass:     {new_cold_ms:7.2f} ms/study  ({old_ms / new_cold_ms:.0f}x)")
    print(f"writer, second pass:    {new_ms:7.2f} ms/study  ({old_ms / new_ms:.0f}x)")
    print(f"records that differ byte for byte: {differ}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
