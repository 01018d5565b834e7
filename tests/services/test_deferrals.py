"""Deferral requests, decisions, blanket windows, the missed-target alert, refused entry, and the queue of
inspections returned to the scheduler."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from inspectorate.accounts.models import User
from inspectorate.audit.models import AuditEntry
from inspectorate.deferrals.duty import duty_items
from inspectorate.deferrals.models import DeferralRequest
from inspectorate.deferrals.queue import returned_inspections
from inspectorate.deferrals.services import (
    blanket_window_declare,
    deferral_alerts_raise,
    deferral_decide,
    deferral_request,
    refused_entry_record,
)
from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.queue import due_queue
from inspectorate.domain.scheduling.school import ReturnReason, SchoolOnRegister
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.notifications.models import OutboxMessage
from tests import factories
from tests.lifecycle_support import FIRST_DAY, NOTIFIED_ON, NOTIFY_DATA, Cast, act, at, cast, on_site, planned

pytestmark = pytest.mark.django_db

ASKED = at(NOTIFIED_ON, 11)  # Monday 2 March 2026, 11:00, the day before the first on-site day


@pytest.fixture
def c() -> Cast:
    the_cast = cast()
    for person in (the_cast.head, the_cast.scheduler, the_cast.admin):
        person.email = f"{person.username}@example.org"
        person.save()
    return the_cast


def notified(c: Cast) -> Inspection:
    inspection = planned(c)
    return act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA)


def ask(c: Cast, inspection: Inspection, **kwargs: object) -> DeferralRequest:
    fields: dict[str, object] = {
        "ground": "senior_leader_wellbeing",
        "details": "The headteacher is in hospital this week for planned surgery.",
        "unavailable_from": FIRST_DAY,
        "unavailable_until": dt.date(2026, 3, 6),
        "now": ASKED,
        **kwargs,
    }
    return deferral_request(user=c.head, inspection_id=inspection.pk, **fields)  # type: ignore[arg-type]


def messages_to(user: User, event_part: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(recipient=user, event__contains=event_part))


# ----- Asking ----------------------------------------------------------------------------------------------------


def test_a_headteacher_asks_and_planning_carries_on_while_the_request_waits(c: Cast) -> None:
    inspection = notified(c)
    request = ask(c, inspection)
    inspection.refresh_from_db()
    assert request.status == DeferralRequest.Status.PENDING
    assert inspection.state == "notified"  # the inspection stays where it was
    assert request.response_due_at == at(NOTIFIED_ON, 14)  # three hours, the default target
    assert messages_to(c.scheduler, f"deferral:{request.pk}:requested")
    assert AuditEntry.objects.filter(action="deferral.request", object_id=str(inspection.pk)).exists()


def test_only_the_schools_own_leaders_may_ask(c: Cast) -> None:
    inspection = notified(c)
    stranger = factories.person(Role.HEADTEACHER)
    factories.school_member(stranger, factories.establishment(name="Another School"))
    with pytest.raises(NotFound):
        deferral_request(user=stranger, inspection_id=inspection.pk, ground="major_incident", details="x")
    with pytest.raises(NotAllowed, match="headteacher or its responsible body"):
        deferral_request(user=c.lead, inspection_id=inspection.pk, ground="major_incident", details="x")


def test_once_on_site_a_deferral_is_refused_and_a_pause_is_pointed_to(c: Cast) -> None:
    inspection = on_site(c)
    with pytest.raises(StateConflict, match="pause"):
        ask(c, inspection, now=at(FIRST_DAY, 10))


def test_a_second_request_waits_for_the_first_to_be_decided(c: Cast) -> None:
    inspection = notified(c)
    ask(c, inspection)
    with pytest.raises(StateConflict, match="still awaiting a decision, due by 2 March 2026 at 14:00"):
        ask(c, inspection, ground="major_incident")


def test_a_request_without_a_known_ground_or_details_names_both_fields(c: Cast) -> None:
    inspection = notified(c)
    with pytest.raises(InvalidInput) as refused:
        ask(c, inspection, ground="holiday", details="  ", unavailable_until=dt.date(2026, 3, 1))
    assert set(refused.value.field_errors) == {"ground", "details", "unavailable_until"}
    assert not DeferralRequest.objects.exists()


# ----- Deciding --------------------------------------------------------------------------------------------------


def test_a_grant_defers_the_inspection_with_the_dates_and_tells_the_school(c: Cast) -> None:
    inspection = notified(c)
    request = ask(c, inspection)
    deferral_decide(
        user=c.scheduler, request_id=request.pk, grant=True, reasons="Granted: wellbeing.", now=at(NOTIFIED_ON, 13)
    )
    inspection.refresh_from_db()
    request.refresh_from_db()
    assert inspection.state == "deferred"
    change = inspection.state_changes.order_by("-sequence").first()
    assert change is not None and change.action == "defer" and change.actor == c.scheduler
    assert change.payload == {"unavailable_from": "2026-03-03", "unavailable_until": "2026-03-06"}
    assert (request.status, request.decider, request.reasons) == ("granted", c.scheduler, "Granted: wellbeing.")
    told = messages_to(c.head, f"deferral:{request.pk}:decided")
    assert told and "is granted" in told[0].subject and "Granted: wellbeing." in told[0].body


def test_a_decline_leaves_the_inspection_as_planned_and_the_school_is_told_why(c: Cast) -> None:
    inspection = notified(c)
    request = ask(c, inspection)
    deferral_decide(user=c.admin, request_id=request.pk, grant=False, reasons="The deputy can lead the school.")
    inspection.refresh_from_db()
    assert inspection.state == "notified"
    told = messages_to(c.head, f"deferral:{request.pk}:decided")
    assert "declined" in told[0].subject and "The deputy can lead the school." in told[0].body


def test_a_decision_needs_a_named_decider_and_written_reasons(c: Cast) -> None:
    inspection = notified(c)
    request = ask(c, inspection)
    with pytest.raises(NotAllowed):
        deferral_decide(user=c.head, request_id=request.pk, grant=True, reasons="Please")
    with pytest.raises(NotAllowed):
        deferral_decide(user=c.lead, request_id=request.pk, grant=True, reasons="Fine by me")
    with pytest.raises(InvalidInput) as refused:
        deferral_decide(user=c.scheduler, request_id=request.pk, grant=True, reasons="  ")
    assert "reasons" in refused.value.field_errors


def test_a_decision_once_made_stands(c: Cast) -> None:
    inspection = notified(c)
    request = ask(c, inspection)
    deferral_decide(user=c.scheduler, request_id=request.pk, grant=False, reasons="Not exceptional.")
    with pytest.raises(StateConflict, match="already declined"):
        deferral_decide(user=c.admin, request_id=request.pk, grant=True, reasons="Changed my mind.")


def test_a_grant_after_the_team_has_arrived_is_refused_and_the_request_still_waits(c: Cast) -> None:
    inspection = notified(c)
    request = ask(c, inspection)
    act(c.lead, inspection, "hold_planning_call", NOTIFIED_ON)
    act(c.lead, inspection, "arrive_on_site", FIRST_DAY)
    with pytest.raises(StateConflict):
        deferral_decide(user=c.scheduler, request_id=request.pk, grant=True, reasons="Late", now=at(FIRST_DAY, 9))
    request.refresh_from_db()
    assert request.status == "pending"


# ----- Blanket windows -------------------------------------------------------------------------------------------


def test_only_an_administrator_declares_a_window_and_its_dates_must_be_in_order(c: Cast) -> None:
    with pytest.raises(NotAllowed):
        blanket_window_declare(user=c.scheduler, first_day=FIRST_DAY, last_day=FIRST_DAY, reason="Training")
    with pytest.raises(InvalidInput) as refused:
        blanket_window_declare(user=c.admin, first_day=FIRST_DAY, last_day=NOTIFIED_ON, reason="")
    assert set(refused.value.field_errors) == {"last_day", "reason"}


def test_in_a_blanket_window_a_request_is_granted_at_once_citing_the_window(c: Cast) -> None:
    window = blanket_window_declare(
        user=c.admin,
        first_day=dt.date(2026, 3, 2),
        last_day=dt.date(2026, 3, 6),
        reason="Lead inspectors are training this week.",
        now=at(dt.date(2026, 2, 27)),
    )
    inspection = notified(c)
    request = ask(c, inspection)
    inspection.refresh_from_db()
    assert inspection.state == "deferred"
    assert (request.status, request.decider, request.blanket_window) == ("granted", c.admin, window)
    assert "blanket deferral window" in request.reasons and "Lead inspectors are training" in request.reasons
    assert request.decided_at == ASKED


def test_significant_concerns_keep_a_request_in_a_window_for_a_named_decider(c: Cast) -> None:
    blanket_window_declare(user=c.admin, first_day=FIRST_DAY, last_day=FIRST_DAY, reason="Training week")
    inspection = notified(c)
    request = ask(c, inspection, significant_concerns="A safeguarding referral about the school is open.")
    inspection.refresh_from_db()
    assert request.status == "pending" and inspection.state == "notified"


def test_declaring_a_window_grants_the_requests_already_waiting_in_it(c: Cast) -> None:
    inspection = notified(c)
    request = ask(c, inspection)
    blanket_window_declare(user=c.admin, first_day=FIRST_DAY, last_day=FIRST_DAY, reason="Training", now=ASKED)
    request.refresh_from_db()
    inspection.refresh_from_db()
    assert request.status == "granted" and inspection.state == "deferred"


# ----- A missed response target ----------------------------------------------------------------------------------


def test_a_missed_target_alerts_the_duty_desk_once_and_shows_as_overdue(c: Cast) -> None:
    duty = factories.person(Role.DUTY_DESK, email="duty@example.org")
    inspection = notified(c)
    request = ask(c, inspection)
    assert deferral_alerts_raise(now=at(NOTIFIED_ON, 13)) == 0
    assert deferral_alerts_raise(now=at(NOTIFIED_ON, 15)) == 1
    assert deferral_alerts_raise(now=at(NOTIFIED_ON, 16)) == 0
    assert len(messages_to(duty, f"deferral:{request.pk}:overdue")) == 1
    [item] = [i for i in duty_items(at(NOTIFIED_ON, 15)) if i.kind.startswith("Deferral")]
    assert item.overdue and item.urgency == 2 and item.href.endswith(f"/deferrals/{request.pk}/decide/")


def test_the_alert_command_reports_what_is_overdue(c: Cast, capsys: pytest.CaptureFixture[str]) -> None:
    ask(c, notified(c))
    call_command("deferral_alerts", "--now", "2026-03-02T15:00")
    out = capsys.readouterr().out
    assert "Alerted the duty desk to 1; 1 overdue in all." in out
    assert "due by 2 March 2026 at 14:00" in out


# ----- Refused entry ---------------------------------------------------------------------------------------------


def test_the_lead_records_a_refusal_with_the_legal_position_and_the_duty_desk_is_told(c: Cast) -> None:
    duty = factories.person(Role.DUTY_DESK, email="duty@example.org")
    inspection = on_site(c)
    before = list(inspection.state_changes.values_list("sequence", "action", "payload"))
    refused_entry_record(
        user=c.lead,
        inspection_id=inspection.pk,
        refused_by="Chair of governors",
        what_was_said="You are not coming in today.",
        refused_at=at(FIRST_DAY, 8),
        now=at(FIRST_DAY, 9),
    )
    inspection.refresh_from_db()
    assert inspection.state == "entry_refused"
    change = inspection.state_changes.order_by("-sequence").first()
    assert change is not None and change.at == at(FIRST_DAY, 8)
    assert change.payload["refused_by"] == "Chair of governors"
    assert "fine of up to £2,500" in change.payload["legal_position"]
    # Nothing about the inspection is lost: its earlier history, team and dates are as they were.
    assert list(inspection.state_changes.values_list("sequence", "action", "payload"))[: len(before)] == before
    assert inspection.team.count() == 2 and inspection.starts_on == FIRST_DAY
    assert messages_to(duty, f"inspection:{inspection.pk}:entry_refused")
    [item] = [i for i in duty_items(at(FIRST_DAY, 9)) if i.kind == "Entry refused"]
    assert "Chair of governors" in item.summary and "reschedule" in item.next_step


def test_only_the_lead_records_a_refusal_and_it_says_what_is_missing(c: Cast) -> None:
    inspection = on_site(c)
    with pytest.raises(NotAllowed):
        refused_entry_record(user=c.team, inspection_id=inspection.pk, refused_by="Head", what_was_said="No")
    with pytest.raises(InvalidInput) as refused:
        refused_entry_record(
            user=c.lead,
            inspection_id=inspection.pk,
            refused_by="",
            what_was_said="",
            refused_at=at(FIRST_DAY, 12),
            now=at(FIRST_DAY, 9),
        )
    assert set(refused.value.field_errors) == {"refused_at", "refused_by", "what_was_said"}


# ----- Back to the scheduler's queue -----------------------------------------------------------------------------


def test_a_granted_deferral_puts_the_school_back_in_the_due_queue_with_the_dates_it_cannot_take(c: Cast) -> None:
    inspection = notified(c)
    request = ask(c, inspection)
    deferral_decide(user=c.scheduler, request_id=request.pk, grant=True, reasons="Wellbeing", now=at(NOTIFIED_ON, 13))
    returned = returned_inspections(FIRST_DAY)
    assert [(r.urn, r.reason, r.returned_on) for r in returned] == [(c.school.urn, ReturnReason.DEFERRED, NOTIFIED_ON)]
    school = SchoolOnRegister(urn=c.school.urn, phase="Primary")
    [entry] = due_queue([school], FIRST_DAY, returned)
    [blocked] = entry.cannot_take
    assert (blocked.first_day, blocked.last_day) == (FIRST_DAY, dt.date(2026, 3, 6))
    assert blocked.reason == "deferral granted: the wellbeing of senior leaders"
    assert any("returned" in f.name for f in entry.factors)
    assert "Cannot take 2026-03-03 to 2026-03-06" in entry.explain()


def test_refused_and_incomplete_inspections_come_back_too_and_old_blocks_drop_away(c: Cast) -> None:
    refused = on_site(c)
    refused_entry_record(
        user=c.lead, inspection_id=refused.pk, refused_by="Head", what_was_said="No", now=at(FIRST_DAY, 9)
    )
    other = cast(name="Fictional Second School")
    deferred = planned(other)
    act(other.scheduler, deferred, "defer", NOTIFIED_ON, reason="Closed for snow", data={"unavailable_from": FIRST_DAY})
    third = cast(name="Fictional Third School")
    paused = on_site(third)
    act(third.lead, paused, "pause", FIRST_DAY, reason="The headteacher was taken ill")
    duty = factories.person(Role.DUTY_DESK)
    act(duty, paused, "mark_incomplete", dt.date(2026, 3, 11))
    by_urn = {r.urn: r for r in returned_inspections(dt.date(2026, 3, 12))}
    assert by_urn[third.school.urn].reason is ReturnReason.PAUSED_TOO_LONG
    assert by_urn[c.school.urn].reason is ReturnReason.REFUSED_ENTRY
    assert by_urn[other.school.urn].reason is ReturnReason.DEFERRED
    assert by_urn[other.school.urn].cannot_take == ()  # the one blocked day is past
    assert returned_inspections(dt.date(2026, 3, 1)) == []  # nothing had come back yet
