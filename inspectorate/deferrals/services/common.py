"""What the deferral services share: who may decide, finding a request through the inspection's access rules,
and how a moment reads in a message."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from inspectorate.deferrals.models import DeferralRequest
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import NotAllowed, NotFound
from inspectorate.inspections.selectors import inspection_for, roles_of

# A named decider: the planners who own the schedule and the duty desk that covers for them.
DECIDERS = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR, Role.DUTY_DESK})


def is_decider(user: Any) -> bool:
    return bool(roles_of(user) & DECIDERS)


def require_decider(user: Any) -> None:
    if not is_decider(user):
        raise NotAllowed("Only a scheduler, an administrator or the duty desk may decide a deferral request.")


def request_for(user: Any, request_id: int) -> DeferralRequest:
    """The request, if this person may see its inspection; NotFound otherwise (its existence is not given away)."""
    request = (
        DeferralRequest.objects.select_related("inspection__establishment", "requested_by")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise NotFound(f"There is no deferral request {request_id} that you can see.")
    try:
        inspection_for(user, request.inspection_id)
    except NotFound:
        raise NotFound(f"There is no deferral request {request_id} that you can see.") from None
    return request


def at_time(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"
