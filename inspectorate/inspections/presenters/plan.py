"""The planning form: a school, a first on-site day, a lead inspector and a team."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from inspectorate.accounts.models import User
from inspectorate.domain.roles import Role
from inspectorate.inspections.forms import Errors, date_parts
from inspectorate.inspections.presenters.fields import ErrorLink, Field, FormView, Option, error_links, unplaced
from inspectorate.inspections.presenters.words import sentence

LABELS = {
    "urn": "URN of the school",
    "starts_on": "First on-site day",
    "lead": "Lead inspector",
    "team": "Team inspectors",
    "on_site_days": "Number of on-site days",
}


@dataclass(frozen=True)
class PlanView:
    title: str
    errors: list[ErrorLink]
    form: FormView


def _holders_of(role: Role) -> list[User]:
    return list(User.objects.filter(groups__name=role.value, is_active=True).order_by("first_name", "username"))


def _person(user: User) -> str:
    return f"{user.display_name} ({user.username})" if user.display_name != user.username else user.username


def present_plan(submitted: Mapping[str, Any], errors: Errors) -> PlanView:
    """The form, empty or as submitted with what is wrong. A lead inspector may also serve on another's team."""
    leads = _holders_of(Role.LEAD_INSPECTOR)
    inspectors = list({u.pk: u for u in [*_holders_of(Role.TEAM_INSPECTOR), *leads]}.values())
    chosen_team = set(submitted.getlist("team")) if hasattr(submitted, "getlist") else set()
    chosen_lead = submitted.get("lead", "")

    def error(name: str) -> str | None:
        return sentence(LABELS[name], errors[name]) if name in errors else None

    lead_options = tuple(Option(u.username, _person(u), u.username == chosen_lead) for u in leads)
    fields = [
        Field(
            "text",
            "urn",
            "urn",
            LABELS["urn"],
            hint="The school's unique reference number, such as 100000",
            error=error("urn"),
            value=str(submitted.get("urn", "")),
        ),
        Field(
            "date",
            "starts_on",
            "starts_on",
            LABELS["starts_on"],
            hint="For example, 27 3 2027",
            error=error("starts_on"),
            parts=date_parts(submitted, "starts_on"),
        ),
        Field(
            "select",
            "lead",
            "lead",
            LABELS["lead"],
            error=error("lead"),
            options=(Option("", "Choose the lead inspector"), *lead_options),
        ),
        Field(
            "checkboxes",
            "team",
            "team",
            LABELS["team"],
            hint="Choose everyone else on the team",
            error=error("team"),
            optional=True,
            options=tuple(Option(u.username, _person(u), u.username in chosen_team) for u in inspectors),
        ),
        Field(
            "number",
            "on_site_days",
            "on_site_days",
            LABELS["on_site_days"],
            hint="From 1 to 5",
            error=error("on_site_days"),
            value=str(submitted.get("on_site_days", "2")),
        ),
    ]
    return PlanView(
        title=("Error: " if errors else "") + "Plan an inspection",
        errors=error_links(fields) + unplaced(errors, fields),
        form=FormView("plan", "Plan an inspection", reverse("inspection-plan"), fields, "Plan the inspection"),
    )
