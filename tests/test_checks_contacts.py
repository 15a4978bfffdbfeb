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
    region_of,
    slipped,
    title_is_the_role,
    title_not_a_position,
)

from conftest import (
    GOOD_TEXT,
    REPO,
    bundled_findings,
    corpus_hits,
    family_findings,
    load_script,
    mutate,
    needs_shared,
    no_failure,
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


SPONSOR = "    leadSponsor:\n      name: Example University Hospital\n"
FACILITY = "      - facility: Example University Hospital\n"
CALL_CENTRE = (
    "For additional information regarding investigative sites for this trial, contact "
    "1-877-CTLILLY (1-877-285-4559, 1-317-615-4559) Mon - Fri, 9 AM to 5 PM Eastern Time"
)


def test_a_call_centre_sentence_as_the_facility_of_many_locations_is_reported_once(lint_text):
    other = CALL_CENTRE.replace("Mon - Fri, 9 AM", "Mon - Fri from 9 AM")
    location = "      - facility: {}\n        city: Indianapolis\n        country: United States\n"
    locations = "".join(location.format(name) for name in (CALL_CENTRE, other, CALL_CENTRE))
    text = mutate(("    locations:\n", "    locations:\n" + locations))
    finding = one(lint_text, text)
    assert finding.rule.code == "C001"
    assert finding.pointer == f"{CLM}/locations/0/facility"
    assert (finding.line, finding.column) == position_of(text, "1-877-285-4559")
    assert finding.message == (
        "facility 'For additional information regarding investigative sites fo…' holds a phone "
        "number (1-877-285-4559); it should be the facility's name only (3 locations hold it)"
    )


@pytest.mark.parametrize(
    ("facility", "message"),
    [
        ("Www.Restoreclinicaltrial.Com", "facility 'Www.Restoreclinicaltrial.Com' holds a web "
         "address; it should be the facility's name only"),
        ("Please contact the study team for the site nearest to you", "facility 'Please contact "
         "the study team for the site nearest to you' holds contact instructions; it should be "
         "the facility's name only"),
        ("Example Hospital (trials@example.org)", "facility 'Example Hospital "
         "(trials@example.org)' holds an e-mail address (trials@example.org); it should be the "
         "facility's name only"),
    ],
)  # fmt: skip
def test_facility_names_that_are_notes(lint_text, facility, message):
    finding = one(lint_text, mutate((FACILITY, f"      - facility: {facility}\n")))
    assert (finding.rule.code, finding.message) == ("C001", message)


def test_sponsor_and_collaborator_names_are_checked(lint_text):
    text = mutate(
        (SPONSOR, "    leadSponsor:\n      name: Example Pharma, call 1-800-555-0199\n"),
        ("      class: OTHER\n  oversightModule:", "      class: OTHER\n    collaborators:\n"
         "      - name: For more information visit www.example.org\n        class: OTHER\n"
         "  oversightModule:"),
    )  # fmt: skip
    found = family(lint_text, text)
    assert [(f.rule.code, f.pointer, f.message) for f in found] == [
        ("C001", "/protocolSection/sponsorCollaboratorsModule/leadSponsor/name",
         "name 'Example Pharma, call 1-800-555-0199' holds a phone number (1-800-555-0199); it "
         "should be the sponsor's name only"),
        ("C001", "/protocolSection/sponsorCollaboratorsModule/collaborators/0/name",
         "name 'For more information visit www.example.org' holds contact instructions; it "
         "should be the collaborator's name only"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "facility",
    ["Hôpital de la Croix-Rousse, Hospices Civils de Lyon", "Unit 0300 of Example Hospital",
     "Contact Lens Clinic",
     "Call Center Research Unit 2", "Tel Aviv Sourasky Medical Center", "Www"],
)  # fmt: skip
def test_facility_names_that_are_names(lint_text, facility):
    assert family(lint_text, mutate((FACILITY, f"      - facility: {facility}\n"))) == []


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
        "international form, '+33 1 49 81 25 36' (the international form drops the trunk 0)"
    )
    assert finding.fix is None  # the code moves into another field: shown, not applied


def test_italian_numbers_keep_their_zero(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: '0255034268'\nphoneExt: '+39'"
    finding = one(lint_text, mutate(central(contact)))
    assert finding.message.endswith(
        "write the phone number in international form, '+39 02 5503 4268' (numbers of +39 keep "
        "their leading 0)"
    )


def test_every_numbering_plan_is_known(lint_text):
    """libphonenumber knows every calling code's plan: Hungary's trunk prefix is 06."""
    contact = "name: Jane Doe\nrole: CONTACT\nphone: '06 1 234 5678'\nphoneExt: '+36'"
    finding = one(lint_text, mutate(central(contact)))
    assert finding.message == (
        "phoneExt '+36' is a country calling code, not an extension: write the phone number in "
        "international form, '+36 1 234 5678' (the international form drops the trunk 0)"
    )


def test_country_code_extension_of_a_number_that_is_not_of_that_country(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: '0149812'\nphoneExt: '+33'"
    finding = one(lint_text, mutate(central(contact)))
    assert finding.message == (
        "phoneExt '+33' is a country calling code, not an extension, and phone '0149812' is no "
        "valid number of +33 either: check the number and its country"
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
        "+33 1 49 95 81 69",
        " (the international form drops the trunk 0)",
    )
    assert international_form("34", "917277223") == ("+34 917 27 72 23", "")
    assert international_form("49", "089 / 4140 9715")[0] == "+49 89 41409715"
    assert international_form("39", "0255034268") == (
        "+39 02 5503 4268",
        " (numbers of +39 keep their leading 0)",
    )
    assert international_form("33", "0149812") == (None, "")  # too short for France
    assert international_form("999", "0149812536") == (None, "")  # no such calling code


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


def test_a_name_the_record_spells_as_the_address_does(lint_text):
    """Strong evidence: the official is 'Luisa Sisinni', the contact 'Luisa Sisini'."""
    contact = "name: Luisa Sisini, MD\nrole: CONTACT\nemail: LSisinni@santpau.cat"
    text = mutate(facility_contacts(contact), (OFFICIAL_NAME, "      - name: Luisa Sisinni\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "C003"
    assert finding.pointer == f"{CLM}/locations/0/contacts/0/name"
    assert finding.message == (
        "name spells 'Sisini' but the e-mail address LSisinni@santpau.cat has 'sisinni'; one of "
        "the two is misspelled"
    )
    assert finding.fix.new == "Sisinni"


def test_a_near_miss_the_record_does_not_confirm_is_information(lint_text):
    """Weak evidence (a transliteration is as likely as a typo): C011, an info, not C003."""
    contact = "name: Luisa Sisini, MD\nrole: CONTACT\nemail: LSisinni@santpau.cat"
    text = mutate(facility_contacts(contact))
    finding = one(lint_text, text)
    assert finding.rule.code == "C011"
    assert finding.rule.severity == "info"
    assert (finding.line, finding.column) == position_of(text, "Sisini")
    assert finding.pointer == f"{CLM}/locations/0/contacts/0/name"
    assert finding.message == (
        "name spells 'Sisini' but the e-mail address LSisinni@santpau.cat has 'sisinni': two "
        "spellings of one name, or a typo"
    )
    assert finding.fix is None


def test_no_fix_when_the_address_has_the_tripled_letter_or_the_name_accents(lint_text):
    for contact, word in (
        ("name: Myriem Carrier\nrole: CONTACT\nemail: myriem.carrrier@aphp.fr", "Carrier"),
        ("name: Hélènne Dubois\nrole: CONTACT\nemail: helene.dubois@example.fr\n"
         "- name: Hélène Dubois\nrole: CONTACT", "Hélènne"),
    ):  # fmt: skip
        finding = one(lint_text, mutate(central(*contact.split("\n- "))))
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
        ("chenjianxiang", "is a user name"),
        ("j_smith", "is a user name"),
        ("jane.doe2", "is a user name"),
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
        ("Chen Jianxiang", None),
        ("J. Smith", None),
        ("Xu", None),  # one short name, as written
    ],
)
def test_names_of_people(name, affiliation):
    assert not_a_person(name, affiliation) is None


def test_investigator_named_by_a_user_name(lint_text):
    text = mutate(
        (
            "      type: SPONSOR\n",
            "      type: PRINCIPAL_INVESTIGATOR\n      investigatorFullName: chenjianxiang\n"
            "      investigatorTitle: Professor\n"
            "      investigatorAffiliation: Example University Hospital\n",
        )
    )
    finding = one(lint_text, text)
    assert finding.rule.code == "C004"
    assert (finding.line, finding.column) == position_of(text, "chenjianxiang")
    assert finding.message == (
        "investigatorFullName 'chenjianxiang' is a user name; an official is a person, named as "
        "'First Last, Degree'"
    )


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


def test_study_enrolling_by_invitation_without_contacts(lint_text):
    text = mutate((COMPLETED, "overallStatus: ENROLLING_BY_INVITATION"))
    finding = one(lint_text, text)
    assert (finding.rule.code, finding.pointer) == ("C005", f"{CLM}/centralContacts")
    assert finding.message == (
        "the study is ENROLLING_BY_INVITATION but no central or facility contact gives a "
        "phone number or e-mail address"
    )


def test_unknown_status_judged_by_the_last_known_one(lint_text):
    text = mutate((COMPLETED, "overallStatus: UNKNOWN\n    lastKnownStatus: NOT_YET_RECRUITING"))
    finding = one(lint_text, text)
    assert finding.rule.code == "C005"
    assert finding.message == (
        "the study's last known status is NOT_YET_RECRUITING but no central or facility "
        "contact gives a phone number or e-mail address"
    )


@pytest.mark.parametrize("last", ["ENROLLING_BY_INVITATION", "ACTIVE_NOT_RECRUITING"])
def test_unknown_status_last_known_not_asking_for_a_contact(lint_text, last):
    text = mutate((COMPLETED, f"overallStatus: UNKNOWN\n    lastKnownStatus: {last}"))
    assert [f for f in family(lint_text, text) if f.rule.code == "C005"] == []


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
        "is the country calling code, write '+33 4 91 38 15 94' instead)"
    )


@pytest.mark.parametrize(
    "phone",
    ["5143408222 x 24572", "(212) 555-1234 ext 12", "555-123-4567x89", "0142114211 #12",
     "0142114211 poste 12", "5143408222 extn. 24572", "+34 91 123 45 67 anexo 123",
     "(212) 555-1234;ext=12"],
)  # fmt: skip
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


# --- C010 phone numbers that are no valid number of their country ----------------------------


def test_a_facility_phone_number_too_short_for_its_country(lint_text):
    text = mutate(facility_contacts("name: Jane Doe\nrole: CONTACT\nphone: 01 49 81 25"))
    finding = one(lint_text, text)
    assert finding.rule.code == "C010"
    assert (finding.line, finding.column) == position_of(text, "01 49 81 25")
    assert finding.pointer == f"{CLM}/locations/0/contacts/0/phone"
    assert finding.message == (
        "phone '01 49 81 25' is no valid phone number in France: it is too short"
    )
    assert finding.fix is None


def test_a_calling_code_without_its_plus(lint_text):
    text = mutate(
        facility_contacts("name: Jane Doe\nrole: CONTACT\nphone: 852-35133176"),
        (CITY, "        country: China\n"),
    )
    assert one(lint_text, text).message == (
        "phone '852-35133176' is no valid phone number in China: its digits are in no range of "
        "numbers given out there; if 852 is a country calling code, write '+852 3513 3176'"
    )


def test_a_central_contact_is_judged_by_its_own_calling_code(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: '+342746155'"
    finding = one(lint_text, mutate(central(contact)))
    assert (finding.rule.code, finding.message) == (
        "C010",
        "phone '+342746155' is no valid phone number with its country calling code: it is too "
        "short",
    )


@pytest.mark.parametrize(
    ("country", "contact", "found"),
    [
        ("France", "phone: 01 49 81 25 36", []),
        ("France", "phone: '0149812536'\nphoneExt: '2405'", []),
        ("France", "phone: +33 1 49 81 25 36", []),
        ("Japan", "phone: 1-888-577-8839", []),  # a sponsor's call centre in North America
        ("Korea, Republic of", "phone: 02-2072-2114", []),  # the registry's name of the country
        ("Atlantis", "phone: '12'", []),  # a country nobody knows: not judged
        ("France", "phone: '0149812536'\nphoneExt: '+33'", ["C002"]),  # C002's, not C010's
    ],
)
def test_valid_phone_numbers_and_numbers_not_judged(lint_text, country, contact, found):
    text = mutate(
        facility_contacts(f"name: Jane Doe\nrole: CONTACT\n{contact}"),
        (CITY, f"        country: {country}\n"),
    )
    assert [f.rule.code for f in family(lint_text, text)] == found


def test_country_names_of_the_registry_and_of_libphonenumber():
    assert region_of("France") == "FR"
    assert region_of("Korea, Republic of") == "KR"  # the registry's name
    assert region_of("South Korea") == "KR"  # libphonenumber's
    assert region_of("Russian Federation") == region_of("Russia") == "RU"
    assert region_of("Atlantis") is None


def test_the_shipped_country_table_is_the_installed_libphonenumbers():
    """rules/places/countries.tsv is libphonenumber's locale table, shipped so that a record
    without phone numbers never imports phonenumbers: rebuilt (scripts/build_countries.py)
    whenever the installed phonenumbers names a country otherwise."""
    builder = load_script("build_countries")
    shipped = (REPO / "rules" / "places" / "countries.tsv").read_text("utf-8")
    assert shipped == builder.render(builder.english_names()), "run scripts/build_countries.py"


def test_a_central_contact_without_a_calling_code_is_not_judged(lint_text):
    contact = "name: Jane Doe\nrole: CONTACT\nphone: '12345'"
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
        ("jane.doe@example", "is not a well-formed e-mail address: the part after the @-sign "
         "is not valid. It should have a period"),
        ("jane doe@example.org", "is not a well-formed e-mail address: the email address "
         "contains invalid characters before the @-sign: SPACE"),
        ("jane.doe@ex_ample.org", "is not a well-formed e-mail address: the part after the "
         "@-sign contains invalid characters: '_'"),
        ("jane.doe@hospital.local", "is not a well-formed e-mail address: the part after the "
         "@-sign is a special-use or reserved name that cannot be used with email"),
        ("jane..doe@example.org", "is not a well-formed e-mail address: an email address "
         "cannot have two periods in a row"),
    ],
)  # fmt: skip
def test_email_problems(lint_text, email, problem):
    finding = one(lint_text, mutate(central(f"name: Jane Doe\nrole: CONTACT\nemail: {email}")))
    assert finding.rule.code == "C009"
    assert finding.message == f"email {email!r} {problem}"


@pytest.mark.parametrize(
    "email",
    ["jörg.müller@example.de", "a.b+trials@sub.example.co.uk", "O'Brien@example.ie",
     "clinical-trials_CTG@taisho.co.jp", " jane.doe@example.org ", "jane@例え.jp"],
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
        (CITY, "        country: [France]\n        contacts:\n          - {phone: 0149812}\n"),
        (CITY, CITY + "      - {facility: [a], country: 7}\n      - 9\n"),
        (CITY, CITY + "        contacts:\n          - {phone: '+33 1²3 45', phoneExt: '²'}\n"),
        ("      name: Example University Hospital\n      class: OTHER\n",
         "      name: [Example]\n      class: OTHER\n    collaborators: [1, {name: 2}]\n"),
    ],
)  # fmt: skip
def test_records_that_break_the_schema_never_crash(lint_text, old, new):
    no_failure(lint_text(mutate((old, new))))


