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
    # served without it (expanded access, records of 2006-2011): rules D029 and D030 judge it
    assert "startDateStruct" not in defs["StatusModule"]["required"]


def required_errors(study: dict) -> list[str]:
    validator = Draft202012Validator(study_schema())
    return [
        "/".join(map(str, error.absolute_path)) + ": " + error.message
        for error in validator.iter_errors(study)
        if error.validator == "required"
    ]


@needs_shared
def test_every_record_the_registry_serves_has_every_required_field():
    """What the registry serves, the schema accepts: the API v2 records and the legacy XML
    records (withheld, expanded access, registered before a field existed) alike."""
    from trialint.ctgov.imported import Imported
    from trialint.ctgov.legacy_xml import convert_xml

    missing = {}
    for path in sorted((SHARED / "corpus" / "ctgov-v2").glob("NCT*.json")):
        missing[path.name] = required_errors(json.loads(path.read_text(encoding="utf-8")))
    legacy = sorted((SHARED / "corpus" / "ctgov-xml").glob("NCT*.xml"))
    for path in legacy:
        [item] = convert_xml(path.read_bytes(), path.name)
        assert isinstance(item, Imported)
        missing[path.name] = required_errors(item.study)
    assert len(missing) == 837 + len(legacy) and len(legacy) > 100
    assert {name: errors for name, errors in missing.items() if errors} == {}


def test_withheld_records_need_only_identification_status_and_sponsor():
    withheld = {
        "protocolSection": {
            "identificationModule": {
                "nctId": "NCT03182660", "orgStudyIdInfo": {"id": "LUM-02"},
                "briefTitle": "[Trial of device that is not approved or cleared by the U.S. FDA]",
            },
            "statusModule": {"overallStatus": "WITHHELD"},
            "sponsorCollaboratorsModule": {"leadSponsor": {"name": "[Redacted]"}},
        }
    }  # fmt: skip
    assert required_errors(withheld) == []
    withheld["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    assert sorted(required_errors(withheld)) == [
        "protocolSection/statusModule: 'statusVerifiedDate' is a required property",
        "protocolSection: 'conditionsModule' is a required property",
        "protocolSection: 'descriptionModule' is a required property",
        "protocolSection: 'designModule' is a required property",
        "protocolSection: 'eligibilityModule' is a required property",
    ]


def test_the_generator_is_deterministic(tmp_path):
    if not SPEC.is_file():
        pytest.skip("../shared/corpus/spec is not beside this checkout")
    generator = load_script("generate_schema")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    generator.main([str(SPEC), "--output", str(first)])
    generator.main([str(SPEC), "--output", str(second)])
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text())["x-api-version"] == "2.0.5"
