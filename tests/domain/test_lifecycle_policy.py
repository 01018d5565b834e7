import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from inspectorate.domain.lifecycle_policy import POLICIES, LifecyclePolicy, add_months, lifecycle_policy_on


def test_the_policy_in_force_is_the_latest_that_had_taken_effect() -> None:
    older = LifecyclePolicy(effective_from=dt.date(2020, 9, 1))
    newer = LifecyclePolicy(effective_from=dt.date(2027, 1, 1), publication_target_working_days=25)
    policies = (older, newer)
    assert lifecycle_policy_on(dt.date(2026, 12, 31), policies) is older
    assert lifecycle_policy_on(dt.date(2027, 1, 1), policies).publication_target_working_days == 25


def test_the_shipped_policy_gives_five_working_days_for_factual_accuracy_and_marks_what_is_unverified() -> None:
    policy = lifecycle_policy_on(dt.date(2026, 3, 3), POLICIES)
    assert policy.factual_accuracy_working_days == 5
    assert policy.pause_limit_working_days == 5
    assert "publication_target_working_days" in policy.unverified


def test_three_months_after_the_last_day_of_a_month_is_the_last_day_of_the_shorter_month() -> None:
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 3, 5), 3) == dt.date(2026, 6, 5)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)), st.integers(0, 24))
def test_adding_months_never_goes_back_and_lands_in_the_right_month(day: dt.date, months: int) -> None:
    result = add_months(day, months)
    assert result >= day
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
