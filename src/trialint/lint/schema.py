"""Check a study against the JSON Schema and explain each violation to a curator (family S).

jsonschema-rs validates a record in tens of microseconds (the Python jsonschema package took
5 ms on the same records, measured on the corpus), and its errors carry what a message needs:
the failing keyword with its details, the path in the record, and the path in the schema, from
which the subschema's title and examples are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import jsonschema_rs

from trialint.document.model import Study
from trialint.document.pointer import Token
from trialint.document.problems import TOO_DEEP
from trialint.document.yaml12 import RawTexts
from trialint.finding import Finding
from trialint.quoting import quoted
from trialint.rule import Severity, rule, status_module
from trialint.suggest import closest, misspelled, suggest_date

_RATIONALE = (
    "The schema is generated from the registry's own data model (the ClinicalTrials.gov API v2 "
    "spec), so a record that breaks it would not load into tools built on that model."
)

# Modules of the examples, less the field an example is about.
_OVERSIGHT = (
    "protocolSection:\n  oversightModule:\n    isFdaRegulatedDrug: false\n"
    "    isFdaRegulatedDevice: false\n"
)
_ELIGIBILITY = (
    "protocolSection:\n  eligibilityModule:\n    eligibilityCriteria: |-\n"
    "      Inclusion Criteria:\n\n      * Adults with asthma\n\n"
    "      Exclusion Criteria:\n\n      * Pregnancy\n    sex: ALL\n    healthyVolunteers: false\n"
)

UNKNOWN_FIELD = rule(
    "S001", "unknown-field", Severity.ERROR,
    "A key that the registry's data model does not define.",
    _RATIONALE + " Inside protocolSection an unknown key is nearly always a misspelled field, "
    "whose value every other tool then ignores.",
    fails=("protocolSection:\n  conditionsModule:\n    conditions: [Asthma]\n"
           "    keyword: [wheezing]\n",),
    passes=("protocolSection:\n  conditionsModule:\n    conditions: [Asthma]\n"
            "    keywords: [wheezing]\n",),
)  # fmt: skip
WRONG_TYPE = rule(
    "S002", "wrong-type", Severity.ERROR,
    "A value of the wrong kind: text where a number is expected, a list where text is, ...",
    _RATIONALE + " YAML 1.2 reads only true and false as booleans: 'No' or 'yes' are text.",
    fails=(_OVERSIGHT + "    oversightHasDmc: No\n",),
    passes=(_OVERSIGHT + "    oversightHasDmc: false\n",),
)  # fmt: skip
INVALID_ENUM = rule(
    "S003", "invalid-enum-value", Severity.ERROR,
    "A coded value that is not one of the registry's values.",
    _RATIONALE + " Coded fields take the API's values (RECRUITING, PHASE1, ESTIMATED), not the "
    "website's display text (Recruiting, Phase 1, Anticipated).",
    fails=(status_module(overallStatus="COMPLETE"),),
    passes=(status_module(overallStatus="COMPLETED"),),
)  # fmt: skip
INVALID_DATE = rule(
    "S004", "invalid-date", Severity.ERROR,
    "A date not written as the registry writes dates, or not a real calendar day.",
    _RATIONALE + " Study dates are yyyy-MM-dd or yyyy-MM (partial dates, as 'September 2022' "
    "is written 2022-09); submission and posting dates are always full dates.",
    fails=(status_module(startDateStruct="{date: February 2021, type: ACTUAL}"),),
    passes=(status_module(startDateStruct="{date: '2021-02', type: ACTUAL}"),),
)  # fmt: skip
MISSING_FIELD = rule(
    "S005", "missing-required-field", Severity.ERROR,
    "A field the registry requires of every record is missing.",
    "PRS requires these of every study (prs-rules.md; 42 CFR 11): the NCT number, brief title, "
    "overall status, verification and start dates, lead sponsor, brief summary, conditions, "
    "study type, eligibility criteria and sex. Conditional requirements are separate rules.",
    fails=("protocolSection:\n  identificationModule:\n    nctId: NCT04711200\n",),
    passes=("protocolSection:\n  identificationModule:\n    nctId: NCT04711200\n"
            "    orgStudyIdInfo: {id: APHP190000}\n    briefTitle: A title\n",),
)  # fmt: skip
EMPTY_LIST = rule(
    "S006", "empty-required-list", Severity.ERROR,
    "A list the registry requires to have entries is empty.",
    "The conditions studied are required (PRS definitions: 'Primary Disease or Condition Being "
    "Studied'); an empty list is a missing value.",
    fails=("protocolSection:\n  conditionsModule:\n    conditions: []\n",),
    passes=("protocolSection:\n  conditionsModule:\n    conditions: [Lyell Syndrome]\n",),
)  # fmt: skip
INVALID_NCT_ID = rule(
    "S007", "invalid-nct-id", Severity.ERROR,
    "An NCT number that is not NCT followed by 8 digits.",
    "Every ClinicalTrials.gov study is identified as NCT + 8 digits (NCT04711200); anything "
    "else does not resolve on the registry.",
    fails=("protocolSection:\n  identificationModule:\n    nctId: NCT4711200\n",),
    passes=("protocolSection:\n  identificationModule:\n    nctId: NCT04711200\n"
            "    orgStudyIdInfo: {id: APHP190000}\n    briefTitle: A title\n",),
)  # fmt: skip
INVALID_FORMAT = rule(
    "S008", "invalid-value-format", Severity.ERROR,
    "A value not in the form the registry writes it, such as an age ('18 Years').",
    _RATIONALE + " Ages and durations are a number and a unit: '18 Years', '6 Months'.",
    fails=(_ELIGIBILITY + "    minimumAge: 18 years old\n",),
    passes=(_ELIGIBILITY + "    minimumAge: 18 Years\n",),
)  # fmt: skip
SCHEMA_VIOLATION = rule(
    "S009", "schema-violation", Severity.ERROR,
    "Any other violation of the record schema.",
    _RATIONALE,
)  # fmt: skip

_DATE_FORMS = {
    "PartialDate": "yyyy-MM-dd, yyyy-MM or yyyy",
    "Date": "yyyy-MM-dd",
    "DateTimeMinutes": "yyyy-MM-ddTHH:mm",
}
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}
_YAML11_BOOLEANS = frozenset({"yes", "no", "y", "n", "on", "off"})
# When one value breaks several keywords, report the one that explains it best.
_KEYWORD_ORDER = {"type": 0, "enum": 1, "pattern": 2, "format": 3, "minItems": 4, "minLength": 5}


class SchemaCheck:
    """Validates studies against one schema, compiled once per process."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self._schema = schema
        self._validator = jsonschema_rs.validator_for(schema, validate_formats=True)

    def check(self, study: Study) -> list[Finding]:
        try:
            if self._validator.is_valid(study.data):
                return []
            errors = list(self._validator.iter_errors(study.data))
            if study.raw_texts and _read_as_text(study, study.raw_texts, errors):
                errors = list(self._validator.iter_errors(study.data))
        except ValueError as error:  # the validator reads values at most 255 levels deep
            if "Recursion limit" not in str(error):
                raise
            return [study.finding(TOO_DEEP, "values nested too deeply to check", ())]
        return list(self._explain(study, errors))

    def missing_required(self, data: dict[str, Any]) -> list[str]:
        """The required fields a study lacks, as ``module.field`` paths below protocolSection
        (``statusModule.statusVerifiedDate``): what an importer says its source has no value
        for, from the one schema that decides it."""
        missing = []
        for error in self._validator.iter_errors(data):
            if error.kind.name == "required":
                path = [str(token) for token in error.instance_path][1:]
                missing.append(".".join([*path, str(error.kind.as_dict()["property"])]))
        return sorted(missing)

    def _explain(self, study: Study, errors: list[Any]) -> Iterable[Finding]:
        """One finding per place: the most telling of the errors a value has."""
        seen: set[str] = set()
        errors.sort(
            key=lambda e: (list(map(str, e.instance_path)), _KEYWORD_ORDER.get(e.kind.name, 9))
        )
        for error in errors:
            subschema = _follow(self._schema, list(error.schema_path)[:-1])
            for finding in _findings_for(study, error, subschema or {}):
                if finding.pointer not in seen:
                    seen.add(finding.pointer)
                    yield finding


