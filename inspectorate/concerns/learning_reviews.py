"""Learning reviews after a serious incident (a leader's death or serious harm after an inspection).

Opening one is the only way such an event is recorded: it gets an owner, terms of reference due within 10 working
days and a report within 60 (policy data, domain/concern_policy.py), and it stays on the duty desk until its
findings are published on a public page. The incident's description stays confidential; the findings are public
and the publisher confirms they hold no personal details (docs/adr/0017).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.audit.services import audit_record
from inspectorate.concerns.models import LearningReview, LearningReviewEvent
from inspectorate.concerns.selectors import learning_review_for
from inspectorate.concerns.services import office_calendar
from inspectorate.domain.concern_policy import learning_review_policy_on
from inspectorate.domain.roles import STAFF_ROLES, Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, StateConflict
from inspectorate.inspections.models import TeamMember
from inspectorate.inspections.selectors import inspection_for, roles_of
from inspectorate.inspections.services.typed_text import typed_text
from inspectorate.notifications.services import message_queue, message_role
from inspectorate.web.formatting import long_date

OPENERS = frozenset({Role.DUTY_DESK, Role.SENIOR_INSPECTOR, Role.ADMINISTRATOR})
TEXT_LIMIT = 20_000


def _text(value: str, field: str, what: str) -> str:
    return typed_text(value or "", field, limit=TEXT_LIMIT, missing=what)


def _owner(username: str, inspection_id: int) -> User:
    owner = User.objects.filter(username=(username or "").strip(), is_active=True).first()
    if owner is None:
        raise InvalidInput({"owner_username": f"there is no active account with the username {username!r}"})
    if not roles_of(owner) & STAFF_ROLES:
        raise InvalidInput({"owner_username": f"{owner.display_name} is not on the inspectorate's staff"})
    place = TeamMember.objects.filter(inspection_id=inspection_id, inspector=owner).first()
    if place is not None:
        raise InvalidInput(
            {
                "owner_username": (
                    f"{owner.display_name} was the {place.get_capacity_display().lower()} on this inspection: "
                    "a review of it needs an owner who was not on its team"
                )
            }
        )
    return owner


def _record(
    review: LearningReview, kind: LearningReviewEvent.Kind, actor: Any, at: dt.datetime, **details: Any
) -> None:
    LearningReviewEvent.objects.create(review=review, kind=kind, actor=actor, at=at, note=details.pop("note", ""))
    audit_record(
        action=f"learning_review.{kind.value}",
        actor=actor,
        object_type="inspection" if review.inspection_id else "learning_review",
        object_id=review.inspection_id or review.pk,
        details={"learning_review": review.pk, **details},
        at=at,
    )


@transaction.atomic
def learning_review_open(
    *, user: Any, inspection_id: int, incident: str, owner_username: str, now: dt.datetime | None = None
) -> LearningReview:
    if not roles_of(user) & OPENERS:
        raise NotAllowed("Only the duty desk, a senior inspector or an administrator can open a learning review.")
    inspection = inspection_for(user, inspection_id)
    errors: dict[str, str] = {}
    try:
        described = _text(incident, "incident", "describe what happened (it stays confidential)")
    except InvalidInput as err:
        errors.update(err.field_errors)
    try:
        owner = _owner(owner_username, inspection.pk)
    except InvalidInput as err:
        errors.update(err.field_errors)
    if errors:
        raise InvalidInput(errors)
    already = LearningReview.objects.filter(inspection=inspection, findings_published_on__isnull=True).first()
    if already is not None:
        raise StateConflict(
            f"Learning review {already.reference} is already open for {inspection.reference}.",
            current_state="open",
            allowed_actions=[],
            version=0,
        )
    moment = now or timezone.now()
    today = timezone.localdate(moment)
    policy = learning_review_policy_on(today)
    calendar = office_calendar(inspection)
    review = LearningReview.objects.create(
        inspection=inspection,
        establishment=inspection.establishment,
        incident=described,
        opened_by=user,
        opened_at=moment,
        owner=owner,
        terms_of_reference_due=calendar.add_working_days(today, policy.terms_of_reference_working_days),
        report_due=calendar.add_working_days(today, policy.report_working_days),
    )
    _record(review, LearningReviewEvent.Kind.OPENED, user, moment, owner=owner.username)
    dues = (
        f"Terms of reference are due by {long_date(review.terms_of_reference_due)} and the report by "
        f"{long_date(review.report_due)}."
    )
    message_queue(
        event=f"learning_review:{review.pk}:owner:{owner.pk}",
        recipient=owner,
        subject=f"You own learning review {review.reference}",
        body=f"A learning review about {inspection.reference} is opened and you own it. {dues}",
    )
    message_role(
        event=f"learning_review:{review.pk}:opened",
        role=Role.DUTY_DESK,
        subject=f"Learning review {review.reference} is opened",
        body=f"{inspection.establishment.name}, {inspection.reference}: owned by {owner.display_name}. {dues}",
    )
    return review


def _runnable(user: Any, review_id: int) -> LearningReview:
    review = learning_review_for(user, review_id)
    if review.owner_id != getattr(user, "pk", None) and not roles_of(user) & {Role.DUTY_DESK, Role.ADMINISTRATOR}:
        raise NotAllowed(f"Only {review.owner.display_name}, who owns the review, or the duty desk can record this.")
    if review.findings_published_on is not None:
        raise StateConflict(
            f"The findings of {review.reference} were published on {long_date(review.findings_published_on)}.",
            current_state="published",
            allowed_actions=[],
            version=0,
        )
    return review


def _refuse_before(review: LearningReview, missing: str, needed: str) -> None:
    raise StateConflict(
        f"Record the {missing} of {review.reference} before its {needed}.",
        current_state="open",
        allowed_actions=[],
        version=0,
    )


@transaction.atomic
def learning_review_record_terms(
    *, user: Any, review_id: int, terms: str, now: dt.datetime | None = None
) -> LearningReview:
    review = _runnable(user, review_id)
    text = _text(terms, "terms", "write the terms of reference")
    moment = now or timezone.now()
    review.terms_of_reference, review.terms_of_reference_on = text, timezone.localdate(moment)
    review.save(update_fields=["terms_of_reference", "terms_of_reference_on"])
    _record(review, LearningReviewEvent.Kind.TERMS_RECORDED, user, moment, note=text)
    return review


@transaction.atomic
def learning_review_record_report(
    *, user: Any, review_id: int, report: str, now: dt.datetime | None = None
) -> LearningReview:
    review = _runnable(user, review_id)
    if review.terms_of_reference_on is None:
        _refuse_before(review, "terms of reference", "report")
    text = _text(report, "report", "write the report")
    moment = now or timezone.now()
    review.report, review.report_on = text, timezone.localdate(moment)
    review.save(update_fields=["report", "report_on"])
    _record(review, LearningReviewEvent.Kind.REPORT_RECORDED, user, moment, note=text)
    return review


@transaction.atomic
def learning_review_publish_findings(
    *,
    user: Any,
    review_id: int,
    findings: str,
    no_personal_details: bool,
    now: dt.datetime | None = None,
) -> LearningReview:
    """Publish the findings on the public page. The publisher confirms the text names nobody: the public page
    shows it as written, with the review's dates and nothing about the school or the people."""
    review = _runnable(user, review_id)
    if review.report_on is None:
        _refuse_before(review, "report", "findings")
    errors = {}
    try:
        text = _text(findings, "findings", "write the findings to publish")
    except InvalidInput as err:
        errors.update(err.field_errors)
    if not no_personal_details:
        errors["no_personal_details"] = "confirm that the findings name nobody and hold no personal details"
    if errors:
        raise InvalidInput(errors)
    moment = now or timezone.now()
    review.findings, review.findings_published_on = text, timezone.localdate(moment)
    review.save(update_fields=["findings", "findings_published_on"])
    _record(review, LearningReviewEvent.Kind.FINDINGS_PUBLISHED, user, moment)
    return review
