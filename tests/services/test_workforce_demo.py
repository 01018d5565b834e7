"""The demo's workforce: the demo inspectors are ready, and the two fictional inspectors are refused, each with
the reason the demo promises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from inspectorate.accounts.models import User
from inspectorate.accounts.services import demo_accounts_create
from inspectorate.inspections.errors import InvalidInput
from inspectorate.inspections.services.planning import inspection_plan
from inspectorate.workforce.demo import CONFLICT_URN, demo_create, demo_profiles_create
from inspectorate.workforce.models import InspectorProfile
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 25)


def test_the_demo_plans_with_ready_inspectors_and_shows_two_refusals(settings: Any, tmp_path: Path) -> None:
    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    settings.INSPECTORATE_DEMO = True
    demo_accounts_create()
    demo_profiles_create(today=TODAY)  # before the demo's inspections are planned: planning needs readiness records
    for urn in (8_000_001, CONFLICT_URN):  # the demo's fictional schools (inspections/demo.py makes them)
        factories.establishment(urn=urn, name=f"Fictional school {urn}", is_fictional=True)
    lines = demo_create(today=TODAY)
    demo_create(today=TODAY)  # a rebuild does not pile up records
    assert any("Rowan Vale (fictional)" in line for line in lines)
    assert InspectorProfile.objects.filter(is_generated=True).count() == 2
    assert InspectorProfile.objects.get(user__username="demo-rowan-vale").training_records.count() == 3

    scheduler = User.objects.get(username="scheduler")
    starts = TODAY + dt.timedelta(days=13)

    def plan(team: str, urn: int = CONFLICT_URN) -> dict[str, str]:
        with pytest.raises(InvalidInput) as refused:
            inspection_plan(user=scheduler, urn=urn, starts_on=starts, lead="lead", team=[team], today=TODAY)
        return refused.value.field_errors

    assert "mental-health awareness training expired on 2026-11-13" in plan("demo-rowan-vale")["team"]
    assert plan("demo-iris-penn")["team"] == f"Iris Penn (fictional) worked at URN {CONFLICT_URN}"
    ready = inspection_plan(
        user=scheduler, urn=8_000_001, starts_on=starts, lead="lead", team=["inspector"], today=TODAY
    )
    assert ready.state == "planned"
