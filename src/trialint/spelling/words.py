"""What a word is, for spelling: one place, so that the registry's vocabulary is counted with
the same cuts as a record is checked with.

A word is a run of letters. Digits, hyphens, slashes and apostrophes end it: "follow-up" is
"follow" and "up", "HbA1c" is "hba" and "c" (and, touching a digit, a code the checks skip),
"patient's" is "patient" and "s".
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from trialint.document.textfields import TextIndex

WORD = re.compile(r"[^\W\d_]+")

# What may cling to a word without being part of it; stripping it is cheaper than a regular
# expression over the whole text, and what is left is a word when it is all letters.
PUNCTUATION = (
    "\"'()[]{}.,;:!?*-/\\<>=+%#&|~`^_$@"
    "\u2013\u2014\u2019\u2018\u201c\u201d\u2022\u2026\u00ab\u00bb"  # dashes, quotes, bullet, ...
)

# The punctuation of Chinese and Japanese text, which ends a word as a blank does and which
# ``TextIndex.words`` (splitting ASCII punctuation only) leaves inside its tokens.
FULL_WIDTH_PUNCTUATION = "\uff0c\uff1b\uff1a\u3001\u3002\uff08\uff09\uff01\uff1f"
FULL_WIDTH_MARKS = re.compile(f"[{FULL_WIDTH_PUNCTUATION}]")

# Letters NFKD does not split into a base letter and its accent.
_UNSPLIT_LETTERS = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "\u0131": "i",
}  # fmt: skip
_FOLD = str.maketrans(_UNSPLIT_LETTERS)


def ascii_lower(text: str) -> str:
    """Lowercase, without accents: 'Jérôme' -> 'jerome', 'Łódź' -> 'lodz'; how names of people
    and places are compared whatever a keyboard wrote."""
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(character for character in folded if not unicodedata.combining(character))


def words_of(text: str) -> set[str]:
    """The distinct lowercase words of a text."""
    return set(WORD.findall(text.lower()))


def study_words(protocol: dict[str, Any]) -> set[str]:
    """The distinct words of a study's prose, names of people, places and organisations
    left out: the registry's vocabulary is what its studies write, not who runs them."""
    words: set[str] = set()
    for _, text, _, name in TextIndex(protocol).fields:
        if not name:
            words |= words_of(text)
    return words


def document_frequencies(protocols: Iterable[dict[str, Any]]) -> tuple[int, dict[str, int]]:
    """In how many of the studies each word appears, and how many studies there were."""
    counts: dict[str, int] = {}
    studies = 0
    for protocol in protocols:
        studies += 1
        for word in study_words(protocol):
            counts[word] = counts.get(word, 0) + 1
    return studies, counts


def letters_only(words: Iterable[bytes]) -> Iterator[str]:
    """The words of ``TextIndex.words`` (UTF-8, ASCII punctuation split off), the rest of
    their punctuation stripped; a word with a digit in it is a code or a quantity ("hba1c",
    "10mg", "abt") and gives none."""
    for word in words:
        if word.isalpha():  # ASCII letters only: most words
            yield word.decode()
            continue
        if word.isdigit():  # a number: the next most
            continue
        text = word.decode().strip(PUNCTUATION)
        if text.isalpha():
            yield text
            continue
        for part in FULL_WIDTH_MARKS.split(text):  # ('months' and '12', full-width comma)
            if part and not any(character.isdigit() for character in part):
                yield from WORD.findall(part)


def word_start(text: str, end: int, floor: int = 0) -> int:
    """Where the run of letters that ends at ``end`` starts (not before ``floor``): a word's
    start, found by walking back over a few characters rather than by a pattern."""
    start = end
    while start > floor and text[start - 1].isalpha():
        start -= 1
    return start


def word_end(text: str, start: int) -> int:
    """Where the run of letters that starts at ``start`` ends."""
    end = start
    while end < len(text) and text[end].isalpha():
        end += 1
    return end


def same_case(model: str, word: str) -> str:
    """``word`` written in the case of ``model`` (capitals, a capital first, or lowercase), as
    a correction must be: 'Assesment' becomes 'Assessment', 'ASSESMENT' 'ASSESSMENT'."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_ASCII_CAPITALS = string.ascii_uppercase.encode()
_ASCII_SMALL = string.ascii_lowercase.encode()
SHOUTING = 4  # capitals to each small letter in a text written in capitals


def written_in_capitals(text: str) -> bool:
    """Whether a text of several words is written in capitals (an old record's title),
    where capitals say nothing of a word; one word in capitals is an abbreviation."""
    letters = text.encode()  # ASCII letters counted in C: a field may be long
    capitals = len(letters) - len(letters.translate(None, _ASCII_CAPITALS))
    small = len(letters) - len(letters.translate(None, _ASCII_SMALL))
    return capitals >= SHOUTING * small and len(text.split()) >= 4
