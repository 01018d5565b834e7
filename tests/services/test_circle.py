"""The sharing circle: the headteacher invites people to read the provisional outcome, and withdraws them; nobody
outside the inspection and that circle reads it before publication, and every invitation, withdrawal and password
choice is in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.audit.models import AuditEntry
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import inspection_for, inspections_for, outcome_access
from inspectorate.portal.models import CircleMember
from inspectorate.portal.services import (
    circle_invite,
    circle_password_set,
    circle_withdraw,
    welcome_member,
    welcome_token,
)
from tests import factories
from tests.lifecycle_support import Cast, cast, drafted, on_site, planned, published

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 5)
PASSWORD = "a long fictional passphrase"


def invite(
    c: Cast,
    inspection: Inspection,
    *,
    name: str = "Dana Deputy",
    email: str = "dana.deputy@example.org",
    relationship: str = "colleague",
) -> CircleMember:
    return circle_invite(user=c.head, inspection_id=inspection.pk, name=name, email=email, relationship=relationship)


def joined(member: CircleMember) -> User:
    """The invitee follows the one-time link and chooses a password."""
    token = welcome_token(member)
    assert token is not None
    return circle_password_set(uid=token.uid, token=token.token, password=PASSWORD, password_again=PASSWORD)


def audited(action: str, inspection: Inspection) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, object_id=str(inspection.pk)))


def test_the_headteacher_invites_a_colleague_who_gets_an_account_of_their_own() -> None:
    c = cast()
    inspection = drafted(c)
    member = invite(c, inspection)
    account = member.user
    assert account.username == "dana.deputy"
    assert account.email == "dana.deputy@example.org"
    assert account.display_name == "Dana Deputy"
    assert not account.has_usable_password()  # nobody knows a password until the invitee chooses one
    assert not account.groups.exists()  # no role: the invitation alone gives access
    assert member.get_relationship_display() == "Colleague"
    [entry] = audited("circle.invite", inspection)
    assert entry.actor_username == c.head.username
    assert entry.content["details"]["relationship"] == "colleague"


def test_an_invitee_reads_that_one_inspection_and_nothing_else() -> None:
    c = cast()
    inspection = drafted(c)
    other_at_same_school = planned(c, starts_on=dt.date(2026, 6, 2))
    colleague = joined(invite(c, inspection))
    assert list(inspections_for(colleague)) == [inspection]
    with pytest.raises(NotFound):
        inspection_for(colleague, other_at_same_school.pk)
    access = outcome_access(colleague, inspection, today=TODAY)
    assert access.allowed and access.provisional
    assert "invited by the headteacher" in access.why


def test_a_school_user_not_invited_is_refused_the_provisional_outcome() -> None:
    c = cast()
    inspection = drafted(c)
    invite(c, inspection)
    elsewhere = cast(name="Fictional Meadow Academy")
    with pytest.raises(NotFound):
        inspection_for(elsewhere.head, inspection.pk)
    bystander = factories.person(Role.HEADTEACHER)  # a school role, but no school and no invitation
    assert not outcome_access(bystander, inspection, today=TODAY).allowed
    assert not inspections_for(bystander).exists()


def test_only_the_headteacher_may_invite() -> None:
    c = cast()
    inspection = drafted(c)
    governor = factories.person(Role.RESPONSIBLE_BODY)
    factories.school_member(governor, c.school, capacity="responsible_body")
    with pytest.raises(NotAllowed, match="Only the school's headteacher"):
        circle_invite(
            user=governor, inspection_id=inspection.pk, name="A Friend", email="f@example.org", relationship="family"
        )
    with pytest.raises(NotFound):
        circle_invite(
            user=cast(name="Fictional Meadow Academy").head,
            inspection_id=inspection.pk,
            name="A Friend",
            email="f@example.org",
            relationship="family",
        )
    with pytest.raises(NotAllowed):
        circle_invite(user=c.lead, inspection_id=inspection.pk, name="A", email="a@example.org", relationship="other")
    assert not CircleMember.objects.exists()


def test_there_is_nothing_to_share_before_final_feedback_or_after_publication() -> None:
    c = cast()
    with pytest.raises(StateConflict, match="from the final feedback meeting until the report is published"):
        invite(c, on_site(c))
    fen = cast(name="Fictional Fen School")
    with pytest.raises(StateConflict):
        invite(fen, published(fen))


def test_an_invitation_with_mistakes_says_what_is_wrong_with_each_field() -> None:
    c = cast()
    inspection = drafted(c)
    with pytest.raises(InvalidInput) as refused:
        invite(c, inspection, name=" ", email="not an address", relationship="parent")
    assert refused.value.field_errors == {
        "name": "Enter the name of the person you are inviting",
        "email": "Enter an email address in the correct format, like name@example.com",
        "relationship": "Choose who they are to you: colleague, family, medical adviser, support network, other",
    }
    invite(c, inspection)
    with pytest.raises(InvalidInput, match="already in your circle"):
        invite(c, inspection, email="Dana.Deputy@example.org")


def test_a_taken_username_gets_a_number() -> None:
    c = cast()
    inspection = drafted(c)
    factories.person(Role.STATISTICIAN, username="dana.deputy")
    member = invite(c, inspection)
    assert member.user.username == "dana.deputy-2"


def test_withdrawing_closes_the_account_and_the_outcome_at_once() -> None:
    c = cast()
    inspection = drafted(c)
    member = invite(c, inspection)
    colleague = joined(member)
    circle_withdraw(user=c.head, inspection_id=inspection.pk, member_id=member.pk)
    colleague.refresh_from_db()
    member.refresh_from_db()
    assert member.withdrawn_at is not None and member.withdrawn_by == c.head
    assert not colleague.is_active
    assert not colleague.has_usable_password()
    assert not outcome_access(colleague, inspection, today=TODAY).allowed
    with pytest.raises(NotFound):
        inspection_for(colleague, inspection.pk)
    assert CircleMember.objects.filter(pk=member.pk).exists()  # kept, stamped: the record stays whole
    assert len(audited("circle.withdraw", inspection)) == 1
    with pytest.raises(StateConflict, match="already withdrew"):
        circle_withdraw(user=c.head, inspection_id=inspection.pk, member_id=member.pk)


def test_a_withdrawn_invitation_refuses_even_an_account_left_active() -> None:
    # Withdrawal also closes the account; the access rules must not depend on that alone.
    c = cast()
    inspection = drafted(c)
    member = invite(c, inspection)
    colleague = joined(member)
    CircleMember.objects.filter(pk=member.pk).update(withdrawn_at=timezone.now())
    assert not outcome_access(colleague, inspection, today=TODAY).allowed
    assert not inspections_for(colleague).exists()


def test_only_the_headteacher_withdraws_and_only_from_their_own_inspection() -> None:
    c = cast()
    inspection = drafted(c)
    member = invite(c, inspection)
    with pytest.raises(NotAllowed):
        circle_withdraw(user=c.lead, inspection_id=inspection.pk, member_id=member.pk)
    other = cast(name="Fictional Meadow Academy")
    with pytest.raises(NotFound):
        circle_withdraw(user=other.head, inspection_id=inspection.pk, member_id=member.pk)
    elsewhere = drafted(other)
    with pytest.raises(NotFound, match="no invitation"):
        circle_withdraw(user=other.head, inspection_id=elsewhere.pk, member_id=member.pk)


def test_the_one_time_link_sets_a_password_once() -> None:
    c = cast()
    inspection = drafted(c)
    member = invite(c, inspection)
    token = welcome_token(member)
    assert token is not None
    with pytest.raises(InvalidInput) as different:
        circle_password_set(uid=token.uid, token=token.token, password=PASSWORD, password_again="something else")
    assert "password_again" in different.value.field_errors
    with pytest.raises(InvalidInput) as weak:
        circle_password_set(uid=token.uid, token=token.token, password="short", password_again="short")
    assert "too short" in weak.value.field_errors["password"]
    account = circle_password_set(uid=token.uid, token=token.token, password=PASSWORD, password_again=PASSWORD)
    assert account.check_password(PASSWORD)
    assert welcome_token(CircleMember.objects.get(pk=member.pk)) is None
    with pytest.raises(NotFound, match="has been used"):
        welcome_member(token.uid, token.token)
    assert len(audited("circle.password_set", inspection)) == 1


def test_a_withdrawn_invitation_link_no_longer_works() -> None:
    c = cast()
    inspection = drafted(c)
    member = invite(c, inspection)
    token = welcome_token(member)
    assert token is not None
    circle_withdraw(user=c.head, inspection_id=inspection.pk, member_id=member.pk)
    with pytest.raises(NotFound):
        circle_password_set(uid=token.uid, token=token.token, password=PASSWORD, password_again=PASSWORD)
    with pytest.raises(NotFound):
        welcome_member("not-base64!", "nonsense")


def test_an_invitee_reads_the_outcome_in_the_portal_not_on_the_staff_inspection_page(client) -> None:  # type: ignore[no-untyped-def]
    c = cast()
    inspection = drafted(c)
    colleague = joined(invite(c, inspection))
    client.force_login(colleague)
    assert client.get(f"/workspace/inspections/{inspection.pk}/").status_code == 404
    assert client.get(f"/portal/inspections/{inspection.pk}/").status_code == 200
