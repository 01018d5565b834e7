"""A request not answered by its response target: the duty desk is alerted, once per request."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.deferrals.models import DeferralRequest
from inspectorate.deferrals.services.common import at_time
from inspectorate.domain.roles import Role
from inspectorate.notifications.services import message_role


def overdue_requests(now: dt.datetime) -> list[DeferralRequest]:
    return list(
        DeferralRequest.objects.filter(status=DeferralRequest.Status.PENDING, response_due_at__lt=now)
        .select_related("inspection__establishment")
        .order_by("response_due_at", "pk")
    )


def deferral_alerts_raise(*, now: dt.datetime | None = None) -> int:
    """Alert the duty desk to each pending request past its response target that has not been alerted yet.
    Returns how many were alerted now; running it again alerts nobody twice."""
    moment = now or timezone.now()
    alerted = 0
    with transaction.atomic():
        for request in overdue_requests(moment):
            if not DeferralRequest.objects.filter(pk=request.pk, overdue_alerted_at__isnull=True).update(
                overdue_alerted_at=moment
            ):
                continue  # another run got there first
            inspection = request.inspection
            school = inspection.establishment.name
            message_role(
                event=f"deferral:{request.pk}:overdue",
                role=Role.DUTY_DESK,
                subject=f"Deferral request from {school} not answered in time",
                body=(
                    f"{school} asked on {at_time(request.requested_at)} to defer its inspection "
                    f"{inspection.reference} ({request.ground_label.lower()}). A decision was due by "
                    f"{at_time(request.response_due_at)} and none has been made. Decide it now, with written "
                    "reasons, and tell the school."
                ),
            )
            audit_record(
                action="deferral.response_overdue",
                actor=None,
                object_type="inspection",
                object_id=inspection.pk,
                details={"request": request.pk, "response_due_at": request.response_due_at},
                at=moment,
            )
            alerted += 1
    return alerted
