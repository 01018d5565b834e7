"""Wellbeing check-ins that hold the inspection until recorded or declined, recorded distress, and pauses: every
pause recorded centrally, the duty desk told, and no deadline running while an inspection is paused."""

import datetime as dt

import pytest

from inspectorate.accounts.models import User
from inspectorate.audit.models import AuditEntry
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.inspections.models import StateChange
from inspectorate.notifications.models import OutboxMessage
from inspectorate.welfare.duty import duty_items
from inspectorate.welfare.models import PauseRecord, WellbeingCheckIn
from inspectorate.welfare.services import checkin_record, distress_follow_up, distress_record, pause_request
from tests import factories
from tests.lifecycle_support import (
    FIRST_DAY,
    NOTIFIED_ON,
    NOTIFY_DATA,
    SECOND_DAY,
    Cast,
    act,
    at,
    cast,
    judged,
    on_site,
    planned,
)

pytestmark = pytest.mark.django_db

THIRD_DAY = dt.date(2026, 3, 5)
FRIDAY = dt.date(2026, 3, 6)
NEXT_MONDAY = dt.date(2026, 3, 9)


def _checkin(c: Cast, inspection_id: int, point: str, day: dt.date, outcome: str = "recorded") -> WellbeingCheckIn:
    return checkin_record(
        user=c.lead, inspection_id=inspection_id, point=point, outcome=outcome, now=at(day, 16), today=day
    )


def _desk() -> User:
    return factories.person(Role.DUTY_DESK, email="duty-desk@inspectorate.example")


# Check-ins hold the inspection at each point


def test_the_planning_call_waits_for_the_notification_check_in_and_a_declined_one_is_enough() -> None:
    c = cast()
    inspection = planned(c)
    act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA, checkins=False)
    with pytest.raises(StateConflict, match="at notification"):
        act(c.lead, inspection, "hold_planning_call", NOTIFIED_ON, checkins=False)
    declined = _checkin(c, inspection.pk, "notification", NOTIFIED_ON, outcome="declined")
    assert declined.get_outcome_display() == "The headteacher declined it"
    assert act(c.lead, inspection, "hold_planning_call", NOTIFIED_ON, checkins=False).state == "planning_call_held"


def test_the_next_on_site_day_and_final_feedback_wait_for_each_end_of_day_check_in() -> None:
    c = cast()
    inspection = planned(c)
    act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA)
    act(c.lead, inspection, "hold_planning_call", NOTIFIED_ON)
    act(c.lead, inspection, "arrive_on_site", FIRST_DAY, checkins=False)
    with pytest.raises(StateConflict, match="end of on-site day 1"):
        act(c.lead, inspection, "start_next_on_site_day", SECOND_DAY, checkins=False)
    _checkin(c, inspection.pk, "end_of_day:1", FIRST_DAY)
    act(c.lead, inspection, "start_next_on_site_day", SECOND_DAY, checkins=False)
    with pytest.raises(StateConflict, match="end of on-site day 2"):
        act(c.lead, inspection, "give_final_feedback", SECOND_DAY, checkins=False)


def test_drafting_waits_for_the_final_feedback_check_in_and_finalising_for_the_follow_up() -> None:
    c = cast()
    inspection = judged(c)
    act(c.lead, inspection, "give_final_feedback", SECOND_DAY, checkins=False)
    with pytest.raises(StateConflict, match="at final feedback"):
        act(c.lead, inspection, "start_drafting", THIRD_DAY, checkins=False)
    # The follow-up is due three working days after final feedback (Wednesday 4 March): Monday 9 March.
    with pytest.raises(StateConflict, match="9 March 2026"):
        _checkin(c, inspection.pk, "follow_up", FRIDAY)
    _checkin(c, inspection.pk, "final_feedback", SECOND_DAY)
    act(c.lead, inspection, "start_drafting", THIRD_DAY, checkins=False)
    _checkin(c, inspection.pk, "follow_up", NEXT_MONDAY)
    assert WellbeingCheckIn.objects.filter(inspection=inspection).count() == 5


def test_a_check_in_is_refused_before_its_point_twice_or_with_a_bad_point_or_outcome() -> None:
    c = cast()
    inspection = on_site(c)
    with pytest.raises(StateConflict, match="not reached the check-in at the end of on-site day 2"):
        _checkin(c, inspection.pk, "end_of_day:2", FIRST_DAY)
    with pytest.raises(StateConflict, match="already recorded"):
        _checkin(c, inspection.pk, "end_of_day:1", FIRST_DAY)
    with pytest.raises(InvalidInput) as bad_point:
        _checkin(c, inspection.pk, "lunchtime", FIRST_DAY)
    assert "not a check-in point" in bad_point.value.field_errors["point"]
    with pytest.raises(InvalidInput) as bad_outcome:
        _checkin(c, inspection.pk, "end_of_day:2", FIRST_DAY, outcome="maybe")
    assert "outcome" in bad_outcome.value.field_errors


