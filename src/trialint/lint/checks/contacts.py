"""Contacts (family C): contact data in the wrong field, phone numbers and e-mail addresses that
cannot be used, officials who are not people, and open studies nobody can be asked about.

The fields checked are the central contacts, the facility contacts of every location, the
overall officials, the responsible party's investigator and the results' point of contact.
Locations can number in the hundreds (1,148 in one real record), so every test on a contact
starts with the cheapest way to know there is nothing to report, and a finding's path is built
only when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from trialint.document.pointer import Token
from trialint.finding import Fix
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_dict, as_str, dicts
from trialint.organizations import LEGAL_FORMS
from trialint.patterns import lazy_pattern
from trialint.quoting import quoted
from trialint.registry import CENTRAL_CONTACT_STATUSES
from trialint.resources import data_dir
from trialint.rule import A_SITE, AN_OFFICIAL, FixKind, Severity, rule
from trialint.spelling.words import ascii_lower, same_case

Path = tuple[Token, ...]

CLM = ("protocolSection", "contactsLocationsModule")
RESPONSIBLE = ("protocolSection", "sponsorCollaboratorsModule", "responsibleParty")
CENTRAL_CONTACTS = (*CLM, "centralContacts")
POINT_OF_CONTACT = ("resultsSection", "moreInfoModule", "pointOfContact")

DETAILS_IN_NAME = rule(
    "C001", "contact-details-in-name", Severity.ERROR,
    "An e-mail address, phone number or contact instructions in a name, title or affiliation "
    "field (a person's, a facility's, a sponsor's or a collaborator's).",
    "A name field holds a person's name (or, for a contact, an official title) and an "
    "affiliation the organization, as the PRS form asks; contacts have fields of their own "
    "for phone and e-mail, and officials none at all, so an address typed into an affiliation "
    "is published as the official's organization. Registry-quality-rules.md, section 2 item "
    "7; seed NCT04711200 gives its principal investigator the affiliation "
    "'saskia.oro@aphp.fr'. A facility, sponsor or collaborator name that is a call-centre "
    "sentence ('For additional information regarding investigative sites for this trial, "
    "contact 1-877-CTLILLY ...', 58 facilities of 3 real records) or a web address is shown "
    "as the place's name in every search by location.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
           "      - name: Saskia Oro, MD\n        affiliation: saskia.oro@aphp.fr\n"
           "        role: PRINCIPAL_INVESTIGATOR\n",
           "protocolSection:\n  contactsLocationsModule:\n    locations:\n"
           "      - facility: For additional information regarding sites, contact 844-687-8522\n"
           "        city: Lyon\n        country: France\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
            "      - name: Saskia Oro, MD\n"
            "        affiliation: Assistance Publique - Hôpitaux de Paris\n"
            "        role: PRINCIPAL_INVESTIGATOR\n" + A_SITE,),
)  # fmt: skip
COUNTRY_CODE_EXTENSION = rule(
    "C002", "country-code-in-extension", Severity.ERROR,
    "A phone extension that is a country calling code ('+33'), not an extension.",
    "An extension is the number dialled after the phone number is answered; '+' and 1-3 "
    "digits is a country calling code (ITU-T E.164), which belongs at the front of the phone "
    "number, in its international form. Registry-quality-rules.md, section 2 item 7; seed "
    "NCT04711200 gives the French number 0149812536 the extension '+33'; 21 facility and "
    "central contacts of the 837 real records do the same (+33, +34, +39, +49, +82).",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - name: Saskia Oro, MD\n        role: CONTACT\n"
           "        phone: '0149812536'\n        phoneExt: '+33'\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Saskia Oro, MD\n        role: CONTACT\n"
            "        phone: +33 149812536\n" + AN_OFFICIAL + A_SITE,),
    fix=FixKind.UNSAFE,
)  # fmt: skip
NAME_EMAIL_MISMATCH = rule(
    "C003", "name-email-mismatch", Severity.WARNING,
    "A contact's name spelled differently from its e-mail address, where the record itself "
    "spells the name both ways (or with a letter tripled).",
    "When a name word and a piece of the e-mail address differ by one or two letters inserted, "
    "dropped or repeated inside the word, one of the two may be a typo (a misspelled name on "
    "the registry's public page, or an address that bounces). Transliterations and names run "
    "together are normal in addresses, so this rule reports only strong evidence: the record's "
    "other names spell the person as the address does ('Jacek Winiarski, MD PhD' as the "
    "official, 'Jacek Winiaarski' as the contact), or a letter is typed three times (seed "
    "NCT04711200: 'Myriem Carrrier, MSc' with e-mail myriem.carrier@aphp.fr). Other near "
    "misses are C011's, for information.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - name: Myriem Carrrier, MSc\n        role: CONTACT\n"
           "        email: myriem.carrier@aphp.fr\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Myriem Carrier, MSc\n        role: CONTACT\n"
            "        email: mcarrier@aphp.fr\n" + AN_OFFICIAL + A_SITE,),
    fix=FixKind.UNSAFE,
)  # fmt: skip
NAME_EMAIL_VARIANT = rule(
    "C011", "name-email-variant", Severity.INFO,
    "A contact's name spelled a letter or two otherwise in its e-mail address ('Tibbets', "
    "ktibbetts1@usf.edu): a transliteration, or a typo.",
    "The weak case of C003: the record spells the name one way only, and the address another. "
    "Transliterations (Nataliia, nataliya) and names run together are normal in addresses, and "
    "a curator reading 40 real records judged most such differences right; a typo is still "
    "possible (real record NCT01949129 writes 'virgine.gandemer' for Virginie Gandemer), so "
    "the difference is shown, for information.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - name: Katilin Tibbets\n        role: CONTACT\n"
           "        email: ktibbetts1@usf.edu\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Katilin Tibbetts\n        role: CONTACT\n"
            "        email: ktibbetts1@usf.edu\n" + AN_OFFICIAL + A_SITE,),
)  # fmt: skip
OFFICIAL_NOT_PERSON = rule(
    "C004", "official-not-a-person", Severity.WARNING,
    "An overall official (or investigator) named by a role, a department, a company or a "
    "user name.",
    "An overall official is a person: the PRS form asks for 'First Name & Middle Initial & "
    "Last Name & Degree' (as seed NCT04711200's page shows), where a central contact may be "
    "'Last Name or Official Title'. 'Medical Director', 'Clinical Trials' or a company name "
    "tells a reader nobody is accountable; Chaturvedi et al. found 17% of official names were "
    "such placeholders (registry-quality-rules.md, rule 41). 41 of 837 real records have one, "
    "nearly all industry-sponsored: a common practice, hence a warning. A user name "
    "('chenjianxiang', 'j_smith': one lowercase word, or words joined by dots or underscores) "
    "is the login of whoever filled in the form, not the name the form asks for.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
           "      - name: Medical Director\n        affiliation: Example Pharma Inc.\n"
           "        role: STUDY_DIRECTOR\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
            "      - name: Jane Doe, MD\n        affiliation: Example Pharma Inc.\n"
            "        role: STUDY_DIRECTOR\n" + A_SITE,),
)  # fmt: skip
AFFILIATION_IS_A_ROLE = rule(
    "C014", "affiliation-is-a-role", Severity.WARNING,
    "An overall official's (or the responsible investigator's) affiliation that is a job "
    "title ('Director', 'Associate Professor', 'Principal Investigator'), not an "
    "organization.",
    "The affiliation is the organization the official works for (PRS definitions, Overall "
    "Study Officials: Organizational Affiliation); a job title there leaves the official "
    "without one, and a reader cannot tell who is accountable where. An affiliation whose "
    "every word is one of a title's (director, dean, professor, associate, chief, research, "
    "physician, ...) is a title. Corpus: 8 hits, all real ('Director', 'Associate dean', "
    "'Chief Medical Officer', 'Principal Investigator').",
    fails=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
           "      - name: Jane Doe, MD\n        affiliation: Director of Research\n"
           "        role: PRINCIPAL_INVESTIGATOR\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
            "      - name: Jane Doe, MD\n        affiliation: Example University Hospital\n"
            "        role: PRINCIPAL_INVESTIGATOR\n" + A_SITE,),
)  # fmt: skip
TITLE_NOT_A_POSITION = rule(
    "C017", "investigator-title-not-a-position", Severity.WARNING,
    "A responsible investigator's title that is the investigator's own name, or the name of "
    "an organization, not a position ('Mir Arif Hussain', 'Department of Spine Surgery').",
    "The Investigator Title is the investigator's position (PRS definitions, Responsible "
    "Party: Investigator Title, e.g. 'Professor of Medicine'); the name and the affiliation "
    "have fields of their own. A title that repeats the name, or names a hospital, "
    "university or department with no position word in it, leaves the position unsaid. "
    "Corpus: 5 records, all real (three names, two organizations).",
    fails=("protocolSection:\n  sponsorCollaboratorsModule:\n"
           "    leadSponsor: {name: Example University Hospital, class: OTHER}\n"
           "    responsibleParty:\n"
           "      type: PRINCIPAL_INVESTIGATOR\n      investigatorFullName: Jane Doe\n"
           "      investigatorTitle: Jane Doe\n"
           "      investigatorAffiliation: Example University Hospital\n",),
    passes=("protocolSection:\n  sponsorCollaboratorsModule:\n"
            "    leadSponsor: {name: Example University Hospital, class: OTHER}\n"
            "    responsibleParty:\n"
            "      type: PRINCIPAL_INVESTIGATOR\n      investigatorFullName: Jane Doe\n"
            "      investigatorTitle: Professor of Orthopaedic Surgery\n"
            "      investigatorAffiliation: Example University Hospital\n",),
)  # fmt: skip
TITLE_IS_THE_ROLE = rule(
    "C027", "investigator-title-is-the-role", Severity.INFO,
    "A responsible investigator's title that is only the study role ('Principal "
    "Investigator', 'PI', 'Sponsor-Investigator'), not the investigator's position.",
    "The Investigator Title is the investigator's official position (PRS definitions, "
    "Responsible Party: Investigator Title, e.g. 'Professor of Medicine'); the role is the "
    "responsible party's type, which the record already gives (PRINCIPAL_INVESTIGATOR or "
    "SPONSOR_INVESTIGATOR), so the title then says nothing of who the investigator is. "
    "Common and accepted by the registry, hence information. Recall tuning samples: 4 of the "
    "6 such records marked by their curators. Corpus: 51 records.",
    fails=("protocolSection:\n  sponsorCollaboratorsModule:\n"
           "    leadSponsor: {name: Example University Hospital, class: OTHER}\n"
           "    responsibleParty:\n"
           "      type: PRINCIPAL_INVESTIGATOR\n      investigatorFullName: Jane Doe\n"
           "      investigatorTitle: Principal Investigator\n"
           "      investigatorAffiliation: Example University Hospital\n",),
    passes=TITLE_NOT_A_POSITION.passes,
)  # fmt: skip
# A recruiting study's status and design, complete (the examples replace whole modules).
_OPEN_STUDY = (
    "protocolSection:\n  statusModule:\n    statusVerifiedDate: '2024-03'\n"
    "    overallStatus: RECRUITING\n"
    "    startDateStruct: {date: '2023-01-10', type: ACTUAL}\n"
    "    primaryCompletionDateStruct: {date: '2025-06', type: ESTIMATED}\n"
    "    completionDateStruct: {date: '2025-12', type: ESTIMATED}\n"
    "    studyFirstSubmitDate: '2020-12-01'\n    lastUpdateSubmitDate: '2024-03-10'\n"
    "  designModule:\n    studyType: INTERVENTIONAL\n    phases: [NA]\n"
    "    enrollmentInfo: {count: 120, type: ESTIMATED}\n"
)
NO_CONTACT = rule(
    "C005", "open-study-without-contact", Severity.WARNING,
    "A recruiting, not-yet-recruiting or enrolling-by-invitation study (or one of unknown "
    "status last known to be recruiting or about to) with no contact's phone number or "
    "e-mail.",
    "A study that is recruiting, or about to, must tell patients whom to ask: ClinicalTrials."
    "gov expects a central contact, or facility contacts, while the status is Recruiting or "
    "Not yet recruiting (prs-rules.md E2), and the WHO Trial Registration Data Set asks for a "
    "public contact (item 7; registry-quality-rules.md, rule 40, which counts a study "
    "enrolling by invitation as open). A study whose status is now unknown is judged by its "
    "last known status: the contact was due when it was last updated. One that was last "
    "known enrolling by invitation is not (the registry never asked it for a contact, and a "
    "curator marks its stale status instead). Corpus: 6 studies enrolling by invitation and "
    "3 of unknown status last known not yet recruiting, none with a phone number or e-mail "
    "for anyone.",
    fails=(_OPEN_STUDY
           + "  contactsLocationsModule:\n    locations:\n"
           "      - facility: Example University Hospital\n        city: Lyon\n"
           "        country: France\n",),
    passes=(_OPEN_STUDY
            + "  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Jane Doe\n        role: CONTACT\n"
            "        email: jane.doe@example.org\n" + AN_OFFICIAL + A_SITE,),
)  # fmt: skip
PHONE_IN_EXTENSION = rule(
    "C006", "phone-number-in-extension", Severity.WARNING,
    "A phone extension that is a whole phone number.",
    "An extension is the few digits dialled after the number is answered; 7 digits or more "
    "are a phone number, which a caller cannot dial as an extension (real records put a "
    "second number, or the same one again, in the field).",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - name: Jane Doe\n        role: CONTACT\n"
           "        phone: '01010941685'\n        phoneExt: '01091631018'\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Jane Doe\n        role: CONTACT\n"
            "        phone: '01010941685'\n        phoneExt: '2405'\n" + AN_OFFICIAL
            + A_SITE,),
    fix=FixKind.UNSAFE,
)  # fmt: skip
EXTENSION_IN_PHONE = rule(
    "C007", "extension-in-phone", Severity.WARNING,
    "A phone number with its extension written in it ('... Ext. 55974').",
    "The registry has a field for the extension (phoneExt); written inside the phone number "
    "it makes the number undialable by software and hides the extension from the site's "
    "contact display (registry-quality-rules.md, section 2 item 7).",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - name: Jane Doe\n        role: CONTACT\n"
           "        phone: +34 923 29 11 00 Ext. 55974\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Jane Doe\n        role: CONTACT\n"
            "        phone: +34 923 29 11 00\n        phoneExt: '55974'\n" + AN_OFFICIAL
            + A_SITE,),
    fix=FixKind.UNSAFE,
)  # fmt: skip
PHONE_WITHOUT_DIGITS = rule(
    "C008", "phone-not-a-number", Severity.WARNING,
    "A phone field holding words and no number ('E-mail only').",
    "The phone field is for a number; a note such as 'E-mail only' or 'Please email' is shown "
    "as if it were one. When there is no phone number the field is left out.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - name: Jane Doe\n        role: CONTACT\n        phone: E-mail only\n"
           "        email: jane.doe@example.org\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Jane Doe\n        role: CONTACT\n"
            "        email: jane.doe@example.org\n" + AN_OFFICIAL + A_SITE,),
)  # fmt: skip
INVALID_EMAIL = rule(
    "C009", "invalid-email", Severity.ERROR,
    "An e-mail field that is not one e-mail address (two @, a web address, no domain).",
    "Patients and sites write to this address; one that cannot be delivered cuts them off "
    "(registry-quality-rules.md, section 2 item 7: a syntax check of the address).",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - name: Roland Schott, PhD\n        role: CONTACT\n"
           "        email: rschott@strasbourg@unicancer.fr\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Roland Schott, PhD\n        role: CONTACT\n"
            "        email: rschott@strasbourg.unicancer.fr\n" + AN_OFFICIAL + A_SITE,),
)  # fmt: skip
INVALID_PHONE = rule(
    "C010", "invalid-phone-number", Severity.WARNING,
    "A phone number that is no valid number of its location's country (too short, too long, "
    "a country code without its '+').",
    "Patients call the facility's number; one with a digit missing or too many, or an "
    "international number written without its '+', reaches nobody. libphonenumber (Google's "
    "numbering-plan data for every country) judges the number, read as a number of the "
    "location's country, or of its own country code when it starts with '+' "
    "(registry-quality-rules.md, section 2 item 7). 21 phone numbers of the 837 real records "
    "(17 of facilities) are not valid, from '613' to '+8613560351186896'; North American "
    "numbers (sponsors' call centres) are accepted for sites in any country.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    locations:\n"
           "      - facility: Example University Hospital\n        city: Lyon\n"
           "        country: France\n        contacts:\n"
           "          - {name: Jane Doe, role: CONTACT, phone: 01 49 81 25}\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    locations:\n"
            "      - facility: Example University Hospital\n        city: Lyon\n"
            "        country: France\n        contacts:\n"
            "          - {name: Jane Doe, role: CONTACT, phone: 01 49 81 25 36}\n"
            + AN_OFFICIAL,),
)  # fmt: skip
TRUNK_ZERO = rule(
    "C016", "trunk-zero-after-country-code", Severity.WARNING,
    "An international phone number that keeps its country's trunk 0 after the country code "
    "('+86-021-64370045', '+330231455160').",
    "The trunk prefix 0 is dialled only within the country; after the country calling code "
    "it is dropped (ITU-T E.123; libphonenumber's international form), and dialled from "
    "abroad the number fails. libphonenumber reads the number as valid without the 0, which "
    "is why C010 does not report it. Not reported: '+33 (0)1 ...', which writes the 0 apart "
    "by convention, and Italian numbers, which keep their leading 0. The safe fix writes "
    "libphonenumber's international form. Corpus: 11 numbers in 7 records (China, India, "
    "France), all real.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - {name: Jane Doe, role: CONTACT, phone: '+330231455160'}\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - {name: Jane Doe, role: CONTACT, phone: '+33 2 31 45 51 60'}\n"
            + AN_OFFICIAL + A_SITE,),
    fix=FixKind.SAFE,
)  # fmt: skip
COUNTRY_CODE_WITHOUT_PLUS = rule(
    "C028", "country-code-without-plus", Severity.WARNING,
    "A phone number written with its country calling code but without the '+' before it "
    "('86-13206140093', '33142499236', '55 16 36022663').",
    "Written so, the number is neither a national number (dialled in the country, the "
    "country code is not dialled) nor an international one (from abroad, the '+' stands for "
    "the caller's own international prefix): ITU-T E.123 writes the country code after a "
    "'+'. libphonenumber tells such a number from a national one (it reads the country code "
    "where the digits are no valid national number and are one after it), which is why C010 "
    "accepts it. The country is the contact's site's, or for a central contact the one "
    "country of all the record's sites. A North American number's leading 1 is its trunk "
    "prefix ('1-800-243-0127'), and a number written with the international prefix 00 "
    "('0041 61 328 68 68') is dialled as written from most of the world: neither is "
    "reported. The safe fix writes libphonenumber's international form. Recall tuning "
    "samples: 2 of the 3 such records marked by their curators. Corpus: 109 numbers in 37 "
    "records, the 93 outside the held-out recall sample read, all real (China, Taiwan, Korea, "
    "Japan, Brazil, Poland, Slovakia and 7 more countries).",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - {name: Jane Doe, role: CONTACT, phone: 86-13206140093}\n" + AN_OFFICIAL
           + "    locations:\n      - {facility: West China Hospital, city: Chengdu, "
           "country: China}\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - {name: Jane Doe, role: CONTACT, phone: +86 132 0614 0093}\n" + AN_OFFICIAL
            + "    locations:\n      - {facility: West China Hospital, city: Chengdu, "
            "country: China}\n",),
    fix=FixKind.SAFE,
)  # fmt: skip


COUNTRY_TWO_WAYS = rule(
    "C012", "country-written-two-ways", Severity.WARNING,
    "One country written two ways in a record's locations ('Korea, Republic of' and 'South "
    "Korea').",
    "The registry lists locations by country from one list of names, and a search or a count "
    "by country treats two spellings as two countries: the sites written the second way are "
    "missing from the first country's. Which names are one country is libphonenumber's "
    "knowledge (ISO 3166 regions and their English names), with the registry's own names "
    "('Korea, Republic of', 'Russian Federation', 'Czechia').",
    fails=("protocolSection:\n  contactsLocationsModule:\n    locations:\n"
           "      - {facility: Seoul National University Hospital, city: Seoul, "
           "country: 'Korea, Republic of'}\n"
           "      - {facility: Asan Medical Center, city: Seoul, country: South Korea}\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    locations:\n"
            "      - {facility: Seoul National University Hospital, city: Seoul, "
            "country: 'Korea, Republic of'}\n"
            "      - {facility: Asan Medical Center, city: Seoul, "
            "country: 'Korea, Republic of'}\n" + AN_OFFICIAL,),
)  # fmt: skip


# --- where contacts and names are --------------------------------------------------------------


def contacts_of(
    record: Record,
) -> Iterator[tuple[Path, int | None, dict[str, Any], str | None]]:
    """Every contact (central, facility, the results' point of contact), as the path of its
    list, its index there (None for the point of contact, which is no list's entry) and the
    country of its location (None but for facility contacts)."""
    module = record.contacts
    for index, contact in dicts(module.get("centralContacts")):
        yield CENTRAL_CONTACTS, index, contact, None
    locations = module.get("locations")
    if isinstance(locations, list):  # hundreds of entries: no copy of the list
        for place, location in enumerate(locations):
            entries = location.get("contacts") if isinstance(location, dict) else None
            if isinstance(entries, list):
                prefix = (*CLM, "locations", place, "contacts")
                country = as_str(location.get("country"))
                for index, contact in enumerate(entries):
                    if isinstance(contact, dict):
                        yield prefix, index, contact, country
    results = record.data.get("resultsSection")
    if isinstance(results, dict):
        point = as_dict(as_dict(results.get("moreInfoModule")).get("pointOfContact"))
        if point:
            yield POINT_OF_CONTACT, None, point, None


def _at(prefix: Path, index: int | None) -> Path:
    """A contact's path, built only for the few contacts with something to report."""
    return prefix if index is None else (*prefix, index)


def people_of(record: Record) -> Iterator[tuple[Path, dict[str, Any], str, str, str]]:
    """Officials and the responsible party's investigator: (path, mapping, name key,
    affiliation key, who they are)."""
    for index, official in dicts(record.contacts.get("overallOfficials")):
        yield (*CLM, "overallOfficials", index), official, "name", "affiliation", "official"
    responsible = as_dict(record.module("sponsorCollaboratorsModule").get("responsibleParty"))
    if responsible:
        yield (RESPONSIBLE, responsible, "investigatorFullName", "investigatorAffiliation",
               "investigator")  # fmt: skip


_A_DIGIT = re.compile(r"\d")


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit())


# --- C001: e-mail addresses and phone numbers where a name belongs ---------------------------

# (tried from the start of a run of address characters only: a long run is read once)
_EMAIL_IN_TEXT = re.compile(r"(?<![\w.%+'-])[\w.%+'-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
# A run of digits with the separators phone numbers are written with; 9 to 15 digits (E.164
# allows 15) keeps postal codes, years and street numbers out.
_PHONE_IN_TEXT = re.compile(r"\+?\d[\d ().\-/]*\d")


def email_in(text: str) -> tuple[int, int] | None:
    """(offset, length) of an e-mail address in a text, or None."""
    match = _EMAIL_IN_TEXT.search(text) if "@" in text else None
    return (match.start(), match.end() - match.start()) if match else None


def phone_in(text: str) -> tuple[int, int] | None:
    """(offset, length) of a phone number in a text, or None."""
    for match in _PHONE_IN_TEXT.finditer(text):
        part = match.group()
        if 9 <= len(_digits(part)) <= 15:
            start = match.start()
            if part.count(")") > part.count("(") and text[start - 1 : start] == "(":
                start -= 1  # "(212) 555-1234": the area code's opening bracket
            return start, match.end() - start
    return None


# Words that make a name a note to the reader: an invitation to get in touch, or a web address.
_INSTRUCTIONS = lazy_pattern(
    r"\b(?:for (?:more|additional|further) information|please (?:contact|call|e-?mail|visit|"
    r"refer|see)|contact (?:us|the (?:study|sponsor|call)|[^\s,;]*@)|call (?:us|the|toll)|"
    r"https?://|www\.)",
    re.IGNORECASE,
)


_INSTRUCTION_WORDS = ("information", "please", "contact", "call", "www.", "://")


def _details_in_name(path: Path, key: str, text: str, holds: str) -> Hit | None:
    """C001 for one field that should hold ``holds``."""
    if "@" not in text and not _A_DIGIT.search(text):
        return _instructions_in_name(path, key, text, holds)
    found = email_in(text)
    kind = "an e-mail address"
    if found is None:
        found = phone_in(text)
        kind = "a phone number"
        if found is None:
            return _instructions_in_name(path, key, text, holds)
    offset, length = found
    if length == len(text.strip()):
        message = f"{key} {quoted(text, 60)} is {kind}, not {holds}"
    else:
        part = text[offset : offset + length]
        message = f"{key} {quoted(text, 60)} holds {kind} ({part}); it should be {holds} only"
    if key == "affiliation" and kind == "an e-mail address":
        message += " (officials have no e-mail field)"
    return Hit(DETAILS_IN_NAME, message, (*path, key), within=(offset, length))


def _instructions_in_name(path: Path, key: str, text: str, holds: str) -> Hit | None:
    """C001 for a name that invites the reader to get in touch, or is a web address: a
    sentence where a name belongs. Only names long enough to hold one are searched."""
    if len(text) < 8:
        return None
    lowered = text.lower()
    if not any(word in lowered for word in _INSTRUCTION_WORDS):
        return None  # the cheap scan: most names have none of these words
    match = _INSTRUCTIONS().search(text)
    if match is None:
        return None
    kind = (
        "a web address"
        if match.group().lower() in ("www.", "http://", "https://")
        else ("contact instructions")
    )
    return Hit(DETAILS_IN_NAME, f"{key} {quoted(text, 60)} holds {kind}; it should be {holds} only",
               (*path, key), within=(match.start(), len(match.group())))  # fmt: skip


# --- C002, C006, C007, C008, C010: phone numbers and extensions -------------------------------

_COUNTRY_CODE = re.compile(r"\s*\+\s*(\d{1,3})\s*")
# The extension words the registry's users write that libphonenumber's grammar lacks (it knows
# ext, extn, x, #, anexo, doble and others): the French 'poste'.
_EXTENSION_WORD = re.compile(r"[\s,;]*\(?\s*poste\s*:?\s*(\d{1,6})\s*\)?\s*$", re.IGNORECASE)
# A phone of digits and separators only has no note, extension or letters to report.
_NOT_IN_A_NUMBER = re.compile(r"[^\d\s()+./-]")
# The registry's names of countries that Java's (and so libphonenumber's) English names write
# otherwise; every other country of the registry's list is written the same in both.
_REGISTRY_COUNTRY_NAMES = {
    "korea, republic of": "KR", "korea, democratic people's republic of": "KP",
    "russian federation": "RU", "iran, islamic republic of": "IR", "czechia": "CZ",
    "turkey (türkiye)": "TR", "türkiye": "TR", "syrian arab republic": "SY",
    "moldova, republic of": "MD", "north macedonia": "MK", "lao people's democratic republic": "LA",
    "congo, the democratic republic of the": "CD", "côte d'ivoire": "CI", "viet nam": "VN",
    "palestinian territory, occupied": "PS", "brunei darussalam": "BN",
}  # fmt: skip


def _phonenumbers() -> Any:
    """libphonenumber's Python port, imported the first time a phone number is judged: its
    metadata costs 25 ms, which a pre-commit run of a record without phone numbers never
    pays."""
    import phonenumbers

    return phonenumbers


@lru_cache(maxsize=1)
def _regions_by_name() -> dict[str, str]:
    """Region codes (ISO 3166) by lowercased English country name: libphonenumber's locale
    table, as scripts/build_countries.py wrote it to rules/places/countries.tsv (read without
    importing phonenumbers, 25 ms that a record without phone numbers never needs)."""
    names = dict(_REGISTRY_COUNTRY_NAMES)
    table = data_dir("rules") / "places" / "countries.tsv"
    for line in table.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            english, region = line.split("\t")
            names.setdefault(english, region)
    return names


def region_of(country: str | None) -> str | None:
    """The region code (ISO 3166) of a registry country name, or None when unknown."""
    return _regions_by_name().get(country.strip().lower()) if country else None


@lru_cache(maxsize=4096)  # sponsors' call centres repeat across hundreds of sites
def _parse(phone: str, region: str | None) -> Any:
    """The phone number libphonenumber reads, or None when it reads none."""
    library = _phonenumbers()
    try:
        return library.parse(phone, region)
    except library.NumberParseException:
        return None


def international_form(code: str, phone: str) -> tuple[str | None, str]:
    """The phone number with country code ``code`` in international form, as libphonenumber
    writes it, and a note on the leading 0; no number when the digits are no valid number of
    that country code."""
    library = _phonenumbers()
    region = library.region_code_for_country_code(int(code))
    national = phone.strip()
    number = _parse(national, region) if region != "ZZ" else None
    if number is None or not library.is_valid_number(number):
        return None, ""
    written = library.format_number(number, library.PhoneNumberFormat.INTERNATIONAL)
    if not national.startswith("0"):
        return written, ""
    if number.italian_leading_zero:
        return written, f" (numbers of +{code} keep their leading 0)"
    return written, " (the international form drops the trunk 0)"


def _country_code_message(ext: str, code: str, phone: str | None) -> tuple[str, bool]:
    """The message, and whether removing the extension is all there is to do."""
    head = f"phoneExt {quoted(ext)} is a country calling code, not an extension"
    if not phone or not _A_DIGIT.search(phone):
        return head + ", and there is no phone number to go with it", False
    stripped = phone.strip()
    if stripped.startswith(("+", "00")):
        international = stripped.removeprefix("+").removeprefix("00").lstrip()
        if international.startswith(code):
            return head + f"; phone {quoted(phone)} already starts with it", True
        return head + f"; phone {quoted(phone)} already has a country code", False
    suggestion, note = international_form(code, phone)
    if suggestion is None:
        return (
            head + f", and phone {quoted(phone)} is no valid number of +{code} either: check the "
            "number and its country",
            False,
        )
    return (
        head + f": write the phone number in international form, {quoted(suggestion)}{note}",
        False,
    )


def _phone(path: Path, phone: str | None, ext: str | None) -> Iterator[Hit]:
    """C002, C006, C007 and C008 for one contact's phone number and extension."""
    if ext:
        code = _COUNTRY_CODE.fullmatch(ext)
        if code:
            message, complete = _country_code_message(ext, code.group(1), phone)
            # Removing the extension is the whole fix only when the number already has its
            # country code; otherwise the code moves into the phone number (a second field).
            yield Hit(COUNTRY_CODE_EXTENSION, message, (*path, "phoneExt"),
                      fix=Fix(ext, "") if complete else None)  # fmt: skip
        elif len(digits := _digits(ext)) >= 7:
            if phone and digits == _digits(phone):
                message = f"phoneExt {quoted(ext)} repeats the phone number; it is not an extension"
                fix = Fix(ext, "")
            else:
                message = (f"phoneExt {quoted(ext)} is a phone number, not an extension (the few "
                           "digits dialled after the number is answered)")  # fmt: skip
                fix = None
            yield Hit(PHONE_IN_EXTENSION, message, (*path, "phoneExt"), fix=fix)
    if not phone or not _NOT_IN_A_NUMBER.search(phone):
        return
    if not _A_DIGIT.search(phone):
        if phone.strip():
            yield Hit(PHONE_WITHOUT_DIGITS,
                      f"phone {quoted(phone)} is not a phone number; leave the field out when "
                      "there "
                      "is none", (*path, "phone"))  # fmt: skip
        return
    extension = extension_in(phone)
    if extension is not None:
        yield _extension_in_phone(path, phone, ext, *extension)


def extension_in(phone: str) -> tuple[int, int, str] | None:
    """Where an extension written in a phone number starts (after the number's last digit),
    where its label starts, and its digits; None when there is none. libphonenumber's grammar
    reads it ('ext. 12', 'x 12', '#12', 'anexo 12'), with the words it lacks."""
    number = _parse(phone, "US")  # the region does not change how an extension is written
    digits = number.extension if number is not None else None
    if not digits:
        word = _EXTENSION_WORD.search(phone)
        if word is None:
            return None
        digits = word.group(1)
    at = phone.rfind(digits)
    end = at
    while end > 0 and not phone[end - 1].isdigit():
        end -= 1
    if at < 0 or len(_digits(phone[:end])) < 6:
        return None
    label = end
    while label < at and phone[label] in " ,;":
        label += 1
    return end, label, digits


def _extension_in_phone(path: Path, phone: str, ext: str | None, end: int, label: int,
                        number: str) -> Hit:  # fmt: skip
    """C007, pointing at the extension inside the number; the fix removes it from there."""
    tail = phone[label:].rstrip()
    message = f"phone {quoted(phone)} holds the extension {number}; "
    if ext:
        message += f"phoneExt already says {quoted(ext)}"
    else:
        message += f"give the number alone and {number} in phoneExt"
    national = phone[:end].strip()
    if len(number) <= 3 and national.startswith("0"):
        suggestion, _ = international_form(number, national)
        if suggestion is not None:
            message += (
                f" (if {number} is the country calling code, write {quoted(suggestion)} instead)"
            )
    return Hit(EXTENSION_IN_PHONE, message, (*path, "phone"), within=(label, len(tail)),
               fix=Fix(phone[end:], "", end))  # fmt: skip


# A reason libphonenumber gives for a number that is not possible, as words.
_WHY_NOT_POSSIBLE = {
    1: "no country has that calling code", 2: "it is too short", 3: "it is too long",
    4: "it lacks its area code", 5: "no number there has that many digits",
}  # fmt: skip


@lru_cache(maxsize=4096)  # judging a number costs 150 us; call centres repeat
def invalid_phone(phone: str, region: str | None) -> str | None:
    """Why a phone number (digits and separators only) is no valid number of ``region`` (its
    location's country), or of its own country calling code when it starts with '+'; None when
    it is valid, or is a valid North American number (sponsors' call centres, the usual
    phone of sites in other countries too)."""
    stripped = phone.strip()
    international = stripped.startswith("+")
    if region is None and not international:
        return None
    number = _parse(stripped, None if international else region)
    library = _phonenumbers()
    if number is not None and library.is_valid_number(number):
        return None
    if not international and region not in ("US", "CA") and _valid(stripped, "US"):
        return None
    if number is None:
        return "it cannot be read as one"
    reason = _WHY_NOT_POSSIBLE.get(library.is_possible_number_with_reason(number))
    why = reason or "its digits are in no range of numbers given out there"
    if not stripped.startswith("+"):
        digits = _digits(stripped)
        for size in (1, 2, 3):  # a country calling code without its '+'
            code = digits[:size]
            if not code.isdecimal():  # '²' is a digit int() does not read
                break
            if library.region_code_for_country_code(int(code)) not in ("ZZ", region):
                written = _valid("+" + digits, None)
                if written:
                    why += f"; if {code} is a country calling code, write {quoted(written)}"
                    break
    return why


def _invalid_phone(path: Path, phone: str, ext: str | None, country: str | None) -> Hit | None:
    """C010 for a phone number of digits and separators (words are C007's and C008's), unless
    its extension is a country calling code (C002: the number is read with it there)."""
    if not _A_DIGIT.search(phone) or (ext and _COUNTRY_CODE.fullmatch(ext)):
        return None
    region = region_of(country)
    why = invalid_phone(phone, region)
    if why is None:
        return None
    international = phone.lstrip().startswith("+")
    where = "with its country calling code" if international else f"in {country}"
    return Hit(INVALID_PHONE, f"phone {quoted(phone)} is no valid phone number {where}: {why}",
               (*path, "phone"))  # fmt: skip


def _trunk_zero(path: Path, phone: str) -> Hit | None:
    """C016 for a valid international number that keeps its country's trunk 0 after the
    country calling code ('+86-021-64370045'); '+33 (0)1 ...' writes the 0 apart, as a
    convention, and Italy's numbers keep theirs by right."""
    library = _phonenumbers()
    number = _parse(phone.strip(), None)
    if number is None or number.italian_leading_zero:
        return None
    code = str(number.country_code)
    digits = _digits(phone)
    if not digits.startswith(code + "0") or "(" in phone or not library.is_valid_number(number):
        return None
    written = library.format_number(number, library.PhoneNumberFormat.INTERNATIONAL)
    return Hit(TRUNK_ZERO, f"phone {quoted(phone)} keeps the trunk 0 after the country code "
                           f"+{code}: "
               f"dialled from abroad it reaches nobody; write {quoted(written)}", (*path, "phone"),
               fix=Fix(phone, written, safe=True))  # fmt: skip


def _without_plus(path: Path, phone: str, country: str) -> Hit | None:
    """C028 for a phone number with no '+', read as a number of ``country``."""
    region = region_of(country)
    found = _country_code_without_plus(phone, region) if region else None
    if found is None:
        return None
    code, written = found
    return Hit(COUNTRY_CODE_WITHOUT_PLUS,
               f"phone {quoted(phone)} starts with the country calling code {code} without its "
               f"'+': dialled as written it reaches nobody, in {country} or from abroad; write "
               f"{quoted(written)}", (*path, "phone"),
               fix=Fix(phone, written, safe=True))  # fmt: skip


@lru_cache(maxsize=4096)  # a sponsor's number repeats across hundreds of sites
def _country_code_without_plus(phone: str, region: str) -> tuple[int, str] | None:
    """The country calling code libphonenumber found at the start of a number with no '+'
    (not North America's 1, which is also its trunk prefix), and the number's international
    form, when the rest is a valid number; None otherwise."""
    library = _phonenumbers()
    try:
        number = library.parse(phone, region, keep_raw_input=True)
    except library.NumberParseException:
        return None
    if (
        number.country_code_source != library.CountryCodeSource.FROM_NUMBER_WITHOUT_PLUS_SIGN
        or number.country_code == 1
        or not library.is_valid_number(number)
    ):
        return None
    written = library.format_number(number, library.PhoneNumberFormat.INTERNATIONAL)
    return number.country_code, str(written)


def _one_country(record: Record) -> str | None:
    """The country of all the record's sites, when they are in one: a central contact's."""
    countries = {as_str(location.get("country")) for _, location in dicts(
        record.contacts.get("locations"))}  # fmt: skip
    countries.discard(None)
    return countries.pop() if len(countries) == 1 else None


def _valid(phone: str, region: str | None) -> str | None:
    """The international form of a phone number valid for ``region``, or None."""
    library = _phonenumbers()
    number = _parse(phone, region)
    if number is None or not library.is_valid_number(number):
        return None
    return str(library.format_number(number, library.PhoneNumberFormat.INTERNATIONAL))


# --- C009: e-mail addresses ---------------------------------------------------------------------

# The cheap scan: the common shape of an address (dot-separated ASCII atoms, @, dot-separated
# labels of letters, digits and hyphens, a top-level domain of letters). What it passes is
# well-formed; whatever else is judged by email-validator, which knows the whole grammar
# (RFC 5321/5322, internationalised addresses, label and address lengths, special-use domains).
_COMMON_EMAIL = re.compile(
    r"[a-z0-9!#$%&'*+/=?^`{|}~_-]+(?:\.[a-z0-9!#$%&'*+/=?^`{|}~_-]+)*@"
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}",
    re.IGNORECASE | re.ASCII,
)
_SPECIAL_USE = (".local", ".localhost", ".test", ".invalid", ".onion", ".arpa")
_SEPARATORS = re.compile(r"\s*[,;/\s]\s*|\s+(?:or|and|et)\s+")


def _common(address: str) -> bool:
    """Whether the cheap scan knows an address is well-formed."""
    return (
        _COMMON_EMAIL.fullmatch(address) is not None
        and len(address) <= 254
        and address.index("@") <= 64
        and not address.lower().endswith(_SPECIAL_USE)
    )


@lru_cache(maxsize=4096)  # one address is often every site's contact
def _email_error(address: str) -> str | None:
    """email-validator's reason an address is not well-formed (syntax only: no DNS, no
    network), or None when it is."""
    if _common(address):
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as error:
        return str(error)
    return None


def email_problem(email: str) -> str | None:
    """What is wrong with an e-mail field, or None when it is one well-formed address."""
    address = email.strip()
    reason = _email_error(address)
    if reason is None:
        return None
    if "://" in address or address.lower().startswith("www."):
        return "is a web address, not an e-mail address"
    parts = [part for part in _SEPARATORS.split(address) if part]
    if len(parts) > 1 and all(_email_error(part) is None for part in parts):
        return f"holds {len(parts)} addresses; give one (another contact can hold the second)"
    if "@" not in address:
        return "is not an e-mail address (it has no @)"
    if address.count("@") > 1:
        return f"has {address.count('@')} @ signs; an e-mail address has one"
    return f"is not a well-formed e-mail address: {reason[:1].lower()}{reason[1:].rstrip('.')}"


# --- C003: a name and its own e-mail address spelled differently -------------------------------

# Degrees, titles and honorifics written after (or before) names: never compared.
DEGREES = frozenset({
    "md", "msc", "phd", "pr", "dr", "prof", "professor", "mph", "ms", "ma", "mba", "rn", "bsn",
    "bs", "bsc", "ba", "pharmd", "dds", "dmd", "mbbs", "frcp", "frcpc", "facs", "ccrc", "crc",
    "np", "pa", "pt", "dpt", "mres", "mhs", "mas", "dsc", "dmsc", "kmd", "master", "doctor",
    "mme", "mr", "mrs", "mdphd", "mphil", "fcps", "mrcp", "faan", "phil", "med", "sci", "cand",
    "candidate", "student", "fellow", "assoc", "associate", "ass", "asst", "assistant",
    "lecturer", "consultant", "postdoc", "postgraduate", "nurse", "sr", "jr", "ii", "iii", "iv",
})  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})
_IE_BEFORE_CONSONANT = re.compile(r"ie(?=[^aeiouy])")


