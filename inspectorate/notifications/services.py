"""Queueing messages. Callers say what happened and to whom; the outbox and the worker do the rest.

`message_queue` must be called inside the caller's transaction: the message row commits with the event or not
at all, and its unique key (event + channel + recipient) makes a second call for the same event a no-op.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group

from inspectorate.domain.roles import Role
from inspectorate.notifications.models import OutboxMessage


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
    message, _ = OutboxMessage.objects.get_or_create(
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
    return message


def message_role(*, event: str, role: Role, subject: str, body: str, exclude: Iterable[int] = ()) -> int:
    """Queue an email to everyone holding `role` (the duty desk, say). Returns how many were queued."""
    group = Group.objects.filter(name=role.value).first()
    if group is None:
        return 0
    skip = set(exclude)
    queued = 0
    for user in group.user_set.filter(is_active=True).order_by("pk"):
        if user.pk in skip:
            continue
        if message_queue(event=event, recipient=user, subject=subject, body=body) is not None:
            queued += 1
    return queued
