"""The words trialint knows, and how common each is: general English (US and British), drug
names, the registry's own words, and the curator's.

They are compiled by ``scripts/build_vocabulary.py`` into ``rules/spelling/``: a trie that is
memory-mapped (a pre-commit run of one file pays microseconds for it, not the 50 ms of reading
a word list) with four bytes per word, and the commonest words as text for one set difference
per record. Nothing is loaded until a spelling check runs.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path

from trialint.resources import data_dir

TRIE_FILE = "vocabulary.marisa"
ATTRS_FILE = "vocabulary.attrs"
COMMON_FILE = "common-words.txt"
SUGGESTABLE_FILE = "suggestable-words.txt"
REGISTRY_FILE = "registry-words.tsv"

# Source flags of a word (one byte).
DRUG = 1  # part of a drug's name
FOREIGN = {"fr": 2, "es": 4, "pt": 8, "de": 16, "it": 32}  # common in another language
ANY_FOREIGN = sum(FOREIGN.values())
MEDICAL = 64  # a word of the names of diseases, signs and findings (ICD-10-CM)
DICTIONARY = 128  # in an unabridged dictionary: a word, however rare (Webster's, 1934)
MAX_STUDIES = 65_535
MIN_STUDIES = 2  # a word the registry writes in this many studies is one of its words
# The words of English's closed classes (articles, prepositions, conjunctions, pronouns,
# auxiliaries): a grammar's fact, not a vocabulary. They are the words others are run into
# ("ofthe", "patientswith", "chemotherapyonce"), and never half of a compound of words.
FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "by", "for", "with",
        "from", "to", "into", "onto", "upon", "as", "than", "that", "this", "these", "those",
        "which", "who", "whom", "whose", "what", "when", "where", "while", "if", "is", "are",
        "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no",
        "its", "it", "their", "they", "them", "his", "her", "he", "she", "we", "our", "you",
        "your", "me", "my", "per", "via", "also", "only", "both", "each", "every", "all", "any",
        "some", "such", "same", "other", "once", "about", "above", "across", "after", "against",
        "among", "around", "before", "behind", "below", "between", "beyond", "during", "except",
        "since", "through", "throughout", "toward", "towards", "until", "within", "without",
    }
)  # fmt: skip
# Particles: words that make compounds of words by right (upregulation, onboarding,
# followback), but not with a function word ("upto", "outof" are two words run together).
PARTICLES = frozenset({"up", "down", "on", "out", "off", "over", "back"})
UNKNOWN, LISTED, KNOWN = 0, 1, 2  # a word's standing: see Vocabulary.standing
# Words whose lookups a vocabulary keeps: bounded, so that a whole registry's words cannot
# fill memory (a few megabytes at most).
_KEPT_WORDS = 100_000


def english_scale(zipf: float) -> int:
    """A Zipf frequency in one byte: tenths, 0 for a word that is not English."""
    return 0 if zipf <= 0 else max(1, min(255, round(zipf * 10)))


# Bytes a word's attributes take in ATTRS_FILE: English frequency, sources, registry studies
# (two), and how often English text in print and online writes it (see Entry.written).
ATTRIBUTES = 5


def pack_attributes(english: int, flags: int, studies: int, written: int) -> bytes:
    return bytes((english, flags)) + studies.to_bytes(2, "little") + bytes((written,))


# How a word ends in another language's form, and how it ends in English: groupe, adenosin,
# prednisolon (a final e added or dropped, any word); pregabalina, abiraterona, metforminum,
# adenosini (a final vowel or Latin's ending, drugs' names). (ending, English ending, drugs'
# names only).
OTHER_LANGUAGE_ENDINGS = (("e", "", False), ("", "e", False), ("a", "", True), ("o", "", True),
                          ("a", "e", True), ("o", "e", True), ("um", "", True), ("um", "e", True),
                          ("i", "", True), ("i", "e", True))  # fmt: skip
SHORTEST_STEM = 5  # letters before the ending, for a word to have another language's form


def english_forms(word: str, *, drug: bool) -> list[str]:
    """The English forms of ``word`` if it is written in another language's form (of a
    drug's name when ``drug``): 'metformine' -> 'metformin', 'adenosin' -> 'adenosine'."""
    return [
        word[: len(word) - len(ending)] + english
        for ending, english, drugs_only in OTHER_LANGUAGE_ENDINGS
        if (drug or not drugs_only)
        and word.endswith(ending)
        and len(word) - len(ending) >= SHORTEST_STEM
        and ending != english
    ]


