"""A new file layout is a new mapping, not new code: a management-information style file (renamed columns,
missing values written as NULL, ISO dates, grades in words) reads to exactly the same records."""

import datetime as dt
import re

from inspectorate.domain.register.catalogue import OFFICIAL_STATISTICS_2025
from inspectorate.domain.register.files import read_register
from inspectorate.domain.register.mappings import ColumnMapping, Conventions, mapping_for
from inspectorate.domain.register.tables import table_of
from tests.register_samples import CsvSample, register_sample

RENAMED = {
    "Inspection start date": "Inspection start date of latest OEIF graded inspection",
    "Overall effectiveness": "Latest OEIF overall effectiveness",
    "Number of warning notices issued in 2024/25 academic year": "Warning notices issued in 2025/26",
}
IN_WORDS = {"1": "Outstanding", "2": "Good", "3": "Requires improvement", "4": "Inadequate"}
MANAGEMENT_INFORMATION = ColumnMapping(
    name="ofsted-management-information-latest-inspections",
    version=1,
    effective=dt.date(2025, 10, 31),
    describes="Ofsted management information, state-funded schools, latest inspections",
    columns={RENAMED.get(column, column): target for column, target in OFFICIAL_STATISTICS_2025.columns.items()},
    conventions=Conventions(null_tokens=frozenset({"", "NULL"}), date_formats=("%Y-%m-%d",)),
    value_aliases={"latest_graded.overall_effectiveness": {words: code for code, words in IN_WORDS.items()}},
)
DAY_MONTH_YEAR = re.compile(r"^(\d\d)/(\d\d)/(\d{4})$")


def as_management_information(sample: CsvSample) -> CsvSample:
    overall = sample.header.index("Overall effectiveness")

    def cell(index: int, value: str) -> str:
        if index == overall:
            value = IN_WORDS.get(value, value)
        return DAY_MONTH_YEAR.sub(r"\3-\2-\1", value) or "NULL"

    return CsvSample(
        header=tuple(RENAMED.get(column, column) for column in sample.header),
        rows=tuple(tuple(cell(i, value) for i, value in enumerate(row)) for row in sample.rows),
    )


def records(sample: CsvSample) -> list[tuple[dict[str, object], list[dict[str, object]]]]:
    table = table_of(sample.text())
    mapping = mapping_for(table.header, [OFFICIAL_STATISTICS_2025, MANAGEMENT_INFORMATION])
    reading = read_register(table, mapping, locate=lambda postcode: None, limits={})
    assert reading.problems == ()
    return [(dict(r.establishment.values), [dict(i.values) for i in r.inspections]) for r in reading.records]


def test_a_management_information_layout_reads_to_the_same_records() -> None:
    official = register_sample()
    converted = as_management_information(official)
    assert "NULL" in converted.rows[0]
    assert records(converted) == records(official)
