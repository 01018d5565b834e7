"""The provisional outcome as the portal shows it: the judgements, the report's summary and a link to the report,
and what the reader may do with it. Presenting it records the view in the audit trail (every view, every time)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inspectorate.inspections.models import Inspection
from inspectorate.inspections.presenters.words import area_label, grade_label, school_name
from inspectorate.inspections.selectors import OutcomeAccess, current_judgements, current_report
from inspectorate.inspections.services.evidence import area_choices, provisional_outcome_viewed
from inspectorate.portal.presenters.contacts import SupportContactsView, support_contacts_for
from inspectorate.portal.presenters.links import guarded_reverse

MAY_SHARE = (
    "You may share this with colleagues, family, medical advisers and your support network. Please do not share "
    "it with parents or the public until the report is published."
)
SHARED_WITH_YOU = (
    "The headteacher has chosen to share this with you. Please do not share it with parents or the public until "
    "the report is published."
)


@dataclass(frozen=True)
class OutcomeSummary:
    provisional: bool
    statement: str
    judgements: list[tuple[str, str]]  # (area, grade), in the framework's order
    summary: str
    report_href: str | None


def present_outcome_summary(
    user: Any, inspection: Inspection, access: OutcomeAccess, *, invitee: bool = False
) -> OutcomeSummary | None:
    """The outcome if this person may read it now, else None. A provisional one is audited as viewed here."""
    if not access.allowed:
        return None
    judgements = current_judgements(inspection)
    report = current_report(inspection)
    if access.provisional:
        provisional_outcome_viewed(user=user, inspection=inspection, where="portal")
    order = [a for a in dict.fromkeys([*area_choices(inspection), *judgements]) if a in judgements]
    return OutcomeSummary(
        provisional=access.provisional,
        statement=(SHARED_WITH_YOU if invitee else MAY_SHARE) if access.provisional else "",
        judgements=[(area_label(a), grade_label(judgements[a].grade)) for a in order],
        summary=report.summary if report else "",
        report_href=guarded_reverse("report-page", inspection.pk) if report else None,
    )


@dataclass(frozen=True)
class SharedOutcomePage:
    """What someone in the headteacher's circle sees: the provisional outcome of the one inspection, nothing else."""

    title: str
    reference: str
    school: str
    shared_by: str
    outcome: OutcomeSummary | None
    contacts: SupportContactsView | None


def present_shared_outcome(user: Any, inspection: Inspection, access: OutcomeAccess) -> SharedOutcomePage:
    member = inspection.circle_members.select_related("invited_by").filter(user=user).first()
    return SharedOutcomePage(
        title=f"Provisional outcome, {school_name(inspection)}",
        reference=inspection.reference,
        school=school_name(inspection),
        shared_by=member.invited_by.display_name if member else "The headteacher",
        outcome=present_outcome_summary(user, inspection, access, invitee=True),
        contacts=support_contacts_for(inspection),
    )