# --- the bundled records ------------------------------------------------------------------------


def test_bundled_records_show_the_seed_defects(linter):
    """NCT04711200's page: an e-mail as the official's affiliation, '+33' as the extension of
    a French number, and 'Carrrier' for the carrier of the e-mail address; NCT02213705's: its
    official written in lower case, 'dominique farges', as the page shows it. NCT03562065's
    and NCT05947682's pages name no overall official, and NCT05947682's no site."""
    found = bundled_findings(linter, "C")
    assert found == [
        ("NCT02213705.yaml", "C018", 97, 15),
        ("NCT03562065.yaml", "C025", 96, 3),
        ("NCT04711200.yaml", "C002", 154, 19),
        ("NCT04711200.yaml", "C003", 156, 22),
        ("NCT04711200.yaml", "C001", 162, 22),
        ("NCT05947682.yaml", "C025", 109, 3),
        ("NCT05947682.yaml", "C026", 109, 3),
    ]
    text = (REPO / "records" / "NCT04711200.yaml").read_text(encoding="utf-8")
    assert position_of(text, '"+33"') == (154, 19)
    assert position_of(text, "Carrrier") == (156, 22)
    assert position_of(text, "saskia.oro@aphp.fr  #") == (162, 22)


# --- the real records -----------------------------------------------------------------------


