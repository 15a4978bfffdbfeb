"""The wheel carries schemas/ and rules/: the installed tool works without the source tree;
and every dependency has the lower bound CI installs to test the oldest releases admitted."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile

import pytest

from conftest import GOOD_RECORD, REPO, load_script


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (test extra)")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    [built] = out.glob("trialint-*.whl")
    return built


def test_the_wheel_ships_the_schema_and_rule_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "trialint/data/schemas/study.schema.json" in names
    assert any(name.startswith("trialint/data/rules/") for name in names)
    assert "trialint/cli.py" in names
    assert not any(name.startswith(("records/", "tests/")) for name in names)


def test_the_wheel_carries_the_version_written_in_the_package(wheel):
    from trialint import __version__

    with zipfile.ZipFile(wheel) as archive:
        [metadata] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        lines = archive.read(metadata).decode("utf-8").splitlines()
    assert f"Version: {__version__}" in lines
    # Written once: pyproject.toml declares the version dynamic, read from version.py.
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]


def test_the_installed_tool_finds_its_schema_outside_the_source_tree(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    (elsewhere / "r.yaml").write_text(
        GOOD_RECORD.read_text(encoding="utf-8").replace("sex: ALL", "sex: Both"), encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import sys, trialint, trialint.resources as r, trialint.cli as c;"
        "print(trialint.__file__); print(r.data_dir('schemas'));"
        "sys.exit(c.main(['lint', '--today', '2024-03-15', 'r.yaml']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    module_file, schemas, *report = done.stdout.splitlines()
    assert module_file.startswith(str(site))
    assert schemas == str(site / "trialint" / "data" / "schemas")
    assert done.returncode == 1
    assert any("S003" in line for line in report)


def test_every_dependency_has_a_plain_lower_bound_for_ci_to_pin():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lowest = load_script("lowest_requirements")
    runtime = lowest.lowest_pins(project["dependencies"])
    assert "deepdiff==8.4.1" in runtime  # older releases break diff (see pyproject.toml)
    extras = project["optional-dependencies"]
    for extra in extras:
        # raises for a dependency without a plain bound
        lowest.lowest_pins(lowest.requirements_of(project, [extra]))
    test_pins = lowest.lowest_pins(lowest.requirements_of(project, ["test"]))
    assert "distributed==2024.1.0" in test_pins  # the cluster's, through trialint[dask]


@pytest.mark.parametrize("requirement", ["orjson", "orjson~=3.9", "orjson>=3.9,<4", "orjson==3.9"])
def test_a_dependency_without_a_plain_lower_bound_is_refused(requirement):
    with pytest.raises(ValueError, match="name>=version"):
        load_script("lowest_requirements").lowest_pins([requirement])
