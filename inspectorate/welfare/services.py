"""Welfare use cases: recording a wellbeing check-in, recording signs of distress (and the duty desk following it
up), and asking for a pause. One transaction each; each reads the inspection through the selectors that take the
person asking, and leaves an entry in the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.domain.roles import Role
from inspectorate.domain.support_contacts import SUPPORT_CONTACTS
from inspectorate.domain.wellbeing import Outcome, Point, checkin_key, checkin_label, parse_checkin_key, points_reached
from inspectorate.domain.workflow import State
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import inspection_for, roles_of, roles_on
from inspectorate.inspections.services.lifecycle import actions_for, inspection_act
from inspectorate.inspections.services.typed_text import typed_text
from inspectorate.notifications.services import message_role
from inspectorate.schoolcalendar.services import school_calendar
from inspectorate.web.formatting import long_date
from inspectorate.welfare.models import DistressRecord, PauseRecord, WellbeingCheckIn
from inspectorate.welfare.selectors import checkin_round, pause_open

TEAM = frozenset({Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR})
PLANNERS = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR})  # they may make the notification call, and its check-in
MAY_ASK_FOR_A_PAUSE = frozenset({Role.LEAD_INSPECTOR, Role.HEADTEACHER, Role.RESPONSIBLE_BODY})


def _moment(now: dt.datetime | None, today: dt.date | None) -> tuple[dt.datetime, dt.date]:
    moment = now or timezone.now()
    return moment, today or timezone.localdate(moment)


def _conflict(user: Any, inspection: Inspection, message: str, today: dt.date) -> StateConflict:
    allowed = [t.action for t in actions_for(user, inspection, today=today)]
    return StateConflict(message, current_state=inspection.state, allowed_actions=allowed, version=inspection.version)


def _key(point: str, on_site_day: int | None) -> str:
    written = f"{point}:{on_site_day}" if on_site_day is not None and ":" not in point else point
    try:
        return checkin_key(*parse_checkin_key(written))
    except ValueError as err:
        raise InvalidInput({"point": str(err)}) from None


def checkin_record(
    *,
    user: Any,
    inspection_id: int,
    point: str,
    outcome: str,
    on_site_day: int | None = None,
    notes: str = "",
    now: dt.datetime | None = None,
    today: dt.date | None = None,
) -> WellbeingCheckIn:
    """Record a wellbeing check-in with the headteacher at a point the inspection has reached: held, or declined.

    `point` is "notification", "end_of_day" (with `on_site_day`, or written "end_of_day:2"), "final_feedback" or
    "follow_up". Raises NotFound, NotAllowed, InvalidInput or StateConflict (a point not reached, or done)."""
    moment, day = _moment(now, today)
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        roles = roles_on(user, inspection)
        if not roles & (TEAM | PLANNERS):
            raise NotAllowed("Only the inspection team records the wellbeing check-ins with the headteacher.")
        key = _key(point, on_site_day)
        the_point, the_day = parse_checkin_key(key)
        if not roles & TEAM and the_point is not Point.NOTIFICATION:
            raise NotAllowed("Only the inspection team records the wellbeing check-ins after the notification call.")
        if outcome not in {o.value for o in Outcome}:
            raise InvalidInput({"outcome": "say whether the check-in was held or the headteacher declined it"})
        notes = typed_text(notes, "notes", required=False, limit=4000)
        current = checkin_round(inspection, school_calendar(inspection.establishment).calendar)
        if key in current.done:
            done = current.done[key]
            raise _conflict(
                user,
                inspection,
                f"The check-in {checkin_label(key).lower()} is already recorded "
                f"({done.get_outcome_display().lower()}, {long_date(timezone.localdate(done.at))}).",
                day,
            )
        if key not in points_reached(current.progress, day):
            due = current.progress.follow_up_due
            if the_point is Point.FOLLOW_UP and due is not None:
                why = f"The follow-up check-in is due on {long_date(due)}: record it then."
            else:
                why = f"The inspection has not reached the check-in {checkin_label(key).lower()} yet."
            raise _conflict(user, inspection, why, day)
        checkin = WellbeingCheckIn.objects.create(
            inspection=inspection,
            point=the_point.value,
            on_site_day=the_day,
            outcome=outcome,
            notes=notes,
            recorded_by=user,
            at=moment,
            inspection_version=inspection.version,
        )
        audit_record(
            action="welfare.checkin_recorded",
            actor=user,
            object_type="inspection",
            object_id=inspection.pk,
            details={"checkin": checkin.pk, "point": key, "outcome": outcome},
            at=moment,
        )
    return checkin


def distress_record(
    *,
    user: Any,
    inspection_id: int,
    person: str,
    signs: str,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
) -> DistressRecord:
    """An inspector on the team records signs of distress they saw, at any time. The duty desk hears at once; the
    inspection page then offers a pause and shows the support contacts (to the school too)."""
    moment, day = _moment(now, today)
    person = typed_text(person, "person", required=True, limit=200)
    signs = typed_text(signs, "signs", required=True, limit=4000)
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        if not roles_on(user, inspection) & TEAM:
            raise NotAllowed("Only an inspector on this inspection's team records signs of distress here.")
        record = DistressRecord.objects.create(
            inspection=inspection,
            person=person,
            signs=signs,
            on_site_day=inspection.on_site_days_done or None,
            state_when_recorded=inspection.state,
            recorded_by=user,
            at=moment,
        )
        _tell_the_duty_desk(record, inspection, user, day)
        audit_record(
            action="welfare.distress_recorded",
            actor=user,
            object_type="inspection",
            object_id=inspection.pk,
            details={"distress": record.pk, "person": person, "state": inspection.state},
            at=moment,
        )
    return record


def _tell_the_duty_desk(record: DistressRecord, inspection: Inspection, user: Any, day: dt.date) -> None:
    pausable = inspection.state_enum == State.ON_SITE
    contacts = "\n".join(f"- {c.name}: {c.number} ({c.description})" for c in SUPPORT_CONTACTS)
    message_role(
        event=f"distress:{record.pk}:recorded",
        role=Role.DUTY_DESK,
        subject=f"Signs of distress recorded: {inspection.establishment.name}",
        body=(
            f"{getattr(user, 'display_name', user)} recorded signs of distress in the {record.person.lower()} on "
            f"{long_date(day)} ({inspection.reference}, {inspection.state_label.lower()}).\n\n"
            f"What they saw: {record.signs}\n\n"
            + (
                "The inspection page offers the lead inspector a pause. "
                if pausable
                else "The inspection is not on site, so there is no pause to offer. "
            )
            + "Call the lead inspector now, and make sure the school has the support contacts:\n"
            + contacts
        ),
    )


def distress_follow_up(*, user: Any, distress_id: int, note: str, now: dt.datetime | None = None) -> DistressRecord:
    """The duty desk records how it followed up recorded distress; the item then leaves the duty desk's list."""
    moment = now or timezone.now()
    note = typed_text(note, "note", required=True, limit=4000)
    if Role.DUTY_DESK not in roles_of(user):
        raise NotAllowed("Only the duty desk follows up recorded distress.")
    with transaction.atomic():
        record = DistressRecord.objects.select_for_update().filter(pk=distress_id).first()
        if record is None:
            raise NotFound(f"There is no distress record {distress_id}.")
        inspection = inspection_for(user, record.inspection_id)
        if record.followed_up_at is not None:
            raise _conflict(
                user,
                inspection,
                f"This was followed up already, on {long_date(timezone.localdate(record.followed_up_at))}.",
                timezone.localdate(moment),
            )
        record.followed_up_by = user
        record.followed_up_at = moment
        record.follow_up_note = note
        record.save(update_fields=["followed_up_by", "followed_up_at", "follow_up_note"])
        audit_record(
            action="welfare.distress_followed_up",
            actor=user,
            object_type="inspection",
            object_id=inspection.pk,
            details={"distress": record.pk},
            at=moment,
        )
    return record


def pause_request(
    *,
    user: Any,
    inspection_id: int,
    reason: str,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
) -> PauseRecord:
    """The lead inspector, the headteacher or the responsible body asks for a pause: it takes effect at once (the
    lifecycle's `pause`, which records it centrally and tells the duty desk). Raises StateConflict when the
    inspection is not on site."""
    moment, day = _moment(now, today)
    reason = typed_text(reason, "reason", required=True, limit=4000)
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        if not roles_on(user, inspection) & MAY_ASK_FOR_A_PAUSE:
            raise NotAllowed("Only the lead inspector, the headteacher or the responsible body may ask for a pause.")
        inspection_act(user=user, inspection_id=inspection_id, action="pause", reason=reason, today=day, now=moment)
        record = pause_open(inspection)
        if record is None:  # pragma: no cover - the lifecycle's pause handler always opens one
            raise RuntimeError("the pause was taken but not recorded")
    return record
