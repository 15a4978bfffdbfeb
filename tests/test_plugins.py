"""Rule plugins: a package installed beside trialint adds a family through the
``trialint.rules`` entry point group, as flake8 and pytest plugins do; its rules are listed,
explained, selected and reported like trialint's own."""

from __future__ import annotations

import sys

import pytest

from trialint import cli
from trialint.lint.catalog import builtin_catalog

from conftest import GOOD_RECORD, lint_json

HOUSE_RULES = """
from trialint.lint.engine import Hit, check
from trialint.rule import Severity, rule

_SPONSOR = "protocolSection:\\n  sponsorCollaboratorsModule:\\n    leadSponsor: "
SPONSOR_CLASS = rule(
    "Z101", "house-sponsor-class", Severity.WARNING,
    "The lead sponsor of a house record is not classed OTHER.",
    "The house registers its own studies as an academic sponsor.",
    fails=(_SPONSOR + "{name: X, class: INDUSTRY}\\n",),
    passes=(_SPONSOR + "{name: X, class: OTHER}\\n",),
)


@check(SPONSOR_CLASS)
def sponsor_class(record, context):
    sponsor = record.module("sponsorCollaboratorsModule").get("leadSponsor") or {}
    if sponsor.get("class") != "OTHER":
        yield Hit(SPONSOR_CLASS, "the lead sponsor is not classed OTHER",
                  ("protocolSection", "sponsorCollaboratorsModule", "leadSponsor", "class"))
"""


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """A distribution installed on the path, declaring one rule family."""
    (tmp_path / "house_rules.py").write_text(HOUSE_RULES, encoding="utf-8")
    dist = tmp_path / "trialint_house-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: trialint-house\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[trialint.rules]\nhouse = house_rules\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "house_rules", raising=False)  # each test loads its own
    builtin_catalog.cache_clear()
    yield tmp_path
    builtin_catalog.cache_clear()
    sys.modules.pop("house_rules", None)


def test_a_plugins_rules_run_and_are_listed_and_explained(plugin, tmp_path, capsys):
    record = tmp_path / "NCT01234567.yaml"
    record.write_text(
        GOOD_RECORD.read_text(encoding="utf-8").replace("class: OTHER", "class: INDUSTRY", 2)
    )
    code, findings, _ = lint_json(capsys, str(record))
    assert (code, [f["code"] for f in findings]) == (1, ["Z101"])
    assert cli.main(["explain", "Z101"]) == 0
    assert "house-sponsor-class" in capsys.readouterr().out
    code, findings, _ = lint_json(capsys, "--ignore", "Z101", str(record))
    assert (code, findings) == (0, [])


def test_a_plugin_that_cannot_be_loaded_is_a_one_line_error(plugin, capsys):
    (plugin / "house_rules.py").write_text("raise ImportError('no such thing')\n")
    code, _, err = lint_json(capsys, str(GOOD_RECORD))
    assert code == 2
    assert err == (
        "trialint: error: rule plugin 'house' (house_rules) cannot be loaded: ImportError: no "
        "such thing\n"
    )
