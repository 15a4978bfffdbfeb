"""Reading one member of a zip archive without trusting what it says of itself.

A zip of 1.6 MB can hold a member that inflates to 1.6 GB (a "zip bomb"), and the sizes in its
directory may lie. A member is read as a stream, and refused, with the rest of the archive still
read, as soon as it inflates past what any registry record needs or past a compression ratio no
text reaches. Every command reads archives through here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from trialint.sources.paths import RECORD_SUFFIXES
from trialint.sources.problems import InputError

# The registry's largest study record is a few megabytes of JSON; the largest real member of
# its downloads (one study per file) far less. A member past this is no record.
MAX_MEMBER_BYTES = 256 * 2**20
# Registry JSON and XML compress 5 to 20 times; a member that inflates more than this many
# times its compressed size, once past a megabyte, is built to exhaust memory.
MAX_RATIO = 200
RATIO_FROM_BYTES = 2**20
_CHUNK = 2**20
_ZIP_MAGIC = b"PK\x03\x04"


class MemberRefused(Exception):
    """A member that inflates past the limits: the message says which limit, on one line."""


def read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo | str) -> bytes:
    """The member's bytes, read in chunks, or MemberRefused past the limits."""
    info = member if isinstance(member, zipfile.ZipInfo) else archive.getinfo(member)
    if info.file_size > MAX_MEMBER_BYTES:
        raise MemberRefused(_too_large(info.file_size))
    chunks, total = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > MAX_MEMBER_BYTES:
                raise MemberRefused(_too_large(total, more=True))
            if total > RATIO_FROM_BYTES and total > MAX_RATIO * max(info.compress_size, 1):
                raise MemberRefused(
                    f"refused: it inflates more than {MAX_RATIO} times its compressed size "
                    f"({info.compress_size:,} bytes), as no record does"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int, *, more: bool = False) -> str:
    return (
        f"refused: it inflates to {'more than ' if more else ''}{size:,} bytes, past the "
        f"{MAX_MEMBER_BYTES // 2**20} MB no record needs"
    )


def is_zip(path: Path, suffixes: frozenset[str] = RECORD_SUFFIXES) -> bool:
    """A ``.zip`` file, or a file without one of the record ``suffixes`` that starts like one
    (the registry's download saved under another name)."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return True
    if suffix in suffixes:
        return False
    try:
        with path.open("rb") as stream:
            return stream.read(4) == _ZIP_MAGIC
    except OSError:
        return False  # reported when it is read


def record_members(
    archive: zipfile.ZipFile, suffixes: frozenset[str] = RECORD_SUFFIXES
) -> tuple[list[zipfile.ZipInfo], list[str]]:
    """The entries of the archive's record members (*.json, *.yaml, *.yml, or ``suffixes``),
    in name order, with folders, hidden files and macOS resource forks left out; and, apart,
    the names of those refused because they climb out of the archive (an absolute path or
    '..'), which no tool should follow."""
    records: list[zipfile.ZipInfo] = []
    refused: list[str] = []
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        hidden = any((part.startswith(".") and part != "..") or part == "__MACOSX"
                     for part in path.parts)  # fmt: skip
        if info.is_dir() or hidden or path.suffix.lower() not in suffixes:
            continue
        if climbs_out(info.filename):
            refused.append(info.filename)
        else:
            records.append(info)
    return sorted(records, key=lambda info: info.filename), sorted(refused)


def climbs_out(name: str) -> bool:
    """Whether a member's name leads out of wherever the archive is read (an absolute path
    or '..')."""
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or name[1:3] == ":/"


CLIMBS_OUT = "refused: its name climbs out of the archive (an absolute path or '..')"


class ZipArchive:
    """A zip file opened once, on first use, for all the members read from it: reopening it
    would read its directory (an entry per member: tens of megabytes for the registry's
    download) again for every member.

    Pickled as its path and name (a worker process of a large lint gets members to read, not
    open files), and unpickled as one archive per path in each process, so a worker opens an
    archive once however many batches of its members it is given. A worker is given each
    member's directory entry with the member, so it opens the archive ``listed=False``:
    without reading the directory, which Python holds at more than a kilobyte per member
    (half a gigabyte for the registry's download, in every process)."""

    def __init__(self, path: str, name: str, *, listed: bool = True) -> None:
        self.path, self.name = path, name
        self.listed = listed
        self._zip: zipfile.ZipFile | None = None

    def open(self) -> zipfile.ZipFile:
        """The open archive (InputError when it is no readable zip)."""
        if self._zip is None:
            opener = zipfile.ZipFile if self.listed else _UnlistedZipFile
            try:
                self._zip = opener(self.path)
            except (OSError, zipfile.BadZipFile, ValueError) as error:
                raise InputError(self.name, f"cannot read the zip archive: {error}") from None
        return self._zip

    def read(self, member: zipfile.ZipInfo | str, name: str) -> bytes:
        """A member's bytes (InputError naming ``name`` when it cannot be read or is refused)."""
        try:
            return read_member(self.open(), member)
        except InputError:
            raise
        except Exception as error:  # refused, bad CRC, encryption, unsupported compression...
            raise InputError(name, f"cannot read from the archive: {error}") from None

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return _archive_in_this_process, (self.path, self.name)


_UNPICKLED: dict[str, ZipArchive] = {}


def _archive_in_this_process(path: str, name: str) -> ZipArchive:
    archive = _UNPICKLED.get(path)
    if archive is None:
        archive = _UNPICKLED[path] = ZipArchive(path, name, listed=False)
    return archive


class _UnlistedZipFile(zipfile.ZipFile):
    """A zip file opened without reading its directory, to read members by the entries
    (ZipInfo) the process that listed it hands on. ZipFile reads the directory in one step,
    ``_RealGetContents``, the one skipped here; ``open(info)`` needs only the entry."""

    def _RealGetContents(self) -> None:
        return None
