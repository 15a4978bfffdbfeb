"""The registry's study as it was last imported: the base of ``import --update``'s merge.

Telling a curator's edit from a registry change needs what the registry said last time. Git
cannot give it: curators commit their edits too, so the last committed record mixes both. So
every import (plain, ``--force`` or ``--update``) keeps the study it wrote as the registry
served it, in ``<out>/.trialint-imported/<NCT number>.imported.json``, to be committed with the
records. A hidden folder: ``trialint lint`` passes over it, and the name is not a record's
(``NCT01234567.json``), so neither the pre-commit hooks nor a folder search read it as one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trialint.atomic import SymbolicLinkRefused, write_atomic

BASE_FOLDER = ".trialint-imported"
_SUFFIX = ".imported.json"


class BaseUnreadable(Exception):
    """A base copy exists but does not hold a study (edited by hand, or cut short)."""


def base_path(out: Path, nct: str) -> Path:
    return out / BASE_FOLDER / f"{nct}{_SUFFIX}"


def read_base(out: Path, nct: str) -> dict[str, Any] | None:
    """The study as last imported into ``out``, or None when none was kept."""
    path = base_path(out, nct)
    try:
        study = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as error:
        raise BaseUnreadable(f"cannot read {path}: {error}") from None
    if not isinstance(study, dict):
        raise BaseUnreadable(f"{path} does not hold a study")
    return study


def write_base(out: Path, nct: str, study: dict[str, Any]) -> None:
    """Keep ``study`` as the base of ``nct``'s next update (unchanged files are not rewritten).
    Raises OSError; a base folder that is a symbolic link is refused, as a record would be:
    nothing is written outside ``out``."""
    path = base_path(out, nct)
    if path.parent.is_symlink():
        raise SymbolicLinkRefused(
            f"{path.parent} is a symbolic link; trialint never writes through one"
        )
    path.parent.mkdir(exist_ok=True)
    data = (json.dumps(study, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)
