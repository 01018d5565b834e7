"""The independent route for concerns: raised by the school, routed at once to a senior inspector who is not on
the inspection's team, acknowledged within a target in working hours, answered with an outcome, and escalated to
the duty desk when the target is missed (docs/adr/0017).

Each use case is one function and one transaction; history is appended as ConcernEvent rows, every action goes to
the audit trail, and messages are queued in the same transaction (they go out only if it commits).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.audit.services import audit_record
from inspectorate.concerns.models import Concern, ConcernEvent
from inspectorate.concerns.selectors import concern_for
from inspectorate.domain.concern_policy import RaiseWindow, concern_policy_on, raise_window
from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import State
from inspectorate.domain.working_days import WorkingDayCalendar
from inspectorate.domain.working_hours import add_working_hours
from inspectorate.inspections.errors import InvalidInput, NotAllowed, StateConflict
from inspectorate.inspections.models import Inspection, TeamMember
from inspectorate.inspections.selectors import inspection_for, roles_of, roles_on
from inspectorate.inspections.services.typed_text import typed_text
from inspectorate.notifications.services import message_queue, message_role
from inspectorate.schoolcalendar.services import school_calendar
from inspectorate.web.formatting import long_date

SCHOOL = frozenset({Role.HEADTEACHER, Role.RESPONSIBLE_BODY})
ROUTERS = frozenset({Role.DUTY_DESK, Role.ADMINISTRATOR})
# Notified and not yet past the on-site days: the inspection is "under way" (a pause does not end it).
UNDER_WAY = frozenset({State.NOTIFIED, State.PLANNING_CALL_HELD, State.ON_SITE, State.PAUSED})
TEXT_LIMIT = 5_000


# ---------------------------------------------------------------------------------------------------------------
# Who the concern goes to
# ---------------------------------------------------------------------------------------------------------------


def _open_concern_count() -> Count:
    return Count("concerns_routed", filter=Q(concerns_routed__closed_at__isnull=True))


def independent_senior_for(inspection: Inspection) -> User | None:
    """The independent senior inspector for this inspection: an active Independent senior inspector who is not on
    its team. Of several, the one with the fewest open concerns, then the lowest id, so the choice is repeatable.
    None when there is nobody independent (the duty desk then routes the concern by hand)."""
    team = TeamMember.objects.filter(inspection=inspection).values("inspector_id")
    return (
        User.objects.filter(is_active=True, groups__name=Role.SENIOR_INSPECTOR.value)
        .exclude(pk__in=team)
        .annotate(open_concerns=_open_concern_count())
        .order_by("open_concerns", "pk")
        .first()
    )


def senior_inspectors() -> list[User]:
    """Every active Independent senior inspector, for the duty desk's choice when it routes a concern by hand."""
    return list(User.objects.filter(is_active=True, groups__name=Role.SENIOR_INSPECTOR.value).order_by("pk"))


def _why_not_independent(candidate: User, inspection: Inspection) -> str | None:
    place = TeamMember.objects.filter(inspection=inspection, inspector=candidate).first()
    if place is not None:
        return (
            f"{candidate.display_name} is the {place.get_capacity_display().lower()} on {inspection.reference}. "
            "A concern goes to a senior inspector who is not on the team, so that it is heard independently of "
            "the people it may be about."
        )
    if not candidate.is_active or Role.SENIOR_INSPECTOR not in roles_of(candidate):
        return f"{candidate.display_name} is not an active independent senior inspector."
    return None


# ---------------------------------------------------------------------------------------------------------------
# When a concern can be raised, and when it must be acknowledged
# ---------------------------------------------------------------------------------------------------------------


def office_calendar(inspection: Inspection) -> WorkingDayCalendar:
    """The inspectorate's working days for its own targets: weekends and bank holidays are off, but the school's
    holidays are not (the senior inspector works through them)."""
    return WorkingDayCalendar(school_calendar(inspection.establishment).calendar.bank_holidays)


