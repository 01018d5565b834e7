"""The checker catches each kind of broken hard constraint in a hand-made plan, and passes a good one."""

from __future__ import annotations

import datetime as dt

import pytest

from inspectorate.domain.scheduling import BlockedDates
from inspectorate.domain.scheduling.allocation import Assignment, Plan, Problem, Slot, SlotPattern
from inspectorate.domain.scheduling.checker import Rule, check
from inspectorate.domain.scheduling.workforce import Conflicts, Employment, Leave
from tests.domain.scheduling.test_allocation import WEEK_1, WEEK_2, person, problem, school, trained

HOME = (52.0, -1.0)
TWO_SLOTS_A_WEEK = (SlotPattern(0, (1, 2)), SlotPattern(2, (3, 4)))  # Tue-Wed and Thu-Fri


def world() -> Problem:
    return problem(
        [
            school(1, HOME, team_size=2),
            school(2, HOME, trust_id="T1"),
            school(3, HOME, cannot_take=(BlockedDates(WEEK_1, WEEK_1 + dt.timedelta(days=4), "illness"),)),
            school(4, HOME, closed_days=frozenset({WEEK_1 + dt.timedelta(days=2)})),
            school(5, HOME, need="Secondary"),
        ],
        [
            person("LEAD", HOME, weekly_limit=2),
            person("OTHER", HOME),
            person("OI", HOME, employment=Employment.CONTRACTED),
            person("WORKED", HOME, conflicts=Conflicts(frozenset({1}), frozenset({"T1"}))),
            person("AWAY", HOME, leave=(Leave(WEEK_1, WEEK_1 + dt.timedelta(days=4), "annual leave"),)),
            person("LAPSED", HOME, training=trained(until=WEEK_1)),
        ],
        patterns=TWO_SLOTS_A_WEEK,
    )


def tue(p: Problem, monday: dt.date = WEEK_1) -> Slot:
    return next(s for s in p.slots if s.week == monday and s.first_day.weekday() == 1)


def thu(p: Problem, monday: dt.date = WEEK_1) -> Slot:
    return next(s for s in p.slots if s.week == monday and s.first_day.weekday() == 3)


def test_a_plan_keeping_every_rule_passes() -> None:
    p = world()
    good = Plan((Assignment(1, tue(p), "LEAD", ("OTHER",)), Assignment(2, thu(p), "LEAD")))
    assert check(p, good) == []


BAD_PLANS = {
    Rule.PLACED_TWICE: lambda p: [Assignment(2, tue(p), "LEAD"), Assignment(2, tue(p, WEEK_2), "OTHER")],
    Rule.UNKNOWN_SCHOOL: lambda p: [Assignment(99, tue(p), "LEAD")],
    Rule.NOT_A_SLOT: lambda p: [Assignment(2, Slot(WEEK_1, (WEEK_1 + dt.timedelta(days=5),)), "LEAD")],
    Rule.SCHOOL_CLOSED: lambda p: [Assignment(4, tue(p), "LEAD")],
    Rule.BLOCKED_DATES: lambda p: [Assignment(3, tue(p), "LEAD")],
    Rule.TEAM_SIZE: lambda p: [Assignment(1, tue(p), "LEAD")],
    Rule.SAME_PERSON_TWICE: lambda p: [Assignment(1, tue(p), "LEAD", ("LEAD",))],
    Rule.UNKNOWN_INSPECTOR: lambda p: [Assignment(2, tue(p), "NOBODY")],
    Rule.MAY_NOT_LEAD: lambda p: [Assignment(2, tue(p), "OI")],
    Rule.NOT_QUALIFIED: lambda p: [Assignment(5, tue(p), "LEAD")],
    Rule.CONFLICT_OF_INTEREST: lambda p: [Assignment(2, tue(p), "WORKED")],
    Rule.TRAINING: lambda p: [Assignment(2, tue(p), "LAPSED")],
    Rule.AWAY: lambda p: [Assignment(2, tue(p), "AWAY")],
    Rule.DOUBLE_BOOKED: lambda p: [Assignment(1, tue(p), "LEAD", ("OTHER",)), Assignment(2, tue(p), "LEAD")],
    # OTHER may do one a week, and is sent on Tuesday and again on Thursday.
    Rule.WEEKLY_LIMIT: lambda p: [Assignment(2, tue(p), "OTHER"), Assignment(1, thu(p), "LEAD", ("OTHER",))],
}


@pytest.mark.parametrize("rule", list(BAD_PLANS))
def test_each_broken_rule_is_reported_and_nothing_else(rule: Rule) -> None:
    p = world()
    found = check(p, Plan(tuple(BAD_PLANS[rule](p))))
    assert {v.rule for v in found} == {rule}


def test_too_little_rest_between_two_inspections_is_reported() -> None:
    p = world()
    rested = problem(p.inspections, p.inspectors, patterns=TWO_SLOTS_A_WEEK, rest=1)
    # Wednesday then Thursday: no day off between them.
    found = check(rested, Plan((Assignment(2, tue(rested), "LEAD"), Assignment(1, thu(rested), "LEAD", ("OTHER",)))))
    assert [(v.rule, v.urn, v.inspector_id) for v in found] == [(Rule.TOO_LITTLE_REST, 1, "LEAD")]


def test_violations_say_who_and_why() -> None:
    p = world()
    found = check(p, Plan((Assignment(2, tue(p), "AWAY"),)))
    assert {(v.urn, v.inspector_id) for v in found} == {(2, "AWAY")}
    assert [v.detail for v in found] == [f"Inspector AWAY is away on {day}" for day in tue(p).on_site]