@needs_shared
def test_real_records_hits_are_the_ones_read_one_by_one():
    # Every hit was read (see the report): e-mails and phone numbers as officials' names or
    # affiliations (13), call-centre sentences and a web address as facility names (6, each
    # wrong name once per record), country codes as extensions (21, all +33 +34 +39 +49 +82),
    # a name the record spells as its address does (1: Winiaarski, the official Winiarski)
    # and 4 near misses for information, officials that are companies, roles, departments or
    # user names (43), 11 open studies with no contact at all (2 not yet recruiting, 6
    # enrolling by invitation, 3 of unknown status last known not yet recruiting; all outside
    # the held-out recall sample), 6 phone numbers as extensions, 3 extensions inside phone
    # numbers, 3 notes as phone numbers, 2 malformed addresses, 21 phone numbers no valid
    # number of their country, 8 officials' affiliations that are job titles ('Director',
    # 'Associate dean'), 11 international
    # numbers keeping their trunk 0 ('+86-021-...').
    assert corpus_hits("contacts") == {
        "C001": 19, "C002": 21, "C003": 1, "C004": 43, "C005": 11, "C006": 6, "C007": 3,
        "C008": 3, "C009": 2, "C010": 21, "C011": 4, "C014": 8, "C016": 11, "C017": 5,
        "C027": 51, "C028": 109,
    }  # fmt: skip


