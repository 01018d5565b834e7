"""Who may open the duty desk: asked through this, never by reading groups directly."""

from __future__ import annotations

from inspectorate.domain.roles import Role
from inspectorate.inspections.selectors import roles_of

DUTY_DESK_ROLES = frozenset({Role.DUTY_DESK, Role.ADMINISTRATOR, Role.SENIOR_INSPECTOR})


def may_use_duty_desk(user: object) -> bool:
    return bool(roles_of(user) & DUTY_DESK_ROLES)
