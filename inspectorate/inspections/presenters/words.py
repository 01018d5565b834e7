"""How an inspection's states, areas, grades and moments read on the workspace's pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from inspectorate.domain.frameworks import FOUR_POINT_GRADES
from inspectorate.domain.workflow import State
from inspectorate.inspections.models import STATE_LABELS, Inspection
from inspectorate.web.formatting import long_date

TAG_COLOURS = {
    State.PLANNED: "grey",
    State.NOTIFIED: "light-blue",
    State.PLANNING_CALL_HELD: "light-blue",
    State.ON_SITE: "blue",
    State.FINAL_FEEDBACK_GIVEN: "turquoise",
    State.DRAFTING: "yellow",
    State.QUALITY_ASSURANCE: "purple",
    State.FACTUAL_ACCURACY_CHECK: "orange",
    State.FINALISED: "turquoise",
    State.PUBLISHED: "green",
    State.FOLLOW_UP_DECIDED: "green",
    State.DEFERRED: "grey",
    State.ENTRY_REFUSED: "red",
    State.PAUSED: "pink",
    State.INCOMPLETE: "red",
    State.SUSPENDED_FOR_SAFEGUARDING_RETURN: "red",
    State.WITHDRAWN: "grey",
}


@dataclass(frozen=True)
class Tag:
    text: str
    classes: str


def area_label(area: str) -> str:
    return area.replace("_", " ").capitalize()


def grade_label(grade: str) -> str:
    word = FOUR_POINT_GRADES.get(grade)
    return f"{grade}: {word}" if word else grade[:1].upper() + grade[1:]


def state_tag(state: str) -> Tag:
    s = State(state)
    return Tag(STATE_LABELS[s], f"govuk-tag--{TAG_COLOURS[s]}")


def school_name(inspection: Inspection) -> str:
    school = inspection.establishment
    return f"{school.name} (fictional)" if school.is_fictional else school.name


def sentence(label: str, problem: str) -> str:
    """A service's message about a field ("is required", "must be after today") as a sentence naming the field."""
    if problem.startswith(("is ", "must ")):
        return f"{label} {problem}"
    return problem[:1].upper() + problem[1:]


def iso_date(value: object) -> str:
    try:
        return long_date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def moment(at: dt.datetime) -> str:
    local = timezone.localtime(at)
    return f"{long_date(local.date())} at {local:%H:%M}"
