"""How a diff is shown: text for a terminal (in the spirit of dyff), Markdown for a pull-request
comment, JSON lines for programs. Per study, most significant first, old → new."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, TextIO

from trialint.diff.model import Change, NotCompared, Significance, StudyDiff
from trialint.finding import Finding

_LONG = 80  # characters: longer texts are shown as a word-level diff
_SHOWN_VALUE = 120


@dataclass
class DiffOutcome:
    """What a run found, as the reports and the exit code need it."""

    diffs: list[StudyDiff] = field(default_factory=list)  # studies with a change shown
    unchanged: int = 0
    hidden: Counter[str] = field(default_factory=Counter)  # significance -> changes not shown
    findings: list[Finding] = field(default_factory=list)  # history rules, with --lint
    not_compared: list[NotCompared] = field(default_factory=list)  # other version unreadable
    step: tuple[str, str] = ("", "")  # the labels of the two snapshots or commits compared

    def changes(self) -> Iterable[Change]:
        return (change for diff in self.diffs for change in diff.changes)

    def summary(self) -> str:
        changes = list(self.changes())
        if not changes:
            text = (
                f"No change ({self.unchanged} stud{'y' if self.unchanged == 1 else 'ies'} compared)"
            )
        else:
            by_weight = Counter(c.significance for c in changes)
            by_kind = Counter(c.kind for c in changes)
            weights = ", ".join(f"{by_weight[s]} {s}" for s in Significance if by_weight[s])
            kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(by_kind.items()))
            count = len(self.diffs)
            text = (
                f"{count} stud{'y' if count == 1 else 'ies'} changed, {self.unchanged} unchanged: "
                f"{weights} ({kinds})"
            )
        hidden = [(self.hidden[str(s)], s) for s in Significance if self.hidden[str(s)]]
        if hidden:
            counts = ", ".join(f"{count} {significance}" for count, significance in hidden)
            plural = "s" if sum(count for count, _ in hidden) != 1 else ""
            text += f"; {counts} change{plural} not shown"
        if self.findings:
            text += (
                f"; {len(self.findings)} history finding{'s' if len(self.findings) != 1 else ''}"
            )
        if self.not_compared:
            count = len(self.not_compared)
            text += (
                f"; {count} stud{'y' if count == 1 else 'ies'} not compared (a file cannot be read)"
            )
        return text + "."


_LISTED_STUDIES = 10  # per unreadable file in text and Markdown; JSON lists every one


def _not_compared_lines(entries: list[NotCompared]) -> list[str]:
    """One line per file that cannot be read, naming the studies it may hold: a truncated
    registry download may hold half a million."""
    by_file: dict[str, list[str]] = {}
    for entry in entries:
        by_file.setdefault(entry.unreadable, []).append(entry.study)
    lines = []
    for unreadable, studies in by_file.items():
        listed = ", ".join(studies[:_LISTED_STUDIES])
        if len(studies) > _LISTED_STUDIES:
            listed += f" and {len(studies) - _LISTED_STUDIES:,} more (the JSON output lists them)"
        held = f"{len(studies):,} studies: {listed}" if len(studies) > 1 else listed
        lines.append(f"{unreadable} cannot be read, and may hold {held}")
    return lines


def show(value: Any, limit: int = _SHOWN_VALUE) -> str:
    """A value on one line: text as is, mappings as 'key: value, ...', never a whole tree."""
    if isinstance(value, dict):
        text = ", ".join(f"{key}: {show(item, limit)}" for key, item in value.items())
        text = "{" + text + "}"
    elif isinstance(value, list):
        text = "[" + ", ".join(show(item, limit) for item in value) + "]"
    elif value is None:
        text = "(none)"
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def word_diff(old: str, new: str, context: int = 6) -> str:
    """'… kept words [-removed-]{+added+} kept …': a long text, showing only what changed and a
    few words around it."""
    before, after = old.split(), new.split()
    operations = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    parts: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(operations):
        if tag == "equal":
            kept = before[i1:i2]
            if index == 0 and len(kept) > context:
                kept = ["…", *kept[-context:]]
            elif index == len(operations) - 1 and len(kept) > context:
                kept = [*kept[:context], "…"]
            elif len(kept) > 2 * context:
                kept = [*kept[:context], "…", *kept[-context:]]
            parts.extend(kept)
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(before[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(after[j1:j2]) + "+}")
    return " ".join(parts)


def _detail(change: Change) -> tuple[str, ...]:
    """What a change shows besides where it is, for every format: ``("added", value)``,
    ``("removed", value)``, ``("moved",)``, ``("words", word diff)`` for a long text, or
    ``("changed", old, new)``."""
    old, new = change.old, change.new
    if change.kind in ("added", "removed"):
        return (change.kind, show(new if change.kind == "added" else old))
    if change.kind == "moved":
        return ("moved",)
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > _LONG:
        return ("words", word_diff(old, new))
    return ("changed", show(old), show(new))


def _by_significance(diff: StudyDiff) -> Iterator[tuple[Significance, list[Change]]]:
    """The study's changes grouped by significance, major first; empty groups left out."""
    for significance in Significance:
        changes = [c for c in diff.changes if c.significance == significance]
        if changes:
            yield significance, changes


