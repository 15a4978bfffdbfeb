"""Status, dates and enrollment (family D): whether the overall status, the start, primary
completion and completion dates (and their ACTUAL/ESTIMATED types), the sites' statuses and the
enrollment tell one consistent story, and whether the record is kept up to date.

The rules follow sections A, B and F of ``prs-rules.md`` (PRS data element definitions,
42 CFR 11) and were checked against the real records of ``../shared/corpus``. Two things in
the data shape them:

- Records first submitted before 2017-01-18 (42 CFR 11) often have dates without a type, no
  primary completion date, or no reason for stopping. That is history, not an error: the rules
  that need those fields apply only to records known to be under the final rule.
- Dates are compared at the coarser precision of the two (``PartialDate.compare``): a study
  that ends "2024-06" does not end before "2024-06-15".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta
from functools import lru_cache
from typing import Any

from trialint.lint.coverage import FDAAA_COVERS_FROM, VERIFY_MONTHS, classify, day_of
from trialint.lint.deadlines import (
    ResultsDue,
    add_months,
    primary_data_collected,
    results_due,
    results_submitted,
    verification_due,
)
from trialint.lint.engine import Context, Hit, check
from trialint.lint.record import (
    FDAAA,
    HELSINKI_REGISTRATION,
    ICMJE,
    REGISTRATION_DAYS,
    UPDATE_DAYS,
    Record,
    as_dict,
    as_str,
    per_record,
)
from trialint.partialdate import PartialDate, months_between
from trialint.registry import (
    ENROLLED_ONGOING_STATUSES,
    ENROLLING_STATUSES,
    ENROLLMENT_ENDED_STATUSES,
    EXPANDED_ACCESS_STATUSES,
    FINISHED_STATUSES,
    OPEN_STATUSES,
    RECRUITING_STATUSES,
    RECRUITMENT_STATUSES,
    STOPPED_STATUSES,
)
from trialint.registry import STUDY_DATES as REGISTRY_STUDY_DATES
from trialint.rule import Rule, Severity, rule

STATUS = ("protocolSection", "statusModule")
OVERALL_STATUS = (*STATUS, "overallStatus")
ENROLLMENT = ("protocolSection", "designModule", "enrollmentInfo")
LOCATIONS = ("protocolSection", "contactsLocationsModule", "locations")

STUDY_DATES = tuple(REGISTRY_STUDY_DATES)  # in the order a study lives them
START, PRIMARY, COMPLETION = STUDY_DATES
_LABEL = REGISTRY_STUDY_DATES  # the dates' names, as the registry's pages say them

OPEN, FINISHED, STOPPED = OPEN_STATUSES, FINISHED_STATUSES, STOPPED_STATUSES
_STILL_ENROLLING = ENROLLING_STATUSES
WHY_STOPPED_LIMIT = 250
_ONE_DAY = timedelta(days=1)
_FDAAA_START, _ICMJE_START = PartialDate.of(FDAAA), PartialDate.of(ICMJE)
_HELSINKI_START = PartialDate.of(HELSINKI_REGISTRATION)


def _status_module(body: str) -> str:
    """An example's statusModule: ``body`` is its indented lines after ``statusModule:``."""
    return "protocolSection:\n  statusModule:\n" + body


def _struct(name: str, day: str, kind: str | None = None) -> str:
    typed = f", type: {kind}" if kind else ""
    return f"    {name}: {{date: '{day}'{typed}}}\n"


# The examples' statusModules; they replace the good record's and keep its other modules
# (ACTUAL enrollment of 120, no results, one location without a status).
_VERIFIED = "    statusVerifiedDate: '2024-03'\n"
_SUBMITTED = "    studyFirstSubmitDate: '2020-12-01'\n    lastUpdateSubmitDate: '2024-03-10'\n"
_OBSERVATIONAL_DESIGN = (
    "  designModule:\n    studyType: OBSERVATIONAL\n"
    "    designInfo: {observationalModel: COHORT, timePerspective: PROSPECTIVE}\n"
    "    enrollmentInfo: {count: 120, type: ACTUAL}\n"
)
_ONGOING_ENROLLMENT = (
    "  designModule:\n    studyType: INTERVENTIONAL\n    phases: [NA]\n"
    "    enrollmentInfo: {count: 120, type: ESTIMATED}\n"
)


def _contacts(site_status: str | None = None) -> str:
    """An example's contactsLocationsModule: the good record's official and site, with a
    central contact (an open study must give one, rule C005) and the site's ``site_status``."""
    status = f"status: {site_status}, " if site_status else ""
    return (
        "  contactsLocationsModule:\n"
        "    centralContacts:\n      - {name: Jane Doe, role: CONTACT, "
        "email: jane.doe@example.org}\n"
        "    overallOfficials:\n      - {name: 'Jane Doe, MD', affiliation: Example University "
        "Hospital, role: PRINCIPAL_INVESTIGATOR}\n"
        f"    locations:\n      - {{facility: Example University Hospital, {status}city: Lyon, "
        "country: France}\n"
    )


def _ongoing(status: str, start: str = "ACTUAL", primary: str = "ESTIMATED",
             completion: str = "ESTIMATED", extra: str = "", site: str | None = None,
             primary_on: str = "2025-06", verified: str | None = None) -> str:  # fmt: skip
    """A study running on 2024-03-15, the test suite's today, with ESTIMATED enrollment, a
    central contact, and a site whose status is ``site``; its primary completion date is
    ``primary_on``, and it was last verified in ``verified`` (by default, this month)."""
    verification = _VERIFIED if verified is None else f"    statusVerifiedDate: '{verified}'\n"
    return _status_module(
        verification + f"    overallStatus: {status}\n" + extra
        + _struct(START, "2023-01-10", start) + _struct(PRIMARY, primary_on, primary)
        + _struct(COMPLETION, "2025-12", completion) + _SUBMITTED
    ) + _ONGOING_ENROLLMENT + _contacts(site)  # fmt: skip


def _closed(**fields: str) -> str:
    """An ACTIVE_NOT_RECRUITING study as ``_ongoing`` writes it, with the ACTUAL number
    enrolled that a study gives once recruitment has closed (D034)."""
    return _ongoing("ACTIVE_NOT_RECRUITING", **fields).replace(
        "{count: 120, type: ESTIMATED}", "{count: 112, type: ACTUAL}"
    )


def _planned(start: str = "ESTIMATED", primary: str = "ESTIMATED") -> str:
    """A NOT_YET_RECRUITING study planned to start after 2024-03-15."""
    return _status_module(
        _VERIFIED + "    overallStatus: NOT_YET_RECRUITING\n"
        + _struct(START, "2024-05", start) + _struct(PRIMARY, "2025-06", primary)
        + _struct(COMPLETION, "2025-12", "ESTIMATED") + _SUBMITTED
    ) + _ONGOING_ENROLLMENT + _contacts()  # fmt: skip


def _finished(status: str = "COMPLETED", start: str = "ACTUAL", primary: str = "ACTUAL",
              completion: str = "ACTUAL", extra: str = "") -> str:  # fmt: skip
    """A study that ended in 2023, with the good record's ACTUAL enrollment."""
    return _status_module(
        _VERIFIED + f"    overallStatus: {status}\n" + extra
        + _struct(START, "2021-02-01", start) + _struct(PRIMARY, "2023-06-30", primary)
        + _struct(COMPLETION, "2023-12-15", completion) + _SUBMITTED
    )  # fmt: skip


