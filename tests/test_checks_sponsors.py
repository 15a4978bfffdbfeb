"""C030: a company not classed as industry, on the good record mutated."""

from __future__ import annotations

import pytest

from trialint.lint.checks.sponsors import company_named
from trialint.organizations import legal_form

from conftest import corpus_hits, mutate, needs_shared, position_of


def c030(lint_text, text: str) -> list:
    return [f for f in lint_text(text).findings if f.rule.code == "C030"]


def test_a_company_classed_other(lint_text):
    text = mutate(
        ("      name: Example University Hospital\n      class: OTHER\n",
         "      name: Example Therapeutics, Inc.\n      class: OTHER\n"),
    )  # fmt: skip
    [finding] = c030(lint_text, text)
    assert (finding.level, finding.pointer) == (
        "info",
        "/protocolSection/sponsorCollaboratorsModule/leadSponsor/class",
    )
    assert (finding.line, finding.column) == position_of(text, "OTHER\n  oversightModule")
    assert [r.pointer for r in finding.related] == [
        "/protocolSection/sponsorCollaboratorsModule/leadSponsor/name"
    ]
    assert finding.message == (
        "the lead sponsor 'Example Therapeutics, Inc.' is named as a company but classed "
        "OTHER: a company is INDUSTRY, and funder searches count it by its class"
    )
    industry = text.replace("Inc.\n      class: OTHER", "Inc.\n      class: INDUSTRY")
    assert c030(lint_text, industry) == []


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("Swing Therapeutics, Inc.", True),
        ("Baui Biotech Co., Ltd.", True),
        ("CyberLiver Ltd", True),
        ("AstraZeneca K.K.", True),
        ("OCHIN Health Network, Inc.", False),  # says it is a network
        ("OCHIN, Inc.", False),  # 'Inc.' alone: non-profits incorporate too
        ("Pink Pearls Inc", False),
        ("Medstar Health Research Institute, Inc.", False),
        ("Incyte Hospital Group", False),  # no legal form at the end
        ("University of Ltd Studies", False),
    ],
)
def test_names_of_companies(name, company):
    assert company_named(name) is company


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Shanghai Junshi Bioscience Co., Ltd.", "ltd"),
        ("AstraZeneca K.K.", "kk"),
        ("Trod Medical, US,LLC", "llc"),
        ("Novo Nordisk A/S", "a/s"),
        ("Medical Consulting srl", "srl"),
        ("Example University Hospital", None),
        ("Ltd Hospital of Lyon", None),  # a form only at the end
    ],
)
def test_the_legal_form_a_name_ends_with(name, form):
    assert legal_form(name) == form


@needs_shared
def test_companies_classed_otherwise_in_the_corpus():
    # 13, all read: companies, and 'Sponsor GmbH', a placeholder named as one
    assert corpus_hits("sponsors") == {"C030": 13}
