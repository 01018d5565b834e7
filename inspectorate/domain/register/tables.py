"""CSV text as a header and numbered rows, refusing a file whose structure is broken.

Rows are read lazily, so a progress bar can follow them; a structural fault anywhere (a row cut short, a quote
never closed) still refuses the whole file, because the caller reads every row before writing anything.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from inspectorate.domain.register.errors import FileRefused

type NumberedRow = tuple[int, list[str]]  # the line the row starts on (the header is line 1), and its cells


class CsvReader(Protocol):
    @property
    def line_num(self) -> int: ...
    def __iter__(self) -> Iterator[list[str]]: ...
    def __next__(self) -> list[str]: ...


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: Iterator[NumberedRow]
    lines: int  # physical lines, header included

    @property
    def expected_rows(self) -> int:
        """A total for a progress bar: exact unless a quoted cell holds a line break."""
        return max(self.lines - 1, 1)


def table_of(text: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = _header(reader)
    lines = text.count("\n") + (not text.endswith("\n"))
    return Table(header=header, rows=_rows(reader, len(header)), lines=lines)


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
