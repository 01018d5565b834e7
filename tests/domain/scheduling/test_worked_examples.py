"""One worked example per due rule, dated as a plan starting on Monday 5 January 2026 would see them."""

import datetime as dt
from dataclasses import replace

import pytest

from inspectorate.domain.scheduling import (
    BlockedDates,
    DueEntry,
    GradedInspection,
    ReturnedInspection,
    ReturnReason,
    SchoolOnRegister,
    due_entry,
    due_queue,
)
from inspectorate.domain.scheduling.policy import RENEWED_2025, SAFEGUARDING_RETURN_2023, WINDOW_2018
from tests.domain.scheduling.builders import graded, school

TODAY = dt.date(2026, 1, 5)


def entry(s: SchoolOnRegister, today: dt.date = TODAY, returned: tuple[ReturnedInspection, ...] = ()) -> DueEntry:
    found = due_entry(s, today, returned)
    assert found is not None
    return found


def test_good_in_2013_is_overdue_and_past_its_statutory_latest_date() -> None:
    e = entry(school(1, graded(dt.date(2013, 11, 5), "2")))
    assert e.rule.name == "routine full inspection"
    assert e.statutory_latest == dt.date(2019, 7, 31)  # end of the 5th school year after 2013/14
    assert e.due_date == dt.date(2017, 11, 5)  # four years on, before the ceiling
    assert {f.name for f in e.factors} == {"overdue", "past the statutory latest date"}
    assert "has passed" in e.explain()


def test_the_covid_group_gets_seven_school_years() -> None:
    e = entry(school(2, graded(dt.date(2015, 6, 1), "2")))
    assert e.statutory_latest == dt.date(2022, 7, 31)  # 7 school years after 2014/15
    assert e.due_date == dt.date(2019, 6, 1)


def test_an_interval_longer_than_the_law_allows_is_cut_to_the_statutory_latest_date() -> None:
    six_years = replace(RENEWED_2025, routine=replace(RENEWED_2025.routine, months=72))
    e = due_entry(school(2, graded(dt.date(2022, 6, 1), "2")), TODAY, policy=six_years)
    assert e is not None
    assert e.due_date == e.statutory_latest == dt.date(2027, 7, 31)


def test_the_covid_window_ends_on_27_april_2021() -> None:
    inside = entry(school(3, graded(dt.date(2021, 4, 27), "2")))
    after = entry(school(4, graded(dt.date(2021, 4, 28), "2")))
    assert inside.statutory_latest == dt.date(2028, 7, 31)
    assert after.statutory_latest == dt.date(2026, 7, 31)


def test_the_routine_interval_runs_from_the_latest_ungraded_visit() -> None:
    e = entry(school(5, graded(dt.date(2016, 3, 1), "2"), ungraded=dt.date(2022, 5, 10)))
    assert e.due_date == dt.date(2026, 5, 10)
    assert e.statutory_latest == dt.date(2027, 7, 31)
    assert e.factors == ()


def test_requires_improvement_is_due_30_months_after_publication() -> None:
    e = entry(school(6, graded(dt.date(2024, 3, 5), "3", published=dt.date(2024, 4, 20))))
    assert e.rule.name == "re-inspection within 30 months"
    assert e.due_date == dt.date(2026, 10, 20)
    assert [(f.name, f.points) for f in e.factors] == [("previous outcome", 20)]


def test_a_school_never_inspected_is_due_at_once() -> None:
    e = entry(school(7))
    assert (e.due_date, e.statutory_latest) == (TODAY, None)
    assert [f.name for f in e.factors] == ["never inspected"]
    assert "no previous inspection" in e.explain()


def caversham_like(published: dt.date) -> GradedInspection:
    # Good in every area but leadership, inadequate because safeguarding was not effective.
    return replace(
        graded(dt.date(2023, 11, 15), "2", published=published, leadership="4", category="SWK", safeguarding="No"),
        overall_effectiveness="4",
    )


