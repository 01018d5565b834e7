"""Inspections that did not happen, or did not finish, as the scheduler's `ReturnedInspection` records: what
`inspectorate.domain.scheduling.queue.due_queue` takes to put the school back among those due, with the dates it
cannot take.

A system read for the scheduler's queue (its pages check who is asking); nothing here is shown to a person
directly."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from inspectorate.deferrals.models import DeferralRequest
from inspectorate.domain.scheduling.school import BlockedDates, ReturnedInspection, ReturnReason
from inspectorate.domain.workflow import State
from inspectorate.inspections.models import Inspection, StateChange

RETURNED: dict[str, ReturnReason] = {
    State.DEFERRED.value: ReturnReason.DEFERRED,
    State.ENTRY_REFUSED.value: ReturnReason.REFUSED_ENTRY,
    State.INCOMPLETE.value: ReturnReason.PAUSED_TOO_LONG,
}


def returned_inspections(on: dt.date) -> list[ReturnedInspection]:
    """Every inspection now deferred, refused entry or incomplete that was sent back on or before `on`, with the
    dates its school cannot take that still matter on `on` (blocks that ended earlier are dropped)."""
    inspections = Inspection.objects.filter(state__in=list(RETURNED)).select_related("establishment").order_by("pk")
    returned = []
    for inspection in inspections:
        change = _sent_back(inspection)
        if change is None:
            continue  # pragma: no cover - every state above is reached by a recorded transition
        returned_on = timezone.localdate(change.at)
        if returned_on > on:
            continue
        returned.append(
            ReturnedInspection(
                urn=inspection.establishment.urn,
                reason=RETURNED[inspection.state],
                returned_on=returned_on,
                cannot_take=_blocked(inspection, change, on),
            )
        )
    return returned


def _sent_back(inspection: Inspection) -> StateChange | None:
    return inspection.state_changes.filter(to_state=inspection.state).order_by("-sequence").first()


def _blocked(inspection: Inspection, change: StateChange, on: dt.date) -> tuple[BlockedDates, ...]:
    payload = change.payload or {}
    first, last = payload.get("unavailable_from"), payload.get("unavailable_until")
    if change.action != "defer" or not first:
        return ()
    first_day = dt.date.fromisoformat(first)
    last_day = dt.date.fromisoformat(last) if last else first_day
    if last_day < on:
        return ()
    return (BlockedDates(first_day, last_day, _why(inspection, change)),)


def _why(inspection: Inspection, change: StateChange) -> str:
    """The granted request's ground, when the deferral came from one; else the reason the planner gave."""
    granted = (
        DeferralRequest.objects.filter(inspection=inspection, status=DeferralRequest.Status.GRANTED)
        .order_by("-decided_at", "-pk")
        .first()
    )
    if granted is not None:
        return f"deferral granted: {granted.ground_label.lower()}"
    return change.reason
