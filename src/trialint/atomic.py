"""Writing a file in one step, for every command that writes records (import, --fix).

The new content goes to a temporary file in the same folder, which then replaces the target
(``os.replace``, atomic on POSIX and Windows): a reader never sees half a record, and an
interrupted run leaves the old file whole. On any failure the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path


class SymbolicLinkRefused(OSError):
    """The place to write is a symbolic link: it is never written through."""


def write_atomic(path: Path, data: bytes) -> None:
    """Replace (or create) ``path`` with ``data``. An existing file keeps its permissions; a new
    one gets a new file's usual ones (mkstemp's would be owner-only). A symbolic link is
    refused, not followed: what it points to may be anywhere (outside ``import --out``, in
    another repository), and a record is only written where it was asked to be."""
    target = path
    if target.is_symlink():
        raise SymbolicLinkRefused(f"{path} is a symbolic link; trialint never writes through one")
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    _remove_stale_temporaries(target)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        os.replace(temporary, target)  # noqa: PTH105  (one name to patch in tests)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


STALE_AFTER = 60.0  # seconds: a temporary file of ours this old was left by a killed run


def _remove_stale_temporaries(target: Path) -> None:
    """Remove what a run killed while writing ``target`` left beside it (``.NAME.xxxxxxxx.tmp``,
    mkstemp's name for ours), so that no later run or ``git status`` trips over it. A fresh
    one may be another run's, writing now: it is left alone."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.{'?' * 8}.tmp"):
        with contextlib.suppress(OSError):
            if not leftover.is_symlink() and now - leftover.stat().st_mtime > STALE_AFTER:
                leftover.unlink()


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
