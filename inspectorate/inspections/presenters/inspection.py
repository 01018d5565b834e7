"""An inspection's page: its facts and deadlines, the actions this person may take now (the domain decides, through
`actions_for`; here they become forms), the outcome if they may see it, the timeline and the school's history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.urls import NoReverseMatch, reverse

from inspectorate.domain.frameworks import framework
from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import BY_ACTION, State, Transition
from inspectorate.inspections.forms import REASON, inputs_for
from inspectorate.inspections.models import Inspection, TeamMember
from inspectorate.inspections.presenters.fields import (
    ErrorLink,
    Field,
    FormView,
    Refusal,
    error_links,
    field_from_input,
    submitted_to,
    unplaced,
)
from inspectorate.inspections.presenters.outcome import OutcomeView, present_outcome
from inspectorate.inspections.presenters.timeline import TimelineEntry, timeline
from inspectorate.inspections.presenters.words import Tag, school_name, sentence, state_tag
from inspectorate.inspections.presenters.workspace import may_use_workspace
from inspectorate.inspections.selectors import outcome_access, roles_on
from inspectorate.inspections.services.evidence import provisional_outcome_viewed
from inspectorate.inspections.services.facts import Situation, situation_of
from inspectorate.inspections.services.lifecycle import actions_for
from inspectorate.register.presenters.inspections import InspectionCard, inspection_card
from inspectorate.web.formatting import long_date
from inspectorate.welfare.presenters import WellbeingPanel, present_wellbeing
from inspectorate.welfare.selectors import pause_open, planned_last_on_site_day

Row = tuple[str, str]
SCHOOL_ROLES = frozenset({Role.HEADTEACHER, Role.RESPONSIBLE_BODY})
# The usual path is a primary button; a side path (pause, deferral, refusal) a secondary one; withdrawal a warning.
PLAN_SHOWN = frozenset({State.PLANNED, State.NOTIFIED, State.PLANNING_CALL_HELD, State.ON_SITE, State.PAUSED})
SIDE_PATHS = frozenset(
    {"defer", "replan", "record_refused_entry", "pause", "mark_incomplete", "suspend_for_safeguarding_return"}
)


@dataclass(frozen=True)
class InspectionView:
    title: str
    reference: str
    school: str
    school_href: str | None  # fictional schools have no public page
    tag: Tag
    version: int
    errors: list[ErrorLink]
    conflict: list[str]
    details: list[Row]
    deadlines: list[Row]
    calendar_source: str
    calendar_illustrative: bool
    actions: list[FormView]
    outcome: OutcomeView | None
    outcome_withheld: str
    comment_form: FormView | None
    timeline: list[TimelineEntry]
    register_history: list[InspectionCard]
    report_href: str | None
    workspace_href: str | None  # a school user has no workspace to go back to
    wellbeing: WellbeingPanel | None  # check-ins, distress, pauses and the support contacts (the welfare app)


def present_inspection(
    user: Any, inspection: Inspection, *, today: dt.date, refusal: Refusal | None = None
) -> InspectionView:
    """The inspection's page for this person. Every view of an unpublished outcome is audited, here, once a page."""
    roles = roles_on(user, inspection)
    access = outcome_access(user, inspection, today=today)
    outcome = present_outcome(inspection, roles, refusal) if access.allowed else None
    if outcome and outcome.provisional and (outcome.judgements or outcome.report or outcome.comments):
        provisional_outcome_viewed(user=user, inspection=inspection, where="workspace")
    actions = [_action_form(t, inspection, refusal) for t in actions_for(user, inspection, today=today)]
    comment_form = _comment_form(inspection, roles, today, refusal)
    situation = situation_of(inspection)
    wellbeing = present_wellbeing(
        user,
        inspection,
        roles,
        today=today,
        situation=situation,
        offered_actions={f.id.removeprefix("act-"): f for f in actions},
        refusal=refusal,
    )
    wellbeing, actions = _offer_pause(wellbeing, actions)
    errors = _errors(
        refusal,
        [
            *actions,
            *(outcome.forms() if outcome else []),
            *filter(None, [comment_form]),
            *(wellbeing.forms() if wellbeing else []),
        ],
    )
    return InspectionView(
        title=("Error: " if errors or (refusal and refusal.conflict) else "")
        + f"{inspection.reference}, {inspection.establishment.name}",
        reference=inspection.reference,
        school=school_name(inspection),
        school_href=None
        if inspection.establishment.is_fictional
        else reverse("school-detail", args=[inspection.establishment.urn]),
        tag=state_tag(inspection.state),
        version=inspection.version,
        errors=errors,
        conflict=_conflict_lines(refusal, inspection),
        details=_details(inspection),
        deadlines=_deadlines(
            inspection,
            fa_days=situation.policy.factual_accuracy_working_days,
            publication_days=situation.policy.publication_target_working_days,
        )
        + _on_site_plan(inspection, situation),
        calendar_source=situation.calendar_source,
        calendar_illustrative=situation.calendar_illustrative,
        actions=actions,
        outcome=outcome,
        outcome_withheld="" if access.allowed else f"The provisional outcome is not shown to you: {access.why}.",
        comment_form=comment_form,
        timeline=timeline(inspection, show_outcome=access.allowed),
        register_history=[inspection_card(r) for r in inspection.establishment.inspections.all()],
        report_href=_report_href(inspection),
        workspace_href=reverse("workspace") if may_use_workspace(user) else None,
        wellbeing=wellbeing,
    )