NOT_YET_RECRUITING_ACTUAL = rule(
    "D001", "not-yet-recruiting-with-actual-date", Severity.ERROR,
    "A NOT_YET_RECRUITING study with an ACTUAL start, primary completion or completion date.",
    "NOT_YET_RECRUITING means participants are not yet being recruited, and an ACTUAL start "
    "date is the date the first participant enrolled (PRS definitions, Overall Recruitment "
    "Status and Study Start Date): nobody is enrolled, so nothing can have started or ended. "
    "All 112 NOT_YET_RECRUITING records examined have ESTIMATED dates only (prs-rules.md A3).",
    fails=(_planned(start="ACTUAL"),),
    passes=(_planned(),),
)  # fmt: skip
ONGOING_ACTUAL_COMPLETION = rule(
    "D002", "ongoing-study-with-actual-completion", Severity.ERROR,
    "A RECRUITING, ENROLLING_BY_INVITATION, ACTIVE_NOT_RECRUITING or SUSPENDED study with an "
    "ACTUAL completion date.",
    "The study completion date is when the last participant was examined or received an "
    "intervention for the final time (42 CFR 11.10(a)); an ACTUAL completion date says the "
    "study is over, which these statuses deny. None of the 395 such records examined has one "
    "(prs-rules.md A4, A5).",
    fails=(_closed(completion="ACTUAL"),),
    passes=(_closed(),),
)  # fmt: skip
RECRUITING_ACTUAL_PRIMARY = rule(
    "D003", "recruiting-with-actual-primary-completion", Severity.WARNING,
    "A RECRUITING or ENROLLING_BY_INVITATION study with an ACTUAL primary completion date.",
    "The primary completion date is when the last participant was examined for the primary "
    "outcome (42 CFR 11.10(a)): a study still enrolling participants has not reached it. A "
    "warning, because 6 of 323 recruiting records examined have one (an extension phase can "
    "still recruit; prs-rules.md A4).",
    fails=(_ongoing("RECRUITING", primary="ACTUAL"),),
    passes=(_ongoing("RECRUITING"),),
)  # fmt: skip
ESTIMATED_START_AFTER_ENROLLMENT = rule(
    "D004", "estimated-start-after-enrollment", Severity.ERROR,
    "An ACTIVE_NOT_RECRUITING, COMPLETED or TERMINATED study whose start date is ESTIMATED.",
    "These statuses say participants were enrolled, and the start date must be changed to the "
    "ACTUAL date the first participant enrolled, within 30 days (PRS definitions, Study Start "
    "Date; 42 CFR 11.64). NCI's CTRP rules require an Actual start for every closed status; "
    "none of the 456 such typed start dates examined is ESTIMATED (prs-rules.md A5, A6).",
    fails=(_closed(start="ESTIMATED"),),
    passes=(_closed(),),
)  # fmt: skip
FINISHED_WITH_ESTIMATED_DATE = rule(
    "D005", "finished-study-with-estimated-date", Severity.ERROR,
    "A COMPLETED or TERMINATED study whose primary completion or completion date is ESTIMATED.",
    "The primary completion and completion dates are defined whether the study ended as "
    "planned or was terminated (42 CFR 11.10(a)), and must be updated to the ACTUAL dates "
    "within 30 days of reaching them (42 CFR 11.64). Of 1,399 typed dates on completed or "
    "terminated records examined, 2 are ESTIMATED (prs-rules.md A6).",
    fails=(_finished(completion="ESTIMATED"), _finished("TERMINATED", primary="ESTIMATED")),
    passes=(_finished(),),
)  # fmt: skip
ACTUAL_DATE_IN_FUTURE = rule(
    "D006", "actual-date-in-future", Severity.ERROR,
    "An ACTUAL start, primary completion or completion date later than the record's last "
    "update (or than today, when the record does not say when it was last updated).",
    "An ACTUAL date is the date an event happened (PRS definitions): it cannot be later than "
    "the update that reported it. Compared with lastUpdateSubmitDate, else the last update's "
    "posting date, else today, at the coarser precision. All 2,285 ACTUAL dates of the 1,472 "
    "records examined pass (prs-rules.md A7); in the corpus 7 are one day after "
    "lastUpdateSubmitDate (a sponsor's local date ahead of the registry's U.S. clock), so one "
    "day is allowed. Posting dates are not checked: their ESTIMATED type marks a pre-2017 "
    "display, not a future date (A14).",
    fails=(_finished().replace("2023-12-15", "2024-04-20"),),
    passes=(_finished(),),
)  # fmt: skip
ESTIMATED_DATE_IN_PAST = rule(
    "D007", "estimated-date-in-past", Severity.WARNING,
    "An ESTIMATED start, primary completion or completion date before the month the record "
    "was last verified.",
    "An estimated date that has passed must be updated: to the ACTUAL date if the event "
    "happened, or to a new estimate (PRS definitions; 42 CFR 11.64; NCI CTRP rules). Judged "
    "against the record's own statusVerifiedDate month, so a record is not blamed for time "
    "that passed after its last verification (overdue verification is rule D021). 1,530 of "
    "1,547 ESTIMATED dates examined pass, most exceptions being UNKNOWN records "
    "(prs-rules.md A7). A WITHDRAWN study never started or ended: its estimates stay as they "
    "were planned and are not judged.",
    fails=(_ongoing("RECRUITING").replace("2025-06", "2024-01"),),
    passes=(_ongoing("RECRUITING").replace("2025-06", "2024-03-01"),),
)  # fmt: skip
ESTIMATED_DATE_PASSED = rule(
    "D031", "estimated-date-passed", Severity.WARNING,
    f"An ESTIMATED start, primary completion or completion date that passed more than "
    f"{UPDATE_DAYS} days ago (today, or --today), on a study neither ended nor withdrawn.",
    "A date reached is made ACTUAL, or given a new estimate, within 30 days (42 CFR "
    "11.64(a)(1)(ii); prs-rules.md F3): an estimate long past tells a reader nothing of when "
    "the study really started or ended. D007 judges a date against the record's last "
    "verification; this rule against today, for records no one has verified since the date "
    "passed (D021 reports the verification itself), and names the date that needs the "
    "update. Not judged where another rule reports the date: an ended study's estimate (D004, "
    "D005), an open study's passed completion date (D022), an UNKNOWN study's dates (D015 "
    "tells its story in one finding); nor on a WITHDRAWN study, whose estimates stay as they "
    "were planned. A date of a month or a year has passed when its last day has.",
    fails=(_ongoing("RECRUITING", primary_on="2024-01-20", verified="2023-12"),),
    passes=(_ongoing("RECRUITING", primary_on="2024-02", verified="2023-12"),),
)  # fmt: skip
DATES_OUT_OF_ORDER = rule(
    "D008", "dates-out-of-order", Severity.ERROR,
    "A primary completion date before the start date, or a completion date before the primary "
    "completion date (or before the start date, when there is no primary completion date).",
    "The start date is when the first participant enrolled, the primary completion date when "
    "the last was examined for the primary outcome, and the completion date when the last was "
    "examined at all (PRS definitions, 42 CFR 11.10(a)): they come in that order. Compared at "
    "the coarser precision; all 1,380 and 1,373 pairs examined are in order (prs-rules.md A8).",
    fails=(_finished().replace("2023-12-15", "2023-05"),),
    passes=(_finished().replace("2023-12-15", "2023-06"),),
)  # fmt: skip
WITHDRAWN_WITH_ENROLLMENT = rule(
    "D009", "withdrawn-with-enrollment", Severity.ERROR,
    "A WITHDRAWN study whose enrollment count is above 0.",
    "WITHDRAWN means the study halted before its first participant enrolled (PRS definitions, "
    "Overall Recruitment Status), so the enrollment is ACTUAL 0. 33 of 34 withdrawn records "
    "examined say so; the exception is a legacy record keeping its anticipated 20 "
    "(prs-rules.md A9).",
    fails=(_finished("WITHDRAWN", extra="    whyStopped: No funding\n"),),
    passes=(_finished("WITHDRAWN", start="ESTIMATED", extra="    whyStopped: No funding\n")
            + "  designModule:\n    studyType: INTERVENTIONAL\n    phases: [NA]\n"
            "    enrollmentInfo: {count: 0, type: ACTUAL}\n",),
)  # fmt: skip
WITHDRAWN_WITH_ACTUAL_START = rule(
    "D010", "withdrawn-with-actual-start", Severity.WARNING,
    "A WITHDRAWN study whose start date is ACTUAL.",
    "An ACTUAL start date is the date the first participant enrolled; WITHDRAWN means no "
    "participant ever did (PRS definitions). One of the two is wrong: the study is TERMINATED, "
    "or its start date is still an estimate. A warning, because 7 of 34 withdrawn records "
    "examined have an ACTUAL start (prs-rules.md A2, A9).",
    fails=(_ongoing("WITHDRAWN", extra="    whyStopped: No funding\n"),),
    passes=(_ongoing("WITHDRAWN", start="ESTIMATED", extra="    whyStopped: No funding\n")
            .replace("120, type: ESTIMATED", "0, type: ACTUAL"),),
)  # fmt: skip
WHY_STOPPED_MISSING = rule(
    "D011", "why-stopped-missing", Severity.ERROR,
    "A SUSPENDED, TERMINATED or WITHDRAWN study without whyStopped, on a record first "
    "submitted on or after 2017-01-18.",
    "Why Study Stopped is required when the status is Suspended, Terminated or Withdrawn (PRS "
    "definitions). Records registered before 42 CFR 11 (2017-01-18) are exempt, because the "
    "registry does not require it of them: the 6 of 53 stopped records in the corpus without "
    "a reason were all first submitted before it, and the registry accepted 3 of them at "
    "updates after it (2018, 2018 and 2020; 2 of the 4 such legacy XML records too; "
    "prs-rules.md A10). Their gap is reported at info by D026. Records that do not give "
    "studyFirstSubmitDate are not judged.",
    fails=(_finished("TERMINATED"),),
    passes=(_finished("TERMINATED", extra="    whyStopped: Slow accrual\n"),),
)  # fmt: skip
WHY_STOPPED_TOO_LONG = rule(
    "D012", "why-stopped-too-long", Severity.ERROR,
    f"A whyStopped longer than the registry's limit of {WHY_STOPPED_LIMIT} characters.",
    "Why Study Stopped: 'a brief explanation', limit 250 characters (PRS definitions; all 90 "
    "reasons examined fit; prs-rules.md A10, E3).",
    fails=(_finished("TERMINATED", extra=f"    whyStopped: {'Slow accrual. ' * 20}\n"),),
    passes=(_finished("TERMINATED", extra="    whyStopped: Slow accrual\n"),),
)  # fmt: skip
SITE_RECRUITING_STUDY_NOT = rule(
    "D013", "site-recruiting-under-other-status", Severity.ERROR,
    "A location whose status is RECRUITING while the study's overall status is not RECRUITING "
    "(for an UNKNOWN study: its last known status).",
    "'If at least one facility in a multi-site clinical study has an Individual Site Status of "
    "Recruiting, then the Overall Recruitment Status for the study must be Recruiting' (PRS "
    "definitions). In the records examined, every study with a recruiting site is RECRUITING "
    "or UNKNOWN, whose status the registry overwrote, so an UNKNOWN study is judged by its "
    "lastKnownStatus (prs-rules.md A11).",
    fails=(_ongoing("ACTIVE_NOT_RECRUITING", site="RECRUITING"),),
    passes=(_ongoing("RECRUITING", site="RECRUITING"),),
)  # fmt: skip
RECRUITING_WITHOUT_SITE = rule(
    "D014", "recruiting-without-recruiting-site", Severity.WARNING,
    "A RECRUITING study whose locations all have a status and none of them is RECRUITING.",
    "A study recruits at its sites: when every site says it is not recruiting, either the "
    "overall status or a site status is out of date (PRS definitions, Overall Recruitment "
    "Status and Individual Site Status). All 323 recruiting records examined have a recruiting "
    "site (prs-rules.md A11).",
    fails=(_ongoing("RECRUITING", site="COMPLETED"),),
    passes=(_ongoing("RECRUITING", site="RECRUITING"),),
)  # fmt: skip
UNKNOWN_STATUS = rule(
    "D015", "unknown-status", Severity.WARNING,
    "A study whose status is UNKNOWN; the finding gives its lastKnownStatus and whether its "
    "completion date has passed.",
    "The registry sets UNKNOWN, sponsors cannot: a study that was recruiting, not yet "
    "recruiting, active or enrolling by invitation, whose record was not verified for 2 years "
    "(and, in the current wording, has passed its completion date) is shown as 'Unknown "
    "status', keeping the sponsor's last status in lastKnownStatus (ClinicalTrials.gov "
    "glossary; prs-rules.md A12). Readers cannot tell whether it is running, finished or "
    "abandoned; verifying the record and setting its real status ends that. The finding "
    "also names the dates the sponsor left ESTIMATED after they passed (start, primary "
    "completion, completion): they are updated with the status (42 CFR 11.64(a)(1)(ii)), and "
    "a curator marks each; the other date rules leave an UNKNOWN study's dates to this one.",
    fails=(_ongoing("UNKNOWN", extra="    lastKnownStatus: RECRUITING\n"),),
    passes=(_ongoing("RECRUITING"),),
)  # fmt: skip
EXPANDED_ACCESS_STATUS = rule(
    "D016", "status-for-other-study-type", Severity.ERROR,
    "An expanded-access status (AVAILABLE, NO_LONGER_AVAILABLE, TEMPORARILY_NOT_AVAILABLE, "
    "APPROVED_FOR_MARKETING) on a study that is not EXPANDED_ACCESS, or a recruitment status "
    "on one that is.",
    "The expanded-access statuses apply only to expanded-access records, and the recruitment "
    "statuses (Not yet recruiting ... Withdrawn) to interventional and observational studies "
    "(PRS definitions, Overall Recruitment Status; prs-rules.md A1, C6).",
    fails=(_finished("AVAILABLE"),),
    passes=(_finished(),),
)  # fmt: skip
DATE_TYPE_MISSING = rule(
    "D017", "date-type-missing", Severity.ERROR,
    "A start, primary completion or completion date without its ACTUAL/ESTIMATED type, on a "
    "record first submitted on or after 2017-01-18.",
    "Each of these dates is given with its type, Anticipated (ESTIMATED) or Actual, and the "
    "type is required for records under 42 CFR 11 (PRS definitions). Older records often lack "
    "it (447 legacy start dates examined, against 2 later ones; prs-rules.md A13), and the "
    "registry does not require it of them even at later updates: 46 of the 88 API v2 records "
    "of the corpus first submitted before 2017-01-18 and updated after it still have an "
    "untyped start date (21 of 39 legacy XML records). So they are not judged here, but "
    "reported at info by D027; records without studyFirstSubmitDate are not judged.",
    fails=(_finished().replace(", type: ACTUAL}\n    primary", "}\n    primary"),),
    passes=(_finished(),),
)  # fmt: skip
ENROLLMENT_NOT_ACTUAL = rule(
    "D018", "enrollment-not-actual", Severity.ERROR,
    "ESTIMATED enrollment on a study whose primary completion date is ACTUAL, or that is "
    "COMPLETED or TERMINATED.",
    "When the primary completion date becomes ACTUAL, the enrollment must be updated to the "
    "ACTUAL number of participants at the same time (42 CFR 11.10(b)(18), 11.64(a)(1)(ii)). "
    "All 62 typed enrollments of terminated records examined are ACTUAL; 19 of 658 completed "
    "ones are not (prs-rules.md B2).",
    fails=(_finished() + _ONGOING_ENROLLMENT,),
    passes=(_finished(),),
)  # fmt: skip
ACTUAL_ENROLLMENT_NOT_YET = rule(
    "D019", "actual-enrollment-before-recruitment", Severity.ERROR,
    "ACTUAL enrollment on a NOT_YET_RECRUITING study.",
    "Before recruitment nobody is enrolled: the enrollment is the ESTIMATED target (PRS "
    "definitions, Enrollment). All 112 NOT_YET_RECRUITING records examined have ESTIMATED "
    "enrollment (prs-rules.md B3).",
    fails=(_planned().replace("120, type: ESTIMATED", "120, type: ACTUAL"),),
    passes=(_planned(),),
)  # fmt: skip
ACTUAL_ENROLLMENT_RECRUITING = rule(
    "D020", "actual-enrollment-while-recruiting", Severity.WARNING,
    "ACTUAL enrollment on a RECRUITING or ENROLLING_BY_INVITATION study.",
    "While participants are still being enrolled the total is not known: the enrollment is the "
    "ESTIMATED target until enrollment ends (PRS definitions, Enrollment). All 332 recruiting "
    "and enrolling-by-invitation records examined have ESTIMATED enrollment (prs-rules.md B3).",
    fails=(_ongoing("RECRUITING").replace("120, type: ESTIMATED", "120, type: ACTUAL"),),
    passes=(_ongoing("RECRUITING"),),
)  # fmt: skip
ENROLLMENT_ESTIMATED_AFTER_RECRUITMENT = rule(
    "D034", "enrollment-estimated-after-recruitment", Severity.INFO,
    "ESTIMATED enrollment on an ACTIVE_NOT_RECRUITING study whose primary completion is not "
    "yet ACTUAL and none of whose sites is recruiting.",
    "ACTIVE_NOT_RECRUITING means new participants are no longer recruited or enrolled (PRS "
    "definitions, Overall Recruitment Status): the number enrolled is known, and a reader "
    "(or a meta-researcher counting participants) takes the ESTIMATED target for it. The "
    "law asks for the ACTUAL number only at the primary completion date (42 CFR "
    "11.64(a)(1)(ii), D018), and the registry accepts the target until then (25 of 57 such "
    "records in prs-rules.md B3), so this is information, not a warning: a study paused "
    "before its target is reached may keep it. Corpus: 19, those outside the held-out "
    "recall sample read (the target left after recruitment closed); curators of the tuning "
    "samples marked 3 of 4.",
    fails=(_ongoing("ACTIVE_NOT_RECRUITING"),),
    passes=(_closed(),),
)  # fmt: skip
VERIFICATION_OVERDUE = rule(
    "D021", "verification-overdue", Severity.WARNING,
    f"A study not yet COMPLETED, TERMINATED or WITHDRAWN whose record was last verified more "
    f"than {VERIFY_MONTHS} months ago.",
    "The Record Verification Date must be updated at least every 12 months, even when nothing "
    "changed, until the study is completed, terminated or withdrawn (42 CFR 11.64(a)(1)(ii)); "
    "PRS lists such records as 'Not Recently Updated', and after 2 years the registry shows an "
    "open study as UNKNOWN (prs-rules.md F2, A12). UNKNOWN studies are reported by D015 "
    "instead. Judged against today (--today).",
    fails=(_ongoing("RECRUITING").replace("'2024-03'", "'2023-02'"),),
    passes=(_ongoing("RECRUITING").replace("'2024-03'", "'2023-04'"),),
)  # fmt: skip
STALE_OPEN_STATUS = rule(
    "D022", "open-status-after-completion", Severity.ERROR,
    "A RECRUITING, NOT_YET_RECRUITING, ACTIVE_NOT_RECRUITING or ENROLLING_BY_INVITATION study "
    "whose completion date (or primary completion date, when there is none) has passed.",
    "A study past its completion date is over: its status must be updated within 30 days of a "
    "change (42 CFR 11.64), to COMPLETED, TERMINATED or, if it never enrolled, WITHDRAWN, or "
    "the completion date moved to a new estimate. FDAAA TrialsTracker and registry audits flag "
    "this pattern (registry-quality-rules.md rule 1). Judged against today (--today) at the "
    "coarser precision.",
    fails=(_closed().replace("2025-06", "2023-12").replace("2025-12", "2024-02"),),
    passes=(_closed().replace("2025-06", "2024-03").replace("2025-12", "2024-03"),),
)  # fmt: skip
RESULTS_NOT_POSTED = rule(
    "D023", "results-not-posted", Severity.INFO,
    "A COMPLETED or TERMINATED interventional study that is not an applicable clinical trial "
    "(D028 reports those), without results more than 12 months after its primary completion "
    "date (or its completion date, when there is none; 36 months with a certificate of "
    "delay).",
    "The WHO Statement on Public Disclosure of Clinical Trial Results (2015), endorsed by "
    "funders in the 2017 Joint Statement, asks for key outcomes in the registry within 12 "
    "months of completion. The law (FDAAA 801, 42 CFR 11.44) makes results due only for "
    "applicable clinical trials, which D028 reports, at error; for the others the finding "
    "says that no results are posted, not that they are due, at info (`trialint "
    "explain-study` says why a study is not covered). Trials with no participant, "
    "observational studies and trials that reached primary completion before 2007-12-26 "
    "(outside FDAAA, before the results database) are not reported.",
    fails=(_finished().replace("2023-06-30", "2022-12-31"),),
    passes=(_finished(),),
)  # fmt: skip
_US_SITE = (
    "  contactsLocationsModule:\n    overallOfficials:\n      - {name: 'Jane Doe, MD', "
    "affiliation: Example University Hospital, role: PRINCIPAL_INVESTIGATOR}\n"
    "    locations:\n      - {facility: Example University Hospital, city: Boston, "
    "state: Massachusetts, country: United States}\n"
)
REGISTERED_LATE = rule(
    "D024", "registered-late", Severity.WARNING,
    f"An interventional study first submitted more than {REGISTRATION_DAYS} days after its "
    "ACTUAL start date (started on or after 2007-09-27); the finding gives the number of days, "
    "and says when the registration was retrospective, after the primary completion.",
    "A clinical trial is registered before, or within 21 days after, the first participant "
    "enrolls (FDAAA 801 and 42 CFR 11.24(a) for applicable clinical trials; the ICMJE requires "
    "registration before the first enrolment for publication; WHO). A record first submitted "
    "after its primary completion was registered retrospectively: its outcomes were chosen "
    "knowing the data (registry-quality-rules.md rule 12; prs-rules.md F1). Judged from the "
    "record's own studyFirstSubmitDate and start date (a month-only start counts from the "
    "month's last day); a start date without a type (records before 2017) counts as ACTUAL when "
    "it precedes the submission. WITHDRAWN studies enrolled nobody and are not judged. In the "
    "corpus 152 of the 639 interventional studies were registered late, 56 of them "
    "retrospectively (every one read is: the dates are the registry's own). A warning, not an "
    "error: the 21-day limit binds applicable clinical trials (the ICMJE's 'before enrolment' "
    "binds those its journals publish), and the record cannot say which.",
    fails=(_finished(extra="").replace("2020-12-01", "2021-03-15"),),
    passes=(_finished(extra="").replace("2020-12-01", "2021-02-20"),),
)  # fmt: skip
REGISTERED_LATE_HISTORY = rule(
    "D025", "registered-late-before-fdaaa", Severity.INFO,
    f"An interventional study that started before 2007-09-27 and was first submitted more than "
    f"{REGISTRATION_DAYS} days after its start.",
    "Prospective registration became ICMJE policy for trials starting from 2005-07-01 and law "
    "with FDAAA 801 (2007-09-27; trials already running then were registered by 2007-12-26): "
    "a study that started before then and was registered late is history, not a defect its "
    "sponsor can still fix, but a reader weighing its results wants to know (as D024 says, "
    "the finding gives the days and whether the registration was retrospective). A separate "
    "code from D024 so that an audit can keep one and ignore the other. In the corpus 21 "
    "records, 16 of them started before the ICMJE policy and 5 retrospectively registered.",
    fails=(_finished(extra="").replace("2021-02-01", "2006-02-01")
           .replace("2020-12-01", "2006-09-01"),),
    passes=(_finished(extra="").replace("2021-02-01", "2006-02-01")
            .replace("2020-12-01", "2006-01-20"),),
)  # fmt: skip
OBSERVATIONAL_REGISTERED_LATE = rule(
    "D032", "observational-registered-late", Severity.INFO,
    f"An observational study that started on or after 2013-10-19 and was first submitted more "
    f"than {REGISTRATION_DAYS} days after its ACTUAL start date; the finding gives the days.",
    "The Declaration of Helsinki asks, since its Fortaleza revision (October 2013, paragraph "
    "35), that every research study involving human subjects be registered in a public "
    "database before its first subject is recruited: observational studies too, though no "
    "law (FDAAA 801 binds trials) and no journal policy (the ICMJE's binds trials) enforces "
    "it. A reader of an observational study registered after it began cannot tell whether its "
    "questions were fixed before the data were seen, and curators mark it. Information, with "
    f"D024's allowance of {REGISTRATION_DAYS} days and the same reading of the dates. In the "
    "corpus 77 of the 198 observational studies that started since 2013-10 were registered "
    "late, up to years after their start.",
    fails=(_finished(extra="").replace("2020-12-01", "2021-03-15") + _OBSERVATIONAL_DESIGN,),
    passes=(_finished(extra="").replace("2020-12-01", "2021-02-20") + _OBSERVATIONAL_DESIGN,),
)  # fmt: skip
WHY_STOPPED_MISSING_LEGACY = rule(
    "D026", "why-stopped-missing-legacy", Severity.INFO,
    "A SUSPENDED, TERMINATED or WITHDRAWN study without whyStopped, on a record first "
    "submitted before 2017-01-18 (D011's legacy counterpart).",
    "D011 exempts records registered before 42 CFR 11 because the registry accepts them "
    "without a reason for stopping even after later updates: in the corpus 3 of the 12 stopped "
    "API v2 records first submitted before 2017-01-18 and updated after it (2 of 4 of the "
    "legacy XML ones) still give no whyStopped; 6 API v2 and 4 legacy XML records in all. Not "
    "an error the registry raises, but a gap an auditor reading why trials stopped needs to "
    "see, hence info. One code per legacy gap (D026 reason for stopping, D027 date types, "
    "D030 start date) rather than one 'legacy' code, as ruff gives a code to each thing a "
    "user may ignore: the gaps differ in weight and number (a few unexplained stops against "
    "a hundred untyped start dates), and an auditor who wants one should not have to wade "
    "through the other. To treat legacy gaps as one, select or ignore the three codes "
    "together.",
    fails=(_finished("TERMINATED").replace("2020-12-01", "2015-06-01"),),
    passes=(_finished("TERMINATED", extra="    whyStopped: Slow accrual\n")
            .replace("2020-12-01", "2015-06-01"),),
)  # fmt: skip
DATE_TYPE_MISSING_LEGACY = rule(
    "D027", "date-type-missing-legacy", Severity.INFO,
    "A start, primary completion or completion date without its ACTUAL/ESTIMATED type, on a "
    "record first submitted before 2017-01-18 (D017's legacy counterpart); one finding per "
    "record.",
    "D017 exempts records registered before 42 CFR 11 because the registry accepts them "
    "without date types even after later updates: 46 of the 88 API v2 records in the corpus "
    "first submitted before 2017-01-18 and updated after it still have a start date without a "
    "type (21 of 39 of the legacy XML ones), nearly always the start date. Whether such a date "
    "happened or was planned is then unknown; reported at info, once per record, so an auditor "
    "sees which legacy records leave it open (see D026 for why each legacy gap has its own "
    "code). In the corpus 116 API v2 and 56 legacy XML records.",
    fails=(_finished().replace(", type: ACTUAL}\n    primary", "}\n    primary")
           .replace("2020-12-01", "2015-06-01"),),
    passes=(_finished().replace("2020-12-01", "2015-06-01"),),
)  # fmt: skip
_FDA_DEVICE = (
    "  oversightModule: {oversightHasDmc: false, isFdaRegulatedDrug: false, "
    "isFdaRegulatedDevice: true}\n"
)
RESULTS_DUE = rule(
    "D028", "results-due", Severity.ERROR,
    "An applicable clinical trial (an ACT, or a probable ACT, as FDAAA TrialsTracker judges "
    "them) without results more than 12 months and 30 days after its primary completion date "
    "(3 years and 30 days with a certificate of delay); the finding gives the days overdue.",
    "FDAAA 801 and 42 CFR 11.44 require the results of an applicable clinical trial within 12 "
    "months of its primary completion date, or up to 2 years later with a certificate of "
    "delay (11.44(b), (c)). Whether a trial is covered is judged as FDAAA TrialsTracker does "
    "(DeVito, Bacon, Goldacre, bioRxiv 266452): interventional, not withdrawn, not phase 1 "
    "alone nor a device feasibility study, and either an FDA-regulated drug or device "
    "(oversightModule) started on or after 2017-01-18 (an ACT), or a trial started before, "
    "still running on that day, of a drug, device, biological or other FDA-regulated "
    "intervention with a site in the United States or its territories or an FDA-regulated "
    "product (a pACT). Like TrialsTracker, the count starts from the primary completion date "
    "(the completion date when there is none; a month-only date from the month's last day, "
    "which the finding says) and a trial is due 30 days after the deadline; the days overdue "
    "count from the deadline; results submitted and under review count as reported. Judged "
    "once the study is COMPLETED or TERMINATED or its primary completion is ACTUAL. An error: "
    "the law's deadline has passed (`trialint explain-study` shows the reasons). In the "
    "corpus (at 2024-03-15) 17 records: 16 ACTs (device and drug trials marked FDA-"
    "regulated) and 1 older US drug trial (a pACT); each read.",
    fails=(_finished().replace("2023-06-30", "2022-12-31") + _US_SITE + _FDA_DEVICE,),
    passes=(_finished() + _US_SITE + _FDA_DEVICE, _finished() + _US_SITE),
)  # fmt: skip
LATE_CERTIFICATE = rule(
    "D033", "late-certificate", Severity.WARNING,
    "A certificate of delay (dispFirstSubmitDate) first submitted more than 12 months after "
    "the primary completion date (or the completion date, when there is none).",
    "A certification that delays the results of an applicable clinical trial by up to 2 years "
    "must be submitted before the results are due, 12 months after primary completion (42 CFR "
    "11.44(b), (c)); FDAAA TrialsTracker marks a later one as late (its `late_cert`) though "
    "it still grants the 3 years (registry-quality-rules.md rule 14), and so does D028. A "
    "warning: the registry accepts the certificate, and only the FDA judges whether it "
    "stands. A month-only date counts from the month's last day.",
    fails=(_finished(extra="    dispFirstSubmitDate: '2023-08-01'\n")
           .replace("2023-06-30", "2022-06-30"),),
    passes=(_finished(extra="    dispFirstSubmitDate: '2023-06-01'\n")
            .replace("2023-06-30", "2022-06-30"),),
)  # fmt: skip

