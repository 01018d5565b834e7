"""The background task that sends one outbox message; `inspectorate db_worker` runs it (docs/adr/0019)."""

from __future__ import annotations

from django.tasks import task

from inspectorate.notifications.sending import message_send


@task()
def message_send_task(message_id: int) -> str:
    """Send the message if it is still due; the outcome is recorded on the message, and returned for the log."""
    message = message_send(message_id=message_id)
    return message.status if message is not None else "not due: already sent, being sent, or waiting"
