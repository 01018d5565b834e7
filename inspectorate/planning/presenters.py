"""A schedule plan's figures in words, the same for the command and the pages: every value as constant + avoidable,
each bound with what it bounds or which relaxation it comes from, and the ratios against the greedy baseline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from inspectorate.domain.scheduling.solver import WHOLE_PROBLEM
from inspectorate.inspections.presenters.fields import Field, Option
from inspectorate.planning.models import PlannedAssignment, SchedulePlan

EXERCISE_BANNER = (
    "EXERCISE: generated workforce. The inspectors in this plan are generated and fictional; it shows what a plan "
    "could look like and cannot become planned inspections."
)


def _n(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.4f}" if b > 0 else "not defined (divisor 0)"


def split(total: float, constant: float) -> str:
    return f"{_n(total)} = constant {_n(constant)} + avoidable {_n(total - constant)}"


@dataclass(frozen=True)
class Figure:
    label: str
    value: str


def figures(plan: SchedulePlan) -> list[Figure]:
    """The plan's measures, in the order a scheduler reads them."""
    c = plan.constant
    placed = len(plan.urns) - plan.unplaced_count
    rows = [
        Figure(
            "Problem",
            f"{len(plan.urns):,} school(s) to place (of {plan.queue_size:,} in the queue), {plan.slots} slot(s), "
            f"{plan.inspectors:,} inspectors",
        ),
        Figure(
            "Greedy baseline",
            f"value {split(plan.greedy_value, c)}; travel {plan.greedy_travel_km:,} km, "
            f"{plan.greedy_days_late:,} days late, {plan.greedy_unplaced} unplaced",
        ),
        Figure(
            "Solver",
            f"value {split(plan.solver_value, c)}; travel {plan.travel_km:,} km, {plan.days_late:,} days late, "
            f"{placed:,} placed, {plan.unplaced_count} unplaced, {plan.days_above_share:,} days above the fair share",
        ),
        Figure("Solver status", plan.solver_status),
        Figure(
            "Solver bound",
            ("null" if plan.solver_bound is None else _n(plan.solver_bound)) + f" (bounds {plan.solver_bound_scope})",
        ),
        Figure(
            "Lower bound",
            ("null" if plan.lower_bound is None else _n(plan.lower_bound))
            + f" from the {plan.lower_bound_relaxation} ({plan.lower_bound_note})",
        ),
    ]
    if plan.lower_bound is not None:
        rows.append(
            Figure(
                "Solver / lower bound",
                f"totals {ratio(plan.solver_value, plan.lower_bound)}; avoidable parts "
                f"{ratio(plan.solver_avoidable, plan.lower_bound - c)}",
            )
        )
    rows += [
        Figure(
            "Greedy / solver",
            f"totals {ratio(plan.greedy_value, plan.solver_value)}; avoidable parts "
            f"{ratio(plan.greedy_avoidable, plan.solver_avoidable)}; travel "
            f"{ratio(plan.greedy_travel_km, plan.travel_km)}",
        ),
        Figure("Checker", f"{plan.violations} violation(s) of the hard constraints"),
        Figure("Time", f"{plan.seconds:,.1f} s"),
    ]
    return rows


def constant_note(plan: SchedulePlan) -> str:
    return (
        f"The constant ({plan.constant:,}) is lateness no plan can avoid: each school's lateness in the earliest week "
        "it could be staffed. It is the same for every plan of this problem, so compare the avoidable parts."
    )


def scope(plan: SchedulePlan) -> str:
    """What the plan covers, in one line."""
    region = plan.region or "all regions"
    return (
        f"From {plan.starts_on:%A %d %B %Y} for {plan.weeks} week(s), {region}; {plan.get_schools_display().lower()}; "
        f"{plan.get_workforce_display().lower()}"
    )


@dataclass(frozen=True)
class AssignmentRow:
    urn: int
    school: str
    notify_on: dt.date
    on_site: list[dt.date]
    lead: str
    team: list[str]
    travel_km: int
    days_late: int
    due_date: dt.date
    priority: int
    changed: bool
    inspection_id: int | None
    reason: str
    lead_ref: str = ""
    team_refs: tuple[str, ...] = ()

    @property
    def first_day(self) -> dt.date:
        return self.on_site[0] if self.on_site else self.notify_on

    @property
    def week(self) -> dt.date:
        """The Monday of the week the team is on site."""
        return self.first_day - dt.timedelta(days=self.first_day.weekday())


def assignment_row(row: PlannedAssignment) -> AssignmentRow:
    return AssignmentRow(
        urn=row.urn,
        school=row.school_name,
        notify_on=row.notify_on,
        on_site=[dt.date.fromisoformat(d) for d in row.on_site],
        lead=row.lead_name,
        team=list(row.team_names),
        travel_km=row.travel_km,
        days_late=row.days_late,
        due_date=row.due_date,
        priority=row.priority,
        changed=row.changed,
        inspection_id=row.inspection_id,
        reason=row.reason,
        lead_ref=row.lead_ref,
        team_refs=tuple(row.team_refs),
    )


