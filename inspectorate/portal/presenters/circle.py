"""The headteacher's page for the sharing circle: what they may share and with whom, the people invited (with the
one-time link for anyone yet to choose a password), invitations withdrawn, and the form to invite someone."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from inspectorate.inspections.models import Inspection
from inspectorate.inspections.presenters.fields import ErrorLink, Field, Option, error_links
from inspectorate.inspections.presenters.words import school_name
from inspectorate.inspections.selectors import OUTCOME_TOLD_TO_SCHOOL
from inspectorate.portal.models import CircleMember
from inspectorate.portal.presenters.contacts import SupportContactsView, support_contacts_for
from inspectorate.portal.presenters.outcome import MAY_SHARE
from inspectorate.portal.selectors import circle_of
from inspectorate.portal.services import welcome_token
from inspectorate.web.formatting import long_date


@dataclass(frozen=True)
class MemberRow:
    name: str
    relationship: str
    email: str
    username: str
    invited: str
    status: str
    welcome_link: str  # the one-time link to pass on, until they have chosen a password
    withdraw_href: str


@dataclass(frozen=True)
class WithdrawnRow:
    name: str
    relationship: str
    when: str


@dataclass(frozen=True)
class CirclePage:
    title: str
    reference: str
    school: str
    back_href: str
    statement: str
    members: list[MemberRow]
    withdrawn: list[WithdrawnRow]
    may_invite: bool
    closed_note: str
    invite_href: str
    fields: list[Field]
    errors: list[ErrorLink]
    contacts: SupportContactsView | None
    link_days: int = max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400)  # how long a one-time link works


def _day(moment: Any) -> str:
    return long_date(timezone.localdate(moment))


def _member_row(inspection: Inspection, member: CircleMember, absolute: Callable[[str], str]) -> MemberRow:
    token = welcome_token(member)
    link = absolute(reverse("circle-welcome", args=[token.uid, token.token])) if token else ""
    return MemberRow(
        name=member.name,
        relationship=member.get_relationship_display(),
        email=member.email,
        username=member.user.username,
        invited=_day(member.invited_at),
        status="Waiting for them to choose a password" if token else "Can read the provisional outcome",
        welcome_link=link,
        withdraw_href=reverse("circle-withdraw", args=[inspection.pk, member.pk]),
    )


def _fields(submitted: Mapping[str, Any], errors: Mapping[str, str]) -> list[Field]:
    chosen = str(submitted.get("relationship", ""))
    return [
        Field(
            "text", "circle-name", "name", "Their name", error=errors.get("name"), value=str(submitted.get("name", ""))
        ),
        Field(
            "text",
            "circle-email",
            "email",
            "Their email address",
            hint="Their account's username is made from it",
            error=errors.get("email"),
            value=str(submitted.get("email", "")),
        ),
        Field(
            "radios",
            "circle-relationship",
            "relationship",
            "Who they are to you",
            error=errors.get("relationship"),
            options=tuple(Option(v, t, v == chosen) for v, t in CircleMember.Relationship.choices),
        ),
    ]


def present_circle(
    inspection: Inspection,
    *,
    absolute: Callable[[str], str],
    submitted: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
) -> CirclePage:
    """`absolute` turns a path into a full address, for the links the headteacher passes on."""
    members = circle_of(inspection)
    fields = _fields(submitted or {}, errors or {})
    links = error_links(fields)
    may_invite = inspection.state_enum in OUTCOME_TOLD_TO_SCHOOL
    return CirclePage(
        title=("Error: " if links else "") + f"Who you share the provisional outcome with, {inspection.reference}",
        reference=inspection.reference,
        school=school_name(inspection),
        back_href=reverse("portal-inspection", args=[inspection.pk]),
        statement=MAY_SHARE,
        members=[_member_row(inspection, m, absolute) for m in members if m.withdrawn_at is None],
        withdrawn=[
            WithdrawnRow(m.name, m.get_relationship_display(), _day(m.withdrawn_at))
            for m in members
            if m.withdrawn_at is not None
        ],
        may_invite=may_invite,
        closed_note=""
        if may_invite
        else "You can invite people from the final feedback meeting until the report is published.",
        invite_href=reverse("circle", args=[inspection.pk]),
        fields=fields,
        errors=links,
        contacts=support_contacts_for(inspection),
    )
