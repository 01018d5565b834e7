"""The lead inspector records that the school refused entry. The lifecycle's `record_refused_entry` transition
keeps who refused, what was said and the legal position; the duty desk is told, and decides what follows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from inspectorate.deferrals.services.common import at_time
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.services.lifecycle import inspection_act
from inspectorate.notifications.services import message_role


def refused_entry_record(
    *,
    user: Any,
    inspection_id: int,
    refused_by: str,
    what_was_said: str,
    refused_at: dt.datetime | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Inspection:
    """Record a refusal at `refused_at` (default: now; never in the future). The transition checks that `user` is
    this inspection's lead inspector and that the inspection is at the planning call or on site. Raises NotFound,
    NotAllowed, InvalidInput or StateConflict."""
    moment = now or timezone.now()
    when = refused_at or moment
    errors: dict[str, str] = {}
    if when > moment:
        errors["refused_at"] = "must not be in the future"
    who = (refused_by or "").strip()
    said = (what_was_said or "").strip()
    if not who:
        errors["refused_by"] = "is required: name the person, or their role"
    if not said:
        errors["what_was_said"] = "is required: write down what was said, as near word for word as you can"
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        # The moment of the refusal is the transition's moment: the timeline shows when it happened.
        inspection = inspection_act(
            user=user,
            inspection_id=inspection_id,
            action="record_refused_entry",
            reason=f"Entry refused by {who}: {said}"[:4000],
            data={"refused_by": who, "what_was_said": said},
            expected_version=expected_version,
            today=timezone.localdate(when),
            now=when,
        )
        school = inspection.establishment.name
        message_role(
            event=f"inspection:{inspection.pk}:entry_refused:{inspection.version}",
            role=Role.DUTY_DESK,
            subject=f"Entry refused at {school}",
            body=(
                f"The lead inspector of {inspection.reference} recorded that {who} refused entry to {school} on "
                f"{at_time(when)}. What was said: {said}\n\nDecide whether to reschedule the inspection (return it to "
                "planning) or take the matter further, and tell the school."
            ),
        )
    return inspection
