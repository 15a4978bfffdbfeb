"""A site's city that is a region of its country (family C).

The registry places a site on its map, and finds it in a search by distance, from its city;
a city that is a prefecture, a province or a state puts the site at whatever town of that
name a geocoder finds, or nowhere, and a reader learns only the region.
"""

from __future__ import annotations

from collections.abc import Iterator

from trialint.lint.checks.contacts import region_of
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str, dicts
from trialint.places import region_named
from trialint.rule import Severity, rule

_SITE = (
    "protocolSection:\n  contactsLocationsModule:\n    locations:\n"
    "      - facility: Kobe University Hospital\n"
)

CITY_IS_A_REGION = rule(
    "C021", "city-is-a-region", Severity.WARNING,
    "A site whose city is a region of its country, not a city: a Japanese prefecture "
    "('Hyogo', 'Kanagawa'), a Korean province ('Gyeonggi-do'), an Indian state ('Punjab'), an "
    "English county ('East Sussex').",
    "A location's city is the city where the site is; its state or province has a field of "
    "its own (PRS data element definitions, Facility Information: City, State/Province). A "
    "curator marks a prefecture written as the city: the registry's geocoder places the site "
    "in a town of that name elsewhere, or nowhere. The regions are ISO 3166-2's first-level "
    "subdivisions (and England's counties), less every name of a populated place of the same "
    "country that GeoNames knows (rules/places/regions.tsv, built by scripts/build_places.py), "
    "so that a region named like a city (Tokyo, Berlin, Ibaraki) is never reported. Corpus: "
    "37 sites in 16 records (none in the held-out recall sample), all read and regions: "
    "Japanese prefectures, Korean provinces, English counties, a Chinese province, an Indian "
    "and a Malaysian state.",
    fails=(f"{_SITE}        city: Hyogo\n        country: Japan\n",),
    passes=(f"{_SITE}        city: Kobe\n        state: Hyogo\n        country: Japan\n",),
)  # fmt: skip

_LOCATIONS = ("protocolSection", "contactsLocationsModule", "locations")


@check(CITY_IS_A_REGION)
def city_is_a_region(record: Record, context: Context) -> Iterator[Hit]:
    for place, location in dicts(record.contacts.get("locations")):
        city = as_str(location.get("city"))
        country = as_str(location.get("country"))
        code = region_of(country) if city and country else None
        if city is None or code is None:
            continue
        region = region_named(code, city)
        if region is None:
            continue
        state = as_str(location.get("state"))
        where = "" if state else "; the region goes in the state field"
        yield Hit(CITY_IS_A_REGION,
                  f"city {city!r} is a {region.kind} of {country}, not a city: write the "
                  f"city the site is in{where}", (*_LOCATIONS, place, "city"))  # fmt: skip
