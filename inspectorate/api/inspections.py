"""Reading and planning inspections, and the records the team and the school add to them (evidence, judgements,
the report's text, factual-accuracy comments). Each endpoint checks who is asking through a selector or service."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Query, Router, Status

from inspectorate.api.auth import asker
from inspectorate.api.errors import responses
from inspectorate.api.presenters import inspection_detail, inspection_path, inspection_summary
from inspectorate.api.schemas import (
    CommentIn,
    CommentOut,
    EvidenceIn,
    EvidenceOut,
    InspectionDetail,
    InspectionFilters,
    InspectionPage,
    JudgementIn,
    JudgementRecorded,
    PlanIn,
    ReportIn,
    ReportSaved,
)
from inspectorate.inspections.selectors import by_state, inspection_for, inspections_for
from inspectorate.inspections.services.evidence import (
    evidence_note_add,
    factual_accuracy_comment_add,
    judgement_record,
    report_draft_save,
)
from inspectorate.inspections.services.planning import inspection_plan

router = Router(tags=["inspections"])
RECORD_ERRORS = (401, 403, 404, 409, 422)


def _page_link(request: HttpRequest, filters: InspectionFilters, page: int) -> str:
    query = [("state", s.value) for s in filters.state]
    if filters.urn is not None:
        query.append(("urn", str(filters.urn)))
    query += [("page", str(page)), ("page_size", str(filters.page_size))]
    return f"{request.path}?{urlencode(query)}"


@router.get("/inspections", response=responses(200, InspectionPage, 401, 422), url_name="inspection_list")
def inspection_list(request: HttpRequest, filters: Query[InspectionFilters]) -> dict[str, Any]:
    """The inspections you may see, newest start date first."""
    found = by_state(inspections_for(asker(request)), [s.value for s in filters.state])
    if filters.urn is not None:
        found = found.filter(establishment__urn=filters.urn)
    found = found.order_by("-starts_on", "-pk")
    total = found.count()
    pages = max(1, math.ceil(total / filters.page_size))
    start = (filters.page - 1) * filters.page_size
    items = [inspection_summary(i) for i in found[start : start + filters.page_size]]
    return {
        "items": items,
        "page": filters.page,
        "page_size": filters.page_size,
        "total": total,
        "pages": pages,
        "links": {
            "next": _page_link(request, filters, filters.page + 1) if filters.page < pages else None,
            "previous": _page_link(request, filters, filters.page - 1) if 1 < filters.page <= pages else None,
        },
    }


@router.get(
    "/inspections/{inspection_id}",
    response=responses(200, InspectionDetail, 401, 404, 422),
    url_name="inspection_get",
)
def inspection_get(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    """One inspection: its team, its timeline, what you may do now, and its outcome if you may see it."""
    return inspection_detail(asker(request), inspection_for(asker(request), inspection_id))


@router.post("/inspections", response=responses(201, InspectionDetail, 401, 403, 422), url_name="inspection_plan")
def inspection_create(request: HttpRequest, payload: PlanIn) -> Status[dict[str, Any]]:
    """Plan an inspection (schedulers and administrators)."""
    planned = inspection_plan(
        user=asker(request),
        urn=payload.urn,
        starts_on=payload.starts_on,
        lead=payload.lead,
        team=payload.team,
        on_site_days=payload.on_site_days,
    )
    return Status(201, inspection_detail(asker(request), inspection_for(asker(request), planned.pk)))


@router.post(
    "/inspections/{inspection_id}/evidence",
    response=responses(201, EvidenceOut, *RECORD_ERRORS),
    url_name="inspection_evidence",
)
def evidence_add(request: HttpRequest, inspection_id: int, payload: EvidenceIn) -> Status[dict[str, Any]]:
    """Record an evidence note (the inspection team, while judging)."""
    note = evidence_note_add(user=asker(request), inspection_id=inspection_id, area=payload.area, text=payload.text)
    links = {"inspection": inspection_path(inspection_id)}
    return Status(201, {"id": note.pk, "area": note.area, "text": note.text, "at": note.at, "links": links})


@router.post(
    "/inspections/{inspection_id}/judgements",
    response=responses(201, JudgementRecorded, *RECORD_ERRORS),
    url_name="inspection_judgements",
)
def judgement_add(request: HttpRequest, inspection_id: int, payload: JudgementIn) -> Status[dict[str, Any]]:
    """Record a judgement for one area; the latest per area counts (the team, or quality assurance)."""
    judgement = judgement_record(
        user=asker(request),
        inspection_id=inspection_id,
        area=payload.area,
        grade=payload.grade,
        rationale=payload.rationale,
        evidence_ids=payload.evidence_ids,
    )
    recorded = {
        "id": judgement.pk,
        "area": judgement.area,
        "grade": judgement.grade,
        "evidence_ids": sorted(judgement.evidence.values_list("pk", flat=True)),
        "at": judgement.at,
        "links": {"inspection": inspection_path(inspection_id)},
    }
    return Status(201, recorded)


@router.post(
    "/inspections/{inspection_id}/report",
    response=responses(201, ReportSaved, *RECORD_ERRORS),
    url_name="inspection_report",
)
def report_save(request: HttpRequest, inspection_id: int, payload: ReportIn) -> Status[dict[str, Any]]:
    """Save a new version of the report's text (the lead inspector, or quality assurance)."""
    draft = report_draft_save(
        user=asker(request), inspection_id=inspection_id, summary=payload.summary, area_texts=payload.area_texts
    )
    saved = {
        "id": draft.pk,
        "summary": draft.summary,
        "area_texts": draft.area_texts,
        "at": draft.at,
        "links": {"inspection": inspection_path(inspection_id)},
    }
    return Status(201, saved)


@router.post(
    "/inspections/{inspection_id}/factual-accuracy-comments",
    response=responses(201, CommentOut, *RECORD_ERRORS),
    url_name="inspection_factual_accuracy_comments",
)
def comment_add(request: HttpRequest, inspection_id: int, payload: CommentIn) -> Status[dict[str, Any]]:
    """The school's comments on the draft report, within the factual-accuracy window."""
    comment = factual_accuracy_comment_add(user=asker(request), inspection_id=inspection_id, text=payload.text)
    links = {"inspection": inspection_path(inspection_id)}
    return Status(201, {"id": comment.pk, "text": comment.text, "at": comment.at, "links": links})
