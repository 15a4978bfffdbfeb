"""The registry's vocabularies as trialint names them (trialint.registry) are the schema's: every
value named there exists in the schema generated from the registry's own data model."""

from __future__ import annotations

from trialint import registry
from trialint.resources import study_schema

DEFINITIONS = study_schema()["$defs"]


def enum(name: str) -> set[str]:
    return set(DEFINITIONS[name]["enum"])


def test_status_groups_are_statuses():
    statuses = enum("Status")
    for group in (registry.OPEN_STATUSES, registry.FINISHED_STATUSES,
                  registry.STOPPED_STATUSES, registry.ENROLLING_STATUSES):  # fmt: skip
        assert set(group) <= statuses, group
    assert set(registry.STATUS_STAGE) <= statuses


def test_design_vocabularies_are_the_schemas():
    assert set(registry.MASKING_LEVELS) == enum("DesignMasking")
    assert set(registry.MASKED_ROLES) == enum("WhoMasked")
    assert set(registry.ARM_TYPES) == enum("ArmGroupType")
    assert set(registry.INTERVENTION_TYPE_DISPLAY) == enum("InterventionType")
    assert set(registry.FDA_PRODUCT_TYPES) <= enum("InterventionType")


def test_an_nct_number_and_where_a_study_gives_it():
    assert registry.NCT_ID.fullmatch("NCT04711200")
    assert not registry.NCT_ID.fullmatch("NCT0471120")
    assert not registry.NCT_ID.fullmatch("NCT\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667")
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT04711200"}}}
    assert registry.nct_id_of(study) == "NCT04711200"
    assert registry.nct_id_of({"protocolSection": []}) is None
    assert registry.nct_id_of({"protocolSection": {"identificationModule": {"nctId": 5}}}) is None