START_DATE_MISSING = rule(
    "D029", "start-date-missing", Severity.ERROR,
    "An interventional or observational study without a start date, on a record first "
    "submitted on or after 2017-01-18.",
    "Study Start Date is required of every interventional and observational study (PRS "
    "definitions, `*`; 42 CFR 11.28(a)(2)); expanded-access records have none. The schema "
    "does not require it because the registry still serves records without one: real records "
    "registered between 2006 and 2011, and expanded-access records (3 of the corpus's legacy "
    "XML records). Every corpus record first submitted since 2017-01-18 has one. Records "
    "first submitted before are D030; records without studyFirstSubmitDate are not judged.",
    fails=("protocolSection:\n  statusModule:\n    statusVerifiedDate: '2024-03'\n"
           "    overallStatus: COMPLETED\n" + _struct(PRIMARY, "2023-06-30", "ACTUAL")
           + _struct(COMPLETION, "2023-12-15", "ACTUAL") + _SUBMITTED,),
    passes=(_finished(),),
)  # fmt: skip
START_DATE_MISSING_LEGACY = rule(
    "D030", "start-date-missing-legacy", Severity.INFO,
    "An interventional or observational study without a start date, on a record first "
    "submitted before 2017-01-18 (D029's legacy counterpart).",
    "The registry serves records registered between 2006 and 2011 without a start date, and "
    "accepted them so: not an error it raises, but a reader cannot tell when the study began "
    "(WHO Trial Registration Data Set item 16, date of first enrolment). Reported at info, "
    "with its own code like the other legacy gaps (see D026). No API v2 record of the corpus "
    "lacks a start date.",
    fails=("protocolSection:\n  statusModule:\n    statusVerifiedDate: '2024-03'\n"
           "    overallStatus: COMPLETED\n" + _struct(PRIMARY, "2010-06-30")
           + _struct(COMPLETION, "2010-12-15") + "    studyFirstSubmitDate: '2008-12-01'\n"
           "    lastUpdateSubmitDate: '2024-03-10'\n",),
    passes=(_finished().replace("2020-12-01", "2008-12-01")
            .replace("2021-02-01", "2009-02-01"),),
)  # fmt: skip


