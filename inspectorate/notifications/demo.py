"""The outbox's demo records: one message in each state a person may meet on the outbox page, to the demo
accounts, about Larkspur Primary School (fictional). Every other demo message is queued by the mechanisms' own
demo data and sent by the worker when `make demo` serves.

The failed, given-up and unknown ones are staged (no provider was called) and say so. Running it again replaces
them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.notifications.models import OutboxMessage

Status = OutboxMessage.Status
EVENT_PREFIX = "demo:outbox:"
SCHOOL = "Larkspur Primary School (fictional)"


@dataclass(frozen=True)
class Staged:
    name: str
    username: str
    channel: str
    to: str  # "" for the account's email address
    subject: str
    body: str
    status: str
    last_error: str = ""


STAGED = (
    Staged(
        "notified",
        "head",
        OutboxMessage.Channel.EMAIL,
        "",
        f"Inspection of {SCHOOL}",
        f"Your school, {SCHOOL}, will be inspected. The lead inspector, Lee Lead, will call you to plan it.\n"
        "Support at any time: Education Support 08000 562 561 (free, open at all hours), Samaritans 116 123.",
        Status.SENT,
    ),
    Staged(
        "reminder",
        "lead",
        OutboxMessage.Channel.SMS,
        "07700 900461",  # a number Ofcom keeps for drama: it belongs to nobody
        "",
        f"Reminder: the end-of-day wellbeing check-in with the headteacher of {SCHOOL} is due today.",
        Status.FAILED,
        "(Demo, staged) Notify could not take the message now (500 - Internal server error). Retrying with back-off.",
    ),
    Staged(
        "governor",
        "governor",
        OutboxMessage.Channel.EMAIL,
        "gil.governor@not-an-address",
        f"The provisional outcome for {SCHOOL}",
        "The headteacher has shared the provisional outcome with you. Sign in to read it; it is confidential "
        "until the report is published.",
        Status.GAVE_UP,
        "(Demo, staged) Refused, not retried: Notify refused the message (400 - email_address Not a valid email "
        "address).",
    ),
    Staged(
        "desk",
        "dutydesk",
        OutboxMessage.Channel.EMAIL,
        "",
        f"Distress recorded at {SCHOOL}",
        "An inspector recorded signs of distress. A pause has been offered. Call the headteacher today.",
        Status.UNKNOWN,
        "(Demo, staged) Sending was interrupted (attempt 1): the worker stopped before Notify answered, so it may "
        "or may not have gone. Check before resending.",
    ),
)


@transaction.atomic
def demo_create(*, today: dt.date) -> list[str]:
    OutboxMessage.objects.filter(event__startswith=EVENT_PREFIX).delete()
    people = {u.username: u for u in User.objects.filter(username__in={s.username for s in STAGED})}
    noon = timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
    made = []
    for hours_ago, staged in enumerate(reversed(STAGED), start=1):
        person = people.get(staged.username)
        if person is None:
            continue  # the demo accounts come first (inspectorate create-demo-accounts)
        at = noon - dt.timedelta(hours=hours_ago)
        made.append(_stage(staged, person, at))
    return [f"Outbox: {m.get_channel_display().lower()} to {m.to}, {m.get_status_display().lower()}" for m in made]


def _stage(staged: Staged, person: User, at: dt.datetime) -> OutboxMessage:
    failed = staged.status == Status.FAILED
    message = OutboxMessage.objects.create(
        key=f"{EVENT_PREFIX}{staged.name}|{staged.channel}|user:{person.pk}",
        event=f"{EVENT_PREFIX}{staged.name}",
        channel=staged.channel,
        recipient=person,
        to=staged.to or person.email,
        subject=staged.subject,
        body=staged.body,
        status=staged.status,
        attempts=0 if staged.status == Status.QUEUED else 1,
        last_error=staged.last_error,
        provider_reference="local-outbox-demo" if staged.status == Status.SENT else "",
        sent_at=at + dt.timedelta(seconds=2) if staged.status == Status.SENT else None,
        # A retry that falls due once the demo serves: the worker then sends it to the local outbox.
        next_attempt_at=at + dt.timedelta(minutes=1) if failed else None,
    )
    OutboxMessage.objects.filter(pk=message.pk).update(created_at=at)  # auto_now_add ignores a given time
    message.created_at = at
    return message
