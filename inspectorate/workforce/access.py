"""Who may see and change the workforce's records: always asked through these, never by reading groups directly."""

from __future__ import annotations

from inspectorate.domain.roles import Role
from inspectorate.inspections.selectors import roles_of

VIEWERS = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR, Role.DUTY_DESK})
RECORDERS = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR})


def may_view_workforce(user: object) -> bool:
    return bool(roles_of(user) & VIEWERS)


def may_record_readiness(user: object) -> bool:
    """Schedulers and administrators keep training and declared interests up to date; the duty desk reads them."""
    return bool(roles_of(user) & RECORDERS)
