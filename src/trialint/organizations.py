"""The legal forms companies write after their names ('Ltd', 'GmbH', 'Co., Ltd.', 'Inc.'):
one list, for the rules that compare organizations' names without them (C004) and those that
tell a company by its name (C030)."""

from __future__ import annotations

import re

# Forms only a company takes.
COMPANY_FORMS = frozenset({
    "ltd", "limited", "gmbh", "corp", "corporation", "plc", "pty", "sa", "sas", "srl", "ag",
    "bv", "nv", "a/s", "ab", "oy", "kk",
})  # fmt: skip
# Forms non-profits take too ('OCHIN, Inc.', a patients' association).
CORPORATION_FORMS = frozenset({"inc", "llc"})
LEGAL_FORMS = COMPANY_FORMS | CORPORATION_FORMS | {"co"}

_WORDS = re.compile(r"[a-z/]+")


def legal_form(name: str) -> str | None:
    """The legal form a name ends with, lowercased and without its dots ('Co., Ltd.' ends
    with 'ltd', 'K.K.' is 'kk'), or None."""
    words = _WORDS.findall(name.lower().replace(".", ""))
    return words[-1] if words and words[-1] in LEGAL_FORMS else None
