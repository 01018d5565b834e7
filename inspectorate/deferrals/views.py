"""The deferral pages: the school's request, the deciders' list and decision page, blanket windows, and the lead
inspector's refused-entry record. Each view reads its form, calls one service or selector and renders a
presenter's page; the services decide who may do what."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from inspectorate.deferrals import selectors
from inspectorate.deferrals.forms import read_decision, read_refusal, read_request, read_window
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
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import inspection_for, roles_of, roles_on

NAV = "workspace"


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "inspections/forbidden.html", {"message": message, "active_nav": NAV}, status=403)


def _inspection(request: HttpRequest, inspection_id: int) -> Inspection:
    try:
        return inspection_for(request.user, inspection_id)
    except NotFound as err:
        raise Http404(err.message) from err


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
    inspection = _inspection(request, inspection_id)
    if not roles_on(request.user, inspection) & SCHOOL_LEADERS:
        return _forbidden(request, "Only the school's headteacher or its responsible body may ask to defer.")
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        form = read_request(request.POST)
        errors = dict(form.errors)
        if not errors:
            try:
                made = deferral_request(
                    user=request.user,
                    inspection_id=inspection.pk,
                    ground=form.ground,
                    details=form.details,
                    unavailable_from=form.unavailable_from,
                    unavailable_until=form.unavailable_until,
                )
            except InvalidInput as err:
                errors = err.field_errors
            except StateConflict as err:
                messages.error(request, err.message)
                return redirect("deferral-request", inspection.pk)
            else:
                if made.status == "granted":
                    messages.success(request, "Your request is granted: the inspection is deferred.")
                else:
                    messages.success(request, "Your request is sent. You will be told the decision and the reasons.")
                return redirect("deferral-request", inspection.pk)
        status = 422
        inspection.refresh_from_db()
    view = present_request_page(
        inspection,
        selectors.requests_on(inspection),
        closed_reason=_closed_reason(inspection),
        submitted=request.POST if request.method == "POST" else {},
        errors=errors,
    )
    return render(request, "deferrals/request.html", {"view": view}, status=status)


# ----- Deciders --------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def request_list(request: HttpRequest) -> HttpResponse:
    try:
        view = present_list(
            selectors.pending_requests(request.user), selectors.recent_decisions(request.user), timezone.now()
        )
    except NotAllowed as err:
        return _forbidden(request, err.message)
    return render(request, "deferrals/list.html", {"view": view, "active_nav": NAV})


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, request_id: int) -> HttpResponse:
    try:
        deferral = request_for(request.user, request_id)
    except NotFound as err:
        raise Http404(err.message) from err
    if not is_decider(request.user):
        if roles_of(request.user) & SCHOOL_LEADERS:
            return redirect("deferral-request", deferral.inspection_id)  # the school follows its request there
        return _forbidden(request, "Only a scheduler, an administrator or the duty desk may decide a request.")
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        form = read_decision(request.POST)
        errors = dict(form.errors)
        if not errors and form.grant is not None:
            try:
                deferral_decide(user=request.user, request_id=deferral.pk, grant=form.grant, reasons=form.reasons)
            except NotAllowed as err:
                return _forbidden(request, err.message)
            except InvalidInput as err:
                errors = err.field_errors
            except StateConflict as err:
                messages.error(request, err.message)
                return redirect("deferral-decide", deferral.pk)
            else:
                word = "granted: the inspection is deferred" if form.grant else "declined"
                messages.success(request, f"The request is {word}. The school has been told, with your reasons.")
                return redirect("deferral-decide", deferral.pk)
        status = 422
    view = present_decide(
        deferral, now=timezone.now(), submitted=request.POST if request.method == "POST" else {}, errors=errors
    )
    return render(request, "deferrals/decide.html", {"view": view, "active_nav": NAV}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def blanket_windows(request: HttpRequest) -> HttpResponse:
    may_declare = Role.ADMINISTRATOR in roles_of(request.user)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        form = read_window(request.POST)
        errors = dict(form.errors)
        if not errors:
            try:
                window = blanket_window_declare(
                    user=request.user, first_day=form.first_day, last_day=form.last_day, reason=form.reason
                )
            except NotAllowed as err:
                return _forbidden(request, err.message)
            except InvalidInput as err:
                errors = err.field_errors
            else:
                granted = window.requests.count()
                messages.success(
                    request,
                    "The window is declared. Requests for inspections starting in it are granted at once"
                    + (f"; {granted} waiting request(s) were granted now." if granted else "."),
                )
                return redirect("blanket-window-list")
        status = 422
    try:
        windows = selectors.blanket_windows(request.user)
    except NotAllowed as err:
        return _forbidden(request, err.message)
    view = present_windows(
        windows,
        may_declare=may_declare,
        submitted=request.POST if request.method == "POST" else {},
        errors=errors,
    )
    return render(request, "deferrals/windows.html", {"view": view, "active_nav": NAV}, status=status)


# ----- Refused entry ---------------------------------------------------------------------------------------------


def _may_record_refusal(request: HttpRequest, inspection: Inspection) -> bool:
    transition = BY_ACTION["record_refused_entry"]
    return inspection.state_enum in transition.sources and bool(roles_on(request.user, inspection) & transition.roles)


@login_required
@require_http_methods(["GET", "POST"])
def refused_entry(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = _inspection(request, inspection_id)
    held = roles_on(request.user, inspection)
    if not held & {Role.LEAD_INSPECTOR, Role.DUTY_DESK, Role.ADMINISTRATOR, Role.SCHEDULER, Role.SENIOR_INSPECTOR}:
        return _forbidden(request, "Only the lead inspector and the duty desk use the refused-entry record.")
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        form = read_refusal(request.POST)
        errors = dict(form.errors)
        if not errors:
            try:
                refused_entry_record(
                    user=request.user,
                    inspection_id=inspection.pk,
                    refused_by=form.refused_by,
                    what_was_said=form.what_was_said,
                    refused_at=form.refused_at,
                    expected_version=form.version,
                )
            except NotAllowed as err:
                return _forbidden(request, err.message)
            except InvalidInput as err:
                errors = err.field_errors
            except StateConflict as err:
                messages.error(request, err.message)
                return redirect("refused-entry-record", inspection.pk)
            else:
                messages.success(request, "The refusal is recorded and the duty desk has been told.")
                return redirect("refused-entry-record", inspection.pk)
        status = 422
    view = present_refusal(
        inspection,
        selectors.refusal_of(inspection),
        may_record=_may_record_refusal(request, inspection),
        today=timezone.localdate(),
        submitted=request.POST if request.method == "POST" else {},
        errors=errors,
    )
    return render(request, "deferrals/refused_entry.html", {"view": view, "active_nav": NAV}, status=status)
