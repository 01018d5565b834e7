"""The sharing circle's use cases: the headteacher invites someone to share the provisional outcome, withdraws an
invitation, and the invitee chooses their password through the one-time link (docs/adr/0018).

Each is one transaction that reads the inspection through `inspections.selectors` (so a school can act only on its
own inspection) and writes an audit entry. Invitations are appended and stamped, never deleted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from inspectorate.accounts.models import User
from inspectorate.audit.services import audit_record
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.selectors import OUTCOME_TOLD_TO_SCHOOL, inspection_for, roles_on
from inspectorate.portal.models import CircleMember

RELATIONSHIPS = dict(CircleMember.Relationship.choices)
NAME_LIMIT = 200


def _refuse_unless_headteacher(user: Any, inspection: Inspection) -> None:
    if Role.HEADTEACHER not in roles_on(user, inspection):
        raise NotAllowed("Only the school's headteacher chooses whom to share the provisional outcome with.")


def _refuse_unless_told(inspection: Inspection) -> None:
    """There is something to share from final feedback until publication; after that the report is public."""
    if inspection.state_enum not in OUTCOME_TOLD_TO_SCHOOL:
        raise StateConflict(
            f"There is no provisional outcome to share while the inspection is {inspection.state_label.lower()}: "
            "you can invite people from the final feedback meeting until the report is published.",
            current_state=inspection.state,
            allowed_actions=[],
            version=inspection.version,
        )


def _invitation_errors(inspection: Inspection, name: str, email: str, relationship: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = "Enter the name of the person you are inviting"
    elif len(name) > NAME_LIMIT:
        errors["name"] = f"Name must be {NAME_LIMIT} characters or fewer"
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Enter an email address in the correct format, like name@example.com"
    else:
        if inspection.circle_members.filter(email__iexact=email, withdrawn_at__isnull=True).exists():
            errors["email"] = f"{email} is already in your circle for this inspection"
    if relationship not in RELATIONSHIPS:
        errors["relationship"] = "Choose who they are to you: " + ", ".join(v.lower() for v in RELATIONSHIPS.values())
    return errors


def _free_username(email: str) -> str:
    """A username from the address's local part; a number is added when it is taken (every invitee gets an account
    of their own, even if they already have one)."""
    base = re.sub(r"[^a-z0-9._-]", "", email.split("@", 1)[0].lower())[:140] or "invitee"
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _account_create(name: str, email: str) -> User:
    first, _, last = name.partition(" ")
    account = User(username=_free_username(email), email=email, first_name=first[:150], last_name=last[:150])
    account.set_unusable_password()  # they choose their own through the one-time link
    account.save()
    return account


def circle_invite(
    *, user: Any, inspection_id: int, name: str, email: str, relationship: str, now: dt.datetime | None = None
) -> CircleMember:
    """The headteacher invites someone to read this inspection's provisional outcome: a colleague, family, a
    medical adviser or their support network. A new account is made for them, with no password until they choose
    one through the link the headteacher passes on (`welcome_token`)."""
    name, email = name.strip(), email.strip()
    moment = now or timezone.now()
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        _refuse_unless_headteacher(user, inspection)
        _refuse_unless_told(inspection)
        errors = _invitation_errors(inspection, name, email, relationship)
        if errors:
            raise InvalidInput(errors)
        member = CircleMember.objects.create(
            inspection=inspection,
            invited_by=user,
            user=_account_create(name, email),
            name=name,
            email=email,
            relationship=relationship,
            invited_at=moment,
        )
        audit_record(
            action="circle.invite",
            actor=user,
            at=moment,
            object_type="inspection",
            object_id=inspection.pk,
            details={"member": member.pk, "username": member.user.username, "relationship": relationship},
        )
    return member


def circle_withdraw(*, user: Any, inspection_id: int, member_id: int, now: dt.datetime | None = None) -> CircleMember:
    """The headteacher withdraws an invitation: the invitee's account is closed at once and can read nothing more.
    The invitation itself stays, stamped, so the record of who could read the outcome and when is whole."""
    moment = now or timezone.now()
    with transaction.atomic():
        inspection = inspection_for(user, inspection_id)
        _refuse_unless_headteacher(user, inspection)
        member = CircleMember.objects.select_for_update().filter(pk=member_id, inspection=inspection).first()
        if member is None:
            raise NotFound(f"There is no invitation {member_id} on this inspection.")
        if member.withdrawn_at is not None:
            raise StateConflict(
                f"You already withdrew {member.name}'s invitation on {member.withdrawn_at:%d %B %Y}.",
                current_state=inspection.state,
                allowed_actions=[],
                version=inspection.version,
            )
        member.withdrawn_at, member.withdrawn_by = moment, user
        member.save(update_fields=["withdrawn_at", "withdrawn_by"])
        account = member.user
        account.is_active = False  # signs them out on their next request, and refuses any new sign-in
        account.set_unusable_password()
        account.save(update_fields=["is_active", "password"])
        audit_record(
            action="circle.withdraw",
            actor=user,
            at=moment,
            object_type="inspection",
            object_id=inspection.pk,
            details={"member": member.pk, "username": account.username},
        )
    return member


@dataclass(frozen=True)
class WelcomeToken:
    """The two parts of the one-time link an invitee uses to choose their password."""

    uid: str
    token: str


def welcome_token(member: CircleMember) -> WelcomeToken | None:
    """The one-time link's parts while the invitee has not yet chosen a password and the invitation stands; None
    after. Django's token changes once the password is set, so the link works once (and expires after
    PASSWORD_RESET_TIMEOUT)."""
    if member.withdrawn_at is not None or member.user.has_usable_password():
        return None
    return WelcomeToken(
        urlsafe_base64_encode(force_bytes(member.user.pk)), default_token_generator.make_token(member.user)
    )


def welcome_member(uid: str, token: str) -> CircleMember:
    """The invitation a one-time link belongs to; NotFound when the link is wrong, used or withdrawn."""
    try:
        user_pk = int(force_str(urlsafe_base64_decode(uid)))
    except (TypeError, ValueError, OverflowError):
        user_pk = 0  # no account has it
    member = CircleMember.objects.select_related("user", "inspection").filter(user_id=user_pk).first()
    if member is None or welcome_token(member) is None or not default_token_generator.check_token(member.user, token):
        raise NotFound("This link has been used, has expired or was withdrawn: ask the headteacher for a new one.")
    return member


def circle_password_set(
    *, uid: str, token: str, password: str, password_again: str, now: dt.datetime | None = None
) -> User:
    """The invitee chooses their password through the one-time link; the link stops working once it is used."""
    moment = now or timezone.now()
    with transaction.atomic():
        member = welcome_member(uid, token)
        account = member.user
        if password != password_again:
            raise InvalidInput({"password_again": "The two passwords are not the same"})
        try:
            validate_password(password, account)
        except ValidationError as err:
            raise InvalidInput({"password": " ".join(err.messages)}) from None
        account.set_password(password)
        account.save(update_fields=["password"])
        audit_record(
            action="circle.password_set",
            actor=account,
            at=moment,
            object_type="inspection",
            object_id=member.inspection_id,
            details={"member": member.pk},
        )
    return account
