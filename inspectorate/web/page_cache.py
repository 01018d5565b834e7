"""A short-lived cache for public pages that everyone sees alike.

The register changes only when an official file is imported (monthly at most), yet its pages are read by anyone,
often the same search many times. Each web process keeps a rendered anonymous page for a minute
(PUBLIC_PAGE_CACHE_SECONDS), so an import shows up on public pages within that time. Signed-in people are never
served from it, and nothing personal is ever stored in it: only pages rendered for an anonymous visitor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

CACHEABLE_STATUSES = frozenset({200, 404})
View = Callable[..., HttpResponse]


def public_page(view: View) -> View:
    @wraps(view)
    def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if seconds <= 0 or request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = "public-page:" + hashlib.sha256(request.get_full_path().encode()).hexdigest()
        stored = cache.get(key)
        if stored is not None:
            status, content_type, content = stored
            response = HttpResponse(content, status=status, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code in CACHEABLE_STATUSES and not response.cookies:
                cache.set(key, (response.status_code, response["Content-Type"], response.content), seconds)
        patch_cache_control(response, public=True, max_age=seconds)
        return response

    return cached_view