def test_only_the_team_records_check_ins_and_strangers_cannot_see_the_inspection() -> None:
    c = cast()
    inspection = planned(c)
    act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA, checkins=False)
    with pytest.raises(NotAllowed):
        checkin_record(user=c.head, inspection_id=inspection.pk, point="notification", outcome="recorded")
    with pytest.raises(NotAllowed):
        checkin_record(user=c.qa, inspection_id=inspection.pk, point="notification", outcome="recorded")
    with pytest.raises(NotFound):
        checkin_record(
            user=factories.person(Role.LEAD_INSPECTOR),
            inspection_id=inspection.pk,
            point="notification",
            outcome="recorded",
        )
    # whoever made the notification call may record its check-in
    checkin_record(user=c.scheduler, inspection_id=inspection.pk, point="notification", outcome="recorded")


def test_a_replanned_inspection_needs_its_check_ins_again() -> None:
    c = cast()
    inspection = planned(c)
    act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA)
    act(c.scheduler, inspection, "defer", NOTIFIED_ON, reason="The headteacher is in hospital")
    act(c.scheduler, inspection, "replan", NOTIFIED_ON, reason="Deferral over", data={"starts_on": "2026-03-17"})
    act(c.lead, inspection, "notify", dt.date(2026, 3, 16), data=NOTIFY_DATA, checkins=False)
    with pytest.raises(StateConflict, match="at notification"):
        act(c.lead, inspection, "hold_planning_call", dt.date(2026, 3, 16), checkins=False)


# Distress


def test_recorded_distress_tells_the_duty_desk_and_is_on_its_list_until_followed_up() -> None:
    c = cast()
    desk = _desk()
    inspection = on_site(c)
    record = distress_record(
        user=c.team,
        inspection_id=inspection.pk,
        person="Headteacher",
        signs="Tearful after the lesson visits; said she had not slept.",
        now=at(FIRST_DAY, 13),
        today=FIRST_DAY,
    )
    message = OutboxMessage.objects.get(event=f"distress:{record.pk}:recorded", recipient=desk)
    assert "Tearful" in message.body
    assert "08000 562 561" in message.body
    assert "116 123" in message.body
    assert AuditEntry.objects.filter(action="welfare.distress_recorded", object_id=str(inspection.pk)).exists()
    items = [i for i in duty_items(at(FIRST_DAY, 13)) if i.inspection_id == inspection.pk]
    assert [(i.kind, i.urgency) for i in items] == [("Distress recorded", 1)]
    distress_follow_up(user=desk, distress_id=record.pk, note="Called the lead; head offered a pause; took it.")
    assert not [i for i in duty_items(at(FIRST_DAY, 14)) if i.kind == "Distress recorded"]
    with pytest.raises(StateConflict, match="followed up already"):
        distress_follow_up(user=desk, distress_id=record.pk, note="Again")


def test_only_the_team_records_distress_and_only_the_duty_desk_follows_it_up() -> None:
    c = cast()
    inspection = on_site(c)
    with pytest.raises(NotAllowed):
        distress_record(user=c.head, inspection_id=inspection.pk, person="Headteacher", signs="x")
    with pytest.raises(InvalidInput) as err:
        distress_record(user=c.lead, inspection_id=inspection.pk, person="", signs="")
    assert set(err.value.field_errors) == {"person"}
    record = distress_record(user=c.lead, inspection_id=inspection.pk, person="Headteacher", signs="Shaking")
    with pytest.raises(NotAllowed):
        distress_follow_up(user=c.lead, distress_id=record.pk, note="Fine")


# Pauses


def test_the_headteachers_request_pauses_the_inspection_at_once_and_is_recorded_centrally() -> None:
    c = cast()
    desk = _desk()
    inspection = on_site(c)
    record = pause_request(
        user=c.head, inspection_id=inspection.pk, reason="I need to stop today.", now=at(FIRST_DAY, 13), today=FIRST_DAY
    )
    inspection.refresh_from_db()
    assert inspection.state == "paused"
    assert (record.requested_as, record.reason, record.started_on) == (
        "Headteacher",
        "I need to stop today.",
        FIRST_DAY,
    )
    assert record.normally_until == SECOND_DAY
    assert record.at_most_until == dt.date(2026, 3, 10)  # five working days on
    assert OutboxMessage.objects.filter(event=f"pause:{record.pk}:started", recipient=desk).exists()
    change = StateChange.objects.get(inspection=inspection, action="pause")
    assert change.payload["requested_as"] == "Headteacher"
    assert change.reason == "I need to stop today."


