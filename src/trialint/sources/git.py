"""Reading the record files of a git revision with git's plumbing, without touching the work
tree: one listing of the revision's tree, and one ``git cat-file --batch`` process for every
file. Lint (``trialint lint --rev REV``) and diff (``--rev A..B``) read revisions through here.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO

from trialint.sources.paths import RECORD_SUFFIXES, SKIPPED_DIRS
from trialint.sources.problems import InputError

SYMLINK_MODE = "120000"


class CatFile:
    """One ``git cat-file --batch`` process for every blob of a repository, started on first
    use: a process per file would cost more than parsing it."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self._process: subprocess.Popen[bytes] | None = None
        # A weakref.finalize, typed by the one call made of it (stops the process once): the
        # generic weakref.finalize[P, T] is recent in typeshed; older mypy releases refuse it.
        self._finalizer: Callable[[], object] | None = None

    def read(self, oid: str, name: str) -> bytes:
        process = self._start()
        stdin, stdout = _pipes(process)
        try:
            stdin.write(oid.encode("ascii") + b"\n")
            stdin.flush()
            header = stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                raise InputError(name, f"git cannot read blob {oid}")
            size = int(header[2])
            data = stdout.read(size)
            stdout.read(1)  # the newline after the contents
        except (OSError, ValueError) as error:
            self.close()
            raise InputError(name, f"git cat-file failed: {error}") from None
        if len(data) != size:
            self.close()
            raise InputError(name, "git cat-file stopped before the end of the file")
        return data

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            command = ["git", "-C", str(self.repo), "cat-file", "--batch"]
            try:
                self._process = subprocess.Popen(
                    command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as error:
                raise InputError(str(self.repo), f"cannot run git: {error}") from None
            self._finalizer = weakref.finalize(self, _stop, self._process)
        return self._process

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
        self._process = self._finalizer = None


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    assert process.stdin is not None and process.stdout is not None  # started with PIPE
    return process.stdin, process.stdout


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End a git process: closing its input ends ``cat-file --batch`` cleanly."""
    if process.stdin is not None:
        with contextlib.suppress(OSError):  # git already gone
            process.stdin.close()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


def run_git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as error:
        raise InputError(str(repo), f"cannot run git: {error}") from None


def resolve_tree(repo: Path, rev: str) -> str:
    """The tree of ``rev``, checked before listing so that a typo is one clear error."""
    done = run_git(repo, "rev-parse", "--verify", "--end-of-options", f"{rev}^{{tree}}")
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        reason = said[-1].removeprefix("fatal: ") if said else "unknown revision"
        raise InputError(rev, f"not a revision of {repo} ({reason})")
    return done.stdout.decode().strip()


def ls_tree(repo: Path, tree: str, paths: Sequence[str]) -> Iterator[tuple[str, str, str, str]]:
    """(mode, type, object id, path) of every file under ``paths``, streamed: a registry's
    listing can be tens of megabytes."""
    command = ["git", "-C", str(repo), "ls-tree", "-r", "-z", tree, "--", *paths]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as error:
        raise InputError(str(repo), f"cannot run git: {error}") from None
    stdout, stderr = process.stdout, process.stderr
    assert stdout is not None and stderr is not None  # started with PIPE
    try:
        for entry in _split_nul(stdout):
            meta, _, path = entry.partition(b"\t")
            mode, kind, oid = meta.decode("ascii").split(" ")
            yield mode, kind, oid, os.fsdecode(path)
        said = stderr.read().decode(errors="replace").strip()
        if process.wait() != 0:
            raise InputError(tree, f"git ls-tree failed: {said}")
    finally:
        if process.poll() is None:  # the caller stopped early
            process.kill()
        process.wait()
        stdout.close()
        stderr.close()


def _split_nul(stream: IO[bytes], chunk: int = 1 << 16) -> Iterator[bytes]:
    pending = b""
    while data := stream.read(chunk):
        *entries, pending = (pending + data).split(b"\0")
        yield from entries
    if pending:
        yield pending


def normalized(paths: Sequence[str]) -> list[str]:
    """Paths as git lists them (``/``-separated, no ``./`` or trailing ``/``); ``.`` for all."""
    named = [os.path.normpath(path).replace(os.sep, "/") for path in paths]
    return list(dict.fromkeys(named)) or ["."]


def named_match(path: str, named: Sequence[str]) -> str | None:
    """Which named path lists ``path``: a file named outright (any suffix), or a record file
    in a named folder outside hidden and tool folders, as ``sources.expand`` chooses on disk."""
    for name in named:
        if path == name:
            return name
        if name == ".":
            inside = path
        elif path.startswith(name + "/"):
            inside = path[len(name) + 1 :]
        else:
            continue
        *folders, file = inside.split("/")
        hidden = any(part.startswith(".") or part in SKIPPED_DIRS for part in folders)
        if not hidden and PurePosixPath(file).suffix.lower() in RECORD_SUFFIXES:
            return name
    return None


def toplevel(folder: Path) -> Path:
    """The top of the git work tree around ``folder`` (InputError outside one)."""
    done = run_git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise InputError(str(folder), "--rev needs a git repository, and this folder is not in one")
    return Path(done.stdout.decode().strip())


def as_git_path(repo: Path, path: str) -> str:
    """A path as the user typed it (relative to here), as git names it (relative to the top)."""
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(repo.resolve()).as_posix() or "."
    except ValueError:
        raise InputError(path, f"outside the git repository {repo}") from None
