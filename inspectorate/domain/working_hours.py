"""Working hours: 08:00 to 18:00 UK time on the working days of a school's calendar.

A concern raised with the independent senior inspector has a target counted in working hours (two, say), so that
a concern raised at 17:30 on a Friday is due at 09:30 on Monday, not at 19:30 on Friday when nobody is there.

Times are read on the UK's wall clock (Europe/London, so British Summer Time is followed). The clocks change at
01:00 or 02:00 at night, outside working hours, so an hour of work is always an hour of elapsed time.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from inspectorate.domain.working_days import WorkingDayCalendar

UK = ZoneInfo("Europe/London")
OPENS = dt.time(8)
CLOSES = dt.time(18)
WORKING_DAY_LENGTH = dt.timedelta(hours=10)
ONE_DAY = dt.timedelta(days=1)


def _uk(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a moment must carry its time zone (got the naive {moment.isoformat()})")
    return moment.astimezone(UK)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=UK)


def is_working_time(moment: dt.datetime, calendar: WorkingDayCalendar) -> bool:
    """Whether the office is open at `moment`: a working day, from 08:00 up to (not including) 18:00."""
    local = _uk(moment)
    return calendar.is_working_day(local.date()) and OPENS <= local.time() < CLOSES


def next_opening(moment: dt.datetime, calendar: WorkingDayCalendar) -> dt.datetime:
    """`moment` itself when the office is open then; otherwise when it next opens."""
    local = _uk(moment)
    day = local.date()
    if calendar.is_working_day(day) and local.time() < CLOSES:
        return max(local, _at(day, OPENS))
    day += ONE_DAY
    while not calendar.is_working_day(day):
        day += ONE_DAY
    return _at(day, OPENS)


def add_working_hours(start: dt.datetime, hours: float, calendar: WorkingDayCalendar) -> dt.datetime:
    """The moment `hours` working hours after `start` (UK time). A start outside working hours counts from the
    next opening, so zero hours from Saturday is Monday at 08:00 (or the next working day's)."""
    if not math.isfinite(hours) or hours < 0:
        raise ValueError(f"a number of working hours must be zero or more (got {hours})")
    remaining = dt.timedelta(hours=hours)
    current = next_opening(start, calendar)
    while True:
        closing = _at(current.date(), CLOSES)
        if remaining <= closing - current:
            return current + remaining
        remaining -= closing - current
        current = next_opening(closing, calendar)


def working_hours_between(start: dt.datetime, end: dt.datetime, calendar: WorkingDayCalendar) -> float:
    """How many working hours fall between `start` and `end` (0 when end is not after start)."""
    begin, finish = _uk(start), _uk(end)
    if finish <= begin:
        return 0.0
    total = dt.timedelta()
    day = begin.date()
    while day <= finish.date():
        if calendar.is_working_day(day):
            opened = max(begin, _at(day, OPENS))
            closed = min(finish, _at(day, CLOSES))
            if closed > opened:
                total += closed - opened
        day += ONE_DAY
    return total / dt.timedelta(hours=1)
