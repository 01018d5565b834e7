"""National scheduling benchmark: figures printed, never asserted (timings vary on shared machines).

  python bench/schedule_benchmark.py [--horizon week|half-term|year|all|custom] [--time-limit S] [--bound-time S]
                                     [--start 2026-02-23 --weeks 6] [--per-week 155] [--workers 2] [--seed 1]

Three preset horizons, all run by default (`make bench-schedule`): a national week (23 February 2026), a
half-term (the five teaching weeks of spring 2, 2026) and a school year (2026/27: 39 teaching weeks from
7 September 2026). Each builds a national problem without Django or a database: the schools and their latest
inspections from the shipped register file (Ofsted, state-funded schools as at 31 August 2025), located by
postcode district; the queue of who is due on the start date from the due rules; the highest-priority `per-week`
(155) a teaching week of them; slots closed on England's bank holidays and the illustrative England school
holidays (the register file holds no school's own term dates); and a GENERATED, fictional workforce near the
schools. Then it runs the greedy baseline, the solver warm-started from it, and the independent lower bound, and
prints each value (split into the constant no plan can avoid and the avoidable rest) and time, the solver's bound
with what it bounds, the lower bound with its relaxation and why it is valid, the gaps, the ratios of travel and
of priority-weighted lateness to the greedy baseline, and a summary table of the three.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from inspectorate.domain.bank_holidays import bank_holidays_for  # noqa: E402
from inspectorate.domain.frameworks import framework_on  # noqa: E402
from inspectorate.domain.register.outcodes import OutcodeCentres  # noqa: E402
from inspectorate.domain.scheduling import GradedInspection, SchoolOnRegister, UngradedInspection, due_queue  # noqa: E402
from inspectorate.domain.scheduling.allocation import Problem, Score, score  # noqa: E402
from inspectorate.domain.scheduling.bounds import LAGRANGIAN, LP, SEPARABLE, lower_bound  # noqa: E402
from inspectorate.domain.scheduling.build import (  # noqa: E402
    SchoolFacts,
    horizon_days,
    horizon_slots,
    inspections_from_queue,
    per_week,
    problem_of,
)
from inspectorate.domain.scheduling.checker import check  # noqa: E402
from inspectorate.domain.scheduling.generate import GENERATED_NOTICE, generate_workforce  # noqa: E402
from inspectorate.domain.scheduling.greedy import greedy_plan  # noqa: E402
from inspectorate.domain.scheduling.solver import SolverSettings, solve  # noqa: E402
from inspectorate.domain.scheduling.workforce import Inspector  # noqa: E402
from inspectorate.domain.term_dates import DEFAULT_ENGLAND_HOLIDAYS  # noqa: E402

DATA = PROJECT / "inspectorate" / "data"
REGISTER = DATA / "ofsted_state_funded_schools_as_at_31_Aug_2025.csv.gz"
OUTCODES = DATA / "uk_postcode_outcode_centroids.csv"
KEY_JUDGEMENTS = {
    "Quality of education": "quality_of_education",
    "Behaviour and attitudes": "behaviour_and_attitudes",
    "Personal development": "personal_development",
    "Effectiveness of leadership and management": "leadership_and_management",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--horizon",
        choices=[*HORIZONS, "all", "custom"],
        default="all",
        help="a preset horizon, all three in turn (the default), or custom (--start and --weeks)",
    )
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2026, 2, 23), help="custom: a Monday")
    parser.add_argument("--weeks", type=int, default=6, help="custom: calendar weeks in the horizon")
    parser.add_argument("--per-week", type=int, default=155, help="inspections to place per teaching week")
    parser.add_argument("--time-limit", type=float, help="solver seconds (default: the preset's)")
    parser.add_argument("--bound-time", type=float, help="seconds for the Lagrangian bound (default: the preset's)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated workforce")
    parser.add_argument("--lp-columns", type=int, default=150_000, help="largest LP relaxation to attempt")
    args = parser.parse_args()
    if args.horizon == "custom":
        horizons = [Horizon("custom", args.start, args.weeks, args.time_limit or 120, args.bound_time or 40)]
    else:
        names = list(HORIZONS) if args.horizon == "all" else [args.horizon]
        horizons = [HORIZONS[n] for n in names]
        horizons = [
            replace(h, time_limit=args.time_limit or h.time_limit, bound_time=args.bound_time or h.bound_time)
            for h in horizons
        ]

    started = time.perf_counter()
    schools, facts = read_register()
    print(f"Register: {len(schools):,} schools read in {time.perf_counter() - started:.1f} s")
    print(
        "Calendar: England's bank holidays, and school holidays from the shipped illustrative England term dates "
        "(the register file holds no school's own calendar)"
    )
    rows = [run(h, schools, facts, args) for h in horizons]
    print()
    print(SUMMARY_HEAD)
    for row in rows:
        print(row)
    print(
        "gap = (value - bound) / value, against the independent lower bound; 'avoidable' takes the constant no plan "
        "can avoid out of both. Ratios are solver / greedy: below 1 is better than greedy."
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Peak memory (max RSS): {peak:,.0f} MiB; total {time.perf_counter() - started:.1f} s")


@dataclass(frozen=True)
class Horizon:
    name: str
    start: dt.date
    weeks: int  # calendar weeks; school holidays and bank holidays close some
    time_limit: float  # solver seconds
    bound_time: float  # seconds for the Lagrangian bound's steps


HORIZONS = {
    "week": Horizon("week", dt.date(2026, 2, 23), 1, 8.0, 10.0),
    "half-term": Horizon("half-term", dt.date(2026, 2, 23), 5, 120.0, 60.0),  # spring 2: 23 Feb to 27 Mar 2026
    "year": Horizon("year", dt.date(2026, 9, 7), 46, 540.0, 240.0),  # 2026/27: 39 teaching weeks to July 2027
}
SUMMARY_HEAD = (
    f"{'horizon':<10} {'inspections':>11} {'wall s':>7} {'value':>14} {'solver bound':>14} {'lower bound':>14} "
    f"{'gap':>8} {'avoidable':>10} {'bound':>10} {'gap':>7} {'travel':>7} {'lateness':>8} {'viol.':>5}"
)


def run(h: Horizon, schools: list[SchoolOnRegister], facts: dict[int, SchoolFacts], args: argparse.Namespace) -> str:
    print(f"\n== {h.name}: {h.weeks} calendar week(s) from {h.start}, solver {h.time_limit:.0f} s ==")
    workforce = generate_workforce([f.site() for f in facts.values()], seed=args.seed, today=h.start)
    print(f"Workforce: {len(workforce):,} inspectors. {GENERATED_NOTICE}")
    problem = build_problem(schools, facts, workforce, h.start, h.weeks, args.per_week)
    weeks = len({s.week for s in problem.slots})
    print(
        f"Problem: {len(problem.inspections):,} inspections, {len(problem.slots)} slots in {weeks} teaching weeks "
        f"({problem.slots[0].notify_on} to {problem.horizon_end}), {len(problem.inspectors):,} inspectors, "
        f"{sum(i.team_size for i in problem.inspections):,} places in teams"
    )

    t = time.perf_counter()
    greedy = greedy_plan(problem)
    greedy_s = time.perf_counter() - t
    greedy_score = score(problem, greedy)
    print(f"Greedy: {split(greedy_score)} in {greedy_s:.1f} s")
    print(f"  {describe(greedy_score)}; checker: {len(check(problem, greedy))} violations")
    print(
        f"  (constant = lateness no plan can avoid: each school's lateness in the earliest slot it could be staffed, "
        f"the same {greedy_score.unavoidable:,} for every plan)"
    )

    settings = SolverSettings(
        time_limit_s=h.time_limit, workers=args.workers, seed=args.seed, lead_candidates=8, team_candidates=16
    )
    t = time.perf_counter()
    result = solve(problem, settings, warm_start=greedy)
    wall = greedy_s + time.perf_counter() - t  # what a scheduler waits for: the greedy warm start and the solve
    violations = len(check(problem, result.plan))
    print(f"Solver: {split(result.score)} in {result.seconds['solve']:.1f} s; {result.status}")
    print(f"  started from {result.started_from}")
    print(f"  {describe(result.score)}; checker: {violations} violations")
    bound_text = "null" if result.solver_bound is None else f"{result.solver_bound:,.1f}"
    print(f"  solver bound: {bound_text} (bounds {result.bound_scope})")

    lb = lower_bound(problem, max_lp_columns=args.lp_columns, upper=result.value, lagrangian_s=h.bound_time)
    lb_text = "null" if lb.value is None else f"{lb.value:,.1f}"
    print(f"Independent lower bound of the whole problem: {lb_text} in {lb.seconds:.1f} s")
    print(f"  relaxation: {lb.relaxation}")
    print(f"  ({lb.note})")
    print(f"  valid because: {WHY_VALID.get(lb.relaxation, 'see bounds.py')}")
    constant = result.score.unavoidable
    gap = avoidable_lb = avoidable_gap = None
    if lb.value is not None:
        avoidable_lb = lb.value - constant
        gap = relative_gap(result.value, lb.value)
        avoidable_gap = relative_gap(result.score.avoidable, avoidable_lb)
        print(f"  avoidable part of the bound: {avoidable_lb:,.1f} (bound - constant)")
        print(
            f"Gap to the bound: {percent(gap)} of the value; {percent(avoidable_gap)} of the avoidable part "
            f"(solver - bound = {result.value - lb.value:,.1f})"
        )
    travel = ratio(result.score.travel_km, greedy_score.travel_km)
    lateness = ratio(result.score.lateness, greedy_score.lateness)
    avoidable_late = ratio(result.score.lateness - constant, greedy_score.lateness - constant)
    print(
        f"Solver / greedy: value {ratio(result.value, greedy_score.total)}; avoidable part "
        f"{ratio(result.score.avoidable, greedy_score.avoidable)}; travel {travel}; priority-weighted lateness "
        f"{lateness} (its avoidable part {avoidable_late}); greedy - solver = {greedy_score.total - result.value:,.1f}"
    )
    print(f"Wall time (greedy warm start + solver): {wall:.1f} s")
    return (
        f"{h.name:<10} {len(problem.inspections):>11,} {wall:>7.1f} {result.value:>14,.0f} "
        f"{'null' if result.solver_bound is None else f'{result.solver_bound:,.0f}':>14} "
        f"{'null' if lb.value is None else f'{lb.value:,.0f}':>14} {percent(gap):>8} "
        f"{result.score.avoidable:>10,.0f} {'null' if avoidable_lb is None else f'{avoidable_lb:,.0f}':>10} "
        f"{percent(avoidable_gap):>7} {travel:>7} {lateness:>8} {violations:>5}"
    )


def relative_gap(value: float, bound: float) -> float | None:
    return (value - bound) / value if value > 0 else None


def percent(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.2f}%"


WHY_VALID = {
    LAGRANGIAN: "any multipliers >= 0 on the weekly limits give min over a larger set of a cost that is <= every "
    "feasible plan's travel + lateness + unplaced (fairness >= 0 dropped); the best value met is reported",
    LP: "every feasible plan is a 0/1 point of the LP with the same objective",
    SEPARABLE: "each inspection's cost in any plan is at least its cheapest choice alone; fairness >= 0 dropped",
}


def split(s: Score) -> str:
    """The total and its two parts, as every value is printed."""
    return f"value {s.total:,.1f} = constant {s.unavoidable:,} + avoidable {s.avoidable:,.1f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.4f}" if b > 0 else "n/a"


def describe(s: Score) -> str:
    return (
        f"travel {s.travel_km:,} km, {s.days_late:,} days late (cost {s.lateness:,}), "
        f"{s.unplaced_count} unplaced (cost {s.unplaced:,}), {s.days_above_share:,} days above the fair share"
    )


def read_register() -> tuple[list[SchoolOnRegister], dict[int, SchoolFacts]]:
    """The register file's schools as the due rules read them, plus where each is and what allocation needs."""
    frame = pl.read_csv(REGISTER, infer_schema_length=0)
    centres = OutcodeCentres.from_csv(OUTCODES.read_text())
    schools: list[SchoolOnRegister] = []
    facts: dict[int, SchoolFacts] = {}
    for row in frame.iter_rows(named=True):
        location = centres.locate(row["Postcode"] or "")
        if location is None:
            continue  # a school the outcode list cannot place cannot be costed for travel
        urn = int(row["URN"])
        schools.append(on_register(row))
        pupils = row["Total number of pupils"]
        facts[urn] = SchoolFacts(
            urn=urn,
            location=location,
            phase=row["Ofsted phase"],
            region=row["Ofsted region"],
            trust_id=row["Multi-academy trust UID"],
            pupils=int(pupils) if pupils and pupils.isdigit() else None,
        )
    return schools, facts


