"""The deferral pages: the school's request, the deciders' list and decision page, blanket windows, and the lead
inspector's refused-entry record. Each view reads its form, calls one service or selector and renders a
presenter's page; the services decide who may do what."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from inspectorate.deferrals import selectors
from inspectorate.deferrals.forms import read_decision, read_refusal, read_request, read_window
from inspectorate.deferrals.models import BlanketDeferralWindow
from inspectorate.deferrals.presenters import present_decide, present_list, present_request_page, present_windows
from inspectorate.deferrals.refusal_presenter import present_refusal
from inspectorate.deferrals.services import (
    blanket_window_declare,
    deferral_decide,
    deferral_request,
    refused_entry_record,
)
from inspectorate.deferrals.services.common import is_decider, request_for
from inspectorate.deferrals.services.requests import SCHOOL_LEADERS
from inspectorate.domain.deferral_policy import deferral_policy_on, refusal_to_request
from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import BY_ACTION
from inspectorate.inspections.errors import InvalidInput, NotAllowed, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import inspection_for, roles_of, roles_on
from inspectorate.web.refusals import forbidden, found

NAV = "workspace"


def _submit[T](
    request: HttpRequest,
    form_errors: Mapping[str, str],
    service: Callable[[], T],
    done: Callable[[T], str],
    back_to: str,
    *args: Any,
) -> HttpResponse | dict[str, str]:
    """Run a form's service once its fields read well: back to `back_to` with the outcome (a conflict is said there
    as an error, since the page shows how things stand now), or the errors to show with the form again."""
    if form_errors:
        return dict(form_errors)
    try:
        result = service()
    except NotAllowed as err:
        return forbidden(request, err.message, nav=NAV)
    except InvalidInput as err:
        return err.field_errors
    except StateConflict as err:
        messages.error(request, err.message)
    else:
        messages.success(request, done(result))
    return redirect(back_to, *args)


def _typed(request: HttpRequest) -> Mapping[str, Any]:
    """What the person typed, to show in the form again; nothing on a first visit."""
    return request.POST if request.method == "POST" else {}


def _status(request: HttpRequest) -> int:
    """A page drawn after a POST is a refused form (a form that was taken redirects)."""
    return 422 if request.method == "POST" else 200


# ----- The school asks ------------------------------------------------------------------------------------------


def _closed_reason(inspection: Inspection) -> str:
    refusal = refusal_to_request(inspection.state_enum, deferral_policy_on(timezone.localdate()))
    if refusal:
        return f"You cannot ask to defer this inspection now: {refusal}."
    if any(r.status == "pending" for r in selectors.requests_on(inspection)):
        return "Your request is awaiting a decision. You will be told the decision and the reasons."
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def request_deferral(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = found(lambda: inspection_for(request.user, inspection_id))
    if not roles_on(request.user, inspection) & SCHOOL_LEADERS:
        return forbidden(request, "Only the school's headteacher or its responsible body may ask to defer.", nav=NAV)
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = read_request(request.POST)
        outcome = _submit(
            request,
            form.errors,
            lambda: deferral_request(
                user=request.user,
                inspection_id=inspection.pk,
                ground=form.ground,
                details=form.details,
                unavailable_from=form.unavailable_from,
                unavailable_until=form.unavailable_until,
            ),
            lambda made: (
                "Your request is granted: the inspection is deferred."
                if made.status == "granted"
                else "Your request is sent. You will be told the decision and the reasons."
            ),
            "deferral-request",
            inspection.pk,
        )
        if isinstance(outcome, HttpResponse):
            return outcome
        errors = outcome
        inspection.refresh_from_db()
    view = present_request_page(
        inspection,
        selectors.requests_on(inspection),
        closed_reason=_closed_reason(inspection),
        submitted=_typed(request),
        errors=errors,
    )
    return render(request, "deferrals/request.html", {"view": view}, status=_status(request))


# ----- Deciders --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def request_list(request: HttpRequest) -> HttpResponse:
    try:
        view = present_list(
            selectors.pending_requests(request.user), selectors.recent_decisions(request.user), timezone.now()
        )
    except NotAllowed as err:
        return forbidden(request, err.message, nav=NAV)
    return render(request, "deferrals/list.html", {"view": view, "active_nav": NAV})


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, request_id: int) -> HttpResponse:
    deferral = found(lambda: request_for(request.user, request_id))
    if not is_decider(request.user):
        if roles_of(request.user) & SCHOOL_LEADERS:
            return redirect("deferral-request", deferral.inspection_id)  # the school follows its request there
        return forbidden(request, "Only a scheduler, an administrator or the duty desk may decide a request.", nav=NAV)
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = read_decision(request.POST)  # a form with no decision has an error, so grant is known below
        word = "granted: the inspection is deferred" if form.grant else "declined"
        outcome = _submit(
            request,
            form.errors,
            lambda: deferral_decide(
                user=request.user, request_id=deferral.pk, grant=bool(form.grant), reasons=form.reasons
            ),
            lambda _: f"The request is {word}. The school has been told, with your reasons.",
            "deferral-decide",
            deferral.pk,
        )
        if isinstance(outcome, HttpResponse):
            return outcome
        errors = outcome
    view = present_decide(deferral, now=timezone.now(), submitted=_typed(request), errors=errors)
    return render(request, "deferrals/decide.html", {"view": view, "active_nav": NAV}, status=_status(request))


@login_required
@require_http_methods(["GET", "POST"])
def blanket_windows(request: HttpRequest) -> HttpResponse:
    may_declare = Role.ADMINISTRATOR in roles_of(request.user)
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = read_window(request.POST)
        outcome = _submit(
            request,
            form.errors,
            lambda: blanket_window_declare(
                user=request.user, first_day=form.first_day, last_day=form.last_day, reason=form.reason
            ),
            _window_declared,
            "blanket-window-list",
        )
        if isinstance(outcome, HttpResponse):
            return outcome
        errors = outcome
    try:
        windows = selectors.blanket_windows(request.user)
    except NotAllowed as err:
        return forbidden(request, err.message, nav=NAV)
    view = present_windows(windows, may_declare=may_declare, submitted=_typed(request), errors=errors)
    return render(request, "deferrals/windows.html", {"view": view, "active_nav": NAV}, status=_status(request))


def _window_declared(window: BlanketDeferralWindow) -> str:
    granted = window.requests.count()
    return "The window is declared. Requests for inspections starting in it are granted at once" + (
        f"; {granted} waiting request(s) were granted now." if granted else "."
    )


# ----- Refused entry ---------------------------------------------------------------------------------------------


def _may_record_refusal(request: HttpRequest, inspection: Inspection) -> bool:
    transition = BY_ACTION["record_refused_entry"]
    return inspection.state_enum in transition.sources and bool(roles_on(request.user, inspection) & transition.roles)


@login_required
@require_http_methods(["GET", "POST"])
def refused_entry(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = found(lambda: inspection_for(request.user, inspection_id))
    held = roles_on(request.user, inspection)
    if not held & {Role.LEAD_INSPECTOR, Role.DUTY_DESK, Role.ADMINISTRATOR, Role.SCHEDULER, Role.SENIOR_INSPECTOR}:
        return forbidden(request, "Only the lead inspector and the duty desk use the refused-entry record.", nav=NAV)
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = read_refusal(request.POST)
        outcome = _submit(
            request,
            form.errors,
            lambda: refused_entry_record(
                user=request.user,
                inspection_id=inspection.pk,
                refused_by=form.refused_by,
                what_was_said=form.what_was_said,
                refused_at=form.refused_at,
                expected_version=form.version,
            ),
            lambda _: "The refusal is recorded and the duty desk has been told.",
            "refused-entry-record",
            inspection.pk,
        )
        if isinstance(outcome, HttpResponse):
            return outcome
        errors = outcome
    view = present_refusal(
        inspection,
        selectors.refusal_of(inspection),
        may_record=_may_record_refusal(request, inspection),
        today=timezone.localdate(),
        submitted=_typed(request),
        errors=errors,
    )
    return render(request, "deferrals/refused_entry.html", {"view": view, "active_nav": NAV}, status=_status(request))
