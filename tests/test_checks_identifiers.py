"""Family I (identifiers) on the good record mutated: exact code, line, column, pointer and
message; ids in their right form that must not be reported; records that break the schema
never crash a check; the seed defect of the bundled records; and the hits on the corpus."""

from __future__ import annotations

from functools import partial

import pytest

from trialint.lint.checks.identifiers import nct_digits, secondary_id_problem

from conftest import (
    GOOD_TEXT,
    bundled_findings,
    corpus_hits,
    family_findings,
    mutate,
    needs_shared,
    no_failure,
    only_family_finding,
    position_of,
)

GOOD = GOOD_TEXT
IDS = "/protocolSection/identificationModule/secondaryIdInfos"
ORG_ID = "      id: TRIALINT-001\n"


def secondary(*entries: tuple[str, str | None]) -> tuple[str, str]:
    """A replacement giving the good record these secondary ids: (id, type or None)."""
    lines = "".join(
        f"      - id: {value!r}\n" + (f"        type: {kind}\n" if kind else "")
        for value, kind in entries
    )
    return ORG_ID, ORG_ID + "    secondaryIdInfos:\n" + lines


family = partial(family_findings, prefix="I")
one = partial(only_family_finding, prefix="I")


def test_the_good_record_has_no_family_i_finding(lint_text):
    assert family(lint_text, GOOD) == []


# --- I001 secondary ids that do not fit their type ---------------------------------------------


def test_eudract_number_with_a_prefix_is_fixable(lint_text):
    text = mutate(secondary(("EudraCT 2012-003157-29", "EUDRACT_NUMBER")))
    finding = one(lint_text, text)
    assert finding.rule.code == "I001"
    assert (finding.line, finding.column) == position_of(text, "'EudraCT 2012")
    assert (finding.line, finding.column) == (8, 13)
    assert finding.pointer == f"{IDS}/0/id"
    assert finding.message == (
        "secondary id 'EudraCT 2012-003157-29' (EUDRACT_NUMBER) is not written as a EudraCT "
        "number (YYYY-NNNNNN-NN): '2012-003157-29'"
    )
    assert (finding.fix.old, finding.fix.new, finding.fix.safe) == (
        "EudraCT 2012-003157-29",
        "2012-003157-29",
        False,
    )


def test_eu_ct_number_given_as_a_eudract_number(lint_text):
    finding = one(lint_text, mutate(secondary(("2022-501515-14", "EUDRACT_NUMBER"))))
    assert finding.rule.code == "I001"
    assert finding.message == (
        "secondary id '2022-501515-14' (EUDRACT_NUMBER) is an EU CT number from CTIS (its "
        "sequence starts with 5), not a EudraCT number: give it type CTIS, in full (usually "
        "'2022-501515-14-00')"
    )
    assert finding.fix is None


def test_ctis_number_without_its_last_part(lint_text):
    finding = one(lint_text, mutate(secondary(("2023-505976-31", "CTIS"))))
    assert finding.message == (
        "secondary id '2023-505976-31' (CTIS) lacks the last part of an EU CT number, "
        "YYYY-NNNNNN-NN-NN (usually '2023-505976-31-00')"
    )


def test_malformed_nct_number_of_another_registry(lint_text):
    text = mutate(secondary(("nct 0765 4321", "REGISTRY")))
    finding = one(lint_text, text)
    assert finding.rule.code == "I001"
    assert finding.pointer == f"{IDS}/0/id"
    assert finding.message == (
        "secondary id 'nct 0765 4321' (REGISTRY) is an NCT number out of form: 'NCT07654321'"
    )
    assert (finding.fix.old, finding.fix.new) == ("nct 0765 4321", "NCT07654321")


def test_the_second_id_is_named_by_its_index(lint_text):
    text = mutate(secondary(("2012-003157-29", "EUDRACT_NUMBER"), ("NCT0765432", None)))
    finding = one(lint_text, text)
    assert finding.pointer == f"{IDS}/1/id"
    assert (finding.line, finding.column) == position_of(text, "'NCT0765432'")
    assert finding.message == (
        "secondary id 'NCT0765432' looks like an NCT number, but has 7 digits, not 8"
    )


