"""The sharing circle's pages: the headteacher's page to invite and withdraw, and the invitee's one-time link to
choose a password (docs/adr/0018)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import roles_on
from inspectorate.portal.presenters.circle import present_circle
from inspectorate.portal.presenters.welcome import present_welcome
from inspectorate.portal.services import circle_invite, circle_password_set, circle_withdraw, welcome_member
from inspectorate.portal.views import NAV, school_inspection
from inspectorate.web.refusals import forbidden, found

ONLY_THE_HEAD = "Only the school's headteacher chooses whom to share the provisional outcome with."


@login_required
@require_http_methods(["GET", "POST"])
def circle(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = school_inspection(request, inspection_id)
    if Role.HEADTEACHER not in roles_on(request.user, inspection):
        return forbidden(request, ONLY_THE_HEAD, nav=NAV)
    if request.method == "GET":
        return _circle_page(request, inspection)
    try:
        member = circle_invite(
            user=request.user,
            inspection_id=inspection.pk,
            name=request.POST.get("name", ""),
            email=request.POST.get("email", ""),
            relationship=request.POST.get("relationship", ""),
        )
    except InvalidInput as err:
        return _circle_page(request, inspection, errors=err.field_errors, status=422)
    except StateConflict as err:
        return _circle_page(request, inspection, errors={"name": err.message}, status=409)
    except NotAllowed as err:
        return forbidden(request, err.message, nav=NAV)
    messages.success(
        request,
        f"{member.name} is invited. Give them the link below (it works once) so they can choose a password and "
        f"sign in as {member.user.username}.",
    )
    return redirect("circle", inspection.pk)


@login_required
@require_POST
def withdraw(request: HttpRequest, inspection_id: int, member_id: int) -> HttpResponse:
    inspection = school_inspection(request, inspection_id)
    try:
        member = circle_withdraw(user=request.user, inspection_id=inspection.pk, member_id=member_id)
    except NotFound as err:
        raise Http404(err.message) from err
    except NotAllowed as err:
        return forbidden(request, err.message, nav=NAV)
    except StateConflict as err:
        return _circle_page(request, inspection, errors={"name": err.message}, status=409)
    messages.success(request, f"{member.name} can no longer read the provisional outcome.")
    return redirect("circle", inspection.pk)


def _circle_page(
    request: HttpRequest, inspection: Inspection, *, errors: dict[str, str] | None = None, status: int = 200
) -> HttpResponse:
    view = present_circle(
        inspection,
        absolute=request.build_absolute_uri,
        submitted=request.POST if errors else None,
        errors=errors,
    )
    return render(request, "portal/circle.html", {"view": view, "active_nav": NAV}, status=status)


@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    """The invitee's one-time link: choose a password, and be signed in to read what was shared."""
    member = found(lambda: welcome_member(uid, token))
    if request.method == "GET":
        return render(request, "portal/welcome.html", {"view": present_welcome(member), "active_nav": NAV})
    try:
        account = circle_password_set(
            uid=uid,
            token=token,
            password=request.POST.get("password", ""),
            password_again=request.POST.get("password_again", ""),
        )
    except InvalidInput as err:
        view = present_welcome(member, errors=err.field_errors)
        return render(request, "portal/welcome.html", {"view": view, "active_nav": NAV}, status=422)
    except NotFound as err:
        raise Http404(err.message) from err
    login(request, account, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, f"Your password is set. You are signed in as {account.username}.")
    return redirect("portal-inspection", member.inspection_id)
