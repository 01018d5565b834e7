"""A whole GIAS links file read column by column (see cell_columns), with the row reader (link_rows) for any row
a column flags, which says exactly what is wrong. A link repeated within the file is refused on its later line."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import polars as pl

from inspectorate.domain.register.cell_columns import bad_of, read_columns, value_of
from inspectorate.domain.register.errors import RowProblem
from inspectorate.domain.register.link_rows import KEY_FIELDS, LinkRowReader
from inspectorate.domain.register.mappings import ColumnMapping
from inspectorate.domain.register.record_frames import LINE, RecordFrame, first_of_each
from inspectorate.domain.register.records import LinkRecord
from inspectorate.domain.register.register_rows import RowRejected
from inspectorate.domain.register.tables import Table


@dataclass(frozen=True)
class LinksReading:
    mapping: ColumnMapping
    links: RecordFrame
    problems: tuple[RowProblem, ...]
    rows_read: int

    @property
    def rejected_rows(self) -> int:
        return len({problem.line for problem in self.problems})

    @functools.cached_property
    def records(self) -> tuple[LinkRecord, ...]:
        """The links as records, one by one (slow; for a close look at a few)."""
        return tuple(
            LinkRecord(line, values["urn"], values["link_urn"], values["link_type"], values)  # type: ignore[arg-type]
            for line, values in self.links.values()
        )


def links_reading(table: Table, mapping: ColumnMapping, reader: LinkRowReader) -> LinksReading:
    read = read_columns(table.cells, reader.readers, mapping.conventions).with_columns(table.row_lines.alias(LINE))
    unsettled = read.select(pl.any_horizontal(bad_of(column) for column in reader.readers)).to_series()
    fields = tuple(column.field for column in reader.readers)
    settled = read.filter(~unsettled).select(
        *(pl.col(value_of(column)).alias(column.field) for column in reader.readers), LINE
    )
    problems: list[RowProblem] = []
    accepted = []
    for index in unsettled.arg_true().to_list():
        line = table.row_lines[index]
        try:
            link = reader.read(line, list(table.cells.row(index)))
        except RowRejected as rejected:
            problems.extend(rejected.problems)
            continue
        accepted.append({**link.values, LINE: line})
    links = RecordFrame(KEY_FIELDS, fields, settled).joined(accepted)
    links, _ = first_of_each(links, mapping.column_for("link.link_type") or "LinkType", problems)
    return LinksReading(
        mapping=mapping,
        links=links,
        problems=tuple(sorted(problems, key=lambda problem: problem.line)),
        rows_read=table.row_count,
    )
