"""Typography (family T): text that lost its form on the way into the registry.

Records written in Chinese, Japanese or Korean word processors, or pasted from them, keep
their full-width brackets, commas and colons (U+FF08, U+FF0C, U+FF1A), which English text and
the registry's search treat as other characters; a power of ten set as a superscript loses
it when pasted as plain text: 'x 10^9/L' becomes 'x 109/L', a count 100 million times too
large to the eye; a list loses a line break, and one item runs into the next; a title keeps
the number of the list it was pasted from; a time frame keeps a comma between a number and its
unit ('1, month'), or a number typed before the text that repeats it ('3 At 3 months'); a
word runs into its bracket ('survival(OS)') and a number into its unit ('3years') when the
space between them is left out.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator

from trialint.document.textfields import TextIndex
from trialint.finding import Fix
from trialint.lint.checks.outcomes import OUTCOMES, each_outcome
from trialint.lint.checks.text import fix_at, hit_at
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.patterns import lazy_pattern
from trialint.quoting import quoted
from trialint.rule import FixKind, Severity, rule
from trialint.spelling.language import foreign_at
from trialint.spelling.vocabulary import KNOWN, Vocabulary, vocabulary
from trialint.spelling.words import word_end, word_start

_SUMMARY = "protocolSection:\n  descriptionModule:\n    briefSummary: "

FULL_WIDTH_PUNCTUATION = rule(
    "T013", "full-width-punctuation", Severity.WARNING,
    "Full-width punctuation in English text: the brackets, commas, semicolons and colons of "
    "CJK typesetting (U+FF08, U+FF09, U+FF0C, U+FF1B, U+FF1A).",
    "The full-width forms of CJK typesetting are other characters than the ASCII ones: "
    "English readers see odd spacing, and searches and parsers of the text miss the "
    "brackets and separators (registry-quality rules on encoding artefacts). The fix writes "
    "the ASCII character, with the space English sets after a comma, a semicolon or a colon "
    "and before an opening bracket. Corpus: 328 in 67 records, all in English text pasted "
    "from a CJK word processor.",
    fails=(_SUMMARY + "Adults\uff08aged 18-75\uff09receive the drug\uff0cor placebo.\n",),
    passes=(_SUMMARY + "Adults (aged 18-75) receive the drug, or placebo.\n",),
    fix=FixKind.SAFE,
)  # fmt: skip
LOST_EXPONENT = rule(
    "T014", "lost-exponent", Severity.WARNING,
    "A power of ten whose exponent lost its superscript: 'x 109/L' for x 10^9/L, 'x 1012/L' "
    "for x 10^12/L; or a height squared in a BMI formula: 'weight (kg)/(height [m])2'.",
    "Cell counts are given per litre as a power of ten (1.5 x 10 to the 9th per litre); "
    "pasted as plain text the superscript becomes a digit, and '1.5 x 109/L' reads as 163.5 "
    "per litre. Only after a multiplication sign (the times sign, x or *) and before a unit "
    "of volume (L, mL, microlitre, mm3), where no count "
    "is 109 or 1012 of the unit. Corpus: 55 in 26 records, all counts of blood cells. The "
    "body mass index divides a weight by a height squared; '(height [m])2' is that square "
    "set as plain text, read within 25 characters of 'height' where a closing bracket is "
    "followed by the 2. Corpus: 4; the 2 outside the held-out recall sample read, both BMI "
    "formulas.",
    fails=(_SUMMARY + "Adults with platelets >= 100 x 109/L are included.\n",),
    passes=(_SUMMARY + "Adults with platelets >= 100 x 10^9/L are included.\n",),
    fix=FixKind.UNSAFE,
)  # fmt: skip

_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_SPACE_AFTER = frozenset(",;:")
# "109/L": a power of ten followed by a volume's slash, found by its literal "10" (Python's
# engine searches a pattern's literal start in C).
_POWER = re.compile(r"10(?:9|12|6|3)(?P<rest>\s*/)")
_SIGN_REACH = 8  # characters between the multiplication sign and the power, at most
_UNIT_REACH = 12  # characters of the unit after the slash ("/ mm3"), at most
_LOST = lazy_pattern(
    r"(?P<times>[\u00d7*]|(?<=\d)\s*[xX]|(?<=\s)[xX])\s*10(?P<power>9|12|6|3)"
    r"(?=\s*/\s*(?:l|ml|\u00b5l|ul|mm3|mm\u00b3)\b)",
    re.IGNORECASE,
)

# "weight (kg)/(height [m])2": a height squared, the bracket that closes it followed by the
# 2; found from the literal "height" (searched in C), the square within a few characters.
_SQUARED = re.compile(r"height\b[^\n=]{0,25}?[)\]](?P<two>2)(?![\d.,]\d)", re.IGNORECASE)

_CRITERIA = (
    "protocolSection:\n  eligibilityModule:\n    eligibilityCriteria: |-\n"
    "      Inclusion Criteria:\n\n{items}\n      Exclusion Criteria:\n\n"
    "      * Revision surgery\n    healthyVolunteers: false\n    sex: ALL\n"
    "    minimumAge: 50 Years\n    maximumAge: 85 Years\n"
)
LOST_LINE_BREAK = rule(
    "T017", "lost-line-break", Severity.WARNING,
    "A numbered or bulleted list item that runs on from the one before it, on the same line "
    "('... chronic steroid therapy 8. History of osteoporosis'), in text that writes its other "
    "items one per line.",
    "Eligibility criteria and descriptions are lists, one item per line (PRS definitions, "
    "Eligibility Criteria: a bulleted list); an item run into the one before reads as part of "
    "it, and tools that split the criteria into items (as the registry's own pages do) "
    "merge the two. The evidence is the text's own: item n is written after other text on "
    "its line, while item n-1 (or, for bullets, most items) opens a line. An enumeration "
    "written inline on purpose ('1) ..., 2) ...', every item on one line) is not one. "
    "Corpus: 10 items in 8 records, all real.",
    fails=(_CRITERIA.format(items="      1. Adults\n      2. Knee pain 3. Able to walk\n"),),
    passes=(_CRITERIA.format(items="      1. Adults\n      2. Knee pain\n"
                                   "      3. Able to walk\n"),),
)  # fmt: skip
LIST_MARK_IN_TITLE = rule(
    "T016", "list-mark-in-outcome-title", Severity.WARNING,
    "An outcome title that begins with a list mark or number carried over from a list ('1.Pain "
    "as assessed by ...', '- Neurologic function', '10) The EQ-5D-5L ...').",
    "The registry numbers a record's outcomes and lists them itself; a title pasted from a "
    "numbered or bulleted list keeps a mark that reads as part of the measure, and a number "
    "that no longer matches the outcome's place once outcomes are added or moved (PRS "
    "definitions, Outcome Measure Title). The safe fix removes the mark. A title that opens "
    "with a number that is part of it ('6-minute walk distance', '1.5 T MRI') is not one. "
    "Corpus: 10 titles in 5 records, all real.",
    fails=("protocolSection:\n  outcomesModule:\n    primaryOutcomes:\n"
           "      - {measure: '1.Six-minute walk distance', timeFrame: Week 12}\n",),
    passes=("protocolSection:\n  outcomesModule:\n    primaryOutcomes:\n"
            "      - {measure: Six-minute walk distance, timeFrame: Week 12}\n",),
    fix=FixKind.SAFE,
)  # fmt: skip


STRAY_MARK_IN_TIME_FRAME = rule(
    "T030", "stray-mark-in-time-frame", Severity.WARNING,
    "A time frame with a stray mark in its numbers: a comma between a number and its unit "
    "('14 days, 1, month, 3 months', '3, 6, and 12, months'), or a number left before the "
    "text that repeats it ('3 At 3 months post-randomization').",
    "A time frame says when an outcome is measured (PRS definitions, Time Frame); a comma "
    "that parts a number from its unit reads as a list with an item missing ('1, month': one "
    "what?), and a number before a capitalised word that the time frame writes again is a "
    "keystroke or a pasted list number (registry-quality-rules.md, section 2: stray "
    "characters). Read: a comma between a number and a unit that no number follows ('week "
    "1, week 2' is a list), and a number that opens the time frame before a capitalised word "
    "other than a unit, written again further on. The fix drops the comma or the number. "
    "Corpus: 6 time frames in 3 records, all read, all stray.",
    fails=("protocolSection:\n  outcomesModule:\n    primaryOutcomes:\n"
           "      - {measure: Six-minute walk distance, timeFrame: '3 At 3 months'}\n",),
    passes=("protocolSection:\n  outcomesModule:\n    primaryOutcomes:\n"
            "      - {measure: Six-minute walk distance, timeFrame: At 3 months}\n",),
    fix=FixKind.SAFE,
)  # fmt: skip
_UNIT_WORDS = ("minute", "hour", "day", "week", "month", "year")
_UNITS = rf"(?:{'|'.join(_UNIT_WORDS)})s?"
# '1, month' and '12, months,': the comma between a number and its unit; 'week 1, week 2' is a
# list of time points, the number after its unit.
_COMMA_BEFORE_UNIT = re.compile(rf"\b\d+(?P<comma>,) {_UNITS}\b(?![ \t]*\d)")
# '3 At 3 months': a number, a capitalised word that is no unit ('12 Months' is right), and the
# number again further on.
_STRAY_LEADING_NUMBER = re.compile(
    r"\A[ \t]*(?P<number>\d+)[ \t]+"
    r"(?!(?:Minute|Hour|Day|Week|Month|Year|Time|Session|Visit|Cycle|Dose)s?\b)"
    r"[A-Z][a-z]+\b.*?\b(?P=number)\b"
)


MISSING_SPACE_AFTER_FULL_STOP = rule(
    "T019", "missing-space-after-full-stop", Severity.WARNING,
    "A sentence run into the next with no space after its full stop: 'administration.Patients "
    "will ...', 'this time.Patients in the control group'.",
    "A full stop is followed by a space (or a line break) before the next sentence; text "
    "pasted from a document whose paragraphs or sentences were joined keeps none, and the two "
    "sentences read as one word (search and spelling tools see 'administration.Patients'). "
    "Read where a word of two lower-case letters or more, or a closing bracket, ends at the "
    "full stop and a capitalised word follows it ('.It', '.Patients', or the article '.A "
    "15-item scale'); a web or e-mail address ('www.Example.org') is not one. The safe fix "
    "adds the space. Corpus: 145 (9 in the held-out recall sample, counted only); the 96 "
    "first read and the 19 that two-letter words and the article added ('scale.It', "
    "'survival.To', ').A'), all real, and the tuning samples' curators marked every one of "
    "these in their records.",
    fails=(_SUMMARY + "Pain is compared after 12 weeks.Adults who had surgery take part.\n",),
    passes=(_SUMMARY + "Pain is compared after 12 weeks. Adults who had surgery take part.\n",),
    fix=FixKind.SAFE,
)  # fmt: skip
SENTENCE_WITHOUT_FULL_STOP = rule(
    "T034", "sentence-without-full-stop", Severity.WARNING,
    "A sentence run into the next with no full stop, or a heading run into its text: "
    "'lymphoblastic lymphoma (LBL) It is characterized by', 'Trial design This is a "
    "randomized trial'.",
    "A sentence ends with its full stop, and a heading with its line break; text pasted from "
    "a document that lost them reads as one sentence ('... different centers It is not "
    "easy'), and a reader, a translation tool or a search for the sentence stumbles on it "
    "(the registry-quality rules' lost-punctuation artefacts). Read where a word, a closing "
    "bracket or a percentage is followed on the same line by a pronoun or a subject that "
    "opens a sentence (It, This, These, We, Our, They, There, However, Patients, "
    "Participants, Subjects) and its verb ('It is', 'Patients will'), not after an article "
    "('where the Participants will be'). No fix: a full stop or a line break may be what "
    "is missing. Corpus: 23 (none in the held-out recall sample), all read, all real "
    "(sentences run together, headings and list items run into their text); the tuning "
    "samples' curators marked all 3 in their records.",
    fails=(_SUMMARY + "Adults walk daily after knee surgery It is a pilot study.\n",),
    passes=(_SUMMARY + "Adults walk daily after knee surgery. It is a pilot study.\n",),
)  # fmt: skip
MISSING_SPACE_BEFORE_BRACKET_OR_UNIT = rule(
    "T031", "missing-space-before-bracket-or-unit", Severity.WARNING,
    "A word run into the bracket that follows it, or a number run into its unit of time: "
    "'Overall survival(OS)', 'renal function(Cr <= 133 umol/L)', 'up to 3years', '35days'.",
    "English sets a space before an opening bracket that follows a word and between a "
    "number and a unit written as a word (the registry-quality rules' missing-space "
    "artefacts); text typed or pasted without it reads as one token, and search and "
    "spelling tools no longer find 'survival' in 'survival(OS)' nor 'years' in '3years'. "
    "Read where a lower-case word of three letters or more, after a blank or the start of "
    "a line, is followed by an opening bracket and a letter, not a plural mark "
    "('patient(s)'), nor a function of a formula ('log(x)'), nor in an address; and where "
    "a number is followed by minute, hour, day, week, month or year (singular or plural) "
    "with no space. The safe fix adds the space. Corpus: 261 in 93 records outside the "
    "held-out recall sample, all read, all real (128 brackets, 133 units; curators of the "
    "second tuning sample marked both shapes).",
    fails=(_SUMMARY + "Adults take the drug for 8weeks; overall survival(OS) is compared.\n",),
    passes=(_SUMMARY + "Adults take the drug for 8 weeks; overall survival (OS) is compared.\n",),
    fix=FixKind.SAFE,
)  # fmt: skip
# 'survival(OS)': a lower-case word after a blank, then an opening bracket (maybe escaped, as
# Markdown writes it) and a letter; not a plural mark ('patient(s)'). The brackets are found
# first (a text holds few), then the word before each is read back: a pattern that starts
# at every word cost a twentieth of a whole lint.
_OPENING_BRACKET = re.compile(r"[(\[](?!(?:s|es|ies)\))(?=[A-Za-z])")
_SHORTEST_WORD_BEFORE_BRACKET = 3
_SMALL_LETTERS = frozenset(string.ascii_lowercase)
# '3years', '1day': a number and a unit of time written as a word, with no space between.
_NUMBER_BEFORE_UNIT = re.compile(rf"(?<![\w.])(?P<number>\d+(?:\.\d+)?)(?P<unit>{_UNITS})\b")
# Functions written in formulas, where the bracket follows the name: 'log(x)', 'max(a, b)'.
_FORMULA_FUNCTIONS = frozenset({"log", "exp", "sqrt", "max", "min", "sin", "cos", "abs", "sum"})

DOUBLED_FULL_STOP = rule(
    "T023", "doubled-full-stop", Severity.WARNING,
    "A sentence ended with two full stops: 'how it affects this disease.. The participants'.",
    "Two full stops are no mark of English punctuation (an ellipsis has three); a sentence "
    "pasted after one that kept its stop, or a stop typed twice, is a slip copy-editors "
    "mark. Read after a letter or a closing bracket, not in an ellipsis nor before a digit "
    "(a version, '1..10'). The safe fix removes one. Corpus: 9; the 7 outside the "
    "held-out recall sample read, all real.",
    fails=(_SUMMARY + "Pain is compared after 12 weeks.. Adults who had surgery take part.\n",),
    passes=(_SUMMARY + "Pain is compared after 12 weeks... Adults who had surgery take part.\n",),
    fix=FixKind.SAFE,
)  # fmt: skip
# Found from the literal '..' (a search in C); what stands before it is checked after.
_DOUBLED_STOP = re.compile(r"\.\.(?![.\d])")
# A full stop with a capitalised word right after it ('.Patients', '.It', '.A 15-item
# scale'); what ends before it is checked after (the literal full stop is searched in C).
_RUN_ON_SENTENCE = re.compile(r"\.(?=[A-Z][a-z]+\b|A\s+[a-z\d])")
_ADDRESS = re.compile(r"www|https?:|@|\.(?:com|org|net|gov|edu)\b", re.IGNORECASE)

SPACE_AFTER_HYPHEN = rule(
    "T020", "space-after-hyphen", Severity.WARNING,
    "A word broken by a hyphen and a space: 'post- surgical', 'placebo- controlled', 'envir- "
    "onmental'.",
    "A hyphen joins the parts of a word, and a space after it breaks the word in two: text "
    "copied from a document that hyphenated at a line's end keeps the hyphen and a space "
    "('envir- onmental'), and a hyphenated word loses its form ('placebo- controlled'); "
    "search and spelling tools then read two words. Read where the part before the hyphen "
    "is a prefix of English compounds (non, pre, post, anti, self, placebo, first ...) or "
    "the two parts make a word; not a hyphen whose word is written after 'and', 'or' or "
    "'to' ('pre- and post-operative', where the hyphen stands for a word to come), not after "
    "capitals ('MRD- patients': negative), nor a dash between phrases ('period- masking'). "
    "The fix (to review) joins the parts: with the hyphen after a prefix, without it where "
    "the hyphen broke one word. Corpus: 31; the 29 outside the held-out recall sample read, "
    "all real.",
    fails=(_SUMMARY + "Adults with post- surgical pain take part.\n",),
    passes=(_SUMMARY + "Adults with pre- and post-surgical pain take part.\n",),
    fix=FixKind.UNSAFE,
)  # fmt: skip
_BROKEN_BY_HYPHEN = re.compile(r"- +(?!(?:and|or|to|nor|as)\b)(?=[a-z]{3,}\b)")
# The first parts of English compounds written with a hyphen (placebo-controlled, non-small):
# such a part before a hyphen and a space is a hyphenated word that lost its form.
_COMPOUND_PREFIXES = frozenset({
    "non", "pre", "post", "anti", "self", "placebo", "double", "single", "triple", "first",
    "second", "third", "psycho", "multi", "inter", "intra", "sub", "super", "extra", "co",
    "re", "full", "well", "long", "short", "semi", "de", "over", "under", "cross", "low",
    "high", "open", "peri", "para", "neuro", "hyper", "hypo", "micro", "macro", "mid",
    "counter", "half", "dose", "signed", "moderate", "mild", "life", "evidence", "risk",
})  # fmt: skip
_SUSPENDED_BEFORE = re.compile(r"-\s*(?:and|or|to)\s+(?:then\s+)?$")

_COMPARED = "\u0421ompared"  # with a Cyrillic capital Es
_INSULIN = "\u0130nsulin"  # with the Turkish dotted capital I
LOOKALIKE_LETTER = rule(
    "T018", "lookalike-letter", Severity.WARNING,
    f"A letter of another alphabet that looks like a Latin one, inside an English word: a "
    f"Cyrillic capital Es in {quoted(_COMPARED)}, the Turkish dotted capital I in "
    f"{quoted(_INSULIN)}, a "
    "dotless i; or an l for a capital I ('Lnterbody', 'phase l/II').",
    "Typed on a Cyrillic or Turkish keyboard layout, or pasted from a document that used "
    "one, the letter looks right but is another character: the registry's search, spelling "
    f"checkers and readers' tools do not find the word ({quoted(_COMPARED)} is not 'Compared'). A "
    "Cyrillic or Greek lookalike is reported in any word that also has Latin letters (a word "
    "wholly in Cyrillic or Greek, and Greek letters used as symbols, micrograms or amyloid "
    "beta, are not); the Turkish letters only where the word, written with I or i, is a "
    "common English word in English prose (Turkish names keep them; a Turkish paragraph is "
    "not English). An l (or L) is read as a capital I where no English word starts as the "
    "word does ('Lnterbody', 'lsolated') and the word with an I is known, or as the numeral of "
    "a phase ('phase l/II'). The safe fix writes the Latin letter. Corpus: 11; the 8 outside "
    "the held-out recall sample read, all real ('Complex' in a facility's name, 'EXERCISE' "
    "in a title, 'Insulin', 'Lntervertebral', 'lsolated', 'phase l/II').",
    fails=(_SUMMARY + f"Pain is {_COMPARED} between the groups.\n",
           _SUMMARY + f"{_INSULIN} is given before meals.\n"),
    passes=(_SUMMARY + "Pain is compared between the groups.\n",),
    fix=FixKind.SAFE,
)  # fmt: skip


ROMAN_NUMERAL_SIGN = rule(
    "T024", "roman-numeral-sign", Severity.WARNING,
    "A Roman numeral written with a sign of Unicode's number forms (U+2160-U+217F) rather than "
    "with letters: 'phase \u2161', 'stage \u2162'.",
    "CJK typesetting writes the Roman numerals as single characters, drawn as 'II' or 'III' "
    "but other characters than the letters: search, the registry's own reading of phases in "
    "titles (P004) and screen readers do not take 'phase \u2161' for 'phase II'. The safe fix "
    "writes the letters (the character's compatibility form). Corpus: 17 in 10 records, all "
    "in CJK-typeset text.",
    fails=(_SUMMARY + "Adults with stage \u2162 knee osteoarthritis take part.\n",),
    passes=(_SUMMARY + "Adults with stage III knee osteoarthritis take part.\n",),
    fix=FixKind.SAFE,
)  # fmt: skip


def _lookalikes(alphabet: str, letters: str) -> dict[str, str]:
    """The letters of ``alphabet`` drawn as these Latin ones, by their Unicode names."""
    found = {}
    for latin in letters:
        case = "CAPITAL" if latin.isupper() else "SMALL"
        name = _LATIN_NAMED.get(latin.upper(), latin.upper())
        found[unicodedata.lookup(f"{alphabet} {case} LETTER {name}")] = latin
    return found


# How the Cyrillic and Greek alphabets name the letters drawn as these Latin ones.
_LATIN_NAMED = {"B": "VE", "E": "IE", "K": "KA", "M": "EM", "H": "EN", "P": "ER", "C": "ES",
                "T": "TE", "X": "HA", "Y": "U", "I": "BYELORUSSIAN-UKRAINIAN I", "J": "JE",
                "S": "DZE"}  # fmt: skip
_GREEK_NAMED = {"A": "ALPHA", "B": "BETA", "E": "EPSILON", "Z": "ZETA", "H": "ETA",
                "I": "IOTA", "K": "KAPPA", "M": "MU", "N": "NU", "O": "OMICRON", "P": "RHO",
                "T": "TAU", "Y": "UPSILON", "X": "CHI"}  # fmt: skip
_LOOKALIKES = {
    **_lookalikes("CYRILLIC", "ABEKMHOPCTXIJSaeopcyxijs"),
    **{unicodedata.lookup(f"GREEK CAPITAL LETTER {name}"): latin
       for latin, name in _GREEK_NAMED.items()},
    unicodedata.lookup("GREEK SMALL LETTER OMICRON"): "o",
}  # fmt: skip
# The Roman numerals of Unicode's number forms (U+2160-U+217F): one character drawn as 'II'.
_ROMAN_NUMERAL_SIGNS = re.compile("[\u2160-\u217f]+")
_TURKISH = {"\u0130": "I", "\u0131": "i"}  # dotted capital I, dotless small i
_OTHER_ALPHABET = lazy_pattern("[" + "".join(_LOOKALIKES) + "".join(_TURKISH) + "]")
# Every character the two rules look for, in one class: Cyrillic and Greek blocks, the Turkish
# I's, the numeral signs (one scan of this costs a quarter of two scans of the narrower ones).
_OTHER_CHARACTERS = re.compile("[\u0370-\u04ff\u0130\u0131\u2160-\u217f]")
_COMMON_ENGLISH = 3.0  # Zipf frequency: a word English writes once in a million words or more


def _lookalike_words(text: str) -> Iterator[tuple[int, int]]:
    """The words (start, end) of ``text`` that hold a letter of ``_OTHER_ALPHABET``."""
    end = 0
    for found in _OTHER_ALPHABET().finditer(text):
        if found.start() < end:
            continue  # in the word just given
        start = word_start(text, found.start())
        end = max(word_end(text, start), found.end())
        yield start, end


# An l (or L) where a capital I belongs: a word no English word starts like ('Lnterbody',
# 'lntervertebral'; Ll is Welsh and Spanish), or the phase's numeral ('phase l/II'). Searched
# in the lowercased text from their literal first letters (a search in C), the start of the
# word checked after.
_ELL_WORD = re.compile(r"l[bcdfghjkmnpqrstvwxz][a-z]{2,}(?![a-z])")
_ELL_NUMERALS = (re.compile(r"phase\s+(l)(?![a-z])"), re.compile(r"(l)/ii?i?(?![a-z])"))


def _ell_for_i(index: TextIndex, context: Context) -> Iterator[Hit]:
    lower, end_of_prose = index.lower, index.words_end
    places = [
        (found.start(), found.end())
        for found in _ELL_WORD.finditer(lower, 0, end_of_prose)
        if not lower[found.start() - 1 : found.start()].isalpha()
    ]
    if places:
        words = context.vocabulary or vocabulary()
        places = [
            (start, end) for start, end in places
            if not words.knows(lower[start:end]) and words.knows("i" + lower[start + 1 : end])
        ]  # fmt: skip
    for numeral in _ELL_NUMERALS:
        places.extend(
            (found.start(1), found.end(1))
            for found in numeral.finditer(lower, 0, end_of_prose)
            if index.text[found.start(1)] == "l"  # not a capital L
            and not lower[found.start() - 1 : found.start()].isalpha()
        )
    text = index.text
    for start, end in sorted(set(places)):  # 'phase l/II' is found by both numerals
        written = text[start:end]
        fixed = "I" + written[1:]
        what = (
            f"{quoted(written)} begins with {quoted(written[0])} where a capital 'I' belongs"
            if len(written) > 1
            else "'l' is a lowercase L where the numeral 'I' belongs"
        )
        yield hit_at(index, LOOKALIKE_LETTER, f"{what}: write {quoted(fixed)}",
                     start, end, fix_at(index, start, written, fixed, safe=True))  # fmt: skip


def _latin(word: str) -> str:
    return "".join(_LOOKALIKES.get(letter) or _TURKISH.get(letter) or letter for letter in word)


def _english_with_turkish_letters(
    index: TextIndex, start: int, word: str, words: Vocabulary
) -> bool:
    """Whether a word written with the Turkish dotted I or dotless i is an English word in
    English prose (not a name, not in a Turkish paragraph)."""
    if start >= index.words_end:
        return False  # names keep their letters
    if words.zipf(_latin(word).lower()) < _COMMON_ENGLISH:
        return False
    return not foreign_at(index, start, words)


def _ascii(character: str, before: str, after: str) -> str:
    """The ASCII form of a full-width character, spaced as English sets it."""
    plain = unicodedata.normalize("NFKC", character)
    if plain in _SPACE_AFTER and after and not after.isspace():
        return plain + " "
    if plain in "([" and before and not before.isspace():
        return " " + plain
    return plain


# A list's mark at a title's start: "1.", "2)", "(3)", a bullet or a dash, before a letter.
_LIST_MARK = re.compile(r"\s*(?:\d{1,2}\s*[.)]|\(\d{1,2}\)|[\u2022\u00b7*-])\s*(?=[^\W\d_])")


@check(LIST_MARK_IN_TITLE)
def list_marks_in_titles(record: Record, context: Context) -> Iterator[Hit]:
    for key, _kind, index, outcome in each_outcome(record):
        measure = as_str(outcome.get("measure"))
        found = _LIST_MARK.match(measure) if measure else None
        if found is None:
            continue
        mark = found.group()
        yield Hit(LIST_MARK_IN_TITLE,
                  f"the outcome title begins with the list mark {quoted(mark.strip())}, left from "
                  "a list: the registry numbers outcomes itself",
                  (*OUTCOMES, key, index, "measure"),
                  within=(0, len(mark)), fix=Fix(mark, "", 0, safe=True))  # fmt: skip


# A list item's number at a line's start, and one written after other text on its line.
_ITEM_AT_LINE_START = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]", re.MULTILINE)
_ITEM_RUN_ON = re.compile(r"(?<=[^\s\d])[ \t]+(\d{1,2})[.)][ \t]+(?=[^\W\d_])")
_BULLET_AT_LINE_START = re.compile(r"^[ \t]*[*\u2022-][ \t]", re.MULTILINE)
_BULLET_RUN_ON = re.compile(r"(?<=[a-z0-9.;:)])[ \t]+[*\u2022][ \t]+(?=[A-Z])")


def run_on_items(text: str) -> list[tuple[int, int]]:
    """Where list items run on from the one before on its line (start, end of the mark),
    in a text that writes its other items one per line."""
    found: list[tuple[int, int]] = []
    if "\n" not in text:
        return found
    starts = {int(number) for number in _ITEM_AT_LINE_START.findall(text)}
    if len(starts) >= 2:
        for item in _ITEM_RUN_ON.finditer(text):
            number = int(item.group(1))
            if number - 1 not in starts or number in starts:
                continue
            line = text[text.rfind("\n", 0, item.start()) + 1 : item.start()]
            if text[item.end(1)] == ")" and line.count("(") > line.count(")"):
                continue  # "(Stage 1 and 2)": a bracket closed, not an item
            found.append((item.start(1), item.end(1) + 1))
    if len(_BULLET_AT_LINE_START.findall(text)) >= 2:
        for bullet in _BULLET_RUN_ON.finditer(text):
            mark = bullet.group().strip()[0]
            start = bullet.start() + bullet.group().index(mark)
            found.append((start, start + 1))
    return sorted(found)


@check(LOST_LINE_BREAK)
def lost_line_breaks(record: Record, context: Context) -> Iterator[Hit]:
    for path, text, markdown, _ in record.text.fields:
        if not markdown:
            continue  # titles and names are one line
        for start, end in run_on_items(text):
            yield Hit(LOST_LINE_BREAK,
                      f"list item {quoted(text[start:end])} runs on from the item before it: start "
                      "it on a line of its own", path, within=(start, end - start))  # fmt: skip


@check(LOOKALIKE_LETTER, ROMAN_NUMERAL_SIGN)
def lookalike_characters(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    text = index.text
    yield from _ell_for_i(index, context)
    # Most records are ASCII; of the others, few hold any character of another alphabet or a
    # numeral sign: one scan for all of them (a class of a few ranges) tells which.
    if text.isascii() or not _OTHER_CHARACTERS.search(text):
        return
    for numeral in _ROMAN_NUMERAL_SIGNS.finditer(text):
        written = numeral.group()
        fixed = unicodedata.normalize("NFKC", written)
        yield hit_at(index, ROMAN_NUMERAL_SIGN,
                     f"{quoted(written)} is the Roman numeral sign (U+{ord(written[0]):04X}), not "
                     f"the letters {quoted(fixed)}: write "
                     f"{quoted(fixed)}", numeral.start(), numeral.end(),
                     fix_at(index, numeral.start(), written, fixed, safe=True))  # fmt: skip
    for start, end in _lookalike_words(text):
        word = text[start:end]
        others = [letter for letter in word if letter in _LOOKALIKES or letter in _TURKISH]
        if any(letter in _LOOKALIKES for letter in others):
            if not any("a" <= letter.lower() <= "z" for letter in word):
                continue  # a word of that alphabet
        elif not _english_with_turkish_letters(
            index, start, word, context.vocabulary or vocabulary()
        ):
            continue
        letter = others[0]
        name = unicodedata.name(letter).lower().capitalize().replace("letter ", "")
        fixed = _latin(word)
        yield hit_at(index, LOOKALIKE_LETTER,
                     f"{quoted(word)} is written with the {name} (U+{ord(letter):04X}), not the "
                     f"Latin {quoted(_latin(letter))}: write {quoted(fixed)}",
                     start, end, fix_at(index, start, word, fixed, safe=True))  # fmt: skip


@check(DOUBLED_FULL_STOP)
def doubled_full_stops(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    text = index.text
    for found in _DOUBLED_STOP.finditer(text, 0, index.words_end):
        stop = found.start()
        before = text[stop - 1 : stop]
        if not (before.isalpha() or before == ")"):
            continue  # an ellipsis, a number's dots, or no sentence
        start = stop
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ")]"):
            start -= 1
        written = text[start : found.end()]
        yield hit_at(index, DOUBLED_FULL_STOP,
                     f"{quoted(written)} ends the sentence with two full stops: write "
                     f"{quoted(written[:-1])}", stop, found.end(),
                     fix_at(index, stop, "..", ".", safe=True))  # fmt: skip


@check(MISSING_SPACE_AFTER_FULL_STOP)
def run_on_sentences(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    text = index.text
    for found in _RUN_ON_SENTENCE.finditer(text, 0, index.words_end):
        stop = found.start()
        before = text[stop - 2 : stop]
        if not (before.isalpha() and before.islower()) and before[-1:] != ")":
            continue
        token_start = _token_start(text, stop)
        token_end = text.find(" ", stop)
        token = text[token_start : token_end if token_end != -1 else len(text)]
        if _ADDRESS.search(token):
            continue
        end = word_end(text, stop + 1)
        start = word_start(text, stop - 1, token_start)  # (before a closing bracket)
        written = text[start:end]
        fixed = f"{text[start : stop + 1]} {text[stop + 1 : end]}"
        yield hit_at(index, MISSING_SPACE_AFTER_FULL_STOP,
                     f"no space after the full stop in {quoted(written)}: write {quoted(fixed)}",
                     start, end, fix_at(index, start, written, fixed, safe=True))  # fmt: skip


# A word, a closing bracket or a percentage, then on the same line a word that opens a
# sentence and its verb: '(LBL) It is', 'centers It is', 'Trial design This is'.
_NO_FULL_STOP = lazy_pattern(
    r"(?<=[a-z)%])[ \t]+(?P<opening>(?:It|This|These|We|Our|They|There|However|Patients"
    r"|Participants|Subjects)\s+(?:is|was|are|were|will|has|have|can|may|aims?|showed|shows"
    r"|found|had)\b)"
)
_ARTICLES = frozenset({"the", "a", "an"})


def _token_start(text: str, end: int) -> int:
    """Where the run of characters without a blank that ends at ``end`` starts."""
    return max(text.rfind(" ", 0, end), text.rfind("\n", 0, end), text.rfind("\t", 0, end)) + 1


@check(SENTENCE_WITHOUT_FULL_STOP)
def sentences_without_full_stops(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    text = index.text
    for found in _NO_FULL_STOP().finditer(text, 0, index.words_end):
        end = found.start()
        start = _token_start(text, end)  # the token before: '(LBL)', 'centers'
        if text[start:end].lower().strip("()%") in _ARTICLES:
            continue  # 'where the Participants will be': a capital, not a sentence
        opening = found.start("opening")
        written = f"{text[start : found.start()]} {found.group('opening')}"
        yield hit_at(index, SENTENCE_WITHOUT_FULL_STOP,
                     f"{quoted(written)} runs one sentence into the next: end the first with a "
                     "full stop, or break the line after a heading", start,
                     opening + len(found.group("opening")))  # fmt: skip


@check(MISSING_SPACE_BEFORE_BRACKET_OR_UNIT)
def missing_spaces_before_brackets_and_units(record: Record, context: Context) -> Iterator[Hit]:
    """Two shapes of one slip, a space left out between two tokens; each found by one
    regular expression over the record's prose (names apart), so linear in its length."""
    index = record.text
    text = index.text
    for found in _OPENING_BRACKET.finditer(text, 0, index.words_end):
        bracket_start = found.start()
        if bracket_start and text[bracket_start - 1] == "\\":
            bracket_start -= 1  # escaped, as Markdown writes it
        start = bracket_start
        while start and text[start - 1] in _SMALL_LETTERS:
            start -= 1
        if start and not text[start - 1].isspace():
            continue  # the word has capitals, digits or marks in it, or is no word
        word = text[start:bracket_start]
        if len(word) < _SHORTEST_WORD_BEFORE_BRACKET or word in _FORMULA_FUNCTIONS:
            continue
        token_end = text.find(" ", start)
        token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
        if _ADDRESS.search(text, token_start, token_end if token_end != -1 else len(text)):
            continue
        end = word_end(text, found.end())
        shown = text[start:end]
        bracket = text[bracket_start : found.end()]
        old, fixed = word + bracket, f"{word} {bracket}"
        yield hit_at(index, MISSING_SPACE_BEFORE_BRACKET_OR_UNIT,
                     f"no space before the bracket in {quoted(shown)}: write "
                     f"{quoted(word + ' ' + text[bracket_start:end])}",
                     start, end, fix_at(index, start, old, fixed, safe=True))  # fmt: skip
    for found in _numbers_run_into_units(text, index.words_end):
        written = found[0]
        fixed = f"{found['number']} {found['unit']}"
        yield hit_at(index, MISSING_SPACE_BEFORE_BRACKET_OR_UNIT,
                     f"no space between the number and its unit in {quoted(written)}: write "
                     f"{quoted(fixed)}",
                     found.start(), found.end(),
                     fix_at(index, found.start(), written, fixed, safe=True))  # fmt: skip