def lateness(days: int) -> str:
    if not days:
        return "by its due date"
    return f"{days} day{'s' if days != 1 else ''} after its due date"


def assignment_line(row: AssignmentRow) -> str:
    team = ", ".join(row.team) or "no team inspectors"
    days = " and ".join(f"{d:%a %d %b}" for d in row.on_site)
    late = lateness(row.days_late)
    line = (
        f"URN {row.urn} {row.school}: told {row.notify_on:%a %d %b}, on site {days}; lead {row.lead}; team {team}; "
        f"{row.travel_km:,} km; {late}"
    )
    return f"{line}\n    Why: {row.reason}" if row.reason else line


# The plan as one JSON object (`inspectorate schedule --json`): the figures, the bounds and gap, every assignment.


def tighter_bound(plan: SchedulePlan) -> tuple[float | None, str]:
    """The larger valid lower bound of the whole problem and which it is: the solver's (only when it bounds the
    whole problem, not a pruned model) or the independent one; (None, "") when there is neither."""
    found = []
    if plan.solver_bound is not None and plan.solver_bound_scope == WHOLE_PROBLEM:
        found.append((plan.solver_bound, "solver_bound"))
    if plan.lower_bound is not None:
        found.append((plan.lower_bound, "lp_bound"))
    return max(found) if found else (None, "")


def relative_gap(value: float, bound: float | None, base: float) -> float | None:
    """(value - bound) / base; None with no bound, or with a base of 0 that the value does not meet the bound at."""
    if bound is None:
        return None
    if base > 0:
        return round((value - bound) / base, 6)
    return 0.0 if value <= bound else None


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 6) if b > 0 else None


def assignment_json(row: PlannedAssignment) -> dict[str, Any]:
    return {
        "urn": row.urn,
        "school": row.school_name,
        "dates": {"notified": row.notify_on.isoformat(), "on_site": list(row.on_site)},
        "week": assignment_row(row).week.isoformat(),
        "lead": row.lead_name,
        "lead_id": row.lead_ref,
        "team": list(row.team_names),
        "team_ids": list(row.team_refs),
        "travel_km": row.travel_km,
        "due_date": row.due_date.isoformat(),
        "priority": row.priority,
        "days_late": row.days_late,
        "changed": row.changed,
        "inspection_id": row.inspection_id,
        "reason": row.reason,
    }


def plan_json(plan: SchedulePlan, assignments: Sequence[PlannedAssignment]) -> dict[str, Any]:
    """Everything the command's summary says, as data. `gap` is against the tighter bound (`tighter_bound`);
    `gap_avoidable` is the same distance relative to the avoidable part, since the constant dominates totals."""
    bound, against = tighter_bound(plan)
    objective = plan.solver_value
    return {
        "plan_id": plan.pk,
        "status": plan.status,
        "is_exercise": plan.is_exercise,
        "scope": scope(plan),
        "starts_on": plan.starts_on.isoformat(),
        "weeks": plan.weeks,
        "region": plan.region or None,
        "schools": plan.schools,
        "selection": plan.selection,
        "workforce": plan.workforce,
        "workforce_notice": plan.workforce_notice,
        "seed": plan.seed,
        "time_limit_s": float(plan.time_limit_s),
        "queue_size": plan.queue_size,
        "schools_in_problem": len(plan.urns),
        "inspectors": plan.inspectors,
        "slots": plan.slots,
        "notes": list(plan.notes),
        "inspections": len(assignments),
        "uncovered": [{"urn": u["urn"], "name": u["name"], "reason": u["reason"]} for u in plan.unplaced],
        "objective": float(objective),
        "constant": plan.constant,
        "avoidable": float(plan.solver_avoidable),
        "solver_status": plan.solver_status,
        "solver_bound": _float(plan.solver_bound),
        "solver_bound_scope": plan.solver_bound_scope,
        "lp_bound": _float(plan.lower_bound),
        "lp_bound_relaxation": plan.lower_bound_relaxation,
        "lower_bound_relaxation": plan.lower_bound_relaxation,
        "lower_bound_note": plan.lower_bound_note,
        "gap": relative_gap(objective, bound, objective),
        "gap_against": against or None,
        # Nothing avoidable left: the plan meets the constant, itself a lower bound, so it is optimal.
        "gap_avoidable": relative_gap(objective, bound, plan.solver_avoidable) if plan.solver_avoidable > 0 else 0.0,
        "greedy_objective": float(plan.greedy_value),
        "greedy_avoidable": float(plan.greedy_avoidable),
        "greedy_ratio": _ratio(plan.greedy_value, objective),
        "greedy_ratio_avoidable": _ratio(plan.greedy_avoidable, plan.solver_avoidable),
        "travel_km": plan.travel_km,
        "greedy_travel_km": plan.greedy_travel_km,
        "greedy_travel_ratio": _ratio(plan.greedy_travel_km, plan.travel_km),
        "days_late": plan.days_late,
        "greedy_days_late": plan.greedy_days_late,
        "days_above_share": plan.days_above_share,
        "unplaced_count": plan.unplaced_count,
        "greedy_unplaced": plan.greedy_unplaced,
        "seconds": round(float(plan.seconds), 3),
        "violations": plan.violations,
        "replaces": plan.replaces_id,
        "changed": dict(plan.changed),
        "assignments": [assignment_json(a) for a in assignments],
    }


