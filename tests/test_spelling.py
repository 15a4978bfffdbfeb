"""Spelling: the detector's tiers on small records, what it never judges, the curator's
words, real words in the wrong place, and repeated words that are no slip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from trialint.config import Config, ConfigError
from trialint.lint.engine import Context
from trialint.lint.runner import Linter
from trialint.spelling.candidates import Shape, shape_of
from trialint.spelling.vocabulary import vocabulary

from conftest import GOOD_TEXT, TODAY, codes, load_script, mutate, position_of

SUMMARY = (
    "      Adults who had a total knee replacement are randomly assigned to supervised exercise\n"
    "      training or usual care, and their walking is compared after 12 weeks."
)
SUMMARY_PATH = "/protocolSection/descriptionModule/briefSummary"
TITLE = "briefTitle: Exercise Training After Knee Replacement"


def with_summary(text: str) -> str:
    return mutate((SUMMARY, f"      {text}"))


@pytest.fixture
def spelling(tmp_path: Path):
    """The T001, T012 and T002 findings of a record, with the rules ``selected`` (default:
    the configuration's defaults) and the curator's ``words``."""

    def run(text: str, *selected: str, words: tuple[str, ...] = ()) -> list:
        linter = Linter(Context(today=TODAY), Config(select=selected, words=words))
        path = tmp_path / "NCT01234567.yaml"
        path.write_text(text, encoding="utf-8")
        result = linter.lint_paths([str(path)])
        assert result.errors == []
        return [f for f in result.findings if f.rule.code in ("T001", "T002", "T012")]

    return run


# --- the tiers --------------------------------------------------------------------------------


def test_a_typists_slip_of_a_common_word_is_a_warning_with_a_safe_fix(spelling):
    text = with_summary("Adults with hypertensoin are assigned to either drug for 12 weeks.")
    [finding] = spelling(text)
    assert codes([finding]) == [("T001", *position_of(text, "hypertensoin"))]
    assert finding.pointer == SUMMARY_PATH
    assert finding.message == (
        "'hypertensoin' is misspelled (two letters swapped); write 'hypertension'"
    )
    assert (finding.fix.old, finding.fix.new, finding.fix.safe) == (
        "hypertensoin", "hypertension", True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("written", "meant", "shape"),
    [
        ("diagnossis", "diagnosis", "a letter doubled"),
        ("questionnarie", "questionnaire", "two letters swapped"),
        ("hospitalzation", "hospitalization", "a letter dropped"),
        ("intravenoous", "intravenous", "a letter doubled"),
    ],
)
def test_each_kind_of_slip_names_the_word_meant(spelling, written, meant, shape):
    text = with_summary(f"Adults receive the {written} test at baseline and at week 12.")
    [finding] = spelling(text)
    assert finding.rule.code == "T001"
    assert finding.message == f"{written!r} is misspelled ({shape}); write {meant!r}"


def test_a_records_findings_do_not_depend_on_the_records_read_before_it(tmp_path):
    """The detector settles the tokens it found nothing in, for the next records: a token
    holding a slip is never settled, however often it is seen."""
    slip = with_summary("Adults with (hypertensoin) or hypertension, hypertensoin-like signs.")
    expected = [("T001", *position_of(slip, "hypertensoin", n)) for n in (1, 2)]
    folder = tmp_path / "run"
    folder.mkdir()
    for name in ("NCT01234567", "NCT01234568", "NCT01234569"):
        (folder / f"{name}.yaml").write_text(slip, encoding="utf-8")
    linter = Linter(Context(today=TODAY), Config())
    result = linter.lint_paths([str(folder)])
    by_file: dict[str, list] = {}
    for finding in result.findings:
        if finding.rule.code == "T001":
            by_file.setdefault(finding.path, []).append(finding)
    assert [codes(found) for found in by_file.values()] == [expected] * 3
    again = linter.lint_paths([str(folder / "NCT01234567.yaml")]).findings
    assert codes([f for f in again if f.rule.code == "T001"]) == expected


def test_a_word_run_into_the_next_is_split(spelling):
    text = with_summary("Samples will becollected at baseline and at week 12.")
    [finding] = spelling(text)
    assert (finding.rule.code, finding.fix.new) == ("T001", "be collected")


@pytest.mark.parametrize(
    ("sentence", "written", "fixed"),
    [
        ("Adults with d iabetic neuropathy walk daily.", "d iabetic", "diabetic"),
        ("Our assump tions are tested at week 12.", "assump tions", "assumptions"),
    ],
)
def test_a_word_a_space_cut_in_two_is_joined(spelling, sentence, written, fixed):
    text = with_summary(sentence)
    [finding] = spelling(text)
    assert codes([finding]) == [("T001", *position_of(text, written))]
    assert (
        finding.message == f"{written!r} is misspelled (a space inside the word); write {fixed!r}"
    )
    assert (finding.fix.old, finding.fix.new, finding.fix.safe) == (written, fixed, True)


def test_a_singular_english_does_not_have_is_a_misspelling(spelling):
    """'Diabete Mellitus', the condition of 20 records of the tuning half: no English word
    'diabete' is the singular of 'diabetes', which the record writes elsewhere."""
    text = mutate(
        ("      - Knee Osteoarthritis\n", "      - Diabete Mellitus\n"),
        ("      Adults who had", "      Adults with diabetes who had"),
    )
    found = [(f.rule.code, f.fix.new, f.fix.safe) for f in spelling(text)]
    assert found == [("T001", "Diabetes", True)]


def test_two_words_that_make_one_are_a_phrase(spelling):
    """'post mortem' is English written apart; 'sacro iliac' a compound beside a word."""
    for sentence in ("A post mortem is done.", "Adults with sacro iliac pain walk daily."):
        assert spelling(with_summary(sentence), "T001", "T012") == [], sentence


def test_a_word_formation_makes_may_still_be_a_slip_of_a_common_word(spelling):
    """'Subcutaneus' is sub + cutaneus (Latin) by the rules of word formation, and a letter
    dropped from 'subcutaneous', which trial records write: perhaps a slip, no more, as a
    word only the unabridged dictionary lists."""
    text = with_summary("Adults receive a subcutaneus injection at baseline and at week 12.")
    assert spelling(text) == []
    [finding] = spelling(text, "T012")
    assert codes([finding]) == [("T012", *position_of(text, "subcutaneus"))]
    assert finding.fix.new == "subcutaneous"


def test_a_key_struck_with_its_neighbour_inside_a_common_word_is_no_formation(spelling):
    """'baserline' is 'baser' + 'line' by formation, and 'baseline' with 'r' struck beside
    'e': inside a word most records write, the slip is likelier."""
    text = with_summary("Adults walk for twelve weeks; their baserline score is compared.")
    [finding] = spelling(text, "T001", "T012")
    assert (finding.fix.old, finding.fix.new) == ("baserline", "baseline")


def test_an_old_dictionary_word_a_typists_slip_of_an_everyday_word_may_be_one(spelling):
    """'frist' is in Webster's of 1934, and 'first' with two letters swapped."""
    text = with_summary("Adults walk for twelve weeks; the frist visit is at week 2.")
    assert [(f.rule.code, f.fix.new) for f in spelling(text, "T001", "T012")] == [("T012", "first")]
    # 'goup' too: 'group' with a letter dropped inside it
    text = with_summary("Adults walk for twelve weeks; each goup is compared at week 2.")
    assert [(f.rule.code, f.fix.new) for f in spelling(text, "T001", "T012")] == [("T012", "group")]


def test_a_formed_word_a_letter_longer_than_a_common_one_is_no_slip(spelling):
    """'Ethnical' is 'ethnic' with an ending, and 'ethical' with a letter added: endings add
    letters by right, so formation wins."""
    text = with_summary("Adults of a similar ethnical background are assigned for 12 weeks.")
    assert spelling(text, "ALL") == []


def test_two_long_common_words_run_together_are_an_info(spelling):
    text = with_summary("Adults with chroniccluster headache are assigned for 12 weeks.")
    assert spelling(text) == []
    [finding] = spelling(text, "T012")
    assert codes([finding]) == [("T012", *position_of(text, "chroniccluster"))]
    assert finding.fix.new == "chronic cluster"
    assert "two words run together" in finding.message


@pytest.mark.parametrize(
    ("written", "fixed"),
    [("was1158", "was 1158"), ("is1st", "is 1st"), ("to100", "to 100"), ("1or", "1 or")],
)
def test_a_function_word_written_against_a_number_lost_its_space(spelling, written, fixed):
    text = with_summary(f"Adults are assigned {written} weeks of training in 12 weeks.")
    [finding] = spelling(text)
    assert codes([finding]) == [("T001", *position_of(text, written))]
    assert (finding.fix.new, finding.fix.safe) == (fixed, True)
    assert finding.message == f"{written!r} is misspelled (a space missing); write {fixed!r}"


@pytest.mark.parametrize(
    "code", ["hba1c", "C1D1", "stage 1a", "to1000x", "T1b", "10mg", "AT1 receptor", "OR1"]
)
def test_codes_of_letters_and_digits_are_no_lost_space(spelling, code):
    assert spelling(with_summary(f"Adults with {code} are assigned for 12 weeks."), "ALL") == []


def test_two_capitalised_words_run_together_once_are_an_info(spelling):
    text = with_summary(
        "Acute leukemia in adults. Participants with AcuteLeukemia are assigned for 12 weeks."
    )
    [finding] = spelling(text, "T012")
    assert codes([finding]) == [("T012", *position_of(text, "AcuteLeukemia"))]
    assert finding.fix.new == "Acute Leukemia"
    assert "two words run together" in finding.message


@pytest.mark.parametrize(
    "summary",
    [
        # a brand, written so every time
        "The QuitGuide app helps adults quit. QuitGuide is used for 12 weeks; quit guide use.",
        # never written apart: a name, perhaps
        "Participants with AcuteLeukemia are assigned for 12 weeks.",
    ],
)
def test_a_capitalised_compound_that_may_be_a_name_is_not_judged(spelling, summary):
    assert spelling(with_summary(summary), "ALL") == []


@pytest.mark.parametrize("compound", ["birthweight", "germline", "locoregional", "posteroinferior"])
def test_a_compound_of_the_field_is_not_two_words_run_together(spelling, compound):
    text = with_summary(f"Adults with a {compound} finding are assigned for 12 weeks.")
    assert spelling(text, "ALL") == []


@pytest.mark.parametrize(
    ("written", "fixed", "code"),
    [
        # the singular a typist's slip of a word the registry writes: sure
        ("hypertensoins", "hypertensions", "T001"),
        # a letter dropped makes terms of stems too: perhaps only
        ("peumonias", "pneumonias", "T012"),
    ],
)
def test_the_plural_of_a_misspelled_word_is_judged_by_its_singular(spelling, written, fixed, code):
    text = with_summary(f"Adults with two {written} are assigned for 12 weeks.")
    [finding] = spelling(text, "T001", "T012")
    assert codes([finding]) == [(code, *position_of(text, written))]
    assert finding.fix.new == fixed


@pytest.mark.parametrize(("word", "never"), [("fibruss", "fibrouss"), ("abcesss", "accesss")])
def test_a_word_in_ss_is_no_plural(spelling, word, never):
    """'fibruss' less its s is one letter from 'fibrous', but it is no plural of it: a word
    in -ss (or -us, -is) is given no plural suggestion."""
    text = with_summary(f"Adults with one {word} finding are assigned for 12 weeks.")
    assert never not in [finding.fix.new for finding in spelling(text, "ALL")]


def test_a_long_words_first_letter_struck_for_any_other_is_an_info(spelling):
    """'g' is no neighbour of 'd' on a keyboard; the rest of 'giabetic', written right, is
    'diabetic', which trial records write."""
    text = with_summary("Adults with giabetic neuropathy are assigned for 12 weeks.")
    assert spelling(text) == []
    [finding] = spelling(text, "T012")
    assert codes([finding]) == [("T012", *position_of(text, "giabetic"))]
    assert finding.fix.new == "diabetic"


def test_an_abbreviation_run_into_the_next_word_is_split(spelling):
    """Sure where the record writes the two apart, perhaps where it does not."""
    apart = with_summary("Adults with HCV infection are excluded; so is HCVinfection history.")
    [finding] = spelling(apart)
    assert codes([finding]) == [("T001", *position_of(apart, "HCVinfection"))]
    assert (finding.fix.new, finding.fix.safe) == ("HCV infection", True)
    alone = with_summary("Adults have a CTscan at baseline and at week 12.")
    assert spelling(alone) == []
    [finding] = spelling(alone, "T012")
    assert (finding.rule.code, finding.fix.new) == ("T012", "CT scan")


@pytest.mark.parametrize(
    "summary",
    [
        # a brand, written so every time, and in its plural
        "Blood is drawn in PAXgene tubes; each PAXgene tube is frozen.",
        "A PICCline is placed; PICClines are removed at week 12.",
        # a term of the field whose end is no word
        "Tumours with BRCAness are assigned for 12 weeks.",
        # a molecule's variant, named by a Greek letter run into its abbreviation by habit
        "Serum IFNgamma is measured at baseline; IFN gamma levels are compared at week 12.",
    ],
)
def test_an_abbreviation_written_so_by_right_is_not_split(spelling, summary):
    assert spelling(with_summary(summary), "ALL") == []


def test_a_product_in_a_title_is_not_split(spelling):
    text = mutate((TITLE, "briefTitle: The STATdose Pen After Knee Replacement"))
    assert spelling(text, "ALL") == []


@pytest.mark.parametrize("term", ["neuropil", "analyte", "psilocin"])
def test_a_term_english_text_writes_nearly_as_often_as_its_near_word_is_no_slip(spelling, term):
    """No vocabulary of trialint's lists these terms, each one letter or two from a commoner
    word (neutrophil, analyse, psilocybin); English text at large writes them nearly as often
    as that word, as it writes no slip."""
    text = with_summary(f"Adults with one {term} measure are assigned for 12 weeks.")
    assert spelling(text, "ALL") == []


def test_a_slip_english_text_also_writes_is_still_one(spelling):
    """'questionaire' is written too, but a hundred times less than 'questionnaire'."""
    text = with_summary("Adults fill in a questionaire at baseline and at week 12.")
    [finding] = spelling(text)
    assert (finding.rule.code, finding.fix.new) == ("T001", "questionnaire")


@pytest.mark.parametrize(
    "sentence",
    [
        # written in English text, and two edits from 'programs': a word of its own
        "Cytokines are measured in picograms per milliliter at week 12.",
        # written, and capitalised inside a sentence: a name ('Bloom' is a letter away)
        "Control is assessed by a questionnaire published by Bloem et al. in 2020.",
        # an author cited, wherever the name stands ('Burden' is a letter away)
        "Adults are assigned for 12 weeks. Burren et al. showed a benefit of walking.",
        # a word of a name of several: after an initial, beside a particle of another
        # language's names, beside a capitalised word that is no English word
        "Adults who walk less than an hour a day are seen by doctor J. Braley at home.",
        "Adults who walk less than an hour a day are seen at the Hospital das Clinicas.",
        "Adults who walk less than an hour a day are seen at the Centrul Oncohelp in town.",
        # terms of medicine and their opposites, each beside the other: hypo-, hyper-;
        # micro-, macro- (the dictionary lists the last two, and no other vocabulary)
        "Adverse events were hyperacusis, hypoacusis, macrocytosis and microcytosis.",
        # between two words no vocabulary knows: a phrase of another language
        "Adults who walk less than an hour a day are seen at Klinicki bolnicki centar Osijek.",
        # a letter no English typist strikes by slip: a word of another language
        "Adults are recruited by the associées of the clinic for 12 weeks.",
        # drugs of one class, listed together, differ in a letter or two by design
        "Adults treated with a TKI (gefitinib, erlotinib, eclitinib, afatinib or dapatinib) "
        "are excluded.",
    ],
)
def test_a_word_more_likely_its_own_than_a_slip_is_not_reported(spelling, sentence):
    assert spelling(with_summary(sentence), "ALL") == []


@pytest.mark.parametrize(
    ("sentence", "written", "meant"),
    [
        # a typist's slip, in a name's place, is still one
        ("The score is taken Ffrom the diary at week 12.", "Ffrom", "From"),
        # a letter dropped in a listed drug's name is still a slip
        ("Adults treated with a TKI (gefitinib, erltinib or afatinib) are excluded.",
         "erltinib", "erlotinib"),
        # two edits from a common word no English text writes
        ("Adults with a compertmant syndrome are excluded.", "compertmant", "compartment"),
    ],
)  # fmt: skip
def test_a_slip_in_those_places_is_still_reported(spelling, sentence, written, meant):
    text = with_summary(sentence)
    [finding] = spelling(text, "T001", "T012")
    assert (finding.fix.old, finding.fix.new) == (written, meant)


def test_a_one_letter_word_beside_a_name_is_read(tmp_path):
    """'L' beside 'Fuster' is an initial: it is looked at, never searched as a word."""
    text = with_summary(
        "Adults who walk less than an hour a day are assigned to walking for twelve weeks. "
        "The study is led by José L Fuster Soler, Doctor and adults are assigned."
    )
    path = tmp_path / "NCT01234567.yaml"
    path.write_text(text, encoding="utf-8")
    result = Linter(Context(today=TODAY), Config(select=("ALL",))).lint_paths([str(path)])
    assert result.errors == []
    assert [f.rule.code for f in result.findings if f.rule.code.startswith(("F", "T"))] == []


def test_a_long_title_words_first_key_slipped_may_be_a_slip(spelling):
    """'Aconomical': 'a' for 'e', two vowels, in a title; a name is seldom made so."""
    text = mutate((TITLE, "briefTitle: Aconomical Exercise Training After Knee Replacement"))
    assert [(f.rule.code, f.fix.new) for f in spelling(text, "T012")] == [("T012", "Economical")]


def test_a_title_words_edge_slipped_may_be_a_slip(spelling):
    """'Linical' is 'Clinical' with its first letter dropped: a word most records write."""
    text = mutate((TITLE, "briefTitle: Exercise Training After Knee Replacement, a Linical Study"))
    assert [(f.rule.code, f.fix.new) for f in spelling(text, "T012")] == [("T012", "Clinical")]


def test_a_short_title_word_may_be_a_slip(spelling):
    """Every word of a title is capitalised: 'Phse' there is no name, but 'Phase' less a
    letter, as most records write it."""
    text = mutate((TITLE, "briefTitle: A Phse 2 Trial of Exercise After Knee Replacement"))
    assert [(f.rule.code, f.fix.new) for f in spelling(text, "T012")] == [("T012", "Phase")]
    prose = with_summary("Adults walk at the Phse clinic for twelve weeks and are compared.")
    assert spelling(prose, "T012") == []  # capitalised in a sentence: a name


def test_a_capitalised_word_cut_short_once_may_be_a_slip(spelling):
    """'Visua' opening a sentence is 'Visual', a word most records write, less its last
    letter; a record that writes 'Activ' in its title and its intervention writes a brand."""
    text = with_summary("Visua analogue scores of adults who walk are compared at week 12.")
    assert [(f.rule.code, f.fix.new) for f in spelling(text, "T012")] == [("T012", "Visual")]
    brand = mutate(
        (TITLE, "briefTitle: Activ Walking Program After Knee Replacement"),
        (SUMMARY, "      Adults use the Activ program, and Activ counts their steps each day."),
    )
    assert spelling(brand, "ALL") == []


def test_a_capitalised_word_with_a_letter_dropped_inside_may_be_a_slip(spelling):
    """'Digial' in a title is 'Digital' less an inner letter; names are made from words by
    adding or changing letters, seldom by dropping one inside. Inside a sentence, a
    capitalised word is still taken for a name."""
    text = mutate((TITLE, "briefTitle: Digial Exercise Training After Knee Replacement"))
    assert [(f.rule.code, f.fix.new) for f in spelling(text, "T012")] == [("T012", "Digital")]
    prose = with_summary("Adults walk with the Digial team for twelve weeks and are compared.")
    assert spelling(prose, "T001", "T012") == []


def test_a_mistyped_word_after_an_eponym_may_be_a_slip(spelling):
    """A capitalised word beside an unknown capitalised one stands in a name ('Centrul
    Oncohelp'); but 'Syjdrome' after 'Loeys-Dietz' is 'Syndrome' with a key struck for its
    neighbour, which no name's spelling of a word most records write is."""
    text = mutate((TITLE, "briefTitle: Exercise Training in Loeys-Dietz Syjdrome"))
    assert [(f.rule.code, f.fix.new) for f in spelling(text, "T012")] == [("T012", "Syndrome")]
    sites = with_summary("Adults are seen at Hospital das Clinicas and Centrul Oncohelp in Iasi.")
    assert spelling(sites, "T001", "T012") == []


def test_a_letter_written_three_times_in_a_title_may_be_a_slip(spelling):
    """'Callled' is no British '-lled' (travelled), and 'Microsatellite' beside it is a term a
    title capitalises, which formation makes, not a name's word."""
    from trialint.spelling.vocabulary import american_forms

    assert american_forms("callled") == []
    assert american_forms("travelled") == ["traveled"]
    text = mutate((TITLE, "briefTitle: Walking in Tumours Callled Microsatellite Unstable"))
    assert [(f.rule.code, f.fix.new) for f in spelling(text, "T012")] == [("T012", "Called")]


def test_a_slip_in_a_term_capitalised_by_habit_may_be_reported(spelling):
    """'National Cancer Insitute': capitalised inside a sentence, but beside English words the
    registry writes, in a term, not a name; 'Thjese' opens a sentence. A word written so
    every time is the record's own, a brand's ('Sacale' three times)."""
    text = with_summary("Adults are graded by the National Cancer Insitute criteria. Thjese walk.")
    found = {(f.fix.old, f.fix.new) for f in spelling(text, "T001", "T012")}
    assert found == {("Insitute", "Institute"), ("Thjese", "These")}
    brand = mutate(
        (TITLE, "briefTitle: Sacale App After Knee Replacement"),
        (SUMMARY, "      Adults use the Sacale app. Sacale counts their steps for a year."),
    )
    assert spelling(brand, "T001", "T012") == []


def test_a_word_before_an_elided_particle_is_a_names(spelling):
    """'Departement d'Oncologie': French elides 'de' before a vowel, and the word before it is
    a name's, in its own language."""
    text = with_summary("Adults are seen at CHUV; Departement d'Oncologie for 12 weeks.")
    assert spelling(text, "T001", "T012") == []


def test_a_capitalised_word_that_takes_a_possessive_is_a_name(spelling):
    """'Gormally' is 'Formally' with its first key slipped; but a word with 's is a name."""
    text = mutate((TITLE, "briefTitle: Gormally's Binge Eating Scale After Knee Replacement"))
    assert spelling(text, "ALL") == []


def test_a_slip_beside_a_slip_in_a_title_is_still_reported(spelling):
    """In a title every word is capitalised, and one slip may stand beside another: neither
    is a name's word for it."""
    text = mutate((TITLE, "briefTitle: Exercise Trainnning Assesment After Knee Replacement"))
    assert {f.fix.old for f in spelling(text, "T001", "T012")} == {"Trainnning", "Assesment"}


@pytest.mark.parametrize(
    ("sentence", "written", "meant"),
    [
        ("The number pf participants with a fall is counted at week 12.", "pf", "of"),
        ("Adults with hepatic og renal failure are excluded from the study.", "og", "of"),
        ("And as te numbers increase, pain will increase at week 12.", "te", "the"),
    ],
)
def test_a_function_word_mistyped_in_two_letters_is_an_info(spelling, sentence, written, meant):
    text = with_summary(sentence)
    assert spelling(text) == []
    [finding] = spelling(text, "T012")
    line, column = position_of(text, sentence)
    assert codes([finding]) == [("T012", line, column + sentence.index(f" {written} ") + 1)]
    assert (finding.fix.old, finding.fix.new) == (written, meant)
    assert "(a function word mistyped)" in finding.message


@pytest.mark.parametrize(
    "sentence",
    [
        "The PF score and the pf score of each arm are compared at week 12.",  # in capitals too
        "Ages 5 te 12.",  # no word before it
        "The number pf. Participants are counted at week 12.",  # no word after it
        "Adults with a long qt interval are excluded from the study.",  # many studies write it
        "Adults are seen at the Bagcilar Egitim ve arastirma hastanesi.",  # between Turkish
    ],
)
def test_two_letters_that_are_no_function_word_mistyped_are_not_reported(spelling, sentence):
    assert spelling(with_summary(sentence), "ALL") == []


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("atients", "patients"),  # the first letter dropped, from a word most records write
        ("arboplatin", "carboplatin"),  # ... from a long word the registry writes
        ("ruring", "during"),  # the first key slipped to its neighbour
        ("dsurgery", "surgery"),  # a key struck with the first one
        ("whiech", "which"),  # ... with one inside a short word
        ("degeneratiob", "degeneration"),  # the last key slipped to its neighbour
        ("frequenc", "frequency"),  # the last letter of a word most records write cut off
        ("scre", "score"),  # a short word's letter dropped, from a word most records write
        ("afte", "after"),  # ... its last letter
        ("hese", "these"),  # ... its first letter
    ],
)
def test_a_slip_at_a_words_edge_is_a_possible_misspelling(spelling, written, meant):
    """Words change by right at their edges (prefixes, endings), so a slip there is weaker
    evidence than one inside; but not where the word meant is one most records write, or the
    key is one no ending of English puts there."""
    text = with_summary(f"Adults with the {written} walk for twelve weeks and are compared.")
    [finding] = spelling(text, "T001", "T012")
    assert (finding.rule.code, finding.fix.old, finding.fix.new) == ("T012", written, meant)