# --- C012 one country written two ways ------------------------------------------------------------

SECOND_LOCATION = "      - facility: Example Clinic\n        city: Lyon\n        country: {}\n"


def test_one_country_written_two_ways(lint_text):
    text = mutate(
        (CITY, "        country: Korea, Republic of\n" + SECOND_LOCATION.format("South Korea")),
    )
    finding = one(lint_text, text)
    assert finding.rule.code == "C012"
    assert (finding.line, finding.column) == position_of(text, "South Korea")
    assert finding.pointer == f"{CLM}/locations/1/country"
    assert finding.message == (
        "country 'South Korea' is the country location 0 writes 'Korea, Republic of'; write it "
        "one way"
    )


@pytest.mark.parametrize("country", ["France", "Germany", "Atlantis", "Monaco"])
def test_countries_written_one_way(lint_text, country):
    text = mutate((CITY, CITY + SECOND_LOCATION.format(country)))
    assert [f.rule.code for f in family(lint_text, text)] == []


# --- C013: a facility named by a person ----------------------------------------------------


def _sites(official: str, *facilities: str) -> str:
    locations = "".join(
        f"      - {{facility: '{name}', city: Chengdu, country: China}}\n" for name in facilities
    )
    return (
        "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
        "  contactsLocationsModule:\n    overallOfficials:\n"
        f"      - {{name: '{official}', role: PRINCIPAL_INVESTIGATOR}}\n"
        f"    locations:\n{locations}"
    )


def test_a_facility_named_by_the_records_official(lint_text):
    text = _sites("Li Yu, MD", "West China Hospital", "Dr. li  yu")
    found = [
        (f.pointer, f.line, f.column, f.message)
        for f in lint_text(text).findings
        if f.rule.code == "C013"
    ]
    assert found == [
        (
            "/protocolSection/contactsLocationsModule/locations/1/facility",
            *position_of(text, "'Dr. li  yu'"),
            "facility 'Dr. li  yu' is the name of the record's overall official: write the name "
            "of the site (the hospital, clinic or practice)",
        )
    ]


