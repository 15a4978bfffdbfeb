"""Misspellings no list has seen: a word is suspect when no vocabulary knows it and a much more
common word is one slip away.

The judgement runs in three steps, each on fewer words than the last:

1. The record's words, less the common ones (one set difference), less those any vocabulary
   knows (a trie lookup each), less the curator's: a few unknown words per record.
2. Each place an unknown word is written, less those that cannot be misspellings: names (name
   fields, and capitalised words inside a sentence), abbreviations and codes (capitals, digits),
   web addresses, and paragraphs in another language.
3. The known words one or two edits away, and how sure that makes the word a slip: a
   **warning** (with a fix ``--fix`` applies) when one common word is one typist's slip away;
   an **info** when the evidence is weaker; nothing when it is weak.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import IntEnum
from itertools import repeat

from trialint.document.textfields import TextIndex
from trialint.spelling.candidates import (
    SHORTEST_WITH_ANY_FIRST_LETTER,
    SHORTEST_WITH_FIRST_KEY_SLIPPED,
    SHORTEST_WITH_FIRST_LETTER_STRUCK,
    TYPIST_SLIPS,
    VOWELS,
    Candidate,
    NearWords,
    Shape,
    changed_letters,
    interior_edit,
    typed_for,
)
from trialint.spelling.language import ENGLISH_ZIPF, is_foreign, paragraph_around
from trialint.spelling.vocabulary import (
    FUNCTION_WORDS,
    KNOWN,
    LISTED,
    PARTICLES,
    UNKNOWN,
    Vocabulary,
    american_forms,
    english_forms,
    registry_zipf,
    run_together_parts,
)
from trialint.spelling.words import (
    FULL_WIDTH_PUNCTUATION,
    WORD,
    letters_only,
    word_end,
    word_start,
    written_in_capitals,
)

SHORTEST = 3  # shorter words are letters and units
# Longer runs of letters are no words (English's longest has 45) but pasted sequences or
# glued text: not judged, and never searched letter by letter.
LONGEST = 45
SHORTEST_JUDGED = 5  # shorter unknown words are mostly abbreviations ("biop", "prn", "kda")
SHORT_WORD_COMMON = 5.5  # ... and only a slip of one of the commonest words is noted
SHORTEST_TWO_EDITS = 8  # two edits away is only evidence in a long word
SHORTEST_FAR_FROM_RARE = 10  # ... and from a word only the registry knows, in a longer one
SHORTEST_GARBLED_ENDING = 9  # ... and with another ending, from a word most records write
SHORTEST_ADDED = 7  # a letter added is a slip only in a word this long
SHORTEST_SURE = 6  # a shorter word is one letter from too many others to be sure
SHORTEST_SURE_ADDED = 8  # ... and a shorter one with a letter added
WRITTEN_BY = 3  # studies of the registry that write a word, for a slip of it to be sure
TERM_USES = 3  # a record that writes a word this often writes it as its own term
COMMON = 4.0  # a suggestion at least this common (Zipf) is strong evidence
PLAUSIBLE = 3.0  # ... at least this common, weaker evidence
RARE_BUT_SLIPPED = 2.5  # ... or this common, for a typist's slip of a long word
RIVAL_GAP = 1.0  # a second suggestion within 10 times the first's frequency is a rival
IN_RECORD = 6.0  # the record writes the suggestion itself: as good as the commonest words
EVERYDAY = 5.0  # a word a tenth of the registry's studies write (on the Zipf scale)
ENGLISH_ONLY = 2.0  # an English word the registry never writes, suggested for a typist's slip
WRITTEN_GAP = 1.4  # a slip is written 25 times less than its word, in English text at large


class Tier(IntEnum):
    INFO = 1  # a possible misspelling (T012)
    WARNING = 2  # a misspelling (T001), with a fix --fix applies


@dataclass(frozen=True, slots=True)
class Suspect:
    """An unknown word at one place of the record's joined text."""

    start: int
    end: int
    written: str
    suggestion: str  # lowercase; the check writes it in the case of ``written``
    tier: Tier
    why: str  # the kind of slip, for the message


# Tokens a run has found to hold no word to judge, kept to take them out of the next records'
# words in one set difference; bounded, so that a whole registry's names cannot fill memory.
SETTLED_TOKENS = 300_000


