"""Every rule trialint knows, each family registered by importing its module."""

from __future__ import annotations

from trialint.rule import RULES, RuleSet


def all_rules() -> RuleSet:
    import trialint.document.problems
    import trialint.lint.checks
    import trialint.lint.schema  # noqa: F401 - importing registers the families

    return RULES