def _canonical(word: str) -> str:
    """Spellings that romanisations of one name differ by, made equal: Russian shch/sh
    (Tereshchenko, tereshenko), Japanese long u (Yusuke, yuusuke), Arabic ie/i (Ibrahim,
    ibrahiem). Those are the same name written two ways, not typos."""
    word = word.replace("shch", "sh").replace("uu", "u")
    return _IE_BEFORE_CONSONANT.sub("i", word) if "ie" in word else word


def _spellings(word: str) -> frozenset[str]:
    """The ASCII forms of a name word: Jörn is jorn or joern, Müller muller or mueller."""
    lower = word.lower()
    if lower.isascii():
        return frozenset({_canonical(lower)})
    return frozenset(
        {_canonical(ascii_lower(lower)), _canonical(ascii_lower(lower.translate(_GERMAN)))}
    )


def slipped(a: str, b: str) -> bool:
    """Whether one word is the other with 1 or 2 adjacent letters inserted (or a letter
    repeated) strictly inside it: carrier/carrrier, virginie/virgine. Not when the shorter is
    the start or the end of the longer (fritsch/fritsche, call/ccall, vilarda/vilardaga): a
    letter or two at either end are as likely an initial or a truncation as a typo."""
    long, short = (a, b) if len(a) > len(b) else (b, a)
    if len(long) - len(short) not in (1, 2) or long.startswith(short) or long.endswith(short):
        return False
    prefix = 0
    while prefix < len(short) and long[prefix] == short[prefix]:
        prefix += 1
    suffix = 0
    while suffix < len(short) and long[-1 - suffix] == short[-1 - suffix]:
        suffix += 1
    # The inserted letters can follow any k letters of `short` that the common prefix and
    # suffix allow; one such place must leave a letter on each side.
    return max(1, len(short) - suffix) <= min(prefix, len(short) - 1)


