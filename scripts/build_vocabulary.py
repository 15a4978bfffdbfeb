#!/usr/bin/env python3
"""Compile the vocabularies the spelling checks know words by into the form they load.

    pip install -e '.[vocabulary]'
    python scripts/count_registry_words.py     # the registry's own words, from ../shared/corpus
    python scripts/build_vocabulary.py         # writes rules/spelling/vocabulary.*

The sources, none written by hand:
- general English, US and British spellings, with frequencies: symspellpy's frequency list
  (Google Books n-grams intersected with SCOWL, both spellings) and pyspellchecker's English
  list (OpenSubtitles counts, SCOWL-filtered);
- the common words of French, Spanish, Portuguese, German and Italian (pyspellchecker's lists),
  by which a paragraph in another language is told from an English one;
- drug names, generic and brand, in their international forms (drug-named-entity-recognition's
  dictionary, from DrugBank, MeSH, MedlinePlus and Wikipedia), less the forms of other
  languages whose English form English text writes far more (metformine, adenosin);
- the words of the names of diseases, signs and findings: ICD-10-CM's descriptions (CDC, public
  domain; simple-icd-10-cm's copy), where myelodysplastic, pedis and pigmentosa are;
- an unabridged dictionary, for the rare words no frequency list has (raphe, discal, atopy):
  Webster's Second International (1934, public domain; english-words' copy), less the old
  spellings that are today's slips ("untill");
- the registry's words, with the number of studies that write each (registry-words.tsv);
- how often English text of every kind writes each word, names, terms and slips included
  (wordfreq's large English list: Wikipedia, subtitles, news, books, the web), which makes no
  word known but tells a word of its own from a slip.

Writes a memory-mapped trie of every word (``vocabulary.marisa``, which loads in microseconds)
with five bytes per word (``vocabulary.attrs``: English frequency, sources, registry studies,
frequency in print and online),
the commonest words as text (``common-words.txt``), which the checks subtract from a
record's words in one set operation before looking anything up, and the words a correction may
suggest, by first letter (``suggestable-words.txt``).
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import json
import math
import pickle
import sys
from collections.abc import Callable, Iterable
from importlib import metadata
from importlib.resources import files
from pathlib import Path

import marisa_trie
from rapidfuzz import process
from rapidfuzz.distance import OSA

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from trialint.spelling.candidates import TYPIST_SLIPS, interior_edit, shape_of  # noqa: E402
from trialint.spelling.vocabulary import (  # noqa: E402
    ATTRIBUTES,
    ATTRS_FILE,
    COMMON_FILE,
    DICTIONARY,
    DRUG,
    FOREIGN,
    MAX_STUDIES,
    MEDICAL,
    REGISTRY_FILE,
    SUGGESTABLE_FILE,
    TRIE_FILE,
    english_forms,
    english_scale,
    pack_attributes,
    read_registry_words,
    registry_zipf,
    small_words_run_together,
)
from trialint.spelling.words import WORD  # noqa: E402

FOREIGN_WORDS_PER_LANGUAGE = 20_000  # enough to judge a paragraph's language, not to spell it
COMMON_ZIPF = 3.5  # English words this frequent (or more) go to common-words.txt ...
COMMON_STUDIES = 0.05  # ... as do words in this share of the registry's studies
SUGGESTABLE_ENGLISH = 2.0  # an English word rarer than this is no one's intended word
RARE_IN_ENGLISH = 3.0  # a disease's word rarer than this in English is flagged medical


def zipf_of(counts: dict[str, int]) -> dict[str, float]:
    """Zipf frequency (log10 of occurrences per billion words) of each word of a count list."""
    total = sum(counts.values())
    return {word: math.log10(count * 1e9 / total) for word, count in counts.items() if count > 0}


def symspell_english() -> dict[str, int]:
    counts = {}
    text = (files("symspellpy") / "frequency_dictionary_en_82_765.txt").read_text("utf-8")
    for line in text.splitlines():
        word, _, count = line.partition(" ")
        counts[word] = int(count)
    return counts


def pyspellchecker_words(language: str) -> dict[str, int]:
    blob = (files("spellchecker") / "resources" / f"{language}.json.gz").read_bytes()
    counts: dict[str, int] = json.loads(gzip.decompress(blob))
    return counts


def drug_words() -> set[str]:
    """The words of every drug name and synonym, five letters or more (shorter ones are mostly
    codes and abbreviations, which the checks skip anyway)."""
    blob = (files("drug_named_entity_recognition") / "drug_ner_dictionary.pkl.bz2").read_bytes()
    dictionary = pickle.loads(bz2.decompress(blob))  # the package's own data file
    words: set[str] = set()
    for name in dictionary["drug_variant_to_canonical"]:
        words.update(word for word in WORD.findall(name.lower()) if len(word) >= 5)
    return words


def medical_words() -> set[str]:
    import simple_icd_10_cm as icd

    words: set[str] = set()
    for code in icd.get_all_codes(True):
        words.update(
            word for word in WORD.findall(icd.get_description(code).lower()) if len(word) >= 3
        )
    return words


def dictionary_words() -> set[str]:
    from english_words import get_english_words_set

    return {
        word for word in get_english_words_set(["web2"], lower=True, alpha=True) if is_word(word)
    }


def is_word(text: str) -> bool:
    return bool(text) and WORD.fullmatch(text) is not None and text == text.lower()


def english() -> dict[str, float]:
    """Zipf frequency of each English word: the higher of the two lists' figures."""
    frequency: dict[str, float] = {}
    for counts in (symspell_english(), pyspellchecker_words("en")):
        for word, zipf in zipf_of(counts).items():
            if is_word(word):
                frequency[word] = max(frequency.get(word, 0.0), zipf)
    return frequency


