"""The scheduler's view of who is due: the queue on a chosen start date, each school with its reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.queue import DueEntry
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound
from inspectorate.inspections.selectors import roles_of
from inspectorate.planning import presenters
from inspectorate.planning.models import SchedulePlan
from inspectorate.planning.problems import MAX_WEEKS, SchoolsKind, WorkforceKind, regions
from inspectorate.planning.selectors import due_queue_of, schools_on_register
from inspectorate.planning.services import (
    PLANNERS,
    acceptance_refusal,
    default_schools,
    plan_for,
    schedule_plan_accept,
    schedule_plan_create,
)
from inspectorate.register.models import Establishment
from inspectorate.web.pagination import pagination
from inspectorate.web.refusals import forbidden

PAGE_SIZE = 25
# Working the queue out for all 22,000 schools takes a few seconds: keep it for a while per start date.
QUEUE_CACHE_SECONDS = 300
MAY_SEE = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR, Role.DUTY_DESK})
PLANS_SHOWN = 50  # the most recent plans listed


@dataclass(frozen=True)
class DueRow:
    urn: int
    name: str
    href: str
    entry: DueEntry
    explanation: list[str]


def _queue(start: dt.date) -> tuple[DueEntry, ...]:
    key = f"planning:due-queue:{start.isoformat()}"
    queue = cache.get(key)
    if queue is None:
        # In the demo the fictional schools are in the queue too (their deferrals come back to it).
        queue = due_queue_of(schools_on_register(include_fictional=settings.INSPECTORATE_DEMO), start)
        cache.set(key, queue, QUEUE_CACHE_SECONDS)
    return queue  # type: ignore[no-any-return]


def _href(start: str, page: int) -> str:
    return reverse("due-queue") + "?" + urlencode({"from": start, "page": page})


@login_required
@require_GET
def due_queue_page(request: HttpRequest) -> HttpResponse:
    if not roles_of(request.user) & MAY_SEE:
        return render(
            request,
            "inspections/forbidden.html",
            {"message": "The queue of schools due is for schedulers, administrators and the duty desk."},
            status=403,
        )
    raw = request.GET.get("from", "")
    error = None
    start = timezone.localdate()
    if raw:
        try:
            start = dt.date.fromisoformat(raw)
        except ValueError:
            error = f"“{raw}” is not a date: write it as YYYY-MM-DD, for example {start.isoformat()}"
    try:
        page_number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page_number = 1
    queue = _queue(start)
    pages = max(1, -(-len(queue) // PAGE_SIZE))
    page_number = min(page_number, pages)
    shown = queue[(page_number - 1) * PAGE_SIZE : page_number * PAGE_SIZE]
    names = dict(Establishment.objects.filter(urn__in=[e.urn for e in shown]).values_list("urn", "name"))
    rows = [
        DueRow(e.urn, names.get(e.urn, ""), reverse("school-detail", args=[e.urn]), e, e.explain().splitlines()[1:])
        for e in shown
    ]
    iso = start.isoformat()
    page_links = pagination(page_number, pages, lambda n: _href(iso, n))
    context = {
        "start": start,
        "raw": raw or start.isoformat(),
        "error": error,
        "rows": rows,
        "total": len(queue),
        "first": (page_number - 1) * PAGE_SIZE + 1 if rows else 0,
        "last": (page_number - 1) * PAGE_SIZE + len(rows),
        "pages": page_links,
        "active_nav": "workspace",
    }
    return render(request, "planning/due_queue.html", context, status=200 if not error else 400)


# Schedule plans: made from the database, measured, and accepted into the lifecycle (docs/adr/0021).

PLAN_NAV = "workspace"
FORM_TIME_LIMIT_S = 120.0  # the page waits for the solver: keep that wait bounded
# The service names some options differently from the form.
FORM_FIELD_OF = {"time_limit_s": "time_limit", "from": "starts_on", "options": "workforce"}


def _may_plan(request: HttpRequest) -> HttpResponse | None:
    if roles_of(request.user) & PLANNERS:
        return None
    return forbidden(request, "Schedule plans are for schedulers and administrators.", nav=PLAN_NAV)


def _read_form(data: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    errors: dict[str, str] = {}
    wanted: dict[str, Any] = {"region": data.get("region", "") or None}
    try:
        wanted["starts_on"] = dt.date.fromisoformat(data.get("starts_on", "").strip())
    except ValueError:
        errors["starts_on"] = "Enter the start date as YYYY-MM-DD, for example 2027-01-11"
    try:
        wanted["weeks"] = int(data.get("weeks", ""))
        if not 1 <= wanted["weeks"] <= MAX_WEEKS:
            raise ValueError
    except ValueError:
        errors["weeks"] = f"Enter the number of weeks as a whole number from 1 to {MAX_WEEKS}"
    try:
        wanted["time_limit_s"] = float(data.get("time_limit", ""))
        if not 1 <= wanted["time_limit_s"] <= FORM_TIME_LIMIT_S:
            raise ValueError
    except ValueError:
        errors["time_limit"] = f"Enter the solver time limit in seconds, from 1 to {FORM_TIME_LIMIT_S:.0f}"
    for name, kind in (("workforce", WorkforceKind), ("schools", SchoolsKind)):
        chosen = data.get(name, "")
        if chosen not in {k.value for k in kind}:
            errors[name] = f"Choose the {name}"
        wanted[name] = chosen
    return wanted, errors


@login_required
@require_http_methods(["GET", "POST"])
def schedule_plans_page(request: HttpRequest) -> HttpResponse:
    if refusal := _may_plan(request):
        return refusal
    submitted: dict[str, str] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        submitted = {k: request.POST.get(k, "") for k in request.POST}
        wanted, errors = _read_form(submitted)
        if not errors:
            try:
                plan = schedule_plan_create(user=request.user, **wanted)
            except NotAllowed as err:
                return forbidden(request, err.message, nav=PLAN_NAV)
            except InvalidInput as err:
                errors = {FORM_FIELD_OF.get(k, k): v for k, v in err.field_errors.items()}
            else:
                messages.success(request, f"Plan {plan.pk} is made: check its figures and assignments.")
                return redirect("schedule-plan", plan.pk)
    fields = presenters.form_fields(submitted, errors, regions(), default_schools().value)
    links = presenters.error_links(fields)
    known = {f.name for f in fields}
    links += [("starts_on", message) for name, message in errors.items() if name not in known]
    plans = SchedulePlan.objects.select_related("created_by").order_by("-created_at", "-pk")[:PLANS_SHOWN]
    context = {
        "fields": fields,
        "errors": links,
        "plans": [presenters.plan_summary(p, reverse("schedule-plan", args=[p.pk])) for p in plans],
        "active_nav": PLAN_NAV,
    }
    return render(request, "planning/plans.html", context, status=422 if errors else 200)


PLAN_VIEWS = {"week": "By week", "inspector": "By inspector"}


def _page_of[T](request: HttpRequest, items: Sequence[T], here: str, view: str) -> tuple[Sequence[T], dict[str, Any]]:
    """One page of `items` (the page asked for, 1 if unreadable, the last if beyond it) and its links and counts."""
    try:
        asked = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        asked = 1
    pages = max(1, -(-len(items) // presenters.PAGE_SIZE))
    number = min(asked, pages)
    start = (number - 1) * presenters.PAGE_SIZE
    shown = items[start : start + presenters.PAGE_SIZE]
    links = pagination(number, pages, lambda n: f"{here}?{urlencode({'view': view, 'page': n})}")
    return shown, {"first": start + 1 if shown else 0, "last": start + len(shown), "total": len(items), "pages": links}


def _assignments(request: HttpRequest, plan: SchedulePlan, here: str) -> dict[str, Any]:
    """The plan's assignments by week (a page of assignments under their weeks) or by inspector (a page of
    inspectors, each with their assignments), as the page's context."""
    view = request.GET.get("view", "")
    view = view if view in PLAN_VIEWS else "week"
    rows = [presenters.assignment_row(a) for a in plan.assignments.order_by("first_day", "urn")]
    found: dict[str, Any] = {"view": view, "placed": len(rows), "weeks": [], "inspectors": []}
    if view == "inspector":
        inspectors, counts = _page_of(request, presenters.by_inspector(rows), here, view)
        found["inspectors"] = inspectors
    else:
        shown, counts = _page_of(request, rows, here, view)
        found["weeks"] = presenters.by_week(shown)
    found["views"] = [(key, label, f"{here}?view={key}") for key, label in PLAN_VIEWS.items()]
    return found | counts


