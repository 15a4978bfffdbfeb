"""Read what the registry hands out into studies in the API v2 shape.

A source is a file: API v2 JSON (one study, a list of studies, or an API page
``{"studies": [...], "nextPageToken": ...}``), the website's ``ctg-studies.json.zip`` (a zip of
per-study JSON files, or of a list or page), a legacy ``<clinical_study>`` XML file, or a zip of
those. A folder is searched for such files as ``trialint lint`` searches folders (the unzipped
AllPublicXML archive is one). Files, folders and archives are read through the input layer
every command shares (``trialint.sources``); every problem is an :class:`ImportProblem` naming
the file (and the member of a zip, ``archive.zip!member``): one bad file or member never stops
the others. A large JSON list or API page on disk (the whole registry's ``ctg-studies.json``)
is read a study at a time, as lint and diff read it (``document.stream``): memory holds one
study, whatever the file's size.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from trialint.ctgov.imported import Imported, ImportProblem
from trialint.document.load import collection_of, read_in_parts
from trialint.document.model import LoadedFile, SourcePart
from trialint.sources.inputs import Input, open_paths
from trialint.sources.problems import InputError, InputProblem

# What a folder source is searched for.
IMPORTABLE_SUFFIXES = frozenset({".json", ".xml", ".zip"})
_MEMBER_SUFFIXES = frozenset({".json", ".xml"})  # what a zip's members are read for


def read_sources(source: Path) -> Iterator[Imported | ImportProblem]:
    """The studies (and problems) of a source file, a zip's members, or every such file a
    source folder holds (by name, files before subfolders), in order."""
    listed = False
    with open_paths(
        [str(source)], suffixes=IMPORTABLE_SUFFIXES, member_suffixes=_MEMBER_SUFFIXES
    ) as inputs:
        for item in inputs:
            listed = True
            if isinstance(item, InputProblem):
                yield ImportProblem(item.where, item.message)
                continue
            try:
                parts = _parts(item)
                if parts is not None:
                    yield from parts
                    continue
                data = item.read()
            except InputError as error:
                yield ImportProblem(error.problem.where, error.problem.message)
                continue
            yield from _read_bytes(data, item.name)
    if not listed and source.is_dir():
        yield ImportProblem(str(source), "the folder holds no .json, .xml or .zip file")


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


def _parts(item: Input) -> Iterator[Imported | ImportProblem] | None:
    """The studies of a large JSON list or API page, a study at a time; None when the file is
    to be read whole (small, not JSON, or no list or page). Raises InputError when it cannot
    be opened."""
    if not read_in_parts(item):
        return None
    from trialint.document.stream import open_collection  # only large files need it

    opened = open_collection(item)
    if opened is None:
        return None
    stream, elements = opened
    return _imported_parts(stream, elements, item.name)


def _imported_parts(
    stream: BinaryIO, elements: Iterator[LoadedFile], origin: str
) -> Iterator[Imported | ImportProblem]:
    with stream:
        for loaded in elements:
            for problem in loaded.problems:
                where = problem.span
                yield ImportProblem(
                    origin, f"{problem.message} (line {where.line}, column {where.column})"
                )
            for found in loaded.studies:
                # which entry of the collection it is (document.stream says, for every part)
                place = found.source.place if isinstance(found.source, SourcePart) else None
                yield _imported(found.data, f"{origin}[{place.index}]" if place else origin)


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
        yield _imported(study, where)


def _imported(study: Any, where: str) -> Imported | ImportProblem:
    """One entry of a source as a study, or the problem that keeps it from being one."""
    if not isinstance(study, dict) or not isinstance(study.get("protocolSection"), dict):
        return ImportProblem(where, "not an API v2 study (no protocolSection)")
    imported = Imported(study, where)
    if imported.nct_id is None:
        return ImportProblem(where, "the study has no protocolSection.identificationModule.nctId")
    return imported
