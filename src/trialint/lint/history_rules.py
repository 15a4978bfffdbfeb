"""The history rules (family H) as rules: their codes, documentation and examples.

They are judged by ``trialint.diff.history`` over two or more versions of a study; they are
declared here, with the other families, so that the catalog lists them (``rules``,
``explain``, selection) without the lint importing the diff.

Examples are YAML streams of versions, oldest first, separated by ``---``; each document is a
fragment whose modules stand in for those of a complete record.
"""

from __future__ import annotations

from trialint.rule import Rule, Severity, rule

_STATUS = "protocolSection:\n  statusModule:\n"


def _versions(*documents: str) -> str:
    return "---\n".join(documents)


def _start(date: str, kind: str) -> str:
    return f"    startDateStruct: {{date: '{date}', type: {kind}}}\n"


def _legacy_start(date: str, updated: str) -> str:
    """A start date with no type, as records first submitted before 2017 give it."""
    return f"    startDateStruct: {{date: '{date}'}}\n    lastUpdateSubmitDate: '{updated}'\n"


def _primary(measure: str, time_frame: str) -> str:
    return (
        f"  outcomesModule:\n    primaryOutcomes:\n"
        f"      - {{measure: {measure}, timeFrame: {time_frame}}}\n"
    )


PRIMARY_OUTCOME_CHANGED = rule(
    "H001", "primary-outcome-changed-after-start", Severity.WARNING,
    "A primary outcome switched after the study started: another measure, instrument, "
    "criterion or time points, or an outcome added, removed or moved to or from the secondary "
    "ones; not a rewording of the same outcome (results style, a synonym, a time frame split out).",
    "Changing the primary outcome once participants are enrolled can turn a negative trial "
    "into a positive one; 31.7% of registered trials changed theirs (Ramagopalan et al., "
    "F1000Research 2014), and such changes are a reason reviewers distrust results (Holst et "
    "al., PLoS Med 2023). Raters of outcome switching judge what an outcome measures, not its "
    "words (COMPare, Goldacre et al., Trials 2019): the rule compares the instruments, "
    "criteria and time points each version names (trialint.diff.outcome_switch), and says "
    "which kind of change it found. Reported when the earlier version's start date was ACTUAL, "
    "or, as records first submitted before 2017 give it, had no type and was no later than "
    "that version's last update.",
    fails=(
        _versions(
            _STATUS + _start("2021-02-01", "ACTUAL"),
            _STATUS + _start("2021-02-01", "ACTUAL") + _primary("Knee pain at week 12", "Week 12"),
        ),
        _versions(
            _STATUS + _start("2021-02-01", "ACTUAL") + _primary("Berg Balance Scale", "Week 12"),
            _STATUS + _start("2021-02-01", "ACTUAL") + _primary("Timed Up and Go", "Week 12"),
        ),
        _versions(
            _STATUS + _start("2021-02-01", "ACTUAL") + _primary("Knee pain", "Week 12"),
            _STATUS + _start("2021-02-01", "ACTUAL") + _primary("Knee pain", "Week 24"),
        ),
        _versions(
            _STATUS + _legacy_start("2008-03", "2009-05-02") + _primary("Knee pain", "Week 12"),
            _STATUS + _legacy_start("2008-03", "2010-01-04") + _primary("Knee pain", "Week 24"),
        ),
    ),
    passes=(
        _versions(
            _STATUS + _start("2021-02-01", "ESTIMATED"),
            _STATUS + _start("2021-02-01", "ESTIMATED")
            + _primary("Knee pain at week 12", "Week 12"),
        ),
        _versions(
            _STATUS + _legacy_start("2010-03", "2009-05-02") + _primary("Knee pain", "Week 12"),
            _STATUS + _legacy_start("2010-03", "2009-09-01") + _primary("Knee pain", "Week 24"),
        ),
        _versions(
            _STATUS + _start("2021-02-01", "ACTUAL") + _primary("Response at day 10", "Day 10"),
            _STATUS + _start("2021-02-01", "ACTUAL")
            + _primary("Number of Participants With Response at Day 10", "Day 10"),
        ),
    ),
)  # fmt: skip
START_DATE_CHANGED = rule(
    "H002", "start-date-changed-after-start", Severity.WARNING,
    "A start date changed after it was ACTUAL, or moved from before to after the first posting.",
    "An ACTUAL start date is the day the first participant enrolled: it does not move. Moving "
    "the start past the registration date makes a retrospectively registered trial look "
    "prospective (2.0% of 2015 registrations did; Holst & Carlisle, Trials 2024).",
    fails=(_versions(_STATUS + _start("2021-02-01", "ACTUAL"),
                     _STATUS + _start("2021-04-01", "ACTUAL")),),
    passes=(_versions(_STATUS + _start("2021-02-01", "ESTIMATED"),
                      _STATUS + _start("2021-04-01", "ESTIMATED")),),
)  # fmt: skip
STATUS_BACKWARDS = rule(
    "H003", "status-went-backwards", Severity.WARNING,
    "An overall status that went back to an earlier stage (COMPLETED to RECRUITING).",
    "A study moves from not yet recruiting to recruiting, active and then complete; going back "
    "means one of the two versions misstated it (PRS definitions, Overall Recruitment Status).",
    fails=(_versions(_STATUS + "    overallStatus: COMPLETED\n",
                     _STATUS + "    overallStatus: RECRUITING\n"),),
    passes=(_versions(_STATUS + "    overallStatus: RECRUITING\n",
                      _STATUS + "    overallStatus: COMPLETED\n"),),
)  # fmt: skip
ENROLLMENT_DECREASED = rule(
    "H004", "actual-enrollment-decreased", Severity.WARNING,
    "An ACTUAL enrollment that went down.",
    "Once counted, enrolled participants stay enrolled (42 CFR 11.10(b)(18)): a smaller actual "
    "count means one of the versions is wrong, or participants were dropped from the count.",
    fails=(_versions("protocolSection:\n  designModule:\n    enrollmentInfo: {count: 120, "
                     "type: ACTUAL}\n", "protocolSection:\n  designModule:\n    enrollmentInfo: "
                     "{count: 96, type: ACTUAL}\n"),),
    passes=(_versions("protocolSection:\n  designModule:\n    enrollmentInfo: {count: 96, "
                      "type: ACTUAL}\n", "protocolSection:\n  designModule:\n    enrollmentInfo: "
                      "{count: 120, type: ACTUAL}\n"),),
)  # fmt: skip
COMPLETION_SLIPPED_AGAIN = rule(
    "H005", "completion-date-slipped-again", Severity.INFO,
    "A primary completion or completion date that slipped in two or more versions.",
    "Each slip may be explained; repeated ones are the pattern trial trackers flag (Jones et "
    "al., BMJ Open 2017: status and dates wrong or late in 31% of trials). Needs three versions "
    "at least: trialint diff --rev A..B --lint reads every version in between.",
    fails=(_versions(
        _STATUS + "    completionDateStruct: {date: '2024-01', type: ESTIMATED}\n",
        _STATUS + "    completionDateStruct: {date: '2024-06', type: ESTIMATED}\n",
        _STATUS + "    completionDateStruct: {date: '2025-01', type: ESTIMATED}\n",
    ),),
    passes=(_versions(
        _STATUS + "    completionDateStruct: {date: '2024-01', type: ESTIMATED}\n",
        _STATUS + "    completionDateStruct: {date: '2024-06', type: ESTIMATED}\n",
        _STATUS + "    completionDateStruct: {date: '2024-06', type: ACTUAL}\n",
    ),),
)  # fmt: skip

HISTORY_RULES: tuple[Rule, ...] = (
    PRIMARY_OUTCOME_CHANGED, START_DATE_CHANGED, STATUS_BACKWARDS, ENROLLMENT_DECREASED,
    COMPLETION_SLIPPED_AGAIN,
)  # fmt: skip
