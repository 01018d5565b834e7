"""Which inspection's report a person may read, and the published reports a school's page lists.

A published report is public: anyone may read it, signed in or not, so it is looked up by its state alone
(`inspection_for` answers nothing for an anonymous visitor). Before publication the report is the provisional
outcome: only those `outcome_access` allows may read it, and anyone else is told there is no such report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from inspectorate.inspections.errors import NotFound
from inspectorate.inspections.models import Inspection, TeamMember
from inspectorate.inspections.selectors import PUBLIC_STATES, inspection_for, outcome_access

# Read through `.all()` in the presenter, so that a list of reports costs the same few queries as one.
REPORT_PREFETCHES = (
    "judgements",
    "report_drafts",
    Prefetch("team", queryset=TeamMember.objects.select_related("inspector")),
)


@dataclass(frozen=True)
class ReportAccess:
    inspection: Inspection
    provisional: bool  # not yet published: the view must be audited and marked "do not share"


def published_inspections() -> QuerySet[Inspection]:
    """Inspections whose report is public, with what a report needs read in a few queries, whatever their number."""
    return (
        Inspection.objects.filter(state__in=sorted(PUBLIC_STATES))
        .select_related("establishment")
        .prefetch_related(*REPORT_PREFETCHES)
    )


def report_access(user: object, inspection_id: int, *, today: dt.date) -> ReportAccess:
    """The inspection whose report this person may read now; NotFound when they may not, so as not to say it exists."""
    found = published_inspections().filter(pk=inspection_id).first()
    if found is not None:
        return ReportAccess(found, provisional=False)
    inspection = inspection_for(user, inspection_id)
    access = outcome_access(user, inspection, today=today)
    if not access.allowed:
        raise NotFound(f"There is no inspection report {inspection_id} that you can see.")
    return ReportAccess(inspection, provisional=access.provisional)


def published_inspections_of(school_id: int) -> list[Inspection]:
    return list(published_inspections().filter(establishment_id=school_id).order_by("-starts_on", "-pk"))
