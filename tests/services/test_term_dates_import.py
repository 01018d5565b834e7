"""Term dates as the people who keep them meet them: importing a local authority's or a school's calendar, the
file refused with the line and column to fix, and the calendar each school's deadlines are then counted in."""

import datetime as dt
import gzip
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import DjangoAssertNumQueries

from inspectorate.domain.register.errors import ImportRefused, RowsRefused
from inspectorate.domain.term_dates import DEFAULT_ENGLAND_HOLIDAYS, ILLUSTRATIVE_NOTICE
from inspectorate.schoolcalendar.models import CalendarHoliday, TermCalendar
from inspectorate.schoolcalendar.services import school_calendar, school_calendar_for_urn, term_dates_import
from tests import factories
from tests.conftest import FIXTURES

LOCAL_AUTHORITIES = FIXTURES / "term_dates" / "local_authorities.csv"
ONE_SCHOOL = FIXTURES / "term_dates" / "one_school.csv"
HEADER = "scope,authority_or_urn,name,first_day,last_day,kind\n"
SCHOOL_URN = 9_100_001
IMPORTED_AT = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(f"{row}\n" for row in rows)).encode()


def stored() -> list[dict[str, Any]]:
    """Every calendar and its periods, as a person checking the database would list them."""
    return [
        {
            "scope": calendar.scope,
            "key": calendar.label,
            "source": calendar.source_file,
            "imported_at": calendar.imported_at,
            "holidays": list(
                calendar.holidays.order_by("first_day").values_list("first_day", "last_day", "name", "kind")
            ),
        }
        for calendar in TermCalendar.objects.order_by("scope", "local_authority", "urn")
    ]


def run(path: Path, *options: str) -> str:
    out = io.StringIO()
    call_command("import_term_dates", str(path), *options, stdout=out)
    return out.getvalue()


# Importing


@pytest.mark.django_db
def test_a_good_file_creates_each_calendar_with_its_holidays() -> None:
    report = term_dates_import(LOCAL_AUTHORITIES, now=IMPORTED_AT)

    assert (report.created, report.replaced, report.unchanged) == (("Reading", "Wokingham"), (), ())
    assert (report.holidays_read, report.encoding, report.file) == (8, "UTF-8", "local_authorities.csv")
    reading = TermCalendar.objects.get(scope="local_authority", local_authority="Reading")
    assert (reading.source_file, reading.imported_at) == ("local_authorities.csv", IMPORTED_AT)
    assert list(reading.holidays.order_by("first_day").values_list("name", flat=True))[:2] == [
        "Autumn half-term 2025",
        "Christmas holiday 2025",
    ]
    assert CalendarHoliday.objects.count() == 8


@pytest.mark.django_db
def test_reimporting_the_same_file_reports_every_calendar_unchanged_and_writes_nothing() -> None:
    term_dates_import(LOCAL_AUTHORITIES, now=IMPORTED_AT)
    before = stored()

    again = term_dates_import(LOCAL_AUTHORITIES, now=IMPORTED_AT + dt.timedelta(days=1))

    assert (again.created, again.replaced, again.unchanged) == ((), (), ("Reading", "Wokingham"))
    assert stored() == before


@pytest.mark.django_db
def test_a_calendar_in_the_file_is_replaced_wholesale_and_the_others_are_kept() -> None:
    term_dates_import(LOCAL_AUTHORITIES, now=IMPORTED_AT)
    wokingham = stored()[1]

    report = term_dates_import(
        csv_bytes("local_authority,Reading,Easter holiday 2026,2026-04-02,2026-04-15,holiday"),
        source_name="reading-2026.csv",
        now=IMPORTED_AT,
    )

    assert (report.created, report.replaced, report.unchanged) == ((), ("Reading",), ())
    reading = stored()[0]
    assert reading["source"] == "reading-2026.csv"
    assert reading["holidays"] == [(dt.date(2026, 4, 2), dt.date(2026, 4, 15), "Easter holiday 2026", "holiday")]
    assert stored()[1] == wokingham


