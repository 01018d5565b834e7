"""Sending what the outbox holds. The task the worker runs and `inspectorate send-due-messages` both come here.

Each attempt is recorded before the provider is called: the message is claimed (queued or due for a retry ->
sending, one more attempt) in its own committed transaction, so two workers never send the same message and a
crash mid-send leaves a visible `sending` row behind. Such a row is never sent again by itself: once it is older
than the sending timeout (or at a worker's restart) it becomes `unknown`, for a person to check (docs/adr/0019).

Call these outside any transaction: the claim must be committed before the provider is called.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.domain.message_retry import RetryPolicy
from inspectorate.notifications.backends import Backend, SendFailed, SendOutcomeUnknown, SendRefused, backend_current
from inspectorate.notifications.models import OutboxMessage
from inspectorate.notifications.wording import moment

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status

DEFAULT_SENDING_TIMEOUT = dt.timedelta(minutes=10)  # far longer than Notify's client waits for an answer (30 s)


def retry_policy() -> RetryPolicy:
    return RetryPolicy.from_mapping(getattr(settings, "NOTIFY_RETRY", {}))


def sending_timeout() -> dt.timedelta:
    seconds = getattr(settings, "NOTIFY_SENDING_TIMEOUT_SECONDS", None)
    return DEFAULT_SENDING_TIMEOUT if seconds is None else dt.timedelta(seconds=seconds)


def due(now: dt.datetime) -> Q:
    """Messages waiting to be sent: new ones, and failed ones whose back-off has run out."""
    return Q(status=Status.QUEUED) | Q(status=Status.FAILED, next_attempt_at__lte=now)


def message_send_later(message_id: int, at: dt.datetime | None = None) -> None:
    """Enqueue the task that sends the message (at `at`, or as soon as a worker is free). A failure to enqueue
    loses nothing: the message stays due in the outbox and `send-due-messages` sends it."""
    from inspectorate.notifications.tasks import message_send_task  # the task module imports this one

    try:
        task = message_send_task
        if at is not None and task.get_backend().supports_defer:
            task = task.using(run_after=at)
        task.enqueue(message_id)
    except Exception:
        logger.exception("Could not enqueue the send of outbox message %s; send-due-messages will send it", message_id)


def message_send_on_commit(message_id: int, at: dt.datetime | None = None) -> None:
    """Enqueue the send once the current transaction commits: a rolled-back event sends nothing."""
    transaction.on_commit(lambda: message_send_later(message_id, at), robust=True)


def _claim(message_id: int, now: dt.datetime) -> OutboxMessage | None:
    """Mark the message `sending` if it is due and nobody else has it; commit; None if it was not ours to send."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(due(now), pk=message_id).first()
        if message is None:
            return None
        message.status = Status.SENDING
        message.attempts += 1
        message.sending_since = now
        message.next_attempt_at = None
        message.save(update_fields=["status", "attempts", "sending_since", "next_attempt_at"])
    return message


def message_send(
    *, message_id: int, now: dt.datetime | None = None, backend: Backend | None = None
) -> OutboxMessage | None:
    """Send one message if it is due. Returns it as it now stands, or None if it was not due (already sent, being
    sent by someone else, waiting for its back-off, or waiting for a person)."""
    now = now or timezone.now()
    backend = backend or backend_current()
    message = _claim(message_id, now)
    if message is None:
        return None
    try:
        reference = backend.send(message)
    except SendRefused as err:
        _gave_up(message, f"Refused, not retried: {err}", now)
    except SendFailed as err:
        _failed(message, str(err), now)
    except SendOutcomeUnknown as err:
        _unknown(message, str(err), now)
    except Exception as err:  # a fault of ours mid-send: whether it went is not known, so do not repeat it
        logger.exception("Sending outbox message %s failed unexpectedly", message.pk)
        _unknown(message, f"Unexpected error while sending: {err!r}", now)
    else:
        _finish(message, status=Status.SENT, provider_reference=reference[:100], sent_at=now, last_error="")
    return message