def test_a_pause_can_be_asked_for_only_on_site_by_the_lead_head_or_responsible_body() -> None:
    c = cast()
    inspection = planned(c)
    with pytest.raises(StateConflict, match="Cannot pause"):
        pause_request(user=c.head, inspection_id=inspection.pk, reason="Not yet on site")
    live = on_site(cast())
    with pytest.raises(NotFound):  # another school's head cannot even see it
        pause_request(user=c.head, inspection_id=live.pk, reason="x")
    governor = factories.person(Role.RESPONSIBLE_BODY)
    factories.school_member(governor, live.establishment, capacity="responsible_body")
    with pytest.raises(InvalidInput):
        pause_request(user=governor, inspection_id=live.pk, reason="  ")
    assert pause_request(user=governor, inspection_id=live.pk, reason="The chair asks").requested_as == (
        "Responsible body"
    )


def test_a_team_inspector_cannot_pause_but_records_distress_for_the_lead() -> None:
    c = cast()
    inspection = on_site(c)
    with pytest.raises(NotAllowed):
        pause_request(user=c.team, inspection_id=inspection.pk, reason="x")


def test_resuming_on_the_next_working_day_moves_the_rest_of_the_on_site_plan_by_one_day() -> None:
    c = cast()
    inspection = on_site(c)
    act(c.lead, inspection, "pause", FIRST_DAY, reason="The headteacher was taken ill")
    resumed = act(c.lead, inspection, "resume", SECOND_DAY)
    change = StateChange.objects.get(inspection=resumed, action="resume")
    assert change.payload["paused_working_days"] == 1
    assert change.payload["moved"] == {"planned_last_on_site_day": ["2026-03-04", "2026-03-05"]}
    record = PauseRecord.objects.get(inspection=inspection)
    assert (record.ending, record.working_days, record.ended_on) == ("resumed", 1, SECOND_DAY)


def test_no_deadline_runs_while_paused_every_deadline_already_set_moves_on() -> None:
    # Safeguarding not met, so final feedback sets the publication target and a return visit follows.
    c = cast()
    inspection = judged(c, safeguarding="not met")
    act(c.lead, inspection, "give_final_feedback", SECOND_DAY)
    act(c.lead, inspection, "suspend_for_safeguarding_return", THIRD_DAY, reason="Fixable safeguarding")
    act(c.lead, inspection, "start_return_visit", dt.date(2026, 3, 16))
    inspection.refresh_from_db()
    target, return_by = inspection.publication_target, inspection.return_visit_by
    assert target is not None and return_by is not None
    act(c.lead, inspection, "pause", dt.date(2026, 3, 16), reason="The headteacher asked to stop")
    resumed = act(c.lead, inspection, "resume", dt.date(2026, 3, 18))  # two working days later
    moved = StateChange.objects.get(inspection=resumed, action="resume").payload["moved"]
    assert moved["publication_target"] == [target.isoformat(), "2026-05-01"]
    assert moved["return_visit_by"][0] == return_by.isoformat()
    assert resumed.publication_target == dt.date(2026, 5, 1)
    assert resumed.paused_on is None


def test_a_pause_past_its_limit_is_marked_incomplete_and_its_record_says_so() -> None:
    c = cast()
    desk = _desk()
    inspection = on_site(c)
    act(c.lead, inspection, "pause", FIRST_DAY, reason="A serious incident at the school")
    within = [i for i in duty_items(at(dt.date(2026, 3, 10))) if i.kind == "Pause"]
    assert [i.overdue for i in within] == [False]
    over = [i for i in duty_items(at(dt.date(2026, 3, 11))) if i.kind == "Pause"]
    assert over[0].overdue and "mark the inspection incomplete" in over[0].next_step
    act(desk, inspection, "mark_incomplete", dt.date(2026, 3, 11))
    record = PauseRecord.objects.get(inspection=inspection)
    assert (record.ending, record.working_days) == ("incomplete", 6)
    assert not [i for i in duty_items(at(dt.date(2026, 3, 11))) if i.kind == "Pause"]


def test_an_overdue_check_in_is_on_the_duty_desk_until_it_is_recorded() -> None:
    c = cast()
    inspection = planned(c)
    act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA, checkins=False)
    assert not [i for i in duty_items(at(NOTIFIED_ON, 17)) if i.inspection_id == inspection.pk]
    late = [i for i in duty_items(at(FIRST_DAY, 9)) if i.inspection_id == inspection.pk]
    assert [(i.kind, i.overdue) for i in late] == [("Wellbeing check-in overdue", True)]
    assert "at notification (due 2 March 2026)" in late[0].summary
    _checkin(c, inspection.pk, "notification", FIRST_DAY)
    assert not [i for i in duty_items(at(FIRST_DAY, 10)) if i.inspection_id == inspection.pk]


def test_the_timeline_says_in_words_what_a_pause_moved() -> None:
    from inspectorate.inspections.presenters.timeline import payload_words

    words = payload_words(
        {"paused_working_days": 1, "moved": {"publication_target": ["2026-04-29", "2026-04-30"]}}, show_outcome=False
    )
    assert "Paused for 1 working days" in words
    assert any(w.startswith("Publication target moved from") and "30 April 2026" in w for w in words)
