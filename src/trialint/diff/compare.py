"""Compare two versions of one study: changes by meaning, each ranked by how much it matters.

A generic diff reports positions: a site inserted at the top of the list "changes" every site
after it. Here list entries are matched by what they are (arms by label, locations by facility,
outcomes by measure, with a similarity fallback so a rewording reads as one), dates compare at
the precision both have, and the registry's own bookkeeping is left out (normalize.py). What
remains is compared with DeepDiff, which finds the field-level changes inside matched entries.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import replace
from typing import Any

from deepdiff import DeepDiff

from trialint.diff.model import Change, Kind, Significance, StudyDiff
from trialint.diff.normalize import canonical
from trialint.diff.outcome_switch import Switch, describe, match_primary
from trialint.diff.pairing import Pairs, pair, pair_in_stages
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


NAMED_IN = 48  # characters of a name a path shows, unless more are needed to tell it apart
SPAN = 2 * NAMED_IN  # a name needing more shows its start and the words where it differs


def _text(value: Any) -> str:
    """A name as a path shows it: on one line, its whitespace collapsed."""
    return " ".join(str(value).split())


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def _shown(texts: Iterable[str]) -> dict[str, str]:
    """How each of the names of one list reads in paths: whole up to ``NAMED_IN`` characters,
    cut beyond, and never so that two names read the same.

    Two outcomes measured at two times, or a sponsor's long placeholder sites, often share
    their first 48 characters: such a name is cut after the word where it differs from the
    name most like it ("Number of participants with treatment-emergent adverse events by…"),
    and where that word is far in, shows its start and the words there ("Area under the
    plasma concentration-time curve … of ABC-123 metabolite…"). Names that would still read
    the same are cut after that word only, then shown whole.
    """
    unique = sorted(set(texts))
    # Sorted, a name shares its longest start with one of its two neighbours.
    common = {
        text: max((_common_start(text, unique[other])
                   for other in (index - 1, index + 1) if 0 <= other < len(unique)), default=0)
        for index, text in enumerate(unique)
    }  # fmt: skip
    forms: list[Callable[[str], str]] = [
        lambda text: _cut(text, common[text], compact=True),
        lambda text: _cut(text, common[text], compact=False),
        lambda text: text,  # distinct from every other name shown whole
    ]
    form = dict.fromkeys(unique, 0)
    shown = {text: forms[0](text) for text in unique}
    while clashes := _clashes(shown):
        for text in clashes:
            form[text] = min(form[text] + 1, len(forms) - 1)
            shown[text] = forms[form[text]](text)
    return shown


def _common_start(first: str, second: str) -> int:
    """How many characters two names share from their start."""
    for index, (one, other) in enumerate(zip(first, second, strict=False)):
        if one != other:
            return index
    return min(len(first), len(second))


def _cut(text: str, common: int, *, compact: bool) -> str:
    """``text`` cut after ``NAMED_IN`` characters or, when it shares its first ``common``
    characters with another name, after the word where they differ; ``compact``: then, if
    that is beyond ``SPAN``, its start and the three words that end with that one."""
    if len(text) <= NAMED_IN:
        return text
    if common < NAMED_IN - 1:
        return text[: NAMED_IN - 1].rstrip() + "…"
    end = text.find(" ", common + 1)
    end, tail = (len(text), "") if end == -1 else (end, "…")
    if not compact or end <= SPAN:
        return text[:end] + tail
    head = text[: NAMED_IN - 1]
    head = head[: head.rfind(" ")] if " " in head else head
    start = common
    for _ in range(3):  # back to the start of the second word before the one that differs
        start = text.rfind(" ", len(head), start)
        if start == -1:
            start = len(head)
            break
    return f"{head} … {text[start:end].strip()}{tail}"


def _clashes(shown: dict[str, str]) -> list[str]:
    """The names shown as another name is."""
    names: dict[str, list[str]] = {}
    for text, form in shown.items():
        names.setdefault(form, []).append(text)
    return [text for same in names.values() if len(same) > 1 for text in same]


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


# DeepDiff's kinds of report, in the order their changes are listed. DeepDiff keeps them in a
# set of strings, whose order changes with each process's hash seed: the same diff would list
# a study's changes in another order run after run (and on each worker of a cluster).
_REPORTS = (
    "values_changed", "type_changes", "dictionary_item_added", "iterable_item_added",
    "dictionary_item_removed", "iterable_item_removed",
)  # fmt: skip


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
    for report in _REPORTS:
        for level in diff.get(report, ()):
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


Key = Callable[[dict[str, Any]], str]
ListKey = Callable[[list[dict[str, Any]]], list[str | None]]  # None: this key cannot tell


class _Keyed:
    """How one list's entries are identified (``key``; where ``also`` is given, first the
    entry word for word, then ``key``, then each of ``also`` on what the one before left),
    named in paths (``label``=``name``, with as many ``qualifiers`` as tell apart entries
    of one label), matched when renamed (``fallback``: their key as similar as that), and
    which keyed lists each entry holds (``nested``)."""

    def __init__(
        self,
        field: str,
        key: Key,
        label: str,
        fallback: float | None = None,
        *,
        also: tuple[ListKey, ...] = (),
        qualifiers: tuple[str, ...] = (),
        nested: tuple[_Keyed, ...] = (),
    ) -> None:
        if fallback is not None and also:
            raise ValueError("a list is matched by similar keys or by further keys, not both")
        self.field, self.key, self.label, self.fallback = field, key, label, fallback
        self.also, self.qualifiers, self.nested = also, qualifiers, nested
        self._keyed: list[list[dict[str, Any]]] = []
        self._names: _Names | None = None

    def keys(self, entries: list[dict[str, Any]]) -> list[str]:
        """The entries' keys. The spec remembers the entries too, for ``path`` to name each
        among them: a caller that keys both versions of a list and then names its entries
        (``_outcomes``) gets names that tell its entries apart, with no more to do."""
        self._keyed.append(entries)
        self._names = None
        return [self.key(entry) for entry in entries]

    def name(self, entry: dict[str, Any]) -> Any:
        return entry.get(self.label)

    def path(self, entry: dict[str, Any]) -> str:
        """The entry's path among the entries of the lists given to ``keys`` (an entry of
        none of them has its name shown whole, which cannot be mistaken for another)."""
        if self._names is None:
            seen = {id(entry): entry for entries in self._keyed for entry in entries}
            self._names = self.among(list(seen.values()))
        return self._names.path(entry)

    def among(self, entries: list[dict[str, Any]]) -> _Names:
        """How ``entries``, those a diff reports on, are named, each told from the others."""
        return _Names(self, entries)

    def match(
        self, old: list[dict[str, Any]], new: list[dict[str, Any]]
    ) -> tuple[Pairs, list[int], list[int]]:
        """The pairs of entries that are the same entry, and the unpaired of each side."""
        if not self.also:
            keys = [self.key(entry) for entry in old], [self.key(entry) for entry in new]
            return pair(*keys, self.fallback)
        stages = (_each(_whole), _each(self.key), *self.also)
        return pair_in_stages([stage(old) for stage in stages], [stage(new) for stage in stages])


class _Names:
    """The paths of the entries a diff reports on in one list. Each reads differently from
    every other: its label cut where no other label reads the same (``_shown``), and, where
    entries share a label ("Research Site"), as many of the spec's qualifiers, in order, as
    tell it from each of them (a site's city, then ZIP code, then country)."""

    def __init__(self, spec: _Keyed, entries: list[dict[str, Any]]) -> None:
        self.spec = spec
        self.shown = _shown(_text(spec.name(entry)) for entry in entries)
        # How many entries share an entry's label and first qualifiers, for each count of them.
        self.sharing = [Counter(self._values(entry, count) for entry in entries)
                        for count in range(len(spec.qualifiers) + 1)]  # fmt: skip

    def path(self, entry: dict[str, Any]) -> str:
        name = _text(self.spec.name(entry))
        parts = [f"{self.spec.label}={_quote(self.shown.get(name, name))}"]
        for field in self._qualifiers(entry):
            value = _text(entry.get(field) or "")
            if value:
                parts.append(f"{field}={_quote(value)}")
        return f"{self.spec.field}[{', '.join(parts)}]"

    def _qualifiers(self, entry: dict[str, Any]) -> tuple[str, ...]:
        """The fewest qualifiers, in the spec's order, that no other entry shares with this
        one (all of them for an entry listed twice word for word, which nothing tells apart)."""
        qualifiers = self.spec.qualifiers
        for count in range(len(qualifiers)):
            if self.sharing[count][self._values(entry, count)] <= 1:
                return qualifiers[:count]
        return qualifiers

    def _values(self, entry: dict[str, Any], count: int) -> tuple[str, ...]:
        fields = (self.spec.label, *self.spec.qualifiers[:count])
        return tuple(_normal(entry.get(field)) for field in fields)


def _keyed_list(
    module: str,
    spec: _Keyed,
    old: Any,
    new: Any,
    study: str,
    identity: Significance,
    inner: Significance | None = None,
    within: tuple[str, tuple[str, ...]] = ("", ()),
) -> Iterator[Change]:
    """Added, removed and renamed entries (``identity``), and changes inside matched ones;
    ``within``: the path and the keys of the entry that holds the list, if one does."""
    old_entries, new_entries = _entries(old), _entries(new)
    pairs, removed, added = spec.match(old_entries, new_entries)
    # A reworded entry's path reads differently from its former name too.
    reported = [new_entries[j] for _, j, _ in pairs]
    reported += [old_entries[i] for i, _, exact in pairs if not exact]
    reported += [old_entries[i] for i in removed] + [new_entries[j] for j in added]
    names = spec.among(reported)
    holder, keys = within[0], (*within[1], spec.field)

    def at(entry: dict[str, Any]) -> str:
        return f"{holder}.{names.path(entry)}" if holder else names.path(entry)

    for i, j, exact in pairs:
        before, after = old_entries[i], new_entries[j]
        path = at(after)
        if not exact:
            yield Change(study, module, path, Kind.REWORDED, identity,
                         spec.name(before), spec.name(after))  # fmt: skip
            before, after = _without(before, spec.label), _without(after, spec.label)
        lists = [inside for inside in spec.nested
                 if all(isinstance(entry.get(inside.field, []), list)
                        for entry in (before, after))]  # fmt: skip
        fields = [inside.field for inside in lists]
        yield from _deep(module, path, keys, _without(before, *fields),
                         _without(after, *fields), study, inner)  # fmt: skip
        for inside in lists:
            yield from _keyed_list(module, inside, before.get(inside.field),
                                   after.get(inside.field), study, identity, inner,
                                   (path, keys))  # fmt: skip
    for i in removed:
        yield Change(study, module, at(old_entries[i]), Kind.REMOVED, identity,
                     old_entries[i], None)  # fmt: skip
    for j in added:
        yield Change(study, module, at(new_entries[j]), Kind.ADDED, identity,
                     None, new_entries[j])  # fmt: skip


def _by(*fields: str) -> Key:
    return lambda entry: "|".join(_normal(entry.get(field)) for field in fields)


def _whole(entry: dict[str, Any]) -> str:
    """The entry itself as a key: of entries that no key tells apart (two "Research Site"s
    in Madrid, one with its state; one site listed twice with other contacts), the one found
    again word for word, its lists in any order, is that one."""
    return _unordered(entry)


def _unordered(value: Any) -> str:
    """A value as text, the same whatever the order of its keys and of its lists' items."""
    if isinstance(value, dict):
        value = {str(key): _unordered(item) for key, item in value.items()}
    elif isinstance(value, list):
        value = sorted(_unordered(item) for item in value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _each(key: Key) -> ListKey:
    """A key of each entry on its own, as a key of the list."""
    return lambda entries: [key(entry) for entry in entries]


def _alone(*fields: str, needs: str) -> ListKey:
    """The entry's ``fields``, where they name it alone in its list and ``needs`` is set:
    a field of a site may be corrected, and the site still be known, only where the fields
    left name one site only (two sites called "Research Site" in Lyon are told apart by
    their ZIP codes, which then cannot change)."""

    def keys(entries: list[dict[str, Any]]) -> list[str | None]:
        values = [_by(*fields)(entry) for entry in entries]
        count: dict[str, int] = {}
        for value in values:
            count[value] = count.get(value, 0) + 1
        return [value if count[value] == 1 and _normal(entry.get(needs)) else None
                for value, entry in zip(values, entries, strict=True)]  # fmt: skip

    return keys


def _people(field: str) -> _Keyed:
    """Contacts and officials, by name: a person listed twice (as the contact and as the
    investigator of a site) is matched by name and role first, and named with the role."""
    return _Keyed(field, _by("name", "role"), "name", also=(_each(_by("name")),),
                  qualifiers=("role", "email", "phone"))  # fmt: skip


ARMS = _Keyed("armGroups", _by("label"), "label", REWORDED_AT)
# The type is part of an intervention's identity, but a renamed intervention keeps its type.
INTERVENTIONS = _Keyed("interventions", _by("name", "type"), "name", REWORDED_AT)
PEOPLE = {field: _people(field) for field in ("centralContacts", "overallOfficials")}
# A site is its facility in its place. Many sites of one study share a placeholder facility
# ("Local Institution", "Research Site"): those are told apart by city, then ZIP code, then
# country, in matching as in their paths. A site whose city, ZIP code or place was corrected
# is still found where the fields left name it alone.
LOCATIONS = _Keyed(
    "locations",
    _by("facility", "city", "zip", "country"),
    "facility",
    also=(
        _alone("facility", "city", "country", needs="city"),
        _alone("facility", "zip", "country", needs="zip"),
        _alone("facility", needs="facility"),
    ),
    qualifiers=("city", "zip", "country"),
    nested=(_people("contacts"),),
)
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
    """Outcomes by measure; a measure that moved between primary and secondary is one move.
    Primary outcomes are matched by what they measure (outcome_switch.py), and a change to
    one is major only where the outcome changed, not where it was reworded."""
    pools = {name: (_entries(old.get(name)), _entries(new.get(name))) for name in OUTCOME_LISTS}
    weight = {"primaryOutcomes": MAJOR, "secondaryOutcomes": MINOR, "otherOutcomes": MINOR}
    spec = {name: _Keyed(name, _by("measure"), "measure", REWORDED_AT) for name in OUTCOME_LISTS}
    leftovers: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for name, (before, after) in pools.items():
        if name == "primaryOutcomes":
            removed, added = yield from _primary(old, new, spec[name], study)
        else:
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


def _primary(
    old: dict[str, Any], new: dict[str, Any], spec: _Keyed, study: str
) -> Generator[Change, None, tuple[list[int], list[int]]]:
    """The changes inside primary outcomes matched across versions, each ranked by whether
    the outcome changed (another measure, criterion or time points: major) or was only
    reworded, retitled in the results style, split or merged (minor); returns the indexes
    of the old and new entries left with no counterpart."""
    name = "primaryOutcomes"
    before, after = _entries(old.get(name)), _entries(new.get(name))
    spec.keys(before), spec.keys(after)  # so that paths tell these entries apart
    matching = match_primary(old, new)
    for i, j, verdict in matching.pairs:
        if verdict is None:
            continue
        path = spec.path(after[j])
        switch, note = verdict.switch, describe(verdict)
        if _normal(before[i].get("measure")) != _normal(after[j].get("measure")):
            significance = MAJOR if switch in (Switch.INSTRUMENT, Switch.TIME_POINTS) else MINOR
            yield Change(study, "outcomesModule", path, Kind.REWORDED, significance,
                         before[i].get("measure"), after[j].get("measure"), note)  # fmt: skip
        if _normal(before[i].get("timeFrame")) != _normal(after[j].get("timeFrame")):
            significance = MAJOR if switch is Switch.TIME_POINTS else MINOR
            yield Change(study, "outcomesModule", f"{path}.timeFrame", Kind.CHANGED,
                         significance, before[i].get("timeFrame"), after[j].get("timeFrame"),
                         note)  # fmt: skip
        inner = MAJOR if switch is Switch.DESCRIPTION_INSTRUMENT else MINOR
        rest = ("measure", "timeFrame")
        for change in _deep("outcomesModule", path, (name,), _without(before[i], *rest),
                            _without(after[j], *rest), study, inner):  # fmt: skip
            yield replace(change, note=change.note or note) if inner is MAJOR else change
    for group in matching.groups:
        olds = [before[i].get("measure") for i in group.old]
        news = [after[j].get("measure") for j in group.new]
        yield Change(study, "outcomesModule", spec.path(before[group.old[0]]), Kind.CHANGED,
                     MINOR, olds if len(olds) > 1 else olds[0],
                     news if len(news) > 1 else news[0], describe(group))  # fmt: skip
    return matching.removed, matching.added


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
        # A module one version lacks is an empty one: a primary outcome given where a record
        # had no outcomes module is an outcome added (major), not one opaque module change.
        old_module = {} if old_module is None and handler else old_module
        new_module = {} if new_module is None and handler else new_module
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
