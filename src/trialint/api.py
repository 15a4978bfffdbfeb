"""The Python API: ``trialint.lint`` and ``trialint.diff`` for notebooks and scripts.

Both run what the command line runs (the :class:`~trialint.lint.runner.Linter`, the diff's
sides and :func:`~trialint.diff.snapshot.diff_sides`), never a second pipeline, and hand back
plain, frozen, typed values: :class:`Finding` (with ``to_dict()`` for a DataFrame) and the
diff's own :class:`~trialint.diff.model.Change`. The names ``trialint.__all__`` lists are the
stable API the README documents; everything else in trialint may change.

A study given as a dict (as ``json.load`` or the registry's API gives it) is read as the YAML
record ``trialint import`` writes for it (without its opening comment), named by its nctId:
its findings, lines and columns are that record's.

The linter, the differ and the YAML writer are imported when a function is called, not with
this module (itself imported only when ``trialint`` is asked for one of its names), so that
``import trialint`` stays as fast as a pre-commit run needs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

# The diff's own types are the API's (re-exported as trialint.Change, .Kind, .Significance).
from trialint.diff.model import Change as Change
from trialint.diff.model import Kind as Kind
from trialint.diff.model import Significance as Significance

if TYPE_CHECKING:
    from distributed import Client

    from trialint.config import Config
    from trialint.diff.inputs import Side
    from trialint.finding import Finding as Found
    from trialint.lint.outcome import FileReport
    from trialint.lint.runner import Linter
    from trialint.sources.inputs import BytesInput
    from trialint.sources.paths import Exclusions
    from trialint.sources.problems import InputProblem

SeverityName: TypeAlias = Literal["error", "warning", "info"]
# A record: a path (a file, a folder searched as the command line searches it, a zip archive)
# or a study already loaded (a mapping, as json.load gives it).
Record: TypeAlias = str | os.PathLike[str] | Mapping[str, Any]
PathLike: TypeAlias = str | os.PathLike[str]


class TrialintError(Exception):
    """What the API raises for input it cannot use; the message is one line, as the command
    line's ``trialint: error:`` says it."""


class ConfigurationError(TrialintError):
    """A configuration that cannot be used: a selector that names no rule, a configuration
    file, rule pack or baseline that cannot be read."""


class UnreadableInputError(TrialintError):
    """Some inputs could not be read or checked (a path that names nothing, a file that
    cannot be read, an internal error): the result would be incomplete. ``problems`` says
    what, one line each (``path: reason``); ``findings`` (lint) or ``changes`` (diff) holds
    what the readable inputs gave."""

    def __init__(
        self,
        problems: Iterable[str],
        *,
        findings: Iterable[Finding] = (),
        changes: Iterable[Change] = (),
    ) -> None:
        self.problems = tuple(problems)
        self.findings = tuple(findings)
        self.changes = tuple(changes)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True, slots=True)
class Fix:
    """A finding's suggested correction: ``old`` becomes ``new``. ``safe`` fixes are those
    ``trialint lint --fix`` applies; one that is not ``applicable`` is a suggestion only."""

    message: str
    old: str
    new: str
    safe: bool
    applicable: bool


