"""Comparing two versions of a study: changes by meaning, ranked; noise is not change."""

from __future__ import annotations

import copy
import csv
import json
import random
from collections import defaultdict

import pytest

from trialint.diff.compare import compare_studies
from trialint.diff.model import Kind, Significance
from trialint.document.yaml12 import parse_yaml

from conftest import GOOD_RECORD, REPO, SHARED, needs_shared

GOOD = parse_yaml(GOOD_RECORD.read_text(encoding="utf-8")).documents[0]


def study(path: str) -> dict:
    return parse_yaml((REPO / path).read_bytes()).documents[0]


def events(old: dict, new: dict, **options) -> list[tuple]:
    diff = compare_studies(old, new, **options)
    return [(c.significance.value, c.kind.value, c.module, c.path, c.note) for c in diff.changes]


def edited(**changes) -> dict:
    """The good record with a change applied by a function of its protocolSection."""
    record = copy.deepcopy(GOOD)
    for change in changes.values():
        change(record["protocolSection"])
    return record


def test_the_two_versions_of_nct04711200():
    old, new = study("snapshots/2022-05-02/NCT04711200.yaml"), study("records/NCT04711200.yaml")
    assert events(old, new) == [
        ("major", "changed", "statusModule", "overallStatus", None),
        ("minor", "added", "contactsLocationsModule", 'locations[facility="Henri Mondor"]', None),
        ("administrative", "removed", "statusModule", "lastUpdatePostDateStruct", None),
    ]
    [status] = [c for c in compare_studies(old, new).changes if c.path == "overallStatus"]
    assert (status.old, status.new) == ("NOT_YET_RECRUITING", "RECRUITING")


def test_modules_of_the_wrong_shape_are_compared_as_values():
    """A record that breaks the schema (lint reports it) is still diffed, not an error."""
    broken = copy.deepcopy(GOOD)
    broken["protocolSection"]["contactsLocationsModule"] = ["not", "a", "module"]
    assert events(GOOD, broken)[0][:3] == ("minor", "changed", "contactsLocationsModule")
    assert compare_studies(GOOD, broken).unchanged == {"sites": 0}
    assert compare_studies(GOOD, {**GOOD, "protocolSection": "lost"}).study == "NCT01234567"
    assert compare_studies({"protocolSection": 1}, {"protocolSection": []}).study == "?"


_ODD_VALUES = (None, "", "x", 0, 1.5, True, [], {}, [1, "a"], {"a": None}, "2020-13", {"date": 5})


def _reshape(node: object, chance: random.Random) -> None:
    """Replace, drop or descend into one entry, as a hand-edited record might."""
    if isinstance(node, dict) and node:
        key = chance.choice(list(node))
        roll = chance.random()
        if roll < 0.3:
            node[key] = copy.deepcopy(chance.choice(_ODD_VALUES))
        elif roll < 0.4:
            del node[key]
        else:
            _reshape(node[key], chance)
    elif isinstance(node, list) and node:
        index = chance.randrange(len(node))
        if chance.random() < 0.3:
            node[index] = copy.deepcopy(chance.choice(_ODD_VALUES))
        else:
            _reshape(node[index], chance)


def test_records_of_any_shape_are_compared_without_error():
    chance = random.Random(7)
    versions = [study("snapshots/2022-05-02/NCT04711200.yaml"), study("records/NCT04711200.yaml"),
                GOOD]  # fmt: skip
    for _ in range(400):
        old, new = copy.deepcopy(chance.choice(versions)), copy.deepcopy(chance.choice(versions))
        for version in (old, new):
            for _ in range(chance.randint(0, 8)):
                _reshape(version, chance)
        compare_studies(old, new, include_derived=chance.random() < 0.5)


