"""trialint import: registry downloads (API v2 JSON, the website's zip, legacy XML) to records."""

from __future__ import annotations

import csv
import functools
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from trialint import cli
from trialint.ctgov import write as writer
from trialint.ctgov.basecopy import BASE_FOLDER
from trialint.ctgov.legacy_xml import masking, partial_date, textblock
from trialint.ctgov.sources import read_sources
from trialint.ctgov.write import render
from trialint.document.load import load_bytes, load_file

from conftest import SHARED, lint_json, needs_shared

CORPUS = SHARED / "corpus"
V2 = CORPUS / "ctgov-v2"
XML = CORPUS / "ctgov-xml"
XML_VERSIONS = CORPUS / "ctgov-xml-versions"
BAD_XML = XML_VERSIONS / "NCT02654730__2016-09-08__facaa8f984.xml"
SAMPLE_IDS = ("NCT00000410", "NCT00002708")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def study(nct: str, **protocol: Any) -> dict[str, Any]:
    """A small study in the API v2 shape (enough for the writer; not a valid record)."""
    return {"protocolSection": {"identificationModule": {"nctId": nct}, **protocol}}


def records(folder: Path) -> list[str]:
    """The files of ``folder`` but the hidden ones (the base copies of import --update)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def yaml11(path: Path) -> Any:
    """The record as PyYAML (YAML 1.1, as many other tools) reads it (libyaml's parser when
    present: the same YAML 1.1 resolution, ten times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def yaml12(path: Path) -> Any:
    """The record as trialint (YAML 1.2) reads it."""
    loaded = load_file(path)
    assert not loaded.problems, loaded.problems
    (only,) = loaded.studies
    return only.data


def imported(path: Path) -> dict[str, Any]:
    """The one study a source holds, converted."""
    (item,) = list(read_sources(path))
    return item.study


# --- JSON shapes ------------------------------------------------------------------------------


def test_single_list_and_page_name_files_by_nct_id(tmp_path: Path, capsys) -> None:
    one, two, three = study("NCT00000001"), study("NCT00000002"), study("NCT00000003")
    (tmp_path / "single.json").write_text(json.dumps(one))
    (tmp_path / "list.json").write_text(json.dumps([two]))
    (tmp_path / "page.json").write_text(json.dumps({"studies": [three], "nextPageToken": "x"}))
    out = tmp_path / "out"
    code, _, err = run(
        capsys, *(str(tmp_path / n) for n in ("single.json", "list.json", "page.json")),
        "--out", str(out),
    )  # fmt: skip
    assert code == 0, err
    assert records(out) == ["NCT00000001.yaml", "NCT00000002.yaml", "NCT00000003.yaml"]
    assert yaml11(out / "NCT00000003.yaml") == three
    assert err.strip().splitlines()[-1] == f"imported 3 studies into {out}"


@needs_shared
def test_a_folder_is_searched_like_the_allpublicxml_archive(tmp_path: Path, capsys) -> None:
    archive = tmp_path / "AllPublicXML"
    xml_ids = ("NCT00001177", "NCT00023673")
    for nct in xml_ids:
        folder = archive / f"{nct[:7]}xxxx"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{nct}.xml").write_bytes((XML / f"{nct}.xml").read_bytes())
    (archive / "NCT0000xxxx" / "notes.txt").write_text("not a source", encoding="utf-8")
    (archive / "Contents.txt").write_text("the archive's index", encoding="utf-8")
    (archive / ".cache").mkdir()
    (archive / ".cache" / "stale.json").write_text(json.dumps(study("NCT09999999")))
    (archive / "extra.json").write_text(json.dumps([study("NCT00000001")]), encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, str(archive), "--out", str(out))
    assert code == 0, err
    assert records(out) == ["NCT00000001.yaml", *(f"{nct}.yaml" for nct in xml_ids)]
    first_line = (out / "NCT00023673.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# Imported by trialint from AllPublicXML/NCT0002xxxx/NCT00023673.xml"
    assert err.strip().splitlines()[-1] == f"imported 3 studies into {out}"


def test_a_folder_without_sources_is_an_error_and_the_others_are_imported(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("nothing to import", encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps(study("NCT00000001")), encoding="utf-8")
    code, _, err = run(
        capsys, str(tmp_path / "empty"), str(tmp_path / "good.json"),
        "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert code == 2
    assert err.splitlines()[0] == (
        f"trialint: error: {tmp_path / 'empty'}: the folder holds no .json, .xml or .zip file"
    )
    assert records(tmp_path / "out") == ["NCT00000001.yaml"]


@needs_shared
def test_website_zip_of_study_files(tmp_path: Path, capsys) -> None:
    archive = tmp_path / "ctg-studies.json.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for nct in SAMPLE_IDS:
            zipped.write(V2 / f"{nct}.json", f"{nct}.json")
    code, _, err = run(capsys, str(archive), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert records(tmp_path / "out") == [f"{nct}.yaml" for nct in SAMPLE_IDS]
    for nct in SAMPLE_IDS:
        original = json.loads((V2 / f"{nct}.json").read_text(encoding="utf-8"))
        assert yaml12(tmp_path / "out" / f"{nct}.yaml") == original


@needs_shared
def test_zip_holding_a_page_and_xml(tmp_path: Path, capsys) -> None:
    page = {"studies": [json.loads((V2 / f"{n}.json").read_text()) for n in SAMPLE_IDS]}
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("page.json", json.dumps(page))
        zipped.write(XML / "NCT00002475.xml", "xml/NCT00002475.xml")
        zipped.writestr("README.txt", "not a record")
    code, _, err = run(capsys, str(archive), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert records(tmp_path / "out") == ["NCT00000410.yaml", "NCT00002475.yaml", "NCT00002708.yaml"]


@needs_shared
def test_json_round_trip_over_the_whole_corpus(tmp_path: Path, capsys) -> None:
    """Every corpus record, written and read back, is the registry's JSON again: through YAML
    1.2 (trialint) and YAML 1.1 (PyYAML), whose extra booleans and dates quoting prevents."""
    files = sorted(V2.glob("*.json"))
    assert len(files) > 800
    code, _, err = run(capsys, *map(str, files), "--out", str(tmp_path))
    assert code == 0, err
    for path in files:
        original = json.loads(path.read_text(encoding="utf-8"))
        written = tmp_path / f"{path.stem}.yaml"
        assert yaml11(written) == original, path.name
        assert yaml12(written) == original, path.name


@needs_shared
def test_imported_json_lints_without_schema_findings(tmp_path: Path, capsys) -> None:
    run(capsys, *(str(V2 / f"{n}.json") for n in SAMPLE_IDS), "--out", str(tmp_path))
    code, findings, err = lint_json(capsys, "--select", "S", str(tmp_path))
    assert (code, findings, err) == (0, [], "")


# --- YAML readability -------------------------------------------------------------------------


TRICKY = ["yes", "no", "on", "off", "Y", "NA", "null", "~", "2014-05-06", "1e3", "0123",
          "0x1F", "12:30", "1_000", ".inf", "true", "", " lead", "trail ", "a: b", "#x", "- x",
          "tab\tin", "é ≥ 5"]  # fmt: skip


def test_strings_a_yaml_11_reader_would_retype_stay_strings(tmp_path: Path) -> None:
    data = study("NCT00000001", conditionsModule={"keywords": TRICKY, "conditions": ["x"]})
    path = tmp_path / "r.yaml"
    path.write_text(render(data), encoding="utf-8")
    assert yaml11(path) == data
    assert yaml12(path) == data
    assert '      - "2014-05-06"\n' in path.read_text()


def test_multi_line_text_is_a_literal_block_and_key_order_kept(tmp_path: Path) -> None:
    criteria = "Inclusion Criteria:\n\n* Age \\>= 18\n  * nested\n\nExclusion Criteria:\n\n* none"
    data = study(
        "NCT00000001",
        statusModule={"overallStatus": "RECRUITING", "statusVerifiedDate": "2024-01"},
        eligibilityModule={"eligibilityCriteria": criteria, "sex": "ALL"},
        descriptionModule={"briefSummary": "x" * 500},
    )
    text = render(data, "Imported by trialint from test.json")
    assert text.startswith("# Imported by trialint from test.json\nprotocolSection:\n")
    assert "    eligibilityCriteria: |-\n      Inclusion Criteria:\n\n      * Age \\>= 18\n" in text
    assert "    briefSummary: " + "x" * 500 + "\n" in text  # one line: never folded
    keys = [line.strip().split(":")[0] for line in text.splitlines() if line.startswith("    ")
            and not line.startswith("     ")]  # fmt: skip
    assert keys[:3] == ["nctId", "overallStatus", "statusVerifiedDate"]  # as given, not sorted
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    assert yaml11(path) == data


@pytest.mark.parametrize(
    "text",
    [
        "trailing blank \nline",
        "a\r\nb",
        "tab\t\nx",
        "\n leading newline",
        "end newline\n\n",
        "  indented first\nline",
        "x\x85y",
        "bell\x07\nx",
        "ls\u2028x",
        "\ufeffbom",
    ],
)
def test_text_a_block_cannot_hold_is_kept_exactly(tmp_path: Path, text: str) -> None:
    data = study("NCT00000001", descriptionModule={"briefSummary": text})
    path = tmp_path / "r.yaml"
    path.write_text(render(data), encoding="utf-8", newline="")
    assert yaml.safe_load(path.read_bytes().decode("utf-8")) == data


EDGES = {
    "nested": [["p", "q"], [], [{"z": 1}], {}, None, "", "x\n y", "  ind\nx", "end\n\n", "\n"],
    "numbers": [0, -5, 1.5e-7, 40.7128, -73.0, True, False, 10**30],
    "quoting": ["o'x: y", "0o17", "a\tb", "a: b", "#x", "x #y", "x#y", "ends:", "-x", "- x",
                "?x", "? x", ":x", "---x", "...", "(a) b", "é ≥ 5", "x\ufeffy", "it's"],
    "none": None, "emptyMap": {}, "emptyList": [], "lit": "  ind\nx", "keep": "a\n\n",
    "": "empty key", "yes": "a key YAML 1.1 reads as a boolean", "a: b": 1,
}  # fmt: skip


@pytest.mark.parametrize("long_key", [False, True])
def test_layout_is_ruamel_round_trip_layout(tmp_path: Path, long_key: bool) -> None:
    """The writer lays records out as ruamel.yaml's round-trip dumper did (mapping indent 2,
    sequence dash at 2), byte for byte; a key that cannot be a simple key is left to it."""
    data = study("NCT00000001", edges=dict(EDGES, **({"k" * 130: "v"} if long_key else {})))
    data["protocolSection"]["keywords"] = TRICKY
    comment = "Imported by trialint from test.json\n\nNot mapped (no API v2 field): a, b"
    text = render(data, comment)
    assert text == writer._render_ruamel(data, comment)
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    assert yaml11(path) == data
    assert yaml12(path) == data


@functools.cache
def corpus_studies(*folders: Path) -> list[tuple[str, dict[str, Any]]]:
    """The studies of the corpus (of ``folders``, by default all of it), read once a run."""
    sources = [
        path
        for folder, pattern in ((V2, "*.json"), (XML, "*.xml"))
        if not folders or folder in folders
        for path in sorted(folder.glob(pattern))
    ]
    return [(path.name, item.study) for path in sources for item in read_sources(path)]


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in (key, *strings(item))]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return [value] if isinstance(value, str) else []


@needs_shared
def test_every_legacy_xml_study_written_loads_back_equal() -> None:
    """Legacy XML imports, through YAML 1.1 (PyYAML) and 1.2 (trialint), as the JSON imports
    are (``test_json_round_trip_over_the_whole_corpus``, through the same writer)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    studies = corpus_studies(XML)
    assert len(studies) > 100
    for name, data in studies:
        text = render(data, f"Imported by trialint from {name}")
        assert yaml.load(text, Loader=loader) == data, name
        loaded = load_bytes(text.encode("utf-8"), name, "yaml")
        assert not loaded.problems, (name, loaded.problems)
        (only,) = loaded.studies
        assert only.data == data, name


@needs_shared
def test_plain_scalar_shortcut_agrees_with_the_emitters_analysis() -> None:
    """The writer skips ruamel.yaml's character-by-character analysis for strings its
    shortcut says a plain scalar can hold: the analysis must agree on every one."""
    texts = {s for _, data in corpus_studies() for s in strings(data)}
    texts |= set(TRICKY) | set(strings(EDGES))
    texts |= {f"{a}{b}{c}" for a in "a-?:# '(" for b in ": #-'\t" for c in ": #x"}
    shortcut = [t for t in texts if writer._PLAIN_SYNTAX.fullmatch(t)]
    assert len(shortcut) > 1000
    assert [t for t in shortcut if not writer._ANALYSIS.analyze_scalar(t).allow_block_plain] == []


# --- legacy XML -------------------------------------------------------------------------------


def test_value_conversions() -> None:
    assert partial_date("January 2014") == "2014-01"
    assert partial_date("January 15, 2014") == "2014-01-15"
    assert partial_date("March 5, 2019") == "2019-03-05"
    assert textblock("\n      First line\n        indented\n\n      last   \n    ") == (
        "First line\n  indented\n\nlast"
    )
    assert masking("None (Open Label)") == {"masking": "NONE"}
    assert masking("No masking") == {"masking": "NONE"}
    assert masking("Double (Participant, Investigator)") == {
        "masking": "DOUBLE", "whoMasked": ["PARTICIPANT", "INVESTIGATOR"],
    }  # fmt: skip
    assert masking("Single Blind (Subject)") == {"masking": "SINGLE", "whoMasked": ["PARTICIPANT"]}
    # Before 2017 "Double Blind" named the design; the registry re-expressed it by roles masked.
    assert masking("Double Blind (Subject, Caregiver, Investigator, Outcomes Assessor)") == {
        "masking": "QUADRUPLE",
        "whoMasked": ["PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR"],
    }
    assert masking("Participant, Outcomes Assessor")["masking"] == "DOUBLE"


@needs_shared
def test_xml_current_vocabulary() -> None:
    protocol = imported(XML / "NCT03377387.xml")["protocolSection"]
    status = protocol["statusModule"]
    assert status["overallStatus"] == "RECRUITING"
    assert status["statusVerifiedDate"] == "2020-07"
    assert status["startDateStruct"] == {"date": "2017-12-13", "type": "ACTUAL"}
    assert status["primaryCompletionDateStruct"] == {"date": "2021-12", "type": "ESTIMATED"}
    assert status["studyFirstPostDateStruct"] == {"date": "2017-12-19", "type": "ACTUAL"}
    assert status["lastUpdateSubmitDate"] == "2020-07-13"
    design = protocol["designModule"]
    assert design["studyType"] == "INTERVENTIONAL"
    assert design["phases"] == ["PHASE1", "PHASE2"]
    assert design["designInfo"]["allocation"] == "NA"
    assert design["designInfo"]["interventionModel"] == "SINGLE_GROUP"
    assert design["designInfo"]["maskingInfo"] == {"masking": "NONE"}
    assert design["enrollmentInfo"] == {"count": 48, "type": "ESTIMATED"}
    eligibility = protocol["eligibilityModule"]
    assert eligibility["sex"] == "FEMALE"
    assert eligibility["genderBased"] is True
    assert eligibility["minimumAge"] == "18 Years"
    assert "maximumAge" not in eligibility  # N/A: no limit
    assert eligibility["healthyVolunteers"] is False
    assert eligibility["eligibilityCriteria"].startswith("Inclusion Criteria:\n\n-  Aged ≥18")
    (arm,) = protocol["armsInterventionsModule"]["armGroups"]
    assert arm["type"] == "EXPERIMENTAL"
    assert arm["interventionNames"][:2] == ["Drug: Capecitabine", "Drug: Neratinib"]
    assert arm["description"].endswith("(+/- 3 days).\nThe MD has been determined as 240mg "
                                       "of neratinib and 1000mg BID of capecitabine.")  # fmt: skip
    sponsors = protocol["sponsorCollaboratorsModule"]
    assert sponsors["leadSponsor"] == {"name": "Memorial Sloan Kettering Cancer Center",
                                       "class": "OTHER"}  # fmt: skip
    assert sponsors["collaborators"] == [{"name": "Puma Biotechnology, Inc.", "class": "INDUSTRY"}]
    location = protocol["contactsLocationsModule"]["locations"][0]
    assert location["status"] == "RECRUITING"
    assert location["zip"] == "06102"


@needs_shared
def test_xml_current_vocabulary_agrees_with_the_registrys_v2_record() -> None:
    """NCT03377387 is in both corpora (different versions): the fields that did not change
    between them come out of the XML as the registry's own JSON has them."""
    mine = imported(XML / "NCT03377387.xml")["protocolSection"]
    theirs = json.loads((V2 / "NCT03377387.json").read_text())["protocolSection"]
    for module, key in [
        ("identificationModule", "orgStudyIdInfo"), ("identificationModule", "briefTitle"),
        ("statusModule", "startDateStruct"), ("statusModule", "studyFirstSubmitDate"),
        ("statusModule", "studyFirstPostDateStruct"), ("designModule", "phases"),
        ("sponsorCollaboratorsModule", "leadSponsor"), ("conditionsModule", "conditions"),
        ("eligibilityModule", "sex"), ("eligibilityModule", "minimumAge"),
    ]:  # fmt: skip
        assert mine[module][key] == theirs[module][key], (module, key)
    assert mine["designModule"]["designInfo"] == theirs["designModule"]["designInfo"]
    mine_arms = mine["armsInterventionsModule"]["armGroups"]
    theirs_arms = theirs["armsInterventionsModule"]["armGroups"]
    assert [(a["label"], a["type"], a["interventionNames"]) for a in mine_arms] == [
        (a["label"], a["type"], a["interventionNames"]) for a in theirs_arms
    ]


@needs_shared
def test_xml_pre_2017_vocabulary() -> None:
    protocol = imported(XML_VERSIONS / "NCT02970669__2016-11-17__82c52545c3.xml")["protocolSection"]
    status = protocol["statusModule"]
    assert status["overallStatus"] == "NOT_YET_RECRUITING"
    assert status["startDateStruct"] == {"date": "2016-12"}  # no type before 2017
    assert status["completionDateStruct"] == {"date": "2018-10", "type": "ESTIMATED"}
    assert status["studyFirstSubmitDate"] == "2016-11-17"  # firstreceived_date
    assert status["lastUpdateSubmitDate"] == "2016-11-17"  # lastchanged_date
    design = protocol["designModule"]
    assert design["phases"] == ["PHASE4"]
    # <study_design>Allocation: Randomized, Intervention Model: Parallel Assignment,
    # Masking: Double Blind (Subject, Investigator)</study_design>
    assert design["designInfo"] == {
        "allocation": "RANDOMIZED",
        "interventionModel": "PARALLEL",
        "maskingInfo": {"masking": "DOUBLE", "whoMasked": ["PARTICIPANT", "INVESTIGATOR"]},
    }
    assert design["enrollmentInfo"] == {"count": 136, "type": "ESTIMATED"}
    arms = protocol["armsInterventionsModule"]["armGroups"]
    assert [a["type"] for a in arms] == ["EXPERIMENTAL", "ACTIVE_COMPARATOR"]
    eligibility = protocol["eligibilityModule"]
    assert (eligibility["sex"], eligibility["minimumAge"], eligibility["maximumAge"]) == (
        "ALL", "18 Years", "80 Years",
    )  # fmt: skip
    assert protocol["sponsorCollaboratorsModule"]["leadSponsor"]["class"] == "INDUSTRY"

    old = imported(XML / "NCT00002475.xml")["protocolSection"]
    assert old["statusModule"]["startDateStruct"] == {"date": "1991-04"}
    assert old["statusModule"]["statusVerifiedDate"] == "2008-11"
    assert old["eligibilityModule"]["sex"] == "ALL"  # <gender>Both</gender>
    assert old["designModule"]["designInfo"] == {"primaryPurpose": "TREATMENT"}
    assert old["descriptionModule"]["briefSummary"].startswith(
        "RATIONALE: Drugs used in chemotherapy work in different ways to stop tumor cells from\n"
        "dividing"
    )


@needs_shared
def test_xml_observational_registry() -> None:
    design = imported(XML / "NCT01076361.xml")["protocolSection"]["designModule"]
    assert design["studyType"] == "OBSERVATIONAL"
    assert design["patientRegistry"] is True
    assert "phases" not in design  # the XML's N/A: API v2 gives observational studies none
    assert design["designInfo"] == {
        "observationalModel": "COHORT",
        "timePerspective": "PROSPECTIVE",
    }


def _import_each(paths: list[Path], out: Path) -> None:
    """Every file into a folder of its own (versions of one study share an NCT number)."""
    for path in paths:
        code = cli.main(["import", str(path), "--out", str(out / path.stem)])
        assert code == 0, path.name


@needs_shared
def test_every_xml_file_imports_without_schema_findings(tmp_path: Path, capsys) -> None:
    files = sorted(XML.glob("*.xml"))
    code, _, err = run(capsys, *map(str, files), "--out", str(tmp_path / "current"))
    assert code == 0, err
    assert len(list((tmp_path / "current").glob("*.yaml"))) == len(files)
    versions = [p for p in sorted(XML_VERSIONS.glob("*.xml")) if p != BAD_XML]
    _import_each(versions, tmp_path / "versions")
    capsys.readouterr()
    code, findings, err = lint_json(capsys, "--select", "S", str(tmp_path))
    assert findings == []
    assert (code, err) == (0, "")


@needs_shared
def test_a_withheld_record_needs_no_field_the_registry_does_not_serve(
    tmp_path: Path, capsys
) -> None:
    """The registry serves a WITHHELD record without a verification date or a summary: the
    schema accepts it, so the importer has nothing to say of it and nothing to silence."""
    code, _, err = run(capsys, str(XML / "NCT03182660.xml"), "--out", str(tmp_path))
    assert code == 0
    assert "required fields" not in err
    text = (tmp_path / "NCT03182660.yaml").read_text()
    assert "ignore-file" not in text
    assert (
        yaml11(tmp_path / "NCT03182660.yaml")["protocolSection"]["statusModule"]["overallStatus"]
        == "WITHHELD"
    )


@needs_shared
def test_unmapped_xml_fields_are_reported(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, str(XML / "NCT00002475.xml"), "--out", str(tmp_path))
    assert code == 0
    (note,) = [line for line in err.splitlines() if line.startswith("trialint: note:")]
    assert note.startswith("trialint: note: NCT00002475: not mapped: ")
    for path in ("oversight_info/authority", "primary_outcome/safety_issue", "is_section_801"):
        assert path in note
    assert "required_header" not in note  # download metadata
    assert "Not mapped (no API v2 field): " in (tmp_path / "NCT00002475.yaml").read_text()


def test_unknown_elements_and_values_are_reported(tmp_path: Path, capsys) -> None:
    source = tmp_path / "NCT00000009.xml"
    source.write_text(
        "<clinical_study><required_header><url>x</url></required_header>"
        "<id_info><nct_id>NCT00000009</nct_id></id_info>"
        "<overall_status>Recruiting</overall_status><phase>Phase 9</phase>"
        "<new_field><inner>1</inner></new_field></clinical_study>",
        encoding="utf-8",
    )
    code, _, err = run(capsys, str(source), "--out", str(tmp_path / "out"))
    assert code == 0
    assert "not mapped: new_field, phase (phase 'Phase 9')" in err
    data = yaml11(tmp_path / "out" / "NCT00000009.yaml")
    assert data["protocolSection"]["statusModule"] == {"overallStatus": "RECRUITING"}


# --- writing, errors --------------------------------------------------------------------------


def test_existing_records_need_force(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "NCT00000001.yaml"
    kept.write_text("# curated by hand\n", encoding="utf-8")
    source = tmp_path / "two.json"
    source.write_text(json.dumps([study("NCT00000001"), study("NCT00000002")]))
    code, _, err = run(capsys, str(source), "--out", str(out))
    assert code == 2
    assert f"trialint: error: {kept} exists (use --force to overwrite)" in err
    assert err.strip().splitlines()[-1] == (
        f"imported 1 study into {out} (1 skipped: exist; use --force)"
    )
    assert kept.read_text() == "# curated by hand\n"
    assert (out / "NCT00000002.yaml").exists()
    code, _, err = run(capsys, str(source), "--out", str(out), "--force")
    assert code == 0, err
    assert yaml11(kept) == study("NCT00000001")
    hidden = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert hidden == [BASE_FOLDER]  # no temporary files left


@needs_shared
def test_malformed_sources_are_one_line_errors_and_the_rest_is_imported(
    tmp_path: Path, capsys
) -> None:
    broken_json = tmp_path / "broken.json"
    broken_json.write_text('{"protocolSection": ', encoding="utf-8")
    not_a_study = tmp_path / "other.json"
    not_a_study.write_text('{"hello": 1}', encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(study("NCT00000001")), encoding="utf-8")
    missing = tmp_path / "missing.json"
    code, _, err = run(
        capsys, str(broken_json), str(BAD_XML), str(not_a_study), str(missing), str(good),
        "--out", str(tmp_path / "out"),
    )  # fmt: skip
    assert code == 2
    errors = [line for line in err.splitlines() if line.startswith("trialint: error:")]
    assert errors == [
        f"trialint: error: {broken_json}: not valid JSON: Expecting value (line 1, column 21)",
        f"trialint: error: {BAD_XML}: not well-formed XML (line 86, column 34)",
        f"trialint: error: {not_a_study}: not an API v2 study (no protocolSection)",
        f"trialint: error: {missing}: no such file or folder",
    ]
    assert records(tmp_path / "out") == ["NCT00000001.yaml"]


def test_json_nested_too_deeply_is_one_error_and_the_rest_is_imported(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps(study("NCT00000001")), encoding="utf-8")
    code, _, err = run(capsys, str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err.splitlines()[0] == (
        f"trialint: error: {tmp_path / 'deep.json'}: values nested too deeply to read"
    )
    assert records(tmp_path / "out") == ["NCT00000001.yaml"]


def test_a_source_name_that_is_not_utf8_is_escaped_in_the_record(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / os.fsdecode(b"study-\xe9.json")).write_text(json.dumps(study("NCT00000001")))
    code, _, err = run(capsys, str(folder), "--out", str(tmp_path / "out"))
    assert code == 0, err
    first_line = (tmp_path / "out" / "NCT00000001.yaml").read_text(encoding="utf-8").split("\n")[0]
    assert first_line == "# Imported by trialint from downloads/study-\\udce9.json"


def test_same_study_twice_in_one_run_is_not_silently_overwritten(tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(study("NCT00000001", descriptionModule={"briefSummary": "a"})))
    second.write_text(json.dumps(study("NCT00000001", descriptionModule={"briefSummary": "b"})))
    code, _, err = run(capsys, str(first), str(second), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "NCT00000001 was already imported from an earlier source in this run" in err
    written = yaml11(tmp_path / "out" / "NCT00000001.yaml")
    assert written["protocolSection"]["descriptionModule"]["briefSummary"] == "a"


# --- diff of two imported versions ------------------------------------------------------------


@needs_shared
def test_diff_of_two_imported_xml_versions_reports_the_status_change(
    tmp_path: Path, capsys
) -> None:
    from trialint.diff.compare import compare_studies

    rows = {r["file"]: r for r in csv.DictReader((XML_VERSIONS / "VERSIONS.csv").open())}
    old_file = "NCT02586688__2016-06-15__ffc77ae94c.xml"
    new_file = "NCT02586688__2018-02-02__2487e2cd81.xml"
    for name in (old_file, new_file):
        assert rows[name]["modified_fixture"] == "False"
        assert rows[name]["likely_real_version"] == "True"
    for name, folder in ((old_file, "old"), (new_file, "new")):
        assert cli.main(["import", str(XML_VERSIONS / name), "--out", str(tmp_path / folder)]) == 0
    old = yaml12(tmp_path / "old" / "NCT02586688.yaml")
    new = yaml12(tmp_path / "new" / "NCT02586688.yaml")
    changes = {change.path: change for change in compare_studies(old, new).changes}
    status = changes["overallStatus"]
    assert (status.old, status.new) == ("RECRUITING", "ACTIVE_NOT_RECRUITING")
    # Masking was "Double Blind (Subject, Caregiver, Investigator, Outcomes Assessor)" in 2016
    # and "Quadruple (Participant, Care Provider, ...)" in 2018: the same design, no change.
    assert not [path for path in changes if "masking" in path.lower()]


def test_an_nct_id_that_is_not_one_names_no_file(tmp_path: Path, capsys) -> None:
    source = tmp_path / "evil.json"
    source.write_text(json.dumps([study("../../escape"), study("NCT00000001")]))
    code, _, err = run(capsys, str(source), "--out", str(tmp_path / "out"))
    assert code == 2
    assert f"trialint: error: {source}[0]: '../../escape' is not an NCT number" in err
    assert records(tmp_path / "out") == ["NCT00000001.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.json", "out"]


def test_records_get_the_usual_permissions_and_name_their_source(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in" / "one.json"
    source.parent.mkdir()
    source.write_text(json.dumps(study("NCT00000001")))
    assert run(capsys, str(source), "--out", str(tmp_path / "out"))[0] == 0
    written = tmp_path / "out" / "NCT00000001.yaml"
    assert written.read_text().startswith("# Imported by trialint from one.json\n")
    reference = tmp_path / "reference"
    reference.write_text("")
    assert written.stat().st_mode & 0o777 == reference.stat().st_mode & 0o777


def test_a_number_too_long_to_read_is_one_error_and_the_rest_is_imported(
    tmp_path: Path, capsys
) -> None:
    (tmp_path / "long.json").write_text('{"protocolSection": ' + "9" * 5000 + "}", "utf-8")
    (tmp_path / "good.json").write_text(json.dumps(study("NCT00000001")), encoding="utf-8")
    code, _, err = run(capsys, str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err.splitlines()[0] == (
        f"trialint: error: {tmp_path / 'long.json'}: a number of more than 4,300 digits: "
        "not a registry record"
    )
    assert records(tmp_path / "out") == ["NCT00000001.yaml"]


def test_a_study_trialint_fails_on_is_one_error_and_the_others_are_imported(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from trialint.ctgov import write

    render = write.render

    def fails_on_the_second(data: dict[str, Any], comment: str) -> str:
        if data["protocolSection"]["identificationModule"]["nctId"] == "NCT00000002":
            raise TypeError("unhashable type: 'list'")
        return render(data, comment)

    monkeypatch.setattr(write, "render", fails_on_the_second)
    page = {"studies": [study(f"NCT0000000{n}") for n in (1, 2, 3)]}
    (tmp_path / "page.json").write_text(json.dumps(page), encoding="utf-8")
    code, _, err = run(capsys, str(tmp_path / "page.json"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err.splitlines() == [
        f"trialint: error: {tmp_path / 'page.json'}[1]: NCT00000002: internal error: TypeError: "
        "unhashable type: 'list' (please report this with the file)",
        f"imported 2 studies into {tmp_path / 'out'}",
    ]
    assert records(tmp_path / "out") == ["NCT00000001.yaml", "NCT00000003.yaml"]


def test_a_source_trialint_fails_on_is_one_error_and_the_other_sources_are_imported(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from trialint.ctgov import sources

    studies_of_json = sources.studies_of_json

    def fails_on_one(document: Any, origin: str):
        if origin.endswith("bad.json"):
            raise KeyError("protocolSection")
        return studies_of_json(document, origin)

    monkeypatch.setattr(sources, "studies_of_json", fails_on_one)
    for name, nct in (("bad.json", "NCT00000001"), ("good.json", "NCT00000002")):
        (tmp_path / name).write_text(json.dumps(study(nct)), encoding="utf-8")
    bad, good = tmp_path / "bad.json", tmp_path / "good.json"
    code, _, err = run(capsys, str(bad), str(good), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err.splitlines() == [
        f"trialint: error: {bad}: internal error: KeyError: 'protocolSection' (please report "
        "this with the file)",
        f"imported 1 study into {tmp_path / 'out'}",
    ]
    assert records(tmp_path / "out") == ["NCT00000002.yaml"]


def test_force_never_writes_through_a_symbolic_link(tmp_path: Path, capsys) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.yaml"
    out.mkdir()
    elsewhere.write_text("# not a record of this registry\n", encoding="utf-8")
    (out / "NCT00000001.yaml").symlink_to(elsewhere)
    source = tmp_path / "one.json"
    source.write_text(json.dumps(study("NCT00000001")), encoding="utf-8")
    code, _, err = run(capsys, str(source), "--out", str(out), "--force")
    assert code == 2
    assert err.splitlines()[0] == (
        f"trialint: error: cannot write {out / 'NCT00000001.yaml'}: {out / 'NCT00000001.yaml'} "
        "is a symbolic link; trialint never writes through one"
    )
    assert elsewhere.read_text(encoding="utf-8") == "# not a record of this registry\n"
    assert (out / "NCT00000001.yaml").is_symlink()


def test_the_required_fields_a_source_lacks_are_the_schemas() -> None:
    from trialint.lint.schema import SchemaCheck
    from trialint.resources import study_schema

    data = study("NCT00000001")
    data["protocolSection"]["statusModule"] = {"overallStatus": "COMPLETED"}
    missing = SchemaCheck(study_schema()).missing_required(data)
    assert missing == [
        "conditionsModule", "descriptionModule", "designModule", "eligibilityModule",
        "identificationModule.briefTitle", "identificationModule.orgStudyIdInfo",
        "sponsorCollaboratorsModule", "statusModule.statusVerifiedDate",
    ]  # fmt: skip


def test_a_zip_member_that_inflates_past_the_limit_is_refused_and_the_rest_imported(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from trialint.sources import zips

    monkeypatch.setattr(zips, "MAX_MEMBER_BYTES", 2**20)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("NCT00000001.json", json.dumps(study("NCT00000001")))
        zipped.writestr("NCT00000002.json", '{"a": "' + "0" * 2 * 2**20 + '"}')
    code, _, err = run(capsys, str(archive), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err.splitlines()[0] == (
        f"trialint: error: {archive}!NCT00000002.json: cannot read from the archive: refused: "
        "it inflates to 2,097,161 bytes, past the 1 MB no record needs"
    )
    assert records(tmp_path / "out") == ["NCT00000001.yaml"]


def test_a_zips_hidden_files_and_resource_forks_are_passed_over(tmp_path: Path, capsys) -> None:
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("NCT00000001.json", json.dumps(study("NCT00000001")))
        zipped.writestr("__MACOSX/._NCT00000001.json", b"\x00\x05\x16\x07")
        zipped.writestr(".hidden.json", "{}")
        zipped.writestr("../escape.json", json.dumps(study("NCT00000002")))
    code, _, err = run(capsys, str(archive), "--out", str(tmp_path / "out"))
    assert code == 2
    assert err.splitlines()[0] == (
        f"trialint: error: {archive}!../escape.json: refused: its name climbs out of the "
        "archive (an absolute path or '..')"
    )
    assert records(tmp_path / "out") == ["NCT00000001.yaml"]


# --- a large list or page, a study at a time ----------------------------------------------------


def _import_folder(capsys, monkeypatch, source: Path, out: Path, threshold: int):
    from trialint.document import load

    monkeypatch.setattr(load, "STREAM_FROM", threshold)
    code, _, err = run(capsys, str(source), "--out", str(out))
    return code, err, {name: (out / name).read_bytes() for name in records(out)}


@pytest.mark.parametrize("page", [False, True])
def test_a_large_list_or_page_is_imported_a_study_at_a_time_as_if_whole(
    tmp_path: Path, capsys, monkeypatch, page: bool
) -> None:
    from trialint.sources.inputs import DiskInput

    studies = [study(f"NCT0000000{n}", conditionsModule={"conditions": [f"C{n}"]})
               for n in range(1, 6)]  # fmt: skip
    document: Any = {"studies": studies, "nextPageToken": None} if page else studies
    source = tmp_path / "ctg-studies.json"
    source.write_text(json.dumps(document, indent=2), encoding="utf-8")
    whole = _import_folder(capsys, monkeypatch, source, tmp_path / "whole", 1 << 40)

    def never(self: DiskInput) -> bytes:
        raise AssertionError(f"{self.name} read whole")

    monkeypatch.setattr(DiskInput, "read", never)
    streamed = _import_folder(capsys, monkeypatch, source, tmp_path / "streamed", 0)
    assert streamed[0] == whole[0] == 0
    assert streamed[2] == whole[2] and len(whole[2]) == 5
    assert streamed[1].replace("streamed", "whole") == whole[1]


def test_a_broken_study_in_a_large_list_stops_only_itself(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    good = [json.dumps(study(f"NCT0000000{n}")) for n in (1, 2)]
    source = tmp_path / "ctg-studies.json"
    source.write_text(f'[\n{good[0]},\n{{"protocolSection": [1,,2]}},\n{good[1]}\n]\n')
    code, err, written = _import_folder(capsys, monkeypatch, source, tmp_path / "out", 0)
    assert code == 2  # as for any source that cannot be read whole: the others are written
    assert sorted(written) == ["NCT00000001.yaml", "NCT00000002.yaml"]
    [problem] = [line for line in err.splitlines() if line.startswith("trialint: error:")]
    assert problem.startswith(f"trialint: error: {source}: ") and "(line 3, column " in problem
