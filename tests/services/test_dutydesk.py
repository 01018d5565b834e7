"""The duty desk: who may open it, the order items come in, counts, overdue marks and the empty state.

This module doubles as a provider (`duty_items` below), added to the page's providers in the ordering tests, so the
order is checked with items of every urgency whatever the other mechanisms hold."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from inspectorate.alerts.services import alerts_raise
from inspectorate.domain.roles import Role
from inspectorate.dutydesk import items as duty
from inspectorate.dutydesk.items import DutyItem
from tests import factories
from tests.lifecycle_support import cast, drafted

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 5, 4, 10))


def duty_items(now: dt.datetime) -> list[DutyItem]:
    def item(kind: str, urgency: int, school: str, due_hours: int | None, overdue: bool = False) -> DutyItem:
        due = now + dt.timedelta(hours=due_hours) if due_hours is not None else None
        return DutyItem(kind, urgency, school, None, f"{kind} at {school}", "Call the school", "/", due, overdue)

    return [
        item("Deferral request", 3, "Fictional Ash School", 20),
        item("Distress recorded", 1, "Fictional Birch School", None),
        item("Concern", 2, "Fictional Cedar School", -3, overdue=True),
        item("Deferral request", 3, "Fictional Damson School", 4),
    ]


@pytest.fixture
def with_test_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(duty, "PROVIDERS", (*duty.PROVIDERS, __name__))


def signed_in(role: Role) -> Client:
    client = Client()
    client.force_login(factories.person(role))
    return client


def text(response: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))  # type: ignore[attr-defined]


def test_overdue_items_come_first_then_the_most_urgent_then_the_earliest_due(with_test_provider: None) -> None:
    schools = [i.school for i in duty.collect(NOW) if i.school.startswith("Fictional")]
    assert schools == [
        "Fictional Cedar School",
        "Fictional Birch School",
        "Fictional Damson School",
        "Fictional Ash School",
    ]


def test_the_page_lists_items_in_that_order_with_counts_and_the_overdue_marked(with_test_provider: None) -> None:
    page = text(signed_in(Role.DUTY_DESK).get("/duty-desk/"))
    assert "4 items need attention" in page
    order = [page.index(f"Fictional {name} School") for name in ("Cedar", "Birch", "Damson", "Ash")]
    assert order == sorted(order)
    assert "Deferral request 2" in page  # counts by kind
    assert "1 item past its target" in page
    assert "What to do next Call the school" in page


def test_a_report_past_its_publication_target_appears_with_what_to_do_and_a_link() -> None:
    c = cast()
    inspection = drafted(c)
    alerts_raise(today=dt.date(2026, 5, 1))
    response = signed_in(Role.DUTY_DESK).get("/duty-desk/")
    page = text(response)
    assert "Report past its publication target: Fictional Brook Primary School" in page
    assert "Ask quality assurance and the lead inspector" in page
    assert f'href="/workspace/inspections/{inspection.pk}/"' in response.content.decode()
    assert "Overdue" in page


def test_with_nothing_to_do_the_page_says_so() -> None:
    page = text(signed_in(Role.DUTY_DESK).get("/duty-desk/"))
    assert "Nothing needs attention now" in page


@pytest.mark.parametrize("role", [Role.DUTY_DESK, Role.ADMINISTRATOR, Role.SENIOR_INSPECTOR])
def test_the_duty_desk_administrators_and_senior_inspectors_may_open_it(role: Role) -> None:
    assert signed_in(role).get("/duty-desk/").status_code == 200


@pytest.mark.parametrize("role", [Role.LEAD_INSPECTOR, Role.SCHEDULER, Role.HEADTEACHER, Role.STATISTICIAN])
def test_everyone_else_is_refused(role: Role) -> None:
    assert signed_in(role).get("/duty-desk/").status_code == 403


def test_someone_not_signed_in_is_sent_to_sign_in() -> None:
    assert Client().get("/duty-desk/").status_code == 302
