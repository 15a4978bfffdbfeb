"""Family C (contacts) on the good record mutated: exact code, line, column, pointer and
message; the look-alikes that must not be reported; records that break the schema never crash
a check; the seed defects of the bundled records; and the hits on the real-record corpus."""

from __future__ import annotations

from functools import partial

import pytest

from trialint.lint.checks.contacts import (
    international_form,
    name_email_mismatches,
    not_a_person,
    phone_in,
    slipped,
)

from conftest import (
    GOOD_TEXT,
    REPO,
    corpus_hits,
    family_findings,
    mutate,
    needs_shared,
    only_family_finding,
    position_of,
)

GOOD = GOOD_TEXT
CLM = "/protocolSection/contactsLocationsModule"
MODULE = "  contactsLocationsModule:\n"
OFFICIAL_NAME = "      - name: Jane Doe, MD\n"
AFFILIATION = "        affiliation: Example University Hospital\n"
CITY = "        country: France\n"
COMPLETED = "overallStatus: COMPLETED"


def central(*contacts: str) -> tuple[str, str]:
    """A replacement that gives the good record central contacts, each written as the lines
    of its mapping after '- '."""
    entries = "".join(
        "      - " + contact.replace("\n", "\n        ") + "\n" for contact in contacts
    )
    return MODULE, MODULE + "    centralContacts:\n" + entries


def facility_contacts(*contacts: str) -> tuple[str, str]:
    """A replacement that gives the good record's one location these contacts."""
    entries = "".join(
        "          - " + contact.replace("\n", "\n            ") + "\n" for contact in contacts
    )
    return CITY, CITY + "        contacts:\n" + entries


family = partial(family_findings, prefix="C")
one = partial(only_family_finding, prefix="C")


def test_the_good_record_has_no_family_c_finding(lint_text):
    assert family(lint_text, GOOD) == []


# --- C001 contact details in a name or affiliation ---------------------------------------------


