"""An allocation problem read from the database: the schools due, where they are, when they are shut, and who can go.

The pure builders (inspectorate/domain/scheduling/build.py) do the shaping; this module only reads: the register
(through `selectors.schools_on_register`), inspections sent back by the lifecycle, each school's calendar, and the
workforce, either the REAL one (the stored inspector profiles that are not generated) or a GENERATED, fictional one
made from a seed. Which it is travels with the result, because a plan made with generated people is an exercise.
See docs/adr/0021-plans-from-the-database-and-exercises.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from inspectorate.domain.bank_holidays import bank_holidays_for
from inspectorate.domain.readiness import training_policy_on
from inspectorate.domain.scheduling.allocation import Inspection, Problem
from inspectorate.domain.scheduling.build import (
    SchoolFacts,
    capacity,
    due_by,
    generated_shape,
    horizon_days,
    horizon_slots,
    inspections_from_queue,
    per_week,
    problem_of,
    within_capacity,
)
from inspectorate.domain.scheduling.generate import GENERATED_NOTICE, generate_workforce
from inspectorate.domain.scheduling.queue import DueEntry
from inspectorate.domain.scheduling.school import ReturnedInspection
from inspectorate.domain.scheduling.workforce import Inspector, Leave
from inspectorate.domain.workflow import BEFORE_ON_SITE, NOT_YET_PUBLISHED, State
from inspectorate.inspections.models import Inspection as LifecycleInspection
from inspectorate.inspections.models import TeamMember
from inspectorate.planning.selectors import due_queue_of, schools_on_register
from inspectorate.register.models import Establishment
from inspectorate.schoolcalendar.services import school_calendar
from inspectorate.workforce.records import NO_HOME, inspector_record, profiles

MAX_WEEKS = 52
FACT_FIELDS = ("urn", "latitude", "longitude", "phase", "ofsted_region", "trust_uid", "pupils")
# Inspections sent back (deferred, refused entry, left incomplete) return to the queue; any other not yet published
# is in hand, so its school is not planned again.
RETURNED_STATES = frozenset({State.DEFERRED, State.ENTRY_REFUSED, State.INCOMPLETE})
IN_HAND = frozenset(s.value for s in NOT_YET_PUBLISHED - RETURNED_STATES)
# Inspections whose team is (or will be) on site: their days are booked for allocation.
BOOKED = frozenset(s.value for s in BEFORE_ON_SITE | {State.ON_SITE, State.PAUSED})
REAL_NOTICE = "Real workforce: the inspector profiles held in Inspectorate (generated profiles left out)."


class WorkforceKind(StrEnum):
    REAL = "real"
    GENERATED = "generated"


class SchoolsKind(StrEnum):
    REGISTER = "register"  # the real schools of the register
    FICTIONAL = "fictional"  # the demo's fictional schools only


class Selection(StrEnum):
    CAPACITY = "capacity"  # the highest priority of the queue, as many as the workforce could staff
    DUE = "due"  # every school due on or before the horizon's last day
    NATIONAL_RATE = "national-rate"  # the highest priority, 155 a teaching week: England's rate in 2024/25


# 5,904 school inspections in 2024/25, about 155 a teaching week (the process reference, section 1).
NATIONAL_RATE_PER_WEEK = 155


class ProblemRefused(ValueError):
    """The problem cannot be built as asked: `field` names the option at fault, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class BuiltProblem:
    problem: Problem
    workforce: WorkforceKind
    workforce_notice: str
    schools: SchoolsKind
    queue_size: int  # schools in the queue on the start date, before choosing which to place
    names: dict[int, str]  # school names by URN, for every inspection in the problem
    fictional: frozenset[int]  # URNs of the problem's schools that are fictional
    notes: tuple[str, ...]  # things a scheduler should know (schools left out unlocated, inspectors with no home)
    # The queue entry of every inspection in the problem, by URN: why it is due and its priority, for the reasons.
    entries: Mapping[int, DueEntry] = field(default_factory=dict)

    @property
    def urns(self) -> tuple[int, ...]:
        return tuple(i.urn for i in self.problem.inspections)


def regions() -> list[str]:
    # Without the model's ordering, which DISTINCT would otherwise count in (one row per school, not per region).
    found = Establishment.objects.order_by().values_list("ofsted_region", flat=True).distinct()
    return sorted(r for r in found if r)