def read_registry_words(path: Path) -> tuple[int, dict[str, int]]:
    """(studies read, word -> studies) from ``registry-words.tsv``."""
    studies, counts = 0, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# studies\t"):
            studies = int(line.split("\t")[1])
        elif line and not line.startswith("#"):
            word, _, count = line.partition("\t")
            counts[word] = int(count)
    return studies, counts


@dataclass(frozen=True, slots=True)
class Entry:
    """What the vocabulary says of a word."""

    zipf: float  # frequency in general English (0: not an English word)
    studies: int  # how many of the registry's studies write it
    flags: int  # sources: DRUG, MEDICAL, DICTIONARY, and FOREIGN languages
    # How often English text of every kind (books, the web, Wikipedia, subtitles) writes it,
    # on the Zipf scale (wordfreq's large list): names, terms and common slips included. It
    # makes no word known ("questionaire" is written too), but a word written nearly as often
    # as the word it would be a slip of is a word of its own ("neuropil", "analyte").
    written: float = 0.0

    @property
    def drug(self) -> bool:
        return bool(self.flags & DRUG)

    @property
    def medical(self) -> bool:
        """A word of drugs' or diseases' names: one a trial record may mean."""
        return bool(self.flags & (DRUG | MEDICAL))

    @property
    def languages(self) -> int:
        return self.flags & ANY_FOREIGN


_UNKNOWN = Entry(0.0, 0, 0)


