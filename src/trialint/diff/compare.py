"""Compare two versions of one study: changes by meaning, each ranked by how much it matters.

A generic diff reports positions: a site inserted at the top of the list "changes" every site
after it. Here list entries are matched by what they are (arms by label, locations by facility,
outcomes by measure, with a similarity fallback so a rewording reads as one), dates compare at
the precision both have, and the registry's own bookkeeping is left out (normalize.py). What
remains is compared with DeepDiff, which finds the field-level changes inside matched entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from deepdiff import DeepDiff

from trialint.diff.model import Change, Kind, Significance, StudyDiff
from trialint.diff.normalize import canonical
from trialint.diff.pairing import pair
from trialint.partialdate import PartialDate
from trialint.registry import MARKDOWN_PUNCTUATION, STUDY_DATES, nct_id_of

MAJOR, MINOR, ADMIN = Significance.MAJOR, Significance.MINOR, Significance.ADMINISTRATIVE
OUTCOME_LISTS = ("primaryOutcomes", "secondaryOutcomes", "otherOutcomes")
REWORDED_AT = 0.6  # word-sequence similarity above which a changed entry is the same entry
MOVED_AT = 0.85  # across outcome lists, where a coincidental likeness misleads more

# What matters (issue #5, diff-survey.md): module -> field -> significance; a field not listed
# takes its module's default, a module not listed is administrative.
_MODULE_DEFAULT = {
    "outcomesModule": MINOR, "contactsLocationsModule": MINOR, "eligibilityModule": MINOR,
    "descriptionModule": MINOR, "conditionsModule": MINOR, "armsInterventionsModule": MINOR,
}  # fmt: skip
_FIELDS = {
    ("statusModule", "overallStatus"): MAJOR,
    ("statusModule", "whyStopped"): MINOR,
    ("statusModule", "resultsFirstPostDateStruct"): MAJOR,
    ("designModule", "phases"): MAJOR,
    ("designModule", "enrollmentInfo"): MAJOR,
    ("designModule", "designInfo", "allocation"): MAJOR,
    ("designModule", "designInfo", "interventionModel"): MAJOR,
    ("designModule", "designInfo", "maskingInfo", "masking"): MAJOR,
    # Who is blinded, on its own; beside a change of the masking level it is major (_design).
    ("designModule", "designInfo", "maskingInfo", "whoMasked"): MINOR,
    ("sponsorCollaboratorsModule", "leadSponsor"): MAJOR,
    ("identificationModule", "briefTitle"): MINOR,
    ("identificationModule", "officialTitle"): MINOR,
    ("identificationModule", "acronym"): MINOR,
}


def significance_of(module: str, keys: tuple[str, ...]) -> Significance:
    """The weight of a change at ``keys`` (the string keys of its path) in ``module``."""
    for length in range(len(keys), 0, -1):
        found = _FIELDS.get((module, *keys[:length]))
        if found is not None:
            return found
    return _MODULE_DEFAULT.get(module, ADMIN)


# --- paths ------------------------------------------------------------------------------------


def _quote(value: Any, limit: int = 48) -> str:
    text = " ".join(str(value).split())
    text = text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return '"' + text.replace('"', '\\"') + '"'


def _join(prefix: str, tokens: list[Any]) -> str:
    """``locations[facility="X"]`` + ['contacts', 0, 'name'] -> ...contacts[0].name"""
    path = prefix
    for token in tokens:
        path += f"[{token}]" if isinstance(token, int) else (f".{token}" if path else str(token))
    return path


# --- generic comparison -----------------------------------------------------------------------


_ESCAPE = re.compile(rf"\\([\\{MARKDOWN_PUNCTUATION}])")


def _same_text(old: Any, new: Any) -> bool:
    """Texts that read the same: edits of whitespace, or of Markdown escaping (the API writes
    `10\\^6` where a copy has `10^6`), are not changes."""
    if not (isinstance(old, str) and isinstance(new, str)):
        return False
    return _ESCAPE.sub(r"\1", old).split() == _ESCAPE.sub(r"\1", new).split()


def _deep(
    module: str,
    prefix: str,
    keys: tuple[str, ...],
    old: Any,
    new: Any,
    study: str,
    significance: Significance | None = None,
) -> Iterator[Change]:
    """Field-level changes between two values with no identity of their own to match on:
    lists compare as sets, whitespace-only text edits are not changes."""
    if old == new:
        return
    diff = DeepDiff(old, new, ignore_order=True, view="tree", verbose_level=2,
                    ignore_numeric_type_changes=True)  # fmt: skip
    for report, levels in diff.items():
        for level in levels:
            tokens = list(level.path(output_format="list"))
            before, after = level.t1, level.t2
            if report in ("iterable_item_added", "iterable_item_removed") or (
                tokens and isinstance(tokens[-1], int) and not isinstance(before, dict)
            ):
                tokens = tokens[:-1]  # a list compared as a set: the entry, not its position
            string_keys = (*keys, *(t for t in tokens if isinstance(t, str)))
            weight = significance or significance_of(module, string_keys)
            path = _join(prefix, tokens)
            if report in ("values_changed", "type_changes"):
                if _same_text(before, after):
                    continue
                yield Change(study, module, path, Kind.CHANGED, weight, before, after)
            elif report in ("dictionary_item_added", "iterable_item_added"):
                yield Change(study, module, path, Kind.ADDED, weight, None, after)
            elif report in ("dictionary_item_removed", "iterable_item_removed"):
                yield Change(study, module, path, Kind.REMOVED, weight, before, None)


# --- keyed lists ------------------------------------------------------------------------------


def _normal(text: Any) -> str:
    return " ".join(str(text).lower().split()) if text is not None else ""


def _entries(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


class _Keyed:
    """How one list's entries are identified (``key``), named in paths (``label``=``name``),
    and, where ``fallback`` is set, matched when renamed (their key as similar as that)."""

    def __init__(
        self,
        field: str,
        key: Callable[[dict[str, Any]], str],
        label: str,
        fallback: float | None = None,
    ) -> None:
        self.field, self.key, self.label, self.fallback = field, key, label, fallback

    def keys(self, entries: list[dict[str, Any]]) -> list[str]:
        return [self.key(entry) for entry in entries]

    def name(self, entry: dict[str, Any]) -> Any:
        return entry.get(self.label)

    def path(self, entry: dict[str, Any]) -> str:
        return f"{self.field}[{self.label}={_quote(self.name(entry))}]"


def _keyed_list(
    module: str,
    spec: _Keyed,
    old: Any,
    new: Any,
    study: str,
    identity: Significance,
    inner: Significance | None = None,
) -> Iterator[Change]:
    """Added, removed and renamed entries (``identity``), and changes inside matched ones."""
    old_entries, new_entries = _entries(old), _entries(new)
    pairs, removed, added = pair(spec.keys(old_entries), spec.keys(new_entries), spec.fallback)
    for i, j, exact in pairs:
        before, after = old_entries[i], new_entries[j]
        path = spec.path(after)
        if not exact:
            yield Change(study, module, path, Kind.REWORDED, identity,
                         spec.name(before), spec.name(after))  # fmt: skip
            before, after = _without(before, spec.label), _without(after, spec.label)
        yield from _deep(module, path, (spec.field,), before, after, study, inner)
    for i in removed:
        yield Change(study, module, spec.path(old_entries[i]), Kind.REMOVED, identity,
                     old_entries[i], None)  # fmt: skip
    for j in added:
        yield Change(study, module, spec.path(new_entries[j]), Kind.ADDED, identity,
                     None, new_entries[j])  # fmt: skip


def _by(*fields: str) -> Callable[[dict[str, Any]], str]:
    return lambda entry: "|".join(_normal(entry.get(field)) for field in fields)


ARMS = _Keyed("armGroups", _by("label"), "label", REWORDED_AT)
# The type is part of an intervention's identity, but a renamed intervention keeps its type.
INTERVENTIONS = _Keyed("interventions", _by("name", "type"), "name", REWORDED_AT)
LOCATIONS = _Keyed("locations", _by("facility", "city", "country"), "facility")
PEOPLE = {
    field: _Keyed(field, _by("name"), "name") for field in ("centralContacts", "overallOfficials")
}
COLLABORATORS = _Keyed("collaborators", _by("name"), "name")
REFERENCES = _Keyed("references", _by("pmid", "citation"), "pmid")


# --- modules ----------------------------------------------------------------------------------


def _without(module: dict[str, Any], *fields: str) -> dict[str, Any]:
    return {key: value for key, value in module.items() if key not in fields}


def _status(old: dict[str, Any], new: dict[str, Any], study: str) -> Iterator[Change]:
    for field, label in STUDY_DATES.items():
        yield from _study_date(field, label, old.get(field), new.get(field), new, study)
    results_before, results_after = (
        old.get("resultsFirstPostDateStruct"),
        new.get("resultsFirstPostDateStruct"),
    )
    if results_after and not results_before:
        yield Change(study, "statusModule", "resultsFirstPostDateStruct", Kind.ADDED, MAJOR,
                     None, results_after, "results first posted")  # fmt: skip
        old = {**old, "resultsFirstPostDateStruct": results_after}
    yield from _deep("statusModule", "", (), _without(old, *STUDY_DATES),
                     _without(new, *STUDY_DATES), study)  # fmt: skip


def _study_date(
    field: str, label: str, old: Any, new: Any, status: dict[str, Any], study: str
) -> Iterator[Change]:
    """A study date: slipped (with the days), actualized, or only made more precise."""
    if old == new:
        return
    old, new = _mapping(old), _mapping(new)
    before, after = PartialDate.parse(old.get("date")), PartialDate.parse(new.get("date"))
    old_type, new_type = old.get("type"), new.get("type")
    if before is None or after is None:
        kind = Kind.ADDED if not old else Kind.REMOVED if not new else Kind.CHANGED
        yield Change(study, "statusModule", field, kind, MAJOR, old or None, new or None)
        return
    actualized = old_type == "ESTIMATED" and new_type == "ACTUAL"
    order = before.compare(after)
    if order == 0:
        precise = before.precision != after.precision
        if actualized:
            note = "and made more precise" if precise else None
            yield Change(study, "statusModule", field, Kind.ACTUALIZED, MINOR,
                         old, new, note)  # fmt: skip
        elif old_type != new_type:
            yield Change(study, "statusModule", f"{field}.type", Kind.CHANGED, MAJOR,
                         old_type, new_type)  # fmt: skip
        elif precise:
            yield Change(study, "statusModule", f"{field}.date", Kind.CHANGED, ADMIN,
                         str(before), str(after), "precision only, same date")  # fmt: skip
        return
    days = (after.first_day() - before.first_day()).days
    note = f"slipped {days} days" if days > 0 else f"moved {-days} days earlier"
    if actualized:
        note += ", and actualized"
    if field == "startDateStruct":
        first_post = PartialDate.parse((status.get("studyFirstPostDateStruct") or {}).get("date"))
        if first_post and before.compare(first_post) <= 0 < after.compare(first_post):
            note += f"; now after the first posting ({first_post})"
    yield Change(study, "statusModule", field, Kind.CHANGED, MAJOR, old, new, f"{label} {note}")


def _design(old: dict[str, Any], new: dict[str, Any], study: str) -> Iterator[Change]:
    """Enrollment as one event with a note on its size and type; the rest field by field,
    who is masked read with the masking level."""
    yield from _enrollment(old.get("enrollmentInfo") or {}, new.get("enrollmentInfo") or {}, study)
    changes = list(_deep("designModule", "", (), _without(old, "enrollmentInfo"),
                         _without(new, "enrollmentInfo"), study))  # fmt: skip
    yield from _masking_together(changes)


_MASKING, _WHO_MASKED = "designInfo.maskingInfo.masking", "designInfo.maskingInfo.whoMasked"


def _masking_together(changes: list[Change]) -> Iterator[Change]:
    """Who is masked is half of the masking level (DOUBLE: which two?): when the level
    changes, the change of who is as major and follows it, not a detail read apart."""
    if not any(change.path == _MASKING for change in changes):
        yield from changes
        return
    who = [replace(c, significance=MAJOR) for c in changes if c.path.startswith(_WHO_MASKED)]
    for change in changes:
        if not change.path.startswith(_WHO_MASKED):
            yield change
        if change.path == _MASKING:
            yield from who


def _enrollment(before: Any, after: Any, study: str) -> Iterator[Change]:
    """Enrollment, with how the count moved and whether its type did: ESTIMATED -> ACTUAL
    with the same count is the study reporting what it planned, not a change of size."""
    if before == after or not isinstance(before, dict) or not isinstance(after, dict):
        return
    note = _enrollment_note(before, after)
    actualized = before.get("type") == "ESTIMATED" and after.get("type") == "ACTUAL"
    if before.get("count") == after.get("count") and actualized:
        yield Change(study, "designModule", "enrollmentInfo", Kind.ACTUALIZED, MINOR,
                     before, after, note)  # fmt: skip
    else:
        yield Change(study, "designModule", "enrollmentInfo", Kind.CHANGED, MAJOR,
                     before or None, after or None, note)  # fmt: skip


def _enrollment_note(before: dict[str, Any], after: dict[str, Any]) -> str | None:
    """'-25%'; 'type ESTIMATED → ACTUAL, count unchanged (120)'; '+8%, type ESTIMATED →
    ACTUAL': never a '+0%' that hides a change of type, or of a few participants in many."""
    count_before, count_after = before.get("count"), after.get("count")
    type_before, type_after = before.get("type"), after.get("type")
    retyped = f"type {type_before or '(none)'} → {type_after or '(none)'}"
    if count_before == count_after and type_before != type_after:
        if count_after is None:
            return retyped
        shown = f"{count_after:,}" if isinstance(count_after, int) else str(count_after)
        return f"{retyped}, count unchanged ({shown})"
    parts = []
    if isinstance(count_before, int) and isinstance(count_after, int) and count_before:
        percent = f"{(count_after - count_before) / count_before:+.0%}"
        if percent in ("+0%", "-0%"):
            percent = f"{count_after - count_before:+,} (under 1%)"
        parts.append(percent)
    if type_before != type_after:
        parts.append(retyped)
    return ", ".join(parts) or None


