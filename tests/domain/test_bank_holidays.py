import datetime as dt

import pytest

from inspectorate.domain.bank_holidays import (
    OFFICIAL_DATA_YEARS,
    bank_holidays_for,
    easter_sunday,
    england_and_wales,
    official_england_and_wales,
)

# One-off changes the rules cannot predict: holidays moved or added by proclamation.
ONE_OFFS = {
    dt.date(2012, 5, 28),  # spring bank holiday moved to 4 June for the Diamond Jubilee
    dt.date(2012, 6, 4),
    dt.date(2012, 6, 5),  # Diamond Jubilee
    dt.date(2020, 5, 4),  # early May bank holiday moved to 8 May for VE Day
    dt.date(2020, 5, 8),
    dt.date(2022, 5, 30),  # spring bank holiday moved to 2 June for the Platinum Jubilee
    dt.date(2022, 6, 2),
    dt.date(2022, 6, 3),
    dt.date(2022, 9, 19),  # State Funeral of Queen Elizabeth II
    dt.date(2023, 5, 8),  # Coronation of King Charles III
}


@pytest.mark.parametrize("year", list(OFFICIAL_DATA_YEARS))
def test_the_rules_reproduce_every_regular_bank_holiday_in_the_official_data(year: int) -> None:
    official = {d for d in official_england_and_wales() if d.year == year}
    predicted = set(england_and_wales(year))
    assert official - ONE_OFFS == predicted - ONE_OFFS


def test_easter_dates_match_known_years() -> None:
    assert easter_sunday(2024) == dt.date(2024, 3, 31)
    assert easter_sunday(2025) == dt.date(2025, 4, 20)
    assert easter_sunday(2038) == dt.date(2038, 4, 25)


def test_christmas_on_a_weekend_moves_both_holidays_to_the_next_weekdays() -> None:
    holidays = england_and_wales(2032)  # Christmas Day 2032 is a Saturday
    assert dt.date(2032, 12, 27) in holidays
    assert dt.date(2032, 12, 28) in holidays


def test_years_after_the_bundled_data_come_from_the_rules() -> None:
    days = bank_holidays_for(range(2028, 2031))
    assert dt.date(2028, 12, 25) in days  # official
    assert dt.date(2030, 4, 19) in days  # Good Friday 2030, predicted
    assert dt.date(2030, 8, 26) in days  # summer bank holiday 2030, predicted


def test_within_the_bundled_years_the_official_one_offs_are_kept() -> None:
    days = bank_holidays_for(range(2022, 2024))
    assert dt.date(2022, 9, 19) in days  # State Funeral of Queen Elizabeth II
    assert dt.date(2023, 5, 8) in days  # Coronation of King Charles III
    assert dt.date(2022, 5, 30) not in days  # the spring bank holiday moved to 2 June that year


def test_only_the_years_asked_for_are_given() -> None:
    assert {d.year for d in bank_holidays_for(range(2027, 2032))} == set(range(2027, 2032))


@pytest.mark.parametrize("year", range(2029, 2060))
def test_the_rules_give_the_eight_regular_bank_holidays_on_weekdays(year: int) -> None:
    days = england_and_wales(year)
    assert len(days) == 8
    assert all(d.weekday() < 5 and d.year == year for d in days)
