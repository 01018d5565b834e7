"""The school's page to ask for a pause: what a pause means, whether one can be taken now, the form, and the
support contacts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import State
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.presenters.fields import ErrorLink, Field
from inspectorate.inspections.presenters.words import school_name, sentence
from inspectorate.inspections.selectors import roles_on
from inspectorate.inspections.services.facts import situation_of
from inspectorate.web.formatting import long_date
from inspectorate.welfare.presenters import Contact, senior_inspector_line, support_contact_rows
from inspectorate.welfare.selectors import pause_open

MAY_ASK = frozenset({Role.LEAD_INSPECTOR, Role.HEADTEACHER, Role.RESPONSIBLE_BODY})
REASON_LABEL = "Why the inspection should pause"


@dataclass(frozen=True)
class PauseRequestView:
    title: str
    reference: str
    school: str
    errors: list[ErrorLink]
    conflict: str
    can_pause: bool
    why_not: str  # when no pause can be asked for now, why
    normally_until: str
    at_most_until: str
    limit: int
    reason: Field | None
    action: str
    back_href: str
    contacts: list[Contact]
    senior_inspector: str


def _back(inspection: Inspection) -> str:
    try:
        return reverse("portal-inspection", args=[inspection.pk])
    except NoReverseMatch:
        return reverse("inspection-detail", args=[inspection.pk])


def _why_not(inspection: Inspection, roles: frozenset[Role]) -> str:
    if not roles & MAY_ASK:
        return "Only the headteacher, the responsible body or the lead inspector may ask for a pause."
    if inspection.state_enum == State.PAUSED:
        record = pause_open(inspection)
        since = f" since {long_date(record.started_on)}" if record else ""
        return f"The inspection is paused already{since}."
    if inspection.state_enum != State.ON_SITE:
        return (
            "A pause is for an inspection under way, while the inspectors are on site. It is now: "
            f"{inspection.state_label.lower()}. Before the inspectors arrive you can ask for a deferral instead."
        )
    return ""


def present_pause_request(
    user: Any,
    inspection: Inspection,
    *,
    today: dt.date,
    submitted: Mapping[str, Any],
    errors: Mapping[str, str],
    conflict: str = "",
) -> PauseRequestView:
    roles = roles_on(user, inspection)
    situation = situation_of(inspection)
    calendar, policy = situation.calendar, situation.policy
    why_not = _why_not(inspection, roles)
    problem = errors.get("reason")
    reason = Field(
        "textarea",
        "reason",
        "reason",
        REASON_LABEL,
        hint="A sentence or two is enough. The lead inspector and the duty desk will read it.",
        error=sentence(REASON_LABEL, problem) if problem else None,
        value=str(submitted.get("reason", "")),
    )
    error_links = [("reason", reason.error)] if reason.error else []
    return PauseRequestView(
        title=("Error: " if error_links or conflict else "") + f"Pause the inspection, {inspection.reference}",
        reference=inspection.reference,
        school=school_name(inspection),
        errors=error_links,
        conflict=conflict,
        can_pause=not why_not,
        why_not=why_not,
        normally_until=long_date(calendar.add_working_days(today, policy.pause_normal_working_days)),
        at_most_until=long_date(calendar.add_working_days(today, policy.pause_limit_working_days)),
        limit=policy.pause_limit_working_days,
        reason=None if why_not else reason,
        action=reverse("pause-request", args=[inspection.pk]),
        back_href=_back(inspection),
        contacts=support_contact_rows(),
        senior_inspector=senior_inspector_line(inspection),
    )
