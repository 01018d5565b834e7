"""The Jinja2 environment: Django's static and url helpers, CSRF, and the few filters templates share."""

from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import Environment, StrictUndefined

from inspectorate.web import formatting


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def sees_workspace(user: Any) -> bool:
    """Whether the header offers the staff workspace to this person (its pages check again for themselves)."""
    from inspectorate.inspections.presenters.workspace import may_use_workspace  # needs the apps loaded

    return may_use_workspace(user)


def environment(**options: Any) -> Environment:
    # Django's backend passes its own `undefined` (DebugUndefined or Undefined) in the options, so a setdefault
    # would never take effect: a missing variable must fail loudly, not render as empty text.
    options["undefined"] = StrictUndefined
    options["autoescape"] = True  # never render user or file text unescaped
    env = Environment(**options)  # noqa: S701 - autoescape forced on just above
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "sees_workspace": sees_workspace,
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
