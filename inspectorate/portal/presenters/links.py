"""Links to other apps' pages, left out (not broken) until their routes exist."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def guarded_reverse(name: str, *args: object) -> str | None:
    try:
        return reverse(name, args=list(args) or None)
    except NoReverseMatch:
        return None
