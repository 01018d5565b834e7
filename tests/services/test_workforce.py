"""Inspector readiness on the one workforce model: the mapper, planning's refusals, recording training and
interests, and who may see and change them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.audit.models import AuditEntry
from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.workforce import Employment, TrainingKind
from inspectorate.inspections.errors import InvalidInput, NotAllowed
from inspectorate.inspections.models import Inspection
from inspectorate.workforce.models import InspectorProfile, TrainingRecord
from inspectorate.workforce.records import inspector_record
from inspectorate.workforce.services import conflict_record_add, inspector_profile_save, training_record_add
from tests import factories
from tests.lifecycle_support import FIRST_DAY, Cast, cast, planned

pytestmark = pytest.mark.django_db


def lapse(user: User, kind: TrainingKind, on: dt.date) -> None:
    """Replace the inspector's record of one kind with one that ran out on `on`."""
    profile = InspectorProfile.objects.get(user=user)
    TrainingRecord.objects.filter(inspector=profile, kind=kind).delete()
    TrainingRecord.objects.create(
        inspector=profile,
        kind=kind,
        completed_on=on - dt.timedelta(days=1095),
        expires_on=on,
        recorded_at=timezone.now(),
    )


def refusal(c: Cast) -> dict[str, str]:
    with pytest.raises(InvalidInput) as refused:
        planned(c)
    assert not Inspection.objects.filter(establishment=c.school).exists()
    return refused.value.field_errors


# The mapper.


def test_a_profile_becomes_the_domain_inspector_the_scheduler_uses() -> None:
    c = cast()
    inspector_profile_save(
        user=c.admin, inspector=c.team, employment=Employment.CONTRACTED, may_lead=True, home_district="rg4",
        phases=["Primary"], weekly_limit=2,
    )  # fmt: skip
    conflict_record_add(user=c.admin, inspector_id=c.team.pk, urn=c.school.urn, reason="Governor until 2022")
    conflict_record_add(user=c.admin, inspector_id=c.team.pk, trust_uid="TR0042", reason="Married to its CEO")
    record = inspector_record(InspectorProfile.objects.get(user=c.team))
    assert record.id == str(c.team.pk)
    assert record.employment is Employment.CONTRACTED and record.can_lead
    assert record.phases == frozenset({"Primary"}) and record.weekly_limit == 2
    assert record.home == pytest.approx((51.48, -0.98), abs=0.1)  # Caversham's district centre
    assert record.conflicts.worked_at_urns == frozenset({c.school.urn})
    assert record.conflicts.trust_ids == frozenset({"TR0042"})
    assert {t.kind for t in record.training} == set(TrainingKind)


def test_an_unknown_home_district_is_refused_by_name() -> None:
    c = cast()
    with pytest.raises(InvalidInput, match="ZZ99"):
        inspector_profile_save(user=c.admin, inspector=c.team, employment=Employment.EMPLOYED, home_district="ZZ99")


# Planning refuses, naming the field and the reason.


def test_a_team_inspector_whose_mental_health_awareness_training_expired_is_refused() -> None:
    c = cast()
    lapse(c.team, TrainingKind.MENTAL_HEALTH_AWARENESS, dt.date(2026, 2, 1))
    errors = refusal(c)
    assert errors == {"team": f"{c.team.display_name}'s mental-health awareness training expired on 2026-02-01"}


def test_training_that_lapses_the_day_before_the_first_on_site_day_is_refused_and_on_the_day_is_not() -> None:
    c = cast()
    lapse(c.lead, TrainingKind.SAFEGUARDING, FIRST_DAY - dt.timedelta(days=1))
    assert "safeguarding training expired" in refusal(c)["lead"]
    lapse(c.lead, TrainingKind.SAFEGUARDING, FIRST_DAY)
    assert planned(c).state == "planned"


def test_missing_training_is_refused_with_the_kind_named() -> None:
    c = cast()
    TrainingRecord.objects.filter(inspector__user=c.lead, kind=TrainingKind.FRAMEWORK).delete()
    assert refusal(c)["lead"] == f"{c.lead.display_name} has no current framework training on record"


def test_a_school_the_inspector_worked_at_is_refused() -> None:
    c = cast()
    conflict_record_add(user=c.admin, inspector_id=c.lead.pk, urn=c.school.urn, reason="Deputy head until 2021")
    assert refusal(c) == {"lead": f"{c.lead.display_name} worked at URN {c.school.urn}"}


def test_a_school_in_a_trust_the_inspector_is_connected_with_is_refused() -> None:
    c = cast(trust_uid="16421", trust_name="Fictional Willow Trust")
    conflict_record_add(user=c.admin, inspector_id=c.team.pk, trust_uid="16421", reason="Trustee")
    assert refusal(c)["team"] == f"{c.team.display_name} is connected with trust 16421, which runs URN {c.school.urn}"


def test_an_inspector_with_no_readiness_record_is_refused_and_told_why() -> None:
    c = cast()
    InspectorProfile.objects.filter(user=c.team).delete()
    assert "has no readiness record" in refusal(c)["team"]


