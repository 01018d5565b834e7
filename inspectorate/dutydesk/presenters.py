"""The duty desk page as a plain view model: every item needing attention, most urgent first, with counts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from inspectorate.dutydesk.items import DutyItem
from inspectorate.inspections.presenters.words import Tag, moment
from inspectorate.web.formatting import number

URGENCY_TAGS = {
    1: Tag("Urgent: a person may be at risk", "govuk-tag--red"),
    2: Tag("High", "govuk-tag--orange"),
    3: Tag("Medium", "govuk-tag--yellow"),
    4: Tag("Routine", "govuk-tag--blue"),
    5: Tag("Low", "govuk-tag--grey"),
}
OVERDUE = Tag("Overdue", "govuk-tag--red")


@dataclass(frozen=True)
class ItemRow:
    kind: str
    urgency: Tag
    overdue: bool
    school: str
    summary: str
    next_step: str
    href: str
    due: str


@dataclass(frozen=True)
class DutyDeskView:
    title: str
    heading: str
    counts: list[tuple[str, str]]  # kind, how many
    overdue: int
    rows: list[ItemRow]
    as_at: str


def _row(item: DutyItem) -> ItemRow:
    return ItemRow(
        kind=item.kind,
        urgency=URGENCY_TAGS.get(item.urgency, URGENCY_TAGS[5]),
        overdue=item.overdue,
        school=item.school or "No school named",
        summary=item.summary,
        next_step=item.next_step,
        href=item.href,
        due=moment(item.due_at) if item.due_at else "",
    )


def present_duty_desk(items: list[DutyItem], now: dt.datetime) -> DutyDeskView:
    """`items` in the order `collect` gives (overdue first, then by urgency and due time): shown as they come."""
    by_kind = Counter(item.kind for item in items)
    count = len(items)
    return DutyDeskView(
        title="Duty desk",
        heading=f"{number(count)} item{'' if count == 1 else 's'} need{'s' if count == 1 else ''} attention"
        if count
        else "Nothing needs attention now",
        counts=[(kind, number(n)) for kind, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))],
        overdue=sum(1 for item in items if item.overdue),
        rows=[_row(item) for item in items],
        as_at=moment(now),
    )
