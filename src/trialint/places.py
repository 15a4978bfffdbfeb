"""Regions of a country that are no city: what a site's city must not be.

A site's city is where the site is; sponsors that know only the region (a Japanese
prefecture, a Korean province, an Indian state) write the region there, and the registry's
map, its search by distance and every reader then look for a city of that name, or none.
``rules/places/regions.tsv`` lists, by country, the regions of ISO 3166-2 (first level, and
England's counties) that are no populated place of the country under any name GeoNames knows,
so that a region named like its capital (Tokyo, Berlin, Wien) is never one. It is built by
``scripts/build_places.py``; this module reads it, and is the one place a place's name is
normalised, for the build and the check alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from trialint.resources import data_dir

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


class Region(NamedTuple):
    """A region of a country, as ISO 3166-2 names and types it."""

    name: str  # as ISO 3166-2 writes it ('Hyōgo', 'Gyeonggi-do')
    kind: str  # its type, lowercased ('prefecture', 'province', 'state')


def place_key(name: str) -> str:
    """A place's name as places are compared: accents, case, punctuation and spacing set aside
    ('Hyōgo' and 'HYOGO', 'Gyeongsangnam-Do' and 'Gyeongsangnam do')."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(_NOT_LETTERS.sub(" ", ascii_name.casefold()).split())


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
