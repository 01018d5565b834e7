"""The greedy baseline: earliest due first, earliest open slot, nearest free qualified team."""

from __future__ import annotations

import datetime as dt

from inspectorate.domain.scheduling import BlockedDates
from inspectorate.domain.scheduling.allocation import Assignment, score
from inspectorate.domain.scheduling.checker import check
from inspectorate.domain.scheduling.greedy import cheapest_slot_plan, greedy_plan
from inspectorate.domain.scheduling.workforce import Conflicts, Employment, Leave
from tests.domain.scheduling.test_allocation import (
    KM_PER_DEGREE,
    WEEK_1,
    WEEK_2,
    person,
    problem,
    school,
    slot_in,
    swap_problem,
)


def test_the_earliest_due_school_gets_the_nearest_inspector_even_when_that_costs_more_overall() -> None:
    p = swap_problem()
    plan = greedy_plan(p)
    first = slot_in(p, WEEK_1)
    assert plan.assignments == (Assignment(1, first, "X"), Assignment(2, first, "Y"))
    assert check(p, plan) == []
    assert score(p, plan).total == round(KM_PER_DEGREE / 2) + round(KM_PER_DEGREE)


def test_the_nearest_inspector_is_passed_over_when_away_conflicted_or_of_another_phase() -> None:
    near, far = (52.0, -1.0), (52.9, -1.0)
    p = problem(
        [school(1, near, trust_id="T1")],
        [
            person("SECONDARY", near, phases=("Secondary",)),
            person("TRUSTEE", near, conflicts=Conflicts(trust_ids=frozenset({"T1"}))),
            person("AWAY", near, leave=(Leave(WEEK_1, WEEK_2 + dt.timedelta(days=6)),)),
            person("FAR", far),
        ],
    )
    assert [a.lead for a in greedy_plan(p).assignments] == ["FAR"]


def test_a_contracted_inspector_who_may_not_lead_joins_the_team_and_the_nearest_lead_leads() -> None:
    here = (52.0, -1.0)
    p = problem(
        [school(1, here, team_size=2)],
        [person("OI", here, employment=Employment.CONTRACTED), person("HMI", (52.3, -1.0))],
    )
    [a] = greedy_plan(p).assignments
    assert (a.lead, a.team) == ("HMI", ("OI",))


def test_blocked_weeks_push_the_school_to_the_next_open_slot() -> None:
    blocked = (BlockedDates(WEEK_1, WEEK_1 + dt.timedelta(days=6), "deferred: headteacher absent"),)
    p = problem([school(1, (52.0, -1.0), cannot_take=blocked)], [person("A", (52.0, -1.0))])
    [a] = greedy_plan(p).assignments
    assert a.slot == slot_in(p, WEEK_2)


def test_a_school_nobody_may_inspect_is_left_unplaced_and_costs_its_unplaced_penalty() -> None:
    p = problem([school(1, (52.0, -1.0), need="Special")], [person("A", (52.0, -1.0))])
    plan = greedy_plan(p)
    assert plan.unplaced(p) == (1,)
    assert score(p, plan).unplaced_count == 1


def test_the_solvers_construction_waits_for_a_near_inspector_when_the_school_is_not_yet_due() -> None:
    """Due after the horizon, so waiting costs nothing: the baseline takes the first week with Y, 111 km away;
    the construction the solver starts from takes the second week, when X (beside the school) is back."""
    away = (Leave(WEEK_1, WEEK_1 + dt.timedelta(days=6), "leave"),)
    near = person("X", (52.0, -1.0), may_lead=True, leave=away)
    far = person("Y", (53.0, -1.0), may_lead=True)
    p = problem([school(1, (52.0, -1.0), due=WEEK_2 + dt.timedelta(days=30))], [near, far])
    baseline = greedy_plan(p).by_urn()[1]
    assert (baseline.slot.week, baseline.lead) == (WEEK_1, "Y")
    cheapest = cheapest_slot_plan(p).by_urn()[1]
    assert (cheapest.slot.week, cheapest.lead) == (WEEK_2, "X")


def test_the_solvers_construction_does_not_wait_when_a_day_late_costs_more_than_the_km_saved() -> None:
    """Overdue with priority 30: a week's wait costs 7 x 31 = 217, more than the 111 km saved."""
    away = (Leave(WEEK_1, WEEK_1 + dt.timedelta(days=6), "leave"),)
    near = person("X", (52.0, -1.0), may_lead=True, leave=away)
    far = person("Y", (53.0, -1.0), may_lead=True)
    p = problem([school(1, (52.0, -1.0), due=WEEK_1, priority=30)], [near, far])
    assert cheapest_slot_plan(p).by_urn()[1].lead == "Y"
    assert not check(p, cheapest_slot_plan(p))
