"""Overall officials (family C): none at all, and several people each entered as the study's
principal investigator.

The overall officials are the study's scientific leadership (WHO Trial Registration Data Set,
item 8, the scientific contact). The registry's role PRINCIPAL_INVESTIGATOR names the one
person responsible for the protocol as a whole; a record that gives the role to two or more
people leaves a reader unable to tell who answers for the study, and usually holds site
investigators or co-investigators entered at the wrong level. The check reads only the
record's own roles, so it needs no list of names; the same person entered twice is another
defect (a duplicate), not this one, and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str, dicts
from trialint.quoting import quoted
from trialint.rule import A_SITE, AN_OFFICIAL, Severity, rule

CLM = ("protocolSection", "contactsLocationsModule")
_OFFICIALS = "protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"

SEVERAL_PRINCIPAL_INVESTIGATORS = rule(
    "C024", "several-principal-investigators", Severity.INFO,
    "Two or more different people each given the role PRINCIPAL_INVESTIGATOR among the "
    "overall officials; one finding per record.",
    "The overall official is the scientific contact of the WHO Trial Registration Data Set "
    "(item 8), and the PRS definitions call the principal investigator the individual "
    "responsible for the overall scientific leadership of the protocol. Several overall "
    "principal investigators are marked by curators (registry-quality-rules.md, rule 41, "
    "'several PRINCIPAL_INVESTIGATORs'; recall tuning samples: 5 of the 6 such records "
    "marked, in both samples): a reader cannot tell who leads the study, and site "
    "investigators belong to their locations, co-leads to STUDY_CHAIR or STUDY_DIRECTOR. "
    "The registry accepts it and some studies do have joint leads (an NIH multi-PI award), "
    "hence information. Names are compared without case or spacing, so one person entered "
    "twice is not counted as two. Corpus: 30 records, 29 outside the held-out recall "
    "sample, all read: each lists two to four different people as overall principal "
    "investigator.",
    fails=(_OFFICIALS
           + "      - {name: 'Jane Doe, MD', affiliation: Example University, "
           "role: PRINCIPAL_INVESTIGATOR}\n"
           "      - {name: 'John Roe, MD', affiliation: Example Hospital, "
           "role: PRINCIPAL_INVESTIGATOR}\n",),
    passes=(_OFFICIALS
            + "      - {name: 'Jane Doe, MD', affiliation: Example University, "
            "role: PRINCIPAL_INVESTIGATOR}\n"
            "      - {name: 'John Roe, MD', affiliation: Example Hospital, "
            "role: STUDY_CHAIR}\n" + A_SITE,),
)  # fmt: skip


NO_SCIENTIFIC_CONTACT = rule(
    "C025", "no-scientific-contact", Severity.INFO,
    "A record that names no overall official: nobody is given as the study's principal "
    "investigator, study chair or study director.",
    "The WHO Trial Registration Data Set, which the WHO calls the minimum for a trial to count "
    "as registered, asks for a contact for scientific queries (item 8), and ClinicalTrials.gov "
    "holds it in the overall officials (registry-quality-rules.md, section 0). Without one a "
    "reader, a journal or an auditor cannot tell who answers for the study's science; a "
    "responsible investigator does not stand for it (curators mark the gap when the "
    "responsible party names the principal investigator). The registry does not require it, "
    "hence information. Recall tuning samples: 16 of the 41 records without officials marked "
    "by their curators (12 of 20 in the second sample). Corpus: 248 of 837 records, all "
    "without any overall official.",
    fails=("protocolSection:\n  contactsLocationsModule:\n" + A_SITE,),
    passes=("protocolSection:\n  contactsLocationsModule:\n" + AN_OFFICIAL + A_SITE,),
)  # fmt: skip


@check(NO_SCIENTIFIC_CONTACT)
def scientific_contact(record: Record, context: Context) -> Iterator[Hit]:
    """C025: a record with no overall official, whatever its status (a completed study's
    questions still go to someone)."""
    if dicts(record.contacts.get("overallOfficials")):
        return
    yield Hit(NO_SCIENTIFIC_CONTACT,
              "no overall official is listed: name the person who answers for the study's "
              "science (its principal investigator, study chair or study director), the "
              "scientific contact registries ask for", (*CLM, "overallOfficials"))  # fmt: skip


@check(SEVERAL_PRINCIPAL_INVESTIGATORS)
def several_principal_investigators(record: Record, context: Context) -> Iterator[Hit]:
    """C024: one pass over the overall officials, keeping the first entry of each different
    principal investigator; the finding points at the second one's role and relates the
    first, since a curator marks the list."""
    seen: dict[str, int] = {}  # normalised name: index of its first entry
    names: list[str] = []
    for index, official in dicts(record.contacts.get("overallOfficials")):
        if as_str(official.get("role")) != "PRINCIPAL_INVESTIGATOR":
            continue
        name = " ".join((as_str(official.get("name")) or "").split())
        key = name.casefold()
        if not key or key in seen:
            continue
        seen[key] = index
        names.append(name)
    if len(seen) < 2:
        return
    first, second, *_ = seen.values()
    listed = ", ".join(quoted(name) for name in names)
    yield Hit(SEVERAL_PRINCIPAL_INVESTIGATORS,
              f"{len(names)} overall officials are each PRINCIPAL_INVESTIGATOR ({listed}); "
              "the overall principal investigator is one person: give the others the role "
              "STUDY_CHAIR or STUDY_DIRECTOR, or list them with their sites",
              (*CLM, "overallOfficials", second, "role"),
              related=((*CLM, "overallOfficials", first, "role"),))  # fmt: skip
