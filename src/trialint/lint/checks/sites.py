"""Sites (family C): a study that lists no site, a location's facility named by a person,
where the facility's name belongs, and a facility's name that holds its address.

Registries list sites by facility; a site entered under its investigator's name ("Li Yu",
"Rasmus Møller Duus") cannot be found by its hospital, and is counted as an organisation of
that name. The evidence is the record's own: the facility is the name of a person it lists
(an official, a contact, the responsible investigator), so no list of names is needed and
no facility named after a person ("Sir Run Run Shaw Hospital") is taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.contacts import contacts_of, people_of
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str, dicts
from trialint.places import place_key
from trialint.quoting import quoted
from trialint.rule import AN_OFFICIAL, Severity, rule

CLM = ("protocolSection", "contactsLocationsModule")
_FRAGMENT = "protocolSection:\n  contactsLocationsModule:\n"
_OFFICIAL = "    overallOfficials:\n      - {name: 'Li Yu, MD', role: PRINCIPAL_INVESTIGATOR}\n"

FACILITY_IS_PERSON = rule(
    "C013", "facility-named-by-a-person", Severity.WARNING,
    "A location's facility that is the name of a person the record lists (an overall "
    "official, a central or site contact, the responsible party's investigator).",
    "The facility is the organisation where the study takes place (PRS definitions, Facility "
    "Name); the registry's search, its maps and counts of sites go by it. A person's name "
    "there hides the site. The person is one the record itself names, so a facility named "
    "after someone ('Sir Run Run Shaw Hospital') is never taken for one; names are compared "
    "without case, titles (Dr, Prof) or what follows a comma (', MD'), and only names of two "
    "to five words none of which is an organisation's (a contact named by a company is no "
    "person). Corpus: 26 hits in 22 records, all a site entered as its investigator or "
    "contact.",
    fails=(_FRAGMENT + _OFFICIAL
           + "    locations:\n      - {facility: Li Yu, city: Chengdu, country: China}\n",),
    passes=(_FRAGMENT + _OFFICIAL + "    locations:\n      - {facility: West China Hospital, "
            "city: Chengdu, country: China}\n",),
)  # fmt: skip

ADDRESS_IN_FACILITY = rule(
    "C031", "address-in-facility-name", Severity.WARNING,
    "A location's facility whose name ends with the location's own city and country ('University "
    "Hospital of Crete, Heraklion, Greece'), or holds a street address ('Rotes Kreuz "
    "Krankenhaus, Hansteinstr. 29').",
    "The facility name is the organisation's name (PRS definitions, Facility: 'full name of "
    "the organization'); its city, state, zip and country have fields of their own, which "
    "the registry's search, its map and counts of sites read. An address written into the "
    "name is shown twice ('Air Forces Military Hospital of Athens Athens, Greece') and "
    "makes one hospital several names, so registries and audits count it as several sites. "
    "Read: a name ending with the country of its location, the city written before it (a "
    "name that ends with its country alone may be the organisation's own, 'University of "
    "Occupational and Environmental Health, Japan'), or a street and its number. Corpus: 11, "
    "all read, all real; the tuning samples' curators marked all 4 in their records.",
    fails=(_FRAGMENT + "    locations:\n      - {facility: 'University Hospital of Crete, "
           "Heraklion, Greece', city: Heraklion, country: Greece}\n" + AN_OFFICIAL,),
    passes=(_FRAGMENT + "    locations:\n      - {facility: University Hospital of Crete, "
            "city: Heraklion, country: Greece}\n" + AN_OFFICIAL,),
)  # fmt: skip

PLACEHOLDER_FACILITY = rule(
    "C020", "placeholder-facility-name", Severity.INFO,
    "Sites named by a placeholder, not by their facility: 'Research Site', 'Local Institution "
    "- 0001', 'GSK Investigational Site'; one finding per record.",
    "The facility is the organisation where the study takes place (PRS definitions, Facility "
    "Name: 'full name of the organization'); participants look for a site near them by it, "
    "and registries, maps and audits of where trials run count sites by it. Some sponsors "
    "enter every site under one placeholder, a practice the registry accepts; curators and "
    "the WHO's data set (item 11, countries and sites) still want the names. Read: a "
    "facility that is only 'Research Site', 'Study Site', 'Local Institution', 'Site 12', or "
    "a sponsor's 'Investigational Site' or 'Investigative Site', with its number ('Site No. "
    "3', 'Investigational Site Number :0360002'). Information, once a record, at the first "
    "such site; the others are its related locations (SARIF relatedLocations, the JSON "
    "report's related), so that a tool can list them all. Corpus: 33 records (1,846 sites).",
    fails=(_FRAGMENT + "    locations:\n      - {facility: Research Site, city: Lyon, "
           "country: France}\n",),
    passes=(_FRAGMENT + "    locations:\n      - {facility: Hopital Edouard Herriot, "
            "city: Lyon, country: France}\n" + AN_OFFICIAL,),
)  # fmt: skip
NO_SITE = rule(
    "C026", "no-site-listed", Severity.INFO,
    "A study that lists no location: not one site where it recruits, or recruited.",
    "Where a study runs is part of the WHO Trial Registration Data Set (item 11, countries "
    "of recruitment) and of what ClinicalTrials.gov shows a patient looking for a trial near "
    "them (PRS definitions, Facility Information); auditors count trials by country from it. "
    "A record with no location says neither. A withdrawn study, which never enrolled anyone, "
    "is not judged. The registry accepts a record without locations, hence information. "
    "Recall tuning samples: 10 of the 14 records without a location marked by their "
    "curators (not-yet-recruiting studies among them: where the study will recruit is what "
    "a patient asks). Corpus: 63 records, none withdrawn.",
    fails=(_FRAGMENT + _OFFICIAL,),
    passes=(_FRAGMENT + _OFFICIAL + "    locations:\n      - {facility: West China Hospital, "
            "city: Chengdu, country: China}\n",),
)  # fmt: skip


@check(NO_SITE)
def sites_listed(record: Record, context: Context) -> Iterator[Hit]:
    """C026: no location at all, on a study that is not withdrawn."""
    if record.overall_status == "WITHDRAWN":
        return
    if dicts(record.contacts.get("locations")):
        return
    yield Hit(NO_SITE,
              "no location is listed: give each site where the study recruits, or did (its "
              "facility, city and country), so patients and readers can tell where it runs",
              (*CLM, "locations"))  # fmt: skip


_PLACEHOLDER_FACILITY = re.compile(
    r"\s*(?:(?:[\w&.-]+\s+){0,2}?investigati(?:onal|ve)\s+(?:site|cent(?:er|re))"
    r"|(?:(?:research|study|clinical|trial)\s+){1,2}site|local\s+institution|site)\b"
    r"[\s\-#:]*(?:(?:no|nr|number)\.?\s*[:#]?\s*)?[\d-]*\s*",
    re.IGNORECASE,
)

_TITLE = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms)\.?\s+")
# A person's name: two to five words of letters (with their dots, hyphens and apostrophes).
_PERSON = re.compile(r"[^\W\d_][\w.'\-]*(?: [^\W\d_][\w.'\-]*){1,4}")
# Words of organisations' names: a contact named by a company ('Taisho Pharmaceutical Co.,
# Ltd') and a facility named the same are an organisation twice, not a person.
_ORGANISATION = frozenset(
    {"co.", "co", "ltd", "ltd.", "inc", "inc.", "llc", "gmbh", "sa", "ag", "corp", "corp.",
     "company", "corporation", "pharmaceutical", "pharmaceuticals", "pharma", "hospital",
     "university", "clinic", "center", "centre", "institute", "site", "sites", "department",
     "group", "foundation", "research", "medical", "health"}
)  # fmt: skip


def person_key(name: str) -> str:
    """A person's name as it is compared: lowercase, one space between words, no title
    before it and nothing after a comma (degrees, roles)."""
    lowered = " ".join(name.partition(",")[0].lower().split())
    return _TITLE.sub("", lowered)


@check(FACILITY_IS_PERSON)
def facilities_named_by_people(record: Record, context: Context) -> Iterator[Hit]:
    locations = record.contacts.get("locations")
    if not isinstance(locations, list) or not locations:
        return
    people = _people(record)
    if not people:
        return
    for place, location in dicts(locations):
        facility = as_str(location.get("facility"))
        who = people.get(person_key(facility)) if facility else None
        if who is not None:
            yield Hit(FACILITY_IS_PERSON,
                      f"facility {quoted(facility)} is the name of the record's {who}: write the "
                      "name of the site (the hospital, clinic or practice)",
                      (*CLM, "locations", place, "facility"))  # fmt: skip


def _people(record: Record) -> dict[str, str]:
    """The people the record names, by ``person_key``: who each is, for the message. They
    are the contacts family's: every contact (central, a site's, the results' point of
    contact), the officials and the responsible party's investigator."""
    people: dict[str, str] = {}

    def add(name: object, who: str) -> None:
        text = as_str(name)
        key = person_key(text) if text else ""
        if _PERSON.fullmatch(key) and _ORGANISATION.isdisjoint(key.split()):
            people.setdefault(key, who)

    for _, person, name_key, _, who in people_of(record):
        add(person.get(name_key), _WHO[who])
    for prefix, _, contact, _ in contacts_of(record):
        add(contact.get("name"), _WHO.get(str(prefix[-1]), "contact"))
    return people


