"""Calendar arithmetic the due rules need: whole months, and the end of a school year."""

from __future__ import annotations

import calendar
import datetime as dt

from inspectorate.domain.working_days import school_year_of, school_year_start


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; a day the month lacks (31 August + 6 months) becomes its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_of_school_year_after(day: dt.date, school_years: int) -> dt.date:
    """The last day (31 July) of the `school_years`-th school year after the one `day` falls in."""
    return school_year_start(school_year_of(day) + school_years + 1) - dt.timedelta(days=1)
