"""The Python API (trialint.lint, trialint.diff): what a notebook or a script gets back, the
same findings and changes as the command line's, typed, and the README's examples run."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import types
from collections import Counter
from pathlib import Path

import pytest
import yaml

import trialint
from trialint.ctgov.write import render

from conftest import GOOD_RECORD, REPO, TODAY, lint_json, mutate, position_of

# The good record with two defects: an empty list of conditions (S006) and a misspelling with
# a safe fix (T001).
DEFECTS = (
    ("conditions:\n      - Knee Osteoarthritis", "conditions: []"),
    ("Progressive strength and balance", "Progresive strength and balance"),
)
CONDITIONS = "/protocolSection/conditionsModule/conditions"
DESCRIPTION = "/protocolSection/armsInterventionsModule/interventions/0/description"


def _study(text: str) -> dict:
    """A record's study as a dict (its dates are quoted: PyYAML keeps them text)."""
    study = yaml.safe_load(text)
    assert isinstance(study, dict)
    return study


@pytest.fixture
def defective(tmp_path: Path) -> Path:
    path = tmp_path / "NCT01234567.yaml"
    path.write_text(mutate(*DEFECTS), encoding="utf-8")
    return path


def test_import_trialint_imports_the_version_and_nothing_else():
    """A pre-commit run imports the package: the API's machinery waits for its first call."""
    script = "import sys, trialint; print(sorted(m for m in sys.modules if 'trialint' in m))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['trialint', 'trialint.version']"


def test_lint_returns_a_records_findings_at_their_lines_and_columns(defective):
    text = defective.read_text(encoding="utf-8")
    findings = trialint.lint(defective, today=TODAY)
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("S006", *position_of(text, "[]")),
        ("T001", *position_of(text, "Progresive")),
    ]
    assert findings[1].to_dict() == {
        "code": "T001",
        "name": "misspelling",
        "severity": "warning",
        "message": "'Progresive' is misspelled (a double letter written once); write 'Progressive'",
        "path": str(defective),
        "line": 78,
        "column": 22,
        "end_line": 78,
        "end_column": 32,
        "pointer": DESCRIPTION,
        "study": "NCT01234567",
        "fix": {
            "message": "replace 'Progresive' with 'Progressive'",
            "old": "Progresive",
            "new": "Progressive",
            "safe": True,
            "applicable": True,
        },
    }


def test_lint_finds_what_the_command_line_finds(defective, capsys):
    """The same pipeline: the fields of --output-format json, one for one."""
    code, reported, _ = lint_json(capsys, str(defective))
    assert code == 1
    findings = trialint.lint(str(defective), today=TODAY)
    fields = ("code", "severity", "message", "line", "column", "end_line", "end_column")
    assert [
        {k: d[k] for k in fields} | {"name": d["rule"], "path": d["file"]} for d in reported
    ] == [{k: getattr(f, k) for k in (*fields, "name", "path")} for f in findings]


def test_a_folder_is_searched_and_findings_come_in_the_order_given(defective, tmp_path):
    other = tmp_path / "more" / "NCT07654321.yaml"
    other.parent.mkdir()
    other.write_text(mutate(("NCT01234567", "NCT07654321"), DEFECTS[0]), encoding="utf-8")
    paths = [f.path for f in trialint.lint([tmp_path / "more", defective], today=TODAY)]
    assert paths == [str(other), str(defective), str(defective)]


def test_a_study_dict_is_linted_as_the_record_trialint_import_writes(tmp_path):
    study = _study(mutate(*DEFECTS))
    written = render(study)
    findings = trialint.lint(study, today=TODAY)
    assert [(f.code, f.line, f.column, f.path, f.pointer) for f in findings] == [
        ("S006", *position_of(written, "[]"), "NCT01234567", CONDITIONS),
        ("T001", *position_of(written, "Progresive"), "NCT01234567", DESCRIPTION),
    ]
    # trialint import, then trialint lint: the same findings at the same places.
    record = tmp_path / "NCT01234567"
    record.write_text(written, encoding="utf-8")
    assert trialint.lint(record, today=TODAY) == [
        _renamed(finding, str(record)) for finding in findings
    ]


def _renamed(finding: trialint.Finding, path: str) -> trialint.Finding:
    return trialint.Finding(**(finding.to_dict() | {"path": path, "fix": finding.fix}))