def _cores(piece: str, initials: set[str]) -> list[str]:
    """A piece of an address and what is left of it without leading or trailing initials
    (jsmith, smithj, jpsmith): the letters that should spell a whole name word."""
    cores = [piece]
    for lead in (0, 1, 2):
        if lead and not all(letter in initials for letter in piece[:lead]):
            break
        for trail in (0, 1):
            if (lead or trail) and (not trail or piece[-1] in initials):
                core = piece[lead : len(piece) - trail]
                if len(core) >= 4:
                    cores.append(core)
    return cores


def _cannot_slip(name: str, local: str) -> bool:
    """A quick test for the common case (ASCII, an address made of the name's words and
    initials): no piece of the address is left that could be a slip of a name word. A piece
    written in the name as it is cannot be one (a slip is never the start or the end of a word,
    nor inside it), and a slip keeps the first and the last letter of the word."""
    lowered = name.lower()
    words: set[str] | None = None
    ends: set[tuple[str, str]] = set()
    for piece in _WORD.findall(local.lower()):
        if len(piece) < 4 or piece in lowered:
            continue
        if words is None:
            words = set(_WORD.findall(lowered))
            ends = {(word[0], word[-1]) for word in words if len(word) >= 4}
        if (
            piece[1:] in words
            or piece[:-1] in words
            or piece[2:] in words
            or piece[1:-1] in words
            or piece[2:-1] in words
        ):
            continue  # a word with initials: jsmith, smithj, jpsmith
        if any((first, last) in ends for first in piece[:3] for last in piece[-2:]):
            return False
    return True


