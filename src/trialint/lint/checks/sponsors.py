"""Sponsors and collaborators (family C): a company not classed as industry.

Each sponsor and collaborator has a class (PRS definitions, Sponsor and Collaborators; the API's
AgencyClass): INDUSTRY for a company, NIH, FED, OTHER_GOV, NETWORK, INDIV, OTHER for the rest,
UNKNOWN where none was given. Registry searches ("funder type") and every study of who funds
trials (industry against academic sponsorship) count studies by it. A name that carries a
company's legal form ('Swing Therapeutics, Inc.', 'CyberLiver Ltd', 'Baui Biotech Co., Ltd.')
with another class is one of the two wrong. Non-profits also incorporate ('OCHIN, Inc.', a
patients' association), so a name that says it is an institute, a foundation, a hospital, a
university, an association, a network or the like is not read, and the finding is information.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_dict, as_str, dicts
from trialint.quoting import quoted
from trialint.rule import Severity, rule

_SPONSORS = ("protocolSection", "sponsorCollaboratorsModule")
_LEAD = (
    "protocolSection:\n  sponsorCollaboratorsModule:\n"
    "    leadSponsor: {{name: '{name}', class: {kind}}}\n"
)

COMPANY_NOT_INDUSTRY = rule(
    "C030", "company-not-classed-industry", Severity.INFO,
    "A sponsor or collaborator whose name carries a company's legal form ('Inc.', 'Ltd', "
    "'LLC', 'GmbH', 'Co., Ltd.') while its class is OTHER or UNKNOWN, not INDUSTRY.",
    "The class says who a sponsor or collaborator is (PRS definitions, Sponsor: 'Industry' "
    "for a pharmaceutical or device company, or any other company); the registry's funder-type "
    "search and studies of industry and academic sponsorship count trials by it, so a "
    "company classed OTHER, or left UNKNOWN, is counted as academic or as nothing. Read: a "
    "name that ends with a legal form of company and does not say it is an institute, a "
    "foundation, a hospital, a university, an association, a society, a network, a group or "
    "a research body (non-profits incorporate too: 'OCHIN, Inc.'); information, for the "
    "name alone cannot tell a non-profit corporation from a company. Corpus: 22, all read, "
    "18 companies ('Swing Therapeutics, Inc.', 'AstraZeneca K.K.', 'Shanghai Junshi "
    "Bioscience Co., Ltd.') and 4 non-profits or placeholders ('OCHIN, Inc.', "
    "'Clusterbusters, Inc.', 'Sponsor GmbH'); the tuning samples' curators marked 3 of 6.",
    fails=(_LEAD.format(name="Example Therapeutics, Inc.", kind="OTHER"),),
    passes=(_LEAD.format(name="Example Therapeutics, Inc.", kind="INDUSTRY"),),
)  # fmt: skip

# A company's legal form at the end of its name: 'Inc.', ', LLC', 'GmbH', 'Co., Ltd.', 'K.K.'.
_LEGAL_FORM = re.compile(
    r"(?:,?\s+|\b)(?:inc|ltd|llc|gmbh|co\.?,?\s*ltd|corp|corporation|plc|pty|s\.?a\.?s?"
    r"|s\.?r\.?l|ag|b\.?v|n\.?v|a/s|ab|oy|k\.?k|limited)\.?\s*$",
    re.IGNORECASE,
)
# What a non-profit's name says it is.
_NOT_A_COMPANY = re.compile(
    r"institut|foundation|fondation|hospital|universit|association|society|cent(?:er|re)|clinic"
    r"|college|school|council|trust|health\s+system|network|group|research|academy|ministry"
    r"|department",
    re.IGNORECASE,
)


def company_named(name: str) -> bool:
    """Whether a sponsor's name is a company's: a legal form of company at its end, and no
    word that makes it an institution."""
    return bool(_LEGAL_FORM.search(name)) and not _NOT_A_COMPANY.search(name)


@check(COMPANY_NOT_INDUSTRY)
def companies_classed_otherwise(record: Record, context: Context) -> Iterator[Hit]:
    module = record.module("sponsorCollaboratorsModule")
    parties: list[tuple[tuple[str | int, ...], dict[str, Any], str]] = [
        (("leadSponsor",), as_dict(module.get("leadSponsor")), "lead sponsor")
    ]
    parties += [(("collaborators", index), collaborator, "collaborator")
                for index, collaborator in dicts(module.get("collaborators"))]  # fmt: skip
    for place, party, role in parties:
        name = as_str(party.get("name"))
        kind = as_str(party.get("class"))
        if name and kind in ("OTHER", "UNKNOWN") and company_named(name):
            yield Hit(COMPANY_NOT_INDUSTRY,
                      f"the {role} {quoted(name)} is named as a company but classed {kind}: a "
                      "company is INDUSTRY, and funder searches count it by its class",
                      (*_SPONSORS, *place, "class"),
                      related=((*_SPONSORS, *place, "name"),))  # fmt: skip
