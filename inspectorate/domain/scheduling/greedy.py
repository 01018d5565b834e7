"""The greedy baseline: earliest due first, each in its earliest open slot, with the nearest free qualified team.

It is what a planner would do by hand, and the yardstick the solver is measured against (the solver starts from
it). `Timetable` records who is already booked when; the solver's decomposition and the re-plan use it too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from inspectorate.domain.scheduling.allocation import (
    Assignment,
    Inspection,
    Plan,
    Problem,
    Slot,
    lateness_cost,
    slots_clash,
)
from inspectorate.domain.scheduling.workforce import Inspector


@dataclass
class Timetable:
    """Who is booked in which slots so far: one inspection at a time, rest between, and the weekly limit."""

    rest_days: int
    booked: dict[str, list[Slot]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, problem: Problem, assignments: Iterable[Assignment] = ()) -> Timetable:
        timetable = cls(problem.min_rest_days)
        for a in assignments:
            timetable.book(a)
        return timetable

    def book(self, a: Assignment) -> None:
        for member in a.members:
            self.booked[member].append(a.slot)

    def free(self, inspector: Inspector, slot: Slot) -> bool:
        taken = self.booked.get(inspector.id, ())
        if any(slots_clash(slot, other, self.rest_days) for other in taken):
            return False
        return self.weeks_left(inspector, slot) > 0

    def weeks_left(self, inspector: Inspector, slot: Slot) -> int:
        """How many more inspections the inspector may take in the slot's week."""
        same_week = sum(1 for other in self.booked.get(inspector.id, ()) if other.week == slot.week)
        return inspector.weekly_limit - same_week


def eligible_by_distance(problem: Problem, inspection: Inspection) -> list[Inspector]:
    """Everyone who could ever be sent to the school (right experience, no conflict), nearest home first."""
    return list(problem.eligible_nearest_first(inspection))


def by_due_date(inspection: Inspection) -> tuple[dt.date, int, int]:
    """The baseline's order: earliest due first, then the higher priority, then the URN."""
    return (inspection.due_date, -inspection.priority, inspection.urn)


def by_cost_of_waiting(inspection: Inspection) -> tuple[float, dt.date, int]:
    """Dearest to delay first: a week's lateness costs 7 x (1 + priority), and the team uses `team_size` places.

    Not the baseline (a planner orders by due date); the solver tries it as a second warm start, because when
    most schools are already overdue it is what decides who waits (see the ADR).
    """
    return (-(1 + inspection.priority) / inspection.team_size, inspection.due_date, inspection.urn)


def greedy_plan(
    problem: Problem,
    inspections: Sequence[Inspection] | None = None,
    slots: Sequence[Slot] | None = None,
    timetable: Timetable | None = None,
    order: Callable[[Inspection], Any] = by_due_date,
) -> Plan:
    """Place `inspections` (all by default) in `slots` (all by default) around what `timetable` already holds
    (the timetable is read, not changed)."""
    slots = sorted(slots or problem.slots)
    busy = _Busy(problem, slots, timetable or Timetable.of(problem))
    placed: list[Assignment] = []
    for inspection in sorted(inspections or problem.inspections, key=order):
        nearest = problem.eligible_index(inspection)
        for k, slot in enumerate(slots):
            if inspection.slot_refusal(slot) is not None:
                continue
            team = _nearest_columns(problem, inspection, busy.free(nearest, k, slot))
            if team is not None:
                placed.append(busy.book_columns(inspection, slot, team))
                break
    return Plan(tuple(placed))


