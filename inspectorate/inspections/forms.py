"""Reading the workspace's forms: what each lifecycle action asks for, and turning a submitted form into the
arguments of one service call. The services check the rules; these only check that a date is a date and a number
a number, and say which field is at fault."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.http import QueryDict

from inspectorate.domain.workflow import Transition
from inspectorate.inspections.models import Inspection

Errors = dict[str, str]


class Kind(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    CONFIRM = "confirm"  # one checkbox that confirms something was done
    RADIOS = "radios"
    DATE = "date"


@dataclass(frozen=True)
class Input:
    """One thing an action asks for. `name` is the key the lifecycle service reads in its `data`."""

    name: str
    label: str
    kind: Kind
    hint: str = ""
    optional: bool = False
    choices: tuple[tuple[str, str], ...] = ()


REASON = Input("reason", "Reason", Kind.TEXTAREA, hint="This is kept on the inspection's timeline")
FOLLOW_UP_CHOICES = tuple((value, str(label)) for value, label in Inspection.FollowUp.choices)

ACTION_INPUTS: dict[str, tuple[Input, ...]] = {
    "notify": (
        Input("told_name", "Name of the person told", Kind.TEXT),
        Input("told_role", "Their role", Kind.TEXT, hint="For example, headteacher or chair of governors"),
        Input(
            "senior_inspector_contact_given",
            "I gave the school the independent senior inspector's contact details",
            Kind.CONFIRM,
        ),
        Input("wellbeing_contacts_given", "I gave the school the wellbeing support contacts", Kind.CONFIRM),
    ),
    "hold_planning_call": (Input("notes", "Notes from the planning call", Kind.TEXTAREA, optional=True),),
    "record_refused_entry": (Input("refused_by", "Who refused entry", Kind.TEXT, optional=True),),
    "decide_follow_up": (Input("follow_up", "Follow-up", Kind.RADIOS, choices=FOLLOW_UP_CHOICES),),
    "replan": (Input("starts_on", "New start date", Kind.DATE, hint="For example, 27 3 2027", optional=True),),
    "defer": (
        Input("unavailable_from", "The school cannot take the inspection from", Kind.DATE, optional=True),
        Input("unavailable_until", "Until", Kind.DATE, optional=True),
    ),
}


def inputs_for(transition: Transition) -> tuple[Input, ...]:
    reason = (REASON,) if transition.needs_reason else ()
    return ACTION_INPUTS.get(transition.action, ()) + reason


def date_parts(post: Mapping[str, Any], name: str) -> tuple[str, str, str]:
    return tuple(str(post.get(f"{name}-{part}", "")).strip() for part in ("day", "month", "year"))  # type: ignore[return-value]


def read_date(post: Mapping[str, Any], name: str, label: str, *, required: bool) -> tuple[dt.date | None, str | None]:
    """A GOV.UK date input's three boxes as a date, or a message saying what is wrong with them."""
    day, month, year = date_parts(post, name)
    if not (day or month or year):
        return None, f"Enter the {label.lower()}" if required else None
    missing = [part for part, value in (("day", day), ("month", month), ("year", year)) if not value]
    if missing:
        return None, f"The {label.lower()} must include a {' and a '.join(missing)}"
    if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
        return None, f"The {label.lower()} must be a real date, with a 4-digit year, such as 27 3 2027"
    try:
        return dt.date(int(year), int(month), int(day)), None
    except ValueError:
        return None, f"The {label.lower()} must be a real date: {day} {month} {year} is not one"


def read_version(post: Mapping[str, Any]) -> int | None:
    value = str(post.get("version", ""))
    return int(value) if value.isdigit() else None


@dataclass
class ActionRequest:
    """A submitted action form: what the service is given, and what the page shows again if it is refused."""

    reason: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    expected_version: int | None = None
    errors: Errors = field(default_factory=dict)


