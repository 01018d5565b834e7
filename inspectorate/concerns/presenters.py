"""What the concerns pages show, as plain view models: templates only display them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from inspectorate.concerns.models import Concern
from inspectorate.concerns.services import Prospect, senior_inspectors
from inspectorate.domain.roles import Role
from inspectorate.domain.support_contacts import SUPPORT_CONTACTS, tel_href
from inspectorate.inspections.errors import InvalidInput, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.presenters.fields import Field, Option
from inspectorate.inspections.presenters.words import Tag, school_name, sentence
from inspectorate.inspections.selectors import roles_of
from inspectorate.web.formatting import long_date

Errors = Mapping[str, str]
ErrorLink = tuple[str, str]


def moment(at: dt.datetime | None) -> str:
    """ "09:30 on Monday 16 March 2026", in UK time."""
    if at is None:
        return ""
    local = timezone.localtime(at)
    return f"{local:%H:%M} on {local:%A} {long_date(local.date())}"


def link_or_blank(name: str, *args: Any) -> str:
    """A link to another app's page, or "" while that app does not have it yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class Helpline:
    name: str
    number: str
    href: str
    description: str


def helplines() -> list[Helpline]:
    return [Helpline(c.name, c.number, tel_href(c), c.description) for c in SUPPORT_CONTACTS]


def text_field(
    name: str, label: str, hint: str, submitted: Mapping[str, Any], errors: Errors, kind: str = "textarea"
) -> Field:
    error = errors.get(name)
    return Field(
        kind, id=name, name=name, label=label, hint=hint, error=sentence(label, error) if error else None,
        value=str(submitted.get(name, "")),
    )  # fmt: skip


def error_links(fields: list[Field], errors: Errors) -> list[ErrorLink]:
    """Each error linked to its field; an error about no field on the form, to the first field."""
    shown = [(f.anchor, f.error) for f in fields if f.error]
    names = {f.name for f in fields}
    anchor = fields[0].anchor if fields else "main-content"
    return shown + [(anchor, message) for name, message in errors.items() if name not in names]


# ---------------------------------------------------------------------------------------------------------------
# Raising a concern
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RaisePage:
    title: str
    school: str
    reference: str
    senior: str
    acknowledge_by: str
    window: str
    may_raise: bool
    why_not: str
    form: list[Field]
    errors: list[ErrorLink]
    action_href: str
    back_href: str
    helplines: list[Helpline]


def present_raise(
    inspection: Inspection, prospect: Prospect, submitted: Mapping[str, Any], errors: Errors, why_not: str = ""
) -> RaisePage:
    window = prospect.window
    if window.closes is None:
        when = "while the inspection is under way, and on the working day after the last on-site day"
    else:
        when = f"until the end of {long_date(window.closes)}"
    fields = [
        text_field(
            "text",
            "Your concern",
            "Say what happened and what you would like to happen. The inspection team does not see this.",
            submitted,
            errors,
        )
    ]
    return RaisePage(
        title="Raise a concern about the inspection",
        school=school_name(inspection),
        reference=inspection.reference,
        senior=prospect.senior.display_name if prospect.senior else "",
        acknowledge_by=moment(prospect.acknowledge_by),
        window=when,
        may_raise=prospect.may_raise,
        why_not=why_not or prospect.why_not,
        form=fields,
        errors=error_links(fields, errors),
        action_href=reverse("concern-raise", args=[inspection.pk]),
        back_href=link_or_blank("portal-inspection", inspection.pk),
        helplines=helplines(),
    )


# ---------------------------------------------------------------------------------------------------------------
# A concern
# ---------------------------------------------------------------------------------------------------------------

STATUS_COLOURS = {"Closed": "green", "Escalated": "red", "Acknowledged": "blue", "Awaiting acknowledgement": "yellow"}


def status_of(concern: Concern) -> Tag:
    if concern.closed_at:
        text = "Closed"
    elif concern.escalated_at and not concern.acknowledged_at:
        text = "Escalated"
    elif concern.acknowledged_at:
        text = "Acknowledged"
    else:
        text = "Awaiting acknowledgement"
    return Tag(text, f"govuk-tag--{STATUS_COLOURS[text]}")


class EventRow(NamedTuple):  # a tuple, so the history table draws its cells in order (concerns/_macros.html)
    when: str
    what: str
    who: str
    note: str


@dataclass(frozen=True)
class ActionForm:
    id: str
    heading: str
    href: str
    fields: list[Field]
    button: str


@dataclass(frozen=True)
class ConcernPage:
    title: str
    reference: str
    school: str
    tag: Tag
    details: list[tuple[str, str]]
    text: str
    response: str
    outcome: str
    events: list[EventRow]
    forms: list[ActionForm]
    errors: list[ErrorLink]
    conflict: str
    back_href: str
    back_text: str
    helplines: list[Helpline]
    for_school: bool


@dataclass(frozen=True)
class Refusal:
    form: str
    submitted: Mapping[str, Any] = field(default_factory=dict)
    errors: Errors = field(default_factory=dict)
    conflict: str = ""

    @classmethod
    def of(cls, form: str, submitted: Mapping[str, Any], err: InvalidInput | StateConflict) -> Refusal:
        """The refused form as its page shows it again: what was wrong with the fields, or why it cannot be now."""
        if isinstance(err, InvalidInput):
            return cls(form, submitted, errors=err.field_errors)
        return cls(form, submitted, conflict=err.message)


