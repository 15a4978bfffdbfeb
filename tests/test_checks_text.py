"""Text rules (family T): exact findings on the good record with text mutated, the seed
defects, and the look-alikes that must not be reported."""

from __future__ import annotations

import pytest

from trialint.cli import main
from trialint.lint.checks.typography import run_on_items

from conftest import GOOD_RECORD, corpus_hits, needs_shared, position_of

GOOD = GOOD_RECORD.read_text(encoding="utf-8")
TITLE = "briefTitle: Exercise Training After Knee Replacement"
CRITERIA = "      * Able to walk 10 metres with or without an aid"


def text_findings(lint_text, old: str, new: str, family: str = "T"):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    return [f for f in lint_text(text).findings if f.rule.code.startswith(family)], text


def only(findings):
    [finding] = findings
    return finding


def test_misspelling_points_at_the_word_and_keeps_its_case(lint_text):
    findings, text = text_findings(lint_text, TITLE, "briefTitle: Assesment of Exercise Training")
    finding = only(findings)
    assert finding.rule.code == "T001"
    assert (finding.line, finding.column) == position_of(text, "Assesment")
    assert finding.span.end_column - finding.span.column == len("Assesment")
    assert finding.pointer == "/protocolSection/identificationModule/briefTitle"
    assert finding.message == "'Assesment' is misspelled; write 'Assessment'"
    assert (finding.fix.old, finding.fix.new, finding.fix.offset, finding.fix.safe) == (
        "Assesment", "Assessment", 0, True,
    )  # fmt: skip


def test_misspelling_inside_a_literal_block_is_located_on_its_line(lint_text):
    findings, text = text_findings(lint_text, CRITERIA, "      * Able to fill the questionaire")
    finding = only(findings)
    assert (finding.line, finding.column) == position_of(text, "questionaire")
    assert finding.pointer == "/protocolSection/eligibilityModule/eligibilityCriteria"
    assert finding.fix.new == "questionnaire"


@pytest.mark.parametrize(
    "words",
    [
        "Randomised Programme of Behaviour Change in Paediatric Centres",  # British
        "Enrolment of Haemophilia Patients With Oesophageal Anaemia",
        "Compliers Analysis of Trough Levels in the Dura Mater",  # real words
        "Cyclin D1 in the Collum Femoris",
        "Groupe Hospitalier Pitie-Salpetriere and Ege University",  # names in other languages
    ],
)
def test_right_spellings_are_not_reported(lint_text, words):
    findings, _ = text_findings(lint_text, TITLE, f"briefTitle: {words}")
    assert findings == []


def test_sever_for_severe_is_reported_in_context_only(lint_text):
    findings, text = text_findings(
        lint_text, TITLE, "briefTitle: Treatment of Refractory Sever Systemic Scleroderma"
    )
    finding = only(findings)
    assert finding.rule.code == "T002"
    assert (finding.line, finding.column) == position_of(text, "Sever")
    assert finding.message == "'Sever' is a word, but here it should be 'Severe'"
    assert finding.fix.new == "Severe" and not finding.fix.safe
    for right in ("Surgery to Sever the Nerve", "Drugs That May Sever Connections"):
        assert text_findings(lint_text, TITLE, f"briefTitle: {right}")[0] == []


def test_trail_is_trial_only_after_trial_words(lint_text):
    findings, _ = text_findings(lint_text, TITLE, "briefTitle: A Randomized Controlled Trail")
    assert only(findings).message == "'Trail' is a word, but here it should be 'Trial'"
    for right in ("Trail Making Test After Surgery", "Walking on a Forest Trail"):
        assert text_findings(lint_text, TITLE, f"briefTitle: {right}")[0] == []


def test_prostrate_is_prostate_before_gland_words(lint_text):
    findings, _ = text_findings(lint_text, TITLE, "briefTitle: Prostrate Cancer Screening")
    assert only(findings).fix.new == "Prostate"
    assert text_findings(lint_text, TITLE, "briefTitle: Lying Prostrate After Surgery")[0] == []


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("Athletes describe there recent exertion", "their"),
        ("Parents and there children are enrolled", "their"),
        ("Allergy to the drug or any of it's constituents", "its"),
        # existential "there", and "it is", where they are right
        ("Are there children at home", None),
        ("There are recent trials", None),
        ("It's safety that matters", None),
        ("Allergy to the drug or its constituents", None),
    ],
)
def test_there_and_its_before_a_possessed_noun(lint_text, written, right):
    findings, _ = text_findings(lint_text, TITLE, f'briefTitle: "{written}"')
    assert [f.fix.new for f in findings if f.rule.code == "T002"] == ([right] if right else [])


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("Woman who are pregnant are excluded", "Women"),
        ("In all, 60 participant are included", "participants"),
        ("Patient have measurable disease", "Patients"),
        # the noun is one: the verb is what is wrong, or the subject is another word
        ("Neither the physician nor the participant are told", None),
        ("As a patient have you been told", None),
        ("Each subject have a visit", None),
        ("The patient who is pregnant is excluded", None),
    ],
)
def test_a_singular_noun_with_a_plural_verb(lint_text, written, right):
    findings, _ = text_findings(lint_text, TITLE, f'briefTitle: "{written}"')
    assert [f.fix.new for f in findings if f.rule.code == "T002"] == ([right] if right else [])


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("Driver of resistance: a drive gene mutation", "driver"),
        ("Mutations that drive gene expression in tumours", None),  # the verb
        ("Video recoding of the sessions", "recording"),
        ("Data recoding before the analysis", None),  # recoding data
        ("Whole exon sequencing of the tumour", "exome"),
        ("Targeted exon sequencing of EGFR", None),
        ("The patient sings and dances", None),  # music therapy
        ("Two visits per patient are planned", None),  # the subject is 'visits'
        ("Pain immediate after surgery", "immediately"),
        ("Pain in the immediate post-operative period", None),
    ],
)
def test_confusable_contexts_that_may_be_right(lint_text, written, right):
    findings, _ = text_findings(lint_text, TITLE, f'briefTitle: "{written}"')
    assert [f.fix.new.lower() for f in findings if f.rule.code == "T002"] == (
        [right] if right else []
    )


def test_confusables_are_not_judged_in_a_paragraph_of_another_language(lint_text):
    summary = (
        "      Le nombre de points de la douleur est mesure chez les patients avec une "
        "torsade de pointes, et le nombre de points est compare entre les deux groupes."
    )
    english = (
        "      Adults who had a total knee replacement are randomly assigned to supervised "
        "exercise\n      training or usual care, and their walking is compared after 12 weeks."
    )
    findings, _ = text_findings(lint_text, english, summary)
    assert [f for f in findings if f.rule.code == "T002"] == []