def test_a_unit_joined_to_its_number_is_read_as_a_word(spelling):
    """'3-monts': a digit makes a token a code ('IL-6'), but not the unit a hyphen joins to
    its number."""
    text = with_summary("Adults walk and are seen at 6-weeks, 3-monts and 12-months after it.")
    [finding] = spelling(text, "T001", "T012")
    assert (finding.fix.old, finding.fix.new) == ("monts", "months")
    codes_only = with_summary("Adults with IL-6 above 7pg and 5-HT3 antagonists are excluded.")
    assert spelling(codes_only, "ALL") == []


@pytest.mark.parametrize(
    ("sentence", "written", "meant", "code"),
    [
        ("Drugs not approved inJapan are excluded for adults.", "inJapan", "in Japan", "T012"),
        ("The gene Mutationand local immune cells are studied.", "Mutationand", "Mutation and",
         "T012"),
        ("Adults receive HRO761with tislelizumab for 12 weeks.", "HRO761with", "HRO761 with",
         "T001"),
    ],
)  # fmt: skip
def test_a_space_lost_beside_a_capital_or_a_code_is_found(spelling, sentence, written, meant, code):
    """Capitals and digits mark where two words were run together: a function word before a
    capitalised word, a long common word before a function word no name ends in, a code
    before a function word."""
    [finding] = spelling(with_summary(sentence), "T001", "T012")
    assert (finding.rule.code, finding.fix.old, finding.fix.new) == (code, written, meant)


