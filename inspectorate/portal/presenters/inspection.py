"""An inspection's page in the school's portal: where it stands, its dates, the team, what the school can do now,
the provisional outcome once the school has been told it, and the timeline. Read-only: every action is a link to
the page that does it, shown only when it makes sense now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from inspectorate.concerns.services import window_for
from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import BY_ACTION, State
from inspectorate.inspections.models import Inspection, TeamMember
from inspectorate.inspections.presenters.timeline import TimelineEntry, timeline
from inspectorate.inspections.presenters.words import Tag, school_name, state_tag
from inspectorate.inspections.selectors import OUTCOME_TOLD_TO_SCHOOL, outcome_access, roles_on
from inspectorate.portal.presenters.contacts import SupportContactsView, support_contacts_for
from inspectorate.portal.presenters.links import guarded_reverse
from inspectorate.portal.presenters.outcome import OutcomeSummary, present_outcome_summary
from inspectorate.web.formatting import long_date

Row = tuple[str, str]
SCHOOL = frozenset({Role.HEADTEACHER, Role.RESPONSIBLE_BODY})


@dataclass(frozen=True)
class PortalAction:
    text: str
    href: str
    hint: str


@dataclass(frozen=True)
class PortalInspectionView:
    title: str
    reference: str
    school: str
    tag: Tag
    deadlines: list[Row]
    team: list[Row]
    actions: list[PortalAction]
    outcome: OutcomeSummary | None
    outcome_note: str
    timeline: list[TimelineEntry]
    contacts: SupportContactsView | None


def comment_window_open(inspection: Inspection, today: dt.date) -> bool:
    if inspection.state_enum != State.FACTUAL_ACCURACY_CHECK:
        return False
    deadline = inspection.factual_accuracy_deadline
    return deadline is None or today <= deadline


def present_portal_inspection(user: Any, inspection: Inspection, *, today: dt.date) -> PortalInspectionView:
    """The page for the school's headteacher or responsible body (the caller has checked they are one)."""
    access = outcome_access(user, inspection, today=today)
    return PortalInspectionView(
        title=f"{inspection.reference}, {school_name(inspection)}",
        reference=inspection.reference,
        school=school_name(inspection),
        tag=state_tag(inspection.state),
        deadlines=deadlines(inspection),
        team=team(inspection),
        actions=_actions(inspection, roles_on(user, inspection), today),
        outcome=present_outcome_summary(user, inspection, access),
        outcome_note=_outcome_note(inspection),
        timeline=timeline(inspection, show_outcome=access.allowed),
        contacts=support_contacts_for(inspection),
    )


def deadlines(inspection: Inspection) -> list[Row]:
    """Every date the inspection works to, as a date (never a count of days), or when it will be set."""
    rows = [
        ("First on-site day", long_date(inspection.starts_on)),
        (
            "Your comments on the draft report are due by",
            long_date(inspection.factual_accuracy_deadline, "Set when the draft report is sent to you"),
        ),
        ("Publication target", long_date(inspection.publication_target, "Set at the final feedback meeting")),
    ]
    if inspection.return_visit_by:
        rows.append(("Return visit by", long_date(inspection.return_visit_by)))
    if inspection.published_on:
        rows.append(("Published", long_date(inspection.published_on)))
    return rows


def team(inspection: Inspection) -> list[Row]:
    members = inspection.team.select_related("inspector").order_by("capacity", "pk")
    lead_first = sorted(members, key=lambda m: m.capacity != TeamMember.Capacity.LEAD)
    return [(m.inspector.display_name, m.get_capacity_display()) for m in lead_first]


def _actions(inspection: Inspection, roles: frozenset[Role], today: dt.date) -> list[PortalAction]:
    state = inspection.state_enum
    wanted: list[tuple[bool, str, str | None, str]] = [
        (
            state in BY_ACTION["defer"].sources,
            "Request a deferral",
            guarded_reverse("deferral-request", inspection.pk),
            "If the inspection cannot go ahead on these dates, for one of the reasons the policy allows.",
        ),
        (
            state in BY_ACTION["pause"].sources,
            "Request a pause",
            guarded_reverse("pause-request", inspection.pk),
            "If someone's wellbeing means the inspection should stop for now. It resumes later; no deadline runs.",
        ),
        (
            # The concerns policy's window (during the inspection and the next working day), not a list of states.
            window_for(inspection).allows(today),
            "Raise a concern",
            guarded_reverse("concern-raise", inspection.pk),
            "It goes to a senior inspector who is not on the team.",
        ),
        (
            state in OUTCOME_TOLD_TO_SCHOOL and Role.HEADTEACHER in roles,
            "Choose whom you share the provisional outcome with",
            reverse("circle", args=[inspection.pk]),
            "Colleagues, family, medical advisers or your support network: each gets a read-only view.",
        ),
        (
            comment_window_open(inspection, today),
            "Comment on the draft report",
            reverse("portal-comment", args=[inspection.pk]),
            f"Say what is factually wrong, by {long_date(inspection.factual_accuracy_deadline)}.",
        ),
    ]
    return [PortalAction(text, href, hint) for shown, text, href, hint in wanted if shown and href]


def _outcome_note(inspection: Inspection) -> str:
    """What the page says when it shows no outcome."""
    if inspection.state_enum == State.WITHDRAWN:
        return "This inspection was withdrawn: it has no outcome."
    return (
        "There is no outcome to show yet. The lead inspector tells you the provisional outcome at the final feedback "
        "meeting, and it appears here then."
    )
