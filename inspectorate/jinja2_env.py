"""The Jinja2 environment: Django's static and url helpers, CSRF, and the few filters templates share."""

from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import Environment, StrictUndefined

from inspectorate.web import formatting


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    options.setdefault("undefined", StrictUndefined)
    options["autoescape"] = True  # never render user or file text unescaped
    env = Environment(**options)  # noqa: S701 - autoescape forced on just above
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
        }
    )
    env.filters.update(
        {
            "long_date": formatting.long_date,
            "number": formatting.number,
            "percent": formatting.percent,
        }
    )
    return env
