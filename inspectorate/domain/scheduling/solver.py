"""The allocation solver: OR-Tools CP-SAT, warm-started from the greedy plan, decomposed when the problem is large.

One model places a set of inspections in a set of slots: a 0/1 variable for "this inspection in this slot" and one
for "this inspector, in this role, at this inspection in this slot", for the inspectors who may serve there. Its
objective is `allocation.score` term for term (travel, lateness, unplaced, days above the mean), multiplied by a
whole number so that CP-SAT works in integers exactly. Nationally the problem is cut into parts by region and
block of weeks, solved in date order, each around the bookings of the parts before it. See
docs/adr/0014-allocation-solver-and-bounds.md.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ortools.sat.python import cp_model

from inspectorate.domain.scheduling.allocation import (
    Assignment,
    Inspection,
    Plan,
    Problem,
    Score,
    Slot,
    day_refusal,
    lateness_cost,
    score,
    slots_clash,
    travel_cost,
    unplaced_cost,
)
from inspectorate.domain.scheduling.checker import check
from inspectorate.domain.scheduling.greedy import Timetable, eligible_by_distance, greedy_plan
from inspectorate.domain.scheduling.school import BlockedDates
from inspectorate.domain.scheduling.workforce import Employment, Inspector, Leave

LEAD, TEAM = "lead", "team"


@dataclass(frozen=True)
class SolverSettings:
    time_limit_s: float = 10.0
    workers: int = 4
    seed: int = 0
    lead_candidates: int | None = None  # the nearest this many possible leads per inspection; None: everyone
    team_candidates: int | None = None  # likewise for team inspectors
    max_model_variables: int = 60_000  # beyond this estimate the problem is cut into parts
    block_weeks: int = 1  # weeks per part when cut (a block still too big is cut again by region)


@dataclass(frozen=True)
class SolveResult:
    plan: Plan
    score: Score
    solver_bound: float | None  # None when no bound of the problem as a whole comes out of the solver
    bound_scope: str  # what the bound is a bound of, or why there is none
    status: str
    parts: int
    warm_start: Plan
    warm_start_score: Score
    seconds: Mapping[str, float] = field(default_factory=dict)

    @property
    def value(self) -> float:
        return self.score.total


@dataclass(frozen=True)
class _PartResult:
    assignments: tuple[Assignment, ...]
    status: str
    bound: float | None


def solve(problem: Problem, settings: SolverSettings | None = None, warm_start: Plan | None = None) -> SolveResult:
    settings = settings or SolverSettings()
    started = time.perf_counter()
    hint = warm_start if warm_start is not None else greedy_plan(problem)
    greedy_done = time.perf_counter()
    candidates = _candidates(problem, settings, hint)
    size = _estimated_variables(problem.inspections, problem.slots, candidates)
    whole = size <= settings.max_model_variables
    if whole:
        part = _solve_part(
            problem, problem.inspections, problem.slots, candidates, Timetable.of(problem), hint, settings,
            settings.time_limit_s,
        )  # fmt: skip
        plan, statuses, parts = Plan(part.assignments), [part.status], 1
        pruned = settings.lead_candidates is not None or settings.team_candidates is not None
        bound, scope = part.bound, _single_scope(part, pruned)
    else:
        plan, statuses, parts = _solve_in_parts(problem, candidates, hint, settings)
        bound, scope = None, "none: the problem was cut into parts, and their bounds do not add up to a bound"
    hint_score, plan_score = score(problem, hint), score(problem, plan)
    status = "/".join(sorted(set(statuses)))
    if plan_score.total > hint_score.total and not check(problem, hint):
        # Parts solved one after another can do worse than the warm start as a whole: then keep the warm start.
        plan, plan_score, status = hint, hint_score, f"{status}; warm start kept (better than the parts together)"
    finished = time.perf_counter()
    seconds = {"warm_start": greedy_done - started, "solve": finished - greedy_done, "total": finished - started}
    return SolveResult(plan, plan_score, bound, scope, status, parts, hint, hint_score, seconds)


def _single_scope(part: _PartResult, pruned: bool) -> str:
    if part.bound is None:
        return "none: the solver found no solution in its time limit"
    if pruned:
        return "the model with each inspection's nearest candidates only (a bound of that model, not of the problem)"
    return "the whole problem (CP-SAT's best bound)"


def _candidates(
    problem: Problem, settings: SolverSettings, hint: Plan, inspections: Iterable[Inspection] | None = None
) -> dict[int, tuple[list[Inspector], list[Inspector]]]:
    """Per inspection, who may be considered as lead and as team inspector: the nearest, plus the warm start's."""
    hinted = hint.by_urn()
    found: dict[int, tuple[list[Inspector], list[Inspector]]] = {}
    for inspection in problem.inspections if inspections is None else inspections:
        nearest = eligible_by_distance(problem, inspection)
        leads = [p for p in nearest if p.can_lead][: settings.lead_candidates]
        team = nearest[: settings.team_candidates]
        if inspection.urn in hinted:
            a = hinted[inspection.urn]
            leads += [problem.inspector(a.lead)] if problem.inspector(a.lead) not in leads else []
            team += [problem.inspector(m) for m in a.team if problem.inspector(m) not in team]
        found[inspection.urn] = (leads, team)
    return found


