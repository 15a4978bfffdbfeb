"""Names and contacts (family C): a person's name written in the wrong case.

The registry shows names as they were typed, on the study's page and in every download: a
name typed in lower case ('jing xue', 'Vivek mehta'), with a stray lower-case initial
('Galina f Tereshchenko') or with its first two letters capitalised ('MUhammad') looks
careless to participants and sponsors alike, and the same person written 'Li Li' in one
field and 'Li li' in the next reads as two people to whoever matches names across records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.finding import Fix
from trialint.lint.checks.contacts import (
    DEGREES,
    TITLE_WORDS,
    contacts_of,
    email_in,
    not_a_person,
    people_of,
    phone_in,
)
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.quoting import quoted
from trialint.rule import A_SITE, FixKind, Severity, rule
from trialint.spelling.vocabulary import FUNCTION_WORDS

_OFFICIAL = (
    "protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
    "      - name: {name}\n        affiliation: Example University Hospital\n"
    "        role: PRINCIPAL_INVESTIGATOR\n"
)

NAME_CASE = rule(
    "C018", "name-case", Severity.WARNING,
    "A person's name with a part written in lower case ('jing xue', 'Vivek mehta', 'Galina f "
    "Tereshchenko') or with its first two letters capitalised ('MUhammad').",
    "Officials, contacts and the responsible investigator are named as they sign (PRS "
    "definitions, Overall Official: 'full name'); the registry shows the name as typed on "
    "the study's page. A part in lower case, or a capital typed twice, is a slip of the "
    "keyboard, and curators mark it; the same person written two ways ('Li Li', 'Li li') "
    "reads as two people to anyone who matches names across records. The particles names "
    "keep in lower case (van, de, da, bin, al, y ...) are not reported, nor degrees and "
    "roles written after the name ('Li Junling doctor'), nor a name "
    "written all in capitals (a style, not a slip), nor what C001 and C004 report (contact "
    "details, roles, companies). The fix (to review: some people write their name in lower "
    "case) capitalises each part. Corpus: 64 names; the 56 outside the held-out recall "
    "sample (in 34 records) read, all slips.",
    fails=(_OFFICIAL.format(name="Vivek mehta, MD"), _OFFICIAL.format(name="jing xue")),
    passes=(_OFFICIAL.format(name="Vivek Mehta, MD") + A_SITE,
            _OFFICIAL.format(name="Ludwig van Beethoven") + A_SITE,
            _OFFICIAL.format(name="LI LI") + A_SITE),
    fix=FixKind.UNSAFE,
)  # fmt: skip

NAMED_TWO_WAYS = rule(
    "C019", "person-named-two-ways", Severity.WARNING,
    "One person written two ways in the record's officials, central contacts and responsible "
    "investigator: the parts of the name in another order ('Yu Qi', 'Qi Yu') or run together "
    "('Rolf Fronczek', 'RolfFronczek').",
    "A reader, and every tool that matches investigators across records, takes two spellings "
    "for two people; a name is written one way, in the order the person uses (family names "
    "first in Chinese, Japanese, Korean and Hungarian names are no slip, but then everywhere "
    "in the record). Compared without degrees (after a comma) and case; a name and its "
    "initials ('J. Smith') are not compared. The finding is at the second writing and "
    "relates the first; a third writing like the first is not reported again. Corpus: 14; "
    "the 12 outside the held-out recall sample read, all one person (Chinese names in both "
    "orders, 'RolfFronczek', 'Jeeyoun Moon' and 'Jee Youn Moon').",
    fails=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
           "      - {name: Yu Qi, affiliation: Example University Hospital, "
           "role: PRINCIPAL_INVESTIGATOR}\n    centralContacts:\n"
           "      - {name: Qi Yu, role: CONTACT, email: qi.yu@example.org}\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
            "      - {name: Yu Qi, affiliation: Example University Hospital, "
            "role: PRINCIPAL_INVESTIGATOR}\n    centralContacts:\n"
            "      - {name: Yu Qi, role: CONTACT, email: qi.yu@example.org}\n" + A_SITE,),
)  # fmt: skip

# Parts of names written in lower case by right: particles of Dutch, German, French, Italian,
# Spanish, Portuguese, Arabic and Malay names.
_PARTICLES = frozenset({
    "van", "von", "de", "der", "den", "des", "del", "della", "di", "da", "do", "dos", "das",
    "du", "la", "le", "ter", "ten", "zu", "af", "op", "het", "y", "e", "i", "bin", "binti",
    "bint", "ibn", "al", "el", "bte", "ben", "st",
})  # fmt: skip
_LONGEST_NAME = 6  # parts: a longer text in a name field is no name
# Words of a sentence, never of a name (particles apart).
_SENTENCE_WORDS = FUNCTION_WORDS - _PARTICLES
_PART = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def _slips(name: str) -> list[tuple[int, int]]:
    """The parts of a person's name (before any comma, which degrees follow) written in
    lower case or with two capitals, as (start, end); none for a name in capitals."""
    person = name.split(",", 1)[0]
    parts = list(_PART.finditer(person))
    if not 2 <= len(parts) <= _LONGEST_NAME or person.isupper():
        return []
    if any(part.group().lower() in _SENTENCE_WORDS for part in parts):
        return []  # instructions typed into the name ('First line of email MUST contain ...')
    slips = []
    for part in parts:
        text = part.group()
        lowered = text.lower()
        if lowered in _PARTICLES or lowered in DEGREES or lowered in TITLE_WORDS:
            continue  # a particle, or a degree or a role written after the name
        lower_case = text.islower()
        doubled = len(text) > 3 and text[:2].isupper() and text[2:].islower()
        if lower_case or doubled:
            slips.append((part.start(), part.end()))
    return slips


def _capitalised(name: str) -> str:
    """The name with each part of the person's name capitalised but the particles (a part
    that is also an English word, 'Lira wolf', is capitalised too: the name has slipped)."""
    person, comma, rest = name.partition(",")

    def capital(part: re.Match[str]) -> str:
        text = part.group()
        lowered = text.lower()
        if lowered in _PARTICLES or lowered in DEGREES or (text.isupper() and len(text) < 4):
            return text  # a particle, a degree, an initial or a short name in capitals
        return text[:1].upper() + text[1:].lower()

    return _PART.sub(capital, person) + comma + rest


def _names(record: Record, *, sites: bool = True) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every person's name of the record, with the path of its value: officials, the
    responsible investigator and the central contacts, and (``sites``) the contacts of each
    site and of the results."""
    for path, person, name_key, _, _ in people_of(record):
        name = as_str(person.get(name_key))
        if name:
            yield (*path, name_key), name
    for prefix, index, contact, _ in contacts_of(record):
        if not sites and (index is None or prefix[-1] != "centralContacts"):
            continue
        name = as_str(contact.get("name"))
        if name:
            yield (*(prefix if index is None else (*prefix, index)), "name"), name


