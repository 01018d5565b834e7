"""The central record of every pause, kept by the lifecycle's own handlers (inspections/services/lifecycle.py).

Pausing is a lifecycle transition, so whoever pauses (the lead inspector from the workspace, the headteacher from
the portal, the duty desk) goes through `inspection_act`; its handlers call these, in the same transaction, so no
pause can happen without its record and the duty desk hearing of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from inspectorate.domain.roles import Role
from inspectorate.domain.working_days import WorkingDayCalendar
from inspectorate.inspections.models import Inspection
from inspectorate.notifications.services import message_role
from inspectorate.web.formatting import long_date
from inspectorate.welfare.models import PauseRecord
from inspectorate.welfare.selectors import distress_open, pause_open

# The role a person paused in, when they hold several on this inspection: the one the pausing policy names first.
PAUSING_ROLES = (Role.LEAD_INSPECTOR, Role.HEADTEACHER, Role.RESPONSIBLE_BODY, Role.DUTY_DESK)


def pausing_role(roles: Iterable[Role]) -> str:
    held = set(roles)
    return next((r.value for r in PAUSING_ROLES if r in held), "Other")


def pause_started(
    *,
    inspection: Inspection,
    user: Any,
    roles: Iterable[Role],
    reason: str,
    calendar: WorkingDayCalendar,
    normal_working_days: int,
    limit_working_days: int,
    today: dt.date,
    now: dt.datetime,
) -> PauseRecord:
    """Open the pause's record and tell the duty desk, which looks after every pause."""
    distress = distress_open(inspection)
    record = PauseRecord.objects.create(
        inspection=inspection,
        requested_by=user,
        requested_as=pausing_role(roles),
        reason=reason,
        after_distress=distress[-1] if distress else None,
        on_site_day=inspection.on_site_days_done or None,
        started_at=now,
        started_on=today,
        normally_until=calendar.add_working_days(today, normal_working_days),
        at_most_until=calendar.add_working_days(today, limit_working_days),
    )
    school = inspection.establishment.name
    message_role(
        event=f"pause:{record.pk}:started",
        role=Role.DUTY_DESK,
        subject=f"Inspection paused: {school}",
        body=(
            f"{inspection.reference} at {school} was paused on {long_date(today)} at the request of the "
            f"{record.requested_as.lower()} ({getattr(user, 'display_name', user)}).\n\n"
            f"Reason: {reason}\n\n"
            f"A pause normally runs to {long_date(record.normally_until)} and at most to "
            f"{long_date(record.at_most_until)}; after that the inspection is incomplete and goes back for "
            "rescheduling. Talk to the lead inspector and the school, and agree when it resumes."
        ),
    )
    return record


def pause_ended(
    *,
    inspection: Inspection,
    user: Any,
    ending: PauseRecord.Ending,
    working_days: int,
    moved: dict[str, list[str]],
    today: dt.date,
    now: dt.datetime,
) -> PauseRecord | None:
    """Close the open pause, if there is one (an inspection paused before pauses were recorded has none)."""
    record = pause_open(inspection)
    if record is None:
        return None
    record.ended_at = now
    record.ended_on = today
    record.ended_by = user
    record.ending = ending
    record.working_days = working_days
    record.moved = moved
    record.save(update_fields=["ended_at", "ended_on", "ended_by", "ending", "working_days", "moved"])
    return record