def test_inadequate_solely_for_safeguarding_returns_within_3_months_of_publication() -> None:
    e = entry(school(8, caversham_like(dt.date(2024, 1, 10))), today=dt.date(2024, 2, 5))
    assert e.rule.name == "return within 3 months: inadequate solely for safeguarding"
    assert e.due_date == dt.date(2024, 4, 10)
    assert e.rule.verified


def test_after_the_return_visit_the_graded_re_inspection_is_next() -> None:
    e = entry(school(9, caversham_like(dt.date(2024, 1, 10)), ungraded=dt.date(2024, 3, 20)), today=dt.date(2024, 5, 1))
    assert e.rule.name == "re-inspection within 30 months"
    assert e.due_date == dt.date(2026, 7, 10)


def test_reports_before_the_return_rule_get_monitoring_like_any_school_in_a_category() -> None:
    e = entry(school(10, caversham_like(dt.date(2023, 3, 1))), today=dt.date(2023, 9, 4))
    assert e.rule.name == "monitoring inspection"
    assert not e.rule.verified


def test_a_school_in_special_measures_is_monitored_with_warning_notices_counted() -> None:
    s = school(11, graded(dt.date(2025, 3, 3), "4", category="SM"), warning_notices=2, trust_changed=True)
    e = entry(s)
    assert e.rule.name == "monitoring inspection"
    assert {f.name: f.points for f in e.factors} == {
        "overdue": 13,  # published 2 April 2025, due 2 October, 95 days late
        "previous outcome": 40,
        "warning notices": 30,
        "trust change": 10,
    }


def test_a_deferred_inspection_comes_back_keeping_its_blocked_dates() -> None:
    blocked = BlockedDates(dt.date(2026, 1, 12), dt.date(2026, 1, 23), "headteacher's bereavement")
    back = ReturnedInspection(12, ReturnReason.DEFERRED, dt.date(2026, 1, 2), (blocked,))
    queue = due_queue([school(12, graded(dt.date(2021, 11, 2), "2")), school(13)], TODAY, [back])
    deferred = next(e for e in queue if e.urn == 12)
    assert deferred.cannot_take == (blocked,)
    assert ("returned: deferred", 25) in [(f.name, f.points) for f in deferred.factors]
    assert "Cannot take 2026-01-12 to 2026-01-23: headteacher's bereavement." in deferred.explain()


def test_a_returned_inspection_for_an_unknown_school_is_refused() -> None:
    with pytest.raises(ValueError, match="99"):
        due_queue([school(1)], TODAY, [ReturnedInspection(99, ReturnReason.REFUSED_ENTRY, TODAY)])


def test_outstanding_schools_were_exempt_under_the_2018_policy_only() -> None:
    outstanding = school(14, graded(dt.date(2010, 5, 4), "1"))
    assert due_entry(outstanding, dt.date(2019, 1, 7), policy=WINDOW_2018) is None
    assert entry(outstanding).due_date == dt.date(2014, 5, 4)


def test_the_queue_orders_by_priority_then_due_date() -> None:
    schools = [
        school(20, graded(dt.date(2024, 3, 5), "3")),
        school(21),
        school(22, graded(dt.date(2013, 11, 5), "2")),
        school(23, graded(dt.date(2023, 1, 5), "2")),
    ]
    assert [e.urn for e in due_queue(schools, TODAY)] == [22, 21, 20, 23]


def test_the_renewed_framework_asks_for_a_full_inspection_where_the_eif_asked_for_an_ungraded_one() -> None:
    good = school(24, graded(dt.date(2022, 2, 1), "2"))
    assert entry(good, dt.date(2025, 11, 7)).rule.inspection == "ungraded"
    assert entry(good, dt.date(2025, 11, 10)).rule.inspection == "full"
    assert entry(good, dt.date(2025, 11, 7)).policy_effective_from == SAFEGUARDING_RETURN_2023.effective_from
    assert entry(good, dt.date(2025, 11, 10)).policy_effective_from == RENEWED_2025.effective_from