@pytest.mark.parametrize(
    ("official", "facility"),
    [
        ("Run Run Shaw", "Sir Run Run Shaw Hospital"),  # named after someone: not the person
        ("Taisho Pharmaceutical Co., Ltd", "Taisho Pharmaceutical Co., Ltd selected site"),
        ("Li Yu, MD", "Yu Li"),  # another person
    ],
)
def test_a_facility_that_is_no_person_of_the_record(lint_text, official, facility):
    findings = lint_text(_sites(official, facility)).findings
    assert [f for f in findings if f.rule.code == "C013"] == []


@pytest.mark.parametrize(
    ("facilities", "expected"),
    [
        (["Research Site", "Research Site"], ("0", "2 of the 2 sites are named by a placeholder "
         "('Research Site'), not by the facility: name each site after the organization where "
         "the study takes place")),
        (["Hopital Edouard Herriot", "Local Institution - 0001"], ("1", "1 of the 2 sites are "
         "named by a placeholder ('Local Institution - 0001'), not by the facility: name each "
         "site after the organization where the study takes place")),
        (["GSK Investigational Site"], ("0", "the site is named by a placeholder ('GSK "
         "Investigational Site'), not by the facility: name it after the organization where "
         "the study takes place")),
        (["Investigational Site Number :0360002", "Clinical Research Site"], ("0", "2 of the 2 "
         "sites are named by a placeholder ('Investigational Site Number :0360002'), not by the "
         "facility: name each site after the organization where the study takes place")),
        (["Oklahoma City Clinical Research Center", "Site Hospital Lyon"], None),
    ],
)  # fmt: skip
def test_sites_named_by_a_placeholder(lint_text, facilities, expected):
    sites = "".join(f"      - {{facility: {name}, city: Lyon, country: France}}\n"
                    for name in facilities)  # fmt: skip
    text = GOOD.replace(
        "    locations:\n      - facility: Example University Hospital\n"
        "        city: Lyon\n        country: France\n",
        "    locations:\n" + sites,
    )
    found = [(f.pointer.split("/")[-2], f.message)
             for f in lint_text(text).findings if f.rule.code == "C020"]  # fmt: skip
    assert found == ([] if expected is None else [expected])


def test_the_other_placeholder_sites_are_related_locations(lint_text):
    sites = "".join(f"      - {{facility: {name}, city: Lyon, country: France}}\n"
                    for name in ("Research Site", "Hopital Edouard Herriot", "Research Site",
                                 "Site 12"))  # fmt: skip
    text = GOOD.replace(
        "    locations:\n      - facility: Example University Hospital\n"
        "        city: Lyon\n        country: France\n",
        "    locations:\n" + sites,
    )
    [finding] = [f for f in lint_text(text).findings if f.rule.code == "C020"]
    assert finding.pointer.endswith("/locations/0/facility")
    assert [related.pointer.split("/")[-2] for related in finding.related] == ["2", "3"]


@pytest.mark.parametrize(
    ("facility", "city", "country", "address"),
    [
        ("University Hospital of Crete, Heraklion, Greece", "Heraklion", "Greece",
         "Heraklion, Greece"),
        ("Air Forces Military Hospital of Athens Athens, Greece", "Athens", "Greece",
         "Athens, Greece"),
        ("Sint Maartenskliniek, Nijmegen, The Netherlands", "Nijmegen", "Netherlands",
         "Nijmegen, Netherlands"),
        ("Rotes Kreuz Krankenhaus, Hansteinstr. 29", "Kassel", "Germany", "Hansteinstr. 29"),
        # the country alone may be the organisation's own name
        ("University of Occupational and Environmental Health, Japan", "Kitakyushu", "Japan",
         None),
        ("Hospital Clinic de Barcelona", "Barcelona", "Spain", None),
    ],
)  # fmt: skip
def test_a_facility_name_that_holds_its_address(lint_text, facility, city, country, address):
    site = f"      - {{facility: '{facility}', city: {city}, country: {country}}}\n"
    text = GOOD.replace(
        "    locations:\n      - facility: Example University Hospital\n"
        "        city: Lyon\n        country: France\n",
        "    locations:\n" + site,
    )
    found = [(f.pointer, f.message) for f in lint_text(text).findings if f.rule.code == "C031"]
    assert found == ([] if address is None else [(
        "/protocolSection/contactsLocationsModule/locations/0/facility",
        f"the facility {facility!r} holds its address ({address!r}), which the location's own "
        "fields give: name only the organisation",
    )])  # fmt: skip


@needs_shared
def test_facilities_named_by_people_in_the_corpus():
    # Read one by one: each a site entered as its investigator or contact.
    # And 33 records whose sites (1,846 in all) are named by a placeholder.
    # And 63 records with no location at all, none of them withdrawn (C026).
    # And 11 facilities whose names hold their city and country or a street (C031), read.
    assert corpus_hits("sites") == {"C013": 26, "C020": 33, "C026": 63, "C031": 11}


# --- C026: no site listed -------------------------------------------------------------------

SITE = (
    "    locations:\n      - facility: Example University Hospital\n        city: Lyon\n"
    "        country: France\n"
)