def test_email_as_an_officials_affiliation(lint_text):
    text = mutate((AFFILIATION, "        affiliation: jane.doe@example.org\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "C001"
    assert (finding.line, finding.column) == position_of(text, "jane.doe@example.org")
    assert (finding.line, finding.column) == (110, 22)
    assert finding.pointer == f"{CLM}/overallOfficials/0/affiliation"
    assert finding.message == (
        "affiliation 'jane.doe@example.org' is an e-mail address, not the official's "
        "organization (officials have no e-mail field)"
    )
    assert finding.fix is None


def test_email_inside_an_affiliation_points_at_the_address(lint_text):
    text = mutate((AFFILIATION, "        affiliation: Example Hospital (jdoe@example.org)\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "C001"
    assert (finding.line, finding.column) == position_of(text, "jdoe@example.org")
    assert (finding.span.end_column - finding.column) == len("jdoe@example.org")
    assert finding.message == (
        "affiliation 'Example Hospital (jdoe@example.org)' holds an e-mail address "
        "(jdoe@example.org); it should be the official's organization only (officials have no "
        "e-mail field)"
    )


def test_phone_number_as_an_officials_name_is_reported_once(lint_text):
    name = "Call 1-877-CTLILLY (1-877-285-4559) or 1-317-615-4559"
    text = mutate((OFFICIAL_NAME, f"      - name: {name}\n"))
    finding = one(lint_text, text)  # not C004 as well: one finding says it
    assert finding.rule.code == "C001"
    assert (finding.line, finding.column) == position_of(text, "1-877-285-4559")
    assert finding.pointer == f"{CLM}/overallOfficials/0/name"
    assert finding.message == (
        f"name {name!r} holds a phone number (1-877-285-4559); it should be the official's "
        "name only"
    )


def test_phone_number_with_its_area_code_in_brackets():
    assert phone_in("UCB Cares (212) 555-1234") == (10, 14)
    assert phone_in("1-844-599-2273 (UCB)") == (0, 14)


def test_email_as_a_facility_contacts_name(lint_text):
    text = mutate(facility_contacts("name: herbert.pichler@stanna.at\nrole: CONTACT"))
    finding = one(lint_text, text)
    assert finding.rule.code == "C001"
    assert finding.pointer == f"{CLM}/locations/0/contacts/0/name"
    assert (finding.line, finding.column) == position_of(text, "herbert.pichler@stanna.at")
    assert finding.message == (
        "name 'herbert.pichler@stanna.at' is an e-mail address, not the contact's name or title"
    )


def test_email_in_the_responsible_partys_affiliation(lint_text):
    text = mutate(
        (
            "      type: SPONSOR\n",
            "      type: PRINCIPAL_INVESTIGATOR\n      investigatorFullName: Jane Doe\n"
            "      investigatorTitle: Professor\n"
            "      investigatorAffiliation: jdoe@example.org\n",
        )
    )
    finding = one(lint_text, text)
    assert finding.rule.code == "C001"
    assert finding.pointer == (
        "/protocolSection/sponsorCollaboratorsModule/responsibleParty/investigatorAffiliation"
    )
    assert finding.message == (
        "investigatorAffiliation 'jdoe@example.org' is an e-mail address, not the "
        "investigator's organization"
    )


@pytest.mark.parametrize(
    "affiliation",
    [
        "Hartford Healthcare Cancer Institute @ Hartford Hospital",
        "Peking University Cancer Hospital & Institute, Beijing 100142, China",
        "Karolinska Institutet, K54, Huddinge, SE-141 86 Stockholm, Sweden",
        "Zentrum für Integrative Psychiatrie, Michaelistraße 1, 24105 Kiel",
        "Pôle de Neurosciences, 204 rue St Pierre, Marseille 13385 cedex 5 France",
        "Study 2019-2020 cohort",
    ],
)
def test_addresses_and_numbers_that_are_not_contact_details(lint_text, affiliation):
    assert family(lint_text, mutate((AFFILIATION, f"        affiliation: {affiliation}\n"))) == []


# --- C002 a country calling code as the extension ----------------------------------------------


def test_country_code_extension_of_a_french_number(lint_text):
    contact = "name: Saskia Oro, MD\nrole: CONTACT\nphone: '0149812536'\nphoneExt: '+33'"
    text = mutate(central(contact))
    finding = one(lint_text, text)
    assert finding.rule.code == "C002"
    assert (finding.line, finding.column) == position_of(text, "'+33'")
    assert (finding.line, finding.column) == (112, 19)
    assert finding.pointer == f"{CLM}/centralContacts/0/phoneExt"
    assert finding.message == (
        "phoneExt '+33' is a country calling code, not an extension: write the phone number in "
        "international form, '+33 149812536' (the international form drops the trunk 0)"
    )
    assert finding.fix is None  # the code moves into another field: shown, not applied


def test_italian_numbers_keep_their_zero(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: '0255034268'\nphoneExt: '+39'"
    finding = one(lint_text, mutate(central(contact)))
    assert finding.message.endswith(
        "write the phone number in international form, '+39 0255034268' (numbers of +39 keep "
        "their leading 0)"
    )


def test_unknown_numbering_plan_says_what_to_check(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: '06 1 234 5678'\nphoneExt: '+36'"
    finding = one(lint_text, mutate(central(contact)))
    assert finding.message == (
        "phoneExt '+36' is a country calling code, not an extension: write phone "
        "'06 1 234 5678' in international form, '+36' then the number without its leading 0 if "
        "that 0 is a trunk prefix (as in most countries, not Italy)"
    )


def test_country_code_extension_of_a_number_already_international(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: +33 1 49 81 25 36\nphoneExt: '+33'"
    finding = one(lint_text, mutate(central(contact)))
    assert finding.message == (
        "phoneExt '+33' is a country calling code, not an extension; phone '+33 1 49 81 25 36' "
        "already starts with it"
    )
    assert (finding.fix.old, finding.fix.new, finding.fix.safe) == ("+33", "", False)


def test_country_code_extension_without_a_phone_number(lint_text):
    finding = one(lint_text, mutate(central("name: Jane Doe\nrole: CONTACT\nphoneExt: '+33'")))
    assert finding.message == (
        "phoneExt '+33' is a country calling code, not an extension, and there is no phone "
        "number to go with it"
    )


def test_international_form():
    assert international_form("33", "01.49.95.81.69") == (
        "+33 1.49.95.81.69",
        " (the international form drops the trunk 0)",
    )
    assert international_form("34", "917277223") == ("+34 917277223", "")
    assert international_form("49", "089 / 4140 9715")[0] == "+49 89 / 4140 9715"
    assert international_form("36", "06 1 234 5678") == (None, "")


@pytest.mark.parametrize("ext", ["33", "2405", "65078", "+12345", "option 6"])
def test_extensions_that_are_extensions(lint_text, ext):
    contact = f"name: Jane Doe\nrole: CONTACT\nphone: '0149812536'\nphoneExt: '{ext}'"
    assert family(lint_text, mutate(central(contact))) == []


# --- C003 a name its own e-mail address spells otherwise ----------------------------------------


def test_name_and_email_that_differ_by_a_repeated_letter(lint_text):
    contact = "name: Myriem Carrrier, MSc\nrole: CONTACT\nemail: myriem.carrier@aphp.fr"
    text = mutate(central(contact))
    finding = one(lint_text, text)
    assert finding.rule.code == "C003"
    assert (finding.line, finding.column) == position_of(text, "Carrrier")
    assert (finding.line, finding.column) == (109, 22)
    assert finding.span.end_column == 30
    assert finding.pointer == f"{CLM}/centralContacts/0/name"
    assert finding.message == (
        "name spells 'Carrrier' but the e-mail address myriem.carrier@aphp.fr has 'carrier'; "
        "one of the two is misspelled"
    )
    assert (finding.fix.old, finding.fix.new, finding.fix.safe) == ("Carrrier", "Carrier", False)


def test_a_facility_contact_whose_address_has_initials(lint_text):
    contact = "name: Luisa Sisini, MD\nrole: CONTACT\nemail: LSisinni@santpau.cat"
    finding = one(lint_text, mutate(facility_contacts(contact)))
    assert finding.rule.code == "C003"
    assert finding.pointer == f"{CLM}/locations/0/contacts/0/name"
    assert finding.message == (
        "name spells 'Sisini' but the e-mail address LSisinni@santpau.cat has 'sisinni'; one of "
        "the two is misspelled"
    )
    assert finding.fix.new == "Sisinni"


def test_no_fix_when_the_address_has_the_tripled_letter_or_the_name_accents(lint_text):
    for contact, word in (
        ("name: Myriem Carrier\nrole: CONTACT\nemail: myriem.carrrier@aphp.fr", "Carrier"),
        ("name: Hélènne Dubois\nrole: CONTACT\nemail: helene.dubois@example.fr", "Hélènne"),
    ):
        finding = one(lint_text, mutate(central(contact)))
        assert finding.rule.code == "C003"
        assert f"spells {word!r}" in finding.message
        assert finding.fix is None


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("Myriem Carrier, MSc", "myriem.carrier@aphp.fr"),  # the same
        ("John Smith, MD", "jsmith@example.org"),  # initial + surname
        ("John Smith, MD", "smithj2@example.org"),  # surname + initial + digits
        ("Julia Palma, MD PhD", "jpalmab@vtr.net"),  # an initial the name does not show
        ("Tapan M. Kadia, MD", "tkadia@mdanderson.org"),
        ("Andreas Fritsch, Prof, MD", "andreas.fritsche@med.uni-tuebingen.de"),  # at the end
        ("Roger Vilardaga, Ph.D.", "rvilarda@wakehealth.edu"),  # truncated
        ("Christopher Jones", "chris.jones@example.org"),  # a nickname
        ("Yishan Ye, MD", "yeyishan@hotmail.com"),  # surname and given name run together
        ("Grace San Agustin", "grace.sanagustin@beaumont.org"),
        ("David Mc Call, MD", "dmccall1@mdanderson.org"),
        ("Thanh Tran", "tqtran@usf.edu"),
        ("Sheryl O'Farrell", "sheryl.ofarrell@invibio.com"),
        ("Stéphane DE BOTTON", "stephane.debotton@igr.fr"),
        ("Jörn Kühl, MD PhD", "joern-sven.kuehl@charite.de"),  # umlauts written out
        ("Wilhelm Wössmann", "wilhelm.woessmann@uni-giessen.de"),
        ("Galina Tereshchenko", "Galina.Tereshenko@fccho-moscow.ru"),  # romanisations
        ("Yusuke Kaida, PhD, MD", "kaida_yuusuke@kurume-u.ac.jp"),
        ("Osama Ibrahim", "Oibrahiem@yahoo.com"),
        ("Nataliia Kriventsova", "nataliya.krivencova@fccho-moscow.ru"),  # substitutions
        ("Theresa Wodehoise", "theresa.wodehouse@nhs.net"),
        ("Jane Doe", "info@example.org"),  # a shared mailbox
        ("Site Public Contact", "clinicaltrials@example.org"),
        ("Jane Doe", "john.smith@example.org"),  # someone else's address
        ("Jon Doe", "john.doe@example.org"),  # names shorter than 4 letters are not compared
    ],
)
def test_addresses_that_are_not_near_misses_of_the_name(name, email):
    assert name_email_mismatches(name, email) == ()


def test_slips():
    assert slipped("carrier", "carrrier")
    assert slipped("virginie", "virgine")
    assert slipped("bourdon", "bordon")
    assert slipped("winiaarski", "winiarski")
    assert slipped("tibbets", "tibbetts")
    assert not slipped("carrier", "carrier")
    assert not slipped("fritsch", "fritsche")  # a letter at the end
    assert not slipped("call", "ccall")  # or at the start
    assert not slipped("vilarda", "vilardaga")  # a truncation
    assert not slipped("cortes", "cortez")  # a substitution
    assert not slipped("smith", "smithson")  # three letters


def test_contact_name_with_an_email_is_reported_as_c001_only(lint_text):
    contact = "name: jane.dooe@example.org\nrole: CONTACT\nemail: jane.doe@example.org"
    assert [f.rule.code for f in family(lint_text, mutate(central(contact)))] == ["C001"]


# --- C004 officials who are not people ---------------------------------------------------------


def test_official_named_by_a_role(lint_text):
    text = mutate((OFFICIAL_NAME, "      - name: Medical Director\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "C004"
    assert (finding.line, finding.column) == position_of(text, "Medical Director")
    assert (finding.line, finding.column) == (109, 15)
    assert finding.pointer == f"{CLM}/overallOfficials/0/name"
    assert finding.message == (
        "name 'Medical Director' names a role or a department; an official is a person, named "
        "as 'First Last, Degree'"
    )
    assert finding.fix is None


def test_official_named_as_its_affiliation(lint_text):
    text = mutate(
        (OFFICIAL_NAME, "      - name: Bristol-Myers Squibb\n"),
        (AFFILIATION, "        affiliation: Bristol-Myers Squibb\n"),
    )
    assert one(lint_text, text).message == (
        "name 'Bristol-Myers Squibb' repeats the affiliation, an organization; an official is a "
        "person, named as 'First Last, Degree'"
    )


def test_investigator_named_by_a_department(lint_text):
    text = mutate(
        (
            "      type: SPONSOR\n",
            "      type: SPONSOR_INVESTIGATOR\n      investigatorFullName: GSK Clinical Trials\n"
            "      investigatorAffiliation: GlaxoSmithKline\n",
        )
    )
    finding = one(lint_text, text)
    assert finding.rule.code == "C004"
    assert finding.pointer == (
        "/protocolSection/sponsorCollaboratorsModule/responsibleParty/investigatorFullName"
    )


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("ABBVIE INC.", "names an organization"),
        ("Sponsor Chugai Pharmaceutical Co.Ltd", "names an organization"),
        ("Email contact via H. Lundbeck A/S", "names an organization"),
        ("Janssen Research & Development, LLC Clinical Trial", "names an organization"),
        ("MD", "is only a degree"),
        ("Study Director", "names a role or a department"),
        ("Gilead Study Director", "names a role or a department"),
        ("Teva Medical Expert, MD", "names a role or a department"),
        ("Clinical Transparency (dept. 2834)", "names a role or a department"),
        ("Pfizer CT.gov Call Center", "names a role or a department"),
        ("Principal Investigator", "names a role or a department"),
    ],
)
def test_names_that_are_not_people(name, reason):
    assert not_a_person(name, "Example Pharma") == reason


@pytest.mark.parametrize(
    ("name", "affiliation"),
    [
        ("Jane Doe, MD", "Example University Hospital"),
        ("Jane Doe, Medical Director", "Example Pharma"),  # a person with a title
        ("Scott B. Phillips, M.D., Study Director", "Winston Laboratories"),
        ("Carol Le Roux, Professor", "Principal Investigator"),  # the affiliation is wrong
        ("Md Imam Shahriar", "Chittagong Medical College"),  # Md is a given name
        ("Ana Maria Arbelaez", None),
        ("Tim Young", "Tim Young Research"),  # not the same as the affiliation
    ],
)
def test_names_of_people(name, affiliation):
    assert not_a_person(name, affiliation) is None


def test_sponsor_investigator_named_as_the_sponsor_is_a_person(lint_text):
    text = mutate(
        (
            "      type: SPONSOR\n",
            "      type: SPONSOR_INVESTIGATOR\n      investigatorFullName: Jane Doe\n"
            "      investigatorAffiliation: Example University Hospital\n",
        ),
        ("    leadSponsor:\n      name: Example University Hospital\n      class: OTHER\n",
         "    leadSponsor:\n      name: Jane Doe\n      class: INDIV\n"),
    )  # fmt: skip
    assert family(lint_text, text) == []


# --- C005 an open study nobody can be asked about ----------------------------------------------


def test_recruiting_study_without_contacts_points_at_the_module(lint_text):
    text = mutate((COMPLETED, "overallStatus: RECRUITING"))
    finding = one(lint_text, text)
    assert finding.rule.code == "C005"
    assert (finding.line, finding.column) == position_of(text, "contactsLocationsModule")
    assert (finding.line, finding.column) == (107, 3)
    assert finding.pointer == f"{CLM}/centralContacts"
    assert finding.message == (
        "the study is RECRUITING but no central or facility contact gives a phone number or "
        "e-mail address"
    )


def test_central_contacts_without_phone_or_email(lint_text):
    text = mutate((COMPLETED, "overallStatus: NOT_YET_RECRUITING"),
                  central("name: Jane Doe\nrole: CONTACT\nphone: E-mail only"))  # fmt: skip
    found = family(lint_text, text)
    assert [f.rule.code for f in found] == ["C005", "C008"]
    assert (found[0].line, found[0].column) == position_of(text, "- name: Jane Doe")


@pytest.mark.parametrize(
    "contacts",
    [
        central("name: Jane Doe\nrole: CONTACT\nemail: jane.doe@example.org"),
        central("name: Jane Doe\nrole: CONTACT\nphone: +33 4 72 11 22 33"),
        facility_contacts("name: Jane Doe\nrole: CONTACT\nphone: '0472112233'"),
    ],
)
def test_open_study_with_a_way_to_reach_someone(lint_text, contacts):
    text = mutate((COMPLETED, "overallStatus: RECRUITING"), contacts)
    assert family(lint_text, text) == []


def test_a_study_that_no_longer_recruits_needs_no_contact(lint_text):
    for status in ("ACTIVE_NOT_RECRUITING", "COMPLETED", "WITHDRAWN"):
        assert family(lint_text, mutate((COMPLETED, f"overallStatus: {status}"))) == []


# --- C006 a phone number as the extension --------------------------------------------------------


def test_phone_number_as_the_extension(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: '01010941685'\nphoneExt: '01091631018'"
    text = mutate(central(contact))
    finding = one(lint_text, text)
    assert finding.rule.code == "C006"
    assert (finding.line, finding.column) == position_of(text, "'01091631018'")
    assert finding.pointer == f"{CLM}/centralContacts/0/phoneExt"
    assert finding.message == (
        "phoneExt '01091631018' is a phone number, not an extension (the few digits dialled "
        "after the number is answered)"
    )
    assert finding.fix is None


def test_extension_repeating_the_phone_number(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: 010 1094 1685\nphoneExt: '01010941685'"
    finding = one(lint_text, mutate(central(contact)))
    assert finding.message == (
        "phoneExt '01010941685' repeats the phone number; it is not an extension"
    )
    assert (finding.fix.old, finding.fix.new) == ("01010941685", "")


# --- C007 the extension written in the phone number ---------------------------------------------


def test_extension_in_the_phone_number(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: +34 923 29 11 00 Ext. 55974"
    text = mutate(central(contact))
    finding = one(lint_text, text)
    assert finding.rule.code == "C007"
    assert (finding.line, finding.column) == position_of(text, "Ext. 55974")
    assert finding.span.end_column == finding.column + len("Ext. 55974")
    assert finding.pointer == f"{CLM}/centralContacts/0/phone"
    assert finding.message == (
        "phone '+34 923 29 11 00 Ext. 55974' holds the extension 55974; give the number alone "
        "and 55974 in phoneExt"
    )
    assert (finding.fix.old, finding.fix.new, finding.fix.offset) == (" Ext. 55974", "", 16)


def test_extension_in_the_phone_number_that_may_be_a_country_code(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: 0491381594 Ext. 33\nphoneExt: '12'"
    finding = one(lint_text, mutate(central(contact)))
    assert finding.message == (
        "phone '0491381594 Ext. 33' holds the extension 33; phoneExt already says '12' (if 33 "
        "is the country calling code, write '+33 491381594' instead)"
    )


@pytest.mark.parametrize(
    "phone", ["5143408222 x 24572", "(212) 555-1234 ext 12", "555-123-4567x89", "0142114211 #12"]
)
def test_extension_spellings(lint_text, phone):
    contact = f"name: Jane Doe\nrole: CONTACT\nphone: '{phone}'"
    assert [f.rule.code for f in family(lint_text, mutate(central(contact)))] == ["C007"]


# --- C008 a phone field without a number ----------------------------------------------------------


def test_phone_field_holding_a_note(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: E-mail only\nemail: jane.doe@example.org"
    text = mutate(central(contact))
    finding = one(lint_text, text)
    assert finding.rule.code == "C008"
    assert (finding.line, finding.column) == position_of(text, "E-mail only")
    assert finding.pointer == f"{CLM}/centralContacts/0/phone"
    assert finding.message == (
        "phone 'E-mail only' is not a phone number; leave the field out when there is none"
    )


@pytest.mark.parametrize(
    "phone",
    ["1-833-445-3230 (GILEAD-0)", "+1 (212) 555-1234", "01.49.95.81.69", "089 / 4140 9715",
     "'（021）6877 3638'", "1-877-CTLILLY"],
)  # fmt: skip
def test_phone_numbers_as_written_in_real_records(lint_text, phone):
    contact = f"name: Jane Doe\nrole: CONTACT\nphone: {phone}"
    assert family(lint_text, mutate(central(contact))) == []


# --- C009 e-mail fields that are not one address -------------------------------------------------


def test_email_with_two_at_signs(lint_text):
    contact = "name: Roland Schott, PhD\nrole: CONTACT\nemail: rschott@strasbourg@unicancer.fr"
    text = mutate(facility_contacts(contact))
    finding = one(lint_text, text)
    assert finding.rule.code == "C009"
    assert (finding.line, finding.column) == position_of(text, "rschott@strasbourg")
    assert finding.pointer == f"{CLM}/locations/0/contacts/0/email"
    assert finding.message == (
        "email 'rschott@strasbourg@unicancer.fr' has 2 @ signs; an e-mail address has one"
    )


@pytest.mark.parametrize(
    ("email", "problem"),
    [
        ("https://www.withpower.com/contact-us@withpower.com",
         "is a web address, not an e-mail address"),
        ("jane.doe@example.org; john.doe@example.org",
         "holds 2 addresses; give one (another contact can hold the second)"),
        ("jane.doe at example.org", "is not an e-mail address (it has no @)"),
        ("jane.doe@example", "is not a well-formed e-mail address"),
        ("jane doe@example.org", "is not a well-formed e-mail address"),
    ],
)  # fmt: skip
def test_email_problems(lint_text, email, problem):
    finding = one(lint_text, mutate(central(f"name: Jane Doe\nrole: CONTACT\nemail: {email}")))
    assert finding.rule.code == "C009"
    assert finding.message == f"email {email!r} {problem}"


@pytest.mark.parametrize(
    "email",
    ["jörg.müller@example.de", "a.b+trials@sub.example.co.uk", "O'Brien@example.ie",
     "clinical-trials_CTG@taisho.co.jp", " jane.doe@example.org "],
)  # fmt: skip
def test_addresses_that_are_well_formed(lint_text, email):
    contact = f'name: Jane Doe\nrole: CONTACT\nemail: "{email}"'
    assert family(lint_text, mutate(central(contact))) == []


# --- the results' point of contact ---------------------------------------------------------------


def test_the_results_point_of_contact_is_checked_too(lint_text):
    text = mutate(
        ("hasResults: false", "hasResults: false\nresultsSection:\n  moreInfoModule:\n"
         "    pointOfContact:\n      title: Director, Clinical Trials\n"
         "      organization: Example Pharma\n      email: trials@example.org\n"
         "      phone: Please email\n      phoneExt: 029-847753\n"),
    )  # fmt: skip
    found = family(lint_text, text)
    assert [(f.rule.code, f.pointer) for f in found] == [
        ("C008", "/resultsSection/moreInfoModule/pointOfContact/phone"),
        ("C006", "/resultsSection/moreInfoModule/pointOfContact/phoneExt"),
    ]


# --- records that break the schema ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (MODULE, "  contactsLocationsModule: []\n  unused:\n"),
        ("    overallOfficials:\n", "    overallOfficials: {a: 1}\n    unused:\n"),
        (OFFICIAL_NAME, "      - name: [1, 2]\n"),
        (AFFILIATION, "        affiliation: 7\n"),
        ("    locations:\n", "    locations:\n      - 3\n      - [a]\n"),
        (CITY, CITY + "        contacts: 7\n"),
        (CITY, CITY + "        contacts: [1, null, {phone: 33, phoneExt: 7, email: [a]}]\n"),
        (CITY, CITY + "        contacts:\n          - {name: {a: 1}, email: a@b.org}\n"),
        central("name: Jane Doe\nphone: [0149812536]\nphoneExt: {x: +33}\nemail: 3"),
        ("    responsibleParty:\n      type: SPONSOR\n", "    responsibleParty: SPONSOR\n"),
        ("      type: SPONSOR\n", "      type: SPONSOR\n      investigatorFullName: 12\n"),
        ("hasResults: false", "hasResults: false\nresultsSection: []"),
        ("hasResults: false", "hasResults: false\nresultsSection: {moreInfoModule: 3}"),
        (COMPLETED, "overallStatus: [RECRUITING]"),
    ],
)
def test_records_that_break_the_schema_never_crash(lint_text, old, new):
    result = lint_text(mutate((old, new)))
    assert result.errors == []


# --- the bundled records ------------------------------------------------------------------------


def test_bundled_records_show_the_seed_defects(linter):
    """NCT04711200's page: an e-mail as the official's affiliation, '+33' as the extension of
    a French number, and 'Carrrier' for the carrier of the e-mail address."""
    result = linter.lint_paths([str(REPO / "records")])
    assert result.errors == []
    found = [(f.path.rsplit("/", 1)[-1], f.rule.code, f.line, f.column)
             for f in result.findings if f.rule.code.startswith("C")]  # fmt: skip
    assert found == [
        ("NCT04711200.yaml", "C002", 154, 19),
        ("NCT04711200.yaml", "C003", 156, 22),
        ("NCT04711200.yaml", "C001", 162, 22),
    ]
    text = (REPO / "records" / "NCT04711200.yaml").read_text(encoding="utf-8")
    assert position_of(text, '"+33"') == (154, 19)
    assert position_of(text, "Carrrier") == (156, 22)
    assert position_of(text, "saskia.oro@aphp.fr  #") == (162, 22)


# --- the real records -----------------------------------------------------------------------


@needs_shared
def test_real_records_hits_are_the_ones_read_one_by_one():
    # Every hit was read (see the report): e-mails and phone numbers as officials' names or
    # affiliations (13), country codes as extensions (21, all +33 +34 +39 +49 +82), names
    # spelled otherwise than in their own address (5), officials that are companies, roles or
    # departments (41), 2 not-yet-recruiting studies with no contact at all, 6 phone numbers
    # as extensions, 3 extensions inside phone numbers, 3 notes as phone numbers, 2 malformed
    # addresses.
    assert corpus_hits("contacts") == {
        "C001": 13, "C002": 21, "C003": 5, "C004": 41, "C005": 2, "C006": 6, "C007": 3,
        "C008": 3, "C009": 2,
    }  # fmt: skip
