"""Welfare's pages and forms: a check-in, distress and its follow-up (forms on the inspection page), and the
school's own page to ask for a pause.

Each view reads its form, calls one service, and either goes back to the inspection page with a message or shows
the page again with what was wrong: NotFound 404, NotAllowed 403, InvalidInput 422, StateConflict 409."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from inspectorate.domain.wellbeing import checkin_key, checkin_label
from inspectorate.inspections.errors import InvalidInput, LifecycleError, NotAllowed, StateConflict
from inspectorate.inspections.presenters.fields import Refusal
from inspectorate.inspections.selectors import inspection_for
from inspectorate.inspections.views import inspection_page
from inspectorate.web.refusals import attempt, forbidden, found
from inspectorate.welfare.models import DistressRecord
from inspectorate.welfare.pause_page import present_pause_request
from inspectorate.welfare.services import checkin_record, distress_follow_up, distress_record, pause_request

NAV = "workspace"


def _inspection_page(request: HttpRequest, inspection_id: int, refusal: Refusal, status: int) -> HttpResponse:
    return inspection_page(request, inspection_id, refusal, status)


def _on_the_inspection_page(
    request: HttpRequest, inspection_id: int, form: str, service: Callable[[], Any], done: Callable[[Any], str]
) -> HttpResponse:
    def succeeded(result: Any) -> HttpResponse:
        messages.success(request, done(result))
        return HttpResponseRedirect(reverse("inspection-detail", args=[inspection_id]) + "#wellbeing")

    return attempt(
        request,
        service,
        nav=NAV,
        page_again=lambda err, status: _inspection_page(
            request, inspection_id, Refusal.of(form, request.POST, err), status
        ),
        done=succeeded,
    )


@login_required
@require_POST
def checkin(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return _on_the_inspection_page(
        request,
        inspection_id,
        "checkin",
        lambda: checkin_record(
            user=request.user,
            inspection_id=inspection_id,
            point=request.POST.get("point", ""),
            outcome=request.POST.get("outcome", ""),
            notes=request.POST.get("notes", ""),
        ),
        lambda c: (
            f"The wellbeing check-in is recorded: {checkin_label(checkin_key(c.point, c.on_site_day)).lower()}, "
            f"{c.get_outcome_display().lower()}."
        ),
    )


@login_required
@require_POST
def distress(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return _on_the_inspection_page(
        request,
        inspection_id,
        "distress",
        lambda: distress_record(
            user=request.user,
            inspection_id=inspection_id,
            person=request.POST.get("person", ""),
            signs=request.POST.get("signs", ""),
        ),
        lambda r: (
            "The signs of distress are recorded and the duty desk has been told. Offer a pause if the "
            "inspection is on site, and make sure the school has the support contacts."
        ),
    )


@login_required
@require_POST
def distress_follow_up_view(request: HttpRequest, distress_id: int) -> HttpResponse:
    inspection_id = DistressRecord.objects.filter(pk=distress_id).values_list("inspection_id", flat=True).first()
    if inspection_id is None:
        raise Http404("There is no such distress record.")
    return _on_the_inspection_page(
        request,
        inspection_id,
        f"distress-follow-up-{distress_id}",
        lambda: distress_follow_up(user=request.user, distress_id=distress_id, note=request.POST.get("note", "")),
        lambda r: "The follow-up is recorded.",
    )


def _after_pause(inspection_id: int) -> str:
    try:
        return reverse("portal-inspection", args=[inspection_id])
    except NoReverseMatch:
        return reverse("inspection-detail", args=[inspection_id])


@login_required
@require_http_methods(["GET", "POST"])
def pause(request: HttpRequest, inspection_id: int) -> HttpResponse:
    """The headteacher's or responsible body's own page to pause the inspection (the lead can use it too)."""
    inspection = found(lambda: inspection_for(request.user, inspection_id))
    status, errors, conflict = 200, {}, ""
    if request.method == "POST":
        try:
            pause_request(user=request.user, inspection_id=inspection_id, reason=request.POST.get("reason", ""))
        except NotAllowed as err:
            return forbidden(request, err.message, nav=NAV)
        except InvalidInput as err:
            status, errors = 422, err.field_errors
        except StateConflict as err:
            status, conflict = 409, err.message
            inspection.refresh_from_db()
        except LifecycleError as err:  # pragma: no cover - the service raises only the errors above
            raise Http404(err.message) from err
        else:
            messages.success(
                request,
                "The inspection is paused. The inspectors will stop and leave, and the duty desk has been told.",
            )
            return HttpResponseRedirect(_after_pause(inspection_id))
    view = present_pause_request(
        request.user, inspection, today=timezone.localdate(), submitted=request.POST, errors=errors, conflict=conflict
    )
    return render(request, "welfare/pause_request.html", {"view": view, "active_nav": "portal"}, status=status)
