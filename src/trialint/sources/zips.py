"""Reading one member of a zip archive without trusting what it says of itself.

A zip of 1.6 MB can hold a member that inflates to 1.6 GB (a "zip bomb"), and the sizes in its
directory may lie. A member is read as a stream, and refused, with the rest of the archive still
read, as soon as it inflates past what any registry record needs or past a compression ratio no
text reaches. Every command reads archives through here.
"""

from __future__ import annotations

import struct
import zipfile
from array import array
from collections.abc import Iterator
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


def record_members(
    path: str, suffixes: frozenset[str] = RECORD_SUFFIXES
) -> tuple[Iterator[zipfile.ZipInfo], list[str]]:
    """The entries of the archive's record members (*.json, *.yaml, *.yml, or ``suffixes``),
    in name order, with folders, hidden files and macOS resource forks left out; and, apart,
    the names of those refused because they climb out of the archive (an absolute path or
    '..'), which no tool should follow.

    The entries come one at a time, each read again from the archive's directory when its
    turn comes: ``zipfile`` holds an entry of more than half a kilobyte per member (0.3 GB
    for the registry's download, in this process and in every worker it forks), where this
    keeps the position of each record member's entry, 8 bytes. Raises zipfile.BadZipFile or
    OSError when the archive cannot be read."""
    with _Directory(path) as directory:
        positions, names, refused = directory.listing(suffixes)
    if names is not None:  # the directory is out of name order: listed by name here
        order = sorted(range(len(positions)), key=names.__getitem__)
        del names
        positions = array("Q", (positions[index] for index in order))
    return _entries(path, positions), sorted(refused)


def _is_record(name: str, suffixes: frozenset[str]) -> bool:
    path = PurePosixPath(name)
    hidden = any((part.startswith(".") and part != "..") or part == "__MACOSX"
                 for part in path.parts)  # fmt: skip
    return not name.endswith("/") and not hidden and path.suffix.lower() in suffixes


def _entries(path: str, positions: array[int]) -> Iterator[zipfile.ZipInfo]:
    with _Directory(path) as directory:
        for position in positions:
            yield directory.entry(position)


# The archive's directory, as the zip format (PKWARE's APPNOTE.TXT) lays it out: an end record
# at the end of the file (after it, a comment of up to 64 kB), with, in a zip64 archive, a
# locator and a zip64 end record before it; the end record tells where the directory starts.
_END = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_END64 = struct.Struct("<4sQ2H2L4Q")
_END64_SIGNATURE = b"PK\x06\x06"
_ENTRY = struct.Struct("<4s4B4HL2L5H2L")
_ENTRY_SIGNATURE = b"PK\x01\x02"
_UTF8_NAME = 1 << 11  # the general-purpose flag saying the name is UTF-8 (else cp437)
_ZIP64_EXTRA = 1
_BATCH = 2**16  # bytes of the directory read at a time when listing it


