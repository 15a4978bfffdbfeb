"""Rule documentation as ``trialint rules`` and ``trialint explain`` print it.

``rules`` says of each rule whether its findings carry a fix (safe, unsafe, or a suggestion
only) and whether it runs under the configuration in force; the README's rule table is its
Markdown, written with every rule's default (``enabled`` not given)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Collection, Iterable
from typing import Any, TextIO

from trialint.rule import FixKind, Rule

_WIDTH = 88


# What each kind of fix means to a curator, for explain.
_FIX_EXPLAINED = {
    None: "none: a person writes the correction.",
    FixKind.SAFE: "safe: trialint lint --fix applies it; it cannot change what the record means.",
    FixKind.UNSAFE: "unsafe: it needs a person's review; trialint lint --fix --unsafe-fixes "
    "applies it.",
    FixKind.SAFE_OR_UNSAFE: "safe for some findings, unsafe for others: trialint lint --fix "
    "applies the safe ones, with --unsafe-fixes all of them.",
    FixKind.SUGGESTION: "a suggestion only, shown and never applied: it would change what the "
    "record says about the trial.",
}
_WORDS_EXPLAINED = (
    "A word it reports that is right (a name, a product, a term of the field) is added to the "
    "curator's words, which the spelling detector knows: in pyproject.toml, under "
    '[tool.trialint], words = ["Tritanium", "proband"]; or, for many, one a line in the file '
    'that words-file = "trialint-words.txt" names ("#" starts a comment). A .trialint.toml '
    "takes the same keys without the [tool.trialint] heading."
)


def rule_to_dict(rule: Rule, enabled: bool | None = None) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": str(rule.severity),
        "fix": str(rule.fix) if rule.fix else None,
        "enabled": rule.default if enabled is None else enabled,
        "summary": rule.summary,
        "rationale": rule.rationale,
        "examples": {"fails": list(rule.fails), "passes": list(rule.passes)},
    }


def write_list(
    rules: Iterable[Rule],
    stream: TextIO,
    output_format: str,
    enabled: Collection[str] | None = None,
) -> None:
    """Every rule, with its fix and whether it runs: ``enabled`` holds the codes the
    configuration in force selects (None: each rule's default, as the README shows)."""
    rules = list(rules)
    on = {r.code: r.default if enabled is None else r.code in enabled for r in rules}
    if output_format == "json":
        table = [rule_to_dict(r, on[r.code]) for r in rules]
        json.dump(table, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        return
    if output_format == "markdown":
        stream.write(
            "| code | name | severity | fix | enabled | what it reports |\n"
            "|---|---|---|---|---|---|\n"
        )
        for r in rules:
            enabled_cell = "yes" if on[r.code] else "no"
            stream.write(
                f"| {r.code} | {r.name} | {r.severity} | {r.fix or ''} | {enabled_cell} "
                f"| {r.summary} |\n"
            )
        return
    name_width = max(len(r.name) for r in rules)
    fix_width = max(len(_fix_cell(r)) for r in rules)
    for r in rules:
        stream.write(
            f"{r.code}  {r.name:<{name_width}}  {r.severity!s:<7}  {_fix_cell(r):<{fix_width}}  "
            f"{'on ' if on[r.code] else 'off'}  {r.summary}\n"
        )


def _fix_cell(rule: Rule) -> str:
    """The text list's fix column, readable without a heading: 'safe fix', 'no fix', ..."""
    if rule.fix is FixKind.SUGGESTION:
        return "suggestion"
    return f"{rule.fix or 'no'} fix"


def write_explanation(rule: Rule, stream: TextIO) -> None:
    """One rule's documentation, in the order a curator reads it: what, why, examples."""
    stream.write(f"{rule.code} {rule.name} ({rule.severity})\n\n")
    stream.write(textwrap.fill(rule.summary, _WIDTH) + "\n\n")
    stream.write(textwrap.fill("Fix: " + _FIX_EXPLAINED[rule.fix], _WIDTH) + "\n\n")
    stream.write("Why\n" + textwrap.fill(rule.rationale, _WIDTH, initial_indent="  ",
                                         subsequent_indent="  ") + "\n")  # fmt: skip
    if rule.reads_words:
        stream.write("\nWords\n" + textwrap.fill(_WORDS_EXPLAINED, _WIDTH, initial_indent="  ",
                                                  subsequent_indent="  ") + "\n")  # fmt: skip
    for title, examples in (("Fails", rule.fails), ("Passes", rule.passes)):
        for example in examples:
            stream.write(f"\n{title}\n" + textwrap.indent(example.rstrip("\n"), "    ") + "\n")
    if rule.fails and not rule.code.startswith("F"):
        stream.write(
            "\n(Examples are parts of a record: the modules they show stand in for those of "
            "a complete one.)\n"
        )
