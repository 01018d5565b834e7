"""The staff workspace: the list of inspections, planning one, an inspection's page, and the forms that act on it.

Each view reads its form, calls one service or selector, and renders a presenter's page. The lifecycle's errors
become HTTP in one place, `_refused` (by way of `inspectorate.web.refusals`): NotFound 404, NotAllowed 403,
InvalidInput 422 (the page again, with an error summary), StateConflict 409 (the page again, as it is now, saying
why)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inspectorate.domain.workflow import BY_ACTION
from inspectorate.inspections.errors import InvalidInput, LifecycleError, NotAllowed
from inspectorate.inspections.forms import read_action, read_filters, read_judgement, read_plan, read_report
from inspectorate.inspections.models import STATE_LABELS
from inspectorate.inspections.presenters.fields import Refusal
from inspectorate.inspections.presenters.inspection import present_inspection
from inspectorate.inspections.presenters.plan import present_plan
from inspectorate.inspections.presenters.words import area_label, grade_label
from inspectorate.inspections.presenters.workspace import may_plan, may_use_workspace, present_workspace
from inspectorate.inspections.selectors import inspection_for, is_school_member
from inspectorate.inspections.services import lifecycle
from inspectorate.inspections.services.evidence import (
    evidence_note_add,
    factual_accuracy_comment_add,
    judgement_record,
    report_draft_save,
)
from inspectorate.inspections.services.planning import inspection_plan
from inspectorate.web.refusals import forbidden, found, refused

NAV = "workspace"
STATES = {state.value: label for state, label in STATE_LABELS.items()}


@login_required
@require_GET
def workspace(request: HttpRequest) -> HttpResponse:
    if not may_use_workspace(request.user):
        return forbidden(request, "The workspace is for the inspectorate's staff.", nav=NAV)
    view = present_workspace(request.user, read_filters(request.GET, STATES))
    return render(request, "inspections/workspace.html", {"view": view, "active_nav": NAV})


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    if not may_plan(request.user):
        return forbidden(request, "Only a scheduler or an administrator may plan an inspection.", nav=NAV)
    if request.method == "GET":
        return render(request, "inspections/plan.html", {"view": present_plan({}, {}), "active_nav": NAV})
    wanted = read_plan(request.POST)
    errors = wanted.errors
    if not errors and wanted.urn is not None and wanted.starts_on is not None and wanted.on_site_days is not None:
        try:
            inspection = inspection_plan(
                user=request.user,
                urn=wanted.urn,
                starts_on=wanted.starts_on,
                lead=wanted.lead,
                team=wanted.team,
                on_site_days=wanted.on_site_days,
            )
        except InvalidInput as err:
            errors = err.field_errors
        except NotAllowed as err:
            return forbidden(request, err.message, nav=NAV)
        else:
            messages.success(request, f"{inspection.reference} is planned. Next: record the notification call.")
            return redirect("inspection-detail", inspection.pk)
    view = present_plan(request.POST, errors)
    return render(request, "inspections/plan.html", {"view": view, "active_nav": NAV}, status=422)


@login_required
@require_GET
def inspection_detail(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return _inspection_page(request, inspection_id)


def _inspection_page(
    request: HttpRequest, inspection_id: int, refusal: Refusal | None = None, status: int = 200
) -> HttpResponse:
    inspection = found(lambda: inspection_for(request.user, inspection_id))
    if not (may_use_workspace(request.user) or is_school_member(request.user, inspection)):
        # Someone the head shared the outcome with reads it in the portal, not the staff page with its timeline.
        raise Http404("There is no inspection here that you can see.")
    view = present_inspection(request.user, inspection, today=timezone.localdate(), refusal=refusal)
    context = {"view": view, "active_nav": NAV}
    return render(request, "inspections/inspection.html", context, status=status)


# Other apps' forms on the inspection page (welfare's check-ins and distress) show it again through this, so the
# same rule on who may see the staff page applies to them.
inspection_page = _inspection_page


def _refused(request: HttpRequest, inspection_id: int, form: str, err: LifecycleError) -> HttpResponse:
    """The lifecycle's refusals as responses: the inspection page again, or an error page."""
    return refused(
        request,
        err,
        nav=NAV,
        page_again=lambda e, status: _inspection_page(
            request, inspection_id, Refusal.of(form, request.POST, e), status=status
        ),
    )


def _done(request: HttpRequest, inspection_id: int, message: str, anchor: str = "") -> HttpResponseRedirect:
    messages.success(request, message)
    return HttpResponseRedirect(reverse("inspection-detail", args=[inspection_id]) + anchor)


def _attempt(
    request: HttpRequest, inspection_id: int, form: str, service: Callable[[], Any], done: Callable[[Any], str]
) -> HttpResponse:
    try:
        result = service()
    except LifecycleError as err:
        return _refused(request, inspection_id, form, err)
    return _done(request, inspection_id, done(result), anchor=f"#{form}" if form in {"evidence", "judgement"} else "")


@login_required
@require_POST
def act(request: HttpRequest, inspection_id: int, action: str) -> HttpResponse:
    transition = BY_ACTION.get(action)
    if transition is None:
        raise Http404(f"There is no lifecycle action {action!r}.")
    form = f"act-{action}"
    wanted = read_action(transition, request.POST)
    if wanted.errors:
        return _refused(request, inspection_id, form, InvalidInput(wanted.errors))
    return _attempt(
        request,
        inspection_id,
        form,
        lambda: lifecycle.inspection_act(
            user=request.user,
            inspection_id=inspection_id,
            action=action,
            reason=wanted.reason,
            data=wanted.data,
            expected_version=wanted.expected_version,
        ),
        lambda inspection: f"{transition.label}: done. The inspection is now: {inspection.state_label}.",
    )


@login_required
@require_POST
def evidence(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return _attempt(
        request,
        inspection_id,
        "evidence",
        lambda: evidence_note_add(
            user=request.user,
            inspection_id=inspection_id,
            area=request.POST.get("area", ""),
            text=request.POST.get("text", ""),
        ),
        lambda note: f"Evidence note {note.pk} is saved.",
    )


@login_required
@require_POST
def judgements(request: HttpRequest, inspection_id: int) -> HttpResponse:
    wanted = read_judgement(request.POST)
    if wanted.errors:
        return _refused(request, inspection_id, "judgement", InvalidInput(wanted.errors))
    return _attempt(
        request,
        inspection_id,
        "judgement",
        lambda: judgement_record(
            user=request.user,
            inspection_id=inspection_id,
            area=wanted.area,
            grade=wanted.grade,
            rationale=wanted.rationale,
            evidence_ids=wanted.evidence_ids,
        ),
        lambda judgement: f"The judgement is saved: {area_label(judgement.area)}, {grade_label(judgement.grade)}.",
    )


@login_required
@require_POST
def report(request: HttpRequest, inspection_id: int) -> HttpResponse:
    summary, area_texts = read_report(request.POST)
    return _attempt(
        request,
        inspection_id,
        "report",
        lambda: report_draft_save(
            user=request.user, inspection_id=inspection_id, summary=summary, area_texts=area_texts
        ),
        lambda draft: "The report draft is saved.",
    )


@login_required
@require_POST
def comment(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return _attempt(
        request,
        inspection_id,
        "comment",
        lambda: factual_accuracy_comment_add(
            user=request.user, inspection_id=inspection_id, text=request.POST.get("text", "")
        ),
        lambda c: "Your comments are sent to the inspection team.",
    )
