"""Turn a file into studies: read bytes, check they are text, parse, split into studies.

Everything that goes wrong on the way is a :class:`Problem` with a position, never an
exception: a broken file is reported like any other finding and the next file is read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Any, Protocol

from trialint.document import problems
from trialint.document.locators import IndentedJsonLocator, JsonLocator, Locator, SpanLocator
from trialint.document.model import LoadedFile, SourceFile, SourcePart, Study
from trialint.document.pointer import Token
from trialint.document.spans import span_at_byte
from trialint.document.yaml12 import ParsedYaml, Problem, parse_yaml
from trialint.finding import FILE_START, Span
from trialint.resources import study_sections

JSON_SUFFIXES = frozenset({".json"})
# A JSON file at least this large is read element by element (``document.stream``) when it is
# a list of studies or an API page: the whole-file reading holds every study and the whole
# text at once. Below it, the whole-file reading costs no more (bench/scale_lists.py).
STREAM_FROM = 8 * 2**20
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")


def format_of(name: str | PurePath) -> str:
    """``json`` for a JSON suffix, ``yaml`` for everything else (whatever its suffix)."""
    return "json" if PurePath(name).suffix.lower() in JSON_SUFFIXES else "yaml"


class Sized(Protocol):
    """An input as ``read_in_parts`` needs it: its name, and its size when known without
    reading it (None otherwise)."""

    name: str

    def size(self) -> int | None: ...


def read_in_parts(item: Sized) -> bool:
    """Whether a file is read element by element when it is a JSON list or API page
    (``document.stream``), by lint, diff and import: a JSON file of ``STREAM_FROM`` bytes or
    more. Its size is asked for only when its name says JSON: a run of YAML records pays no
    file-system call for it."""
    if format_of(item.name) != "json":
        return False
    size = item.size()
    return size is not None and size >= STREAM_FROM


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read one record file (YAML or JSON, chosen by suffix)."""
    return load_bytes(path.read_bytes(), display or str(path), format_of(path))


def load_bytes(data: bytes, name: str, fmt: str) -> LoadedFile:
    text_or_problem = decode_text(data)
    if isinstance(text_or_problem, Problem):
        return LoadedFile(None, problems=[text_or_problem])
    source = SourceFile(name, text_or_problem, fmt)
    if source.text.isspace() or not source.text:
        return LoadedFile(
            source, problems=[Problem(problems.EMPTY_FILE, "the file is empty", FILE_START)]
        )
    # (Offsets must match source.text, which has no byte order mark.)
    data = data.removeprefix(_UTF8_BOM)
    indented = False
    if fmt == "json":
        from trialint.document.jsontext import parse_json  # orjson: only when JSON is read

        parsed, indented = parse_json(data, source.text)
    else:
        parsed = parse_yaml(data)
    locator = _locator(parsed, source.text, indented)
    loaded = LoadedFile(source, problems=list(parsed.problems))
    if not parsed.documents and not parsed.problems:
        loaded.problems.append(
            Problem(problems.EMPTY_FILE, "the file holds only comments", FILE_START)
        )
    raw_texts = parsed.raw_texts if fmt != "json" else None  # JSON says its types outright
    for index, root in enumerate(parsed.documents):
        _split_studies(loaded, Study(root, source, index, (), locator, raw_texts))
    return loaded


def load_part(data: bytes, part: SourcePart, index: int, indent: int) -> LoadedFile:
    """One element of a large JSON list or API page, read on its own (``document.stream``
    finds it): entry ``index`` of the collection, its bytes ``data`` and its ``part`` of the
    file (already decoded), ``indent`` its depth in an indented layout. It loads as the
    whole file's reading would load it, with the problems of its own text at their places in
    the file. Its study's ``base`` is empty: the study is the top of the part's text."""
    from trialint.document.jsontext import parse_json

    parsed, indented = parse_json(data, part.text, indent)
    loaded = LoadedFile(part)
    loaded.problems = [_in_file(problem, part) for problem in parsed.problems]
    if not parsed.documents:
        return loaded
    study = Study(parsed.documents[0], part, 0, (), _locator(parsed, part.text, indented, indent))
    if isinstance(study.data, dict) and looks_like_study(study.data):
        study.in_collection = True
        loaded.studies.append(study)
    else:
        loaded.problems.append(
            Problem(
                problems.NOT_A_STUDY,
                f"entry {index} is not a study (a mapping with protocolSection)",
                _problem_span(study, ()),
            )
        )
    return loaded


# The line a duplicate key's message names (yaml12), counted in the part's own text.
_FIRST_ON_LINE = re.compile(r"\(first on line (\d+)\)")


