"""The HTTP API's routes: everything under /api/ is the NinjaAPI in api.py, plus the docs page's own assets."""

from django.urls import path

from inspectorate.api.api import api
from inspectorate.api.docs import docs_asset

urlpatterns = [
    path("docs/assets/<str:name>", docs_asset, name="api-docs-asset"),
    path("", api.urls),
]
