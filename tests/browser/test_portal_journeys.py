"""The school's portal in Chromium, each page checked with axe-core: a school refused another school's inspection;
the headteacher sharing the provisional outcome with a colleague and withdrawing it; commenting on the draft within
the factual-accuracy window. Every page of an open inspection shows the support contacts.

Set-up that is not the subject of a journey goes through the services (tests/lifecycle_support.py)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspectorate.audit.models import AuditEntry
from inspectorate.inspections.models import FactualAccuracyComment, Inspection
from inspectorate.web.formatting import long_date
from tests.browser.support import assert_accessible, save_screenshot
from tests.browser.test_lifecycle_journeys import sign_in
from tests.lifecycle_support import Cast, act, cast, drafted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLEAGUE_PASSWORD = "a long fictional passphrase"
MAY_SHARE = (
    "You may share this with colleagues, family, medical advisers and your support network. Please do not share "
    "it with parents or the public until the report is published."
)


def expect_support_contacts(page: Any) -> None:
    box = page.locator("aside.app-support-contacts")
    expect(box).to_contain_text("Independent senior inspector")
    expect(box).to_contain_text("Education Support")
    expect(box).to_contain_text("08000 562 561")
    expect(box).to_contain_text("Samaritans")
    expect(box).to_contain_text("116 123")


def open_portal_inspection(page: Any, school: str) -> None:
    page.get_by_role("link", name="Your school").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(re.escape(school))).click()
    assert_accessible(page)
    expect_support_contacts(page)


def sign_out(page: Any) -> None:
    page.get_by_role("button", name=re.compile("^Sign out")).click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_school_user_is_refused_another_schools_inspection(page: Any) -> None:
    # Given an inspection at one school, and the headteacher of another
    c = cast()
    inspection = drafted(c)
    other = cast(name="Fictional Meadow Academy")

    # When the other school's headteacher signs in and opens their portal
    sign_in(page, other.head)
    page.get_by_role("link", name="Your school").click()
    assert_accessible(page)
    # Then they see no inspection but their own school's (it has none yet)
    expect(page.get_by_text("Your school has no inspections planned or under way")).to_be_visible()
    expect(page.get_by_text(inspection.reference)).to_have_count(0)

    # When they try the first school's inspection by its address
    response = page.goto(f"/portal/inspections/{inspection.pk}/")
    # Then there is no such page for them, and nothing of the outcome was read
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)
    assert page.goto(f"/reports/{inspection.pk}/").status == 404  # type: ignore[union-attr]
    assert not AuditEntry.objects.filter(action="provisional_outcome.viewed", actor_username=other.head.username)


def test_the_head_shares_the_provisional_outcome_with_a_colleague_and_withdraws_it(page: Any) -> None:
    # Given an inspection whose provisional outcome the headteacher was told at final feedback
    c = cast()
    inspection = drafted(c)

    # When the headteacher opens it in the portal
    sign_in(page, c.head)
    open_portal_inspection(page, "Fictional Brook Primary School")
    # Then they read the outcome and, plainly, whom they may share it with
    expect(page.locator("#may-share")).to_have_text(MAY_SHARE)
    expect(page.get_by_role("table")).to_contain_text("Strong standard")

    # When they invite a colleague into their circle
    page.get_by_role("link", name="Choose whom you share the provisional outcome with").click()
    assert_accessible(page)
    expect_support_contacts(page)
    page.get_by_label("Their name").fill("Dana Deputy")
    page.get_by_label("Their email address").fill("dana.deputy@example.org")
    page.get_by_label("Colleague").check()
    page.get_by_role("button", name="Invite them").click()
    # Then the colleague has an account and a one-time link to pass on
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Dana Deputy is invited")
    assert_accessible(page)
    save_screenshot(page, "portal-circle")
    link = page.locator(".app-welcome-link").inner_text().strip()
    sign_out(page)

    # When the colleague follows the link and chooses a password
    page.goto(link)
    assert_accessible(page)
    expect(page.get_by_text("Your username is dana.deputy")).to_be_visible()
    page.get_by_label("Choose a password").fill(COLLEAGUE_PASSWORD)
    page.get_by_label("Type it again").fill(COLLEAGUE_PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    # Then they read the provisional outcome, and nothing they could change
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You are signed in as dana.deputy")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Provisional outcome")
    expect(page.get_by_role("table")).to_contain_text("Strong standard")
    expect(page.get_by_text("Please do not share it with parents or the public")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Invite|Send|Withdraw"))).to_have_count(0)
    expect_support_contacts(page)
    assert_accessible(page)
    save_screenshot(page, "portal-shared-outcome")
    assert AuditEntry.objects.filter(
        action="provisional_outcome.viewed", actor_username="dana.deputy", object_id=str(inspection.pk)
    ).exists()
    sign_out(page)

    # When the headteacher withdraws the invitation
    sign_in(page, c.head)
    page.goto(f"/portal/inspections/{inspection.pk}/circle/")
    page.get_by_role("button", name="Withdraw Dana Deputy's invitation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("can no longer read the provisional outcome")
    expect(page.get_by_text(re.compile("Dana Deputy \\(Colleague\\): withdrawn on"))).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Then the colleague can no longer sign in, and the outcome's address sends them to sign in
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("dana.deputy")
    page.get_by_label("Password").fill(COLLEAGUE_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/portal/inspections/{inspection.pk}/")
    expect(page).to_have_url(re.compile("/accounts/login/"))


def test_the_head_comments_on_the_draft_within_the_window_and_sees_the_deadline_as_a_date(page: Any) -> None:
    # Given a draft report issued to the school, its factual-accuracy window closing in a week
    c = cast()
    inspection = in_factual_accuracy_check(c)
    closes = long_date(inspection.factual_accuracy_deadline)

    # When the headteacher opens the inspection in the portal
    sign_in(page, c.head)
    open_portal_inspection(page, "Fictional Brook Primary School")
    # Then they see when their comments are due, as a date, and the team
    expect(page.locator("#dates + dl")).to_contain_text(f"Your comments on the draft report are due by {closes}")
    expect(page.locator("#team + dl")).to_contain_text("Lead inspector")
    save_screenshot(page, "portal-inspection")

    # When they comment on the draft
    page.get_by_role("link", name="Comment on the draft report").click()
    assert_accessible(page)
    expect_support_contacts(page)
    expect(page.locator("#window-closes")).to_have_text(f"The factual-accuracy window closes on {closes}.")
    page.get_by_role("button", name="Send your comments").click()
    # Then an empty comment is refused, saying what to do
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write your comments on the draft")
    assert_accessible(page)
    page.get_by_label("Your comments on the draft report").fill("We have 310 pupils on roll, not 300.")
    page.get_by_role("button", name="Send your comments").click()
    # Then the comments reach the team, and the inspection's page says so
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your comments are sent to the inspection team")
    expect_support_contacts(page)
    assert_accessible(page)
    assert FactualAccuracyComment.objects.get(inspection=inspection).text == "We have 310 pupils on roll, not 300."


def in_factual_accuracy_check(c: Cast) -> Inspection:
    """The walk through the lifecycle uses fixed dates in March 2026; the window's closing date is moved to a week
    after today, where the pages' today falls inside it."""
    inspection = drafted(c)
    act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 3, 6))
    act(c.qa, inspection, "issue_draft", dt.date(2026, 3, 10))
    deadline = timezone.localdate() + dt.timedelta(days=7)
    Inspection.objects.filter(pk=inspection.pk).update(factual_accuracy_deadline=deadline)
    return Inspection.objects.get(pk=inspection.pk)