@pytest.mark.parametrize(
    "sentence",
    [
        "Adults use the inVentiv portal and the onTrack app at home.",  # brands
        "Dr Harrison and Dr Richardson see adults with CD4AND counts.",  # names, a code
    ],
)
def test_capitals_and_codes_that_run_no_words_together_are_not_reported(spelling, sentence):
    assert spelling(with_summary(sentence), "ALL") == []


def test_a_short_word_with_a_key_struck_beside_another_may_be_a_slip(spelling):
    """'daty': 't' struck with the 'y' it touches, inside a word most records write."""
    text = with_summary("Blood is drawn at daty 0 and 7 from adults who walk.")
    [finding] = spelling(text, "T001", "T012")
    assert (finding.rule.code, finding.fix.old, finding.fix.new) == ("T012", "daty", "day")


@pytest.mark.parametrize(
    ("sentence", "written", "meant"),
    [
        ("The change from basekine is compared in adults who walk.", "basekine", "baseline"),
        ("Adults walk in a quiet environkent for 12 weeks.", "environkent", "environment"),
    ],
)
def test_a_key_struck_for_its_neighbour_in_a_word_formation_makes_may_be_a_slip(
    spelling, sentence, written, meant
):
    """'basekine' is 'base' and 'kine', as formation makes words; but it is 'baseline' with a
    key struck for the one it touches, in a word most records write (or a long one)."""
    [finding] = spelling(with_summary(sentence), "T001", "T012")
    assert (finding.rule.code, finding.fix.old, finding.fix.new) == ("T012", written, meant)


