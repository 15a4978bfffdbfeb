#!/usr/bin/env python3
"""Generate ``schemas/study.schema.json`` from the official ClinicalTrials.gov API v2 spec.

The registry publishes its data model as an OpenAPI 3.0 document (``ctg-oas-v2.yaml``). This
script turns the part of it that describes a study into a JSON Schema (draft 2020-12), then
merges the hand-written additions of ``schemas/additions.yaml`` (formats, required fields,
fields the API serves but does not document). Keeping the two apart means a new API release
is one command away::

    python scripts/generate_schema.py ../shared/corpus/spec/ctg-oas-v2.yaml

Objects under ``protocolSection`` (and the study itself) are closed: an unknown key there is
almost always a misspelled field, and the schema should say so rather than ignore it.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = REPO.parent / "shared" / "corpus" / "spec" / "ctg-oas-v2.yaml"
DEFAULT_ADDITIONS = REPO / "schemas" / "additions.yaml"
DEFAULT_OUTPUT = REPO / "schemas" / "study.schema.json"

OAS_REF_PREFIX = "#/components/schemas/"
DEFS_REF_PREFIX = "#/$defs/"
ROOT = "Study"
# The schema's name, stable across releases (records, editors' settings and other schemas may
# refer to it): an identifier, not an address to download the schema from (trialint has no
# public home yet; trialint.example is a reserved documentation domain). Editors load the
# schema from a copy that `trialint schema` prints (README, "Editors").
SCHEMA_ID = "https://trialint.example/schemas/study.schema.json"
# OpenAPI keywords with no JSON Schema meaning for a record (int32/int64 are storage hints).
DROPPED_FORMATS = {"int32", "int64", "float", "double"}


def read_yaml(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def convert(node: Any) -> Any:
    """Translate one OpenAPI schema object into JSON Schema 2020-12."""
    if isinstance(node, list):
        return [convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "string" and node.get("format") == "date":
        return {"$ref": DEFS_REF_PREFIX + "Date"}  # one definition carries the date format
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref":
            out[key] = DEFS_REF_PREFIX + value.removeprefix(OAS_REF_PREFIX)
        elif key == "format" and value in DROPPED_FORMATS:
            continue
        elif key == "nullable":
            continue  # not used by study schemas; 2020-12 would spell it as a type list
        else:
            out[key] = convert(value)
    return out


def refs_in(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref.removeprefix(DEFS_REF_PREFIX)
        for value in node.values():
            yield from refs_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs_in(item)


def reachable(defs: dict[str, Any], start: str) -> list[str]:
    """Names of the definitions reachable from ``start``, in first-seen order."""
    seen: dict[str, None] = {}
    stack = [start]
    while stack:
        name = stack.pop(0)
        if name in seen:
            continue
        seen[name] = None
        stack.extend(ref for ref in refs_in(defs[name]) if ref not in seen)
    return list(seen)


def deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def close_objects(node: Any) -> None:
    """Reject unknown keys in every object schema that lists its properties."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            close_objects(value)
    elif isinstance(node, list):
        for item in node:
            close_objects(item)


def build(spec: dict[str, Any], additions: dict[str, Any]) -> dict[str, Any]:
    all_defs = {name: convert(body) for name, body in spec["components"]["schemas"].items()}
    for name, extra in (additions.get("defs") or {}).items():
        all_defs[name] = deep_merge(all_defs.get(name, {}), extra)
    names = reachable(all_defs, ROOT)
    defs = {name: {"title": name, **all_defs[name]} for name in names}
    for name in [ROOT, *reachable(defs, additions["closed_from"])]:
        close_objects(defs[name])
    version = spec.get("info", {}).get("version", "unknown")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "ClinicalTrials.gov study record",
        "description": (
            f"Generated by scripts/generate_schema.py from the ClinicalTrials.gov API v2 spec "
            f"(version {version}) and schemas/additions.yaml. Do not edit by hand."
        ),
        "x-api-version": version,
        "$ref": DEFS_REF_PREFIX + ROOT,
        "$defs": defs,
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", type=Path, default=DEFAULT_SPEC)
    parser.add_argument("--additions", type=Path, default=DEFAULT_ADDITIONS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the output file is not up to date"
    )
    args = parser.parse_args(argv)
    text = render(build(read_yaml(args.spec), read_yaml(args.additions)))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run scripts/generate_schema.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(json.loads(text)['$defs'])} definitions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
