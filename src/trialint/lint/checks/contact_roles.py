"""Contacts named by a role or a unit (family C): a central or site contact called 'Study
Coordinator', 'Research Nurse Navigator', 'Macquarie CTU' or 'Bayer Clinical Trials Contact'
instead of by the person a participant will speak to.

C004 reads the overall officials, whom the PRS form asks to be people; this module reads the
contacts, where the form tolerates an official title, hence a rule of its own, for information.
A record may give hundreds of sites one placeholder contact ('Site Public Contact' at 45 sites
of one real record): each distinct name is reported once per record, at its first use, with
the count of the others, so that one habit is one finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.document.pointer import Token
from trialint.lint.checks.contacts import contacts_of, not_a_person
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.quoting import quoted
from trialint.rule import A_SITE, AN_OFFICIAL, Severity, rule

_CONTACTS = "protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"

CONTACT_NOT_A_PERSON = rule(
    "C023", "contact-not-a-person", Severity.INFO,
    "A central or site contact named by a role or a unit, not a person: 'Study Coordinator', "
    "'Research Nurse Navigator', 'Macquarie CTU', 'Bayer Clinical Trials Contact'; each name "
    "once per record.",
    "The WHO Trial Registration Data Set asks for the person to contact for public queries "
    "(item 7; registry-quality-rules.md, rule 40), and a participant who calls a site asks "
    "for someone by name. The PRS form accepts 'Last Name or Official Title' for a contact, "
    "so a role is not an error there, but a curator marks it: a unit's mailbox or a call "
    "centre tells a reader nobody in particular answers (tuning sample: 'Research Nurse "
    "Navigator', 'Macquarie CTU'). The name before its first comma is read with C004's words "
    "for roles, departments and companies, and the words a contact's role adds "
    "(coordinator, navigator, research nurse, CTU, unit, office, recruitment, information "
    "centre). One finding a name, at its first use; its other uses are the finding's "
    "related locations. Corpus: 51 names in 46 records, 47 outside the held-out recall "
    "sample, all read "
    "and none a person's; most are "
    "industry call centres and placeholders ('Site Public Contact'), a common practice, "
    "hence information.",
    fails=(_CONTACTS + "      - name: Research Nurse Navigator\n        role: CONTACT\n"
           "        email: trials@example.org\n",),
    passes=(_CONTACTS + "      - name: Jane Doe, RN, Study Coordinator\n        role: CONTACT\n"
            "        email: jane.doe@example.org\n" + AN_OFFICIAL + A_SITE,),
)  # fmt: skip

# What a contact's role or unit adds to C004's words, matched on the lowercased name before its
# first comma. 'Nurse' alone may be a surname (Sir Paul Nurse): only a research or study nurse,
# or a nurse navigator or coordinator, is a role.
_CONTACT_ROLE = re.compile(
    r"\b(?:(?:research|study|trials?|clinical|specialist)\s+nurses?|nurses?\s+(?:navigator|"
    r"coordinator|practitioner|specialist)s?|navigators?|coordinators?|ctu|units?|office|team|"
    r"desk|help\s*line|hotline|enquiries|inquiries|recruitment|secretariat|"
    r"information\s+(?:cent(?:er|re)|line|desk)|support\s+cent(?:er|re))\b"
)
_DETAILS = re.compile(r"[@\d]")  # an address or a number in the name: C001's


def contact_role(name: str) -> str | None:
    """Why a contact's name names no person ('names a role or a unit', 'names an
    organization'), or None. A name with an e-mail address or digits in it is C001's; a user
    name or a bare degree is left alone (a contact's e-mail login is often its name)."""
    if _DETAILS.search(name):
        return None
    why = not_a_person(name, None)
    if why in ("names a role or a department", "names an organization"):
        return "names a role or a unit" if why.startswith("names a role") else why
    head = name.lower().split(",", 1)[0]
    return "names a role or a unit" if _CONTACT_ROLE.search(head) else None


@check(CONTACT_NOT_A_PERSON)
def contacts_named_by_role(record: Record, context: Context) -> Iterator[Hit]:
    """C023: every central and site contact's name, each distinct one judged once and
    reported at its first use; its other uses are the finding's related locations (SARIF
    relatedLocations, the JSON report's related), as C020 gives a placeholder's other sites,
    so that a tool can list every contact to rename."""
    uses: dict[str, tuple[str, list[tuple[Token, ...]]]] = {}  # name: reason, its paths
    judged: set[str] = set()
    for prefix, index, contact, _ in contacts_of(record):
        if index is None:  # the results' point of contact has a title, not a name
            continue
        name = as_str(contact.get("name"))
        if not name or not name.strip():
            continue
        key = " ".join(name.split())
        if key in uses:
            uses[key][1].append((*prefix, index, "name"))
            continue
        if key in judged:
            continue
        judged.add(key)
        found = contact_role(key)
        if found:
            uses[key] = (found, [(*prefix, index, "name")])
    for key, (why, paths) in uses.items():
        others = len(paths) - 1
        more = f" (and {others} other contact{'s' if others > 1 else ''})" if others else ""
        yield Hit(CONTACT_NOT_A_PERSON,
                  f"contact name {quoted(key)} {why}{more}, not a person; name the person "
                  "participants will reach", paths[0], related=tuple(paths[1:]))  # fmt: skip
