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


# Staff pages beyond the workspace, each for the roles whose work it is: (URL name, words, roles).
STAFF_PAGES = (
    ("duty-desk", "Duty desk", {"Duty desk", "Administrator", "Independent senior inspector"}),
    ("due-queue", "Schools due", {"Scheduler", "Administrator", "Duty desk"}),
    ("schedule-plans", "Schedule plans", {"Scheduler", "Administrator"}),
    ("deferral-list", "Deferral requests", {"Scheduler", "Administrator", "Duty desk"}),
    ("concern-list", "Concerns", {"Independent senior inspector", "Duty desk", "Administrator"}),
    ("learning-review-list", "Learning reviews", {"Duty desk", "Independent senior inspector", "Administrator"}),
    ("workforce", "Inspectors", {"Scheduler", "Administrator", "Duty desk"}),
    ("outbox", "Messages sent", {"Administrator", "Duty desk"}),
)


def staff_pages(user: Any) -> list[tuple[str, str]]:
    """The staff pages this person's roles give them, as (href, words): shown on the workspace."""
    if not getattr(user, "is_authenticated", False):
        return []
    from inspectorate.inspections.selectors import roles_of  # needs the apps loaded

    held = {r.value for r in roles_of(user)}
    return [(reverse(name), words) for name, words, roles in STAFF_PAGES if held & roles]


def portal_link(user: Any) -> str:
    """The header's link to the school portal: "Your school" for a school's headteacher or responsible body,
    "Shared with you" for someone a headteacher shared a provisional outcome with, "" for anyone else."""
    from inspectorate.portal.selectors import portal_standing  # needs the apps loaded

    return {"school": "Your school", "circle": "Shared with you"}.get(portal_standing(user), "")


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
            "staff_pages": staff_pages,
            "portal_link": portal_link,
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