@pytest.mark.parametrize(
    ("sentence", "written", "meant"),
    [
        ("The minimuum dose and Staphylococcus aureus counts are compared.", "minimuum", "minimum"),
        (
            "Deep anesthsia and Staphylococcus aureus counts are compared.",
            "anesthsia",
            "anesthesia",
        ),
    ],
)
def test_a_common_english_word_is_no_genus(spelling, sentence, written, meant):
    """A lowercase word with a Latin ending after a capitalised word is a species' second
    name ('Staphylococcus aureus'); after 'The' or 'Deep', common English words, it is read."""
    [finding] = spelling(with_summary(sentence))
    assert (finding.rule.code, finding.fix.old, finding.fix.new) == ("T001", written, meant)


def test_a_word_negated_with_the_wrong_prefix_is_a_misspelling(spelling):
    """English negates 'ability' with in-, 'detectable' with un-: 'unability' and
    'indetectable' are never written in English text, and the registry writes their right
    forms (T001); 'uncomplete' is written, seldom (T012). Words English writes, or its word
    lists hold, are right whatever their prefix."""
    text = with_summary(
        "Adults with an unability to walk, an indetectable load or uncomplete recovery are "
        "excluded; unsatisfied, unpaired or undistinguishable ones are not."
    )
    found = {(f.rule.code, f.fix.old, f.fix.new) for f in spelling(text, "T001", "T012")}
    assert found == {
        ("T001", "unability", "inability"),
        ("T001", "indetectable", "undetectable"),
        ("T012", "uncomplete", "incomplete"),
    }
    [finding] = [f for f in spelling(text) if f.fix.old == "unability"]
    assert "(the wrong negative prefix)" in finding.message