def _establishments(schools: SchoolsKind, region: str | None, urns: Iterable[int] | None):  # type: ignore[no-untyped-def]
    found = Establishment.objects.filter(is_fictional=schools is SchoolsKind.FICTIONAL)
    if region:
        if not Establishment.objects.filter(ofsted_region=region).exists():
            known = ", ".join(regions()) or "none: the register is empty"
            raise ProblemRefused("region", f"no school is in the Ofsted region {region!r}; the regions are: {known}")
        found = found.filter(ofsted_region=region)
    if urns is not None:
        found = found.filter(urn__in=list(urns))
    return found


def _facts(rows: Sequence[tuple[int, float | None, float | None, str, str, str, int | None]]) -> dict[int, SchoolFacts]:
    return {
        urn: SchoolFacts(urn, (lat, lon), phase, region, trust or None, pupils)
        for urn, lat, lon, phase, region, trust, pupils in rows
        if lat is not None and lon is not None
    }


def _on_site_days(start: dt.date, count: int) -> dt.date:
    """The last of `count` weekdays from `start` (an inspection's on-site days skip the weekend)."""
    day, left = start, max(1, count) - 1
    while left:
        day += dt.timedelta(days=1)
        left -= day.weekday() < 5
    return day


def _bookings(first: dt.date, last: dt.date, ignore: Collection[int]) -> dict[str, list[Leave]]:
    """Inspectors' days already taken by inspections in the lifecycle, as unavailability the solver respects."""
    booked: dict[str, list[Leave]] = {}
    rows = (
        TeamMember.objects.filter(
            inspection__state__in=BOOKED,
            inspection__starts_on__lte=last,
            inspection__starts_on__gte=first - dt.timedelta(days=7),
        )
        .exclude(inspection_id__in=list(ignore))
        .select_related("inspection")
    )
    for member in rows:
        inspection = member.inspection
        end = _on_site_days(inspection.starts_on, inspection.on_site_days_planned)
        if end >= first:
            leave = Leave(inspection.starts_on, end, f"already on {inspection.reference}")
            booked.setdefault(str(member.inspector_id), []).append(leave)
    return booked


def _real_workforce(first: dt.date, last: dt.date, ignore: Collection[int]) -> tuple[tuple[Inspector, ...], list[str]]:
    booked = _bookings(first, last, ignore)
    records = tuple(
        replace(r, leave=(*r.leave, *booked.get(r.id, ())))
        for r in (inspector_record(p) for p in profiles().filter(is_generated=False).order_by("user_id"))
    )
    if not records:
        raise ProblemRefused(
            "workforce", "there are no real inspector profiles: add them in the workforce list, or plan an exercise"
        )
    homeless = [p.name for p in records if p.home == NO_HOME]
    notes = (
        [f"No home district recorded for {', '.join(homeless)}: travel from them cannot be estimated fairly"]
        if homeless
        else []
    )
    return records, notes


def _closed_days(school: Establishment, first: dt.date, last: dt.date) -> frozenset[dt.date]:
    """Every day in the horizon the school is shut: bank holidays and any holiday or closure in its calendar (a
    half-term counts here, though it does not stop the working-day clock: nobody inspects an empty school)."""
    calendar = school_calendar(school).calendar
    shut = {d for d in calendar.bank_holidays if first <= d <= last}
    for holiday in calendar.school_holidays:
        if holiday.last_day >= first and holiday.first_day <= last:
            shut.update(d for d in holiday.days() if first <= d <= last)
    return frozenset(shut)


def _with_closures(inspections: Sequence[Inspection], first: dt.date, last: dt.date) -> tuple[Inspection, ...]:
    schools = {s.urn: s for s in Establishment.objects.filter(urn__in=[i.urn for i in inspections])}
    return tuple(replace(i, closed_days=_closed_days(schools[i.urn], first, last)) for i in inspections)


