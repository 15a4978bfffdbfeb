"""Map a legacy ``<clinical_study>`` XML record (the registry's former bulk download,
AllPublicXML) onto the API v2 study shape.

Display strings become the API's codes (``Phase 1/Phase 2`` -> ``[PHASE1, PHASE2]``,
``Anticipated`` -> ``ESTIMATED``, ``Double Blind (Subject, Investigator)`` -> ``DOUBLE`` with
``[PARTICIPANT, INVESTIGATOR]``), dates become ISO partial dates (``January 2014`` -> ``2014-01``)
and textblocks lose the XML's indentation. Vocabularies: ../shared/reference/
ctgov-xml-legacy-values.md and ctgov-data-model.md.

Nothing is dropped silently: every element the mapping does not read is listed in
:attr:`Imported.unmapped` (by path, such as ``clinical_results`` or ``primary_outcome/
safety_issue``), except the download's own metadata, which is no part of the study:
``required_header`` (download date, link text, URL) and the root's ``rank`` attribute (the
position in a search result).
"""

from __future__ import annotations

import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

from trialint.ctgov.imported import Imported, ImportProblem
from trialint.registry import INTERVENTION_TYPE_DISPLAY, MASKING_LEVELS

# Pure download metadata: about the file, not the study.
DOWNLOAD_METADATA = frozenset({"required_header"})
_IGNORED_ATTRIBUTES = {"clinical_study": {"rank"}}


class _Unmappable(ValueError):
    """A value the mapping has no API v2 code for."""


_Code = TypeVar("_Code")  # what a table maps the XML's display strings to: a code, a boolean


def _code(table: dict[str, _Code], what: str) -> Callable[[str], _Code]:
    lowered = {key.lower(): value for key, value in table.items()}

    def convert(text: str) -> _Code:
        try:
            return lowered[text.strip().lower()]
        except KeyError:
            raise _Unmappable(f"{what} {text!r}") from None

    return convert


STATUS = {
    "Active, not recruiting": "ACTIVE_NOT_RECRUITING",
    "Completed": "COMPLETED",
    "Enrolling by invitation": "ENROLLING_BY_INVITATION",
    "Not yet recruiting": "NOT_YET_RECRUITING",
    "Recruiting": "RECRUITING",
    "Suspended": "SUSPENDED",
    "Terminated": "TERMINATED",
    "Withdrawn": "WITHDRAWN",
    "Available": "AVAILABLE",
    "No longer available": "NO_LONGER_AVAILABLE",
    "Temporarily not available": "TEMPORARILY_NOT_AVAILABLE",
    "Approved for marketing": "APPROVED_FOR_MARKETING",
    "Withheld": "WITHHELD",
    "Unknown status": "UNKNOWN",
}
_status = _code(STATUS, "status")
DATE_TYPE = {"Actual": "ACTUAL", "Anticipated": "ESTIMATED", "Estimate": "ESTIMATED",
             "Estimated": "ESTIMATED"}  # fmt: skip
