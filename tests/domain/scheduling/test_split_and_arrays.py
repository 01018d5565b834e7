"""The objective's split into an unavoidable constant and the avoidable rest, and the numpy arrays behind the
heavy work (distances, eligibility), checked against the plain one-pair-at-a-time definitions."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from inspectorate.domain.scheduling.allocation import (
    Plan,
    haversine_km,
    lateness_cost,
    score,
    standing_refusal,
    unavoidable_total,
)
from inspectorate.domain.scheduling.distances import km_matrix
from inspectorate.domain.scheduling.greedy import greedy_plan
from inspectorate.domain.scheduling.solver import solve
from inspectorate.domain.scheduling.workforce import Conflicts
from tests.domain.scheduling.test_allocation import WEEK_1, person, problem, school, slot_in, swap_problem
from tests.domain.scheduling.test_solver import QUICK, scattered


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_the_split_sums_to_the_total_for_the_greedy_and_the_solver_plan_alike(seed: int) -> None:
    p = scattered(seed)
    greedy, solved, empty = score(p, greedy_plan(p)), solve(p, QUICK).score, score(p, Plan())
    for s in (greedy, solved, empty):
        assert s.unavoidable + s.avoidable == pytest.approx(s.total)
        assert s.avoidable >= 0  # the constant is the least any plan can cost
        assert s.unavoidable == unavoidable_total(p)  # the same constant, whichever plan
    assert solved.avoidable <= greedy.avoidable


def test_an_overdue_school_pays_its_lateness_in_the_first_slot_whatever_the_plan() -> None:
    overdue = school(1, (52.0, -1.0), WEEK_1 - dt.timedelta(days=30), priority=9)
    p = problem([overdue], [person("X", (52.0, -1.0))], weeks=2)
    first = slot_in(p, WEEK_1)
    assert p.unavoidable(overdue) == lateness_cost(p, overdue, first) == 31 * 10
    best = solve(p, QUICK).score
    assert (best.unavoidable, best.avoidable) == (310, 0)


def test_a_school_nobody_can_staff_has_its_unplaced_cost_as_the_constant() -> None:
    lonely = school(1, (52.0, -1.0), need="Special")
    p = problem([lonely], [person("X", (52.0, -1.0))])
    s = score(p, Plan())
    assert s.unavoidable == s.total and s.avoidable == 0


def test_the_vectorised_distances_equal_the_pair_by_pair_ones() -> None:
    rng = random.Random(5)
    sites = [(rng.uniform(49.9, 55.8), rng.uniform(-5.7, 1.8)) for _ in range(60)]
    homes = [(rng.uniform(49.9, 55.8), rng.uniform(-5.7, 1.8)) for _ in range(70)]
    matrix = km_matrix(sites, homes)
    assert matrix.shape == (60, 70)
    assert [[round(haversine_km(h, s)) for h in homes] for s in sites] == matrix.tolist()


@pytest.mark.parametrize("seed", [31, 32])
def test_the_problem_s_distances_and_eligibility_equal_the_plain_definitions(seed: int) -> None:
    p = scattered(seed)
    barred = person("Z", (52.1, -1.1), conflicts=Conflicts(frozenset({1}), frozenset({"T"})))
    p = type(p)(
        tuple(i if i.urn != 2 else replace(i, trust_id="T") for i in p.inspections),
        (*p.inspectors, barred),
        p.slots,
        min_rest_days=p.min_rest_days,
    )
    for inspection in p.inspections:
        for inspector in p.inspectors:
            assert p.km(inspector, inspection) == round(haversine_km(inspector.home, inspection.location))
        plain = sorted(
            (q for q in p.inspectors if standing_refusal(q, inspection) is None),
            key=lambda q: (round(haversine_km(q.home, inspection.location)), q.id),
        )
        assert list(p.eligible_nearest_first(inspection)) == plain
    assert barred not in p.eligible_nearest_first(p.inspection(1))
    assert barred not in p.eligible_nearest_first(p.inspection(2))


def test_the_swap_problem_s_constant_is_nothing_as_both_schools_can_go_on_time() -> None:
    p = swap_problem()
    assert unavoidable_total(p) == 0
