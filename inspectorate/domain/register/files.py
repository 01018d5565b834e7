"""Whole files: every row read (so a fault anywhere is known before anything is written), bad rows set aside
with their problems, and a key repeated within the file refused on its later line."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass

from inspectorate.domain.register.columns import Limits
from inspectorate.domain.register.errors import RowProblem
from inspectorate.domain.register.link_rows import LinkRowReader
from inspectorate.domain.register.mappings import ColumnMapping
from inspectorate.domain.register.records import LinkRecord, RegisterRow
from inspectorate.domain.register.register_rows import Locate, RegisterRowReader, RowRejected
from inspectorate.domain.register.tables import NumberedRow, Table

type Follow = Callable[[Iterator[NumberedRow]], Iterable[NumberedRow]]  # e.g. a progress bar around the rows


@dataclass(frozen=True)
class Reading[R]:
    mapping: ColumnMapping
    records: tuple[R, ...]
    problems: tuple[RowProblem, ...]
    rows_read: int

    @property
    def rejected_rows(self) -> int:
        return len({problem.line for problem in self.problems})


def read_register(
    table: Table, mapping: ColumnMapping, *, locate: Locate, limits: Limits, follow: Follow = iter
) -> Reading[RegisterRow]:
    reader = RegisterRowReader(mapping, table.header, locate=locate, limits=limits)
    urn_column = mapping.column_for("establishment.urn") or "URN"
    return _read(table, mapping, reader.read, lambda row: row.establishment.urn, urn_column, follow)


def read_links(table: Table, mapping: ColumnMapping, *, limits: Limits, follow: Follow = iter) -> Reading[LinkRecord]:
    reader = LinkRowReader(mapping, table.header, limits=limits)
    type_column = mapping.column_for("link.link_type") or "LinkType"
    return _read(table, mapping, reader.read, lambda link: link.key, type_column, follow)


def _read[R](
    table: Table,
    mapping: ColumnMapping,
    read_row: Callable[[int, list[str]], R],
    key_of: Callable[[R], Hashable],
    key_column: str,
    follow: Follow,
) -> Reading[R]:
    records: list[R] = []
    problems: list[RowProblem] = []
    first_seen: dict[Hashable, int] = {}
    rows_read = 0
    for line, cells in follow(table.rows):
        rows_read += 1
        try:
            record = read_row(line, cells)
        except RowRejected as rejected:
            problems.extend(rejected.problems)
            continue
        key = key_of(record)
        if key in first_seen:
            problems.append(RowProblem(line, key_column, str(key), f"repeats line {first_seen[key]}"))
            continue
        first_seen[key] = line
        records.append(record)
    return Reading(mapping=mapping, records=tuple(records), problems=tuple(problems), rows_read=rows_read)
