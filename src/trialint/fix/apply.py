"""Apply the fixes of findings to the text of one YAML record, changing nothing else.

Design (measured, see ``trialint.fix``): each fix is a *surgical* replacement in the source
text of the scalar that holds the value. Our YAML reader gives the character span of every
scalar; the first character of that span tells its style (plain, ``'``, ``"``, ``|``, ``>``).
``old`` and ``new`` are written in that style (``'`` doubled in single quotes, ``\\`` and ``"``
escaped in double quotes, verbatim otherwise) and the occurrence of ``old`` that the fix names
(its rank among the value's occurrences of ``old``) is replaced by the same-ranked occurrence
in the source. Every byte outside the replaced characters is therefore kept: comments, key
order, quoting, block styles, indentation, line endings.

Each value's edit is then *verified*: the new text is parsed again and must give exactly the
original data with the intended edits (same types, same values everywhere else). A value whose
text does not map verbatim onto its source (a fold or an escape inside ``old``) fails that
check. A one-line plain value whose new text cannot stay plain (``Drug: X`` in a list would
read as a mapping) is written double-quoted instead, in its own span only. Anything else is
handed to ruamel.yaml's round-trip tree (:func:`_ruamel_edit`), whose output is
accepted only if ruamel reproduces the untouched file byte for byte and the edited output differs
from the original only inside the value's own span. Otherwise the fix is skipped with a reason.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from trialint.document.pointer import from_pointer
from trialint.document.yaml12 import parse_yaml
from trialint.finding import Fix

# (mapping indent, sequence indent, sequence dash offset) that ruamel.yaml may need to
# reproduce a file; the first that round-trips the untouched file byte for byte is used.
_RUAMEL_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 0), (4, 6, 2), (3, 3, 0), (4, 4, 2))


@dataclass
class TextFixes:
    """What applying fixes to one text gave."""

    text: str
    applied: int = 0
    skipped: list[str] = field(default_factory=list)  # why a fix was not applied


def choose(fixes: Sequence[tuple[str, Fix]]) -> dict[str, list[Fix]]:
    """The fixes to apply now, by pointer: duplicates dropped, and of overlapping fixes in one
    value only the first (by offset, then as given); the others wait for the next pass."""
    by_pointer: dict[str, list[Fix]] = {}
    for pointer, fix in fixes:
        by_pointer.setdefault(pointer, []).append(fix)
    chosen: dict[str, list[Fix]] = {}
    for pointer, candidates in by_pointer.items():
        taken: list[Fix] = []
        end = -1
        seen: set[Fix] = set()
        for fix in sorted(candidates, key=lambda f: f.offset):  # stable: ties keep their order
            if fix in seen:
                continue
            seen.add(fix)
            if fix.offset < end or (taken and fix.offset == end and not fix.old):
                continue  # overlaps a fix already taken
            taken.append(fix)
            end = fix.offset + len(fix.old)
        chosen[pointer] = taken
    return chosen


def apply_fixes(text: str, fixes: Sequence[tuple[str, Fix]]) -> TextFixes:
    """Apply ``(pointer, fix)`` pairs to the text of a single-study YAML record.

    ``text`` has no byte order mark; line endings are whatever the file has. Values are edited
    one at a time, each verified by parsing the result; a value whose edit cannot be verified
    is left as it was and the reason is given.
    """
    outcome = TextFixes(text)
    for pointer, chosen in choose(fixes).items():
        try:
            new_text = _edit_value(outcome.text, pointer, chosen)
        except _Skip as skip:
            outcome.skipped.append(f"{pointer or '/'}: {skip}")
            continue
        outcome.text = new_text
        outcome.applied += len(chosen)
    return outcome


class _Skip(Exception):
    """A value's fixes cannot be applied safely (the message says why)."""


def _parse_single(text: str) -> tuple[Any, Any]:
    parsed = parse_yaml(text)
    if parsed.problems:
        raise _Skip(f"the file does not read cleanly ({parsed.problems[0].message})")
    if len(parsed.documents) != 1 or not isinstance(parsed.documents[0], dict):
        raise _Skip("only a file holding one study is fixed")
    return parsed, parsed.documents[0]


def _walk(root: Any, tokens: Sequence[str]) -> Any:
    node = root
    for token in tokens:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def _expected(root: Any, tokens: Sequence[str], value: str) -> Any:
    """A copy of ``root`` with ``value`` at ``tokens`` (containers on the path copied)."""
    if not tokens:
        return value
    head, rest = tokens[0], tokens[1:]
    if isinstance(root, list):
        copy_list = list(root)
        copy_list[int(head)] = _expected(root[int(head)], rest, value)
        return copy_list
    copy = dict(root)
    copy[head] = _expected(root[head], rest, value)
    return copy


