"""The versions of each study across the snapshots of a sequence, for the history rules.

Used by ``trialint diff A B C ... --lint`` on one machine (``diff.command``) and in each
bucket of a cluster run (``diff.cluster``): the same gathering, so both find the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trialint.diff.inputs import StudyRef
    from trialint.document.model import Study
    from trialint.finding import Finding
    from trialint.lint.runner import Linter
    from trialint.sources.problems import InputProblem


def hide_baseline(linter: Linter, found: list[Finding]) -> list[Finding]:
    """``found`` less what the linter's baseline lists, in report order."""
    if linter.baseline is not None:
        found, _ = linter.baseline.hide(found)
    return sorted(found, key=lambda finding: finding.sort_key())


class Versions:
    """The versions of each study across the steps of a sequence, for the history rules.

    Kept as references (nctId, fingerprint, where to read it again), one per version that is
    not the one before: when the steps are done, each study's versions are read again, one
    study at a time, so no snapshot is ever held whole. A study gone from a snapshot and back
    in a later one is one history across the gap: its outcome may have switched meanwhile."""

    def __init__(self, linter: Linter) -> None:
        self._linter = linter
        self._chains: dict[str, list[StudyRef]] = {}
        self.problems: list[InputProblem] = []  # versions that could not be read again

    def add(self, before: StudyRef | None, after: StudyRef | None) -> None:
        """A study changed (both), was added (``after``) or removed (``before``) in a step."""
        if before is not None:
            self._append(before)
        if after is not None and (before is not None or after.nct_id in self._chains):
            self._append(after)  # a study new to the sequence has one version so far

    def _append(self, ref: StudyRef) -> None:
        chain = self._chains.setdefault(ref.nct_id, [])
        if not chain or chain[-1].fingerprint != ref.fingerprint:
            chain.append(ref)

    def findings(self) -> list[Finding]:
        """The history findings of every study with two versions or more, configured as
        lint's are, each in the version that shows it (its per-file-ignores, its
        suppressions), less those the baseline lists, in report order."""
        return hide_baseline(self._linter, self.configured())

    def configured(self) -> list[Finding]:
        """The findings, configured, before the baseline hides any: a cluster run gathers
        them bucket by bucket and hides them once, on the client."""
        from trialint.diff.history import history_findings

        found: list[Finding] = []
        while self._chains:
            _, chain = self._chains.popitem()
            if len(chain) < 2:
                continue
            versions = self._read(chain)
            sources = {study.source.path: study.source for study in versions}
            by_path: dict[str, list[Finding]] = {}
            for finding in history_findings(versions):
                by_path.setdefault(finding.path, []).append(finding)
            for path, findings in by_path.items():
                found += self._linter.configure(findings, sources.get(path), path)
        return found

    def _read(self, chain: list[StudyRef]) -> list[Study]:
        from trialint.sources.problems import InputError

        versions = []
        for ref in chain:
            try:
                versions.append(ref.load())
            except InputError as error:
                self.problems.append(error.problem)
        return versions
