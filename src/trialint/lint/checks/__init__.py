"""The built-in checks, one module per family, listed in ``trialint.lint.catalog.FAMILIES``.

| family | module |
|---|---|
| T text: typos, duplicated words, escapes and encoding artefacts | text |
| T text: misspellings found by the spelling detector | spelling |
| T text: full-width punctuation, lost exponents, stray marks, missing spaces | typography |
| T text: results stated in the description | stated_results |
| T text: a bracket opened and never closed | brackets |
| T text: the brief summary copied into the detailed description | summary_copy |
| T text: a text cut off at its field's length limit | truncation |
| T text: a table or figure the record does not hold | figures |
| P phases | phases |
| A arms, interventions and design | arms |
| A a study type the record contradicts | study_type |
| A masking the record contradicts | masking |
| A an intervention's description and name; one-arm crossover; no experimental arm | interventions |
| D status, dates and enrollment | dates |
| O outcomes | outcomes |
| O a time frame unfit for the measure or the title, measures a title numbers | outcome_fit |
| E eligibility | eligibility |
| C contacts | contacts |
| C contacts named by a role or a unit | contact_roles |
| C several overall principal investigators | officials |
| C facilities named by people | sites |
| C a site's city that is a region, a ZIP code of another place | cities |
| C a data-sharing plan its description contradicts | ipd_sharing |
| I identifiers | identifiers |
| I results references that predate the study | references |
| R results: a unit of measure its title contradicts, or a placeholder | results_units |
| R results: no one analysed or at risk, and nothing that says why | results_populations |
| R results: a mean without its dispersion, a count with one | results_dispersion |
| R results: a participant flow that does not start with the enrollment | results_flow |
| R results: results before the primary completion (estimated, recruiting) | results_timing |
| R results: adverse event counts at odds, no time frame | results_adverse_events |
| R results: a baseline Total that is not the sum of its groups | results_totals |
| R what participants are paid, written in the protocol's text | payment_amounts |
"""
