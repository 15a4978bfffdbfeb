"""``trialint lint --fix / --unsafe-fixes / --diff``: apply the fixes findings carry.

Like ruff: lint, apply every applicable fix (safe ones; unsafe ones too with ``unsafe``) to
each file, lint the new text again, and repeat while fixes remain (at most ``MAX_PASSES``
times); then report the findings that remain. ``write=False`` (``--diff``) writes nothing and
gives the unified diff of what ``--fix`` would change.

What is fixed: YAML files holding one study (the document's top value). JSON files and files of
several studies keep their findings as they are, and :attr:`FixOutcome.skipped` says so for
each one that had fixes to apply; so does every fix left unapplied and why. ``errors`` holds
the files that could not be read or written for fixing (``result.errors`` keeps the lint run's
own). Findings a baseline hides or a ``# trialint: ignore`` comment suppresses are not fixed.

How a value is edited, and why not by dumping ruamel.yaml's round-trip tree, is described in
:mod:`trialint.fix.apply`. Measured (ruamel.yaml 0.19.1, ``YAML(typ='rt')``, preserve_quotes,
width 2**30): the four records/*.yaml and the tests' good record come back byte for byte only
when the indentation is set to what they use (mapping 2, sequence 4, offset 2); with what
ruamel's ``load_yaml_guess_indent`` detects, every one changes (184 to 342 diff lines each).
Even with the right indentation a record with odd but valid layout does not survive: ruamel
re-spaces flow sequences (``[ a ,  b ]`` becomes ``[a, b]``), moves the comments after them,
drops extra spaces after ``key:`` and re-indents sequences not indented under their key (the
tests' odd record: 2 lines change with the best indentation, 6 with the next), and a folded
scalar whose value is edited loses its line breaks (written on one line). Surgical replacement
keeps every byte outside the fixed characters by construction; ruamel serves only the rare value
whose text does not map onto the file verbatim, and only for files it reproduces exactly.

Writes are atomic: the new text goes to a temporary file in the same folder, with the original
file's mode, which then replaces the file (``os.replace``); on any error the temporary file is
removed and the original is untouched. The byte order mark of a UTF-8 file is kept.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trialint.atomic import write_atomic
from trialint.document.load import format_of
from trialint.finding import Finding
from trialint.fix.apply import apply_fixes
from trialint.lint.outcome import LintResult
from trialint.lint.runner import Linter
from trialint.progress import Progress
from trialint.sources.paths import expand

__all__ = ["MAX_PASSES", "FixOutcome", "fix_paths", "unified_diff"]

MAX_PASSES = 5  # lint, fix, lint again: fixes that overlapped or uncovered others come later
_BOM = b"\xef\xbb\xbf"


@dataclass
class FixOutcome:
    # The findings that remain once the fixes are made (with write=False: those that would).
    result: LintResult
    applied: int = 0  # fixes applied (or, with write=False, that would be)
    diff: str = ""  # unified diff of every change, "--- a/path" / "+++ b/path"
    files_changed: list[str] = field(default_factory=list)  # display names, in lint order
    # Files that could not be read or written for fixing (result.errors has the lint run's own).
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # fixes not applied, and why


def applicable(finding: Finding, unsafe: bool) -> bool:
    fix = finding.fix
    return fix is not None and fix.applicable and (fix.safe or unsafe)


def fix_paths(
    linter: Linter,
    paths: Iterable[str],
    *,
    unsafe: bool,
    write: bool,
    jobs: int = 1,
    progress: Progress | None = None,
) -> FixOutcome:
    """Lint ``paths``, apply the fixes (safe ones, and unsafe ones if ``unsafe``) to each YAML
    record of one study, and lint again until no fix applies. ``write=False`` only computes
    the diff (``--diff``). ``progress`` counts the files as they are first linted (the CLI's
    bar)."""
    arguments = list(paths)
    reports = linter.check_paths(arguments, jobs)
    result = LintResult.gather(progress.each(reports) if progress is not None else reports)
    outcome = FixOutcome(result)
    wanted = {f.path for f in result.findings if applicable(f, unsafe)}
    if not wanted:
        return outcome
    diffs = []
    replaced: dict[str, LintResult] = {}
    for path, display in expand(arguments, exclusions=linter.config.exclusions()).files:
        if display not in wanted:
            continue
        findings = [f for f in result.findings if f.path == display]
        fixed = _fix_file(linter, path, display, findings, unsafe, write, outcome,
                          in_collection=display in result.collections)  # fmt: skip
        if fixed is not None:
            original, new_text, file_result = fixed
            diffs.append(unified_diff(original, new_text, display))
            outcome.files_changed.append(display)
            replaced[display] = file_result
    outcome.diff = "".join(diffs)
    # Each changed file was linted as written (its last pass); the others did not change, so
    # the run is not linted again.
    _replace_files(result, replaced)
    return outcome


def _fix_file(
    linter: Linter,
    path: Path,
    display: str,
    findings: list[Finding],
    unsafe: bool,
    write: bool,
    outcome: FixOutcome,
    *,
    in_collection: bool,
) -> tuple[str, str, LintResult] | None:
    """Fix one file: (original text, new text, its findings) when the text changed."""
    if format_of(path) == "json":
        outcome.skipped.append(f"{display}: not fixed: only YAML records are fixed, not JSON")
        return None
    if in_collection:
        outcome.skipped.append(f"{display}: not fixed: only files holding one study are fixed")
        return None
    try:
        data = path.read_bytes()
        bom = _BOM if data.startswith(_BOM) else b""
        original = data[len(bom) :].decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        outcome.errors.append(f"{display}: not fixed: cannot read: {error}")
        return None
    text, applied, notes = original, 0, []
    file_result: LintResult | None = None
    for _ in range(MAX_PASSES):
        fixes = [(f.pointer, f.fix) for f in findings if applicable(f, unsafe)]
        if not fixes:
            break
        done = apply_fixes(text, fixes)  # type: ignore[arg-type]
        notes = done.skipped
        if not done.applied:
            break
        text, applied = done.text, applied + done.applied
        file_result = _lint_text(linter, display, bom, text)
        findings = file_result.findings
    outcome.skipped.extend(f"{display}: {note}" for note in notes)
    if text == original or file_result is None:
        return None
    if write:
        try:
            write_atomic(path, bom + text.encode("utf-8"))
        except OSError as error:
            outcome.errors.append(f"{display}: not fixed: cannot write: {error}")
            return None
    outcome.applied += applied
    return original, text, file_result


def _lint_text(linter: Linter, display: str, bom: bytes, text: str) -> LintResult:
    """Lint ``text`` as if it were the file's (same name, suffix and settings), in memory: a
    fix writes nothing until its text is final, and leaves nothing behind if interrupted."""
    report = linter.lint_bytes(bom + text.encode("utf-8"), display)
    if linter.baseline is not None:
        report.findings, report.hidden_by_baseline = linter.baseline.hide(report.findings)
    return LintResult.gather([report])


def _replace_files(result: LintResult, replaced: dict[str, LintResult]) -> None:
    """Put each file's new findings in place of its old ones, where its old ones were (the
    order of the inputs). The counts of the run stay: a fix never touches a finding the
    baseline hides, so that count does not change either."""
    findings: list[Finding] = []
    placed: set[str] = set()
    for finding in result.findings:
        if finding.path not in replaced:
            findings.append(finding)
        elif finding.path not in placed:
            placed.add(finding.path)
            findings.extend(replaced[finding.path].findings)
    result.findings = findings
    result.quoted_lines = {k: v for k, v in result.quoted_lines.items() if k[0] not in replaced}
    for file_result in replaced.values():
        result.quoted_lines.update(file_result.quoted_lines)


def unified_diff(before: str, after: str, display: str) -> str:
    """The change as a unified diff with ``--- a/PATH`` / ``+++ b/PATH`` headers ('' if none).

    Lines keep their own endings (a CRLF file's diff shows CRLF); a last line without one is
    marked as ``diff`` marks it."""
    name = display.replace(os.sep, "/").lstrip("/")
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        f"a/{name}",
        f"b/{name}",
    )
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
