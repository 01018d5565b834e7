"""The outbox's demo records: one message in each state a person meets on the outbox page, replaced on each run."""

from __future__ import annotations

import datetime as dt

import pytest

from inspectorate.accounts.services import demo_accounts_create
from inspectorate.notifications.demo import demo_create
from inspectorate.notifications.models import OutboxMessage
from inspectorate.notifications.sending import messages_send_due

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status
TODAY = dt.date(2026, 3, 3)


def test_the_demo_stages_a_message_in_each_state_that_needs_explaining_and_can_run_again() -> None:
    demo_accounts_create()
    demo_create(today=TODAY)
    lines = demo_create(today=TODAY)

    assert len(lines) == 4
    assert sorted(OutboxMessage.objects.values_list("status", flat=True)) == sorted(
        [Status.SENT, Status.FAILED, Status.GAVE_UP, Status.UNKNOWN]
    )
    assert all("(fictional)" in m.subject or "(fictional)" in m.body for m in OutboxMessage.objects.all())


def test_when_the_demo_serves_its_failed_message_is_retried_and_the_unknown_one_is_left_for_a_person() -> None:
    demo_accounts_create()
    demo_create(today=TODAY)
    serving = dt.datetime(2026, 3, 3, 15, tzinfo=dt.UTC)

    messages_send_due(now=serving, after_restart=True)

    statuses = dict(OutboxMessage.objects.values_list("recipient__username", "status"))
    assert statuses == {
        "head": Status.SENT,
        "lead": Status.SENT,
        "governor": Status.GAVE_UP,
        "dutydesk": Status.UNKNOWN,
    }
