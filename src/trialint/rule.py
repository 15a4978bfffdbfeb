"""What a rule is: the unit a user selects, ignores, or asks trialint to explain.

A rule keeps its code, name, default severity, documentation and examples in one place, so
``trialint explain CODE`` and the test suite read the same text the checks were written from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FixKind(StrEnum):
    """What a rule's findings offer to correct, as ``trialint rules`` and ``explain`` say it
    (each finding's own ``Fix`` decides; the test suite holds the rules' examples to this)."""

    SAFE = "safe"  # --fix applies it: it cannot change what the record means
    UNSAFE = "unsafe"  # --fix --unsafe-fixes applies it: it needs a person's review
    SAFE_OR_UNSAFE = "safe or unsafe"  # safe for some findings, unsafe for others
    SUGGESTION = "suggestion"  # shown, never applied: it would change what the record says


@dataclass(frozen=True)
class Rule:
    """A documented check with examples the test suite runs.

    ``fails`` have the problem, ``passes`` are the same written correctly. Examples of file
    rules (family F) are whole files; those of record rules are fragments of a record: the
    modules they show stand in for those of a complete, valid record.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    rationale: str
    fails: tuple[str, ...] = field(default=(), repr=False)
    passes: tuple[str, ...] = field(default=(), repr=False)
    # Off by default: a rule whose evidence is weak runs only when a configuration or the
    # command line names it (as cfn-lint's informational rules and ruff's opt-in ones).
    default: bool = True
    # The fix its findings carry, if any (None: a person writes the correction).
    fix: FixKind | None = None
    # It reads words against the vocabulary: the curator's words (configuration ``words``,
    # ``words-file``) silence it, and ``explain`` says how to add them.
    reads_words: bool = False

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# The statusModule of a complete, finished study, field by field as YAML text. An example's
# module replaces the whole module of the complete record, so an example about one status field
# shows the others too; ``status_module`` writes them, in the registry's order.
_FINISHED_STUDY_STATUS = {
    "statusVerifiedDate": "'2024-03'",
    "overallStatus": "COMPLETED",
    "startDateStruct": "{date: '2021-02-01', type: ACTUAL}",
    "primaryCompletionDateStruct": "{date: '2023-06-30', type: ACTUAL}",
    "completionDateStruct": "{date: '2023-12-15', type: ACTUAL}",
    "studyFirstSubmitDate": "'2020-12-01'",
    "lastUpdateSubmitDate": "'2024-03-10'",
}


# A study first submitted in 2005, before FDAAA 801 and the final rule (42 CFR 11): the
# examples of the rules that report what older records lack (``status_module(**LEGACY_STUDY)``).
LEGACY_STUDY = {
    "statusVerifiedDate": "'2008-01'",
    "startDateStruct": "{date: '2005-03'}",
    "primaryCompletionDateStruct": "",
    "completionDateStruct": "{date: '2007-06'}",
    "studyFirstSubmitDate": "'2005-09-13'",
    "studyFirstPostDateStruct": "{date: '2005-09-15', type: ESTIMATED}",
    "lastUpdateSubmitDate": "'2008-01-10'",
    "lastUpdatePostDateStruct": "{date: '2008-01-11', type: ESTIMATED}",
}


# What a complete record's contactsLocationsModule holds besides an example's own entries: a
# scientific contact (C025) and a site (C026). The contacts rules' examples replace the whole
# module, so a passing example about one contact or one site gives these too, after its own.
AN_OFFICIAL = (
    "    overallOfficials:\n      - {name: 'Anne Martin, MD', affiliation: Hospices Civils de "
    "Lyon, role: PRINCIPAL_INVESTIGATOR}\n"
)
A_SITE = (
    "    locations:\n      - {facility: Hopital Edouard Herriot, city: Lyon, country: France}\n"
)


def status_module(**fields: str) -> str:
    """An example's statusModule: a finished study's, with ``fields`` (YAML text) in place of
    its own; a field given as ``""`` is left out."""
    values = {**_FINISHED_STUDY_STATUS, **fields}
    lines = (f"    {key}: {value}\n" for key, value in values.items() if value)
    return "protocolSection:\n  statusModule:\n" + "".join(lines)


class RuleSet:
    """Rules by code and by name: the catalog's, and a run's with its rule packs."""

    def __init__(self) -> None:
        self._by_code: dict[str, Rule] = {}
        self._by_name: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        for key, table in ((rule.code, self._by_code), (rule.name, self._by_name)):
            if key in table:
                raise ValueError(f"rule {key!r} is defined twice")
            table[key] = rule
        return rule

    def copy(self) -> RuleSet:
        twin = RuleSet()
        twin._by_code, twin._by_name = dict(self._by_code), dict(self._by_name)
        return twin

    def get(self, code_or_name: str) -> Rule | None:
        return self._by_code.get(code_or_name.upper()) or self._by_name.get(code_or_name)

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._by_code.values(), key=lambda rule: rule.code))

    def __len__(self) -> int:
        return len(self._by_code)


def rules_in(module: object) -> list[Rule]:
    """The rules a family module declares (its module-level Rule values)."""
    return [value for value in vars(module).values() if isinstance(value, Rule)]


def rule(
    code: str,
    name: str,
    severity: Severity,
    summary: str,
    rationale: str,
    *,
    fails: tuple[str, ...] = (),
    passes: tuple[str, ...] = (),
    default: bool = True,
    fix: FixKind | None = None,
    reads_words: bool = False,
) -> Rule:
    """Declare a rule. Nothing is registered: the catalog lists the family modules and takes
    their rules (``rules_in``)."""
    return Rule(code, name, severity, summary, rationale, fails, passes, default, fix, reads_words)
