"""The duty desk's view of alerts: reports past their publication target."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from inspectorate.alerts.models import Alert
from inspectorate.dutydesk.items import DutyItem


def duty_items(now: dt.datetime) -> list[DutyItem]:
    items = []
    for alert in Alert.objects.filter(resolved_at__isnull=True).select_related("inspection__establishment"):
        inspection = alert.inspection
        due = timezone.make_aware(dt.datetime.combine(alert.due_on, dt.time(18)))
        items.append(
            DutyItem(
                kind="Report past its publication target",
                urgency=4,
                school=inspection.establishment.name if inspection else "",
                inspection_id=inspection.pk if inspection else None,
                summary=alert.message,
                next_step="Ask quality assurance and the lead inspector what holds the report up; tell the school.",
                href=reverse("inspection-detail", args=[inspection.pk]) if inspection else "",
                due_at=due,
                overdue=True,
            )
        )
    return items
