"""Records as columns: many records that give the same fields, in one polars frame, to compare and write in
bulk. A record's values are its `fields`, as in `records`; a field a record does not give is not in its frame."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import polars as pl

from inspectorate.domain.register.errors import RowProblem

LINE = "line"  # a record frame's column for the line each record was read from
POSITION = "position"  # and, where a row gives several records, for each one's place among them


@dataclass(frozen=True)
class RecordFrame:
    """The frame holds each field, the key's columns, and `line` (and `position`, where a row gives several)."""

    key: tuple[str, ...]
    fields: tuple[str, ...]
    frame: pl.DataFrame

    @property
    def height(self) -> int:
        return self.frame.height

    def values(self) -> Iterator[tuple[int, dict[str, object]]]:
        """Each record's line and values, in order: for the few records that need looking at one by one."""
        for row in self.frame.iter_rows(named=True):
            yield row[LINE], {name: row[name] for name in self.fields}

    def joined(self, more: pl.DataFrame | Sequence[dict[str, object]]) -> RecordFrame:
        """With more records (a frame of the same columns, or mappings of them), in the order they were read."""
        if not len(more):
            return self
        if not isinstance(more, pl.DataFrame):
            more = pl.DataFrame(more, schema=self.frame.schema)
        order = [name for name in (LINE, POSITION) if name in self.frame.columns]
        return RecordFrame(self.key, self.fields, pl.concat([self.frame, more.select(self.frame.columns)]).sort(order))

    def without_lines(self, lines: pl.Series) -> RecordFrame:
        return RecordFrame(self.key, self.fields, self.frame.filter(~pl.col(LINE).is_in(lines.implode())))


def first_of_each(records: RecordFrame, key_column: str, problems: list[RowProblem]) -> tuple[RecordFrame, pl.Series]:
    """The first record with each key (in line order); a later one is a problem, naming the first line. Returns
    the records kept and the lines of those refused."""
    frame = records.frame
    key = pl.struct(records.key) if len(records.key) > 1 else pl.col(records.key[0])
    first = frame.select(key.is_first_distinct()).to_series()
    if first.all():
        return records, pl.Series(LINE, [], dtype=frame.schema[LINE])
    repeated = frame.select(key.is_duplicated()).to_series()
    firsts = frame.filter(first & repeated).iter_rows(named=True)
    first_line = {record_key(row, records.key): row[LINE] for row in firsts}
    repeats = frame.filter(~first)
    for row in repeats.iter_rows(named=True):
        found = record_key(row, records.key)
        problems.append(RowProblem(row[LINE], key_column, str(found), f"repeats line {first_line[found]}"))
    return RecordFrame(records.key, records.fields, frame.filter(first)), repeats.get_column(LINE)


def record_key(row: dict[str, object], key: Sequence[str]) -> object:
    """A record's key as the row-by-row readers give it: the value itself for a one-column key, else a tuple."""
    return row[key[0]] if len(key) == 1 else tuple(row[name] for name in key)
