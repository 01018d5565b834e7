"""Wellbeing check-ins with the headteacher, and pauses: the rules, without Django.

A check-in is required at each point an inspection reaches: at notification, at the end of each on-site day, at
final feedback, and as a follow-up some working days after final feedback. The workflow will not move past a point
until its check-in is recorded, or the headteacher has declined it (workflow.Facts.checkins_done). Each point has a
key ("notification", "end_of_day:2", "final_feedback", "follow_up") so that the guards, the records and the pages
talk about the same thing.

The follow-up interval is policy data with an effective date: the process reference says only "a few working days"
after final feedback, so the default of 3 is UNVERIFIED.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Point(StrEnum):
    NOTIFICATION = "notification"
    END_OF_DAY = "end_of_day"
    FINAL_FEEDBACK = "final_feedback"
    FOLLOW_UP = "follow_up"


class Outcome(StrEnum):
    RECORDED = "recorded"  # the check-in took place
    DECLINED = "declined"  # the headteacher was offered it and said no


POINT_LABELS = {
    Point.NOTIFICATION: "At notification",
    Point.END_OF_DAY: "At the end of on-site day {day}",
    Point.FINAL_FEEDBACK: "At final feedback",
    Point.FOLLOW_UP: "Follow-up after final feedback",
}


def checkin_key(point: Point | str, on_site_day: int | None = None) -> str:
    """The key of one check-in: the point, and for an end-of-day check-in the day's number."""
    point = Point(point)
    if point is Point.END_OF_DAY:
        if not on_site_day or on_site_day < 1:
            raise ValueError("an end-of-day check-in needs the number of the on-site day, from 1")
        return f"{point.value}:{on_site_day}"
    return point.value


def parse_checkin_key(key: str) -> tuple[Point, int | None]:
    """The point and on-site day of a key; ValueError saying what is wrong with a key that is not one."""
    name, _, day = key.partition(":")
    try:
        point = Point(name)
    except ValueError:
        known = ", ".join(p.value for p in Point)
        raise ValueError(f"{name!r} is not a check-in point; the points are {known}") from None
    if point is not Point.END_OF_DAY:
        if day:
            raise ValueError(f"only an end-of-day check-in has a day number, not {point.value}")
        return point, None
    if not day.isdigit() or int(day) < 1:
        raise ValueError("an end-of-day check-in needs the number of the on-site day, from 1 (end_of_day:1)")
    return point, int(day)


def checkin_label(key: str) -> str:
    point, day = parse_checkin_key(key)
    return POINT_LABELS[point].format(day=day)


@dataclass(frozen=True)
class WellbeingPolicy:
    effective_from: dt.date
    follow_up_working_days: int = 3  # UNVERIFIED: the reference says "a few working days" after final feedback
    unverified: tuple[str, ...] = ("follow_up_working_days",)


POLICIES: tuple[WellbeingPolicy, ...] = (WellbeingPolicy(effective_from=dt.date(2024, 1, 19)),)  # pausing policy


def wellbeing_policy_on(day: dt.date, policies: tuple[WellbeingPolicy, ...] = POLICIES) -> WellbeingPolicy:
    """The policy in force on `day`: the latest that had taken effect (the earliest one before any)."""
    in_force = [p for p in policies if p.effective_from <= day]
    if not in_force:
        return min(policies, key=lambda p: p.effective_from)
    return max(in_force, key=lambda p: p.effective_from)


@dataclass(frozen=True)
class Progress:
    """How far the inspection's current round has gone (since its latest notification or return visit)."""

    notified: bool = False
    on_site_days_done: int = 0
    on_site_days_planned: int = 2
    final_feedback_on: dt.date | None = None
    follow_up_due: dt.date | None = None  # final_feedback_on plus the policy's working days, in the school's calendar


def points_reached(progress: Progress, today: dt.date) -> list[str]:
    """The check-ins the inspection has reached by `today`, in order: each one may be recorded now (or is)."""
    keys = [Point.NOTIFICATION.value] if progress.notified else []
    keys += [checkin_key(Point.END_OF_DAY, day) for day in range(1, progress.on_site_days_done + 1)]
    if progress.final_feedback_on is not None:
        keys.append(Point.FINAL_FEEDBACK.value)
        if progress.follow_up_due is not None and today >= progress.follow_up_due:
            keys.append(Point.FOLLOW_UP.value)
    return keys


def points_expected(progress: Progress) -> list[str]:
    """Every check-in the round will need, reached or not (a page lists them with what is done)."""
    keys = [Point.NOTIFICATION.value]
    days = max(progress.on_site_days_done, progress.on_site_days_planned, 1)
    keys += end_of_day_keys(days)
    return [*keys, Point.FINAL_FEEDBACK.value, Point.FOLLOW_UP.value]


def end_of_day_keys(days_done: int) -> list[str]:
    return [checkin_key(Point.END_OF_DAY, day) for day in range(1, days_done + 1)]


def missing(needed: list[str], done: frozenset[str]) -> list[str]:
    return [key for key in needed if key not in done]


def resume_moves(
    deadlines: Mapping[str, dt.date | None],
    paused_working_days: int,
    add_working_days: Callable[[dt.date, int], dt.date],
) -> dict[str, tuple[dt.date, dt.date]]:
    """Each deadline already set, moved on by the working days an inspection was paused: {name: (before, after)}.

    No deadline runs while an inspection is paused, so a resumed inspection owes the school what it owed before.
    `add_working_days` is the school's calendar: (day, n) -> the nth working day after day."""
    if paused_working_days <= 0:
        return {}
    return {
        name: (day, add_working_days(day, paused_working_days)) for name, day in deadlines.items() if day is not None
    }
