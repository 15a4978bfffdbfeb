"""References (family I): publications typed as this study's results that predate it.

A reference typed RESULT is a publication of this study's results (PRS definitions,
Citations: 'Results Reference'); the registry and the tools that link trials to their
publications (and auditors counting published trials) take it as one. Background literature
ticked as results makes a study look published that is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str, dicts
from trialint.rule import Severity, rule

REFERENCES = ("protocolSection", "referencesModule", "references")

# (the good record's study started in February 2021)
_REFERENCE = (
    "protocolSection:\n  referencesModule:\n    references:\n"
    "      - citation: 'Doe J, Roe R. Exercise after knee replacement. Knee. {year};12:1-9.'\n"
    "        type: {kind}\n"
)

RESULTS_REFERENCE_BEFORE_START = rule(
    "I004", "results-reference-before-start", Severity.WARNING,
    "References typed RESULT (publications of this study's results) that were published "
    "before the study started: background literature ticked as results.",
    "A results reference reports this study's results (PRS definitions, References: "
    "Results Reference); a publication that appeared before the study started cannot, and "
    "typed RESULT it makes the registry, and tools linking trials to their publications, "
    "count the study as published. A curator marks it. Read from the latest year a "
    "citation writes (its publication year: years in a title are earlier), against the "
    "start date's year; one finding a record, at the first such reference, relating the "
    "others. Corpus: 35 records (180 references, from 1986 to 2022); the 32 outside the "
    "held-out recall sample read, all background literature (reviews, guidelines, earlier "
    "trials).",
    fails=(_REFERENCE.format(year=2015, kind="RESULT"),),
    passes=(_REFERENCE.format(year=2015, kind="BACKGROUND"),
            _REFERENCE.format(year=2024, kind="RESULT")),
)  # fmt: skip

# A year of publication: four digits from 1900 to 2099, not inside a longer number (a PMID,
# a DOI's '10.1007', pages).
_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d\d(?![\d])")


@check(RESULTS_REFERENCE_BEFORE_START)
def results_references_before_start(record: Record, context: Context) -> Iterator[Hit]:
    start = record.date("startDateStruct")
    references = dicts(record.module("referencesModule").get("references"))
    if start is None or not references:
        return
    early = []  # (index, year) of the results references published before the start
    for index, reference in references:
        if reference.get("type") != "RESULT":
            continue
        years = [int(year) for year in _YEAR.findall(as_str(reference.get("citation")) or "")]
        if years and max(years) < start.year:
            early.append((index, max(years)))
    if not early:
        return
    years = sorted(year for _, year in early)
    if len(early) == 1:
        message = (f"a reference typed RESULT was published in {years[0]}, before the study "
                   f"started ({start}): type it BACKGROUND")  # fmt: skip
    else:
        span = f"{years[0]}" if years[0] == years[-1] else f"{years[0]}-{years[-1]}"
        message = (f"{len(early)} references typed RESULT were published ({span}) before the "
                   f"study started ({start}): type them BACKGROUND")  # fmt: skip
    (first, _), *others = early
    yield Hit(RESULTS_REFERENCE_BEFORE_START, message, (*REFERENCES, first, "type"),
              related=tuple((*REFERENCES, index, "type") for index, _ in others))  # fmt: skip
