"""Taking an inspection from one state to the next: one entry point, `inspection_act`, and one small handler per
lifecycle action that checks the action's own input and records what it changes.

Every transition, in one transaction: the workflow table decides (domain.workflow.decide); the inspection's
`version` is bumped only if it is still the version this request read, so of two concurrent requests exactly one
wins and the other gets StateConflict; a StateChange row is appended; the audit trail gets an entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.domain.lifecycle_policy import add_months
from inspectorate.domain.roles import Role
from inspectorate.domain.wellbeing import resume_moves
from inspectorate.domain.workflow import (
    BY_ACTION,
    GuardRefused,
    NotPermitted,
    State,
    UnknownAction,
    WrongState,
    available,
    decide,
)
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.inspections.models import Inspection, StateChange
from inspectorate.inspections.selectors import inspection_for, roles_of, roles_on
from inspectorate.inspections.services.facts import Situation, facts_for, situation_of
from inspectorate.inspections.services.typed_text import typed_text
from inspectorate.welfare.models import PauseRecord
from inspectorate.welfare.pauses import pause_ended, pause_started
from inspectorate.welfare.selectors import planned_last_on_site_day

REFUSED_ENTRY_LEGAL_POSITION = (
    "Inspectors have a right of entry to the school's premises and records (Education Act 2005, section 10). "
    "Intentionally obstructing an inspection is an offence, with a fine of up to £2,500. The duty desk decides "
    "whether to reschedule or take the matter further."
)


@dataclass
class Context:
    inspection: Inspection
    situation: Situation
    today: dt.date
    now: dt.datetime
    data: Mapping[str, Any]
    user: Any = None
    roles: frozenset[Role] = frozenset()
    reason: str = ""
    recorded: dict[str, Any] = field(default_factory=dict)  # what the StateChange row keeps as its payload


def _text(ctx: Context, name: str, *, required: bool = True, limit: int = 200) -> str:
    return typed_text(ctx.data.get(name, ""), name, required=required, limit=limit)


def _confirmed(ctx: Context, name: str, what: str) -> bool:
    value = ctx.data.get(name)
    if value not in (True, "true", "on", "yes", "1"):
        raise InvalidInput({name: f"confirm that {what}"})
    return True


def _date(ctx: Context, name: str, *, required: bool = False) -> dt.date | None:
    value = ctx.data.get(name)
    if value in (None, ""):
        if required:
            raise InvalidInput({name: "is required"})
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput({name: f"{value!r} is not a date; write it as YYYY-MM-DD"}) from None


def _notify(ctx: Context) -> None:
    # The notification call: who was told, and that the independent senior-inspector contact and the wellbeing
    # support contacts were given (the coroner's concern: nobody to turn to beyond the lead inspector).
    ctx.recorded["told_name"] = _text(ctx, "told_name")
    ctx.recorded["told_role"] = _text(ctx, "told_role")
    _confirmed(ctx, "senior_inspector_contact_given", "the independent senior inspector's contact was given")
    _confirmed(ctx, "wellbeing_contacts_given", "the wellbeing support contacts were given")
    ctx.recorded["senior_inspector_contact_given"] = True
    ctx.recorded["wellbeing_contacts_given"] = True
    ctx.inspection.notified_at = ctx.now


def _planning_call(ctx: Context) -> None:
    ctx.recorded["notes"] = _text(ctx, "notes", required=False, limit=4000)


def _arrive(ctx: Context) -> None:
    ctx.inspection.on_site_days_done = 1
    ctx.inspection.first_on_site_day = ctx.today
    ctx.inspection.last_on_site_day = ctx.today
    ctx.recorded["on_site_day"] = 1


def _next_day(ctx: Context) -> None:
    ctx.inspection.on_site_days_done += 1
    ctx.inspection.last_on_site_day = ctx.today
    ctx.recorded["on_site_day"] = ctx.inspection.on_site_days_done


def _final_feedback(ctx: Context) -> None:
    ctx.inspection.last_on_site_day = ctx.today
    target = ctx.situation.calendar.add_working_days(ctx.today, ctx.situation.policy.publication_target_working_days)
    ctx.inspection.publication_target = target
    ctx.recorded["publication_target"] = target.isoformat()
    ctx.recorded["grades"] = dict(ctx.situation.grades)
    ctx.recorded["safeguarding"] = ctx.situation.safeguarding


def _issue_draft(ctx: Context) -> None:
    ctx.inspection.draft_issued_on = ctx.today
    deadline = ctx.situation.calendar.add_working_days(ctx.today, ctx.situation.policy.factual_accuracy_working_days)
    ctx.inspection.factual_accuracy_deadline = deadline
    ctx.recorded["factual_accuracy_deadline"] = deadline.isoformat()


def _publish(ctx: Context) -> None:
    ctx.inspection.published_on = ctx.today
    if ctx.inspection.last_on_site_day:
        days = ctx.situation.calendar.working_days_after(ctx.inspection.last_on_site_day, ctx.today)
        ctx.inspection.working_days_to_publication = days
        ctx.recorded["working_days_to_publication"] = days


def _follow_up(ctx: Context) -> None:
    choice = _text(ctx, "follow_up")
    if choice not in Inspection.FollowUp.values:
        raise InvalidInput(
            {"follow_up": f"{choice!r} is not a follow-up; choose {', '.join(Inspection.FollowUp.values)}"}
        )
    assessment = ctx.situation.assessment
    if choice == Inspection.FollowUp.NONE and (assessment.monitoring or ctx.situation.category):
        raise InvalidInput(
            {"follow_up": "the judgements call for monitoring: choose a monitoring inspection or return visit"}
        )
    ctx.inspection.follow_up = choice
    if choice == Inspection.FollowUp.RETURN_VISIT:
        ctx.inspection.return_visit_by = add_months(ctx.today, ctx.situation.policy.suspend_and_return_months)
        ctx.recorded["return_visit_by"] = ctx.inspection.return_visit_by.isoformat()
    ctx.recorded["follow_up"] = choice


def _defer(ctx: Context) -> None:
    first = _date(ctx, "unavailable_from")
    last = _date(ctx, "unavailable_until")
    if first and last and last < first:
        raise InvalidInput({"unavailable_until": "is before the first date the school cannot take"})
    ctx.recorded["unavailable_from"] = first.isoformat() if first else None
    ctx.recorded["unavailable_until"] = last.isoformat() if last else None


def _replan(ctx: Context) -> None:
    new_start = _date(ctx, "starts_on")
    if new_start:
        if new_start <= ctx.today:
            raise InvalidInput({"starts_on": "must be after today"})
        ctx.inspection.starts_on = new_start
        ctx.recorded["starts_on"] = new_start.isoformat()
    ctx.inspection.on_site_days_done = 0
    ctx.inspection.paused_on = None


def _refused(ctx: Context) -> None:
    # Recorded plainly, with the legal position, so the duty desk can decide what follows; nothing is overwritten.
    ctx.recorded["refused_by"] = _text(ctx, "refused_by", required=False)
    ctx.recorded["what_was_said"] = _text(ctx, "what_was_said", required=False, limit=4000)
    ctx.recorded["refused_at"] = ctx.now.isoformat()
    ctx.recorded["legal_position"] = REFUSED_ENTRY_LEGAL_POSITION


def _pause(ctx: Context) -> None:
    # Every pause is recorded centrally, whoever asked (the gap before 2024), and the duty desk is told.
    ctx.inspection.paused_on = ctx.today
    record = pause_started(
        inspection=ctx.inspection,
        user=ctx.user,
        roles=ctx.roles,
        reason=ctx.reason,
        calendar=ctx.situation.calendar,
        normal_working_days=ctx.situation.policy.pause_normal_working_days,
        limit_working_days=ctx.situation.policy.pause_limit_working_days,
        today=ctx.today,
        now=ctx.now,
    )
    ctx.recorded["requested_as"] = record.requested_as  # the rest is on the pause's own record


# The inspection's own deadlines that stand still while it is paused (other records keep their own targets).
PAUSABLE_DEADLINES = ("publication_target", "factual_accuracy_deadline", "return_visit_by")


def _paused_days(ctx: Context) -> int:
    paused_on = ctx.inspection.paused_on
    return ctx.situation.calendar.working_days_after(paused_on, ctx.today) if paused_on else 0


def _resume(ctx: Context) -> None:
    """No deadline runs while an inspection is paused: every deadline already set, and the rest of the on-site
    plan, move on by the working days it was paused. What moved is kept in the StateChange's payload."""
    days = _paused_days(ctx)
    calendar = ctx.situation.calendar
    deadlines = {name: getattr(ctx.inspection, name) for name in PAUSABLE_DEADLINES}
    # The plan is derived from the pauses' records, so it is moved by closing the pause; it is named here to say so.
    deadlines["planned_last_on_site_day"] = planned_last_on_site_day(ctx.inspection, calendar)
    moves = resume_moves(deadlines, days, calendar.add_working_days)
    for name, (_, after) in moves.items():
        if name in PAUSABLE_DEADLINES:
            setattr(ctx.inspection, name, after)
    moved = {name: [before.isoformat(), after.isoformat()] for name, (before, after) in moves.items()}
    pause_ended(
        inspection=ctx.inspection,
        user=ctx.user,
        ending=PauseRecord.Ending.RESUMED,
        working_days=days,
        moved=moved,
        today=ctx.today,
        now=ctx.now,
    )
    ctx.recorded["paused_working_days"] = days
    ctx.recorded["moved"] = moved
    ctx.inspection.paused_on = None


