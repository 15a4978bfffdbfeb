"""The known words near an unknown one: one or two edits away (a letter inserted, dropped,
changed, or two neighbours swapped), found by rapidfuzz's optimal-string-alignment distance.

Only words worth suggesting are searched: words the registry writes, drug names and diseases'
words, and the record's own (a common English word no trial record writes is no one's
intended word there). They are grouped by first letter and length, so one search compares a
word with a few hundred others, not 400,000: a typist's slip rarely changes a word's first
letter, and the one that does most (the first two letters swapped) is searched too.
"""

from __future__ import annotations

import string
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from itertools import groupby
from types import ModuleType
from typing import Any

from trialint.spelling.vocabulary import Vocabulary


@cache
def _distances() -> tuple[ModuleType, ModuleType, ModuleType]:
    """rapidfuzz's process, OSA and Levenshtein, imported at the first comparison: a run of
    records without an unknown word (a pre-commit run, often) never pays the 10 ms."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA, Levenshtein

    return process, OSA, Levenshtein


def within(word: str | bytes, choices: Collection[Any], max_distance: int) -> list[Any]:
    """rapidfuzz's matches (choice, OSA distance, key) of the ``choices`` at most
    ``max_distance`` edits from ``word``, in rapidfuzz's order.

    A first search by the Indel distance (insertions and deletions: a letter changed is two
    of them, two letters swapped two) keeps the choices at most twice as far, which all
    matches are; OSA is then worked out for those few. The Indel search runs three to five
    times faster than OSA's over the thousands of words of a first letter's lengths, and a
    registry's unknown words are nearly all new to the run, each searched once."""
    from rapidfuzz.distance import Indel

    process, OSA, _ = _distances()
    near = process.extract(
        word, choices, scorer=Indel.distance, score_cutoff=2 * max_distance, limit=None
    )
    return list(
        process.extract(
            word, [choice for choice, _, _ in near], scorer=OSA.distance,
            score_cutoff=max_distance, limit=None,
        )
    )  # fmt: skip


class Shape(StrEnum):
    """How a misspelling differs from its word: the slips typists make."""

    SWAPPED = "two letters swapped"
    DROPPED = "a letter dropped"
    ADDED = "a letter added"
    DOUBLED = "a letter doubled"
    UNDOUBLED = "a double letter written once"
    CHANGED = "a letter changed"
    TWO_EDITS = "two edits"


# The slips a typist's fingers make whatever the word: the commonest in real misspellings.
TYPIST_SLIPS = frozenset({Shape.SWAPPED, Shape.DOUBLED, Shape.UNDOUBLED})


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str
    distance: int
    shape: Shape


def shape_of(word: str, candidate: str) -> Shape:
    """The kind of slip that turns ``candidate`` into ``word``."""
    _, OSA, Levenshtein = _distances()
    if Levenshtein.distance(word, candidate) == 2 and OSA.distance(word, candidate) == 1:
        return Shape.SWAPPED
    operations = Levenshtein.editops(candidate, word)
    if len(operations) != 1:
        return Shape.TWO_EDITS
    operation = operations[0]
    if operation.tag == "replace":
        return Shape.CHANGED
    if operation.tag == "insert":  # the word has a letter the candidate has not
        added = word[operation.dest_pos]
        neighbours = (
            word[operation.dest_pos - 1 : operation.dest_pos]
            + word[operation.dest_pos + 1 : operation.dest_pos + 2]
        )
        return Shape.DOUBLED if added in neighbours else Shape.ADDED
    dropped = candidate[operation.src_pos]
    neighbours = (
        candidate[operation.src_pos - 1 : operation.src_pos]
        + candidate[operation.src_pos + 1 : operation.src_pos + 2]
    )
    return Shape.UNDOUBLED if dropped in neighbours else Shape.DROPPED


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {key: (row, column) for row, keys in enumerate(_KEYBOARD_ROWS)
           for column, key in enumerate(keys)}  # fmt: skip
VOWELS = frozenset("aeiouy")
# Letters spelled for one another by sound, in any language a registry writer may think in.
_SOUNDS_ALIKE = frozenset(map(frozenset, ("cs", "ck", "sz", "iy", "kq", "gj", "fv")))


