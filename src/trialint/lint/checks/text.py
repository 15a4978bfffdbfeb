"""Text (family T): typos, repeated words, and artefacts of escaping and encoding.

Precision comes first: a linter that cries wolf on proper names, British spellings and
acronyms is switched off. So every rule here reports only what cannot be right: a dictionary
of misspellings nobody writes on purpose, real-word errors only in the context that makes them
errors, tripled letters only when the word with a double letter is in the record too.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick_rs

from trialint.document.pointer import Token
from trialint.document.textfields import TextIndex
from trialint.finding import Fix
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, per_record
from trialint.lint.ruledata import rule_data
from trialint.quoting import quoted
from trialint.registry import MARKDOWN_PUNCTUATION
from trialint.rule import AN_OFFICIAL, FixKind, Severity, rule
from trialint.spelling.language import foreign_at
from trialint.spelling.vocabulary import KNOWN, vocabulary
from trialint.spelling.words import same_case, written_in_capitals

_FRAGMENT = "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
_IDS = "    orgStudyIdInfo: {id: X-1}\n"

MISSPELLING = rule(
    "T001", "misspelling", Severity.WARNING,
    "A misspelled word: a typist's slip of a common word that no vocabulary knows "
    "('Pembrolizuamb', 'questionaire'), or a misspelling listed in rules/typos.yaml.",
    "Misspellings make records unsearchable (a search for 'questionnaire' misses "
    "'questionaire') and look careless to participants. A word is suspect when no vocabulary "
    "knows it (English, US and British; drug names; diseases' names; the registry's own "
    "words; the curator's) and a common word is one slip away: two letters swapped, one "
    "dropped, doubled or struck for its neighbour, or two words run together. This rule "
    "reports it, with a fix --fix applies, only when the evidence is strong: one such word, "
    "far commoner, and the slip inside the word; weaker cases are T012's (off by default). "
    "Names, abbreviations, codes, Latin names and paragraphs in another language are not "
    "judged. A word that is right goes into the configuration's `words` list, or its "
    "`words-file` (one word a line), as cspell's project words do.",
    fails=(_FRAGMENT + _IDS + "    briefTitle: Assesment of Pain After Surgery\n",
           "protocolSection:\n  descriptionModule:\n    briefSummary: Adults with "
           "hypertensoin receive either drug for 12 weeks.\n"),
    passes=(_FRAGMENT + _IDS + "    briefTitle: Assessment of Pain After Surgery (Randomised)\n",
            "protocolSection:\n  descriptionModule:\n    briefSummary: Adults with "
            "hypertension receive either drug for 12 weeks.\n"),
    fix=FixKind.SAFE, reads_words=True,
)  # fmt: skip
REAL_WORD_ERROR = rule(
    "T002", "real-word-error", Severity.WARNING,
    "A real word that is a typo in its context ('Sever' for 'Severe', 'trail' for 'trial').",
    "Spell checkers miss these because the word exists. A seed record's title reads "
    "'Refractory Sever Systemic Scleroderma'. Each word is reported only in the context that "
    "makes it an error (rules/typos.yaml): 'to sever the nerve' and 'the Trail Making Test' "
    "are right.",
    fails=(_FRAGMENT + _IDS + "    briefTitle: Refractory Sever Systemic Sclerosis\n",),
    passes=(_FRAGMENT + _IDS + "    briefTitle: Nerve Block to Sever the Pain Pathway\n",),
    fix=FixKind.UNSAFE,
)  # fmt: skip
# Modules of the examples: a summary, and eligibility criteria with both their sections.
_SUMMARY = "protocolSection:\n  descriptionModule:\n    briefSummary: "
_CRITERIA = (
    "protocolSection:\n  eligibilityModule:\n    sex: ALL\n    healthyVolunteers: false\n"
    "    eligibilityCriteria: '"
)

REPEATED_LETTER = rule(
    "T003", "tripled-letter", Severity.WARNING,
    "A letter typed three times in a word ('Alll patients'), where the record has the word "
    "right elsewhere.",
    "English has no word with a letter three times in a row, but acronyms (CIUSSS, DDD) and "
    "roman numerals (III) do; so a word is reported only when the record's text also has it "
    "with the letter twice. (A name spelled otherwise in its owner's e-mail address, as the "
    "seed's 'Myriem Carrrier' with myriem.carrier@aphp.fr, is C003's to report.)",
    fails=(_SUMMARY + "Alll patients are trained for 12 weeks. All patients are followed up.\n",),
    passes=(_SUMMARY + "All patients are trained for 12 weeks. All patients are followed up.\n",),
    fix=FixKind.UNSAFE,
)  # fmt: skip
DOUBLED_WORD = rule(
    "T004", "doubled-word", Severity.WARNING,
    "The same word twice in a row ('the the').",
    "A classic slip of editing (registry-quality-rules.md, section 2). 'had had' and 'that "
    "that' are grammatical and not reported.",
    fails=(_FRAGMENT + _IDS + "    briefTitle: Effect of the the Drug on Pain\n",),
    passes=(_FRAGMENT + _IDS + "    briefTitle: Effect of the Drug on Pain\n",),
    fix=FixKind.UNSAFE,
)  # fmt: skip
DUPLICATED_PHRASE = rule(
    "T005", "duplicated-phrase", Severity.WARNING,
    "A phrase of three or more words written twice in a row ('within 2 months of within 2 "
    "months of').",
    "Copy-paste slips in eligibility criteria change their meaning; a seed record excludes "
    "patients 'having received belimumab within 2 months of belimumab within 2 months of "
    "Baseline'. A heading alone on its line that the next line repeats ('Exclusion "
    "Criteria:' then 'Exclusion Criteria: All answers must be NO') is one too; a repeat "
    "across lines is otherwise not read, for two items of a list may start alike. Corpus: "
    "3 repeated headings, all read, all real.",
    fails=(_CRITERIA + "Inclusion Criteria: adults with lupus. Exclusion Criteria: received "
           "belimumab within 2 months of belimumab within 2 months of Baseline'\n",),
    passes=(_CRITERIA + "Inclusion Criteria: adults with lupus. Exclusion Criteria: received "
            "belimumab within 2 months of Baseline'\n",),
    fix=FixKind.UNSAFE,
)  # fmt: skip
HTML_ENTITY = rule(
    "T006", "html-entity", Severity.WARNING,
    "An HTML entity (&gt;, &amp;) where the character itself belongs.",
    "Registry text is plain text or Markdown; an entity is text that was HTML-escaped once too "
    "often on its way, and shows as '&gt;' to every reader (registry-quality-rules.md, "
    "section 2).",
    fails=(_FRAGMENT + _IDS + "    briefTitle: Patients Aged &gt;65 Years\n",),
    passes=(_FRAGMENT + _IDS + "    briefTitle: Patients Aged Over 65 Years\n",),
    fix=FixKind.SAFE,
)  # fmt: skip
MOJIBAKE = rule(
    "T007", "mojibake", Severity.ERROR,
    "Garbled characters from text decoded with the wrong encoding ('CrÃ©teil').",
    "UTF-8 text read as Windows-1252 turns every accented letter into two symbols; the names "
    "of places and people become unreadable (registry-quality-rules.md, section 2).",
    fails=("protocolSection:\n  contactsLocationsModule:\n    locations:\n"
           "      - {facility: HÃ´pital Henri Mondor, city: CrÃ©teil, country: France}\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    locations:\n"
            "      - {facility: Hôpital Henri Mondor, city: Créteil, country: France}\n"
            + AN_OFFICIAL,),
    fix=FixKind.SAFE_OR_UNSAFE,
)  # fmt: skip
ESCAPE_IN_PLAIN_TEXT = rule(
    "T008", "markdown-escape-in-plain-text", Severity.WARNING,
    "A Markdown escape (\\>, \\^) in a plain-text field such as a title or an outcome measure.",
    "The registry writes its long-text fields (descriptions, eligibility criteria) as Markdown, "
    "where '\\>' is how '>' is written: there it is right. Titles, labels, outcome measures and "
    "names are plain text, where the backslash is shown as is: text copied from a Markdown "
    "field kept it.",
    fails=(_FRAGMENT + _IDS + "    briefTitle: Dose of 10\\^6 Cells/kg in Adults Aged \\>65\n",),
    passes=(_FRAGMENT + _IDS + "    briefTitle: Dose of 10^6 Cells/kg in Adults Aged >65\n",),
    fix=FixKind.SAFE,
)  # fmt: skip
DOUBLED_ESCAPE = rule(
    "T009", "doubled-markdown-escape", Severity.WARNING,
    "A Markdown escape escaped twice ('\\\\>'), which shows a backslash to readers.",
    "'\\>' is how the registry's Markdown writes '>'; '\\\\>' is that escape escaped again by a "
    "tool that did not know the text was Markdown already.",
    fails=(_CRITERIA + "Inclusion Criteria: age \\\\>= 18 years. Exclusion Criteria: "
           "pregnancy'\n",),
    passes=(_CRITERIA + "Inclusion Criteria: age \\>= 18 years. Exclusion Criteria: "
            "pregnancy'\n",),
    fix=FixKind.SAFE,
)  # fmt: skip
LOCALE_NOTATION = rule(
    "T010", "locale-number-notation", Severity.WARNING,
    "A number in a notation English readers misread: '1.10^6' for 1×10^6.",
    "In French usage '1.10^6' means 1 × 10^6 (the period is a multiplication sign); an English "
    "reader sees 1.1 to the 6th power. A seed record doses cells at '1.10\\^6 CSM / kg'.",
    fails=(_SUMMARY + "Adults receive mesenchymal stromal cells at 1.10\\^6 cells/kg.\n",),
    passes=(_SUMMARY + "Adults receive mesenchymal stromal cells at 1×10\\^6 cells/kg.\n",),
    fix=FixKind.UNSAFE,
)  # fmt: skip
UNTRANSLATED_TERM = rule(
    "T011", "untranslated-term", Severity.WARNING,
    "A term of another language beside its English form ('CSM' in a record that says 'MSC').",
    "Records are often translated from a protocol in another language; a term left "
    "untranslated (the French CSM, cellules souches mésenchymateuses, for MSC) reads as "
    "another thing. Reported only when the record also uses the English term (rules/typos.yaml).",
    fails=(_SUMMARY + "Adults receive MSC (mesenchymal stromal cells) at 10\\^6 CSM / kg.\n",),
    passes=(_SUMMARY + "Adults receive MSC (mesenchymal stromal cells) at 10\\^6 MSC / kg.\n",),
    fix=FixKind.UNSAFE,
)  # fmt: skip


# --- the dictionary and the scanner ---------------------------------------------------------


NUMBER = "<number>"


@dataclass(frozen=True)
class Confusable:
    wrong: str
    right: str
    after: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()
    unless_after: frozenset[str] = frozenset()
    unless_before: frozenset[str] = frozenset()
    even_after: frozenset[str] = frozenset()  # two words that make it an error anyway
    even_before: frozenset[str] = frozenset()  # ... and two words after it ("who are")
    around: frozenset[str] = frozenset()  # the word before and the word after, together

    def fits(self, lower: str, start: int, end: int) -> bool:
        """Whether the words around ``lower[start:end]`` make it an error: the word before
        and the word after, and the two before for a context of two words ("moderate to"
        before "sever"); each is read only if a context asks for it, for common words
        ("form", "than") are met many times a record. A number stands for "<number>"."""
        previous = _as_context(_word_before(lower, start)) if self.wants_previous else ""
        if not previous and self.unless_after and _after_a_comma(lower, start):
            previous = ","  # (", including criteria for": a comma is a context of its own)
        if self.even_after and previous:
            before = _word_before(lower, lower.rfind(previous.lstrip("-"), 0, start)).lstrip("-")
            if f"{before} {previous}" in self.even_after:
                return True
        if previous in self.unless_after:
            return False
        following = _as_context(_word_after(lower, end)) if self.wants_following else ""
        if following in self.unless_before:
            return False
        if self.even_before and following:
            after = _word_after(lower, lower.find(following, end) + len(following))
            if f"{following} {after}" in self.even_before:
                return True
        if self.around and f"{previous} {following}" in self.around:
            return True
        if self.after or self.before or self.even_before or self.around:
            return previous in self.after or following in self.before
        return True

    @property
    def wants_previous(self) -> bool:
        return bool(self.after or self.unless_after or self.even_after or self.around)

    @property
    def wants_following(self) -> bool:
        return bool(self.before or self.unless_before or self.even_before or self.around)


def _abbreviation(index: TextIndex, start: int, written: str) -> bool:
    """Whether a confusable is written in capitals in a field that is not (HE for hepatic
    encephalopathy, PRO for a patient-reported outcome, FLAIR for an MRI sequence): an
    abbreviation, not the word. A title all in capitals says nothing of a word."""
    if len(written) < 2 or not written.isupper():
        return False
    return not written_in_capitals(index.field_at(start)[0][1])


def _after_a_comma(lower: str, start: int) -> bool:
    """Whether a comma, and blanks only, come right before ``start``."""
    end = start
    while end > 0 and lower[end - 1] in " \t":
        end -= 1
    return end > 0 and lower[end - 1] == ","


def _as_context(word: str) -> str:
    return NUMBER if word.isdigit() else word


@dataclass(frozen=True)
class Untranslated:
    wrong: str
    right: str
    language: str
    when_record_mentions: tuple[str, ...]


def _mojibake_candidates() -> tuple[str, ...]:
    """What the fast scan reports to ftfy: UTF-8 read as Windows-1252 makes a lead byte
    (Â to ô) followed by a continuation byte (0x80 to 0xBF, shown as '€', '™', '©', ...)
    out of every character beyond ASCII; PDF ligatures ('ﬁ'); the replacement character '�' a
    lost letter leaves; and the private-use characters of PDF symbol fonts (a lost '≥')."""
    continuation = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
    leads = bytes(range(0xC2, 0xF5)).decode("cp1252")
    pairs = {(lead + follower).lower() for lead in leads for follower in continuation}
    return (
        *sorted(pairs),
        *(chr(code) for code in range(0xFB00, 0xFB07)),
        "\ufffd",
        *(chr(code) for code in range(0xF020, 0xF100)),
    )


_MOJIBAKE = _mojibake_candidates()
_ENTITY = re.compile(r"&(?:[a-z]+|#\d{1,6}|#x[0-9a-f]{1,6});")
_ENTITIES = ("&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&#")
_TRIPLES = tuple(letter * 3 for letter in "abcdefghijklmnopqrstuvwxyz")
_NOTATION = (".10\\^", ".10^")


class Scanner:
    """Everything the text rules look for, found in one Aho-Corasick pass per record."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.misspellings: dict[str, str] = {
            str(wrong).lower(): str(right)
            for wrong, right in (data.get("misspellings") or {}).items()
        }
        self.confusables = {
            str(entry["wrong"]).lower(): Confusable(
                str(entry["wrong"]).lower(), str(entry["right"]),
                *(frozenset(map(str, entry.get(key) or ()))
                  for key in ("after", "before", "unless_after", "unless_before", "even_after",
                              "even_before", "around")),
            )
            for entry in data.get("confusables") or ()
        }  # fmt: skip
        self.untranslated = {
            str(entry["wrong"]).lower(): Untranslated(
                str(entry["wrong"]), str(entry["right"]), str(entry.get("language", "")),
                tuple(map(str, entry.get("when_record_mentions") or ())),
            )
            for entry in data.get("untranslated") or ()
        }  # fmt: skip
        # A word of three letters or fewer ("he", "be") is inside many words of a text: it is
        # looked for with each word of its context instead ("he adverse", "measured be"), so
        # that the automaton reports its real neighbours only, not every "the".
        self.in_context: dict[str, tuple[str, int]] = {}  # phrase: (word, where it starts)
        for wrong, entry in self.confusables.items():
            for phrase, offset in _with_context(entry):
                self.in_context[phrase] = (wrong, offset)
        patterns: list[tuple[str, str]] = [
            *((word, "misspelling") for word in self.misspellings),
            *(
                (word, "confusable")
                for word in self.confusables
                if word not in self._looked_for_in_context()
            ),
            *((phrase, "confusable") for phrase in self.in_context),
            *((word, "untranslated") for word in self.untranslated),
            *((text, "triple") for text in _TRIPLES),
            *((text, "entity") for text in _ENTITIES),
            *((text, "mojibake") for text in _MOJIBAKE),
            *((text, "notation") for text in _NOTATION),
        ]
        self.kinds = [kind for _, kind in patterns]
        self.patterns = [text for text, _ in patterns]
        # A DFA scans prose more than twice as fast as the default automaton; with a few
        # hundred patterns it stays small.
        self.automaton = ahocorasick_rs.AhoCorasick(
            self.patterns,
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.DFA,
        )

    def _looked_for_in_context(self) -> frozenset[str]:
        return frozenset(wrong for wrong, _ in self.in_context.values())

    def scan(self, index: TextIndex) -> list[tuple[str, str, int, int]]:
        """(kind, pattern, start, end) of every match in the record's joined lowercased text."""
        return [
            (self.kinds[number], self.patterns[number], start, end)
            for number, start, end in self.automaton.find_matches_as_indexes(index.lower)
        ]


