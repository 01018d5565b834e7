"""Journeys through the independent route for concerns and the learning review after a serious incident, played
from both sides in Chromium, each page checked with axe-core.

The inspection is on site (set up through the services, on the fixed dates of tests/lifecycle_support.py): while
it is under way the school may raise a concern whatever today's date, and the pages count the acknowledgement
target from the real clock, so the escalation is run with a `now` just past that target."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from inspectorate.accounts.models import User
from inspectorate.concerns.models import Concern
from inspectorate.concerns.services import concerns_escalate
from inspectorate.domain.roles import Role
from tests import factories
from tests.browser.support import assert_accessible, save_screenshot
from tests.browser.test_lifecycle_journeys import sign_in
from tests.lifecycle_support import Cast, cast, on_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_to(page: Any, user: User) -> None:
    page.context.clear_cookies()
    sign_in(page, user)


def banner(page: Any) -> Any:
    return page.locator(".govuk-notification-banner")


def head_raises_a_concern(page: Any, c: Cast, senior: User, inspection_id: int) -> Concern:
    sign_in(page, c.head)
    page.goto(f"/concerns/raise/{inspection_id}/")
    assert_accessible(page)
    save_screenshot(page, "concern-raise")
    # The page names who will get it (not the lead inspector, though the lead is a senior inspector too) and by when.
    who_and_when = page.locator("#who-and-when")
    expect(who_and_when).to_contain_text(senior.display_name)
    expect(who_and_when).to_contain_text(re.compile(r"acknowledge it by \d\d:\d\d on \w+day \d{1,2} \w+ \d{4}"))
    expect(page.get_by_text(c.lead.display_name)).to_have_count(0)
    page.get_by_label("Your concern").fill("The lead inspector refused to let our deputy attend the feedback.")
    page.get_by_role("button", name="Send the concern").click()
    expect(banner(page)).to_contain_text("Your concern is sent")
    assert_accessible(page)
    return Concern.objects.get(inspection_id=inspection_id)


def the_cast() -> tuple[Cast, User, int]:
    c = cast()
    # The lead inspector also holds the senior role: the route must pass them by, being on the team.
    c.lead.groups.add(Group.objects.get_or_create(name=Role.SENIOR_INSPECTOR.value)[0])
    senior = factories.person(Role.SENIOR_INSPECTOR, username="sol-senior")
    return c, senior, on_site(c).pk


def test_a_concern_reaches_an_independent_senior_inspector_who_answers_within_the_target(page: Any) -> None:
    # Given an inspection on site, and a senior inspector who is not on its team
    c, senior, inspection_id = the_cast()

    # When the headteacher raises a concern
    concern = head_raises_a_concern(page, c, senior, inspection_id)
    # Then it is with the independent senior inspector, awaiting acknowledgement
    expect(page.locator("#concern-status")).to_contain_text("Awaiting acknowledgement")

    # When the senior inspector finds it in their list, acknowledges it and responds
    switch_to(page, senior)
    page.goto("/concerns/")
    assert_accessible(page)
    page.get_by_role("link", name=concern.reference).click()
    assert_accessible(page)
    page.get_by_role("button", name="Acknowledge the concern").click()
    expect(banner(page)).to_contain_text("acknowledged")
    expect(page.locator("#concern-status")).to_contain_text("Acknowledged")
    assert_accessible(page)
    page.get_by_label("Your response").fill("I have spoken to the lead inspector: your deputy will attend.")
    page.get_by_label("Resolved with the school").check()
    page.get_by_role("button", name="Send the response and close the concern").click()
    expect(banner(page)).to_contain_text("the concern is closed")
    assert_accessible(page)

    # Then the headteacher sees the response and the outcome, and that it was acknowledged within its target
    switch_to(page, c.head)
    page.goto(f"/concerns/{concern.pk}/")
    expect(page.locator("#concern-response")).to_contain_text("your deputy will attend")
    expect(page.locator("#concern-outcome")).to_contain_text("Resolved with the school")
    expect(page.locator("#concern-status")).to_contain_text("Closed")
    expect(page.get_by_role("cell", name="within its target")).to_be_visible()
    assert_accessible(page)
    save_screenshot(page, "concern-answered")


def test_a_concern_not_acknowledged_in_time_is_escalated_to_the_duty_desk(page: Any) -> None:
    # Given a concern raised by the headteacher, and a duty desk
    c, senior, inspection_id = the_cast()
    desk = factories.person(Role.DUTY_DESK)
    concern = head_raises_a_concern(page, c, senior, inspection_id)

    # When its acknowledgement target passes without an acknowledgement, and the escalation runs
    [escalated] = concerns_escalate(now=concern.acknowledge_by + dt.timedelta(minutes=1))
    assert escalated.pk == concern.pk

    # Then the duty desk sees it, overdue, with what to do next
    switch_to(page, desk)
    page.goto("/duty-desk/")
    assert_accessible(page)
    item = page.locator(".govuk-summary-card", has_text=concern.reference)
    expect(item).to_contain_text("Concern escalated")
    expect(item).to_contain_text("Overdue")
    expect(item).to_contain_text("Call the school today")
    item.get_by_role("link", name=re.compile("^Open it")).click()
    expect(page.locator("#concern-status")).to_contain_text("Escalated")
    assert_accessible(page)

    # And routing it to the lead inspector is refused, saying why
    page.get_by_label("Senior inspector").select_option(c.lead.username)
    page.get_by_role("button", name="Route the concern").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("not on the team")
    assert_accessible(page)

    # And the headteacher sees that it went to the duty desk
    switch_to(page, c.head)
    page.goto(f"/concerns/{concern.pk}/")
    expect(page.locator("#concern-status")).to_contain_text("Escalated")
    assert_accessible(page)


def test_a_serious_incident_opens_a_learning_review_shown_on_the_duty_desk_until_its_findings_are_published(
    page: Any,
) -> None:
    # Given an inspection, the duty desk and a senior inspector to own a review
    c, senior, inspection_id = the_cast()
    desk = factories.person(Role.DUTY_DESK)

    # When the duty desk opens a learning review after a serious incident
    sign_in(page, desk)
    page.goto("/concerns/learning-reviews/")
    assert_accessible(page)
    page.get_by_role("link", name="Open a learning review").click()
    assert_accessible(page)
    page.get_by_label("Inspection number").fill(str(inspection_id))
    page.get_by_label("What happened").fill("The headteacher came to serious harm the week after the inspection.")
    page.get_by_label("Owner of the review").select_option(senior.username)
    page.get_by_role("button", name="Open the learning review").click()
    expect(banner(page)).to_contain_text("is open")
    assert_accessible(page)
    reference = page.locator(".govuk-caption-l + h1").inner_text().split()[-1]
    review_url = page.url

    # Then it shows on the duty desk with its due dates, and its findings page is not public yet
    page.goto("/duty-desk/")
    item = page.locator(".govuk-summary-card", has_text=reference)
    expect(item).to_contain_text("terms of reference due")
    expect(item).to_contain_text("report due")
    assert_accessible(page)
    review_id = int(review_url.rstrip("/").split("/")[-1])
    assert page.goto(f"/concerns/learning-reviews/{review_id}/findings/").status == 404

    # When its owner records the terms of reference, the report, and publishes the findings
    switch_to(page, senior)
    page.goto(review_url)
    page.get_by_label("Terms of reference").fill("How the inspection was run, and what support was offered.")
    page.get_by_role("button", name="Record the terms of reference").click()
    expect(banner(page)).to_contain_text("terms of reference are recorded")
    assert_accessible(page)
    page.get_by_label("Report", exact=True).fill("The full report, naming those involved.")
    page.get_by_role("button", name="Record the report").click()
    expect(banner(page)).to_contain_text("report is recorded")
    page.get_by_label("Findings", exact=True).fill(
        "Leaders are now offered a wellbeing check-in at the end of every day."
    )
    page.get_by_role("button", name="Publish the findings").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("name nobody")  # the confirmation comes first
    assert_accessible(page)
    page.get_by_label("The findings name nobody and hold no personal details").check()
    page.get_by_role("button", name="Publish the findings").click()
    expect(banner(page)).to_contain_text("published")
    assert_accessible(page)

    # Then it leaves the duty desk, and anyone can read the findings, without the incident or anyone's name
    switch_to(page, desk)
    page.goto("/duty-desk/")
    expect(page.locator(".govuk-summary-card", has_text=reference)).to_have_count(0)
    page.context.clear_cookies()
    page.goto(f"/concerns/learning-reviews/{review_id}/findings/")
    expect(page.locator("#findings")).to_contain_text("wellbeing check-in at the end of every day")
    expect(page.get_by_text("serious harm")).to_have_count(0)
    expect(page.get_by_text(senior.display_name)).to_have_count(0)
    expect(page.get_by_text(c.school.name)).to_have_count(0)
    assert_accessible(page)
    save_screenshot(page, "learning-review-public")