# --- helpers ---------------------------------------------------------------------------------


def _date_path(struct: str, key: str = "date") -> tuple[str, ...]:
    return (*STATUS, struct, key)


@per_record
def _date_types(record: Record) -> dict[str, str | None]:
    """The type (ACTUAL, ESTIMATED) of the start, primary completion and completion dates."""
    return {struct: record.date_type(struct) for struct in STUDY_DATES}


@per_record
def _study_dates(record: Record) -> dict[str, tuple[PartialDate, str | None]]:
    """The start, primary completion and completion dates that are valid dates, with types."""
    types = _date_types(record)
    return {
        struct: (day, types[struct])
        for struct in STUDY_DATES
        if (day := record.date(struct)) is not None
    }


def _typed(record: Record, kind: str) -> list[str]:
    """The date structs (start, primary completion, completion) whose type is ``kind``."""
    return [struct for struct, typed in _date_types(record).items() if typed == kind]


def _describe(record: Record, struct: str) -> str:
    """'completion date 2024-06' (or without the date when it is not a valid one)."""
    day = record.date(struct)
    return f"{_LABEL[struct]} {day}" if day is not None else _LABEL[struct]


@per_record
def _enrollment(record: Record) -> tuple[int | None, str | None]:
    info = as_dict(record.design.get("enrollmentInfo"))
    count = info.get("count")
    if isinstance(count, bool) or not isinstance(count, int):
        count = None
    return count, as_str(info.get("type"))


