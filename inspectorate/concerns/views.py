"""The concerns pages: raising one, reading and answering one, the list. Each view reads its form, calls one
service or selector, and renders a presenter's page; refusals become HTTP through `inspectorate.web.refusals`
(NotFound 404, NotAllowed 403, InvalidInput 422 and StateConflict 409 show the page again, saying why)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inspectorate.concerns import services
from inspectorate.concerns.presenters import (
    Refusal,
    present_concern,
    present_concern_list,
    present_raise,
)
from inspectorate.concerns.selectors import SCHOOL, concern_for, concerns_for, may_list_concerns
from inspectorate.inspections.errors import InvalidInput, NotAllowed, StateConflict
from inspectorate.inspections.selectors import inspection_for, roles_of, roles_on
from inspectorate.web.refusals import attempt, forbidden, found

NAV = "workspace"

# A page that shows one concern or learning review, with the refused form (if any) again.
RecordPage = Callable[[HttpRequest, int, Refusal | None, int], HttpResponse]


def nav_for(user: Any) -> str:
    return "portal" if roles_of(user) & SCHOOL else NAV


def attempt_on(
    request: HttpRequest,
    record_id: int,
    form: str,
    service: Callable[[], Any],
    done: str,
    *,
    page: RecordPage,
    detail: str,
) -> HttpResponse:
    """Run one form on a concern's or a review's page: back to that page with `done`, or the page again saying why."""

    def succeeded(_: Any) -> HttpResponse:
        messages.success(request, done)
        return redirect(detail, record_id)

    return attempt(
        request,
        service,
        nav=NAV,
        page_again=lambda err, status: page(request, record_id, Refusal.of(form, request.POST, err), status),
        done=succeeded,
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_raise(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = found(lambda: inspection_for(request.user, inspection_id))
    errors: dict[str, str] = {}
    why_not = ""
    status = 200
    if request.method == "POST":
        try:
            concern = services.concern_raise(
                user=request.user, inspection_id=inspection_id, text=request.POST.get("text", "")
            )
        except NotAllowed as err:
            return forbidden(request, err.message, nav=NAV)
        except InvalidInput as err:
            errors, status = err.field_errors, 422
        except StateConflict as err:
            why_not, status = err.message, 409
        else:
            senior = concern.routed_to.display_name if concern.routed_to else "A senior inspector"
            messages.success(request, f"Your concern is sent. {senior} will acknowledge it by the time shown below.")
            return redirect("concern-detail", concern.pk)
    elif not roles_on(request.user, inspection) & SCHOOL:
        return forbidden(
            request, "Only the school's headteacher or its responsible body can raise a concern here.", nav=NAV
        )
    prospect = services.concern_prospect(inspection, now=timezone.now())
    view = present_raise(inspection, prospect, request.POST, errors, why_not)
    return render(request, "concerns/raise.html", {"view": view, "active_nav": "portal"}, status=status)


@login_required
@require_GET
def concern_detail(request: HttpRequest, concern_id: int) -> HttpResponse:
    return _concern_page(request, concern_id)


def _concern_page(
    request: HttpRequest, concern_id: int, refusal: Refusal | None = None, status: int = 200
) -> HttpResponse:
    concern = found(lambda: concern_for(request.user, concern_id))
    view = present_concern(request.user, concern, refusal)
    context = {"view": view, "active_nav": nav_for(request.user)}
    return render(request, "concerns/detail.html", context, status=status)


_attempt = partial(attempt_on, page=_concern_page, detail="concern-detail")


@login_required
@require_POST
def concern_acknowledge(request: HttpRequest, concern_id: int) -> HttpResponse:
    return _attempt(
        request,
        concern_id,
        "acknowledge",
        lambda: services.concern_acknowledge(user=request.user, concern_id=concern_id),
        "The concern is acknowledged, and the school is told.",
    )


@login_required
@require_POST
def concern_respond(request: HttpRequest, concern_id: int) -> HttpResponse:
    return _attempt(
        request,
        concern_id,
        "respond",
        lambda: services.concern_respond(
            user=request.user,
            concern_id=concern_id,
            response=request.POST.get("response", ""),
            outcome=request.POST.get("outcome", ""),
        ),
        "Your response is sent to the school and the concern is closed.",
    )


@login_required
@require_POST
def concern_route(request: HttpRequest, concern_id: int) -> HttpResponse:
    return _attempt(
        request,
        concern_id,
        "route",
        lambda: services.concern_route(
            user=request.user, concern_id=concern_id, to_username=request.POST.get("to_username", "")
        ),
        "The concern is routed, and the senior inspector is told.",
    )


@login_required
@require_GET
def concern_list(request: HttpRequest) -> HttpResponse:
    if not may_list_concerns(request.user):
        return forbidden(
            request, "Concerns are seen by the school that raised them, senior inspectors and the duty desk.", nav=NAV
        )
    rows = present_concern_list(list(concerns_for(request.user).order_by("-raised_at", "-pk")[:200]))
    context = {"rows": rows, "active_nav": nav_for(request.user)}
    return render(request, "concerns/list.html", context)