_date_type = _code(DATE_TYPE, "date type")
STUDY_TYPE = {
    "Interventional": "INTERVENTIONAL",
    "Observational": "OBSERVATIONAL",
    "Observational [Patient Registry]": "OBSERVATIONAL",
    "Expanded Access": "EXPANDED_ACCESS",
}
_study_type = _code(STUDY_TYPE, "study type")
PHASE = {
    "N/A": "NA",
    "Early Phase 1": "EARLY_PHASE1",
    "Phase 0": "EARLY_PHASE1",
    "Phase 1": "PHASE1",
    "Phase 2": "PHASE2",
    "Phase 3": "PHASE3",
    "Phase 4": "PHASE4",
}
_phase = _code(PHASE, "phase")
AGENCY_CLASS = {
    "NIH": "NIH",
    "U.S. Fed": "FED",
    "Other U.S. Federal agency": "FED",
    "Industry": "INDUSTRY",
    "Other": "OTHER",
    "Individual": "INDIV",
    "Network": "NETWORK",
    "Ambiguous": "AMBIG",
    "Unknown": "UNKNOWN",
    "Other Government": "OTHER_GOV",
}
_agency_class = _code(AGENCY_CLASS, "agency class")
RESPONSIBLE_PARTY = {
    "Sponsor": "SPONSOR",
    "Principal Investigator": "PRINCIPAL_INVESTIGATOR",
    "Sponsor-Investigator": "SPONSOR_INVESTIGATOR",
}
_responsible_party = _code(RESPONSIBLE_PARTY, "responsible party type")
ALLOCATION = {"Randomized": "RANDOMIZED", "Non-Randomized": "NON_RANDOMIZED", "N/A": "NA"}
_allocation = _code(ALLOCATION, "allocation")
INTERVENTION_MODEL = {
    "Single Group Assignment": "SINGLE_GROUP",
    "Parallel Assignment": "PARALLEL",
    "Crossover Assignment": "CROSSOVER",
    "Factorial Assignment": "FACTORIAL",
    "Sequential Assignment": "SEQUENTIAL",
}
_intervention_model = _code(INTERVENTION_MODEL, "intervention model")
PRIMARY_PURPOSE = {
    "Treatment": "TREATMENT",
    "Prevention": "PREVENTION",
    "Diagnostic": "DIAGNOSTIC",
    "Supportive Care": "SUPPORTIVE_CARE",
    "Screening": "SCREENING",
    "Health Services Research": "HEALTH_SERVICES_RESEARCH",
    "Basic Science": "BASIC_SCIENCE",
    "Device Feasibility": "DEVICE_FEASIBILITY",
    "Educational/Counseling/Training": "ECT",
    "Other": "OTHER",
}
_primary_purpose = _code(PRIMARY_PURPOSE, "primary purpose")
OBSERVATIONAL_MODEL = {
    "Cohort": "COHORT",
    "Case-Control": "CASE_CONTROL",
    "Case Control": "CASE_CONTROL",
    "Case-Only": "CASE_ONLY",
    "Case-Crossover": "CASE_CROSSOVER",
    "Ecologic or Community": "ECOLOGIC_OR_COMMUNITY",
    "Ecologic or Community Studies": "ECOLOGIC_OR_COMMUNITY",
    "Family-Based": "FAMILY_BASED",
    "Defined Population": "DEFINED_POPULATION",
    "Natural History": "NATURAL_HISTORY",
    "Other": "OTHER",
}
_observational_model = _code(OBSERVATIONAL_MODEL, "observational model")
TIME_PERSPECTIVE = {
    "Retrospective": "RETROSPECTIVE",
    "Prospective": "PROSPECTIVE",
    "Cross-Sectional": "CROSS_SECTIONAL",
    "Other": "OTHER",
}
_time_perspective = _code(TIME_PERSPECTIVE, "time perspective")
SAMPLING = {"Probability Sample": "PROBABILITY_SAMPLE",
            "Non-Probability Sample": "NON_PROBABILITY_SAMPLE"}  # fmt: skip
_sampling = _code(SAMPLING, "sampling method")
RETENTION = {
    "None Retained": "NONE_RETAINED",
    "Samples With DNA": "SAMPLES_WITH_DNA",
    "Samples Without DNA": "SAMPLES_WITHOUT_DNA",
}
_retention = _code(RETENTION, "biospecimen retention")
ARM_TYPE = {
    "Experimental": "EXPERIMENTAL",
    "Active Comparator": "ACTIVE_COMPARATOR",
    "Placebo Comparator": "PLACEBO_COMPARATOR",
    "Sham Comparator": "SHAM_COMPARATOR",
    "No Intervention": "NO_INTERVENTION",
    "Other": "OTHER",
}
_arm_type = _code(ARM_TYPE, "arm type")
# The XML writes intervention types as people read them (the API's display names), and
# procedures once as "Procedure/Surgery".
INTERVENTION_TYPE = {display: kind for kind, display in INTERVENTION_TYPE_DISPLAY.items()} | {
    "Procedure/Surgery": "PROCEDURE"
}
_intervention_type = _code(INTERVENTION_TYPE, "intervention type")
SEX = {"All": "ALL", "Both": "ALL", "Female": "FEMALE", "Male": "MALE"}
_sex = _code(SEX, "gender")
OFFICIAL_ROLE = {
    "Principal Investigator": "PRINCIPAL_INVESTIGATOR",
    "Study Director": "STUDY_DIRECTOR",
    "Study Chair": "STUDY_CHAIR",
    "Sub-Investigator": "SUB_INVESTIGATOR",
    "Sub Investigator": "SUB_INVESTIGATOR",
}
_official_role = _code(OFFICIAL_ROLE, "role")
LOCATION_STATUS = {
    key: value for key, value in STATUS.items() if value not in {
        "NO_LONGER_AVAILABLE", "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING",
        "WITHHELD", "UNKNOWN"}
}  # fmt: skip
_location_status = _code(LOCATION_STATUS, "recruitment status")
IPD_SHARING = {"Yes": "YES", "No": "NO", "Undecided": "UNDECIDED"}
_ipd_sharing = _code(IPD_SHARING, "IPD sharing")
IPD_INFO = {
    "Study Protocol": "STUDY_PROTOCOL",
    "Statistical Analysis Plan (SAP)": "SAP",
    "Informed Consent Form (ICF)": "ICF",
    "Clinical Study Report (CSR)": "CSR",
    "Analytic Code": "ANALYTIC_CODE",
}
_ipd_info = _code(IPD_INFO, "IPD information type")
# Yes/No flags; a few exports (AACT's) write true/false.
YES_NO = {"Yes": True, "No": False, "true": True, "false": False,
          "Accepts Healthy Volunteers": True}  # fmt: skip

