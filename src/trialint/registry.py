"""What the registry defines, in one place: its vocabularies (as the API v2 writes them), the
groups of them rules reason with, how an NCT number is written, and where a study gives it.

Rules, import, diff and reports take these from here; ``tests/test_registry.py`` checks every
value named here against the schema generated from the registry's own data model.
"""

from __future__ import annotations

import re
from typing import Any

# --- identifiers ---------------------------------------------------------------------------

NCT_ID = re.compile(r"NCT[0-9]{8}")  # NCT and 8 ASCII digits: every ClinicalTrials.gov study


def nct_id_of(study: Any) -> str | None:
    """The NCT number a study (a mapping in the API v2 shape) gives, or None: the one way
    every command reads it."""
    protocol = study.get("protocolSection") if isinstance(study, dict) else None
    identification = protocol.get("identificationModule") if isinstance(protocol, dict) else None
    nct = identification.get("nctId") if isinstance(identification, dict) else None
    return nct if isinstance(nct, str) else None


# --- dates -------------------------------------------------------------------------------

# The study's dates (each a PartialDateStruct) and how people call them.
STUDY_DATES = {
    "startDateStruct": "start date",
    "primaryCompletionDateStruct": "primary completion date",
    "completionDateStruct": "completion date",
}

# --- text ----------------------------------------------------------------------------------

# The punctuation the registry's Markdown escapes with a backslash in long text ("10\^6"),
# as the body of a regular expression's character class (the backslash itself aside).
MARKDOWN_PUNCTUATION = r"`*_{}\[\]()#+\-.!<>^~|&"

# --- overall status ------------------------------------------------------------------------

OPEN_STATUSES = ("RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING",
                 "ENROLLING_BY_INVITATION")  # fmt: skip
FINISHED_STATUSES = ("COMPLETED", "TERMINATED")
STOPPED_STATUSES = ("SUSPENDED", "TERMINATED", "WITHDRAWN")
# Participants may still join: what a contact is for.
ENROLLING_STATUSES = ("NOT_YET_RECRUITING", "RECRUITING", "ENROLLING_BY_INVITATION")
# Participants are being enrolled now.
RECRUITING_STATUSES = ("RECRUITING", "ENROLLING_BY_INVITATION")
# Participants have joined and the study is not over: its completion is still to come.
ENROLLED_ONGOING_STATUSES = (*RECRUITING_STATUSES, "ACTIVE_NOT_RECRUITING", "SUSPENDED")
# Enrolment has ended (or the study has): the start is past.
ENROLLMENT_ENDED_STATUSES = ("ACTIVE_NOT_RECRUITING", *FINISHED_STATUSES)
# PRS requires a central contact for these (Central Contact Person, PRS definitions).
CENTRAL_CONTACT_STATUSES = ("NOT_YET_RECRUITING", "RECRUITING")
# The statuses of an expanded access record, and of a study that recruits.
EXPANDED_ACCESS_STATUSES = (
    "AVAILABLE", "NO_LONGER_AVAILABLE", "TEMPORARILY_NOT_AVAILABLE", "APPROVED_FOR_MARKETING",
)  # fmt: skip
RECRUITMENT_STATUSES = (*OPEN_STATUSES, "SUSPENDED", "COMPLETED", "TERMINATED", "WITHDRAWN",
                        "UNKNOWN")  # fmt: skip
# The stages a study goes through, in order: a move to a lower one goes backwards.
STATUS_STAGE = {
    "WITHDRAWN": 0, "NOT_YET_RECRUITING": 0, "RECRUITING": 1, "ENROLLING_BY_INVITATION": 1,
    "SUSPENDED": 1, "ACTIVE_NOT_RECRUITING": 2, "COMPLETED": 3, "TERMINATED": 3,
}  # fmt: skip

# --- design --------------------------------------------------------------------------------

# The phase values a study may give, alone or combined, as PRS accepts them (Study Phase, PRS
# definitions), and each phase's number (early phase 1 counts as 0).
PHASE_COMBINATIONS = (
    ("EARLY_PHASE1",), ("PHASE1",), ("PHASE1", "PHASE2"), ("PHASE2",), ("PHASE2", "PHASE3"),
    ("PHASE3",), ("PHASE4",), ("NA",),
)  # fmt: skip
PHASE_NUMBER = {"EARLY_PHASE1": 0, "PHASE1": 1, "PHASE2": 2, "PHASE3": 3, "PHASE4": 4}
# Phases are defined for trials of drugs, biologics included (Study Phase, PRS definitions).
PHASED_PRODUCT_TYPES = frozenset({"DRUG", "BIOLOGICAL"})

# DesignMasking values and how many roles each masks.
MASKING_LEVELS = {"NONE": 0, "SINGLE": 1, "DOUBLE": 2, "TRIPLE": 3, "QUADRUPLE": 4}
MASKED_ROLES = frozenset({"PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR"})
ARM_TYPES = frozenset({
    "EXPERIMENTAL", "ACTIVE_COMPARATOR", "PLACEBO_COMPARATOR", "SHAM_COMPARATOR",
    "NO_INTERVENTION", "OTHER",
})  # fmt: skip
# InterventionType values and how the registry writes them for people: in "<Type>: <name>"
# references, and in the legacy XML.
INTERVENTION_TYPE_DISPLAY = {
    "DRUG": "Drug", "DEVICE": "Device", "BIOLOGICAL": "Biological", "PROCEDURE": "Procedure",
    "RADIATION": "Radiation", "BEHAVIORAL": "Behavioral", "GENETIC": "Genetic",
    "DIETARY_SUPPLEMENT": "Dietary Supplement", "COMBINATION_PRODUCT": "Combination Product",
    "DIAGNOSTIC_TEST": "Diagnostic Test", "OTHER": "Other",
}  # fmt: skip
# The kinds of product the FDA regulates (42 CFR 11.22, applicable clinical trials).
FDA_PRODUCT_TYPES = frozenset({
    "DRUG", "DEVICE", "BIOLOGICAL", "GENETIC", "RADIATION", "COMBINATION_PRODUCT",
    "DIAGNOSTIC_TEST",
})  # fmt: skip