def _estimated_variables(
    inspections: Iterable[Inspection],
    slots: Sequence[Slot],
    candidates: Mapping[int, tuple[list[Inspector], list[Inspector]]],
) -> int:
    return sum(len(slots) * (1 + len(candidates[i.urn][0]) + len(candidates[i.urn][1])) for i in inspections)


def _solve_in_parts(
    problem: Problem,
    candidates: Mapping[int, tuple[list[Inspector], list[Inspector]]],
    hint: Plan,
    settings: SolverSettings,
) -> tuple[Plan, list[str], int]:
    """Block by block of weeks, in date order, each block whole if it fits and region by region if not.

    An inspection is first tried in the block the warm start put it in (or its due date's); what a part cannot
    place moves on to the next block. Each part is solved around what earlier parts booked.
    """
    blocks = _week_blocks(problem.slots, settings.block_weeks)
    home = _home_blocks(problem, blocks, hint)
    timetable = Timetable.of(problem)
    carried: list[Inspection] = []
    placed: list[Assignment] = []
    statuses: list[str] = []
    parts = 0
    deadline = time.perf_counter() + settings.time_limit_s
    for b, block in enumerate(blocks):
        mine = [i for i in problem.inspections if home[i.urn] == b] + carried
        groups = _split_by_region(mine, block, candidates, settings.max_model_variables)
        for g, group in enumerate(groups):
            left = (len(blocks) - b - 1) + (len(groups) - g)  # roughly: the rest of this block, a part a block after
            budget = max(0.5, (deadline - time.perf_counter()) / left)
            part = _solve_part(problem, group, block, candidates, timetable, hint, settings, budget)
            parts += 1
            statuses.append(part.status)
            for a in part.assignments:
                timetable.book(a)
            placed += part.assignments
        done = {a.urn for a in placed}
        carried = [i for i in mine if i.urn not in done]
    return Plan(tuple(placed)), statuses, parts


def _split_by_region(
    inspections: list[Inspection],
    slots: Sequence[Slot],
    candidates: Mapping[int, tuple[list[Inspector], list[Inspector]]],
    limit: int,
) -> list[list[Inspection]]:
    if _estimated_variables(inspections, slots, candidates) <= limit:
        return [inspections] if inspections else []
    by_region: dict[str, list[Inspection]] = defaultdict(list)
    for i in inspections:
        by_region[i.region].append(i)
    return [by_region[r] for r in sorted(by_region)]


