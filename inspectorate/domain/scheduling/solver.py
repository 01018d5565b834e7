"""The allocation solver: OR-Tools CP-SAT, warm-started from the greedy plan, by neighbourhoods when large.

A problem small enough (estimated variables under `max_model_variables`) is one CP-SAT model (`model.py`), and
CP-SAT's bound is a bound of it. A larger one, a national half-term say, starts from the warm start and is
improved by large-neighbourhood search (`lns.py`): one region and a window of weeks at a time is freed and
re-solved around everything else, and kept only if the whole plan scores lower, so inspections can move between
weeks and the plan is never worse than the warm start. No solver bound comes out of that (the neighbourhoods'
bounds are of sub-problems with everything else fixed), so the independent bound (`bounds.py`) is what measures
it. See docs/adr/0014-allocation-solver-and-bounds.md.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from inspectorate.domain.scheduling.allocation import Plan, Problem, Score, score
from inspectorate.domain.scheduling.checker import check
from inspectorate.domain.scheduling.greedy import Timetable, cheapest_slot_plan, greedy_plan
from inspectorate.domain.scheduling.lagrangian import lagrangian_bound
from inspectorate.domain.scheduling.lns import improve
from inspectorate.domain.scheduling.model import (
    LEAD,
    TEAM,
    PartResult,
    SolverSettings,
    candidates_for,
    estimated_variables,
    solve_part,
)
from inspectorate.domain.scheduling.school import BlockedDates
from inspectorate.domain.scheduling.workforce import Leave

__all__ = ["LEAD", "TEAM", "SolveResult", "SolverSettings", "replan", "solve"]


@dataclass(frozen=True)
class SolveResult:
    plan: Plan
    score: Score  # score.unavoidable and score.avoidable split the total (the same split as the warm start's)
    solver_bound: float | None  # None when no bound of the problem as a whole comes out of the solver
    bound_scope: str  # what the bound is a bound of, or why there is none
    status: str
    parts: int  # models solved: 1 for one model, else the neighbourhoods the search solved
    warm_start: Plan
    warm_start_score: Score
    seconds: Mapping[str, float] = field(default_factory=dict)
    accepted: int = 0  # neighbourhoods that improved the plan (large-neighbourhood search only)
    started_from: str = "the warm start"  # or the construction the search began from instead, and why

    @property
    def value(self) -> float:
        return self.score.total


def solve(problem: Problem, settings: SolverSettings | None = None, warm_start: Plan | None = None) -> SolveResult:
    settings = settings or SolverSettings()
    started = time.perf_counter()
    hint = warm_start if warm_start is not None else greedy_plan(problem)
    size = estimated_variables(problem.inspections, problem.slots, candidates_for(problem, settings, hint))
    whole = size <= settings.max_model_variables
    prices = None if whole else _prices(problem, hint, settings.time_limit_s * settings.pricing_share)
    start, begun = _better_start(problem, hint, prices)
    greedy_done = time.perf_counter()
    candidates = candidates_for(problem, settings, start)
    accepted = 0
    if whole:
        part = solve_part(
            problem, problem.inspections, problem.slots, candidates, Timetable.of(problem), start, settings,
            settings.time_limit_s,
        )  # fmt: skip
        plan, status, parts = Plan(part.assignments), part.status, 1
        pruned = settings.lead_candidates is not None or settings.team_candidates is not None
        bound, scope = part.bound, _single_scope(part, pruned)
    else:
        search = improve(problem, start, settings, settings.time_limit_s - (greedy_done - started), candidates)
        plan, parts, accepted = search.plan, search.tried, search.accepted
        status = f"large-neighbourhood search: {search.accepted} of {search.tried} neighbourhoods improved the plan"
        status += f" in {search.rounds} round(s); CP-SAT: {_tally(search.statuses)}"
        bound = None
        scope = (
            "none: large-neighbourhood search solves sub-problems with the rest of the plan fixed, and their "
            "bounds are not bounds of the whole problem (see the independent lower bound)"
        )
    hint_score, plan_score = score(problem, hint), score(problem, plan)
    broken = check(problem, plan)
    if broken or (plan_score.total > hint_score.total and not check(problem, hint)):
        # Never hand back a plan the checker refuses, nor one worse than a valid warm start.
        why = f"{len(broken)} violation(s)" if broken else "better than the solver's plan"
        plan, plan_score, status = hint, hint_score, f"{status}; warm start kept ({why})"
    finished = time.perf_counter()
    seconds = {"warm_start": greedy_done - started, "solve": finished - greedy_done, "total": finished - started}
    return SolveResult(plan, plan_score, bound, scope, status, parts, hint, hint_score, seconds, accepted, begun)


PRICE_SHARES = (1.0, 0.7, 0.5, 0.35, 0.2)


def _prices(problem: Problem, hint: Plan, seconds: float) -> dict[dt.date, npt.NDArray[np.float64]] | None:
    """What a place in each week is worth to each inspector: the Lagrangian bound's multipliers, after `seconds`."""
    if seconds <= 0:
        return None
    found = lagrangian_bound(problem, upper=score(problem, hint).total, time_limit_s=seconds, iterations=100_000)
    return {week: found.prices[k] for k, week in enumerate(found.weeks)}


