"""Rules a curator writes as data: a YAML rule pack, compiled into checks like the built-in ones.

    rules:
      - code: L001
        name: brief-title-too-long
        severity: error
        summary: A brief title longer than the registry's 300 characters.
        rationale: PRS data element definitions (Brief Title, limit 300 characters).
        path: protocolSection.identificationModule.briefTitle
        check: {max-length: 300}
        message: "briefTitle is {length} characters long; the registry accepts {max-length}"
        when: {protocolSection.designModule.studyType: INTERVENTIONAL}   # optional
        fails: ["..."]                                                   # optional examples
        passes: ["..."]

``path`` is dotted keys into the study; ``[]`` after a key means every entry of its list, and
``*`` any key of a mapping (``protocolSection.outcomesModule.*[].measure``). ``check`` holds
one or more conditions: ``required``, ``not-empty``, ``pattern`` (a regular expression the text
must match somewhere; anchor it with ^ and $), ``enum`` (a list of allowed values),
``max-length``, ``min-length``. ``when`` restricts the rule to studies whose fields (plain dotted
paths) have the given values. The message may use {value}, {length}, {field}, {pointer} and
the condition's own parameters ({max-length}).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from math import inf
from pathlib import Path
from typing import Any

from trialint.document.load import decode_text
from trialint.document.pointer import Token, to_pointer
from trialint.document.yaml12 import Problem, parse_yaml
from trialint.lint.engine import Check, Context, Hit
from trialint.lint.record import Record
from trialint.quoting import AsWritten
from trialint.rule import Rule, Severity

_CODE = re.compile(r"[A-Z]\d{3}\Z")
_NAME = re.compile(r"[a-z]+(-[a-z0-9]+)*\Z")
_KEYS = frozenset({
    "code", "name", "severity", "summary", "rationale", "path", "check", "message", "when",
    "fails", "passes",
})  # fmt: skip
_CONDITIONS = frozenset({"required", "not-empty", "pattern", "enum", "max-length", "min-length"})
_MISSING = object()


class RulePackError(Exception):
    """A rule pack that cannot be used; the message names the file, the rule and the key."""


@dataclass(frozen=True)
class Segment:
    key: str  # a mapping key, or "*" for any
    each: bool  # the value is a list: every entry


def parse_path(text: str) -> tuple[Segment, ...]:
    segments = []
    for part in text.split("."):
        each = part.endswith("[]")
        key = part[:-2] if each else part
        if not key or "[" in key or "]" in key:
            raise ValueError(f"bad path segment {part!r}")
        segments.append(Segment(key, each))
    return tuple(segments)


def _walk(value: Any, segments: Sequence[Segment], path: tuple[Token, ...]) -> list[
    tuple[tuple[Token, ...], Any]
]:  # fmt: skip
    """Every (path, value) the segments reach, in document order; a missing last key gives
    the _MISSING value. Walked a segment at a time: a path through a list of a thousand sites
    is one loop, not a thousand nested generators."""
    reached: list[tuple[tuple[Token, ...], Any]] = [(path, value)]
    for position, segment in enumerate(segments):
        last = position == len(segments) - 1
        following: list[tuple[tuple[Token, ...], Any]] = []
        for here, node in reached:
            if not isinstance(node, dict):
                continue
            if segment.key == "*":
                children: Any = node.items()
            elif segment.key in node:
                children = ((segment.key, node[segment.key]),)
            elif last and not segment.each:
                children = ((segment.key, _MISSING),)
            else:
                continue
            for key, child in children:
                if not segment.each:
                    following.append(((*here, key), child))
                elif isinstance(child, list):
                    following.extend(
                        ((*here, key, index), item) for index, item in enumerate(child)
                    )
        reached = following
    return reached


@dataclass(frozen=True)
class PackRule:
    """A rule of a pack, with what its check needs."""

    rule: Rule
    path: tuple[Segment, ...]
    conditions: Mapping[str, Any]
    message: str | None
    when: tuple[tuple[tuple[Segment, ...], Any], ...]

    def applies(self, data: Mapping[str, Any]) -> bool:
        for path, expected in self.when:
            found = [value for _, value in _walk(data, path, ())]
            if not found or found[0] != expected:
                return False
        return True

    def __post_init__(self) -> None:
        # A path without lists or wildcards (most of them) reaches one value: follow it
        # directly instead of walking.
        plain = all(not segment.each and segment.key != "*" for segment in self.path)
        object.__setattr__(self, "_keys", tuple(s.key for s in self.path) if plain else None)
        # A rule that only limits lengths (all the bundled ones) passes a text within them
        # without looking further: a thousand site names are checked in a loop of compares.
        lengths_only = set(self.conditions) <= {"max-length", "min-length"}
        limits = (self.conditions.get("min-length", 0), self.conditions.get("max-length", inf))
        object.__setattr__(self, "_length_limits", limits if lengths_only else None)

    def _reached(self, data: dict[str, Any]) -> list[tuple[tuple[Token, ...], Any]]:
        keys: tuple[str, ...] | None = self._keys  # type: ignore[attr-defined]
        if keys is None:
            return _walk(data, self.path, ())
        node: Any = data
        for position, key in enumerate(keys):
            if not isinstance(node, dict):
                return []
            if key not in node:
                return [(keys, _MISSING)] if position == len(keys) - 1 else []
            node = node[key]
        return [(keys, node)]

    def check(self, record: Record, context: Context) -> Iterator[Hit]:
        if not self.applies(record.data):
            return
        limits: tuple[float, float] | None = self._length_limits  # type: ignore[attr-defined]
        for path, value in self._reached(record.data):
            if (
                limits is not None
                and value.__class__ is str
                and limits[0] <= len(value) <= limits[1]
            ):
                continue
            for problem, details in self._problems(value):
                yield Hit(self.rule, self._message(problem, path, value, details), path)

    def _problems(self, value: Any) -> list[tuple[str, dict[str, Any]]]:
        """What is wrong with one value (a list: a rule over a thousand sites calls it often)."""
        conditions = self.conditions
        if value is _MISSING:
            return [("is missing", {})] if conditions.get("required") else []
        problems: list[tuple[str, dict[str, Any]]] = []
        text = value if isinstance(value, str) else None
        blank = value is None or value in ([], {}) or (text is not None and not text.strip())
        if conditions.get("not-empty") and blank:
            problems.append(("is empty", {}))
        if text is None:
            if "enum" in conditions and value not in conditions["enum"]:
                problems.append((f"is not one of {', '.join(map(str, conditions['enum']))}", {}))
            return problems
        if "pattern" in conditions and not conditions["pattern"].search(text):
            problems.append((f"does not match {conditions['pattern'].pattern!r}", {}))
        if "enum" in conditions and text not in conditions["enum"]:
            problems.append((f"is not one of {', '.join(map(str, conditions['enum']))}", {}))
        length = len(text)
        if "max-length" in conditions and length > conditions["max-length"]:
            problems.append(
                (f"is longer than {conditions['max-length']} characters", {"length": length})
            )
        if "min-length" in conditions and length < conditions["min-length"]:
            problems.append(
                (f"is shorter than {conditions['min-length']} characters", {"length": length})
            )
        return problems

    def _message(self, problem: str, path: tuple[Token, ...], value: Any,
                 details: dict[str, Any]) -> str:  # fmt: skip
        field = next((str(token) for token in reversed(path) if isinstance(token, str)), "value")
        fields = {
            "field": field, "pointer": to_pointer(path),
            # shown as written by {value} and {value!r} alike, on one line
            "value": AsWritten(value) if isinstance(value, str) else "" if value is _MISSING
            else value,
            "length": len(value) if isinstance(value, str | list) else 0,
            **{key: (v.pattern if isinstance(v, re.Pattern) else v)
               for key, v in self.conditions.items()},
            **details,
        }  # fmt: skip
        return self.message.format_map(fields) if self.message else f"{field} {problem}"


def load_pack(path: Path, *, require_rules: bool = True) -> list[PackRule]:
    """The rules of one pack file; [] for a data file of rules/ when ``require_rules`` is off."""
    text = decode_text(path.read_bytes())
    if isinstance(text, Problem):
        raise _unreadable(path, text)
    parsed = parse_yaml(text)
    if parsed.problems:
        raise _unreadable(path, parsed.problems[0])
    document = parsed.documents[0] if parsed.documents else None
    return pack_rules(document, path, require_rules=require_rules)


def pack_rules(document: Any, path: Path, *, require_rules: bool = True) -> list[PackRule]:
    """The rules of a pack file already read (``document``: its first document)."""
    if not isinstance(document, dict) or "rules" not in document:
        if require_rules:
            raise RulePackError(f"{path}: a rule pack needs a top-level 'rules:' list")
        return []
    entries = document["rules"]
    if not isinstance(entries, list):
        raise RulePackError(f"{path}: 'rules' must be a list of rules")
    return [_compile(entry, number, path) for number, entry in enumerate(entries, 1)]


def _unreadable(path: Path, problem: Problem) -> RulePackError:
    return RulePackError(f"{path}:{problem.span.line}:{problem.span.column}: {problem.message}")


def _compile(entry: Any, number: int, source: Path) -> PackRule:
    label = f"{source}: rule {number}"
    if not isinstance(entry, dict):
        raise RulePackError(f"{label}: a rule must be a mapping")
    if isinstance(entry.get("code"), str):
        label += f" ({entry['code']})"

    def fail(key: str, problem: str) -> RulePackError:
        return RulePackError(f"{label}: {key}: {problem}")

    for key in entry:
        if key not in _KEYS:
            raise fail(str(key), "unknown key")
    for key in ("code", "name", "severity", "summary", "path", "check"):
        if key not in entry:
            raise fail(key, "missing")
    code, name = entry["code"], entry["name"]
    if not isinstance(code, str) or not _CODE.match(code):
        raise fail("code", f"{code!r} is not a letter and three digits (U001)")
    if not isinstance(name, str) or not _NAME.match(name):
        raise fail("name", f"{name!r} is not a kebab-case name (title-too-long)")
    try:
        severity = Severity(entry["severity"])
    except ValueError:
        raise fail("severity", f"{entry['severity']!r} is not error, warning or info") from None
    for key in ("summary", "rationale", "message"):
        if key in entry and not isinstance(entry[key], str):
            raise fail(key, "must be text")
    try:
        path = parse_path(str(entry["path"]))
    except ValueError as error:
        raise fail("path", str(error)) from None
    conditions = _conditions(entry["check"], fail)
    when = entry.get("when") or {}
    if not isinstance(when, dict):
        raise fail("when", "must be a mapping of path: value")
    if "message" in entry:
        _check_template(entry["message"], conditions, fail)
    examples = {key: entry.get(key) or [] for key in ("fails", "passes")}
    for key, values in examples.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise fail(key, "must be a list of example records (text)")
    rule = Rule(
        code, name, severity, entry["summary"],
        entry.get("rationale") or f"A rule of the pack {source.name}.",
        tuple(examples["fails"]), tuple(examples["passes"]),
    )  # fmt: skip
    return PackRule(
        rule, path, conditions, entry.get("message"),
        tuple((parse_path(str(key)), value) for key, value in when.items()),
    )  # fmt: skip


def _conditions(check: Any, fail: Callable[[str, str], RulePackError]) -> dict[str, Any]:
    if not isinstance(check, dict) or not check:
        raise fail("check", f"must be a mapping of conditions ({', '.join(sorted(_CONDITIONS))})")
    conditions: dict[str, Any] = {}
    for key, value in check.items():
        if key not in _CONDITIONS:
            raise fail(
                f"check.{key}", f"unknown condition (known: {', '.join(sorted(_CONDITIONS))})"
            )
        if key in ("required", "not-empty") and not isinstance(value, bool):
            raise fail(f"check.{key}", "must be true or false")
        if key in ("max-length", "min-length") and (
            not isinstance(value, int) or isinstance(value, bool) or value < 0
        ):
            raise fail(f"check.{key}", "must be a whole number")
        if key == "enum" and not isinstance(value, list):
            raise fail(f"check.{key}", "must be a list of values")
        if key == "pattern":
            try:
                value = re.compile(str(value))
            except re.error as error:
                raise fail(f"check.{key}", f"not a regular expression: {error}") from None
        conditions[key] = value
    return conditions


_TEMPLATE_FIELDS = ("field", "pointer", "value", "length")


def _check_template(
    message: str, conditions: Mapping[str, Any], fail: Callable[[str, str], RulePackError]
) -> None:
    """A template may only name the fields a finding fills in: found now, not at lint time."""
    fields = dict.fromkeys((*_TEMPLATE_FIELDS, *conditions), "x")
    try:
        message.format_map(fields)
    except KeyError as error:
        known = ", ".join("{" + name + "}" for name in fields)
        raise fail("message", f"unknown field {{{error.args[0]}}} (known: {known})") from None
    except (IndexError, ValueError) as error:
        raise fail("message", f"not a message template: {error}") from None


def pack_files(location: Path) -> list[Path]:
    if location.is_dir():
        return sorted([*location.glob("*.yaml"), *location.glob("*.yml")])
    if location.is_file():
        return [location]
    raise RulePackError(f"{location}: no such rule pack file or folder")


def checks_of(rules: Sequence[PackRule]) -> list[Check]:
    return [Check(pack_rule.check, (pack_rule.rule,)) for pack_rule in rules]
