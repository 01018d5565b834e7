"""A Lagrangian lower bound of the whole allocation problem, for horizons too large for the LP relaxation.

The exact model (see `solver.py`) has per-inspection constraints (one slot or none; a team of `team_size`
distinct eligible, present inspectors, one of whom may lead) and constraints that couple inspections through the
inspectors they share: one inspection at a time, rest between inspections, and at most `weekly_limit` inspections
a week. Here the weekly limits are moved into the objective with a multiplier lambda[w, p] >= 0 for each week w and
inspector p, the other coupling constraints (one at a time within a week, rest) are dropped, and the fairness term
is counted as 0. What is left falls apart into one small problem per inspection: its unplaced cost, or for each
slot s it can take, its lateness plus the cheapest team, each member p costing km(p) + lambda[week(s), p].

Why every value computed is a lower bound of the WHOLE problem (every inspector, every slot, no pruning). Take
any feasible plan P, with cost score(P) = C(P) + F(P), where C is travel + lateness + unplaced and F >= 0 the
fairness term. For any lambda >= 0,

    C(P) >= C(P) + sum_{w,p} lambda[w,p] * (load_P[w,p] - weekly_limit[p])      (every bracket is <= 0 in P)
         =  sum_i cost_i(P, lambda) - sum_{w,p} lambda[w,p] * weekly_limit[p]
         >= sum_i min over i's own choices of cost_i(., lambda) - sum lambda * weekly_limit  =  L(lambda),

where cost_i(P, lambda) is inspection i's travel and lateness (or unplaced cost) in P plus lambda of its team's
members in its week; the last step holds because P's choice for i is one of the choices the minimum ranges over.
So score(P) >= C(P) >= L(lambda) for every feasible P and every lambda >= 0, in particular for the optimum. And
since C(P) is a whole number, score(P) >= ceil(L(lambda)).

The multipliers are improved by projected subgradient steps (Polyak's step towards a known plan's value); the
best L(lambda) met is reported, so the result is at least L(0), which is the separable bound with the lead rule
applied exactly (so never below `bounds.separable_bound`). The best L(lambda) is at most the LP relaxation of the
model without the dropped constraints, because each inspection's own problem has integral LP optimum.

All the arithmetic is numpy over an (inspection x inspector) matrix per slot: one evaluation of L for a half-term
(930 inspections, 1,600 inspectors, 6 slots) takes a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from inspectorate.domain.scheduling.allocation import Problem, lateness_cost, unplaced_cost

RELAXATION = (
    "Lagrangian relaxation: each inspector's weekly limit priced by a multiplier >= 0 (subgradient steps), "
    "one-at-a-time within a week, rest and fairness dropped; every inspector and slot considered"
)
# Each inspection's cheapest team is looked for among this many of its nearest eligible inspectors first, and over
# everyone only where that cannot be proven exact (`_Relaxation._teams_in_slot`): over everyone for every row, a
# national school year's step took 7 s.
NEAREST = 64
# The sums are of floats; a relative margin this size keeps rounding errors from lifting the figure above L.
SAFETY = 1e-9


@dataclass(frozen=True)
class LagrangianBound:
    value: float  # ceil(max over the multipliers tried of L(lambda) less the margin): a valid lower bound
    at_zero: float  # L(0): the per-inspection relaxation with the lead rule exact and capacity ignored
    iterations: int
    seconds: float
    # The multipliers at the best value: what an inspector's place in each week is worth (weeks x inspectors, in
    # `weeks` order and the problem's inspector order). A construction can price scarce weeks with them.
    prices: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0)))
    weeks: tuple[dt.date, ...] = ()


@dataclass
class _Relaxation:
    """The matrices the inspection-by-inspection problems need, built once per problem."""

    km: npt.NDArray[np.float64]  # inspection x inspector
    eligible: npt.NDArray[np.bool_]  # inspection x inspector: qualified, no conflict
    present: list[npt.NDArray[np.bool_]]  # per slot, per inspector
    open_rows: list[npt.NDArray[np.intp]]  # per slot, the inspections whose school can take it
    late: npt.NDArray[np.float64]  # inspection x slot
    unplaced: npt.NDArray[np.float64]  # per inspection
    team: npt.NDArray[np.intp]  # per inspection
    lead: npt.NDArray[np.bool_]  # per inspector
    week_of: list[int]  # per slot, its week's index
    capacity: npt.NDArray[np.float64]  # week x inspector: the weekly limit
    near: npt.NDArray[np.intp]  # inspection x K: its K nearest eligible inspectors (-1 where fewer exist)
    near_km: npt.NDArray[np.float64]  # inspection x K: their distances (inf where nobody)
    beyond: npt.NDArray[np.float64]  # per inspection: the (K+1)-th nearest eligible's distance (inf if none)

    @classmethod
    def of(cls, problem: Problem) -> _Relaxation:
        n, m = len(problem.inspections), len(problem.inspectors)
        eligible = np.zeros((n, m), dtype=np.bool_)
        for row, inspection in enumerate(problem.inspections):
            eligible[row, problem.eligible_index(inspection)] = True
        weeks = sorted({s.week for s in problem.slots})
        limits = np.array([p.weekly_limit for p in problem.inspectors], dtype=np.float64)
        near = np.full((n, NEAREST), -1, dtype=np.intp)
        near_km = np.full((n, NEAREST), np.inf)
        beyond = np.full(n, np.inf)
        for row, inspection in enumerate(problem.inspections):
            columns = problem.eligible_index(inspection)  # nearest first
            k = min(NEAREST, columns.size)
            near[row, :k] = columns[:k]
            near_km[row, :k] = problem.km_row(inspection)[columns[:k]]
            if columns.size > NEAREST:
                beyond[row] = problem.km_row(inspection)[columns[NEAREST]]
        return cls(
            km=problem.km_matrix().astype(np.float64),
            eligible=eligible,
            present=[problem.present_mask(s) for s in problem.slots],
            open_rows=[
                np.array([r for r, i in enumerate(problem.inspections) if i.slot_refusal(s) is None], dtype=np.intp)
                for s in problem.slots
            ],
            late=np.array(
                [[lateness_cost(problem, i, s) for s in problem.slots] for i in problem.inspections], dtype=np.float64
            ).reshape(n, len(problem.slots)),
            unplaced=np.array([unplaced_cost(problem, i) for i in problem.inspections], dtype=np.float64),
            team=np.array([i.team_size for i in problem.inspections], dtype=np.intp),
            lead=problem.can_lead_mask(),
            week_of=[weeks.index(s.week) for s in problem.slots],
            capacity=np.tile(limits, (len(weeks), 1)),
            near=near,
            near_km=near_km,
            beyond=beyond,
        )

    def _teams_in_slot(
        self, s: int, rows: npt.NDArray[np.intp], price: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp]]:
        """Each row's cheapest team in slot s at `price` per inspector, exactly, and its columns.

        First among the K nearest only. That is exact for a row when everyone beyond them costs at least the
        dearest member of the team found (distances are sorted and prices >= 0, so they cost at least `beyond`):
        any team using someone beyond could swap them for an unused member of the team found, keeping a lead,
        for no more. The other rows (and those with no team among the K) are worked out over every inspector.
        """
        cols = self.near[rows]
        real = cols >= 0
        safe = np.where(real, cols, 0)
        allowed = real & self.present[s][safe]
        cost = np.where(allowed, self.near_km[rows] + price[safe], np.inf)
        team_cost, picked = _cheapest_teams(cost, allowed & self.lead[safe], self.team[rows])
        taken = picked >= 0
        members = np.take_along_axis(cost, np.where(taken, picked, 0), axis=1)
        dearest = np.where(taken, members, -np.inf).max(axis=1)
        team_cols = np.where(taken, np.take_along_axis(cols, np.where(taken, picked, 0), axis=1), -1)
        redo = np.flatnonzero(~np.isfinite(team_cost) | (self.beyond[rows] < dearest))
        if redo.size:
            full = self.eligible[rows[redo]] & self.present[s][np.newaxis, :]
            full_cost = np.where(full, self.km[rows[redo]] + price[np.newaxis, :], np.inf)
            exact_cost, exact_cols = _cheapest_teams(full_cost, full & self.lead[np.newaxis, :], self.team[rows[redo]])
            team_cost[redo] = exact_cost
            width = min(team_cols.shape[1], exact_cols.shape[1])
            team_cols[redo] = -1
            team_cols[redo, :width] = exact_cols[:, :width]
        return team_cost, team_cols

    def evaluate(self, lam: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        """L(lambda), and the load (week x inspector) of the inspection-by-inspection optimum: the subgradient
        is that load less the capacity."""
        n = len(self.unplaced)
        best = self.unplaced.copy()
        chosen_week = np.full(n, -1, dtype=np.intp)
        chosen_team = np.full((n, max(1, int(self.team.max(initial=1)))), -1, dtype=np.intp)
        for s, rows in enumerate(self.open_rows):
            if rows.size == 0:
                continue
            w = self.week_of[s]
            team_cost, team_cols = self._teams_in_slot(s, rows, lam[w])
            total = self.late[rows, s] + team_cost
            better = total < best[rows]
            improved = rows[better]
            best[improved] = total[better]
            chosen_week[improved] = w
            # The schools open in this slot may all need smaller teams than the largest in the problem: fill their
            # first columns and clear the rest, so a team chosen earlier for a bigger slot never lingers.
            width = team_cols.shape[1]
            chosen_team[improved, :width] = team_cols[better]
            chosen_team[improved, width:] = -1
        load = np.zeros_like(self.capacity)
        placed = np.flatnonzero(chosen_week >= 0)
        for k in range(chosen_team.shape[1]):
            cols = chosen_team[placed, k]
            used = cols >= 0
            np.add.at(load, (chosen_week[placed][used], cols[used]), 1.0)
        return float(best.sum() - (lam * self.capacity).sum()), load


def _cheapest_teams(
    cost: npt.NDArray[np.float64], may_lead: npt.NDArray[np.bool_], sizes: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    """Per row, the least cost of `size` distinct columns of which at least one may lead, and those columns.

    With the costs a_1 <= a_2 <= ...: the k cheapest if one of them may lead; otherwise the k-1 cheapest plus the
    cheapest who may lead (no team with a lead costs less: it needs a lead, who is not among the k cheapest, and
    k-1 others, who cost at least the k-1 cheapest). Infinite when there are too few, or no lead.
    """
    rows, columns = cost.shape
    widest = min(int(sizes.max(initial=1)), columns)
    if widest == 0:
        return np.full(rows, np.inf), np.full((rows, 1), -1, dtype=np.intp)
    part = (
        np.argpartition(cost, widest - 1, axis=1)[:, :widest]
        if widest < columns
        else np.tile(np.arange(columns), (rows, 1))
    )
    values = np.take_along_axis(cost, part, axis=1)
    order = np.argsort(values, axis=1, kind="stable")
    part, values = np.take_along_axis(part, order, axis=1), np.take_along_axis(values, order, axis=1)
    leads_in = np.take_along_axis(may_lead, part, axis=1) & np.isfinite(values)
    sums = np.concatenate([np.zeros((rows, 1)), np.cumsum(values, axis=1)], axis=1)
    lead_costs = np.where(may_lead, cost, np.inf)
    lead_col = np.argmin(lead_costs, axis=1)
    lead_val = lead_costs[np.arange(rows), lead_col]
    result = np.full(rows, np.inf)
    teams = np.full((rows, max(1, int(sizes.max(initial=1)))), -1, dtype=np.intp)
    for k in np.unique(sizes):
        k = int(k)
        these = np.flatnonzero(sizes == k)
        if k > widest or these.size == 0:
            continue  # more people needed than exist: no team
        has_lead = leads_in[these, :k].any(axis=1)
        result[these] = np.where(has_lead, sums[these, k], sums[these, k - 1] + lead_val[these])
        cols = part[these, :k].copy()
        cols[~has_lead, k - 1] = lead_col[these][~has_lead]
        teams[these, :k] = cols
    return result, teams


def lagrangian_bound(
    problem: Problem, *, upper: float | None = None, iterations: int = 150, time_limit_s: float = 30.0
) -> LagrangianBound:
    """The best L(lambda) found by projected subgradient steps from lambda = 0, rounded up (see the module).

    `upper` is the value of a known plan (any plan's `score().total`, the solver's say): Polyak's step aims at it.
    It only steers the search; the figure returned is a bound whatever `upper` is.
    """
    started = time.perf_counter()
    relaxation = _Relaxation.of(problem)
    lam = np.zeros_like(relaxation.capacity)
    best_lam = lam.copy()
    at_zero, best = -math.inf, -math.inf
    theta, stall, done = 2.0, 0, 0
    for done in range(1, iterations + 1):
        value, load = relaxation.evaluate(lam)
        at_zero = value if done == 1 else at_zero
        if not math.isfinite(best) or value > best + 1e-9 * (1 + abs(best)):
            best, stall, best_lam = value, 0, lam.copy()
        else:
            stall += 1
            if stall >= 4:  # no progress for a while: shorter steps
                theta, stall = theta / 2, 0
        slope = load - relaxation.capacity
        slope[(lam <= 0) & (slope < 0)] = 0.0  # a multiplier at 0 cannot go lower: that direction is no use
        norm = float((slope * slope).sum())
        if norm == 0 or theta < 1e-4 or time.perf_counter() - started > time_limit_s:
            break  # lambda is optimal (the relaxed choice meets every weekly limit), or no time or step left
        target = upper if upper is not None and upper > value else value + 0.01 * (1 + abs(value - best))
        lam = np.maximum(0.0, lam + theta * (target - value) / norm * slope)
    value = math.ceil(best - SAFETY * (1 + abs(best))) if math.isfinite(best) else 0.0
    weeks = tuple(sorted({s.week for s in problem.slots}))
    return LagrangianBound(float(value), float(at_zero), done, time.perf_counter() - started, best_lam, weeks)