def _first_date(record: Record, structs: tuple[str, ...]) -> tuple[str, PartialDate] | None:
    """The first of ``structs`` that holds a valid date, with that date."""
    dates = _study_dates(record)
    for struct in structs:
        if struct in dates:
            return struct, dates[struct][0]
    return None


def _end_date(record: Record) -> tuple[str, PartialDate] | None:
    """The completion date, or the primary completion date when there is no completion date."""
    return _first_date(record, (COMPLETION, PRIMARY))


def _last_update(record: Record) -> tuple[str, PartialDate] | None:
    """When the record was last updated, and the field's name in messages: the submission
    date, else the posting date."""
    submitted = record.date("lastUpdateSubmitDate")
    if submitted is not None:
        return "lastUpdateSubmitDate", submitted
    posted = record.date("lastUpdatePostDateStruct")
    return None if posted is None else ("posted", posted)


def _latest_actual(update: tuple[str, PartialDate] | None, context: Context) -> PartialDate:
    """The latest an ACTUAL date can be: the last update, else today."""
    if update is None:
        return PartialDate.of(context.today)
    updated = update[1]
    if updated.day is None:
        return updated
    # The registry dates submissions on its U.S. clock; a sponsor ahead of it may enter its own
    # (next) day as an ACTUAL date: allow that day.
    return _day_after(updated)


@lru_cache(maxsize=4096)
def _day_after(day: PartialDate) -> PartialDate:
    """The next day after a full date (update days repeat from record to record)."""
    return PartialDate.of(day.first_day() + _ONE_DAY)


def _latest_actual_reference(update: tuple[str, PartialDate] | None, context: Context) -> str:
    """What ``_latest_actual`` compared with, as a message names it."""
    if update is None:
        return f"today ({PartialDate.of(context.today)})"
    name, updated = update
    return f"the last update ({name} {updated})"


def _last_status(record: Record) -> str | None:
    """The overall status, or for an UNKNOWN study the sponsor's last known status."""
    if record.overall_status == "UNKNOWN":
        return as_str(record.status.get("lastKnownStatus"))
    return record.overall_status


def _months(count: int) -> str:
    return f"{count} month" + ("" if count == 1 else "s")


