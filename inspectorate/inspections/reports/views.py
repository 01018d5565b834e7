"""The inspection report, as a page and as a PDF: public once published, provisional before that.

Before publication only the people `outcome_access` allows may read it; each reading is audited, and the page
and the PDF say "provisional: do not share". Anyone else is told there is no such report.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from inspectorate.inspections.errors import NotFound
from inspectorate.inspections.reports.pdf import report_pdf
from inspectorate.inspections.reports.presenter import Report, report_of
from inspectorate.inspections.reports.selectors import report_access
from inspectorate.inspections.services.evidence import provisional_outcome_viewed
from inspectorate.web.page_cache import public_page


@require_GET
@public_page
def report_page(request: HttpRequest, inspection_id: int) -> HttpResponse:
    report = _report_for(request, inspection_id, where="report page")
    response = render(request, "reports/report.html", {"report": report, "active_nav": "schools"})
    return _kept_private(response) if report.provisional else response


@require_GET
@public_page
def report_pdf_download(request: HttpRequest, inspection_id: int) -> HttpResponse:
    report = _report_for(request, inspection_id, where="report PDF")
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{report.filename}"'
    return _kept_private(response) if report.provisional else response


def _report_for(request: HttpRequest, inspection_id: int, *, where: str) -> Report:
    try:
        access = report_access(request.user, inspection_id, today=timezone.localdate())
    except NotFound as refusal:
        raise Http404(refusal.message) from None
    if access.provisional:
        provisional_outcome_viewed(user=request.user, inspection=access.inspection, where=where)
    return report_of(access.inspection)


def _kept_private(response: HttpResponse) -> HttpResponse:
    """A provisional outcome is never kept by a browser or a shared cache."""
    add_never_cache_headers(response)  # no-store, private
    return response
