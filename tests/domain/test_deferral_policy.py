"""The deferral policy: grounds by date, who may ask when, the response target, unavailable dates, windows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from inspectorate.domain.deferral_policy import (
    POLICIES,
    DeferralPolicy,
    DeferralRuleError,
    Window,
    deferral_policy_on,
    ground_for,
    grounds_on,
    refusal_to_request,
    response_due,
    unavailable_dates,
)
from inspectorate.domain.workflow import State

LONDON = ZoneInfo("Europe/London")
POLICY = DeferralPolicy(effective_from=dt.date(2022, 9, 1), response_target_hours=3)


def test_senior_leaders_wellbeing_is_a_ground_from_5_november_2025_and_not_before() -> None:
    before = {g.code for g in grounds_on(dt.date(2025, 11, 4))}
    after = {g.code for g in grounds_on(dt.date(2025, 11, 5))}
    assert "senior_leader_wellbeing" not in before
    assert after - before == {"senior_leader_wellbeing"}


def test_the_reference_grounds_are_all_offered() -> None:
    codes = {g.code for g in grounds_on(dt.date(2026, 3, 2))}
    assert {
        "investigation",
        "major_incident",
        "merger_closure_or_move",
        "security_incident",
        "public_health_closure",
        "school_closed",
        "staff_absence",
        "senior_leader_wellbeing",
    } <= codes


def test_an_unknown_ground_is_refused_naming_the_choices() -> None:
    with pytest.raises(DeferralRuleError, match="not a ground for deferral; choose one of investigation"):
        ground_for("holiday", dt.date(2026, 3, 2))


def test_a_ground_not_yet_in_force_is_refused_with_its_start_date() -> None:
    with pytest.raises(DeferralRuleError, match="only for requests made from 5 November 2025"):
        ground_for("senior_leader_wellbeing", dt.date(2025, 10, 1))


@pytest.mark.parametrize("state", [State.PLANNED, State.NOTIFIED, State.PLANNING_CALL_HELD])
def test_a_deferral_may_be_asked_for_before_on_site_work_starts(state: State) -> None:
    assert refusal_to_request(state, POLICY) is None


@pytest.mark.parametrize(
    ("state", "why"),
    [
        (State.ON_SITE, "ask the lead inspector or the duty desk about a pause"),
        (State.PAUSED, "on-site work has started"),
        (State.DEFERRED, "already deferred"),
        (State.PUBLISHED, "only before on-site work starts"),
    ],
)
def test_a_deferral_cannot_be_asked_for_once_on_site_work_has_started(state: State, why: str) -> None:
    refusal = refusal_to_request(state, POLICY)
    assert refusal is not None and why in refusal


def test_the_response_is_due_within_the_target_hours() -> None:
    asked = dt.datetime(2026, 3, 2, 10, 30, tzinfo=LONDON)  # a Monday notification call
    assert response_due(asked, dt.date(2026, 3, 10), POLICY) == dt.datetime(2026, 3, 2, 13, 30, tzinfo=LONDON)


def test_the_response_is_never_due_after_the_team_arrives() -> None:
    asked = dt.datetime(2026, 3, 2, 6, 30, tzinfo=LONDON)  # early on the first day
    assert response_due(asked, dt.date(2026, 3, 2), POLICY) == dt.datetime(2026, 3, 2, 8, 0, tzinfo=LONDON)


def test_the_response_target_is_configurable_by_policy_date() -> None:
    later = DeferralPolicy(effective_from=dt.date(2027, 1, 1), response_target_hours=1)
    policies = (*POLICIES, later)
    assert deferral_policy_on(dt.date(2026, 12, 31), policies).response_target_hours == 3
    assert deferral_policy_on(dt.date(2027, 1, 1), policies).response_target_hours == 1
    assert "response_target_hours" in deferral_policy_on(dt.date(2026, 1, 1)).unverified


def test_one_unavailable_day_alone_is_that_day() -> None:
    day = dt.date(2026, 3, 3)
    assert unavailable_dates(day, None) == (day, day, {})


def test_unavailable_dates_out_of_order_or_without_a_start_are_errors_naming_the_field() -> None:
    assert unavailable_dates(dt.date(2026, 3, 5), dt.date(2026, 3, 3))[2] == {
        "unavailable_until": "must be on or after the first date the school cannot take"
    }
    assert "unavailable_from" in unavailable_dates(None, dt.date(2026, 3, 3))[2]
    assert unavailable_dates(None, None) == (None, None, {})


def test_a_blanket_window_covers_the_start_dates_from_its_first_to_its_last_day() -> None:
    week = Window(dt.date(2023, 12, 11), dt.date(2023, 12, 15))
    assert week.covers(dt.date(2023, 12, 11)) and week.covers(dt.date(2023, 12, 15))
    assert not week.covers(dt.date(2023, 12, 10)) and not week.covers(dt.date(2023, 12, 18))


def test_a_window_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(DeferralRuleError, match="ends"):
        Window(dt.date(2023, 12, 15), dt.date(2023, 12, 11))
