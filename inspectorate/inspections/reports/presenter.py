"""The inspection report as a reader meets it, on the page and in the PDF alike: `report_of(inspection)`.

Reads the latest judgement per area and the latest report draft through the inspection's related managers, so
that a caller who prefetched them (reports.selectors) pays no query per report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from inspectorate.domain.frameworks import Framework, Scale, framework
from inspectorate.domain.judgements import allowed_areas, assess
from inspectorate.inspections.models import Inspection, Judgement, ReportDraft, TeamMember
from inspectorate.inspections.reports.areas import area_label, grade_words, optional_area, safeguarding_words
from inspectorate.inspections.selectors import PUBLIC_STATES
from inspectorate.web.formatting import long_date

NOT_YET_JUDGED = "Not yet judged"
NO_OVERALL_GRADE_NOTES = {
    Scale.REPORT_CARD: "A report card grades each area on its own: there is no single overall grade.",
    Scale.FOUR_POINT: "Inspections from 2 September 2024 give no overall effectiveness grade: "
    "each key judgement stands on its own.",
}


@dataclass(frozen=True)
class AreaReport:
    area: str
    heading: str
    grade: str  # in words: "Good", "Strong standard", "Effective", "Met"
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    inspection_id: int
    reference: str
    school_name: str
    urn: int
    school_is_public: bool  # fictional (demo) schools have no public page to link to
    local_authority: str
    ofsted_region: str
    postcode: str
    first_day: dt.date
    last_day: dt.date
    framework_code: str
    framework_name: str
    is_report_card: bool
    lead_inspector: str
    overall_effectiveness: str | None  # only the frameworks that have one (EIF 2019 and before)
    areas: tuple[AreaReport, ...]  # in the framework's order
    safeguarding: AreaReport
    category_of_concern: str | None
    summary: tuple[str, ...]
    provisional: bool  # not yet published
    published_on: dt.date | None
    working_days_to_publication: int | None

    @property
    def kind(self) -> str:
        return "Report card" if self.is_report_card else "Inspection report"

    @property
    def title(self) -> str:
        return f"{self.kind}: {self.school_name}"

    @property
    def dates(self) -> str:
        return date_span(self.first_day, self.last_day)

    @property
    def no_overall_grade_note(self) -> str | None:
        if self.overall_effectiveness is not None:
            return None
        return NO_OVERALL_GRADE_NOTES[Scale.REPORT_CARD if self.is_report_card else Scale.FOUR_POINT]

    @property
    def details(self) -> list[tuple[str, str]]:
        return [
            ("URN", str(self.urn)),
            ("Local authority", self.local_authority),
            ("Postcode", self.postcode or "Not recorded"),
            ("Inspection dates", self.dates),
            ("Framework", self.framework_name),
            ("Lead inspector", self.lead_inspector),
            ("Published", long_date(self.published_on, missing="Not yet published")),
        ]

    @property
    def judgements(self) -> list[tuple[str, str]]:
        """Every judgement in one list, in the report's order: areas, safeguarding, then any category of concern."""
        rows = [(a.heading, a.grade) for a in (*self.areas, self.safeguarding)]
        if self.category_of_concern:
            rows.append((area_label("category_of_concern"), self.category_of_concern))
        return rows

    @property
    def publication_line(self) -> str | None:
        if self.provisional or self.published_on is None:
            return None
        days = self.working_days_to_publication
        if days is None:
            return f"Published on {long_date(self.published_on)}."
        unit = "working day" if days == 1 else "working days"
        return f"Published {days} {unit} after the inspection, on {long_date(self.published_on)}."

    @property
    def filename(self) -> str:
        return f"inspection-report-{self.urn}-{(self.published_on or self.last_day).isoformat()}.pdf"


def report_of(inspection: Inspection) -> Report:
    fw = framework(inspection.framework_code)
    latest = _latest_judgements(inspection)
    draft = _latest_draft(inspection)
    texts: dict[str, str] = dict(draft.area_texts) if draft else {}
    areas = tuple(
        _area(fw, area, latest.get(area), texts.get(area, ""))
        for area in allowed_areas(fw)
        if area in latest or not optional_area(fw, area)
    )
    first_day = inspection.first_on_site_day or inspection.starts_on
    school = inspection.establishment
    return Report(
        inspection_id=inspection.pk,
        reference=inspection.reference,
        school_name=school.name,
        urn=school.urn,
        school_is_public=not school.is_fictional,
        local_authority=school.local_authority,
        ofsted_region=school.ofsted_region,
        postcode=school.postcode,
        first_day=first_day,
        last_day=inspection.last_on_site_day or first_day,
        framework_code=fw.code,
        framework_name=fw.name,
        is_report_card=fw.scale is Scale.REPORT_CARD,
        lead_inspector=_lead_inspector(inspection),
        overall_effectiveness=next((a.grade for a in areas if a.area == "overall_effectiveness"), None),
        areas=areas,
        safeguarding=_safeguarding(latest.get("safeguarding"), texts.get("safeguarding", "")),
        category_of_concern=_category(fw, latest),
        summary=paragraphs(draft.summary if draft else ""),
        provisional=inspection.state not in PUBLIC_STATES,
        published_on=inspection.published_on,
        working_days_to_publication=inspection.working_days_to_publication,
    )


def _latest_judgements(inspection: Inspection) -> dict[str, Judgement]:
    latest: dict[str, Judgement] = {}
    for judgement in sorted(inspection.judgements.all(), key=lambda j: (j.at, j.pk)):
        latest[judgement.area] = judgement
    return latest


def _latest_draft(inspection: Inspection) -> ReportDraft | None:
    return max(inspection.report_drafts.all(), key=lambda d: (d.at, d.pk), default=None)


def _lead_inspector(inspection: Inspection) -> str:
    lead = next((m for m in inspection.team.all() if m.capacity == TeamMember.Capacity.LEAD), None)
    if lead is None:
        return "Not recorded"
    return lead.inspector.get_full_name() or lead.inspector.get_username()


def _area(fw: Framework, area: str, judgement: Judgement | None, text: str) -> AreaReport:
    grade = grade_words(fw, judgement.grade) if judgement else NOT_YET_JUDGED
    return AreaReport(area=area, heading=area_label(area), grade=grade, paragraphs=paragraphs(text))


def _safeguarding(judgement: Judgement | None, text: str) -> AreaReport:
    grade = safeguarding_words(judgement.grade) if judgement else NOT_YET_JUDGED
    return AreaReport("safeguarding", area_label("safeguarding"), grade, paragraphs(text))


def _category(fw: Framework, latest: dict[str, Judgement]) -> str | None:
    """Four-point frameworks record the inspectors' choice; under report cards the judgements decide it."""
    if fw.scale is Scale.FOUR_POINT:
        recorded = latest.get("category_of_concern")
        return recorded.grade if recorded and recorded.grade else None
    grades = {a: j.grade for a, j in latest.items() if a != "safeguarding"}
    safeguarding = latest["safeguarding"].grade if "safeguarding" in latest else None
    assessment = assess(fw, grades, safeguarding)
    return assessment.category if assessment.valid else None


def paragraphs(text: str) -> tuple[str, ...]:
    """A text typed in a box, as paragraphs: each non-blank line is one."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def date_span(first: dt.date, last: dt.date) -> str:
    """GOV.UK style: "3 March 2026", "3 to 4 March 2026", "31 March to 1 April 2026"."""
    if first == last:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {long_date(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%B} to {long_date(last)}"
    return f"{long_date(first)} to {long_date(last)}"
