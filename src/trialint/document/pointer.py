"""JSON Pointer (RFC 6901) helpers: findings name the place in a record they are about."""

from __future__ import annotations

from collections.abc import Iterable

Token = str | int


def escape(token: Token) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def to_pointer(tokens: Iterable[Token]) -> str:
    parts = list(map(str, tokens))
    joined = "/".join(parts)
    if "~" in joined or joined.count("/") != len(parts) - 1:  # a token to escape (rare)
        joined = "/".join(map(escape, parts))
    return "/" + joined if parts else ""


def from_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]
