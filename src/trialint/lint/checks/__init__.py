"""The built-in checks, one module per family; importing this package registers them all.

| family | module |
|---|---|
| T text: typos, duplicated words, escapes and encoding artefacts | text |
| T text: misspellings found by the spelling detector | spelling |
| P phases | phases |
| A arms, interventions and design | arms |
| D status, dates and enrollment | dates |
| O outcomes | outcomes |
| E eligibility | eligibility |
| C contacts | contacts |
| I identifiers | identifiers |
"""

from trialint.lint.checks import (
    arms,
    contacts,
    dates,
    eligibility,
    identifiers,
    outcomes,
    phases,
    spelling,
    text,
)

__all__ = [
    "arms",
    "contacts",
    "dates",
    "eligibility",
    "identifiers",
    "outcomes",
    "phases",
    "spelling",
    "text",
]