def test_a_compound_joins_no_rare_word(spelling):
    """'recurrance' is 'recur' and 'rance' (a marble) run together, as compounds join words,
    but a rare word is no part of one: it is 'recurrence' with a vowel changed. Compounds of
    common words are words ('smartwatch', 'germline')."""
    text = with_summary("The recurrance of pain in adults with a smartwatch or germline test.")
    [finding] = spelling(text, "T001", "T012")
    assert (finding.rule.code, finding.fix.old, finding.fix.new) == (
        "T001",
        "recurrance",
        "recurrence",
    )


@pytest.mark.parametrize(
    ("heading", "written", "meant", "code"),
    [
        # a letter dropped inside an ending, of a word this record writes: sure
        ("Exclusion Critera:", "Critera", "Criteria", "T001"),
        ("Inclusion Criterias:", "Criterias", "Criteria", "T012"),  # a plural given an -s
    ],
)
def test_a_headings_slip_may_be_a_misspelling(spelling, heading, written, meant, code):
    """A heading capitalises its words as a title does: 'Critera' there is no name. Nor is
    it another ending of the stem of 'criteria', a word most records write; and 'criterias'
    is no plural English makes, 'criteria' being one already."""
    text = with_summary(f"{heading}\n\n      * adults who walk less than an hour a day")
    [finding] = spelling(text, "T001", "T012")
    assert (finding.rule.code, finding.fix.old, finding.fix.new) == (code, written, meant)


def test_a_word_before_a_comma_and_a_number_is_no_code(spelling):
    """A digit makes a token a code ('C1D1', 'hba1c'); but a comma ends a token, the
    full-width one of Chinese text too, as a blank does."""
    text = with_summary(
        "Adults walk for 6 monnths\uff0c12 months or 3 wekks,6 weeks; hba1c is read."
    )
    found = [(f.fix.old, f.fix.new) for f in spelling(text, "T001", "T012")]
    assert found == [("monnths", "months"), ("wekks", "weeks")]


def test_a_word_no_slip_makes_gives_way_to_one_a_slip_makes(spelling):
    """'registery' is one letter from 'register', commoner in English, and from 'registry';
    no ending adds a 'y' to 'register', but a key struck beside its neighbour makes
    'registery' of 'registry', a word trial records write."""
    text = with_summary("Adults who walk are entered in the product registery at each visit.")
    [finding] = spelling(text, "T001", "T012")
    assert (finding.fix.old, finding.fix.new) == ("registery", "registry")


def test_a_long_everyday_words_garbled_ending_may_be_a_slip(spelling):
    """'assesmenet' is two slips from 'assessment', a word most records write, and nothing
    is nearer; 'responseby' is two words run together, which is said instead; a capitalised
    word inside a sentence may be a name's ('Placeboxa')."""
    text = with_summary("The assesmenet of the responseby adults is done at the Placeboxa clinic.")
    found = {(f.fix.old, f.fix.new) for f in spelling(text, "T001", "T012")}
    assert found == {("assesmenet", "assessment"), ("responseby", "response by")}


def test_a_silent_e_kept_before_ing_is_a_misspelling(spelling):
    """English drops a verb's silent e before -ing ('hoping', 'using'), but not after a vowel
    or another e ('seeing', 'agreeing', 'dyeing')."""
    text = with_summary("Adults hopeing to walk, useing the app or seeing and agreeing to it.")
    found = [(f.rule.code, f.fix.old, f.fix.new) for f in spelling(text, "T001", "T012")]
    assert found == [("T001", "hopeing", "hoping"), ("T001", "useing", "using")]


def test_a_last_letter_doubled_is_no_ending(spelling):
    text = with_summary("Adults receive the therapyy for twelve weeks and are compared.")
    [finding] = spelling(text)
    assert (finding.rule.code, finding.fix.new) == ("T001", "therapy")


def test_a_vowel_for_another_at_a_words_end_is_an_ending(spelling):
    """A vowel for another at a word's end makes another ending, of the field ('scopy', as in
    endoscopy) or of another language ('pneumonie'), not a key slipped: a last key slipped is
    read only where a consonant is struck or meant ('degeneratiob')."""
    for sentence in ("Adults with endoscopy and scopy walk for 12 weeks.",
                     "Adults with the pneumonie walk for 12 weeks."):  # fmt: skip
        assert spelling(with_summary(sentence), "ALL") == [], sentence


def test_a_run_in_english_text_writes_is_only_perhaps_two_words(spelling):
    """'implementor' is 'implement or' run together, and a word; 'Norcross' and 'invitro'
    are written too. No word English text writes is surely two."""
    text = with_summary("Each implementor of the program is trained at week 12.")
    assert spelling(text) == []
    [finding] = spelling(text, "T012")
    assert (finding.fix.old, finding.fix.new) == ("implementor", "implement or")


def test_a_plurals_singular_in_another_language_is_no_slip(spelling):
    """'Studie' is 'studies' less its s; but English writes the singular 'study', so the word
    is Dutch or German, not a slip ('Diabete' is: English has no singular of 'diabetes')."""
    text = mutate((TITLE, "briefTitle: Machinaal Leren Voor Migraine (COPIMAC Studie)"))
    assert spelling(text, "ALL") == []


@pytest.mark.parametrize(
    ("written", "meant"),
    [("metformine", "metformin"), ("adenosin", "adenosine"), ("pregabaline", "pregabalin")],
)
def test_a_drugs_name_in_another_languages_form_is_a_possible_slip_in_english(
    spelling, written, meant
):
    """The drug dictionary lists names in every language's form; in an English sentence the
    French or German form is a slip of the English one, which English text writes far more."""
    text = with_summary(f"Adults receive {written} or placebo twice daily for 12 weeks.")
    [finding] = spelling(text, "T012")
    assert codes([finding]) == [("T012", *position_of(text, written))]
    assert finding.fix.new == meant


