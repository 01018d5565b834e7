"""Large-neighbourhood search: improve a national plan one region and a few weeks at a time, with CP-SAT.

A national horizon is too large for one CP-SAT model, and cutting it into fixed blocks of weeks (the first
decomposition) left every inspection in the week the greedy plan chose. Here the whole plan is kept as the
incumbent and, repeatedly, one neighbourhood of it is freed: some of a region's inspections whose slot falls in a
window of weeks (or that are unplaced). Everything else stays booked exactly as it is (a
`Timetable` of the fixed assignments), and CP-SAT re-solves the freed inspections over the window's slots with
the incumbent's assignments as a full hint, so it starts from a plan at least as good as the incumbent's part.
Freed inspections may change week (within the window), team, or be placed when they were not. The new plan is
scored by `allocation.score` as a whole and kept only when its total is strictly lower, so the value never rises
and (each part being built around the fixed bookings) every plan kept passes the checker; `solver.solve` checks
the final one anyway.

Windows are `window_weeks` consecutive weeks sliding by one, so over the steps an inspection can move further
than one window; within a (region, window) a step frees a cluster of nearby schools, small enough that CP-SAT
finishes or nearly finishes in about a second. Regions are the schools' own (the register's Ofsted region); an
inspector near a border can serve both sides, and since only the freed schools move in a step, that inspector's
bookings elsewhere are respected as fixed.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from inspectorate.domain.scheduling.allocation import Assignment, Inspection, Plan, Problem, Score, Slot, score
from inspectorate.domain.scheduling.greedy import Timetable
from inspectorate.domain.scheduling.model import SolverSettings, estimated_variables, solve_part
from inspectorate.domain.scheduling.workforce import Inspector

type Candidates = Mapping[int, tuple[list[Inspector], list[Inspector]]]


@dataclass(frozen=True)
class Neighbourhood:
    region: str
    slots: tuple[Slot, ...]

    @property
    def label(self) -> str:
        return f"{self.region or 'no region'}, {self.slots[0].first_day} to {self.slots[-1].last_day}"


@dataclass(frozen=True)
class LnsResult:
    plan: Plan
    score: Score
    tried: int  # neighbourhoods solved
    accepted: int  # of which improved the whole plan and were kept
    rounds: int  # passes over all the neighbourhoods (the last may be partial)
    statuses: tuple[str, ...]  # CP-SAT's status for each neighbourhood solved
    history: tuple[float, ...]  # the plan's total after the start and after each step kept: never rising


def neighbourhoods(problem: Problem, weeks_per_window: int) -> list[Neighbourhood]:
    """Per region, every window of `weeks_per_window` consecutive weeks (sliding by one week)."""
    weeks = sorted({s.week for s in problem.slots})
    length = max(1, min(weeks_per_window, len(weeks)))
    found: list[Neighbourhood] = []
    for start in range(len(weeks) - length + 1):
        window = set(weeks[start : start + length])
        slots = tuple(sorted(s for s in problem.slots if s.week in window))
        found += [Neighbourhood(region, slots) for region in sorted({i.region for i in problem.inspections})]
    return found


def _freed(region: Sequence[Inspection], placed: Mapping[int, Assignment], slots: set[Slot]) -> list[Inspection]:
    """The region's inspections in the window's slots, and its unplaced ones (which the window may place)."""
    return [i for i in region if i.urn not in placed or placed[i.urn].slot in slots]


def improve(
    problem: Problem, start: Plan, settings: SolverSettings, time_limit_s: float, candidates: Candidates
) -> LnsResult:
    """Free one neighbourhood at a time and keep CP-SAT's re-solve only when the whole plan scores lower.

    Each step takes the next (region, window) in turn and, within it, a cluster: a school picked at random and
    the nearest of the region's inspections in the window (or unplaced) until the model would exceed
    `neighbourhood_variables`. Small models let CP-SAT finish or nearly finish in `neighbourhood_s`, and many
    steps cover the country; clusters of nearby schools are what can usefully swap inspectors and weeks.
    Stops at the time limit, or after `settings.lns_patience` steps in a row without an improvement.
    """
    deadline = time.perf_counter() + time_limit_s
    hoods = neighbourhoods(problem, settings.window_weeks)
    by_region: dict[str, list[Inspection]] = defaultdict(list)
    for i in problem.inspections:
        by_region[i.region].append(i)
    rng = random.Random(settings.seed)  # noqa: S311 - which school a cluster starts from, not a secret
    incumbent, best = start, score(problem, start)
    history, statuses = [best.total], []
    tried = accepted = idle = 0
    while hoods and time.perf_counter() < deadline - 0.5 and idle < settings.lns_patience:
        hood = hoods[tried % len(hoods)]
        pool = _freed(by_region[hood.region], incumbent.by_urn(), set(hood.slots))
        tried += 1
        if not pool:
            idle += 1
            continue
        freed = _cluster(pool, rng.choice(pool), hood.slots, candidates, settings.neighbourhood_variables)
        urns = {i.urn for i in freed}
        fixed = tuple(a for a in incumbent.assignments if a.urn not in urns)
        part = solve_part(
            problem, freed, hood.slots, candidates, Timetable.of(problem, fixed), incumbent, settings,
            min(deadline - time.perf_counter(), settings.neighbourhood_s), greedy_if_unsolved=False,
        )  # fmt: skip
        statuses.append(part.status)
        idle += 1
        if part.bound is None:
            continue  # nothing found in time: the incumbent stands
        trial = Plan(tuple(sorted((*fixed, *part.assignments), key=lambda a: (a.slot, a.urn))))
        trial_score = score(problem, trial)
        if trial_score.total < best.total - 1e-9:
            incumbent, best, idle = trial, trial_score, 0
            history.append(best.total)
            accepted += 1
    rounds = -(-tried // len(hoods)) if hoods else 0
    return LnsResult(incumbent, best, tried, accepted, rounds, tuple(statuses), tuple(history))


def _cluster(
    pool: Sequence[Inspection], seed: Inspection, slots: Sequence[Slot], candidates: Candidates, limit: int
) -> list[Inspection]:
    """The seed and its nearest neighbours in the pool, as many as keep the model under `limit` variables."""
    nearest = sorted(pool, key=lambda i: (math.dist(i.location, seed.location), i.urn))
    chosen: list[Inspection] = []
    for i in nearest:
        if chosen and estimated_variables([*chosen, i], slots, candidates) > limit:
            break
        chosen.append(i)
    return chosen
