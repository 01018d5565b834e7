"""The workspace's list of inspections: the ones this person may see, searched, filtered by state, sorted, paged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.urls import reverse

from inspectorate.alerts.models import Alert
from inspectorate.domain.roles import STAFF_ROLES, Role
from inspectorate.domain.workflow import BEFORE_ON_SITE, State
from inspectorate.inspections.forms import SORT_LABELS, WorkspaceFilters, WorkspaceSort
from inspectorate.inspections.models import STATE_LABELS, Inspection
from inspectorate.inspections.presenters.fields import ErrorLink, Field, Option
from inspectorate.inspections.presenters.words import Tag, school_name, state_tag
from inspectorate.inspections.selectors import by_state, inspections_for, roles_of
from inspectorate.web.formatting import long_date, number
from inspectorate.web.pagination import Pagination, pagination

PAGE_SIZE = 20
PLANNERS = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR})
FINISHED = frozenset({State.PUBLISHED, State.FOLLOW_UP_DECIDED, State.WITHDRAWN})


def may_use_workspace(user: object) -> bool:
    """The workspace is for the inspectorate's staff; school users see only their own inspection's page."""
    return bool(roles_of(user) & STAFF_ROLES)


def may_plan(user: object) -> bool:
    return bool(roles_of(user) & PLANNERS)


@dataclass(frozen=True)
class ListRow:
    reference: str
    href: str
    school: str
    urn: int
    starts_on: str
    tag: Tag
    deadline: str
    deadline_what: str


@dataclass(frozen=True)
class WorkspaceView:
    title: str
    query: str
    query_error: str | None
    errors: list[ErrorLink]
    states: Field
    sort: Field
    rows: list[ListRow]
    heading: str
    summary: str
    empty_message: str
    pagination: Pagination | None
    clear_href: str
    plan_href: str | None
    # Missed targets on inspections this person can see (raised by `inspectorate raise-alerts`): link, words.
    alerts: list[tuple[str, str]] = field(default_factory=list)


def _matching(queryset: QuerySet[Inspection], filters: WorkspaceFilters) -> QuerySet[Inspection]:
    found = by_state(queryset, filters.states)
    if filters.query:
        by_name = Q(establishment__name__icontains=filters.query)
        if filters.query.isascii() and filters.query.isdigit():
            by_name |= Q(establishment__urn=int(filters.query))
        found = found.filter(by_name)
    order = ["starts_on", "pk"] if filters.sort == WorkspaceSort.OLDEST else ["-starts_on", "-pk"]
    return found.order_by(*order)


def next_deadline(inspection: Inspection) -> tuple[str, str]:
    """The next date the inspection is working towards, and what it is: shown as a date, never a count."""
    state = inspection.state_enum
    if state in BEFORE_ON_SITE:
        return long_date(inspection.starts_on), "First on-site day"
    if state == State.FACTUAL_ACCURACY_CHECK and inspection.factual_accuracy_deadline:
        return long_date(inspection.factual_accuracy_deadline), "School's factual-accuracy comments due"
    if state == State.SUSPENDED_FOR_SAFEGUARDING_RETURN and inspection.return_visit_by:
        return long_date(inspection.return_visit_by), "Return visit due"
    if state not in FINISHED and inspection.publication_target:
        return long_date(inspection.publication_target), "Publication target"
    return "None", ""


def _list_row(inspection: Inspection) -> ListRow:
    deadline, what = next_deadline(inspection)
    return ListRow(
        reference=inspection.reference,
        href=reverse("inspection-detail", args=[inspection.pk]),
        school=school_name(inspection),
        urn=inspection.establishment.urn,
        starts_on=long_date(inspection.starts_on),
        tag=state_tag(inspection.state),
        deadline=deadline,
        deadline_what=what,
    )


def _list_href(filters: WorkspaceFilters, **changes: Any) -> str:
    params: list[tuple[str, Any]] = [("q", changes.get("q", filters.query))]
    params += [("state", s) for s in changes.get("states", filters.states)]
    params += [("sort", changes.get("sort", filters.sort)), ("page", changes.get("page", filters.page))]
    defaults = {("page", 1), ("sort", WorkspaceSort.NEWEST)}
    kept = [(k, v) for k, v in params if v and (k, v) not in defaults]
    return reverse("workspace") + (f"?{urlencode(kept)}" if kept else "")


def present_workspace(user: object, filters: WorkspaceFilters) -> WorkspaceView:
    visible = inspections_for(user)
    paginator = Paginator(_matching(visible, filters), PAGE_SIZE)
    page = paginator.get_page(filters.page)
    filtered = bool(filters.query or filters.states)
    count = paginator.count
    return WorkspaceView(
        title=("Error: " if filters.errors else "") + "Inspections",
        query=filters.query,
        query_error=filters.errors.get("q"),
        errors=list(filters.errors.items()),
        states=_state_filter(filters),
        sort=Field(
            "select",
            "sort",
            "sort",
            "Sort by",
            options=tuple(Option(s.value, SORT_LABELS[s], s == filters.sort) for s in WorkspaceSort),
        ),
        rows=[_list_row(i) for i in page.object_list],
        heading=f"{number(count)} inspection{'' if count == 1 else 's'}" if count else "No inspections",
        summary=f"Showing {page.start_index()} to {page.end_index()} of {number(count)}" if count else "",
        empty_message=_empty_message(filtered, visible.exists()),
        pagination=_pagination(filters, page.number, paginator.num_pages),
        clear_href=reverse("workspace"),
        plan_href=reverse("inspection-plan") if may_plan(user) else None,
        alerts=[
            (reverse("inspection-detail", args=[a.inspection_id]), a.message)
            for a in Alert.objects.filter(resolved_at__isnull=True, inspection__in=visible).order_by("due_on")[:20]
        ],
    )


def _state_filter(filters: WorkspaceFilters) -> Field:
    options = tuple(Option(s.value, STATE_LABELS[s], s.value in filters.states) for s in State)
    return Field("checkboxes", "state", "state", "State", options=options)


def _empty_message(filtered: bool, any_visible: bool) -> str:
    if filtered:
        return "No inspections match your search and filters. Clear them, or search for part of the school's name."
    if any_visible:
        return "There are no inspections on this page."
    return "There are no inspections for you to see yet. Inspections appear here once you are on their team."


def _pagination(filters: WorkspaceFilters, current: int, total: int) -> Pagination | None:
    return pagination(current, total, lambda n: _list_href(filters, page=n))
