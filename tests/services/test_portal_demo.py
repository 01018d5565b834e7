"""The portal's demo: a fictional deputy in the headteacher's circle reads Larkspur's provisional outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from inspectorate.accounts.services import DEMO_PASSWORD, demo_accounts_create
from inspectorate.inspections.demo import demo_inspections_create
from inspectorate.portal.demo import demo_create
from inspectorate.portal.models import CircleMember
from inspectorate.workforce.demo import demo_profiles_create

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 10)


def test_the_demo_deputy_signs_in_and_reads_larkspurs_provisional_outcome(settings: object) -> None:
    settings.INSPECTORATE_DEMO = True  # type: ignore[attr-defined]
    demo_accounts_create()
    demo_profiles_create(today=TODAY)  # planning needs the inspectors' readiness records
    demo_inspections_create(today=TODAY)
    lines = demo_create(today=TODAY)
    member = CircleMember.objects.get()
    assert "Dana Deputy" in lines[0]
    assert member.user.username == "deputy" and member.invited_by.username == "head"
    assert member.inspection.state == "factual_accuracy_check"
    client = Client()
    assert client.login(username="deputy", password=DEMO_PASSWORD)
    page = client.get(f"/portal/inspections/{member.inspection_id}/")
    assert page.status_code == 200
    assert "Please do not share it with parents or the public" in page.content.decode()

    # Run again (as `make demo` does): the inspections are rebuilt and the deputy invited afresh.
    demo_inspections_create(today=TODAY)
    demo_create(today=TODAY)
    assert CircleMember.objects.filter(withdrawn_at__isnull=True).count() == 1
