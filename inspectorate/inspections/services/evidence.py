"""Evidence notes, judgements, the report's text and the school's factual-accuracy comments: each appended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from inspectorate.audit.services import audit_record
from inspectorate.domain.frameworks import Scale, framework
from inspectorate.domain.judgements import allowed_areas, allowed_grades
from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import State
from inspectorate.inspections.errors import InvalidInput, NotAllowed, StateConflict
from inspectorate.inspections.models import EvidenceNote, FactualAccuracyComment, Inspection, Judgement, ReportDraft
from inspectorate.inspections.selectors import inspection_for, roles_on
from inspectorate.inspections.services.facts import CATEGORY_CHOICES

TEAM = frozenset({Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR})
# No judgement before the inspectors are on site; quality assurance may still change one before the draft goes out.
JUDGING_STATES = frozenset({State.ON_SITE, State.FINAL_FEEDBACK_GIVEN, State.DRAFTING, State.QUALITY_ASSURANCE})
WRITING_STATES = frozenset({State.FINAL_FEEDBACK_GIVEN, State.DRAFTING, State.QUALITY_ASSURANCE})


def _refuse_state(inspection: Inspection, allowed: frozenset[State], what: str) -> None:
    if inspection.state_enum not in allowed:
        states = ", ".join(sorted(s.value for s in allowed))
        raise StateConflict(
            f"Cannot {what} while the inspection is {inspection.state}; it can be done when it is: {states}",
            current_state=inspection.state,
            allowed_actions=[],
            version=inspection.version,
        )


def area_choices(inspection: Inspection) -> dict[str, tuple[str, ...]]:
    """Every area a judgement may be recorded for under this inspection's framework, with its allowed grades."""
    fw = framework(inspection.framework_code)
    grades = allowed_grades(fw)
    choices: dict[str, tuple[str, ...]] = {area: grades for area in allowed_areas(fw)}
    if fw.scale == Scale.REPORT_CARD:
        choices["safeguarding"] = ("met", "not met")
    else:
        choices["safeguarding"] = ("effective", "ineffective")
        choices["category_of_concern"] = CATEGORY_CHOICES
    return choices


def evidence_note_add(
    *, user: Any, inspection_id: int, area: str, text: str, now: dt.datetime | None = None
) -> EvidenceNote:
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        if not roles_on(user, inspection) & TEAM:
            raise NotAllowed("Only the inspection team may record evidence.")
        _refuse_state(inspection, JUDGING_STATES, "record evidence")
        areas = area_choices(inspection)
        errors = {}
        if area not in areas:
            errors["area"] = f"{area!r} is not an area of this framework; choose one of {', '.join(areas)}"
        if not text.strip():
            errors["text"] = "write what was seen"
        if errors:
            raise InvalidInput(errors)
        moment = now or timezone.now()
        note = EvidenceNote.objects.create(inspection=inspection, area=area, text=text.strip(), author=user, at=moment)
        audit_record(
            action="evidence.add",
            actor=user,
            at=moment,
            object_type="inspection",
            object_id=inspection.pk,
            details={"area": area, "note": note.pk},
        )
    return note


def judgement_record(
    *,
    user: Any,
    inspection_id: int,
    area: str,
    grade: str,
    rationale: str = "",
    evidence_ids: Sequence[int] = (),
    now: dt.datetime | None = None,
) -> Judgement:
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        roles = roles_on(user, inspection)
        if not roles & (TEAM | {Role.QUALITY_ASSURANCE}):
            raise NotAllowed("Only the inspection team or quality assurance may record a judgement.")
        _refuse_state(inspection, JUDGING_STATES, "record a judgement")
        areas = area_choices(inspection)
        if area not in areas:
            raise InvalidInput(
                {"area": f"{area!r} is not a judgement under this framework; its areas: {', '.join(areas)}"}
            )
        if grade not in areas[area]:
            raise InvalidInput({"grade": f"{grade!r} is not allowed for {area}; allowed: {', '.join(areas[area])}"})
        notes = list(EvidenceNote.objects.filter(inspection=inspection, pk__in=list(evidence_ids)))
        if len(notes) != len(set(evidence_ids)):
            raise InvalidInput({"evidence_ids": "name only evidence notes of this inspection"})
        moment = now or timezone.now()
        judgement = Judgement.objects.create(
            inspection=inspection,
            area=area,
            grade=grade,
            rationale=rationale.strip(),
            recorded_by=user,
            at=moment,
        )
        judgement.evidence.set(notes)
        audit_record(
            action="judgement.record",
            actor=user,
            at=moment,
            object_type="inspection",
            object_id=inspection.pk,
            details={"area": area, "grade": grade, "evidence": [n.pk for n in notes], "state": inspection.state},
        )
    return judgement


def report_draft_save(
    *,
    user: Any,
    inspection_id: int,
    summary: str,
    area_texts: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> ReportDraft:
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        roles = roles_on(user, inspection)
        if not roles & ({Role.LEAD_INSPECTOR, Role.QUALITY_ASSURANCE}):
            raise NotAllowed("Only the lead inspector or quality assurance may write the report.")
        _refuse_state(inspection, WRITING_STATES, "change the report")
        areas = area_choices(inspection)
        texts = {k: v.strip() for k, v in (area_texts or {}).items() if v and v.strip()}
        unknown = [k for k in texts if k not in areas]
        errors = {}
        if unknown:
            errors["area_texts"] = f"not areas of this framework: {', '.join(unknown)}"
        if not summary.strip():
            errors["summary"] = "write the report's summary"
        if errors:
            raise InvalidInput(errors)
        moment = now or timezone.now()
        draft = ReportDraft.objects.create(
            inspection=inspection, summary=summary.strip(), area_texts=texts, author=user, at=moment
        )
        audit_record(
            action="report.draft",
            actor=user,
            at=moment,
            object_type="inspection",
            object_id=inspection.pk,
            details={"draft": draft.pk},
        )
    return draft


def factual_accuracy_comment_add(
    *, user: Any, inspection_id: int, text: str, now: dt.datetime | None = None, today: dt.date | None = None
) -> FactualAccuracyComment:
    moment = now or timezone.now()
    day = today or timezone.localdate(moment)
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        if not roles_on(user, inspection) & {Role.HEADTEACHER, Role.RESPONSIBLE_BODY}:
            raise NotAllowed("Only the school's headteacher or responsible body may comment on the draft.")
        _refuse_state(inspection, frozenset({State.FACTUAL_ACCURACY_CHECK}), "comment on the draft")
        if inspection.factual_accuracy_deadline and day > inspection.factual_accuracy_deadline:
            raise StateConflict(
                f"The factual-accuracy window closed on {inspection.factual_accuracy_deadline:%d %B %Y}.",
                current_state=inspection.state,
                allowed_actions=[],
                version=inspection.version,
            )
        if not text.strip():
            raise InvalidInput({"text": "write your comments on the draft"})
        comment = FactualAccuracyComment.objects.create(
            inspection=inspection, author=user, text=text.strip(), at=moment
        )
        audit_record(
            action="report.factual_accuracy_comment",
            actor=user,
            at=moment,
            object_type="inspection",
            object_id=inspection.pk,
            details={"comment": comment.pk},
        )
    return comment


def provisional_outcome_viewed(*, user: Any, inspection: Inspection, where: str) -> None:
    """Every view of an unpublished outcome is in the audit trail: who, when, where (page, PDF or API)."""
    audit_record(
        action="provisional_outcome.viewed",
        actor=user,
        object_type="inspection",
        object_id=inspection.pk,
        details={"where": where, "state": inspection.state},
    )
