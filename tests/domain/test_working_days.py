import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectorate.domain.bank_holidays import bank_holidays_for
from inspectorate.domain.working_days import Holiday, HolidayKind, WorkingDayCalendar, school_year_of

BANK_HOLIDAYS = bank_holidays_for(range(2024, 2032))
NATIONAL = WorkingDayCalendar(BANK_HOLIDAYS)
CHRISTMAS_2025 = Holiday(dt.date(2025, 12, 20), dt.date(2026, 1, 4), "Christmas holiday")
HALF_TERM_2025 = Holiday(dt.date(2025, 10, 25), dt.date(2025, 11, 2), "Autumn half-term")
SCHOOL = WorkingDayCalendar(BANK_HOLIDAYS, (CHRISTMAS_2025, HALF_TERM_2025))

days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31))
counts = st.integers(min_value=0, max_value=60)


def test_five_working_days_from_a_friday_is_the_next_friday() -> None:
    assert NATIONAL.add_working_days(dt.date(2025, 11, 14), 5) == dt.date(2025, 11, 21)


def test_counting_starts_the_day_after_even_when_that_day_is_a_weekend() -> None:
    assert NATIONAL.add_working_days(dt.date(2025, 11, 15), 1) == dt.date(2025, 11, 17)


def test_bank_holidays_are_not_working_days() -> None:
    # Thursday 17 April 2025; Good Friday 18 and Easter Monday 21 April are skipped.
    assert NATIONAL.add_working_days(dt.date(2025, 4, 17), 1) == dt.date(2025, 4, 22)


def test_a_holiday_longer_than_a_week_stops_the_clock_but_a_half_term_does_not() -> None:
    assert not SCHOOL.is_working_day(dt.date(2025, 12, 23))
    assert SCHOOL.is_working_day(dt.date(2025, 10, 28))
    # Draft on Thursday 18 December 2025: Friday 19 December, then 5 to 8 January 2026.
    assert SCHOOL.add_working_days(dt.date(2025, 12, 18), 5) == dt.date(2026, 1, 8)


def test_the_school_year_starts_on_1_august() -> None:
    assert school_year_of(dt.date(2025, 7, 31)) == 2024
    assert school_year_of(dt.date(2025, 8, 1)) == 2025


@given(days, st.integers(min_value=1, max_value=60))
def test_a_deadline_is_always_a_working_day(start: dt.date, n: int) -> None:
    assert SCHOOL.is_working_day(SCHOOL.add_working_days(start, n))


@given(days, counts)
def test_counting_back_gives_the_same_number_of_working_days(start: dt.date, n: int) -> None:
    assert SCHOOL.working_days_after(start, SCHOOL.add_working_days(start, n)) == n


@given(days, counts, counts)
def test_more_working_days_never_give_an_earlier_deadline(start: dt.date, a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert SCHOOL.add_working_days(start, low) <= SCHOOL.add_working_days(start, high)


@given(days, counts)
def test_school_holidays_only_ever_push_a_deadline_later(start: dt.date, n: int) -> None:
    assert SCHOOL.add_working_days(start, n) >= NATIONAL.add_working_days(start, n)


def test_the_default_england_calendar_closes_long_holidays_only() -> None:
    from inspectorate.domain.term_dates import DEFAULT_ENGLAND_HOLIDAYS

    england = WorkingDayCalendar(BANK_HOLIDAYS, DEFAULT_ENGLAND_HOLIDAYS)
    assert not england.is_working_day(dt.date(2026, 4, 7))  # Easter holiday
    assert not england.is_working_day(dt.date(2026, 8, 10))  # summer holiday
    assert england.is_working_day(dt.date(2026, 2, 17))  # spring half-term: a week, not longer


def test_six_weekdays_of_holiday_stop_the_clock_but_five_do_not() -> None:
    five = Holiday(dt.date(2026, 2, 14), dt.date(2026, 2, 22), "Half-term with its weekends")
    six = Holiday(dt.date(2026, 2, 16), dt.date(2026, 2, 23), "Half-term and a training day")
    assert (five.weekdays, five.closes_school) == (5, False)
    assert (six.weekdays, six.closes_school) == (6, True)


def test_a_closure_is_never_a_working_day_however_short() -> None:
    polling_day = Holiday(dt.date(2026, 5, 7), dt.date(2026, 5, 7), "Polling station", HolidayKind.CLOSURE)
    closed = NATIONAL.with_holidays([polling_day])
    assert not closed.is_working_day(dt.date(2026, 5, 7))
    assert closed.add_working_days(dt.date(2026, 5, 6), 1) == dt.date(2026, 5, 8)
    assert NATIONAL.is_working_day(dt.date(2026, 5, 7))


def test_a_holiday_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match=r"ends .* before it starts"):
        Holiday(dt.date(2026, 4, 10), dt.date(2026, 3, 30), "Easter")


def test_a_negative_number_of_working_days_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        NATIONAL.add_working_days(dt.date(2026, 1, 5), -1)


@given(days, days)
def test_working_days_after_counts_exactly_the_working_days_in_between(start: dt.date, end: dt.date) -> None:
    in_between = (start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1))
    assert SCHOOL.working_days_after(start, end) == sum(1 for d in in_between if SCHOOL.is_working_day(d))


@given(days, st.integers(min_value=1, max_value=60))
def test_the_deadline_is_the_first_day_on_which_n_working_days_have_passed(start: dt.date, n: int) -> None:
    deadline = SCHOOL.add_working_days(start, n)
    assert SCHOOL.working_days_after(start, deadline - dt.timedelta(days=1)) == n - 1
