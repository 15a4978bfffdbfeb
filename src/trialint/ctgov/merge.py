"""Three-way merge of a study: what the registry said last time (the base), the record as the
curator keeps it, and what the registry says now.

A value the registry changed since the base, and the curator did not, is taken from the new
download; a value the curator changed, and the registry did not, is kept; a value both changed
(to different things) is a :class:`Conflict`, and the record keeps the curator's. Mappings are
merged key by key and lists entry by entry (aligned with the base's when the registry added or
removed entries), so that a change is as small as the value it is about; a list whose entries
the curator added or removed is one value. With no base at all (a
record imported before trialint kept one), nothing can tell a curator's edit from a registry
change: every difference is a conflict.

Pure data in, edits out: this module neither reads nor writes files (``ctgov.update`` does).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Final

from trialint.document.pointer import Token
from trialint.document.yaml12 import RawTexts
from trialint.fix.apply import same_data


class _Absent:
    """The marker of a value that is not there; its repr is what messages show."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


ABSENT: Final = _Absent("(absent)")  # not in a document that is known
_NO_BASE: Final = _Absent("(no base)")  # no base document at all


@dataclass(frozen=True)
class Edit:
    """Set the value at ``path`` (a new key goes after the keys of ``after`` the mapping has;
    a new list entry is inserted), or remove it when ``value`` is ABSENT."""

    path: tuple[Token, ...]
    value: Any
    after: tuple[str, ...] = ()
    insert: bool = False  # a new entry of a list, at the index the path ends with


@dataclass(frozen=True)
class Conflict:
    """A value the curator and the registry both changed: the record keeps the curator's."""

    path: tuple[Token, ...]
    record: Any
    base: Any  # ABSENT when the base lacks it (see has_base)
    new: Any

    @property
    def has_base(self) -> bool:
        """False when there was no base at all: then the curator may not have edited it."""
        return self.base is not _NO_BASE


@dataclass
class Merge:
    edits: list[Edit] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def three_way(
    base: dict[str, Any] | None,
    record: dict[str, Any],
    new: dict[str, Any],
    raw_texts: RawTexts | None = None,
) -> Merge:
    """The edits that bring the registry's changes since ``base`` into ``record``, and the
    conflicts. ``raw_texts`` (from the record's YAML reading) lets a plain ``1.10`` in the
    record equal the registry's text "1.10"."""
    merger = _Merger(raw_texts or {})
    merger.merge(_NO_BASE if base is None else base, record, new, (), None)
    return merger.result


class _Merger:
    def __init__(self, raw_texts: RawTexts) -> None:
        self.raw_texts = raw_texts
        self.result = Merge()

    def merge(
        self, base: Any, record: Any, new: Any, path: tuple[Token, ...], written: Any
    ) -> None:
        """``written`` is the text of ``record`` as a plain YAML scalar, when it was read as
        something else (a number, null)."""
        if self._equal(record, written, new):
            return
        if isinstance(record, dict) and isinstance(new, dict):
            self._mapping(base if isinstance(base, dict) else _children(base), record, new, path)
        elif isinstance(record, list) and isinstance(new, list) and _same_length(base, record):
            self._list(base, record, new, path)
        elif (
            isinstance(record, list)
            and isinstance(new, list)
            and len(record) == len(new)
            and not isinstance(base, list)
        ):
            for index, (old, now) in enumerate(zip(record, new, strict=True)):
                written_here = self.raw_texts.get((id(record), index))
                self.merge(_children(base), old, now, (*path, index), written_here)
        else:
            self._value(base, record, new, path, written)

    def _list(
        self, base: list[Any], record: list[Any], new: list[Any], path: tuple[Token, ...]
    ) -> None:
        """A list whose entries the curator may have edited but neither added nor removed
        (so the record's entry i is the base's entry i). The registry's list is aligned with
        the base's (difflib): an entry the registry added is inserted where it put it, one it
        removed is removed (a conflict if the curator edited it), and the others merge one by
        one. The edits go from the list's end to its start, so that every index is still
        right when its edit is made."""
        matcher = SequenceMatcher(None, _keys(base), _keys(new), autojunk=False)
        for _, b0, b1, n0, n1 in reversed(matcher.get_opcodes()):
            paired = min(b1 - b0, n1 - n0)  # entries kept or edited ("equal", "replace")
            for index in reversed(range(b0 + paired, b1)):
                written = self.raw_texts.get((id(record), index))
                self._value(base[index], record[index], ABSENT, (*path, index), written)
            for added in reversed(new[n0 + paired : n1]):
                self.result.edits.append(Edit((*path, b0 + paired), added, insert=True))
            for offset in reversed(range(paired)):
                index = b0 + offset
                written = self.raw_texts.get((id(record), index))
                self.merge(base[index], record[index], new[n0 + offset], (*path, index), written)

    def _mapping(
        self, base: Any, record: dict[str, Any], new: dict[str, Any], path: tuple[Token, ...]
    ) -> None:
        for key, now in new.items():
            below = base.get(key, ABSENT) if isinstance(base, dict) else base
            if key in record:
                written = self.raw_texts.get((id(record), key))
                self.merge(below, record[key], now, (*path, key), written)
            else:
                self._value(below, ABSENT, now, (*path, key), None, after=tuple(_before(new, key)))
        for key, old in record.items():
            if key not in new:
                below = base.get(key, ABSENT) if isinstance(base, dict) else base
                self._value(below, old, ABSENT, (*path, key), None)

    def _value(
        self,
        base: Any,
        record: Any,
        new: Any,
        path: tuple[Token, ...],
        written: Any,
        after: tuple[str, ...] = (),
    ) -> None:
        """One value, merged whole."""
        if base is _NO_BASE:
            self.result.conflicts.append(Conflict(path, record, base, new))
        elif self._equal(record, written, base):
            self.result.edits.append(Edit(path, new, after))  # only the registry changed it
        elif not _same(new, base):  # both changed it, differently (equal changes return early)
            self.result.conflicts.append(Conflict(path, record, base, new))

    @staticmethod
    def _equal(record: Any, written: Any, other: Any) -> bool:
        return _same(record, other) or (isinstance(other, str) and written == other)


def _children(base: Any) -> Any:
    """The base of the values inside a container the base does not have as one: none at all
    stays none; otherwise each value is absent from it."""
    return base if base is _NO_BASE else ABSENT


def _same(a: Any, b: Any) -> bool:
    if a is ABSENT or b is ABSENT or a is _NO_BASE or b is _NO_BASE:
        return a is b
    return same_data(a, b, ordered=False)


def _before(mapping: dict[str, Any], key: str) -> Iterator[str]:
    for other in mapping:
        if other == key:
            return
        yield other


def _same_length(base: Any, record: list[Any]) -> bool:
    return isinstance(base, list) and len(base) == len(record)


def _keys(entries: list[Any]) -> list[str]:
    """Entries as text that is equal when they are (for aligning two versions of a list)."""
    return [json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str) for entry in entries]
