"""An inspection's timeline: every state change, with who, when, from which state to which, why, and what was
recorded, in words. Grades recorded at final feedback are provisional: shown only to those who may see them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from inspectorate.domain.workflow import BY_ACTION, State
from inspectorate.inspections.models import STATE_LABELS, Inspection, StateChange
from inspectorate.inspections.presenters.words import area_label, grade_label, iso_date, moment


@dataclass(frozen=True)
class TimelineEntry:
    heading: str
    who: str
    when: str
    change: str
    reason: str
    details: list[str]


PAYLOAD_WORDS: dict[str, str] = {
    "told_role": "",
    "notes": "Notes: {}",
    "on_site_day": "On-site day {}",
    "refused_by": "Entry refused by {}",
    "working_days_to_publication": "{} working days after the last on-site day",
    "paused_working_days": "Paused for {} working days",
    "urn": "URN {}",
    "lead": "Lead inspector: {}",
    "framework": "Framework: {}",
}
PAYLOAD_DATES: dict[str, str] = {
    "publication_target": "Publication target: {}",
    "factual_accuracy_deadline": "Factual-accuracy deadline: {}",
    "return_visit_by": "Return visit by: {}",
    "unavailable_from": "The school cannot take the inspection from {}",
    "unavailable_until": "The school cannot take the inspection until {}",
    "starts_on": "First on-site day: {}",
}
PAYLOAD_CONFIRMATIONS = {
    "senior_inspector_contact_given": "The independent senior inspector's contact details were given",
    "wellbeing_contacts_given": "The wellbeing support contacts were given",
}
MOVED_NAMES = {
    "publication_target": "Publication target",
    "factual_accuracy_deadline": "Factual-accuracy deadline",
    "return_visit_by": "Return visit date",
    "planned_last_on_site_day": "Last on-site day planned",
}
OUTCOME_KEYS = frozenset({"grades", "safeguarding"})  # provisional: shown only to those who may see the outcome


def payload_words(payload: Mapping[str, Any], *, show_outcome: bool) -> list[str]:
    words: list[str] = []
    for key, value in payload.items():
        if value in (None, "", [], {}) or (key in OUTCOME_KEYS and not show_outcome):
            continue
        if key == "told_name":
            role = payload.get("told_role")
            words.append(f"Told: {value}" + (f" ({role})" if role else ""))
        elif key in PAYLOAD_CONFIRMATIONS:
            words.append(PAYLOAD_CONFIRMATIONS[key] if value else f"Not confirmed: {key.replace('_', ' ')}")
        elif key in PAYLOAD_DATES:
            words.append(PAYLOAD_DATES[key].format(iso_date(value)))
        elif key == "grades" and isinstance(value, Mapping):
            words.append("Grades: " + "; ".join(f"{area_label(a)}: {grade_label(str(g))}" for a, g in value.items()))
        elif key == "safeguarding":
            words.append(f"Safeguarding: {value}")
        elif key == "moved" and isinstance(value, Mapping):
            # The pause stopped the clock: each deadline it moved, from and to.
            for name, (before, after) in value.items():
                what = MOVED_NAMES.get(name, name.replace("_", " ").capitalize())
                words.append(f"{what} moved from {iso_date(before)} to {iso_date(after)}")
        elif key == "team":
            words.append("Team: " + ", ".join(str(v) for v in value))
        elif key == "follow_up":
            words.append(f"Follow-up: {dict(Inspection.FollowUp.choices).get(value, value)}")
        elif key in PAYLOAD_WORDS:
            if PAYLOAD_WORDS[key]:
                words.append(PAYLOAD_WORDS[key].format(value))
        else:
            words.append(f"{key.replace('_', ' ').capitalize()}: {value}")
    return words


def timeline(inspection: Inspection, *, show_outcome: bool) -> list[TimelineEntry]:
    changes = StateChange.objects.filter(inspection=inspection).select_related("actor").order_by("sequence")
    return [_timeline_entry(change, show_outcome) for change in changes]


def _timeline_entry(change: StateChange, show_outcome: bool) -> TimelineEntry:
    transition = BY_ACTION.get(change.action)
    heading = transition.label if transition else "Planned the inspection" if change.action == "plan" else change.action
    source = STATE_LABELS[State(change.from_state)] if change.from_state else "New"
    return TimelineEntry(
        heading=heading,
        who=change.actor.display_name,
        when=moment(change.at),
        change=f"{source} to {STATE_LABELS[State(change.to_state)]}",
        reason=change.reason,
        details=payload_words(change.payload or {}, show_outcome=show_outcome),
    )