# The pages' view models: plain objects the templates only display.


@dataclass(frozen=True)
class WeekGroup:
    week: dt.date  # the Monday
    rows: list[AssignmentRow]


def by_week(rows: Sequence[AssignmentRow]) -> list[WeekGroup]:
    """The assignments under the week each is on site, weeks in order (rows keep their order within a week)."""
    groups: dict[dt.date, list[AssignmentRow]] = {}
    for row in rows:
        groups.setdefault(row.week, []).append(row)
    return [WeekGroup(week, found) for week, found in sorted(groups.items())]


@dataclass(frozen=True)
class Duty:
    role: str  # "Lead" or "Team inspector"
    row: AssignmentRow


@dataclass(frozen=True)
class InspectorGroup:
    name: str
    ref: str
    duties: list[Duty]

    @property
    def on_site_days(self) -> int:
        return sum(len(d.row.on_site) for d in self.duties)

    @property
    def leads(self) -> int:
        return sum(1 for d in self.duties if d.role == LEAD)


LEAD, TEAM = "Lead", "Team inspector"


def by_inspector(rows: Sequence[AssignmentRow]) -> list[InspectorGroup]:
    """Each inspector sent anywhere in the plan with their assignments by date, inspectors by name (then id)."""
    duties: dict[str, list[Duty]] = {}
    names: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (r.first_day, r.urn)):
        names[row.lead_ref] = row.lead
        duties.setdefault(row.lead_ref, []).append(Duty(LEAD, row))
        for ref, name in zip(row.team_refs, row.team, strict=False):
            names[ref] = name
            duties.setdefault(ref, []).append(Duty(TEAM, row))
    return sorted((InspectorGroup(names[r], r, d) for r, d in duties.items()), key=lambda g: (g.name, g.ref))


PAGE_SIZE = 25


@dataclass(frozen=True)
class PlanSummary:
    href: str
    title: str
    scope: str
    status: str
    is_exercise: bool
    placed: int
    unplaced: int
    created: str


def plan_summary(plan: SchedulePlan, href: str) -> PlanSummary:
    return PlanSummary(
        href=href,
        title=f"Plan {plan.pk}",
        scope=scope(plan),
        status=plan.get_status_display(),
        is_exercise=plan.is_exercise,
        placed=len(plan.urns) - plan.unplaced_count,
        unplaced=plan.unplaced_count,
        created=f"{plan.created_at:%d %B %Y %H:%M} by {plan.created_by.display_name}",
    )


def form_fields(
    submitted: dict[str, str], errors: dict[str, str], regions: list[str], default_schools: str
) -> list[Field]:
    """The form that makes a plan: start date, weeks, region, workforce, schools, solver time."""

    def value(name: str, default: str = "") -> str:
        return submitted.get(name, default)

    def options(name: str, choices: list[tuple[str, str]], default: str) -> tuple[Option, ...]:
        chosen = value(name, default)
        return tuple(Option(v, label, v == chosen) for v, label in choices)

    region_choices = [("", "All regions"), *[(r, r) for r in regions]]
    return [
        Field("text", "starts_on", "starts_on", "Plan starts on", "A Monday, as YYYY-MM-DD, for example 2027-01-11",
              errors.get("starts_on"), value("starts_on")),
        Field("number", "weeks", "weeks", "Weeks", "How many weeks to plan, 1 to 52", errors.get("weeks"),
              value("weeks", "1")),
        Field("select", "region", "region", "Ofsted region", "", errors.get("region"),
              options=options("region", region_choices, "")),
        Field("radios", "workforce", "workforce", "Workforce",
              "A plan made with the generated workforce is an exercise: it can never be accepted",
              errors.get("workforce"), options=options("workforce", [
                  ("real", "Real: the inspectors held in Inspectorate"),
                  ("generated", "Generated: fictional inspectors, for an exercise")], "real")),
        Field("radios", "schools", "schools", "Schools", "", errors.get("schools"), options=options("schools", [
            ("register", "Schools on the register"), ("fictional", "The demo's fictional schools")], default_schools)),
        Field("number", "time_limit", "time_limit", "Solver time limit in seconds",
              "The page waits this long at most; 1 to 120", errors.get("time_limit"), value("time_limit", "30")),
    ]  # fmt: skip


def error_links(fields: list[Field]) -> list[tuple[str, str]]:
    return [(f.anchor, f.error) for f in fields if f.error is not None]