@pytest.mark.parametrize(
    ("value", "kind", "tail", "corrected"),
    [
        ("2012-003157-29", "EUDRACT_NUMBER", None, None),
        ("2022-501074-19-00", "CTIS", None, None),
        ("EudraCT No: 2012 003157 29", "EUDRACT_NUMBER",
         "is not written as a EudraCT number (YYYY-NNNNNN-NN): '2012-003157-29'",
         "2012-003157-29"),
        ("2012\u2013003157\u201329", "EUDRACT_NUMBER",
         "is not written as a EudraCT number (YYYY-NNNNNN-NN): '2012-003157-29'",
         "2012-003157-29"),
        ("2022-501074-19-00", "EUDRACT_NUMBER",
         "is an EU CT number (YYYY-NNNNNN-NN-NN), not a EudraCT number: type CTIS", None),
        ("EU CT 2022-501515-14", "EUDRACT_NUMBER",
         "holds the EU CT number 2022-501515-14, not a EudraCT number: give it type CTIS, in "
         "full (usually '2022-501515-14-00')", None),
        ("NCT01234568", "EUDRACT_NUMBER",
         "is an NCT number, not a EudraCT number: type REGISTRY", None),
        ("2012-03157-29", "EUDRACT_NUMBER",
         "does not have the form of a EudraCT number, YYYY-NNNNNN-NN", None),
        ("2012-003157-29", "CTIS",
         "is a EudraCT number, not an EU CT number: type EUDRACT_NUMBER", None),
        ("EU CT number: 2022-501074-19-00", "CTIS",
         "is not written as an EU CT number (YYYY-NNNNNN-NN-NN): '2022-501074-19-00'",
         "2022-501074-19-00"),
        ("NCT01234568", "CTIS", "is an NCT number, not an EU CT number: type REGISTRY", None),
        ("501074", "CTIS",
         "does not have the form of an EU CT number, YYYY-NNNNNN-NN-NN", None),
        ("ClinicalTrials.gov: NCT01234568", "REGISTRY",
         "is an NCT number out of form: 'NCT01234568'", "NCT01234568"),
    ],
)  # fmt: skip
def test_secondary_id_forms(value, kind, tail, corrected):
    problem = secondary_id_problem(value, kind)
    assert problem == (None if tail is None else (tail, corrected))


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("NCT07654321", "REGISTRY"),  # a related study's NCT number
        ("SNCTP000001674", "REGISTRY"),  # the Swiss portal's number is not an NCT number
        ("2012-003157-29", "OTHER"),  # a EudraCT number of a generic type: not reported
        ("2022-502174-16-00", "OTHER"),
        ("NCI-2021-03253", "REGISTRY"),
        ("U1111-1264-5412", None),
        ("IDRCB: 2022-A01261-42", "REGISTRY"),
        ("R01DA047954", "NIH"),
    ],
)
def test_ids_that_fit_their_type(lint_text, value, kind):
    assert family(lint_text, mutate(secondary((value, kind)))) == []


def test_nct_digits():
    assert nct_digits("NCT01234567") == "01234567"
    assert nct_digits(" nct-0123-4567 ") == "01234567"
    assert nct_digits("NCT #01234567") == "01234567"
    assert nct_digits("SNCTP000001674") is None
    assert nct_digits("NCT01234567 and NCT07654321") is None
    assert nct_digits("Protocol NCT") is None


# --- I002 the study's own NCT number as a secondary id -----------------------------------------


def test_own_nct_number_as_a_secondary_id(lint_text):
    text = mutate(secondary(("NCT01234567", "REGISTRY")))
    finding = one(lint_text, text)
    assert finding.rule.code == "I002"
    assert (finding.line, finding.column) == (8, 13)
    assert finding.pointer == f"{IDS}/0/id"
    assert finding.message == (
        "secondary id 'NCT01234567' is this study's own NCT number; secondary ids are the "
        "study's other identifiers"
    )