@lru_cache(maxsize=1024)  # a contact is often both a central and a facility contact
def name_email_mismatches(name: str, email: str) -> tuple[tuple[int, str, str], ...]:
    """(offset in the name, name word, its spelling in the address) for each name word that a
    piece of the e-mail address spells with one slip; nothing when the address follows the
    name, or does not follow it at all (initials, nicknames, a shared mailbox)."""
    local = email.partition("@")[0]
    if name.isascii() and local.isascii() and _cannot_slip(name, local):
        return ()
    words = [
        (match.start(), match.group(), _spellings(match.group()))
        for match in _WORD.finditer(name)
        if ascii_lower(match.group()) not in DEGREES
    ]
    if not words:
        return ()
    pieces = _WORD.findall(ascii_lower(local))
    canonical_pieces = {_canonical(piece) for piece in pieces}
    known = frozenset().union(*(spellings for _, _, spellings in words))
    initials = {spelling[0] for spelling in known if spelling}
    confirmed = {word for _, word, spellings in words if spellings & canonical_pieces}
    found: list[tuple[int, str, str]] = []
    for piece in pieces:
        cores = [(core, _canonical(core)) for core in _cores(piece, initials)]
        if len(cores[0][1]) < 4 or any(canonical in known for _, canonical in cores):
            continue
        for offset, word, spellings in words:
            if word in confirmed or any(seen == word for _, seen, _ in found):
                continue
            slip = next(
                (
                    core
                    for core, canonical in cores
                    for spelling in spellings
                    if len(spelling) >= 4 and slipped(canonical, spelling)
                ),
                None,
            )
            if slip is not None:
                found.append((offset, word, slip))
                break
    return tuple(found)


