"""Re-planning after a deferral, a pause or an inspector's absence changes only what had to change."""

from __future__ import annotations

import datetime as dt

from inspectorate.domain.scheduling import BlockedDates
from inspectorate.domain.scheduling.allocation import Plan, Problem
from inspectorate.domain.scheduling.checker import check
from inspectorate.domain.scheduling.solver import Deferral, InspectorAway, Pause, replan, solve
from inspectorate.domain.scheduling.workforce import Leave
from tests.domain.scheduling.test_allocation import WEEK_1, WEEK_2, person, problem, school
from tests.domain.scheduling.test_solver import QUICK


def region() -> Problem:
    """Six schools due in the first week, five inspectors, three weeks: some slack, so moves are possible."""
    schools = [school(urn, (52.0 + urn / 20, -1.0), WEEK_1 + dt.timedelta(days=1), priority=urn) for urn in range(1, 7)]
    people = [person(f"P{n}", (52.0 + n / 10, -1.0)) for n in range(5)]
    return problem(schools, people, weeks=3)


def planned(p: Problem) -> Plan:
    plan = solve(p, QUICK).plan
    assert check(p, plan) == []
    return plan


def test_after_one_deferral_only_the_deferred_school_moves() -> None:
    p = region()
    before = planned(p)
    deferred = before.by_urn()[3]
    week = deferred.slot.week
    change = Deferral(3, BlockedDates(week, week + dt.timedelta(days=6), "headteacher's bereavement"))
    result = replan(p, before, [change], QUICK)
    assert result.changed == (3,)
    assert result.plan.by_urn()[3].slot.week != week
    assert {a for a in result.plan.assignments if a.urn != 3} == {a for a in before.assignments if a.urn != 3}
    assert check(result.problem, result.plan) == []
    assert "headteacher's bereavement" in result.why[3]


def test_an_inspector_away_changes_exactly_the_inspections_they_were_on() -> None:
    p = region()
    before = planned(p)
    theirs = {a.urn for a in before.assignments if "P2" in a.members}
    assert theirs
    away = InspectorAway("P2", Leave(WEEK_1, WEEK_2 + dt.timedelta(days=13), "long-term sickness"))
    result = replan(p, before, [away], QUICK)
    assert set(result.changed) == theirs
    assert all("P2" not in a.members for a in result.plan.assignments)
    assert check(result.problem, result.plan) == []


def test_a_change_that_breaks_nothing_changes_nothing() -> None:
    p = region()
    before = planned(p)
    unused_week = WEEK_2 + dt.timedelta(days=7)
    placed_then = {urn for urn, a in before.by_urn().items() if a.slot.week == unused_week}
    urn = next(u for u in range(1, 7) if u not in placed_then)
    result = replan(p, before, [Deferral(urn, BlockedDates(unused_week, unused_week + dt.timedelta(days=6)))], QUICK)
    assert result.changed == ()
    assert result.plan.by_urn() == before.by_urn()


def test_a_paused_inspection_is_not_placed_before_it_may_resume() -> None:
    p = region()
    before = planned(p)
    urn = next(a.urn for a in before.assignments if a.slot.week == WEEK_1)
    result = replan(p, before, [Pause(urn, resume_from=WEEK_2)], QUICK)
    assert result.changed == (urn,)
    assert result.plan.by_urn()[urn].slot.first_day >= WEEK_2
