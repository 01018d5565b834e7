"""An inspection's outcome on its page: evidence notes by area, the judgements each linked to the notes they rest
on (so every grade can be traced to what was seen), the report draft and the school's comments, with the forms
the team and quality assurance use to add to them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone

from inspectorate.domain.roles import Role
from inspectorate.inspections.forms import AREA_TEXT_PREFIX, Errors
from inspectorate.inspections.models import EvidenceNote, Inspection, Judgement, ReportDraft
from inspectorate.inspections.presenters.fields import Field, FormView, Option, Refusal, submitted_to
from inspectorate.inspections.presenters.words import area_label, grade_label, sentence
from inspectorate.inspections.selectors import PUBLIC_STATES, SEE_ALL, current_judgements, current_report
from inspectorate.inspections.services.evidence import JUDGING_STATES, TEAM, WRITING_STATES, area_choices
from inspectorate.web.formatting import long_date

# Evidence notes are the team's working record: staff who may see the outcome read them; the school does not.
EVIDENCE_READERS = TEAM | {Role.QUALITY_ASSURANCE} | SEE_ALL


@dataclass(frozen=True)
class EvidenceView:
    id: str
    area: str
    text: str
    byline: str


@dataclass(frozen=True)
class JudgementView:
    area: str
    grade: str
    rationale: str
    byline: str
    evidence: list[tuple[str, str]]  # (anchor, short text)


@dataclass(frozen=True)
class ReportView:
    summary: str
    sections: list[tuple[str, str]]
    byline: str


@dataclass(frozen=True)
class OutcomeView:
    provisional: bool
    evidence: list[tuple[str, list[EvidenceView]]] | None  # None when this person does not see evidence notes
    judgements: list[JudgementView]
    report: ReportView | None
    comments: list[tuple[str, str]]
    evidence_form: FormView | None
    judgement_form: FormView | None
    report_form: FormView | None

    def forms(self) -> list[FormView]:
        return [f for f in (self.evidence_form, self.judgement_form, self.report_form) if f]


def present_outcome(inspection: Inspection, roles: frozenset[Role], refusal: Refusal | None) -> OutcomeView:
    """The outcome, for someone the selectors allow to see it. Forms follow the roles this person holds here."""
    areas = area_choices(inspection)
    notes = list(inspection.evidence_notes.select_related("author").order_by("area", "at", "pk"))
    sees_evidence = bool(roles & EVIDENCE_READERS)
    judgements = current_judgements(inspection)
    report = current_report(inspection)
    state = inspection.state_enum
    return OutcomeView(
        provisional=inspection.state not in PUBLIC_STATES,
        evidence=_evidence_by_area(notes, areas) if sees_evidence else None,
        judgements=[_judgement_view(judgements[a], sees_evidence) for a in _in_framework_order(areas, judgements)],
        report=_report_view(report, areas) if report else None,
        comments=[
            (c.text, f"{c.author.display_name}, {long_date(timezone.localdate(c.at))}")
            for c in inspection.factual_accuracy_comments.select_related("author").order_by("at", "pk")
        ],
        evidence_form=_evidence_form(inspection, areas, refusal) if roles & TEAM and state in JUDGING_STATES else None,
        judgement_form=_judgement_form(inspection, areas, notes, refusal)
        if roles & (TEAM | {Role.QUALITY_ASSURANCE}) and state in JUDGING_STATES
        else None,
        report_form=_report_form(inspection, areas, report, refusal)
        if roles & {Role.LEAD_INSPECTOR, Role.QUALITY_ASSURANCE} and state in WRITING_STATES
        else None,
    )


def _evidence_by_area(
    notes: list[EvidenceNote], areas: Mapping[str, Sequence[str]]
) -> list[tuple[str, list[EvidenceView]]]:
    grouped: dict[str, list[EvidenceView]] = {}
    for note in notes:
        grouped.setdefault(note.area, []).append(_evidence_view(note))
    return [(area_label(a), grouped[a]) for a in _in_framework_order(areas, grouped)]


def _in_framework_order(areas: Iterable[str], present: Mapping[str, Any]) -> list[str]:
    """The areas present, in the framework's order; any the framework no longer lists come last."""
    return [a for a in dict.fromkeys([*areas, *present]) if a in present]


def _evidence_view(note: EvidenceNote) -> EvidenceView:
    return EvidenceView(
        id=f"evidence-{note.pk}",
        area=area_label(note.area),
        text=note.text,
        byline=f"Evidence note {note.pk}, by {note.author.display_name}, {long_date(timezone.localdate(note.at))}",
    )


