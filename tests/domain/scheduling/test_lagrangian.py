"""The Lagrangian bound: never above the optimum, never below the separable bound nor the unavoidable constant."""

from __future__ import annotations

import datetime as dt

import pytest

from inspectorate.domain.scheduling.allocation import score, unavoidable_total
from inspectorate.domain.scheduling.bounds import LAGRANGIAN, LP, lower_bound, separable_bound
from inspectorate.domain.scheduling.greedy import greedy_plan
from inspectorate.domain.scheduling.lagrangian import lagrangian_bound
from inspectorate.domain.scheduling.solver import SolverSettings, solve
from tests.domain.scheduling.test_bounds import one_inspector_for_two_schools
from tests.domain.scheduling.test_solver import scattered

EXACT = SolverSettings(time_limit_s=20, workers=2)


@pytest.mark.parametrize("seed", [51, 52, 53, 54, 55])
def test_the_bound_lies_between_the_separable_bound_and_the_proven_optimum(seed: int) -> None:
    p = scattered(seed, schools=8, inspectors=7, weeks=2)
    best = solve(p, EXACT)
    assert best.status == "OPTIMAL"  # the whole problem, every inspector a candidate: the true optimum
    bound = lagrangian_bound(p, upper=best.value)
    assert separable_bound(p) <= bound.at_zero <= bound.value <= best.value + 1e-6
    assert unavoidable_total(p) <= bound.value


def test_pricing_the_weekly_limit_sees_the_shared_inspector() -> None:
    """Two schools, one slot, X beside both and Y 111 km away: capacity ignored says 0, the optimum is 111."""
    p = one_inspector_for_two_schools()
    bound = lagrangian_bound(p, upper=111)
    assert bound.at_zero == 0 and bound.value > 0
    assert bound.value <= solve(p, EXACT).value


def test_when_the_lp_is_too_large_the_lagrangian_bound_is_reported_and_says_so() -> None:
    p = scattered(56)
    bound = lower_bound(p, max_lp_columns=0, upper=score(p, greedy_plan(p)).total)
    assert bound.relaxation == LAGRANGIAN and "weekly limit" in bound.relaxation
    assert "would have" in bound.note
    assert bound.value is not None and separable_bound(p) <= bound.value <= score(p, greedy_plan(p)).total


def test_when_the_lp_is_solved_the_larger_bound_is_named() -> None:
    p = one_inspector_for_two_schools()
    bound = lower_bound(p, upper=111)
    assert bound.relaxation in (LP, LAGRANGIAN)
    assert bound.value == pytest.approx(111, abs=1e-3)  # the LP is exact here; the Lagrangian may be too


def test_a_slot_open_only_to_schools_needing_smaller_teams_still_gives_a_bound() -> None:
    """The big school cannot take week 1 (a deferral): in that slot only the two-inspector school is open, so the
    teams chosen there are narrower than the widest in the problem. The bound must still be computed, and valid."""
    from inspectorate.domain.scheduling import BlockedDates
    from tests.domain.scheduling.test_allocation import WEEK_1, person, problem, school

    big = school(
        1,
        (52.0, -1.0),
        team_size=3,
        cannot_take=(BlockedDates(WEEK_1, WEEK_1 + dt.timedelta(days=4), "deferred"),),
    )
    small = school(2, (52.1, -1.0), team_size=2)
    people = [person(f"P{n}", (52.0 + n / 100, -1.0), may_lead=n == 0) for n in range(4)]
    p = problem([big, small], people)
    best = solve(p, EXACT)
    bound = lagrangian_bound(p, upper=best.value)
    assert separable_bound(p) <= bound.value <= best.value + 1e-6


@pytest.mark.parametrize("nearest", [1, 2, 3])
def test_looking_among_the_nearest_first_gives_the_same_relaxation_as_looking_at_everyone(
    nearest: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcut (the K nearest first, everyone only where it cannot be proven exact) must change nothing:
    the same L and the same loads at any multipliers, here random ones, as with everyone considered."""
    import numpy as np

    from inspectorate.domain.scheduling import lagrangian

    p = scattered(58, schools=12, inspectors=9, weeks=3)
    everyone = lagrangian._Relaxation.of(p)
    monkeypatch.setattr(lagrangian, "NEAREST", nearest)
    shortcut = lagrangian._Relaxation.of(p)
    rng = np.random.default_rng(nearest)
    for _ in range(20):
        lam = rng.choice(np.array([0.0, 5.0, 50.0, 500.0]), size=everyone.capacity.shape).astype(np.float64)
        value, load = shortcut.evaluate(lam)
        assert value == pytest.approx(everyone.evaluate(lam)[0])
        assert load.sum() == everyone.evaluate(lam)[1].sum()