# --- A: status and date types ----------------------------------------------------------------


@check(NOT_YET_RECRUITING_ACTUAL, ONGOING_ACTUAL_COMPLETION, RECRUITING_ACTUAL_PRIMARY,
       ESTIMATED_START_AFTER_ENROLLMENT, FINISHED_WITH_ESTIMATED_DATE,
       WITHDRAWN_WITH_ACTUAL_START)  # fmt: skip
def date_types_and_status(record: Record, context: Context) -> Iterator[Hit]:
    status = record.overall_status
    types = _date_types(record)
    if status == "NOT_YET_RECRUITING":
        for struct in _typed(record, "ACTUAL"):
            yield Hit(NOT_YET_RECRUITING_ACTUAL,
                      f"{_describe(record, struct)} is ACTUAL but the status is "
                      "NOT_YET_RECRUITING: nobody is enrolled yet, so it can only be ESTIMATED",
                      _date_path(struct, "type"), related=(OVERALL_STATUS,))  # fmt: skip
    if status in ENROLLED_ONGOING_STATUSES and types[COMPLETION] == "ACTUAL":
        yield Hit(ONGOING_ACTUAL_COMPLETION,
                  f"{_describe(record, COMPLETION)} is ACTUAL but the status is {status}: "
                  "an ACTUAL completion date means the study is over",
                  _date_path(COMPLETION, "type"), related=(OVERALL_STATUS,))  # fmt: skip
    if status in RECRUITING_STATUSES and types[PRIMARY] == "ACTUAL":
        yield Hit(RECRUITING_ACTUAL_PRIMARY,
                  f"{_describe(record, PRIMARY)} is ACTUAL but the status is {status}: a study "
                  "still enrolling has not reached its primary completion",
                  _date_path(PRIMARY, "type"), related=(OVERALL_STATUS,))  # fmt: skip
    if status in ENROLLMENT_ENDED_STATUSES and types[START] == "ESTIMATED":
        yield Hit(ESTIMATED_START_AFTER_ENROLLMENT,
                  f"{_describe(record, START)} is ESTIMATED but the status is {status}: "
                  "participants were enrolled, so the start date is the ACTUAL date the first "
                  "one was", _date_path(START, "type"), related=(OVERALL_STATUS,))  # fmt: skip
    if status in FINISHED:
        for struct in (PRIMARY, COMPLETION):
            if types[struct] == "ESTIMATED":
                yield Hit(FINISHED_WITH_ESTIMATED_DATE,
                          f"{_describe(record, struct)} is ESTIMATED but the status is "
                          f"{status}: the study has ended, so the date is ACTUAL",
                          _date_path(struct, "type"), related=(OVERALL_STATUS,))  # fmt: skip
    if status == "WITHDRAWN" and types[START] == "ACTUAL":
        yield Hit(WITHDRAWN_WITH_ACTUAL_START,
                  f"{_describe(record, START)} is ACTUAL (the first participant enrolled) but "
                  "the status is WITHDRAWN (halted before any participant enrolled)",
                  _date_path(START, "type"), related=(OVERALL_STATUS,))  # fmt: skip


@check(ACTUAL_DATE_IN_FUTURE, ESTIMATED_DATE_IN_PAST, ESTIMATED_DATE_PASSED)
def date_tense(record: Record, context: Context) -> Iterator[Hit]:
    dates = _study_dates(record)
    if not dates:
        return
    update = _last_update(record)
    latest = _latest_actual(update, context)
    verified = record.date("statusVerifiedDate")
    for struct, (day, kind) in dates.items():
        status_too = _status_too(record, struct)
        if kind == "ACTUAL" and day.compare(latest) > 0:
            yield Hit(ACTUAL_DATE_IN_FUTURE,
                      f"{_LABEL[struct]} {day} is ACTUAL but later than "
                      f"{_latest_actual_reference(update, context)}: an ACTUAL date is one "
                      "that has happened", _date_path(struct))  # fmt: skip
        elif (
            kind == "ESTIMATED" and verified is not None and day.compare(verified) < 0
            and record.overall_status != "WITHDRAWN"
        ):  # fmt: skip
            yield Hit(ESTIMATED_DATE_IN_PAST,
                      f"{_LABEL[struct]} {day} is ESTIMATED but had already passed when the "
                      f"record was verified ({verified}): make it ACTUAL, or give a new "
                      f"estimate{status_too[0]}", _date_path(struct),
                      related=(_date_path(struct, "type"), *status_too[1]))  # fmt: skip
        elif kind == "ESTIMATED" and _update_due(record, struct):
            passed = (context.today - day.last_day()).days
            if passed > UPDATE_DAYS:
                yield Hit(ESTIMATED_DATE_PASSED,
                          f"{_LABEL[struct]} {day} is ESTIMATED but passed {_ago(passed)} ago: "
                          f"make it ACTUAL, or give a new estimate (the registry asks for it "
                          f"within {UPDATE_DAYS} days){status_too[0]}", _date_path(struct),
                          related=(_date_path(struct, "type"), *status_too[1]))  # fmt: skip


def _status_too(record: Record, struct: str) -> tuple[str, tuple[tuple[str, ...], ...]]:
    """What a passed ESTIMATED start says of a NOT_YET_RECRUITING status, and where: the study
    has started, and its status is stale with the date, or it has not, and the date needs a
    new estimate. Curators mark the status; the finding relates it."""
    if struct != START or record.overall_status != "NOT_YET_RECRUITING":
        return "", ()
    return ("; the status is still NOT_YET_RECRUITING: if recruitment has begun, it is "
            "RECRUITING now"), (OVERALL_STATUS,)  # fmt: skip


def _update_due(record: Record, struct: str) -> bool:
    """Whether an ESTIMATED date that has passed is D031's to report, and no other rule's:
    not a WITHDRAWN study's (its estimates stay as planned), nor an UNKNOWN one's (D015 tells
    its whole story in one finding), nor one D004 or D005 reports (an ended study's), nor the
    end date D022 reports with an open status."""
    status = record.overall_status
    if status in ("WITHDRAWN", "UNKNOWN") or status in FINISHED:
        return False
    if struct == START:
        return status not in ENROLLMENT_ENDED_STATUSES
    end = _end_date(record)
    return not (status in OPEN and end is not None and end[0] == struct)


def _ago(days: int) -> str:
    """'45 days', '7 months', '2 years and 3 months'."""
    if days < 61:
        return f"{days} days"
    months = days * 12 // 365
    if months < 24:
        return _months(months)
    years, months = divmod(months, 12)
    return f"{years} years" + (f" and {_months(months)}" if months else "")


@check(DATES_OUT_OF_ORDER)
def date_order(record: Record, context: Context) -> Iterator[Hit]:
    dates = _study_dates(record)
    if len(dates) < 2:
        return
    start = dates.get(START, (None,))[0]
    primary = dates.get(PRIMARY, (None,))[0]
    completion = dates.get(COMPLETION, (None,))[0]
    if start is not None and primary is not None and primary.compare(start) < 0:
        yield Hit(DATES_OUT_OF_ORDER,
                  f"primary completion date {primary} is before the start date {start}",
                  _date_path(PRIMARY))  # fmt: skip
    if completion is not None:
        if primary is not None:
            if completion.compare(primary) < 0:
                yield Hit(DATES_OUT_OF_ORDER,
                          f"completion date {completion} is before the primary completion "
                          f"date {primary}", _date_path(COMPLETION))  # fmt: skip
        elif start is not None and completion.compare(start) < 0:
            yield Hit(DATES_OUT_OF_ORDER,
                      f"completion date {completion} is before the start date {start}",
                      _date_path(COMPLETION))  # fmt: skip


@check(WITHDRAWN_WITH_ENROLLMENT)
def withdrawn_enrollment(record: Record, context: Context) -> Iterable[Hit]:
    if record.overall_status != "WITHDRAWN":
        return ()
    count, kind = _enrollment(record)
    if count is None or count <= 0:
        return ()
    typed = f" ({kind})" if kind else ""
    return (Hit(WITHDRAWN_WITH_ENROLLMENT,
                f"enrollment {count}{typed} on a WITHDRAWN study: withdrawn means no "
                "participant enrolled, so the enrollment is ACTUAL 0",
                (*ENROLLMENT, "count"), related=(OVERALL_STATUS,)),)  # fmt: skip


