"""The real records: all 837 API v2 studies validate, as JSON and as YAML, with exact positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from trialint.document.locators import IndentedJsonLocator, JsonLocator, SpanLocator
from trialint.document.yaml12 import parse_yaml
from trialint.lint.runner import Linter

from conftest import SHARED, needs_shared

CORPUS = SHARED / "corpus" / "ctgov-v2"

pytestmark = needs_shared


@pytest.fixture(scope="module")
def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("NCT*.json"))
    assert len(files) == 837
    return files


def schema_findings(result):
    """Findings of the file (F) and schema (S) families: what 'valid' means for a record."""
    return [f for f in result.findings if f.rule.code[0] in "FS"]


def test_every_corpus_record_validates_as_json(corpus_files):
    result = Linter().lint_paths([str(CORPUS)])
    assert (result.files, result.studies) == (837, 837)
    assert schema_findings(result) == []
    assert result.errors == []


def test_every_corpus_record_validates_as_yaml(corpus_files, tmp_path):
    for path in corpus_files:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)
        (tmp_path / f"{path.stem}.yaml").write_text(text, encoding="utf-8")
    result = Linter().lint_paths([str(tmp_path)])
    assert (result.files, result.studies) == (837, 837)
    assert schema_findings(result) == []


def test_json_is_read_the_same_by_the_yaml_reader(corpus_files):
    """JSON with duplicate keys is read through the YAML reader: it must see the same data."""
    for path in corpus_files:
        text = path.read_text(encoding="utf-8")
        parsed = parse_yaml(text)
        assert parsed.problems == [], path.name
        assert parsed.documents == [json.loads(text)], path.name


def paths(value, prefix=(), missing=False):
    """Every path of a value; with ``missing``, also one past the end of each container."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*prefix, key), missing)
        if missing:
            yield (*prefix, "noSuchField")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*prefix, index), missing)
        if missing:
            yield (*prefix, len(value))


def test_json_positions_agree_with_the_yaml_reader_on_every_value(corpus_files):
    """The JSON locator walks the text; the YAML reader records every value's offsets while
    parsing. On real records they must agree for every key and value."""
    for path in corpus_files[::20]:
        text = path.read_text(encoding="utf-8")
        parsed = parse_yaml(text)
        by_yaml, by_json = SpanLocator(parsed), JsonLocator(text)
        for tokens in paths(parsed.documents[0]):
            expected, actual = by_yaml.locate(0, tokens), by_json.locate(0, tokens)
            assert actual.found, (path.name, tokens)
            assert actual.key == expected.key, (path.name, tokens)
            assert actual.value[0] == expected.value[0], (path.name, tokens)
            if text[actual.value[0]] not in "{[":
                assert actual.value == expected.value, (path.name, tokens)


def test_the_indented_json_locator_agrees_with_the_scanning_one(corpus_files):
    """Corpus records have the registry's indented layout, so findings in them are located by
    line (IndentedJsonLocator); that must give what scanning the text gives, for every value
    and for every field or entry that is not there."""
    for path in corpus_files[::40]:
        text = path.read_text(encoding="utf-8")
        by_scan, by_line = JsonLocator(text), IndentedJsonLocator(text)
        for tokens in paths(json.loads(text), missing=True):
            assert by_line.locate(0, tokens) == by_scan.locate(0, tokens), (path.name, tokens)


def test_every_legacy_xml_record_validates_once_imported(tmp_path):
    """What the registry serves, the schema accepts: the legacy XML records too (withheld
    records, expanded access without a start date, records without date types), imported
    without any suppression comment."""
    from trialint.ctgov.imported import Imported
    from trialint.ctgov.legacy_xml import convert_xml
    from trialint.ctgov.write import render

    sources = sorted((SHARED / "corpus" / "ctgov-xml").glob("NCT*.xml"))
    for path in sources:
        [item] = convert_xml(path.read_bytes(), path.name)
        assert isinstance(item, Imported)
        (tmp_path / f"{path.stem}.yaml").write_text(render(item.study), encoding="utf-8")
    result = Linter().lint_paths([str(tmp_path)])
    assert result.studies == len(sources) > 100
    assert [(f.study, f.rule.code, f.message) for f in schema_findings(result)] == []