def _tripled(text: str) -> bool:
    return any(text[i] == text[i + 1] == text[i + 2] for i in range(len(text) - 2))


def _name_words(record: Record) -> frozenset[str]:
    """The words (lowercased, without accents) of every person's name in the record: contacts,
    officials and the responsible party's investigator."""
    words: set[str] = set()
    for _, _, contact, _ in contacts_of(record):
        for key in ("name", "title"):
            words.update(_WORD.findall(ascii_lower(as_str(contact.get(key)) or "")))
    for _, person, name_key, _, _ in people_of(record):
        words.update(_WORD.findall(ascii_lower(as_str(person.get(name_key)) or "")))
    return frozenset(words)


def _name_and_email(
    path: Path,
    name_key: str,
    email: str,
    mismatches: tuple[tuple[int, str, str], ...],
    names: frozenset[str],
) -> Iterator[Hit]:
    """C003 for one contact, given what name_email_mismatches found, when the record spells
    the name as the address does too (``names``: its name words), or a letter is tripled (no
    name has one); C011 otherwise."""
    for offset, word, piece in mismatches:
        strong = _tripled(word.lower()) or _tripled(piece) or piece in names
        if not strong:
            yield Hit(NAME_EMAIL_VARIANT,
                      f"{name_key} spells {quoted(word)} but the e-mail address {email.strip()} "
                      "has "
                      f"{quoted(piece)}: two spellings of one name, or a typo", (*path, name_key),
                      within=(offset, len(word)))  # fmt: skip
            continue
        fix = None
        # The e-mail's spelling is the likelier (an address that bounced would have been
        # noticed), unless it is the one with a tripled letter, or the name has letters an
        # address cannot show (accents).
        if word.isascii() and not _tripled(piece):
            fix = Fix(word, same_case(word, piece), offset)
        yield Hit(NAME_EMAIL_MISMATCH,
                  f"{name_key} spells {quoted(word)} but the e-mail address {email.strip()} has "
                  f"{quoted(piece)}; one of the two is misspelled", (*path, name_key),
                  within=(offset, len(word)), fix=fix)  # fmt: skip


