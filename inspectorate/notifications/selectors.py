"""Reading the outbox: only administrators and the duty desk may, since messages say what happened to people."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import NotAllowed, NotFound
from inspectorate.inspections.selectors import roles_of
from inspectorate.notifications.models import OutboxMessage

OUTBOX_READERS = frozenset({Role.ADMINISTRATOR, Role.DUTY_DESK})


def may_read_outbox(user: Any) -> bool:
    return bool(roles_of(user) & OUTBOX_READERS)


def _outbox(user: Any) -> QuerySet[OutboxMessage]:
    if not may_read_outbox(user):
        raise NotAllowed("The outbox is for administrators and the duty desk.")
    return OutboxMessage.objects.select_related("recipient", "resolved_by")


def outbox_for(user: Any, *, status: str = "") -> QuerySet[OutboxMessage]:
    """Messages this person may read, newest first, of one status or all."""
    messages = _outbox(user)
    if status:
        messages = messages.filter(status=status)
    return messages.order_by("-created_at", "-pk")


def outbox_counts(user: Any) -> dict[str, int]:
    """How many messages there are of each status."""
    rows = _outbox(user).order_by().values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def outbox_message_for(user: Any, message_id: int, *, for_update: bool = False) -> OutboxMessage:
    messages = _outbox(user)
    if for_update:
        messages = messages.select_for_update(of=("self",))
    message = messages.filter(pk=message_id).first()
    if message is None:
        raise NotFound(f"There is no message {message_id} in the outbox.")
    return message
