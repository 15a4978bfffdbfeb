"""The YAML language server's modeline: the first-line comment that tells an editor (VS Code's
YAML extension, any editor using yaml-language-server) which JSON Schema a record follows, so
that it completes field names and enums and underlines what the schema rejects as one types.
"""

from __future__ import annotations

PREFIX = "yaml-language-server: $schema="


def modeline_comment(schema: str) -> str:
    """The comment's text (without ``# ``), for ``schema``: a URL, or a path relative to the
    record (``../schemas/study.schema.json``)."""
    return PREFIX + schema


def with_modeline(text: str, schema: str) -> str:
    """``text`` whose first line is the modeline for ``schema``: a modeline already there is
    replaced, otherwise it is added above everything else."""
    newline = "\r\n" if "\r\n" in text else "\n"
    line = "# " + modeline_comment(schema)
    first, separator, rest = text.partition("\n")
    if first.lstrip("# ").startswith(PREFIX.split(" ", 1)[0]):
        return line + ("\r" if first.endswith("\r") else "") + separator + rest
    return line + newline + text