def test_tripled_letter_when_the_record_spells_the_word_right(lint_text):
    old = "        description: Three supervised exercise sessions a week for 12 weeks."
    new = "        description: Alll patients exercise; all patients are supervised."
    findings, text = text_findings(lint_text, old, new)
    finding = only(findings)
    assert finding.rule.code == "T003"
    assert (finding.line, finding.column) == position_of(text, "Alll")
    assert finding.message == "'Alll' has the letter 'l' three times; did you mean 'All'?"


def test_a_name_spelled_otherwise_in_its_email_is_left_to_the_contacts_rule(lint_text):
    old = "  contactsLocationsModule:\n"
    new = old + (
        "    centralContacts:\n      - name: Myriem Carrrier, MSc\n        role: CONTACT\n"
        "        email: myriem.carrier@example.org\n"
    )
    findings, _ = text_findings(lint_text, old, new, family="")
    assert [f.rule.code for f in findings] == ["C003"]


@pytest.mark.parametrize(
    "title",
    [
        "Stage IIIB Disease and Factor VIII",  # roman numerals
        "CIUSSS du Centre-Sud and Ciusss Outcomes",  # acronyms, in any case
        "See www.example.org and Brrrr",  # a web address; no right spelling in the record
    ],
)
def test_tripled_letters_that_are_not_slips(lint_text, title):
    assert text_findings(lint_text, TITLE, f"briefTitle: {title}")[0] == []


def test_doubled_word(lint_text):
    findings, text = text_findings(lint_text, TITLE, "briefTitle: Effect of the the Exercise")
    finding = only(findings)
    assert finding.rule.code == "T004"
    assert (finding.line, finding.column) == position_of(text, "the the")
    assert finding.message == "'the' is written twice"
    assert (finding.fix.old, finding.fix.new) == ("the the", "the")


def test_a_doubled_word_across_a_line_break_or_two_spaces(lint_text):
    """A literal block keeps its line breaks: 'the' at a line's end and again at the next
    line's start is doubled all the same, as is 'with  with' (two spaces)."""
    old = "    briefSummary: >-\n"
    new = (
        "    detailedDescription: |-\n      Adults are treated with  with the drug for the\n"
        "      the whole study.\n" + old
    )
    findings, text = text_findings(lint_text, old, new)
    assert [(f.rule.code, f.line, f.column, f.fix.old, f.fix.new) for f in findings] == [
        ("T004", *position_of(text, "with  with"), "with  with", "with"),
        # located by its first word: the part goes on to the next line
        ("T004", *position_of(text, "the\n      the"), "the\nthe", "the"),
    ]


def test_a_doubled_word_across_a_folded_line_is_located_at_its_first_word(lint_text):
    old = "    briefSummary: >-\n"
    new = "    detailedDescription: >-\n      Adults get the drug for the\n      the study.\n" + old
    findings, text = text_findings(lint_text, old, new)
    assert [(f.rule.code, f.line, f.column) for f in findings] == [
        ("T004", *position_of(text, "the\n      the"))
    ]


def test_a_word_repeated_across_a_blank_line_is_not_doubled(lint_text):
    old = "    briefSummary: >-\n"
    new = (
        "    detailedDescription: |-\n      Adults are treated with the\n\n      the drug.\n" + old
    )
    assert text_findings(lint_text, old, new)[0] == []


def test_a_doubled_word_after_a_word_that_ends_the_same(lint_text):
    """'Soothe the the': the first 'the the' in the text starts inside 'Soothe'; the search
    must go on from there, not from after it, to find the doubled word that overlaps it."""
    findings, text = text_findings(lint_text, TITLE, "briefTitle: Soothe the the Pain")
    finding = only(findings)
    assert finding.rule.code == "T004"
    line, space = position_of(text, " the the")
    assert (finding.line, finding.column) == (line, space + 1)


def test_a_repeated_phrase_after_a_word_that_ends_the_same(lint_text):
    new = "      * Patients bathe the skin daily the skin daily the skin daily at home"
    findings, text = text_findings(lint_text, CRITERIA, new)
    finding = only(findings)
    assert finding.rule.code == "T005"
    line, space = position_of(text, " the skin")
    assert (finding.line, finding.column) == (line, space + 1)
    assert finding.message == "'the skin daily' is written twice in a row"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (TITLE, "briefTitle: What Had Had Happened and That That Says"),  # grammatical
        ("      - name: Jane Doe, MD", "      - name: Li Li, MD"),  # a name
        ("facility: Example University Hospital", "facility: Sir Run Run Shaw Hospital"),
    ],
)
def test_doubled_words_that_are_right(lint_text, old, new):
    assert text_findings(lint_text, old, new)[0] == []


def test_names_are_not_judged_for_tripled_letters(lint_text):
    old = "affiliation: Example University Hospital"
    new = "affiliation: Hasanudddin University Hospital"
    assert text_findings(lint_text, old, new)[0] == []


def test_heading_run_in_is_not_a_doubled_word(lint_text):
    old = "    briefSummary: >-\n"
    new = "    detailedDescription: |-\n      Benefits Benefits are a new method.\n" + old
    assert text_findings(lint_text, old, new)[0] == []


def test_duplicated_phrase_of_the_seed(lint_text):
    new = (
        "      * Patient having received belimumab within 2 months of belimumab within 2 months "
        "of Baseline"
    )
    findings, text = text_findings(lint_text, CRITERIA, new)
    finding = only(findings)
    assert finding.rule.code == "T005"
    assert (finding.line, finding.column) == position_of(text, "belimumab within")
    assert finding.message == "'belimumab within 2 months of' is written twice in a row"
    assert finding.fix.new == "belimumab within 2 months of"


def test_lists_with_a_shared_pattern_are_not_duplicated_phrases(lint_text):
    new = "      * Induction, consolidation I, reinduction block I, reinduction block II"
    assert text_findings(lint_text, CRITERIA, new)[0] == []


def test_a_doubled_word_is_compared_without_its_punctuation(lint_text):
    new = "      * Pain (mild mild) or cancer cancer, in the past 4 weeks"
    findings, text = text_findings(lint_text, CRITERIA, new)
    assert [(f.rule.code, f.line, f.column) for f in findings] == [
        ("T004", *position_of(text, "mild mild")),
        ("T004", *position_of(text, "cancer cancer")),
    ]


