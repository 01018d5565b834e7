"""How the outbox writes times and statuses for people."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from inspectorate.notifications.models import OutboxMessage
from inspectorate.web.formatting import long_date

Status = OutboxMessage.Status

# Short enough for a tag and a filter link; the model's longer labels say what to do.
STATUS_WORDS = {
    Status.QUEUED: "Queued",
    Status.SENDING: "Sending",
    Status.SENT: "Sent",
    Status.FAILED: "Failed, will retry",
    Status.GAVE_UP: "Gave up",
    Status.UNKNOWN: "Outcome unknown",
    Status.RESOLVED: "Checked by a person",
}


def moment(value: dt.datetime | None, missing: str = "Not yet") -> str:
    """A time as GOV.UK writes it, in UK time: 22 November 2026 at 2:05pm."""
    if value is None:
        return missing
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{long_date(local.date())} at {hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
