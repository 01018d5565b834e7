"""National allocation: which week each due inspection takes, and who goes (issue 5, items 2 to 4).

The problem is plain data: the inspections to place (from the queue of `DueEntry`, with where the school is and
what it needs), the workforce, and the candidate slots of the horizon built from a notification and on-site
pattern. A `Plan` assigns each placed inspection a slot, a lead and team inspectors. `score` is the one objective
every plan is judged by, the solver's, the greedy baseline's and a re-plan's alike: the cost functions below are
also what the solver and the bounds use, so the three cannot disagree.
See docs/adr/0014-allocation-solver-and-bounds.md.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from inspectorate.domain.scheduling.queue import DueEntry
from inspectorate.domain.scheduling.school import BlockedDates
from inspectorate.domain.scheduling.workforce import (
    DEFAULT_REQUIRED_TRAINING,
    Employment,
    Inspector,
    Point,
    TrainingKind,
    conflict_reason,
    training_reason,
)

MONDAY, TUESDAY, WEDNESDAY = 0, 1, 2
EARTH_RADIUS_KM = 6371.0
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class SlotPattern:
    """When in a week the school is told and when the team is on site (weekday numbers, Monday = 0)."""

    notify_weekday: int = MONDAY
    on_site_weekdays: tuple[int, ...] = (TUESDAY, WEDNESDAY)

    def __post_init__(self) -> None:
        if not self.on_site_weekdays or list(self.on_site_weekdays) != sorted(set(self.on_site_weekdays)):
            raise ValueError("on-site weekdays must be given, in order, without repeats")
        if not 0 <= self.notify_weekday < self.on_site_weekdays[0] or self.on_site_weekdays[-1] > 6:
            raise ValueError("the school is notified earlier in the same week than the first on-site day")


@dataclass(frozen=True, order=True)
class Slot:
    notify_on: dt.date
    on_site: tuple[dt.date, ...]

    @property
    def first_day(self) -> dt.date:
        return self.on_site[0]

    @property
    def last_day(self) -> dt.date:
        return self.on_site[-1]

    @property
    def week(self) -> dt.date:
        """The Monday of the week the team is on site: what the weekly limit counts by."""
        return self.first_day - dt.timedelta(days=self.first_day.weekday())

    def days(self) -> tuple[dt.date, ...]:
        return (self.notify_on, *self.on_site)


def candidate_slots(
    first_day: dt.date,
    last_day: dt.date,
    patterns: Iterable[SlotPattern] = (SlotPattern(),),
    closed: Callable[[dt.date], bool] = lambda day: False,
) -> tuple[Slot, ...]:
    """Every slot of the horizon whose notification and on-site days all fall in it and none is closed.

    `closed` is the shared calendar (bank holidays, a national closure); a school's own closures are on its
    `Inspection`, because they differ from school to school.
    """
    patterns = tuple(patterns)
    slots: list[Slot] = []
    monday = first_day - dt.timedelta(days=first_day.weekday())
    while monday <= last_day:
        for p in patterns:
            slot = Slot(monday + p.notify_weekday * ONE_DAY, tuple(monday + d * ONE_DAY for d in p.on_site_weekdays))
            inside = first_day <= slot.notify_on and slot.last_day <= last_day
            if inside and not any(closed(day) for day in slot.days()):
                slots.append(slot)
        monday += 7 * ONE_DAY
    return tuple(sorted(slots))


def slots_clash(a: Slot, b: Slot, rest_days: int) -> bool:
    """Whether one inspector could not do both: same days, overlapping, or too little rest between them."""
    earlier, later = sorted((a, b))
    days_between = (later.first_day - earlier.last_day).days - 1
    return days_between < rest_days


@dataclass(frozen=True)
class TeamSizes:
    """Inspectors on site (lead included) by number of pupils: up to each threshold, that many.

    The reference marks the exact table UNVERIFIED (section 1): it is data to change, not a rule in code.
    """

    thresholds: tuple[tuple[int, int], ...] = ((150, 1), (500, 2), (1000, 3))
    above: int = 4
    unknown: int = 2  # a school whose size the register does not give
    source: str = "Inspectorate's own table: the process reference gives no verified team sizes"
    verified: bool = False

    def for_pupils(self, pupils: int | None) -> int:
        if pupils is None:
            return self.unknown
        return next((size for limit, size in self.thresholds if pupils <= limit), self.above)


@dataclass(frozen=True)
class Inspection:
    """One inspection to place: the school's queue entry plus what allocation needs to know about the school."""

    urn: int
    location: Point
    need: str  # the phase (or specialism) every inspector sent must have, e.g. "Primary"
    due_date: dt.date
    priority: int
    team_size: int = 2  # lead included
    trust_id: str | None = None
    region: str = ""
    statutory_latest: dt.date | None = None
    cannot_take: tuple[BlockedDates, ...] = ()  # from deferrals and pauses
    closed_days: frozenset[dt.date] = frozenset()  # the school's own holidays and closures

    def __post_init__(self) -> None:
        if self.team_size < 1:
            raise ValueError(f"URN {self.urn}: a team has at least its lead")

    def slot_refusal(self, slot: Slot) -> str | None:
        """Why this school cannot be inspected in the slot, or None."""
        shut = [day for day in slot.days() if day in self.closed_days]
        if shut:
            return f"URN {self.urn} is closed on {shut[0]}"
        for blocked in self.cannot_take:
            if any(blocked.first_day <= day <= blocked.last_day for day in slot.on_site):
                why = blocked.reason or "no reason given"
                return f"URN {self.urn} cannot take {blocked.first_day} to {blocked.last_day} ({why})"
        return None