@pytest.mark.parametrize(
    "criterion",
    [
        "      * Knee surgery study Study population: adults",  # a heading run in
        "      * VULVODYNIA Vulvodynia is a condition of pain",
        "      * Chronic pain. Pain at rest is excluded",  # across a full stop
        "      * A degenerative disease (disease of the disc) at any level",  # it explains
        "      * Very satisfied/Somewhat satisfied/Somewhat dissatisfied",  # a list
        "      * Doses based on on-going assessment of pain",  # into a hyphenated word
        "      * Cyclophosphamide 60 mg/kg/day day -7 to -2",  # part of a unit
        "      * In addition to SoC to SoC only",  # two words of an abbreviation
    ],
)
def test_repeats_that_are_no_slip(lint_text, criterion):
    assert text_findings(lint_text, CRITERIA, criterion)[0] == []


def test_a_phrase_repeated_in_two_items_of_a_list_is_no_duplicated_phrase(lint_text):
    """The words repeat back to back (the list marks are no words), but on two lines."""
    new = "      * Chronic knee pain\n      * Chronic knee pain"
    assert text_findings(lint_text, CRITERIA, new)[0] == []
    findings, _ = text_findings(lint_text, CRITERIA, "      * Chronic knee pain Chronic knee pain")
    assert [f.rule.code for f in findings] == ["T005"]


@pytest.mark.parametrize(
    ("criterion", "phrase"),
    [
        ("      * Any therapy within 28 days prior to the to the first dose", "to the"),
        ("      * Adults with non-small cell lung cancer cell lung cancer", "cell lung cancer"),
        # two English words capitalised, as a title writes them: no name's words
        ("      * Adults with Acute Kidney Acute Kidney Injury are excluded", "Acute Kidney"),
    ],
)
def test_a_phrase_of_two_words_or_pasted_from_inside_a_word(lint_text, criterion, phrase):
    findings, text = text_findings(lint_text, CRITERIA, criterion)
    finding = only(findings)
    assert finding.rule.code == "T005"
    assert (finding.line, finding.column) == position_of(text, f"{phrase} {phrase}")
    assert finding.message == f"{phrase!r} is written twice in a row"


def test_a_sentence_written_twice(lint_text):
    sentence = "Note: antiestrogen therapy is permitted while on trial."
    findings, text = text_findings(lint_text, CRITERIA, f"      * {sentence} {sentence}")
    finding = only(findings)
    assert finding.rule.code == "T005"
    assert (finding.line, finding.column) == position_of(text, sentence)
    assert finding.fix.new == sentence


SENTENCE = "Note: antiestrogen therapy is permitted while on trial."
LEAD = "A male must agree to all the following during the study:"


@pytest.mark.parametrize(
    ("criteria", "repeated"),
    [
        # after another sentence of the same line; after a bullet and its blanks
        (f"      * Adults only. {SENTENCE} {SENTENCE} Then more.", SENTENCE),
        (f"      -   {SENTENCE} {SENTENCE}", SENTENCE),
        (f"      * {SENTENCE}", None),  # once
        ("      * Note: all may enrol. Note: all may enrol.", None),  # too short to judge
        (f"      * {SENTENCE} {SENTENCE[:-1]} arms.", None),  # the second goes on
        (f"      * {SENTENCE} {SENTENCE[:-1]}", None),  # the second stops short
        # a clause that leads a list, written twice
        (f"      * {LEAD} {LEAD}\n\n        * no alcohol", LEAD),
        (f"      * Adults only; {LEAD} {LEAD}", LEAD),
    ],
)
def test_which_sentences_written_twice_are_reported(lint_text, criteria, repeated):
    findings, text = text_findings(lint_text, CRITERIA, criteria)
    duplicated = [f for f in findings if f.rule.code == "T005"]
    if repeated is None:
        assert duplicated == []
        return
    [finding] = duplicated
    assert (finding.line, finding.column) == position_of(text, repeated)
    assert finding.fix.new == repeated


def test_a_sentence_is_not_repeated_across_two_fields(lint_text):
    sentence = "Adults who walk with an aid are enrolled here."
    text = GOOD.replace(TITLE, f"{TITLE}. {sentence}", 1).replace(
        "Knee Osteoarthritis", f"{sentence} Knee Osteoarthritis", 1
    )
    assert [f for f in lint_text(text).findings if f.rule.code == "T005"] == []


def test_the_lowercased_text_keeps_every_offset():
    """'İ' lowercases to two characters: such a text is lowercased a character at a time (the
    capital sigma as a small one, whatever its place), so that offsets stay aligned."""
    from trialint.document.textfields import TextIndex

    texts = ["İstanbul ΟΔΥΣΣΕΑΣ", "ΣΟΦΟΣ İ", "Aİb", "plain text", "Σ", "İ"]
    for text in texts:
        index = TextIndex({"descriptionModule": {"briefSummary": text}})
        per_character = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        if len(text.lower()) == len(text):
            assert index.lower == text.lower()
        else:
            assert index.lower == per_character
        assert len(index.lower) == len(index.text)


def test_an_abbreviation_is_matched_with_its_case(lint_text):
    """CSM is French for MSC: reported where the record says MSC, not where it names the
    degree MSc."""
    old = "      * Revision surgery"
    new = "      * Revision surgery; 10^6 CSM/kg"
    assert text_findings(lint_text, old, new + " of a study nurse with an MSc")[0] == []
    findings, _ = text_findings(lint_text, old, new + "; MSC from the donor")
    assert [f.rule.code for f in findings] == ["T011"]


def test_html_entity(lint_text):
    findings, text = text_findings(lint_text, TITLE, "briefTitle: Adults Aged &gt;65 Years")
    finding = only(findings)
    assert (finding.rule.code, finding.message) == ("T006", "'&gt;' is an HTML entity; write '>'")
    assert (finding.line, finding.column) == position_of(text, "&gt;")
    assert finding.fix.safe


def test_mojibake_is_reported_with_the_repair(lint_text):
    findings, text = text_findings(lint_text, "city: Lyon", "city: CrÃ©teil")
    finding = only(findings)
    assert finding.rule.code == "T007"
    assert (finding.line, finding.column) == position_of(text, "CrÃ©teil")
    assert finding.message == (
        "'CrÃ©teil' is garbled text (UTF-8 read as Windows-1252); it reads 'Créteil'"
    )


def test_mojibake_beyond_a_list_of_sequences(lint_text):
    """Any character garbled, judged by ftfy: '≥' read as Windows-1252 is 'â‰¥'."""
    findings, text = text_findings(lint_text, CRITERIA, "      * Platelets â‰¥100,000/mcL")
    finding = only(findings)
    assert finding.rule.code == "T007"
    assert (finding.line, finding.column) == position_of(text, "â‰¥100,000/mcL")
    assert finding.message == (
        "'â‰¥100,000/mcL' is garbled text (UTF-8 read as Windows-1252); it reads '≥100,000/mcL'"
    )
    assert (finding.fix.new, finding.fix.safe) == ("≥100,000/mcL", False)