class Detector:
    def __init__(self, vocabulary: Vocabulary, near: NearWords, listed: Iterable[str] = ()) -> None:
        self.vocabulary = vocabulary
        self.near = near
        self.listed = frozenset(listed)  # misspellings another rule reports from its list
        self._settled: set[bytes] = set(vocabulary.common_bytes)
        self._formed_slips: dict[str, bool] = {}  # _formed_slip's answers
        self._compounds: dict[str, list[tuple[str, str]]] = {}  # _compound_parts' answers
        self._negations: dict[str, tuple[str, Tier] | None] = {}  # _other_negation's answers

    def suspects(self, index: TextIndex) -> list[Suspect]:
        """The record's suspect words, cheapest tests first: most unknown words are names or
        codes, told by where they are written before anything is searched."""
        vocabulary = self.vocabulary
        distinct = set(index.words)
        glued = _glued_to_numbers(index, distinct)
        negated = self._negated_otherwise(distinct)
        standing = self._standings(distinct - self._settled)
        unknown = sorted(word for word, known in standing.items() if known != KNOWN)
        if not unknown and not glued and not negated and distinct.isdisjoint(_TWO_LETTER_SLIPS):
            return []
        record = _RecordView(index, vocabulary, distinct, self.near)
        glued.extend(_two_letter_slips(record, distinct))
        glued.extend(_negations(record, negated))
        found = [suspect for suspect in glued if not record.in_foreign_paragraph(suspect.start)]
        for word in unknown:
            run_in: list[tuple[str, str]] = []
            formed = vocabulary.knows(word)
            if formed and not self._formed_slip(word):
                # formed from known words (one lookup each, kept): no place to read, unless
                # the words are two a writer ran together
                run_in = self._compound_parts(word)
                if not run_in:
                    continue
            everywhere = _places(index.lower, word)
            # a piece of a word cut in two is short, and written once or twice (a term is not)
            short_piece = len(word) <= LONGEST_SPLIT_PIECE and len(everywhere) <= 2
            split = _split_words(word, everywhere, record) if short_piece else []
            if split:
                found.extend(split)
                continue
            judged = (place for place in everywhere if record.could_be_slip(*place))
            first = next(judged, None)
            if first is None:
                # words run together in capitals and small letters are judged where they
                # are written once: a brand or a term is written so every time
                run_together = (
                    _cased_run_in(*everywhere[0], record) if len(everywhere) == 1 else None
                )
                if run_together is not None:
                    found.append(run_together)
                continue
            verdict = (
                _judge_compound(run_in, record, first)
                if run_in
                else self._judge(word, record, len(everywhere), first)
            )
            if verdict is None:
                continue
            places = [first, *judged]
            tier, suggestion, why = verdict
            if _written_as_a_word(word, suggestion, vocabulary) or _a_word_of_its_own(
                word, suggestion, why, record, first
            ):
                continue
            if standing[word] == LISTED or (formed and not run_in):
                # an old or rare word of the unabridged dictionary, or one word formation
                # makes: a slip only when the evidence would be strong for an unknown word,
                # and then only perhaps; and not of another word only that dictionary lists
                # (macrocytosis, microcytosis), however often the record writes it
                typed_for_everyday = (
                    why in TYPIST_SLIPS
                    or (why == Shape.DROPPED and interior_edit(word, suggestion))
                    or (why == Shape.CHANGED and _keyed_inside(word, suggestion, why))
                ) and _written_by_many(word, suggestion, record)  # fmt: skip
                if (tier is not Tier.WARNING and not typed_for_everyday) or (
                    vocabulary.standing(suggestion) == LISTED
                ):
                    continue  # ('frist', 'goup': strong enough, however short)
                tier = Tier.INFO
            places = [place for place in places if not record.in_foreign_paragraph(place[0])]
            for start, end in places:
                found.append(Suspect(start, end, index.text[start:end], suggestion, tier, why))
        # a word cut in two is found from both its parts when neither is a word
        return list(dict.fromkeys(found))

    def _negated_otherwise(self, tokens: set[bytes]) -> dict[str, tuple[str, Tier]]:
        """The words of ``tokens`` negated by the prefix English does not use for them
        ('unability', 'uncomplete'), each with the word meant: one lookup per word with
        such a prefix, kept."""
        found: dict[str, tuple[str, Tier]] = {}
        for token in tokens:
            if not token.startswith(_NEGATIONS_BYTES) or not token.isalpha():
                continue
            word = token.decode()
            if word in self.listed:
                continue  # another rule's, from its list
            if word in self._negations:
                meant = self._negations[word]
            else:
                meant = _other_negation(word, self.vocabulary)
                if len(self._negations) < SETTLED_TOKENS:
                    self._negations[word] = meant
            if meant is not None:
                found[word] = meant
        return found

    def _formed_slip(self, word: str) -> bool:
        """Whether a word the rules of word formation make (sub + cutaneus, hypo + apnoea)
        is likelier a slip of a word the field writes: a common word many studies write with
        letters swapped, doubled or undoubled, or one dropped inside it. Formation is weak
        evidence (any prefix and any stem make a word); a typist's slip of a common word of
        trial records is strong. A letter more is not: endings add one by right (ethnic,
        ethnical; ethical); but a key struck with its neighbour inside a word most records
        write is ('baserline', 'congfirmed'). Judged once a word, whatever the record: the
        answer depends on the vocabularies alone."""
        slip = self._formed_slips.get(word)
        if slip is None:
            entry, studies = self.vocabulary.entry, self.vocabulary.studies
            slip = any(
                c.distance == 1
                and (
                    c.shape in TYPIST_SLIPS
                    or (c.shape is Shape.DROPPED and interior_edit(word, c.word))
                    # a key struck with its neighbour inside a word most records write
                    # ('baserline', 'congfirmed'): no formation makes that of it
                    # ... or a key struck for the one it touches, in a long word
                    # ('environkent', 'finkshed') or one most records write ('basekine')
                    or (
                        _keyed_inside(word, c.word, c.shape)
                        and (
                            registry_zipf(entry(c.word).studies, studies) >= EVERYDAY
                            or (c.shape is Shape.CHANGED and len(word) >= SHORTEST_SURE_ADDED)
                        )
                    )
                )
                and entry(c.word).studies >= WRITTEN_BY
                and _frequency(self.vocabulary, c.word) >= COMMON
                and not _ending_variant(word, c.word)
                for c in self.near.of(word, 1)
            )
            if len(self._formed_slips) < SETTLED_TOKENS:
                self._formed_slips[word] = slip
        return slip

    def _compound_parts(self, word: str) -> list[tuple[str, str]]:
        """The two words a word known only as a compound of them is made of (cord + blood,
        sodium + glucose), each way it splits; none for a word formed otherwise."""
        parts = self._compounds.get(word)
        if parts is None:
            parts = run_together_parts(word, self.vocabulary)
            if len(self._compounds) < SETTLED_TOKENS:
                self._compounds[word] = parts
        return parts

    def _standings(self, tokens: Iterable[bytes]) -> dict[str, int]:
        """The standing of each word of ``tokens`` that may be judged. A token whose words are
        all known (or too short, or another rule's) is the same in every record: it is
        settled, and the next records' words lose it before any lookup. Most of a record's
        words are settled after the first few hundred records of a run."""
        vocabulary, settled = self.vocabulary, self._settled
        standing: dict[str, int] = {}
        for token in tokens:
            judged = False
            for word in letters_only((token,)):
                if not SHORTEST <= len(word) <= LONGEST or word in self.listed:
                    continue
                known = standing.get(word)
                if known is None:
                    known = standing[word] = vocabulary.standing(word)
                judged = judged or known != KNOWN
            if not judged and len(settled) < SETTLED_TOKENS:
                settled.add(token)
        return standing

    def _judge(
        self, word: str, record: _RecordView, uses: int, place: tuple[int, int]
    ) -> tuple[Tier, str, str] | None:
        kept = _silent_e_kept(word, self.vocabulary)
        if kept is not None:
            return kept
        reach = 2 if len(word) >= SHORTEST_TWO_EDITS else 1
        candidates = self.near.of(word, reach)
        if not candidates or candidates[0].distance > 1:
            # The record's own words, which no cache may keep, when nothing near is known:
            # a term of the record's it misspells once (larygoscope, laryngoscope).
            candidates = self.near.of(word, reach, also=record.words_within(word, reach))
        capitalised = record.index.text[place[0]].isupper()
        if len(word) < SHORTEST_JUDGED:
            return self._judge_short(word, candidates, record, place) or self._judge_run_in(
                word, capitalised, uses, record
            )
        verdict = self._judge_near(word, candidates, record, uses, place) if candidates else None
        return (
            verdict
            or self._judge_run_in(word, capitalised, uses, record)
            or self._judge_plural(word, record, uses, place)
            or _garbled_ending(word, candidates, record, place)
        )

    def _judge_plural(
        self, word: str, record: _RecordView, uses: int, place: tuple[int, int]
    ) -> tuple[Tier, str, str] | None:
        """The plural of a misspelled word ('psychosomaitcs', 'peumonias'): the vocabularies
        list many terms of the field in the singular only, so the plural's slip is two edits
        from anything listed, and its singular one. The singular is judged as a word of its
        own, and the plural of the word it would be is the suggestion. A word in -ss, -us or
        -is is no plural. Sure only for a typist's slip."""
        if not word.endswith("s") or word.endswith(_NO_PLURAL):
            return None
        singular = word[:-1]
        if len(singular) < SHORTEST_JUDGED or self.vocabulary.standing(singular) != UNKNOWN:
            return None  # a known word's plural is known; a short stem is a code
        verdict = self._judge(singular, record, uses, place)
        if verdict is None or not verdict[1].isalpha():
            return None  # (a run-in's parts take no -s)
        tier, suggestion, why = verdict
        if why not in TYPIST_SLIPS:
            tier = Tier.INFO  # a letter dropped or changed makes terms of stems: 'glycomics'
        return tier, suggestion + "s", why

    def _judge_short(
        self,
        word: str,
        candidates: tuple[Candidate, ...],
        record: _RecordView,
        place: tuple[int, int],
    ) -> tuple[Tier, str, str] | None:
        """A word of three or four letters: most are abbreviations (prn, iqr, hrs), so only a
        typist's slip of one of the commonest words, or of one most records write, is noted
        (wil, ahs, haed; scre for score). A short capitalised word is a name or an
        abbreviation, but in a title, where every word is capitalised ('Phse 2 Trial')."""
        written = record.index.text[place[0] : place[1]]
        in_title = written[1:].islower() and record.in_title_like(place[0])
        if not (written.islower() or in_title):
            return None
        near = [
            c for c in candidates
            if c.distance == 1
            and (record.vocabulary.zipf(c.word) >= SHORT_WORD_COMMON or record.everyday(c.word))
            and (c.shape in TYPIST_SLIPS
                 or (len(word) == 4 and c.shape is Shape.DROPPED and interior_edit(word, c.word))
                 # a key struck with its neighbour in a word most records write ('daty')
                 or (c.shape is Shape.ADDED and record.everyday(c.word)
                     and _keyed_inside(word, c.word, c.shape))
                 # its first or last letter dropped ('fter', 'afte'), where a short word
                 # dropping it makes no other
                 or (len(word) == 4 and c.shape is Shape.DROPPED and record.everyday(c.word)))
        ]  # fmt: skip
        if len(near) != 1:
            return None
        return Tier.INFO, near[0].word, near[0].shape

    def _judge_near(
        self,
        word: str,
        candidates: tuple[Candidate, ...],
        record: _RecordView,
        uses: int,
        place: tuple[int, int],
    ) -> tuple[Tier, str, str] | None:
        # A near word only the record writes, no vocabulary, is another spelling of the same
        # term: which of the two is the slip is unknown (Gertzbein, Gerzbein).
        candidates = tuple(
            c for c in candidates
            if record.meant_here(word, c) and record.vocabulary.lists(c.word)
        )  # fmt: skip
        if not candidates:
            return None
        nearest = _one_language(
            [c for c in candidates if c.distance == candidates[0].distance], record.vocabulary
        )
        scores = {c.word: record.commonness(c.word) + _likelihood(word, c) for c in nearest}
        ranked = sorted(nearest, key=lambda c: -scores[c.word])
        best, rivals = ranked[0], ranked[1:]
        if not _plausible_slip(word, best, record, place):
            # a word no slip makes of the one meant ('register' for 'registery': no ending
            # adds a y) gives way to one a slip makes, if the field writes it
            slipped = [
                c for c in rivals
                if _plausible_slip(word, c, record, place)
                and record.vocabulary.entry(c.word).studies >= WRITTEN_BY
                and record.commonness(c.word) >= COMMON
            ]  # fmt: skip
            if slipped:
                best, rivals = slipped[0], slipped[1:]
        strength = record.commonness(best.word)
        contested = any(scores[best.word] - scores[c.word] < RIVAL_GAP for c in rivals)
        cut_short = len(best.word) == len(word) + 1 and best.word.startswith(word)
        if contested or (
            _ending_variant(word, best.word)
            # a word most records write with its last letter cut off ('frequenc',
            # 'injectio'), or one dropped inside it ('Critera'), is no other ending of its
            # stem
            and not ((cut_short or _dropped_inside(word, best.word)) and record.everyday(best.word))
        ):
            noted = (
                contested and strength >= COMMON and best.distance == 1
                and _plausible_slip(word, best, record, place)
                and (not record.index.text[place[0]].isupper()
                     or _capitalised_slip(word, best, record, place))
            )  # fmt: skip
            return (Tier.INFO, best.word, best.shape) if noted else None
        if best.word in american_forms(word):
            return None  # a British spelling (antileukaemic) of a word only America's lists have
        if best.distance == 2:
            frequent = record.frequency(best.word)
            long_enough = len(word) >= SHORTEST_FAR_FROM_RARE and frequent >= PLAUSIBLE
            same_ends = word[0] == best.word[0] and word[-2:] == best.word[-2:]
            if same_ends and (strength >= COMMON or record.writes(best.word) or long_enough):
                return Tier.INFO, best.word, Shape.TWO_EDITS
            return None
        if strength < _least_strength(word, best) or not _plausible_slip(word, best, record, place):
            return None
        clear = (
            strength >= COMMON
            and len(word) >= SHORTEST_SURE
            # a word of the field: trial records write it (or this one does), so a near
            # unknown word is its slip rather than a term of its own
            and (
                record.vocabulary.entry(best.word).studies >= WRITTEN_BY or record.writes(best.word)
            )
            and (
                _typists_slip(word, best)
                # 'Diabete': English has no such singular of a common word in -s
                or _singular_of_no_plural(word, best.word, record.vocabulary)
            )
            and _not_a_term(word, best.word, record, uses, place)
            # drugs of one class differ by a letter (erlotinib, eflotinib): only a typist's
            # slip in a drug's name is sure
            and not (record.vocabulary.entry(best.word).drug and best.shape is Shape.CHANGED)
        )
        if clear:
            return Tier.WARNING, best.word, best.shape
        if record.index.text[place[0]].isupper() and not _capitalised_slip(
            word, best, record, place
        ):
            return None
        return Tier.INFO, best.word, best.shape

    def _judge_run_in(
        self, word: str, capitalised: bool, uses: int, record: _RecordView
    ) -> tuple[Tier, str, str] | None:
        """Two words run together: a function word and a word of four letters or more
        ("patientswith", "becollected"; "ofthe" is too short to tell), two function words,
        or a particle and a function word ("upto"); sure when the other word is common.
        Particles make words of words by right (upregulation, onboarding, followback), and
        some function words are also Latin endings (dorsalis): neither is evidence. Two
        long words run together (sodiumglucose) are ``_judge_compound``'s."""
        vocabulary = self.vocabulary
        splits = []
        for cut in range(1, len(word)):
            left, right = word[:cut], word[cut:]
            if left not in FUNCTION_WORDS and right not in FUNCTION_WORDS:
                continue  # (a set lookup, before any in the vocabulary)
            if vocabulary.standing(left) != KNOWN or vocabulary.standing(right) != KNOWN:
                continue
            if left in FUNCTION_WORDS and right in FUNCTION_WORDS:
                content, sure = "", True
            elif left in FUNCTION_WORDS and left not in PARTICLES:
                content, sure = right, True
            elif right in FUNCTION_WORDS and right not in _NOT_RUN_INTO:
                content, sure = left, True
            else:
                continue
            commonness = record.commonness(content) if content else IN_RECORD
            long_enough = len(content) >= 4 or content in PARTICLES  # "upto"
            if (not content or long_enough) and commonness >= COMMON:
                splits.append((left, right, sure))
        if len(splits) != 1:
            return None
        left, right, sure = splits[0]
        if capitalised:
            # Belanger, Michno: names are made of such parts, but not of a long common word
            # and a function word no name ends in ('Mutationand', 'Treatmentwith')
            ran_on = right in _ENDS_NO_NAME and len(left) >= SHORTEST_RUN_IN_PART
            return (Tier.INFO, f"{left} {right}", RUN_IN) if ran_on else None
        # English text writes some such words as words or names ('implementor', 'Norcross',
        # 'invitro'): perhaps only
        sure = (
            sure
            and uses < TERM_USES
            and len(word) >= SHORTEST_JUDGED
            and not vocabulary.entry(word).written
        )
        return (Tier.WARNING if sure else Tier.INFO), f"{left} {right}", RUN_IN


