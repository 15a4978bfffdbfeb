"""What reading an import source gives: a study in the API v2 shape, or a problem with one
source. Its own module, so that the readers (JSON, zip, legacy XML) share it without
importing one another."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from trialint.registry import nct_id_of


@dataclass
class Imported:
    """One study read from a source, in the API v2 shape."""

    study: dict[str, Any]
    origin: str  # the file (and zip member) it came from, for messages and the record's comment
    unmapped: list[str] = field(default_factory=list)  # source fields with no API v2 home
    legacy: bool = False  # mapped from legacy XML (not the registry's own API v2 shape)

    @property
    def nct_id(self) -> str | None:
        return nct_id_of(self.study)


@dataclass
class ImportProblem:
    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"
