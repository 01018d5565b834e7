"""Journeys through deferrals and refused entry, playing both sides, each page checked with axe-core.

The pages use today's date, so the deferred inspection is planned to start in the future; the refused-entry
journey uses the fixed on-site dates of tests/lifecycle_support.py and records the refusal today."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import expect

from inspectorate.accounts.models import User
from inspectorate.deferrals.queue import returned_inspections
from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.school import ReturnReason
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.services.planning import inspection_plan
from tests import factories
from tests.browser.support import assert_accessible, save_screenshot
from tests.browser.test_lifecycle_journeys import sign_in
from tests.lifecycle_support import cast, on_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page: Any) -> None:
    page.get_by_role("button", name=re.compile("^Sign out")).click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def fill_date(page: Any, group: str, day: dt.date) -> None:
    fieldset = page.get_by_role("group", name=group)
    fieldset.get_by_label("Day").fill(str(day.day))
    fieldset.get_by_label("Month").fill(str(day.month))
    fieldset.get_by_label("Year").fill(str(day.year))


def test_a_deferral_in_a_blanket_policy_week_is_granted_at_once(page: Any) -> None:
    # Given a fictional school whose inspection starts in three weeks, and an administrator
    c = cast()
    starts = timezone.localdate() + dt.timedelta(days=21)
    inspection = inspection_plan(
        user=c.scheduler, urn=c.school.urn, starts_on=starts, lead=c.lead.username, team=[c.team.username]
    )

    # When the administrator declares a blanket window over the week the inspection starts
    sign_in(page, c.admin)
    page.goto(reverse("blanket-window-list"))
    assert_accessible(page)
    page.get_by_role("button", name="Declare the window").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the first day")
    assert_accessible(page)
    fill_date(page, "First day", starts - dt.timedelta(days=2))
    fill_date(page, "Last day", starts + dt.timedelta(days=2))
    page.get_by_label("Reason").fill("Lead inspectors are in training this week; every request is granted.")
    page.get_by_role("button", name="Declare the window").click()
    # Then the window is listed
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The window is declared")
    expect(page.locator("table")).to_contain_text("Lead inspectors are in training")
    assert_accessible(page)
    sign_out(page)

    # When the headteacher asks to defer, giving senior leaders' wellbeing as the ground
    sign_in(page, c.head)
    page.goto(reverse("deferral-request", args=[inspection.pk]))
    assert_accessible(page)
    save_screenshot(page, "deferral-request")
    page.get_by_label("The wellbeing of senior leaders").check()
    page.get_by_label("Details").fill("I am recovering from an operation and back part-time until the holiday.")
    fill_date(page, "First date the school cannot take (optional)", starts)
    page.get_by_role("button", name="Send the request").click()

    # Then it is granted at once, under the window, and the inspection is deferred
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your request is granted")
    expect(page.locator("main")).to_contain_text("Granted under the blanket deferral window")
    expect(page.locator("main")).to_contain_text("You cannot ask to defer this inspection now")
    assert_accessible(page)
    inspection.refresh_from_db()
    assert inspection.state == "deferred"
    # And the school is back in the scheduler's queue with the day it cannot take
    [back] = [r for r in returned_inspections(timezone.localdate()) if r.urn == c.school.urn]
    assert back.reason is ReturnReason.DEFERRED
    assert [(b.first_day, b.last_day) for b in back.cannot_take] == [(starts, starts)]


def test_a_headteacher_refuses_entry_and_the_duty_desk_takes_it_up(page: Any) -> None:
    # Given an inspection on site, its lead inspector, and the duty desk
    c = cast()
    inspection: Inspection = on_site(c)
    duty: User = factories.person(Role.DUTY_DESK)

    # When the lead inspector records that the headteacher refused entry
    sign_in(page, c.lead)
    page.goto(reverse("refused-entry-record", args=[inspection.pk]))
    expect(page.locator(".govuk-inset-text")).to_contain_text("fine of up to £2,500")
    assert_accessible(page)
    page.get_by_role("button", name="Record that entry was refused").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the time")
    assert_accessible(page)
    page.get_by_label("Time entry was refused").fill("00:01")
    page.get_by_label("Who refused entry").fill("The headteacher")
    page.get_by_label("What was said").fill("We are not ready and you will not come in today.")
    page.get_by_role("button", name="Record that entry was refused").click()

    # Then the refusal is recorded plainly, with the legal position
    expect(page.locator(".govuk-notification-banner")).to_contain_text("the duty desk has been told")
    expect(page.locator("main")).to_contain_text("We are not ready and you will not come in today.")
    expect(page.locator(".govuk-inset-text")).to_contain_text("section 10")
    assert_accessible(page)
    save_screenshot(page, "refused-entry-recorded")
    sign_out(page)

    # When the duty desk looks at what needs attention
    sign_in(page, duty)
    try:
        page.goto(reverse("duty-desk"))
    except NoReverseMatch:  # the duty desk's page is built beside this app: open the record directly
        page.goto(reverse("refused-entry-record", args=[inspection.pk]))
    else:
        assert_accessible(page)
        page.get_by_role("link", name=re.compile(c.school.name)).first.click()

    # Then it sees the refusal, the legal position and the next steps
    expect(page.locator("h1")).to_have_text("Refused entry")
    expect(page.locator("main")).to_contain_text("The headteacher")
    expect(page.locator("main")).to_contain_text("Next steps for the duty desk")
    expect(page.locator("main")).to_contain_text("return it to planning")
    assert_accessible(page)
    inspection.refresh_from_db()
    assert inspection.state == "entry_refused" and inspection.team.count() == 2
