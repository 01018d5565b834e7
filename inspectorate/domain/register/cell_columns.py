"""Reading a whole column of cells at once, to the values reading each cell gives (columns.read_values with the
parsers in cells), and flagging every cell that reading would refuse.

The common parsers have a column form here: a pattern, a set of codes. Any other parser, dates included, is run
once per distinct cell (a column of 22,000 cells holds a few thousand distinct dates), so its values are its own.
A flagged cell sends its row back to be read cell by cell, which gives the exact message; a column form may
flag more than its parser refuses, never less.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import repeat

import polars as pl

from inspectorate.domain.register import cells
from inspectorate.domain.register.cells import BadValue, CellParser, OneOf
from inspectorate.domain.register.columns import ColumnReader
from inspectorate.domain.register.mappings import Conventions
from inspectorate.domain.register.tables import cell_column

# The characters str.strip() removes (str.isspace), which polars' own whitespace lacks some of.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
DIGITS = r"^[0-9]+$"  # cells.count: ASCII digits only
OTHER_DIRECTIVE = re.compile(r"%[^dmY]")  # in a date format: anything but day, month and four-digit year
DATE_PARSERS: frozenset[CellParser] = frozenset({cells.date, cells.required_date})
VALUE_TYPES: dict[CellParser, pl.DataType] = dict.fromkeys(DATE_PARSERS, pl.Date())

type Kernel = Callable[[pl.Expr], tuple[pl.Expr, pl.Expr]]  # a cell column -> (its values, where it is bad)


@dataclass(frozen=True)
class Lookup:
    """A parser's verdict on each distinct cell of a column."""

    cells: pl.Series
    values: pl.Series
    refused: list[str]  # the cells the parser refuses


def stripped(position: int) -> pl.Expr:
    return pl.col(cell_column(position)).str.strip_chars(WHITESPACE)


def read_columns(table_cells: pl.DataFrame, readers: Sequence[ColumnReader], conventions: Conventions) -> pl.DataFrame:
    """For each reader, its values (named value_of) and where they are bad (named bad_of), row by row."""
    normal = table_cells.select(_normalised(reader, conventions) for reader in readers)
    lookups = {
        reader.position: _lookup(normal.get_column(cell_column(reader.position)), reader.parse, conventions)
        for reader in readers
        if _kernel(reader.parse) is None
    }
    return normal.select(
        expression
        for reader in readers
        for expression in _read(reader, pl.col(cell_column(reader.position)), lookups.get(reader.position))
    )


def value_of(reader: ColumnReader) -> str:
    return f"value {reader.position}"


def bad_of(reader: ColumnReader) -> str:
    return f"bad {reader.position}"


def _normalised(reader: ColumnReader, conventions: Conventions) -> pl.Expr:
    """The cell as a parser receives it: stripped; a null token as ""; else a value alias as its code."""
    cell = stripped(reader.position)
    aliases = reader.aliases or {}
    aliased = cell.replace(dict(aliases)) if aliases else cell
    if conventions.null_tokens == {""} and "" not in aliases:
        return aliased.alias(cell_column(reader.position))  # the only null token is already ""
    nulls = list(conventions.null_tokens)
    return pl.when(cell.is_in(nulls)).then(pl.lit("")).otherwise(aliased).alias(cell_column(reader.position))


def _read(reader: ColumnReader, cell: pl.Expr, lookup: Lookup | None) -> tuple[pl.Expr, pl.Expr]:
    kernel = _kernel(reader.parse)
    if kernel is not None:
        values, bad = kernel(cell)
    elif lookup is not None:
        values = cell.replace_strict(lookup.cells, lookup.values, default=None, return_dtype=lookup.values.dtype)
        bad = cell.is_in(lookup.refused)
    else:
        raise ValueError(f"no way to read {reader.column}")
    if reader.limit is not None:
        bad = bad | (values.str.len_chars() > reader.limit)
    return values.alias(value_of(reader)), bad.fill_null(value=False).alias(bad_of(reader))


def _lookup(column: pl.Series, parse: CellParser, conventions: Conventions) -> Lookup:
    distinct = column.unique(maintain_order=True)
    known = _dates_read_at_once(distinct, parse, conventions)
    values: list[object] = []
    refused: list[str] = []
    for cell, value in zip(distinct.to_list(), known.to_list() if known is not None else repeat(None), strict=False):
        if value is not None:
            values.append(value)
            continue
        try:
            values.append(parse(cell, conventions))
        except BadValue:
            values.append(None)
            refused.append(cell)
    typed = pl.Series(values, dtype=VALUE_TYPES.get(parse), strict=False)
    return Lookup(cells=distinct, values=typed, refused=refused)


def _dates_read_at_once(distinct: pl.Series, parse: CellParser, conventions: Conventions) -> pl.Series | None:
    """The dates polars reads in the mapping's first format that written back in it give the very cell: for
    those, Python's strptime (which tries that format first) gives the same date. Missing where unsure. Only for
    formats of day, month and four-digit year, which both read alike; Python reads the rest."""
    first = conventions.date_formats[0] if conventions.date_formats else None
    if parse not in DATE_PARSERS or first is None or OTHER_DIRECTIVE.search(first):
        return None
    dates = distinct.str.strptime(pl.Date, first, strict=False)
    return pl.select(pl.when(dates.dt.strftime(first) == distinct).then(dates)).to_series()


def _kernel(parse: CellParser) -> Kernel | None:
    if isinstance(parse, OneOf):
        return _one_of(parse.codes)
    return KERNELS.get(parse)


def _text(cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    return cell, pl.lit(value=False)


def _required_text(cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    return cell, cell == ""


def _count(cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    number = cell.cast(pl.Int64, strict=False)  # missing for "", and for a number too big to store
    return number, (cell != "") & (~cell.str.contains(DIGITS) | number.is_null())


def _urn(cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    number, bad = _count(cell)
    return number, bad | (number == 0)


def _required_urn(cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    number, bad = _urn(cell)
    return number, bad | (cell == "")


def _quintile(cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    number, bad = _count(cell)
    return number, bad | ~number.is_between(1, 5)


def _yes_no(cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    answer = cell.replace_strict(cells.YES_NO, default=None, return_dtype=pl.Boolean)
    return answer, (cell != "") & answer.is_null()


def _required_yes_no(cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    answer, bad = _yes_no(cell)
    return answer, bad | (cell == "")


def _one_of(codes: Collection[str]) -> Kernel:
    allowed = list(codes)

    def kernel(cell: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
        return cell, (cell != "") & ~cell.is_in(allowed)

    return kernel


KERNELS: dict[CellParser, Kernel] = {
    cells.text: _text,
    cells.required_text: _required_text,
    cells.count: _count,
    cells.urn: _urn,
    cells.required_urn: _required_urn,
    cells.quintile: _quintile,
    cells.yes_no: _yes_no,
    cells.required_yes_no: _required_yes_no,
}
