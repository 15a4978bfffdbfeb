"""The free text of a record, gathered once for all text rules.

Text rules scan about 7 kB of prose per record, which must cost a fraction of reading the
record. So the prose is joined into one lowercased string, scanned at C speed (one
Aho-Corasick pass for every word and artefact the rules look for, ``str.split`` for repeated
words), and only the few hits are mapped back to their field and offset.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from operator import itemgetter
from typing import Any

from trialint.document.pointer import Token

# What a field's text is: plain text; Markdown, where `\>`, `\<`, `10\^6` are how the API writes
# > < ^; or a name (of a person, a place or an organisation), plain text that no spelling or
# repeated-word rule judges (Sir Run Run Shaw Hospital, Hôpital Bichat-Claude Bernard).
P, M, N = "plain", "markdown", "name"

# Where a record's prose is, module by module: a key maps to P or M, to a nested spec for a
# mapping, or to a one-item list holding the spec of every entry of a list. Codes, dates,
# identifiers, e-mail addresses and URLs are not prose; registry citations quote papers (their
# typos are the journal's). Walking only these paths is what keeps the text rules cheap.
_PERSON: dict[str, Any] = {"name": N, "affiliation": N}
_OUTCOMES: list[Any] = [{"measure": P, "description": M, "timeFrame": P}]
PROSE: dict[str, Any] = {
    "identificationModule": {"briefTitle": P, "officialTitle": P, "acronym": N,
                             "organization": {"fullName": N}},
    "statusModule": {"whyStopped": P},
    "sponsorCollaboratorsModule": {
        "responsibleParty": {"investigatorFullName": N, "investigatorAffiliation": N},
        "leadSponsor": {"name": N}, "collaborators": [{"name": N}],
    },
    "descriptionModule": {"briefSummary": M, "detailedDescription": M},
    "conditionsModule": {"conditions": [P], "keywords": [P]},
    "designModule": {
        "designInfo": {"interventionModelDescription": M, "maskingInfo": {"maskingDescription": M}},
        "bioSpec": {"description": M},
    },
    "armsInterventionsModule": {
        "armGroups": [{"label": P, "description": M}],
        "interventions": [{"name": P, "description": M, "otherNames": [P]}],
    },
    "outcomesModule": {
        "primaryOutcomes": _OUTCOMES, "secondaryOutcomes": _OUTCOMES, "otherOutcomes": _OUTCOMES,
    },
    "eligibilityModule": {"eligibilityCriteria": M, "studyPopulation": M, "genderDescription": M},
    "contactsLocationsModule": {
        "centralContacts": [_PERSON], "overallOfficials": [_PERSON],
        "locations": [{"facility": N, "city": N, "state": N, "country": N, "contacts": [_PERSON]}],
    },
    "ipdSharingStatementModule": {"description": M, "accessCriteria": M},
}  # fmt: skip

SEPARATOR = "\n\x00\n"  # between fields: never inside a field, never part of a word
_ASCII_PUNCTUATION = b"\"'()[]{}.,;:!?*-/\\<>=+%#&|~`^_$@\x00"
_PUNCTUATION_TO_SPACE = bytes.maketrans(_ASCII_PUNCTUATION, b" " * len(_ASCII_PUNCTUATION))

# A field: (path from the study's root, its text, whether it is Markdown, whether it is a name).
TextField = tuple[tuple[Token, ...], str, bool, bool]


# The spec compiled for walking: per mapping, (key, kind, Markdown flag or nested entries).
_TEXT, _TEXTS, _MAPPING, _MAPPINGS = range(4)
_Entries = tuple[tuple[str, int, Any], ...]


def _compile(spec: dict[str, Any]) -> _Entries:
    entries: list[tuple[str, int, Any]] = []
    for key, child in spec.items():
        if isinstance(child, str):
            entries.append((key, _TEXT, child))
        elif isinstance(child, dict):
            entries.append((key, _MAPPING, _compile(child)))
        elif isinstance(child[0], str):
            entries.append((key, _TEXTS, child[0]))
        else:
            entries.append((key, _MAPPINGS, _compile(child[0])))
    return tuple(entries)


_PROSE_ENTRIES = _compile(PROSE)


def _collect(mapping: dict[str, Any], entries: _Entries, path: tuple[Token, ...],
             out: list[TextField], names: list[TextField]) -> None:  # fmt: skip
    """Append the prose fields of ``mapping`` to ``out``, and those that are names to
    ``names``: one call per mapping that holds prose (a module, a site, a contact); texts and
    lists of texts are taken in the loop."""
    for key, kind, detail in entries:
        child = mapping.get(key)
        if child is None:
            continue
        if kind is _TEXT:
            if child.__class__ is str and child:
                field = ((*path, key), child, detail is M, detail is N)
                (names if detail is N else out).append(field)
        elif kind is _MAPPING:
            if child.__class__ is dict:
                _collect(child, detail, (*path, key), out, names)
        elif child.__class__ is list:
            if kind is _TEXTS:
                for index, item in enumerate(child):
                    if item.__class__ is str and item:
                        field = ((*path, key, index), item, detail is M, detail is N)
                        (names if detail is N else out).append(field)
            else:
                for index, item in enumerate(child):
                    if item.__class__ is dict:
                        _collect(item, detail, (*path, key, index), out, names)


_DOTTED_CAPITAL_I, _CAPITAL_SIGMA, _SMALL_SIGMA = "\u0130", "\u03a3", "\u03c3"


def _lower_keeping_offsets(text: str) -> str:
    """``text`` lowercased character by character, as long as it is, for a text whose
    lowercase is longer. Lowercasing a few characters changes their length (İ is i and a dot
    above): offsets must stay aligned, so those keep their case. The one such character of
    Unicode is İ, and the one lowercased by its context is the capital sigma (a final sigma
    at a word's end, the small sigma alone): so the text between İs is lowercased whole, each
    capital sigma made small first, in C, not a character at a time (a Turkish record's
    7,000 characters took a millisecond)."""
    return _DOTTED_CAPITAL_I.join(
        piece.replace(_CAPITAL_SIGMA, _SMALL_SIGMA).lower()
        for piece in text.split(_DOTTED_CAPITAL_I)
    )


class TextIndex:
    """The prose of one record: its fields, and the joined text scanners work on.

    Names (of people, sites, sponsors) come after the rest, so that the rules that judge
    words read the text before ``words_end`` and never a name: in a trial run at a hundred
    sites, names are most of the text.
    """

    def __init__(self, protocol: dict[str, Any]) -> None:
        fields: list[TextField] = []
        names: list[TextField] = []
        _collect(protocol, _PROSE_ENTRIES, ("protocolSection",), fields, names)
        self.fields = fields + names
        texts = list(map(itemgetter(1), self.fields))
        self.text = SEPARATOR.join(texts)
        lower = self.text.lower()
        if len(lower) != len(self.text):
            lower = _lower_keeping_offsets(self.text)
        self.lower = lower
        self._starts = list(accumulate(map(len(SEPARATOR).__add__, map(len, texts)), initial=0))
        self.words_end = self._starts[len(fields)] if names else len(self.text)
        self._words: list[bytes] | None = None

    def field_at(self, offset: int) -> tuple[TextField, int]:
        """The field an offset of the joined text falls in, and the offset within it."""
        index = bisect_right(self._starts, offset) - 1
        return self.fields[index], offset - self._starts[index]

    def field_number(self, offset: int) -> int:
        """The position in ``fields`` of the field an offset falls in."""
        return bisect_right(self._starts, offset) - 1

    def field_start(self, number: int) -> int:
        """Where the field at that position in ``fields`` starts in the joined text."""
        return self._starts[number]

    @property
    def words(self) -> list[bytes]:
        """The words of the lowercased text before the names, in UTF-8, split at white space
        and at the ASCII punctuation that clings to words ("(mild", "non-small", "pain."):
        split once, for the spelling and the repeated-word rules, at C speed."""
        if self._words is None:
            prose = self.lower[: self.words_end].encode()
            self._words = prose.translate(_PUNCTUATION_TO_SPACE).split()
        return self._words

    def same_field(self, start: int, end: int) -> bool:
        return bisect_right(self._starts, start) == bisect_right(self._starts, end - 1)
