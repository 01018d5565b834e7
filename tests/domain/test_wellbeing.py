"""The wellbeing rules: which check-ins an inspection has reached, their keys, the follow-up policy, and how a
resumed pause moves deadlines."""

import datetime as dt

import pytest

from inspectorate.domain.support_contacts import EDUCATION_SUPPORT, SAMARITANS, SUPPORT_CONTACTS, tel_href
from inspectorate.domain.wellbeing import (
    POLICIES,
    Point,
    Progress,
    WellbeingPolicy,
    checkin_key,
    checkin_label,
    parse_checkin_key,
    points_expected,
    points_reached,
    resume_moves,
    wellbeing_policy_on,
)
from inspectorate.domain.working_days import WorkingDayCalendar

TODAY = dt.date(2026, 3, 9)


def test_nothing_is_due_before_notification() -> None:
    assert points_reached(Progress(), TODAY) == []


def test_each_on_site_day_adds_its_end_of_day_check_in_in_order() -> None:
    progress = Progress(notified=True, on_site_days_done=2)
    assert points_reached(progress, TODAY) == ["notification", "end_of_day:1", "end_of_day:2"]


def test_the_follow_up_is_reached_only_on_its_due_date() -> None:
    progress = Progress(
        notified=True,
        on_site_days_done=2,
        final_feedback_on=dt.date(2026, 3, 4),
        follow_up_due=dt.date(2026, 3, 9),
    )
    assert points_reached(progress, dt.date(2026, 3, 6))[-1] == "final_feedback"
    assert points_reached(progress, dt.date(2026, 3, 9))[-1] == "follow_up"


def test_a_page_lists_every_check_in_the_round_will_need_with_the_planned_days() -> None:
    assert points_expected(Progress(on_site_days_planned=3)) == [
        "notification",
        "end_of_day:1",
        "end_of_day:2",
        "end_of_day:3",
        "final_feedback",
        "follow_up",
    ]


def test_keys_round_trip_and_read_as_words() -> None:
    assert checkin_key(Point.END_OF_DAY, 2) == "end_of_day:2"
    assert parse_checkin_key("end_of_day:2") == (Point.END_OF_DAY, 2)
    assert parse_checkin_key("final_feedback") == (Point.FINAL_FEEDBACK, None)
    assert checkin_label("end_of_day:2") == "At the end of on-site day 2"
    assert checkin_label("follow_up") == "Follow-up after final feedback"


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("lunch", "not a check-in point"),
        ("end_of_day", "number of the on-site day"),
        ("end_of_day:0", "number of the on-site day"),
        ("notification:1", "only an end-of-day check-in"),
    ],
)
def test_a_bad_key_says_what_is_wrong(key: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_checkin_key(key)


def test_the_follow_up_interval_is_policy_data_marked_unverified() -> None:
    policy = wellbeing_policy_on(TODAY)
    assert policy.follow_up_working_days == 3
    assert "follow_up_working_days" in policy.unverified
    later = (*POLICIES, WellbeingPolicy(effective_from=dt.date(2027, 1, 1), follow_up_working_days=5))
    assert wellbeing_policy_on(dt.date(2026, 12, 31), later).follow_up_working_days == 3
    assert wellbeing_policy_on(dt.date(2027, 1, 1), later).follow_up_working_days == 5


def test_resuming_moves_each_deadline_already_set_by_the_working_days_paused() -> None:
    calendar = WorkingDayCalendar(bank_holidays=frozenset())
    moves = resume_moves(
        {"publication_target": dt.date(2026, 3, 13), "factual_accuracy_deadline": None},  # a Friday; one not set
        2,
        calendar.add_working_days,
    )
    assert moves == {"publication_target": (dt.date(2026, 3, 13), dt.date(2026, 3, 17))}  # over the weekend
    assert resume_moves({"publication_target": dt.date(2026, 3, 13)}, 0, calendar.add_working_days) == {}


def test_the_helplines_are_in_one_place_with_their_numbers() -> None:
    assert EDUCATION_SUPPORT.number == "08000 562 561"
    assert SAMARITANS.number == "116 123"
    assert SUPPORT_CONTACTS == (EDUCATION_SUPPORT, SAMARITANS)
    assert tel_href(EDUCATION_SUPPORT) == "tel:08000562561"