# Endings of words that are no plurals (class, fibrosus, diagnosis).
_NO_PLURAL = ("ss", "us", "is")

SHORTEST_RUN_IN_PART = 6  # each of two words run together, to tell them from a compound


def _judge_compound(
    splits: list[tuple[str, str]], record: _RecordView, place: tuple[int, int]
) -> tuple[Tier, str, str] | None:
    """Two words a writer ran together (chroniccluster, sodiumglucose), told from a compound
    of the field (germline, birthweight, smartwatch, locoregional) by their shape: two common
    words of six letters or more, the first no combining form in -o (postero-, pharmaco-),
    which compounds seldom join. That a record writes the two apart elsewhere is no evidence:
    writers spell one compound both ways (birthweight, birth weight). Perhaps only: some such
    compounds are words (servicemembers); a capitalised one may be a name."""
    if record.index.text[place[0]].isupper():
        return None
    found = [
        (left, right)
        for left, right in splits
        if min(len(left), len(right)) >= SHORTEST_RUN_IN_PART
        and not left.endswith("o")
        and min(record.frequency(left), record.frequency(right)) >= COMMON
    ]
    if len(found) != 1:
        return None
    [(left, right)] = found
    # as the record writes the two elsewhere, if it does: "sodium-glucose"
    joined = "-" if f"{left}-{right}" in record.index.lower else " "
    return Tier.INFO, f"{left}{joined}{right}", RUN_IN


SPLIT = "a space inside the word"
SHORTEST_SPLIT_WORD = 6  # a word written in two parts: shorter ones join into words by chance
LONGEST_SPLIT_PIECE = 10


def _split_words(word: str, places: list[tuple[int, int]], record: _RecordView) -> list[Suspect]:
    """A word a space cut in two ('d iabetic', 'assump tions'): neither part a word (but a
    letter), the two written together a word of the registry or of English. Two words
    ('post mortem', 'sacro iliac' beside 'iliac') are a phrase or a compound written apart,
    not read, nor 'a' and 'I' before a word. Sure when the word is common; a name or a code is
    never read."""
    text = record.index.text
    found: list[Suspect] = []
    for start, end in places:
        # (the words around are looked at first: could_be_slip costs more, and a word with a
        # word on each side, the common case, is decided without it)
        joins = []  # (start, end) of the word and its neighbour, and the neighbour
        before, after = _neighbour(text, start, -1), _neighbour(text, end, 1)
        if before is not None:
            joins.append((before, end, text[before : start - 1]))
        if after is not None:
            joins.append((start, after, text[end + 1 : after]))
        for joined_start, joined_end, other in joins:
            if other.lower() in ("a", "i") or (
                len(other) > 1 and record.vocabulary.standing(other.lower()) == KNOWN
            ):
                continue  # two words: a phrase ('post mortem', 'a priori'), or a compound
            written = text[joined_start:joined_end]
            joined = written.replace(" ", "").lower()
            if len(joined) < SHORTEST_SPLIT_WORD or record.vocabulary.standing(joined) != KNOWN:
                continue
            if not record.could_be_slip(start, end):
                break  # a name or a code
            commonness = record.commonness(joined)
            if commonness < PLAUSIBLE:
                continue
            sure = commonness >= COMMON and len(word) > 2
            found.append(Suspect(joined_start, joined_end, written, joined,
                                 Tier.WARNING if sure else Tier.INFO, SPLIT))  # fmt: skip
            break
    return found


def _neighbour(text: str, edge: int, step: int) -> int | None:
    """Where the word next to ``edge`` across one space starts (``step`` -1) or ends (1), or
    None when a space and letters are not there."""
    space = edge - 1 if step < 0 else edge
    if not 0 <= space < len(text) or text[space] != " ":
        return None
    other = word_start(text, space) if step < 0 else word_end(text, space + 1)
    return None if other in (space, space + 1) else other


# Words that make compounds of words by right (upregulation, onboarding, followback,
# glucagonlike), and function words that are also Latin and Greek endings (dorsalis, caudalis).
_NOT_RUN_INTO = PARTICLES | {"like", "is", "us", "as", "an", "a", "i", "o"}
# Function words that end no name (names end in -on, -in, -as, -er: Harrison, Franklin),
# run into a capitalised word only by a lost space.
_ENDS_NO_NAME = frozenset({"and", "with", "the", "from", "which", "that", "were", "versus"})
RUN_IN = "two words run together"


def _not_a_term(
    word: str, suggestion: str, record: _RecordView, uses: int, place: tuple[int, int]
) -> bool:
    """Whether an unknown word cannot be a term of the record's own (a product, a name) that
    happens to be near a common word. A capitalised word of a title may be a name: it is a
    slip only when the record writes the word it would be, and not throughout (a weaker case
    may still be a possible one: ``_capitalised_slip``). A word used throughout the record is
    its term, unless its near word is a common English word, which no term is a slip of
    ("questionaire" three times is still a slip)."""
    if record.capitalised_in_title(*place) or record.name_like(place[0]):
        return uses < TERM_USES and record.writes(suggestion)
    return (
        uses < TERM_USES
        or record.vocabulary.zipf(suggestion) >= COMMON
        or record.writes(suggestion)
    )


def _garbled_ending(
    word: str, candidates: tuple[Candidate, ...], record: _RecordView, place: tuple[int, int]
) -> tuple[Tier, str, str] | None:
    """A long word most records write, with its ending garbled by two slips ('assesmenet',
    'perfomanse'), where nothing is nearer and the word is no two run together: its first
    letters are the word's, and only one such word is two edits away. Perhaps only, and not
    in a capitalised word inside a sentence, which may be a name's ('the Placeboxa clinic')."""
    if len(word) < SHORTEST_GARBLED_ENDING or not candidates or candidates[0].distance != 2:
        return None
    if record.name_like(place[0]):
        return None
    meant = [c.word for c in candidates if c.word[:3] == word[:3] and record.everyday(c.word)]
    return (Tier.INFO, meant[0], Shape.TWO_EDITS) if len(meant) == 1 else None


def _least_strength(word: str, candidate: Candidate) -> float:
    """How common a near word must be to make an unknown word its slip: plausible, or rarer
    for a typist's slip of a long word ('confering', conferring), which is seldom a term's
    shape by chance."""
    long_slip = candidate.shape in TYPIST_SLIPS and len(word) >= SHORTEST_TWO_EDITS
    return RARE_BUT_SLIPPED if long_slip else PLAUSIBLE


