"""An explainable priority: the sum of named factors, each with its points and a sentence a person can read.

The weights are Inspectorate's own, not Ofsted's (nothing public says how Ofsted orders its queue), so they are
policy data marked unverified. Points are whole numbers so that a priority is exactly the sum of its factors.
Only the overdue factors depend on "today", and both only grow as today moves later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from inspectorate.domain.scheduling.school import ReturnedInspection, ReturnReason, SchoolOnRegister
from inspectorate.domain.scheduling.standing import Standing


@dataclass(frozen=True)
class Factor:
    name: str
    points: int
    reason: str


@dataclass(frozen=True)
class PriorityWeights:
    per_week_overdue: int = 1
    past_statutory_latest: int = 50
    by_standing: dict[Standing, int] = field(
        default_factory=lambda: {
            Standing.INADEQUATE_SOLELY_FOR_SAFEGUARDING: 40,
            Standing.IN_CATEGORY: 40,
            Standing.INADEQUATE: 40,
            Standing.REQUIRES_IMPROVEMENT: 20,
            Standing.NEEDS_ATTENTION: 20,
        }
    )
    per_warning_notice: int = 15
    predecessor_urn: int = 10
    trust_change: int = 10
    never_inspected: int = 30
    by_return: dict[ReturnReason, int] = field(
        default_factory=lambda: {
            ReturnReason.DEFERRED: 25,
            ReturnReason.PAUSED_TOO_LONG: 30,
            ReturnReason.REFUSED_ENTRY: 40,
        }
    )
    source: str = "Inspectorate's own weighting; not an Ofsted rule"
    verified: bool = False


@dataclass(frozen=True)
class Situation:
    """What the factors read: the school, the rule's dates and the plan's start date."""

    school: SchoolOnRegister
    standing: Standing | None  # None: never graded
    due_date: dt.date
    statutory_latest: dt.date | None
    today: dt.date
    returned: tuple[ReturnedInspection, ...] = ()


def factors_for(situation: Situation, weights: PriorityWeights) -> tuple[Factor, ...]:
    return tuple(f for f in _all_factors(situation, weights) if f.points)


def _all_factors(s: Situation, w: PriorityWeights) -> Iterator[Factor]:
    yield from _overdue(s, w)
    if s.standing is not None and s.standing in w.by_standing:
        yield Factor("previous outcome", w.by_standing[s.standing], f"The latest graded inspection: {s.standing}.")
    if s.school.warning_notices:
        n = s.school.warning_notices
        yield Factor("warning notices", n * w.per_warning_notice, f"{n} warning notice(s) on the register.")
    if s.school.latest_graded and s.school.graded_was_of_predecessor:
        yield Factor("predecessor URN", w.predecessor_urn, "The latest graded inspection was of a predecessor school.")
    if s.school.trust_changed:
        yield Factor("trust change", w.trust_change, "The school has changed trust since it was last inspected.")
    if s.school.last_inspected is None:
        yield Factor("never inspected", w.never_inspected, "The school has never been inspected.")
    yield from _returns(s.returned, w)


def _overdue(s: Situation, w: PriorityWeights) -> Iterator[Factor]:
    late = (s.today - s.due_date).days
    if late > 0:
        weeks = late // 7
        yield Factor("overdue", weeks * w.per_week_overdue, f"Overdue by {late} days (due {s.due_date}).")
    if s.statutory_latest is not None and s.today > s.statutory_latest:
        yield Factor(
            "past the statutory latest date",
            w.past_statutory_latest,
            f"The statutory latest date, {s.statutory_latest}, has passed.",
        )


def _returns(returned: Iterable[ReturnedInspection], w: PriorityWeights) -> Iterator[Factor]:
    for r in returned:
        yield Factor(
            f"returned: {r.reason.name.lower()}",
            w.by_return[r.reason],
            f"Back in the queue on {r.returned_on}: {r.reason}.",
        )
