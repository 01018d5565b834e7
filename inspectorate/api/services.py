"""API tokens: made once, stored only as a digest, checked on every request, revoked by name."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import ApiToken, User, token_digest
from inspectorate.audit.services import audit_record
from inspectorate.inspections.errors import InvalidInput

# Writing last_used_at on every request would make every API call a write; a minute is precise enough to spot an
# unused token.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def api_token_create(user: User, name: str) -> str:
    """Make a token for `user` and return it: the only time it is ever seen, since only its digest is kept."""
    name = name.strip()
    if not name:
        raise InvalidInput({"name": "give the token a name, so that it can be revoked later"})
    if len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        raise InvalidInput({"name": "is too long; at most 100 characters"})
    with transaction.atomic():
        if ApiToken.objects.filter(user=user, name=name, revoked_at__isnull=True).exists():
            raise InvalidInput({"name": f"{user.username} already has a token called {name!r}: revoke it first"})
        token = ApiToken.new_token()
        record = ApiToken.objects.create(user=user, name=name, digest=token_digest(token))
        audit_record(
            action="api_token.create", actor=user, object_type="api_token", object_id=record.pk, details={"name": name}
        )
    return token


def api_token_revoke(user: User, name: str) -> int:
    """Revoke `user`'s live tokens called `name`; how many were revoked (0 when there was none)."""
    with transaction.atomic():
        live = ApiToken.objects.filter(user=user, name=name.strip(), revoked_at__isnull=True)
        ids = list(live.values_list("pk", flat=True))
        if ids:
            ApiToken.objects.filter(pk__in=ids).update(revoked_at=timezone.now())
            for token_id in ids:
                audit_record(
                    action="api_token.revoke",
                    actor=user,
                    object_type="api_token",
                    object_id=token_id,
                    details={"name": name.strip()},
                )
    return len(ids)


def api_token_user(token: str, *, now: dt.datetime | None = None) -> User | None:
    """The active user a live token belongs to, or None. Notes when it was used, at most once a minute."""
    record = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if record is None:
        return None
    moment = now or timezone.now()
    if record.last_used_at is None or moment - record.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=moment)
    return record.user