def test_a_word_garbled_twice_is_reported_once(lint_text):
    findings, _ = text_findings(lint_text, "city: Lyon", "city: Ã‰vry-CourcouronnÃ©s")
    assert [(f.rule.code, f.message) for f in findings] == [
        ("T007", "'Ã‰vry-CourcouronnÃ©s' is garbled text (UTF-8 read as Windows-1252); it reads "
         "'Évry-Courcouronnés'"),
    ]  # fmt: skip


def test_a_trademark_sign_ftfy_leaves_is_repaired_too(lint_text):
    findings, _ = text_findings(lint_text, TITLE, "briefTitle: ENCAGEâ„¢ After Knee Replacement")
    assert only(findings).message == (
        "'ENCAGEâ„¢' is garbled text (UTF-8 read as Windows-1252); it reads 'ENCAGE™'"
    )


def test_pdf_ligature(lint_text):
    findings, text = text_findings(lint_text, CRITERIA, "      * Cognitive deﬁcits")
    finding = only(findings)
    assert finding.rule.code == "T007"
    assert (finding.line, finding.column) == position_of(text, "deﬁcits")
    assert finding.message == (
        "'deﬁcits' has the ligature 'ﬁ' of a PDF, which searches miss; it reads 'deficits'"
    )
    assert (finding.fix.old, finding.fix.new, finding.fix.safe) == ("deﬁcits", "deficits", True)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Baden-W\ufffdrttemberg", "'Baden-W\ufffdrttemberg' has the replacement character of "
         "a lost letter; write the character meant"),
        ("\uf0b318", "'\uf0b318' has a character of a PDF's symbol font (U+F0B3) no "
         "reader's font shows; write the character meant"),  # as written: the message names it
    ],
)  # fmt: skip
def test_lost_characters(lint_text, written, message):
    findings, _ = text_findings(lint_text, "city: Lyon", f"city: {written}")
    finding = only(findings)
    assert (finding.rule.code, finding.message, finding.fix) == ("T007", message, None)


@pytest.mark.parametrize(
    "city",
    ["São Paulo", "Câncer Â", "Hôpital Ã", "Århus", "Ñuñoa", "Château-Thierry", "Mâcon",
     "José’s", "'“PARÍ”'"],
)  # fmt: skip
def test_accented_words_are_not_mojibake(lint_text, city):
    assert text_findings(lint_text, "city: Lyon", f"city: {city}")[0] == []


def test_markdown_escape_in_a_title_but_not_in_a_description(lint_text):
    findings, text = text_findings(lint_text, TITLE, "briefTitle: Adults Aged \\>65 Years")
    finding = only(findings)
    assert finding.rule.code == "T008"
    assert (finding.line, finding.column) == position_of(text, "\\>")
    assert finding.message == (
        "'\\>' in briefTitle, a plain-text field: readers see the backslash; write '>'"
    )
    assert (finding.fix.old, finding.fix.new) == ("\\>", ">")
    new = "      * Aged \\>= 18 years, dose 10\\^6 cells/kg"
    assert text_findings(lint_text, CRITERIA, new)[0] == []


def test_doubled_escape_in_a_markdown_field(lint_text):
    findings, text = text_findings(lint_text, CRITERIA, "      * Aged \\\\>= 18 years")
    finding = only(findings)
    assert finding.rule.code == "T009"
    assert (finding.line, finding.column) == position_of(text, "\\\\>")
    assert (finding.fix.old, finding.fix.new) == ("\\\\>", "\\>")


def test_french_number_notation_and_acronym(lint_text):
    old = "        description: Three supervised exercise sessions a week for 12 weeks."
    new = "        description: MSC at 1.10\\^6 CSM / kg"
    findings, text = text_findings(lint_text, old, new)
    assert [(f.rule.code, f.line, f.column) for f in findings] == [
        ("T010", *position_of(text, "1.10\\^6")),
        ("T011", *position_of(text, "CSM")),
    ]
    assert findings[0].fix.new == "1×10\\^6"
    assert findings[1].message == (
        "'CSM' is French (cellules souches mésenchymateuses); the record says 'MSC' elsewhere"
    )


def test_decimals_are_not_french_notation(lint_text):
    old = "        description: Three supervised exercise sessions a week for 12 weeks."
    for decimal in ("12.10^6 cells", "x = 0.10", "version 2.10 of the app"):
        assert text_findings(lint_text, old, f"        description: {decimal}")[0] == []


def test_citations_are_not_checked(lint_text):
    old = "  contactsLocationsModule:"
    new = (
        "  referencesModule:\n    references:\n"
        "      - citation: Smith J. A questionaire study. J Med. 2001;1:1.\n" + old
    )
    assert text_findings(lint_text, old, new)[0] == []


def test_a_records_prose_is_gathered_split_and_scanned_once_for_every_rule(linter, monkeypatch):
    """The text, spelling and repetition rules share one TextIndex per study: its fields are
    gathered, its words split and its text scanned once, however many rules read them."""
    from trialint.document.load import load_bytes
    from trialint.document.textfields import TextIndex
    from trialint.lint.checks import text as family

    built, split, scanned = [], [], []
    init, words, scan = TextIndex.__init__, TextIndex.words.fget, family.Scanner.scan

    def counting_init(self, protocol):
        built.append(protocol)
        init(self, protocol)

    def counting_words(self):
        if self._words is None:
            split.append(self)
        return words(self)

    def counting_scan(self, index):
        scanned.append(index)
        return scan(self, index)

    monkeypatch.setattr(TextIndex, "__init__", counting_init)
    monkeypatch.setattr(TextIndex, "words", property(counting_words))
    monkeypatch.setattr(family.Scanner, "scan", counting_scan)
    text = GOOD.replace(TITLE, "briefTitle: Assesment of the the Exercise Trainnig", 1)
    [study] = load_bytes(text.encode(), "record.yaml", "yaml").studies
    findings = linter.engine.run(study)
    assert {"T001", "T004"} <= {f.rule.code for f in findings}  # text and spelling rules ran
    assert (len(built), len(split), len(scanned)) == (1, 1, 1)


# --- T013 full-width punctuation, T014 lost exponents ------------------------------------------