def _offer_pause(
    wellbeing: WellbeingPanel | None, actions: list[FormView]
) -> tuple[WellbeingPanel | None, list[FormView]]:
    """While recorded distress waits, the pause is offered at the top of the Wellbeing panel, not folded away."""
    pause = next((f for f in actions if f.id == "act-pause"), None)
    if wellbeing is None or not wellbeing.offer_pause or pause is None:
        return wellbeing, actions
    offered = replace(pause, tucked=False, button_classes="")
    return replace(wellbeing, pause_form=offered), [f for f in actions if f.id != "act-pause"]


def _on_site_plan(inspection: Inspection, situation: Situation) -> list[Row]:
    """The last on-site day as planned now: a pause moves it on by the working days paused."""
    if inspection.state_enum not in PLAN_SHOWN:
        return []
    last = planned_last_on_site_day(inspection, situation.calendar)
    target = situation.calendar.add_working_days(last, situation.policy.publication_target_working_days)
    note = "; both move on by the working days of the pause when it resumes" if pause_open(inspection) else ""
    return [
        (
            "Last on-site day planned",
            f"{long_date(last)}; the publication target would then be {long_date(target)}{note}",
        )
    ]


def _errors(refusal: Refusal | None, forms: list[FormView]) -> list[ErrorLink]:
    if refusal is None or not refusal.errors:
        return []
    refused = next((f for f in forms if f.id == refusal.form), None)
    fields = refused.fields if refused else []
    return error_links(fields) + unplaced(refusal.errors, fields)


def _report_href(inspection: Inspection) -> str | None:
    # The report pages are built separately; until their route exists the link is left out rather than broken.
    try:
        return reverse("report-page", args=[inspection.pk])
    except NoReverseMatch:
        return None


def _conflict_lines(refusal: Refusal | None, inspection: Inspection) -> list[str]:
    if not refusal or not refusal.conflict:
        return []
    allowed = [BY_ACTION[a].label for a in refusal.allowed_actions if a in BY_ACTION]
    return [
        refusal.conflict,
        f"The inspection is now: {inspection.state_label} (version {inspection.version}).",
        "What you can do now: " + ("; ".join(allowed) if allowed else "nothing") + ".",
    ]