def inspection_from_due(
    entry: DueEntry,
    *,
    location: Point,
    need: str,
    team_size: int,
    trust_id: str | None = None,
    region: str = "",
    closed_days: frozenset[dt.date] = frozenset(),
) -> Inspection:
    """An entry of the queue of schools due, ready to place: its dates, priority and blocked dates carried over."""
    return Inspection(
        urn=entry.urn,
        location=location,
        need=need,
        due_date=entry.due_date,
        priority=entry.priority,
        team_size=team_size,
        trust_id=trust_id,
        region=region,
        statutory_latest=entry.statutory_latest,
        cannot_take=entry.cannot_take,
        closed_days=closed_days,
    )


@dataclass(frozen=True)
class ObjectiveWeights:
    """How the objective trades travel, lateness, unplaced inspections and unfair workload against each other.

    Inspectorate's own weights, not Ofsted's. Whole numbers keep the solver's model exact.
    """

    per_km: int = 1  # per kilometre from an inspector's home to the school, per inspector sent
    per_day_late: int = 1  # per day after the due date, multiplied by (1 + the school's priority)
    unplaced: int = 2000  # per inspection left out, on top of its lateness counted to the day after the horizon
    per_day_above_mean: int = 20  # per on-site day an inspector works above the mean for their employment