def window_for(inspection: Inspection) -> RaiseWindow:
    notified = timezone.localdate(inspection.notified_at) if inspection.notified_at else None
    return raise_window(
        notified_on=notified,
        last_on_site_day=inspection.last_on_site_day,
        under_way=inspection.state_enum in UNDER_WAY,
        calendar=school_calendar(inspection.establishment).calendar,
        policy=concern_policy_on(notified or inspection.starts_on),
    )


def acknowledgement_target(inspection: Inspection, raised_at: dt.datetime) -> dt.datetime:
    policy = concern_policy_on(timezone.localdate(raised_at))
    return add_working_hours(raised_at, policy.acknowledgement_working_hours, office_calendar(inspection))


def window_closed_message(window: RaiseWindow, today: dt.date) -> str:
    if window.opens is None:
        return (
            "A concern can be raised through this route once the school has been notified of the inspection. "
            "Until then, contact the inspectorate's helpline."
        )
    if today < window.opens:
        return f"A concern about this inspection can be raised from {long_date(window.opens)}."
    closes = long_date(window.closes) if window.closes else ""
    return (
        f"A concern about this inspection could be raised from {long_date(window.opens)} until the end of "
        f"{closes}, the working day after the last on-site day; today is {long_date(today)}. You can still make "
        "a formal complaint when you receive the draft report."
    )


@dataclass(frozen=True)
class Prospect:
    """What the school is told before it raises a concern: who will get it, by when they will acknowledge it."""

    senior: User | None
    acknowledge_by: dt.datetime
    window: RaiseWindow
    may_raise: bool
    why_not: str


def concern_prospect(inspection: Inspection, *, now: dt.datetime) -> Prospect:
    window = window_for(inspection)
    today = timezone.localdate(now)
    allowed = window.allows(today)
    return Prospect(
        senior=independent_senior_for(inspection),
        acknowledge_by=acknowledgement_target(inspection, now),
        window=window,
        may_raise=allowed,
        why_not="" if allowed else window_closed_message(window, today),
    )


# ---------------------------------------------------------------------------------------------------------------
# The use cases
# ---------------------------------------------------------------------------------------------------------------


def _event(concern: Concern, kind: ConcernEvent.Kind, actor: Any | None, at: dt.datetime, note: str = "") -> None:
    ConcernEvent.objects.create(concern=concern, kind=kind, actor=actor, at=at, note=note)


def _audit(action: str, actor: Any | None, concern: Concern, at: dt.datetime, **details: Any) -> None:
    audit_record(
        action=f"concern.{action}",
        actor=actor,
        object_type="inspection",
        object_id=concern.inspection_id,
        details={"concern": concern.pk, **details},
        at=at,
    )


def _text(value: str, field: str, what: str) -> str:
    return typed_text(value or "", field, limit=TEXT_LIMIT, missing=what)


def _moment(target: dt.datetime) -> str:
    local = timezone.localtime(target)
    return f"{local:%H:%M} on {local:%A} {long_date(local.date())}"


def _tell_senior(concern: Concern, senior: User) -> None:
    inspection = concern.inspection
    message_queue(
        event=f"concern:{concern.pk}:routed:{senior.pk}",
        recipient=senior,
        subject=f"A concern about {inspection.reference} is routed to you",
        body=(
            f"{inspection.establishment.name} has raised a concern about inspection {inspection.reference}. "
            f"You are not on its team, so it comes to you. Please acknowledge it by {_moment(concern.acknowledge_by)}"
            f": {reverse('concern-detail', args=[concern.pk])}"
        ),
    )


def _route(concern: Concern, senior: User, actor: Any | None, at: dt.datetime, why: str) -> None:
    concern.routed_to = senior
    concern.save(update_fields=["routed_to"])
    _event(concern, ConcernEvent.Kind.ROUTED, actor, at, f"Routed to {senior.display_name}: {why}")
    _tell_senior(concern, senior)


