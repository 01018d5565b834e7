"""Stored profiles as the domain's workforce records, and the readiness question planning asks of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from inspectorate.domain.readiness import readiness_reason
from inspectorate.domain.scheduling.workforce import Conflicts, Employment, Inspector, Leave, TrainingKind
from inspectorate.domain.scheduling.workforce import TrainingRecord as Training
from inspectorate.register.models import Establishment
from inspectorate.workforce.models import InspectorProfile

NO_HOME = (0.0, 0.0)  # a profile without a known district: travel cannot be estimated, and allocation says so


def profiles() -> QuerySet[InspectorProfile]:
    """Profiles with everything `inspector_record` reads, fetched in a handful of queries."""
    return InspectorProfile.objects.select_related("user").prefetch_related(
        "training_records", "leave_periods", "conflicts"
    )


def inspector_record(profile: InspectorProfile) -> Inspector:
    """The domain's view of one inspector: what allocation scores and what planning refuses by."""
    home = (profile.home_latitude, profile.home_longitude)
    conflicts = list(profile.conflicts.all())
    return Inspector(
        id=str(profile.user_id),
        name=profile.user.display_name,
        employment=Employment(profile.employment),
        home=home if home[0] is not None and home[1] is not None else NO_HOME,  # type: ignore[arg-type]
        phases=frozenset(profile.phases),
        specialisms=frozenset(profile.specialisms),
        may_lead=profile.may_lead,
        weekly_limit=profile.weekly_limit,
        leave=tuple(Leave(p.first_day, p.last_day, p.reason) for p in profile.leave_periods.all()),
        training=tuple(
            Training(TrainingKind(t.kind), t.completed_on, t.expires_on) for t in profile.training_records.all()
        ),
        conflicts=Conflicts(
            worked_at_urns=frozenset(c.urn for c in conflicts if c.urn is not None),
            trust_ids=frozenset(c.trust_uid for c in conflicts if c.trust_uid),
        ),
        generated=profile.is_generated,
    )


@dataclass(frozen=True)
class SchoolSeen:
    """A register school as a conflict of interest is judged against it."""

    urn: int
    trust_id: str | None


def school_seen(school: Establishment) -> SchoolSeen:
    return SchoolSeen(urn=school.urn, trust_id=school.trust_uid or None)


def readiness_refusal(user: object, school: Establishment, on: dt.date) -> str | None:
    """Why this person may not inspect the school from `on`, or None when they may.

    Someone with no workforce profile has no training or declared interests on record, so nobody can vouch
    that they are ready: they are refused, and told so, rather than waved through."""
    user_id = getattr(user, "pk", None)
    profile = profiles().filter(user_id=user_id).first() if user_id is not None else None
    if profile is None:
        name = getattr(user, "display_name", str(user))
        return f"{name} has no readiness record (training and declared interests) in the workforce list"
    return readiness_reason(inspector_record(profile), school_seen(school), on)
