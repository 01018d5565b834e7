"""Building an allocation problem from the queue of schools due: shared by the benchmark and the planning app.

Whatever the source of the schools (the shipped register file for the benchmark, the database for the planning
app), the same steps follow: the horizon's candidate slots, each due school made an `Inspection` with where it is
and what it needs, a choice of which of the queue to place, and (where the real list is not to be used) a generated
workforce sized to the schools. Pure: no Django, no files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from inspectorate.domain.scheduling.allocation import (
    Inspection,
    Problem,
    Slot,
    SlotPattern,
    TeamSizes,
    candidate_slots,
    inspection_from_due,
    staffable,
)
from inspectorate.domain.scheduling.generate import SchoolSite, WorkforceShape
from inspectorate.domain.scheduling.queue import DueEntry
from inspectorate.domain.scheduling.workforce import (
    DEFAULT_REQUIRED_TRAINING,
    Inspector,
    Point,
    TrainingKind,
)

# About this many state-funded schools are on the register; the default generated workforce (400 employed,
# 1,200 contracted) is sized for all of them, and scaled down for fewer.
NATIONAL_SCHOOLS = 22_000
NATIONAL_SHAPE = WorkforceShape()


@dataclass(frozen=True)
class SchoolFacts:
    """What allocation needs to know about a school besides its queue entry."""

    urn: int
    location: Point
    phase: str
    region: str = ""
    trust_id: str | None = None
    pupils: int | None = None
    closed_days: frozenset[dt.date] = frozenset()  # its own holidays and closures within the horizon

    def site(self) -> SchoolSite:
        return SchoolSite(self.urn, self.location, self.phase, self.trust_id)


def horizon_days(start: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a horizon of whole weeks from `start`."""
    if weeks < 1:
        raise ValueError(f"a horizon is at least one week (got {weeks})")
    return start, start + dt.timedelta(days=7 * weeks - 1)


def horizon_slots(
    start: dt.date,
    weeks: int,
    closed: Callable[[dt.date], bool] = lambda day: False,
    patterns: Iterable[SlotPattern] = (SlotPattern(),),
) -> tuple[Slot, ...]:
    """The candidate slots of the horizon, leaving out any touching a day the shared calendar closes."""
    first, last = horizon_days(start, weeks)
    return candidate_slots(first, last, patterns, closed=closed)


def inspections_from_queue(
    queue: Iterable[DueEntry], facts: Mapping[int, SchoolFacts], sizes: TeamSizes | None = None
) -> tuple[Inspection, ...]:
    """Each queue entry with the facts about its school, in queue order. An entry without facts is left out:
    a school nobody can locate cannot be costed for travel (the caller reports which)."""
    sizes = sizes or TeamSizes()
    found = []
    for entry in queue:
        about = facts.get(entry.urn)
        if about is None:
            continue
        found.append(
            inspection_from_due(
                entry,
                location=about.location,
                need=about.phase,
                team_size=sizes.for_pupils(about.pupils),
                trust_id=about.trust_id,
                region=about.region,
                closed_days=about.closed_days,
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class Capacity:
    """How much inspecting the workforce can do in the horizon, ignoring distance and conflicts: an upper limit."""

    leads: int  # inspections that could be led: the weekly limits of those who may lead, week by week
    places: int  # inspector places in teams: everyone's weekly limits, week by week
    largest_team: int = 0  # the most people available in any one week: no larger team can ever be sent


def capacity(workforce: Sequence[Inspector], slots: Sequence[Slot]) -> Capacity:
    """Week by week, the weekly limits of everyone not away on any on-site day of that week's slots."""
    weeks: dict[dt.date, set[dt.date]] = {}
    for slot in slots:
        weeks.setdefault(slot.week, set()).update(slot.on_site)
    leads = places = largest = 0
    for days in weeks.values():
        here = [p for p in workforce if not any(p.away_on(day) for day in days)]
        places += sum(p.weekly_limit for p in here)
        leads += sum(p.weekly_limit for p in here if p.can_lead)
        largest = max(largest, len(here))
    return Capacity(leads, places, largest)


def within_capacity(inspections: Sequence[Inspection], room: Capacity) -> tuple[Inspection, ...]:
    """The queue in order (highest priority first), each taken while a lead is left and its team fits in the
    places left; one whose team does not fit is passed over for smaller ones after it, never for larger.

    A school needing a larger team than any week can field is taken without counting against the capacity: no
    plan can cover it, and the plan says so and why, rather than leaving it silently out (as many of these as
    there are leads, so a long run of them cannot swamp the problem).
    """
    chosen: list[Inspection] = []
    places = counted = too_large = 0
    for inspection in inspections:
        if counted >= room.leads:
            break
        if inspection.team_size > room.largest_team:
            if too_large < room.leads:
                too_large += 1
                chosen.append(inspection)
        elif places + inspection.team_size <= room.places:
            counted += 1
            chosen.append(inspection)
            places += inspection.team_size
    return tuple(chosen)


def due_by(inspections: Sequence[Inspection], last_day: dt.date) -> tuple[Inspection, ...]:
    """Every inspection due on or before the horizon's last day, in queue order."""
    return tuple(i for i in inspections if i.due_date <= last_day)


def per_week(inspections: Sequence[Inspection], count: int, slots: Sequence[Slot]) -> tuple[Inspection, ...]:
    """The first `count` a week of the queue (the benchmark's national rate, about 155 a teaching week)."""
    weeks = len({slot.week for slot in slots})
    return tuple(inspections[: count * weeks])


def generated_shape(schools: int) -> WorkforceShape:
    """A generated workforce in proportion to the schools it serves: the national shape for the whole register,
    and never fewer than 10 employed and 20 contracted, so a handful of schools still has qualified people without
    a conflict (each generated inspector has a good chance of having worked at the school they live near)."""
    share = min(1.0, schools / NATIONAL_SCHOOLS)
    return WorkforceShape(
        employed=max(10, round(NATIONAL_SHAPE.employed * share)),
        contracted=max(20, round(NATIONAL_SHAPE.contracted * share)),
    )


def problem_of(
    inspections: Sequence[Inspection],
    workforce: Sequence[Inspector],
    slots: Sequence[Slot],
    required_training: frozenset[TrainingKind] = DEFAULT_REQUIRED_TRAINING,
) -> Problem:
    return Problem(tuple(inspections), tuple(workforce), tuple(slots), required_training=required_training)


def unplaced_reason(problem: Problem, inspection: Inspection) -> str:
    """Why a plan left the school out, in words a scheduler can act on: nobody qualified, no week anyone could
    go, or every team that could go was needed elsewhere."""
    eligible = problem.eligible_index(inspection)
    if len(eligible) < inspection.team_size:
        return (
            f"only {len(eligible)} inspector(s) have {inspection.need} experience and no conflict of interest; "
            f"the school needs a team of {inspection.team_size}"
        )
    if not problem.can_lead_mask()[eligible].any():
        return f"no inspector with {inspection.need} experience and no conflict of interest may lead"
    if not any(staffable(problem, inspection, slot) for slot in problem.slots):
        return (
            "in no week of the horizon is the school open and unblocked with a full team present and trained "
            "(leave, training and closures)"
        )
    return "every team that could go was needed at schools with a stronger claim in the weeks it could take"
