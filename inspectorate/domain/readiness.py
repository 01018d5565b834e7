"""Inspector readiness: whether a person may be sent to inspect a school on a day, and if not, why.

The refusals are the workforce model's own (`training_reason`, `conflict_reason` in scheduling/workforce.py), so
national allocation and the lifecycle's planning refuse the same people for the same words. What changes with
policy is which training is required: that is data with an effective date, here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from inspectorate.domain.scheduling.workforce import (
    Inspector,
    SchoolSeen,
    TrainingKind,
    conflict_reason,
    training_reason,
)


@dataclass(frozen=True)
class TrainingPolicy:
    """The training every inspector on site must hold, from `effective_from` until the next policy replaces it."""

    effective_from: dt.date
    required: frozenset[TrainingKind]
    source: str
    verified: bool


TRAINING_POLICIES: tuple[TrainingPolicy, ...] = (
    TrainingPolicy(
        effective_from=dt.date(2019, 9, 1),
        required=frozenset({TrainingKind.SAFEGUARDING, TrainingKind.FRAMEWORK}),
        source="Inspectorate's baseline: safeguarding and the framework in force (EIF from September 2019)",
        verified=False,
    ),
    TrainingPolicy(
        # Inspections resumed on 22 January 2024 once every lead inspector had mental-health awareness training
        # (the process reference, "Ofsted's response"). Inspectorate asks it of everyone on site, not only leads.
        effective_from=dt.date(2024, 1, 22),
        required=frozenset({TrainingKind.SAFEGUARDING, TrainingKind.FRAMEWORK, TrainingKind.MENTAL_HEALTH_AWARENESS}),
        source="Inspections resumed 22 January 2024 after mental-health awareness training (process reference)",
        verified=False,
    ),
)


def training_policy_on(day: dt.date, policies: Sequence[TrainingPolicy] = TRAINING_POLICIES) -> TrainingPolicy:
    """The policy in force on `day`: the latest to have taken effect. Before the first, the first applies."""
    in_force = [p for p in policies if p.effective_from <= day]
    return max(in_force, key=lambda p: p.effective_from) if in_force else min(policies, key=lambda p: p.effective_from)


class TrainingStatus(StrEnum):
    CURRENT = "current"
    EXPIRING = "expiring"  # current, but runs out within the warning period
    EXPIRED = "expired"
    MISSING = "missing"


EXPIRY_WARNING = dt.timedelta(days=60)


def training_status(
    inspector: Inspector, kind: TrainingKind, on: dt.date, warning: dt.timedelta = EXPIRY_WARNING
) -> tuple[TrainingStatus, dt.date | None]:
    """How one kind of training stands on `on`, with the day it expires (or expired) when there is a record."""
    records = [r for r in inspector.training if r.kind is kind and r.completed_on <= on]
    if not records:
        return TrainingStatus.MISSING, None
    expires = max(r.expires_on for r in records)
    if expires < on:
        return TrainingStatus.EXPIRED, expires
    if expires - on <= warning:
        return TrainingStatus.EXPIRING, expires
    return TrainingStatus.CURRENT, expires


def overall_status(inspector: Inspector, on: dt.date, policy: TrainingPolicy | None = None) -> TrainingStatus:
    """The worst standing among the required kinds: what a list of inspectors shows in one word."""
    required = (policy or training_policy_on(on)).required
    order = [TrainingStatus.MISSING, TrainingStatus.EXPIRED, TrainingStatus.EXPIRING, TrainingStatus.CURRENT]
    found = {training_status(inspector, kind, on)[0] for kind in required}
    return next((s for s in order if s in found), TrainingStatus.CURRENT)


def readiness_reason(inspector: Inspector, school: SchoolSeen, on: dt.date) -> str | None:
    """Why the inspector must not inspect `school` from `on`, or None when they may.

    A declared interest comes first: no training fixes it, while missing training can be put right."""
    return conflict_reason(inspector, school) or training_reason(inspector, on, training_policy_on(on).required)
