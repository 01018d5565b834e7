"""Deferring an inspection: the grounds a school may give, who may ask and when, how fast it must be answered,
and blanket windows. Policy data with effective dates (../shared/domain/inspection-process.md, section 3).

A deferral reschedules an inspection before the team starts work on site; stopping one already under way is a
pause (the welfare app). Grounds are indicative, not automatic: each request is decided on its merits by a named
person, which is why the grounds carry a hint for the school and no rule grants on a ground alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from inspectorate.domain.workflow import BEFORE_ON_SITE, State

# The earliest text of the grounds the reference cites is the 2022-23 guidance; the list applies from then.
GROUNDS_FROM = dt.date(2022, 9, 1)
# The guidance update of 5 November 2025 added circumstances relating to senior leaders' wellbeing.
WELLBEING_FROM = dt.date(2025, 11, 5)


@dataclass(frozen=True)
class Ground:
    code: str
    label: str
    hint: str
    effective_from: dt.date
    effective_until: dt.date | None = None  # the last day it applies; None while it still does

    def in_force(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_until is None or day <= self.effective_until)


GROUNDS: tuple[Ground, ...] = (
    Ground(
        "investigation",
        "A leader is under investigation",
        "The headteacher or a senior leader is under current police investigation, or another agency has a serious "
        "concern that an inspection now would compromise.",
        GROUNDS_FROM,
    ),
    Ground(
        "major_incident",
        "A recent major incident",
        "For example, the death of a pupil or a member of staff.",
        GROUNDS_FROM,
    ),
    Ground(
        "merger_closure_or_move",
        "The school is due to merge, close or move",
        "An inspection now would serve no useful purpose.",
        GROUNDS_FROM,
    ),
    Ground("security_incident", "A local security incident", "Something nearby that affects the school.", GROUNDS_FROM),
    Ground(
        "public_health_closure",
        "Closed for public-health reasons",
        "The school is closed, or is about to close, on public-health advice.",
        GROUNDS_FROM,
    ),
    Ground(
        "school_closed",
        "Closed for at least half the inspection",
        "For example, a training day or adverse weather closes the school for at least half the scheduled time.",
        GROUNDS_FROM,
    ),
    Ground(
        "staff_absence",
        "Most staff are absent",
        "At least three-quarters of staff are absent for at least half of the inspection.",
        GROUNDS_FROM,
    ),
    Ground(
        "senior_leader_wellbeing",
        "The wellbeing of senior leaders",
        "Circumstances affecting the wellbeing of the headteacher or other senior leaders. You do not need to give "
        "medical details; say what the circumstances are and how long they are likely to last.",
        WELLBEING_FROM,
    ),
    Ground(
        "other_exceptional",
        "Other exceptional circumstances",
        "The grounds above are examples, not a closed list: describe the circumstances in the details.",
        GROUNDS_FROM,
    ),
)
BY_CODE: dict[str, Ground] = {g.code: g for g in GROUNDS}


@dataclass(frozen=True)
class DeferralPolicy:
    effective_from: dt.date
    # UNVERIFIED: the reference found no published response time (section 3: "Who decides and how fast"). Schools
    # are told the day before (a Monday call for Tuesday), so an answer must come within the same afternoon;
    # three hours is this project's choice until the inspectorate publishes its own.
    response_target_hours: int = 3
    # The latest a response may come: before the team arrives, whatever the hours above would allow.
    team_arrives_at: dt.time = dt.time(8, 0)
    # Only before on-site work starts; afterwards the route is a pause.
    open_states: frozenset[State] = BEFORE_ON_SITE
    unverified: tuple[str, ...] = ("response_target_hours",)


POLICIES: tuple[DeferralPolicy, ...] = (DeferralPolicy(effective_from=GROUNDS_FROM),)


def deferral_policy_on(day: dt.date, policies: tuple[DeferralPolicy, ...] = POLICIES) -> DeferralPolicy:
    """The policy in force on `day` (the date of the request): the latest that had taken effect, else the first."""
    in_force = [p for p in policies if p.effective_from <= day]
    if not in_force:
        return min(policies, key=lambda p: p.effective_from)
    return max(in_force, key=lambda p: p.effective_from)


def grounds_on(day: dt.date, grounds: Iterable[Ground] = GROUNDS) -> tuple[Ground, ...]:
    """The grounds a school may give in a request made on `day`, in the policy's order."""
    return tuple(g for g in grounds if g.in_force(day))


class DeferralRuleError(ValueError):
    """A request that the policy does not allow: the message says why, for the person asking."""


def ground_for(code: str, day: dt.date) -> Ground:
    """The ground named `code` if a request made on `day` may give it."""
    ground = BY_CODE.get(code)
    if ground is None:
        choices = ", ".join(g.code for g in grounds_on(day))
        raise DeferralRuleError(f"{code!r} is not a ground for deferral; choose one of {choices}")
    if not ground.in_force(day):
        raise DeferralRuleError(
            f"{ground.label.lower()} is a ground only for requests made from "
            f"{ground.effective_from.day} {ground.effective_from:%B %Y}"
        )
    return ground


def refusal_to_request(state: State, policy: DeferralPolicy) -> str | None:
    """Why a deferral cannot be asked for now, or None when it can."""
    if state in policy.open_states:
        return None
    if state == State.DEFERRED:
        return "this inspection is already deferred"
    if state == State.PAUSED or state == State.ON_SITE:
        return "on-site work has started: ask the lead inspector or the duty desk about a pause instead"
    return "a deferral can be asked for only before on-site work starts"


def response_due(requested_at: dt.datetime, first_on_site_day: dt.date, policy: DeferralPolicy) -> dt.datetime:
    """When a named decider must have answered: the response target after the request, but never later than the
    team's arrival on the first on-site day (a later answer is no answer). `requested_at` must be time-zone aware;
    the arrival time is read in its zone."""
    target = requested_at + dt.timedelta(hours=policy.response_target_hours)
    arrival = dt.datetime.combine(first_on_site_day, policy.team_arrives_at, tzinfo=requested_at.tzinfo)
    return max(requested_at, min(target, arrival))


def unavailable_dates(
    first: dt.date | None, last: dt.date | None
) -> tuple[dt.date | None, dt.date | None, dict[str, str]]:
    """The dates the school says it cannot take, checked: one day alone is that day; an end without a start, or an
    end before the start, is an error naming the field."""
    if first is None and last is None:
        return None, None, {}
    if first is None:
        return None, None, {"unavailable_from": "is required when you give the last date"}
    last = last or first
    if last < first:
        return None, None, {"unavailable_until": "must be on or after the first date the school cannot take"}
    return first, last, {}


@dataclass(frozen=True)
class Window:
    """A blanket deferral window: every request for an inspection starting from `first_day` to `last_day`
    (inclusive) is granted unless there are significant concerns, as in the week of 11 December 2023."""

    first_day: dt.date
    last_day: dt.date

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise DeferralRuleError(f"the window ends ({self.last_day}) before it starts ({self.first_day})")

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day