def test_a_drugs_name_in_another_language_is_no_rival_of_its_english_name(spelling):
    """'pregabaline' is 'pregabalin' with a letter added and 'pregabalina' (Spanish) with
    one changed: one drug, so 'pregabalin' is meant."""
    text = with_summary("Adults receive pregabaline or placebo for 12 weeks.")
    [finding] = spelling(text, "T012")
    assert (finding.rule.code, finding.fix.new) == ("T012", "pregabalin")


def test_a_slip_at_the_end_of_a_word_most_records_write_is_an_info(spelling):
    text = with_summary("Adults are assigned for 12 weeks, and furthet tests are done.")
    assert spelling(text) == []
    [finding] = spelling(text, "T012")
    assert codes([finding]) == [("T012", *position_of(text, "furthet"))]
    assert finding.fix.new == "further"


@pytest.mark.parametrize("term", ["indel", "visio", "ehealth"])
def test_a_short_term_or_a_first_letter_near_a_common_word_is_no_slip(spelling, term):
    text = with_summary(f"Adults with one {term} record are assigned for 12 weeks.")
    assert spelling(text, "ALL") == []


def test_a_title_word_with_a_letter_dropped_may_be_a_slip_where_the_record_spells_it(spelling):
    """'Haemtology' in the title and two outcomes, 'haematology' in the summary: names seldom
    drop a letter inside a word, so a capitalised word used throughout may still be a slip."""
    text = mutate(
        (TITLE, "briefTitle: Haemtology Outcomes After Knee Replacement"),
        (SUMMARY, "      Adults seen in haematology clinics, Haemtology Unit and Haemtology Ward."),
    )
    assert spelling(text) == []
    found = spelling(text, "T012")
    assert [(f.rule.code, f.fix.new) for f in found] == [("T012", "Haematology")] * 3


def test_a_name_made_by_adding_a_letter_to_a_word_is_no_slip(spelling):
    text = mutate(
        (TITLE, "briefTitle: Tritanium Cages After Knee Replacement"),
        (SUMMARY, "      Adults receive a Tritanium cage, a porous titanium Tritanium implant."),
    )
    assert spelling(text, "ALL") == []


def test_a_typists_slip_of_a_rare_english_word_is_an_info(spelling):
    """'Deferring' is rare (Zipf 2.6) and no study writes it; 'defering' is its double
    letter written once, a shape a long term seldom has by chance."""
    text = with_summary("Adults defering their surgery are assigned for 12 weeks.")
    assert spelling(text) == []
    [finding] = spelling(text, "T012")
    assert (finding.rule.code, finding.fix.new) == ("T012", "deferring")


def test_a_particle_run_into_a_function_word_is_an_info(spelling):
    """'upto' is written by several studies of the registry, and is still two words."""
    text = with_summary("Adults are followed upto 12 weeks after the operation.")
    [finding] = spelling(text, "T012")
    assert (finding.rule.code, finding.fix.new) == ("T012", "up to")


def test_a_slip_of_a_rarer_word_is_an_info(spelling):
    text = with_summary("Adults receive the maccrophages test at baseline and at week 12.")
    assert spelling(text) == []
    [finding] = spelling(text, "T012")
    assert (finding.rule.code, finding.fix.new) == ("T012", "macrophages")


def test_weaker_evidence_is_an_info_off_by_default(spelling):
    text = mutate((TITLE, "briefTitle: Azacitidine in Myelodisplastic Syndromes"))
    assert spelling(text) == []  # a CI run on defaults stays quiet
    [finding] = spelling(text, "ALL")
    assert codes([finding]) == [("T012", *position_of(text, "Myelodisplastic"))]
    assert finding.fix.new == "Myelodysplastic" and finding.fix.safe is False
    assert "add it to the configuration's words" in finding.message
    [again] = spelling(text, "T")  # a prefix names it too
    assert again.rule.code == "T012"


def test_no_finding_where_the_evidence_is_weak(spelling):
    """An unknown word with no common word near it: a term, not a slip."""
    text = with_summary("Adults receive zorbanimab or placebo for 12 weeks.")
    assert spelling(text, "ALL") == []


# --- never a misspelling ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # British spellings
        "Randomised patients with tumours and oesophageal anaemia receive haemoglobin tests.",
        "Paediatric centres minimise the programme's behavioural characterisation.",
        # abbreviations and codes
        "Patients receive ABT-199 and their HbA1c, IL-6 and mRNA levels are measured.",
        "Investigators hold an MSc or a PhD; see www.examplestudie.org or ab_cd@mailx.com.",
        # Latin names of species, and Latin terms
        "The extract holds Lycium chinense and Cuscuta chinensis, tested in vitro.",
        # capitalised words inside a sentence: names
        "The scale was developed by Gertzbein and Farber at the Raman Institute.",
    ],
)
def test_names_codes_latin_and_british_spellings_are_not_judged(spelling, sentence):
    assert spelling(with_summary(sentence), "ALL") == []


def test_name_fields_are_not_judged(spelling):
    text = mutate(
        ("name: Jane Doe, MD", "name: Jane Dooe, MD"),
        ("affiliation: Example University Hospital", "affiliation: Exampel Univeristy Hospital"),
    )
    assert spelling(text, "ALL") == []


def test_a_paragraph_in_another_language_is_not_judged(spelling):
    french = (
        "Étude de l'efficacité du traitment chez les patients atteints de la maladie, "
        "avec une évaluation de la douleur et de la qualité de vie des patients."
    )
    assert spelling(with_summary(french), "ALL") == []
    english = "Adults receive the treatmnet for 12 weeks and their walking is compared."
    [finding] = spelling(with_summary(english))
    assert finding.fix.new == "treatment"


def test_a_paragraph_in_a_language_no_vocabulary_has_is_not_judged(spelling):
    """Polish is none of the languages the vocabularies list; most of its words are unknown,
    which no English paragraph's are ('migrena' is a letter from 'mirena')."""
    polish = "Badanie kliniczne oceniajace skutecznosc leczenia pacjentow z migrena w szpitalu."
    assert spelling(with_summary(polish), "ALL") == []
    english = "Adults with a migrena are assigned to treatment for 12 weeks and compared."
    assert [f.fix.new for f in spelling(with_summary(english), "T012")] == ["mirena"]
    # a few words, half of them terms no vocabulary has and one a slip, are still English
    terms = "Serum zonulin, angulin, cingulin and afadin thikness at week 12"
    assert [f.fix.new for f in spelling(with_summary(terms))] == ["thickness"]


# --- the curator's words ----------------------------------------------------------------------


def test_a_curators_word_is_never_a_misspelling(spelling):
    text = with_summary("Adults with hypertensoin are assigned to either drug for 12 weeks.")
    assert spelling(text, words=("Hypertensoin",)) == []


