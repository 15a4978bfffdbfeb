"""Three-way merge of a study: what the registry said last time (the base), the record as the
curator keeps it, and what the registry says now.

A value the registry changed since the base, and the curator did not, is taken from the new
download; a value the curator changed, and the registry did not, is kept; a value both changed
(to different things) is a :class:`Conflict`, and the record keeps the curator's. Mappings are
merged key by key and lists of unchanged length entry by entry, so that a change is as small
as the value it is about; a list that grew or shrank is one value. With no base at all (a
record imported before trialint kept one), nothing can tell a curator's edit from a registry
change: every difference is a conflict.

Pure data in, edits out: this module neither reads nor writes files (``ctgov.update`` does).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
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
    """Set the value at ``path`` (a new key goes after the keys of ``after`` the mapping has),
    or remove it when ``value`` is ABSENT."""

    path: tuple[Token, ...]
    value: Any
    after: tuple[str, ...] = ()


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
        elif (
            isinstance(record, list)
            and isinstance(new, list)
            and len(record) == len(new)
            and (not isinstance(base, list) or len(base) == len(record))
        ):
            for index, (old, now) in enumerate(zip(record, new, strict=True)):
                below = base[index] if isinstance(base, list) else _children(base)
                written_here = self.raw_texts.get((id(record), index))
                self.merge(below, old, now, (*path, index), written_here)
        else:
            self._value(base, record, new, path, written)

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
