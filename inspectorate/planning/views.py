"""The scheduler's view of who is due: the queue on a chosen start date, each school with its reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from inspectorate.domain.roles import Role
from inspectorate.domain.scheduling.queue import DueEntry, due_queue
from inspectorate.inspections.selectors import roles_of
from inspectorate.planning.selectors import returned_to_queue, schools_on_register
from inspectorate.register.models import Establishment
from inspectorate.register.presenters.search import PageLink, Pagination
from inspectorate.web.pagination import page_numbers

PAGE_SIZE = 25
# Working the queue out for all 22,000 schools takes a few seconds: keep it for a while per start date.
QUEUE_CACHE_SECONDS = 300
MAY_SEE = frozenset({Role.SCHEDULER, Role.ADMINISTRATOR, Role.DUTY_DESK})


@dataclass(frozen=True)
class DueRow:
    urn: int
    name: str
    href: str
    entry: DueEntry
    explanation: list[str]


def _queue(start: dt.date) -> tuple[DueEntry, ...]:
    key = f"planning:due-queue:{start.isoformat()}"
    queue = cache.get(key)
    if queue is None:
        queue = due_queue(schools_on_register(), start, returned_to_queue(start))
        cache.set(key, queue, QUEUE_CACHE_SECONDS)
    return queue  # type: ignore[no-any-return]


def _href(start: str, page: int) -> str:
    return reverse("due-queue") + "?" + urlencode({"from": start, "page": page})


@login_required
@require_GET
def due_queue_page(request: HttpRequest) -> HttpResponse:
    if not roles_of(request.user) & MAY_SEE:
        return render(
            request,
            "inspections/forbidden.html",
            {"message": "The queue of schools due is for schedulers, administrators and the duty desk."},
            status=403,
        )
    raw = request.GET.get("from", "")
    error = None
    start = timezone.localdate()
    if raw:
        try:
            start = dt.date.fromisoformat(raw)
        except ValueError:
            error = f"“{raw}” is not a date: write it as YYYY-MM-DD, for example {start.isoformat()}"
    try:
        page_number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page_number = 1
    queue = _queue(start)
    pages = max(1, -(-len(queue) // PAGE_SIZE))
    page_number = min(page_number, pages)
    shown = queue[(page_number - 1) * PAGE_SIZE : page_number * PAGE_SIZE]
    names = dict(Establishment.objects.filter(urn__in=[e.urn for e in shown]).values_list("urn", "name"))
    rows = [
        DueRow(e.urn, names.get(e.urn, ""), reverse("school-detail", args=[e.urn]), e, e.explain().splitlines()[1:])
        for e in shown
    ]
    pagination = None
    if pages > 1:
        iso = start.isoformat()
        pagination = Pagination(
            previous_href=_href(iso, page_number - 1) if page_number > 1 else None,
            next_href=_href(iso, page_number + 1) if page_number < pages else None,
            pages=[PageLink(n, _href(iso, n) if n else "", n == page_number) for n in page_numbers(page_number, pages)],
        )
    context = {
        "start": start,
        "raw": raw or start.isoformat(),
        "error": error,
        "rows": rows,
        "total": len(queue),
        "first": (page_number - 1) * PAGE_SIZE + 1 if rows else 0,
        "last": (page_number - 1) * PAGE_SIZE + len(rows),
        "pages": pagination,
        "active_nav": "workspace",
    }
    return render(request, "planning/due_queue.html", context, status=200 if not error else 400)