def _in_file(problem: Problem, part: SourcePart) -> Problem:
    """A problem of a part's own text as the whole file's reading reports it: its place, and
    the other line a duplicate key's message names, counted in the file."""
    message = problem.message
    if problem.rule is problems.DUPLICATE_KEY:
        message = _FIRST_ON_LINE.sub(
            lambda found: f"(first on line {int(found[1]) + part.first_line - 1})", message
        )
    return replace(problem, message=message, span=part.in_file(problem.span))


def _locator(parsed: ParsedYaml, text: str, indented: bool, indent: int = 0) -> Locator:
    if parsed.spans is not None:
        return SpanLocator(parsed)
    if indented:
        return IndentedJsonLocator(text, indent)
    return JsonLocator(text)


def decode_text(data: bytes) -> str | Problem:
    """A file's text, or the problem that keeps it from being text (an encoding, NUL bytes)."""
    if data.startswith(_UTF16_32_BOMS):
        return Problem(
            problems.INVALID_ENCODING, "the file is UTF-16 or UTF-32; save it as UTF-8", FILE_START
        )
    if b"\x00" in data:
        offset = data.index(b"\x00")
        return Problem(
            problems.BINARY_FILE,
            "the file is binary (it contains NUL bytes)",
            span_at_byte(data, offset),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        return Problem(
            problems.INVALID_ENCODING,
            f"byte 0x{byte:02x} is not valid UTF-8 (was the file saved as Latin-1 "
            "or Windows-1252?)",
            span_at_byte(data, error.start),
        )


def _split_studies(loaded: LoadedFile, top: Study) -> None:
    """One study, a list of studies, or an API page ``{"studies": [...]}``.

    ``top`` stands for the document's top value; the studies found in it share its source,
    document and locator, with their own path.
    """
    root = top.data
    collection = collection_of(root)
    if collection is not None:
        base, items = collection
    elif isinstance(root, dict) and looks_like_study(root):
        loaded.studies.append(top)
        return
    else:
        kind = (
            "nothing" if root is None
            else "a mapping with no section of a study (protocolSection, resultsSection, ...)"
            if isinstance(root, dict) else f"a {type(root).__name__} value"
        )  # fmt: skip
        loaded.problems.append(
            Problem(
                problems.NOT_A_STUDY,
                f"expected a study, a list of studies or an API page; found {kind}",
                _problem_span(top, ()),
            )
        )
        return
    for index, item in enumerate(items):
        path: tuple[Token, ...] = (*base, index)
        if isinstance(item, dict) and looks_like_study(item):
            loaded.studies.append(replace(top, data=item, base=path, in_collection=True))
        else:
            loaded.problems.append(
                Problem(
                    problems.NOT_A_STUDY,
                    f"entry {index} is not a study (a mapping with protocolSection)",
                    _problem_span(top, path),
                )
            )


def holds_no_study(loaded: LoadedFile) -> bool:
    """A file that parsed, holds no study, and whose only problem is that (F009): another YAML
    or JSON file of a repository (a pre-commit configuration, a rule pack, a baseline), which a
    folder search passes over, in lint and diff alike."""
    return (
        not loaded.studies
        and bool(loaded.problems)
        and all(problem.rule is problems.NOT_A_STUDY for problem in loaded.problems)
    )


def collection_of(root: Any) -> tuple[tuple[Token, ...], list[Any]] | None:
    """Where a document holds several studies: an API page's ``studies`` or a list, with the
    path to them; None when the document is one value (one study, or not a study at all). The
    one test of a collection, for lint, diff and import alike."""
    if isinstance(root, dict) and "protocolSection" not in root:
        studies = root.get("studies")
        if isinstance(studies, list):
            return ("studies",), studies
    if isinstance(root, list):
        return (), root
    return None


def looks_like_study(mapping: dict[Any, Any]) -> bool:
    """Whether a mapping is a study: one of its keys is a section of a study or a module of its
    protocolSection, as written or a slip away ('protocolsection', 'protocolSecton'), so that
    a study whose sections are misspelled is still checked. Another YAML or JSON file of a
    registry's repository (a pre-commit configuration, a rule pack, a baseline) has none."""
    sections = study_sections()
    keys = [key for key in mapping if isinstance(key, str)]
    if any(key in sections for key in keys):
        return True
    from rapidfuzz import fuzz, process  # only for a file that is no study as written

    return any(
        process.extractOne(key, sections, scorer=fuzz.ratio, score_cutoff=_NEAR_SECTION)
        for key in keys
        if len(key) >= _SHORTEST_SECTION
    )


_NEAR_SECTION = 85  # a key this close to a section's name (rapidfuzz ratio) is that section
_SHORTEST_SECTION = 10  # shorter keys are no slip of a section's name ("derivedSection" has 14)


def _problem_span(study: Study, path: tuple[Token, ...]) -> Span:
    start, end = study.locate(path).value
    return study.source.line_index.span(start, end)
