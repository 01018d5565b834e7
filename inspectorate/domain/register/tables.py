"""CSV text as a header and columns of cells, each row numbered by the line it starts on, refusing a file whose
structure is broken.

A plain file (see plain_lines) is parsed by polars, column by column, in a fraction of the time Python's csv
module takes; any other file by the csv module, row by row, which names the line of a fault exactly. Either way
every row is read, and a structural fault anywhere refuses the whole file, before anything is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

import polars as pl

from inspectorate.domain.register.errors import FileRefused
from inspectorate.domain.register.plain_lines import plain_line_count

type NumberedRow = tuple[int, list[str]]  # the line the row starts on (the header is line 1), and its cells


class CsvReader(Protocol):
    @property
    def line_num(self) -> int: ...
    def __iter__(self) -> Iterator[list[str]]: ...
    def __next__(self) -> list[str]: ...


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    cells: pl.DataFrame  # one text column per header column, by position (see cell_column), cells as written
    row_lines: pl.Series  # the line each row starts on
    lines: int  # physical lines, header included

    @property
    def rows(self) -> Iterator[NumberedRow]:
        return zip(self.row_lines.to_list(), (list(row) for row in self.cells.iter_rows()), strict=True)

    @property
    def row_count(self) -> int:
        return self.cells.height

    @property
    def expected_rows(self) -> int:
        """A total for a progress bar: exact unless a quoted cell holds a line break."""
        return max(self.lines - 1, 1)


def cell_column(position: int) -> str:
    """The name of the header's `position`th column among a table's cells (header names may repeat)."""
    return f"column {position}"


def table_of(text: str, *, utf8: bytes | None = None) -> Table:
    """The table in `text`; `utf8` is the same text encoded, when the caller has it already."""
    lines = text.count("\n") + (not text.endswith("\n"))
    content = text.encode() if utf8 is None else utf8
    return _plain_table(text, content, lines) or _careful_table(text, lines)


def _plain_table(text: str, content: bytes, lines: int) -> Table | None:
    end = text.find("\n")
    first_line = text[:end] if end != -1 else text
    try:  # the header alone; if its line is not plain, plain_line_count says so below
        header = _header(csv.reader([first_line.removesuffix("\r")], strict=True))
    except FileRefused:
        return None  # the careful reading refuses it, with the same words
    if lines == 1 or plain_line_count(content, len(header)) != lines:
        return None  # a header alone is refused by the careful reading
    names = [cell_column(position) for position in range(len(header))]
    try:
        cells = pl.read_csv(content, has_header=False, skip_lines=1, infer_schema=False, new_columns=names)
    except pl.exceptions.PolarsError:
        return None
    if cells.height != lines - 1:
        return None
    # An empty field is read as missing; the csv module reads "" (and a plain row has every field).
    cells = cells.with_columns(pl.all().fill_null(""))
    return Table(header=header, cells=cells, row_lines=pl.int_range(2, lines + 1, eager=True), lines=lines)


def _careful_table(text: str, lines: int) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = _header(reader)
    numbered = list(_rows(reader, len(header)))
    columns = zip(*(cells for _, cells in numbered), strict=True)
    cells = pl.DataFrame(
        [pl.Series(cell_column(position), column, dtype=pl.String) for position, column in enumerate(columns)]
    )
    row_lines = pl.Series([line for line, _ in numbered], dtype=pl.Int64)
    return Table(header=header, cells=cells, row_lines=row_lines, lines=lines)


def _header(reader: CsvReader) -> tuple[str, ...]:
    try:
        cells = next(reader, [])
    except csv.Error as error:
        raise FileRefused(f"the header cannot be read as CSV ({error})", line=1) from None
    header = tuple(cell.strip() for cell in cells)
    if not any(header):
        raise FileRefused("the first line is blank: expected a header naming the columns", line=1)
    return header


def _rows(reader: CsvReader, width: int) -> Iterator[NumberedRow]:
    start = reader.line_num + 1
    count = 0
    try:
        for cells in reader:
            if cells:  # a blank line carries nothing: skip it rather than refuse the file
                if len(cells) != width:
                    raise FileRefused(_width_reason(len(cells), width), line=start)
                count += 1
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        reason = f"this row cannot be read as CSV ({error}): a quote is never closed, or the file is cut short"
        raise FileRefused(reason, line=start) from None
    if not count:
        raise FileRefused("the file has a header but no rows", line=1)


def _width_reason(found: int, width: int) -> str:
    cut = "the file is cut short, or a row is broken" if found < width else "a cell holds an unquoted comma"
    return f"this row has {found} fields where the header has {width}: {cut}"
