"""``import --update``: bring a newer download into an existing record, changing only what the
registry changed.

The record's text is edited as ``--fix`` edits it (``fix.apply.round_trip_edit``: ruamel.yaml's
round-trip tree, accepted only when it reproduces the untouched file byte for byte), so
comments, quoting, key order and block styles stay; then the result is read back and must
hold exactly the record with the merge's edits, or nothing is written. What the registry
said last time comes from the base copy (``ctgov.basecopy``); the merge (``ctgov.merge``)
decides what changes and what conflicts.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trialint.atomic import write_atomic
from trialint.ctgov.basecopy import BaseUnreadable, read_base, write_base
from trialint.ctgov.merge import ABSENT, Conflict, Edit, three_way
from trialint.ctgov.modeline import with_modeline
from trialint.ctgov.write import round_trip_value
from trialint.document.load import decode_text
from trialint.document.yaml12 import parse_yaml
from trialint.fix.apply import reads_as, round_trip_edit


class UpdateFailed(Exception):
    """The record cannot be updated (unreadable, or not editable in place); it is unchanged."""


@dataclass
class Updated:
    """What updating one record did."""

    conflicts: list[Conflict] = field(default_factory=list)  # kept the curator's value
    written: bool = False  # the record's file was rewritten


def update_record(
    target: Path, out: Path, nct: str, study: dict[str, Any], modeline: str | None
) -> Updated:
    """Merge ``study`` (the new download) into the record ``target``, with the base kept in
    ``out``; then keep ``study`` as the next base. Raises UpdateFailed, OSError."""
    data = target.read_bytes()
    text = decode_text(data)
    if not isinstance(text, str):
        raise UpdateFailed(f"{text.message}; not updated")
    parsed = parse_yaml(text)
    if parsed.problems:
        problem = parsed.problems[0]
        where = f"line {problem.span.line}, column {problem.span.column}"
        raise UpdateFailed(f"{problem.message} ({where}); not updated")
    if len(parsed.documents) != 1 or not isinstance(parsed.documents[0], dict):
        raise UpdateFailed("the file does not hold one study; not updated")
    record: dict[str, Any] = parsed.documents[0]
    try:
        base = read_base(out, nct)
    except BaseUnreadable as error:
        raise UpdateFailed(
            f"{error}; not updated (without that file, every difference is reported as a conflict)"
        ) from None
    merge = three_way(base, record, study, parsed.raw_texts)
    new_text = text
    if merge.edits:
        new_text = _edited(text, record, merge.edits)
    if modeline is not None:
        new_text = with_modeline(new_text, modeline)
    if new_text != text:
        write_atomic(target, new_text.encode("utf-8"))
    write_base(out, nct, study)  # after the record: an interrupted run redoes the merge
    return Updated(merge.conflicts, new_text != text)


def _edited(text: str, record: dict[str, Any], edits: list[Edit]) -> str:
    """``text`` with ``edits`` made, read back and checked; UpdateFailed when it cannot be."""
    expected = copy.deepcopy(record)
    apply_edits(expected, edits, lambda old, new: copy.deepcopy(new))
    # A new string in an existing scalar's place keeps its quotes (ruamel.yaml's containers
    # give it the old one's style); a value the registry added reads as an import writes it.
    out = round_trip_edit(text, lambda tree: apply_edits(tree, edits, _for_tree))
    if out is None or not reads_as(out, expected):
        raise UpdateFailed(
            "its layout cannot be edited in place without changing other lines; not updated"
        )
    return out


def apply_edits(root: Any, edits: Iterable[Edit], make: Callable[[Any, Any], Any]) -> None:
    """Make ``edits`` in ``root`` (plain data or ruamel.yaml's round-trip tree); ``make(old,
    new)`` gives what is put in place of ``old`` (ABSENT for a new key)."""
    for edit in edits:
        parent: Any = root
        for token in edit.path[:-1]:
            parent = parent[token]
        key: Any = edit.path[-1]  # an index in a list, a key in a mapping
        if edit.value is ABSENT:
            del parent[key]
        elif edit.insert:
            parent.insert(key, make(ABSENT, edit.value))
        elif isinstance(parent, list) or key in parent:
            parent[key] = make(parent[key], edit.value)
        else:
            keys = list(parent)
            place = max((keys.index(k) + 1 for k in edit.after if k in parent), default=0)
            _insert(parent, place, key, make(ABSENT, edit.value))


def _insert(mapping: dict[Any, Any], place: int, key: Any, value: Any) -> None:
    insert = getattr(mapping, "insert", None)  # ruamel.yaml's CommentedMap keeps comments so
    if insert is not None:
        insert(place, key, value)
        return
    items = list(mapping.items())
    items.insert(place, (key, value))
    mapping.clear()
    mapping.update(items)


def _for_tree(old: Any, new: Any) -> Any:
    return round_trip_value(new)
