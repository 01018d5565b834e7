"""Working hours (08:00 to 18:00 UK time on working days) and the concerns and learning-review policies."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspectorate.domain.bank_holidays import bank_holidays_for
from inspectorate.domain.concern_policy import (
    ConcernPolicy,
    LearningReviewPolicy,
    concern_policy_on,
    learning_review_policy_on,
    raise_window,
)
from inspectorate.domain.working_days import Holiday, WorkingDayCalendar
from inspectorate.domain.working_hours import (
    UK,
    add_working_hours,
    is_working_time,
    next_opening,
    working_hours_between,
)

BANK_HOLIDAYS = bank_holidays_for(range(2024, 2031))
NATIONAL = WorkingDayCalendar(BANK_HOLIDAYS)
SCHOOL = WorkingDayCalendar(BANK_HOLIDAYS, (Holiday(dt.date(2025, 12, 20), dt.date(2026, 1, 4), "Christmas"),))


def uk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=UK)


# Worked examples


def test_friday_afternoon_plus_two_hours_is_monday_morning() -> None:
    # Friday 13 March 2026, 17:30: half an hour on Friday, an hour and a half on Monday.
    assert add_working_hours(uk(2026, 3, 13, 17, 30), 2, NATIONAL) == uk(2026, 3, 16, 9, 30)


def test_a_bank_holiday_is_skipped() -> None:
    # Thursday 2 April 2026 at 17:00; Good Friday 3 April and Easter Monday 6 April are bank holidays.
    assert add_working_hours(uk(2026, 4, 2, 17), 2, NATIONAL) == uk(2026, 4, 7, 9)


def test_a_school_holiday_longer_than_a_week_is_skipped() -> None:
    assert add_working_hours(uk(2025, 12, 19, 17), 2, SCHOOL) == uk(2026, 1, 5, 9)


def test_a_concern_raised_before_opening_counts_from_eight() -> None:
    assert add_working_hours(uk(2026, 3, 10, 6, 15), 2, NATIONAL) == uk(2026, 3, 10, 10)


def test_a_concern_raised_in_the_evening_counts_from_the_next_morning() -> None:
    assert add_working_hours(uk(2026, 3, 10, 21), 2, NATIONAL) == uk(2026, 3, 11, 10)


def test_the_clocks_going_forward_do_not_shift_the_target() -> None:
    # British Summer Time begins at 01:00 GMT on Sunday 29 March 2026: Friday 17:00 + 2 h is Monday 09:00 BST,
    # which is 08:00 in UTC (it was 17:00 UTC on Friday).
    due = add_working_hours(uk(2026, 3, 27, 17), 2, NATIONAL)
    assert due == uk(2026, 3, 30, 9)
    assert due.astimezone(dt.UTC) == dt.datetime(2026, 3, 30, 8, tzinfo=dt.UTC)


def test_the_clocks_going_back_do_not_shift_the_target() -> None:
    # British Summer Time ends on Sunday 25 October 2026.
    due = add_working_hours(uk(2026, 10, 23, 17), 2, NATIONAL)
    assert due == uk(2026, 10, 26, 9)
    assert due.astimezone(dt.UTC) == dt.datetime(2026, 10, 26, 9, tzinfo=dt.UTC)


def test_a_start_given_in_utc_is_read_on_the_uk_clock() -> None:
    # 07:30 UTC on 1 July 2026 is 08:30 BST: already open.
    start = dt.datetime(2026, 7, 1, 7, 30, tzinfo=dt.UTC)
    assert add_working_hours(start, 1, NATIONAL) == uk(2026, 7, 1, 9, 30)


def test_a_whole_working_day_ends_at_six() -> None:
    assert add_working_hours(uk(2026, 3, 10, 8), 10, NATIONAL) == uk(2026, 3, 10, 18)


def test_zero_hours_on_a_saturday_is_monday_at_eight() -> None:
    assert add_working_hours(uk(2026, 3, 14, 12), 0, NATIONAL) == uk(2026, 3, 16, 8)


def test_hours_between_leave_out_nights_and_weekends() -> None:
    assert working_hours_between(uk(2026, 3, 13, 17, 30), uk(2026, 3, 16, 9, 30), NATIONAL) == 2.0
    assert working_hours_between(uk(2026, 3, 16, 9), uk(2026, 3, 13, 9), NATIONAL) == 0.0


def test_opening_times() -> None:
    assert is_working_time(uk(2026, 3, 10, 8), NATIONAL)
    assert not is_working_time(uk(2026, 3, 10, 18), NATIONAL)
    assert not is_working_time(uk(2026, 4, 3, 12), NATIONAL)  # Good Friday
    assert next_opening(uk(2026, 3, 10, 18), NATIONAL) == uk(2026, 3, 11, 8)


@pytest.mark.parametrize("hours", [-1, float("nan"), float("inf")])
def test_a_nonsense_number_of_hours_is_refused(hours: float) -> None:
    with pytest.raises(ValueError, match="working hours must be zero or more"):
        add_working_hours(uk(2026, 3, 10, 9), hours, NATIONAL)


def test_a_moment_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="must carry its time zone"):
        add_working_hours(dt.datetime(2026, 3, 10, 9), 2, NATIONAL)


# Properties

moments = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2029, 12, 31), timezones=st.just(UK))
hour_counts = st.floats(min_value=0, max_value=200, allow_nan=False, allow_infinity=False)
# No time limit per example: these machines run several suites at once, and speed is not the property under test.
unhurried = settings(deadline=None)


@unhurried
@given(moments, hour_counts)
def test_the_target_always_falls_in_working_hours(start: dt.datetime, hours: float) -> None:
    due = add_working_hours(start, hours, SCHOOL).astimezone(UK)
    assert SCHOOL.is_working_day(due.date())
    assert dt.time(8) <= due.time() <= dt.time(18)


@unhurried
@given(moments, hour_counts)
def test_the_hours_between_start_and_target_are_the_hours_asked_for(start: dt.datetime, hours: float) -> None:
    due = add_working_hours(start, hours, SCHOOL)
    assert working_hours_between(start, due, SCHOOL) == pytest.approx(hours, abs=1e-6)


@unhurried
@given(moments, hour_counts, hour_counts)
def test_more_hours_never_gives_an_earlier_target(start: dt.datetime, a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert add_working_hours(start, low, SCHOOL) <= add_working_hours(start, high, SCHOOL)


@unhurried
@given(moments, hour_counts)
def test_the_target_is_never_before_the_start(start: dt.datetime, hours: float) -> None:
    assert add_working_hours(start, hours, SCHOOL) >= start


# Policies with effective dates, and the window for raising a concern


def test_the_acknowledgement_target_is_two_working_hours_by_default() -> None:
    assert concern_policy_on(dt.date(2026, 3, 2)).acknowledgement_working_hours == 2


def test_a_later_policy_takes_over_from_its_effective_date() -> None:
    policies = (ConcernPolicy(dt.date(2024, 4, 5)), ConcernPolicy(dt.date(2027, 1, 1), acknowledgement_working_hours=1))
    assert concern_policy_on(dt.date(2026, 12, 31), policies).acknowledgement_working_hours == 2
    assert concern_policy_on(dt.date(2027, 1, 1), policies).acknowledgement_working_hours == 1


def test_learning_review_deadlines_are_ten_and_sixty_working_days() -> None:
    policy = learning_review_policy_on(dt.date(2026, 3, 2))
    assert (policy.terms_of_reference_working_days, policy.report_working_days) == (10, 60)
    later = (LearningReviewPolicy(dt.date(2024, 1, 19)), LearningReviewPolicy(dt.date(2027, 9, 1), 5, 40))
    assert learning_review_policy_on(dt.date(2027, 9, 1), later).report_working_days == 40


def test_a_concern_may_be_raised_until_the_working_day_after_the_last_on_site_day() -> None:
    # Last on-site day Friday 13 March 2026: the window closes at the end of Monday 16 March.
    window = raise_window(
        notified_on=dt.date(2026, 3, 11),
        last_on_site_day=dt.date(2026, 3, 13),
        under_way=False,
        calendar=NATIONAL,
        policy=ConcernPolicy(dt.date(2024, 4, 5)),
    )
    assert (window.opens, window.closes) == (dt.date(2026, 3, 11), dt.date(2026, 3, 16))
    assert window.allows(dt.date(2026, 3, 16))
    assert not window.allows(dt.date(2026, 3, 17))
    assert not window.allows(dt.date(2026, 3, 10))


def test_the_window_stays_open_while_the_inspection_is_under_way() -> None:
    window = raise_window(
        notified_on=dt.date(2026, 3, 2),
        last_on_site_day=dt.date(2026, 3, 3),
        under_way=True,
        calendar=NATIONAL,
        policy=ConcernPolicy(dt.date(2024, 4, 5)),
    )
    assert window.closes is None
    assert window.allows(dt.date(2026, 3, 20))


def test_there_is_no_window_before_the_school_is_notified() -> None:
    window = raise_window(
        notified_on=None,
        last_on_site_day=None,
        under_way=False,
        calendar=NATIONAL,
        policy=concern_policy_on(dt.date(2026, 3, 2)),
    )
    assert not window.allows(dt.date(2026, 3, 2))
