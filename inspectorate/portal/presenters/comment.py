"""The school's page for commenting on the draft report's factual accuracy, with the date the window closes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone

from inspectorate.inspections.models import Inspection
from inspectorate.inspections.presenters.fields import ErrorLink, Field
from inspectorate.inspections.presenters.words import school_name, sentence
from inspectorate.portal.presenters.contacts import SupportContactsView, support_contacts_for
from inspectorate.portal.presenters.inspection import comment_window_open
from inspectorate.web.formatting import long_date

LABEL = "Your comments on the draft report"


@dataclass(frozen=True)
class CommentPage:
    title: str
    reference: str
    school: str
    back_href: str
    open: bool
    closes: str
    window: str
    refused: str  # why the comments could not be sent (the window closed, say), or ""
    errors: list[ErrorLink]
    field: Field
    sent: list[tuple[str, str]]  # (text, who and when) of comments the school already sent
    contacts: SupportContactsView | None


def present_comment_page(
    inspection: Inspection,
    *,
    today: dt.date,
    submitted: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
    refused: str = "",
) -> CommentPage:
    problems = dict(errors or {})
    closes = long_date(inspection.factual_accuracy_deadline, "when the window is set")
    is_open = comment_window_open(inspection, today) and not refused
    window = (
        f"You can comment until the end of {closes}. After that the inspection team finalises the report."
        if is_open
        else f"The factual-accuracy window is not open: comments are taken only while the draft is with you, until "
        f"the date it closes ({closes})."
    )
    field = Field(
        "textarea",
        "comment-text",
        "text",
        LABEL,
        hint="Say what is factually wrong in the draft and what it should say. You can send more than one set.",
        error=sentence(LABEL, problems["text"]) if "text" in problems else None,
        value=str((submitted or {}).get("text", "")),
    )
    return CommentPage(
        title=("Error: " if field.error else "") + f"Comment on the draft report, {inspection.reference}",
        reference=inspection.reference,
        school=school_name(inspection),
        back_href=reverse("portal-inspection", args=[inspection.pk]),
        open=is_open,
        closes=closes,
        window=window,
        refused=refused,
        errors=[(field.id, field.error)] if field.error else [],
        field=field,
        sent=[
            (c.text, f"{c.author.display_name}, {long_date(timezone.localdate(c.at))}")
            for c in inspection.factual_accuracy_comments.select_related("author").order_by("at", "pk")
        ],
        contacts=support_contacts_for(inspection),
    )
