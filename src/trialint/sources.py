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


def expand(arguments: Iterable[str]) -> Expanded:
    """Files as named (any suffix), folders searched recursively for *.yaml, *.yml, *.json.

    Hidden folders (.git, .venv, ...) are skipped inside a folder, as ruff and pre-commit do.
    Each file is listed once, in a stable order.
    """
    result = Expanded()
    seen: set[Path] = set()
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            candidates: Iterable[tuple[Path, str]] = _walk(path)
        elif path.is_file():
            candidates = [(path, argument)]
        else:
            result.missing.append(argument)
            continue
        for candidate, display in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                result.files.append((candidate, display))
    return result


def _walk(folder: Path) -> Iterator[tuple[Path, str]]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)
        for name in sorted(files):
            if Path(name).suffix.lower() in RECORD_SUFFIXES:
                path = Path(root) / name
                yield path, os.path.normpath(path)
