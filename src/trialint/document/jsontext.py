"""Read a JSON record: at C speed, exact about duplicate keys, and telling whether the text is
laid out as the registry's tools write it (two-space indentation, one member per line).

orjson reads a record in about half the time of the json module but keeps the last of two
duplicate keys without a word. Writing the data back with orjson answers both questions at
once for a fraction of a parse: a text identical to that output has no duplicate keys and the
known layout (which lets findings be located by line, see ``locators``). For any other text,
counting colons settles duplicates soundly: outside strings a colon follows each key, so a
text with more colons than the data written back has keys the data lost (the ``\\u003a``
escape is the one way to hide a colon, and texts using it take the exact path). Texts with
duplicate keys, texts orjson refuses (NaN, lone surrogates, deep nesting) and texts with an
integer beyond 64 bits (orjson reads one as a float) go through the json module, which reads
and reports them as before; so do texts too deep for orjson to write back.

Those checks are scans of the whole text, so each runs only where it can matter: a text laid
out as orjson writes it needs none; an integer read as a float is one of 9.2e18 or more, which
orjson writes back with an exponent (``e+19``), so the search for 20 digits, at a tenth of
orjson's speed (more than parsing the text costs), runs only when the text written back holds
one (see ``_has_exponent``).
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from trialint.document import problems
from trialint.document.yaml12 import ParsedYaml, Problem, parse_yaml
from trialint.finding import FILE_START, Span

_HIDDEN_COLON = re.compile(rb"\\u003[aA]")  # one scan for both spellings: a third of two
# A number of 20 digits: outside strings, a number starts the text or follows "[", ":" or ","
# (and spaces). Twenty digits anywhere would also match inside strings (a DOI, a long
# identifier), and one such study sent a whole list or API page down the slow path. Below
# zero, 19 digits can already pass -2**63 (-9223372036854775809).
_LONG_NUMBER = re.compile(rb"(?:^|[\[:,])[ \t\n\r]*(?:-\d{19}|\d{20})")


def parse_json(data: bytes, text: str, indent: int = 0) -> tuple[ParsedYaml, bool]:
    """The parsed document and whether the text has the indented layout.

    ``data`` is the file's bytes without a byte order mark, ``text`` the same decoded;
    ``indent``: the text is one element of an indented list, its lines after the first that
    many spaces deeper than orjson writes it alone (JSON strings hold no raw line break, so
    indenting orjson's text is replacing its line breaks).
    """
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return _parse_exactly(text), False
    try:
        written = orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # nested deeper than orjson writes (255 levels)
        return _parse_exactly(text), False
    if indent:
        written = written.replace(b"\n", b"\n" + b" " * indent)
    if written == data or written == data.rstrip(b"\r\n"):
        return ParsedYaml([value], None), True
    if (
        _HIDDEN_COLON.search(data)
        or data.count(b":") != written.count(b":")
        or (_has_exponent(written) and _LONG_NUMBER.search(data))
    ):
        return _parse_exactly(text), False
    return ParsedYaml([value], None), False


# orjson writes a float of 1e16 or more as 1e+16 (3.13 does); older releases (3.9) write 1e16, and
# with those the cheap sign below is not there to find: every text is searched for 20 digits.
_EXPONENT_SIGNED = orjson.dumps(1e20) == b"1e+20"


def _has_exponent(written: bytes) -> bool:
    """Whether orjson's text holds ``e+`` and a digit, as it writes a float of 1e16 or more
    (always True with an orjson that writes no ``+``: see ``_EXPONENT_SIGNED``).

    Each ``+`` is found with ``memchr``: two in five corpus studies have one in their text
    ("HIV+", "CD4+"), a few each, so this costs 3 us for a registry study where searching
    for the two bytes ``e+`` costs 20 and the search for 20 digits 170."""
    if not _EXPONENT_SIGNED:
        return True
    at = written.find(b"+")
    while at > 0:
        if written[at - 1] == 0x65 and written[at + 1 : at + 2].isdigit():  # e+<digit>
            return True
        at = written.find(b"+", at + 1)
    return False


class _DuplicateKeys(Exception):
    pass


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _DuplicateKeys
    return mapping


def _parse_exactly(text: str) -> ParsedYaml:
    """The json module's reading, with its error positions.

    A file with duplicate keys is read again through the YAML reader (JSON is YAML 1.2), which
    reports each duplicate with both of its lines, exactly as it does for YAML files.
    """
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicates)
    except json.JSONDecodeError as error:
        span = Span(error.lineno, error.colno, error.lineno, error.colno + 1)
        return ParsedYaml([], None, problems=[Problem(problems.SYNTAX_ERROR, error.msg, span)])
    except (_DuplicateKeys, ValueError):
        # JSON is YAML 1.2: its reader says where each duplicate key or over-long number is
        return parse_yaml(text)
    except RecursionError:
        problem = Problem(problems.TOO_DEEP, "values nested too deeply to read", FILE_START)
        return ParsedYaml([], None, problems=[problem])
    return ParsedYaml([data], None)