# Masking: who is masked, in both vocabularies (before 2017: Subject, Caregiver).
WHO_MASKED = {
    "participant": "PARTICIPANT",
    "subject": "PARTICIPANT",
    "care provider": "CARE_PROVIDER",
    "caregiver": "CARE_PROVIDER",
    "investigator": "INVESTIGATOR",
    "outcomes assessor": "OUTCOMES_ASSESSOR",
}
MASKING_LEVEL = {level.lower(): level for level, roles in MASKING_LEVELS.items() if roles}
_NO_MASKING = {"none (open label)", "open label", "no masking", "none"}
_LEVEL_BY_COUNT = {count: level for level, count in MASKING_LEVELS.items() if count}

_MONTH_YEAR = "%B %Y"
_MONTH_DAY_YEAR = "%B %d, %Y"
_ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_AGE = re.compile(r"^(\d+) (Year|Month|Week|Day|Hour|Minute)s?$", re.IGNORECASE)
# The pre-2009 single-line design: "Allocation: Randomized, Masking: Double Blind (Subject,
# Investigator), Primary Purpose: Treatment".
_DESIGN_KEYS = (
    "Allocation", "Endpoint Classification", "Intervention Model", "Masking",
    "Primary Purpose", "Observational Model", "Time Perspective",
)  # fmt: skip
_DESIGN_PART = re.compile(r"(?:^|,\s*)(" + "|".join(map(re.escape, _DESIGN_KEYS)) + r"):\s*")


def partial_date(text: str) -> str:
    """``January 2014`` -> ``2014-01``; ``January 15, 2014`` -> ``2014-01-15``."""
    text = " ".join(text.split())
    if _ISO_PARTIAL.match(text):
        return text
    for form, width in ((_MONTH_DAY_YEAR, 10), (_MONTH_YEAR, 7)):
        try:
            return datetime.strptime(text, form).date().isoformat()[:width]
        except ValueError:
            continue
    raise _Unmappable(f"date {text!r}")


def full_date(text: str) -> str:
    value = partial_date(text)
    if len(value) != 10:
        raise _Unmappable(f"date {text!r} (a full date is needed)")
    return value


def textblock(text: str) -> str:
    """A textblock as the registry serves it: the XML's indentation and the blank lines around
    the text removed, trailing blanks of each line dropped."""
    lines = [line.rstrip() for line in text.expandtabs(8).split("\n")]
    return textwrap.dedent("\n".join(lines)).strip("\n")


def prose(text: str) -> str:
    """Text whose first line follows the opening tag and whose next lines are indented as the
    XML is: every line's trailing blanks and the continuation lines' common indentation go."""
    first, _, rest = text.strip("\n").partition("\n")
    if not rest.strip():
        return first.strip()
    lines = [line.rstrip() for line in rest.expandtabs(8).split("\n")]
    return (first.strip() + "\n" + textwrap.dedent("\n".join(lines))).strip()


def masking(text: str) -> dict[str, Any]:
    """``Double (Participant, Investigator)``, ``Double Blind (Subject, Caregiver)``,
    ``None (Open Label)``, ``Participant, Outcomes Assessor`` -> a maskingInfo. Without a level,
    or in the pre-2017 "... Blind" wording, the level is the number of roles masked."""
    value = " ".join(text.split())
    if value.lower() in _NO_MASKING:
        return {"masking": "NONE"}
    match = re.match(r"^([A-Za-z]+)(?: Blind)?\s*(?:\((.*)\))?$", value)
    level = None
    roles_text = value
    if match and match.group(1).lower() in MASKING_LEVEL:
        level = MASKING_LEVEL[match.group(1).lower()]
        roles_text = match.group(2) or ""
    roles = []
    for part in filter(None, (p.strip() for p in roles_text.split(","))):
        role = WHO_MASKED.get(part.lower())
        if role is None:
            raise _Unmappable(f"masking {text!r}")
        if role not in roles:
            roles.append(role)
    if roles and (level is None or " blind" in value.lower()):
        # Before 2017 "Double Blind" named the design, not how many were masked; in 2017 the
        # registry re-expressed such records by the roles masked: "Double Blind (Subject,
        # Caregiver, Investigator, Outcomes Assessor)" became "Quadruple (Participant, Care
        # Provider, Investigator, Outcomes Assessor)" (NCT02586688's versions show it).
        level = _LEVEL_BY_COUNT[len(roles)]
    if level is None:
        raise _Unmappable(f"masking {text!r}")
    info: dict[str, Any] = {"masking": level}
    if roles:
        info["whoMasked"] = roles
    return info


