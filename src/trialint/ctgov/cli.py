"""``trialint import``: registry downloads in, one YAML record per study out.

Wired into ``trialint.cli.build_parser`` by :func:`add_import_parser`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from trialint.cliargs import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, printable
from trialint.registry import NCT_ID

if TYPE_CHECKING:
    from trialint.progress import Progress

# The parser class of the caller's subcommands (the main command's subclass of ArgumentParser).
_Parser = TypeVar("_Parser", bound=argparse.ArgumentParser)


def add_import_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    command = commands.add_parser(
        "import",
        help="write registry downloads (API v2 JSON, ctg-studies.json.zip, legacy XML) as records",
        description="Write one YAML record (<NCT number>.yaml) per study found in the sources: "
        "ClinicalTrials.gov API v2 JSON (a study, a list of studies or an API page), the "
        "website's ctg-studies.json.zip, or legacy <clinical_study> XML files (or zips of "
        "them); a folder is searched for such files (the unzipped AllPublicXML archive, say). "
        "JSON is written unchanged; XML is mapped onto the API v2 fields, and what has no API "
        "v2 field is reported.",
    )
    command.add_argument(
        "sources", nargs="+", metavar="SOURCE",
        help="JSON, XML or zip files downloaded from ClinicalTrials.gov, or folders of them",
    )  # fmt: skip
    command.add_argument(
        "--out", required=True, metavar="DIR",
        help="the folder to write the records to (created if missing)",
    )  # fmt: skip
    existing = command.add_mutually_exclusive_group()
    existing.add_argument(
        "--force", action="store_true", help="overwrite records that already exist in DIR"
    )
    existing.add_argument(
        "--update", action="store_true",
        help="bring the registry's changes since the last import into records that exist in "
        "DIR, keeping their comments, quoting and the curator's edits; a value both changed "
        "is reported, not overwritten",
    )  # fmt: skip
    command.add_argument(
        "--modeline", metavar="SCHEMA", type=_one_line,
        help="begin each record written with '# yaml-language-server: $schema=SCHEMA' (a URL, "
        "or a path relative to the record), so that editors check it against the schema",
    )  # fmt: skip
    command.set_defaults(run=run_import)


def _one_line(text: str) -> str:
    if not text.strip() or any(ch in text for ch in "\r\n"):
        raise argparse.ArgumentTypeError("the schema's location is one line of text")
    return text


def run_import(args: argparse.Namespace) -> int:
    from trialint.progress import progress

    with progress(" studies", "import") as bar:
        return _import(args, bar)


def _import(args: argparse.Namespace, bar: Progress) -> int:
    from trialint.atomic import write_atomic
    from trialint.ctgov.basecopy import write_base
    from trialint.ctgov.imported import ImportProblem
    from trialint.ctgov.modeline import modeline_comment
    from trialint.ctgov.sources import read_sources
    from trialint.ctgov.write import render
    from trialint.lint.schema import SchemaCheck
    from trialint.resources import study_schema

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"trialint: error: cannot create {out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    schema = SchemaCheck(study_schema())
    failed = False
    written: set[str] = set()
    imported = skipped = 0
    tally = _Tally()
    for source in args.sources:
        items = bar.each(read_sources(Path(source)))
        while True:
            try:
                item = next(items, None)
            except Exception as error:  # a bug of ours: the other sources are still imported
                print(f"trialint: error: {source}: {_internal(error)}", file=sys.stderr)
                failed = True
                break
            if item is None:
                break
            if isinstance(item, ImportProblem):
                print(f"trialint: error: {item}", file=sys.stderr)
                failed = True
                continue
            nct = item.nct_id or ""
            if not NCT_ID.fullmatch(nct):
                # The file is named after it: never a path, never something else.
                print(
                    f"trialint: error: {item.origin}: {nct!r} is not an NCT number "
                    "(NCT + 8 digits); not written",
                    file=sys.stderr,
                )
                failed = True
                continue
            target = out / f"{nct}.yaml"
            if nct in written:
                print(
                    f"trialint: error: {item.origin}: {nct} was already imported from an "
                    f"earlier source in this run; {target} not overwritten",
                    file=sys.stderr,
                )
                failed = True
                continue
            if args.update and target.exists():
                written.add(nct)
                failed = not _update(target, out, nct, item.study, args.modeline, tally) or failed
                continue
            if target.exists() and not args.force:
                print(
                    f"trialint: error: {target} exists (use --force to overwrite)",
                    file=sys.stderr,
                )
                failed = True
                skipped += 1
                continue
            comments = [f"Imported by trialint from {_shown(item.origin, source)}"]
            if args.modeline:
                comments.insert(0, modeline_comment(args.modeline))
            if item.unmapped:
                print(
                    f"trialint: note: {nct}: not mapped: {', '.join(item.unmapped)}",
                    file=sys.stderr,
                )
                comments.append("Not mapped (no API v2 field): " + ", ".join(item.unmapped))
            if item.legacy:
                missing = schema.missing_required(item.study)
                if missing:
                    print(
                        f"trialint: note: {nct}: the source has no value for required "
                        f"fields: {', '.join(missing)}",
                        file=sys.stderr,
                    )
                    comments.append(
                        "The source has no value for required fields: " + ", ".join(missing)
                    )
                    comments.append("trialint: ignore-file[S005]")
            try:
                write_atomic(target, render(item.study, "\n".join(comments)).encode("utf-8"))
                write_base(out, nct, item.study)
            except OSError as error:
                print(
                    f"trialint: error: cannot write {target}: {error.strerror or error}",
                    file=sys.stderr,
                )
                failed = True
                continue
            except Exception as error:  # a bug of ours: the other studies are still imported
                print(f"trialint: error: {item.origin}: {nct}: {_internal(error)}", file=sys.stderr)
                failed = True
                continue
            written.add(nct)
            imported += 1
    summary = f"imported {imported} {'study' if imported == 1 else 'studies'} into {out}"
    if skipped:
        summary += f" ({skipped} skipped: exist; use --force)"
    if args.update:
        summary = _update_summary(tally, imported, out, _not_downloaded(out, written))
    print(summary, file=sys.stderr)
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if tally.conflicts else EXIT_CLEAN


def _internal(error: Exception) -> str:
    return f"internal error: {type(error).__name__}: {error} (please report this with the file)"


def _shown(origin: str, source: str) -> str:
    """Where a study came from, for the record's first line: the source's file name (and the
    member of a zip), without the folders of this machine."""
    folder = str(Path(source).parent)
    shown = origin[len(folder) + 1 :] if folder != "." and origin.startswith(folder) else origin
    return printable(shown)  # a file name not in UTF-8 cannot be written as it is


@dataclass
class _Tally:
    """What ``--update`` did to the records that exist."""

    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0


def _update(
    target: Path, out: Path, nct: str, study: dict[str, Any], modeline: str | None, tally: _Tally
) -> bool:
    """Update one existing record, saying on stderr what conflicts; False on an error."""
    from trialint.ctgov.update import UpdateFailed, update_record
    from trialint.document.pointer import to_pointer

    try:
        updated = update_record(target, out, nct, study, modeline)
    except UpdateFailed as error:
        print(f"trialint: error: {target}: {error}", file=sys.stderr)
        return False
    except OSError as error:
        print(
            f"trialint: error: cannot update {target}: {error.strerror or error}", file=sys.stderr
        )
        return False
    except Exception as error:  # a bug of ours: the other studies are still imported
        print(f"trialint: error: {target}: {_internal(error)}", file=sys.stderr)
        return False
    for conflict in updated.conflicts:
        where = f"{target}: {to_pointer(conflict.path)}"
        kept = f"kept {_value(conflict.record)}"
        if conflict.has_base:
            change = f"the registry changed {_value(conflict.base)} to {_value(conflict.new)}"
        else:
            change = (
                f"the registry has {_value(conflict.new)} (no earlier import of it is kept, "
                "so whether it was edited here is unknown)"
            )
        print(f"trialint: conflict: {where}: {kept}; {change}", file=sys.stderr)
    tally.conflicts += len(updated.conflicts)
    if updated.written:
        tally.updated += 1
    else:
        tally.unchanged += 1
    return True


def _value(value: Any, limit: int = 60) -> str:
    """A value on one line, shortened: JSON, or (absent)."""
    from trialint.ctgov.merge import ABSENT

    if value is ABSENT:
        return "(absent)"
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= limit else shown[: limit - 1] + "\u2026"


def _not_downloaded(out: Path, downloaded: set[str]) -> list[Path]:
    """The records in ``out`` of studies the download did not hold (each named on stderr)."""
    absent = [
        path
        for path in sorted(out.glob("NCT*.yaml"))
        if NCT_ID.fullmatch(path.stem) and path.stem not in downloaded
    ]
    for path in absent:
        print(f"trialint: note: {path}: not in the download; left as it is", file=sys.stderr)
    return absent


def _update_summary(tally: _Tally, imported: int, out: Path, absent: list[Path]) -> str:
    def count(number: int, noun: str) -> str:
        return f"{number} {noun}{'' if number == 1 else 's'}"

    summary = (
        f"updated {count(tally.updated, 'record')} in {out} ({tally.unchanged} unchanged, "
        f"{imported} new)"
    )
    notes = []
    if tally.conflicts:
        notes.append(f"{count(tally.conflicts, 'conflict')}: the curator's values kept")
    if absent:
        notes.append(f"{count(len(absent), 'record')} not in the download")
    return "; ".join([summary, *notes])
