"""How the diff keys and names list entries (issue 18): a site's contacts by name, sites of
one placeholder facility by city and ZIP code, and no two entries named alike in a path."""

from __future__ import annotations

import copy
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from trialint.diff.compare import compare_studies

from conftest import SHARED, needs_shared

HOSPITAL = "Example University Hospital"
AT_HOSPITAL = f'locations[facility="{HOSPITAL}"]'


def record(**modules) -> dict:
    """A study of the given protocol modules (contactsLocationsModule, outcomesModule...)."""
    return {"protocolSection": {"identificationModule": {"nctId": "NCT01234567"}, **modules}}


def sites(*locations: dict) -> dict:
    return record(contactsLocationsModule={"locations": list(locations)})


def site(facility: str = HOSPITAL, city: str = "Lyon", **fields) -> dict:
    return {"facility": facility, "city": city, "country": "France", **fields}


def events(old: dict, new: dict) -> list[tuple]:
    """What a user sees of each change: significance, kind, path, old and new value."""
    return [(c.significance.value, c.kind.value, c.path, c.old, c.new)
            for c in compare_studies(old, new).changes]  # fmt: skip


# --- a site's contacts, by name ----------------------------------------------------------------

ROE = {"name": "Jane Roe", "role": "CONTACT", "phone": "+33 4 72 00 00 01"}
DOE = {"name": "John Doe, MD", "role": "PRINCIPAL_INVESTIGATOR"}
POE = {"name": "Ann Poe", "role": "CONTACT", "email": "ann.poe@example.org"}


def test_a_contact_handover_is_one_contact_removed_and_one_added():
    """The contacts reordered and one replaced read, by position, as "contacts[1].name
    changed Jane Roe -> Ann Poe"; by name, as what happened."""
    old = sites(site(contacts=[ROE, DOE]))
    new = sites(site(contacts=[DOE, POE]))
    assert events(old, new) == [
        ("minor", "removed", f'{AT_HOSPITAL}.contacts[name="Jane Roe"]', ROE, None),
        ("minor", "added", f'{AT_HOSPITAL}.contacts[name="Ann Poe"]', None, POE),
    ]


def test_a_change_inside_a_contact_names_the_contact():
    new_roe = {**ROE, "phone": "+33 4 72 00 00 02", "role": "PRINCIPAL_INVESTIGATOR"}
    old = sites(site(contacts=[ROE, DOE]))
    new = sites(site(contacts=[{**DOE, "email": "john.doe@example.org"}, new_roe]))
    # sorted: DeepDiff reports the two fields of one entry in either order
    assert sorted(events(old, new), key=str) == sorted([
        ("minor", "changed", f'{AT_HOSPITAL}.contacts[name="Jane Roe"].role',
         "CONTACT", "PRINCIPAL_INVESTIGATOR"),
        ("minor", "changed", f'{AT_HOSPITAL}.contacts[name="Jane Roe"].phone',
         "+33 4 72 00 00 01", "+33 4 72 00 00 02"),
        ("minor", "added", f'{AT_HOSPITAL}.contacts[name="John Doe, MD"].email',
         None, "john.doe@example.org"),
    ], key=str)  # fmt: skip


def test_a_person_listed_as_contact_and_as_investigator_is_named_with_the_role():
    """One person twice at one site (253 sites of the corpus list someone so): matched by
    name and role, so reordering them changes nothing, and named with the role."""
    contact = {"name": "Tony Goldschlager, MD", "role": "CONTACT", "phone": "0395940000"}
    investigator = {"name": "Tony Goldschlager, MD", "role": "PRINCIPAL_INVESTIGATOR"}
    old = sites(site(contacts=[contact, investigator]))
    new = sites(site(contacts=[investigator, {**contact, "phone": "0395941111"}]))
    assert events(old, new) == [
        ("minor", "changed",
         f'{AT_HOSPITAL}.contacts[name="Tony Goldschlager, MD", role="CONTACT"].phone',
         "0395940000", "0395941111"),
    ]  # fmt: skip


def test_the_contacts_of_a_site_whose_place_was_corrected_are_still_compared_by_name():
    old = sites(site(city="Creteil", zip="94000", contacts=[ROE]))
    new = sites(site(city="Créteil", zip="94000", contacts=[POE]))
    assert events(old, new) == [
        ("minor", "changed", f"{AT_HOSPITAL}.city", "Creteil", "Créteil"),
        ("minor", "removed", f'{AT_HOSPITAL}.contacts[name="Jane Roe"]', ROE, None),
        ("minor", "added", f'{AT_HOSPITAL}.contacts[name="Ann Poe"]', None, POE),
    ]


