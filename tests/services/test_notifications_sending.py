"""Queueing and sending messages: once per event and recipient, only when the event commits, retried with
back-off and never lost, and never silently repeated after a crash mid-send.

How the task queue is driven here: the settings keep django-tasks-db's database backend, as in production, so a
committed `message_queue` writes a task row; tests run it with the real worker in batch mode (`run_worker`, in a
transactional test: the worker closes its connection between tasks), or call the sending service directly with a
fixed `now` and a scripted backend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from inspectorate.audit.models import AuditEntry
from inspectorate.domain.roles import Role
from inspectorate.notifications.backends import OutboxMessage, SendFailed, SendOutcomeUnknown, SendRefused
from inspectorate.notifications.duty import duty_items
from inspectorate.notifications.sending import message_send, messages_send_due
from inspectorate.notifications.services import message_queue, message_role
from tests import factories
from tests.lifecycle_support import at

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status
T0 = at(dt.date(2026, 3, 3), 9)
MINUTE = dt.timedelta(minutes=1)


class ScriptedBackend:
    """A provider that answers each attempt with the next item of its script: a reference, or an error to raise."""

    name = "scripted"

    def __init__(self, *answers: str | BaseException) -> None:
        self.answers = list(answers)
        self.sent: list[OutboxMessage] = []

    def send(self, message: OutboxMessage) -> str:
        self.sent.append(message)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, BaseException):
            raise answer
        return answer


class WorkerKilled(BaseException):
    """What a worker killed mid-send looks like from inside: nothing after the provider call runs."""


def run_worker() -> None:
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


@pytest.fixture
def committing(django_capture_on_commit_callbacks: Callable[..., Any]) -> Callable[[], Any]:
    """`with committing():` runs the on-commit callbacks registered inside it when it ends, as a real commit
    would (the test's own transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def queued(event: str = "concern:1:raised", **kwargs: Any) -> OutboxMessage:
    recipient = kwargs.pop("recipient", None) or factories.person(Role.HEADTEACHER, email="head@school.invalid")
    message = message_queue(event=event, recipient=recipient, subject="A concern", body="Read it.", **kwargs)
    assert message is not None
    return message


# Once per event and recipient


def test_the_same_event_queues_one_message_per_recipient_however_often_it_is_queued() -> None:
    head = factories.person(Role.HEADTEACHER, email="head@school.invalid")
    chair = factories.person(Role.RESPONSIBLE_BODY, email="chair@school.invalid")
    for _ in range(3):
        message_queue(event="pause:7:requested", recipient=head, subject="Pause", body="A pause was requested.")
    message_queue(event="pause:7:requested", recipient=chair, subject="Pause", body="A pause was requested.")
    message_queue(event="pause:8:requested", recipient=head, subject="Pause", body="Another pause.")

    assert sorted(OutboxMessage.objects.values_list("event", "to")) == [
        ("pause:7:requested", "chair@school.invalid"),
        ("pause:7:requested", "head@school.invalid"),
        ("pause:8:requested", "head@school.invalid"),
    ]


def test_a_message_to_the_duty_desk_reaches_each_member_once_and_skips_those_without_an_address() -> None:
    first = factories.person(Role.DUTY_DESK, email="desk1@inspectorate.invalid")
    factories.person(Role.DUTY_DESK, email="desk2@inspectorate.invalid")
    factories.person(Role.DUTY_DESK)  # no email address: nowhere to send it
    factories.person(Role.LEAD_INSPECTOR, email="lead@inspectorate.invalid")

    assert message_role(event="distress:3", role=Role.DUTY_DESK, subject="Distress", body="Call the school.") == 2
    message_role(event="distress:3", role=Role.DUTY_DESK, subject="Distress", body="Call the school.")
    assert message_role(event="distress:4", role=Role.DUTY_DESK, subject="x", body="y", exclude=[first.pk]) == 1

    assert OutboxMessage.objects.filter(event="distress:3").count() == 2
    assert list(OutboxMessage.objects.filter(event="distress:4").values_list("to", flat=True)) == [
        "desk2@inspectorate.invalid"
    ]


# Queued only on commit


def test_a_rolled_back_event_queues_nothing_and_sends_nothing(committing: Callable[[], Any]) -> None:
    head = factories.person(Role.HEADTEACHER, email="head@school.invalid")
    with committing() as callbacks, pytest.raises(RuntimeError), transaction.atomic():
        message_queue(event="concern:1:raised", recipient=head, subject="A concern", body="Read it.")
        raise RuntimeError("the concern could not be saved")

    assert callbacks == []

    assert not OutboxMessage.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db(transaction=True)  # real commits, and the real worker, which closes the connection between tasks
def test_the_send_is_enqueued_only_when_the_event_commits_and_the_worker_then_sends_it() -> None:
    head = factories.person(Role.HEADTEACHER, email="head@school.invalid")
    with transaction.atomic():
        message = message_queue(event="concern:1:raised", recipient=head, subject="A concern", body="Read it.")
        assert message is not None
        assert not DBTaskResult.objects.exists(), "nothing may be enqueued before the event commits"
    task = DBTaskResult.objects.get()
    assert task.task_path == "inspectorate.notifications.tasks.message_send_task"
    assert task.args_kwargs["args"] == [message.pk]

    run_worker()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)
    assert message.provider_reference == f"local-outbox-{message.pk}"
    assert message.sent_at is not None