def _week_blocks(slots: Sequence[Slot], weeks: int) -> list[list[Slot]]:
    if not slots:
        return [[]]
    first = min(s.week for s in slots)
    blocks: dict[int, list[Slot]] = defaultdict(list)
    for s in sorted(slots):
        blocks[(s.week - first).days // (7 * weeks)].append(s)
    return [blocks[k] for k in sorted(blocks)]


def _home_blocks(problem: Problem, blocks: list[list[Slot]], hint: Plan) -> dict[int, int]:
    """The block each inspection is first tried in: the warm start's, else the one holding its due date."""
    hinted = hint.by_urn()
    starts = [block[0].week for block in blocks]
    home: dict[int, int] = {}
    for i in problem.inspections:
        day = hinted[i.urn].slot.first_day if i.urn in hinted else i.due_date
        home[i.urn] = max(0, sum(1 for s in starts if s <= day) - 1)
    return home


class _Model:
    """The CP-SAT model of one part, with the variables needed to read a plan back."""

    def __init__(self, problem: Problem, scale: int) -> None:
        self.problem, self.scale = problem, scale
        self.m = cp_model.CpModel()
        self.placed: dict[tuple[int, Slot], cp_model.IntVar] = {}
        self.serves: dict[tuple[int, Slot, str, str], cp_model.IntVar] = {}
        self.load: dict[str, dict[Slot, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
        self.at: dict[tuple[int, Slot], list[tuple[str, str, cp_model.IntVar]]] = defaultdict(list)
        self.cost: list[tuple[int, cp_model.IntVar]] = []
        self.constant = 0
        self.totals: dict[Employment, cp_model.IntVar] = {}
        self.excess: dict[str, cp_model.IntVar] = {}


def _solve_part(
    problem: Problem,
    inspections: Sequence[Inspection],
    slots: Sequence[Slot],
    candidates: Mapping[int, tuple[list[Inspector], list[Inspector]]],
    timetable: Timetable,
    hint: Plan,
    settings: SolverSettings,
    time_limit_s: float,
) -> _PartResult:
    kinds = _kind_sizes(problem)
    model = _Model(problem, math.lcm(*kinds.values()) if kinds else 1)
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
        fallback = greedy_plan(problem, inspections, slots, Timetable.of(problem, _booked(timetable)))
        return _PartResult(fallback.assignments, f"{solver.status_name(status)} (greedy used)", None)
    return _PartResult(_read_plan(model, solver), solver.status_name(status), solver.best_objective_bound / model.scale)


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
            self.known[key] = self.timetable.free(p, slot) and (
                day_refusal(p, slot, self.problem.required_training) is None
            )
        return self.known[key]


def _add_inspection(
    model: _Model,
    inspection: Inspection,
    slots: Sequence[Slot],
    candidates: tuple[list[Inspector], list[Inspector]],
    free: _Availability,
) -> None:
    m, problem = model.m, model.problem
    model.constant += unplaced_cost(problem, inspection)
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
        model.cost.append((lateness_cost(problem, inspection, slot) - unplaced_cost(problem, inspection), here))
        choices.append(here)
        roles = {LEAD: leads, TEAM: team}
        for role, people in roles.items():
            serving = [_serve(model, inspection, slot, p, role) for p in people]
            m.add(sum(serving) == (1 if role == LEAD else inspection.team_size - 1) * here)
        for p in {p.id for p in leads} & {p.id for p in team}:
            m.add(model.serves[(inspection.urn, slot, p, LEAD)] + model.serves[(inspection.urn, slot, p, TEAM)] <= 1)
    if choices:
        m.add_at_most_one(choices)


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
    """score() times `scale`: integer terms as they are; days above the mean as sum(excess) / n_kind.

    For each inspector with variables, excess >= n_kind * days - total days of the kind, excess >= 0; minimising
    makes it exactly n_kind * max(0, days - mean). Inspectors without variables in the model work no more days
    here, so (in a model of the whole problem) they are at or below the mean and add nothing.
    """
    m, problem, scale = model.m, model.problem, model.scale
    before = _days_before(timetable)
    worked: dict[Employment, list[cp_model.LinearExprT]] = defaultdict(list)
    days_of: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
    for (_urn, slot, pid, _role), var in model.serves.items():
        p = problem.inspector(pid)
        worked[p.employment].append(len(slot.on_site) * var)
        days_of[pid].append(len(slot.on_site) * var)
    totals = {}
    for kind in kinds:
        base = sum(d for pid, d in before.items() if problem.inspector(pid).employment is kind)
        total = m.new_int_var(0, base + 7 * len(model.serves) + 1, f"days_{kind}")
        m.add(total == base + sum(worked[kind]))
        totals[kind] = total
    fairness = []
    for pid, terms in days_of.items():
        p = problem.inspector(pid)
        n = kinds[p.employment]
        excess = m.new_int_var(0, n * (before.get(pid, 0) + 7 * len(terms)), f"excess_{pid}")
        days = cp_model.LinearExpr.sum(terms) + before.get(pid, 0)
        m.add(excess + totals[p.employment] >= n * days)
        model.excess[pid] = excess
        fairness.append((scale // n) * problem.weights.per_day_above_mean * excess)
    model.totals = totals
    m.minimize(scale * (model.constant + sum(c * v for c, v in model.cost)) + sum(fairness))


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
    for key, people in model.at.items():
        hinted = usable.get(key)
        for pid, role, var in people:
            on = hinted is not None and (pid == hinted.lead if role == LEAD else pid in hinted.team)
            model.m.add_hint(var, on)
            days[pid] = days.get(pid, 0) + (len(key[1].on_site) if on else 0)
    totals = {k: sum(d for pid, d in days.items() if model.problem.inspector(pid).employment is k) for k in kinds}
    for kind, var in model.totals.items():
        model.m.add_hint(var, totals[kind])
    for pid, var in model.excess.items():
        kind = model.problem.inspector(pid).employment
        model.m.add_hint(var, max(0, kinds[kind] * days.get(pid, 0) - totals[kind]))


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


@dataclass(frozen=True)
class Deferral:
    """A school's deferral was accepted: it cannot take these dates."""

    urn: int
    cannot_take: BlockedDates


@dataclass(frozen=True)
class Pause:
    """An inspection was paused: the team cannot go back before `resume_from`."""

    urn: int
    resume_from: dt.date
    reason: str = "inspection paused"


@dataclass(frozen=True)
class InspectorAway:
    inspector_id: str
    leave: Leave


type Change = Deferral | Pause | InspectorAway


def apply_changes(problem: Problem, changes: Iterable[Change]) -> Problem:
    """The problem as it stands after the changes: more blocked dates for schools, more leave for inspectors."""
    inspections = {i.urn: i for i in problem.inspections}
    inspectors = {p.id: p for p in problem.inspectors}
    start = min((s.notify_on for s in problem.slots), default=dt.date.min)
    for change in changes:
        if isinstance(change, InspectorAway):
            p = inspectors[change.inspector_id]
            inspectors[p.id] = replace(p, leave=(*p.leave, change.leave))
            continue
        blocked = (
            change.cannot_take
            if isinstance(change, Deferral)
            else BlockedDates(min(start, change.resume_from), change.resume_from - dt.timedelta(days=1), change.reason)
        )
        i = inspections[change.urn]
        inspections[i.urn] = replace(i, cannot_take=(*i.cannot_take, blocked))
    return replace(problem, inspections=tuple(inspections.values()), inspectors=tuple(inspectors.values()))


@dataclass(frozen=True)
class Replan:
    problem: Problem  # the problem after the changes
    plan: Plan
    changed: tuple[int, ...]  # URNs whose assignment is not what it was (moved, re-staffed, or now unplaced)
    why: Mapping[int, str]  # for each changed URN, what made its old assignment impossible
    status: str


def replan(
    problem: Problem, previous: Plan, changes: Iterable[Change], settings: SolverSettings | None = None
) -> Replan:
    """Change as few existing assignments as possible: only those the changes make impossible are re-placed.

    Every assignment the checker still accepts under the changed problem is kept exactly as it was (fixed, not
    merely encouraged), and the broken ones are placed again by CP-SAT around them, warm-started by the greedy
    baseline. An inspection that cannot be placed again is left unplaced and counts as changed.
    """
    settings = settings or SolverSettings()
    changed_problem = apply_changes(problem, changes)
    why: dict[int, str] = {}
    for v in check(changed_problem, previous):
        why.setdefault(v.urn, f"{v.rule}: {v.detail}")
    kept = [a for a in previous.assignments if a.urn not in why]
    again = [changed_problem.inspection(urn) for urn in sorted(why) if changed_problem.has_inspection(urn)]
    hint = greedy_plan(changed_problem, again, changed_problem.slots, Timetable.of(changed_problem, kept))
    candidates = _candidates(changed_problem, settings, hint, again)
    part = _solve_part(
        changed_problem, again, changed_problem.slots, candidates, Timetable.of(changed_problem, kept), hint, settings,
        settings.time_limit_s,
    )  # fmt: skip
    plan = Plan((*kept, *part.assignments))
    before, after = previous.by_urn(), plan.by_urn()
    changed = tuple(sorted(urn for urn in before if after.get(urn) != before[urn]))
    return Replan(changed_problem, plan, changed, {urn: why.get(urn, "") for urn in changed}, part.status)
