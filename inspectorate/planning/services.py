"""Schedule plans: made from the database, measured, accepted into the lifecycle, and re-planned after a deferral.

`schedule_plan_create` runs the greedy baseline, the solver warm-started from it, the independent lower bound and
the checker on the problem `problems.build_problem` reads, and stores the plan with every figure. A plan made with
the generated workforce is an exercise: `schedule_plan_accept` refuses it, so no fictional inspector is ever
attached to an inspection and no fictional inspection to a real school. `schedule_plan_replan` changes as few
assignments as possible after schools came back, and stores the result as a new plan linked to the old one.
See docs/adr/0021-plans-from-the-database-and-exercises.md.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.audit.services import audit_record
from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.allocation import Assignment, Plan, Problem, Score, Slot, days_late, score
from inspectorate.domain.scheduling.bounds import LowerBound, lower_bound
from inspectorate.domain.scheduling.build import unplaced_reason
from inspectorate.domain.scheduling.checker import check
from inspectorate.domain.scheduling.greedy import greedy_plan
from inspectorate.domain.scheduling.school import ReturnedInspection
from inspectorate.domain.scheduling.solver import Change, Deferral, Pause, SolverSettings, replan, solve
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound
from inspectorate.inspections.selectors import roles_of
from inspectorate.inspections.services.planning import inspection_plan
from inspectorate.planning.models import PlannedAssignment, SchedulePlan
from inspectorate.planning.problems import BuiltProblem, ProblemRefused, SchoolsKind, WorkforceKind, build_problem
from inspectorate.planning.reasons import PlanReasons
from inspectorate.planning.selectors import returned_to_queue

PLANNERS = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR})
MAX_TIME_LIMIT_S = 600.0
WORKERS = 2  # the machines this runs on have two cores
# Above this many inspections the solver considers each school's nearest candidates only (as the benchmark does);
# its bound is then of that restricted model, and says so.
WHOLE_MODEL_INSPECTIONS = 60
NO_REPLAN_BOUND = (
    "none: a re-plan keeps every unaffected assignment fixed, so the solver's bound is of the re-placed part only "
    "(see the independent lower bound)"
)


def _may_plan(user: Any) -> None:
    if not roles_of(user) & PLANNERS:
        raise NotAllowed("Only a scheduler or an administrator may make or accept a schedule plan.")


def default_schools() -> SchoolsKind:
    """The demo plans its fictional schools; anywhere else the register's real ones."""
    return SchoolsKind.FICTIONAL if settings.INSPECTORATE_DEMO else SchoolsKind.REGISTER


def _built(**options: Any) -> BuiltProblem:
    try:
        built = build_problem(**options)
    except ProblemRefused as refused:
        raise InvalidInput({refused.field: refused.message}) from None
    if not built.problem.inspections:
        raise InvalidInput(
            {"schools": "no school could be chosen to plan: the workforce has no capacity in the horizon, or no "
             "school is due in it"}
        )  # fmt: skip
    return built


def _assignment_row(
    plan: SchedulePlan,
    built: BuiltProblem,
    reasons: PlanReasons,
    a: Assignment,
    *,
    changed: bool = False,
    why_changed: str | None = None,
) -> PlannedAssignment:
    problem = reasons.problem
    inspection = problem.inspection(a.urn)
    lead = problem.inspector(a.lead)
    team = [problem.inspector(m) for m in a.team]
    real = built.workforce is WorkforceKind.REAL
    return PlannedAssignment(
        plan=plan,
        urn=a.urn,
        school_name=built.names.get(a.urn, f"URN {a.urn}"),
        notify_on=a.slot.notify_on,
        on_site=[d.isoformat() for d in a.slot.on_site],
        first_day=a.slot.first_day,
        due_date=inspection.due_date,
        priority=inspection.priority,
        lead_ref=lead.id,
        lead_user_id=int(lead.id) if real else None,
        lead_name=lead.name,
        team_refs=[p.id for p in team],
        team_names=[p.name for p in team],
        travel_km=sum(problem.km(problem.inspector(m), inspection) for m in a.members),
        days_late=days_late(inspection, a.slot),
        changed=changed,
        reason=reasons.reason(a, changed=why_changed),
    )