_SHORT_WORD = 3  # letters of a word looked for with its context


def _with_context(entry: Confusable) -> list[tuple[str, int]]:
    """The phrases a short word is looked for as, each with where the word starts in it: the
    word with each word that may follow it, or with each that may precede it, when its
    context is one of the two and is made of plain words (not "<number>", nor "-free"); and
    between the two words of each of its ``around`` pairs ("years of older")."""
    if len(entry.wrong) > _SHORT_WORD or entry.even_after or entry.even_before:
        return []
    # the word between the two of each pair ("years of older")
    phrases = [
        (f"{before} {entry.wrong} {after}", len(before) + 1)
        for before, after in sorted(pair.split(" ", 1) for pair in entry.around)
    ]
    if entry.before and entry.after:
        return []
    words = entry.before or entry.after
    if not all(word.replace("'", "").isalpha() for word in words):
        return []
    if not words:
        return phrases
    if entry.before:
        # with the blank before it, so that "the adverse" holds no "he adverse" that would
        # hide another pattern there ("purpose if"): a line's or a field's start is a "\n"
        return phrases + [
            (f"{blank}{entry.wrong} {word}", 1) for word in sorted(words) for blank in " \n"
        ]
    return phrases + [(f"{word} {entry.wrong}", len(word) + 1) for word in sorted(words)]


