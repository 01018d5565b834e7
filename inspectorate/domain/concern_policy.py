"""The independent route for concerns and the learning review after a serious incident, as policy data.

Both answer the coroner's concerns after Ruth Perry's death (process reference, section 8): there was no clear
route to raise a concern that could not be resolved with the lead inspector, and no learning review after the
death, nor any policy requiring one. The numbers are policy, not code: an inspectorate changes them from a date.

- Concerns: since 5 April 2024 ("Complaints about inspections") a school's leaders may contact a senior inspector
  during the inspection or on the next working day (section 7). The acknowledgement target in working hours is
  this service's own standard (the reference names none), so it is configurable.
- Learning reviews: terms of reference within 10 working days of opening, a report within 60. These are this
  service's own commitments, made after Ofsted's response of 19 January 2024 promised an independent review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from inspectorate.domain.working_days import WorkingDayCalendar


class _Dated(Protocol):
    @property
    def effective_from(self) -> dt.date: ...


@dataclass(frozen=True)
class ConcernPolicy:
    effective_from: dt.date
    acknowledgement_working_hours: float = 2.0  # this service's target: acknowledged within two working hours
    working_days_after_last_on_site_day: int = 1  # "during the inspection or on the next working day"


@dataclass(frozen=True)
class LearningReviewPolicy:
    effective_from: dt.date
    terms_of_reference_working_days: int = 10
    report_working_days: int = 60


CONCERN_POLICIES: tuple[ConcernPolicy, ...] = (ConcernPolicy(effective_from=dt.date(2024, 4, 5)),)
LEARNING_REVIEW_POLICIES: tuple[LearningReviewPolicy, ...] = (
    LearningReviewPolicy(effective_from=dt.date(2024, 1, 19)),
)


def _in_force[P: _Dated](day: dt.date, policies: Sequence[P]) -> P:
    """The latest policy that had taken effect on `day` (the earliest one for a day before any)."""
    if not policies:
        raise ValueError("there is no policy to choose from")
    taken_effect = [p for p in policies if p.effective_from <= day]
    if not taken_effect:
        return min(policies, key=lambda p: p.effective_from)
    return max(taken_effect, key=lambda p: p.effective_from)


def concern_policy_on(day: dt.date, policies: Sequence[ConcernPolicy] = CONCERN_POLICIES) -> ConcernPolicy:
    return _in_force(day, policies)


def learning_review_policy_on(
    day: dt.date, policies: Sequence[LearningReviewPolicy] = LEARNING_REVIEW_POLICIES
) -> LearningReviewPolicy:
    return _in_force(day, policies)


@dataclass(frozen=True)
class RaiseWindow:
    """When a school may raise a concern through the independent route: from the notification call until the end
    of the working day(s) after the last on-site day. `closes` is None while the inspection is still under way."""

    opens: dt.date | None  # None: the school has not been notified, so there is no inspection to raise it about
    closes: dt.date | None

    def allows(self, day: dt.date) -> bool:
        if self.opens is None or day < self.opens:
            return False
        return self.closes is None or day <= self.closes


def raise_window(
    *,
    notified_on: dt.date | None,
    last_on_site_day: dt.date | None,
    under_way: bool,
    calendar: WorkingDayCalendar,
    policy: ConcernPolicy,
) -> RaiseWindow:
    """The window for one inspection. `under_way`: notified and not yet past its on-site days (paused counts).

    An inspection that stopped before any on-site day (deferred, withdrawn) keeps the window open until the
    working day after its notification, the nearest thing to "the next working day" when no visit happened."""
    if notified_on is None:
        return RaiseWindow(None, None)
    if under_way:
        return RaiseWindow(notified_on, None)
    last_day = last_on_site_day or notified_on
    return RaiseWindow(notified_on, calendar.add_working_days(last_day, policy.working_days_after_last_on_site_day))
