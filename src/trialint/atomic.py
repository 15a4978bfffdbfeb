"""Writing a file in one step, for every command that writes records (import, --fix).

The new content goes to a temporary file in the same folder, which then replaces the target
(``os.replace``, atomic on POSIX and Windows): a reader never sees half a record, and an
interrupted run leaves the old file whole. On any failure the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace (or create) ``path`` with ``data``. An existing file keeps its permissions; a new
    one gets a new file's usual ones (mkstemp's would be owner-only). A symbolic link is
    followed: the file it points to is replaced."""
    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
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


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
