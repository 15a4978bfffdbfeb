"""Inputs at fsspec URLs (``file://``, ``s3://``, ``gs://``): where a cluster's workers read a
snapshot they all share.

A cluster's workers rarely share a disk with the client; they share object storage. fsspec,
Dask's own file layer, reads every such store the same way, with the backend the user
installs (s3fs, gcsfs): trialint brings none and opens no connection of its own. The client
lists a URL (a folder's record files, with their sizes, in one listing call), the workers
read each file. A URL is read as a path is: a folder is searched for files with a record
suffix (hidden entries passed over), a file is read whatever its suffix. Zip archives at a
URL are not opened (reading one member would fetch its directory per worker): the listing
says so, as a problem, rather than pass over their studies in silence.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from trialint.sources.base import Input
from trialint.sources.paths import RECORD_SUFFIXES
from trialint.sources.problems import InputError, InputProblem

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

# scheme://... as fsspec names a store; "C:\" and plain paths are not URLs.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")
INSTALL_HINT = "reading URLs needs fsspec: pip install 'trialint[dask]'"


def is_url(argument: str) -> bool:
    """Whether a command-line argument names an fsspec URL rather than a path."""
    return _URL.match(argument) is not None


class RemoteInput(Input):
    """A file at an fsspec URL. It carries its URL and the size the listing gave, nothing
    open: it is pickled to whichever worker reads it, which opens the store itself (fsspec
    keeps one client per store and process)."""

    __slots__ = ("known_size", "url")

    def __init__(self, url: str, *, found: bool, size: int | None = None) -> None:
        super().__init__(url, found=found)
        self.url = url
        self.known_size = size

    @property
    def location(self) -> str:
        """A ``file://`` URL's path, whose folder's configuration applies as to a path; any
        other store has no folder on this machine: the run's own configuration, as for a
        record read from standard input (a configuration is looked for from ``.``)."""
        if self.url.startswith("file://"):
            return self.url.removeprefix("file://")
        return ""

    def read(self) -> bytes:
        with self.open() as stream:
            try:
                return stream.read()
            except Exception as error:
                raise self._error(error) from None

    def size(self) -> int | None:
        return self.known_size

    def open(self) -> BinaryIO:
        try:
            import fsspec
        except ImportError:
            raise InputError(self.name, INSTALL_HINT) from None
        try:
            opened: BinaryIO = fsspec.open(self.url, "rb").open()
        except Exception as error:  # each backend raises its own: OSError, botocore's, ...
            raise self._error(error) from None
        return opened

    def _error(self, error: Exception) -> InputError:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        return InputError(self.name, f"cannot read: {reason}")


def remote_inputs(
    urls: Sequence[str], suffixes: frozenset[str] = RECORD_SUFFIXES
) -> Iterator[Input | InputProblem]:
    """The inputs of ``urls``, in order: a folder's record files (with one of ``suffixes``)
    by name, a file as named; a URL that names nothing, or a store that cannot be listed (no
    backend installed, no access), is a problem that hides studies."""
    for url in urls:
        try:
            yield from _listed(url, suffixes)
        except InputError as error:
            yield InputProblem(error.problem.where, error.problem.message, hides_studies=True)


def _listed(url: str, suffixes: frozenset[str]) -> Iterator[Input | InputProblem]:
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise InputError(url, INSTALL_HINT) from None
    try:
        fs, root = url_to_fs(url)
        info = fs.info(root)
    except FileNotFoundError:
        raise InputError(url, "no such file or folder") from None
    except Exception as error:  # no backend for the scheme, no credentials, a bad bucket
        raise InputError(url, f"cannot list: {error}") from None
    if info.get("type") != "directory":
        yield _input(fs, root, info, found=False)
        return
    try:
        found = fs.find(root, detail=True, withdirs=False)
    except Exception as error:
        raise InputError(url, f"cannot list: {error}") from None
    for path in sorted(found):
        relative = posixpath.relpath(path, root.rstrip("/") or "/")
        if any(part.startswith(".") for part in relative.split("/")):
            continue  # hidden, as a folder search on disk passes over
        suffix = posixpath.splitext(path)[1].lower()
        if suffix == ".zip":
            yield InputProblem(
                fs.unstrip_protocol(path),
                "zip archives at a URL are not read: unzip it there, or read it from a "
                "shared file system",
                hides_studies=True,
            )
        elif suffix in suffixes:
            yield _input(fs, path, found[path], found=True)


def _input(fs: AbstractFileSystem, path: str, info: dict[str, Any], *, found: bool) -> Input:
    size = info.get("size")
    return RemoteInput(
        fs.unstrip_protocol(path), found=found, size=size if isinstance(size, int) else None
    )
