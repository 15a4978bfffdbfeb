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
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from trialint.document.pointer import Token
from trialint.finding import Fix
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_dict, as_str, dicts
from trialint.rule import Severity, rule
from trialint.spelling.words import same_case

Path = tuple[Token, ...]

CLM = ("protocolSection", "contactsLocationsModule")
RESPONSIBLE = ("protocolSection", "sponsorCollaboratorsModule", "responsibleParty")
CENTRAL_CONTACTS = (*CLM, "centralContacts")
POINT_OF_CONTACT = ("resultsSection", "moreInfoModule", "pointOfContact")

DETAILS_IN_NAME = rule(
    "C001", "contact-details-in-name", Severity.ERROR,
    "An e-mail address or phone number in a name, title or affiliation field.",
    "A name field holds a person's name (or, for a contact, an official title) and an "
    "affiliation the organization, as the PRS form asks; contacts have fields of their own "
    "for phone and e-mail, and officials none at all, so an address typed into an affiliation "
    "is published as the official's organization. Registry-quality-rules.md, section 2 item "
    "7; seed NCT04711200 gives its principal investigator the affiliation "
    "'saskia.oro@aphp.fr'.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
           "      - name: Saskia Oro, MD\n        affiliation: saskia.oro@aphp.fr\n"
           "        role: PRINCIPAL_INVESTIGATOR\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
            "      - name: Saskia Oro, MD\n"
            "        affiliation: Assistance Publique - Hôpitaux de Paris\n"
            "        role: PRINCIPAL_INVESTIGATOR\n",),
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
            "        phone: +33 149812536\n",),
)  # fmt: skip
NAME_EMAIL_MISMATCH = rule(
    "C003", "name-email-mismatch", Severity.WARNING,
    "A contact's name spelled differently from the same name in the contact's e-mail address.",
    "When a name word and a piece of the e-mail address differ by one or two letters inserted, "
    "dropped or repeated inside the word, one of the two is a typo (a misspelled name on the "
    "registry's public page, or an address that bounces). Addresses made of initials, "
    "nicknames or another person's name are not compared letter by letter. Seed NCT04711200: "
    "'Myriem Carrrier, MSc' with e-mail myriem.carrier@aphp.fr.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
           "      - name: Myriem Carrrier, MSc\n        role: CONTACT\n"
           "        email: myriem.carrier@aphp.fr\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Myriem Carrier, MSc\n        role: CONTACT\n"
            "        email: mcarrier@aphp.fr\n",),
)  # fmt: skip
OFFICIAL_NOT_PERSON = rule(
    "C004", "official-not-a-person", Severity.WARNING,
    "An overall official (or investigator) named by a role, a department or a company.",
    "An overall official is a person: the PRS form asks for 'First Name & Middle Initial & "
    "Last Name & Degree' (as seed NCT04711200's page shows), where a central contact may be "
    "'Last Name or Official Title'. 'Medical Director', 'Clinical Trials' or a company name "
    "tells a reader nobody is accountable; Chaturvedi et al. found 17% of official names were "
    "such placeholders (registry-quality-rules.md, rule 41). 41 of 837 real records have one, "
    "nearly all industry-sponsored: a common practice, hence a warning.",
    fails=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
           "      - name: Medical Director\n        affiliation: Example Pharma Inc.\n"
           "        role: STUDY_DIRECTOR\n",),
    passes=("protocolSection:\n  contactsLocationsModule:\n    overallOfficials:\n"
            "      - name: Jane Doe, MD\n        affiliation: Example Pharma Inc.\n"
            "        role: STUDY_DIRECTOR\n",),
)  # fmt: skip
NO_CONTACT = rule(
    "C005", "open-study-without-contact", Severity.WARNING,
    "A recruiting or not-yet-recruiting study with no contact's phone number or e-mail.",
    "A study that is recruiting, or about to, must tell patients whom to ask: ClinicalTrials."
    "gov expects a central contact, or facility contacts, while the status is Recruiting or "
    "Not yet recruiting (prs-rules.md E2), and the WHO Trial Registration Data Set asks for a "
    "public contact (item 7; registry-quality-rules.md, rule 40).",
    fails=("protocolSection:\n  statusModule:\n    overallStatus: RECRUITING\n"
           "  contactsLocationsModule:\n    locations:\n"
           "      - facility: Example University Hospital\n        city: Lyon\n"
           "        country: France\n",),
    passes=("protocolSection:\n  statusModule:\n    overallStatus: RECRUITING\n"
            "  contactsLocationsModule:\n    centralContacts:\n"
            "      - name: Jane Doe\n        role: CONTACT\n"
            "        email: jane.doe@example.org\n",),
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
            "        phone: '01010941685'\n        phoneExt: '2405'\n",),
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
            "        phone: +34 923 29 11 00\n        phoneExt: '55974'\n",),
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
            "        email: jane.doe@example.org\n",),
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
            "        email: rschott@strasbourg.unicancer.fr\n",),
)  # fmt: skip


