"""England and Wales bank holidays by rule, for years beyond the bundled official data.

The official list (GOV.UK, bundled by govuk-bank-holidays up to 2028) is used wherever it has the year. After
that, these rules predict the regular holidays; one-off holidays (a coronation, a jubilee) cannot be predicted
and are added by policy when announced.
"""

from __future__ import annotations

import datetime as dt


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm, also known as Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _first_monday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    last = next_month - dt.timedelta(days=1)
    return last - dt.timedelta(days=last.weekday())


def _substitute(day: dt.date, taken: set[dt.date]) -> dt.date:
    """A holiday on a weekend moves to the next weekday not already a holiday."""
    while day.weekday() >= 5 or day in taken:
        day += dt.timedelta(days=1)
    return day


def england_and_wales(year: int) -> frozenset[dt.date]:
    easter = easter_sunday(year)
    fixed = {
        easter - dt.timedelta(days=2),  # Good Friday
        easter + dt.timedelta(days=1),  # Easter Monday
        _first_monday(year, 5),  # Early May bank holiday
        _last_monday(year, 5),  # Spring bank holiday
        _last_monday(year, 8),  # Summer bank holiday
    }
    taken = set(fixed)
    for day in (dt.date(year, 1, 1), dt.date(year, 12, 25), dt.date(year, 12, 26)):
        moved = _substitute(day, taken)
        taken.add(moved)
    return frozenset(taken)


OFFICIAL_DATA_YEARS = range(2012, 2029)  # what govuk-bank-holidays bundles (GOV.UK's published list)


def official_england_and_wales() -> frozenset[dt.date]:
    """GOV.UK's published England and Wales bank holidays, from the copy bundled with govuk-bank-holidays.

    Read offline: without `use_cached_holidays` the library first tries the network and can stall.
    """
    from govuk_bank_holidays.bank_holidays import BankHolidays

    holidays = BankHolidays(use_cached_holidays=True).get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    return frozenset(h["date"] for h in holidays)


def bank_holidays_for(years: range, official: frozenset[dt.date] | None = None) -> frozenset[dt.date]:
    """Official dates where the bundled data covers the year, the rules beyond it."""
    official = official_england_and_wales() if official is None else official
    covered = {d.year for d in official}
    days: set[dt.date] = {d for d in official if d.year in years}
    for year in years:
        if year not in covered:
            days |= england_and_wales(year)
    return frozenset(days)