class _Reader:
    """Reads elements, remembering which were read, so the rest can be reported."""

    def __init__(self, root: ET.Element) -> None:
        self.root = root
        self.used: set[int] = set()
        self.notes: list[str] = []  # values that could not be mapped

    def all(self, parent: ET.Element, tag: str) -> list[ET.Element]:
        found = parent.findall(tag)
        self.used.update(map(id, found))
        return found

    def one(self, parent: ET.Element, tag: str) -> ET.Element | None:
        found = self.all(parent, tag)
        return found[0] if found else None

    def text(self, parent: ET.Element, tag: str) -> str | None:
        element = self.one(parent, tag)
        if element is None:
            return None
        text = " ".join("".join(element.itertext()).split())
        return text or None

    def texts(self, parent: ET.Element, tag: str) -> list[str]:
        values = []
        for element in self.all(parent, tag):
            text = " ".join("".join(element.itertext()).split())
            if text:
                values.append(text)
        return values

    def prose(self, parent: ET.Element, tag: str) -> str | None:
        """Free text that may hold line breaks (descriptions): its lines kept, their XML
        indentation removed."""
        element = self.one(parent, tag)
        if element is None:
            return None
        return prose("".join(element.itertext())) or None

    def block(self, parent: ET.Element, tag: str) -> str | None:
        element = self.one(parent, tag)
        if element is None:
            return None
        inner = self.one(element, "textblock")
        text = textblock("".join((inner if inner is not None else element).itertext()))
        return text or None

    def coded(self, parent: ET.Element, tag: str, convert: Callable[[str], Any]) -> Any:
        """The element's text through ``convert``; a value with no code is left unmapped."""
        element = self.one(parent, tag)
        text = self.text(parent, tag)
        if element is None or text is None:
            return None
        try:
            return convert(text)
        except _Unmappable as problem:
            self.notes.append(f"{self.path_of(element)} ({problem})")
            return None

    def path_of(self, element: ET.Element) -> str:
        for path, candidate in _walk(self.root, ""):
            if candidate is element:
                return path
        return element.tag

    def unmapped(self) -> list[str]:
        """Paths of the elements nobody read (an unread element's children are not listed)."""
        seen: dict[str, None] = {}
        for path, _element in _walk(self.root, "", skip=self.used):
            if path.split("/", 1)[0] in DOWNLOAD_METADATA:
                continue
            seen.setdefault(path, None)
        for note in self.notes:
            seen.setdefault(note, None)
        return list(seen)


def _walk(
    element: ET.Element, prefix: str, skip: set[int] | None = None
) -> Iterator[tuple[str, ET.Element]]:
    """Every descendant with its path; with ``skip``, only the unread ones (not their insides),
    and the attributes of read ones that nobody reads."""
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            continue
        path = f"{prefix}{child.tag}"
        if skip is None:
            yield path, child
            yield from _walk(child, path + "/", skip)
        elif id(child) not in skip:
            yield path, child
        else:
            for attribute in child.attrib:
                if attribute != "type":
                    yield f"{path}@{attribute}", child
            yield from _walk(child, path + "/", skip)


def convert_xml(data: bytes, origin: str) -> Iterator[Imported | ImportProblem]:
    """The studies of a legacy XML file: one ``<clinical_study>``, or a wrapper of them."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        line, column = error.position
        yield ImportProblem(origin, f"not well-formed XML (line {line}, column {column + 1})")
        return
    studies = [root] if root.tag == "clinical_study" else root.findall("clinical_study")
    if not studies:
        yield ImportProblem(origin, f"not a <clinical_study> record (root <{root.tag}>)")
        return
    for index, element in enumerate(studies):
        where = origin if element is root else f"{origin}[{index}]"
        reader = _Reader(element)
        study = _study(reader, element)
        imported = Imported(study, where, reader.unmapped(), legacy=True)
        extra = sorted(set(element.attrib) - _IGNORED_ATTRIBUTES["clinical_study"])
        imported.unmapped[:0] = [f"@{name}" for name in extra]
        if imported.nct_id is None:
            yield ImportProblem(where, "the record has no id_info/nct_id")
            continue
        yield imported


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` unless ``value`` is empty (None, "", [], {})."""
    if value is None or value == "" or value == [] or value == {}:
        return
    target[key] = value


