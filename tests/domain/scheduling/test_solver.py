"""The CP-SAT solver on small problems: optimal where the optimum is known, always valid, never worse than greedy."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from inspectorate.domain.scheduling.allocation import Assignment, Problem, SlotPattern, score
from inspectorate.domain.scheduling.bounds import lower_bound
from inspectorate.domain.scheduling.checker import check
from inspectorate.domain.scheduling.greedy import greedy_plan
from inspectorate.domain.scheduling.solver import SolverSettings, solve
from inspectorate.domain.scheduling.workforce import Employment, Leave
from tests.domain.scheduling.test_allocation import (
    KM_PER_DEGREE,
    WEEK_1,
    person,
    problem,
    school,
    slot_in,
    swap_problem,
)

QUICK = SolverSettings(time_limit_s=5, workers=1)


def scattered(seed: int, schools: int = 10, inspectors: int = 9, weeks: int = 3) -> Problem:
    """A small region with mixed phases, team sizes, priorities, leave and two slots a week."""
    rng = random.Random(seed)

    def near() -> tuple[float, float]:
        return (52.0 + rng.uniform(-0.5, 0.5), -1.0 + rng.uniform(-0.7, 0.7))

    def due() -> dt.date:
        return WEEK_1 + dt.timedelta(days=rng.randrange(0, 7 * weeks))

    places = [
        school(n, near(), due(), priority=rng.choice([0, 10, 40]), team_size=rng.choice([1, 2, 3]),
               need=rng.choice(["Primary", "Primary", "Secondary"]))
        for n in range(1, schools + 1)
    ]  # fmt: skip
    people = [
        person(
            f"P{n}",
            near(),
            employment=Employment.EMPLOYED if n % 3 == 0 else Employment.CONTRACTED,
            may_lead=n % 2 == 0,
            phases=("Primary", "Secondary") if n % 4 == 0 else (rng.choice(["Primary", "Secondary"]),),
            leave=(Leave(WEEK_1 + dt.timedelta(days=7), WEEK_1 + dt.timedelta(days=11)),) if n % 5 == 0 else (),
        )
        for n in range(inspectors)
    ]
    patterns = (SlotPattern(0, (1, 2)), SlotPattern(2, (3, 4)))
    return problem(places, people, weeks=weeks, patterns=patterns, rest=1)


def test_the_solver_finds_the_swap_the_greedy_baseline_misses() -> None:
    p = swap_problem()
    result = solve(p, QUICK)
    first = slot_in(p, WEEK_1)
    assert result.status == "OPTIMAL"
    assert set(result.plan.assignments) == {Assignment(1, first, "Y"), Assignment(2, first, "X")}
    assert result.value == round(KM_PER_DEGREE / 2)
    assert result.warm_start_score.total == round(KM_PER_DEGREE / 2) + round(KM_PER_DEGREE)
    assert result.solver_bound == pytest.approx(result.value)
    assert result.bound_scope == "the whole problem (CP-SAT's best bound)"


def test_a_week_late_beats_a_long_journey_only_when_the_priority_is_low() -> None:
    """One local inspector X and one 111 km away; two schools beside X, both due the first Tuesday."""
    here, far = (52.0, -1.0), (53.0, -1.0)

    def with_priority(priority: int) -> Problem:
        tuesday = WEEK_1 + dt.timedelta(days=1)
        schools = [school(urn, here, tuesday, priority=priority) for urn in (1, 2)]
        return problem(schools, [person("X", here), person("FAR", far)])

    # Priority 0: one a week late costs 7, and X doing both 40 for unfairness: 47, against 111 km for FAR.
    low = solve(with_priority(0), QUICK).plan
    assert {a.lead for a in low.assignments} == {"X"}
    # Priority 20: a week late costs 7 x 21 = 147 > 111 km, so FAR goes.
    high = solve(with_priority(20), QUICK).plan
    assert {a.lead for a in high.assignments} == {"X", "FAR"}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_solver_plans_are_valid_no_worse_than_greedy_and_above_both_bounds(seed: int) -> None:
    p = scattered(seed)
    result = solve(p, QUICK)
    assert check(p, result.plan) == []
    assert check(p, result.warm_start) == []
    assert result.value == score(p, result.plan).total
    assert result.value <= score(p, greedy_plan(p)).total
    assert result.solver_bound is not None
    assert result.solver_bound <= result.value + 1e-6
    bound = lower_bound(p)
    assert bound.value is not None
    assert 0 <= bound.value <= result.value + 1e-6


def test_nearest_candidates_only_give_a_bound_of_that_model_and_say_so() -> None:
    p = scattered(5)
    result = solve(p, SolverSettings(time_limit_s=5, workers=1, lead_candidates=2, team_candidates=3))
    assert check(p, result.plan) == []
    assert "nearest candidates only" in result.bound_scope