# --- C004: officials who are not people -------------------------------------------------------

# One pass finds both: legal forms and industry words name a company anywhere in the name;
# roles and departments count only before the first comma ('Jane Doe, Medical Director' is a
# person with a title).
_NOT_A_PERSON = re.compile(
    r"(?P<company>\b(?:inc|llc|ltd|gmbh|corp|corporation|plc|company|pharmaceuticals?|pharma|"
    r"laboratories)\b\.?|\ba/s\b|\bco\.\s*,?\s*ltd\b)"
    r"|(?P<role>\b(?:director|(?:principal\s+)?investigator|clinical\s+trials?|"
    r"clinical\s+(?:registry|transparency|sciences|operations|development|team)|"
    r"medical\s+(?:expert|monitor|affairs|lead|information)|transparency|call\s+cent(?:er|re)|"
    r"study\s+(?:team|physician|contact)|sponsor|contact|department|dept|registry|operations|"
    r"management)\b)"
)  # matched on the lowercased name: much faster than IGNORECASE
_LEGAL = LEGAL_FORMS | {"the"}  # set aside when two organizations' names are compared


def _organization_key(text: str) -> str:
    return " ".join(word for word in _WORD.findall(ascii_lower(text)) if word not in _LEGAL)


# A login rather than a name: one lowercase word, or words joined by dots or underscores
# ('chenjianxiang', 'j_smith', 'jane.doe2').
_USER_NAME = re.compile(r"[a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z]{5,}[0-9]*", re.ASCII)