# --- sites of one facility name, by city and ZIP code ------------------------------------------

RS = "Research Site"


def test_reordered_sites_of_one_facility_name_are_matched_by_zip_code():
    """Three "Research Site"s, two of them in Lyon: matched by facility, city and country,
    the two Lyon sites paired by position, and reversing the list swapped their ZIP codes."""
    lyon_3, lyon_7 = site(RS, zip="69003"), site(RS, zip="69007", status="RECRUITING")
    paris = site(RS, "Paris", zip="75013")
    old = sites(lyon_3, lyon_7, paris)
    new = sites(paris, {**lyon_7, "status": "COMPLETED"}, lyon_3)
    assert events(old, new) == [
        ("minor", "changed", 'locations[facility="Research Site", city="Lyon", zip="69007"].status',
         "RECRUITING", "COMPLETED"),
    ]  # fmt: skip
    assert compare_studies(old, new).unchanged == {"sites": 2}


def test_sites_of_one_facility_name_are_named_by_city_then_zip_code_where_needed():
    lyon_3, lyon_7, paris = site(RS, zip="69003"), site(RS, zip="69007"), site(RS, "Paris")
    old = sites(lyon_3, lyon_7, paris, site())
    new = sites(site(RS, "Nice"), site(), lyon_3, paris)
    assert events(old, new) == [
        ("minor", "removed", 'locations[facility="Research Site", city="Lyon", zip="69007"]',
         lyon_7, None),
        ("minor", "added", 'locations[facility="Research Site", city="Nice"]', None,
         site(RS, "Nice")),
    ]  # fmt: skip


def test_a_site_of_a_shared_facility_name_in_another_city_is_another_site():
    """One "Research Site" closed in Lyon and one opened in Paris, beside one in Nice that
    stayed: two sites, not one that moved."""
    old = sites(site(RS), site(RS, "Nice"))
    new = sites(site(RS, "Nice"), site(RS, "Paris"))
    assert events(old, new) == [
        ("minor", "removed", 'locations[facility="Research Site", city="Lyon"]',
         site(RS), None),
        ("minor", "added", 'locations[facility="Research Site", city="Paris"]',
         None, site(RS, "Paris")),
    ]  # fmt: skip


def test_a_site_whose_city_or_zip_code_was_corrected_is_one_site_changed():
    """A site found again by its ZIP code (the city respelled), by its city (the ZIP code
    added) or, the one site of its name, by its name alone (it moved)."""
    mondor = site("Hopital Henri Mondor", "Creteil", zip="94000")
    old = sites(mondor, site(RS, "Nice"), site(RS, "Lyon"), site())
    new = sites(
        {**mondor, "city": "Créteil"}, site(RS, "Nice", zip="06000"), site(RS, "Lyon"),
        site(city="Villeurbanne", zip="69100"),
    )  # fmt: skip
    # sorted: DeepDiff reports the two fields of one entry in either order
    assert sorted(events(old, new), key=str) == sorted([
        ("minor", "added", 'locations[facility="Research Site", city="Nice"].zip',
         None, "06000"),
        ("minor", "added", f"{AT_HOSPITAL}.zip", None, "69100"),
        ("minor", "changed", f"{AT_HOSPITAL}.city", "Lyon", "Villeurbanne"),
        ("minor", "changed", 'locations[facility="Hopital Henri Mondor"].city',
         "Creteil", "Créteil"),
    ], key=str)  # fmt: skip


# --- names are never cut alike -----------------------------------------------------------------

TEAE = "Number of participants with treatment-emergent adverse events"


def outcomes(*measures: str, time_frame: str = "Week 26") -> dict:
    primary = [{"measure": measure, "timeFrame": time_frame} for measure in measures]
    return record(outcomesModule={"primaryOutcomes": primary})


def test_two_outcomes_alike_in_their_first_48_characters_are_named_apart():
    """Both read "Number of participants with treatment-emergent…" when cut at 48."""
    by_severity, serious = f"{TEAE} by severity", f"{TEAE} that were serious"
    old = outcomes(by_severity, serious)
    new = outcomes(by_severity, serious, time_frame="Week 52")
    assert [path for _, _, path, _, _ in events(old, new)] == [
        f'primaryOutcomes[measure="{TEAE} by…"].timeFrame',
        f'primaryOutcomes[measure="{TEAE} that…"].timeFrame',
    ]
    # Alone, a long measure is cut at 48 characters as before.
    assert events(outcomes(serious), outcomes(serious, time_frame="Week 52"))[0][2] == (
        'primaryOutcomes[measure="Number of participants with treatment-emergent…"].timeFrame'
    )