class _Directory:
    """The central directory of a zip file, read as ``zipfile`` reads it (the same entries,
    the same errors for a file that is no zip), an entry at a time."""

    def __init__(self, path: str) -> None:
        self.file = Path(path).open("rb")  # noqa: SIM115 - closed by the with block
        try:
            self.start, self.size, self.shift = self._locate()
        except BaseException:
            self.file.close()
            raise

    def __enter__(self) -> _Directory:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.file.close()

    def _locate(self) -> tuple[int, int, int]:
        """Where the directory starts, its size, and how far every offset it gives is shifted
        (by bytes put before the archive, as a self-extracting one has)."""
        file = self.file
        file_size = file.seek(0, 2)
        tail_start = max(file_size - _END.size - 0xFFFF, 0)
        file.seek(tail_start)
        tail = file.read()
        at = tail.rfind(_END_SIGNATURE, 0, len(tail) - _END.size + len(_END_SIGNATURE))
        if at < 0:
            raise zipfile.BadZipFile("File is not a zip file")
        *_, size, start, _ = _END.unpack_from(tail, at)
        end_at = tail_start + at
        locator_at = end_at - _END64_LOCATOR.size
        shift = end_at - size - start
        if locator_at >= 0:
            file.seek(locator_at)
            locator = file.read(_END64_LOCATOR.size)
            if locator[:4] == _END64_LOCATOR_SIGNATURE:
                file.seek(locator_at - _END64.size)
                record = file.read(_END64.size)
                if len(record) != _END64.size or record[:4] != _END64_SIGNATURE:
                    raise zipfile.BadZipFile("Corrupt zip64 end of central directory record")
                *_, size, start = _END64.unpack(record)
                shift = locator_at - _END64.size - size - start
        if start + shift < 0:
            raise zipfile.BadZipFile("Bad offset for central directory")
        return start + shift, size, shift

    def listing(self, suffixes: frozenset[str]) -> tuple[array[int], list[str] | None, list[str]]:
        """The positions (from the directory's start) of the record members' entries, in the
        directory's order; their names when that is not name order, else None; and the names
        of the members refused for climbing out of the archive."""
        positions: array[int] = array("Q")
        names: list[str] | None = None
        refused: list[str] = []
        previous = ""
        file, size = self.file, self.size
        file.seek(self.start)
        buffer, at, read = b"", 0, 0  # the bytes in hand, where in them, bytes read so far
        position = 0
        while position < size:
            if len(buffer) - at < _ENTRY.size:
                buffer, at, read = self._more(buffer, at, read, _ENTRY.size)
            fields = _ENTRY.unpack_from(buffer, at)
            if fields[0] != _ENTRY_SIGNATURE:
                raise zipfile.BadZipFile("Bad magic number for central directory")
            length = _ENTRY.size + fields[12] + fields[13] + fields[14]
            if len(buffer) - at < length:
                buffer, at, read = self._more(buffer, at, read, length)
            raw = buffer[at + _ENTRY.size : at + _ENTRY.size + fields[12]]
            name = _decoded(raw, fields[5]).split("\0", 1)[0]
            if _is_record(name, suffixes):
                if climbs_out(name):
                    refused.append(name)
                else:
                    if names is None and name < previous:
                        names = self._names_so_far(positions)
                    if names is not None:
                        names.append(name)
                    previous = name
                    positions.append(position)
            at += length
            position += length
        return positions, names, refused

    def _more(self, buffer: bytes, at: int, read: int, needed: int) -> tuple[bytes, int, int]:
        """The unread rest of ``buffer`` and the directory's next bytes, at least ``needed``."""
        wanted = max(needed - (len(buffer) - at), _BATCH)
        more = self.file.read(min(wanted, max(self.size - read, 0)))
        buffer, read = buffer[at:] + more, read + len(more)
        if len(buffer) < needed:
            raise zipfile.BadZipFile("Truncated central directory")
        return buffer, 0, read

    def _names_so_far(self, positions: array[int]) -> list[str]:
        """The names of the entries at ``positions``, read again: kept only for a directory
        out of name order, once the first name out of order shows it."""
        here = self.file.tell()
        names = [self.entry(position).filename for position in positions]
        self.file.seek(here)
        return names

    def entry(self, position: int) -> zipfile.ZipInfo:
        """The entry at ``position`` from the directory's start, as ``zipfile`` makes it."""
        file = self.file
        file.seek(self.start + position)
        fixed = file.read(_ENTRY.size)
        if len(fixed) != _ENTRY.size or fixed[:4] != _ENTRY_SIGNATURE:
            raise zipfile.BadZipFile("Bad magic number for central directory")
        (_, create_version, create_system, extract_version, reserved, flags, method, time,
         date, crc, compressed, size, name_length, extra_length, comment_length, volume,
         internal, external, offset) = _ENTRY.unpack(fixed)  # fmt: skip
        raw = file.read(name_length)
        info = zipfile.ZipInfo(_decoded(raw, flags))
        info.extra = file.read(extra_length)
        info.comment = file.read(comment_length)
        info.create_version, info.create_system = create_version, create_system
        info.extract_version, info.reserved = extract_version, reserved
        info.flag_bits, info.compress_type = flags, method
        info.CRC, info.compress_size, info.file_size = crc, compressed, size
        info.volume, info.internal_attr, info.external_attr = volume, internal, external
        info.date_time = ((date >> 9) + 1980, (date >> 5) & 0xF, date & 0x1F,
                          time >> 11, (time >> 5) & 0x3F, (time & 0x1F) * 2)  # fmt: skip
        info._raw_time = time  # type: ignore[attr-defined]  # zipfile's own, as it sets it
        info.header_offset = offset
        _zip64_sizes(info)
        info.header_offset += self.shift
        return info


