"""Values quoted into messages as the file writes them.

A message is one line, ``path:line:col: CODE message``, read by a curator who compares it with
the record. ``repr()`` showed a value as Python would write it: a backslash doubled
(``'1.10\\\\^6'`` for ``1.10\\^6``), a non-breaking space as ``\\xa0``, so the message no longer
matched the record. Here a value keeps its characters, and only what would break the line or
the terminal is escaped: line breaks (``\\n``, ``\\r``, U+2028, ...), tabs (``\\t``) and other
control characters (an ESC would be obeyed by the terminal), each as the escape a reader
knows. A value holding an apostrophe and no double quote is put between double quotes, as
``repr()`` did, so that the quotes still show where it starts and ends.
"""

from __future__ import annotations

import re

# C0 controls (line feed and tab among them), DEL, C1 controls (NEL among them), and the
# Unicode line and paragraph separators: what ends a line or drives a terminal.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` with what would break a one-line message escaped, everything else as is."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    return _NAMED.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def quoted(value: object, limit: int | None = None) -> str:
    """A value for a message: text between quotes as written (cut to ``limit`` characters
    with an ellipsis, when given), anything else (a number) as Python writes it."""
    if not isinstance(value, str):
        return repr(value)
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    mark = '"' if "'" in value and '"' not in value else "'"
    return f"{mark}{one_line(value)}{mark}"


def quote_short(text: str, limit: int = 60) -> str:
    """A piece of prose for a message: its blanks (line breaks too) made single spaces, cut to
    ``limit``."""
    return quoted(" ".join(text.split()), limit)


class AsWritten(str):
    """A value handed to a message template a user wrote (a rule pack's ``message``): shown
    as written both by ``{value}`` and by ``{value!r}``, on one line."""

    __slots__ = ()

    def __repr__(self) -> str:
        return quoted(str(self))

    def __format__(self, spec: str) -> str:
        return format(one_line(str(self)), spec)
