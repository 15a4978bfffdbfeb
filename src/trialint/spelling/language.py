"""Is a paragraph English? Registry text often holds a French, Spanish or Portuguese paragraph
(a title in the sponsor's language, a translated summary); its words are right in their own
language, and judging them as English would report every one.

A paragraph is foreign when more of its words are common words of one other language (and not
of English) than are words of English: "Étude de l'efficacité du traitement chez les patients"
is French, "patients with maladie de Crohn" English. Only paragraphs holding an unknown word are
judged, so the cost is a few lookups for a few paragraphs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from trialint.spelling.vocabulary import FOREIGN, UNKNOWN, Vocabulary
from trialint.spelling.words import WORD

if TYPE_CHECKING:
    from trialint.document.textfields import TextIndex

ENGLISH_ZIPF = 2.5  # a word at least this common in English counts for English


def paragraph_around(text: str, offset: int) -> str:
    """The paragraph of ``text`` (between blank lines, or list items) holding ``offset``."""
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return text[start + 1 if start != -1 else 0 : end if end != -1 else len(text)]


def is_foreign(paragraph: str, vocabulary: Vocabulary) -> bool:
    """Whether more of the paragraph's words vote for one other language than for English.

    Each distinct word is weighed once, with its count: a paragraph says "the", "de" or
    "patients" many times, and a lookup costs more than counting (a hundred words and more
    per paragraph judged, for a few dozen distinct ones)."""
    english = 0
    foreign = dict.fromkeys(FOREIGN.values(), 0)
    for word, count in Counter(_voting_words(paragraph[:_ENOUGH].lower())).items():
        if len(word) < 2:
            continue
        zipf, languages = vocabulary.english_and_languages(word)
        if zipf >= ENGLISH_ZIPF or (word in vocabulary.common and not languages):
            english += count
        if languages:  # most words are of no other language: no flag to count
            for flag in foreign:
                if languages & flag:
                    foreign[flag] += count
    best = max(foreign.values())
    return (best >= 2 and best > english) or _mostly_unknown(paragraph, vocabulary)


def _voting_words(text: str) -> Iterator[str]:
    """The words of ``text`` that may say its language: not units, which every language
    writes alike ('0.25 mg/kg', '4 kg'), told by a number before them or a slash beside."""
    for word in WORD.finditer(text):
        start, end = word.span()
        before = text[max(0, start - 2) : start]
        if before[-1:] == "/" or text[end : end + 1] == "/":
            continue
        if before[-1:].isdigit() or (before[-1:] == " " and before[:1].isdigit()):
            continue
        yield word.group()


def _mostly_unknown(paragraph: str, vocabulary: Vocabulary) -> bool:
    """Whether most words of a paragraph are words no vocabulary knows: a language the
    vocabularies lack ('Contextuele Analyse, Fysiologische Metingen en Machinaal Leren',
    'Diyafragmatik solunum ile kombine edilen'), whose every word would be a slip in
    English. English prose, however dense with terms, has a few such words in ten at most;
    abbreviations and codes (capitals inside, digits) are not counted."""
    words = [
        word
        for word in WORD.findall(paragraph[:_ENOUGH])
        if len(word) >= _SHORTEST_COUNTED and word[1:].islower()
    ]
    if len(words) < _FEWEST_COUNTED:
        return False
    unknown = sum(vocabulary.standing(word.lower()) == UNKNOWN for word in words)
    return unknown >= _MOSTLY * len(words)


_ENOUGH = 600  # characters: a paragraph's language shows in its first hundred words
# A paragraph of at least eight words of four letters or more, half of them unknown, is in a
# language the vocabularies lack (English prose in the public records: 43% at most).
_SHORTEST_COUNTED = 4
_FEWEST_COUNTED = 8
_MOSTLY = 0.5


def foreign_at(index: TextIndex, start: int, vocabulary: Vocabulary) -> bool:
    """Whether the paragraph holding ``start`` of a record's joined text, within its own
    field, is in another language than English."""
    (_, text, _, _), offset = index.field_at(start)
    return is_foreign(paragraph_around(text, offset), vocabulary)
