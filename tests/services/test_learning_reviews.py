"""Learning reviews after a serious incident: opened with an owner and due dates, on the duty desk until the
findings are published, and published without the confidential incident or anyone's details."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.audit.models import AuditEntry
from inspectorate.concerns.duty import duty_items
from inspectorate.concerns.learning_reviews import (
    learning_review_open,
    learning_review_publish_findings,
    learning_review_record_report,
    learning_review_record_terms,
)
from inspectorate.concerns.models import LearningReview
from inspectorate.concerns.selectors import learning_reviews_for, published_learning_review
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.notifications.models import OutboxMessage
from tests import factories
from tests.lifecycle_support import Cast, cast, planned

pytestmark = pytest.mark.django_db

INCIDENT = "The headteacher was admitted to hospital two days after the inspection."
OPENED = dt.date(2026, 3, 9)  # a Monday


def uk(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def opened() -> tuple[Cast, User, LearningReview]:
    c = cast()
    inspection = planned(c)
    desk = factories.person(Role.DUTY_DESK, email="desk@inspectorate.example")
    owner = factories.person(Role.SENIOR_INSPECTOR, email="owner@inspectorate.example")
    review = learning_review_open(
        user=desk, inspection_id=inspection.pk, incident=INCIDENT, owner_username=owner.username, now=uk(OPENED)
    )
    return c, owner, review


def test_opening_a_review_sets_its_owner_and_due_dates_in_working_days() -> None:
    _, owner, review = opened()
    assert review.owner == owner
    # 10 and 60 working days after Monday 9 March 2026; Good Friday and Easter Monday 2026 are bank holidays.
    assert review.terms_of_reference_due == dt.date(2026, 3, 23)
    assert review.report_due == dt.date(2026, 6, 5)
    assert OutboxMessage.objects.filter(event=f"learning_review:{review.pk}:owner:{owner.pk}").exists()
    assert OutboxMessage.objects.filter(event=f"learning_review:{review.pk}:opened").exists()
    assert AuditEntry.objects.filter(action="learning_review.opened").exists()


def test_an_open_review_is_on_the_duty_desk_until_its_findings_are_published() -> None:
    _, owner, review = opened()
    [item] = duty_items(uk(OPENED, 11))
    assert item.kind == "Learning review" and not item.overdue
    assert "terms of reference due 23 March 2026, report due 5 June 2026" in item.summary
    [late] = duty_items(uk(dt.date(2026, 3, 24)))
    assert late.overdue  # the terms of reference were due the day before
    learning_review_record_terms(
        user=owner, review_id=review.pk, terms="Who, what, when.", now=uk(dt.date(2026, 3, 20))
    )
    learning_review_record_report(
        user=owner, review_id=review.pk, report="The full report.", now=uk(dt.date(2026, 5, 1))
    )
    [waiting] = duty_items(uk(dt.date(2026, 5, 2)))
    assert "published findings" in waiting.next_step
    learning_review_publish_findings(
        user=owner,
        review_id=review.pk,
        findings="Inspectors now check in with leaders at the end of each day.",
        no_personal_details=True,
        now=uk(dt.date(2026, 5, 4)),
    )
    assert duty_items(uk(dt.date(2026, 5, 4), 12)) == []


def test_the_steps_come_in_order_and_published_findings_are_final() -> None:
    _, owner, review = opened()
    with pytest.raises(StateConflict, match="terms of reference"):
        learning_review_record_report(user=owner, review_id=review.pk, report="Too soon.")
    learning_review_record_terms(user=owner, review_id=review.pk, terms="Terms.")
    with pytest.raises(StateConflict, match="Record the report"):
        learning_review_publish_findings(
            user=owner, review_id=review.pk, findings="Too soon.", no_personal_details=True
        )
    learning_review_record_report(user=owner, review_id=review.pk, report="Report.")
    with pytest.raises(InvalidInput) as refused:
        learning_review_publish_findings(user=owner, review_id=review.pk, findings="", no_personal_details=False)
    assert set(refused.value.field_errors) == {"findings", "no_personal_details"}
    learning_review_publish_findings(user=owner, review_id=review.pk, findings="Findings.", no_personal_details=True)
    with pytest.raises(StateConflict, match="were published on"):
        learning_review_record_terms(user=owner, review_id=review.pk, terms="Changed.")


def test_who_may_open_and_run_a_review() -> None:
    c, owner, review = opened()
    inspection = review.inspection
    assert inspection is not None
    with pytest.raises(NotAllowed, match="duty desk, a senior inspector or an administrator"):
        learning_review_open(user=c.lead, inspection_id=inspection.pk, incident=INCIDENT, owner_username=owner.username)
    with pytest.raises(StateConflict, match="already open"):
        learning_review_open(user=owner, inspection_id=inspection.pk, incident=INCIDENT, owner_username=owner.username)
    other_senior = factories.person(Role.SENIOR_INSPECTOR)
    with pytest.raises(NotAllowed, match="owns the review"):
        learning_review_record_terms(user=other_senior, review_id=review.pk, terms="Not mine.")
    with pytest.raises(NotFound):
        learning_review_record_terms(user=c.head, review_id=review.pk, terms="Not mine.")
    assert list(learning_reviews_for(c.head)) == []
    assert list(learning_reviews_for(owner)) == [review]


def test_the_owner_must_be_staff_and_not_from_the_inspection_team() -> None:
    c = cast()
    inspection = planned(c)
    desk = factories.person(Role.DUTY_DESK)
    with pytest.raises(InvalidInput) as refused:
        learning_review_open(user=desk, inspection_id=inspection.pk, incident=" ", owner_username=c.lead.username)
    assert "was the lead inspector on this inspection" in refused.value.field_errors["owner_username"]
    assert "incident" in refused.value.field_errors
    with pytest.raises(InvalidInput, match="not on the inspectorate's staff"):
        learning_review_open(user=desk, inspection_id=inspection.pk, incident=INCIDENT, owner_username=c.head.username)


def test_the_public_page_shows_the_findings_only_once_published_and_never_the_incident() -> None:
    c, owner, review = opened()
    public = reverse("learning-review-public", args=[review.pk])
    assert Client().get(public).status_code == 404
    with pytest.raises(NotFound):
        published_learning_review(review.pk)
    learning_review_record_terms(user=owner, review_id=review.pk, terms="Terms naming the school.")
    learning_review_record_report(user=owner, review_id=review.pk, report="A report naming people.")
    learning_review_publish_findings(
        user=owner, review_id=review.pk, findings="Check-ins now happen every day.", no_personal_details=True
    )
    page = Client().get(public)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Check-ins now happen every day." in html
    for private in (INCIDENT, c.school.name, owner.display_name, "A report naming people", "Terms naming"):
        assert private not in html