def on_register(row: dict[str, str | None]) -> SchoolOnRegister:
    graded = None
    start = day(row["Inspection start date"])
    if start is not None:
        graded = GradedInspection(
            start_date=start,
            publication_date=day(row["Publication date"]),
            framework=framework_on(start).code,
            overall_effectiveness=row["Overall effectiveness"] or "",
            key_judgements={key: row[col] or "" for col, key in KEY_JUDGEMENTS.items()},
            category_of_concern=row["Category of concern"] or "",
            safeguarding=row["Safeguarding is effective?"] or "",
        )
    ungraded_on = day(row["Date of latest ungraded inspection"])
    ungraded = (
        UngradedInspection(ungraded_on, row["Ungraded inspection overall outcome"] or "") if ungraded_on else None
    )
    notices = row["Number of warning notices issued in 2024/25 academic year"]
    return SchoolOnRegister(
        urn=int(row["URN"] or 0),
        phase=row["Ofsted phase"] or "",
        latest_graded=graded,
        latest_ungraded=ungraded,
        warning_notices=int(notices) if notices and notices.isdigit() else 0,
        graded_was_of_predecessor=row["Does the latest graded inspection relate to the URN of the current school?"]
        == "No",
    )


def on_holiday(day: dt.date) -> bool:
    return any(h.first_day <= day <= h.last_day for h in DEFAULT_ENGLAND_HOLIDAYS)


def day(cell: str | None) -> dt.date | None:
    return dt.datetime.strptime(cell, "%d/%m/%Y").date() if cell else None


def build_problem(
    schools: list[SchoolOnRegister],
    facts: dict[int, SchoolFacts],
    workforce: tuple[Inspector, ...],
    start: dt.date,
    weeks: int,
    count_per_week: int,
) -> Problem:
    """The highest-priority `count_per_week` a teaching week of the queue, over the horizon with bank holidays and
    the illustrative England school holidays closed (the register file holds no school's own term dates)."""
    _, last = horizon_days(start, weeks)
    holidays = bank_holidays_for(range(start.year, last.year + 1))
    slots = horizon_slots(start, weeks, closed=lambda d: d in holidays or on_holiday(d))
    queue = inspections_from_queue(due_queue(schools, start), facts)
    return problem_of(per_week(queue, count_per_week, slots), workforce, slots)


if __name__ == "__main__":
    main()
