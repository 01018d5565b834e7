"""Laws every entry keeps, whatever the register holds."""

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from inspectorate.domain.scheduling import (
    DueEntry,
    GradedInspection,
    ReturnedInspection,
    ReturnReason,
    SchoolOnRegister,
    UngradedInspection,
    due_entry,
    due_queue,
)
from tests.domain.scheduling.builders import graded

OUTCOMES = ("1", "2", "3", "4")
past = st.dates(min_value=dt.date(2005, 9, 1), max_value=dt.date(2025, 6, 30))
plan_starts = st.dates(min_value=dt.date(2025, 7, 1), max_value=dt.date(2032, 12, 31))


@st.composite
def graded_inspections(draw: st.DrawFn) -> GradedInspection:
    return graded(
        draw(past),
        draw(st.sampled_from(OUTCOMES)),
        leadership=draw(st.sampled_from(OUTCOMES)),
        category=draw(st.sampled_from(("", "SM", "SWK", "NTI"))),
        safeguarding=draw(st.sampled_from(("Yes", "No", "9"))),
    )


@st.composite
def schools(draw: st.DrawFn, urn: int = 1) -> SchoolOnRegister:
    visit = draw(st.none() | past.map(lambda d: UngradedInspection(d, "Standards maintained")))
    return SchoolOnRegister(
        urn=urn,
        phase="Primary",
        latest_graded=draw(st.none() | graded_inspections()),
        latest_ungraded=visit,
        warning_notices=draw(st.integers(0, 3)),
        graded_was_of_predecessor=draw(st.booleans()),
        trust_changed=draw(st.none() | st.booleans()),
    )


def returns(urn: int) -> st.SearchStrategy[tuple[ReturnedInspection, ...]]:
    one = st.builds(ReturnedInspection, st.just(urn), st.sampled_from(ReturnReason), past)
    return st.lists(one, max_size=2).map(tuple)


def entry_for(school: SchoolOnRegister, today: dt.date, back: tuple[ReturnedInspection, ...] = ()) -> DueEntry:
    found = due_entry(school, today, back)
    assert found is not None  # no exemption after 2020
    return found


@given(schools(), plan_starts)
def test_the_due_date_is_never_after_the_statutory_latest_date(school: SchoolOnRegister, today: dt.date) -> None:
    e = entry_for(school, today)
    assert e.statutory_latest is None or e.due_date <= e.statutory_latest


@given(schools(), plan_starts, returns(1))
def test_priority_is_the_sum_of_its_factors(
    school: SchoolOnRegister, today: dt.date, back: tuple[ReturnedInspection, ...]
) -> None:
    e = entry_for(school, today, back)
    assert e.priority == sum(f.points for f in e.factors)
    assert all(f.points > 0 and f.reason for f in e.factors)
    assert all(f"{f.points} points, {f.name}" in e.explain() for f in e.factors)


@given(schools(), plan_starts, st.integers(0, 2000))
def test_moving_today_later_never_lowers_an_overdue_schools_priority(
    school: SchoolOnRegister, today: dt.date, later_by: int
) -> None:
    before = entry_for(school, today)
    after = entry_for(school, today + dt.timedelta(days=later_by))
    if before.due_date < today:
        assert after.priority >= before.priority


@given(st.lists(schools(), max_size=8), plan_starts)
def test_the_queue_is_ordered_by_priority_then_due_date(found: list[SchoolOnRegister], today: dt.date) -> None:
    numbered = [replace(s, urn=n) for n, s in enumerate(found)]
    queue = due_queue(numbered, today)
    assert len(queue) == len(numbered)
    keys = [(-e.priority, e.due_date) for e in queue]
    assert keys == sorted(keys)