class Vocabulary:
    """Lookups in the compiled vocabularies, and the curator's own words."""

    def __init__(
        self,
        folder: Path,
        words: Iterable[str] = (),
        registry_less: Mapping[str, int] | None = None,
        studies_less: int = 0,
    ) -> None:
        """``registry_less``: studies to take off a word's registry count, and
        ``studies_less`` off the number of studies counted (a benchmark measuring records
        the registry counts were partly taken from leaves them out, words and studies both,
        so that a word's share of the studies stays what it would be)."""
        import marisa_trie  # here: only a run with text to judge needs it

        self.folder = folder
        self.trie = marisa_trie.Trie()
        self.trie.mmap(str(folder / TRIE_FILE))
        self._suggestable: dict[str, str] | None = None
        self._knows: dict[str, bool] = {}
        # english_and_languages' answers: the curator's words change none, so a twin made by
        # with_words shares them
        self._languages: dict[str, tuple[float, int]] = {}
        self.attributes = (folder / ATTRS_FILE).read_bytes()
        common = (folder / COMMON_FILE).read_bytes()
        self.common = frozenset(common.decode().split())
        self.common_bytes = frozenset(common.split())  # to compare with TextIndex.words
        self.registry_less = registry_less or {}
        self.studies_less = studies_less
        if self.registry_less:  # a common word only for the registry's studies left out
            self.common = frozenset(
                word for word in self.common if self.standing(word, common=False) == KNOWN
            )
            self.common_bytes = frozenset(word.encode() for word in self.common)
        self.words = frozenset(word.lower() for word in words)

    def suggestable(self, letter: str) -> list[str]:
        """The words starting with ``letter`` that a correction may suggest: those the
        registry writes, drug names and diseases' words (read at the first call)."""
        if self._suggestable is None:
            lines = (self.folder / SUGGESTABLE_FILE).read_text(encoding="utf-8").splitlines()
            self._suggestable = dict(line.split("\t", 1) for line in lines if "\t" in line)
        return self._suggestable.get(letter, "").split()

    def with_words(self, words: Iterable[str]) -> Vocabulary:
        """The same vocabulary knowing the curator's words too."""
        twin = copy.copy(self)  # the same files, mapped once
        twin.words = self.words | {word.lower() for word in words}
        twin._knows = {}
        return twin

    def entry(self, word: str) -> Entry:
        key = self.trie.get(word)
        if key is None:
            return _UNKNOWN
        at = ATTRIBUTES * key
        english, flags, low, high, written = self.attributes[at : at + ATTRIBUTES]
        studies = low + 256 * high - self.registry_less.get(word, 0)
        return Entry(english / 10, studies, flags, written / 10)

    def knows(self, word: str) -> bool:
        """Whether a lowercase word is a word: in a vocabulary or the curator's, or made of
        known words by the rules of word formation (see ``_formed``)."""
        known = self._knows.get(word)
        if known is None:
            known = self._knows[word] = self.standing(word) == KNOWN or _formed(word, self)
        return known

    def standing(self, word: str, *, common: bool = True) -> int:
        """KNOWN: a word of a vocabulary or the curator's, as it is written; LISTED: only in
        the unabridged dictionary, where old and rare spellings that are today's slips are
        too ("unability", "prolonger"), so its near words are still looked at; UNKNOWN.
        Read without making an entry: most words are looked up here."""
        if common and (word in self.common or word in self.words):
            return KNOWN
        key = self.trie.get(word)
        if key is None:
            return UNKNOWN
        english, flags, low, high, _ = self.attributes[ATTRIBUTES * key : ATTRIBUTES * (key + 1)]
        if english or flags & (DRUG | MEDICAL):
            return KNOWN
        if low + 256 * high - self.registry_less.get(word, 0) >= MIN_STUDIES:
            return KNOWN
        return LISTED if flags & DICTIONARY else UNKNOWN

    def lists(self, word: str) -> bool:
        """Whether a lowercase word is in any vocabulary, as it is written."""
        return self.standing(word) != UNKNOWN

    def english_and_languages(self, word: str) -> tuple[float, int]:
        """A word's English frequency and the other languages it is common in (the FOREIGN
        flags), read without making an entry: a paragraph's language is judged by them.

        Kept once read: the paragraphs judged are made of the same few thousand words (the,
        de, patients), and a dictionary lookup costs a tenth of the trie's."""
        found = self._languages.get(word)
        if found is None:
            key = self.trie.get(word)
            attributes = self.attributes
            found = (
                (0.0, 0)
                if key is None
                else (
                    attributes[ATTRIBUTES * key] / 10,
                    attributes[ATTRIBUTES * key + 1] & ANY_FOREIGN,
                )
            )
            if len(self._languages) < _KEPT_WORDS:
                self._languages[word] = found
        return found

    def zipf(self, word: str) -> float:
        return self.entry(word).zipf

    @property
    def studies(self) -> int:
        return _registry_size() - self.studies_less


