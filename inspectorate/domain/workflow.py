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


INSPECTORS = frozenset({Role.LEAD_INSPECTOR})
PLANNERS = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR})


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
    _t("hold_planning_call", "Record the planning call", [S.NOTIFIED], S.PLANNING_CALL_HELD, INSPECTORS),
    _t("arrive_on_site", "Start the first on-site day", [S.PLANNING_CALL_HELD], S.ON_SITE, INSPECTORS),
    _t(
        "start_next_on_site_day",
        "Start the next on-site day",
        [S.ON_SITE],
        S.ON_SITE,
        INSPECTORS,
        (_another_on_site_day_planned,),
    ),
    _t(
        "give_final_feedback",
        "Record the final feedback meeting",
        [S.ON_SITE],
        S.FINAL_FEEDBACK_GIVEN,
        INSPECTORS,
        (_all_on_site_days_done, _judgements_recorded),
    ),
    _t("start_drafting", "Start drafting the report", [S.FINAL_FEEDBACK_GIVEN], S.DRAFTING, INSPECTORS),
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
        (_factual_accuracy_window_over,),
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
    _t("pause", "Pause the inspection", [S.ON_SITE], S.PAUSED, INSPECTORS | {Role.DUTY_DESK}, needs_reason=True),
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
        (_suspend_and_return_possible,),
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