def test_own_nct_number_written_loosely_is_still_the_own_number(lint_text):
    finding = one(lint_text, mutate(secondary(("nct 01234567", "EUDRACT_NUMBER"))))
    assert finding.rule.code == "I002"


# --- I003 the study's NCT number as its Unique Protocol ID -------------------------------------


def test_org_study_id_that_is_the_nct_number(lint_text):
    text = mutate((ORG_ID, "      id: NCT01234567\n"))
    finding = one(lint_text, text)
    assert finding.rule.code == "I003"
    assert (finding.line, finding.column) == position_of(text, "NCT01234567", 2)
    assert (finding.line, finding.column) == (6, 11)
    assert finding.pointer == "/protocolSection/identificationModule/orgStudyIdInfo/id"
    assert finding.message == (
        "orgStudyIdInfo.id 'NCT01234567' is the study's NCT number; the Unique Protocol ID is "
        "the sponsor's own identifier for the study"
    )
    assert finding.fix is None


@pytest.mark.parametrize("org_id", ["NCT07654321", "TRIALINT-NCT01234567", "01234567"])
def test_org_study_ids_that_are_not_the_own_nct_number(lint_text, org_id):
    assert family(lint_text, mutate((ORG_ID, f"      id: '{org_id}'\n"))) == []


def test_a_malformed_nct_id_is_compared_as_written(lint_text):
    text = mutate(("    nctId: NCT01234567\n", "    nctId: NCT1234567\n"),
                  (ORG_ID, "      id: nct1234567\n"))  # fmt: skip
    assert [f.rule.code for f in family(lint_text, text)] == ["I003"]


# --- I007 the organization's name as its Unique Protocol ID ------------------------------------


@pytest.mark.parametrize(
    "org_id", ["Example University Hospital", "EUH", "ExUniHosp", "exampleuniversityh"]
)
def test_org_study_id_that_is_the_organization_name(lint_text, org_id):
    text = mutate((ORG_ID, f"      id: {org_id}\n"))
    finding = one(lint_text, text)
    assert (finding.rule.code, finding.level) == ("I007", "warning")
    assert (finding.line, finding.column) == (6, 11)
    assert [r.pointer for r in finding.related] == [
        "/protocolSection/identificationModule/organization/fullName"
    ]
    assert finding.message == (
        f"orgStudyIdInfo.id {org_id!r} is only the organization's name ('Example University "
        "Hospital'), or letters of it: it identifies the sponsor, not this study; give the "
        "sponsor's own protocol number or code"
    )


# a number, too few letters, letters the name's words do not start with, a word left out
@pytest.mark.parametrize("org_id", ["EUH-2024-01", "EU", "EUHX", "KNEE-EX", "UniHosp"])
def test_org_study_ids_that_are_not_the_organization_name(lint_text, org_id):
    assert family(lint_text, mutate((ORG_ID, f"      id: {org_id}\n"))) == []


# --- records that break the schema ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (ORG_ID, ORG_ID + "    secondaryIdInfos: 3\n"),
        (ORG_ID, ORG_ID + "    secondaryIdInfos: [1, null, [a], {id: 5, type: CTIS}]\n"),
        (ORG_ID, ORG_ID + "    secondaryIdInfos:\n      - {id: '', type: [CTIS]}\n"),
        ("    orgStudyIdInfo:\n      id: TRIALINT-001\n", "    orgStudyIdInfo: NCT01234567\n"),
        (ORG_ID, "      id: 12\n"),
        ("    nctId: NCT01234567\n", "    nctId: [NCT01234567]\n"),
        ("  identificationModule:\n", "  identificationModule: []\n  unused:\n"),
    ],
)
def test_records_that_break_the_schema_never_crash(lint_text, old, new):
    no_failure(lint_text(mutate((old, new))))


# --- the bundled records ------------------------------------------------------------------------


