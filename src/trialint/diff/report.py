"""How a diff is shown: text for a terminal (in the spirit of dyff), Markdown for a pull-request
comment, JSON lines for programs. Per study, most significant first, old → new."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, TextIO

from trialint.diff.model import Change, Kind, NotCompared, Significance, StudyDiff
from trialint.finding import Finding
from trialint.report import use_color
from trialint.report.text import Paint

_LONG = 80  # characters: longer texts are shown as a word-level diff
_PLAIN = Paint(False)
# On a terminal, as lint's text report (trialint.report.use_color decides): the significance
# as a severity is coloured there, removed words red and added ones green as in git.
_RED, _GREEN, _YELLOW, _CYAN, _BOLD = "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[36m", "\x1b[1m"
_STYLES = {
    Significance.MAJOR: (_BOLD, _RED),
    Significance.MINOR: (_YELLOW,),
    Significance.ADMINISTRATIVE: (_CYAN,),
}
_SHOWN_VALUE = 120


@dataclass
class DiffOutcome:
    """What a run found, as the reports and the exit code need it."""

    diffs: list[StudyDiff] = field(default_factory=list)  # studies with a change shown
    unchanged: int = 0
    hidden: Counter[str] = field(default_factory=Counter)  # significance -> changes not shown
    findings: list[Finding] = field(default_factory=list)  # history rules, with --lint
    not_compared: list[NotCompared] = field(default_factory=list)  # other version unreadable
    verbose: bool = False  # every change on its line, however many of one list
    step: tuple[str, str] = ("", "")  # the labels of the two snapshots or commits compared
    # The changes shown, counted, when they are not in ``diffs`` (written to a dataset).
    counted: Tally | None = None

    def changes(self) -> Iterable[Change]:
        return (change for diff in self.diffs for change in diff.changes)

    def tally(self) -> Tally:
        """The changes shown, counted: ``counted`` when the changes were written elsewhere."""
        if self.counted is not None:
            return self.counted
        tally = Tally()
        for diff in self.diffs:
            tally.count(diff)
        return tally

    def summary(self) -> str:
        tally = self.tally()
        if not tally.changes:
            text = (
                f"No change ({self.unchanged} stud{'y' if self.unchanged == 1 else 'ies'} compared)"
            )
        else:
            count = tally.studies
            text = (
                f"{count} stud{'y' if count == 1 else 'ies'} changed, {self.unchanged} unchanged. "
                + _breakdown(tally)
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


@dataclass
class Tally:
    """Studies with a change shown, and their changes by significance and by kind: what a
    summary says of them. A cluster run that writes its events to a dataset counts them where
    they are written and adds the counts up, so the client never holds the changes."""

    studies: int = 0
    significance: Counter[Significance] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def changes(self) -> int:
        return sum(self.significance.values())

    def count(self, diff: StudyDiff) -> None:
        self.studies += 1
        self.significance.update(change.significance for change in diff.changes)
        self.kinds.update(str(change.kind) for change in diff.changes)

    def add(self, other: Tally) -> None:
        self.studies += other.studies
        self.significance.update(other.significance)
        self.kinds.update(other.kinds)


def _breakdown(tally: Tally) -> str:
    """'19 changes: 6 major, 13 minor; 1 added, 13 changed, 5 removed': the changes counted
    by significance, then by kind, each list named as changes so neither reads as studies
    (as '1 major, 1 minor (1 added, 1 changed)' did, or as a part of the other)."""
    by_weight, total = tally.significance, tally.changes
    weights = ", ".join(f"{by_weight[s]:,} {s}" for s in Significance if by_weight[s])
    kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(tally.kinds.items()))
    return f"{total:,} change{'s' if total != 1 else ''}: {weights}; {kinds}"


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
    elif isinstance(value, bool):  # as the record writes it, not as Python does
        text = "true" if value else "false"
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def word_diff(old: str, new: str, context: int = 6, paint: Paint = _PLAIN) -> str:
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
            parts.append(paint("[-" + " ".join(before[i1:i2]) + "-]", _RED))
        if j2 > j1:
            parts.append(paint("{+" + " ".join(after[j1:j2]) + "+}", _GREEN))
    return " ".join(parts)


def _detail(change: Change, paint: Paint = _PLAIN) -> tuple[str, ...]:
    """What a change shows besides where it is, for every format: ``("added", value)``,
    ``("removed", value)``, ``("moved",)``, ``("words", word diff)`` for a long text, or
    ``("changed", old, new)``."""
    old, new = change.old, change.new
    if change.kind in ("added", "removed"):
        return (change.kind, show(new if change.kind == "added" else old))
    if change.kind == "moved":
        return ("moved",)
    if isinstance(old, str) and isinstance(new, str) and max(len(old), len(new)) > _LONG:
        return ("words", word_diff(old, new, paint=paint))
    return ("changed", show(old), show(new))


def _by_significance(diff: StudyDiff) -> Iterator[tuple[Significance, list[Change]]]:
    """The study's changes grouped by significance, major first; empty groups left out."""
    for significance in Significance:
        changes = [c for c in diff.changes if c.significance == significance]
        if changes:
            yield significance, changes


