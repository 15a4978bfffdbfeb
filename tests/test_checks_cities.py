"""C021 city-is-a-region: a site whose city is a prefecture, a province or a state."""

from __future__ import annotations

import pytest

from trialint.places import place_key, region_named

from conftest import GOOD_RECORD, corpus_hits, needs_shared, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
SITE = "      - facility: Example University Hospital\n"


def site_findings(lint_text, city: str, country: str, state: str | None = None):
    assert SITE in GOOD
    end = GOOD.index("\n", GOOD.index("country:", GOOD.index(SITE))) + 1
    fields = f"        city: {city}\n" + (f"        state: {state}\n" if state else "")
    text = GOOD[: GOOD.index(SITE)] + SITE + fields + f"        country: {country}\n" + GOOD[end:]
    return [f for f in lint_text(text).findings if f.rule.code == "C021"], text


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
    assert region_named("KR", "Gyeongsangnam-Do") is not None
    assert region_named("GB", "east sussex") is not None
    assert region_named("US", "Texas") is not None and region_named("US", "Washington") is None


@needs_shared
def test_corpus_hits():
    # 37 sites, all outside the held-out recall sample, all read: regions, not cities
    assert corpus_hits("cities") == {"C021": 37}
