"""The outbox page and a message's page, for administrators and the duty desk. Each view checks who is asking
through the selectors (NotAllowed -> 403, NotFound -> 404) and renders a presenter's view model."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.notifications.presenters import present_message, present_outbox
from inspectorate.notifications.services import Decision, outbox_message_resolve
from inspectorate.web.refusals import forbidden

NAV = "outbox"


@login_required
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    try:
        view = present_outbox(request.user, request.GET)
    except NotAllowed as err:
        return forbidden(request, err.message, nav=NAV)
    status = 400 if view.errors else 200
    return render(request, "notifications/outbox.html", {"view": view, "active_nav": NAV}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def outbox_message(request: HttpRequest, message_id: int) -> HttpResponse:
    try:
        if request.method == "POST":
            return _decide(request, message_id)
        view = present_message(request.user, message_id)
    except NotAllowed as err:
        return forbidden(request, err.message, nav=NAV)
    except NotFound as err:
        raise Http404(err.message) from err
    return render(request, "notifications/message.html", {"view": view, "active_nav": NAV})


def _decide(request: HttpRequest, message_id: int) -> HttpResponse:
    decision = request.POST.get("decision", "")
    try:
        outbox_message_resolve(
            user=request.user, message_id=message_id, decision=decision, note=request.POST.get("note", "")
        )
    except InvalidInput as err:
        view = present_message(request.user, message_id, request.POST, err.field_errors)
        return render(request, "notifications/message.html", {"view": view, "active_nav": NAV}, status=422)
    except StateConflict as err:
        view = present_message(request.user, message_id, conflict=err.message)
        return render(request, "notifications/message.html", {"view": view, "active_nav": NAV}, status=409)
    done = "It is queued to be sent again." if decision == Decision.RESEND else "It is marked as resolved."
    messages.success(request, f"Your decision is recorded in the audit trail. {done}")
    return redirect("outbox-message", message_id)
