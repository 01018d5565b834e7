"""The greedy baseline: earliest due first, each in its earliest open slot, with the nearest free qualified team.

It is what a planner would do by hand, and the yardstick the solver is measured against (the solver starts from
it). `Timetable` records who is already booked when; the solver's decomposition and the re-plan use it too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
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
    """Place `inspections` (all by default) in `slots` (all by default) around what `timetable` already holds."""
    timetable = timetable or Timetable.of(problem)
    ordered = sorted(inspections or problem.inspections, key=order)
    slots = sorted(slots or problem.slots)
    placed: list[Assignment] = []
    for inspection in ordered:
        nearest = problem.eligible_index(inspection)
        for slot in slots:
            if inspection.slot_refusal(slot) is not None:
                continue
            present = nearest[problem.present_mask(slot)[nearest]]  # still nearest first
            team = _nearest_free_team(problem, inspection, slot, present, timetable)
            if team:
                assignment = Assignment(inspection.urn, slot, team[0], tuple(team[1:]))
                timetable.book(assignment)
                placed.append(assignment)
                break
    return Plan(tuple(placed))


def _nearest_free_team(
    problem: Problem,
    inspection: Inspection,
    slot: Slot,
    present: npt.NDArray[np.intp],
    timetable: Timetable,
) -> list[str] | None:
    """The nearest free lead, then the nearest free others; None when the slot cannot be staffed.

    `present` holds the columns of the eligible inspectors who are present in the slot, nearest first.
    """
    lead: Inspector | None = None
    others: list[str] = []
    for column in present.tolist():  # nearest first, stopping as soon as the team is complete
        p = problem.inspectors[column]
        if not timetable.free(p, slot):
            continue
        if lead is None and p.can_lead:
            lead = p
        elif len(others) < inspection.team_size - 1:
            others.append(p.id)
        if lead is not None and len(others) == inspection.team_size - 1:
            return [lead.id, *others]
    return None