@pytest.mark.django_db
def test_a_school_calendar_is_keyed_by_urn_and_a_closure_is_kept_as_a_closure() -> None:
    report = term_dates_import(ONE_SCHOOL)

    assert report.created == (f"URN {SCHOOL_URN}",)
    [calendar] = stored()
    assert calendar["scope"] == "school"
    assert calendar["holidays"][1] == (dt.date(2026, 6, 1), dt.date(2026, 6, 1), "Closed for building works", "closure")


@pytest.mark.django_db
def test_a_dry_run_reports_what_would_change_and_writes_nothing() -> None:
    report = term_dates_import(LOCAL_AUTHORITIES, dry_run=True)

    assert report.created == ("Reading", "Wokingham")
    assert report.dry_run
    assert stored() == []


@pytest.mark.django_db
def test_calendars_naming_no_school_in_the_register_are_imported_and_reported() -> None:
    factories.establishment(local_authority="Reading")

    report = term_dates_import(LOCAL_AUTHORITIES)

    assert report.unmatched == ("Wokingham",)
    assert TermCalendar.objects.count() == 2


@pytest.mark.django_db
def test_windows_1252_and_a_utf8_byte_order_mark_are_both_read() -> None:
    row = "local_authority,Reading,Half-term \u2013 autumn,2025-10-27,2025-10-31,holiday\n"
    cp1252 = term_dates_import((HEADER + row).encode("cp1252"))
    assert cp1252.encoding == "Windows-1252"
    assert CalendarHoliday.objects.get().name == "Half-term \u2013 autumn"

    with_bom = term_dates_import((HEADER + row).encode("utf-8-sig"))
    assert (with_bom.encoding, with_bom.unchanged) == ("UTF-8", ("Reading",))


@pytest.mark.django_db
def test_words_are_read_whatever_their_case_and_spacing_and_extra_columns_are_ignored() -> None:
    report = term_dates_import(
        csv_bytes(
            " School , 9100001 , Easter holiday 2026 ,2026-04-06, 2026-04-17 , Holiday ,a note",
            header="scope,authority_or_urn,name,first_day,last_day,kind,notes\n",
        )
    )

    assert report.created == (f"URN {SCHOOL_URN}",)
    assert stored()[0]["holidays"] == [(dt.date(2026, 4, 6), dt.date(2026, 4, 17), "Easter holiday 2026", "holiday")]


# Refusing

