"""A scheduler makes a schedule plan for the demo's fictional schools with the real demo inspectors, accepts it, and
finds the planned inspections in the workspace; every page checked with axe-core. The demo is built for today's
date (the pages use the clock), and the plan starts on the next Monday, so every inspection starts after today."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspectorate.accounts.services import demo_accounts_create
from inspectorate.inspections.demo import demo_inspections_create
from inspectorate.planning.models import SchedulePlan
from tests.browser.support import assert_accessible, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-inspectorate"


@pytest.fixture
def demo(settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Callable[..., Any]) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    settings.INSPECTORATE_DEMO = True
    demo_accounts_create()
    with django_capture_on_commit_callbacks(execute=True):
        demo_inspections_create(today=timezone.localdate())


def sign_in(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("button", name=re.compile("^Sign out"))).to_be_visible()


def next_monday() -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def test_a_scheduler_plans_the_fictional_schools_with_the_real_inspectors_and_accepts(page: Any, demo: None) -> None:
    # Given the demo, a scheduler opens the schedule plans
    sign_in(page, "scheduler")
    page.goto("/planning/plans/")
    assert_accessible(page)

    # When they ask for a plan without a start date, they are told what is wrong
    page.get_by_label("Plan starts on").fill("next week")
    page.get_by_role("button", name="Make the plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("YYYY-MM-DD")
    assert_accessible(page)

    # and when they ask properly: four weeks of the demo's fictional schools, with the real workforce
    page.get_by_label("Plan starts on").fill(next_monday().isoformat())
    page.get_by_label("Weeks").fill("4")
    page.get_by_label("Real: the inspectors held in Inspectorate").check()
    page.get_by_label("The demo's fictional schools").check()
    page.get_by_label("Solver time limit in seconds").fill("5")
    page.get_by_role("button", name="Make the plan").click()

    # Then the plan shows its figures and its assignments, and it is not an exercise
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is made")
    expect(page.get_by_text("Lower bound", exact=True)).to_be_visible()
    expect(page.get_by_text("EXERCISE")).to_have_count(0)
    assert_accessible(page)
    save_screenshot(page, "schedule-plan")
    plan = SchedulePlan.objects.get()
    schools = list(plan.assignments.values_list("school_name", flat=True))
    assert schools and all("(fictional)" in name for name in schools)

    # When they accept it
    page.get_by_role("button", name="Accept this plan").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is accepted")
    expect(page.get_by_role("button", name="Accept this plan")).to_have_count(0)
    assert_accessible(page)

    # Then the planned inspections are in the workspace, with the demo's lead leading them
    page.get_by_role("link", name="Workspace").click()
    assert_accessible(page)
    for name in schools:
        expect(page.get_by_role("row").filter(has_text=name).filter(has_text="Planned").first).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == SchedulePlan.Status.ACCEPTED
    leads = [a.lead_user.username if a.lead_user else None for a in plan.assignments.all()]
    assert leads and set(leads) == {"lead"}  # the only real inspector who may lead
    assert all(a.inspection is not None for a in plan.assignments.all())
