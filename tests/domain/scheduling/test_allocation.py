"""Slots, refusals and the objective, on small problems worked out by hand.

The builders at the top are shared by the other allocation tests (checker, greedy, solver, bounds, re-plan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest

from inspectorate.domain.scheduling import BlockedDates
from inspectorate.domain.scheduling.allocation import (
    Assignment,
    Inspection,
    Plan,
    Problem,
    Slot,
    SlotPattern,
    TeamSizes,
    candidate_slots,
    fair_share,
    haversine_km,
    inspection_from_due,
    score,
)
from inspectorate.domain.scheduling.workforce import (
    Conflicts,
    Employment,
    Inspector,
    Leave,
    TrainingKind,
    TrainingRecord,
    conflict_reason,
    training_reason,
)

WEEK_1 = dt.date(2026, 3, 2)  # a Monday
WEEK_2 = WEEK_1 + dt.timedelta(days=7)
KM_PER_DEGREE = haversine_km((52.0, -1.0), (53.0, -1.0))


def trained(until: dt.date = dt.date(2030, 1, 1)) -> tuple[TrainingRecord, ...]:
    return tuple(TrainingRecord(kind, dt.date(2025, 1, 1), until) for kind in TrainingKind)


def person(
    pid: str,
    home: tuple[float, float],
    *,
    employment: Employment = Employment.EMPLOYED,
    may_lead: bool = False,
    phases: Iterable[str] = ("Primary",),
    weekly_limit: int = 1,
    leave: tuple[Leave, ...] = (),
    training: tuple[TrainingRecord, ...] | None = None,
    conflicts: Conflicts | None = None,
) -> Inspector:
    return Inspector(
        id=pid,
        name=f"Inspector {pid}",
        employment=employment,
        home=home,
        phases=frozenset(phases),
        may_lead=may_lead,
        weekly_limit=weekly_limit,
        leave=leave,
        training=trained() if training is None else training,
        conflicts=conflicts or Conflicts(),
    )


def school(
    urn: int,
    location: tuple[float, float],
    due: dt.date = WEEK_1,
    *,
    priority: int = 0,
    team_size: int = 1,
    need: str = "Primary",
    trust_id: str | None = None,
    region: str = "North",
    cannot_take: tuple[BlockedDates, ...] = (),
    closed_days: frozenset[dt.date] = frozenset(),
) -> Inspection:
    return Inspection(
        urn=urn,
        location=location,
        need=need,
        due_date=due,
        priority=priority,
        team_size=team_size,
        trust_id=trust_id,
        region=region,
        cannot_take=cannot_take,
        closed_days=closed_days,
    )


def problem(
    inspections: Iterable[Inspection],
    inspectors: Iterable[Inspector],
    *,
    weeks: int = 2,
    patterns: tuple[SlotPattern, ...] = (SlotPattern(),),
    rest: int = 0,
) -> Problem:
    slots = candidate_slots(WEEK_1, WEEK_1 + dt.timedelta(days=7 * weeks - 1), patterns)
    return Problem(tuple(inspections), tuple(inspectors), slots, min_rest_days=rest)


def slot_in(p: Problem, monday: dt.date) -> Slot:
    return next(s for s in p.slots if s.week == monday)


def swap_problem() -> Problem:
    """Two schools due on the first Tuesday; greedy sends X to A (due first, X is nearer), Y then goes far to B.

    A is at 52.0N, B half a degree north at 52.5N; X lives at B, Y half a degree south of A. Sending Y to A and X
    to B costs about 56 km; the greedy choice costs about 56 + 111 km. Week 2 costs 7 days late x 21 = 147.
    """
    a = school(1, (52.0, -1.0), WEEK_1 + dt.timedelta(days=1), priority=20)
    b = school(2, (52.5, -1.0), WEEK_1 + dt.timedelta(days=2), priority=20)
    x = person("X", (52.5, -1.0))
    y = person("Y", (51.5, -1.0))
    return problem([a, b], [x, y])


# Slots from the pattern


def test_the_default_pattern_gives_one_slot_a_week_notified_on_monday_on_site_tuesday_and_wednesday() -> None:
    slots = candidate_slots(WEEK_1, WEEK_2 + dt.timedelta(days=6))
    assert [(s.notify_on, s.on_site) for s in slots] == [
        (WEEK_1, (WEEK_1 + dt.timedelta(days=1), WEEK_1 + dt.timedelta(days=2))),
        (WEEK_2, (WEEK_2 + dt.timedelta(days=1), WEEK_2 + dt.timedelta(days=2))),
    ]


def test_a_bank_holiday_on_the_notification_or_an_on_site_day_removes_that_weeks_slot() -> None:
    easter_monday = dt.date(2026, 4, 6)
    slots = candidate_slots(dt.date(2026, 3, 30), dt.date(2026, 4, 12), closed=lambda day: day == easter_monday)
    assert [s.notify_on for s in slots] == [dt.date(2026, 3, 30)]


def test_a_slot_must_fit_inside_the_horizon() -> None:
    assert candidate_slots(WEEK_1 + dt.timedelta(days=1), WEEK_1 + dt.timedelta(days=6)) == ()


def test_a_pattern_notifying_after_the_first_on_site_day_is_refused() -> None:
    with pytest.raises(ValueError, match="notified earlier"):
        SlotPattern(notify_weekday=2, on_site_weekdays=(1, 2))


def test_a_school_closure_or_blocked_dates_refuse_the_slot_with_a_reason() -> None:
    p = problem([], [])
    first = slot_in(p, WEEK_1)
    closed = school(1, (52.0, -1.0), closed_days=frozenset({first.on_site[1]}))
    blocked = school(2, (52.0, -1.0), cannot_take=(BlockedDates(WEEK_1, WEEK_1 + dt.timedelta(days=4), "bereavement"),))
    assert closed.slot_refusal(first) == f"URN 1 is closed on {first.on_site[1]}"
    assert "bereavement" in (blocked.slot_refusal(first) or "")
    assert blocked.slot_refusal(slot_in(p, WEEK_2)) is None


# The workforce's refusals


def test_conflicts_of_interest_cover_the_school_worked_at_and_any_school_of_a_connected_trust() -> None:
    p = person("A", (52.0, -1.0), conflicts=Conflicts(frozenset({100}), frozenset({"T9"})))
    assert conflict_reason(p, school(100, (52.0, -1.0))) == "Inspector A worked at URN 100"
    assert "trust T9" in (conflict_reason(p, school(200, (52.0, -1.0), trust_id="T9")) or "")
    assert conflict_reason(p, school(300, (52.0, -1.0), trust_id="T1")) is None


def test_training_must_be_held_and_not_expired_on_the_day() -> None:
    lapsed = person("A", (52.0, -1.0), training=trained(until=dt.date(2026, 3, 3)))
    needed = {TrainingKind.MENTAL_HEALTH_AWARENESS}
    assert training_reason(lapsed, dt.date(2026, 3, 3), needed) is None
    assert training_reason(lapsed, dt.date(2026, 3, 4), needed) == (
        "Inspector A's mental-health awareness training expired on 2026-03-03"
    )
    untrained = person("B", (52.0, -1.0), training=())
    assert training_reason(untrained, WEEK_1, needed) == "Inspector B has no mental-health awareness training on record"


def test_team_sizes_follow_the_table_by_pupils() -> None:
    sizes = TeamSizes()
    assert [sizes.for_pupils(n) for n in (90, 150, 151, 800, 1500, None)] == [1, 1, 2, 3, 4, 2]


def test_an_inspection_takes_its_dates_priority_and_blocked_dates_from_the_queue_entry() -> None:
    from inspectorate.domain.scheduling import due_entry
    from tests.domain.scheduling.builders import graded
    from tests.domain.scheduling.builders import school as register_school

    entry = due_entry(register_school(7, graded(dt.date(2021, 1, 12), "3")), dt.date(2026, 1, 5))
    assert entry is not None
    made = inspection_from_due(entry, location=(51.5, -0.1), need="Primary", team_size=2)
    assert (made.due_date, made.priority, made.statutory_latest) == (
        entry.due_date,
        entry.priority,
        entry.statutory_latest,
    )


# The objective


def test_score_adds_travel_lateness_weighted_by_priority_and_unplaced_inspections() -> None:
    p = swap_problem()
    week_2 = slot_in(p, WEEK_2)
    plan = Plan((Assignment(1, week_2, "Y"),))  # A a week late with Y; B left out
    s = score(p, plan)
    a_late = (week_2.first_day - p.inspection(1).due_date).days
    assert s.travel_km == round(KM_PER_DEGREE / 2)
    assert s.lateness == a_late * 21
    b_after_horizon = (p.horizon_end + dt.timedelta(days=1) - p.inspection(2).due_date).days
    assert s.unplaced == 2000 + b_after_horizon * 21
    assert s.unplaced_count == 1


def test_fairness_counts_days_above_the_fair_share_of_the_same_employment_only() -> None:
    employed = [person(f"E{n}", (52.0, -1.0)) for n in range(2)]
    contracted = [person("C", (52.0, -1.0), employment=Employment.CONTRACTED)]
    p = problem([school(1, (52.0, -1.0)), school(2, (52.0, -1.0))], [*employed, *contracted])
    s1, s2 = slot_in(p, WEEK_1), slot_in(p, WEEK_2)
    both_to_one = score(p, Plan((Assignment(1, s1, "E0"), Assignment(2, s2, "E0"))))
    assert both_to_one.days_above_share == 2  # E0 works 4 days, E1 none: mean 2, a whole inspection
    assert both_to_one.fairness == 40
    shared = score(p, Plan((Assignment(1, s1, "E0"), Assignment(2, s2, "E1"))))
    assert shared.fairness == 0.0
    contractor_alone = score(p, Plan((Assignment(1, s1, "C"),)))
    assert contractor_alone.fairness == 0.0  # the only contracted inspector is their kind's mean


def test_spreading_work_one_inspection_each_is_fair_however_few_of_the_employment_are_sent() -> None:
    """Three employed inspectors, two two-day inspections in one week: the mean is 4/3 days, but nobody can work
    4/3 days. One inspection each is as even as whole inspections allow, so it costs nothing (measured against the
    plain mean it cost 4/3 days, and sending fewer people of one employment looked fairer)."""
    employed = [person(f"E{n}", (52.0, -1.0)) for n in range(3)]
    p = problem([school(1, (52.0, -1.0)), school(2, (52.0, -1.0))], employed)
    s1 = slot_in(p, WEEK_1)
    one_each = score(p, Plan((Assignment(1, s1, "E0"), Assignment(2, s1, "E1"))))
    assert one_each.days_above_share == 0 and one_each.fairness == 0


@pytest.mark.parametrize(
    ("total", "people", "unit", "share"),
    [(0, 5, 2, 0), (4, 3, 2, 2), (6, 3, 2, 2), (7, 3, 2, 4), (578, 400, 2, 2), (9000, 1200, 2, 8), (5, 2, 1, 3)],
)
def test_the_fair_share_is_the_mean_rounded_up_to_whole_units(total: int, people: int, unit: int, share: int) -> None:
    assert fair_share(total, people, unit) == share


def test_the_hand_worked_swap_is_cheaper_than_the_greedy_choice() -> None:
    p = swap_problem()
    s1 = slot_in(p, WEEK_1)
    swap = score(p, Plan((Assignment(1, s1, "Y"), Assignment(2, s1, "X"))))
    nearest_first = score(p, Plan((Assignment(1, s1, "X"), Assignment(2, s1, "Y"))))
    assert swap.total == round(KM_PER_DEGREE / 2)
    assert nearest_first.total == round(KM_PER_DEGREE / 2) + round(KM_PER_DEGREE)