@cache
def _slips_for(letter: str) -> str:
    return "".join(other for other in string.ascii_lowercase if other != letter and
                   typed_for(letter, other))  # fmt: skip


def typed_for(letter: str, other: str) -> bool:
    """Whether a typist may hit ``letter`` for ``other``: neighbouring keys, two vowels, or
    letters that sound alike."""
    if {letter, other} <= VOWELS or frozenset((letter, other)) in _SOUNDS_ALIKE:
        return True
    here, there = _KEY_AT.get(letter), _KEY_AT.get(other)
    if here is None or there is None:
        return False
    rows, columns = there[0] - here[0], there[1] - here[1]
    # each row sits half a key to the right of the one above it: a key touches the two
    # below it on the left ('g': 'v', 'b') and the two above it on the right ('g': 't', 'y')
    return (
        (rows == 0 and abs(columns) == 1)
        or (rows == 1 and columns in (-1, 0))
        or (rows == -1 and columns in (0, 1))
    )


def changed_letters(word: str, candidate: str) -> tuple[str, str] | None:
    """The letter of ``word`` and the one of ``candidate`` it replaces, for one change."""
    operations = _distances()[2].editops(candidate, word)
    if len(operations) != 1 or operations[0].tag != "replace":
        return None
    return word[operations[0].dest_pos], candidate[operations[0].src_pos]


def interior_edit(word: str, other: str) -> bool:
    """Whether ``other`` differs from ``word`` only inside it: neither word's first or last
    letter changes and nothing is added before or after them, for that is where words take
    their prefixes and endings (vascular, avascular; designed, designee)."""
    operations = _distances()[2].editops(word, other)
    if not operations:
        return False
    for operation in operations:
        if operation.tag in ("replace", "delete") and not 0 < operation.src_pos < len(word) - 1:
            return False
        if operation.tag in ("replace", "insert") and not 0 < operation.dest_pos < len(other) - 1:
            return False
    return True


# A long word's first letter may be a slip too, for a neighbouring key or another vowel:
# those letters' words of the same length are searched when nothing nearer is known.
SHORTEST_WITH_ANY_FIRST_LETTER = 7
# A first letter dropped, added or slipped to a neighbouring key, in a word this long or
# longer, is looked up (a few dozen lookups), whatever else is near.
SHORTEST_WITH_FIRST_KEY_SLIPPED = 5
# ... and a first letter dropped from a five-letter word ('hese', 'fter'): 26 lookups.
SHORTEST_WITH_FIRST_LETTER_DROPPED = 4
# In a longer word, any first letter: the rest, written right, is evidence enough that the
# word is meant ('giabetic'). Only the word with the rest as written is looked up.
SHORTEST_WITH_FIRST_LETTER_STRUCK = 8


