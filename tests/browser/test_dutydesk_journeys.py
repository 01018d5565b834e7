"""Journeys of the duty desk and of inspector readiness, in Chromium, each page checked with axe-core."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspectorate.alerts.services import alerts_raise
from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.workforce import TrainingKind
from inspectorate.inspections.models import Inspection
from inspectorate.workforce.models import InspectorProfile, TrainingRecord
from tests import factories
from tests.browser.support import assert_accessible
from tests.browser.test_lifecycle_journeys import sign_in
from tests.lifecycle_support import cast, drafted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_duty_desk_sees_a_report_past_its_target_and_opens_the_inspection(page: Any) -> None:
    # Given a drafted report whose publication target (29 April 2026) has passed, and the alert raised
    c = cast()
    inspection = drafted(c)
    alerts_raise(today=dt.date(2026, 5, 1))
    duty = factories.person(Role.DUTY_DESK)

    # When the duty desk opens its page
    sign_in(page, duty)
    page.goto("/duty-desk/")
    assert_accessible(page)

    # Then the report is listed, overdue, with what to do next and a link to the inspection
    item = page.locator(".govuk-summary-card", has_text="Report past its publication target")
    expect(item).to_contain_text("Fictional Brook Primary School")
    expect(item).to_contain_text("Overdue")
    expect(item).to_contain_text("Ask quality assurance and the lead inspector")
    item.get_by_role("link", name="Open it").click()
    expect(page).to_have_url(f"{page.url.split('/workspace')[0]}/workspace/inspections/{inspection.pk}/")
    assert_accessible(page)


def test_with_nothing_to_do_the_duty_desk_says_so(page: Any) -> None:
    # Given nothing needs attention
    duty = factories.person(Role.DUTY_DESK)
    # When the duty desk opens its page
    sign_in(page, duty)
    page.goto("/duty-desk/")
    # Then it says so plainly
    expect(page.get_by_role("heading", level=1)).to_have_text("Nothing needs attention now")
    assert_accessible(page)


def test_a_scheduler_is_refused_an_inspector_whose_mental_health_training_expired_and_sees_why(page: Any) -> None:
    # Given a team inspector whose mental-health awareness training ran out last month
    c = cast()
    lapsed_on = timezone.localdate() - dt.timedelta(days=30)
    profile = InspectorProfile.objects.get(user=c.team)
    TrainingRecord.objects.filter(inspector=profile, kind=TrainingKind.MENTAL_HEALTH_AWARENESS).delete()
    TrainingRecord.objects.create(
        inspector=profile,
        kind=TrainingKind.MENTAL_HEALTH_AWARENESS,
        completed_on=lapsed_on - dt.timedelta(days=1095),
        expires_on=lapsed_on,
        recorded_at=timezone.now(),
    )
    starts = timezone.localdate() + dt.timedelta(days=14)

    # When the scheduler tries to plan an inspection with them on the team
    sign_in(page, c.scheduler)
    page.goto("/workspace/plan/")
    page.get_by_label("URN of the school").fill(str(c.school.urn))
    page.get_by_label("Day", exact=True).fill(str(starts.day))
    page.get_by_label("Month", exact=True).fill(str(starts.month))
    page.get_by_label("Year", exact=True).fill(str(starts.year))
    page.get_by_label("Lead inspector", exact=True).select_option(c.lead.username)
    page.locator(f"input[name=team][value='{c.team.username}']").check()
    page.get_by_role("button", name="Plan the inspection").click()

    # Then planning is refused, with the reason in the error summary, and nothing is planned
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(f"mental-health awareness training expired on {lapsed_on.isoformat()}")
    assert_accessible(page)
    assert not Inspection.objects.filter(establishment=c.school).exists()

    # And the workforce list shows the scheduler who is not ready, and the inspector's page records renewed training
    page.goto("/workforce/?status=not-ready")
    assert_accessible(page)
    page.get_by_role("link", name=c.team.display_name).click()
    assert_accessible(page)
    form = page.locator("form#training")
    form.get_by_label("Mental-health awareness").check()
    today = timezone.localdate()
    for box, value in (("Day", today.day), ("Month", today.month), ("Year", today.year)):
        form.locator("#training-completed_on").get_by_label(box, exact=True).fill(str(value))
    for box, value in (("Day", today.day), ("Month", today.month), ("Year", today.year + 3)):
        form.locator("#training-expires_on").get_by_label(box, exact=True).fill(str(value))
    page.get_by_role("button", name="Record training").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The training is recorded")
    assert_accessible(page)
