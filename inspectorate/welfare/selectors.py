"""Reading an inspection's welfare records: the check-ins of its current round, its pauses, recorded distress.

These take an inspection the caller has already fetched through `inspections.selectors.inspection_for`, so who may
see it has been checked there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from inspectorate.domain.wellbeing import Point, Progress, checkin_key, points_reached, wellbeing_policy_on
from inspectorate.domain.working_days import WorkingDayCalendar
from inspectorate.inspections.models import Inspection
from inspectorate.welfare.models import DistressRecord, PauseRecord, WellbeingCheckIn

ROUND_STARTS = ("notify", "start_return_visit")  # a round of check-ins begins with each
ON_SITE_DAYS = ("arrive_on_site", "start_next_on_site_day", "start_return_visit")
READ = (*ROUND_STARTS, *ON_SITE_DAYS, "replan", "give_final_feedback")


@dataclass(frozen=True)
class CheckInRound:
    """The check-ins an inspection's current round needs and has: since its latest notification (or return visit),
    and not before a re-planning. `since_version` is None when no round has started. `reached_on` says when each
    point was reached (the follow-up: when it falls due)."""

    since_version: int | None
    progress: Progress
    done: dict[str, WellbeingCheckIn] = field(default_factory=dict)
    reached_on: dict[str, dt.date] = field(default_factory=dict)

    @property
    def done_keys(self) -> frozenset[str]:
        return frozenset(self.done)

    def outstanding(self, today: dt.date) -> list[str]:
        """The check-ins reached by `today` and not yet recorded or declined, in order."""
        return [key for key in points_reached(self.progress, today) if key not in self.done]


def _round_start(changes: list[tuple[int, str, dt.datetime, dict[str, object]]]) -> tuple[int | None, bool]:
    start, notified = None, False
    for sequence, action, _, _ in changes:
        if action in ROUND_STARTS:
            start, notified = sequence, action == "notify"
        elif action == "replan":
            start, notified = None, False
    return start, notified


def checkin_round(inspection: Inspection, calendar: WorkingDayCalendar) -> CheckInRound:
    changes = list(
        inspection.state_changes.filter(action__in=READ)
        .order_by("sequence")
        .values_list("sequence", "action", "at", "payload")
    )
    start, notified = _round_start(changes)
    if start is None:
        return CheckInRound(None, Progress(on_site_days_planned=inspection.on_site_days_planned))
    reached: dict[str, dt.date] = {}
    for sequence, action, at, payload in changes:
        if sequence < start:
            continue
        day = timezone.localdate(at)
        if action == "notify":
            reached[Point.NOTIFICATION.value] = day
        elif action in ON_SITE_DAYS and isinstance(payload.get("on_site_day"), int):
            reached[checkin_key(Point.END_OF_DAY, payload["on_site_day"])] = day
        elif action == "give_final_feedback":
            reached[Point.FINAL_FEEDBACK.value] = day
    feedback_on = reached.get(Point.FINAL_FEEDBACK.value)
    follow_up_due = None
    if feedback_on is not None:
        days = wellbeing_policy_on(feedback_on).follow_up_working_days
        follow_up_due = calendar.add_working_days(feedback_on, days)
        reached[Point.FOLLOW_UP.value] = follow_up_due
    progress = Progress(
        notified=notified,
        on_site_days_done=inspection.on_site_days_done,
        on_site_days_planned=inspection.on_site_days_planned,
        final_feedback_on=feedback_on,
        follow_up_due=follow_up_due,
    )
    done = {
        checkin_key(c.point, c.on_site_day): c
        for c in inspection.checkins.filter(inspection_version__gte=start).select_related("recorded_by")
    }
    return CheckInRound(start, progress, done, reached)


def pauses_of(inspection: Inspection) -> list[PauseRecord]:
    return list(inspection.pauses.select_related("requested_by", "ended_by").order_by("started_at", "pk"))


def pause_open(inspection: Inspection) -> PauseRecord | None:
    return inspection.pauses.filter(ended_at__isnull=True).order_by("-started_at", "-pk").first()


def paused_working_days_done(inspection: Inspection, *, since: dt.date | None = None) -> int:
    """The working days of the pauses that have ended (since a day): what the inspection's plan has moved by."""
    ended = inspection.pauses.exclude(ended_at__isnull=True)
    if since is not None:
        ended = ended.filter(started_on__gte=since)
    return sum(p.working_days or 0 for p in ended)


def planned_last_on_site_day(inspection: Inspection, calendar: WorkingDayCalendar) -> dt.date:
    """The last on-site day as planned now: the planned days from the first, moved on by every ended pause."""
    first = inspection.first_on_site_day or inspection.starts_on
    extra = max(inspection.on_site_days_planned - 1, 0) + paused_working_days_done(inspection, since=first)
    return calendar.add_working_days(first, extra) if extra else first


def distress_open(inspection: Inspection) -> list[DistressRecord]:
    """Distress recorded on this inspection that the duty desk has not yet followed up."""
    return list(inspection.distress.filter(followed_up_at__isnull=True).select_related("recorded_by").order_by("at"))


def distress_of(inspection: Inspection) -> list[DistressRecord]:
    return list(inspection.distress.select_related("recorded_by", "followed_up_by").order_by("at", "pk"))
