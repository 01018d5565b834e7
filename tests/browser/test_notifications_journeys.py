"""Journeys through the outbox, in Chromium, each page checked with axe-core: an administrator sees what would have
been sent, and the duty desk settles a message whose send was interrupted.

Messages are queued as the mechanisms queue them (`message_queue`, committed) and sent by the real worker
(`db_worker --batch`) with the default local-outbox backend: nothing leaves the machine."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from inspectorate.domain.roles import Role
from inspectorate.notifications.models import OutboxMessage
from inspectorate.notifications.sending import message_send, messages_flag_interrupted
from inspectorate.notifications.services import message_queue
from tests import factories
from tests.browser.support import assert_accessible, save_screenshot
from tests.browser.test_lifecycle_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def run_worker() -> None:
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def a_headteacher() -> Any:
    head = factories.person(Role.HEADTEACHER, email="hari.head@larkspur.invalid", last_name="Head")
    head.first_name = "Hari"
    head.save(update_fields=["first_name"])
    return head


class Interrupted(BaseException):
    """The worker killed while the provider call was under way."""


class DiesMidSend:
    name = "dies"

    def send(self, message: OutboxMessage) -> str:
        raise Interrupted


def test_an_administrator_opens_the_outbox_and_sees_what_would_have_been_sent(page: Any) -> None:
    # Given a pause on an inspection told the headteacher by email, and the worker has sent it to the local outbox
    admin = factories.person(Role.ADMINISTRATOR)
    message_queue(
        event="pause:1:started",
        recipient=a_headteacher(),
        subject="The inspection of Brook Primary School (fictional) is paused",
        body="The inspection is paused until Wednesday 4 March 2026. No deadline runs while it is paused.",
    )
    run_worker()
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT

    # When the administrator opens the outbox
    sign_in(page, admin)
    page.goto("/notifications/outbox/")
    assert_accessible(page)

    # Then she sees that nothing left the machine, and the message, to whom, and that it was sent
    expect(page.locator(".govuk-inset-text")).to_contain_text("Nothing leaves this machine")
    row = page.get_by_role("row", name=re.compile("is paused"))
    expect(row).to_contain_text("Hari Head")
    expect(row).to_contain_text("hari.head@larkspur.invalid")
    expect(row.locator(".govuk-tag")).to_have_text("Sent")
    save_screenshot(page, "outbox")

    # When she filters to failed messages, there are none; back to sent ones, it is there
    page.get_by_role("link", name="Failed, will retry (0)").click()
    expect(page.get_by_role("heading", name="0 messages: failed, will retry")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sent (1)").click()
    expect(page.get_by_role("link", name="Sent (1)")).to_have_attribute("aria-current", "page")

    # And when she opens it, she reads exactly what would have been sent
    page.get_by_role("link", name=re.compile("is paused")).click()
    assert_accessible(page)
    expect(page.locator(".app-message")).to_contain_text("No deadline runs while it is paused.")
    expect(page.locator(".govuk-summary-list")).to_contain_text("local-outbox-")


def test_the_duty_desk_checks_an_interrupted_send_and_has_it_sent_again(page: Any) -> None:
    # Given a message whose send was interrupted by the worker stopping, flagged once the timeout passed
    desk = factories.person(Role.DUTY_DESK)
    message = message_queue(
        event="concern:4:acknowledged",
        recipient=a_headteacher(),
        subject="Your concern reached a senior inspector",
        body="Sol Senior, who is not on the inspection team, will call you by 4pm.",
    )
    assert message is not None
    started = timezone.now() - dt.timedelta(minutes=30)
    with pytest.raises(Interrupted):
        message_send(message_id=message.pk, now=started, backend=DiesMidSend())
    messages_flag_interrupted()

    # When the duty desk opens the outbox, it is told a message needs a person
    sign_in(page, desk)
    page.goto("/notifications/outbox/")
    assert_accessible(page)
    expect(page.locator(".govuk-warning-text")).to_contain_text("1 message needs a person to check")
    page.get_by_role("link", name="Outcome unknown (1)").click()
    page.get_by_role("link", name="Your concern reached a senior inspector").click()
    assert_accessible(page)
    expect(page.locator(".govuk-summary-list")).to_contain_text("Sending was interrupted")
    save_screenshot(page, "outbox-unknown-message")

    # When the duty desk records a decision without saying what it checked, it is told what is missing
    page.get_by_label("It did not arrive: send it again").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what you checked")
    assert_accessible(page)

    # And when it says what it checked, the decision is recorded and the worker sends the message again
    page.get_by_label("What did you check?").fill("Rang Hari Head: the email never arrived.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("queued to be sent again")
    assert_accessible(page)
    run_worker()
    page.reload()
    expect(page.locator("h1 + p .govuk-tag")).to_have_text("Sent")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Rang Hari Head: the email never arrived.")