def read_action(transition: Transition, post: QueryDict) -> ActionRequest:
    request = ActionRequest(expected_version=read_version(post))
    for spec in inputs_for(transition):
        if spec is REASON:
            request.reason = post.get("reason", "")
        elif spec.kind is Kind.DATE:
            day, problem = read_date(post, spec.name, spec.label, required=not spec.optional)
            if problem:
                request.errors[spec.name] = problem
            request.data[spec.name] = day.isoformat() if day else ""
        elif spec.kind is Kind.CONFIRM:
            request.data[spec.name] = post.get(spec.name) == "true"
        else:
            request.data[spec.name] = post.get(spec.name, "")
    return request


@dataclass
class PlanRequest:
    urn: int | None = None
    starts_on: dt.date | None = None
    lead: str = ""
    team: list[str] = field(default_factory=list)
    on_site_days: int | None = None
    errors: Errors = field(default_factory=dict)


def read_plan(post: QueryDict) -> PlanRequest:
    plan = PlanRequest(lead=post.get("lead", "").strip(), team=[t for t in post.getlist("team") if t])
    urn = post.get("urn", "").strip()
    if not urn:
        plan.errors["urn"] = "Enter the school's URN"
    elif not (urn.isascii() and urn.isdigit()) or len(urn) > 8:
        plan.errors["urn"] = "The URN must be a number, such as 100000"
    else:
        plan.urn = int(urn)
    plan.starts_on, problem = read_date(post, "starts_on", "Start date", required=True)
    if problem:
        plan.errors["starts_on"] = problem
    if not plan.lead:
        plan.errors["lead"] = "Choose the lead inspector"
    days = post.get("on_site_days", "").strip()
    if not (days.isascii() and days.isdigit()) or len(days) > 2:
        plan.errors["on_site_days"] = "Enter the number of on-site days, such as 2"
    else:
        plan.on_site_days = int(days)
    return plan


@dataclass
class JudgementRequest:
    area: str
    grade: str
    rationale: str
    evidence_ids: list[int]
    errors: Errors = field(default_factory=dict)


def read_judgement(post: QueryDict) -> JudgementRequest:
    chosen = post.getlist("evidence")
    request = JudgementRequest(
        area=post.get("area", ""),
        grade=post.get("grade", ""),
        rationale=post.get("rationale", ""),
        evidence_ids=[int(e) for e in chosen if e.isascii() and e.isdigit()],
    )
    if len(request.evidence_ids) != len(chosen):
        request.errors["evidence"] = "Choose evidence notes from the list"
    if not request.area:
        request.errors["area"] = "Choose the area being judged"
    if not request.grade:
        request.errors["grade"] = "Choose a grade"
    return request


AREA_TEXT_PREFIX = "area_text-"


def read_report(post: QueryDict) -> tuple[str, dict[str, str]]:
    texts = {
        name.removeprefix(AREA_TEXT_PREFIX): post.get(name, "") for name in post if name.startswith(AREA_TEXT_PREFIX)
    }
    return post.get("summary", ""), texts


class WorkspaceSort(StrEnum):
    NEWEST = "start_newest"
    OLDEST = "start_oldest"


SORT_LABELS = {WorkspaceSort.NEWEST: "Start date (latest first)", WorkspaceSort.OLDEST: "Start date (earliest first)"}
SEARCH_LIMIT = 100


@dataclass(frozen=True)
class WorkspaceFilters:
    query: str
    states: tuple[str, ...]
    sort: WorkspaceSort
    page: int
    errors: Errors


def read_filters(params: QueryDict, known_states: Mapping[str, str]) -> WorkspaceFilters:
    """The list's filters from the address. Links make odd values likely: they fall back rather than fail."""
    query = params.get("q", "").strip()
    errors = {}
    if len(query) > SEARCH_LIMIT:
        errors["q"] = f"Search must be {SEARCH_LIMIT} characters or fewer"
        query = query[:SEARCH_LIMIT]
    sort = params.get("sort", "")
    page = params.get("page", "")
    return WorkspaceFilters(
        query=query,
        states=tuple(s for s in params.getlist("state") if s in known_states),
        sort=WorkspaceSort(sort) if sort in WorkspaceSort else WorkspaceSort.NEWEST,
        page=int(page) if page.isascii() and page.isdigit() and len(page) < 7 else 1,
        errors=errors,
    )
