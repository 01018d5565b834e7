"""An administrator declares a blanket deferral window: every request for an inspection starting in it is granted
at once unless there are significant concerns. Requests already waiting for such inspections are granted too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.deferrals.models import BlanketDeferralWindow, DeferralRequest
from inspectorate.deferrals.services.requests import grant_under_window
from inspectorate.domain.deferral_policy import deferral_policy_on
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed
from inspectorate.inspections.selectors import roles_of

REASON_LIMIT = 2000


def blanket_window_declare(
    *, user: Any, first_day: dt.date | None, last_day: dt.date | None, reason: str, now: dt.datetime | None = None
) -> BlanketDeferralWindow:
    """Raises NotAllowed (not an administrator) or InvalidInput (missing or backwards dates, no reason)."""
    moment = now or timezone.now()
    if Role.ADMINISTRATOR not in roles_of(user):
        raise NotAllowed("Only an administrator may declare a blanket deferral window.")
    errors: dict[str, str] = {}
    if first_day is None:
        errors["first_day"] = "is required"
    if last_day is None:
        errors["last_day"] = "is required"
    elif first_day is not None and last_day < first_day:
        errors["last_day"] = "must be on or after the first day"
    written = (reason or "").strip()
    if not written:
        errors["reason"] = "is required: schools and deciders read it"
    elif len(written) > REASON_LIMIT:
        errors["reason"] = f"is {len(written)} characters long; at most {REASON_LIMIT}"
    if errors or first_day is None or last_day is None:
        raise InvalidInput(errors)
    with transaction.atomic():
        window = BlanketDeferralWindow.objects.create(
            first_day=first_day, last_day=last_day, declared_by=user, reason=written, declared_at=moment
        )
        audit_record(
            action="deferral.blanket_window_declare",
            actor=user,
            object_type="blanket_deferral_window",
            object_id=window.pk,
            details={"first_day": first_day, "last_day": last_day, "reason": written},
            at=moment,
        )
        waiting = DeferralRequest.objects.filter(
            status=DeferralRequest.Status.PENDING,
            significant_concerns="",
            inspection__starts_on__gte=first_day,
            inspection__starts_on__lte=last_day,
            inspection__state__in=[s.value for s in deferral_policy_on(timezone.localdate(moment)).open_states],
        ).select_related("inspection__establishment", "requested_by")
        for request in waiting:
            grant_under_window(request, window, moment)
    return window
