"""Sponsors and collaborators (family C): a company not classed as industry.

Each sponsor and collaborator has a class (PRS definitions, Sponsor and Collaborators; the API's
AgencyClass): INDUSTRY for a company, NIH, FED, OTHER_GOV, NETWORK, INDIV, OTHER for the rest,
UNKNOWN where none was given. Registry searches ("funder type") and every study of who funds
trials (industry against academic sponsorship) count studies by it. A name that carries a
company's legal form ('CyberLiver Ltd', 'Baui Biotech Co., Ltd.') with another class is one
of the two wrong. Non-profits incorporate too ('OCHIN, Inc.', a patients' association), so
'Inc.' and 'LLC' count only after a word of trade ('Swing Therapeutics, Inc.'), a name that
says it is an institute, a foundation, a hospital, a university, an association, a network
or the like is not read, and the finding is information.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_dict, as_str, dicts
from trialint.organizations import COMPANY_FORMS, CORPORATION_FORMS, legal_form
from trialint.quoting import quoted
from trialint.rule import Severity, rule

_SPONSORS = ("protocolSection", "sponsorCollaboratorsModule")
_LEAD = (
    "protocolSection:\n  sponsorCollaboratorsModule:\n"
    "    leadSponsor: {{name: '{name}', class: {kind}}}\n"
)

COMPANY_NOT_INDUSTRY = rule(
    "C030", "company-not-classed-industry", Severity.INFO,
    "A sponsor or collaborator whose name carries a company's legal form ('Ltd', 'GmbH', "
    "'Co., Ltd.', or 'Inc.' after a word of trade) while its class is OTHER or UNKNOWN, not "
    "INDUSTRY.",
    "The class says who a sponsor or collaborator is (PRS definitions, Sponsor: 'Industry' "
    "for a pharmaceutical or device company, or any other company); the registry's funder-type "
    "search and studies of industry and academic sponsorship count trials by it, so a "
    "company classed OTHER, or left UNKNOWN, is counted as academic or as nothing. Read: a "
    "name that ends with a legal form of company and does not say it is an institute, a "
    "foundation, a hospital, a university, an association, a society, a network, a group or "
    "a research body; 'Inc.' and 'LLC', which non-profits use too ('OCHIN, Inc.', "
    "'Clusterbusters, Inc.'), only after a word of trade ('Therapeutics', 'Medical', "
    "'Health'). Information: a name cannot prove what an organisation is. Corpus: 13, all "
    "read, all companies but 'Sponsor GmbH', a placeholder named as one ('Swing "
    "Therapeutics, Inc.', 'AstraZeneca K.K.', 'Shanghai Junshi Bioscience Co., Ltd.'); the "
    "tuning samples' curators marked 4 of 4 in their records.",
    fails=(_LEAD.format(name="Example Therapeutics, Inc.", kind="OTHER"),),
    passes=(_LEAD.format(name="Example Therapeutics, Inc.", kind="INDUSTRY"),),
)  # fmt: skip

# A word of trade, which makes 'Inc.' or 'LLC' a company's.
_TRADE = re.compile(
    r"therapeutic|pharma|bio(?:tech|science|logic)|medical|medtech|technolog|devices?\b"
    r"|diagnostic|lab(?:s|oratories)\b|health\b|consulting|solutions|systems\b|sciences\b",
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
    """Whether a sponsor's name is a company's: a company's legal form at its end ('Ltd',
    'GmbH'), or 'Inc.' or 'LLC' after a word of trade ('Swing Therapeutics, Inc.'), and no
    word that makes it an institution."""
    if _NOT_A_COMPANY.search(name):
        return False
    form = legal_form(name)
    return form in COMPANY_FORMS or (form in CORPORATION_FORMS and bool(_TRADE.search(name)))


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
