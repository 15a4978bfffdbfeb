"""Outcomes (family O): an outcome whose description defines another endpoint.

Oncology trials list the same few time-to-event and response endpoints, and their outcomes
are often written by copying one and editing its title: 'Duration of Response' keeps the
description 'To assess the overall objective response rate (ORR)', 'Overall Survival' the
description of progression-free survival. The title and the description then say two
different things, and a reader cannot tell which one the trial measures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.outcomes import OUTCOMES, each_outcome
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.quoting import quoted
from trialint.rule import Severity, rule

ANOTHER_ENDPOINT = rule(
    "O018", "description-of-another-endpoint", Severity.WARNING,
    "An outcome titled with one oncology endpoint whose description names another and never "
    "its own: 'Duration of Response' described as 'the overall objective response rate "
    "(ORR)'.",
    "An outcome's description explains the measure its title names (PRS definitions, Outcome "
    "Measure Description); a description that defines another endpoint was copied from "
    "another outcome and not edited, and the two say different things. Read for the "
    "endpoints trials define alike, by name or abbreviation: overall survival, "
    "progression-free survival, objective response rate, duration of response, disease "
    "control rate, disease-free survival, event-free survival and time to progression; only "
    "a title naming exactly one of them, and a description naming another but not it. "
    "Corpus: 3, all real (DoR described as ORR, OS as PFS, PFS as DFS).",
    fails=("protocolSection:\n  outcomesModule:\n    primaryOutcomes:\n"
           "      - measure: Duration of Response (DoR)\n"
           "        description: The overall objective response rate (ORR).\n"
           "        timeFrame: Up to 2 years\n",),
    passes=("protocolSection:\n  outcomesModule:\n    primaryOutcomes:\n"
            "      - measure: Duration of Response (DoR)\n"
            "        description: Time from the first response (ORR) to progression (DoR).\n"
            "        timeFrame: Up to 2 years\n",),
)  # fmt: skip

# The endpoints, each by its names and abbreviations (abbreviations matched with their case).
_ENDPOINTS = {
    "overall survival": r"(?i:overall survival)|\bOS\b",
    "progression-free survival": r"(?i:progress(?:ion|ive)[- ]free survival)|\bPFS\b",
    "objective response rate": r"(?i:(?:objective|overall) (?:response|remission) rate)|\bORR\b",
    "duration of response": r"(?i:duration of (?:the )?(?:overall )?response)|\bD[oO]R\b",
    "disease control rate": r"(?i:disease control rate)|\bDCR\b",
    "disease-free survival": r"(?i:disease[- ]free survival)|\bDFS\b",
    "event-free survival": r"(?i:event[- ]free survival)|\bEFS\b",
    "time to progression": r"(?i:time to (?:disease )?progression)|\bTTP\b",
}
_PATTERNS = {name: re.compile(pattern) for name, pattern in _ENDPOINTS.items()}
# Letters every endpoint's name or abbreviation holds, lowercased (one clue at least for each
# of _ENDPOINTS' alternatives): a text without any of them names none, told by searches in C
# before a pattern is tried.
_CLUES = ("surviv", "respon", "control rate", "progress", "os", "pfs", "orr", "dor", "dcr",
          "dfs", "efs", "ttp")  # fmt: skip


def _named(text: str) -> set[str]:
    lowered = text.lower()
    if not any(clue in lowered for clue in _CLUES):
        return set()
    return {name for name, pattern in _PATTERNS.items() if pattern.search(text)}


@check(ANOTHER_ENDPOINT)
def endpoint_descriptions(record: Record, context: Context) -> Iterator[Hit]:
    for key, kind, index, outcome in each_outcome(record):
        measure = as_str(outcome.get("measure")) or ""
        description = as_str(outcome.get("description")) or ""
        titled = _named(measure)
        if len(titled) != 1 or not description:
            continue
        described = _named(description)
        if described and titled.isdisjoint(described):
            [own] = titled
            others = " and ".join(sorted(described))
            yield Hit(ANOTHER_ENDPOINT,
                      f"{kind} outcome {quoted(measure)} is {own}, but its description defines "
                      f"{others}: describe the outcome the title names",
                      (*OUTCOMES, key, index, "description"),
                      related=((*OUTCOMES, key, index, "measure"),))  # fmt: skip
