"""The duty desk's view of the outbox: messages that need a person. A send whose outcome is unknown (the worker
stopped mid-send) is never repeated by itself, and a message given up on is never dropped: each waits here."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from inspectorate.dutydesk.items import DutyItem
from inspectorate.notifications.models import OutboxMessage
from inspectorate.notifications.presenters import recipient_name
from inspectorate.notifications.sending import sending_timeout

Status = OutboxMessage.Status
NEXT_STEP = {
    Status.UNKNOWN: "Check with the recipient or on GOV.UK Notify whether it arrived; resend it or mark it resolved.",
    Status.GAVE_UP: "Check the address or number, tell the recipient another way if it matters, then decide.",
    Status.SENDING: "The worker may have stopped: check it is running; the message will be flagged for a decision.",
}
KIND = {
    Status.UNKNOWN: "Message outcome unknown",
    Status.GAVE_UP: "Message not sent",
    Status.SENDING: "Message stuck sending",
}
SUMMARY = {
    Status.UNKNOWN: "may or may not have been sent",
    Status.GAVE_UP: "could not be sent",
    Status.SENDING: "has been sending for too long",
}


def duty_items(now: dt.datetime) -> list[DutyItem]:
    stuck = now - sending_timeout()
    messages = OutboxMessage.objects.filter(status__in=[Status.UNKNOWN, Status.GAVE_UP]) | OutboxMessage.objects.filter(
        status=Status.SENDING, sending_since__lte=stuck
    )
    items = []
    for message in messages.select_related("recipient").order_by("created_at", "pk")[:200]:
        what = message.subject or message.get_channel_display().lower()
        items.append(
            DutyItem(
                kind=KIND[Status(message.status)],
                urgency=3,
                school="",
                inspection_id=None,
                summary=f"A {message.get_channel_display().lower()} to {recipient_name(message)} ({what}) "
                f"{SUMMARY[Status(message.status)]}.",
                next_step=NEXT_STEP[Status(message.status)],
                href=reverse("outbox-message", args=[message.pk]),
                due_at=message.created_at,
                overdue=False,
            )
        )
    return items