def _study(r: _Reader, root: ET.Element) -> dict[str, Any]:
    protocol: dict[str, Any] = {}
    _put(protocol, "identificationModule", _identification(r, root))
    _put(protocol, "statusModule", _status_module(r, root))
    _put(protocol, "sponsorCollaboratorsModule", _sponsors(r, root))
    _put(protocol, "oversightModule", _oversight(r, root))
    description: dict[str, Any] = {}
    _put(description, "briefSummary", r.block(root, "brief_summary"))
    _put(description, "detailedDescription", r.block(root, "detailed_description"))
    _put(protocol, "descriptionModule", description)
    conditions: dict[str, Any] = {}
    _put(conditions, "conditions", r.texts(root, "condition"))
    _put(conditions, "keywords", r.texts(root, "keyword"))
    _put(protocol, "conditionsModule", conditions)
    _put(protocol, "designModule", _design(r, root))
    _put(protocol, "armsInterventionsModule", _arms(r, root))
    _put(protocol, "outcomesModule", _outcomes(r, root))
    _put(protocol, "eligibilityModule", _eligibility(r, root))
    _put(protocol, "contactsLocationsModule", _contacts(r, root))
    _put(protocol, "referencesModule", _references(r, root))
    _put(protocol, "ipdSharingStatementModule", _ipd(r, root))
    study: dict[str, Any] = {"protocolSection": protocol}
    derived: dict[str, Any] = {}
    for tag, key in (("condition_browse", "conditionBrowseModule"),
                     ("intervention_browse", "interventionBrowseModule")):  # fmt: skip
        browse = r.one(root, tag)
        if browse is not None:
            _put(derived, key, {"meshes": [{"term": t} for t in r.texts(browse, "mesh_term")]})
    _put(study, "derivedSection", derived)
    return study


