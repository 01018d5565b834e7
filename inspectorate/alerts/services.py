"""Raising and resolving alerts for missed targets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from inspectorate.alerts.models import Alert
from inspectorate.audit.services import audit_record
from inspectorate.domain.workflow import State
from inspectorate.inspections.models import Inspection

# Reports still on their way to publication: the wait the coroner named, during which the school must keep quiet.
AWAITING_PUBLICATION = (
    State.FINAL_FEEDBACK_GIVEN,
    State.DRAFTING,
    State.QUALITY_ASSURANCE,
    State.FACTUAL_ACCURACY_CHECK,
    State.FINALISED,
)


@dataclass(frozen=True)
class AlertsReport:
    raised: int
    resolved: int
    open: int


def alerts_raise(*, today: dt.date | None = None, now: dt.datetime | None = None) -> AlertsReport:
    """Raise an alert for each report past its publication target; resolve those published since. Idempotent."""
    moment = now or timezone.now()
    day = today or timezone.localdate(moment)
    raised = resolved = 0
    with transaction.atomic():
        overdue = Inspection.objects.filter(
            state__in=[s.value for s in AWAITING_PUBLICATION], publication_target__lt=day
        ).select_related("establishment")
        already = set(
            Alert.objects.filter(kind=Alert.Kind.PUBLICATION_OVERDUE, resolved_at__isnull=True).values_list(
                "inspection_id", flat=True
            )
        )
        for inspection in overdue:
            if inspection.pk in already:
                continue
            target = inspection.publication_target
            assert target is not None  # noqa: S101 - filtered above
            Alert.objects.create(
                kind=Alert.Kind.PUBLICATION_OVERDUE,
                inspection=inspection,
                message=(
                    f"The report of {inspection.establishment.name} ({inspection.reference}) was due to be published "
                    f"by {target:%d %B %Y} and is still {inspection.state_label.lower()}."
                ),
                due_on=target,
                raised_at=moment,
            )
            audit_record(
                action="alert.raise",
                actor=None,
                object_type="inspection",
                object_id=inspection.pk,
                details={"kind": Alert.Kind.PUBLICATION_OVERDUE.value, "due_on": target.isoformat()},
                at=moment,
            )
            raised += 1
        done = Alert.objects.filter(kind=Alert.Kind.PUBLICATION_OVERDUE, resolved_at__isnull=True).exclude(
            inspection__state__in=[s.value for s in AWAITING_PUBLICATION]
        )
        resolved = done.update(resolved_at=moment)
        open_count = Alert.objects.filter(resolved_at__isnull=True).count()
    return AlertsReport(raised=raised, resolved=resolved, open=open_count)


def open_alerts() -> list[Alert]:
    return list(Alert.objects.filter(resolved_at__isnull=True).select_related("inspection__establishment"))