def _outcomes(old: dict[str, Any], new: dict[str, Any], study: str) -> Iterator[Change]:
    """Outcomes by measure; a measure that moved between primary and secondary is one move."""
    pools = {name: (_entries(old.get(name)), _entries(new.get(name))) for name in OUTCOME_LISTS}
    weight = {"primaryOutcomes": MAJOR, "secondaryOutcomes": MINOR, "otherOutcomes": MINOR}
    spec = {name: _Keyed(name, _by("measure"), "measure", REWORDED_AT) for name in OUTCOME_LISTS}
    leftovers: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for name, (before, after) in pools.items():
        keys = spec[name].keys
        pairs, removed, added = pair(keys(before), keys(after), REWORDED_AT)
        for i, j, exact in pairs:
            path = spec[name].path(after[j])
            if not exact:
                yield Change(study, "outcomesModule", path, Kind.REWORDED, weight[name],
                             before[i].get("measure"), after[j].get("measure"))  # fmt: skip
            yield from _outcome_fields(name, path, before[i], after[j], study, weight[name])
        leftovers[name] = ([before[i] for i in removed], [after[j] for j in added])
    for source in OUTCOME_LISTS:
        for target in OUTCOME_LISTS:
            if source == target:
                continue
            gone, came = leftovers[source][0], leftovers[target][1]
            keys = spec[source].keys
            pairs, still_gone, still_came = pair(keys(gone), keys(came), MOVED_AT)
            for i, j, _exact in sorted(pairs, key=lambda p: -p[0]):
                entry, moved = gone[i], came[j]
                significance = MAJOR if "primaryOutcomes" in (source, target) else MINOR
                path = spec[target].path(moved)
                yield Change(study, "outcomesModule", path, Kind.MOVED, significance,
                             source, target, f"from {source} to {target}")  # fmt: skip
                yield from _outcome_fields(target, path, entry, moved, study, significance)
            # What did not move stays, by index: popping the moved ones one by one shifted
            # the indexes of the rest (two outcomes moved in crossed order failed).
            gone[:] = [gone[i] for i in still_gone]
            came[:] = [came[j] for j in still_came]
    for name, (gone, came) in leftovers.items():
        for entry in gone:
            yield Change(study, "outcomesModule", spec[name].path(entry), Kind.REMOVED,
                         weight[name], entry, None)  # fmt: skip
        for entry in came:
            yield Change(study, "outcomesModule", spec[name].path(entry), Kind.ADDED,
                         weight[name], None, entry)  # fmt: skip
    yield from _deep("outcomesModule", "", (), _without(old, *OUTCOME_LISTS),
                     _without(new, *OUTCOME_LISTS), study)  # fmt: skip


