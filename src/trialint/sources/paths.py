"""Expand what the user named (files and folders) into the record files to check.

A file named on the command line is always read. A folder is searched for record files,
passing over hidden folders, folders no registry keeps records in, what the ``exclude``
patterns name (gitignore-style, relative to the configuration's folder) and, inside a git
repository, what its ``.gitignore`` files name, as ruff does.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

RECORD_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
# Folders no registry keeps records in: tool state, environments, VCS metadata.
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Expanded:
    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, name to display)
    missing: list[str] = field(default_factory=list)


class Exclusions:
    """What a folder search passes over: gitignore-style ``patterns`` (relative to ``root``)
    and, inside a git repository, what its .gitignore files name."""

    def __init__(
        self, patterns: Sequence[str] = (), root: Path | None = None, gitignore: bool = True
    ) -> None:
        self.root = (root or Path.cwd()).resolve()
        self.patterns = tuple(patterns)
        self.gitignore = gitignore
        self._ignores: dict[str, tuple[str, Any] | None] = {}  # folder -> (folder, its spec)
        self._applicable: dict[str, list[tuple[str, Any]]] = {}  # folder -> what applies there

    @cached_property
    def _spec(self) -> Any:
        import pathspec  # here: only a configuration with patterns needs it

        return pathspec.GitIgnoreSpec.from_lines(self.patterns)

    def excludes(self, real_path: str, is_folder: bool) -> bool:
        if self.patterns and self._matches(self._spec, str(self.root), real_path, is_folder):
            return True
        if self.gitignore:
            parent = os.path.dirname(real_path)  # noqa: PTH120 - per file: a Path costs more
            for folder, spec in self._gitignores(parent):
                if self._matches(spec, folder, real_path, is_folder):
                    return True
        return False

    @staticmethod
    def _matches(spec: Any, base: str, real_path: str, is_folder: bool) -> bool:
        relative = os.path.relpath(real_path, base)
        if relative.startswith(".."):
            relative = real_path  # outside the base: matched as written, from the top
        relative = relative.replace(os.sep, "/")
        return bool(spec.match_file(relative + "/" if is_folder else relative))

    def _gitignores(self, folder: str) -> list[tuple[str, Any]]:
        """The .gitignore files that apply in ``folder``: its own and its parents', up to the
        repository's top (none outside a git repository). Worked out once per folder: every
        file of a folder asks."""
        applicable = self._applicable.get(folder)
        if applicable is None:
            applicable = self._applicable[folder] = self._find_gitignores(folder)
        return applicable

    def _find_gitignores(self, folder: str) -> list[tuple[str, Any]]:
        found: list[tuple[str, Any]] = []
        current = folder
        while True:
            if current not in self._ignores:
                self._ignores[current] = _gitignore_in(current)
            entry = self._ignores[current]
            if entry is not None:
                found.append(entry)
            if (Path(current) / ".git").is_dir():
                return found
            parent = str(Path(current).parent)
            if parent == current:
                return []  # not inside a git repository: .gitignore files mean nothing
            current = parent


def _gitignore_in(folder: str) -> tuple[str, Any] | None:
    try:
        patterns = (Path(folder) / ".gitignore").read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec

    return folder, pathspec.GitIgnoreSpec.from_lines(patterns)


def expand(
    arguments: Iterable[str],
    suffixes: frozenset[str] = RECORD_SUFFIXES,
    exclusions: Exclusions | None = None,
) -> Expanded:
    """Files as named (any suffix, never excluded), folders searched recursively for files with
    one of ``suffixes`` (lower case; by default *.yaml, *.yml, *.json, the record files).

    Hidden folders (.git, .venv, ...) are skipped inside a folder, as ruff and pre-commit do,
    and so are links to folders (as os.walk does), and what ``exclusions`` name. Each file is
    listed once, in a stable order."""
    result = Expanded()
    for entry in expand_in_order(arguments, suffixes, exclusions):
        if isinstance(entry, Missing):
            result.missing.append(entry.name)
        else:
            path, display, _named = entry
            result.files.append((path, display))
    return result


@dataclass(frozen=True, slots=True)
class Missing:
    """An argument that names no file or folder."""

    name: str


def expand_in_order(
    arguments: Iterable[str],
    suffixes: frozenset[str] = RECORD_SUFFIXES,
    exclusions: Exclusions | None = None,
) -> Iterator[tuple[Path, str, bool] | Missing]:
    """What :func:`expand` lists, in the order of the arguments and as it is found: each file
    as (path, name to display, named on the command line), each argument naming nothing as
    :class:`Missing`. A folder is searched only when its turn comes."""
    seen: set[str] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            candidates: Iterable[tuple[Path, str, str]] = _walk(argument, suffixes, exclusions)
        elif path.is_file():
            candidates = [(path, argument, os.path.realpath(argument))]
        else:
            yield Missing(argument)
            continue
        named = not path.is_dir()
        for candidate, display, real in candidates:
            if real not in seen:
                seen.add(real)
                yield candidate, display, named


def _walk(
    folder: str, suffixes: frozenset[str], exclusions: Exclusions | None
) -> Iterator[tuple[Path, str, str]]:
    """(path, name to display, real path) of each file with one of ``suffixes`` under
    ``folder``, files before subfolders, each by name.

    The real path tells a file named twice (overlapping folders, links). It is worked out once
    per folder; a file's is its folder's joined with its name, unless the file is a link:
    resolving every path would cost more than reading a small record.
    """
    yield from _walk_folder(folder, os.path.realpath(folder), suffixes, exclusions)


def _walk_folder(
    folder: str, real_folder: str, suffixes: frozenset[str], exclusions: Exclusions | None
) -> Iterator[tuple[Path, str, str]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return  # unreadable: skipped, as os.walk skips it
    subfolders = []
    for entry in entries:
        if _is_folder(entry):
            if (
                not entry.is_symlink()
                and not entry.name.startswith(".")
                and (entry.name not in SKIPPED_DIRS)
                and not (exclusions and exclusions.excludes(_inside(real_folder, entry.name), True))
            ):
                subfolders.append(entry)
        elif Path(entry.name).suffix.lower() in suffixes:
            real = (os.path.realpath(entry.path) if entry.is_symlink()
                    else _inside(real_folder, entry.name))  # fmt: skip
            if exclusions and exclusions.excludes(real, False):
                continue
            yield Path(entry.path), os.path.normpath(entry.path), real
    for entry in subfolders:
        yield from _walk_folder(entry.path, _inside(real_folder, entry.name), suffixes, exclusions)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder; a link that loops (or cannot be followed) is not one,
    and a file it names is reported when it is read, as os.walk leaves it."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _inside(real_folder: str, name: str) -> str:
    return real_folder + name if real_folder.endswith(os.sep) else real_folder + os.sep + name


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