def _events(concern: Concern) -> list[EventRow]:
    return [
        EventRow(moment(e.at), e.get_kind_display(), e.actor.display_name if e.actor else "Inspectorate", e.note)
        for e in concern.events.select_related("actor").order_by("at", "pk")
    ]


def _respond_form(concern: Concern, refusal: Refusal | None) -> ActionForm:
    submitted, errors = (refusal.submitted, refusal.errors) if refusal and refusal.form == "respond" else ({}, {})
    chosen = str(submitted.get("outcome", ""))
    outcome_error = errors.get("outcome")
    options = tuple(Option(value, label, value == chosen) for value, label in Concern.Outcome.choices)
    return ActionForm(
        "respond",
        "Respond to the school",
        reverse("concern-respond", args=[concern.pk]),
        [
            text_field("response", "Your response", "The school reads this as you write it.", submitted, errors),
            Field(
                "radios",
                id="outcome",
                name="outcome",
                label="Outcome",
                options=options,
                error=sentence("Outcome", outcome_error) if outcome_error else None,
            ),
        ],
        "Send the response and close the concern",
    )


def _route_form(concern: Concern, refusal: Refusal | None) -> ActionForm:
    submitted, errors = (refusal.submitted, refusal.errors) if refusal and refusal.form == "route" else ({}, {})
    chosen = str(submitted.get("to_username", ""))
    options = tuple(
        Option(u.username, u.display_name, u.username == chosen)
        for u in senior_inspectors()
        if u.pk != concern.routed_to_id
    )
    error = errors.get("to_username")
    return ActionForm(
        "route",
        "Route to another senior inspector",
        reverse("concern-route", args=[concern.pk]),
        [
            Field(
                "select",
                id="to_username",
                name="to_username",
                label="Senior inspector",
                options=options,
                hint="Only someone who is not on the inspection's team can take it.",
                error=sentence("Senior inspector", error) if error else None,
            ),
        ],
        "Route the concern",
    )


def _forms(user: Any, concern: Concern, refusal: Refusal | None) -> list[ActionForm]:
    if concern.closed_at is not None:
        return []
    forms = []
    if concern.routed_to_id == getattr(user, "pk", None):
        if concern.acknowledged_at is None:
            forms.append(ActionForm("acknowledge", "Acknowledge", reverse("concern-acknowledge", args=[concern.pk]),
                                    [], "Acknowledge the concern"))  # fmt: skip
        forms.append(_respond_form(concern, refusal))
    if roles_of(user) & {Role.DUTY_DESK, Role.ADMINISTRATOR}:
        forms.append(_route_form(concern, refusal))
    return forms


def present_concern(user: Any, concern: Concern, refusal: Refusal | None = None) -> ConcernPage:
    inspection = concern.inspection
    for_school = bool(roles_of(user) & {Role.HEADTEACHER, Role.RESPONSIBLE_BODY}) and not roles_of(user) & {
        Role.DUTY_DESK,
        Role.ADMINISTRATOR,
        Role.SENIOR_INSPECTOR,
    }
    details = [
        ("School", school_name(inspection)),
        ("Inspection", inspection.reference),
        ("Raised by", concern.raised_by.display_name),
        ("Raised at", moment(concern.raised_at)),
        ("Independent senior inspector", concern.routed_to.display_name if concern.routed_to else "Being arranged"),
        ("To be acknowledged by", moment(concern.acknowledge_by)),
        ("Acknowledged", moment(concern.acknowledged_at) or "Not yet"),
    ]
    if concern.escalated_at:
        details.append(("Escalated to the duty desk", moment(concern.escalated_at)))
    forms = _forms(user, concern, refusal)
    errors = [link for f in forms if refusal and f.id == refusal.form for link in error_links(f.fields, refusal.errors)]
    back_href = link_or_blank("portal-inspection", inspection.pk) if for_school else reverse("concern-list")
    return ConcernPage(
        title=f"Concern {concern.reference}",
        reference=concern.reference,
        school=school_name(inspection),
        tag=status_of(concern),
        details=details,
        text=concern.text,
        response=concern.response,
        outcome=concern.get_outcome_display() if concern.outcome else "",
        events=_events(concern),
        forms=forms,
        errors=errors,
        conflict=refusal.conflict if refusal else "",
        back_href=back_href,
        back_text="Your school's inspection" if for_school else "Concerns",
        helplines=helplines(),
        for_school=for_school,
    )


@dataclass(frozen=True)
class ConcernRow:
    reference: str
    href: str
    school: str
    raised: str
    senior: str
    target: str
    tag: Tag


def present_concern_list(concerns: list[Concern]) -> list[ConcernRow]:
    return [
        ConcernRow(
            reference=c.reference,
            href=reverse("concern-detail", args=[c.pk]),
            school=school_name(c.inspection),
            raised=moment(c.raised_at),
            senior=c.routed_to.display_name if c.routed_to else "Nobody yet",
            target=moment(c.acknowledge_by),
            tag=status_of(c),
        )
        for c in concerns
    ]