def _identification(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    ids = r.one(root, "id_info")
    if ids is not None:
        _put(module, "nctId", r.text(ids, "nct_id"))
        _put(module, "nctIdAliases", r.texts(ids, "nct_alias"))
        org_id = r.text(ids, "org_study_id")
        if org_id:
            module["orgStudyIdInfo"] = {"id": org_id}
        _put(module, "secondaryIdInfos", [{"id": s} for s in r.texts(ids, "secondary_id")])
    _put(module, "briefTitle", r.text(root, "brief_title"))
    _put(module, "officialTitle", r.text(root, "official_title"))
    _put(module, "acronym", r.text(root, "acronym"))
    # <source>: the organisation that submitted the record, API v2's organization.
    source = r.text(root, "source")
    if source:
        module["organization"] = {"fullName": source}
    return module


def _date_struct(r: _Reader, root: ET.Element, tag: str, *, full: bool) -> dict[str, Any] | None:
    element = r.one(root, tag)
    if element is None:
        return None
    struct = {"date": r.coded(root, tag, full_date if full else partial_date)}
    if struct["date"] is None:
        return None
    kind = element.get("type")
    if kind:
        try:
            struct["type"] = _date_type(kind)
        except _Unmappable as problem:
            r.notes.append(f"{tag}@type ({problem})")
    return struct


def _first(r: _Reader, root: ET.Element, tags: tuple[str, ...]) -> str | None:
    """The first of ``tags`` present, as a full date (the pre-2017 names are read too)."""
    value = None
    for tag in tags:
        found = r.coded(root, tag, full_date)
        value = value or found
    return value


def _status_module(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    verified = r.coded(root, "verification_date", partial_date)
    _put(module, "statusVerifiedDate", verified[:7] if verified else None)  # always yyyy-MM
    _put(module, "overallStatus", r.coded(root, "overall_status", _status))
    _put(module, "lastKnownStatus", r.coded(root, "last_known_status", _status))
    _put(module, "whyStopped", r.prose(root, "why_stopped"))
    expanded = r.coded(root, "has_expanded_access", _code(YES_NO, "yes/no"))
    if expanded is not None:
        module["expandedAccessInfo"] = {"hasExpandedAccess": expanded}
    _put(module, "startDateStruct", _date_struct(r, root, "start_date", full=False))
    _put(module, "primaryCompletionDateStruct",
         _date_struct(r, root, "primary_completion_date", full=False))  # fmt: skip
    _put(module, "completionDateStruct", _date_struct(r, root, "completion_date", full=False))
    _put(module, "studyFirstSubmitDate",
         _first(r, root, ("study_first_submitted", "firstreceived_date")))  # fmt: skip
    _put(module, "studyFirstSubmitQcDate", r.coded(root, "study_first_submitted_qc", full_date))
    _put(module, "studyFirstPostDateStruct",
         _date_struct(r, root, "study_first_posted", full=True))  # fmt: skip
    _put(module, "resultsFirstSubmitDate",
         _first(r, root, ("results_first_submitted", "firstreceived_results_date")))  # fmt: skip
    _put(module, "resultsFirstSubmitQcDate",
         r.coded(root, "results_first_submitted_qc", full_date))  # fmt: skip
    _put(module, "resultsFirstPostDateStruct",
         _date_struct(r, root, "results_first_posted", full=True))  # fmt: skip
    _put(module, "dispFirstSubmitDate",
         _first(r, root, ("disposition_first_submitted",
                          "firstreceived_results_disposition_date")))  # fmt: skip
    _put(module, "dispFirstSubmitQcDate",
         r.coded(root, "disposition_first_submitted_qc", full_date))  # fmt: skip
    _put(module, "dispFirstPostDateStruct",
         _date_struct(r, root, "disposition_first_posted", full=True))  # fmt: skip
    _put(module, "lastUpdateSubmitDate",
         _first(r, root, ("last_update_submitted", "lastchanged_date")))  # fmt: skip
    _put(module, "lastUpdatePostDateStruct",
         _date_struct(r, root, "last_update_posted", full=True))  # fmt: skip
    return module


def _agency(r: _Reader, element: ET.Element) -> dict[str, Any]:
    sponsor: dict[str, Any] = {}
    _put(sponsor, "name", r.text(element, "agency"))
    _put(sponsor, "class", r.coded(element, "agency_class", _agency_class))
    return sponsor


def _sponsors(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    party = r.one(root, "responsible_party")
    if party is not None:
        responsible: dict[str, Any] = {}
        _put(responsible, "type", r.coded(party, "responsible_party_type", _responsible_party))
        _put(responsible, "investigatorFullName", r.text(party, "investigator_full_name"))
        _put(responsible, "investigatorTitle", r.text(party, "investigator_title"))
        _put(responsible, "investigatorAffiliation", r.text(party, "investigator_affiliation"))
        _put(responsible, "oldNameTitle", r.text(party, "name_title"))
        _put(responsible, "oldOrganization", r.text(party, "organization"))
        _put(module, "responsibleParty", responsible)
    sponsors = r.one(root, "sponsors")
    if sponsors is not None:
        lead = r.one(sponsors, "lead_sponsor")
        if lead is not None:
            _put(module, "leadSponsor", _agency(r, lead))
        _put(module, "collaborators", [_agency(r, c) for c in r.all(sponsors, "collaborator")])
    return module


def _oversight(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    info = r.one(root, "oversight_info")
    if info is None:
        return module
    yes_no = _code(YES_NO, "yes/no")
    for tag, key in (
        ("has_dmc", "oversightHasDmc"), ("is_fda_regulated_drug", "isFdaRegulatedDrug"),
        ("is_fda_regulated_device", "isFdaRegulatedDevice"),
        ("is_unapproved_device", "isUnapprovedDevice"), ("is_ppsd", "isPpsd"),
        ("is_us_export", "isUsExport"),
    ):  # fmt: skip
        _put(module, key, r.coded(info, tag, yes_no))
    return module


def _design(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    study_type = r.text(root, "study_type")
    _put(module, "studyType", r.coded(root, "study_type", _study_type))
    expanded = r.one(root, "expanded_access_info")
    if expanded is not None:
        types: dict[str, Any] = {}
        yes_no = _code(YES_NO, "yes/no")
        for kind in ("individual", "intermediate", "treatment"):
            for prefix in ("expanded_access_type_", "exp_acc_type_"):
                _put(types, kind, r.coded(expanded, prefix + kind, yes_no))
        _put(module, "expandedAccessTypes", types)
    if study_type and "patient registry" in study_type.lower():
        module["patientRegistry"] = True
    _put(module, "targetDuration", r.text(root, "target_duration"))
    phases: list[str] = []
    for element in r.all(root, "phase"):
        text = " ".join("".join(element.itertext()).split())
        try:
            parts = [text] if text.upper() == "N/A" else re.split(r"\s*/\s*(?=Phase)", text)
            phases.extend(_phase(part) for part in parts if part.strip())
        except _Unmappable as problem:
            r.notes.append(f"phase ({problem})")
    if phases == ["NA"] and module.get("studyType") != "INTERVENTIONAL":
        # The XML writes "N/A" for every non-interventional study; API v2 gives them no phases.
        phases = []
    _put(module, "phases", phases)
    info: dict[str, Any] = {}
    design = r.one(root, "study_design_info")
    if design is not None:
        _put(info, "allocation", r.coded(design, "allocation", _allocation))
        _put(info, "interventionModel",
             r.coded(design, "intervention_model", _intervention_model))  # fmt: skip
        _put(info, "interventionModelDescription",
             r.prose(design, "intervention_model_description"))  # fmt: skip
        _put(info, "primaryPurpose", r.coded(design, "primary_purpose", _primary_purpose))
        _put(info, "observationalModel",
             r.coded(design, "observational_model", _observational_model))  # fmt: skip
        _put(info, "timePerspective", r.coded(design, "time_perspective", _time_perspective))
        masked = r.coded(design, "masking", masking)
        if masked is not None:
            description = r.prose(design, "masking_description")
            if description:
                masked["maskingDescription"] = description
            info["maskingInfo"] = masked
        else:
            unused = r.one(design, "masking_description")
            if unused is not None:
                r.used.discard(id(unused))  # no masking to describe: reported
    _legacy_design(r, root, info)
    _put(module, "designInfo", info)
    biospec: dict[str, Any] = {}
    _put(biospec, "retention", r.coded(root, "biospec_retention", _retention))
    _put(biospec, "description", r.block(root, "biospec_descr"))
    _put(module, "bioSpec", biospec)
    enrollment = r.one(root, "enrollment")
    count = r.text(root, "enrollment")
    if enrollment is not None and count is not None:
        if count.isdigit():
            info_e: dict[str, Any] = {"count": int(count)}
            if enrollment.get("type"):
                try:
                    info_e["type"] = _date_type(enrollment.get("type", ""))
                except _Unmappable as problem:
                    r.notes.append(f"enrollment@type ({problem})")
            module["enrollmentInfo"] = info_e
        else:
            r.notes.append(f"enrollment (not a whole number: {count!r})")
    return module


def _legacy_design(r: _Reader, root: ET.Element, info: dict[str, Any]) -> None:
    """The pre-2009 one-line ``<study_design>``, read into the same designInfo fields."""
    element = r.one(root, "study_design")
    text = r.text(root, "study_design")
    if element is None or text is None:
        return
    parts = _DESIGN_PART.split(text)
    fields = dict(zip(parts[1::2], (p.strip() for p in parts[2::2]), strict=True))
    if parts[0].strip():
        r.notes.append(f"study_design (unrecognised text {parts[0].strip()!r})")
    readers: dict[str, tuple[str, Callable[[str], Any]]] = {
        "Allocation": ("allocation", _allocation),
        "Intervention Model": ("interventionModel", _intervention_model),
        "Primary Purpose": ("primaryPurpose", _primary_purpose),
        "Observational Model": ("observationalModel", _observational_model),
        "Time Perspective": ("timePerspective", _time_perspective),
        "Masking": ("maskingInfo", masking),
    }
    for name, value in fields.items():
        if name not in readers:
            r.notes.append(f"study_design: {name} (no API v2 field)")
            continue
        key, convert = readers[name]
        try:
            info.setdefault(key, convert(value))
        except _Unmappable as problem:
            r.notes.append(f"study_design: {name} ({problem})")
    # designInfo in the API's order, whichever element it came from
    order = ("allocation", "interventionModel", "interventionModelDescription", "primaryPurpose",
             "observationalModel", "timePerspective", "maskingInfo")  # fmt: skip
    ordered = {key: info[key] for key in order if key in info}
    info.clear()
    info.update(ordered)


def _arms(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    interventions = []
    for element in r.all(root, "intervention"):
        item: dict[str, Any] = {}
        _put(item, "type", r.coded(element, "intervention_type", _intervention_type))
        _put(item, "name", r.text(element, "intervention_name"))
        _put(item, "description", r.prose(element, "description"))
        _put(item, "armGroupLabels", r.texts(element, "arm_group_label"))
        _put(item, "otherNames", r.texts(element, "other_name"))
        interventions.append(item)
    arms = []
    for element in r.all(root, "arm_group"):
        arm: dict[str, Any] = {}
        _put(arm, "label", r.text(element, "arm_group_label"))
        _put(arm, "type", r.coded(element, "arm_group_type", _arm_type))
        _put(arm, "description", r.prose(element, "description"))
        # The registry lists an arm's interventions as "Type: Name" (the XML links them the
        # other way, from each intervention to its arm labels).
        names = [
            f"{_display_type(i)}: {i['name']}"
            for i in interventions
            if "name" in i and arm.get("label") in i.get("armGroupLabels", ())
        ]
        _put(arm, "interventionNames", names)
        arms.append(arm)
    _put(module, "armGroups", arms)
    _put(module, "interventions", interventions)
    return module


def _display_type(intervention: dict[str, Any]) -> str:
    code: str = intervention.get("type", "OTHER")
    if code == "DIAGNOSTIC_TEST":
        return "Diagnostic Test"
    return code.replace("_", " ").title()


def _outcomes(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    for tag, key in (("primary_outcome", "primaryOutcomes"),
                     ("secondary_outcome", "secondaryOutcomes"),
                     ("other_outcome", "otherOutcomes")):  # fmt: skip
        outcomes = []
        for element in r.all(root, tag):
            outcome: dict[str, Any] = {}
            _put(outcome, "measure", r.text(element, "measure"))
            _put(outcome, "description", r.prose(element, "description"))
            _put(outcome, "timeFrame", r.text(element, "time_frame"))
            outcomes.append(outcome)
        _put(module, key, outcomes)
    return module


def _age(text: str) -> str | None:
    if text.upper().startswith("N/A"):
        return None
    match = _AGE.match(text)
    if not match:
        raise _Unmappable(f"age {text!r}")
    number, unit = match.groups()
    unit = unit.capitalize()
    return f"{int(number)} {unit}{'' if int(number) == 1 else 's'}"


def _eligibility(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    element = r.one(root, "eligibility")
    if element is None:
        return module
    _put(module, "eligibilityCriteria", r.block(element, "criteria"))
    _put(module, "healthyVolunteers",
         r.coded(element, "healthy_volunteers", _code(YES_NO, "healthy volunteers")))  # fmt: skip
    _put(module, "sex", r.coded(element, "gender", _sex))
    _put(module, "genderBased",
         r.coded(element, "gender_based", _code(YES_NO, "gender based")))  # fmt: skip
    _put(module, "genderDescription", r.prose(element, "gender_description"))
    for tag, key in (("minimum_age", "minimumAge"), ("maximum_age", "maximumAge")):
        _put(module, key, r.coded(element, tag, _age))
    _put(module, "studyPopulation", r.block(element, "study_pop"))
    _put(module, "samplingMethod", r.coded(element, "sampling_method", _sampling))
    return module


def _person(r: _Reader, element: ET.Element) -> str | None:
    parts = [r.text(element, tag) for tag in ("first_name", "middle_name", "last_name")]
    name = " ".join(p for p in parts if p)
    degrees = r.text(element, "degrees")
    return f"{name}, {degrees}" if name and degrees else name or None


def _contact(r: _Reader, element: ET.Element, role: str | None) -> dict[str, Any]:
    contact: dict[str, Any] = {}
    _put(contact, "name", _person(r, element))
    if role is None:
        _put(contact, "role", r.coded(element, "role", _official_role))
    else:
        contact["role"] = role
    _put(contact, "phone", r.text(element, "phone"))
    _put(contact, "phoneExt", r.text(element, "phone_ext"))
    _put(contact, "email", r.text(element, "email"))
    return contact


def _contacts(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    central = [
        _contact(r, element, "CONTACT")
        for tag in ("overall_contact", "overall_contact_backup")
        for element in r.all(root, tag)
    ]
    _put(module, "centralContacts", central)
    officials = []
    for element in r.all(root, "overall_official"):
        official: dict[str, Any] = {}
        _put(official, "name", _person(r, element))
        _put(official, "affiliation", r.text(element, "affiliation"))
        _put(official, "role", r.coded(element, "role", _official_role))
        officials.append(official)
    _put(module, "overallOfficials", officials)
    locations = []
    for element in r.all(root, "location"):
        location: dict[str, Any] = {}
        facility = r.one(element, "facility")
        address = r.one(facility, "address") if facility is not None else None
        if facility is not None:
            _put(location, "facility", r.text(facility, "name"))
        _put(location, "status", r.coded(element, "status", _location_status))
        if address is not None:
            for tag in ("city", "state", "zip", "country"):
                _put(location, tag, r.text(address, tag))
        contacts = [
            _contact(r, c, "CONTACT")
            for tag in ("contact", "contact_backup")
            for c in r.all(element, tag)
        ]
        contacts += [_contact(r, c, None) for c in r.all(element, "investigator")]
        _put(location, "contacts", contacts)
        locations.append(location)
    _put(module, "locations", locations)
    return module


def _references(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    references = []
    for tag, kind in (("reference", "BACKGROUND"), ("results_reference", "RESULT")):
        for element in r.all(root, tag):
            reference: dict[str, Any] = {}
            _put(reference, "pmid", r.text(element, "PMID"))
            reference["type"] = kind
            _put(reference, "citation", r.text(element, "citation"))
            references.append(reference)
    _put(module, "references", references)
    links = []
    for element in r.all(root, "link"):
        link: dict[str, Any] = {}
        _put(link, "label", r.text(element, "description"))
        _put(link, "url", r.text(element, "url"))
        links.append(link)
    _put(module, "seeAlsoLinks", links)
    docs = r.one(root, "study_docs")
    if docs is not None:
        ipds = []
        for element in r.all(docs, "study_doc"):
            ipd: dict[str, Any] = {}
            for tag, key in (("doc_id", "id"), ("doc_type", "type"), ("doc_url", "url"),
                             ("doc_comment", "comment")):  # fmt: skip
                _put(ipd, key, r.text(element, tag))
            ipds.append(ipd)
        _put(module, "availIpds", ipds)
    return module


def _ipd(r: _Reader, root: ET.Element) -> dict[str, Any]:
    module: dict[str, Any] = {}
    data = r.one(root, "patient_data")
    if data is None:
        return module
    _put(module, "ipdSharing", r.coded(data, "sharing_ipd", _ipd_sharing))
    _put(module, "description", r.prose(data, "ipd_description"))
    kinds = []
    for element in r.all(data, "ipd_info_type"):
        text = " ".join("".join(element.itertext()).split())
        try:
            kinds.append(_ipd_info(text))
        except _Unmappable as problem:
            r.notes.append(f"patient_data/ipd_info_type ({problem})")
    _put(module, "infoTypes", kinds)
    _put(module, "timeFrame", r.text(data, "ipd_time_frame"))
    _put(module, "accessCriteria", r.text(data, "ipd_access_criteria"))
    _put(module, "url", r.text(data, "ipd_url"))
    return module
