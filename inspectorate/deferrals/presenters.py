"""View models for the deferral pages: plain objects the templates only display."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from inspectorate.deferrals.forms import LABELS
from inspectorate.deferrals.models import BlanketDeferralWindow, DeferralRequest
from inspectorate.domain.deferral_policy import deferral_policy_on, grounds_on
from inspectorate.inspections.forms import Errors, date_parts
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.presenters.fields import ErrorLink, Field, Option, error_links, unplaced
from inspectorate.inspections.presenters.words import Tag, moment, school_name, sentence
from inspectorate.web.formatting import long_date

STATUS_COLOURS = {"pending": "yellow", "granted": "green", "declined": "grey"}


@dataclass(frozen=True)
class GroundOption:
    value: str
    label: str
    hint: str
    selected: bool


@dataclass(frozen=True)
class Form:
    href: str
    fields: list[Field]
    button: str
    grounds: tuple[GroundOption, ...] = ()  # the request form's radios, each with the policy's hint
    ground_error: str | None = None
    version: int | None = None


@dataclass(frozen=True)
class RequestRow:
    heading: str
    status: Tag
    rows: list[tuple[str, str]]


def status_tag(request: DeferralRequest) -> Tag:
    return Tag(request.get_status_display(), f"govuk-tag--{STATUS_COLOURS[request.status]}")


def _person(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else "Not recorded"


def _unavailable(request: DeferralRequest) -> str:
    if request.unavailable_from is None:
        return "None given"
    if request.unavailable_until in (None, request.unavailable_from):
        return long_date(request.unavailable_from)
    return f"{long_date(request.unavailable_from)} to {long_date(request.unavailable_until)}"


def request_rows(request: DeferralRequest, *, for_staff: bool) -> list[tuple[str, str]]:
    rows = [
        ("Ground", request.ground_label),
        ("Details", request.details),
        ("Dates the school cannot take", _unavailable(request)),
        ("Asked by", f"{_person(request.requested_by)} on {moment(request.requested_at)}"),
        ("Decision due by", moment(request.response_due_at)),
    ]
    if for_staff and request.significant_concerns:
        rows.append(("Significant concerns", request.significant_concerns))
    if request.status != DeferralRequest.Status.PENDING and request.decided_at is not None:
        rows.append(("Decided by", f"{_person(request.decider)} on {moment(request.decided_at)}"))
        rows.append(("Reasons", request.reasons))
    return rows


def _error(errors: Errors, name: str) -> str | None:
    return sentence(LABELS[name], errors[name]) if name in errors else None


def _date_field(name: str, submitted: Mapping[str, Any], errors: Errors, hint: str, optional: bool) -> Field:
    return Field(
        "date",
        name,
        name,
        LABELS[name],
        hint=hint,
        error=_error(errors, name),
        parts=date_parts(submitted, name),
        optional=optional,
    )


def portal_href(inspection: Inspection) -> str | None:
    try:
        return reverse("portal-inspection", args=[inspection.pk])
    except NoReverseMatch:  # the portal is built beside this app
        return None


# ----- The school's request page ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestPage:
    title: str
    errors: list[ErrorLink]
    school: str
    reference: str
    starts_on: str
    state: str
    response_target_hours: int
    requests: list[RequestRow]
    form: Form | None
    closed_reason: str
    back_href: str | None


def present_request_page(
    inspection: Inspection,
    requests: list[DeferralRequest],
    *,
    closed_reason: str,
    submitted: Mapping[str, Any],
    errors: Errors,
) -> RequestPage:
    today = timezone.localdate()
    form = None
    if not closed_reason:
        chosen = str(submitted.get("ground", ""))
        fields = [
            Field(
                "textarea",
                "details",
                "details",
                LABELS["details"],
                hint="Say what has happened and how long it is likely to last. Planning carries on while we decide.",
                error=_error(errors, "details"),
                value=str(submitted.get("details", "")),
            ),
            _date_field("unavailable_from", submitted, errors, "For example, 27 3 2027", optional=True),
            _date_field("unavailable_until", submitted, errors, "Leave empty for a single day", optional=True),
        ]
        grounds = tuple(GroundOption(g.code, g.label, g.hint, g.code == chosen) for g in grounds_on(today))
        ground_error = _error(errors, "ground")
        form = Form(
            reverse("deferral-request", args=[inspection.pk]),
            fields,
            "Send the request",
            grounds=grounds,
            ground_error=ground_error,
        )
        error_list = ([("ground", ground_error)] if ground_error else []) + error_links(fields)
        error_list += unplaced({k: v for k, v in errors.items() if k != "ground"}, fields)
    else:
        error_list = []
    return RequestPage(
        title=("Error: " if error_list else "") + "Ask to defer the inspection",
        errors=error_list,
        school=school_name(inspection),
        reference=inspection.reference,
        starts_on=long_date(inspection.starts_on),
        state=inspection.state_label,
        response_target_hours=deferral_policy_on(today).response_target_hours,
        requests=[
            RequestRow(f"Request of {moment(r.requested_at)}", status_tag(r), request_rows(r, for_staff=False))
            for r in requests
        ],
        form=form,
        closed_reason=closed_reason,
        back_href=portal_href(inspection),
    )


# ----- The deciders' list and decision page ----------------------------------------------------------------------


@dataclass(frozen=True)
class ListRow:
    school: str
    reference: str
    starts_on: str
    ground: str
    requested_at: str
    due_by: str
    overdue: bool
    status: Tag
    href: str


def _list_row(request: DeferralRequest, now: dt.datetime) -> ListRow:
    inspection = request.inspection
    return ListRow(
        school=school_name(inspection),
        reference=inspection.reference,
        starts_on=long_date(inspection.starts_on),
        ground=request.ground_label,
        requested_at=moment(request.requested_at),
        due_by=moment(request.response_due_at),
        overdue=request.status == DeferralRequest.Status.PENDING and request.response_due_at < now,
        status=status_tag(request),
        href=reverse("deferral-decide", args=[request.pk]),
    )


@dataclass(frozen=True)
class ListPage:
    pending: list[ListRow]
    decided: list[ListRow]


def present_list(pending: list[DeferralRequest], decided: list[DeferralRequest], now: dt.datetime) -> ListPage:
    return ListPage([_list_row(r, now) for r in pending], [_list_row(r, now) for r in decided])


@dataclass(frozen=True)
class DecidePage:
    title: str
    errors: list[ErrorLink]
    school: str
    reference: str
    starts_on: str
    state: str
    status: Tag
    overdue: bool
    rows: list[tuple[str, str]]
    form: Form | None
    inspection_href: str


def present_decide(
    request: DeferralRequest, *, now: dt.datetime, submitted: Mapping[str, Any], errors: Errors
) -> DecidePage:
    inspection = request.inspection
    form = None
    error_list: list[ErrorLink] = []
    if request.status == DeferralRequest.Status.PENDING:
        chosen = str(submitted.get("decision", ""))
        fields = [
            Field(
                "radios",
                "decision",
                "decision",
                LABELS["decision"],
                error=_error(errors, "decision"),
                options=(
                    Option("grant", "Grant: defer the inspection", chosen == "grant"),
                    Option("decline", "Decline: the inspection goes ahead as planned", chosen == "decline"),
                ),
            ),
            Field(
                "textarea",
                "reasons",
                "reasons",
                LABELS["reasons"],
                hint="The school reads these. Say what you weighed.",
                error=_error(errors, "reasons"),
                value=str(submitted.get("reasons", "")),
            ),
        ]
        form = Form(reverse("deferral-decide", args=[request.pk]), fields, "Record the decision")
        error_list = error_links(fields) + unplaced(errors, fields)
    return DecidePage(
        title=("Error: " if error_list else "") + f"Deferral request from {school_name(inspection)}",
        errors=error_list,
        school=school_name(inspection),
        reference=inspection.reference,
        starts_on=long_date(inspection.starts_on),
        state=inspection.state_label,
        status=status_tag(request),
        overdue=request.status == DeferralRequest.Status.PENDING and request.response_due_at < now,
        rows=request_rows(request, for_staff=True),
        form=form,
        inspection_href=reverse("inspection-detail", args=[inspection.pk]),
    )


# ----- Blanket windows -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowRow:
    dates: str
    reason: str
    declared: str
    granted: int


@dataclass(frozen=True)
class WindowsPage:
    title: str
    errors: list[ErrorLink]
    windows: list[WindowRow]
    form: Form | None


def present_windows(
    windows: list[BlanketDeferralWindow], *, may_declare: bool, submitted: Mapping[str, Any], errors: Errors
) -> WindowsPage:
    rows = [
        WindowRow(
            dates=f"{long_date(w.first_day)} to {long_date(w.last_day)}",
            reason=w.reason,
            declared=f"{_person(w.declared_by)} on {moment(w.declared_at)}",
            granted=w.requests.count(),
        )
        for w in windows
    ]
    form = None
    error_list: list[ErrorLink] = []
    if may_declare:
        fields = [
            _date_field("first_day", submitted, errors, "The first start date covered, for example 11 12 2023", False),
            _date_field("last_day", submitted, errors, "The last start date covered, for example 15 12 2023", False),
            Field(
                "textarea",
                "reason",
                "reason",
                LABELS["reason"],
                hint="Schools and deciders read this; each request granted under the window cites it.",
                error=_error(errors, "reason"),
                value=str(submitted.get("reason", "")),
            ),
        ]
        form = Form(reverse("blanket-window-list"), fields, "Declare the window")
        error_list = error_links(fields) + unplaced(errors, fields)
    return WindowsPage(
        title=("Error: " if error_list else "") + "Blanket deferral windows",
        errors=error_list,
        windows=rows,
        form=form,
    )
