"""The registry knowledge the rules keep as data in ``rules/`` (typos, arm wording, scale
names): each file read once, the same way, and a file that cannot be read said plainly."""

from __future__ import annotations

from functools import cache
from typing import Any

from trialint.document.yaml12 import parse_yaml
from trialint.resources import data_dir


def rule_data(name: str) -> dict[str, Any]:
    """The mapping at the top of ``rules/<name>`` (ValueError when the shipped file is broken:
    a packaging fault, not a user's)."""
    document = shipped_document(name)
    if not isinstance(document, dict):
        raise ValueError(f"rules/{name} cannot be read")
    return document


@cache
def shipped_document(name: str) -> Any:
    """The first document of ``rules/<name>``, read once a process: the catalog reads every
    file of rules/ for the rules it may hold, and a check reads its own for its data (reading
    them twice cost a one-file run 12 ms). Shared, so never changed by a reader."""
    parsed = parse_yaml((data_dir("rules") / name).read_bytes())
    if parsed.problems or not parsed.documents:
        raise ValueError(f"rules/{name} cannot be read")
    return parsed.documents[0]