READING = "local_authority,Reading"
BAD_VALUES = {
    "unknown scope": (
        [f"{READING},Easter,2026-03-30,2026-04-10,holiday", "county,Reading,Easter,2026-03-30,2026-04-10,holiday"],
        'line 3, column "scope": the scope is local_authority or school',
    ),
    "URN not a whole number": (
        ["school,110033.5,Easter,2026-03-30,2026-04-10,holiday"],
        'line 2, column "authority_or_urn": a school\'s URN is a whole number',
    ),
    "URN of letters": (
        ["school,URN110033,Easter,2026-03-30,2026-04-10,holiday"],
        'line 2, column "authority_or_urn": a school\'s URN is a whole number',
    ),
    "local authority left blank": (
        ["local_authority,,Easter,2026-03-30,2026-04-10,holiday"],
        'line 2, column "authority_or_urn": name the local authority',
    ),
    "date not ISO": (
        [f"{READING},Easter,30/03/2026,2026-04-10,holiday"],
        'line 2, column "first_day": write the date as YYYY-MM-DD',
    ),
    "no such date": (
        [f"{READING},Half-term,2026-02-16,2026-02-30,holiday"],
        'line 2, column "last_day": there is no such date',
    ),
    "last day before the first": (
        [f"{READING},Easter,2026-04-10,2026-03-30,holiday"],
        'line 2, column "last_day": the last day is before the first day',
    ),
    "unknown kind": (
        [f"{READING},Easter,2026-03-30,2026-04-10,vacation"],
        'line 2, column "kind": the kind is holiday or closure',
    ),
    "no name": (
        [f"{READING}, ,2026-03-30,2026-04-10,holiday"],
        'line 2, column "name": every period needs a name',
    ),
    "overlapping periods": (
        [
            f"{READING},Easter holiday,2026-03-30,2026-04-10,holiday",
            f"{READING},Training day,2026-04-20,2026-04-20,closure",
            f"{READING},Easter extension,2026-04-09,2026-04-14,holiday",
        ],
        'line 4, column "first_day": this period overlaps "Easter holiday" .*line 2.* in the calendar for Reading',
    ),
    "a period starting on the day another ends": (
        [f"{READING},Easter,2026-03-30,2026-04-10,holiday", f"{READING},Training day,2026-04-10,2026-04-10,closure"],
        'line 3, column "first_day": this period overlaps "Easter"',
    ),
    "the same period twice": (
        [f"{READING},Easter,2026-03-30,2026-04-10,holiday", f"{READING},Easter,2026-03-30,2026-04-10,holiday"],
        'line 3, column "first_day": this period overlaps "Easter"',
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("rows", "message"), BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_a_bad_value_refuses_the_whole_file_naming_its_line_and_column(rows: list[str], message: str) -> None:
    term_dates_import(LOCAL_AUTHORITIES, now=IMPORTED_AT)
    before = stored()
    good_rows = ["local_authority,Slough,Easter holiday 2026,2026-03-30,2026-04-10,holiday"]

    with pytest.raises(RowsRefused) as refused:
        term_dates_import(csv_bytes(*rows, *good_rows))

    problems = [str(problem) for problem in refused.value.problems]
    assert len(problems) == 1
    assert re.search(message, problems[0])
    assert stored() == before
    assert not TermCalendar.objects.filter(local_authority="Slough").exists()


@pytest.mark.django_db
def test_a_period_may_start_the_day_after_another_ends() -> None:
    report = term_dates_import(
        csv_bytes(
            f"{READING},Easter,2026-03-30,2026-04-10,holiday",
            f"{READING},Training day,2026-04-11,2026-04-13,closure",
        )
    )

    assert report.holidays_read == 2


@pytest.mark.django_db
def test_periods_in_different_calendars_may_share_dates() -> None:
    report = term_dates_import(
        csv_bytes(
            f"{READING},Easter,2026-03-30,2026-04-10,holiday",
            "school,110033,Easter,2026-03-30,2026-04-10,holiday",
            "local_authority,Slough,Easter,2026-03-30,2026-04-10,holiday",
        )
    )

    assert report.created == ("Reading", "Slough", "URN 110033")


VALID = csv_bytes(f"{READING},Easter holiday 2026,2026-03-30,2026-04-10,holiday")
FILE_REFUSALS = {
    "empty": (b"", "the file is empty"),
    "blank lines only": (b"\n\n", "the file is empty"),
    "header only": (HEADER.encode(), "line 1: the file has a header but no rows"),
    "missing column": (
        b"scope,authority_or_urn,name,first_day,last_day\nlocal_authority,Reading,Easter,2026-03-30,2026-04-10\n",
        'line 1: the header lacks "kind"',
    ),
    "short row": (
        VALID + b"local_authority,Reading,Summer half-term\n",
        "line 3: this row has 3 fields where the header",
    ),
    "gzip": (gzip.compress(VALID), "the file is gzip-compressed"),
    "zip (an Excel workbook)": (b"", "the file is a ZIP archive"),  # replaced below by a real archive
    "UTF-16": (VALID.decode().encode("utf-16"), "the file is UTF-16 text"),
    "NUL byte": (VALID + b"local_authority,Read\x00ing,Easter,2026-03-30,2026-04-10,holiday\n", "line 3: .*NUL byte"),
    "neither UTF-8 nor Windows-1252": (VALID.replace(b"Reading", b"Read\x81ng"), "line 2: byte 0x81"),
}


def zip_of(content: bytes) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("terms.csv", content)
    return archive.getvalue()


FILE_REFUSALS["zip (an Excel workbook)"] = (zip_of(VALID), "the file is a ZIP archive")


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "message"), FILE_REFUSALS.values(), ids=FILE_REFUSALS.keys())
def test_a_file_that_is_not_term_dates_csv_is_refused_and_nothing_changes(content: bytes, message: str) -> None:
    term_dates_import(LOCAL_AUTHORITIES, now=IMPORTED_AT)
    before = stored()

    with pytest.raises(ImportRefused, match=message):
        term_dates_import(content)

    assert stored() == before


