"""Read what the registry hands out into studies in the API v2 shape.

A source is a file: API v2 JSON (one study, a list of studies, or an API page
``{"studies": [...], "nextPageToken": ...}``), the website's ``ctg-studies.json.zip`` (a zip of
per-study JSON files, or of a list or page), a legacy ``<clinical_study>`` XML file, or a zip of
those. A folder is searched for such files as ``trialint lint`` searches folders (the unzipped
AllPublicXML archive is one). Every problem is an :class:`ImportProblem` naming the file (and
the member of a zip): one bad file or member never stops the others.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from trialint.ctgov.imported import Imported, ImportProblem
from trialint.document.load import collection_of
from trialint.sources import expand
from trialint.zipmember import CLIMBS_OUT, MemberRefused, read_member, record_members

# What a folder source is searched for.
IMPORTABLE_SUFFIXES = frozenset({".json", ".xml", ".zip"})
_MEMBER_SUFFIXES = frozenset({".json", ".xml"})  # what a zip's members are read for


def read_sources(source: Path) -> Iterator[Imported | ImportProblem]:
    """The studies (and problems) of a source file, or of every file a source folder holds
    (by name, files before subfolders)."""
    if not source.is_dir():
        yield from read_source(source)
        return
    files = expand([str(source)], IMPORTABLE_SUFFIXES).files
    if not files:
        yield ImportProblem(str(source), "the folder holds no .json, .xml or .zip file")
    for path, display in files:
        yield from read_source(path, display)


def read_source(path: Path, name: str | None = None) -> Iterator[Imported | ImportProblem]:
    """The studies (and problems) of one source file, in the file's order; ``name`` is how
    messages name it (by default, its path)."""
    name = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        yield ImportProblem(name, f"cannot read: {error.strerror or error}")
        return
    if zipfile.is_zipfile(path):
        yield from _read_zip(path, name)
    else:
        yield from _read_bytes(data, name)


def _read_zip(path: Path, name: str) -> Iterator[Imported | ImportProblem]:
    try:
        with zipfile.ZipFile(path) as archive:
            readable, refused = record_members(archive, _MEMBER_SUFFIXES)
            if not readable and not refused:
                yield ImportProblem(name, "the zip holds no .json or .xml file")
                return
            for member in refused:
                yield ImportProblem(f"{name}:{member}", CLIMBS_OUT)
            for member in readable:
                origin = f"{name}:{member}"
                try:
                    data = read_member(archive, member)
                except MemberRefused as refused:
                    yield ImportProblem(origin, str(refused))
                    continue
                except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
                    yield ImportProblem(origin, f"cannot read from the zip: {error}")
                    continue
                yield from _read_bytes(data, origin)
    except (zipfile.BadZipFile, OSError) as error:
        yield ImportProblem(name, f"not a readable zip: {error}")


def _read_bytes(data: bytes, origin: str) -> Iterator[Imported | ImportProblem]:
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        from trialint.ctgov.legacy_xml import convert_xml

        yield from convert_xml(data, origin)
        return
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        yield ImportProblem(origin, f"not UTF-8 text (byte 0x{data[error.start]:02x})")
        return
    except json.JSONDecodeError as error:
        yield ImportProblem(
            origin, f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        )
        return
    except RecursionError:
        yield ImportProblem(origin, "values nested too deeply to read")
        return
    except ValueError:  # a JSONDecodeError is caught above: this is an over-long integer
        yield ImportProblem(origin, "a number of more than 4,300 digits: not a registry record")
        return
    yield from studies_of_json(document, origin)


def studies_of_json(document: Any, origin: str) -> Iterator[Imported | ImportProblem]:
    """The studies of a JSON document: one study, a list of them, or an API page (decided as
    lint and diff decide it, by ``collection_of``)."""
    collection = collection_of(document)
    if collection is not None:
        studies = collection[1]
    elif isinstance(document, dict) and "studies" in document and "protocolSection" not in document:
        yield ImportProblem(origin, "'studies' is not a list")
        return
    elif isinstance(document, dict):
        studies = [document]
    else:
        yield ImportProblem(origin, "not a study, a list of studies or an API page")
        return
    for index, study in enumerate(studies):
        where = origin if len(studies) == 1 and study is document else f"{origin}[{index}]"
        if not isinstance(study, dict) or not isinstance(study.get("protocolSection"), dict):
            yield ImportProblem(where, "not an API v2 study (no protocolSection)")
            continue
        imported = Imported(study, where)
        if imported.nct_id is None:
            yield ImportProblem(
                where, "the study has no protocolSection.identificationModule.nctId"
            )
            continue
        yield imported
