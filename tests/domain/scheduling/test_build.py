"""Building a problem from the queue: which schools are chosen, the horizon's slots, and why a school is left out."""

from __future__ import annotations

import datetime as dt

from inspectorate.domain.scheduling import due_queue
from inspectorate.domain.scheduling.allocation import Inspection, Plan
from inspectorate.domain.scheduling.build import (
    Capacity,
    SchoolFacts,
    capacity,
    due_by,
    generated_shape,
    horizon_slots,
    inspections_from_queue,
    per_week,
    problem_of,
    unplaced_reason,
    within_capacity,
)
from inspectorate.domain.scheduling.workforce import (
    DEFAULT_REQUIRED_TRAINING,
    Employment,
    Inspector,
    Leave,
    TrainingRecord,
)
from tests.domain.scheduling.builders import graded, school

START = dt.date(2027, 1, 11)  # a Monday
TRAINED = tuple(TrainingRecord(k, dt.date(2020, 1, 1), dt.date(2099, 1, 1)) for k in DEFAULT_REQUIRED_TRAINING)


def _inspector(n: int, *, employed: bool = True, leave: tuple[Leave, ...] = ()) -> Inspector:
    return Inspector(
        id=f"P{n}",
        name=f"Person {n}",
        employment=Employment.EMPLOYED if employed else Employment.CONTRACTED,
        home=(51.5, -1.0),
        phases=frozenset({"Primary"}),
        leave=leave,
        training=TRAINED,
    )


def _queue() -> tuple[Inspection, ...]:
    never = [school(urn) for urn in (1, 2, 3)]  # never inspected: due at once
    later = school(4, graded(dt.date(2024, 6, 1), "2"))  # good in 2024: due years from now
    facts = {
        urn: SchoolFacts(urn, (51.5, -1.0), "Primary", pupils=pupils)
        for urn, pupils in ((1, 100), (2, 300), (3, 100), (4, 100))
    }
    return inspections_from_queue(due_queue([*never, later], START), facts)


def test_slots_leave_out_a_closed_day_and_count_whole_weeks() -> None:
    slots = horizon_slots(START, 2, closed=lambda d: d == dt.date(2027, 1, 19))
    assert [s.notify_on for s in slots] == [START]  # the second week's Tuesday is shut


def test_the_queue_is_taken_in_order_while_there_is_a_lead_and_room_in_teams() -> None:
    queue = _queue()
    assert [i.urn for i in within_capacity(queue, Capacity(leads=2, places=3, largest_team=3))] == [1, 2]
    # URN 2 needs two places: with two in all, it is passed over for URN 3, which needs one
    assert [i.urn for i in within_capacity(queue, Capacity(leads=5, places=2, largest_team=2))] == [1, 3]
    # A school needing more than any week can field is kept, uncounted, to be reported as not covered
    assert [i.urn for i in within_capacity(queue, Capacity(leads=2, places=1, largest_team=1))] == [1, 2]
    assert [i.urn for i in due_by(queue, START + dt.timedelta(days=13))] == [1, 2, 3]
    assert len(per_week(queue, 2, horizon_slots(START, 1))) == 2


def test_capacity_counts_who_may_lead_and_who_is_away_each_week() -> None:
    away = Leave(dt.date(2027, 1, 18), dt.date(2027, 1, 22))
    people = [_inspector(1), _inspector(2, employed=False), _inspector(3, leave=(away,))]
    assert capacity(people, horizon_slots(START, 2)) == Capacity(leads=3, places=5, largest_team=3)


def test_a_school_left_out_is_given_a_reason() -> None:
    queue = _queue()
    lone = problem_of(queue[:2], [_inspector(1)], horizon_slots(START, 1))
    assert "needs a team of 2" in unplaced_reason(lone, lone.inspection(2))
    busy = problem_of([queue[0], queue[2]], [_inspector(1)], horizon_slots(START, 1))
    assert Plan().unplaced(busy) == (1, 3)
    assert "needed at schools with a stronger claim" in unplaced_reason(busy, busy.inspection(3))


def test_a_generated_workforce_is_scaled_to_the_schools() -> None:
    assert (generated_shape(22_000).employed, generated_shape(22_000).contracted) == (400, 1200)
    assert (generated_shape(3).employed, generated_shape(3).contracted) == (10, 20)
    assert generated_shape(2_200).employed == 40
