"""The greedy baseline: earliest due first, each in its earliest open slot, with the nearest free qualified team.

It is what a planner would do by hand, and the yardstick the solver is measured against (the solver starts from
it). `Timetable` records who is already booked when; the solver's decomposition and the re-plan use it too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from inspectorate.domain.scheduling.allocation import (
    Assignment,
    Inspection,
    Plan,
    Problem,
    Slot,
    day_refusal,
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


def greedy_plan(
    problem: Problem,
    inspections: Sequence[Inspection] | None = None,
    slots: Sequence[Slot] | None = None,
    timetable: Timetable | None = None,
) -> Plan:
    """Place `inspections` (all by default) in `slots` (all by default) around what `timetable` already holds."""
    timetable = timetable or Timetable.of(problem)
    order = sorted(inspections or problem.inspections, key=lambda i: (i.due_date, -i.priority, i.urn))
    slots = sorted(slots or problem.slots)
    placed: list[Assignment] = []
    for inspection in order:
        nearest = eligible_by_distance(problem, inspection)
        for slot in slots:
            if inspection.slot_refusal(slot) is not None:
                continue
            team = _nearest_free_team(problem, inspection, slot, nearest, timetable)
            if team:
                assignment = Assignment(inspection.urn, slot, team[0], tuple(team[1:]))
                timetable.book(assignment)
                placed.append(assignment)
                break
    return Plan(tuple(placed))


def _nearest_free_team(
    problem: Problem, inspection: Inspection, slot: Slot, nearest: list[Inspector], timetable: Timetable
) -> list[str] | None:
    """The nearest free lead, then the nearest free others; None when the slot cannot be staffed."""
    lead: Inspector | None = None
    others: list[str] = []
    for p in nearest:  # nearest first, stopping as soon as the team is complete
        if not timetable.free(p, slot) or day_refusal(p, slot, problem.required_training) is not None:
            continue
        if lead is None and p.can_lead:
            lead = p
        elif len(others) < inspection.team_size - 1:
            others.append(p.id)
        if lead is not None and len(others) == inspection.team_size - 1:
            return [lead.id, *others]
    return None
