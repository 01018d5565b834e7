"""Where a message goes when the worker sends it: nowhere (the local outbox, the default) or GOV.UK Notify.

A backend's `send` returns the provider's reference for the message, or raises one of three errors that tell the
sending service what to do next:
- SendFailed: it was not sent, and trying again may work (Notify down, rate-limited, unreachable);
- SendRefused: it was not sent, and trying again will not help (a malformed address, a bad key or template);
- SendOutcomeUnknown: it may or may not have been sent (the request went out and no answer came back), so it
  must not be repeated without a person checking.

The Notify backend talks to Notify through a gateway with the two methods it uses of
`notifications_python_client.NotificationsAPIClient`, so tests put a fake behind it (Notify cannot be reached
from the development machines)."""

from __future__ import annotations

from typing import Any, Protocol

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from notifications_python_client.errors import APIError, HTTPError, InvalidResponse
from notifications_python_client.notifications import NotificationsAPIClient
from urllib3.exceptions import MaxRetryError, NewConnectionError

from inspectorate.notifications.models import OutboxMessage


class SendError(Exception):
    """A send that did not end in the provider accepting the message."""


class SendFailed(SendError):
    """Not sent; worth trying again later."""


class SendRefused(SendError):
    """Not sent, and sending the same message again would fail the same way."""


class SendOutcomeUnknown(SendError):
    """Perhaps sent, perhaps not: a person must check before it is sent again."""


class Backend(Protocol):
    name: str

    def send(self, message: OutboxMessage) -> str:
        """Send the message; return the provider's reference for it."""
        ...


class OutboxBackend:
    """Sends nothing: the message stays in the outbox, marked sent, for the outbox page to show."""

    name = "outbox"

    def send(self, message: OutboxMessage) -> str:
        return f"local-outbox-{message.pk}"


class NotifyGateway(Protocol):
    """The part of GOV.UK Notify's Python client the backend uses."""

    def send_email_notification(
        self, email_address: str, template_id: str, personalisation: dict[str, str] | None = ..., reference: str = ...
    ) -> Any: ...

    def send_sms_notification(
        self, phone_number: str, template_id: str, personalisation: dict[str, str] | None = ..., reference: str = ...
    ) -> Any: ...


class NotifyBackend:
    """Sends each message through one Notify template per channel, passing the subject and body as placeholders."""

    name = "notify"

    def __init__(self, gateway: NotifyGateway, *, email_template_id: str, sms_template_id: str) -> None:
        self.gateway = gateway
        self.email_template_id = email_template_id
        self.sms_template_id = sms_template_id

    def send(self, message: OutboxMessage) -> str:
        # Our reference, not the event key: Notify keeps it, and it need say nothing about what happened.
        reference = f"inspectorate-outbox-{message.pk}"
        try:
            if message.channel == OutboxMessage.Channel.SMS:
                answer = self.gateway.send_sms_notification(
                    phone_number=message.to,
                    template_id=self._template("sms", self.sms_template_id),
                    personalisation={"body": message.body},
                    reference=reference,
                )
            else:
                answer = self.gateway.send_email_notification(
                    email_address=message.to,
                    template_id=self._template("email", self.email_template_id),
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=reference,
                )
        except HTTPError as err:
            raise _classified(err) from err
        except InvalidResponse as err:
            # Notify answered with success but a body we cannot read: it probably accepted the message.
            raise SendOutcomeUnknown(f"Notify's answer could not be read: {err}") from err
        except APIError as err:
            raise SendOutcomeUnknown(f"Notify's client failed: {err}") from err
        notification_id = answer.get("id") if isinstance(answer, dict) else None
        if not notification_id:
            raise SendOutcomeUnknown(f"Notify answered without a notification id: {answer!r:.200}")
        return str(notification_id)

    @staticmethod
    def _template(channel: str, template_id: str) -> str:
        if not template_id:
            raise SendRefused(f"No Notify template for {channel}: set NOTIFY_{channel.upper()}_TEMPLATE_ID.")
        return template_id


# Notify's answers that mean "this request was wrong": sending it again would be refused again.
_REFUSALS = frozenset({400, 403})


def _classified(err: HTTPError) -> SendError:
    """Turn the client's error into what the sending service should do next."""
    if err.response is not None:
        if err.status_code in _REFUSALS:
            return SendRefused(f"Notify refused the message ({err})")
        # 429 (rate limit) and 5xx: Notify's documentation says these were not sent and may be sent again.
        return SendFailed(f"Notify could not take the message now ({err})")
    if _never_reached_notify(err.__cause__):
        return SendFailed(f"Notify could not be reached ({err.__cause__})")
    return SendOutcomeUnknown(f"No answer from Notify after the request was sent ({err.__cause__})")


def _never_reached_notify(cause: BaseException | None) -> bool:
    """True only when the request certainly never left: no connection was made. A timeout or a dropped
    connection after the request was written leaves the outcome unknown."""
    if isinstance(cause, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(cause, requests.exceptions.ConnectionError) and cause.args:
        reason = cause.args[0]
        if isinstance(reason, MaxRetryError):
            return isinstance(reason.reason, NewConnectionError)
        return isinstance(reason, NewConnectionError)
    return False


def notify_backend() -> NotifyBackend:
    if not settings.NOTIFY_API_KEY:
        raise ImproperlyConfigured("NOTIFY_BACKEND is 'notify' but NOTIFY_API_KEY is not set (see .env.example).")
    return NotifyBackend(
        NotificationsAPIClient(settings.NOTIFY_API_KEY),
        email_template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
        sms_template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
    )


def backend_current() -> Backend:
    """The backend NOTIFY_BACKEND names: "outbox", "notify", or the dotted path of a callable returning a backend
    (tests use that for fakes)."""
    name = settings.NOTIFY_BACKEND
    if name == "outbox":
        return OutboxBackend()
    if name == "notify":
        return notify_backend()
    if "." in name:
        factory = import_string(name)
        backend: Backend = factory()
        return backend
    raise ImproperlyConfigured(f"NOTIFY_BACKEND is {name!r}; it must be 'outbox', 'notify' or a dotted path.")