def test_an_arm_removed_beside_one_alike_in_its_first_48_characters_reads_apart():
    label = "Cohort 1: dose escalation of ABC-123 in adults with {}"
    tumours, lymphoma = label.format("solid tumours"), label.format("relapsed lymphoma")
    old = record(armsInterventionsModule={"armGroups": [
        {"label": tumours, "type": "EXPERIMENTAL"}, {"label": lymphoma, "type": "EXPERIMENTAL"},
    ]})  # fmt: skip
    new = record(armsInterventionsModule={"armGroups": [{"label": lymphoma, "type": "OTHER"}]})
    assert [(kind, path) for _, kind, path, _, _ in events(old, new)] == [
        ("removed", 'armGroups[label="Cohort 1: dose escalation of ABC-123 in adults with '
                    'solid…"]'),
        ("changed", 'armGroups[label="Cohort 1: dose escalation of ABC-123 in adults with '
                    'relapsed…"].type'),
    ]  # fmt: skip


def test_names_alike_far_into_them_show_their_start_and_where_they_differ():
    auc = ("Area under the plasma concentration-time curve from time zero to the last "
           "quantifiable concentration (AUC0-t) of ABC-123 {}")  # fmt: skip
    parent, metabolite = auc.format("in plasma"), auc.format("metabolite M1 in plasma")
    old, new = outcomes(parent, metabolite), outcomes(parent, metabolite, time_frame="Day 8")
    assert [path for _, _, path, _, _ in events(old, new)] == [
        'primaryOutcomes[measure="Area under the plasma concentration-time curve … of ABC-123 '
        'in…"].timeFrame',
        'primaryOutcomes[measure="Area under the plasma concentration-time curve … of ABC-123 '
        'metabolite…"].timeFrame',
    ]


WORDS = st.sampled_from(["Change", "in", "pain", "score", "at", "week", "12", "24", "(VAS)"])
LONG = st.lists(WORDS, min_size=1, max_size=30).map(lambda words: TEAE + " " + " ".join(words))


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(labels=st.lists(LONG, min_size=1, max_size=12, unique=True))
def test_distinct_names_never_read_alike(labels):
    """However alike, each arm added is named by a path of its own."""
    old = record(armsInterventionsModule={"armGroups": []})
    new = record(armsInterventionsModule={"armGroups": [{"label": label} for label in labels]})
    paths = [path for _, _, path, _, _ in events(old, new)]
    assert len(set(paths)) == len(labels)


# --- on real records ---------------------------------------------------------------------------


def _place(location: dict) -> tuple:
    return tuple(" ".join(str(location.get(field) or "").split())
                 for field in ("facility", "city", "zip", "country"))  # fmt: skip


@needs_shared
def test_in_real_records_reordered_sites_and_contacts_are_no_change_and_paths_differ():
    """Each study of the corpus with sites: its sites and each site's contacts reversed are
    no change, and, all its sites added at once, no two sites in different places, and no two
    different outcome measures, share a path."""
    checked = 0
    for file in sorted((SHARED / "corpus" / "ctgov-v2").glob("NCT*.json")):
        study = json.loads(file.read_text(encoding="utf-8"))
        protocol = study.get("protocolSection", {})
        locations = protocol.get("contactsLocationsModule", {}).get("locations", [])
        if not locations:
            continue
        checked += 1
        reversed_ = copy.deepcopy(study)
        reversed_locations = reversed_["protocolSection"]["contactsLocationsModule"]["locations"]
        reversed_locations.reverse()
        for location in reversed_locations:
            location.get("contacts", []).reverse()
        assert compare_studies(study, reversed_).changes == [], file.name
        bare = copy.deepcopy(study)
        del bare["protocolSection"]["contactsLocationsModule"]["locations"]
        bare["protocolSection"]["outcomesModule"] = {"primaryOutcomes": []}
        added = compare_studies(bare, study).changes
        site_paths = {c.path for c in added if c.path.startswith("locations[")}
        assert len(site_paths) == len({_place(location) for location in locations}), file.name
        measures = {
            " ".join(o.get("measure", "").split())
            for o in protocol.get("outcomesModule", {}).get("primaryOutcomes", [])
        }
        outcome_paths = {c.path for c in added if c.path.startswith("primaryOutcomes[")}
        assert len(outcome_paths) == len(measures), file.name
    assert checked > 500
