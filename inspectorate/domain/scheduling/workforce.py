"""The inspection workforce: who can be sent to which school, and why someone cannot.

One model for the whole product: national allocation reads it, and the lifecycle's readiness checks on an
inspection team are meant to read the same records. Every refusal is a sentence, so a planner (or the audit
trail) can say why an inspector was not sent, not just that they were not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

type Point = tuple[float, float]  # latitude, longitude in degrees


class Employment(StrEnum):
    EMPLOYED = "employed"  # His Majesty's Inspectors: may always lead
    CONTRACTED = "contracted"  # Ofsted Inspectors: lead only when allowed to


class TrainingKind(StrEnum):
    SAFEGUARDING = "safeguarding"
    MENTAL_HEALTH_AWARENESS = "mental-health awareness"
    FRAMEWORK = "current framework"
    LEADING = "leading inspections"


# What every inspector on site must hold; leading inspections is not required by default (the lead rule covers it).
DEFAULT_REQUIRED_TRAINING = frozenset(
    {TrainingKind.SAFEGUARDING, TrainingKind.MENTAL_HEALTH_AWARENESS, TrainingKind.FRAMEWORK}
)


@dataclass(frozen=True)
class Leave:
    """Days an inspector cannot work (leave, another commitment, a contracted inspector not offering), inclusive."""

    first_day: dt.date
    last_day: dt.date
    reason: str = "leave"

    def __post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise ValueError(f"leave ends ({self.last_day}) before it starts ({self.first_day})")

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class TrainingRecord:
    kind: TrainingKind
    completed_on: dt.date
    expires_on: dt.date  # the last day it still counts


@dataclass(frozen=True)
class Conflicts:
    """Declared interests: schools the inspector worked at, and trusts they are connected with."""

    worked_at_urns: frozenset[int] = frozenset()
    trust_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Inspector:
    id: str
    name: str
    employment: Employment
    home: Point
    phases: frozenset[str]  # the register's phase names the inspector is experienced in ("Primary", ...)
    specialisms: frozenset[str] = frozenset()
    may_lead: bool = False  # for a contracted inspector; an employed one may always lead
    weekly_limit: int = 1  # inspections in one week (Monday to Sunday)
    leave: tuple[Leave, ...] = ()
    training: tuple[TrainingRecord, ...] = ()
    conflicts: Conflicts = field(default_factory=Conflicts)
    generated: bool = False  # a fictional record from generate.py, never a real person

    @property
    def can_lead(self) -> bool:
        return self.employment is Employment.EMPLOYED or self.may_lead

    def knows(self, need: str) -> bool:
        """Whether the inspector has the phase or specialism a school needs."""
        return need in self.phases or need in self.specialisms

    def away_on(self, day: dt.date) -> Leave | None:
        return next((leave for leave in self.leave if leave.covers(day)), None)


class SchoolSeen(Protocol):
    """What a conflict of interest is judged against: the school and the trust it belongs to (if any)."""

    @property
    def urn(self) -> int: ...

    @property
    def trust_id(self) -> str | None: ...


def conflict_reason(inspector: Inspector, school: SchoolSeen) -> str | None:
    """Why the inspector must not inspect the school, or None when no declared interest stands in the way."""
    if school.urn in inspector.conflicts.worked_at_urns:
        return f"{inspector.name} worked at URN {school.urn}"
    if school.trust_id and school.trust_id in inspector.conflicts.trust_ids:
        return f"{inspector.name} is connected with trust {school.trust_id}, which runs URN {school.urn}"
    return None


def training_reason(inspector: Inspector, on: dt.date, required_kinds: Collection[TrainingKind]) -> str | None:
    """Why the inspector's training does not let them inspect on `on`, or None when every required kind is current.

    A kind counts when some record of it was completed by `on` and has not expired before it.
    """
    for kind in sorted(required_kinds):
        records = [r for r in inspector.training if r.kind is kind and r.completed_on <= on]
        if not records:
            return f"{inspector.name} has no {kind} training on record"
        latest = max(records, key=lambda r: r.expires_on)
        if latest.expires_on < on:
            return f"{inspector.name}'s {kind} training expired on {latest.expires_on}"
    return None
