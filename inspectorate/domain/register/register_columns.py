"""Reading a register file column by column (see cell_columns): the same records as reading it row by row
(register_rows), in a fraction of the time. The columns settle almost every row; a row they cannot settle (a bad
value, an inspection missing its number or start date, two inspections sharing a number) is left to the row
reader, which says exactly what is wrong, or merges the shared inspection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from inspectorate.domain.register.cell_columns import bad_of, read_columns, stripped, value_of
from inspectorate.domain.register.columns import ColumnReader
from inspectorate.domain.register.mappings import Conventions
from inspectorate.domain.register.record_frames import LINE, POSITION, RecordFrame
from inspectorate.domain.register.register_rows import InspectionColumns, Locate, RegisterRowReader, framework_code
from inspectorate.domain.register.tables import Table

URN = "urn"
PLACE = ("latitude", "longitude")
ESTABLISHMENT_KEY = (URN,)
INSPECTION_KEY = (URN, "inspection_number")
DERIVED = ("kind", "framework")  # what the reader adds to an inspection's own fields


@dataclass(frozen=True)
class SettledRows:
    establishments: RecordFrame
    inspections: tuple[RecordFrame, ...]  # one per part of the row (latest graded, ...)
    unsettled: list[int]  # the rows (by index) for the row reader


def settled_rows(table: Table, reader: RegisterRowReader, conventions: Conventions, locate: Locate) -> SettledRows:
    parts = reader.inspections
    readers = [*reader.establishment, *(column for part in parts for column in part.readers)]
    present = table.cells.select(_present(part, conventions).alias(_present_name(k)) for k, part in enumerate(parts))
    read = pl.concat([read_columns(table.cells, readers, conventions), present], how="horizontal").with_columns(
        table.row_lines.alias(LINE)
    )
    unsettled = read.select(_unsettled(reader)).to_series()
    settled = read.filter(~unsettled) if unsettled.any() else read
    urn = next(column for column in reader.establishment if column.field == URN)
    return SettledRows(
        establishments=_establishments(settled, reader, locate),
        inspections=tuple(_inspections(settled, k, part, value_of(urn)) for k, part in enumerate(parts)),
        unsettled=unsettled.arg_true().to_list(),
    )


def _present(part: InspectionColumns, conventions: Conventions) -> pl.Expr:
    """Whether the row has this inspection: its number or start date is there (see the row reader)."""
    nulls = list(conventions.null_tokens)
    return ~(stripped(part.number.position).is_in(nulls) & stripped(part.start.position).is_in(nulls))


def _present_name(part: int) -> str:
    return f"present {part}"


def _unsettled(reader: RegisterRowReader) -> pl.Expr:
    parts = reader.inspections
    doubts = [pl.any_horizontal(bad_of(column) for column in reader.establishment)]
    for k, part in enumerate(parts):
        incomplete = (pl.col(value_of(part.number)) == "") | pl.col(value_of(part.start)).is_null()
        doubts.append(pl.col(_present_name(k)) & (_any_bad(part.readers) | incomplete))
        doubts += [  # sharing a number with an earlier part: one inspection, merged by the row reader
            pl.col(_present_name(j)) & pl.col(_present_name(k)) & (_number(parts[j]) == _number(part)) for j in range(k)
        ]
    return pl.any_horizontal(doubts)


def _any_bad(columns: Sequence[ColumnReader]) -> pl.Expr:
    return pl.any_horizontal(bad_of(column) for column in columns)


def _number(part: InspectionColumns) -> pl.Expr:
    return pl.col(value_of(part.number))


def _establishments(settled: pl.DataFrame, reader: RegisterRowReader, locate: Locate) -> RecordFrame:
    fields = tuple(column.field for column in reader.establishment)
    frame = settled.select(*(pl.col(value_of(column)).alias(column.field) for column in reader.establishment), LINE)
    if "postcode" in fields:
        frame = _placed(frame, locate)
        fields += PLACE
    return RecordFrame(key=ESTABLISHMENT_KEY, fields=fields, frame=frame.select(*fields, LINE))


def _placed(frame: pl.DataFrame, locate: Locate) -> pl.DataFrame:
    """Each school's latitude and longitude from its postcode, asking `locate` once per distinct postcode."""
    postcodes = frame.get_column("postcode").unique()
    points = [locate(postcode) for postcode in postcodes.to_list()]
    coordinates = [
        pl.Series(name, [point[axis] if point is not None else None for point in points], dtype=pl.Float64)
        for axis, name in enumerate(PLACE)
    ]
    return frame.with_columns(
        pl.col("postcode").replace_strict(postcodes, series, default=None).alias(series.name) for series in coordinates
    )


def _inspections(settled: pl.DataFrame, k: int, part: InspectionColumns, urn: str) -> RecordFrame:
    fields = tuple(column.field for column in part.readers) + DERIVED
    rows = settled.filter(pl.col(_present_name(k)))
    starts = rows.get_column(value_of(part.start)).unique()
    frameworks = pl.Series([framework_code(start) for start in starts.to_list()], dtype=pl.String)
    earlier = [pl.col(_present_name(j)).cast(pl.Int64) for j in range(k)]
    frame = rows.select(
        *(pl.col(value_of(column)).alias(column.field) for column in part.readers),
        pl.lit(part.kind.value).alias("kind"),
        pl.col(value_of(part.start)).replace_strict(starts, frameworks, default=None).alias("framework"),
        pl.col(urn).alias(URN),
        pl.col(LINE),
        (pl.sum_horizontal(earlier) if earlier else pl.lit(0, dtype=pl.Int64)).alias(POSITION),
    )
    return RecordFrame(key=INSPECTION_KEY, fields=fields, frame=frame)
