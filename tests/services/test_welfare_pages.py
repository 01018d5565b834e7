"""The Wellbeing panel on the inspection page, its forms, the school's pause page, and welfare's demo records,
through Django's test client."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from inspectorate.accounts.services import demo_accounts_create
from inspectorate.domain.roles import Role
from inspectorate.inspections.demo import demo_inspections_create
from inspectorate.inspections.models import Inspection
from inspectorate.welfare import demo as welfare_demo
from inspectorate.welfare.duty import duty_items
from inspectorate.welfare.models import DistressRecord, PauseRecord
from tests import factories
from tests.lifecycle_support import NOTIFIED_ON, NOTIFY_DATA, act, at, cast, on_site, planned

pytestmark = pytest.mark.django_db


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def text_of(response: Any) -> str:
    html = response.content.decode()
    main = html[html.index("<main") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#39;", "'")


def detail(inspection: Inspection) -> str:
    return f"/workspace/inspections/{inspection.pk}/"


def test_the_page_holds_the_planning_call_until_the_notification_check_in_is_recorded() -> None:
    c = cast()
    inspection = planned(c)
    act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA, checkins=False)
    lead = signed_in(c.lead)
    before = lead.get(detail(inspection))
    assert "/act/hold_planning_call/" not in before.content.decode()
    assert "“Record the planning call” waits: the wellbeing check-in is not recorded yet (at notification)" in (
        text_of(before)
    )
    assert "Due now" in text_of(before)
    done = lead.post(
        f"/welfare/inspections/{inspection.pk}/check-ins/",
        {"point": "notification", "outcome": "declined", "notes": "She would rather talk tomorrow."},
        follow=True,
    )
    assert "The wellbeing check-in is recorded: at notification, the headteacher declined it." in text_of(done)
    assert "/act/hold_planning_call/" in done.content.decode()


def test_a_check_in_without_an_outcome_is_shown_again_with_the_error() -> None:
    c = cast()
    inspection = planned(c)
    act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA, checkins=False)
    response = signed_in(c.lead).post(
        f"/welfare/inspections/{inspection.pk}/check-ins/", {"point": "notification", "notes": "Kept"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'href="#checkin-outcome"' in html
    assert "Say whether the check-in was held or the headteacher declined it" in text_of(response)
    assert ">Kept</textarea>" in html
    assert signed_in(c.head).post(f"/welfare/inspections/{inspection.pk}/check-ins/", {}).status_code == 403


def test_recorded_distress_brings_the_pause_and_the_contacts_to_the_top_of_the_wellbeing_panel() -> None:
    c = cast()
    inspection = on_site(c)
    folded = signed_in(c.lead).get(detail(inspection)).content.decode()
    assert re.search(r"<details[^>]*>\s*<summary[^>]*>\s*<span[^>]*>Pause the inspection", folded)
    signed_in(c.team).post(
        f"/welfare/inspections/{inspection.pk}/distress/",
        {"person": "Headteacher", "signs": "Tearful and shaking after the first meeting."},
    )
    response = signed_in(c.lead).get(detail(inspection))
    html, words = response.content.decode(), text_of(response)
    assert "Signs of distress recorded" in words
    assert "Offer the headteacher a pause now" in words
    assert not re.search(r"<summary[^>]*>\s*<span[^>]*>Pause the inspection", html)  # no longer folded away
    assert 'id="act-pause"' in html
    assert "08000 562 561" in words and "116 123" in words


def test_the_school_sees_the_contacts_and_its_pause_link_but_not_what_inspectors_recorded() -> None:
    c = cast()
    inspection = on_site(c)
    signed_in(c.team).post(
        f"/welfare/inspections/{inspection.pk}/distress/", {"person": "Headteacher", "signs": "Crying in the office"}
    )
    words = text_of(signed_in(c.head).get(detail(inspection)))
    assert "Education Support" in words and "08000 562 561" in words
    assert "Ask for the inspection to be paused" in words
    assert "Crying in the office" not in words


def test_the_head_pauses_the_inspection_from_their_own_page() -> None:
    c = cast()
    inspection = on_site(c)
    head = signed_in(c.head)
    page = head.get(f"/welfare/inspections/{inspection.pk}/pause/")
    assert page.status_code == 200
    assert "You do not need anyone's agreement" in text_of(page)
    assert "08000 562 561" in text_of(page)
    empty = head.post(f"/welfare/inspections/{inspection.pk}/pause/", {"reason": ""})
    assert empty.status_code == 422
    assert "Why the inspection should pause is required" in text_of(empty)
    done = head.post(f"/welfare/inspections/{inspection.pk}/pause/", {"reason": "I am not well enough today."})
    assert done.status_code == 302
    inspection.refresh_from_db()
    assert inspection.state == "paused"
    again = head.get(f"/welfare/inspections/{inspection.pk}/pause/")
    assert "The inspection is paused already" in text_of(again)


def test_the_pause_page_is_for_the_school_and_lead_and_never_for_another_school() -> None:
    c = cast()
    inspection = on_site(c)
    other_head = factories.person(Role.HEADTEACHER)
    factories.school_member(other_head, factories.establishment(name="Fictional Other School", is_fictional=True))
    assert signed_in(other_head).get(f"/welfare/inspections/{inspection.pk}/pause/").status_code == 404
    assert signed_in(c.team).post(f"/welfare/inspections/{inspection.pk}/pause/", {"reason": "x"}).status_code == 403


def test_the_duty_desk_follows_up_distress_from_the_panel() -> None:
    c = cast()
    desk = factories.person(Role.DUTY_DESK)
    inspection = on_site(c)
    signed_in(c.team).post(f"/welfare/inspections/{inspection.pk}/distress/", {"person": "Head", "signs": "Upset"})
    record = DistressRecord.objects.get(inspection=inspection)
    done = signed_in(desk).post(
        f"/welfare/distress/{record.pk}/follow-up/", {"note": "Called the lead and the head."}, follow=True
    )
    assert "Followed up by" in text_of(done)
    assert "Signs of distress were recorded on this inspection. The duty desk has been told." not in text_of(done)


def test_the_welfare_demo_adds_distress_and_a_pause_after_the_inspections_demo(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    settings.INSPECTORATE_DEMO = True
    today = dt.date(2026, 11, 25)
    demo_accounts_create()
    with django_capture_on_commit_callbacks(execute=True):
        demo_inspections_create(today=today)
        lines = welfare_demo.demo_create(today=today)
    assert len(lines) == 3
    pause = PauseRecord.objects.select_related("after_distress").get(inspection__establishment__urn=8_000_011)
    assert pause.after_distress is not None and pause.after_distress.followed_up_at is not None
    kinds = {(i.kind, i.school) for i in duty_items(at(today, 17))}
    assert ("Distress recorded", "Foxglove Academy (fictional)") in kinds
    assert ("Pause", "Sandpiper Cove Primary School (fictional)") in kinds
    assert not [k for k, _ in kinds if k == "Wellbeing check-in overdue"]  # the demo's leads kept up