# --- where contacts and names are --------------------------------------------------------------


def _contacts(record: Record) -> Iterator[tuple[Path, int | None, dict[str, Any]]]:
    """Every contact (central, facility, the results' point of contact), as the path of its
    list and its index there (None for the point of contact, which is no list's entry)."""
    module = record.contacts
    for index, contact in dicts(module.get("centralContacts")):
        yield CENTRAL_CONTACTS, index, contact
    locations = module.get("locations")
    if isinstance(locations, list):  # hundreds of entries: no copy of the list
        for place, location in enumerate(locations):
            entries = location.get("contacts") if isinstance(location, dict) else None
            if isinstance(entries, list):
                prefix = (*CLM, "locations", place, "contacts")
                for index, contact in enumerate(entries):
                    if isinstance(contact, dict):
                        yield prefix, index, contact
    results = record.data.get("resultsSection")
    if isinstance(results, dict):
        point = as_dict(as_dict(results.get("moreInfoModule")).get("pointOfContact"))
        if point:
            yield POINT_OF_CONTACT, None, point


def _at(prefix: Path, index: int | None) -> Path:
    """A contact's path, built only for the few contacts with something to report."""
    return prefix if index is None else (*prefix, index)


def _people(record: Record) -> Iterator[tuple[Path, dict[str, Any], str, str, str]]:
    """Officials and the responsible party's investigator: (path, mapping, name key,
    affiliation key, who they are)."""
    for index, official in dicts(record.contacts.get("overallOfficials")):
        yield (*CLM, "overallOfficials", index), official, "name", "affiliation", "official"
    responsible = as_dict(record.module("sponsorCollaboratorsModule").get("responsibleParty"))
    if responsible:
        yield (RESPONSIBLE, responsible, "investigatorFullName", "investigatorAffiliation",
               "investigator")  # fmt: skip


