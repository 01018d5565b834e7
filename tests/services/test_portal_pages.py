"""The school's portal through Django's test client: who sees which inspection, the dates, the team, the support
contacts on every page of an open inspection, the provisional outcome (and its audit), commenting on the draft,
and the sharing circle's pages."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from inspectorate.audit.models import AuditEntry
from inspectorate.domain.roles import Role
from inspectorate.inspections.models import FactualAccuracyComment, Inspection
from inspectorate.portal.models import CircleMember
from inspectorate.portal.presenters.outcome import MAY_SHARE
from inspectorate.portal.services import circle_invite, welcome_token
from tests import factories
from tests.lifecycle_support import Cast, act, cast, drafted, on_site, planned, published

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
HELPLINES = ("Education Support", "08000 562 561", "Samaritans", "116 123")


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def page_text(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#39;", "'")


def in_factual_accuracy_window(c: Cast) -> Inspection:
    """A draft issued to the school whose window closes in a week: the walk through the lifecycle uses fixed dates
    in March 2026, so the deadline is moved to where the pages' today can fall inside it."""
    inspection = drafted(c)
    act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 3, 6))
    act(c.qa, inspection, "issue_draft", dt.date(2026, 3, 10))
    Inspection.objects.filter(pk=inspection.pk).update(factual_accuracy_deadline=TODAY + dt.timedelta(days=7))
    return Inspection.objects.get(pk=inspection.pk)


def portal_views(inspection: Inspection) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            action="provisional_outcome.viewed", object_id=str(inspection.pk), content__details__where="portal"
        )
    )


def test_the_head_sees_only_their_own_schools_inspections() -> None:
    c = cast()
    ours = planned(c)
    other = cast(name="Fictional Meadow Academy")
    theirs = planned(other)
    response = signed_in(c.head).get("/portal/")
    text = page_text(response)
    assert response.status_code == 200
    assert "Your school" in text  # the service navigation's link
    assert ours.reference in text and "Fictional Brook Primary School" in text
    assert theirs.reference not in text and "Fictional Meadow Academy" not in text
    assert "3 March 2026 First on-site day" in text
    assert all(words in text for words in HELPLINES)


def test_a_school_with_no_inspections_is_told_so() -> None:
    head = factories.person(Role.HEADTEACHER)
    factories.school_member(head, factories.establishment(name="Fictional Quiet School", is_fictional=True))
    text = page_text(signed_in(head).get("/portal/"))
    assert "Your school has no inspections planned or under way" in text


def test_staff_are_sent_to_the_workspace_rather_than_the_portal() -> None:
    c = cast()
    response = signed_in(c.lead).get("/portal/")
    assert response.status_code == 403
    assert ">Your school<" not in response.content.decode()


def test_another_schools_inspection_is_not_found_on_any_portal_page() -> None:
    c = cast()
    inspection = drafted(c)
    stranger = cast(name="Fictional Meadow Academy").head
    client = signed_in(stranger)
    for path in ("", "comment/", "circle/"):
        assert client.get(f"/portal/inspections/{inspection.pk}/{path}").status_code == 404
    assert client.post(f"/portal/inspections/{inspection.pk}/comment/", {"text": "x"}).status_code == 404
    assert not portal_views(inspection)


def test_staff_do_not_use_the_schools_inspection_page() -> None:
    c = cast()
    inspection = drafted(c)
    assert signed_in(c.lead).get(f"/portal/inspections/{inspection.pk}/").status_code == 404


def test_the_inspection_page_shows_dates_team_timeline_and_contacts() -> None:
    c = cast()
    inspection = on_site(c)
    senior = factories.person(Role.SENIOR_INSPECTOR)
    response = signed_in(c.head).get(f"/portal/inspections/{inspection.pk}/")
    text = page_text(response)
    assert response.status_code == 200
    assert "First on-site day 3 March 2026" in text
    assert "Set when the draft report is sent to you" in text
    assert f"{c.lead.display_name} Lead inspector" in text
    assert f"{c.team.display_name} Team inspector" in text
    assert "Record the notification call" in text and "Planning call held to On site" in text
    assert f"Independent senior inspector {senior.display_name}" in text
    assert all(words in text for words in HELPLINES)
    assert "There is no outcome to show yet" in text
    assert not portal_views(inspection)


