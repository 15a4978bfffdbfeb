"""Write a study as a YAML record: block style, the registry's key order, readable text.

Values come back exactly as they went in, whichever YAML version reads them: a string that a
YAML 1.1 reader (PyYAML, many other tools) would take for a boolean, a number, a date or null
("yes", "NA", "2014-05-06", "0123") is quoted; multi-line text becomes a literal block (``|``)
where one can hold it exactly; nothing is wrapped.
"""

from __future__ import annotations

import io
import re
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter

_STR_TAG = "tag:yaml.org,2002:str"
_YAML11 = pyyaml.resolver.Resolver()
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


class _Representer(RoundTripRepresenter):
    def represent_str(self, data: str) -> Any:  # type: ignore[override]
        if _ESCAPE_NEEDED.search(data):
            return self.represent_scalar(_STR_TAG, data, style='"')
        if _literal_possible(data):
            return self.represent_scalar(_STR_TAG, data, style="|")
        if _resolves_to_non_string_in_yaml11(data):
            return self.represent_scalar(_STR_TAG, data, style='"')
        return self.represent_scalar(_STR_TAG, data)


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


def _tree(value: Any) -> Any:
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _tree(item)
        return node
    if isinstance(value, list):
        return CommentedSeq(_tree(item) for item in value)
    return value


def render(study: dict[str, Any], comment: str | None = None) -> str:
    """The YAML text of one study (with ``comment`` as its first line, if given)."""
    tree = _tree(study)
    if comment:
        tree.yaml_set_start_comment(comment)
    buffer = io.StringIO()
    _yaml().dump(tree, buffer)
    return buffer.getvalue()
