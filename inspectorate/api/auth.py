"""Who is asking: a bearer token (scripts and other systems), or the signed-in browser session (so the interactive
docs work for a person who is signed in). A request with neither gets 401."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from inspectorate.api.services import api_token_user

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token.strip())
        if user is None:
            # A token was sent and is wrong: say so, rather than falling back to the session and confusing the caller.
            raise AuthenticationError(message="The bearer token is not valid, or has been revoked.")
        return user


class SignedInSession(APIKeyCookie):
    """Django's session, with Django's CSRF check on unsafe methods (a page could otherwise post as the user)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)  # checked below, only for a signed-in user, so a stranger gets 401, not 403

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise AuthorizationError(
                message="The CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header."
            )
        return user


def asker(request: HttpRequest) -> Any:
    """The person the request authenticated as (ninja sets `request.auth` before any endpoint runs)."""
    return request.auth  # type: ignore[attr-defined]


def authentication() -> list[Any]:
    return [BearerToken(), SignedInSession()]