def _outcome_fields(
    name: str, path: str, old: dict[str, Any], new: dict[str, Any], study: str, weight: Significance
) -> Iterator[Change]:
    """A primary outcome's time frame is as major as its measure; its description is minor."""
    if _normal(old.get("timeFrame")) != _normal(new.get("timeFrame")):
        yield Change(study, "outcomesModule", f"{path}.timeFrame", Kind.CHANGED, weight,
                     old.get("timeFrame"), new.get("timeFrame"))  # fmt: skip
    rest = ("measure", "timeFrame")
    yield from _deep("outcomesModule", path, (name,), _without(old, *rest), _without(new, *rest),
                     study, MINOR)  # fmt: skip


def _arms(old: dict[str, Any], new: dict[str, Any], study: str) -> Iterator[Change]:
    module = "armsInterventionsModule"
    yield from _keyed_list(module, ARMS, old.get("armGroups"), new.get("armGroups"), study, MAJOR)
    yield from _keyed_list(module, INTERVENTIONS, old.get("interventions"),
                           new.get("interventions"), study, MAJOR)  # fmt: skip
    yield from _deep(module, "", (), _without(old, "armGroups", "interventions"),
                     _without(new, "armGroups", "interventions"), study)  # fmt: skip


def _contacts(old: dict[str, Any], new: dict[str, Any], study: str) -> Iterator[Change]:
    module = "contactsLocationsModule"
    yield from _keyed_list(module, LOCATIONS, old.get("locations"), new.get("locations"), study,
                           MINOR)  # fmt: skip
    for field, spec in PEOPLE.items():
        yield from _keyed_list(module, spec, old.get(field), new.get(field), study, MINOR)
    fields = ("locations", "locations_nested", *PEOPLE)
    yield from _deep(module, "", (), _without(old, *fields), _without(new, *fields), study)