@pytest.mark.django_db
def test_every_bad_value_in_the_file_is_listed_in_line_order() -> None:
    with pytest.raises(RowsRefused) as refused:
        term_dates_import(
            csv_bytes(
                f"{READING},Easter,2026-04-10,2026-03-30,holiday",
                "school,abc,Summer,2026-07-22,2026-07-32,break",
            )
        )

    assert [(p.line, p.column) for p in refused.value.problems] == [
        (2, "last_day"),
        (3, "authority_or_urn"),
        (3, "last_day"),
        (3, "kind"),
    ]


# The calendar a school's deadlines are counted in


@pytest.mark.django_db
def test_a_school_calendar_overrides_the_local_authority_which_overrides_the_default() -> None:
    own = factories.establishment(urn=SCHOOL_URN, local_authority="Reading")
    neighbour = factories.establishment(local_authority="Reading")
    elsewhere = factories.establishment(local_authority="Slough")
    term_dates_import(LOCAL_AUTHORITIES)
    term_dates_import(ONE_SCHOOL)
    easter_monday_week = dt.date(2026, 4, 14)  # Tuesday: the school's Easter holiday, after Reading's ended
    reading_easter = dt.date(2026, 4, 1)  # Wednesday: Reading's Easter holiday, a school day at the school

    mine, theirs, default = school_calendar(own), school_calendar(neighbour), school_calendar(elsewhere)

    assert mine.source == "The school's own term dates (imported from one_school.csv)"
    assert (mine.illustrative, mine.calendar.is_working_day(easter_monday_week)) == (False, False)
    assert mine.calendar.is_working_day(reading_easter)
    assert theirs.source == "Reading's term dates (imported from local_authorities.csv)"
    assert (theirs.calendar.is_working_day(easter_monday_week), theirs.calendar.is_working_day(reading_easter)) == (
        True,
        False,
    )
    assert (default.source, default.illustrative) == (ILLUSTRATIVE_NOTICE, True)
    assert default.calendar.school_holidays == DEFAULT_ENGLAND_HOLIDAYS


@pytest.mark.django_db
def test_the_calendar_for_a_urn_is_the_same_as_for_its_school() -> None:
    school = factories.establishment(local_authority="Wokingham")
    term_dates_import(LOCAL_AUTHORITIES)

    assert school_calendar_for_urn(school.urn) == school_calendar(school)
    assert school_calendar_for_urn(school.urn).source.startswith("Wokingham's term dates")
    assert school_calendar_for_urn(8_999_999).illustrative  # not in the register, no calendar of its own


@pytest.mark.django_db
def test_bank_holidays_always_count_whichever_calendar_a_school_has() -> None:
    reading = factories.establishment(local_authority="Reading")
    elsewhere = factories.establishment(local_authority="Slough")
    term_dates_import(LOCAL_AUTHORITIES)
    early_may = dt.date(2026, 5, 4)  # early May bank holiday, in term time
    boxing_day_2031 = dt.date(2031, 12, 26)  # beyond the bundled official list: from the rules

    for calendar in (school_calendar(reading).calendar, school_calendar(elsewhere).calendar):
        assert not calendar.is_working_day(early_may)
        assert not calendar.is_working_day(boxing_day_2031)
        assert calendar.add_working_days(dt.date(2026, 5, 1), 1) == dt.date(2026, 5, 5)