def test_full_width_punctuation_is_written_in_ascii(lint_text):
    new = "      * Adults\uff08aged 18-75\uff09\uff0cwith knee pain\uff1bno surgery"
    findings, text = text_findings(lint_text, CRITERIA, new)
    assert [(f.rule.code, f.column, f.fix.new, f.fix.safe) for f in findings] == [
        ("T013", position_of(text, "\uff08")[1], " (", True),
        ("T013", position_of(text, "\uff09")[1], ")", True),
        ("T013", position_of(text, "\uff0c")[1], ", ", True),
        ("T013", position_of(text, "\uff1b")[1], "; ", True),
    ]
    assert findings[2].message == "'\uff0c' is a full-width character; write ','"


@pytest.mark.parametrize(
    ("criterion", "lost"),
    [
        ("      * Platelets >= 100 x 109/L", "109"),
        ("      * Neutrophils \u22651.5\u00d7109/L", "109"),
        ("      * Red cells \u2265 3.0 * 1012/L", "1012"),
        ("      * A dose of 109 mg/L", None),  # no multiplication sign
        ("      * Platelets >= 100 x 10^9/L", None),
    ],
)
def test_a_power_of_ten_that_lost_its_exponent(lint_text, criterion, lost):
    findings, text = text_findings(lint_text, CRITERIA, criterion)
    found = [(f.rule.code, f.column, f.fix.new) for f in findings if f.rule.code == "T014"]
    expected = [("T014", position_of(text, lost)[1], f"10^{lost[2:]}")] if lost else []
    assert found == expected


# --- T018 lookalike letters of other alphabets ----------------------------------------------

CYRILLIC_ES = "\u0421"
TURKISH_DOTTED_I, TURKISH_DOTLESS_I = "\u0130", "\u0131"


@pytest.mark.parametrize(
    ("title", "word", "fixed", "letter"),
    [
        (f"{CYRILLIC_ES}ompared Exercise Training", f"{CYRILLIC_ES}ompared", "Compared",
         "Cyrillic capital es (U+0421), not the Latin 'C'"),
        (f"EXERC{TURKISH_DOTTED_I}SE Training After Knee Replacement",
         f"EXERC{TURKISH_DOTTED_I}SE", "EXERCISE",
         "Latin capital i with dot above (U+0130), not the Latin 'I'"),
        (f"Exerc{TURKISH_DOTLESS_I}se Training After Knee Replacement",
         f"Exerc{TURKISH_DOTLESS_I}se", "Exercise",
         "Latin small dotless i (U+0131), not the Latin 'i'"),
    ],
)  # fmt: skip
def test_a_letter_of_another_alphabet_in_an_english_word(lint_text, title, word, fixed, letter):
    findings, text = text_findings(lint_text, TITLE, f"briefTitle: {title}")
    finding = only([f for f in findings if f.rule.code == "T018"])
    assert (finding.line, finding.column) == position_of(text, word)
    assert finding.span.end_column == finding.column + len(word)
    assert finding.message == f"{word!r} is written with the {letter}: write {fixed!r}"
    assert (finding.fix.old, finding.fix.new, finding.fix.safe) == (word, fixed, True)


@pytest.mark.parametrize(
    ("title", "written", "message"),
    [
        ("Lnterbody Fusion After Knee Replacement", "Lnterbody",
         "'Lnterbody' begins with 'L' where a capital 'I' belongs: write 'Interbody'"),
        ("A phase l/II Trial of Exercise Training", "l/",
         "'l' is a lowercase L where the numeral 'I' belongs: write 'I'"),
    ],
)  # fmt: skip
def test_an_l_where_a_capital_i_belongs(lint_text, title, written, message):
    findings, text = text_findings(lint_text, TITLE, f"briefTitle: {title}")
    finding = only([f for f in findings if f.rule.code == "T018"])
    assert (finding.line, finding.column) == position_of(text, written)
    assert finding.message == message
    assert finding.fix.safe


def test_a_roman_numeral_sign_for_the_letters(lint_text):
    findings, text = text_findings(lint_text, TITLE, "briefTitle: A Phase \u2161 Exercise Trial")
    found = [
        (f.column, f.fix.new, f.fix.safe, f.message) for f in findings if f.rule.code == "T024"
    ]
    assert found == [(
        position_of(text, "\u2161")[1], "II", True,
        "'\u2161' is the Roman numeral sign (U+2161), not the letters 'II': write 'II'",
    )]  # fmt: skip


@pytest.mark.parametrize(
    "title", ["Llama Therapy After Knee Replacement", "Lymph Drainage After Knee Replacement"]
)
def test_an_l_that_starts_a_word_by_right(lint_text, title):
    findings, _ = text_findings(lint_text, TITLE, f"briefTitle: {title}")
    assert [f for f in findings if f.rule.code == "T018"] == []


@pytest.mark.parametrize(
    "title",
    [
        "Amyloid A\u03b240 After 8 \u03bcg/day of Exercise",  # Greek letters as symbols
        "Exercise Training in \u041c\u043e\u0441\u043a\u0432\u0430",  # a word wholly Cyrillic
        f"Exercise Training at Y{TURKISH_DOTLESS_I}lmaz Hospital",  # not an English word
    ],
)
def test_letters_of_other_alphabets_that_are_no_slip(lint_text, title):
    findings, _ = text_findings(lint_text, TITLE, f"briefTitle: {title}")
    assert [f for f in findings if f.rule.code == "T018"] == []


def test_a_turkish_name_keeps_its_letters_but_a_cyrillic_lookalike_in_one_does_not(lint_text):
    site = "facility: Example University Hospital"
    for facility, expected in (
        (f"{TURKISH_DOTTED_I}n Hospital", []),  # a name: Turkish letters are its own
        (f"Example {CYRILLIC_ES}omplex", ["T018"]),
    ):
        findings, _ = text_findings(lint_text, site, f"facility: {facility}")
        assert [f.rule.code for f in findings if f.rule.code == "T018"] == expected


# --- T019 missing-space-after-full-stop -----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "written", "fixed"),
    [
        ("Adults walk daily.Patients rest.", "daily.Patients", "daily. Patients"),
        ("Pain is scored (VAS).The score is kept.", "VAS).The", "VAS). The"),
        ("Adults walk daily.patients rest.", None, None),  # no capital: an abbreviation?
        ("See www.Example.org for more.", None, None),  # an address
        ("Adults walk daily. Patients rest.", None, None),
        ("A dose of 2.5 mg.The rest.", "mg.The", "mg. The"),
        ("Led by Dr. A.Smith here.", None, None),  # an initial, one letter
        ("Pain is rated on a scale.It has ten points.", "scale.It", "scale. It"),
        ("Mood is scored (PQ-LES-Q).A 15-item form is used.", "Q).A", "Q). A"),
        ("Mood is scored (PQ-LES-Q).A.B. is the form.", None, None),  # 'A' no article here
    ],
)
def test_a_sentence_run_into_the_next(lint_text, sentence, written, fixed):
    findings, text = text_findings(lint_text, SUMMARY_END, f"      {sentence}")
    found = [(f.column, f.fix.old, f.fix.new, f.fix.safe, f.message)
             for f in findings if f.rule.code == "T019"]  # fmt: skip
    expected = [] if written is None else [(
        position_of(text, written)[1], written, fixed, True,
        f"no space after the full stop in {written!r}: write {fixed!r}",
    )]  # fmt: skip
    assert found == expected


