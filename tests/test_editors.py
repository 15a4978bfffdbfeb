"""What editors need: the schema printed by ``trialint schema`` under its stable ``$id``, in
keywords the YAML language server implements."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema

from trialint import cli
from trialint.document.load import load_file

from conftest import GOOD_RECORD, REPO

SCHEMA = REPO / "schemas" / "study.schema.json"
SCHEMA_ID = "https://trialint.example/schemas/study.schema.json"  # documented as stable
# The keywords of JSON Schema draft-07 (core and validation, annotations included), which is
# what the YAML language server (VS Code's YAML extension) validates with; "$defs" is only a
# place "$ref" pointers lead to, which any draft resolves.
DRAFT7_KEYWORDS = {
    "$schema", "$id", "$ref", "$comment", "$defs", "title", "description", "examples",
    "default", "type", "enum", "const", "properties", "additionalProperties", "required",
    "items", "minItems", "maxItems", "minLength", "maxLength", "pattern", "format", "if",
    "then", "else", "allOf", "anyOf", "oneOf", "not", "minimum", "maximum",
}  # fmt: skip


def test_schema_prints_the_shipped_schema_under_its_stable_id(capsys) -> None:
    assert cli.main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == SCHEMA.read_text(encoding="utf-8")
    schema = json.loads(printed)
    assert schema["$id"] == SCHEMA_ID
    jsonschema.Draft202012Validator.check_schema(schema)


def _keywords(node: Any, inside_names: bool = False) -> set[str]:
    """The keywords a schema uses (not the property and definition names it declares)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if not inside_names:
                found.add(key)
            found |= _keywords(value, key in ("properties", "$defs") and not inside_names)
    elif isinstance(node, list):
        for item in node:
            found |= _keywords(item)
    return found


def test_the_schema_uses_only_keywords_an_editors_draft_7_validator_knows() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    keywords = _keywords(schema) - {"x-api-version"}  # an annotation of ours
    assert keywords <= DRAFT7_KEYWORDS, keywords - DRAFT7_KEYWORDS


def _errors(validator: type[Any], schema: dict[str, Any], data: Any) -> set[tuple[str, str]]:
    return {(error.json_path, error.validator) for error in validator(schema).iter_errors(data)}


def test_a_draft_7_validator_finds_what_trialints_draft_finds() -> None:
    """What the editor underlines is what trialint reports as schema findings: over the
    bundled records (real defects) and a record with an unknown field and a wrong enum."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = copy.deepcopy(load_file(GOOD_RECORD).studies[0].data)
    status = broken["protocolSection"]["statusModule"]
    status["overallStatus"], status["overalStatus"] = "DONE", "COMPLETED"
    records = [load_file(path).studies[0].data for path in sorted(REPO.glob("records/NCT*.yaml"))]
    every = []
    for data in [*records, broken]:
        found = _errors(jsonschema.Draft202012Validator, schema, data)
        assert _errors(jsonschema.Draft7Validator, schema, data) == found
        every.extend(validator for _, validator in found)
    assert {"enum", "additionalProperties", "minItems"} <= set(every)