@cache
def scanner() -> Scanner:
    return Scanner(rule_data("typos.yaml"))


@per_record
def _matches(record: Record) -> list[tuple[str, str, int, int]]:
    """The scanner's matches for this record, computed once for all the checks below."""
    return scanner().scan(record.text)


def _is_word_char(character: str) -> bool:
    return character.isalnum() or character == "_"


def hit_at(index: TextIndex, rule_: Any, message: str, start: int, end: int,
           fix: Fix | None = None) -> Hit:  # fmt: skip
    """A hit on ``index.text[start:end]``, in the field that holds it."""
    (path, *_), offset = index.field_at(start)
    return Hit(rule_, message, path, within=(offset, end - start), fix=fix)


def fix_at(index: TextIndex, start: int, old: str, new: str, *, safe: bool) -> Fix:
    """A fix of ``old`` (at ``start`` of ``index.text``) in the field that holds it."""
    _, offset = index.field_at(start)
    return Fix(old, new, offset, safe=safe)


# The words next to a word, across blanks, brackets and quotes but not across the marks that
# end a clause ("or more, then a scan" compares nothing). A word joined by a hyphen comes
# with it ("-to" in "mild-to-sever"): a compound, not the phrase ("to sever the nerve").
# Found by walking a few characters: a regular expression costs more, for every "form" and
# "then" of a record.
_AROUND = " \t\"'()[]"


