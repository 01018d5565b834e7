"""What the duty desk page lists: items that need attention now, from every mechanism that can raise one.

Each app that can need the duty desk's attention has a module `inspectorate/<app>/duty.py` with a function
`duty_items(now: datetime) -> list[DutyItem]`; the page collects them from PROVIDERS and sorts the most urgent
first (a lower urgency number first, then the earliest due time)."""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

PROVIDERS = (
    "inspectorate.welfare.duty",  # pauses, recorded distress, overdue check-ins
    "inspectorate.deferrals.duty",  # deferral requests awaiting a decision, refused entry
    "inspectorate.concerns.duty",  # open concerns, learning reviews
    "inspectorate.alerts.duty",  # reports past their publication target
    "inspectorate.notifications.duty",  # messages whose sending failed or whose outcome is unknown
)


@dataclass(frozen=True)
class DutyItem:
    kind: str  # "Concern", "Pause", "Distress recorded", ...
    urgency: int  # 1 most urgent (a person at risk now) to 5
    school: str
    inspection_id: int | None
    summary: str  # what has happened, in a sentence
    next_step: str  # what the duty desk should do next, in a sentence
    href: str  # where to do it
    due_at: dt.datetime | None = None  # when it must be done by, if there is a target
    overdue: bool = False


def collect(now: dt.datetime) -> list[DutyItem]:
    items: list[DutyItem] = []
    for module_name in PROVIDERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name != module_name:
                raise
            continue  # that mechanism has nothing to report yet
        items.extend(module.duty_items(now))
    far_future = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(items, key=lambda i: (not i.overdue, i.urgency, i.due_at or far_future, i.school))
