"""Schedule plans from the database: the problem as read, the figures, acceptance into the lifecycle (and when it is
refused), re-planning after a deferral, the command and the pages."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inspectorate.accounts.models import User
from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.school import BlockedDates, ReturnedInspection, ReturnReason
from inspectorate.domain.workflow import State
from inspectorate.inspections.errors import InvalidInput, NotAllowed
from inspectorate.inspections.models import Inspection, TeamMember
from inspectorate.inspections.services.planning import inspection_plan
from inspectorate.planning.models import SchedulePlan
from inspectorate.planning.problems import build_problem
from inspectorate.planning.services import (
    acceptance_refusal,
    schedule_exercises_discard,
    schedule_plan_accept,
    schedule_plan_create,
    schedule_plan_replan,
)
from inspectorate.register.models import Establishment
from inspectorate.workforce.models import InspectorProfile
from tests import factories

pytestmark = pytest.mark.django_db

START = dt.date(2027, 1, 11)  # a Monday in term in the illustrative England calendar
TODAY = dt.date(2027, 1, 4)  # the day the scheduler plans: every inspection starts after it
HALF_TERM_WEEK = dt.date(2027, 2, 15)  # spring half-term 2027 in the illustrative calendar


@dataclass
class Scene:
    scheduler: User
    leads: list[User]
    team: User
    small: Establishment  # 100 pupils: a team of one
    large: Establishment  # 300 pupils: a lead and one team inspector
    third: Establishment


def _home(user: User, lat: float, lon: float, **fields: object) -> None:
    InspectorProfile.objects.filter(user=user).update(home_latitude=lat, home_longitude=lon, **fields)


def _scene(*, fictional: bool = True) -> Scene:
    small = factories.establishment(name="Small Primary (fictional)", is_fictional=fictional, pupils=100)
    large = factories.establishment(
        name="Large Primary (fictional)", is_fictional=fictional, pupils=300, latitude=51.45, longitude=-1.0
    )
    third = factories.establishment(
        name="Third Primary (fictional)", is_fictional=fictional, pupils=120, latitude=51.50, longitude=-0.90
    )
    leads = [factories.person(Role.LEAD_INSPECTOR) for _ in range(2)]
    _home(leads[0], 51.46, -0.97)
    _home(leads[1], 51.48, -0.95)
    team = factories.person(Role.TEAM_INSPECTOR)
    _home(team, 51.44, -0.99, employment="contracted", may_lead=False)
    return Scene(factories.person(Role.SCHEDULER), leads, team, small, large, third)


def _plan(scene: Scene, **options: object) -> SchedulePlan:
    asked: dict[str, object] = {"starts_on": START, "weeks": 1, "schools": "fictional", "time_limit_s": 5}
    return schedule_plan_create(user=scene.scheduler, **(asked | options))  # type: ignore[arg-type]


def test_the_problem_is_read_from_the_register_calendars_and_real_workforce() -> None:
    s = _scene()
    generated = factories.person(Role.TEAM_INSPECTOR)
    _home(generated, 51.4, -1.0, is_generated=True)
    blocked = BlockedDates(dt.date(2027, 1, 12), dt.date(2027, 1, 13), "deferral granted")
    returned = [ReturnedInspection(s.third.urn, ReturnReason.DEFERRED, dt.date(2027, 1, 5), (blocked,))]
    built = build_problem(starts_on=dt.date(2027, 2, 8), weeks=2, schools="fictional", returned=returned)
    by_urn = {i.urn: i for i in built.problem.inspections}
    assert set(by_urn) == {s.small.urn, s.large.urn, s.third.urn}
    assert by_urn[s.large.urn].team_size == 2 and by_urn[s.small.urn].team_size == 1
    assert by_urn[s.large.urn].location == (51.45, -1.0)
    assert by_urn[s.third.urn].cannot_take == (blocked,)
    assert HALF_TERM_WEEK + dt.timedelta(days=1) in by_urn[s.small.urn].closed_days  # the school's half-term
    assert {p.id for p in built.problem.inspectors} == {str(u.pk) for u in [*s.leads, s.team]}  # no generated one
    assert built.workforce == "real"
    one_week = build_problem(starts_on=START, weeks=1, schools="fictional")
    # Two may lead, so a week holds two inspections: the highest priority two of the queue.
    assert len(one_week.problem.inspections) == 2


def test_the_national_rate_takes_the_most_urgent_155_a_teaching_week(monkeypatch: pytest.MonkeyPatch) -> None:
    """England's rate (155 a teaching week) scaled down to one a week here: the queue's most urgent school only,
    however many more the workforce could staff."""
    from inspectorate.planning import problems

    s = _scene()
    monkeypatch.setattr(problems, "NATIONAL_RATE_PER_WEEK", 1)
    rate = build_problem(starts_on=START, weeks=2, schools="fictional", selection="national-rate")
    queue_first = build_problem(starts_on=START, weeks=2, schools="fictional", selection="due")
    assert len(rate.problem.inspections) == 2  # one a week, two teaching weeks
    assert rate.urns == queue_first.urns[:2]
    assert s.small.urn in queue_first.urns


def test_a_school_in_hand_is_left_out_and_its_team_is_booked() -> None:
    s = _scene()
    inspection_plan(
        user=s.scheduler, urn=s.small.urn, starts_on=START + dt.timedelta(days=1), lead=s.leads[0].username, today=TODAY
    )
    built = build_problem(starts_on=START, weeks=1, schools="fictional")
    assert s.small.urn not in built.urns
    busy = built.problem.inspector(str(s.leads[0].pk))
    assert busy.away_on(START + dt.timedelta(days=2)) is not None  # on site two days from the Tuesday
    assert busy.away_on(START + dt.timedelta(days=3)) is None


def test_a_plan_is_made_with_its_figures_and_nothing_broken() -> None:
    s = _scene()
    plan = _plan(s, weeks=2)
    assert plan.violations == 0 and plan.unplaced_count == 0
    assert plan.assignments.count() == 3
    assert plan.solver_value <= plan.greedy_value
    assert plan.lower_bound is not None and plan.lower_bound <= plan.solver_value + 1e-6
    assert plan.solver_bound is not None and "whole problem" in plan.solver_bound_scope
    assert plan.constant <= plan.solver_value and not plan.is_exercise
    one_week = _plan(s)  # two leads, so two schools; both leads lead, and the one who may not lead joins the larger
    large = one_week.assignments.get(urn=s.large.urn)
    assert large.team_refs == [str(s.team.pk)] and large.lead_user in s.leads
    # Nobody inspects in half-term: a plan across it puts every school in the week after.
    across = _plan(s, starts_on=dt.date(2027, 2, 8), weeks=2)
    assert all(a.first_day != HALF_TERM_WEEK + dt.timedelta(days=1) for a in across.assignments.all())


def test_accepting_a_plan_creates_planned_inspections_with_its_teams() -> None:
    s = _scene()
    plan = _plan(s, weeks=2)
    created = schedule_plan_accept(user=s.scheduler, plan_id=plan.pk, today=TODAY)
    assert len(created) == 3
    plan.refresh_from_db()
    assert plan.status == SchedulePlan.Status.ACCEPTED and plan.accepted_by == s.scheduler
    for row in plan.assignments.all():
        inspection = row.inspection
        assert inspection is not None and inspection.state == State.PLANNED.value
        assert inspection.establishment.urn == row.urn and inspection.starts_on == row.first_day
        lead = TeamMember.objects.get(inspection=inspection, capacity=TeamMember.Capacity.LEAD)
        assert lead.inspector == row.lead_user
        team = TeamMember.objects.filter(inspection=inspection, capacity=TeamMember.Capacity.TEAM)
        assert [str(m.inspector_id) for m in team] == row.team_refs
    with pytest.raises(InvalidInput, match="already been accepted"):
        schedule_plan_accept(user=s.scheduler, plan_id=plan.pk, today=TODAY)


def test_a_generated_workforce_makes_an_exercise_that_is_never_accepted() -> None:
    s = _scene()
    plan = _plan(s, workforce="generated")
    assert plan.is_exercise and "fictional" in plan.workforce_notice
    assert plan.assignments.exists() and all(a.lead_user is None for a in plan.assignments.all())
    with pytest.raises(InvalidInput, match="no user accounts"):
        schedule_plan_accept(user=s.scheduler, plan_id=plan.pk, today=TODAY)
    assert not Inspection.objects.exists()


def test_real_schools_with_a_generated_workforce_are_never_accepted() -> None:
    s = _scene(fictional=False)
    plan = _plan(s, workforce="generated", schools="register")
    assert plan.is_exercise
    with pytest.raises(InvalidInput, match="attach fictional inspections to real schools"):
        schedule_plan_accept(user=s.scheduler, plan_id=plan.pk, today=TODAY)
    assert not Inspection.objects.exists()


def test_only_schedulers_and_administrators_plan_and_bad_options_are_named() -> None:
    s = _scene()
    with pytest.raises(NotAllowed):
        schedule_plan_create(user=s.leads[0], starts_on=START, weeks=1)
    with pytest.raises(InvalidInput) as error:
        _plan(s, region="Atlantis")
    assert "region" in error.value.field_errors
    with pytest.raises(InvalidInput) as error:
        _plan(s, weeks=0)
    assert "weeks" in error.value.field_errors


def test_a_replan_after_a_deferral_changes_only_the_deferred_school() -> None:
    s = _scene()
    s.leads.append(factories.person(Role.LEAD_INSPECTOR))
    _home(s.leads[2], 51.47, -0.96)
    plan = _plan(s, weeks=2)  # three may lead: all three schools in the first week, the second week free
    schedule_plan_accept(user=s.scheduler, plan_id=plan.pk, today=TODAY)
    week_one = plan.assignments.filter(first_day=START + dt.timedelta(days=1)).first()
    assert week_one is not None
    deferred = ReturnedInspection(
        week_one.urn,
        ReturnReason.DEFERRED,
        TODAY,
        (BlockedDates(START, START + dt.timedelta(days=4), "bereavement (fictional)"),),
    )
    new = schedule_plan_replan(user=s.scheduler, plan_id=plan.pk, returned=[deferred], today=TODAY)
    assert new.replaces == plan and list(new.changed) == [str(week_one.urn)]
    moved = new.assignments.get(urn=week_one.urn)
    assert moved.changed and moved.first_day > START + dt.timedelta(days=4) and moved.inspection is None
    before = {a.urn: (a.first_day, a.lead_ref, a.team_refs, a.inspection_id) for a in plan.assignments.all()}
    for kept in new.assignments.exclude(urn=week_one.urn):
        assert (kept.first_day, kept.lead_ref, kept.team_refs, kept.inspection_id) == before[kept.urn]
    plan.refresh_from_db()
    assert plan.status == SchedulePlan.Status.REPLACED
    assert all(a.reason.startswith("Due ") for a in new.assignments.all())
    assert "changed in this re-plan: " in moved.reason


def test_the_command_prints_the_figures_and_refuses_bad_options() -> None:
    s = _scene()
    out = StringIO()
    base = ["schedule", "--from", START.isoformat(), "--schools", "fictional", "--time-limit", "5"]
    call_command(*base, "--as", s.scheduler.username, stdout=out)
    text = out.getvalue()
    assert "Problem: 2 school(s) to place (of 3 in the queue), 1 slot(s), 3 inspectors" in text
    for line in ("Greedy baseline: value", "Solver: value", "Solver bound:", "Lower bound:", "Greedy / solver:"):
        assert line in text
    assert "Checker: 0 violation(s)" in text and "EXERCISE" not in text
    out = StringIO()
    with pytest.raises(CommandError, match="Not accepted: This is an exercise"):
        call_command(*base, "--workforce", "generated", "--accept", stdout=out)
    assert "EXERCISE: generated workforce" in out.getvalue()
    with pytest.raises(CommandError, match="--workforce 'robots' is not known"):
        call_command(*base, "--workforce", "robots")
    with pytest.raises(CommandError, match="not a date"):
        call_command("schedule", "--from", "11/1/2027")
    with pytest.raises(CommandError, match="no school is in the Ofsted region"):
        call_command(*base, "--region", "Atlantis")


def test_the_pages_are_for_schedulers_and_administrators(client) -> None:  # type: ignore[no-untyped-def]
    s = _scene()
    plan = _plan(s)
    for role in (Role.HEADTEACHER, Role.LEAD_INSPECTOR):
        client.force_login(factories.person(role))
        assert client.get("/planning/plans/").status_code == 403
        assert client.get(f"/planning/plans/{plan.pk}/").status_code == 403
        assert client.post(f"/planning/plans/{plan.pk}/accept/").status_code == 403
    client.force_login(s.scheduler)
    listing = client.get("/planning/plans/")
    assert listing.status_code == 200 and f"/planning/plans/{plan.pk}/" in listing.content.decode()
    page = client.get(f"/planning/plans/{plan.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and "Accept this plan" in text and s.large.name in text
    assert client.get("/planning/plans/99999/").status_code == 404


def test_the_page_shows_an_exercise_without_an_accept_button(client) -> None:  # type: ignore[no-untyped-def]
    s = _scene()
    plan = _plan(s, workforce="generated")
    client.force_login(s.scheduler)
    text = client.get(f"/planning/plans/{plan.pk}/").content.decode()
    assert "EXERCISE: generated workforce" in text
    assert "Accept this plan" not in text and "no user accounts" in text
    refused = client.post(f"/planning/plans/{plan.pk}/accept/")
    assert refused.status_code == 422 and "no user accounts" in refused.content.decode()


def test_a_plan_is_made_from_the_form_and_bad_input_is_explained(client) -> None:  # type: ignore[no-untyped-def]
    s = _scene()
    client.force_login(s.scheduler)
    bad = client.post("/planning/plans/", {"starts_on": "next week", "weeks": "0", "workforce": "real"})
    text = bad.content.decode()
    assert bad.status_code == 422 and "There is a problem" in text and "YYYY-MM-DD" in text
    made = client.post(
        "/planning/plans/",
        {"starts_on": START.isoformat(), "weeks": "1", "workforce": "real", "schools": "fictional", "time_limit": "5"},
    )
    plan = SchedulePlan.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/planning/plans/{plan.pk}/"


# Reasons, the JSON summary, progress, and the demo's exercise replaced on a second run.

JSON_KEYS: dict[str, type | tuple[type, ...]] = {
    "inspections": int,
    "uncovered": list,
    "objective": float,
    "solver_bound": (float, type(None)),
    "lp_bound": (float, type(None)),
    "gap": (float, type(None)),
    "greedy_objective": float,
    "travel_km": int,
    "greedy_travel_km": int,
    "seconds": float,
    "violations": int,
    "assignments": list,
}
ASSIGNMENT_KEYS: dict[str, type] = {
    "urn": int,
    "dates": dict,
    "lead": str,
    "team": list,
    "travel_km": int,
    "reason": str,
}


def test_each_assignment_says_why_this_school_this_week_and_this_team() -> None:
    s = _scene()
    plan = _plan(s, weeks=2)  # two may lead: two schools in the first week, the third a week later
    rows = list(plan.assignments.all())
    for row in rows:
        assert row.reason.startswith("Due 11 January 2027 (never inspected"), row.reason
        assert f"lead {row.lead_name}, " in row.reason and " km from home" in row.reason
    later = [r for r in rows if r.first_day > START + dt.timedelta(days=7)]
    assert len(later) == 1, [r.reason for r in rows]
    assert "1 week after the earliest week it could be staffed (the week of 11 January 2027)" in later[0].reason
    assert "booked" in later[0].reason
    for row in rows:
        if row not in later:
            assert "on site in the earliest week a team could be found" in row.reason
    large = plan.assignments.get(urn=s.large.urn)
    assert f"team: {large.team_names[0]} (" in large.reason


def test_a_reason_names_a_later_week_and_what_took_the_team() -> None:
    from inspectorate.domain.scheduling.allocation import Assignment, Inspection, Plan, Problem, Slot
    from inspectorate.domain.scheduling.workforce import Employment, Inspector
    from inspectorate.planning.reasons import PlanReasons

    def week(monday: dt.date) -> Slot:
        return Slot(monday, (monday + dt.timedelta(days=1), monday + dt.timedelta(days=2)))

    one, two = week(START), week(START + dt.timedelta(days=7))
    due = START - dt.timedelta(days=30)
    urgent = Inspection(1, (51.5, -1.0), "Primary", due, priority=10, team_size=1)
    waiting = Inspection(2, (51.5, -1.0), "Primary", due, priority=5, team_size=1)
    only = Inspector("p1", "Alex Example", Employment.EMPLOYED, (51.5, -1.0), frozenset({"Primary"}))
    problem = Problem((urgent, waiting), (only,), (one, two), required_training=frozenset())
    booked = Plan((Assignment(1, one, "p1"), Assignment(2, two, "p1")))
    reasons = PlanReasons(problem, booked, {})
    assert reasons.reason(booked.assignments[0]).startswith(f"Due {due.day} December 2026, priority 10; on site in")
    second = reasons.reason(booked.assignments[1])
    assert "1 week after the earliest week it could be staffed (the week of 11 January 2027)" in second
    assert "booked for schools of higher priority" in second and "lead Alex Example, 0 km from home" in second
    # Placed later with the inspector free that week: the reason says the team was free.
    free = Plan((Assignment(2, two, "p1"),))
    assert "a team was free then" in PlanReasons(problem, free, {}).reason(free.assignments[0])


def test_the_json_summary_has_every_figure_and_each_assignment_with_its_reason() -> None:
    from inspectorate.planning.presenters import plan_json

    s = _scene()
    plan = _plan(s)  # one week: two of the three schools, the third left for a later plan
    found = plan_json(plan, list(plan.assignments.all()))
    for key, kind in JSON_KEYS.items():
        assert isinstance(found[key], kind), (key, found[key])
    assert found["violations"] == 0 and found["inspections"] == 2 and found["plan_id"] == plan.pk
    assert found["gap"] is not None and 0 <= found["gap"] < 1e-6  # the solver proves a small problem optimal
    assert found["gap_against"] in {"solver_bound", "lp_bound"} and found["lp_bound_relaxation"]
    assert found["objective"] == plan.solver_value and found["constant"] == plan.constant
    for a in found["assignments"]:
        for key, kind in ASSIGNMENT_KEYS.items():
            assert isinstance(a[key], kind), (key, a[key])
        assert a["dates"]["notified"] == START.isoformat() and len(a["dates"]["on_site"]) == 2
        assert "Due 11 January 2027" in a["reason"] and f"lead {a['lead']}" in a["reason"]
    plan.unplaced = [{"urn": s.third.urn, "name": s.third.name, "reason": "every team was needed elsewhere"}]
    uncovered = plan_json(plan, [])["uncovered"]
    assert uncovered == [{"urn": s.third.urn, "name": s.third.name, "reason": "every team was needed elsewhere"}]


def test_the_gap_is_against_the_tighter_bound_of_the_whole_problem() -> None:
    from inspectorate.planning.presenters import plan_json

    s = _scene()
    plan = _plan(s)
    plan.solver_value, plan.constant, plan.solver_avoidable = 100.0, 60, 40.0
    plan.solver_bound, plan.solver_bound_scope, plan.lower_bound = 90.0, "the whole problem (CP-SAT's best bound)", 80.0
    assert plan_json(plan, [])["gap"] == 0.1 and plan_json(plan, [])["gap_against"] == "solver_bound"
    assert plan_json(plan, [])["gap_avoidable"] == 0.25
    plan.solver_bound_scope = "the model with each inspection's nearest candidates only"
    assert plan_json(plan, [])["gap"] == 0.2 and plan_json(plan, [])["gap_against"] == "lp_bound"
    plan.lower_bound = None
    assert plan_json(plan, [])["gap"] is None and plan_json(plan, [])["gap_against"] is None


def test_progress_is_told_each_stage_in_order() -> None:
    s = _scene()
    told: list[str] = []
    plan = _plan(s, progress=told.append)
    stages = [
        *("Reading the register", "Read 2 school(s)", "Greedy baseline: value", "Solver running", "Solver done"),
        *("Lower bound:", "Checker: 0 violation(s)", f"Stored as schedule plan {plan.pk}"),
    ]
    positions = [next(n for n, line in enumerate(told) if line.startswith(stage)) for stage in stages]
    assert positions == sorted(positions), told
    assert "at most 5 s" in told[positions[3]]


def test_the_command_prints_one_json_object_and_its_progress_apart() -> None:
    _scene()
    out, err = StringIO(), StringIO()
    base = ["schedule", "--from", START.isoformat(), "--schools", "fictional", "--time-limit", "2"]
    call_command(*base, "--json", stdout=out, stderr=err)
    found = json.loads(out.getvalue())
    assert set(JSON_KEYS) <= set(found) and found["violations"] == 0 and found["accepted_inspections"] is None
    assert "Solver running" in err.getvalue() and "Stored as schedule plan" in err.getvalue()
    out = StringIO()
    call_command(*base, stdout=out, stderr=StringIO())
    assert "    Why: Due 11 January 2027" in out.getvalue()
    with pytest.raises(CommandError, match="--replace-exercise is for exercises only"):
        call_command(*base, "--json", "--replace-exercise", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="--time-limit must be more than 0"):
        call_command(*base, "--json", "--time-limit", "0", stdout=StringIO())
    # An exercise asked to be accepted: the plan is printed as JSON, then the refusal.
    out = StringIO()
    with pytest.raises(CommandError, match="Not accepted: This is an exercise"):
        call_command(*base, "--json", "--workforce", "generated", "--accept", stdout=out, stderr=StringIO())
    assert json.loads(out.getvalue())["is_exercise"] is True


def test_an_exercise_made_again_replaces_the_earlier_one_and_a_real_plan_is_kept() -> None:
    s = _scene(fictional=False)
    real = _plan(s, schools="register")
    base = ["schedule", "--from", START.isoformat(), "--schools", "register", "--workforce", "generated"]
    again = [*base, "--time-limit", "2", "--seed", "1", "--replace-exercise"]
    for _ in range(2):
        call_command(*again, stdout=StringIO(), stderr=StringIO())
    call_command(*base, "--time-limit", "2", "--seed", "2", stdout=StringIO(), stderr=StringIO())  # another seed
    exercises = SchedulePlan.objects.filter(is_exercise=True)
    assert sorted(exercises.values_list("seed", flat=True)) == [1, 2]
    assert SchedulePlan.objects.filter(pk=real.pk).exists()
    with pytest.raises(InvalidInput, match="real workforce"):
        schedule_exercises_discard(user=s.scheduler, keep=real)
    kept = exercises.get(seed=1)
    assert acceptance_refusal(kept) is not None and "real schools" in (acceptance_refusal(kept) or "")


def test_the_plan_page_shows_each_reason_by_week_and_by_inspector(client) -> None:  # type: ignore[no-untyped-def]
    s = _scene()
    plan = _plan(s, weeks=2)
    client.force_login(s.scheduler)
    by_week = client.get(f"/planning/plans/{plan.pk}/").content.decode()
    assert "Week of 11 January 2027" in by_week and "Week of 18 January 2027" in by_week
    assert by_week.count("Why:</span> Due 11 January 2027") == 3
    assert "/planning/due/?from=2027-01-11" in by_week
    by_inspector = client.get(f"/planning/plans/{plan.pk}/?view=inspector").content.decode()
    for user in [*s.leads, s.team]:
        assert user.display_name in by_inspector
    assert "Team inspector" in by_inspector and by_inspector.count("Due 11 January 2027") >= 3
