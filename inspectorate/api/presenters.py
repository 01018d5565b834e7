"""Inspections as the API shows them: plain dicts built from what the selectors and services give."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from inspectorate.domain.frameworks import FOUR_POINT_GRADES, framework
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import current_judgements, current_report, outcome_access
from inspectorate.inspections.services.evidence import provisional_outcome_viewed
from inspectorate.inspections.services.lifecycle import actions_for

SPECIAL_AREAS = ("safeguarding", "category_of_concern")


def inspection_path(inspection_id: int, *rest: str) -> str:
    return "/".join([reverse("api:inspection_get", args=[inspection_id]), *rest])


def inspection_summary(inspection: Inspection) -> dict[str, Any]:
    school = inspection.establishment
    fw = framework(inspection.framework_code)
    return {
        "id": inspection.pk,
        "reference": inspection.reference,
        "urn": school.urn,
        "school_name": school.name,
        "is_fictional": school.is_fictional,
        "framework": {"code": fw.code, "name": fw.name},
        "state": inspection.state,
        "state_label": inspection.state_label,
        "version": inspection.version,
        "starts_on": inspection.starts_on,
        "deadlines": {
            "factual_accuracy_deadline": inspection.factual_accuracy_deadline,
            "publication_target": inspection.publication_target,
        },
        "published_on": inspection.published_on,
        "links": {
            "self": inspection_path(inspection.pk),
            "school": reverse("school-detail", args=[school.urn]),
        },
    }


def _team(inspection: Inspection) -> list[dict[str, Any]]:
    return [
        {"username": m.inspector.username, "name": m.inspector.display_name, "capacity": m.capacity}
        for m in inspection.team.select_related("inspector").order_by("capacity", "pk")
    ]


def _timeline(inspection: Inspection) -> list[dict[str, Any]]:
    return [
        {
            "sequence": c.sequence,
            "action": c.action,
            "from_state": c.from_state,
            "to_state": c.to_state,
            "actor": c.actor.display_name,
            "at": c.at,
            "reason": c.reason,
            "payload": c.payload,
        }
        for c in inspection.state_changes.select_related("actor").order_by("sequence")
    ]


def _actions(user: Any, inspection: Inspection) -> list[dict[str, Any]]:
    return [
        {
            "action": t.action,
            "label": t.label,
            "needs_reason": t.needs_reason,
            "href": inspection_path(inspection.pk, t.action),
        }
        for t in actions_for(user, inspection)
    ]


def _grade_label(grade: str) -> str:
    return FOUR_POINT_GRADES.get(grade, grade)


def _outcome(inspection: Inspection, provisional: bool) -> dict[str, Any]:
    latest = current_judgements(inspection)
    report = current_report(inspection)
    return {
        "provisional": provisional,
        "judgements": [
            {
                "area": area,
                "grade": j.grade,
                "grade_label": _grade_label(j.grade),
                "rationale": j.rationale,
                "at": j.at,
            }
            for area, j in latest.items()
            if area not in SPECIAL_AREAS
        ],
        "safeguarding": latest["safeguarding"].grade if "safeguarding" in latest else None,
        "category_of_concern": latest["category_of_concern"].grade if "category_of_concern" in latest else None,
        "report": ({"summary": report.summary, "area_texts": report.area_texts, "at": report.at} if report else None),
    }


def inspection_detail(user: Any, inspection: Inspection) -> dict[str, Any]:
    """The inspection with its team, timeline and the actions open to `user`; the outcome only if they may see it
    (an unpublished one is audited on every view, as on the pages)."""
    access = outcome_access(user, inspection, today=timezone.localdate())
    outcome = None
    if access.allowed:
        if access.provisional:
            provisional_outcome_viewed(user=user, inspection=inspection, where="api")
        outcome = _outcome(inspection, access.provisional)
    return {
        **inspection_summary(inspection),
        "team": _team(inspection),
        "timeline": _timeline(inspection),
        "actions": _actions(user, inspection),
        "outcome": outcome,
        "outcome_withheld_reason": None if access.allowed else access.why,
    }
