"""The page an invitee reaches through the one-time link, to choose a password."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from inspectorate.inspections.presenters.fields import ErrorLink, Field, error_links
from inspectorate.inspections.presenters.words import school_name
from inspectorate.portal.models import CircleMember


@dataclass(frozen=True)
class WelcomePage:
    title: str
    name: str
    invited_by: str
    school: str
    username: str
    fields: list[Field]
    errors: list[ErrorLink]


def present_welcome(member: CircleMember, *, errors: Mapping[str, str] | None = None) -> WelcomePage:
    problems = errors or {}
    fields = [
        Field(
            "password",
            "password",
            "password",
            "Choose a password",
            hint="At least 8 characters; not a common password",
            error=problems.get("password"),
        ),
        Field("password", "password_again", "password_again", "Type it again", error=problems.get("password_again")),
    ]
    return WelcomePage(
        title=("Error: " if problems else "") + "Choose your password",
        name=member.name,
        invited_by=member.invited_by.display_name,
        school=school_name(member.inspection),
        username=member.user.username,
        fields=fields,
        errors=error_links(fields),
    )
