#!/usr/bin/env python3
"""The public records the spelling figures are measured on, split once into two halves.

    python bench/spelling_corpus.py split            # how many studies fall in each half
    python bench/spelling_corpus.py dump HALF DIR    # a half's prose, for reading by a person

The records are the API v2 studies of ``../shared/corpus/ctgov-v2`` and the legacy XML studies
of ``../shared/corpus/ctgov-xml`` imported as ``trialint import`` does (a study in both is taken
once, in its API v2 form). A study's half follows from a hash of its NCT number and a fixed
seed, not from its position in a list: the halves stay the same as the corpus grows.

The tuning half is what rules are tuned on. The evaluation half is read by a person as a
copy-editor would (its prose, dumped by ``dump``, never trialint's findings on it) to make
``spelling-evaluation.tsv``, and is only measured, never tuned on.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from trialint.ctgov.imported import Imported
from trialint.ctgov.legacy_xml import convert_xml
from trialint.document.pointer import to_pointer
from trialint.document.textfields import TextIndex

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SEED = "trialint-spelling-2026"
HALVES = ("tuning", "evaluation")


@dataclass(frozen=True)
class PublicStudy:
    nct: str
    data: dict[str, Any]  # the study in the API v2 shape
    origin: str  # the corpus file it came from


def half_of(nct: str) -> str:
    """The half a study belongs to, fixed by the seed and its NCT number alone."""
    digest = hashlib.sha256(f"{SEED}:{nct}".encode()).digest()
    return HALVES[digest[0] & 1]


def public_studies(corpus: Path = CORPUS) -> Iterator[PublicStudy]:
    """Every public study once, in NCT order."""
    studies: dict[str, PublicStudy] = {}
    for path in sorted((corpus / "ctgov-v2").glob("NCT*.json")):
        data = orjson.loads(path.read_bytes())
        nct = data["protocolSection"]["identificationModule"]["nctId"]
        studies[nct] = PublicStudy(nct, data, str(path))
    for path in sorted((corpus / "ctgov-xml").glob("NCT*.xml")):
        for item in convert_xml(path.read_bytes(), str(path)):
            if isinstance(item, Imported) and item.nct_id and item.nct_id not in studies:
                studies[item.nct_id] = PublicStudy(item.nct_id, item.study, str(path))
    for nct in sorted(studies):
        yield studies[nct]


def half(name: str, corpus: Path = CORPUS) -> list[PublicStudy]:
    if name not in HALVES:
        raise ValueError(f"no half {name!r}: {' or '.join(HALVES)}")
    return [study for study in public_studies(corpus) if half_of(study.nct) == name]


def prose_fields(study: PublicStudy) -> list[tuple[str, str]]:
    """(JSON pointer, text) of the study's prose a copy-editor reads: every text field the
    text rules read, but names (of people, sites, sponsors) and the acronym."""
    return [
        (to_pointer(path), text)
        for path, text, _, name in TextIndex(study.data.get("protocolSection", {})).fields
        if not name
    ]


def dump(name: str, folder: Path, per_part: int = 30) -> int:
    """Write a half's prose in parts of ``per_part`` studies: ``=== NCT`` heads a study,
    ``@ pointer`` a field, its text following as it is in the record."""
    folder.mkdir(parents=True, exist_ok=True)
    studies = half(name)
    for number, start in enumerate(range(0, len(studies), per_part), 1):
        lines = []
        for study in studies[start : start + per_part]:
            lines.append(f"=== {study.nct}")
            for pointer, text in prose_fields(study):
                lines += [f"@ {pointer}", text, ""]
        (folder / f"{name}-{number:02}.txt").write_text("\n".join(lines), encoding="utf-8")
    return len(studies)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("split", help="how many studies fall in each half")
    dumping = commands.add_parser("dump", help="a half's prose, for reading")
    dumping.add_argument("half", choices=HALVES)
    dumping.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    if args.command == "split":
        for name in HALVES:
            print(f"{name}: {len(half(name))} studies")
    else:
        print(f"{dump(args.half, args.folder)} studies written to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