def test_the_plan_page_shows_the_refusal_beside_the_team_field() -> None:
    c = cast()
    lapse(c.team, TrainingKind.MENTAL_HEALTH_AWARENESS, dt.date(2026, 2, 1))
    starts = timezone.localdate() + dt.timedelta(days=21)
    client = Client()
    client.force_login(c.scheduler)
    response = client.post(
        "/workspace/plan/",
        {
            "urn": str(c.school.urn),
            "starts_on-day": str(starts.day),
            "starts_on-month": str(starts.month),
            "starts_on-year": str(starts.year),
            "lead": c.lead.username,
            "team": [c.team.username],
            "on_site_days": "2",
        },
    )
    assert response.status_code == 422
    assert response.content.decode().count("mental-health awareness training expired on 2026-02-01") == 2


# Recording training and interests.


def test_recording_training_appends_a_record_and_audits_it() -> None:
    c = cast()
    record = training_record_add(
        user=c.scheduler,
        inspector_id=c.team.pk,
        kind=TrainingKind.MENTAL_HEALTH_AWARENESS.value,
        completed_on=dt.date(2026, 1, 5),
        expires_on=dt.date(2029, 1, 4),
        today=dt.date(2026, 1, 6),
    )
    assert record.recorded_by == c.scheduler
    assert AuditEntry.objects.filter(action="workforce.training_recorded", object_id=str(c.team.pk)).exists()


def test_training_that_expires_before_it_was_completed_is_refused_naming_the_field() -> None:
    c = cast()
    with pytest.raises(InvalidInput) as refused:
        training_record_add(
            user=c.admin, inspector_id=c.team.pk, kind="safeguarding", completed_on=dt.date(2026, 1, 5),
            expires_on=dt.date(2025, 1, 4), today=dt.date(2026, 1, 6),
        )  # fmt: skip
    assert set(refused.value.field_errors) == {"expires_on"}


def test_a_conflict_must_name_a_school_in_the_register_or_a_trust_and_say_what_it_is() -> None:
    c = cast()
    with pytest.raises(InvalidInput) as refused:
        conflict_record_add(user=c.admin, inspector_id=c.team.pk, reason="")
    assert set(refused.value.field_errors) == {"urn", "reason"}
    with pytest.raises(InvalidInput, match="no school in the register has URN 1"):
        conflict_record_add(user=c.admin, inspector_id=c.team.pk, urn=1, reason="Worked there")


def test_only_schedulers_and_administrators_record_readiness() -> None:
    c = cast()
    duty = factories.person(Role.DUTY_DESK)
    for user in (c.lead, duty, c.head):
        with pytest.raises(NotAllowed):
            conflict_record_add(user=user, inspector_id=c.team.pk, urn=c.school.urn, reason="Worked there")


# The pages.


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def text(response: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))  # type: ignore[attr-defined]


def test_the_workforce_list_is_for_schedulers_administrators_and_the_duty_desk() -> None:
    c = cast()
    assert signed_in(c.scheduler).get("/workforce/").status_code == 200
    assert signed_in(c.admin).get("/workforce/").status_code == 200
    assert signed_in(factories.person(Role.DUTY_DESK)).get("/workforce/").status_code == 200
    for user in (c.lead, c.head, c.qa):
        assert signed_in(user).get("/workforce/").status_code == 403
        assert signed_in(user).get(f"/workforce/inspectors/{c.team.pk}/").status_code == 403
    assert Client().get("/workforce/").status_code == 302  # to sign in


def test_the_list_shows_who_is_not_ready_and_why_and_filters_to_them() -> None:
    c = cast()
    lapse(c.team, TrainingKind.MENTAL_HEALTH_AWARENESS, dt.date(2026, 2, 1))
    page = text(signed_in(c.scheduler).get("/workforce/", {"status": "not-ready"}))
    assert c.team.display_name in page
    assert "Mental-health awareness: expired 1 February 2026" in page
    assert c.lead.display_name not in page
    assert "1 inspector" in page


def test_the_list_pages_twenty_at_a_time() -> None:
    c = cast()
    for _ in range(21):
        factories.person(Role.TEAM_INSPECTOR)
    first = text(signed_in(c.admin).get("/workforce/"))
    assert "Showing 1 to 20 of 23" in first
    assert "Showing 21 to 23 of 23" in text(signed_in(c.admin).get("/workforce/", {"page": "2"}))


def test_a_scheduler_records_a_conflict_on_the_inspector_page_and_planning_then_refuses() -> None:
    c = cast()
    url = f"/workforce/inspectors/{c.lead.pk}/?form=conflict"
    response = signed_in(c.scheduler).post(url, {"urn": str(c.school.urn), "reason": "Chair of governors"}, follow=True)
    assert "The conflict of interest is recorded" in text(response)
    assert f"{c.school.name} (URN {c.school.urn})" in text(response)
    assert "worked at" in refusal(c)["lead"]


def test_a_refused_training_form_comes_back_with_an_error_summary() -> None:
    c = cast()
    response = signed_in(c.admin).post(
        f"/workforce/inspectors/{c.team.pk}/?form=training",
        {"kind": "safeguarding", "completed_on-day": "31", "completed_on-month": "2", "completed_on-year": "2026"},
    )
    page = text(response)
    assert response.status_code == 422
    assert "There is a problem" in page
    assert page.count("Enter the expiry date") == 2  # in the summary and beside the field


def test_the_duty_desk_reads_an_inspector_page_without_the_forms() -> None:
    c = cast()
    page = text(signed_in(factories.person(Role.DUTY_DESK)).get(f"/workforce/inspectors/{c.team.pk}/"))
    assert "Mental-health awareness" in page
    assert "Record training" not in page
