"""`inspectorate schedule --from DATE [--weeks N] [--region R] [--workforce real|generated] [--time-limit S]
[--schools register|fictional] [--selection capacity|due|national-rate] [--seed N] [--as USERNAME] [--accept] [--json]
[--replace-exercise]`

Makes a schedule plan from the database and prints its figures: the problem's size, the greedy baseline's and the
solver's values (each as constant + avoidable), the solver's bound with what it bounds, the independent lower bound
with its relaxation, the ratios, and each assignment with the reason for it. Each stage's progress goes to stderr,
so with --json stdout holds exactly one JSON object (`presenters.plan_json`). With --accept, the plan becomes
planned inspections (refused for an exercise made with the generated workforce). --replace-exercise deletes earlier
exercises made with the same options once the new one is stored (the demo's setup runs again).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspectorate.accounts.models import User
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed
from inspectorate.planning import presenters
from inspectorate.planning.models import SchedulePlan
from inspectorate.planning.problems import SchoolsKind, Selection, WorkforceKind
from inspectorate.planning.services import (
    acceptance_refusal,
    schedule_exercises_discard,
    schedule_plan_accept,
    schedule_plan_create,
)


def _planner(username: str | None) -> User:
    """The account the plan is made as: the one named, else the first active scheduler (then administrator)."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"--as {username!r}: there is no active user of that name")
        return user
    for role in (Role.SCHEDULER, Role.ADMINISTRATOR):
        user = User.objects.filter(groups__name=role.value, is_active=True).order_by("pk").first()
        if user is not None:
            return user
    raise CommandError("No active scheduler or administrator to plan as: create one, or name one with --as")


class Command(BaseCommand):
    help = "Make a schedule plan from the database and print how good it is (see the module docstring)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="the plan's start date, YYYY-MM-DD")
        parser.add_argument("--weeks", type=int, default=1, help="horizon in weeks (default 1)")
        parser.add_argument("--region", default="", help="one Ofsted region, e.g. 'South East' (default: all)")
        parser.add_argument(
            "--workforce", default=WorkforceKind.REAL.value, help="real (the stored profiles) or generated (fictional)"
        )
        parser.add_argument("--schools", default="", help="register or fictional (default: fictional in the demo)")
        parser.add_argument(
            "--selection",
            default=Selection.CAPACITY.value,
            help="capacity (default), due, or national-rate (155 a teaching week)",
        )
        parser.add_argument("--time-limit", dest="time_limit", type=float, default=30.0, help="solver seconds")
        parser.add_argument("--seed", type=int, default=0, help="seed of the generated workforce and the solver")
        parser.add_argument("--as", dest="username", default="", help="the scheduler or administrator planning")
        parser.add_argument("--accept", action="store_true", help="turn the plan into planned inspections")
        parser.add_argument("--json", action="store_true", help="print the plan as one JSON object on stdout")
        parser.add_argument(
            "--replace-exercise",
            action="store_true",
            help="an exercise only: delete earlier exercises made with the same options once this one is stored",
        )

    def _options(self, options: dict[str, Any]) -> dict[str, Any]:
        try:
            start = dt.date.fromisoformat(options["start"])
        except ValueError:
            raise CommandError(f"--from {options['start']!r} is not a date; write it as YYYY-MM-DD") from None
        choices = {"workforce": WorkforceKind, "schools": SchoolsKind, "selection": Selection}
        for name, kind in choices.items():
            value = options[name]
            if value and value not in {k.value for k in kind}:
                allowed = " or ".join(k.value for k in kind)
                raise CommandError(f"--{name} {value!r} is not known; use {allowed}")
        if options["weeks"] < 1:
            raise CommandError(f"--weeks must be 1 or more (got {options['weeks']})")
        if options["time_limit"] <= 0:
            raise CommandError(f"--time-limit must be more than 0 seconds (got {options['time_limit']})")
        return {
            "starts_on": start,
            "weeks": options["weeks"],
            "region": options["region"] or None,
            "workforce": options["workforce"],
            "schools": options["schools"] or None,
            "selection": options["selection"],
            "time_limit_s": options["time_limit"],
            "seed": options["seed"],
        }

    def _progress(self, line: str) -> None:
        self.stderr.write(line, style_func=str)  # plain: progress, not an error

    def handle(self, *args: Any, **options: Any) -> None:
        asked = self._options(options)
        if options["replace_exercise"] and asked["workforce"] != WorkforceKind.GENERATED:
            raise CommandError("--replace-exercise is for exercises only: add --workforce generated")
        user = _planner(options["username"])
        self._progress(f"Planning as {user.display_name} ({user.username}); this takes up to the time limit ...")
        try:
            plan = schedule_plan_create(user=user, progress=self._progress, **asked)
            if options["replace_exercise"]:
                replaced = schedule_exercises_discard(user=user, keep=plan)
                self._progress(f"Replaced {len(replaced)} earlier exercise(s) made with the same options")
        except (InvalidInput, NotAllowed) as error:
            raise CommandError(f"Cannot make the plan: {error.message}") from None
        refused, created = self._accept(plan, user) if options["accept"] else (None, None)
        if options["json"]:
            plan.refresh_from_db()
            found = presenters.plan_json(plan, list(plan.assignments.order_by("first_day", "urn")))
            self.stdout.write(json.dumps(found | {"accepted_inspections": created}, indent=2))
        else:
            self._print(plan)
            if created is not None:
                self.stdout.write(f"Accepted: {len(created)} planned inspection(s) created.")
        if refused:
            raise CommandError(f"Not accepted: {refused}")

    def _accept(self, plan: SchedulePlan, user: User) -> tuple[str | None, list[int] | None]:
        """Why the plan was not accepted (None if it was), and the planned inspections made from it."""
        refusal = acceptance_refusal(plan)
        if refusal:
            return refusal, None
        try:
            return None, schedule_plan_accept(user=user, plan_id=plan.pk)
        except (InvalidInput, NotAllowed) as error:
            return error.message, None

    def _print(self, plan: SchedulePlan) -> None:
        out = self.stdout.write
        out(f"Schedule plan {plan.pk}: {presenters.scope(plan)}")
        if plan.is_exercise:
            out(presenters.EXERCISE_BANNER)
        out(f"Workforce: {plan.workforce_notice}")
        for note in plan.notes:
            out(f"Note: {note}")
        for figure in presenters.figures(plan):
            out(f"{figure.label}: {figure.value}")
        out(presenters.constant_note(plan))
        rows = [presenters.assignment_row(a) for a in plan.assignments.all()]
        out(f"Assignments ({len(rows)}):")
        for row in rows:
            out(f"  {presenters.assignment_line(row)}")
        if plan.unplaced:
            out(f"Not covered ({len(plan.unplaced)}):")
            for school in plan.unplaced:
                out(f"  URN {school['urn']} {school['name']}: {school['reason']}")
