"""School term calendars: importing term dates, and the one working-day calendar each school is judged by.

The term-dates file is CSV, one row per holiday or closure, with these columns (any order; others ignored):

    scope,authority_or_urn,name,first_day,last_day,kind
    local_authority,Reading,Easter holiday 2026,2026-03-30,2026-04-10,holiday
    school,110033,Closed for building works,2026-06-01,2026-06-02,closure

- scope: `local_authority` (the calendar of every school in that authority) or `school` (one school's own).
- authority_or_urn: the local authority's name as the register writes it, or the school's URN.
- name: what the period is called; first_day and last_day: inclusive, written YYYY-MM-DD.
- kind: `holiday` (a holiday longer than a week stops the working-day clock; a half-term does not) or
  `closure` (the school is shut: none of its days is a working day).

Decoding and refusals follow the register import (ADR 0004, ADR 0011): the file is imported whole or not at all.
A calendar named in the file replaces that calendar's stored periods wholesale; calendars not named are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from inspectorate.domain.bank_holidays import bank_holidays_for
from inspectorate.domain.register.errors import FileRefused
from inspectorate.domain.term_date_files import CalendarKey, Scope, read_term_dates
from inspectorate.domain.term_dates import DEFAULT_ENGLAND_HOLIDAYS, ILLUSTRATIVE_NOTICE
from inspectorate.domain.working_days import Holiday, HolidayKind, WorkingDayCalendar
from inspectorate.register.models import Establishment
from inspectorate.schoolcalendar.models import SOURCE_FILE_LENGTH, CalendarHoliday, TermCalendar

# Bank holidays are known for these years: GOV.UK's list where published, the rules after it.
BANK_HOLIDAY_YEARS = range(2012, 2051)
UNNAMED_SOURCE = "uploaded term dates"
BATCH = 500  # rows per statement, well inside SQLite's limit on parameters


@dataclass(frozen=True)
class ImportReport:
    file: str
    encoding: str
    holidays_read: int
    created: tuple[str, ...]  # calendars, by label ("Reading", "URN 110033")
    replaced: tuple[str, ...]
    unchanged: tuple[str, ...]
    unmatched: tuple[str, ...]  # calendars naming no local authority or school in the register (imported all the same)
    dry_run: bool

    @property
    def calendars_read(self) -> int:
        return len(self.created) + len(self.replaced) + len(self.unchanged)


@dataclass(frozen=True)
class SchoolCalendar:
    calendar: WorkingDayCalendar
    source: str  # where the school holidays come from, in words a person can check
    illustrative: bool  # no imported calendar: the illustrative England default


@transaction.atomic
def term_dates_import(
    path_or_bytes: Path | str | bytes,
    *,
    dry_run: bool = False,
    source_name: str | None = None,
    now: dt.datetime | None = None,
) -> ImportReport:
    """Import a term-dates file (a path, or its bytes); `dry_run` checks and compares but writes nothing.

    Raises ImportRefused (FileRefused or RowsRefused) and writes nothing unless every row is good.
    """
    raw, name = _file_bytes(path_or_bytes, source_name)
    reading = read_term_dates(raw)
    stored = _stored_calendars()
    changed = {key: periods for key, periods in reading.calendars.items() if stored.get(key) != periods}
    if changed and not dry_run:
        _replace_calendars(changed, set(stored), source_file=name, imported_at=now or timezone.now())
    return ImportReport(
        file=name,
        encoding=reading.encoding,
        holidays_read=reading.holidays_read,
        created=tuple(key.label for key in changed if key not in stored),
        replaced=tuple(key.label for key in changed if key in stored),
        unchanged=tuple(key.label for key in reading.calendars if key not in changed),
        unmatched=_unmatched(list(reading.calendars)),
        dry_run=dry_run,
    )


def school_calendar(establishment: Establishment) -> SchoolCalendar:
    """The calendar a school's deadlines are counted in: its own, else its local authority's, else the
    illustrative England default; always with England and Wales bank holidays. Two queries at most."""
    return _calendar_of(
        TermCalendar.objects.filter(
            Q(scope=Scope.SCHOOL, urn=establishment.urn)
            | Q(scope=Scope.LOCAL_AUTHORITY, local_authority=establishment.local_authority)
        )
    )


def school_calendar_for_urn(urn: int) -> SchoolCalendar:
    """As school_calendar, for a URN (the local authority is looked up within the same query). A URN the
    register does not hold still gets its own imported calendar, else the illustrative default."""
    authority = Establishment.objects.filter(urn=urn).values("local_authority")
    return _calendar_of(
        TermCalendar.objects.filter(
            Q(scope=Scope.SCHOOL, urn=urn) | Q(scope=Scope.LOCAL_AUTHORITY, local_authority__in=authority)
        )
    )


@cache
def _bank_holidays() -> frozenset[dt.date]:
    return bank_holidays_for(BANK_HOLIDAY_YEARS)  # reads the bundled GOV.UK data once per process


def _calendar_of(candidates: QuerySet[TermCalendar]) -> SchoolCalendar:
    found = {calendar.scope: calendar for calendar in candidates}
    chosen = found.get(Scope.SCHOOL) or found.get(Scope.LOCAL_AUTHORITY)
    if chosen is None:
        default = WorkingDayCalendar(_bank_holidays(), DEFAULT_ENGLAND_HOLIDAYS)
        return SchoolCalendar(calendar=default, source=ILLUSTRATIVE_NOTICE, illustrative=True)
    holidays = tuple(_holiday(row) for row in chosen.holidays.order_by("first_day"))
    whose = "The school's own" if chosen.scope == Scope.SCHOOL else f"{chosen.local_authority}'s"
    source = f"{whose} term dates (imported from {chosen.source_file})"
    return SchoolCalendar(calendar=WorkingDayCalendar(_bank_holidays(), holidays), source=source, illustrative=False)


def _holiday(row: CalendarHoliday) -> Holiday:
    return Holiday(row.first_day, row.last_day, row.name, HolidayKind(row.kind))


def _file_bytes(path_or_bytes: Path | str | bytes, source_name: str | None) -> tuple[bytes, str]:
    if isinstance(path_or_bytes, bytes):
        return path_or_bytes, (source_name or UNNAMED_SOURCE)[:SOURCE_FILE_LENGTH]
    path = Path(path_or_bytes)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileRefused(f"cannot read {path}: {error.strerror}") from None
    return raw, (source_name or path.name)[:SOURCE_FILE_LENGTH]


def _key(calendar: TermCalendar) -> CalendarKey:
    if calendar.scope == Scope.SCHOOL:
        return CalendarKey(Scope.SCHOOL, urn=calendar.urn or 0)
    return CalendarKey(Scope.LOCAL_AUTHORITY, local_authority=calendar.local_authority)


def _stored_calendars() -> dict[CalendarKey, tuple[Holiday, ...]]:
    """Every stored calendar with its periods in date order: two queries, whatever the number of calendars."""
    keys = {calendar.pk: _key(calendar) for calendar in TermCalendar.objects.only("scope", "local_authority", "urn")}
    periods: dict[CalendarKey, list[Holiday]] = {key: [] for key in keys.values()}
    for row in CalendarHoliday.objects.order_by("calendar_id", "first_day"):
        periods[keys[row.calendar_id]].append(_holiday(row))
    return {key: tuple(holidays) for key, holidays in periods.items()}


def _replace_calendars(
    changed: dict[CalendarKey, tuple[Holiday, ...]],
    stored: set[CalendarKey],
    *,
    source_file: str,
    imported_at: dt.datetime,
) -> None:
    new = [_new_calendar(key, source_file, imported_at) for key in changed if key not in stored]
    TermCalendar.objects.bulk_create(new, batch_size=BATCH)
    ids = {_key(calendar): calendar.pk for calendar in TermCalendar.objects.only("scope", "local_authority", "urn")}
    replaced = [ids[key] for key in changed if key in stored]
    for batch in _batches(replaced):
        CalendarHoliday.objects.filter(calendar_id__in=batch).delete()
        TermCalendar.objects.filter(pk__in=batch).update(source_file=source_file, imported_at=imported_at)
    CalendarHoliday.objects.bulk_create(
        (_stored_holiday(ids[key], holiday) for key, holidays in changed.items() for holiday in holidays),
        batch_size=BATCH,
    )


def _new_calendar(key: CalendarKey, source_file: str, imported_at: dt.datetime) -> TermCalendar:
    return TermCalendar(
        scope=key.scope.value,
        local_authority=key.local_authority,
        urn=key.urn if key.scope is Scope.SCHOOL else None,
        source_file=source_file,
        imported_at=imported_at,
    )


def _stored_holiday(calendar_id: int, holiday: Holiday) -> CalendarHoliday:
    return CalendarHoliday(
        calendar_id=calendar_id,
        first_day=holiday.first_day,
        last_day=holiday.last_day,
        name=holiday.name,
        kind=holiday.kind.value,
    )


def _unmatched(calendars: Sequence[CalendarKey]) -> tuple[str, ...]:
    named = [k.local_authority for k in calendars if k.scope is Scope.LOCAL_AUTHORITY]
    authorities = _present("local_authority", named)
    urns = _present("urn", [k.urn for k in calendars if k.scope is Scope.SCHOOL])
    return tuple(
        key.label
        for key in calendars
        if (key.local_authority not in authorities if key.scope is Scope.LOCAL_AUTHORITY else key.urn not in urns)
    )


def _present(field: str, values: Sequence[str | int]) -> set[str | int]:
    """Which of `values` some school in the register has in `field`."""
    found: set[str | int] = set()
    for batch in _batches(values):
        schools = Establishment.objects.filter(**{f"{field}__in": batch}).order_by()
        found.update(schools.values_list(field, flat=True).distinct())
    return found


def _batches[T](items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]