@cache
def _registry_size() -> int:
    path = data_dir("rules") / "spelling" / REGISTRY_FILE
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("# studies\t"):
                return int(line.split("\t")[1])
    return 0


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, loaded once per process."""
    return Vocabulary(data_dir("rules") / "spelling")


def registry_zipf(studies: int, total: int) -> float:
    """A registry count on the Zipf scale's footing, for comparing with English frequencies:
    a word in every study counts as a common word (6), one in a thousand as a rare one (3)."""
    if studies <= 0 or total <= 0:
        return 0.0
    return 6 + math.log10(studies / total)


# How words are made of words, as rules rather than lists: a word formed by them from a known
# word is known. Each rule was checked not to make the usual slips words: "untill" is no un-
# word (a stem of four letters), "occured" no -ed form (the consonant must double), and
# "disfunction" no dis- word.

# British spellings and their American forms (tumour, oesophageal, randomisation).
_BRITISH = (
    ("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"),
    ("ises", "izes"), ("ising", "izing"), ("iser", "izer"), ("isers", "izers"),
    ("yse", "yze"), ("ysed", "yzed"), ("yses", "yzes"), ("ysing", "yzing"),
    ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"), ("ourable", "orable"),
    ("ourite", "orite"), ("ourites", "orites"), ("ourful", "orful"), ("ourless", "orless"),
    ("tre", "ter"), ("tres", "ters"), ("ogue", "og"), ("ogues", "ogs"), ("ence", "ense"),
    ("ences", "enses"), ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("llers", "lers"),
    ("mme", "m"), ("mmes", "ms"), ("geing", "ging"),
)  # fmt: skip
_DIGRAPHS = (("ae", "e"), ("oe", "e"))
# Prefixes that make words of words (preoperative, nonsmoker, retreatment); the short ones
# only before a long stem.
_PREFIXES = (
    "anti", "auto", "bio", "chemo", "counter", "cardio", "electro", "endo", "extra", "hyper",
    "hypo", "immuno", "inter", "intra", "macro", "micro", "mono", "multi", "neo", "neuro",
    "non", "over", "para", "peri", "poly", "post", "pre", "pseudo", "psycho", "radio",
    "retro", "semi", "sub", "super", "supra", "trans", "ultra", "under",
)  # fmt: skip
_SHORT_PREFIXES = ("re", "un", "co", "de")
_SHORTEST_STEM = 4
_SHORTEST_STEM_AFTER_SHORT_PREFIX = 6
# Endings that replace one another on one stem: a known "spondylosis" vouches for
# "spondylotic", "intubation" for "intubated", "menstrual" for "menstrually".
_ENDINGS = (
    ("ation", "ations", "ate", "ated", "ates", "ating", "ative", "ator", "ators"),
    ("ia", "ias", "ic", "ics", "ical", "ically"),
    ("osis", "oses", "otic"),
    ("y", "ies", "ic", "ical", "ist", "ists"),
    ("al", "ally", "ality"),
    ("ology", "ological", "ologist", "ologists", "ologies"),
    ("ize", "izes", "ized", "izing", "ization", "izations"),
    ("ous", "ously"),
    ("ive", "ively", "ivity"),
    ("ent", "ence", "ently", "ency"),
    ("ant", "ance", "antly", "ancy"),
    ("able", "ability", "ably"),
    ("ion", "ions", "ional", "ionally"),
    ("ite", "ites", "itic", "itis"),
    ("ism", "ist", "ists", "istic"),
)  # fmt: skip
_SHORTEST_COMPOUND_PART = 4
_JOINED_ZIPF = 3.0  # a part of a compound: this common in English ...
_JOINED_STUDIES = 3  # ... or written by this many of the registry's studies
# Each word of a run is judged by the rules above once (Vocabulary.knows keeps the answer),
# but a registry's unknown words are nearly all new: whether a word has any of the endings or
# prefixes at all is told in one call each, before they are tried one by one.
_BRITISH_ENDINGS = tuple(british for british, _ in _BRITISH)
_ANY_PREFIX = _PREFIXES + _SHORT_PREFIXES
_ANY_ENDING = tuple(ending for endings in _ENDINGS for ending in endings)


def _formed(word: str, vocabulary: Vocabulary) -> bool:
    return formed_otherwise(word, vocabulary) or _compound(word, partial(_joined, vocabulary))


def _joined(vocabulary: Vocabulary, part: str) -> bool:
    """A word compounds join: a written one that English or the registry writes often
    enough. A rare word would make words of slips ('recur' + 'rance' for recurrance)."""
    if not _written(vocabulary, part):
        return False
    entry = vocabulary.entry(part)
    return entry.zipf >= _JOINED_ZIPF or entry.studies >= _JOINED_STUDIES


def _written(vocabulary: Vocabulary, part: str) -> bool:
    """A word to form others from: one that is written, not only listed (Webster's "hiper"
    and "cutaneus" would make "hipersensitivity" and "subcutaneus" words)."""
    return vocabulary.standing(part) == KNOWN


def american_forms(word: str) -> list[str]:
    """The American spellings a British one may stand for (tumour: tumor; anaesthetic:
    anesthetic). A letter written three times is no British double ('callled')."""
    forms = (
        [
            word[: -len(british)] + american
            for british, american in _BRITISH
            if word.endswith(british)
            and len(word) > len(british) + 2
            and word[-len(british) - 1] != british[0]
        ]
        if word.endswith(_BRITISH_ENDINGS)  # one test in C for the many words with none
        else []
    )
    for digraph, single in _DIGRAPHS:
        if digraph in word:
            forms += [form.replace(digraph, single) for form in (word, *forms)]
    return forms


def _prefixed(word: str, known: Callable[[str], bool]) -> bool:
    if not word.startswith(_ANY_PREFIX):  # one test in C for the many words with none
        return False
    return any(
        word.startswith(prefix)
        and len(word) - len(prefix) >= _SHORTEST_STEM
        and known(word[len(prefix) :])
        for prefix in _PREFIXES
    ) or any(
        word.startswith(prefix)
        and len(word) - len(prefix) >= _SHORTEST_STEM_AFTER_SHORT_PREFIX
        and known(word[len(prefix) :])
        for prefix in _SHORT_PREFIXES
    )


def _plural_of_a_plural(word: str, known: Callable[[str], bool]) -> bool:
    """A Latin or Greek plural given an English -s as well ('criterias', 'datas',
    'phenomenas': criterion, datum, phenomenon), which no ending rule makes a word."""
    plural = word[:-1]
    return (
        word.endswith("as")
        and len(plural) > _SHORTEST_STEM
        and known(plural)
        and (known(plural[:-1] + "um") or known(plural[:-1] + "on"))
    )


def _plural(word: str, known: Callable[[str], bool]) -> bool:
    """A plural in -s of a known word that does not end in s (a doubled s is a slip)."""
    return (
        len(word) > _SHORTEST_STEM
        and word.endswith("s")
        and not word.endswith("ss")
        and known(word[:-1])
    )


def _other_ending(word: str, known: Callable[[str], bool]) -> bool:
    if not word.endswith(_ANY_ENDING):  # one test in C for the many words with none
        return False
    for endings in _ENDINGS:
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_STEM:
                stem = word[: -len(ending)]
                if any(known(stem + other) for other in endings if other != ending):
                    return True
    return False


def small_words_run_together(word: str) -> bool:
    """Two function words, or a particle and a function word, of two letters or more each,
    written as one ("upto", "asat"): no word of any list, however many studies write it."""
    return any(
        (word[:cut] in FUNCTION_WORDS or word[:cut] in PARTICLES) and word[cut:] in FUNCTION_WORDS
        for cut in range(2, len(word) - 1)
    )


def _compound(word: str, known: Callable[[str], bool]) -> bool:
    """Two known words written as one (smartwatch, wildtype, factsheets): each of four letters
    or more and neither a function word (a word run into "with" or "the" is a slip)."""
    return next(_compound_splits(word, known), None) is not None


def run_together_parts(word: str, vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """The two words a word the vocabulary knows only as a compound of them is made of (cord
    + blood, sodium + glucose), each way it splits; none for a word formed otherwise."""
    if formed_otherwise(word, vocabulary):
        return []
    return list(_compound_splits(word, partial(_joined, vocabulary)))


def _compound_splits(word: str, known: Callable[[str], bool]) -> Iterator[tuple[str, str]]:
    """The ways ``word`` is two known words written as one, as ``_compound`` takes them."""
    for cut in range(_SHORTEST_COMPOUND_PART, len(word) - _SHORTEST_COMPOUND_PART + 1):
        left, right = word[:cut], word[cut:]
        if (
            known(left)
            and known(right)
            and left not in FUNCTION_WORDS
            and right not in FUNCTION_WORDS
        ):
            yield left, right


def formed_otherwise(word: str, vocabulary: Vocabulary) -> bool:
    """Whether a word is formed by a rule other than compounding (a British form, a prefix,
    a plural, another ending): such a word is no two words run together."""
    known = partial(_written, vocabulary)
    if _plural_of_a_plural(word, known):
        return False
    return (
        any(known(form) for form in american_forms(word))
        or _prefixed(word, known)
        or _plural(word, known)
        or _other_ending(word, known)
    )