def test_studies_without_an_nct_number_are_numbered_and_a_non_study_is_reported():
    findings = trialint.lint([{"protocolSection": {}}, {"name": "not a study"}], select=["F009"])
    assert [(f.code, f.path, f.line, f.column) for f in findings] == [("F009", "<study 2>", 1, 1)]
    missing = trialint.lint({"protocolSection": {}}, select=["S005"])
    assert {f.path for f in missing} == {"<study 1>"}
    assert "/protocolSection/identificationModule" in [f.pointer for f in missing]


def test_dicts_and_paths_mix_in_the_order_given(defective):
    study = _study(mutate(DEFECTS[0], ("NCT01234567", "NCT07654321")))
    findings = trialint.lint([study, defective, study], today=TODAY)
    assert [f.path for f in findings] == [
        "NCT07654321", str(defective), str(defective), "NCT07654321",
    ]  # fmt: skip


def test_select_ignore_and_a_configuration_file_choose_the_rules(defective, tmp_path):
    assert [f.code for f in trialint.lint(defective, select=["S006"], today=TODAY)] == ["S006"]
    assert [f.code for f in trialint.lint(defective, ignore="misspelling", today=TODAY)] == ["S006"]
    config = tmp_path / ".trialint.toml"
    config.write_text('ignore = ["S"]\n[severity]\nT001 = "error"\n', encoding="utf-8")
    [finding] = trialint.lint(defective, config=config, today=TODAY)
    assert (finding.code, finding.severity) == ("T001", "error")


def test_time_rules_are_judged_against_today():
    late = trialint.lint(GOOD_RECORD, select=["D023"], today=TODAY.replace(year=2026))
    assert [f.code for f in late] == ["D023"]
    assert trialint.lint(GOOD_RECORD, select=["D023"], today=TODAY) == []


def test_a_path_that_cannot_be_read_raises_with_what_the_rest_gave(tmp_path):
    missing = tmp_path / "nosuch.yaml"
    with pytest.raises(trialint.UnreadableInputError) as raised:
        trialint.lint([missing, GOOD_RECORD], today=TODAY.replace(year=2026))
    assert raised.value.problems == (f"{missing}: no such file or folder",)
    assert str(raised.value) == f"{missing}: no such file or folder"
    assert [f.code for f in raised.value.findings] == ["D023"]


def test_a_configuration_that_cannot_be_used_raises_one_line():
    with pytest.raises(trialint.ConfigurationError, match=r"^select: no rule 'S99'"):
        trialint.lint(GOOD_RECORD, select=["S99"])
    with pytest.raises(trialint.ConfigurationError, match=r"^ignore: no rule 'mispelling'; "):
        trialint.lint(GOOD_RECORD, ignore=["mispelling"])
    with pytest.raises(trialint.ConfigurationError, match=r"nosuch\.toml: cannot read: "):
        trialint.lint(GOOD_RECORD, config="nosuch.toml")
    assert issubclass(trialint.ConfigurationError, trialint.TrialintError)


def test_what_is_neither_a_path_nor_a_study_is_a_type_error():
    with pytest.raises(TypeError, match="expected a path or a study dict, not int: 3"):
        trialint.lint(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a path or a study dict, not list"):
        trialint.lint([[GOOD_RECORD]])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="new: expected a path, a study dict or an iterable"):
        trialint.diff(GOOD_RECORD, [GOOD_RECORD])  # type: ignore[list-item]
    with pytest.raises(trialint.TrialintError, match="<study 1>: cannot be read as a record"):
        trialint.lint({"protocolSection": {"descriptionModule": {"briefSummary": object()}}})


def _changed_study() -> tuple[dict, dict]:
    old = _study(GOOD_RECORD.read_text(encoding="utf-8"))
    new = copy.deepcopy(old)
    new["protocolSection"]["statusModule"]["overallStatus"] = "TERMINATED"
    new["protocolSection"]["designModule"]["enrollmentInfo"]["count"] = 90
    new["protocolSection"]["contactsLocationsModule"]["locations"].append(
        {"facility": "Hôpital Nord", "city": "Marseille", "country": "France"}
    )
    return old, new