# --- many changes of one kind, one line -------------------------------------------------------

_COLLAPSE_OVER = 10  # changes of one kind to one list's entries in one study, shown one by one
# A list entry named by its key or position: [facility="Henri Mondor"], [0], and by more
# fields where its key alone is shared: [facility="Research Site", city="Lyon"].
_ENTRY = re.compile(r'\[(?:\d+|\w+="(?:[^"\\]|\\.)*"(?:, \w+="(?:[^"\\]|\\.)*")*)\]')
# Fields, and what a list's entries are, in words where the field's name says it less well.
_NAMES = {
    "locations": "sites", "armGroups": "arms",
    "resultsFirstPostDateStruct": "results first posted",
}  # fmt: skip
# Which of a study's changes of one significance names it in the overview: what a
# meta-researcher asks first (the question, whether it ended, the results, the size), before
# the dates and the rest, in the order compared.
_HEADLINE_FIRST = (
    "primaryOutcomes", "overallStatus", "resultsFirstPostDateStruct", "enrollmentInfo",
    "designInfo", "phases", "armGroups", "interventions", "primaryCompletionDateStruct",
    "completionDateStruct", "startDateStruct", "leadSponsor",
)  # fmt: skip
_SEE_ALL = "--verbose lists them"
_SHORT_VALUE = 30  # characters: a value quoted in a study's line of the overview
_SHORT_TITLE = 60  # characters: the title of a study added or removed, there


@dataclass(frozen=True)
class _Many:
    """More than ``_COLLAPSE_OVER`` changes of one kind to one list's entries in one study
    (1,146 sites added, every site's status changed): one line a researcher reads, not a
    screenful; ``--verbose`` and the JSON output list each."""

    module: str
    pattern: str  # the path with each entry as []: 'locations[]', 'locations[].status'
    kind: Kind
    count: int  # changes
    entries: int  # entries they are in: a site may gain two contacts

    def where(self) -> str:
        """The list itself for its entries ('locations'), else the pattern."""
        return self.pattern.removesuffix("[]")

    def phrase(self) -> str:
        """'1,146 sites added', 'status changed at 1,146 sites', '12 keywords added'."""
        list_path, _, field_path = self.pattern.rpartition("[]")
        entries = _words((list_path or field_path).rsplit(".", 1)[-1])
        if not list_path or not field_path:
            return f"{self.count:,} {entries} {self.kind}"
        field = _words(field_path.rsplit(".", 1)[-1])
        return f"{field} {self.kind} at {self.entries:,} {entries}"


_Item = Change | _Many


def _pattern(change: Change) -> str:
    """Where a change is, whatever the entry: the path with each entry's key as []."""
    return _ENTRY.sub("[]", change.path)


def _entry(path: str) -> str:
    """The innermost list entry a path is in: 'locations[facility="X"]' of its '.status'."""
    matches = list(_ENTRY.finditer(path))
    return path[: matches[-1].end()] if matches else path