def _show(text: str, limit: int = 60) -> str:
    """A value quoted for a message, shortened when long."""
    return repr(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


_A_DIGIT = re.compile(r"\d")


def _digits(text: str) -> str:
    return "".join(character for character in text if character.isdigit())


# --- C001: e-mail addresses and phone numbers where a name belongs ---------------------------

_EMAIL_IN_TEXT = re.compile(r"[\w.%+'-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
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


def _details_in_name(path: Path, key: str, text: str, holds: str) -> Hit | None:
    """C001 for one field that should hold ``holds``."""
    if "@" not in text and not _A_DIGIT.search(text):
        return None
    found = email_in(text)
    kind = "an e-mail address"
    if found is None:
        found = phone_in(text)
        kind = "a phone number"
        if found is None:
            return None
    offset, length = found
    if length == len(text.strip()):
        message = f"{key} {_show(text)} is {kind}, not {holds}"
    else:
        part = text[offset : offset + length]
        message = f"{key} {_show(text)} holds {kind} ({part}); it should be {holds} only"
    if key == "affiliation" and kind == "an e-mail address":
        message += " (officials have no e-mail field)"
    return Hit(DETAILS_IN_NAME, message, (*path, key), within=(offset, length))


# --- C002, C006, C007, C008: phone numbers and extensions -------------------------------------

_COUNTRY_CODE = re.compile(r"\s*\+\s*(\d{1,3})\s*")
# Calling codes whose national numbers start with a trunk 0 that the international form drops
# (+33 1 49 81 25 36 is dialled 01 49 81 25 36 in France), and those where the 0 is part of
# the number (Italy: +39 02 5503 4268). For any other code the message says what to check.
_DROPS_ZERO = frozenset({
    "20", "27", "31", "32", "33", "40", "41", "43", "44", "46", "49", "60", "61", "62", "63",
    "64", "66", "81", "82", "84", "86", "90", "91", "92", "94", "98", "212", "213", "234",
    "254", "255", "256", "353", "358", "359", "380", "381", "385", "386", "387", "389", "421",
    "880", "886", "961", "962", "963", "964", "966", "971", "972",
})  # fmt: skip
_KEEPS_ZERO = frozenset({"39", "378", "225", "242"})
_EXTENSION_IN_PHONE = re.compile(
    r"[\s,;]*\(?\s*(?:ext(?:ension)?\.?|x\.?|poste|#)\s*:?\s*(\d{1,6})\s*\)?\s*$",
    re.IGNORECASE,
)
# A phone of digits and separators only has no note, extension or letters to report.
_NOT_IN_A_NUMBER = re.compile(r"[^\d\s()+./-]")


def international_form(code: str, phone: str) -> tuple[str | None, str]:
    """The phone number with country code ``code``, and a note on the trunk 0; no number when
    that depends on a national numbering plan trialint does not know."""
    national = phone.strip()
    if not national.startswith("0"):
        return f"+{code} {national}", ""
    if code in _KEEPS_ZERO:
        return f"+{code} {national}", f" (numbers of +{code} keep their leading 0)"
    if code in _DROPS_ZERO:
        rest = national[1:].lstrip(" .-/")
        return f"+{code} {rest}", " (the international form drops the trunk 0)"
    return None, ""


def _country_code_message(ext: str, code: str, phone: str | None) -> tuple[str, bool]:
    """The message, and whether removing the extension is all there is to do."""
    head = f"phoneExt {ext!r} is a country calling code, not an extension"
    if not phone or not _A_DIGIT.search(phone):
        return head + ", and there is no phone number to go with it", False
    stripped = phone.strip()
    if stripped.startswith(("+", "00")):
        international = stripped.removeprefix("+").removeprefix("00").lstrip()
        if international.startswith(code):
            return head + f"; phone {phone!r} already starts with it", True
        return head + f"; phone {phone!r} already has a country code", False
    suggestion, note = international_form(code, phone)
    if suggestion is None:
        return (
            head + f": write phone {phone!r} in international form, '+{code}' then the number "
            "without its leading 0 if that 0 is a trunk prefix (as in most countries, not Italy)",
            False,
        )
    return (
        head + f": write the phone number in international form, {suggestion!r}{note}",
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
                message = f"phoneExt {ext!r} repeats the phone number; it is not an extension"
                fix = Fix(ext, "")
            else:
                message = (f"phoneExt {ext!r} is a phone number, not an extension (the few "
                           "digits dialled after the number is answered)")  # fmt: skip
                fix = None
            yield Hit(PHONE_IN_EXTENSION, message, (*path, "phoneExt"), fix=fix)
    if not phone or not _NOT_IN_A_NUMBER.search(phone):
        return
    if not _A_DIGIT.search(phone):
        if phone.strip():
            yield Hit(PHONE_WITHOUT_DIGITS,
                      f"phone {phone!r} is not a phone number; leave the field out when there "
                      "is none", (*path, "phone"))  # fmt: skip
        return
    match = _EXTENSION_IN_PHONE.search(phone)
    if match and len(_digits(phone[: match.start()])) >= 6:
        yield _extension_in_phone(path, phone, ext, match)


def _extension_in_phone(path: Path, phone: str, ext: str | None, match: re.Match[str]) -> Hit:
    """C007, pointing at the extension inside the number; the fix removes it from there."""
    number = match.group(1)
    tail = match.group().lstrip(" ,;")
    start = match.end() - len(tail)
    message = f"phone {phone!r} holds the extension {number}; "
    if ext:
        message += f"phoneExt already says {ext!r}"
    else:
        message += f"give the number alone and {number} in phoneExt"
    national = phone[: match.start()].strip()
    if len(number) <= 3 and national.startswith("0") and number in _DROPS_ZERO | _KEEPS_ZERO:
        suggestion, _ = international_form(number, national)
        message += f" (if {number} is the country calling code, write {suggestion!r} instead)"
    return Hit(EXTENSION_IN_PHONE, message, (*path, "phone"), within=(start, len(tail)),
               fix=Fix(phone[match.start():], "", match.start()))  # fmt: skip


# --- C009: e-mail addresses ---------------------------------------------------------------------

_ATEXT = r"[\w!#$%&'*+/=?^`{|}~-]"
# One address: dot-separated atoms (RFC 5322, any letters), @, dot-separated domain labels and
# a top-level domain of letters. Quoted local parts and IP literals do not occur in registries.
_EMAIL = re.compile(rf"{_ATEXT}+(?:\.{_ATEXT}+)*@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{{2,}}")
_SEPARATORS = re.compile(r"\s*[,;/\s]\s*|\s+(?:or|and|et)\s+")


def email_problem(email: str) -> str | None:
    """What is wrong with an e-mail field, or None when it is one well-formed address."""
    address = email.strip()
    if _EMAIL.fullmatch(address):
        return None
    if "://" in address or address.lower().startswith("www."):
        return "is a web address, not an e-mail address"
    parts = [part for part in _SEPARATORS.split(address) if part]
    if len(parts) > 1 and all(_EMAIL.fullmatch(part) for part in parts):
        return f"holds {len(parts)} addresses; give one (another contact can hold the second)"
    if "@" not in address:
        return "is not an e-mail address (it has no @)"
    if address.count("@") > 1:
        return f"has {address.count('@')} @ signs; an e-mail address has one"
    return "is not a well-formed e-mail address"


# --- C003: a name and its own e-mail address spelled differently -------------------------------

# Degrees, titles and honorifics written after (or before) names: never compared.
_DEGREES = frozenset({
    "md", "msc", "phd", "pr", "dr", "prof", "professor", "mph", "ms", "ma", "mba", "rn", "bsn",
    "bs", "bsc", "ba", "pharmd", "dds", "dmd", "mbbs", "frcp", "frcpc", "facs", "ccrc", "crc",
    "np", "pa", "pt", "dpt", "mres", "mhs", "mas", "dsc", "dmsc", "kmd", "master", "doctor",
    "mme", "mr", "mrs", "mdphd", "mphil", "fcps", "mrcp", "faan", "phil", "med", "sci", "cand",
    "candidate", "student", "fellow", "assoc", "associate", "ass", "asst", "assistant",
    "lecturer", "consultant", "postdoc", "postgraduate", "nurse", "sr", "jr", "ii", "iii", "iv",
})  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_FOLD = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "\u0131": "i"}
)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})
_IE_BEFORE_CONSONANT = re.compile(r"ie(?=[^aeiouy])")


