#!/usr/bin/env python3
"""Two probes of the spelling detector that owe nothing to the copy-editor's lists.

    python bench/spelling_probes.py slips [--half tuning|evaluation] [--seed N]
    python bench/spelling_probes.py names [--half tuning|evaluation] [--show]

``bench/spelling.py`` measures the detector against what a copy-editor marked; a rule written
from a half's misses may know only those. These probes measure what a rule of the detector
must do wherever it is, on text no list was made from:

- ``slips``: up to three words (of five letters or more, known to the vocabularies) of each
  study's prose are given one typist's slip each (two letters swapped, one dropped, doubled,
  added, or struck for a neighbouring key) and the detector is asked whether it sees the
  slipped word. Prints the share seen, by module and by case. A slip that makes a known
  word is not counted: that is a real-word error, T002's.
- ``names``: every name of the half's name fields (sites, sponsors, officials, cities,
  affiliations) is written into a sentence of prose, where the detector reads it as it
  reads a name a record writes in running text. A name is never a misspelling: every
  finding is false. Prints how many (``--show`` lists them).

Both ask ``Detector.suspects`` directly, with the vocabularies as shipped. Read the slips the
probe misses and the names it reports on the tuning half only; on the evaluation half, the
figures.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import string
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

from spelling_corpus import CORPUS, HALVES, PublicStudy, half
from trialint.document.textfields import TextIndex
from trialint.spelling.candidates import NearWords, typed_for
from trialint.spelling.detector import Detector, Suspect
from trialint.spelling.vocabulary import KNOWN, vocabulary

SLIPS_PER_STUDY = 3
WORD = re.compile(r"(?<![\w-])([A-Za-z][a-z]{4,})(?![\w-])")
VOWELS = frozenset("aeiouy")
NAME_KEYS = frozenset(
    {"facility", "name", "investigatorFullName", "affiliation", "city", "investigatorAffiliation"}
)
# Prose a name is written into, long enough that the field reads as a paragraph, not a title.
PROSE = (
    "Adults with knee osteoarthritis who walk less than an hour a day are randomly assigned "
    "to supervised exercise training or usual care, and their walking is compared after "
    "twelve weeks. The study is run with {name} for twelve weeks."
)


def detector() -> Detector:
    known = vocabulary()
    return Detector(known, NearWords(known))


def slipped(word: str, rng: random.Random) -> str | None:
    """``word`` with one typist's slip at a random place, or None for no slip of that kind."""
    kind, at = rng.choice(("swap", "drop", "double", "add", "key")), rng.randrange(len(word))
    if kind == "swap":
        at = min(at, len(word) - 2)
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    if kind == "add":
        return word[:at] + rng.choice(string.ascii_lowercase) + word[at:]
    keys = [
        key
        for key in string.ascii_lowercase
        if key != word[at] and typed_for(key, word[at]) and not {key, word[at]} <= VOWELS
    ]
    return word[:at] + rng.choice(keys) + word[at + 1 :] if keys else None


def _replace(protocol: dict[str, Any], path: tuple[str | int, ...], text: str) -> None:
    place: Any = protocol
    for key in path[1:-1]:  # the path starts at protocolSection
        place = place[key]
    place[path[-1]] = text


def slips(studies: list[PublicStudy], seed: int) -> int:
    rng, found = random.Random(seed), detector()
    seen: Counter[tuple[str, str]] = Counter()
    tried: Counter[tuple[str, str]] = Counter()
    for study in studies:
        protocol = study.data["protocolSection"]
        fields = [(path, text) for path, text, _, name in TextIndex(protocol).fields if not name]
        for _ in range(SLIPS_PER_STUDY if fields else 0):
            path, text = rng.choice(fields)
            words = list(WORD.finditer(text))
            if not words:
                continue
            place = rng.choice(words)
            right = place.group(1)
            wrong = slipped(right.lower(), rng)
            if wrong is None or found.vocabulary.standing(right.lower()) != KNOWN:
                continue
            if found.vocabulary.standing(wrong) == KNOWN:
                continue  # a real word: T002's
            if right[0].isupper():
                wrong = wrong.capitalize()
            changed = copy.deepcopy(protocol)
            _replace(changed, path, text[: place.start()] + wrong + text[place.end() :])
            key = (str(path[1]), "capitalised" if right[0].isupper() else "small letters")
            tried[key] += 1
            seen[key] += any(s.written == wrong for s in found.suspects(TextIndex(changed)))
    for key in sorted(tried):
        print(f"  {key[0]:28} {key[1]:14} {seen[key]:5}/{tried[key]:<5} "
              f"{seen[key] / tried[key]:.0%}")  # fmt: skip
    total, hits = sum(tried.values()), sum(seen.values())
    print(f"slips seen: {hits}/{total} = {hits / max(1, total):.1%}")
    return 0


def _names(value: Any, key: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for inner, item in value.items():
            yield from _names(item, inner)
    elif isinstance(value, list):
        for item in value:
            yield from _names(item, key)
    elif isinstance(value, str) and key in NAME_KEYS:
        yield value


def names(studies: list[PublicStudy], show: bool) -> int:
    found = detector()
    reported: list[tuple[str, Suspect]] = []
    every: set[str] = set()
    for study in studies:
        protocol = study.data.get("protocolSection", {})
        for module in ("contactsLocationsModule", "sponsorCollaboratorsModule"):
            every.update(_names(protocol.get(module, {})))
    for name in sorted(every):
        prose = {"descriptionModule": {"briefSummary": PROSE.format(name=name)}}
        suspects: list[Suspect] = found.suspects(TextIndex(prose))
        reported.extend((name, suspect) for suspect in suspects)
    if show:
        for name, suspect in reported:
            print(f"  {suspect.tier.name:7} {suspect.written!r} -> {suspect.suggestion!r}  "
                  f"in {name!r}")  # fmt: skip
    print(f"names written into prose: {len(every)}; reported as misspellings: {len(reported)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probe", choices=("slips", "names"))
    parser.add_argument("--half", choices=HALVES, default="tuning")
    parser.add_argument("--seed", type=int, default=11, help="the slips' random seed")
    parser.add_argument("--show", action="store_true", help="list the names reported")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    studies = half(args.half)
    print(f"== {args.half} half, {len(studies)} studies")
    return slips(studies, args.seed) if args.probe == "slips" else names(studies, args.show)


if __name__ == "__main__":
    sys.exit(main())