ENGLISH_FORM_GAP = 1.0  # the English form is written ten times as often, or more


def other_language_drug_forms(
    drugs: set[str], frequency: dict[str, float], in_print: dict[str, float]
) -> set[str]:
    """The drug dictionary's names in another language's form ('metformine', 'adenosin',
    'prednisolon'): no English list has them, and English text writes the English form of
    the name ten times as often or more. The dictionary lists them so that names in every
    language are found; in an English sentence they are misspellings, so they vouch for no
    word."""
    return {
        word
        for word in drugs
        if not frequency.get(word, 0.0)  # an English word
        and any(
            english in drugs
            and in_print.get(english, 0.0) - in_print.get(word, 0.0) >= ENGLISH_FORM_GAP
            for english in english_forms(word, drug=True)
        )
    }


def written_english() -> dict[str, float]:
    """Zipf frequency of each word of wordfreq's large English list."""
    from wordfreq import iter_wordlist, zipf_frequency

    return {
        word: zipf_frequency(word, "en", "large")
        for word in iter_wordlist("en", "large")
        if is_word(word) and word.isalpha()
    }


def foreign() -> dict[str, int]:
    """Source flags of the commonest words of each other language."""
    flags: dict[str, int] = {}
    for language, flag in FOREIGN.items():
        counts = pyspellchecker_words(language)
        commonest = sorted(counts, key=counts.__getitem__, reverse=True)
        kept = [word for word in commonest if is_word(word)][:FOREIGN_WORDS_PER_LANGUAGE]
        for word in kept:
            flags[word] = flags.get(word, 0) | flag
    return flags


def slips_among(
    words: Iterable[str],
    commonness: Callable[[str], float],
    frequency: dict[str, float],
    registry: dict[str, int],
) -> set[str]:
    """Words of a source that are slips of a far commoner word: several studies misspell
    "questionnaire" as "questionaire", and an old dictionary spells "until" "untill"; neither
    may vouch for the slip.

    A word (neither English nor a drug's, and long enough to be no abbreviation) is one when it
    is one slip from a far commoner word: ten times as common for two letters swapped or a
    letter doubled ("untill"), twenty for another edit inside the word (not in its first and
    last letters, where words take prefixes and endings: "avascular", "designee", "mhealth").
    """
    commoner = sorted(
        {word for word, zipf in frequency.items() if zipf >= 3.0}
        | {word for word, count in registry.items() if count >= 10}
    )
    by_length: dict[int, list[str]] = {}
    for word in commoner:
        by_length.setdefault(len(word), []).append(word)
    slips = set()
    for word in words:
        if len(word) < 6:
            continue
        choices = [
            w for n in (len(word) - 1, len(word), len(word) + 1) for w in by_length.get(n, [])
        ]
        if frequency.get(word + "s", 0.0) >= 4.0 and commonness(word + "s") > commonness(word):
            slips.add(word)  # "diabete": no English singular of a common word in -s
            continue
        for near, _, _ in process.extract(word, choices, scorer=OSA.distance, score_cutoff=1,
                                          limit=None):  # fmt: skip
            if near != word and commonness(near) - commonness(word) >= _gap(word, near):
                slips.add(word)
                break
    return slips