def _ascii(text: str) -> str:
    """Lowercase, without accents: 'Jérôme' -> 'jerome'."""
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(character for character in folded if not unicodedata.combining(character))


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
    return frozenset({_canonical(_ascii(lower)), _canonical(_ascii(lower.translate(_GERMAN)))})


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
        if _ascii(match.group()) not in _DEGREES
    ]
    if not words:
        return ()
    pieces = _WORD.findall(_ascii(local))
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


def _name_and_email(
    path: Path, name_key: str, email: str, mismatches: tuple[tuple[int, str, str], ...]
) -> Iterator[Hit]:
    """C003 for one contact, given what name_email_mismatches found."""
    for offset, word, piece in mismatches:
        fix = None
        # The e-mail's spelling is the likelier (an address that bounced would have been
        # noticed), unless it is the one with a tripled letter, or the name has letters an
        # address cannot show (accents).
        if word.isascii() and not _tripled(piece):
            fix = Fix(word, same_case(word, piece), offset)
        yield Hit(NAME_EMAIL_MISMATCH,
                  f"{name_key} spells {word!r} but the e-mail address {email.strip()} has "
                  f"{piece!r}; one of the two is misspelled", (*path, name_key),
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
_LEGAL = frozenset({"inc", "llc", "ltd", "limited", "co", "corp", "corporation", "gmbh", "ag",
                    "sa", "plc", "the"})  # fmt: skip


def _organization_key(text: str) -> str:
    return " ".join(word for word in _WORD.findall(_ascii(text)) if word not in _LEGAL)


def not_a_person(name: str, affiliation: str | None) -> str | None:
    """Why an official's name is not a person's name, or None."""
    lowered = name.lower()
    first = _WORD.search(lowered)
    if (
        first
        and first.group() in _DEGREES
        and all(word in _DEGREES for word in _WORD.findall(lowered))
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


# --- the checks ---------------------------------------------------------------------------------


@check(DETAILS_IN_NAME, OFFICIAL_NOT_PERSON)
def officials(record: Record, context: Context) -> Iterator[Hit]:
    """C001 and C004 for the overall officials and the responsible party's investigator."""
    for path, person, name_key, affiliation_key, who in _people(record):
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
        title = as_str(person.get("investigatorTitle")) if who == "investigator" else None
        if title:
            hit = _details_in_name(path, "investigatorTitle", title, "the investigator's title")
            if hit:
                yield hit
        if name and name.strip() and details is None:  # contact details: C001 said it all
            reason = not_a_person(name, affiliation)
            if reason:
                yield Hit(OFFICIAL_NOT_PERSON,
                          f"{name_key} {_show(name)} {reason}; an official is a person, named "
                          "as 'First Last, Degree'", (*path, name_key))  # fmt: skip


@check(DETAILS_IN_NAME, NAME_EMAIL_MISMATCH, COUNTRY_CODE_EXTENSION, PHONE_IN_EXTENSION,
       EXTENSION_IN_PHONE, PHONE_WITHOUT_DIGITS, INVALID_EMAIL)  # fmt: skip
def contacts(record: Record, context: Context) -> Iterator[Hit]:
    """Every rule about one contact, in one pass over the contacts."""
    for prefix, index, contact in _contacts(record):
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
                    yield from _name_and_email(_at(prefix, index), name_key, email, mismatches)
        if index is None:
            organization = as_str(contact.get("organization"))
            hit = organization and _details_in_name(prefix, "organization", organization,
                                                    "the contact's organization")  # fmt: skip
            if hit:
                yield hit
        if email and not _EMAIL.fullmatch(email) and email.strip():
            problem = email_problem(email)
            if problem:
                yield Hit(INVALID_EMAIL, f"email {email!r} {problem}",
                          (*_at(prefix, index), "email"))  # fmt: skip
        phone = as_str(contact.get("phone"))
        ext = as_str(contact.get("phoneExt"))
        if ext or (phone and _NOT_IN_A_NUMBER.search(phone)):
            yield from _phone(_at(prefix, index), phone, ext)


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
    if status not in ("RECRUITING", "NOT_YET_RECRUITING"):
        return
    for _, index, contact in _contacts(record):
        if index is not None and _reachable(contact):
            return
    yield Hit(NO_CONTACT,
              f"the study is {status} but no central or facility contact gives a phone number "
              "or e-mail address", CENTRAL_CONTACTS)  # fmt: skip
