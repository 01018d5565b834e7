"""The inspection lifecycle as one transition table.

Every state change of an inspection goes through `decide()`: it looks the action up in TRANSITIONS, checks the
state, the person's roles and the guards, and returns what to record. Nothing else moves an inspection, so the
table below is the whole of the workflow. Requests that run beside it (deferral and pause requests, wellbeing
check-ins, concerns) are records with their own status; granting one of them takes a transition here.

States and their meaning follow ../shared/domain/inspection-process.md, sections 1-7.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from inspectorate.domain.roles import Role
from inspectorate.domain.wellbeing import Point, checkin_label, end_of_day_keys, missing


class State(StrEnum):
    PLANNED = "planned"
    NOTIFIED = "notified"
    PLANNING_CALL_HELD = "planning_call_held"
    ON_SITE = "on_site"
    FINAL_FEEDBACK_GIVEN = "final_feedback_given"
    DRAFTING = "drafting"
    QUALITY_ASSURANCE = "quality_assurance"
    FACTUAL_ACCURACY_CHECK = "factual_accuracy_check"
    FINALISED = "finalised"
    PUBLISHED = "published"
    FOLLOW_UP_DECIDED = "follow_up_decided"
    DEFERRED = "deferred"
    ENTRY_REFUSED = "entry_refused"
    PAUSED = "paused"
    INCOMPLETE = "incomplete"
    SUSPENDED_FOR_SAFEGUARDING_RETURN = "suspended_for_safeguarding_return"
    WITHDRAWN = "withdrawn"


TERMINAL = frozenset({State.FOLLOW_UP_DECIDED, State.WITHDRAWN})
BEFORE_ON_SITE = frozenset({State.PLANNED, State.NOTIFIED, State.PLANNING_CALL_HELD})
NOT_YET_PUBLISHED = frozenset(State) - TERMINAL - {State.PUBLISHED}


@dataclass(frozen=True)
class Facts:
    """What the guards need to know about an inspection now. The service gathers them; the table decides."""

    today: dt.date
    on_site_days_done: int = 0
    on_site_days_planned: int = 2
    judgements_recorded: bool = False
    judgement_problems: tuple[str, ...] = ()  # what is missing or wrong in the judgements, for a person to read
    report_drafted: bool = False
    suspend_and_return_possible: bool = False
    factual_accuracy_deadline: dt.date | None = None
    school_responded_to_draft: bool = False
    pause_working_days: int = 0
    pause_limit_working_days: int = 5
    # The wellbeing check-ins of the current round recorded or declined, by key (domain.wellbeing.checkin_key).
    checkins_done: frozenset[str] = frozenset()


Guard = Callable[[Facts], str | None]  # a reason the action cannot be taken now, or None


def _all_on_site_days_done(f: Facts) -> str | None:
    if f.on_site_days_done < f.on_site_days_planned:
        return f"only {f.on_site_days_done} of {f.on_site_days_planned} on-site days are done"
    return None


def _another_on_site_day_planned(f: Facts) -> str | None:
    if f.on_site_days_done >= f.on_site_days_planned:
        return f"all {f.on_site_days_planned} on-site days are done: give final feedback instead"
    return None


def _judgements_recorded(f: Facts) -> str | None:
    if f.judgements_recorded:
        return None
    if f.judgement_problems:
        return "the judgements are not complete: " + "; ".join(f.judgement_problems)
    return "no judgements are recorded yet"


def _report_drafted(f: Facts) -> str | None:
    return None if f.report_drafted else "the report has no text yet: write its summary first"


def _suspend_and_return_possible(f: Facts) -> str | None:
    if f.suspend_and_return_possible:
        return None
    return (
        "suspend-and-return applies only under the renewed framework, when safeguarding is not met and no "
        "evaluation area is urgent improvement"
    )


def _factual_accuracy_window_over(f: Facts) -> str | None:
    if f.school_responded_to_draft or f.factual_accuracy_deadline is None:
        return None
    if f.today <= f.factual_accuracy_deadline:
        return (
            f"the school's factual-accuracy window is open until {f.factual_accuracy_deadline:%d %B %Y} "
            "and the school has not responded"
        )
    return None


def _pause_over_the_limit(f: Facts) -> str | None:
    if f.pause_working_days <= f.pause_limit_working_days:
        return (
            f"the pause has run {f.pause_working_days} of at most {f.pause_limit_working_days} working days: "
            "resume it, or wait until it is over the limit"
        )
    return None


def _checkins_needed(f: Facts, needed: list[str]) -> str | None:
    waiting = missing(needed, f.checkins_done)
    if not waiting:
        return None
    names = "; ".join(checkin_label(key).lower() for key in waiting)
    plural = "s are" if len(waiting) > 1 else " is"
    return (
        f"the wellbeing check-in{plural} not recorded yet ({names}): record each one, or that the headteacher "
        "declined it"
    )


def _notification_checkin(f: Facts) -> str | None:
    return _checkins_needed(f, [Point.NOTIFICATION.value])


def _end_of_day_checkins(f: Facts) -> str | None:
    return _checkins_needed(f, end_of_day_keys(f.on_site_days_done))


def _final_feedback_checkin(f: Facts) -> str | None:
    return _checkins_needed(f, [Point.FINAL_FEEDBACK.value])


def _follow_up_checkin(f: Facts) -> str | None:
    return _checkins_needed(f, [Point.FOLLOW_UP.value])


CHECKIN_GUARDS = frozenset({_notification_checkin, _end_of_day_checkins, _final_feedback_checkin, _follow_up_checkin})

INSPECTORS = frozenset({Role.LEAD_INSPECTOR})
PLANNERS = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR})
PAUSERS = INSPECTORS | {Role.DUTY_DESK, Role.HEADTEACHER, Role.RESPONSIBLE_BODY}


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[State]
    target: State
    roles: frozenset[Role]
    guards: tuple[Guard, ...] = ()
    needs_reason: bool = False


def _t(
    action: str,
    label: str,
    sources: Iterable[State],
    target: State,
    roles: Iterable[Role],
    guards: tuple[Guard, ...] = (),
    needs_reason: bool = False,
) -> Transition:
    return Transition(action, label, frozenset(sources), target, frozenset(roles), guards, needs_reason)


S = State
TRANSITIONS: tuple[Transition, ...] = (
    _t("notify", "Record the notification call", [S.PLANNED], S.NOTIFIED, PLANNERS | INSPECTORS),
    _t(
        "hold_planning_call",
        "Record the planning call",
        [S.NOTIFIED],
        S.PLANNING_CALL_HELD,
        INSPECTORS,
        (_notification_checkin,),
    ),
    _t("arrive_on_site", "Start the first on-site day", [S.PLANNING_CALL_HELD], S.ON_SITE, INSPECTORS),
    _t(
        "start_next_on_site_day",
        "Start the next on-site day",
        [S.ON_SITE],
        S.ON_SITE,
        INSPECTORS,
        (_another_on_site_day_planned, _end_of_day_checkins),
    ),
    _t(
        "give_final_feedback",
        "Record the final feedback meeting",
        [S.ON_SITE],
        S.FINAL_FEEDBACK_GIVEN,
        INSPECTORS,
        (_all_on_site_days_done, _judgements_recorded, _end_of_day_checkins),
    ),
    _t(
        "start_drafting",
        "Start drafting the report",
        [S.FINAL_FEEDBACK_GIVEN],
        S.DRAFTING,
        INSPECTORS,
        (_final_feedback_checkin,),
    ),
    _t(
        "submit_for_quality_assurance",
        "Send the draft to quality assurance",
        [S.DRAFTING],
        S.QUALITY_ASSURANCE,
        INSPECTORS,
        (_report_drafted, _judgements_recorded),
    ),
    _t(
        "return_for_changes",
        "Return the draft for changes",
        [S.QUALITY_ASSURANCE],
        S.DRAFTING,
        [Role.QUALITY_ASSURANCE],
        needs_reason=True,
    ),
    _t(
        "issue_draft",
        "Issue the draft to the school",
        [S.QUALITY_ASSURANCE],
        S.FACTUAL_ACCURACY_CHECK,
        [Role.QUALITY_ASSURANCE],
    ),
    _t(
        "finalise",
        "Finalise the report",
        [S.FACTUAL_ACCURACY_CHECK],
        S.FINALISED,
        [Role.LEAD_INSPECTOR, Role.QUALITY_ASSURANCE],
        (_factual_accuracy_window_over, _follow_up_checkin),
    ),
    _t("publish", "Publish the report", [S.FINALISED], S.PUBLISHED, [Role.QUALITY_ASSURANCE, Role.ADMINISTRATOR]),
    _t("decide_follow_up", "Decide the follow-up", [S.PUBLISHED], S.FOLLOW_UP_DECIDED, PLANNERS | INSPECTORS),
    # Side paths.
    _t(
        "defer",
        "Defer (a deferral was granted)",
        BEFORE_ON_SITE,
        S.DEFERRED,
        PLANNERS | {Role.DUTY_DESK},
        needs_reason=True,
    ),
    _t(
        "replan",
        "Return to planning",
        [S.DEFERRED, S.ENTRY_REFUSED, S.INCOMPLETE],
        S.PLANNED,
        PLANNERS | {Role.DUTY_DESK},
        needs_reason=True,
    ),
    _t(
        "record_refused_entry",
        "Record that entry was refused",
        [S.PLANNING_CALL_HELD, S.ON_SITE],
        S.ENTRY_REFUSED,
        INSPECTORS,
        needs_reason=True,
    ),
    # Pausing is for an inspection under way (docs/adr/0015): before it, a deferral; after final feedback, no one is
    # on site to leave. The headteacher and the responsible body may pause it themselves, at once.
    _t("pause", "Pause the inspection", [S.ON_SITE], S.PAUSED, PAUSERS, needs_reason=True),
    _t("resume", "Resume the inspection", [S.PAUSED], S.ON_SITE, INSPECTORS | {Role.DUTY_DESK}),
    _t(
        "mark_incomplete",
        "Mark incomplete: paused too long",
        [S.PAUSED],
        S.INCOMPLETE,
        [Role.DUTY_DESK, Role.ADMINISTRATOR],
        (_pause_over_the_limit,),
    ),
    _t(
        "suspend_for_safeguarding_return",
        "Suspend for a safeguarding return visit",
        [S.FINAL_FEEDBACK_GIVEN, S.DRAFTING, S.QUALITY_ASSURANCE],
        S.SUSPENDED_FOR_SAFEGUARDING_RETURN,
        INSPECTORS | {Role.QUALITY_ASSURANCE},
        (_suspend_and_return_possible, _final_feedback_checkin),
        needs_reason=True,
    ),
    _t(
        "start_return_visit",
        "Start the safeguarding return visit",
        [S.SUSPENDED_FOR_SAFEGUARDING_RETURN],
        S.ON_SITE,
        INSPECTORS,
    ),
    _t("withdraw", "Withdraw the inspection", NOT_YET_PUBLISHED, S.WITHDRAWN, [Role.ADMINISTRATOR], needs_reason=True),
)
BY_ACTION: dict[str, Transition] = {t.action: t for t in TRANSITIONS}


class WorkflowError(Exception):
    """An action that cannot be taken: the message says why, for a person to read."""


class UnknownAction(WorkflowError):
    pass


class WrongState(WorkflowError):
    def __init__(self, action: str, current: State, allowed: list[str]) -> None:
        self.current = current
        self.allowed = allowed
        options = ", ".join(allowed) if allowed else "none"
        super().__init__(
            f"Cannot {action.replace('_', ' ')} while the inspection is {current.value}; actions allowed now: {options}"
        )


class NotPermitted(WorkflowError):
    pass


class GuardRefused(WorkflowError):
    pass


@dataclass(frozen=True)
class Decision:
    transition: Transition
    source: State
    target: State
    reason: str
    notes: tuple[str, ...] = field(default_factory=tuple)


def actions_from(state: State) -> list[str]:
    return [t.action for t in TRANSITIONS if state in t.sources]


def decide(*, state: State, action: str, roles: Iterable[Role], facts: Facts, reason: str = "") -> Decision:
    """Check that `action` may be taken now by someone with `roles`, and say where it leads."""
    transition = BY_ACTION.get(action)
    if transition is None:
        raise UnknownAction(f"Unknown action {action!r}; known actions: {', '.join(BY_ACTION)}")
    if state not in transition.sources:
        raise WrongState(action, state, actions_from(state))
    if not transition.roles & set(roles):
        who = ", ".join(sorted(r.value for r in transition.roles))
        raise NotPermitted(f"Only these roles may {transition.label.lower()}: {who}")
    if transition.needs_reason and not reason.strip():
        raise GuardRefused(f"Give a reason to {transition.label.lower()}")
    refusals = [msg for guard in transition.guards if (msg := guard(facts))]
    if refusals:
        raise GuardRefused(f"Cannot {transition.label.lower()}: " + "; ".join(refusals))
    return Decision(transition, state, transition.target, reason.strip())


def available(*, state: State, roles: Iterable[Role], facts: Facts) -> list[Transition]:
    """The actions this person may take now: what a page offers them (guards included)."""
    held = set(roles)
    return [
        t for t in TRANSITIONS if state in t.sources and t.roles & held and not any(guard(facts) for guard in t.guards)
    ]


def waiting_for_checkins(*, state: State, roles: Iterable[Role], facts: Facts) -> list[tuple[Transition, str]]:
    """The actions held back only by a missing wellbeing check-in, with the check-in's refusal."""
    held = set(roles)
    waiting = []
    for t in TRANSITIONS:
        if state not in t.sources or not t.roles & held:
            continue
        other = [g for g in t.guards if g not in CHECKIN_GUARDS and g(facts)]
        checkins = [msg for g in t.guards if g in CHECKIN_GUARDS and (msg := g(facts))]
        if checkins and not other:
            waiting.append((t, checkins[0]))
    return waiting