def test_diff_of_two_study_dicts_gives_each_change():
    old, new = _changed_study()
    assert [change.to_dict() for change in trialint.diff(old, new)] == [
        {
            "study": "NCT01234567", "module": "statusModule", "path": "overallStatus",
            "kind": "changed", "significance": "major", "old": "COMPLETED", "new": "TERMINATED",
            "note": None,
        },
        {
            "study": "NCT01234567", "module": "designModule", "path": "enrollmentInfo",
            "kind": "changed", "significance": "major", "old": {"count": 120, "type": "ACTUAL"},
            "new": {"count": 90, "type": "ACTUAL"}, "note": "-25%",
        },
        {
            "study": "NCT01234567", "module": "contactsLocationsModule",
            "path": 'locations[facility="Hôpital Nord"]', "kind": "added",
            "significance": "minor", "old": None,
            "new": {"facility": "Hôpital Nord", "city": "Marseille", "country": "France"},
            "note": None,
        },
    ]  # fmt: skip


def test_diff_matches_studies_by_nct_number():
    old, _ = _changed_study()
    other = copy.deepcopy(old)
    other["protocolSection"]["identificationModule"]["nctId"] = "NCT07654321"
    changes = trialint.diff([old], [other])
    assert [(c.study, c.module, c.kind, c.significance, c.old, c.new) for c in changes] == [
        ("NCT07654321", "study", trialint.Kind.ADDED, trialint.Significance.MAJOR, None,
         "Exercise Training After Knee Replacement"),
        ("NCT01234567", "study", trialint.Kind.REMOVED, trialint.Significance.MAJOR,
         "Exercise Training After Knee Replacement", None),
    ]  # fmt: skip
    assert trialint.diff([old, other], [other, old]) == []


def test_diff_of_two_files_gives_the_events_of_trialint_diff(tmp_path, capsys):
    from trialint import cli

    old, new = _changed_study()
    before, after = tmp_path / "old.yaml", tmp_path / "new.yaml"
    before.write_text(render(old), encoding="utf-8")
    after.write_text(render(new), encoding="utf-8")
    code = cli.main(["diff", "--output-format", "json", "--show-administrative",
                     str(before), str(after)])  # fmt: skip
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert [c.to_dict() for c in trialint.diff(before, str(after))] == [
        {key: line[key] for key in trialint.Change.__dataclass_fields__} for line in lines
    ]
    assert trialint.diff(before, new) == trialint.diff(old, new)


def test_a_diff_side_that_cannot_be_read_raises(tmp_path):
    with pytest.raises(trialint.UnreadableInputError) as raised:
        trialint.diff(tmp_path / "nosuch", GOOD_RECORD)
    assert raised.value.problems == (f"{tmp_path / 'nosuch'}: no such file or folder",)
    broken = tmp_path / "broken.yaml"
    broken.write_text("protocolSection:\n  identificationModule: [\n", encoding="utf-8")
    with pytest.raises(trialint.UnreadableInputError) as raised:
        trialint.diff(broken, GOOD_RECORD)
    assert raised.value.problems == (
        f"{broken}:3:1: F001 did not find expected node content (while parsing a flow node)",
    )
    with pytest.raises(trialint.UnreadableInputError, match="the study has no nctId"):
        trialint.diff({"protocolSection": {}}, _study(GOOD_RECORD.read_text(encoding="utf-8")))


def test_the_functions_stay_after_their_subpackages_are_imported():
    """trialint.lint and trialint.diff are functions and the names of subpackages: importing
    a subpackage (as running the linter does) must not replace the function."""
    from trialint import api
    from trialint.diff import snapshot  # noqa: F401
    from trialint.lint import runner

    assert trialint.lint is api.lint and trialint.diff is api.diff
    assert runner.Linter.__module__ == "trialint.lint.runner"
    assert sys.modules["trialint.lint"].__name__ == "trialint.lint"


def test_all_lists_the_public_names_the_readme_documents():
    section = _readme_section()
    undocumented = [
        name
        for name in trialint.__all__
        if name != "__version__" and f"trialint.{name}" not in section
    ]
    assert undocumented == []
    namespace: dict = {}
    exec("from trialint import *", namespace)
    assert {name for name in namespace if not name.startswith("__")} == {
        name for name in trialint.__all__ if name != "__version__"
    }


# --- the README's examples ---------------------------------------------------------------------


def _readme_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Python API\n")
    return readme[start : readme.index("\n## ", start + 1)]


