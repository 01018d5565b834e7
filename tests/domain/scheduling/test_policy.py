import datetime as dt

import pytest

from inspectorate.domain.scheduling import POLICIES, policy_on
from inspectorate.domain.scheduling.months import add_months, end_of_school_year_after
from inspectorate.domain.scheduling.policy import AFTER_COVID_2021, RENEWED_2025, WINDOW_2018


def test_the_policy_in_force_is_the_latest_to_have_taken_effect() -> None:
    assert policy_on(dt.date(2019, 9, 2)) is WINDOW_2018
    assert policy_on(dt.date(2021, 9, 1)) is AFTER_COVID_2021
    assert policy_on(dt.date(2025, 11, 9)).effective_from == dt.date(2023, 9, 1)
    assert policy_on(dt.date(2025, 11, 10)) is RENEWED_2025


def test_no_policy_before_the_first() -> None:
    with pytest.raises(ValueError, match="No due policy"):
        policy_on(dt.date(2018, 4, 12))


def test_secondary_sourced_rules_are_marked_unverified() -> None:
    assert not RENEWED_2025.routine.verified  # renewed framework interval: a council's summary
    assert not RENEWED_2025.reinspection.verified  # "from publication": a secondary source
    assert not RENEWED_2025.monitoring.verified  # no interval in the reference at all
    assert not RENEWED_2025.ceiling.extension_verified  # Covid amendment via a secondary mirror
    assert not RENEWED_2025.weights.verified  # Inspectorate's own
    assert WINDOW_2018.routine.verified and RENEWED_2025.ceiling.verified


def test_every_rule_names_its_source() -> None:
    for p in POLICIES:
        for rule in (p.routine, p.reinspection, p.monitoring, p.never_inspected, p.safeguarding_return):
            assert rule is None or rule.source


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 1, 10), 3, dt.date(2024, 4, 10)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2024, 11, 30), 30, dt.date(2027, 5, 30)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_school_years_start_on_1_august() -> None:
    assert end_of_school_year_after(dt.date(2014, 7, 31), 5) == dt.date(2019, 7, 31)
    assert end_of_school_year_after(dt.date(2014, 8, 1), 5) == dt.date(2020, 7, 31)
