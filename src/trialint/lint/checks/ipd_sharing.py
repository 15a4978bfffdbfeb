"""Data sharing (family C): a plan to share individual participant data that the record's
own statement contradicts.

The IPD sharing statement says whether individual participant data will be shared (PRS
definitions, Plan to Share IPD: Yes, No, Undecided) and, in its description, how. A record
that answers No while its description says the data "will be shared after publication", or
that the sponsor "will provide access to individual de-identified participant data", tells
researchers looking for data that none is available when it is; a curator marks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.sentences import sentences
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.patterns import lazy_pattern
from trialint.quoting import quote_short
from trialint.rule import Severity, rule

_IPD = (
    "protocolSection:\n  ipdSharingStatementModule:\n    ipdSharing: {plan}\n"
    "    description: {text}\n"
)

IPD_SHARING_CONTRADICTED = rule(
    "C015", "ipd-sharing-contradicts-description", Severity.WARNING,
    "A plan not to share individual participant data (ipdSharing NO) whose description says "
    "the data will be shared or made available on request.",
    "The plan (Yes, No, Undecided) is what the registry's search and data-sharing studies "
    "read (PRS definitions, Plan to Share IPD; ICMJE data-sharing statements); the "
    "description says how. One that says the individual data 'will be shared', 'may be "
    "shared', or that the sponsor 'will provide access' to them 'upon request' contradicts "
    "No: the plan is Yes (or Undecided, when it is still to be decided). Read sentence by "
    "sentence: one about individual or participant data (IPD, de-identified or anonymised "
    "data) that says it is shared or available, without a negation ('No IPD will be "
    "shared'), and not only within the study team or with regulators. Corpus: 5 records, "
    "all real.",
    fails=(_IPD.format(plan="NO", text="The IPD will be shared after publication."),),
    passes=(_IPD.format(plan="YES", text="The IPD will be shared after publication."),
            _IPD.format(plan="NO", text="No IPD will be shared.")),
)  # fmt: skip

_INDIVIDUAL_DATA = lazy_pattern(
    r"\b(?:ipd|individual\s+(?:\w+\s+){0,3}data|participant(?:-level)?\s+data|patient-level\s+data"
    r"|de-?identified\s+(?:\w+\s+){0,2}data|anonymi[sz]ed\s+(?:\w+\s+){0,2}data)\b",
    re.IGNORECASE,
)
_SHARED = lazy_pattern(
    r"\b(?:will|shall|may|can|could)\s+(?:also\s+)?(?:be\s+)?(?:shared|share|provide\s+access"
    r"|made\s+available|make\s+(?:\w+\s+)?available|available)\b"
    r"|\b(?:is|are)\s+(?:\w+\s+){0,2}available\b|\b(?:up)?on\s+(?:reasonable\s+)?request\b"
    r"|\bbased\s+on\s+(?:a\s+)?request\b",
    re.IGNORECASE,
)
_NOT_SHARED = lazy_pattern(
    r"\b(?:no|not|never|nor|cannot|none|only\s+(?:with|to|within)\s+(?:the\s+)?"
    r"(?:research|study|investigat\w*|regulat\w*|authori[sz]ed)|aggregate)\b|n't\b",
    re.IGNORECASE,
)
_IPD_PATH = ("protocolSection", "ipdSharingStatementModule", "description")
_IPD_PLAN = ("protocolSection", "ipdSharingStatementModule", "ipdSharing")


@check(IPD_SHARING_CONTRADICTED)
def ipd_sharing(record: Record, context: Context) -> Iterator[Hit]:
    module = record.module("ipdSharingStatementModule")
    description = as_str(module.get("description"))
    if module.get("ipdSharing") != "NO" or not description:
        return
    for start, end in sentences(description):
        said = description[start:end]
        if (
            _INDIVIDUAL_DATA().search(said)
            and _SHARED().search(said)
            and not _NOT_SHARED().search(said)
        ):
            yield Hit(IPD_SHARING_CONTRADICTED,
                      f"ipdSharing is NO, but the description says {quote_short(said, 90)}: "
                      "set the plan to YES (or UNDECIDED), or say why no data will be shared",
                      _IPD_PATH, within=(start, end - start),
                      related=(_IPD_PLAN,))  # fmt: skip
            return