def _collapsed(changes: list[Change], verbose: bool) -> list[_Item]:
    """The changes of one significance, those of one kind to more than ``_COLLAPSE_OVER``
    entries of one list (or values of one set) as one ``_Many`` where the first was."""
    groups = Counter((c.module, _pattern(c), c.kind) for c in changes)
    entries: dict[tuple[str, str, Kind], set[str]] = {}
    for change in changes:
        key = (change.module, _pattern(change), change.kind)
        entries.setdefault(key, set()).add(_entry(change.path))
    items: list[_Item] = []
    shown: set[tuple[str, str, Kind]] = set()
    for change in changes:
        key = (change.module, _pattern(change), change.kind)
        if verbose or groups[key] <= _COLLAPSE_OVER:
            items.append(change)
        elif key not in shown:
            shown.add(key)
            items.append(_Many(*key, groups[key], len(entries[key])))
    return items


def _words(name: str) -> str:
    """'secondaryOutcomes' -> 'secondary outcomes', 'startDateStruct' -> 'start date'."""
    if name in _NAMES:
        return _NAMES[name]
    name = re.sub(r"(?<=.)(Struct|Info|Module)$", "", name)
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def _items(diff: StudyDiff, verbose: bool) -> Iterator[tuple[Significance, list[_Item]]]:
    """The study's changes by significance, major first, many of a kind as one."""
    for significance, changes in _by_significance(diff):
        yield significance, _collapsed(changes, verbose)


# --- one line per study, most significant first -----------------------------------------------


def _top(diff: StudyDiff) -> Significance:
    """The significance a study is ranked and headed by: that of its weightiest change."""
    return min((c.significance for c in diff.changes), key=lambda s: s.rank)


def _ranked(diffs: list[StudyDiff]) -> list[StudyDiff]:
    """Studies by their most significant change, major first, then by how many changes of
    that significance they have; in the order found otherwise."""

    def rank(diff: StudyDiff) -> tuple[int, int]:
        top = _top(diff)
        return top.rank, -sum(1 for c in diff.changes if c.significance == top)

    return sorted(diffs, key=rank)


def _subject(change: Change) -> str:
    """What a change is to, in words: 'overall status', 'primary outcome time frame'."""
    if not change.path:
        return "study" if change.module == "study" else _words(change.module)
    parts = _pattern(change).split(".")
    first = parts[0]
    subject = _words(first[:-2]).removesuffix("s") if first.endswith("[]") else _words(first)
    last = _words(parts[-1].removesuffix("[]"))
    if len(parts) > 1 and not subject.endswith(last):  # 'start date', not 'start date date'
        subject += " " + last
    return subject


def _phrase(item: _Item) -> str:
    """'overall status changed', 'enrollment changed (-25%)', 'start date slipped 51 days'."""
    if isinstance(item, _Many):
        return item.phrase()
    if item.module == "study":  # its value is its title
        return f"study {item.kind}: {show(item.new or item.old, _SHORT_TITLE)}"
    subject = _subject(item)
    if item.note and item.note.startswith(subject):  # a date's note names it
        return item.note
    if item.kind == Kind.CHANGED and _short(item.old) and _short(item.new):
        return f"{subject} {show(item.old)} → {show(item.new)}"
    return f"{subject} {item.kind}" + (f" ({item.note})" if item.note else "")


def _short(value: Any) -> bool:
    """A value the overview can quote whole: a status or a number, not a text or a site."""
    return isinstance(value, (str, int, float)) and len(str(value)) <= _SHORT_VALUE


def _first_asked(items: list[_Item]) -> _Item:
    """The item a study is named by in the overview (see ``_HEADLINE_FIRST``)."""

    def order(item: _Item) -> int:
        path = item.pattern if isinstance(item, _Many) else item.path
        found = [i for i, start in enumerate(_HEADLINE_FIRST) if path.startswith(start)]
        return found[0] if found else len(_HEADLINE_FIRST)

    return min(items, key=order)