def _incomplete(ctx: Context) -> None:
    days = _paused_days(ctx)
    pause_ended(
        inspection=ctx.inspection,
        user=ctx.user,
        ending=PauseRecord.Ending.INCOMPLETE,
        working_days=days,
        moved={},
        today=ctx.today,
        now=ctx.now,
    )
    ctx.recorded["paused_working_days"] = days


def _withdraw(ctx: Context) -> None:
    if ctx.inspection.state_enum == State.PAUSED:
        pause_ended(
            inspection=ctx.inspection,
            user=ctx.user,
            ending=PauseRecord.Ending.WITHDRAWN,
            working_days=_paused_days(ctx),
            moved={},
            today=ctx.today,
            now=ctx.now,
        )


def _suspend(ctx: Context) -> None:
    by = add_months(ctx.today, ctx.situation.policy.suspend_and_return_months)
    ctx.inspection.return_visit_by = by
    ctx.recorded["return_visit_by"] = by.isoformat()


def _nothing(ctx: Context) -> None:
    return None


HANDLERS: dict[str, Callable[[Context], None]] = {
    "notify": _notify,
    "hold_planning_call": _planning_call,
    "arrive_on_site": _arrive,
    "start_next_on_site_day": _next_day,
    "give_final_feedback": _final_feedback,
    "issue_draft": _issue_draft,
    "publish": _publish,
    "decide_follow_up": _follow_up,
    "defer": _defer,
    "replan": _replan,
    "record_refused_entry": _refused,
    "pause": _pause,
    "resume": _resume,
    "mark_incomplete": _incomplete,
    "withdraw": _withdraw,
    "suspend_for_safeguarding_return": _suspend,
    "start_return_visit": _arrive,
}


