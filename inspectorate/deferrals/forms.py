"""Reading the deferral pages' forms into a service's arguments. Only the shape is checked here (a date is a date,
a time a time); the services check the rules and name the field at fault."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from inspectorate.inspections.forms import Errors, read_date

LABELS = {
    "ground": "Why the school is asking",
    "details": "Details",
    "unavailable_from": "First date the school cannot take",
    "unavailable_until": "Last date the school cannot take",
    "decision": "Decision",
    "reasons": "Reasons",
    "first_day": "First day",
    "last_day": "Last day",
    "reason": "Reason",
    "refused_on": "Date entry was refused",
    "refused_time": "Time entry was refused",
    "refused_by": "Who refused entry",
    "what_was_said": "What was said",
}
TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


@dataclass
class RequestForm:
    ground: str = ""
    details: str = ""
    unavailable_from: dt.date | None = None
    unavailable_until: dt.date | None = None
    errors: Errors = field(default_factory=dict)


def read_request(post: Mapping[str, Any]) -> RequestForm:
    form = RequestForm(ground=str(post.get("ground", "")), details=str(post.get("details", "")))
    for name in ("unavailable_from", "unavailable_until"):
        day, problem = read_date(post, name, LABELS[name], required=False)
        if problem:
            form.errors[name] = problem
        setattr(form, name, day)
    return form


@dataclass
class DecisionForm:
    grant: bool | None = None
    reasons: str = ""
    errors: Errors = field(default_factory=dict)


def read_decision(post: Mapping[str, Any]) -> DecisionForm:
    choice = post.get("decision", "")
    form = DecisionForm(grant={"grant": True, "decline": False}.get(str(choice)), reasons=str(post.get("reasons", "")))
    if form.grant is None:
        form.errors["decision"] = "Choose whether to grant or decline the request"
    return form


@dataclass
class WindowForm:
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    reason: str = ""
    errors: Errors = field(default_factory=dict)


def read_window(post: Mapping[str, Any]) -> WindowForm:
    form = WindowForm(reason=str(post.get("reason", "")))
    for name in ("first_day", "last_day"):
        day, problem = read_date(post, name, LABELS[name], required=True)
        if problem:
            form.errors[name] = problem
        setattr(form, name, day)
    return form


@dataclass
class RefusalForm:
    refused_at: dt.datetime | None = None
    refused_by: str = ""
    what_was_said: str = ""
    version: int | None = None
    errors: Errors = field(default_factory=dict)


def read_refusal(post: Mapping[str, Any]) -> RefusalForm:
    version = str(post.get("version", ""))
    form = RefusalForm(
        refused_by=str(post.get("refused_by", "")),
        what_was_said=str(post.get("what_was_said", "")),
        version=int(version) if version.isdigit() else None,
    )
    day, problem = read_date(post, "refused_on", LABELS["refused_on"], required=True)
    if problem:
        form.errors["refused_on"] = problem
    match = TIME.match(str(post.get("refused_time", "")))
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        form.errors["refused_time"] = "Enter the time as hours and minutes on the 24-hour clock, such as 08:45"
    elif day is not None:
        form.refused_at = timezone.make_aware(dt.datetime.combine(day, dt.time(int(match[1]), int(match[2]))))
    return form