@check(WHY_STOPPED_MISSING, WHY_STOPPED_TOO_LONG, WHY_STOPPED_MISSING_LEGACY)
def why_stopped(record: Record, context: Context) -> Iterator[Hit]:
    status = record.overall_status
    reason = record.status.get("whyStopped")
    if isinstance(reason, str) and len(reason) > WHY_STOPPED_LIMIT:
        yield Hit(WHY_STOPPED_TOO_LONG,
                  f"whyStopped is {len(reason)} characters; the registry's limit is "
                  f"{WHY_STOPPED_LIMIT}", (*STATUS, "whyStopped"))  # fmt: skip
    if status not in STOPPED or (isinstance(reason, str) and reason.strip()):
        return
    if record.under_final_rule:
        yield Hit(WHY_STOPPED_MISSING,
                  f"status {status} without whyStopped: say briefly why the study stopped",
                  OVERALL_STATUS)  # fmt: skip
    elif record.legacy:
        yield Hit(WHY_STOPPED_MISSING_LEGACY,
                  f"status {status} without whyStopped: the record (first submitted "
                  f"{record.first_submitted}, before 42 CFR 11) does not say why the study "
                  "stopped", OVERALL_STATUS)  # fmt: skip


@check(SITE_RECRUITING_STUDY_NOT, RECRUITING_WITHOUT_SITE)
def site_statuses(record: Record, context: Context) -> Iterable[Hit]:
    locations = record.contacts.get("locations")
    if not isinstance(locations, list) or not locations:
        return ()
    if record.overall_status == "RECRUITING":
        return _recruiting_without_site(locations)
    return _site_recruiting_study_not(record, locations)


def _recruiting_sites(locations: object) -> list[int]:
    """The indexes of the locations whose status is RECRUITING."""
    if not isinstance(locations, list):
        return []
    return [index for index, location in enumerate(locations)
            if isinstance(location, dict) and location.get("status") == "RECRUITING"]  # fmt: skip


def _site_recruiting_study_not(record: Record, locations: list[Any]) -> Iterable[Hit]:
    """D013: a recruiting location under a study whose (last known) status is not RECRUITING."""
    compared = _last_status(record)
    if compared is None or compared == "RECRUITING":
        return ()
    recruiting = _recruiting_sites(locations)
    if not recruiting:
        return ()
    first = recruiting[0]
    place = ", ".join(
        text for text in (as_str(locations[first].get(key)) for key in
                          ("facility", "city", "country")) if text
    )  # fmt: skip
    others = len(recruiting) - 1
    more = f" (and {others} more location{'s' if others > 1 else ''})" if others else ""
    if record.overall_status == "UNKNOWN":
        described = f"the study's last known status is {compared} (overall status UNKNOWN)"
    else:
        described = f"the overall status is {compared}"
    return (Hit(SITE_RECRUITING_STUDY_NOT,
                f"location {place or first + 1} is RECRUITING{more} but {described}; a "
                "study with a recruiting site is RECRUITING",
                (*LOCATIONS, first, "status"), related=(OVERALL_STATUS,)),)  # fmt: skip


def _recruiting_without_site(locations: list[Any]) -> Iterable[Hit]:
    """D014: a RECRUITING study whose locations all give a status other than RECRUITING."""
    statuses = [location.get("status") for location in locations if isinstance(location, dict)]
    if not statuses or "RECRUITING" in statuses:
        return ()
    if not all(isinstance(status, str) for status in statuses):
        return ()  # a location without a status may be the recruiting one
    shown = ", ".join(sorted({status for status in statuses if status}))
    return (Hit(RECRUITING_WITHOUT_SITE,
                f"the overall status is RECRUITING but no location is recruiting (location "
                f"statuses: {shown})", OVERALL_STATUS),)  # fmt: skip


@check(EXPANDED_ACCESS_STATUS)
def status_for_study_type(record: Record, context: Context) -> Iterable[Hit]:
    status, study_type = record.overall_status, record.study_type
    if study_type is None or status is None:
        return ()
    if status in EXPANDED_ACCESS_STATUSES and study_type != "EXPANDED_ACCESS":
        return (Hit(EXPANDED_ACCESS_STATUS,
                    f"status {status} is for expanded-access records, but the study type is "
                    f"{study_type}", OVERALL_STATUS),)  # fmt: skip
    if status in RECRUITMENT_STATUSES and study_type == "EXPANDED_ACCESS":
        return (Hit(EXPANDED_ACCESS_STATUS,
                    f"status {status} is a recruitment status; an expanded-access record is "
                    "AVAILABLE, NO_LONGER_AVAILABLE, TEMPORARILY_NOT_AVAILABLE or "
                    "APPROVED_FOR_MARKETING", OVERALL_STATUS),)  # fmt: skip
    return ()


@check(DATE_TYPE_MISSING, DATE_TYPE_MISSING_LEGACY)
def date_types_present(record: Record, context: Context) -> Iterator[Hit]:
    untyped = [
        struct for struct in STUDY_DATES
        if "date" in (value := as_dict(record.status.get(struct))) and "type" not in value
    ]  # fmt: skip
    if not untyped:
        return
    first = record.first_submitted
    if record.legacy:
        yield _legacy_untyped(untyped, record)
    elif record.under_final_rule:
        for struct in untyped:
            yield Hit(DATE_TYPE_MISSING,
                      f"{_describe(record, struct)} has no type: say whether it is ACTUAL or "
                      f"ESTIMATED (required for records first submitted since 2017-01-18; "
                      f"this one was first submitted {first})",
                      _date_path(struct, "type"))  # fmt: skip


def _legacy_untyped(untyped: list[str], record: Record) -> Hit:
    """D027: one finding for all the untyped dates of a legacy record, at the first of them:
    a legacy record's gaps are one fact about it, not one per date."""
    shown = " and ".join(_describe(record, struct) for struct in untyped)
    one = len(untyped) == 1
    return Hit(DATE_TYPE_MISSING_LEGACY,
               f"{shown} {'has' if one else 'have'} no ACTUAL/ESTIMATED type: whether "
               f"{'it' if one else 'they'} happened or {'was' if one else 'were'} planned is "
               f"not said (not required of a record first submitted before 2017-01-18; this "
               f"one was first submitted {record.first_submitted})",
               _date_path(untyped[0], "type"))  # fmt: skip


# --- A12, F2 and registry rule 1: is the record current? -------------------------------------


@check(UNKNOWN_STATUS)
def unknown_status(record: Record, context: Context) -> Iterable[Hit]:
    if record.overall_status != "UNKNOWN":
        return ()
    last = as_str(record.status.get("lastKnownStatus"))
    message = "status UNKNOWN: " + (
        f"last known status {last}" if last else "the last known status is not recorded "
        "(no lastKnownStatus)"
    )  # fmt: skip
    related: list[tuple[str, ...]] = []
    verified = record.date("statusVerifiedDate")
    if verified is not None:
        message += f", last verified {verified}"
        related.append((*STATUS, "statusVerifiedDate"))
    end = _end_date(record)
    # the estimates the sponsor left as they were: each is a date to update with the status
    dates = _study_dates(record)
    stale = [
        struct for struct, (day, kind) in dates.items()
        if kind == "ESTIMATED" and (context.today - day.last_day()).days > UPDATE_DAYS
    ]  # fmt: skip
    if end is not None and end[1].compare(PartialDate.of(context.today)) < 0:
        still = " (still ESTIMATED)" if end[0] in stale else ""
        message += f"; the {_LABEL[end[0]]} {end[1]} has passed{still}"
        related.append((*STATUS, end[0]))
    others = [struct for struct in stale if end is None or struct != end[0]]
    if others:
        message += "; still ESTIMATED though passed: " + ", ".join(
            f"{_LABEL[struct]} {dates[struct][0]}" for struct in others
        )
        related.extend((*STATUS, struct) for struct in others)
    return (Hit(UNKNOWN_STATUS, message + "; verify the record and set its current status",
                OVERALL_STATUS, related=tuple(related)),)  # fmt: skip


@check(VERIFICATION_OVERDUE)
def verification_overdue(record: Record, context: Context) -> Iterable[Hit]:
    due = verification_due(record)
    if due is None or due >= context.today:
        return ()
    verified = record.date("statusVerifiedDate")
    assert verified is not None  # verification_due needs it
    months = months_between(verified.last_day(), context.today)
    lapse = "; after 2 years the registry may show it as UNKNOWN" if months >= 24 else ""
    return (Hit(VERIFICATION_OVERDUE,
                f"record last verified {verified}, {_months(months)} ago, while the study is "
                f"{record.overall_status}: verify it at least every {VERIFY_MONTHS} months"
                f"{lapse}", (*STATUS, "statusVerifiedDate")),)  # fmt: skip


@check(STALE_OPEN_STATUS)
def open_status_after_completion(record: Record, context: Context) -> Iterable[Hit]:
    status = record.overall_status
    if status not in OPEN:
        return ()
    end = _end_date(record)
    if end is None:
        return ()
    struct, day = end
    if day.compare(PartialDate.of(context.today)) >= 0:
        return ()
    return (Hit(STALE_OPEN_STATUS,
                f"status {status} but the {_LABEL[struct]} {day} has passed: update the "
                "status, or the dates if the study goes on", OVERALL_STATUS,
                related=((*STATUS, struct),)),)  # fmt: skip


