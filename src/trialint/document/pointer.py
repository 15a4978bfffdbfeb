"""JSON Pointer (RFC 6901) helpers: findings name the place in a record they are about."""

from __future__ import annotations

from collections.abc import Iterable

Token = str | int


def escape(token: Token) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def to_pointer(tokens: Iterable[Token]) -> str:
    return "".join("/" + escape(token) for token in tokens)


def from_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]
