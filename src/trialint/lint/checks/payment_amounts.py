"""Results (family R): how much participants are paid, written in the protocol's text.

The description and the eligibility criteria say what a study does and whom it takes. An
amount a participant is paid ("You will be compensated for each study visit: $50") is
recruiting copy: it dates quickly, differs between sites and misleads a reader of the
registry, and PRS's review asks that it be removed (a Major comment, 'payment amounts ...
in protocol text', registry-quality-rules.md 39). That compensation is offered may stay;
only a sentence that names a sum with a word of payment is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from trialint.lint.checks.sentences import sentence_around
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.patterns import lazy_pattern
from trialint.quoting import quote_short
from trialint.rule import Severity, rule

_SUMMARY = "protocolSection:\n  descriptionModule:\n    briefSummary: "
_FIELDS = (
    (("descriptionModule", "briefSummary"), "brief summary"),
    (("descriptionModule", "detailedDescription"), "detailed description"),
    (("eligibilityModule", "eligibilityCriteria"), "eligibility criteria"),
)

PAYMENT_AMOUNT_IN_PROTOCOL = rule(
    "R011", "payment-amount-in-protocol", Severity.WARNING,
    "A brief summary, detailed description or eligibility criteria that say how much "
    "participants are paid ('You will be compensated $50 for each visit').",
    "PRS's review comments ask that payment amounts be taken out of the protocol's text "
    "(ClinicalTrials.gov Major Comments, 'payment amounts, or results, in protocol text', "
    "registry-quality-rules.md 39): an amount is recruiting copy, differs between sites "
    "and dates; the record says what the study does. Reported once a field, at the first "
    "sum of money (a currency sign or name) whose sentence speaks of paying, compensating, "
    "reimbursing or a stipend; saying that participants are compensated is not reported. "
    "Results stated in the description are T015's. Corpus: 2 records, both read, both "
    "real ('You will be compensated for each study visit (visit 1: $50, ...', 'They will "
    "be compensated a total sum of $175').",
    fails=(_SUMMARY + "Adults train for 12 weeks and are compensated $50 for each visit.\n",),
    passes=(_SUMMARY + "Adults train for 12 weeks and are compensated for their time.\n",),
)  # fmt: skip

_AMOUNT = lazy_pattern(
    r"[$€£¥]\s?\d[\d,.]*|\b(?:US\s?\$|USD|EUR|GBP|CAD|AUD|CHF|RMB|CNY)\s?\d[\d,.]*"
    r"|\b\d[\d,.]*\s?(?:dollars?|euros?|pounds|yuan|USD|EUR|GBP|CAD|AUD|CHF|RMB|CNY)\b",
    re.IGNORECASE,
)
_PAYMENT = lazy_pattern(
    r"\b(?:paid|pay|payments?|compensat\w*|reimburs\w*|stipends?|gift\s*cards?|vouchers?"
    r"|incentives?|remunerat\w*|honorari\w*)\b",
    re.IGNORECASE,
)
# What any sum of money and any word of payment above contains, looked for in the lowercased
# text before either pattern runs: most fields name no currency, and a substring search of
# a few letters costs a fraction of a pattern's scan of a long text.
_CURRENCY_HINTS = ("$", "€", "£", "¥", "usd", "eur", "gbp", "cad", "aud", "chf", "rmb", "cny",
                   "dollar", "pound", "yuan")  # fmt: skip
_PAYMENT_HINTS = ("pay", "paid", "compensat", "reimburs", "stipend", "gift", "voucher",
                  "incentive", "remunerat", "honorari")  # fmt: skip


@check(PAYMENT_AMOUNT_IN_PROTOCOL)
def payment_amount_in_protocol(record: Record, context: Context) -> Iterator[Hit]:
    for (module, key), field in _FIELDS:
        text = as_str(record.module(module).get(key))
        if not text:
            continue
        lower = text.lower()
        if not any(hint in lower for hint in _CURRENCY_HINTS) or not any(
            hint in lower for hint in _PAYMENT_HINTS
        ):
            continue
        for amount in _AMOUNT().finditer(text):
            start, end = sentence_around(text, amount.start())
            if _PAYMENT().search(text, start, end):
                paid = amount.group().rstrip(".,")
                yield Hit(PAYMENT_AMOUNT_IN_PROTOCOL,
                          f"the {field} says what participants are paid "
                          f"({quote_short(paid)}): say at most that "
                          "they are compensated; amounts belong to the consent form",
                          ("protocolSection", module, key),
                          within=(amount.start(), len(paid)))  # fmt: skip
                break