def _likelihood(word: str, candidate: Candidate) -> float:
    """How much likelier (on the Zipf scale, where 1 is ten times) a slip of this shape is:
    typists swap and double letters far more often than they add a stray one."""
    if candidate.shape in TYPIST_SLIPS:
        return 1.0
    if candidate.shape is Shape.DROPPED:
        return 0.5
    if candidate.shape is Shape.CHANGED:
        letters = changed_letters(word, candidate.word)
        return 0.5 if letters is not None and typed_for(*letters) else 0.0
    if candidate.shape is Shape.ADDED:
        # a key struck with the one beside it ('registery'), not a letter at an end, where
        # endings go ('register')
        return 0.5 if _keyed_inside(word, candidate.word, candidate.shape) else 0.0
    return 0.0


def _plausible_slip(
    word: str, candidate: Candidate, record: _RecordView, place: tuple[int, int]
) -> bool:
    """Whether a one-edit difference is worth a note at all. Words differ by right in their
    endings (menopause, menopaused; visit, visio), but not by a final letter cut off (failur),
    a drug's name in another language's form, or a long word's first key struck for its
    neighbour; a writer rarely drops a plural's s."""
    if not interior_edit(word, candidate.word) and candidate.shape not in TYPIST_SLIPS:
        truncated = candidate.shape is Shape.DROPPED and candidate.word[-1] != "s"
        if not (
            _end_slip_of_everyday_word(word, candidate.word, record)
            or (truncated and candidate.word.startswith(word))
            or _other_language_form(word, candidate.word, record.vocabulary)
            or _first_letter_slip(word, candidate.word, record)
            or _singular_of_no_plural(word, candidate.word, record.vocabulary)
            or _edge_slip(word, candidate.word, record)
        ):
            return False
    # one more letter in a short word makes another word (scopy, preop, cerena), but for a
    # key struck with its neighbour in a word nearly every record writes ('whiech', 'aftber')
    return (
        candidate.shape is not Shape.ADDED
        or len(word) >= SHORTEST_ADDED
        or (_struck_with_a_neighbour(word, candidate.word) and record.everyday(candidate.word))
    )


def _edge_slip(word: str, candidate: str, record: _RecordView) -> bool:
    """A typist's slip at a word's first or last letter, where words also change by right
    (prefixes, endings), told from those by the word meant, one a tenth of the registry's
    studies write ('atients', 'ruring', 'dsurgery' for patients, during, surgery), or by the
    key, one that touches the right one at a word's end ('complets', 'degeneratiob'), which no
    ending of English makes of a common word. A word that studies write is also cut short by
    its last letter ('Numbe', 'Visua' opening a title), once or twice: no ending makes that of
    it, and a record that writes it so every time writes a name ('Activ', a brand)."""
    if len(word) < SHORTEST_WITH_FIRST_KEY_SLIPPED:
        return False
    if candidate[:-1] == word:  # the last letter cut off
        return record.everyday(candidate) and not record.writes_as_a_term(word)
    if len(word) == len(candidate) and word[:-1] == candidate[:-1]:
        return (
            typed_for(word[-1], candidate[-1])
            and not {word[-1], candidate[-1]} <= VOWELS  # (endoscopy, scope)
            and record.frequency(candidate) >= COMMON
            and record.vocabulary.entry(candidate).studies >= WRITTEN_BY
        )
    if candidate[1:] == word:  # the first letter dropped
        return record.everyday(candidate) or (
            len(word) >= SHORTEST_WITH_FIRST_LETTER_STRUCK
            and record.vocabulary.entry(candidate).studies >= WRITTEN_BY
        )  # ('arboplatin': the rest of so long a word is seldom a word of its own)
    if not record.everyday(candidate):
        return False
    if word[1:] == candidate:
        return typed_for(word[0], word[1])  # a key struck with the first one
    return (
        len(word) == len(candidate)
        and word[1:] == candidate[1:]
        and typed_for(word[0], candidate[0])
    )


def _keyed_inside(word: str, meant: str, shape: str) -> bool:
    """Whether ``word`` is ``meant`` with a key struck for one it touches ('basekine') or
    struck with it ('baserline'), inside the word, where no prefix or ending goes: the slips
    of the keyboard, which no rule of spelling or word formation makes."""
    if not interior_edit(word, meant):
        return False
    if shape == Shape.CHANGED:
        return _neighbouring_keys(word, meant)
    return shape == Shape.ADDED and _struck_with_a_neighbour(word, meant)


def _neighbouring_keys(word: str, candidate: str) -> bool:
    """Whether ``word`` is ``candidate`` with one letter struck for a key it touches, not a
    vowel for a vowel (which spelling, not typing, changes)."""
    letters = changed_letters(word, candidate)
    return letters is not None and typed_for(*letters) and not set(letters) <= VOWELS


def _struck_with_a_neighbour(word: str, candidate: str) -> bool:
    """Whether ``word`` is ``candidate`` with a letter added beside one whose key it touches:
    two keys struck at once ('whiech', 'aftber')."""
    for at in range(len(word)):
        if word[:at] + word[at + 1 :] == candidate:
            beside = word[max(0, at - 1) : at] + word[at + 1 : at + 2]
            return any(typed_for(word[at], letter) for letter in beside)
    return False


def _capitalised_slip(
    word: str, candidate: Candidate, record: _RecordView, place: tuple[int, int]
) -> bool:
    """Whether a capitalised word, on weaker evidence, is worth a note. It may be a name, and
    names are made from words by adding, dropping or changing a letter (Servier, Tritanium,
    Stimulan, Farber): only a typist's slip, or a key struck for its neighbour, is."""
    if candidate.shape in TYPIST_SLIPS or candidate.shape is Shape.TWO_EDITS:
        return True
    if _singular_of_no_plural(word, candidate.word, record.vocabulary):
        return True  # no name is a common word less its s
    # capitalised where it stands, not as a name: in a title, opening a sentence, or in a
    # term English words capitalised by habit ('Body Mass Indx', 'Visual Ananlog Scale')
    by_place = not record.name_like(place[0]) or record.in_capitalised_term(*place)
    many = _written_by_many(word, candidate.word, record)
    if _dropped_inside(word, candidate.word) and (
        record.writes(candidate.word) or (by_place and many)
    ):
        # the record spells the word elsewhere ('Haemtology' three times beside
        # 'haematology'), or the word is one many studies write and this one is capitalised
        # by its place ('Patint', 'Dexamethsone'): names are made from words by adding or
        # changing letters (Tritanium, titanium), or at their ends (Stimulan), seldom by
        # dropping one inside
        return True
    if (
        by_place
        and many
        and candidate.shape is Shape.ADDED
        and _keyed_inside(word, candidate.word, candidate.shape)
        and not record.writes_as_a_term(word)
    ):
        # 'Thjese', 'Sacale': a key struck with the one it touches, once or twice; a
        # record that writes it so every time writes a name ('Tritanium', a brand)
        return True
    if _end_slip_of_everyday_word(word, candidate.word, record):
        return True  # 'Diagnosise': what nearly every record writes, with a stray last key
    if _edge_slip(word, candidate.word, record) and by_place:
        return True  # 'Linical', 'Ollowing', 'Studg' in a title or opening a sentence
    if _first_key_slip(word, candidate.word) and by_place:
        # 'Untolerable', 'Aconomical' in a title or opening a sentence; inside a sentence, a
        # capitalised word is a name, and some are a word's first letter changed (Gormally)
        return True
    if record.vocabulary.english_and_languages(word)[1] or not interior_edit(word, candidate.word):
        return False  # a capitalised word of another language, or cut short: a name
    letters = changed_letters(word, candidate.word)
    return letters is not None and typed_for(*letters)


def _end_slip_of_everyday_word(word: str, candidate: str, record: _RecordView) -> bool:
    """A slip at the end of a long word that a tenth of the registry's studies write
    (criteria, diagnosis, further): a record is far likelier to mean it than a term of its
    own ('criteriar', 'diagnosise', 'furthet'). Short words and first letters are left out:
    there, one letter makes names and terms (Activ, visio, indel, eHealth)."""
    return len(word) >= SHORTEST_ADDED and word[0] == candidate[0] and record.everyday(candidate)


def _written_by_many(word: str, candidate: str, record: _RecordView) -> bool:
    """Whether ``candidate`` is a word a tenth of the registry's studies write, or, for a long
    word, one that several do: a word that near it is more likely meant than made."""
    if record.everyday(candidate):
        return True
    return (
        len(word) >= SHORTEST_SURE_ADDED
        and record.vocabulary.entry(candidate).studies >= WRITTEN_BY
    )


def _dropped_inside(word: str, candidate: str) -> bool:
    """Whether ``word`` is ``candidate`` with one letter dropped inside it."""
    return len(word) + 1 == len(candidate) and interior_edit(word, candidate)


def _first_key_slip(word: str, candidate: str) -> bool:
    """A long word whose first letter was struck for a neighbouring key or another vowel."""
    return (
        len(word) == len(candidate) >= SHORTEST_WITH_ANY_FIRST_LETTER
        and word[1:] == candidate[1:]
        and typed_for(word[0], candidate[0])
    )


def _first_letter_slip(word: str, candidate: str, record: _RecordView) -> bool:
    """A long word whose first letter was struck for a neighbouring key or another vowel; or,
    in a longer word, for any other ('giabetic'), where the word meant is one the registry's
    studies write: the rest of so long a word, written right, seldom makes a term of its
    own."""
    if _first_key_slip(word, candidate):
        return True
    return (
        len(word) == len(candidate) >= SHORTEST_WITH_FIRST_LETTER_STRUCK
        and word[1:] == candidate[1:]
        and record.vocabulary.entry(candidate).studies >= WRITTEN_BY
    )