def _read_as_text(study: Study, raw_texts: RawTexts, errors: Iterable[Any]) -> bool:
    """Give back the text of plain YAML scalars where the schema expects text.

    YAML 1.2 reads ``1.10`` and ``06189`` as numbers and an empty value as null; where the
    registry's field is text, the curator meant the characters they typed.
    """
    changed = False
    for error in errors:
        if error.kind.name != "type" or "string" not in error.kind.types:
            continue
        path = list(error.instance_path)
        parent = _follow(study.data, path[:-1]) if path else None
        if parent is None:
            continue
        text = raw_texts.get((id(parent), path[-1]))
        if text is not None:
            parent[path[-1]] = text
            changed = True
    return changed


def _follow(data: Any, path: Sequence[Token]) -> Any:
    for token in path:
        try:
            data = data[token]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _findings_for(study: Study, error: Any, schema: dict[str, Any]) -> Iterable[Finding]:
    path: list[Token] = list(error.instance_path)
    keyword, details, instance = error.kind.name, error.kind.as_dict(), error.instance
    label = _label(path)
    if keyword == "additionalProperties":
        known = list(schema.get("properties", {}))
        for key in details["unexpected"]:
            hint = closest(key, known)
            yield study.finding(
                UNKNOWN_FIELD,
                f"unknown field {quoted(key)} in {_label(path, whole=True)}"
                + (f"; did you mean {quoted(hint)}?" if hint else ""),
                [*path, key],
                at_key=True,
            )
    elif keyword == "required" and isinstance(instance, dict):
        name = details["property"]
        known = schema.get("properties", {})
        if misspelled(name, (key for key in instance if key not in known), known):
            return  # a misspelling of it is there: S001 says it all
        yield study.finding(
            MISSING_FIELD, f"missing required field {quoted(name)} in {_label(path, whole=True)}",
            [*path, name],
        )  # fmt: skip
    elif keyword == "type":
        yield study.finding(WRONG_TYPE, _type_message(label, details["types"], instance), path)
    elif keyword == "enum":
        values = [str(value) for value in details["options"]]
        hint = closest(instance, values) if isinstance(instance, str) else None
        yield study.finding(
            INVALID_ENUM,
            f"{_show(instance)} is not a valid {label}"
            + (f"; did you mean {quoted(hint)}?" if hint else "")
            + f" (allowed: {', '.join(values)})",
            path,
        )
    elif schema.get("title") in _DATE_FORMS and keyword in ("pattern", "format"):
        message = _date_message(label, schema["title"], keyword, instance)
        yield study.finding(INVALID_DATE, message, path)
    elif schema.get("title") == "nct":
        yield study.finding(
            INVALID_NCT_ID,
            f"{_show(instance)} is not an NCT number (NCT followed by 8 digits, e.g. NCT04711200)",
            path,
        )
    elif keyword == "pattern":
        examples = schema.get("examples", [])
        yield study.finding(
            INVALID_FORMAT,
            f"{_show(instance)} is not a valid {label}"
            + (f" (write it like {' or '.join(map(repr, examples))})" if examples else ""),
            path,
        )
    elif keyword == "minItems":
        limit = details["limit"]
        yield study.finding(
            EMPTY_LIST,
            f"{label} is empty; the registry requires at least {limit} "
            f"entr{'y' if limit == 1 else 'ies'}",
            path,
        )
    else:
        message = error.message if len(error.message) <= 120 else error.message[:117] + "..."
        yield study.finding(SCHEMA_VIOLATION, f"{label}: {message}", path)