def test_queueing_the_same_event_again_enqueues_no_second_send(committing: Callable[[], Any]) -> None:
    head = factories.person(Role.HEADTEACHER, email="head@school.invalid")
    for _ in range(2):
        with committing(), transaction.atomic():
            message_queue(event="concern:1:raised", recipient=head, subject="A concern", body="Read it.")
    assert DBTaskResult.objects.count() == 1


# Failures: back-off, then give up, never lost


def test_a_failing_provider_is_retried_after_1_5_25_and_125_minutes_then_given_up_and_kept() -> None:
    message = queued()
    provider = ScriptedBackend(SendFailed("Notify answered 500"))
    now = T0
    waits = []
    for _ in range(4):
        message_send(message_id=message.pk, now=now, backend=provider)
        message.refresh_from_db()
        assert message.status == Status.FAILED
        assert message.next_attempt_at is not None
        waits.append(message.next_attempt_at - now)
        assert message_send(message_id=message.pk, now=message.next_attempt_at - MINUTE / 2, backend=provider) is None
        now = message.next_attempt_at
    message_send(message_id=message.pk, now=now, backend=provider)

    message.refresh_from_db()
    assert waits == [MINUTE, 5 * MINUTE, 25 * MINUTE, 125 * MINUTE]
    assert (message.status, message.attempts, len(provider.sent)) == (Status.GAVE_UP, 5, 5)
    assert "Gave up after 5 attempts" in message.last_error and "Notify answered 500" in message.last_error
    assert AuditEntry.objects.filter(action="message_gave_up", object_id=str(message.pk)).exists()
    assert [item.href for item in duty_items(now)] == [f"/notifications/outbox/{message.pk}/"]


@override_settings(NOTIFY_RETRY={"FIRST_DELAY_SECONDS": 30, "FACTOR": 2, "MAX_ATTEMPTS": 2})
def test_the_back_off_and_the_number_of_attempts_are_configurable() -> None:
    message = queued()
    provider = ScriptedBackend(SendFailed("busy"))
    message_send(message_id=message.pk, now=T0, backend=provider)
    message.refresh_from_db()
    assert message.next_attempt_at == T0 + dt.timedelta(seconds=30)
    message_send(message_id=message.pk, now=message.next_attempt_at, backend=provider)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.GAVE_UP, 2)


def test_a_failed_send_enqueues_its_retry_for_when_the_back_off_ends() -> None:
    message = queued()
    message_send(message_id=message.pk, now=T0, backend=ScriptedBackend(SendFailed("Notify answered 503")))
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["args"] == [message.pk]
    assert retry.run_after == T0 + MINUTE


def test_a_retry_succeeds_once_the_provider_recovers() -> None:
    message = queued()
    provider = ScriptedBackend(SendFailed("Notify answered 503"), "notify-id-42")
    message_send(message_id=message.pk, now=T0, backend=provider)
    message_send(message_id=message.pk, now=T0 + MINUTE, backend=provider)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.provider_reference) == (Status.SENT, 2, "notify-id-42")
    assert message.last_error == ""


def test_a_refused_message_is_given_up_at_once_rather_than_retried() -> None:
    message = queued()
    message_send(message_id=message.pk, now=T0, backend=ScriptedBackend(SendRefused("400 - email_address invalid")))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.GAVE_UP, 1)
    assert "email_address invalid" in message.last_error
    assert not DBTaskResult.objects.exists()


