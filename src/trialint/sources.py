"""Expand what the user named (files and folders) into the record files to check."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

RECORD_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
# Folders no registry keeps records in: tool state, environments, VCS metadata.
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


@dataclass
class Expanded:
    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, name to display)
    missing: list[str] = field(default_factory=list)


def expand(arguments: Iterable[str], suffixes: frozenset[str] = RECORD_SUFFIXES) -> Expanded:
    """Files as named (any suffix), folders searched recursively for files with one of
    ``suffixes`` (lower case; by default *.yaml, *.yml, *.json, the record files).

    Hidden folders (.git, .venv, ...) are skipped inside a folder, as ruff and pre-commit do,
    and so are links to folders (as os.walk does). Each file is listed once, in a stable order.
    """
    result = Expanded()
    seen: set[str] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            candidates: Iterable[tuple[Path, str, str]] = _walk(argument, suffixes)
        elif path.is_file():
            candidates = [(path, argument, os.path.realpath(argument))]
        else:
            result.missing.append(argument)
            continue
        for candidate, display, real in candidates:
            if real not in seen:
                seen.add(real)
                result.files.append((candidate, display))
    return result


def _walk(folder: str, suffixes: frozenset[str]) -> Iterator[tuple[Path, str, str]]:
    """(path, name to display, real path) of each file with one of ``suffixes`` under
    ``folder``, files before
    subfolders, each by name.

    The real path tells a file named twice (overlapping folders, links). It is worked out once
    per folder; a file's is its folder's joined with its name, unless the file is a link:
    resolving every path would cost more than reading a small record.
    """
    yield from _walk_folder(folder, os.path.realpath(folder), suffixes)


def _walk_folder(
    folder: str, real_folder: str, suffixes: frozenset[str]
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
            ):
                subfolders.append(entry)
        elif Path(entry.name).suffix.lower() in suffixes:
            real = (os.path.realpath(entry.path) if entry.is_symlink()
                    else _inside(real_folder, entry.name))  # fmt: skip
            yield Path(entry.path), os.path.normpath(entry.path), real
    for entry in subfolders:
        yield from _walk_folder(entry.path, _inside(real_folder, entry.name), suffixes)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a folder; a link that loops (or cannot be followed) is not one,
    and a file it names is reported when it is read, as os.walk leaves it."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _inside(real_folder: str, name: str) -> str:
    return real_folder + name if real_folder.endswith(os.sep) else real_folder + os.sep + name
