"""The GOV.UK Notify backend: the calls it makes, and how Notify's answers become sent, retried, given up or
unknown. Notify cannot be reached from here, so the client's HTTP session is replaced by a fake that answers as
Notify's API documentation says it does; the client itself builds and signs the requests."""

from __future__ import annotations

import json
import socket
import uuid
from typing import Any

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from notifications_python_client.notifications import NotificationsAPIClient

from inspectorate.domain.roles import Role
from inspectorate.notifications.backends import NotifyBackend, OutboxBackend, backend_current
from inspectorate.notifications.models import OutboxMessage
from inspectorate.notifications.sending import message_send
from inspectorate.notifications.services import message_queue
from tests import factories

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status
API_KEY = f"inspectorate_test-{uuid.uuid4()}-{uuid.uuid4()}"  # Notify's key format: name-service id-secret
EMAIL_TEMPLATE = "11111111-1111-1111-1111-111111111111"
SMS_TEMPLATE = "22222222-2222-2222-2222-222222222222"


class FakeNotifyHTTP:
    """Stands in for the client's requests session: records each request and gives the scripted answer."""

    def __init__(self, answer: tuple[int, dict[str, Any]] | Exception) -> None:
        self.answer = answer
        self.requests: list[dict[str, Any]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        self.requests.append({"method": method, "url": url, **kwargs})
        if isinstance(self.answer, Exception):
            raise self.answer
        status, body = self.answer
        response = requests.Response()
        response.status_code = status
        response._content = json.dumps(body).encode()
        response.url = url
        return response


def notify_with(answer: tuple[int, dict[str, Any]] | Exception) -> tuple[NotifyBackend, FakeNotifyHTTP]:
    client = NotificationsAPIClient(API_KEY)
    http = FakeNotifyHTTP(answer)
    client.request_session = http  # type: ignore[assignment]
    return NotifyBackend(client, email_template_id=EMAIL_TEMPLATE, sms_template_id=SMS_TEMPLATE), http


def email() -> OutboxMessage:
    head = factories.person(Role.HEADTEACHER, email="head@school.invalid")
    message = message_queue(
        event="concern:9:acknowledged", recipient=head, subject="Your concern", body="We have it.\nA senior inspector"
    )
    assert message is not None
    return message


def sent_with(answer: tuple[int, dict[str, Any]] | Exception, message: OutboxMessage) -> OutboxMessage:
    backend, _ = notify_with(answer)
    message_send(message_id=message.pk, backend=backend)
    message.refresh_from_db()
    return message


def test_an_email_is_posted_to_notify_with_its_template_subject_body_and_our_reference() -> None:
    message = email()
    backend, http = notify_with((201, {"id": "740e5834-3a29-46b4-9a6f-16142fde533a"}))

    message_send(message_id=message.pk, backend=backend)

    [call] = http.requests
    assert (call["method"], call["url"]) == ("POST", "https://api.notifications.service.gov.uk/v2/notifications/email")
    assert json.loads(call["data"]) == {
        "email_address": "head@school.invalid",
        "template_id": EMAIL_TEMPLATE,
        "personalisation": {"subject": "Your concern", "body": "We have it.\nA senior inspector"},
        "reference": f"inspectorate-outbox-{message.pk}",
    }
    assert call["headers"]["Authorization"].startswith("Bearer ")
    message.refresh_from_db()
    assert (message.status, message.provider_reference) == (Status.SENT, "740e5834-3a29-46b4-9a6f-16142fde533a")


def test_a_text_message_is_posted_to_notify_with_the_sms_template_and_number() -> None:
    message = message_queue(event="pause:2:started", to="07700900123", channel="sms", body="The inspection is paused.")
    assert message is not None
    backend, http = notify_with((201, {"id": "sms-1"}))

    message_send(message_id=message.pk, backend=backend)

    [call] = http.requests
    assert call["url"].endswith("/v2/notifications/sms")
    assert json.loads(call["data"]) == {
        "phone_number": "07700900123",
        "template_id": SMS_TEMPLATE,
        "personalisation": {"body": "The inspection is paused."},
        "reference": f"inspectorate-outbox-{message.pk}",
    }


@pytest.mark.parametrize("status", [400, 403])
def test_a_request_notify_refuses_is_given_up_rather_than_retried(status: int) -> None:
    answer = {"status_code": status, "errors": [{"error": "BadRequestError", "message": "email_address Not a valid"}]}
    message = sent_with((status, answer), email())
    assert (message.status, message.attempts) == (Status.GAVE_UP, 1)
    assert "email_address Not a valid" in message.last_error


@pytest.mark.parametrize("status", [429, 500, 503])
def test_notify_busy_or_down_means_not_sent_so_it_is_retried_later(status: int) -> None:
    message = sent_with((status, {"errors": [{"error": "Exception", "message": "Internal server error"}]}), email())
    assert message.status == Status.FAILED
    assert message.next_attempt_at is not None


def test_notify_unreachable_means_not_sent_so_it_is_retried_later() -> None:
    # A real request to a loopback port nobody listens on: the connection is refused before anything is sent.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    client = NotificationsAPIClient(API_KEY, base_url=f"http://127.0.0.1:{closed_port}", timeout=5)
    backend = NotifyBackend(client, email_template_id=EMAIL_TEMPLATE, sms_template_id=SMS_TEMPLATE)
    message = email()
    message_send(message_id=message.pk, backend=backend)
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert "could not be reached" in message.last_error
    assert sent_with(requests.exceptions.ConnectTimeout("connect timed out"), email()).status == Status.FAILED


def test_no_answer_after_the_request_went_out_leaves_the_outcome_unknown_not_retried() -> None:
    message = sent_with(requests.exceptions.ReadTimeout("read timed out"), email())
    assert message.status == Status.UNKNOWN
    assert message.next_attempt_at is None


def test_a_success_without_a_notification_id_is_not_taken_as_sent() -> None:
    assert sent_with((201, {"unexpected": True}), email()).status == Status.UNKNOWN


def test_a_missing_template_is_a_refusal_naming_the_setting_to_fix() -> None:
    message = email()
    backend = NotifyBackend(NotificationsAPIClient(API_KEY), email_template_id="", sms_template_id=SMS_TEMPLATE)
    message_send(message_id=message.pk, backend=backend)
    message.refresh_from_db()
    assert message.status == Status.GAVE_UP
    assert "NOTIFY_EMAIL_TEMPLATE_ID" in message.last_error


def test_the_local_outbox_is_the_default_backend_and_sends_nothing_anywhere() -> None:
    message = email()
    assert isinstance(backend_current(), OutboxBackend)
    message_send(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.provider_reference) == (Status.SENT, f"local-outbox-{message.pk}")


@override_settings(NOTIFY_BACKEND="notify", NOTIFY_API_KEY="")
def test_the_notify_backend_without_an_api_key_refuses_to_start_and_leaves_the_message_queued() -> None:
    message = email()
    with pytest.raises(ImproperlyConfigured, match="NOTIFY_API_KEY"):
        message_send(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.QUEUED, 0)


@override_settings(NOTIFY_BACKEND="notify", NOTIFY_API_KEY=API_KEY, NOTIFY_EMAIL_TEMPLATE_ID=EMAIL_TEMPLATE)
def test_the_notify_setting_builds_a_notify_backend_from_the_key_and_templates() -> None:
    backend = backend_current()
    assert isinstance(backend, NotifyBackend)
    assert backend.email_template_id == EMAIL_TEMPLATE
    assert isinstance(backend.gateway, NotificationsAPIClient)


@override_settings(NOTIFY_BACKEND="carrier-pigeon")
def test_an_unknown_backend_name_is_a_clear_configuration_error() -> None:
    with pytest.raises(ImproperlyConfigured, match="'outbox', 'notify' or a dotted path"):
        backend_current()
