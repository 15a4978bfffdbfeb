"""C024 several-principal-investigators: two or more people each the overall PI."""

from __future__ import annotations

from conftest import corpus_hits, needs_shared

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
    assert corpus_hits("officials") == {"C024": 30}