def _finish(message: OutboxMessage, **changes: object) -> bool:
    """Record the attempt's outcome, unless a person has meanwhile decided on the message (it is no longer sending
    or unknown) or it has been attempted again since (the attempt number moved on)."""
    changes.setdefault("sending_since", None)
    attempt = Q(pk=message.pk, attempts=message.attempts)
    # A send that outlived the timeout was flagged `unknown`; its real outcome, arriving late, is better news.
    updated = OutboxMessage.objects.filter(attempt, status__in=[Status.SENDING, Status.UNKNOWN]).update(**changes)
    for name, value in changes.items():
        setattr(message, name, value)
    return updated == 1


def _failed(message: OutboxMessage, error: str, now: dt.datetime) -> None:
    delay = retry_policy().delay_after(message.attempts)
    if delay is None:
        _gave_up(message, f"Gave up after {message.attempts} attempts. Last error: {error}", now)
        return
    retry_at = now + delay
    if _finish(message, status=Status.FAILED, next_attempt_at=retry_at, last_error=error[:2000]):
        message_send_later(message.pk, at=retry_at)


def _gave_up(message: OutboxMessage, error: str, now: dt.datetime) -> None:
    with transaction.atomic():
        if _finish(message, status=Status.GAVE_UP, last_error=error[:2000]):
            _audit("message_gave_up", message, now, error)


def _unknown(message: OutboxMessage, error: str, now: dt.datetime) -> None:
    with transaction.atomic():
        if _finish(message, status=Status.UNKNOWN, last_error=error[:2000]):
            _audit("message_outcome_unknown", message, now, error)


def _audit(action: str, message: OutboxMessage, now: dt.datetime, why: str) -> None:
    # Ids, not addresses: the audit trail keeps no personal data it cannot erase (docs/adr/0010).
    details = {"event": message.event, "recipient_id": message.recipient_id, "attempts": message.attempts, "why": why}
    audit_record(action=action, actor=None, object_type="message", object_id=message.pk, details=details, at=now)


def messages_flag_interrupted(*, now: dt.datetime | None = None, older_than: dt.timedelta | None = None) -> int:
    """Messages left `sending` longer than the timeout (or, with older_than=0 at a lone worker's restart, all of
    them) were interrupted mid-send: Notify may have them. Mark them `unknown` for a person; never resend them."""
    now = now or timezone.now()
    cutoff = now - (sending_timeout() if older_than is None else older_than)
    flagged = 0
    for message in OutboxMessage.objects.filter(status=Status.SENDING, sending_since__lte=cutoff).order_by("pk"):
        started = moment(message.sending_since, missing="at a time not recorded")
        why = f"Sending was interrupted (attempt {message.attempts}, started {started}): it may or may not have gone."
        with transaction.atomic():
            updated = OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING, attempts=message.attempts)
            if updated.update(status=Status.UNKNOWN, last_error=why, sending_since=None) == 1:
                _audit("message_outcome_unknown", message, now, why)
                flagged += 1
    return flagged


@dataclass(frozen=True)
class SendReport:
    flagged_unknown: int
    outcomes: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        sent = ", ".join(f"{count} {status}" for status, count in sorted(self.outcomes.items())) or "nothing due"
        return f"Sent due messages: {sent}; {self.flagged_unknown} interrupted send(s) flagged for a person."


def messages_send_due(
    *, now: dt.datetime | None = None, after_restart: bool = False, limit: int = 500, backend: Backend | None = None
) -> SendReport:
    """Flag interrupted sends, then send every message that is due (oldest first, at most `limit`)."""
    now = now or timezone.now()
    flagged = messages_flag_interrupted(now=now, older_than=dt.timedelta(0) if after_restart else None)
    backend = backend or backend_current()
    outcomes: Counter[str] = Counter()
    due_ids = OutboxMessage.objects.filter(due(now)).order_by("created_at", "pk").values_list("pk", flat=True)
    for message_id in list(due_ids[:limit]):
        message = message_send(message_id=message_id, now=now, backend=backend)
        if message is not None:
            outcomes[message.status] += 1
    return SendReport(flagged_unknown=flagged, outcomes=outcomes)
