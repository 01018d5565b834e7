import datetime as dt
from dataclasses import replace

import pytest

from inspectorate.domain.register.catalogue import OFFICIAL_STATISTICS_2025, REGISTER_MAPPINGS
from inspectorate.domain.register.columns import Limits
from inspectorate.domain.register.errors import RowProblem
from inspectorate.domain.register.files import read_register
from inspectorate.domain.register.mappings import ColumnMapping, mapping_for
from inspectorate.domain.register.outcodes import OutcodeCentres
from inspectorate.domain.register.records import RegisterRow
from inspectorate.domain.register.register_readings import RegisterReading
from inspectorate.domain.register.register_rows import RegisterRowReader, RowRejected
from inspectorate.domain.register.tables import table_of
from tests.conftest import SHIPPED_DATA
from tests.register_samples import SAMPLE_URNS, CsvSample, register_sample

CENTRES = OutcodeCentres.from_csv((SHIPPED_DATA / "uk_postcode_outcode_centroids.csv").read_text())
SAMPLE = register_sample()
CAVERSHAM_LINE = 9  # 109778 is the 8th row


def read(sample: CsvSample = SAMPLE, *, limits: Limits | None = None) -> RegisterReading:
    table = table_of(sample.text())
    return read_register(
        table, mapping_for(table.header, REGISTER_MAPPINGS), locate=CENTRES.locate, limits=limits or {}
    )


def row_of(reading: RegisterReading, urn: int) -> RegisterRow:
    return next(row for row in reading.records if row.establishment.urn == urn)


def inspections_of(reading: RegisterReading, urn: int) -> dict[str, dict[str, object]]:
    return {i.inspection_number: dict(i.values) for i in row_of(reading, urn).inspections}


def test_every_sample_row_is_read() -> None:
    reading = read()
    assert (reading.rows_read, len(reading.records), reading.problems) == (SAMPLE_URNS, SAMPLE_URNS, ())


def test_the_establishment_takes_its_fields_and_a_location_from_its_postcode_district() -> None:
    school = row_of(read(), 109778).establishment
    assert school.line == CAVERSHAM_LINE
    assert school.values["name"] == "Caversham Primary School"
    assert school.values["type_group"] == "Maintained school"
    assert school.values["local_authority"] == "Reading"
    assert school.values["pupils"] == 406
    assert school.values["open_date"] is None
    assert school.values["warning_notices"] is None
    assert (school.values["latitude"], school.values["longitude"]) == CENTRES.centres["RG4"]
    assert school.located


def test_a_school_in_a_district_missing_from_the_list_has_no_location() -> None:
    school = row_of(read(), 139837).establishment
    assert school.values["postcode"].startswith("N1C")  # type: ignore[attr-defined]
    assert (school.values["latitude"], school.values["longitude"]) == (None, None)
    assert not school.located


def test_the_latest_and_previous_graded_inspections_are_recorded_with_the_framework_of_their_date() -> None:
    history = inspections_of(read(), 109778)
    latest, previous = history["10299286"], history["10242325"]
    assert latest["kind"] == "graded"
    assert latest["start_date"] == dt.date(2023, 6, 21)
    assert latest["framework"] == "eif-2019"
    assert latest["inspection_type"] == "Schools with Serious Weaknesses Visit 1"
    assert (latest["overall_effectiveness"], latest["safeguarding"], latest["sixth_form"]) == ("2", "Yes", "9")
    assert (previous["overall_effectiveness"], previous["category_of_concern"]) == ("4", "SWK")
    assert previous["safeguarding"] == "No"


def test_the_previous_graded_inspection_leaves_out_the_type_columns_it_does_not_have() -> None:
    previous = inspections_of(read(), 109778)["10242325"]
    assert "inspection_type" not in previous
    assert "event_grouping" not in previous


def test_an_inspection_before_september_2019_is_under_the_earlier_frameworks() -> None:
    previous = inspections_of(read(), 102579)
    assert {v["framework"] for v in previous.values() if v.get("category_of_concern") == "NTI"} == {"pre-2019"}


def test_a_graded_inspection_from_september_2024_has_no_overall_grade() -> None:
    latest = next(v for v in inspections_of(read(), 100032).values() if v["overall_effectiveness"] == "Not judged")
    assert latest["framework"] == "eif-2024"


def test_the_latest_ungraded_inspection_is_recorded_with_its_outcome() -> None:
    ungraded = [v for v in inspections_of(read(), 100181).values() if v["kind"] == "ungraded"]
    assert [v["ungraded_outcome"] for v in ungraded] == ["School remains Good (Concerns) - S5 Next"]
    assert ungraded[0]["converted_to_graded"] is False


def test_an_ungraded_inspection_that_converted_is_one_record_with_the_graded_one() -> None:
    history = inspections_of(read(), 101858)
    assert set(history) == {"10293223", "ITS425492"}
    converted = history["10293223"]
    assert converted["kind"] == "graded"
    assert converted["converted_to_graded"] is True
    assert converted["event_grouping"] == "Schools \N{EN DASH} Section 8 conversion"
    assert converted["start_date"] == dt.date(2023, 5, 25)  # the graded start date, not the ungraded one


def test_inspections_of_a_predecessor_school_are_filed_under_the_current_urn() -> None:
    latest = next(v for v in inspections_of(read(), 137298).values() if not v["relates_to_current_urn"])
    assert latest["urn_at_time"] != 137298


