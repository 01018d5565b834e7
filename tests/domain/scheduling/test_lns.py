"""Large-neighbourhood search: it only ever keeps an improvement, and every plan it keeps passes the checker."""

from __future__ import annotations

import pytest

from inspectorate.domain.scheduling.allocation import Plan, score
from inspectorate.domain.scheduling.checker import check
from inspectorate.domain.scheduling.greedy import by_cost_of_waiting, greedy_plan
from inspectorate.domain.scheduling.lns import improve, neighbourhoods
from inspectorate.domain.scheduling.model import SolverSettings, candidates_for
from inspectorate.domain.scheduling.solver import solve
from tests.domain.scheduling.test_solver import scattered

# Tiny neighbourhoods (a handful of variables) so the search really works piece by piece on small problems.
PIECEMEAL = SolverSettings(
    time_limit_s=3, workers=1, neighbourhood_variables=120, neighbourhood_s=0.5, window_weeks=2, lns_patience=12
)


@pytest.mark.parametrize("seed", [41, 42, 43])
def test_the_search_never_raises_the_value_and_every_plan_kept_is_valid(seed: int) -> None:
    p = scattered(seed, schools=14, inspectors=10, weeks=4)
    start = greedy_plan(p, order=by_cost_of_waiting)  # a deliberately different start from the solver's own
    result = improve(p, start, PIECEMEAL, PIECEMEAL.time_limit_s, candidates_for(p, PIECEMEAL, start))
    assert result.history[0] == score(p, start).total
    assert all(later < earlier for earlier, later in zip(result.history, result.history[1:], strict=False))
    assert result.score.total == result.history[-1] == score(p, result.plan).total
    assert result.accepted == len(result.history) - 1
    assert check(p, result.plan) == []


def test_the_search_can_move_an_inspection_to_another_week() -> None:
    """Start from a plan with everything in the last weeks: only moving weeks can remove the lateness."""
    p = scattered(44, schools=8, inspectors=10, weeks=4)
    late_slots = [s for s in p.slots if s.week >= p.slots[-1].week]
    start = greedy_plan(p, slots=late_slots)
    assert start.assignments and check(p, start) == []
    settings = SolverSettings(
        time_limit_s=3, workers=1, neighbourhood_variables=10_000, window_weeks=4, lns_patience=10
    )
    result = improve(p, start, settings, 3, candidates_for(p, settings, start))
    moved = [a for a in result.plan.assignments if a.slot.week < p.slots[-1].week]
    assert moved and result.score.total < score(p, start).total
    assert check(p, result.plan) == []


def test_a_problem_over_the_size_limit_is_searched_by_neighbourhoods_and_has_no_solver_bound() -> None:
    p = scattered(4, schools=14, inspectors=10, weeks=4)
    result = solve(p, SolverSettings(time_limit_s=3, workers=1, max_model_variables=50, neighbourhood_variables=120))
    assert result.parts > 1
    assert check(p, result.plan) == []
    assert result.solver_bound is None
    assert "large-neighbourhood search" in result.bound_scope
    assert result.value <= result.warm_start_score.total


def test_neighbourhoods_cover_every_region_and_window() -> None:
    p = scattered(45, weeks=3)
    hoods = neighbourhoods(p, 2)
    assert {h.region for h in hoods} == {i.region for i in p.inspections}
    assert len(hoods) == 2 * len({i.region for i in p.inspections})  # weeks 1-2 and 2-3
    assert all(len({s.week for s in h.slots}) == 2 for h in hoods)
    assert neighbourhoods(p, 10)[0].slots == p.slots  # a window longer than the horizon is the horizon


def test_an_empty_start_gets_placed() -> None:
    p = scattered(46, schools=6, inspectors=9, weeks=2)
    settings = SolverSettings(time_limit_s=4, workers=1, neighbourhood_variables=10_000)
    result = improve(p, Plan(), settings, 4, candidates_for(p, settings, Plan()))
    assert len(result.plan.assignments) > 0 and check(p, result.plan) == []


@pytest.mark.parametrize("seed", [45, 46, 47])
def test_the_search_starts_from_the_lowest_scoring_valid_construction_and_names_it(seed: int) -> None:
    """Over the size limit the solver prices weeks with Lagrangian multipliers and tries several constructions;
    whichever it starts from passes the checker, scores no more than the warm start, and is named."""
    from inspectorate.domain.scheduling.greedy import cheapest_slot_plan
    from inspectorate.domain.scheduling.solver import _better_start, _prices

    p = scattered(seed, schools=14, inspectors=10, weeks=4)
    warm = greedy_plan(p)
    prices = _prices(p, warm, 1.0)
    assert prices is not None and set(prices) == {s.week for s in p.slots}
    start, name = _better_start(p, warm, prices)
    assert check(p, start) == []
    assert score(p, start).total <= min(score(p, warm).total, score(p, cheapest_slot_plan(p)).total)
    assert name.startswith("the warm start") or "construction" in name
    result = solve(p, SolverSettings(time_limit_s=3, workers=1, max_model_variables=50, neighbourhood_variables=120))
    assert result.started_from and check(p, result.plan) == []
    assert result.value <= result.warm_start_score.total