def _details(inspection: Inspection) -> list[Row]:
    team = list(inspection.team.select_related("inspector"))
    lead = [m.inspector.display_name for m in team if m.capacity == TeamMember.Capacity.LEAD]
    others = [m.inspector.display_name for m in team if m.capacity != TeamMember.Capacity.LEAD]
    planned = inspection.on_site_days_planned
    on_site = (
        f"Day {inspection.on_site_days_done} of {planned}"
        if inspection.on_site_days_done
        else f"Not started: {planned} day{'' if planned == 1 else 's'} planned"
    )
    return [
        ("School", f"{school_name(inspection)}, URN {inspection.establishment.urn}"),
        ("Framework", framework(inspection.framework_code).name),
        ("Lead inspector", ", ".join(lead) or "None"),
        ("Team inspectors", ", ".join(others) or "None"),
        ("State", inspection.state_label),
        ("Version", str(inspection.version)),
        ("First on-site day planned", long_date(inspection.starts_on)),
        ("On-site days", on_site),
        ("Follow-up", inspection.get_follow_up_display() if inspection.follow_up else "Not decided"),
    ]


def _deadlines(inspection: Inspection, *, fa_days: int, publication_days: int) -> list[Row]:
    fa = (
        f"{long_date(inspection.factual_accuracy_deadline)}: {fa_days} working days after the draft was issued on "
        f"{long_date(inspection.draft_issued_on)}"
        if inspection.factual_accuracy_deadline
        else f"Set when the draft is issued to the school: {fa_days} working days later"
    )
    publication = (
        f"{long_date(inspection.publication_target)}: {publication_days} working days after the last on-site day, "
        f"{long_date(inspection.last_on_site_day)}"
        if inspection.publication_target
        else f"Set at the final feedback meeting: {publication_days} working days after the last on-site day"
    )
    rows = [("Factual-accuracy deadline", fa), ("Publication target", publication)]
    if inspection.published_on:
        took = inspection.working_days_to_publication
        after = f", {took} working days after the last on-site day" if took is not None else ""
        rows.append(("Published", f"{long_date(inspection.published_on)}{after}"))
    if inspection.return_visit_by:
        rows.append(("Return visit by", long_date(inspection.return_visit_by)))
    return rows


def _action_form(transition: Transition, inspection: Inspection, refusal: Refusal | None) -> FormView:
    form_id = f"act-{transition.action}"
    submitted, errors = submitted_to(refusal, form_id)
    fields = [field_from_input(spec, form_id, submitted, errors) for spec in inputs_for(transition)]
    if transition.needs_reason:
        fields[-1] = _reason_field(fields[-1], transition, errors)
    return FormView(
        id=form_id,
        heading=transition.label,
        href=reverse("inspection-act", args=[inspection.pk, transition.action]),
        fields=fields,
        button=transition.label,
        button_classes=_button_classes(transition.action),
        version=inspection.version,
        tucked=transition.action in SIDE_PATHS | {"withdraw"} and not errors,
    )


def _reason_field(reason: Field, transition: Transition, errors: dict[str, str]) -> Field:
    label = f"Why: {transition.label[:1].lower()}{transition.label[1:]}"
    # The workflow's own message ("Give a reason to ...") already reads as a sentence.
    problem = errors.get(REASON.name)
    return replace(reason, label=label, error=sentence(label, problem) if problem else None)


def _button_classes(action: str) -> str:
    if action == "withdraw":
        return "govuk-button--warning"
    return "govuk-button--secondary" if action in SIDE_PATHS else ""


def _comment_form(
    inspection: Inspection, roles: frozenset[Role], today: dt.date, refusal: Refusal | None
) -> FormView | None:
    """The school's leaders comment on the draft's factual accuracy while the window is open."""
    if not roles & SCHOOL_ROLES or inspection.state_enum != State.FACTUAL_ACCURACY_CHECK:
        return None
    deadline = inspection.factual_accuracy_deadline
    if deadline and today > deadline:
        return None
    submitted, errors = submitted_to(refusal, "comment")
    label = "Your comments"
    text = Field(
        "textarea",
        "comment-text",
        "text",
        label,
        hint="Say what is factually wrong in the draft report and what it should say",
        error=sentence(label, errors["text"]) if "text" in errors else None,
        value=str(submitted.get("text", "")),
    )
    return FormView(
        "comment",
        "Comment on the draft",
        reverse("inspection-comment", args=[inspection.pk]),
        [text],
        "Send your comments",
        description=f"You can comment on the draft report's factual accuracy until {long_date(deadline)}.",
    )
