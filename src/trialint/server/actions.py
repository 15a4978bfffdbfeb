"""Code actions: each safe fix of the findings in the range asked about, as a quick fix, and
all of a buffer's safe fixes at once (``source.fixAll.trialint``, which an editor can run on
save). The fix layer computes the new text, verified as ``--fix`` verifies it (so a fix that
cannot be applied cleanly is not offered). An action's edits replace only the characters
that change, so every other character, and a cursor elsewhere, stay where they are."""

from __future__ import annotations

import os
from collections.abc import Sequence
from difflib import SequenceMatcher
from enum import Enum
from itertools import accumulate

from lsprotocol import types

from trialint.finding import Finding
from trialint.fix import applicable, fix_text, not_fixable
from trialint.fix.apply import apply_fixes
from trialint.server.linting import Linted
from trialint.server.positions import BufferPositions

FIX_ALL = "source.fixAll.trialint"
QUICK_FIX = types.CodeActionKind.QuickFix.value


def code_actions(
    linted: Linted,
    shown: Sequence[tuple[Finding, types.Diagnostic]],
    positions: BufferPositions,
    uri: str,
    asked: types.Range,
    only: Sequence[str | types.CodeActionKind] | None,
) -> list[types.CodeAction]:
    """The actions for the findings ``shown`` (as diagnostics) whose range meets ``asked``,
    of the kinds ``only`` names (all when None)."""
    if not_fixable(linted.display, in_collection=linted.report.in_collection) is not None:
        return []
    actions = []
    if _wanted(QUICK_FIX, only):
        for finding, diagnostic in shown:
            if applicable(finding, unsafe=False) and _meet(diagnostic.range, asked):
                action = _quick_fix(linted, finding, diagnostic, positions, uri)
                if action is not None:
                    actions.append(action)
    if _wanted(FIX_ALL, only) and any(applicable(f, unsafe=False) for f in linted.findings):
        fixed = fix_text(linted.linter, linted.display, linted.text, linted.findings, unsafe=False)
        if fixed.applied:
            actions.append(
                types.CodeAction(
                    title="trialint: apply every safe fix",
                    kind=FIX_ALL,
                    edit=_edit(linted.text, fixed.text, positions, uri),
                )
            )
    return actions


def _quick_fix(
    linted: Linted,
    finding: Finding,
    diagnostic: types.Diagnostic,
    positions: BufferPositions,
    uri: str,
) -> types.CodeAction | None:
    assert finding.fix is not None  # applicable
    done = apply_fixes(linted.text, [(finding.pointer, finding.fix)])
    if not done.applied:
        return None  # the fix layer says why on --fix; here it is simply not offered
    return types.CodeAction(
        title=f"{finding.code}: {finding.fix.message}",
        kind=QUICK_FIX,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=_edit(linted.text, done.text, positions, uri),
    )


def _edit(before: str, after: str, positions: BufferPositions, uri: str) -> types.WorkspaceEdit:
    """The change from ``before`` to ``after`` as text edits: one for each group of lines
    that differ, and of it only the characters between their common beginning and end."""
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    old_starts = [0, *accumulate(map(len, old_lines))]
    new_starts = [0, *accumulate(map(len, new_lines))]
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    edits = []
    for tag, old_first, old_end, new_first, new_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        old = before[old_starts[old_first] : old_starts[old_end]]
        new = after[new_starts[new_first] : new_starts[new_end]]
        # commonprefix compares characters, not path components: what is wanted here.
        head = len(os.path.commonprefix([old, new]))  # noqa: RUF071
        tail = len(os.path.commonprefix([old[head:][::-1], new[head:][::-1]]))  # noqa: RUF071
        start = old_starts[old_first] + head
        edits.append(
            types.TextEdit(
                range=types.Range(
                    start=positions.at_offset(start),
                    end=positions.at_offset(old_starts[old_end] - tail),
                ),
                new_text=new[head : len(new) - tail],
            )
        )
    return types.WorkspaceEdit(changes={uri: edits})


def _meet(a: types.Range, b: types.Range) -> bool:
    """Whether two ranges share a position (a cursor at a value's edge is on it)."""
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _key(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def _wanted(kind: str, only: Sequence[str | types.CodeActionKind] | None) -> bool:
    """Whether a kind is among those asked for: ``source.fixAll`` asks for
    ``source.fixAll.trialint`` too, as the protocol's kinds are a hierarchy."""
    if only is None:
        return True
    asked = [k.value if isinstance(k, Enum) else k for k in only]
    return any(kind == k or kind.startswith(f"{k}.") for k in asked)