def _cased_run_in(start: int, end: int, record: _RecordView) -> Suspect | None:
    """Two words run together, told by their capitals, in prose: names and foreign
    paragraphs are not read. Either two capitalised words ('AntihypertensiveTreatment',
    'AcuteLeukemia'), each a common word of four letters or more, where the record writes
    the two apart elsewhere (perhaps only); or an abbreviation run into the word after it
    ('HCVinfection', 'CTscan'): capitals, then a common word of four letters or more in
    small letters, sure where the record writes the two apart. Terms of the field write no
    such word so ('BRCAness' ends in no word of its own), but brands do (QuitGuide, PAXgene,
    PICCline): every time, in the plural too, and in titles."""
    written = record.index.text[start:end]
    if record.in_name(start) or record.in_foreign_paragraph(start):
        return None
    lost_space = _FUNCTION_WORD_RUN_IN.fullmatch(written)
    if lost_space is not None and lost_space[1] in _RUN_INTO_A_CAPITAL:
        # 'inJapan', 'withTreatment'; a brand may be written so ('inTouch'): perhaps only,
        # and never before a word no vocabulary knows ('inVentiv')
        if record.vocabulary.standing(lost_space[2].lower()) == KNOWN:
            return Suspect(start, end, written, " ".join(lost_space.groups()), Tier.INFO, RUN_IN)
        return None
    camel = _CAMEL_RUN_IN.fullmatch(written)
    if camel is not None:
        left, right = camel.groups()
        apart = f"{left} {right}".lower() in record.index.lower
        if apart and min(record.frequency(left.lower()), record.frequency(right.lower())) >= COMMON:
            return Suspect(start, end, written, f"{left} {right}", Tier.INFO, RUN_IN)
        return None
    abbreviated = _ABBREVIATION_RUN_IN.fullmatch(written)
    if (
        abbreviated is None
        or record.index.lower.count(written.lower().removesuffix("s")) > 1
        or record.in_title_like(start)
    ):
        return None
    abbreviation, word = abbreviated.groups()
    if word in _GREEK_LETTERS:
        return None  # 'IFNgamma', 'TGFbeta': how the field writes a molecule's variant
    if record.frequency(word) < COMMON or record.vocabulary.standing(word) != KNOWN:
        return None
    apart = f"{abbreviation} {word}".lower() in record.index.lower
    tier = Tier.WARNING if apart else Tier.INFO
    return Suspect(start, end, written, f"{abbreviation} {word}", tier, RUN_IN)


def _written_as_a_word(word: str, suggestion: str, vocabulary: Vocabulary) -> bool:
    """Whether English text writes an unknown word nearly as often as the word it would be a
    slip of (less than ``WRITTEN_GAP`` apart on the Zipf scale): a term, a name or a word of
    another field the vocabularies lack ('neuropil' beside 'neutrophil', 'analyte' beside
    'analyse', 'Allergan' beside 'allergen'). Real slips are written too, but far less than
    their word ('questionaire' a hundredth as often as 'questionnaire'). Words run together
    or cut in two are not weighed so."""
    if not suggestion.isalpha():
        return False
    written = vocabulary.entry(word).written
    return written > 0 and vocabulary.entry(suggestion).written - written < WRITTEN_GAP


def _a_word_of_its_own(
    word: str, suggestion: str, why: str, record: _RecordView, place: tuple[int, int]
) -> bool:
    """Whether an unknown word is more likely a word of its own than a slip, whatever its
    near word's frequency. A letter of another alphabet than English's ('Associées') is no
    English typist's slip: the word is of that language. English text writes the word at all
    ('picograms', 'Bloem', 'Sprenger'), and either it is two edits from its near word (real
    slips written in text are one edit from their word: 'occuring', 'treament') or it is
    capitalised inside a sentence, where a written word is a name, unless it is a typist's
    slip ('Ffrom'). A drug's name listed among others of its class ('gefitinib, erlotinib,
    eclitinib, afatinib') is another drug of the class where a letter or two differ from its
    near one: the names of a class differ so by design (a letter dropped or swapped is still
    a slip). A word that differs from its near one only in a prefix of medicine and its
    opposite is the other term ('hypoacusis', 'hyperacusis'). A capitalised word is a name's
    when it takes a possessive ("Gormally's") or stands in a name of several words
    (``beside_a_name``)."""
    if not word.isascii() and suggestion.isascii():
        return True
    if _opposite_prefixes(word, suggestion):
        return True
    if (
        why in (Shape.CHANGED, Shape.TWO_EDITS)
        and record.vocabulary.entry(suggestion).drug
        and record.listed_with_its_kind(*place)
    ):
        return True
    text = record.index.text
    if text[place[0]].isupper() and (
        text.startswith(_POSSESSIVE, place[1])
        # a name's word beside another ('Centrul Oncohelp'), but not a word most records
        # write, mistyped, after an eponym ('Loeys-Dietz Syjdrome', 'Crohn Diseaes')
        or (
            record.beside_a_name(*place)
            and not _mistyped_everyday_word(word, suggestion, why, record)
        )
    ):
        return True
    if record.between_unknown_words(*place):
        return True
    if record.vocabulary.entry(word).written <= 0:
        return False
    if why == Shape.TWO_EDITS:
        return True
    return why not in TYPIST_SLIPS and record.name_like(place[0])


def _mistyped_everyday_word(word: str, suggestion: str, why: str, record: _RecordView) -> bool:
    """Whether ``word`` is a word a tenth of the registry's studies write, with two letters
    swapped, one doubled or undoubled, or a key struck for the one it touches: a typist's
    slip, which no name's spelling of such a word is ('Centrul', 'Hopital' change vowels or
    drop a letter)."""
    if not record.everyday(suggestion):
        return False
    if why in TYPIST_SLIPS:
        return True
    return why == Shape.CHANGED and _neighbouring_keys(word, suggestion)


# Prefixes of medicine that make a term and its opposite, or its neighbour, of one stem: a
# word that differs from its near word only there is the other term, not a slip of it
# (hypoacusis, hyperacusis; macrocytosis, microcytosis; intrathecal, extrathecal).
_OPPOSITE_PREFIXES = (
    ("hypo", "hyper"), ("micro", "macro"), ("intra", "inter"), ("intra", "extra"),
    ("inter", "extra"), ("endo", "exo"), ("brady", "tachy"), ("ante", "post"),
    ("pre", "post"), ("supra", "infra"), ("sub", "supra"), ("poly", "oligo"),
)  # fmt: skip


def _opposite_prefixes(word: str, suggestion: str) -> bool:
    """Whether two words differ only in a prefix and its opposite (hypo-, hyper-)."""
    return any(
        (word.startswith(one) and suggestion.startswith(other)
         and word[len(one):] == suggestion[len(other):])
        or (word.startswith(other) and suggestion.startswith(one)
            and word[len(other):] == suggestion[len(one):])
        for one, other in _OPPOSITE_PREFIXES
    )  # fmt: skip


def _one_language(candidates: list[Candidate], vocabulary: Vocabulary) -> list[Candidate]:
    """The candidates less those that are another's form in another language, which the
    registry writes less ('pregabalina' beside 'pregabalin', for 'pregabaline'): one word
    in two languages is no rival of itself."""
    studies = {c.word: vocabulary.entry(c.word).studies for c in candidates}
    return [
        c for c in candidates
        if not any(
            studies[other.word] > studies[c.word]
            and _other_language_form(c.word, other.word, vocabulary)
            for other in candidates
        )
    ]  # fmt: skip


def _other_language_form(word: str, candidate: str, vocabulary: Vocabulary) -> bool:
    """Whether one of two words is the other in another language's form: the English word
    with a final e added or dropped (groupe, steroide, adenosin, prednisolon), or a drug's
    name with another ending (metformine, pregabaline, abiraterona)."""
    drug = vocabulary.entry(candidate).drug
    return candidate in english_forms(word, drug=drug) or word in english_forms(
        candidate, drug=drug
    )


def _singular_of_no_plural(word: str, candidate: str, vocabulary: Vocabulary) -> bool:
    """'Diabete': a common English word in -s with its s cut off, where English has no
    such singular (the word is unknown). A plural whose singular is written otherwise
    ('studies', study; 'classes', class) is no such word: its s cut off makes a word of
    another language ('Studie', 'classe'), not a slip."""
    if candidate != word + "s" or vocabulary.zipf(candidate) < COMMON:
        return False
    regular_singulars = (word[:-2] + "y", word[:-1]) if word.endswith("ie") else (word[:-1],)
    return not (word.endswith("e") and any(map(vocabulary.knows, regular_singulars)))


def _typists_slip(word: str, candidate: Candidate) -> bool:
    """Whether ``word`` is ``candidate`` with a slip typists make, where words do not change
    by right: inside the word (its first and last letters are where prefixes and endings go:
    stroma, stromal; amblyopia, amblyopic), and, for a letter added or changed, in a word long
    enough that one letter seldom makes another word."""
    if candidate.shape in TYPIST_SLIPS:
        return len(word) >= SHORTEST
    if not interior_edit(word, candidate.word):
        return False
    if candidate.shape is Shape.DROPPED:
        return len(word) >= SHORTEST_SURE
    if candidate.shape is Shape.ADDED:
        return len(word) >= SHORTEST_SURE_ADDED
    if candidate.shape is Shape.CHANGED:
        letters = changed_letters(word, candidate.word)
        return len(word) >= SHORTEST_SURE and letters is not None and typed_for(*letters)
    return False