def _word_before(lower: str, start: int) -> str:
    end = start
    while end > 0 and lower[end - 1] in _AROUND:
        end -= 1
    hyphen = end == start and end > 0 and lower[end - 1] == "-"
    if hyphen:
        end -= 1
    elif end == start:
        return ""
    begin = end
    while begin > 0 and (lower[begin - 1].isalnum() or lower[begin - 1] in "_'"):
        begin -= 1
    word = lower[begin:end]
    return ("-" + word if hyphen else word) if word else ""


def _word_after(lower: str, end: int) -> str:
    start = end
    while start < len(lower) and lower[start] in _AROUND:
        start += 1
    hyphen = start == end and start < len(lower) and lower[start] == "-"
    if hyphen:
        start += 1
    elif start == end:
        return ""
    stop = start
    while stop < len(lower) and (lower[stop].isalnum() or lower[stop] in "_'"):
        stop += 1
    word = lower[start:stop]
    return ("-" + word if hyphen else word) if word else ""


# --- the checks --------------------------------------------------------------------------------

_WORD_KINDS = frozenset({"misspelling", "confusable", "untranslated"})  # the scanner's words


@check(MISSPELLING, REAL_WORD_ERROR, UNTRANSLATED_TERM)
def words(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    words_ = scanner()
    lower, length = index.lower, len(index.lower)
    for kind, pattern, start, end in _matches(record):
        if kind not in _WORD_KINDS:
            continue
        if pattern[0] in " \n":  # a short word found with the blank before it
            start += 1
        # A whole word: no word character (_is_word_char, written out) on either side. Most
        # matches are inside a longer word ("pro" in "protocol"), and two calls for each
        # cost more than the rest of the check.
        after = lower[end] if end < length else " "
        if after.isalnum() or after == "_":
            continue
        before = lower[start - 1] if start else " "
        if before.isalnum() or before == "_":
            continue
        original = index.text[start:end]
        if index.field_at(start)[0][3]:
            continue  # a name: its owner spells it
        if kind == "misspelling":
            right = same_case(original, words_.misspellings[pattern])
            yield hit_at(index, MISSPELLING, f"{quoted(original)} is misspelled; write "
                                             f"{quoted(right)}",
                         start, end, fix_at(index, start, original, right, safe=True))  # fmt: skip
        elif kind == "confusable":
            if pattern in words_.in_context:  # the word with a word of its context
                wrong, offset = words_.in_context[pattern]
                start += offset - (1 if pattern[0] in " \n" else 0)  # the blank is passed
                pattern, end = wrong, start + len(wrong)
                original = index.text[start:end]
            entry = words_.confusables[pattern]
            if _abbreviation(index, start, original) or not entry.fits(index.lower, start, end):
                continue
            if foreign_at(index, start, context.vocabulary or vocabulary()):
                continue  # 'de points' is French, not a torsade
            right = same_case(original, entry.right)
            yield hit_at(index, REAL_WORD_ERROR,
                         f"{quoted(original)} is a word, but here it should be {quoted(right)}",
                         start, end, fix_at(index, start, original, right, safe=False))  # fmt: skip
        else:
            term = words_.untranslated[pattern]
            if original != term.wrong or not any(
                _mentions(index, word) for word in term.when_record_mentions
            ):
                continue
            yield hit_at(index, UNTRANSLATED_TERM,
                         f"{quoted(original)} is {term.language}; the record says "
                         f"{quoted(term.right)} "
                         "elsewhere", start, end,
                         fix_at(index, start, original, term.right, safe=False))  # fmt: skip


def _mentions(index: TextIndex, term: str) -> bool:
    """Whether the record writes a term; an abbreviation with its case (the degree "MSc" is
    not "MSC"), a word in any case."""
    if term.isupper():
        return re.search(rf"\b{re.escape(term)}\b", index.text) is not None
    return re.search(rf"\b{re.escape(term.lower())}", index.lower) is not None


_WORD_AROUND = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_LONGEST_WORD = 40  # letters each side of a tripled letter that a word may reach
_ROMAN = re.compile(r"[ivxlcdm]+\Z")


@check(REPEATED_LETTER)
def tripled_letters(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    judged_to = 0  # the end of the last word judged: one judgement per word
    for kind, _, start, end in _matches(record):
        if kind != "triple" or start >= index.words_end or start < judged_to:
            continue  # names come last in the text, and no spelling rule judges them
        window = (max(0, start - _LONGEST_WORD), min(len(index.text), end + _LONGEST_WORD))
        word_match = None
        for candidate in _WORD_AROUND.finditer(index.text, *window):
            if candidate.start() <= start and candidate.end() >= end:
                word_match = candidate
                break
        if word_match is None:
            continue
        judged_to = word_match.end()
        clipped = word_match.start() == window[0] > 0 or word_match.end() == window[1] < len(
            index.text
        )
        if clipped:  # a run of letters longer than any word: no slip of one key
            judged_to = _WORD_AROUND.match(index.text, start).end()  # type: ignore[union-attr]
            continue
        word = word_match.group()
        token_start = index.text.rfind(" ", window[0], word_match.start()) + 1
        token_end = index.text.find(" ", word_match.end(), window[1])
        token_start = token_start or window[0]
        token = index.text[token_start : token_end if token_end != -1 else window[1]]
        if (
            len(word) < 4
            or any(character.isupper() for character in word[1:])
            or _ROMAN.match(word.lower())
            or "@" in token or "www" in token.lower() or "/" in token
        ):  # fmt: skip
            continue
        letter = index.lower[start]
        fixed = word[: start - word_match.start()] + word[start - word_match.start() + 1 :]
        if letter * 3 in fixed.lower():  # four or more in a row: not a slip of one key
            continue
        if not re.search(rf"\b{re.escape(fixed.lower())}\b", index.lower):
            continue
        yield hit_at(index, REPEATED_LETTER,
                     f"{quoted(word)} has the letter {quoted(letter)} three times; did you mean "
                     f"{quoted(fixed)}?",
                     word_match.start(), word_match.end(),
                     fix_at(index, word_match.start(), word, fixed, safe=False))  # fmt: skip


_GRAMMATICAL_DOUBLES = frozenset({"had", "that", "very", "so"})  # "so so": so-so
_LONGEST_PHRASE = 6  # words; a longer repeat is found as a repeated sentence


@check(DOUBLED_WORD, DUPLICATED_PHRASE)
def repetitions(record: Record, context: Context) -> Iterator[Hit]:
    """Repeated words and phrases: a word equal to the next is doubled; n words equal to the n
    after them (n = 2 to 6), or a sentence equal to the next, are a repeated phrase.

    Words are compared without the punctuation that clings to them ("(mild mild" is a doubled
    word, and "non-small cell lung cancer cell lung cancer" a phrase pasted twice from inside
    a word). Comparing a record's thousand words or more with the words n places on, for each
    n, would cost more than reading the record. But repeated words repeat their lengths too:
    with one byte per word length, XOR-ing the record's lengths with themselves moved n words
    on leaves zero bytes where words may repeat, found at C speed with ``bytes.find``. Only
    there are the words compared, and then found in the text, where a repeat across a full
    stop or a line (two items of a list) is no repeat.
    """
    index = record.text
    words = index.words
    lengths = _word_lengths(words)
    yield from _doubled_words(index, words, lengths)
    seen: set[int] = set()
    # Where each phrase is written twice, read on as candidates ask: a text that repeats one
    # phrase a thousand times ("the the the ...") is read once, not once per candidate.
    places: dict[str, Iterator[tuple[int, int]]] = {}
    for length in range(2, _LONGEST_PHRASE + 1):
        differences = _differences(lengths, length)
        zeros = bytes(length)
        position = differences.find(zeros)
        while position != -1:
            phrase = words[position : position + length]
            if phrase != words[position + length : position + 2 * length]:
                position = differences.find(zeros, position + 1)  # only the lengths repeat
                continue
            if _phrase_is_wordy(phrase):
                hit = _phrase_hit(index, [word.decode() for word in phrase], seen, places, context)
                if hit is not None:
                    yield hit
            position = differences.find(zeros, position + length)
    yield from _repeated_sentences(index, seen)
    yield from _repeated_headings(index)


# A heading alone on its line (words and a colon), then after blank lines only the same heading
# again, in any case: "Exclusion Criteria:\n\nExclusion criteria:", "Drug:\n\nDrug: SHR-1826".
# The heading is at most 60 characters, so each line start is tried over a bounded span.
_REPEATED_HEADING = re.compile(
    r"^[ \t]*(?P<heading>[^\W\d_][^\n:]{0,60}):[ \t]*\n(?:[ \t]*\n)*[ \t]*(?P=heading):",
    re.MULTILINE | re.IGNORECASE,
)


def _repeated_headings(index: TextIndex) -> Iterator[Hit]:
    """A heading written twice, on two lines: the phrase search reads no repeat across a line
    (two items of a list may well start alike), but a heading alone on its line that the next
    line repeats, colon and all, is one heading pasted twice. A heading that goes on ("Exclusion
    Criteria:" then "Exclusion criteria for all randomisations:") is a subheading, and differs.
    Read only where a line ends with a colon (found by a search in C)."""
    text = index.text
    colon = text.find(":\n", 0, index.words_end)
    while colon != -1:
        line = text.rfind("\n", 0, colon) + 1
        found = _REPEATED_HEADING.match(text, line, index.words_end)
        if found is not None:
            heading = found.group("heading").strip()
            yield hit_at(index, DUPLICATED_PHRASE,
                         f"{quoted(heading + ':')} is written twice in a row, on two lines",
                         found.start("heading"), found.end())  # fmt: skip
        colon = text.find(":\n", colon + 2, index.words_end)


def _word_lengths(words: list[bytes]) -> bytes:
    """One byte per word: its length (255 for any longer: a candidate only needs comparing)."""
    try:
        return bytes(map(len, words))
    except ValueError:
        return bytes(min(len(word), 255) for word in words)


def _differences(lengths: bytes, distance: int) -> bytes:
    """Each byte XOR the byte ``distance`` places on: zero where they are equal."""
    width = len(lengths) - distance
    if width <= 0:
        return b""
    before, after = (
        int.from_bytes(lengths[:width], "big"),
        int.from_bytes(lengths[distance:], "big"),
    )
    return (before ^ after).to_bytes(width, "big")


def _doubled_words(index: TextIndex, words: list[bytes], lengths: bytes) -> Iterator[Hit]:
    same_length_as_next = _differences(lengths, 1)  # a zero byte: a candidate (1 in 13)
    doubled = set()
    position = same_length_as_next.find(0)
    while position != -1:
        candidate = words[position]
        if candidate == words[position + 1] and candidate.isalpha():
            doubled.add(candidate.decode())
        position = same_length_as_next.find(0, position + 1)
    for word in sorted(doubled - _GRAMMATICAL_DOUBLES):
        for start, end in _written_twice(index.lower, word):
            original = index.text[start:end]
            first, second = original[: len(word)], original[-len(word) :]
            # Names repeat words by right (Sir Run Run Shaw Hospital, Li Li, Walla Walla).
            (_, field_text, markdown, name), offset = index.field_at(start)
            if name or _heading_run_in(first, second, field_text if markdown else "", offset):
                continue
            if offset and field_text[offset - 1] == "/":
                continue  # "25 mg/m²/day day -6": the first is part of a unit
            yield hit_at(index, DOUBLED_WORD, f"{quoted(first)} is written twice", start, end,
                         fix_at(index, start, original, first, safe=False))  # fmt: skip


def _written_twice(lower: str, copy: str) -> Iterator[tuple[int, int]]:
    """Where ``copy`` (words joined by spaces) is written twice in a row: the two copies apart
    by blanks only (spaces, tabs, and one line break at most: a blank line parts paragraphs),
    neither inside a longer word. Between them nothing else: with a bracket, a comma, a slash
    or a full stop between, the second explains, lists or starts anew ("disease (disease
    that...)", "satisfied/somewhat satisfied", "pain. Pain"). The second goes on into no
    hyphenated word ("based on on-going"); the first may start inside one ("non-small cell
    lung cancer cell lung cancer": text pasted twice from inside a word).

    Found with ``str.find`` (a regular expression for each candidate would cost more to
    compile than all the rest): the copies one space apart, as most are, then each second
    copy after another blank, read back to its first."""
    pairs = []
    twice = f"{copy} {copy}"
    found = lower.find(twice)
    while found != -1:
        pairs.append((found, found + len(twice)))
        found = lower.find(twice, found + 1)
    for blank in _OTHER_BLANKS:
        found = lower.find(blank + copy)
        while found != -1:
            second = found + len(blank)
            gap = found
            while gap > 0 and lower[gap - 1] in _BLANKS:
                gap -= 1
            if lower.count("\n", gap, second) <= 1 and lower.endswith(copy, 0, gap):
                pairs.append((gap - len(copy), second + len(copy)))
            found = lower.find(blank + copy, second)
    last_end = 0
    for start, end in sorted(set(pairs)):
        before = lower[start - 1] if start else " "
        after = lower[end] if end < len(lower) else " "
        if start < last_end or _is_word_char(before) or _is_word_char(after) or after == "-":
            continue
        last_end = end
        yield start, end


_BLANKS = " \t\n"
# Blanks other than one space, before a second copy: a line break, a tab, a second space.
_OTHER_BLANKS = ("\n", "\t", "  ")


def _heading_run_in(first: str, second: str, text: str = "", offset: int = 0) -> bool:
    """'Study design Study population', 'VULVODYNIA Vulvodynia is', 'Risks and Benefits
    Benefits are...': a heading whose line break was lost, then a sentence or heading that
    starts with its last word. The second copy is capitalised, and either the first is not
    (a slip of the keyboard repeats a word as it was written: "Heat heat" is one) or, in long
    text, the pair is among the first words of a paragraph (``text`` and ``offset``)."""
    if not second[:1].isupper():
        return False
    if _case_pattern(first) != _case_pattern(second):
        return True
    if not text:
        return False
    paragraph = max(text.rfind("\n", 0, offset), 0)
    return len(text[paragraph:offset].split()) <= 8


def _case_pattern(word: str) -> str:
    return (
        "upper" if word.isupper() and len(word) > 1 else "title" if word[:1].isupper() else "lower"
    )


def _phrase_is_wordy(phrase: list[bytes]) -> bool:
    """At least two words of three letters or more, or two words ("to the to the"):
    repeated numbers and letters ("1 2 1 2", "A B A B") are lists."""
    if len(phrase) == 2:
        return phrase[0].isalpha() and phrase[1].isalpha()
    return sum(word.isalpha() and len(word) >= 3 for word in phrase) >= 2


def _phrase_hit(
    index: TextIndex,
    phrase: list[str],
    seen: set[int],
    places: dict[str, Iterator[tuple[int, int]]],
    context: Context,
) -> Hit | None:
    """The next place ``phrase`` is written twice that is a slip. A place passed over (in
    ``seen``, across fields, a name's words) stays passed over, so each phrase's places are
    read once, from where the last candidate left off."""
    copy = " ".join(phrase)
    if copy not in places:
        places[copy] = _written_twice(index.lower, copy)
    for start, end in places[copy]:
        if start in seen or not index.same_field(start, end):
            continue
        first = index.text[start : start + len(copy)]
        second = index.text[end - len(copy) : end]
        if _heading_run_in(first[:1], second) or (
            len(phrase) == 2 and not first.islower() and not _capitalised_words(first, context)
        ):
            continue  # two words of a name or an abbreviation repeat by right ("to SoC to SoC")
        seen.add(start)
        return hit_at(index, DUPLICATED_PHRASE, f"{quoted(first)} is written twice in a "
                                                "row", start, end,
                      fix_at(index, start, index.text[start:end], second, safe=False))  # fmt: skip
    return None


def _capitalised_words(phrase: str, context: Context) -> bool:
    """Whether a phrase is English words each capitalised ('Acute Kidney'), as a title writes
    them: pasted twice, not a name's or an abbreviation's words ('SoC')."""
    known = (context.vocabulary or vocabulary()).standing
    return all(
        word[:1].isupper() and word[1:].islower() and known(word.lower()) == KNOWN
        for word in phrase.split()
    )


_SHORTEST_SENTENCE = 24  # characters: a shorter repeat is a heading or a list's pattern
_LIST_MARKS = " \t*-+\u2022"


def _repeated_sentences(index: TextIndex, seen: set[int]) -> Iterator[Hit]:
    """A sentence or clause written twice in a row ("Note: X is permitted. Note: X is
    permitted.", "A male must agree to all the following: A male must agree to all the
    following:"), too long for the phrase search. Text is cut where a mark ends a sentence
    or a clause (. : ; ? ! and a space); the sentence before a cut starts at one of the last
    few cuts, or where its line began."""
    lower = index.lower
    starts: deque[int] = deque([0], maxlen=_CLAUSES_PER_SENTENCE)
    for mark in _SENTENCE_END.finditer(lower):
        cut = mark.start()  # the mark's place; the second copy starts after it and a space
        second = cut + 2
        line_start = lower.rfind("\n", starts[0], cut) + 1
        for begin in starts:  # the longest sentence first
            start = max(begin, line_start)
            while start < cut and lower[start] in _LIST_MARKS:
                start += 1  # a list item's mark is not the sentence's
            if cut + 1 - start < _SHORTEST_SENTENCE:
                break  # and the sentences from later cuts are shorter still
            if lower[start] != lower[second : second + 1]:
                continue  # (one character compared before a sentence is copied)
            sentence = lower[start : cut + 1]  # with its mark
            end = second + len(sentence)
            if (
                lower.startswith(sentence, second)
                and start not in seen
                and index.same_field(start, end)
            ):
                seen.add(start)
                original = index.text[start:end]
                yield hit_at(index, DUPLICATED_PHRASE,
                             f"{quoted(index.text[start:cut + 1])} is written twice in a "
                             "row", start,
                             end, fix_at(index, start, original, index.text[second:end],
                                          safe=False))  # fmt: skip
                break
        starts.append(second)


_SENTENCE_END = re.compile(r"[.:;?!](?= )")
_CLAUSES_PER_SENTENCE = 3  # "Note: X is permitted." is two clauses


@check(HTML_ENTITY, MOJIBAKE, LOCALE_NOTATION)
def artefacts(record: Record, context: Context) -> Iterator[Hit]:
    import html

    index = record.text
    reported = 0  # where the last garbled word reported ends
    for kind, _, start, end in _matches(record):
        if kind == "entity":
            entity = _ENTITY.match(index.lower, start, start + 12)
            if entity is None:
                continue
            original = index.text[start : entity.end()]
            character = html.unescape(original)
            if character == original:
                continue
            yield hit_at(index, HTML_ENTITY,
                         f"{quoted(original)} is an HTML entity; write {quoted(character)}",
                         start, entity.end(),
                         fix_at(index, start, original, character, safe=True))  # fmt: skip
        elif kind == "mojibake":
            if start < reported:
                continue  # a second garbled sequence of the word already reported
            hit = _garbled(index, start, end)
            if hit is not None:
                reported = _garbled_span(index.text, start, end)[1]
                yield hit
        elif kind == "notation":
            if start == 0 or not index.lower[start - 1].isdigit():
                continue
            if start >= 2 and (index.lower[start - 2].isdigit() or index.lower[start - 2] in ".,"):
                continue
            exponent = re.match(r"\\?\^(\d+)", index.lower[start + 3 : start + 12])
            if exponent is None:
                continue
            original = index.text[start - 1 : start + 3 + exponent.end()]
            fixed = original[0] + "\u00d7" + original[2:]
            yield hit_at(index, LOCALE_NOTATION,
                         f"{quoted(original)} reads as {original[0]}.1 to a power in English; "
                         f"{original[0]} \u00d7 10^{exponent.group(1)} is written {quoted(fixed)}",
                         start - 1, start + 3 + exponent.end(),
                         fix_at(index, start - 1, original, fixed, safe=False))  # fmt: skip


def _garbled_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole whitespace-delimited word around a garbled sequence."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return left, right


_LIGATURES = frozenset(chr(code) for code in range(0xFB00, 0xFB07))


def _garbled(index: TextIndex, start: int, end: int) -> Hit | None:
    """T007 for one candidate of the fast scan, judged (and repaired) by ftfy; None when the
    characters are right (Portuguese 'São', 'Câncer')."""
    span_start, span_end = _garbled_span(index.text, start, end)
    garbled = index.text[span_start:span_end]
    found = index.text[start:end]
    if found in _LIGATURES:
        repaired = _ftfy().fixes.fix_latin_ligatures(garbled)
        return hit_at(index, MOJIBAKE,
                      f"{quoted(garbled)} has the ligature {quoted(found)} of a PDF, which "
                      "searches miss; "
                      f"it reads {quoted(repaired)}", span_start, span_end,
                      fix_at(index, span_start, garbled, repaired, safe=True))  # fmt: skip
    if len(found) == 1:  # a lost character: nothing tells what it was
        what = (
            "the replacement character of a lost letter"
            if found == "\ufffd"
            else (f"a character of a PDF's symbol font (U+{ord(found):04X}) no reader's font shows")
        )
        return hit_at(index, MOJIBAKE, f"{quoted(garbled)} has {what}; write the character meant",
                      span_start, span_end)  # fmt: skip
    repaired = _repair(garbled)
    if repaired is None:
        return None
    fix = fix_at(index, span_start, garbled, repaired, safe=False)
    return hit_at(index, MOJIBAKE,
                  f"{quoted(garbled)} is garbled text (UTF-8 read as Windows-1252); it reads "
                  f"{quoted(repaired)}", span_start, span_end, fix)  # fmt: skip


def _ftfy() -> Any:
    """ftfy, imported the first time a candidate needs judging (70 ms a run without any
    never pays)."""
    import ftfy.badness
    import ftfy.fixes

    return ftfy


def _repair(garbled: str) -> str | None:
    """The word as it was written, when it is UTF-8 read as Windows-1252 (or Latin-1): ftfy's
    judgement and repair first, then a plain round trip for the sequences ftfy leaves because
    they can be right in some language ('â„¢' is '™')."""
    library = _ftfy()
    if library.badness.is_bad(garbled):
        repaired = str(library.fix_encoding(garbled)).replace("\ufeff", "")  # a lost BOM
        if repaired != garbled:
            return repaired
    for encoding in ("cp1252", "latin-1"):
        try:
            repaired = garbled.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if repaired != garbled and _readable(repaired):
            return repaired
    return None


def _readable(text: str) -> bool:
    """Whether a round trip's result is text someone wrote: no combining mark, control or
    unassigned character ('PARÍ”' decodes to a lone combining mark: it was right as it was)."""
    import unicodedata

    return not any(
        unicodedata.category(character)[0] in "MC" for character in text if ord(character) > 127
    )


_PLAIN_ESCAPE = re.compile(rf"\\+([\\{MARKDOWN_PUNCTUATION}])")
_DOUBLED_ESCAPE = re.compile(rf"\\\\(?=[{MARKDOWN_PUNCTUATION}])")


@check(ESCAPE_IN_PLAIN_TEXT, DOUBLED_ESCAPE)
def escapes(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    if "\\" not in index.text:
        return
    for field in index.fields:
        if "\\" in field[1]:
            yield from _field_escapes(*field)


def _field_escapes(path: tuple[Token, ...], text: str, markdown: bool, _: bool) -> Iterator[Hit]:
    if markdown:
        for match in _DOUBLED_ESCAPE.finditer(text):
            original = text[match.start() : match.end() + 1]
            yield Hit(DOUBLED_ESCAPE,
                      f"{quoted(original)} escapes an escape; the registry's Markdown writes "
                      f"{quoted(original[1:])}", path, within=(match.start(), len(original)),
                      fix=Fix(original, original[1:], match.start(), safe=True))  # fmt: skip
        return
    key = next((token for token in reversed(path) if isinstance(token, str)), "")
    for match in _PLAIN_ESCAPE.finditer(text):
        original = match.group()
        yield Hit(ESCAPE_IN_PLAIN_TEXT,
                  f"{quoted(original)} in {key}, a plain-text field: readers see the backslash; "
                  f"write {quoted(match.group(1))}", path, within=(match.start(), len(original)),
                  fix=Fix(original, match.group(1), match.start(), safe=True))  # fmt: skip
