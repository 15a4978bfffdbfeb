"""C024 several-principal-investigators: two or more people each the overall PI; C025
no-scientific-contact: nobody at all."""

from __future__ import annotations

from conftest import GOOD_TEXT, corpus_hits, mutate, needs_shared, position_of

HEAD = "protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"


def officials(*entries: tuple[str, str]) -> str:
    return HEAD + "".join(
        f"      - name: {name}\n        affiliation: Example University\n        role: {role}\n"
        for name, role in entries
    )


def c024(lint_text, text: str):
    return [f for f in lint_text(text).findings if f.rule.code == "C024"]


def test_two_principal_investigators(lint_text):
    text = officials(("Jane Doe, MD", "PRINCIPAL_INVESTIGATOR"), ("John Roe, MD", "STUDY_CHAIR"),
                     ("Ann Poe, PhD", "PRINCIPAL_INVESTIGATOR"))  # fmt: skip
    [finding] = c024(lint_text, text)
    assert finding.pointer == "/protocolSection/contactsLocationsModule/overallOfficials/2/role"
    assert [other.pointer for other in finding.related] == [
        "/protocolSection/contactsLocationsModule/overallOfficials/0/role"
    ]
    assert finding.line == 12
    assert finding.message == (
        "2 overall officials are each PRINCIPAL_INVESTIGATOR ('Jane Doe, MD', 'Ann Poe, PhD'); "
        "the overall principal investigator is one person: give the others the role "
        "STUDY_CHAIR or STUDY_DIRECTOR, or list them with their sites"
    )


def test_one_finding_for_four(lint_text):
    text = officials(*((f"Person {n}", "PRINCIPAL_INVESTIGATOR") for n in "ABCD"))
    [finding] = c024(lint_text, text)
    assert finding.message.startswith("4 overall officials are each PRINCIPAL_INVESTIGATOR")


def test_one_principal_investigator_and_others(lint_text):
    text = officials(("Jane Doe, MD", "PRINCIPAL_INVESTIGATOR"),
                     ("John Roe, MD", "STUDY_DIRECTOR"), ("Ann Poe", "STUDY_CHAIR"))  # fmt: skip
    assert c024(lint_text, text) == []


def test_the_same_person_twice_is_not_two(lint_text):
    text = officials(("Jane Doe, MD", "PRINCIPAL_INVESTIGATOR"),
                     ("jane  doe, MD", "PRINCIPAL_INVESTIGATOR"))  # fmt: skip
    assert c024(lint_text, text) == []


@needs_shared
def test_corpus_hits():
    # 30 records; the 29 outside the held-out recall sample all read: two to four different
    # people each the overall principal investigator
    # C025: 248 records with no overall official (by definition all without one).
    assert corpus_hits("officials") == {"C024": 30, "C025": 248}


# --- C025: no overall official ----------------------------------------------------------------

OFFICIALS = (
    "    overallOfficials:\n      - name: Jane Doe, MD\n"
    "        affiliation: Example University Hospital\n        role: PRINCIPAL_INVESTIGATOR\n"
)


def c025(lint_text, text: str):
    return [f for f in lint_text(text).findings if f.rule.code == "C025"]


def test_a_record_without_an_overall_official(lint_text):
    text = mutate((OFFICIALS, ""))
    [finding] = c025(lint_text, text)
    assert finding.level == "info"
    assert finding.pointer == "/protocolSection/contactsLocationsModule/overallOfficials"
    assert (finding.line, finding.column) == position_of(text, "contactsLocationsModule")
    assert finding.message == (
        "no overall official is listed: name the person who answers for the study's science "
        "(its principal investigator, study chair or study director), the scientific contact "
        "registries ask for"
    )


def test_a_record_without_its_contacts_module(lint_text):
    """No contacts module at all: the finding is placed at the record's protocol section."""
    start = GOOD_TEXT.index("  contactsLocationsModule:\n")
    text = GOOD_TEXT[:start] + GOOD_TEXT[GOOD_TEXT.index("hasResults:") :]
    [finding] = c025(lint_text, text)
    assert (finding.line, finding.column) == position_of(text, "protocolSection")


def test_an_empty_list_of_officials_names_nobody(lint_text):
    assert len(c025(lint_text, mutate((OFFICIALS, "    overallOfficials: []\n")))) == 1


def test_any_official_is_a_scientific_contact(lint_text):
    text = mutate(("role: PRINCIPAL_INVESTIGATOR", "role: STUDY_DIRECTOR"))
    assert c025(lint_text, text) == []
    assert c025(lint_text, GOOD_TEXT) == []
