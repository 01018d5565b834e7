"""The working-day calendar: one definition of "within N working days of D", used by every deadline.

The Education (School Inspection) (England) Regulations 2005 define a working day as any day that is not a
Saturday, a Sunday, a public holiday (Christmas Day, Good Friday, bank holidays), or part of a school holiday
longer than a week. So each school has its own calendar: the national bank holidays plus its long holidays.

A closure (the school shut outside its holidays: a closure for works, an election, bad weather) is recorded
apart from the holidays, and none of its days is a working day whatever its length.

"Within N working days of D" counts from the day after D: the deadline is the Nth working day after D, whatever
kind of day D itself is. Zero working days is D itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

ONE_DAY = dt.timedelta(days=1)

# A holiday is "longer than a week" when it takes more than one school week of weekdays: a half-term of five
# weekdays is not, so its weekdays still count as working days; Christmas, Easter and summer breaks are.
LONGEST_HOLIDAY_THAT_STILL_COUNTS = 5


class HolidayKind(StrEnum):
    HOLIDAY = "holiday"  # closes the school for working-day purposes only when longer than a week
    CLOSURE = "closure"  # the school is shut: never a working day, however short


@dataclass(frozen=True)
class Holiday:
    """A school holiday or closure, first and last day inclusive."""

    first_day: dt.date
    last_day: dt.date
    name: str = ""
    kind: HolidayKind = HolidayKind.HOLIDAY

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"holiday {self.name!r} ends ({self.last_day}) before it starts ({self.first_day})")

    def days(self) -> Iterator[dt.date]:
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += ONE_DAY

    @property
    def weekdays(self) -> int:
        return sum(1 for d in self.days() if d.weekday() < 5)

    @property
    def longer_than_a_week(self) -> bool:
        return self.weekdays > LONGEST_HOLIDAY_THAT_STILL_COUNTS

    @property
    def closes_school(self) -> bool:
        """Whether its days stop the working-day clock."""
        return self.kind is HolidayKind.CLOSURE or self.longer_than_a_week


@dataclass(frozen=True)
class WorkingDayCalendar:
    bank_holidays: frozenset[dt.date]
    school_holidays: tuple[Holiday, ...] = ()
    _closed: frozenset[dt.date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        closed = {d for h in self.school_holidays if h.closes_school for d in h.days()}
        object.__setattr__(self, "_closed", frozenset(closed))

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.bank_holidays and day not in self._closed

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The Nth working day after `start` (the deadline "within N working days of start")."""
        if n < 0:
            raise ValueError(f"a number of working days cannot be negative (got {n})")
        day = start
        remaining = n
        while remaining:
            day += ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_after(self, start: dt.date, end: dt.date) -> int:
        """How many working days fall after `start`, up to and including `end` (0 when end <= start)."""
        count = 0
        day = start + ONE_DAY
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += ONE_DAY
        return count

    def next_working_day(self, day: dt.date) -> dt.date:
        return self.add_working_days(day, 1)

    def with_holidays(self, holidays: Iterable[Holiday]) -> WorkingDayCalendar:
        return WorkingDayCalendar(self.bank_holidays, (*self.school_holidays, *holidays))


def school_year_of(day: dt.date) -> int:
    """The school year a day falls in, named by the calendar year it starts in: it starts on 1 August."""
    return day.year if day.month >= 8 else day.year - 1


def school_year_start(year: int) -> dt.date:
    return dt.date(year, 8, 1)
