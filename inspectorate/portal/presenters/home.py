"""The portal's home: the inspections of the person's own school, and any provisional outcome shared with them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from inspectorate.inspections.models import Inspection
from inspectorate.inspections.presenters.words import Tag, school_name, state_tag
from inspectorate.inspections.presenters.workspace import next_deadline
from inspectorate.portal.presenters.contacts import Helpline, helplines
from inspectorate.portal.selectors import school_inspections, shared_inspections
from inspectorate.web.formatting import long_date


@dataclass(frozen=True)
class PortalRow:
    reference: str
    href: str
    school: str
    starts_on: str
    tag: Tag
    deadline: str
    deadline_what: str


@dataclass(frozen=True)
class PortalHome:
    school_rows: list[PortalRow]
    shared_rows: list[PortalRow]
    empty_message: str
    helplines: list[Helpline]


def _row(inspection: Inspection) -> PortalRow:
    deadline, what = next_deadline(inspection)
    return PortalRow(
        reference=inspection.reference,
        href=reverse("portal-inspection", args=[inspection.pk]),
        school=school_name(inspection),
        starts_on=long_date(inspection.starts_on),
        tag=state_tag(inspection.state),
        deadline=deadline,
        deadline_what=what,
    )


def present_home(user: object) -> PortalHome:
    ours = school_inspections(user).order_by("-starts_on", "-pk")
    shared = shared_inspections(user).order_by("-starts_on", "-pk")
    return PortalHome(
        school_rows=[_row(i) for i in ours],
        shared_rows=[_row(i) for i in shared],
        empty_message="Your school has no inspections planned or under way in Inspectorate. When one is planned it "
        "appears here, with its dates, the team and who to contact.",
        helplines=helplines(),
    )
