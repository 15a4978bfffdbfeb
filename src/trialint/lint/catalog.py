"""Every rule trialint knows: the built-in families (Python), the bundled rule packs of
``rules/`` (data), and the packs a configuration adds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from trialint.lint.engine import CHECKS, Check
from trialint.lint.rulepack import RulePackError, checks_of, load_pack, pack_files
from trialint.resources import data_dir
from trialint.rule import RULES, RuleSet


@dataclass(frozen=True)
class Catalog:
    rules: RuleSet
    checks: tuple[Check, ...]


@cache
def builtin_catalog() -> Catalog:
    import trialint.diff.history
    import trialint.document.problems
    import trialint.lint.checks
    import trialint.lint.schema
    import trialint.lint.suppressions  # noqa: F401 - importing registers the families

    rules = RuleSet()
    for rule in RULES:
        rules.add(rule)
    packs = [
        pack_rule
        for file in pack_files(data_dir("rules"))
        for pack_rule in load_pack(file, require_rules=False)  # typos.yaml is data, not rules
    ]
    for pack_rule in packs:
        rules.add(pack_rule.rule)
    return Catalog(rules, (*CHECKS, *checks_of(packs)))


def all_rules() -> RuleSet:
    """The built-in rules, bundled packs included."""
    return builtin_catalog().rules


def build_catalog(pack_paths: Sequence[Path]) -> Catalog:
    """The built-in rules and the rules of the packs at ``pack_paths`` (files or folders)."""
    base = builtin_catalog()
    if not pack_paths:
        return base
    extra = []
    rules = base.rules.copy()
    for file in (file for path in pack_paths for file in pack_files(path)):
        for pack_rule in load_pack(file):
            try:
                rules.add(pack_rule.rule)
            except ValueError as error:
                raise RulePackError(
                    f"{file}: {error} (a rule pack cannot redefine a rule)"
                ) from None
            extra.append(pack_rule)
    return Catalog(rules, (*base.checks, *checks_of(extra)))