def _the_person(name: str) -> tuple[str, ...]:
    """A name's parts, lower-cased, without the degrees that follow a comma."""
    return tuple(part.group().lower() for part in _PART.finditer(name.split(",", 1)[0]))


def _two_ways(first: tuple[str, ...], later: tuple[str, ...]) -> str | None:
    """How a later writing of a name differs from a first one of the same person: 'in
    another order', 'run together', 'split in other parts' (None: the same, or two people)."""
    if first == later or not first or not later or max(len(first), len(later)) < 2:
        return None
    if any(len(part) < 2 for part in first + later):
        return None  # initials: 'J Smith' and 'John Smith' may be two people
    if len(first) == len(later):
        return "in another order" if sorted(first) == sorted(later) else None
    letters = "".join(later)
    if letters not in ("".join(first), "".join(reversed(first))):
        return None
    return "run together" if len(later) < len(first) else "split in other parts"


@check(NAMED_TWO_WAYS)
def one_person_two_ways(record: Record, context: Context) -> Iterator[Hit]:
    # the people a record names in its own words; sites' contacts are the sites' staff
    written = [(path, name, _the_person(name)) for path, name in _names(record, sites=False)]
    for later, (path, name, parts) in enumerate(written):
        if any(parts == earlier for _, _, earlier in written[:later]):
            continue  # written as before: the first other writing was reported
        for first_path, first_name, first_parts in written[:later]:
            how = _two_ways(first_parts, parts)
            if how is not None:
                yield Hit(NAMED_TWO_WAYS,
                          f"{quoted(name)} is {quoted(first_name)} written {how}: write the name "
                          "one way",
                          path, related=(first_path,))  # fmt: skip
                break


@check(NAME_CASE)
def name_case(record: Record, context: Context) -> Iterator[Hit]:
    for path, name in _names(record):
        if name.isascii() and (name.isupper() or name.istitle()):
            continue  # nearly every name: told at once
        if email_in(name) or phone_in(name) or not_a_person(name, None):
            continue  # C001 and C004 say what is wrong with it
        slips = _slips(name)
        if not slips:
            continue
        start, end = slips[0]
        fixed = _capitalised(name)
        yield Hit(NAME_CASE,
                  f"the name {quoted(name)} has {quoted(name[start:end])} in the wrong case: write "
                  f"{quoted(fixed)}", path, fix=Fix(name, fixed, 0, safe=False))  # fmt: skip
