"""A study as the checks see it: every module and common value, read defensively.

Checks run on records that may break the schema (a list where a mapping should be, a number
where text should be); the schema findings report that. The accessors here return empty
values for anything of the wrong shape, so a check never has to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, Generic, TypeVar

from trialint.document.textfields import TextIndex
from trialint.partialdate import PartialDate
from trialint.registry import nct_id_of

FINAL_RULE = date(2017, 1, 18)  # 42 CFR 11 took effect: date types and more became required
FDAAA = date(2007, 9, 27)  # FDAAA 801: outcome measures and time frames part of registration
# ICMJE: trials starting on or after this day are published only if registered before the
# first enrolment (De Angelis et al., N Engl J Med 2004;351:1250): prospective registration as
# policy. FDAAA made it law for trials starting after its enactment (within 21 days, 42 CFR
# 11.24).
ICMJE = date(2005, 7, 1)
REGISTRATION_DAYS = 21  # 42 CFR 11.24(a): register within 21 days of the first enrolment
# Declaration of Helsinki, Fortaleza revision (WMA General Assembly, October 2013), paragraph
# 35: every research study involving human subjects, observational ones too, is registered
# before the first subject is recruited.
HELSINKI_REGISTRATION = date(2013, 10, 19)
# 42 CFR 11.64(a)(1)(ii): a start, primary completion or completion date reached is made
# ACTUAL, and a status change entered, within 30 days
UPDATE_DAYS = 30
_FINAL_RULE_DATE, _FDAAA_DATE = PartialDate.of(FINAL_RULE), PartialDate.of(FDAAA)


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def dicts(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The entries of a list that are mappings, with their index."""
    return [(index, item) for index, item in enumerate(as_list(value)) if isinstance(item, dict)]


T = TypeVar("T")


class computed_once(Generic[T]):
    """``functools.cached_property`` without the lock Python 3.11 takes on each first access:
    a record is checked by one thread, and its twenty views are read once each per record."""

    def __init__(self, function: Callable[[Any], T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.function(instance)
        return value


def per_record(function: Callable[[Record], T]) -> Callable[[Record], T]:
    """A value derived from a record that several checks read: computed once per record and
    kept in it (under the function's qualified name, which no attribute can have)."""
    key = f"{function.__module__}:{function.__qualname__}"

    def once(record: Record) -> T:
        kept = record.__dict__
        if key not in kept:
            kept[key] = function(record)
        return kept[key]  # type: ignore[no-any-return]

    return wraps(function)(once)


class Record:
    """Read-only views of a study's modules; each is computed once."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.protocol = as_dict(data.get("protocolSection"))
        self._dates: dict[str, PartialDate | None] = {}

    def module(self, name: str) -> dict[str, Any]:
        return as_dict(self.protocol.get(name))

    @computed_once
    def identification(self) -> dict[str, Any]:
        return self.module("identificationModule")

    @computed_once
    def status(self) -> dict[str, Any]:
        return self.module("statusModule")

    @computed_once
    def design(self) -> dict[str, Any]:
        return self.module("designModule")

    @computed_once
    def design_info(self) -> dict[str, Any]:
        return as_dict(self.design.get("designInfo"))

    @computed_once
    def arms_module(self) -> dict[str, Any]:
        return self.module("armsInterventionsModule")

    @computed_once
    def outcomes(self) -> dict[str, Any]:
        return self.module("outcomesModule")

    @computed_once
    def eligibility(self) -> dict[str, Any]:
        return self.module("eligibilityModule")

    @computed_once
    def contacts(self) -> dict[str, Any]:
        return self.module("contactsLocationsModule")

    @computed_once
    def nct_id(self) -> str | None:
        return nct_id_of(self.data)

    @computed_once
    def study_type(self) -> str | None:
        return as_str(self.design.get("studyType"))

    @computed_once
    def overall_status(self) -> str | None:
        return as_str(self.status.get("overallStatus"))

    @computed_once
    def phases(self) -> list[str]:
        return [phase for phase in as_list(self.design.get("phases")) if isinstance(phase, str)]

    @computed_once
    def arm_groups(self) -> list[tuple[int, dict[str, Any]]]:
        return dicts(self.arms_module.get("armGroups"))

    @computed_once
    def interventions(self) -> list[tuple[int, dict[str, Any]]]:
        return dicts(self.arms_module.get("interventions"))

    @computed_once
    def text(self) -> TextIndex:
        """The record's prose, gathered once for all text rules."""
        return TextIndex(self.protocol)

    def date(self, field: str) -> PartialDate | None:
        """A status-module date: a ``*DateStruct`` (its ``date``) or a plain date field."""
        if field not in self._dates:
            value = self.status.get(field)
            if isinstance(value, dict):
                value = value.get("date")
            self._dates[field] = PartialDate.parse(value)
        return self._dates[field]

    def date_type(self, struct: str) -> str | None:
        return as_str(as_dict(self.status.get(struct)).get("type"))

    @computed_once
    def first_submitted(self) -> PartialDate | None:
        return self.date("studyFirstSubmitDate")

    @computed_once
    def under_final_rule(self) -> bool | None:
        """Whether the record was first submitted on or after 2017-01-18 (None: unknown).

        Older records often lack date types, a primary completion date or a reason for
        stopping: that is history, not an error, and the rules that need those fields say so.
        """
        first = self.first_submitted
        if first is None:
            return None
        return first.compare(_FINAL_RULE_DATE) >= 0

    @computed_once
    def legacy(self) -> bool:
        """Whether the record is known to be first submitted before 42 CFR 11 (2017-01-18):
        the registry accepts it without what the final rule added, even at later updates."""
        return self.under_final_rule is False

    @computed_once
    def before_fdaaa(self) -> bool:
        """Whether the record was first submitted before FDAAA 801 made outcome measures part
        of registration: what such records lack, or write in older conventions, is history.
        (False when the submission date is unknown.)"""
        first = self.first_submitted
        return first is not None and first.compare(_FDAAA_DATE) < 0