@pytest.mark.django_db
def test_a_two_week_easter_holiday_stops_the_clock_but_a_half_term_week_does_not() -> None:
    school = factories.establishment(local_authority="Reading")
    term_dates_import(LOCAL_AUTHORITIES)
    calendar = school_calendar(school).calendar

    assert not calendar.is_working_day(dt.date(2026, 4, 8))  # Easter holiday: 10 weekdays
    assert calendar.is_working_day(dt.date(2026, 2, 18))  # spring half-term: 5 weekdays
    # Friday 27 March 2026, the last day of term: five working days later is after the whole Easter holiday.
    assert calendar.add_working_days(dt.date(2026, 3, 27), 5) == dt.date(2026, 4, 17)
    # Friday 13 February 2026: the half-term week counts, so five working days later is its Friday.
    assert calendar.add_working_days(dt.date(2026, 2, 13), 5) == dt.date(2026, 2, 20)


@pytest.mark.django_db
def test_a_one_day_closure_is_not_a_working_day() -> None:
    school = factories.establishment(urn=SCHOOL_URN)
    term_dates_import(ONE_SCHOOL)

    calendar = school_calendar(school).calendar

    assert not calendar.is_working_day(dt.date(2026, 6, 1))
    assert calendar.add_working_days(dt.date(2026, 5, 29), 1) == dt.date(2026, 6, 2)


@pytest.mark.django_db
def test_finding_a_school_calendar_takes_at_most_two_queries(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    school = factories.establishment(urn=SCHOOL_URN, local_authority="Reading")
    term_dates_import(LOCAL_AUTHORITIES)
    term_dates_import(ONE_SCHOOL)

    with django_assert_max_num_queries(2):
        school_calendar(school)
    with django_assert_max_num_queries(2):
        school_calendar_for_urn(SCHOOL_URN)


# The command


@pytest.mark.django_db
def test_the_command_reports_what_it_created_then_that_nothing_changed() -> None:
    first = run(LOCAL_AUTHORITIES)
    again = run(LOCAL_AUTHORITIES)

    assert first.splitlines()[:3] == [
        "Imported local_authorities.csv (UTF-8): 8 holidays and closures read in 2 calendars.",
        "Calendars: 2 created, 0 replaced, 0 unchanged.",
        "  created: Reading, Wokingham",
    ]
    assert "Calendars: 0 created, 0 replaced, 2 unchanged." in again
    assert "Calendars naming no local authority or school in the register" in first


@pytest.mark.django_db
def test_the_command_dry_run_says_nothing_was_written() -> None:
    output = run(LOCAL_AUTHORITIES, "--dry-run")

    assert "Checked local_authorities.csv" in output
    assert "Calendars, if imported: 2 created, 0 replaced, 0 unchanged." in output
    assert output.splitlines()[-1] == "Dry run: nothing was written."
    assert TermCalendar.objects.count() == 0


@pytest.mark.django_db
def test_the_command_refuses_a_bad_file_with_every_problem_and_a_non_zero_status(tmp_path: Path) -> None:
    run(LOCAL_AUTHORITIES)
    before = stored()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(f"{READING},Easter,2026-03-30,2026-04-10,holiday", "school,x,Easter,2026-04-01,,"))

    with pytest.raises(CommandError) as refused:
        run(bad)

    assert refused.value.returncode == 1
    assert str(refused.value).splitlines() == [
        "Refused bad.csv: 1 row(s) have bad values, so nothing was imported:",
        "  line 3, column \"authority_or_urn\": a school's URN is a whole number, such as 110033 (found 'x')",
        "  line 3, column \"last_day\": write the date as YYYY-MM-DD, such as 2026-03-30 (found '')",
        "  line 3, column \"kind\": the kind is holiday or closure (found '')",
        "Fix the file and run the command again.",
    ]
    assert stored() == before


@pytest.mark.django_db
def test_the_command_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"^Refused absent\.csv: cannot read .*No such file"):
        run(tmp_path / "absent.csv")
    (tmp_path / "empty.csv").touch()
    with pytest.raises(CommandError, match=r"^Refused empty\.csv: the file is empty\. Nothing was imported\.$"):
        run(tmp_path / "empty.csv")