class NearWords:
    """Search of a vocabulary's suggestable words (``Vocabulary.suggestable``), grouped by
    first letter and length as a first search needs them, and of a record's own words."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._groups: dict[str, dict[int, list[str]]] = {}
        self._found: dict[tuple[str, int], tuple[Candidate, ...]] = {}
        self._swapped: dict[str, dict[int, list[str]]] = {}  # by first two letters

    def _group(self, letter: str) -> dict[int, list[str]]:
        group = self._groups.get(letter)
        if group is None:
            # sorted by length in C (a stable sort keeps each length's words in their order),
            # then cut into lengths: a letter holds tens of thousands of words, and a Python
            # loop over them took a tenth of a one-file run
            words = self.vocabulary.suggestable(letter)
            words += [word for word in self.vocabulary.words if word.startswith(letter)]
            words.sort(key=len)
            group = {length: list(same) for length, same in groupby(words, key=len)}
            self._groups[letter] = group
        return group

    def _swapped_group(self, first: str, second: str) -> dict[int, list[str]]:
        """The words of ``_group(first)`` whose second letter is ``second``, by length."""
        group = self._swapped.get(first + second)
        if group is None:
            group = {
                length: [word for word in same if word[1:2] == second]
                for length, same in self._group(first).items()
            }
            self._swapped[first + second] = group
        return group

    def _choices(self, word: str, max_distance: int) -> list[str]:
        """The words of the same first letter, and those that start with the word's first
        two letters swapped ('ohspital'), at most ``max_distance`` letters longer or
        shorter."""
        choices: list[str] = []
        groups = [self._group(word[0])]
        if word[1] != word[0]:
            groups.append(self._swapped_group(word[1], word[0]))
        for group in groups:
            for length in range(len(word) - max_distance, len(word) + max_distance + 1):
                choices.extend(group.get(length, ()))
        return choices

    def of(
        self, word: str, max_distance: int = 2, also: Collection[bytes] = ()
    ) -> tuple[Candidate, ...]:
        """The suggestable words at most ``max_distance`` edits from ``word``, nearest first,
        and those of ``also``: a record's own words (``TextIndex.words``, which no cache may
        keep), compared as UTF-8 to spare decoding them all."""
        found = self._found.get((word, max_distance))
        if found is None:
            found = self._nearest(word, self._choices(word, max_distance), max_distance)
            if len(word) >= SHORTEST_WITH_ANY_FIRST_LETTER and not any(
                c.distance == 1 for c in found
            ):  # "becessary", "aconomical": a slip of the first letter
                choices: list[str] = []
                for letter in _slips_for(word[0]):  # copied in C: thousands of words
                    choices.extend(self._group(letter).get(len(word), ()))
                found += self._nearest(word, choices, 1)
            if len(word) >= SHORTEST_WITH_FIRST_LETTER_STRUCK and not found:
                found = self._first_letter_struck(word)
            if len(word) >= SHORTEST_WITH_FIRST_LETTER_DROPPED:
                edges = [edge for edge in self._first_letter_slips(word) if edge not in found]
                if edges:
                    found = tuple(sorted((*found, *edges), key=lambda c: (c.distance, c.word)))
            self._found[word, max_distance] = found
        if also:
            matches = within(word.encode(), also, max_distance)
            more = self._candidates(word, [(m.decode(), d) for m, d, _ in matches])
            more = tuple(candidate for candidate in more if candidate not in found)
            if more:
                found = tuple(sorted((*found, *more), key=lambda c: (c.distance, c.word)))
        return found

    def _first_letter_slips(self, word: str) -> tuple[Candidate, ...]:
        """The words a vocabulary lists that are ``word`` with its first letter dropped
        ('atients', 'hese'), one struck before it ('dsurgery'), or its first key slipped to
        one that touches it ('ruring'; not in a word of four letters, which many such
        slips make): the first-letter groups searched above do not hold them, and a few
        dozen lookups in the trie find them."""
        first, rest = word[0], word[1:]
        meant = [letter + word for letter in string.ascii_lowercase]  # one dropped
        if len(word) >= SHORTEST_WITH_FIRST_KEY_SLIPPED:
            meant += [letter + rest for letter in _slips_for(first)]
            if typed_for(first, word[1]):  # (two keys struck at once: any other is no slip)
                meant.append(rest)
        lists = self.vocabulary.lists
        return self._candidates(word, [(other, 1) for other in meant if lists(other)])

    def _first_letter_struck(self, word: str) -> tuple[Candidate, ...]:
        """The words a vocabulary lists that are ``word`` with another first letter, the
        rest as written: 25 lookups in the trie, where loading every letter's words to
        search them would cost a one-file run tens of milliseconds."""
        rest = word[1:]
        return tuple(
            Candidate(letter + rest, 1, Shape.CHANGED)
            for letter in string.ascii_lowercase
            if letter != word[0] and self.vocabulary.lists(letter + rest)
        )

    @classmethod
    def _nearest(
        cls, word: str, choices: Collection[str], max_distance: int
    ) -> tuple[Candidate, ...]:
        matches = within(word, choices, max_distance)
        return cls._candidates(word, [(choice, distance) for choice, distance, _ in matches])

    @staticmethod
    def _candidates(word: str, matches: list[tuple[str, float]]) -> tuple[Candidate, ...]:
        return tuple(
            Candidate(choice, int(distance), shape_of(word, choice))
            for choice, distance in sorted(matches, key=lambda match: (match[1], match[0]))
            if choice != word and choice.isalpha()
        )
