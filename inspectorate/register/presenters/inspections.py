"""How a recorded inspection reads: its one-line headline, and the rows of its card in a school's history."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.urls import reverse

from inspectorate.domain.frameworks import Scale, framework
from inspectorate.domain.grades import (
    CATEGORIES_OF_CONCERN,
    NOT_JUDGED,
    describe,
    describe_safeguarding,
    is_grade,
)
from inspectorate.domain.outcomes import KEY_JUDGEMENT_LABELS, four_point_key_judgements, overall_outcome
from inspectorate.inspections.reports.presenter import Report
from inspectorate.register.models import RecordedInspection
from inspectorate.web.formatting import long_date, number

Row = tuple[str, str]

NO_GRADED_INSPECTION = "No graded inspection on record"

REPORT_CARD_NOTE = (
    "A report card, graded from exceptional to urgent improvement: a different scale from the four-point grades "
    "before it. This register does not hold report-card grades yet."
)


def headline(inspection: RecordedInspection) -> str:
    """Reads like "Good — 12 June 2024 — education inspection framework, 2019": never a grade alone."""
    fw = framework(inspection.framework)
    words = overall_outcome(fw, inspection.overall_effectiveness)
    return f"{words} — {long_date(inspection.start_date)} — {fw.short_name}"


@dataclass(frozen=True)
class ReportLinks:
    page_href: str
    pdf_href: str
    pdf_label: str  # "Download the report (PDF, 16 KB)"
    context: str  # said to screen readers after each link, which is otherwise alike on every card


@dataclass(frozen=True)
class InspectionCard:
    title: str
    rows: list[Row]
    predecessor_note: str | None
    report_links: ReportLinks | None = None  # inspections run and published in this service


def inspection_card(inspection: RecordedInspection) -> InspectionCard:
    graded = inspection.kind == RecordedInspection.Kind.GRADED
    return InspectionCard(
        title=f"{inspection.get_kind_display()} inspection, {long_date(inspection.start_date)}",
        rows=_common_rows(inspection) + (_graded_rows(inspection) if graded else _ungraded_rows(inspection)),
        predecessor_note=_predecessor_note(inspection),
    )


def _common_rows(inspection: RecordedInspection) -> list[Row]:
    return [
        ("Inspection type", inspection.inspection_type or "Not recorded"),
        ("Start date", long_date(inspection.start_date)),
        ("Published", long_date(inspection.publication_date, missing="Not recorded")),
        ("Framework", framework(inspection.framework).name),
    ]


def _graded_rows(inspection: RecordedInspection) -> list[Row]:
    fw = framework(inspection.framework)
    if fw.scale is Scale.REPORT_CARD:
        return [("Outcome", REPORT_CARD_NOTE)]
    overall = inspection.overall_effectiveness if fw.has_overall_effectiveness else NOT_JUDGED
    rows: list[Row] = [("Overall effectiveness", describe(overall))]
    rows += [(KEY_JUDGEMENT_LABELS[j], describe(getattr(inspection, j))) for j in four_point_key_judgements(fw)]
    rows.append(("Safeguarding effective", describe_safeguarding(inspection.safeguarding)))
    # Early years and sixth form only where graded: 9, 8 and 0 mean "no grade", not a judgement.
    if is_grade(inspection.early_years):
        rows.append(("Early years provision", describe(inspection.early_years)))
    if is_grade(inspection.sixth_form):
        rows.append(("Sixth form provision", describe(inspection.sixth_form)))
    if inspection.category_of_concern:
        code = inspection.category_of_concern
        rows.append(("Category of concern", CATEGORIES_OF_CONCERN.get(code, code)))
    return rows


def _ungraded_rows(inspection: RecordedInspection) -> list[Row]:
    rows: list[Row] = [("Outcome", inspection.ungraded_outcome or "Not recorded")]
    if inspection.converted_to_graded is not None:
        rows.append(("Became a graded inspection", "Yes" if inspection.converted_to_graded else "No"))
    return rows


def _predecessor_note(inspection: RecordedInspection) -> str | None:
    if not inspection.carried_over_from_predecessor:
        return None
    note = f"This inspection was of the predecessor school, URN {inspection.urn_at_time or 'not recorded'}"
    return f"{note}: {inspection.name_at_time}." if inspection.name_at_time else f"{note}."


def report_headline(report: Report) -> str:
    """The headline of an inspection published here, read as `headline` reads a recorded one."""
    fw = framework(report.framework_code)
    words = report.overall_effectiveness or overall_outcome(fw, "")
    return f"{words} — {long_date(report.first_day)} — {fw.short_name}"


def report_card(report: Report, pdf_size: int | None) -> InspectionCard:
    """A published report's card: its dates, framework and judgements (report cards: each area, never an
    overall grade), with links to the report and its PDF."""
    title = f"{'Report card' if report.is_report_card else 'Graded inspection'}, {long_date(report.first_day)}"
    rows: list[Row] = [
        ("Inspection dates", report.dates),
        ("Published", long_date(report.published_on, missing="Not recorded")),
        ("Framework", report.framework_name),
    ]
    if not report.is_report_card and report.overall_effectiveness is None:
        rows.append(("Overall effectiveness", describe(NOT_JUDGED)))
    rows += report.judgements
    return InspectionCard(title=title, rows=rows, predecessor_note=None, report_links=_report_links(report, pdf_size))


def _report_links(report: Report, pdf_size: int | None) -> ReportLinks:
    size = f", {number(math.ceil(pdf_size / 1024))} KB" if pdf_size else ""
    return ReportLinks(
        page_href=reverse("report-page", args=[report.inspection_id]),
        pdf_href=reverse("report-pdf", args=[report.inspection_id]),
        pdf_label=f"Download the report (PDF{size})",
        context=f" of the inspection on {report.dates}",
    )