# Endings by which words of one stem differ (Latin and Greek ones included): two words that
# differ only there are forms of one word (fibrosus, fibrosis; neutropenic, neutropenia).
_ENDINGS = frozenset(
    {"a", "i", "o", "y", "us", "um", "is", "es", "ae", "ii", "ia", "ic", "ical", "al", "ar",
     "os", "on", "ex", "ix"}
)  # fmt: skip


_ENDINGS_OR_NONE = ("", *sorted(_ENDINGS))


def _ending_variant(word: str, candidate: str) -> bool:
    """Whether two words are one stem with two of the endings above (or one and none). The
    endings each word has are listed first, once each, and only those are paired."""
    if word == candidate + candidate[-1] or candidate == word + word[-1]:
        return False  # a last letter doubled or undoubled ('therapyy', 'studyy'): a slip
    mine = [ending for ending in _ENDINGS_OR_NONE if word.endswith(ending)]
    theirs = [ending for ending in _ENDINGS_OR_NONE if candidate.endswith(ending)]
    return any(
        word[: len(word) - len(one)] == candidate[: len(candidate) - len(other)]
        for one in mine
        for other in theirs
        if other != one
    )


# A function word written against a number, or a number against one: "was1158", "is1st",
# "up to100", "type 1or 2". The space was lost; the words are the commonest there are, so a
# code (hba1c, c1d1, 1a) is not one of them, and one written in capitals (AT1, OR1) is a code.
_GLUED = re.compile(
    rb"(is|was|were|are|and|or|of|the|to|in|at|on|for|with|by|from|after|before|than|be)"
    rb"(\d+(?:st|nd|rd|th)?)|(\d+)(or|and|to|of|the|with|than)"
    # a code ending in a digit and a function word of three letters or more: "HRO761with"
    rb"|([a-z][a-z-]*\d+)(and|the|with|from|than|versus|plus|after|before|were|was)"
)
GLUED = "a space missing"


def _glued_to_numbers(index: TextIndex, tokens: set[bytes]) -> list[Suspect]:
    """The places where a function word and a number are written as one token, in the
    record's prose (not in names)."""
    found: list[Suspect] = []
    for token in tokens:
        if token.isalpha() or token.isdigit():
            continue  # nearly every token: a word or a number
        glued = _GLUED.fullmatch(token)
        if glued is None:
            continue
        parts = [part.decode() for part in glued.groups() if part is not None]
        word = token.decode()
        for start, end in _places(index.lower, word):
            if end > index.words_end or index.lower[end : end + 1].isdigit():
                continue  # a name, or a longer number ("to1000" is another token)
            if start and index.lower[start - 1].isdigit():
                continue
            written = index.text[start:end]
            cut = len(parts[0])
            letters = "".join(filter(str.isalpha, written))
            if glued[5] is not None:
                if not written[cut:].islower():
                    continue  # "CD4AND", "Ad26Plus": a code's own letters
            elif not (letters.islower() or (letters.istitle() and len(letters) > 2)):
                continue  # "AT1" (the angiotensin receptor), "OR1": a code in capitals
            found.append(Suspect(start, end, written, f"{written[:cut]} {written[cut:]}",
                                 Tier.WARNING, GLUED))  # fmt: skip
    return found


def _mistyped_in_two_letters(meant: str) -> set[str]:
    """The ways a typist writes a function word of two or three letters in two: its letters
    swapped ('fo', of), a key struck for one it touches ('pf', 'og': of), or a letter of
    three dropped ('te': the, 'ca': can). Two vowels for one another are not counted: at two
    letters, that makes every short word of every other."""
    if len(meant) == 3:
        return {meant[:cut] + meant[cut + 1 :] for cut in range(3)}
    typed = {meant[::-1]}
    for at, letter in enumerate(meant):
        for other in string.ascii_lowercase:
            if other != letter and typed_for(other, letter) and not {other, letter} <= _VOWELS:
                typed.add(meant[:at] + other + meant[at + 1 :])
    return typed


def _two_letter_slips_of_function_words() -> dict[bytes, str]:
    """Two letters that are no function word, each the slip of one of the function words
    registry prose writes most (the slips of 'me', 'my' or 'did' are abbreviations far more
    often: ms, mg, dd)."""
    meant_by: dict[str, set[str]] = {}
    for meant in _TYPED_MOST:
        if 2 <= len(meant) <= 3:
            for typed in _mistyped_in_two_letters(meant):
                meant_by.setdefault(typed, set()).add(meant)
    return {
        typed.encode(): meant.pop()
        for typed, meant in meant_by.items()
        if len(meant) == 1 and typed not in FUNCTION_WORDS
    }


_VOWELS = VOWELS - {"y"}  # ('by' and 'be' are not one word's slips)
_TYPED_MOST = frozenset(
    {"the", "and", "for", "can", "not", "are", "was", "of", "or", "to", "in", "is", "on", "at",
     "as", "an", "be", "by", "it"}
)  # fmt: skip
_ABBREVIATION_STUDIES = 10
_TWO_LETTER_SLIPS = _two_letter_slips_of_function_words()
TWO_LETTERS = "a function word mistyped"
# The words in small letters (or capitalised, before) around a two-letter slip.
_LOWER_WORD_BEFORE = re.compile(r"\b([A-Za-z][a-z]+) $")  # ('Number pf participants')
_LOWER_WORD_AFTER = re.compile(r" ([a-z]{2,})\b")


def _two_letter_slips(record: _RecordView, tokens: set[bytes]) -> list[Suspect]:
    """A function word mistyped in two letters ('number pf participants', 'as te numbers',
    'hepatic og renal', 'drugs ca affect'), in running prose: a word in small letters on each
    side, in one sentence, one at least an English word ('40 yers og age'; 'Egitim ve
    arastirma' is Turkish). A common word ('if', 'up') is none; an abbreviation (qd, tx, hx)
    is none of these slips, or the record writes it in capitals too (OD, IM)."""
    found: list[Suspect] = []
    index = record.index
    for token in tokens.intersection(_TWO_LETTER_SLIPS):
        word = token.decode()
        entry = record.vocabulary.entry(word)
        if entry.zipf >= COMMON or entry.studies >= _ABBREVIATION_STUDIES:
            continue  # a word ('so', 'go'), or an abbreviation many studies write (mg, iv, qt)
        if word.upper() in index.text:
            continue  # an abbreviation this record writes in capitals too
        for start, end in _places(index.lower, word):
            if end > index.words_end or index.text[start:end] != word:
                continue
            before = _LOWER_WORD_BEFORE.search(
                index.text, max(0, start - _LONGEST_NEIGHBOUR), start
            )
            after = _LOWER_WORD_AFTER.match(index.text, end)
            if before is None or after is None:
                continue
            standing = record.vocabulary.standing
            if standing(before.group(1).lower()) != KNOWN and standing(after.group(1)) != KNOWN:
                continue  # between words of another language ('Egitim ve arastirma')
            meant = _TWO_LETTER_SLIPS[token]
            found.append(Suspect(start, end, word, meant, Tier.INFO, TWO_LETTERS))
    return found


# Negative prefixes English chooses by the word (inability, unable; incomplete, uncommon;
# impossible, illegal, irregular): writers of other languages choose the other one.
_OTHER_NEGATIONS = {
    "un": ("in", "im", "il", "ir"), "in": ("un",), "im": ("un",), "il": ("un",), "ir": ("un",)
}  # fmt: skip
_NEGATIONS_BYTES = tuple(prefix.encode() for prefix in _OTHER_NEGATIONS)
_SHORTEST_NEGATED = 5  # a stem this long at least ('ability'; not 'ion', 'ternal')
RARELY_WRITTEN = 2.0  # (Zipf) a word English text writes less than this is rare in it
NEGATION = "the wrong negative prefix"


def _other_negation(word: str, vocabulary: Vocabulary) -> tuple[str, Tier] | None:
    """The word meant by one negated with the prefix English does not use for it, where
    English text writes the other form far more ('unability': inability; 'uncomplete':
    incomplete; 'indetectable': undetectable); a word English writes itself is right
    ('unsatisfied', 'impaired' and 'unpaired'), and so is one English word lists hold
    ('undistinguishable', 'instable'). Sure where English never writes it and the
    registry's studies write the other."""
    entry = vocabulary.entry(word)
    if entry.zipf > 0 or entry.written >= RARELY_WRITTEN:
        return None
    written = entry.written
    for prefix, others in _OTHER_NEGATIONS.items():
        if not word.startswith(prefix):
            continue
        stem = word[len(prefix) :]
        if len(stem) < _SHORTEST_NEGATED or not vocabulary.knows(stem):
            continue
        for other in others:
            meant = other + stem
            other_entry = vocabulary.entry(meant)
            if (
                other_entry.written >= RARE_BUT_SLIPPED
                and other_entry.written - written >= WRITTEN_GAP
            ):
                sure = written == 0 and other_entry.studies >= WRITTEN_BY
                return meant, Tier.WARNING if sure else Tier.INFO
    return None


SILENT_E = "an e kept before -ing"


