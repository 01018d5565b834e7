"""Errors as JSON, mapped from the services' errors in this one place, with the shapes the OpenAPI schema shows.

- 401 {"detail"}: no credentials, or a bad token;
- 403 {"detail"}: this person's role may not do this;
- 404 {"detail"}: no such inspection, or one this person may not see (the two are not told apart);
- 409 {"detail", "current_state", "allowed_actions", "version"}: the wrong state, a guard, or a stale version;
- 422 {"detail": [{"loc", "msg", "type"}], "errors": {field: message}}: bad input, whether the body schema or the
  service found it, so a client reads one shape.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from inspectorate.inspections.errors import InvalidInput, NotAllowed, NotFound, StateConflict


class Message(Schema):
    detail: str


class Conflict(Schema):
    detail: str
    current_state: str
    allowed_actions: list[str]
    version: int


class FieldProblem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class Invalid(Schema):
    detail: list[FieldProblem]
    errors: dict[str, str]


def responses(ok: int, schema: Any, *codes: int) -> dict[int, Any]:
    """The responses an operation documents: its success and the errors it can give."""
    by_code: dict[int, Any] = {401: Message, 403: Message, 404: Message, 409: Conflict, 422: Invalid}
    return {ok: schema, **{code: by_code[code] for code in codes}}


# The names of the views' parameter models (the body, the list's filters): ninja puts them in `loc`, but they are
# our names, not the caller's.
PARAMETER_NAMES = frozenset({"payload", "filters"})
WHOLE_BODY_MISSING = "send a JSON object as the body ({} when the action needs no input)"


class BodyNotJson(Exception):
    """Raised by the parser; ninja wraps it in a 400, which the handler below turns into a 422 like the rest."""


def _problem(error: Mapping[str, Any]) -> dict[str, Any]:
    loc = list(error.get("loc", ()))
    if len(loc) > 1 and loc[1] in PARAMETER_NAMES:
        loc = [loc[0], *loc[2:]]
    msg = str(error.get("msg", ""))
    if len(loc) == 1 and loc[0] == "body" and error.get("type") == "missing":
        msg = WHOLE_BODY_MISSING
    return {"loc": loc, "msg": msg, "type": str(error.get("type", ""))}


def _field_name(loc: list[Any]) -> str:
    # "state.0" or "evidence_ids.2" reads better as the field itself; nested names keep their dots.
    parts = [str(p) for p in loc[1:] if not isinstance(p, int)]
    return ".".join(parts) or str(loc[0] if loc else "body")


def schema_invalid(exc: ValidationError) -> dict[str, Any]:
    problems = [_problem(error) for error in exc.errors]
    errors: dict[str, str] = {}
    for problem in problems:
        errors.setdefault(_field_name(problem["loc"]), problem["msg"])
    return {"detail": problems, "errors": errors}


def service_invalid(exc: InvalidInput) -> dict[str, Any]:
    problems = [{"loc": ["body", field], "msg": msg, "type": "invalid"} for field, msg in exc.field_errors.items()]
    return {"detail": problems, "errors": dict(exc.field_errors)}


def install(api: NinjaAPI) -> None:
    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message}, status=404)

    def not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message}, status=403)

    def conflict(request: HttpRequest, exc: StateConflict) -> HttpResponse:
        body = {
            "detail": exc.message,
            "current_state": exc.current_state,
            "allowed_actions": exc.allowed_actions,
            "version": exc.version,
        }
        return api.create_response(request, body, status=409)

    def invalid(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        return api.create_response(request, service_invalid(exc), status=422)

    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, schema_invalid(exc), status=422)

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        detail = exc.message
        if detail == "Unauthorized":  # ninja's own words when no credentials came at all
            detail = "Sign in, or send an API token in the header: Authorization: Bearer <token>."
        response = api.create_response(request, {"detail": detail}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="inspectorate"'
        return response

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, BodyNotJson):
            problem = {"loc": ["body"], "msg": str(exc.__cause__), "type": "json_invalid"}
            return api.create_response(request, {"detail": [problem], "errors": {"body": problem["msg"]}}, status=422)
        return api.create_response(request, {"detail": exc.message}, status=exc.status_code)

    _on(api, NotFound, not_found)
    _on(api, NotAllowed, not_allowed)
    _on(api, StateConflict, conflict)
    _on(api, InvalidInput, invalid)
    _on(api, ValidationError, validation)
    _on(api, AuthenticationError, unauthenticated)
    _on(api, HttpError, http_error)


def _on[E: Exception](api: NinjaAPI, exc_class: type[E], handler: Callable[[HttpRequest, E], HttpResponse]) -> None:
    # ninja types a handler as taking the exception or its class; it only ever passes the instance.
    api.add_exception_handler(exc_class, handler)  # type: ignore[arg-type]


class JsonBody(Parser):
    """Bodies are JSON objects; anything else is bad input (422) saying so, not ninja's bare 400."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as err:
            raise BodyNotJson(f"is not valid JSON: {err}") from err
        if not isinstance(data, dict):
            raise BodyNotJson("must be a JSON object")
        return data