def build_problem(
    *,
    starts_on: dt.date,
    weeks: int,
    region: str | None = None,
    workforce: WorkforceKind | str = WorkforceKind.REAL,
    schools: SchoolsKind | str = SchoolsKind.REGISTER,
    selection: Selection | str = Selection.CAPACITY,
    seed: int = 0,
    urns: Sequence[int] | None = None,
    returned: Sequence[ReturnedInspection] | None = None,
    own_inspections: Collection[int] = (),
) -> BuiltProblem:
    """The problem for a horizon of `weeks` from `starts_on` (the plan's "today"), optionally one Ofsted region.

    `urns` fixes the schools (a re-plan rebuilds its plan's problem so); otherwise `selection` chooses from the
    queue. `returned` defaults to the inspections the lifecycle sent back by the start date. Inspectors' days on
    inspections in the lifecycle are booked, except on `own_inspections` (a re-plan's own). Raises ProblemRefused.
    """
    try:
        kind, scope, choose = WorkforceKind(workforce), SchoolsKind(schools), Selection(selection)
    except ValueError as error:
        raise ProblemRefused("options", str(error)) from None
    if not 1 <= weeks <= MAX_WEEKS:
        raise ProblemRefused("weeks", f"the horizon must be 1 to {MAX_WEEKS} weeks (got {weeks})")
    first, last = horizon_days(starts_on, weeks)
    in_scope = _establishments(scope, region, urns)
    # A generated workforce lives near every school in scope, planned or not, as the national one does.
    all_sites = _facts(list(in_scope.values_list(*FACT_FIELDS)))
    in_hand = set(
        LifecycleInspection.objects.filter(state__in=IN_HAND, establishment__in=in_scope).values_list(
            "establishment__urn", flat=True
        )
    )
    if urns is None and in_hand:
        in_scope = in_scope.exclude(urn__in=in_hand)
    rows = list(in_scope.values_list(*FACT_FIELDS))
    if not rows:
        raise ProblemRefused("schools", f"no {scope.value} school matches (region: {region or 'all'})")
    facts = _facts(rows)
    whole_register = scope is SchoolsKind.REGISTER and not region and urns is None
    # The whole register is read without a list of 22,000 URNs in the query; anything narrower by its URNs.
    register = (
        schools_on_register() if whole_register else schools_on_register(include_fictional=True, urns=list(facts))
    )
    queue = due_queue_of(register, starts_on, returned)
    notes = []
    if urns is None and in_hand:
        notes.append(f"{len(in_hand)} school(s) left out with an inspection already in hand (planned to finalised)")
    wanted = {r[0] for r in rows}
    queue = tuple(e for e in queue if e.urn in wanted)  # the whole register's read includes schools in hand
    unlocated = [e.urn for e in queue if e.urn not in facts]
    if unlocated:
        notes.append(
            f"{len(unlocated)} school(s) left out with no known location: URN {', '.join(map(str, unlocated))}"
        )
    if kind is WorkforceKind.REAL:
        people, homeless = _real_workforce(first, last, own_inspections)
        notes += homeless
        notice = REAL_NOTICE
    else:
        sites = [f.site() for f in all_sites.values()]
        people = generate_workforce(sites, seed=seed, today=starts_on, shape=generated_shape(len(sites)))
        notice = GENERATED_NOTICE
    holidays = bank_holidays_for(range(first.year, last.year + 1))
    slots = horizon_slots(starts_on, weeks, closed=lambda d: d in holidays)
    if not slots:
        raise ProblemRefused("from", f"no inspection week fits between {first} and {last} (bank holidays)")
    candidates = inspections_from_queue(queue, facts)
    if urns is not None:
        chosen = candidates
    elif choose is Selection.CAPACITY:
        chosen = within_capacity(candidates, capacity(people, slots))
    elif choose is Selection.NATIONAL_RATE:
        chosen = per_week(candidates, NATIONAL_RATE_PER_WEEK, slots)
    else:
        chosen = due_by(candidates, last)
    chosen = _with_closures(chosen, first, last)
    problem = problem_of(chosen, people, slots, required_training=training_policy_on(starts_on).required)
    names = dict(Establishment.objects.filter(urn__in=[i.urn for i in chosen]).values_list("urn", "name"))
    fictional = frozenset(
        Establishment.objects.filter(urn__in=list(names), is_fictional=True).values_list("urn", flat=True)
    )
    placing = {i.urn for i in chosen}
    entries = {e.urn: e for e in queue if e.urn in placing}
    return BuiltProblem(problem, kind, notice, scope, len(queue), names, fictional, tuple(notes), entries)
