"""The workforce's use cases: an inspector's profile, a training record, a declared conflict of interest.

Each is one transaction, checks who is asking, appends rows (a record is never edited: a renewal is a new record)
and writes an audit entry."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.domain.register.outcodes import outcode_of
from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.workforce import Employment, TrainingKind
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound
from inspectorate.inspections.selectors import roles_of
from inspectorate.register.models import Establishment
from inspectorate.register.services.sources import outcode_centres
from inspectorate.workforce.access import may_record_readiness
from inspectorate.workforce.models import ConflictOfInterest, InspectorProfile, TrainingRecord

INSPECTOR_ROLES = frozenset({Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR})
TRUST_UID_LENGTH = 20
REASON_LENGTH = 1000


def _recorder(user: Any) -> None:
    if not may_record_readiness(user):
        raise NotAllowed("Only a scheduler or an administrator may record an inspector's training or interests.")


def _profile(inspector_id: int) -> InspectorProfile:
    profile = InspectorProfile.objects.select_related("user").filter(user_id=inspector_id).first()
    if profile is None:
        raise NotFound(f"There is no inspector profile for user {inspector_id}.")
    return profile


@functools.cache
def _centres() -> dict[str, tuple[float, float]]:
    return dict(outcode_centres().centres)


def _home(district: str) -> tuple[str, float | None, float | None]:
    outcode = outcode_of(f"{district} 1AA") if district.strip() else ""
    centre = _centres().get(outcode) if outcode else None
    if outcode and centre is None:
        raise InvalidInput({"home_district": f"{district!r} is not a postcode district we know, such as RG4"})
    return outcode, *(centre or (None, None))


@transaction.atomic
def inspector_profile_save(
    *,
    user: Any,
    inspector: Any,
    employment: Employment,
    may_lead: bool = False,
    home_district: str = "",
    phases: Sequence[str] = (),
    specialisms: Sequence[str] = (),
    weekly_limit: int = 1,
    is_generated: bool = False,
    now: dt.datetime | None = None,
) -> InspectorProfile:
    """Create or update the profile of a lead or team inspector. Training and interests are recorded separately."""
    _recorder(user)
    if not roles_of(inspector) & INSPECTOR_ROLES:
        raise InvalidInput({"inspector": f"{inspector.display_name} is not a lead or team inspector"})
    if not 1 <= weekly_limit <= 5:
        raise InvalidInput({"weekly_limit": "must be between 1 and 5 inspections a week"})
    district, latitude, longitude = _home(home_district)
    moment = now or timezone.now()
    fields = {
        "employment": Employment(employment).value,
        "may_lead": may_lead,
        "home_district": district,
        "home_latitude": latitude,
        "home_longitude": longitude,
        "phases": sorted(set(phases)),
        "specialisms": sorted(set(specialisms)),
        "weekly_limit": weekly_limit,
        "is_generated": is_generated,
    }
    profile, created = InspectorProfile.objects.update_or_create(
        user=inspector, defaults=fields, create_defaults={**fields, "created_at": moment}
    )
    audit_record(
        action="workforce.profile_created" if created else "workforce.profile_updated",
        actor=user,
        object_type="inspector",
        object_id=inspector.pk,
        details={"employment": profile.employment, "may_lead": may_lead, "home_district": district},
        at=moment,
    )
    return profile


@transaction.atomic
def training_record_add(
    *,
    user: Any,
    inspector_id: int,
    kind: str,
    completed_on: dt.date,
    expires_on: dt.date,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> TrainingRecord:
    """Record a completed course. Raises InvalidInput naming the field at fault."""
    _recorder(user)
    profile = _profile(inspector_id)
    moment = now or timezone.now()
    day = today or timezone.localdate(moment)
    errors: dict[str, str] = {}
    if kind not in set(TrainingKind):
        errors["kind"] = "choose the kind of training from the list"
    if completed_on > day:
        errors["completed_on"] = "must be today or in the past"
    if expires_on < completed_on:
        errors["expires_on"] = "must be on or after the day the training was completed"
    if errors:
        raise InvalidInput(errors)
    record = TrainingRecord.objects.create(
        inspector=profile,
        kind=kind,
        completed_on=completed_on,
        expires_on=expires_on,
        recorded_by=user,
        recorded_at=moment,
    )
    audit_record(
        action="workforce.training_recorded",
        actor=user,
        object_type="inspector",
        object_id=inspector_id,
        details={"kind": kind, "completed_on": completed_on.isoformat(), "expires_on": expires_on.isoformat()},
        at=moment,
    )
    return record


def _conflict_errors(urn: int | None, trust_uid: str, reason: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if urn is None and not trust_uid:
        errors["urn"] = "enter the URN of the school, or the trust's identifier below"
    if urn is not None and trust_uid:
        errors["trust_uid"] = "record a school or a trust, not both at once"
    if urn is not None and not Establishment.objects.filter(urn=urn).exists():
        errors["urn"] = f"no school in the register has URN {urn}"
    if len(trust_uid) > TRUST_UID_LENGTH:
        errors["trust_uid"] = f"must be {TRUST_UID_LENGTH} characters or fewer"
    if not reason:
        errors["reason"] = "say what the connection is, such as 'deputy head there until 2021'"
    elif len(reason) > REASON_LENGTH:
        errors["reason"] = f"must be {REASON_LENGTH} characters or fewer"
    return errors


@transaction.atomic
def conflict_record_add(
    *,
    user: Any,
    inspector_id: int,
    reason: str,
    urn: int | None = None,
    trust_uid: str = "",
    now: dt.datetime | None = None,
) -> ConflictOfInterest:
    """Record a declared interest in a school (by URN) or a trust (by its identifier, as the register gives it)."""
    _recorder(user)
    profile = _profile(inspector_id)
    trust_uid, reason = trust_uid.strip(), reason.strip()
    errors = _conflict_errors(urn, trust_uid, reason)
    if errors:
        raise InvalidInput(errors)
    moment = now or timezone.now()
    conflict = ConflictOfInterest.objects.create(
        inspector=profile, urn=urn, trust_uid=trust_uid, reason=reason, recorded_by=user, recorded_at=moment
    )
    audit_record(
        action="workforce.conflict_recorded",
        actor=user,
        object_type="inspector",
        object_id=inspector_id,
        details={"urn": urn, "trust_uid": trust_uid, "reason": reason},
        at=moment,
    )
    return conflict
