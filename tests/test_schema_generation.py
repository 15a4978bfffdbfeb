"""The schema is what the generator makes of the official spec, and says what the spec says."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from trialint.resources import study_schema

from conftest import SHARED, load_script, needs_shared

SPEC = SHARED / "corpus" / "spec" / "ctg-oas-v2.yaml"


@pytest.fixture(scope="module")
def oas():
    return YAML(typ="safe", pure=True).load(SPEC.read_text(encoding="utf-8"))


def test_the_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(study_schema())
    assert study_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@needs_shared
def test_the_committed_schema_is_what_the_generator_makes(tmp_path):
    generator = load_script("generate_schema")
    assert generator.main([str(SPEC), "--check"]) == 0, "run scripts/generate_schema.py"


@needs_shared
def test_every_enum_of_the_spec_is_in_the_schema_with_all_its_values(oas):
    defs = study_schema()["$defs"]
    enums = {
        name: body["enum"]
        for name, body in oas["components"]["schemas"].items()
        if "enum" in body and name in defs
    }
    assert "Status" in enums and "Phase" in enums
    for name, values in enums.items():
        assert defs[name]["enum"] == values, name


@needs_shared
def test_every_field_of_the_spec_is_in_the_schema(oas):
    defs = study_schema()["$defs"]
    for name, body in oas["components"]["schemas"].items():
        if name in defs:
            assert set(body.get("properties", {})) <= set(defs[name].get("properties", {})), name


def test_protocol_section_objects_reject_unknown_keys():
    defs = study_schema()["$defs"]
    for name in ("Study", "ProtocolSection", "StatusModule", "ArmGroup", "Location", "Outcome"):
        assert defs[name]["additionalProperties"] is False, name
    assert "additionalProperties" not in defs["DerivedSection"]


def test_registry_formats_are_enforced():
    defs = study_schema()["$defs"]
    validator = Draft202012Validator({"$defs": defs, "$ref": "#/$defs/nct"})
    assert validator.is_valid("NCT04711200")
    assert not validator.is_valid("NCT4711200")
    partial = Draft202012Validator({"$defs": defs, "$ref": "#/$defs/PartialDate"})
    dates = ("2022", "2022-09", "2022-09-15", "2022-13", "09/2022")
    assert [partial.is_valid(d) for d in dates] == [True, True, True, False, False]


def test_required_fields_of_every_record():
    defs = study_schema()["$defs"]
    assert set(defs["IdentificationModule"]["required"]) >= {"nctId", "briefTitle"}
    assert "overallStatus" in defs["StatusModule"]["required"]
    assert "studyType" in defs["DesignModule"]["required"]


def test_the_generator_is_deterministic(tmp_path):
    if not SPEC.is_file():
        pytest.skip("../shared/corpus/spec is not beside this checkout")
    generator = load_script("generate_schema")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    generator.main([str(SPEC), "--output", str(first)])
    generator.main([str(SPEC), "--output", str(second)])
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text())["x-api-version"] == "2.0.5"
