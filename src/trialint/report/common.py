"""What the CI formats (sarif, junit, github, gitlab) share, so they agree with each other.

* Paths: CI services attach a finding to a file of the repository by its path relative to the
  checkout, with forward slashes; ``report_path`` turns what the user typed (absolute, or with
  backslashes) into that whenever the file lies under the working directory.
* Fingerprints: a finding's identity across runs is its rule, file, JSON pointer, study and
  message, never its line or column, so inserting lines above it does not make it look new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from trialint.finding import Finding

if TYPE_CHECKING:
    from typing import TextIO

FINGERPRINT_VERSION = "trialint/v1"


def report_path(path: str) -> str:
    """``path`` relative to the working directory when under it, always with forward slashes."""
    posix = path.replace("\\", "/")
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            return candidate.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return posix
    return PurePosixPath(posix).as_posix()


def fingerprint(finding: Finding) -> str:
    """A stable identity of a finding: the same problem keeps it when unrelated lines move."""
    parts = (
        finding.rule.code,
        report_path(finding.path),
        finding.pointer,
        finding.study or "",
        finding.message,
    )
    return digest(*parts)


def digest(*parts: str) -> str:
    """The SHA-256 of the parts; a file name that is not UTF-8 counts by its bytes."""
    return digest_bytes("\x00".join(parts).encode("utf-8", "surrogateescape"))


def digest_bytes(data: bytes) -> str:
    import hashlib  # here: only the formats that fingerprint pay for it, not every run

    return hashlib.sha256(data).hexdigest()


def unique_fingerprints(
    findings: Iterable[Finding], seen: Counter[str] | None = None
) -> Iterator[tuple[Finding, str]]:
    """Each finding of one file with a fingerprint no other finding of the run shares (a
    fingerprint names the file, so findings of two files never share one).

    Identical findings (same rule, file, pointer, study and message, e.g. the same misspelling
    twice in one field) are told apart by their order: the n-th of them gets ``:n`` added
    before hashing, so the first keeps the plain fingerprint and all stay stable across runs.
    ``seen``: the counts of the file's earlier parts, when it comes in parts
    (``FileReport.part``), updated.
    """
    seen = Counter() if seen is None else seen
    for finding in findings:
        base = fingerprint(finding)
        seen[base] += 1
        if seen[base] == 1:
            yield finding, base
        else:
            salted = f"{base}:{seen[base]}".encode()
            yield finding, digest_bytes(salted)


def message(finding: Finding, in_collection: bool) -> str:
    """The finding's message, naming the study when its file holds several (as text does)."""
    if in_collection and finding.study:
        return f"[{finding.study}] {finding.message}"
    return finding.message


def spool() -> TextIO:
    """A temporary file for report text that is written out only at the end; it holds any
    text a report may hold (the lone surrogates of a file name that is not UTF-8 included)
    exactly, and vanishes when closed (tempfile is imported here: a run without --output does
    not need it)."""
    import tempfile

    return tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass")
