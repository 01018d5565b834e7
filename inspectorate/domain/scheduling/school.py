"""A school as the register holds it, and inspections coming back to the queue: the scheduler's input.

Judgement cells hold the register's codes ("1" to "4", "9", "Not judged", or report-card words) and the
framework is a code from inspectorate.domain.frameworks, as in inspectorate.domain.statistics.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class GradedInspection:
    start_date: dt.date
    publication_date: dt.date | None
    framework: str
    overall_effectiveness: str = ""
    key_judgements: Mapping[str, str] = field(default_factory=dict)
    category_of_concern: str = ""  # "SM", "SWK", "NTI" or ""
    safeguarding: str = ""  # "Yes" / "No" / "9" (four-point), "Met" / "Not met" (report cards)

    @property
    def counting_from_publication(self) -> dt.date:
        # An unpublished report cannot start the clock yet; its start date is the earlier, safer anchor.
        return self.publication_date or self.start_date


@dataclass(frozen=True)
class UngradedInspection:
    start_date: dt.date
    outcome: str = ""


@dataclass(frozen=True)
class SchoolOnRegister:
    urn: int
    phase: str
    latest_graded: GradedInspection | None = None
    latest_ungraded: UngradedInspection | None = None
    warning_notices: int = 0
    graded_was_of_predecessor: bool = False  # the latest graded inspection was of the school's predecessor URN
    trust_changed: bool | None = None  # None: the register does not say

    @property
    def last_inspected(self) -> dt.date | None:
        dates = [i.start_date for i in (self.latest_graded, self.latest_ungraded) if i is not None]
        return max(dates, default=None)


class ReturnReason(StrEnum):
    DEFERRED = "deferred"
    PAUSED_TOO_LONG = "paused past its limit and left incomplete"
    REFUSED_ENTRY = "refused entry"


@dataclass(frozen=True)
class BlockedDates:
    """Days an inspection coming back cannot take (the deferral's reason still holds), first and last inclusive."""

    first_day: dt.date
    last_day: dt.date
    reason: str = ""

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"blocked dates end ({self.last_day}) before they start ({self.first_day})")


@dataclass(frozen=True)
class ReturnedInspection:
    """An inspection that did not happen (or did not finish) and is back in the queue."""

    urn: int
    reason: ReturnReason
    returned_on: dt.date
    cannot_take: tuple[BlockedDates, ...] = ()
