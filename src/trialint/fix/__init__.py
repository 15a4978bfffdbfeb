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

__all__ = [
    "MAX_PASSES",
    "FixOutcome",
    "FixedText",
    "fix_paths",
    "fix_text",
    "fixed_message",
    "not_fixable",
    "unified_diff",
]

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


def fixed_message(outcome: FixOutcome, *, unsafe: bool, write: bool = True) -> str:
    """What ``--fix`` (``write``) or ``--diff`` says it did, on one line. Fixes that need a
    review are left for --unsafe-fixes: when they remain, the line says how many and how to
    apply them, so that a pre-commit fix hook that changed nothing does not leave the curator
    with "Fixed 0 findings" beside findings that do carry a fix."""
    if write:
        files = _count(len(outcome.files_changed), "file")
        done = f"Fixed {_count(outcome.applied, 'finding')} in {files}"
    else:
        done = f"Would fix {_count(outcome.applied, 'finding')}"
    waiting = 0 if unsafe else outcome.result.summary().unsafe_fixes
    if not waiting:
        return done + "."
    more = "more " if outcome.applied else ""
    return (
        f"{done}; {_count(waiting, f'{more}finding')} {'has' if waiting == 1 else 'have'} a "
        "fix that needs a review, applied only with --unsafe-fixes (trialint lint --fix "
        "--unsafe-fixes PATH..., or args: [--unsafe-fixes] in the pre-commit hook)."
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


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
    for path, display in expand(arguments, exclusions=linter.exclusions()).files:
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


def not_fixable(name: str | Path, *, in_collection: bool) -> str | None:
    """Why the fixes of a file are not applied, or None: only YAML files of one study are."""
    if format_of(name) == "json":
        return "only YAML records are fixed, not JSON"
    if in_collection:
        return "only files holding one study are fixed"
    return None


@dataclass
class FixedText:
    """A record's text after its fixes, pass after pass."""

    text: str
    applied: int = 0
    notes: list[str] = field(default_factory=list)  # the last pass's fixes not applied, and why
    result: LintResult | None = None  # the findings of ``text``; None if no fix applied


def fix_text(
    linter: Linter,
    display: str,
    text: str,
    findings: list[Finding],
    *,
    unsafe: bool,
    bom: bytes = b"",
) -> FixedText:
    """Apply the fixes of ``findings`` to ``text`` (a YAML record of one study, judged as the
    file ``display``), lint the new text in memory, and repeat while fixes apply: the one
    loop of ``--fix``, for a file and for an editor's buffer (``trialint server``)."""
    fixed = FixedText(text)
    for _ in range(MAX_PASSES):
        fixes = [(f.pointer, f.fix) for f in findings if applicable(f, unsafe)]
        if not fixes:
            break
        done = apply_fixes(fixed.text, fixes)  # type: ignore[arg-type]
        fixed.notes = done.skipped
        if not done.applied:
            break
        fixed.text, fixed.applied = done.text, fixed.applied + done.applied
        fixed.result = _lint_text(linter, display, bom, fixed.text)
        findings = fixed.result.findings
    return fixed


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
    reason = not_fixable(path, in_collection=in_collection)
    if reason is not None:
        outcome.skipped.append(f"{display}: not fixed: {reason}")
        return None
    try:
        data = path.read_bytes()
        bom = _BOM if data.startswith(_BOM) else b""
        original = data[len(bom) :].decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        outcome.errors.append(f"{display}: not fixed: cannot read: {error}")
        return None
    fixed = fix_text(linter, display, original, findings, unsafe=unsafe, bom=bom)
    outcome.skipped.extend(f"{display}: {note}" for note in fixed.notes)
    if fixed.text == original or fixed.result is None:
        return None
    if write:
        try:
            write_atomic(path, bom + fixed.text.encode("utf-8"))
        except OSError as error:
            outcome.errors.append(f"{display}: not fixed: cannot write: {error}")
            return None
    outcome.applied += fixed.applied
    return original, fixed.text, fixed.result


def _lint_text(linter: Linter, display: str, bom: bytes, text: str) -> LintResult:
    """Lint ``text`` as if it were the file's (same name, suffix and settings), in memory: a
    fix writes nothing until its text is final, and leaves nothing behind if interrupted."""
    return LintResult.gather([linter.lint_text(bom + text.encode("utf-8"), display)])


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
    for hidden in ("suppressed", "baselined"):  # where they are in the files as fixed
        kept = [f for f in getattr(result, hidden) if f.path not in replaced]
        setattr(result, hidden, kept + [f for r in replaced.values() for f in getattr(r, hidden)])
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