def test_a_words_file_in_the_configuration_silences_its_words(tmp_path):
    (tmp_path / "trialint-words.txt").write_text(
        "# our products\nhypertensoin  # a device's name\n", encoding="utf-8"
    )
    (tmp_path / "pyproject.toml").write_text(
        '[tool.trialint]\nwords-file = "trialint-words.txt"\n', encoding="utf-8"
    )
    record = tmp_path / "NCT01234567.yaml"
    record.write_text(
        with_summary("Adults with hypertensoin are assigned to either drug for 12 weeks."),
        encoding="utf-8",
    )

    def lint() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "trialint", "lint", "--select", "T001", record.name],
            cwd=tmp_path, capture_output=True, text=True, check=False,
        )  # fmt: skip

    silenced = lint()
    assert silenced.returncode == 0, silenced.stdout + silenced.stderr
    (tmp_path / "trialint-words.txt").write_text("# emptied\n", encoding="utf-8")
    reported = lint()
    assert reported.returncode == 1 and "hypertensoin" in reported.stdout


def test_a_words_file_that_cannot_be_read_is_a_one_line_error(tmp_path):
    config = Config(words_file=tmp_path / "missing.txt")
    with pytest.raises(ConfigError, match="cannot read the words file"):
        config.curator_words()


# --- the fix ----------------------------------------------------------------------------------


def test_fix_applies_a_warnings_fix_and_leaves_an_info_alone(tmp_path):
    record = tmp_path / "NCT01234567.yaml"
    record.write_text(
        mutate(
            (TITLE, "briefTitle: Azacitidine in Myelodisplastic Syndromes"),
            (SUMMARY, "      Adults with hypertensoin are assigned to either drug for 12 weeks."),
        ),
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "trialint", "lint", "--fix", "--extend-select", "T012",
         "--select", "T", str(record)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    fixed = record.read_text(encoding="utf-8")
    assert "Adults with hypertension are assigned" in fixed
    assert "Myelodisplastic" in fixed  # an info's fix waits for --unsafe-fixes
    assert "T012" in run.stdout


# --- real words in the wrong place (T002) ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "wrong", "right"),
    [
        ("Pain in the lumber spine is measured at week 12.", "lumber", "lumbar"),
        ("Adults with moderate to sever pain are included.", "sever", "severe"),
        ("Adults with mild-to-sever pain are included.", "sever", "severe"),
        ("The principle investigator reviews every case.", "principle", "principal"),
        ("Patients older then 65 years are included.", "then", "than"),
        ("Change form baseline to week 12 is compared.", "form", "from"),
        ("Adults fill in a sleep dairy every evening.", "dairy", "diary"),
        ("Relapse within one moth of the infusion.", "moth", "month"),
        ("Patients with prostrate cancer are included.", "prostrate", "prostate"),
        ("Adults with hepatic C are excluded.", "hepatic", "hepatitis"),
        ("Tears of the annulus fibrosis are graded.", "fibrosis", "fibrosus"),
        ("Health volunteers are enrolled as controls.", "Health", "Healthy"),
        ("The drug may possible lower the pain.", "possible", "possibly"),
        ("Adults with our without diabetes are included.", "our", "or"),
        ("Adults receive a single does of the drug.", "does", "dose"),
        ("Adults with a spinal chord injury are included.", "chord", "cord"),
        ("Adults with a plural effusion are included.", "plural", "pleural"),
        ("This perspective cohort study follows adults.", "perspective", "prospective"),
        ("A casual association with pain is sought.", "casual", "causal"),
        ("Age and martial status are recorded.", "martial", "marital"),
        ("Patience who are older than 65 years are included.", "Patience", "Patients"),
        ("The hazard ration of death is compared.", "ration", "ratio"),
        ("Adults with a vial load above 50 copies are excluded.", "vial", "viral"),
        ("Adults with a urinary track infection are excluded.", "track", "tract"),
        ("Adults in impatient care are excluded.", "impatient", "inpatient"),
        ("Adults with pour adherence are excluded.", "pour", "poor"),
        ("Adults take the drug orally everyday for 12 weeks.", "everyday", "every day"),
        ("Adults with deep venus thrombosis are excluded.", "venus", "venous"),
        ("The Cobb angel is measured on radiographs.", "angel", "angle"),
        ("Adults with planter fasciitis are included.", "planter", "plantar"),
        ("The peek flow is measured at week 12.", "peek", "peak"),
        ("A mucous plug is removed at baseline.", "mucous", "mucus"),
        ("Adults are unable to preform the test.", "preform", "perform"),
        ("A hole body scan is done at week 12.", "hole", "whole"),
    ],
)
def test_a_real_word_is_reported_where_its_context_makes_it_wrong(spelling, sentence, wrong, right):
    text = with_summary(sentence)
    [finding] = spelling(text)
    assert codes([finding]) == [("T002", *position_of(text, wrong))]
    assert finding.fix.new == right and finding.fix.safe is False


@pytest.mark.parametrize(
    "sentence",
    [
        "The surgeon will sever the nerve at the end of the procedure.",
        "Patients score 65 or more, then a scan is done.",  # a comma between
        "The consent form the patient signs is kept on site.",
        "Dairy products are excluded from the diet.",
        "The Trail Making Test is done at baseline.",
        "Lumber is a word for timber.",
        "Adults with hepatic steatosis or cystic fibrosis are included.",
        "Health workers and our nurses are trained as early as possible.",
        "Whenever possible, visits will be as short as possible.",
        "The drug does not work; adults who lose weight are excluded.",
        "Of two doses, the first does not count; community health volunteers visit.",
        "The plural form of each word is used; a chord is played.",
        "From the patient's perspective, study visits are long.",
        "Adults with casual partners are included; patience with the child is rated.",
        "The fast track and the sound track of the film are kept; everyday life is rated.",
        "Adults with a mussel allergy are excluded; a nurse aide helps.",
        "The mucous membrane is swabbed; a breech birth is excluded.",
        "Adults with a macular hole study visit weekly; researchers devise a plan.",
    ],
)
def test_a_real_word_in_its_right_use_is_not_reported(spelling, sentence):
    assert spelling(with_summary(sentence)) == []


# --- the parts the detector is made of --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant", "shape"),
    [
        ("recieve", "receive", Shape.SWAPPED),
        ("occured", "occurred", Shape.UNDOUBLED),
        ("untill", "until", Shape.DOUBLED),
        ("hypertenion", "hypertension", Shape.DROPPED),
        ("radiationg", "radiation", Shape.ADDED),
        ("furthet", "further", Shape.CHANGED),
    ],
)
def test_the_shape_of_a_slip(written, meant, shape):
    assert shape_of(written, meant) is shape


@pytest.mark.parametrize(
    ("letter", "other", "typed"),
    [
        ("g", "f", True), ("g", "h", True),  # beside it
        ("g", "t", True), ("g", "y", True),  # the two above it, on the right
        ("g", "v", True), ("g", "b", True),  # the two below it, on the left
        ("g", "n", False), ("g", "r", False), ("q", "s", False),  # a key further away
        ("u", "i", True), ("c", "s", True),  # two vowels; two letters that sound alike
    ],
)  # fmt: skip
def test_a_typist_strikes_a_key_for_one_it_touches(letter, other, typed):
    from trialint.spelling.candidates import typed_for

    assert typed_for(letter, other) is typed
    assert typed_for(other, letter) is typed


def test_the_vocabulary_knows_british_forms_and_derived_words_but_not_slips():
    known = vocabulary()
    for word in ("oesophageal", "randomisation", "spondylotic", "intubated", "retreatment",
                 "smartwatch", "pembrolizumab", "myelodysplastic"):  # fmt: skip
        assert known.knows(word), word
    for word in ("recieve", "questionaire", "untill", "occured", "diabete", "patientswith"):
        assert not known.knows(word), word


