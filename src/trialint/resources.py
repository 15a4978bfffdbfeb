"""Find the data trialint ships: the JSON Schema and the rule data.

An installed wheel carries them as ``trialint/data/{schemas,rules}``; a source checkout (an
editable install, or running from ``src/``) has them at the repository's top level.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DATA = Path(__file__).resolve().parent / "data"
_SOURCE_TREE = Path(__file__).resolve().parents[2]

SCHEMA_FILE = "study.schema.json"

# Where trialint's documentation lives: the one place to change when the project is published
# (``.example`` is reserved, RFC 2606: the project has no home yet). The schema's ``$id``
# (schemas/study.schema.json) is under the same base; a test keeps the two together.
HOME_URL = "https://trialint.example/"


def rule_doc_url(code: str) -> str:
    """The page documenting rule ``code`` (as ``trialint explain CODE`` prints it), one per
    rule under ``rules/``, by the rule's code, which never changes."""
    return f"{HOME_URL}rules/{code}"


def data_dir(name: str) -> Path:
    """The folder of shipped data called ``name`` ("schemas" or "rules")."""
    for base in (_PACKAGE_DATA, _SOURCE_TREE):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"trialint's {name}/ folder is missing from this installation")


@cache
def study_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((data_dir("schemas") / SCHEMA_FILE).read_text("utf-8"))
    return schema


@cache
def study_sections() -> frozenset[str]:
    """The keys a study's top level may hold (protocolSection, resultsSection, ...) and the
    modules of its protocolSection, as the schema defines them: what tells a study from any
    other YAML or JSON file."""
    definitions = study_schema()["$defs"]
    return frozenset(definitions["Study"]["properties"]) | frozenset(
        definitions["ProtocolSection"]["properties"]
    )
