"""Where a site is: the regions that are no city, the United States' ZIP codes and towns, and
the form of every country's postal codes.

A site's city is where the site is; sponsors that know only the region (a Japanese
prefecture, a Korean province, an Indian state) write the region there, and the registry's
map, its search by distance and every reader then look for a city of that name, or none.
``rules/places/regions.tsv`` lists, by country, the regions of ISO 3166-2 (first level, and
England's counties) that are no populated place of the country under any name GeoNames knows,
so that a region named like its capital (Tokyo, Berlin, Wien) is never one. It is built by
``scripts/build_places.py``; this module reads it, and is the one place a place's name is
normalised, for the build and the check alike.

``rules/places/us-places.marisa`` (a memory-mapped trie, opened in microseconds) holds, for the
United States: each ZIP code's state, centre and towns (keys ``zip:94305``), the places of 500
inhabitants or more, under each of their names, with their coordinates (``city:CA:palo
alto``), and the states' names and codes (``state:california``).

``rules/places/postal-codes.tsv`` holds, by country, the pattern its postal codes match and
examples of them (Google's address metadata, written by ``scripts/build_postal_codes.py``).
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from trialint.patterns import lazy_pattern
from trialint.resources import data_dir
from trialint.spelling.words import ascii_lower

if TYPE_CHECKING:
    import marisa_trie

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


class Region(NamedTuple):
    """A region of a country, as ISO 3166-2 names and types it."""

    name: str  # as ISO 3166-2 writes it ('Hyōgo', 'Gyeonggi-do')
    kind: str  # its type, lowercased ('prefecture', 'province', 'state')


def place_key(name: str) -> str:
    """A place's name as places are compared: accents, case, punctuation and spacing set aside
    ('Hyōgo' and 'HYOGO', 'Gyeongsangnam-Do' and 'Gyeongsangnam do')."""
    return " ".join(_NOT_LETTERS.sub(" ", ascii_lower(name)).split())


@cache
def regions() -> dict[tuple[str, str], Region]:
    """The regions that are no city, by (country code, place key)."""
    table: dict[tuple[str, str], Region] = {}
    path = data_dir("rules") / "places" / "regions.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, key, name, kind = line.split("\t")
            table[(country, key)] = Region(name, kind)
    return table


def region_named(country_code: str, city: str) -> Region | None:
    """The region of the country a city's name is, when it is no city of that country."""
    return regions().get((country_code, place_key(city)))


class UsZip(NamedTuple):
    """A United States ZIP code: the state it is in, its centre and its towns."""

    state: str  # the state's two-letter code
    latitude: float
    longitude: float
    towns: tuple[str, ...]  # its own town first, then those the postal service accepts

    @property
    def town(self) -> str:
        return self.towns[0]

    def names(self, town: str) -> bool:
        """Whether a town's name is one of the code's, or holds one ('Voorhees Township')."""
        key = place_key(town)
        return any(key == own or key.startswith(own + " ") for own in map(place_key, self.towns))


US_PLACES_FILE = "us-places.marisa"


@cache
def _us_places() -> marisa_trie.BytesTrie:
    import marisa_trie  # the spelling vocabulary's trie library: no other dependency

    trie = marisa_trie.BytesTrie()
    trie.mmap(str(data_dir("rules") / "places" / US_PLACES_FILE))
    return trie


def us_zip(code: str) -> UsZip | None:
    """The ZIP code a site's zip field starts with ('94305', '94305-5101'), or None."""
    five = code.strip()[:5]
    if len(five) != 5 or not five.isdigit():
        return None
    found = _us_places().get(f"zip:{five}")
    if not found:
        return None
    state, latitude, longitude, towns = found[0].decode().split("\t")
    return UsZip(state, float(latitude), float(longitude), tuple(towns.split("|")))


def us_state_code(state: str) -> str | None:
    """The two-letter code of a state written by name or by code ('California', 'CA')."""
    found = _us_places().get(f"state:{place_key(state)}")
    return found[0].decode() if found else None


