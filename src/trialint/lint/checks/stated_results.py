"""Text (family T): results stated in the protocol's description of the study.

The brief summary and the detailed description say what a study will do and why. A record
that states its own findings there ("All outcome variables were significantly improved in
the exercise group", "Results: no significant difference was found in both groups") puts
results where no reviewer checks them and where a reader takes them for the registry's:
results go to the results section, whose data PRS validates (issue 20's review comments;
curators reading real records mark them). A sentence about what earlier studies found is
background, and is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import ahocorasick_rs

from trialint.lint.checks.sentences import sentence_around
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.patterns import lazy_pattern
from trialint.quoting import quote_short
from trialint.rule import Severity, rule

_SUMMARY = "protocolSection:\n  descriptionModule:\n    briefSummary: "

RESULTS_IN_DESCRIPTION = rule(
    "T015", "results-in-description", Severity.WARNING,
    "A brief summary or detailed description that states this study's results: a finding "
    "about its groups ('... were significantly improved in the exercise group'), a p-value, "
    "a 'Results:' or 'Conclusion:' paragraph.",
    "The description is the protocol's: what will be done and why (PRS definitions, Brief "
    "Summary and Detailed Description). Results belong in the results section, where PRS "
    "validates them; stated in the description they escape that review, and a reader takes "
    "them for the registry's. Read sentence by sentence: one that states a finding (a "
    "significant difference, a p-value, 'Results:', 'proved to be') about this study ('the "
    "control group', 'both groups', 'this study', 'our results'), and says nothing of "
    "earlier or published work ('previous', 'et al', 'reported', 'studies'), which is "
    "background. Corpus: 4 records, all real.",
    fails=(_SUMMARY + "'Adults train for 12 weeks. Results: walking distance was "
           "significantly improved in the exercise group.'\n",),
    passes=(_SUMMARY + "Adults train for 12 weeks. Previous studies found that walking "
            "distance was significantly improved in the exercise group.\n",),
)  # fmt: skip

_FINDING = lazy_pattern(
    # the lookahead passes over, in one test, each character no inline finding starts with
    r"(?=[wianps])(?:\b(?:was|were|is|are)\s+(?:(?:statistically\s+)?significantly\s+\w+"
    r"|(?:proved|proven|shown)\s+to\s+be\b)"
    r"|\b(?:no\s+)?significant\s+differences?\s+(?:was|were)\s+(?:found|observed|seen)"
    r"|\bp\s*[<=\u2264]\s*0?\.\d+)"
    r"|(?:^|\n)\s*(?:results?|conclusions?)\s*:",
    re.IGNORECASE,
)
# What every _FINDING holds, looked for first: a pattern tried at every character of a
# description costs ten times one pass of an automaton for these.
_FINDING_WORDS = (
    "signific", "proved", "proven", "shown to be", "p <", "p<", "p =", "p=",
    "p \u2264", "p\u2264", "results:", "result:", "results :", "conclusion",
)  # fmt: skip
_THIS_STUDY = lazy_pattern(
    r"\b(?:both|all|two|three|four)\s+(?:[\w-]+\s+)?groups\b|\bthe\s+[\w-]+\s+groups?\b"
    r"|\b(?:this|the\s+present|the\s+current)\s+(?:study|trial)\b|\bour\s+(?:study|trial|results)\b"
    r"|(?:^|\n)\s*conclusions?\s*:",
    re.IGNORECASE,
)
_OTHER_WORK = lazy_pattern(
    r"\b(?:previous(?:ly)?|prior|earlier|another|published|literature|studies|reported"
    r"|has\s+been\s+shown|have\s+shown|meta-?analys\w*|et\s+al|if|whether|hypothes\w+)\b",
    re.IGNORECASE,
)
_DESCRIPTION = ("protocolSection", "descriptionModule")
_QUOTED = 70  # characters of the sentence the message quotes


@cache
def _finding_words() -> ahocorasick_rs.AhoCorasick:
    """_FINDING_WORDS as an automaton: one pass in C finds them all."""
    return ahocorasick_rs.AhoCorasick(_FINDING_WORDS)


@check(RESULTS_IN_DESCRIPTION)
def results_in_description(record: Record, context: Context) -> Iterator[Hit]:
    module = record.module("descriptionModule")
    for key in ("briefSummary", "detailedDescription"):
        text = as_str(module.get(key))
        if not text:
            continue
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = text  # a letter whose lowercase is longer (İ): read as written
        found = _stated_result(text, lowered)
        if found is not None:
            start, end = found
            field = "brief summary" if key == "briefSummary" else "description"
            stated = quote_short(text[start:end], _QUOTED)
            yield Hit(RESULTS_IN_DESCRIPTION,
                      f"the {field} states results ({stated}); results go in the results "
                      "section, the description says what the study will do",
                      (*_DESCRIPTION, key), within=(start, end - start))  # fmt: skip
            return


def _stated_result(text: str, lowered: str) -> tuple[int, int] | None:
    """Where the first sentence stating this study's result is, or None. Only the sentences
    around the words every finding holds are read: most descriptions hold none of them, and
    are decided by scans in C."""
    read_to = -1
    for _, at, _ in _finding_words().find_matches_as_indexes(lowered):
        if at < read_to:
            continue  # in the sentence just read
        start, end = sentence_around(text, at)
        read_to = end
        sentence = text[start:end]
        if (
            _FINDING().search(sentence)
            and _THIS_STUDY().search(sentence)
            and not _OTHER_WORK().search(sentence)
        ):
            return start, end
    return None
