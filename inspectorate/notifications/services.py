"""Queueing messages. Callers say what happened and to whom; the outbox and the worker do the rest.

`message_queue` must be called inside the caller's transaction: the message row commits with the event or not
at all, and its unique key (event + channel + recipient) makes a second call for the same event a no-op. When the
transaction commits, a task is enqueued that sends it (inspectorate/notifications/sending.py).

`outbox_message_resolve` is a person's decision on a message the worker could not settle by itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, StateConflict
from inspectorate.notifications.models import OutboxMessage
from inspectorate.notifications.selectors import outbox_message_for
from inspectorate.notifications.sending import message_send_on_commit


def message_queue(
    *,
    event: str,
    recipient: Any | None = None,
    to: str = "",
    channel: str = OutboxMessage.Channel.EMAIL,
    subject: str = "",
    body: str,
) -> OutboxMessage | None:
    """Queue one message for `event` to a user (their email) or to an address/number. None when there is nowhere
    to send it (a user without an email address)."""
    address = to or (getattr(recipient, "email", "") if recipient is not None else "")
    if not address:
        return None
    who = f"user:{recipient.pk}" if recipient is not None else address
    key = f"{event}|{channel}|{who}"[:200]
    message, created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "event": event[:120],
            "channel": channel,
            "recipient": recipient,
            "to": address,
            "subject": subject[:200],
            "body": body,
        },
    )
    if created:
        message_send_on_commit(message.pk)
    return message


def message_role(*, event: str, role: Role, subject: str, body: str, exclude: Iterable[int] = ()) -> int:
    """Queue an email to everyone holding `role` (the duty desk, say). Returns how many were queued."""
    skip = set(exclude)
    queued = 0
    for user in get_user_model().objects.filter(groups__name=role.value, is_active=True).order_by("pk"):
        if user.pk in skip:
            continue
        if message_queue(event=event, recipient=user, subject=subject, body=body) is not None:
            queued += 1
    return queued


class Decision(StrEnum):
    RESEND = "resend"  # the person checked: it did not arrive, send it again
    RESOLVED = "resolved"  # the person checked: it arrived, or they told the recipient another way; do not resend


DECIDABLE = (OutboxMessage.Status.UNKNOWN, OutboxMessage.Status.GAVE_UP)


@transaction.atomic
def outbox_message_resolve(
    *, user: Any, message_id: int, decision: str, note: str, now: dt.datetime | None = None
) -> OutboxMessage:
    """A person's decision on a message whose outcome is unknown or that was given up on: send it again, or mark
    it resolved. Either way what they checked is recorded on the message and in the audit trail."""
    now = now or timezone.now()
    message = outbox_message_for(user, message_id, for_update=True)
    errors = {}
    if decision not in set(Decision):
        errors["decision"] = "Choose whether to send the message again or mark it as resolved"
    if not note.strip():
        errors["note"] = "Say what you checked, for example with the recipient or on GOV.UK Notify's dashboard"
    if errors:
        raise InvalidInput(errors)
    if message.status not in DECIDABLE:
        raise StateConflict(
            f"This message is now {message.get_status_display().lower()}: only a message whose outcome is unknown "
            "or that was given up on needs a decision.",
            current_state=message.status,
            allowed_actions=[],
            version=message.attempts,
        )
    was = message.status
    message.status = OutboxMessage.Status.QUEUED if decision == Decision.RESEND else OutboxMessage.Status.RESOLVED
    message.resolved_at, message.resolved_by, message.resolution_note = now, user, note.strip()
    message.next_attempt_at = None
    message.save(update_fields=["status", "resolved_at", "resolved_by", "resolution_note", "next_attempt_at"])
    audit_record(
        action="message_resent" if decision == Decision.RESEND else "message_resolved",
        actor=user,
        object_type="message",
        object_id=message.pk,
        details={
            "event": message.event,
            "recipient_id": message.recipient_id,
            "was": was,
            "note": message.resolution_note,
        },
        at=now,
    )
    if decision == Decision.RESEND:
        message_send_on_commit(message.pk)
    return message
