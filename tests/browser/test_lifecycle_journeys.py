"""Journeys through an inspection's lifecycle in the staff workspace, in Chromium, each page checked with axe-core.

The pages use today's date, so the journey plans its inspection to start in the future and then takes every step
today: the renewed framework (report cards) is in force. Set-up that is not the subject of a journey goes through
the services, with the fixed dates of tests/lifecycle_support.py."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from inspectorate.accounts.models import User
from inspectorate.inspections.models import Inspection
from inspectorate.welfare.services import checkin_record
from tests.browser.support import assert_accessible, save_screenshot
from tests.lifecycle_support import REPORT_CARD_EXPECTED, Cast, act, cast, drafted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "test-password"  # tests/factories.person's


def sign_in(page: Any, user: User) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("button", name=re.compile("^Sign out"))).to_be_visible()


def open_inspection(page: Any, inspection_id: int) -> None:
    page.goto(f"/workspace/inspections/{inspection_id}/")
    assert_accessible(page)


def press(page: Any, button: str, *, expect_banner: str) -> None:
    """Press a button on the inspection page, then check the success banner and the page it lands on."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(expect_banner)
    assert_accessible(page)


def check_in(page: Any, outcome: str = "The check-in was held") -> None:
    """Record the wellbeing check-in the Wellbeing panel offers first (the workflow waits for it)."""
    page.locator("form#checkin").get_by_label(outcome).check()
    press(page, "Record the check-in", expect_banner="The wellbeing check-in is recorded")


def expect_state(page: Any, label: str) -> None:
    expect(page.locator("h1 + p .govuk-tag")).to_have_text(label)


def in_quality_assurance(c: Cast) -> Inspection:
    inspection = drafted(c)
    return act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 3, 6))


def test_a_lead_inspector_takes_a_new_inspection_from_planned_to_published(page: Any) -> None:
    # Given a fictional school, its headteacher, a scheduler, a lead and a team inspector, and quality assurance
    c = cast()
    starts = timezone.localdate() + dt.timedelta(days=14)

    # When the scheduler plans the inspection from the workspace
    sign_in(page, c.scheduler)
    page.get_by_role("link", name="Workspace").click()
    assert_accessible(page)
    page.get_by_role("button", name="Plan an inspection").click()
    assert_accessible(page)
    save_screenshot(page, "workspace-plan")
    page.get_by_label("URN of the school").fill(str(c.school.urn))
    page.get_by_label("Day", exact=True).fill(str(starts.day))
    page.get_by_label("Month", exact=True).fill(str(starts.month))
    page.get_by_label("Year", exact=True).fill(str(starts.year))
    page.get_by_label("Lead inspector", exact=True).select_option(c.lead.username)
    page.locator(f"input[name=team][value='{c.team.username}']").check()
    page.get_by_label("Number of on-site days").fill("2")
    page.get_by_role("button", name="Plan the inspection").click()
    # Then it is planned, and the notification call comes next
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is planned")
    expect_state(page, "Planned")
    assert_accessible(page)
    inspection_id = int(page.url.rstrip("/").split("/")[-1])

    # When the lead records the notification call, with the support contacts given
    sign_in(page, c.lead)
    open_inspection(page, inspection_id)
    page.get_by_label("Name of the person told").fill("Ada Fictional")
    page.get_by_label("Their role").fill("Headteacher")
    page.get_by_label("I gave the school the independent senior inspector's contact details").check()
    page.get_by_label("I gave the school the wellbeing support contacts").check()
    press(page, "Record the notification call", expect_banner="The inspection is now: Notified")
    check_in(page)
    # and holds the planning call, and goes on site
    page.get_by_label("Notes from the planning call").fill("Timetable agreed; the head will join the first meeting.")
    press(page, "Record the planning call", expect_banner="Planning call held")
    press(page, "Start the first on-site day", expect_banner="The inspection is now: On site")
    expect(page.get_by_text("Day 1 of 2")).to_be_visible()

    # and records evidence, then a judgement for every area, the curriculum traced to what was seen
    evidence = page.locator("form#evidence")
    evidence.get_by_label("Area", exact=True).select_option(label="Curriculum and teaching")
    seen = "Year 4 lessons: pupils explain fractions using what they learned before."
    evidence.get_by_label("What was seen").fill(seen)
    press(page, "Save the evidence note", expect_banner="is saved")
    check_in(page)
    press(page, "Start the next on-site day", expect_banner="The inspection is now: On site")
    for area, grade in [*REPORT_CARD_EXPECTED.items(), ("safeguarding", "met")]:
        judgement = page.locator("form#judgement")
        judgement.get_by_label("Area", exact=True).select_option(area)
        judgement.get_by_label("Grade", exact=True).select_option(grade)
        if area == "curriculum_and_teaching":
            judgement.get_by_label(re.compile("^Evidence note")).check()
        page.get_by_role("button", name="Save the judgement").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("The judgement is saved")
    assert_accessible(page)
    save_screenshot(page, "workspace-inspection-judged")
    expect(page.locator("#judgements + table")).to_contain_text("Curriculum and teaching Strong standard")
    expect(page.locator("#judgements + table").get_by_role("link", name=re.compile("Evidence note"))).to_be_visible()

    # and gives final feedback, drafts the report and sends it to quality assurance
    check_in(page)
    press(page, "Record the final feedback meeting", expect_banner="Final feedback given")
    check_in(page)
    press(page, "Start drafting the report", expect_banner="Drafting the report")
    report = page.locator("form#report")
    report.get_by_label("Summary", exact=True).fill("Pupils at this fictional school learn well and are kept safe.")
    report.get_by_label("Curriculum and teaching").fill("Teachers check what pupils remember before moving on.")
    press(page, "Save the report draft", expect_banner="The report draft is saved")
    press(page, "Send the draft to quality assurance", expect_banner="Quality assurance")

    # When quality assurance issues the draft to the school
    sign_in(page, c.qa)
    open_inspection(page, inspection_id)
    press(page, "Issue the draft to the school", expect_banner="Factual-accuracy check")

    # and the school's headteacher comments within the window
    sign_in(page, c.head)
    open_inspection(page, inspection_id)
    expect(page.get_by_role("link", name="Workspace")).to_have_count(0)
    page.get_by_label("Your comments").fill("We have 310 pupils on roll, not 300.")
    press(page, "Send your comments", expect_banner="Your comments are sent")

    # Then, once the follow-up check-in (due three working days after final feedback) is recorded, the lead may
    # finalise the report, and quality assurance publishes it
    follow_up_day = timezone.localdate() + dt.timedelta(days=7)
    checkin_record(user=c.lead, inspection_id=inspection_id, point="follow_up", outcome="recorded", today=follow_up_day)
    sign_in(page, c.lead)
    open_inspection(page, inspection_id)
    expect(page.get_by_text("We have 310 pupils on roll, not 300.")).to_be_visible()
    press(page, "Finalise the report", expect_banner="The inspection is now: Finalised")
    sign_in(page, c.qa)
    open_inspection(page, inspection_id)
    press(page, "Publish the report", expect_banner="The inspection is now: Published")
    expect_state(page, "Published")
    save_screenshot(page, "workspace-inspection-published")
    page.get_by_role("link", name="Workspace").click()
    expect(page.get_by_role("table")).to_contain_text("Published")
    assert_accessible(page)
    save_screenshot(page, "workspace-list")
    page.go_back()
    expect(page.locator("#timeline ~ ol > li")).to_have_count(11)  # planned, then ten transitions
    assert Inspection.objects.get(pk=inspection_id).published_on == timezone.localdate()