# --- T034 sentence-without-full-stop ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("Lymphoblastic lymphoma (LBL) It is rare in adults.", "(LBL) It is"),
        ("Trial design This is a randomized trial.", "design This is"),
        ("Walking daily, and It is safe.", "and It is"),
        ("A study where the Participants will walk.", None),  # after an article: a capital
        ("Lymphoma (LBL). It is rare in adults.", None),
        ("Trial design\n\n      This is a randomized trial.", None),  # the line kept
    ],
)
def test_a_sentence_without_its_full_stop(lint_text, sentence, written):
    findings, text = text_findings(lint_text, SUMMARY_END, f"      {sentence}")
    found = [(f.column, f.message) for f in findings if f.rule.code == "T034"]
    assert found == ([] if written is None else [(
        position_of(text, written)[1],
        f"{written!r} runs one sentence into the next: end the first with a full stop, or "
        "break the line after a heading",
    )])  # fmt: skip


# --- T031 missing-space-before-bracket-or-unit ---------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "old", "new", "message"),
    [
        ("Overall survival(OS) is compared.", "survival(", "survival (",
         "no space before the bracket in 'survival(OS': write 'survival (OS'"),
        ("Adults with low renal function(Cr above 133) are excluded.", "function(",
         "function (", "no space before the bracket in 'function(Cr': write 'function (Cr'"),
        ("Adults walk for 8weeks.", "8weeks", "8 weeks",
         "no space between the number and its unit in '8weeks': write '8 weeks'"),
        ("Pain is scored up to 1year later.", "1year", "1 year",
         "no space between the number and its unit in '1year': write '1 year'"),
        ("Each patient(s) is seen.", None, None, None),  # a plural mark
        ("Levels are read as log(x) here.", None, None, None),  # a formula
        ("Overall survival (OS) after 8 weeks.", None, None, None),
        ("Cohort A(1) and the CD4(+) count.", None, None, None),  # no lower-case word
        ("Read www.example.org/page(one) first.", None, None, None),  # an address
    ],
)  # fmt: skip
def test_a_missing_space_before_a_bracket_or_a_unit(lint_text, sentence, old, new, message):
    findings, text = text_findings(lint_text, SUMMARY_END, f"      {sentence}")
    found = [(f.column, f.fix.old, f.fix.new, f.fix.safe, f.message)
             for f in findings if f.rule.code == "T031"]  # fmt: skip
    written = None if old is None else old.rstrip("(")
    expected = [] if old is None else [(position_of(text, written)[1], old, new, True, message)]
    assert found == expected


# --- T023 doubled-full-stop -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Pain affects this disease.. The rest.", True),
        ("Pain (see above).. The rest.", True),
        ("Pain affects this disease... The rest.", False),  # an ellipsis
        ("Doses 1..10 are given.", False),
    ],
)
def test_two_full_stops(lint_text, sentence, found):
    findings, text = text_findings(lint_text, SUMMARY_END, f"      {sentence}")
    got = [(f.column, f.fix.old, f.fix.new, f.fix.safe) for f in findings if f.rule.code == "T023"]
    assert got == ([(position_of(text, "..")[1], "..", ".", True)] if found else [])


# --- T020 space-after-hyphen ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "written", "fixed"),
    [
        ("Adults with post- surgical pain.", "post- surgical", "post-surgical"),
        ("A placebo- controlled design.", "placebo- controlled", "placebo-controlled"),
        ("Their envir- onmental factors.", "envir- onmental", "environmental"),
        ("Adults with pre- and post-surgical pain.", None, None),  # a suspended hyphen
        ("Adults with pre- and post- surgical pain.", None, None),  # the pair's second part
        ("MRD- patients stop treatment.", None, None),  # capitals: 'negative'
        ("Open label period- masking ends.", None, None),  # a dash between two words
    ],
)
def test_a_word_broken_by_a_hyphen_and_a_space(lint_text, sentence, written, fixed):
    findings, text = text_findings(lint_text, SUMMARY_END, f"      {sentence}")
    found = [(f.column, f.fix.old, f.fix.new, f.fix.safe, f.message)
             for f in findings if f.rule.code == "T020"]  # fmt: skip
    expected = [] if written is None else [(
        position_of(text, written)[1], written, fixed, False,
        f"{written!r} is one word broken by a hyphen and a space: write {fixed!r}",
    )]  # fmt: skip
    assert found == expected


# --- T021 article-agreement ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "written", "fixed", "why"),
    [
        ("Adults receive a implantable device.", "a implantable", "an implantable", "a vowel"),
        ("It is an pragmatic study.", "an pragmatic", "a pragmatic", "a consonant"),
        ("Usual care. A open-label study.", "A open", "An open", "a vowel"),
        ("Adults receive a European diet.", None, None, None),  # 'eu' sounds 'you'
        ("Adults walk for an hour.", None, None, None),
        ("Adults receive a unit of blood.", None, None, None),  # u: either sound
        ("Group A included adults.", None, None, None),  # a label
        ("Adults receive a at home.", None, None, None),  # a stray word, no article
    ],
)
def test_the_article_before_a_vowel_or_a_consonant(lint_text, sentence, written, fixed, why):
    findings, text = text_findings(lint_text, SUMMARY_END, f"      {sentence}")
    found = [(f.column, f.fix.new, f.fix.safe, f.message)
             for f in findings if f.rule.code == "T021"]  # fmt: skip
    expected = [] if written is None else [(
        position_of(text, written)[1], fixed, True,
        f"{written!r}: write {fixed!r} ({fixed.split()[0].lower()!r} before {why} sound)",
    )]  # fmt: skip
    assert found == expected


def test_an_article_in_a_french_paragraph_is_not_judged(lint_text):
    french = (
        "      Les patients sont suivis pendant un an pour la douleur et la fonction du genou,\n"
        "      et la marche est comparée entre les deux groupes de patients opérés du genou."
    )
    text = GOOD.replace(
        "      Adults who had a total knee replacement are randomly assigned to supervised "
        "exercise\n" + SUMMARY_END,
        french,
    )
    assert "un an pour" in text
    assert [f for f in lint_text(text).findings if f.rule.code == "T021"] == []


