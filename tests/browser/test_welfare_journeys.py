"""Welfare journeys in Chromium, both sides of an inspection, each page checked with axe-core: distress on the
first day, a pause offered and taken, the inspection resumed on the next working day with its dates moved, and the
check-in that holds the next on-site day until it is recorded.

The journey needs two days, so the server's clock is set by the test (Django's `timezone.now`, which the live
server in this process reads too), on the fixed dates of tests/lifecycle_support.py."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspectorate.domain.roles import Role
from inspectorate.inspections.models import Inspection
from tests import factories
from tests.browser.support import assert_accessible, save_screenshot
from tests.browser.test_lifecycle_journeys import check_in, open_inspection, press, sign_in
from tests.lifecycle_support import FIRST_DAY, NOTIFIED_ON, NOTIFY_DATA, SECOND_DAY, Cast, act, at, cast, planned

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, moment: dt.datetime) -> None:
        self.moment = moment
        monkeypatch.setattr(timezone, "now", lambda: self.moment)

    def set(self, day: dt.date, hour: int) -> None:
        self.moment = at(day, hour)


def on_its_first_day(c: Cast) -> Inspection:
    """On site on the first day, before the end-of-day check-in (set-up through the services)."""
    inspection = planned(c)
    act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA)
    act(c.lead, inspection, "hold_planning_call", NOTIFIED_ON)
    return act(c.lead, inspection, "arrive_on_site", FIRST_DAY, checkins=False)


def test_distress_on_day_one_a_pause_offered_and_taken_then_resumed_next_day_with_dates_moved(
    page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an inspection on its first on-site day, Tuesday 3 March 2026, and the duty desk
    c = cast()
    factories.person(Role.DUTY_DESK, email="duty@inspectorate.example")
    inspection = on_its_first_day(c)
    clock = Clock(monkeypatch, at(FIRST_DAY, 11))

    # When the team inspector sees the headteacher in distress and records it
    sign_in(page, c.team)
    open_inspection(page, inspection.pk)
    expect(page.locator("#wellbeing-panel")).to_be_visible()
    page.get_by_text("Record signs of distress", exact=True).first.click()
    form = page.locator("form#distress")
    form.get_by_label("Who showed signs of distress").fill("Headteacher")
    form.get_by_label("What you saw or heard").fill("Tearful after the first meeting; said she had not slept.")
    press(page, "Record signs of distress", expect_banner="the duty desk has been told")

    # Then the lead inspector's page offers a pause at once, with the support contacts
    sign_in(page, c.lead)
    open_inspection(page, inspection.pk)
    expect(page.get_by_text("Signs of distress were recorded on this inspection.").first).to_be_visible()
    expect(page.get_by_text("Offer the headteacher a pause now")).to_be_visible()
    expect(page.locator("#support-contacts")).to_contain_text("08000 562 561")
    expect(page.locator("#support-contacts")).to_contain_text("116 123")
    plan = page.locator(".govuk-summary-list__row", has_text="Last on-site day planned")
    expect(plan).to_contain_text("4 March 2026; the publication target would then be 29 April 2026")
    save_screenshot(page, "welfare-distress-offers-a-pause")

    # When the headteacher accepts, and the lead pauses the inspection
    page.locator("form#act-pause").get_by_label(re.compile("^Why")).fill(
        "Offered after the headteacher became distressed; she accepted."
    )
    press(page, "Pause the inspection", expect_banner="The inspection is now: Paused")
    expect(page.locator("#wellbeing-panel")).to_contain_text("The inspection is paused")
    expect(page.locator("#wellbeing-panel")).to_contain_text("Working days paused so far 0 of at most 5")

    # Then the headteacher sees it paused, and the support contacts
    sign_in(page, c.head)
    open_inspection(page, inspection.pk)
    expect(page.locator("h1 + p .govuk-tag")).to_have_text("Paused")
    expect(page.locator("#support-contacts")).to_contain_text("Education Support")
    expect(page.get_by_text("Tearful after the first meeting")).to_have_count(0)  # the inspectors' record stays theirs

    # When the lead resumes it on the next working day, Wednesday 4 March
    clock.set(SECOND_DAY, 9)
    sign_in(page, c.lead)
    open_inspection(page, inspection.pk)
    press(page, "Resume the inspection", expect_banner="The inspection is now: On site")

    # Then one working day was paused, and the dates moved on by it
    expect(page.locator("#pause-days")).to_contain_text("1 working day paused in all")
    expect(page.locator("#wellbeing-panel")).to_contain_text(
        "The last on-site day planned moved from 4 March 2026 to 5 March 2026"
    )
    expect(plan).to_contain_text("5 March 2026; the publication target would then be 30 April 2026")

    # and the next on-site day waits for the first day's check-in
    expect(page.get_by_role("button", name="Start the next on-site day")).to_have_count(0)
    expect(page.locator("#wellbeing-panel")).to_contain_text("“Start the next on-site day” waits")
    check_in(page, "The headteacher declined it")
    expect(page.locator("#checkins")).to_contain_text("The headteacher declined it")
    press(page, "Start the next on-site day", expect_banner="The inspection is now: On site")
    expect(page.get_by_text("Day 2 of 2")).to_be_visible()
    assert_accessible(page)


def test_the_headteacher_pauses_the_inspection_from_their_own_page(page: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Given an inspection on site
    c = cast()
    inspection = on_its_first_day(c)
    Clock(monkeypatch, at(FIRST_DAY, 14))

    # When the headteacher follows the link to pause it, and says why
    sign_in(page, c.head)
    open_inspection(page, inspection.pk)
    page.get_by_role("link", name="Ask for the inspection to be paused").click()
    assert_accessible(page)
    expect(page.locator("#support-contacts")).to_contain_text("08000 562 561")
    page.get_by_role("button", name="Pause the inspection now").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Why the inspection should pause is required")
    assert_accessible(page)
    page.get_by_label("Why the inspection should pause").fill("I am not well enough to carry on today.")
    page.get_by_role("button", name="Pause the inspection now").click()

    # Then it is paused at once, and the record says who asked
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The inspection is paused")
    assert_accessible(page)
    sign_in(page, c.lead)
    open_inspection(page, inspection.pk)
    expect(page.locator("#wellbeing-panel")).to_contain_text("Asked for by")
    expect(page.locator("#wellbeing-panel")).to_contain_text("headteacher")