@dataclass(frozen=True, slots=True)
class Finding:
    """One occurrence of a rule, as plain values: what ``--output-format json`` says of it
    (its ``file`` is ``path`` here, its ``rule`` is ``name``; ``related`` is left out).
    ``path`` is the file as given (or found in a folder); a study given as a dict is named by
    its nctId (``<study N>``, N from 1, when it has none) and its ``line`` and ``column`` are
    those of the YAML record ``trialint import`` writes for it, without its opening comment."""

    code: str
    name: str
    severity: SeverityName
    message: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    pointer: str  # JSON Pointer to the value in the study; "" for the whole file
    study: str | None  # the study's nctId
    fix: Fix | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain values, one column each (``fix`` a nested dict or None): a DataFrame row."""
        return asdict(self)


def lint(
    records: Record | Iterable[Record],
    *,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    config: PathLike | None = None,
    today: date | None = None,
    client: Client | None = None,
) -> list[Finding]:
    """The findings of ``records``, in the order given, each file's by line and column.

    ``records``: a path (file, folder or zip archive, as ``trialint lint`` takes them), a
    study dict, or an iterable of them. ``select``, ``extend_select`` and ``ignore`` are the
    command line's options (codes, prefixes or names); ``config`` a ``pyproject.toml`` or
    ``.trialint.toml`` (by default the nearest one, as the command line finds it); ``today``
    the date time-dependent rules judge against. ``client``, a ``dask.distributed.Client``,
    has its cluster's workers check the paths (which they must reach: a shared file system
    or fsspec URLs such as ``s3://bucket/snapshot/``), with the same findings; study dicts
    are checked here, as they are already in memory.

    Raises :class:`ConfigurationError` for a configuration that cannot be used,
    :class:`UnreadableInputError` when an input cannot be read, and TypeError for a record
    that is neither a path nor a study dict.
    """
    linter = _linter(config, select, extend_select, ignore, today)
    findings: list[Finding] = []
    problems: list[str] = []
    for report in _reports(linter, _as_records(records), client):
        findings.extend(_public(finding) for finding in report.findings)
        problems.extend(report.error_lines())
    if problems:
        raise UnreadableInputError(problems, findings=findings)
    return findings


def diff(
    old: Record | Iterable[Mapping[str, Any]],
    new: Record | Iterable[Mapping[str, Any]],
    *,
    include_derived: bool = False,
    config: PathLike | None = None,
    client: Client | None = None,
) -> list[Change]:
    """The changes from ``old`` to ``new``, studies matched by nctId, as ``trialint diff OLD
    NEW`` finds them; each study's changes most significant first. Administrative changes are
    included (the command line hides them unless asked); filter on ``significance``.

    Each side is a path (a file, a folder or a zip archive), a study dict or an iterable of
    study dicts. ``include_derived`` also compares what the registry computes itself;
    ``config`` gives the exclude patterns a folder search follows (by default the nearest
    configuration's). ``client``, a ``distributed.Client``, diffs on its Dask cluster (the
    extra ``trialint[dask]``): the workers read the paths, which they must share; the
    changes are those, in the same order, of a run on this machine.

    Raises :class:`UnreadableInputError` when a side cannot be read, or a study of it has
    no nctId to match it by, and TypeError for a side that is neither.
    """
    from trialint.diff.snapshot import diff_sides
    from trialint.sources.problems import InputError

    exclusions = _configuration(config).exclusions()
    with ExitStack() as opened:
        try:
            before = opened.enter_context(_side(old, "old", exclusions))
            after = opened.enter_context(_side(new, "new", exclusions))
        except InputError as error:
            raise UnreadableInputError([str(error.problem)]) from None
        if client is not None:
            changes, problems = _diff_on_cluster(client, before, after, include_derived)
        else:
            compared = diff_sides(before, after, include_derived=include_derived)
            changes = [change for study in compared for change in study.changes]
            problems = [*before.problems, *after.problems, *compared.summary.problems]
    if problems:
        raise UnreadableInputError(map(str, problems), changes=changes)
    return changes


def _diff_on_cluster(
    client: Client, before: Side, after: Side, include_derived: bool
) -> tuple[list[Change], list[InputProblem]]:
    """The changes and problems of ``diff`` as the cluster finds them (``diff.cluster``)."""
    from trialint.diff.cluster import diff_on_cluster

    done = diff_on_cluster(client, [before, after], include_derived=include_derived)
    changes = [change for study in done.steps[0].diffs for change in study.changes]
    return changes, [*done.problems, *done.compare_problems]


# --- configuration ---------------------------------------------------------------------------


def _configuration(
    path: PathLike | None,
    select: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Config:
    """The configuration file's settings (``path``, or the nearest one) with the API's
    selectors over them, as the command line's options go over it. A selector that names no
    rule is reported as the argument's, not the file's."""
    from trialint.config import ConfigError, Overrides
    from trialint.lint.rulepack import RulePackError
    from trialint.run_configuration import configuration_in_force

    chosen = {
        argument: _selectors(value, argument)
        for argument, value in (
            ("select", select), ("extend_select", extend_select), ("ignore", ignore)
        )
    }  # fmt: skip
    overrides = Overrides(
        select=tuple(chosen["select"]) if chosen["select"] else None,
        extend_select=tuple(chosen["extend_select"] or ()),
        ignore=tuple(chosen["ignore"] or ()),
    )
    try:
        return configuration_in_force(
            Path(path) if path is not None else None, overrides, chosen.items()
        )
    except (ConfigError, RulePackError) as error:
        raise ConfigurationError(str(error)) from None


def _selectors(value: Iterable[str] | None, argument: str) -> list[str] | None:
    """Selectors as a list (None: none given); a lone string is one selector, not letters."""
    if value is None:
        return None
    selectors = [value] if isinstance(value, str) else list(value)
    if not all(isinstance(selector, str) for selector in selectors):
        raise TypeError(f"{argument}: expected rule codes, prefixes or names (strings)")
    return selectors


def _linter(
    config: PathLike | None,
    select: Iterable[str] | None,
    extend_select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    today: date | None,
) -> Linter:
    from trialint.config import ConfigError
    from trialint.lint.baseline import BaselineError
    from trialint.lint.engine import Context
    from trialint.lint.rulepack import RulePackError
    from trialint.lint.runner import Linter

    settings = _configuration(config, select, extend_select, ignore)
    try:
        return Linter(Context(today=today) if today else Context(), settings)
    except (ConfigError, RulePackError, BaselineError) as error:
        raise ConfigurationError(str(error)) from None


# --- records ---------------------------------------------------------------------------------


def _as_records(records: Record | Iterable[Record]) -> Iterator[Record]:
    """One record or many, each checked to be a path or a study."""
    one = isinstance(records, str | os.PathLike | Mapping) or not isinstance(records, Iterable)
    for record in [records] if one else cast("Iterable[Any]", records):
        if not isinstance(record, str | os.PathLike | Mapping):
            raise TypeError(
                f"expected a path or a study dict, not {type(record).__name__}: {record!r:.60}"
            )
        yield record


def _reports(
    linter: Linter, records: Iterable[Record], client: Client | None = None
) -> Iterator[FileReport]:
    """Each record's report in order: paths as ``trialint lint`` reads them (consecutive
    ones in one run, shared among processes when they are many, or checked on ``client``'s
    cluster), studies one at a time."""
    paths: list[str] = []
    number = 0
    for record in records:
        if isinstance(record, Mapping):
            if paths:
                yield from _path_reports(linter, paths, client)
                paths = []
            number += 1
            yield linter.lint_item(_study_input(record, number))
        else:
            paths.append(os.fspath(record))
    if paths:
        yield from _path_reports(linter, paths, client)


def _path_reports(linter: Linter, paths: list[str], client: Client | None) -> Iterator[FileReport]:
    if client is None:
        from trialint.lint.runner import default_jobs

        return linter.check_paths(paths, jobs=default_jobs())
    from trialint.cluster.lint import check_paths

    return check_paths(client, linter, paths)


def _study_input(study: Mapping[str, Any], number: int) -> BytesInput:
    """A study dict as the record ``trialint import`` writes (``render``, without the comment
    that names the source: a dict has none), named by its nctId (``<study N>`` without one):
    read as any YAML record is, with its lines and columns."""
    from trialint.ctgov.write import render
    from trialint.registry import nct_id_of
    from trialint.sources.inputs import BytesInput

    data = dict(study)
    nct_id = nct_id_of(data)
    name = nct_id if nct_id else f"<study {number}>"
    try:
        text = render(data)
    except Exception as error:  # ruamel.yaml's representer refuses what a record cannot hold
        raise TrialintError(f"{name}: cannot be read as a record: {error}") from None
    return BytesInput(name, text.encode("utf-8"))


def _side(given: Record | Iterable[Mapping[str, Any]], label: str, exclusions: Exclusions) -> Side:
    """One side of a diff: a path as ``trialint diff`` opens it, or studies in memory."""
    from trialint.diff.inputs import Side, open_paths
    from trialint.sources.inputs import Inputs

    if isinstance(given, str | os.PathLike):
        return open_paths([os.fspath(given)], label=label, exclusions=exclusions)
    studies = [given] if isinstance(given, Mapping) else list(given)
    if not all(isinstance(study, Mapping) for study in studies):
        raise TypeError(f"{label}: expected a path, a study dict or an iterable of study dicts")
    items = [_study_input(study, number) for number, study in enumerate(studies, 1)]
    return Side(label, Inputs(lambda: iter(items)))


def _public(finding: Found) -> Finding:
    span, fix = finding.span, finding.fix
    return Finding(
        code=finding.rule.code,
        name=finding.rule.name,
        severity=finding.level.value,
        message=finding.message,
        path=finding.path,
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        pointer=finding.pointer,
        study=finding.study,
        fix=None
        if fix is None
        else Fix(fix.message, fix.old, fix.new, safe=fix.safe, applicable=fix.applicable),
    )
