"""Identifiers (family I): secondary ids that do not fit their type, the study's own NCT
number given where another identifier belongs, the Unique Protocol ID where a secondary id
belongs (an EU number) or written again as one, and a Unique Protocol ID that is only the
sponsor's name.

Secondary ids are how registries link the records of one trial (WHO Trial Registration Data
Set item 3); a EudraCT or EU CT number in the wrong form, or an NCT number written loosely, is
an id no tool can match to the other registry's record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from trialint.finding import Fix
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_dict, as_str, dicts, per_record
from trialint.patterns import lazy_pattern
from trialint.places import place_key
from trialint.quoting import quoted
from trialint.registry import NCT_ID
from trialint.rule import FixKind, Severity, rule

IDENTIFICATION = ("protocolSection", "identificationModule")
SECONDARY_IDS = (*IDENTIFICATION, "secondaryIdInfos")
ORG_STUDY_ID = (*IDENTIFICATION, "orgStudyIdInfo", "id")

_MODULE = "protocolSection:\n  identificationModule:\n    nctId: NCT01234567\n"
_TITLE = "    briefTitle: Exercise Training After Knee Replacement\n"

SECONDARY_ID_FORMAT = rule(
    "I001", "secondary-id-format", Severity.WARNING,
    "A secondary id that does not fit its type: a EudraCT or EU CT number out of form, or an "
    "NCT number written loosely.",
    "EudraCT numbers are YYYY-NNNNNN-NN, EU CT numbers (CTIS, since 2022) YYYY-5NNNNN-NN-NN, "
    "and NCT numbers NCT + 8 digits (registry-quality-rules.md, rule 43; ctgov-data-model.md, "
    "SecondaryIdType). Registries and tools such as ctrdata link a trial's records across "
    "registries by these ids, and only an id in its exact form matches.",
    fails=(_MODULE + "    orgStudyIdInfo: {id: X-1}\n" + _TITLE +
           "    secondaryIdInfos:\n      - id: EudraCT 2012-003157-29\n"
           "        type: EUDRACT_NUMBER\n",),
    passes=(_MODULE + "    orgStudyIdInfo: {id: X-1}\n" + _TITLE +
            "    secondaryIdInfos:\n      - id: 2012-003157-29\n"
            "        type: EUDRACT_NUMBER\n",),
    fix=FixKind.UNSAFE,
)  # fmt: skip
OWN_NCT_AS_SECONDARY_ID = rule(
    "I002", "own-nct-as-secondary-id", Severity.WARNING,
    "A secondary id that is the study's own NCT number.",
    "A Secondary ID is an identifier 'other than the organization's Unique Protocol "
    "Identification Number or the NCT number' (PRS Protocol Registration Data Element "
    "Definitions): the ids of other registries, funders or ethics committees. Listed again, "
    "the record's own NCT number looks like a link to another record that does not exist "
    "(registry-quality-rules.md, rule 43).",
    fails=(_MODULE + "    orgStudyIdInfo: {id: X-1}\n" + _TITLE +
           "    secondaryIdInfos:\n      - id: NCT01234567\n        type: REGISTRY\n",),
    passes=(_MODULE + "    orgStudyIdInfo: {id: X-1}\n" + _TITLE +
            "    secondaryIdInfos:\n      - id: NCT07654321\n        type: REGISTRY\n",),
)  # fmt: skip
ORG_STUDY_ID_IS_NCT = rule(
    "I003", "org-study-id-is-nct-id", Severity.WARNING,
    "The Unique Protocol ID (orgStudyIdInfo.id) is the study's own NCT number.",
    "The Unique Protocol Identification Number is 'any unique identifier assigned to the "
    "protocol by the sponsor' (PRS Protocol Registration Data Element Definitions), not the "
    "number ClinicalTrials.gov assigns; with the NCT number there, the sponsor's own "
    "identifier is lost to readers. Seed NCT04711200 lists its NCT number as its Unique "
    "Protocol Identification Number. None of the 837 real records does.",
    fails=(_MODULE + "    orgStudyIdInfo: {id: NCT01234567}\n" + _TITLE,),
    passes=(_MODULE + "    orgStudyIdInfo: {id: TRIALINT-001}\n" + _TITLE,),
)  # fmt: skip
PROTOCOL_ID_IS_THE_ORGANIZATION = rule(
    "I007", "protocol-id-is-the-organization", Severity.WARNING,
    "A Unique Protocol ID that is only the organization's name or an abbreviation of it "
    "('Marmara University', 'CaiUni' for Cairo University, 'TOGU' for Tokat Gaziosmanpasa "
    "University).",
    "The Unique Protocol Identification Number is 'any unique identifier assigned to the "
    "protocol by the sponsor' (PRS Protocol Registration Data Element Definitions): it tells "
    "this study from the organization's others, and the registry rejects a second record "
    "with the same one. The organization's own name, or letters taken from its words, "
    "identifies the organization, not the protocol, so the record's link to the sponsor's "
    "files is lost. Read: an id with no digit whose letters are the starts of the "
    "organization's words in order (small words such as 'of' may be skipped), at least "
    "three letters. Corpus: 11, all read, all real (the name written out, or shortened "
    "'UMemphis', 'NagoyaCU', 'HSanJose'); curators of the tuning samples marked 3 of 4.",
    fails=(_MODULE + "    orgStudyIdInfo: {id: ExUniHosp}\n"
           "    organization: {fullName: Example University Hospital, class: OTHER}\n" + _TITLE,),
    passes=(_MODULE + "    orgStudyIdInfo: {id: EUH-KNEE-2024}\n"
            "    organization: {fullName: Example University Hospital, class: OTHER}\n"
            + _TITLE,),
)  # fmt: skip

EU_NUMBER_ONLY_AS_PROTOCOL_ID = rule(
    "I005", "eu-number-only-as-protocol-id", Severity.INFO,
    "A Unique Protocol ID that is a EudraCT or EU CT number which no secondary id gives.",
    "Registries link the records of one trial by their secondary ids (WHO Trial Registration "
    "Data Set, item 3: the identifiers other registries assigned), and ClinicalTrials.gov "
    "has a secondary id type for each EU number (EudraCT Number, CTIS), which its search and "
    "the EU register's cross-links read; the Unique Protocol ID is the sponsor's own free "
    "text, read by neither. A trial that wrote its EU number only there is not linked. Recall "
    "tuning samples: 1 of the 1 such records marked by its curator. Corpus: 7 records, 4 "
    "with a EudraCT number and 3 with an EU CT number as their only EU id, all read.",
    fails=(_MODULE + "    orgStudyIdInfo: {id: 2019-001260-29}\n" + _TITLE,),
    passes=(_MODULE + "    orgStudyIdInfo: {id: 2019-001260-29}\n"
            "    secondaryIdInfos:\n      - {id: 2019-001260-29, type: EUDRACT_NUMBER}\n"
            + _TITLE,),
)  # fmt: skip
SECONDARY_ID_REPEATS_PROTOCOL_ID = rule(
    "I006", "secondary-id-repeats-protocol-id", Severity.INFO,
    "A secondary id of type OTHER (or of no type) that is the Unique Protocol ID again.",
    "A secondary id is an identifier other than the Unique Protocol ID (PRS definitions, "
    "Secondary IDs); one typed as a grant (NIH) or a registry's number (CTRP's NCI number) "
    "links the record even when it repeats it, and so does one another organization gave "
    "('CTEP'), but one of type OTHER from no organization, or from the study's own, says "
    "nothing the protocol ID does not. Recall tuning samples: 1 of the 1 such records "
    "marked by its curator. Corpus: 3 records, each a cancer centre's own number written "
    "twice.",
    fails=(_MODULE + "    orgStudyIdInfo: {id: 2021-0037}\n"
           "    organization: {fullName: Example University, class: OTHER}\n"
           "    secondaryIdInfos:\n      - {id: 2021-0037, type: OTHER, domain: Example "
           "University}\n" + _TITLE,),
    passes=(_MODULE + "    orgStudyIdInfo: {id: 2021-0037}\n"
            "    secondaryIdInfos:\n      - {id: NCI-2021-01234, type: REGISTRY, domain: "
            "CTRP (Clinical Trial Reporting Program)}\n" + _TITLE,),
)  # fmt: skip

_EUDRACT = re.compile(r"\d{4}-\d{6}-\d{2}")
_EU_CT = re.compile(r"\d{4}-\d{6}-\d{2}-\d{2}")
_NCT = NCT_ID
_DASH = r"\s*[-\u2010\u2011\u2012\u2013\u2014/ ]\s*"
# The number inside a longer text ("EudraCT No: 2012-003157-29", "2012 003157 29").
_EUDRACT_INSIDE = lazy_pattern(
    rf"(?<!\d)(\d{{4}}){_DASH}(\d{{6}}){_DASH}(\d{{2}})(?:{_DASH}(\d{{2}}))?(?![\d-])"
)
# An id that is an NCT number, however written: "nct01234567", "NCT 0123 4567", "NCT-0123456",
# "ClinicalTrials.gov: NCT01234567". Not "SNCTP000001674" (the Swiss portal's numbers).
_NCT_LIKE = lazy_pattern(
    r"\s*(?:clinicaltrials\.gov\s*(?:id|identifier|number|no\.?)?\s*[:#]?\s*)?"
    r"nct[\s:#_.-]*(\d[\d\s-]*\d|\d)\s*",
    re.IGNORECASE,
)


def nct_digits(text: str) -> str | None:
    """The digits of an id that is an NCT number in any spelling, or None."""
    if "nct" not in text.lower():  # most ids: no need to run the pattern
        return None
    match = _NCT_LIKE().fullmatch(text)
    return re.sub(r"\D", "", match.group(1)) if match else None


@per_record
def _own_digits(record: Record) -> str | None:
    """The 8 digits of the study's nctId, or None when it is missing or malformed; read once
    per record for both checks."""
    nct_id = record.nct_id
    return nct_id[3:] if nct_id and _NCT.fullmatch(nct_id) else None


def _eu_ct(value: str) -> bool:
    """EU CT numbers (from CTIS, since 2022) have a sequence from 500000; EudraCT's never
    came near it."""
    return value[5] == "5" and value[:4] >= "2022"


def secondary_id_problem(value: str, kind: str | None) -> tuple[str, str | None] | None:
    """What is wrong with a secondary id of type ``kind``: (message tail, the id in its form
    when that is certain), or None."""
    text = value.strip()
    digits = nct_digits(text)
    if kind == "EUDRACT_NUMBER":
        if _EUDRACT.fullmatch(text):
            if _eu_ct(text):
                return (f"is an EU CT number from CTIS (its sequence starts with 5), not a "
                        f"EudraCT number: give it type CTIS, in full (usually '{text}-00')",
                        None)  # fmt: skip
            return None
        if _EU_CT.fullmatch(text):
            return "is an EU CT number (YYYY-NNNNNN-NN-NN), not a EudraCT number: type CTIS", None
        if digits is not None:
            return "is an NCT number, not a EudraCT number: type REGISTRY", None
        inside = _EUDRACT_INSIDE().search(text)
        if inside and inside.group(4) is None:
            number = "-".join(inside.groups()[:3])
            if _eu_ct(number):
                return (f"holds the EU CT number {number}, not a EudraCT number: give it type "
                        f"CTIS, in full (usually '{number}-00')", None)  # fmt: skip
            return f"is not written as a EudraCT number (YYYY-NNNNNN-NN): {quoted(number)}", number
        return "does not have the form of a EudraCT number, YYYY-NNNNNN-NN", None
    if kind == "CTIS":
        if _EU_CT.fullmatch(text):
            return None
        if _EUDRACT.fullmatch(text):
            if _eu_ct(text):
                return ("lacks the last part of an EU CT number, YYYY-NNNNNN-NN-NN (usually "
                        f"'{text}-00')", None)  # fmt: skip
            return "is a EudraCT number, not an EU CT number: type EUDRACT_NUMBER", None
        if digits is not None:
            return "is an NCT number, not an EU CT number: type REGISTRY", None
        inside = _EUDRACT_INSIDE().search(text)
        if inside and inside.group(4) is not None:
            number = "-".join(inside.groups())
            return (
                f"is not written as an EU CT number (YYYY-NNNNNN-NN-NN): {quoted(number)}",
                number,
            )
        return "does not have the form of an EU CT number, YYYY-NNNNNN-NN-NN", None
    if digits is not None and not _NCT.fullmatch(text):
        if len(digits) == 8:
            return f"is an NCT number out of form: 'NCT{digits}'", f"NCT{digits}"
        return f"looks like an NCT number, but has {len(digits)} digits, not 8", None
    return None


@check(SECONDARY_ID_FORMAT, OWN_NCT_AS_SECONDARY_ID)
def secondary_ids(record: Record, context: Context) -> Iterator[Hit]:
    """I001 and I002: each secondary id against its type, and against the study's own NCT
    number (reported once, as I002, however it is written)."""
    infos = record.identification.get("secondaryIdInfos")
    if not infos:  # most records: nothing to read the study's own NCT number for
        return
    own = _own_digits(record)
    for index, info in dicts(infos):
        value = as_str(info.get("id"))
        if not value or not value.strip():
            continue
        path = (*SECONDARY_IDS, index, "id")
        if own is not None and nct_digits(value) == own:
            yield Hit(OWN_NCT_AS_SECONDARY_ID,
                      f"secondary id {quoted(value)} is this study's own NCT number; secondary ids "
                      "are the study's other identifiers", path)  # fmt: skip
            continue
        kind = as_str(info.get("type"))
        problem = secondary_id_problem(value, kind)
        if problem:
            tail, corrected = problem
            label = f" ({kind})" if kind else ""
            fix = Fix(value, corrected) if corrected and corrected != value else None
            yield Hit(SECONDARY_ID_FORMAT, f"secondary id {quoted(value)}{label} {tail}", path,
                      fix=fix)  # fmt: skip


@check(ORG_STUDY_ID_IS_NCT, PROTOCOL_ID_IS_THE_ORGANIZATION)
def org_study_id(record: Record, context: Context) -> Iterator[Hit]:
    """I003: the Unique Protocol ID is the NCT number, compared by its digits (or as written
    when the record's own nctId is malformed, which the schema reports). I007: it is the
    organization's name, whole or shortened."""
    value = as_str(as_dict(record.identification.get("orgStudyIdInfo")).get("id"))
    if value and not _DIGIT.search(value):
        organization = as_str(as_dict(record.identification.get("organization")).get(
            "fullName"))  # fmt: skip
        if organization and _taken_from(value, organization):
            yield Hit(PROTOCOL_ID_IS_THE_ORGANIZATION,
                      f"orgStudyIdInfo.id {quoted(value)} is only the organization's name "
                      f"({quoted(organization)}), or letters of it: it identifies the sponsor, "
                      "not this study; give the sponsor's own protocol number or code",
                      ORG_STUDY_ID,
                      related=((*IDENTIFICATION, "organization", "fullName"),))  # fmt: skip
    nct_id = record.nct_id
    if not value or not nct_id:
        return
    own = _own_digits(record)
    same = nct_digits(value) == own if own else value.strip().upper() == nct_id.strip().upper()
    if same:
        yield Hit(ORG_STUDY_ID_IS_NCT,
                  f"orgStudyIdInfo.id {quoted(value)} is the study's NCT number; the Unique "
                  "Protocol "
                  "ID is the sponsor's own identifier for the study", ORG_STUDY_ID)  # fmt: skip


_DIGIT = re.compile(r"\d")
# Words an abbreviation of a name may leave out ('UMemphis', University of Memphis).
_SKIPPABLE = frozenset({"of", "the", "and", "for", "at", "in", "de", "la", "di", "del", "du"})
_SHORTEST_TAKEN = 3  # letters: 'UC' may be anything


def _taken_from(value: str, name: str) -> bool:
    """Whether the letters of ``value`` are the starts of ``name``'s words, in order, each
    word giving one letter or more and small words maybe none: 'CaiUni' from 'Cairo
    University', 'TOGU' from 'Tokat Gaziosmanpasa University'. Compared as places are
    (case, accents and punctuation set aside)."""
    letters = place_key(value).replace(" ", "")
    words = place_key(name).split()
    if len(letters) < _SHORTEST_TAKEN:
        return False

    @cache  # this call's own: the positions of both, so linear in their product
    def spelled(at: int, word: int) -> bool:
        if at == len(letters):
            return True
        if word == len(words):
            return False
        if words[word] in _SKIPPABLE and spelled(at, word + 1):
            return True
        taken = 0
        whole = words[word]
        while at + taken < len(letters) and taken < len(whole):
            if letters[at + taken] != whole[taken]:
                break
            taken += 1
            if spelled(at + taken, word + 1):
                return True
        return False

    return spelled(0, 0)


_EU_TYPES = {"EUDRACT_NUMBER": "EudraCT", "CTIS": "EU CT"}


@check(EU_NUMBER_ONLY_AS_PROTOCOL_ID, SECONDARY_ID_REPEATS_PROTOCOL_ID)
def protocol_id_among_secondary_ids(record: Record, context: Context) -> Iterator[Hit]:
    """I005 and I006: the Unique Protocol ID against the secondary ids, compared without
    case or surrounding blanks."""
    value = as_str(as_dict(record.identification.get("orgStudyIdInfo")).get("id"))
    if not value or not value.strip():
        return
    own = value.strip().upper()
    infos = dicts(record.identification.get("secondaryIdInfos"))
    given = {(as_str(info.get("id")) or "").strip().upper() for _, info in infos}
    # names compared as places are ('M.D. Anderson Cancer Center', 'M D Anderson Cancer Center')
    organization = place_key(as_str(as_dict(record.identification.get("organization")).get(
        "fullName")) or "")  # fmt: skip
    for index, info in infos:
        kind = as_str(info.get("type"))
        written = as_str(info.get("id"))
        domain = place_key(as_str(info.get("domain")) or "")
        if (
            written
            and written.strip().upper() == own
            and kind in (None, "OTHER")
            and domain in ("", organization)
        ):
            yield Hit(SECONDARY_ID_REPEATS_PROTOCOL_ID,
                      f"secondary id {quoted(written)} is the Unique Protocol ID again; list "
                      "only the study's other identifiers (a grant, another registry's number)",
                      (*SECONDARY_IDS, index, "id"), related=(ORG_STUDY_ID,))  # fmt: skip
    kind = "CTIS" if _EU_CT.fullmatch(own) else None
    if kind is None and _EUDRACT.fullmatch(own):
        kind = "EUDRACT_NUMBER"
    if kind is None or own in given:
        return
    yield Hit(EU_NUMBER_ONLY_AS_PROTOCOL_ID,
              f"orgStudyIdInfo.id {quoted(value)} is an {_EU_TYPES[kind]} number that no "
              f"secondary id gives: list it as a secondary id of type {kind}, which links the "
              "record to the EU's register", ORG_STUDY_ID)  # fmt: skip
