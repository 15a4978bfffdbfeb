"""The registry knowledge the rules keep as data in ``rules/`` (typos, arm wording, scale
names): each file read once, the same way, and a file that cannot be read said plainly."""

from __future__ import annotations

from typing import Any

from trialint.document.yaml12 import parse_yaml
from trialint.resources import data_dir


def rule_data(name: str) -> dict[str, Any]:
    """The mapping at the top of ``rules/<name>`` (ValueError when the shipped file is broken:
    a packaging fault, not a user's)."""
    parsed = parse_yaml((data_dir("rules") / name).read_bytes())
    if parsed.problems or not parsed.documents or not isinstance(parsed.documents[0], dict):
        raise ValueError(f"rules/{name} cannot be read")
    document: dict[str, Any] = parsed.documents[0]
    return document
