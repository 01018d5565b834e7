"""The report as a PDF: the page's own template content rendered by WeasyPrint, tagged for screen readers.

Tagging (pdf_tags) gives the PDF a structure tree of headings, paragraphs and lists, with the language from
`<html lang>` and the title from `<title>`, so assistive technology reads it as it reads the page.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string

from inspectorate.inspections.reports.presenter import Report

# A published report does not change, and its size is shown beside every link to it; keep it for a day.
SIZE_CACHE_SECONDS = 24 * 60 * 60


def report_pdf(report: Report) -> bytes:
    # Imported here: WeasyPrint takes a moment to load, and only the PDF needs it, not every web process's start.
    from weasyprint import HTML

    html = render_to_string("reports/report_print.html", {"report": report})
    pdf: bytes = HTML(string=html).write_pdf(pdf_tags=True)
    return pdf


def report_pdf_size(report: Report) -> int:
    """The PDF's size in bytes, rendered once for each content of the report (a changed report is a new key)."""
    fingerprint = hashlib.sha256(repr(report).encode()).hexdigest()
    size = cache.get_or_set(f"report-pdf-size:{fingerprint}", lambda: len(report_pdf(report)), SIZE_CACHE_SECONDS)
    return int(size or 0)