# --- T022 past-form-after-modal ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("Pain will evaluated by the nurse.", "will evaluated"),
        ("All subjects will received the implant.", "will received"),
        ("Doses must not exceed 2 mg.", None),  # a base form in -ed
        ("Pain will be evaluated by the nurse.", None),
        ("Samples will becollected at week 12.", None),  # no word: T001's
        ("Usual care. Can Targeted Therapy Help?", None),  # a question: an adjective
    ],
)
def test_a_past_form_after_a_modal(lint_text, sentence, written):
    findings, text = text_findings(lint_text, SUMMARY_END, f"      {sentence}")
    found = [(f.column, f.message, f.fix) for f in findings if f.rule.code == "T022"]
    expected = [] if written is None else [(
        position_of(text, written)[1],
        f"{written!r}: after 'will' write the verb's base form, or 'be' before it for the "
        "passive", None,
    )]  # fmt: skip
    assert found == expected


@needs_shared
def test_grammar_in_the_corpus():
    # Read one by one outside the held-out recall sample: 'a implantable device', 'an
    # pragmatic clinical study', 'a eight item questionnaire'; 'Pain will evaluated by',
    # 'will received', 'the participant will allocated'.
    assert corpus_hits("grammar") == {"T021": 25, "T022": 16}


@needs_shared
def test_typography_in_the_corpus():
    # Read: English text pasted from CJK word processors (67 records), counts of blood
    # cells per litre whose superscript was lost (26 records), and words written with a
    # Cyrillic or Turkish letter or an l for an I (9 records; the 3 words in the held-out
    # recall sample counted only); sentences run into the next after a full stop (all
    # outside the held-out sample read); words broken by a hyphen and a space (the 29
    # outside it read); sentences run into the next, or headings into their text (23, all
    # read).
    assert corpus_hits("typography") == {
        "T013": 328, "T014": 59, "T016": 10, "T017": 10, "T018": 11, "T019": 145, "T020": 31,
        "T023": 9, "T024": 17, "T030": 6, "T031": 342, "T034": 23,
    }  # fmt: skip


# --- T015 results stated in the description ---------------------------------------------------

SUMMARY_END = "      training or usual care, and their walking is compared after 12 weeks."


def test_results_stated_in_the_brief_summary(lint_text):
    stated = "Walking was significantly improved in the exercise group."
    findings, text = text_findings(lint_text, SUMMARY_END, f"{SUMMARY_END} {stated}")
    [finding] = [f for f in findings if f.rule.code == "T015"]
    assert (finding.level, finding.pointer) == (
        "warning",
        "/protocolSection/descriptionModule/briefSummary",
    )
    assert (finding.line, finding.column) == position_of(text, stated)
    assert finding.message == (
        "the brief summary states results ('Walking was significantly improved in the exercise "
        "group.'); results go in the results section, the description says what the study will "
        "do"
    )


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("Results: no significant difference was found in both groups.", True),
        ("Our results show a difference (p < 0.05).", True),
        ("In this study, exercise was proven to be safe.", True),
        # background, a hypothesis, or the plan
        ("Previous studies found walking significantly improved in the exercise group.", False),
        ("We test whether walking is significantly improved in the exercise group.", False),
        ("Walking will be compared between the two groups.", False),
        ("Walking was significantly improved after surgery (Smith et al).", False),
    ],
)
def test_which_sentences_state_results(lint_text, sentence, stated):
    findings, _ = text_findings(lint_text, SUMMARY_END, f"{SUMMARY_END} {sentence}")
    assert [f.rule.code for f in findings if f.rule.code == "T015"] == (["T015"] if stated else [])


@needs_shared
def test_results_stated_in_the_corpus():
    # Read: a pasted abstract's Results or Conclusion, or a finding about the study's groups.
    assert corpus_hits("stated_results") == {"T015": 5}


# --- T016 a list's mark at an outcome title's start --------------------------------------------

MEASURE = "      - measure: Six-minute walk distance"


def test_a_list_mark_carried_into_an_outcome_title(lint_text):
    findings, text = text_findings(
        lint_text, MEASURE, "      - measure: 2.Six-minute walk distance"
    )
    [finding] = findings
    assert (finding.rule.code, finding.level) == ("T016", "warning")
    assert finding.pointer == "/protocolSection/outcomesModule/primaryOutcomes/0/measure"
    assert (finding.line, finding.column) == position_of(text, "2.Six")
    assert (finding.fix.old, finding.fix.new, finding.fix.safe) == ("2.", "", True)
    assert finding.message == (
        "the outcome title begins with the list mark '2.', left from a list: the registry "
        "numbers outcomes itself"
    )


@pytest.mark.parametrize(
    ("title", "mark"),
    [
        ("10) Six-minute walk distance", "10) "),
        ("(3) Six-minute walk distance", "(3) "),
        ("- Six-minute walk distance", "- "),
        ("\u2022 Six-minute walk distance", "\u2022 "),
        ("6-minute walk distance", None),
        ("1.5 T MRI lesion volume", None),
        ("3D gait analysis", None),
    ],
)
def test_which_titles_begin_with_a_list_mark(lint_text, title, mark):
    findings, _ = text_findings(lint_text, MEASURE, f"      - measure: '{title}'")
    assert [f.fix.old for f in findings if f.rule.code == "T016"] == ([mark] if mark else [])


def test_the_fix_removes_the_mark(tmp_path):
    path = tmp_path / "NCT01234567.yaml"
    path.write_text(GOOD.replace(MEASURE, "      - measure: 2. Six-minute walk distance"))
    assert main(["lint", "--fix", "--today", "2024-03-15", str(path)]) == 0
    assert path.read_text() == GOOD


# --- T017 a list item run on from the one before ------------------------------------------------


def test_a_list_item_that_lost_its_line_break(lint_text):
    new = "      * Able to walk 10 metres * Able to climb stairs"
    findings, text = text_findings(lint_text, CRITERIA, new)
    [finding] = [f for f in findings if f.rule.code == "T017"]
    assert finding.pointer == "/protocolSection/eligibilityModule/eligibilityCriteria"
    assert (finding.line, finding.column) == position_of(text, "* Able to climb")
    assert finding.message == (
        "list item '*' runs on from the item before it: start it on a line of its own"
    )


