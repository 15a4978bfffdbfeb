"""Regular expressions compiled the first time they are used.

Compiling a pattern costs 0.1 to 1 ms; a module compiling each of its patterns at import pays
for all of them in every run, where a pre-commit run of one file reaches only the checks its
record calls for. A pattern that serves a check most records never reach is declared with
:func:`lazy_pattern` and called where it is used::

    _DOSING = lazy_pattern(r"\\b(?:mg|ml)\\b", re.IGNORECASE)
    ...
    if _DOSING().search(text):

A pattern most records use stays a plain ``re.compile`` (it is compiled in any run).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache


def lazy_pattern(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """The pattern ``re.compile(source, flags)``, compiled at the first call and then kept."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(source, flags)

    return compiled
