"""An independent check of any plan against every hard constraint, without the solver.

It shares nothing with the greedy baseline or the solver beyond the problem's data and the workforce's two
refusal rules (`conflict_reason`, `training_reason`), which are the definitions of those rules rather than a way of
solving. Dates, leave, qualifications, clashes and weekly counts are worked out here afresh, so a bug in the
model that produced a plan shows up as a violation rather than being repeated.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from inspectorate.domain.scheduling.allocation import Assignment, Plan, Problem
from inspectorate.domain.scheduling.workforce import Inspector, conflict_reason, training_reason


class Rule(StrEnum):
    UNKNOWN_SCHOOL = "the inspection is not in the problem"
    PLACED_TWICE = "an inspection is placed more than once"
    NOT_A_SLOT = "the dates are not one of the horizon's slots"
    SCHOOL_CLOSED = "the school is closed on a notification or on-site day"
    BLOCKED_DATES = "an on-site day falls in dates the school cannot take"
    TEAM_SIZE = "the team is not the size the school needs"
    SAME_PERSON_TWICE = "an inspector appears twice in one team"
    UNKNOWN_INSPECTOR = "the inspector is not in the workforce"
    MAY_NOT_LEAD = "the lead may not lead"
    NOT_QUALIFIED = "an inspector lacks the phase or specialism the school needs"
    CONFLICT_OF_INTEREST = "an inspector has a conflict of interest with the school"
    TRAINING = "an inspector's required training is not current"
    AWAY = "an inspector is on leave or unavailable"
    DOUBLE_BOOKED = "an inspector is on site at two schools on the same day"
    TOO_LITTLE_REST = "an inspector has too little rest between two inspections"
    WEEKLY_LIMIT = "an inspector has more inspections in a week than allowed"


@dataclass(frozen=True)
class Violation:
    rule: Rule
    urn: int
    inspector_id: str | None
    detail: str


def check(problem: Problem, plan: Plan) -> list[Violation]:
    """Every hard constraint the plan breaks; an empty list means the plan can be carried out."""
    found: list[Violation] = []
    placed = Counter(a.urn for a in plan.assignments)
    found += [Violation(Rule.PLACED_TWICE, urn, None, f"placed {n} times") for urn, n in placed.items() if n > 1]
    slots = set(problem.slots)
    for a in plan.assignments:
        if not problem.has_inspection(a.urn):
            found.append(Violation(Rule.UNKNOWN_SCHOOL, a.urn, None, f"URN {a.urn} is not to be placed"))
            continue
        if a.slot not in slots:
            found.append(Violation(Rule.NOT_A_SLOT, a.urn, None, f"on site {a.slot.on_site} is not a slot"))
        found += _school_violations(problem, a)
        found += _team_violations(problem, a)
    found += _timetable_violations(problem, plan)
    return found


def _school_violations(problem: Problem, a: Assignment) -> Iterator[Violation]:
    inspection = problem.inspection(a.urn)
    for day in (a.slot.notify_on, *a.slot.on_site):
        if day in inspection.closed_days:
            yield Violation(Rule.SCHOOL_CLOSED, a.urn, None, f"closed on {day}")
    for day in a.slot.on_site:
        for b in inspection.cannot_take:
            if b.first_day <= day <= b.last_day:
                yield Violation(Rule.BLOCKED_DATES, a.urn, None, f"{day} is blocked: {b.reason or 'no reason'}")


def _team_violations(problem: Problem, a: Assignment) -> Iterator[Violation]:
    inspection = problem.inspection(a.urn)
    if len(a.members) != inspection.team_size:
        yield Violation(Rule.TEAM_SIZE, a.urn, None, f"{len(a.members)} sent, {inspection.team_size} needed")
    for member, n in Counter(a.members).items():
        if n > 1:
            yield Violation(Rule.SAME_PERSON_TWICE, a.urn, member, f"{member} appears {n} times")
    for member in a.members:
        if not problem.has_inspector(member):
            yield Violation(Rule.UNKNOWN_INSPECTOR, a.urn, member, f"no inspector {member}")
            continue
        yield from _member_violations(problem, a, problem.inspector(member), is_lead=member == a.lead)


def _member_violations(problem: Problem, a: Assignment, p: Inspector, *, is_lead: bool) -> Iterator[Violation]:
    inspection = problem.inspection(a.urn)
    if is_lead and not (p.employment == "employed" or p.may_lead):
        yield Violation(Rule.MAY_NOT_LEAD, a.urn, p.id, f"{p.name} is contracted and not allowed to lead")
    if inspection.need not in p.phases and inspection.need not in p.specialisms:
        yield Violation(Rule.NOT_QUALIFIED, a.urn, p.id, f"{p.name} lacks {inspection.need}")
    conflict = conflict_reason(p, inspection)
    if conflict:
        yield Violation(Rule.CONFLICT_OF_INTEREST, a.urn, p.id, conflict)
    for day in a.slot.on_site:
        if any(leave.first_day <= day <= leave.last_day for leave in p.leave):
            yield Violation(Rule.AWAY, a.urn, p.id, f"{p.name} is away on {day}")
        untrained = training_reason(p, day, problem.required_training)
        if untrained:
            yield Violation(Rule.TRAINING, a.urn, p.id, f"{untrained} (on site {day})")


def _timetable_violations(problem: Problem, plan: Plan) -> Iterator[Violation]:
    """One inspection at a time, rest between inspections, and the weekly limit, inspector by inspector."""
    booked: dict[str, list[Assignment]] = defaultdict(list)
    for a in plan.assignments:
        for member in set(a.members):
            booked[member].append(a)
    for member, jobs in booked.items():
        jobs.sort(key=lambda a: (a.slot.on_site[0], a.urn))
        for i, first in enumerate(jobs):
            for second in jobs[i + 1 :]:
                yield from _pair_violations(problem, member, first, second)
        if problem.has_inspector(member):
            yield from _weekly_violations(problem.inspector(member), jobs)


def _pair_violations(problem: Problem, member: str, first: Assignment, second: Assignment) -> Iterator[Violation]:
    if set(first.slot.on_site) & set(second.slot.on_site):
        yield Violation(Rule.DOUBLE_BOOKED, second.urn, member, f"{member} is also at URN {first.urn}")
        return
    earlier, later = sorted((first.slot, second.slot))
    rest = (later.on_site[0] - earlier.on_site[-1]).days - 1
    if rest < problem.min_rest_days:
        detail = f"{member}: {rest} day(s) off after URN {first.urn}, {problem.min_rest_days} required"
        yield Violation(Rule.TOO_LITTLE_REST, second.urn, member, detail)


def _weekly_violations(p: Inspector, jobs: list[Assignment]) -> Iterator[Violation]:
    weeks = Counter(a.slot.on_site[0].isocalendar()[:2] for a in jobs)
    for (year, week), n in weeks.items():
        if n > p.weekly_limit:
            monday = dt.date.fromisocalendar(year, week, 1)
            urn = next(a.urn for a in jobs if a.slot.on_site[0].isocalendar()[:2] == (year, week))
            detail = f"{p.name}: {n} in the week of {monday}, limit {p.weekly_limit}"
            yield Violation(Rule.WEEKLY_LIMIT, urn, p.id, detail)
