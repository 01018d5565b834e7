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
from typing import Any

import numpy as np
import numpy.typing as npt

from inspectorate.domain.scheduling import distances
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
    per_day_above_share: int = 20  # per on-site day an inspector works above the fair share of their employment


@dataclass(frozen=True)
class Problem:
    inspections: tuple[Inspection, ...]
    inspectors: tuple[Inspector, ...]
    slots: tuple[Slot, ...]
    required_training: frozenset[TrainingKind] = DEFAULT_REQUIRED_TRAINING
    min_rest_days: int = 0  # whole days off between two inspections of one inspector
    weights: ObjectiveWeights = field(default_factory=ObjectiveWeights)
    # Worked out once and kept (the problem is immutable): lookups by id, and numpy arrays indexed by the
    # position of an inspection (rows) and an inspector (columns) in the tuples above.
    _inspection: dict[int, Inspection] = field(init=False, repr=False, compare=False)
    _inspector: dict[str, Inspector] = field(init=False, repr=False, compare=False)
    _row: dict[int, int] = field(init=False, repr=False, compare=False)
    _column: dict[str, int] = field(init=False, repr=False, compare=False)
    _arrays: dict[str, npt.NDArray[Any]] = field(init=False, repr=False, compare=False)
    _eligible: dict[int, npt.NDArray[np.intp]] = field(init=False, repr=False, compare=False)
    _eligible_people: dict[int, tuple[Inspector, ...]] = field(init=False, repr=False, compare=False)
    _present: dict[Slot, npt.NDArray[np.bool_]] = field(init=False, repr=False, compare=False)
    _unavoidable: dict[int, int] = field(init=False, repr=False, compare=False)
    _declared: dict[str, dict[Any, set[int]]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_inspection", {i.urn: i for i in self.inspections})
        object.__setattr__(self, "_inspector", {p.id: p for p in self.inspectors})
        object.__setattr__(self, "_row", {i.urn: n for n, i in enumerate(self.inspections)})
        object.__setattr__(self, "_column", {p.id: n for n, p in enumerate(self.inspectors)})
        for name in ("_arrays", "_eligible", "_eligible_people", "_present", "_unavoidable", "_declared"):
            object.__setattr__(self, name, {})
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

    def column(self, inspector_id: str) -> int:
        """The inspector's position in `inspectors`: their column in the arrays below."""
        return self._column[inspector_id]

    @property
    def horizon_end(self) -> dt.date:
        return max((s.last_day for s in self.slots), default=dt.date.min)

    # Arrays for the heavy work (distances, who may go where, who is present), built once with numpy.

    def km_matrix(self) -> npt.NDArray[np.int64]:
        """Whole kilometres from each inspector's home (columns) to each school (rows)."""
        if "km" not in self._arrays:
            sites = [i.location for i in self.inspections]
            self._arrays["km"] = distances.km_matrix(sites, [p.home for p in self.inspectors])
        return self._arrays["km"]

    def can_lead_mask(self) -> npt.NDArray[np.bool_]:
        if "lead" not in self._arrays:
            self._arrays["lead"] = np.array([p.can_lead for p in self.inspectors], dtype=np.bool_)
        return self._arrays["lead"]

    def _id_rank(self) -> npt.NDArray[np.intp]:
        """Each inspector's place in id order: ties in distance are broken by id, as before."""
        if "rank" not in self._arrays:
            rank = np.empty(len(self.inspectors), dtype=np.intp)
            rank[sorted(range(len(self.inspectors)), key=lambda n: self.inspectors[n].id)] = np.arange(
                len(self.inspectors)
            )
            self._arrays["rank"] = rank
        return self._arrays["rank"]

    def knows_mask(self, need: str) -> npt.NDArray[np.bool_]:
        key = f"need:{need}"
        if key not in self._arrays:
            self._arrays[key] = np.array([p.knows(need) for p in self.inspectors], dtype=np.bool_)
        return self._arrays[key]

    def eligible_index(self, inspection: Inspection) -> npt.NDArray[np.intp]:
        """Columns of everyone who could ever be sent to the school, nearest home first (ties by id).

        The same set as `standing_refusal(p, inspection) is None`: the phase or specialism from a mask per need,
        then the few declared conflicts struck out one by one (they are sparse, so this is cheap).
        """
        if inspection.urn not in self._eligible:
            allowed = self.knows_mask(inspection.need).copy()
            for n in self._conflicted(inspection):
                if conflict_reason(self.inspectors[n], inspection) is not None:  # the rule itself decides
                    allowed[n] = False
            columns = np.flatnonzero(allowed)
            km = self.km_row(inspection)[columns]
            self._eligible[inspection.urn] = columns[np.lexsort((self._id_rank()[columns], km))]
        return self._eligible[inspection.urn]

    def _conflicted(self, inspection: Inspection) -> set[int]:
        """Columns of the inspectors who declared the school or its trust: the only ones a conflict can refuse."""
        if not self._declared:
            by_urn: dict[int, set[int]] = defaultdict(set)
            by_trust: dict[str, set[int]] = defaultdict(set)
            for n, p in enumerate(self.inspectors):
                for urn in p.conflicts.worked_at_urns:
                    by_urn[urn].add(n)
                for trust in p.conflicts.trust_ids:
                    by_trust[trust].add(n)
            self._declared.update({"urn": dict(by_urn), "trust": dict(by_trust)})
        found = set(self._declared["urn"].get(inspection.urn, ()))
        if inspection.trust_id:
            found |= self._declared["trust"].get(inspection.trust_id, set())
        return found

    def km_row(self, inspection: Inspection) -> npt.NDArray[np.int64]:
        """Kilometres from every inspector's home to this school (the matrix row, or worked out if it is not ours)."""
        row = self._row.get(inspection.urn)
        if row is not None and self.inspections[row].location == inspection.location:
            return self.km_matrix()[row]
        return distances.km_matrix([inspection.location], [p.home for p in self.inspectors])[0]

    def eligible_nearest_first(self, inspection: Inspection) -> tuple[Inspector, ...]:
        """Everyone who could ever be sent to the school (right experience, no conflict), nearest home first.

        Kept once worked out: the greedy baseline, the solver's candidates and the bounds all ask for it.
        """
        if inspection.urn not in self._eligible_people:
            people = tuple(self.inspectors[n] for n in self.eligible_index(inspection))
            self._eligible_people[inspection.urn] = people
        return self._eligible_people[inspection.urn]

    def present_mask(self, slot: Slot) -> npt.NDArray[np.bool_]:
        """Who can be on site in the slot (not away, required training current on each on-site day)."""
        if slot not in self._present:
            present = [day_refusal(p, slot, self.required_training) is None for p in self.inspectors]
            self._present[slot] = np.array(present, dtype=np.bool_)
        return self._present[slot]

    def km(self, inspector: Inspector, inspection: Inspection) -> int:
        column, row = self._column.get(inspector.id), self._row.get(inspection.urn)
        same = row is not None and self.inspections[row].location == inspection.location
        if column is None or not same or self.inspectors[column].home != inspector.home:
            return round(haversine_km(inspector.home, inspection.location))  # not one of this problem's own
        return int(self.km_matrix()[row, column])

    def unavoidable(self, inspection: Inspection) -> int:
        """The least the inspection can cost in any plan whatever anyone else does: see `unavoidable_cost`."""
        if inspection.urn not in self._unavoidable:
            self._unavoidable[inspection.urn] = unavoidable_cost(self, inspection)
        return self._unavoidable[inspection.urn]


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


def staffable(problem: Problem, inspection: Inspection, slot: Slot) -> bool:
    """Whether a team could be sent in the slot if nobody else were booked: the school open and unblocked, and
    `team_size` eligible inspectors present, one of whom may lead."""
    if inspection.slot_refusal(slot) is not None:
        return False
    columns = problem.eligible_index(inspection)
    here = columns[problem.present_mask(slot)[columns]]
    return len(here) >= inspection.team_size and bool(problem.can_lead_mask()[here].any())


def unavoidable_cost(problem: Problem, inspection: Inspection) -> int:
    """The part of an inspection's cost no plan can avoid: its lateness in the earliest slot it could take.

    That is the least of its unplaced cost and its lateness in each slot where it is `staffable` (which ignores
    everyone else's bookings, so it depends on the problem only, never on a plan). In any plan the inspection is
    either unplaced (costing at least this) or placed in a staffable slot (its lateness there at least this, and
    travel is >= 0), so `score` minus the sum of these is never negative: it is the avoidable part, what planning
    can change. Nationally most schools are overdue before the horizon opens, and this constant is almost all of
    the total; ratios of totals then look close to 1 whatever the plan, so the avoidable part is reported too.
    """
    costs = [lateness_cost(problem, inspection, s) for s in problem.slots if staffable(problem, inspection, s)]
    return min([unplaced_cost(problem, inspection), *costs])


def unavoidable_total(problem: Problem) -> int:
    return sum(problem.unavoidable(i) for i in problem.inspections)


def travel_cost(problem: Problem, inspector: Inspector, inspection: Inspection) -> int:
    return problem.weights.per_km * problem.km(inspector, inspection)


def day_unit(slots: Iterable[Slot]) -> int:
    """The whole number of on-site days every slot is made of (their gcd): 2 with the usual Tuesday-Wednesday."""
    return math.gcd(*(len(s.on_site) for s in slots)) or 1


def fair_share(total_days: int, people: int, unit: int) -> int:
    """The mean on-site days of `people` inspectors who work `total_days` between them, rounded up to whole units.

    Rounded up because work comes in whole inspections: with 289 two-day places shared by 400 inspectors the mean
    is 1.4 days, but nobody can work 1.4 days, and one inspection each (2 days) is as even as it gets.
    """
    return unit * -(-total_days // (unit * people)) if people else 0


def days_above_share(problem: Problem, days: Mapping[str, int]) -> int:
    """Sum over inspectors of their on-site days above the fair share of their employment (`fair_share`).

    The fair share rather than the plain mean: measured against the mean, every inspector sent in a short
    horizon counts as above it, so the term rewarded giving all the work to fewer people of one employment,
    the opposite of fair. Against the mean rounded up to whole inspections, a plan that spreads work as evenly
    as whole inspections allow scores 0, and only loading someone beyond that costs anything.
    """
    by_kind: dict[Employment, list[int]] = defaultdict(list)
    for p in problem.inspectors:
        by_kind[p.employment].append(days.get(p.id, 0))
    unit = day_unit(problem.slots)
    total = 0
    for worked in by_kind.values():
        share = fair_share(sum(worked), len(worked), unit)
        total += sum(max(0, d - share) for d in worked)
    return total


@dataclass(frozen=True)
class Score:
    travel_km: int
    travel: int
    lateness: int
    unplaced: int
    fairness: int
    days_late: int
    unplaced_count: int
    days_above_share: int
    unavoidable: int  # the constant part of the total, the same for every plan of the problem (`unavoidable_cost`)

    @property
    def total(self) -> int:
        return self.travel + self.lateness + self.unplaced + self.fairness

    @property
    def avoidable(self) -> int:
        """What planning can change: the total less the constant every plan of the problem pays."""
        return self.total - self.unavoidable


def score(problem: Problem, plan: Plan) -> Score:
    """The objective of a plan: travel + lateness weighted by priority + unplaced + fairness (see the ADR).

    The total is also split into the constant no plan can avoid (`Score.unavoidable`) and the rest
    (`Score.avoidable`); the split is the same for every plan of a problem, the greedy baseline's and the solver's.
    """
    travel_km = late = lateness = 0
    for a in plan.assignments:
        inspection = problem.inspection(a.urn)
        travel_km += sum(problem.km(problem.inspector(m), inspection) for m in a.members)
        late += days_late(inspection, a.slot)
        lateness += lateness_cost(problem, inspection, a.slot)
    left_out = [problem.inspection(urn) for urn in plan.unplaced(problem)]
    above = days_above_share(problem, plan.on_site_days())
    return Score(
        travel_km=travel_km,
        travel=problem.weights.per_km * travel_km,
        lateness=lateness,
        unplaced=sum(unplaced_cost(problem, i) for i in left_out),
        fairness=problem.weights.per_day_above_share * above,
        days_late=late,
        unplaced_count=len(left_out),
        days_above_share=above,
        unavoidable=unavoidable_total(problem),
    )