def not_a_person(name: str, affiliation: str | None) -> str | None:
    """Why an official's name is not a person's name, or None."""
    if _USER_NAME.fullmatch(name.strip()):
        return "is a user name"
    lowered = name.lower()
    first = _WORD.search(lowered)
    if (
        first
        and first.group() in DEGREES
        and all(word in DEGREES for word in _WORD.findall(lowered))
    ):
        return "is only a degree"
    comma = lowered.find(",")
    role = False
    for match in _NOT_A_PERSON.finditer(lowered):
        if match.group("company"):
            return "names an organization"
        role = role or comma < 0 or match.start() < comma
    # 'Bristol-Myers Squibb' at 'Bristol-Myers Squibb' (10 real records, all companies). Not
    # compared with the sponsor: sponsor-investigators are sponsors under their own names.
    if (
        affiliation
        and lowered[:1] == affiliation[:1].lower()
        and _organization_key(name) == _organization_key(affiliation)
    ):
        return "repeats the affiliation, an organization"
    return "names a role or a department" if role else None


# --- C014: an affiliation that is a job title ----------------------------------------------------

# The words job titles are made of: an affiliation of these words alone names no organization.
TITLE_WORDS = frozenset({
    "director", "dean", "professor", "prof", "associate", "assistant", "chief", "head",
    "research", "principal", "investigator", "chairman", "chair", "manager", "coordinator",
    "consultant", "lecturer", "resident", "fellow", "physician", "surgeon", "nurse", "senior",
    "junior", "medical", "clinical", "scientific", "officer", "specialist", "doctor", "lead",
    "vice", "president", "attending", "staff", "researcher", "scientist", "of", "the", "and",
    "md", "phd", "dr",
})  # fmt: skip


def is_job_title(text: str) -> bool:
    """Whether a text is only a job title ('Director of Research', 'Associate dean')."""
    words = _WORD.findall(text.lower())
    return bool(words) and all(word in TITLE_WORDS for word in words)


# --- C017: an investigator's title that is no position ----------------------------------------

# What names an organization, and what names a position besides TITLE_WORDS: a title with
# an organization's word and none of a position's is an organization's name.
_ORGANIZATION_WORDS = frozenset({
    "hospital", "university", "department", "dept", "center", "centre", "institute",
    "clinic", "college", "school", "faculty", "foundation", "inc", "ltd", "company",
    "laboratory", "unit", "division",
})  # fmt: skip
_NOT_POSITIONS = frozenset({"of", "the", "and", "medical", "clinical", "research", "scientific"})
_POSITION_WORDS = (TITLE_WORDS - _NOT_POSITIONS) | {
    "supervisor", "master", "student", "member", "instructor", "registrar", "therapist",
}  # fmt: skip
_POSITION_ENDINGS = ("ist", "ian", "er", "or")  # oncologist, physician, researcher, director


# The words of a study role written as a title: 'Principal Investigator', 'Co-PI', 'Study
# Principal Investigator', 'Sponsor-Investigator'.
_ROLE_WORDS = frozenset({
    "principal", "primary", "lead", "chief", "study", "co", "sponsor", "the", "and",
    "investigator", "investigators", "pi",
})  # fmt: skip


def title_is_the_role(title: str) -> bool:
    """Whether an investigator's title is only a study role (an investigator's), no position."""
    words = _WORD.findall(title.lower())
    return (
        bool(words)
        and _ROLE_WORDS.issuperset(words)
        and bool({"investigator", "investigators", "pi"}.intersection(words))
    )


def title_not_a_position(title: str, name: str | None) -> str | None:
    """Why an investigator's title is not a position ('is the investigator's name', 'names an
    organization'), or None."""
    words = _WORD.findall(title.lower())
    if not words:
        return None
    if name:
        named = [word for word in _WORD.findall(name.lower()) if word not in DEGREES]
        if named and sorted(named) == sorted(word for word in words if word not in DEGREES):
            return "is the investigator's name"
    if any(word in _POSITION_WORDS or word.endswith(_POSITION_ENDINGS) for word in words):
        return None
    if any(word in _ORGANIZATION_WORDS for word in words):
        return "names an organization"
    return None


# --- the checks ---------------------------------------------------------------------------------


@check(
    DETAILS_IN_NAME,
    OFFICIAL_NOT_PERSON,
    AFFILIATION_IS_A_ROLE,
    TITLE_NOT_A_POSITION,
    TITLE_IS_THE_ROLE,
)
def officials(record: Record, context: Context) -> Iterator[Hit]:
    """C001, C004 and C014 for the overall officials and the responsible party's
    investigator."""
    for path, person, name_key, affiliation_key, who in people_of(record):
        name = as_str(person.get(name_key))
        affiliation = as_str(person.get(affiliation_key))
        details = None
        if name:
            details = _details_in_name(path, name_key, name, f"the {who}'s name")
            if details:
                yield details
        if affiliation:
            hit = _details_in_name(path, affiliation_key, affiliation,
                                   f"the {who}'s organization")  # fmt: skip
            if hit:
                yield hit
            elif is_job_title(affiliation):
                yield Hit(AFFILIATION_IS_A_ROLE,
                          f"{affiliation_key} {quoted(affiliation, 60)} is a job title; give the "
                          f"organization the {who} works for",
                          (*path, affiliation_key))  # fmt: skip
        title = as_str(person.get("investigatorTitle")) if who == "investigator" else None
        if title:
            hit = _details_in_name(path, "investigatorTitle", title, "the investigator's title")
            why = None if hit else title_not_a_position(title, name)
            if why:
                hit = Hit(TITLE_NOT_A_POSITION,
                          f"investigatorTitle {quoted(title, 60)} {why}; give the investigator's "
                          "position ('Professor of Medicine')",
                          (*path, "investigatorTitle"))  # fmt: skip
            elif hit is None and title_is_the_role(title):
                hit = Hit(TITLE_IS_THE_ROLE,
                          f"investigatorTitle {quoted(title, 60)} is the study role the "
                          "responsible party's type already gives; give the investigator's "
                          "position ('Professor of Medicine')",
                          (*path, "investigatorTitle"))  # fmt: skip
            if hit:
                yield hit
        if name and name.strip() and details is None:  # contact details: C001 said it all
            reason = not_a_person(name, affiliation)
            if reason:
                yield Hit(OFFICIAL_NOT_PERSON,
                          f"{name_key} {quoted(name, 60)} {reason}; an official is a person, named "
                          "as 'First Last, Degree'", (*path, name_key))  # fmt: skip