def test_shuffled_lists_are_not_a_change():
    record = copy.deepcopy(GOOD)
    protocol = record["protocolSection"]
    protocol["contactsLocationsModule"]["locations"].append(
        {"facility": "Second Hospital", "city": "Paris", "country": "France"}
    )
    shuffled = copy.deepcopy(record)
    for value in (
        shuffled["protocolSection"]["contactsLocationsModule"]["locations"],
        shuffled["protocolSection"]["armsInterventionsModule"]["armGroups"],
        shuffled["protocolSection"]["eligibilityModule"]["stdAges"],
    ):
        value.reverse()
    random.Random(1).shuffle(shuffled["protocolSection"]["outcomesModule"]["secondaryOutcomes"])
    assert events(record, shuffled) == []


def test_whitespace_and_escaping_edits_are_not_a_change():
    new = edited(summary=lambda p: p["descriptionModule"].update(
        briefSummary="  " + p["descriptionModule"]["briefSummary"].replace(" ", "\n ") + "\n"
    ))  # fmt: skip
    assert events(GOOD, new) == []


def test_a_primary_outcome_reworded_with_the_same_content_is_one_minor_event():
    """The time point the title now names is the time frame's: the outcome is the same."""
    new = edited(o=lambda p: p["outcomesModule"]["primaryOutcomes"][0].update(
        measure="Six-minute walk distance at week 12"
    ))  # fmt: skip
    [change] = compare_studies(GOOD, new).changes
    assert (change.significance, change.kind) == (Significance.MINOR, Kind.REWORDED)
    assert change.path == 'primaryOutcomes[measure="Six-minute walk distance at week 12"]'
    assert (change.old, change.new) == (
        "Six-minute walk distance", "Six-minute walk distance at week 12",
    )  # fmt: skip
    assert change.note == "reworded, same outcome"


def test_a_primary_outcome_measuring_something_else_is_major():
    """Nothing of the old measure is left: one outcome removed, another added."""
    new = edited(o=lambda p: p["outcomesModule"]["primaryOutcomes"][0].update(
        measure="Timed Up and Go test", description="Seconds to stand up, walk 3 m and sit."
    ))  # fmt: skip
    assert [event[:4] for event in events(GOOD, new)] == [
        ("major", "removed", "outcomesModule",
         'primaryOutcomes[measure="Six-minute walk distance"]'),
        ("major", "added", "outcomesModule", 'primaryOutcomes[measure="Timed Up and Go test"]'),
    ]  # fmt: skip


def test_a_primary_outcome_reworded_into_another_measure_is_major():
    new = edited(o=lambda p: p["outcomesModule"]["primaryOutcomes"][0].update(
        measure="Six-minute walk heart rate", description="Heart rate at the end of the walk."
    ))  # fmt: skip
    note = 'another measure: "Six-minute walk distance" -> "Six-minute walk heart rate"'
    assert events(GOOD, new) == [
        ("major", "reworded", "outcomesModule",
         'primaryOutcomes[measure="Six-minute walk heart rate"]', note),
        ("minor", "changed", "outcomesModule",
         'primaryOutcomes[measure="Six-minute walk heart rate"].description', None),
    ]  # fmt: skip


def test_a_primary_time_frame_change_is_major():
    new = edited(o=lambda p: p["outcomesModule"]["primaryOutcomes"][0].update(
        timeFrame="Baseline and week 24"
    ))  # fmt: skip
    assert events(GOOD, new) == [
        ("major", "changed", "outcomesModule",
         'primaryOutcomes[measure="Six-minute walk distance"].timeFrame',
         "other time points: week 12 -> week 24"),
    ]  # fmt: skip


def test_a_primary_time_frame_reworded_with_the_same_points_is_minor():
    new = edited(o=lambda p: p["outcomesModule"]["primaryOutcomes"][0].update(
        timeFrame="From baseline to 3 months"
    ))  # fmt: skip
    assert events(GOOD, new) == [
        ("minor", "changed", "outcomesModule",
         'primaryOutcomes[measure="Six-minute walk distance"].timeFrame',
         "reworded, same outcome"),
    ]  # fmt: skip