def _silent_e_kept(word: str, vocabulary: Vocabulary) -> tuple[Tier, str, str] | None:
    """A verb's silent e kept before -ing ('hopeing', 'useing'), which English drops
    (hoping, using): the verb and its -ing form both known, the word itself not. After a
    vowel or another e the e stays (being, seeing, canoeing, dyeing), and those words are
    known. Sure where the -ing form is common."""
    if len(word) < SHORTEST_JUDGED + 1 or not word.endswith("eing") or word[-5] in VOWELS:
        return None
    meant = word[:-4] + "ing"
    if vocabulary.standing(meant) != KNOWN or vocabulary.standing(word[:-3]) != KNOWN:
        return None
    return (Tier.WARNING if _frequency(vocabulary, meant) >= COMMON else Tier.INFO), meant, SILENT_E


def _negations(record: _RecordView, negated: dict[str, tuple[str, Tier]]) -> list[Suspect]:
    """Where the record writes the words of ``negated``, in its prose."""
    found = []
    for word, (meant, tier) in negated.items():
        for start, end in _places(record.index.lower, word):
            if record.could_be_slip(start, end) and not record.name_like(start):
                written = record.index.text[start:end]
                found.append(Suspect(start, end, written, meant, tier, NEGATION))
    return found


def _places(lower: str, word: str) -> list[tuple[int, int]]:
    """Where ``word`` is written as a whole word (not inside a longer run of letters)."""
    places = []
    start = lower.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not lower[start - 1].isalpha()) and (
            end == len(lower) or not lower[end].isalpha()
        ):
            places.append((start, end))
        start = lower.find(word, end)
    return places


def _frequency(vocabulary: Vocabulary, word: str) -> float:
    """How often a word is written, in English or in the registry, on the Zipf scale. A
    British spelling is as common as the word it spells (haematology, hematology): the
    frequency lists, American for the most part, undercount it."""
    frequency = 0.0
    for form in (word, *american_forms(word)):
        entry = vocabulary.entry(form)
        frequency = max(frequency, entry.zipf, registry_zipf(entry.studies, vocabulary.studies))
    return frequency


_LONGEST_TITLE = 600  # characters: the registry's official title holds at most 600


class _RecordView:
    """What the judgement asks of a record, each answer worked out once."""

    def __init__(
        self, index: TextIndex, vocabulary: Vocabulary, distinct: set[bytes], near: NearWords
    ) -> None:
        self.index = index
        self.vocabulary = vocabulary
        self.near = near
        self.distinct = distinct
        self._searched = 0  # searches of the record's own words so far
        self._by_length: list[bytes] | None = None
        self._foreign: dict[tuple[int, int], bool] = {}
        self._shouting: dict[int, bool] = {}
        self._title_like: dict[int, bool] = {}
        self._uses: dict[str, int] = {}

    def writes(self, word: str) -> bool:
        """Whether the record writes a word (lowercase) outside names."""
        return word.encode() in self.distinct

    def writes_as_a_term(self, word: str) -> bool:
        """Whether the record writes a word (lowercase) as its own term, so often that it is
        no slip of another ('Activ', 'Tritanium': brands written so every time)."""
        if word not in self._uses:
            self._uses[word] = len(_places(self.index.lower, word))
        return self._uses[word] >= TERM_USES

    def words_within(self, word: str, reach: int) -> Collection[bytes]:
        """The record's words that may be ``reach`` edits from ``word`` or fewer: all of
        them, or, from the second search of the record on, only those whose length (in
        UTF-8, as they are compared) is within ``reach`` of its own, a quarter of them. An
        edit changes a length by one at most; sorting the words by length once costs one
        search of them all, and a record searched many times (a list of drugs' codes) pays
        it back at once."""
        self._searched += 1
        if self._searched == 1:
            return self.distinct
        if self._by_length is None:
            self._by_length = sorted(self.distinct, key=len)
        size = len(word.encode())
        low = bisect_left(self._by_length, size - reach, key=len)
        high = bisect_right(self._by_length, size + reach, lo=low, key=len)
        return self._by_length[low:high]

    def commonness(self, word: str) -> float:
        """How common a word is, on the Zipf scale: in English, in the registry, or (the
        strongest evidence) in this very record."""
        if self.writes(word):
            return IN_RECORD
        known = _frequency(self.vocabulary, word)
        # a drug's name is rare in any text, and as likely meant as a plausible word
        return max(known, PLAUSIBLE) if self.vocabulary.entry(word).medical else known

    def everyday(self, word: str) -> bool:
        """Whether a tenth of the registry's studies or more write a word: the words of
        nearly every record (criteria, diagnosis, visual, common)."""
        entry = self.vocabulary.entry(word)
        return registry_zipf(entry.studies, self.vocabulary.studies) >= EVERYDAY

    def frequency(self, word: str) -> float:
        """How often a word is written, in English or in the registry (no floor for drugs):
        two edits away from a word nobody writes is no evidence."""
        return _frequency(self.vocabulary, word)

    def meant_here(self, word: str, candidate: Candidate) -> bool:
        """Whether a near word is one a trial record may mean: one the registry's studies
        write, a drug's or a disease's name, the curator's or the record's own; or a common
        English word (such as "conferring") a typist's slip away. An English word no study
        writes, only a letter away (chasm, deacon, farmer), is no one's intended word there:
        the unknown word is more likely a term of the field (chiasm, Depacon, Farber)."""
        entry = self.vocabulary.entry(candidate.word)
        if entry.studies > 0 or entry.medical or candidate.word in self.vocabulary.words:
            return True
        if self.writes(candidate.word):
            return True
        return candidate.shape in TYPIST_SLIPS and entry.zipf >= ENGLISH_ONLY and len(word) >= 6

    def capitalised_in_title(self, start: int, end: int) -> bool:
        """A capitalised word in a field of capitalised words (a title), where it may be a
        name the vocabularies do not know."""
        return self.index.text[start].isupper() and self.in_title_like(start)

    def could_be_slip(self, start: int, end: int) -> bool:
        """Whether the word at ``start`` may be a slip at all: not a name, not a code (digits
        in its token, capitals inside it), no web address, no Latin name of a species."""
        index = self.index
        field = index.field_number(start)
        _, text, _, name = index.fields[field]
        if name:
            return False
        offset = start - index.field_start(field)
        written = index.text[start:end]
        if _CODE.search(_unit_of_a_quantity(_token_at(text, offset, offset + len(written)))):
            return False
        if _latin_name(text, offset, written, self.vocabulary) or _CITED.match(
            text, offset + len(written)
        ):
            return False  # (an author cited: 'Bloem et al.')
        capitals_inside = written[1:] != written[1:].lower()  # an abbreviation or a code
        return not capitals_inside or (written.isupper() and self._is_shouting(field, text))

    def in_name(self, start: int) -> bool:
        """Whether the text at ``start`` is in a field that names a person, place or
        organisation."""
        return bool(self.index.fields[self.index.field_number(start)][3])

    def in_foreign_paragraph(self, start: int) -> bool:
        (_, text, _, _), offset = self.index.field_at(start)
        paragraph = paragraph_around(text, offset)
        key = (self.index.field_number(start), text.find(paragraph))
        if key not in self._foreign:
            self._foreign[key] = is_foreign(paragraph, self.vocabulary)
        return self._foreign[key]

    def in_title_like(self, start: int) -> bool:
        """Whether the text at ``start`` is in a title or a label: a field of capitalised
        words, where products and names are written as their makers write them."""
        (_, text, _, _), _ = self.index.field_at(start)
        return self._is_title_like(self.index.field_number(start), text)

    def listed_with_its_kind(self, start: int, end: int) -> bool:
        """Whether the word at ``start`` is one of a list of words of one kind: its clause
        (between stops, colons, brackets and line breaks) writes two other words with its
        last letters (gefitinib, afatinib; lidocaine, marcain), as names of a class of drugs
        share a stem."""
        (_, text, _, _), offset = self.index.field_at(start)
        word = self.index.lower[start:end]
        if len(word) < _SHORTEST_STEMMED:
            return False
        clause_start = max(map(text.rfind, _CLAUSE_ENDS, repeat(0), repeat(offset))) + 1
        ends = [text.find(stop, offset) for stop in _CLAUSE_ENDS]
        clause_end = min((end for end in ends if end != -1), default=len(text))
        stem = word[-_STEM:]
        kin = {
            other
            for other in WORD.findall(text[clause_start:clause_end].lower())
            if other != word and len(other) >= _SHORTEST_STEMMED and other.endswith(stem)
        }
        return len(kin) >= 2

    def beside_a_name(self, start: int, end: int) -> bool:
        """Whether a capitalised word stands in a name of several words: beside another
        capitalised word that is no English word ('Centrum Medyczne', 'Hopital Nord',
        'J. Braley'), or beside a particle names of other languages join their words
        with, which English prose does not write between capitalised words ('Hopital de
        Mercy', 'Ramon y Cajal', 'Hospital das Clinicas'). There, a word near an English one
        is the name's own spelling, not a slip."""
        if _INITIAL_BEFORE.search(self.index.text, max(0, start - 3), start):
            return True  # 'J. Braley'
        # a title capitalises terms too: one formation makes is no name ('Microsatellite')
        in_title = self.in_title_like(start)
        for word in self._neighbours(start, end):
            if word is None:
                continue
            if word in _NAME_PARTICLES:
                return True
            lower = word.lower()
            if (
                word[0].isupper()
                and not self._english(lower)
                and not (in_title and self.vocabulary.knows(lower))
                and not self._slip(word)
            ):
                return True
        return False

    def _slip(self, word: str) -> bool:
        """Whether an unknown word beside another is a typist's slip of a common word
        ('Exercise Trainnning Assesment'): no name's word, but a slip beside a slip."""
        lower = word.lower()
        if len(lower) < SHORTEST_JUDGED:
            return False  # (a name's short word: 'Nord', 'Sao')
        return any(
            c.distance == 1 and c.shape in TYPIST_SLIPS and self.frequency(c.word) >= COMMON
            for c in self.near.of(lower, 1)
        )

    def in_capitalised_term(self, start: int, end: int) -> bool:
        """Whether a capitalised word stands beside a capitalised English word and beside no
        capitalised word of a name: a term capitalised by habit ('Body Mass Index', 'National
        Cancer Institute'), whose words are English, where a name's are not."""
        beside = [word for word in self._neighbours(start, end) if word and word[0].isupper()]
        return bool(beside) and all(self._term_word(word.lower()) for word in beside)

    def _term_word(self, word: str) -> bool:
        """An English word the registry's prose writes (its counts leave names out): 'mass',
        'cancer'; not 'Karin' or 'Toulon', which English word lists also hold."""
        return self._english(word) and self.vocabulary.entry(word).studies >= WRITTEN_BY

    def between_unknown_words(self, start: int, end: int) -> bool:
        """Whether the words on both sides of the word at ``start`` are words no vocabulary
        knows: a phrase of another language inside English prose ('bolnicki centar
        Osijek', 'operativa complessa di'), too short for its paragraph to be judged."""
        return all(
            word is not None
            and len(word) >= SHORTEST
            and self.vocabulary.standing(word.lower()) != KNOWN
            for word in self._neighbours(start, end)
        )

    def _neighbours(self, start: int, end: int) -> tuple[str | None, str | None]:
        """The words just before and just after the word at ``start``, across a space or a
        hyphen (None where a mark or a number stands between)."""
        text = self.index.text
        before = _WORD_BEFORE.search(text, max(0, start - _LONGEST_NEIGHBOUR), start)
        after = _WORD_AFTER.match(text, end)
        return (
            before.group(1) if before is not None else None,
            after.group(1) if after is not None else None,
        )

    def _english(self, word: str) -> bool:
        """Whether a word is English: known, and commoner in English than a word of another
        language only ('nord', 'centrum' are not)."""
        if self.vocabulary.standing(word) != KNOWN:
            return False
        zipf, languages = self.vocabulary.english_and_languages(word)
        return not languages or zipf >= ENGLISH_ZIPF

    def name_like(self, start: int) -> bool:
        """A capitalised word inside a sentence of running text: a name, perhaps (or a term
        capitalised by habit: Cluster Headache Impact Questionnaire)."""
        (_, text, _, _), offset = self.index.field_at(start)
        field = self.index.field_number(start)
        return (
            self.index.text[start].isupper()
            and not self._is_title_like(field, text)
            and not _starts_sentence(text, offset)
            and not _in_heading(text, offset)
        )

    def _is_shouting(self, field: int, text: str) -> bool:
        """A field of several words written in capitals, where capitals say nothing of a word
        (one word in capitals is an abbreviation)."""
        if field not in self._shouting:
            self._shouting[field] = written_in_capitals(text)
        return self._shouting[field]

    def _is_title_like(self, field: int, text: str) -> bool:
        """A short field whose words mostly start with a capital (a title, a label): there, a
        capital says nothing of a name."""
        if field not in self._title_like:
            words = text.split() if len(text) < _LONGEST_TITLE else []
            initials = "".join(word[0] for word in words if len(word) > 3 and word[0].isalpha())
            capitalised = sum(map(str.isupper, initials))
            self._title_like[field] = bool(initials) and capitalised >= 0.6 * len(initials)
        return self._title_like[field]