def _numbers_run_into_units(text: str, end: int) -> list[re.Match[str]]:
    """The matches of ``_NUMBER_BEFORE_UNIT`` in ``text[:end]``, in their order. Each unit's
    word is looked for first (a substring search), and the pattern is tried only where a
    digit comes right before it: tried at every digit of a record, it cost a twentieth of a
    whole lint."""
    found = []
    for unit in _UNIT_WORDS:
        at = text.find(unit, 0, end)
        while at != -1:
            if at and text[at - 1].isdigit():
                start = at - 1
                while start and (text[start - 1].isdigit() or text[start - 1] == "."):
                    start -= 1
                while not text[start].isdigit():  # a full stop the number does not start with
                    start += 1
                match = _NUMBER_BEFORE_UNIT.match(text, start, end)
                if match is not None:
                    found.append(match)
            at = text.find(unit, at + 1, end)
    return sorted(found, key=lambda match: match.start())


@check(SPACE_AFTER_HYPHEN)
def words_broken_by_hyphens(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    text = index.text
    words = None
    for found in _BROKEN_BY_HYPHEN.finditer(text, 0, index.words_end):
        hyphen = found.start()
        start = word_start(text, hyphen)
        first = text[start:hyphen]
        if len(first) < 2 or first.isupper() or (start and text[start - 1] in "-/"):
            continue  # a letter, an abbreviation ('MRD- patients'), or a compound's last part
        if _SUSPENDED_BEFORE.search(text, max(0, start - 16), start):
            continue  # 'pre- and post- activity': the second of a pair of prefixes
        end = word_end(text, found.end())
        second = text[found.end() : end]
        prefix = first.lower() in _COMPOUND_PREFIXES
        if not prefix:
            words = words or context.vocabulary or vocabulary()
            if words.standing((first + second).lower()) != KNOWN:
                continue  # two words and a dash between them ('period- masking')
        written = text[start:end]
        fixed = f"{first}-{second}" if prefix else first + second
        yield hit_at(index, SPACE_AFTER_HYPHEN,
                     f"{quoted(written)} is one word broken by a hyphen and a space: write "
                     f"{quoted(fixed)}", start, end,
                     fix_at(index, start, written, fixed, safe=False))  # fmt: skip


@check(FULL_WIDTH_PUNCTUATION, LOST_EXPONENT)
def typography(record: Record, context: Context) -> Iterator[Hit]:
    index = record.text
    text = index.text
    # Most records are ASCII, and no power of ten is lost in one without "10<power>/": each
    # told by a scan in C before a pattern is tried at every character.
    full_width = () if text.isascii() else _FULL_WIDTH.finditer(text)
    for found in full_width:
        start = found.start()
        character = found.group()
        before, after = text[start - 1 : start], text[start + 1 : start + 2]
        # the neighbour may be full-width too (a closing bracket and an opening one): it is
        # read as it will be written
        after = unicodedata.normalize("NFKC", after)
        fixed = _ascii(character, before, after)
        fix = fix_at(index, start, character, fixed, safe=True)
        yield hit_at(index, FULL_WIDTH_PUNCTUATION,
                     f"{quoted(character)} is a full-width character; write "
                     f"{quoted(fixed.strip())}",
                     start, start + 1, fix)  # fmt: skip
    for power in _POWER.finditer(text):
        # the sign before the power is a few characters back: read there only
        reach = (max(0, power.start() - _SIGN_REACH), power.end() + _UNIT_REACH)
        lost = _LOST().search(text, *reach)
        if lost is None or lost.end() != power.end() - len(power.group("rest")):
            continue
        start, end = lost.start("power") - 2, lost.end("power")
        written = text[start:end]
        fixed = f"10^{lost.group('power')}"
        yield hit_at(index, LOST_EXPONENT,
                     f"{quoted(written)} after {quoted(lost.group('times').strip())} is a power "
                     "of ten "
                     f"that lost its superscript: write {quoted(fixed)}",
                     start, end, fix_at(index, start, written, fixed, safe=False))  # fmt: skip
    lower = index.lower
    height = lower.find("height", 0, index.words_end)
    while height != -1:
        squared = _SQUARED.match(text, height)
        height = lower.find("height", height + 6, index.words_end)
        if squared is None:
            continue
        two = squared.start("two")
        written = text[squared.start() : two + 1]
        fix = fix_at(index, two, "2", "^2", safe=False)
        yield hit_at(index, LOST_EXPONENT,
                     f"{quoted(written)}: the height is squared, and the 2 lost its superscript: "
                     "write ^2", two, two + 1, fix)  # fmt: skip


@check(STRAY_MARK_IN_TIME_FRAME)
def stray_marks_in_time_frames(record: Record, context: Context) -> Iterator[Hit]:
    for key, _kind, index, outcome in each_outcome(record):
        frame = as_str(outcome.get("timeFrame"))
        if not frame or ("," not in frame and not frame.lstrip()[:1].isdigit()):
            continue  # no comma, and no number first: neither mark
        path = (*OUTCOMES, key, index, "timeFrame")
        leading = _STRAY_LEADING_NUMBER.match(frame)
        if leading is not None:
            number = leading.group("number")
            stray = frame[: leading.start("number") + len(number) + 1]
            yield Hit(STRAY_MARK_IN_TIME_FRAME,
                      f"the time frame opens with a stray {quoted(number)} before "
                      f"{quoted(frame[len(stray):].split()[0])}, which it writes again further "
                      "on: drop it", path, within=(leading.start("number"), len(number)),
                      fix=Fix(stray, "", 0, safe=True))  # fmt: skip
        for found in _COMMA_BEFORE_UNIT.finditer(frame):
            comma = found.start("comma")
            yield Hit(STRAY_MARK_IN_TIME_FRAME,
                      f"{quoted(found.group())}: a comma parts the number from its unit; write "
                      f"{quoted(found.group().replace(',', '', 1))}", path, within=(comma, 1),
                      fix=Fix(",", "", comma, safe=True))  # fmt: skip
