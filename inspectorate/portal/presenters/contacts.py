"""The contacts that matter while an inspection is open: the independent senior inspector for it, and the helplines.

Other apps show the same box: call `support_contacts_for(inspection)` and include "portal/_support_contacts.html"
with the result as `support_contacts` (or call the macro of the same name from that file)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspectorate.domain.support_contacts import SUPPORT_CONTACTS, tel_href
from inspectorate.domain.workflow import NOT_YET_PUBLISHED
from inspectorate.inspections.errors import LifecycleError
from inspectorate.inspections.models import Inspection

BEING_ARRANGED = "Being arranged: their name will appear here."


@dataclass(frozen=True)
class Helpline:
    name: str
    number: str
    href: str
    description: str


@dataclass(frozen=True)
class SupportContactsView:
    senior_inspector: str  # a name (and how to reach them), or that one is being arranged
    senior_inspector_email: str
    helplines: list[Helpline]


def helplines() -> list[Helpline]:
    return [Helpline(c.name, c.number, tel_href(c), c.description) for c in SUPPORT_CONTACTS]


def _independent_senior(inspection: Inspection) -> Any | None:
    # Built by the concerns app; until it exists, or when nobody is free, the page says one is being arranged.
    try:
        from inspectorate.concerns.services import independent_senior_for
    except ImportError:
        return None
    try:
        return independent_senior_for(inspection)
    except LifecycleError:
        return None


def support_contacts_for(inspection: Inspection) -> SupportContactsView | None:
    """The box for an open inspection; None once it is published or withdrawn (nothing is under way then)."""
    if inspection.state_enum not in NOT_YET_PUBLISHED:
        return None
    senior = _independent_senior(inspection)
    name = (getattr(senior, "display_name", "") or str(senior)) if senior is not None else ""
    return SupportContactsView(
        senior_inspector=name or BEING_ARRANGED,
        senior_inspector_email=(getattr(senior, "email", "") or "") if senior is not None else "",
        helplines=helplines(),
    )
