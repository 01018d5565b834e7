"""Why a plan puts each school where it does, in plain words a scheduler can check.

Three parts: why this school (its due date, the rule and policy it is due under, its priority and what raised it),
why this week (the earliest week a team could be found, or how many weeks later and why), and why this team (how
far each inspector travels from home). Pure: it reads the problem, the plan and the queue entry, nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from inspectorate.domain.scheduling.allocation import (
    Assignment,
    Inspection,
    Plan,
    Problem,
    Slot,
    days_late,
    slots_clash,
    staffable,
)
from inspectorate.domain.scheduling.queue import DueEntry

FACTORS_NAMED = 3  # the largest priority factors named in a reason; the due queue's page lists them all
WEIGHED = "the plan as a whole costs less this way (travel, lateness and fair shares weighed together)"


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def due_clause(inspection: Inspection, entry: DueEntry | None) -> str:
    """Why this school: when it is due, under which rule and policy, and its priority with what raised it."""
    if entry is None:
        return f"Due {long_date(inspection.due_date)}, priority {inspection.priority}"
    largest = sorted((f for f in entry.factors if f.points), key=lambda f: -f.points)[:FACTORS_NAMED]
    raised = f" ({', '.join(f'{f.name} {f.points}' for f in largest)})" if largest else ""
    return (
        f'Due {long_date(entry.due_date)} ({entry.rule.name} under "{entry.policy_name}"), '
        f"priority {inspection.priority}{raised}"
    )


def earliest_staffable(problem: Problem, inspection: Inspection) -> Slot | None:
    """The first slot in which a team could be sent if nobody else were booked (`allocation.staffable`)."""
    return min((s for s in problem.slots if staffable(problem, inspection, s)), default=None)


def _weeks(count: int) -> str:
    return f"{count} week{'s' if count != 1 else ''}"


class PlanReasons:
    """The reasons of one plan's assignments. Worked out once per plan: who is booked when."""

    def __init__(self, problem: Problem, plan: Plan, entries: Mapping[int, DueEntry]) -> None:
        self.problem = problem
        self.plan = plan
        self.entries = entries
        self._booked: dict[str, list[Assignment]] = defaultdict(list)
        for a in plan.assignments:
            for member in a.members:
                self._booked[member].append(a)

    def reason(self, a: Assignment, changed: str | None = None) -> str:
        inspection = self.problem.inspection(a.urn)
        parts = [due_clause(inspection, self.entries.get(a.urn)), self.week_clause(a), self.team_clause(a)]
        if changed:
            parts.append(f"changed in this re-plan: {changed}")
        return "; ".join(parts)

    def week_clause(self, a: Assignment) -> str:
        """Why this week: the earliest a team could be found, or how much later and what took the team then."""
        inspection = self.problem.inspection(a.urn)
        earliest = earliest_staffable(self.problem, inspection)
        if earliest is None or earliest.week >= a.slot.week:
            return "on site in the earliest week a team could be found" + self._not_before(inspection, earliest)
        later = f"{_weeks((a.slot.week - earliest.week).days // 7)} after the earliest week it could be staffed"
        later += f" (the week of {long_date(earliest.week)})"
        takers = self._takers(a, earliest)
        if not takers:
            on_time = "; it is still by its due date" if not days_late(inspection, a.slot) else ""
            return f"{later}: a team was free then, but {WEIGHED}{on_time}"
        higher = sum(1 for t in takers if self.problem.inspection(t.urn).priority > inspection.priority)
        if higher == len(takers):
            return f"{later}: the inspectors who could have gone then were booked for schools of higher priority"
        which = f"{higher} of them of higher priority" if higher else "none of higher priority"
        return (
            f"{later}: the inspectors who could have gone then were booked at {len(takers)} other school(s) that "
            f"week ({which}); {WEIGHED}"
        )

    def _not_before(self, inspection: Inspection, earliest: Slot | None) -> str:
        """Why no earlier week of the horizon would do, when there was one."""
        earlier = [s for s in self.problem.slots if earliest is not None and s.week < earliest.week]
        if not earlier:
            return ""
        refusal = next((r for s in earlier if (r := inspection.slot_refusal(s))), None)
        return f" (not earlier: {refusal or 'no full team with the right experience was present and trained'})"

    def _takers(self, a: Assignment, slot: Slot) -> list[Assignment]:
        """The other assignments that kept the school's possible team busy in `slot`; none if a team was free."""
        problem, inspection = self.problem, self.problem.inspection(a.urn)
        present = problem.present_mask(slot)
        free: list[int] = []
        takers: dict[int, Assignment] = {}
        for column in problem.eligible_index(inspection):
            if not present[column]:
                continue
            busy = self._busy(problem.inspectors[column].id, slot, a)
            if busy:
                takers.update((t.urn, t) for t in busy)
            else:
                free.append(int(column))
        leads = problem.can_lead_mask()
        if len(free) >= inspection.team_size and any(leads[c] for c in free):
            return []
        return sorted(takers.values(), key=lambda t: t.urn)

    def _busy(self, inspector_id: str, slot: Slot, own: Assignment) -> list[Assignment]:
        """The inspector's other assignments that stop them going in `slot`: a clash, or their weekly limit."""
        others = [b for b in self._booked.get(inspector_id, ()) if b.urn != own.urn]
        clashing = [b for b in others if slots_clash(b.slot, slot, self.problem.min_rest_days)]
        same_week = [b for b in others if b.slot.week == slot.week]
        if len(same_week) >= self.problem.inspector(inspector_id).weekly_limit:
            return clashing + [b for b in same_week if b not in clashing]
        return clashing

    def team_clause(self, a: Assignment) -> str:
        """Who goes, and how far each travels from home."""
        inspection = self.problem.inspection(a.urn)
        lead = self.problem.inspector(a.lead)
        text = f"lead {lead.name}, {self.problem.km(lead, inspection):,} km from home"
        if not a.team:
            return f"{text}; no team inspector needed (a team of {inspection.team_size})"
        team = (self.problem.inspector(m) for m in a.team)
        return f"{text}; team: " + ", ".join(f"{p.name} ({self.problem.km(p, inspection):,} km)" for p in team)
