"""Lower bounds: never above any valid plan, tight where the optimum is known, and honest about which applies."""

from __future__ import annotations

import datetime as dt

import pytest

from inspectorate.domain.scheduling.allocation import Problem, score
from inspectorate.domain.scheduling.bounds import LP, SEPARABLE, lower_bound, lp_bound, separable_bound
from inspectorate.domain.scheduling.checker import check
from inspectorate.domain.scheduling.greedy import greedy_plan
from inspectorate.domain.scheduling.solver import solve
from tests.domain.scheduling.test_allocation import KM_PER_DEGREE, WEEK_1, person, problem, school, swap_problem
from tests.domain.scheduling.test_solver import QUICK, scattered


def one_inspector_for_two_schools() -> Problem:
    """Both schools beside X, due on the only slot's Tuesday; Y lives a degree away: someone travels 111 km."""
    here, tuesday = (52.0, -1.0), WEEK_1 + dt.timedelta(days=1)
    schools = [school(1, here, tuesday), school(2, here, tuesday)]
    return problem(schools, [person("X", here), person("Y", (53.0, -1.0))], weeks=1)


def test_both_relaxations_reach_the_known_optimum_of_the_swap() -> None:
    p = swap_problem()
    assert separable_bound(p) == round(KM_PER_DEGREE / 2)  # A alone: X or Y, 56 km; B alone: X, 0 km
    assert lp_bound(p) == pytest.approx(round(KM_PER_DEGREE / 2), abs=1e-3)


def test_the_lp_sees_shared_inspectors_that_the_separable_bound_ignores() -> None:
    p = one_inspector_for_two_schools()
    assert separable_bound(p) == 0  # each school alone would take X
    bound = lower_bound(p)
    assert bound.relaxation == LP and bound.value is not None
    assert bound.value == pytest.approx(round(KM_PER_DEGREE), abs=1e-3)
    assert bound.value <= solve(p, QUICK).value == round(KM_PER_DEGREE)


def test_too_large_for_the_lp_falls_back_to_the_separable_bound_and_says_so() -> None:
    p = one_inspector_for_two_schools()
    bound = lower_bound(p, max_lp_columns=0, lagrangian_s=0)  # the Lagrangian off: only the separable is left
    assert (bound.value, bound.relaxation) == (0, SEPARABLE)
    assert "LP relaxation would have" in bound.note


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_no_valid_plan_scores_below_the_bound(seed: int) -> None:
    p = scattered(seed)
    bound = lower_bound(p)
    assert bound.value is not None and bound.value >= 0
    greedy = greedy_plan(p)
    assert check(p, greedy) == []
    assert bound.value <= score(p, greedy).total
    assert separable_bound(p) <= bound.value
