"""The registry's vocabularies as trialint names them (trialint.registry) are the schema's: every
value named there exists in the schema generated from the registry's own data model."""

from __future__ import annotations

import ast
import re

from trialint import registry
from trialint.resources import study_schema

from conftest import REPO

DEFINITIONS = study_schema()["$defs"]


def enum(name: str) -> set[str]:
    return set(DEFINITIONS[name]["enum"])


def test_status_groups_are_statuses():
    statuses = enum("Status")
    for group in (registry.OPEN_STATUSES, registry.FINISHED_STATUSES,
                  registry.STOPPED_STATUSES, registry.ENROLLING_STATUSES,
                  registry.RECRUITING_STATUSES, registry.ENROLLED_ONGOING_STATUSES,
                  registry.ENROLLMENT_ENDED_STATUSES, registry.CENTRAL_CONTACT_STATUSES,
                  registry.EXPANDED_ACCESS_STATUSES, registry.RECRUITMENT_STATUSES):  # fmt: skip
        assert set(group) <= statuses, group
    assert set(registry.STATUS_STAGE) <= statuses


def test_design_vocabularies_are_the_schemas():
    assert set(registry.MASKING_LEVELS) == enum("DesignMasking")
    assert set(registry.MASKED_ROLES) == enum("WhoMasked")
    assert set(registry.ARM_TYPES) == enum("ArmGroupType")
    assert set(registry.INTERVENTION_TYPE_DISPLAY) == enum("InterventionType")
    assert set(registry.FDA_PRODUCT_TYPES) <= enum("InterventionType")
    assert set(registry.PHASED_PRODUCT_TYPES) <= registry.FDA_PRODUCT_TYPES
    phases = {phase for combination in registry.PHASE_COMBINATIONS for phase in combination}
    assert phases == enum("Phase")
    assert set(registry.PHASE_NUMBER) == phases - {"NA"}


def _all_enum_values() -> set[str]:
    values: set[str] = set()
    for definition in DEFINITIONS.values():
        values.update(v for v in definition.get("enum", ()) if isinstance(v, str))
    return values


# Names in capitals that are not the registry's values: environment variables, constants.
NOT_REGISTRY_VALUES = {"GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "MAX_PASSES"}


def test_every_registry_value_written_in_the_code_exists():
    """A value in the registry's form (capitals joined by underscores: ACTIVE_NOT_RECRUITING)
    written anywhere in trialint is one of the schema's: a misspelt one would never match a
    record, and no test of the rule using it would notice."""
    shaped = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
    known = _all_enum_values() | NOT_REGISTRY_VALUES
    unknown = set()
    for path in (REPO / "src" / "trialint").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and shaped.fullmatch(node.value) and node.value not in known):  # fmt: skip
                unknown.add((path.name, node.value))
    assert unknown == set()


def test_an_nct_number_and_where_a_study_gives_it():
    assert registry.NCT_ID.fullmatch("NCT04711200")
    assert not registry.NCT_ID.fullmatch("NCT0471120")
    assert not registry.NCT_ID.fullmatch("NCT\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667")
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT04711200"}}}
    assert registry.nct_id_of(study) == "NCT04711200"
    assert registry.nct_id_of({"protocolSection": []}) is None
    assert registry.nct_id_of({"protocolSection": {"identificationModule": {"nctId": 5}}}) is None
