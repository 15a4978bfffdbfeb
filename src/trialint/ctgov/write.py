"""Write a study as a YAML record: block style, the registry's key order, readable text.

Values come back exactly as they went in, whichever YAML version reads them: a string that a
YAML 1.1 reader (PyYAML, many other tools) would take for a boolean, a number, a date or null
("yes", "NA", "2014-05-06", "0123") is quoted; multi-line text becomes a literal block (``|``)
where one can hold it exactly; nothing is wrapped.

The layout is the one ruamel.yaml's round-trip dumper gave these records (mapping indent 2,
sequence dash at 2, item content at 4), written here directly: a study is only dicts, lists,
strings, numbers, booleans and None, and ruamel.yaml's pure-Python representer, serializer and
emitter cost about 30 ms a study (4.5 hours for the 560,000 studies of the registry). Every
decision about a scalar is still the libraries': PyYAML's YAML 1.1 resolver and ruamel.yaml's
YAML 1.2 resolver say which strings must be quoted, ruamel.yaml's emitter analysis whether one
may be plain or single quoted (a regex shortcut, checked against it over the corpus by
tests/test_import.py, spares it for most strings), its representer writes numbers and booleans,
its escape table the double-quoted escapes. A key that cannot be a simple key (a line break, or
over 100 characters; never seen in the registry) sends the study through ruamel.yaml itself.

Measured over the 978 studies of ../shared/corpus (API v2 JSON and legacy XML;
bench/import_corpus.py, both in the same run): ruamel.yaml 30-32 ms a study, this writer
1.2 ms (25-27x), output byte-identical on every study. PyYAML's CSafeDumper with the same
style choices took 3.6 ms a study (its representer and resolver are Python) and writes
sequences unindented (``key:\n- a``), unlike the records/ folder: not chosen.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Any, Protocol

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import Emitter
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString


class _Resolver(Protocol):
    """What both libraries' resolvers do, typed: the tag a scalar node of this text gets.
    (PyYAML's stubs leave ``resolve`` unannotated, ruamel.yaml's return Any.)"""

    def resolve(self, kind: type[Any], value: str, implicit: tuple[bool, bool]) -> str: ...


_STR_TAG = "tag:yaml.org,2002:str"
_YAML11: _Resolver = pyyaml.resolver.Resolver()
_YAML12: _Resolver = VersionedResolver()
# Line breaks a YAML reader normalises to "\n" inside a block scalar: such text must be quoted.
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _resolves_to_non_string_in_yaml11(text: str) -> bool:
    return _YAML11.resolve(pyyaml.ScalarNode, text, (True, False)) != _STR_TAG


def _literal_possible(text: str) -> bool:
    if "\n" not in text or any(b in text for b in _OTHER_BREAKS):
        return False
    # Trailing blanks on a line cannot be kept by a block scalar; the emitter would refuse it
    # anyway, but say so here so that the quoted style is chosen outright.
    return not any(line != line.rstrip(" \t") for line in text.split("\n"))


# Characters a YAML reader rejects or reads as a line break when written as they are: only a
# double-quoted scalar, which escapes them (\x07, \x85, \u2028), keeps them.
_ESCAPE_NEEDED = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def _style(text: str) -> str | None:
    """The style asked for: '"' (double quoted), '|' (literal block) or None (the emitter's
    choice)."""
    if _ESCAPE_NEEDED.search(text):
        return '"'
    if _literal_possible(text):
        return "|"
    if _resolves_to_non_string_in_yaml11(text):
        return '"'
    return None


# --- the ruamel.yaml writer: keys that cannot be simple keys ---------------------------------


class _Representer(RoundTripRepresenter):
    def represent_str(self, data: str) -> Any:
        return self.represent_scalar(_STR_TAG, data, style=_style(data))


_Representer.add_representer(str, _Representer.represent_str)


def _yaml() -> YAML:
    out = YAML(typ="rt")
    out.Representer = _Representer
    out.version = None
    out.width = 2**31 - 1  # never fold a long line: folding must not change a value
    out.allow_unicode = True
    out.indent(mapping=2, sequence=4, offset=2)
    out.preserve_quotes = False
    return out


def round_trip_value(value: Any) -> Any:
    """``value`` as ruamel.yaml's round-trip tree holds it, each string already in the style
    this writer gives it: what ``import --update`` puts into an existing record's tree, so that
    a value the registry added reads as an imported one would."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = round_trip_value(item)
        return node
    if isinstance(value, list):
        return CommentedSeq(round_trip_value(item) for item in value)
    if isinstance(value, str):
        return _styled_string(value)
    return value


def _styled_string(text: str) -> str:
    """``text`` as a ruamel.yaml string of the style chosen here (double quoted, literal
    block), or itself when the emitter may choose (plain or single quoted)."""
    style = _style(text)
    styled: str = text
    if style == '"':
        styled = DoubleQuotedScalarString(text)
    elif style == "|":
        styled = LiteralScalarString(text)
    return styled


def _render_ruamel(study: dict[str, Any], comment: str | None) -> str:
    tree = round_trip_value(study)
    if comment:
        tree.yaml_set_start_comment(comment)
    buffer = io.StringIO()
    _yaml().dump(tree, buffer)
    return buffer.getvalue()


# --- the direct writer -----------------------------------------------------------------------

_ANALYSIS = Emitter(None, allow_unicode=True)
_ANALYSIS.use_version = None  # type: ignore[attr-defined]  # read as the serializer's (1.2)
_REPRESENTER = RoundTripRepresenter()
_ESCAPES = Emitter.ESCAPE_REPLACEMENTS
# What ruamel.yaml's double-quoted writer escapes (allow_unicode; never folded).
_DOUBLE_ESCAPED = re.compile(
    '["\\\\\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]'
)
# ruamel.yaml writes a key longer than 128 characters (its tag included) or one with a line
# break as an explicit "? " key: such keys (never seen in the registry) are left to it.
_SIMPLE_KEY = re.compile("[^\n\x85\u2028\u2029]{0,100}")


