"""The free text of a record, gathered once for all text rules.

Text rules scan about 7 kB of prose per record, which must cost a fraction of reading the
record. So the prose is joined into one lowercased string, scanned at C speed (one
Aho-Corasick pass for every word and artefact the rules look for, ``str.split`` for repeated
words), and only the few hits are mapped back to their field and offset.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import Any

from trialint.document.pointer import Token

P, M = False, True  # plain text; Markdown, where `\>`, `\<`, `10\^6` are how the API writes > < ^

# Where a record's prose is, module by module: a key maps to P or M, to a nested spec for a
# mapping, or to a one-item list holding the spec of every entry of a list. Codes, dates,
# identifiers, e-mail addresses and URLs are not prose; registry citations quote papers (their
# typos are the journal's). Walking only these paths is what keeps the text rules cheap.
_PERSON: dict[str, Any] = {"name": P, "affiliation": P}
_OUTCOMES: list[Any] = [{"measure": P, "description": M, "timeFrame": P}]
PROSE: dict[str, Any] = {
    "identificationModule": {"briefTitle": P, "officialTitle": P, "acronym": P,
                             "organization": {"fullName": P}},
    "statusModule": {"whyStopped": P},
    "sponsorCollaboratorsModule": {
        "responsibleParty": {"investigatorFullName": P, "investigatorAffiliation": P},
        "leadSponsor": {"name": P}, "collaborators": [{"name": P}],
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
        "locations": [{"facility": P, "city": P, "state": P, "country": P, "contacts": [_PERSON]}],
    },
    "ipdSharingStatementModule": {"description": M, "accessCriteria": M},
}  # fmt: skip

SEPARATOR = "\n\x00\n"  # between fields: never inside a field, never part of a word

# A field: (path from the study's root, its text, whether it is Markdown).
TextField = tuple[tuple[Token, ...], str, bool]


def _collect(value: Any, spec: Any, path: tuple[Token, ...], out: list[TextField]) -> None:
    """Append the prose fields of ``value`` (described by ``spec``) to ``out``.

    Text values are taken where their container is walked, without a call of their own: a
    record has a few dozen containers of prose and hundreds of texts.
    """
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return
        for key, child_spec in spec.items():
            child = value.get(key)
            if child is None:
                continue
            if child_spec is P or child_spec is M:
                if isinstance(child, str) and child:
                    out.append(((*path, key), child, child_spec))
            else:
                _collect(child, child_spec, (*path, key), out)
    elif isinstance(value, list):
        item_spec = spec[0]
        if item_spec is P or item_spec is M:
            for index, child in enumerate(value):
                if isinstance(child, str) and child:
                    out.append(((*path, index), child, item_spec))
        else:
            for index, child in enumerate(value):
                _collect(child, item_spec, (*path, index), out)


class TextIndex:
    """The prose of one record: its fields, and the joined text scanners work on."""

    def __init__(self, protocol: dict[str, Any]) -> None:
        fields: list[TextField] = []
        _collect(protocol, PROSE, ("protocolSection",), fields)
        self.fields = fields
        self.text = SEPARATOR.join(text for _, text, _ in fields)
        lower = self.text.lower()
        # Lowercasing a few characters changes their length (İ); offsets must stay aligned.
        self.lower = lower if len(lower) == len(self.text) else self.text
        step = len(SEPARATOR)
        self._starts = list(accumulate((len(text) + step for _, text, _ in fields), initial=0))

    def field_at(self, offset: int) -> tuple[TextField, int]:
        """The field an offset of the joined text falls in, and the offset within it."""
        index = bisect_right(self._starts, offset) - 1
        return self.fields[index], offset - self._starts[index]

    def same_field(self, start: int, end: int) -> bool:
        return bisect_right(self._starts, start) == bisect_right(self._starts, end - 1)
