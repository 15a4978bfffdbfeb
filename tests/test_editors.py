"""What editors need: the schema printed by ``trialint schema`` under its stable ``$id``, in
keywords the YAML language server implements, and the modeline ``import --modeline`` writes,
which lint passes over."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from trialint import cli
from trialint.document.load import load_file

from conftest import GOOD_RECORD, REPO, lint_json

SCHEMA = REPO / "schemas" / "study.schema.json"
SCHEMA_ID = "https://trialint.example/schemas/study.schema.json"  # documented as stable
MODELINE = "# yaml-language-server: $schema=../schemas/study.schema.json\n"
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


def _import(capsys, tmp_path: Path, folder: str, *options: str) -> Path:
    source = tmp_path / "NCT00000001.json"
    study = {"protocolSection": {"identificationModule": {"nctId": "NCT00000001"}}}
    source.write_text(json.dumps(study))
    code = cli.main(["import", str(source), "--out", str(tmp_path / folder), *options])
    assert code == 0, capsys.readouterr().err
    return tmp_path / folder / "NCT00000001.yaml"


def test_import_writes_the_modeline_first(tmp_path: Path, capsys) -> None:
    plain = _import(capsys, tmp_path, "plain")
    with_line = _import(capsys, tmp_path, "editors", "--modeline", "../schemas/study.schema.json")
    assert with_line.read_text(encoding="utf-8") == MODELINE + plain.read_text(encoding="utf-8")


def test_update_adds_or_replaces_the_modeline_and_changes_nothing_else(
    tmp_path: Path, capsys
) -> None:
    record = _import(capsys, tmp_path, "records", "--modeline", "https://old.example/s.json")
    body = record.read_text(encoding="utf-8").split("\n", 1)[1]
    source = str(tmp_path / "NCT00000001.json")
    out = str(record.parent)
    options = ["--update", source, "--out", out, "--modeline", "../schemas/study.schema.json"]

    assert cli.main(["import", *options]) == 0
    assert record.read_text(encoding="utf-8") == MODELINE + body
    record.write_text(body, encoding="utf-8")  # a record without one
    assert cli.main(["import", *options]) == 0
    assert record.read_text(encoding="utf-8") == MODELINE + body


def test_lint_says_nothing_about_the_modeline(tmp_path: Path, capsys) -> None:
    original = REPO / "records" / "NCT02213705.yaml"
    copy = tmp_path / original.name
    copy.write_text(MODELINE + original.read_text(encoding="utf-8"), encoding="utf-8")

    code, findings, _ = lint_json(capsys, str(original))
    code_with, findings_with, _ = lint_json(capsys, str(copy))

    assert findings  # the record's real defects, so that the comparison means something
    assert code_with == code
    shifted = [
        {**f, "file": str(original), "line": f["line"] - 1, "end_line": f["end_line"] - 1}
        for f in findings_with
    ]
    for finding in shifted:
        for related in finding["related"]:
            related["line"] -= 1
    assert shifted == findings


@pytest.mark.parametrize("location", ["", "a\nb"])
def test_a_modeline_location_is_one_line_of_text(location: str, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["import", "x.json", "--out", str(tmp_path), "--modeline", location])
    assert exit_.value.code == 2
    assert "the schema's location is one line of text" in capsys.readouterr().err
