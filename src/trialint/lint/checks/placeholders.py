"""Descriptions that are placeholders, where the registry asks what an arm's participants
receive (A002) or what an intervention is (A021, A018): the rules are ``arms``'; this is the
one table they share.

A placeholder is there and says nothing: "N/A", a type of arm ("Placebo Comparator",
"Experimental group"), a template's boilerplate ("Specified dose on specified days"), or the
name it describes repeated. The phrases are data (``rules/placeholder-descriptions.yaml``).
"""

from __future__ import annotations

import re
from functools import cache

from trialint.lint.ruledata import rule_data

_PUNCTUATION = re.compile(r"[^\w\s]+")
# What each kind of phrase is, for a message.
_KINDS = {
    "nothing": "is a placeholder",
    "types": "names a type of arm",
    "boilerplate": "is a template's boilerplate",
}


def plain(text: str) -> str:
    """Text as the phrases are compared: lowercased, punctuation read as spaces."""
    return " ".join(_PUNCTUATION.sub(" ", text.lower()).split())


@cache
def _phrases() -> tuple[dict[str, str], int]:
    """Each placeholder phrase, plain, with what it is; and the longest phrase's length."""
    table = rule_data("placeholder-descriptions.yaml")
    phrases: dict[str, str] = {}
    for key, what in _KINDS.items():
        words = table.get(key)
        if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
            raise ValueError(f"rules/placeholder-descriptions.yaml: {key} must be a list")
        phrases.update((plain(word), what) for word in words)
    return phrases, max(map(len, phrases))


def placeholder(text: str) -> str | None:
    """What makes a non-empty description a placeholder ('is a placeholder', 'names a type of
    arm', ...), or None when it may say something."""
    if not any(map(str.isalnum, text)):
        return "is a placeholder"
    phrases, longest = _phrases()
    # lowercasing never shortens a text much: a description far longer is no phrase
    return phrases.get(plain(text)) if len(text) <= 2 * longest else None


def repeats(description: str, name: str) -> bool:
    """Whether a description only repeats the name it describes."""
    return len(description) <= 2 * len(name) + 3 and plain(description) == plain(name)
