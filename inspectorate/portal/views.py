"""The school's portal: its home, an inspection's page, and commenting on the draft report.

Who may see what is decided by `inspections.selectors` (through `inspection_for`); on top of that, an inspection's
portal page is for the school's own headteacher and responsible body, or, read-only and showing only the
provisional outcome, for someone the headteacher invited into the sharing circle. Anyone else is told there is no
such page (404), so that an inspection's existence is not given away."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from inspectorate.domain.roles import SCHOOL_ROLES
from inspectorate.inspections.errors import InvalidInput, NotAllowed, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import in_sharing_circle, inspection_for, outcome_access, roles_on
from inspectorate.inspections.services.evidence import factual_accuracy_comment_add
from inspectorate.portal.presenters.comment import present_comment_page
from inspectorate.portal.presenters.home import present_home
from inspectorate.portal.presenters.inspection import present_portal_inspection
from inspectorate.portal.presenters.outcome import present_shared_outcome
from inspectorate.portal.selectors import portal_standing
from inspectorate.web.refusals import forbidden, found

NAV = "portal"


def school_inspection(request: HttpRequest, inspection_id: int) -> Inspection:
    """The inspection, if this person is its school's headteacher or responsible body; 404 for anyone else."""
    inspection = found(lambda: inspection_for(request.user, inspection_id))
    if not roles_on(request.user, inspection) & SCHOOL_ROLES:
        raise Http404(f"There is no inspection {inspection_id} of your school.")
    return inspection


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not portal_standing(request.user):
        return forbidden(
            request, "The portal is for schools being inspected and the people they share outcomes with.", nav=NAV
        )
    return render(request, "portal/home.html", {"view": present_home(request.user), "active_nav": NAV})


@login_required
@require_GET
def inspection_page(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = found(lambda: inspection_for(request.user, inspection_id))
    today = timezone.localdate()
    if roles_on(request.user, inspection) & SCHOOL_ROLES:
        view = present_portal_inspection(request.user, inspection, today=today)
        return render(request, "portal/inspection.html", {"view": view, "active_nav": NAV})
    if in_sharing_circle(request.user, inspection):
        shared = present_shared_outcome(request.user, inspection, outcome_access(request.user, inspection, today=today))
        return render(request, "portal/shared.html", {"view": shared, "active_nav": NAV})
    raise Http404(f"There is no inspection {inspection_id} of your school.")


@login_required
@require_http_methods(["GET", "POST"])
def comment(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = school_inspection(request, inspection_id)
    today = timezone.localdate()
    if request.method == "GET":
        return _comment_page(request, inspection)
    try:
        factual_accuracy_comment_add(
            user=request.user, inspection_id=inspection.pk, text=request.POST.get("text", ""), today=today
        )
    except InvalidInput as err:
        return _comment_page(request, inspection, errors=err.field_errors, status=422)
    except StateConflict as err:
        return _comment_page(request, inspection, refused=err.message, status=409)
    except NotAllowed as err:
        return forbidden(request, err.message, nav=NAV)
    messages.success(request, "Your comments are sent to the inspection team.")
    return redirect("portal-inspection", inspection.pk)


def _comment_page(
    request: HttpRequest,
    inspection: Inspection,
    *,
    errors: dict[str, str] | None = None,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    view = present_comment_page(
        inspection, today=timezone.localdate(), submitted=request.POST, errors=errors, refused=refused
    )
    return render(request, "portal/comment.html", {"view": view, "active_nav": NAV}, status=status)