def test_the_senior_inspector_is_being_arranged_when_none_is_free() -> None:
    c = cast()
    inspection = on_site(c)
    text = page_text(signed_in(c.head).get(f"/portal/inspections/{inspection.pk}/"))
    assert "Independent senior inspector Being arranged" in text


def test_after_final_feedback_the_head_reads_the_provisional_outcome_and_every_view_is_audited() -> None:
    c = cast()
    inspection = drafted(c)
    client = signed_in(c.head)
    text = page_text(client.get(f"/portal/inspections/{inspection.pk}/"))
    assert MAY_SHARE in text
    assert "Curriculum and teaching Strong standard" in text
    assert "Pupils learn well and are kept safe." in text
    client.get(f"/portal/inspections/{inspection.pk}/")
    assert len(portal_views(inspection)) == 2
    assert "Choose whom you share the provisional outcome with" in text


def test_the_responsible_body_reads_the_outcome_but_does_not_manage_the_heads_circle() -> None:
    c = cast()
    inspection = drafted(c)
    governor = factories.person(Role.RESPONSIBLE_BODY)
    factories.school_member(governor, c.school, capacity="responsible_body")
    client = signed_in(governor)
    text = page_text(client.get(f"/portal/inspections/{inspection.pk}/"))
    assert MAY_SHARE in text
    assert "Choose whom you share" not in text
    assert client.get(f"/portal/inspections/{inspection.pk}/circle/").status_code == 403


def test_once_published_the_outcome_is_plain_and_the_contacts_box_is_gone() -> None:
    c = cast()
    inspection = published(c)
    text = page_text(signed_in(c.head).get(f"/portal/inspections/{inspection.pk}/"))
    assert "Curriculum and teaching Strong standard" in text
    assert MAY_SHARE not in text
    assert "Independent senior inspector" not in text
    assert not portal_views(inspection)


def test_the_head_comments_on_the_draft_within_the_window() -> None:
    c = cast()
    inspection = in_factual_accuracy_window(c)
    client = signed_in(c.head)
    deadline = TODAY + dt.timedelta(days=7)
    closes = f"{deadline.day} {deadline:%B %Y}"
    page = page_text(client.get(f"/portal/inspections/{inspection.pk}/"))
    assert "Comment on the draft report" in page
    assert f"Your comments on the draft report are due by {closes}" in page
    form = client.get(f"/portal/inspections/{inspection.pk}/comment/")
    assert f"The factual-accuracy window closes on {closes}" in page_text(form)
    assert all(words in page_text(form) for words in HELPLINES)
    empty = client.post(f"/portal/inspections/{inspection.pk}/comment/", {"text": " "})
    assert empty.status_code == 422
    assert "Write your comments on the draft" in page_text(empty)
    sent = client.post(f"/portal/inspections/{inspection.pk}/comment/", {"text": "We have 310 pupils, not 300."})
    assert sent.status_code == 302 and sent["Location"] == f"/portal/inspections/{inspection.pk}/"
    assert FactualAccuracyComment.objects.get(inspection=inspection).text == "We have 310 pupils, not 300."
    assert "Your comments are sent to the inspection team." in page_text(client.get(sent["Location"]))


def test_after_the_window_closes_the_comment_is_refused_with_the_date() -> None:
    c = cast()
    inspection = in_factual_accuracy_window(c)
    Inspection.objects.filter(pk=inspection.pk).update(factual_accuracy_deadline=TODAY - dt.timedelta(days=1))
    client = signed_in(c.head)
    assert "Comment on the draft report" not in page_text(client.get(f"/portal/inspections/{inspection.pk}/"))
    refused = client.post(f"/portal/inspections/{inspection.pk}/comment/", {"text": "Too late?"})
    assert refused.status_code == 409
    assert "The factual-accuracy window closed on" in page_text(refused)
    assert not FactualAccuracyComment.objects.exists()