def test_bundled_records_show_the_seed_defect(linter):
    """NCT04711200's page lists its NCT number as its Unique Protocol Identification Number;
    it also types a 2017 review as a results reference of a study started in 2022 (I004)."""
    found = bundled_findings(linter, "I")
    assert found == [("NCT04711200.yaml", "I003", 9, 11), ("NCT04711200.yaml", "I004", 184, 15)]


# --- the real records -----------------------------------------------------------------------


@needs_shared
def test_real_records_hits_are_the_ones_read_one_by_one():
    # The corpus's 31 EudraCT numbers and 15 EU CT numbers are all well formed; 2 EU CT
    # numbers are given as EUDRACT_NUMBER without their last part (NCT05827016, NCT06094296).
    # No record cites its own NCT number, as a secondary id or as its Unique Protocol ID.
    # I005: 4 EudraCT and 3 EU CT numbers given only as the Unique Protocol ID (read). I006:
    # 3 cancer centres' own numbers written again as a secondary id of type OTHER (read).
    # I007: 11 organizations' names, written out or shortened ('UMemphis', 'TOGU'), as the
    # Unique Protocol ID (read).
    assert corpus_hits("identifiers") == {"I001": 2, "I005": 7, "I006": 3, "I007": 11}


# --- I005, I006: the Unique Protocol ID and the secondary ids -----------------------------------


def test_a_eudract_number_only_as_the_protocol_id(lint_text):
    text = mutate((ORG_ID, "      id: 2019-001260-29\n"))
    finding = one(lint_text, text)
    assert (finding.rule.code, finding.level) == ("I005", "info")
    assert finding.pointer == "/protocolSection/identificationModule/orgStudyIdInfo/id"
    assert (finding.line, finding.column) == position_of(text, "2019-001260-29")
    assert finding.message == (
        "orgStudyIdInfo.id '2019-001260-29' is an EudraCT number that no secondary id gives: "
        "list it as a secondary id of type EUDRACT_NUMBER, which links the record to the EU's "
        "register"
    )


def test_an_eu_number_also_given_as_a_secondary_id(lint_text):
    old, new = secondary(("2019-001260-29", "EUDRACT_NUMBER"))
    text = mutate((old, new.replace("TRIALINT-001", "2019-001260-29", 1)))
    assert family(lint_text, text) == []


def test_an_eu_ct_number_only_as_the_protocol_id(lint_text):
    finding = one(lint_text, mutate((ORG_ID, "      id: 2022-501865-29-00\n")))
    assert finding.message.endswith("list it as a secondary id of type CTIS, which links the "
                                    "record to the EU's register")  # fmt: skip


def test_the_protocol_id_written_again_as_a_secondary_id(lint_text):
    old, new = secondary(("TRIALINT-001", "OTHER"))
    text = mutate((old, new))
    finding = one(lint_text, text)
    assert (finding.rule.code, finding.level) == ("I006", "info")
    assert finding.pointer == f"{IDS}/0/id"
    assert [related.pointer for related in finding.related] == [
        "/protocolSection/identificationModule/orgStudyIdInfo/id"
    ]


@pytest.mark.parametrize(
    ("kind", "domain"),
    [
        ("NIH", None),  # a grant's number links the record to the NIH's reporter
        ("REGISTRY", "CTRP (Clinical Trial Reporting Program)"),
        ("OTHER", "CTEP"),  # another organization's id, the same string
    ],
)
def test_the_protocol_id_as_another_body_s_id_is_not_repeated(lint_text, kind, domain):
    old, new = secondary(("TRIALINT-001", kind))
    if domain:
        new += f"        domain: {domain}\n"
    assert family(lint_text, mutate((old, new))) == []


def test_a_per_record_value_is_worked_out_once_per_record_even_when_it_is_none():
    from trialint.lint.record import Record, per_record

    calls = []

    @per_record
    def nothing_found(record: Record) -> None:
        calls.append(record)

    first, second = Record({}), Record({})
    assert [nothing_found(first), nothing_found(first), nothing_found(second)] == [None] * 3
    assert calls == [first, second]
