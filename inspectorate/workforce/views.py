"""The workforce pages: inspectors' readiness, and one inspector's training and declared interests.

Each view checks who is asking (workforce.access), reads its form, calls one service, and renders a presenter's
page; a refused form comes back with an error summary and status 422."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from inspectorate.accounts.models import User
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound
from inspectorate.web.refusals import forbidden
from inspectorate.workforce.access import may_view_workforce
from inspectorate.workforce.forms import read_conflict, read_training, read_workforce_filters
from inspectorate.workforce.presenters import INSPECTOR_ROLES, present_inspector, present_workforce
from inspectorate.workforce.services import conflict_record_add, training_record_add

NAV = "workforce"


@login_required
@require_GET
def workforce(request: HttpRequest) -> HttpResponse:
    if not may_view_workforce(request.user):
        return forbidden(request, "The workforce list is for schedulers, administrators and the duty desk.", nav=NAV)
    view = present_workforce(read_workforce_filters(request.GET), timezone.localdate())
    return render(request, "workforce/workforce.html", {"view": view, "active_nav": NAV})


def _record(request: HttpRequest, user_id: int, form: str) -> str | dict[str, str]:
    """Run the form's service: the success message, or the errors to show."""
    try:
        if form == "training":
            training = read_training(request.POST)
            if training.errors or training.completed_on is None or training.expires_on is None:
                return training.errors
            training_record_add(
                user=request.user,
                inspector_id=user_id,
                kind=training.kind,
                completed_on=training.completed_on,
                expires_on=training.expires_on,
            )
            return "The training is recorded."
        conflict = read_conflict(request.POST)
        if conflict.errors:
            return conflict.errors
        conflict_record_add(
            user=request.user,
            inspector_id=user_id,
            urn=conflict.urn,
            trust_uid=conflict.trust_uid,
            reason=conflict.reason,
        )
        return "The conflict of interest is recorded: planning will refuse this inspector there."
    except InvalidInput as err:
        return err.field_errors


@login_required
@require_http_methods(["GET", "POST"])
def inspector_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    if not may_view_workforce(request.user):
        return forbidden(request, "Inspectors' records are for schedulers, administrators and the duty desk.", nav=NAV)
    inspector = User.objects.filter(pk=user_id, groups__name__in=INSPECTOR_ROLES).distinct().first()
    if inspector is None:
        raise Http404("There is no inspector with that number.")
    today = timezone.localdate()
    if request.method == "GET":
        view = present_inspector(request.user, inspector, today)
        return render(request, "workforce/inspector.html", {"view": view, "active_nav": NAV})
    form = request.GET.get("form", "")
    if form not in ("training", "conflict"):
        raise Http404("There is no such form on this page.")
    try:
        outcome = _record(request, user_id, form)
    except NotAllowed as err:
        return forbidden(request, err.message, nav=NAV)
    except NotFound as err:
        raise Http404(err.message) from err
    if isinstance(outcome, str):
        messages.success(request, outcome)
        return redirect("inspector-detail", user_id)
    view = present_inspector(request.user, inspector, today, form, request.POST, outcome)
    return render(request, "workforce/inspector.html", {"view": view, "active_nav": NAV}, status=422)