def _sponsors(old: dict[str, Any], new: dict[str, Any], study: str) -> Iterator[Change]:
    module = "sponsorCollaboratorsModule"
    yield from _keyed_list(module, COLLABORATORS, old.get("collaborators"),
                           new.get("collaborators"), study, ADMIN)  # fmt: skip
    yield from _deep(module, "", (), _without(old, "collaborators"),
                     _without(new, "collaborators"), study)  # fmt: skip


def _references(old: dict[str, Any], new: dict[str, Any], study: str) -> Iterator[Change]:
    module = "referencesModule"
    yield from _keyed_list(module, REFERENCES, old.get("references"), new.get("references"),
                           study, ADMIN)  # fmt: skip
    yield from _deep(module, "", (), _without(old, "references"), _without(new, "references"),
                     study)  # fmt: skip


_MODULES: dict[str, Callable[[dict[str, Any], dict[str, Any], str], Iterator[Change]]] = {
    "statusModule": _status,
    "designModule": _design,
    "outcomesModule": _outcomes,
    "armsInterventionsModule": _arms,
    "contactsLocationsModule": _contacts,
    "sponsorCollaboratorsModule": _sponsors,
    "referencesModule": _references,
}


def _sections(study: dict[str, Any]) -> dict[str, Any]:
    """Modules by name: protocolSection's modules, other sections' modules, top-level values."""
    modules: dict[str, Any] = {}
    for key, value in study.items():
        if key.endswith("Section") and isinstance(value, dict):
            modules.update({name: module for name, module in value.items()})
        else:
            modules[key] = value
    return modules


