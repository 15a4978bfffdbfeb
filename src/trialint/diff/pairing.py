"""Pair the entries of two versions of a list: by key, then the rest by similar keys.

An outcome, arm or intervention that was reworded is one entry changed, not one removed and
one added: entries whose key (an outcome's measure, an arm's label) is not found again word
for word are paired by the similarity of their keys, the most similar pair first. Comparing
every unpaired old entry with every unpaired new one costs a similarity per pair: 1,000
outcomes reworded at once took 142 s (issue 17). Here an entry is compared only with a few
*candidates*, so that the work grows with the length of the lists, not with its square:

- A candidate shares a word with the entry (keys with no word in common have a similarity of
  0), and is found through an index of the other side's *tokens*: words, and pairs of
  adjacent words, that few of its entries hold.
- Each entry keeps its ``CANDIDATES`` likeliest, by an upper bound of the similarity that
  costs a set intersection, and each side chooses for itself: an old entry whose likeliest
  new ones are better matched elsewhere is still among the likeliest of its own rewording.
  A pair whose bound is below the threshold is never compared.
- The candidate pairs are taken best first, as every pair was, but a pair's similarity is
  computed only when it comes up with both its entries still unpaired, so most never are.
- Entries left unpaired on both sides search again among themselves (``ROUNDS``): one whose
  candidates all went to likelier pairs finds its next likeliest, as comparing every pair
  would have.

When either side has at most ``CANDIDATES`` unpaired entries (the lists of real records hold
a handful), every pair that shares a word is a candidate, and the pairs, and their order,
are exactly those of comparing every pair. However long the lists, a round computes at most
``CANDIDATES`` similarities for each entry of either side.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from difflib import SequenceMatcher
from itertools import pairwise

CANDIDATES = 12  # the likeliest pairs of each entry, on either side
ROUNDS = 3  # candidate searches, each among the entries the one before left unpaired
RARE = 32  # a token held by more entries is common: it names only this many, the nearest

Pairs = list[tuple[int, int, bool]]  # (old index, new index, same key?)
Rank = tuple[float, int, int]  # (-bound, distance, position): the likeliest first


def similarity(old: Sequence[str], new: Sequence[str]) -> float:
    """How alike two keys read, from their words: difflib's ratio, 0 when no word is
    common, 1 for the same words in the same order."""
    return SequenceMatcher(None, old, new, autojunk=False).ratio()


def pair(
    old: Sequence[str], new: Sequence[str], fallback: float | None
) -> tuple[Pairs, list[int], list[int]]:
    """Pair the keys of two lists: the same key first (in list order), then, if ``fallback``
    is set, the rest by a similarity at or above it, the most similar pair first.

    Returns the pairs and the unpaired indexes of each side. Among pairs equally similar,
    the later old entry, then the later new one, is paired first: any fixed order would do,
    this one is the order trialint always used, so that no diff changes.
    """
    waiting: dict[str, deque[int]] = {}
    for index, key in enumerate(new):
        waiting.setdefault(key, deque()).append(index)
    pairs: Pairs = []
    left: list[int] = []
    for index, key in enumerate(old):
        same = waiting.get(key)
        if same:
            pairs.append((index, same.popleft(), True))
        else:
            left.append(index)
    right = sorted(index for indexes in waiting.values() for index in indexes)
    for _ in range(ROUNDS):
        if fallback is None or not (left and right):
            break
        before = _Side([old[i].split() for i in left])
        after = _Side([new[j].split() for j in right])
        found = [(left[a], right[b]) for a, b in _best_first(before, after, fallback)]
        if not found:
            break
        pairs.extend((i, j, False) for i, j in found)
        paired_old, paired_new = {i for i, _ in found}, {j for _, j in found}
        left = [i for i in left if i not in paired_old]
        right = [j for j in right if j not in paired_new]
    return pairs, left, right


def pair_in_stages(
    old: Sequence[Sequence[str | None]], new: Sequence[Sequence[str | None]]
) -> tuple[Pairs, list[int], list[int]]:
    """Pair two lists by a series of keys, the most telling first: ``old[s][i]`` is the old
    entry ``i``'s key at stage ``s``, ``None`` where that stage cannot tell it (it pairs
    with nothing then). Each stage pairs, by equal key, only what the stages before left.

    One key cannot both identify an entry and survive the correction of one of its fields:
    two sites named "Research Site" are told apart by their city and ZIP code, while the
    city of a site found under its ZIP code may have been respelled. Entries of equal key
    pair in list order, as ``pair`` does: position decides only between entries that no
    stage tells apart. The pairs come in the old list's order, all of them ``True`` (the
    same entry, whichever stage found it).
    """
    pairs: Pairs = []
    left = list(range(len(old[0]))) if old else []
    right = list(range(len(new[0]))) if new else []
    for old_keys, new_keys in zip(old, new, strict=True):
        waiting: dict[str, deque[int]] = {}
        for index in right:
            key = new_keys[index]
            if key is not None:
                waiting.setdefault(key, deque()).append(index)
        paired: set[int] = set()
        still: list[int] = []
        for index in left:
            key = old_keys[index]
            same = waiting.get(key) if key is not None else None
            if same:
                match = same.popleft()
                pairs.append((index, match, True))
                paired.add(match)
            else:
                still.append(index)
        left, right = still, [index for index in right if index not in paired]
    pairs.sort()
    return pairs, left, right


class _Side:
    """The unpaired keys of one side, as the candidate search reads them."""

    def __init__(self, words: list[list[str]]) -> None:
        self.words = words
        self.tokens = [_tokens(key) for key in words]
        # Multisets of words (a repeated word counts each time it is written): how many
        # words two keys share bounds how many the similarity can match.
        self.bags = [_bag(key) for key in words]
        self.lengths = [len(key) for key in words]
        self.holders: dict[str, list[int]] = {}  # token -> positions of its keys, ascending
        for position, tokens in enumerate(self.tokens):
            for token in tokens:
                self.holders.setdefault(token, []).append(position)

    def __len__(self) -> int:
        return len(self.words)


def _bag(words: list[str]) -> frozenset[str]:
    """The words of a key as a set that counts repeated words: ["a", "b", "a"] ->
    {"a", "b", "a 1"} (no word holds a space), so that intersections count them too."""
    seen: dict[str, int] = {}
    bag = []
    for word in words:
        count = seen[word] = seen.get(word, -1) + 1
        bag.append(f"{word} {count}" if count else word)
    return frozenset(bag)


def _tokens(words: list[str]) -> list[str]:
    """A key's words and its pairs of adjacent words, once each. A pair is rarer than
    either of its words ("madrs total" where "madrs" and "total" are each in many measures)
    and finds the keys whose words stand in the same order, which the similarity rewards."""
    pairs = (f"{first} {second}" for first, second in pairwise(words))
    return list(dict.fromkeys([*words, *pairs]))


def _best_first(old: _Side, new: _Side, fallback: float) -> Iterator[tuple[int, int]]:
    """Greedy pairing of the candidate pairs, most similar first (ties: the later old entry,
    then the later new one). A pair is compared only when its bound comes first and both its
    entries are still free, then queued again by its similarity, to be taken when it comes
    first again: no pair still queued can then be more similar, so the pairs taken are those
    that comparing every candidate pair first would give."""
    bounds = {(a, b): bound for a, b, bound in _likely(old, new, fallback)}
    bounds.update({(a, b): bound for b, a, bound in _likely(new, old, fallback)})
    # A max-heap by (value, a, b), as negatives; True once the value is the similarity.
    queue = [(-bound, -a, -b, False) for (a, b), bound in bounds.items()]
    heapq.heapify(queue)
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    while queue:
        _value, a, b, known = heapq.heappop(queue)
        a, b = -a, -b
        if a in taken_old or b in taken_new:
            continue
        if known:
            taken_old.add(a)
            taken_new.add(b)
            yield a, b
            continue
        score = similarity(old.words[a], new.words[b])
        if score >= fallback:
            heapq.heappush(queue, (-score, -a, -b, True))


def _likely(side: _Side, other: _Side, fallback: float) -> Iterator[tuple[int, int, float]]:
    """(position on ``side``, position on ``other``, bound) of each entry's ``CANDIDATES``
    likeliest pairs: the highest bound first, then the nearest in the list (lists are mostly
    reworded in place), then the first. Only pairs whose bound reaches ``fallback``.

    The candidates are the entries that share a rare token with it; if too few of those can
    be its pair, also the ``RARE`` nearest holders of each common token, so that a key of
    common words only ("pain") still finds its pair, and no token looks at every entry."""
    for x, tokens in enumerate(side.tokens):
        place = x * len(other) // len(side)  # where it would stand on the other side
        found: set[int] = set()
        common: list[list[int]] = []
        for token in tokens:
            holders = other.holders.get(token, [])
            if len(holders) > RARE:
                common.append(holders)
            else:
                found.update(holders)
        likely = _ranked(side, x, other, found, place, fallback)
        if len(likely) < CANDIDATES:
            nearest = {y for holders in common for y in _nearest(holders, place)} - found
            likely += _ranked(side, x, other, nearest, place, fallback)
        for negative, _, y in heapq.nsmallest(CANDIDATES, likely):
            yield x, y, -negative


def _ranked(
    side: _Side, x: int, other: _Side, positions: Iterable[int], place: int, fallback: float
) -> list[Rank]:
    """The pairs of ``x`` with the other side's ``positions`` whose bound reaches
    ``fallback``. The bound is at least their similarity: the ratio, had every word they
    share matched (difflib's quick_ratio, the same either way round)."""
    bag, length, bags, lengths = side.bags[x], side.lengths[x], other.bags, other.lengths
    ranked = []
    for y in positions:
        bound = 2 * len(bag & bags[y]) / (length + lengths[y])
        if bound >= fallback:
            ranked.append((-bound, abs(y - place), y))
    return ranked


def _nearest(positions: list[int], place: int) -> list[int]:
    """The ``RARE`` of ascending ``positions`` around ``place``."""
    start = bisect_left(positions, place) - RARE // 2
    start = max(0, min(start, len(positions) - RARE))
    return positions[start : start + RARE]