def _change_lines(change: Change) -> list[str]:
    note = f"  ({change.note})" if change.note else ""
    head = f"{change.module}  {change.path or '(study)'}  {change.kind}{note}"
    match _detail(change):
        case ("added", value):
            return [head, f"  + {value}"]
        case ("removed", value):
            return [head, f"  - {value}"]
        case ("words", words):
            return [head, f"  {words}"]
        case ("changed", old, new):
            return [head, f"  {old} → {new}"]
    return [head]


def _change_item(change: Change) -> str:
    note = f" ({_md(change.note)})" if change.note else ""
    where = f"`{_md(change.module)}` **{_md(change.path or 'study')}** {change.kind}"
    match _detail(change):
        case ("added", value):
            detail = f": `{_md(value)}`"
        case ("removed", value):
            detail = f": ~~`{_md(value)}`~~"
        case ("words", words):
            detail = f": {_md(words)}"
        case ("changed", old, new):
            detail = f": `{_md(old)}` → `{_md(new)}`"
        case _:
            detail = ""
    return f"- {where}{detail}{note}\n"


def _origins(diff: StudyDiff) -> str:
    if diff.old_origin and diff.new_origin:
        return f"{diff.old_origin} → {diff.new_origin}"
    return diff.new_origin or diff.old_origin or ""


def _context(diff: StudyDiff) -> str:
    sites = diff.unchanged.get("sites")
    return f"{sites} site{'s' if sites != 1 else ''} unchanged" if sites else ""


def write_text(outcome: DiffOutcome, stream: TextIO) -> None:
    for diff in outcome.diffs:
        stream.write(f"{diff.study}  {_origins(diff)}\n")
        for significance, changes in _by_significance(diff):
            stream.write(f"  {significance}\n")
            for change in changes:
                lines = _change_lines(change)
                stream.write("".join(f"    {line}\n" for line in lines))
        context = _context(diff)
        if context:
            stream.write(f"  ({context})\n")
        stream.write("\n")
    for line in _not_compared_lines(outcome.not_compared):
        stream.write(f"not compared: {line}\n\n")
    _write_findings_text(outcome.findings, stream)
    stream.write(outcome.summary() + "\n")


def _write_findings_text(findings: list[Finding], stream: TextIO) -> None:
    for finding in findings:
        stream.write(f"{finding.path}:{finding.line}:{finding.column}: {finding.rule.code} "
                     f"{finding.message}\n")  # fmt: skip
    if findings:
        stream.write("\n")


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


def write_markdown(outcome: DiffOutcome, stream: TextIO) -> None:
    if not outcome.diffs and not outcome.findings and not outcome.not_compared:
        stream.write(f"**{outcome.summary()}**\n")
        return
    for diff in outcome.diffs:
        top = min((c.significance for c in diff.changes), key=lambda s: s.rank)
        stream.write(f"### {diff.study} ({top.upper()})\n\n`{_md(_origins(diff))}`\n\n")
        for significance, changes in _by_significance(diff):
            stream.write(f"**{significance.capitalize()}**\n\n")
            stream.write("".join(_change_item(change) for change in changes) + "\n")
        context = _context(diff)
        if context:
            stream.write(f"_{context}_\n\n")
    _md_list(stream, "Not compared", (
        _md(line) for line in _not_compared_lines(outcome.not_compared)
    ))  # fmt: skip
    _md_list(stream, "History findings", (
        f"`{finding.rule.code}` {_md(finding.message)} (`{_md(finding.path)}:{finding.line}`)"
        for finding in outcome.findings
    ))  # fmt: skip
    stream.write(f"_{outcome.summary()}_\n")


def _md_list(stream: TextIO, heading: str, items: Iterable[str]) -> None:
    """A bold heading and a bulleted list; nothing at all for no items."""
    lines = [f"- {item}\n" for item in items]
    if lines:
        stream.write(f"**{heading}**\n\n{''.join(lines)}\n")


def write_json(outcome: DiffOutcome, stream: TextIO) -> None:
    """One JSON object per line: each change ("type": "change"), each study not compared
    because a file of the other side cannot be read ("type": "not_compared"), both with the
    labels of the step ("from", "to"), then each history finding ("type": "finding")."""
    from trialint.report.json_report import finding_to_dict

    step = {"from": outcome.step[0], "to": outcome.step[1]}
    for diff in outcome.diffs:
        for change in diff.changes:
            record = {"type": "change", **change.to_dict(),
                      "old_origin": diff.old_origin, "new_origin": diff.new_origin}  # fmt: skip
            record |= step
            stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    for entry in outcome.not_compared:
        stream.write(json.dumps({"type": "not_compared", **entry.to_dict(), **step},
                                ensure_ascii=False) + "\n")  # fmt: skip
    for finding in outcome.findings:
        stream.write(json.dumps({"type": "finding", **finding_to_dict(finding)},
                                ensure_ascii=False) + "\n")  # fmt: skip


WRITERS: dict[str, Callable[[DiffOutcome, TextIO], None]] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
}
