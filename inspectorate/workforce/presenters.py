"""The workforce pages as plain view models: inspectors' readiness at a glance, and one inspector's records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.urls import reverse

from inspectorate.accounts.models import User
from inspectorate.domain.readiness import TrainingStatus, overall_status, training_policy_on, training_status
from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.workforce import Inspector, TrainingKind
from inspectorate.inspections.forms import Errors, date_parts
from inspectorate.inspections.presenters.fields import ErrorLink, Field, FormView, Option, error_links, unplaced
from inspectorate.inspections.presenters.words import Tag, moment, sentence
from inspectorate.register.models import Establishment
from inspectorate.web.formatting import long_date, number
from inspectorate.web.pagination import Pagination, pagination
from inspectorate.workforce.access import may_record_readiness
from inspectorate.workforce.forms import StatusFilter, WorkforceFilters
from inspectorate.workforce.models import InspectorProfile
from inspectorate.workforce.models import TrainingRecord as StoredTraining
from inspectorate.workforce.records import inspector_record, profiles

PAGE_SIZE = 20
INSPECTOR_ROLES = (Role.LEAD_INSPECTOR.value, Role.TEAM_INSPECTOR.value)
STATUS_TAGS = {
    TrainingStatus.CURRENT: Tag("Current", "govuk-tag--green"),
    TrainingStatus.EXPIRING: Tag("Expiring soon", "govuk-tag--yellow"),
    TrainingStatus.EXPIRED: Tag("Expired", "govuk-tag--red"),
    TrainingStatus.MISSING: Tag("Missing", "govuk-tag--red"),
}
NO_RECORD = Tag("No readiness record", "govuk-tag--red")
GENERATED = Tag("Generated (fictional)", "govuk-tag--grey")
KIND_LABELS = dict(StoredTraining.Kind.choices)
STATUS_LABELS = {
    StatusFilter.ALL: "Any",
    StatusFilter.NOT_READY: "Not ready (expired, missing or no record)",
    StatusFilter.EXPIRING: "Expiring within 60 days",
    StatusFilter.CURRENT: "Current",
}


@dataclass(frozen=True)
class InspectorRow:
    name: str
    href: str
    username: str
    roles: str
    employment: str
    generated: bool
    tag: Tag
    detail: str  # the first required kind that is not current, and when it lapsed or lapses
    conflicts: int


@dataclass(frozen=True)
class WorkforceView:
    title: str
    errors: list[ErrorLink]
    query: str
    query_error: str | None
    status: Field
    conflicts: Field
    rows: list[InspectorRow]
    heading: str
    summary: str
    empty_message: str
    pagination: Pagination | None
    clear_href: str
    policy: str


def _inspectors() -> list[User]:
    users = User.objects.filter(groups__name__in=INSPECTOR_ROLES, is_active=True).distinct()
    return list(users.prefetch_related("groups").order_by("last_name", "first_name", "username"))


def _weakest(inspector: Inspector, today: dt.date) -> str:
    """The required kind that stands worst, in words: what someone fixing the record needs to know first."""
    for kind in sorted(training_policy_on(today).required):
        status, expires = training_status(inspector, kind, today)
        label = KIND_LABELS[kind.value]
        if status is TrainingStatus.MISSING:
            return f"{label}: none on record"
        if status is TrainingStatus.EXPIRED and expires:
            return f"{label}: expired {long_date(expires)}"
    for kind in sorted(training_policy_on(today).required):
        status, expires = training_status(inspector, kind, today)
        if status is TrainingStatus.EXPIRING and expires:
            return f"{KIND_LABELS[kind.value]}: expires {long_date(expires)}"
    return ""


def _row(user: User, profile: InspectorProfile | None, today: dt.date) -> tuple[InspectorRow, TrainingStatus | None]:
    roles = ", ".join(sorted(g.name for g in user.groups.all() if g.name in INSPECTOR_ROLES))
    href = reverse("inspector-detail", args=[user.pk])
    if profile is None:
        row = InspectorRow(user.display_name, href, user.username, roles, "Not recorded", False, NO_RECORD, "", 0)
        return row, None
    inspector = inspector_record(profile)
    status = overall_status(inspector, today)
    row = InspectorRow(
        name=user.display_name,
        href=href,
        username=user.username,
        roles=roles,
        employment=profile.get_employment_display(),
        generated=profile.is_generated,
        tag=STATUS_TAGS[status],
        detail=_weakest(inspector, today),
        conflicts=len(profile.conflicts.all()),
    )
    return row, status


def _wanted(status: TrainingStatus | None, wanted: StatusFilter) -> bool:
    if wanted is StatusFilter.ALL:
        return True
    if wanted is StatusFilter.NOT_READY:
        return status in (None, TrainingStatus.EXPIRED, TrainingStatus.MISSING)
    return status is not None and status.value == wanted.value


def _list_href(filters: WorkforceFilters, **changes: Any) -> str:
    params = [
        ("q", changes.get("q", filters.query)),
        ("status", changes.get("status", filters.status.value)),
        ("conflicts", "yes" if changes.get("conflicts_only", filters.conflicts_only) else ""),
        ("page", changes.get("page", filters.page)),
    ]
    kept = [(k, v) for k, v in params if v and (k, v) != ("page", 1)]
    return reverse("workforce") + (f"?{urlencode(kept)}" if kept else "")


def _pagination(filters: WorkforceFilters, current: int, total: int) -> Pagination | None:
    return pagination(current, total, lambda n: _list_href(filters, page=n))


def present_workforce(filters: WorkforceFilters, today: dt.date) -> WorkforceView:
    by_user = {p.user_id: p for p in profiles()}
    rows = []
    for user in _inspectors():
        text = f"{user.display_name} {user.username}".lower()
        if filters.query and filters.query.lower() not in text:
            continue
        row, status = _row(user, by_user.get(user.pk), today)
        if _wanted(status, filters.status) and (row.conflicts or not filters.conflicts_only):
            rows.append(row)
    page = Paginator(rows, PAGE_SIZE).get_page(filters.page)
    count = len(rows)
    policy = training_policy_on(today)
    return WorkforceView(
        title=("Error: " if filters.errors else "") + "Workforce",
        errors=list(filters.errors.items()),
        query=filters.query,
        query_error=filters.errors.get("q"),
        status=Field(
            "radios",
            "status",
            "status",
            "Training",
            options=tuple(Option(s.value, STATUS_LABELS[s], s is filters.status) for s in StatusFilter),
        ),
        conflicts=Field(
            "checkboxes",
            "conflicts",
            "conflicts",
            "Declared interests",
            options=(Option("yes", "Only inspectors with a declared conflict of interest", filters.conflicts_only),),
        ),
        rows=list(page.object_list),
        heading=f"{number(count)} inspector{'' if count == 1 else 's'}" if count else "No inspectors",
        summary=f"Showing {page.start_index()} to {page.end_index()} of {number(count)}" if count else "",
        empty_message=(
            "No inspectors match your search and filters. Clear them to see everyone."
            if filters.query or filters.status is not StatusFilter.ALL or filters.conflicts_only
            else "There are no lead or team inspectors yet."
        ),
        pagination=_pagination(filters, page.number, page.paginator.num_pages),
        clear_href=reverse("workforce"),
        policy=", ".join(KIND_LABELS[k.value].lower() for k in sorted(policy.required))
        + f" (required from {long_date(policy.effective_from)})",
    )


# ---------------------------------------------------------------------------------------------------------------
# One inspector
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindRow:
    kind: str
    required: bool
    tag: Tag
    expires: str


@dataclass(frozen=True)
class RecordRow:
    kind: str
    completed_on: str
    expires_on: str
    recorded: str


@dataclass(frozen=True)
class ConflictRow:
    subject: str
    reason: str
    recorded: str


@dataclass(frozen=True)
class InspectorView:
    title: str
    name: str
    errors: list[ErrorLink]
    has_record: bool
    generated: bool
    summary: list[tuple[str, str]]
    kinds: list[KindRow]
    records: list[RecordRow]
    conflicts: list[ConflictRow]
    training_form: FormView | None
    conflict_form: FormView | None


def _recorded(by: User | None, at: dt.datetime) -> str:
    return f"{moment(at)} by {by.display_name}" if by else moment(at)


def _kind_rows(inspector: Inspector, today: dt.date) -> list[KindRow]:
    required = training_policy_on(today).required
    rows = []
    for kind in TrainingKind:
        status, expires = training_status(inspector, kind, today)
        tag = STATUS_TAGS[status] if kind in required or status is not TrainingStatus.MISSING else Tag("None", "")
        rows.append(KindRow(KIND_LABELS[kind.value], kind in required, tag, long_date(expires) if expires else ""))
    return rows


def _subject(urn: int | None, trust_uid: str, schools: Mapping[int, str]) -> str:
    if urn is None:
        return f"Trust {trust_uid}"
    return f"{schools[urn]} (URN {urn})" if urn in schools else f"URN {urn}"


def _training_form(user_id: int, submitted: Mapping[str, Any], errors: Errors) -> FormView:
    labels = {"kind": "Kind of training", "completed_on": "Date completed", "expires_on": "Expiry date"}

    def error(name: str) -> str | None:
        return sentence(labels[name], errors[name]) if name in errors else None

    chosen = str(submitted.get("kind", ""))
    fields = [
        Field(
            "radios",
            "training-kind",
            "kind",
            labels["kind"],
            error=error("kind"),
            options=tuple(Option(v, str(t), v == chosen) for v, t in StoredTraining.Kind.choices),
        ),
        Field("date", "training-completed_on", "completed_on", labels["completed_on"], hint="For example, 27 3 2026",
              error=error("completed_on"), parts=date_parts(submitted, "completed_on")),
        Field("date", "training-expires_on", "expires_on", labels["expires_on"],
              hint="The last day it still counts, for example, 26 3 2029", error=error("expires_on"),
              parts=date_parts(submitted, "expires_on")),
    ]  # fmt: skip
    href = reverse("inspector-detail", args=[user_id]) + "?form=training"
    return FormView("training", "Record training", href, fields, "Record training")


def _conflict_form(user_id: int, submitted: Mapping[str, Any], errors: Errors) -> FormView:
    labels = {"urn": "URN of the school", "trust_uid": "Trust identifier", "reason": "What the connection is"}

    def error(name: str) -> str | None:
        return sentence(labels[name], errors[name]) if name in errors else None

    fields = [
        Field("text", "conflict-urn", "urn", labels["urn"], hint="A school they worked at, such as 100000",
              error=error("urn"), value=str(submitted.get("urn", "")), optional=True),
        Field("text", "conflict-trust_uid", "trust_uid", labels["trust_uid"],
              hint="Or a trust they are connected with, by the register's trust number, such as 16421",
              error=error("trust_uid"), value=str(submitted.get("trust_uid", "")), optional=True),
        Field("textarea", "conflict-reason", "reason", labels["reason"], hint="For example, governor until 2022",
              error=error("reason"), value=str(submitted.get("reason", ""))),
    ]  # fmt: skip
    href = reverse("inspector-detail", args=[user_id]) + "?form=conflict"
    return FormView("conflict", "Record a conflict of interest", href, fields, "Record the conflict")


def present_inspector(
    viewer: object,
    user: User,
    today: dt.date,
    form: str = "",
    submitted: Mapping[str, Any] | None = None,
    errors: Errors | None = None,
) -> InspectorView:
    """One inspector's readiness: training by kind, every record, declared interests, and (for recorders) forms."""
    profile = profiles().filter(user=user).first()
    may_record = may_record_readiness(viewer) and profile is not None
    training_form = _training_form(user.pk, *((submitted or {}, errors or {}) if form == "training" else ({}, {})))
    conflict_form = _conflict_form(user.pk, *((submitted or {}, errors or {}) if form == "conflict" else ({}, {})))
    refused = training_form if form == "training" else conflict_form if form == "conflict" else None
    error_list = (error_links(refused.fields) + unplaced(errors or {}, refused.fields)) if refused and errors else []
    name = user.display_name
    if profile is None:
        return InspectorView(
            ("Error: " if error_list else "") + name, name, error_list, False, False, [], [], [], [], None, None
        )
    inspector = inspector_record(profile)
    conflicts = list(profile.conflicts.all())
    schools = dict(Establishment.objects.filter(urn__in=[c.urn for c in conflicts if c.urn]).values_list("urn", "name"))
    records = sorted(profile.training_records.all(), key=lambda r: (r.kind, r.completed_on), reverse=True)
    return InspectorView(
        title=("Error: " if error_list else "") + name,
        name=name,
        errors=error_list,
        has_record=True,
        generated=profile.is_generated,
        summary=[
            ("Username", user.username),
            ("Employment", profile.get_employment_display()),
            ("May lead", "Yes" if inspector.can_lead else "No"),
            ("Home district", profile.home_district or "Not recorded"),
            ("Phases", ", ".join(profile.phases) or "None recorded"),
            ("Inspections a week, at most", str(profile.weekly_limit)),
        ],
        kinds=_kind_rows(inspector, today),
        records=[
            RecordRow(
                KIND_LABELS.get(r.kind, r.kind),
                long_date(r.completed_on),
                long_date(r.expires_on),
                _recorded(r.recorded_by, r.recorded_at),
            )
            for r in records
        ],
        conflicts=[
            ConflictRow(_subject(c.urn, c.trust_uid, schools), c.reason, _recorded(c.recorded_by, c.recorded_at))
            for c in conflicts
        ],
        training_form=training_form if may_record else None,
        conflict_form=conflict_form if may_record else None,
    )