@pytest.mark.parametrize(
    ("criteria", "run_on"),
    [
        ("1. Adults\n2. Knee pain 3. Able to walk", ["3."]),
        ("1) Adults\n2) Knee pain; 3) Able to walk", ["3)"]),
        ("1. Adults\n2. Knee pain\n3. Able to walk", []),
        ("1) Score of 24 or lower, 2) score of 30, 3) age 18", []),  # written inline
        ("1. Adults (Stage 1 and 2) who walk\n2. Knee pain", []),  # a bracket, not an item
        ("1. Adults aged 18 to 65\n2. Dose of 2.5 mg", []),
    ],
)
def test_which_list_items_run_on(criteria, run_on):
    assert [criteria[start:end] for start, end in run_on_items(criteria)] == run_on


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("Mortality form invasive mold infection", "from"),
        ("Scores ranging form 0 to 10", "from"),
        ("A consent form signed before screening", None),
        ("Has active local or system infection", "systemic"),
        ("Central nervous system infection", None),
        ("Retreats lead by an instructor", "led by"),
        ("Parents lead by example", None),
        ("Range of motion be patients", "by"),
        ("Mood measured be the POMS", "by"),
        ("All data recorded be verified", None),
        ("Text messages to access vaping status", "assess"),
        ("Vascular access status at baseline", None),
        ("Engraftment in defined as an ANC above 500", "is defined as"),
        ("The purpose if this study is to assess pain", "purpose of"),
        ("Subjects are randomized o receive a patch", "to receive"),
        ("Subjects are assigned to received a patch", "to receive"),
        ("From data of enrollment until progression", "date of"),
        ("Designed to approve non-inferior efficacy", "to prove"),
        ("Documented by either or the following", "either of"),
        ("Either or both of the following", None),
        ("Any systematic or local disease", "systemic"),
        ("Flexion range of motion of lumber", "lumbar"),
        ("Pain after he adverse events of surgery", "the"),
        ("The surgeon guides one tool and he other one the endoscope", "the"),
        ("He first noticed pain at rest", None),  # the pronoun, before a verb
    ],
)
def test_real_word_errors_of_one_letter_in_their_contexts(lint_text, written, right):
    findings, _ = text_findings(lint_text, TITLE, f'briefTitle: "{written}"')
    assert [f.fix.new.lower() for f in findings if f.rule.code == "T002"] == (
        [right] if right else []
    )


def test_a_heading_written_twice_on_two_lines(lint_text):
    twice = "      Exclusion Criteria:\n\n      Exclusion criteria:"
    findings, text = text_findings(lint_text, "      Exclusion Criteria:", twice)
    finding = only(findings)
    assert finding.rule.code == "T005"
    assert (finding.line, finding.column) == position_of(text, "Exclusion Criteria:")
    assert finding.message == "'Exclusion Criteria:' is written twice in a row, on two lines"


def test_a_subheading_that_starts_like_its_heading_is_no_repeat(lint_text):
    new = "      Exclusion Criteria:\n\n      Exclusion criteria for all randomisations:"
    assert text_findings(lint_text, "      Exclusion Criteria:", new)[0] == []


@needs_shared
def test_repeated_headings_in_the_corpus():
    """Three, all read and real: two 'Exclusion Criteria:' and a 'Drug:' line."""
    import json

    from trialint.lint.checks.text import _repeated_headings
    from trialint.lint.record import Record

    from conftest import SHARED

    count = 0
    for path in sorted((SHARED / "corpus" / "ctgov-v2").glob("*.json")):
        record = Record(json.loads(path.read_text(encoding="utf-8")))
        count += sum(1 for _ in _repeated_headings(record.text))
    assert count == 3


def test_a_value_after_a_label_then_a_sentence_that_starts_with_it_is_a_run_in(lint_text):
    """'Drugs: Apatinib' on a line of its own, then 'Apatinib (500 mg/d) was given orally.':
    the line break was lost, no word was typed twice (issue 13, section 3; 08574cc)."""
    old = (
        "        description: Progressive strength and balance exercises supervised by a "
        "physiotherapist."
    )
    new = "        description: 'Drugs: Apatinib Apatinib (500 mg/d) was given orally.'"
    findings, _ = text_findings(lint_text, old, new)
    assert [f.rule.code for f in findings if f.rule.code == "T004"] == []


@pytest.mark.parametrize(
    ("written", "right"),
    [
        ("Evaluation of Efficacity and Safety", "Efficacy"),
        ("Hematopoetic Cell Transplantation", "Hematopoietic"),
        ("Endoscopic disectomy", "discectomy"),
    ],
)
def test_listed_misspellings_seen_in_more_than_one_record(lint_text, written, right):
    findings, _ = text_findings(lint_text, TITLE, f'briefTitle: "{written}"')
    assert [f.fix.new for f in findings if f.rule.code == "T001"] == [right]


@pytest.mark.parametrize(
    ("frame", "stray", "fixed"),
    [
        ("Before, 14 days, 1, month, 3 months", "1, month", "Before, 14 days, 1 month, 3 months"),
        ("3, 6, and 12, months after surgery", "12, months", "3, 6, and 12 months after surgery"),
        ("3 At 3 months post-randomization", "3 At", "At 3 months post-randomization"),
    ],
)
def test_a_stray_mark_in_a_time_frame(lint_text, frame, stray, fixed):
    findings, text = text_findings(
        lint_text, "timeFrame: Baseline and week 12", f"timeFrame: '{frame}'"
    )
    finding = only(findings)
    assert finding.rule.code == "T030"
    assert finding.line == position_of(text, stray)[0]
    fix = finding.fix
    assert frame[: fix.offset] + fix.new + frame[fix.offset + len(fix.old) :] == fixed


@pytest.mark.parametrize(
    "frame",
    [
        "Baseline, week 1, week 2, and week 7",  # time points, the number after its unit
        "12 Months",  # a capitalised unit
        "1, 3 and 6 months",  # a list of numbers
        "2 Visits: at 2 and 4 weeks",
    ],
)
def test_time_frames_without_a_stray_mark(lint_text, frame):
    findings, _ = text_findings(
        lint_text, "timeFrame: Baseline and week 12", f"timeFrame: '{frame}'"
    )
    assert [f for f in findings if f.rule.code == "T030"] == []


def test_a_height_squared_that_lost_its_superscript(lint_text):
    new = "      * Body mass index from 18 to 30: weight (kg)/(height [m])2"
    findings, text = text_findings(lint_text, CRITERIA, new)
    finding = only(findings)
    assert finding.rule.code == "T014"
    line, column = position_of(text, "])2")
    assert (finding.line, finding.column) == (line, column + 2)
    assert finding.fix.new == "^2"


def test_a_height_in_metres_squared_written_as_a_unit_is_no_lost_exponent(lint_text):
    new = "      * Body mass index from 18 to 30 kg/m2 (weight and height measured)"
    assert text_findings(lint_text, CRITERIA, new)[0] == []
