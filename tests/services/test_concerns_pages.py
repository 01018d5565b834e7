"""The concerns and learning-review pages through Django's test client: who may open them, and what they say."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.concerns.models import Concern
from inspectorate.concerns.services import concern_raise
from inspectorate.domain.roles import Role
from inspectorate.inspections.models import Inspection
from tests import factories
from tests.lifecycle_support import Cast, cast, on_site, planned

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def setting() -> tuple[Cast, User, Inspection]:
    c = cast()
    c.lead.groups.add(Group.objects.get_or_create(name=Role.SENIOR_INSPECTOR.value)[0])
    sam = factories.person(Role.SENIOR_INSPECTOR, username="sam-senior")
    return c, sam, on_site(c)


def test_the_raise_page_names_the_independent_senior_and_the_target_as_a_time() -> None:
    c, _, inspection = setting()
    page = client_for(c.head).get(reverse("concern-raise", args=[inspection.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sam-Senior" in html
    assert c.lead.display_name not in html  # the lead is also a senior inspector, but on the team
    assert "will acknowledge it by" in html
    assert "08000 562 561" in html and "116 123" in html


def test_raising_a_concern_from_the_page_shows_it_to_the_school() -> None:
    c, sam, inspection = setting()
    client = client_for(c.head)
    missing = client.post(reverse("concern-raise", args=[inspection.pk]), {"text": " "})
    assert missing.status_code == 422
    assert "Write what your concern is" in missing.content.decode()
    sent = client.post(reverse("concern-raise", args=[inspection.pk]), {"text": "We were shouted at."}, follow=True)
    assert "Your concern is sent" in sent.content.decode()
    assert "We were shouted at." in sent.content.decode()
    concern = Concern.objects.get()
    assert concern.routed_to == sam


def test_staff_and_other_schools_cannot_raise_a_concern_for_a_school() -> None:
    c, _, inspection = setting()
    assert client_for(c.lead).get(reverse("concern-raise", args=[inspection.pk])).status_code == 403
    stranger = factories.person(Role.HEADTEACHER)
    factories.school_member(stranger, factories.establishment(name="Elsewhere School", is_fictional=True))
    assert client_for(stranger).get(reverse("concern-raise", args=[inspection.pk])).status_code == 404


def test_outside_the_window_the_page_says_when_a_concern_could_have_been_raised() -> None:
    c = cast()
    inspection = planned(c)
    page = client_for(c.head).get(reverse("concern-raise", args=[inspection.pk]))
    assert "once the school has been notified" in page.content.decode()
    assert "Send the concern" not in page.content.decode()


def test_the_duty_desk_is_told_on_the_page_why_a_team_member_cannot_take_a_concern() -> None:
    c, _, inspection = setting()
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text="Worried.", now=timezone.now())
    desk = factories.person(Role.DUTY_DESK)
    page = client_for(desk).post(reverse("concern-route", args=[concern.pk]), {"to_username": c.lead.username})
    assert page.status_code == 422
    assert "who is not on the team" in page.content.decode()
    assert client_for(desk).get(reverse("concern-list")).status_code == 200


def test_the_senior_answers_from_the_page_and_others_cannot() -> None:
    c, sam, inspection = setting()
    concern = concern_raise(user=c.head, inspection_id=inspection.pk, text="Worried.", now=timezone.now())
    assert client_for(c.lead).get(reverse("concern-detail", args=[concern.pk])).status_code == 404
    senior = client_for(sam)
    assert senior.post(reverse("concern-acknowledge", args=[concern.pk])).status_code == 302
    answered = senior.post(
        reverse("concern-respond", args=[concern.pk]),
        {"response": "I have spoken to the lead inspector.", "outcome": "resolved"},
        follow=True,
    )
    assert "the concern is closed" in answered.content.decode()
    school_view = client_for(c.head).get(reverse("concern-detail", args=[concern.pk])).content.decode()
    assert "I have spoken to the lead inspector." in school_view
    assert "Resolved with the school" in school_view


def test_learning_review_pages_need_the_right_role_and_the_public_page_waits_for_publication() -> None:
    c = cast()
    inspection = planned(c)
    desk = factories.person(Role.DUTY_DESK)
    owner = factories.person(Role.SENIOR_INSPECTOR)
    assert client_for(c.head).get(reverse("learning-review-list")).status_code == 403
    staff = client_for(desk)
    assert staff.get(reverse("learning-review-open")).status_code == 200
    refused = staff.post(reverse("learning-review-open"), {"inspection_id": "x", "incident": "", "owner_username": ""})
    assert refused.status_code == 422
    made = staff.post(
        reverse("learning-review-open"),
        {"inspection_id": str(inspection.pk), "incident": "Serious harm.", "owner_username": owner.username},
    )
    assert made.status_code == 302
    review = inspection.learning_reviews.get()
    assert staff.get(reverse("learning-review-detail", args=[review.pk])).status_code == 200
    assert client_for(c.head).get(reverse("learning-review-detail", args=[review.pk])).status_code == 404
    assert Client().get(reverse("learning-review-public", args=[review.pk])).status_code == 404
    unchecked = client_for(owner).post(reverse("learning-review-terms", args=[review.pk]), {"terms": ""})
    assert unchecked.status_code == 422