def test_the_head_invites_a_colleague_who_reads_the_outcome_through_their_own_account() -> None:
    c = cast()
    inspection = drafted(c)
    head = signed_in(c.head)
    form = {"name": "Dana Deputy", "email": "dana@example.org", "relationship": "colleague"}
    invited = head.post(f"/portal/inspections/{inspection.pk}/circle/", form)
    assert invited.status_code == 302
    circle_page = page_text(head.get(f"/portal/inspections/{inspection.pk}/circle/"))
    assert "Dana Deputy is invited" in circle_page and MAY_SHARE in circle_page
    link = re.search(r"http://testserver(/portal/welcome/[^ ]+/)", circle_page)
    assert link is not None

    colleague = Client()
    assert "Your username is dana" in page_text(colleague.get(link.group(1)))
    mismatch = colleague.post(link.group(1), {"password": "a long passphrase", "password_again": "other"})
    assert mismatch.status_code == 422 and "not the same" in page_text(mismatch)
    joined = colleague.post(link.group(1), {"password": "a long passphrase", "password_again": "a long passphrase"})
    assert joined["Location"] == f"/portal/inspections/{inspection.pk}/"
    text = page_text(colleague.get(joined["Location"]))
    assert "Shared with you by" in text and "Shared with you" in text
    assert "Curriculum and teaching Strong standard" in text
    assert "Please do not share it with parents or the public until the report is published." in text
    assert "Record the notification call" not in text  # the outcome only: no timeline, no actions
    assert [e.actor_username for e in portal_views(inspection)] == ["dana"]
    assert colleague.get(link.group(1)).status_code == 404  # the link worked once
    assert colleague.get(f"/portal/inspections/{inspection.pk}/comment/").status_code == 404
    assert colleague.get(f"/portal/inspections/{inspection.pk}/circle/").status_code == 404


def test_an_invitation_with_mistakes_is_shown_again_with_each_error() -> None:
    c = cast()
    inspection = drafted(c)
    refused = signed_in(c.head).post(
        f"/portal/inspections/{inspection.pk}/circle/", {"name": "", "email": "nope", "relationship": ""}
    )
    text = page_text(refused)
    assert refused.status_code == 422
    assert "There is a problem" in text
    assert "Enter the name of the person you are inviting" in text
    assert "Enter an email address in the correct format" in text
    assert not CircleMember.objects.exists()


def test_a_withdrawn_colleague_is_refused() -> None:
    c = cast()
    inspection = drafted(c)
    member = circle_invite(
        user=c.head, inspection_id=inspection.pk, name="Dana Deputy", email="dana@example.org", relationship="family"
    )
    assert welcome_token(member) is not None
    colleague = signed_in(member.user)
    assert colleague.get(f"/portal/inspections/{inspection.pk}/").status_code == 200
    head = signed_in(c.head)
    withdrawn = head.post(f"/portal/inspections/{inspection.pk}/circle/{member.pk}/withdraw/")
    assert withdrawn.status_code == 302
    assert "Dana Deputy can no longer read the provisional outcome" in page_text(head.get(withdrawn["Location"]))
    refused = colleague.get(f"/portal/inspections/{inspection.pk}/")
    assert refused.status_code == 302 and refused["Location"].startswith("/accounts/login/")
    assert colleague.get(f"/reports/{inspection.pk}/").status_code in (302, 404)
    assert len(portal_views(inspection)) == 1  # only the view before withdrawal


def test_the_governor_cannot_withdraw_the_heads_invitation() -> None:
    c = cast()
    inspection = drafted(c)
    member = circle_invite(
        user=c.head, inspection_id=inspection.pk, name="Dana Deputy", email="dana@example.org", relationship="family"
    )
    governor = factories.person(Role.RESPONSIBLE_BODY)
    factories.school_member(governor, c.school, capacity="responsible_body")
    response = signed_in(governor).post(f"/portal/inspections/{inspection.pk}/circle/{member.pk}/withdraw/")
    assert response.status_code == 403
    assert CircleMember.objects.get(pk=member.pk).withdrawn_at is None