# Who a person is, for the message: by the contacts family's name for them, or by the list of
# contacts that holds them.
_WHO = {
    "official": "overall official", "investigator": "responsible investigator",
    "centralContacts": "central contact", "contacts": "site contact",
}  # fmt: skip


# A street and its number in a name: 'Hansteinstr. 29', '12 Main Street', 'Via Roma 5'.
_STREET = re.compile(
    r"\b[\w-]*(?:str\.|stra(?:ß|ss)e|street|road|avenue|boulevard|allee|platz)\s*\d+\b"
    r"|\b(?:via|calle|rue|avenida)\s+[\w' -]{2,30}?\s+\d+\b"
    r"|\b\d{1,5}\s+[A-Z][\w-]*\s+(?:street|road|avenue|boulevard|drive|lane)\b",
    re.IGNORECASE,
)


def address_in_name(facility: str, city: str, country: str) -> str | None:
    """The address a facility's name holds: its city and country at its end, or a street
    and number; None when it holds none."""
    street = _STREET.search(facility)
    if street is not None:
        return street.group()
    name, city_key = place_key(facility), place_key(city)
    for country_key in {place_key(country), place_key(country).removeprefix("the ")}:
        if country_key and city_key and name.endswith(f" {country_key}"):
            before = name[: -len(country_key)]
            if f" {city_key} " in f" {before}":
                return f"{city}, {country}"
    return None