def _unplaced(built: BuiltProblem, problem: Problem, plan: Plan) -> list[dict[str, Any]]:
    return [
        {"urn": urn, "name": built.names.get(urn, ""), "reason": unplaced_reason(problem, problem.inspection(urn))}
        for urn in plan.unplaced(problem)
    ]


def _figures(problem: Problem, greedy: Score, solved: Score, bound: LowerBound, violations: int) -> dict[str, Any]:
    return {
        "constant": solved.unavoidable,
        "greedy_value": greedy.total,
        "greedy_travel_km": greedy.travel_km,
        "greedy_days_late": greedy.days_late,
        "greedy_unplaced": greedy.unplaced_count,
        "solver_value": solved.total,
        "solver_avoidable": solved.avoidable,
        "travel_km": solved.travel_km,
        "days_late": solved.days_late,
        "days_above_share": solved.days_above_share,
        "unplaced_count": solved.unplaced_count,
        "lower_bound": bound.value,
        "lower_bound_relaxation": bound.relaxation,
        "lower_bound_note": bound.note,
        "violations": violations,
        "inspectors": len(problem.inspectors),
        "slots": len(problem.slots),
    }


def _bound(problem: Problem, upper: float, time_limit_s: float) -> LowerBound:
    """The independent lower bound, with at most 30 s (or the plan's time limit) for the Lagrangian steps."""
    return lower_bound(problem, upper=upper, lagrangian_s=_bound_seconds(time_limit_s))


def _bound_seconds(time_limit_s: float) -> float:
    return min(30.0, time_limit_s)


type Progress = Callable[[str], None]


def _silent(line: str) -> None:
    pass


def _since(started: float) -> str:
    return f"{time.perf_counter() - started:,.1f} s"


def _validated(weeks: int, time_limit_s: float) -> None:
    errors = {}
    if not isinstance(weeks, int) or weeks < 1:
        errors["weeks"] = f"must be a whole number of weeks, 1 or more (got {weeks!r})"
    if not 0 < time_limit_s <= MAX_TIME_LIMIT_S:
        errors["time_limit_s"] = f"must be more than 0 and at most {MAX_TIME_LIMIT_S:.0f} seconds (got {time_limit_s})"
    if errors:
        raise InvalidInput(errors)


