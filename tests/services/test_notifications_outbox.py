"""The outbox page and a message's page: who may read them, the status filters and paging, and a person's decision
on a message whose outcome is unknown (resend or mark resolved), recorded in the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from inspectorate.audit.models import AuditEntry
from inspectorate.domain.message_retry import RetryPolicy
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, StateConflict
from inspectorate.notifications.models import OutboxMessage
from inspectorate.notifications.services import message_queue, outbox_message_resolve
from tests import factories

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status
OUTBOX = "/notifications/outbox/"


def signed_in(role: Role) -> tuple[Client, Any]:
    user = factories.person(role)
    client = Client()
    client.force_login(user)
    return client, user


def message(status: str = Status.QUEUED, n: int = 1, **fields: Any) -> OutboxMessage:
    head = factories.person(Role.HEADTEACHER, email=f"head{n}@school.invalid", last_name="Head")
    head.first_name = "Alex"
    head.save(update_fields=["first_name"])
    queued = message_queue(event=f"pause:{n}:requested", recipient=head, subject=f"Pause {n}", body="Paused until …")
    assert queued is not None
    OutboxMessage.objects.filter(pk=queued.pk).update(status=status, **fields)
    queued.refresh_from_db()
    return queued


# Who may read it


def test_signed_out_people_are_sent_to_sign_in() -> None:
    response = Client().get(OUTBOX)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", [Role.HEADTEACHER, Role.LEAD_INSPECTOR, Role.SENIOR_INSPECTOR])
def test_people_who_are_neither_administrators_nor_the_duty_desk_are_refused(role: Role) -> None:
    sent = message(Status.SENT)
    client, _ = signed_in(role)
    for path in (OUTBOX, f"{OUTBOX}{sent.pk}/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "for administrators and the duty desk" in response.content.decode()
        assert "Pause 1" not in response.content.decode()


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.DUTY_DESK])
def test_administrators_and_the_duty_desk_see_what_would_have_been_sent_to_whom(role: Role) -> None:
    message(Status.SENT, sent_at=dt.datetime(2026, 3, 3, 14, 5, tzinfo=dt.UTC))
    client, _ = signed_in(role)
    page = client.get(OUTBOX).content.decode()
    assert "Nothing leaves this machine" in page
    assert "Pause 1" in page and "Alex Head" in page and "head1@school.invalid" in page
    assert "3 March 2026 at 2:05pm" in page


def test_a_message_page_shows_the_whole_message() -> None:
    sent = message(Status.SENT)
    client, _ = signed_in(Role.ADMINISTRATOR)
    page = client.get(f"{OUTBOX}{sent.pk}/").content.decode()
    assert "Paused until …" in page and "pause:1:requested" in page
    assert "Decide what happens to it" not in page, "a sent message needs no decision"


def test_a_message_that_does_not_exist_is_not_found() -> None:
    client, _ = signed_in(Role.ADMINISTRATOR)
    assert client.get(f"{OUTBOX}999999/").status_code == 404


# Filters and paging


def test_the_status_filter_shows_only_messages_of_that_status_with_counts_for_each() -> None:
    message(Status.SENT, n=1)
    message(Status.FAILED, n=2, last_error="Notify answered 503")
    message(Status.UNKNOWN, n=3, last_error="Sending was interrupted")
    client, _ = signed_in(Role.DUTY_DESK)

    page = client.get(OUTBOX, {"status": "failed"}).content.decode()

    assert "Pause 2" in page and "Notify answered 503" in page
    assert "Pause 1" not in page and "Pause 3" not in page
    assert "All (3)" in page and "Failed, will retry (1)" in page and "Outcome unknown (1)" in page
    assert "1 message needs a person to check" in page


def test_an_unknown_status_filter_says_what_is_wrong_and_shows_every_message() -> None:
    message(Status.SENT)
    client, _ = signed_in(Role.ADMINISTRATOR)
    response = client.get(OUTBOX, {"status": "lost"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is no message status called &#39;lost&#39;" in page
    assert "Pause 1" in page


def test_the_outbox_is_paged_newest_first() -> None:
    for n in range(1, 28):
        message(Status.SENT, n=n)
    client, _ = signed_in(Role.ADMINISTRATOR)
    first = client.get(OUTBOX).content.decode()
    second = client.get(OUTBOX, {"page": "2"}).content.decode()
    assert "Showing 1 to 25 of 27" in first and "Pause 27<" in first and "Pause 2<" not in first
    assert "Showing 26 to 27 of 27" in second and "Pause 1<" in second and "Pause 2<" in second
    assert 'href="/notifications/outbox/?page=2"' in first


# A person's decision on an unknown outcome


def test_the_duty_desk_resends_a_message_whose_outcome_was_unknown_and_the_audit_trail_says_why() -> None:
    unknown = message(Status.UNKNOWN, attempts=1, last_error="Sending was interrupted")
    client, desk = signed_in(Role.DUTY_DESK)
    page = client.get(f"{OUTBOX}{unknown.pk}/").content.decode()
    assert "Decide what happens to it" in page

    response = client.post(
        f"{OUTBOX}{unknown.pk}/", {"decision": "resend", "note": "Rang the head: it never arrived."}, follow=True
    )

    assert "Your decision is recorded in the audit trail. It is queued to be sent again." in response.content.decode()
    unknown.refresh_from_db()
    assert (unknown.status, unknown.resolved_by, unknown.resolution_note) == (
        Status.QUEUED,
        desk,
        "Rang the head: it never arrived.",
    )
    entry = AuditEntry.objects.get(action="message_resent")
    assert (entry.actor_username, entry.object_id) == (desk.username, str(unknown.pk))
    assert entry.content["details"]["note"] == "Rang the head: it never arrived."


def test_an_administrator_marks_an_unknown_message_resolved_and_it_is_not_sent_again() -> None:
    unknown = message(Status.UNKNOWN, attempts=1)
    client, admin = signed_in(Role.ADMINISTRATOR)
    client.post(f"{OUTBOX}{unknown.pk}/", {"decision": "resolved", "note": "Notify's dashboard shows it delivered."})
    unknown.refresh_from_db()
    assert unknown.status == Status.RESOLVED
    assert AuditEntry.objects.filter(action="message_resolved", actor_username=admin.username).exists()


def test_a_decision_without_a_choice_or_a_note_is_refused_saying_what_to_give() -> None:
    unknown = message(Status.UNKNOWN)
    client, _ = signed_in(Role.ADMINISTRATOR)
    response = client.post(f"{OUTBOX}{unknown.pk}/", {"note": " "})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Choose whether to send the message again or mark it as resolved" in page
    assert "Say what you checked" in page
    unknown.refresh_from_db()
    assert unknown.status == Status.UNKNOWN


def test_a_message_already_decided_cannot_be_decided_again() -> None:
    sent = message(Status.SENT)
    admin = factories.person(Role.ADMINISTRATOR)
    with pytest.raises(StateConflict, match="only a message whose outcome is unknown"):
        outbox_message_resolve(user=admin, message_id=sent.pk, decision="resend", note="checked")
    client = Client()
    client.force_login(admin)
    assert client.post(f"{OUTBOX}{sent.pk}/", {"decision": "resend", "note": "checked"}).status_code == 409


def test_only_administrators_and_the_duty_desk_may_decide() -> None:
    unknown = message(Status.UNKNOWN)
    lead = factories.person(Role.LEAD_INSPECTOR)
    with pytest.raises(NotAllowed):
        outbox_message_resolve(user=lead, message_id=unknown.pk, decision="resend", note="checked")
    with pytest.raises(InvalidInput) as refused:
        outbox_message_resolve(user=factories.person(Role.DUTY_DESK), message_id=unknown.pk, decision="shred", note="x")
    assert set(refused.value.field_errors) == {"decision"}


# The back-off policy on its own


def test_the_default_back_off_waits_1_5_25_and_125_minutes_then_gives_up() -> None:
    policy = RetryPolicy()
    assert [policy.delay_after(n) for n in range(1, 6)] == [
        dt.timedelta(minutes=1),
        dt.timedelta(minutes=5),
        dt.timedelta(minutes=25),
        dt.timedelta(minutes=125),
        None,
    ]


def test_a_mistyped_retry_setting_is_refused_naming_the_keys_it_takes() -> None:
    with pytest.raises(ValueError, match="unknown keys \\['MAX_TRIES'\\]"):
        RetryPolicy.from_mapping({"MAX_TRIES": 3})
    with pytest.raises(ValueError, match="max attempts must be 1 or more"):
        RetryPolicy.from_mapping({"MAX_ATTEMPTS": 0})
