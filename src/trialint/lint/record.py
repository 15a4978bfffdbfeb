"""A study as the checks see it: every module and common value, read defensively.

Checks run on records that may break the schema (a list where a mapping should be, a number
where text should be); the schema findings report that. The accessors here return empty
values for anything of the wrong shape, so a check never has to.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any

from trialint.lint.textfields import TextIndex
from trialint.partialdate import PartialDate

FINAL_RULE = date(2017, 1, 18)  # 42 CFR 11 took effect: date types and more became required
FDAAA = date(2007, 9, 27)  # FDAAA 801: outcome measures and time frames part of registration


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The entries of a list that are mappings, with their index."""
    return [(index, item) for index, item in enumerate(as_list(value)) if isinstance(item, dict)]


class Record:
    """Read-only views of a study's modules; each is computed once."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.protocol = as_dict(data.get("protocolSection"))

    def module(self, name: str) -> dict[str, Any]:
        return as_dict(self.protocol.get(name))

    @cached_property
    def identification(self) -> dict[str, Any]:
        return self.module("identificationModule")

    @cached_property
    def status(self) -> dict[str, Any]:
        return self.module("statusModule")

    @cached_property
    def design(self) -> dict[str, Any]:
        return self.module("designModule")

    @cached_property
    def design_info(self) -> dict[str, Any]:
        return as_dict(self.design.get("designInfo"))

    @cached_property
    def arms_module(self) -> dict[str, Any]:
        return self.module("armsInterventionsModule")

    @cached_property
    def outcomes(self) -> dict[str, Any]:
        return self.module("outcomesModule")

    @cached_property
    def eligibility(self) -> dict[str, Any]:
        return self.module("eligibilityModule")

    @cached_property
    def contacts(self) -> dict[str, Any]:
        return self.module("contactsLocationsModule")

    @cached_property
    def nct_id(self) -> str | None:
        return as_str(self.identification.get("nctId"))

    @cached_property
    def study_type(self) -> str | None:
        return as_str(self.design.get("studyType"))

    @cached_property
    def overall_status(self) -> str | None:
        return as_str(self.status.get("overallStatus"))

    @cached_property
    def phases(self) -> list[str]:
        return [phase for phase in as_list(self.design.get("phases")) if isinstance(phase, str)]

    @cached_property
    def arm_groups(self) -> list[tuple[int, dict[str, Any]]]:
        return dicts(self.arms_module.get("armGroups"))

    @cached_property
    def interventions(self) -> list[tuple[int, dict[str, Any]]]:
        return dicts(self.arms_module.get("interventions"))

    @cached_property
    def text(self) -> TextIndex:
        """The record's prose, gathered once for all text rules."""
        return TextIndex(self.protocol)

    def date(self, field: str) -> PartialDate | None:
        """A status-module date: a ``*DateStruct`` (its ``date``) or a plain date field."""
        value = self.status.get(field)
        if isinstance(value, dict):
            value = value.get("date")
        return PartialDate.parse(value)

    def date_type(self, struct: str) -> str | None:
        return as_str(as_dict(self.status.get(struct)).get("type"))

    @cached_property
    def first_submitted(self) -> PartialDate | None:
        return self.date("studyFirstSubmitDate")

    @cached_property
    def under_final_rule(self) -> bool | None:
        """Whether the record was first submitted on or after 2017-01-18 (None: unknown).

        Older records often lack date types, a primary completion date or a reason for
        stopping: that is history, not an error, and the rules that need those fields say so.
        """
        first = self.first_submitted
        if first is None:
            return None
        return first.compare(PartialDate.of(FINAL_RULE)) >= 0

    @cached_property
    def before_fdaaa(self) -> bool:
        """Whether the record was first submitted before FDAAA 801 made outcome measures part
        of registration: what such records lack, or write in older conventions, is history.
        (False when the submission date is unknown.)"""
        first = self.first_submitted
        return first is not None and first.compare(PartialDate.of(FDAAA)) < 0