@check(DETAILS_IN_NAME)
def organizations(record: Record, context: Context) -> Iterator[Hit]:
    """C001 for the names of places and organizations: the lead sponsor, the collaborators and
    every location's facility. A record's hundreds of locations often share one wrong name
    (a sponsor's call-centre sentence): it is reported at its first location, with a count."""
    sponsors = record.module("sponsorCollaboratorsModule")
    lead = as_dict(sponsors.get("leadSponsor"))
    name = as_str(lead.get("name"))
    if name:
        hit = _details_in_name(("protocolSection", "sponsorCollaboratorsModule", "leadSponsor"),
                               "name", name, "the sponsor's name")  # fmt: skip
        if hit:
            yield hit
    for index, collaborator in dicts(sponsors.get("collaborators")):
        name = as_str(collaborator.get("name"))
        path = ("protocolSection", "sponsorCollaboratorsModule", "collaborators", index)
        hit = _details_in_name(path, "name", name, "the collaborator's name") if name else None
        if hit:
            yield hit
    yield from _facilities(record)


def _facilities(record: Record) -> Iterator[Hit]:
    """C001 for the facility names, each wrong name once."""
    locations = record.contacts.get("locations")
    if not isinstance(locations, list):
        return
    judged: dict[str, str | None] = {}  # facility name: what it holds, if anything
    found: dict[str, tuple[Hit, int]] = {}  # what is held: its first hit, how many hold it
    for place, location in enumerate(locations):
        facility = as_str(location.get("facility")) if isinstance(location, dict) else None
        if not facility:
            continue
        if facility not in judged:
            hit = _details_in_name((*CLM, "locations", place), "facility", facility,
                                   "the facility's name")  # fmt: skip
            within = hit.within if hit is not None else None
            held = facility[within[0] : sum(within)].lower() if within else None
            judged[facility] = held
            if hit is not None and held is not None and held not in found:
                found[held] = hit, 0
        held = judged[facility]
        if held is not None:
            first, count = found[held]
            found[held] = first, count + 1
    for hit, count in found.values():
        if count > 1:
            hit = Hit(hit.rule, f"{hit.message} ({count} locations hold it)", hit.path,
                      within=hit.within)  # fmt: skip
        yield hit


@check(DETAILS_IN_NAME, NAME_EMAIL_MISMATCH, NAME_EMAIL_VARIANT, COUNTRY_CODE_EXTENSION,
       PHONE_IN_EXTENSION, EXTENSION_IN_PHONE, PHONE_WITHOUT_DIGITS, INVALID_EMAIL,
       INVALID_PHONE, TRUNK_ZERO, COUNTRY_CODE_WITHOUT_PLUS)  # fmt: skip
def contacts(record: Record, context: Context) -> Iterator[Hit]:
    """Every rule about one contact, in one pass over the contacts."""
    names: frozenset[str] | None = None  # the record's name words, read at C003's first doubt
    central_country: str | None = ""  # the sites' one country, read at the first need
    for prefix, index, contact, country in contacts_of(record):
        name_key = "name" if index is not None else "title"
        name = as_str(contact.get(name_key))
        email = as_str(contact.get("email"))
        if name:
            hit = None
            if "@" in name or _A_DIGIT.search(name):  # before building the path
                hit = _details_in_name(_at(prefix, index), name_key, name,
                                       "the contact's name or title")  # fmt: skip
            if hit:
                yield hit
            elif email and "@" in email:
                mismatches = name_email_mismatches(name, email)
                if mismatches:
                    if names is None:
                        names = _name_words(record)
                    yield from _name_and_email(_at(prefix, index), name_key, email, mismatches,
                                               names)  # fmt: skip
        if index is None:
            organization = as_str(contact.get("organization"))
            if organization:
                hit = _details_in_name(prefix, "organization", organization,
                                       "the contact's organization")  # fmt: skip
                if hit:
                    yield hit
        if email and email.strip():
            problem = email_problem(email)
            if problem:
                yield Hit(INVALID_EMAIL, f"email {quoted(email)} {problem}",
                          (*_at(prefix, index), "email"))  # fmt: skip
        phone = as_str(contact.get("phone"))
        ext = as_str(contact.get("phoneExt"))
        words = bool(phone and _NOT_IN_A_NUMBER.search(phone))  # a note, not only a number
        if ext or words:
            yield from _phone(_at(prefix, index), phone, ext)
        if not phone or words:
            continue
        hit = None
        if country or "+" in phone:
            hit = _invalid_phone(_at(prefix, index), phone, ext, country)
            if hit is None and phone.lstrip().startswith("+"):
                hit = _trunk_zero(_at(prefix, index), phone)
        if hit is None and "+" not in phone:
            if country is None and prefix == CENTRAL_CONTACTS:
                if central_country == "":
                    central_country = _one_country(record)
                country = central_country
            if country:
                hit = _without_plus(_at(prefix, index), phone, country)
        if hit:
            yield hit


def _reachable(contact: dict[str, Any]) -> bool:
    """Whether a contact gives an e-mail address or a phone number (5 digits or more)."""
    email = as_str(contact.get("email"))
    phone = as_str(contact.get("phone"))
    return bool(email and "@" in email) or bool(phone and len(_digits(phone)) >= 5)


@check(NO_CONTACT)
def open_study_contact(record: Record, context: Context) -> Iterator[Hit]:
    """C005: a recruiting (or soon recruiting) study with no phone number or e-mail address
    among its central and facility contacts."""
    status = record.overall_status
    if status == "UNKNOWN":  # the status it had at its last update, when contacts were due
        last = as_str(record.status.get("lastKnownStatus"))
        if last not in CENTRAL_CONTACT_STATUSES:
            return
        said = f"the study's last known status is {last}"
    elif status in CENTRAL_CONTACT_STATUSES or status == "ENROLLING_BY_INVITATION":
        said = f"the study is {status}"
    else:
        return
    for _, index, contact, _ in contacts_of(record):
        if index is not None and _reachable(contact):
            return
    yield Hit(NO_CONTACT,
              f"{said} but no central or facility contact gives a phone number or e-mail "
              "address", CENTRAL_CONTACTS)  # fmt: skip


@check(COUNTRY_TWO_WAYS)
def countries(record: Record, context: Context) -> Iterator[Hit]:
    """C012: locations whose country names are one country written two ways. The cheap scan
    first: the names are compared only when a record has two or more distinct ones."""
    locations = record.contacts.get("locations")
    if not isinstance(locations, list):
        return
    first: dict[str, int] = {}  # each distinct country name: its first location
    for place, location in enumerate(locations):
        country = as_str(location.get("country")) if isinstance(location, dict) else None
        if country and country not in first:
            first[country] = place
    if len(first) < 2:
        return
    seen: dict[str, str] = {}  # region code: the first name written for it
    for country, place in first.items():
        region = region_of(country)
        if region is None:
            continue
        if region not in seen:
            seen[region] = country
            continue
        other = seen[region]
        message = (f"country {quoted(country)} is the country location {first[other]} writes "
                   f"{quoted(other)}; write it one way")  # fmt: skip
        yield Hit(COUNTRY_TWO_WAYS, message, (*CLM, "locations", place, "country"))