def _label(path: Sequence[Token], *, whole: bool = False) -> str:
    """How a message names a field: its key, or list[index] for a list entry."""
    if not path:
        return "the study" if whole else "value"
    last = path[-1]
    if isinstance(last, int):
        return f"{_label(path[:-1])}[{last}]"
    return str(last)


def _show(value: Any) -> str:
    """A value as a message shows it: never a whole object."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return quoted(value, limit=58)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_message(label: str, expected: list[str], instance: Any) -> str:
    wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
    message = f"{label} must be {wanted}, not {_show(instance)}"
    if "boolean" in expected and isinstance(instance, str) and instance.lower() in _YAML11_BOOLEANS:
        message += " (YAML 1.2 reads only true and false as booleans)"
    return message


def _date_message(label: str, title: str, keyword: str, instance: Any) -> str:
    if keyword == "format":
        return f"{label} {_show(instance)} is not a calendar date"
    hint = suggest_date(instance) if title != "DateTimeMinutes" else None
    if hint is not None and title == "Date" and len(hint) != len("yyyy-MM-dd"):
        hint = None  # a full date cannot be guessed from a month
    return f"{label} {_show(instance)} is not a date in the form {_DATE_FORMS[title]}" + (
        f"; did you mean {quoted(hint)}?" if hint else ""
    )
