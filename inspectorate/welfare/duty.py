"""The duty desk's view of welfare: distress not yet followed up, pauses under way, and check-ins overdue.

Distress comes first (a person may be at risk now); a pause past its limit is overdue and must be marked
incomplete; a check-in is overdue once the working day it was due has gone by without one."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from inspectorate.domain.wellbeing import checkin_label
from inspectorate.domain.workflow import State
from inspectorate.dutydesk.items import DutyItem
from inspectorate.inspections.models import Inspection
from inspectorate.schoolcalendar.services import school_calendar
from inspectorate.web.formatting import long_date
from inspectorate.welfare.models import DistressRecord, PauseRecord
from inspectorate.welfare.selectors import checkin_round

DISTRESS_RESPONSE = dt.timedelta(hours=1)  # the duty desk calls the lead inspector within the hour
# The states in which a missing check-in holds the inspection up.
CHECKED_STATES = (
    State.NOTIFIED,
    State.PLANNING_CALL_HELD,
    State.ON_SITE,
    State.FINAL_FEEDBACK_GIVEN,
    State.DRAFTING,
    State.QUALITY_ASSURANCE,
    State.FACTUAL_ACCURACY_CHECK,
)


def _href(inspection_id: int) -> str:
    return reverse("inspection-detail", args=[inspection_id]) + "#wellbeing"


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(18)))


def _distress(now: dt.datetime) -> list[DutyItem]:
    items = []
    waiting = DistressRecord.objects.filter(followed_up_at__isnull=True).select_related(
        "inspection__establishment", "recorded_by"
    )
    for record in waiting:
        due = record.at + DISTRESS_RESPONSE
        items.append(
            DutyItem(
                kind="Distress recorded",
                urgency=1,
                school=record.inspection.establishment.name,
                inspection_id=record.inspection_id,
                summary=(
                    f"{record.recorded_by.display_name} recorded signs of distress in the {record.person.lower()} "
                    f"on {long_date(timezone.localdate(record.at))}: {record.signs}"
                ),
                next_step=(
                    "Call the lead inspector now; if the inspection is on site, make sure a pause was offered; check "
                    "the school has the support contacts; then record how you followed it up."
                ),
                href=_href(record.inspection_id),
                due_at=due,
                overdue=now > due,
            )
        )
    return items


def _pauses(now: dt.datetime) -> list[DutyItem]:
    items = []
    today = timezone.localdate(now)
    for record in PauseRecord.objects.filter(ended_at__isnull=True).select_related("inspection__establishment"):
        calendar = school_calendar(record.inspection.establishment).calendar
        days = calendar.working_days_after(record.started_on, today)
        over = today > record.at_most_until
        items.append(
            DutyItem(
                kind="Pause",
                urgency=2,
                school=record.inspection.establishment.name,
                inspection_id=record.inspection_id,
                summary=(
                    f"Paused on {long_date(record.started_on)} at the request of the {record.requested_as.lower()}: "
                    f"{record.reason} {days} working day{'' if days == 1 else 's'} so far, of at most "
                    f"{calendar.working_days_after(record.started_on, record.at_most_until)}."
                ),
                next_step=(
                    "The pause has run past its limit: mark the inspection incomplete so it goes back for rescheduling."
                    if over
                    else f"Agree with the lead inspector and the school when it resumes (normally "
                    f"{long_date(record.normally_until)}, at the latest {long_date(record.at_most_until)})."
                ),
                href=_href(record.inspection_id),
                due_at=_end_of(record.at_most_until),
                overdue=over,
            )
        )
    return items


def _checkins(now: dt.datetime) -> list[DutyItem]:
    items = []
    today = timezone.localdate(now)
    for inspection in Inspection.objects.filter(state__in=[s.value for s in CHECKED_STATES]).select_related(
        "establishment"
    ):
        current = checkin_round(inspection, school_calendar(inspection.establishment).calendar)
        late = [(key, current.reached_on[key]) for key in current.outstanding(today) if current.reached_on[key] < today]
        if not late:
            continue
        names = "; ".join(f"{checkin_label(key).lower()} (due {long_date(day)})" for key, day in late)
        items.append(
            DutyItem(
                kind="Wellbeing check-in overdue",
                urgency=3,
                school=inspection.establishment.name,
                inspection_id=inspection.pk,
                summary=f"{inspection.reference} has no record of the wellbeing check-in {names}.",
                next_step="Ask the lead inspector to hold the check-in with the headteacher, or record that it was "
                "declined; the inspection cannot move on until then.",
                href=_href(inspection.pk),
                due_at=_end_of(late[0][1]),
                overdue=True,
            )
        )
    return items


def duty_items(now: dt.datetime) -> list[DutyItem]:
    return [*_distress(now), *_pauses(now), *_checkins(now)]
