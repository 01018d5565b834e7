"""Reading the workforce pages' forms and filters: dates are dates, a URN a number; the services check the rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.http import QueryDict

from inspectorate.inspections.forms import Errors, read_date

SEARCH_LIMIT = 100


class StatusFilter(StrEnum):
    ALL = ""
    NOT_READY = "not-ready"  # expired, missing or no record: refused by planning today
    EXPIRING = "expiring"
    CURRENT = "current"


@dataclass(frozen=True)
class WorkforceFilters:
    query: str
    status: StatusFilter
    conflicts_only: bool
    page: int
    errors: Errors


def read_workforce_filters(params: QueryDict) -> WorkforceFilters:
    """Filters from the address; odd values (from an edited link) fall back rather than fail."""
    query = params.get("q", "").strip()
    errors = {}
    if len(query) > SEARCH_LIMIT:
        errors["q"] = f"Search must be {SEARCH_LIMIT} characters or fewer"
        query = query[:SEARCH_LIMIT]
    status = params.get("status", "")
    page = params.get("page", "")
    return WorkforceFilters(
        query=query,
        status=StatusFilter(status) if status in set(StatusFilter) else StatusFilter.ALL,
        conflicts_only=params.get("conflicts") == "yes",
        page=int(page) if page.isascii() and page.isdigit() and len(page) < 7 else 1,
        errors=errors,
    )


@dataclass
class TrainingRequest:
    kind: str = ""
    completed_on: dt.date | None = None
    expires_on: dt.date | None = None
    errors: Errors = field(default_factory=dict)


def read_training(post: QueryDict) -> TrainingRequest:
    request = TrainingRequest(kind=post.get("kind", ""))
    if not request.kind:
        request.errors["kind"] = "Choose the kind of training"
    request.completed_on, problem = read_date(post, "completed_on", "Date completed", required=True)
    if problem:
        request.errors["completed_on"] = problem
    request.expires_on, problem = read_date(post, "expires_on", "Expiry date", required=True)
    if problem:
        request.errors["expires_on"] = problem
    return request


@dataclass
class ConflictRequest:
    urn: int | None = None
    trust_uid: str = ""
    reason: str = ""
    errors: Errors = field(default_factory=dict)


def read_conflict(post: QueryDict) -> ConflictRequest:
    request = ConflictRequest(trust_uid=post.get("trust_uid", "").strip(), reason=post.get("reason", "").strip())
    urn = post.get("urn", "").strip()
    if urn and (not (urn.isascii() and urn.isdigit()) or len(urn) > 8):
        request.errors["urn"] = "The URN must be a number, such as 100000"
    elif urn:
        request.urn = int(urn)
    return request