def _headline(diff: StudyDiff, verbose: bool) -> str:
    """'primary outcome changed; 3 minor', '25 sites added, 2 more minor': the study's most
    significant change, then how many others of each significance."""
    top, items = next(_items(diff, verbose))
    first = _first_asked(items)
    counts = Counter(c.significance for c in diff.changes)
    counts[top] -= first.count if isinstance(first, _Many) else 1
    text = _phrase(first)
    if counts[top]:
        text += f", {counts[top]:,} more {top}"
    rest = ", ".join(f"{counts[s]:,} {s}" for s in Significance if s != top and counts[s])
    return f"{text}; {rest}" if rest else text


def _overview(outcome: DiffOutcome) -> list[tuple[str, Significance, str]]:
    """One (study, most significant, headline) per changed study, ranked; none for one study,
    whose details follow at once."""
    if len(outcome.diffs) < 2:
        return []
    return [(d.study, _top(d), _headline(d, outcome.verbose)) for d in _ranked(outcome.diffs)]


def _change_lines(change: Change, paint: Paint) -> list[str]:
    note = f"  ({change.note})" if change.note else ""
    head = f"{change.module}  {change.path or '(study)'}  {change.kind}{note}"
    match _detail(change, paint):
        case ("added", value):
            return [head, "  " + paint(f"+ {value}", _GREEN)]
        case ("removed", value):
            return [head, "  " + paint(f"- {value}", _RED)]
        case ("words", words):
            return [head, f"  {words}"]
        case ("changed", old, new):
            return [head, f"  {old} → {new}"]
    return [head]


def _item_lines(item: _Item, paint: Paint) -> list[str]:
    if isinstance(item, _Many):
        return [f"{item.module}  {item.where()}  {item.phrase()}  ({_SEE_ALL})"]
    return _change_lines(item, paint)


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


def _md_item(item: _Item) -> str:
    if isinstance(item, _Many):
        where = f"`{_md(item.module)}` **{_md(item.where())}**"
        return f"- {where}: {item.phrase()} (`--verbose` lists them)\n"
    return _change_item(item)


def _origins(diff: StudyDiff) -> str:
    if diff.old_origin and diff.new_origin:
        return f"{diff.old_origin} → {diff.new_origin}"
    return diff.new_origin or diff.old_origin or ""


def _context(diff: StudyDiff) -> str:
    sites = diff.unchanged.get("sites")
    return f"{sites} site{'s' if sites != 1 else ''} unchanged" if sites else ""


def write_text(outcome: DiffOutcome, stream: TextIO) -> None:
    """Coloured as lint's text report is: at a terminal, unless NO_COLOR is set."""
    paint = Paint(use_color(stream))
    overview = _overview(outcome)
    width = max((len(significance) for _, significance, _ in overview), default=0)
    for study, significance, headline in overview:
        shown = paint(f"{significance:<{width}}", *_STYLES[significance])
        stream.write(f"{study}  {shown}  {headline}\n")
    if overview:
        stream.write("\n")
    for diff in _ranked(outcome.diffs):
        stream.write(f"{diff.study}  {_origins(diff)}\n")
        for significance, items in _items(diff, outcome.verbose):
            stream.write(f"  {paint(significance, *_STYLES[significance])}\n")
            for item in items:
                stream.write("".join(f"    {line}\n" for line in _item_lines(item, paint)))
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
    overview = _overview(outcome)
    if overview:
        stream.write("| Study | Most significant | Changes |\n|---|---|---|\n")
        for study, significance, headline in overview:
            stream.write(f"| {study} | {significance} | {_md(headline)} |\n")
        stream.write("\n")
    for diff in _ranked(outcome.diffs):
        stream.write(f"### {diff.study} ({_top(diff).upper()})\n\n`{_md(_origins(diff))}`\n\n")
        for significance, items in _items(diff, outcome.verbose):
            stream.write(f"**{significance.capitalize()}**\n\n")
            stream.write("".join(_md_item(item) for item in items) + "\n")
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