def test_a_study_that_lists_no_site(lint_text):
    text = mutate((SITE, ""))
    [finding] = [f for f in lint_text(text).findings if f.rule.code == "C026"]
    assert finding.level == "info"
    assert finding.pointer == f"{CLM}/locations"
    assert (finding.line, finding.column) == position_of(text, "contactsLocationsModule")
    assert finding.message == (
        "no location is listed: give each site where the study recruits, or did (its "
        "facility, city and country), so patients and readers can tell where it runs"
    )


def test_a_withdrawn_study_is_not_asked_for_sites(lint_text):
    text = mutate((SITE, ""), (COMPLETED, "overallStatus: WITHDRAWN"))
    assert "C026" not in {f.rule.code for f in lint_text(text).findings}
    assert "C026" not in {f.rule.code for f in lint_text(GOOD).findings}


# --- C018: a person's name in the wrong case ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "part", "fixed"),
    [
        ("Vivek mehta, MD", "mehta", "Vivek Mehta, MD"),
        ("jing xue", "jing", "Jing Xue"),
        ("Galina f Tereshchenko", "f", "Galina F Tereshchenko"),
        ("MUhammad Abubakar, PhD", "MUhammad", "Muhammad Abubakar, PhD"),
        ("vaneza lira wolf, msc", "vaneza", "Vaneza Lira Wolf, msc"),  # 'wolf' is a name here
    ],
)
def test_a_name_with_a_part_in_the_wrong_case(lint_text, name, part, fixed):
    text = mutate((OFFICIAL_NAME, f"      - name: {name}\n"))
    [finding] = [f for f in lint_text(text).findings if f.rule.code == "C018"]
    assert (finding.pointer, finding.line) == (
        f"{CLM}/overallOfficials/0/name",
        position_of(text, name)[0],
    )
    assert finding.message == (f"the name {name!r} has {part!r} in the wrong case: write {fixed!r}")
    assert (finding.fix.old, finding.fix.new, finding.fix.safe) == (name, fixed, False)


@pytest.mark.parametrize(
    "name",
    [
        "Ludwig van Beethoven",  # a particle
        "Ahmad bin Ismail",
        "JANE DOE",  # capitals: a style
        "Li Junling doctor",  # a role typed after the name is a word, not a part of it
        "Medical Director",  # C004's
        "jane.doe@example.org",  # C001's
        "First line of email MUST contain NCT # and Site #.",  # instructions, no name
    ],
)
def test_names_whose_case_is_no_slip(lint_text, name):
    text = mutate((OFFICIAL_NAME, f"      - name: {name}\n"))
    assert [f for f in lint_text(text).findings if f.rule.code == "C018"] == []


def test_a_contact_of_a_site_is_read_too(lint_text):
    text = mutate(facility_contacts("name: lin Wu\nemail: lin.wu@example.org"))
    [finding] = [f for f in lint_text(text).findings if f.rule.code == "C018"]
    assert finding.pointer == f"{CLM}/locations/0/contacts/0/name"


