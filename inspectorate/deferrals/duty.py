"""What the duty desk must see from deferrals: requests awaiting a decision (overdue ones first) and inspections
where entry was refused, each with what to do next."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from inspectorate.deferrals.models import DeferralRequest
from inspectorate.deferrals.services.common import at_time
from inspectorate.domain.workflow import State
from inspectorate.dutydesk.items import DutyItem
from inspectorate.inspections.models import Inspection, StateChange


def duty_items(now: dt.datetime) -> list[DutyItem]:
    return [*_awaiting_decision(now), *_entry_refused()]


def _awaiting_decision(now: dt.datetime) -> list[DutyItem]:
    items = []
    waiting = DeferralRequest.objects.filter(status=DeferralRequest.Status.PENDING).select_related(
        "inspection__establishment"
    )
    for request in waiting.order_by("response_due_at", "pk"):
        inspection = request.inspection
        overdue = request.response_due_at < now
        items.append(
            DutyItem(
                kind="Deferral request awaiting a decision",
                urgency=2 if overdue else 3,
                school=inspection.establishment.name,
                inspection_id=inspection.pk,
                summary=(
                    f"Asked on {at_time(request.requested_at)} to defer {inspection.reference} "
                    f"({request.ground_label.lower()})"
                    + (f"; the decision was due by {at_time(request.response_due_at)}." if overdue else ".")
                ),
                next_step="Grant or decline it with written reasons; the school is waiting to hear.",
                href=reverse("deferral-decide", args=[request.pk]),
                due_at=request.response_due_at,
                overdue=overdue,
            )
        )
    return items


def _entry_refused() -> list[DutyItem]:
    items = []
    for inspection in Inspection.objects.filter(state=State.ENTRY_REFUSED.value).select_related("establishment"):
        change: StateChange | None = (
            inspection.state_changes.filter(action="record_refused_entry").order_by("-sequence").first()
        )
        who = (change.payload or {}).get("refused_by") if change else ""
        when = f" on {at_time(change.at)}" if change else ""
        items.append(
            DutyItem(
                kind="Entry refused",
                urgency=2,
                school=inspection.establishment.name,
                inspection_id=inspection.pk,
                summary=f"Entry to {inspection.reference} was refused{when}" + (f" by {who}." if who else "."),
                next_step=(
                    "Speak to the lead inspector and the school; then reschedule (return it to planning) or take "
                    "the matter further."
                ),
                href=reverse("refused-entry-record", args=[inspection.pk]),
            )
        )
    return items