def _better_start(
    problem: Problem, hint: Plan, prices: Mapping[dt.date, npt.NDArray[np.float64]] | None
) -> tuple[Plan, str]:
    """The lowest-scoring valid plan of: the warm start; the cheapest-slot construction (better on a long horizon,
    where the earliest-slot rule sends far teams to schools that could wait for near ones); and, given prices, the
    same construction with each week's places priced at shares of the multipliers (a scarce week then goes to the
    schools that cannot wait cheaply; shares, because the multipliers overstate scarcity until the subgradient
    steps have settled: on the national year 0.2 to 0.5 of them did best, 1 worst)."""
    tried = [(hint, "the warm start"), (cheapest_slot_plan(problem), "the cheapest-slot construction")]
    for share in PRICE_SHARES if prices is not None else ():
        priced = {week: share * p for week, p in (prices or {}).items()}
        name = f"the cheapest-slot construction priced at {share:g} x the Lagrangian multipliers"
        tried.append((cheapest_slot_plan(problem, prices=priced), name))
    ranked = sorted(range(len(tried)), key=lambda n: (score(problem, tried[n][0]).total, n))
    for n in ranked:
        plan, name = tried[n]
        if plan is hint:
            return plan, name
        if not check(problem, plan):
            return plan, f"{name} (the lowest-scoring of {len(tried)} starts)"
    return hint, "the warm start"


def _tally(statuses: Iterable[str]) -> str:
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s] = counts.get(s, 0) + 1
    return ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "nothing solved"


# The scope of a solver bound that bounds the whole problem (no candidates pruned): the only kind a gap may use.
WHOLE_PROBLEM = "the whole problem (CP-SAT's best bound)"


def _single_scope(part: PartResult, pruned: bool) -> str:
    if part.bound is None:
        return "none: the solver found no solution in its time limit"
    if pruned:
        return "the model with each inspection's nearest candidates only (a bound of that model, not of the problem)"
    return WHOLE_PROBLEM


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
    candidates = candidates_for(changed_problem, settings, hint, again)
    part = solve_part(
        changed_problem, again, changed_problem.slots, candidates, Timetable.of(changed_problem, kept), hint, settings,
        settings.time_limit_s,
    )  # fmt: skip
    plan = Plan((*kept, *part.assignments))
    before, after = previous.by_urn(), plan.by_urn()
    changed = tuple(sorted(urn for urn in before if after.get(urn) != before[urn]))
    return Replan(changed_problem, plan, changed, {urn: why.get(urn, "") for urn in changed}, part.status)