def _decoded(raw: bytes, flags: int) -> str:
    return raw.decode("utf-8" if flags & _UTF8_NAME else "cp437")


def _zip64_sizes(info: zipfile.ZipInfo) -> None:
    """The sizes and offset a zip64 archive keeps in the entry's extra field, where the
    entry's own fields say 0xFFFFFFFF."""
    extra, at = info.extra, 0
    while at + 4 <= len(extra):
        tag, length = struct.unpack_from("<2H", extra, at)
        if at + 4 + length > len(extra):
            raise zipfile.BadZipFile(f"Corrupt extra field {tag:04x} (size={length})")
        if tag == _ZIP64_EXTRA:
            data, used = extra[at + 4 : at + 4 + length], 0
            for field in ("file_size", "compress_size", "header_offset"):
                if getattr(info, field) == 0xFFFFFFFF:
                    if used + 8 > len(data):
                        raise zipfile.BadZipFile(f"Corrupt zip64 extra field. {field} not found.")
                    setattr(info, field, struct.unpack_from("<Q", data, used)[0])
                    used += 8
            return
        at += 4 + length


def climbs_out(name: str) -> bool:
    """Whether a member's name leads out of wherever the archive is read (an absolute path
    or '..')."""
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or name[1:3] == ":/"


CLIMBS_OUT = "refused: its name climbs out of the archive (an absolute path or '..')"


class ZipArchive:
    """A zip file opened once, on first use, for all the members read from it: reopening it
    for every member would cost a system call or two each.

    Pickled as its path and name (a worker process of a large lint gets members to read, not
    open files), and unpickled as one archive per path in each process, so a worker opens an
    archive once however many batches of its members it is given. Members are read by their
    directory entries (``record_members`` lists them), so no process reads the whole
    directory into memory as ``zipfile`` does: Python holds it at more than half a kilobyte
    per member (0.3 GB for the registry's download, in every process)."""

    def __init__(self, path: str, name: str) -> None:
        self.path, self.name = path, name
        self._zip: zipfile.ZipFile | None = None

    def open(self) -> zipfile.ZipFile:
        """The open archive, without its directory (InputError when it cannot be opened)."""
        if self._zip is None:
            try:
                self._zip = _UnlistedZipFile(self.path)
            except (OSError, zipfile.BadZipFile, ValueError) as error:
                raise InputError(self.name, f"cannot read the zip archive: {error}") from None
        return self._zip

    def members(
        self, suffixes: frozenset[str] = RECORD_SUFFIXES
    ) -> tuple[Iterator[zipfile.ZipInfo], list[str]]:
        """``record_members`` of the archive (InputError when it is no readable zip, and from
        the entries when the archive can no longer be read: each is read when its turn
        comes)."""
        try:
            entries, refused = record_members(self.path, suffixes)
        except (OSError, zipfile.BadZipFile, ValueError) as error:
            raise InputError(self.name, f"cannot read the zip archive: {error}") from None
        return self._read_on(entries), refused

    def _read_on(self, entries: Iterator[zipfile.ZipInfo]) -> Iterator[zipfile.ZipInfo]:
        try:
            yield from entries
        except (OSError, zipfile.BadZipFile, ValueError) as error:
            raise InputError(self.name, f"cannot read the zip archive: {error}") from None

    def read(self, member: zipfile.ZipInfo, name: str) -> bytes:
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
        archive = _UNPICKLED[path] = ZipArchive(path, name)
    return archive


class _UnlistedZipFile(zipfile.ZipFile):
    """A zip file opened without reading its directory, to read members by their entries
    (ZipInfo). ZipFile reads the directory in one step, ``_RealGetContents``, the one skipped
    here; ``open(info)`` needs only the entry."""

    def _RealGetContents(self) -> None:
        return None