# Endings of the second word of a Latin name of a species (Lycium chinense, Panax ginseng is
# not one, Cuscuta chinensis, Hypericum perforatum).
_LATIN_EPITHET = ("us", "um", "a", "ae", "is", "ii", "ense", "ensis", "oides", "ica", "ata")


def _latin_name(text: str, offset: int, written: str, vocabulary: Vocabulary) -> bool:
    """A lowercase word with a Latin ending right after a capitalised one: the second half of
    a species' name, which is no English word and is right as it is. A genus is no common
    English word ('The minimuum', 'Overall surviva', 'Deep anesthsia' are no species)."""
    if not written.islower() or not written.endswith(_LATIN_EPITHET):
        return False
    before = text[:offset].rstrip(" ")
    if len(before) == len(text[:offset]) or not before[-1:].isalpha():
        return False  # not one space after a word
    genus = before.split()[-1] if before.split() else ""
    capitalised = genus[:1].isupper() and genus[1:].islower() and genus.isalpha()
    return capitalised and vocabulary.zipf(genus.lower()) < COMMON


# A clause's ends, for a list of names, and the stem of letters names of one class share.
_CLAUSE_ENDS = (".", ";", ":", "\n", "(", ")")
_STEM = 4
_SHORTEST_STEMMED = 6

# The token (between blanks) a word is part of, and what makes it a code or an address.
# What ends a token besides a blank: a comma, a semicolon or a bracket, in either width
# ("6 months, 12 months" written without its space, or with a full-width comma); a slash, a
# hyphen, a colon or a dot join codes and addresses (HER2/neu, ABT-199, https://).
_TOKEN_ENDS = frozenset(',;()[]{}"' + FULL_WIDTH_PUNCTUATION)
# Two capitalised words written as one: "AcuteLeukemia", not "McDonald" or "PhD".
_CAMEL_RUN_IN = re.compile(r"([A-Z][a-z]{3,})([A-Z][a-z]{3,})")
# The Greek letters' names, which the field runs into abbreviations by habit (TNFalpha).
_GREEK_LETTERS = frozenset(
    {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "iota", "kappa", "lambda",
     "sigma", "omega"}
)  # fmt: skip
# An abbreviation and a word run together: "HCVinfection", not "IgG", "PhD" or "mAbs".
_ABBREVIATION_RUN_IN = re.compile(r"([A-Z]{2,6})([a-z]{4,})")
# A function word in small letters run into the capitalised word after it: "inJapan".
_FUNCTION_WORD_RUN_IN = re.compile(r"([a-z]{2,4})([A-Z][a-z]{2,})")
# ... one that starts no brand's name, as "my", "on" and "up" do (myHealth, onTrack).
_RUN_INTO_A_CAPITAL = frozenset(
    {"in", "of", "and", "the", "with", "for", "to", "at", "by", "from", "or", "is", "was",
     "are", "were", "than", "into"}
)  # fmt: skip
_CODE = re.compile(r"\d|@|://|www\.|_")
# A number joined to its unit by a hyphen ("3-months", "6-minute"): the unit is a word.
_QUANTITY = re.compile(r"\(?\d+(?:[.,]\d+)?-(?=[a-z])")
# A capitalised word that takes a possessive is a name ("Gormally's Binge Eating Scale",
# "Sever's disease"): a common word's slip seldom does.
_POSSESSIVE = ("'s", "\u2019s")
# The word just before or after another, across a space or a hyphen; an initial before it.
_LONGEST_NEIGHBOUR = 40
_WORD_BEFORE = re.compile(r"\b([^\W\d_]+)[ -]$")
_WORD_AFTER = re.compile(r"[ -]([^\W\d_]+)\b")
_INITIAL_BEFORE = re.compile(r"\b[A-Z]\. $")
# The particles that join the words of names in other languages, which English prose does
# not write between two words ('de novo' has no capital).
_NAME_PARTICLES = frozenset(
    {"de", "des", "du", "da", "das", "do", "dos", "del", "della", "di", "y", "van", "von",
     "der", "den", "la", "le", "el", "d", "l"}  # (d' and l' elided: "Departement d'Oncologie")
)  # fmt: skip
# What follows an author's name in a citation.
_CITED = re.compile(r",? +et\.? *al\b")


def _token_at(text: str, start: int, end: int) -> str:
    """The token (between blanks and the marks that end one) holding ``text[start:end]``:
    a few characters each way, not the paragraph."""
    while start and not (text[start - 1].isspace() or text[start - 1] in _TOKEN_ENDS):
        start -= 1
    while end < len(text) and not (text[end].isspace() or text[end] in _TOKEN_ENDS):
        end += 1
    return text[start:end]


def _unit_of_a_quantity(token: str) -> str:
    """A token less the number a hyphen joins to its first word ("3-monts": "monts"), which is
    judged as a word; any other token whole, where a digit makes it a code ("IL-6", "C1D1")."""
    quantity = _QUANTITY.match(token)
    return token[quantity.end() :] if quantity is not None else token


def _in_heading(text: str, offset: int) -> bool:
    """Whether the word at ``offset`` is in a heading: a line of a few capitalised words
    that ends in a colon ('Inclusion Criteria:', 'Primary Outcome Measure:'), where every
    word is capitalised as in a title."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end != -1 else len(text)].strip(" \t*#-")
    words = line.rstrip(":").split()
    return (
        line.endswith(":")
        and len(words) <= _LONGEST_HEADING
        and all(word[0].isupper() for word in words if len(word) > 3)
    )


_LONGEST_HEADING = 6  # words


def _starts_sentence(text: str, offset: int) -> bool:
    """Whether the word at ``offset`` opens a sentence, a line, a list item or a heading."""
    before = text[:offset].rstrip(" \t\"'(\u201c*#-\u2022")
    return not before or before[-1] in ".!?:;\n" or before.endswith(("\\-", "\\*"))
