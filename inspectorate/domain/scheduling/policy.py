"""When schools fall due, as policy data with effective dates, like the frameworks.

Every rule names its source and whether the process reference (../shared/domain/inspection-process.md, section 1
and "Implications for the software") confirms it against a primary gov.uk or legislation text. `verified=False`
marks a rule from a secondary source, one the reference marks UNVERIFIED, or one the reference does not give at
all: change those here, with a new policy and its effective date, never in the code that applies them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from inspectorate.domain.scheduling.priority import PriorityWeights

INTERVALS_2018 = "https://educationinspection.blog.gov.uk/2018/04/13/changes-to-the-school-inspection-window/"
RI_FROM_PUBLICATION = (
    "https://schoolleaders.thekeysupport.com/school-evaluation-and-improvement/inspection/after-inspection/"
    "inspection-schools-rated-requires-improvement/ (secondary)"
)
CEILING = "https://educationinspection.blog.gov.uk/2016/02/08/inspection-timescales/"
COVID_AMENDMENT = "SI 2021/845 reg. 4, via https://crimeline.co.uk (secondary; 'certain schools' not specified)"
EXEMPTION = "http://legislation.data.gov.uk/uksi/2012/1293/made/data.html"
SAFEGUARDING_RETURN = "https://www.gov.uk/government/news/changes-made-to-school-inspections"
RENEWED = "https://northumberlandeducation.co.uk/ofsted (secondary)"
NOT_IN_REFERENCE = "Inspectorate's own choice: the process reference gives no figure"


class CountsFrom(StrEnum):
    LAST_INSPECTION = "the start of the last inspection"
    PUBLICATION = "the publication of the last graded report"
    PLAN_START = "the plan's start date"


@dataclass(frozen=True)
class DueRule:
    """How long after which event a school falls due, and for which kind of inspection."""

    name: str
    inspection: str
    months: int
    counts_from: CountsFrom
    source: str
    verified: bool
    for_reports_published_from: dt.date | None = None  # a rule that did not exist when earlier reports came out


@dataclass(frozen=True)
class StatutoryCeiling:
    """The regulations' latest date: the end of the Nth school year (from 1 August) after the last inspection."""

    school_years: int
    source: str
    verified: bool
    # The Covid amendment's longer ceiling, for last inspections in a window of dates (inclusive).
    extended_school_years: int = 0
    extended_window: tuple[dt.date, dt.date] | None = None
    extension_source: str = ""
    extension_verified: bool = False

    def school_years_after(self, last_inspected: dt.date) -> int:
        window = self.extended_window
        if window and window[0] <= last_inspected <= window[1]:
            return self.extended_school_years
        return self.school_years


@dataclass(frozen=True)
class Exemption:
    """Schools whose last graded overall effectiveness was outstanding are not routinely inspected."""

    source: str
    verified: bool


@dataclass(frozen=True)
class DuePolicy:
    name: str
    effective_from: dt.date
    routine: DueRule
    reinspection: DueRule
    monitoring: DueRule
    never_inspected: DueRule
    ceiling: StatutoryCeiling
    safeguarding_return: DueRule | None = None
    outstanding_exemption: Exemption | None = None
    weights: PriorityWeights = field(default_factory=PriorityWeights)


ROUTINE_UNGRADED = DueRule(
    "routine ungraded inspection", "ungraded", 48, CountsFrom.LAST_INSPECTION, INTERVALS_2018, True
)
REINSPECTION = DueRule(
    "re-inspection within 30 months",
    "graded",
    30,
    CountsFrom.PUBLICATION,
    f"{INTERVALS_2018}; {RI_FROM_PUBLICATION}",
    False,
)
# The monitoring handbook sets no interval the reference quotes: a placeholder until the handbook is read.
MONITORING = DueRule("monitoring inspection", "monitoring", 6, CountsFrom.PUBLICATION, NOT_IN_REFERENCE, False)
NEVER_INSPECTED = DueRule(
    "never inspected: due at once",
    "graded",
    0,
    CountsFrom.PLAN_START,
    f"{NOT_IN_REFERENCE} (every school at least once)",
    False,
)
FIVE_SCHOOL_YEARS = StatutoryCeiling(5, CEILING, True)
FIVE_OR_SEVEN_SCHOOL_YEARS = StatutoryCeiling(
    5,
    CEILING,
    True,
    extended_school_years=7,
    extended_window=(dt.date(2014, 8, 1), dt.date(2021, 4, 27)),
    extension_source=COVID_AMENDMENT,
    extension_verified=False,
)
RETURN_WITHIN_3_MONTHS = DueRule(
    "return within 3 months: inadequate solely for safeguarding",
    "monitoring",
    3,
    CountsFrom.PUBLICATION,
    SAFEGUARDING_RETURN,
    True,
    # Announced June 2023, in the handbooks from September 2023; the exact first report is not in the reference.
    for_reports_published_from=dt.date(2023, 9, 1),
)

WINDOW_2018 = DuePolicy(
    name="Inspection window of April 2018, outstanding schools exempt",
    effective_from=dt.date(2018, 4, 13),
    routine=ROUTINE_UNGRADED,
    reinspection=REINSPECTION,
    monitoring=MONITORING,
    never_inspected=NEVER_INSPECTED,
    ceiling=FIVE_SCHOOL_YEARS,
    outstanding_exemption=Exemption(EXEMPTION, True),
)
AFTER_COVID_2021 = DuePolicy(
    name="Routine inspection resumed after Covid, exemption removed",
    effective_from=dt.date(2021, 9, 1),
    routine=ROUTINE_UNGRADED,
    reinspection=REINSPECTION,
    monitoring=MONITORING,
    never_inspected=NEVER_INSPECTED,
    ceiling=FIVE_OR_SEVEN_SCHOOL_YEARS,
)
SAFEGUARDING_RETURN_2023 = DuePolicy(
    name="Return within 3 months for schools inadequate solely for safeguarding",
    effective_from=dt.date(2023, 9, 1),
    routine=ROUTINE_UNGRADED,
    reinspection=REINSPECTION,
    monitoring=MONITORING,
    never_inspected=NEVER_INSPECTED,
    ceiling=FIVE_OR_SEVEN_SCHOOL_YEARS,
    safeguarding_return=RETURN_WITHIN_3_MONTHS,
)
RENEWED_2025 = DuePolicy(
    name="Renewed framework: every routine inspection a full one",
    effective_from=dt.date(2025, 11, 10),
    routine=DueRule("routine full inspection", "full", 48, CountsFrom.LAST_INSPECTION, RENEWED, False),
    reinspection=REINSPECTION,
    monitoring=MONITORING,
    never_inspected=NEVER_INSPECTED,
    ceiling=FIVE_OR_SEVEN_SCHOOL_YEARS,
    safeguarding_return=RETURN_WITHIN_3_MONTHS,
)

POLICIES: tuple[DuePolicy, ...] = (WINDOW_2018, AFTER_COVID_2021, SAFEGUARDING_RETURN_2023, RENEWED_2025)


def policy_on(day: dt.date) -> DuePolicy:
    """The policy in force on `day` (the plan's start date): the latest one that had taken effect by then."""
    in_force = [p for p in POLICIES if p.effective_from <= day]
    if not in_force:
        raise ValueError(f"No due policy is recorded before {POLICIES[0].effective_from}; a plan from {day} has none")
    return max(in_force, key=lambda p: p.effective_from)