def same_data(a: Any, b: Any, ordered: bool = True) -> bool:
    """Equal, and of the same types all the way down (1 is not 1.0 nor True), in the same key
    order unless ``ordered`` is false (then a mapping's key order does not matter)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        keys_agree = list(a) == list(b) if ordered else a.keys() == b.keys()
        return keys_agree and all(same_data(a[k], b[k], ordered) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y, ordered) for x, y in zip(a, b, strict=True))
    return bool(a == b or (a != a and b != b))  # NaN equals NaN here


def _edit_value(text: str, pointer: str, fixes: list[Fix]) -> str:
    parsed, root = _parse_single(text)
    tokens = from_pointer(pointer)
    try:
        value = _walk(root, tokens)
    except (KeyError, IndexError, ValueError, TypeError):
        raise _Skip("the value is not in the file") from None
    if not isinstance(value, str):
        raise _Skip("the value is not text")
    for fix in fixes:
        if value[fix.offset : fix.offset + len(fix.old)] != fix.old or not fix.old:
            raise _Skip(f"{fix.old!r} is not at offset {fix.offset} of the value")
    new_value = value
    for fix in sorted(fixes, key=lambda f: f.offset, reverse=True):  # right to left
        new_value = new_value[: fix.offset] + fix.new + new_value[fix.offset + len(fix.old) :]
    expected = _expected(root, tokens, new_value)
    start, end = parsed.spans.locate(root, tokens).value

    for candidate in (
        _surgical(text, start, end, value, fixes),
        _requote(text, start, end, new_value),
    ):
        if candidate is not None and reads_as(candidate, expected):
            return candidate
    rewritten = _ruamel_edit(text, tokens, new_value, start, end)
    if rewritten is not None and reads_as(rewritten, expected):
        return rewritten
    raise _Skip("the value's text in the file cannot be edited without changing anything else")


def reads_as(text: str, expected: Any) -> bool:
    """Whether ``text`` reads cleanly as one document holding exactly ``expected`` (types and
    key order included): the check every edit of a record passes before it is written."""
    parsed = parse_yaml(text)
    documents = parsed.documents
    return not parsed.problems and len(documents) == 1 and same_data(documents[0], expected)


def _encode(text: str, style: str) -> str:
    if style == "'":
        return text.replace("'", "''")
    if style == '"':
        return text.replace("\\", "\\\\").replace('"', '\\"')
    return text


def _occurrences(haystack: str, needle: str, start: int = 0, end: int | None = None) -> list[int]:
    found = []
    end = len(haystack) if end is None else end
    position = haystack.find(needle, start, end)
    while position != -1:
        found.append(position)
        position = haystack.find(needle, position + 1, end)
    return found


def _surgical(text: str, start: int, end: int, value: str, fixes: list[Fix]) -> str | None:
    """``text`` with each fix replaced in the scalar's source, or None if it does not map."""
    written = text[start:end]
    if not written or written[0] in "&!*":
        return None  # an anchor, a tag or an alias: leave it to the careful path
    style = written[0] if written[0] in "'\"|>" else ""
    body_start = start + (1 if style in ("'", '"') else 0)
    if style in ("|", ">"):  # the text starts after the header line
        newline = text.find("\n", start, end)
        if newline == -1:
            return None
        body_start = newline + 1
    body_end = end - 1 if style in ("'", '"') else end
    edits = []
    for fix in fixes:
        if any(c in fix.old + fix.new for c in "\r\n"):
            return None
        rank = _occurrences(value, fix.old).index(fix.offset)
        places = _occurrences(text, _encode(fix.old, style), body_start, body_end)
        if len(places) != len(_occurrences(value, fix.old)):
            return None  # the value's occurrences do not all show as such in the file
        edits.append((places[rank], places[rank] + len(_encode(fix.old, style)), fix))
    for edit_start, edit_end, fix in sorted(edits, reverse=True):  # right to left
        text = text[:edit_start] + _encode(fix.new, style) + text[edit_end:]
    return text


def _requote(text: str, start: int, end: int, new_value: str) -> str | None:
    """A one-line plain scalar whose new text cannot stay plain (``Drug: X`` in a list would
    become a mapping) rewritten as a double-quoted one, as the registry's own export quotes."""
    written = text[start:end]
    if not written or written[0] in "&!*'\"|>" or "\n" in written:
        return None
    return text[:start] + json.dumps(new_value, ensure_ascii=False) + text[end:]


def _ruamel_edit(
    text: str, tokens: Sequence[str], new_value: str, start: int, end: int
) -> str | None:
    """The file rewritten by ruamel.yaml's round-trip tree with the value changed, if ruamel
    reproduces the untouched file exactly and changes nothing outside ``text[start:end]``."""

    def change(tree: Any) -> None:
        parent = _walk(tree, tokens[:-1])
        key: Any = int(tokens[-1]) if isinstance(parent, list) else tokens[-1]
        old = parent[key]
        parent[key] = type(old)(new_value) if isinstance(old, str) else new_value

    out = round_trip_edit(text, change)
    if out is None:
        return None
    tail = len(text) - end
    if out[:start] == text[:start] and out.endswith(text[end:]) and len(out) >= start + tail:
        return out
    return None


def round_trip_edit(text: str, change: Callable[[Any], None]) -> str | None:
    """``text`` rewritten by ruamel.yaml's round-trip tree after ``change`` edited the tree,
    or None when ruamel cannot reproduce the untouched text byte for byte (with any of the
    usual indentations) or the change fails. Comments, quoting, block styles and line endings
    are ruamel's to keep, which is why its reproduction of the untouched text is the gate:
    the caller still checks the result (``reads_as``) and what changed."""
    from ruamel.yaml import YAML  # only the rare value the surgical path cannot edit pays
    from ruamel.yaml.error import YAMLError

    newline = "\r\n" if "\r\n" in text else "\n"
    plain = text.replace("\r\n", "\n") if newline == "\r\n" else text
    if newline == "\r\n" and plain.count("\n") != text.count("\r\n"):
        return None  # mixed line endings
    for mapping, sequence, offset in _RUAMEL_INDENTS:
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 1 << 30
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        try:
            tree = yaml.load(plain)
            if _dump(yaml, tree) != plain:
                continue
            change(tree)
            out = _dump(yaml, tree)
        except (YAMLError, KeyError, IndexError, ValueError, TypeError):
            return None
        return out.replace("\n", "\r\n") if newline == "\r\n" else out
    return None


def _dump(yaml: Any, tree: Any) -> str:
    stream = io.StringIO()
    yaml.dump(tree, stream)
    return stream.getvalue()