def test_send_due_messages_sends_new_and_due_messages_but_not_those_still_backing_off() -> None:
    new = queued("a")
    waiting = queued("b", recipient=new.recipient)
    message_send(message_id=waiting.pk, now=T0, backend=ScriptedBackend(SendFailed("busy")))
    provider = ScriptedBackend("ref")

    report = messages_send_due(now=T0 + MINUTE / 2, backend=provider)

    assert [m.pk for m in provider.sent] == [new.pk]
    assert report.outcomes == {"sent": 1}
    waiting.refresh_from_db()
    assert waiting.status == Status.FAILED
    messages_send_due(now=T0 + MINUTE, backend=provider)
    waiting.refresh_from_db()
    assert waiting.status == Status.SENT


def test_a_sent_message_is_never_sent_again() -> None:
    message = queued()
    provider = ScriptedBackend("ref")
    message_send(message_id=message.pk, now=T0, backend=provider)
    assert message_send(message_id=message.pk, now=T0 + MINUTE, backend=provider) is None
    messages_send_due(now=T0 + 60 * MINUTE, backend=provider)
    assert len(provider.sent) == 1


# A crash mid-send: flagged for a person, never silently repeated


def test_a_send_interrupted_by_a_crash_becomes_unknown_after_the_timeout_and_is_not_resent() -> None:
    message = queued()
    with pytest.raises(WorkerKilled):
        message_send(message_id=message.pk, now=T0, backend=ScriptedBackend(WorkerKilled()))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENDING, 1), "the attempt is recorded before the call"

    provider = ScriptedBackend("ref")
    early = messages_send_due(now=T0 + 5 * MINUTE, backend=provider)
    message.refresh_from_db()
    assert (early.flagged_unknown, message.status) == (0, Status.SENDING)

    late = messages_send_due(now=T0 + 11 * MINUTE, backend=provider)
    message.refresh_from_db()
    assert (late.flagged_unknown, message.status, message.attempts) == (1, Status.UNKNOWN, 1)
    assert "interrupted" in message.last_error
    assert provider.sent == [], "a send whose outcome is unknown must not be repeated"
    assert AuditEntry.objects.filter(action="message_outcome_unknown", object_id=str(message.pk)).exists()
    [item] = duty_items(T0 + 12 * MINUTE)
    assert item.kind == "Message outcome unknown"
    assert item.href == f"/notifications/outbox/{message.pk}/"


def test_at_a_lone_workers_restart_every_message_left_sending_is_flagged_at_once() -> None:
    message = queued()
    with pytest.raises(WorkerKilled):
        message_send(message_id=message.pk, now=T0, backend=ScriptedBackend(WorkerKilled()))
    provider = ScriptedBackend("ref")
    report = messages_send_due(now=T0 + MINUTE, after_restart=True, backend=provider)
    message.refresh_from_db()
    assert (report.flagged_unknown, message.status, provider.sent) == (1, Status.UNKNOWN, [])


def test_a_message_sending_longer_than_the_timeout_shows_on_the_duty_desk_before_it_is_flagged() -> None:
    message = queued()
    with pytest.raises(WorkerKilled):
        message_send(message_id=message.pk, now=T0, backend=ScriptedBackend(WorkerKilled()))
    assert duty_items(T0 + 5 * MINUTE) == []
    [item] = duty_items(T0 + 11 * MINUTE)
    assert item.kind == "Message stuck sending"


def test_no_answer_from_the_provider_or_an_unexpected_error_mid_send_leaves_the_outcome_unknown() -> None:
    first, second = queued("a"), queued("b")
    message_send(message_id=first.pk, now=T0, backend=ScriptedBackend(SendOutcomeUnknown("read timed out")))
    message_send(message_id=second.pk, now=T0, backend=ScriptedBackend(ValueError("a bug of ours")))
    for message in (first, second):
        message.refresh_from_db()
        assert message.status == Status.UNKNOWN
        assert not DBTaskResult.objects.exists()
    assert "a bug of ours" in second.last_error


def test_the_send_due_messages_command_reports_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    queued()
    call_command("send_due_messages")
    assert "1 sent" in capsys.readouterr().out
    assert OutboxMessage.objects.get().status == Status.SENT