def test_the_default_selection_leaves_out_rules_off_by_default():
    linter = Linter(Context(today=TODAY))
    assert not linter.selection.is_selected(linter.rules.get("T012"))
    assert linter.selection.is_selected(linter.rules.get("T001"))


def test_the_good_record_has_no_spelling_finding(spelling):
    assert spelling(GOOD_TEXT, "ALL") == []


def test_the_copy_editors_prose_leaves_out_names():
    """bench/spelling_corpus.py dumps each half's prose for reading: names are not read."""
    from trialint.document.yaml12 import parse_yaml

    corpus = load_script("spelling_corpus", "bench")
    data = parse_yaml(GOOD_TEXT.encode()).documents[0]
    fields = dict(corpus.prose_fields(corpus.PublicStudy("NCT01234567", data, "good")))
    assert fields["/protocolSection/conditionsModule/conditions/0"] == "Knee Osteoarthritis"
    assert not any("contactsLocationsModule" in pointer for pointer in fields)


def test_the_slips_probe_makes_one_typists_slip_each_time():
    """bench/spelling_probes.py gives words one slip each, for the detector to find."""
    import random

    from rapidfuzz.distance import OSA

    load_script("spelling_corpus", "bench")  # which the probes import, as a script does
    probes = load_script("spelling_probes", "bench")
    rng = random.Random(3)
    slipped = [probes.slipped("hypertension", rng) for _ in range(200)]
    made = [word for word in slipped if word is not None]
    assert len(made) > 150
    assert all(OSA.distance(word, "hypertension") == 1 for word in made)
    assert len(set(made)) > 50  # every kind, at every place


def test_a_letter_whose_lowercase_is_longer_moves_no_finding(spelling, tmp_path):
    """'İ' (U+0130) lowercases to two characters: offsets worked out on the lowercased text
    would drift past it, and the slips after it were missed, in Turkish records."""
    text = with_summary("Adults in İstanbul. Pateints recieve treatement for 12 weeks.")
    found = spelling(text)
    assert codes(found) == [
        ("T001", *position_of(text, "Pateints")),
        ("T001", *position_of(text, "recieve")),
        ("T001", *position_of(text, "treatement")),
    ]
    assert [f.fix.new for f in found] == ["Patients", "receive", "treatment"]


# --- the cost of judging -----------------------------------------------------------------------


class CountingTrie:
    """A vocabulary's trie that notes each word looked up in it."""

    def __init__(self, trie) -> None:
        self.trie, self.asked = trie, []

    def get(self, word: str):
        self.asked.append(word)
        return self.trie.get(word)


def test_a_paragraphs_words_are_looked_up_once_each_for_its_language():
    """A paragraph is judged by the languages of its words: each distinct word is looked up
    once, however often the paragraph (or a later one) says it."""
    from trialint.resources import data_dir
    from trialint.spelling.language import is_foreign
    from trialint.spelling.vocabulary import Vocabulary

    known = Vocabulary(data_dir("rules") / "spelling")
    known.trie = counting = CountingTrie(known.trie)
    paragraph = "Les patients de la cohorte et les patients de la ville sont suivis par la"
    assert is_foreign(paragraph, known)
    distinct = {word for word in paragraph.lower().split() if len(word) >= 2}
    assert sorted(counting.asked) == sorted(distinct)
    assert is_foreign(paragraph + " cohorte", known)
    assert sorted(counting.asked) == sorted(distinct)  # nothing looked up again
    assert not is_foreign("The patients of the cohort are followed by la ville", known)


def test_units_vote_for_no_language(spelling):
    """'mg' and 'kg' are French, German and Italian words too; after a number or beside a
    slash they are units, which every language writes alike: a dose in an English label is
    no French paragraph, and its slips are read."""
    label = "label: G6PD nomral 0.25 mg/kg PQ + DHAP"
    text = mutate(("label: Usual care", label))
    [finding] = spelling(text)
    assert (finding.rule.code, finding.fix.old, finding.fix.new) == ("T001", "nomral", "normal")
    french = "label: Étude du traitment chez les patients à 5 mg/kg par jour"
    assert spelling(mutate(("label: Usual care", french)), "ALL") == []


def test_a_records_own_words_are_searched_by_length_from_its_second_search_on():
    """The record's words near an unknown one: all of them at the first search; then only
    those of a length an edit or two can reach, with the same words found."""
    from trialint.document.textfields import TextIndex
    from trialint.spelling.candidates import NearWords
    from trialint.spelling.detector import _RecordView

    summary = (
        "The laryngoscope and the videolaryngoscope are kept in the café of the anaesthetist, "
        "with an ECG and a monitor."
    )
    index = TextIndex({"descriptionModule": {"briefSummary": summary}})
    distinct = set(index.words)
    known = vocabulary()
    near = NearWords(known)
    view = _RecordView(index, known, distinct, near)
    assert view.words_within("larygoscope", 2) == distinct
    for word in ("larygoscope", "anaesthetst", "cafe", "videolaryngoscopes", "ecgs"):
        within = view.words_within(word, 2)
        assert len(within) < len(distinct)
        assert all(abs(len(own) - len(word.encode())) <= 2 for own in within)
        assert near.of(word, 2, also=within) == near.of(word, 2, also=distinct)
    # compared as UTF-8: 'é' is two bytes, and 'café' two edits from 'cafe'
    assert "café" in [c.word for c in near.of("cafe", 2, also=view.words_within("cafe", 2))]


@pytest.fixture(scope="module")
def near_words():
    from trialint.spelling.candidates import NearWords

    return NearWords(vocabulary())


def test_the_first_two_letters_swapped_are_searched_but_not_every_word_of_the_second(near_words):
    """'ohspital' is 'hospital' with its first two letters swapped, and is found; the words of
    the second letter's group that do not start with the two swapped ('oak', 'orthopedic')
    are not searched, for no slip turns them into the word."""
    assert near_words.of("ohspital", 1)[0].word == "hospital"
    choices = near_words._choices("ohspital", 1)
    assert {choice[:2] for choice in choices if choice[0] == "h"} == {"ho"}
    assert any(choice[0] == "o" and choice[1] != "h" for choice in choices)


@pytest.mark.parametrize("word", ["hypertensoin", "pateints", "becessary", "cafe", "ofthe", "wil"])
@pytest.mark.parametrize("reach", [1, 2])
def test_near_words_are_those_a_plain_search_finds(near_words, word, reach):
    """The near words of an unknown one are searched by the Indel distance first, then by
    OSA among those kept: the same words, at the same distances, as OSA over them all (as
    text, and as UTF-8 for a record's own words)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from trialint.spelling.candidates import within

    def matches(found):
        return sorted((choice, distance) for choice, distance, _ in found)

    choices = [*near_words._choices(word, reach), "café", word[::-1], word]
    plain = process.extract(word, choices, scorer=OSA.distance, score_cutoff=reach, limit=None)
    assert matches(within(word, choices, reach)) == matches(plain)
    assert (word, 0) in matches(plain)
    own = {choice.encode() for choice in choices}
    plain = process.extract(word.encode(), own, scorer=OSA.distance, score_cutoff=reach, limit=None)
    assert matches(within(word.encode(), own, reach)) == matches(plain)
