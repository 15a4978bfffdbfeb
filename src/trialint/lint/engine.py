"""The rule engine: checks are small functions that yield hits; the engine runs them on a study
and turns their hits into findings with positions.

A check module looks like this (see ``checks/phases.py``)::

    INVALID_COMBINATION = rule("P001", "invalid-phase-combination", Severity.ERROR, ...)

    @check(INVALID_COMBINATION)
    def phase_combination(record: Record, context: Context) -> Iterator[Hit]:
        if ...:
            yield Hit(INVALID_COMBINATION, "message", ("protocolSection", "designModule", "phases"))

A check never sees positions: it names the path of the value it is about, and the engine
finds where that value is written, only for the hits there are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from trialint.document.model import Study
from trialint.document.pointer import Token
from trialint.document.problems import CHECK_FAILED
from trialint.finding import Finding, Fix
from trialint.lint.record import Record
from trialint.rule import Rule

if TYPE_CHECKING:
    from trialint.spelling.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check found: the rule, the message, and the path of the value it is about."""

    rule: Rule
    message: str
    path: Sequence[Token]
    at_key: bool = False  # point at the key rather than the value
    within: tuple[int, int] | None = None  # (offset, length) of the part of a text value
    fix: Fix | None = None
    # The other fields the finding is about: the other side of a contradiction (a curator may
    # look for the problem at either); reports show them as related locations.
    related: tuple[Sequence[Token], ...] = ()


@dataclass(frozen=True)
class Context:
    """What checks may depend on besides the record."""

    today: date = field(default_factory=date.today)  # --today: the reference date
    words: frozenset[str] = frozenset()  # the curator's words: never misspellings
    # The vocabulary spelling is judged by (None: the shipped one, with ``words``); a
    # benchmark measuring records the shipped one was built from brings its own.
    vocabulary: Vocabulary | None = None


CheckFunction = Callable[[Record, Context], Iterable[Hit]]


@dataclass(frozen=True)
class Check:
    function: CheckFunction
    rules: tuple[Rule, ...]


_RULES_ATTRIBUTE = "trialint_rules"


def check(*rules: Rule) -> Callable[[CheckFunction], CheckFunction]:
    """Mark a function as the check that reports ``rules``. Nothing is registered: the catalog
    (``trialint.lint.catalog``) lists the family modules and takes their marked functions."""

    def mark(function: CheckFunction) -> CheckFunction:
        setattr(function, _RULES_ATTRIBUTE, rules)
        return function

    return mark


def checks_in(module: object) -> list[Check]:
    """The checks a family module defines, in the order it defines them (a check imported
    from another module is that module's)."""
    return [
        Check(value, getattr(value, _RULES_ATTRIBUTE))
        for value in vars(module).values()
        if callable(value)
        and isinstance(getattr(value, _RULES_ATTRIBUTE, None), tuple)
        and getattr(value, "__module__", None) == getattr(module, "__name__", None)
    ]


class Engine:
    """Runs checks (those with at least one selected rule) on studies."""

    def __init__(
        self,
        context: Context,
        checks: Sequence[Check],
        selected: Callable[[Rule], bool] = lambda _: True,
    ) -> None:
        self.context = context
        self.selected = selected
        self.checks = [c for c in checks if any(selected(rule) for rule in c.rules)]

    def run(self, study: Study) -> list[Finding]:
        record = Record(study.data)
        findings = []
        for registered in self.checks:
            try:
                hits = list(registered.function(record, self.context))
            except RecursionError:
                raise  # the record is nested too deeply for any check: the runner says so
            except Exception as error:  # a bug of trialint's: the other checks still run
                codes = ", ".join(rule.code for rule in registered.rules)
                message = (
                    f"the check of {codes} failed on this record ({type(error).__name__}: "
                    f"{error}); please report it with the file. The other rules' findings stand"
                )
                findings.append(study.finding(CHECK_FAILED, message, ()))
                continue
            for hit in hits:
                if self.selected(hit.rule):
                    findings.append(
                        study.finding(
                            hit.rule, hit.message, hit.path,
                            at_key=hit.at_key, within=hit.within, fix=hit.fix,
                            related=hit.related,
                        )
                    )  # fmt: skip
        return findings
