"""The HTTP API: JSON over the same selectors and services the pages use (docs/adr/0013-http-api.md)."""

from __future__ import annotations

from ninja import NinjaAPI

from inspectorate.api import actions, errors, inspections
from inspectorate.api.auth import authentication
from inspectorate.api.docs import SwaggerHere

api = NinjaAPI(
    title="Inspectorate API",
    version="1",
    description=(
        "School inspections, from planning to publication. Authenticate with `Authorization: Bearer <token>` "
        "(`inspectorate create-api-token USERNAME`), or sign in to use these docs. Errors are JSON: 401, 403, 404, "
        "409 (with the current state, the actions allowed now and the version) and 422 (with field errors)."
    ),
    docs=SwaggerHere(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    urls_namespace="api",
    auth=authentication(),
    parser=errors.JsonBody(),
)
errors.install(api)
api.add_router("", inspections.router)
api.add_router("", actions.router)