def cheapest_slot_plan(
    problem: Problem,
    order: Callable[[Inspection], Any] = by_due_date,
    prices: Mapping[dt.date, npt.NDArray[np.float64]] | None = None,
) -> Plan:
    """Not the baseline but a construction the solver starts from: each inspection, in `order`, takes the slot
    where its lateness plus its nearest free team's travel is least (not simply its earliest open slot).

    On a national year it halves the travel the earliest-slot rule adds for schools not yet due, which would
    otherwise take the nearest inspectors in the first weeks; the search then starts from a better plan.

    With `prices` (per week, a price per inspector: the Lagrangian bound's multipliers, what a place in that week
    is worth when weeks are scarce), slots and teams are chosen by lateness + travel + the team's prices, so a
    school that can wait cheaply leaves a scarce week to one that cannot.
    """
    slots = sorted(problem.slots)
    busy = _Busy(problem, slots, Timetable.of(problem))
    placed: list[Assignment] = []
    for inspection in sorted(problem.inspections, key=order):
        nearest = problem.eligible_index(inspection)
        km = problem.km_row(inspection)
        best: tuple[float, Slot, list[int]] | None = None
        for k, slot in enumerate(slots):
            if inspection.slot_refusal(slot) is not None:
                continue
            late = lateness_cost(problem, inspection, slot)
            if best is not None and late >= best[0]:
                break  # lateness never falls in later slots and travel is >= 0: nothing later can be cheaper
            free = busy.free(nearest, k, slot)
            price = None if prices is None else prices.get(slot.week)
            if price is None:
                team = _nearest_columns(problem, inspection, free)
                extra = 0.0
            else:
                team = _cheapest_columns(problem, inspection, free, problem.weights.per_km * km[free] + price[free])
                extra = 0.0 if team is None else float(price[team].sum())
            if team is not None:
                cost = late + problem.weights.per_km * int(km[team].sum()) + extra
                if best is None or cost < best[0]:
                    best = (cost, slot, team)
        if best is not None:
            placed.append(busy.book_columns(inspection, best[1], best[2]))
    return Plan(tuple(placed))


class _Busy:
    """Per slot, who is no longer free for it: the same answer as `Timetable.free`, kept as numpy masks.

    A year has thousands of inspections and dozens of slots; asking the timetable inspector by inspector made the
    national greedy plan take minutes. Booking someone in a slot marks them busy in every slot that clashes with
    it (the slot itself included), and in every slot of its week once their weekly limit is reached.
    """

    def __init__(self, problem: Problem, slots: Sequence[Slot], timetable: Timetable) -> None:
        self.problem, self.slots, self.rest = problem, slots, timetable.rest_days
        self.mask = np.zeros((len(slots), len(problem.inspectors)), dtype=np.bool_)
        self.of_week: dict[dt.date, list[int]] = defaultdict(list)
        for k, slot in enumerate(slots):
            self.of_week[slot.week].append(k)
        self.load: dict[tuple[int, dt.date], int] = defaultdict(int)
        for pid, booked in timetable.booked.items():
            if problem.has_inspector(pid):
                for slot in booked:
                    self._mark(problem.column(pid), slot)

    def free(self, nearest: npt.NDArray[np.intp], k: int, slot: Slot) -> npt.NDArray[np.intp]:
        """Of `nearest` (columns, nearest first), those present and free in slot k, still nearest first."""
        return nearest[self.problem.present_mask(slot)[nearest] & ~self.mask[k][nearest]]

    def book_columns(self, inspection: Inspection, slot: Slot, columns: Sequence[int]) -> Assignment:
        """Book the team (columns, lead first) in the slot and return its assignment."""
        ids = [self.problem.inspectors[c].id for c in columns]
        for column in columns:
            self._mark(column, slot)
        return Assignment(inspection.urn, slot, ids[0], tuple(ids[1:]))

    def _mark(self, column: int, slot: Slot) -> None:
        for k, other in enumerate(self.slots):
            if slots_clash(slot, other, self.rest):
                self.mask[k, column] = True
        self.load[(column, slot.week)] += 1
        if self.load[(column, slot.week)] >= self.problem.inspectors[column].weekly_limit:
            self.mask[self.of_week.get(slot.week, []), column] = True


def _cheapest_columns(
    problem: Problem, inspection: Inspection, free: npt.NDArray[np.intp], cost: npt.NDArray[np.float64]
) -> list[int] | None:
    """The cheapest team at these costs (aligned with `free`): the cheapest lead, then the cheapest others, which
    is the cheapest team with a lead (any team's lead costs at least the cheapest lead's, its others at least the
    cheapest others')."""
    order = np.argsort(cost, kind="stable")
    return _nearest_columns(problem, inspection, free[order])


def _nearest_columns(problem: Problem, inspection: Inspection, free: npt.NDArray[np.intp]) -> list[int] | None:
    """The nearest free lead, then the nearest free others (columns, lead first); None when there is no team.

    `free` holds the columns of the eligible inspectors present and free in the slot, nearest first.
    """
    leads = free[problem.can_lead_mask()[free]]
    if leads.size == 0 or free.size < inspection.team_size:
        return None
    lead = int(leads[0])
    others = free[free != lead][: inspection.team_size - 1]
    return [lead, *(int(c) for c in others)]