def _conflict(
    inspection: Inspection, message: str, situation: Situation, user: object, today: dt.date
) -> StateConflict:
    allowed = [
        t.action
        for t in available(
            state=inspection.state_enum,
            roles=roles_on(user, inspection),
            facts=facts_for(inspection, situation, today),
        )
    ]
    return StateConflict(message, current_state=inspection.state, allowed_actions=allowed, version=inspection.version)


def inspection_act(
    *,
    user: Any,
    inspection_id: int,
    action: str,
    reason: str = "",
    data: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Inspection:
    """Take `action` on the inspection for `user`. Raises NotFound, NotAllowed, InvalidInput or StateConflict."""
    if action not in BY_ACTION:
        raise InvalidInput({"action": f"unknown action {action!r}; known actions: {', '.join(BY_ACTION)}"})
    moment = now or timezone.now()
    day = today or timezone.localdate(moment)
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        situation = situation_of(inspection)
        if expected_version is not None and expected_version != inspection.version:
            raise _conflict(
                inspection,
                f"Someone else changed this inspection first (you saw version {expected_version}, it is now "
                f"{inspection.version}): look at it again before you act.",
                situation,
                user,
                day,
            )
        roles = roles_on(user, inspection)
        try:
            decision = decide(
                state=inspection.state_enum,
                action=action,
                roles=roles,
                facts=facts_for(inspection, situation, day),
                reason=reason,
            )
        except UnknownAction as err:  # pragma: no cover - checked above
            raise InvalidInput({"action": str(err)}) from err
        except NotPermitted as err:
            if Role.LEAD_INSPECTOR in roles_of(user) and Role.LEAD_INSPECTOR in BY_ACTION[action].roles:
                raise NotAllowed(f"{err} You are not the lead inspector of this inspection.") from err
            raise NotAllowed(str(err)) from err
        except WrongState as err:
            raise _conflict(inspection, str(err), situation, user, day) from err
        except GuardRefused as err:
            if BY_ACTION[action].needs_reason and not reason.strip():
                raise InvalidInput({"reason": str(err)}) from err
            raise _conflict(inspection, str(err), situation, user, day) from err
        ctx = Context(inspection, situation, day, moment, data or {}, user, roles, decision.reason)
        HANDLERS.get(action, _nothing)(ctx)
        read_version = inspection.version
        # The row lock and the check in one statement: a concurrent winner has already bumped the version.
        if not Inspection.objects.filter(pk=inspection.pk, version=read_version).update(version=F("version") + 1):
            inspection.refresh_from_db()
            raise _conflict(
                inspection,
                "Someone else changed this inspection at the same moment: look at it again.",
                situation,
                user,
                day,
            )
        inspection.version = read_version + 1
        inspection.state = decision.target.value
        inspection.save()
        StateChange.objects.create(
            inspection=inspection,
            sequence=inspection.version,
            action=action,
            from_state=decision.source.value,
            to_state=decision.target.value,
            actor=user,
            at=moment,
            reason=decision.reason,
            payload=ctx.recorded,
        )
        audit_record(
            action=f"inspection.{action}",
            actor=user,
            object_type="inspection",
            object_id=inspection.pk,
            details={
                "from": decision.source.value,
                "to": decision.target.value,
                "reason": decision.reason,
                **ctx.recorded,
            },
            at=moment,
        )
    return inspection


def actions_for(user: object, inspection: Inspection, *, today: dt.date | None = None) -> list[Any]:
    """The transitions this person may take now (the domain decides; pages and the API only show them)."""
    day = today or timezone.localdate()
    situation = situation_of(inspection)
    return available(
        state=inspection.state_enum, roles=roles_on(user, inspection), facts=facts_for(inspection, situation, day)
    )


def state_of(value: str) -> State:
    try:
        return State(value)
    except ValueError:
        raise NotFound(f"No such state {value!r}") from None