def test_a_primary_description_naming_another_instrument_is_major():
    new = edited(o=lambda p: p["outcomesModule"]["primaryOutcomes"][0].update(
        description="Distance walked in six minutes, measured with the Borg Scale."
    ))  # fmt: skip
    old = edited(o=lambda p: p["outcomesModule"]["primaryOutcomes"][0].update(
        description="Distance walked in six minutes, measured with the Tinetti Scale."
    ))  # fmt: skip
    assert events(old, new) == [
        ("major", "changed", "outcomesModule",
         'primaryOutcomes[measure="Six-minute walk distance"].description',
         "another instrument or criterion in the description: tinetti scale -> borg scale"),
    ]  # fmt: skip


def test_a_primary_outcome_moved_to_secondary_is_one_moved_event():
    def demote(protocol):
        outcomes = protocol["outcomesModule"]
        outcomes["secondaryOutcomes"].append(outcomes["primaryOutcomes"].pop(0))
        outcomes["primaryOutcomes"] = [
            {"measure": "Knee pain on a 0-10 numeric rating scale",
             "timeFrame": "Baseline and week 12"}
        ]  # fmt: skip
        outcomes["secondaryOutcomes"].pop(0)

    changes = compare_studies(GOOD, edited(d=demote)).changes
    assert [(c.significance.value, c.kind.value, c.note) for c in changes] == [
        ("major", "moved", "from primaryOutcomes to secondaryOutcomes"),
        ("major", "moved", "from secondaryOutcomes to primaryOutcomes"),
    ]


def test_outcomes_moved_together_in_crossed_order_are_each_one_moved_event():
    """Both primary outcomes demoted, listed the other way round: each is one move, of the
    right outcome (the diff failed with an IndexError)."""
    outcomes = GOOD["protocolSection"]["outcomesModule"]
    walk, knee = outcomes["primaryOutcomes"][0], outcomes["secondaryOutcomes"][0]
    old = edited(o=lambda p: p["outcomesModule"].update(
        primaryOutcomes=[walk, knee], secondaryOutcomes=[]
    ))  # fmt: skip
    new = edited(o=lambda p: p["outcomesModule"].update(
        primaryOutcomes=[], secondaryOutcomes=[knee, walk]
    ))  # fmt: skip
    assert [(c.kind.value, c.path, c.note) for c in compare_studies(old, new).changes] == [
        ("moved", 'secondaryOutcomes[measure="Knee pain on a 0-10 numeric rating scale"]',
         "from primaryOutcomes to secondaryOutcomes"),
        ("moved", 'secondaryOutcomes[measure="Six-minute walk distance"]',
         "from primaryOutcomes to secondaryOutcomes"),
    ]  # fmt: skip


def test_a_slipped_completion_date_with_its_day_count():
    new = edited(d=lambda p: p["statusModule"]["completionDateStruct"].update(date="2024-03-15"))
    assert events(GOOD, new) == [
        ("major", "changed", "statusModule", "completionDateStruct",
         "completion date slipped 91 days"),
    ]  # fmt: skip


def test_dates_compare_at_their_shared_precision_and_actualize():
    record = edited(d=lambda p: p["statusModule"]["startDateStruct"].update(
        date="2021-02", type="ESTIMATED"
    ))  # fmt: skip
    precise = edited(d=lambda p: p["statusModule"]["startDateStruct"].update(
        date="2021-02-01", type="ESTIMATED"
    ))  # fmt: skip
    assert events(record, precise) == [
        ("administrative", "changed", "statusModule", "startDateStruct.date",
         "precision only, same date"),
    ]  # fmt: skip
    assert events(record, GOOD) == [
        ("minor", "actualized", "statusModule", "startDateStruct", "and made more precise"),
    ]


