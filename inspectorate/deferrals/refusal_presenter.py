"""The refused-entry page: the form for the lead inspector, or the record as it stands, with the legal position
and what the duty desk does next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from inspectorate.deferrals.forms import LABELS
from inspectorate.inspections.forms import Errors, date_parts
from inspectorate.inspections.models import Inspection, StateChange
from inspectorate.inspections.presenters.fields import ErrorLink, Field, error_links, unplaced
from inspectorate.inspections.presenters.words import moment, school_name, sentence
from inspectorate.inspections.services.lifecycle import REFUSED_ENTRY_LEGAL_POSITION
from inspectorate.web.formatting import long_date


@dataclass(frozen=True)
class RefusalForm:
    href: str
    fields: list[Field]
    version: int


@dataclass(frozen=True)
class RefusalPage:
    title: str
    errors: list[ErrorLink]
    school: str
    reference: str
    state: str
    starts_on: str
    legal_position: str
    form: RefusalForm | None
    record: list[tuple[str, str]]
    next_steps: list[str]
    inspection_href: str


def _error(errors: Errors, name: str) -> str | None:
    return sentence(LABELS[name], errors[name]) if name in errors else None


def _fields(submitted: Mapping[str, Any], errors: Errors, today: dt.date) -> list[Field]:
    parts = date_parts(submitted, "refused_on")
    if not any(parts):
        parts = (str(today.day), str(today.month), str(today.year))
    return [
        Field(
            "date", "refused_on", "refused_on", LABELS["refused_on"], error=_error(errors, "refused_on"), parts=parts
        ),
        Field(
            "text",
            "refused_time",
            "refused_time",
            LABELS["refused_time"],
            hint="On the 24-hour clock, such as 08:45",
            error=_error(errors, "refused_time") or _error(errors, "refused_at"),
            value=str(submitted.get("refused_time", "")),
        ),
        Field(
            "text",
            "refused_by",
            "refused_by",
            LABELS["refused_by"],
            hint="Their name and role, for example the chair of governors",
            error=_error(errors, "refused_by"),
            value=str(submitted.get("refused_by", "")),
        ),
        Field(
            "textarea",
            "what_was_said",
            "what_was_said",
            LABELS["what_was_said"],
            hint="As near word for word as you can. Nothing else about the inspection is changed.",
            error=_error(errors, "what_was_said"),
            value=str(submitted.get("what_was_said", "")),
        ),
    ]


def _record(change: StateChange | None) -> list[tuple[str, str]]:
    if change is None:
        return []
    payload = change.payload or {}
    return [
        ("When", moment(change.at)),
        ("Refused by", payload.get("refused_by") or "Not recorded"),
        ("What was said", payload.get("what_was_said") or change.reason),
        ("Recorded by", change.actor.get_full_name() or change.actor.username),
    ]


def present_refusal(
    inspection: Inspection,
    change: StateChange | None,
    *,
    may_record: bool,
    today: dt.date,
    submitted: Mapping[str, Any],
    errors: Errors,
) -> RefusalPage:
    form = None
    error_list: list[ErrorLink] = []
    if may_record:
        fields = _fields(submitted, errors, today)
        form = RefusalForm(reverse("refused-entry-record", args=[inspection.pk]), fields, inspection.version)
        # The service names the moment `refused_at`; the form shows it as the time box.
        error_list = error_links(fields) + unplaced({k: v for k, v in errors.items() if k != "refused_at"}, fields)
    next_steps = []
    if change is not None and inspection.state == "entry_refused":
        next_steps = [
            "Speak to the lead inspector, then to the headteacher or the responsible body, to understand why.",
            "To reschedule: on the inspection's page, return it to planning with a new start date.",
            "To take it further, ask the inspectorate's legal advisers; the inspection stays here, unchanged, until it "
            "is returned to planning or withdrawn.",
        ]
    return RefusalPage(
        title=("Error: " if error_list else "") + "Refused entry",
        errors=error_list,
        school=school_name(inspection),
        reference=inspection.reference,
        state=inspection.state_label,
        starts_on=long_date(inspection.starts_on),
        legal_position=REFUSED_ENTRY_LEGAL_POSITION,
        form=form,
        record=_record(change),
        next_steps=next_steps,
        inspection_href=reverse("inspection-detail", args=[inspection.pk]),
    )