def _judgement_view(judgement: Judgement, sees_evidence: bool) -> JudgementView:
    linked = sorted(judgement.evidence.all(), key=lambda n: n.pk)
    return JudgementView(
        area=area_label(judgement.area),
        grade=grade_label(judgement.grade),
        rationale=judgement.rationale,
        byline=f"{judgement.recorded_by.display_name}, {long_date(timezone.localdate(judgement.at))}",
        evidence=[(f"#evidence-{n.pk}", f"Evidence note {n.pk}") for n in linked] if sees_evidence else [],
    )


def _report_view(report: ReportDraft, areas: Mapping[str, Sequence[str]]) -> ReportView:
    texts = report.area_texts or {}
    return ReportView(
        summary=report.summary,
        sections=[(area_label(a), texts[a]) for a in areas if texts.get(a)],
        byline=f"Last saved by {report.author.display_name}, {long_date(timezone.localdate(report.at))}",
    )


def _error(errors: Errors, name: str, label: str) -> str | None:
    return sentence(label, errors[name]) if name in errors else None


def _area_select(form_id: str, areas: Iterable[str], chosen: str, errors: Errors) -> Field:
    options = (Option("", "Choose an area"), *(Option(a, area_label(a), a == chosen) for a in areas))
    return Field("select", f"{form_id}-area", "area", "Area", error=_error(errors, "area", "Area"), options=options)


def _evidence_form(inspection: Inspection, areas: Mapping[str, Sequence[str]], refusal: Refusal | None) -> FormView:
    submitted, errors = submitted_to(refusal, "evidence")
    fields = [
        _area_select("evidence", areas, str(submitted.get("area", "")), errors),
        Field(
            "textarea",
            "evidence-text",
            "text",
            "What was seen",
            error=_error(errors, "text", "What was seen"),
            value=str(submitted.get("text", "")),
        ),
    ]
    href = reverse("inspection-evidence", args=[inspection.pk])
    return FormView("evidence", "Record evidence", href, fields, "Save the evidence note")


def _judgement_form(
    inspection: Inspection, areas: Mapping[str, Sequence[str]], notes: list[EvidenceNote], refusal: Refusal | None
) -> FormView:
    submitted, errors = submitted_to(refusal, "judgement")
    chosen_grade = str(submitted.get("grade", ""))
    chosen_notes = set(submitted.getlist("evidence")) if hasattr(submitted, "getlist") else set()
    groups: dict[tuple[str, ...], list[str]] = {}
    for area, grades in areas.items():
        groups.setdefault(tuple(grades), []).append(area_label(area))
    fields = [
        _area_select("judgement", areas, str(submitted.get("area", "")), errors),
        Field(
            "select",
            "judgement-grade",
            "grade",
            "Grade",
            hint="Each area allows the grades listed under it",
            error=_error(errors, "grade", "Grade"),
            options=(Option("", "Choose a grade"),),
            groups=tuple(
                (", ".join(names), tuple(Option(g, grade_label(g), g == chosen_grade) for g in grades))
                for grades, names in groups.items()
            ),
        ),
        Field(
            "textarea",
            "judgement-rationale",
            "rationale",
            "Why this grade",
            optional=True,
            value=str(submitted.get("rationale", "")),
        ),
        Field(
            "checkboxes",
            "judgement-evidence",
            "evidence",
            "Evidence it rests on",
            optional=True,
            hint="" if notes else "No evidence notes are recorded yet",
            error=_error(errors, "evidence_ids", "Evidence") or _error(errors, "evidence", "Evidence"),
            options=tuple(
                Option(
                    str(n.pk), f"Evidence note {n.pk} ({area_label(n.area)}): {n.text[:60]}", str(n.pk) in chosen_notes
                )
                for n in notes
            ),
        ),
    ]
    href = reverse("inspection-judgements", args=[inspection.pk])
    return FormView("judgement", "Record a judgement", href, fields, "Save the judgement")


def _report_form(
    inspection: Inspection, areas: Mapping[str, Sequence[str]], report: ReportDraft | None, refusal: Refusal | None
) -> FormView:
    submitted, errors = submitted_to(refusal, "report")
    saved_texts = (report.area_texts or {}) if report else {}
    summary = submitted.get("summary", report.summary if report else "")
    fields = [
        Field(
            "textarea",
            "report-summary",
            "summary",
            "Summary",
            error=_error(errors, "summary", "Summary"),
            value=str(summary),
        ),
    ]
    area_error = _error(errors, "area_texts", "Area texts")
    for index, area in enumerate(a for a in areas if a != "category_of_concern"):
        name = f"{AREA_TEXT_PREFIX}{area}"
        fields.append(
            Field(
                "textarea",
                f"report-{name}",
                name,
                area_label(area),
                optional=True,
                error=area_error if index == 0 else None,
                value=str(submitted.get(name, saved_texts.get(area, ""))),
            )
        )
    href = reverse("inspection-report", args=[inspection.pk])
    return FormView("report", "Write the report", href, fields, "Save the report draft")
