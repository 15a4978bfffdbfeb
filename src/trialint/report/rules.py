"""Rule documentation as ``trialint rules`` and ``trialint explain`` print it."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import Any, TextIO

from trialint.rule import Rule

_WIDTH = 88


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": str(rule.severity),
        "summary": rule.summary,
        "rationale": rule.rationale,
        "examples": {"fails": list(rule.fails), "passes": list(rule.passes)},
    }


def write_list(rules: Iterable[Rule], stream: TextIO, output_format: str) -> None:
    rules = list(rules)
    if output_format == "json":
        json.dump([rule_to_dict(r) for r in rules], stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        return
    if output_format == "markdown":
        stream.write("| code | name | severity | what it reports |\n|---|---|---|---|\n")
        for r in rules:
            stream.write(f"| {r.code} | {r.name} | {r.severity} | {r.summary} |\n")
        return
    name_width = max(len(r.name) for r in rules)
    for r in rules:
        stream.write(f"{r.code}  {r.name:<{name_width}}  {r.severity!s:<7}  {r.summary}\n")


def write_explanation(rule: Rule, stream: TextIO) -> None:
    """One rule's documentation, in the order a curator reads it: what, why, examples."""
    stream.write(f"{rule.code} {rule.name} ({rule.severity})\n\n")
    stream.write(textwrap.fill(rule.summary, _WIDTH) + "\n\n")
    stream.write("Why\n" + textwrap.fill(rule.rationale, _WIDTH, initial_indent="  ",
                                         subsequent_indent="  ") + "\n")  # fmt: skip
    for title, examples in (("Fails", rule.fails), ("Passes", rule.passes)):
        for example in examples:
            stream.write(f"\n{title}\n" + textwrap.indent(example.rstrip("\n"), "    ") + "\n")
    if rule.fails and not rule.code.startswith("F"):
        stream.write(
            "\n(Examples are parts of a record: the modules they show stand in for those of "
            "a complete one.)\n"
        )
