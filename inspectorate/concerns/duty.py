"""The duty desk's view of concerns and learning reviews.

Every open concern is listed: one with nobody to go to or past its acknowledgement target first, then those
awaiting acknowledgement or a response. Every learning review is listed until its findings are published, with
its next due date; a missed one is marked overdue.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from inspectorate.concerns.models import Concern, LearningReview
from inspectorate.dutydesk.items import DutyItem
from inspectorate.web.formatting import long_date

END_OF_DAY = dt.time(18)


def duty_items(now: dt.datetime) -> list[DutyItem]:
    return [*_concern_items(now), *_review_items(now)]


def _concern_items(now: dt.datetime) -> list[DutyItem]:
    open_concerns = Concern.objects.filter(closed_at__isnull=True).select_related(
        "inspection__establishment", "routed_to"
    )
    return [_concern_item(concern, now) for concern in open_concerns.order_by("acknowledge_by", "pk")]


def _concern_item(concern: Concern, now: dt.datetime) -> DutyItem:
    senior = concern.routed_to.display_name if concern.routed_to else None
    # Escalated means an escalation run found the target missed: overdue, whatever clock the page reads.
    late = concern.acknowledged_at is None and (now > concern.acknowledge_by or concern.escalated_at is not None)
    if senior is None:
        summary = "A concern has no independent senior inspector to go to."
        next_step = "Route it now to a senior inspector who is not on the inspection's team."
        urgency = 1
    elif late:
        summary = f"A concern with {senior} was not acknowledged by its target."
        next_step = f"Call the school today; reach {senior} or route the concern to another senior inspector."
        urgency = 2
    elif concern.acknowledged_at is None:
        summary = f"A concern is with {senior}, awaiting acknowledgement."
        next_step = f"Check that {senior} acknowledges it by its target."
        urgency = 3
    else:
        summary = f"A concern acknowledged by {senior} awaits its response."
        next_step = f"Check that {senior} responds to the school with an outcome."
        urgency = 4
    return DutyItem(
        kind="Concern" + (" escalated" if concern.escalated_at else ""),
        urgency=urgency,
        school=concern.inspection.establishment.name,
        inspection_id=concern.inspection_id,
        summary=f"{concern.reference}: {summary}",
        next_step=next_step,
        href=reverse("concern-detail", args=[concern.pk]),
        due_at=concern.acknowledge_by if concern.acknowledged_at is None else None,
        overdue=late or senior is None,
    )


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, END_OF_DAY))


def next_due(review: LearningReview) -> tuple[str, dt.date | None]:
    """What the review owes next, and by when (no date for publishing the findings: that follows the report)."""
    if review.terms_of_reference_on is None:
        return "terms of reference", review.terms_of_reference_due
    if review.report_on is None:
        return "report", review.report_due
    return "published findings", None


def _review_items(now: dt.datetime) -> list[DutyItem]:
    today = timezone.localdate(now)
    reviews = LearningReview.objects.filter(findings_published_on__isnull=True).select_related("establishment", "owner")
    items = []
    for review in reviews.order_by("opened_at", "pk"):
        what, due = next_due(review)
        overdue = due is not None and today > due
        when = f" by {long_date(due)}" if due else ""
        items.append(
            DutyItem(
                kind="Learning review",
                urgency=3,
                school=review.establishment.name,
                inspection_id=review.inspection_id,
                summary=(
                    f"{review.reference}, owned by {review.owner.display_name}: terms of reference due "
                    f"{long_date(review.terms_of_reference_due)}, report due {long_date(review.report_due)}."
                ),
                next_step=f"Make sure the {what} {'is' if what != 'published findings' else 'are'} done{when}.",
                href=reverse("learning-review-detail", args=[review.pk]),
                due_at=_end_of(due) if due else None,
                overdue=overdue,
            )
        )
    return items
