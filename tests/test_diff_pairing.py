"""Reworded list entries are paired as before, with work that grows with the lists' length
(issue 17): each similarity computation is counted, none is timed."""

from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialint.diff.compare import REWORDED_AT, compare_studies
from trialint.diff.model import Kind
from trialint.diff.pairing import CANDIDATES, pair, similarity

OUTCOMES = 1000
BUDGET = 20  # similarities per outcome at the most (comparing every pair computes 1,000)


def record(primary: list[str], arms: list[str] = (), interventions: list[str] = ()) -> dict:
    return {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT01234567"},
            "outcomesModule": {
                "primaryOutcomes": [{"measure": m, "timeFrame": "Week 26"} for m in primary]
            },
            "armsInterventionsModule": {
                "armGroups": [{"label": label, "type": "EXPERIMENTAL"} for label in arms],
                "interventions": [{"name": name, "type": "DRUG"} for name in interventions],
            },
        }
    }


@pytest.fixture
def comparisons(monkeypatch):
    """How many similarities a comparison computes; stops one that exceeds the budget for
    ``OUTCOMES`` entries at once, rather than running for minutes."""
    count = [0]
    ratio = difflib.SequenceMatcher.ratio

    def counted(self):
        count[0] += 1
        if count[0] > BUDGET * OUTCOMES:
            raise AssertionError(f"more than {BUDGET} similarities per entry")
        return ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    return count


def reworded_pairs(diff) -> dict[str, str]:
    assert {change.kind for change in diff.changes} == {Kind.REWORDED}
    return {change.old: change.new for change in diff.changes}


def test_a_thousand_reworded_outcomes_pair_with_their_rewording(comparisons):
    """Every measure is like every other but for a word or two, so every pair is above the
    threshold, and the new list is shuffled: only the best pair of each is right."""
    old = [f"Plasma concentration of compound CX-{k:04d} at day {k % 28 + 1}"
           for k in range(OUTCOMES)]  # fmt: skip
    new = [f"Maximum plasma concentration of compound CX-{k:04d} at day {k % 28 + 1}"
           for k in range(OUTCOMES)]  # fmt: skip
    shuffled = random.Random(17).sample(new, len(new))
    diff = compare_studies(record(old), record(shuffled))
    assert reworded_pairs(diff) == dict(zip(old, new, strict=True))
    assert comparisons[0] <= BUDGET * OUTCOMES


def test_a_thousand_outcomes_of_one_common_word_pair_in_bounded_work(comparisons):
    """No word is rare enough to tell the entries apart: each is compared only with a few
    near it in the list, and all are still paired."""
    diff = compare_studies(record(["Pain"] * OUTCOMES), record(["Pain score"] * OUTCOMES))
    assert len(diff.changes) == OUTCOMES
    assert reworded_pairs(diff) == {"Pain": "Pain score"}
    assert comparisons[0] <= BUDGET * OUTCOMES


def test_a_few_reworded_entries_pair_as_before():
    """The best pair first, none below the threshold, ties to the later old entry: the
    events of this edit are those trialint reported before issue 17, but for the primary
    outcomes, matched by what they measure since issue 18: "(%)" added to a title is
    formatting (minor), another time point is major."""
    old = record(
        ["Change in HbA1c from baseline to week 26",
         "Change in fasting plasma glucose from baseline to week 26",
         "Change in body weight from baseline to week 26"],
        ["Semaglutide 1 mg", "Exercise group A", "Exercise group B", "Usual care"],
        ["Semaglutide", "Metformin"],
    )  # fmt: skip
    new = record(
        ["Proportion of participants with HbA1c below 7%",
         "Change in HbA1c (%) from baseline to week 26",
         "Change in fasting plasma glucose from baseline to week 52"],
        ["Semaglutide 1.0 mg weekly", "Exercise group C", "Usual care plus education"],
        ["Oral semaglutide", "Metformin"],
    )  # fmt: skip
    events = [(c.significance.value, c.kind.value, c.path)
              + ((c.old, c.new) if c.kind is Kind.REWORDED else ())
              for c in compare_studies(old, new).changes]  # fmt: skip
    assert events == [
        ("major", "reworded",
         'primaryOutcomes[measure="Change in fasting plasma glucose from baseline to week 52"]',
         "Change in fasting plasma glucose from baseline to week 26",
         "Change in fasting plasma glucose from baseline to week 52"),
        ("major", "removed",
         'primaryOutcomes[measure="Change in body weight from baseline to week 26"]'),
        ("major", "added",
         'primaryOutcomes[measure="Proportion of participants with HbA1c below 7%"]'),
        ("major", "reworded", 'armGroups[label="Usual care plus education"]',
         "Usual care", "Usual care plus education"),
        ("major", "reworded", 'armGroups[label="Exercise group C"]',
         "Exercise group B", "Exercise group C"),
        ("major", "removed", 'armGroups[label="Semaglutide 1 mg"]'),
        ("major", "removed", 'armGroups[label="Exercise group A"]'),
        ("major", "added", 'armGroups[label="Semaglutide 1.0 mg weekly"]'),
        ("major", "reworded", 'interventions[name="Oral semaglutide"]',
         "Semaglutide", "Oral semaglutide"),
        ("minor", "reworded",
         'primaryOutcomes[measure="Change in HbA1c (%) from baseline to week 26"]',
         "Change in HbA1c from baseline to week 26",
         "Change in HbA1c (%) from baseline to week 26"),
    ]  # fmt: skip