class _RowsFrame:
    """What the README's example asks of a pandas DataFrame, where pandas is not installed
    (it is no dependency of trialint): its rows, and their count by columns."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows

    def groupby(self, columns: list[str]) -> _RowsFrame:
        self.columns = columns
        return self

    def size(self) -> Counter:
        return Counter(tuple(row[column] for column in self.columns) for row in self.rows)


def _rows(frame: object) -> list[dict]:
    if isinstance(frame, _RowsFrame):
        return frame.rows
    return frame.to_dict("records")  # type: ignore[attr-defined]


def test_the_readme_examples_run_and_give_the_rows_of_the_findings(monkeypatch, capsys):
    """Runs the README's Python API code as written, from the repository's folder: with
    pandas when it is installed, else with a stand-in DataFrame that keeps the rows as
    dicts; either way the rows are checked."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        monkeypatch.setitem(sys.modules, "pandas", types.SimpleNamespace(DataFrame=_RowsFrame))
    blocks = re.findall(r"```python\n(.*?)```", _readme_section(), re.DOTALL)
    assert len(blocks) == 2
    monkeypatch.chdir(REPO)
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)
    assert _rows(namespace["df"]) == [f.to_dict() for f in trialint.lint("records/")]
    assert len(_rows(namespace["df"])) > 10
    assert "S006" in capsys.readouterr().out  # the count by severity and code was printed
    assert [(c.significance, c.module, c.path, c.kind) for c in namespace["changes"]] == [
        ("major", "statusModule", "overallStatus", "changed"),
        ("minor", "contactsLocationsModule", 'locations[facility="Henri Mondor"]', "added"),
        ("administrative", "statusModule", "lastUpdatePostDateStruct", "removed"),
    ]
    assert _rows(namespace["events"]) == [
        {"study": "NCT04711200", "module": "statusModule", "path": "overallStatus",
         "kind": "changed", "significance": "major", "old": "NOT_YET_RECRUITING",
         "new": "RECRUITING", "note": None},
    ]  # fmt: skip


# --- types -------------------------------------------------------------------------------------

# Wrong uses of the API, each with the error mypy must report: types that turned into Any
# would let them all pass.
_WRONG_USES = """\
import trialint
finding = trialint.lint("records/")[0]
line: str = finding.line
finding.line = 3
change = trialint.diff("a", "b")[0]
note: int = change.note
trialint.lint("records/", today="2024-01-01")
"""
_EXPECTED_ERRORS = [
    '3: error: Incompatible types in assignment (expression has type "int", variable has type '
    '"str")  [assignment]',
    '4: error: Property "line" defined in "Finding" is read-only  [misc]',
    '6: error: Incompatible types in assignment (expression has type "str | None", variable '
    'has type "int")  [assignment]',
    '7: error: Argument "today" to "lint" has incompatible type "str"; expected "date | None"  '
    "[arg-type]",
]


def _mypy(tmp_path: Path, *files: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy", reason="mypy is installed with trialint's test extra")
    command = [sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
               "--cache-dir", str(tmp_path / "mypy-cache"), *files]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)


def test_a_typed_script_passes_mypy_strict_and_runs(tmp_path):
    done = _mypy(tmp_path, str(REPO / "tests" / "api_typing.py"))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    sys.path.insert(0, str(REPO / "tests"))
    try:
        import api_typing
    finally:
        sys.path.remove(str(REPO / "tests"))
    records = REPO / "records"
    assert api_typing.findings_by_code(records, TODAY) == Counter(
        f.code for f in trialint.lint(records, select=["S", "D"], today=TODAY)
    )
    old, new = _changed_study()
    assert api_typing.major_changes(GOOD_RECORD, new) == [
        ("statusModule", "overallStatus"), ("designModule", "enrollmentInfo"),
    ]  # fmt: skip
    assert api_typing.rows([old]) == [f.to_dict() for f in trialint.lint(old, ignore=["T"])]
    assert api_typing.problems("nosuch/") == ("nosuch/: no such file or folder",)


def test_mypy_catches_wrong_uses_of_the_api(tmp_path):
    script = tmp_path / "wrong.py"
    script.write_text(_WRONG_USES, encoding="utf-8")
    done = _mypy(tmp_path, script.name)
    assert done.stdout.splitlines() == [f"wrong.py:{error}" for error in _EXPECTED_ERRORS]