def test_a_school_never_inspected_has_no_inspections() -> None:
    assert row_of(read(), 143716).inspections == ()


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        ("Inspection start date", "31/02/2023", "not a date in the form dd/mm/yyyy"),
        ("Publication date", "July 2023", "not a date"),
        ("Quality of education", "5", "unknown grade code"),
        ("URN", "1O9778", "not a whole number"),
        ("Category of concern", "RI", "unknown category of concern"),
        ("Safeguarding is effective?", "Effective", "unknown safeguarding value"),
        ("Previous safeguarding is effective?", "yes", "unknown safeguarding value"),
        ("Total number of pupils", "four hundred", "not a whole number"),
        ("School open date", "2012-09-01", "not a date"),
    ],
)
def test_a_bad_value_is_reported_with_its_line_and_column(column: str, cell: str, reason: str) -> None:
    reading = read(SAMPLE.changed("109778", {column: cell}))
    [problem] = reading.problems
    assert (problem.line, problem.column, problem.value) == (CAVERSHAM_LINE, column, cell)
    assert reason in problem.reason
    assert len(reading.records) == SAMPLE_URNS - 1
    assert reading.rejected_rows == 1


def test_an_unknown_ungraded_outcome_is_reported() -> None:
    reading = read(SAMPLE.changed("100181", {"Ungraded inspection overall outcome": "School remains good"}))
    assert [p.column for p in reading.problems] == ["Ungraded inspection overall outcome"]


def test_every_bad_value_in_a_row_is_reported() -> None:
    reading = read(SAMPLE.changed("109778", {"Quality of education": "X", "Previous publication date": "soon"}))
    assert [p.column for p in reading.problems] == ["Quality of education", "Previous publication date"]
    assert reading.rejected_rows == 1


def test_an_inspection_with_a_number_but_no_start_date_is_reported() -> None:
    reading = read(SAMPLE.changed("109778", {"Previous inspection start date": ""}))
    assert [(p.column, p.reason) for p in reading.problems] == [
        ("Previous inspection start date", "the inspection has no start date")
    ]


def test_an_inspection_with_a_start_date_but_no_number_is_reported() -> None:
    reading = read(SAMPLE.changed("109778", {"Previous inspection number": ""}))
    assert [p.column for p in reading.problems] == ["Previous inspection number"]


def test_a_urn_repeated_in_the_file_is_reported_on_its_later_line() -> None:
    repeated = CsvSample(SAMPLE.header, (*SAMPLE.rows, SAMPLE.rows[7]))
    reading = read(repeated)
    [problem] = reading.problems
    assert (problem.line, problem.column, problem.reason) == (SAMPLE_URNS + 2, "URN", f"repeats line {CAVERSHAM_LINE}")


def test_text_longer_than_the_register_keeps_is_reported() -> None:
    reading = read(limits={"establishment.name": 10})
    assert {p.column for p in reading.problems} == {"School name"}
    assert "at most 10" in reading.problems[0].reason


def read_row_by_row(
    sample: CsvSample, mapping: ColumnMapping = OFFICIAL_STATISTICS_2025
) -> tuple[list[RegisterRow], list[RowProblem]]:
    """The reference: each row read on its own, a URN's first good row kept."""
    table = table_of(sample.text())
    reader = RegisterRowReader(mapping, table.header, locate=CENTRES.locate, limits={})
    rows: list[RegisterRow] = []
    problems: list[RowProblem] = []
    first_seen: dict[int, int] = {}
    for line, cells in table.rows:
        try:
            row = reader.read(line, cells)
        except RowRejected as rejected:
            problems += rejected.problems
            continue
        if row.establishment.urn in first_seen:
            urn = row.establishment.urn
            problems.append(RowProblem(line, "URN", str(urn), f"repeats line {first_seen[urn]}"))
            continue
        first_seen[row.establishment.urn] = line
        rows.append(row)
    return rows, problems


def test_reading_by_columns_gives_the_records_and_problems_of_reading_row_by_row() -> None:
    edited = CsvSample(SAMPLE.header, (*SAMPLE.rows, SAMPLE.rows[3], SAMPLE.rows[7]))
    edited = (
        edited.changed("100009", {"Inspection start date": "1/6/2023", "URN": " 100009 "})  # row reader only
        .changed("101858", {"Quality of education": "7", "Total number of pupils": "many"})
        .changed("139837", {"Previous inspection number": "", "Postcode": "RG4 7RA"})
        .changed("143716", {"Inspection number of latest graded inspection": "10400001"})
        .changed("103427", {"Previous inspection number": "10400002", "Previous inspection start date": "01/02/2020"})
    )

    reading = read(edited)
    rows, problems = read_row_by_row(edited)

    assert list(reading.records) == rows
    assert list(reading.problems) == problems
    assert reading.rejected_rows == 5  # three bad rows, two repeated schools


def test_inspections_of_two_parts_giving_the_same_fields_are_all_kept() -> None:
    untyped = ("Inspection type", "Inspection type grouping", "Event type grouping")
    columns = {column: target for column, target in OFFICIAL_STATISTICS_2025.columns.items() if column not in untyped}
    mapping = replace(OFFICIAL_STATISTICS_2025, version=99, columns=columns)
    table = table_of(SAMPLE.text())

    reading = read_register(table, mapping, locate=CENTRES.locate, limits={})

    rows, problems = read_row_by_row(SAMPLE, mapping)
    assert list(reading.records) == rows
    assert (reading.problems, problems) == ((), [])