def compare_studies(
    old: dict[str, Any], new: dict[str, Any], *, include_derived: bool = False
) -> StudyDiff:
    """The changes from ``old`` to ``new`` (two versions of one study), most significant first."""
    old, new = (
        canonical(old, include_derived=include_derived),
        canonical(new, include_derived=include_derived),
    )
    study = nct_id_of(new) or nct_id_of(old) or "?"
    before, after = _sections(old), _sections(new)
    changes: list[Change] = []
    for name in dict.fromkeys([*before, *after]):
        old_module, new_module = before.get(name), after.get(name)
        if old_module == new_module:
            continue
        handler = _MODULES.get(name)
        if handler and isinstance(old_module, dict) and isinstance(new_module, dict):
            changes.extend(handler(old_module, new_module, study))
        else:
            changes.extend(_deep(name, "", (), old_module, new_module, study))
    changes.sort(key=lambda change: change.significance.rank)
    diff = StudyDiff(study, None, None, changes)
    sites = _entries(_mapping(after.get("contactsLocationsModule")).get("locations"))
    changed_sites = {c.path.split("]", 1)[0] for c in changes if c.path.startswith("locations[")}
    diff.unchanged["sites"] = max(0, len(sites) - len(changed_sites))
    return diff


def _mapping(value: Any) -> dict[str, Any]:
    """A mapping as it should be, or an empty one where a record breaks the schema: the diff
    compares what it can (lint reports the shape)."""
    return value if isinstance(value, dict) else {}
