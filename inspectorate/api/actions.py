"""One path per lifecycle action, generated from the workflow table, so the API cannot drift from it:
POST /api/inspections/{inspection_id}/{action}, each with a typed body naming the inputs that action takes.

(No `from __future__ import annotations` here: ninja reads each generated view's body type from its annotations,
which must be the real classes made below.)"""

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from ninja import Field, Router, Schema
from pydantic import create_model

from inspectorate.api.auth import asker
from inspectorate.api.errors import responses
from inspectorate.api.presenters import inspection_detail
from inspectorate.api.schemas import InspectionDetail
from inspectorate.domain.workflow import TRANSITIONS, Transition
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import inspection_for
from inspectorate.inspections.services.lifecycle import inspection_act

router = Router(tags=["lifecycle actions"])

EXPECTED_VERSION = Field(
    None,
    description="The version you last saw; if someone has changed the inspection since, you get 409 instead",
)

# What each action takes besides its reason (the service checks the values; this says what they are).
ACTION_FIELDS: dict[str, dict[str, Any]] = {
    "notify": {
        "told_name": (str, Field(description="Who at the school was told")),
        "told_role": (str, Field(description="Their role, e.g. Headteacher")),
        "senior_inspector_contact_given": (bool, Field(description="Must be true")),
        "wellbeing_contacts_given": (bool, Field(description="Must be true")),
    },
    "hold_planning_call": {"notes": (str, "")},
    "decide_follow_up": {"follow_up": (Inspection.FollowUp, ...)},
    "defer": {
        "unavailable_from": (dt.date | None, None),
        "unavailable_until": (dt.date | None, None),
    },
    "replan": {"starts_on": (dt.date | None, Field(None, description="A new first on-site day, after today"))},
    "record_refused_entry": {"refused_by": (str, "")},
}


class ActionIn(Schema):
    """What every action's body has; each action's own schema adds its fields."""

    reason: str = Field("", description="Why (optional)")
    expected_version: int | None = EXPECTED_VERSION


def _body_schema(transition: Transition) -> type[ActionIn]:
    fields = dict(ACTION_FIELDS.get(transition.action, {}))
    if transition.needs_reason:
        fields["reason"] = (str, Field(description="Why: required for this action"))
    name = "".join(part.title() for part in transition.action.split("_")) + "In"
    model: type[ActionIn] = create_model(name, __base__=ActionIn, __doc__=f"{transition.label}.", **fields)
    return model


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Inspection.FollowUp) else value


def _add_action(transition: Transition) -> None:
    body = _body_schema(transition)
    action = transition.action
    data_fields = tuple(ACTION_FIELDS.get(action, {}))

    def take_action(request: HttpRequest, inspection_id: int, payload: body) -> dict[str, Any]:  # type: ignore[valid-type]
        taken = cast(ActionIn, payload)
        changed = inspection_act(
            user=asker(request),
            inspection_id=inspection_id,
            action=action,
            reason=taken.reason,
            data={name: _plain(getattr(taken, name)) for name in data_fields},
            expected_version=taken.expected_version,
        )
        return inspection_detail(asker(request), inspection_for(asker(request), changed.pk))

    take_action.__name__ = f"inspection_{action}"
    roles = ", ".join(sorted(r.value for r in transition.roles))
    router.post(
        f"/inspections/{{inspection_id}}/{action}",
        response=responses(200, InspectionDetail, 401, 403, 404, 409, 422),
        operation_id=f"inspection_{action}",
        summary=transition.label,
        description=(
            f"From {', '.join(sorted(s.value for s in transition.sources))} to {transition.target.value}. "
            f"Who may: {roles}."
        ),
        url_name=f"inspection_{action}",
    )(take_action)


for _transition in TRANSITIONS:
    _add_action(_transition)
