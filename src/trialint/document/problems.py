"""Rules for files that cannot be read as records (family F).

A file trialint cannot read is reported like any other problem, at its line and column, so a
curator fixes it in the same pass as the rest, and the other files are still checked.
"""

from __future__ import annotations

from trialint.rule import Severity, rule, status_module

# An identification module written in flow style, its closing brace on the next line.
_IDENTIFICATION = (
    "protocolSection:\n  identificationModule: {nctId: NCT04711200, orgStudyIdInfo: {id: A-1},\n"
)

SYNTAX_ERROR = rule(
    "F001",
    "syntax-error",
    Severity.ERROR,
    "The file is not well-formed YAML or JSON.",
    "Nothing in a file can be checked until it parses. The three slips that break most "
    "records are told in a curator's words, with the remedy: ': ' inside unquoted text (quote "
    "the text), a tab used for indentation (YAML indents with spaces), a quote never closed "
    "(reported where the quoted text starts, not where the parser gave up). Any other error "
    "is the parser's own message, at the line and column where it gave up.",
    fails=(_IDENTIFICATION + "    briefTitle: Exercise After Knee Replacement\n",),
    passes=(_IDENTIFICATION + "    briefTitle: Exercise After Knee Replacement}\n",),
)

DUPLICATE_KEY = rule(
    "F002",
    "duplicate-key",
    Severity.ERROR,
    "A key appears twice in the same mapping.",
    "YAML forbids it and most parsers silently keep the last value, so one of the two values "
    "a curator typed is lost without a word. trialint keeps the last value, as the registry's "
    "JSON parsers do, and names both lines.",
    fails=(
        "protocolSection:\n  conditionsModule:\n    conditions: [Asthma]\n    conditions: [COPD]\n",
    ),
    passes=("protocolSection:\n  conditionsModule:\n    conditions: [Asthma, COPD]\n",),
)

EMPTY_FILE = rule(
    "F003",
    "empty-file",
    Severity.ERROR,
    "The file holds no record.",
    "An empty record file (or one with only comments) is usually a failed export or an "
    "unfinished edit.",
    fails=("# nothing here yet\n",),
    passes=("protocolSection: {}\n",),
)

BINARY_FILE = rule(
    "F004",
    "binary-file",
    Severity.ERROR,
    "The file is binary, not text.",
    "Records are text (YAML or JSON); a NUL byte means the file is something else, or text in "
    "an encoding such as UTF-16 that YAML tools rarely read the same way.",
)

INVALID_ENCODING = rule(
    "F005",
    "invalid-encoding",
    Severity.ERROR,
    "The file is not valid UTF-8.",
    "YAML and JSON records are exchanged as UTF-8 (the registry serves UTF-8). A file saved in "
    "Latin-1 or Windows-1252 turns every accented name (Créteil, Hôpitaux) into mojibake "
    "downstream.",
)

ALIAS_LIMIT = rule(
    "F006",
    "alias-expansion-limit",
    Severity.ERROR,
    "YAML aliases repeat more than 20 times the file's size, nest values too deep, or refer "
    "to themselves.",
    "A few lines of nested anchors and aliases can expand to billions of values (the "
    "'billion laughs' attack), and one long text or list aliased thousands of times to "
    "millions: every tool that reads the file walks each repetition. A record whose writer "
    "shared its repeated parts (PyYAML writes the same contact at 5,000 sites once, then "
    "aliases) repeats less than its own size, so trialint reads aliases that add up to 20 "
    "times the file's size (at least 10,000 characters) and refuses the file beyond, at the "
    "alias that passes the limit, instead of expanding it; as it does an alias that would "
    "nest values more than 64 levels deep (see F008).",
    fails=(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
    ),
    passes=(
        "protocolSection:\n  conditionsModule:\n    conditions: &asthma [Asthma]\n"
        "    keywords: *asthma\n",
    ),
)

UNSUPPORTED_TAG = rule(
    "F007",
    "unsupported-tag",
    Severity.ERROR,
    "A value carries a YAML tag other than the standard JSON-compatible ones.",
    "Records hold JSON data: strings, numbers, booleans, null, lists and mappings. Tags such "
    "as !!binary, !!timestamp or application-specific ones mean different things to different "
    "tools; the value is read as plain text.",
    fails=(status_module(statusVerifiedDate="!!timestamp 2024-03-01"),),
    passes=(status_module(statusVerifiedDate="!!str 2024-03"),),
)

TOO_DEEP = rule(
    "F008",
    "nesting-too-deep",
    Severity.ERROR,
    "Values are nested deeper than any record needs.",
    "A study record nests about ten levels deep. Thousands of levels only crash parsers and "
    "validators (stack exhaustion), so trialint stops reading such a file.",
)

NOT_A_STUDY = rule(
    "F009",
    "not-a-study",
    Severity.ERROR,
    "The file's top level is not a study, a list of studies or an API page.",
    "trialint reads what the registry serves: one study (a mapping with protocolSection), a "
    "list of studies, or a page {studies: [...]}. Anything else cannot be checked.",
    fails=("- just\n- a list of words\n",),
    passes=("protocolSection: {}\n",),
)

COMPLEX_KEY = rule(
    "F010",
    "complex-key",
    Severity.ERROR,
    "A mapping key is itself a list or a mapping.",
    "Record keys are field names. A list or mapping used as a key (YAML's `? ` syntax) has no "
    "JSON equivalent; the entry is skipped.",
    fails=("? [a, b]\n: value\n",),
    passes=("protocolSection: {}\n",),
)

NUMBER_TOO_LONG = rule(
    "F011",
    "number-too-long",
    Severity.ERROR,
    "A number with more digits than can be read (4,300): no registry field holds one.",
    "The registry's numbers are counts, ages and results that fit in a few digits. A number "
    "thousands of digits long is a slip of an editor or a generator, and converting it costs "
    "time that grows with the square of its length (Python refuses past 4,300 digits for that "
    "reason): trialint reads it as text and says where it is. The example cannot be shown "
    "here: it is 4,301 digits long.",
)

CHECK_FAILED = rule(
    "F012",
    "check-failed",
    Severity.ERROR,
    "A check failed on the record: a bug in trialint, reported so that nothing is hidden.",
    "A check meeting a value it did not expect is trialint's bug, not the record's. It is "
    "reported as a finding of its own, naming the rules that could not be judged, and every "
    "other check still runs: one failing check never erases a record's other findings (as "
    "cfn-lint reports a rule that failed to process a template).",
)