def _people(official: str, investigator: str, contact: str) -> str:
    return mutate(
        (OFFICIAL_NAME, f"      - name: {official}\n"),
        ("  contactsLocationsModule:\n", "  contactsLocationsModule:\n    centralContacts:\n"
         f"      - {{name: {contact}, role: CONTACT, email: qi.yu@example.org}}\n"),
        ("    responsibleParty:\n      type: SPONSOR\n",
         "    responsibleParty:\n      type: PRINCIPAL_INVESTIGATOR\n"
         f"      investigatorFullName: {investigator}\n      investigatorTitle: Professor\n"
         "      investigatorAffiliation: Example University Hospital\n"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("official", "investigator", "contact", "expected"),
    [
        ("Yu Qi, MD", "Qi Yu", "Yu Qi", [(
            "/protocolSection/sponsorCollaboratorsModule/responsibleParty/investigatorFullName",
            "'Qi Yu' is 'Yu Qi, MD' written in another order: write the name one way",
            [f"{CLM}/overallOfficials/0/name"],
        )]),
        ("Li Yu, Dr", "YuLi", "Li Yu", [(
            "/protocolSection/sponsorCollaboratorsModule/responsibleParty/investigatorFullName",
            "'YuLi' is 'Li Yu, Dr' written run together: write the name one way",
            [f"{CLM}/overallOfficials/0/name"],
        )]),
        ("Yu Qi, MD", "Yu Qi", "Yu Qi", []),
        ("J Smith", "John Smith", "John Smith", []),  # initials: perhaps two people
    ],
)  # fmt: skip
def test_one_person_written_two_ways(lint_text, official, investigator, contact, expected):
    found = [
        (f.pointer, f.message, [other.pointer for other in f.related])
        for f in lint_text(_people(official, investigator, contact)).findings
        if f.rule.code == "C019"
    ]
    assert found == expected


@needs_shared
def test_names_in_the_wrong_case_in_the_corpus():
    # Read one by one (those outside the held-out recall sample): names typed in lower case
    # ('zhang xiaoju', 'osman coban'), a lower-case initial, 'MUhammad'.
    # One person written two ways: Chinese names in both orders, names run together.
    assert corpus_hits("names") == {"C018": 64, "C019": 14}


# --- C014: an affiliation that is a job title ----------------------------------------------


@pytest.mark.parametrize(
    ("affiliation", "reported"),
    [
        ("Director of Research", True),
        ("Associate dean", True),
        ("Chief Medical Officer", True),
        ("Research Institute of Medicine", False),  # an organization's words
        ("Director, Example University Hospital", False),
    ],
)
def test_an_affiliation_that_is_a_job_title(lint_text, affiliation, reported):
    text = (
        "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
        "  contactsLocationsModule:\n    overallOfficials:\n"
        f"      - name: Jane Doe, MD\n        affiliation: {affiliation}\n"
        "        role: PRINCIPAL_INVESTIGATOR\n"
    )
    found = [(f.pointer, f.line, f.column, f.message)
             for f in lint_text(text).findings if f.rule.code == "C014"]  # fmt: skip
    expected = (
        "/protocolSection/contactsLocationsModule/overallOfficials/0/affiliation",
        *position_of(text, affiliation),
        f"affiliation {affiliation!r} is a job title; give the organization the official works for",
    )
    assert found == ([expected] if reported else [])


# --- C015: a data-sharing plan its description contradicts --------------------------------------


def _ipd(plan: str, description: str) -> str:
    return (
        "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
        f"  ipdSharingStatementModule:\n    ipdSharing: {plan}\n"
        f"    description: '{description}'\n"
    )


def test_a_plan_not_to_share_that_the_description_contradicts(lint_text):
    said = "BMS will provide access to individual anonymized participant data upon request."
    text = _ipd("NO", f"Data are kept 10 years. {said}")
    found = [(f.pointer, f.line, f.column, f.message)
             for f in lint_text(text).findings if f.rule.code == "C015"]  # fmt: skip
    assert found == [(
        "/protocolSection/ipdSharingStatementModule/description", *position_of(text, said),
        "ipdSharing is NO, but the description says 'BMS will provide access to individual "
        "anonymized participant data upon request.': set the plan to YES (or UNDECIDED), or "
        "say why no data will be shared",
    )]  # fmt: skip


@pytest.mark.parametrize(
    ("plan", "description", "contradicted"),
    [
        ("NO", "The IPD will be shared after publication, e.g. with other teams.", True),
        ("NO", "IPD data is available only based on request to the PI.", True),
        ("NO", "No IPD will be shared.", False),
        ("NO", "Participant data will not be made available.", False),
        ("NO", "Only aggregate data will be shared with the other investigators.", False),
        ("NO", "Individual data will be shared only with the study team.", False),
        ("NO", "Data will be entered into a validated EDC platform.", False),
        ("YES", "The IPD will be shared after publication.", False),
        ("UNDECIDED", "The IPD may be shared on request.", False),
    ],
)
def test_which_descriptions_contradict_a_plan_not_to_share(lint_text, plan, description,
                                                           contradicted):  # fmt: skip
    found = [f.rule.code for f in lint_text(_ipd(plan, description)).findings
             if f.rule.code == "C015"]  # fmt: skip
    assert found == (["C015"] if contradicted else [])


@needs_shared
def test_sharing_plans_contradicted_in_the_corpus():
    # read one by one: each says the individual data are shared or available on request
    assert corpus_hits("ipd_sharing") == {"C015": 5}


# --- C016: the trunk 0 kept after the country code ----------------------------------------------


def _central_phone(phone: str) -> str:
    return (
        "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
        "  contactsLocationsModule:\n    centralContacts:\n"
        f"      - {{name: Jane Doe, role: CONTACT, phone: '{phone}'}}\n"
    )


def test_an_international_number_that_keeps_its_trunk_zero(lint_text):
    text = _central_phone("+86-021-64370045")
    [finding] = [f for f in lint_text(text).findings if f.rule.code == "C016"]
    assert finding.pointer == "/protocolSection/contactsLocationsModule/centralContacts/0/phone"
    assert (finding.line, finding.column) == position_of(text, "'+86-021")
    assert (finding.fix.new, finding.fix.safe) == ("+86 21 6437 0045", True)
    assert finding.message == (
        "phone '+86-021-64370045' keeps the trunk 0 after the country code +86: dialled from "
        "abroad it reaches nobody; write '+86 21 6437 0045'"
    )


@pytest.mark.parametrize(
    "phone",
    ["+86 21 6437 0045", "+33 (0)1 45 67 89 01", "+39 06 1234 5678", "021-64370045"],
)
def test_numbers_whose_zero_is_right(lint_text, phone):
    assert [f.rule.code for f in lint_text(_central_phone(phone)).findings
            if f.rule.code == "C016"] == []  # fmt: skip


# --- C028: a country calling code without its '+' -----------------------------------------------


def _phones(central: str, *countries: str, site_phone: str | None = None) -> str:
    """A record with one central contact's phone, and a site in each of ``countries`` (the
    first with a contact whose phone is ``site_phone``)."""
    sites = "".join(
        f"      - facility: Site {n}\n        city: City {n}\n        country: {country}\n"
        for n, country in enumerate(countries)
    )
    if site_phone is not None:
        first = sites.index("\n      - ") + 1 if len(countries) > 1 else len(sites)
        sites = (sites[:first] + "        contacts:\n"
                 f"          - {{name: Li Wei, role: CONTACT, phone: '{site_phone}'}}\n"
                 + sites[first:])  # fmt: skip
    return (
        "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
        "  contactsLocationsModule:\n    centralContacts:\n"
        f"      - {{name: Jane Doe, role: CONTACT, phone: '{central}'}}\n"
        "    locations:\n" + sites
    )


def c028(lint_text, text: str):
    return [f for f in lint_text(text).findings if f.rule.code == "C028"]


def test_a_central_contacts_number_written_with_its_country_code_and_no_plus(lint_text):
    text = _phones("86-13206140093", "China")
    [finding] = c028(lint_text, text)
    assert finding.level == "warning"
    assert finding.pointer == "/protocolSection/contactsLocationsModule/centralContacts/0/phone"
    assert (finding.line, finding.column) == position_of(text, "'86-13206140093'")
    assert (finding.fix.new, finding.fix.safe) == ("+86 132 0614 0093", True)
    assert finding.message == (
        "phone '86-13206140093' starts with the country calling code 86 without its '+': "
        "dialled as written it reaches nobody, in China or from abroad; write "
        "'+86 132 0614 0093'"
    )


def test_a_site_contacts_number_is_read_in_its_sites_country(lint_text):
    text = _phones("+33 1 42 49 92 36", "Brazil", "France", site_phone="55 16 36022663")
    [finding] = c028(lint_text, text)
    assert finding.pointer == (
        "/protocolSection/contactsLocationsModule/locations/0/contacts/0/phone"
    )
    assert finding.fix.new == "+55 16 3602-2663"


@pytest.mark.parametrize(
    ("phone", "countries"),
    [
        ("+86 132 0614 0093", ("China",)),  # written right
        ("132 0614 0093", ("China",)),  # a national number
        ("0086 132 0614 0093", ("China",)),  # the international prefix 00: dialled as written
        ("1-800-243-0127", ("United States",)),  # North America's 1 is its trunk prefix too
        ("86-13206140093", ("China", "France")),  # a central contact of sites in two countries
        ("86-13206140093", ()),  # and of none
    ],
)
def test_numbers_not_read_as_a_country_code_without_plus(lint_text, phone, countries):
    assert c028(lint_text, _phones(phone, *countries)) == []


# --- C017: an investigator's title that is no position -------------------------------------------


@pytest.mark.parametrize(
    ("title", "why"),
    [
        ("Mir Arif Hussain", "is the investigator's name"),
        ("Hussain, Mir Arif, MD", "is the investigator's name"),
        ("Department of Spine Surgery", "names an organization"),
        ("Taichung Veterans General Hospital", "names an organization"),
        ("Professor of Orthopaedic Surgery", None),
        ("Supervisor of Hematology, Peking University People's Hospital", None),
        ("Radiation Oncologist", None),
        ("Master of Science in Physiotherapy", None),
    ],
)
def test_which_investigator_titles_are_no_position(title, why):
    assert title_not_a_position(title, "Mir Arif Hussain, MD") == why


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Principal Investigator", True),
        ("principal investigator", True),
        ("Co-PI", True),
        ("Sponsor-Investigator", True),
        ("Study Principal Investigator", True),
        ("Principal Investigator, Professor of Surgery", False),
        ("Clinical Investigator in Oncology", False),
        ("Professor", False),
    ],
)
def test_which_investigator_titles_are_only_the_role(title, role):
    assert title_is_the_role(title) is role