def _gap(word: str, near: str) -> float:
    """How much commoner (on the Zipf scale) ``near`` must be for ``word`` to be its slip."""
    if shape_of(word, near) in TYPIST_SLIPS:
        return 1.0
    if interior_edit(near, word):
        return math.log10(20)
    return math.inf


def build(out: Path) -> dict[str, int]:
    studies, registry = read_registry_words(out / REGISTRY_FILE)
    frequency = english()
    in_print = written_english()
    drugs = drug_words()
    foreign_drug_forms = other_language_drug_forms(drugs, frequency, in_print)
    drugs -= foreign_drug_forms

    def commonness(word: str) -> float:
        return max(frequency.get(word, 0.0), registry_zipf(registry.get(word, 0), studies))

    unvouched = set(frequency) | drugs
    unvouched_registry = [word for word in registry if word not in unvouched]
    registry_slips = slips_among(unvouched_registry, commonness, frequency, registry)
    # "upto": however many studies write it, two words run together
    registry_slips |= {word for word in unvouched_registry if small_words_run_together(word)}
    registry = {word: count for word, count in registry.items() if word not in registry_slips}
    # a disease's word is one a trial record may mean however rare English finds it
    # (gangrene, presbyopia): flagged when an English list has it too, but seldom writes it
    # (an everyday word of a disease's name, such as "station", says nothing of the field)
    medical = {
        word for word in medical_words() - drugs if frequency.get(word, 0.0) < RARE_IN_ENGLISH
    }
    dictionary = dictionary_words() - set(frequency) - drugs - medical
    dictionary_slips = slips_among(dictionary, commonness, frequency, registry)
    flags = foreign()
    for source, flag in (
        (drugs, DRUG),
        (medical, MEDICAL),
        (dictionary - dictionary_slips, DICTIONARY),
    ):
        for word in source:
            flags[word] = flags.get(word, 0) | flag
    words = sorted(set(frequency) | set(flags) | set(registry) | set(in_print))
    trie = marisa_trie.Trie(words)
    attributes = bytearray(ATTRIBUTES * len(trie))
    for word in words:
        key = trie[word]
        attributes[ATTRIBUTES * key : ATTRIBUTES * (key + 1)] = pack_attributes(
            english_scale(frequency.get(word, 0.0)),
            flags.get(word, 0),
            min(registry.get(word, 0), MAX_STUDIES),
            english_scale(in_print.get(word, 0.0)),
        )
    trie.save(str(out / TRIE_FILE))
    (out / ATTRS_FILE).write_bytes(bytes(attributes))
    common = sorted(
        word
        for word in words
        if frequency.get(word, 0.0) >= COMMON_ZIPF
        or registry.get(word, 0) >= COMMON_STUDIES * studies
    )
    (out / COMMON_FILE).write_text("\n".join(common) + "\n", encoding="utf-8")
    suggestable: dict[str, list[str]] = {}
    for word in words:
        written = registry.get(word, 0) or flags.get(word, 0) & (DRUG | MEDICAL)
        if written or frequency.get(word, 0.0) >= SUGGESTABLE_ENGLISH:
            suggestable.setdefault(word[0], []).append(word)
    (out / SUGGESTABLE_FILE).write_text(
        "".join(f"{letter}\t{' '.join(found)}\n" for letter, found in sorted(suggestable.items())),
        encoding="utf-8",
    )
    return {
        "words": len(words), "english": len(frequency), "drug words": len(drugs),
        "medical words": len(medical), "dictionary words": len(dictionary) - len(dictionary_slips),
        "registry words": len(registry), "registry slips left out": len(registry_slips),
        "dictionary slips left out": len(dictionary_slips), "common": len(common),
        "written in English at large": len(in_print),
        "drug names in another language's form": len(foreign_drug_forms),
    }  # fmt: skip


def versions(packages: Iterable[str]) -> str:
    return ", ".join(f"{name} {metadata.version(name)}" for name in packages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "rules" / "spelling")
    args = parser.parse_args(argv)
    if not (args.out / REGISTRY_FILE).is_file():
        print(f"no {REGISTRY_FILE} in {args.out}: run count_registry_words.py", file=sys.stderr)
        return 2
    figures = build(args.out)
    print(", ".join(f"{count} {what}" for what, count in figures.items()))
    print(
        "from",
        versions(
            (
                "symspellpy",
                "pyspellchecker",
                "drug-named-entity-recognition",
                "simple-icd-10-cm",
                "english-words",
                "wordfreq",
            )
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
