"""Reading deferral requests, windows and refusals, always for a person (the inspection's access rules apply)."""

from __future__ import annotations

from typing import Any

from inspectorate.deferrals.models import BlanketDeferralWindow, DeferralRequest
from inspectorate.deferrals.services.common import require_decider
from inspectorate.inspections.models import Inspection, StateChange
from inspectorate.inspections.selectors import inspections_for

RECENT_DECISIONS = 50


def pending_requests(user: Any) -> list[DeferralRequest]:
    """Requests awaiting a decision, the soonest due first. Deciders only."""
    require_decider(user)
    return list(
        DeferralRequest.objects.filter(status=DeferralRequest.Status.PENDING, inspection__in=inspections_for(user))
        .select_related("inspection__establishment", "requested_by")
        .order_by("response_due_at", "pk")
    )


def recent_decisions(user: Any) -> list[DeferralRequest]:
    require_decider(user)
    return list(
        DeferralRequest.objects.exclude(status=DeferralRequest.Status.PENDING)
        .filter(inspection__in=inspections_for(user))
        .select_related("inspection__establishment", "requested_by", "decider", "blanket_window")
        .order_by("-decided_at", "-pk")[:RECENT_DECISIONS]
    )


def requests_on(inspection: Inspection) -> list[DeferralRequest]:
    """The inspection's requests, newest first. The caller has fetched `inspection` through inspection_for."""
    return list(inspection.deferral_requests.select_related("requested_by", "decider").order_by("-requested_at", "-pk"))


def blanket_windows(user: Any) -> list[BlanketDeferralWindow]:
    require_decider(user)
    return list(BlanketDeferralWindow.objects.select_related("declared_by").order_by("-first_day", "-pk"))


def refusal_of(inspection: Inspection) -> StateChange | None:
    """The latest refused-entry record of the inspection (earlier ones stay on its timeline)."""
    return (
        inspection.state_changes.filter(action="record_refused_entry")
        .select_related("actor")
        .order_by("-sequence")
        .first()
    )
