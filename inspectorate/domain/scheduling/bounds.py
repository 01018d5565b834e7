"""Lower bounds on the best possible plan, found without the CP-SAT solver, to say how far from optimal a plan is.

Three relaxations, all of the whole problem (every inspector, every slot: no nearest-candidate pruning, which
would give a bound of a smaller problem only):

1. The LP relaxation, solved with GLOP (OR-Tools' own LP solver: highspy clashes with ortools in one process).
   Only while it is small enough to solve in seconds: a national half-term would have millions of columns.
2. The Lagrangian relaxation (`lagrangian.py`): the weekly limits priced by multipliers, improved by subgradient
   steps. Always computed (unless `lagrangian_s` is 0); at least as strong as 3 by construction.
3. The separable relaxation: each inspection on its own, ignoring that inspectors are shared.

The problem does not separate by region, so no "LP per region" is offered: eligibility has no distance limit, so
an inspector qualified for a school in one region is a candidate (however far) for every school of that phase in
every region, and the regions' LPs share those inspectors' capacity. The best (largest) bound computed is
reported with the name of the relaxation it came from.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from inspectorate.domain.scheduling.allocation import (
    Inspection,
    Problem,
    Slot,
    day_unit,
    lateness_cost,
    slots_clash,
    travel_cost,
    unplaced_cost,
)
from inspectorate.domain.scheduling.lagrangian import RELAXATION as LAGRANGIAN
from inspectorate.domain.scheduling.lagrangian import lagrangian_bound
from inspectorate.domain.scheduling.workforce import Employment, Inspector

LP = "LP relaxation of the whole model (GLOP)"
SEPARABLE = "separable relaxation: each inspection's cheapest own choice, inspectors' capacity ignored"
# GLOP works to a primal feasibility tolerance of about 1e-7; taking this much off its optimum keeps the
# figure at or below the true LP optimum however the tolerance was used.
LP_SAFETY = 1e-6


@dataclass(frozen=True)
class LowerBound:
    value: float | None  # None: no valid bound could be computed, and `note` says why
    relaxation: str
    note: str
    seconds: float


def lower_bound(
    problem: Problem,
    *,
    max_lp_columns: int = 150_000,
    upper: float | None = None,
    lagrangian_s: float = 30.0,
    lagrangian_iterations: int = 2000,
) -> LowerBound:
    """The best valid lower bound available: the LP within its size limit, the Lagrangian, the separable one.

    `upper` (a known plan's value) only steers the Lagrangian's steps; it never enters a bound.
    """
    started = time.perf_counter()
    found: dict[str, float] = {SEPARABLE: separable_bound(problem)}
    notes: list[str] = []
    if lagrangian_s > 0:
        lagrangian = lagrangian_bound(problem, upper=upper, iterations=lagrangian_iterations, time_limit_s=lagrangian_s)
        found[LAGRANGIAN] = lagrangian.value
        notes.append(f"Lagrangian {lagrangian.value:,.0f} after {lagrangian.iterations} subgradient steps")
    columns = lp_columns(problem)
    if columns > max_lp_columns:
        notes.append(f"the LP relaxation would have {columns:,} columns (limit {max_lp_columns:,}), so not solved")
    else:
        lp = lp_bound(problem)
        if lp is None:
            notes.append("GLOP did not reach an optimal LP solution")
        else:
            found[LP] = lp
            notes.append(f"LP {lp:,.2f}")
    notes.append(f"separable {found[SEPARABLE]:,.0f}")
    strength = {SEPARABLE: 0, LAGRANGIAN: 1, LP: 2}  # on a tie, name the relaxation strongest in principle
    name = max(found, key=lambda k: (found[k], strength[k]))
    note = "; ".join(notes) + "; the largest is reported"
    return LowerBound(found[name], name, note, time.perf_counter() - started)


def separable_bound(problem: Problem) -> float:
    """Sum over inspections of the least each could cost on its own; the fairness term counted as 0.

    Why it is a lower bound of the whole objective. The objective is a sum over inspections of a per-inspection
    cost (its team's travel plus its lateness if placed, its unplaced cost if not), plus the fairness term, which
    is a sum of max(0, ...) and so at least 0. In any feasible plan an inspection is either unplaced, costing
    exactly its unplaced cost, or placed in a slot its school is open and unblocked in, with `team_size` distinct
    inspectors who are each qualified, free of conflicts, present and trained on its days, one of whom may lead;
    their travel is at least that of the `team_size` cheapest such inspectors. So each inspection's cost in that
    plan is at least the minimum computed here, and dropping capacity (one inspection at a time, weekly limits,
    rest) only widens the choice. Summing, every feasible plan costs at least this sum.
    """
    return float(sum(_cheapest_alone(problem, inspection) for inspection in problem.inspections))


def _cheapest_alone(problem: Problem, inspection: Inspection) -> int:
    best = unplaced_cost(problem, inspection)
    eligible = problem.eligible_index(inspection)  # nearest first
    km = problem.km_row(inspection)
    for slot in problem.slots:
        if inspection.slot_refusal(slot) is not None:
            continue
        present = eligible[problem.present_mask(slot)[eligible]]
        if len(present) < inspection.team_size or not problem.can_lead_mask()[present].any():
            continue
        travel = problem.weights.per_km * int(km[present[: inspection.team_size]].sum())
        best = min(best, lateness_cost(problem, inspection, slot) + travel)
    return best


def _may_serve_in(problem: Problem, inspection: Inspection) -> dict[Slot, list[Inspector]]:
    eligible = problem.eligible_index(inspection)
    found: dict[Slot, list[Inspector]] = {}
    for slot in problem.slots:
        if inspection.slot_refusal(slot) is None:
            present = eligible[problem.present_mask(slot)[eligible]]
            found[slot] = [problem.inspectors[n] for n in present]
    return found


def lp_columns(problem: Problem) -> int:
    """A quick count of the LP's columns (an upper estimate: slots times eligible inspectors times two roles)."""
    knows = {need: int(problem.knows_mask(need).sum()) for need in {i.need for i in problem.inspections}}
    return sum(len(problem.slots) * (1 + 2 * knows[i.need]) for i in problem.inspections)


def lp_bound(problem: Problem) -> float | None:
    """The optimum of the LP relaxation of the exact model, less a safety margin; None if GLOP does not finish.

    Why it is a lower bound. Every feasible plan gives a 0/1 point of this LP (place = 1 for its slot, serve = 1
    for its people and roles, excess = max(0, days - mean of the kind)) whose objective equals `score` of the
    plan, so the LP's minimum over a larger set is at most the best plan's score.
    """
    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    infinity = solver.infinity()
    objective = solver.Objective()
    constant = 0.0
    load: dict[str, dict[Slot, list[pywraplp.Variable]]] = defaultdict(lambda: defaultdict(list))
    days_of: dict[str, list[tuple[int, pywraplp.Variable]]] = defaultdict(list)
    for inspection in problem.inspections:
        constant += unplaced_cost(problem, inspection)
        once = solver.Constraint(0, 1)
        for slot, present in _may_serve_in(problem, inspection).items():
            place = solver.NumVar(0, 1, "")
            once.SetCoefficient(place, 1)
            placing = lateness_cost(problem, inspection, slot) - unplaced_cost(problem, inspection)
            objective.SetCoefficient(place, placing)
            lead = solver.Constraint(0, 0)
            team = solver.Constraint(0, 0)
            lead.SetCoefficient(place, -1)
            team.SetCoefficient(place, -(inspection.team_size - 1))
            for p in present:
                one_role = solver.Constraint(-infinity, 1)
                roles = [lead] if p.can_lead else []
                roles += [team] if inspection.team_size > 1 else []
                for rows in roles:
                    serve = solver.NumVar(0, 1, "")
                    rows.SetCoefficient(serve, 1)
                    one_role.SetCoefficient(serve, 1)
                    objective.SetCoefficient(serve, travel_cost(problem, p, inspection))
                    load[p.id][slot].append(serve)
                    days_of[p.id].append((len(slot.on_site), serve))
    _lp_timetable(problem, solver, load)
    _lp_fairness(problem, solver, objective, days_of)
    objective.SetMinimization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value = objective.Value() + constant
    return max(0.0, value - LP_SAFETY * (1 + abs(value)))


def _lp_timetable(
    problem: Problem, solver: pywraplp.Solver, load: dict[str, dict[Slot, list[pywraplp.Variable]]]
) -> None:
    for pid, by_slot in load.items():
        p = problem.inspector(pid)
        slots = sorted(by_slot)
        weeks: dict[object, list[pywraplp.Variable]] = defaultdict(list)
        for k, slot in enumerate(slots):
            _at_most(solver, by_slot[slot], 1)
            weeks[slot.week] += by_slot[slot]
            for other in slots[k + 1 :]:
                if slots_clash(slot, other, problem.min_rest_days):
                    _at_most(solver, by_slot[slot] + by_slot[other], 1)
        for serving in weeks.values():
            _at_most(solver, serving, p.weekly_limit)


def _at_most(solver: pywraplp.Solver, variables: list[pywraplp.Variable], limit: int) -> None:
    row = solver.Constraint(-solver.infinity(), limit)
    for v in variables:
        row.SetCoefficient(v, row.GetCoefficient(v) + 1)


def _lp_fairness(
    problem: Problem,
    solver: pywraplp.Solver,
    objective: pywraplp.Objective,
    days_of: dict[str, list[tuple[int, pywraplp.Variable]]],
) -> None:
    """The fair-share term relaxed: excess_p >= days_p - g * s_k, n_k * g * s_k <= total_k + n_k * g - 1, s_k and
    excess_p >= 0 continuous. Every plan is a point of it (s_k its share in units, excess_p its days above), so the
    relaxation only widens the choice; only the upper side of s_k matters, since a larger share lowers the excess."""
    kinds: dict[Employment, int] = defaultdict(int)
    for p in problem.inspectors:
        kinds[p.employment] += 1
    unit = day_unit(problem.slots)
    share = {kind: solver.NumVar(0, solver.infinity(), "") for kind in kinds}
    capped = {kind: solver.Constraint(-solver.infinity(), n * unit - 1) for kind, n in kinds.items()}
    for kind, n in kinds.items():
        capped[kind].SetCoefficient(share[kind], n * unit)  # n g s - total <= n g - 1
    for pid, terms in days_of.items():
        kind = problem.inspector(pid).employment
        excess = solver.NumVar(0, solver.infinity(), "")
        objective.SetCoefficient(excess, problem.weights.per_day_above_share)
        row = solver.Constraint(0, solver.infinity())  # excess - days + g s >= 0
        row.SetCoefficient(excess, 1)
        row.SetCoefficient(share[kind], unit)
        for days, serve in terms:
            row.SetCoefficient(serve, -days)
            capped[kind].SetCoefficient(serve, capped[kind].GetCoefficient(serve) - days)
