"""A generated national workforce for the demo and the benchmark: fictional people, never real inspectors.

The real list of inspectors is not public, so this makes one of the right shape from a seed: several hundred
employed inspectors (His Majesty's Inspectors) and over a thousand contracted ones (Ofsted Inspectors), living
near schools (each home is a school's location moved a few kilometres), so homes spread as schools do. Every
record has `generated=True` and a name saying it is generated; anything that shows these must say so too.
The same seed and schools always give the same workforce.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from inspectorate.domain.scheduling.workforce import (
    Conflicts,
    Employment,
    Inspector,
    Leave,
    Point,
    TrainingKind,
    TrainingRecord,
)

GENERATED_NOTICE = "Generated, fictional workforce: no record describes a real inspector."
KM_PER_DEGREE_LATITUDE = 111.0
OTHER_PHASES = {"Primary": "Nursery", "Secondary": "PRU", "Special": "PRU", "Nursery": "Primary", "PRU": "Secondary"}
SPECIALISMS = ("SEND", "Early years", "Sixth form", "Alternative provision")


@dataclass(frozen=True)
class SchoolSite:
    """What the generator needs to know about a school: where it is, its phase, its trust (for conflicts)."""

    urn: int
    location: Point
    phase: str = "Primary"
    trust_id: str | None = None


@dataclass(frozen=True)
class WorkforceShape:
    employed: int = 400
    contracted: int = 1200
    contracted_may_lead: float = 0.25
    home_spread_km: float = 8.0  # standard deviation of a home's distance from the school it is drawn near
    expired_training: float = 0.04  # share of inspectors with one required course lapsed
    trust_connection: float = 0.3  # share of those near an academy who are connected with its trust


def generate_workforce(
    schools: Sequence[SchoolSite], *, seed: int, today: dt.date, shape: WorkforceShape | None = None
) -> tuple[Inspector, ...]:
    """The workforce for a plan starting `today` (leave falls in the year from it; training is dated around it)."""
    if not schools:
        raise ValueError("a workforce is generated near schools: give at least one")
    shape = shape or WorkforceShape()
    rng = random.Random(seed)  # noqa: S311 -- reproducible fiction, not secrecy
    kinds = [Employment.EMPLOYED] * shape.employed + [Employment.CONTRACTED] * shape.contracted
    return tuple(_one(rng, n, kind, schools, today, shape) for n, kind in enumerate(kinds, start=1))


def _one(
    rng: random.Random, n: int, kind: Employment, schools: Sequence[SchoolSite], today: dt.date, shape: WorkforceShape
) -> Inspector:
    anchor = rng.choice(schools)  # the school the inspector lives near, and (often) once worked at
    phases = {anchor.phase}
    if rng.random() < 0.35:
        phases.add(OTHER_PHASES.get(anchor.phase, "Primary"))
    employed = kind is Employment.EMPLOYED
    label = "HMI" if employed else "OI"
    return Inspector(
        id=f"G{label}{n:05d}",
        name=f"Generated {label} {n:05d} (fictional)",
        employment=kind,
        home=_near(rng, anchor.location, shape.home_spread_km),
        phases=frozenset(phases),
        specialisms=frozenset(rng.sample(SPECIALISMS, k=rng.choice([0, 0, 1, 2]))),
        may_lead=employed or rng.random() < shape.contracted_may_lead,
        weekly_limit=1,
        leave=_leave(rng, today, employed),
        training=_training(rng, today, shape.expired_training),
        conflicts=_conflicts(rng, anchor, schools, shape.trust_connection),
        generated=True,
    )


def _near(rng: random.Random, point: Point, spread_km: float) -> Point:
    lat, lon = point
    north, east = rng.gauss(0, spread_km), rng.gauss(0, spread_km)
    km_per_degree_longitude = KM_PER_DEGREE_LATITUDE * max(0.2, math.cos(math.radians(lat)))
    return (round(lat + north / KM_PER_DEGREE_LATITUDE, 5), round(lon + east / km_per_degree_longitude, 5))


def _leave(rng: random.Random, today: dt.date, employed: bool) -> tuple[Leave, ...]:
    """Employed: a few weeks' leave in term time spread over the year. Contracted: also weeks not offered."""
    blocks = [Leave(*_week_from(rng, today), "annual leave") for _ in range(rng.randint(1, 3))]
    if not employed:
        blocks += [Leave(*_week_from(rng, today), "not offered for inspection") for _ in range(rng.randint(4, 12))]
    return tuple(sorted(blocks, key=lambda b: b.first_day))


def _week_from(rng: random.Random, today: dt.date) -> tuple[dt.date, dt.date]:
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=rng.randrange(0, 52))
    return monday, monday + dt.timedelta(days=4)


def _training(rng: random.Random, today: dt.date, expired_share: float) -> tuple[TrainingRecord, ...]:
    records = []
    lapsed = rng.choice(list(TrainingKind)) if rng.random() < expired_share else None
    for kind in TrainingKind:
        done = today - dt.timedelta(days=rng.randrange(30, 700))
        if kind is lapsed:
            expires = today - dt.timedelta(days=rng.randrange(1, 90))
            done = min(done, expires - dt.timedelta(days=365))
        else:
            expires = max(done + dt.timedelta(days=3 * 365), today + dt.timedelta(days=rng.randrange(400, 900)))
        records.append(TrainingRecord(kind, done, expires))
    return tuple(records)


def _conflicts(rng: random.Random, anchor: SchoolSite, schools: Sequence[SchoolSite], share: float) -> Conflicts:
    worked = {anchor.urn} if rng.random() < 0.6 else set()
    worked |= {rng.choice(schools).urn for _ in range(rng.randint(0, 2))}
    trusts = {anchor.trust_id} if anchor.trust_id and rng.random() < share else set()
    return Conflicts(frozenset(worked), frozenset(t for t in trusts if t))
