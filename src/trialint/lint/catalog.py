"""Every rule trialint knows: the built-in families (Python), the bundled rule packs of
``rules/`` (data), and the packs a configuration adds."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from trialint.document import problems
from trialint.lint import history_rules, schema, suppressions
from trialint.lint.checks import (
    arms,
    brackets,
    cities,
    contact_roles,
    contacts,
    dates,
    eligibility,
    endpoints,
    figures,
    grammar,
    identifiers,
    interventions,
    ipd_sharing,
    keywords,
    masking,
    names,
    officials,
    outcome_fit,
    outcomes,
    payment_amounts,
    phases,
    references,
    results_adverse_events,
    results_dispersion,
    results_flow,
    results_populations,
    results_timing,
    results_totals,
    results_units,
    sites,
    spelling,
    sponsors,
    stated_results,
    study_type,
    summary_copy,
    text,
    truncation,
    typography,
)
from trialint.lint.engine import Check, checks_in
from trialint.lint.ruledata import shipped_document
from trialint.lint.rulepack import RulePackError, checks_of, load_pack, pack_files, pack_rules
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
    typography,  # T full-width punctuation, lost exponents
    grammar,  # T grammar slips: articles, verb forms after modals
    brackets,  # T a bracket opened and never closed
    stated_results,  # T results stated in the description
    summary_copy,  # T the brief summary copied into the detailed description
    truncation,  # T text cut off at its field's length limit
    figures,  # T a table or figure the record does not hold
    keywords,  # T a list typed into a record's only keyword or condition
    phases,  # P phases
    arms,  # A arms, interventions and design
    study_type,  # A a study type the record contradicts
    masking,  # A masking the record contradicts
    interventions,  # A what an intervention's description is about; crossover with one arm
    dates,  # D status, dates and enrollment
    outcomes,  # O outcomes
    endpoints,  # O a description that defines another endpoint
    outcome_fit,  # O a time frame that does not fit the measure, measures a title numbers
    eligibility,  # E eligibility
    contacts,  # C contacts
    contact_roles,  # C contacts named by a role or a unit
    names,  # C a person's name in the wrong case
    officials,  # C several overall principal investigators
    sites,  # C facilities named by people
    cities,  # C a site's city that is a region
    ipd_sharing,  # C a data-sharing plan its description contradicts
    sponsors,  # C a company not classed as industry
    identifiers,  # I identifiers
    references,  # I results references that predate the study
    payment_amounts,  # R what participants are paid, in the protocol's text
    results_adverse_events,  # R adverse event counts that contradict each other; no time frame
    results_dispersion,  # R a mean without its dispersion, a count with one
    results_flow,  # R a participant flow that does not start with the enrollment
    results_populations,  # R no one analysed or at risk, and nothing says why
    results_timing,  # R results before the primary completion
    results_totals,  # R a baseline Total that is not the sum of its groups
    results_units,  # R a unit of measure the title contradicts, or a placeholder
    history_rules,  # H history (judged by trialint.diff over versions of a record)
)


@dataclass(frozen=True)
class Catalog:
    rules: RuleSet
    checks: tuple[Check, ...]


ENTRY_POINTS = "trialint.rules"


def plugin_families() -> list[ModuleType]:
    """The rule families other packages add: each entry point of the ``trialint.rules`` group
    names a module that declares rules and checks as trialint's own families do, as flake8
    and pytest plugins are found. One that cannot be loaded is a one-line error."""
    if not _any_plugin_declared():
        return []
    from importlib.metadata import entry_points

    families = []
    for point in entry_points(group=ENTRY_POINTS):
        try:
            family = point.load()
        except Exception as error:  # a third party's code: whatever it raises, said on one line
            raise RulePackError(
                f"rule plugin {point.name!r} ({point.value}) cannot be loaded: "
                f"{type(error).__name__}: {error}"
            ) from None
        if not isinstance(family, ModuleType):
            raise RulePackError(f"rule plugin {point.name!r} ({point.value}) is not a module")
        families.append(family)
    return families


def _any_plugin_declared() -> bool:
    """Whether an installed distribution declares the entry point group at all: a look at
    each one's entry_points.txt (about 1 ms), where importing importlib.metadata alone costs
    50 ms, a fifth of a pre-commit run of one file."""
    marker = f"[{ENTRY_POINTS}]"
    for folder in sys.path:
        try:
            entries = list(os.scandir(folder or "."))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".dist-info", ".egg-info")):
                try:
                    text = (Path(entry.path) / "entry_points.txt").read_text("utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                if marker in text:
                    return True
    return False


@cache
def builtin_catalog() -> Catalog:
    """trialint's families, the rule plugins installed beside it, and the bundled packs."""
    families = (*FAMILIES, *plugin_families())
    rules = RuleSet()
    for family in families:
        for declared in rules_in(family):
            if rules.get(declared.code) is declared:
                continue  # a family may import another's rules
            try:
                rules.add(declared)
            except ValueError as error:
                raise RulePackError(f"{family.__name__}: {error}") from None
    packs = [
        pack_rule
        for file in pack_files(data_dir("rules"))  # typos.yaml is data, not rules:
        for pack_rule in pack_rules(shipped_document(file.name), file, require_rules=False)
    ]
    for pack_rule in packs:
        rules.add(pack_rule.rule)
    checks = [found for family in families for found in checks_in(family)]
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