@transaction.atomic
def concern_raise(*, user: Any, inspection_id: int, text: str, now: dt.datetime | None = None) -> Concern:
    """The school raises a concern; it is routed at once to the independent senior inspector (or, when there is
    none, to the duty desk to route by hand). Refused outside the window, with its dates."""
    inspection = inspection_for(user, inspection_id)
    if not roles_on(user, inspection) & SCHOOL:
        raise NotAllowed(
            "Only the school's headteacher or its responsible body can raise a concern through this route."
        )
    cleaned = _text(text, "text", "write what your concern is")
    moment = now or timezone.now()
    prospect = concern_prospect(inspection, now=moment)
    if not prospect.may_raise:
        raise StateConflict(
            prospect.why_not, current_state=inspection.state, allowed_actions=[], version=inspection.version
        )
    concern = Concern.objects.create(
        inspection=inspection, raised_by=user, raised_at=moment, text=cleaned, acknowledge_by=prospect.acknowledge_by
    )
    _event(concern, ConcernEvent.Kind.RAISED, user, moment)
    senior = prospect.senior
    if senior is not None:
        _route(concern, senior, None, moment, "an independent senior inspector, not on the inspection's team")
    else:
        message_role(
            event=f"concern:{concern.pk}:unrouted",
            role=Role.DUTY_DESK,
            subject=f"A concern about {inspection.reference} has nobody to go to",
            body=(
                "No independent senior inspector is available for this inspection. Route the concern by hand: "
                f"{reverse('concern-detail', args=[concern.pk])}"
            ),
        )
    message_queue(
        event=f"concern:{concern.pk}:received",
        recipient=user,
        subject=f"Your concern about inspection {inspection.reference}",
        body=(
            f"We have your concern. {senior.display_name if senior else 'A senior inspector'}, who is not on the "
            f"inspection team, will acknowledge it by {_moment(concern.acknowledge_by)}."
        ),
    )
    _audit("raise", user, concern, moment, routed_to=senior.username if senior else "")
    return concern


@transaction.atomic
def concern_route(*, user: Any, concern_id: int, to_username: str, now: dt.datetime | None = None) -> Concern:
    """The duty desk routes (or re-routes) a concern to a named senior inspector; never to one on the team."""
    if not roles_of(user) & ROUTERS:
        raise NotAllowed("Only the duty desk or an administrator can route a concern.")
    concern = concern_for(user, concern_id)
    if concern.closed_at is not None:
        raise StateConflict(
            f"{concern.reference} was closed on {long_date(timezone.localdate(concern.closed_at))}.",
            current_state="closed",
            allowed_actions=[],
            version=0,
        )
    candidate = User.objects.filter(username=(to_username or "").strip()).first()
    if candidate is None:
        raise InvalidInput({"to_username": f"there is nobody with the username {to_username!r}"})
    why_not = _why_not_independent(candidate, concern.inspection)
    if why_not is not None:
        raise InvalidInput({"to_username": why_not})
    if candidate.pk == concern.routed_to_id:
        raise InvalidInput({"to_username": f"the concern is already with {candidate.display_name}"})
    moment = now or timezone.now()
    _route(concern, candidate, user, moment, f"chosen by {user.display_name} of the duty desk")
    _audit("route", user, concern, moment, routed_to=candidate.username)
    return concern


def _routed_senior(user: Any, concern_id: int, what: str) -> Concern:
    concern = concern_for(user, concern_id)
    if concern.routed_to_id != getattr(user, "pk", None):
        raise NotAllowed(f"Only the senior inspector the concern is routed to can {what} it.")
    if concern.closed_at is not None:
        raise StateConflict(
            f"{concern.reference} is closed: it was answered on {long_date(timezone.localdate(concern.closed_at))}.",
            current_state="closed",
            allowed_actions=[],
            version=0,
        )
    return concern


def _tell_school(concern: Concern, event: str, subject: str, body: str) -> None:
    message_queue(event=f"concern:{concern.pk}:{event}", recipient=concern.raised_by, subject=subject, body=body)


@transaction.atomic
def concern_acknowledge(*, user: Any, concern_id: int, now: dt.datetime | None = None) -> Concern:
    concern = _routed_senior(user, concern_id, "acknowledge")
    if concern.acknowledged_at is not None:
        raise StateConflict(
            f"{concern.reference} was acknowledged at {_moment(concern.acknowledged_at)}.",
            current_state="acknowledged",
            allowed_actions=["respond"],
            version=0,
        )
    moment = now or timezone.now()
    _acknowledge(concern, user, moment)
    return concern