# --- against comparing every pair, as trialint did before -------------------------------------


def every_pair(old: list[str], new: list[str], fallback: float) -> list[tuple[int, int, bool]]:
    """The pairing before issue 17: every unpaired old key against every unpaired new one."""
    by_key: dict[str, list[int]] = {}
    for index, key in enumerate(new):
        by_key.setdefault(key, []).append(index)
    pairs, left = [], []
    for index, key in enumerate(old):
        if by_key.get(key):
            pairs.append((index, by_key[key].pop(0), True))
        else:
            left.append(index)
    right = sorted(j for indexes in by_key.values() for j in indexes)
    scored = sorted(((similarity(old[i].split(), new[j].split()), i, j)
                     for i in left for j in right), reverse=True)  # fmt: skip
    taken_old, taken_new = set(), set()
    for score, i, j in scored:
        if score >= fallback and i not in taken_old and j not in taken_new:
            taken_old.add(i)
            taken_new.add(j)
            pairs.append((i, j, False))
    return pairs


WORDS = st.sampled_from(["pain", "score", "at", "week", "12", "24", "change", "in", "total"])
KEYS = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    short=st.lists(KEYS, max_size=CANDIDATES),
    long=st.lists(KEYS, max_size=40),
    short_is_new=st.booleans(),
    fallback=st.sampled_from([REWORDED_AT, 0.85]),
)
def test_lists_with_a_short_side_pair_as_comparing_every_pair(short, long, short_is_new, fallback):
    """Where one side has at most CANDIDATES entries (any realistic list), every pair that
    can reach the threshold is compared: the pairs, and their order, are exactly those of
    comparing every pair; repeated keys and words included."""
    old, new = (long, short) if short_is_new else (short, long)
    pairs, left, right = pair(old, new, fallback)
    assert pairs == every_pair(old, new, fallback)
    assert left == [i for i in range(len(old)) if i not in {p[0] for p in pairs}]
    assert right == [j for j in range(len(new)) if j not in {p[1] for p in pairs}]


# --- pairing by a series of keys (sites, people) ---------------------------------------------


def test_stages_pair_what_the_ones_before_left_and_none_pairs_nothing():
    """Three sites of one facility: the first stage (facility, city, ZIP code) pairs the one
    found again; the second (facility and city, where they name one site) the one whose ZIP
    code was added; a None key is never paired, however many entries hold it."""
    from trialint.diff.pairing import pair_in_stages

    old = [["rs|lyon|69003", "rs|lyon|", "rs|paris|"], [None, "rs|lyon", None]]
    new = [["rs|lyon|69007", "rs|paris|75013", "rs|lyon|69003"], [None, None, None]]
    assert pair_in_stages(old, new) == ([(0, 2, True)], [1, 2], [0, 1])
    new[1] = ["rs|lyon", None, None]
    assert pair_in_stages(old, new) == ([(0, 2, True), (1, 0, True)], [2], [1])
