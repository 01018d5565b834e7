"""The deferral pages through Django's test client: who may open them, the forms' errors, and the demo records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.accounts.services import demo_accounts_create
from inspectorate.deferrals.demo import demo_create
from inspectorate.deferrals.models import BlanketDeferralWindow, DeferralRequest
from inspectorate.domain.roles import Role
from inspectorate.inspections.demo import demo_inspections_create
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.services.planning import inspection_plan
from inspectorate.workforce.demo import demo_profiles_create
from tests import factories
from tests.lifecycle_support import Cast, cast, on_site

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def planned_ahead(c: Cast) -> Inspection:
    """Planned to start in three weeks, so that the pages (which use today's date) may still defer it."""
    return inspection_plan(
        user=c.scheduler,
        urn=c.school.urn,
        starts_on=timezone.localdate() + dt.timedelta(days=21),
        lead=c.lead.username,
        team=[c.team.username],
    )


def test_the_head_asks_and_sees_the_request_waiting_with_its_deadline() -> None:
    c = cast()
    inspection = planned_ahead(c)
    head = as_user(c.head)
    href = reverse("deferral-request", args=[inspection.pk])
    page = head.get(href)
    assert page.status_code == 200
    assert "The wellbeing of senior leaders" in page.content.decode()
    refused = head.post(href, {"ground": "", "details": ""})
    assert refused.status_code == 422
    body = refused.content.decode()
    assert "There is a problem" in body and 'href="#ground"' in body and 'href="#details"' in body
    done = head.post(href, {"ground": "major_incident", "details": "A pupil died at the weekend."}, follow=True)
    body = done.content.decode()
    assert "Your request is sent" in body and "Awaiting a decision" in body and "Decision due by" in body


def test_another_schools_head_cannot_open_the_request_page_and_staff_cannot_ask() -> None:
    c = cast()
    inspection = planned_ahead(c)
    stranger = factories.person(Role.HEADTEACHER)
    factories.school_member(stranger, factories.establishment(name="Another School"))
    assert as_user(stranger).get(reverse("deferral-request", args=[inspection.pk])).status_code == 404
    assert as_user(c.scheduler).get(reverse("deferral-request", args=[inspection.pk])).status_code == 403


def test_a_scheduler_grants_a_request_from_the_list() -> None:
    c = cast()
    inspection = planned_ahead(c)
    as_user(c.head).post(
        reverse("deferral-request", args=[inspection.pk]), {"ground": "major_incident", "details": "A fire."}
    )
    request = DeferralRequest.objects.get()
    scheduler = as_user(c.scheduler)
    listing = scheduler.get(reverse("deferral-list")).content.decode()
    assert reverse("deferral-decide", args=[request.pk]) in listing
    no_reasons = scheduler.post(reverse("deferral-decide", args=[request.pk]), {"decision": "grant", "reasons": ""})
    assert no_reasons.status_code == 422 and 'href="#reasons"' in no_reasons.content.decode()
    scheduler.post(reverse("deferral-decide", args=[request.pk]), {"decision": "grant", "reasons": "A fire."})
    inspection.refresh_from_db()
    assert inspection.state == "deferred"
    assert as_user(c.head).get(reverse("deferral-list")).status_code == 403
    # The head following the decision link is taken to their own request page.
    assert as_user(c.head).get(reverse("deferral-decide", args=[request.pk])).status_code == 302


def test_only_an_administrator_sees_the_declare_form_and_a_bad_window_is_explained() -> None:
    c = cast()
    assert "Declare a window" not in as_user(c.scheduler).get(reverse("blanket-window-list")).content.decode()
    admin = as_user(c.admin)
    refused = admin.post(
        reverse("blanket-window-list"),
        {"first_day-day": "15", "first_day-month": "12", "first_day-year": "2023", "reason": "Training"},
    )
    assert refused.status_code == 422 and "Enter the last day" in refused.content.decode()
    admin.post(
        reverse("blanket-window-list"),
        {
            **{f"first_day-{p}": v for p, v in (("day", "11"), ("month", "12"), ("year", "2023"))},
            **{f"last_day-{p}": v for p, v in (("day", "15"), ("month", "12"), ("year", "2023"))},
            "reason": "Training week",
        },
    )
    assert BlanketDeferralWindow.objects.get().declared_by == c.admin
    assert as_user(c.head).get(reverse("blanket-window-list")).status_code == 403


def test_the_lead_records_a_refusal_and_the_duty_desk_reads_it_with_the_legal_position() -> None:
    c = cast()
    inspection = on_site(c)
    href = reverse("refused-entry-record", args=[inspection.pk])
    assert as_user(c.team).get(href).status_code == 403
    lead = as_user(c.lead)
    assert "Record that entry was refused" in lead.get(href).content.decode()
    missing = lead.post(href, {"refused_time": "25:00", "version": inspection.version})
    assert missing.status_code == 422 and 'href="#refused_time"' in missing.content.decode()
    now = timezone.localtime()
    lead.post(
        href,
        {
            "refused_on-day": now.day,
            "refused_on-month": now.month,
            "refused_on-year": now.year,
            "refused_time": "00:01",
            "refused_by": "Chair of governors",
            "what_was_said": "Not today.",
            "version": inspection.version,
        },
    )
    inspection.refresh_from_db()
    assert inspection.state == "entry_refused"
    duty = as_user(factories.person(Role.DUTY_DESK))
    body = duty.get(href).content.decode()
    assert "Chair of governors" in body and "£2,500" in body and "Next steps for the duty desk" in body


def test_the_demo_adds_a_waiting_and_a_declined_request_and_a_past_window() -> None:
    demo_accounts_create()
    today = dt.date(2026, 11, 25)
    demo_profiles_create(today=today)  # planning refuses inspectors without a readiness record
    demo_inspections_create(today=today)
    lines = demo_create(today=today)
    assert len(lines) == 3
    statuses = sorted(DeferralRequest.objects.values_list("status", flat=True))
    assert statuses == ["declined", "pending"]
    assert BlanketDeferralWindow.objects.get().first_day == dt.date(2023, 12, 11)
    demo_inspections_create(today=today)
    demo_create(today=today)  # again: replaced, not doubled
    assert DeferralRequest.objects.count() == 2 and BlanketDeferralWindow.objects.count() == 1