@check(RESULTS_NOT_POSTED, RESULTS_DUE)
def results_not_posted(record: Record, context: Context) -> Iterable[Hit]:
    if record.study_type != "INTERVENTIONAL" or results_submitted(record):
        return ()
    count, _ = _enrollment(record)
    due = results_due(record)
    if count == 0 or due is None or due.counted_from < FDAAA_COVERS_FROM:
        return ()  # nobody enrolled, no date, or before FDAAA and the results database
    verdict = classify(record)
    path = ("hasResults",) if "hasResults" in record.data else _date_path(due.struct)
    ended = f"its {_LABEL[due.struct]} {due.completion}"
    if verdict.covered:
        if not primary_data_collected(record) or not due.overdue(context.today):
            return ()
        return (Hit(RESULTS_DUE,
                    f"results overdue by {due.days_overdue(context.today)} days: {ended} was "
                    f"{_counted_from(due)}results were due {due.due}{_certified(due)} "
                    f"(42 CFR 11.44); it is {verdict.coverage.described()} ({verdict.why()})",
                    path),)  # fmt: skip
    if record.overall_status not in FINISHED or due.due >= context.today:
        return ()
    ago = months_between(due.counted_from, context.today)
    return (Hit(RESULTS_NOT_POSTED,
                f"no results posted: the study is {record.overall_status} and {ended} was "
                f"{_months(ago)} ago{_certified(due)} (the WHO asks for results within 12 "
                "months of completion)", path),)  # fmt: skip


def _counted_from(due: ResultsDue) -> str:
    """'2023-06-30, so ' or, for a month-only date, where the count starts."""
    if due.defaulted:
        return f"counted from its last day, {due.counted_from}, so "
    return "reached, so "


def _certified(due: ResultsDue) -> str:
    if due.certificate is None:
        return ""
    return f", 3 years after it with the certificate of delay submitted {due.certificate}"


@check(LATE_CERTIFICATE)
def late_certificate(record: Record, context: Context) -> Iterable[Hit]:
    due = results_due(record)
    if due is None or not due.late_certificate or due.counted_from < FDAAA_COVERS_FROM:
        return ()  # no deadline to be late for
    assert due.certificate is not None  # late_certificate needs it
    deadline = add_months(due.counted_from, 12)
    days = (day_of(due.certificate) - deadline).days
    return (Hit(LATE_CERTIFICATE,
                f"certificate of delay first submitted {due.certificate}, {days} days after "
                f"results were due without one ({deadline}, 12 months after the "
                f"{_LABEL[due.struct]} {due.completion}): it is submitted before that deadline "
                "(42 CFR 11.44(b))", (*STATUS, "dispFirstSubmitDate")),)  # fmt: skip


@check(START_DATE_MISSING, START_DATE_MISSING_LEGACY)
def start_date_present(record: Record, context: Context) -> Iterable[Hit]:
    if record.study_type not in ("INTERVENTIONAL", "OBSERVATIONAL"):
        return ()  # expanded access has no start date; WITHHELD records show no design
    if "date" in as_dict(record.status.get(START)):
        return ()  # a date the schema may find invalid, but a date
    path = _date_path(START, "date") if START in record.status else (*STATUS, START)
    first = record.first_submitted
    if record.under_final_rule:
        return (Hit(START_DATE_MISSING,
                    f"no start date: an {record.study_type.lower()} study gives the date its "
                    "first participant enrolled, or the date it expects to (required of records "
                    f"first submitted since 2017-01-18; this one was first submitted {first})",
                    path),)  # fmt: skip
    if record.legacy:
        return (Hit(START_DATE_MISSING_LEGACY,
                    f"no start date: the record (first submitted {first}, before 42 CFR 11) "
                    "does not say when the study began", path),)  # fmt: skip
    return ()


# --- F1: registration timing -----------------------------------------------------------------


@check(REGISTERED_LATE, REGISTERED_LATE_HISTORY, OBSERVATIONAL_REGISTERED_LATE)
def registration_timing(record: Record, context: Context) -> Iterable[Hit]:
    interventional = record.study_type == "INTERVENTIONAL"
    if not (interventional or record.study_type == "OBSERVATIONAL"):
        return ()
    if record.overall_status == "WITHDRAWN":
        return ()
    first = record.first_submitted
    start = record.date(START)
    if first is None or start is None or record.date_type(START) not in ("ACTUAL", None):
        return ()
    if first.compare(start) <= 0:
        return ()  # registered before the start (an untyped date after it was planned)
    days = (first.first_day() - start.last_day()).days
    if days <= REGISTRATION_DAYS:
        return ()
    counted = f"{days} days" if start.day is not None else f"at least {days} days"
    message = f"first submitted {first}, {counted} after the study started ({start})"
    primary = record.date(PRIMARY)
    if (
        primary is not None
        and record.date_type(PRIMARY) in ("ACTUAL", None)
        and primary.compare(first) < 0
    ):
        message += (f", and after its primary completion ({primary}): the registration was "
                    "retrospective")  # fmt: skip
    path = (*STATUS, "studyFirstSubmitDate")
    if not interventional:
        if start.compare(_HELSINKI_START) < 0:
            return ()
        return (Hit(OBSERVATIONAL_REGISTERED_LATE,
                    message + "; every study of human subjects, observational ones too, is "
                    "registered before its first subject is recruited (Declaration of "
                    "Helsinki, paragraph 35)", path),)  # fmt: skip
    if start.compare(_FDAAA_START) >= 0:
        return (Hit(REGISTERED_LATE,
                    message + "; a trial is registered before its first enrolment (ICMJE, "
                    f"WHO), or at the latest {REGISTRATION_DAYS} days after it (42 CFR 11.24)",
                    path),)  # fmt: skip
    policy = (
        "before the ICMJE asked for prospective registration (July 2005)"
        if start.compare(_ICMJE_START) < 0
        else "after the ICMJE asked for prospective registration (July 2005) but before "
        "FDAAA made it law (September 2007)"
    )
    return (Hit(REGISTERED_LATE_HISTORY, f"{message}; the study started {policy}", path),)


# --- B: enrollment ---------------------------------------------------------------------------


@check(
    ENROLLMENT_NOT_ACTUAL,
    ACTUAL_ENROLLMENT_NOT_YET,
    ACTUAL_ENROLLMENT_RECRUITING,
    ENROLLMENT_ESTIMATED_AFTER_RECRUITMENT,
)
def enrollment_type(record: Record, context: Context) -> Iterable[Hit]:
    count, kind = _enrollment(record)
    mismatch = _enrollment_type_mismatch(record, kind)
    if mismatch is None:
        return ()
    broken, problem = mismatch
    shown = f"enrollment {count} is {kind}" if count is not None else f"enrollment is {kind}"
    return (Hit(broken, f"{shown} {problem}", (*ENROLLMENT, "type"),
                related=(OVERALL_STATUS,)),)  # fmt: skip


def _enrollment_type_mismatch(record: Record, kind: str | None) -> tuple[Rule, str] | None:
    """The rule an enrollment of type ``kind`` breaks, and the rest of the message saying why;
    None when the type fits the status and dates."""
    status = record.overall_status
    if kind == "ESTIMATED":
        if status in FINISHED:
            return (ENROLLMENT_NOT_ACTUAL,
                    f"but the study is {status}: give the ACTUAL number enrolled")  # fmt: skip
        if _date_types(record)[PRIMARY] == "ACTUAL" and _last_status(record) not in (
            _STILL_ENROLLING
        ):
            # a study still enrolling with an ACTUAL primary completion: D001 or D003 say the
            # date is what is wrong
            return (ENROLLMENT_NOT_ACTUAL,
                    f"but the {_describe(record, PRIMARY)} is ACTUAL: give the ACTUAL number "
                    "enrolled")  # fmt: skip
        if status == "ACTIVE_NOT_RECRUITING" and not _recruiting_sites(
            record.contacts.get("locations")
        ):  # a site still recruiting: D013 says the status is what is wrong
            return (ENROLLMENT_ESTIMATED_AFTER_RECRUITMENT,
                    "but the study is ACTIVE_NOT_RECRUITING: recruitment has closed, so the "
                    "number enrolled is known; give it as ACTUAL")  # fmt: skip
    elif kind == "ACTUAL":
        if status == "NOT_YET_RECRUITING":
            return (ACTUAL_ENROLLMENT_NOT_YET,
                    "but the study is NOT_YET_RECRUITING: nobody is enrolled yet, so the "
                    "enrollment is the ESTIMATED target")  # fmt: skip
        if status in RECRUITING_STATUSES:
            return (ACTUAL_ENROLLMENT_RECRUITING,
                    f"but the study is {status}: while enrollment goes on, the enrollment is "
                    "the ESTIMATED target")  # fmt: skip
    return None