def test_quality_assurance_returns_a_draft_and_the_lead_reads_why_on_the_timeline(page: Any) -> None:
    # Given a draft report waiting for quality assurance
    c = cast()
    inspection = in_quality_assurance(c)

    # When quality assurance returns it without saying why
    sign_in(page, c.qa)
    open_inspection(page, inspection.pk)
    page.get_by_role("button", name="Return the draft for changes").click()
    # Then the error summary asks for a reason, and the page is still accessible
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give a reason to return the draft for changes")
    assert_accessible(page)
    save_screenshot(page, "workspace-inspection-error")

    # When they give the reason
    page.get_by_label("Why: return the draft for changes").fill("The achievement section needs evidence from books.")
    press(page, "Return the draft for changes", expect_banner="The inspection is now: Drafting the report")

    # Then the lead sees the reason on the timeline, and may change the draft again
    sign_in(page, c.lead)
    open_inspection(page, inspection.pk)
    entry = page.locator("#timeline ~ ol > li").last
    expect(entry).to_contain_text("Return the draft for changes")
    expect(entry).to_contain_text("Quality assurance to Drafting the report")
    expect(entry).to_contain_text("Reason: The achievement section needs evidence from books.")
    expect(page.get_by_role("button", name="Save the report draft")).to_be_visible()


def test_the_headteacher_reads_the_report_once_it_is_published(page: Any, settings: Any) -> None:
    # Given the demo (where fictional schools have public pages) and a finalised report at a fictional school
    settings.INSPECTORATE_DEMO = True
    c = cast()
    inspection = in_quality_assurance(c)
    act(c.qa, inspection, "issue_draft", dt.date(2026, 3, 10))
    act(c.lead, inspection, "finalise", dt.date(2026, 3, 18))

    # When quality assurance publishes it
    sign_in(page, c.qa)
    open_inspection(page, inspection.pk)
    press(page, "Publish the report", expect_banner="The inspection is now: Published")

    # Then the school's headteacher sees it published on the inspection's page, and reads the report
    sign_in(page, c.head)
    open_inspection(page, inspection.pk)
    expect_state(page, "Published")
    expect(page.get_by_text("Pupils learn well and are kept safe.")).to_be_visible()
    page.get_by_role("link", name="The report page").click()
    expect(page.get_by_text("Pupils learn well and are kept safe.").first).to_be_visible()
    assert_accessible(page)

    # And anyone finds it on the school's public page, as a page and as a PDF
    page.goto(f"/schools/{c.school.urn}/")
    assert_accessible(page)
    expect(page.get_by_role("link", name=re.compile("^Download the report \\(PDF"))).to_be_visible()
    pdf = page.request.get(
        page.get_by_role("link", name=re.compile("^Download the report")).first.get_attribute("href")
    )
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    page.get_by_role("link", name=re.compile("^Read the report")).first.click()
    expect(page.get_by_text("Pupils learn well and are kept safe.").first).to_be_visible()
