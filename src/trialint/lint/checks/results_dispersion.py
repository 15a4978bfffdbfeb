"""Results (family R): a measure's dispersion that its measure type does not allow.

A mean, a median or any other central value is read with its spread or precision: 12.4
metres means little without a standard deviation, an interquartile range or a confidence
interval. A count of participants is exact and has none. The Results Data Element
Definitions make the Measure of Dispersion/Precision required for every measure type but
the counts, 'Not Applicable' for the counts, and the geometric coefficient of variation a
measure of geometric means only. The outcome measures of API v2 write the dispersion as PRS
shows it ('Standard Deviation', '95% Confidence Interval'), the baseline measures as a code
(STANDARD_DEVIATION, CONFIDENCE_95): both are read.
"""

from __future__ import annotations

from collections.abc import Iterator

from trialint.lint.checks.placeholders import plain
from trialint.lint.checks.results_section import every_measure
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import Record, as_str
from trialint.quoting import quote_short
from trialint.rule import Severity, rule

_MEASURE = (
    "resultsSection:\n  outcomeMeasuresModule:\n    outcomeMeasures:\n"
    "      - {{type: PRIMARY, title: {title}, paramType: {param},{dispersion}\n"
    "         unitOfMeasure: {unit}, timeFrame: Week 12}}\n"
)
_WALK = {"title": "Six-minute Walk Distance", "unit": "meters"}
_EVENTS = {"title": "Number of Participants With Adverse Events", "unit": "Participants"}
_DEFINITIONS = (
    "The Results Data Element Definitions (Outcome Measure and Baseline Measure Data: "
    "Measure Type, Measure of Dispersion/Precision, required) "
)

MEASURE_WITHOUT_DISPERSION = rule(
    "R005", "measure-without-dispersion", Severity.ERROR,
    "A mean, median, least squares mean, geometric mean or log mean reported with no "
    "measure of dispersion or precision (or 'Not Applicable').",
    _DEFINITIONS + "require a measure of dispersion or precision (standard deviation, "
    "standard error, inter-quartile range, full range, a confidence interval) with every "
    "measure type but the counts: a central value alone says nothing of how the values "
    "spread, nor how precisely it is known, and the reader cannot compare the groups "
    "(CONSORT item 17a asks the same of journals). PRS does not accept the measure without "
    "it. Corpus: none among the 58 records with results (PRS validated them).",
    fails=(_MEASURE.format(**_WALK, param="MEAN", dispersion=""),
           _MEASURE.format(**_WALK, param="MEDIAN", dispersion=" dispersionType: NA,")),
    passes=(_MEASURE.format(**_WALK, param="MEAN",
                            dispersion=" dispersionType: Standard Deviation,"),
            _MEASURE.format(**_WALK, param="MEDIAN",
                            dispersion=" dispersionType: Inter-Quartile Range,")),
)  # fmt: skip
DISPERSION_UNFIT_FOR_MEASURE = rule(
    "R006", "dispersion-unfit-for-measure", Severity.ERROR,
    "A measure of dispersion its measure type does not take: a count of participants or "
    "of units with one, or a geometric coefficient of variation with a measure that is not "
    "a geometric mean.",
    _DEFINITIONS + "give a count of participants or of units no dispersion ('Not "
    "Applicable': a count is exact), and the geometric coefficient of variation to geometric "
    "means alone (it is the spread of the logarithms). A dispersion entered with another "
    "measure type is a value whose meaning the reader cannot know: usually the measure "
    "type is wrong (a mean entered as a count). Corpus: none among the 58 records with "
    "results (PRS validated them).",
    fails=(_MEASURE.format(**_EVENTS, param="COUNT_OF_PARTICIPANTS",
                           dispersion=" dispersionType: Standard Deviation,"),
           _MEASURE.format(**_WALK, param="MEAN",
                           dispersion=" dispersionType: Geometric Coefficient of Variation,")),
    passes=(_MEASURE.format(**_EVENTS, param="COUNT_OF_PARTICIPANTS", dispersion=""),
            _MEASURE.format(**_WALK, param="GEOMETRIC_MEAN",
                            dispersion=" dispersionType: Geometric Coefficient of Variation,")),
)  # fmt: skip

_CENTRAL = frozenset({
    "MEAN", "MEDIAN", "LEAST_SQUARES_MEAN", "GEOMETRIC_MEAN", "GEOMETRIC_LEAST_SQUARES_MEAN",
    "LOG_MEAN",
})  # fmt: skip
_COUNTS = frozenset({"COUNT_OF_PARTICIPANTS", "COUNT_OF_UNITS"})
_GEOMETRIC = frozenset({"GEOMETRIC_MEAN", "GEOMETRIC_LEAST_SQUARES_MEAN"})
# A dispersion that is none, as plain words (placeholders.plain: "N/A" is "n a")
_NOT_APPLICABLE = frozenset({"", "na", "n a", "not applicable"})


@check(MEASURE_WITHOUT_DISPERSION, DISPERSION_UNFIT_FOR_MEASURE)
def dispersion_of_measures(record: Record, context: Context) -> Iterator[Hit]:
    for path, measure in every_measure(record):
        param = as_str(measure.get("paramType"))
        if param is None:
            continue  # no data posted (reportingStatus NOT_POSTED), or the schema's to say
        written = as_str(measure.get("dispersionType"))
        dispersion = plain(written or "")  # lowercased, 'N/A' as 'n a'
        none = dispersion in _NOT_APPLICABLE
        title = quote_short(as_str(measure.get("title")) or "", 50)
        kind = param.lower().replace("_", " ")
        if param in _CENTRAL and none:
            yield Hit(MEASURE_WITHOUT_DISPERSION,
                      f"the {kind} of {title} has no measure of dispersion or precision: "
                      "give its standard deviation, standard error, inter-quartile range or "
                      "confidence interval",
                      (*path, "paramType"))  # fmt: skip
        elif (
            written
            and not none
            and (param in _COUNTS or ("coefficient" in dispersion and param not in _GEOMETRIC))
        ):
            yield Hit(DISPERSION_UNFIT_FOR_MEASURE,
                      f"the {kind} of {title} is given a {quote_short(written)} dispersion, "
                      "which it does not take: correct the measure type or the dispersion",
                      (*path, "dispersionType"), related=((*path, "paramType"),))  # fmt: skip