def test_a_start_date_moved_after_the_first_posting_is_flagged():
    new = edited(d=lambda p: p["statusModule"]["startDateStruct"].update(date="2021-01-10"))
    old = edited(d=lambda p: p["statusModule"]["startDateStruct"].update(date="2020-11-20"))
    [change] = compare_studies(old, new).changes
    assert change.note == ("start date slipped 51 days; now after the first posting (2020-12-08)")


def test_enrollment_changes_with_the_percentage():
    new = edited(e=lambda p: p["designModule"]["enrollmentInfo"].update(count=90))
    assert events(GOOD, new) == [("major", "changed", "designModule", "enrollmentInfo", "-25%")]


def _enrollment(count: int, kind: str) -> dict:
    return edited(e=lambda p: p["designModule"].update(enrollmentInfo={"count": count,
                                                                       "type": kind}))  # fmt: skip


def test_an_enrollment_type_change_says_so_and_never_plus_0_percent():
    estimated = _enrollment(120, "ESTIMATED")
    assert events(estimated, GOOD) == [
        ("minor", "actualized", "designModule", "enrollmentInfo",
         "type ESTIMATED → ACTUAL, count unchanged (120)"),
    ]  # fmt: skip
    assert events(GOOD, estimated) == [
        ("major", "changed", "designModule", "enrollmentInfo",
         "type ACTUAL → ESTIMATED, count unchanged (120)"),
    ]  # fmt: skip
    assert events(_enrollment(300, "ESTIMATED"), _enrollment(324, "ACTUAL")) == [
        ("major", "changed", "designModule", "enrollmentInfo", "+8%, type ESTIMATED → ACTUAL"),
    ]
    assert events(_enrollment(252467, "ACTUAL"), _enrollment(252500, "ACTUAL")) == [
        ("major", "changed", "designModule", "enrollmentInfo", "+33 (under 1%)"),
    ]


def _masking(masking: str, *who: str) -> dict:
    info = {"masking": masking, **({"whoMasked": list(who)} if who else {})}
    return edited(m=lambda p: p["designModule"]["designInfo"].update(maskingInfo=info))