def _acknowledge(concern: Concern, user: Any, moment: dt.datetime) -> None:
    concern.acknowledged_at = moment
    concern.save(update_fields=["acknowledged_at"])
    within = moment <= concern.acknowledge_by
    _event(concern, ConcernEvent.Kind.ACKNOWLEDGED, user, moment, "within its target" if within else "after its target")
    _tell_school(
        concern,
        "acknowledged",
        f"Your concern about {concern.inspection.reference} is acknowledged",
        f"{user.display_name}, an independent senior inspector, has your concern and will respond.",
    )
    _audit("acknowledge", user, concern, moment, within_target=within)


@transaction.atomic
def concern_respond(
    *, user: Any, concern_id: int, response: str, outcome: str, now: dt.datetime | None = None
) -> Concern:
    """The routed senior inspector answers: the response and the outcome close the concern, and the school sees
    both. Answering also acknowledges a concern not yet acknowledged."""
    concern = _routed_senior(user, concern_id, "respond to")
    errors = {}
    cleaned = (response or "").strip()
    if not cleaned:
        errors["response"] = "write the response the school will read"
    elif len(cleaned) > TEXT_LIMIT:
        errors["response"] = f"is {len(cleaned)} characters long; at most {TEXT_LIMIT}"
    if outcome not in Concern.Outcome.values:
        choices = ", ".join(Concern.Outcome.values)
        errors["outcome"] = f"choose the outcome ({outcome!r} is not one of {choices})"
    if errors:
        raise InvalidInput(errors)
    moment = now or timezone.now()
    if concern.acknowledged_at is None:
        _acknowledge(concern, user, moment)
    concern.response, concern.outcome, concern.closed_at = cleaned, outcome, moment
    concern.save(update_fields=["response", "outcome", "closed_at"])
    _event(concern, ConcernEvent.Kind.RESPONDED, user, moment, cleaned)
    _event(concern, ConcernEvent.Kind.CLOSED, user, moment, concern.get_outcome_display())
    _tell_school(
        concern,
        "responded",
        f"A response to your concern about {concern.inspection.reference}",
        f"{user.display_name} has responded. Read it at {reverse('concern-detail', args=[concern.pk])}",
    )
    _audit("respond", user, concern, moment, outcome=outcome)
    return concern


@transaction.atomic
def concerns_escalate(*, now: dt.datetime | None = None) -> list[Concern]:
    """Escalate to the duty desk every open concern not acknowledged by its target. Run on a schedule; running it
    again escalates nothing twice."""
    moment = now or timezone.now()
    due = (
        Concern.objects.select_for_update(of=("self",))
        .filter(closed_at__isnull=True, acknowledged_at__isnull=True, escalated_at__isnull=True)
        .filter(acknowledge_by__lt=moment)
        .select_related("inspection__establishment", "routed_to")
        .order_by("acknowledge_by", "pk")
    )
    escalated = []
    for concern in due:
        concern.escalated_at, concern.escalated_to = moment, Role.DUTY_DESK.value
        concern.save(update_fields=["escalated_at", "escalated_to"])
        who = concern.routed_to.display_name if concern.routed_to else "nobody (no independent senior inspector)"
        note = f"Not acknowledged by {_moment(concern.acknowledge_by)}; it was with {who}."
        _event(concern, ConcernEvent.Kind.ESCALATED, None, moment, note)
        message_role(
            event=f"concern:{concern.pk}:escalated",
            role=Role.DUTY_DESK,
            subject=f"Concern {concern.reference} missed its acknowledgement target",
            body=f"{concern.inspection.establishment.name}: {note} {reverse('concern-detail', args=[concern.pk])}",
        )
        _audit("escalate", None, concern, moment, escalated_to=Role.DUTY_DESK.value)
        escalated.append(concern)
    return escalated