def test_an_investigator_title_that_is_the_role(lint_text):
    text = (
        "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
        "  sponsorCollaboratorsModule:\n    responsibleParty:\n"
        "      type: PRINCIPAL_INVESTIGATOR\n      investigatorFullName: Mir Arif Hussain\n"
        "      investigatorTitle: Principal Investigator\n"
        "      investigatorAffiliation: Shifa International Hospital\n"
    )
    [finding] = [f for f in lint_text(text).findings if f.rule.code in ("C017", "C027")]
    assert (finding.rule.code, finding.level) == ("C027", "info")
    assert finding.pointer == (
        "/protocolSection/sponsorCollaboratorsModule/responsibleParty/investigatorTitle"
    )
    assert (finding.line, finding.column) == position_of(text, "Principal Investigator")
    assert finding.message == (
        "investigatorTitle 'Principal Investigator' is the study role the responsible "
        "party's type already gives; give the investigator's position ('Professor of "
        "Medicine')"
    )


def test_an_investigator_title_that_is_the_name(lint_text):
    text = (
        "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
        "  sponsorCollaboratorsModule:\n    responsibleParty:\n"
        "      type: PRINCIPAL_INVESTIGATOR\n      investigatorFullName: Mir Arif Hussain\n"
        "      investigatorTitle: Mir Arif Hussain\n"
        "      investigatorAffiliation: Shifa International Hospital\n"
    )
    [finding] = [f for f in lint_text(text).findings if f.rule.code == "C017"]
    pointer = "/protocolSection/sponsorCollaboratorsModule/responsibleParty/investigatorTitle"
    assert finding.pointer == pointer
    assert (finding.line, finding.column) == position_of(text, "Mir Arif Hussain", 2)
    assert finding.message == (
        "investigatorTitle 'Mir Arif Hussain' is the investigator's name; give the "
        "investigator's position ('Professor of Medicine')"
    )
