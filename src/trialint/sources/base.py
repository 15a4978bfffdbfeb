"""What every kind of input is: a name and a way to read the bytes behind it (see
``sources.inputs``). Kept apart from the listing of inputs so that a kind defined in a module
of its own (``sources.remote``, which the listing calls) shares it without importing the
listing back."""

from __future__ import annotations

import io
from typing import BinaryIO


class Input:
    """One file to read, wherever its bytes are kept. ``name`` is how reports name it (a path,
    ``archive.zip!member``, ``REV:path``); ``found``: a folder search, an archive's listing or
    a revision's tree found it, rather than the command line naming it (a found file that
    holds no study is passed over; a named one is reported)."""

    __slots__ = ("found", "name")

    def __init__(self, name: str, *, found: bool) -> None:
        self.name = name
        self.found = found

    def read(self) -> bytes:
        raise NotImplementedError

    def size(self) -> int | None:
        """How many bytes ``read`` would give, when that is known without reading (None if
        not): a large collection file is read in pieces rather than whole."""
        return None

    def open(self) -> BinaryIO:
        """Its bytes as a stream, for a reader that takes them a piece at a time; raises
        InputError as ``read`` does."""
        return io.BytesIO(self.read())

    @property
    def location(self) -> str:
        """Where on disk it belongs, as a path: the configuration of that folder (the nearest
        above it) decides how it is checked. By default its name: a file's path, or what
        --stdin-filename names."""
        return self.name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"
