"""What the portal shows a person: always narrowed from `inspections.selectors.inspections_for`, so the portal can
never show more than the access rules there allow."""

from __future__ import annotations

from django.db.models import QuerySet

from inspectorate.domain.roles import SCHOOL_ROLES
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import inspections_for, roles_of
from inspectorate.portal.models import CircleMember


def school_inspections(user: object) -> QuerySet[Inspection]:
    """The inspections of the schools this person leads or governs (not every inspection a member of staff sees)."""
    if not roles_of(user) & SCHOOL_ROLES:
        return Inspection.objects.none()
    return inspections_for(user).filter(establishment__members__user=user).distinct()  # type: ignore[misc]


def shared_inspections(user: object) -> QuerySet[Inspection]:
    """The inspections whose provisional outcome a headteacher has shared with this person, while it stands."""
    if not getattr(user, "is_authenticated", False):
        return Inspection.objects.none()
    return inspections_for(user).filter(
        circle_members__user=user,  # type: ignore[misc]
        circle_members__withdrawn_at__isnull=True,
    )


def portal_standing(user: object) -> str:
    """ "school" for a school's headteacher or responsible body, "circle" for someone only invited to read a
    provisional outcome, "" for anyone the portal is not for."""
    if roles_of(user) & SCHOOL_ROLES:
        return "school"
    return "circle" if shared_inspections(user).exists() else ""


def circle_of(inspection: Inspection) -> list[CircleMember]:
    return list(inspection.circle_members.select_related("user").order_by("invited_at", "pk"))
