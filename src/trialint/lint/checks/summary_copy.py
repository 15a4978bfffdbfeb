"""The study's descriptions (family T): the brief summary copied into the detailed description,
and a description that says nothing.

The detailed description is where a record says what its brief summary does not: the design
in detail, the procedures, the rationale. Pasted in whole, the summary makes the reader read
it twice and says nothing more; it is the most common duplicated text of registry records.
A summary or a description of a word or two ('As above', 'See Attached Documents') is there
and says nothing at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.placeholders import placeholder
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.quoting import quote_short
from trialint.rule import Severity, rule

_MODULE = "protocolSection:\n  descriptionModule:\n"
_SUMMARY = (
    "Adults who had a knee replaced are randomly assigned to supervised exercise training or "
    "usual care, and their walking is compared after 12 weeks."
)
_MORE = (
    "Training takes place twice a week in the hospital's gym, led by a physiotherapist. "
    "Walking is measured as the distance covered in six minutes."
)

SUMMARY_IN_DESCRIPTION = rule(
    "T026", "summary-repeated-in-description", Severity.WARNING,
    "A detailed description that repeats the brief summary word for word, whole or in its "
    "greater part.",
    "The detailed description extends the brief summary with what it does not say, and "
    "duplicates no other data element (PRS data element definitions, Detailed Description; "
    "registry-quality rules, section 2, duplicated text: 'the brief summary copied into the "
    "detailed description'). Read sentence by sentence, blanks set aside: four fifths of the "
    "summary's text (in sentences of 20 characters or more) written in the description as it "
    "is in the summary, for a summary of 100 characters or more; a description that reuses a "
    "sentence or two is not reported. Corpus: 29 records; the 28 outside the held-out recall "
    "sample read, all copies (2 descriptions that are the summary and nothing else, 4 copies "
    "with a word or a sentence changed).",
    fails=(f"{_MODULE}    briefSummary: {_SUMMARY}\n"
           f"    detailedDescription: {_SUMMARY} {_MORE}\n",),
    passes=(f"{_MODULE}    briefSummary: {_SUMMARY}\n    detailedDescription: {_MORE}\n",),
)  # fmt: skip

_DESCRIPTION = ("protocolSection", "descriptionModule")
# Where a sentence (or a clause of a list) ends: the summary is compared piece by piece, so that
# a sentence edited in the copy leaves the rest a copy.
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_SHORTEST_SUMMARY = 100  # a sentence or two restated is an introduction, not a copy
_SHORTEST_SENTENCE = 20  # "Background:", "1." say nothing
_COPIED_SHARE = 0.8


@check(SUMMARY_IN_DESCRIPTION)
def summary_in_description(record: Record, context: Context) -> Iterator[Hit]:
    module = record.module("descriptionModule")
    summary = " ".join((as_str(module.get("briefSummary")) or "").split())
    description = " ".join((as_str(module.get("detailedDescription")) or "").split())
    if len(summary) < _SHORTEST_SUMMARY or not description:
        return
    sentences = [s for s in _SENTENCE_END.split(summary) if len(s) >= _SHORTEST_SENTENCE]
    written = sum(map(len, sentences))
    copied = sum(len(sentence) for sentence in sentences if sentence in description)
    if not written or copied < _COPIED_SHARE * written:
        return
    opening = quote_short(summary, 40)
    if description == summary:
        message = (f"the detailed description is the brief summary ({opening}), word for "
                   "word: leave it out, or say what the summary does not")  # fmt: skip
    else:
        message = (f"the detailed description repeats the brief summary ({opening}) word for "
                   "word: say there only what the summary does not")  # fmt: skip
    yield Hit(SUMMARY_IN_DESCRIPTION, message, (*_DESCRIPTION, "detailedDescription"),
              related=((*_DESCRIPTION, "briefSummary"),))  # fmt: skip


PLACEHOLDER_DESCRIPTION = rule(
    "T032", "description-says-nothing", Severity.WARNING,
    "A brief summary or detailed description of four words or fewer, or a placeholder: 'As "
    "above', 'See Attached Documents', 'Efferent', '2.5 years.'.",
    "The brief summary tells the public what the study is about, and the detailed "
    "description what it does in more detail than the summary (PRS data element "
    "definitions, Brief Summary and Detailed Description); neither can do so in four words. "
    "A phrase that points elsewhere ('As above', 'See attached') or stands in for text (the "
    "placeholders of rules/placeholder-descriptions.yaml, which the arm and intervention "
    "rules share) says nothing at any length. An empty detailed description is the "
    "registry's 'optional', and not reported. Recall tuning samples: 2 of the 2 such "
    "descriptions marked by their curators. Corpus: 5 records, all read, all real (a "
    "placeholder, a stray word, a duration, a phrase cut off, a reference to attachments).",
    fails=(f"{_MODULE}    briefSummary: {_SUMMARY}\n    detailedDescription: As above\n",),
    passes=(f"{_MODULE}    briefSummary: {_SUMMARY}\n    detailedDescription: {_MORE}\n",),
)  # fmt: skip
_FEWEST_WORDS = 5  # 'Efferent', 'See Attached Documents', 'Traumatic brain injuries (TBI)...'
# Each description, as a message names it, and what it is for.
_FIELDS = (
    ("briefSummary", "brief summary", "what the study is about"),
    ("detailedDescription", "detailed description",
     "what the study does, in more detail than the summary"),
)  # fmt: skip


@check(PLACEHOLDER_DESCRIPTION)
def description_says_something(record: Record, context: Context) -> Iterator[Hit]:
    module = record.module("descriptionModule")
    for key, name, purpose in _FIELDS:
        text = as_str(module.get(key))
        if text is None or not text.strip():
            continue
        words = len(text.split(maxsplit=_FEWEST_WORDS))  # counted no further than needed
        what = placeholder(text)
        if what is None and words < _FEWEST_WORDS:
            what = f"is {words} word{'s' if words > 1 else ''} long"
        if what is not None:
            yield Hit(PLACEHOLDER_DESCRIPTION,
                      f"the {name} ({quote_short(text, 40)}) {what}: say {purpose}",
                      (*_DESCRIPTION, key))  # fmt: skip