@dataclass(frozen=True)
class Problem:
    inspections: tuple[Inspection, ...]
    inspectors: tuple[Inspector, ...]
    slots: tuple[Slot, ...]
    required_training: frozenset[TrainingKind] = DEFAULT_REQUIRED_TRAINING
    min_rest_days: int = 0  # whole days off between two inspections of one inspector
    weights: ObjectiveWeights = field(default_factory=ObjectiveWeights)
    _inspection: dict[int, Inspection] = field(init=False, repr=False, compare=False)
    _inspector: dict[str, Inspector] = field(init=False, repr=False, compare=False)
    _km: dict[tuple[str, int], int] = field(init=False, repr=False, compare=False)
    _eligible: dict[int, tuple[Inspector, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_inspection", {i.urn: i for i in self.inspections})
        object.__setattr__(self, "_inspector", {p.id: p for p in self.inspectors})
        object.__setattr__(self, "_km", {})
        object.__setattr__(self, "_eligible", {})
        if len(self._inspection) != len(self.inspections) or len(self._inspector) != len(self.inspectors):
            raise ValueError("each URN and each inspector id appears once in a problem")

    def inspection(self, urn: int) -> Inspection:
        return self._inspection[urn]

    def inspector(self, inspector_id: str) -> Inspector:
        return self._inspector[inspector_id]

    def has_inspector(self, inspector_id: str) -> bool:
        return inspector_id in self._inspector

    def has_inspection(self, urn: int) -> bool:
        return urn in self._inspection

    @property
    def horizon_end(self) -> dt.date:
        return max((s.last_day for s in self.slots), default=dt.date.min)

    def eligible_nearest_first(self, inspection: Inspection) -> tuple[Inspector, ...]:
        """Everyone who could ever be sent to the school (right experience, no conflict), nearest home first.

        Kept once worked out: the greedy baseline, the solver's candidates and the bounds all ask for it.
        """
        if inspection.urn not in self._eligible:
            eligible = [p for p in self.inspectors if standing_refusal(p, inspection) is None]
            self._eligible[inspection.urn] = tuple(sorted(eligible, key=lambda p: (self.km(p, inspection), p.id)))
        return self._eligible[inspection.urn]

    def km(self, inspector: Inspector, inspection: Inspection) -> int:
        key = (inspector.id, inspection.urn)
        if key not in self._km:
            self._km[key] = round(haversine_km(inspector.home, inspection.location))
        return self._km[key]


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance: a fair proxy for the road journey when comparing one inspector with another."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


# Who may go where: the rules the greedy baseline, the solver and the bounds share. The checker re-derives them.


def standing_refusal(inspector: Inspector, inspection: Inspection) -> str | None:
    """Why the inspector could never be sent to this school in this horizon (whatever the week), or None."""
    if not inspector.knows(inspection.need):
        return f"{inspector.name} has no {inspection.need} experience"
    return conflict_reason(inspector, inspection)


def day_refusal(inspector: Inspector, slot: Slot, required: frozenset[TrainingKind]) -> str | None:
    """Why the inspector cannot be on site in the slot: away, or training not current on an on-site day."""
    for day in slot.on_site:
        away = inspector.away_on(day)
        if away:
            return f"{inspector.name} is away on {day} ({away.reason})"
    for day in slot.on_site:
        reason = training_reason(inspector, day, required)
        if reason:
            return reason
    return None


def may_serve(problem: Problem, inspector: Inspector, inspection: Inspection, slot: Slot, *, lead: bool) -> bool:
    if lead and not inspector.can_lead:
        return False
    if standing_refusal(inspector, inspection) is not None:
        return False
    return day_refusal(inspector, slot, problem.required_training) is None


@dataclass(frozen=True)
class Assignment:
    urn: int
    slot: Slot
    lead: str
    team: tuple[str, ...] = ()  # the team inspectors besides the lead

    @property
    def members(self) -> tuple[str, ...]:
        return (self.lead, *self.team)


@dataclass(frozen=True)
class Plan:
    assignments: tuple[Assignment, ...] = ()

    def by_urn(self) -> dict[int, Assignment]:
        return {a.urn: a for a in self.assignments}

    def unplaced(self, problem: Problem) -> tuple[int, ...]:
        placed = {a.urn for a in self.assignments}
        return tuple(i.urn for i in problem.inspections if i.urn not in placed)

    def on_site_days(self) -> dict[str, int]:
        days: dict[str, int] = defaultdict(int)
        for a in self.assignments:
            for member in a.members:
                days[member] += len(a.slot.on_site)
        return dict(days)


# The objective's terms, one function each, used by `score`, the solver's model and the bounds alike.


def days_late(inspection: Inspection, slot: Slot) -> int:
    return max(0, (slot.first_day - inspection.due_date).days)


def lateness_cost(problem: Problem, inspection: Inspection, slot: Slot) -> int:
    return problem.weights.per_day_late * (1 + inspection.priority) * days_late(inspection, slot)


def unplaced_cost(problem: Problem, inspection: Inspection) -> int:
    """Leaving a school out costs a fixed amount plus its lateness counted to the day after the horizon, so it
    is never cheaper than placing it in the horizon's last slot with a nearby team."""
    after = (problem.horizon_end + ONE_DAY - inspection.due_date).days
    return problem.weights.unplaced + problem.weights.per_day_late * (1 + inspection.priority) * max(0, after)


def travel_cost(problem: Problem, inspector: Inspector, inspection: Inspection) -> int:
    return problem.weights.per_km * problem.km(inspector, inspection)


def days_above_mean(problem: Problem, days: Mapping[str, int]) -> float:
    """Sum over inspectors of their on-site days above the mean of everyone with the same employment."""
    by_kind: dict[Employment, list[int]] = defaultdict(list)
    for p in problem.inspectors:
        by_kind[p.employment].append(days.get(p.id, 0))
    total = 0.0
    for worked in by_kind.values():
        mean = sum(worked) / len(worked)
        total += sum(max(0.0, d - mean) for d in worked)
    return total


@dataclass(frozen=True)
class Score:
    travel_km: int
    travel: int
    lateness: int
    unplaced: int
    fairness: float
    days_late: int
    unplaced_count: int
    days_above_mean: float

    @property
    def total(self) -> float:
        return self.travel + self.lateness + self.unplaced + self.fairness


def score(problem: Problem, plan: Plan) -> Score:
    """The objective of a plan: travel + lateness weighted by priority + unplaced + fairness (see the ADR)."""
    travel_km = late = lateness = 0
    for a in plan.assignments:
        inspection = problem.inspection(a.urn)
        travel_km += sum(problem.km(problem.inspector(m), inspection) for m in a.members)
        late += days_late(inspection, a.slot)
        lateness += lateness_cost(problem, inspection, a.slot)
    left_out = [problem.inspection(urn) for urn in plan.unplaced(problem)]
    above = days_above_mean(problem, plan.on_site_days())
    return Score(
        travel_km=travel_km,
        travel=problem.weights.per_km * travel_km,
        lateness=lateness,
        unplaced=sum(unplaced_cost(problem, i) for i in left_out),
        fairness=problem.weights.per_day_above_mean * above,
        days_late=late,
        unplaced_count=len(left_out),
        days_above_mean=above,
    )
