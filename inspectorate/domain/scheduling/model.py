"""The CP-SAT model of a part of the allocation problem: some inspections, some slots, around fixed bookings.

A 0/1 variable for "this inspection in this slot" and one for "this inspector, in this role, at this inspection in
this slot", for the inspectors who may serve there. Its objective is `allocation.score` term for term (travel,
lateness, unplaced, days above the fair share) less the constant `unavoidable_cost` of each inspection in it, all
in whole numbers so that CP-SAT works exactly. Taking the constant out changes no optimum but keeps the
objective (and CP-SAT's relative gap) about what planning can change, not about lateness accrued before the
horizon. `solver.solve` uses it for the whole problem when small, and `lns.improve` for each neighbourhood when not.
See docs/adr/0014-allocation-solver-and-bounds.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from inspectorate.domain.scheduling.allocation import (
    Assignment,
    Inspection,
    Plan,
    Problem,
    Slot,
    day_unit,
    fair_share,
    lateness_cost,
    slots_clash,
    travel_cost,
    unplaced_cost,
)
from inspectorate.domain.scheduling.greedy import Timetable, eligible_by_distance, greedy_plan
from inspectorate.domain.scheduling.workforce import Employment, Inspector

LEAD, TEAM = "lead", "team"


@dataclass(frozen=True)
class SolverSettings:
    time_limit_s: float = 10.0
    workers: int = 4
    seed: int = 0
    lead_candidates: int | None = None  # the nearest this many possible leads per inspection; None: everyone
    team_candidates: int | None = None  # likewise for team inspectors
    # Beyond this estimate the problem is not one model but improved by large-neighbourhood search (`lns.py`),
    # whose neighbourhoods are sized to stay under it.
    max_model_variables: int = 60_000
    # A neighbourhood's model at most, and CP-SAT's time on it: small and quick, many of them (on the national
    # half-term 1,500 variables and 1 s did better in a minute than 2,500 and 2 s or 5,000 and 4 s).
    neighbourhood_variables: int = 1_500
    neighbourhood_s: float = 1.0
    window_weeks: int = 2  # a neighbourhood's weeks: inspections may move between them
    lns_patience: int = 200  # steps in a row without an improvement before the search stops
    # When searching by neighbourhoods: the share of the time limit spent on the Lagrangian multipliers that price
    # the construction the search starts from (0: no pricing).
    pricing_share: float = 0.2


@dataclass(frozen=True)
class PartResult:
    assignments: tuple[Assignment, ...]
    status: str
    bound: float | None  # CP-SAT's bound of this part's model, the inspections' constants added back


def candidates_for(
    problem: Problem, settings: SolverSettings, hint: Plan, inspections: Iterable[Inspection] | None = None
) -> dict[int, tuple[list[Inspector], list[Inspector]]]:
    """Per inspection, who may be considered as lead and as team inspector: the nearest, plus the warm start's.

    A school the warm start could not place also gets the nearest of those the warm start left with nothing to do:
    when the workforce is nearly all booked, its nearest inspectors are the busy ones, and only someone further
    away (whom a nearest-only list would never offer) can take it.
    """
    hinted = hint.by_urn()
    idle: set[str] | None = None
    found: dict[int, tuple[list[Inspector], list[Inspector]]] = {}
    for inspection in problem.inspections if inspections is None else inspections:
        nearest = eligible_by_distance(problem, inspection)
        leads = [p for p in nearest if p.can_lead][: settings.lead_candidates]
        team = nearest[: settings.team_candidates]
        if inspection.urn in hinted:
            a = hinted[inspection.urn]
            leads += [problem.inspector(a.lead)] if problem.inspector(a.lead) not in leads else []
            team += [problem.inspector(m) for m in a.team if problem.inspector(m) not in team]
        elif settings.lead_candidates is not None or settings.team_candidates is not None:
            if idle is None:
                busy = {m for a in hint.assignments for m in a.members}
                idle = {p.id for p in problem.inspectors} - busy
            free = [p for p in nearest if p.id in idle]
            leads += [p for p in free if p.can_lead and p not in leads][:IDLE_CANDIDATES]
            team += [p for p in free if p not in team][:IDLE_CANDIDATES]
        found[inspection.urn] = (leads, team)
    return found


IDLE_CANDIDATES = 16  # for a school the warm start left out: this many more leads, and team inspectors, left idle


def estimated_variables(
    inspections: Iterable[Inspection],
    slots: Sequence[Slot],
    candidates: Mapping[int, tuple[list[Inspector], list[Inspector]]],
) -> int:
    return sum(len(slots) * (1 + len(candidates[i.urn][0]) + len(candidates[i.urn][1])) for i in inspections)


class _Model:
    """The CP-SAT model of one part, with the variables needed to read a plan back."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.m = cp_model.CpModel()
        self.placed: dict[tuple[int, Slot], cp_model.IntVar] = {}
        self.serves: dict[tuple[int, Slot, str, str], cp_model.IntVar] = {}
        self.load: dict[str, dict[Slot, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
        self.at: dict[tuple[int, Slot], list[tuple[str, str, cp_model.IntVar]]] = defaultdict(list)
        self.cost: list[tuple[int, cp_model.IntVar]] = []
        self.left_out: dict[int, cp_model.IntVar] = {}  # per inspection: 1 when it is not placed
        self.offset = 0  # the unavoidable constants taken out of the objective, added back to the bound
        self.shares: dict[Employment, cp_model.IntVar] = {}  # per employment, its fair share in units of g days
        self.excess: dict[str, cp_model.IntVar] = {}


def solve_part(
    problem: Problem,
    inspections: Sequence[Inspection],
    slots: Sequence[Slot],
    candidates: Mapping[int, tuple[list[Inspector], list[Inspector]]],
    timetable: Timetable,
    hint: Plan,
    settings: SolverSettings,
    time_limit_s: float,
    *,
    greedy_if_unsolved: bool = True,
) -> PartResult:
    """Solve the part; when CP-SAT finds no solution in time, the greedy plan of the part (or nothing, if
    `greedy_if_unsolved` is false: a neighbourhood search then keeps what it had)."""
    kinds = _kind_sizes(problem)
    model = _Model(problem)
    free = _Availability(problem, timetable)
    for inspection in inspections:
        _add_inspection(model, inspection, slots, candidates[inspection.urn], free)
    _add_timetable_limits(model, timetable)
    _add_objective(model, kinds, timetable)
    _add_hint(model, hint, kinds, timetable)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit_s)
    solver.parameters.num_workers = settings.workers
    solver.parameters.random_seed = settings.seed
    status = solver.solve(model.m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if not greedy_if_unsolved:
            return PartResult((), f"{solver.status_name(status)} (nothing found)", None)
        fallback = greedy_plan(problem, inspections, slots, Timetable.of(problem, _booked(timetable)))
        return PartResult(fallback.assignments, f"{solver.status_name(status)} (greedy used)", None)
    bound = solver.best_objective_bound + model.offset
    return PartResult(_read_plan(model, solver), solver.status_name(status), bound)


def _booked(timetable: Timetable) -> list[Assignment]:
    """The timetable's bookings as stand-in assignments (only who and when matter to a fresh timetable)."""
    return [Assignment(-1, slot, member) for member, slots in timetable.booked.items() for slot in slots]


@dataclass
class _Availability:
    problem: Problem
    timetable: Timetable
    known: dict[tuple[str, Slot], bool] = field(default_factory=dict)

    def __call__(self, p: Inspector, slot: Slot) -> bool:
        key = (p.id, slot)
        if key not in self.known:
            present = bool(self.problem.present_mask(slot)[self.problem.column(p.id)])
            self.known[key] = present and self.timetable.free(p, slot)
        return self.known[key]


def _add_inspection(
    model: _Model,
    inspection: Inspection,
    slots: Sequence[Slot],
    candidates: tuple[list[Inspector], list[Inspector]],
    free: _Availability,
) -> None:
    m, problem = model.m, model.problem
    model.offset += problem.unavoidable(inspection)
    unavoidable = problem.unavoidable(inspection)
    choices = []
    for slot in slots:
        if inspection.slot_refusal(slot) is not None:
            continue
        leads = [p for p in candidates[0] if free(p, slot)]
        team = [p for p in candidates[1] if free(p, slot)] if inspection.team_size > 1 else []
        if not leads or len({p.id for p in leads} | {p.id for p in team}) < inspection.team_size:
            continue  # cannot be staffed in this slot: no variable needed
        here = m.new_bool_var(f"place_{inspection.urn}_{slot.first_day}")
        model.placed[(inspection.urn, slot)] = here
        model.cost.append((lateness_cost(problem, inspection, slot) - unavoidable, here))
        choices.append(here)
        roles = {LEAD: leads, TEAM: team}
        for role, people in roles.items():
            serving = [_serve(model, inspection, slot, p, role) for p in people]
            m.add(sum(serving) == (1 if role == LEAD else inspection.team_size - 1) * here)
        for p in {p.id for p in leads} & {p.id for p in team}:
            m.add(model.serves[(inspection.urn, slot, p, LEAD)] + model.serves[(inspection.urn, slot, p, TEAM)] <= 1)
    # An explicit "left out" choice, so every objective coefficient is >= 0 (each is a cost above the
    # unavoidable constant): CP-SAT's LP bound then starts at 0 rather than far below it, which it could not
    # close even on a few hundred variables when placing carried a negative coefficient.
    out = m.new_bool_var(f"out_{inspection.urn}")
    model.left_out[inspection.urn] = out
    model.cost.append((unplaced_cost(problem, inspection) - unavoidable, out))
    m.add_exactly_one([*choices, out])


def _serve(model: _Model, inspection: Inspection, slot: Slot, p: Inspector, role: str) -> cp_model.IntVar:
    var = model.m.new_bool_var(f"{role}_{inspection.urn}_{slot.first_day}_{p.id}")
    model.serves[(inspection.urn, slot, p.id, role)] = var
    model.at[(inspection.urn, slot)].append((p.id, role, var))
    model.load[p.id][slot].append(var)
    model.cost.append((travel_cost(model.problem, p, inspection), var))
    return var


def _add_timetable_limits(model: _Model, timetable: Timetable) -> None:
    """One inspection at a time, rest between inspections, and the weekly limit left after earlier bookings."""
    for pid, by_slot in model.load.items():
        p = model.problem.inspector(pid)
        slots = sorted(by_slot)
        for k, slot in enumerate(slots):
            model.m.add(sum(by_slot[slot]) <= 1)
            for other in slots[k + 1 :]:
                if slots_clash(slot, other, model.problem.min_rest_days):
                    model.m.add(sum(by_slot[slot]) + sum(by_slot[other]) <= 1)
        weeks: dict[dt.date, list[cp_model.IntVar]] = defaultdict(list)
        for slot in slots:
            weeks[slot.week] += by_slot[slot]
        for slot in slots:
            if slot.week in weeks:
                model.m.add(sum(weeks.pop(slot.week)) <= timetable.weeks_left(p, slot))


def _kind_sizes(problem: Problem) -> dict[Employment, int]:
    sizes: dict[Employment, int] = defaultdict(int)
    for p in problem.inspectors:
        sizes[p.employment] += 1
    return dict(sizes)


def _days_before(timetable: Timetable) -> dict[str, int]:
    return {pid: sum(len(s.on_site) for s in slots) for pid, slots in timetable.booked.items()}


def _add_objective(model: _Model, kinds: Mapping[Employment, int], timetable: Timetable) -> None:
    """score(), less the constants: the cost terms as they are, and the days above each employment's fair share.

    The fair share of kind k is g * s_k with s_k the mean in whole units of g days rounded up. With T_k the kind's
    total days, n_k * g * s_k >= T_k and n_k * g * s_k <= T_k + n_k * g - 1 hold for exactly that s_k; excess_p >=
    days_p - g * s_k and excess_p >= 0, minimised, make excess_p = max(0, days_p - share). Every inspector with
    variables here or days already booked has an excess variable, so the part's objective moves with the whole
    plan's when the share does.
    """
    m, problem = model.m, model.problem
    unit = day_unit(problem.slots)
    before = _days_before(timetable)
    worked: dict[Employment, list[cp_model.LinearExprT]] = defaultdict(list)
    days_of: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
    for (_urn, slot, pid, _role), var in model.serves.items():
        p = problem.inspector(pid)
        worked[p.employment].append(len(slot.on_site) * var)
        days_of[pid].append(len(slot.on_site) * var)
    shares = {}
    for kind, n in kinds.items():
        base = sum(d for pid, d in before.items() if problem.inspector(pid).employment is kind)
        most = base + 7 * len(model.serves)
        total = base + sum(worked[kind])
        share = m.new_int_var(0, most // (n * unit) + 1, f"share_{kind}")
        m.add(n * unit * share >= total)
        m.add(n * unit * share <= total + n * unit - 1)
        shares[kind] = share
    fairness = []
    for pid in sorted(set(days_of) | {pid for pid, d in before.items() if d > 0}):
        p = problem.inspector(pid)
        terms = days_of.get(pid, [])
        excess = m.new_int_var(0, before.get(pid, 0) + 7 * len(terms), f"excess_{pid}")
        m.add(excess >= cp_model.LinearExpr.sum(terms) + before.get(pid, 0) - unit * shares[p.employment])
        model.excess[pid] = excess
        fairness.append(problem.weights.per_day_above_share * excess)
    model.shares = shares
    m.minimize(sum(c * v for c, v in model.cost) + sum(fairness))


def _add_hint(model: _Model, hint: Plan, kinds: Mapping[Employment, int], timetable: Timetable) -> None:
    """Hint every variable from the warm start, the fairness ones included, so CP-SAT starts from a full plan.

    A warm-start assignment the model cannot express (its slot or one of its people not available here) is
    hinted as not placed: the hint then stays a plan the model accepts.
    """
    usable: dict[tuple[int, Slot], Assignment] = {}
    for a in hint.assignments:
        roles = {(a.lead, LEAD), *((m, TEAM) for m in a.team)}
        if (a.urn, a.slot) in model.placed and roles <= {(pid, role) for pid, role, _ in model.at[(a.urn, a.slot)]}:
            usable[(a.urn, a.slot)] = a
    days = _days_before(timetable)
    for key, var in model.placed.items():
        model.m.add_hint(var, key in usable)
    hinted_urns = {urn for urn, _slot in usable}
    for urn, var in model.left_out.items():
        model.m.add_hint(var, urn not in hinted_urns)
    for key, people in model.at.items():
        hinted = usable.get(key)
        for pid, role, var in people:
            on = hinted is not None and (pid == hinted.lead if role == LEAD else pid in hinted.team)
            model.m.add_hint(var, on)
            days[pid] = days.get(pid, 0) + (len(key[1].on_site) if on else 0)
    unit = day_unit(model.problem.slots)
    totals = {k: sum(d for pid, d in days.items() if model.problem.inspector(pid).employment is k) for k in kinds}
    shares = {kind: fair_share(totals[kind], n, unit) for kind, n in kinds.items()}
    for kind, var in model.shares.items():
        model.m.add_hint(var, shares[kind] // unit)
    for pid, var in model.excess.items():
        kind = model.problem.inspector(pid).employment
        model.m.add_hint(var, max(0, days.get(pid, 0) - shares[kind]))


def _read_plan(model: _Model, solver: cp_model.CpSolver) -> tuple[Assignment, ...]:
    problem = model.problem
    chosen: list[Assignment] = []
    for (urn, slot), var in model.placed.items():
        if not solver.boolean_value(var):
            continue
        on = [(pid, role) for pid, role, v in model.at[(urn, slot)] if solver.boolean_value(v)]
        lead = next(pid for pid, role in on if role == LEAD)
        inspection = problem.inspection(urn)
        team = sorted(
            (pid for pid, role in on if role == TEAM), key=lambda i: (problem.km(problem.inspector(i), inspection), i)
        )
        chosen.append(Assignment(urn, slot, lead, tuple(team)))
    return tuple(sorted(chosen, key=lambda a: (a.slot, a.urn)))


# Re-planning after a deferral, a pause or an inspector's absence: keep every assignment that still holds.
