"""Planning an inspection: a school, a start date, a lead inspector and a team. The framework follows the date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.audit.services import audit_record
from inspectorate.domain.frameworks import framework_on
from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import State
from inspectorate.inspections.errors import InvalidInput, NotAllowed
from inspectorate.inspections.models import Inspection, StateChange, TeamMember
from inspectorate.inspections.selectors import roles_of
from inspectorate.register.models import Establishment
from inspectorate.workforce.records import readiness_refusal

PLANNERS = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR})


def _inspector(username: str, field: str, role: Role) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise InvalidInput({field: f"there is no active user {username!r}"})
    if role not in roles_of(user) and not (role == Role.TEAM_INSPECTOR and Role.LEAD_INSPECTOR in roles_of(user)):
        raise InvalidInput({field: f"{user.display_name} is not a {role.value.lower()}"})
    return user


def _check_readiness(school: Establishment, starts_on: dt.date, lead: User, members: Sequence[User]) -> None:
    """Refuse anyone whose required training is missing or lapsed on the first on-site day, or who declared an
    interest in the school or its trust (inspectorate/domain/readiness.py: the scheduler refuses by the same rules)."""
    errors: dict[str, str] = {}
    if reason := readiness_refusal(lead, school, starts_on):
        errors["lead"] = reason
    team_reasons = [r for m in dict.fromkeys(members) if (r := readiness_refusal(m, school, starts_on))]
    if team_reasons:
        errors["team"] = "; ".join(team_reasons)
    if errors:
        raise InvalidInput(errors)


def inspection_plan(
    *,
    user: Any,
    urn: int,
    starts_on: dt.date,
    lead: str,
    team: Sequence[str] = (),
    on_site_days: int = 2,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Inspection:
    """Plan an inspection (state "planned"). Raises NotAllowed or InvalidInput naming the field at fault, including
    an inspector who is not ready for this school on this day (training or a declared interest)."""
    if not roles_of(user) & PLANNERS:
        raise NotAllowed("Only a scheduler or an administrator may plan an inspection.")
    moment = now or timezone.now()
    day = today or timezone.localdate(moment)
    errors: dict[str, str] = {}
    school = Establishment.objects.filter(urn=urn).first()
    if school is None:
        errors["urn"] = f"no school in the register has URN {urn}"
    elif settings.INSPECTORATE_DEMO and not school.is_fictional:
        errors["urn"] = (
            f"{school.name} is a real school: the demo plans inspections only for its fictional schools, so that no "
            "invented inspection is ever attached to a real one"
        )
    if starts_on <= day:
        errors["starts_on"] = "must be after today"
    if not 1 <= on_site_days <= 5:
        errors["on_site_days"] = "must be between 1 and 5"
    if errors or school is None:
        raise InvalidInput(errors)
    lead_user = _inspector(lead, "lead", Role.LEAD_INSPECTOR)
    members = [_inspector(name, "team", Role.TEAM_INSPECTOR) for name in team if name and name != lead]
    _check_readiness(school, starts_on, lead_user, members)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            establishment=school,
            framework_code=framework_on(starts_on).code,
            starts_on=starts_on,
            on_site_days_planned=on_site_days,
            created_by=user,
        )
        TeamMember.objects.create(inspection=inspection, inspector=lead_user, capacity=TeamMember.Capacity.LEAD)
        for member in dict.fromkeys(members):
            TeamMember.objects.create(inspection=inspection, inspector=member, capacity=TeamMember.Capacity.TEAM)
        payload = {"urn": school.urn, "starts_on": starts_on.isoformat(), "lead": lead_user.username}
        payload["team"] = [m.username for m in members]
        payload["framework"] = inspection.framework_code
        StateChange.objects.create(
            inspection=inspection,
            sequence=1,
            action="plan",
            from_state="",
            to_state=State.PLANNED.value,
            actor=user,
            at=moment,
            payload=payload,
        )
        audit_record(
            action="inspection.plan",
            actor=user,
            object_type="inspection",
            object_id=inspection.pk,
            details=payload,
            at=moment,
        )
    return inspection