def schedule_plan_create(
    *,
    user: Any,
    starts_on: dt.date,
    weeks: int,
    region: str | None = None,
    workforce: str = "real",
    schools: str | None = None,
    selection: str = "capacity",
    time_limit_s: float = 30.0,
    seed: int = 0,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> SchedulePlan:
    """Make and measure a plan: greedy baseline, solver, independent lower bound, checker. Raises NotAllowed or
    InvalidInput (naming the option at fault). A generated workforce makes it an exercise.

    `progress`, if given, is told each stage in a short line as it starts or ends (the command shows them)."""
    _may_plan(user)
    _validated(weeks, time_limit_s)
    tell = progress or _silent
    started = time.perf_counter()
    tell(f"Reading the register and the {workforce} workforce ...")
    built = _built(
        starts_on=starts_on,
        weeks=weeks,
        region=region or None,
        workforce=workforce,
        schools=schools or default_schools(),
        selection=selection,
        seed=seed,
    )
    problem = built.problem
    tell(
        f"Read {len(problem.inspections):,} school(s) to place (of {built.queue_size:,} in the queue), "
        f"{len(problem.inspectors):,} inspectors, {len(problem.slots)} slot(s) ({_since(started)})"
    )
    greedy = greedy_plan(problem)
    greedy_score = score(problem, greedy)
    tell(
        f"Greedy baseline: value {greedy_score.total:,} (travel {greedy_score.travel_km:,} km, "
        f"{greedy_score.unplaced_count} unplaced) ({_since(started)})"
    )
    nearest = 8 if len(problem.inspections) > WHOLE_MODEL_INSPECTIONS else None
    solver_settings = SolverSettings(
        time_limit_s=time_limit_s, workers=WORKERS, seed=seed, lead_candidates=nearest, team_candidates=nearest and 16
    )
    tell(f"Solver running, warm-started from the greedy plan: at most {time_limit_s:g} s on {WORKERS} workers ...")
    result = solve(problem, solver_settings, warm_start=greedy)
    tell(f"Solver done: {result.status}, value {result.value:,.0f} ({_since(started)})")
    tell(f"Lower bound: at most {_bound_seconds(time_limit_s):g} s for the Lagrangian steps ...")
    bound = _bound(problem, result.value, time_limit_s)
    found = "none" if bound.value is None else f"{bound.value:,.0f}"
    tell(f"Lower bound: {found} from the {bound.relaxation} ({_since(started)})")
    violations = len(check(problem, result.plan))
    tell(f"Checker: {violations} violation(s) of the hard constraints")
    reasons = PlanReasons(problem, result.plan, built.entries)
    with transaction.atomic():
        plan = SchedulePlan.objects.create(
            created_by=user,
            created_at=now or timezone.now(),
            starts_on=starts_on,
            weeks=weeks,
            region=region or "",
            schools=built.schools.value,
            selection=selection,
            workforce=built.workforce.value,
            workforce_notice=built.workforce_notice,
            seed=seed,
            time_limit_s=time_limit_s,
            # Generated people make it an exercise, whichever schools it covers (real ones or the demo's).
            is_exercise=built.workforce is WorkforceKind.GENERATED,
            urns=list(built.urns),
            notes=list(built.notes),
            unplaced=_unplaced(built, problem, result.plan),
            queue_size=built.queue_size,
            solver_status=result.status,
            solver_bound=result.solver_bound,
            solver_bound_scope=result.bound_scope,
            seconds=time.perf_counter() - started,
            **_figures(problem, greedy_score, result.score, bound, violations),
        )
        PlannedAssignment.objects.bulk_create(_assignment_row(plan, built, reasons, a) for a in result.plan.assignments)
        audit_record(
            action="schedule_plan.create",
            actor=user,
            object_type="schedule_plan",
            object_id=plan.pk,
            details={"starts_on": starts_on.isoformat(), "weeks": weeks, "workforce": plan.workforce},
            at=plan.created_at,
        )
    tell(f"Stored as schedule plan {plan.pk} ({_since(started)} in all)")
    return plan


def plan_for(user: Any, plan_id: int) -> SchedulePlan:
    """One plan, for a scheduler or an administrator. Raises NotAllowed or NotFound."""
    _may_plan(user)
    plan = SchedulePlan.objects.filter(pk=plan_id).first()
    if plan is None:
        raise NotFound(f"There is no schedule plan {plan_id}.")
    return plan


SAME_EXERCISE = ("starts_on", "weeks", "region", "schools", "selection", "workforce", "seed")


def schedule_exercises_discard(*, user: Any, keep: SchedulePlan, now: dt.datetime | None = None) -> list[int]:
    """Delete the earlier exercises made with the same options as `keep` (and their re-plans), so a demo set up
    again replaces its exercise rather than piling copies up. Only exercises: a plan with the real workforce is
    history and is never deleted. Returns the deleted plans' ids. Raises NotAllowed or InvalidInput."""
    _may_plan(user)
    if not keep.is_exercise:
        raise InvalidInput({"plan": "Only an exercise replaces earlier exercises: this plan has the real workforce."})
    same = {name: getattr(keep, name) for name in SAME_EXERCISE}
    kept = [keep.pk]
    ancestor = keep.replaces
    while ancestor is not None:  # the plans `keep` re-plans stay with it
        kept.append(ancestor.pk)
        ancestor = ancestor.replaces
    with transaction.atomic():
        earlier = SchedulePlan.objects.filter(is_exercise=True, **same).exclude(pk__in=kept).order_by("-pk")
        deleted = list(earlier.values_list("pk", flat=True))
        for plan in earlier:  # newest first: a re-plan before the plan it replaces
            plan.delete()
        if deleted:
            audit_record(
                action="schedule_plan.discard_exercises",
                actor=user,
                object_type="schedule_plan",
                object_id=keep.pk,
                details={"deleted": deleted},
                at=now,
            )
    return deleted


def acceptance_refusal(plan: SchedulePlan) -> str | None:
    """Why the plan cannot become planned inspections, or None when it can."""
    if plan.status == SchedulePlan.Status.ACCEPTED:
        return "This plan has already been accepted: its planned inspections exist."
    if plan.status == SchedulePlan.Status.REPLACED:
        return "This plan was replaced by a re-plan: accept the newer plan instead."
    if plan.workforce == SchedulePlan.Workforce.GENERATED:
        from inspectorate.register.models import Establishment

        if Establishment.objects.filter(urn__in=plan.urns, is_fictional=False).exists():
            return (
                "This is an exercise: it pairs a generated, fictional workforce with real schools, and accepting it "
                "would attach fictional inspections to real schools."
            )
        return (
            "This is an exercise: its inspectors are generated and fictional, so there are no user accounts to lead "
            "or join the inspections. Make a plan with the real workforce to accept it."
        )
    if plan.violations:
        return f"The independent checker found {plan.violations} broken constraint(s) in this plan."
    if not plan.assignments.filter(inspection__isnull=True).exists():
        return "This plan places no school that is not already planned."
    return None


def _usernames(refs: Sequence[str]) -> list[str]:
    names = dict(User.objects.filter(pk__in=[int(r) for r in refs]).values_list("pk", "username"))
    return [names[int(r)] for r in refs if int(r) in names]


def schedule_plan_accept(
    *, user: Any, plan_id: int, today: dt.date | None = None, now: dt.datetime | None = None
) -> list[int]:
    """Every assignment not yet planned becomes a planned inspection (through `inspection_plan`, with its readiness
    checks), all or none. Returns the new inspections' ids. Raises NotAllowed, NotFound or InvalidInput."""
    plan = plan_for(user, plan_id)
    refusal = acceptance_refusal(plan)
    if refusal:
        raise InvalidInput({"plan": refusal})
    moment = now or timezone.now()
    created = []
    with transaction.atomic():
        plan = SchedulePlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status != SchedulePlan.Status.PROPOSED:
            raise InvalidInput({"plan": "This plan was accepted or replaced a moment ago."})
        for row in plan.assignments.filter(inspection__isnull=True).order_by("first_day", "urn"):
            lead = _usernames([row.lead_ref])
            try:
                inspection = inspection_plan(
                    user=user,
                    urn=row.urn,
                    starts_on=row.first_day,
                    lead=lead[0] if lead else f"user {row.lead_ref}",
                    team=_usernames(row.team_refs),
                    on_site_days=len(row.on_site),
                    today=today,
                    now=moment,
                )
            except InvalidInput as error:
                raise InvalidInput({"plan": f"{row.school_name} (URN {row.urn}): {error.message}"}) from None
            row.inspection = inspection
            row.save(update_fields=["inspection"])
            created.append(inspection.pk)
        plan.status = SchedulePlan.Status.ACCEPTED
        plan.accepted_at, plan.accepted_by = moment, user
        plan.save(update_fields=["status", "accepted_at", "accepted_by"])
        audit_record(
            action="schedule_plan.accept",
            actor=user,
            object_type="schedule_plan",
            object_id=plan.pk,
            details={"inspections": created},
            at=moment,
        )
    return created


def _previous(plan: SchedulePlan, problem: Problem) -> Plan:
    return Plan(
        tuple(
            Assignment(
                row.urn,
                Slot(row.notify_on, tuple(dt.date.fromisoformat(d) for d in row.on_site)),
                row.lead_ref,
                tuple(row.team_refs),
            )
            for row in plan.assignments.order_by("urn")
            if problem.has_inspection(row.urn)
        )
    )


def _changes(problem: Problem, returned: Sequence[ReturnedInspection]) -> list[Change]:
    """Each school that came back, as the domain's change: its blocked dates, else not before the day after."""
    changes: list[Change] = []
    for r in returned:
        if not problem.has_inspection(r.urn):
            continue
        if r.cannot_take:
            changes += [Deferral(r.urn, blocked) for blocked in r.cannot_take]
        else:
            changes.append(Pause(r.urn, r.returned_on + dt.timedelta(days=1), f"{r.reason.value} on {r.returned_on}"))
    return changes


def schedule_plan_replan(
    *,
    user: Any,
    plan_id: int,
    returned: Sequence[ReturnedInspection] | None = None,
    time_limit_s: float | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> SchedulePlan:
    """After a deferral, a refused entry or an over-long pause: keep every assignment still possible exactly, place
    again only those that are not, and store the result as a new plan replacing this one, naming what changed.

    `returned` defaults to the inspections the lifecycle has sent back. Raises NotAllowed, NotFound, InvalidInput.
    """
    old = plan_for(user, plan_id)
    if old.status == SchedulePlan.Status.REPLACED:
        raise InvalidInput({"plan": "This plan was already replaced by a re-plan: re-plan the newer one."})
    moment = now or timezone.now()
    day = today or timezone.localdate(moment)
    limit = time_limit_s or old.time_limit_s
    _validated(old.weeks, limit)
    started = time.perf_counter()
    built = _built(
        starts_on=old.starts_on,
        weeks=old.weeks,
        region=old.region or None,
        workforce=old.workforce,
        schools=old.schools,
        seed=old.seed,
        urns=old.urns,
        returned=[],  # the problem as the old plan saw it; what came back is applied as changes below
        own_inspections=[i for i in old.assignments.values_list("inspection_id", flat=True) if i is not None],
    )
    came_back = returned_to_queue(max(old.starts_on, day)) if returned is None else returned
    changes = _changes(built.problem, came_back)
    if not changes:
        raise InvalidInput({"plan": "No school in this plan has come back (deferred, refused entry or paused)."})
    result = replan(built.problem, _previous(old, built.problem), changes, SolverSettings(time_limit_s=limit))
    problem = result.problem
    greedy_score = score(problem, greedy_plan(problem))
    solved = score(problem, result.plan)
    bound = _bound(problem, solved.total, limit)
    violations = len(check(problem, result.plan))
    kept_inspections = _kept_inspections(old, result.plan, set(result.changed))
    reasons = PlanReasons(problem, result.plan, built.entries)
    with transaction.atomic():
        new = SchedulePlan.objects.create(
            created_by=user,
            created_at=moment,
            starts_on=old.starts_on,
            weeks=old.weeks,
            region=old.region,
            schools=old.schools,
            selection=old.selection,
            workforce=old.workforce,
            workforce_notice=old.workforce_notice,
            seed=old.seed,
            time_limit_s=limit,
            is_exercise=old.is_exercise,
            replaces=old,
            urns=list(built.urns),
            notes=list(built.notes),
            unplaced=_unplaced(built, problem, result.plan),
            queue_size=built.queue_size,
            solver_status=f"re-plan: {result.status}",
            solver_bound=None,
            solver_bound_scope=NO_REPLAN_BOUND,
            changed={str(urn): why for urn, why in result.why.items()},
            seconds=time.perf_counter() - started,
            **_figures(problem, greedy_score, solved, bound, violations),
        )
        rows = [
            _assignment_row(new, built, reasons, a, changed=a.urn in result.changed, why_changed=result.why.get(a.urn))
            for a in result.plan.assignments
        ]
        for row in rows:
            row.inspection_id = kept_inspections.get(row.urn)
        PlannedAssignment.objects.bulk_create(rows)
        # An accepted plan's kept assignments are planned inspections already; the re-plan is proposed until its
        # changed ones are accepted too.
        old.status = SchedulePlan.Status.REPLACED
        old.save(update_fields=["status"])
        audit_record(
            action="schedule_plan.replan",
            actor=user,
            object_type="schedule_plan",
            object_id=new.pk,
            details={"replaces": old.pk, "changed": sorted(result.changed)},
            at=moment,
        )
    return new


def _kept_inspections(old: SchedulePlan, plan: Plan, changed: set[int]) -> Mapping[int, int | None]:
    """The planned inspections of the old plan's assignments that the re-plan kept as they were."""
    return {
        urn: inspection_id
        for urn, inspection_id in old.assignments.values_list("urn", "inspection_id")
        if urn not in changed and urn in plan.by_urn()
    }