def _plan_page(request: HttpRequest, plan: SchedulePlan, error: str | None = None, status: int = 200) -> HttpResponse:
    here = reverse("schedule-plan", args=[plan.pk])
    successor = plan.replanned_as.order_by("-pk").first()
    context = {
        "plan": plan,
        "title": f"Schedule plan {plan.pk}",
        "scope": presenters.scope(plan),
        "banner": presenters.EXERCISE_BANNER if plan.is_exercise else "",
        "figures": presenters.figures(plan),
        "constant_note": presenters.constant_note(plan),
        **_assignments(request, plan, here),
        "queue_href": reverse("due-queue") + "?" + urlencode({"from": plan.starts_on.isoformat()}),
        "refusal": acceptance_refusal(plan),
        "accept_href": reverse("schedule-plan-accept", args=[plan.pk]),
        "replaces_href": reverse("schedule-plan", args=[plan.replaces_id]) if plan.replaces_id else None,
        "successor_href": reverse("schedule-plan", args=[successor.pk]) if successor else None,
        "errors": [("accept", error)] if error else [],
        "active_nav": PLAN_NAV,
    }
    return render(request, "planning/plan.html", context, status=status)


def _plan_or_refusal(request: HttpRequest, plan_id: int) -> SchedulePlan | HttpResponse:
    try:
        return plan_for(request.user, plan_id)
    except NotAllowed as err:
        return forbidden(request, err.message, nav=PLAN_NAV)
    except NotFound as err:
        raise Http404(err.message) from err


@login_required
@require_GET
def schedule_plan_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_or_refusal(request, plan_id)
    return plan if isinstance(plan, HttpResponse) else _plan_page(request, plan)


@login_required
@require_POST
def schedule_plan_accept_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan_or_refusal(request, plan_id)
    if isinstance(plan, HttpResponse):
        return plan
    try:
        created = schedule_plan_accept(user=request.user, plan_id=plan.pk)
    except NotAllowed as err:
        return forbidden(request, err.message, nav=PLAN_NAV)
    except InvalidInput as err:
        plan.refresh_from_db()
        return _plan_page(request, plan, error="; ".join(err.field_errors.values()), status=422)
    messages.success(request, f"Plan {plan.pk} is accepted: {len(created)} planned inspection(s) created.")
    return redirect("schedule-plan", plan.pk)