@check(ADDRESS_IN_FACILITY)
def addresses_in_facility_names(record: Record, context: Context) -> Iterator[Hit]:
    for index, location in dicts(record.contacts.get("locations")):
        facility = as_str(location.get("facility"))
        if not facility:
            continue
        address = address_in_name(facility, as_str(location.get("city")) or "",
                                  as_str(location.get("country")) or "")  # fmt: skip
        if address is not None:
            yield Hit(ADDRESS_IN_FACILITY,
                      f"the facility {quoted(facility)} holds its address ({quoted(address)}), "
                      "which the location's own fields give: name only the organisation",
                      (*CLM, "locations", index, "facility"))  # fmt: skip


@check(PLACEHOLDER_FACILITY)
def placeholder_facilities(record: Record, context: Context) -> Iterator[Hit]:
    locations = record.contacts.get("locations")
    if not isinstance(locations, list):
        return
    placeholders = [
        (index, facility)
        for index, location in enumerate(locations)
        if isinstance(location, dict)
        and (facility := as_str(location.get("facility")))
        and _PLACEHOLDER_FACILITY.fullmatch(facility)
    ]
    if not placeholders:
        return
    index, facility = placeholders[0]
    several = len(locations) > 1
    sites = f"{len(placeholders)} of the {len(locations)} sites are" if several else "the site is"
    yield Hit(PLACEHOLDER_FACILITY,
              f"{sites} named by a placeholder ({quoted(facility)}), not by the facility: name "
              f"{'each site' if several else 'it'} after the organization where the study "
              "takes place",
              (*CLM, "locations", index, "facility"),
              related=tuple((*CLM, "locations", other, "facility")
                            for other, _ in placeholders[1:]))  # fmt: skip
