"""Deciding a deferral request: a named decider grants or declines it with written reasons. A grant takes the
lifecycle's `defer` transition in the same transaction, so the request and the inspection never disagree."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.deferrals.models import BlanketDeferralWindow, DeferralRequest
from inspectorate.deferrals.services.common import at_time, request_for, require_decider
from inspectorate.inspections.errors import InvalidInput, StateConflict
from inspectorate.inspections.services.lifecycle import inspection_act
from inspectorate.notifications.services import message_queue

REASONS_LIMIT = 4000


def deferral_decide(
    *, user: Any, request_id: int, grant: bool, reasons: str, now: dt.datetime | None = None
) -> DeferralRequest:
    """Grant or decline a pending request. Raises NotFound, NotAllowed, InvalidInput (no reasons) or StateConflict
    (already decided, or the inspection has moved on so that it can no longer be deferred)."""
    moment = now or timezone.now()
    with transaction.atomic():
        request = request_for(user, request_id)
        require_decider(user)
        written = (reasons or "").strip()
        if not written:
            raise InvalidInput({"reasons": "is required: the school is told why"})
        if len(written) > REASONS_LIMIT:
            raise InvalidInput({"reasons": f"is {len(written)} characters long; at most {REASONS_LIMIT}"})
        if request.status != DeferralRequest.Status.PENDING:
            raise _already_decided(request)
        decide_now(request, decider=user, grant=grant, reasons=written, now=moment)
    return request


def decide_now(
    request: DeferralRequest,
    *,
    decider: Any,
    grant: bool,
    reasons: str,
    now: dt.datetime,
    window: BlanketDeferralWindow | None = None,
) -> None:
    """Record the decision, take the transition on a grant, tell the school. Inside the caller's transaction."""
    status = DeferralRequest.Status.GRANTED if grant else DeferralRequest.Status.DECLINED
    # Of two deciders at once, one wins: the update only matches a request still pending.
    updated = DeferralRequest.objects.filter(pk=request.pk, status=DeferralRequest.Status.PENDING).update(
        status=status, decider=decider, decided_at=now, reasons=reasons, blanket_window=window
    )
    if not updated:
        request.refresh_from_db()
        raise _already_decided(request)
    request.refresh_from_db()
    if grant:
        inspection_act(
            user=decider,
            inspection_id=request.inspection_id,
            action="defer",
            reason=f"Deferral granted ({request.ground_label.lower()}): {reasons}",
            data={
                "unavailable_from": request.unavailable_from.isoformat() if request.unavailable_from else None,
                "unavailable_until": request.unavailable_until.isoformat() if request.unavailable_until else None,
            },
            today=timezone.localdate(now),
            now=now,
        )
    audit_record(
        action="deferral.grant" if grant else "deferral.decline",
        actor=decider,
        object_type="inspection",
        object_id=request.inspection_id,
        details={
            "request": request.pk,
            "ground": request.ground,
            "reasons": reasons,
            "blanket_window": window.pk if window else None,
        },
        at=now,
    )
    _tell_the_school(request)


def _tell_the_school(request: DeferralRequest) -> None:
    inspection = request.inspection
    school = inspection.establishment.name
    if request.status == DeferralRequest.Status.GRANTED:
        subject = f"Your request to defer the inspection of {school} is granted"
        outcome = "is granted. The inspection will not go ahead as planned; we will be in touch to rearrange it."
    else:
        subject = f"Your request to defer the inspection of {school} is declined"
        outcome = "is declined. The inspection goes ahead as planned."
    assert request.decided_at is not None  # noqa: S101 - decided just above
    body = (
        f"Your request of {at_time(request.requested_at)} to defer the inspection {inspection.reference}, "
        f"starting on {inspection.starts_on.day} {inspection.starts_on:%B %Y}, {outcome}\n\n"
        f"Decided on {at_time(request.decided_at)}. Reasons: {request.reasons}\n\n"
        "If you want to talk about this, call the inspector who notified you or the duty desk."
    )
    message_queue(event=f"deferral:{request.pk}:decided", recipient=request.requested_by, subject=subject, body=body)


def _already_decided(request: DeferralRequest) -> StateConflict:
    return StateConflict(
        f"This request was already {request.get_status_display().lower()}"
        + (f" on {at_time(request.decided_at)}" if request.decided_at else "")
        + ": a decision, once made, stands.",
        current_state=request.status,
        allowed_actions=[],
        version=0,
    )