def test_who_is_masked_is_as_major_as_the_masking_level_beside_it():
    old = _masking("TRIPLE", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR")
    assert events(old, _masking("NONE")) == [
        ("major", "changed", "designModule", "designInfo.maskingInfo.masking", None),
        ("major", "removed", "designModule", "designInfo.maskingInfo.whoMasked", None),
    ]
    assert events(_masking("SINGLE", "OUTCOMES_ASSESSOR"),
                  _masking("DOUBLE", "OUTCOMES_ASSESSOR", "PARTICIPANT")) == [
        ("major", "changed", "designModule", "designInfo.maskingInfo.masking", None),
        ("major", "added", "designModule", "designInfo.maskingInfo.whoMasked", None),
    ]  # fmt: skip
    # The same level, other people masked: a change of design, though not of its level.
    assert events(GOOD, _masking("SINGLE", "PARTICIPANT")) == [
        ("minor", "changed", "designModule", "designInfo.maskingInfo.whoMasked", None),
    ]


def test_arms_are_matched_by_label_and_a_rename_is_one_event():
    new = edited(a=lambda p: p["armsInterventionsModule"]["armGroups"][0].update(
        label="Supervised exercise training"
    ))  # fmt: skip
    assert events(GOOD, new) == [
        ("major", "reworded", "armsInterventionsModule",
         'armGroups[label="Supervised exercise training"]', None),
    ]  # fmt: skip


def test_a_site_status_change_names_the_site():
    new = edited(s=lambda p: p["contactsLocationsModule"]["locations"][0].update(
        status="RECRUITING"
    ))  # fmt: skip
    assert events(GOOD, new) == [
        ("minor", "added", "contactsLocationsModule",
         'locations[facility="Example University Hospital"].status', None),
    ]  # fmt: skip


def test_conditions_and_phases_compare_as_sets():
    new = edited(c=lambda p: p["conditionsModule"]["conditions"].append("Arthroplasty"))
    assert events(GOOD, new) == [("minor", "added", "conditionsModule", "conditions", None)]
    new = edited(c=lambda p: p["designModule"].update(phases=["PHASE2"]))
    assert events(GOOD, new) == [("major", "changed", "designModule", "phases", None)]


def test_what_the_registry_computes_is_ignored_unless_asked_for():
    old = copy.deepcopy(GOOD)
    new = copy.deepcopy(GOOD)
    new["derivedSection"] = {"miscInfoModule": {"versionHolder": "2024-01-03"}}
    new["protocolSection"]["statusModule"]["studyFirstPostDateStruct"]["type"] = "ESTIMATED"
    assert events(old, new) == []
    assert [e[2] for e in events(old, new, include_derived=True)] == [
        "statusModule",
        "derivedSection",
    ] or len(events(old, new, include_derived=True)) == 2


@needs_shared
def test_the_registry_version_pairs_differing_only_in_derived_fields_are_no_change():
    """Pairs of the same study with the same last-update date; files test authors edited by
    hand (modified_fixture) are not real versions and are left out (corpus README)."""
    folder = SHARED / "corpus" / "ctgov-v2-versions"
    rows = list(csv.DictReader((folder / "VERSIONS.csv").open(encoding="utf-8")))
    edited_by_hand = {row["file"] for row in rows if row["modified_fixture"] == "True"}
    pairs = defaultdict(list)
    for path in sorted(folder.glob("NCT*.json")):
        pairs[path.name[:11]].append(path)
    genuine = [files for files in pairs.values()
               if len(files) == 2 and not {f.name for f in files} & edited_by_hand]  # fmt: skip
    assert len(genuine) == 10
    for old, new in genuine:
        diff = compare_studies(json.loads(old.read_text()), json.loads(new.read_text()))
        assert diff.changes == [], old.name


@pytest.mark.parametrize("include_derived", [False, True])
def test_identical_studies_have_no_change(include_derived):
    assert events(GOOD, copy.deepcopy(GOOD), include_derived=include_derived) == []


# --- fingerprints: what decides that a study did not change, without comparing it ------------


def test_fingerprints_ignore_key_order_and_nothing_else():
    from trialint.diff.normalize import fingerprint

    base = {"a": 1, "b": [1.0, "x", None, True], "c": {"d": "é"}}
    same = {"c": {"d": "é"}, "b": [1.0, "x", None, True], "a": 1}
    assert fingerprint(base) == fingerprint(same)
    different = [
        {**base, "a": 1.0},  # an integer became a float
        {**base, "a": True},
        {**base, "b": [1.0, "x", float("nan"), True]},  # orjson would write NaN as null
        {**base, "b": [1.0, "x", float("inf"), True]},
        {**base, "b": [1.0, "x", "null", True]},
        {**base, "a": 2**70},  # beyond 64 bits: written by the json module
        {**base, "c": {"d": "e"}},
    ]
    prints = [fingerprint(study) for study in [base, *different]]
    assert len(set(prints)) == len(prints)
    assert fingerprint({**base, "a": 2**70}) == fingerprint({"a": 2**70, "b": base["b"],
                                                              "c": base["c"]})  # fmt: skip


def test_a_primary_outcome_given_where_the_record_had_no_outcomes_module_is_major():
    """Records registered before FDAAA often had no outcome at all: the one given later is a
    primary outcome added, not an opaque change of the whole module."""
    old = edited(o=lambda p: p.pop("outcomesModule"))
    assert [event[:4] for event in events(old, GOOD)] == [
        ("major", "added", "outcomesModule",
         'primaryOutcomes[measure="Six-minute walk distance"]'),
        ("minor", "added", "outcomesModule",
         'secondaryOutcomes[measure="Knee pain on a 0-10 numeric rating scale"]'),
    ]  # fmt: skip
