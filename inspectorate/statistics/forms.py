"""The statistics page's two dates, read from GOV.UK date inputs (day, month and year boxes) in the query string.

Errors follow the GOV.UK Design System's wording for date inputs: say which part is missing, or that the date
must be a real one, naming the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from inspectorate.domain.statistics import ReleasePeriod

# The latest release the shipped register supports: Ofsted's file "as at 31 August 2025".
DEFAULT_AS_AT = dt.date(2025, 8, 31)
PARTS = ("day", "month", "year")


@dataclass(frozen=True)
class DateField:
    """One date input: its id (the boxes are `<id>-day`, `<id>-month`, `<id>-year`) and how errors name it."""

    id: str
    name_in_errors: str


AS_AT = DateField("as-at", "The as-at date")
PUBLISHED_BY = DateField("published-by", "The published-by date")


@dataclass(frozen=True)
class FieldError:
    field_id: str
    message: str
    parts: tuple[str, ...]  # the boxes to mark as in error; the summary links to the first

    @property
    def anchor(self) -> str:
        return f"{self.field_id}-{self.parts[0]}"

    @property
    def href(self) -> str:
        return f"#{self.anchor}"


@dataclass
class StatisticsQuery:
    """What the page was asked for: the raw boxes (to show them again), the period, or errors."""

    values: dict[str, str]
    period: ReleasePeriod | None = None
    errors: list[FieldError] = field(default_factory=list)

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """What the shared error summary lists: where each error is, and what it says."""
        return [(e.anchor, e.message) for e in self.errors]

    def error_for(self, field_id: str) -> FieldError | None:
        return next((e for e in self.errors if e.field_id == field_id), None)


def _read_date(date_field: DateField, values: Mapping[str, str]) -> tuple[dt.date | None, FieldError | None]:
    """The date in the three boxes; None with no error when all are blank."""
    parts = {part: values[f"{date_field.id}-{part}"] for part in PARTS}
    missing = tuple(part for part in PARTS if not parts[part])
    if len(missing) == len(PARTS):
        return None, None
    if missing:
        wanted = " and ".join(missing)
        return None, FieldError(date_field.id, f"{date_field.name_in_errors} must include a {wanted}", missing)
    if not (len(parts["year"]) == 4 and parts["year"].isdigit()):
        message = f"The year of {date_field.name_in_errors.lower()} must include 4 numbers"
        return None, FieldError(date_field.id, message, ("year",))
    try:
        return dt.date(*(int(parts[p]) for p in ("year", "month", "day"))), None
    except ValueError:
        return None, FieldError(date_field.id, f"{date_field.name_in_errors} must be a real date", PARTS)


def statistics_query(params: Mapping[str, str]) -> StatisticsQuery:
    """Parse the query string. With no dates given: as at DEFAULT_AS_AT, published by 30 days later."""
    values = {
        f"{f.id}-{part}": params.get(f"{f.id}-{part}", "").strip() for f in (AS_AT, PUBLISHED_BY) for part in PARTS
    }
    as_at, as_at_error = _read_date(AS_AT, values)
    published_by, published_by_error = _read_date(PUBLISHED_BY, values)
    errors = [e for e in (as_at_error, published_by_error) if e is not None]
    if errors:
        return StatisticsQuery(values, errors=errors)
    if as_at is None:  # show the default in the boxes, so the reader sees what the figures are as at
        as_at = DEFAULT_AS_AT
        values.update({f"{AS_AT.id}-{part}": str(getattr(as_at, part)) for part in PARTS})
    if published_by is not None and published_by < as_at:
        message = "The published-by date must be the same as or after the as-at date"
        return StatisticsQuery(values, errors=[FieldError(PUBLISHED_BY.id, message, PARTS)])
    try:
        return StatisticsQuery(values, period=ReleasePeriod.ending(as_at, published_by))
    except ValueError:  # no date comes 30 days after the very end of the calendar
        message = "Enter a published-by date: no date comes 30 days after this as-at date"
        return StatisticsQuery(values, errors=[FieldError(PUBLISHED_BY.id, message, PARTS)])
