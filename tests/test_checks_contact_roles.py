"""C023 contact-not-a-person: a central or site contact named by a role or a unit."""

from __future__ import annotations

import pytest

from trialint.lint.checks.contact_roles import contact_role

from conftest import corpus_hits, needs_shared, position_of

HEAD = "protocolSection:\n  contactsLocationsModule:\n"


def central(name: str) -> str:
    return (f"{HEAD}    centralContacts:\n      - name: {name}\n        role: CONTACT\n"
            "        email: trials@example.org\n")  # fmt: skip


def c023(lint_text, text: str):
    return [f for f in lint_text(text).findings if f.rule.code == "C023"]


def test_a_central_contact_named_by_a_role(lint_text):
    text = central("Research Nurse Navigator")
    [finding] = c023(lint_text, text)
    assert finding.pointer == "/protocolSection/contactsLocationsModule/centralContacts/0/name"
    assert (finding.line, finding.column) == position_of(text, "Research Nurse Navigator")
    assert finding.message == (
        "contact name 'Research Nurse Navigator' names a role or a unit, not a person; name "
        "the person participants will reach"
    )


def test_one_finding_for_a_name_used_at_many_sites(lint_text):
    sites = "".join(
        f"      - facility: Hospital {n}\n        city: Lyon\n        country: France\n"
        "        contacts:\n          - name: Study Coordinator\n            role: CONTACT\n"
        for n in range(3)
    )
    [finding] = c023(lint_text, f"{HEAD}    locations:\n{sites}")
    assert finding.pointer == (
        "/protocolSection/contactsLocationsModule/locations/0/contacts/0/name"
    )
    assert finding.message == (
        "contact name 'Study Coordinator' names a role or a unit (and 2 other contacts), not a "
        "person; name the person participants will reach"
    )
    assert [related.pointer for related in finding.related] == [
        f"/protocolSection/contactsLocationsModule/locations/{n}/contacts/0/name" for n in (1, 2)
    ]


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Macquarie CTU", "names a role or a unit"),
        ("Cancer Center Clinical Trials Office", "names a role or a unit"),
        ("Bayer Clinical Trials Contact", "names a role or a unit"),
        ("Site Public Contact", "names a role or a unit"),
        ("Clinical Studies Coordinator", "names a role or a unit"),
        ("Novartis Pharmaceuticals", "names an organization"),
        ("Jane Doe", None),
        ("Jane Doe, RN, Study Coordinator", None),  # a person with a title
        ("Paul Nurse", None),  # a surname, not a role
        ("Laurie M Dennis, RN, BS", None),
        ("jdoe", None),  # a login: not this rule's
        ("Call 1-800-555-0100", None),  # a number: C001's
    ],
)
def test_contact_role(name, why):
    assert contact_role(name) == why


@needs_shared
def test_corpus_hits():
    # 51 names in 46 records; the 47 outside the held-out recall sample all read: none a person
    assert corpus_hits("contact_roles") == {"C023": 51}
