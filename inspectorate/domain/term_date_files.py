"""From the bytes of a term-dates file to checked calendars, or a refusal that says what to fix.

Plain Python, no Django: the services module compares and writes what this reads. The file is CSV with the
columns `scope,authority_or_urn,name,first_day,last_day,kind` (any order, other columns ignored); see
docs/term-dates.md. Decoding and the CSV structure follow the register import (ADR 0004), and reuse its code:
UTF-8 (a byte-order mark dropped) else strict Windows-1252; gzip, ZIP, UTF-16, NUL bytes, a missing column, a
short row, an empty or header-only file refuse the file. Then every row is checked, and any bad value refuses
the file, with every problem named by its line and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from inspectorate.domain.register.decoding import GZIP_MAGIC, source_text
from inspectorate.domain.register.errors import FileRefused, RowProblem, RowsRefused
from inspectorate.domain.register.tables import table_of
from inspectorate.domain.working_days import Holiday, HolidayKind

COLUMNS = ("scope", "authority_or_urn", "name", "first_day", "last_day", "kind")
LOCAL_AUTHORITY_LENGTH = 80  # register.Establishment.local_authority
HOLIDAY_NAME_LENGTH = 120
LARGEST_URN = 2_147_483_647  # what the database's positive integer column holds
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WHOLE_NUMBER = re.compile(r"[0-9]+")
KINDS = frozenset(kind.value for kind in HolidayKind)

type Bad = Callable[[str, str], None]  # reports a bad value: its column, and what is wrong


class Scope(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    SCHOOL = "school"


@dataclass(frozen=True, order=True)
class CalendarKey:
    """Which calendar a row belongs to: a local authority's (by name) or one school's (by URN)."""

    scope: Scope
    local_authority: str = ""
    urn: int = 0

    @property
    def label(self) -> str:
        return self.local_authority if self.scope is Scope.LOCAL_AUTHORITY else f"URN {self.urn}"


@dataclass(frozen=True)
class TermDatesReading:
    encoding: str
    holidays_read: int
    calendars: dict[CalendarKey, tuple[Holiday, ...]]  # each calendar's periods in date order


@dataclass(frozen=True)
class _Period:
    line: int
    key: CalendarKey
    holiday: Holiday


def read_term_dates(raw: bytes) -> TermDatesReading:
    """Every calendar in the file, checked; raises FileRefused or RowsRefused (nothing usable) otherwise."""
    if raw.startswith(GZIP_MAGIC):
        raise FileRefused("the file is gzip-compressed: decompress it, this command reads plain CSV")
    source = source_text(raw)
    table = table_of(source.text, utf8=source.utf8)
    positions = _column_positions(table.header)
    periods: list[_Period] = []
    problems: list[RowProblem] = []
    for line, cells in table.rows:
        period = _period(line, {name: cells[at] for name, at in positions.items()}, problems)
        if period is not None:
            periods.append(period)
    problems += _overlaps(periods)
    if problems:
        raise RowsRefused(sorted(problems, key=lambda p: (p.line, COLUMNS.index(p.column))))
    return TermDatesReading(encoding=source.encoding, holidays_read=len(periods), calendars=_calendars(periods))


def _column_positions(header: tuple[str, ...]) -> dict[str, int]:
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        names = ", ".join(f'"{name}"' for name in missing)
        raise FileRefused(f"the header lacks {names}: a term-dates file has the columns {','.join(COLUMNS)}", line=1)
    repeated = [name for name in COLUMNS if header.count(name) > 1]
    if repeated:
        raise FileRefused(f'the header names the column "{repeated[0]}" more than once', line=1)
    return {name: header.index(name) for name in COLUMNS}


def _period(line: int, row: dict[str, str], problems: list[RowProblem]) -> _Period | None:
    found = len(problems)

    def bad(column: str, reason: str) -> None:
        problems.append(RowProblem(line=line, column=column, value=row[column], reason=reason))

    key = _calendar_key(row, bad)
    name = row["name"].strip()
    if not name:
        bad("name", "every period needs a name, such as Easter holiday 2026")
    elif len(name) > HOLIDAY_NAME_LENGTH:
        bad("name", f"a name can be at most {HOLIDAY_NAME_LENGTH} characters")
    first_day, last_day = _date(row, "first_day", bad), _date(row, "last_day", bad)
    if first_day and last_day and last_day < first_day:
        bad("last_day", f"the last day is before the first day ({first_day.isoformat()})")
    kind = row["kind"].strip().lower()
    if kind not in KINDS:
        bad("kind", "the kind is holiday or closure")
    if len(problems) > found or key is None or first_day is None or last_day is None:
        return None
    return _Period(line, key, Holiday(first_day, last_day, name, HolidayKind(kind)))


def _calendar_key(row: dict[str, str], bad: Bad) -> CalendarKey | None:
    scope, key = row["scope"].strip().lower(), row["authority_or_urn"].strip()
    if scope == Scope.SCHOOL:
        if not WHOLE_NUMBER.fullmatch(key) or not 0 < int(key) <= LARGEST_URN:
            bad("authority_or_urn", "a school's URN is a whole number, such as 110033")
            return None
        return CalendarKey(Scope.SCHOOL, urn=int(key))
    if scope == Scope.LOCAL_AUTHORITY:
        if not key:
            bad("authority_or_urn", "name the local authority as the register does, such as Reading")
            return None
        if len(key) > LOCAL_AUTHORITY_LENGTH:
            bad("authority_or_urn", f"a local authority's name is at most {LOCAL_AUTHORITY_LENGTH} characters")
            return None
        return CalendarKey(Scope.LOCAL_AUTHORITY, local_authority=key)
    bad("scope", "the scope is local_authority or school")
    return None


def _date(row: dict[str, str], column: str, bad: Bad) -> dt.date | None:
    text = row[column].strip()
    if not ISO_DATE.fullmatch(text):
        bad(column, "write the date as YYYY-MM-DD, such as 2026-03-30")
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        bad(column, "there is no such date")
        return None


def _overlaps(periods: list[_Period]) -> list[RowProblem]:
    """A period that starts before an earlier-starting one in the same calendar has ended."""
    problems = []
    for calendar in _by_calendar(periods).values():
        ordered = sorted(calendar, key=lambda p: (p.holiday.first_day, p.line))
        latest = ordered[0]  # of the periods so far, the one ending last
        for period in ordered[1:]:
            if period.holiday.first_day <= latest.holiday.last_day:
                problems.append(_overlap(period, latest))
            if period.holiday.last_day > latest.holiday.last_day:
                latest = period
    return problems


def _overlap(period: _Period, earlier: _Period) -> RowProblem:
    other = earlier.holiday
    reason = (
        f'this period overlaps "{other.name}" ({other.first_day.isoformat()} to {other.last_day.isoformat()}, '
        f"line {earlier.line}) in the calendar for {period.key.label}"
    )
    return RowProblem(line=period.line, column="first_day", value=period.holiday.first_day.isoformat(), reason=reason)


def _by_calendar(periods: list[_Period]) -> dict[CalendarKey, list[_Period]]:
    calendars: dict[CalendarKey, list[_Period]] = defaultdict(list)
    for period in periods:
        calendars[period.key].append(period)
    return calendars


def _calendars(periods: list[_Period]) -> dict[CalendarKey, tuple[Holiday, ...]]:
    return {
        key: tuple(sorted((p.holiday for p in calendar), key=lambda h: h.first_day))
        for key, calendar in sorted(_by_calendar(periods).items())
    }