# A sufficient condition for ruamel.yaml's analysis to allow a plain scalar in block context:
# a letter, digit or "(" first, then printable characters only, no ": ", " #", final ":" or
# final space. It only saves the character-by-character analysis on most strings;
# tests/test_import.py checks that the analysis agrees on every string of the corpus.
_PLAIN_SYNTAX = re.compile(
    "(?!.*(?:: | #|[: ]$))[A-Za-z0-9(]"
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)


class _NotSimpleKey(Exception):
    pass


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _ESCAPES:
        return "\\" + _ESCAPES[ch]
    code = ord(ch)
    return (
        f"\\x{code:02X}"
        if code <= 0xFF
        else f"\\u{code:04X}"
        if code <= 0xFFFF
        else f"\\U{code:08X}"
    )


def _double_quoted(text: str) -> str:
    return '"' + _DOUBLE_ESCAPED.sub(_escape, text) + '"'


def _flow_scalar(text: str, key: bool) -> str:
    # Field names and code values recur in every study: remember those, not long text.
    return _short_scalar(text, key) if len(text) <= 64 else _scalar(text, key)


def _scalar(text: str, key: bool) -> str:
    """``text`` as ruamel.yaml's emitter writes a string in block context on one line (style
    chosen as in its ``choose_scalar_style``); "" when it is a literal block."""
    style = _style(text)
    if style == '"' or (style == "|" and key):
        return _double_quoted(text)
    if style == "|":
        return ""
    if _PLAIN_SYNTAX.fullmatch(text) and _resolves_to_string_in_yaml12(text):
        return text  # the common case, without the character-by-character analysis
    # (Keys here never hold a line break, and "" is quoted above: what is plain for a value
    # is plain for a key.)
    analysis = _ANALYSIS.analyze_scalar(text)
    if analysis.allow_block_plain and _resolves_to_string_in_yaml12(text):
        return text
    if "'" in text or "\n" in text or not analysis.allow_single_quoted:
        return _double_quoted(text)
    return "'" + text + "'"


_short_scalar = lru_cache(maxsize=1 << 14)(_scalar)


def _resolves_to_string_in_yaml12(text: str) -> bool:
    return _YAML12.resolve(ScalarNode, text, (True, False)) == _STR_TAG


@lru_cache(maxsize=1 << 12)
def _key(text: Any) -> str:
    if not isinstance(text, str):
        raise _NotSimpleKey
    if not _SIMPLE_KEY.fullmatch(text):
        raise _NotSimpleKey
    return _flow_scalar(text, True)


@lru_cache(maxsize=1 << 12, typed=True)
def _other_scalar(value: Any) -> str:
    if value is None:
        return ""
    return str(_REPRESENTER.represent_data(value).value)


def _literal(out: list[str], text: str, indent: str) -> None:
    """A literal block: header (with ruamel.yaml's indentation and chomping indicators) and
    the lines, each at ``indent``."""
    hints = "2" if text[0] in " \n" else ""
    if text[-1] != "\n":
        hints += "-"
    elif len(text) == 1 or text[-2] == "\n":
        hints += "+"
    out.append("|" + hints + "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    for line in lines:
        out.append(indent + line + "\n" if line else "\n")


def _value(out: list[str], value: Any, indent: int, after: str) -> None:
    """Write ``value`` following ``after`` (the "key:" or "-" written so far), its nested
    lines ``indent`` wide."""
    if isinstance(value, dict):
        if value:
            out.append(after + "\n")
            _mapping(out, value, indent, " " * indent)
        else:
            out.append(after + " {}\n")
    elif isinstance(value, list):
        if value:
            out.append(after + "\n")
            _sequence(out, value, indent, " " * indent)
        else:
            out.append(after + " []\n")
    elif isinstance(value, str):
        written = _flow_scalar(value, False)
        if written:
            out.append(after + " " + written + "\n")
        else:
            out.append(after + " ")
            _literal(out, value, " " * indent)
    else:
        text = _other_scalar(value)
        out.append(after + " " + text + "\n" if text else after + "\n")


def _mapping(out: list[str], mapping: dict[Any, Any], indent: int, first: str) -> None:
    """A non-empty mapping whose keys are ``indent`` wide; the first key follows ``first``."""
    pad = " " * indent
    lead = first
    for key, item in mapping.items():
        _value(out, item, indent + 2, lead + _key(key) + ":")
        lead = pad


def _sequence(out: list[str], sequence: list[Any], dash: int, first: str) -> None:
    """A non-empty sequence with its dashes ``dash`` wide; the first dash follows ``first``."""
    pad = " " * dash
    lead = first
    for item in sequence:
        if isinstance(item, dict) and item:
            _mapping(out, item, dash + 2, lead + "- ")
        elif isinstance(item, list) and item:
            _sequence(out, item, dash + 4, lead + "-   ")
        elif item is None:
            out.append(lead + "- \n")
        else:
            _value(out, item, dash + 2, lead + "-")
        lead = pad


def render(study: dict[str, Any], comment: str | None = None) -> str:
    """The YAML text of one study (with ``comment`` as its first line, if given)."""
    out: list[str] = []
    if comment:
        out.extend(f"# {line}\n" if line else "\n" for line in comment.split("\n"))
    if not study:
        out.append("{}\n")
        return "".join(out)
    try:
        _mapping(out, study, 0, "")
    except _NotSimpleKey:
        return _render_ruamel(study, comment)
    return "".join(out)
