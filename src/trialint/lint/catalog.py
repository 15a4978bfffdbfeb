"""Every rule trialint knows: the built-in families (Python), the bundled rule packs of
``rules/`` (data), and the packs a configuration adds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from trialint.document import problems
from trialint.lint import history_rules, schema, suppressions
from trialint.lint.checks import (
    arms,
    contacts,
    dates,
    eligibility,
    identifiers,
    outcomes,
    phases,
    spelling,
    text,
)
from trialint.lint.engine import Check, checks_in
from trialint.lint.rulepack import RulePackError, checks_of, load_pack, pack_files
from trialint.resources import data_dir
from trialint.rule import RuleSet, rules_in

# Every family of built-in rules, in one place: each module declares its rules (``rule``) and
# the checks that report them (``@check``); nothing registers itself by being imported.
FAMILIES = (
    problems,  # F files that cannot be read as records
    schema,  # S the registry's data model
    suppressions,  # X suppression comments
    text,  # T typos, repeated words, escapes and encoding artefacts
    spelling,  # T misspellings found by the spelling detector
    phases,  # P phases
    arms,  # A arms, interventions and design
    dates,  # D status, dates and enrollment
    outcomes,  # O outcomes
    eligibility,  # E eligibility
    contacts,  # C contacts
    identifiers,  # I identifiers
    history_rules,  # H history (judged by trialint.diff over versions of a record)
)


@dataclass(frozen=True)
class Catalog:
    rules: RuleSet
    checks: tuple[Check, ...]


@cache
def builtin_catalog() -> Catalog:
    rules = RuleSet()
    for family in FAMILIES:
        for declared in rules_in(family):
            if rules.get(declared.code) is not declared:  # a family may import another's
                rules.add(declared)
    packs = [
        pack_rule
        for file in pack_files(data_dir("rules"))
        for pack_rule in load_pack(file, require_rules=False)  # typos.yaml is data, not rules
    ]
    for pack_rule in packs:
        rules.add(pack_rule.rule)
    checks = [found for family in FAMILIES for found in checks_in(family)]
    return Catalog(rules, (*checks, *checks_of(packs)))


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