def us_town_points(state_code: str, town: str) -> list[tuple[float, float]]:
    """Where the places of a state that bear a town's name are (none when no such place)."""
    found = _us_places().get(f"city:{state_code}:{place_key(town)}") or []
    points = []
    for packed in found:
        latitude, longitude = packed.decode().split("\t")
        points.append((float(latitude), float(longitude)))
    return points


EARTH_RADIUS_KM = 6371.0


def distance_km(one: tuple[float, float], other: tuple[float, float]) -> float:
    """The great-circle distance between two points (latitude, longitude in degrees)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*one, *other))
    haversine = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(haversine))


class PostalForm(NamedTuple):
    """How a country writes its postal codes: the pattern a whole code matches, and examples
    (Google's address metadata, as ``rules/places/postal-codes.tsv`` holds it)."""

    pattern: re.Pattern[str]
    examples: tuple[str, ...]


@cache
def _postal_forms() -> dict[str, tuple[str, str]]:
    """The table as written, by region code: a country's pattern is compiled at its first
    site, for most records have sites in a few countries."""
    forms: dict[str, tuple[str, str]] = {}
    table = data_dir("rules") / "places" / "postal-codes.tsv"
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, pattern, examples = line.split("\t")
            forms[code] = (pattern, examples)
    return forms


@cache
def postal_form(country_code: str) -> PostalForm | None:
    """The form of a country's postal codes, or None for a country that has none the metadata
    gives."""
    written = _postal_forms().get(country_code)
    if written is None:
        return None
    pattern, examples = written
    return PostalForm(re.compile(pattern), tuple(filter(None, examples.split(","))))


# Letters written before a postal code ('D-13353', 'B3500', 'LT-08660'): the country's code or
# its first letter, the prefixes of an older European convention.
_POSTAL_PREFIX = lazy_pattern(r"([A-Z]{1,3})\s*-?\s*(?=\d)")
_SEPARATORS = lazy_pattern(r"[\s\-\u2013]")
_NOT_ALNUM = lazy_pattern(r"[^A-Z0-9]")
# The forms a country used before its present one, still written in many addresses: South
# Korea's six-digit codes ('135-710'), replaced by five digits in August 2015.
SUPERSEDED_POSTAL_FORMS = {"KR": lazy_pattern(r"\d{3}-?\d{3}")}


def _shape(text: str) -> str:
    return "".join("9" if char.isdigit() else "A" for char in text)


def fits_postal_form(written: str, country_code: str, form: PostalForm) -> bool:
    """Whether a site's postal code is one of its country's, however it is spaced: with or
    without the separators the country writes ('277 8577' for '277-8577', '42624' for
    '42-624'), with the country's prefix or without it ('D-13353', '1002' for 'LV-1002'), or
    as the first part of a code in two parts ('2300' of '2300 AB', '4200' of '4200-072')."""
    code = written.strip().upper()
    if form.pattern.fullmatch(code):
        return True  # nearly every code: written as the country writes it
    candidates = {code, f"{country_code}-{code}"}
    prefix = _POSTAL_PREFIX().match(code)
    if prefix and prefix.group(1) in (country_code, country_code[0]):
        candidates.add(code[prefix.end() :])
    superseded = SUPERSEDED_POSTAL_FORMS.get(country_code)
    if superseded is not None and superseded().fullmatch(code):
        return True
    for candidate in list(candidates):
        bare = _SEPARATORS().sub("", candidate)
        candidates.add(bare)
        for example in form.examples:
            if len(_NOT_ALNUM().sub("", example.upper())) == len(bare):
                candidates.add(_with_separators_of(bare, example))
            first = re.split(r"[ -]", example, maxsplit=1)
            if len(first) == 2 and _shape(first[0]) == _shape(bare):
                return True
    return any(form.pattern.fullmatch(candidate) for candidate in candidates)


def _with_separators_of(bare: str, example: str) -> str:
    """``bare`` (letters and digits) with the separators ``example`` writes between its own."""
    letters = iter(bare)
    return "".join(char if not char.isalnum() else next(letters) for char in example)
