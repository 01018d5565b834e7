"""A school asks to defer its inspection. Planning carries on while the request is considered: the inspection
stays in its state until a named decider grants it, or a blanket window grants it at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.deferrals.models import BlanketDeferralWindow, DeferralRequest
from inspectorate.deferrals.services.common import at_time
from inspectorate.deferrals.services.decisions import decide_now
from inspectorate.domain.deferral_policy import (
    DeferralRuleError,
    deferral_policy_on,
    ground_for,
    refusal_to_request,
    response_due,
    unavailable_dates,
)
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import inspection_for, roles_on
from inspectorate.notifications.services import message_role
from inspectorate.web.formatting import long_date

DETAILS_LIMIT = 4000
SCHOOL_LEADERS = frozenset({Role.HEADTEACHER, Role.RESPONSIBLE_BODY})


def deferral_request(
    *,
    user: Any,
    inspection_id: int,
    ground: str,
    details: str,
    unavailable_from: dt.date | None = None,
    unavailable_until: dt.date | None = None,
    significant_concerns: str = "",
    now: dt.datetime | None = None,
) -> DeferralRequest:
    """Record a request from the school's headteacher or responsible body. Raises NotFound, NotAllowed,
    InvalidInput (the ground, the details, the dates) or StateConflict (too late, or one already awaits a decision).

    `significant_concerns`, when given, keeps a blanket window from granting the request at once: it waits for a
    named decider like any other."""
    moment = now or timezone.now()
    day = timezone.localdate(moment)
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        if not roles_on(user, inspection) & SCHOOL_LEADERS:
            raise NotAllowed("Only the school's headteacher or its responsible body may ask to defer its inspection.")
        policy = deferral_policy_on(day)
        refusal = refusal_to_request(inspection.state_enum, policy)
        if refusal:
            raise StateConflict(
                f"You cannot ask to defer this inspection now: {refusal}.",
                current_state=inspection.state,
                allowed_actions=[],
                version=inspection.version,
            )
        waiting = inspection.deferral_requests.filter(status=DeferralRequest.Status.PENDING).first()
        if waiting is not None:
            raise StateConflict(
                f"Your request of {at_time(waiting.requested_at)} is still awaiting a decision, due by "
                f"{at_time(waiting.response_due_at)}.",
                current_state=inspection.state,
                allowed_actions=[],
                version=inspection.version,
            )
        errors: dict[str, str] = {}
        ground_code = (ground or "").strip()
        try:
            ground_for(ground_code, day)
        except DeferralRuleError as err:
            errors["ground"] = str(err) if ground_code else "is required: choose the ground that fits best"
        written = (details or "").strip()
        if not written:
            errors["details"] = "is required: say what the circumstances are"
        elif len(written) > DETAILS_LIMIT:
            errors["details"] = f"is {len(written)} characters long; at most {DETAILS_LIMIT}"
        first, last, date_errors = unavailable_dates(unavailable_from, unavailable_until)
        errors.update(date_errors)
        if errors:
            raise InvalidInput(errors)
        request = DeferralRequest.objects.create(
            inspection=inspection,
            ground=ground_code,
            details=written,
            unavailable_from=first,
            unavailable_until=last,
            significant_concerns=(significant_concerns or "").strip(),
            requested_by=user,
            requested_at=moment,
            response_due_at=response_due(moment, inspection.starts_on, policy),
        )
        audit_record(
            action="deferral.request",
            actor=user,
            object_type="inspection",
            object_id=inspection.pk,
            details={
                "request": request.pk,
                "ground": request.ground,
                "details": request.details,
                "unavailable_from": first,
                "unavailable_until": last,
                "response_due_at": request.response_due_at,
            },
            at=moment,
        )
        window = covering_window(inspection)
        if window is not None and not request.significant_concerns:
            grant_under_window(request, window, moment)
        else:
            _ask_the_deciders(request)
    request.refresh_from_db()
    return request


def covering_window(inspection: Inspection) -> BlanketDeferralWindow | None:
    return (
        BlanketDeferralWindow.objects.filter(first_day__lte=inspection.starts_on, last_day__gte=inspection.starts_on)
        .order_by("declared_at", "pk")
        .first()
    )


def grant_under_window(request: DeferralRequest, window: BlanketDeferralWindow, now: dt.datetime) -> None:
    """Granted at once: the window's declarer is the named decider, and the reasons cite the window."""
    reasons = (
        f"Granted under the blanket deferral window for inspections starting from {long_date(window.first_day)} to "
        f"{long_date(window.last_day)}, declared by {window.declared_by.get_full_name() or window.declared_by.username}"
        f" on {at_time(window.declared_at)}: {window.reason}"
    )
    decide_now(request, decider=window.declared_by, grant=True, reasons=reasons, now=now, window=window)


def _ask_the_deciders(request: DeferralRequest) -> None:
    inspection = request.inspection
    body = (
        f"{inspection.establishment.name} asks to defer its inspection {inspection.reference}, starting on "
        f"{inspection.starts_on.day} {inspection.starts_on:%B %Y}, on the ground: {request.ground_label.lower()}.\n\n"
        f"{request.details}\n\nA decision with written reasons is due by {at_time(request.response_due_at)}."
    )
    subject = f"Deferral request from {inspection.establishment.name}: decide by {at_time(request.response_due_at)}"
    message_role(event=f"deferral:{request.pk}:requested", role=Role.SCHEDULER, subject=subject, body=body)
