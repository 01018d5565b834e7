"""The interactive docs (Swagger UI) served from this site: ninja's own docs page either needs ninja in
INSTALLED_APPS and Django templates (we render with Jinja2 only) or fetches Swagger UI from a CDN, which a
government service should not depend on. So the page is written here and the assets come from ninja's package."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import reverse
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

ASSETS_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.png": "image/png",
}


def docs_asset(request: HttpRequest, name: str) -> FileResponse:
    if name not in ASSETS:
        raise Http404(f"No docs asset {name!r}")
    response = FileResponse((ASSETS_DIR / name).open("rb"), content_type=ASSETS[name])
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _asset(name: str) -> str:
    return escape(reverse("api-docs-asset", args=[name]))


class SwaggerHere(DocsBase):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {"url": self.get_openapi_url(api, kwargs), "layout": "BaseLayout", "deepLinking": True}
        # A signed-in person trying requests in the page sends the CSRF token their session needs for a POST.
        csrf = get_token(request) if request.user.is_authenticated else ""
        settings_json = json.dumps(settings).replace("<", "\\u003c")
        page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(api.title)}</title>
<link rel="stylesheet" href="{_asset("swagger-ui.css")}">
<link rel="icon" href="{_asset("favicon.png")}" type="image/png">
</head>
<body data-csrf-token="{escape(csrf)}" data-api-csrf="{"true" if csrf else ""}">
<script type="application/json" id="swagger-settings">{settings_json}</script>
<div id="swagger-ui"></div>
<script src="{_asset("swagger-ui-bundle.js")}"></script>
<script src="{_asset("swagger-ui-init.js")}"></script>
</body>
</html>
"""
        return HttpResponse(page)
