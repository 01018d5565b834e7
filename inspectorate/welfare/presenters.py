"""The inspection page's Wellbeing panel: the check-ins due and done, recorded distress, pauses and their days
against the limit, the support contacts, and the forms to record a check-in or distress (the domain and the
services decide; this only arranges what they say)."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from inspectorate.domain.lifecycle_policy import lifecycle_policy_on
from inspectorate.domain.roles import Role
from inspectorate.domain.support_contacts import SUPPORT_CONTACTS, tel_href
from inspectorate.domain.wellbeing import Outcome, checkin_label, points_expected
from inspectorate.domain.workflow import TERMINAL, State, waiting_for_checkins
from inspectorate.domain.working_days import WorkingDayCalendar
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.presenters.fields import Field, FormView, Option, Refusal, submitted_to
from inspectorate.inspections.presenters.words import sentence
from inspectorate.inspections.services.facts import Situation, facts_for
from inspectorate.web.formatting import long_date
from inspectorate.welfare.models import PauseRecord, WellbeingCheckIn
from inspectorate.welfare.selectors import checkin_round, distress_of, distress_open, pauses_of

TEAM = frozenset({Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR})
SCHOOL = frozenset({Role.HEADTEACHER, Role.RESPONSIBLE_BODY})
OUTCOME_CHOICES = (
    (Outcome.RECORDED.value, "The check-in was held"),
    (Outcome.DECLINED.value, "The headteacher declined it"),
)


@dataclass(frozen=True)
class Contact:
    name: str
    number: str
    href: str
    description: str


@dataclass(frozen=True)
class CheckInRow:
    label: str
    status: str
    due_now: bool


@dataclass(frozen=True)
class DistressView:
    summary: str
    follow_up: str  # how the duty desk followed it up, or "" while it waits
    follow_up_form: FormView | None


@dataclass(frozen=True)
class WellbeingPanel:
    contacts: list[Contact]
    senior_inspector: str  # the independent senior inspector for this inspection, or "" when none is named yet
    distress: list[DistressView]
    distress_waiting: bool  # recorded distress the duty desk has not yet followed up: the page says so prominently
    offer_pause: bool
    pause_form: FormView | None  # the lifecycle's pause, brought up here while distress waits (set by the page)
    pause_now: list[tuple[str, str]]  # rows about the pause under way, if any
    pauses: list[str]  # each earlier pause in a sentence
    pause_days: str  # "1 of at most 5 working days", or ""
    checkins: list[CheckInRow]
    waiting: list[str]  # actions held back by a missing check-in, in sentences
    checkin_form: FormView | None
    distress_form: FormView | None
    pause_request_href: str | None  # the school's own page to ask for a pause

    def forms(self) -> list[FormView]:
        return [f for f in (self.checkin_form, self.distress_form) if f] + [
            d.follow_up_form for d in self.distress if d.follow_up_form
        ]


def support_contact_rows() -> list[Contact]:
    return [Contact(c.name, c.number, tel_href(c), c.description) for c in SUPPORT_CONTACTS]


def senior_inspector_line(inspection: Inspection) -> str:
    """The concerns app names the senior inspector independent of the team; until it does, nothing is shown."""
    try:
        find = importlib.import_module("inspectorate.concerns.services").independent_senior_for
    except (ImportError, AttributeError):
        return ""
    person = find(inspection)
    if person is None:
        return ""
    email = getattr(person, "email", "")
    return f"{person.display_name}{f', {email}' if email else ''}"


def _href(name: str, *args: object) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _checkin_rows(
    inspection: Inspection, calendar: WorkingDayCalendar, today: dt.date
) -> tuple[list[CheckInRow], list[str]]:
    current = checkin_round(inspection, calendar)
    if current.since_version is None:
        return [], []
    outstanding = current.outstanding(today)
    rows = []
    for key in points_expected(current.progress):
        done: WellbeingCheckIn | None = current.done.get(key)
        if done is not None:
            status = (
                f"{done.get_outcome_display()}: {long_date(timezone.localdate(done.at))}, "
                f"recorded by {done.recorded_by.display_name}"
            )
        elif key in outstanding:
            status = "The inspection waits for it"
        elif key in current.reached_on:
            status = f"Due on {long_date(current.reached_on[key])}"
        else:
            status = "Not reached yet"
        rows.append(CheckInRow(checkin_label(key), status, key in outstanding))
    return rows, outstanding


def _checkin_form(inspection: Inspection, outstanding: list[str], refusal: Refusal | None) -> FormView | None:
    if not outstanding:
        return None
    submitted, errors = submitted_to(refusal, "checkin")
    chosen = str(submitted.get("point", outstanding[0]))
    outcome = str(submitted.get("outcome", ""))
    fields = [
        Field(
            "radios",
            "checkin-point",
            "point",
            "Which check-in",
            error=sentence("Which check-in", errors["point"]) if "point" in errors else None,
            options=tuple(Option(key, checkin_label(key), key == chosen) for key in outstanding),
        ),
        Field(
            "radios",
            "checkin-outcome",
            "outcome",
            "What happened",
            error=sentence("What happened", errors["outcome"]) if "outcome" in errors else None,
            options=tuple(Option(v, t, v == outcome) for v, t in OUTCOME_CHOICES),
        ),
        Field(
            "textarea",
            "checkin-notes",
            "notes",
            "Notes",
            hint="How the headteacher is, and anything agreed. The school does not see these notes.",
            error=sentence("Notes", errors["notes"]) if "notes" in errors else None,
            value=str(submitted.get("notes", "")),
            optional=True,
        ),
    ]
    return FormView(
        "checkin",
        "Record a wellbeing check-in",
        reverse("checkin-record", args=[inspection.pk]),
        fields,
        "Record the check-in",
    )


def _distress_form(inspection: Inspection, refusal: Refusal | None) -> FormView:
    submitted, errors = submitted_to(refusal, "distress")

    def error(name: str, label: str) -> str | None:
        return sentence(label, errors[name]) if name in errors else None

    return FormView(
        "distress",
        "Record signs of distress",
        reverse("distress-record", args=[inspection.pk]),
        [
            Field(
                "text",
                "distress-person",
                "person",
                "Who showed signs of distress",
                hint="Their role, for example headteacher or deputy headteacher",
                error=error("person", "Who showed signs of distress"),
                value=str(submitted.get("person", "")),
            ),
            Field(
                "textarea",
                "distress-signs",
                "signs",
                "What you saw or heard",
                error=error("signs", "What you saw or heard"),
                value=str(submitted.get("signs", "")),
            ),
        ],
        "Record signs of distress",
        button_classes="govuk-button--warning",
        description="The duty desk is told at once. If the inspection is on site, a pause is offered straight away.",
    )


def _follow_up_form(record_id: int, refusal: Refusal | None) -> FormView:
    form_id = f"distress-follow-up-{record_id}"
    submitted, errors = submitted_to(refusal, form_id)
    return FormView(
        form_id,
        "Record how the duty desk followed this up",
        reverse("distress-follow-up", args=[record_id]),
        [
            Field(
                "textarea",
                f"{form_id}-note",
                "note",
                "How it was followed up",
                error=sentence("How it was followed up", errors["note"]) if "note" in errors else None,
                value=str(submitted.get("note", "")),
            )
        ],
        "Record the follow-up",
        button_classes="govuk-button--secondary",
    )


def _distress(inspection: Inspection, roles: frozenset[Role], refusal: Refusal | None) -> list[DistressView]:
    views = []
    for record in distress_of(inspection):
        day = f" (on-site day {record.on_site_day})" if record.on_site_day else ""
        summary = (
            f"{long_date(timezone.localdate(record.at))}{day}: {record.recorded_by.display_name} recorded signs of "
            f"distress in the {record.person.lower()}: {record.signs}"
        )
        follow_up = ""
        if record.followed_up_at and record.followed_up_by:
            follow_up = (
                f"Followed up by {record.followed_up_by.display_name} on "
                f"{long_date(timezone.localdate(record.followed_up_at))}: {record.follow_up_note}"
            )
        form = _follow_up_form(record.pk, refusal) if not follow_up and Role.DUTY_DESK in roles else None
        views.append(DistressView(summary, follow_up, form))
    return views


def _pause_rows(record: PauseRecord, today: dt.date, limit: int, calendar: WorkingDayCalendar) -> list[tuple[str, str]]:
    days = calendar.working_days_after(record.started_on, today)
    return [
        ("Paused on", long_date(record.started_on)),
        ("Asked for by", f"{record.requested_by.display_name}, {record.requested_as.lower()}"),
        ("Reason", record.reason),
        ("Normally resumes", long_date(record.normally_until)),
        ("At the latest", f"{long_date(record.at_most_until)}; after that the inspection is incomplete"),
        ("Working days paused so far", f"{days} of at most {limit}"),
    ]


MOVED_NAMES = {
    "planned_last_on_site_day": "the last on-site day planned",
    "publication_target": "the publication target",
    "factual_accuracy_deadline": "the factual-accuracy deadline",
    "return_visit_by": "the date of the return visit",
}


def _pause_sentence(record: PauseRecord) -> str:
    days = record.working_days or 0
    moved = "; ".join(
        f"{MOVED_NAMES.get(name, name.replace('_', ' '))} moved from {long_date(dt.date.fromisoformat(before))} to "
        f"{long_date(dt.date.fromisoformat(after))}"
        for name, (before, after) in record.moved.items()
    )
    return (
        f"Paused {long_date(record.started_on)} to {long_date(record.ended_on)} "
        f"({days} working day{'' if days == 1 else 's'}) at the request of the {record.requested_as.lower()}: "
        f"{record.reason.rstrip('.')}. {record.get_ending_display()}."
        + (f" {moved[:1].upper()}{moved[1:]}." if moved else "")
    )


def present_wellbeing(
    user: Any,
    inspection: Inspection,
    roles: frozenset[Role],
    *,
    today: dt.date,
    situation: Situation,
    offered_actions: Mapping[str, object],
    refusal: Refusal | None = None,
) -> WellbeingPanel | None:
    """The panel for this person, or None for someone with no part in the inspection's welfare."""
    staff = bool(roles - SCHOOL)
    if not staff and not roles & SCHOOL:
        return None
    open_state = inspection.state_enum not in TERMINAL | {State.PUBLISHED}
    calendar = situation.calendar
    rows, outstanding = _checkin_rows(inspection, calendar, today)
    limit = lifecycle_policy_on(inspection.starts_on).pause_limit_working_days
    pauses = pauses_of(inspection)
    current = next((p for p in pauses if p.is_open), None)
    distress = _distress(inspection, roles, refusal) if staff else []
    waiting_now = any(not d.follow_up for d in distress)
    # A pause is offered for distress recorded since the last pause began, not again once one has been taken.
    last_pause = max((p.started_at for p in pauses), default=None)
    unanswered = staff and (any(d.at > last_pause for d in distress_open(inspection)) if last_pause else waiting_now)
    waiting = [
        f"“{t.label}” waits: {why}."
        for t, why in waiting_for_checkins(
            state=inspection.state_enum, roles=roles, facts=facts_for(inspection, situation, today)
        )
    ]
    notifying = bool(roles & {Role.SCHEDULER, Role.ADMINISTRATOR}) and outstanding[:1] == ["notification"]
    may_record = bool(roles & TEAM) or notifying
    on_site = inspection.state_enum == State.ON_SITE
    return WellbeingPanel(
        contacts=support_contact_rows() if open_state or staff else [],
        senior_inspector=senior_inspector_line(inspection) if open_state else "",
        distress=distress,
        distress_waiting=waiting_now,
        offer_pause=unanswered and on_site and "pause" in offered_actions,
        pause_form=None,
        pause_now=_pause_rows(current, today, limit, calendar) if current else [],
        pauses=[_pause_sentence(p) for p in pauses if not p.is_open],
        pause_days=_pause_days(pauses, current, today, limit, calendar),
        checkins=rows if staff else [CheckInRow(r.label, r.status.split(", recorded by")[0], r.due_now) for r in rows],
        waiting=waiting if staff else [],
        checkin_form=_checkin_form(inspection, outstanding, refusal) if may_record else None,
        distress_form=_distress_form(inspection, refusal) if roles & TEAM and open_state else None,
        pause_request_href=_href("pause-request", inspection.pk) if on_site and roles & SCHOOL else None,
    )


def _pause_days(
    pauses: list[PauseRecord], current: PauseRecord | None, today: dt.date, limit: int, calendar: WorkingDayCalendar
) -> str:
    if not pauses:
        return ""
    ended = sum(p.working_days or 0 for p in pauses if not p.is_open)
    running = calendar.working_days_after(current.started_on, today) if current else 0
    total = ended + running
    return f"{total} working day{'' if total == 1 else 's'} paused in all" + (
        f"; this pause {running} of at most {limit}" if current else f" (at most {limit} for any one pause)"
    )
